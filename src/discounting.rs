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
//! use froi::{DiscountSchedule, Timing};
//! let gb = DiscountSchedule::green_book();
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
        f.write_str(&crate::money::percent_text(self.0))
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

/// A function that makes a named schedule.
pub type MakeSchedule = fn() -> DiscountSchedule;

/// One band of the Green Book's published schedules: its years and the rate
/// each schedule gives them (`None`: no published rate).
struct PublishedBand {
    first_year: u32,
    last_year: Option<u32>,
    standard: Decimal,
    reduced: Option<Decimal>,
    health: Decimal,
    health_reduced: Option<Decimal>,
    sensitivity_2026: Decimal,
}

/// A rate given in thousandths or ten-thousandths: `rate(35, 3)` is 0.035.
const fn rate(mantissa: u32, scale: u32) -> Decimal {
    Decimal::from_parts(mantissa, 0, 0, false, scale)
}

/// Where the rates of every schedule come from; each band's own note is in
/// `data/discounting/green_book.csv`, which records them with their sources
/// (`tests/cited.rs` checks this table against it, band by band).
const GREEN_BOOK_SOURCE: &str = "standard: HM Treasury, The Green Book (2003), Annex 6, Table 6.1, and (2018) Annex A6, Table 8; reduced, health, health reduced: The Green Book (2018), Annex A6 paras A6.20-A6.23, Table 8; sensitivity_2026: the Green Book of February 2026 as quoted by DfT TAG 'Forthcoming change: Green Book updates' (16 April 2026)";

/// The Green Book's schedules, band by band. Years 126 on: standard from
/// the Green Book (2003) Table 6.1 and February 2026 (as quoted by TAG);
/// health and the 2026 sensitivity test from February 2026 (TAG), the only
/// source found; reduced and health reduced have no published rate after
/// year 125.
const GREEN_BOOK_BANDS: [PublishedBand; 6] = [
    PublishedBand {
        first_year: 0,
        last_year: Some(30),
        standard: rate(35, 3),
        reduced: Some(rate(30, 3)),
        health: rate(15, 3),
        health_reduced: Some(rate(10, 3)),
        sensitivity_2026: rate(30, 3),
    },
    PublishedBand {
        first_year: 31,
        last_year: Some(75),
        standard: rate(30, 3),
        reduced: Some(rate(257, 4)),
        health: rate(129, 4),
        health_reduced: Some(rate(86, 4)),
        sensitivity_2026: rate(257, 4),
    },
    PublishedBand {
        first_year: 76,
        last_year: Some(125),
        standard: rate(25, 3),
        reduced: Some(rate(214, 4)),
        health: rate(107, 4),
        health_reduced: Some(rate(71, 4)),
        sensitivity_2026: rate(214, 4),
    },
    PublishedBand {
        first_year: 126,
        last_year: Some(200),
        standard: rate(20, 3),
        reduced: None,
        health: rate(86, 4),
        health_reduced: None,
        sensitivity_2026: rate(171, 4),
    },
    PublishedBand {
        first_year: 201,
        last_year: Some(300),
        standard: rate(15, 3),
        reduced: None,
        health: rate(64, 4),
        health_reduced: None,
        sensitivity_2026: rate(129, 4),
    },
    PublishedBand {
        first_year: 301,
        last_year: None,
        standard: rate(10, 3),
        reduced: None,
        health: rate(43, 4),
        health_reduced: None,
        sensitivity_2026: rate(86, 4),
    },
];

impl DiscountSchedule {
    /// One rate for every year.
    ///
    /// ```
    /// use froi::{DiscountRate, DiscountSchedule};
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
    /// 1.0% after (each band cited in `data/discounting/green_book.csv`).
    pub fn green_book() -> DiscountSchedule {
        Self::published("Green Book standard", |b| Some(b.standard))
    }

    /// The Green Book's health schedule: 1.50% for years 0-30, 1.29% to 75,
    /// 1.07% to 125 (Green Book 2018, Table 8), 0.86%, 0.64% and 0.43% after
    /// (the February 2026 rates, as quoted by DfT TAG).
    pub fn green_book_health() -> DiscountSchedule {
        Self::published("Green Book health", |b| Some(b.health))
    }

    /// The reduced schedule (pure time preference 0): 3.00%, 2.57%, 2.14%,
    /// to year 125 (Green Book 2018, Table 8). No rate after year 125 is
    /// published, so a factor past it is an error.
    pub fn green_book_reduced() -> DiscountSchedule {
        Self::published("Green Book reduced", |b| b.reduced)
    }

    /// The reduced health schedule: 1.00%, 0.86%, 0.71%, to year 125 (Green
    /// Book 2018, Table 8); a factor past year 125 is an error.
    pub fn green_book_health_reduced() -> DiscountSchedule {
        Self::published("Green Book health reduced", |b| b.health_reduced)
    }

