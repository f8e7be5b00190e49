//! Appraisal over time: benefit and cost streams profiled by year, adjusted,
//! restated in one price base, discounted, and summed into present values,
//! with a year-by-year table behind every total.
//!
//! For each benefit stream, in each year it runs (year *k* of the stream):
//!
//! ```text
//! real benefit = annual gross x price factor x (1 - deadweight) x (1 - displacement)
//!                x (1 - attribution) x (1 - drop-off)^k x (1 - optimism bias)
//! ```
//!
//! and for each cost stream `(up-front in its first year + recurring) x price
//! factor x (1 + optimism bias)`. Each year's real flow is multiplied by the
//! discount factor the timing convention gives it. Real and discounted amounts
//! are carried to 10^-10 of a pound (the crate's one carried precision), so
//! every total, split and year row is the exact sum of its parts.
//!
//! ```
//! use froi::prelude::*;
//!
//! let programme = Programme::new(Horizon::new(3)?)
//!     .benefit(BenefitStream::new("costs avoided", Money::from_pounds(1000), 3)?)
//!     .cost(CostStream::up_front("service", Money::from_pounds(2000)));
//! let appraisal = appraise(&programme)?;
//! let pv = appraisal.present_values()?;
//! // 1000 + 1000 / 1.035 + 1000 / 1.035^2
//! assert_eq!(pv.pv_benefits.value().round_dp(2).to_string(), "2899.69");
//! assert_eq!(pv.payback_year, Some(2));
//! # Ok::<(), froi::Error>(())
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::adjustments::{AdjustmentStep, Adjustments, Fraction};
use crate::benefits::ValueKind;
use crate::derivation::Derivation;
use crate::discounting::{DiscountSchedule, Timing};
use crate::error::{Error, Location, Result};
use crate::family_source::FamilySource;
use crate::money::{Money, Ratio, mul};
use crate::optimism::OptimismBias;
use crate::outcome_lines::OutcomeLine;
use crate::price_base::Deflators;
use crate::valuation::{IncomeGroups, RealGrowth};

/// The number of years appraised: at least 1, at most 1,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32")]
pub struct Horizon(u32);

impl Horizon {
    /// The longest horizon: far past the Green Book's last band (year 301 on).
    pub const MAX: u32 = 1000;

    /// A horizon of `years`; zero or more than [`Horizon::MAX`] is an error.
    pub fn new(years: u32) -> Result<Horizon> {
        if years == 0 || years > Self::MAX {
            return Err(Error::OutOfRange {
                at: Location::field("time.horizon_years"),
                value: years.to_string(),
                field_rule: format!("a horizon is 1 to {} years", Self::MAX),
            });
        }
        Ok(Horizon(years))
    }

    /// The number of years.
    pub const fn years(self) -> u32 {
        self.0
    }
}

crate::money::try_from_by_new!(Horizon: u32);

/// Where a benefit stream's gross annual amount comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Amount {
    /// A stated amount a year.
    Pounds(Money),
    /// The service's gross annual benefit from the family appraisal: the
    /// basis cohort's average benefit per case x cases a year (before
    /// deadweight), as in the family source's `[annual]` table.
    Service,
    /// A year-by-year profile: the gross amount of each year the stream
    /// runs, from its first year (a year may be negative: a dis-benefit).
    Profile(Vec<Money>),
}

/// A benefit that runs for some years from a first year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitStream {
    /// A name for reports.
    pub name: String,
    /// Fiscal, economic or social.
    pub kind: ValueKind,
    /// The agency that saves.
    pub agency: String,
    /// Whether the saving can be taken out of a budget (`None`: not stated).
    pub cashable: Option<bool>,
    /// The price year of `annual_gross` (`None`: the base year).
    pub price_year: Option<String>,
    /// The gross benefit a year, before adjustments.
    pub annual: Amount,
    /// The appraisal year it starts (0 is the first).
    pub first_year: u32,
    /// How many years it lasts (drop-off reduces each after the first).
    pub years: u32,
    /// Deadweight, displacement, attribution, drop-off.
    pub adjustments: Adjustments,
    /// The confidence grade for optimism bias, if any.
    pub optimism_grade: Option<String>,
    /// Real growth of the value a year, from its price year (or year 0)
    /// on; `None`: the value is level in real terms.
    #[serde(default)]
    pub real_growth: Option<RealGrowth>,
    /// The income group that gains, for distributional weights (`None`:
    /// weighted 1).
    #[serde(default)]
    pub group: Option<String>,
}

impl BenefitStream {
    /// A fiscal benefit of `annual_gross` a year for `years` years from year 0,
    /// unadjusted, in base-year prices.
    pub fn new(name: impl Into<String>, annual_gross: Money, years: u32) -> Result<BenefitStream> {
        if years == 0 {
            return Err(Error::OutOfRange {
                at: Location::field("benefit.years"),
                value: "0".into(),
                field_rule: "a benefit lasts at least one year".into(),
            });
        }
        Ok(BenefitStream {
            name: name.into(),
            kind: ValueKind::Fiscal,
            agency: String::new(),
            cashable: None,
            price_year: None,
            annual: Amount::Pounds(annual_gross),
            first_year: 0,
            years,
            adjustments: Adjustments::NONE,
            optimism_grade: None,
            real_growth: None,
            group: None,
        })
    }
}

