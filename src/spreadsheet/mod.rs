//! The appraisal as a live workbook: inputs in cells with their sources,
//! every computed figure a formula over them, froi's exact value beside each
//! formula (docs/DESIGN.md, "The workbook").
//!
//! Sheets: **Summary** (the annual ratios, and each rounded to the places a
//! publication prints), **Inputs** (rule, unit cost and staff lines, state
//! values, annual basis, deadweight scenarios), **Families** (each family's
//! states, values over the window, benefit by the rule, printed benefit,
//! counted benefit, cost, ratio), **Cohorts** (totals by `SUMIF`) and
//! **Annual** (the chain to the headline); for an appraisal over time,
//! **Over time** (present values, ratios, paybacks, splits by agency and
//! kind, the price base, outcome lines and each stream's inputs) and
//! **Years** (discount rates and factors, each stream's real and discounted
//! flow by year). A programme has the sheets of the parts it has: a
//! programme without a family table has Summary, Over time and Years.
//!
//! ```
//! let programme = froi::nelc_2020::programme_as_published()?;
//! let bytes = froi::spreadsheet::workbook(&programme)?;
//! assert_eq!(&bytes[..2], b"PK"); // an .xlsx is a zip archive
//! # Ok::<(), froi::Error>(())
//! ```

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::utility::{column_number_to_name, row_col_to_cell};
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

use crate::appraisal::appraise;
use crate::benefits::{Deterioration, OutcomePoint, Period};
use crate::budget::{BudgetView, YearStart, budget_view};
use crate::cohorts::{Family, FamilyResult};
use crate::costs::CostBasis;
use crate::error::{Error, Location, Result};
use crate::family_source::{BenefitBasis, FamilyAppraisal, FamilySource};
use crate::over_time::Programme;

#[cfg(feature = "audit")]
mod audit;
mod options;
mod over_time;
#[cfg(feature = "audit")]
mod printed;

#[cfg(feature = "audit")]
pub use audit::audit_workbook;
pub use options::options_workbook;
#[cfg(feature = "audit")]
pub use printed::printed_audit_workbook;

/// A workbook error, named.
fn x<T>(r: std::result::Result<T, XlsxError>) -> Result<T> {
    r.map_err(|e| Error::Workbook {
        at: Location::field("workbook"),
        message: e.to_string(),
    })
}

/// A decimal as the sheet's number (a float: the sheet computes in floats).
fn num(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

/// A formula with froi's value saved as its result, so that a reader that
/// does not recalculate on opening (LibreOffice by default, pandas, file
/// previews) shows the figure rather than 0; a spreadsheet that does
/// recalculate replaces it with its own.
pub(crate) fn formula(text: impl AsRef<str>, value: Decimal) -> Formula {
    Formula::new(text).set_result(num(value).to_string())
}

/// A formula whose saved result is text (an empty cell, a phrase).
pub(crate) fn formula_text(text: impl AsRef<str>, value: &str) -> Formula {
    Formula::new(text).set_result(value)
}

/// `Sheet!$C$7`, or `'Over time'!$C$7` for a name with a space.
fn abs(sheet: &str, row: u32, col: u16) -> String {
    format!(
        "{}!${}${}",
        quoted(sheet),
        column_number_to_name(col),
        row + 1
    )
}

/// A sheet's name as a formula writes it: quoted when it has a space.
fn quoted(sheet: &str) -> String {
    if sheet.contains(' ') {
        format!("'{sheet}'")
    } else {
        sheet.to_string()
    }
}

/// The formats a person expects: pounds, ratios, headers.
struct Formats {
    header: Format,
    money: Format,
    ratio: Format,
    /// A figure rounded to one place, shown to it (`4.0`).
    one_place: Format,
    input: Format,
    /// An input in pounds.
    input_money: Format,
    /// An input share: 15.00%.
    input_share: Format,
    /// A computed share.
    percent: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold(),
            money: Format::new().set_num_format("£#,##0.00"),
            ratio: Format::new().set_num_format("0.0000"),
            one_place: Format::new().set_num_format("0.0"),
            // Inputs are the cells an auditor may change: shaded.
            input: Format::new().set_background_color("#FFF2CC"),
            input_money: Format::new()
                .set_num_format("£#,##0.00")
                .set_background_color("#FFF2CC"),
            input_share: Format::new()
                .set_num_format("0.00%")
                .set_background_color("#FFF2CC"),
            percent: Format::new().set_num_format("0.00%"),
        }
    }
}

