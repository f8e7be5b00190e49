//! Uncertainty: named scenarios, one-way sensitivity (tornado data),
//! switching values and Monte Carlo.
//!
//! Every analysis moves *parameters* of a scenario ([`Parameter`]) and watches
//! one *target* ratio ([`Target`]). The deterministic analyses (scenarios,
//! sensitivity, switching values) re-appraise exactly, in decimals; only the
//! Monte Carlo simulation samples in `f64`. All of them value families by the
//! rule, since a printed benefit cannot respond to a change in a unit value.
//!
//! ```
//! use froi::uncertainty::{Evaluator, Parameter, Target};
//! let scenario = froi::nelc_2020::programme_by_rule().unwrap();
//! let eval = Evaluator::new(&scenario, Target::Annual("high".into())).unwrap();
//! // The headline valued by the rule: 3.2973.
//! assert_eq!(eval.base().unwrap().rounded(froi::Rounding::half_up(4)).to_string(), "3.2973");
//! // Cases a year at which it falls to 1: 83 / 3.2973 = 25.17, exactly.
//! let cases = eval.switching_value(&Parameter::CasesPerYear, None).unwrap();
//! assert_eq!(cases.value.unwrap().round_dp(2).to_string(), "25.17");
//! // No weekly value of foster care in [0, 6,850] brings it to 1: the case
//! // never fails on that value alone.
//! let lac = eval.switching_value(&Parameter::unit_value("LAC"), None).unwrap();
//! assert_eq!(lac.value, None);
//! ```

mod distributions;
#[cfg(feature = "monte-carlo")]
mod model;
#[cfg(feature = "monte-carlo")]
mod monte_carlo;
mod programme;
#[cfg(feature = "monte-carlo")]
mod quantiles;
mod sensitivity;

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use distributions::{Distribution, MonteCarlo, MonteCarloInput, MonteCarloSummary, SAMPLER};
pub use programme::{LineField, StreamField};
pub(crate) use programme::{apply, value_in};
pub(crate) use sensitivity::bisect_root;
pub use sensitivity::{OneWay, SWITCHING_TOLERANCE, ScenarioRow, SwitchingValue, TornadoRow};

use crate::adjustments::Deadweight;
use crate::benefits::{StateValue, StateValues};
use crate::caseload::{Caseload, appraise_tally_with};
use crate::error::{Error, Location, Result, find_named};
use crate::family_source::{AnnualBasis, BenefitBasis, FamilySource, annual_result};
use crate::money::{Money, Ratio};
use crate::over_time::{Amount, Programme, appraise_over_time_with};
use crate::states::{State, StateCatalogue};

/// A number in a scenario that an analysis can move.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Parameter {
    /// A unit value, named by its id in the unit-value catalogue or by the
    /// state it values (`unit_value.LAC`): its amount per period is moved.
    UnitValue(String),
    /// The cost of one session (`unit_cost`).
    UnitCost,
    /// Cases a year in the annual appraisal (`cases_per_year`).
    CasesPerYear,
    /// The annual service cost (`service_cost`).
    ServiceCost,
    /// The deadweight of the target's deadweight scenario (`deadweight`).
    Deadweight,
    /// A figure of an outcome line (`outcome.<line name>.<field>`).
    Outcome {
        /// The line's name.
        line: String,
        /// The figure.
        field: LineField,
    },
    /// A constant discount rate in place of the schedule (`discount_rate`).
    DiscountRate,
    /// A named discount schedule in place of the programme's
    /// (`schedule.<name>`, e.g. `schedule.green_book_sensitivity_2026`, the
    /// Green Book's additional sensitivity test). Not a number: its only
    /// value is 1, "in force", so it belongs in a named scenario, not a
    /// range.
    Schedule(String),
    /// The years appraised (`horizon_years`), rounded to a whole number.
    Horizon,
    /// A figure of a benefit stream (`benefit.<name>.<field>`).
    Benefit {
        /// The stream's name.
        stream: String,
        /// The figure.
        field: StreamField,
    },
    /// A figure of a cost stream (`cost.<name>.<field>`).
    Cost {
        /// The stream's name.
        stream: String,
        /// The figure.
        field: StreamField,
    },
    /// A grade's optimism bias (`optimism.<grade>.cost_uplift` or
    /// `optimism.<grade>.benefit_reduction`).
    Optimism {
        /// The grade.
        grade: String,
        /// The cost uplift (`true`) or the benefit reduction.
        cost: bool,
    },
}

/// What a parameter's value measures, for showing it: pounds, a share or
/// rate (shown as a percentage), or a count.
// The HTML tables' (feature `reports`).
#[cfg_attr(not(feature = "reports"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    Money,
    Percent,
    Count,
}