impl BenefitStream {
    /// A fiscal benefit given year by year from year 0 (`amounts[k]` in year
    /// k; a year may be negative), unadjusted, in base-year prices.
    ///
    /// ```
    /// use froi::*;
    /// use froi::{DiscountRate, DiscountSchedule, Timing};
    /// use froi::{Decimal, Money};
    /// let profile = BenefitStream::profile("savings", vec![
    ///     Money::from_pounds(-100), Money::from_pounds(500), Money::from_pounds(800),
    /// ])?;
    /// let p = Programme::new(Horizon::new(3)?)
    ///     .schedule(DiscountSchedule::constant(DiscountRate::new(Decimal::ZERO)?))
    ///     .benefit(profile)
    ///     .cost(CostStream::up_front("set-up", Money::from_pounds(1000)));
    /// let a = froi::appraise(&p)?;
    /// let pv = a.present_values()?;
    /// assert_eq!(pv.years[0].benefits.to_string(), "-100");
    /// assert_eq!(pv.npv.to_string(), "200"); // -100 + 500 + 800 - 1,000
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn profile(name: impl Into<String>, amounts: Vec<Money>) -> Result<BenefitStream> {
        let years = u32::try_from(amounts.len()).unwrap_or(u32::MAX);
        Ok(BenefitStream {
            annual: Amount::Profile(amounts),
            ..BenefitStream::new(name, Money::ZERO, years.max(1))?
        })
    }

    /// The same stream, saved by `agency`.
    pub fn agency(mut self, agency: impl Into<String>) -> BenefitStream {
        self.agency = agency.into();
        self
    }

    /// The same stream, stated cashable or not.
    pub fn cashable(mut self, cashable: bool) -> BenefitStream {
        self.cashable = Some(cashable);
        self
    }

    /// The same stream, gained by the income group `group`.
    pub fn group(mut self, group: impl Into<String>) -> BenefitStream {
        self.group = Some(group.into());
        self
    }

    /// The service's gross annual benefit from the family appraisal
    /// ([`Amount::Service`]) for `years` years from year 0, unadjusted.
    pub fn service(name: impl Into<String>, years: u32) -> Result<BenefitStream> {
        Ok(BenefitStream {
            annual: Amount::Service,
            ..BenefitStream::new(name, Money::ZERO, years)?
        })
    }

    /// An outcome line as a stream: its gross value a year
    /// ([`OutcomeLine::annual_gross`]) from year `lag` for its years, with its
    /// adjustments and grade, and its unit value's kind, agency, cashability
    /// and price year.
    pub fn from_line(line: &OutcomeLine) -> Result<BenefitStream> {
        Ok(BenefitStream {
            name: line.name.clone(),
            kind: line.value.kind,
            agency: line.value.agency.clone(),
            cashable: line.value.cashable,
            price_year: line.value.price_year.clone(),
            annual: Amount::Pounds(line.annual_gross()?),
            first_year: line.lag_years,
            years: line.years(),
            adjustments: line.adjustments,
            optimism_grade: line.optimism_grade.clone(),
            real_growth: line.value.real_growth,
            group: line.group.clone(),
        })
    }
}

/// A cost: an amount up front in its first year and a recurring amount each
/// year it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostStream {
    /// A name for reports.
    pub name: String,
    /// The agency that pays.
    pub agency: String,
    /// The price year of the amounts (`None`: the base year).
    pub price_year: Option<String>,
    /// Paid once, in `first_year`.
    pub up_front: Money,
    /// Paid every year the cost runs.
    pub recurring: Money,
    /// Year by year, from `first_year`, on top of the amounts above (empty:
    /// none). A published appraisal's cost table enters here.
    #[serde(default)]
    pub profile: Vec<Money>,
    /// The appraisal year it starts.
    pub first_year: u32,
    /// How many years the recurring amount is paid.
    pub years: u32,
    /// The confidence grade for optimism bias, if any.
    pub optimism_grade: Option<String>,
}

impl CostStream {
    /// `amount` a year for `years` years from year 0, in base-year prices.
    pub fn recurring(name: impl Into<String>, amount: Money, years: u32) -> CostStream {
        CostStream {
            recurring: amount,
            years,
            ..CostStream::up_front(name, Money::ZERO)
        }
    }

    /// A cost given year by year from year 0 (`amounts[k]` in year k), in
    /// base-year prices: a published appraisal's cost table.
    ///
    /// ```
    /// use froi::prelude::*;
    /// let costs = CostStream::profile("service", vec![Money::from_pounds(900), Money::from_pounds(400)]);
    /// let p = Programme::new(Horizon::new(2)?)
    ///     .schedule(DiscountSchedule::constant(DiscountRate::parse("0")?))
    ///     .cost(costs);
    /// assert_eq!(appraise(&p)?.present_values()?.pv_costs.to_string(), "1300");
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn profile(name: impl Into<String>, amounts: Vec<Money>) -> CostStream {
        CostStream {
            profile: amounts,
            ..CostStream::up_front(name, Money::ZERO)
        }
    }

    /// The same cost, paid by `agency`.
    pub fn agency(mut self, agency: impl Into<String>) -> CostStream {
        self.agency = agency.into();
        self
    }

    /// A one-off cost in year 0, in base-year prices.
    pub fn up_front(name: impl Into<String>, amount: Money) -> CostStream {
        CostStream {
            name: name.into(),
            agency: String::new(),
            price_year: None,
            up_front: amount,
            recurring: Money::ZERO,
            profile: Vec::new(),
            first_year: 0,
            years: 0,
            optimism_grade: None,
        }
    }
}

