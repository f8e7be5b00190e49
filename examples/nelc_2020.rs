//! The NELC audit: recompute every published figure of Appendix 4 of the 2020
//! DfE evaluation of "Creating Strong Communities in North East Lincolnshire",
//! list each discrepancy, and show the headline under each correction.
//!
//! Run: `cargo run --release --example nelc_2020` (add `--json` for JSON).

use std::process::ExitCode;

fn main() -> ExitCode {
    let json = std::env::args().any(|a| a == "--json");
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
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
