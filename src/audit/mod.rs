//! The audit: recompute every published figure from its stated inputs and
//! rules, classify each difference, infer the rule the rows follow, and show
//! what the headline becomes when each material discrepancy is corrected.
//!
//! Each figure is compared with a recomputation from its *immediate published
//! parts* (a cohort total from the printed family rows, a ratio from the
//! printed total and cost), so an error is reported once, where it is made; the
//! family rows themselves are compared with the valuation rule applied to the
//! family's statuses. What an error does downstream shows in the corrections.
//!
//! ```
//! let audit = froi::nelc_2020::audit().unwrap();
//! assert!(audit.discrepancies.len() > 12);
//! let fit = &audit.rule_fit[0];
//! assert_eq!(fit.rule.outcome, froi::OutcomePoint::FollowUp);
//! ```

mod check;
mod classify;
mod conclusions;
mod corrections;
mod figures;
mod headline;
mod present;
mod printed;
mod publication;
mod rules;

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

pub use check::{Check, Derived, FigureAudit, PrintedAudit, audit_printed};
pub use conclusions::{HEADLINE_COLUMNS, HeadlineTrace, InputStatus, InputTrace, MAX_WORK, Moved};
pub use corrections::Correction;

pub use figures::{Measure, Place, PrintedAppraisal, PrintedFigure, Quantity, Relation};
pub use headline::{ChainTrace, HeadlineChain, TraceStatus};
pub use present::FigureUnit;
pub use printed::{Hedge, Interval, Printed, Verdict, places_needed};
pub use publication::{
    CaseUnit, ChainInput, ChainSource, Claim, ClaimKind, CountKind, Metric, Publication,
    PublishedFigure, ReviewNote, read_printed,
};
pub use rules::RuleFit;

use crate::adjustments::DeadweightScenario;
use crate::cohorts::CohortResult;
use crate::error::{Error, Location, Result};
use crate::family_source::{
    BenefitBasis, FamilyAppraisal, FamilySource, annual_result, appraise_source,
};
use crate::money::{Money, Rounding, div, mul};
use crate::over_time::Programme;
use classify::{Alternative, Expected, classify};

/// The classes of discrepancy between a published figure and its recomputation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiscrepancyKind {
    /// The figure does not follow from the figures it is made of.
    ArithmeticError,
    /// The figure is its recomputation rounded another way (truncated, rounded
    /// up, or computed from rounded intermediates).
    Rounding,
    /// One digit slipped (changed, added, dropped, swapped), or a decimal point
    /// stands for a thousands separator.
    Transcription,
    /// A family's benefit that its statuses cannot produce under the rule.
    InconsistentWithStatuses,
    /// The figure is right for another label (a total in an "Average" row).
    Mislabel,
    /// The text says something the numbers contradict.
    TextContradictsNumbers,
    /// The figure follows from another published figure that is itself wrong.
    CarriedForward,
    /// An input stated once, which nothing else printed derives or confirms.
    Untraceable,
    /// An input that disagrees with other published figures: a cost per case
    /// the tables do not charge, or a count in another unit than the
    /// quantity it multiplies.
    InconsistentInputs,
}

impl DiscrepancyKind {
    /// The words accepted in data files, in order of the variants.
    pub const WORDS: [&'static str; 9] = [
        "arithmetic",
        "rounding",
        "transcription",
        "inconsistent_with_statuses",
        "mislabel",
        "text_contradicts_numbers",
        "carried_forward",
        "untraceable",
        "inconsistent_inputs",
    ];

    const ALL: [DiscrepancyKind; 9] = [
        DiscrepancyKind::ArithmeticError,
        DiscrepancyKind::Rounding,
        DiscrepancyKind::Transcription,
        DiscrepancyKind::InconsistentWithStatuses,
        DiscrepancyKind::Mislabel,
        DiscrepancyKind::TextContradictsNumbers,
        DiscrepancyKind::CarriedForward,
        DiscrepancyKind::Untraceable,
        DiscrepancyKind::InconsistentInputs,
    ];

    /// Read one of [`DiscrepancyKind::WORDS`].
    pub fn parse(word: &str) -> Option<DiscrepancyKind> {
        Self::WORDS
            .iter()
            .zip(Self::ALL)
            .find(|(w, _)| **w == word)
            .map(|(_, k)| k)
    }
}

