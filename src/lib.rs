//! # froi: fiscal return on investment, exact and auditable
//!
//! froi appraises public-service interventions the way a fiscal
//! return-on-investment (FROI) or cost-benefit model does, with exact decimal
//! arithmetic, typed amounts, and a derivation behind every figure. Its
//! reference case is Appendix 4 of the 2020 Department for Education
//! evaluation of "Creating Strong Communities in North East Lincolnshire",
//! which appraises Family Group Conferences (FGCs) and reports an annual
//! benefit-cost ratio of 3.4. That appraisal ships with the crate
//! ([`nelc_2020`]) and is reproduced, and audited, by its tests.
//!
//! ## One model
//!
//! froi appraises one thing, a [`Programme`]: its setting over time
//! (horizon, discount schedule, timing, price base, optimism-bias grades),
//! its benefit sources, its costs and its participants; [`appraise`] is the
//! one entry point and gives one [`Appraisal`]. A benefit source is a
//! stated stream, an outcome line (cohort x engagement x effect x unit value
//! x duration), or a family table valued person by person
//! ([`FamilySource`]). The NELC appendix is a programme whose one source is
//! its family table: its cohort and family tables and its annual chain are
//! that source's results ([`FamilyAppraisal`]).
//!
//! ## The method in one paragraph
//!
//! Each family costs its number of sessions times the unit cost of a session
//! (staff hours x hourly rates, [`UnitCost`]). Its benefit is, per child, the
//! weekly cost of the state it entered with minus the weekly cost of the state
//! it reached ([`StateValues`]), held for a window of weeks, with a
//! deterioration earning nothing (or a loss) as the [`ValuationRule`] says.
//! Families add up to cohorts ([`CohortResult`]); ratios are netted for
//! [`Deadweight`]; and the annual ratio is a cohort's average benefit per case
//! x cases a year x (1 - deadweight) / the annual service cost
//! ([`AnnualResult`]). `docs/methodology.md` gives every formula.
//!
//! ## Reproducing the headline
//!
//! ```
//! use froi::{Rounding, nelc_2020};
//!
//! let appraisal = nelc_2020::appraise_as_published()?;
//! let high = appraisal
//!     .families()?
//!     .annual
//!     .iter()
//!     .find(|a| a.scenario.name == "high")
//!     .expect("the scenario names a high deadweight");
//!
//! // 299,307 / 20 families = 14,965.35 a case; x 83 cases x 0.70 / 252,585.
//! assert_eq!(high.average_benefit.to_string(), "14965.35");
//! assert_eq!(high.ratio.rounded(Rounding::half_up(1)).to_string(), "3.4");
//! assert_eq!(high.ratio.rounded(Rounding::half_up(4)).to_string(), "3.4424");
//!
//! // The arithmetic behind it, unrounded:
//! println!("{}", high.derivation());
//!
//! // The appendix calls this an "ROI"; it is a benefit-cost ratio. The net
//! // return on each pound is one less.
//! assert_eq!(high.net_return.rounded(Rounding::half_up(1)).to_string(), "2.4");
//! # Ok::<(), froi::Error>(())
//! ```
//!
//! ## Building an appraisal in code
//!
//! The states are the user's own ([`StateCatalogue`]: a ladder of rising
//! intensity, or [`StateDef`]s with labels and aliases); nothing about
//! children's social care is built in. Two families, at the NELC appendix's
//! weekly values, session cost and high deadweight:
//!
//! ```
//! use froi::prelude::*;
//! let states = StateCatalogue::ladder("state", "CLOSED", ["CIN", "CP"])?; // ranked in that order
//! let (closed, cin, cp) = (states.state("CLOSED")?, states.state("CIN")?, states.state("CP")?);
//! let values = StateValues::from_weekly(&states, [("CP", "113.9"), ("CIN", "65.4")])?;
//! let rule = ValuationRule::new(OutcomePoint::Exit, Deterioration::NoBenefit, Weeks::new(52)?);
//! let cost = UnitCost::stated_only(Money::from_pounds(1295)); // a session's cost, as stated
//! let families = FamilySource::valued(states, values, cost, rule)
//!     .with_families(vec![Family::new(1, "a", 2, 1, cp, cin, closed)?, // cohort, id, children,
//!                         Family::new(1, "b", 1, 2, cin, cin, cin)?])  // sessions, three states
//!     .with_deadweight("high", Deadweight::parse("0.30")?);
//! let result = appraise(&Programme::of_families("two families", families))?;
//! let f = result.families()?;
//! // Family a: 2 children x (113.9 - 65.4) x 52 = 5,044; family b: no change, nothing.
//! assert_eq!(f.families[0].benefit.to_string(), "5044");
//! assert_eq!(f.families[0].movement, froi::Movement::Improved);
//! assert_eq!(f.overall.total_cost.to_string(), "3885");
//! # Ok::<(), froi::Error>(())
//! ```
//!
//! ## Appraising over time
//!
//! A `[time]` table in a programme file (or a [`Programme`] built in code)
//! profiles benefits and costs over years, applies deadweight,
//! displacement, attribution, drop-off and optimism bias, restates values in
//! one price base, and discounts them by the Green Book schedule under a named
//! timing convention:
//!
//! ```
//! use froi::prelude::*;
//!
//! let mut benefit = BenefitStream::new("costs avoided", Money::from_pounds(10_000), 3)?;
//! benefit.adjustments.drop_off = Fraction::parse("0.5", "drop_off")?;
//! let programme = Programme::new(Horizon::new(3)?)
//!     .benefit(benefit)
//!     .cost(CostStream::up_front("service", Money::from_pounds(15_000)));
//! let appraisal = appraise(&programme)?;
//! let pv = appraisal.present_values()?;
//! // 10,000 + 5,000 / 1.035 + 2,500 / 1.035^2 = 17,164.69
//! assert_eq!(pv.pv_benefits.rounded(Rounding::half_up(2)).to_string(), "17164.69");
//! assert_eq!(pv.payback_year, Some(2)); // -5,000, then -169.08, then +2,164.69
//! # Ok::<(), froi::Error>(())
//! ```
//!
//! ## In a notebook
//!
//! In Jupyter with the evcxr kernel (`:dep froi = { path = ".." }`, the clone
//! relative to the notebook's folder, as in `docs/notebook.ipynb`), every
//! result renders as HTML tables with a plain-text fallback (`evcxr_display`),
//! and [`charts`] draws SVG: cost against benefit, the gross-to-net waterfall,
//! the tornado, the Monte Carlo distribution. The same HTML and SVG come from
//! pure functions, so reports can use them too:
//!
//! ```
//! let a = froi::nelc_2020::appraise_as_published()?;
//! let html = a.to_html(); // tables, every label escaped
//! let svg = froi::charts::cost_benefit(&a).to_svg();
//! assert!(html.contains("£299,307") && svg.starts_with("<svg"));
//! # Ok::<(), froi::Error>(())
//! ```
//!
//! Decimals can be built without macros: [`decimal`], [`Money::parse`],
//! [`WeeklyValue::parse`], [`Ratio::parse`], [`Deadweight::parse`].
//! `docs/notebook.ipynb` walks through the NELC appraisal.
//!
//! ## Auditing a publication
//!
//! [`audit::audit`] recomputes every published figure, classifies each
//! difference ([`audit::DiscrepancyKind`]), infers the valuation rule the
//! published rows follow, and recomputes the headline under each correction.
//! `cargo run --release --example nelc_2020` prints the audit of Appendix 4;
//! `docs/auditing.md` walks through it.
//!
//! ## Exactness
//!
//! Amounts are [`rust_decimal::Decimal`] in newtypes ([`Money`],
//! [`HourlyRate`], [`Hours`], [`WeeklyValue`], [`Ratio`]). Files are read as
//! decimal text, never through `f64`. Sums and products are exact; a quotient
//! keeps 28 significant digits. Every operation that could overflow returns
//! [`Error::Overflow`]. Rounding happens only for presentation, by an explicit
//! [`Rounding`] rule.
//!
//! ## Why it is built this way
//!
//! [`_design`] is `docs/DESIGN.md`: the module map, the layers and the check
//! that keeps them, the one model froi is moving to, and the reason behind
//! each choice (exact decimals, data with provenance, sufficient statistics,
//! Monte Carlo in bounded memory, the workbook, precision on the page).
//!
//! ## Crate features
//!
//! Every feature but `xlsx` and `parallel` is on by default, so the README's
//! two commands need no flag. With `default-features = false` froi is the
//! engine alone, on rust_decimal, serde and thiserror: build programmes in
//! code, appraise them, run scenarios, tornado data and
//! switching values, and read and write results as JSON through serde.
//!
//! - **files**: the CSV and TOML readers and writers (programme files,
//!   states, unit values, staff inputs, family tables, tables of counts,
//!   deflators, grade tables), a family table read on every core.
//! - **monte-carlo**: Monte Carlo draws (ChaCha12 and the rand_distr
//!   samplers); without it a Monte Carlo run is refused by name.
//! - **reports**: plain-text reports, HTML tables, SVG charts and the
//!   notebook (evcxr) display; pure Rust, no dependency.
//! - **audit**: the audit of a published appraisal ([`audit`]), its reports
//!   and, with `xlsx`, its workbook.
//! - **nelc**: the NELC 2020 appraisal as embedded data ([`nelc_2020`]), the
//!   reference case; brings `audit`.
//! - **xlsx** (off by default): the appraisal as a live workbook
//!   (`froi::spreadsheet`) and family tables and unit values read from sheets;
//!   adds a zip reader and writer to the build.
//! - **parallel** (off by default): many family tables read at once and
//!   Monte Carlo inputs drawn on every core (rayon); the same results.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod adjustments;
mod appraisal;
#[cfg(feature = "audit")]
pub mod audit;
mod benefits;
mod beside;
mod budget;
pub mod caseload;
#[cfg(feature = "reports")]
pub mod charts;
mod cohorts;
mod costs;
mod derivation;
mod discounting;
#[cfg(feature = "reports")]
mod display;
mod error;
mod explain;
mod family_source;
#[cfg(feature = "reports")]
pub mod html;
#[cfg(feature = "files")]
pub mod load;
mod money;
#[cfg(feature = "nelc")]
pub mod nelc_2020;
mod optimism;
pub mod options;
mod outcome_lines;
#[cfg(any(feature = "files", feature = "reports", feature = "xlsx"))]
mod output;
mod over_time;
mod price_base;
mod provenance;
#[cfg(feature = "reports")]
pub mod report;
#[cfg(feature = "xlsx")]
pub mod spreadsheet;
mod standard_values;
mod states;
pub mod uncertainty;
mod valuation;