/// What froi appraises: a programme's setting over time (horizon, discount
/// schedule, timing, price base, optimism-bias grades), its benefit sources
/// (a family table, stated streams, outcome lines), its cost streams and its
/// participants. [`crate::appraise`] is the one entry point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    /// A name for reports.
    #[serde(default)]
    pub name: String,
    /// A family table valued person by person: families to cohorts, net of
    /// deadweight, the annual ratio; a stream of [`Amount::Service`] counts
    /// its gross annual benefit.
    #[serde(default)]
    pub family_source: Option<FamilySource>,
    /// Years appraised.
    pub horizon: Horizon,
    /// The price year every value is restated in (`None`: values are taken as
    /// given, and must not name different price years).
    pub base_year: Option<String>,
    /// The discount-rate schedule.
    pub schedule: DiscountSchedule,
    /// Which factor each year's flow gets.
    pub timing: Timing,
    /// The price index, needed when a value's price year differs from the base year.
    pub deflators: Option<Deflators>,
    /// The confidence-grade table, needed when a value names a grade.
    pub optimism: Option<OptimismBias>,
    /// Benefit streams.
    pub benefits: Vec<BenefitStream>,
    /// Outcome lines, each appraised as a benefit stream after `benefits`.
    pub outcomes: Vec<OutcomeLine>,
    /// Cost streams.
    pub costs: Vec<CostStream>,
    /// The people the programme serves, for figures per participant.
    pub participants: Option<u64>,
    /// The cost of raising public funds, shown beside the figures without
    /// it (`None`: off, as the Green Book 2026 advises; 20% was the 2018
    /// and 2022 vintages' rate, [`crate::METB_GREEN_BOOK_2022`]).
    #[serde(default)]
    pub metb: Option<Fraction>,
    /// Income groups for distributional weights (`None`: unweighted only).
    #[serde(default)]
    pub distribution: Option<IncomeGroups>,
}

/// One stream's figures: how it was adjusted and what it gives each year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StreamResult {
    /// The stream's name.
    pub name: String,
    /// `true` for a benefit, `false` for a cost.
    pub is_benefit: bool,
    /// Kind of value (benefits), `None` for costs.
    pub kind: Option<ValueKind>,
    /// The agency that saves (benefits) or pays (costs).
    pub agency: String,
    /// Cashable or not (benefits).
    pub cashable: Option<bool>,
    /// The price year of its amounts as given (`None`: the base year).
    pub price_year: Option<String>,
    /// The price factor applied once: index(base) / index(price year), or 1.
    pub price_factor: Decimal,
    /// The optimism bias applied: the uplift added to a cost, or the share
    /// taken off a benefit.
    pub optimism_bias: Decimal,
    /// The gross amount a year, restated in the base year's prices (costs:
    /// the recurring amount).
    pub gross: Money,
    /// How the gross amount a year is made, for an outcome line.
    pub derivation: Option<Derivation>,
    /// Gross to net in its first year (benefits only).
    pub waterfall: Vec<AdjustmentStep>,
    /// Real value in each appraisal year, base-year prices.
    pub real: Vec<Money>,
    /// Discounted value in each appraisal year.
    pub discounted: Vec<Money>,
    /// Present value.
    pub present_value: Money,
    /// The income group that gains (benefits), for distributional weights.
    #[serde(default)]
    pub group: Option<String>,
}

/// One row of the year-by-year table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct YearRow {
    /// Appraisal year (0 is the first).
    pub year: u32,
    /// The discount factor the timing convention gives it.
    pub discount_factor: Decimal,
    /// Real benefits.
    pub benefits: Money,
    /// Real costs.
    pub costs: Money,
    /// Discounted benefits.
    pub pv_benefits: Money,
    /// Discounted costs.
    pub pv_costs: Money,
    /// Cumulative discounted benefits less costs, up to and including this year.
    pub cumulative_net: Money,
}

/// Present values split by one attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SplitRow {
    /// The attribute's value: a kind, an agency, "cashable" ...
    pub key: String,
    /// Present value of benefits.
    pub pv_benefits: Money,
    /// Present value of costs.
    pub pv_costs: Money,
}

/// The result of an appraisal over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PresentValueAppraisal {
    /// Years appraised.
    pub horizon: u32,
    /// The price base.
    pub base_year: Option<String>,
    /// The schedule's name.
    pub schedule: String,
    /// The timing convention, printed in every report.
    pub timing: Timing,
    /// The year-by-year table.
    pub years: Vec<YearRow>,
    /// Each stream.
    pub streams: Vec<StreamResult>,
    /// Present value of benefits.
    pub pv_benefits: Money,
    /// Present value of costs.
    pub pv_costs: Money,
    /// Net present value: benefits less costs.
    pub npv: Money,
    /// PV benefits / PV costs (all kinds: the public-value ratio).
    pub bcr: Ratio,
    /// NPV / PV costs.
    pub net_ratio: Ratio,
    /// PV of fiscal benefits / PV costs: the fiscal return (FROI).
    pub fiscal_bcr: Ratio,
    /// The first year the cumulative discounted net benefit is not negative
    /// (the discounted payback).
    pub payback_year: Option<u32>,
    /// The first year the cumulative net benefit in real terms, undiscounted,
    /// is not negative (the payback period of the GMCA CBA model).
    pub payback_year_undiscounted: Option<u32>,
    /// Benefits less costs in real terms over the horizon, undiscounted.
    pub real_net: Money,
    /// By kind of value (fiscal, economic, social).
    pub by_kind: Vec<SplitRow>,
    /// By agency.
    pub by_agency: Vec<SplitRow>,
    /// Benefits by cashability ("cashable", "non-cashable", "not stated").
    pub by_cashable: Vec<SplitRow>,
    /// The same present values per participant, where the programme says
    /// how many people it serves.
    pub per_participant: Option<PerParticipant>,
    /// The equivalent annual net benefit: the level amount a year over the
    /// horizon with the same NPV at the programme's schedule and timing.
    #[serde(default)]
    pub equivalent_annual_net: Money,
    /// The vintage of each shipped parameter it used, as (what, vintage):
    /// the discount schedule's, and each unit value's that states one.
    #[serde(default)]
    pub vintages: Vec<(String, String)>,
}

