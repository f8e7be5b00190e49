//! The figures shown beside an appraisal's own (distributional weights,
//! the cost of raising public funds), and the parameter tables froi ships,
//! as text.

use std::fmt::Write;

use super::layout::wrap;
use super::{grouped, pounds, ratio};
use crate::appraisal::Appraisal;
use crate::money::Rounding;

/// The figures shown beside the appraisal's own: weighted by income group,
/// and with the cost of raising public funds (each where the programme
/// asks for it).
pub(super) fn beside_text(a: &Appraisal) -> String {
    let mut s = String::new();
    if let Some(w) = &a.weighted {
        let _ = writeln!(
            s,
            "\nDistributional weights (beside the figures above, not instead): η {}, reference income {}",
            w.eta.normalize(),
            grouped(w.reference_income, Rounding::half_up(0))
        );
        for g in &w.groups {
            let income = g
                .income
                .map_or("-".into(), |i| grouped(i, Rounding::half_up(0)));
            let _ = writeln!(
                s,
                "{}",
                wrap(
                    &format!(
                        "{} (income {income}): weight {}, PV benefits {} weighted {}",
                        g.group,
                        grouped(g.weight, Rounding::half_up(4)),
                        pounds(g.pv_benefits),
                        pounds(g.weighted)
                    ),
                    "  ",
                    "    "
                )
            );
        }
        let _ = writeln!(
            s,
            "  weighted PV benefits {}; weighted NPV {}; weighted benefit-cost ratio {}",
            pounds(w.pv_benefits),
            pounds(w.npv),
            ratio(w.bcr)
        );
    }
    if let Some(m) = &a.with_metb {
        s.push('\n');
        let _ = writeln!(
            s,
            "{}",
            wrap(
                &format!(
                    "With the cost of raising public funds (METB {}% on costs, beside the figures above): PV costs {}; NPV {}; benefit-cost ratio {}",
                    (m.rate * rust_decimal::Decimal::ONE_HUNDRED).normalize(),
                    pounds(m.pv_costs),
                    pounds(m.npv),
                    ratio(m.bcr)
                ),
                "",
                "  "
            )
        );
    }
    s
}

/// The parameter tables froi ships, each with its values, vintage and
/// source.
///
/// ```
/// let text = froi::report::parameter_tables_text(&froi::parameter_tables());
/// assert!(text.contains("wellby") && text.contains("vintage: July 2021"));
/// ```
pub fn parameter_tables_text(tables: &[crate::ParameterTable]) -> String {
    let mut s = String::from(
        "Parameter tables froi ships (deflators and optimism-bias grades are not shipped: a programme\nnames its own)\n",
    );
    for t in tables {
        let values = t
            .values
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(s, "\n{}", wrap(&format!("{}: {}", t.id, t.title), "", "  "));
        for line in [
            values,
            format!("vintage: {}", t.vintage),
            format!("source: {}", t.source),
        ] {
            let _ = writeln!(s, "{}", wrap(&line, "  ", "    "));
        }
    }
    s
}
