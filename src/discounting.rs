//! Discounting: the Green Book's declining schedule, custom rates, and the
//! timing convention that says which discount factor a year's flow gets.
//!
//! A schedule is a list of bands, each a rate from its first year on. The
//! factor for year *t* compounds the rate of every year up to it, band on band:
//! `D(t) = 1 / ((1 + r_1) x (1 + r_2) x ... x (1 + r_t))`, where `r_k` is the
//! rate of the band that contains year *k*. So under the Green Book schedule
//! `D(31) = D(30) / 1.030`: the rate falls, the factor does not restart.
//!
//! ```
//! use froi::discounting::{DiscountSchedule, Timing};
//! let gb = DiscountSchedule::green_book()?;
//! let d1 = gb.factor(1)?;
//! assert_eq!(d1.round_dp(6).to_string(), "0.966184"); // 1 / 1.035
//! let d31 = gb.factor(31)?;
//! assert_eq!((gb.factor(30)? / d31).round_dp(20).to_string(), "1.03000000000000000000");
//! // Year 0 is undiscounted under the Green Book convention.
//! assert_eq!(Timing::YearZeroUndiscounted.factor(&gb, 0)?.to_string(), "1");
//! # Ok::<(), froi::Error>(())
//! ```

use std::fmt;

use rust_decimal::{Decimal, MathematicalOps};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
#[cfg(feature = "files")]
use crate::load::tables::{Table, first_source};
use crate::money::{add, div, mul, parse_decimal};

/// An annual discount rate as a fraction (0.035 for 3.5%); above -1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "Decimal")]
pub struct DiscountRate(Decimal);

impl DiscountRate {
    /// A rate; at or below -100% is an error (it would make money worthless or negative).
    pub fn new(rate: Decimal) -> Result<DiscountRate> {
        Self::new_at(rate, &Location::field("discount rate"))
    }

    /// [`DiscountRate::new`], naming `at` in the error.
    pub(crate) fn new_at(rate: Decimal, at: &Location) -> Result<DiscountRate> {
        if rate <= -Decimal::ONE {
            return Err(Error::OutOfRange {
                at: at.clone(),
                value: rate.to_string(),
                field_rule: "a discount rate must be above -1 (-100%)".into(),
            });
        }
        Ok(DiscountRate(rate))
    }

    /// From decimal text such as `"0.035"`.
    pub fn parse(text: &str) -> Result<DiscountRate> {
        let at = Location::field("discount rate");
        Self::new_at(parse_decimal(text, &at)?, &at)
    }

    /// The fraction.
    pub const fn value(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for DiscountRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", (self.0 * Decimal::ONE_HUNDRED).normalize())
    }
}

crate::money::from_str_by_parse!(DiscountRate);

crate::money::try_from_by_new!(DiscountRate: Decimal);

/// A schedule as written, read back through [`DiscountSchedule::new`].
#[derive(Deserialize)]
struct DiscountScheduleData {
    name: String,
    bands: Vec<RateBand>,
    source: String,
    #[serde(default)]
    until: Option<u32>,
}

impl TryFrom<DiscountScheduleData> for DiscountSchedule {
    type Error = crate::error::Error;
    fn try_from(d: DiscountScheduleData) -> Result<DiscountSchedule> {
        Ok(DiscountSchedule {
            until: d.until,
            ..DiscountSchedule::new(d.name, d.bands, d.source)?
        })
    }
}

/// A rate that applies from `first_year` until the next band begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RateBand {
    /// The first year the rate applies to.
    pub first_year: u32,
    /// The rate.
    pub rate: DiscountRate,
}

/// A discount-rate schedule: bands of rates by year, with a name and a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DiscountScheduleData")]
pub struct DiscountSchedule {
    name: String,
    bands: Vec<RateBand>,
    source: String,
    /// The last year the source gives a rate for (`None`: the last band
    /// has no end).
    until: Option<u32>,
}

#[cfg(feature = "files")]
const GREEN_BOOK: &str = include_str!("../data/discounting/green_book.csv");

