//! The `[time]` table of a programme file: horizon, discounting, price base,
//! optimism bias, and the benefit and cost streams.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::doc::{DecimalText, Doc};
use crate::adjustments::{Adjustments, Deadweight, Fraction};
use crate::benefits::{UnitValue, ValueKind};
use crate::discounting::{DiscountSchedule, Timing};
use crate::error::{Error, Location, Result};
use crate::money::Money;
use crate::optimism::OptimismBias;
use crate::outcome_lines::{Effect, OutcomeLine};
use crate::over_time::{Amount, BenefitStream, CostStream, Horizon, Programme};
use crate::price_base::Deflators;
use crate::valuation::{IncomeGroups, RealGrowth};

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTime {
    pub(super) horizon_years: Spanned<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) base_year: Option<String>,
    pub(super) discounting: Spanned<String>,
    pub(super) timing: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) deflators: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) optimism_bias: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) participants: Option<Spanned<i64>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) benefit: Vec<RawBenefit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) outcome: Vec<RawOutcome>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) cost: Vec<RawCost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) metb: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) distribution: Option<RawDistribution>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDistribution {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) eta: Option<Spanned<DecimalText>>,
    pub(super) reference_income: Spanned<DecimalText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) group: Vec<RawGroup>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGroup {
    pub(super) name: String,
    pub(super) income: Spanned<DecimalText>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOutcome {
    pub(super) name: String,
    pub(super) unit_value: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) participants: Option<Spanned<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) engagement: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) share: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) treatment_rate: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) comparison_rate: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) direction: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) outcomes: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) change: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) duration_years: Option<Spanned<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) lag_years: Option<Spanned<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) deadweight: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) displacement: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) attribution: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) drop_off: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) optimism_grade: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) group: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBenefit {
    pub(super) name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) annual: Option<Spanned<DecimalText>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) profile: Vec<Spanned<DecimalText>>,
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) kind: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) agency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cashable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) price_year: Option<String>,
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) first_year: Option<Spanned<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) years: Option<Spanned<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) deadweight: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) displacement: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) attribution: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) drop_off: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) optimism_grade: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) real_growth: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) group: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCost {
    pub(super) name: String,
    #[serde(default)]
    pub(super) agency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) price_year: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) up_front: Option<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) recurring: Option<Spanned<DecimalText>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) profile: Vec<Spanned<DecimalText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) first_year: Option<Spanned<i64>>,
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) years: Option<Spanned<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) optimism_grade: Option<String>,
}

/// The words a file names each timing convention by.
pub(super) const TIMINGS: &[(&str, Timing)] = &[
    ("year_zero_undiscounted", Timing::YearZeroUndiscounted),
    ("end_of_year", Timing::EndOfYear),
    ("mid_year", Timing::MidYear),
];

/// The words a file names each kind of value by.
pub(super) const KINDS: &[(&str, ValueKind)] = &[
    ("fiscal", ValueKind::Fiscal),
    ("economic", ValueKind::Economic),
    ("social", ValueKind::Social),
];

fn whole(doc: &Doc<'_>, value: &Spanned<i64>, field: &str, min: u32, rule: &str) -> Result<u32> {
    u32::try_from(*value.get_ref())
        .ok()
        .filter(|v| *v >= min)
        .ok_or_else(|| Error::OutOfRange {
            at: doc.at(value.span(), field),
            value: value.get_ref().to_string(),
            field_rule: rule.to_string(),
        })
}

fn first_year(doc: &Doc<'_>, value: &Option<Spanned<i64>>, field: &str) -> Result<u32> {
    value.as_ref().map_or(Ok(0), |y| {
        whole(
            doc,
            y,
            field,
            0,
            "a first year is a whole number, 0 or more",
        )
    })
}

fn fraction(doc: &Doc<'_>, value: &Option<Spanned<DecimalText>>, field: &str) -> Result<Fraction> {
    value
        .as_ref()
        .map_or(Ok(Fraction::ZERO), |v| share(doc, v, field))
}

