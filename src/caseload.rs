//! Whole caseloads by sufficient statistics.
//!
//! Under the valuation rule a family's benefit is its children times a value
//! that depends only on its statuses, and its cost its sessions times the unit
//! cost. So a caseload reduces, in one pass, to counts: children moved between
//! each pair of statuses, families by their movement, sessions. Those counts
//! ([`Tally`]) merge by addition across cohorts, authorities or threads, and
//! every appraisal after that costs work proportional to the number of
//! statuses, not of families. The results equal the per-family appraisal's
//! exactly (with `benefit_basis = "rule"`; printed benefits need the
//! per-family path).
//!
//! ```
//! use froi::caseload::Caseload;
//! let scenario = froi::nelc_2020::scenario_by_rule().unwrap();
//! let caseload = Caseload::from_families(&scenario.families).unwrap();
//! let cohorts = caseload.appraise(&scenario).unwrap();
//! let per_family = froi::appraise(&scenario).unwrap();
//! assert_eq!(cohorts, per_family.cohorts);
//! ```
//!
//! An external engine (SQL, Spark, pandas) can compute the same tally with a
//! group-by: `SELECT cohort, entry_status, followup_status, exit_status,
//! COUNT(*), SUM(children), SUM(sessions) ... GROUP BY 1, 2, 3, 4`, and hand
//! it over as JSON (`Tally` and `Caseload` are serialisable); see
//! `docs/performance.md`.

use std::collections::BTreeMap;
use std::io::Read;
use std::ops::{Add, AddAssign};

use serde::{Deserialize, Serialize};

use crate::appraisal::Scenario;
use crate::benefits::{OutcomePoint, StatusValues, ValuationRule};
use crate::cohorts::{CohortResult, Family, OutcomeCounts};
use crate::error::{Error, Location, Result};
use crate::money::{Money, div};
use crate::statuses::{CareStatus, Movement};
use rust_decimal::Decimal;

const N: usize = CareStatus::ALL.len();

fn index(status: CareStatus) -> usize {
    match status {
        CareStatus::Closed => 0,
        CareStatus::ChildInNeed => 1,
        CareStatus::ChildProtectionPlan => 2,
        CareStatus::KinshipCare => 3,
        CareStatus::LookedAfterFoster => 4,
    }
}

/// Families grouped by (entry status, exit status, follow-up status): every
/// quantity an appraisal by the rule needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    /// Families, by `[entry][exit][follow_up]`.
    pub families: [[[u64; N]; N]; N],
    /// Children, by `[entry][exit][follow_up]`.
    pub children: [[[u64; N]; N]; N],
    /// Sessions, by `[entry][exit][follow_up]`.
    pub sessions: [[[u64; N]; N]; N],
}

impl Tally {
    /// Count one family.
    pub fn add(&mut self, f: &Family) -> Result<()> {
        self.count(
            [f.entry(), f.exit(), f.follow_up()],
            f.children(),
            f.sessions(),
        )
    }

    /// Count one family by its statuses (entry, exit, follow-up), children
    /// and sessions; an overflowing count is an error.
    pub fn count(&mut self, statuses: [CareStatus; 3], children: u32, sessions: u32) -> Result<()> {
        let [e, x, u] = statuses.map(index);
        for (table, add) in [
            (&mut self.families, 1),
            (&mut self.children, u64::from(children)),
            (&mut self.sessions, u64::from(sessions)),
        ] {
            if let Some(cell) = table
                .get_mut(e)
                .and_then(|a| a.get_mut(x))
                .and_then(|a| a.get_mut(u))
            {
                *cell = checked(*cell, add)?;
            }
        }
        Ok(())
    }

    /// Every cell with its statuses: (entry, exit, follow-up, families, children, sessions).
    pub fn cells(
        &self,
    ) -> impl Iterator<Item = (CareStatus, CareStatus, CareStatus, u64, u64, u64)> + '_ {
        let all = CareStatus::ALL;
        all.into_iter().enumerate().flat_map(move |(e, entry)| {
            all.into_iter().enumerate().flat_map(move |(x, exit)| {
                all.into_iter().enumerate().filter_map(move |(u, follow)| {
                    let get = |t: &[[[u64; N]; N]; N]| t.get(e)?.get(x)?.get(u).copied();
                    let families = get(&self.families)?;
                    (families > 0).then(|| {
                        (
                            entry,
                            exit,
                            follow,
                            families,
                            get(&self.children).unwrap_or(0),
                            get(&self.sessions).unwrap_or(0),
                        )
                    })
                })
            })
        })
    }

    /// `self + other`, cell by cell; an overflow is an error.
    pub fn checked_add(&self, other: &Tally) -> Result<Tally> {
        let mut out = *self;
        out.combine(other, u64::checked_add)?;
        Ok(out)
    }

    /// Combine every cell with the matching cell of `other` by `op`; `None`
    /// from `op` is an overflow.
    fn combine(&mut self, other: &Tally, op: impl Fn(u64, u64) -> Option<u64>) -> Result<()> {
        for (mine, theirs) in [
            (&mut self.families, &other.families),
            (&mut self.children, &other.children),
            (&mut self.sessions, &other.sessions),
        ] {
            for (a, b) in mine
                .iter_mut()
                .flatten()
                .flatten()
                .zip(theirs.iter().flatten().flatten())
            {
                *a = op(*a, *b).ok_or_else(|| crate::money::overflow("count", *a, *b))?;
            }
        }
        Ok(())
    }
}

