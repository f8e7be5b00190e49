//! The family source: a family table valued person by person, to cohorts,
//! netted for deadweight, and the annual service ratio.
//!
//! A [`FamilySource`] is one kind of benefit source of a
//! [`Programme`](crate::over_time::Programme), beside stated streams and
//! outcome lines; its gross annual benefit (the basis cohort's average
//! benefit per case x cases a year) is what a stream of
//! [`Amount::Service`](crate::over_time::Amount::Service) counts.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::adjustments::{Deadweight, DeadweightScenario};
use crate::benefits::{StateValues, UnitValue, ValuationRule};
use crate::cohorts::{CohortResult, Family, FamilyResult};
use crate::costs::{CostBasis, UnitCost};
use crate::derivation::Derivation;
use crate::error::{Error, Location, Result};
use crate::money::{Hours, Money, Ratio, mul};
use crate::provenance::Source;
use crate::states::{State, StateCatalogue};

/// Which benefit a family is credited with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitBasis {
    /// The valuation rule applied to the family's statuses.
    #[default]
    Rule,
    /// The benefit the publication states for the family, where it states one
    /// (the rule elsewhere). Reproduces a publication as printed.
    Published,
}

impl std::fmt::Display for BenefitBasis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BenefitBasis::Rule => "rule",
            BenefitBasis::Published => "published",
        })
    }
}

/// The annual service appraisal: average benefit per case of one cohort x
/// cases a year x (1 - deadweight) / annual service cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualBasis {
    /// The cohort whose average benefit per case is used.
    pub basis_cohort: u32,
    /// Cases (conferences) a year.
    pub cases_per_year: Decimal,
    /// The annual cost of the whole service.
    pub service_cost: Money,
    /// Where the throughput and cost come from.
    pub source: Source,
}

impl AnnualBasis {
    /// `cases_per_year` cases a year of cohort `basis_cohort`'s average
    /// benefit, against `service_cost` a year, from `source`.
    pub fn new(
        basis_cohort: u32,
        cases_per_year: Decimal,
        service_cost: Money,
        source: Source,
    ) -> AnnualBasis {
        AnnualBasis {
            basis_cohort,
            cases_per_year,
            service_cost,
            source,
        }
    }
}

/// A family table valued person by person: the states, the families, the
/// unit cost of a session, the value of each state, the valuation rule,
/// deadweight scenarios and the annual basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "FamilySourceData")]
pub struct FamilySource {
    /// The states people can be in.
    pub states: StateCatalogue,
    /// The families.
    pub families: Vec<Family>,
    /// The cost of one session.
    pub unit_cost: UnitCost,
    /// The value of each state.
    pub values: StateValues,
    /// The catalogue the values were taken from (for provenance; may be empty).
    pub catalogue: Vec<UnitValue>,
    /// The valuation rule.
    pub rule: ValuationRule,
    /// Rule or published benefits.
    pub benefit_basis: BenefitBasis,
    /// Deadweight scenarios to net for.
    pub deadweight: Vec<DeadweightScenario>,
    /// The annual service appraisal, if the source has one.
    pub annual: Option<AnnualBasis>,
}

/// A family source as written, read back through [`FamilySource::validate`].
#[derive(Deserialize)]
struct FamilySourceData {
    states: StateCatalogue,
    families: Vec<Family>,
    unit_cost: UnitCost,
    values: StateValues,
    catalogue: Vec<UnitValue>,
    rule: ValuationRule,
    benefit_basis: BenefitBasis,
    deadweight: Vec<DeadweightScenario>,
    annual: Option<AnnualBasis>,
}

impl TryFrom<FamilySourceData> for FamilySource {
    type Error = Error;
    fn try_from(d: FamilySourceData) -> Result<FamilySource> {
        if !d.values.fits(&d.states) {
            return Err(Error::OutOfRange {
                at: Location::field("values"),
                value: "values for other states".into(),
                field_rule: "the values name the catalogue's states, in its order".into(),
            });
        }
        let s = FamilySource {
            states: d.states,
            families: d.families,
            unit_cost: d.unit_cost,
            values: d.values,
            catalogue: d.catalogue,
            rule: d.rule,
            benefit_basis: d.benefit_basis,
            deadweight: d.deadweight,
            annual: d.annual,
        };
        s.validate()?;
        Ok(s)
    }
}

