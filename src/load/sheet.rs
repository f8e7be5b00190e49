//! Tables read from a spreadsheet (`.xlsx`, `.xlsm`, `.xls`, `.ods`; feature
//! `xlsx`, through calamine): the family table and the unit-value catalogue
//! with the same columns and the same checks as their CSV files. A sheet is
//! turned into CSV text cell by cell and read by the CSV reader, and every
//! error is moved from the CSV's line and column to the sheet's cell:
//! `families.xlsx, sheet Families, cell C14, field `children``. (The place,
//! sheet and cell included, is the location's file: a location stays three
//! fields, and an error stays small.)

use std::path::Path;

use calamine::{Data, Range, Reader, open_workbook_auto};
use rust_xlsxwriter::utility::row_col_to_cell;

use crate::benefits::UnitValue;
use crate::cohorts::Family;
use crate::error::{Error, Location, Result};
use crate::states::StateCatalogue;

/// A sheet as CSV text, with what is needed to name its cells.
struct Sheet {
    /// `families.xlsx, sheet Families`.
    place: String,
    csv: String,
    /// The header's names, in column order.
    header: Vec<String>,
    /// The sheet's row and column of the table's first cell (0-based).
    start: (u32, u32),
}

/// A cell's name, `C14`, from its 0-based row and column.
fn a1(row: u32, col: u32) -> String {
    row_col_to_cell(row, u16::try_from(col).unwrap_or(u16::MAX))
}

/// The cell of the table's row `line` (1 is the header) and column `field`.
fn cell(sheet: &Sheet, line: u64, field: Option<&str>) -> Option<String> {
    let col = field.and_then(|f| sheet.header.iter().position(|h| h == f))?;
    let col = sheet.start.1.checked_add(u32::try_from(col).ok()?)?;
    let row = u64::from(sheet.start.0) + line;
    Some(a1(u32::try_from(row.checked_sub(1)?).ok()?, col))
}

/// A cell's text as the CSV reader expects it; a value that has no text
/// form there (a formula error) is an error naming the cell.
fn text(data: &Data, place: &str, cell: impl Fn() -> String) -> Result<String> {
    Ok(match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // The shortest text that reads back as the same float: 113.9, 1295.
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        // A date where a number belongs fails as that number would, naming
        // the date; a month column reads its YYYY-MM.
        Data::DateTime(d) => {
            let (year, month, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            return Err(Error::Syntax {
                at: Location::file(format!("{place}, cell {}", cell())),
                format: "spreadsheet",
                message: format!("the cell holds a formula error ({e}), not a value"),
            });
        }
    })
}

/// The most a workbook may unpack to: its parts are read whole.
const MAX_UNPACKED: u64 = 512 << 20;

/// The most cells a sheet's table may span (rows x columns from its first
/// used cell to its last): the table is held as cells, about 32 bytes each.
/// A sheet holds at most 1,048,576 rows, so a family table of every row
/// and eight columns fits.
const MAX_CELLS: u64 = 10_000_000;

/// Refuse a zip-based workbook (.xlsx, .xlsm, .ods) that would unpack to
/// more than [`MAX_UNPACKED`] bytes, before anything is inflated; say what
/// a file that is no zip archive at all (an encrypted workbook) is.
fn check_archive(path: &Path, unreadable: &dyn Fn(String) -> Error) -> Result<()> {
    let lower = path.to_string_lossy().to_ascii_lowercase();
    if lower.ends_with(".xls") {
        return Ok(()); // the old binary format is no zip archive
    }
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(()); // the reader below names the file that cannot be read
    };
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|_| {
        unreadable(
            "the file is not a readable workbook (a password-protected workbook is \
             encrypted: save a copy without a password)"
                .into(),
        )
    })?;
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        let size = archive.by_index_raw(i).map_or(0, |entry| entry.size());
        unpacked = unpacked.saturating_add(size);
        if unpacked > MAX_UNPACKED {
            return Err(unreadable(format!(
                "the workbook unpacks to more than {} MiB, the most froi reads",
                MAX_UNPACKED >> 20
            )));
        }
    }
    Ok(())
}

