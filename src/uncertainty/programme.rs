//! Parameters of the appraisal over time: the figures of an outcome line, the
//! unit values lines draw on, and the discount rate.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Parameter;
use crate::adjustments::{Deadweight, Fraction};
use crate::discounting::{DiscountRate, DiscountSchedule};
use crate::error::{Error, Location, Result};
use crate::outcome_lines::{Effect, OutcomeLine};
use crate::over_time::Programme;

/// A figure of an outcome line an analysis can move (`outcome.<line>.<field>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineField {
    /// The outcome share (a line with `share`).
    Share,
    /// The rate with the service (a line with rates).
    TreatmentRate,
    /// The rate in the comparison group (a line with rates).
    ComparisonRate,
    /// The share who engage.
    Engagement,
    /// The cohort (rounded to a whole number, at least 1).
    Participants,
    /// The count of outcomes (a line with `outcomes`).
    Outcomes,
    /// The change per person (a line with `change`), of either sign.
    Change,
    /// Years a rate is held (rounded to a whole number, at least 1).
    DurationYears,
    /// Years before it is first valued (rounded to a whole number).
    LagYears,
    /// Deadweight, in `[0, 1)`.
    Deadweight,
    /// Displacement, in `[0, 1]`.
    Displacement,
    /// Attribution, in `[0, 1]`.
    Attribution,
    /// Drop-off, in `[0, 1]`.
    DropOff,
}

impl LineField {
    const ALL: [(LineField, &'static str); 13] = [
        (LineField::Share, "share"),
        (LineField::TreatmentRate, "treatment_rate"),
        (LineField::ComparisonRate, "comparison_rate"),
        (LineField::Engagement, "engagement"),
        (LineField::Participants, "participants"),
        (LineField::Outcomes, "outcomes"),
        (LineField::Change, "change"),
        (LineField::DurationYears, "duration_years"),
        (LineField::LagYears, "lag_years"),
        (LineField::Deadweight, "deadweight"),
        (LineField::Displacement, "displacement"),
        (LineField::Attribution, "attribution"),
        (LineField::DropOff, "drop_off"),
    ];

    /// Read a field name, e.g. `comparison_rate`.
    pub fn parse(word: &str) -> Option<LineField> {
        Self::ALL.iter().find(|(_, w)| *w == word).map(|(f, _)| *f)
    }

    /// The field names, for messages.
    pub fn words() -> String {
        Self::ALL.map(|(_, w)| w).join(", ")
    }

    fn word(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, w)| w)
    }

    /// The values the field may take: `(low, high, high is included)`.
    pub fn range(self) -> (Decimal, Option<Decimal>, bool) {
        match self {
            LineField::Participants | LineField::DurationYears => (Decimal::ONE, None, true),
            LineField::LagYears | LineField::Outcomes => (Decimal::ZERO, None, true),
            LineField::Change => (Decimal::MIN, None, true),
            LineField::Deadweight => (Decimal::ZERO, Some(Decimal::ONE), false),
            _ => (Decimal::ZERO, Some(Decimal::ONE), true),
        }
    }
}

impl fmt::Display for LineField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// A figure of a benefit or cost stream an analysis can move
/// (`benefit.<name>.<field>`, `cost.<name>.<field>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StreamField {
    /// A benefit's stated amount a year (not a service-linked one).
    Annual,
    /// A cost's recurring amount a year.
    Recurring,
    /// A cost's amount up front.
    UpFront,
    /// Years it runs (rounded to a whole number).
    Years,
    /// The year it starts (rounded to a whole number).
    FirstYear,
    /// A benefit's deadweight, in `[0, 1)`.
    Deadweight,
    /// A benefit's displacement, in `[0, 1]`.
    Displacement,
    /// A benefit's attribution, in `[0, 1]`.
    Attribution,
    /// A benefit's drop-off, in `[0, 1]`.
    DropOff,
}

