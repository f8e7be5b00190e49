//! The NELC audit: recompute every published figure of Appendix 4 of the 2020
//! DfE evaluation of "Creating Strong Communities in North East Lincolnshire",
//! list each discrepancy, and show the headline under each correction.
//!
//! Run: `cargo run --release --example nelc_2020`. Add `-- --all` to print every
//! published figure beside its recomputations, `-- --exact` to show every
//! quotient and recomputation whole instead of to its meaningful places, or
//! `-- --json` for the whole audit as JSON (exact).

mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let flags = match common::args(
        &["--json", "--all", "--exact"],
        0..=0,
        "nelc_2020 [--all] [--exact] [--json]",
    ) {
        Ok((flags, _)) => flags,
        Err(code) => return code,
    };
    let json = flags.iter().any(|a| a == "--json");
    let all = flags.iter().any(|a| a == "--all");
    let precision = if flags.iter().any(|a| a == "--exact") {
        froi::report::Precision::Exact
    } else {
        froi::report::Precision::Presented
    };
    common::finish(froi::nelc_2020::audit().and_then(|audit| {
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
