//! Reading scenarios and tables from files: the only I/O in the crate.
//!
//! Every reader has a form that takes text (for tests, notebooks and embedded
//! data) and a form that takes a path. Decimals are read as decimal text,
//! never through `f64`.

mod caseload;
mod families;
mod save;
mod scenario;
pub(crate) mod tables;
mod time;
mod uncertainty;
mod write;

use std::path::Path;

pub(crate) use families::stream_families;
pub use families::{families_from_csv, read_families};
pub use save::{
    deflators_to_csv, families_to_csv, grades_to_csv, save_programme, save_scenario,
    staff_inputs_to_csv, states_to_csv, unit_values_to_csv,
};
pub use scenario::{
    ProgrammeFile, ScenarioFile, programme_from_toml, read_programme, read_scenario,
    read_scenario_file, scenario_file_from_toml, scenario_from_toml,
};
pub use tables::{staff_inputs_from_csv, states_from_csv, unit_values_from_csv};
pub use write::{ScenarioFiles, programme_file_to_toml, scenario_file_to_toml, scenario_to_toml};

use crate::error::{Error, Location, Result};

/// The 1-based line of a byte offset in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> u64 {
    text.get(..offset)
        .map_or(0, |before| before.matches('\n').count() as u64)
        + 1
}

/// A TOML parse error as an [`Error::Syntax`] naming the file and line.
pub(crate) fn toml_error(e: &toml::de::Error, text: &str, file: &str) -> Error {
    Error::Syntax {
        at: Location {
            file: Some(file.into()),
            line: e.span().map(|s| line_of(text, s.start)),
            field: None,
        },
        format: "TOML",
        message: e.message().to_string(),
    }
}

/// Open a file for reading, naming it in the error; returns the file and its name.
pub(crate) fn open_file(path: &Path) -> Result<(std::fs::File, String)> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        at: Location::file(name.clone()),
        source,
    })?;
    Ok((file, name))
}

/// Read a whole file as text, naming it in the error.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        at: Location::file(path.display().to_string()),
        source,
    })
}
