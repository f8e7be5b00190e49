//! The workbook of an audit of printed figures: a **Figures** sheet with
//! every printed figure as a number an auditor may change (shaded), every
//! figure printed nowhere and every recomputation as a live formula over
//! them, froi's verdict beside each; and a **Headlines** sheet of each
//! headline's inputs and switching values.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::{Formats, formula, headers, num, x};
use crate::audit::{
    FigureAudit, PrintedAppraisal, PrintedAudit, PrintedFigure, Relation, places_needed,
};
use crate::error::Result;
use crate::over_time::Programme;

const COLUMNS: [&str; 8] = [
    "figure",
    "printed",
    "value",
    "recomputed",
    "value less recomputed",
    "verdict",
    "recomputed as",
    "where",
];

/// The audit of a publication's printed figures as a workbook (the bytes
/// of an `.xlsx` file): each printed figure's value in column C, shaded as
/// an input; each recomputation a formula over those cells, so changing a
/// printed value moves every figure made of it, as froi's audit does.
/// Every formula is saved with froi's value as its result. A present value
/// takes `programme`'s discount factors.
///
/// ```
/// let text = r#"
/// name = "A table"
/// sources = { t = "Table 1" }
/// [[figure]]
/// id = "total"
/// printed = "30.9"
/// where = { source = "t", row = "Total" }
/// from = { sum = ["a", "b"] }
/// [[figure]]
/// id = "a"
/// printed = "10.4"
/// where = { source = "t", row = "A" }
/// [[figure]]
/// id = "b"
/// printed = "20.4"
/// where = { source = "t", row = "B" }
/// "#;
/// let printed = froi::audit::PrintedAppraisal::from_toml(text, "printed.toml")?;
/// let audit = froi::audit::audit_printed(&printed, None)?;
/// let bytes = froi::spreadsheet::printed_audit_workbook(&printed, &audit, None)?;
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), froi::Error>(())
/// ```
pub fn printed_audit_workbook(
    publication: &PrintedAppraisal,
    audit: &PrintedAudit,
    programme: Option<&Programme>,
) -> Result<Vec<u8>> {
    let factors = publication.factors(programme)?;
    let mut wb = Workbook::new();
    let f = Formats::new();
    let ws = x(wb.add_worksheet().set_name("Figures"))?;
    headers(
        ws,
        &f,
        &COLUMNS,
        &[22.0, 16.0, 16.0, 16.0, 14.0, 16.0, 50.0, 40.0],
    )?;
    let rows: std::collections::BTreeMap<&str, u32> = publication
        .figures
        .iter()
        .zip(1u32..)
        .map(|(fig, row)| (fig.id.as_str(), row))
        .collect();
    for ((fig, audited), row) in publication.figures.iter().zip(&audit.figures).zip(1u32..) {
        figure_row(ws, fig, audited, row, &rows, &factors)?;
    }
    headlines(&mut wb, &f, audit)?;
    x(wb.save_to_buffer())
}

