//! The standard values of social cost-benefit analysis: the WELLBY, the
//! QALY (DHSC's value and NICE's thresholds) and the value of preventing a
//! fatality, each with its price year, source and vintage, as constant
//! tables in code (the model reads no file). The same rows ship as
//! `data/parameters/standard_values.csv` for programme files, and a test
//! holds the two equal.
//!
//! ```
//! use froi::prelude::*;
//! use froi::StandardValue;
//! // One life-satisfaction point for 100 people for 5 years (the Green
//! // Book's wellbeing guidance, 2019 prices): 100 x 5 x 13,000 = 6,500,000.
//! let wellbeing = OutcomeLine::new("life satisfaction", StandardValue::WELLBY.unit_value()?, Effect::Change(Decimal::ONE))
//!     .participants(100)
//!     .timing(5, 0);
//! let p = Programme::new(Horizon::new(5)?)
//!     .schedule(DiscountSchedule::constant(DiscountRate::parse("0")?))
//!     .outcome(wellbeing)
//!     .cost(CostStream::up_front("service", Money::from_pounds(1_000_000)));
//! let pv = appraise(&p)?.over_time.unwrap();
//! assert_eq!(pv.pv_benefits.to_string(), "6500000");
//! # Ok::<(), froi::Error>(())
//! ```

use rust_decimal::Decimal;

use crate::benefits::{Period, UnitValue, ValueKind, ValueRange};
use crate::error::Result;
use crate::provenance::Source;
use crate::valuation::RealGrowth;

/// A standard value with its source and vintage (a row of
/// `data/parameters/standard_values.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandardValue {
    /// The id an outcome line names it by.
    pub id: &'static str,
    /// What one unit is.
    pub description: &'static str,
    /// Pounds per unit.
    pub amount: Decimal,
    /// Per year held (WELLBY, QALY) or per event (a fatality prevented).
    pub period: Period,
    /// The low and high values the source gives, if it gives them.
    pub range: Option<(Decimal, Decimal)>,
    /// The price year (`None`: the source gives none).
    pub price_year: Option<&'static str>,
    /// Real growth a year the source prescribes (the VPF's 2%).
    pub real_growth: Option<Decimal>,
    /// The document.
    pub document: &'static str,
    /// Where in it.
    pub location: &'static str,
    /// The edition.
    pub vintage: &'static str,
}

const fn pounds(n: u32) -> Decimal {
    Decimal::from_parts(n, 0, 0, false, 0)
}

const GREENBOOK: &str =
    "as tabulated in the greenbook R package 0.1.1 (CRAN, April 2026), which names this source";

impl StandardValue {
    /// One WELLBY (a one-point change in life satisfaction, 0-10, for one
    /// person for a year): £13,000 in 2019 prices, low £10,000, high £16,000.
    pub const WELLBY: StandardValue = StandardValue {
        id: "wellby",
        description: "One WELLBY: a one-point change in life satisfaction (0-10) for one person for one year",
        amount: pounds(13_000),
        period: Period::Year,
        range: Some((pounds(10_000), pounds(16_000))),
        price_year: Some("2019"),
        real_growth: None,
        document: "HM Treasury, Wellbeing Guidance for Appraisal: Supplementary Green Book Guidance (July 2021)",
        location: "the WELLBY value: central £13,000, low £10,000 (the QALY value over 7 life-satisfaction points), high £16,000, 2019 prices",
        vintage: "July 2021",
    };

    /// DHSC's value of a QALY for cross-government appraisal: £70,000
    /// (2024 prices, as greenbook tabulates it).
    pub const QALY: StandardValue = StandardValue {
        id: "qaly",
        description: "One quality-adjusted life year, cross-government appraisal value",
        amount: pounds(70_000),
        period: Period::Year,
        range: None,
        price_year: Some("2024"),
        real_growth: None,
        document: "DHSC, Supplementary Green Book guidance on valuing health",
        location: GREENBOOK,
        vintage: "greenbook 0.1.1 table (April 2026)",
    };

    /// NICE's lower threshold for a QALY in health technology assessment:
    /// £20,000 (no price year stated).
    pub const QALY_NICE_LOWER: StandardValue = StandardValue {
        id: "qaly_nice_20000",
        description: "One quality-adjusted life year at NICE's lower threshold",
        amount: pounds(20_000),
        period: Period::Year,
        range: None,
        price_year: None,
        real_growth: None,
        document: "NICE health technology assessment thresholds",
        location: "the lower of NICE's two thresholds, £20,000 per QALY gained; no price year given",
        vintage: "NICE threshold as cited",
    };

    /// NICE's upper threshold: £30,000.
    pub const QALY_NICE_UPPER: StandardValue = StandardValue {
        id: "qaly_nice_30000",
        description: "One quality-adjusted life year at NICE's upper threshold",
        amount: pounds(30_000),
        period: Period::Year,
        range: None,
        price_year: None,
        real_growth: None,
        document: "NICE health technology assessment thresholds",
        location: "the upper of NICE's two thresholds, £30,000 per QALY gained; no price year given",
        vintage: "NICE threshold as cited",
    };

