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
//! let caseload = Caseload::from_families(&scenario.states, &scenario.families).unwrap();
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

use serde::{Deserialize, Serialize};

use crate::appraisal::Scenario;
use crate::benefits::{OutcomePoint, StateValues, ValuationRule};
use crate::cohorts::{CohortResult, Family, OutcomeCounts};
use crate::error::{Error, Location, Result};
use crate::money::{Money, div};
use crate::states::{Movement, State, StateCatalogue};
use rust_decimal::Decimal;

/// Families, children and sessions in one cell of a tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Counts {
    families: u64,
    children: u64,
    sessions: u64,
}

/// Families grouped by (entry state, exit state, follow-up state): every
/// quantity an appraisal by the rule needs.
///
/// The cells are a dense table of `n^3` counts for a catalogue of `n` states
/// (so counting a row is one index, not a search); a tally is therefore
/// limited to [`Tally::MAX_STATES`] states. In JSON it is the list of its
/// non-empty cells, by state index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTally", into = "RawTally")]
pub struct Tally {
    states: usize,
    cells: Vec<Counts>,
}

/// A tally as written: its size and its non-empty cells.
#[derive(Serialize, Deserialize)]
struct RawTally {
    states: usize,
    /// `[entry, exit, follow_up, families, children, sessions]`.
    cells: Vec<[u64; 6]>,
}

impl TryFrom<RawTally> for Tally {
    type Error = Error;
    fn try_from(raw: RawTally) -> Result<Tally> {
        let mut t = Tally::new(raw.states)?;
        for [e, x, u, families, children, sessions] in raw.cells {
            let index = [e, x, u]
                .map(|i| usize::try_from(i).ok().filter(|i| *i < t.states))
                .into_iter()
                .collect::<Option<Vec<_>>>()
                .and_then(|ix| t.cell_index(ix.first()?, ix.get(1)?, ix.get(2)?));
            let cell = index
                .and_then(|i| t.cells.get_mut(i))
                .ok_or_else(|| Error::OutOfRange {
                    at: Location::field("tally.cells"),
                    value: format!("[{e}, {x}, {u}]"),
                    field_rule: format!("a cell names three states below {}", raw.states),
                })?;
            cell.families = checked(cell.families, families)?;
            cell.children = checked(cell.children, children)?;
            cell.sessions = checked(cell.sessions, sessions)?;
        }
        Ok(t)
    }
}

impl From<Tally> for RawTally {
    fn from(t: Tally) -> RawTally {
        RawTally {
            states: t.states,
            cells: t
                .cells()
                .map(|(e, x, u, f, c, s)| {
                    let [e, x, u] = [e, x, u].map(|s| s.index() as u64);
                    [e, x, u, f, c, s]
                })
                .collect(),
        }
    }
}

impl Tally {
    /// The most states a tally counts by (32^3 cells of counts, 768 KiB).
    pub const MAX_STATES: usize = 32;

    /// An empty tally for a catalogue of `states` states.
    pub fn new(states: usize) -> Result<Tally> {
        if states == 0 || states > Self::MAX_STATES {
            return Err(Error::OutOfRange {
                at: Location::field("states"),
                value: states.to_string(),
                field_rule: format!(
                    "a caseload tally counts by 1 to {} states",
                    Self::MAX_STATES
                ),
            });
        }
        Ok(Tally {
            states,
            cells: vec![Counts::default(); states * states * states],
        })
    }

    /// An empty tally for the states of `catalogue`.
    pub fn for_states(catalogue: &StateCatalogue) -> Result<Tally> {
        Tally::new(catalogue.len())
    }

    /// The number of states it counts by.
    pub fn states(&self) -> usize {
        self.states
    }

    fn cell_index(&self, e: &usize, x: &usize, u: &usize) -> Option<usize> {
        let n = self.states;
        (*e < n && *x < n && *u < n).then_some((e * n + x) * n + u)
    }

    /// Count one family.
    pub fn add(&mut self, f: &Family) -> Result<()> {
        self.count(
            [f.entry(), f.exit(), f.follow_up()],
            f.children(),
            f.sessions(),
        )
    }

    /// Count one family by its states (entry, exit, follow-up), children
    /// and sessions; an overflowing count, or a state outside the tally, is
    /// an error.
    pub fn count(&mut self, states: [State; 3], children: u32, sessions: u32) -> Result<()> {
        let [e, x, u] = states.map(State::index);
        let cell = self
            .cell_index(&e, &x, &u)
            .and_then(|i| self.cells.get_mut(i))
            .ok_or_else(|| Error::OutOfRange {
                at: Location::field("states"),
                value: format!("[{e}, {x}, {u}]"),
                field_rule: format!("a family's states are among the tally's {}", self.states),
            })?;
        cell.families = checked(cell.families, 1)?;
        cell.children = checked(cell.children, u64::from(children))?;
        cell.sessions = checked(cell.sessions, u64::from(sessions))?;
        Ok(())
    }

