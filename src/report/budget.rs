//! The budget view and the figures shown beside an appraisal's own
//! (distributional weights, the cost of raising public funds), as text.

use std::fmt::Write;

use super::layout::{Align, row, wrap};
use super::{grouped, pounds, ratio};
use crate::appraisal::Appraisal;
use crate::budget::BudgetView;
use crate::money::Rounding;

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

/// The figures shown beside the appraisal's own: weighted by income group,
/// and with the cost of raising public funds (each where the programme
/// asks for it).
pub(super) fn beside_text(a: &Appraisal) -> String {
    let mut s = String::new();
    if let Some(w) = &a.weighted {
        let _ = writeln!(
            s,
            "\nDistributional weights (beside the figures above, not instead): η {}, reference income {}",
            w.eta.normalize(),
            grouped(w.reference_income, Rounding::half_up(0))
        );
        for g in &w.groups {
            let income = g
                .income
                .map_or("-".into(), |i| grouped(i, Rounding::half_up(0)));
            let _ = writeln!(
                s,
                "{}",
                wrap(
                    &format!(
                        "{} (income {income}): weight {}, PV benefits {} weighted {}",
                        g.group,
                        grouped(g.weight, Rounding::half_up(4)),
                        pounds(g.pv_benefits),
                        pounds(g.weighted)
                    ),
                    "  ",
                    "    "
                )
            );
        }
        let _ = writeln!(
            s,
            "  weighted PV benefits {}; weighted NPV {}; weighted benefit-cost ratio {}",
            pounds(w.pv_benefits),
            pounds(w.npv),
            ratio(w.bcr)
        );
    }
    if let Some(m) = &a.with_metb {
        s.push('\n');
        let _ = writeln!(
            s,
            "{}",
            wrap(
                &format!(
                    "With the cost of raising public funds (METB {}% on costs, beside the figures above): PV costs {}; NPV {}; benefit-cost ratio {}",
                    (m.rate * rust_decimal::Decimal::ONE_HUNDRED).normalize(),
                    pounds(m.pv_costs),
                    pounds(m.npv),
                    ratio(m.bcr)
                ),
                "",
                "  "
            )
        );
    }
    s
}

/// The parameter tables froi ships, each with its values, vintage and
/// source.
///
/// ```
/// let text = froi::report::parameter_tables_text(&froi::parameter_tables());
/// assert!(text.contains("wellby") && text.contains("vintage: July 2021"));
/// ```
pub fn parameter_tables_text(tables: &[crate::ParameterTable]) -> String {
    let mut s = String::from(
        "Parameter tables froi ships (deflators and optimism-bias grades are not shipped: a programme\nnames its own)\n",
    );
    for t in tables {
        let values = t
            .values
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(s, "\n{}", wrap(&format!("{}: {}", t.id, t.title), "", "  "));
        for line in [
            values,
            format!("vintage: {}", t.vintage),
            format!("source: {}", t.source),
        ] {
            let _ = writeln!(s, "{}", wrap(&line, "  ", "    "));
        }
    }
    s
}