/// Refuse an .xlsx sheet whose used cells span more than [`MAX_CELLS`],
/// counting from its cells one at a time before the table is built (a sheet
/// of two cells, A1 and XFD1048576, spans 17 billion).
fn check_span(
    book: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>,
    sheet: &str,
    unreadable: &dyn Fn(String) -> Error,
) -> Result<()> {
    let calamine::Sheets::Xlsx(x) = book else {
        return Ok(());
    };
    let mut cells = x
        .worksheet_cells_reader(sheet)
        .map_err(|e| unreadable(e.to_string()))?;
    let (mut low, mut high) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    while let Some(cell) = cells.next_cell().map_err(|e| unreadable(e.to_string()))? {
        let (r, c) = cell.get_position();
        low = (low.0.min(r), low.1.min(c));
        high = (high.0.max(r), high.1.max(c));
        let span = u64::from(high.0 - low.0 + 1).saturating_mul(u64::from(high.1 - low.1 + 1));
        if span > MAX_CELLS {
            return Err(unreadable(format!(
                "the sheet's cells span {}:{}, more than the {} cells froi reads",
                a1(low.0, low.1),
                a1(high.0, high.1),
                MAX_CELLS
            )));
        }
    }
    Ok(())
}

/// Read `sheet` (or the first) of the workbook at `path` as CSV text.
fn sheet(path: &Path, name: Option<&str>) -> Result<Sheet> {
    // The spreadsheet reader can stop on malformed XML with a panic (a cell
    // reference of more letters than a column number holds overflows in
    // calamine 0.38, found by the `family_sheet` fuzz target): froi's
    // readers return an error for every input, so a stop is one too.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_sheet(path, name)))
        .unwrap_or_else(|_| {
            Err(Error::Syntax {
                at: Location::file(path.display().to_string()),
                format: "spreadsheet",
                message: "the spreadsheet reader stopped on the workbook's XML (a cell reference \
                          too long for a column, say); open and save it again in a spreadsheet \
                          program"
                    .into(),
            })
        })
}

fn read_sheet(path: &Path, name: Option<&str>) -> Result<Sheet> {
    let file = path.display().to_string();
    let unreadable = |message: String| Error::Syntax {
        at: Location::file(file.clone()),
        format: "spreadsheet",
        message,
    };
    check_archive(path, &unreadable)?;
    let mut book = open_workbook_auto(path).map_err(|e| unreadable(e.to_string()))?;
    let names = book.sheet_names();
    let chosen = match name {
        Some(n) => names
            .iter()
            .find(|s| s.as_str() == n)
            .cloned()
            .ok_or_else(|| Error::Unknown {
                at: Location::file(file.clone()),
                what: "sheet".into(),
                value: n.to_string(),
                expected: names.join(", "),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| unreadable("the workbook has no sheet".into()))?,
    };
    let place = format!("{file}, sheet {chosen}");
    check_span(&mut book, &chosen, &unreadable)?;
    let range: Range<Data> = book
        .worksheet_range(&chosen)
        .map_err(|e| unreadable(e.to_string()))?;
    // Merged cells (read for .xlsx, where calamine reports them).
    if let calamine::Sheets::Xlsx(x) = &mut book
        && let Some(region) = x
            .merge_cells_by_sheet_name(&chosen)
            .ok()
            .and_then(|m| m.first().copied())
    {
        let at = |(r, c): (u32, u32)| a1(r, c);
        return Err(Error::Syntax {
            at: Location::file(format!("{place}, cell {}", at(region.start))),
            format: "spreadsheet",
            message: format!(
                "merged cells {}:{}; a table has one value in each cell",
                at(region.start),
                at(region.end)
            ),
        });
    }
    let start = range.start().unwrap_or((0, 0));
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let sheet_row = start.0 + u32::try_from(i).unwrap_or(u32::MAX);
        let mut fields = Vec::with_capacity(row.len());
        for (j, data) in row.iter().enumerate() {
            let col = start.1 + u32::try_from(j).unwrap_or(u32::MAX);
            fields.push(text(data, &place, || a1(sheet_row, col))?);
        }
        if i == 0 {
            header = fields.iter().map(|f| f.trim().to_string()).collect();
        }
        writer
            .write_record(&fields)
            .map_err(|e| unreadable(e.to_string()))?;
    }
    let csv = writer
        .into_inner()
        .map_err(|e| unreadable(e.to_string()))
        .and_then(|b| String::from_utf8(b).map_err(|e| unreadable(e.to_string())))?;
    Ok(Sheet {
        place,
        csv,
        header,
        start,
    })
}