impl fmt::Display for DiscrepancyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DiscrepancyKind::ArithmeticError => "arithmetic error",
            DiscrepancyKind::Rounding => "rounding or truncation inconsistency",
            DiscrepancyKind::Transcription => "transcription slip",
            DiscrepancyKind::InconsistentWithStatuses => {
                "value inconsistent with the family's statuses"
            }
            DiscrepancyKind::Mislabel => "mislabelled row, column or figure",
            DiscrepancyKind::TextContradictsNumbers => "text contradicts the numbers",
            DiscrepancyKind::CarriedForward => "carried forward from another discrepancy",
            DiscrepancyKind::Untraceable => "untraceable input",
            DiscrepancyKind::InconsistentInputs => "input inconsistent with other figures",
        })
    }
}

/// One published figure beside its recomputations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureCheck {
    /// The figure's id.
    pub id: String,
    /// Where it is printed.
    pub location: String,
    /// The line of the plain-text copy.
    pub line: Option<u32>,
    /// As printed.
    pub printed: String,
    /// Recomputed from its immediate published parts (a leaf: from its inputs), exact.
    pub from_parts: Decimal,
    /// Recomputed from the stated inputs with every family valued by the rule, exact.
    pub from_inputs: Option<Decimal>,
    /// What kind of quantity it is, which fixes the places a table shows.
    pub unit: FigureUnit,
    /// `None` if the figure agrees at its printed precision.
    pub finding: Option<(DiscrepancyKind, String)>,
}

/// A difference between the publication and its recomputation, or between its
/// text and its numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discrepancy {
    /// The id of the figure, claim or note.
    pub id: String,
    /// Where.
    pub location: String,
    /// The line of the plain-text copy.
    pub line: Option<u32>,
    /// What the publication prints or says.
    pub published: String,
    /// What recomputation gives, as a table shows it (money to the penny,
    /// ratios to 4 places: [`FigureUnit::show`]).
    pub recomputed: String,
    /// The recomputed value, exact, where it is a number.
    pub recomputed_exact: Option<Decimal>,
    /// The class.
    pub kind: DiscrepancyKind,
    /// Why, in a sentence.
    pub explanation: String,
    /// Whether correcting it moves a published ratio at its printed precision.
    pub material: bool,
    /// Whether it was found by arithmetic (`false`: recorded by a reader).
    pub computed: bool,
    /// The other places the same figure is printed with the same slip: one
    /// slip, one finding.
    pub also: Vec<AlsoPrinted>,
}

/// Another place a figure is printed, with the same value and the same
/// discrepancy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlsoPrinted {
    /// The figure's id there.
    pub id: String,
    /// Where.
    pub location: String,
    /// The line of the plain-text copy.
    pub line: Option<u32>,
}

/// The columns a table of discrepancies shows, in order (the HTML table
/// and the workbook's Audit sheet).
#[cfg_attr(not(any(feature = "reports", feature = "xlsx")), allow(dead_code))]
pub(crate) const DISCREPANCY_COLUMNS: [&str; 8] = [
    "#",
    "line",
    "location",
    "published",
    "recomputed",
    "class",
    "material",
    "why",
];

/// The whole audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    /// The programme audited, by name.
    pub name: String,
    /// The appraisal as published (printed family benefits, stated unit cost).
    /// The audit checks figures, so the programme's uncertainty analyses are
    /// not run here; run them with `UncertaintySpec::run`.
    pub as_published: FamilyAppraisal,
    /// Every family valued by the rule from its statuses (likewise without
    /// the uncertainty analyses).
    pub by_rule: FamilyAppraisal,
    /// Candidate valuation rules, best fit first.
    pub rule_fit: Vec<RuleFit>,
    /// Every published figure, checked.
    pub checks: Vec<FigureCheck>,
    /// The discrepancies, in the order of the report.
    pub discrepancies: Vec<Discrepancy>,
    /// The headline under each correction.
    pub corrections: Vec<Correction>,
    /// The inputs of the annual chain, traced to the rest of the publication
    /// (`None` when the scenario has no annual ratio).
    pub headline_chain: Option<HeadlineChain>,
}