/// Present values divided by the people a programme serves (the WSIPP and
/// GMCA "per participant" figures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PerParticipant {
    /// The number of participants.
    pub participants: u64,
    /// PV of benefits per participant.
    pub pv_benefits: Money,
    /// PV of fiscal benefits per participant.
    pub pv_fiscal_benefits: Money,
    /// PV of costs per participant.
    pub pv_costs: Money,
    /// NPV per participant.
    pub npv: Money,
}

impl PresentValueAppraisal {
    /// Whether the undiscounted payback is undone: the real net benefit
    /// summed turned non-negative and is negative by the horizon.
    pub fn undiscounted_payback_undone(&self) -> bool {
        self.payback_year_undiscounted.is_some() && self.real_net < Money::ZERO
    }

    /// Whether the payback is undone: the cumulative discounted net benefit
    /// turned non-negative in `payback_year` and is negative again by the
    /// horizon (it ends at the NPV).
    pub fn payback_undone(&self) -> bool {
        self.payback_year.is_some() && self.npv < Money::ZERO
    }
}

impl Programme {
    /// A programme over `horizon` years with nothing in it yet: the Green
    /// Book's standard schedule, year 0 undiscounted, values taken in the
    /// prices they are given. Add its parts with the methods below.
    ///
    /// ```
    /// use froi::prelude::*;
    /// let p = Programme::new(Horizon::new(3)?)
    ///     .benefit(BenefitStream::new("costs avoided", Money::from_pounds(1000), 3)?)
    ///     .cost(CostStream::up_front("service", Money::from_pounds(2000)));
    /// let a = froi::appraise(&p)?;
    /// let pv = a.present_values()?;
    /// // 1,000 + 1,000 / 1.035 + 1,000 / 1.035^2
    /// assert_eq!(pv.pv_benefits.rounded(Rounding::half_up(2)).to_string(), "2899.69");
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn new(horizon: Horizon) -> Programme {
        Programme {
            name: String::new(),
            family_source: None,
            horizon,
            base_year: None,
            schedule: DiscountSchedule::green_book(),
            timing: Timing::YearZeroUndiscounted,
            deflators: None,
            optimism: None,
            benefits: Vec::new(),
            outcomes: Vec::new(),
            costs: Vec::new(),
            participants: None,
            metb: None,
            distribution: None,
        }
    }

    /// A programme whose only benefit source is a family table: appraised
    /// family by family, cohort by cohort and in its annual chain, with
    /// nothing over time (add streams and costs to appraise it over time).
    pub fn of_families(name: impl Into<String>, source: FamilySource) -> Programme {
        Programme::new(Horizon(1)).named(name).families(source)
    }

    /// The same programme with a name for reports.
    pub fn named(mut self, name: impl Into<String>) -> Programme {
        self.name = name.into();
        self
    }

    /// The same programme with a family table as a benefit source.
    pub fn families(mut self, source: FamilySource) -> Programme {
        self.family_source = Some(source);
        self
    }

    /// The family source, or an error naming what is missing.
    pub fn family_source(&self) -> Result<&FamilySource> {
        self.family_source.as_ref().ok_or_else(no_family_table)
    }

    /// The family source, to change, or an error naming what is missing.
    pub fn family_source_mut(&mut self) -> Result<&mut FamilySource> {
        self.family_source.as_mut().ok_or_else(no_family_table)
    }

    /// Whether the programme has flows over time to discount: a benefit
    /// stream, an outcome line or a cost. A programme whose only source is a
    /// family table has none.
    pub fn runs_over_time(&self) -> bool {
        !(self.benefits.is_empty() && self.outcomes.is_empty() && self.costs.is_empty())
    }

    /// The most stream-years a programme appraises: each keeps its real and
    /// discounted amounts, 32 bytes a stream-year, so the bound holds an
    /// appraisal to about 320 MB and a few seconds (measured 2026-12-06:
    /// 2,000 streams over 1,000 years, 2 million stream-years, 1.1 s).
    pub const MAX_STREAM_YEARS: u64 = 10_000_000;

