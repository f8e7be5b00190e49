//! How an audit shows a figure to a person: the one precision policy
//! (docs/DESIGN.md, "Precision on the page"). The exact value stays in the
//! types and the JSON; this is only what a table prints.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::money::{Rounding, grouped, pounds_text};

/// What kind of quantity a figure is, which fixes the places it is shown to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FigureUnit {
    /// Pounds: to the penny, or to the pound when there are no pence.
    Money,
    /// A ratio: 4 decimal places, half-up.
    Ratio,
    /// A count, hours or an average of counts: up to 2 places.
    Count,
    /// A percentage (the value is in percent): up to 2 places, with `%`.
    Percent,
    /// A fraction such as deadweight (0.3): as a percentage, up to 2 places.
    Fraction,
}

impl FigureUnit {
    /// `value` as a table prints it. `printed` is the published figure it
    /// stands beside: money takes its `£` only when the page printed one, so
    /// the two columns read alike.
    ///
    /// ```
    /// use froi::audit::FigureUnit;
    /// use froi::Decimal;
    /// let d = |s: &str| s.parse::<Decimal>().unwrap();
    /// assert_eq!(FigureUnit::Money.show(d("1282.6"), "£1,295"), "£1,282.60");
    /// assert_eq!(FigureUnit::Money.show(d("11845.6"), "11845"), "11,845.60");
    /// assert_eq!(FigureUnit::Money.show(d("107485"), "£252, 585"), "£107,485");
    /// assert_eq!(FigureUnit::Ratio.show(d("5.2525096525096525096525096525"), "5.2"), "5.2525");
    /// assert_eq!(FigureUnit::Percent.show(d("30"), "70%"), "30%");
    /// assert_eq!(FigureUnit::Fraction.show(d("0.3"), "30%"), "30%");
    /// ```
    pub fn show(self, value: Decimal, printed: &str) -> String {
        match self {
            FigureUnit::Money => {
                let pence = Rounding::half_up(2).apply(value);
                let places = if pence.fract().is_zero() { 0 } else { 2 };
                let rule = Rounding::half_up(places);
                if printed.trim_start().starts_with('£') {
                    pounds_text(pence, rule)
                } else {
                    grouped(pence, rule)
                }
            }
            FigureUnit::Ratio => grouped(value, Rounding::half_up(4)),
            FigureUnit::Count => up_to_two(value),
            FigureUnit::Percent => format!("{}%", up_to_two(value)),
            FigureUnit::Fraction => match value.checked_mul(Decimal::ONE_HUNDRED) {
                Some(p) => format!("{}%", up_to_two(p)),
                None => up_to_two(value),
            },
        }
    }
}

/// Grouped, to at most two places, trailing zeros dropped.
fn up_to_two(value: Decimal) -> String {
    let v = Rounding::half_up(2).apply(value).normalize();
    grouped(v, Rounding::half_up(v.scale()))
}

/// A recomputed value in an explanation beside a printed one: to three
/// places more than the page printed (enough to show which way it rounds),
/// trailing zeros dropped.
pub(crate) fn beside(value: Decimal, printed_places: u32) -> Decimal {
    Rounding::half_up(printed_places.saturating_add(3))
        .apply(value)
        .normalize()
}