impl Parameter {
    /// What the parameter's value measures.
    #[cfg_attr(not(feature = "reports"), allow(dead_code))]
    pub(crate) fn measure(&self) -> Measure {
        match self {
            Parameter::UnitValue(_) | Parameter::UnitCost | Parameter::ServiceCost => {
                Measure::Money
            }
            Parameter::CasesPerYear | Parameter::Horizon | Parameter::Schedule(_) => Measure::Count,
            Parameter::Deadweight | Parameter::DiscountRate | Parameter::Optimism { .. } => {
                Measure::Percent
            }
            Parameter::Benefit { field, .. } | Parameter::Cost { field, .. } => match field {
                StreamField::Annual | StreamField::Recurring | StreamField::UpFront => {
                    Measure::Money
                }
                StreamField::Years | StreamField::FirstYear => Measure::Count,
                _ => Measure::Percent,
            },
            Parameter::Outcome { field, .. } => match field {
                LineField::Participants
                | LineField::Outcomes
                | LineField::Change
                | LineField::DurationYears
                | LineField::LagYears => Measure::Count,
                _ => Measure::Percent,
            },
        }
    }

    /// A value of the parameter as a person reads it: pounds to the penny,
    /// a share as a percentage, a count as it is.
    #[cfg_attr(not(feature = "reports"), allow(dead_code))]
    pub(crate) fn show(&self, v: Decimal) -> String {
        use crate::money::{Rounding, grouped, pounds_text};
        let trim = |t: String| {
            if t.contains('.') {
                t.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                t
            }
        };
        match self.measure() {
            Measure::Money => pounds_text(v, Rounding::half_up(2)),
            Measure::Percent => match v.checked_mul(Decimal::ONE_HUNDRED) {
                Some(p) => format!("{}%", trim(grouped(p, Rounding::half_up(2)))),
                None => v.to_string(),
            },
            Measure::Count => trim(grouped(v, Rounding::half_up(4))),
        }
    }

    /// The unit value named `name` (an id of the unit-value catalogue, or a
    /// state it values).
    pub fn unit_value(name: impl Into<String>) -> Parameter {
        Parameter::UnitValue(name.into())
    }

    /// The words [`Parameter::parse`] reads, for messages.
    pub const WORDS: &'static str = "unit_value.<ID>, unit_cost, cases_per_year, service_cost, \
                                     deadweight, outcome.<LINE>.<FIELD>, discount_rate, \
                                     horizon_years, schedule.<NAME>, benefit.<STREAM>.<FIELD>, \
                                     cost.<STREAM>.<FIELD>, \
                                     optimism.<GRADE>.<cost_uplift or benefit_reduction>";

    /// Read a parameter name: `unit_value.<id or state>`, `unit_cost`,
    /// `cases_per_year`, `service_cost`, `deadweight`,
    /// `outcome.<line name>.<field>` (the field after the last dot, see
    /// [`LineField`]), `discount_rate`. Whether a unit value or a line exists
    /// is checked against the appraisal when the analysis runs.
    pub fn parse(name: &str) -> Result<Parameter> {
        Ok(match name {
            "unit_cost" => Parameter::UnitCost,
            "cases_per_year" => Parameter::CasesPerYear,
            "service_cost" => Parameter::ServiceCost,
            "deadweight" => Parameter::Deadweight,
            "discount_rate" => Parameter::DiscountRate,
            "horizon_years" => Parameter::Horizon,
            other => Parameter::parse_named(other)?,
        })
    }