/// A row of column headings from column A, in bold.
fn heading(ws: &mut Worksheet, row: u32, names: &[&str], f: &Formats) -> Result<()> {
    for (col, name) in names.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        x(ws.write_string_with_format(row, col, *name, &f.header))?;
    }
    Ok(())
}

/// A sheet's first row of headings with its column widths, frozen, and the
/// sheet printed one page wide.
fn headers(ws: &mut Worksheet, f: &Formats, names: &[&str], widths: &[f64]) -> Result<()> {
    heading(ws, 0, names, f)?;
    for (col, width) in widths.iter().enumerate() {
        // Never narrower than its heading (bold, so a little wider).
        let head = names.get(col).map_or(0, |n| n.chars().count());
        let width = width.max(head as f64 * 1.1 + 1.0);
        x(ws.set_column_width(u16::try_from(col).unwrap_or(u16::MAX), width))?;
    }
    x(ws.set_freeze_panes(1, 0))?;
    print_wide(ws);
    Ok(())
}

/// Printed landscape, one page wide: a sheet's columns stay together.
fn print_wide(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
}

/// Where the inputs sheet put each input.
struct InputCells {
    unit_cost: String,
    /// The stated cost of a session, if the scenario states one (the
    /// audit's link for the unit cost).
    #[cfg_attr(not(feature = "audit"), allow(dead_code))]
    stated: Option<String>,
    /// The state table: first and last row, for lookups.
    states: (u32, u32),
    cases: Option<String>,
    service_cost: Option<String>,
    /// (name, deadweight cell).
    deadweight: Vec<(String, String)>,
}

/// The workbook of a programme's appraisal, as the bytes of an `.xlsx`
/// file: the sheets of its family source and of its appraisal over time,
/// each where it has one.
///
/// ```
/// use froi::prelude::*;
/// let programme = Programme::new(Horizon::new(3)?)
///     .named("A service")
///     .benefit(BenefitStream::new("costs avoided", Money::from_pounds(1000), 3)?)
///     .cost(CostStream::up_front("service", Money::from_pounds(2000)));
/// let bytes = froi::spreadsheet::workbook(&programme)?;
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), froi::Error>(())
/// ```
pub fn workbook(programme: &Programme) -> Result<Vec<u8>> {
    let (mut wb, _) = build(programme, None)?;
    x(wb.save_to_buffer())
}

/// The programme's workbook ([`workbook`]) with a Budget sheet: who pays
/// and who saves, agency by financial year from `start`
/// ([`crate::budget_view`]). What each agency pays and saves in a year sums
/// the Years sheet's real flows, so it follows a changed input; the split by
/// cashability and the payback years are froi's. A programme with nothing
/// over time has no budget view, and is refused, as is a budget view of
/// more than [`MAX_BUDGET_ROWS`] agency-years.
///
/// ```
/// let p = froi::load::read_programme("data/edge_of_care/scenario.toml")?.programme;
/// let start = froi::YearStart::april(2024)?;
/// let bytes = froi::spreadsheet::workbook_with_budget(&p, start)?;
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), froi::Error>(())
/// ```
pub fn workbook_with_budget(programme: &Programme, start: YearStart) -> Result<Vec<u8>> {
    let (mut wb, _) = build(programme, Some(start))?;
    x(wb.save_to_buffer())
}

/// Write a programme's workbook ([`workbook`]) to `path`.
pub fn save_workbook(programme: &Programme, path: impl AsRef<std::path::Path>) -> Result<()> {
    write(path.as_ref(), &workbook(programme)?)
}

