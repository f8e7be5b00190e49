//! Adjustments from gross to net benefits. Today: deadweight.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Location, Result};
use crate::money::{Money, Ratio, parse_decimal};

/// The share of a benefit that would have happened anyway, in `[0, 1)`.
///
/// ```
/// use froi::Deadweight;
/// let d = Deadweight::parse("0.30").unwrap();
/// assert_eq!(d.retained().to_string(), "0.70");
/// assert!(Deadweight::parse("1").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(transparent)]
pub struct Deadweight(Decimal);

impl Deadweight {
    /// No deadweight.
    pub const NONE: Deadweight = Deadweight(Decimal::ZERO);

    /// A deadweight fraction; outside `[0, 1)` is an error.
    pub fn new(fraction: Decimal) -> Result<Deadweight> {
        Self::new_at(fraction, &Location::field("deadweight"))
    }

    /// [`Deadweight::new`], naming `at` in the error.
    pub fn new_at(fraction: Decimal, at: &Location) -> Result<Deadweight> {
        if fraction < Decimal::ZERO || fraction >= Decimal::ONE {
            return Err(Error::OutOfRange {
                at: at.clone(),
                value: fraction.to_string(),
                field_rule: "deadweight is a fraction in [0, 1), e.g. 0.15 for 15%".into(),
            });
        }
        Ok(Deadweight(fraction))
    }

    /// From decimal text such as `"0.15"`.
    pub fn parse(text: &str) -> Result<Deadweight> {
        let at = Location::field("deadweight");
        Self::new_at(parse_decimal(text, &at)?, &at)
    }

    /// The fraction.
    pub const fn value(self) -> Decimal {
        self.0
    }

    /// `1 - deadweight`: the share of the gross benefit kept.
    pub fn retained(self) -> Decimal {
        Decimal::ONE - self.0
    }

    /// A gross benefit netted for this deadweight.
    pub fn net(self, gross: Money) -> Result<Money> {
        gross.checked_scale(self.retained())
    }

    /// A gross ratio netted for this deadweight.
    pub fn net_ratio(self, gross: Ratio) -> Result<Ratio> {
        gross.checked_scale(self.retained())
    }
}

impl fmt::Display for Deadweight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = self.0 * Decimal::ONE_HUNDRED;
        write!(f, "{}%", percent.normalize())
    }
}

/// A named deadweight assumption, e.g. the appendix's "high" = 30%.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DeadweightScenario {
    /// The name, e.g. "high".
    pub name: String,
    /// The fraction.
    pub deadweight: Deadweight,
}

impl DeadweightScenario {
    /// A named scenario.
    pub fn new(name: impl Into<String>, deadweight: Deadweight) -> DeadweightScenario {
        DeadweightScenario {
            name: name.into(),
            deadweight,
        }
    }
}
