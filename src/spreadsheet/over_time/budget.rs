//! The Budget sheet: who pays and who saves, agency by financial year
//! ([`crate::budget_view`]). What an agency pays and saves in a year are
//! `SUMIFS` over the real flows on the Years sheet, so they follow any input
//! an auditor changes; net, discounted and the agency totals are formulas
//! over them. The split of savings by cashability, the nominal figures and
//! the payback years are froi's, as values.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, Worksheet};

use super::{YEARS, col, column, label, year_col};
use crate::budget::{AgencyBudget, BudgetRow, BudgetView};
use crate::error::Result;
use crate::money::Money;
use crate::over_time::PresentValueAppraisal;
use crate::spreadsheet::{Formats, formula as cached, heading, num, print_wide, quoted, x};

/// The sheet's name.
pub(super) const BUDGET: &str = "Budget";

const BY_YEAR: [&str; 15] = [
    "agency",
    "year",
    "financial year",
    "paid",
    "saved",
    "of which cashable",
    "non-cashable",
    "cashability not stated",
    "net",
    "factor applied",
    "PV paid",
    "PV saved",
    "PV net",
    "froi: PV net",
    "froi: nominal net",
];

const BY_AGENCY: [&str; 9] = [
    "agency",
    "paid",
    "saved",
    "of which cashable",
    "PV paid",
    "PV saved",
    "PV net",
    "froi: PV net",
    "payback year (froi)",
];

/// The agency totals' first row (0-based; title, note and headings above).
const FIRST_AGENCY: u32 = 4;

/// Write the budget view: each agency's totals first, then agency by year,
/// which the totals sum. `real` is the first and last row of the Years
/// sheet's real flows, one a stream, which the paid and saved cells sum.
pub(super) fn budget_sheet(
    ws: &mut Worksheet,
    view: &BudgetView,
    real: (u32, u32),
    r: &PresentValueAppraisal,
    f: &Formats,
) -> Result<()> {
    label(
        ws,
        0,
        &format!(
            "Who pays and who saves, by agency and year (year 0 is {})",
            view.year_start.label(0)
        ),
        f,
    )?;
    x(ws.write_string(
        1,
        0,
        "Paid and saved sum the Years sheet's real flows by agency; net, PV and the totals are \
         formulas over them. Cashability, nominal figures and payback are froi's.",
    ))?;
    // Both tables share the columns: each as wide as its longer heading.
    for (c, name) in (0u16..).zip(BY_YEAR) {
        let other = BY_AGENCY
            .get(usize::from(c))
            .map_or(0, |n| n.chars().count());
        let head = name.chars().count().max(other) as f64;
        let least = if c == 0 { 28.0 } else { 15.0 };
        x(ws.set_column_width(c, (head * 1.1 + 1.0).max(least)))?;
    }
    print_wide(ws);
    // The totals (one row an agency, and all agencies), a blank row, the
    // table's headings, then its rows.
    let agencies = u32::try_from(view.agencies.len()).unwrap_or(u32::MAX);
    let first = FIRST_AGENCY.saturating_add(agencies).saturating_add(3);
    let count = u32::try_from(view.rows.len()).unwrap_or(u32::MAX);
    let last = first.saturating_add(count).saturating_sub(1);
    agency_totals(ws, view, (first, last), r.npv, f)?;
    heading(ws, first - 1, &BY_YEAR, f)?;
    let factor = Format::new().set_num_format("0.000000");
    let year = Format::new()
        .set_num_format("\"year \"0")
        .set_align(FormatAlign::Center);
    let centred = Format::new().set_align(FormatAlign::Center);
    for (row, y) in (first..).zip(&view.rows) {
        let applied = r
            .years
            .get(y.year as usize)
            .map_or(Decimal::ZERO, |t| t.discount_factor);
        agency_year(ws, row, y, (real, applied), f, (&factor, &year, &centred))?;
    }
    Ok(())
}