/// Where the sheets put the figures an audit may point at.
#[cfg_attr(not(feature = "audit"), allow(dead_code))]
struct Cells {
    inputs: InputCells,
    /// The scenario's state table, in catalogue order from this row.
    first_state: u32,
    cohorts: Vec<(u32, u32)>,
    /// (deadweight scenario name, its row on the Annual sheet).
    annual: Vec<(String, u32)>,
}

/// The workbook, and where its family sheets put their figures (`None`
/// without a family source).
fn build(p: &Programme, budget: Option<YearStart>) -> Result<(Workbook, Option<Cells>)> {
    within_size(p)?;
    let a = appraise(p)?;
    let view = match budget {
        Some(start) => {
            let view = budget_view(p, a.present_values()?, start)?;
            within_budget_size(&view, p.horizon.years())?;
            Some(view)
        }
        None => None,
    };
    let mut wb = Workbook::new();
    let f = Formats::new();
    // Summary first, filled last (it refers to the others).
    x(wb.add_worksheet().set_name("Summary"))?;
    let (cells, ratios, service) = match (&p.family_source, &a.family_source) {
        (Some(s), Some(fa)) => {
            let (cells, ratios, service) = family_sheets(&mut wb, s, fa, &f)?;
            (Some(cells), ratios, service)
        }
        _ => (None, Vec::new(), None),
    };
    let over_time = match &a.over_time {
        Some(r) => {
            let more = over_time::More {
                weighted: a.weighted.as_ref(),
                metb: a.with_metb.as_ref(),
                budget: view.as_ref(),
            };
            Some(over_time::sheets(
                &mut wb,
                p,
                r,
                service.as_deref(),
                more,
                &f,
            )?)
        }
        None => None,
    };
    let summary = x(wb.worksheet_from_name("Summary"))?;
    summary_sheet(summary, &a.name, &ratios, over_time.as_ref(), &f)?;
    Ok((wb, cells))
}

/// The most stream-years a workbook holds: the Years sheet has a row of
/// real and one of discounted flows for each stream, a cell for each year,
/// each a formula, and the writer holds every cell until it saves. At the
/// bound, 250 streams over 1,000 years took 226 MB and 2.7 s to write
/// (measured 2026-12-06, release build); the 2,000 streams over 1,000 years
/// it refuses would take about 2 GB.
pub const MAX_STREAM_YEARS: u64 = 250_000;

/// The most agency-years a workbook's Budget sheet holds: each is a row of
/// fifteen cells, so this many rows are about as many cells as the Years
/// sheet at [`MAX_STREAM_YEARS`]. At the bound, 30 agencies over 1,000
/// years took 157 MB and 1.1 s with the rest of the workbook; 250 agencies
/// (250,000 agency-years) took 1.2 GB and 8.6 s before the bound (measured
/// 2026-12-07, release build).
pub const MAX_BUDGET_ROWS: u64 = 30_000;

/// Refuse, before any cell is written, a Budget sheet beyond
/// [`MAX_BUDGET_ROWS`].
fn within_budget_size(view: &BudgetView, years: u32) -> Result<()> {
    let rows = view.rows.len() as u64;
    if rows > MAX_BUDGET_ROWS {
        return Err(Error::OutOfRange {
            at: Location::field("--budget"),
            value: format!(
                "{} agencies over {years} years ({rows} agency-years)",
                view.agencies.len()
            ),
            field_rule: format!(
                "a workbook's Budget sheet holds at most {MAX_BUDGET_ROWS} agency-years: show \
                 the budget view without --xlsx (text, HTML, Markdown and JSON have it), or \
                 name fewer agencies or shorten the horizon"
            ),
        });
    }
    Ok(())
}

/// Refuse, before any cell is written, a programme whose workbook would be
/// beyond [`MAX_STREAM_YEARS`].
fn within_size(p: &Programme) -> Result<()> {
    let streams = (p.benefits.len() + p.outcomes.len() + p.costs.len()) as u64;
    let stream_years = p.stream_years();
    if stream_years > MAX_STREAM_YEARS {
        return Err(Error::OutOfRange {
            at: Location::field("--xlsx"),
            value: format!(
                "{streams} streams over {} years ({stream_years} stream-years)",
                p.horizon.years()
            ),
            field_rule: format!(
                "a workbook holds at most {MAX_STREAM_YEARS} stream-years of formulas (about a quarter \
                 of a gigabyte to write): appraise without the workbook, or shorten the \
                 horizon or merge streams"
            ),
        });
    }
    Ok(())
}

