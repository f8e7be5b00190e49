//! The audit as a person reads it: the verdict first, then the chain, the
//! traced inputs, the rule fit, the discrepancies and the corrected headline.
//! Every line keeps to 100 columns; figures follow the precision policy
//! (docs/DESIGN.md, "Precision on the page") unless [`Precision::Exact`] is
//! asked for.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::layout::{Align, row, wrap};
use super::{money_exact, ratio4};
use crate::audit::Audit;
use crate::derivation::Derivation;
use crate::money::Rounding;

/// How many places a text report shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Precision {
    /// The places that mean something: money to the penny or pound, ratios
    /// to 4 places, a recomputation beside a printed figure to 3 places past
    /// the printed ones.
    #[default]
    Presented,
    /// Every value exact, as the types and the JSON hold it.
    Exact,
}

impl Precision {
    fn ratio(self, value: Decimal) -> String {
        match self {
            Precision::Presented => Rounding::half_up(4).apply(value).to_string(),
            Precision::Exact => value.normalize().to_string(),
        }
    }
}

/// Every published figure beside its recomputations, agreeing or not: the
/// long table behind the discrepancy list.
pub fn checks_text(audit: &Audit) -> String {
    checks_text_with(audit, Precision::Presented)
}

/// [`checks_text`] at a chosen precision.
pub fn checks_text_with(audit: &Audit, precision: Precision) -> String {
    // Presented, the row keeps to 100 columns and the figure and the
    // finding share what the numbers leave (a finding on at most two
    // lines); exact, the quotients are whole and the row is as wide as
    // they are.
    let (wide, figure, finding_width) = if precision == Precision::Exact {
        (30, 38, 14)
    } else {
        (12, 28, 26)
    };
    let mut lines = vec![row(&[
        ("line", 4, Align::Left),
        ("figure", figure, Align::Left),
        ("published", 11, Align::Right),
        ("from parts", wide, Align::Right),
        ("from inputs", wide, Align::Right),
        ("finding", finding_width, Align::Left),
    ])];
    for c in &audit.checks {
        let show = |d: Decimal| match precision {
            Precision::Presented => c.unit.show(d, &c.printed),
            Precision::Exact => d.normalize().to_string(),
        };
        let finding = c
            .finding
            .as_ref()
            .map_or("agrees".to_string(), |(kind, _)| kind.to_string());
        lines.push(row(&[
            (
                &c.line.map_or(String::new(), |l| l.to_string()),
                4,
                Align::Left,
            ),
            (&c.location, figure, Align::Left),
            (&c.printed, 11, Align::Right),
            (&show(c.from_parts), wide, Align::Right),
            (
                &c.from_inputs.map_or(String::new(), show),
                wide,
                Align::Right,
            ),
            (&finding, finding_width, Align::Left),
        ]));
    }
    lines.join("\n") + "\n"
}

/// A readable report of an audit: the verdict, the chain, the rule fit, the
/// discrepancies, and the corrected headlines.
pub fn audit_text(audit: &Audit) -> String {
    audit_text_with(audit, Precision::Presented)
}

/// [`audit_text`] at a chosen precision: [`Precision::Exact`] shows every
/// quotient and recomputation whole.
pub fn audit_text_with(audit: &Audit, precision: Precision) -> String {
    let mut s = String::new();
    let a = &audit.as_published;
    let _ = writeln!(s, "Audit: {}", audit.name);
    let _ = writeln!(s, "{}", "=".repeat(audit.name.chars().count() + 7));

    verdict(&mut s, audit);
    chain(&mut s, audit, precision);
    inputs(&mut s, audit, precision);

    let _ = writeln!(s, "\n3. The valuation rule the published rows follow");
    for fit in &audit.rule_fit {
        let mine = if fit.rule == a.rule {
            " [the scenario's rule]"
        } else {
            ""
        };
        let misfits = if !fit.misfits.is_empty() && fit.misfits.len() <= 4 {
            format!(" (not: {})", fit.misfits.join(", "))
        } else {
            String::new()
        };
        let text = format!(
            "{:>2} of {} rows: {}{mine}{misfits}",
            fit.matching, fit.compared, fit.rule
        );
        let _ = writeln!(s, "{}", wrap(&text, "  ", "                 "));
    }

    discrepancies(&mut s, audit, precision);
    corrections(&mut s, audit);
    s
}

fn derivation(s: &mut String, d: &Derivation, precision: Precision) {
    let head = format!("{} = {}", d.figure, precision.ratio(d.value));
    let _ = writeln!(s, "{}", wrap(&head, "  ", "      "));
    let _ = writeln!(
        s,
        "{}",
        wrap(&format!("= {}", d.expression), "    ", "      ")
    );
    for input in &d.inputs {
        let source = if input.source.is_empty() {
            String::new()
        } else {
            format!("  [{}]", input.source)
        };
        let text = format!("{} = {}{source}", input.name, input.value);
        let _ = writeln!(s, "{}", wrap(&text, "    ", "      "));
    }
}

