//! Exact amounts in distinct types, checked arithmetic, and presentation rounding.
//!
//! Money, hourly rates, hours, weekly values and ratios are different types so
//! that a weekly value cannot be added to a total by mistake. Every operation
//! that can leave the decimal range returns [`Error::Overflow`] instead of
//! panicking. Nothing is rounded here except by an explicit [`Rounding`].

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

/// Parse decimal text exactly (never through `f64`), naming `at` on failure.
///
/// Accepts an optional sign, digits, one decimal point and surrounding spaces.
/// Thousands separators and currency signs are refused: a data file holds
/// numbers, not presentation.
///
/// (The public form is [`decimal`].)
pub(crate) fn parse_decimal(text: &str, at: &Location) -> Result<Decimal> {
    let trimmed = text.trim();
    let hint = if trimmed.contains(',') {
        "; write it without thousands separators"
    } else if trimmed.starts_with('£') {
        "; write it without a currency sign"
    } else if trimmed.contains(['e', 'E'])
        && trimmed
            .trim_start_matches(['-', '+'])
            .starts_with(|c: char| c.is_ascii_digit())
    {
        "; write it in plain decimal notation"
    } else {
        ""
    };
    let plain = !trimmed.is_empty()
        && trimmed
            .trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
    if !plain {
        return Err(malformed(text, at, hint));
    }
    let value = Decimal::from_str_exact(trimmed).map_err(|_| {
        // Plain decimal text that does not fit: say why.
        let places = trimmed.split_once('.').map_or(0, |(_, f)| f.len());
        let why = if trimmed.matches('.').count() > 1 {
            "; it has more than one decimal point"
        } else if places > 28 {
            "; it has more than 28 digits after the decimal point, the most an exact decimal holds"
        } else {
            "; it has too many significant digits or is beyond the decimal range (about 7.9 x 10^28)"
        };
        malformed(text, at, why)
    })?;
    if value.abs() > INPUT_CEILING {
        return Err(Error::OutOfRange {
            at: at.clone(),
            value: trimmed.to_string(),
            field_rule: "froi reads numbers no larger than 10^15 (a thousand trillion pounds)"
                .into(),
        });
    }
    Ok(value)
}

/// The largest number, in size, that froi reads from text: 10^15 (a thousand
/// trillion pounds). Below it every sum and product of an appraisal is exact
/// (`tests/precision.rs`); the decimal range itself ends near 7.9 x 10^28.
pub const INPUT_CEILING: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// Decimal text as a `Decimal`, without macros (for notebooks and scripts):
/// `froi::decimal("0.15")`.
///
/// ```
/// assert_eq!(froi::decimal("113.9").unwrap().to_string(), "113.9");
/// assert!(froi::decimal("1e3").is_err());
/// ```
pub fn decimal(text: &str) -> Result<Decimal> {
    parse_decimal(text, &Location::default())
}

fn malformed(text: &str, at: &Location, hint: &str) -> Error {
    Error::MalformedDecimal {
        at: at.clone(),
        value: text.to_string(),
        hint: hint.to_string(),
    }
}

pub(crate) fn overflow(
    operation: &'static str,
    lhs: impl fmt::Display,
    rhs: impl fmt::Display,
) -> Error {
    Error::Overflow {
        figure: String::new(),
        operation,
        lhs: lhs.to_string(),
        rhs: rhs.to_string(),
    }
}

pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(|| overflow("addition", a, b))
}

pub(crate) fn sub(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_sub(b)
        .ok_or_else(|| overflow("subtraction", a, b))
}

/// A fraction as percentage text, exactly: `0.4` is `40%`. A fraction too
/// large to multiply by 100 is shown as it is, with the factor (`8E+27 x
/// 100%`), never a panic.
pub(crate) fn percent_text(fraction: Decimal) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", p.normalize()),
        None => format!("{} x 100%", fraction.normalize()),
    }
}