    /// The additional sensitivity-test schedule of the February 2026 Green
    /// Book (3.00% falling to 0.86%), as quoted by DfT TAG.
    pub fn green_book_sensitivity_2026() -> DiscountSchedule {
        Self::published("Green Book 2026 sensitivity test", |b| {
            Some(b.sensitivity_2026)
        })
    }

    /// The words a programme file may name a schedule by, with the schedule.
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
    pub fn named(word: &str) -> Option<DiscountSchedule> {
        Self::NAMED
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, make)| make())
    }

    /// The schedule `word` names: one of [`DiscountSchedule::NAMED`], or a
    /// constant rate such as `"0.035"`, as a programme file's
    /// `time.discounting` and the `froi schedule` command take it.
    ///
    /// ```
    /// use froi::DiscountSchedule;
    /// assert_eq!(DiscountSchedule::parse("green_book")?, DiscountSchedule::green_book());
    /// assert_eq!(DiscountSchedule::parse("0.035")?.name(), "constant 3.5%");
    /// assert!(DiscountSchedule::parse("gren_book").is_err());
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn parse(word: &str) -> Result<DiscountSchedule> {
        Self::parse_at(word, &Location::field("discounting"))
    }

    /// [`DiscountSchedule::parse`], naming `at` in the error.
    pub(crate) fn parse_at(word: &str, at: &Location) -> Result<DiscountSchedule> {
        if let Some(schedule) = Self::named(word) {
            return Ok(schedule);
        }
        let value = parse_decimal(word, at).map_err(|_| Error::Unknown {
            at: at.clone(),
            what: "discounting".into(),
            value: word.to_string(),
            expected: format!(
                "{}, or a constant rate such as \"0.035\"",
                Self::NAMED.map(|(w, _)| w).join(", ")
            ),
        })?;
        Ok(DiscountSchedule::constant(DiscountRate::new_at(value, at)?))
    }

    /// The last year the schedule's source gives a rate for (`None`: no end).
    pub fn until(&self) -> Option<u32> {
        self.until
    }

    /// One of the Green Book's schedules: the bands `rate_of` gives a rate
    /// for, up to the first it gives none (where the source stops).
    fn published(name: &str, rate_of: fn(&PublishedBand) -> Option<Decimal>) -> DiscountSchedule {
        let mut bands = Vec::new();
        let mut until = None;
        for band in &GREEN_BOOK_BANDS {
            let Some(rate) = rate_of(band) else { break };
            bands.push(RateBand {
                first_year: band.first_year,
                rate: DiscountRate(rate),
            });
            until = band.last_year;
        }
        DiscountSchedule {
            name: name.into(),
            bands,
            source: GREEN_BOOK_SOURCE.into(),
            until,
        }
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

    /// The edition of the Green Book a named schedule is from (`None` for
    /// a constant or custom schedule).
    ///
    /// ```
    /// use froi::DiscountSchedule;
    /// assert_eq!(DiscountSchedule::green_book_sensitivity_2026().vintage(), Some("Green Book, February 2026"));
    /// assert_eq!(DiscountSchedule::parse("0.035")?.vintage(), None);
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn vintage(&self) -> Option<&'static str> {
        let (word, _) = Self::NAMED.iter().find(|(_, make)| *self == make())?;
        Some(if *word == "green_book_sensitivity_2026" {
            "Green Book, February 2026"
        } else {
            "Green Book 2003 (Annex 6) and 2018 (Annex A6)"
        })
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
            growth = self.grow(growth, k)?;
        }
        inverse(growth, year)
    }

    /// `D(0)`, `D(1)`, ..., `D(last)`, in one pass. A `last` past
    /// [`DiscountSchedule::MAX_YEAR`] is an error, not an allocation.
    ///
    /// ```
    /// use froi::DiscountSchedule;
    /// let gb = DiscountSchedule::green_book();
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
            growth = self.grow(growth, k)?;
            out.push(inverse(growth, k)?);
        }
        Ok(out)
    }

    /// `growth` compounded by year `k`'s rate; an overflow names the year,
    /// the rate and the schedule (a high rate over a long horizon compounds
    /// past the exact range before its factor reaches zero).
    fn grow(&self, growth: Decimal, k: u32) -> Result<Decimal> {
        let rate = self.rate_in(k);
        add(Decimal::ONE, rate.value())
            .and_then(|step| mul(growth, step))
            .map_err(|e| {
                e.computing(|| {
                    format!(
                        "the discount factor of year {k} ({} a year, {}): shorten the horizon or \
                         lower the rate",
                        rate,
                        self.name()
                    )
                })
            })
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
