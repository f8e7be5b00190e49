//! Optimism bias: an uplift added to costs and a reduction taken off
//! benefits, chosen per value by its confidence grade from a table the user
//! supplies.
//!
//! The two directions are different types because they have different
//! ranges: HM Treasury's generic upper bound for equipment and development
//! capital costs is 200%, so a cost [`Uplift`] may exceed 100%; a benefit
//! cannot be reduced by more than all of it, so a reduction is a
//! [`Fraction`].
//!
//! froi ships no grade table: the percentages belong to the guidance an
//! appraisal follows (e.g. the GMCA / New Economy model's confidence grades),
//! and must come with their source. Supply a CSV with columns
//! `grade,cost_uplift,benefit_reduction` (fractions: 0.4 for 40%; either may
//! be empty for none) or `grade,optimism_bias` (one figure both ways, at most
//! 1), and optionally `source`.
//!
//! The table is read from a file by `load::optimism_bias_from_csv`, or built
//! in code:
//!
//! ```
//! use froi::{Grade, OptimismBias, Uplift};
//! use froi::{Decimal, Fraction};
//! // An illustrative table, not published values.
//! let grade = |name: &str, up: i64, down: i64| -> froi::Result<Grade> {
//!     Ok(Grade {
//!         name: name.into(),
//!         cost_uplift: Uplift::new(Decimal::new(up, 2))?,
//!         benefit_reduction: Fraction::new(Decimal::new(down, 2))?,
//!     })
//! };
//! let table = OptimismBias::with_grades(vec![grade("A", 10, 5)?, grade("B", 200, 40)?], "illustrative")?;
//! assert_eq!(table.cost_uplift("B")?.to_string(), "200%");
//! assert_eq!(table.benefit_reduction("B")?.to_string(), "40%");
//! assert!(table.cost_uplift("Z").is_err());
//! # Ok::<(), froi::Error>(())
//! ```

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::adjustments::Fraction;
use crate::error::first_repeat;
use crate::error::{Error, Location, Result, find_named};
use crate::money::{mul, sub};

/// An optimism-bias uplift on a cost or a duration: 0 or more, and it may
/// exceed 1 (HM Treasury's generic upper bound for equipment and development
/// capital costs is 200%).
///
/// ```
/// use froi::Uplift;
/// use froi::{Decimal, Fraction};
/// // HM Treasury's worked example: 92% of the contributory factors managed
/// // leaves (100% - 92%) x 51% = 4.08% on a £100m estimate.
/// let bias = Uplift::new(Decimal::new(51, 2))?.mitigated(Fraction::new(Decimal::new(92, 2))?)?;
/// assert_eq!(bias.value().to_string(), "0.0408");
/// assert_eq!(bias.apply(Decimal::from(100))?.round_dp(0).to_string(), "104");
/// assert!(Uplift::new(Decimal::from(-1)).is_err());
/// # Ok::<(), froi::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "Decimal")]
pub struct Uplift(Decimal);

impl Uplift {
    /// No uplift.
    pub const NONE: Uplift = Uplift(Decimal::ZERO);

    /// An uplift; below zero is an error.
    pub fn new(value: Decimal) -> Result<Uplift> {
        Self::new_at(value, &Location::field("cost_uplift"))
    }

    pub(crate) fn new_at(value: Decimal, at: &Location) -> Result<Uplift> {
        if value < Decimal::ZERO {
            return Err(Error::OutOfRange {
                at: at.clone(),
                value: value.to_string(),
                field_rule: "an uplift is 0 or more (it may exceed 1: 2.0 for 200%)".into(),
            });
        }
        Ok(Uplift(value))
    }

    /// The fraction (0.51 for 51%).
    pub const fn value(self) -> Decimal {
        self.0
    }

    /// What is left once a share of the contributory factors is managed:
    /// `(1 - managed) x uplift`.
    pub fn mitigated(self, managed: Fraction) -> Result<Uplift> {
        mul(self.0, managed.complement()).map(Uplift)
    }