// The model, one path per type: its modules are private and every type is
// here, at the root. The layers above it (`load`, `report`, `charts`,
// `audit`, `spreadsheet`, `uncertainty`, `caseload`) keep their namespaces.
pub use adjustments::{AdjustmentStep, Adjustments, Deadweight, DeadweightScenario, Fraction};
pub use appraisal::{Appraisal, appraise};
pub use benefits::{
    Deterioration, OutcomePoint, Period, StateValue, StateValues, UnitValue, ValuationRule,
    ValueKind, ValueRange,
};
pub use beside::{Weighted, WeightedGroup, WithMetb};
pub use budget::{AgencyBudget, BudgetRow, BudgetView, YearStart, budget_view};
pub use cohorts::{
    CohortResult, Family, FamilyBuilder, FamilyResult, OutcomeCounts, PublishedFigures, YearMonth,
};
pub use costs::{CostBasis, StaffInput, UnitCost};
pub use derivation::{Derivation, DerivationInput};
pub use discounting::{DiscountRate, DiscountSchedule, MakeSchedule, RateBand, Timing};
pub use error::{Error, Location, Result};
pub use family_source::{
    AnnualBasis, AnnualResult, BenefitBasis, FamilyAppraisal, FamilySource, NetRatios,
    UnitCostSummary, annual_result, appraise_family,
};
pub use money::{
    HourlyRate, Hours, INPUT_CEILING, Money, Ratio, Rounding, RoundingMode, WeeklyValue, Weeks,
    decimal,
};
pub use optimism::{Grade, OptimismBias, Uplift};
pub use outcome_lines::{Effect, OutcomeLine};
pub use over_time::{
    Amount, BenefitStream, CostStream, Horizon, PerParticipant, PresentValueAppraisal, Programme,
    SplitRow, StreamResult, YearRow,
};
pub use price_base::Deflators;
pub use provenance::Source;
/// The exact decimal behind every amount (`rust_decimal`), re-exported so a
/// caller need not pin the crate itself.
pub use rust_decimal::Decimal;
pub use standard_values::{METB_GREEN_BOOK_2022, ParameterTable, StandardValue, parameter_tables};
pub use states::{Movement, State, StateCatalogue, StateDef};
pub use valuation::{
    GREEN_BOOK_ETA, IncomeGroup, IncomeGroups, RealGrowth, distributional_weight, equivalent_annual,
};

