//! The efficiency frontier: each option a point, cost along, effect up;
//! the frontier's options joined cheapest first, the others hollow.

use std::fmt::Write;

use super::super::FrontierPoint;
use super::{RIGHT, Swatch, W, c, escape, legend, x_axis, y_axis};

pub(in crate::charts) fn frontier(
    s: &mut String,
    points: &[FrontierPoint],
    cost_label: &str,
    effect_label: &str,
    effect_prefix: &str,
) {
    let costs = || points.iter().map(|p| p.cost);
    let effects = || points.iter().map(|p| p.effect);
    let lo = costs().fold(0.0, f64::min);
    let hi = costs().fold(0.0, f64::max);
    let x = x_axis(s, lo, hi, cost_label, "£");
    let y = y_axis(
        s,
        effects().fold(0.0, f64::min),
        effects().fold(0.0, f64::max),
        effect_label,
        effect_prefix,
    );
    legend(
        s,
        &[
            ("on the frontier".into(), Swatch::Line("#4e79a7", "")),
            ("not on it".into(), Swatch::Box("#bbb")),
        ],
    );
    let mut on: Vec<&FrontierPoint> = points.iter().filter(|p| p.on_frontier).collect();
    on.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    let path: Vec<String> = on
        .iter()
        .map(|p| format!("{},{}", c(x(p.cost)), c(y(p.effect))))
        .collect();
    if path.len() > 1 {
        let _ = write!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#4e79a7\" stroke-width=\"2\"/>",
            path.join(" ")
        );
    }
    for p in points {
        let (fill, stroke) = if p.on_frontier {
            ("#4e79a7", "#4e79a7")
        } else {
            ("white", "#999")
        };
        let (px, py) = (x(p.cost), y(p.effect));
        let _ = write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"><title>{}: {}</title></circle>",
            c(px),
            c(py),
            escape(&p.label),
            escape(&p.standing)
        );
        // Labels to the right of the point, or to its left near the edge.
        let (lx, anchor) = if px > W - RIGHT - 150.0 {
            (px - 8.0, "end")
        } else {
            (px + 8.0, "start")
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#333\">{}</text>",
            c(lx),
            c(py - 8.0),
            escape(&p.label)
        );
    }
}
