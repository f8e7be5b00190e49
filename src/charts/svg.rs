//! Drawing a [`Chart`] as SVG. Layout, top to bottom: the title, a legend
//! row, the plot, the value axis and its label; row labels sit in the left
//! margin. Nothing is drawn where something else is: markers and the base
//! are named in the legend, not beside their lines.

use std::fmt::Write;

use rust_decimal::Decimal;

mod frontier;

use super::axis::Axis;
use super::{BarGroup, Chart, ChartData, Marker, TornadoBar, WaterfallStep, f};
use crate::html::escape;
use crate::money::{Money, Rounding, grouped};
use crate::report::pounds;

const W: f64 = 640.0;
const H: f64 = 380.0;
const LEFT: f64 = 160.0;
const RIGHT: f64 = 30.0;
/// The plot starts under the title (two lines, y 20 and 37) and the legend
/// row (y 58).
const TOP: f64 = 72.0;
/// The legend row's baseline.
const LEGEND_Y: f64 = 58.0;
/// The most characters of a title line (14px bold in 620 pixels).
const TITLE_CHARS: usize = 80;
const BOTTOM: f64 = 50.0;
const COLOURS: [&str; 4] = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759"];
/// Marker lines: colour and dash, in the order markers are added.
const MARKERS: [(&str, &str); 4] = [
    ("#e15759", ""),
    ("#000000", ""),
    ("#f28e2b", "6 3"),
    ("#59a14f", "2 2"),
];
/// The most characters of a row label that fit the left margin.
const LABEL_CHARS: usize = 22;

/// A number at two decimals, for SVG coordinates.
fn c(x: f64) -> String {
    format!("{x:.2}")
}

pub(super) fn render(chart: &Chart) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"12\">"
    );
    let _ = write!(s, "<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>");
    let (first, second) = title_lines(&chart.title);
    let _ = write!(
        s,
        "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        escape(&first)
    );
    if !second.is_empty() {
        let _ = write!(
            s,
            "<text x=\"10\" y=\"37\" fill=\"#444\">{}</text>",
            escape(&second)
        );
    }
    // A value axis of pounds: "pounds", or a measure marked "(£)".
    let money = chart.value_label == "pounds" || chart.value_label.ends_with("(£)");
    let axis_label = if chart.value_label == "pounds" {
        "pounds (£)"
    } else {
        &chart.value_label
    };
    let prefix = if money { "£" } else { "" };
    match &chart.data {
        ChartData::Bars { groups } => bars(&mut s, groups, axis_label, prefix),
        ChartData::Waterfall { start, steps } => {
            waterfall(&mut s, start, steps, axis_label, prefix);
        }
        ChartData::Tornado { base, bars } => tornado(&mut s, *base, bars, axis_label, prefix),
        ChartData::Frontier {
            points,
            effect_label,
        } => {
            let effect_prefix = if effect_label.ends_with("(£)") {
                "£"
            } else {
                ""
            };
            frontier::frontier(&mut s, points, axis_label, effect_label, effect_prefix);
        }
        ChartData::Histogram {
            edges,
            counts,
            markers,
        } => {
            // Drawn within ±10^300, so no span or position overflows to
            // infinity (and no coordinate to NaN), whatever the draws were.
            let within = |v: f64| v.clamp(-DRAWABLE, DRAWABLE);
            let edges: Vec<f64> = edges.iter().map(|v| within(*v)).collect();
            let markers: Vec<Marker> = markers
                .iter()
                .map(|m| Marker {
                    value: within(m.value),
                    ..m.clone()
                })
                .collect();
            histogram(&mut s, &edges, counts, &markers, axis_label, prefix)
        }
    }
    s.push_str("</svg>");
    s
}

/// The largest magnitude a histogram draws: its span (twice this) stays
/// finite.
const DRAWABLE: f64 = 1e300;

/// A title in at most two lines: whole if it fits, else split after its
/// first `: ` (what is drawn, then the scenario), else at a space.
fn title_lines(title: &str) -> (String, String) {
    if title.chars().count() <= TITLE_CHARS {
        return (title.to_string(), String::new());
    }
    if let Some((what, rest)) = title.split_once(": ")
        && what.chars().count() <= TITLE_CHARS
    {
        return (what.to_string(), cut_to(rest, 96));
    }
    let mut first = String::new();
    let mut words = title.split(' ').peekable();
    while let Some(w) = words.peek() {
        if first.chars().count() + w.chars().count() + 1 > TITLE_CHARS && !first.is_empty() {
            break;
        }
        if !first.is_empty() {
            first.push(' ');
        }
        first.push_str(w);
        words.next();
    }
    let rest: Vec<&str> = words.collect();
    (cut_to(&first, TITLE_CHARS), cut_to(&rest.join(" "), 96))
}

