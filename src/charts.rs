//! Charts as hand-written SVG: cost against benefit per cohort, the waterfall
//! from gross to net benefit, the tornado of one-way sensitivity, and the
//! Monte Carlo distribution with the ratio-of-1 line.
//!
//! Every chart keeps the data it draws ([`Chart::data`], serialisable), as
//! dampack's plots can return theirs; renders in evcxr; and writes to a file.
//! Coordinates are floats, for drawing only; every figure printed on a chart
//! is formatted from the exact value.
//!
//! ```
//! let a = froi::nelc_2020::appraise_as_published().unwrap();
//! let chart = froi::charts::cost_benefit(&a);
//! assert!(chart.to_svg().starts_with("<svg"));
//! assert_eq!(chart.title, "Cost and benefit by cohort");
//! ```

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::adjustments::AdjustmentStep;
use crate::appraisal::{AnnualResult, Appraisal};
use crate::error::{Error, Location, Result};
use crate::html::{escape, evcxr_print};
use crate::money::{Money, Ratio, Rounding};
use crate::report::{grouped, pounds};
use crate::uncertainty::TornadoRow;

/// One bar group of a bar chart: a category and a value per series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarGroup {
    /// The category, e.g. "cohort 1".
    pub category: String,
    /// (series, value) pairs, e.g. ("cost", 25900).
    pub values: Vec<(String, Decimal)>,
}

/// One step of a waterfall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaterfallStep {
    /// The step, e.g. "deadweight 30%".
    pub label: String,
    /// The change it makes (negative for an adjustment).
    pub change: Decimal,
    /// The running total after it.
    pub total: Decimal,
}

/// One bar of a tornado.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TornadoBar {
    /// The parameter.
    pub label: String,
    /// The ratio at the parameter's low value.
    pub at_low: Decimal,
    /// The ratio at its high value.
    pub at_high: Decimal,
}

/// What a chart draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum ChartData {
    /// Grouped bars.
    Bars {
        /// The groups.
        groups: Vec<BarGroup>,
    },
    /// A waterfall from a start through steps.
    Waterfall {
        /// The starting amount.
        start: (String, Decimal),
        /// The steps.
        steps: Vec<WaterfallStep>,
    },
    /// Horizontal bars around a base value.
    Tornado {
        /// The base ratio.
        base: Decimal,
        /// The bars, largest swing first.
        bars: Vec<TornadoBar>,
    },
    /// A histogram with an optional marker line.
    Histogram {
        /// Bin edges (one more than the counts).
        edges: Vec<f64>,
        /// Draws in each bin.
        counts: Vec<u64>,
        /// A vertical line, e.g. ("ratio = 1", 1.0).
        marker: Option<(String, f64)>,
    },
}

/// A chart: a title, axis labels, and its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// The title.
    pub title: String,
    /// The value axis label.
    pub value_label: String,
    /// What is drawn.
    pub data: ChartData,
}

const W: f64 = 640.0;
const H: f64 = 360.0;
const LEFT: f64 = 150.0;
const RIGHT: f64 = 30.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 50.0;
const COLOURS: [&str; 4] = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759"];

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A number at two decimals, for SVG coordinates.
fn c(x: f64) -> String {
    format!("{x:.2}")
}

impl Chart {
    /// The data the chart draws.
    pub fn data(&self) -> &ChartData {
        &self.data
    }

    /// The chart as an SVG document.
    pub fn to_svg(&self) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"12\">"
        );
        let _ = write!(s, "<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>");
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{}</text>",
            c(LEFT),
            escape(&self.title)
        );
        match &self.data {
            ChartData::Bars { groups } => bars(&mut s, groups, &self.value_label),
            ChartData::Waterfall { start, steps } => {
                waterfall_svg(&mut s, start, steps, &self.value_label)
            }
            ChartData::Tornado { base, bars } => {
                tornado_svg(&mut s, *base, bars, &self.value_label)
            }
            ChartData::Histogram {
                edges,
                counts,
                marker,
            } => histogram_svg(&mut s, edges, counts, marker.as_ref(), &self.value_label),
        }
        s.push_str("</svg>");
        s
    }

    /// Show the chart in an evcxr notebook cell.
    pub fn evcxr_display(&self) {
        evcxr_print(&self.to_svg(), &self.title);
    }

    /// Write the SVG to a file.
    pub fn write_svg(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_svg()).map_err(|source| Error::Io {
            at: Location::file(path.display().to_string()),
            source,
        })
    }
}

