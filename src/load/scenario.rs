//! Programme files (TOML): one format, with or without a family table.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::adjustments::{Deadweight, DeadweightScenario};
use crate::benefits::{Deterioration, OutcomePoint, StateValues, ValuationRule};
use crate::costs::{CostBasis, UnitCost};
use crate::error::{Error, Location, Result};
use crate::family_source::{AnnualBasis, BenefitBasis, FamilySource};
use crate::money::{Money, Weeks};
use crate::over_time::Programme;
use crate::provenance::Source;
use crate::uncertainty::Evaluator;

use super::doc::{DecimalText, Doc};
use super::families::families_from_csv;
use super::tables::{relocate, staff_inputs_from_csv, states_from_csv, unit_values_from_csv};

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScenario {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) name: Option<String>,
    pub(super) states: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) state_noun: Option<String>,
    pub(super) families: Spanned<String>,
    pub(super) unit_values: Spanned<toml::Value>,
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) benefit_basis: Option<Spanned<String>>,
    pub(super) cost: RawCost,
    pub(super) valuation: RawValuation,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) deadweight: Vec<RawDeadweight>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) annual: Option<RawAnnual>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) time: Option<super::time::RawTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) uncertainty: Option<super::uncertainty::RawUncertainty>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCost {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) staff_inputs: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) stated_per_session: Option<Spanned<DecimalText>>,
    pub(super) basis: Spanned<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawValuation {
    pub(super) outcome: Spanned<String>,
    pub(super) deterioration: Spanned<String>,
    pub(super) window_weeks: Spanned<i64>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDeadweight {
    pub(super) name: Spanned<String>,
    pub(super) fraction: Spanned<DecimalText>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnnual {
    pub(super) basis_cohort: Spanned<i64>,
    pub(super) cases_per_year: Spanned<DecimalText>,
    pub(super) service_cost: Spanned<DecimalText>,
    #[serde(default)]
    pub(super) source: String,
    /// The document the source names, where it is not this file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) source_document: Option<String>,
}

/// Build a programme file from TOML text: the programme (with its family
/// source, where the file names a family table) and the uncertainty
/// analyses its `[uncertainty]` table asks for, checked against it. `file`
/// names it in errors; `open` returns the text of a file it names (relative
/// names are the caller's to resolve), so embedded data and notebooks need
/// no file system.
///
/// A file that names `families` carries a family source (its `[cost]`,
/// `[valuation]`, `[[deadweight]]` and `[annual]` tables belong to it) and
/// may have a `[time]` table; one that does not is appraised over time from
/// its `[time]` table alone.
///
/// ```
/// let text = r#"
/// name = "a mentoring service"
/// unit_values = "values.csv"
/// [time]
/// horizon_years = 3
/// discounting = "green_book"
/// timing = "year_zero_undiscounted"
/// participants = 100
/// [[time.outcome]]
/// name = "NEET avoided"
/// unit_value = "neet"
/// participants = 100
/// share = "0.1"
/// duration_years = 2
/// [[time.cost]]
/// name = "mentors"
/// up_front = "40000"
/// "#;
/// let values = "id,description,amount,period\nneet,a year NEET (illustrative),1000,year\n";
/// let f = froi::load::programme_from_toml(text, "p.toml", &mut |_| {
///     Ok((values.to_string(), "values.csv".to_string()))
/// })?;
/// let a = froi::appraise(&f.programme)?;
/// // 100 x 0.1 x 1,000 a year for two years: 10,000 + 10,000 / 1.035.
/// assert_eq!(a.present_values()?.pv_benefits.rounded(froi::Rounding::half_up(2)).to_string(), "19661.84");
/// # Ok::<(), froi::Error>(())
/// ```
pub fn programme_from_toml(
    text: &str,
    file: &str,
    open: &mut dyn FnMut(&str) -> Result<(String, String)>,
) -> Result<ProgrammeFile> {
    // Malformed TOML goes to the family reader, which names the line.
    let keys = text.parse::<toml::Table>().ok();
    let has = |key: &str| keys.as_ref().is_none_or(|t| t.contains_key(key));
    if !has("families") && !has("time") {
        return Err(Error::Missing {
            at: Location::file(file),
            what: "family table or `[time]` table (a programme file names its families with \
                   `families = ...`, or appraises streams over time in a `[time]` table, or both)",
        });
    }
    let has_families = has("families");
    if has_families {
        family_file_from_toml(text, file, open)
    } else {
        streams_file_from_toml(text, file, open)
    }
}

/// A file with a family table.
fn family_file_from_toml(
    text: &str,
    file: &str,
    open: &mut dyn FnMut(&str) -> Result<(String, String)>,
) -> Result<ProgrammeFile> {
    let raw: RawScenario = toml::from_str(text).map_err(|e| super::toml_error(&e, text, file))?;
    let doc = Doc::new(file, text);

    let states = read_states(&doc, &raw.states, raw.state_noun.as_deref(), open)?;
    let (families_text, families_name) = open(doc.path(&raw.families, "families")?)?;
    let families = families_from_csv(&families_text, &families_name, &states)?;
    if families.is_empty() {
        return Err(Error::Missing {
            at: Location::file(families_name).at_line(2),
            what: "family rows (the table has a header only)",
        });
    }
    let (catalogue, values_name) = read_catalogue(&doc, &raw.unit_values, &states, open)?;
    let values = StateValues::from_catalogue(&states, &catalogue, &Location::file(&values_name))?;
    let unit_cost = unit_cost(&doc, &raw.cost, open)?;
    let rule = valuation(&doc, &raw.valuation)?;
    let benefit_basis = benefit_basis(&doc, raw.benefit_basis.as_ref())?;
    let deadweight = deadweight(&doc, &raw.deadweight)?;
    let annual = match &raw.annual {
        None => None,
        Some(a) => Some(annual(&doc, a)?),
    };
    let over_time = match &raw.time {
        Some(t) => Some(super::time::programme(
            t,
            &doc,
            open,
            raw.annual.is_some(),
            &catalogue,
        )?),
        None => None,
    };
    let source = FamilySource {
        rule,
        benefit_basis,
        states: states.clone(),
        families,
        unit_cost,
        values,
        catalogue: catalogue.clone(),
        deadweight,
        annual,
    };
    // Each rule of a family source is the model's: placed at its line here.
    source
        .validate()
        .map_err(|e| place_family_error(e, &doc, &raw, &values_name))?;
    let name = raw.name.unwrap_or_else(|| file.to_string());
    let programme = match over_time {
        Some(p) => p.named(name).families(source),
        None => Programme::of_families(name, source),
    };
    let uncertainty = match &raw.uncertainty {
        Some(u) => Some(family_uncertainty(&doc, u, &programme)?),
        None => None,
    };
    Ok(ProgrammeFile {
        states: Some(states),
        catalogue,
        programme,
        uncertainty,
    })
}

/// The words a file names each cost basis by.
pub(super) const COST_BASES: &[(&str, CostBasis)] = &[
    ("stated", CostBasis::Stated),
    ("computed", CostBasis::Computed),
];

/// The words a file names each outcome point by.
pub(super) const OUTCOME_POINTS: &[(&str, OutcomePoint)] = &[
    ("exit", OutcomePoint::Exit),
    ("follow_up", OutcomePoint::FollowUp),
];

/// The words a file names each treatment of a deterioration by.
pub(super) const DETERIORATIONS: &[(&str, Deterioration)] = &[
    ("no_benefit", Deterioration::NoBenefit),
    ("negative_benefit", Deterioration::NegativeBenefit),
];

/// The words a file names each benefit basis by.
pub(super) const BENEFIT_BASES: &[(&str, BenefitBasis)] = &[
    ("rule", BenefitBasis::Rule),
    ("published", BenefitBasis::Published),
];

/// The `[cost]` table: staff lines, a stated figure, and the basis charged.
fn unit_cost(
    doc: &Doc<'_>,
    raw: &RawCost,
    open: &mut dyn FnMut(&str) -> Result<(String, String)>,
) -> Result<UnitCost> {
    let inputs = match &raw.staff_inputs {
        Some(name) => {
            let (staff_text, staff_name) = open(doc.path(name, "cost.staff_inputs")?)?;
            staff_inputs_from_csv(&staff_text, &staff_name)?
        }
        None => Vec::new(),
    };
    let stated = match &raw.stated_per_session {
        Some(v) => Some(doc.decimal(v, "cost.stated_per_session")?),
        None => None,
    };
    let basis = doc.word(&raw.basis, "cost.basis", COST_BASES)?;
    let cost_at = doc.at(raw.basis.span(), "cost.basis");
    let unit_cost = UnitCost::new(inputs, stated.as_ref().map(|(d, _)| Money::new(*d)), basis)
        .map_err(|e| match (&e, &stated) {
            (Error::OutOfRange { .. }, Some((_, at))) => relocate(e, at.clone()),
            (Error::Missing { what, .. }, _) => Error::Missing {
                at: cost_at.clone(),
                what,
            },
            _ => e,
        })?;
    Ok(unit_cost)
}

/// The `[valuation]` table: the outcome point, deteriorations, the window.
fn valuation(doc: &Doc<'_>, raw: &RawValuation) -> Result<ValuationRule> {
    let window = raw.window_weeks.get_ref();
    let window_at = doc.at(raw.window_weeks.span(), "valuation.window_weeks");
    let window = u32::try_from(*window)
        .map_err(|_| Error::OutOfRange {
            at: window_at.clone(),
            value: window.to_string(),
            field_rule: "a benefit window is a whole number of weeks, at least 1".into(),
        })
        .and_then(|w| Weeks::new(w).map_err(|e| relocate(e, window_at.clone())))?;
    Ok(ValuationRule {
        outcome: doc.word(&raw.outcome, "valuation.outcome", OUTCOME_POINTS)?,
        deterioration: doc.word(
            &raw.deterioration,
            "valuation.deterioration",
            DETERIORATIONS,
        )?,
        window,
    })
}

fn benefit_basis(doc: &Doc<'_>, raw: Option<&Spanned<String>>) -> Result<BenefitBasis> {
    match raw {
        Some(b) => doc.word(b, "benefit_basis", BENEFIT_BASES),
        None => Ok(BenefitBasis::Rule),
    }
}

/// The `[[deadweight]]` scenarios (each named once: `FamilySource::validate`).
fn deadweight(doc: &Doc<'_>, raw: &[RawDeadweight]) -> Result<Vec<DeadweightScenario>> {
    let deadweight = raw
        .iter()
        .map(|d| {
            let (fraction, at) = doc.decimal(&d.fraction, "deadweight.fraction")?;
            Ok(DeadweightScenario::new(
                d.name.get_ref().clone(),
                Deadweight::new_at(fraction, &at)?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(deadweight)
}

/// The `[annual]` table (a cohort that has families, positive cases and
/// cost: `FamilySource::validate`).
fn annual(doc: &Doc<'_>, a: &RawAnnual) -> Result<AnnualBasis> {
    let cohort_at = doc.at(a.basis_cohort.span(), "annual.basis_cohort");
    let basis_cohort = u32::try_from(*a.basis_cohort.get_ref()).map_err(|_| Error::OutOfRange {
        at: cohort_at.clone(),
        value: a.basis_cohort.get_ref().to_string(),
        field_rule: "a cohort is a whole number".into(),
    })?;
    let (cases, _) = doc.decimal(&a.cases_per_year, "annual.cases_per_year")?;
    let (cost, _) = doc.decimal(&a.service_cost, "annual.service_cost")?;
    Ok(AnnualBasis {
        basis_cohort,
        cases_per_year: cases,
        service_cost: Money::new(cost),
        source: Source {
            document: a
                .source_document
                .clone()
                .unwrap_or_else(|| doc.file.to_string()),
            location: a.source.clone(),
        },
    })
}

/// An error of `FamilySource::validate` at the file's line: the model names
/// the field, the file knows where that field is written.
fn place_family_error(e: Error, doc: &Doc<'_>, raw: &RawScenario, values_file: &str) -> Error {
    let Some(owned) = e.location().and_then(|at| at.field.clone()) else {
        return e;
    };
    let field: &str = &owned;
    let span = match field {
        "cost.per_session" => Some(match &raw.cost.stated_per_session {
            Some(v) => (v.span(), "cost.stated_per_session"),
            None => (raw.cost.basis.span(), "cost.basis"),
        }),
        "deadweight.name" => second_of_a_name(&raw.deadweight).map(|s| (s, "deadweight.name")),
        "annual.basis_cohort" | "annual.cases_per_year" | "annual.service_cost" => {
            raw.annual.as_ref().map(|a| {
                let span = match field {
                    "annual.basis_cohort" => a.basis_cohort.span(),
                    "annual.cases_per_year" => a.cases_per_year.span(),
                    _ => a.service_cost.span(),
                };
                (span, field)
            })
        }
        // A state with no value: the unit-value table is where to add one.
        "unit values" => return relocate(e, Location::file(values_file)),
        _ => None,
    };
    match span {
        Some((span, field)) => relocate(e, doc.at(span, field)),
        None => e.map_location(|at| Location {
            file: Some(doc.file.into()),
            ..at
        }),
    }
}

/// Where the first deadweight scenario named as an earlier one is written.
fn second_of_a_name(raw: &[RawDeadweight]) -> Option<std::ops::Range<usize>> {
    let mut seen = std::collections::HashSet::new();
    raw.iter()
        .find(|d| !seen.insert(d.name.get_ref().as_str()))
        .map(|d| d.name.span())
}

/// The `[uncertainty]` table of a file with a family table, checked against
/// it (its deadweight scenarios and cohorts, and an evaluator of its target).
fn family_uncertainty(
    doc: &Doc<'_>,
    u: &super::uncertainty::RawUncertainty,
    programme: &Programme,
) -> Result<crate::uncertainty::UncertaintySpec> {
    let scenario = programme.family_source()?;
    let names: Vec<String> = scenario.deadweight.iter().map(|d| d.name.clone()).collect();
    let mut cohorts: Vec<u32> = scenario.families.iter().map(|f| f.cohort()).collect();
    cohorts.dedup();
    let known = super::uncertainty::Known {
        programme: false,
        deadweight: &names,
        cohorts: &cohorts,
        places: Default::default(),
        stream_years: programme.stream_years(),
        ranges: super::uncertainty::value_ranges(programme),
    };
    let spec = super::uncertainty::spec(u, doc, &known)?;
    let target_at = doc.at(u.target.span(), "uncertainty.target");
    let target = spec.target.clone();
    super::uncertainty::check(
        || Evaluator::new(programme, target),
        &target_at,
        known.places.into_inner(),
    )?;
    Ok(spec)
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProgramme {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) states: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) state_noun: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) unit_values: Option<Spanned<toml::Value>>,
    pub(super) time: super::time::RawTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) uncertainty: Option<super::uncertainty::RawUncertainty>,
}

/// A programme file: the programme, the states and unit values the file
/// names, and the analyses its `[uncertainty]` table asks for.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProgrammeFile {
    /// The states its unit values name (`None`: the file names none).
    pub states: Option<crate::states::StateCatalogue>,
    /// The unit values its family table and outcome lines draw on.
    pub catalogue: Vec<crate::benefits::UnitValue>,
    /// The programme.
    pub programme: Programme,
    /// Sensitivity, switching values and Monte Carlo, if the file asks,
    /// checked against the programme when read (run them with
    /// [`UncertaintySpec::run`](crate::uncertainty::UncertaintySpec::run)).
    pub uncertainty: Option<crate::uncertainty::UncertaintySpec>,
}

/// The unit values of one file or several, in order, an id once across
/// them all; and the first file's name, where state values are looked up.
fn read_catalogue(
    doc: &Doc<'_>,
    names: &Spanned<toml::Value>,
    states: &crate::states::StateCatalogue,
    open: &mut dyn FnMut(&str) -> Result<(String, String)>,
) -> Result<(Vec<crate::benefits::UnitValue>, String)> {
    let mut catalogue: Vec<crate::benefits::UnitValue> = Vec::new();
    let mut read_from: std::collections::HashMap<String, String> = Default::default();
    let mut first = String::new();
    for name in doc.paths(names, "unit_values")? {
        let (text, path) = open(name)?;
        for value in unit_values_from_csv(&text, &path, states)? {
            if let Some(earlier) = read_from.insert(value.id.clone(), path.clone()) {
                return Err(Error::OutOfRange {
                    at: Location::file(&path).at_field("id"),
                    value: format!("{:?}", value.id),
                    field_rule: format!(
                        "a unit value's id is unique across the unit_values files, and {:?} is also in {earlier}",
                        value.id
                    ),
                });
            }
            catalogue.push(value);
        }
        if first.is_empty() {
            first = path;
        }
    }
    Ok((catalogue, first))
}

/// A file without a family table: its `[time]` table is the whole appraisal.
fn streams_file_from_toml(
    text: &str,
    file: &str,
    open: &mut dyn FnMut(&str) -> Result<(String, String)>,
) -> Result<ProgrammeFile> {
    let raw: RawProgramme = toml::from_str(text).map_err(|e| super::toml_error(&e, text, file))?;
    let doc = Doc::new(file, text);
    let states = match &raw.states {
        Some(name) => Some(read_states(&doc, name, raw.state_noun.as_deref(), open)?),
        None => None,
    };
    let catalogue = match &raw.unit_values {
        Some(names) => {
            let none = crate::states::StateCatalogue::none();
            read_catalogue(&doc, names, states.as_ref().unwrap_or(&none), open)?.0
        }
        None => Vec::new(),
    };
    let programme = super::time::programme(&raw.time, &doc, open, false, &catalogue)?
        .named(raw.name.unwrap_or_else(|| file.to_string()));
    let uncertainty = match &raw.uncertainty {
        Some(u) => {
            let known = super::uncertainty::Known {
                programme: true,
                deadweight: &[],
                cohorts: &[],
                places: Default::default(),
                stream_years: programme.stream_years(),
                ranges: super::uncertainty::value_ranges(&programme),
            };
            let spec = super::uncertainty::spec(u, &doc, &known)?;
            let target_at = doc.at(u.target.span(), "uncertainty.target");
            let target = spec.target.clone();
            super::uncertainty::check(
                || Evaluator::new(&programme, target),
                &target_at,
                known.places.into_inner(),
            )?;
            Some(spec)
        }
        None => None,
    };
    Ok(ProgrammeFile {
        states,
        catalogue,
        programme,
        uncertainty,
    })
}

/// Read a programme file (see [`programme_from_toml`]), with or without a
/// family table; the files it names are read relative to its folder.
pub fn read_programme(path: impl AsRef<Path>) -> Result<ProgrammeFile> {
    read_beside(path.as_ref(), programme_from_toml)
}

/// A TOML file read by `parse`, the files it names read relative to its folder.
fn read_beside<T>(
    path: &Path,
    parse: impl FnOnce(&str, &str, &mut dyn FnMut(&str) -> Result<(String, String)>) -> Result<T>,
) -> Result<T> {
    let text = super::read_text(path)?;
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut open = |name: &str| -> Result<(String, String)> {
        #[cfg(feature = "xlsx")]
        if let Some(table) = super::sheet::named_sheet(&folder, name) {
            return table;
        }
        let full: PathBuf = folder.join(name);
        Ok((super::read_text(&full)?, full.display().to_string()))
    };
    parse(&text, &path.display().to_string(), &mut open)
}

/// The state catalogue a file names, called `noun` (default "state").
fn read_states(
    doc: &Doc<'_>,
    name: &Spanned<String>,
    noun: Option<&str>,
    open: &mut dyn FnMut(&str) -> Result<(String, String)>,
) -> Result<crate::states::StateCatalogue> {
    let (text, path) = open(doc.path(name, "states")?)?;
    states_from_csv(&text, &path, noun.unwrap_or("state"))
}