    fn check_size(&self) -> Result<()> {
        let stream_years = self.stream_years();
        if stream_years > Self::MAX_STREAM_YEARS {
            let streams = self.benefits.len() + self.outcomes.len() + self.costs.len();
            return Err(Error::OutOfRange {
                at: Location::field("time"),
                value: format!(
                    "{streams} streams over {} years ({stream_years} stream-years)",
                    self.horizon.years()
                ),
                field_rule: format!(
                    "a programme appraises at most {} stream-years (streams x years; \
                     a bound on memory and run time): shorten the horizon or merge streams",
                    crate::money::grouped(
                        Decimal::from(Self::MAX_STREAM_YEARS),
                        crate::money::Rounding::half_up(0)
                    )
                ),
            });
        }
        Ok(())
    }

    /// Its streams (benefit streams, outcome lines and costs) times its
    /// years: what one appraisal over time works through, and what bounds
    /// the work of a Monte Carlo draw and the size of a workbook.
    pub fn stream_years(&self) -> u64 {
        let streams = (self.benefits.len() + self.outcomes.len() + self.costs.len()) as u64;
        streams.saturating_mul(u64::from(self.horizon.years()))
    }

    /// The same programme with one more benefit stream.
    pub fn benefit(mut self, stream: BenefitStream) -> Programme {
        self.benefits.push(stream);
        self
    }

    /// The same programme with one more outcome line.
    pub fn outcome(mut self, line: OutcomeLine) -> Programme {
        self.outcomes.push(line);
        self
    }

    /// The same programme with one more cost stream.
    pub fn cost(mut self, stream: CostStream) -> Programme {
        self.costs.push(stream);
        self
    }

    /// The same programme, serving `n` people (for figures per participant).
    pub fn participants(mut self, n: u64) -> Programme {
        self.participants = Some(n);
        self
    }

    /// The same programme, discounted by `schedule`.
    pub fn schedule(mut self, schedule: DiscountSchedule) -> Programme {
        self.schedule = schedule;
        self
    }

    /// The same programme, with income groups for distributional weights.
    pub fn distributed(mut self, distribution: IncomeGroups) -> Programme {
        self.distribution = Some(distribution);
        self
    }

    /// The same programme, showing its figures with the cost of raising
    /// public funds at `rate` beside those without.
    pub fn with_metb(mut self, rate: Fraction) -> Programme {
        self.metb = Some(rate);
        self
    }

    /// The same programme, under another timing convention.
    pub fn timing(mut self, timing: Timing) -> Programme {
        self.timing = timing;
        self
    }

    /// The same programme, every value restated in `base_year`'s prices by
    /// `deflators`.
    pub fn prices(mut self, base_year: impl Into<String>, deflators: Deflators) -> Programme {
        self.base_year = Some(base_year.into());
        self.deflators = Some(deflators);
        self
    }

    /// The same programme, with the grade table its streams' optimism-bias
    /// grades name.
    pub fn optimism(mut self, grades: OptimismBias) -> Programme {
        self.optimism = Some(grades);
        self
    }

    /// Check that every price year and confidence grade the streams name can
    /// be resolved (the loader calls this so a bad file fails on reading).
    pub fn validate(&self) -> Result<()> {
        if let Some(f) = &self.family_source {
            f.validate()?;
        }
        if self.participants == Some(0) {
            return Err(Error::OutOfRange {
                at: Location::field("time.participants"),
                value: "0".into(),
                field_rule: "a programme serves at least one participant".into(),
            });
        }
        self.check_size()?;
        self.check_names()?;
        self.check_groups()?;
        check_price_years(self)?;
        let lines = self.line_streams()?;
        for (name, year, grade) in self
            .benefits
            .iter()
            .chain(lines.iter().map(|(b, _)| b))
            .map(|b| (&b.name, &b.price_year, &b.optimism_grade))
            .chain(
                self.costs
                    .iter()
                    .map(|c| (&c.name, &c.price_year, &c.optimism_grade)),
            )
        {
            price_factor(self, year.as_deref(), name)?;
            optimism(self, grade.as_deref(), name)?;
        }
        Ok(())
    }
}

impl Programme {
    /// A group a stream or line names is one of the distribution's.
    fn check_groups(&self) -> Result<()> {
        if let Some(d) = &self.distribution {
            d.validate()?;
        }
        // Named as the file names them: `time.benefit[i].group`.
        let named = (self.benefits.iter().map(|b| &b.group).enumerate())
            .map(|(i, g)| (format!("time.benefit[{i}].group"), g))
            .chain(
                (self.outcomes.iter().map(|l| &l.group).enumerate())
                    .map(|(i, g)| (format!("time.outcome[{i}].group"), g)),
            );
        for (field, group) in named {
            let Some(group) = group else { continue };
            match &self.distribution {
                Some(d) => {
                    d.weight_of(group)
                        .map_err(|e| e.map_location(|_| Location::field(&field)))?;
                }
                None => {
                    return Err(Error::Missing {
                        at: Location::field(field),
                        what: "distribution (a stream names an income group: give the groups' incomes in [time.distribution])",
                    });
                }
            }
        }
        Ok(())
    }

    /// Each stream and line is named once among its kind: a sensitivity
    /// range or a scenario names the one it moves.
    fn check_names(&self) -> Result<()> {
        let kinds: [(&str, &str, Vec<&str>); 3] = [
            (
                "time.benefit",
                "a benefit stream",
                self.benefits.iter().map(|b| b.name.as_str()).collect(),
            ),
            (
                "time.outcome",
                "an outcome line",
                self.outcomes.iter().map(|l| l.name.as_str()).collect(),
            ),
            (
                "time.cost",
                "a cost stream",
                self.costs.iter().map(|c| c.name.as_str()).collect(),
            ),
        ];
        for (field, what, names) in kinds {
            if let Some(name) = crate::error::first_repeat(names) {
                return Err(Error::OutOfRange {
                    at: Location::field(format!("{field}.name")),
                    value: format!("{name:?}"),
                    field_rule: format!(
                        "{what} is named once (a sensitivity range or scenario names the one it moves)"
                    ),
                });
            }
        }
        Ok(())
    }