/// A fraction in [0, 1] as written.
fn share(doc: &Doc<'_>, v: &Spanned<DecimalText>, field: &str) -> Result<Fraction> {
    let (d, at) = doc.decimal(v, field)?;
    Fraction::new_at(d, &at)
}

fn amount(doc: &Doc<'_>, value: &Spanned<DecimalText>, field: &str) -> Result<Money> {
    let (d, at) = doc.decimal(value, field)?;
    if d < Decimal::ZERO {
        return Err(Error::OutOfRange {
            at,
            value: d.to_string(),
            field_rule: "an amount must not be negative".into(),
        });
    }
    Ok(Money::new(d))
}

fn money(doc: &Doc<'_>, value: &Option<Spanned<DecimalText>>, field: &str) -> Result<Money> {
    value
        .as_ref()
        .map_or(Ok(Money::ZERO), |v| amount(doc, v, field))
}

/// The adjustments of a benefit stream or an outcome line.
fn adjustments(
    doc: &Doc<'_>,
    [deadweight, displacement, attribution, drop_off]: [&Option<Spanned<DecimalText>>; 4],
    field: &dyn Fn(&str) -> String,
) -> Result<Adjustments> {
    Ok(Adjustments {
        deadweight: match deadweight {
            Some(v) => {
                let (d, at) = doc.decimal(v, &field("deadweight"))?;
                Deadweight::new_at(d, &at)?
            }
            None => Deadweight::NONE,
        },
        displacement: fraction(doc, displacement, &field("displacement"))?,
        attribution: fraction(doc, attribution, &field("attribution"))?,
        drop_off: fraction(doc, drop_off, &field("drop_off"))?,
    })
}

/// One `[[time.outcome]]` line, its unit value found in `catalogue`.
fn outcome_line(
    doc: &Doc<'_>,
    i: usize,
    o: &RawOutcome,
    catalogue: &[UnitValue],
) -> Result<OutcomeLine> {
    let field = |key: &str| format!("time.outcome[{i}].{key}");
    let value = unit_value_named(doc, &o.unit_value, &field("unit_value"), catalogue)?;
    let effect = effect(doc, o, &field)?;
    // A count of outcomes is counted directly: no share of a cohort engages.
    if let (Effect::Count(_), Some(e)) = (effect, &o.engagement) {
        return Err(Error::OutOfRange {
            at: doc.at(e.span(), &field("engagement")),
            value: e.get_ref().0.clone(),
            field_rule: "a line that counts its outcomes (`outcomes`) has no engagement: \
                         give a share or rates of a cohort, or leave engagement out"
                .into(),
        });
    }
    let participants = match &o.participants {
        Some(p) => Some(u64::from(whole(
            doc,
            p,
            &field("participants"),
            1,
            "participants are a whole number, at least 1",
        )?)),
        None if effect.needs_cohort() => {
            let key = o.share.as_ref().or(o.comparison_rate.as_ref());
            return Err(Error::Missing {
                at: doc.at(
                    key.map_or(o.unit_value.span(), |k| k.span()),
                    &field("participants"),
                ),
                what: "key (a share or a rate counts outcomes among a cohort of participants)",
            });
        }
        None => None,
    };
    let years = |v: &Option<Spanned<i64>>, key: &str, default: u32, min: u32| match v {
        Some(y) => whole(
            doc,
            y,
            &field(key),
            min,
            &format!("{key} is a whole number, at least {min}"),
        ),
        None => Ok(default),
    };
    let line = OutcomeLine {
        name: o.name.clone(),
        value,
        participants,
        engagement: match &o.engagement {
            Some(e) => share(doc, e, &field("engagement"))?,
            None => Fraction::ONE,
        },
        effect,
        duration_years: years(&o.duration_years, "duration_years", 1, 1)?,
        lag_years: years(&o.lag_years, "lag_years", 0, 0)?,
        adjustments: adjustments(
            doc,
            [&o.deadweight, &o.displacement, &o.attribution, &o.drop_off],
            &field,
        )?,
        optimism_grade: o.optimism_grade.clone(),
        group: o.group.as_ref().map(|g| g.get_ref().clone()),
    };
    line.validate().map_err(|e| {
        e.map_location(|at| Location::file(doc.file).at_field(at.field.as_deref().unwrap_or("")))
    })?;
    Ok(line)
}

