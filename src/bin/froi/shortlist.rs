//! `froi options`, `froi tables` and the budget view of `froi appraise`.

use std::path::{Path, PathBuf};

use super::{Failure, Format, Output, inputs_of, json, refuse_inputs, write};

/// Appraise an options file and write its report.
pub(super) fn options(file: &Path, out: &Output, xlsx: Option<&Path>) -> Result<(), Failure> {
    let mut inputs = inputs_of(file);
    // The programmes it names, and the files they name.
    let named: Vec<PathBuf> = inputs.iter().skip(1).cloned().collect();
    for p in named
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        inputs.extend(inputs_of(p));
    }
    refuse_inputs(out.output.as_deref(), &inputs)?;
    refuse_inputs(xlsx, &inputs)?;
    let set = froi::load::read_options(file)?;
    let a = super::with_spinner("appraising the options", || set.appraise())?;
    if let Some(book) = xlsx {
        super::workbook(book, |b| super::options_book(&a, b))?;
    }
    let text = match out.format {
        Format::Text => froi::report::options_text(&a),
        Format::Json => json(&a)?,
        Format::Html => froi::html::page(
            &format!("Options: {}", a.name),
            &format!("{}\n{}", a.to_html(), froi::charts::frontier(&a).to_svg()),
        ),
        Format::Md => a.to_markdown(),
    };
    write(&text, out, &inputs)
}

/// The parameter tables froi ships, each with its source and vintage.
pub(super) fn tables(out: &Output) -> Result<(), Failure> {
    let tables = froi::parameter_tables();
    let text = match out.format {
        Format::Json => json(&tables)?,
        _ => froi::report::parameter_tables_text(&tables),
    };
    write(&text, out, &[])
}

/// `--budget 2024-04` (appraisal year 0 from April 2024) or `--budget 2024`
/// (calendar years from 2024).
pub(super) fn year_start(text: &str) -> Result<froi::YearStart, String> {
    let bad = || {
        format!(
            "{text:?} is not a year start: write YEAR-MM, e.g. 2024-04 for April 2024, or YEAR for calendar years"
        )
    };
    let (year, month) = match text.split_once('-') {
        Some((y, m)) => (y, m.parse::<u8>().map_err(|_| bad())?),
        None => (text, 1),
    };
    let year = year.parse::<i32>().map_err(|_| bad())?;
    froi::YearStart::new(year, month).map_err(|e| e.to_string())
}

/// The budget view of an appraisal's present values.
pub(super) fn budget_view(
    p: &froi::Programme,
    a: &froi::Appraisal,
    start: froi::YearStart,
) -> Result<froi::BudgetView, Failure> {
    Ok(froi::budget_view(p, a.present_values()?, start)?)
}
