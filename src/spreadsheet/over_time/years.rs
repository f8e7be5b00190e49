//! The **Years** sheet: the discount rate of each year, the discount
//! factors, each stream's real and discounted flow by year, and the year
//! table with froi's figures under it.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Worksheet};

use super::{Ctx, Gross, Row, SHEET, Y0, col, column, flow, label, year_col};
use crate::discounting::Timing;
use crate::error::Result;
use crate::money::Money;
use crate::over_time::YearRow;
// `formula` is the name of a local here; the cached-value writer is `cached`.
use crate::spreadsheet::{Formats, abs, formula as cached, formula_text, heading, num, x};

/// What a paid-back row shows in a year before the payback.
const NOT_YET: &str = "not yet";

/// Where the Years sheet put each stream's discounted flow and the year
/// table's rows the results refer to.
pub(super) struct Grid {
    /// Each stream's row of discounted flows.
    pub(super) discounted: Vec<u32>,
    /// The first and last rows of real flows, one a stream (no rows when
    /// there are no streams).
    pub(super) real: (u32, u32),
    pub(super) real_net: u32,
    pub(super) paid_back: u32,
    pub(super) paid_back_discounted: u32,
}

/// The Years sheet: rates, factors, flows. The stream inputs it refers to
/// are on the Over time sheet, whose rows the layout fixes in advance.
pub(super) fn years_sheet(ws: &mut Worksheet, cx: &Ctx<'_>, streams: &[Row]) -> Result<Grid> {
    let (p, r, f) = (cx.p, cx.r, cx.f);
    let horizon = r.horizon;
    let year_format = Format::new().set_bold().set_num_format("\"year \"0");
    let factor = Format::new().set_num_format("0.000000");
    heading(ws, 0, &["", "flow", "kind", "agency"], f)?;
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
    // One page wide while the years still read there; a longer horizon
    // prints across pages rather than shrinking to nothing.
    if through < 25 {
        ws.set_print_fit_to_pages(1, 0);
    }

    let t_of = |t: u32| format!("{}$1", col(year_col(t)));
    label(ws, 1, "discount rate", f)?;
    label(ws, 2, "discount factor D(t) = D(t-1) / (1 + rate)", f)?;
    label(ws, 3, &format!("factor applied ({})", r.timing), f)?;
    x(ws.write_string(4, 0, "froi: factor applied"))?;
    let compounded = p.schedule.factors(through)?;
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
                cached(
                    format!("={before}3/(1+{here}2)"),
                    compounded.get(t as usize).copied().unwrap_or_default(),
                ),
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
        x(ws.write_formula_with_format(3, c, cached(formula, row.discount_factor), &factor))?;
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
        x(ws.write_string(row, column::FLOW, flow(s)))?;
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
    let names = [
        "benefits",
        "costs",
        "net benefit",
        "cumulative net benefit",
        "paid back (undiscounted)",
        "froi: benefits",
        "froi: costs",
    ];
    // The real flows, their year table, a blank row, the block's title.
    let first_discounted = first_real + count + u32::try_from(names.len()).unwrap_or(0) + 2;
    let mut rows = Vec::with_capacity(streams.len());
    for (i, s) in streams.iter().enumerate() {
        let i32 = u32::try_from(i).unwrap_or(u32::MAX);
        let real = first_real + i32;
        let discounted = first_discounted + i32;
        rows.push(discounted);
        let input = |c: u16| abs(SHEET, cx.at.streams + 1 + i32, c);
        let result = r.streams.get(i);
        let flow_in = |t: u32, discounted: bool| {
            result
                .and_then(|s| {
                    let by_year = if discounted { &s.discounted } else { &s.real };
                    by_year.get(t as usize)
                })
                .map_or(Decimal::ZERO, |m| m.value())
        };
        for w in [real, discounted] {
            x(ws.write_string(w, 0, &s.name))?;
            x(ws.write_string(w, column::FLOW, flow(s)))?;
            x(ws.write_string(w, column::KIND, &s.kind))?;
            x(ws.write_string(w, column::AGENCY, &s.agency))?;
        }
        for t in 0..horizon {
            let c = year_col(t);
            let year = t_of(t);
            let (first, span) = (input(column::FIRST_YEAR), input(column::YEARS));
            let given = match profiles.get(i).copied().flatten() {
                Some(pr) => format!("{}{}", col(c), pr + 1),
                None => "0".into(),
            };
            let formula = if s.benefit {
                let kept = format!(
                    "{}*(1-{})*(1-{})*(1-{})*(1-{})^({year}-{first})*(1-{})",
                    input(column::PRICE_FACTOR),
                    input(column::DEADWEIGHT),
                    input(column::DISPLACEMENT),
                    input(column::ATTRIBUTION),
                    input(column::DROP_OFF),
                    input(column::OPTIMISM_BIAS)
                );
                match s.amount {
                    Gross::Profile => format!("=IF({year}>={first},{given}*{kept},0)"),
                    _ => format!(
                        "=IF(AND({year}>={first},{year}<{first}+{span}),{}*{kept},0)",
                        input(column::AMOUNT)
                    ),
                }
            } else {
                format!(
                    "=(IF({year}={first},{},0)+IF(AND({year}>={first},{year}<{first}+{span}),{},0)+{given})*{}*(1+{})",
                    input(column::UP_FRONT),
                    input(column::AMOUNT),
                    input(column::PRICE_FACTOR),
                    input(column::OPTIMISM_BIAS)
                )
            };
            let formula = cached(formula, flow_in(t, false));
            x(ws.write_formula_with_format(real, c, formula, &f.money))?;
            x(ws.write_formula_with_format(
                discounted,
                c,
                cached(
                    format!("={}{}*{}$4", col(c), real + 1, col(c)),
                    flow_in(t, true),
                ),
                &f.money,
            ))?;
        }
    }
    // The year table under each block.
    let totals = first_real + count;
    year_table_labels(ws, totals, &names, f)?;
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
    year_table_labels(ws, d_totals, &d_names, f)?;
    let at = YearTables {
        totals,
        d_totals,
        first_real,
        first_discounted,
        count,
    };
    let mut running = Running::default();
    for (t, y) in r.years.iter().enumerate() {
        let t = u32::try_from(t).unwrap_or(u32::MAX);
        year_column(ws, f, &at, t, y, &mut running)?;
    }
    Ok(Grid {
        discounted: rows,
        real: (first_real, (first_real + count).saturating_sub(1)),
        real_net: totals + 3,
        paid_back: totals + 4,
        paid_back_discounted: d_totals + 3,
    })
}