/// The types most programs use, for `use froi::prelude::*`. Unlike a glob of
/// the crate root it does not bring in [`froi::Result`](crate::Result), which
/// would shadow `std::result::Result`.
pub mod prelude {
    pub use crate::adjustments::{Adjustments, Deadweight, DeadweightScenario, Fraction};
    pub use crate::appraisal::{Appraisal, appraise};
    pub use crate::benefits::{
        Deterioration, OutcomePoint, Period, StateValue, StateValues, UnitValue, ValuationRule,
        ValueKind,
    };
    pub use crate::cohorts::{Family, PublishedFigures};
    pub use crate::costs::{CostBasis, StaffInput, UnitCost};
    pub use crate::discounting::{DiscountRate, DiscountSchedule, Timing};
    pub use crate::error::Error;
    pub use crate::family_source::{AnnualBasis, BenefitBasis, FamilySource};
    pub use crate::money::{HourlyRate, Hours, Money, Ratio, Rounding, WeeklyValue, Weeks};
    pub use crate::outcome_lines::{Effect, OutcomeLine};
    pub use crate::over_time::{BenefitStream, CostStream, Horizon, Programme};
    pub use crate::provenance::Source;
    pub use crate::states::{State, StateCatalogue, StateDef};
    pub use rust_decimal::Decimal;
}

/// Why froi is built the way it is: `docs/DESIGN.md`, as rustdoc.
#[doc = include_str!("../docs/DESIGN.md")]
pub mod _design {}

// The README's example runs as a doctest.
#[cfg(all(doctest, feature = "nelc", feature = "monte-carlo"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
