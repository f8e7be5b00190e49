//! The **Over time** sheet: the results and splits (written by
//! `results`), the price base, the outcome lines, and one row of inputs per
//! stream that the Years sheet's formulas refer to.

use rust_xlsxwriter::Worksheet;

use super::results::{ResultCells, results, splits};
use super::years::Grid;
use super::{
    Ctx, Gross, Ranges, Row, SHEET, Y0, YEARS, col, column, flow, grades_named, price_years,
};
use crate::benefits::Period;
use crate::error::{Error, Location, Result};
use crate::outcome_lines::{Effect, OutcomeLine};
use crate::spreadsheet::{Formats, abs, formula, heading, num, quoted, x};

/// The Over time sheet: title, prices, outcome lines and stream inputs,
/// then the results and splits over the streams' present values.
pub(super) fn over_time_sheet(
    ws: &mut Worksheet,
    cx: &Ctx<'_>,
    streams: &[Row],
    grid: &Grid,
    service: Option<&str>,
) -> Result<ResultCells> {
    let (p, r, f, at, last) = (cx.p, cx.r, cx.f, &cx.at, cx.last);
    ws.set_landscape();
    // One page wide: its columns are fixed, whatever the horizon.
    ws.set_print_fit_to_pages(1, 0);
    for (c, w) in [44.0, 14.0, 14.0, 22.0, 20.0, 16.0, 16.0]
        .iter()
        .chain([16.0; 8].iter())
        .chain([16.0, 16.0, 60.0].iter())
        .enumerate()
    {
        x(ws.set_column_width(u16::try_from(c).unwrap_or(0), *w))?;
    }
    x(ws.write_string_with_format(
        0,
        0,
        format!(
            "Appraisal over time: {} years, {} prices",
            r.horizon,
            r.base_year.as_deref().unwrap_or("given")
        ),
        &f.header,
    ))?;
    x(ws.write_string(
        1,
        0,
        format!(
            "Discounting: {} ({}); {}. Flows by year on the Years sheet.",
            p.schedule.name(),
            p.schedule.source(),
            r.timing
        ),
    ))?;
    x(ws.write_string(
        2,
        0,
        "Every figure is a formula over the shaded inputs; froi's exact value stands beside it.",
    ))?;

    // Prices: the index of each year named, an input; a stream's factor is
    // index(base) / index(its year).
    let prices = price_years(p);
    let mut index_cell = Vec::new();
    if !prices.is_empty() {
        heading(ws, at.prices, &["price base", "index", "", "source"], f)?;
        let source = p.deflators.as_ref().map_or("", |d| d.source());
        for (i, (year, index)) in prices.iter().enumerate() {
            let w = at.prices + 1 + u32::try_from(i).unwrap_or(0);
            x(ws.write_string(w, 0, year))?;
            x(ws.write_number_with_format(w, 1, num(*index), &f.input))?;
            x(ws.write_string(w, 3, source))?;
            index_cell.push((year.clone(), abs(SHEET, w, 1)));
        }
    }
    let index_of = |year: &str| {
        index_cell
            .iter()
            .find(|(y, _)| y == year)
            .map(|(_, c)| c.clone())
    };

    // Optimism bias: each grade a stream names, its cost uplift and benefit
    // reduction as inputs; a stream's bias is a reference to its grade's.
    let mut grade_cell: Vec<(String, String, String)> = Vec::new();
    let grades = grades_named(p);
    if !grades.is_empty() {
        let heads = [
            "optimism-bias grade",
            "cost uplift",
            "benefit reduction",
            "source",
        ];
        heading(ws, at.grades, &heads, f)?;
        let source = p.optimism.as_ref().map_or("", |t| t.source());
        for (i, g) in grades.iter().enumerate() {
            let w = at.grades + 1 + u32::try_from(i).unwrap_or(0);
            x(ws.write_string(w, 0, &g.name))?;
            x(ws.write_number_with_format(w, 1, num(g.cost_uplift.value()), &f.input_share))?;
            x(ws.write_number_with_format(w, 2, num(g.benefit_reduction.value()), &f.input_share))?;
            x(ws.write_string(w, 3, source))?;
            grade_cell.push((g.name.clone(), abs(SHEET, w, 1), abs(SHEET, w, 2)));
        }
    }

    // Outcome lines: the count of outcomes and the gross value a year.
    let mut line_gross = Vec::new();
    if !p.outcomes.is_empty() {
        let heads = [
            "outcome line",
            "participants",
            "engagement",
            "share",
            "treatment rate",
            "comparison rate",
            "count or change",
            "effect a person",
            "outcomes a year",
            "unit value",
            "periods a year",
            "gross a year",
            "froi: gross a year",
            "",
            "",
            "",
            "",
            "",
            "unit value source",
        ];
        heading(ws, at.lines, &heads, f)?;
        for (i, line) in p.outcomes.iter().enumerate() {
            let w = at.lines + 1 + u32::try_from(i).unwrap_or(0);
            let a1 = w + 1;
            line_gross.push(abs(SHEET, w, 11));
            outcome_line(ws, w, line, f)?;
            let effect = match line.effect {
                Effect::Share(_) => format!("=D{a1}"),
                Effect::Achieved { .. } => format!("=E{a1}-F{a1}"),
                Effect::Avoided { .. } => format!("=F{a1}-E{a1}"),
                Effect::Count(_) | Effect::Change(_) => format!("=G{a1}"),
            };
            x(ws.write_formula(w, 7, formula(effect, line.effect.per_person()?)))?;
            let outcomes = match line.effect {
                Effect::Count(_) => format!("=H{a1}"),
                _ => format!("=B{a1}*C{a1}*H{a1}"),
            };
            x(ws.write_formula(w, 8, formula(outcomes, line.outcomes()?)))?;
            x(ws.write_formula_with_format(
                w,
                11,
                formula(format!("=I{a1}*J{a1}*K{a1}"), line.annual_gross()?.value()),
                &f.money,
            ))?;
            x(ws.write_number_with_format(w, 12, num(line.annual_gross()?.value()), &f.money))?;
        }
    }

    // The streams, one row of inputs each.
    let heads = [
        "stream",
        "flow",
        "kind",
        "agency",
        "amount a year, as given",
        "price year",
        "price factor",
        "deadweight",
        "displacement",
        "attribution",
        "drop-off",
        "optimism bias",
        "first year",
        "years",
        "up front",
        "present value",
        "froi: present value",
        "",
        "notes",
    ];
    heading(ws, at.streams, &heads, f)?;
    let mut line = 0usize;
    for (i, (s, result)) in streams.iter().zip(&r.streams).enumerate() {
        let w = at.streams + 1 + u32::try_from(i).unwrap_or(0);
        let mut notes: Vec<String> = Vec::new();
        // The amount as given: the gross a year before restating its prices.
        let as_given = crate::money::div(result.gross.value(), result.price_factor, || {
            "an amount as given".into()
        })?;
        x(ws.write_string(w, 0, &s.name))?;
        x(ws.write_string(w, column::FLOW, flow(s)))?;
        x(ws.write_string(w, column::KIND, &s.kind))?;
        x(ws.write_string(w, column::AGENCY, &s.agency))?;
        match s.amount {
            Gross::Pounds(v) => {
                x(ws.write_number_with_format(w, column::AMOUNT, num(v), &f.input_money))?
            }
            Gross::Service => match service {
                Some(cell) => {
                    notes.push("amount: the service's gross annual benefit (Annual sheet)".into());
                    x(ws.write_formula_with_format(
                        w,
                        column::AMOUNT,
                        formula(format!("={cell}"), as_given),
                        &f.money,
                    ))?
                }
                None => {
                    return Err(Error::Missing {
                        at: Location::field(format!("annual (stream {:?})", s.name)),
                        what: "table",
                    });
                }
            },
            Gross::Line => {
                let cell = line_gross.get(line).cloned().unwrap_or_default();
                line += 1;
                x(ws.write_formula_with_format(
                    w,
                    column::AMOUNT,
                    formula(format!("={cell}"), as_given),
                    &f.money,
                ))?
            }
            Gross::Profile => {
                notes.push("amounts by year on the Years sheet".into());
                x(ws.write_string(w, column::AMOUNT, "by year"))?
            }
        };
        if let Some(year) = &s.price_year {
            x(ws.write_string(w, column::PRICE_YEAR, year))?;
        }
        let restated = match (s.price_year.as_deref(), r.base_year.as_deref()) {
            (Some(from), Some(to)) if from != to => index_of(from).zip(index_of(to)),
            _ => None,
        };
        match restated {
            Some((from, to)) => x(ws.write_formula_with_format(
                w,
                column::PRICE_FACTOR,
                formula(format!("={to}/{from}"), result.price_factor),
                &f.ratio,
            ))?,
            None => x(ws.write_number_with_format(w, column::PRICE_FACTOR, 1.0, &f.ratio))?,
        };
        if s.benefit {
            let a = &s.adjustments;
            for (c, v) in [
                (column::DEADWEIGHT, a.deadweight.value()),
                (column::DISPLACEMENT, a.displacement.value()),
                (column::ATTRIBUTION, a.attribution.value()),
                (column::DROP_OFF, a.drop_off.value()),
            ] {
                x(ws.write_number_with_format(w, c, num(v), &f.input_share))?;
            }
        }
        // A cost takes its grade's uplift, a benefit its reduction.
        let grade = s.grade.as_deref().and_then(|g| {
            grade_cell
                .iter()
                .find(|(name, _, _)| name == g)
                .map(|(_, cost, benefit)| if s.benefit { benefit } else { cost })
        });
        match grade {
            Some(cell) => x(ws.write_formula_with_format(
                w,
                column::OPTIMISM_BIAS,
                formula(format!("={cell}"), result.optimism_bias),
                &f.percent,
            ))?,
            None => x(ws.write_number_with_format(
                w,
                column::OPTIMISM_BIAS,
                num(result.optimism_bias),
                &f.input_share,
            ))?,
        };
        if let Some(g) = &s.grade {
            notes.push(format!("optimism bias: grade {g:?}"));
        }
        x(ws.write_number_with_format(w, column::FIRST_YEAR, f64::from(s.first_year), &f.input))?;
        x(ws.write_number_with_format(w, column::YEARS, f64::from(s.years), &f.input))?;
        if !s.benefit {
            x(ws.write_number_with_format(w, column::UP_FRONT, num(s.up_front), &f.input_money))?;
        }
        let discounted = grid.discounted.get(i).copied().unwrap_or(0);
        x(ws.write_formula_with_format(
            w,
            column::PRESENT_VALUE,
            formula(
                format!(
                    "=SUM({}!{}{}:{}{})",
                    YEARS,
                    col(Y0),
                    discounted + 1,
                    col(last.saturating_sub(1)),
                    discounted + 1
                ),
                result.present_value.value(),
            ),
            &f.money,
        ))?;
        x(ws.write_number_with_format(
            w,
            column::FROI_PRESENT_VALUE,
            num(result.present_value.value()),
            &f.money,
        ))?;
        if !notes.is_empty() {
            x(ws.write_string(w, column::NOTES, notes.join("; ")))?;
        }
    }

    // The stream rows, for the results' SUMIFs.
    let rows = (
        at.streams + 2,
        at.streams + 1 + u32::try_from(streams.len()).unwrap_or(0),
    );
    let pv = |c: u16| {
        let c = col(c);
        format!("{}!${c}${}:${c}${}", quoted(SHEET), rows.0, rows.1)
    };
    let ranges = Ranges {
        flows: pv(column::FLOW),
        kinds: pv(column::KIND),
        agencies: pv(column::AGENCY),
        pvs: pv(column::PRESENT_VALUE),
    };
    let cells = results(ws, cx, grid, &ranges)?;
    splits(ws, cx, &ranges)?;
    Ok(cells)
}

