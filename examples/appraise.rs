//! Appraise any scenario or programme file and print a readable report, or
//! JSON with every figure as a decimal string.
//!
//! A file with a family table (`families = ...`) is a scenario; one without
//! is a programme, appraised over time from its `[time]` table.
//!
//! Run: `cargo run --release --example appraise -- FILE.toml [--json]`

mod common;

use std::process::ExitCode;

/// A result with its uncertainty analyses, as one JSON object.
#[derive(serde::Serialize)]
struct WithUncertainty<'a, T: serde::Serialize> {
    #[serde(flatten)]
    result: &'a T,
    uncertainty: Option<&'a froi::uncertainty::UncertaintyResult>,
}

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
        let file = froi::load::read_scenario_file(path)?;
        let a = froi::appraise(&file.scenario)?;
        let uncertainty = file
            .uncertainty
            .as_ref()
            .map(|u| u.run(&file.scenario))
            .transpose()?;
        if json {
            return common::json(&WithUncertainty {
                result: &a,
                uncertainty: uncertainty.as_ref(),
            });
        }
        return Ok(froi::report::scenario_text(&a, uncertainty.as_ref()));
    }
    let p = froi::load::read_programme(path)?;
    let pv = froi::over_time::appraise_over_time(&p.programme)?;
    let uncertainty = p
        .uncertainty
        .as_ref()
        .map(|u| u.run_programme(&p.programme))
        .transpose()?;
    if json {
        return common::json(&WithUncertainty {
            result: &pv,
            uncertainty: uncertainty.as_ref(),
        });
    }
    let mut text = format!("{}\n{}", p.name, froi::report::over_time_text(&pv));
    if let Some(u) = &uncertainty {
        text.push_str(&froi::report::uncertainty_text(u));
    }
    Ok(text)
}

fn main() -> ExitCode {
    match common::args(&["--json"], 1..=1, "appraise FILE.toml [--json]") {
        Ok((flags, files)) => common::finish(run(&files[0], !flags.is_empty())),
        Err(code) => code,
    }
}
