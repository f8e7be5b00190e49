//! Writing a programme file and its tables to files that read back equal: the CSV
//! tables (states, families, unit values, staff inputs, deflators, grades)
//! and the TOML that names them.

use std::path::{Path, PathBuf};

use csv::Writer;

use crate::benefits::{StateValues, UnitValue};
use crate::cohorts::Family;
use crate::costs::StaffInput;
use crate::error::{Error, Location, Result};
use crate::optimism::OptimismBias;
use crate::price_base::Deflators;
use crate::provenance::Source;
use crate::states::StateCatalogue;

use super::ProgrammeFile;
use super::write::{FileNames, programme_file_to_toml};
use crate::family_source::FamilySource;
use crate::over_time::Programme;

/// Rows to CSV text with `header`; a field that cannot be written is an
/// error naming `file`.
fn csv_text(file: &str, header: &[&str], rows: Vec<Vec<String>>) -> Result<String> {
    let failed = |e: &dyn std::fmt::Display| Error::Syntax {
        at: Location::file(file),
        format: "CSV",
        message: e.to_string(),
    };
    let mut w = Writer::from_writer(Vec::new());
    w.write_record(header).map_err(|e| failed(&e))?;
    for row in rows {
        w.write_record(&row).map_err(|e| failed(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| failed(&e))?;
    String::from_utf8(bytes).map_err(|e| failed(&e))
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A state catalogue as CSV (`id,label,aliases,rank,closed`), as
/// [`crate::load::states_from_csv`] reads it.
pub fn states_to_csv(states: &StateCatalogue) -> Result<String> {
    let rows = states
        .iter()
        .map(|(_, d)| {
            vec![
                d.id.clone(),
                d.label.clone(),
                d.aliases.join(";"),
                opt(d.rank),
                d.closed.to_string(),
            ]
        })
        .collect();
    csv_text(
        "states.csv",
        &["id", "label", "aliases", "rank", "closed"],
        rows,
    )
}

/// A family table as CSV, states by id, as [`crate::load::families_from_csv`] reads it.
pub fn families_to_csv(families: &[Family], states: &StateCatalogue) -> Result<String> {
    let rows = families
        .iter()
        .map(|f| {
            let p = f.published();
            vec![
                f.cohort().to_string(),
                f.id().to_string(),
                f.children().to_string(),
                states.id(f.entry()).to_string(),
                states.id(f.exit()).to_string(),
                states.id(f.follow_up()).to_string(),
                f.sessions().to_string(),
                opt(f.exit_month()),
                opt(p.cost.map(|m| m.value())),
                opt(p.benefit.map(|m| m.value())),
                opt(p.ratio.map(|r| r.value())),
                f.source().to_string(),
            ]
        })
        .collect();
    // The reader's own column names, so the two cannot drift apart.
    let header: Vec<&str> = super::families::REQUIRED
        .into_iter()
        .chain(super::families::OPTIONAL)
        .collect();
    csv_text("families.csv", &header, rows)
}

/// A unit-value catalogue as CSV, states by id, with each value's source
/// document (so it reads back as it was, whatever file it is saved in).
pub fn unit_values_to_csv(values: &[UnitValue], states: &StateCatalogue) -> Result<String> {
    let rows = values
        .iter()
        .map(|u| {
            vec![
                u.id.clone(),
                opt(u.code.as_ref()),
                u.description.clone(),
                u.state
                    .map(|s| states.id(s).to_string())
                    .unwrap_or_default(),
                u.amount.to_string(),
                match u.period {
                    crate::benefits::Period::OneOff => "one_off".to_string(),
                    p => p.to_string(),
                },
                opt(u.price_year.as_ref()),
                u.agency.clone(),
                u.kind.to_string(),
                opt(u.cashable),
                u.source.document.clone(),
                u.source.location.clone(),
                u.note.clone(),
                opt(u.range.map(|r| r.low)),
                opt(u.range.map(|r| r.high)),
                opt(u.vintage.as_ref()),
                opt(u.real_growth.map(|g| g.rate())),
            ]
        })
        .collect();
    csv_text(
        "unit_values.csv",
        &[
            "id",
            "code",
            "description",
            "state",
            "amount",
            "period",
            "price_year",
            "agency",
            "kind",
            "cashable",
            "document",
            "source",
            "note",
            "low",
            "high",
            "vintage",
            "real_growth",
        ],
        rows,
    )
}

/// Staff inputs as CSV, with each line's source document.
pub fn staff_inputs_to_csv(inputs: &[StaffInput]) -> Result<String> {
    let rows = inputs
        .iter()
        .map(|i| {
            vec![
                i.role.clone(),
                i.hours.value().to_string(),
                i.rate.value().to_string(),
                i.source.document.clone(),
                i.source.location.clone(),
            ]
        })
        .collect();
    csv_text(
        "staff_inputs.csv",
        &["role", "hours", "hourly_rate", "document", "source"],
        rows,
    )
}

/// A deflator index as CSV (`price_year,index,source`).
pub fn deflators_to_csv(d: &Deflators) -> Result<String> {
    let rows = d
        .entries()
        .iter()
        .enumerate()
        .map(|(i, (year, index))| {
            let source = if i == 0 { d.source() } else { "" };
            vec![year.clone(), index.to_string(), source.to_string()]
        })
        .collect();
    csv_text("deflators.csv", &["price_year", "index", "source"], rows)
}

/// An optimism-bias grade table as CSV
/// (`grade,cost_uplift,benefit_reduction,source`).
pub fn grades_to_csv(o: &OptimismBias) -> Result<String> {
    let rows = o
        .grades()
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let source = if i == 0 { o.source() } else { "" };
            vec![
                g.name.clone(),
                g.cost_uplift.value().to_string(),
                g.benefit_reduction.value().to_string(),
                source.to_string(),
            ]
        })
        .collect();
    csv_text(
        "grades.csv",
        &["grade", "cost_uplift", "benefit_reduction", "source"],
        rows,
    )
}

/// The catalogue a saved family file needs: its own entries, an entry for
/// each state value no entry gives, and each outcome line's value not
/// already in it (so the values and the lines read back from the file).
fn catalogue_to_save(p: &Programme, s: &FamilySource) -> Result<Vec<UnitValue>> {
    let mut out = s.catalogue.clone();
    let given =
        StateValues::from_catalogue(&s.states, &s.catalogue, &Location::field("catalogue"))?;
    for (state, def) in s.states.iter() {
        if let Ok(v) = s.values.value(state)
            && given.value(state).ok() != Some(v)
        {
            let source = Source {
                document: String::new(),
                location: "set in code".into(),
            };
            out.push(UnitValue::new(def.id.clone(), v.amount, v.period, source).for_state(state));
        }
    }
    for line in &p.outcomes {
        if !out.iter().any(|u| u.id == line.value.id) {
            out.push(line.value.clone());
        }
    }
    Ok(out)
}

/// Write `tables` into `folder` (created if need be).
fn write_all(folder: &Path, tables: Vec<(&str, String)>) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Io {
        at: Location::file(folder.display().to_string()),
        source,
    })?;
    for (name, text) in tables {
        super::write_file(folder.join(name), text.as_bytes())?;
    }
    Ok(())
}