fn cut_to(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        text.to_string()
    } else {
        let head: String = text.chars().take(most - 1).collect();
        format!("{head}\u{2026}")
    }
}

/// The value axis along the bottom, from `lo` to `hi` widened to nice ticks,
/// with grid lines; returns the value-to-x scale.
fn x_axis(
    s: &mut String,
    lo: f64,
    hi: f64,
    label: &str,
    prefix: &str,
) -> impl Fn(f64) -> f64 + use<> {
    let axis = Axis::covering(lo, hi, 6);
    let (x0, x1) = (LEFT, W - RIGHT);
    let (a, span) = (axis.lo, (axis.hi - axis.lo).max(f64::MIN_POSITIVE));
    let scale = move |v: f64| x0 + (v - a) / span * (x1 - x0);
    let y = H - BOTTOM;
    for v in axis.ticks() {
        let x = scale(v);
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            c(x),
            c(TOP),
            c(x),
            c(y),
            c(x),
            c(y + 16.0),
            axis.label(v, prefix)
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        c(x0),
        c(y),
        c(x1),
        c(y),
        c((x0 + x1) / 2.0),
        c(H - 12.0),
        escape(label)
    );
    scale
}

fn rows_layout(n: usize) -> (f64, f64) {
    let band = (H - TOP - BOTTOM) / n.max(1) as f64;
    (band, band * 0.7)
}

/// Cut to the margin, with an ellipsis.
fn cut(part: &str) -> String {
    if part.chars().count() > LABEL_CHARS {
        let head: String = part.chars().take(LABEL_CHARS - 1).collect();
        format!("{head}\u{2026}")
    } else {
        part.to_string()
    }
}

/// A row label, right-aligned in the left margin, with `tooltip` (or the
/// whole label when it is cut) as its title. A label with `: ` is drawn on
/// two lines, the part before over the part after.
fn row_label(s: &mut String, y: f64, text: &str, tooltip: Option<&str>) {
    let x = c(LEFT - 8.0);
    // Whole, on as many lines as it needs (at most four; a fifth is cut).
    let mut lines = crate::report::lines(text, LABEL_CHARS);
    if lines.len() > MAX_LABEL_LINES {
        lines.truncate(MAX_LABEL_LINES);
        if let Some(last) = lines.last_mut() {
            *last = cut(&format!("{last} \u{2026}"));
        }
    }
    let title = match tooltip {
        Some(t) => format!("<title>{}</title>", escape(t)),
        None => String::new(),
    };
    let body = if lines.len() <= 1 {
        escape(text)
    } else {
        // Centred on the row: the first line half the block above it.
        let up = 0.6 * (lines.len() - 1) as f64;
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let dy = if i == 0 { -up } else { 1.2 };
                format!("<tspan x=\"{x}\" dy=\"{dy}em\">{}</tspan>", escape(l))
            })
            .collect()
    };
    let _ = write!(
        s,
        "<text x=\"{x}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{title}{body}</text>",
        c(y),
    );
}

/// The most lines a row label takes.
const MAX_LABEL_LINES: usize = 4;

/// A legend row under the title: a swatch (a box, or a line with its dash)
/// and its text for each entry, placed one after another from the left.
enum Swatch<'a> {
    Box(&'a str),
    Line(&'a str, &'a str),
}

fn legend(s: &mut String, entries: &[(String, Swatch<'_>)]) {
    let mut x = LEFT;
    let y = LEGEND_Y;
    for (text, swatch) in entries {
        match swatch {
            Swatch::Box(colour) => {
                let _ = write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>",
                    c(x),
                    c(y - 9.0)
                );
            }
            Swatch::Line(colour, dash) => {
                let _ = write!(
                    s,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"2\"{}/>",
                    c(x - 2.0),
                    c(y - 4.0),
                    c(x + 12.0),
                    c(y - 4.0),
                    dash_attr(dash)
                );
            }
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            c(x + 16.0),
            c(y),
            escape(text)
        );
        // About 6.5 pixels a character at 12px sans-serif, and a gap.
        x += 16.0 + 6.5 * text.chars().count() as f64 + 18.0;
    }
}

fn dash_attr(dash: &str) -> String {
    if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    }
}

