//! Charts as hand-written SVG: cost against benefit per cohort, the waterfall
//! from gross to net benefit, the tornado of one-way sensitivity, and the
//! Monte Carlo distribution with its base, its mean and its threshold.
//!
//! Every chart keeps the data it draws ([`Chart::data`], serialisable), as
//! dampack's plots can return theirs; renders in evcxr; and writes to a file.
//! Axes tick at 1, 2, 2.5 or 5 times a power of ten. Coordinates are floats,
//! for drawing only; every amount printed on a chart is formatted from the
//! exact value. docs/DESIGN.md says why the SVG is written here rather than
//! by a plotting crate.
//!
//! ```
//! let a = froi::nelc_2020::appraise_as_published().unwrap();
//! let chart = froi::charts::cost_benefit(&a);
//! assert!(chart.to_svg().starts_with("<svg"));
//! assert_eq!(chart.title, "Cost and benefit by cohort: NELC 2020 Appendix 4, as published");
//! ```

mod axis;
mod svg;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::adjustments::AdjustmentStep;
use crate::appraisal::Appraisal;
use crate::error::{Error, Location, Result};
use crate::family_source::AnnualResult;
use crate::html::evcxr_print;
use crate::money::{Money, Ratio};
use crate::uncertainty::{TornadoRow, UncertaintyResult};

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
    /// The parameter as a reader names it, e.g. "unit value of LAC".
    pub label: String,
    /// The parameter's id, e.g. `unit_value.LAC` (the bar's tooltip).
    #[serde(default)]
    pub id: String,
    /// The parameter's low value.
    #[serde(default)]
    pub low: Decimal,
    /// Its high value.
    #[serde(default)]
    pub high: Decimal,
    /// The ratio at the parameter's low value.
    pub at_low: Decimal,
    /// The ratio at its high value.
    pub at_high: Decimal,
}

/// One option on a frontier chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontierPoint {
    /// The option's name.
    pub label: String,
    /// Its PV costs (for drawing).
    pub cost: f64,
    /// Its effect (for drawing).
    pub effect: f64,
    /// Whether it is on the frontier.
    pub on_frontier: bool,
    /// Its standing in words (the point's tooltip).
    pub standing: String,
}

/// A vertical line across a histogram, named in its legend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// What it marks, e.g. "ratio = 1" or "base 3.2973".
    pub label: String,
    /// Where, on the value axis.
    pub value: f64,
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
    /// Options as points, cost along and effect up, the efficiency frontier
    /// joined.
    Frontier {
        /// The options.
        points: Vec<FrontierPoint>,
        /// What effect is measured in, for the upright axis.
        effect_label: String,
    },
    /// A histogram with marker lines.
    Histogram {
        /// Bin edges (one more than the counts).
        edges: Vec<f64>,
        /// Draws in each bin.
        counts: Vec<u64>,
        /// Vertical lines: the threshold, the base, the mean.
        markers: Vec<Marker>,
    },
}

/// A chart: a title, axis labels, and its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// The title, naming the scenario where there is one.
    pub title: String,
    /// The value axis label.
    pub value_label: String,
    /// What is drawn.
    pub data: ChartData,
}

impl Chart {
    /// The data the chart draws.
    pub fn data(&self) -> &ChartData {
        &self.data
    }

    /// The chart as an SVG document.
    pub fn to_svg(&self) -> String {
        svg::render(self)
    }

    /// Show the chart in an evcxr notebook cell.
    pub fn evcxr_display(&self) {
        evcxr_print(&self.to_svg(), &self.title);
    }

    /// Write the SVG to a file.
    pub fn write_svg(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        crate::output::write_whole(path, self.to_svg().as_bytes()).map_err(|source| Error::Io {
            at: Location::file(path.display().to_string()),
            source,
        })
    }