    /// The value of preventing a fatality (willingness-to-pay element):
    /// £2,474,341 in 2023, growing at 2% a year real GDP per head.
    pub const VPF: StandardValue = StandardValue {
        id: "vpf",
        description: "A fatality prevented, willingness-to-pay element",
        amount: pounds(2_474_341),
        period: Period::Event,
        range: None,
        price_year: Some("2023"),
        real_growth: Some(Decimal::from_parts(2, 0, 0, false, 2)),
        document: "DfT TAG data book v2.03 (December 2025), Table A4.1.1",
        location: GREENBOOK,
        vintage: "TAG data book v2.03, December 2025",
    };

    /// Every standard value, in the order of the data file.
    pub const ALL: [StandardValue; 5] = [
        StandardValue::WELLBY,
        StandardValue::QALY,
        StandardValue::QALY_NICE_LOWER,
        StandardValue::QALY_NICE_UPPER,
        StandardValue::VPF,
    ];

    /// The standard value with `id`, if there is one.
    pub fn named(id: &str) -> Option<StandardValue> {
        Self::ALL.into_iter().find(|v| v.id == id)
    }

    /// The value as a unit value an outcome line takes: social, not
    /// cashable, with its range, price year, growth, source and vintage.
    pub fn unit_value(&self) -> Result<UnitValue> {
        let mut v = UnitValue::new(
            self.id,
            self.amount,
            self.period,
            Source::new(self.document, self.location),
        )
        .described(self.description)
        .kind(ValueKind::Social)
        .cashable(false)
        .vintage(self.vintage);
        if let Some(year) = self.price_year {
            v = v.price_year(year);
        }
        if let Some((low, high)) = self.range {
            v = v.range(ValueRange::new(low, high)?);
        }
        if let Some(rate) = self.real_growth {
            v = v.real_growth(RealGrowth::new(rate)?);
        }
        Ok(v)
    }
}

/// The marginal excess tax burden (the cost of raising public funds) of
/// the Green Book's 2018 and 2022 vintages: 20% (30% before 2018). The
/// Green Book 2026 says it should not generally be included, except for
/// private-finance options, so froi applies it only where a programme sets
/// it ([`Programme::metb`](crate::Programme::metb)).
pub const METB_GREEN_BOOK_2022: Decimal = Decimal::from_parts(2, 0, 0, false, 1);

/// One table of parameters froi ships, with its source and vintage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ParameterTable {
    /// The id a file or a call names it by (`green_book`, `wellby`, `metb`).
    pub id: String,
    /// What it is.
    pub title: String,
    /// The edition the values are from.
    pub vintage: String,
    /// Where they come from.
    pub source: String,
    /// Its values, as (what, value) pairs.
    pub values: Vec<(String, String)>,
}

/// Every parameter table froi ships: the discount schedules, the standard
/// values and the METB rate, each with its source and vintage. Deflators
/// and optimism-bias grades are not shipped: a programme names its own
/// (docs/formats.md says how).
///
/// ```
/// let tables = froi::parameter_tables();
/// let wellby = tables.iter().find(|t| t.id == "wellby").unwrap();
/// assert_eq!(wellby.vintage, "July 2021");
/// assert!(tables.iter().any(|t| t.id == "green_book" && t.source.contains("Green Book")));
/// ```
pub fn parameter_tables() -> Vec<ParameterTable> {
    let mut tables: Vec<ParameterTable> = crate::discounting::DiscountSchedule::NAMED
        .iter()
        .map(|(id, make)| {
            let s = make();
            ParameterTable {
                id: (*id).to_string(),
                title: format!("discount schedule: {}", s.name()),
                vintage: s.vintage().unwrap_or_default().to_string(),
                source: s.source().to_string(),
                values: s
                    .bands()
                    .iter()
                    .map(|b| (format!("from year {}", b.first_year), b.rate.to_string()))
                    .collect(),
            }
        })
        .collect();
    tables.extend(StandardValue::ALL.iter().map(|v| ParameterTable {
        id: v.id.to_string(),
        title: v.description.to_string(),
        vintage: v.vintage.to_string(),
        source: format!("{}, {}", v.document, v.location),
        values: standard_value_rows(v),
    }));
    tables.push(ParameterTable {
        id: "metb".into(),
        title: "marginal excess tax burden (cost of raising public funds), off unless a programme sets it".into(),
        vintage: "Green Book 2018 and 2022 (30% before 2018; not generally included from 2026)".into(),
        source: "HM Treasury Green Book 2022, real terms and the marginal excess tax burden, as tabulated in the greenbook R package 0.1.1 (CRAN, April 2026)".into(),
        values: vec![("rate".into(), METB_GREEN_BOOK_2022.to_string())],
    });
    tables
}

fn standard_value_rows(v: &StandardValue) -> Vec<(String, String)> {
    let mut rows = vec![(format!("£ a unit ({})", v.period), v.amount.to_string())];
    if let Some((low, high)) = v.range {
        rows.push(("low".into(), low.to_string()));
        rows.push(("high".into(), high.to_string()));
    }
    rows.push((
        "price year".into(),
        v.price_year.unwrap_or("not given").into(),
    ));
    if let Some(g) = v.real_growth {
        rows.push(("real growth a year".into(), g.to_string()));
    }
    rows
}
