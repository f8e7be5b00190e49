//! The inputs of the headline chain, traced to the rest of the publication.
//!
//! The annual ratio is average benefit x cases a year x (1 - deadweight) /
//! annual service cost. The tables let the audit recompute the average
//! benefit; the other three are stated once. Each is traced: derived from
//! other printed figures, stated as an assumption, consistent or not with the
//! figures it should agree with (the cost per case the tables charge, the unit
//! of the benefit it multiplies), or untraceable. Each also gets its switching
//! value: where the headline falls to 1 with the others held.

use rust_decimal::Decimal;
use serde::Serialize;

use super::classify::agrees;
use super::corrections::correction;
use super::publication::{
    CaseUnit, ChainInput, ChainSource, Metric, Publication, PublishedFigure, read_printed,
};
use super::{Correction, Discrepancy, DiscrepancyKind};
use crate::cohorts::CohortResult;
use crate::costs::{CostBasis, UnitCost};
use crate::error::Result;
use crate::family_source::{AnnualResult, FamilyAppraisal, FamilySource};
use crate::money::{Money, Rounding, div, mul, sub};

/// How an input of the headline chain stands against the rest of the publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TraceStatus {
    /// Recomputed from other printed figures.
    Derived,
    /// Presented by the publication as an assumption.
    Assumed,
    /// Stated once; nothing else printed derives or confirms it.
    Untraceable,
    /// Disagrees with other printed figures, or is in another unit than the
    /// quantity it multiplies.
    Inconsistent,
}

impl std::fmt::Display for TraceStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TraceStatus::Derived => "derived",
            TraceStatus::Assumed => "assumption",
            TraceStatus::Untraceable => "untraceable",
            TraceStatus::Inconsistent => "inconsistent",
        })
    }
}

/// One input of the headline chain, traced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainTrace {
    /// Which input.
    pub input: ChainInput,
    /// The value the headline uses, exact.
    pub value: Decimal,
    /// Where the publication prints it (`None`: the publication file names
    /// no source).
    pub source: Option<ChainSource>,
    /// How it stands.
    pub status: TraceStatus,
    /// Where it comes from, or why it cannot be traced, in a sentence.
    pub derivation: String,
    /// What the other printed figures imply it should be, where they do.
    pub implied: Option<Decimal>,
    /// The value at which the headline ratio is 1, the other inputs held
    /// (`None` where no value of this input brings it to 1).
    pub switching_value: Option<Decimal>,
}

/// The traced chain of the headline scenario, with the scenario's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadlineChain {
    /// The deadweight scenario of the headline (the one the publication's
    /// chain names, or else the one with the most deadweight).
    pub scenario: String,
    /// The headline ratio, exact.
    pub ratio: Decimal,
    /// The published figure of the headline (the first annual ratio printed
    /// for its deadweight), if the publication file lists one.
    pub published: Option<PublishedFigure>,
    /// Whether the recomputed ratio, rounded half-up to the places printed,
    /// is the published figure (`None` without one).
    pub reproduced: Option<bool>,
    /// Each input, in the order of the chain.
    pub inputs: Vec<ChainTrace>,
}

impl HeadlineChain {
    /// The trace of one input of the chain.
    ///
    /// ```
    /// use froi::audit::{ChainInput, TraceStatus};
    /// let audit = froi::nelc_2020::audit()?;
    /// let chain = audit.headline_chain.as_ref().unwrap();
    /// let cases = chain.input(ChainInput::CasesPerYear).unwrap();
    /// // 248 conferences over 2017-2019 (line 105) / 3 = 82.67, printed 83.
    /// assert_eq!(cases.status, TraceStatus::Derived);
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn input(&self, input: ChainInput) -> Option<&ChainTrace> {
        self.inputs.iter().find(|t| t.input == input)
    }
}

fn source_of(publication: &Publication, input: ChainInput) -> Option<&ChainSource> {
    publication.chain.iter().find(|c| c.input == input)
}

