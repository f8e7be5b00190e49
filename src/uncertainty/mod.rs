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
//! let scenario = froi::nelc_2020::scenario_by_rule().unwrap();
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

mod monte_carlo;
mod sensitivity;

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

pub use monte_carlo::{Distribution, MonteCarlo, MonteCarloInput, MonteCarloSummary, SAMPLER};
pub use sensitivity::{OneWay, SWITCHING_TOLERANCE, ScenarioRow, SwitchingValue, TornadoRow};

use crate::adjustments::Deadweight;
use crate::appraisal::{BenefitBasis, Scenario, annual_result};
use crate::benefits::{StateValue, StateValues};
use crate::caseload::{Caseload, appraise_tally_with};
use crate::error::{Error, Location, Result};
use crate::money::{Money, Ratio};
use crate::states::{State, StateCatalogue};

/// A number in a scenario that an analysis can move.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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
}

impl Parameter {
    /// The unit value named `name` (an id of the unit-value catalogue, or a
    /// state it values).
    pub fn unit_value(name: impl Into<String>) -> Parameter {
        Parameter::UnitValue(name.into())
    }

    /// Read a parameter name: `unit_value.<id or state>`, `unit_cost`,
    /// `cases_per_year`, `service_cost`, `deadweight`. Whether a unit value
    /// exists is checked against the scenario when the analysis runs.
    pub fn parse(name: &str) -> Result<Parameter> {
        Ok(match name {
            "unit_cost" => Parameter::UnitCost,
            "cases_per_year" => Parameter::CasesPerYear,
            "service_cost" => Parameter::ServiceCost,
            "deadweight" => Parameter::Deadweight,
            other => match other.strip_prefix("unit_value.") {
                Some(id) if !id.trim().is_empty() => Parameter::UnitValue(id.trim().to_string()),
                _ => {
                    return Err(Error::Unknown {
                        at: Location::field("parameter"),
                        what: "parameter".into(),
                        value: name.to_string(),
                        expected:
                            "unit_value.<ID>, unit_cost, cases_per_year, service_cost, deadweight"
                                .into(),
                    });
                }
            },
        })
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
            what: "target".into(),
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
    /// Unit-value ids of the catalogue that value a state, with the state.
    unit_states: Vec<(String, State)>,
}

impl Evaluator {
    /// An evaluator of `target` for `scenario`, valued by the rule.
    pub fn new(scenario: &Scenario, target: Target) -> Result<Evaluator> {
        let caseload = Caseload::from_families(&scenario.states, &scenario.families)?;
        let unit_states = unit_states(&scenario.catalogue);
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
            unit_states,
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
            Parameter::UnitValue(_) => s.values.value(self.state_of(p)?)?.amount,
            Parameter::UnitCost => s.unit_cost.per_session()?.value(),
            Parameter::CasesPerYear => self.annual_basis()?.cases_per_year,
            Parameter::ServiceCost => self.annual_basis()?.service_cost.value(),
            Parameter::Deadweight => self.deadweight()?.value(),
        })
    }

    /// The state a unit-value parameter moves (see [`unit_value_state`]).
    pub(crate) fn state_of(&self, p: &Parameter) -> Result<State> {
        match p {
            Parameter::UnitValue(name) => {
                unit_value_state(&self.scenario.states, &self.unit_states, name)
            }
            _ => Err(Error::Unknown {
                at: Location::field("parameter"),
                what: "unit-value parameter".into(),
                value: p.to_string(),
                expected: "unit_value.<ID>".into(),
            }),
        }
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
                    what: "deadweight scenario".into(),
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
            }
        }
        match &self.target {
            Target::Cohort(c) => {
                let tally = self.caseload.cohort(*c).ok_or(Error::EmptyCohort {
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
                let tally = self
                    .caseload
                    .cohort(b.basis_cohort)
                    .ok_or(Error::EmptyCohort {
                        at: Location::field("annual.basis_cohort"),
                        cohort: b.basis_cohort,
                    })?;
                let cohort = appraise_tally_with(
                    Some(b.basis_cohort),
                    tally,
                    unit_cost,
                    &s.states,
                    &values,
                    &s.rule,
                )?;
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
