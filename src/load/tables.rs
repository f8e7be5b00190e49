//! CSV tables: families, unit values, staff inputs.

use std::collections::HashMap;

use csv::StringRecord;

use crate::benefits::{Period, UnitValue, ValueKind, ValueRange};
use crate::costs::StaffInput;
use crate::error::{Error, Location, Result};
use crate::money::{HourlyRate, Hours, parse_decimal};
use crate::provenance::Source;
use crate::states::{State, StateCatalogue, StateDef};
use crate::valuation::RealGrowth;

/// A CSV table with its header, read whole: the one CSV reader of the crate.
pub(crate) struct Table {
    pub(crate) at: Location,
    columns: HashMap<String, usize>,
    pub(crate) rows: Vec<(u64, StringRecord)>,
}

impl Table {
    pub(crate) fn parse(text: &str, file: &str, required: &[&str]) -> Result<Table> {
        let at = Location::file(file);
        let mut reader = csv_builder()
            .trim(csv::Trim::All)
            .from_reader(LineFeeds::new(text.as_bytes()));
        let syntax = |e: csv::Error, at: &Location| {
            let line = e.position().map(|p| p.line());
            Error::Syntax {
                at: Location { line, ..at.clone() },
                format: "CSV",
                message: e.to_string(),
            }
        };
        let header = reader.headers().map_err(|e| syntax(e, &at))?.clone();
        refuse_repeated_columns(&header, &at)?;
        let columns: HashMap<String, usize> = header
            .iter()
            .enumerate()
            .map(|(i, name)| (name.to_string(), i))
            .collect();
        for name in required {
            if !columns.contains_key(*name) {
                return Err(Error::Missing {
                    at: at.at_line(1).at_field(*name),
                    what: "column",
                });
            }
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| syntax(e, &at))?;
            let line = record.position().map_or(0, |p| p.line());
            if is_blank(record.len(), record.get(0).map(str::as_bytes)) {
                continue;
            }
            check_width(record.len(), header.len(), || at.at_line(line))?;
            rows.push((line, record));
        }
        Ok(Table { at, columns, rows })
    }

    /// The text of `column` in `record`; empty when the column is absent.
    pub(crate) fn get<'r>(&self, record: &'r StringRecord, column: &str) -> &'r str {
        self.columns
            .get(column)
            .and_then(|&i| record.get(i))
            .unwrap_or("")
    }

    pub(crate) fn loc(&self, line: u64, column: &str) -> Location {
        self.at.at_line(line).at_field(column)
    }

    pub(crate) fn decimal(
        &self,
        line: u64,
        record: &StringRecord,
        column: &str,
    ) -> Result<rust_decimal::Decimal> {
        parse_decimal(self.get(record, column), &self.loc(line, column))
    }

    /// A row's source: its `source` column as the location, and its
    /// `document` column where the table has one (else the file itself).
    pub(crate) fn source(&self, record: &StringRecord) -> Source {
        Source {
            document: if self.has("document") {
                self.get(record, "document").to_string()
            } else {
                self.at.file.as_deref().unwrap_or("").to_string()
            },
            location: self.get(record, "source").to_string(),
        }
    }

    /// Whether the header has `column`.
    pub(crate) fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    fn non_empty(&self, line: u64, record: &StringRecord, column: &str) -> Result<String> {
        let text = self.get(record, column);
        if text.is_empty() {
            return Err(Error::Missing {
                at: self.loc(line, column),
                what: "value",
            });
        }
        Ok(text.to_string())
    }
}

/// Read staff inputs from CSV text with columns `role,hours,hourly_rate` and an
/// optional `source`; `file` names it in errors and provenance.
pub fn staff_inputs_from_csv(text: &str, file: &str) -> Result<Vec<StaffInput>> {
    let table = Table::parse(text, file, &["role", "hours", "hourly_rate"])?;
    table
        .rows
        .iter()
        .map(|(line, record)| {
            let line = *line;
            let hours = table.decimal(line, record, "hours")?;
            let rate = table.decimal(line, record, "hourly_rate")?;
            Ok(StaffInput {
                role: table.non_empty(line, record, "role")?,
                hours: Hours::new(hours).map_err(|e| relocate(e, table.loc(line, "hours")))?,
                rate: HourlyRate::new(rate)
                    .map_err(|e| relocate(e, table.loc(line, "hourly_rate")))?,
                source: table.source(record),
            })
        })
        .collect()
}