/// The printed value as the chain's quantity: `30%` is 0.30.
fn printed_value(source: &ChainSource) -> Option<Decimal> {
    let v = read_printed(&source.printed)?;
    if source.printed.contains('%') {
        v.checked_div(Decimal::ONE_HUNDRED)
    } else {
        Some(v)
    }
}

fn headline<'a>(a: &'a FamilyAppraisal, publication: &Publication) -> Option<&'a AnnualResult> {
    let named = source_of(publication, ChainInput::Deadweight).and_then(printed_value);
    named
        .and_then(|d| a.annual.iter().find(|r| r.scenario.deadweight.value() == d))
        .or_else(|| {
            a.annual
                .iter()
                .max_by_key(|r| r.scenario.deadweight.value())
        })
}

/// Trace each input of the annual chain of `a` (the appraisal as published).
/// `None` when the scenario has no annual ratio.
pub(crate) fn trace(
    a: &FamilyAppraisal,
    publication: &Publication,
) -> Result<Option<HeadlineChain>> {
    let Some(h) = headline(a, publication) else {
        return Ok(None);
    };
    let Some(basis) = a.cohort(h.basis_cohort) else {
        return Ok(None);
    };
    let (avg, n, cost) = (
        h.average_benefit.value(),
        h.cases_per_year,
        h.service_cost.value(),
    );
    let case_unit = source_of(publication, ChainInput::CasesPerYear).and_then(|s| s.counts);
    let mut inputs = Vec::new();
    for (input, _) in ChainInput::ALL {
        let value = match input {
            ChainInput::AverageBenefit => avg,
            ChainInput::CasesPerYear => n,
            ChainInput::ServiceCost => cost,
            ChainInput::Deadweight => h.scenario.deadweight.value(),
        };
        let source = source_of(publication, input).cloned();
        let (status, derivation, implied) = match &source {
            None => (
                TraceStatus::Untraceable,
                "the publication file names no place that prints it".to_string(),
                None,
            ),
            Some(s) => match printed_value(s) {
                // The scenario disagrees with the page: the scenario is what
                // to correct, so no correction of the publication is implied.
                Some(p) if !agrees(value, p) => (
                    TraceStatus::Inconsistent,
                    format!(
                        "the chain uses {}, but the publication prints {}",
                        value.normalize(),
                        s.printed
                    ),
                    None,
                ),
                _ => judge(input, s, h, basis, a, case_unit)?,
            },
        };
        inputs.push(ChainTrace {
            input,
            value,
            source,
            status,
            derivation,
            implied,
            switching_value: switching_value(input, avg, n, cost, h.scenario.deadweight)?,
        });
    }
    let published = publication
        .figures
        .iter()
        .find(|f| {
            matches!(f.metric, Metric::AnnualRatio { deadweight }
                if deadweight.value() == h.scenario.deadweight.value())
        })
        .cloned();
    let reproduced = published
        .as_ref()
        .and_then(|f| read_printed(&f.printed))
        .map(|p| agrees(h.ratio.value(), p));
    Ok(Some(HeadlineChain {
        scenario: h.scenario.name.clone(),
        ratio: h.ratio.value(),
        published,
        reproduced,
        inputs,
    }))
}

/// The value of one input of the chain at which the headline is 1, the
/// others as they are (`None` where no value of it gets there).
fn switching_value(
    input: ChainInput,
    avg: Decimal,
    n: Decimal,
    cost: Decimal,
    deadweight: crate::adjustments::Deadweight,
) -> Result<Option<Decimal>> {
    let retained = deadweight.retained();
    let gross = mul(avg, n)?;
    let quotient = |top: Decimal, bottom: Decimal| -> Result<Option<Decimal>> {
        if bottom.is_zero() {
            return Ok(None);
        }
        div(top, bottom, || {
            format!("the switching value of the {input}")
        })
        .map(Some)
    };
    Ok(match input {
        ChainInput::AverageBenefit => quotient(cost, mul(n, retained)?)?,
        ChainInput::CasesPerYear => quotient(cost, mul(avg, retained)?)?,
        ChainInput::ServiceCost => Some(mul(gross, retained)?),
        ChainInput::Deadweight => match quotient(cost, gross)? {
            Some(share) if share <= Decimal::ONE => Some(sub(Decimal::ONE, share)?),
            _ => None,
        },
    })
}

