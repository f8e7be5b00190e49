//! What the headline becomes when a discrepancy is corrected.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::rules::RuleFit;
use super::{ClaimKind, FigureCheck, Metric, Publication};
use crate::cohorts::PublishedFigures;
use crate::costs::CostBasis;
use crate::error::Result;
use crate::family_source::{BenefitBasis, FamilyAppraisal, FamilySource, appraise_source};
use crate::money::{Ratio, Rounding};

/// The published ratios recomputed after one correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// A short id: the id of the figure or claim corrected, or a name for a group.
    pub id: String,
    /// What was changed.
    pub description: String,
    /// The figure and claim ids the correction fixes.
    pub fixes: Vec<String>,
    /// (deadweight scenario, annual ratio).
    pub annual: Vec<(String, Ratio)>,
    /// (cohort, gross ratio).
    pub cohorts: Vec<(u32, Ratio)>,
    /// Whether any of those ratios differs at one decimal place (half-up) from
    /// the appraisal as published.
    pub material: bool,
}

impl Correction {
    /// Which published ratios a correction moves at one decimal place, the
    /// places the publication prints them to: " (moves the headline 3.4 to
    /// 3.3)", or " (the headline stays 3.4; moves cohort 1 11.6 to 11.7)".
    pub fn moves(&self, baseline: &Correction, scenario: &str) -> String {
        let c = self;
        let one = |r: Ratio| Rounding::half_up(1).apply(r.value()).to_string();
        let before = |name: &str| {
            baseline
                .annual
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, r)| *r)
        };
        let mut moved: Vec<String> = c
            .cohorts
            .iter()
            .filter_map(|(cohort, r)| {
                let was = baseline
                    .cohorts
                    .iter()
                    .find(|(k, _)| k == cohort)
                    .map(|(_, r)| *r)?;
                (one(was) != one(*r))
                    .then(|| format!("cohort {cohort} {} to {}", one(was), one(*r)))
            })
            .collect();
        let headline = c
            .annual
            .iter()
            .find(|(n, _)| n == scenario)
            .map(|(_, r)| *r);
        match (before(scenario), headline) {
            (Some(was), Some(now)) if one(was) != one(now) => {
                moved.insert(0, format!("the headline {} to {}", one(was), one(now)));
                format!(" (moves {})", moved.join(", "))
            }
            (Some(was), _) if !moved.is_empty() => {
                format!(
                    " (the headline stays {}; moves {})",
                    one(was),
                    moved.join(", ")
                )
            }
            _ => String::new(),
        }
    }
}

/// (annual ratio per deadweight scenario, gross ratio per cohort).
type Headline = (Vec<(String, Ratio)>, Vec<(u32, Ratio)>);

fn ratios(a: &FamilyAppraisal) -> Headline {
    (
        a.annual
            .iter()
            .map(|r| (r.scenario.name.clone(), r.ratio))
            .collect(),
        a.cohorts
            .iter()
            .map(|c| (c.cohort.unwrap_or(0), c.ratio))
            .collect(),
    )
}

fn one_place(r: Ratio) -> rust_decimal::Decimal {
    r.rounded(Rounding::half_up(1))
}

pub(crate) fn correction(
    id: &str,
    description: String,
    fixes: Vec<String>,
    scenario: &FamilySource,
    baseline: &Correction,
) -> Result<Correction> {
    let (annual, cohorts) = ratios(&appraise_source(scenario)?);
    let differs = annual
        .iter()
        .zip(&baseline.annual)
        .any(|(a, b)| one_place(a.1) != one_place(b.1))
        || cohorts
            .iter()
            .zip(&baseline.cohorts)
            .any(|(a, b)| one_place(a.1) != one_place(b.1));
    Ok(Correction {
        id: id.to_string(),
        description,
        fixes,
        annual,
        cohorts,
        material: differs,
    })
}

/// Each figure or claim a correction fixes alone, to that correction: read
/// once, so finding a figure's correction does not scan them all.
pub(crate) fn by_figure(corrections: &[Correction]) -> HashMap<&str, &Correction> {
    let mut out = HashMap::new();
    for c in corrections {
        if let [only] = c.fixes.as_slice() {
            // The first that fixes it, as a scan in order would find.
            out.entry(only.as_str()).or_insert(c);
        }
    }
    out
}

/// The ids of the figures whose check found something.
fn with_findings(checks: &[FigureCheck]) -> HashSet<&str> {
    checks
        .iter()
        .filter(|c| c.finding.is_some())
        .map(|c| c.id.as_str())
        .collect()
}