/// A function that makes a named schedule from its data file.
pub type MakeSchedule = fn() -> Result<DiscountSchedule>;

impl DiscountSchedule {
    /// One rate for every year.
    ///
    /// ```
    /// use froi::discounting::{DiscountRate, DiscountSchedule};
    /// let zero = DiscountSchedule::constant(DiscountRate::parse("0").unwrap());
    /// assert_eq!(zero.factor(50).unwrap().to_string(), "1");
    /// ```
    pub fn constant(rate: DiscountRate) -> DiscountSchedule {
        DiscountSchedule {
            name: format!("constant {rate}"),
            bands: vec![RateBand {
                first_year: 0,
                rate,
            }],
            source: String::new(),
            until: None,
        }
    }

    /// A schedule from bands: the first must start at year 0 and each later
    /// one after the one before.
    pub fn new(
        name: impl Into<String>,
        bands: Vec<RateBand>,
        source: impl Into<String>,
    ) -> Result<DiscountSchedule> {
        let at = Location::field("discounting.bands");
        match bands.first() {
            Some(b) if b.first_year == 0 => {}
            _ => {
                return Err(Error::OutOfRange {
                    at,
                    value: bands.first().map_or("no bands".into(), |b| {
                        format!("first year {}", b.first_year)
                    }),
                    field_rule: "the first band of a schedule starts at year 0".into(),
                });
            }
        }
        if let Some(pair) = bands.windows(2).find(|w| match w {
            [a, b] => b.first_year <= a.first_year,
            _ => false,
        }) {
            return Err(Error::OutOfRange {
                at,
                value: format!(
                    "{:?}",
                    pair.iter().map(|b| b.first_year).collect::<Vec<_>>()
                ),
                field_rule: "bands start in increasing years".into(),
            });
        }
        Ok(DiscountSchedule {
            name: name.into(),
            bands,
            source: source.into(),
            until: None,
        })
    }

    /// The Green Book's declining long-term schedule: 3.5% for years 0-30,
    /// 3.0% for 31-75, 2.5% for 76-125, 2.0% for 126-200, 1.5% for 201-300,
    /// 1.0% after (`data/discounting/green_book.csv`, which cites each band).
    #[cfg(feature = "files")]
    pub fn green_book() -> Result<DiscountSchedule> {
        Self::from_table("Green Book standard", "standard")
    }

    /// The Green Book's health schedule: 1.50% for years 0-30, 1.29% to 75,
    /// 1.07% to 125 (Green Book 2018, Table 8), 0.86%, 0.64% and 0.43% after
    /// (the February 2026 rates, as quoted by DfT TAG).
    #[cfg(feature = "files")]
    pub fn green_book_health() -> Result<DiscountSchedule> {
        Self::from_table("Green Book health", "health")
    }

    /// The reduced schedule (pure time preference 0): 3.00%, 2.57%, 2.14%,
    /// to year 125 (Green Book 2018, Table 8). No rate after year 125 is
    /// published, so a factor past it is an error.
    #[cfg(feature = "files")]
    pub fn green_book_reduced() -> Result<DiscountSchedule> {
        Self::from_table("Green Book reduced", "reduced")
    }

    /// The reduced health schedule: 1.00%, 0.86%, 0.71%, to year 125 (Green
    /// Book 2018, Table 8); a factor past year 125 is an error.
    #[cfg(feature = "files")]
    pub fn green_book_health_reduced() -> Result<DiscountSchedule> {
        Self::from_table("Green Book health reduced", "health_reduced")
    }

    /// The additional sensitivity-test schedule of the February 2026 Green
    /// Book (3.00% falling to 0.86%), as quoted by DfT TAG.
    #[cfg(feature = "files")]
    pub fn green_book_sensitivity_2026() -> Result<DiscountSchedule> {
        Self::from_table("Green Book 2026 sensitivity test", "sensitivity_2026")
    }

