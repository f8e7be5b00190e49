//! The NELC audit: recompute every published figure of Appendix 4 of the 2020
//! DfE evaluation of "Creating Strong Communities in North East Lincolnshire",
//! list each discrepancy, and show the headline under each correction.
//!
//! Run: `cargo run --release --example nelc_2020`. Add `--all` to print every
//! published figure beside its recomputations, or `--json` for the whole audit
//! as JSON.

use std::process::ExitCode;

fn main() -> ExitCode {
    let json = std::env::args().any(|a| a == "--json");
    let all = std::env::args().any(|a| a == "--all");
    match froi::nelc_2020::audit() {
        Ok(audit) if json => match serde_json::to_string_pretty(&audit) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Ok(audit) => {
            print!("{}", froi::report::audit_text(&audit));
            if all {
                println!("\n5. Every published figure");
                print!("{}", froi::report::checks_text(&audit));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