/// Read a state catalogue from CSV text with columns `id` and optional
/// `label,aliases,rank,closed,source` (aliases separated by `;`); `noun` is
/// what one state is called in messages, `file` names it in errors.
///
/// ```
/// let csv = "id,label,aliases,rank,closed\n\
///            EET,in education or work,,0,true\n\
///            NEET,not in education or work,not in EET;NEET 16-18,1,false\n";
/// let states = froi::load::states_from_csv(csv, "states.csv", "state")?;
/// assert_eq!(states.id(states.state("neet 16-18")?), "NEET");
/// # Ok::<(), froi::Error>(())
/// ```
pub fn states_from_csv(text: &str, file: &str, noun: &str) -> Result<StateCatalogue> {
    let table = Table::parse(text, file, &["id"])?;
    let mut defs = Vec::with_capacity(table.rows.len());
    for (line, record) in &table.rows {
        let line = *line;
        let mut def = StateDef::new(table.non_empty(line, record, "id")?);
        let label = table.get(record, "label");
        if !label.is_empty() {
            def.label = label.to_string();
        }
        def.aliases = table
            .get(record, "aliases")
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect();
        let rank = table.get(record, "rank");
        if !rank.is_empty() {
            def.rank = Some(rank.parse().map_err(|_| Error::OutOfRange {
                at: table.loc(line, "rank"),
                value: format!("{rank:?}"),
                field_rule: "a rank is a whole number, 0 or more (higher is more intensive)".into(),
            })?);
        }
        def.closed = boolean(&table, line, record, "closed")?.unwrap_or(false);
        defs.push(def);
    }
    if defs.is_empty() {
        return Err(Error::Missing {
            at: table.at.at_line(2),
            what: "state rows (the table has a header only)",
        });
    }
    let lines: Vec<u64> = table.rows.iter().map(|(l, _)| *l).collect();
    StateCatalogue::new_at(noun, defs, &table.at, |i| lines.get(i).copied())
}

/// `true`/`yes`, `false`/`no`, or empty (`None`), in any case.
fn boolean(table: &Table, line: u64, record: &StringRecord, column: &str) -> Result<Option<bool>> {
    match table.get(record, column).to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "true" | "yes" => Ok(Some(true)),
        "false" | "no" => Ok(Some(false)),
        other => Err(unknown(table, line, column, other, "true, false, or empty")),
    }
}

/// Read a unit-value catalogue from CSV text with columns
/// `id,description,amount,period` and optional `state` (or `status`), `code`,
/// `price_year,agency,kind,cashable,source,note`; a `state` names one of
/// `states`. `file` names it in errors and provenance.
pub fn unit_values_from_csv(
    text: &str,
    file: &str,
    states: &StateCatalogue,
) -> Result<Vec<UnitValue>> {
    let table = Table::parse(text, file, &["id", "description", "amount", "period"])?;
    let state_column = if table.has("state") {
        "state"
    } else {
        "status"
    };
    let mut ids: HashMap<&str, u64> = HashMap::new();
    table
        .rows
        .iter()
        .map(|(line, record)| {
            let line = *line;
            let id = table.get(record, "id");
            if let Some(first) = ids.insert(id, line) {
                return Err(Error::OutOfRange {
                    at: table.loc(line, "id"),
                    value: format!("{id:?}"),
                    field_rule: format!(
                        "a unit value's id is unique, and {id:?} is also at line {first}"
                    ),
                });
            }
            let state_text = table.get(record, state_column);
            let state: Option<State> = if state_text.is_empty() {
                None
            } else {
                Some(states.state_at(state_text, &table.loc(line, state_column))?)
            };
            let period_text = table.non_empty(line, record, "period")?;
            let period_text = period_text.as_str();
            let period = Period::parse(period_text)
                .ok_or_else(|| unknown(&table, line, "period", period_text, Period::WORDS))?;
            let kind = match table.get(record, "kind").to_ascii_lowercase().as_str() {
                "" | "fiscal" => ValueKind::Fiscal,
                "economic" => ValueKind::Economic,
                "social" => ValueKind::Social,
                other => {
                    return Err(unknown(
                        &table,
                        line,
                        "kind",
                        other,
                        "fiscal, economic, social",
                    ));
                }
            };
            let cashable = boolean(&table, line, record, "cashable")?;
            let price_year =
                Some(table.get(record, "price_year").to_string()).filter(|s| !s.is_empty());
            Ok(UnitValue {
                id: table.non_empty(line, record, "id")?,
                code: Some(table.get(record, "code").to_string()).filter(|c| !c.is_empty()),
                description: table.get(record, "description").to_string(),
                state,
                amount: table.decimal(line, record, "amount")?,
                period,
                price_year,
                agency: table.get(record, "agency").to_string(),
                kind,
                cashable,
                source: table.source(record),
                note: table.get(record, "note").to_string(),
                range: value_range(&table, line, record)?,
                vintage: Some(table.get(record, "vintage").to_string()).filter(|s| !s.is_empty()),
                real_growth: real_growth(&table, line, record)?,
            })
        })
        .collect()
}

