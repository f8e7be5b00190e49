//! Plain-text reports of an appraisal and of an audit.
//!
//! Figures are rounded only here, by explicit rules: money to whole pounds
//! half-up, ratios to two places half-up, unless a derivation shows them
//! unrounded.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::appraisal::Appraisal;
use crate::family_source::{BenefitBasis, FamilyAppraisal};
use crate::money::{Money, Ratio, Rounding};

#[cfg(feature = "audit")]
mod audit;
mod beside;
mod budget;
mod layout;
mod options;
#[cfg(feature = "audit")]
mod printed;

pub use beside::parameter_tables_text;
pub use budget::budget_text;
use layout::{Align, row, wrap};
pub(crate) use layout::{WIDTH, lines};
pub use options::options_text;

#[cfg(feature = "audit")]
pub use audit::{Precision, audit_text, audit_text_with, checks_text, checks_text_with};
#[cfg(feature = "audit")]
pub(crate) use printed::beside_printed;
#[cfg(feature = "audit")]
pub use printed::printed_audit_text;

/// `value` rounded by `rule`, with thousands separators: `1234567.891` at
/// half-up 2 is `1,234,567.89`.
///
/// ```
/// use froi::{Rounding, report::grouped};
/// use rust_decimal::Decimal;
/// assert_eq!(grouped(Decimal::new(-1234567891, 3), Rounding::half_up(2)), "-1,234,567.89");
/// assert_eq!(grouped(Decimal::new(299307, 0), Rounding::half_up(0)), "299,307");
/// ```
pub fn grouped(value: Decimal, rule: Rounding) -> String {
    crate::money::grouped(value, rule)
}

/// Pounds to the whole pound, half-up: `£14,965`.
pub(crate) fn pounds(m: Money) -> String {
    crate::money::pounds_text(m.value(), Rounding::half_up(0))
}

/// A ratio to two places, half-up.
pub(crate) fn ratio(r: Ratio) -> String {
    grouped(r.value(), Rounding::half_up(2))
}

/// A readable report of an appraisal, then of its uncertainty analyses
/// where it has them: the family source (families, cohorts, deadweight, the
/// annual ratio with its derivation), then the appraisal over time
/// (settings, each stream from gross to net, the year table, the totals and
/// the splits).
///
/// ```
/// let a = froi::nelc_2020::appraise_as_published()?;
/// let text = froi::report::text(&a, None);
/// assert!(text.contains("Annual benefit-cost ratio"));
/// # Ok::<(), froi::Error>(())
/// ```
pub fn text(a: &Appraisal, u: Option<&crate::uncertainty::UncertaintyResult>) -> String {
    let mut s = match &a.family_source {
        Some(f) => family_text(&a.name, f),
        // A programme without families is headed by its name alone.
        None => format!("{}\n", a.name),
    };
    if let Some(pv) = &a.over_time {
        s.push_str(&over_time_text(pv));
    }
    s.push_str(&beside::beside_text(a));
    if let Some(u) = u {
        s.push_str(&uncertainty_text(u));
    }
    s
}