    /// A parameter that names something: a unit value, a schedule, an
    /// outcome line's, a stream's or a grade's figure (`<prefix>.<name>.<field>`,
    /// the field after the last dot).
    fn parse_named(other: &str) -> Result<Parameter> {
        let named = |prefix: &str| {
            other
                .strip_prefix(prefix)
                .and_then(|rest| rest.rsplit_once('.'))
                .filter(|(name, _)| !name.is_empty())
        };
        let stream_field = |field: &str| {
            StreamField::parse(field)
                .ok_or_else(|| unknown("figure of a stream", field, StreamField::words()))
        };
        if let Some(id) = other.strip_prefix("unit_value.")
            && !id.trim().is_empty()
        {
            return Ok(Parameter::UnitValue(id.trim().to_string()));
        }
        if let Some(name) = other.strip_prefix("schedule.") {
            // The names are those of the schedules' data file.
            #[cfg(feature = "files")]
            {
                let names = crate::discounting::DiscountSchedule::NAMED.map(|(w, _)| w);
                if !names.contains(&name) {
                    return Err(unknown("discount schedule", name, names.join(", ")));
                }
            }
            return Ok(Parameter::Schedule(name.to_string()));
        }
        Ok(if let Some((line, field)) = named("outcome.") {
            let field = LineField::parse(field)
                .ok_or_else(|| unknown("figure of an outcome line", field, LineField::words()))?;
            Parameter::Outcome {
                line: line.to_string(),
                field,
            }
        } else if let Some((stream, field)) = named("benefit.") {
            Parameter::Benefit {
                stream: stream.to_string(),
                field: stream_field(field)?,
            }
        } else if let Some((stream, field)) = named("cost.") {
            Parameter::Cost {
                stream: stream.to_string(),
                field: stream_field(field)?,
            }
        } else if let Some((grade, which)) = named("optimism.") {
            let cost = match which {
                "cost_uplift" => true,
                "benefit_reduction" => false,
                _ => {
                    let expected = "cost_uplift, benefit_reduction".into();
                    return Err(unknown("optimism figure", which, expected));
                }
            };
            Parameter::Optimism {
                grade: grade.to_string(),
                cost,
            }
        } else {
            return Err(unknown("parameter", other, Self::WORDS.into()));
        })
    }

    /// The values the parameter may take, as `(low, high, high included,
    /// low included)`; `None` for no upper bound.
    pub fn valid_range(&self) -> (f64, Option<f64>, bool, bool) {
        use rust_decimal::prelude::ToPrimitive;
        match self {
            Parameter::UnitValue(_) => (0.0, None, false, true),
            Parameter::UnitCost | Parameter::CasesPerYear | Parameter::ServiceCost => {
                (0.0, None, false, false)
            }
            Parameter::Deadweight => (0.0, Some(1.0), false, true),
            Parameter::DiscountRate => (-1.0, None, false, false),
            Parameter::Schedule(_) => (1.0, Some(1.0), true, true),
            Parameter::Horizon => (1.0, Some(1000.0), true, true),
            Parameter::Benefit { field, .. } | Parameter::Cost { field, .. } => field.range(),
            Parameter::Optimism { cost: true, .. } => (0.0, None, false, true),
            Parameter::Optimism { cost: false, .. } => (0.0, Some(1.0), true, true),
            Parameter::Outcome { field, .. } => {
                let (low, high, closed) = field.range();
                (
                    low.to_f64().unwrap_or(0.0),
                    high.and_then(|h| h.to_f64()),
                    closed,
                    true,
                )
            }
        }
    }

    /// [`Parameter::valid_range`] as a reader would write it: `[0, 1]`,
    /// `(-1, infinity)`.
    pub fn range_text(&self) -> String {
        let (low, high, high_closed, low_closed) = self.valid_range();
        format!(
            "{}{low}, {}{}",
            if low_closed { "[" } else { "(" },
            high.map_or("infinity".to_string(), |h| h.to_string()),
            if high.is_some() && high_closed {
                "]"
            } else {
                ")"
            },
        )
    }

    /// `v` within [`Parameter::valid_range`], or an error at `at` naming
    /// the range.
    pub(crate) fn check_value(&self, v: Decimal, at: Location) -> Result<()> {
        use rust_decimal::prelude::ToPrimitive;
        let (low, high, high_closed, low_closed) = self.valid_range();
        let x = v.to_f64().unwrap_or(f64::NAN);
        let below = if low_closed { x < low } else { x <= low };
        let above = match high {
            Some(h) if high_closed => x > h,
            Some(h) => x >= h,
            None => false,
        };
        if below || above || x.is_nan() {
            return Err(Error::OutOfRange {
                at,
                value: v.to_string(),
                field_rule: format!("{self} takes values in {}", self.range_text()),
            });
        }
        Ok(())
    }

    /// The parameter as a reader names it, for chart rows and tables (its id,
    /// [`Parameter`]'s `Display`, is what files and tooltips use).
    ///
    /// ```
    /// use froi::uncertainty::Parameter;
    /// let p: Parameter = "unit_value.LAC".parse().unwrap();
    /// assert_eq!(p.label(), "unit value of LAC");
    /// let p: Parameter = "cost.staff.up_front".parse().unwrap();
    /// assert_eq!(p.label(), "staff: up front");
    /// ```
    pub fn label(&self) -> String {
        let words = |field: &dyn fmt::Display| field.to_string().replace('_', " ");
        match self {
            Parameter::UnitValue(id) => format!("unit value of {id}"),
            Parameter::UnitCost => "cost of a session".into(),
            Parameter::CasesPerYear => "cases a year".into(),
            Parameter::ServiceCost => "annual service cost".into(),
            Parameter::Deadweight => "deadweight".into(),
            Parameter::Outcome { line, field } => format!("{line}: {}", words(field)),
            Parameter::DiscountRate => "discount rate".into(),
            Parameter::Schedule(name) => format!("the {name} discount schedule"),
            Parameter::Horizon => "horizon (years)".into(),
            Parameter::Benefit { stream, field } | Parameter::Cost { stream, field } => {
                format!("{stream}: {}", words(field))
            }
            Parameter::Optimism { grade, cost } => format!(
                "optimism bias {grade}: {}",
                if *cost {
                    "cost uplift"
                } else {
                    "benefit reduction"
                }
            ),
        }
    }

