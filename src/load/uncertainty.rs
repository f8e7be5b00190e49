//! The `[uncertainty]` table of a programme file.

use std::cell::RefCell;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::doc::{DecimalText, Doc};
use crate::benefits::ValueRange;
use crate::error::{Error, Location, Result};
use crate::uncertainty::{
    Distribution, Evaluator, MonteCarlo, MonteCarloInput, OneWay, Parameter, Target,
    UncertaintySpec,
};

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUncertainty {
    pub(super) target: Spanned<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) scenario: Vec<RawScenario>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) one_way: Vec<RawOneWay>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) switching: Option<RawSwitching>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) monte_carlo: Option<RawMonteCarlo>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScenario {
    pub(super) name: Spanned<String>,
    pub(super) overrides: BTreeMap<String, Spanned<DecimalText>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOneWay {
    pub(super) parameter: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) low: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) high: Option<Spanned<DecimalText>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSwitching {
    pub(super) parameters: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMonteCarlo {
    pub(super) draws: Spanned<i64>,
    pub(super) seed: Spanned<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) percentiles: Vec<Spanned<DecimalText>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) input: Vec<RawInput>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInput {
    pub(super) parameter: Spanned<String>,
    pub(super) distribution: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) low: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) mode: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) high: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) mean: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) sd: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) mu: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) sigma: Option<Spanned<DecimalText>>,
}

/// What a target may name, and where each parameter stands in the file (so
/// that, once the scenario is built, each can be checked against it with an
/// error naming its line: see [`check`]).
pub(super) struct Known<'a> {
    /// Whether the appraisal is a programme (no family appraisal).
    pub(super) programme: bool,
    pub(super) deadweight: &'a [String],
    pub(super) cohorts: &'a [u32],
    pub(super) places: RefCell<Vec<(Parameter, Location)>>,
    /// The programme's stream-years, which bound a Monte Carlo over time.
    pub(super) stream_years: u64,
    /// The low and high values of the unit values its outcome lines take,
    /// where their source gives them.
    pub(super) ranges: Vec<(String, ValueRange, Decimal)>,
}

/// The ranges of the unit values a programme's outcome lines take.
/// with each value's central amount.
pub(super) fn value_ranges(p: &crate::over_time::Programme) -> Vec<(String, ValueRange, Decimal)> {
    p.outcomes
        .iter()
        .filter_map(|l| Some((l.value.id.clone(), l.value.range?, l.value.amount)))
        .collect()
}

/// A parameter name read, its place kept for [`check`].
fn parameter_at(known: &Known<'_>, name: &str, at: impl Fn() -> Location) -> Result<Parameter> {
    let p = Parameter::parse(name).map_err(|e| e.map_location(|_| at()))?;
    known.places.borrow_mut().push((p.clone(), at()));
    Ok(p)
}

/// Check the target and every parameter against the built appraisal, by the
/// evaluator the analyses will use: a unit value no state or line draws on,
/// an outcome figure a line does not have, a target the appraisal cannot
/// give, each named at its line.
pub(super) fn check(
    evaluator: impl FnOnce() -> Result<Evaluator>,
    target_at: &Location,
    places: Vec<(Parameter, Location)>,
) -> Result<()> {
    let e = evaluator().map_err(|e| e.map_location(|_| target_at.clone()))?;
    for (p, at) in places {
        e.value_of(&p).map_err(|e| e.map_location(|_| at))?;
    }
    Ok(())
}

/// A parameter moved over a range (one-way, switching, Monte Carlo): a
/// named schedule is refused there, as it has no range.
fn parameter(
    doc: &Doc<'_>,
    known: &Known<'_>,
    name: &Spanned<String>,
    field: &str,
) -> Result<Parameter> {
    let p = parameter_at(known, name.get_ref(), || doc.at(name.span(), field))?;
    if let Parameter::Schedule(_) = p {
        return Err(Error::OutOfRange {
            at: doc.at(name.span(), field),
            value: format!("{:?}", name.get_ref()),
            field_rule: "a discount schedule has no range: put it in a named scenario \
                         (`overrides = { \"schedule.<name>\" = \"1\" }`)"
                .into(),
        });
    }
    Ok(p)
}

