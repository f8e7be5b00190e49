//! The options workbook: each option's present values and effect as shaded
//! inputs, and its NPV, BCR, increments over business as usual and cost per
//! unit as formulas over them, froi's values saved as their results.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet};

use super::{Formats, formula, formula_text, headers, num, x};
use crate::error::Result;
use crate::options::OptionsAppraisal;

const COLUMNS: [&str; 12] = [
    "option",
    "PV costs",
    "PV benefits",
    "effect",
    "NPV",
    "BCR",
    "Δ costs over BAU",
    "Δ benefits over BAU",
    "Δ NPV over BAU",
    "Δ BCR over BAU",
    "cost a unit over BAU",
    "standing",
];

/// The options appraisal as the bytes of an `.xlsx` file: one sheet, row 2
/// business as usual, each later row an option; change an option's PV or
/// effect and its figures follow.
///
/// ```
/// let set = froi::load::read_options("data/edge_of_care/options.toml")?;
/// let bytes = froi::spreadsheet::options_workbook(&set.appraise()?)?;
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), froi::Error>(())
/// ```
pub fn options_workbook(a: &OptionsAppraisal) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    let ws = x(wb.add_worksheet().set_name("Options"))?;
    headers(
        ws,
        &f,
        &COLUMNS,
        &[
            28.0, 14.0, 14.0, 12.0, 14.0, 10.0, 14.0, 14.0, 14.0, 10.0, 14.0, 60.0,
        ],
    )?;
    for (o, row) in a.options.iter().zip(1u32..) {
        x(ws.write_string(row, 0, &o.name))?;
        x(ws.write_number_with_format(row, 1, num(o.pv_costs.value()), &f.input_money))?;
        x(ws.write_number_with_format(row, 2, num(o.pv_benefits.value()), &f.input_money))?;
        x(ws.write_number_with_format(row, 3, num(o.effect), &f.input))?;
        let r = row + 1;
        x(ws.write_formula_with_format(
            row,
            4,
            formula(format!("=C{r}-B{r}"), o.npv.value()),
            &f.money,
        ))?;
        ratio_cell(
            ws,
            row,
            5,
            &format!("C{r}"),
            &format!("B{r}"),
            o.bcr.map(|b| b.value()),
            &f,
        )?;
        if let Some(i) = &o.over_business_as_usual {
            let d = |col: char| format!("{col}{r}-{col}$2");
            x(ws.write_formula_with_format(
                row,
                6,
                formula(format!("={}", d('B')), i.cost.value()),
                &f.money,
            ))?;
            x(ws.write_formula_with_format(
                row,
                7,
                formula(format!("={}", d('C')), i.benefit.value()),
                &f.money,
            ))?;
            x(ws.write_formula_with_format(
                row,
                8,
                formula(format!("=H{r}-G{r}"), i.npv.value()),
                &f.money,
            ))?;
            ratio_cell(
                ws,
                row,
                9,
                &format!("H{r}"),
                &format!("G{r}"),
                i.bcr.map(|b| b.value()),
                &f,
            )?;
            if a.measure.is_some() {
                let per = format!("(D{r}-D$2)");
                ratio_cell(ws, row, 10, &format!("G{r}"), &per, i.cost_per_unit, &f)?;
            }
        }
        x(ws.write_string(row, 11, o.standing.describe(a.measure.is_some())))?;
    }
    x(wb.save_to_buffer())
}

/// `=num/den`, or "-" where the denominator is zero (froi has no ratio).
fn ratio_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    num_cell: &str,
    den_cell: &str,
    value: Option<Decimal>,
    f: &Formats,
) -> Result<()> {
    let text = format!("=IF({den_cell}=0,\"-\",{num_cell}/{den_cell})");
    match value {
        Some(v) => {
            x(ws.write_formula_with_format(row, col, formula(text, v), &f.ratio)).map(|_| ())
        }
        None => x(ws.write_formula(row, col, formula_text(text, "-"))).map(|_| ()),
    }
}
