//! Valuation rules beside prices: a value's real growth over an appraisal
//! (the VPF grows with real GDP per head, DfT TAG's method), and the Green
//! Book's distributional weights. Each is one call, exact where exactness
//! is possible, and says where it is not.

use rust_decimal::{Decimal, MathematicalOps};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result, find_named};
use crate::money::{mul, overflow};

/// A value's real growth a year, distinct from restating prices to one base
/// year: a value of 2023 grows by it into 2024 in the same prices.
///
/// ```
/// use froi::{Decimal, RealGrowth};
/// // DfT TAG's VPF: 2% a year real GDP per head growth (TAG data book
/// // v2.03, Table A4.1.1): £2,474,341 in 2023 grows to £2,523,827.82 in 2024.
/// let g = RealGrowth::new(Decimal::new(2, 2))?;
/// let vpf_2024 = Decimal::from(2_474_341) * g.factor(1)?;
/// assert_eq!(vpf_2024, Decimal::new(252_382_782, 2));
/// assert_eq!(g.factor(0)?, Decimal::ONE);
/// # Ok::<(), froi::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "Decimal", into = "Decimal")]
pub struct RealGrowth(Decimal);

impl TryFrom<Decimal> for RealGrowth {
    type Error = Error;
    fn try_from(rate: Decimal) -> Result<RealGrowth> {
        RealGrowth::new(rate)
    }
}

impl From<RealGrowth> for Decimal {
    fn from(g: RealGrowth) -> Decimal {
        g.0
    }
}

impl RealGrowth {
    /// The longest span a factor is taken over: an appraisal's horizon.
    pub const MAX_YEARS: u32 = crate::discounting::DiscountSchedule::MAX_YEAR;

    /// Growth of `rate` a year (0.02 for 2%), above -100%.
    pub fn new(rate: Decimal) -> Result<RealGrowth> {
        if rate <= Decimal::NEGATIVE_ONE {
            return Err(Error::OutOfRange {
                at: Location::field("real_growth"),
                value: rate.to_string(),
                field_rule: "real growth is above -100% a year (-1)".into(),
            });
        }
        Ok(RealGrowth(rate))
    }

    /// The rate a year.
    pub const fn rate(self) -> Decimal {
        self.0
    }

    /// One year's factor, 1 + rate.
    pub fn step(self) -> Result<Decimal> {
        self.0
            .checked_add(Decimal::ONE)
            .ok_or_else(|| overflow("addition", self.0, 1))
    }

    /// The factor over `years`: (1 + rate)^years, multiplied out exactly
    /// year by year (each product kept to the 28 digits a decimal holds).
    pub fn factor(self, years: u32) -> Result<Decimal> {
        if years > Self::MAX_YEARS {
            return Err(Error::OutOfRange {
                at: Location::field("years"),
                value: years.to_string(),
                field_rule: format!("real growth is taken over 0 to {} years", Self::MAX_YEARS),
            });
        }
        let step = self
            .0
            .checked_add(Decimal::ONE)
            .ok_or_else(|| overflow("addition", self.0, 1))?;
        (0..years).try_fold(Decimal::ONE, |f, _| {
            mul(f, step).map_err(|e| e.computing(|| format!("real growth over {years} years")))
        })
    }
}

/// The Green Book's elasticity of the marginal utility of income, η = 1.3
/// (Green Book 2018/2020, Annex A3, A3.12-A3.14).
pub const GREEN_BOOK_ETA: Decimal = Decimal::from_parts(13, 0, 0, false, 1);

/// The distributional weight of a group: (reference income / the group's
/// income)^η. It is 1 at the reference income and, for η > 0, falls as the
/// group's income rises. Weighted results are shown beside unweighted ones,
/// never instead (Green Book A3.14).
///
/// A power with a fractional η has no exact decimal; the weight is
/// `rust_decimal`'s power (28 significant digits, not all of them right:
/// compare weights to 12 places). An income of zero or less is refused.
///
/// ```
/// use froi::{Decimal, distributional_weight, GREEN_BOOK_ETA};
/// let median = Decimal::from(30_000);
/// assert_eq!(distributional_weight(median, median, GREEN_BOOK_ETA)?, Decimal::ONE);
/// let poorer = distributional_weight(median, Decimal::from(15_000), GREEN_BOOK_ETA)?;
/// assert_eq!(poorer.round_dp(4), Decimal::new(24623, 4)); // 2^1.3
/// # Ok::<(), froi::Error>(())
/// ```
pub fn distributional_weight(reference: Decimal, income: Decimal, eta: Decimal) -> Result<Decimal> {
    for (name, value) in [("reference income", reference), ("group income", income)] {
        if value <= Decimal::ZERO {
            return Err(Error::OutOfRange {
                at: Location::field(name),
                value: value.to_string(),
                field_rule: "an income is above zero".into(),
            });
        }
    }
    let ratio = reference
        .checked_div(income)
        .ok_or_else(|| overflow("division", reference, income))?;
    if ratio == Decimal::ONE || eta.is_zero() {
        return Ok(Decimal::ONE);
    }
    ratio.checked_powd(eta).ok_or_else(|| {
        overflow("power", ratio, eta).computing(|| "the distributional weight".into())
    })
}