/// A decimal as `f64`: the Monte Carlo samples in floating point.
fn float(doc: &Doc<'_>, v: &Spanned<DecimalText>, field: &str) -> Result<f64> {
    let (d, at) = doc.decimal(v, field)?;
    d.to_f64().ok_or_else(|| Error::OutOfRange {
        at,
        value: d.to_string(),
        field_rule: "a number a float can hold".into(),
    })
}

/// The analyses of an `[uncertainty]` table; `deadweight` names the
/// scenario's deadweight scenarios and `cohorts` its cohorts, which a target
/// must name.
pub(super) fn spec(
    raw: &RawUncertainty,
    doc: &Doc<'_>,
    known: &Known<'_>,
) -> Result<UncertaintySpec> {
    let target = target(raw, doc, known)?;
    let mut scenarios = Vec::new();
    for (i, s) in raw.scenario.iter().enumerate() {
        let mut overrides = Vec::new();
        for (name, value) in &s.overrides {
            let field = format!("uncertainty.scenario[{i}].overrides.{name}");
            let p = parameter_at(known, name, || doc.at(value.span(), &field))?;
            overrides.push((p, doc.decimal(value, &field)?.0));
        }
        if scenarios.iter().any(|(n, _)| n == s.name.get_ref()) {
            return Err(Error::OutOfRange {
                at: doc.at(s.name.span(), &format!("uncertainty.scenario[{i}].name")),
                value: format!("{:?}", s.name.get_ref()),
                field_rule: "an uncertainty scenario is named once".into(),
            });
        }
        scenarios.push((s.name.get_ref().clone(), overrides));
    }
    let one_way = raw
        .one_way
        .iter()
        .enumerate()
        .map(|(i, o)| one_way(doc, known, i, o))
        .collect::<Result<Vec<_>>>()?;
    let switching = match &raw.switching {
        None => Vec::new(),
        Some(s) => s
            .parameters
            .iter()
            .map(|p| {
                Ok((
                    parameter(doc, known, p, "uncertainty.switching.parameters")?,
                    None,
                ))
            })
            .collect::<Result<Vec<_>>>()?,
    };
    let monte_carlo = match &raw.monte_carlo {
        None => None,
        Some(mc) => Some(monte_carlo(doc, known, mc, target.is_over_time())?),
    };
    Ok(UncertaintySpec {
        target,
        scenarios,
        one_way,
        switching,
        monte_carlo,
    })
}

/// The target, which must be one the appraisal has: a programme has no
/// family ratios, a deadweight scenario or cohort must exist.
fn target(raw: &RawUncertainty, doc: &Doc<'_>, known: &Known<'_>) -> Result<Target> {
    let target_at = doc.at(raw.target.span(), "uncertainty.target");
    let target =
        Target::parse(raw.target.get_ref()).map_err(|e| e.map_location(|_| target_at.clone()))?;
    match &target {
        t if known.programme && !t.is_over_time() => Err(Error::Unknown {
            at: target_at,
            what: "target for a programme".into(),
            value: raw.target.get_ref().clone(),
            expected:
                "npv, bcr, fiscal_bcr, net_ratio, payback (a programme has no family appraisal)"
                    .into(),
        }),
        Target::Annual(name) if !known.deadweight.contains(name) => Err(Error::Unknown {
            at: target_at,
            what: "deadweight scenario".into(),
            value: name.clone(),
            expected: known.deadweight.join(", "),
        }),
        Target::Cohort(c) if !known.cohorts.contains(c) => Err(Error::EmptyCohort {
            at: target_at,
            cohort: *c,
        }),
        _ => Ok(target),
    }
}

/// One `[[uncertainty.one_way]]` range, kept where its parameter means
/// something (a discount rate above -100%, a share in [0, 1] ...).
fn one_way(doc: &Doc<'_>, known: &Known<'_>, i: usize, o: &RawOneWay) -> Result<OneWay> {
    let field = |k: &str| format!("uncertainty.one_way[{i}].{k}");
    let (Some(low), Some(high)) = (&o.low, &o.high) else {
        return one_way_from_range(doc, known, i, o);
    };
    let (low, at) = doc.decimal(low, &field("low"))?;
    let (high, high_at) = doc.decimal(high, &field("high"))?;
    if low > high {
        return Err(Error::OutOfRange {
            at,
            value: format!("low {low} > high {high}"),
            field_rule: "low must not exceed high".into(),
        });
    }
    let parameter = parameter(doc, known, &o.parameter, &field("parameter"))?;
    for (v, at) in [(low, at), (high, high_at)] {
        parameter.check_value(v, at)?;
    }
    Ok(OneWay {
        parameter,
        low,
        high,
    })
}