/// The family source's sheets (Inputs, Families, Cohorts, Annual): where
/// they put their figures, each annual ratio (name, cell, value) for the
/// Summary, and the formula of the service's gross annual benefit (the
/// basis cohort's average benefit x cases a year, as the Annual sheet takes
/// them) for a stream over time that counts it.
#[allow(clippy::type_complexity)]
fn family_sheets(
    wb: &mut Workbook,
    scenario: &FamilySource,
    a: &FamilyAppraisal,
    f: &Formats,
) -> Result<(Cells, Vec<(String, String, Decimal)>, Option<String>)> {
    let inputs = inputs_sheet(x(wb.add_worksheet().set_name("Inputs"))?, scenario, f)?;
    let rows = families_sheet(
        x(wb.add_worksheet().set_name("Families"))?,
        scenario,
        a,
        &inputs,
        f,
    )?;
    let cohorts = cohorts_sheet(x(wb.add_worksheet().set_name("Cohorts"))?, a, rows, f)?;
    let annual = annual_sheet(
        x(wb.add_worksheet().set_name("Annual"))?,
        scenario,
        a,
        &inputs,
        &cohorts,
        f,
    )?;
    let service = scenario.annual.as_ref().and_then(|b| {
        let (_, row) = cohorts.rows.iter().find(|(c, _)| *c == b.basis_cohort)?;
        Some(format!(
            "{}*{}",
            abs("Cohorts", *row, 5),
            inputs.cases.as_ref()?
        ))
    });
    let ratios = annual
        .iter()
        .zip(&a.annual)
        .map(|((name, cell), r)| (name.clone(), cell.clone(), r.ratio.value()))
        .collect();
    let cells = Cells {
        first_state: inputs.states.0,
        inputs,
        cohorts: cohorts.rows,
        annual: annual
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (name.clone(), u32::try_from(i).unwrap_or(0) + 1))
            .collect(),
    };
    Ok((cells, ratios, service))
}

/// Write workbook bytes to `path`, whole or not at all (a failure leaves
/// any file already there as it was); a failure names the file.
pub fn write(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    crate::output::write_whole(path, bytes).map_err(|e| Error::Workbook {
        at: Location::file(path.display().to_string()),
        message: format!("cannot write the file: {e}"),
    })
}

/// One input row: its name, its value (a shaded input cell), its unit and
/// its source; returns its row and moves `row` on.
fn put(
    ws: &mut Worksheet,
    row: &mut u32,
    f: &Formats,
    (name, value, unit, source): (&str, Decimal, &str, &str),
) -> Result<u32> {
    let r = *row;
    *row += 1;
    x(ws.write_string(r, 0, name))?;
    x(ws.write_number_with_format(r, 1, num(value), &f.input))?;
    x(ws.write_string(r, 2, unit))?;
    x(ws.write_string(r, 3, source))?;
    Ok(r)
}