/// The family source's part of the report.
fn family_text(name: &str, a: &FamilyAppraisal) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", name);
    let _ = writeln!(s, "{}", "=".repeat(name.chars().count()));
    let _ = writeln!(
        s,
        "{}",
        wrap(&format!("Valuation rule: {}", a.rule), "", "  ")
    );
    let _ = writeln!(
        s,
        "Benefits counted: {}",
        match a.benefit_basis {
            BenefitBasis::Rule => "by the rule for every family",
            BenefitBasis::Published =>
                "as published where a figure is printed, by the rule elsewhere",
        }
    );
    let c = &a.unit_cost;
    let _ = writeln!(
        s,
        "Unit cost per session: {} ({}); staff lines sum to {} over {} hours{}",
        money_exact(c.per_session),
        match c.basis {
            crate::costs::CostBasis::Stated => "the stated figure",
            crate::costs::CostBasis::Computed => "the sum of the staff lines",
        },
        money_exact(c.computed),
        c.hours,
        // The stated figure is already shown when it is the one charged.
        match (c.basis, c.stated) {
            (crate::costs::CostBasis::Computed, Some(st)) =>
                format!("; stated {}", money_exact(st)),
            _ => String::new(),
        }
    );
    let _ = writeln!(s, "\nFamilies");
    let _ = writeln!(
        s,
        "{:>6} {:>6} {:>8} {:>8} {:>8} {:>10} {:>10} {:>12} {:>8}",
        "cohort", "family", "children", "entry", "outcome", "cost", "by rule", "counted", "ratio"
    );
    for f in &a.families {
        let _ = writeln!(
            s,
            "{:>6} {:>6} {:>8} {:>8} {:>8} {:>10} {:>10} {:>12} {:>8}",
            f.cohort,
            f.family,
            f.children,
            f.entry,
            f.outcome,
            pounds(f.cost),
            pounds(f.rule_benefit),
            format!(
                "{}{}",
                pounds(f.benefit),
                if f.benefit_is_published { "*" } else { "" }
            ),
            ratio(f.ratio)
        );
    }
    if a.families.iter().any(|f| f.benefit_is_published) {
        let _ = writeln!(s, "  * the published figure");
    }
    let _ = writeln!(s, "\nCohorts");
    let _ = writeln!(
        s,
        "{:>6} {:>8} {:>8} {:>10} {:>13} {:>9} {:>11} {:>7} {:>6} {:>8}",
        "cohort",
        "families",
        "children",
        "total cost",
        "total benefit",
        "avg cost",
        "avg benefit",
        "ratio",
        "closed",
        "improved"
    );
    for c in a.cohorts.iter().chain(std::iter::once(&a.overall)) {
        let _ = writeln!(
            s,
            "{:>6} {:>8} {:>8} {:>10} {:>13} {:>9} {:>11} {:>7} {:>6} {:>8}",
            c.cohort.map_or("all".to_string(), |n| n.to_string()),
            c.families,
            c.children,
            pounds(c.total_cost),
            pounds(c.total_benefit),
            pounds(c.average_cost),
            pounds(c.average_benefit),
            ratio(c.ratio),
            c.outcomes.closed_at_follow_up,
            c.outcomes.improved
        );
    }
    if !a.net_of_deadweight.is_empty() {
        let _ = writeln!(s, "\nBenefit-cost ratios net of deadweight");
        let heads: Vec<String> = a
            .net_of_deadweight
            .iter()
            .map(|n| {
                format!(
                    "{:>14}",
                    format!("{} {}", n.scenario.name, n.scenario.deadweight)
                )
            })
            .collect();
        let _ = writeln!(s, "{:>8} {}", "cohort", heads.join(" "));
        for (i, c) in a.cohorts.iter().enumerate() {
            let cells: Vec<String> = a
                .net_of_deadweight
                .iter()
                .map(|n| {
                    format!(
                        "{:>14}",
                        n.cohorts.get(i).map_or(String::new(), |(_, r)| ratio(*r))
                    )
                })
                .collect();
            let _ = writeln!(s, "{:>8} {}", c.cohort.unwrap_or(0), cells.join(" "));
        }
        let cells: Vec<String> = a
            .net_of_deadweight
            .iter()
            .map(|n| format!("{:>14}", ratio(n.overall)))
            .collect();
        let _ = writeln!(s, "{:>8} {}", "all", cells.join(" "));
    }
    if !a.annual.is_empty() {
        let _ = writeln!(
            s,
            "\nAnnual benefit-cost ratio (the appendix's \"ROI\"), unrounded"
        );
        for r in &a.annual {
            let _ = writeln!(
                s,
                "  {} = {}",
                r.derivation().expression,
                r.ratio.value().normalize()
            );
            let _ = writeln!(
                s,
                "    {} deadweight ({}): ratio {} (1 d.p. {}); net return on cost {}",
                r.scenario.name,
                r.scenario.deadweight,
                ratio(r.ratio),
                r.ratio.rounded(Rounding::half_up(1)),
                ratio(r.net_return)
            );
        }
    }
    s
}