/// A value's `low` and `high` columns: both or neither, low not above high.
fn value_range(table: &Table, line: u64, record: &StringRecord) -> Result<Option<ValueRange>> {
    match (table.get(record, "low"), table.get(record, "high")) {
        ("", "") => Ok(None),
        ("", _) | (_, "") => Err(Error::Missing {
            at: table.loc(
                line,
                if table.get(record, "low").is_empty() {
                    "low"
                } else {
                    "high"
                },
            ),
            what: "value (a range gives both `low` and `high`)",
        }),
        _ => {
            let (low, high) = (
                table.decimal(line, record, "low")?,
                table.decimal(line, record, "high")?,
            );
            ValueRange::new(low, high)
                .map(Some)
                .map_err(|e| e.map_location(|_| table.loc(line, "low")))
        }
    }
}

/// A value's `real_growth` column, where it has one: above -100% a year.
fn real_growth(table: &Table, line: u64, record: &StringRecord) -> Result<Option<RealGrowth>> {
    if table.get(record, "real_growth").is_empty() {
        return Ok(None);
    }
    let rate = table.decimal(line, record, "real_growth")?;
    RealGrowth::new(rate)
        .map(Some)
        .map_err(|e| e.map_location(|_| table.loc(line, "real_growth")))
}

fn unknown(table: &Table, line: u64, column: &str, value: &str, expected: &str) -> Error {
    Error::Unknown {
        at: table.loc(line, column),
        what: "value".into(),
        value: value.to_string(),
        expected: expected.to_string(),
    }
}

/// The `source` of the first row that gives one (tables state their source once).
pub(crate) fn first_source(table: &Table) -> String {
    table
        .rows
        .iter()
        .map(|(_, r)| table.get(r, "source"))
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_string()
}

/// A header that names a column twice is refused: which copy a reader
/// takes would be a guess.
/// The CSV settings of every table froi reads. Input reaches the parser
/// through [`LineFeeds`], so every line ends with a line feed. Rows may be
/// ragged as far as the parser goes: [`check_width`] says so in froi's words.
pub(crate) fn csv_builder() -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.flexible(true);
    b
}

/// A reader that ends every line with a line feed: CRLF becomes LF and a
/// carriage return alone (the classic Mac OS ending) becomes LF. Every CSV
/// table is read through it (the family table's pieces once, before they
/// are cut). The `csv`
/// crate reads all three, but counts a CRLF file's lines one behind
/// (BurntSushi/rust-csv#395) and a CR file's not at all; after this, line
/// numbers in errors are right whatever the ending, and a table can be cut
/// into pieces at line feeds. A file with none of them passes through after
/// one scan for `\r`.
pub(crate) struct LineFeeds<R> {
    inner: R,
    /// The last byte handed on was a carriage return (now a line feed):
    /// a line feed that follows it is the rest of a CRLF and is dropped.
    after_cr: bool,
}

