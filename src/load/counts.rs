//! A table of counts: a caseload reduced elsewhere, by a `GROUP BY` in any
//! engine, read as CSV with columns `cohort,entry,exit,follow_up,families,
//! children,sessions`.

use std::path::Path;

use super::tables::{Table, relocate};
use crate::caseload::{Caseload, CountRow};
use crate::error::{Error, Result};
use crate::states::StateCatalogue;

/// The columns of a table of counts.
const COLUMNS: [&str; 7] = [
    "cohort",
    "entry",
    "exit",
    "follow_up",
    "families",
    "children",
    "sessions",
];

/// Read a table of counts from CSV text (one row per cohort and entry, exit
/// and follow-up state, as [`CountRow`] says), its states read by
/// `catalogue`; `file` names it in errors, with the line of a bad row.
///
/// ```
/// let states = froi::nelc_2020::states()?;
/// let csv = "cohort,entry,exit,follow_up,families,children,sessions\n\
///            1,CIN,CLOSED,CLOSED,2,3,2\n\
///            1,CPP,CIN,CIN,1,2,1\n";
/// let caseload = froi::load::counts_from_csv(csv, "counts.csv", &states)?;
/// assert_eq!(caseload.counts().len(), 2);
/// let bad = "cohort,entry,exit,follow_up,families,children,sessions\n1,CIN,CLOSED,CLOSED,2,1,2\n";
/// assert_eq!(
///     froi::load::counts_from_csv(bad, "counts.csv", &states).unwrap_err().to_string(),
///     "counts.csv, line 2, field `children`: 1 is out of range: 2 families have 1 to 1000 \
///      children each, so 2 to 2000 in all"
/// );
/// # Ok::<(), froi::Error>(())
/// ```
pub fn counts_from_csv(text: &str, file: &str, catalogue: &StateCatalogue) -> Result<Caseload> {
    let table = Table::parse(text, file, &COLUMNS)?;
    let mut caseload = Caseload::new(catalogue)?;
    for (line, record) in &table.rows {
        let whole = |column: &str| -> Result<u64> {
            let text = table.get(record, column);
            text.parse().map_err(|_| Error::OutOfRange {
                at: table.loc(*line, column),
                value: text.to_string(),
                field_rule: "a count is a whole number in digits".into(),
            })
        };
        let cohort = whole("cohort")?;
        let row = CountRow {
            cohort: u32::try_from(cohort).map_err(|_| Error::OutOfRange {
                at: table.loc(*line, "cohort"),
                value: cohort.to_string(),
                field_rule: format!("a cohort number is at most {}", u32::MAX),
            })?,
            entry: table.get(record, "entry").to_string(),
            exit: table.get(record, "exit").to_string(),
            follow_up: table.get(record, "follow_up").to_string(),
            families: whole("families")?,
            children: whole("children")?,
            sessions: whole("sessions")?,
        };
        caseload.add_counts(catalogue, &row).map_err(|e| {
            let field = e
                .location()
                .and_then(|at| at.field.as_deref())
                .unwrap_or("")
                .to_string();
            relocate(e, table.loc(*line, &field))
        })?;
    }
    Ok(caseload)
}

/// Read a table of counts from a file (see [`counts_from_csv`]).
pub fn read_counts(path: impl AsRef<Path>, catalogue: &StateCatalogue) -> Result<Caseload> {
    let path = path.as_ref();
    let text = super::read_text(path)?;
    counts_from_csv(&text, &path.display().to_string(), catalogue)
}
