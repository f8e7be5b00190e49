//! The NELC audit: recompute every published figure of Appendix 4 of the 2020
//! DfE evaluation of "Creating Strong Communities in North East Lincolnshire",
//! list each discrepancy, and show the headline under each correction.
//!
//! Run: `cargo run --release --example nelc_2020`. Add `-- --all` to print every
//! published figure beside its recomputations, `-- --exact` to show every
//! quotient and recomputation whole instead of to its meaningful places, or
//! `-- --json` for the whole audit as JSON (exact). With `--features xlsx`,
//! `-- --xlsx OUT.xlsx` also writes the audited workbook: the appraisal's
//! sheets with every figure a formula, and the discrepancies each linked to
//! its cell.

mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let usage = "nelc_2020 [--all] [--exact] [--json] [--xlsx OUT.xlsx]";
    let (flags, rest) = match common::args(&["--json", "--all", "--exact", "--xlsx"], 0..=1, usage)
    {
        Ok(parsed) => parsed,
        Err(code) => return code,
    };
    let xlsx = match (flags.iter().any(|a| a == "--xlsx"), rest.first()) {
        (true, Some(out)) => Some(out.clone()),
        (false, None) => None,
        _ => {
            eprintln!("usage: {usage}");
            return ExitCode::from(2);
        }
    };
    let json = flags.iter().any(|a| a == "--json");
    let all = flags.iter().any(|a| a == "--all");
    let precision = if flags.iter().any(|a| a == "--exact") {
        froi::report::Precision::Exact
    } else {
        froi::report::Precision::Presented
    };
    common::finish(froi::nelc_2020::audit().and_then(|audit| {
        if let Some(out) = &xlsx {
            workbook(&audit, out)?;
            eprintln!("wrote {out}");
        }
        if json {
            return common::json(&audit);
        }
        let mut text = froi::report::audit_text_with(&audit, precision);
        if all {
            text.push_str("\n6. Every published figure\n");
            text.push_str(&froi::report::checks_text_with(&audit, precision));
        }
        Ok(text)
    }))
}

/// Write the audited workbook to `out`.
#[cfg(feature = "xlsx")]
fn workbook(audit: &froi::audit::Audit, out: &str) -> froi::Result<()> {
    let scenario = froi::nelc_2020::programme_as_published()?;
    let publication = froi::nelc_2020::publication()?;
    let bytes = froi::spreadsheet::audit_workbook(&scenario, audit, &publication)?;
    froi::spreadsheet::write(std::path::Path::new(out), &bytes)
}

#[cfg(not(feature = "xlsx"))]
fn workbook(_: &froi::audit::Audit, _: &str) -> froi::Result<()> {
    Err(froi::Error::Missing {
        at: froi::Location::field("--xlsx"),
        what: "feature `xlsx` (run with `--features xlsx`)",
    })
}
