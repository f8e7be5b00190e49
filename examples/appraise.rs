//! Appraise any scenario file and print a readable report, or JSON with every
//! figure as a decimal string.
//!
//! Run: `cargo run --release --example appraise -- SCENARIO.toml [--json]`

mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: appraise SCENARIO.toml [--json]");
        return ExitCode::from(2);
    };
    common::finish(
        froi::load::read_scenario(path)
            .and_then(|s| froi::appraise(&s))
            .and_then(|a| {
                if json {
                    common::json(&a)
                } else {
                    Ok(froi::report::appraisal_text(&a))
                }
            }),
    )
}