/// A caseload: one [`Tally`] per cohort.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Caseload {
    /// Tallies by cohort number.
    pub cohorts: BTreeMap<u32, Tally>,
}

impl Caseload {
    /// An empty caseload.
    pub fn new() -> Caseload {
        Caseload::default()
    }

    /// Count one family; an overflowing count is an error.
    pub fn add_family(&mut self, family: &Family) -> Result<()> {
        self.cohorts.entry(family.cohort()).or_default().add(family)
    }

    /// Count every family; an overflowing count is an error.
    pub fn from_families(families: &[Family]) -> Result<Caseload> {
        let mut c = Caseload::new();
        for f in families {
            c.add_family(f)?;
        }
        Ok(c)
    }

    /// Merge two caseloads; an overflowing count is an error.
    pub fn checked_merge(&self, other: &Caseload) -> Result<Caseload> {
        let mut out = self.clone();
        for (cohort, tally) in &other.cohorts {
            out.merge_tally(*cohort, tally)?;
        }
        Ok(out)
    }

    /// Stream a family table (the canonical CSV) into a caseload without
    /// keeping the rows. Each row is checked as [`crate::load::families_from_csv`]
    /// checks it, except that duplicate family ids are not looked for (that
    /// needs every id in memory).
    pub fn read_csv(reader: impl Read, file: &str) -> Result<Caseload> {
        // Cohort numbers are usually small: index them directly, and keep a
        // map only for large ones.
        const DENSE: usize = 1 << 16;
        let mut dense: Vec<Option<Box<Tally>>> = Vec::new();
        let mut caseload = Caseload::new();
        crate::load::stream_families(reader, file, |_, row| {
            let slot = row.cohort as usize;
            let tally = if slot < DENSE {
                if dense.len() <= slot {
                    dense.resize_with(slot + 1, || None);
                }
                match dense.get_mut(slot) {
                    Some(t) => t.get_or_insert_with(Box::default),
                    None => return Err(crate::money::overflow("cohort index", slot, dense.len())),
                }
            } else {
                caseload.cohorts.entry(row.cohort).or_default()
            };
            tally.count(row.statuses, row.children, row.sessions)
        })?;
        for (cohort, tally) in dense.into_iter().enumerate() {
            if let (Some(t), Ok(c)) = (tally, u32::try_from(cohort)) {
                caseload.cohorts.insert(c, *t);
            }
        }
        Ok(caseload)
    }

    /// Read a family table file into a caseload (see [`Caseload::read_csv`]).
    pub fn read_file(path: impl AsRef<std::path::Path>) -> Result<Caseload> {
        // The CSV reader buffers for itself.
        let (file, name) = crate::load::open_file(path.as_ref())?;
        Caseload::read_csv(file, &name)
    }

