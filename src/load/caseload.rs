//! Reading a family table straight into a caseload, one row at a time.

use std::io::Read;

use crate::caseload::{Caseload, Tally};
use crate::error::Result;
use crate::states::StateCatalogue;

impl Caseload {
    /// Stream a family table (the canonical CSV) into a caseload without
    /// keeping the rows. Each row is checked as [`crate::load::families_from_csv`]
    /// checks it, except that duplicate family ids are not looked for (that
    /// needs every id in memory).
    pub fn read_csv(reader: impl Read, file: &str, catalogue: &StateCatalogue) -> Result<Caseload> {
        // Cohort numbers are usually small: index them directly, and keep a
        // map only for large ones.
        const DENSE: usize = 1 << 16;
        let mut dense: Vec<Option<Tally>> = Vec::new();
        let mut caseload = Caseload::new(catalogue)?;
        let states = caseload.states;
        super::stream_families(reader, file, catalogue, |line, row| {
            let slot = row.cohort as usize;
            let tally = if slot < DENSE {
                if dense.len() <= slot {
                    dense.resize_with(slot + 1, || None);
                }
                match dense.get_mut(slot) {
                    Some(Some(t)) => t,
                    Some(empty) => empty.insert(Tally::new(states)?),
                    None => return Err(crate::money::overflow("cohort index", slot, dense.len())),
                }
            } else {
                caseload.tally_mut(row.cohort)?
            };
            // A count past its range names the row that pushed it over.
            tally
                .count(row.statuses, row.children, row.sessions)
                .map_err(|e| {
                    e.computing(|| {
                        format!("the counts of cohort {} ({file}, line {line})", row.cohort)
                    })
                })
        })?;
        for (cohort, tally) in dense.into_iter().enumerate() {
            if let (Some(t), Ok(c)) = (tally, u32::try_from(cohort)) {
                caseload.cohorts.insert(c, t);
            }
        }
        Ok(caseload)
    }

    /// Read a family table file into a caseload (see [`Caseload::read_csv`]).
    pub fn read_file(
        path: impl AsRef<std::path::Path>,
        catalogue: &StateCatalogue,
    ) -> Result<Caseload> {
        // The CSV reader buffers for itself.
        let (file, name) = super::open_file(path.as_ref())?;
        Caseload::read_csv(file, &name, catalogue)
    }

    /// Read several family tables (one per authority, say) and merge them.
    /// With the `parallel` feature the files are read on all cores; the
    /// result is the same either way.
    pub fn read_files<P: AsRef<std::path::Path> + Sync>(
        paths: &[P],
        catalogue: &StateCatalogue,
    ) -> Result<Caseload> {
        let read = |p: &P| Caseload::read_file(p, catalogue);
        #[cfg(feature = "parallel")]
        let parts: Vec<Result<Caseload>> = {
            use rayon::prelude::*;
            paths.par_iter().map(read).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let parts: Vec<Result<Caseload>> = paths.iter().map(read).collect();
        parts
            .into_iter()
            .try_fold(Caseload::new(catalogue)?, |acc, part| {
                acc.checked_merge(&part?)
            })
    }
}