/// Income groups for distributional weights: the reference income (the
/// median household's, as a rule), η, and each group's income. A benefit
/// stream or outcome line names the group that gains
/// (`BenefitStream::group`); the weighted figures are shown beside the
/// unweighted ones, never instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeGroups {
    /// The elasticity of the marginal utility of income.
    pub eta: Decimal,
    /// The income a weight of 1 belongs to.
    pub reference_income: Decimal,
    /// The groups, each named once.
    pub groups: Vec<IncomeGroup>,
}

/// One income group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeGroup {
    /// Its name, as streams name it ("lowest quintile").
    pub name: String,
    /// Its income (the same measure and period as the reference income).
    pub income: Decimal,
}

impl IncomeGroups {
    /// Groups weighed against `reference_income` at the Green Book's η, 1.3.
    pub fn new(reference_income: Decimal) -> IncomeGroups {
        IncomeGroups {
            eta: GREEN_BOOK_ETA,
            reference_income,
            groups: Vec::new(),
        }
    }

    /// The same, at another η.
    pub fn eta(mut self, eta: Decimal) -> IncomeGroups {
        self.eta = eta;
        self
    }

    /// The same, with one more group.
    pub fn group(mut self, name: impl Into<String>, income: Decimal) -> IncomeGroups {
        self.groups.push(IncomeGroup {
            name: name.into(),
            income,
        });
        self
    }

    /// The weight of the group named `name`.
    pub fn weight_of(&self, name: &str) -> Result<Decimal> {
        let at = ("group", "income group");
        let g = find_named(&self.groups, |g| g.name.as_str(), name, at)?;
        distributional_weight(self.reference_income, g.income, self.eta)
    }

    /// Check: η not negative, incomes above zero, each group named once.
    pub fn validate(&self) -> Result<()> {
        if self.eta < Decimal::ZERO {
            return Err(Error::OutOfRange {
                at: Location::field("distribution.eta"),
                value: self.eta.to_string(),
                field_rule: "η is not negative (the Green Book's is 1.3)".into(),
            });
        }
        for (i, g) in self.groups.iter().enumerate() {
            if self.groups.iter().take(i).any(|e| e.name == g.name) {
                return Err(Error::OutOfRange {
                    at: Location::field("distribution.group.name"),
                    value: format!("{:?}", g.name),
                    field_rule: "an income group is named once".into(),
                });
            }
            distributional_weight(self.reference_income, g.income, self.eta).map_err(|e| {
                e.map_location(|at| {
                    let income = at.field.as_deref() == Some("group income");
                    Location::field(if income {
                        format!("distribution.group[{i}].income")
                    } else {
                        "distribution.reference_income".into()
                    })
                })
            })?;
        }
        Ok(())
    }
}

/// The equivalent annual amount of a present value: the level amount a year
/// over `years` with the same present value at `schedule` and `timing`
/// (`pv` / the sum of the years' discount factors). An equivalent annual
/// cost compares options of different lives; an equivalent annual net
/// benefit, options of one budget a year.
///
/// ```
/// use froi::{DiscountSchedule, Money, Timing, equivalent_annual};
/// // £100,000 a year for 5 years, year 0 undiscounted, at 3.5%: its present
/// // value is £467,307.92 (the factors sum to 4.67307921); its equivalent
/// // annual amount is £100,000 again.
/// let schedule = DiscountSchedule::green_book();
/// let timing = Timing::YearZeroUndiscounted;
/// let factors = timing.factors(&schedule, 4)?;
/// let pv: froi::Decimal = factors.iter().map(|d| d * froi::Decimal::from(100_000)).sum();
/// assert_eq!(pv.round_dp(2).to_string(), "467307.92");
/// let annual = equivalent_annual(Money::new(pv), &schedule, timing, 5)?;
/// assert_eq!(annual.value().round_dp(8), froi::Decimal::from(100_000));
/// # Ok::<(), froi::Error>(())
/// ```
pub fn equivalent_annual(
    pv: crate::money::Money,
    schedule: &crate::discounting::DiscountSchedule,
    timing: crate::discounting::Timing,
    years: u32,
) -> Result<crate::money::Money> {
    if years == 0 {
        return Err(Error::OutOfRange {
            at: Location::field("years"),
            value: "0".into(),
            field_rule: "an equivalent annual amount is taken over at least one year".into(),
        });
    }
    let factors = timing.factors(schedule, years - 1)?;
    let annuity = factors
        .iter()
        .try_fold(Decimal::ZERO, |sum, d| crate::money::add(sum, *d))?;
    crate::money::div(pv.value(), annuity, || {
        "the equivalent annual amount".into()
    })
    .map(crate::money::Money::new)
}
