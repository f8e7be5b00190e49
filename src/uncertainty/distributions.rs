//! The uncertain inputs of a Monte Carlo run and what a run reports:
//! plain data, checked without drawing (the drawing itself is the
//! `monte-carlo` feature).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Parameter;
use crate::error::{Error, Location, Result};

/// A distribution for an uncertain input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "distribution")]
#[non_exhaustive]
pub enum Distribution {
    /// Uniform on `[low, high]`.
    Uniform {
        /// Lower bound.
        low: f64,
        /// Upper bound.
        high: f64,
    },
    /// Triangular with a mode.
    Triangular {
        /// Lower bound.
        low: f64,
        /// Most likely value.
        mode: f64,
        /// Upper bound.
        high: f64,
    },
    /// PERT (a scaled beta with shape 4).
    Pert {
        /// Lower bound.
        low: f64,
        /// Most likely value.
        mode: f64,
        /// Upper bound.
        high: f64,
    },
    /// Normal, optionally truncated to `[low, high]` (by redrawing).
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation.
        sd: f64,
        /// Optional lower bound.
        low: Option<f64>,
        /// Optional upper bound.
        high: Option<f64>,
    },
    /// Log-normal: `exp(N(mu, sigma))`, optionally truncated.
    LogNormal {
        /// Mean of the logarithm.
        mu: f64,
        /// Standard deviation of the logarithm.
        sigma: f64,
        /// Optional lower bound.
        low: Option<f64>,
        /// Optional upper bound.
        high: Option<f64>,
    },
}

impl Distribution {
    /// Check the parameters (finite, `low <= mode <= high`, `sd >= 0`,
    /// truncation bounds `low < high`), naming `at` in the error.
    pub fn validate(&self, at: &Location) -> Result<()> {
        let bad = |rule: &str, value: String| Error::OutOfRange {
            at: at.clone(),
            value,
            field_rule: rule.to_string(),
        };
        let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite());
        let ordered = |lo: f64, mode: f64, hi: f64| -> Result<()> {
            if !finite(&[lo, mode, hi]) || lo > mode || mode > hi {
                return Err(bad(
                    "a distribution needs finite low <= mode <= high",
                    format!("low {lo}, mode {mode}, high {hi}"),
                ));
            }
            Ok(())
        };
        let bounds = |lo: Option<f64>, hi: Option<f64>| -> Result<()> {
            let (lo, hi) = (lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY));
            if lo.is_nan() || hi.is_nan() || lo >= hi {
                return Err(bad(
                    "truncation bounds need low < high",
                    format!("low {lo}, high {hi}"),
                ));
            }
            Ok(())
        };
        match *self {
            Distribution::Uniform { low, high } => ordered(low, low, high),
            Distribution::Triangular { low, mode, high }
            | Distribution::Pert { low, mode, high } => ordered(low, mode, high),
            Distribution::Normal {
                mean,
                sd,
                low,
                high,
            } => {
                if !finite(&[mean, sd]) || sd < 0.0 {
                    return Err(bad(
                        "a normal needs a finite mean and sd >= 0",
                        format!("mean {mean}, sd {sd}"),
                    ));
                }
                bounds(low, high)
            }
            Distribution::LogNormal {
                mu,
                sigma,
                low,
                high,
            } => {
                if !finite(&[mu, sigma]) || sigma < 0.0 {
                    return Err(bad(
                        "a log-normal needs a finite mu and sigma >= 0",
                        format!("mu {mu}, sigma {sigma}"),
                    ));
                }
                bounds(low, high)
            }
        }
    }
}

/// One uncertain input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonteCarloInput {
    /// The parameter drawn.
    pub parameter: Parameter,
    /// Its distribution.
    pub distribution: Distribution,
}

/// A Monte Carlo run's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonteCarlo {
    /// The uncertain inputs.
    pub inputs: Vec<MonteCarloInput>,
    /// Number of draws, 1 to [`MonteCarlo::MAX_DRAWS`].
    pub draws: u32,
    /// The seed.
    pub seed: u64,
    /// Percentiles to report, each in [0, 100].
    pub percentiles: Vec<f64>,
}

impl MonteCarlo {
    /// The most draws a run makes: a bound on its run time, and on the
    /// memory of [`Evaluator::monte_carlo_draws`](crate::uncertainty::Evaluator::monte_carlo_draws),
    /// which keeps every draw (80 MB at the limit).
    /// [`Evaluator::monte_carlo`](crate::uncertainty::Evaluator::monte_carlo)
    /// draws in blocks and keeps only what its summary needs.
    pub const MAX_DRAWS: u32 = 10_000_000;

    /// The most draws of a target over time (an NPV, a ratio over years, a
    /// payback year): each draw re-appraises the programme exactly, about
    /// 16 microseconds for the shipped programmes on one core, so the bound
    /// keeps a run to seconds, not minutes. A family target draws from
    /// tallies in floating point and takes [`MonteCarlo::MAX_DRAWS`].
    pub const MAX_DRAWS_OVER_TIME: u32 = 1_000_000;