/// A value axis from `lo` to `hi` along x (pixels `x0..x1`) with 5 ticks.
fn x_axis(s: &mut String, lo: f64, hi: f64, label: &str) -> impl Fn(f64) -> f64 + use<> {
    let (x0, x1) = (LEFT, W - RIGHT);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let scale = move |v: f64| x0 + (v - lo) / span * (x1 - x0);
    let y = H - BOTTOM;
    let _ = write!(
        s,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>",
        c(x0),
        c(y),
        c(x1),
        c(y)
    );
    let places = if span >= 100.0 { 0 } else { 2 };
    for i in 0..=4 {
        let v = lo + span * f64::from(i) / 4.0;
        let x = scale(v);
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ccc\"/><text x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>",
            c(x),
            c(TOP),
            c(x),
            c(y),
            c(x),
            c(y + 16.0),
            if i == 4 { "end" } else { "middle" },
            tick(v, places)
        );
    }
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        c((x0 + x1) / 2.0),
        c(H - 10.0),
        escape(label)
    );
    scale
}

/// A tick label with thousands separators, to `places` decimal places.
fn tick(v: f64, places: u32) -> String {
    grouped(
        Decimal::from_f64_retain(v).unwrap_or_default(),
        Rounding::half_up(places),
    )
}

fn rows_layout(n: usize) -> (f64, f64) {
    let band = (H - TOP - BOTTOM) / n.max(1) as f64;
    (band, band * 0.7)
}

/// The most characters of a row label that fit the left margin.
const LABEL_CHARS: usize = 20;

/// A row label, right-aligned in the left margin. An outcome-line parameter
/// (`outcome.<line>.<field>`) is drawn on two lines, the line's name over
/// its field; a part too long for the margin is cut with an ellipsis, and
/// the whole label is the tooltip.
fn label(s: &mut String, y: f64, text: &str) {
    let cut = |part: &str| -> String {
        if part.chars().count() > LABEL_CHARS {
            let head: String = part.chars().take(LABEL_CHARS - 1).collect();
            format!("{head}\u{2026}")
        } else {
            part.to_string()
        }
    };
    let x = c(LEFT - 8.0);
    let outcome = text
        .strip_prefix("outcome.")
        .and_then(|rest| rest.rsplit_once('.'));
    let body = match outcome {
        Some((line, field)) => format!(
            "<title>{}</title><tspan x=\"{x}\" dy=\"-0.6em\">{}</tspan><tspan x=\"{x}\" dy=\"1.2em\">{}</tspan>",
            escape(text),
            escape(&cut(line)),
            escape(&cut(field))
        ),
        None if text.chars().count() > LABEL_CHARS => {
            format!("<title>{}</title>{}", escape(text), escape(&cut(text)))
        }
        None => escape(text),
    };
    let _ = write!(
        s,
        "<text x=\"{x}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{body}</text>",
        c(y),
    );
}