/// Where the year tables stand: their first rows, and the stream rows
/// (real, then discounted) their sums run over.
struct YearTables {
    totals: u32,
    d_totals: u32,
    first_real: u32,
    first_discounted: u32,
    count: u32,
}

/// What the year tables carry from one year to the next.
#[derive(Default)]
struct Running {
    cumulative_real: Money,
    flowed: bool,
}

/// Year `t`'s column of both year tables: the sums, the net, the running
/// totals and the paid-back rows as formulas (froi's values saved as their
/// results), and froi's own figures under them.
fn year_column(
    ws: &mut Worksheet,
    f: &Formats,
    at: &YearTables,
    t: u32,
    y: &YearRow,
    running: &mut Running,
) -> Result<()> {
    let YearTables {
        totals,
        d_totals,
        first_real,
        first_discounted,
        count,
    } = *at;
    let c = year_col(t);
    let h = col(c);
    let before = col(c.saturating_sub(1));
    let span = |from: u32| format!("{h}${}:{h}${}", from + 1, from + count);
    let flows = |from: u32| {
        let c = col(column::FLOW);
        format!("${c}${}:${c}${}", from + 1, from + count)
    };
    let sumif =
        |from: u32, which: &str| format!("=SUMIF({},\"{which}\",{})", flows(from), span(from));
    let (b, k) = (totals + 1, d_totals + 1);
    let net = y.benefits.checked_sub(y.costs)?;
    running.cumulative_real = running.cumulative_real.checked_add(net)?;
    running.flowed |= !y.benefits.is_zero() || !y.costs.is_zero();
    let running_sum = |from: u32, parts: &str| {
        if t == 0 {
            format!("={parts}")
        } else {
            format!("={before}{from}+{parts}")
        }
    };
    let formulas = [
        (totals, sumif(first_real, "benefit"), y.benefits),
        (totals + 1, sumif(first_real, "cost"), y.costs),
        (totals + 2, format!("={h}{b}-{h}{}", b + 1), net),
        (
            totals + 3,
            running_sum(b + 3, &format!("{h}{}", b + 2)),
            running.cumulative_real,
        ),
        (d_totals, sumif(first_discounted, "benefit"), y.pv_benefits),
        (d_totals + 1, sumif(first_discounted, "cost"), y.pv_costs),
        (
            d_totals + 2,
            running_sum(k + 2, &format!("{h}{k}-{h}{}", k + 1)),
            y.cumulative_net,
        ),
    ];
    for (w, formula, value) in formulas {
        x(ws.write_formula_with_format(w, c, cached(formula, value.value()), &f.money))?;
    }
    let froi = [
        (totals + 5, y.benefits),
        (totals + 6, y.costs),
        (d_totals + 4, y.pv_benefits),
        (d_totals + 5, y.pv_costs),
        (d_totals + 6, y.cumulative_net),
    ];
    for (w, m) in froi {
        x(ws.write_number_with_format(w, c, num(m.value()), &f.money))?;
    }
    paid_back(ws, at, t, y, running)
}

/// Year `t`'s paid-back rows: a year in which money has moved and the
/// cumulative net is not negative shows its number; the payback is the
/// least of them.
fn paid_back(
    ws: &mut Worksheet,
    at: &YearTables,
    t: u32,
    y: &YearRow,
    running: &Running,
) -> Result<()> {
    let (c, b) = (year_col(t), at.totals + 1);
    let (h, y0) = (col(c), col(Y0));
    let moved = format!(
        "SUMPRODUCT((${y0}{b}:{h}{b}<>0)+(${y0}{}:{h}{}<>0))>0",
        b + 1,
        b + 1
    );
    for (w, cumulative, value) in [
        (at.totals + 4, at.totals + 3, running.cumulative_real),
        (at.d_totals + 3, at.d_totals + 2, y.cumulative_net),
    ] {
        // Text, not an empty string: a saved empty result reads back as 0.
        let text = format!(
            "=IF(AND({moved},{h}{}>=0),{h}$1,\"{NOT_YET}\")",
            cumulative + 1
        );
        let formula = if running.flowed && value >= Money::ZERO {
            cached(text, Decimal::from(t))
        } else {
            formula_text(text, NOT_YET)
        };
        x(ws.write_formula(w, c, formula))?;
    }
    Ok(())
}

/// A year table's row labels: its own rows in bold, froi's rows plain.
fn year_table_labels(ws: &mut Worksheet, top: u32, names: &[&str], f: &Formats) -> Result<()> {
    for (k, n) in names.iter().enumerate() {
        let w = top + u32::try_from(k).unwrap_or(0);
        if n.starts_with("froi") {
            x(ws.write_string(w, 0, *n))?;
        } else {
            label(ws, w, n, f)?;
        }
    }
    Ok(())
}
