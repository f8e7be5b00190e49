//! CSV tables: families, unit values, staff inputs.

use std::collections::HashMap;

use csv::StringRecord;

use crate::benefits::{Period, UnitValue, ValueKind};
use crate::costs::StaffInput;
use crate::error::{Error, Location, Result};
use crate::money::{HourlyRate, Hours, parse_decimal};
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

/// The first key that appears a second time, if any (grades, price years).
pub(crate) fn first_repeat<'a>(keys: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = std::collections::HashSet::new();
    keys.into_iter().find(|k| !seen.insert(*k))
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