fn inputs_sheet(ws: &mut Worksheet, s: &FamilySource, f: &Formats) -> Result<InputCells> {
    headers(
        ws,
        f,
        &["input", "value", "unit", "source"],
        &[46.0, 14.0, 12.0, 70.0],
    )?;
    let mut row = 1u32;
    let window = put(
        ws,
        &mut row,
        f,
        (
            "valuation window",
            Decimal::from(s.rule.window.get()),
            "weeks",
            "scenario: [valuation] window_weeks",
        ),
    )?;

    // Staff lines: hours and rates are inputs; their sum is a formula.
    let mut lines = Vec::new();
    for line in s.unit_cost.inputs() {
        let source = line.source.to_string();
        let hours = format!("{}: hours a session", line.role);
        let rate = format!("{}: hourly rate", line.role);
        let r = put(
            ws,
            &mut row,
            f,
            (&hours, line.hours.value(), "hours", &source),
        )?;
        let q = put(
            ws,
            &mut row,
            f,
            (&rate, line.rate.value(), "£ an hour", &source),
        )?;
        lines.push((r, q));
    }
    let sum = if lines.is_empty() {
        None
    } else {
        let r = row;
        row += 1;
        let terms: Vec<String> = lines
            .iter()
            .map(|(h, q)| format!("{}*{}", row_col_to_cell(*h, 1), row_col_to_cell(*q, 1)))
            .collect();
        x(ws.write_string(r, 0, "staff lines: cost of a session"))?;
        x(ws.write_formula_with_format(
            r,
            1,
            formula(
                format!("={}", terms.join("+")),
                s.unit_cost.computed()?.value(),
            ),
            &f.money,
        ))?;
        x(ws.write_string(r, 2, "£"))?;
        x(ws.write_string(r, 3, "formula: the sum of hours x rate"))?;
        Some(r)
    };
    let stated = match s.unit_cost.stated() {
        Some(m) => Some(put(
            ws,
            &mut row,
            f,
            (
                "stated cost of a session",
                m.value(),
                "£",
                "scenario: [cost] stated_per_session",
            ),
        )?),
        None => None,
    };
    // The cost charged: the stated figure or the staff lines, as the scenario says.
    let charged = row;
    row += 1;
    let from = match (s.unit_cost.basis(), stated, sum) {
        (CostBasis::Stated, Some(r), _) | (_, Some(r), None) => r,
        (_, _, Some(r)) => r,
        // A unit cost always has one or the other (UnitCost::new checks).
        (_, None, None) => {
            return Err(Error::Missing {
                at: Location::field("cost"),
                what: "staff lines or a stated cost of a session",
            });
        }
    };
    x(ws.write_string(charged, 0, "cost of a session, charged"))?;
    x(ws.write_formula_with_format(
        charged,
        1,
        formula(
            format!("={}", row_col_to_cell(from, 1)),
            s.unit_cost.per_session()?.value(),
        ),
        &f.money,
    ))?;
    x(ws.write_string(charged, 3, "formula: the basis the scenario charges"))?;

    // The state table: id, value, period, source, value over the window,
    // price year (the Families sheet looks up the fifth column).
    row += 1;
    heading(
        ws,
        row,
        &[
            "state",
            "value",
            "period",
            "source",
            "over the window",
            "price year",
        ],
        f,
    )?;
    x(ws.set_column_width(4, 16.0))?;
    x(ws.set_column_width(5, 12.0))?;
    row += 1;
    let first = row;
    for (state, def) in s.states.iter() {
        let (amount, period) = match s.values.value(state) {
            Ok(v) => (v.amount, v.period),
            Err(_) => (Decimal::ZERO, Period::Week),
        };
        let per_year = period.per_year().unwrap_or(0);
        let entry = s.catalogue.iter().find(|u| u.state == Some(state));
        let source = entry.map_or(String::new(), |u| u.source.to_string());
        x(ws.write_string(row, 0, &def.id))?;
        x(ws.write_number_with_format(row, 1, num(amount), &f.input))?;
        x(ws.write_string(row, 2, period.to_string()))?;
        x(ws.write_string(row, 3, source))?;
        if let Some(u) = entry {
            let year = u.price_year.as_deref().unwrap_or("not stated");
            x(ws.write_string(row, 5, year))?;
        }
        // amount x window x periods a year / 52 (a weekly value: x window).
        let over_window = period.over_window(amount, s.rule.window)?;
        x(ws.write_formula_with_format(
            row,
            4,
            formula(
                format!(
                    "={}*{}*{per_year}/52",
                    row_col_to_cell(row, 1),
                    abs("Inputs", window, 1)
                ),
                over_window,
            ),
            &f.money,
        ))?;
        row += 1;
    }
    let states = (first, row.saturating_sub(1));

    row += 1;
    let (cases, service_cost) = match &s.annual {
        Some(b) => {
            let source = b.source.to_string();
            let c = put(
                ws,
                &mut row,
                f,
                ("cases a year", b.cases_per_year, "cases", &source),
            )?;
            let k = put(
                ws,
                &mut row,
                f,
                ("annual service cost", b.service_cost.value(), "£", &source),
            )?;
            (Some(abs("Inputs", c, 1)), Some(abs("Inputs", k, 1)))
        }
        None => (None, None),
    };
    let mut deadweight = Vec::new();
    for d in &s.deadweight {
        let label = format!("deadweight, {}", d.name);
        let r = put(
            ws,
            &mut row,
            f,
            (
                &label,
                d.deadweight.value(),
                "fraction",
                "scenario: [[deadweight]]",
            ),
        )?;
        deadweight.push((d.name.clone(), abs("Inputs", r, 1)));
    }
    Ok(InputCells {
        stated: stated.map(|r| abs("Inputs", r, 1)),
        unit_cost: abs("Inputs", charged, 1),
        states,
        cases,
        service_cost,
        deadweight,
    })
}

