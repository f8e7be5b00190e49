//! Monte Carlo: inputs drawn from distributions, the target ratio computed
//! per draw in `f64` from the caseload's sufficient statistics, summarised as
//! a mean, percentiles and the chance the ratio exceeds 1.
//!
//! Reproducible: the generator is ChaCha12 (`rand_chacha`), seeded from the
//! recorded seed; each input draws from its own stream, in the order the
//! inputs are given. The cost of a draw does not depend on the number of
//! families.

use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha12Rng;
use rand_distr::Distribution as _;
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

use super::Evaluator;

/// A summary is of finite figures within the exact range of an amount
/// (about 7.9 x 10^28): draws beyond it say which figure broke the bound and
/// what to narrow, rather than printing "inf" or a 300-digit number.
fn check_finite(mean: f64, percentiles: &[(f64, f64)]) -> Result<()> {
    const BOUND: f64 = 7.9e28;
    let figures = std::iter::once(("the mean".to_string(), mean)).chain(
        percentiles
            .iter()
            .map(|(p, v)| (format!("percentile {p}"), *v)),
    );
    for (figure, value) in figures {
        if !value.is_finite() || value.abs() > BOUND {
            return Err(Error::OutOfRange {
                at: Location::field("uncertainty.monte_carlo"),
                value: format!("{figure} of the draws, {value:e}"),
                field_rule: "a figure of the draws is finite and within the range of an exact \
                             amount (7.9 x 10^28): narrow the distribution that lets the target \
                             grow without bound (a cost drawn near 0, say)"
                    .into(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
use super::Parameter;
#[cfg(all(test, feature = "nelc"))]
use super::Target;
use super::distributions::{Distribution, MonteCarlo, MonteCarloInput, MonteCarloSummary, SAMPLER};
use super::model::{Model, Slot};
use super::quantiles::{self, Band};
use crate::error::{Error, Location, Result};

/// How many redraws a truncated distribution may take for one value.
const MAX_REDRAWS: u32 = 10_000;

enum Sampler {
    Uniform(rand_distr::Uniform<f64>),
    /// rand_distr's triangular and its (low, mode, high), for the block path.
    Triangular(rand_distr::Triangular<f64>, [f64; 3]),
    Pert(rand_distr::Pert<f64>),
    Normal(rand_distr::Normal<f64>, f64, f64),
    LogNormal(rand_distr::LogNormal<f64>, f64, f64),
    Fixed(f64),
}

impl Sampler {
    fn sample(&self, rng: &mut ChaCha12Rng) -> Option<f64> {
        let truncated = |draw: &mut dyn FnMut() -> f64, lo: f64, hi: f64| {
            (0..MAX_REDRAWS)
                .map(|_| draw())
                .find(|x| *x >= lo && *x <= hi)
        };
        match self {
            Sampler::Uniform(d) => Some(d.sample(rng)),
            Sampler::Triangular(d, _) => Some(d.sample(rng)),
            Sampler::Pert(d) => Some(d.sample(rng)),
            Sampler::Normal(d, lo, hi) => truncated(&mut || d.sample(rng), *lo, *hi),
            Sampler::LogNormal(d, lo, hi) => truncated(&mut || d.sample(rng), *lo, *hi),
            Sampler::Fixed(x) => Some(*x),
        }
    }
}

impl Distribution {
    /// The sampler of a checked distribution.
    fn sampler(&self, at: &Location) -> Result<Sampler> {
        self.validate(at)?;
        let bad = |rule: &str, e: rand_distr::uniform::Error| Error::OutOfRange {
            at: at.clone(),
            value: e.to_string(),
            field_rule: rule.to_string(),
        };
        let other = |rule: &str, e: String| Error::OutOfRange {
            at: at.clone(),
            value: e,
            field_rule: rule.to_string(),
        };
        let bounds = |lo: Option<f64>, hi: Option<f64>| {
            (lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY))
        };
        Ok(match *self {
            Distribution::Uniform { low, high } if low == high => Sampler::Fixed(low),
            Distribution::Uniform { low, high } => Sampler::Uniform(
                rand_distr::Uniform::new_inclusive(low, high)
                    .map_err(|e| bad("a valid uniform range", e))?,
            ),
            Distribution::Triangular { low, high, .. } | Distribution::Pert { low, high, .. }
                if low == high =>
            {
                Sampler::Fixed(low)
            }
            Distribution::Triangular { low, mode, high } => Sampler::Triangular(
                rand_distr::Triangular::new(low, high, mode)
                    .map_err(|e| other("a valid triangular", e.to_string()))?,
                [low, mode, high],
            ),
            Distribution::Pert { low, mode, high } => Sampler::Pert(
                rand_distr::Pert::new(low, high)
                    .with_mode(mode)
                    .map_err(|e| other("a valid PERT", e.to_string()))?,
            ),
            Distribution::Normal { mean, sd: 0.0, .. } => Sampler::Fixed(mean),
            Distribution::Normal {
                mean,
                sd,
                low,
                high,
            } => {
                let (lo, hi) = bounds(low, high);
                enough_kept(normal_share(mean, sd, lo, hi), self, at)?;
                Sampler::Normal(
                    rand_distr::Normal::new(mean, sd)
                        .map_err(|e| other("a valid normal", e.to_string()))?,
                    lo,
                    hi,
                )
            }
            Distribution::LogNormal { mu, sigma: 0.0, .. } => Sampler::Fixed(mu.exp()),
            Distribution::LogNormal {
                mu,
                sigma,
                low,
                high,
            } => {
                let (lo, hi) = bounds(low, high);
                // On the log scale the log-normal is normal.
                let log = |x: f64| if x > 0.0 { x.ln() } else { f64::NEG_INFINITY };
                enough_kept(normal_share(mu, sigma, log(lo), log(hi)), self, at)?;
                Sampler::LogNormal(
                    rand_distr::LogNormal::new(mu, sigma)
                        .map_err(|e| other("a valid log-normal", e.to_string()))?,
                    lo,
                    hi,
                )
            }
        })
    }
}

/// The least share of a distribution its truncation may keep: each kept
/// value then takes at most 100 draws on average, so a run's work is
/// bounded by its draws.
const LEAST_KEPT: f64 = 0.01;

/// Refuse a truncation that keeps too little of its distribution, before any
/// draw.
fn enough_kept(share: f64, d: &Distribution, at: &Location) -> Result<()> {
    if share >= LEAST_KEPT {
        return Ok(());
    }
    Err(Error::OutOfRange {
        at: at.clone(),
        value: format!("{d:?}"),
        field_rule: format!(
            "the truncation keeps {:.4}% of the distribution, and at least 1% is needed \
             (each kept value would take over 100 draws): widen the bounds, or move the \
             distribution toward them",
            share * 100.0
        ),
    })
}

/// The probability that a normal(mean, sd) draw falls in [lo, hi].
fn normal_share(mean: f64, sd: f64, lo: f64, hi: f64) -> f64 {
    let cdf = |x: f64| 0.5 * erfc(-(x - mean) / (sd * std::f64::consts::SQRT_2));
    (cdf(hi) - cdf(lo)).max(0.0)
}

/// The complementary error function, to a relative error below 1.2 x 10^-7
/// (the Chebyshev fit of Press et al., Numerical Recipes, 6.2): enough to
/// tell a share of 1% from one of 0.99%.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = [
        -1.265_512_23,
        1.000_023_68,
        0.374_091_96,
        0.096_784_18,
        -0.186_288_06,
        0.278_868_07,
        -1.135_203_98,
        1.488_515_87,
        -0.822_152_23,
        0.170_872_77,
    ]
    .iter()
    .rev()
    .fold(0.0, |acc, c| c + t * acc);
    let r = t * (-z * z + poly).exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

impl Evaluator {
    /// Run a Monte Carlo simulation of the target ratio.
    ///
    /// ```
    /// use froi::uncertainty::{Distribution, Evaluator, MonteCarlo, MonteCarloInput, Parameter, Target};
    /// let scenario = froi::nelc_2020::programme_by_rule().unwrap();
    /// let eval = Evaluator::new(&scenario, Target::Annual("high".into())).unwrap();
    /// let run = MonteCarlo {
    ///     inputs: vec![MonteCarloInput {
    ///         parameter: Parameter::CasesPerYear,
    ///         distribution: Distribution::Triangular { low: 70.0, mode: 83.0, high: 95.0 },
    ///     }],
    ///     draws: 10_000,
    ///     seed: 2020,
    ///     percentiles: vec![5.0, 50.0, 95.0],
    /// };
    /// let summary = eval.monte_carlo(&run).unwrap();
    /// assert_eq!(summary, eval.monte_carlo(&run).unwrap()); // same seed, same draws
    /// assert!(summary.p_ratio_above_1 > 0.99);
    /// ```
    pub fn monte_carlo(&self, run: &MonteCarlo) -> Result<MonteCarloSummary> {
        let threshold = self.threshold().to_f64().unwrap_or(1.0);
        let n = run.draws as usize;
        // One read of every draw: the sum in draw order (as a sum over a
        // vector of them would be), the count above the threshold, and each
        // percentile's band. The first draws, the pilot, are held (sorted)
        // until the bands are placed, then counted in; order does not
        // matter to a band.
        let (mut sum, mut above) = (-0.0_f64, 0usize);
        let mut tally = |values: &[f64]| {
            for v in values {
                sum += v;
                above += usize::from(*v > threshold);
            }
        };
        let mut stream = Draws::new(self, run)?;
        let mut block = Vec::with_capacity(BLOCK);
        let size = quantiles::pilot_size(n, BLOCK);
        let mut pilot = Vec::with_capacity(size + BLOCK);
        while pilot.len() < size && stream.next_block(&mut block)? {
            tally(&block);
            pilot.extend_from_slice(&block);
        }
        pilot.sort_by(f64::total_cmp);
        let mut bands: Vec<Band> = run
            .percentiles
            .iter()
            .map(|p| Band::from_pilot(*p, &pilot, n))
            .collect();
        for band in &mut bands {
            pilot.iter().for_each(|v| band.add(*v));
        }
        drop(pilot);
        while stream.next_block(&mut block)? {
            tally(&block);
            for band in &mut bands {
                block.iter().for_each(|v| band.add(*v));
            }
        }
        let mut percentiles = Vec::with_capacity(bands.len());
        for (p, band) in run.percentiles.iter().zip(&mut bands) {
            let value = match band.resolve(n) {
                Ok(v) => v,
                // The pilot misplaced the band: read the draws again (the
                // same seed gives the same draws) with it widened.
                Err(below) => {
                    let mut again = band.widened(below);
                    let mut stream = Draws::new(self, run)?;
                    while stream.next_block(&mut block)? {
                        block.iter().for_each(|v| again.add(*v));
                    }
                    again.resolve(n).unwrap_or(f64::NAN)
                }
            };
            percentiles.push((*p, value));
        }
        let n = n as f64;
        check_finite(sum / n, &percentiles)?;
        Ok(MonteCarloSummary {
            target: self.target.to_string(),
            draws: run.draws,
            seed: run.seed,
            sampler: SAMPLER.to_string(),
            deterministic: self.base()?.value().to_f64().unwrap_or(f64::NAN),
            mean: sum / n,
            percentiles,
            p_ratio_above_1: above as f64 / n,
            drawn: run.inputs.iter().map(|i| i.parameter.to_string()).collect(),
        })
    }

    /// Every draw's target ratio, in draw order (memory grows with the
    /// draws: for a chart or an export; [`Evaluator::monte_carlo`] keeps
    /// only what its summary needs). With the `parallel` feature each block's
    /// inputs are drawn on all cores; the draws are the same.
    pub fn monte_carlo_draws(&self, run: &MonteCarlo) -> Result<Vec<f64>> {
        let mut stream = Draws::new(self, run)?;
        let mut out = Vec::with_capacity(run.draws as usize);
        let mut block = Vec::with_capacity(BLOCK);
        while stream.next_block(&mut block)? {
            out.extend_from_slice(&block);
        }
        Ok(out)
    }
}

/// `if c { a } else { b }` by bit masks: no branch, so a loop of it vectorises.
#[inline(always)]
fn select(c: bool, a: f64, b: f64) -> f64 {
    let mask = u64::from(c).wrapping_neg();
    f64::from_bits((a.to_bits() & mask) | (b.to_bits() & !mask))
}

/// Draws made at a time: each input's column of a block is drawn from its
/// own stream, so the draws do not depend on the block size.
const BLOCK: usize = 1 << 14;

/// One uncertain input as it is drawn: where it goes, its sampler, its
/// stream, and this block's values.
pub(super) struct Column<'a> {
    input: &'a MonteCarloInput,
    at: Location,
    pub(super) slot: Slot,
    sampler: Sampler,
    rng: ChaCha12Rng,
    pub(super) values: Vec<f64>,
}

impl Column<'_> {
    /// The next `n` draws of this input. The sampler is chosen once per
    /// block, not per draw; the stream is consumed exactly as one draw at a
    /// time would consume it.
    fn fill(&mut self, n: usize) -> Result<()> {
        self.values.clear();
        let rng = &mut self.rng;
        match &self.sampler {
            Sampler::Uniform(d) => self.values.extend((0..n).map(|_| d.sample(rng))),
            Sampler::Triangular(_, [low, mode, high]) => {
                // rand_distr's inverse CDF, operation for operation, over the
                // block: the uniforms first (the stream consumed as one draw
                // at a time consumes it), then both branches as a select, so
                // the loop vectorises and no branch is mispredicted. Tested
                // against rand_distr draw for draw.
                self.values
                    .extend((0..n).map(|_| rng.sample::<f64, _>(rand::distr::StandardUniform)));
                let (low, high) = (*low, *high);
                let (below, range, above) = (mode - low, high - low, high - mode);
                for v in &mut self.values {
                    let f_range = *v * range;
                    let lower = f_range < below;
                    let root = select(lower, f_range * below, (range - f_range) * above).sqrt();
                    *v = select(lower, low + root, high - root);
                }
            }
            Sampler::Pert(d) => self.values.extend((0..n).map(|_| d.sample(rng))),
            Sampler::Fixed(x) => self.values.resize(n, *x),
            truncated => {
                for _ in 0..n {
                    let v = truncated.sample(rng).ok_or_else(|| Error::OutOfRange {
                        at: self.at.clone(),
                        value: format!("{:?}", self.input.distribution),
                        field_rule: format!(
                            "the truncation bounds kept none of {MAX_REDRAWS} draws"
                        ),
                    })?;
                    self.values.push(v);
                }
            }
        }
        Ok(())
    }
}

/// The draws of a run, block by block, in draw order.
struct Draws<'a> {
    eval: &'a Evaluator,
    model: Option<Model>,
    columns: Vec<Column<'a>>,
    left: usize,
}

/// A run's draws, their work and its percentiles within the stated bounds
/// (docs/errors.md, "A Monte Carlo run is bounded in work").
fn within_bounds(eval: &Evaluator, run: &MonteCarlo) -> Result<()> {
    if run.draws == 0 || run.draws > MonteCarlo::MAX_DRAWS {
        return Err(Error::OutOfRange {
            at: Location::field("monte_carlo.draws"),
            value: run.draws.to_string(),
            field_rule: MonteCarlo::draws_rule(),
        });
    }
    if eval.target().is_over_time() && run.draws > MonteCarlo::MAX_DRAWS_OVER_TIME {
        return Err(Error::OutOfRange {
            at: Location::field("monte_carlo.draws"),
            value: run.draws.to_string(),
            field_rule: MonteCarlo::over_time_draws_rule(),
        });
    }
    if let Some(rule) = eval
        .programme()
        .filter(|_| eval.target().is_over_time())
        .and_then(|p| MonteCarlo::work_rule(run.draws, p.stream_years()))
    {
        return Err(Error::OutOfRange {
            at: Location::field("monte_carlo.draws"),
            value: run.draws.to_string(),
            field_rule: rule,
        });
    }
    if run.percentiles.len() > MonteCarlo::MAX_PERCENTILES {
        return Err(Error::OutOfRange {
            at: Location::field("monte_carlo.percentiles"),
            value: format!("{} percentiles", run.percentiles.len()),
            field_rule: format!(
                "a run reports at most {} percentiles",
                MonteCarlo::MAX_PERCENTILES
            ),
        });
    }
    for p in &run.percentiles {
        if !(0.0..=100.0).contains(p) {
            return Err(Error::OutOfRange {
                at: Location::field("monte_carlo.percentiles"),
                value: p.to_string(),
                field_rule: "a percentile lies in [0, 100]".into(),
            });
        }
    }
    Ok(())
}

impl<'a> Draws<'a> {
    fn new(eval: &'a Evaluator, run: &'a MonteCarlo) -> Result<Draws<'a>> {
        within_bounds(eval, run)?;
        for input in &run.inputs {
            input.check_support()?;
        }
        // A family target is computed per draw in f64 from the tallies; a
        // target over time re-appraises the programme exactly per draw.
        let model = if eval.target().is_over_time() {
            None
        } else {
            Some(Model::new(eval)?)
        };
        // Each input draws from its own ChaCha stream, in input order.
        let columns = run
            .inputs
            .iter()
            .enumerate()
            .map(|(i, input)| {
                let at = Location::field(format!("monte_carlo.input {}", input.parameter));
                let slot = match &model {
                    Some(m) => m.slot(eval, &input.parameter, &at)?,
                    None => Slot::Exact,
                };
                let sampler = input.distribution.sampler(&at)?;
                let mut rng = ChaCha12Rng::seed_from_u64(run.seed);
                rng.set_stream(i as u64);
                Ok(Column {
                    input,
                    at,
                    slot,
                    sampler,
                    rng,
                    values: Vec::with_capacity(BLOCK),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Draws {
            eval,
            model,
            columns,
            left: run.draws as usize,
        })
    }

    /// The next block's ratios into `out` (cleared first); `false` when
    /// every draw has been made.
    fn next_block(&mut self, out: &mut Vec<f64>) -> Result<bool> {
        out.clear();
        let n = self.left.min(BLOCK);
        if n == 0 {
            return Ok(false);
        }
        self.left -= n;
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            self.columns
                .par_iter_mut()
                .map(|c| c.fill(n))
                .collect::<Result<Vec<()>>>()?;
        }
        #[cfg(not(feature = "parallel"))]
        for c in &mut self.columns {
            c.fill(n)?;
        }
        match &self.model {
            Some(model) => model.ratios(
                self.columns.iter().map(|c| (c.slot, c.values.as_slice())),
                n,
                out,
            ),
            None => {
                for d in 0..n {
                    let overrides = self
                        .columns
                        .iter()
                        .map(|c| {
                            let v = c.values.get(d).copied().unwrap_or(f64::NAN);
                            let v = Decimal::from_f64(v).ok_or_else(|| Error::OutOfRange {
                                at: c.at.clone(),
                                value: v.to_string(),
                                field_rule: "a draw a decimal can hold".into(),
                            })?;
                            Ok((c.input.parameter.clone(), v))
                        })
                        .collect::<Result<Vec<_>>>()?;
                    let value = self.eval.ratio_with(&overrides)?.value();
                    out.push(value.to_f64().unwrap_or(f64::NAN));
                }
            }
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_function_and_a_normal_share_match_their_tables() {
        for (x, want) in [
            (0.0, 1.0),
            (1.0, 0.157_299_207),
            (-1.0, 1.842_700_793),
            (3.0, 2.209e-5),
        ] {
            assert!(
                ((erfc(x) - want) / want).abs() < 2e-4,
                "erfc({x}) = {}",
                erfc(x)
            );
        }
        assert!((normal_share(0.0, 1.0, -1.96, 1.96) - 0.95).abs() < 1e-4);
        assert_eq!(
            normal_share(0.0, 1.0, f64::NEG_INFINITY, f64::INFINITY),
            1.0
        );
        // Three to four standard deviations out: 0.13% kept, refused.
        let tail = Distribution::Normal {
            mean: 0.0,
            sd: 1.0,
            low: Some(3.0),
            high: Some(4.0),
        };
        let err = tail
            .sampler(&Location::field("d"))
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("keeps 0.13")));
        // Past 2.3 standard deviations: 1.07% kept, allowed.
        let edge = Distribution::Normal {
            mean: 0.0,
            sd: 1.0,
            low: Some(2.3),
            high: None,
        };
        assert!(edge.sampler(&Location::field("d")).is_ok());
    }

    fn at() -> Location {
        Location::field("test")
    }

    fn draws(d: &Distribution, n: usize) -> Vec<f64> {
        let sampler = d.sampler(&at()).unwrap();
        let mut rng = ChaCha12Rng::seed_from_u64(1);
        (0..n).filter_map(|_| sampler.sample(&mut rng)).collect()
    }

    /// A block of draws from `d` equals one draw at a time from the same
    /// stream, to the bit.
    fn block_is_one_at_a_time(d: Distribution, seed: u64, n: usize) {
        let sampler = d.sampler(&at()).unwrap();
        let input = MonteCarloInput {
            parameter: Parameter::Deadweight,
            distribution: d.clone(),
        };
        let mut column = Column {
            input: &input,
            at: at(),
            slot: Slot::Deadweight,
            sampler: input.distribution.sampler(&at()).unwrap(),
            rng: ChaCha12Rng::seed_from_u64(seed),
            values: Vec::new(),
        };
        let mut rng = ChaCha12Rng::seed_from_u64(seed);
        // Two blocks: the stream carries on from one to the next.
        for _ in 0..2 {
            column.fill(n).unwrap();
            for v in &column.values {
                let one = sampler.sample(&mut rng).unwrap();
                assert_eq!(v.to_bits(), one.to_bits(), "{d:?}");
            }
        }
    }

    #[test]
    fn a_block_of_draws_is_the_samplers_draws_one_at_a_time() {
        for d in [
            Distribution::Uniform {
                low: 0.0,
                high: 0.3,
            },
            Distribution::Pert {
                low: 1.0,
                mode: 2.0,
                high: 4.0,
            },
            Distribution::Normal {
                mean: 0.0,
                sd: 1.0,
                low: Some(-0.5),
                high: Some(2.0),
            },
            Distribution::LogNormal {
                mu: 0.0,
                sigma: 0.5,
                low: None,
                high: None,
            },
            Distribution::Uniform {
                low: 5.0,
                high: 5.0,
            },
        ] {
            block_is_one_at_a_time(d, 7, 1000);
        }
    }

    proptest::proptest! {
        /// The block path's triangular (the inverse CDF by selects) is
        /// rand_distr's, draw for draw, for any ordered low, mode, high
        /// (a mode at either end included) and any seed.
        #[test]
        fn the_block_triangular_is_rand_distrs(
            low in -1e6..1e6f64,
            spread in 0.0..1e6f64,
            at_mode in proptest::prop_oneof![proptest::strategy::Just(0.0), proptest::strategy::Just(1.0), 0.0..1.0f64],
            seed in proptest::prelude::any::<u64>(),
        ) {
            let high = low + spread;
            let mode = (low + at_mode * spread).clamp(low, high);
            block_is_one_at_a_time(Distribution::Triangular { low, mode, high }, seed, 300);
        }
    }

    /// The block's ratios are [`Model::ratio`]'s for each draw, to the bit:
    /// every input drawn, some drawn, none, for an annual and a cohort target.
    #[cfg(feature = "nelc")]
    #[test]
    fn block_ratios_are_each_draws_ratio() {
        let file = crate::nelc_2020::programme_file("scenario_by_rule.toml").unwrap();
        let spec = file.uncertainty.unwrap();
        let all = spec.monte_carlo.unwrap();
        let mut some = all.clone();
        some.inputs.retain(|i| {
            matches!(&i.parameter, Parameter::UnitValue(id) if id == "CP")
                || i.parameter == Parameter::Deadweight
        });
        assert_eq!(some.inputs.len(), 2);
        let none = MonteCarlo {
            inputs: Vec::new(),
            ..all.clone()
        };
        let mut unit_cost = some.clone();
        unit_cost.inputs = vec![MonteCarloInput {
            parameter: Parameter::UnitCost,
            distribution: Distribution::Uniform {
                low: 1000.0,
                high: 1500.0,
            },
        }];
        let annual = Evaluator::new(&file.programme, spec.target.clone()).unwrap();
        let cohort = Evaluator::new(&file.programme, Target::Cohort(2)).unwrap();
        for (eval, run) in [
            (&annual, &all),
            (&annual, &some),
            (&annual, &none),
            (&cohort, &some),
            (&cohort, &unit_cost),
        ] {
            let run = MonteCarlo {
                draws: 3000,
                ..run.clone()
            };
            let mut draws = Draws::new(eval, &run).unwrap();
            let mut out = Vec::new();
            let mut checked = 0;
            while draws.next_block(&mut out).unwrap() {
                let model = draws.model.as_ref().unwrap();
                for (d, ratio) in out.iter().enumerate() {
                    let mut x = model.base.clone();
                    for c in &draws.columns {
                        c.slot.set(&mut x, c.values[d]);
                    }
                    assert_eq!(ratio.to_bits(), model.ratio(&x).to_bits());
                    checked += 1;
                }
            }
            assert_eq!(checked, 3000);
        }
    }

    fn refused(d: Distribution) -> bool {
        d.validate(&at()).is_err()
    }

    #[test]
    fn degenerate_distributions_are_accepted_and_fixed() {
        let uniform = Distribution::Uniform {
            low: 5.0,
            high: 5.0,
        };
        assert_eq!(draws(&uniform, 3), [5.0; 3]);
        let pert = Distribution::Pert {
            low: 2.0,
            mode: 2.0,
            high: 2.0,
        };
        assert_eq!(draws(&pert, 2), [2.0; 2]);
        let normal = Distribution::Normal {
            mean: 83.0,
            sd: 0.0,
            low: None,
            high: None,
        };
        assert_eq!(draws(&normal, 2), [83.0; 2]);
        let log_normal = Distribution::LogNormal {
            mu: 0.0,
            sigma: 0.0,
            low: None,
            high: None,
        };
        assert_eq!(draws(&log_normal, 2), [1.0; 2]);
    }

    #[test]
    fn a_mode_at_either_end_is_allowed() {
        for (low, mode, high) in [(1.0, 3.0, 3.0), (1.0, 1.0, 3.0)] {
            let t = Distribution::Triangular { low, mode, high };
            assert!(draws(&t, 200).iter().all(|x| (low..=high).contains(x)));
        }
    }

    #[test]
    fn spread_distributions_spread_and_truncation_holds() {
        let log_normal = Distribution::LogNormal {
            mu: 0.0,
            sigma: 0.5,
            low: None,
            high: None,
        };
        let xs = draws(&log_normal, 50);
        // A spread distribution does not repeat its first draw fifty times.
        assert!(xs.iter().any(|x| *x != xs[0]));
        let truncated = Distribution::Normal {
            mean: 0.0,
            sd: 1.0,
            low: Some(-0.5),
            high: Some(0.5),
        };
        let xs = draws(&truncated, 1000);
        assert_eq!(xs.len(), 1000);
        assert!(xs.iter().all(|x| (-0.5..=0.5).contains(x)));
    }

    #[test]
    fn out_of_range_parameters_are_refused() {
        assert!(refused(Distribution::Triangular {
            low: 1.0,
            mode: 4.0,
            high: 3.0
        }));
        assert!(refused(Distribution::Uniform {
            low: 2.0,
            high: 1.0
        }));
        let normal = |low: Option<f64>, high: Option<f64>| Distribution::Normal {
            mean: 0.0,
            sd: 1.0,
            low,
            high,
        };
        assert!(refused(normal(Some(f64::NAN), Some(1.0))));
        assert!(refused(normal(Some(-1.0), Some(f64::NAN))));
        assert!(refused(normal(Some(5.0), Some(5.0))));
        assert!(!refused(normal(Some(-1.0), None)));
        let log_normal = |mu: f64, sigma: f64| Distribution::LogNormal {
            mu,
            sigma,
            low: None,
            high: None,
        };
        assert!(refused(log_normal(0.0, -1.0)));
        assert!(refused(log_normal(f64::INFINITY, 1.0)));
        assert!(!refused(log_normal(1.0, 0.5)));
    }
}
