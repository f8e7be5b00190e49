//! Adjustments from gross to net benefits: deadweight, displacement,
//! attribution and drop-off, and the gross-to-net waterfall.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "Decimal")]
pub struct Deadweight(Decimal);

impl Deadweight {
    /// No deadweight.
    pub const NONE: Deadweight = Deadweight(Decimal::ZERO);

    /// A deadweight fraction; outside `[0, 1)` is an error.
    pub fn new(fraction: Decimal) -> Result<Deadweight> {
        Self::new_at(fraction, &Location::field("deadweight"))
    }

    /// [`Deadweight::new`], naming `at` in the error.
    pub(crate) fn new_at(fraction: Decimal, at: &Location) -> Result<Deadweight> {
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

    /// A gross ratio netted for this deadweight. (A published ratio is
    /// netted so; froi's own net ratios are made exactly by
    /// [`Deadweight::net_ratio_of`].)
    pub fn net_ratio(self, gross: Ratio) -> Result<Ratio> {
        gross.checked_scale(self.retained())
    }

    /// The net ratio from the exact totals: `benefit x (1 - deadweight) /
    /// cost`, so no quotient is rounded before it is scaled.
    ///
    /// ```
    /// use froi::{Deadweight, Money};
    /// // NELC cohort one with family 15 valued by the rule: £286,697 of
    /// // benefit for £25,900, high deadweight.
    /// let (benefit, cost) = (Money::from_pounds(286_697), Money::from_pounds(25_900));
    /// let d = Deadweight::parse("0.30")?;
    /// let exact = d.net_ratio_of(benefit, cost, || "cohort one".into())?;
    /// assert_eq!(exact.value().to_string(), "7.7485675675675675675675675676");
    /// // Scaling the gross quotient, already cut to 28 digits, is off in the last.
    /// let gross = benefit.ratio_to(cost, || "cohort one".into())?;
    /// assert_ne!(d.net_ratio(gross)?, exact);
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn net_ratio_of(
        self,
        benefit: Money,
        cost: Money,
        what: impl FnOnce() -> String,
    ) -> Result<Ratio> {
        self.net(benefit)?.ratio_to(cost, what)
    }
}

crate::money::from_str_by_parse!(Deadweight);

crate::money::try_from_by_new!(Deadweight: Decimal);

impl TryFrom<Decimal> for Fraction {
    type Error = Error;
    fn try_from(v: Decimal) -> Result<Fraction> {
        Fraction::new_at(v, &Location::field("fraction"))
    }
}

impl fmt::Display for Deadweight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = self.0 * Decimal::ONE_HUNDRED;
        write!(f, "{}%", percent.normalize())
    }
}

/// A named deadweight assumption, e.g. the appendix's "high" = 30%.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// A share in `[0, 1]`: displacement, attribution, drop-off, an optimism-bias
/// percentage.
///
/// ```
/// use froi::Fraction;
/// assert_eq!(Fraction::parse("0.25", "attribution").unwrap().complement().to_string(), "0.75");
/// assert!(Fraction::parse("1.2", "attribution").is_err());
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "Decimal")]
pub struct Fraction(Decimal);

impl Fraction {
    /// Zero.
    pub const ZERO: Fraction = Fraction(Decimal::ZERO);

    /// One (all of it).
    pub const ONE: Fraction = Fraction(Decimal::ONE);

    /// A fraction in `[0, 1]`; outside it is an error.
    ///
    /// ```
    /// use froi::{Decimal, Fraction};
    /// assert!(Fraction::new(Decimal::new(25, 2)).is_ok());
    /// assert!(Fraction::new(Decimal::new(12, 1)).is_err());
    /// ```
    pub fn new(value: Decimal) -> Result<Fraction> {
        Self::new_at(value, &Location::field("fraction"))
    }

    pub(crate) fn new_at(value: Decimal, at: &Location) -> Result<Fraction> {
        if value < Decimal::ZERO || value > Decimal::ONE {
            return Err(Error::OutOfRange {
                at: at.clone(),
                value: value.to_string(),
                field_rule: "a fraction in [0, 1], e.g. 0.2 for 20%".into(),
            });
        }
        Ok(Fraction(value))
    }

    /// `percent` per cent: `Fraction::percent(30)` is 0.3; over 100 is an
    /// error.
    ///
    /// ```
    /// use froi::Fraction;
    /// assert_eq!(Fraction::percent(30)?.value().to_string(), "0.30");
    /// assert!(Fraction::percent(101).is_err());
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn percent(percent: u32) -> Result<Fraction> {
        Self::new_at(
            Decimal::new(i64::from(percent), 2),
            &Location::field("percent"),
        )
    }

