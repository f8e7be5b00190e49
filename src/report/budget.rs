//! The budget view as text: who pays and who saves, by financial year.

use std::fmt::Write;

use super::layout::{Align, row};
use super::pounds;
use crate::budget::BudgetView;

/// Who pays and who saves, agency by financial year.
///
/// ```
/// let p = froi::load::read_programme("data/cardiff_2014/programme.toml")?.programme;
/// let pv = froi::appraise(&p)?.over_time.unwrap();
/// let view = froi::budget_view(&p, &pv, froi::YearStart::new(2003, 1)?)?;
/// let text = froi::report::budget_text(&view);
/// assert!(text.contains("Health service"));
/// # Ok::<(), froi::Error>(())
/// ```
pub fn budget_text(v: &BudgetView) -> String {
    let mut s = format!(
        "\nBudget view: who pays and who saves (years from {}; real, base-year prices)\n",
        v.year_start.label(0)
    );
    let widths = [24, 12, 12, 12, 12, 12, 9];
    let head = [
        "agency",
        "pays",
        "saves",
        "cashable",
        "PV saves",
        "PV pays",
        "pays back",
    ];
    let _ = writeln!(s, "{}", table_row(&head.map(String::from), &widths, 1));
    for a in &v.agencies {
        let cells = [
            a.agency.clone(),
            pounds(a.paid),
            pounds(a.saved),
            pounds(a.cashable),
            pounds(a.pv_saved),
            pounds(a.pv_paid),
            a.payback_year
                .map_or("no".into(), |y| v.year_start.label(y)),
        ];
        let _ = writeln!(s, "{}", table_row(&cells, &widths, 1));
    }
    let _ = writeln!(s, "\n  Agency by year");
    let widths = [26, 8, 11, 11, 11, 11, 11, 11];
    let head = [
        "agency",
        "year",
        "pays",
        "cashable",
        "non-cash.",
        "not stated",
        "net",
        "net PV",
    ];
    let _ = writeln!(s, "{}", table_row(&head.map(String::from), &widths, 2));
    for r in &v.rows {
        let cells = [
            r.agency.clone(),
            r.financial_year.clone(),
            pounds(r.paid),
            pounds(r.cashable),
            pounds(r.non_cashable),
            pounds(r.not_stated),
            pounds(r.net),
            pounds(r.discounted_net),
        ];
        let _ = writeln!(s, "{}", table_row(&cells, &widths, 2));
    }
    if v.rows.iter().any(|r| r.nominal_net.is_some()) {
        let _ = writeln!(
            s,
            "\n  Net in each year's own prices (from the programme's deflators)"
        );
        for r in v.rows.iter().filter(|r| r.nominal_net.is_some()) {
            let nominal = r.nominal_net.map_or(String::new(), pounds);
            let _ = writeln!(s, "    {} {}: {nominal}", r.agency, r.financial_year);
        }
    }
    s
}

/// A row: the first `text` columns left-aligned, the rest right-aligned.
fn table_row(cells: &[String], widths: &[usize], text: usize) -> String {
    let cells: Vec<(&str, usize, Align)> = cells
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (c, w))| {
            (
                c.as_str(),
                *w,
                if i < text { Align::Left } else { Align::Right },
            )
        })
        .collect();
    row(&cells)
}