/// Run the audit of a programme's family source (which should carry the
/// published family figures) against `publication`.
pub fn audit(programme: &Programme, publication: &Publication) -> Result<Audit> {
    let scenario = programme.family_source()?;
    let as_published = appraise_source(&FamilySource {
        benefit_basis: BenefitBasis::Published,
        ..scenario.clone()
    })?;
    let by_rule = appraise_source(&FamilySource {
        benefit_basis: BenefitBasis::Rule,
        ..scenario.clone()
    })?;
    let rule_fit = rules::fit(scenario)?;
    let ctx = Context {
        scenario,
        publication,
        parts: &as_published,
        inputs: &by_rule,
    };

    let mut checks = Vec::new();
    for family in &scenario.families {
        let printed = family.published();
        let (cohort, id) = (family.cohort(), family.id().to_string());
        let (location, line) = if family.source().is_empty() {
            (format!("cohort {cohort}, family {id}"), None)
        } else {
            text_line(family.source())
        };
        let rows = [
            (
                printed.cost.map(Money::value),
                "cost",
                Metric::FamilyCost {
                    cohort,
                    family: id.clone(),
                },
            ),
            (
                printed.benefit.map(Money::value),
                "benefit",
                Metric::FamilyBenefit {
                    cohort,
                    family: id.clone(),
                },
            ),
            (
                printed.ratio.map(|r| r.value()),
                "FROI",
                Metric::FamilyRatio {
                    cohort,
                    family: id.clone(),
                },
            ),
        ];
        for (value, column, metric) in rows {
            if let Some(value) = value {
                let figure = PublishedFigure {
                    id: format!("c{cohort}-f{id}-{}", column.to_ascii_lowercase()),
                    location: format!("{location}, {column}"),
                    line,
                    printed: value.to_string(),
                    metric,
                };
                checks.push(ctx.check(&figure, value)?);
            }
        }
    }
    for figure in &publication.figures {
        let value = read_printed(&figure.printed).ok_or_else(|| Error::MalformedDecimal {
            at: Location::field(format!("figure {} (printed)", figure.id)),
            value: figure.printed.clone(),
            hint: String::new(),
        })?;
        checks.push(ctx.check(figure, value)?);
    }

    let mut corrections = corrections::run(scenario, publication, &checks, &rule_fit)?;
    let headline_chain = headline::trace(&as_published, publication)?;
    if let (Some(chain), Some(baseline)) = (&headline_chain, corrections.first()) {
        let published = FamilySource {
            benefit_basis: BenefitBasis::Published,
            ..scenario.clone()
        };
        let extra = headline::corrections(&published, chain, baseline)?;
        corrections.extend(extra);
    }
    let by_figure = corrections::by_figure(&corrections);
    let mut discrepancies = Vec::new();
    for check in &checks {
        if let Some((kind, explanation)) = &check.finding {
            let material = match by_figure.get(check.id.as_str()) {
                Some(c) => c.material,
                None => {
                    check.unit == FigureUnit::Ratio
                        && !matches!(
                            kind,
                            DiscrepancyKind::Rounding | DiscrepancyKind::CarriedForward
                        )
                }
            };
            discrepancies.push(Discrepancy {
                id: check.id.clone(),
                location: check.location.clone(),
                line: check.line,
                published: check.printed.clone(),
                recomputed: check.unit.show(check.from_parts, &check.printed),
                recomputed_exact: Some(check.from_parts),
                kind: *kind,
                explanation: explanation.clone(),
                material,
                computed: true,
                also: Vec::new(),
            });
        }
    }
    let mut discrepancies = once_each(discrepancies, publication);
    for claim in &publication.claims {
        if let Some(mut d) = rules::check_claim(claim, scenario, &rule_fit)? {
            d.material = by_figure.get(claim.id.as_str()).is_some_and(|c| c.material);
            discrepancies.push(d);
        }
    }
    if let Some(chain) = &headline_chain {
        discrepancies.extend(headline::discrepancies(chain, &corrections));
    }
    for note in &publication.notes {
        discrepancies.push(Discrepancy {
            id: note.id.clone(),
            location: note.location.clone(),
            line: note.line,
            published: String::new(),
            recomputed: String::new(),
            recomputed_exact: None,
            kind: note.kind,
            explanation: note.text.clone(),
            material: false,
            computed: false,
            also: Vec::new(),
        });
    }

    Ok(Audit {
        name: programme.name.clone(),
        as_published,
        by_rule,
        rule_fit,
        checks,
        discrepancies,
        corrections,
        headline_chain,
    })
}

