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
//! let programme = froi::nelc_2020::programme_by_rule()?;
//! let source = programme.family_source()?;
//! let caseload = Caseload::from_families(&source.states, &source.families)?;
//! let cohorts = caseload.appraise(source)?;
//! let per_family = froi::appraise(&programme)?;
//! assert_eq!(cohorts, per_family.families()?.cohorts);
//! # Ok::<(), froi::Error>(())
//! ```
//!
//! An external engine (SQL, Spark, pandas) can compute the same tally with a
//! group-by: `SELECT cohort, entry_status, followup_status, exit_status,
//! COUNT(*), SUM(children), SUM(sessions) ... GROUP BY 1, 2, 3, 4`, and hand
//! it over as JSON (`Tally` and `Caseload` are serialisable); see
//! `docs/performance.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::benefits::{OutcomePoint, StateValues, ValuationRule};
use crate::cohorts::{CohortResult, Family, OutcomeCounts};
use crate::error::{Error, Location, Result};
use crate::family_source::FamilySource;
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
        self.count_many(states, 1, u64::from(children), u64::from(sessions))
    }

    /// Whether any family of these states (entry, exit, follow-up) is counted.
    fn has(&self, states: [State; 3]) -> bool {
        let [e, x, u] = states.map(State::index);
        self.cell_index(&e, &x, &u)
            .and_then(|i| self.cells.get(i))
            .is_some_and(|c| c.families > 0)
    }

    /// Count `families` families of these states with their children and
    /// sessions in all.
    fn count_many(
        &mut self,
        states: [State; 3],
        families: u64,
        children: u64,
        sessions: u64,
    ) -> Result<()> {
        let [e, x, u] = states.map(State::index);
        let cell = self
            .cell_index(&e, &x, &u)
            .and_then(|i| self.cells.get_mut(i))
            .ok_or_else(|| Error::OutOfRange {
                at: Location::field("states"),
                value: format!("[{e}, {x}, {u}]"),
                field_rule: format!("a family's states are among the tally's {}", self.states),
            })?;
        cell.families = checked(cell.families, families)?;
        cell.children = checked(cell.children, children)?;
        cell.sessions = checked(cell.sessions, sessions)?;
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
///
/// In JSON it is a table of counts keyed by the catalogue's own state ids
/// (see [`CountRow`]): `{"states": ["CLOSED", "CIN", ...], "counts": [{"cohort":
/// 1, "entry": "CIN", "exit": "CLOSED", "follow_up": "CLOSED", "families": 2,
/// "children": 3, "sessions": 2}, ...]}`, what a `GROUP BY` gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CountTable", into = "CountTable")]
pub struct Caseload {
    /// The number of states every tally counts by.
    pub(crate) states: usize,
    /// The catalogue's state ids, in its order.
    ids: Vec<String>,
    /// Tallies by cohort number.
    pub(crate) cohorts: BTreeMap<u32, Tally>,
}

/// One row of a table of counts: the families of one cohort that share an
/// entry, exit and follow-up state, with their children and sessions. It is
/// what a `GROUP BY cohort, entry, exit, follow_up` over a family table gives
/// in any engine (SQL, DuckDB, Spark, pandas).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountRow {
    /// The cohort.
    pub cohort: u32,
    /// The state at entry, by its id (or a label of the catalogue).
    pub entry: String,
    /// The state at exit.
    pub exit: String,
    /// The state at follow-up.
    pub follow_up: String,
    /// Families (at least 1).
    pub families: u64,
    /// Their children: 1 to [`Family::MAX_CHILDREN`] a family.
    pub children: u64,
    /// Their sessions: 1 to [`Family::MAX_SESSIONS`] a family.
    pub sessions: u64,
}

/// A caseload as written: its states and its table of counts.
#[derive(Serialize, Deserialize)]
struct CountTable {
    states: Vec<String>,
    counts: Vec<CountRow>,
}

impl TryFrom<CountTable> for Caseload {
    type Error = Error;
    fn try_from(t: CountTable) -> Result<Caseload> {
        let defs = t.states.iter().map(crate::states::StateDef::new).collect();
        Caseload::from_counts(&StateCatalogue::new("state", defs)?, &t.counts)
    }
}

impl From<Caseload> for CountTable {
    fn from(c: Caseload) -> CountTable {
        CountTable {
            counts: c.counts(),
            states: c.ids,
        }
    }
}

impl Caseload {
    /// An empty caseload over the states of `catalogue`; a catalogue of more
    /// than [`Tally::MAX_STATES`] states is an error.
    pub fn new(catalogue: &StateCatalogue) -> Result<Caseload> {
        Tally::for_states(catalogue)?;
        Ok(Caseload {
            states: catalogue.len(),
            ids: catalogue.iter().map(|(_, d)| d.id.clone()).collect(),
            cohorts: BTreeMap::new(),
        })
    }

    /// A caseload from a table of counts, each row's states read by
    /// `catalogue` (ids, labels or aliases, in any case). A row with no
    /// families, children or sessions outside their bounds per family, or a
    /// cohort and states counted twice, is an error naming the row.
    ///
    /// ```
    /// use froi::caseload::{Caseload, CountRow};
    /// let programme = froi::nelc_2020::programme_by_rule()?;
    /// let scenario = programme.family_source()?;
    /// let row = |entry: &str, follow_up: &str, families, children| CountRow {
    ///     cohort: 1, entry: entry.into(), exit: "CLOSED".into(), follow_up: follow_up.into(),
    ///     families, children, sessions: families,
    /// };
    /// let counts = [row("CIN", "CLOSED", 2, 3), row("CPP", "CIN", 1, 2)];
    /// let caseload = Caseload::from_counts(&scenario.states, &counts)?;
    /// let cohort = &caseload.appraise(scenario)?[0];
    /// assert_eq!((cohort.families, cohort.children), (3, 5));
    /// assert_eq!(caseload.counts().len(), 2);
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn from_counts(catalogue: &StateCatalogue, rows: &[CountRow]) -> Result<Caseload> {
        let mut c = Caseload::new(catalogue)?;
        for (i, row) in rows.iter().enumerate() {
            c.add_counts(catalogue, row).map_err(|e| {
                e.map_location(|at| {
                    at.at_field(format!("counts[{i}].{}", at.field.as_deref().unwrap_or("")))
                })
            })?;
        }
        Ok(c)
    }