/// A fraction as a percentage to at most `places` places, half-up, without
/// trailing zeros: `0.035` is `3.5%`, `0.10269832` is `10.27%`.
// The HTML tables' (feature `reports`).
#[cfg_attr(not(feature = "reports"), allow(dead_code))]
pub(crate) fn percent_rounded(fraction: Decimal, places: u32) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", Rounding::half_up(places).apply(p).normalize()),
        None => format!("{} x 100%", fraction.normalize()),
    }
}

pub(crate) fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b)
        .ok_or_else(|| overflow("multiplication", a, b))
}

/// Division with a non-zero divisor; `what` names the quotient for the zero case.
pub(crate) fn div(a: Decimal, b: Decimal, what: impl FnOnce() -> String) -> Result<Decimal> {
    match a.checked_div(b) {
        _ if b.is_zero() => Err(Error::ZeroCost { what: what() }),
        Some(q) => Ok(q),
        None => Err(overflow("division", a, b).computing(what)),
    }
}

/// How a figure is rounded for presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Halves away from zero: 2.45 -> 2.5 (the rule of most published tables).
    HalfUp,
    /// Towards zero: 2.49 -> 2.4.
    Truncate,
    /// Away from zero whenever anything is dropped: 2.41 -> 2.5.
    Up,
}

/// An explicit presentation rule: a mode and a number of decimal places.
///
/// ```
/// use froi::Rounding;
/// use rust_decimal::Decimal;
/// let x = Decimal::new(53945, 1); // 5394.5
/// assert_eq!(Rounding::half_up(0).apply(x), Decimal::new(5395, 0));
/// assert_eq!(Rounding::truncate(0).apply(x), Decimal::new(5394, 0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rounding {
    /// The mode.
    pub mode: RoundingMode,
    /// Decimal places kept.
    pub places: u32,
}

impl Rounding {
    /// Half-up to `places` decimal places.
    pub const fn half_up(places: u32) -> Rounding {
        Rounding {
            mode: RoundingMode::HalfUp,
            places,
        }
    }

    /// Truncation to `places` decimal places.
    pub const fn truncate(places: u32) -> Rounding {
        Rounding {
            mode: RoundingMode::Truncate,
            places,
        }
    }

    /// Round `value` by this rule. The result has exactly `places` decimal places.
    pub fn apply(self, value: Decimal) -> Decimal {
        let strategy = match self.mode {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::Truncate => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
        };
        let mut rounded = value.round_dp_with_strategy(self.places, strategy);
        rounded.rescale(self.places);
        rounded
    }
}

/// An amount of money in pounds. May be negative (a deterioration valued as a loss).
///
/// ```
/// use froi::Money;
/// let a = Money::parse("1295").unwrap();
/// let b = a.checked_times(2).unwrap();
/// assert_eq!(b.to_string(), "2590");
/// assert_eq!(b.ratio_to(a, || "example".into()).unwrap().to_string(), "2");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(Decimal);

impl Money {
    /// Zero pounds.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Pounds from an exact decimal.
    pub const fn new(pounds: Decimal) -> Money {
        Money(pounds)
    }

    /// Whole pounds.
    pub fn from_pounds(pounds: i64) -> Money {
        Money(Decimal::from(pounds))
    }

    /// Pounds from decimal text such as `"1295"` or `"113.90"`.
    pub fn parse(text: &str) -> Result<Money> {
        parse_decimal(text, &Location::default()).map(Money)
    }

    /// The exact value.
    pub const fn value(self) -> Decimal {
        self.0
    }

    /// Whether the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// `self + other`, or an overflow error.
    pub fn checked_add(self, other: Money) -> Result<Money> {
        add(self.0, other.0).map(Money)
    }

