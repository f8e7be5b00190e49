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
//! use froi::CareStatus;
//! let scenario = froi::nelc_2020::scenario_by_rule().unwrap();
//! let eval = Evaluator::new(&scenario, Target::Annual("high".into())).unwrap();
//! // The headline valued by the rule: 3.2973.
//! assert_eq!(eval.base().unwrap().rounded(froi::Rounding::half_up(4)).to_string(), "3.2973");
//! // Cases a year at which it falls to 1: 83 / 3.2973 = 25.17, exactly.
//! let cases = eval.switching_value(&Parameter::CasesPerYear, None).unwrap();
//! assert_eq!(cases.value.unwrap().round_dp(2).to_string(), "25.17");
//! // No weekly value of foster care in [0, 6,850] brings it to 1: the case
//! // never fails on that value alone.
//! let lac = eval.switching_value(&Parameter::WeeklyValue(CareStatus::LookedAfterFoster), None).unwrap();
//! assert_eq!(lac.value, None);
//! ```

mod monte_carlo;
mod sensitivity;

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

pub use monte_carlo::{Distribution, MonteCarlo, MonteCarloInput, MonteCarloSummary, SAMPLER};
pub use sensitivity::{OneWay, SWITCHING_TOLERANCE, ScenarioRow, SwitchingValue, TornadoRow};

use crate::adjustments::Deadweight;
use crate::appraisal::{BenefitBasis, Scenario, annual_result};
use crate::benefits::StatusValues;
use crate::caseload::{Caseload, appraise_tally_with};
use crate::error::{Error, Location, Result};
use crate::money::{Money, Ratio, WeeklyValue};
use crate::statuses::CareStatus;

/// A number in a scenario that an analysis can move.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Parameter {
    /// The weekly value of a care status (`unit_value.LAC`).
    WeeklyValue(CareStatus),
    /// The cost of one session (`unit_cost`).
    UnitCost,
    /// Cases a year in the annual appraisal (`cases_per_year`).
    CasesPerYear,
    /// The annual service cost (`service_cost`).
    ServiceCost,
    /// The deadweight of the target's deadweight scenario (`deadweight`).
    Deadweight,
}

impl Parameter {
    /// Read a parameter name: `unit_value.CIN` (any status label),
    /// `unit_cost`, `cases_per_year`, `service_cost`, `deadweight`.
    pub fn parse(name: &str) -> Result<Parameter> {
        Ok(match name {
            "unit_cost" => Parameter::UnitCost,
            "cases_per_year" => Parameter::CasesPerYear,
            "service_cost" => Parameter::ServiceCost,
            "deadweight" => Parameter::Deadweight,
            other => match other.strip_prefix("unit_value.") {
                Some(label) => Parameter::WeeklyValue(CareStatus::parse_at(
                    label,
                    &Location::field("parameter"),
                )?),
                None => {
                    return Err(Error::Unknown {
                        at: Location::field("parameter"),
                        what: "parameter",
                        value: name.to_string(),
                        expected: "unit_value.<STATUS>, unit_cost, cases_per_year, service_cost, deadweight".into(),
                    });
                }
            },
        })
    }
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Parameter::WeeklyValue(s) => write!(f, "unit_value.{}", s.label()),
            Parameter::UnitCost => f.write_str("unit_cost"),
            Parameter::CasesPerYear => f.write_str("cases_per_year"),
            Parameter::ServiceCost => f.write_str("service_cost"),
            Parameter::Deadweight => f.write_str("deadweight"),
        }
    }
}

/// The ratio an analysis watches.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The annual benefit-cost ratio under the named deadweight scenario.
    Annual(String),
    /// A cohort's gross benefit-cost ratio.
    Cohort(u32),
}

impl Target {
    /// Read `annual:<scenario>` or `cohort:<n>`.
    pub fn parse(text: &str) -> Result<Target> {
        let bad = || Error::Unknown {
            at: Location::field("uncertainty.target"),
            what: "target",
            value: text.to_string(),
            expected: "annual:<deadweight scenario name> or cohort:<number>".into(),
        };
        match text.split_once(':') {
            Some(("annual", name)) if !name.is_empty() => Ok(Target::Annual(name.to_string())),
            Some(("cohort", n)) => n.parse().map(Target::Cohort).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Annual(name) => write!(f, "annual benefit-cost ratio ({name} deadweight)"),
            Target::Cohort(c) => write!(f, "benefit-cost ratio of cohort {c}"),
        }
    }
}

/// Evaluates the target ratio of a scenario with parameters moved, exactly.
///
/// The families are reduced to a [`Caseload`] once; each evaluation then costs
/// work proportional to the number of statuses, not of families.
#[derive(Debug, Clone)]
pub struct Evaluator {
    scenario: Scenario,
    caseload: Caseload,
    target: Target,
}

