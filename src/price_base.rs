//! Price base: every value keeps its own price year, and a deflator index
//! (data the user supplies, with its source) restates it in the appraisal's
//! base year, once.
//!
//! froi ships no deflator series: a GDP deflator is revised every quarter, and
//! an appraisal must name the release it used. Supply one as a CSV with
//! columns `price_year,index` (and optionally `source`); see `docs/scenario-format.md`.
//!
//! The index is read from a file by `load::deflators_from_csv`, or built in
//! code:
//!
//! ```
//! use froi::Deflators;
//! use froi::{Decimal, Money};
//! // An illustrative index, not official data.
//! let deflators = Deflators::new(
//!     vec![("2013/14".into(), Decimal::from(90)), ("2019/20".into(), Decimal::from(100))],
//!     "illustrative",
//! )?;
//! let uplifted = deflators.restate(Money::from_pounds(700), "2013/14", "2019/20")?;
//! assert_eq!(uplifted.value().round_dp(2).to_string(), "777.78");
//! # Ok::<(), froi::Error>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::first_repeat;
use crate::error::{Error, Location, Result};
use crate::money::{Money, div, mul};

/// A price index by price year (a GDP deflator, for instance).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DeflatorsData")]
pub struct Deflators {
    entries: Vec<(String, Decimal)>,
    source: String,
}

impl Deflators {
    /// An index from (price year, value) pairs; values must be positive and
    /// years unique.
    pub fn new(entries: Vec<(String, Decimal)>, source: impl Into<String>) -> Result<Deflators> {
        for (year, value) in &entries {
            if *value <= Decimal::ZERO {
                return Err(Error::OutOfRange {
                    at: Location::field(format!("deflator {year}")),
                    value: value.to_string(),
                    field_rule: "a price index must be positive".into(),
                });
            }
        }
        if let Some(year) = first_repeat(entries.iter().map(|(y, _)| y.as_str())) {
            return Err(Error::OutOfRange {
                at: Location::field(format!("deflator {year}")),
                value: year.to_string(),
                field_rule: "each price year appears once".into(),
            });
        }
        Ok(Deflators {
            entries,
            source: source.into(),
        })
    }

    /// Where the index comes from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The (price year, index) pairs, in the order given.
    pub fn entries(&self) -> &[(String, Decimal)] {
        &self.entries
    }

    /// The price years the index covers.
    pub fn years(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(y, _)| y.as_str())
    }

    fn index(&self, year: &str) -> Result<Decimal> {
        self.entries
            .iter()
            .find(|(y, _)| y == year)
            .map(|(_, v)| *v)
            .ok_or_else(|| Error::Unknown {
                at: Location::field("price_year"),
                what: "price year".into(),
                value: year.to_string(),
                expected: format!(
                    "a year of the deflator index ({})",
                    self.years().collect::<Vec<_>>().join(", ")
                ),
            })
    }

    /// The factor that restates `from` prices in `to` prices: index(to) / index(from).
    pub fn factor(&self, from: &str, to: &str) -> Result<Decimal> {
        div(self.index(to)?, self.index(from)?, || {
            "a price index".into()
        })
    }

    /// `amount` in `from` prices, restated in `to` prices.
    pub fn restate(&self, amount: Money, from: &str, to: &str) -> Result<Money> {
        Ok(Money::new(mul(amount.value(), self.factor(from, to)?)?))
    }
}

/// An index as written, read back through [`Deflators::new`].
#[derive(Deserialize)]
struct DeflatorsData {
    entries: Vec<(String, Decimal)>,
    source: String,
}

impl TryFrom<DeflatorsData> for Deflators {
    type Error = Error;
    fn try_from(d: DeflatorsData) -> Result<Deflators> {
        Deflators::new(d.entries, d.source)
    }
}
