//! The text report of a publication's printed figures audited against a
//! programme: the count by verdict, then every figure that does not simply
//! agree with how it was recomputed, then (on request) every figure.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::Precision;
use super::layout::wrap;
use crate::audit::{Check, FigureAudit, PrintedAudit, Verdict};
use crate::money::Rounding;

const VERDICTS: [Verdict; 6] = [
    Verdict::Inconsistent,
    Verdict::SourcesDisagree,
    Verdict::PeriodDiffers,
    Verdict::DisplayRounding,
    Verdict::WithinHedge,
    Verdict::Agrees,
];

/// The audit of printed figures as text: the count by verdict, then each
/// figure that does not agree, with its recomputations; with `all`, every
/// figure.
///
/// ```
/// let text = r#"
/// name = "One table"
/// sources = { t = "Table 1" }
/// [[figure]]
/// id = "total"
/// printed = "30.9"
/// where = { source = "t", row = "Total" }
/// from = { sum = ["a", "b"] }
/// [[figure]]
/// id = "a"
/// printed = "10.4"
/// where = { source = "t", row = "A" }
/// [[figure]]
/// id = "b"
/// printed = "20.4"
/// where = { source = "t", row = "B" }
/// "#;
/// let printed = froi::audit::PrintedAppraisal::from_toml(text, "printed.toml")?;
/// let audit = froi::audit::audit_printed(&printed, None)?;
/// let report = froi::report::printed_audit_text(&audit, false, froi::report::Precision::Presented);
/// // 10.4 + 20.4 = 30.8, but parts from 10.35 to 20.45 reach 30.85 and above.
/// assert!(report.contains("1 display rounding"));
/// # Ok::<(), froi::Error>(())
/// ```
pub fn printed_audit_text(audit: &PrintedAudit, all: bool, precision: Precision) -> String {
    let title = format!("Audit of printed figures: {}", audit.name);
    let mut out = format!("{}\n\n", wrap(&title, "", "  "));
    let checked = audit.figures.iter().filter(|f| f.verdict.is_some()).count();
    let derived = audit
        .figures
        .iter()
        .filter(|f| f.verdict.is_none() && f.derived.is_some())
        .count();
    let counts: Vec<String> = VERDICTS
        .iter()
        .map(|v| (audit.with_verdict(*v).count(), counted(*v)))
        .filter(|(n, _)| *n > 0)
        .map(|(n, words)| format!("{n} {words}"))
        .collect();
    let inputs = audit.figures.len() - checked - derived;
    out.push_str(&wrap(
        &format!(
            "{} figures, {checked} recomputed: {}; {derived} derived, {inputs} printed inputs only",
            audit.figures.len(),
            counts.join(", ")
        ),
        "  ",
        "    ",
    ));
    out.push('\n');
    for verdict in &VERDICTS[..5] {
        let figures: Vec<&FigureAudit> = audit.with_verdict(*verdict).collect();
        if figures.is_empty() {
            continue;
        }
        let _ = write!(out, "\n{}\n", capitalised(verdict.words()));
        for f in figures {
            out.push_str(&figure_text(f, precision));
        }
    }
    headlines_text(&mut out, audit);
    if all {
        out.push_str("\nEvery figure\n");
        for f in &audit.figures {
            out.push_str(&figure_text(f, precision));
        }
    }
    out
}

/// The verdict after a count: "41 agree".
fn counted(v: Verdict) -> &'static str {
    match v {
        Verdict::Agrees => "agree",
        other => other.words(),
    }
}

fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn figure_text(f: &FigureAudit, precision: Precision) -> String {
    let verdict = match (f.verdict, &f.derived) {
        (Some(v), _) => v.words(),
        (None, Some(_)) => "derived",
        (None, None) => "a printed input",
    };
    let head = match &f.printed {
        Some(p) => format!("{} {} ({})", f.id, p.text, f.place.describe()),
        None => format!("{} (derived, printed nowhere)", f.id),
    };
    let mut out = wrap(&format!("{head}: {verdict}"), "  ", "      ");
    out.push('\n');
    // Three places past the printed ones (a derived figure: past the unit).
    let step = f.printed.as_ref().map_or(Decimal::ONE, |p| p.step);
    let places = places(step, precision);
    if let Some(d) = &f.derived {
        let line = format!(
            "derived: {} = {}; the printed figures allow {} to {}",
            d.against,
            shown(d.exact, places),
            shown(d.range.lo, places),
            shown(d.range.hi, places)
        );
        out.push_str(&wrap(&line, "    ", "      "));
        out.push('\n');
    }
    let less = if f.printed.is_some() {
        "printed"
    } else {
        "derived"
    };
    for c in &f.checks {
        out.push_str(&wrap(&check_text(c, places, less), "    ", "      "));
        out.push('\n');
    }
    for m in &f.moves {
        let line = format!(
            "material: corrected, it moves the headline {} ({}) to {}",
            m.headline,
            m.printed,
            beside_printed(m.corrected, places.unwrap_or(4))
        );
        out.push_str(&wrap(&line, "    ", "      "));
        out.push('\n');
    }
    out
}

/// Each headline's printed inputs: how each stands, and where the headline
/// turns as it moves.
fn headlines_text(out: &mut String, audit: &PrintedAudit) {
    if !audit.conclusions_assessed {
        let _ = writeln!(
            out,
            "\nHeadlines: not assessed (more than {} figure-recomputations)",
            crate::audit::MAX_WORK
        );
        return;
    }
    for h in &audit.headlines {
        let turns = h.switching.map_or(String::new(), |s| {
            format!("; it turns at {}", s.normalize())
        });
        let _ = write!(out, "\nHeadline {} {}{turns}\n", h.id, h.printed);
        for i in &h.inputs {
            let step = i.printed.as_ref().map_or(Decimal::ONE, |p| p.step);
            let places = step.normalize().scale() + 3;
            let at = match (h.switching, i.switching_value) {
                (Some(_), Some(x)) => {
                    format!(
                        "; the headline turns with it at {}",
                        beside_printed(x, places)
                    )
                }
                (Some(_), None) => "; no value of it turns the headline".to_string(),
                _ => String::new(),
            };
            let printed = i.printed.as_ref().map_or(String::new(), |p| p.text.clone());
            let line = format!("{} {printed} {}{at}", i.id, i.status.word());
            out.push_str(&wrap(&line, "  ", "    "));
            out.push('\n');
        }
    }
}

/// Three places past the printed ones (a recomputation beside a printed
/// figure), or every place.
fn places(step: Decimal, precision: Precision) -> Option<u32> {
    match precision {
        Precision::Exact => None,
        _ => Some(step.normalize().scale() + 3),
    }
}

fn shown(value: Decimal, places: Option<u32>) -> String {
    match places {
        Some(p) => beside_printed(value, p),
        None => value.normalize().to_string(),
    }
}

/// A recomputation beside a printed figure: to `places` (three past the
/// printed ones), without the trailing zeros past the printed places that
/// say nothing (559,820, not 559,820.000; 2.30357; 6,339.5).
pub(crate) fn beside_printed(value: Decimal, places: u32) -> String {
    let shown = crate::audit::places_needed(value, places, places.saturating_sub(3));
    crate::money::grouped(value, Rounding::half_up(shown))
}

fn check_text(c: &Check, places: Option<u32>, less: &str) -> String {
    let mut line = format!(
        "{} = {} ({}; {less} less this {})",
        c.against,
        shown(c.exact, places),
        c.verdict.words(),
        shown(c.difference, places)
    );
    if let Some(r) = c.range {
        let _ = write!(
            line,
            "; the printed parts allow {} to {}",
            shown(r.lo, places),
            shown(r.hi, places)
        );
    }
    if !c.note.is_empty() {
        let _ = write!(line, "; {}", c.note);
    }
    line
}