impl StreamField {
    const ALL: [(StreamField, &'static str); 9] = [
        (StreamField::Annual, "annual"),
        (StreamField::Recurring, "recurring"),
        (StreamField::UpFront, "up_front"),
        (StreamField::Years, "years"),
        (StreamField::FirstYear, "first_year"),
        (StreamField::Deadweight, "deadweight"),
        (StreamField::Displacement, "displacement"),
        (StreamField::Attribution, "attribution"),
        (StreamField::DropOff, "drop_off"),
    ];

    /// Read a field name, e.g. `drop_off`.
    pub fn parse(word: &str) -> Option<StreamField> {
        Self::ALL.iter().find(|(_, w)| *w == word).map(|(f, _)| *f)
    }

    /// The field names, for messages.
    pub fn words() -> String {
        Self::ALL.map(|(_, w)| w).join(", ")
    }

    /// Whether the field is a share (an adjustment).
    pub fn is_fraction(self) -> bool {
        matches!(
            self,
            StreamField::Deadweight
                | StreamField::Displacement
                | StreamField::Attribution
                | StreamField::DropOff
        )
    }

    /// The values it may take, as [`Parameter::valid_range`] gives them.
    pub(crate) fn range(self) -> (f64, Option<f64>, bool, bool) {
        match self {
            StreamField::Deadweight => (0.0, Some(1.0), false, true),
            f if f.is_fraction() => (0.0, Some(1.0), true, true),
            StreamField::Years => (1.0, None, false, true),
            _ => (0.0, None, false, true),
        }
    }
}

impl fmt::Display for StreamField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = Self::ALL
            .iter()
            .find(|(x, _)| x == self)
            .map_or("", |(_, w)| w);
        f.write_str(word)
    }
}

/// A stream's figure, if a benefit (`Some(b)`) or cost has it.
fn stream_value(p: &Programme, param: &Parameter) -> Option<Result<Decimal>> {
    let missing = |what: &str, name: &str, names: Vec<&str>| Error::Unknown {
        at: Location::field("parameter"),
        what: what.to_string().into(),
        value: name.to_string(),
        expected: if names.is_empty() {
            "none".into()
        } else {
            names.join(", ")
        },
    };
    let no_figure = |param: &Parameter| {
        Error::Unknown {
        at: Location::field(param.to_string()),
        what: "figure of this stream".into(),
        value: param.to_string(),
        expected: "annual (a stated amount), years, first_year, deadweight, displacement, attribution, drop_off for a benefit; up_front, recurring, years, first_year for a cost".into(),
    }
    };
    Some(match param {
        Parameter::Benefit { stream, field } => {
            let Some(b) = p.benefits.iter().find(|b| &b.name == stream) else {
                return Some(Err(missing(
                    "benefit stream",
                    stream,
                    p.benefits.iter().map(|b| b.name.as_str()).collect(),
                )));
            };
            let a = &b.adjustments;
            match field {
                StreamField::Annual => match b.annual {
                    crate::over_time::Amount::Pounds(m) => Ok(m.value()),
                    _ => Err(no_figure(param)),
                },
                StreamField::Years => Ok(Decimal::from(b.years)),
                StreamField::FirstYear => Ok(Decimal::from(b.first_year)),
                StreamField::Deadweight => Ok(a.deadweight.value()),
                StreamField::Displacement => Ok(a.displacement.value()),
                StreamField::Attribution => Ok(a.attribution.value()),
                StreamField::DropOff => Ok(a.drop_off.value()),
                _ => Err(no_figure(param)),
            }
        }
        Parameter::Cost { stream, field } => {
            let Some(c) = p.costs.iter().find(|c| &c.name == stream) else {
                return Some(Err(missing(
                    "cost stream",
                    stream,
                    p.costs.iter().map(|c| c.name.as_str()).collect(),
                )));
            };
            match field {
                StreamField::UpFront => Ok(c.up_front.value()),
                StreamField::Recurring => Ok(c.recurring.value()),
                StreamField::Years => Ok(Decimal::from(c.years)),
                StreamField::FirstYear => Ok(Decimal::from(c.first_year)),
                _ => Err(no_figure(param)),
            }
        }
        Parameter::Optimism { grade, cost } => match &p.optimism {
            None => Err(Error::Missing {
                at: Location::field("time.optimism_bias"),
                what: "table (the parameter moves a grade of it)",
            }),
            Some(table) => table.grade(grade).map(|g| {
                if *cost {
                    g.cost_uplift.value()
                } else {
                    g.benefit_reduction.value()
                }
            }),
        },
        Parameter::Horizon => Ok(Decimal::from(p.horizon.years())),
        _ => return None,
    })
}