/// The deflator and grade tables of a programme, and their names.
fn programme_tables(
    p: &crate::over_time::Programme,
    names: &mut FileNames,
    tables: &mut Vec<(&str, String)>,
) -> Result<()> {
    if let Some(d) = &p.deflators {
        tables.push(("deflators.csv", deflators_to_csv(d)?));
        names.deflators = Some("deflators.csv".into());
    }
    if let Some(o) = &p.optimism {
        tables.push(("grades.csv", grades_to_csv(o)?));
        names.optimism_bias = Some("grades.csv".into());
    }
    Ok(())
}

/// Save a programme file into `folder` (created if need be) so that
/// [`crate::load::read_programme`] reads back an equal programme and
/// analyses; returns the path of the TOML file written.
///
/// With a family source: `scenario.toml`, its states, families and unit
/// values, its staff lines where the unit cost has them, and the deflator
/// and grade tables of its appraisal over time. A state value set in code
/// with no catalogue entry is saved as an entry of its own (id = the
/// state's id), and an outcome line's value outside the catalogue joins it.
///
/// Without: `programme.toml`, its unit values (with every outcome line's
/// value), its states if it has them, and its deflator and grade tables.
pub fn save_programme(folder: impl AsRef<Path>, file: &ProgrammeFile) -> Result<PathBuf> {
    match &file.programme.family_source {
        Some(source) => save_family_file(folder.as_ref(), file, source),
        None => save_streams_file(folder.as_ref(), file),
    }
}

fn save_streams_file(folder: &Path, file: &ProgrammeFile) -> Result<PathBuf> {
    let none = StateCatalogue::none();
    let states = file.states.as_ref().unwrap_or(&none);
    let mut catalogue = file.catalogue.clone();
    for line in &file.programme.outcomes {
        if !catalogue.iter().any(|u| u.id == line.value.id) {
            catalogue.push(line.value.clone());
        }
    }
    let mut names = FileNames {
        states: "states.csv".into(),
        unit_values: "unit_values.csv".into(),
        ..FileNames::default()
    };
    let mut tables = vec![("unit_values.csv", unit_values_to_csv(&catalogue, states)?)];
    if let Some(s) = &file.states {
        tables.push(("states.csv", states_to_csv(s)?));
    }
    programme_tables(&file.programme, &mut names, &mut tables)?;
    let saved = ProgrammeFile {
        catalogue,
        ..file.clone()
    };
    tables.push(("programme.toml", programme_file_to_toml(&saved, &names)?));
    write_all(folder, tables)?;
    Ok(folder.join("programme.toml"))
}

fn save_family_file(folder: &Path, file: &ProgrammeFile, s: &FamilySource) -> Result<PathBuf> {
    let catalogue = catalogue_to_save(&file.programme, s)?;
    let mut tables = vec![
        ("states.csv", states_to_csv(&s.states)?),
        ("families.csv", families_to_csv(&s.families, &s.states)?),
        (
            "unit_values.csv",
            unit_values_to_csv(&catalogue, &s.states)?,
        ),
    ];
    let mut names = FileNames {
        states: "states.csv".into(),
        families: "families.csv".into(),
        unit_values: "unit_values.csv".into(),
        ..FileNames::default()
    };
    if !s.unit_cost.inputs().is_empty() {
        tables.push((
            "staff_inputs.csv",
            staff_inputs_to_csv(s.unit_cost.inputs())?,
        ));
        names.staff_inputs = Some("staff_inputs.csv".into());
    }
    if file.programme.runs_over_time() {
        programme_tables(&file.programme, &mut names, &mut tables)?;
    }
    let saved = ProgrammeFile {
        programme: file.programme.clone().families(FamilySource {
            catalogue: catalogue.clone(),
            ..s.clone()
        }),
        catalogue,
        ..file.clone()
    };
    tables.push(("scenario.toml", programme_file_to_toml(&saved, &names)?));
    write_all(folder, tables)?;
    Ok(folder.join("scenario.toml"))
}