    /// Whether the parameter belongs to the family appraisal (the transition
    /// path), as opposed to the appraisal over time.
    fn is_family(&self) -> bool {
        matches!(
            self,
            Parameter::UnitCost
                | Parameter::CasesPerYear
                | Parameter::ServiceCost
                | Parameter::Deadweight
        )
    }
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Parameter::UnitValue(id) => write!(f, "unit_value.{id}"),
            Parameter::UnitCost => f.write_str("unit_cost"),
            Parameter::CasesPerYear => f.write_str("cases_per_year"),
            Parameter::ServiceCost => f.write_str("service_cost"),
            Parameter::Deadweight => f.write_str("deadweight"),
            Parameter::Outcome { line, field } => write!(f, "outcome.{line}.{field}"),
            Parameter::DiscountRate => f.write_str("discount_rate"),
            Parameter::Schedule(name) => write!(f, "schedule.{name}"),
            Parameter::Horizon => f.write_str("horizon_years"),
            Parameter::Benefit { stream, field } => write!(f, "benefit.{stream}.{field}"),
            Parameter::Cost { stream, field } => write!(f, "cost.{stream}.{field}"),
            Parameter::Optimism { grade, cost } => write!(
                f,
                "optimism.{grade}.{}",
                if *cost {
                    "cost_uplift"
                } else {
                    "benefit_reduction"
                }
            ),
        }
    }
}

/// The state a unit value named `name` values: an entry of the unit-value
/// catalogue with that id (exactly), given as `(id, state)` pairs, or else a
/// state with that label or alias (any case).
pub(crate) fn unit_value_state(
    states: &StateCatalogue,
    unit_states: &[(String, State)],
    name: &str,
) -> Result<State> {
    if let Some((_, state)) = unit_states.iter().find(|(id, _)| id == name) {
        return Ok(*state);
    }
    states.state(name).map_err(|_| {
        let mut expected: Vec<&str> = unit_states.iter().map(|(id, _)| id.as_str()).collect();
        expected.extend(states.iter().map(|(_, d)| d.id.as_str()));
        Error::Unknown {
            at: Location::field("parameter"),
            what: "unit value".into(),
            value: name.to_string(),
            expected: expected.join(", "),
        }
    })
}

/// The unit values of a catalogue that value a state, as `(id, state)`.
pub(crate) fn unit_states(catalogue: &[crate::benefits::UnitValue]) -> Vec<(String, State)> {
    catalogue
        .iter()
        .filter_map(|u| Some((u.id.clone(), u.state?)))
        .collect()
}

/// The ratio an analysis watches.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Target {
    /// The annual benefit-cost ratio under the named deadweight scenario.
    Annual(String),
    /// A cohort's gross benefit-cost ratio.
    Cohort(u32),
    /// The net present value of the appraisal over time (pounds; its
    /// threshold is 0, where the NPV switches sign).
    Npv,
    /// The public-value benefit-cost ratio over time (all kinds of benefit).
    Bcr,
    /// The fiscal benefit-cost ratio over time (FROI: fiscal benefits only).
    FiscalBcr,
    /// NPV / PV costs (threshold 0).
    NetRatio,
    /// The discounted payback year: the first year in which the cumulative
    /// discounted net benefit is not negative. A programme that does not pay
    /// back within its horizon of `N` years (years 0 to N - 1) counts as
    /// year `N`, the first after it; the threshold is `N - 0.5`
    /// ([`Evaluator::threshold`]), so a switching value is where the
    /// programme stops (or starts) paying back within the horizon.
    Payback,
}