fn colour(j: usize) -> &'static str {
    COLOURS.get(j % COLOURS.len()).copied().unwrap_or("#888")
}

fn bars(s: &mut String, groups: &[BarGroup], value_label: &str, prefix: &str) {
    let values = || groups.iter().flat_map(|g| g.values.iter().map(|v| f(v.1)));
    let hi = values().fold(0.0, f64::max);
    let lo = values().fold(0.0, f64::min);
    let x = x_axis(s, lo, hi, value_label, prefix);
    let (band, thick) = rows_layout(groups.len());
    for (i, g) in groups.iter().enumerate() {
        let top = TOP + band * i as f64 + (band - thick) / 2.0;
        let each = thick / g.values.len().max(1) as f64;
        row_label(s, TOP + band * (i as f64 + 0.5), &g.category, None);
        for (j, (series, v)) in g.values.iter().enumerate() {
            let (a, b) = (x(0.0_f64.min(f(*v))), x(0.0_f64.max(f(*v))));
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} {}: {}</title></rect>",
                c(a),
                c(top + each * j as f64),
                c(b - a),
                c(each * 0.9),
                colour(j),
                escape(&g.category),
                escape(series),
                pounds(Money::new(*v))
            );
        }
    }
    if let Some(first) = groups.first() {
        let entries: Vec<(String, Swatch<'_>)> = first
            .values
            .iter()
            .enumerate()
            .map(|(j, (series, _))| (series.clone(), Swatch::Box(colour(j))))
            .collect();
        legend(s, &entries);
    }
}

fn waterfall(
    s: &mut String,
    start: &(String, Decimal),
    steps: &[WaterfallStep],
    value_label: &str,
    prefix: &str,
) {
    let totals = || std::iter::once(start.1).chain(steps.iter().map(|st| st.total));
    // Headroom on the right for the amounts printed beside the bars.
    let hi = totals().map(f).fold(0.0, f64::max) * 1.3;
    let lo = totals().map(f).fold(0.0, f64::min);
    let x = x_axis(s, lo, hi, value_label, prefix);
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
        row_label(s, TOP + band * (i as f64 + 0.5), text, None);
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

fn tornado(s: &mut String, base: Decimal, bars: &[TornadoBar], value_label: &str, prefix: &str) {
    let all = || {
        bars.iter()
            .flat_map(|b| [f(b.at_low), f(b.at_high)])
            .chain(std::iter::once(f(base)))
    };
    let hi = all().fold(f64::MIN, f64::max);
    let lo = all().fold(f64::MAX, f64::min);
    let x = x_axis(s, lo, hi, value_label, prefix);
    let (band, thick) = rows_layout(bars.len());
    // A value as the axis shows it: pounds, or a ratio to 4 places.
    let four = |d: Decimal| {
        if prefix.is_empty() {
            grouped(d, Rounding::half_up(4))
        } else {
            crate::money::pounds_text(d, Rounding::half_up(0))
        }
    };
    for (i, b) in bars.iter().enumerate() {
        let y = TOP + band * i as f64 + (band - thick) / 2.0;
        let tooltip = (!b.id.is_empty()).then_some(b.id.as_str());
        row_label(s, TOP + band * (i as f64 + 0.5), &b.label, tooltip);
        if b.at_low == base && b.at_high == base {
            // A parameter that moves nothing still has its row, and says so.
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" dominant-baseline=\"middle\" fill=\"#666\">no change over its range</text>",
                c(x(f(base)) + 6.0),
                c(y + thick / 2.0)
            );
            continue;
        }
        for (value, at, colour, end) in [
            (b.at_low, b.low, "#4e79a7", "low"),
            (b.at_high, b.high, "#f28e2b", "high"),
        ] {
            let (a, z) = (x(f(base).min(f(value))), x(f(base).max(f(value))));
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\"><title>{} at its {end} value {}: {}</title></rect>",
                c(a),
                c(y),
                c((z - a).max(1.0)),
                c(thick),
                escape(&b.label),
                at.normalize(),
                four(value)
            );
        }
    }
    let bx = x(f(base));
    let _ = write!(
        s,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#000\" stroke-width=\"2\"/>",
        c(bx),
        c(TOP),
        c(bx),
        c(H - BOTTOM),
    );
    legend(
        s,
        &[
            ("at the low value".into(), Swatch::Box("#4e79a7")),
            ("at the high value".into(), Swatch::Box("#f28e2b")),
            (format!("base {}", four(base)), Swatch::Line("#000", "")),
        ],
    );
}