/// A correction for each family row whose printed benefit differs from its
/// statuses' value, and the ids of those rows.
fn row_corrections(
    scenario: &FamilySource,
    published: &FamilySource,
    checks: &[FigureCheck],
    baseline: &Correction,
) -> Result<(Vec<Correction>, Vec<String>)> {
    let found = with_findings(checks);
    let mut out = Vec::new();
    let mut row_fixes = Vec::new();

    for family in &scenario.families {
        let id = format!("c{}-f{}-benefit", family.cohort(), family.id());
        if !found.contains(id.as_str()) {
            continue;
        }
        row_fixes.push(id.clone());
        let mut fixed = published.clone();
        for f in fixed.families.iter_mut() {
            if f.cohort() == family.cohort() && f.id() == family.id() {
                *f = f.clone().with_published(PublishedFigures {
                    benefit: None,
                    ..f.published()
                });
            }
        }
        out.push(correction(
            &id,
            format!(
                "cohort {} family {}: benefit from its statuses by the rule",
                family.cohort(),
                family.id()
            ),
            vec![id.clone()],
            &fixed,
            baseline,
        )?);
    }

    Ok((out, row_fixes))
}

/// The unit cost from its staff lines, where the stated figure differs from
/// them; and the id of the figure it corrects.
fn cost_corrections(
    publication: &Publication,
    published: &FamilySource,
    checks: &[FigureCheck],
    baseline: &Correction,
) -> Result<(Vec<Correction>, Option<String>)> {
    let found = with_findings(checks);
    let mut out: Vec<Correction> = Vec::new();
    let mut cost_fix = None;
    for figure in publication
        .figures
        .iter()
        .filter(|f| f.metric == Metric::UnitCost && found.contains(f.id.as_str()))
    {
        // Every such figure has the one fix: appraised once, named for each.
        let fixed = match out.first() {
            Some(first) => Correction {
                id: figure.id.clone(),
                fixes: vec![figure.id.clone()],
                ..first.clone()
            },
            None => {
                let fixed = FamilySource {
                    unit_cost: published.unit_cost.with_basis(CostBasis::Computed)?,
                    ..published.clone()
                };
                correction(
                    &figure.id,
                    "unit cost: the sum of the staff lines instead of the stated total".into(),
                    vec![figure.id.clone()],
                    &fixed,
                    baseline,
                )?
            }
        };
        out.push(fixed);
        cost_fix = Some(figure.id.clone());
    }
    Ok((out, cost_fix))
}

/// Run the baseline and every correction the checks and claims call for.
pub(crate) fn run(
    scenario: &FamilySource,
    publication: &Publication,
    checks: &[FigureCheck],
    fits: &[RuleFit],
) -> Result<Vec<Correction>> {
    let published = FamilySource {
        benefit_basis: BenefitBasis::Published,
        ..scenario.clone()
    };
    let (annual, cohorts) = ratios(&appraise_source(&published)?);
    let baseline = Correction {
        id: "as-published".into(),
        description: "as published: printed family benefits, stated unit cost".into(),
        fixes: Vec::new(),
        annual,
        cohorts,
        material: false,
    };
    let (mut out, row_fixes) = row_corrections(scenario, &published, checks, &baseline)?;

    // The stated unit cost, if it differs from its staff lines.
    let (cost_corrections, cost_fix) =
        cost_corrections(publication, &published, checks, &baseline)?;
    out.extend(cost_corrections);

    // The rule the text states, where the rows follow another.
    if let Some(best) = fits.first() {
        for claim in &publication.claims {
            if let ClaimKind::OutcomePoint { value } = claim.kind
                && value != best.rule.outcome
            {
                let mut fixed = published.clone();
                fixed.benefit_basis = BenefitBasis::Rule;
                fixed.rule.outcome = value;
                out.push(correction(
                    &claim.id,
                    format!("every family valued by its status at {value}, as the text states"),
                    vec![claim.id.clone()],
                    &fixed,
                    &baseline,
                )?);
            }
        }
    }

    if !row_fixes.is_empty() {
        let fixed = FamilySource {
            benefit_basis: BenefitBasis::Rule,
            ..published.clone()
        };
        out.push(correction(
            "all-rows",
            "every family valued exactly by the scenario's rule".into(),
            row_fixes.clone(),
            &fixed,
            &baseline,
        )?);
        if let Some(cost) = &cost_fix {
            let fixed = FamilySource {
                benefit_basis: BenefitBasis::Rule,
                unit_cost: published.unit_cost.with_basis(CostBasis::Computed)?,
                ..published.clone()
            };
            let mut fixes = row_fixes;
            fixes.push(cost.clone());
            out.push(correction(
                "all",
                "every family by the rule, and the unit cost from its staff lines".into(),
                fixes,
                &fixed,
                &baseline,
            )?);
        }
    }
    out.insert(0, baseline);
    Ok(out)
}
