//! A figure as printed: the number, the step its last digit stands for, and
//! any hedge ("nearly", "about"). What a printed figure allows is a range of
//! exact values; the audit asks whether a recomputation falls in it.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Location, Result};

/// A word that makes a printed figure approximate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Hedge {
    /// "about", "around", "some", "approximately", "roughly", "circa":
    /// either side, within the stated tolerance.
    About,
    /// "nearly", "almost", "just under", "up to", "under": at most the
    /// figure, and within the stated tolerance below it.
    Nearly,
    /// "over", "more than", "just over", "above": at least the figure, and
    /// within the stated tolerance above it.
    Over,
}

/// The hedges froi reads, longest first so "just under" wins over "under".
const HEDGES: [(&str, Hedge); 16] = [
    ("approximately ", Hedge::About),
    ("just under ", Hedge::Nearly),
    ("more than ", Hedge::Over),
    ("just over ", Hedge::Over),
    ("roughly ", Hedge::About),
    ("nearly ", Hedge::Nearly),
    ("almost ", Hedge::Nearly),
    ("around ", Hedge::About),
    ("circa ", Hedge::About),
    ("about ", Hedge::About),
    ("under ", Hedge::Nearly),
    ("up to ", Hedge::Nearly),
    ("above ", Hedge::Over),
    ("some ", Hedge::About),
    ("over ", Hedge::Over),
    ("c. ", Hedge::About),
];

/// Scale words after a number, longest first.
const SCALES: [(&str, u32); 8] = [
    ("billion", 9),
    ("million", 6),
    ("thousand", 3),
    ("bn", 9),
    ("m", 6),
    ("k", 3),
    ("%", 0),
    ("", 0),
];

/// A figure as a publication prints it.
///
/// ```
/// use froi::audit::{Hedge, Printed};
/// let m = Printed::parse("£1.29m")?;
/// assert_eq!((m.value.to_string(), m.step.to_string()), ("1290000".into(), "10000".into()));
/// assert!(m.agrees(froi::Decimal::from(1_288_920)));
/// let total = Printed::parse("2 502 966.23")?;
/// assert_eq!(total.step.to_string(), "0.01");
/// assert_eq!(Printed::parse("£560,000")?.step.to_string(), "10000");
/// assert_eq!(Printed::parse("30%")?.value.to_string(), "0.3");
/// assert_eq!(Printed::parse("nearly £90,000")?.hedge, Some(Hedge::Nearly));
/// assert!(Printed::parse("£12,17O").is_err());
/// # Ok::<(), froi::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Printed {
    /// The text as printed.
    pub text: String,
    /// The number it reads as, in units (pounds, or a plain ratio; a
    /// percentage as a fraction).
    pub value: Decimal,
    /// What its last significant digit stands for: 0.01 for pennies, 10,000
    /// for "£1.29m" or "£560,000".
    pub step: Decimal,
    /// The hedge printed before it, if any.
    pub hedge: Option<Hedge>,
    /// Printed as a percentage.
    pub percent: bool,
}

impl Printed {
    /// Read a printed figure: an optional hedge, sign and currency symbol,
    /// digits with `,` or spaces between thousands, an optional decimal
    /// point, and an optional scale (`k`, `m`, `million`, `bn`, `billion`,
    /// `%`).
    pub fn parse(text: &str) -> Result<Printed> {
        let bad = |why: &str| Error::MalformedDecimal {
            at: Location::field("printed"),
            value: text.to_string(),
            hint: format!("; {why}"),
        };
        let lower = text.trim().to_lowercase();
        let (hedge, rest) = HEDGES
            .iter()
            .find_map(|(w, h)| lower.strip_prefix(w).map(|r| (Some(*h), r)))
            .unwrap_or((None, lower.as_str()));
        let (negative, rest) = sign(rest.trim());
        let (scale, digits, percent) = SCALES
            .iter()
            .find_map(|(w, p)| {
                let d = rest.strip_suffix(w)?.trim_end();
                d.ends_with(|c: char| c.is_ascii_digit())
                    .then_some((*p, d, *w == "%"))
            })
            .ok_or_else(|| bad("write the number as printed, e.g. £1.29m, 2 502 966.23 or 30%"))?;
        let (value, step) = number(digits).ok_or_else(|| {
            bad("only digits, a decimal point and thousands separators belong in a printed figure")
        })?;
        let (value, step) = scaled(value, step, scale, percent)
            .ok_or_else(|| bad("the figure is too large to read exactly"))?;
        Ok(Printed {
            text: text.trim().to_string(),
            value: if negative { -value } else { value },
            step,
            hedge,
            percent,
        })
    }