    /// `self - other`, or an overflow error.
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        sub(self.0, other.0).map(Money)
    }

    /// `self x count` (sessions, children, cases).
    pub fn checked_times(self, count: u64) -> Result<Money> {
        mul(self.0, Decimal::from(count)).map(Money)
    }

    /// `self x factor` for a dimensionless factor such as `1 - deadweight`.
    pub fn checked_scale(self, factor: Decimal) -> Result<Money> {
        mul(self.0, factor).map(Money)
    }

    /// The mean over `count` items; a zero count is an error naming `what`.
    pub fn checked_average(self, count: u64, what: impl FnOnce() -> String) -> Result<Money> {
        div(self.0, Decimal::from(count), what).map(Money)
    }

    /// `self / cost` as a ratio; a zero cost is [`Error::ZeroCost`] naming `what`.
    pub fn ratio_to(self, cost: Money, what: impl FnOnce() -> String) -> Result<Ratio> {
        div(self.0, cost.0, what).map(Ratio)
    }

    /// The exact sum of an iterator of amounts.
    pub fn checked_sum<I: IntoIterator<Item = Money>>(items: I) -> Result<Money> {
        items
            .into_iter()
            .try_fold(Money::ZERO, |acc, m| acc.checked_add(m))
    }

    /// Round for presentation.
    pub fn rounded(self, rule: Rounding) -> Decimal {
        rule.apply(self.0)
    }

    /// The amount carried to 10 decimal places of a pound (half-up), the
    /// precision at which discounted and price-restated amounts are kept so
    /// that every total is the exact sum of its parts.
    pub fn carried(self) -> Money {
        Money(
            self.0
                .round_dp_with_strategy(CARRIED_PLACES, RoundingStrategy::MidpointAwayFromZero),
        )
    }
}

/// Decimal places (of a pound) at which discounted and price-restated amounts
/// are carried: a discount factor such as 1/1.035^7 has no finite decimal
/// form, so its products are cut at 10^-10 of a pound, and every total after
/// that is exact.
pub(crate) const CARRIED_PLACES: u32 = 10;

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

/// A number of hours of staff time; never negative.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "Decimal")]
pub struct Hours(Decimal);

impl Hours {
    /// Hours, refusing a negative number.
    pub fn new(hours: Decimal) -> Result<Hours> {
        non_negative(hours, "hours", "hours must not be negative").map(Hours)
    }

    /// Hours from decimal text such as `"48"`.
    pub fn parse(text: &str) -> Result<Hours> {
        Hours::new(decimal(text)?)
    }

    /// The exact value.
    pub const fn value(self) -> Decimal {
        self.0
    }

    /// `self + other`.
    pub fn checked_add(self, other: Hours) -> Result<Hours> {
        add(self.0, other.0).map(Hours)
    }

