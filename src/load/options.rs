//! An options file: a shared programme, the options (business as usual
//! first), the outcome they are measured in, and switching values between
//! pairs of them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::doc::{DecimalText, Doc};
use super::scenario::ProgrammeFile;
use crate::error::{Error, Location, Result};
use crate::options::{Basis, OptionSet, OptionSpec, OutcomeMeasure, Swap};
use crate::uncertainty::Parameter;

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    shared: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    measure: Option<RawMeasure>,
    option: Vec<RawOption>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    switching: Vec<RawSwitching>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    unit: String,
    lines: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    name: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    programme: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    changes: BTreeMap<String, Spanned<DecimalText>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawSwitching {
    between: Spanned<Vec<String>>,
    parameter: Spanned<String>,
    low: Spanned<DecimalText>,
    high: Spanned<DecimalText>,
}

/// Read an options file; the programmes it names are read relative to its
/// folder (see [`options_from_toml`]).
pub fn read_options(path: impl AsRef<Path>) -> Result<OptionSet> {
    let path = path.as_ref();
    let text = super::read_text(path)?;
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut read = |name: &str| super::read_programme(folder.join(name));
    options_from_toml(&text, &path.display().to_string(), &mut read)
}

/// Read an options file from its text:
///
/// ```toml
/// name = "Edge-of-care service: the shortlist"
/// shared = "scenario.toml"            # the programme the options share
///
/// [measure]                           # optional: effect in outcomes, not pounds
/// unit = "entry to care avoided"
/// lines = ["entries to foster care avoided"]
///
/// [[option]]                          # the first is business as usual
/// name = "Business as usual"
/// basis = "do_nothing"
///
/// [[option]]
/// name = "The service"                # basis "shared" unless it names a programme
///
/// [[option]]
/// name = "A cheaper team"
/// [option.changes]
/// "cost.edge-of-care team.recurring" = "150000"
///
/// [[switching]]
/// between = ["The service", "A cheaper team"]
/// parameter = "outcome.entries to foster care avoided.comparison_rate"
/// low = "0.15"
/// high = "0.5"
/// ```
///
/// `read` reads a programme file an option or `shared` names. Errors name
/// the file, line and key.
pub fn options_from_toml(
    text: &str,
    file: &str,
    read: &mut dyn FnMut(&str) -> Result<ProgrammeFile>,
) -> Result<OptionSet> {
    let raw: RawOptions = toml::from_str(text).map_err(|e| super::toml_error(&e, text, file))?;
    let doc = Doc::new(file, text);
    let shared = read(doc.path(&raw.shared, "shared")?)?.programme;
    let mut set = OptionSet::new(raw.name.clone().unwrap_or_else(|| file.to_string()), shared);
    for (i, o) in raw.option.iter().enumerate() {
        set = set.option(option(&doc, i, o, read)?);
    }
    set.measure = raw.measure.as_ref().map(|m| OutcomeMeasure {
        unit: m.unit.clone(),
        lines: m.lines.clone(),
    });
    validate_placed(&set, &doc, &raw)?;
    let names: Vec<String> = set.options.iter().map(|o| o.name.clone()).collect();
    for (i, w) in raw.switching.iter().enumerate() {
        set = set.switching(swap(&doc, i, w, &names)?);
    }
    Ok(set)
}

fn option(
    doc: &Doc<'_>,
    i: usize,
    o: &RawOption,
    read: &mut dyn FnMut(&str) -> Result<ProgrammeFile>,
) -> Result<OptionSpec> {
    let field = |k: &str| format!("option[{i}].{k}");
    let name = o.name.get_ref().clone();
    let basis = match (&o.basis, &o.programme) {
        (Some(b), Some(p)) => {
            return Err(Error::OutOfRange {
                at: doc.at(p.span(), &field("programme")),
                value: format!("basis {:?} with a programme", b.get_ref()),
                field_rule: "an option is do nothing, the shared programme, or a programme of its own: one of them".into(),
            });
        }
        (_, Some(p)) => Basis::Own(Box::new(read(doc.path(p, &field("programme"))?)?.programme)),
        (Some(b), None) => {
            if doc.word(
                b,
                &field("basis"),
                &[("do_nothing", true), ("shared", false)],
            )? {
                Basis::DoNothing
            } else {
                Basis::Shared
            }
        }
        (None, None) => Basis::Shared,
    };
    let mut spec = OptionSpec {
        name,
        basis,
        changes: Vec::new(),
    };
    for (parameter, value) in &o.changes {
        let at = doc.at(value.span(), &field(&format!("changes.{parameter}")));
        let p = Parameter::parse(parameter).map_err(|e| e.map_location(|_| at.clone()))?;
        let (v, _) = doc.decimal(value, &field(&format!("changes.{parameter}")))?;
        spec = spec.with(p, v);
    }
    Ok(spec)
}

fn swap(doc: &Doc<'_>, i: usize, w: &RawSwitching, names: &[String]) -> Result<Swap> {
    let field = |k: &str| format!("switching[{i}].{k}");
    let [a, b] = w.between.get_ref().as_slice() else {
        return Err(Error::OutOfRange {
            at: doc.at(w.between.span(), &field("between")),
            value: format!("{} options", w.between.get_ref().len()),
            field_rule: "a switching value is between two options".into(),
        });
    };
    if let Some(unknown) = [a, b].into_iter().find(|n| !names.contains(n)) {
        return Err(Error::Unknown {
            at: doc.at(w.between.span(), &field("between")),
            what: "option".into(),
            value: unknown.clone(),
            expected: names.join(", "),
        });
    }
    let at = doc.at(w.parameter.span(), &field("parameter"));
    let parameter = Parameter::parse(w.parameter.get_ref()).map_err(|e| e.map_location(|_| at))?;
    let (low, low_at) = doc.decimal(&w.low, &field("low"))?;
    let (high, _) = doc.decimal(&w.high, &field("high"))?;
    if low > high {
        return Err(Error::OutOfRange {
            at: low_at,
            value: format!("low {low} > high {high}"),
            field_rule: "low must not exceed high".into(),
        });
    }
    Ok(Swap {
        between: (a.clone(), b.clone()),
        parameter,
        range: (low, high),
    })
}

/// Check the set in the model, and place what it refuses at the option's
/// line in the file (the model names the option, the file has its line).
fn validate_placed(set: &OptionSet, doc: &Doc<'_>, raw: &RawOptions) -> Result<()> {
    let line_of = |at: &Location| -> Option<Location> {
        let field = at.field.as_deref()?;
        raw.option.iter().enumerate().find_map(|(i, o)| {
            let named = field.starts_with(&format!("option {:?}", o.name.get_ref()))
                || field.starts_with(&format!("option[{i}]"));
            named.then(|| doc.at(o.name.span(), field))
        })
    };
    set.validate()
        .map_err(|e| match e.location().and_then(line_of) {
            Some(at) => e.map_location(|_| at),
            None => e.map_location(|at| match at.file {
                Some(_) => at,
                None => Location {
                    file: Some(doc.file.into()),
                    ..at
                },
            }),
        })
}