impl Evaluator {
    /// An evaluator of `target` for `scenario`, valued by the rule.
    pub fn new(scenario: &Scenario, target: Target) -> Result<Evaluator> {
        let caseload = Caseload::from_families(&scenario.families)?;
        // The families live on in the caseload; the evaluator keeps the rest.
        let scenario = Scenario {
            families: Vec::new(),
            catalogue: Vec::new(),
            benefit_basis: BenefitBasis::Rule,
            ..scenario.clone()
        };
        let eval = Evaluator {
            scenario,
            caseload,
            target,
        };
        eval.base()?;
        Ok(eval)
    }

    /// The scenario, valued by the rule, without its families (see [`Evaluator::caseload`]).
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The families, as sufficient statistics.
    pub fn caseload(&self) -> &Caseload {
        &self.caseload
    }

    /// The target.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The target ratio with no parameter moved.
    pub fn base(&self) -> Result<Ratio> {
        self.ratio_with(&[])
    }

    /// The current value of a parameter.
    pub fn value_of(&self, p: &Parameter) -> Result<Decimal> {
        let s = &self.scenario;
        Ok(match p {
            Parameter::WeeklyValue(status) => s.values.weekly(*status)?.value(),
            Parameter::UnitCost => s.unit_cost.per_session()?.value(),
            Parameter::CasesPerYear => self.annual_basis()?.cases_per_year,
            Parameter::ServiceCost => self.annual_basis()?.service_cost.value(),
            Parameter::Deadweight => self.deadweight()?.value(),
        })
    }

    fn annual_basis(&self) -> Result<&crate::appraisal::AnnualBasis> {
        self.scenario.annual.as_ref().ok_or(Error::Missing {
            at: Location::field("annual"),
            what: "table (the parameter belongs to the annual appraisal)",
        })
    }

    fn deadweight(&self) -> Result<Deadweight> {
        match &self.target {
            Target::Annual(name) => self
                .scenario
                .deadweight
                .iter()
                .find(|d| &d.name == name)
                .map(|d| d.deadweight)
                .ok_or_else(|| Error::Unknown {
                    at: Location::field("uncertainty.target"),
                    what: "deadweight scenario",
                    value: name.clone(),
                    expected: self
                        .scenario
                        .deadweight
                        .iter()
                        .map(|d| d.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
            Target::Cohort(_) => Ok(Deadweight::NONE),
        }
    }

    /// The target ratio with each `(parameter, value)` set.
    pub fn ratio_with(&self, overrides: &[(Parameter, Decimal)]) -> Result<Ratio> {
        let s = &self.scenario;
        let mut values: StatusValues = s.values;
        let mut unit_cost = s.unit_cost.per_session()?;
        let mut deadweight = self.deadweight()?;
        let mut basis = s.annual.clone();
        for (p, v) in overrides {
            let at = Location::field(p.to_string());
            match p {
                Parameter::WeeklyValue(status) => {
                    if *v < Decimal::ZERO {
                        return Err(Error::OutOfRange {
                            at,
                            value: v.to_string(),
                            field_rule: "a weekly value must not be negative".into(),
                        });
                    }
                    values = values.with(*status, WeeklyValue::new(*v));
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
            }
        }
        match &self.target {
            Target::Cohort(c) => {
                let tally = self.caseload.cohorts.get(c).ok_or(Error::EmptyCohort {
                    at: Location::field("uncertainty.target"),
                    cohort: *c,
                })?;
                Ok(appraise_tally_with(Some(*c), tally, unit_cost, &values, &s.rule)?.ratio)
            }
            Target::Annual(name) => {
                let b = basis.as_ref().ok_or(Error::Missing {
                    at: Location::field("annual"),
                    what: "table (the target is the annual ratio)",
                })?;
                let tally =
                    self.caseload
                        .cohorts
                        .get(&b.basis_cohort)
                        .ok_or(Error::EmptyCohort {
                            at: Location::field("annual.basis_cohort"),
                            cohort: b.basis_cohort,
                        })?;
                let cohort =
                    appraise_tally_with(Some(b.basis_cohort), tally, unit_cost, &values, &s.rule)?;
                let d = crate::adjustments::DeadweightScenario::new(name.clone(), deadweight);
                Ok(annual_result(b, cohort.average_benefit, &d)?.ratio)
            }
        }
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UncertaintyResult {
    /// The ratio watched.
    pub target: String,
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
    /// Run every analysis on `scenario`.
    pub fn run(&self, scenario: &Scenario) -> Result<UncertaintyResult> {
        let e = Evaluator::new(scenario, self.target.clone())?;
        Ok(UncertaintyResult {
            target: self.target.to_string(),
            base: e.base()?,
            scenarios: e.scenarios(&self.scenarios)?,
            tornado: e.tornado(&self.one_way)?,
            switching: self
                .switching
                .iter()
                .map(|(p, range)| e.switching_value(p, *range))
                .collect::<Result<Vec<_>>>()?,
            monte_carlo: self
                .monte_carlo
                .as_ref()
                .map(|mc| e.monte_carlo(mc))
                .transpose()?,
        })
    }
}
