//! The options report: each option's present values, its increments over
//! business as usual and over the next-cheaper option, cost per unit of
//! outcome, and its place on the efficiency frontier.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::layout::{Align, row, wrap};
use super::{grouped, pounds, ratio};
use crate::money::{Money, Rounding};
use crate::options::{Increment, OptionResult, OptionsAppraisal, Standing};

/// A readable report of an options appraisal.
///
/// ```
/// let set = froi::load::read_options("data/edge_of_care/options.toml")?;
/// let text = froi::report::options_text(&set.appraise()?);
/// assert!(text.contains("Against business as usual"));
/// assert!(text.contains("on the frontier"));
/// # Ok::<(), froi::Error>(())
/// ```
pub fn options_text(a: &OptionsAppraisal) -> String {
    let mut s = format!("Options: {}\n", a.name);
    let effect = match &a.measure {
        Some(unit) => format!(
            "effect: {unit} (outcomes of the named lines over the horizon, net of their adjustments)"
        ),
        None => "effect: PV benefits (no outcome measure named)".into(),
    };
    let _ = writeln!(s, "{}", wrap(&effect, "  ", "    "));
    let _ = writeln!(
        s,
        "{}",
        wrap(
            "the first option is business as usual; a benefit-cost ratio is no pass/fail test (Green Book 2026)",
            "  ",
            "    "
        )
    );
    let _ = writeln!(s, "\n{}", summary_table(a));
    let _ = writeln!(s, "\n  Efficiency frontier (cost against effect)");
    for o in &a.options {
        let line = format!("{}: {}", o.name, o.standing.describe(a.measure.is_some()));
        let _ = writeln!(s, "{}", wrap(&line, "    ", "      "));
    }
    for (title, pick) in [
        (
            "Against business as usual",
            (|o: &OptionResult| o.over_business_as_usual.as_ref())
                as fn(&OptionResult) -> Option<&Increment>,
        ),
        ("Against the next-cheaper option", |o| {
            o.over_next_cheaper.as_ref()
        }),
    ] {
        let _ = writeln!(s, "\n  {title}\n{}", increments_table(a, pick));
    }
    if !a.switching.is_empty() {
        let _ = writeln!(s, "\n  Switching values between options");
        for w in &a.switching {
            let _ = writeln!(s, "{}", wrap(&swap_line(w), "    ", "      "));
        }
    }
    s
}

fn summary_table(a: &OptionsAppraisal) -> String {
    let effect_head = if a.measure.is_some() { "effect" } else { "" };
    let mut lines = vec![row(&[
        ("option", 26, Align::Left),
        ("PV costs", 12, Align::Right),
        ("PV benefits", 12, Align::Right),
        ("NPV", 12, Align::Right),
        ("BCR", 6, Align::Right),
        (effect_head, 10, Align::Right),
        ("standing", 14, Align::Left),
    ])];
    for o in &a.options {
        let effect = if a.measure.is_some() {
            units(o.effect)
        } else {
            String::new()
        };
        lines.push(row(&[
            (&o.name, 26, Align::Left),
            (&pounds(o.pv_costs), 12, Align::Right),
            (&pounds(o.pv_benefits), 12, Align::Right),
            (&pounds(o.npv), 12, Align::Right),
            (&o.bcr.map_or("-".into(), ratio), 6, Align::Right),
            (&effect, 10, Align::Right),
            (short(&o.standing), 14, Align::Left),
        ]));
    }
    lines.join("\n")
}

fn increments_table(a: &OptionsAppraisal, pick: fn(&OptionResult) -> Option<&Increment>) -> String {
    let per = if a.measure.is_some() {
        "cost a unit"
    } else {
        ""
    };
    let mut lines = vec![row(&[
        ("option", 22, Align::Left),
        ("over", 20, Align::Left),
        ("Δ costs", 11, Align::Right),
        ("Δ benefits", 11, Align::Right),
        ("Δ NPV", 11, Align::Right),
        ("Δ BCR", 6, Align::Right),
        (per, 11, Align::Right),
    ])];
    for o in &a.options {
        let Some(i) = pick(o) else { continue };
        lines.push(row(&[
            (&o.name, 22, Align::Left),
            (&i.over, 20, Align::Left),
            (&pounds(i.cost), 11, Align::Right),
            (&pounds(i.benefit), 11, Align::Right),
            (&pounds(i.npv), 11, Align::Right),
            (&i.bcr.map_or("-".into(), ratio), 6, Align::Right),
            (
                &i.cost_per_unit.map_or(String::new(), per_unit),
                11,
                Align::Right,
            ),
        ]));
    }
    lines.join("\n")
}

/// An option's standing in a word or two, for the table.
fn short(s: &Standing) -> &'static str {
    match s {
        Standing::Frontier { .. } => "frontier",
        Standing::Dominated { .. } => "dominated",
        Standing::ExtendedlyDominated { .. } => "ext. dominated",
    }
}

fn swap_line(w: &crate::options::SwapResult) -> String {
    let (a, b) = &w.swap.between;
    let show = |v: Decimal| w.swap.parameter.show(v);
    let now = w
        .base_value
        .map_or(String::new(), |v| format!(" (now {})", show(v)));
    match w.value {
        Some(v) => format!(
            "{a} and {b} are worth the same (equal NPV) at {} = {}{now}",
            w.swap.parameter,
            show(v)
        ),
        None => format!(
            "{a} and {b} do not swap for {} between {} and {}",
            w.swap.parameter,
            w.swap.range.0.normalize(),
            w.swap.range.1.normalize()
        ),
    }
}

/// Units of outcome to two places.
fn units(d: Decimal) -> String {
    grouped(d, Rounding::half_up(2))
}

/// Pounds per unit of outcome, to the whole pound.
fn per_unit(d: Decimal) -> String {
    pounds(Money::new(d))
}