/// Set a stream's, grade's or the horizon's figure to `v`, checked.
fn set_stream(p: &mut Programme, param: &Parameter, v: Decimal) -> Result<()> {
    // The current value exists, or the parameter names nothing here.
    stream_value(p, param).unwrap_or(Ok(Decimal::ZERO))?;
    let at = Location::field(param.to_string());
    param.check_value(v, at.clone())?;
    let fraction = |v: Decimal| Fraction::new_at(v, &at);
    match param {
        Parameter::Horizon => {
            p.horizon = crate::over_time::Horizon::new(whole(v, &at)?)?;
        }
        Parameter::Benefit { stream, field } => {
            if let Some(b) = p.benefits.iter_mut().find(|b| &b.name == stream) {
                let a = &mut b.adjustments;
                match field {
                    StreamField::Annual => {
                        b.annual = crate::over_time::Amount::Pounds(crate::money::Money::new(v));
                    }
                    StreamField::Years => b.years = whole(v, &at)?.max(1),
                    StreamField::FirstYear => b.first_year = whole(v, &at)?,
                    StreamField::Deadweight => a.deadweight = Deadweight::new_at(v, &at)?,
                    StreamField::Displacement => a.displacement = fraction(v)?,
                    StreamField::Attribution => a.attribution = fraction(v)?,
                    StreamField::DropOff => a.drop_off = fraction(v)?,
                    _ => {}
                }
            }
        }
        Parameter::Cost { stream, field } => {
            if let Some(c) = p.costs.iter_mut().find(|c| &c.name == stream) {
                match field {
                    StreamField::UpFront => c.up_front = crate::money::Money::new(v),
                    StreamField::Recurring => c.recurring = crate::money::Money::new(v),
                    StreamField::Years => c.years = whole(v, &at)?,
                    StreamField::FirstYear => c.first_year = whole(v, &at)?,
                    _ => {}
                }
            }
        }
        Parameter::Optimism { grade, cost } => {
            if let Some(table) = &p.optimism {
                let grades = table
                    .grades()
                    .iter()
                    .map(|g| {
                        let mut g = g.clone();
                        if &g.name == grade {
                            if *cost {
                                g.cost_uplift = crate::optimism::Uplift::new_at(v, &at)?;
                            } else {
                                g.benefit_reduction = fraction(v)?;
                            }
                        }
                        Ok(g)
                    })
                    .collect::<Result<Vec<_>>>()?;
                p.optimism = Some(crate::optimism::OptimismBias::with_grades(
                    grades,
                    table.source(),
                )?);
            }
        }
        _ => {}
    }
    Ok(())
}

/// The line named `name`, or an error listing the lines.
fn line<'a>(p: &'a Programme, name: &str) -> Result<&'a OutcomeLine> {
    p.outcomes
        .iter()
        .find(|l| l.name == name)
        .ok_or_else(|| unknown_line(p, name))
}

fn unknown_line(p: &Programme, name: &str) -> Error {
    Error::Unknown {
        at: Location::field("parameter"),
        what: "outcome line".into(),
        value: name.to_string(),
        expected: if p.outcomes.is_empty() {
            "none (the appraisal has no outcome lines)".into()
        } else {
            p.outcomes
                .iter()
                .map(|l| format!("{:?}", l.name))
                .collect::<Vec<_>>()
                .join(", ")
        },
    }
}

