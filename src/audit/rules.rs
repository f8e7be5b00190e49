//! Which valuation rule the published rows follow, and what the text claims.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Claim, ClaimKind, Discrepancy, DiscrepancyKind};
use crate::benefits::{Deterioration, OutcomePoint, ValuationRule};
use crate::error::Result;
use crate::family_source::FamilySource;
use crate::money::Money;

/// How well one candidate rule reproduces the printed family benefits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleFit {
    /// The candidate.
    pub rule: ValuationRule,
    /// Rows whose printed benefit is within one pound of the rule's value.
    pub matching: u32,
    /// Rows with a printed benefit.
    pub compared: u32,
    /// The rows that do not match, as "cohort/family".
    pub misfits: Vec<String>,
}

/// Within a pound: printed benefits are whole pounds, rounded or truncated.
fn matches(printed: Money, value: Money) -> bool {
    printed
        .value()
        .checked_sub(value.value())
        .is_some_and(|d| d.abs() < Decimal::ONE)
}

/// Every combination of outcome point and deterioration treatment, at the
/// scenario's window, best fit first (ties keep the scenario's own rule first).
pub fn fit(scenario: &FamilySource) -> Result<Vec<RuleFit>> {
    let mut candidates = vec![scenario.rule];
    for outcome in [OutcomePoint::FollowUp, OutcomePoint::Exit] {
        for deterioration in [Deterioration::NoBenefit, Deterioration::NegativeBenefit] {
            let rule = ValuationRule {
                outcome,
                deterioration,
                window: scenario.rule.window,
            };
            if !candidates.contains(&rule) {
                candidates.push(rule);
            }
        }
    }
    let mut fits = Vec::new();
    for rule in candidates {
        let mut fit = RuleFit {
            rule,
            matching: 0,
            compared: 0,
            misfits: Vec::new(),
        };
        for family in &scenario.families {
            let Some(printed) = family.published().benefit else {
                continue;
            };
            let value = rule.family_benefit(&scenario.values, family)?;
            fit.compared += 1;
            if matches(printed, value) {
                fit.matching += 1;
            } else {
                fit.misfits
                    .push(format!("{}/{}", family.cohort(), family.id()));
            }
        }
        fits.push(fit);
    }
    fits.sort_by_key(|f| std::cmp::Reverse(f.matching));
    Ok(fits)
}

/// The discrepancy a claim makes with the numbers, if any.
pub fn check_claim(
    claim: &Claim,
    scenario: &FamilySource,
    fits: &[RuleFit],
) -> Result<Option<Discrepancy>> {
    let found =
        |published: String, recomputed: String, kind: DiscrepancyKind, explanation: String| {
            Some(Discrepancy {
                id: claim.id.clone(),
                location: claim.location.clone(),
                line: claim.line,
                published,
                recomputed,
                recomputed_exact: None,
                kind,
                explanation,
                material: false,
                computed: true,
                also: Vec::new(),
            })
        };
    let best = fits.first();
    let fit_of = |pred: &dyn Fn(&ValuationRule) -> bool| {
        fits.iter()
            .filter(|f| pred(&f.rule))
            .map(|f| f.matching)
            .max()
            .unwrap_or(0)
    };
    Ok(match &claim.kind {
        ClaimKind::OutcomePoint { value } => match best {
            Some(b) if b.rule.outcome != *value => {
                let claimed = fit_of(&|r| r.outcome == *value);
                found(
                    value.to_string(),
                    b.rule.outcome.to_string(),
                    DiscrepancyKind::TextContradictsNumbers,
                    format!(
                        "the rows follow {}: {} of {} printed benefits fit it; valued at {} at most {claimed} fit",
                        b.rule, b.matching, b.compared, value
                    ),
                )
            }
            _ => None,
        },
        ClaimKind::Deterioration { value } => match best {
            Some(b) if b.rule.deterioration != *value => found(
                value.to_string(),
                b.rule.deterioration.to_string(),
                DiscrepancyKind::TextContradictsNumbers,
                format!("the rows follow {}", b.rule),
            ),
            _ => None,
        },
        ClaimKind::ExitYear { cohort, year } => {
            let outside: Vec<String> = scenario
                .families
                .iter()
                .filter(|f| f.cohort() == *cohort)
                .filter_map(|f| {
                    f.exit_month()
                        .filter(|m| m.year != *year)
                        .map(|m| format!("family {} exited {m}", f.id()))
                })
                .collect();
            if outside.is_empty() {
                None
            } else {
                found(
                    format!("exited in {year}"),
                    outside.join("; "),
                    DiscrepancyKind::TextContradictsNumbers,
                    format!(
                        "{} of the cohort's families exited in another year",
                        outside.len()
                    ),
                )
            }
        }
        ClaimKind::NetOfDeadweight { cohort, net } => {
            let mut gross = 0u32;
            let mut netted = 0u32;
            let mut compared = 0u32;
            for family in scenario.families.iter().filter(|f| f.cohort() == *cohort) {
                let Some(printed) = family.published().benefit else {
                    continue;
                };
                let value = scenario.rule.family_benefit(&scenario.values, family)?;
                if value.is_zero() {
                    continue;
                }
                compared += 1;
                gross += u32::from(matches(printed, value));
                for d in scenario
                    .deadweight
                    .iter()
                    .filter(|d| !d.deadweight.value().is_zero())
                {
                    netted += u32::from(matches(printed, d.deadweight.net(value)?));
                }
            }
            let says_net = *net;
            let are_net = netted > gross;
            if says_net == are_net {
                None
            } else {
                found(
                    if says_net {
                        "net of deadweight".into()
                    } else {
                        "gross".into()
                    },
                    if are_net {
                        "net of deadweight".into()
                    } else {
                        "gross".into()
                    },
                    DiscrepancyKind::Mislabel,
                    format!(
                        "of {compared} non-zero rows, {gross} equal the gross value and {netted} a value net of a deadweight scenario"
                    ),
                )
            }
        }
        ClaimKind::Cohorts { count } => {
            let mut cohorts: Vec<u32> = scenario.families.iter().map(|f| f.cohort()).collect();
            cohorts.sort_unstable();
            cohorts.dedup();
            let n = u32::try_from(cohorts.len()).unwrap_or(u32::MAX);
            if n == *count {
                None
            } else {
                found(
                    format!("{count} cohorts"),
                    format!("{n} cohorts"),
                    DiscrepancyKind::TextContradictsNumbers,
                    format!("the analysis reports {n} cohorts"),
                )
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_a_pound_means_strictly_less_than_one() {
        let m = |a: i64, b: &str| matches(Money::from_pounds(a), Money::new(b.parse().unwrap()));
        assert!(m(100, "100.99") && m(100, "99.01") && m(100, "100"));
        assert!(!m(100, "101") && !m(100, "99"));
    }
}
