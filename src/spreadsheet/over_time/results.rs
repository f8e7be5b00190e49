//! The results of the appraisal over time (present values, ratios,
//! paybacks, per participant) and the splits by agency and kind, each a
//! formula with froi's value beside it.

use rust_decimal::Decimal;
use rust_xlsxwriter::Worksheet;

use super::years::Grid;
use super::{Ctx, Ranges, SHEET, Y0, YEARS, col};
use crate::error::Result;
use crate::spreadsheet::{Formats, abs, heading, num, x};

/// The rows of results above the per-participant figures (the layout
/// leaves room for them).
pub(super) const RESULTS: u32 = 9;

/// Where the results went, for the Summary sheet: (label, workbook cell,
/// froi's value).
pub(crate) struct ResultCells {
    pub(crate) rows: Vec<(String, String, Shown)>,
}

/// froi's value of a result, as the Summary shows it beside the formula.
pub(crate) enum Shown {
    Money(Decimal),
    Ratio(Decimal),
    Year(Option<u32>),
}

/// The results block of the Over time sheet, from `at.results`.
pub(super) fn results(
    ws: &mut Worksheet,
    cx: &Ctx<'_>,
    grid: &Grid,
    ranges: &Ranges,
) -> Result<ResultCells> {
    let (p, r, f, at, last) = (cx.p, cx.r, cx.f, &cx.at, cx.last);
    let Ranges {
        pvs, flows, kinds, ..
    } = ranges;
    heading(ws, at.results, &["result", "workbook", "froi"], f)?;
    let row_span = |w: u32| {
        format!(
            "{YEARS}!{}{}:{}{}",
            col(Y0),
            w + 1,
            col(last.saturating_sub(1)),
            w + 1
        )
    };
    let payback = |w: u32| {
        let span = row_span(w);
        format!("=IF(COUNT({span})=0,\"not within the horizon\",MIN({span}))")
    };
    let b = |k: u32| format!("B{}", at.results + 1 + k + 1);
    let rows: [(&str, String, Shown); RESULTS as usize] = [
        (
            "present value of benefits",
            format!("=SUMIF({flows},\"benefit\",{pvs})"),
            Shown::Money(r.pv_benefits.value()),
        ),
        (
            "present value of costs",
            format!("=SUMIF({flows},\"cost\",{pvs})"),
            Shown::Money(r.pv_costs.value()),
        ),
        (
            "net present value",
            format!("={}-{}", b(0), b(1)),
            Shown::Money(r.npv.value()),
        ),
        (
            "benefit-cost ratio",
            format!("={}/{}", b(0), b(1)),
            Shown::Ratio(r.bcr.value()),
        ),
        (
            "net ratio (NPV / PV costs)",
            format!("={}/{}", b(2), b(1)),
            Shown::Ratio(r.net_ratio.value()),
        ),
        (
            "fiscal benefit-cost ratio (FROI)",
            format!(
                "=SUMIFS({pvs},{flows},\"benefit\",{kinds},\"fiscal\")/{}",
                b(1)
            ),
            Shown::Ratio(r.fiscal_bcr.value()),
        ),
        (
            "payback year (discounted)",
            payback(grid.paid_back_discounted),
            Shown::Year(r.payback_year),
        ),
        (
            "payback year (undiscounted)",
            payback(grid.paid_back),
            Shown::Year(r.payback_year_undiscounted),
        ),
        (
            "net benefit over the horizon, undiscounted",
            format!(
                "={YEARS}!{}{}",
                col(last.saturating_sub(1)),
                grid.real_net + 1
            ),
            Shown::Money(r.real_net.value()),
        ),
    ];
    let mut out = Vec::new();
    let mut w = at.results + 1;
    for (name, formula, shown) in rows {
        result_row(ws, w, name, &formula, &shown, 2, f)?;
        // A payback the later years undo, said beside it as the report says it.
        let undone = match name {
            "payback year (discounted)" => r.payback_undone(),
            "payback year (undiscounted)" => r.undiscounted_payback_undone(),
            _ => false,
        };
        if undone {
            x(ws.write_string(
                w,
                3,
                "paid back that year, but the cumulative net is negative again by the horizon",
            ))?;
        }
        out.push((name.to_string(), abs(SHEET, w, 1), shown));
        w += 1;
    }
    if let (Some(pp), Some(n)) = (&r.per_participant, p.participants) {
        per_participant_rows(ws, w, n, pp, &b, ranges, f)?;
    }
    Ok(ResultCells { rows: out })
}

