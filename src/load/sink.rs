//! Rows tallied into a caseload as they come: what the one-thread reader
//! and each worker of the split reader share.

use super::families::FamilyRow;
use crate::caseload::{Caseload, Tally};
use crate::error::Result;
use crate::states::StateCatalogue;

/// Rows tallied into a caseload as they come. Cohort numbers are usually
/// small: they index a vector directly, and only large ones go to the map.
pub(super) struct Sink {
    dense: Vec<Option<Tally>>,
    caseload: Caseload,
}

impl Sink {
    const DENSE: usize = 1 << 16;

    pub(super) fn new(catalogue: &StateCatalogue) -> Result<Sink> {
        Ok(Sink {
            dense: Vec::new(),
            caseload: Caseload::new(catalogue)?,
        })
    }

    pub(super) fn add(&mut self, file: &str, line: u64, row: &FamilyRow<'_>) -> Result<()> {
        // The optional columns are checked as the family reader checks them.
        if row.has_extras() {
            row.extras()?;
        }
        let slot = row.cohort as usize;
        let tally = if slot < Self::DENSE {
            if self.dense.len() <= slot {
                self.dense.resize_with(slot + 1, || None);
            }
            let states = self.caseload.states;
            let len = self.dense.len();
            match self.dense.get_mut(slot) {
                Some(Some(t)) => t,
                Some(empty) => empty.insert(Tally::new(states)?),
                None => return Err(crate::money::overflow("cohort index", slot, len)),
            }
        } else {
            self.caseload.tally_mut(row.cohort)?
        };
        // A count past its range names the row that pushed it over.
        tally
            .count(row.statuses, row.children, row.sessions)
            .map_err(|e| {
                e.computing(|| format!("the counts of cohort {} ({file}, line {line})", row.cohort))
            })
    }

    pub(super) fn finish(mut self) -> Caseload {
        for (cohort, tally) in self.dense.into_iter().enumerate() {
            if let (Some(t), Ok(c)) = (tally, u32::try_from(cohort)) {
                self.caseload.cohorts.insert(c, t);
            }
        }
        self.caseload
    }
}