fn no_such(line: &OutcomeLine, field: LineField) -> Error {
    let has: Vec<&str> = LineField::ALL
        .iter()
        .filter(|(f, _)| value(line, *f).is_some())
        .map(|(_, w)| *w)
        .collect();
    Error::Unknown {
        at: Location::field(format!("outcome.{}.{field}", line.name)),
        what: "figure".into(),
        value: field.to_string(),
        expected: format!("the figures line {:?} has: {}", line.name, has.join(", ")),
    }
}

/// The current value of a line's figure.
fn get(line: &OutcomeLine, field: LineField) -> Result<Decimal> {
    value(line, field).ok_or_else(|| no_such(line, field))
}

/// The current value of a line's figure, if the line has it.
fn value(line: &OutcomeLine, field: LineField) -> Option<Decimal> {
    let a = &line.adjustments;
    Some(match (field, line.effect) {
        (LineField::Share, Effect::Share(s)) => s.value(),
        (
            LineField::TreatmentRate,
            Effect::Achieved { treatment, .. } | Effect::Avoided { treatment, .. },
        ) => treatment.value(),
        (
            LineField::ComparisonRate,
            Effect::Achieved { comparison, .. } | Effect::Avoided { comparison, .. },
        ) => comparison.value(),
        (LineField::Outcomes, Effect::Count(n)) | (LineField::Change, Effect::Change(n)) => n,
        (LineField::Engagement, _) => line.engagement.value(),
        (LineField::Participants, _) => Decimal::from(line.participants?),
        (LineField::DurationYears, _) => Decimal::from(line.duration_years),
        (LineField::LagYears, _) => Decimal::from(line.lag_years),
        (LineField::Deadweight, _) => a.deadweight.value(),
        (LineField::Displacement, _) => a.displacement.value(),
        (LineField::Attribution, _) => a.attribution.value(),
        (LineField::DropOff, _) => a.drop_off.value(),
        _ => return None,
    })
}

/// A whole number from a (possibly drawn) value, rounded half-up.
fn whole(v: Decimal, at: &Location) -> Result<u32> {
    use rust_decimal::prelude::ToPrimitive;
    v.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .to_u32()
        .ok_or_else(|| Error::OutOfRange {
            at: at.clone(),
            value: v.to_string(),
            field_rule: "a whole number from 0 to 4,294,967,295".into(),
        })
}

/// Check `v` against the field's range, naming `at`.
fn check(field: LineField, v: Decimal, at: &Location) -> Result<()> {
    let (low, high, closed) = field.range();
    let above = match high {
        Some(h) if closed => v > h,
        Some(h) => v >= h,
        None => false,
    };
    if v < low || above {
        let rule = match high {
            Some(h) => format!(
                "{field} lies in [{low}, {h}{}",
                if closed { "]" } else { ")" }
            ),
            None => format!("{field} is at least {low}"),
        };
        return Err(Error::OutOfRange {
            at: at.clone(),
            value: v.to_string(),
            field_rule: rule,
        });
    }
    Ok(())
}