/// One outcome line's inputs: cohort, engagement, effect, unit value.
fn outcome_line(ws: &mut Worksheet, w: u32, line: &OutcomeLine, f: &Formats) -> Result<()> {
    x(ws.write_string(w, 0, &line.name))?;
    if let Some(n) = line.participants {
        x(ws.write_number_with_format(w, 1, n as f64, &f.input))?;
    }
    x(ws.write_number_with_format(w, 2, num(line.engagement.value()), &f.input_share))?;
    match line.effect {
        Effect::Share(s) => x(ws.write_number_with_format(w, 3, num(s.value()), &f.input_share))?,
        Effect::Achieved {
            treatment,
            comparison,
        }
        | Effect::Avoided {
            treatment,
            comparison,
        } => {
            x(ws.write_number_with_format(w, 4, num(treatment.value()), &f.input_share))?;
            x(ws.write_number_with_format(w, 5, num(comparison.value()), &f.input_share))?
        }
        Effect::Count(n) | Effect::Change(n) => {
            x(ws.write_number_with_format(w, 6, num(n), &f.input))?
        }
    };
    x(ws.write_number_with_format(w, 9, num(line.value.amount), &f.input_money))?;
    let per_year = match line.value.period {
        Period::Week | Period::Month | Period::Year => line.value.period.per_year().unwrap_or(1),
        _ => 1,
    };
    x(ws.write_number(w, 10, f64::from(per_year)))?;
    let v = &line.value;
    x(ws.write_string(
        w,
        column::NOTES,
        format!(
            "{:?} a {}: {} {}",
            v.id, v.period, v.source.document, v.source.location
        )
        .trim(),
    ))?;
    Ok(())
}