impl<R: std::io::Read> LineFeeds<R> {
    pub(crate) fn new(inner: R) -> LineFeeds<R> {
        LineFeeds {
            inner,
            after_cr: false,
        }
    }
}

impl<R: std::io::Read> std::io::Read for LineFeeds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            let Some(got) = buf.get_mut(..n) else {
                return Ok(0);
            };
            if n == 0 {
                return Ok(0);
            }
            let first_lf = got.first() == Some(&b'\n');
            if memchr::memchr(b'\r', got).is_none() && !(self.after_cr && first_lf) {
                self.after_cr = false;
                return Ok(n);
            }
            let mut kept = 0;
            for i in 0..n {
                let b = got.get(i).copied().unwrap_or(b'\n');
                let out = match b {
                    b'\r' => Some(b'\n'),
                    b'\n' if self.after_cr => None,
                    other => Some(other),
                };
                self.after_cr = b == b'\r';
                if let (Some(o), Some(slot)) = (out, got.get_mut(kept)) {
                    *slot = o;
                    kept += 1;
                }
            }
            // Only a dropped line feed: read on rather than report the end.
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// A blank line (one field, empty once trimmed, such as the `\r` of a CRLF
/// blank line): skipped, as the parser skips an empty one.
pub(crate) fn is_blank(fields: usize, first: Option<&[u8]>) -> bool {
    fields == 1 && first.is_some_and(|f| f.trim_ascii().is_empty())
}

/// A row must have as many fields as the header. The location is built
/// only on the error path: it allocates, and a caseload has millions of rows.
pub(crate) fn check_width(
    fields: usize,
    header: usize,
    at: impl FnOnce() -> Location,
) -> Result<()> {
    if fields == header {
        return Ok(());
    }
    Err(Error::Syntax {
        at: at(),
        format: "CSV",
        message: format!("the row has {fields} fields; the header has {header}"),
    })
}

/// A header's columns must each be named once.
pub(crate) fn refuse_repeated_columns(header: &StringRecord, at: &Location) -> Result<()> {
    // Each name's first and second column, in one pass (a header may have
    // hundreds of thousands of columns); the name reported is the first
    // that repeats, with its next column.
    let mut seen: HashMap<&str, (usize, Option<usize>)> = HashMap::new();
    for (i, name) in header.iter().map(str::trim).enumerate() {
        seen.entry(name)
            .and_modify(|(_, second)| {
                second.get_or_insert(i);
            })
            .or_insert((i, None));
    }
    let repeated = seen
        .into_iter()
        .filter_map(|(name, (first, second))| Some((first, second?, name)))
        .min();
    if let Some((i, j, name)) = repeated {
        return Err(Error::OutOfRange {
            at: at.at_line(1).at_field(name),
            value: format!("{name:?}"),
            field_rule: format!(
                "a column is named once, and this one heads columns {} and {}",
                i + 1,
                j + 1
            ),
        });
    }
    Ok(())
}

/// Put a file location on an error raised by a constructor that knew only the field.
pub(crate) fn relocate(error: Error, at: Location) -> Error {
    error.map_location(|_| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeated(names: &[&str]) -> Option<String> {
        let header = StringRecord::from(names.to_vec());
        refuse_repeated_columns(&header, &Location::file("t.csv"))
            .err()
            .map(|e| e.to_string())
    }

    #[test]
    fn the_first_column_that_repeats_is_named_with_its_next() {
        assert_eq!(
            repeated(&["a", "b", "b", "a", "a"]).as_deref(),
            Some(
                "t.csv, line 1, field `a`: \"a\" is out of range: a column is named once, \
                 and this one heads columns 1 and 4"
            )
        );
        assert_eq!(repeated(&["a", "b", " c"]), None);
    }

    #[test]
    fn a_header_of_400000_columns_is_checked_in_one_pass() {
        let mut names: Vec<String> = (0..400_000).map(|i| format!("c{i}")).collect();
        names.push("c7".into());
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let e = repeated(&names).unwrap_or_default();
        assert!(e.ends_with("heads columns 8 and 400001"), "{e}");
    }
}