fn bars(s: &mut String, groups: &[BarGroup], value_label: &str) {
    let hi = groups
        .iter()
        .flat_map(|g| g.values.iter().map(|v| f(v.1)))
        .fold(0.0, f64::max);
    let lo = groups
        .iter()
        .flat_map(|g| g.values.iter().map(|v| f(v.1)))
        .fold(0.0, f64::min);
    let x = x_axis(s, lo, hi, value_label);
    let (band, thick) = rows_layout(groups.len());
    for (i, g) in groups.iter().enumerate() {
        let top = TOP + band * i as f64 + (band - thick) / 2.0;
        let each = thick / g.values.len().max(1) as f64;
        label(s, TOP + band * (i as f64 + 0.5), &g.category);
        for (j, (series, v)) in g.values.iter().enumerate() {
            let (a, b) = (x(0.0_f64.min(f(*v))), x(0.0_f64.max(f(*v))));
            let y = top + each * j as f64;
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {}</title></rect>",
                c(a),
                c(y),
                c(b - a),
                c(each * 0.9),
                COLOURS.get(j % COLOURS.len()).unwrap_or(&"#888"),
                escape(series),
                pounds(Money::new(*v))
            );
        }
    }
    if let Some(first) = groups.first() {
        let entries: Vec<(&str, &str)> = first
            .values
            .iter()
            .enumerate()
            .map(|(j, (series, _))| {
                (
                    series.as_str(),
                    *COLOURS.get(j % COLOURS.len()).unwrap_or(&"#888"),
                )
            })
            .collect();
        legend(s, W - RIGHT - 120.0, 60.0, &entries);
    }
}

/// A legend along the top: a swatch and its text for each entry, the first
/// at `x`, the next `step` further right.
fn legend(s: &mut String, x: f64, step: f64, entries: &[(&str, &str)]) {
    for (j, (text, colour)) in entries.iter().enumerate() {
        let lx = x + step * j as f64;
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"12\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{}\" y=\"21\">{}</text>",
            c(lx),
            c(lx + 14.0),
            escape(text)
        );
    }
}

fn waterfall_svg(
    s: &mut String,
    start: &(String, Decimal),
    steps: &[WaterfallStep],
    value_label: &str,
) {
    let totals = std::iter::once(start.1).chain(steps.iter().map(|st| st.total));
    // Headroom on the right for the amounts printed beside the bars.
    let hi = totals.clone().map(f).fold(0.0, f64::max) * 1.3;
    let lo = totals.map(f).fold(0.0, f64::min);
    let x = x_axis(s, lo, hi, value_label);
    let (band, thick) = rows_layout(steps.len() + 2);
    let row = |s: &mut String,
               i: usize,
               text: &str,
               from: f64,
               to: f64,
               colour: &str,
               value: Decimal| {
        let y = TOP + band * i as f64 + (band - thick) / 2.0;
        let (a, b) = (x(from.min(to)), x(from.max(to)));
        label(s, TOP + band * (i as f64 + 0.5), text);
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" dominant-baseline=\"middle\">{}</text>",
            c(a),
            c(y),
            c((b - a).max(1.0)),
            c(thick),
            c(b + 4.0),
            c(y + thick / 2.0),
            pounds(Money::new(value))
        );
    };
    row(s, 0, &start.0, 0.0, f(start.1), "#4e79a7", start.1);
    let mut before = f(start.1);
    for (i, st) in steps.iter().enumerate() {
        let colour = if st.change < Decimal::ZERO {
            "#e15759"
        } else {
            "#59a14f"
        };
        row(s, i + 1, &st.label, before, f(st.total), colour, st.change);
        before = f(st.total);
    }
    let net = steps.last().map_or(start.1, |st| st.total);
    row(
        s,
        steps.len() + 1,
        "net benefit",
        0.0,
        f(net),
        "#4e79a7",
        net,
    );
}