    /// The most draw-stream-years a run of a target over time may take
    /// (draws x the programme's [`Programme::stream_years`](crate::Programme::stream_years)):
    /// each draw re-appraises the programme, about 15 microseconds for a
    /// small one and 0.4 a stream-year for a large one (measured 2026-12-06,
    /// release build, one core), so the bound keeps a run under 10 seconds
    /// whatever the programme's size: 12 stream-years take at most 416,666
    /// draws (6.5 s), 10,100 at most 495 (2.1 s).
    pub const MAX_DRAW_STREAM_YEARS: u64 = 5_000_000;

    /// The draws a target over time of `stream_years` may take, and the
    /// rule an error states.
    #[cfg_attr(not(any(feature = "files", feature = "monte-carlo")), allow(dead_code))]
    pub(crate) fn work_rule(draws: u32, stream_years: u64) -> Option<String> {
        let work = u64::from(draws).saturating_mul(stream_years);
        (work > Self::MAX_DRAW_STREAM_YEARS).then(|| {
            let most = Self::MAX_DRAW_STREAM_YEARS / stream_years.max(1);
            format!(
                "each draw re-appraises the programme's {stream_years} stream-years (streams x \
                 years), and a run takes at most {} draw-stream-years (a bound on run time): at \
                 most {most} draws here; draw fewer, or shorten the horizon or merge streams",
                crate::money::grouped(
                    Decimal::from(Self::MAX_DRAW_STREAM_YEARS),
                    crate::money::Rounding::half_up(0)
                )
            )
        })
    }

    /// The most percentiles a run reports: every whole percentile and the
    /// median, and no more (each one keeps a band of draws).
    pub const MAX_PERCENTILES: usize = 101;

    /// The bound on the draws of a target over time, as an error states it.
    #[cfg_attr(not(any(feature = "files", feature = "monte-carlo")), allow(dead_code))]
    pub(crate) fn over_time_draws_rule() -> String {
        format!(
            "a target over time re-appraises the programme every draw: at most {} draws \
             (a bound on run time)",
            crate::money::grouped(
                Decimal::from(Self::MAX_DRAWS_OVER_TIME),
                crate::money::Rounding::half_up(0)
            )
        )
    }

    // For the file reader and the simulation, each behind a feature.
    #[cfg_attr(not(any(feature = "files", feature = "monte-carlo")), allow(dead_code))]
    pub(crate) fn draws_rule() -> String {
        format!(
            "draws are a whole number, 1 to {} (a bound on run time)",
            crate::money::grouped(
                Decimal::from(Self::MAX_DRAWS),
                crate::money::Rounding::half_up(0)
            )
        )
    }
}

/// What a Monte Carlo run gives, with what is needed to reproduce it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MonteCarloSummary {
    /// The target.
    pub target: String,
    /// Draws made.
    pub draws: u32,
    /// The seed.
    pub seed: u64,
    /// The generator and samplers, named.
    pub sampler: String,
    /// The target ratio with every input at its base value (exact, then as `f64`).
    pub deterministic: f64,
    /// Mean of the ratio over the draws.
    pub mean: f64,
    /// (percentile, value), as asked.
    pub percentiles: Vec<(f64, f64)>,
    /// Share of draws above the target's threshold: a ratio above 1, or an
    /// NPV (or net ratio) above 0.
    pub p_ratio_above_1: f64,
    /// The parameters drawn, by id (`deadweight`, `unit_value.LAC`), so a
    /// reader of the summary knows what was held and what moved.
    #[serde(default)]
    pub drawn: Vec<String>,
}

impl Distribution {
    /// The smallest and largest value a draw can take (`None`: unbounded).
    pub fn support(&self) -> (Option<f64>, Option<f64>) {
        match *self {
            Distribution::Uniform { low, high }
            | Distribution::Triangular { low, high, .. }
            | Distribution::Pert { low, high, .. } => (Some(low), Some(high)),
            Distribution::Normal { low, high, .. } => (low, high),
            Distribution::LogNormal { low, high, .. } => (Some(low.unwrap_or(0.0).max(0.0)), high),
        }
    }
}

impl MonteCarloInput {
    /// Check, before any draw, that every value the distribution can give is
    /// one the parameter may take (a fraction in [0, 1], a unit value not
    /// negative, a cost positive ...): a draw outside would be meaningless.
    pub fn check_support(&self) -> Result<()> {
        let at = Location::field(format!("monte_carlo.input {}", self.parameter));
        self.distribution.validate(&at)?;
        let (low, high, high_closed, low_closed) = self.parameter.valid_range();
        let (lo, hi) = self.distribution.support();
        let below = match lo {
            None => true,
            Some(lo) if low_closed => lo < low,
            Some(lo) => lo <= low,
        };
        let above = match (high, hi) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(h), Some(hi)) if high_closed => hi > h,
            (Some(h), Some(hi)) => hi >= h,
        };
        if below || above {
            let bound = |b: Option<f64>| b.map_or("unbounded".to_string(), |b| b.to_string());
            return Err(Error::OutOfRange {
                at,
                value: format!("draws from {} to {}", bound(lo), bound(hi)),
                field_rule: format!(
                    "{} takes values in {}; bound or truncate the distribution to that range",
                    self.parameter,
                    self.parameter.range_text()
                ),
            });
        }
        Ok(())
    }
}

/// The name of the generator and samplers, recorded in every summary.
pub const SAMPLER: &str = "ChaCha12Rng (rand_chacha 0.9), one stream per input in input order; \
                           rand_distr 0.5 samplers; truncation by redrawing";