    /// Count one row of a table of counts (see [`Caseload::from_counts`]).
    pub fn add_counts(&mut self, catalogue: &StateCatalogue, row: &CountRow) -> Result<()> {
        let state = |label: &str, field: &str| {
            catalogue
                .state(label)
                .map_err(|e| e.map_location(|at| at.at_field(field)))
        };
        let states = [
            state(&row.entry, "entry")?,
            state(&row.exit, "exit")?,
            state(&row.follow_up, "follow_up")?,
        ];
        if row.families == 0 {
            return Err(Error::OutOfRange {
                at: Location::field("families"),
                value: "0".into(),
                field_rule: "a row of counts counts at least one family".into(),
            });
        }
        // What the family reader checks of each row, summed over the row's families.
        let per_family = |field: &str, n: u64, each: u32| -> Result<()> {
            let most = u64::from(each).saturating_mul(row.families);
            if n < row.families || n > most {
                return Err(Error::OutOfRange {
                    at: Location::field(field),
                    value: n.to_string(),
                    field_rule: format!(
                        "{} families have 1 to {each} {field} each, so {} to {most} in all",
                        row.families, row.families
                    ),
                });
            }
            Ok(())
        };
        per_family("children", row.children, Family::MAX_CHILDREN)?;
        per_family("sessions", row.sessions, Family::MAX_SESSIONS)?;
        let tally = self.tally_mut(row.cohort)?;
        if tally.has(states) {
            return Err(Error::OutOfRange {
                at: Location::field("follow_up"),
                value: format!(
                    "cohort {}, {}",
                    row.cohort,
                    states.map(|s| catalogue.id(s)).join(" / ")
                ),
                field_rule:
                    "a cohort's families of one entry, exit and follow-up state are one row".into(),
            });
        }
        tally.count_many(states, row.families, row.children, row.sessions)
    }

    /// The caseload as a table of counts keyed by its catalogue's state ids,
    /// by cohort and then by state index (entry, exit, follow-up).
    pub fn counts(&self) -> Vec<CountRow> {
        let id = |s: State| self.ids.get(s.index()).cloned().unwrap_or_default();
        self.cohorts
            .iter()
            .flat_map(|(cohort, tally)| {
                tally
                    .cells()
                    .map(move |(e, x, u, families, children, sessions)| CountRow {
                        cohort: *cohort,
                        entry: id(e),
                        exit: id(x),
                        follow_up: id(u),
                        families,
                        children,
                        sessions,
                    })
            })
            .collect()
    }

    /// The catalogue's state ids the caseload counts by, in order.
    pub fn state_ids(&self) -> &[String] {
        &self.ids
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
    /// different states, is an error.
    pub fn checked_merge(&self, other: &Caseload) -> Result<Caseload> {
        self.check_same_states(&other.ids)?;
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

    /// The same caseload counted by `catalogue`'s states, which must name
    /// every state it counts (by id, label or alias), in any order.
    pub fn over(&self, catalogue: &StateCatalogue) -> Result<Caseload> {
        let index = self
            .ids
            .iter()
            .map(|id| catalogue.state(id))
            .collect::<Result<Vec<State>>>()?;
        if index.iter().enumerate().all(|(i, s)| s.index() == i) && self.states == catalogue.len() {
            return Ok(Caseload {
                ids: catalogue.iter().map(|(_, d)| d.id.clone()).collect(),
                ..self.clone()
            });
        }
        let mut out = Caseload::new(catalogue)?;
        for (cohort, tally) in &self.cohorts {
            let to = out.tally_mut(*cohort)?;
            for (e, x, u, families, children, sessions) in tally.cells() {
                let moved = [e, x, u].map(|s| index.get(s.index()).copied().unwrap_or(s));
                to.count_many(moved, families, children, sessions)?;
            }
        }
        Ok(out)
    }

    fn check_same_states(&self, ids: &[String]) -> Result<()> {
        if self.ids != ids {
            return Err(Error::OutOfRange {
                at: Location::field("states"),
                value: ids.join(", "),
                field_rule: format!(
                    "caseloads merge over the same states, in order ({}); restate one with Caseload::over",
                    self.ids.join(", ")
                ),
            });
        }
        Ok(())
    }

    /// Appraise every cohort by a family source's unit cost, values and rule
    /// (its families are not used). The caseload's states are matched to the
    /// source's catalogue by id.
    pub fn appraise(&self, scenario: &FamilySource) -> Result<Vec<CohortResult>> {
        if self.ids.len() != scenario.states.len()
            || self
                .ids
                .iter()
                .zip(scenario.states.iter())
                .any(|(a, (_, d))| *a != d.id)
        {
            return self.over(&scenario.states)?.appraise(scenario);
        }
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
/// by a family source's unit cost, values and rule.
pub fn appraise_tally(
    cohort: Option<u32>,
    tally: &Tally,
    scenario: &FamilySource,
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