    /// The words a scenario file may name a schedule by, with the schedule.
    #[cfg(feature = "files")]
    pub const NAMED: [(&'static str, MakeSchedule); 5] = [
        ("green_book", DiscountSchedule::green_book),
        ("green_book_health", DiscountSchedule::green_book_health),
        ("green_book_reduced", DiscountSchedule::green_book_reduced),
        (
            "green_book_health_reduced",
            DiscountSchedule::green_book_health_reduced,
        ),
        (
            "green_book_sensitivity_2026",
            DiscountSchedule::green_book_sensitivity_2026,
        ),
    ];

    /// The schedule a file names, or `None` for a word that names none.
    #[cfg(feature = "files")]
    pub fn named(word: &str) -> Option<Result<DiscountSchedule>> {
        Self::NAMED
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, make)| make())
    }

    /// The last year the schedule's source gives a rate for (`None`: no end).
    pub fn until(&self) -> Option<u32> {
        self.until
    }

    #[cfg(feature = "files")]
    fn from_table(name: &str, column: &str) -> Result<DiscountSchedule> {
        let table = Table::parse(
            GREEN_BOOK,
            "data/discounting/green_book.csv",
            &["first_year", column],
        )?;
        let year = |line: u64, record: &csv::StringRecord, key: &str| -> Result<Option<u32>> {
            let text = table.get(record, key);
            if text.is_empty() {
                return Ok(None);
            }
            text.parse().map(Some).map_err(|_| Error::MalformedDecimal {
                at: table.loc(line, key),
                value: text.to_string(),
                hint: String::new(),
            })
        };
        let mut bands = Vec::new();
        let mut until = None;
        for (line, record) in &table.rows {
            // A schedule ends at the last band its source gives a rate for.
            if table.get(record, column).is_empty() {
                break;
            }
            let first_year = year(*line, record, "first_year")?.unwrap_or(0);
            let rate = table.decimal(*line, record, column)?;
            bands.push(RateBand {
                first_year,
                rate: DiscountRate::new_at(rate, &table.loc(*line, column))?,
            });
            until = year(*line, record, "last_year")?;
        }
        Ok(DiscountSchedule {
            until,
            ..DiscountSchedule::new(name, bands, first_source(&table))?
        })
    }

    /// The schedule's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The bands.
    pub fn bands(&self) -> &[RateBand] {
        &self.bands
    }

    /// Where the rates come from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The rate of the band that contains `year`.
    pub fn rate_in(&self, year: u32) -> DiscountRate {
        self.bands
            .iter()
            .rev()
            .find(|b| b.first_year <= year)
            .or(self.bands.first())
            .map_or(DiscountRate(Decimal::ZERO), |b| b.rate)
    }

    /// The last year a factor is computed for: far past the Green Book's
    /// last band (year 301 on), and a bound on the work and memory a
    /// request can ask for.
    pub const MAX_YEAR: u32 = 1_000;

    /// `D(year)`: one pound in `year` is worth `D(year)` pounds in year 0.
    /// A year past [`DiscountSchedule::MAX_YEAR`], or past the last year the
    /// schedule's source gives a rate for, is an error.
    pub fn factor(&self, year: u32) -> Result<Decimal> {
        check_year(year)?;
        self.check_until(year)?;
        let mut growth = Decimal::ONE;
        for k in 1..=year {
            growth = mul(growth, add(Decimal::ONE, self.rate_in(k).value())?)?;
        }
        inverse(growth, year)
    }

    /// `D(0)`, `D(1)`, ..., `D(last)`, in one pass. A `last` past
    /// [`DiscountSchedule::MAX_YEAR`] is an error, not an allocation.
    ///
    /// ```
    /// use froi::discounting::DiscountSchedule;
    /// let gb = DiscountSchedule::green_book()?;
    /// assert_eq!(gb.factors(2)?.len(), 3);
    /// assert_eq!(
    ///     gb.factors(u32::MAX).unwrap_err().to_string(),
    ///     "field `year`: 4294967295 is out of range: discount factors are computed for years 0 to 1000"
    /// );
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn factors(&self, last: u32) -> Result<Vec<Decimal>> {
        check_year(last)?;
        self.check_until(last)?;
        let mut growth = Decimal::ONE;
        let mut out = Vec::with_capacity(last as usize + 1);
        out.push(Decimal::ONE);
        for k in 1..=last {
            growth = mul(growth, add(Decimal::ONE, self.rate_in(k).value())?)?;
            out.push(inverse(growth, k)?);
        }
        Ok(out)
    }
}

