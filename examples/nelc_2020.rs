//! The NELC audit: recompute every published figure of Appendix 4 of the 2020
//! DfE evaluation of "Creating Strong Communities in North East Lincolnshire",
//! list each discrepancy, and show the headline under each correction.
//!
//! Run: `cargo run --release --example nelc_2020`. Add `-- --all` to print every
//! published figure beside its recomputations, or `-- --json` for the whole audit
//! as JSON.

mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let flags = match common::args(&["--json", "--all"], 0..=0, "nelc_2020 [--all] [--json]") {
        Ok((flags, _)) => flags,
        Err(code) => return code,
    };
    let json = flags.iter().any(|a| a == "--json");
    let all = flags.iter().any(|a| a == "--all");
    common::finish(froi::nelc_2020::audit().and_then(|audit| {
        if json {
            return common::json(&audit);
        }
        let mut text = froi::report::audit_text(&audit);
        if all {
            text.push_str("\n6. Every published figure\n");
            text.push_str(&froi::report::checks_text(&audit));
        }
        Ok(text)
    }))
}