/// The appraisal over time's part of the report: settings, each stream's
/// way from gross to net, the year-by-year table, the totals and the splits.
fn over_time_text(pv: &crate::over_time::PresentValueAppraisal) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "\nAppraisal over time");
    let settings = format!(
        "horizon {} years; discounting: {}; timing: {}; price base: {}",
        pv.horizon,
        pv.schedule,
        pv.timing,
        pv.base_year.as_deref().unwrap_or("as given")
    );
    let _ = writeln!(s, "{}", wrap(&settings, "  ", "    "));
    if !pv.vintages.is_empty() {
        let list: Vec<String> = pv
            .vintages
            .iter()
            .map(|(what, v)| format!("{what} {v}"))
            .collect();
        let _ = writeln!(
            s,
            "{}",
            wrap(&format!("vintages: {}", list.join("; ")), "  ", "    ")
        );
    }
    streams_text(&mut s, pv);
    years_text(&mut s, pv);
    totals_text(&mut s, pv);
    splits_text(&mut s, pv);
    s
}

/// Each stream from gross to net: its price factor, optimism bias, present
/// value, how an outcome line's gross is made, and its adjustment steps.
fn streams_text(s: &mut String, pv: &crate::over_time::PresentValueAppraisal) {
    for st in &pv.streams {
        let line = format!(
            "{} {:?}: price factor {}, optimism bias {}, present value {}",
            if st.is_benefit { "benefit" } else { "cost" },
            st.name,
            // Four places say it; the exact factor is in the JSON.
            Rounding::half_up(4).apply(st.price_factor).normalize(),
            percent(st.optimism_bias),
            pounds(st.present_value)
        );
        let _ = writeln!(s, "{}", wrap(&line, "  ", "    "));
        if let Some(d) = &st.derivation {
            let line = format!(
                "gross a year = {} = {}{}",
                d.expression,
                pounds(Money::new(d.value)),
                match &st.price_year {
                    Some(y) => format!(" in {y} prices"),
                    None => String::new(),
                }
            );
            let _ = writeln!(s, "{}", wrap(&line, "      ", "        "));
        }
        for step in &st.waterfall {
            let _ = writeln!(
                s,
                "      {:<24} -{:>12}  leaves {:>12}",
                step.step,
                pounds(step.removed),
                pounds(step.remaining)
            );
        }
    }
}

/// The year-by-year table.
fn years_text(s: &mut String, pv: &crate::over_time::PresentValueAppraisal) {
    let _ = writeln!(
        s,
        "  {:>4} {:>14} {:>12} {:>12} {:>12} {:>12} {:>14}",
        "year", "factor", "benefits", "costs", "PV benefits", "PV costs", "cumulative net"
    );
    for y in &pv.years {
        let _ = writeln!(
            s,
            "  {:>4} {:>14} {:>12} {:>12} {:>12} {:>12} {:>14}",
            y.year,
            Rounding::half_up(10).apply(y.discount_factor).normalize(),
            pounds(y.benefits),
            pounds(y.costs),
            pounds(y.pv_benefits),
            pounds(y.pv_costs),
            pounds(y.cumulative_net)
        );
    }
}

/// Present values, ratios and paybacks.
fn totals_text(s: &mut String, pv: &crate::over_time::PresentValueAppraisal) {
    let totals = format!(
        "PV benefits {}; PV costs {}; NPV {}; benefit-cost ratio {}; net ratio {}; fiscal ratio (FROI) {}; payback {}",
        pounds(pv.pv_benefits),
        pounds(pv.pv_costs),
        pounds(pv.npv),
        ratio(pv.bcr),
        ratio(pv.net_ratio),
        ratio(pv.fiscal_bcr),
        match pv.payback_year {
            None => "not within the horizon".to_string(),
            Some(y) if pv.payback_undone() => {
                format!("year {y} (the cumulative net is negative again by the horizon)")
            }
            Some(y) => format!("year {y}"),
        }
    );
    let _ = writeln!(s, "{}", wrap(&totals, "  ", "    "));
    let _ = writeln!(
        s,
        "  undiscounted payback (the real net benefit, summed): {}",
        match pv.payback_year_undiscounted {
            None => "not within the horizon".to_string(),
            Some(y) if pv.undiscounted_payback_undone() => {
                format!("year {y} (negative again by the horizon)")
            }
            Some(y) => format!("year {y}"),
        }
    );
    let _ = writeln!(
        s,
        "  equivalent annual net benefit over {} years: {} (the level amount a year with this NPV)",
        pv.horizon,
        pounds(pv.equivalent_annual_net)
    );
}