/// The unit cost as charged, beside the figures it could have been.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnitCostSummary {
    /// The basis charged.
    pub basis: CostBasis,
    /// The cost charged per session.
    pub per_session: Money,
    /// The sum of the staff lines.
    pub computed: Money,
    /// The stated figure.
    pub stated: Option<Money>,
    /// Staff hours per session.
    pub hours: Hours,
}

/// Ratios netted for one deadweight scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NetRatios {
    /// The scenario.
    pub scenario: DeadweightScenario,
    /// (cohort, gross ratio x (1 - deadweight)) for each cohort.
    pub cohorts: Vec<(u32, Ratio)>,
    /// The same for all families together.
    pub overall: Ratio,
}

/// The annual service ratio under one deadweight scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnnualResult {
    /// The deadweight scenario.
    pub scenario: DeadweightScenario,
    /// The cohort whose average is used.
    pub basis_cohort: u32,
    /// Its average benefit per case.
    pub average_benefit: Money,
    /// Cases a year.
    pub cases_per_year: Decimal,
    /// Annual service cost.
    pub service_cost: Money,
    /// Average benefit x cases x (1 - deadweight).
    pub annual_benefit: Money,
    /// Annual benefit / service cost: the benefit-cost ratio (the appendix's "ROI").
    pub ratio: Ratio,
    /// (Annual benefit - service cost) / service cost: the net return on cost.
    pub net_return: Ratio,
}

impl AnnualResult {
    /// The arithmetic behind the ratio, unrounded.
    pub fn derivation(&self) -> Derivation {
        let expression = format!(
            "{} x {} x (1 - {}) / {}",
            self.average_benefit,
            self.cases_per_year,
            self.scenario.deadweight.value(),
            self.service_cost
        );
        Derivation::new(
            format!(
                "annual benefit-cost ratio ({} deadweight, {})",
                self.scenario.name, self.scenario.deadweight
            ),
            expression,
            self.ratio.value(),
        )
        .input(
            format!("average benefit per case, cohort {}", self.basis_cohort),
            self.average_benefit,
            "total benefit of the cohort / its families",
        )
        .input("cases a year", self.cases_per_year, "scenario")
        .input("deadweight", self.scenario.deadweight.value(), "scenario")
        .input("annual service cost", self.service_cost, "scenario")
    }
}

/// The results of a family source, from each family up to the annual ratio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FamilyAppraisal {
    /// The valuation rule used.
    pub rule: ValuationRule,
    /// The states.
    pub states: StateCatalogue,
    /// The value of each state used.
    pub values: StateValues,
    /// Rule or published benefits.
    pub benefit_basis: BenefitBasis,
    /// The unit cost.
    pub unit_cost: UnitCostSummary,
    /// One row per family, in input order.
    pub families: Vec<FamilyResult>,
    /// One row per cohort, in cohort order.
    pub cohorts: Vec<CohortResult>,
    /// All families together.
    pub overall: CohortResult,
    /// Ratios netted for each deadweight scenario.
    pub net_of_deadweight: Vec<NetRatios>,
    /// The annual ratio for each deadweight scenario (empty without an annual basis).
    pub annual: Vec<AnnualResult>,
}

impl FamilyAppraisal {
    /// The result of one cohort.
    pub fn cohort(&self, cohort: u32) -> Option<&CohortResult> {
        self.cohorts.iter().find(|c| c.cohort == Some(cohort))
    }

    /// The result of one family.
    pub fn family(&self, cohort: u32, family: &str) -> Option<&FamilyResult> {
        self.families
            .iter()
            .find(|f| f.cohort == cohort && f.family == family)
    }
}