/// The participants, and the results per participant from row `w`: each a
/// formula over the results above (`b(k)` is result k's cell).
fn per_participant_rows(
    ws: &mut Worksheet,
    mut w: u32,
    n: u64,
    pp: &crate::over_time::PerParticipant,
    b: &dyn Fn(u32) -> String,
    ranges: &Ranges,
    f: &Formats,
) -> Result<()> {
    let Ranges {
        pvs, flows, kinds, ..
    } = ranges;
    let people = w;
    x(ws.write_string(w, 0, "participants"))?;
    x(ws.write_number_with_format(w, 1, n as f64, &f.input))?;
    w += 1;
    let per = |k: u32| format!("={}/B{}", b(k), people + 1);
    let fiscal = format!(
        "=SUMIFS({pvs},{flows},\"benefit\",{kinds},\"fiscal\")/B{}",
        people + 1
    );
    for (name, formula, value) in [
        ("PV of benefits per participant", per(0), pp.pv_benefits),
        (
            "PV of fiscal benefits per participant",
            fiscal,
            pp.pv_fiscal_benefits,
        ),
        ("PV of costs per participant", per(1), pp.pv_costs),
        ("NPV per participant", per(2), pp.npv),
    ] {
        result_row(ws, w, name, &formula, &Shown::Money(value.value()), 2, f)?;
        w += 1;
    }
    Ok(())
}

/// One result: its name, the workbook's formula in column B, froi's value
/// in column `froi`, each in the figure's format.
pub(crate) fn result_row(
    ws: &mut Worksheet,
    w: u32,
    name: &str,
    formula: &str,
    shown: &Shown,
    froi: u16,
    f: &Formats,
) -> Result<()> {
    x(ws.write_string(w, 0, name))?;
    let text = formula;
    match shown {
        Shown::Money(v) => {
            let formula = crate::spreadsheet::formula(text, *v);
            x(ws.write_formula_with_format(w, 1, formula, &f.money))?;
            x(ws.write_number_with_format(w, froi, num(*v), &f.money))?;
        }
        Shown::Ratio(v) => {
            let formula = crate::spreadsheet::formula(text, *v);
            x(ws.write_formula_with_format(w, 1, formula, &f.ratio))?;
            x(ws.write_number_with_format(w, froi, num(*v), &f.ratio))?;
        }
        Shown::Year(v) => {
            let formula = match v {
                Some(y) => crate::spreadsheet::formula(text, Decimal::from(*y)),
                None => crate::spreadsheet::formula_text(text, "not within the horizon"),
            };
            x(ws.write_formula(w, 1, formula))?;
            match v {
                Some(y) => x(ws.write_number(w, froi, f64::from(*y)))?,
                None => x(ws.write_string(w, froi, "not within the horizon"))?,
            };
        }
    }
    Ok(())
}

pub(super) fn splits(ws: &mut Worksheet, cx: &Ctx<'_>, ranges: &Ranges) -> Result<()> {
    let (r, f, at) = (cx.r, cx.f, &cx.at);
    let Ranges {
        pvs,
        flows,
        kinds,
        agencies,
    } = ranges;
    for (top, title, rows, keys) in [
        (at.by_agency, "by agency", &r.by_agency, agencies),
        (at.by_kind, "by kind of value", &r.by_kind, kinds),
    ] {
        heading(
            ws,
            top,
            &[
                title,
                "PV of benefits",
                "PV of costs",
                "froi: PV of benefits",
                "froi: PV of costs",
            ],
            f,
        )?;
        for (i, s) in rows.iter().enumerate() {
            let w = top + 1 + u32::try_from(i).unwrap_or(0);
            let a1 = w + 1;
            x(ws.write_string(w, 0, &s.key))?;
            for (c, which, value) in [(1u16, "benefit", s.pv_benefits), (2, "cost", s.pv_costs)] {
                x(ws.write_formula_with_format(
                    w,
                    c,
                    crate::spreadsheet::formula(
                        format!("=SUMIFS({pvs},{flows},\"{which}\",{keys},$A${a1})"),
                        value.value(),
                    ),
                    &f.money,
                ))?;
            }
            x(ws.write_number_with_format(w, 3, num(s.pv_benefits.value()), &f.money))?;
            x(ws.write_number_with_format(w, 4, num(s.pv_costs.value()), &f.money))?;
        }
    }
    Ok(())
}