    /// From decimal text, naming `field` in the error.
    pub fn parse(text: &str, field: &str) -> Result<Fraction> {
        let at = Location::field(field);
        Self::new_at(parse_decimal(text, &at)?, &at)
    }

    /// The value.
    pub const fn value(self) -> Decimal {
        self.0
    }

    /// `1 - self`.
    pub fn complement(self) -> Decimal {
        Decimal::ONE - self.0
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::money::percent_text(self.0))
    }
}

/// The adjustments from a gross benefit to the net benefit of the
/// intervention, applied in the SROI guide's order: deadweight and
/// displacement, then attribution; drop-off then reduces each year after the
/// first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Adjustments {
    /// What would have happened anyway.
    pub deadweight: Deadweight,
    /// How much of the benefit displaces benefits elsewhere.
    pub displacement: Fraction,
    /// How much of what remains is due to others.
    pub attribution: Fraction,
    /// How much of the benefit is lost each year after the first.
    pub drop_off: Fraction,
}

/// One step of the way from gross to net: what it takes off and what is left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdjustmentStep {
    /// The adjustment, e.g. "deadweight 30%".
    pub step: String,
    /// The amount it takes off.
    pub removed: Money,
    /// What is left after it.
    pub remaining: Money,
}

impl Adjustments {
    /// No adjustment.
    pub const NONE: Adjustments = Adjustments {
        deadweight: Deadweight::NONE,
        displacement: Fraction::ZERO,
        attribution: Fraction::ZERO,
        drop_off: Fraction::ZERO,
    };

    /// The first-year net benefit, step by step: gross, then deadweight,
    /// displacement and attribution.
    ///
    /// ```
    /// use froi::{Adjustments, Fraction};
    /// use froi::{Deadweight, Money};
    /// let adj = Adjustments {
    ///     deadweight: Deadweight::parse("0.30").unwrap(),
    ///     attribution: Fraction::parse("0.5", "attribution").unwrap(),
    ///     ..Adjustments::NONE
    /// };
    /// let steps = adj.waterfall(Money::from_pounds(1000)).unwrap();
    /// let last = steps.last().unwrap();
    /// assert_eq!(last.remaining.to_string(), "350"); // 1000 x 0.7 x 1 x 0.5
    /// ```
    pub fn waterfall(&self, gross: Money) -> Result<Vec<AdjustmentStep>> {
        let mut remaining = gross;
        let mut steps = Vec::with_capacity(3);
        for (name, share) in [
            (
                format!("deadweight {}", self.deadweight),
                self.deadweight.value(),
            ),
            (
                format!("displacement {}", self.displacement),
                self.displacement.value(),
            ),
            (
                format!("attribution {}", self.attribution),
                self.attribution.value(),
            ),
        ] {
            let removed = remaining.checked_scale(share)?;
            remaining = remaining.checked_sub(removed)?;
            steps.push(AdjustmentStep {
                step: name,
                removed,
                remaining,
            });
        }
        Ok(steps)
    }

    /// The net benefit in year `year` of the benefit (0 for its first year):
    /// first-year net x (1 - drop-off)^year.
    pub fn net_in_year(&self, gross: Money, year: u32) -> Result<Money> {
        // Years past the longest horizon mean nothing to an appraisal, and
        // compounding drop-off year by year that far is work without end.
        if year > crate::discounting::DiscountSchedule::MAX_YEAR {
            return Err(Error::OutOfRange {
                at: Location::field("year"),
                value: year.to_string(),
                field_rule: format!(
                    "a year of an appraisal is 0 to {}",
                    crate::discounting::DiscountSchedule::MAX_YEAR
                ),
            });
        }
        let mut kept = Decimal::ONE;
        for _ in 0..year {
            kept = crate::money::mul(kept, self.drop_off.complement())?;
        }
        self.net_kept(gross, kept)
    }

    /// The net of `gross` with `kept` of it left after drop-off: an appraisal
    /// over years carries `kept` from one year to the next (times
    /// [`Adjustments::kept_a_year`]) rather than compounding it again from
    /// year 0 each year, which made a long horizon quadratic.
    pub(crate) fn net_kept(&self, gross: Money, kept: Decimal) -> Result<Money> {
        let first = self.waterfall(gross)?.last().map_or(gross, |s| s.remaining);
        first.checked_scale(kept)
    }

    /// The share of an outcome drop-off leaves from one year to the next.
    pub(crate) fn kept_a_year(&self) -> Decimal {
        self.drop_off.complement()
    }
}