    /// The price year each stream names, in stream order (benefits, outcome
    /// lines, costs), repeats included.
    pub(crate) fn price_years_named(&self) -> impl Iterator<Item = &str> {
        self.benefits
            .iter()
            .filter_map(|b| b.price_year.as_deref())
            .chain(
                self.outcomes
                    .iter()
                    .filter_map(|l| l.value.price_year.as_deref()),
            )
            .chain(self.costs.iter().filter_map(|c| c.price_year.as_deref()))
    }

    /// Each outcome line as a benefit stream, with how its gross is made.
    fn line_streams(&self) -> Result<Vec<(BenefitStream, Derivation)>> {
        self.outcomes
            .iter()
            .map(|l| Ok((BenefitStream::from_line(l)?, l.derivation()?)))
            .collect()
    }
}

/// Appraise a programme over time, with the service's gross annual benefit
/// for streams whose amount is [`Amount::Service`] (the family source's,
/// computed by [`crate::appraise`]).
pub(crate) fn appraise_over_time_with(
    p: &Programme,
    service: Option<Money>,
) -> Result<PresentValueAppraisal> {
    let horizon = p.horizon.years();
    let factors = p.timing.factors(&p.schedule, horizon - 1)?;
    check_price_years(p)?;

    let lines = p.line_streams()?;
    let benefits = p
        .benefits
        .iter()
        .map(|b| (b, None))
        .chain(lines.iter().map(|(b, d)| (b, Some(d))));
    let mut streams = Vec::with_capacity(p.benefits.len() + lines.len() + p.costs.len());
    for (b, derivation) in benefits {
        let price = price_factor(p, b.price_year.as_deref(), &b.name)?;
        // A benefit is reduced by its grade's benefit reduction.
        let bias = optimism(p, b.optimism_grade.as_deref(), &b.name)?
            .map_or(Fraction::ZERO, |g| g.benefit_reduction);
        // The gross amount of year k of the stream, restated in the base
        // year's prices and carried like every other amount over time.
        let gross_in = |k: u32| -> Result<Money> {
            let annual = match (&b.annual, service) {
                (Amount::Pounds(m), _) => *m,
                (Amount::Service, Some(m)) => m,
                (Amount::Profile(v), _) => v.get(k as usize).copied().unwrap_or(Money::ZERO),
                (Amount::Service, None) => {
                    return Err(Error::Missing {
                        at: Location::field(format!(
                            "annual (stream {:?} takes the service's annual benefit)",
                            b.name
                        )),
                        what: "table",
                    });
                }
            };
            Ok(Money::new(mul(annual.value(), price)?).carried())
        };
        let gross = gross_in(0)?;
        let waterfall = b.adjustments.waterfall(gross)?;
        let mut real = vec![Money::ZERO; horizon as usize];
        let years = match &b.annual {
            Amount::Profile(v) => u32::try_from(v.len()).unwrap_or(u32::MAX),
            _ => b.years,
        };
        // Drop-off carried year to year: the same products, in the same
        // order, as compounding it from year 0 each year.
        let mut kept = Decimal::ONE;
        // Real growth carried the same way, from the stream's first year.
        let mut grown = growth_at_first_year(p, b)?;
        for k in 0..years {
            let Some(slot) = b
                .first_year
                .checked_add(k)
                .and_then(|y| real.get_mut(y as usize))
            else {
                break;
            };
            let net = b
                .adjustments
                .net_kept(gross_in(k)?, kept)?
                .checked_scale(bias.complement())?;
            *slot = match (b.real_growth, grown) {
                (Some(g), Some(f)) => {
                    grown = Some(mul(f, g.step()?)?);
                    net.checked_scale(f)?
                }
                _ => net,
            }
            .carried();
            kept = mul(kept, b.adjustments.kept_a_year())?;
        }
        let (discounted, present_value) = discount(&real, &factors)?;
        streams.push(StreamResult {
            name: b.name.clone(),
            is_benefit: true,
            kind: Some(b.kind),
            agency: b.agency.clone(),
            cashable: b.cashable,
            price_year: b.price_year.clone(),
            price_factor: price,
            optimism_bias: bias.value(),
            gross,
            derivation: derivation.cloned(),
            waterfall,
            real,
            discounted,
            present_value,
            group: b.group.clone(),
        });
    }
    for c in &p.costs {
        let price = price_factor(p, c.price_year.as_deref(), &c.name)?;
        // A cost is uplifted by its grade's cost uplift (which may exceed 1).
        let bias = optimism(p, c.optimism_grade.as_deref(), &c.name)?
            .map_or(crate::optimism::Uplift::NONE, |g| g.cost_uplift);
        let uplift = crate::money::add(Decimal::ONE, bias.value())?;
        let scale = |m: Money| -> Result<Money> {
            Ok(Money::new(mul(m.value(), price)?)
                .checked_scale(uplift)?
                .carried())
        };
        let mut real = vec![Money::ZERO; horizon as usize];
        if let Some(slot) = real.get_mut(c.first_year as usize) {
            *slot = scale(c.up_front)?;
        }
        for k in 0..c.years {
            let Some(slot) = c
                .first_year
                .checked_add(k)
                .and_then(|y| real.get_mut(y as usize))
            else {
                break;
            };
            *slot = slot.checked_add(scale(c.recurring)?)?;
        }
        for (k, amount) in c.profile.iter().enumerate() {
            let year = usize::try_from(c.first_year)
                .unwrap_or(usize::MAX)
                .saturating_add(k);
            if let Some(slot) = real.get_mut(year) {
                *slot = slot.checked_add(scale(*amount)?)?;
            }
        }
        let (discounted, present_value) = discount(&real, &factors)?;
        streams.push(StreamResult {
            name: c.name.clone(),
            is_benefit: false,
            kind: None,
            agency: c.agency.clone(),
            cashable: None,
            price_year: c.price_year.clone(),
            price_factor: price,
            optimism_bias: bias.value(),
            gross: Money::new(mul(c.recurring.value(), price)?).carried(),
            derivation: None,
            waterfall: Vec::new(),
            real,
            discounted,
            present_value,
            group: None,
        });
    }

    let mut years = Vec::with_capacity(horizon as usize);
    let mut cumulative = Money::ZERO;
    let mut payback_year = None;
    let mut cumulative_real = Money::ZERO;
    let mut payback_year_undiscounted = None;
    let mut moved = false;
    for (t, factor) in factors.iter().enumerate() {
        let sum = |benefit: bool| -> Result<Money> {
            Money::checked_sum(
                streams
                    .iter()
                    .filter(|s| s.is_benefit == benefit)
                    .map(|s| s.real.get(t).copied().unwrap_or(Money::ZERO)),
            )
        };
        let (benefits, costs) = (sum(true)?, sum(false)?);
        let discounted = |benefit: bool| -> Result<Money> {
            Money::checked_sum(
                streams
                    .iter()
                    .filter(|s| s.is_benefit == benefit)
                    .map(|s| s.discounted.get(t).copied().unwrap_or(Money::ZERO)),
            )
        };
        let (pv_b, pv_c) = (discounted(true)?, discounted(false)?);
        cumulative = cumulative.checked_add(pv_b)?.checked_sub(pv_c)?;
        let year = u32::try_from(t).unwrap_or(u32::MAX);
        // Nothing pays back before any money moves: a year with no flow yet
        // has a cumulative net of zero, not a payback.
        moved |= !benefits.is_zero() || !costs.is_zero();
        if moved && payback_year.is_none() && cumulative >= Money::ZERO {
            payback_year = Some(year);
        }
        cumulative_real = cumulative_real.checked_add(benefits)?.checked_sub(costs)?;
        if moved && payback_year_undiscounted.is_none() && cumulative_real >= Money::ZERO {
            payback_year_undiscounted = Some(year);
        }
        years.push(YearRow {
            year,
            discount_factor: *factor,
            benefits,
            costs,
            pv_benefits: pv_b,
            pv_costs: pv_c,
            cumulative_net: cumulative,
        });
    }

    let pv_of = |benefit: bool| {
        Money::checked_sum(
            streams
                .iter()
                .filter(|s| s.is_benefit == benefit)
                .map(|s| s.present_value),
        )
    };
    let (pv_benefits, pv_costs) = (pv_of(true)?, pv_of(false)?);
    let npv = pv_benefits.checked_sub(pv_costs)?;
    let ratio = |m: Money, what: &str| {
        m.ratio_to(pv_costs, || {
            format!("{what}: the present value of costs is zero")
        })
    };
    let fiscal = Money::checked_sum(
        streams
            .iter()
            .filter(|s| s.kind == Some(ValueKind::Fiscal))
            .map(|s| s.present_value),
    )?;

    let per_participant = match p.participants {
        Some(n) => {
            let each = |m: Money| {
                m.checked_average(n, || "a present value per participant".into())
                    .map(Money::carried)
            };
            Some(PerParticipant {
                participants: n,
                pv_benefits: each(pv_benefits)?,
                pv_fiscal_benefits: each(fiscal)?,
                pv_costs: each(pv_costs)?,
                npv: each(npv)?,
            })
        }
        None => None,
    };

    Ok(PresentValueAppraisal {
        per_participant,
        vintages: vintages(p),
        equivalent_annual_net: crate::valuation::equivalent_annual(
            npv,
            &p.schedule,
            p.timing,
            horizon,
        )?,
        horizon,
        base_year: p.base_year.clone(),
        schedule: p.schedule.name().to_string(),
        timing: p.timing,
        bcr: ratio(pv_benefits, "the benefit-cost ratio")?,
        net_ratio: ratio(npv, "the net ratio")?,
        fiscal_bcr: ratio(fiscal, "the fiscal benefit-cost ratio")?,
        by_kind: split(&streams, |s| s.kind.map(|k| k.to_string()))?,
        by_agency: split(&streams, |s| Some(agency_key(&s.agency)))?,
        by_cashable: split(&streams, |s| {
            s.is_benefit.then(|| match s.cashable {
                Some(true) => "cashable".to_string(),
                Some(false) => "non-cashable".to_string(),
                None => "not stated".to_string(),
            })
        })?,
        years,
        streams,
        pv_benefits,
        pv_costs,
        npv,
        payback_year,
        payback_year_undiscounted,
        real_net: cumulative_real,
    })
}

