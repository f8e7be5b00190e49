//! Appraise any scenario or programme file and print a readable report, or
//! JSON with every figure as a decimal string.
//!
//! A file with a family table (`families = ...`) is a scenario; one without
//! is a programme, appraised over time from its `[time]` table.
//!
//! Run: `cargo run --release --example appraise -- FILE.toml [--json]`
//!
//! With `--features xlsx`, `-- FILE.toml --xlsx OUT.xlsx` also writes the
//! appraisal as a live workbook: every figure a formula over its inputs, the
//! appraisal over time with its discount factors and present values
//! (docs/auditing.md, "Auditing in a spreadsheet").

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
    if is_scenario(path)? {
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

/// Write the file's appraisal as a workbook to `out`.
#[cfg(feature = "xlsx")]
fn workbook(path: &str, out: &str) -> froi::Result<()> {
    if is_scenario(path)? {
        let file = froi::load::read_scenario_file(path)?;
        return froi::spreadsheet::save_appraisal_workbook(&file.scenario, out);
    }
    let p = froi::load::read_programme(path)?;
    froi::spreadsheet::save_programme_workbook(&p.name, &p.programme, out)
}

#[cfg(not(feature = "xlsx"))]
fn workbook(_: &str, _: &str) -> froi::Result<()> {
    Err(froi::Error::Missing {
        at: froi::Location::field("--xlsx"),
        what: "feature `xlsx`: cargo run --release --features xlsx --example appraise -- FILE.toml --xlsx OUT.xlsx",
    })
}

/// A file with a family table is a scenario; one without is a programme.
fn is_scenario(path: &str) -> froi::Result<bool> {
    let text = std::fs::read_to_string(path).map_err(|source| froi::Error::Io {
        at: froi::Location::file(path),
        source,
    })?;
    // Malformed TOML goes to the scenario reader, which names the line.
    Ok(text
        .parse::<toml::Table>()
        .map_or(true, |t| t.contains_key("families")))
}

fn main() -> ExitCode {
    let usage = "appraise FILE.toml [--json] [--xlsx OUT.xlsx]";
    let (flags, args) = match common::args(&["--json", "--xlsx"], 1..=2, usage) {
        Ok(parsed) => parsed,
        Err(code) => return code,
    };
    let json = flags.iter().any(|f| f == "--json");
    let xlsx = flags.iter().any(|f| f == "--xlsx");
    match (args.as_slice(), xlsx) {
        ([file], false) => common::finish(run(file, json)),
        ([file, out], true) => common::finish(
            workbook(file, out)
                .and_then(|()| run(file, json))
                .inspect(|_| eprintln!("wrote {out}")),
        ),
        _ => {
            eprintln!("usage: {usage}");
            ExitCode::from(2)
        }
    }
}
