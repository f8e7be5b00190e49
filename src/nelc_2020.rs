//! The 2020 NELC appraisal (Appendix 4 of the DfE evaluation of "Creating
//! Strong Communities in North East Lincolnshire"), shipped as data.
//!
//! The files live in `data/nelc_2020/` with the source of every figure; they
//! are embedded here so that notebooks and doctests need no paths.
//!
//! ```
//! let appraisal = froi::nelc_2020::appraise_as_published()?;
//! let annual = &appraisal.families()?.annual;
//! let high = annual.iter().find(|a| a.scenario.name == "high").unwrap();
//! assert_eq!(high.ratio.rounded(froi::Rounding::half_up(1)).to_string(), "3.4");
//! # Ok::<(), froi::Error>(())
//! ```

use crate::appraisal::{Appraisal, appraise};
use crate::audit::Publication;
use crate::error::{Error, Location, Result};
use crate::load::{ProgrammeFile, programme_from_toml, states_from_csv};
use crate::over_time::Programme;
use crate::states::StateCatalogue;

/// The data files, by the names the scenario files use.
pub const FILES: [(&str, &str); 7] = [
    (
        "scenario.toml",
        include_str!("../data/nelc_2020/scenario.toml"),
    ),
    (
        "scenario_by_rule.toml",
        include_str!("../data/nelc_2020/scenario_by_rule.toml"),
    ),
    ("states.csv", include_str!("../data/nelc_2020/states.csv")),
    (
        "families.csv",
        include_str!("../data/nelc_2020/families.csv"),
    ),
    (
        "unit_values.csv",
        include_str!("../data/nelc_2020/unit_values.csv"),
    ),
    (
        "staff_inputs.csv",
        include_str!("../data/nelc_2020/staff_inputs.csv"),
    ),
    (
        "published.toml",
        include_str!("../data/nelc_2020/published.toml"),
    ),
];

/// The text of one embedded file, named as in `data/nelc_2020/`.
pub fn file(name: &str) -> Result<(String, String)> {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| (text.to_string(), format!("data/nelc_2020/{n}")))
        .ok_or_else(|| Error::Io {
            at: Location::file(format!("data/nelc_2020/{name}")),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "not an embedded NELC file"),
        })
}

fn load(name: &str) -> Result<Programme> {
    programme_file(name).map(|f| f.programme)
}

/// One of the embedded programme files (`scenario.toml`,
/// `scenario_by_rule.toml`) with its uncertainty analyses: the by-rule file
/// carries an illustrative set.
pub fn programme_file(name: &str) -> Result<ProgrammeFile> {
    let (text, path) = file(name)?;
    programme_from_toml(&text, &path, &mut |n| file(n))
}

/// The five care statuses of the appendix (`data/nelc_2020/states.csv`):
/// closed, child in need, child protection plan, kinship care and looked
/// after in foster care, in that order of intensity, with the labels the
/// tables print (`CPP`, `KIN`, `FOSTER`).
pub fn states() -> Result<StateCatalogue> {
    let (text, path) = file("states.csv")?;
    states_from_csv(&text, &path, STATE_NOUN)
}

/// What the appendix's states are called in messages.
pub const STATE_NOUN: &str = "care status";

/// The appendix as published, a programme whose one benefit source is its
/// family table: the printed family benefits, the stated unit cost.
pub fn programme_as_published() -> Result<Programme> {
    load("scenario.toml")
}

/// The same programme with every family valued by the rule from its statuses.
pub fn programme_by_rule() -> Result<Programme> {
    load("scenario_by_rule.toml")
}

/// [`programme_as_published`], appraised.
pub fn appraise_as_published() -> Result<Appraisal> {
    appraise(&programme_as_published()?)
}

/// The published figures of Appendix 4, for the audit.
pub fn publication() -> Result<Publication> {
    let (text, path) = file("published.toml")?;
    Publication::from_toml(&text, &path)
}

/// The audit of Appendix 4: every published figure recomputed and classified.
pub fn audit() -> Result<crate::audit::Audit> {
    crate::audit::audit(&programme_as_published()?, &publication()?)
}