/// Present values by kind, cashability and agency, and per participant.
fn splits_text(s: &mut String, pv: &crate::over_time::PresentValueAppraisal) {
    for (title, rows) in [
        ("by kind", &pv.by_kind),
        ("by cashability", &pv.by_cashable),
    ] {
        let cells: Vec<String> = rows
            .iter()
            .map(|r| format!("{} {}", r.key, pounds(r.pv_benefits)))
            .collect();
        let line = format!("PV benefits {title}: {}", cells.join("; "));
        let _ = writeln!(s, "{}", wrap(&line, "  ", "    "));
    }
    let cells: Vec<String> = pv
        .by_agency
        .iter()
        .map(|r| {
            format!(
                "{} saves {}, pays {}",
                r.key,
                pounds(r.pv_benefits),
                pounds(r.pv_costs)
            )
        })
        .collect();
    let line = format!("by agency: {}", cells.join("; "));
    let _ = writeln!(s, "{}", wrap(&line, "  ", "    "));
    if let Some(p) = &pv.per_participant {
        let line = format!(
            "per participant ({} people): PV benefits {} (fiscal {}); PV costs {}; NPV {}",
            p.participants,
            pounds(p.pv_benefits),
            pounds(p.pv_fiscal_benefits),
            pounds(p.pv_costs),
            pounds(p.npv)
        );
        let _ = writeln!(s, "{}", wrap(&line, "  ", "    "));
    }
}

