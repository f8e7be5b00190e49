//! The Beside sheet: the figures froi shows beside the appraisal's own,
//! never in place of them ([`crate::Weighted`], [`crate::WithMetb`]). η,
//! the incomes and the METB rate are shaded inputs; each weight, each
//! group's present value (a `SUMIF` over the benefit streams' present values
//! on the Over time sheet), the weighted figures and the figures with METB
//! are formulas, froi's values beside them.

use rust_xlsxwriter::Worksheet;

use super::results::Shown;
use super::{SHEET, column, label, result_row};
use crate::beside::{Weighted, WithMetb};
use crate::error::Result;
use crate::over_time::PresentValueAppraisal;
use crate::spreadsheet::{Formats, abs, formula as cached, heading, num, print_wide, x};

/// The sheet's name.
pub(super) const BESIDE: &str = "Beside";

/// Where the Over time sheet keeps what these figures start from.
pub(super) struct Anchors {
    /// The first stream's row on the Over time sheet (0-based).
    pub(super) first_stream: u32,
    /// The cells of PV benefits and PV costs on the Over time sheet.
    pub(super) pv_benefits: String,
    pub(super) pv_costs: String,
}

/// Write the weighted figures and the figures with METB, whichever the
/// programme has.
pub(super) fn beside_sheet(
    ws: &mut Worksheet,
    r: &PresentValueAppraisal,
    (weighted, metb): (Option<&Weighted>, Option<&WithMetb>),
    from: &Anchors,
    f: &Formats,
) -> Result<()> {
    x(ws.set_column_width(0, 44.0))?;
    print_wide(ws);
    for c in 1..=6 {
        x(ws.set_column_width(c, 18.0))?;
    }
    let mut row = 0;
    if let Some(w) = weighted {
        row = weights(ws, r, w, from, f)? + 2;
    }
    if let Some(m) = metb {
        with_metb(ws, row, m, from, f)?;
    }
    Ok(())
}

/// The weights block; returns the row after it.
fn weights(
    ws: &mut Worksheet,
    r: &PresentValueAppraisal,
    w: &Weighted,
    from: &Anchors,
    f: &Formats,
) -> Result<u32> {
    label(
        ws,
        0,
        "Distributional weights: weight = (reference income / group income) ^ η",
        f,
    )?;
    x(ws.write_string(1, 0, "η"))?;
    x(ws.write_number_with_format(1, 1, num(w.eta), &f.input))?;
    x(ws.write_string(2, 0, "reference income"))?;
    x(ws.write_number_with_format(2, 1, num(w.reference_income), &f.input_money))?;
    // The benefit streams first, so the groups can sum them.
    let streams = benefit_streams(ws, r, from, f)?;
    let top = streams.1 + 2;
    let row = groups(ws, w, streams, top, f)?;
    let (first, last) = (top + 2, row);
    let figures = [
        (
            "weighted PV benefits",
            format!("=SUM(E{first}:E{last})"),
            w.pv_benefits.value(),
        ),
        (
            "PV costs (unweighted)",
            format!("={}", from.pv_costs),
            r.pv_costs.value(),
        ),
        (
            "weighted NPV",
            format!("=B{}-B{}", row + 3, row + 4),
            w.npv.value(),
        ),
    ];
    heading(ws, row + 1, &["", "workbook", "froi"], f)?;
    let mut at = row + 2;
    for (name, text, value) in figures {
        result_row(ws, at, name, &text, &Shown::Money(value), 2, f)?;
        at += 1;
    }
    let bcr = format!("=B{}/B{}", row + 3, row + 4);
    let bcr_value = Shown::Ratio(w.bcr.value());
    result_row(
        ws,
        at,
        "weighted benefit-cost ratio",
        &bcr,
        &bcr_value,
        2,
        f,
    )?;
    Ok(at + 1)
}

