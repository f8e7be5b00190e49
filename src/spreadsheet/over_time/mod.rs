//! The appraisal over time in the workbook. **Over time**: the results
//! (present values, ratios, paybacks), the splits by agency and by kind, the
//! price base, the outcome lines and one row of inputs per stream. **Years**:
//! the discount rates by year, the discount factors, each stream's real and
//! discounted flow by year, and the year table. Every figure is a formula
//! over the shaded inputs; froi's value stands beside or below it.
//!
//! Years run across the columns, as in the GMCA CBA model, so a stream is one
//! row an auditor can read from left to right.

use rust_decimal::Decimal;
use rust_xlsxwriter::Worksheet;
use rust_xlsxwriter::utility::column_number_to_name;

use super::{Formats, abs, x};
use crate::adjustments::Adjustments;
use crate::error::{Error, Location, Result};
use crate::over_time::{Amount, BenefitStream, PresentValueAppraisal, Programme, agency_key};

/// The sheet of results and stream inputs.
pub(super) const SHEET: &str = "Over time";
/// The sheet of flows by year.
const YEARS: &str = "Years";
/// The Years sheet's column of year 0 (E); A-D name each row.
const Y0: u16 = 4;

/// The columns of a stream's row on the Over time sheet, which the Years
/// sheet's formulas read. Flow, kind and agency sit in the same columns on
/// both sheets, for the `SUMIF`s.
mod column {
    pub(super) const FLOW: u16 = 1;
    pub(super) const KIND: u16 = 2;
    pub(super) const AGENCY: u16 = 3;
    pub(super) const AMOUNT: u16 = 4;
    pub(super) const PRICE_YEAR: u16 = 5;
    pub(super) const PRICE_FACTOR: u16 = 6;
    pub(super) const DEADWEIGHT: u16 = 7;
    pub(super) const DISPLACEMENT: u16 = 8;
    pub(super) const ATTRIBUTION: u16 = 9;
    pub(super) const DROP_OFF: u16 = 10;
    pub(super) const OPTIMISM_BIAS: u16 = 11;
    pub(super) const FIRST_YEAR: u16 = 12;
    pub(super) const YEARS: u16 = 13;
    pub(super) const UP_FRONT: u16 = 14;
    pub(super) const PRESENT_VALUE: u16 = 15;
    pub(super) const FROI_PRESENT_VALUE: u16 = 16;
    pub(super) const NOTES: u16 = 18;
}

mod beside;
mod budget;
mod inputs;
mod results;
mod years;

pub(crate) use results::{ResultCells, result_row};

/// One stream as the sheets lay it out: its inputs and how its gross is made.
struct Row {
    name: String,
    benefit: bool,
    kind: String,
    agency: String,
    /// Where its amount a year comes from.
    amount: Gross,
    price_year: Option<String>,
    adjustments: Adjustments,
    first_year: u32,
    years: u32,
    up_front: Decimal,
    /// Year-by-year amounts, from `first_year`.
    profile: Vec<Decimal>,
    grade: Option<String>,
}

/// Where a stream's amount a year comes from.
enum Gross {
    /// A stated amount: an input cell.
    Pounds(Decimal),
    /// The service's gross annual benefit: a formula over the Annual basis.
    Service,
    /// An outcome line's gross value a year: its formula on Over time.
    Line,
    /// Amounts by year: input cells on the Years sheet.
    Profile,
}

/// Column letter of a column number.
fn col(c: u16) -> String {
    column_number_to_name(c)
}

/// A year column, from the first year column.
fn year_col(t: u32) -> u16 {
    Y0.saturating_add(u16::try_from(t).unwrap_or(u16::MAX))
}

/// The programme's streams in froi's order: benefits, outcome lines, costs.
fn streams_of(p: &Programme) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    fn benefit(b: &BenefitStream, amount: Gross) -> Row {
        Row {
            name: b.name.clone(),
            benefit: true,
            kind: b.kind.to_string(),
            agency: agency_key(&b.agency),
            amount,
            price_year: b.price_year.clone(),
            adjustments: b.adjustments,
            first_year: b.first_year,
            years: b.years,
            up_front: Decimal::ZERO,
            profile: Vec::new(),
            grade: b.optimism_grade.clone(),
        }
    }
    for b in &p.benefits {
        let mut row = benefit(
            b,
            match &b.annual {
                Amount::Pounds(m) => Gross::Pounds(m.value()),
                Amount::Service => Gross::Service,
                Amount::Profile(_) => Gross::Profile,
            },
        );
        if let Amount::Profile(v) = &b.annual {
            row.profile = v.iter().map(|m| m.value()).collect();
        }
        rows.push(row);
    }
    for line in &p.outcomes {
        rows.push(benefit(&BenefitStream::from_line(line)?, Gross::Line));
    }
    for c in &p.costs {
        rows.push(Row {
            name: c.name.clone(),
            benefit: false,
            kind: String::new(),
            agency: agency_key(&c.agency),
            amount: Gross::Pounds(c.recurring.value()),
            price_year: c.price_year.clone(),
            adjustments: Adjustments::NONE,
            first_year: c.first_year,
            years: c.years,
            up_front: c.up_front.value(),
            profile: c.profile.iter().map(|m| m.value()).collect(),
            grade: c.optimism_grade.clone(),
        });
    }
    Ok(rows)
}

/// A label in column A, bold.
fn label(ws: &mut Worksheet, row: u32, text: &str, f: &Formats) -> Result<()> {
    x(ws.write_string_with_format(row, 0, text, &f.header))?;
    Ok(())
}