    /// Half a step: how far an exact value may lie from the printed one and
    /// still round to it.
    pub fn half_step(&self) -> Decimal {
        self.step / Decimal::TWO
    }

    /// Whether `exact`, rounded to the printed places (any rounding rule),
    /// gives this figure: it lies within half a step of it, ends included.
    pub fn agrees(&self, exact: Decimal) -> bool {
        exact
            .checked_sub(self.value)
            .is_some_and(|d| d.abs() <= self.half_step())
    }

    /// The exact values the printed text allows: half a step either side,
    /// widened by the hedge at `tolerance` (a share of the figure).
    pub fn range(&self, tolerance: Decimal) -> Interval {
        let (v, h) = (self.value, self.half_step());
        let slack = (v.abs().checked_mul(tolerance)).unwrap_or(Decimal::MAX);
        let (below, above) = match self.hedge {
            None => (h, h),
            Some(Hedge::About) => (h.max(slack), h.max(slack)),
            Some(Hedge::Nearly) => (h.max(slack), h),
            Some(Hedge::Over) => (h, h.max(slack)),
        };
        // Saturating: no figure lies beyond the largest decimal.
        Interval {
            lo: v.saturating_sub(below),
            hi: v.saturating_add(above),
        }
    }
}

impl fmt::Display for Printed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The decimal places a recomputation beside a printed figure needs: at
/// most `most`, at least `least`, and none of the trailing zeros between
/// that say nothing (559,820 not 559,820.000; 6,339.5; 2.30357).
pub fn places_needed(value: Decimal, most: u32, least: u32) -> u32 {
    crate::money::Rounding::half_up(most)
        .apply(value)
        .normalize()
        .scale()
        .max(least)
}

/// A leading minus (ASCII or U+2212), before or after a currency symbol;
/// the symbol itself dropped.
fn sign(text: &str) -> (bool, &str) {
    match strip_minus(text) {
        Some(rest) => (true, strip_currency(rest)),
        None => {
            let rest = strip_currency(text);
            match strip_minus(rest) {
                Some(r) => (true, r),
                None => (false, rest),
            }
        }
    }
}

fn strip_minus(text: &str) -> Option<&str> {
    text.strip_prefix('-')
        .or_else(|| text.strip_prefix('\u{2212}'))
        .map(str::trim_start)
}

fn strip_currency(text: &str) -> &str {
    text.strip_prefix(['£', '$', '€'])
        .map_or(text, str::trim_start)
}

/// The digits as a value and the step of the last significant digit. A
/// whole number's trailing zeros are not significant: "560,000" is to the
/// nearest 10,000.
fn number(text: &str) -> Option<(Decimal, Decimal)> {
    let separators = [',', ' ', '\u{a0}', '\u{2009}', '\u{202f}'];
    let plain: String = text.chars().filter(|c| !separators.contains(c)).collect();
    if plain.is_empty() || !plain.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value: Decimal = plain.parse().ok()?;
    let step = match plain.split_once('.') {
        Some((_, places)) => Decimal::new(1, u32::try_from(places.len()).ok()?),
        None => {
            let zeros = plain.len() - plain.trim_end_matches('0').len();
            let zeros = if value.is_zero() { 0 } else { zeros };
            Decimal::from(10u64.checked_pow(u32::try_from(zeros).ok()?)?)
        }
    };
    Some((value, step))
}