/// The vintage of the schedule and of each unit value a line takes that
/// states one, each once.
fn vintages(p: &Programme) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    if let Some(v) = p.schedule.vintage() {
        out.push(("discounting".into(), v.into()));
    }
    for value in p.outcomes.iter().map(|l| &l.value) {
        if let Some(v) = &value.vintage
            && !out.iter().any(|(id, _)| id == &value.id)
        {
            out.push((value.id.clone(), v.clone()));
        }
    }
    out
}

/// A growing stream's growth factor in its first year: from its price
/// year to the base year (both read as calendar years: the first four
/// digits, "2023" or "2023/24"), then to its first year. A value dated after
/// the base year is grown back. `None` for a stream that does not grow.
fn growth_at_first_year(p: &Programme, b: &BenefitStream) -> Result<Option<Decimal>> {
    let Some(g) = b.real_growth else {
        return Ok(None);
    };
    let calendar = |label: Option<&str>| -> Option<i64> { label?.get(..4)?.parse().ok() };
    let since = match (
        calendar(b.price_year.as_deref()),
        calendar(p.base_year.as_deref()),
    ) {
        (Some(from), Some(to)) => to - from,
        _ => 0,
    };
    let years = since.saturating_add(i64::from(b.first_year));
    let span = u32::try_from(years.unsigned_abs()).unwrap_or(u32::MAX);
    let factor = g.factor(span).map_err(|e| {
        e.map_location(|_| Location::field(format!("benefit {:?}: real_growth", b.name)))
    })?;
    Ok(Some(if years < 0 {
        crate::money::div(Decimal::ONE, factor, || {
            "real growth back to the base year".into()
        })?
    } else {
        factor
    }))
}

