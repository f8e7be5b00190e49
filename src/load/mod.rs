//! Reading programme files and tables: the only I/O in the crate.
//!
//! Every reader has a form that takes text (for tests, notebooks and embedded
//! data) and a form that takes a path. Decimals are read as decimal text,
//! never through `f64`.

mod caseload;
mod counts;
mod doc;
mod families;
mod options;
mod parameters;
mod save;
mod scenario;
#[cfg(feature = "xlsx")]
mod sheet;
mod sink;
mod split;
pub(crate) mod tables;
mod time;
mod uncertainty;
mod write;

use std::path::Path;

pub use counts::{counts_from_csv, read_counts};
pub(crate) use families::stream_families;
pub use families::{families_from_csv, read_families};
pub use options::{options_from_toml, read_options};
pub use parameters::{deflators_from_csv, optimism_bias_from_csv};
pub use save::{
    deflators_to_csv, families_to_csv, grades_to_csv, save_programme, staff_inputs_to_csv,
    states_to_csv, unit_values_to_csv,
};
pub use scenario::{ProgrammeFile, programme_from_toml, read_programme};
#[cfg(feature = "xlsx")]
pub use sheet::{read_families_sheet, read_unit_values_sheet};
pub use tables::{staff_inputs_from_csv, states_from_csv, unit_values_from_csv};
pub use write::{FileNames, programme_file_to_toml};

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
        message: match (e.message(), e.span().and_then(|s| text.get(s))) {
            // The span is the repeated key: name it.
            ("duplicate key", Some(key)) if !key.trim().is_empty() => {
                format!("duplicate key `{}`", key.trim())
            }
            (message, _) => message.to_string(),
        },
    }
}

/// Write `bytes` to `path` whole or not at all: they go to a temporary file
/// beside it, renamed into place once written, so a failed write leaves any
/// file already at `path` as it was. A failure names the file.
pub fn write_file(path: impl AsRef<Path>, bytes: &[u8]) -> Result<()> {
    let path = path.as_ref();
    crate::output::write_whole(path, bytes).map_err(|source| Error::Io {
        at: Location::file(path.display().to_string()),
        source,
    })
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
    let at = Location::file(path.display().to_string());
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        at: at.clone(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        // Say where the first bad byte is, so it can be found in an editor.
        let bytes = e.as_bytes();
        let offset = e.utf8_error().valid_up_to();
        let before = bytes.get(..offset).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let bad = bytes.get(offset).copied().unwrap_or_default();
        Error::Syntax {
            at: at.at_line(line),
            format: "UTF-8",
            message: format!(
                "byte 0x{bad:02X} at byte {} of the file (byte {} of the line) is not UTF-8 \
                 text; save the file as UTF-8",
                offset + 1,
                offset - line_start + 1
            ),
        }
    })
}