fn tornado_svg(s: &mut String, base: Decimal, bars: &[TornadoBar], value_label: &str) {
    let all = bars
        .iter()
        .flat_map(|b| [f(b.at_low), f(b.at_high)])
        .chain(std::iter::once(f(base)));
    let hi = all.clone().fold(f64::MIN, f64::max);
    let lo = all.fold(f64::MAX, f64::min);
    let x = x_axis(s, lo, hi, value_label);
    let (band, thick) = rows_layout(bars.len());
    for (i, b) in bars.iter().enumerate() {
        let y = TOP + band * i as f64 + (band - thick) / 2.0;
        label(s, TOP + band * (i as f64 + 0.5), &b.label);
        for (value, colour, end) in [(b.at_low, "#4e79a7", "low"), (b.at_high, "#f28e2b", "high")] {
            let (a, z) = (x(f(base).min(f(value))), x(f(base).max(f(value))));
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\"><title>{end}: {}</title></rect>",
                c(a),
                c(y),
                c(z - a),
                c(thick),
                grouped(value, Rounding::half_up(4))
            );
        }
    }
    let bx = x(f(base));
    let _ = write!(
        s,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#000\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">base {}</text>",
        c(bx),
        c(TOP),
        c(bx),
        c(H - BOTTOM),
        c(bx),
        c(H - BOTTOM + 30.0),
        grouped(base, Rounding::half_up(2))
    );
    legend(
        s,
        W - RIGHT - 230.0,
        120.0,
        &[
            ("at the low value", "#4e79a7"),
            ("at the high value", "#f28e2b"),
        ],
    );
}

fn histogram_svg(
    s: &mut String,
    edges: &[f64],
    counts: &[u64],
    marker: Option<&(String, f64)>,
    value_label: &str,
) {
    let lo = edges
        .first()
        .copied()
        .unwrap_or(0.0)
        .min(marker.map_or(f64::MAX, |m| m.1));
    let hi = edges
        .last()
        .copied()
        .unwrap_or(1.0)
        .max(marker.map_or(f64::MIN, |m| m.1));
    let x = x_axis(s, lo, hi, value_label);
    let top = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let base = H - BOTTOM;
    for (i, n) in counts.iter().enumerate() {
        let (Some(a), Some(b)) = (edges.get(i), edges.get(i + 1)) else {
            continue;
        };
        let h = *n as f64 / top * (base - TOP);
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#4e79a7\"><title>{} to {}: {n}</title></rect>",
            c(x(*a)),
            c(base - h),
            c((x(*b) - x(*a)).max(0.5)),
            c(h),
            tick(*a, 4),
            tick(*b, 4)
        );
    }
    if let Some((text, v)) = marker {
        let mx = x(*v);
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e15759\" stroke-width=\"2\"/><text x=\"{}\" y=\"{}\" fill=\"#e15759\">{}</text>",
            c(mx),
            c(TOP),
            c(mx),
            c(base),
            c(mx + 4.0),
            c(TOP + 12.0),
            escape(text)
        );
    }
}

/// Cost against benefit for each cohort (and all families).
pub fn cost_benefit(a: &Appraisal) -> Chart {
    let groups = a
        .cohorts
        .iter()
        .chain(std::iter::once(&a.overall))
        .map(|c| BarGroup {
            category: c
                .cohort
                .map_or("all families".to_string(), |n| format!("cohort {n}")),
            values: vec![
                ("cost".into(), c.total_cost.value()),
                ("benefit".into(), c.total_benefit.value()),
            ],
        })
        .collect();
    Chart {
        title: "Cost and benefit by cohort".into(),
        value_label: "pounds".into(),
        data: ChartData::Bars { groups },
    }
}

/// The waterfall from a gross amount through adjustment steps to the net.
pub fn waterfall(title: impl Into<String>, gross: Money, steps: &[AdjustmentStep]) -> Chart {
    Chart {
        title: title.into(),
        value_label: "pounds".into(),
        data: ChartData::Waterfall {
            start: ("gross benefit".into(), gross.value()),
            steps: steps
                .iter()
                .map(|st| WaterfallStep {
                    label: st.step.clone(),
                    change: -st.removed.value(),
                    total: st.remaining.value(),
                })
                .collect(),
        },
    }
}

