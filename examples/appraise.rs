//! Appraise any scenario or programme file and print a readable report, or
//! JSON with every figure as a decimal string.
//!
//! A file with a family table (`families = ...`) is a scenario; one without
//! is a programme, appraised over time from its `[time]` table.
//!
//! Run: `cargo run --release --example appraise -- FILE.toml [--json]`

mod common;

use std::process::ExitCode;

fn run(path: &str, json: bool) -> froi::Result<String> {
    let text = std::fs::read_to_string(path).map_err(|source| froi::Error::Io {
        at: froi::Location::file(path),
        source,
    })?;
    // Malformed TOML goes to the scenario reader, which names the line.
    let is_scenario = text
        .parse::<toml::Table>()
        .map_or(true, |t| t.contains_key("families"));
    if is_scenario {
        let a = froi::appraise(&froi::load::read_scenario(path)?)?;
        return if json {
            common::json(&a)
        } else {
            Ok(froi::report::appraisal_text(&a))
        };
    }
    let p = froi::load::read_programme(path)?;
    let pv = froi::over_time::appraise_over_time(&p.programme)?;
    let uncertainty = p
        .uncertainty
        .as_ref()
        .map(|u| u.run_programme(&p.programme))
        .transpose()?;
    if json {
        return common::json(&(&pv, &uncertainty));
    }
    let mut text = format!("{}\n{}", p.name, froi::report::over_time_text(&pv));
    if let Some(u) = &uncertainty {
        text.push_str(&froi::report::uncertainty_text(u));
    }
    Ok(text)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: appraise FILE.toml [--json]");
        return ExitCode::from(2);
    };
    common::finish(run(path, json))
}