    /// Every non-empty cell with its states: (entry, exit, follow-up,
    /// families, children, sessions).
    pub fn cells(&self) -> impl Iterator<Item = (State, State, State, u64, u64, u64)> + '_ {
        let n = self.states;
        let state = |i: usize| State::from_index(i);
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.families > 0)
            .filter_map(move |(i, c)| {
                Some((
                    state(i / (n * n))?,
                    state(i / n % n)?,
                    state(i % n)?,
                    c.families,
                    c.children,
                    c.sessions,
                ))
            })
    }

    /// `self + other`, cell by cell; an overflow, or tallies of different
    /// catalogues, is an error.
    pub fn checked_add(&self, other: &Tally) -> Result<Tally> {
        let mut out = self.clone();
        out.combine(other, u64::checked_add)?;
        Ok(out)
    }

    /// Combine every cell with the matching cell of `other` by `op`; `None`
    /// from `op` is an overflow.
    fn combine(&mut self, other: &Tally, op: impl Fn(u64, u64) -> Option<u64>) -> Result<()> {
        if self.states != other.states {
            return Err(Error::OutOfRange {
                at: Location::field("states"),
                value: other.states.to_string(),
                field_rule: format!(
                    "tallies merge only over the same states, and this one counts by {}",
                    self.states
                ),
            });
        }
        for (a, b) in self.cells.iter_mut().zip(&other.cells) {
            for (x, y) in [
                (&mut a.families, b.families),
                (&mut a.children, b.children),
                (&mut a.sessions, b.sessions),
            ] {
                *x = op(*x, y).ok_or_else(|| crate::money::overflow("count", *x, y))?;
            }
        }
        Ok(())
    }
}

/// A caseload: one [`Tally`] per cohort, all over one catalogue of states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CaseloadData")]
pub struct Caseload {
    /// The number of states every tally counts by.
    pub(crate) states: usize,
    /// Tallies by cohort number.
    pub(crate) cohorts: BTreeMap<u32, Tally>,
}

/// A caseload as written: every tally must count by its number of states.
#[derive(Deserialize)]
struct CaseloadData {
    states: usize,
    cohorts: BTreeMap<u32, Tally>,
}

impl TryFrom<CaseloadData> for Caseload {
    type Error = Error;
    fn try_from(d: CaseloadData) -> Result<Caseload> {
        Tally::new(d.states)?;
        if let Some((cohort, t)) = d.cohorts.iter().find(|(_, t)| t.states() != d.states) {
            return Err(Error::OutOfRange {
                at: Location::field(format!("cohorts.{cohort}.states")),
                value: t.states().to_string(),
                field_rule: format!(
                    "every tally of the caseload counts by its {} states",
                    d.states
                ),
            });
        }
        Ok(Caseload {
            states: d.states,
            cohorts: d.cohorts,
        })
    }
}

impl Caseload {
    /// An empty caseload over the states of `catalogue`; a catalogue of more
    /// than [`Tally::MAX_STATES`] states is an error.
    pub fn new(catalogue: &StateCatalogue) -> Result<Caseload> {
        Tally::for_states(catalogue)?;
        Ok(Caseload {
            states: catalogue.len(),
            cohorts: BTreeMap::new(),
        })
    }

    /// The tallies, by cohort.
    pub fn cohorts(&self) -> &BTreeMap<u32, Tally> {
        &self.cohorts
    }

    /// The tally of one cohort.
    pub fn cohort(&self, cohort: u32) -> Option<&Tally> {
        self.cohorts.get(&cohort)
    }

    pub(crate) fn tally_mut(&mut self, cohort: u32) -> Result<&mut Tally> {
        match self.cohorts.entry(cohort) {
            std::collections::btree_map::Entry::Occupied(e) => Ok(e.into_mut()),
            std::collections::btree_map::Entry::Vacant(e) => Ok(e.insert(Tally::new(self.states)?)),
        }
    }

    /// Count one family; an overflowing count is an error.
    pub fn add_family(&mut self, family: &Family) -> Result<()> {
        self.tally_mut(family.cohort())?.add(family)
    }

    /// Count every family; an overflowing count is an error.
    pub fn from_families(catalogue: &StateCatalogue, families: &[Family]) -> Result<Caseload> {
        let mut c = Caseload::new(catalogue)?;
        for f in families {
            c.add_family(f)?;
        }
        Ok(c)
    }

    /// Merge two caseloads; an overflowing count, or caseloads over
    /// different numbers of states, is an error.
    pub fn checked_merge(&self, other: &Caseload) -> Result<Caseload> {
        let mut out = self.clone();
        for (cohort, tally) in &other.cohorts {
            let merged = match out.cohorts.get(cohort) {
                Some(mine) => mine.checked_add(tally)?,
                None => Tally::new(self.states)?.checked_add(tally)?,
            };
            out.cohorts.insert(*cohort, merged);
        }
        Ok(out)
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
            .try_fold(Tally::new(self.states)?, |acc, t| acc.checked_add(t))
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
        &scenario.states,
        &scenario.values,
        &scenario.rule,
    )
}

/// [`appraise_tally`] with the unit cost, values and rule given directly.
pub fn appraise_tally_with(
    cohort: Option<u32>,
    tally: &Tally,
    per_session: Money,
    states: &StateCatalogue,
    values: &StateValues,
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
        if states.is_closed(exit) {
            outcomes.closed_at_exit = outcomes.closed_at_exit.saturating_add(n32);
        }
        if states.is_closed(follow) {
            outcomes.closed_at_follow_up = outcomes.closed_at_follow_up.saturating_add(n32);
        } else {
            outcomes.open_at_follow_up = outcomes.open_at_follow_up.saturating_add(n32);
        }
        let slot = match rule.movement(states, values, entry, outcome)? {
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