/// Write the two sheets of `r`, the appraisal of `p`; the Beside sheet
/// where the programme weighs its benefits or sets METB; and the Budget
/// sheet of `budget` where one is given. `service` is the
/// formula of the service's gross annual benefit (cohort average x cases a
/// year), where the scenario has an annual appraisal.
pub(super) fn sheets(
    wb: &mut rust_xlsxwriter::Workbook,
    p: &Programme,
    r: &PresentValueAppraisal,
    service: Option<&str>,
    more: More<'_>,
    f: &Formats,
) -> Result<ResultCells> {
    let streams = streams_of(p)?;
    if streams.len() != r.streams.len() {
        return Err(Error::Workbook {
            at: Location::field("time"),
            message: "the streams and their results differ in number".into(),
        });
    }
    let cx = Ctx {
        p,
        r,
        f,
        at: layout(p, r),
        last: year_col(r.horizon),
    };
    let years = x(wb.add_worksheet().set_name(YEARS))?;
    let grid = years::years_sheet(years, &cx, &streams)?;
    let ws = x(wb.add_worksheet().set_name(SHEET))?;
    let cells = inputs::over_time_sheet(ws, &cx, &streams, &grid, service)?;
    if more.weighted.is_some() || more.metb.is_some() {
        let ws = x(wb.add_worksheet().set_name(beside::BESIDE))?;
        let anchors = beside::Anchors {
            first_stream: cx.at.streams + 1,
            pv_benefits: abs(SHEET, cx.at.results + 1, 1),
            pv_costs: abs(SHEET, cx.at.results + 2, 1),
        };
        beside::beside_sheet(ws, r, (more.weighted, more.metb), &anchors, f)?;
    }
    if let Some(view) = more.budget {
        let ws = x(wb.add_worksheet().set_name(budget::BUDGET))?;
        budget::budget_sheet(ws, view, grid.real, r, f)?;
    }
    Ok(cells)
}

/// The sheets beyond Over time and Years, where the appraisal has their
/// figures: the weighted and METB figures (Beside) and the budget view
/// (Budget).
pub(super) struct More<'a> {
    pub(super) weighted: Option<&'a crate::beside::Weighted>,
    pub(super) metb: Option<&'a crate::beside::WithMetb>,
    pub(super) budget: Option<&'a crate::budget::BudgetView>,
}

/// What each part of the two sheets needs: the programme, its appraisal,
/// the formats, the Over time sheet's layout, and the Years sheet's column
/// just past the last year.
struct Ctx<'a> {
    p: &'a Programme,
    r: &'a PresentValueAppraisal,
    f: &'a Formats,
    at: Layout,
    last: u16,
}

/// The stream table's columns as absolute ranges, for `SUMIF` and `SUMIFS`.
struct Ranges {
    pvs: String,
    flows: String,
    kinds: String,
    agencies: String,
}

/// The flow column's word, which the totals' `SUMIF`s look for.
fn flow(s: &Row) -> &'static str {
    if s.benefit { "benefit" } else { "cost" }
}

/// The Over time sheet's layout, fixed before it is written: the Years
/// sheet refers to the stream rows. Title and note (0-2), results from row 4,
/// then the splits, the price base, the optimism-bias grades, the outcome
/// lines, the streams.
struct Layout {
    results: u32,
    by_agency: u32,
    by_kind: u32,
    prices: u32,
    grades: u32,
    lines: u32,
    streams: u32,
}

/// Where each block of the Over time sheet starts.
fn layout(p: &Programme, r: &PresentValueAppraisal) -> Layout {
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    let results = 4;
    // Per participant: the count of participants and four figures.
    let per = if r.per_participant.is_some() { 5 } else { 0 };
    let by_agency = results + results::RESULTS + per + 2;
    let by_kind = by_agency + n(r.by_agency.len()) + 2;
    let prices = by_kind + n(r.by_kind.len()) + 2;
    let price_rows = price_years(p).len();
    let grades = prices
        + if price_rows == 0 {
            0
        } else {
            n(price_rows) + 2
        };
    let grade_rows = grades_named(p).len();
    let lines = grades
        + if grade_rows == 0 {
            0
        } else {
            n(grade_rows) + 2
        };
    let streams = lines
        + if p.outcomes.is_empty() {
            0
        } else {
            n(p.outcomes.len()) + 2
        };
    Layout {
        results,
        by_agency,
        by_kind,
        prices,
        grades,
        lines,
        streams,
    }
}

/// The optimism-bias grades the streams name, in the table's order (none
/// without a table).
fn grades_named(p: &Programme) -> Vec<&crate::optimism::Grade> {
    let Some(table) = &p.optimism else {
        return Vec::new();
    };
    let named: Vec<&str> = p
        .benefits
        .iter()
        .filter_map(|b| b.optimism_grade.as_deref())
        .chain(
            p.outcomes
                .iter()
                .filter_map(|l| l.optimism_grade.as_deref()),
        )
        .chain(p.costs.iter().filter_map(|c| c.optimism_grade.as_deref()))
        .collect();
    table
        .grades()
        .iter()
        .filter(|g| named.contains(&g.name.as_str()))
        .collect()
}

/// The base year and every price year a stream names, with their index, in
/// the order the deflator file gives them (none without a base year or an
/// index).
fn price_years(p: &Programme) -> Vec<(String, Decimal)> {
    let (Some(base), Some(d)) = (&p.base_year, &p.deflators) else {
        return Vec::new();
    };
    let named: Vec<&str> = p.price_years_named().collect();
    d.entries()
        .iter()
        .filter(|(y, _)| y == base || named.contains(&y.as_str()))
        .cloned()
        .collect()
}