/// The value and step times 10^`power`, or over 100 for a percentage.
fn scaled(value: Decimal, step: Decimal, power: u32, percent: bool) -> Option<(Decimal, Decimal)> {
    let factor = Decimal::from(10u64.checked_pow(power)?);
    let (value, step) = (value.checked_mul(factor)?, step.checked_mul(factor)?);
    let (value, step) = if percent {
        let hundred = Decimal::ONE_HUNDRED;
        (value.checked_div(hundred)?, step.checked_div(hundred)?)
    } else {
        (value, step)
    };
    Some((value.normalize(), step.normalize()))
}

/// A closed range of exact values, `lo` to `hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Interval {
    /// The least value.
    pub lo: Decimal,
    /// The greatest value.
    pub hi: Decimal,
}

impl Interval {
    /// One value.
    pub fn point(value: Decimal) -> Interval {
        Interval {
            lo: value,
            hi: value,
        }
    }

    /// Whether the two ranges share a value.
    pub fn meets(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// Whether `value` lies in the range.
    pub fn contains(&self, value: Decimal) -> bool {
        self.lo <= value && value <= self.hi
    }

    /// The sum of every pair of values; `None` on overflow.
    pub fn checked_add(self, other: Interval) -> Option<Interval> {
        Some(Interval {
            lo: self.lo.checked_add(other.lo)?,
            hi: self.hi.checked_add(other.hi)?,
        })
    }

    /// `self` less `other`; `None` on overflow.
    pub fn checked_sub(self, other: Interval) -> Option<Interval> {
        Some(Interval {
            lo: self.lo.checked_sub(other.hi)?,
            hi: self.hi.checked_sub(other.lo)?,
        })
    }

    /// Every product of a value of each; `None` on overflow.
    pub fn checked_mul(self, other: Interval) -> Option<Interval> {
        self.corners(other, Decimal::checked_mul)
    }

    /// `self` divided by `other`; `None` when `other` holds zero or the
    /// division overflows.
    pub fn checked_div(self, other: Interval) -> Option<Interval> {
        if other.contains(Decimal::ZERO) {
            return None;
        }
        self.corners(other, Decimal::checked_div)
    }

    /// The least and greatest of `op` over the four pairs of ends: the
    /// range of a product or (away from zero) a quotient.
    fn corners(
        self,
        other: Interval,
        op: fn(Decimal, Decimal) -> Option<Decimal>,
    ) -> Option<Interval> {
        let values = [
            op(self.lo, other.lo)?,
            op(self.lo, other.hi)?,
            op(self.hi, other.lo)?,
            op(self.hi, other.hi)?,
        ];
        Some(Interval {
            lo: values.iter().copied().fold(Decimal::MAX, Decimal::min),
            hi: values.iter().copied().fold(Decimal::MIN, Decimal::max),
        })
    }
}

/// How a printed figure stands against a recomputation, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Verdict {
    /// The exact value, rounded to the printed places, is the figure.
    Agrees,
    /// The exact value lies within what the printed hedge allows.
    WithinHedge,
    /// The exact value from the printed parts misses, but parts anywhere in
    /// the range their printing allows reach the figure: the publication
    /// worked from figures more precise than it printed.
    DisplayRounding,
    /// The same figure printed elsewhere agrees, but the two name
    /// different periods ("a year" against "five years").
    PeriodDiffers,
    /// The same figure printed in another source disagrees beyond what
    /// either's printing allows.
    SourcesDisagree,
    /// Nothing the printing allows explains the difference.
    Inconsistent,
}

impl Verdict {
    /// The words a report uses.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::Agrees => "agrees",
            Verdict::WithinHedge => "within its hedge",
            Verdict::DisplayRounding => "display rounding",
            Verdict::PeriodDiffers => "period differs",
            Verdict::SourcesDisagree => "sources disagree",
            Verdict::Inconsistent => "inconsistent",
        }
    }
}