impl Target {
    /// Read `annual:<scenario>`, `cohort:<n>`, or a measure of the
    /// appraisal over time: `npv`, `bcr`, `fiscal_bcr`, `net_ratio`,
    /// `payback`.
    pub fn parse(text: &str) -> Result<Target> {
        let bad = || {
            Error::Unknown {
            at: Location::field("uncertainty.target"),
            what: "target".into(),
            value: text.to_string(),
            expected: "annual:<deadweight scenario name>, cohort:<number>, npv, bcr, fiscal_bcr, net_ratio, payback".into(),
        }
        };
        match text {
            "npv" => return Ok(Target::Npv),
            "bcr" => return Ok(Target::Bcr),
            "fiscal_bcr" => return Ok(Target::FiscalBcr),
            "net_ratio" => return Ok(Target::NetRatio),
            "payback" => return Ok(Target::Payback),
            _ => {}
        }
        match text.split_once(':') {
            Some(("annual", name)) if !name.is_empty() => Ok(Target::Annual(name.to_string())),
            Some(("cohort", n)) => n.parse().map(Target::Cohort).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }

    /// The annual ratio under a deadweight scenario of the scenario (named
    /// by the scenario itself, so a typo cannot name one that is not there).
    pub fn annual(scenario: &crate::adjustments::DeadweightScenario) -> Target {
        Target::Annual(scenario.name.clone())
    }

    /// Whether the target is a measure of the appraisal over time.
    pub fn is_over_time(&self) -> bool {
        matches!(
            self,
            Target::Npv | Target::Bcr | Target::FiscalBcr | Target::NetRatio | Target::Payback
        )
    }

    /// The value at which the case switches: 1 for a benefit-cost ratio, 0
    /// for the NPV and the net ratio. The payback year's depends on the
    /// horizon: [`Evaluator::threshold`] gives it (here, 0).
    pub fn threshold(&self) -> Decimal {
        match self {
            Target::Npv | Target::NetRatio | Target::Payback => Decimal::ZERO,
            _ => Decimal::ONE,
        }
    }
}

crate::money::from_str_by_parse!(Parameter, Target);

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Annual(name) => write!(f, "annual benefit-cost ratio ({name} deadweight)"),
            Target::Cohort(c) => write!(f, "benefit-cost ratio of cohort {c}"),
            Target::Npv => f.write_str("net present value"),
            Target::Bcr => f.write_str("benefit-cost ratio over time (public value)"),
            Target::FiscalBcr => f.write_str("fiscal benefit-cost ratio over time (FROI)"),
            Target::NetRatio => f.write_str("net ratio over time"),
            Target::Payback => f.write_str("discounted payback year"),
        }
    }
}

/// Evaluates the target of a programme with parameters moved, exactly.
///
/// The families of a programme's family source are reduced to a
/// [`Caseload`] once; each evaluation of a family target then costs work
/// proportional to the number of states, not of families. A target of the
/// appraisal over time re-appraises the programme (with the service stream
/// from the families, where it has one).
#[derive(Debug, Clone)]
pub struct Evaluator {
    /// The programme's name.
    name: String,
    /// The family source without its families, and the families as tallies.
    families: Option<(FamilySource, Caseload)>,
    /// The programme without its family source, where it runs over time.
    programme: Option<Programme>,
    target: Target,
    /// Unit-value ids of the catalogue that value a state, with the state.
    unit_states: Vec<(String, State)>,
}

impl Evaluator {
    /// An evaluator of `target` for `programme`, its families valued by the
    /// rule.
    pub fn new(programme: &Programme, target: Target) -> Result<Evaluator> {
        let families = match &programme.family_source {
            Some(source) => {
                let caseload = Caseload::from_families(&source.states, &source.families)?;
                // The families live on in the caseload; the evaluator keeps the rest.
                let kept = FamilySource {
                    families: Vec::new(),
                    catalogue: Vec::new(),
                    benefit_basis: BenefitBasis::Rule,
                    ..source.clone()
                };
                Some((kept, caseload))
            }
            None => None,
        };
        let unit_states = programme
            .family_source
            .as_ref()
            .map(|s| unit_states(&s.catalogue))
            .unwrap_or_default();
        let eval = Evaluator {
            name: programme.name.clone(),
            families,
            programme: programme.runs_over_time().then(|| Programme {
                family_source: None,
                ..programme.clone()
            }),
            target,
            unit_states,
        };
        eval.base()?;
        Ok(eval)
    }

    /// The family source, valued by the rule, without its families (see
    /// [`Evaluator::caseload`]); `None` for a programme without one.
    pub fn family_source(&self) -> Option<&FamilySource> {
        self.families.as_ref().map(|(s, _)| s)
    }

    /// The families, as sufficient statistics; `None` without a family source.
    pub fn caseload(&self) -> Option<&Caseload> {
        self.families.as_ref().map(|(_, c)| c)
    }

    /// The appraisal over time, if there is one.
    pub fn programme(&self) -> Option<&Programme> {
        self.programme.as_ref()
    }

    /// The target.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The target with no parameter moved.
    pub fn base(&self) -> Result<Ratio> {
        self.ratio_with(&[])
    }