    /// The cost of these hours at `rate`.
    pub fn checked_cost(self, rate: HourlyRate) -> Result<Money> {
        mul(self.0, rate.0).map(Money)
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

/// Pounds per hour of staff time; never negative.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "Decimal")]
pub struct HourlyRate(Decimal);

impl HourlyRate {
    /// A rate, refusing a negative one.
    pub fn new(pounds_per_hour: Decimal) -> Result<HourlyRate> {
        non_negative(
            pounds_per_hour,
            "hourly_rate",
            "an hourly rate must not be negative",
        )
        .map(HourlyRate)
    }

    /// A rate from decimal text such as `"18.51"`.
    pub fn parse(text: &str) -> Result<HourlyRate> {
        HourlyRate::new(decimal(text)?)
    }

    /// The exact value.
    pub const fn value(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for HourlyRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

/// Pounds per week (per child, for a care status). May be negative when it is a
/// change between two statuses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct WeeklyValue(Decimal);

impl WeeklyValue {
    /// Zero pounds a week.
    pub const ZERO: WeeklyValue = WeeklyValue(Decimal::ZERO);

    /// Pounds per week.
    pub const fn new(pounds_per_week: Decimal) -> WeeklyValue {
        WeeklyValue(pounds_per_week)
    }

    /// Pounds per week from decimal text such as `"113.9"`.
    pub fn parse(text: &str) -> Result<WeeklyValue> {
        parse_decimal(text, &Location::default()).map(WeeklyValue)
    }

    /// The exact value.
    pub const fn value(self) -> Decimal {
        self.0
    }

    /// The weekly change from `self` to `after` (`self - after`): what moving saves.
    pub fn checked_saving_to(self, after: WeeklyValue) -> Result<WeeklyValue> {
        sub(self.0, after.0).map(WeeklyValue)
    }

    /// This weekly value held for `weeks`.
    pub fn checked_over(self, weeks: Weeks) -> Result<Money> {
        mul(self.0, Decimal::from(weeks.get())).map(Money)
    }

    /// `self x factor`.
    pub fn checked_scale(self, factor: Decimal) -> Result<WeeklyValue> {
        mul(self.0, factor).map(WeeklyValue)
    }
}

impl fmt::Display for WeeklyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

/// A whole number of weeks, at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32")]
pub struct Weeks(u32);

impl Weeks {
    /// One week.
    pub const ONE: Weeks = Weeks(1);

    /// A window of weeks; zero is refused.
    pub fn new(weeks: u32) -> Result<Weeks> {
        if weeks == 0 || weeks > Self::MAX {
            return Err(Error::OutOfRange {
                at: Location::field("window_weeks"),
                value: weeks.to_string(),
                field_rule: "a benefit window is 1 to 5,200 weeks (a hundred years)".into(),
            });
        }
        Ok(Weeks(weeks))
    }

    /// The longest window: a hundred years of 52 weeks.
    pub const MAX: u32 = 5_200;

    /// The number of weeks.
    pub const fn get(self) -> u32 {
        self.0
    }
}

/// A dimensionless ratio such as a benefit-cost ratio.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Ratio(Decimal);

impl Ratio {
    /// A ratio from an exact decimal.
    pub const fn new(value: Decimal) -> Ratio {
        Ratio(value)
    }

    /// A ratio from decimal text such as `"3.4"`.
    pub fn parse(text: &str) -> Result<Ratio> {
        decimal(text).map(Ratio)
    }

    /// The exact value (to the 28 significant digits a division keeps).
    pub const fn value(self) -> Decimal {
        self.0
    }

    /// `self x factor`.
    pub fn checked_scale(self, factor: Decimal) -> Result<Ratio> {
        mul(self.0, factor).map(Ratio)
    }

    /// `self - 1`: turns a benefit-cost ratio into a net return on cost.
    pub fn checked_less_one(self) -> Result<Ratio> {
        sub(self.0, Decimal::ONE).map(Ratio)
    }

    /// Round for presentation.
    pub fn rounded(self, rule: Rounding) -> Decimal {
        rule.apply(self.0)
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

/// `FromStr` by the type's own `parse`, so `"1295".parse::<Money>()` works
/// and errors are the crate's.
macro_rules! from_str_by_parse {
    ($($t:ty),* $(,)?) => {$(
        impl std::str::FromStr for $t {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> $crate::error::Result<$t> {
                <$t>::parse(s)
            }
        }
    )*};
}
pub(crate) use from_str_by_parse;

from_str_by_parse!(Money, Hours, HourlyRate, WeeklyValue, Ratio);

/// Read back through the constructors, so a file or JSON cannot hold what
/// code could not build.
macro_rules! try_from_by_new {
    ($($t:ty: $from:ty),* $(,)?) => {$(
        impl TryFrom<$from> for $t {
            type Error = $crate::error::Error;
            fn try_from(v: $from) -> $crate::error::Result<$t> {
                <$t>::new(v)
            }
        }
    )*};
}
pub(crate) use try_from_by_new;

try_from_by_new!(Hours: Decimal, HourlyRate: Decimal, Weeks: u32);
fn non_negative(value: Decimal, field: &str, rule: &str) -> Result<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Error::OutOfRange {
            at: Location::field(field),
            value: value.to_string(),
            field_rule: rule.to_string(),
        });
    }
    Ok(value)
}

/// `value` rounded by `rule`, its whole part in thousands separated by
/// commas (see `report::grouped`).
#[cfg_attr(
    not(any(feature = "files", feature = "monte-carlo", feature = "reports")),
    allow(dead_code)
)]
pub(crate) fn grouped(value: Decimal, rule: Rounding) -> String {
    let text = rule.apply(value).to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// [`grouped`] with a pound sign after any minus: `-£1,295`.
#[cfg_attr(not(feature = "reports"), allow(dead_code))]
pub(crate) fn pounds_text(value: Decimal, rule: Rounding) -> String {
    let text = grouped(value, rule);
    match text.strip_prefix('-') {
        Some(rest) => format!("-£{rest}"),
        None => format!("£{text}"),
    }
}
