//! Named scenarios, one-way sensitivity and switching values: exact, in decimals.

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::{Deserialize, Serialize};

use super::{Evaluator, Parameter, Target};
use crate::error::{Error, Location, Result};
use crate::money::{Ratio, div, mul, sub};

/// A named set of parameter overrides and the target ratio it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScenarioRow {
    /// The scenario's name.
    pub name: String,
    /// The overrides.
    pub overrides: Vec<(Parameter, Decimal)>,
    /// The target ratio under them.
    pub ratio: Ratio,
}

impl ScenarioRow {
    /// The overrides as people write them: `unit_value.LAC = 700, deadweight = 0`.
    pub fn overrides_text(&self) -> String {
        let parts: Vec<String> = self
            .overrides
            .iter()
            .map(|(p, v)| format!("{p} = {v}"))
            .collect();
        parts.join(", ")
    }
}

/// One parameter's low and high values for a one-way sensitivity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneWay {
    /// The parameter.
    pub parameter: Parameter,
    /// Its low value.
    pub low: Decimal,
    /// Its high value.
    pub high: Decimal,
}

impl OneWay {
    /// A unit value's low and high values as its source gives them
    /// ([`UnitValue::range`](crate::UnitValue::range)), as a one-way range of
    /// `unit_value.<id>`; `None` where the source gives none.
    ///
    /// ```
    /// let wellby = froi::StandardValue::WELLBY.unit_value()?;
    /// let row = froi::uncertainty::OneWay::of_unit_value(&wellby).unwrap();
    /// assert_eq!((row.low.to_string(), row.high.to_string()), ("10000".into(), "16000".into()));
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn of_unit_value(value: &crate::benefits::UnitValue) -> Option<OneWay> {
        let range = value.range?;
        Some(OneWay {
            parameter: Parameter::UnitValue(value.id.clone()),
            low: range.low,
            high: range.high,
        })
    }
}

/// A row of tornado data: the target ratio at a parameter's low and high
/// values, the others held at base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TornadoRow {
    /// The parameter.
    pub parameter: Parameter,
    /// Its base value.
    pub base_value: Decimal,
    /// Its low value.
    pub low: Decimal,
    /// Its high value.
    pub high: Decimal,
    /// The ratio at the low value.
    pub ratio_at_low: Ratio,
    /// The ratio at the high value.
    pub ratio_at_high: Ratio,
    /// `|ratio at high - ratio at low|`: the bar's length.
    pub swing: Decimal,
}

/// The value of a parameter at which the target reaches its threshold
/// ([`Target::threshold`]): a ratio of 1, or an NPV of 0 (the Green Book's
/// switching value; a benefit-cost ratio of 1 and an NPV of 0 switch at the
/// same value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SwitchingValue {
    /// The parameter.
    pub parameter: Parameter,
    /// Its base value.
    pub base_value: Decimal,
    /// The range searched.
    pub range: (Decimal, Decimal),
    /// The switching value; `None` when the target does not reach its threshold in the range.
    pub value: Option<Decimal>,
    /// The target at the switching value (the threshold, to the tolerance).
    pub ratio_at_value: Option<Ratio>,
    /// `value / base - 1`: how far the parameter must move.
    pub change: Option<Decimal>,
    /// How it was found: "exact (linear)" or "bisection".
    pub method: String,
}

/// The tolerance of a switching value found by bisection: the target there
/// is within 10^-12 of its threshold.
pub const SWITCHING_TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 12);

impl Evaluator {
    /// The target ratio under each named set of overrides.
    pub fn scenarios(
        &self,
        sets: &[(String, Vec<(Parameter, Decimal)>)],
    ) -> Result<Vec<ScenarioRow>> {
        sets.iter()
            .map(|(name, overrides)| {
                Ok(ScenarioRow {
                    name: name.clone(),
                    overrides: overrides.clone(),
                    ratio: self.ratio_with(overrides)?,
                })
            })
            .collect()
    }