/// The unit value an outcome line names, from the file's catalogue.
fn unit_value_named(
    doc: &Doc<'_>,
    id: &Spanned<String>,
    field: &str,
    catalogue: &[UnitValue],
) -> Result<UnitValue> {
    catalogue
        .iter()
        .find(|u| &u.id == id.get_ref())
        .cloned()
        .ok_or_else(|| Error::Unknown {
            at: doc.at(id.span(), field),
            what: "unit value".into(),
            value: id.get_ref().clone(),
            expected: if catalogue.is_empty() {
                "an id of the scenario's unit_values table (the scenario names none)".into()
            } else {
                catalogue
                    .iter()
                    .map(|u| u.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })
}

/// An outcome line's effect: a share, a treatment and a comparison rate with
/// the direction that says which is better, or a count; exactly one.
fn effect(doc: &Doc<'_>, o: &RawOutcome, field: &dyn Fn(&str) -> String) -> Result<Effect> {
    let rate = |v: &Spanned<DecimalText>, key: &str| share(doc, v, &field(key));
    if let Some(c) = &o.change {
        if o.share.is_some() || o.treatment_rate.is_some() || o.outcomes.is_some() {
            return Err(Error::OutOfRange {
                at: doc.at(c.span(), &field("change")),
                value: "`change` with another effect".into(),
                field_rule: "a line has one effect: `share`, rates, `outcomes` or `change`".into(),
            });
        }
        return Ok(Effect::Change(doc.decimal(c, &field("change"))?.0));
    }
    match (&o.share, &o.treatment_rate, &o.comparison_rate, &o.outcomes) {
        (Some(s), None, None, None) => Ok(Effect::Share(rate(s, "share")?)),
        (None, Some(t), Some(c), None) => {
            let (treatment, comparison) = (rate(t, "treatment_rate")?, rate(c, "comparison_rate")?);
            let Some(d) = &o.direction else {
                return Err(Error::Missing {
                    at: doc.at(t.span(), &field("direction")),
                    what: "key (`direction = \"avoided\"` for a costly outcome whose rate falls, `\"achieved\"` for a good one whose rate rises)",
                });
            };
            let achieved = doc.word(
                d,
                &field("direction"),
                &[("avoided", false), ("achieved", true)],
            )?;
            Ok(if achieved {
                Effect::Achieved {
                    treatment,
                    comparison,
                }
            } else {
                Effect::Avoided {
                    treatment,
                    comparison,
                }
            })
        }
        (None, None, None, Some(n)) => {
            let (d, at) = doc.decimal(n, &field("outcomes"))?;
            if d < Decimal::ZERO {
                return Err(Error::OutOfRange {
                    at,
                    value: d.to_string(),
                    field_rule: "a count of outcomes must not be negative".into(),
                });
            }
            Ok(Effect::Count(d))
        }
        _ => Err(Error::Missing {
            at: doc.at(o.unit_value.span(), &field("share")),
            what: "effect (give one of `share`, `treatment_rate` with `comparison_rate`, `outcomes`, or `change`)",
        }),
    }
}

/// Build the programme of a `[time]` table. `has_annual` says whether the
/// scenario has the `[annual]` table a `annual = "service"` stream needs;
/// outcome lines name their unit values in `catalogue`.
pub(super) fn programme(
    raw: &RawTime,
    doc: &Doc<'_>,
    open: &mut dyn FnMut(&str) -> Result<(String, String)>,
    has_annual: bool,
    catalogue: &[UnitValue],
) -> Result<Programme> {
    let horizon = horizon(doc, &raw.horizon_years)?;
    let schedule = schedule(doc, &raw.discounting)?;
    let timing = doc.word(&raw.timing, "time.timing", TIMINGS)?;
    factors_within_range(doc, raw, horizon, &schedule, timing)?;
    let (deflators, optimism) = parameter_tables(doc, raw, open)?;
    let benefits = raw
        .benefit
        .iter()
        .enumerate()
        .map(|(i, b)| benefit_stream(doc, i, b, has_annual))
        .collect::<Result<Vec<_>>>()?;
    let costs = raw
        .cost
        .iter()
        .enumerate()
        .map(|(i, c)| cost_stream(doc, i, c))
        .collect::<Result<Vec<_>>>()?;
    if costs.is_empty() {
        return Err(Error::Missing {
            at: Location::file(doc.file).at_field("time.cost"),
            what: "cost stream (present values are divided by the cost)",
        });
    }
    let outcomes = raw
        .outcome
        .iter()
        .enumerate()
        .map(|(i, o)| outcome_line(doc, i, o, catalogue))
        .collect::<Result<Vec<_>>>()?;
    let participants = raw
        .participants
        .as_ref()
        .map(|p| {
            whole(
                doc,
                p,
                "time.participants",
                1,
                "participants are a whole number, at least 1",
            )
            .map(u64::from)
        })
        .transpose()?;
    let programme = Programme {
        name: String::new(),
        family_source: None,
        horizon,
        base_year: raw.base_year.clone(),
        schedule,
        timing,
        deflators,
        optimism,
        benefits,
        outcomes,
        costs,
        participants,
        metb: metb(doc, raw)?,
        distribution: distribution(doc, raw)?,
    };
    programme.validate().map_err(|e| {
        e.map_location(
            |at| match line_of(doc, raw, at.field.as_deref().unwrap_or("")) {
                Some(placed) => placed,
                None => Location {
                    file: Some(doc.file.into()),
                    ..at
                },
            },
        )
    })?;
    Ok(programme)
}

/// The line of a field the model names by its place in the file
/// (`time.benefit[2].group`, `time.distribution.group[0].income`), where
/// the `[time]` table has it.
fn line_of(doc: &Doc<'_>, raw: &RawTime, field: &str) -> Option<Location> {
    let index = |prefix: &str, suffix: &str| -> Option<usize> {
        field
            .strip_prefix(prefix)?
            .strip_suffix(suffix)?
            .parse()
            .ok()
    };
    let span = if let Some(i) = index("time.benefit[", "].group") {
        raw.benefit.get(i)?.group.as_ref()?.span()
    } else if let Some(i) = index("time.outcome[", "].group") {
        raw.outcome.get(i)?.group.as_ref()?.span()
    } else if let Some(i) = index("distribution.group[", "].income") {
        raw.distribution.as_ref()?.group.get(i)?.income.span()
    } else if field == "distribution.reference_income" {
        raw.distribution.as_ref()?.reference_income.span()
    } else {
        return None;
    };
    let field = if field.starts_with("distribution") {
        format!("time.{field}")
    } else {
        field.to_string()
    };
    Some(doc.at(span, &field))
}

/// `time.metb`: the cost of raising public funds, a share in [0, 1].
fn metb(doc: &Doc<'_>, raw: &RawTime) -> Result<Option<Fraction>> {
    raw.metb
        .as_ref()
        .map(|m| share(doc, m, "time.metb"))
        .transpose()
}

/// `[time.distribution]`: η (the Green Book's 1.3 unless stated), the
/// reference income and each group's income.
fn distribution(doc: &Doc<'_>, raw: &RawTime) -> Result<Option<IncomeGroups>> {
    let Some(d) = &raw.distribution else {
        return Ok(None);
    };
    let (reference, _) = doc.decimal(&d.reference_income, "time.distribution.reference_income")?;
    let mut out = IncomeGroups::new(reference);
    if let Some(eta) = &d.eta {
        out = out.eta(doc.decimal(eta, "time.distribution.eta")?.0);
    }
    for (i, g) in d.group.iter().enumerate() {
        let (income, _) =
            doc.decimal(&g.income, &format!("time.distribution.group[{i}].income"))?;
        out = out.group(g.name.clone(), income);
    }
    out.validate().map_err(|e| {
        let field = e
            .location()
            .and_then(|at| at.field.as_deref())
            .unwrap_or("distribution")
            .to_string();
        let at = line_of(doc, raw, &field)
            .unwrap_or_else(|| doc.at(d.reference_income.span(), &format!("time.{field}")));
        e.map_location(|_| at)
    })?;
    Ok(Some(out))
}

/// The deflator index and the grade table the `[time]` table names.
fn parameter_tables(
    doc: &Doc<'_>,
    raw: &RawTime,
    open: &mut dyn FnMut(&str) -> Result<(String, String)>,
) -> Result<(Option<Deflators>, Option<OptimismBias>)> {
    let deflators = match &raw.deflators {
        Some(name) => {
            let (text, path) = open(doc.path(name, "time.deflators")?)?;
            Some(super::deflators_from_csv(&text, &path)?)
        }
        None => None,
    };
    let optimism = match &raw.optimism_bias {
        Some(name) => {
            let (text, path) = open(doc.path(name, "time.optimism_bias")?)?;
            Some(super::optimism_bias_from_csv(&text, &path)?)
        }
        None => None,
    };
    Ok((deflators, optimism))
}

/// The discount factors of every year of the horizon, computed once here so
/// that a rate too high for the horizon (7% over 1,000 years compounds past
/// the exact range) is refused at the line of `time.discounting`, not later
/// with no file to name.
fn factors_within_range(
    doc: &Doc<'_>,
    raw: &RawTime,
    horizon: Horizon,
    schedule: &DiscountSchedule,
    timing: Timing,
) -> Result<()> {
    let last = horizon.years().saturating_sub(1);
    timing
        .factors(schedule, last)
        .map(|_| ())
        .map_err(|e| Error::OutOfRange {
            at: doc.at(raw.discounting.span(), "time.discounting"),
            value: format!(
                "{} over {} years",
                raw.discounting.get_ref(),
                horizon.years()
            ),
            field_rule: e.to_string(),
        })
}

/// `time.horizon_years`: 1 to [`Horizon::MAX`] years.
fn horizon(doc: &Doc<'_>, raw: &Spanned<i64>) -> Result<Horizon> {
    let at = doc.at(raw.span(), "time.horizon_years");
    u32::try_from(*raw.get_ref())
        .map_err(|_| Error::OutOfRange {
            at: at.clone(),
            value: raw.get_ref().to_string(),
            field_rule: format!("a horizon is 1 to {} years", Horizon::MAX),
        })
        .and_then(|y| Horizon::new(y).map_err(|e| super::tables::relocate(e, at.clone())))
}

/// `time.discounting`: a named schedule, or a constant rate.
fn schedule(doc: &Doc<'_>, raw: &Spanned<String>) -> Result<DiscountSchedule> {
    DiscountSchedule::parse_at(raw.get_ref(), &doc.at(raw.span(), "time.discounting"))
}

/// One `[[time.benefit]]` stream.
fn benefit_stream(
    doc: &Doc<'_>,
    i: usize,
    b: &RawBenefit,
    has_annual: bool,
) -> Result<BenefitStream> {
    let field = |key: &str| format!("time.benefit[{i}].{key}");
    let annual = benefit_amount(doc, b, has_annual, &field)?;
    let years = benefit_years(doc, b, &annual, &field)?;
    let kind = match &b.kind {
        Some(k) => doc.word(k, &field("kind"), KINDS)?,
        None => ValueKind::Fiscal,
    };
    Ok(BenefitStream {
        name: b.name.clone(),
        kind,
        agency: b.agency.clone(),
        cashable: b.cashable,
        price_year: b.price_year.clone(),
        annual,
        first_year: first_year(doc, &b.first_year, &field("first_year"))?,
        years,
        adjustments: adjustments(
            doc,
            [&b.deadweight, &b.displacement, &b.attribution, &b.drop_off],
            &field,
        )?,
        optimism_grade: b.optimism_grade.clone(),
        real_growth: b
            .real_growth
            .as_ref()
            .map(|g| {
                let (rate, at) = doc.decimal(g, &field("real_growth"))?;
                RealGrowth::new(rate).map_err(|e| super::tables::relocate(e, at))
            })
            .transpose()?,
        group: b.group.as_ref().map(|g| g.get_ref().clone()),
    })
}

/// A benefit stream's amount: a figure a year, the service's annual benefit,
/// or a profile year by year (a year may be negative); one of them, once.
fn benefit_amount(
    doc: &Doc<'_>,
    b: &RawBenefit,
    has_annual: bool,
    field: &dyn Fn(&str) -> String,
) -> Result<Amount> {
    match (&b.annual, b.profile.is_empty()) {
        (Some(a), true) if a.get_ref().0 == "service" => {
            if !has_annual {
                return Err(Error::Missing {
                    at: doc.at(a.span(), &field("annual")),
                    what: "[annual] table (this stream takes the service's annual benefit)",
                });
            }
            Ok(Amount::Service)
        }
        (Some(a), true) => Ok(Amount::Pounds(amount(doc, a, &field("annual"))?)),
        (None, false) => Ok(Amount::Profile(
            b.profile
                .iter()
                .map(|v| Ok(Money::new(doc.decimal(v, &field("profile"))?.0)))
                .collect::<Result<Vec<_>>>()?,
        )),
        (Some(a), false) => Err(Error::Missing {
            at: doc.at(a.span(), &field("annual")),
            what: "one of `annual` and `profile` (the stream gives both)",
        }),
        (None, true) => Err(Error::Missing {
            at: Location::file(doc.file).at_field(field("annual")),
            what: "key `annual` or `profile`",
        }),
    }
}

/// A benefit stream's years: stated, or a profile's length (and if both,
/// the same).
fn benefit_years(
    doc: &Doc<'_>,
    b: &RawBenefit,
    annual: &Amount,
    field: &dyn Fn(&str) -> String,
) -> Result<u32> {
    let stated = |y: &Spanned<i64>| {
        whole(
            doc,
            y,
            &field("years"),
            1,
            "a benefit lasts a whole number of years, at least 1",
        )
    };
    match (annual, &b.years) {
        (Amount::Profile(v), None) => Ok(u32::try_from(v.len()).unwrap_or(u32::MAX)),
        (Amount::Profile(v), Some(y)) => {
            let years = stated(y)?;
            if years as usize != v.len() {
                return Err(Error::OutOfRange {
                    at: doc.at(y.span(), &field("years")),
                    value: years.to_string(),
                    field_rule: format!("a profile of {} years lasts {} years", v.len(), v.len()),
                });
            }
            Ok(years)
        }
        (_, Some(y)) => stated(y),
        (_, None) => Err(Error::Missing {
            at: Location::file(doc.file).at_field(field("years")),
            what: "key",
        }),
    }
}

/// One `[[time.cost]]` stream.
fn cost_stream(doc: &Doc<'_>, i: usize, c: &RawCost) -> Result<CostStream> {
    let field = |key: &str| format!("time.cost[{i}].{key}");
    Ok(CostStream {
        name: c.name.clone(),
        agency: c.agency.clone(),
        price_year: c.price_year.clone(),
        up_front: money(doc, &c.up_front, &field("up_front"))?,
        recurring: money(doc, &c.recurring, &field("recurring"))?,
        profile: c
            .profile
            .iter()
            .map(|v| amount(doc, v, &field("profile")))
            .collect::<Result<Vec<_>>>()?,
        first_year: first_year(doc, &c.first_year, &field("first_year"))?,
        years: match &c.years {
            Some(y) => whole(
                doc,
                y,
                &field("years"),
                0,
                "a cost recurs a whole number of years",
            )?,
            None => 0,
        },
        optimism_grade: c.optimism_grade.clone(),
    })
}