    /// The value at which the target switches: [`Target::threshold`], and
    /// for the payback year `N - 0.5` with `N` the programme's horizon in
    /// years (paying back within the horizon, or not).
    pub fn threshold(&self) -> Decimal {
        match (&self.target, &self.programme) {
            (Target::Payback, Some(p)) => Decimal::from(p.horizon.years()) - Decimal::new(5, 1),
            (t, _) => t.threshold(),
        }
    }

    fn family(&self) -> Result<&(FamilySource, Caseload)> {
        self.families.as_ref().ok_or(Error::Missing {
            at: Location::field("families"),
            what: "family table (the parameter or target belongs to the family appraisal)",
        })
    }

    fn over_time(&self) -> Result<&Programme> {
        self.programme.as_ref().ok_or(Error::Missing {
            at: Location::field("time"),
            what: "table (the parameter or target belongs to the appraisal over time)",
        })
    }

    /// The current value of a parameter.
    pub fn value_of(&self, p: &Parameter) -> Result<Decimal> {
        if let Parameter::UnitValue(_) = p
            && let Some((s, _)) = &self.families
            && let Ok(state) = self.state_of(p)
        {
            return Ok(s.values.value(state)?.amount);
        }
        if !p.is_family()
            && let Some(found) = self
                .programme
                .as_ref()
                .and_then(|pr| programme::value_in(pr, p))
        {
            return found;
        }
        if let Parameter::UnitValue(_) = p {
            // Neither a state nor a line draws on it: say what could be named.
            self.state_of(p)?;
        }
        let (s, _) = self.family()?;
        Ok(match p {
            Parameter::UnitCost => s.unit_cost.per_session()?.value(),
            Parameter::CasesPerYear => self.annual_basis()?.cases_per_year,
            Parameter::ServiceCost => self.annual_basis()?.service_cost.value(),
            Parameter::Deadweight => self.deadweight()?.value(),
            _ => self.over_time().map(|_| Decimal::ZERO)?,
        })
    }

    /// The state a unit-value parameter moves (see [`unit_value_state`]).
    pub(crate) fn state_of(&self, p: &Parameter) -> Result<State> {
        let none = StateCatalogue::none();
        let states = self.families.as_ref().map_or(&none, |(s, _)| &s.states);
        match p {
            Parameter::UnitValue(name) => unit_value_state(states, &self.unit_states, name)
                .map_err(|e| match (&e, &self.programme) {
                    (Error::Unknown { expected, .. }, Some(pr)) if !pr.outcomes.is_empty() => {
                        let mut ids: Vec<&str> =
                            pr.outcomes.iter().map(|l| l.value.id.as_str()).collect();
                        ids.dedup();
                        Error::Unknown {
                            at: Location::field("parameter"),
                            what: "unit value".into(),
                            value: name.clone(),
                            expected: format!("{expected}, {}", ids.join(", "))
                                .trim_start_matches("none (the file names no `states` table), ")
                                .to_string(),
                        }
                    }
                    _ => e,
                }),
            _ => Err(Error::Unknown {
                at: Location::field("parameter"),
                what: "unit-value parameter".into(),
                value: p.to_string(),
                expected: "unit_value.<ID>".into(),
            }),
        }
    }

    fn annual_basis(&self) -> Result<&AnnualBasis> {
        self.family()?.0.annual.as_ref().ok_or(Error::Missing {
            at: Location::field("annual"),
            what: "table (the parameter belongs to the annual appraisal)",
        })
    }

    fn deadweight(&self) -> Result<Deadweight> {
        let s = &self.family()?.0;
        match &self.target {
            Target::Annual(name) => {
                let at = ("uncertainty.target", "deadweight scenario");
                find_named(&s.deadweight, |d| d.name.as_str(), name, at).map(|d| d.deadweight)
            }
            _ => Ok(Deadweight::NONE),
        }
    }

