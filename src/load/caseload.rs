//! Reading a family table straight into a caseload, one row at a time, on
//! one core or on every core.

use std::io::Read;

use super::sink::Sink;
use crate::caseload::Caseload;
use crate::error::Result;
use crate::states::StateCatalogue;

impl Caseload {
    /// Stream a family table (the canonical CSV) into a caseload without
    /// keeping the rows, on the calling thread. Each row is checked as
    /// [`crate::load::families_from_csv`] checks it, except that duplicate
    /// family ids are not looked for (that needs every id in memory).
    pub fn read_csv(reader: impl Read, file: &str, catalogue: &StateCatalogue) -> Result<Caseload> {
        let mut sink = Sink::new(catalogue)?;
        super::stream_families(reader, file, catalogue, |line, row| {
            sink.add(file, line, row)
        })?;
        Ok(sink.finish())
    }

    /// [`Caseload::read_csv`] on `threads` threads: the table is cut into
    /// pieces of whole rows, each piece is tallied on its own thread, and
    /// the tallies are merged, so the caseload is the same, and so is the
    /// error (the first in the file, at its line). Memory stays bounded:
    /// a few pieces of 4 MB are in flight at once, however long the file.
    ///
    /// `threads` of 0 or 1 reads on the calling thread. A table shorter than
    /// one piece, or one with a quoted field (whose quotes could hide a line
    /// break), is read on the calling thread from there on.
    ///
    /// ```
    /// use froi::caseload::Caseload;
    /// let states = froi::nelc_2020::states()?;
    /// let csv = std::fs::read("data/nelc_2020/families.csv").unwrap();
    /// let one = Caseload::read_csv(csv.as_slice(), "families.csv", &states)?;
    /// let two = Caseload::read_csv_on(csv.as_slice(), "families.csv", &states, 2)?;
    /// assert_eq!(one, two);
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn read_csv_on(
        reader: impl Read,
        file: &str,
        catalogue: &StateCatalogue,
        threads: usize,
    ) -> Result<Caseload> {
        super::split::read(reader, file, catalogue, threads, super::split::PIECE)
    }

    /// [`Caseload::read_csv_on`] with pieces of about `piece_bytes` bytes
    /// (4 MB there): smaller pieces spread a short table over the threads,
    /// larger ones cost fewer hand-overs. The result is the same for any
    /// size; a size of 0 is taken as 1.
    pub fn read_csv_in_pieces(
        reader: impl Read,
        file: &str,
        catalogue: &StateCatalogue,
        threads: usize,
        piece_bytes: usize,
    ) -> Result<Caseload> {
        super::split::read(reader, file, catalogue, threads, piece_bytes.max(1))
    }

    /// Read a family table file into a caseload on every core this process
    /// may use ([`Caseload::read_csv_on`] with
    /// [`std::thread::available_parallelism`], which honours a CPU affinity
    /// mask such as `taskset`'s). The result is the same on any number of
    /// cores.
    pub fn read_file(
        path: impl AsRef<std::path::Path>,
        catalogue: &StateCatalogue,
    ) -> Result<Caseload> {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let (file, name) = super::open_file(path.as_ref())?;
        Caseload::read_csv_on(file, &name, catalogue, threads)
    }

    /// Read several family tables (one per authority, say) and merge them.
    /// With the `parallel` feature the files are read on all cores; the
    /// result is the same either way.
    pub fn read_files<P: AsRef<std::path::Path> + Sync>(
        paths: &[P],
        catalogue: &StateCatalogue,
    ) -> Result<Caseload> {
        let read = |p: &P| {
            let (file, name) = super::open_file(p.as_ref())?;
            Caseload::read_csv(file, &name, catalogue)
        };
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