    /// The uplift of a project made of parts, each with its share and its
    /// own uplift: `sum of share x uplift`. The shares must sum to 1.
    ///
    /// ```
    /// use froi::Uplift;
    /// use froi::{Decimal, Fraction};
    /// // 30% non-standard buildings (51%) and 70% standard (24%): 32.1%.
    /// let d = |n, s| Decimal::new(n, s);
    /// let parts = [
    ///     (Fraction::new(d(3, 1))?, Uplift::new(d(51, 2))?),
    ///     (Fraction::new(d(7, 1))?, Uplift::new(d(24, 2))?),
    /// ];
    /// assert_eq!(Uplift::blend(&parts)?.value().normalize().to_string(), "0.321");
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn blend(parts: &[(Fraction, Uplift)]) -> Result<Uplift> {
        let mut total = Decimal::ZERO;
        let mut shares = Decimal::ZERO;
        for (share, uplift) in parts {
            total = crate::money::add(total, mul(share.value(), uplift.0)?)?;
            shares = crate::money::add(shares, share.value())?;
        }
        if !sub(shares, Decimal::ONE)?.is_zero() {
            return Err(Error::OutOfRange {
                at: Location::field("shares"),
                value: shares.normalize().to_string(),
                field_rule: "the shares of a project's parts sum to 1".into(),
            });
        }
        Ok(Uplift(total))
    }

    /// `amount x (1 + uplift)`: a cost or a duration with the bias added.
    pub fn apply(self, amount: Decimal) -> Result<Decimal> {
        mul(amount, crate::money::add(Decimal::ONE, self.0)?)
    }
}

impl TryFrom<Decimal> for Uplift {
    type Error = Error;
    fn try_from(v: Decimal) -> Result<Uplift> {
        Uplift::new(v)
    }
}

impl fmt::Display for Uplift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::money::percent_text(self.0))
    }
}

/// One confidence grade: what it adds to costs and takes off benefits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    /// The grade's name, as values name it.
    pub name: String,
    /// Added to a cost: `cost x (1 + uplift)`.
    pub cost_uplift: Uplift,
    /// Taken off a benefit: `benefit x (1 - reduction)`.
    pub benefit_reduction: Fraction,
}

/// A confidence-grade table, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OptimismBiasData")]
pub struct OptimismBias {
    grades: Vec<Grade>,
    source: String,
}

impl OptimismBias {
    /// A table from (grade, fraction) pairs, each fraction both the cost
    /// uplift and the benefit reduction; grades must be unique.
    pub fn new(grades: Vec<(String, Fraction)>, source: impl Into<String>) -> Result<OptimismBias> {
        Self::with_grades(
            grades
                .into_iter()
                .map(|(name, f)| Grade {
                    name,
                    cost_uplift: Uplift(f.value()),
                    benefit_reduction: f,
                })
                .collect(),
            source,
        )
    }

    /// A table of grades, each with its own cost uplift and benefit
    /// reduction; grades must be unique.
    pub fn with_grades(grades: Vec<Grade>, source: impl Into<String>) -> Result<OptimismBias> {
        if let Some(grade) = first_repeat(grades.iter().map(|g| g.name.as_str())) {
            return Err(Error::OutOfRange {
                at: Location::field("grade"),
                value: grade.to_string(),
                field_rule: "each grade appears once".into(),
            });
        }
        Ok(OptimismBias {
            grades,
            source: source.into(),
        })
    }

    /// The grade named `grade`, or an error listing the grades.
    pub fn grade(&self, grade: &str) -> Result<&Grade> {
        let at = ("optimism_grade", "confidence grade");
        find_named(&self.grades, |g| g.name.as_str(), grade, at)
    }

    /// The uplift a grade adds to costs.
    pub fn cost_uplift(&self, grade: &str) -> Result<Uplift> {
        self.grade(grade).map(|g| g.cost_uplift)
    }

    /// The share a grade takes off benefits.
    pub fn benefit_reduction(&self, grade: &str) -> Result<Fraction> {
        self.grade(grade).map(|g| g.benefit_reduction)
    }

    /// The grades, in the order given.
    pub fn grades(&self) -> &[Grade] {
        &self.grades
    }

    /// Where the table comes from.
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// A table as written, read back through [`OptimismBias::with_grades`].
#[derive(Deserialize)]
struct OptimismBiasData {
    grades: Vec<Grade>,
    source: String,
}

impl TryFrom<OptimismBiasData> for OptimismBias {
    type Error = Error;
    fn try_from(d: OptimismBiasData) -> Result<OptimismBias> {
        OptimismBias::with_grades(d.grades, d.source)
    }
}