    /// The target with each `(parameter, value)` set: a ratio, or pounds
    /// for [`Target::Npv`].
    pub fn ratio_with(&self, overrides: &[(Parameter, Decimal)]) -> Result<Ratio> {
        let mut programme = self.programme.clone();
        let mut family_overrides = Vec::with_capacity(overrides.len());
        for (p, v) in overrides {
            let in_programme = match (&mut programme, p.is_family()) {
                (Some(pr), false) => programme::apply(pr, p, *v)?,
                _ => false,
            };
            let is_state = matches!(p, Parameter::UnitValue(_)) && self.state_of(p).is_ok();
            if p.is_family() || is_state {
                family_overrides.push((p, *v));
            } else if !in_programme {
                // A unit value neither a state nor a line draws on, or an
                // outcome figure without an appraisal over time.
                match p {
                    Parameter::UnitValue(_) => {
                        return Err(self.state_of(p).err().unwrap_or(Error::Missing {
                            at: Location::field(p.to_string()),
                            what: "unit value",
                        }));
                    }
                    _ => {
                        return Err(self.over_time().err().unwrap_or(Error::Missing {
                            at: Location::field(p.to_string()),
                            what: "outcome line",
                        }));
                    }
                }
            }
        }
        if !self.target.is_over_time() {
            return self.family_ratio(&family_overrides);
        }
        let programme = programme.ok_or(Error::Missing {
            at: Location::field("time"),
            what: "table (the target is a measure of the appraisal over time)",
        })?;
        let service = match &self.families {
            Some(_)
                if programme
                    .benefits
                    .iter()
                    .any(|b| b.annual == Amount::Service) =>
            {
                Some(self.service(&family_overrides)?)
            }
            _ => None,
        };
        let pv = appraise_over_time_with(&programme, service)?;
        Ok(match self.target {
            Target::Npv => Ratio::new(pv.npv.value()),
            Target::FiscalBcr => pv.fiscal_bcr,
            Target::NetRatio => pv.net_ratio,
            Target::Payback => Ratio::new(Decimal::from(
                pv.payback_year.unwrap_or(programme.horizon.years()),
            )),
            _ => pv.bcr,
        })
    }

    /// The family values with the overrides that belong to them set: the
    /// state values, unit cost, annual basis and deadweight.
    fn family_inputs(
        &self,
        overrides: &[(&Parameter, Decimal)],
    ) -> Result<(StateValues, Money, Option<AnnualBasis>, Deadweight)> {
        let s = &self.family()?.0;
        let mut values: StateValues = s.values.clone();
        let mut unit_cost = s.unit_cost.per_session()?;
        let mut deadweight = self.deadweight()?;
        let mut basis = s.annual.clone();
        for (p, v) in overrides {
            let at = Location::field(p.to_string());
            match p {
                Parameter::UnitValue(_) => {
                    if *v < Decimal::ZERO {
                        return Err(Error::OutOfRange {
                            at,
                            value: v.to_string(),
                            field_rule: "a unit value must not be negative".into(),
                        });
                    }
                    let state = self.state_of(p)?;
                    let period = values.value(state)?.period;
                    values = values.with(state, StateValue { amount: *v, period });
                }
                Parameter::UnitCost => unit_cost = positive(*v, at)?,
                Parameter::CasesPerYear => {
                    let b = basis.as_mut().ok_or(Error::Missing {
                        at: Location::field("annual"),
                        what: "table",
                    })?;
                    b.cases_per_year = positive(*v, at)?.value();
                }
                Parameter::ServiceCost => {
                    let b = basis.as_mut().ok_or(Error::Missing {
                        at: Location::field("annual"),
                        what: "table",
                    })?;
                    b.service_cost = positive(*v, at)?;
                }
                Parameter::Deadweight => deadweight = Deadweight::new_at(*v, &at)?,
                _ => {}
            }
        }
        Ok((values, unit_cost, basis, deadweight))
    }

    /// The average benefit per case of the annual basis cohort, by the rule.
    fn basis_cohort(
        &self,
        values: &StateValues,
        unit_cost: Money,
        basis: &AnnualBasis,
    ) -> Result<crate::cohorts::CohortResult> {
        let (s, caseload) = self.family()?;
        let tally = caseload
            .cohort(basis.basis_cohort)
            .ok_or(Error::EmptyCohort {
                at: Location::field("annual.basis_cohort"),
                cohort: basis.basis_cohort,
            })?;
        appraise_tally_with(
            Some(basis.basis_cohort),
            tally,
            unit_cost,
            &s.states,
            values,
            &s.rule,
        )
    }

    /// The service's gross annual benefit (the `annual = "service"` stream).
    fn service(&self, overrides: &[(&Parameter, Decimal)]) -> Result<Money> {
        let (values, unit_cost, basis, _) = self.family_inputs(overrides)?;
        let basis = basis.ok_or(Error::Missing {
            at: Location::field("annual"),
            what: "table (a stream takes the service's annual benefit)",
        })?;
        let cohort = self.basis_cohort(&values, unit_cost, &basis)?;
        Ok(Money::new(crate::money::mul(
            cohort.average_benefit.value(),
            basis.cases_per_year,
        )?))
    }

