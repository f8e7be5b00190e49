//! The family table (the canonical CSV), read row by row so that a national
//! caseload never has to be in memory at once.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use csv::{ByteRecord, StringRecord};

use super::tables::LineFeeds;

use crate::cohorts::{Family, PublishedFigures, YearMonth};
use crate::error::{Error, Location, Result};
use crate::money::{Money, Ratio, parse_decimal};
use crate::states::{State, StateCatalogue};

/// The columns a family table must have, in the order the writer puts them.
pub(super) const REQUIRED: [&str; 8] = [
    "cohort",
    "family",
    "children",
    "entry_status",
    "exit_status",
    "followup_status",
    "sessions",
    "exit_month",
];

/// The optional columns, in the order the writer puts them after [`REQUIRED`].
pub(super) const OPTIONAL: [&str; 4] = [
    "published_cost",
    "published_benefit",
    "published_froi",
    "source",
];

/// One checked row of the family table, borrowing its text. The optional
/// columns (published figures, source) are read by [`FamilyRow::extras`],
/// which the tally calls only when the table has them: a row stays small.
pub(crate) struct FamilyRow<'r> {
    pub cohort: u32,
    /// The id's bytes, not yet checked as UTF-8 (a caseload tally never needs it).
    pub id: &'r [u8],
    pub children: u32,
    pub sessions: u32,
    pub statuses: [State; 3],
    pub exit_month: Option<YearMonth>,
    record: &'r ByteRecord,
    cols: &'r Columns,
    file: &'r str,
    line: u64,
}

impl<'r> FamilyRow<'r> {
    /// Whether the table has any optional column to check.
    pub fn has_extras(&self) -> bool {
        self.cols.published.iter().any(Option::is_some) || self.cols.source.is_some()
    }

    /// The published figures and the source, checked.
    pub fn extras(&self) -> Result<(PublishedFigures, &'r str)> {
        let (record, file, line) = (self.record, self.file, self.line);
        let at = |name: &str| Location::file(file).at_line(line).at_field(name);
        let decimal = |i: Option<usize>, name: &str| -> Result<Option<rust_decimal::Decimal>> {
            let Some(i) = i else { return Ok(None) };
            let text = field(record, i, || at(name))?;
            if text.is_empty() {
                return Ok(None);
            }
            parse_decimal(text, &at(name)).map(Some)
        };
        let [pc, pb, pf] = self.cols.published;
        let published = PublishedFigures {
            cost: decimal(pc, "published_cost")?.map(Money::new),
            benefit: decimal(pb, "published_benefit")?.map(Money::new),
            ratio: decimal(pf, "published_froi")?.map(Ratio::new),
        };
        let source = match self.cols.source {
            Some(i) => field(record, i, || at("source"))?,
            None => "",
        };
        Ok((published, source))
    }
}

/// Column positions, found once from the header.
pub(crate) struct Columns {
    /// Fields in the header: every row must have as many.
    width: usize,
    /// For each field of a row, its place in [`REQUIRED`] (`u8::MAX`: not
    /// required), so a row's required fields are found in one pass.
    slot_of: Vec<u8>,
    published: [Option<usize>; 3],
    source: Option<usize>,
}

impl Columns {
    fn from_header(header: &StringRecord, file: &str) -> Result<Columns> {
        let find = |name: &str| header.iter().position(|h| h == name);
        // A header with none of the columns is usually a file of another
        // shape: say which, rather than name the first missing column.
        let first = header.get(0).unwrap_or("");
        let shape = if header.iter().all(str::is_empty) {
            Some("the file is empty (a family table starts with its header line)")
        } else if header.len() == 1 && first.contains(';') {
            Some("the header is one field with semicolons: froi reads comma-separated CSV")
        } else if header.len() == 1 && first.contains('\t') {
            Some("the header is one field with tabs: froi reads comma-separated CSV")
        } else {
            None
        };
        if let (Some(why), None) = (shape, find("cohort")) {
            return Err(Error::Syntax {
                at: Location::file(file).at_line(1),
                format: "CSV",
                message: why.into(),
            });
        }
        let mut required = [0usize; 8];
        for (slot, name) in required.iter_mut().zip(REQUIRED) {
            *slot = find(name).ok_or_else(|| Error::Missing {
                at: Location::file(file).at_line(1).at_field(name),
                what: "column",
            })?;
        }
        let mut slot_of = vec![u8::MAX; header.len()];
        for (slot, column) in required.iter().enumerate() {
            if let (Some(s), Ok(k)) = (slot_of.get_mut(*column), u8::try_from(slot)) {
                *s = k;
            }
        }
        Ok(Columns {
            width: header.len(),
            slot_of,
            published: [find(OPTIONAL[0]), find(OPTIONAL[1]), find(OPTIONAL[2])],
            source: find(OPTIONAL[3]),
        })
    }
}