    /// The same chart with another marker line (histograms only; other
    /// charts are returned unchanged).
    ///
    /// ```
    /// let chart = froi::charts::distribution(&[0.5, 1.5, 2.5], 3).unwrap()
    ///     .with_marker("target 2", 2.0);
    /// match chart.data() {
    ///     froi::charts::ChartData::Histogram { markers, .. } => assert_eq!(markers.len(), 2),
    ///     _ => unreachable!(),
    /// }
    /// ```
    pub fn with_marker(mut self, label: impl Into<String>, value: f64) -> Chart {
        if let ChartData::Histogram { markers, .. } = &mut self.data {
            markers.push(Marker {
                label: label.into(),
                value,
            });
        }
        self
    }

    /// The same chart with another title.
    pub fn titled(self, title: impl Into<String>) -> Chart {
        Chart {
            title: title.into(),
            ..self
        }
    }
}

/// A value as `f64`, for placing pixels only.
fn f(d: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap_or(0.0)
}

/// The efficiency frontier of an options appraisal: each option's PV costs
/// against its effect (units of its outcome measure, or PV benefits), the
/// frontier's options joined.
///
/// ```
/// let set = froi::load::read_options("data/edge_of_care/options.toml")?;
/// let chart = froi::charts::frontier(&set.appraise()?);
/// assert!(chart.to_svg().contains("<polyline"));
/// # Ok::<(), froi::Error>(())
/// ```
pub fn frontier(a: &crate::options::OptionsAppraisal) -> Chart {
    let points = a
        .options
        .iter()
        .map(|o| FrontierPoint {
            label: o.name.clone(),
            cost: f(o.pv_costs.value()),
            effect: f(o.effect),
            on_frontier: o.standing.on_frontier(),
            standing: o.standing.describe(a.measure.is_some()),
        })
        .collect();
    Chart {
        title: format!("Efficiency frontier: {}", a.name),
        value_label: "PV costs (£)".into(),
        data: ChartData::Frontier {
            points,
            effect_label: a
                .measure
                .as_ref()
                .map_or("PV benefits (£)".into(), |m| format!("{m} (units)")),
        },
    }
}