fn figure_row(
    ws: &mut Worksheet,
    fig: &PrintedFigure,
    audited: &FigureAudit,
    row: u32,
    rows: &std::collections::BTreeMap<&str, u32>,
    factors: &[Decimal],
) -> Result<()> {
    x(ws.write_string(row, 0, &fig.id))?;
    let relation = fig.from.first();
    let formula_of = |r: &Relation| relation_formula(r, rows, factors);
    let places = fig
        .printed
        .as_ref()
        .map_or(0, |p| p.step.normalize().scale());
    match (
        &fig.printed,
        relation.and_then(formula_of),
        &audited.derived,
    ) {
        (Some(p), _, _) => {
            x(ws.write_string(row, 1, &p.text))?;
            let shaded = shown(places).set_background_color("#FFF2CC");
            x(ws.write_number_with_format(row, 2, num(p.value), &shaded))?;
        }
        (None, Some(text), Some(d)) => {
            x(ws.write_string(row, 1, "(printed nowhere)"))?;
            let format = shown(places_needed(d.exact, places + 3, places));
            x(ws.write_formula_with_format(row, 2, formula(text, d.exact), &format))?;
        }
        _ => {}
    }
    // A recomputation's format: three places past the printed ones, less
    // the zeros that say nothing.
    let beside = |v: Decimal| shown(places_needed(v, places + 3, places));
    let from_relation = audited.checks.iter().find(|c| c.range.is_some());
    let later = if fig.printed.is_some() {
        relation
    } else {
        fig.from.get(1)
    };
    match (
        later.and_then(formula_of),
        from_relation,
        audited.checks.first(),
    ) {
        (Some(text), Some(c), _) => {
            x(ws.write_formula_with_format(row, 3, formula(text, c.exact), &beside(c.exact)))?;
            let difference = formula(format!("=C{}-D{}", row + 1, row + 1), c.difference);
            x(ws.write_formula_with_format(row, 4, difference, &beside(c.difference)))?;
        }
        (_, _, Some(c)) => {
            // Recomputed from the programme, which the workbook does not hold.
            x(ws.write_number_with_format(row, 3, num(c.exact), &beside(c.exact)))?;
            x(ws.write_number_with_format(row, 4, num(c.difference), &beside(c.difference)))?;
        }
        _ => {}
    }
    let verdict = audited.verdict.map_or(
        if audited.derived.is_some() {
            "derived"
        } else {
            "a printed input"
        },
        |v| v.words(),
    );
    x(ws.write_string(row, 5, verdict))?;
    let derived = audited.derived.iter().map(|d| d.against.as_str());
    let against: Vec<&str> = derived
        .chain(audited.checks.iter().map(|c| c.against.as_str()))
        .collect();
    let wrap = Format::new().set_text_wrap();
    x(ws.write_string_with_format(row, 6, against.join("; "), &wrap))?;
    x(ws.write_string_with_format(row, 7, fig.place.describe(), &wrap))?;
    Ok(())
}

/// A number format with thousands separators and `places` decimals.
fn shown(places: u32) -> Format {
    let decimals = if places == 0 {
        String::new()
    } else {
        format!(".{}", "0".repeat(places as usize))
    };
    Format::new().set_num_format(format!("#,##0{decimals}"))
}

/// A relation as a formula over the parts' value cells (column C).
fn relation_formula(
    relation: &Relation,
    rows: &std::collections::BTreeMap<&str, u32>,
    factors: &[Decimal],
) -> Option<String> {
    let cells: Option<Vec<String>> = relation
        .parts()
        .iter()
        .map(|p| rows.get(p).map(|r| format!("C{}", r + 1)))
        .collect();
    let cells = cells?;
    Some(match relation {
        Relation::Sum(_) => format!("={}", cells.join("+")),
        Relation::Product(_) => format!("={}", cells.join("*")),
        Relation::Net(..) => format!("={}", cells.join("-")),
        Relation::Ratio(..) => format!("={}", cells.join("/")),
        Relation::Same(_) => format!("={}", cells.join("")),
        Relation::PresentValue(_) => {
            let terms: Vec<String> = cells
                .iter()
                .zip(factors)
                .map(|(c, d)| format!("{c}*{}", d.normalize()))
                .collect();
            format!("={}", terms.join("+"))
        }
    })
}

/// Each headline's printed inputs, their status and switching values.
fn headlines(wb: &mut Workbook, f: &Formats, audit: &PrintedAudit) -> Result<()> {
    let ws = x(wb.add_worksheet().set_name("Headlines"))?;
    let names = crate::audit::HEADLINE_COLUMNS;
    headers(ws, f, &names, &[24.0, 10.0, 22.0, 16.0, 14.0, 28.0])?;
    let mut row = 1u32;
    for h in &audit.headlines {
        for i in &h.inputs {
            x(ws.write_string(row, 0, format!("{} {}", h.id, h.printed)))?;
            if let Some(s) = h.switching {
                x(ws.write_number(row, 1, num(s)))?;
            }
            x(ws.write_string(row, 2, &i.id))?;
            x(ws.write_string(row, 3, i.printed.as_ref().map_or("", |p| p.text.as_str())))?;
            x(ws.write_string(row, 4, i.status.word()))?;
            if let Some(v) = i.switching_value {
                let places = i.printed.as_ref().map_or(0, |p| p.step.normalize().scale());
                let format = shown(places_needed(v, places + 3, places));
                x(ws.write_number_with_format(row, 5, num(v), &format))?;
            }
            row = row.saturating_add(1);
        }
    }
    Ok(())
}
