//! A programme file's `[uncertainty]` table, as the structs its reader reads.

use toml::Spanned;

use crate::error::{Error, Location, Result};
use crate::load::doc::{DecimalText, at_nowhere};
use crate::load::uncertainty::{
    RawInput, RawMonteCarlo, RawOneWay, RawScenario, RawSwitching, RawUncertainty,
};
use crate::uncertainty::{Distribution, MonteCarlo, MonteCarloInput, Target, UncertaintySpec};

/// The `[uncertainty]` table of `u`.
pub(super) fn raw(u: &UncertaintySpec) -> Result<RawUncertainty> {
    // A file names no search range: the default one is used.
    if u.switching.iter().any(|(_, range)| range.is_some()) {
        return Err(Error::Unknown {
            at: Location::field("uncertainty.switching"),
            what: "switching search range that a programme file can name".into(),
            value: "a custom range".into(),
            expected: "the default range".into(),
        });
    }
    Ok(RawUncertainty {
        target: at_nowhere(target(&u.target)),
        scenario: u
            .scenarios
            .iter()
            .map(|(name, overrides)| RawScenario {
                name: at_nowhere(name.clone()),
                overrides: overrides
                    .iter()
                    .map(|(p, v)| (p.to_string(), DecimalText::of(*v)))
                    .collect(),
            })
            .collect(),
        one_way: u
            .one_way
            .iter()
            .map(|o| RawOneWay {
                parameter: at_nowhere(o.parameter.to_string()),
                low: Some(DecimalText::of(o.low)),
                high: Some(DecimalText::of(o.high)),
            })
            .collect(),
        switching: (!u.switching.is_empty()).then(|| RawSwitching {
            parameters: u
                .switching
                .iter()
                .map(|(p, _)| at_nowhere(p.to_string()))
                .collect(),
        }),
        monte_carlo: u.monte_carlo.as_ref().map(monte_carlo).transpose()?,
    })
}

/// The word a file names a target by (what [`Target::parse`] reads).
fn target(t: &Target) -> String {
    match t {
        Target::Annual(name) => format!("annual:{name}"),
        Target::Cohort(c) => format!("cohort:{c}"),
        Target::Npv => "npv".into(),
        Target::Bcr => "bcr".into(),
        Target::FiscalBcr => "fiscal_bcr".into(),
        Target::NetRatio => "net_ratio".into(),
        Target::Payback => "payback".into(),
    }
}

fn monte_carlo(mc: &MonteCarlo) -> Result<RawMonteCarlo> {
    Ok(RawMonteCarlo {
        draws: at_nowhere(i64::from(mc.draws)),
        seed: at_nowhere(i64::try_from(mc.seed).map_err(|_| Error::OutOfRange {
            at: Location::field("uncertainty.monte_carlo.seed"),
            value: mc.seed.to_string(),
            field_rule: "a seed a programme file can hold (at most 2^63 - 1)".into(),
        })?),
        percentiles: mc
            .percentiles
            .iter()
            .map(|p| float_text(*p))
            .collect::<Result<_>>()?,
        input: mc.inputs.iter().map(input).collect::<Result<_>>()?,
    })
}

/// A float as decimal text: the shortest text that reads back to the same
/// float.
fn float_text(x: f64) -> Result<Spanned<DecimalText>> {
    if !x.is_finite() {
        return Err(Error::OutOfRange {
            at: Location::field("uncertainty.monte_carlo"),
            value: x.to_string(),
            field_rule: "a finite number".into(),
        });
    }
    Ok(at_nowhere(DecimalText(format!("{x}"))))
}

fn input(i: &MonteCarloInput) -> Result<RawInput> {
    let f = |x: f64| float_text(x).map(Some);
    let opt = |x: Option<f64>| x.map(float_text).transpose();
    let mut raw = RawInput {
        parameter: at_nowhere(i.parameter.to_string()),
        distribution: at_nowhere(String::new()),
        low: None,
        mode: None,
        high: None,
        mean: None,
        sd: None,
        mu: None,
        sigma: None,
    };
    let name = match i.distribution {
        Distribution::Uniform { low, high } => {
            (raw.low, raw.high) = (f(low)?, f(high)?);
            "uniform"
        }
        Distribution::Triangular { low, mode, high } => {
            (raw.low, raw.mode, raw.high) = (f(low)?, f(mode)?, f(high)?);
            "triangular"
        }
        Distribution::Pert { low, mode, high } => {
            (raw.low, raw.mode, raw.high) = (f(low)?, f(mode)?, f(high)?);
            "pert"
        }
        Distribution::Normal {
            mean,
            sd,
            low,
            high,
        } => {
            (raw.mean, raw.sd, raw.low, raw.high) = (f(mean)?, f(sd)?, opt(low)?, opt(high)?);
            "normal"
        }
        Distribution::LogNormal {
            mu,
            sigma,
            low,
            high,
        } => {
            (raw.mu, raw.sigma, raw.low, raw.high) = (f(mu)?, f(sigma)?, opt(low)?, opt(high)?);
            "log_normal"
        }
    };
    raw.distribution = at_nowhere(name.to_string());
    Ok(raw)
}