/// A readable report of the uncertainty analyses. The target's values are
/// shown as the target is: money for a net present value (a threshold of 0
/// over time), a ratio to 4 places otherwise.
pub fn uncertainty_text(u: &crate::uncertainty::UncertaintyResult) -> String {
    let mut s = String::new();
    let money = u.over_time && u.threshold.is_zero();
    let (noun, reaches) = match (u.over_time, u.threshold.is_zero()) {
        (false, _) => ("ratio", "the ratio reaches 1".to_string()),
        (true, true) => ("value", format!("the {} reaches 0", u.target)),
        (true, false) if u.threshold == Decimal::ONE => {
            ("value", format!("the {} reaches 1", u.target))
        }
        // The payback year's threshold is the horizon less half a year.
        (true, false) => (
            "value",
            format!(
                "the {} crosses {}: paid back within the horizon, or not",
                u.target,
                u.threshold.normalize()
            ),
        ),
    };
    let value = |d: Decimal| {
        if money {
            crate::money::pounds_text(d, Rounding::half_up(0))
        } else {
            ratio4(Ratio::new(d))
        }
    };
    // A Monte Carlo figure, drawn in f64: money to the pound, or 4 places.
    let drawn = |x: f64| match (money, Decimal::from_f64_retain(x)) {
        (true, Some(d)) => crate::money::pounds_text(d, Rounding::half_up(0)),
        _ => format!("{x:.4}"),
    };
    let _ = writeln!(
        s,
        "\nUncertainty: {}{}",
        u.target,
        if u.families_by_rule {
            " (families valued by the rule)"
        } else {
            ""
        }
    );
    let _ = writeln!(s, "  base {noun} {}", value(u.base.value()));
    // Parameter names take what the figures leave of the width, and wrap.
    let longest = u
        .tornado
        .iter()
        .map(|r| &r.parameter)
        .chain(u.switching.iter().map(|v| &v.parameter))
        .map(|p| p.to_string().chars().count())
        .max()
        .unwrap_or(0)
        .max(9);
    if !u.scenarios.is_empty() {
        let _ = writeln!(s, "  Scenarios");
        let name = u
            .scenarios
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .min(50);
        let figure = if money { 12 } else { 8 };
        let rest = WIDTH.saturating_sub(2 + 2 + name + 1 + figure + 1);
        for r in &u.scenarios {
            let _ = writeln!(
                s,
                "{}",
                indent(&row(&[
                    (&r.name, name, Align::Left),
                    (&value(r.ratio.value()), figure, Align::Right),
                    (&format!("({})", r.overrides_text()), rest, Align::Left),
                ]))
            );
        }
    }
    if !u.tornado.is_empty() {
        let _ = writeln!(
            s,
            "  One-way sensitivity (tornado data, largest swing first)"
        );
        // Six figure columns; the parameter takes the rest.
        let (inputs, outputs) = (10, if money { 11 } else { 8 });
        let figures = 3 * (inputs + 1) + 3 * (outputs + 1);
        let name = longest.min(WIDTH.saturating_sub(2 + 2 + 1 + figures));
        let table = |cells: [&str; 7]| {
            let [p, base, low, high, at_low, at_high, swing] = cells;
            row(&[
                (p, name, Align::Left),
                (base, inputs, Align::Right),
                (low, inputs, Align::Right),
                (high, inputs, Align::Right),
                (at_low, outputs, Align::Right),
                (at_high, outputs, Align::Right),
                (swing, outputs, Align::Right),
            ])
        };
        let _ = writeln!(
            s,
            "{}",
            indent(&table([
                "parameter",
                "base",
                "low",
                "high",
                "at low",
                "at high",
                "swing"
            ]))
        );
        for r in &u.tornado {
            let cells = [
                r.parameter.to_string(),
                r.base_value.normalize().to_string(),
                r.low.normalize().to_string(),
                r.high.normalize().to_string(),
                value(r.ratio_at_low.value()),
                value(r.ratio_at_high.value()),
                value(r.swing),
            ];
            let _ = writeln!(
                s,
                "{}",
                indent(&table(cells.each_ref().map(String::as_str)))
            );
        }
    }
    if !u.switching.is_empty() {
        let _ = writeln!(s, "  Switching values (where {reaches})");
        let lines: Vec<String> = u
            .switching
            .iter()
            .map(|v| match (v.value, v.change) {
                (Some(x), Some(change)) => format!(
                    "{} ({} from {}; {})",
                    grouped(x, Rounding::half_up(4)),
                    percent_change(change),
                    v.base_value.normalize(),
                    v.method
                ),
                (Some(x), None) => format!("{} ({})", grouped(x, Rounding::half_up(4)), v.method),
                (None, _) => format!(
                    "none in [{}, {}] ({})",
                    v.range.0.normalize(),
                    v.range.1.normalize(),
                    v.method
                ),
            })
            .collect();
        // The parameter takes what the longest finding leaves, at least 24.
        let finding = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let name = longest.min(WIDTH.saturating_sub(2 + 2 + 1 + finding).max(24));
        let rest = WIDTH.saturating_sub(2 + 2 + name + 1);
        for (v, line) in u.switching.iter().zip(&lines) {
            let _ = writeln!(
                s,
                "{}",
                indent(&row(&[
                    (&v.parameter.to_string(), name, Align::Left),
                    (line, rest, Align::Left),
                ]))
            );
        }
    }
    if let Some(mc) = &u.monte_carlo {
        let pcts: Vec<String> = mc
            .percentiles
            .iter()
            .map(|(p, v)| format!("p{p} {}", drawn(*v)))
            .collect();
        let line = format!(
            "Monte Carlo: {} draws, seed {}; deterministic {}, mean {}; {}; P({} > {}) {:.4}",
            mc.draws,
            mc.seed,
            drawn(mc.deterministic),
            drawn(mc.mean),
            pcts.join(", "),
            if u.over_time {
                u.target.as_str()
            } else {
                "ratio"
            },
            u.threshold,
            mc.p_ratio_above_1
        );
        let _ = writeln!(s, "{}", wrap(&line, "  ", "    "));
        let _ = writeln!(
            s,
            "{}",
            wrap(&format!("sampler: {}", mc.sampler), "    ", "      ")
        );
    }
    s
}

/// Every line of `text` two spaces further in (a table inside a section).
fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn money_exact(m: Money) -> String {
    crate::money::pounds_text(m.value(), Rounding::half_up(m.value().scale()))
}

/// A ratio to four places, half-up.
pub(crate) fn ratio4(r: Ratio) -> String {
    grouped(r.value(), Rounding::half_up(4))
}

/// A fraction as a percentage, exactly: `0.4` is `40%`.
fn percent(d: Decimal) -> String {
    crate::money::percent_text(d)
}

/// A relative change as a percentage to one place (`-12.5%`); one too
/// large to multiply by 100 as the factor itself.
pub(crate) fn percent_change(change: Decimal) -> String {
    match change.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", grouped(p, Rounding::half_up(1))),
        None => format!("{} x 100%", change.normalize()),
    }
}
