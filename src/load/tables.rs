//! CSV tables: families, unit values, staff inputs.

use std::collections::HashMap;
use std::path::Path;

use csv::StringRecord;

use crate::benefits::{Period, UnitValue, ValueKind};
use crate::cohorts::{Family, PublishedFigures, YearMonth};
use crate::costs::StaffInput;
use crate::error::{Error, Location, Result};
use crate::money::{HourlyRate, Hours, Money, Ratio, parse_decimal};
use crate::provenance::Source;
use crate::statuses::CareStatus;

/// A CSV table with its header, read whole: the one CSV reader of the crate.
pub(crate) struct Table {
    pub(crate) at: Location,
    columns: HashMap<String, usize>,
    pub(crate) rows: Vec<(u64, StringRecord)>,
}

impl Table {
    pub(crate) fn parse(text: &str, file: &str, required: &[&str]) -> Result<Table> {
        let at = Location::file(file);
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let syntax = |e: csv::Error, at: &Location| {
            let line = e.position().map(|p| p.line());
            Error::Syntax {
                at: Location { line, ..at.clone() },
                format: "CSV",
                message: e.to_string(),
            }
        };
        let header = reader.headers().map_err(|e| syntax(e, &at))?.clone();
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

    fn optional_decimal(
        &self,
        line: u64,
        record: &StringRecord,
        column: &str,
    ) -> Result<Option<rust_decimal::Decimal>> {
        let text = self.get(record, column);
        if text.is_empty() {
            return Ok(None);
        }
        parse_decimal(text, &self.loc(line, column)).map(Some)
    }

    /// A whole number of at least `min`.
    fn count(
        &self,
        line: u64,
        record: &StringRecord,
        column: &str,
        rule: &str,
        min: u32,
    ) -> Result<u32> {
        let text = self.get(record, column);
        let out_of_range = || Error::OutOfRange {
            at: self.loc(line, column),
            value: format!("{text:?}"),
            field_rule: rule.to_string(),
        };
        let n: u32 = text.parse().map_err(|_| out_of_range())?;
        if n < min {
            return Err(out_of_range());
        }
        Ok(n)
    }

    fn status(&self, line: u64, record: &StringRecord, column: &str) -> Result<CareStatus> {
        CareStatus::parse_at(self.get(record, column), &self.loc(line, column))
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

const FAMILY_COLUMNS: [&str; 8] = [
    "cohort",
    "family",
    "children",
    "entry_status",
    "exit_status",
    "followup_status",
    "sessions",
    "exit_month",
];

/// Read a family table from CSV text; `file` names it in errors.
///
/// The header must include `cohort,family,children,entry_status,exit_status,
/// followup_status,sessions,exit_month` in any order; `exit_month` may be empty.
/// Optional columns `published_cost`, `published_benefit` and `published_froi`
/// carry a publication's figures for comparison, and `source` says where the
/// row comes from; other columns are ignored.
///
/// ```
/// let csv = "cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month\n\
///            1,1,2,CIN,CIN,CLOSED,1,2016-02\n";
/// let families = froi::load::families_from_csv(csv, "example.csv").unwrap();
/// assert_eq!(families[0].children(), 2);
///
/// let bad = csv.replace("CLOSED", "ADOPTED");
/// let err = froi::load::families_from_csv(&bad, "example.csv").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "example.csv, line 2, field `followup_status`: unknown care status \"ADOPTED\"; \
///      expected one of CLOSED, CIN, CP (or CPP), KINSHIP (or KIN), LAC (or FOSTER), in any case"
/// );
/// ```
pub fn families_from_csv(text: &str, file: &str) -> Result<Vec<Family>> {
    let table = Table::parse(text, file, &FAMILY_COLUMNS)?;
    let mut seen: HashMap<(u32, String), u64> = HashMap::new();
    let mut families = Vec::with_capacity(table.rows.len());
    for (line, record) in &table.rows {
        let line = *line;
        let cohort = table.count(line, record, "cohort", "a cohort is a whole number", 0)?;
        let id = table.non_empty(line, record, "family")?;
        let children = table.count(
            line,
            record,
            "children",
            "a family has a whole number of children, at least 1",
            1,
        )?;
        let sessions = table.count(
            line,
            record,
            "sessions",
            "a family had a whole number of sessions, at least 1",
            1,
        )?;
        let statuses = [
            table.status(line, record, "entry_status")?,
            table.status(line, record, "exit_status")?,
            table.status(line, record, "followup_status")?,
        ];
        let mut family = Family::new_at(
            cohort,
            id.clone(),
            children,
            sessions,
            statuses,
            &table.at.at_line(line),
        )?;
        let month = table.get(record, "exit_month");
        if !month.is_empty() {
            family =
                family.with_exit_month(YearMonth::parse_at(month, &table.loc(line, "exit_month"))?);
        }
        let published = PublishedFigures {
            cost: table
                .optional_decimal(line, record, "published_cost")?
                .map(Money::new),
            benefit: table
                .optional_decimal(line, record, "published_benefit")?
                .map(Money::new),
            ratio: table
                .optional_decimal(line, record, "published_froi")?
                .map(Ratio::new),
        };
        if let Some(first_line) = seen.insert((cohort, id.clone()), line) {
            return Err(Error::DuplicateFamily {
                at: table.loc(line, "family"),
                cohort,
                family: id,
                first_line,
            });
        }
        families.push(
            family
                .with_published(published)
                .with_source(table.get(record, "source")),
        );
    }
    Ok(families)
}

/// Read a family table from a CSV file.
pub fn read_families(path: impl AsRef<Path>) -> Result<Vec<Family>> {
    let path = path.as_ref();
    families_from_csv(&super::read_text(path)?, &path.display().to_string())
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
                source: Source {
                    document: file.to_string(),
                    location: table.get(record, "source").to_string(),
                },
            })
        })
        .collect()
}

