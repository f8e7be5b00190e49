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
//!
//! ## The appendix built in code
//!
//! The same headline with no file: the five care statuses, the four weekly
//! values of the Benefits bullets, Table 13's twenty cohort-one families
//! (children; status at entry, exit and follow-up; the benefit printed for
//! each), one conference each at the stated £1,295, 83 conferences a year at
//! £252,585, and deadweight of 30%. The figures are the appendix's, as the
//! data files record them with their lines; this is the API, not a second
//! source.
//!
//! ```
//! use froi::prelude::*;
//! let states = StateCatalogue::ladder("care status", "CLOSED", ["CIN", "CP", "KINSHIP", "LAC"])?;
//! let weekly = [("CP", "113.9"), ("CIN", "65.4"), ("LAC", "685"), ("KINSHIP", "442")];
//! let values = StateValues::from_weekly(&states, weekly)?;
//! let table_13 = [ // children, statuses at entry, exit and follow-up, printed benefit
//!     (4, "CP CP LAC", 0), (1, "CIN CIN CLOSED", 3401), (4, "CP CP CLOSED", 23691),
//!     (2, "CIN CIN CLOSED", 6802), (1, "CIN CIN CLOSED", 3401), (1, "CP CLOSED CLOSED", 5923),
//!     (2, "LAC CLOSED CLOSED", 71240), (2, "CIN CLOSED CLOSED", 6802), (3, "CIN CIN CLOSED", 10202),
//!     (3, "CP CP LAC", 0), (1, "CIN CIN CIN", 0), (1, "CIN CIN CLOSED", 3401),
//!     (2, "CIN CIN CLOSED", 6802), (3, "CIN CLOSED CLOSED", 10202), (1, "CIN CLOSED CIN", 12610),
//!     (5, "CP CLOSED CP", 0), (1, "CP CLOSED CIN", 2522), (2, "CP CLOSED CLOSED", 11845),
//!     (3, "LAC LAC CLOSED", 106860), (4, "CIN CLOSED CLOSED", 13603),
//! ];
//! let mut families = Vec::new();
//! for (i, (children, path, printed)) in table_13.into_iter().enumerate() {
//!     let family = Family::builder(1, (i + 1).to_string()).children(children).sessions(1);
//!     let family = family.path(&states, path)?.build()?;
//!     families.push(family.with_published_benefit(Money::from_pounds(printed)));
//! }
//! let rule = ValuationRule::new(OutcomePoint::FollowUp, Deterioration::NoBenefit, Weeks::new(52)?);
//! let (cost, source) = (Money::from_pounds(252_585), Source::new("DfE 2020", "Appendix 4"));
//! let unit_cost = UnitCost::stated_only(Money::from_pounds(1295));
//! let source = FamilySource::valued(states, values, unit_cost, rule).with_families(families)
//!     .with_deadweight("high", Deadweight::parse("0.30")?).with_benefit_basis(BenefitBasis::Published)
//!     .with_annual(AnnualBasis::new(1, Decimal::from(83), cost, source));
//! let a = appraise(&Programme::of_families("Appendix 4, in code", source))?;
//! let high = &a.families()?.annual[0];
//! assert_eq!(high.ratio.rounded(Rounding::half_up(4)).to_string(), "3.4424");
//! let shipped = froi::nelc_2020::appraise_as_published()?;
//! assert_eq!(high.ratio, shipped.families()?.annual[2].ratio); // the files' figure, exactly
//! # Ok::<(), froi::Error>(())
//! ```

use crate::appraisal::{Appraisal, appraise};
use crate::audit::Publication;
use crate::error::{Error, Location, Result};
use crate::load::{ProgrammeFile, programme_from_toml, states_from_csv};
use crate::over_time::Programme;
use crate::states::StateCatalogue;

/// The data files, by the names the programme files use.
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