/// A one-way range a file leaves to the unit value's source: both bounds
/// left out, and a value whose catalogue row gives `low` and `high`.
fn one_way_from_range(doc: &Doc<'_>, known: &Known<'_>, i: usize, o: &RawOneWay) -> Result<OneWay> {
    let field = |k: &str| format!("uncertainty.one_way[{i}].{k}");
    let at = doc.at(o.parameter.span(), &field("parameter"));
    let parameter = parameter(doc, known, &o.parameter, &field("parameter"))?;
    let range = match (&parameter, &o.low, &o.high) {
        (Parameter::UnitValue(id), None, None) => known
            .ranges
            .iter()
            .find(|(v, ..)| v == id)
            .map(|(_, r, _)| *r),
        _ => None,
    };
    let Some(range) = range else {
        return Err(Error::Missing {
            at: doc.at(
                o.parameter.span(),
                &field(if o.low.is_none() { "low" } else { "high" }),
            ),
            what: "value (`low` and `high` are left out only for a unit value whose catalogue row gives them)",
        });
    };
    for v in [range.low, range.high] {
        parameter.check_value(v, at.clone())?;
    }
    Ok(OneWay {
        parameter,
        low: range.low,
        high: range.high,
    })
}

/// The `[uncertainty.monte_carlo]` table: draws within the bound, a seed,
/// percentiles in [0, 100], and the inputs' distributions.
fn monte_carlo(
    doc: &Doc<'_>,
    known: &Known<'_>,
    mc: &RawMonteCarlo,
    over_time: bool,
) -> Result<MonteCarlo> {
    let draws_at = doc.at(mc.draws.span(), "uncertainty.monte_carlo.draws");
    let draws = u32::try_from(*mc.draws.get_ref())
        .ok()
        .filter(|d| (1..=MonteCarlo::MAX_DRAWS).contains(d))
        .ok_or_else(|| Error::OutOfRange {
            at: draws_at.clone(),
            value: mc.draws.get_ref().to_string(),
            field_rule: MonteCarlo::draws_rule(),
        })?;
    if over_time && draws > MonteCarlo::MAX_DRAWS_OVER_TIME {
        return Err(Error::OutOfRange {
            at: draws_at,
            value: draws.to_string(),
            field_rule: MonteCarlo::over_time_draws_rule(),
        });
    }
    if let Some(rule) = MonteCarlo::work_rule(draws, known.stream_years).filter(|_| over_time) {
        return Err(Error::OutOfRange {
            at: draws_at,
            value: draws.to_string(),
            field_rule: rule,
        });
    }
    if mc.percentiles.len() > MonteCarlo::MAX_PERCENTILES {
        return Err(Error::OutOfRange {
            at: doc.at(mc.draws.span(), "uncertainty.monte_carlo.percentiles"),
            value: format!("{} percentiles", mc.percentiles.len()),
            field_rule: format!(
                "a run reports at most {} percentiles",
                MonteCarlo::MAX_PERCENTILES
            ),
        });
    }
    let seed = u64::try_from(*mc.seed.get_ref()).map_err(|_| Error::OutOfRange {
        at: doc.at(mc.seed.span(), "uncertainty.monte_carlo.seed"),
        value: mc.seed.get_ref().to_string(),
        field_rule: "a seed is a whole number, 0 or more".into(),
    })?;
    let mut percentiles = Vec::new();
    for p in &mc.percentiles {
        let field = "uncertainty.monte_carlo.percentiles";
        let (d, at) = doc.decimal(p, field)?;
        if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED {
            return Err(Error::OutOfRange {
                at,
                value: d.to_string(),
                field_rule: "a percentile lies in [0, 100]".into(),
            });
        }
        percentiles.push(float(doc, p, field)?);
    }
    let inputs = mc
        .input
        .iter()
        .enumerate()
        .map(|(i, input)| distribution_input(doc, known, i, input))
        .collect::<Result<Vec<_>>>()?;
    Ok(MonteCarlo {
        inputs,
        draws,
        seed,
        percentiles,
    })
}

