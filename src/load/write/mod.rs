//! Writing a programme file back to TOML, so a programme built or changed in
//! code can be saved and re-read exactly. A file is written with serde from
//! the very structs it is read into (`RawScenario`, `RawProgramme`,
//! `RawTime`, `RawUncertainty` and their parts), filled from the model, and
//! every word (a timing, a basis, a kind) comes from the table its reader
//! checks it against: one encoding of each field, read and written.

use toml::Spanned;

use super::doc::{DecimalText, at_nowhere};
use super::scenario::{
    BENEFIT_BASES, COST_BASES, DETERIORATIONS, OUTCOME_POINTS, RawAnnual, RawCost, RawDeadweight,
    RawProgramme, RawScenario, RawValuation,
};
use crate::error::{Error, Location, Result};
use crate::family_source::FamilySource;
use crate::load::ProgrammeFile;
use crate::over_time::Programme;

mod time;
mod uncertainty;

/// The files a written programme file names (its tables are not rewritten).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileNames {
    /// The state catalogue.
    pub states: String,
    /// The family table.
    pub families: String,
    /// The unit-value catalogue.
    pub unit_values: String,
    /// The staff inputs, if the unit cost has staff lines.
    pub staff_inputs: Option<String>,
    /// The deflator index, if the programme has one.
    pub deflators: Option<String>,
    /// The optimism-bias grade table, if the programme has one.
    pub optimism_bias: Option<String>,
}

/// A programme file as TOML text, in the format
/// [`crate::load::programme_from_toml`] reads: with its family table where
/// the programme has a family source (`files.states`, `families`,
/// `unit_values` and `staff_inputs` name its tables), else its `[time]`
/// table alone (`files.families` is not used; `files.states` is written only
/// where the file has states).
///
/// ```
/// use froi::load::{FileNames, ProgrammeFile, programme_from_toml, programme_file_to_toml};
/// let file = froi::nelc_2020::programme_file("scenario.toml")?;
/// let files = FileNames {
///     states: "states.csv".into(),
///     families: "families.csv".into(),
///     unit_values: "unit_values.csv".into(),
///     staff_inputs: Some("staff_inputs.csv".into()),
///     ..FileNames::default()
/// };
/// let text = programme_file_to_toml(&file, &files)?;
/// let again = programme_from_toml(&text, "data/nelc_2020/scenario.toml", &mut |n| froi::nelc_2020::file(n))?;
/// assert_eq!(again.programme, file.programme);
/// # Ok::<(), froi::Error>(())
/// ```
pub fn programme_file_to_toml(file: &ProgrammeFile, files: &FileNames) -> Result<String> {
    let uncertainty = file
        .uncertainty
        .as_ref()
        .map(uncertainty::raw)
        .transpose()?;
    match &file.programme.family_source {
        Some(source) => to_toml(&family_file(&file.programme, source, files, uncertainty)?),
        None => to_toml(&streams_file(file, files, uncertainty)?),
    }
}

fn to_toml(raw: &impl serde::Serialize) -> Result<String> {
    toml::to_string(raw).map_err(|e| Error::Syntax {
        at: Location::default(),
        format: "TOML",
        message: e.to_string(),
    })
}

/// The word a file names `value` by, from the table its reader checks.
pub(super) fn word<T: PartialEq>(words: &[(&'static str, T)], value: &T) -> Spanned<String> {
    let found = words.iter().find(|(_, v)| v == value);
    at_nowhere(found.map_or("", |(w, _)| *w).to_string())
}

/// A count or year as the integer a file holds (a TOML integer is an `i64`).
pub(super) fn integer(n: impl Into<u64>, field: &str) -> Result<Spanned<i64>> {
    let n = n.into();
    i64::try_from(n)
        .map(at_nowhere)
        .map_err(|_| Error::OutOfRange {
            at: Location::field(field),
            value: n.to_string(),
            field_rule: "a count a file can hold (at most 9,223,372,036,854,775,807)".into(),
        })
}

fn family_file(
    p: &Programme,
    s: &FamilySource,
    files: &FileNames,
    uncertainty: Option<super::uncertainty::RawUncertainty>,
) -> Result<RawScenario> {
    let cost = &s.unit_cost;
    Ok(RawScenario {
        name: Some(p.name.clone()),
        states: at_nowhere(files.states.clone()),
        state_noun: Some(s.states.noun().to_string()),
        families: at_nowhere(files.families.clone()),
        unit_values: at_nowhere(toml::Value::String(files.unit_values.clone())),
        benefit_basis: Some(word(BENEFIT_BASES, &s.benefit_basis)),
        cost: RawCost {
            staff_inputs: files.staff_inputs.clone().map(at_nowhere),
            stated_per_session: cost.stated().map(|m| DecimalText::of(m.value())),
            basis: word(COST_BASES, &cost.basis()),
        },
        valuation: RawValuation {
            outcome: word(OUTCOME_POINTS, &s.rule.outcome),
            deterioration: word(DETERIORATIONS, &s.rule.deterioration),
            window_weeks: integer(s.rule.window.get(), "valuation.window_weeks")?,
        },
        deadweight: s
            .deadweight
            .iter()
            .map(|d| RawDeadweight {
                name: at_nowhere(d.name.clone()),
                fraction: DecimalText::of(d.deadweight.value()),
            })
            .collect(),
        annual: match &s.annual {
            Some(a) => Some(RawAnnual {
                basis_cohort: integer(a.basis_cohort, "annual.basis_cohort")?,
                cases_per_year: DecimalText::of(a.cases_per_year),
                service_cost: DecimalText::of(a.service_cost.value()),
                source: a.source.location.clone(),
                source_document: Some(a.source.document.clone()),
            }),
            None => None,
        },
        time: match p.runs_over_time() {
            true => Some(time::raw(p, files)?),
            false => None,
        },
        uncertainty,
    })
}

/// A programme file without a family table.
fn streams_file(
    file: &ProgrammeFile,
    files: &FileNames,
    uncertainty: Option<super::uncertainty::RawUncertainty>,
) -> Result<RawProgramme> {
    Ok(RawProgramme {
        name: Some(file.programme.name.clone()),
        states: file
            .states
            .as_ref()
            .map(|_| at_nowhere(files.states.clone())),
        state_noun: file.states.as_ref().map(|s| s.noun().to_string()),
        // A programme with no catalogue names none (an empty name is
        // refused when read).
        unit_values: (!file.catalogue.is_empty() || !files.unit_values.is_empty())
            .then(|| at_nowhere(toml::Value::String(files.unit_values.clone()))),
        time: time::raw(&file.programme, files)?,
        uncertainty,
    })
}