/// The annual ratio's waterfall: the service's gross annual benefit, less
/// deadweight, to the net benefit.
pub fn annual_waterfall(r: &AnnualResult) -> Result<Chart> {
    let gross = Money::new(crate::money::mul(
        r.average_benefit.value(),
        r.cases_per_year,
    )?);
    let removed = gross.checked_sub(r.annual_benefit)?;
    Ok(waterfall(
        format!(
            "Annual benefit, gross to net ({} deadweight)",
            r.scenario.name
        ),
        gross,
        &[AdjustmentStep {
            step: format!("deadweight {}", r.scenario.deadweight),
            removed,
            remaining: r.annual_benefit,
        }],
    ))
}

/// The gross-to-net waterfall of one benefit stream of an appraisal over time
/// (its first year: deadweight, displacement, attribution).
pub fn stream_waterfall(stream: &crate::over_time::StreamResult) -> Result<Chart> {
    if !stream.is_benefit {
        return Err(Error::OutOfRange {
            at: Location::field("stream"),
            value: stream.name.clone(),
            field_rule: "a waterfall needs a benefit stream".into(),
        });
    }
    Ok(waterfall(
        format!("{}: gross to net, first year", stream.name),
        stream.gross,
        &stream.waterfall,
    ))
}

/// The tornado of a one-way sensitivity (rows as `Evaluator::tornado` sorts them).
pub fn tornado(base: Ratio, rows: &[TornadoRow]) -> Chart {
    tornado_of(base, rows, "benefit-cost ratio")
}

/// The tornado of an uncertainty result, its axis named by the target
/// (a family ratio, or a measure over time such as the NPV).
pub fn uncertainty_tornado(u: &crate::uncertainty::UncertaintyResult) -> Chart {
    let label = if u.over_time {
        u.target.as_str()
    } else {
        "benefit-cost ratio"
    };
    tornado_of(u.base, &u.tornado, label)
}

fn tornado_of(base: Ratio, rows: &[TornadoRow], value_label: &str) -> Chart {
    Chart {
        title: "One-way sensitivity".into(),
        value_label: value_label.into(),
        data: ChartData::Tornado {
            base: base.value(),
            bars: rows
                .iter()
                .map(|r| TornadoBar {
                    label: r.parameter.to_string(),
                    at_low: r.ratio_at_low.value(),
                    at_high: r.ratio_at_high.value(),
                })
                .collect(),
        },
    }
}

/// The most bins a histogram draws (more than a chart's width in pixels).
pub const MAX_BINS: usize = 1_000;

/// The distribution of Monte Carlo draws in `bins` equal bins (1 to
/// [`MAX_BINS`]), with the line at a ratio of 1.
///
/// ```
/// assert!(froi::charts::distribution(&[1.0, 2.0], 10).is_ok());
/// assert_eq!(
///     froi::charts::distribution(&[1.0, 2.0], usize::MAX).unwrap_err().to_string(),
///     format!("field `distribution`: 2 draws, {} bins is out of range: \
///              a histogram needs finite draws and 1 to 1000 bins", usize::MAX)
/// );
/// ```
pub fn distribution(draws: &[f64], bins: usize) -> Result<Chart> {
    let finite: Vec<f64> = draws.iter().copied().filter(|d| d.is_finite()).collect();
    if finite.is_empty() || bins == 0 || bins > MAX_BINS {
        return Err(Error::OutOfRange {
            at: Location::field("distribution"),
            value: format!("{} draws, {bins} bins", finite.len()),
            field_rule: format!("a histogram needs finite draws and 1 to {MAX_BINS} bins"),
        });
    }
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let edges: Vec<f64> = (0..=bins).map(|i| lo + width * i as f64).collect();
    let mut counts = vec![0u64; bins];
    for d in &finite {
        let i = (((d - lo) / width) as usize).min(bins - 1);
        if let Some(n) = counts.get_mut(i) {
            *n += 1;
        }
    }
    Ok(Chart {
        title: format!("Monte Carlo: {} draws", finite.len()),
        value_label: "benefit-cost ratio".into(),
        data: ChartData::Histogram {
            edges,
            counts,
            marker: Some(("ratio = 1".into(), 1.0)),
        },
    })
}