fn histogram(
    s: &mut String,
    edges: &[f64],
    counts: &[u64],
    markers: &[Marker],
    value_label: &str,
    prefix: &str,
) {
    let values = || {
        edges
            .first()
            .into_iter()
            .chain(edges.last())
            .copied()
            .chain(markers.iter().map(|m| m.value))
            .filter(|v| v.is_finite())
    };
    let lo = values().fold(f64::INFINITY, f64::min);
    let hi = values().fold(f64::NEG_INFINITY, f64::max);
    let x = x_axis(s, lo, hi, value_label, prefix);
    let y = count_axis(s, counts);
    let base = H - BOTTOM;
    for (i, n) in counts.iter().enumerate() {
        let (Some(a), Some(b)) = (edges.get(i), edges.get(i + 1)) else {
            continue;
        };
        let top = y(*n as f64);
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#a0cbe8\" stroke=\"#4e79a7\" stroke-width=\"0.5\"><title>{} to {}: {n} draws</title></rect>",
            c(x(*a)),
            c(top),
            c((x(*b) - x(*a)).max(0.5)),
            c(base - top),
            grouped(
                Decimal::from_f64_retain(*a).unwrap_or_default(),
                Rounding::half_up(4)
            ),
            grouped(
                Decimal::from_f64_retain(*b).unwrap_or_default(),
                Rounding::half_up(4)
            ),
        );
    }
    marker_lines(s, markers, &x);
}

/// The count axis up the left, drawn; the height of a count.
fn count_axis(s: &mut String, counts: &[u64]) -> impl Fn(f64) -> f64 + use<> {
    let most = counts.iter().copied().max().unwrap_or(1).max(1);
    y_axis(s, 0.0, most as f64, "draws in each bin", "")
}

/// A value axis up the left from `lo` to `hi`, ticked and labelled, drawn;
/// the height of a value.
fn y_axis(
    s: &mut String,
    lo: f64,
    hi: f64,
    label: &str,
    prefix: &str,
) -> impl Fn(f64) -> f64 + use<> {
    let axis = Axis::covering(lo, hi, 5);
    let base = H - BOTTOM;
    let (a, span) = (axis.lo, (axis.hi - axis.lo).max(f64::MIN_POSITIVE));
    let y = move |v: f64| base - (v - a) / span * (base - TOP);
    // The label clear of the widest tick label (about 6.5 pixels a
    // character), and never nearer the axis than 48 pixels.
    let widest = axis
        .ticks()
        .iter()
        .map(|v| axis.label(*v, prefix).chars().count())
        .max()
        .unwrap_or(0);
    let offset = (18.0 + 6.5 * widest as f64).max(48.0);
    for v in axis.ticks() {
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#eee\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
            c(LEFT),
            c(y(v)),
            c(W - RIGHT),
            c(y(v)),
            c(LEFT - 6.0),
            c(y(v)),
            axis.label(v, prefix)
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/><text transform=\"translate({},{}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
        c(LEFT),
        c(TOP),
        c(LEFT),
        c(base),
        c(LEFT - offset),
        c((TOP + base) / 2.0),
        escape(label)
    );
    y
}

/// A vertical line for each marker (a percentile, the base), with its legend.
fn marker_lines(s: &mut String, markers: &[Marker], x: &dyn Fn(f64) -> f64) {
    let base = H - BOTTOM;
    let mut entries = Vec::new();
    for (j, m) in markers.iter().enumerate() {
        let (colour, dash) = MARKERS
            .get(j % MARKERS.len())
            .copied()
            .unwrap_or(("#000", ""));
        if !m.value.is_finite() {
            continue;
        }
        let mx = x(m.value);
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"2\"{}><title>{}</title></line>",
            c(mx),
            c(TOP),
            c(mx),
            c(base),
            dash_attr(dash),
            escape(&m.label)
        );
        entries.push((m.label.clone(), Swatch::Line(colour, dash)));
    }
    legend(s, &entries);
}
