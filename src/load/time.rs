//! The `[time]` table of a scenario file: horizon, discounting, price base,
//! optimism bias, and the benefit and cost streams.

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::doc::{DecimalText, Doc};
use crate::adjustments::{Adjustments, Deadweight, Fraction};
use crate::benefits::{UnitValue, ValueKind};
use crate::discounting::{DiscountRate, DiscountSchedule, Timing};
use crate::error::{Error, Location, Result};
use crate::money::Money;
use crate::outcome_lines::{Effect, OutcomeLine};
use crate::over_time::{Amount, BenefitStream, CostStream, Horizon, Programme};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTime {
    horizon_years: Spanned<i64>,
    base_year: Option<String>,
    discounting: Spanned<String>,
    timing: Spanned<String>,
    deflators: Option<Spanned<String>>,
    optimism_bias: Option<Spanned<String>>,
    participants: Option<Spanned<i64>>,
    #[serde(default)]
    benefit: Vec<RawBenefit>,
    #[serde(default)]
    outcome: Vec<RawOutcome>,
    #[serde(default)]
    cost: Vec<RawCost>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutcome {
    name: String,
    unit_value: Spanned<String>,
    participants: Option<Spanned<i64>>,
    engagement: Option<Spanned<DecimalText>>,
    share: Option<Spanned<DecimalText>>,
    treatment_rate: Option<Spanned<DecimalText>>,
    comparison_rate: Option<Spanned<DecimalText>>,
    direction: Option<Spanned<String>>,
    outcomes: Option<Spanned<DecimalText>>,
    duration_years: Option<Spanned<i64>>,
    lag_years: Option<Spanned<i64>>,
    deadweight: Option<Spanned<DecimalText>>,
    displacement: Option<Spanned<DecimalText>>,
    attribution: Option<Spanned<DecimalText>>,
    drop_off: Option<Spanned<DecimalText>>,
    optimism_grade: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBenefit {
    name: String,
    annual: Option<Spanned<DecimalText>>,
    #[serde(default)]
    profile: Vec<Spanned<DecimalText>>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    agency: String,
    cashable: Option<bool>,
    price_year: Option<String>,
    #[serde(default)]
    first_year: Option<Spanned<i64>>,
    years: Option<Spanned<i64>>,
    deadweight: Option<Spanned<DecimalText>>,
    displacement: Option<Spanned<DecimalText>>,
    attribution: Option<Spanned<DecimalText>>,
    drop_off: Option<Spanned<DecimalText>>,
    optimism_grade: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCost {
    name: String,
    #[serde(default)]
    agency: String,
    price_year: Option<String>,
    up_front: Option<Spanned<DecimalText>>,
    recurring: Option<Spanned<DecimalText>>,
    #[serde(default)]
    profile: Vec<Spanned<DecimalText>>,
    first_year: Option<Spanned<i64>>,
    #[serde(default)]
    years: Option<Spanned<i64>>,
    optimism_grade: Option<String>,
}

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
    match value {
        None => Ok(Fraction::ZERO),
        Some(v) => {
            let (d, at) = doc.decimal(v, field)?;
            Fraction::new_at(d, &at)
        }
    }
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
    let id = o.unit_value.get_ref();
    let value = catalogue
        .iter()
        .find(|u| &u.id == id)
        .cloned()
        .ok_or_else(|| Error::Unknown {
            at: doc.at(o.unit_value.span(), &field("unit_value")),
            what: "unit value".into(),
            value: id.clone(),
            expected: if catalogue.is_empty() {
                "an id of the scenario's unit_values table (the scenario names none)".into()
            } else {
                catalogue
                    .iter()
                    .map(|u| u.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })?;
    let rate = |v: &Spanned<DecimalText>, key: &str| -> Result<Fraction> {
        let (d, at) = doc.decimal(v, &field(key))?;
        Fraction::new_at(d, &at)
    };
    let effect = match (&o.share, &o.treatment_rate, &o.comparison_rate, &o.outcomes) {
        (Some(s), None, None, None) => Effect::Share(rate(s, "share")?),
        (None, Some(t), Some(c), None) => {
            let (treatment, comparison) = (rate(t, "treatment_rate")?, rate(c, "comparison_rate")?);
            let direction = match &o.direction {
                Some(d) => doc.word(
                    d,
                    &field("direction"),
                    &[("avoided", false), ("achieved", true)],
                )?,
                None => {
                    return Err(Error::Missing {
                        at: doc.at(t.span(), &field("direction")),
                        what: "key (`direction = \"avoided\"` for a costly outcome whose rate falls, `\"achieved\"` for a good one whose rate rises)",
                    });
                }
            };
            if direction {
                Effect::Achieved {
                    treatment,
                    comparison,
                }
            } else {
                Effect::Avoided {
                    treatment,
                    comparison,
                }
            }
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
            Effect::Count(d)
        }
        _ => {
            return Err(Error::Missing {
                at: doc.at(o.unit_value.span(), &field("share")),
                what: "effect (give one of `share`, `treatment_rate` with `comparison_rate`, or `outcomes`)",
            });
        }
    };
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
            Some(e) => rate(e, "engagement")?,
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
    };
    line.validate().map_err(|e| {
        e.map_location(|at| Location::file(doc.file).at_field(at.field.as_deref().unwrap_or("")))
    })?;
    Ok(line)
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
    let horizon_at = doc.at(raw.horizon_years.span(), "time.horizon_years");
    let horizon = u32::try_from(*raw.horizon_years.get_ref())
        .map_err(|_| Error::OutOfRange {
            at: horizon_at.clone(),
            value: raw.horizon_years.get_ref().to_string(),
            field_rule: format!("a horizon is 1 to {} years", Horizon::MAX),
        })
        .and_then(|y| {
            Horizon::new(y).map_err(|e| super::tables::relocate(e, horizon_at.clone()))
        })?;

    let discounting = raw.discounting.get_ref().as_str();
    let schedule = match DiscountSchedule::named(discounting) {
        Some(schedule) => schedule,
        None => {
            let rate = discounting;
            let at = doc.at(raw.discounting.span(), "time.discounting");
            let value = crate::money::parse_decimal(rate, &at).map_err(|_| Error::Unknown {
                at: at.clone(),
                what: "discounting".into(),
                value: rate.to_string(),
                expected: format!(
                    "{}, or a constant rate such as \"0.035\"",
                    DiscountSchedule::NAMED.map(|(w, _)| w).join(", ")
                ),
            })?;
            DiscountSchedule::constant(DiscountRate::new_at(value, &at)?)
        }
    };
    let timing = doc.word(
        &raw.timing,
        "time.timing",
        &[
            ("year_zero_undiscounted", Timing::YearZeroUndiscounted),
            ("end_of_year", Timing::EndOfYear),
            ("mid_year", Timing::MidYear),
        ],
    )?;
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

    let mut benefits = Vec::new();
    for (i, b) in raw.benefit.iter().enumerate() {
        let field = |key: &str| format!("time.benefit[{i}].{key}");
        let annual = match (&b.annual, b.profile.is_empty()) {
            (Some(a), true) if a.get_ref().0 == "service" => {
                if !has_annual {
                    return Err(Error::Missing {
                        at: doc.at(a.span(), &field("annual")),
                        what: "[annual] table (this stream takes the service's annual benefit)",
                    });
                }
                Amount::Service
            }
            (Some(a), true) => Amount::Pounds(amount(doc, a, &field("annual"))?),
            // A profile: each year's amount, and a year may be negative.
            (None, false) => Amount::Profile(
                b.profile
                    .iter()
                    .map(|v| Ok(Money::new(doc.decimal(v, &field("profile"))?.0)))
                    .collect::<Result<Vec<_>>>()?,
            ),
            (Some(a), false) => {
                return Err(Error::Missing {
                    at: doc.at(a.span(), &field("annual")),
                    what: "one of `annual` and `profile` (the stream gives both)",
                });
            }
            (None, true) => {
                return Err(Error::Missing {
                    at: Location::file(doc.file).at_field(field("annual")),
                    what: "key `annual` or `profile`",
                });
            }
        };
        let years = match (&annual, &b.years) {
            (Amount::Profile(v), None) => u32::try_from(v.len()).unwrap_or(u32::MAX),
            (Amount::Profile(v), Some(y)) => {
                let years = whole(
                    doc,
                    y,
                    &field("years"),
                    1,
                    "a benefit lasts a whole number of years, at least 1",
                )?;
                if years as usize != v.len() {
                    return Err(Error::OutOfRange {
                        at: doc.at(y.span(), &field("years")),
                        value: years.to_string(),
                        field_rule: format!(
                            "a profile of {} years lasts {} years",
                            v.len(),
                            v.len()
                        ),
                    });
                }
                years
            }
            (_, Some(y)) => whole(
                doc,
                y,
                &field("years"),
                1,
                "a benefit lasts a whole number of years, at least 1",
            )?,
            (_, None) => {
                return Err(Error::Missing {
                    at: Location::file(doc.file).at_field(field("years")),
                    what: "key",
                });
            }
        };
        let kind = match &b.kind {
            Some(k) => doc.word(
                k,
                &field("kind"),
                &[
                    ("fiscal", ValueKind::Fiscal),
                    ("economic", ValueKind::Economic),
                    ("social", ValueKind::Social),
                ],
            )?,
            None => ValueKind::Fiscal,
        };
        benefits.push(BenefitStream {
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
        });
    }
    let mut costs = Vec::new();
    for (i, c) in raw.cost.iter().enumerate() {
        let field = |key: &str| format!("time.cost[{i}].{key}");
        costs.push(CostStream {
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
        });
    }
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
    let participants = match &raw.participants {
        Some(p) => Some(u64::from(whole(
            doc,
            p,
            "time.participants",
            1,
            "participants are a whole number, at least 1",
        )?)),
        None => None,
    };
    let programme = Programme {
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
    };
    programme.validate().map_err(|e| {
        e.map_location(|at| Location {
            file: Some(doc.file.into()),
            ..at
        })
    })?;
    Ok(programme)
}