/// Cost against benefit for each cohort (and all families) of the
/// programme's family source (none without one).
pub fn cost_benefit(a: &Appraisal) -> Chart {
    let groups = a
        .family_source
        .iter()
        .flat_map(|f| f.cohorts.iter().chain(std::iter::once(&f.overall)))
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
        title: format!("Cost and benefit by cohort: {}", a.name),
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

/// The tornado of a one-way sensitivity (rows as `Evaluator::tornado` sorts
/// them). [`uncertainty_tornado`] names the scenario and the target too.
pub fn tornado(base: Ratio, rows: &[TornadoRow]) -> Chart {
    tornado_of(
        "One-way sensitivity".into(),
        base,
        rows,
        "benefit-cost ratio",
    )
}

/// The tornado of an uncertainty result, titled with its scenario and its
/// axis named by the target (a family ratio, or a measure over time such as
/// the NPV).
pub fn uncertainty_tornado(u: &UncertaintyResult) -> Chart {
    tornado_of(
        titled("One-way sensitivity", u),
        u.base,
        &u.tornado,
        &target_label(u),
    )
}

/// Whether an uncertainty result's target is money: a net present value
/// (a threshold of 0 over time), drawn in pounds.
fn money_target(u: &UncertaintyResult) -> bool {
    u.over_time && u.threshold.is_zero()
}

/// The value axis of an uncertainty result's charts: the target, marked
/// `(£)` where it is money (the SVG draws its ticks and legend in pounds).
fn target_label(u: &UncertaintyResult) -> String {
    match (u.over_time, money_target(u)) {
        (false, _) => "benefit-cost ratio".into(),
        (true, true) => format!("{} (£)", u.target),
        (true, false) => u.target.clone(),
    }
}

/// A marker's value as the axis shows it: pounds, or 4 places.
fn marker_text(money: bool, x: f64) -> String {
    match (money, Decimal::from_f64_retain(x)) {
        (true, Some(d)) => crate::money::pounds_text(d, crate::money::Rounding::half_up(0)),
        _ => format!("{x:.4}"),
    }
}

/// A title whose target names a deadweight scenario ("(high deadweight)")
/// says instead that deadweight is drawn, when it is: the draws do not hold
/// it at the scenario's value.
fn deadweight_drawn(title: String, mc: &crate::uncertainty::MonteCarloSummary) -> String {
    let drawn = mc.drawn.iter().any(|p| p == "deadweight");
    let Some(at) = title.find(" deadweight)").filter(|_| drawn) else {
        return title;
    };
    match title.get(..at).and_then(|before| before.rfind(" (")) {
        Some(open) => format!(
            "{} (deadweight drawn){}",
            title.get(..open).unwrap_or_default(),
            title.get(at + " deadweight)".len()..).unwrap_or_default()
        ),
        None => title,
    }
}

/// "`what` of `target`: `scenario`".
fn titled(what: &str, u: &UncertaintyResult) -> String {
    match &u.scenario {
        Some(name) => format!("{what} of {}: {name}", u.target),
        None => format!("{what} of {}", u.target),
    }
}

fn tornado_of(title: String, base: Ratio, rows: &[TornadoRow], value_label: &str) -> Chart {
    Chart {
        title,
        value_label: value_label.into(),
        data: ChartData::Tornado {
            base: base.value(),
            bars: rows
                .iter()
                .map(|r| TornadoBar {
                    label: r.parameter.label(),
                    id: r.parameter.to_string(),
                    low: r.low,
                    high: r.high,
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
/// [`MAX_BINS`]), with the line at a ratio of 1. [`monte_carlo`] adds the
/// base and the mean.
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
            markers: vec![Marker {
                label: "ratio = 1".into(),
                value: 1.0,
            }],
        },
    })
}

/// The Monte Carlo distribution of an uncertainty result's target, drawn
/// from `draws` (`Evaluator::monte_carlo_draws` with the same run), with
/// three lines in its legend: the threshold (a ratio of 1, or an NPV of 0),
/// the deterministic base, and the mean of the draws. The base and the mean
/// can lie far apart (a deadweight drawn from 0 to 30% centres on 15% while
/// the base takes 30%), so both are drawn and named.
pub fn monte_carlo(u: &UncertaintyResult, draws: &[f64], bins: usize) -> Result<Chart> {
    let mut chart = distribution(draws, bins)?;
    let threshold = f(u.threshold);
    if let ChartData::Histogram { markers, .. } = &mut chart.data {
        *markers = vec![Marker {
            label: if u.over_time {
                format!("{} = {}", u.target, u.threshold.normalize())
            } else {
                "ratio = 1".into()
            },
            value: threshold,
        }];
    }
    let money = money_target(u);
    let base = if money {
        crate::money::pounds_text(u.base.value(), crate::money::Rounding::half_up(0))
    } else {
        crate::money::Rounding::half_up(4)
            .apply(u.base.value())
            .to_string()
    };
    chart = chart.with_marker(format!("base {base}"), f(u.base.value()));
    let mean = draws.iter().filter(|d| d.is_finite()).sum::<f64>()
        / draws.iter().filter(|d| d.is_finite()).count().max(1) as f64;
    chart = chart.with_marker(format!("mean {}", marker_text(money, mean)), mean);
    chart.title = match &u.monte_carlo {
        Some(mc) => format!(
            "{} ({} draws, seed {})",
            deadweight_drawn(titled("Monte Carlo", u), mc),
            crate::money::grouped(Decimal::from(mc.draws), crate::money::Rounding::half_up(0)),
            mc.seed
        ),
        None => titled("Monte Carlo", u),
    };
    if u.over_time {
        chart.value_label = target_label(u);
    }
    Ok(chart)
}