/// One finding for one slip: a printed figure that repeats another's value
/// and its discrepancy (cohort one's 11.5 in Table 13, the bullets and
/// Table 16) joins the first as another place it is printed. Family rows
/// stay apart: each is its own family's figure.
fn once_each(found: Vec<Discrepancy>, publication: &Publication) -> Vec<Discrepancy> {
    let printed_figure = |id: &str| publication.figures.iter().any(|f| f.id == id);
    let mut kept: Vec<Discrepancy> = Vec::with_capacity(found.len());
    let mut first: std::collections::HashMap<(DiscrepancyKind, String, Option<Decimal>), usize> =
        std::collections::HashMap::new();
    for d in found {
        if !printed_figure(&d.id) {
            kept.push(d);
            continue;
        }
        let key = (d.kind, d.published.clone(), d.recomputed_exact);
        match first.get(&key).and_then(|i| kept.get_mut(*i)) {
            Some(earlier) => {
                earlier.material |= d.material;
                earlier.also.push(AlsoPrinted {
                    id: d.id,
                    location: d.location,
                    line: d.line,
                });
            }
            None => {
                first.insert(key, kept.len());
                kept.push(d);
            }
        }
    }
    for d in &mut kept {
        if let Some(places) = again(&d.also) {
            d.explanation.push_str(&places);
        }
    }
    kept
}

/// "; printed the same again at line 987 (...) and line 1009 (...)".
fn again(also: &[AlsoPrinted]) -> Option<String> {
    if also.is_empty() {
        return None;
    }
    let places: Vec<String> = also
        .iter()
        .map(|a| match a.line {
            Some(line) => format!("line {line} ({})", a.location),
            None => a.location.clone(),
        })
        .collect();
    Some(format!(
        "; the same figure, the same slip, again at {}",
        places.join(" and ")
    ))
}

/// A family's source as a location and a line: `Table 13, family 4 (text
/// line 863)` is `Table 13, family 4` at line 863, so tables give the line
/// its own column. A source in another form is kept whole.
fn text_line(source: &str) -> (String, Option<u32>) {
    source
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once(" (text line "))
        .and_then(|(place, n)| Some((place.to_string(), Some(n.parse().ok()?))))
        .unwrap_or_else(|| (source.to_string(), None))
}

struct Context<'a> {
    scenario: &'a FamilySource,
    publication: &'a Publication,
    parts: &'a FamilyAppraisal,
    inputs: &'a FamilyAppraisal,
}

fn cohort_of(a: &FamilyAppraisal, cohort: u32) -> Result<&CohortResult> {
    a.cohort(cohort).ok_or(Error::EmptyCohort {
        at: Location::field("cohort"),
        cohort,
    })
}