fn chain(s: &mut String, audit: &Audit, precision: Precision) {
    let a = &audit.as_published;
    let _ = writeln!(s, "\n1. The chain to the headline");
    let c = &a.unit_cost;
    let _ = writeln!(
        s,
        "{}",
        wrap(
            &format!(
                "unit cost: staff lines sum to {} over {} hours; the tables charge {}",
                money_exact(c.computed),
                c.hours,
                money_exact(c.per_session)
            ),
            "  ",
            "    "
        )
    );
    for cohort in &a.cohorts {
        let text = format!(
            "cohort {}: benefit {} / cost {} = {}; average benefit {} over {} families",
            cohort.cohort.unwrap_or(0),
            money_exact(cohort.total_benefit),
            money_exact(cohort.total_cost),
            precision.ratio(cohort.ratio.value()),
            money_exact(cohort.average_benefit),
            cohort.families
        );
        let _ = writeln!(s, "{}", wrap(&text, "  ", "    "));
    }
    for r in &a.annual {
        derivation(s, &r.derivation(), precision);
    }
}

fn inputs(s: &mut String, audit: &Audit, precision: Precision) {
    let Some(chain) = &audit.headline_chain else {
        return;
    };
    let _ = writeln!(
        s,
        "\n2. The inputs of the headline ({} deadweight, {}), traced",
        chain.scenario,
        ratio4(crate::money::Ratio::new(chain.ratio))
    );
    for t in &chain.inputs {
        let unit = t.input.unit();
        let value = match precision {
            Precision::Presented => unit.show(t.value, "£"),
            Precision::Exact => t.value.normalize().to_string(),
        };
        let printed = t.source.as_ref().map_or(String::new(), |src| {
            format!(
                " Printed {}{}.",
                src.printed,
                src.line.map_or(String::new(), |l| format!(" at line {l}"))
            )
        });
        let switching = t.switching_value.map_or_else(
            || " No value of it brings the headline to 1.".to_string(),
            |v| {
                let at = match precision {
                    Precision::Presented => unit.show(v, "£"),
                    Precision::Exact => v.normalize().to_string(),
                };
                format!(" The headline is 1 at {at}.")
            },
        );
        let _ = writeln!(
            s,
            "{}",
            row(&[
                (&t.input.to_string(), 23, Align::Left),
                (&value, 10, Align::Right),
                (&t.status.to_string(), 12, Align::Left),
                (
                    &format!("{}.{printed}{switching}", t.derivation),
                    48,
                    Align::Left
                ),
            ])
        );
    }
}

fn discrepancies(s: &mut String, audit: &Audit, precision: Precision) {
    let computed: Vec<_> = audit.discrepancies.iter().filter(|d| d.computed).collect();
    let read: Vec<_> = audit.discrepancies.iter().filter(|d| !d.computed).collect();
    let _ = writeln!(
        s,
        "\n4. Discrepancies found by recomputation ({}; {} material)",
        computed.len(),
        computed.iter().filter(|d| d.material).count()
    );
    let wide = if precision == Precision::Exact {
        30
    } else {
        12
    };
    let location = 62 - wide;
    let _ = writeln!(
        s,
        "{}",
        row(&[
            ("#", 3, Align::Right),
            ("line", 4, Align::Left),
            ("location", location, Align::Left),
            ("published", 12, Align::Right),
            ("recomputed", wide, Align::Right),
            ("material", 8, Align::Left),
        ])
    );
    for (i, d) in computed.iter().enumerate() {
        let recomputed = match (precision, d.recomputed_exact) {
            (Precision::Exact, Some(v)) => v.normalize().to_string(),
            _ => d.recomputed.clone(),
        };
        let _ = writeln!(
            s,
            "{}",
            row(&[
                (&(i + 1).to_string(), 3, Align::Right),
                (
                    &d.line.map_or(String::new(), |l| l.to_string()),
                    4,
                    Align::Left
                ),
                (&d.location, location, Align::Left),
                (&d.published, 12, Align::Right),
                (&recomputed, wide, Align::Right),
                (if d.material { "yes" } else { "" }, 8, Align::Left),
            ])
        );
        let why = format!("{}: {}", d.kind, d.explanation);
        let _ = writeln!(s, "{}", wrap(&why, "           ", "           "));
    }
    if !read.is_empty() {
        let _ = writeln!(
            s,
            "\n   Found by reading (recorded in the publication file)"
        );
        for (i, d) in read.iter().enumerate() {
            let _ = writeln!(
                s,
                "{}",
                row(&[
                    (&(computed.len() + i + 1).to_string(), 3, Align::Right),
                    (
                        &d.line.map_or(String::new(), |l| l.to_string()),
                        4,
                        Align::Left
                    ),
                    (&d.location, 88, Align::Left),
                ])
            );
            let why = format!("{}: {}", d.kind, d.explanation);
            let _ = writeln!(s, "{}", wrap(&why, "           ", "           "));
        }
    }
}