impl FamilySource {
    /// A family source with no families, deadweight or annual basis yet (add
    /// them with the `with_*` methods), its values taken from `catalogue`.
    ///
    /// ```
    /// use froi::*;
    /// let states = nelc_2020::states()?;
    /// let catalogue = load::unit_values_from_csv(&nelc_2020::file("unit_values.csv")?.0, "unit_values.csv", &states)?;
    /// let (cp, cin) = (states.state("CP")?, states.state("CIN")?);
    /// let s = FamilySource::new(
    ///     states,
    ///     catalogue,
    ///     UnitCost::stated_only(Money::from_pounds(1295)),
    ///     ValuationRule::new(OutcomePoint::FollowUp, Deterioration::NoBenefit, Weeks::new(52)?),
    /// )?
    /// .with_families(vec![Family::builder(1, "17").children(1).sessions(1).states(cp, cin, cin).build()?])
    /// .with_deadweight("high", Deadweight::parse("0.30")?);
    /// let a = appraise(&Programme::of_families("one family", s))?;
    /// assert_eq!(a.families()?.families[0].benefit.to_string(), "2522");
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn new(
        states: StateCatalogue,
        catalogue: Vec<UnitValue>,
        unit_cost: UnitCost,
        rule: ValuationRule,
    ) -> Result<FamilySource> {
        let values =
            StateValues::from_catalogue(&states, &catalogue, &Location::field("catalogue"))?;
        Ok(FamilySource {
            states,
            families: Vec::new(),
            unit_cost,
            values,
            catalogue,
            rule,
            benefit_basis: BenefitBasis::Rule,
            deadweight: Vec::new(),
            annual: None,
        })
    }

    /// A family source valued by `values` (no catalogue behind them), with
    /// no families, deadweight or annual basis yet. [`FamilySource::validate`]
    /// (which [`crate::appraise`] calls) checks that every state a family is
    /// in has a value.
    pub fn valued(
        states: StateCatalogue,
        values: StateValues,
        unit_cost: UnitCost,
        rule: ValuationRule,
    ) -> FamilySource {
        FamilySource {
            states,
            families: Vec::new(),
            unit_cost,
            values,
            catalogue: Vec::new(),
            rule,
            benefit_basis: BenefitBasis::Rule,
            deadweight: Vec::new(),
            annual: None,
        }
    }

    /// The same source with these families.
    pub fn with_families(mut self, families: Vec<Family>) -> FamilySource {
        self.families = families;
        self
    }

    /// The same source with one more deadweight scenario.
    pub fn with_deadweight(
        mut self,
        name: impl Into<String>,
        deadweight: Deadweight,
    ) -> FamilySource {
        self.deadweight
            .push(DeadweightScenario::new(name, deadweight));
        self
    }

    /// The same source with an annual service appraisal.
    pub fn with_annual(mut self, annual: AnnualBasis) -> FamilySource {
        self.annual = Some(annual);
        self
    }

    /// The same source, valuing families by `basis`: the rule, or the
    /// benefit printed for each family.
    pub fn with_benefit_basis(mut self, basis: BenefitBasis) -> FamilySource {
        self.benefit_basis = basis;
        self
    }

    /// Value `state` at `value`, in the values and in the catalogue entry
    /// that names it (so the two keep agreeing; see [`FamilySource::validate`]).
    ///
    /// ```
    /// use froi::{StateValue, WeeklyValue};
    /// let mut p = froi::nelc_2020::programme_by_rule()?;
    /// let s = p.family_source_mut()?;
    /// let lac = s.states.state("LAC")?;
    /// s.set_state_value(lac, StateValue::weekly(WeeklyValue::parse("700")?));
    /// let a = froi::appraise(&p)?;
    /// let high = &a.families()?.annual[2];
    /// // Families 7 and 19 of cohort one (5 children, LAC to closed) gain
    /// // 15 x 52 each: (286,696.80 + 3,900) / 20 x 83 x 0.7 / 252,585.
    /// assert_eq!(high.ratio.rounded(froi::Rounding::half_up(4)).to_string(), "3.3422");
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn set_state_value(&mut self, state: State, value: crate::benefits::StateValue) {
        self.values = self.values.clone().with(state, value);
        for entry in self.catalogue.iter_mut().filter(|u| u.state == Some(state)) {
            entry.amount = value.amount;
            entry.period = value.period;
        }
    }