/// Set a line's figure to `v`, checked.
fn set(line: &mut OutcomeLine, field: LineField, v: Decimal) -> Result<()> {
    let at = Location::field(format!("outcome.{}.{field}", line.name));
    check(field, v, &at)?;
    let fraction = |v: Decimal| Fraction::new_at(v, &at);
    let a = &mut line.adjustments;
    match (field, &mut line.effect) {
        (LineField::Share, Effect::Share(s)) => *s = fraction(v)?,
        (
            LineField::TreatmentRate,
            Effect::Achieved { treatment, .. } | Effect::Avoided { treatment, .. },
        ) => *treatment = fraction(v)?,
        (
            LineField::ComparisonRate,
            Effect::Achieved { comparison, .. } | Effect::Avoided { comparison, .. },
        ) => *comparison = fraction(v)?,
        (LineField::Outcomes, Effect::Count(n)) | (LineField::Change, Effect::Change(n)) => *n = v,
        (LineField::Engagement, _) => line.engagement = fraction(v)?,
        (LineField::Participants, _) if line.participants.is_some() => {
            line.participants = Some(u64::from(whole(v, &at)?));
        }
        (LineField::DurationYears, _) => line.duration_years = whole(v, &at)?.max(1),
        (LineField::LagYears, _) => line.lag_years = whole(v, &at)?,
        (LineField::Deadweight, _) => a.deadweight = Deadweight::new_at(v, &at)?,
        (LineField::Displacement, _) => a.displacement = fraction(v)?,
        (LineField::Attribution, _) => a.attribution = fraction(v)?,
        (LineField::DropOff, _) => a.drop_off = fraction(v)?,
        _ => return Err(no_such(line, field)),
    }
    Ok(())
}

/// A named schedule.
fn named_schedule(name: &str) -> Result<DiscountSchedule> {
    DiscountSchedule::named(name).ok_or_else(|| Error::Unknown {
        at: Location::field("schedule"),
        what: "discount schedule".into(),
        value: name.to_string(),
        expected: DiscountSchedule::NAMED.map(|(w, _)| w).join(", "),
    })
}

/// The current value of a parameter of the appraisal over time, or `None`
/// if the parameter does not belong to it.
pub(crate) fn value_in(p: &Programme, param: &Parameter) -> Option<Result<Decimal>> {
    match param {
        Parameter::Outcome { line: name, field } => {
            Some(line(p, name).and_then(|l| get(l, *field)))
        }
        Parameter::UnitValue(id) => p
            .outcomes
            .iter()
            .find(|l| &l.value.id == id)
            .map(|l| Ok(l.value.amount)),
        Parameter::DiscountRate => Some(Ok(p.schedule.rate_in(0).value())),
        // 1 when the named schedule is in force.
        Parameter::Schedule(name) => Some(Ok(Decimal::from(u8::from(p.schedule.name() == name)))),
        other => stream_value(p, other),
    }
}

/// Set a parameter in a programme; `Ok(false)` if it does not belong to it
/// (a unit value no line draws on, a parameter of the family appraisal).
pub(crate) fn apply(p: &mut Programme, param: &Parameter, v: Decimal) -> Result<bool> {
    match param {
        Parameter::Outcome { line: name, field } => {
            let Some(i) = p.outcomes.iter().position(|l| &l.name == name) else {
                return Err(unknown_line(p, name));
            };
            match p.outcomes.get_mut(i) {
                Some(l) => set(l, *field, v).map(|()| true),
                None => Err(unknown_line(p, name)),
            }
        }
        Parameter::UnitValue(id) => {
            let mut any = false;
            for l in p.outcomes.iter_mut().filter(|l| &l.value.id == id) {
                if v < Decimal::ZERO {
                    return Err(Error::OutOfRange {
                        at: Location::field(param.to_string()),
                        value: v.to_string(),
                        field_rule: "a unit value must not be negative".into(),
                    });
                }
                l.value.amount = v;
                any = true;
            }
            Ok(any)
        }
        Parameter::DiscountRate => {
            let rate = DiscountRate::new_at(v, &Location::field("discount_rate"))?;
            p.schedule = DiscountSchedule::constant(rate);
            Ok(true)
        }
        Parameter::Schedule(name) => {
            param.check_value(v, Location::field(param.to_string()))?;
            p.schedule = named_schedule(name)?;
            Ok(true)
        }
        Parameter::Horizon
        | Parameter::Benefit { .. }
        | Parameter::Cost { .. }
        | Parameter::Optimism { .. } => set_stream(p, param, v).map(|()| true),
        _ => Ok(false),
    }
}