/// Read a unit-value catalogue from CSV text with columns
/// `id,status,description,amount,period` and optional `price_year,agency,kind,
/// cashable,source,note`; `file` names it in errors and provenance.
pub fn unit_values_from_csv(text: &str, file: &str) -> Result<Vec<UnitValue>> {
    let table = Table::parse(
        text,
        file,
        &["id", "status", "description", "amount", "period"],
    )?;
    table
        .rows
        .iter()
        .map(|(line, record)| {
            let line = *line;
            let status_text = table.get(record, "status");
            let status = if status_text.is_empty() {
                None
            } else {
                Some(table.status(line, record, "status")?)
            };
            let period = match table.get(record, "period").to_ascii_lowercase().as_str() {
                "week" => Period::Week,
                "year" => Period::Year,
                "episode" => Period::Episode,
                other => {
                    return Err(unknown(
                        &table,
                        line,
                        "period",
                        other,
                        "week, year, episode",
                    ));
                }
            };
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
            let cashable = match table.get(record, "cashable").to_ascii_lowercase().as_str() {
                "" => None,
                "true" | "yes" => Some(true),
                "false" | "no" => Some(false),
                other => {
                    return Err(unknown(
                        &table,
                        line,
                        "cashable",
                        other,
                        "true, false, or empty",
                    ));
                }
            };
            let price_year =
                Some(table.get(record, "price_year").to_string()).filter(|s| !s.is_empty());
            Ok(UnitValue {
                id: table.non_empty(line, record, "id")?,
                description: table.get(record, "description").to_string(),
                status,
                amount: table.decimal(line, record, "amount")?,
                period,
                price_year,
                agency: table.get(record, "agency").to_string(),
                kind,
                cashable,
                source: Source {
                    document: file.to_string(),
                    location: table.get(record, "source").to_string(),
                },
                note: table.get(record, "note").to_string(),
            })
        })
        .collect()
}

fn unknown(table: &Table, line: u64, column: &str, value: &str, expected: &str) -> Error {
    Error::Unknown {
        at: table.loc(line, column),
        what: "value",
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

/// Put a file location on an error raised by a constructor that knew only the field.
pub(crate) fn relocate(error: Error, at: Location) -> Error {
    error.map_location(|_| at)
}