    fn family_ratio(&self, overrides: &[(&Parameter, Decimal)]) -> Result<Ratio> {
        let (s, caseload) = self.family()?;
        let (values, unit_cost, basis, deadweight) = self.family_inputs(overrides)?;
        match &self.target {
            Target::Cohort(c) => {
                let tally = caseload.cohort(*c).ok_or(Error::EmptyCohort {
                    at: Location::field("uncertainty.target"),
                    cohort: *c,
                })?;
                Ok(
                    appraise_tally_with(Some(*c), tally, unit_cost, &s.states, &values, &s.rule)?
                        .ratio,
                )
            }
            Target::Annual(name) => {
                let b = basis.as_ref().ok_or(Error::Missing {
                    at: Location::field("annual"),
                    what: "table (the target is the annual ratio)",
                })?;
                let cohort = self.basis_cohort(&values, unit_cost, b)?;
                let d = crate::adjustments::DeadweightScenario::new(name.clone(), deadweight);
                Ok(annual_result(b, cohort.average_benefit, &d)?.ratio)
            }
            _ => Err(Error::Missing {
                at: Location::field("time"),
                what: "table (the target is a measure of the appraisal over time)",
            }),
        }
    }
}

/// A parameter name froi does not know, with what it could be.
fn unknown(what: &'static str, value: &str, expected: String) -> Error {
    Error::Unknown {
        at: Location::field("parameter"),
        what: what.into(),
        value: value.to_string(),
        expected,
    }
}

fn positive(v: Decimal, at: Location) -> Result<Money> {
    if v <= Decimal::ZERO {
        return Err(Error::OutOfRange {
            at,
            value: v.to_string(),
            field_rule: "must be positive".into(),
        });
    }
    Ok(Money::new(v))
}

/// The analyses a scenario asks for (its `[uncertainty]` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UncertaintySpec {
    /// The ratio watched.
    pub target: Target,
    /// Named sets of overrides.
    pub scenarios: Vec<(String, Vec<(Parameter, Decimal)>)>,
    /// One-way ranges.
    pub one_way: Vec<OneWay>,
    /// Parameters to find switching values for, with optional search ranges.
    pub switching: Vec<(Parameter, Option<(Decimal, Decimal)>)>,
    /// A Monte Carlo run, if any.
    pub monte_carlo: Option<MonteCarlo>,
}

/// What the analyses give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UncertaintyResult {
    /// The programme analysed, by name, where it has a family source (`None`
    /// otherwise: its reports name it themselves).
    #[serde(default)]
    pub scenario: Option<String>,
    /// The ratio watched.
    pub target: String,
    /// Whether the target is a measure of the appraisal over time (else a
    /// family ratio, valued by the rule).
    pub over_time: bool,
    /// The target's threshold: 1 for a ratio, 0 for the NPV or net ratio.
    pub threshold: Decimal,
    /// Whether families were valued by the rule (a scenario's analyses: a
    /// printed benefit cannot move with a parameter, so the base may differ
    /// from the appraisal's own figure).
    pub families_by_rule: bool,
    /// Its value with nothing moved (families valued by the rule).
    pub base: Ratio,
    /// The named scenarios.
    pub scenarios: Vec<ScenarioRow>,
    /// Tornado data, largest swing first.
    pub tornado: Vec<TornadoRow>,
    /// Switching values.
    pub switching: Vec<SwitchingValue>,
    /// The Monte Carlo summary.
    pub monte_carlo: Option<MonteCarloSummary>,
}

impl UncertaintySpec {
    /// Run every analysis on `programme`.
    pub fn run(&self, programme: &Programme) -> Result<UncertaintyResult> {
        self.run_with(&Evaluator::new(programme, self.target.clone())?)
    }

    fn run_with(&self, e: &Evaluator) -> Result<UncertaintyResult> {
        Ok(UncertaintyResult {
            scenario: e.family_source().map(|_| e.name.clone()),
            target: self.target.to_string(),
            over_time: self.target.is_over_time(),
            threshold: e.threshold(),
            families_by_rule: e.family_source().is_some(),
            base: e.base()?,
            scenarios: e.scenarios(&self.scenarios)?,
            tornado: e.tornado(&self.one_way)?,
            switching: self
                .switching
                .iter()
                .map(|(p, range)| e.switching_value(p, *range))
                .collect::<Result<Vec<_>>>()?,
            monte_carlo: match &self.monte_carlo {
                #[cfg(feature = "monte-carlo")]
                Some(mc) => Some(e.monte_carlo(mc)?),
                #[cfg(not(feature = "monte-carlo"))]
                Some(_) => {
                    return Err(Error::Missing {
                        at: Location::field("uncertainty.monte_carlo"),
                        what: "feature `monte-carlo` (froi was built without it)",
                    });
                }
                None => None,
            },
        })
    }
}