/// A key the distribution does not take (a `mode` on a uniform draw) is
/// refused rather than ignored: the writer meant something by it.
fn refuse_keys_it_ignores(
    doc: &Doc<'_>,
    input: &RawInput,
    field: &dyn Fn(&str) -> String,
) -> Result<()> {
    let name = input.distribution.get_ref().as_str();
    let takes: &[&str] = match name {
        "uniform" => &["low", "high"],
        "triangular" | "pert" => &["low", "mode", "high"],
        "normal" => &["mean", "sd", "low", "high"],
        "log_normal" => &["mu", "sigma", "low", "high"],
        _ => return Ok(()), // an unknown distribution is refused by name
    };
    let given = [
        ("low", &input.low),
        ("mode", &input.mode),
        ("high", &input.high),
        ("mean", &input.mean),
        ("sd", &input.sd),
        ("mu", &input.mu),
        ("sigma", &input.sigma),
    ];
    match given
        .iter()
        .find(|(key, v)| v.is_some() && !takes.contains(key))
    {
        Some((key, Some(v))) => Err(Error::Unknown {
            at: doc.at(v.span(), &field(key)),
            what: format!("key for a {name} distribution").into(),
            value: (*key).to_string(),
            expected: takes.join(", "),
        }),
        _ => Ok(()),
    }
}

fn distribution_input(
    doc: &Doc<'_>,
    known: &Known<'_>,
    i: usize,
    input: &RawInput,
) -> Result<MonteCarloInput> {
    let field = |k: &str| format!("uncertainty.monte_carlo.input[{i}].{k}");
    // A unit value whose source gives a range lends its low, central (the
    // mode) and high values to a distribution that leaves them out.
    let lent = input
        .parameter
        .get_ref()
        .strip_prefix("unit_value.")
        .and_then(|id| known.ranges.iter().find(|(v, ..)| v == id.trim()));
    let need = |v: &Option<Spanned<DecimalText>>, k: &str| -> Result<f64> {
        let from_range = lent.and_then(|(_, r, central)| match k {
            "low" => r.low.to_f64(),
            "mode" => central.to_f64(),
            "high" => r.high.to_f64(),
            _ => None,
        });
        match (v, from_range) {
            (Some(v), _) => float(doc, v, &field(k)),
            (None, Some(x)) => Ok(x),
            (None, None) => Err(Error::Missing {
                at: doc.at(input.distribution.span(), &field(k)),
                what: "key",
            }),
        }
    };
    let optional = |v: &Option<Spanned<DecimalText>>, k: &str| -> Result<Option<f64>> {
        v.as_ref().map(|v| float(doc, v, &field(k))).transpose()
    };
    refuse_keys_it_ignores(doc, input, &field)?;
    let distribution = match input.distribution.get_ref().as_str() {
        "uniform" => Distribution::Uniform {
            low: need(&input.low, "low")?,
            high: need(&input.high, "high")?,
        },
        "triangular" => Distribution::Triangular {
            low: need(&input.low, "low")?,
            mode: need(&input.mode, "mode")?,
            high: need(&input.high, "high")?,
        },
        "pert" => Distribution::Pert {
            low: need(&input.low, "low")?,
            mode: need(&input.mode, "mode")?,
            high: need(&input.high, "high")?,
        },
        "normal" => Distribution::Normal {
            mean: need(&input.mean, "mean")?,
            sd: need(&input.sd, "sd")?,
            low: optional(&input.low, "low")?,
            high: optional(&input.high, "high")?,
        },
        "log_normal" => Distribution::LogNormal {
            mu: need(&input.mu, "mu")?,
            sigma: need(&input.sigma, "sigma")?,
            low: optional(&input.low, "low")?,
            high: optional(&input.high, "high")?,
        },
        other => {
            return Err(Error::Unknown {
                at: doc.at(input.distribution.span(), &field("distribution")),
                what: "distribution".into(),
                value: other.to_string(),
                expected: "uniform, triangular, pert, normal, log_normal".into(),
            });
        }
    };
    let at = doc.at(input.distribution.span(), &field("distribution"));
    distribution.validate(&at)?;
    let input = MonteCarloInput {
        parameter: parameter(doc, known, &input.parameter, &field("parameter"))?,
        distribution,
    };
    input.check_support().map_err(|e| e.map_location(|_| at))?;
    Ok(input)
}