    /// Check the source as the file loader checks a file, whatever built
    /// it (a file, serde, code): families present, each id once in its
    /// cohort, every state of the catalogue and valued, values not negative
    /// and the same as the catalogue says, a positive unit cost, deadweight
    /// scenarios named once, and a positive annual basis.
    /// [`Programme::validate`](crate::over_time::Programme::validate) calls it.
    ///
    /// ```
    /// let mut p = froi::nelc_2020::programme_by_rule()?;
    /// let s = p.family_source_mut()?;
    /// let twin = s.families[0].clone();
    /// s.families.push(twin);
    /// assert_eq!(
    ///     s.validate().unwrap_err().to_string(),
    ///     "field `families`: family \"1\" appears twice in cohort 1 (first at line 1)"
    /// );
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        self.check_families()?;
        self.check_values()?;
        self.check_costs_and_scenarios()
    }

    /// Families present, each once in its cohort, in states of the
    /// catalogue that have values.
    fn check_families(&self) -> Result<()> {
        if self.families.is_empty() {
            return Err(Error::Missing {
                at: Location::field("families"),
                what: "families (the family table is empty)",
            });
        }
        let mut seen = std::collections::HashMap::new();
        for (i, f) in self.families.iter().enumerate() {
            let row = i as u64 + 1;
            if let Some(first) = seen.insert((f.cohort(), f.id()), row) {
                return Err(Error::DuplicateFamily {
                    at: Location::field("families"),
                    cohort: f.cohort(),
                    family: f.id().to_string(),
                    first_line: first,
                });
            }
            for state in [f.entry(), f.exit(), f.follow_up()] {
                if self.states.def(state).is_none() {
                    return Err(Error::OutOfRange {
                        at: Location::field(format!("families[{i}]")),
                        value: format!("state #{}", state.index()),
                        field_rule: format!(
                            "a family's states belong to the scenario's catalogue of {}",
                            self.states.len()
                        ),
                    });
                }
                self.values.value(state).map_err(|_| Error::UnitValue {
                    at: Location::field("unit values"),
                    state: self.values.name(state).to_string(),
                    problem: format!(
                        "the catalogue has no entry for it, and family {:?} of cohort {} is in it",
                        f.id(),
                        f.cohort()
                    ),
                })?;
            }
        }
        Ok(())
    }

    /// Values not negative, and the same as the catalogue says.
    fn check_values(&self) -> Result<()> {
        for (state, def) in self.states.iter() {
            if let Ok(v) = self.values.value(state)
                && v.amount < Decimal::ZERO
            {
                return Err(Error::UnitValue {
                    at: Location::field("values"),
                    state: self.values.name(state).to_string(),
                    problem: format!("it is negative ({})", v.amount),
                });
            }
            let _ = def;
        }
        if !self.catalogue.is_empty() {
            let from_catalogue = StateValues::from_catalogue(
                &self.states,
                &self.catalogue,
                &Location::field("catalogue"),
            )?;
            for (state, _) in self.states.iter() {
                let (a, b) = (
                    self.values.value(state).ok(),
                    from_catalogue.value(state).ok(),
                );
                if a != b && b.is_some() {
                    return Err(Error::UnitValue {
                        at: Location::field("values"),
                        state: self.values.name(state).to_string(),
                        problem: "the values and the catalogue disagree; build the values with \
                                  StateValues::from_catalogue, or leave the catalogue empty"
                            .into(),
                    });
                }
            }
        }
        Ok(())
    }

    /// A positive unit cost, deadweight scenarios named once, an annual
    /// basis whose cohort has families and whose cases and cost are
    /// positive.
    fn check_costs_and_scenarios(&self) -> Result<()> {
        let per_session = self.unit_cost.per_session()?;
        if per_session <= Money::ZERO {
            return Err(Error::OutOfRange {
                at: Location::field("cost.per_session"),
                value: per_session.to_string(),
                field_rule: "the cost per session is the denominator of every family's ratio and must be positive".into(),
            });
        }
        let mut names = std::collections::HashSet::new();
        for d in &self.deadweight {
            if !names.insert(d.name.as_str()) {
                return Err(Error::OutOfRange {
                    at: Location::field("deadweight.name"),
                    value: format!("{:?}", d.name),
                    field_rule: "a deadweight scenario is named once".into(),
                });
            }
        }
        if let Some(a) = &self.annual {
            if !self.families.iter().any(|f| f.cohort() == a.basis_cohort) {
                return Err(Error::EmptyCohort {
                    at: Location::field("annual.basis_cohort"),
                    cohort: a.basis_cohort,
                });
            }
            for (field, v, rule) in [
                (
                    "annual.cases_per_year",
                    a.cases_per_year,
                    "cases a year must be positive",
                ),
                (
                    "annual.service_cost",
                    a.service_cost.value(),
                    "the annual service cost is the denominator of the annual ratio and must be \
                     positive",
                ),
            ] {
                if v <= Decimal::ZERO {
                    return Err(Error::OutOfRange {
                        at: Location::field(field),
                        value: v.to_string(),
                        field_rule: rule.into(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Appraise one family.
pub fn appraise_family(
    family: &Family,
    unit_cost: Money,
    states: &StateCatalogue,
    values: &StateValues,
    rule: &ValuationRule,
    basis: BenefitBasis,
) -> Result<FamilyResult> {
    let outcome = rule.outcome_of(family);
    let cost = unit_cost.checked_times(u64::from(family.sessions()))?;
    let rule_benefit = rule.family_benefit(values, family)?;
    let published = match basis {
        BenefitBasis::Published => family.published().benefit,
        BenefitBasis::Rule => None,
    };
    let benefit = published.unwrap_or(rule_benefit);
    let ratio = benefit.ratio_to(cost, || {
        format!(
            "the benefit-cost ratio of family {} in cohort {}",
            family.id(),
            family.cohort()
        )
    })?;
    Ok(FamilyResult {
        cohort: family.cohort(),
        family: family.id().to_string(),
        children: family.children(),
        sessions: family.sessions(),
        entry: states.id(family.entry()).to_string(),
        outcome: states.id(outcome).to_string(),
        movement: rule.movement(states, values, family.entry(), outcome)?,
        cost,
        rule_benefit,
        benefit,
        benefit_is_published: published.is_some(),
        ratio,
    })
}

/// Check and appraise a family source on its own (the audit recomputes
/// corrected sources this way).
#[cfg_attr(not(feature = "audit"), allow(dead_code))]
pub(crate) fn appraise_source(source: &FamilySource) -> Result<FamilyAppraisal> {
    source.validate()?;
    appraise_families(source).map(|(results, _)| results)
}

/// Appraise a family source: each family, each cohort, all together, net of
/// each deadweight scenario, and the annual ratio. [`crate::appraise`] calls
/// it for a programme's family source. Beside the results, the service's
/// gross annual benefit (the basis cohort's average benefit per case x cases
/// a year, before deadweight; `None` without an annual basis): what a stream
/// of [`Amount::Service`](crate::over_time::Amount::Service) counts.
pub(crate) fn appraise_families(
    scenario: &FamilySource,
) -> Result<(FamilyAppraisal, Option<Money>)> {
    let per_session = scenario
        .unit_cost
        .per_session()
        .map_err(|e| e.computing(|| "the unit cost (cost.staff hours x rates)".into()))?;
    let families = scenario
        .families
        .iter()
        .map(|f| {
            appraise_family(
                f,
                per_session,
                &scenario.states,
                &scenario.values,
                &scenario.rule,
                scenario.benefit_basis,
            )
            .map_err(|e| Error::Family {
                cohort: f.cohort(),
                family: f.id().to_string(),
                source: Box::new(e),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let (cohorts, overall) = cohorts_of(scenario, &families)?;
    let net_of_deadweight = scenario
        .deadweight
        .iter()
        .map(|s| net_ratios(s, &cohorts, &overall))
        .collect::<Result<Vec<_>>>()?;
    let (annual, service) = annual_chain(scenario, &cohorts)?;
    let results = FamilyAppraisal {
        rule: scenario.rule,
        states: scenario.states.clone(),
        values: scenario.values.clone(),
        benefit_basis: scenario.benefit_basis,
        unit_cost: UnitCostSummary {
            basis: scenario.unit_cost.basis(),
            per_session,
            computed: scenario.unit_cost.computed()?,
            stated: scenario.unit_cost.stated(),
            hours: scenario.unit_cost.hours()?,
        },
        families,
        cohorts,
        overall,
        net_of_deadweight,
        annual,
    };
    Ok((results, service))
}

/// Each cohort's totals, and all families'.
fn cohorts_of(
    scenario: &FamilySource,
    families: &[FamilyResult],
) -> Result<(Vec<CohortResult>, CohortResult)> {
    let mut groups: BTreeMap<u32, Vec<(&Family, &FamilyResult)>> = BTreeMap::new();
    for pair in scenario.families.iter().zip(families) {
        groups.entry(pair.0.cohort()).or_default().push(pair);
    }
    let cohorts = groups
        .iter()
        .map(|(cohort, rows)| {
            CohortResult::from_families(Some(*cohort), &scenario.states, rows.iter().copied())
                .map_err(|e| e.computing(|| format!("the totals of cohort {cohort}")))
        })
        .collect::<Result<Vec<_>>>()?;
    let overall = CohortResult::from_families(
        None,
        &scenario.states,
        scenario.families.iter().zip(families),
    )
    .map_err(|e| e.computing(|| "the totals of all families".into()))?;
    Ok((cohorts, overall))
}

/// Each cohort's ratio, and all families', net of one deadweight scenario.
fn net_ratios(
    s: &DeadweightScenario,
    cohorts: &[CohortResult],
    overall: &CohortResult,
) -> Result<NetRatios> {
    Ok(NetRatios {
        scenario: s.clone(),
        cohorts: cohorts
            .iter()
            .map(|c| Ok((c.cohort.unwrap_or(0), net_ratio(s, c)?)))
            .collect::<Result<Vec<_>>>()?,
        overall: net_ratio(s, overall)?,
    })
}

/// The annual ratio under each deadweight scenario, and the service's gross
/// annual benefit (none without an annual basis).
fn annual_chain(
    scenario: &FamilySource,
    cohorts: &[CohortResult],
) -> Result<(Vec<AnnualResult>, Option<Money>)> {
    let Some(basis) = &scenario.annual else {
        return Ok((Vec::new(), None));
    };
    let cohort = cohorts
        .iter()
        .find(|c| c.cohort == Some(basis.basis_cohort))
        .ok_or(Error::EmptyCohort {
            at: Location::field("annual.basis_cohort"),
            cohort: basis.basis_cohort,
        })?;
    let service = Money::new(
        mul(cohort.average_benefit.value(), basis.cases_per_year)
            .map_err(|e| e.computing(annual_benefit))?,
    );
    let annual = scenario
        .deadweight
        .iter()
        .map(|s| annual_result(basis, cohort.average_benefit, s))
        .collect::<Result<Vec<_>>>()?;
    Ok((annual, Some(service)))
}

/// The annual ratio for one average benefit per case and one deadweight scenario.
pub fn annual_result(
    basis: &AnnualBasis,
    average_benefit: Money,
    scenario: &DeadweightScenario,
) -> Result<AnnualResult> {
    let gross = Money::new(
        mul(average_benefit.value(), basis.cases_per_year)
            .map_err(|e| e.computing(annual_benefit))?,
    );
    let annual_benefit = scenario
        .deadweight
        .net(gross)
        .map_err(|e| e.computing(annual_benefit))?;
    let ratio = annual_benefit.ratio_to(basis.service_cost, || {
        "the annual benefit-cost ratio (annual.service_cost)".to_string()
    })?;
    Ok(AnnualResult {
        scenario: scenario.clone(),
        basis_cohort: basis.basis_cohort,
        average_benefit,
        cases_per_year: basis.cases_per_year,
        service_cost: basis.service_cost,
        annual_benefit,
        ratio,
        net_return: ratio.checked_less_one()?,
    })
}

fn annual_benefit() -> String {
    "the annual benefit (average benefit x annual.cases_per_year x (1 - deadweight))".into()
}

/// A group's ratio net of a deadweight scenario, from its exact totals.
fn net_ratio(s: &DeadweightScenario, c: &CohortResult) -> Result<Ratio> {
    s.deadweight
        .net_ratio_of(c.total_benefit, c.total_cost, || {
            format!(
                "the net ratio of {}",
                c.cohort
                    .map_or("all families".into(), |n| format!("cohort {n}"))
            )
        })
}