/// The families, one row each; returns the last row used.
fn families_sheet(
    ws: &mut Worksheet,
    s: &FamilySource,
    a: &FamilyAppraisal,
    inputs: &InputCells,
    f: &Formats,
) -> Result<u32> {
    headers(
        ws,
        f,
        &[
            "cohort",
            "family",
            "children",
            "entry",
            "outcome",
            "sessions",
            "entry over window",
            "outcome over window",
            "benefit by the rule",
            "printed benefit",
            "counted benefit",
            "cost",
            "ratio",
            "froi: counted benefit",
            "froi: cost",
            "froi: ratio",
            "froi: benefit by the rule",
        ],
        &[
            8.0, 8.0, 9.0, 10.0, 10.0, 9.0, 14.0, 14.0, 14.0, 12.0, 14.0, 12.0, 9.0, 14.0, 12.0,
            10.0, 16.0,
        ],
    )?;
    let (first, last) = inputs.states;
    let table = format!("Inputs!$A${}:$E${}", first + 1, last + 1);
    let mut row = 1u32;
    for (family, result) in s.families.iter().zip(&a.families) {
        family_row(ws, row, s, family, result, &table, inputs, f)?;
        row += 1;
    }
    Ok(row.saturating_sub(1))
}

/// One family's row: its inputs, its values over the window looked up in
/// the state `table`, its benefit by the rule, printed and counted, its cost
/// and ratio as formulas, and froi's figures beside them.
#[allow(clippy::too_many_arguments)]
fn family_row(
    ws: &mut Worksheet,
    row: u32,
    s: &FamilySource,
    family: &Family,
    result: &FamilyResult,
    table: &str,
    inputs: &InputCells,
    f: &Formats,
) -> Result<()> {
    let r = row + 1; // A1 row number
    let outcome = match s.rule.outcome {
        OutcomePoint::Exit => family.exit(),
        OutcomePoint::FollowUp => family.follow_up(),
    };
    x(ws.write_number_with_format(row, 0, f64::from(family.cohort()), &f.input))?;
    x(ws.write_string_with_format(row, 1, family.id(), &f.input))?;
    x(ws.write_number_with_format(row, 2, f64::from(family.children()), &f.input))?;
    x(ws.write_string_with_format(row, 3, s.states.id(family.entry()), &f.input))?;
    x(ws.write_string_with_format(row, 4, s.states.id(outcome), &f.input))?;
    x(ws.write_number_with_format(row, 5, f64::from(family.sessions()), &f.input))?;
    let over_window = |state| -> Result<Decimal> {
        Ok(s.values.value(state)?.over_window(s.rule.window)?.value())
    };
    for (col, key, state) in [(6u16, 'D', family.entry()), (7, 'E', outcome)] {
        let lookup = format!("=VLOOKUP({key}{r},{table},5,FALSE)");
        x(ws.write_formula_with_format(row, col, formula(lookup, over_window(state)?), &f.money))?;
    }
    let gain = match s.rule.deterioration {
        Deterioration::NoBenefit => format!("MAX(0,G{r}-H{r})"),
        _ => format!("(G{r}-H{r})"),
    };
    let rule = formula(format!("=C{r}*{gain}"), result.rule_benefit.value());
    x(ws.write_formula_with_format(row, 8, rule, &f.money))?;
    if let Some(p) = family.published().benefit {
        x(ws.write_number_with_format(row, 9, num(p.value()), &f.input))?;
    }
    let counted = match s.benefit_basis {
        BenefitBasis::Published => format!("=IF(ISBLANK(J{r}),I{r},J{r})"),
        BenefitBasis::Rule => format!("=I{r}"),
    };
    let counted = formula(counted, result.benefit.value());
    x(ws.write_formula_with_format(row, 10, counted, &f.money))?;
    let cost = formula(format!("=F{r}*{}", inputs.unit_cost), result.cost.value());
    x(ws.write_formula_with_format(row, 11, cost, &f.money))?;
    let ratio = formula(format!("=K{r}/L{r}"), result.ratio.value());
    x(ws.write_formula_with_format(row, 12, ratio, &f.ratio))?;
    x(ws.write_number_with_format(row, 13, num(result.benefit.value()), &f.money))?;
    x(ws.write_number_with_format(row, 14, num(result.cost.value()), &f.money))?;
    x(ws.write_number_with_format(row, 15, num(result.ratio.value()), &f.ratio))?;
    x(ws.write_number_with_format(row, 16, num(result.rule_benefit.value()), &f.money))?;
    Ok(())
}