fn corrections(s: &mut String, audit: &Audit) {
    let _ = writeln!(s, "\n5. The headline when each discrepancy is corrected");
    let Some(first) = audit.corrections.first() else {
        return;
    };
    let names: Vec<String> = first
        .annual
        .iter()
        .map(|(n, _)| format!("{n:>8}"))
        .collect();
    let cohorts: Vec<String> = first
        .cohorts
        .iter()
        .map(|(c, _)| format!("{:>8}", format!("c{c}")))
        .collect();
    let _ = writeln!(
        s,
        "  {:<30} {} | {}  material",
        "correction",
        names.join(" "),
        cohorts.join(" ")
    );
    for corr in &audit.corrections {
        let annual: Vec<String> = corr
            .annual
            .iter()
            .map(|(_, r)| format!("{:>8}", ratio4(*r)))
            .collect();
        let cohorts: Vec<String> = corr
            .cohorts
            .iter()
            .map(|(_, r)| format!("{:>8}", ratio4(*r)))
            .collect();
        let line = format!(
            "  {:<30} {} | {}  {}",
            corr.id,
            annual.join(" "),
            cohorts.join(" "),
            if corr.material { "yes" } else { "" }
        );
        let _ = writeln!(s, "{}", line.trim_end());
    }
    let _ = writeln!(
        s,
        "  (annual ratio per deadweight scenario | gross ratio per cohort; 4 places, half-up)"
    );
    for corr in &audit.corrections {
        let text = format!("{}: {}", corr.id, corr.description);
        let _ = writeln!(s, "{}", wrap(&text, "  ", "    "));
    }
}

/// The verdict an auditor reads first: the published headline, froi's
/// recomputation, whether it is reproduced, the discrepancies, and the
/// headline under each material correction.
fn verdict(s: &mut String, audit: &Audit) {
    let _ = writeln!(s, "\nVerdict");
    if let Some(chain) = &audit.headline_chain {
        let recomputed = Rounding::half_up(4).apply(chain.ratio);
        match (&chain.published, chain.reproduced) {
            (Some(f), Some(ok)) => {
                let place = f.line.map_or(String::new(), |l| format!(", line {l}"));
                let _ = writeln!(
                    s,
                    "{}",
                    wrap(
                        &format!("published headline: {} ({}{place})", f.printed, f.location),
                        "  ",
                        "    "
                    )
                );
                let places = crate::audit::read_printed(&f.printed).map_or(0, |p| p.scale());
                let _ = writeln!(
                    s,
                    "  froi recomputes {recomputed} ({} deadweight): {} to the {} printed",
                    chain.scenario,
                    if ok { "reproduced" } else { "NOT reproduced" },
                    if places == 1 {
                        "1 decimal place".to_string()
                    } else {
                        format!("{places} decimal places")
                    }
                );
            }
            _ => {
                let _ = writeln!(
                    s,
                    "  froi recomputes {recomputed} ({} deadweight); the publication file \
                     lists no figure for it",
                    chain.scenario
                );
            }
        }
    }
    let read = audit.discrepancies.iter().filter(|d| !d.computed).count();
    let material = audit.discrepancies.iter().filter(|d| d.material).count();
    let _ = writeln!(
        s,
        "  discrepancies: {} ({} by recomputation, {read} by reading); {material} material",
        audit.discrepancies.len(),
        audit.discrepancies.len() - read,
    );
    let Some(scenario) = audit.headline_chain.as_ref().map(|c| c.scenario.as_str()) else {
        return;
    };
    let _ = writeln!(
        s,
        "  the headline ({scenario} deadweight) under each material correction:"
    );
    let baseline = audit.corrections.first();
    for c in audit.corrections.iter().filter(|c| c.material) {
        if let Some((_, r)) = c.annual.iter().find(|(n, _)| n == scenario) {
            let moved = baseline.map(|b| c.moves(b, scenario)).unwrap_or_default();
            let _ = writeln!(
                s,
                "{}",
                row(&[
                    (&ratio4(*r), 8, Align::Right),
                    (&format!("{}{moved}", c.description), 86, Align::Left)
                ])
            );
        }
    }
}