    /// Read several family tables (one per authority, say) and merge them.
    /// With the `parallel` feature the files are read on all cores; the
    /// result is the same either way.
    pub fn read_files<P: AsRef<std::path::Path> + Sync>(paths: &[P]) -> Result<Caseload> {
        #[cfg(feature = "parallel")]
        let parts: Vec<Result<Caseload>> = {
            use rayon::prelude::*;
            paths.par_iter().map(Caseload::read_file).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let parts: Vec<Result<Caseload>> = paths.iter().map(Caseload::read_file).collect();
        parts
            .into_iter()
            .try_fold(Caseload::new(), |acc, part| acc.checked_merge(&part?))
    }

    fn merge_tally(&mut self, cohort: u32, tally: &Tally) -> Result<()> {
        let merged = match self.cohorts.get(&cohort) {
            Some(mine) => mine.checked_add(tally)?,
            None => *tally,
        };
        self.cohorts.insert(cohort, merged);
        Ok(())
    }

    /// Appraise every cohort by the scenario's unit cost, values and rule
    /// (the scenario's families are not used).
    pub fn appraise(&self, scenario: &Scenario) -> Result<Vec<CohortResult>> {
        self.cohorts
            .iter()
            .map(|(cohort, tally)| appraise_tally(Some(*cohort), tally, scenario))
            .collect()
    }

    /// All cohorts together.
    pub fn total(&self) -> Result<Tally> {
        self.cohorts
            .values()
            .try_fold(Tally::default(), |acc, t| acc.checked_add(t))
    }
}

impl Add for Caseload {
    type Output = Caseload;
    /// Cell-by-cell addition; counts saturate at `u64::MAX` (use
    /// [`Caseload::checked_merge`] to have an overflow reported).
    fn add(mut self, other: Caseload) -> Caseload {
        self += other;
        self
    }
}

impl AddAssign for Caseload {
    fn add_assign(&mut self, other: Caseload) {
        for (cohort, tally) in other.cohorts {
            // Saturating addition cannot overflow, so `combine` cannot fail here.
            let _ = self
                .cohorts
                .entry(cohort)
                .or_default()
                .combine(&tally, |a, b| Some(a.saturating_add(b)));
        }
    }
}

impl std::iter::Sum for Caseload {
    fn sum<I: Iterator<Item = Caseload>>(iter: I) -> Caseload {
        iter.fold(Caseload::new(), |a, b| a + b)
    }
}

/// Appraise one tally as the per-family path would (benefits by the rule),
/// by the scenario's unit cost, values and rule.
pub fn appraise_tally(
    cohort: Option<u32>,
    tally: &Tally,
    scenario: &Scenario,
) -> Result<CohortResult> {
    appraise_tally_with(
        cohort,
        tally,
        scenario.unit_cost.per_session()?,
        &scenario.values,
        &scenario.rule,
    )
}

/// [`appraise_tally`] with the unit cost, values and rule given directly.
pub fn appraise_tally_with(
    cohort: Option<u32>,
    tally: &Tally,
    per_session: Money,
    values: &StatusValues,
    rule: &ValuationRule,
) -> Result<CohortResult> {
    let mut families = 0u64;
    let mut children = 0u64;
    let mut sessions = 0u64;
    let mut total_benefit = Money::ZERO;
    let mut outcomes = OutcomeCounts::default();
    for (entry, exit, follow, n, kids, sess) in tally.cells() {
        let outcome = match rule.outcome {
            OutcomePoint::Exit => exit,
            OutcomePoint::FollowUp => follow,
        };
        families = checked(families, n)?;
        children = checked(children, kids)?;
        sessions = checked(sessions, sess)?;
        let per_child = rule.benefit_per_child(values, entry, outcome)?;
        total_benefit = total_benefit.checked_add(per_child.checked_times(kids)?)?;
        let n32 = u32::try_from(n).map_err(|_| crate::money::overflow("count", n, 0))?;
        if !exit.is_open() {
            outcomes.closed_at_exit = outcomes.closed_at_exit.saturating_add(n32);
        }
        if follow.is_open() {
            outcomes.open_at_follow_up = outcomes.open_at_follow_up.saturating_add(n32);
        } else {
            outcomes.closed_at_follow_up = outcomes.closed_at_follow_up.saturating_add(n32);
        }
        let slot = match Movement::between(entry, outcome) {
            Movement::Improved => &mut outcomes.improved,
            Movement::Unchanged => &mut outcomes.unchanged,
            Movement::Deteriorated => &mut outcomes.deteriorated,
        };
        *slot = slot.saturating_add(n32);
    }
    let name = cohort.map_or("all families".to_string(), |c| format!("cohort {c}"));
    if families == 0 {
        return Err(Error::EmptyCohort {
            at: Location::field("cohort"),
            cohort: cohort.unwrap_or(0),
        });
    }
    let total_cost = per_session.checked_times(sessions)?;
    let to_u32 = |v: u64| u32::try_from(v).map_err(|_| crate::money::overflow("count", v, 0));
    Ok(CohortResult {
        cohort,
        families: to_u32(families)?,
        children: to_u32(children)?,
        sessions: to_u32(sessions)?,
        total_cost,
        total_benefit,
        average_cost: total_cost
            .checked_average(families, || format!("the average cost of {name}"))?,
        average_benefit: total_benefit
            .checked_average(families, || format!("the average benefit of {name}"))?,
        average_children: div(Decimal::from(children), Decimal::from(families), || {
            format!("the average children of {name}")
        })?,
        ratio: total_benefit
            .ratio_to(total_cost, || format!("the benefit-cost ratio of {name}"))?,
        outcomes,
    })
}

fn checked(a: u64, b: u64) -> Result<u64> {
    a.checked_add(b)
        .ok_or_else(|| crate::money::overflow("count", a, b))
}
