//! Appraise any scenario or programme file and print a readable report, or
//! JSON with every figure as a decimal string.
//!
//! A file with a family table (`families = ...`) has a family source, and
//! may have a `[time]` table; one without is appraised over time from its
//! `[time]` table alone. Both are one programme, read and appraised alike.
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
    let file = froi::load::read_programme(path)?;
    let a = froi::appraise(&file.programme)?;
    let uncertainty = file
        .uncertainty
        .as_ref()
        .map(|u| u.run(&file.programme))
        .transpose()?;
    if json {
        return common::json(&WithUncertainty {
            result: &a,
            uncertainty: uncertainty.as_ref(),
        });
    }
    Ok(froi::report::text(&a, uncertainty.as_ref()))
}

/// Write the file's appraisal as a workbook to `out`.
#[cfg(feature = "xlsx")]
fn workbook(path: &str, out: &str) -> froi::Result<()> {
    let file = froi::load::read_programme(path)?;
    froi::spreadsheet::save_workbook(&file.programme, out)
}

#[cfg(not(feature = "xlsx"))]
fn workbook(_: &str, _: &str) -> froi::Result<()> {
    Err(froi::Error::Missing {
        at: froi::Location::field("--xlsx"),
        what: "feature `xlsx`: cargo run --release --features xlsx --example appraise -- FILE.toml --xlsx OUT.xlsx",
    })
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