/// Where a cohort's figures are: (cohort, families, total benefit cell).
struct CohortCells {
    rows: Vec<(u32, u32)>,
}

fn cohorts_sheet(
    ws: &mut Worksheet,
    a: &FamilyAppraisal,
    last: u32,
    f: &Formats,
) -> Result<CohortCells> {
    headers(
        ws,
        f,
        &[
            "cohort",
            "families",
            "total cost",
            "total benefit",
            "ratio",
            "average benefit",
            "froi: total cost",
            "froi: total benefit",
            "froi: ratio",
        ],
        &[8.0, 9.0, 14.0, 14.0, 10.0, 15.0, 15.0, 16.0, 10.0],
    )?;
    let span = |col: char| format!("Families!${col}$2:${col}${}", last + 1);
    let mut rows = Vec::new();
    for (i, c) in a.cohorts.iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
        let r = row + 1;
        let cohort = c.cohort.unwrap_or(0);
        x(ws.write_number(row, 0, f64::from(cohort)))?;
        let count = format!("=COUNTIF({},A{r})", span('A'));
        x(ws.write_formula(row, 1, formula(count, Decimal::from(c.families))))?;
        let sum = |col: char| format!("=SUMIF({},A{r},{})", span('A'), span(col));
        x(ws.write_formula_with_format(row, 2, formula(sum('L'), c.total_cost.value()), &f.money))?;
        x(ws.write_formula_with_format(
            row,
            3,
            formula(sum('K'), c.total_benefit.value()),
            &f.money,
        ))?;
        let ratio = formula(format!("=D{r}/C{r}"), c.ratio.value());
        x(ws.write_formula_with_format(row, 4, ratio, &f.ratio))?;
        let average = formula(format!("=D{r}/B{r}"), c.average_benefit.value());
        x(ws.write_formula_with_format(row, 5, average, &f.money))?;
        x(ws.write_number_with_format(row, 6, num(c.total_cost.value()), &f.money))?;
        x(ws.write_number_with_format(row, 7, num(c.total_benefit.value()), &f.money))?;
        x(ws.write_number_with_format(row, 8, num(c.ratio.value()), &f.ratio))?;
        rows.push((cohort, row));
    }
    Ok(CohortCells { rows })
}