impl Context<'_> {
    fn check(&self, figure: &PublishedFigure, printed: Decimal) -> Result<FigureCheck> {
        let (expected, from_inputs) = self.expected(&figure.metric, printed)?;
        Ok(FigureCheck {
            id: figure.id.clone(),
            location: figure.location.clone(),
            line: figure.line,
            printed: figure.printed.clone(),
            from_parts: expected.value,
            from_inputs,
            unit: figure.metric.unit(),
            finding: classify(printed, &expected),
        })
    }

    /// The expected value of a metric from its parts, and from the inputs.
    fn expected(&self, metric: &Metric, printed: Decimal) -> Result<(Expected, Option<Decimal>)> {
        let plain = |value: Decimal| Expected {
            value,
            from_rounded: None,
            alternatives: Vec::new(),
            otherwise: DiscrepancyKind::ArithmeticError,
            otherwise_why: None,
        };
        let (p, i) = (self.parts, self.inputs);
        let cost = &p.unit_cost;
        Ok(match metric {
            Metric::UnitCost => (plain(cost.computed.value()), Some(cost.computed.value())),
            Metric::UnitHours => (plain(cost.hours.value()), Some(cost.hours.value())),
            Metric::SessionCost { sessions } => {
                let v = mul(cost.per_session.value(), Decimal::from(*sessions))?;
                (plain(v), Some(v))
            }
            Metric::WeeklySaving { from, to } => {
                let values = &self.scenario.values;
                let states = &self.scenario.states;
                let (from, to) = (states.state(from)?, states.state(to)?);
                let v = values
                    .weekly(from)?
                    .checked_saving_to(values.weekly(to)?)?
                    .value();
                let mut e = plain(v);
                for state in [to, from] {
                    let status = states.id(state);
                    e.alternatives.push(Alternative {
                        value: values.weekly(state)?.value(),
                        kind: DiscrepancyKind::Mislabel,
                        meaning: format!(
                            "it is the weekly cost of {status} itself, not the saving of the move"
                        ),
                    });
                }
                (e, Some(v))
            }
            Metric::Families { cohort } => {
                let v = Decimal::from(cohort_of(p, *cohort)?.families);
                (plain(v), Some(v))
            }
            Metric::TotalCost { cohort } => (
                plain(cohort_of(p, *cohort)?.total_cost.value()),
                Some(cohort_of(i, *cohort)?.total_cost.value()),
            ),
            Metric::TotalBenefit { cohort } => (
                plain(cohort_of(p, *cohort)?.total_benefit.value()),
                Some(cohort_of(i, *cohort)?.total_benefit.value()),
            ),
            Metric::AverageCost { cohort } | Metric::AverageBenefit { cohort } => {
                let benefit = matches!(metric, Metric::AverageBenefit { .. });
                let pick = |c: &CohortResult| {
                    if benefit {
                        (c.average_benefit, c.total_benefit)
                    } else {
                        (c.average_cost, c.total_cost)
                    }
                };
                let c = cohort_of(p, *cohort)?;
                let (average, total) = pick(c);
                let mut e = plain(average.value());
                e.alternatives.push(Alternative {
                    value: total.value(),
                    kind: DiscrepancyKind::Mislabel,
                    meaning: "it is the cohort's total, not its average".into(),
                });
                let total_metric = if benefit {
                    Metric::TotalBenefit { cohort: *cohort }
                } else {
                    Metric::TotalCost { cohort: *cohort }
                };
                if let Some(printed_total) = self
                    .publication
                    .figure_for(&total_metric)
                    .and_then(|f| read_printed(&f.printed))
                {
                    e.alternatives.push(Alternative {
                        value: div(printed_total, Decimal::from(c.families), || {
                            "an average".into()
                        })?,
                        kind: DiscrepancyKind::CarriedForward,
                        meaning: format!(
                            "it is the printed total {printed_total} / {} families",
                            c.families
                        ),
                    });
                }
                (e, Some(pick(cohort_of(i, *cohort)?).0.value()))
            }
            Metric::Ratio { cohort } => (
                plain(cohort_of(p, *cohort)?.ratio.value()),
                Some(cohort_of(i, *cohort)?.ratio.value()),
            ),
            Metric::AverageChildren { cohort } => {
                let v = cohort_of(p, *cohort)?.average_children;
                (plain(v), Some(v))
            }
            Metric::Count { cohort, count } | Metric::Share { cohort, count } => {
                let c = cohort_of(p, *cohort)?;
                let o = &c.outcomes;
                let (value, complement, other) = match count {
                    CountKind::ClosedAtExit => (
                        o.closed_at_exit,
                        c.families.saturating_sub(o.closed_at_exit),
                        "open at exit",
                    ),
                    CountKind::ClosedAtFollowUp => (
                        o.closed_at_follow_up,
                        o.open_at_follow_up,
                        "open at follow-up",
                    ),
                    CountKind::OpenAtFollowUp => (
                        o.open_at_follow_up,
                        o.closed_at_follow_up,
                        "closed at follow-up",
                    ),
                    CountKind::Improved => (
                        o.improved,
                        c.families.saturating_sub(o.improved),
                        "not improved",
                    ),
                };
                let scale = |n: u32| -> Result<Decimal> {
                    if matches!(metric, Metric::Share { .. }) {
                        div(
                            mul(Decimal::from(n), Decimal::ONE_HUNDRED)?,
                            Decimal::from(c.families),
                            || "a share of families".into(),
                        )
                    } else {
                        Ok(Decimal::from(n))
                    }
                };
                let mut e = plain(scale(value)?);
                e.alternatives.push(Alternative {
                    value: scale(complement)?,
                    kind: DiscrepancyKind::Mislabel,
                    meaning: format!("it counts the families {other}"),
                });
                let v = e.value;
                (e, Some(v))
            }
            Metric::NetRatio { cohort, deadweight } => {
                let parts = cohort_of(p, *cohort)?;
                let gross = parts.ratio;
                let net = |c: &crate::cohorts::CohortResult| {
                    deadweight.net_ratio_of(c.total_benefit, c.total_cost, || {
                        format!("the net ratio of cohort {cohort}")
                    })
                };
                let mut e = plain(net(parts)?.value());
                let rounded = Rounding::half_up(printed.scale()).apply(gross.value());
                e.from_rounded = Some((
                    mul(rounded, deadweight.retained())?,
                    format!("{rounded} x (1 - {})", deadweight.value()),
                ));
                (e, Some(net(cohort_of(i, *cohort)?)?.value()))
            }
            Metric::AnnualAverageBenefit => {
                let basis = self.annual_basis()?;
                (
                    plain(cohort_of(p, basis.basis_cohort)?.average_benefit.value()),
                    Some(cohort_of(i, basis.basis_cohort)?.average_benefit.value()),
                )
            }
            Metric::AnnualRatio { deadweight } => {
                let basis = self.annual_basis()?;
                let scenario = DeadweightScenario::new(deadweight.to_string(), *deadweight);
                let ratio = |a: &FamilyAppraisal| -> Result<Decimal> {
                    let average = cohort_of(a, basis.basis_cohort)?.average_benefit;
                    Ok(annual_result(basis, average, &scenario)?.ratio.value())
                };
                (plain(ratio(p)?), Some(ratio(i)?))
            }
            Metric::FamilyCost { cohort, family } => {
                let v = self.family(p, *cohort, family)?.cost.value();
                (plain(v), Some(v))
            }
            Metric::FamilyBenefit { cohort, family } => {
                let f = self.family(i, *cohort, family)?;
                let v = f.rule_benefit.value();
                let mut e = plain(v);
                e.otherwise = DiscrepancyKind::InconsistentWithStatuses;
                let (children, earn) = match f.children {
                    1 => ("1 child".to_string(), "earns"),
                    n => (format!("{n} children"), "earn"),
                };
                e.otherwise_why = Some(format!(
                    "{children} from {} at entry to {} at the outcome point {earn} {} under the rule",
                    f.entry, f.outcome, f.rule_benefit
                ));
                (e, Some(v))
            }
            Metric::FamilyRatio { cohort, family } => {
                let f = self.family(p, *cohort, family)?;
                let mut e = plain(f.ratio.value());
                if f.sessions > 1 {
                    e.alternatives.push(Alternative {
                        value: div(f.benefit.value(), p.unit_cost.per_session.value(), || {
                            "a ratio".into()
                        })?,
                        kind: DiscrepancyKind::ArithmeticError,
                        meaning: format!(
                            "it divides by the cost of one session, not of the {} held",
                            f.sessions
                        ),
                    });
                }
                (e, Some(self.family(i, *cohort, family)?.ratio.value()))
            }
        })
    }

    fn annual_basis(&self) -> Result<&crate::family_source::AnnualBasis> {
        self.scenario.annual.as_ref().ok_or(Error::Missing {
            at: Location::field("annual"),
            what: "table (the publication prints an annual ratio)",
        })
    }

    fn family<'a>(
        &self,
        a: &'a FamilyAppraisal,
        cohort: u32,
        family: &str,
    ) -> Result<&'a crate::cohorts::FamilyResult> {
        a.family(cohort, family).ok_or_else(|| Error::Unknown {
            at: Location::field("family"),
            what: "family".into(),
            value: format!("{family} in cohort {cohort}"),
            expected: "a family of the scenario".into(),
        })
    }
}
