//! The **Years** sheet: the discount rate of each year, the discount
//! factors, each stream's real and discounted flow by year, and the year
//! table with froi's figures under it.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Worksheet};

use super::{Gross, Row, SHEET, Y0, col, flow, label, stream_row, year_col};
use crate::discounting::Timing;
use crate::error::Result;
use crate::over_time::{PresentValueAppraisal, Programme};
use crate::spreadsheet::{Formats, abs, num, x};

/// Where the Years sheet put each stream's rows and the year table.
pub(super) struct Grid {
    /// Each stream's real row and discounted row.
    pub(super) rows: Vec<(u32, u32)>,
    pub(super) real_net: u32,
    pub(super) paid_back: u32,
    pub(super) paid_back_discounted: u32,
}

/// The Years sheet: rates, factors, flows. The stream inputs it refers to
/// are on the Over time sheet, whose rows are fixed in advance
/// ([`stream_row`]).
pub(super) fn years_sheet(
    ws: &mut Worksheet,
    p: &Programme,
    r: &PresentValueAppraisal,
    streams: &[Row],
    f: &Formats,
) -> Result<Grid> {
    let horizon = r.horizon;
    let year_format = Format::new().set_bold().set_num_format("\"year \"0");
    let factor = Format::new().set_num_format("0.000000");
    for (c, h) in ["", "flow", "kind", "agency"].iter().enumerate() {
        x(ws.write_string_with_format(0, u16::try_from(c).unwrap_or(0), *h, &f.header))?;
    }
    x(ws.set_column_width(0, 44.0))?;
    x(ws.set_column_width(3, 20.0))?;
    // D(t) is needed a year past the horizon by end-of-year and mid-year timing.
    let through = match r.timing {
        Timing::YearZeroUndiscounted => horizon.saturating_sub(1),
        _ => horizon,
    };
    for t in 0..=through {
        x(ws.write_number_with_format(0, year_col(t), f64::from(t), &year_format))?;
        x(ws.set_column_width(year_col(t), 13.0))?;
    }
    x(ws.set_freeze_panes(1, Y0))?;
    ws.set_landscape();

    let t_of = |t: u32| format!("{}$1", col(year_col(t)));
    label(ws, 1, "discount rate", f)?;
    label(ws, 2, "discount factor D(t) = D(t-1) / (1 + rate)", f)?;
    label(ws, 3, &format!("factor applied ({})", r.timing), f)?;
    x(ws.write_string(4, 0, "froi: factor applied"))?;
    for t in 0..=through {
        let c = year_col(t);
        let here = col(c);
        x(ws.write_number_with_format(1, c, num(p.schedule.rate_in(t).value()), &f.input_share))?;
        if t == 0 {
            x(ws.write_number_with_format(2, c, 1.0, &factor))?;
        } else {
            let before = col(c - 1);
            x(ws.write_formula_with_format(
                2,
                c,
                Formula::new(format!("={before}3/(1+{here}2)")),
                &factor,
            ))?;
        }
    }
    for (t, row) in r.years.iter().enumerate() {
        let t = u32::try_from(t).unwrap_or(u32::MAX);
        let c = year_col(t);
        let (here, next) = (col(c), col(c.saturating_add(1)));
        let formula = match r.timing {
            Timing::YearZeroUndiscounted => format!("={here}3"),
            Timing::EndOfYear => format!("={next}3"),
            Timing::MidYear => format!("={here}3/SQRT(1+{next}2)"),
        };
        x(ws.write_formula_with_format(3, c, Formula::new(formula), &factor))?;
        x(ws.write_number_with_format(4, c, num(row.discount_factor), &factor))?;
    }

    // Profiles as given, by appraisal year.
    let mut row = 6u32;
    let mut profiles = Vec::with_capacity(streams.len());
    if streams.iter().any(|s| !s.profile.is_empty()) {
        label(ws, row, "amounts as given, by appraisal year (profiles)", f)?;
        row += 1;
    }
    for s in streams {
        if s.profile.is_empty() {
            profiles.push(None);
            continue;
        }
        x(ws.write_string(row, 0, &s.name))?;
        x(ws.write_string(row, 1, flow(s)))?;
        for (k, amount) in s.profile.iter().enumerate() {
            let t = s
                .first_year
                .saturating_add(u32::try_from(k).unwrap_or(u32::MAX));
            if t < horizon {
                x(ws.write_number_with_format(row, year_col(t), num(*amount), &f.input_money))?;
            }
        }
        profiles.push(Some(row));
        row += 1;
    }

    // Real flows, base-year prices.
    row += 1;
    label(ws, row, "real, base-year prices", f)?;
    row += 1;
    let first_real = row;
    let count = u32::try_from(streams.len()).unwrap_or(u32::MAX);
    let first_discounted = first_real + count + 9;
    let mut rows = Vec::with_capacity(streams.len());
    for (i, s) in streams.iter().enumerate() {
        let i32 = u32::try_from(i).unwrap_or(u32::MAX);
        let real = first_real + i32;
        let discounted = first_discounted + i32;
        rows.push((real, discounted));
        let input = |c: u16| abs(SHEET, stream_row(p, r, i32), c);
        for w in [real, discounted] {
            x(ws.write_string(w, 0, &s.name))?;
            x(ws.write_string(w, 1, flow(s)))?;
            x(ws.write_string(w, 2, &s.kind))?;
            x(ws.write_string(w, 3, &s.agency))?;
        }
        for t in 0..horizon {
            let c = year_col(t);
            let year = t_of(t);
            let (first, span) = (input(12), input(13));
            let given = match profiles.get(i).copied().flatten() {
                Some(pr) => format!("{}{}", col(c), pr + 1),
                None => "0".into(),
            };
            let formula = if s.benefit {
                let kept = format!(
                    "{}*(1-{})*(1-{})*(1-{})*(1-{})^({year}-{first})*(1-{})",
                    input(6),
                    input(7),
                    input(8),
                    input(9),
                    input(10),
                    input(11)
                );
                match s.amount {
                    Gross::Profile => format!("=IF({year}>={first},{given}*{kept},0)"),
                    _ => format!(
                        "=IF(AND({year}>={first},{year}<{first}+{span}),{}*{kept},0)",
                        input(4)
                    ),
                }
            } else {
                format!(
                    "=(IF({year}={first},{},0)+IF(AND({year}>={first},{year}<{first}+{span}),{},0)+{given})*{}*(1+{})",
                    input(14),
                    input(4),
                    input(6),
                    input(11)
                )
            };
            x(ws.write_formula_with_format(real, c, Formula::new(formula), &f.money))?;
            x(ws.write_formula_with_format(
                discounted,
                c,
                Formula::new(format!("={}{}*{}$4", col(c), real + 1, col(c))),
                &f.money,
            ))?;
        }
    }
    let span = |c: u16, from: u32| {
        let c = col(c);
        format!("{c}${}:{c}${}", from + 1, from + count)
    };
    let flows = |from: u32| format!("$B${}:$B${}", from + 1, from + count);
    // The year table under each block.
    let totals = first_real + count;
    let names = [
        "benefits",
        "costs",
        "net benefit",
        "cumulative net benefit",
        "paid back (undiscounted)",
        "froi: benefits",
        "froi: costs",
    ];
    for (k, n) in names.iter().enumerate() {
        let w = totals + u32::try_from(k).unwrap_or(0);
        if n.starts_with("froi") {
            x(ws.write_string(w, 0, *n))?;
        } else {
            label(ws, w, n, f)?;
        }
    }
    let d_totals = first_discounted + count;
    label(
        ws,
        first_discounted - 1,
        "discounted (real x factor applied)",
        f,
    )?;
    let d_names = [
        "present value of benefits",
        "present value of costs",
        "cumulative discounted net benefit",
        "paid back (discounted)",
        "froi: present value of benefits",
        "froi: present value of costs",
        "froi: cumulative discounted net benefit",
    ];
    for (k, n) in d_names.iter().enumerate() {
        let w = d_totals + u32::try_from(k).unwrap_or(0);
        if n.starts_with("froi") {
            x(ws.write_string(w, 0, *n))?;
        } else {
            label(ws, w, n, f)?;
        }
    }
    for (t, y) in r.years.iter().enumerate() {
        let t = u32::try_from(t).unwrap_or(u32::MAX);
        let c = year_col(t);
        let h = col(c);
        let before = col(c.saturating_sub(1));
        let sumif = |from: u32, which: &str| {
            format!("=SUMIF({},\"{which}\",{})", flows(from), span(c, from))
        };
        let (b, k) = (totals + 1, d_totals + 1);
        let cells: [(u32, String, Option<Decimal>); 12] = [
            (totals, sumif(first_real, "benefit"), None),
            (totals + 1, sumif(first_real, "cost"), None),
            (totals + 2, format!("={h}{b}-{h}{}", b + 1), None),
            (
                totals + 3,
                if t == 0 {
                    format!("={h}{}", b + 2)
                } else {
                    format!("={before}{}+{h}{}", b + 3, b + 2)
                },
                None,
            ),
            (totals + 5, String::new(), Some(y.benefits.value())),
            (totals + 6, String::new(), Some(y.costs.value())),
            (d_totals, sumif(first_discounted, "benefit"), None),
            (d_totals + 1, sumif(first_discounted, "cost"), None),
            (
                d_totals + 2,
                if t == 0 {
                    format!("={h}{k}-{h}{}", k + 1)
                } else {
                    format!("={before}{}+{h}{k}-{h}{}", k + 2, k + 1)
                },
                None,
            ),
            (d_totals + 4, String::new(), Some(y.pv_benefits.value())),
            (d_totals + 5, String::new(), Some(y.pv_costs.value())),
            (d_totals + 6, String::new(), Some(y.cumulative_net.value())),
        ];
        for (w, formula, value) in cells {
            match value {
                Some(v) => x(ws.write_number_with_format(w, c, num(v), &f.money))?,
                None => x(ws.write_formula_with_format(w, c, Formula::new(formula), &f.money))?,
            };
        }
        // A year in which the cumulative net is not negative shows its number;
        // the payback is the least of them.
        for (w, cumulative) in [(totals + 4, totals + 3), (d_totals + 3, d_totals + 2)] {
            x(ws.write_formula(
                w,
                c,
                Formula::new(format!("=IF({h}{}>=0,{h}$1,\"\")", cumulative + 1)),
            ))?;
        }
    }
    Ok(Grid {
        rows,
        real_net: totals + 3,
        paid_back: totals + 4,
        paid_back_discounted: d_totals + 3,
    })
}