/// A field as text; a field that is not UTF-8 is a syntax error naming it.
fn field(record: &ByteRecord, index: usize, at: impl FnOnce() -> Location) -> Result<&str> {
    let bytes = record.get(index).unwrap_or(b"").trim_ascii();
    std::str::from_utf8(bytes).map_err(|e| Error::Syntax {
        at: at(),
        format: "CSV",
        message: format!("the field is not UTF-8 text: {e}"),
    })
}

/// A whole number from `min` to `max`, read from the (trimmed) field's bytes
/// directly.
#[inline]
fn count(
    bytes: &[u8],
    rule: &str,
    (min, max): (u32, u32),
    at: impl Fn() -> Location,
) -> Result<u32> {
    let mut n: u32 = 0;
    let mut ok = !bytes.is_empty();
    for b in bytes {
        let digit = b.checked_sub(b'0').filter(|d| *d <= 9);
        match digit.and_then(|d| n.checked_mul(10)?.checked_add(u32::from(d))) {
            Some(v) => n = v,
            None => {
                ok = false;
                break;
            }
        }
    }
    if ok && (min..=max).contains(&n) {
        return Ok(n);
    }
    not_a_count(bytes, rule, at())
}

/// Why a field is not a count: "-2" is a whole number out of range; "2.0",
/// "+2" and "two" are not whole numbers in digits at all.
#[cold]
fn not_a_count(bytes: &[u8], rule: &str, at: Location) -> Result<u32> {
    let digits = bytes.strip_prefix(b"-").unwrap_or(bytes);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(Error::NotWhole {
            at,
            value: format!("{:?}", String::from_utf8_lossy(bytes)),
            field_rule: rule.to_string(),
        });
    }
    Err(Error::OutOfRange {
        at,
        value: format!("{:?}", String::from_utf8_lossy(bytes)),
        field_rule: rule.to_string(),
    })
}

fn parse_row<'r>(
    cols: &'r Columns,
    states: &StateCatalogue,
    record: &'r ByteRecord,
    file: &'r str,
    line: u64,
) -> Result<FamilyRow<'r>> {
    // Locations are built only on the error path: they allocate.
    let at = |name: &str| Location::file(file).at_line(line).at_field(name);
    // The required fields, trimmed, found in one pass over the row.
    let mut required: [&[u8]; 8] = [b""; 8];
    for (field, slot) in record.iter().zip(&cols.slot_of) {
        if let Some(place) = required.get_mut(usize::from(*slot)) {
            *place = field.trim_ascii();
        }
    }
    let [
        cohort,
        id,
        children,
        entry,
        exit,
        follow,
        sessions,
        month_bytes,
    ] = required;
    if id.is_empty() {
        return Err(Error::Missing {
            at: at("family"),
            what: "value",
        });
    }
    let status = |bytes: &[u8], name: &str| -> Result<State> {
        states
            .lookup_bytes(bytes)
            .ok_or_else(|| states.unknown(&String::from_utf8_lossy(bytes), at(name)))
    };
    Ok(FamilyRow {
        cohort: count(cohort, "a cohort is a whole number", (0, u32::MAX), || {
            at("cohort")
        })?,
        id,
        children: count(
            children,
            Family::CHILDREN_RULE,
            (1, Family::MAX_CHILDREN),
            || at("children"),
        )?,
        sessions: count(
            sessions,
            Family::SESSIONS_RULE,
            (1, Family::MAX_SESSIONS),
            || at("sessions"),
        )?,
        statuses: [
            status(entry, "entry_status")?,
            status(exit, "exit_status")?,
            status(follow, "followup_status")?,
        ],
        exit_month: if month_bytes.is_empty() {
            None
        } else {
            Some(
                YearMonth::from_bytes(month_bytes).ok_or_else(|| Error::Unknown {
                    at: at("exit_month"),
                    what: "month".into(),
                    value: String::from_utf8_lossy(month_bytes).into_owned(),
                    expected: "YYYY-MM with a month from 01 to 12, e.g. 2016-02".into(),
                })?,
            )
        },
        record,
        cols,
        file,
        line,
    })
}