/// An error of the CSV reader, moved to the sheet's cell.
fn relocate(sheet: &Sheet, e: Error) -> Error {
    e.map_location(|at| {
        match at.line.and_then(|l| cell(sheet, l, at.field.as_deref())) {
            Some(c) => Location {
                file: Some(format!("{}, cell {c}", sheet.place).into_boxed_str()),
                line: None,
                field: at.field,
            },
            // A row with no column named keeps its row, as a line.
            None => Location {
                file: Some(sheet.place.clone().into_boxed_str()),
                line: at.line.map(|l| l + u64::from(sheet.start.0)),
                field: at.field,
            },
        }
    })
}

/// The spreadsheet extensions a programme file may name a table by.
const EXTENSIONS: [&str; 4] = [".xlsx", ".xlsm", ".xls", ".ods"];

/// A table a scenario names in a workbook, `book.xlsx` (its first sheet) or
/// `book.xlsx#Sheet name`, as CSV text and its name, or `None` when the
/// name is not a workbook's. Errors then name the sheet, the row (as the
/// line) and the column (as the field).
pub(crate) fn named_sheet(folder: &Path, name: &str) -> Option<Result<(String, String)>> {
    let is_workbook = |file: &str| {
        let lower = file.to_ascii_lowercase();
        EXTENSIONS.iter().any(|e| lower.ends_with(e))
    };
    // The workbook is the name up to its extension; the sheet is all after
    // the `#` that follows it, `#` and all ("book.xlsx#Q1#draft").
    let split = name
        .match_indices('#')
        .map(|(i, _)| i)
        .find(|i| name.get(..*i).is_some_and(is_workbook));
    let (file, sheet) = match split {
        Some(i) => (name.get(..i)?, name.get(i + 1..)),
        None if is_workbook(name) => (name, None),
        None => return None,
    };
    Some(self::sheet(&folder.join(file), sheet).map(|s| {
        // Line 1 of the CSV is the table's first row on the sheet.
        let place = if s.start.0 == 0 {
            s.place
        } else {
            format!("{} (row {} is line 1)", s.place, s.start.0 + 1)
        };
        (s.csv, place)
    }))
}

/// Read a family table from a sheet of a workbook (`sheet`, or the first),
/// with the columns and checks of [`crate::load::families_from_csv`]; an
/// error names the sheet and the cell.
///
/// ```no_run
/// let states = froi::nelc_2020::states()?;
/// let families = froi::load::read_families_sheet("families.xlsx", Some("Families"), &states)?;
/// # Ok::<(), froi::Error>(())
/// ```
pub fn read_families_sheet(
    path: impl AsRef<Path>,
    sheet: Option<&str>,
    states: &StateCatalogue,
) -> Result<Vec<Family>> {
    let s = self::sheet(path.as_ref(), sheet)?;
    super::families_from_csv(&s.csv, &s.place, states).map_err(|e| relocate(&s, e))
}

/// Read a unit-value catalogue from a sheet of a workbook, with the columns
/// and checks of [`crate::load::unit_values_from_csv`].
pub fn read_unit_values_sheet(
    path: impl AsRef<Path>,
    sheet: Option<&str>,
    states: &StateCatalogue,
) -> Result<Vec<UnitValue>> {
    let s = self::sheet(path.as_ref(), sheet)?;
    super::unit_values_from_csv(&s.csv, &s.place, states).map_err(|e| relocate(&s, e))
}