/// One agency in one year.
fn agency_year(
    ws: &mut Worksheet,
    row: u32,
    r: &BudgetRow,
    ((top, bottom), applied): ((u32, u32), Decimal),
    f: &Formats,
    (factor, year_format, centred): (&Format, &Format, &Format),
) -> Result<()> {
    let n = row + 1;
    let year = year_col(r.year);
    // Absolute ranges over the Years sheet's real flows: a year's column,
    // and the flow and agency columns the criteria read.
    let by = |c: u16| {
        format!(
            "{}!${}${}:${}${}",
            quoted(YEARS),
            col(c),
            top + 1,
            col(c),
            bottom + 1
        )
    };
    let flows = by(year);
    let sum = |flow: &str| {
        format!(
            "=SUMIFS({flows},{},\"{flow}\",{},$A{n})",
            by(column::FLOW),
            by(column::AGENCY)
        )
    };
    let saved = r
        .cashable
        .checked_add(r.non_cashable)?
        .checked_add(r.not_stated)?;
    let (pv_paid, pv_saved) = (
        r.paid.checked_scale(applied)?,
        saved.checked_scale(applied)?,
    );
    let factor_cell = format!("={}!{}$4", quoted(YEARS), col(year));
    x(ws.write_string(row, 0, &r.agency))?;
    x(ws.write_number_with_format(row, 1, f64::from(r.year), year_format))?;
    x(ws.write_string_with_format(row, 2, &r.financial_year, centred))?;
    let money = [
        (3, sum("cost"), r.paid.value()),
        (4, sum("benefit"), saved.value()),
        (8, format!("=E{n}-D{n}"), r.net.value()),
        (10, format!("=D{n}*J{n}"), pv_paid.value()),
        (11, format!("=E{n}*J{n}"), pv_saved.value()),
        (12, format!("=L{n}-K{n}"), r.discounted_net.value()),
    ];
    for (c, text, value) in money {
        x(ws.write_formula_with_format(row, c, cached(text, value), &f.money))?;
    }
    x(ws.write_formula_with_format(row, 9, cached(factor_cell, applied), factor))?;
    for (c, m) in [
        (5, r.cashable),
        (6, r.non_cashable),
        (7, r.not_stated),
        (13, r.discounted_net),
    ] {
        x(ws.write_number_with_format(row, c, num(m.value()), &f.money))?;
    }
    if let Some(m) = r.nominal_net {
        x(ws.write_number_with_format(row, 14, num(m.value()), &f.money))?;
    }
    Ok(())
}

/// Each agency over all years, and all agencies: sums of the table below.
fn agency_totals(
    ws: &mut Worksheet,
    view: &BudgetView,
    (first, last): (u32, u32),
    npv: Money,
    f: &Formats,
) -> Result<()> {
    let top = FIRST_AGENCY;
    heading(ws, top - 1, &BY_AGENCY, f)?;
    let (a, b) = (first + 1, last + 1);
    let column_of = |c: &str| format!("${c}${a}:${c}${b}");
    let mut row = top;
    for g in &view.agencies {
        let n = row + 1;
        let sumif = |c: &str| format!("=SUMIF({},$A{n},{})", column_of("A"), column_of(c));
        x(ws.write_string(row, 0, &g.agency))?;
        let pv_net = g.pv_saved.checked_sub(g.pv_paid)?;
        let cells = [
            (1, sumif("D"), g.paid.value()),
            (2, sumif("E"), g.saved.value()),
            (3, sumif("F"), g.cashable.value()),
            (4, sumif("K"), g.pv_paid.value()),
            (5, sumif("L"), g.pv_saved.value()),
            (6, format!("=F{n}-E{n}"), pv_net.value()),
        ];
        for (c, text, value) in cells {
            x(ws.write_formula_with_format(row, c, cached(text, value), &f.money))?;
        }
        x(ws.write_number_with_format(row, 7, num(pv_net.value()), &f.money))?;
        match g.payback_year {
            Some(y) => x(ws.write_number(row, 8, f64::from(y)))?,
            None => x(ws.write_string(row, 8, "not within the horizon"))?,
        };
        row += 1;
    }
    all_agencies(ws, view, (top, row), npv, f)
}

/// The all-agencies row: its PV net is the appraisal's NPV.
fn all_agencies(
    ws: &mut Worksheet,
    view: &BudgetView,
    (top, end): (u32, u32),
    npv: Money,
    f: &Formats,
) -> Result<()> {
    let total = |pick: fn(&AgencyBudget) -> Money| -> Result<Money> {
        Money::checked_sum(view.agencies.iter().map(pick))
    };
    let sums = [
        total(|g| g.paid)?,
        total(|g| g.saved)?,
        total(|g| g.cashable)?,
        total(|g| g.pv_paid)?,
        total(|g| g.pv_saved)?,
    ];
    x(ws.write_string_with_format(end, 0, "all agencies", &f.header))?;
    for (c, value) in (1u16..).zip(sums) {
        let letter = col(c);
        let text = format!("=SUM({letter}{}:{letter}{})", top + 1, end.max(top + 1));
        x(ws.write_formula_with_format(end, c, cached(text, value.value()), &f.money))?;
    }
    let n = end + 1;
    let net = sums[4].checked_sub(sums[3])?;
    x(ws.write_formula_with_format(end, 6, cached(format!("=F{n}-E{n}"), net.value()), &f.money))?;
    x(ws.write_number_with_format(end, 7, num(npv.value()), &f.money))?;
    x(ws.write_string(end, 8, "froi: PV net is the appraisal's NPV"))?;
    Ok(())
}