impl DiscountSchedule {
    fn check_until(&self, year: u32) -> Result<()> {
        match self.until {
            Some(last) if year > last => Err(crate::error::Error::OutOfRange {
                at: crate::error::Location::field("year"),
                value: year.to_string(),
                field_rule: format!(
                    "the {} schedule's source gives rates to year {last} only",
                    self.name
                ),
            }),
            _ => Ok(()),
        }
    }
}

fn check_year(year: u32) -> Result<()> {
    if year > DiscountSchedule::MAX_YEAR {
        return Err(crate::error::Error::OutOfRange {
            at: crate::error::Location::field("year"),
            value: year.to_string(),
            field_rule: format!(
                "discount factors are computed for years 0 to {}",
                DiscountSchedule::MAX_YEAR
            ),
        });
    }
    Ok(())
}

fn inverse(growth: Decimal, year: u32) -> Result<Decimal> {
    div(Decimal::ONE, growth, || {
        format!("a discount factor for year {year}: the compounded rates reach zero")
    })
}

/// Which factor the flow of each appraisal year gets. Appraisal years are
/// numbered from 0 (the first year of the appraisal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Timing {
    /// The Green Book convention: the first year is year 0 and is not
    /// discounted; year *t* gets `D(t)`.
    YearZeroUndiscounted,
    /// Flows at the end of each year: year *t* gets `D(t + 1)` (the
    /// spreadsheet NPV convention).
    EndOfYear,
    /// Flows at the middle of each year: year *t* gets `D(t) / sqrt(1 + r)`,
    /// `r` the rate of year *t + 1*.
    MidYear,
}

impl fmt::Display for Timing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Timing::YearZeroUndiscounted => "year 0 undiscounted, year t discounted t years",
            Timing::EndOfYear => "flows at year end: year t discounted t + 1 years",
            Timing::MidYear => "flows mid-year: year t discounted t + 1/2 years",
        })
    }
}

impl Timing {
    /// The factor for appraisal year `year` under `schedule`.
    pub fn factor(self, schedule: &DiscountSchedule, year: u32) -> Result<Decimal> {
        self.factors(schedule, year).and_then(|f| {
            f.last()
                .copied()
                .ok_or_else(|| crate::money::overflow("discounting", year, 0))
        })
    }

    /// The factors for appraisal years `0..=last`.
    pub fn factors(self, schedule: &DiscountSchedule, last: u32) -> Result<Vec<Decimal>> {
        check_year(last)?;
        // Year-zero timing needs D(0..=last); the others look a year on.
        let needed = match self {
            Timing::YearZeroUndiscounted => last,
            Timing::EndOfYear | Timing::MidYear => last
                .checked_add(1)
                .ok_or_else(|| crate::money::overflow("addition", last, 1))?,
        };
        schedule.check_until(needed)?;
        let base = schedule.factors(needed)?;
        let mut out = Vec::with_capacity(base.len());
        for t in 0..=last {
            let at = |i: u32| base.get(i as usize).copied().unwrap_or(Decimal::ZERO);
            out.push(match self {
                Timing::YearZeroUndiscounted => at(t),
                Timing::EndOfYear => at(t + 1),
                Timing::MidYear => {
                    let step = add(Decimal::ONE, schedule.rate_in(t + 1).value())?;
                    let root = step
                        .sqrt()
                        .ok_or_else(|| crate::money::overflow("square root", step, 0))?;
                    div(at(t), root, || "a mid-year discount factor".into())?
                }
            });
        }
        Ok(out)
    }
}