/// Read the family table row by row, calling `each` with the line and the
/// checked row. Nothing is kept between rows.
pub(crate) fn stream_families(
    reader: impl Read,
    file: &str,
    states: &StateCatalogue,
    each: impl FnMut(u64, &FamilyRow<'_>) -> Result<()>,
) -> Result<()> {
    let (mut csv, cols) = open_table(reader, file)?;
    stream_rows(&mut csv, &cols, file, states, 1, each)
}

/// A CSV reader of family-table rows, by the crate's one set of settings,
/// over text whose lines already end with a line feed ([`LineFeeds`]).
/// Rows may be ragged as far as the parser goes: [`stream_rows`] checks each
/// row's length against the header itself, so that a table read in pieces
/// reports a ragged row exactly as one read whole does.
pub(crate) fn csv_reader<R: Read>(reader: R, headers: bool) -> csv::Reader<R> {
    // Fields are trimmed one by one (`field`): the reader's own trimming
    // rebuilds every record and costs more than the rest of the parse.
    super::tables::csv_builder()
        .buffer_capacity(1 << 18)
        .has_headers(headers)
        .from_reader(reader)
}

/// Read the header of a family table: the reader positioned at its first
/// row, and the columns found.
pub(crate) fn open_table<R: Read>(
    reader: R,
    file: &str,
) -> Result<(csv::Reader<LineFeeds<R>>, Columns)> {
    let mut csv = csv_reader(LineFeeds::new(reader), true);
    let header = csv.headers().map_err(|e| syntax(e, file, 0))?.clone();
    let cols = header_columns(&header, file)?;
    Ok((csv, cols))
}

/// The columns of a header line.
pub(crate) fn header_columns(header: &StringRecord, file: &str) -> Result<Columns> {
    super::tables::refuse_repeated_columns(header, &Location::file(file))?;
    let header: StringRecord = header.iter().map(str::trim).collect();
    Columns::from_header(&header, file)
}

/// A CSV error as a syntax error at its line, `before` lines into the file.
fn syntax(e: csv::Error, file: &str, before: u64) -> Error {
    Error::Syntax {
        at: Location {
            line: e.position().map(|p| p.line() + before),
            ..Location::file(file)
        },
        format: "CSV",
        message: e.to_string(),
    }
}

/// Every row of `csv`, checked, to `each`; the reader's line 1 is the file's
/// line `first_line`.
pub(crate) fn stream_rows<R: Read>(
    csv: &mut csv::Reader<R>,
    cols: &Columns,
    file: &str,
    states: &StateCatalogue,
    first_line: u64,
    mut each: impl FnMut(u64, &FamilyRow<'_>) -> Result<()>,
) -> Result<()> {
    let before = first_line.saturating_sub(1);
    let mut record = ByteRecord::new();
    while csv
        .read_byte_record(&mut record)
        .map_err(|e| syntax(e, file, before))?
    {
        let line = record.position().map_or(0, |p| p.line()) + before;
        if super::tables::is_blank(record.len(), record.get(0)) {
            continue;
        }
        super::tables::check_width(record.len(), cols.width, || {
            Location::file(file).at_line(line)
        })?;
        let row = parse_row(cols, states, &record, file, line)?;
        each(line, &row)?;
    }
    Ok(())
}

/// Read a family table from CSV text; `file` names it in errors.
///
/// The header must include `cohort,family,children,entry_status,exit_status,
/// followup_status,sessions,exit_month` in any order; `exit_month` may be empty.
/// Optional columns `published_cost`, `published_benefit` and `published_froi`
/// carry a publication's figures for comparison, and `source` says where the
/// row comes from; other columns are ignored.
///
/// The status columns name states of `states`, by id or alias, in any case.
///
/// ```
/// let states = froi::nelc_2020::states()?;
/// let csv = "cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month\n\
///            1,1,2,CIN,CIN,CLOSED,1,2016-02\n";
/// let families = froi::load::families_from_csv(csv, "example.csv", &states)?;
/// assert_eq!(families[0].children(), 2);
///
/// let bad = csv.replace("CLOSED", "ADOPTED");
/// let err = froi::load::families_from_csv(&bad, "example.csv", &states).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "example.csv, line 2, field `followup_status`: unknown care status \"ADOPTED\"; \
///      expected one of CLOSED, CIN, CP (or CPP), KINSHIP (or KIN), LAC (or FOSTER), in any case"
/// );
/// # Ok::<(), froi::Error>(())
/// ```
pub fn families_from_csv(text: &str, file: &str, states: &StateCatalogue) -> Result<Vec<Family>> {
    families_from_reader(text.as_bytes(), file, states)
}

fn families_from_reader(
    reader: impl Read,
    file: &str,
    states: &StateCatalogue,
) -> Result<Vec<Family>> {
    let mut seen: HashMap<(u32, String), u64> = HashMap::new();
    let mut families = Vec::new();
    stream_families(reader, file, states, |line, row| {
        // Checked in the order one row's fields always are: the optional
        // columns before the family as a whole.
        let (published, source) = row.extras()?;
        let at = Location::file(file).at_line(line);
        let id = std::str::from_utf8(row.id).map_err(|e| Error::Syntax {
            at: at.at_field("family"),
            format: "CSV",
            message: format!("the field is not UTF-8 text: {e}"),
        })?;
        let mut family = Family::new_at(
            row.cohort,
            id,
            row.children,
            row.sessions,
            row.statuses,
            &at,
        )?;
        if let Some(month) = row.exit_month {
            family = family.with_exit_month(month);
        }
        if let Some(first_line) = seen.insert((row.cohort, id.to_string()), line) {
            return Err(Error::DuplicateFamily {
                at: at.at_field("family"),
                cohort: row.cohort,
                family: id.to_string(),
                first_line,
            });
        }
        families.push(family.with_published(published).with_source(source));
        Ok(())
    })?;
    Ok(families)
}

/// Read a family table from a CSV file, its states named in `states`.
pub fn read_families(path: impl AsRef<Path>, states: &StateCatalogue) -> Result<Vec<Family>> {
    // The CSV reader buffers for itself.
    let (file, name) = super::open_file(path.as_ref())?;
    families_from_reader(file, &name, states)
}