const GROUPS: [&str; 6] = [
    "group",
    "income",
    "weight",
    "PV benefits",
    "weighted",
    "froi: weighted",
];

/// The groups' table from `top`, each group summing the benefit streams in
/// `streams`; returns the row after it.
fn groups(
    ws: &mut Worksheet,
    w: &Weighted,
    streams: (u32, u32),
    top: u32,
    f: &Formats,
) -> Result<u32> {
    heading(ws, top, &GROUPS, f)?;
    let (a, b) = (streams.0 + 1, streams.1);
    let mut row = top + 1;
    for g in &w.groups {
        let n = row + 1;
        x(ws.write_string(row, 0, &g.group))?;
        let weight = match g.income {
            Some(income) => {
                x(ws.write_number_with_format(row, 1, num(income), &f.input_money))?;
                format!("=POWER($B$3/B{n},$B$2)")
            }
            None => "=1".to_string(),
        };
        x(ws.write_formula_with_format(row, 2, cached(weight, g.weight), &f.ratio))?;
        let sum = format!("=SUMIF($B${a}:$B${b},A{n},$C${a}:$C${b})");
        x(ws.write_formula_with_format(row, 3, cached(sum, g.pv_benefits.value()), &f.money))?;
        let weighted = format!("=D{n}*C{n}");
        x(ws.write_formula_with_format(row, 4, cached(weighted, g.weighted.value()), &f.money))?;
        x(ws.write_number_with_format(row, 5, num(g.weighted.value()), &f.money))?;
        row += 1;
    }
    Ok(row)
}

/// Each benefit stream's group and present value (a reference to Over
/// time); returns its first and last row (0-based first, 1-based last).
fn benefit_streams(
    ws: &mut Worksheet,
    r: &PresentValueAppraisal,
    from: &Anchors,
    f: &Formats,
) -> Result<(u32, u32)> {
    heading(ws, 4, &["benefit stream", "group", "present value"], f)?;
    let mut row = 5;
    for (s, i) in r.streams.iter().zip(0u32..).filter(|(s, _)| s.is_benefit) {
        x(ws.write_string(row, 0, &s.name))?;
        x(ws.write_string(row, 1, s.group.as_deref().unwrap_or("not stated")))?;
        let pv = format!(
            "={}",
            abs(SHEET, from.first_stream + i, column::PRESENT_VALUE)
        );
        x(ws.write_formula_with_format(row, 2, cached(pv, s.present_value.value()), &f.money))?;
        row += 1;
    }
    Ok((5, row))
}

/// The METB block from `top`.
fn with_metb(
    ws: &mut Worksheet,
    top: u32,
    m: &WithMetb,
    from: &Anchors,
    f: &Formats,
) -> Result<()> {
    label(
        ws,
        top,
        "With the cost of raising public funds (METB) on the costs",
        f,
    )?;
    heading(ws, top + 1, &["", "workbook", "froi"], f)?;
    x(ws.write_string(top + 2, 0, "METB rate"))?;
    x(ws.write_number_with_format(top + 2, 1, num(m.rate), &f.input_share))?;
    let n = |k: u32| top + 2 + k + 1;
    let rows = [
        (
            "PV costs x (1 + rate)",
            format!("={}*(1+B{})", from.pv_costs, n(0)),
            m.pv_costs.value(),
        ),
        (
            "NPV with METB",
            format!("={}-B{}", from.pv_benefits, n(1)),
            m.npv.value(),
        ),
    ];
    for (k, (name, text, value)) in (1u32..).zip(rows) {
        result_row(ws, top + 2 + k, name, &text, &Shown::Money(value), 2, f)?;
    }
    let bcr = format!("={}/B{}", from.pv_benefits, n(1));
    let shown = Shown::Ratio(m.bcr.value());
    result_row(
        ws,
        top + 5,
        "benefit-cost ratio with METB",
        &bcr,
        &shown,
        2,
        f,
    )
}