/// The annual chain, one row per deadweight scenario; returns (name, ratio cell).
fn annual_sheet(
    ws: &mut Worksheet,
    s: &FamilySource,
    a: &FamilyAppraisal,
    inputs: &InputCells,
    cohorts: &CohortCells,
    f: &Formats,
) -> Result<Vec<(String, String)>> {
    headers(
        ws,
        f,
        &[
            "deadweight scenario",
            "deadweight",
            "average benefit",
            "cases a year",
            "annual service cost",
            "annual benefit",
            "ratio",
            "froi: ratio",
        ],
        &[20.0, 11.0, 16.0, 12.0, 18.0, 16.0, 10.0, 10.0],
    )?;
    let (Some(basis), Some(cases), Some(cost)) = (&s.annual, &inputs.cases, &inputs.service_cost)
    else {
        return Ok(Vec::new());
    };
    let Some((_, crow)) = cohorts.rows.iter().find(|(c, _)| *c == basis.basis_cohort) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (i, ((name, dw), result)) in inputs.deadweight.iter().zip(&a.annual).enumerate() {
        let row = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
        let r = row + 1;
        x(ws.write_string(row, 0, name))?;
        let deadweight = result.scenario.deadweight.value();
        x(ws.write_formula(row, 1, formula(format!("={dw}"), deadweight)))?;
        x(ws.write_formula_with_format(
            row,
            2,
            formula(
                format!("={}", abs("Cohorts", *crow, 5)),
                result.average_benefit.value(),
            ),
            &f.money,
        ))?;
        x(ws.write_formula(row, 3, formula(format!("={cases}"), result.cases_per_year)))?;
        let service_cost = formula(format!("={cost}"), result.service_cost.value());
        x(ws.write_formula_with_format(row, 4, service_cost, &f.money))?;
        x(ws.write_formula_with_format(
            row,
            5,
            formula(
                format!("=C{r}*D{r}*(1-B{r})"),
                result.annual_benefit.value(),
            ),
            &f.money,
        ))?;
        let ratio = formula(format!("=F{r}/E{r}"), result.ratio.value());
        x(ws.write_formula_with_format(row, 6, ratio, &f.ratio))?;
        x(ws.write_number_with_format(row, 7, num(result.ratio.value()), &f.ratio))?;
        out.push((name.clone(), abs("Annual", row, 6)));
    }
    Ok(out)
}

/// The first sheet: the annual ratios (name, cell, froi's ratio), each
/// rounded as a publication prints it, and the results over time.
fn summary_sheet(
    ws: &mut Worksheet,
    title: &str,
    annual: &[(String, String, Decimal)],
    over_time: Option<&over_time::ResultCells>,
    f: &Formats,
) -> Result<()> {
    print_wide(ws);
    x(ws.set_column_width(0, 40.0))?;
    x(ws.set_column_width(1, 14.0))?;
    x(ws.set_column_width(2, 18.0))?;
    x(ws.set_column_width(3, 14.0))?;
    x(ws.write_string_with_format(0, 0, title, &f.header))?;
    x(ws.write_string(
        1,
        0,
        "Every figure is a formula over the shaded input cells; froi's exact value stands beside it.",
    ))?;
    let mut top = 3;
    if !annual.is_empty() {
        heading(
            ws,
            3,
            &[
                "annual benefit-cost ratio",
                "workbook",
                "rounded to 1 place",
                "froi",
            ],
            f,
        )?;
        for (i, (name, cell, ratio)) in annual.iter().enumerate() {
            let row = 4 + u32::try_from(i).unwrap_or(0);
            x(ws.write_string(row, 0, format!("{name} deadweight")))?;
            let shown = formula(format!("={cell}"), *ratio);
            x(ws.write_formula_with_format(row, 1, shown, &f.ratio))?;
            // Shown to the one place it is rounded to: 4.0, not 4.
            let rounded = crate::money::Rounding::half_up(1).apply(*ratio);
            let text = format!("=ROUND(B{},1)", row + 1);
            x(ws.write_formula_with_format(row, 2, formula(text, rounded), &f.one_place))?;
            x(ws.write_number_with_format(row, 3, num(*ratio), &f.ratio))?;
        }
        top = 4 + u32::try_from(annual.len()).unwrap_or(0) + 1;
    }
    if let Some(cells) = over_time {
        // froi's figures in the annual block's froi column.
        heading(ws, top, &["over time", "workbook", "", "froi"], f)?;
        for (i, (name, cell, shown)) in cells.rows.iter().enumerate() {
            let row = top + 1 + u32::try_from(i).unwrap_or(0);
            over_time::result_row(ws, row, name, &format!("={cell}"), shown, 3, f)?;
        }
    }
    Ok(())
}