/// An agency as the split by agency names it: "not stated" where a stream
/// names none.
pub(crate) fn agency_key(agency: &str) -> String {
    if agency.is_empty() {
        "not stated".into()
    } else {
        agency.into()
    }
}

/// Each year's real amount times its factor, carried; and their sum.
fn discount(real: &[Money], factors: &[Decimal]) -> Result<(Vec<Money>, Money)> {
    let discounted = real
        .iter()
        .zip(factors)
        .map(|(m, f)| Ok(m.checked_scale(*f)?.carried()))
        .collect::<Result<Vec<_>>>()?;
    let present_value = Money::checked_sum(discounted.iter().copied())?;
    Ok((discounted, present_value))
}

/// Sum present values by a key; streams with no key are left out (costs have no kind).
fn split(
    streams: &[StreamResult],
    key: impl Fn(&StreamResult) -> Option<String>,
) -> Result<Vec<SplitRow>> {
    let mut rows: BTreeMap<String, (Money, Money)> = BTreeMap::new();
    for s in streams {
        let Some(k) = key(s) else { continue };
        let entry = rows.entry(k).or_insert((Money::ZERO, Money::ZERO));
        if s.is_benefit {
            entry.0 = entry.0.checked_add(s.present_value)?;
        } else {
            entry.1 = entry.1.checked_add(s.present_value)?;
        }
    }
    Ok(rows
        .into_iter()
        .map(|(key, (pv_benefits, pv_costs))| SplitRow {
            key,
            pv_benefits,
            pv_costs,
        })
        .collect())
}

fn price_factor(p: &Programme, price_year: Option<&str>, stream: &str) -> Result<Decimal> {
    match (price_year, p.base_year.as_deref()) {
        (Some(from), Some(to)) if from != to => match &p.deflators {
            Some(d) => d.factor(from, to).map_err(|e| in_stream(e, stream)),
            None => Err(Error::Missing {
                at: Location::field(format!(
                    "time.deflators (stream {stream:?} is in {from} prices, the base year is {to})"
                )),
                what: "key",
            }),
        },
        _ => Ok(Decimal::ONE),
    }
}

/// The grade a stream names, or none.
fn optimism<'p>(
    p: &'p Programme,
    grade: Option<&str>,
    stream: &str,
) -> Result<Option<&'p crate::optimism::Grade>> {
    match grade {
        None => Ok(None),
        Some(g) => match &p.optimism {
            Some(table) => table.grade(g).map(Some).map_err(|e| in_stream(e, stream)),
            None => Err(Error::Missing {
                at: Location::field(format!(
                    "time.optimism_bias (stream {stream:?} names grade {g:?})"
                )),
                what: "key",
            }),
        },
    }
}

/// Without a base year, values must not name different price years.
fn check_price_years(p: &Programme) -> Result<()> {
    if p.base_year.is_some() {
        return Ok(());
    }
    let mut years = p.price_years_named();
    if let Some(first) = years.next()
        && let Some(other) = years.find(|y| *y != first)
    {
        return Err(Error::Missing {
            at: Location::field(format!(
                "time.base_year (values are in {first} and {other} prices)"
            )),
            what: "key",
        });
    }
    Ok(())
}

fn no_family_table() -> Error {
    Error::Missing {
        at: Location::field("families"),
        what: "family table (the programme has none)",
    }
}

fn in_stream(e: Error, stream: &str) -> Error {
    e.map_location(|at| {
        let field = format!("{} of stream {stream:?}", at.field.as_deref().unwrap_or(""));
        at.at_field(field)
    })
}