/// The status of an input printed as the chain uses it.
fn judge(
    input: ChainInput,
    s: &ChainSource,
    h: &AnnualResult,
    basis: &CohortResult,
    a: &FamilyAppraisal,
    case_unit: Option<CaseUnit>,
) -> Result<(TraceStatus, String, Option<Decimal>)> {
    let cohort = h.basis_cohort;
    let per_session = a.unit_cost.per_session.value();
    // Sessions per case: one, unless the cases count families (a family may
    // hold more than one session; the basis cohort says how many).
    let sessions_per_case = if case_unit == Some(CaseUnit::Families) {
        div(
            Decimal::from(basis.sessions),
            Decimal::from(basis.families),
            || "sessions per family".into(),
        )?
    } else {
        Decimal::ONE
    };
    Ok(match input {
        ChainInput::AverageBenefit => (
            TraceStatus::Derived,
            format!(
                "the total benefit of cohort {cohort} ({}) / its {} families",
                gbp(basis.total_benefit.value()),
                basis.families
            ),
            None,
        ),
        ChainInput::CasesPerYear => judge_cases(s, h, basis, a, case_unit)?,
        ChainInput::ServiceCost => judge_service_cost(h, per_session, sessions_per_case)?,
        ChainInput::Deadweight => {
            if s.assumption {
                (
                    TraceStatus::Assumed,
                    format!(
                        "presented as an assumption; the scenarios are {}",
                        a.annual
                            .iter()
                            .map(|r| format!(
                                "{} {}",
                                r.scenario.name,
                                r.scenario.deadweight.value().normalize()
                            ))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    None,
                )
            } else {
                (
                    TraceStatus::Untraceable,
                    "stated with no evidence or comparison group".into(),
                    None,
                )
            }
        }
    })
}

/// Cases a year as the yearly average of a total printed for a period,
/// where it is that average at the places printed; with the period's
/// families beside it, since the benefit it multiplies is per family.
fn yearly_average(s: &ChainSource, cases: Decimal) -> Result<Option<String>> {
    let Some(o) = &s.over else { return Ok(None) };
    let (Some(total), Some(printed)) = (read_printed(&o.printed), read_printed(&s.printed)) else {
        return Ok(None);
    };
    let years = Decimal::from(o.years);
    let average = div(total, years, || "a period total a year".into())?;
    if average.round_dp(printed.scale()) != cases.round_dp(printed.scale()) {
        return Ok(None);
    }
    let line = o.line.map(|l| format!(" (line {l})")).unwrap_or_default();
    let mut words = format!(
        "{} over {} years{line} / {} = {}, which rounds to the printed {}",
        o.printed,
        o.years,
        o.years,
        average.round_dp(2).normalize(),
        s.printed
    );
    if let Some(families) = o.families.as_deref().and_then(read_printed) {
        let a_year = div(families, years, || "families a year".into())?;
        words.push_str(&format!(
            "; it counts conferences, and the benefit it multiplies is per family: the same \
             years held {} families, {} a year",
            families.normalize(),
            a_year.round_dp(2).normalize()
        ));
    }
    Ok(Some(words))
}

/// Cases a year: in the unit of the benefit it multiplies, an assumption,
/// the yearly average of a total printed for a period, or stated once.
fn judge_cases(
    s: &ChainSource,
    h: &AnnualResult,
    basis: &CohortResult,
    a: &FamilyAppraisal,
    case_unit: Option<CaseUnit>,
) -> Result<(TraceStatus, String, Option<Decimal>)> {
    let cohort = h.basis_cohort;
    let all_sessions: u32 = a.cohorts.iter().map(|c| c.sessions).sum();
    let all_families: u32 = a.cohorts.iter().map(|c| c.families).sum();
    Ok(
        if case_unit == Some(CaseUnit::Sessions) && basis.sessions != basis.families {
            let families = div(
                mul(h.cases_per_year, Decimal::from(basis.families))?,
                Decimal::from(basis.sessions),
                || "cases a year as families".into(),
            )?;
            (
                TraceStatus::Inconsistent,
                format!(
                    "it counts sessions, but the benefit it multiplies is per family, and \
                 cohort {cohort} held {} sessions for {} families",
                    basis.sessions, basis.families
                ),
                Some(families),
            )
        } else if s.assumption {
            (
                TraceStatus::Assumed,
                "presented as an assumption".into(),
                None,
            )
        } else if let Some(words) = yearly_average(s, h.cases_per_year)? {
            (TraceStatus::Derived, words, None)
        } else {
            (
                TraceStatus::Untraceable,
                format!(
                    "stated once; nothing printed gives the cases of each year (the {} \
                 cohorts appraised hold {all_sessions} sessions for {all_families} \
                 families)",
                    a.cohorts.len()
                ),
                None,
            )
        },
    )
}

/// The annual service cost against cases a year x what the tables charge a
/// case.
fn judge_service_cost(
    h: &AnnualResult,
    per_session: Decimal,
    sessions_per_case: Decimal,
) -> Result<(TraceStatus, String, Option<Decimal>)> {
    let per_case = mul(per_session, sessions_per_case)?;
    let implied = mul(h.cases_per_year, per_case)?;
    Ok(
        if agrees(implied, Rounding::half_up(0).apply(h.service_cost.value())) {
            (
                TraceStatus::Derived,
                format!(
                    "cases a year x the {} a case the tables charge",
                    gbp(per_case)
                ),
                None,
            )
        } else {
            let charged = div(h.service_cost.value(), h.cases_per_year, || {
                "the service cost per case".into()
            })?;
            let times = div(charged, per_case, || "a cost multiple".into())?;
            (
                TraceStatus::Inconsistent,
                format!(
                    "two readings of what a case costs: it is {} a case, {} times the {} a case \
                     the tables charge ({} cases x {} = {}). Both can be right (a whole \
                     service costs more than the staff hours of its sessions), but the headline \
                     takes the one and the tables' ratios the other, unreconciled",
                    gbp(charged),
                    Rounding::half_up(2).apply(times),
                    gbp(per_case),
                    h.cases_per_year.normalize(),
                    gbp(per_case),
                    gbp(implied)
                ),
                Some(implied),
            )
        },
    )
}

/// The discrepancies of a traced chain: its untraceable and inconsistent
/// inputs. `material` is filled in from the corrections.
pub(crate) fn discrepancies(chain: &HeadlineChain, corrections: &[Correction]) -> Vec<Discrepancy> {
    chain
        .inputs
        .iter()
        .filter_map(|t| {
            let kind = match t.status {
                TraceStatus::Untraceable => DiscrepancyKind::Untraceable,
                TraceStatus::Inconsistent => DiscrepancyKind::InconsistentInputs,
                _ => return None,
            };
            let id = id_of(t);
            Some(Discrepancy {
                material: corrections
                    .iter()
                    .any(|c| c.material && c.fixes.contains(&id)),
                location: t.source.as_ref().map_or_else(
                    || format!("the annual chain: {}", t.input),
                    |s| s.location.clone(),
                ),
                line: t.source.as_ref().and_then(|s| s.line),
                published: t
                    .source
                    .as_ref()
                    .map_or_else(|| t.value.normalize().to_string(), |s| s.printed.clone()),
                recomputed: t.implied.map_or_else(String::new, |v| {
                    t.input
                        .unit()
                        .show(v, t.source.as_ref().map_or("£", |s| s.printed.as_str()))
                }),
                recomputed_exact: t.implied,
                kind,
                explanation: t.derivation.clone(),
                id,
                computed: true,
                also: Vec::new(),
            })
        })
        .collect()
}

fn id_of(t: &ChainTrace) -> String {
    t.source
        .as_ref()
        .map_or_else(|| format!("chain-{}", t.input.word()), |s| s.id.clone())
}

/// The headline under each correction an inconsistent input allows.
pub(crate) fn corrections(
    published: &FamilySource,
    chain: &HeadlineChain,
    baseline: &Correction,
) -> Result<Vec<Correction>> {
    let mut out = Vec::new();
    if published.annual.is_none() {
        return Ok(out);
    }
    for t in &chain.inputs {
        let (TraceStatus::Inconsistent, Some(implied)) = (t.status, t.implied) else {
            continue;
        };
        let id = id_of(t);
        match t.input {
            ChainInput::ServiceCost => {
                out.extend(service_cost_corrections(published, &id, implied, baseline)?);
            }
            ChainInput::CasesPerYear => {
                let mut fixed = published.clone();
                if let Some(b) = fixed.annual.as_mut() {
                    b.cases_per_year = implied;
                }
                out.push(correction(
                    &id,
                    format!(
                        "cases a year as families, in the unit of the benefit ({})",
                        Rounding::half_up(2).apply(implied)
                    ),
                    vec![id.clone()],
                    &fixed,
                    baseline,
                )?);
            }
            // A printed value the scenario does not use: the scenario, not
            // the publication, is what to correct.
            ChainInput::AverageBenefit | ChainInput::Deadweight => {}
        }
    }
    Ok(out)
}

/// The two ways to reconcile a service cost with what the tables charge for
/// a year (`implied`): the service cost as the tables charge, or the unit
/// cost as the service costs.
fn service_cost_corrections(
    published: &FamilySource,
    id: &str,
    implied: Decimal,
    baseline: &Correction,
) -> Result<[Correction; 2]> {
    let mut fixed = published.clone();
    let service_cost = match fixed.annual.as_mut() {
        Some(b) => std::mem::replace(&mut b.service_cost, Money::new(implied)),
        None => Money::ZERO,
    };
    let by_tables = correction(
        id,
        format!(
            "annual service cost: cases a year x the cost a case the tables charge ({})",
            gbp(implied)
        ),
        vec![id.to_string()],
        &fixed,
        baseline,
    )?;
    // The other way round: the tables charge what the service costs.
    // `implied` is what the tables charge for the year, so each session
    // costs the service service_cost / implied times as much.
    let per_session = div(
        mul(
            published.unit_cost.per_session()?.value(),
            service_cost.value(),
        )?,
        implied,
        || "the service cost per session".into(),
    )?;
    let fixed = FamilySource {
        unit_cost: UnitCost::new(
            published.unit_cost.inputs().to_vec(),
            Some(Money::new(per_session)),
            CostBasis::Stated,
        )?,
        ..published.clone()
    };
    let by_service = correction(
        &format!("{id}-per-session"),
        format!(
            "unit cost: the annual service cost / cases a year ({} a session), so the tables \
             charge what the service costs",
            gbp(per_session)
        ),
        vec![id.to_string()],
        &fixed,
        baseline,
    )?;
    Ok([by_tables, by_service])
}

/// Pounds for a sentence: whole pounds, or pence where the amount has them
/// (`£3,043.19`). The exact value is kept beside the words.
fn gbp(value: Decimal) -> String {
    let places = if value.fract().is_zero() { 0 } else { 2 };
    crate::money::pounds_text(value, Rounding::half_up(places))
}