    /// One-way sensitivity: each parameter at its low and high value, the
    /// others held; rows sorted by swing, largest first.
    pub fn tornado(&self, ranges: &[OneWay]) -> Result<Vec<TornadoRow>> {
        let mut rows = ranges
            .iter()
            .map(|r| {
                if r.low > r.high {
                    return Err(Error::OutOfRange {
                        at: Location::field(format!("one_way {}", r.parameter)),
                        value: format!("low {} > high {}", r.low, r.high),
                        field_rule: "low must not exceed high".into(),
                    });
                }
                let ratio_at_low = self.ratio_with(&[(r.parameter.clone(), r.low)])?;
                let ratio_at_high = self.ratio_with(&[(r.parameter.clone(), r.high)])?;
                Ok(TornadoRow {
                    parameter: r.parameter.clone(),
                    base_value: self.value_of(&r.parameter)?,
                    low: r.low,
                    high: r.high,
                    ratio_at_low,
                    ratio_at_high,
                    swing: sub(ratio_at_high.value(), ratio_at_low.value())?.abs(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        rows.sort_by_key(|r| std::cmp::Reverse(r.swing));
        Ok(rows)
    }

    /// The value of `parameter` at which the target ratio is 1, searched in
    /// `range` (default: zero to ten times the base value; deadweight [0, 1)).
    ///
    /// Exact where the ratio is linear in the parameter (cases a year,
    /// deadweight), or in its inverse (the service cost, the unit cost);
    /// otherwise by bisection to [`SWITCHING_TOLERANCE`].
    pub fn switching_value(
        &self,
        parameter: &Parameter,
        range: Option<(Decimal, Decimal)>,
    ) -> Result<SwitchingValue> {
        if let Parameter::Schedule(_) = parameter {
            return Err(Error::OutOfRange {
                at: Location::field(parameter.to_string()),
                value: parameter.to_string(),
                field_rule: "a discount schedule has no switching value: compare it in a \
                             named scenario"
                    .into(),
            });
        }
        let base_value = self.value_of(parameter)?;
        let base = self.base()?.value();
        let range = match range {
            Some(r) => r,
            None => default_search_range(parameter, base_value)?,
        };
        let (lo, hi) = range;
        let closed_form = match (parameter, &self.target) {
            // ratio = k x cases
            (Parameter::CasesPerYear, Target::Annual(_)) => {
                Some(div(base_value, base, zero_ratio)?)
            }
            // ratio = k x (1 - d)
            (Parameter::Deadweight, Target::Annual(_)) => {
                let retained = sub(Decimal::ONE, base_value)?;
                Some(sub(Decimal::ONE, div(retained, base, zero_ratio)?)?)
            }
            // ratio = k / cost
            (Parameter::ServiceCost, Target::Annual(_))
            | (Parameter::UnitCost, Target::Cohort(_)) => Some(mul(base_value, base)?),
            // weekly values, by bisection; the unit cost does not enter the
            // annual ratio (it divides by the service cost), as said below
            _ => None,
        };
        let (value, method) = match (closed_form, parameter, &self.target) {
            (Some(v), _, _) => ((lo..=hi).contains(&v).then_some(v), "exact (linear)"),
            (None, Parameter::UnitCost, Target::Annual(_)) => {
                (None, "not a parameter of this ratio")
            }
            (None, _, _) => (self.bisect(parameter, lo, hi)?, "bisection"),
        };
        let ratio_at_value = value
            .map(|v| self.ratio_with(&[(parameter.clone(), v)]))
            .transpose()?;
        let change = match value {
            Some(v) if !base_value.is_zero() => {
                Some(sub(div(v, base_value, zero_ratio)?, Decimal::ONE)?)
            }
            _ => None,
        };
        Ok(SwitchingValue {
            parameter: parameter.clone(),
            base_value,
            range,
            value,
            ratio_at_value,
            change,
            method: method.to_string(),
        })
    }

    /// Bisection for ratio(x) = 1 on [lo, hi]; `None` without a sign change.
    fn bisect(&self, p: &Parameter, lo: Decimal, hi: Decimal) -> Result<Option<Decimal>> {
        let threshold = self.threshold();
        bisect_root(
            |x: Decimal| sub(self.ratio_with(&[(p.clone(), x)])?.value(), threshold),
            lo,
            hi,
        )
    }
}

/// Where `f` crosses zero in `[lo, hi]`, by bisection on exact decimals
/// (to [`SWITCHING_TOLERANCE`] of `f`, or until the interval cannot be
/// halved); `None` when `f` has the same sign at both ends.
pub(crate) fn bisect_root(
    f: impl Fn(Decimal) -> Result<Decimal>,
    mut lo: Decimal,
    mut hi: Decimal,
) -> Result<Option<Decimal>> {
    let (mut flo, fhi) = (f(lo)?, f(hi)?);
    if flo.is_zero() {
        return Ok(Some(lo));
    }
    if fhi.is_zero() {
        return Ok(Some(hi));
    }
    if flo.is_sign_negative() == fhi.is_sign_negative() {
        return Ok(None);
    }
    for _ in 0..200 {
        let mid = midpoint(lo, hi)?;
        let fm = f(mid)?;
        if fm.abs() <= SWITCHING_TOLERANCE || mid == lo || mid == hi {
            return Ok(Some(mid));
        }
        if fm.is_sign_negative() == flo.is_sign_negative() {
            lo = mid;
            flo = fm;
        } else {
            hi = mid;
        }
    }
    Ok(Some(lo))
}

fn midpoint(lo: Decimal, hi: Decimal) -> Result<Decimal> {
    let half = |x: Decimal| div(x, Decimal::TWO, || "a midpoint".into());
    match lo.checked_add(hi) {
        Some(sum) => half(sum),
        None => crate::money::add(lo, half(crate::money::sub(hi, lo)?)?),
    }
}

fn zero_ratio() -> String {
    "a switching value: the base ratio is zero".into()
}

/// Where a switching value is searched for when no range is given: a
/// fraction in [0, 1), a rate in [0, 1], a horizon in [1, 1000] years, and
/// otherwise from the least value the parameter takes to ten times its base.
fn default_search_range(parameter: &Parameter, base_value: Decimal) -> Result<(Decimal, Decimal)> {
    let ten = Decimal::TEN;
    let below_one = Decimal::new(999_999, 6);
    Ok(match parameter {
        Parameter::Deadweight => (Decimal::ZERO, below_one),
        Parameter::Outcome { field, .. } => match field.range() {
            (low, Some(_), false) => (low, below_one),
            (low, Some(high), true) => (low, high),
            (low, None, _) => (low, mul(base_value.max(Decimal::ONE), ten)?),
        },
        Parameter::DiscountRate => (Decimal::ZERO, Decimal::ONE),
        Parameter::Horizon => (Decimal::ONE, Decimal::from(1000)),
        Parameter::Optimism { cost: false, .. } => (Decimal::ZERO, Decimal::ONE),
        Parameter::Benefit { field, .. } | Parameter::Cost { field, .. } if field.is_fraction() => {
            (Decimal::ZERO, below_one)
        }
        // From the least value the parameter takes (1 year, 1 person),
        // or 0, to ten times its value.
        p => {
            let least = Decimal::from_f64(p.valid_range().0.max(0.0)).unwrap_or_default();
            (least, mul(base_value.max(Decimal::ONE), ten)?)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_midpoint_near_the_ends_of_the_range_does_not_overflow() {
        assert_eq!(
            midpoint(Decimal::ONE, Decimal::from(3)).ok(),
            Some(Decimal::TWO)
        );
        assert_eq!(
            midpoint(Decimal::MAX, Decimal::MAX).ok(),
            Some(Decimal::MAX)
        );
        assert_eq!(
            midpoint(Decimal::MIN, Decimal::MAX).ok(),
            Some(Decimal::ZERO)
        );
    }
}
