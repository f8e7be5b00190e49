//! Axes with nice ticks: steps of 1, 2, 2.5 or 5 times a power of ten, the
//! axis widened to whole steps, so a reader sees 0, 50,000, 100,000 and not
//! 98,296 or 196,593. Floats here place pixels only; every label is
//! formatted from a decimal rounded to the step's own places.

use rust_decimal::Decimal;

use crate::money::{Rounding, grouped};

/// A value axis: its ends (on whole steps), its step, and the tick values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
    /// Decimal places the step needs (0.25 needs 2, 2.5 needs 1, 50 needs 0).
    pub places: u32,
}

/// The multipliers of a power of ten a step may take.
const NICE: [f64; 5] = [1.0, 2.0, 2.5, 5.0, 10.0];

impl Axis {
    /// An axis covering `lo..=hi` with at most `most` intervals (at least 2).
    pub fn covering(lo: f64, hi: f64, most: u32) -> Axis {
        let (lo, hi) = if lo.is_finite() && hi.is_finite() {
            (lo.min(hi), lo.max(hi))
        } else {
            (0.0, 1.0)
        };
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            // One value: a unit-wide window around it.
            (lo - 0.5, hi + 0.5)
        };
        let most = f64::from(most.max(2));
        let raw = (hi - lo) / most;
        let mut k = raw.log10().floor() as i32;
        // The smallest nice step not below the raw one; 10 x 10^k is 1 x 10^(k+1).
        let mut m = NICE
            .into_iter()
            .find(|m| m * 10f64.powi(k) >= raw * (1.0 - 1e-9))
            .unwrap_or(10.0);
        if m >= 10.0 {
            m = 1.0;
            k += 1;
        }
        let step = m * 10f64.powi(k);
        let first = (lo / step + 1e-9).floor() * step;
        let last = (hi / step - 1e-9).ceil() * step;
        // Places: those of 10^k, plus one for a 2.5 step.
        let places = (i32::from(m == 2.5) - k).max(0) as u32;
        Axis {
            lo: first,
            hi: last,
            step,
            places,
        }
    }

    /// The tick values, from `lo` to `hi` in steps.
    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round().max(0.0) as u32;
        (0..=n)
            .map(|i| self.lo + self.step * f64::from(i))
            .collect()
    }

    /// A tick's label: grouped, to the step's places, with `prefix` (`£`)
    /// before the digits.
    pub fn label(&self, v: f64, prefix: &str) -> String {
        let text = grouped(
            Decimal::from_f64_retain(v).unwrap_or_default(),
            Rounding::half_up(self.places),
        );
        let text = if text
            .trim_start_matches('-')
            .trim_matches(['0', '.', ','])
            .is_empty()
        {
            // No "-0".
            text.trim_start_matches('-').to_string()
        } else {
            text
        };
        match text.strip_prefix('-') {
            Some(rest) => format!("-{prefix}{rest}"),
            None => format!("{prefix}{text}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(lo: f64, hi: f64) -> Vec<String> {
        let a = Axis::covering(lo, hi, 6);
        a.ticks().iter().map(|v| a.label(*v, "")).collect()
    }

    #[test]
    fn ticks_fall_on_one_two_two_and_a_half_or_five() {
        // The NELC cost-benefit bars: £0 to £299,307.
        assert_eq!(
            labels(0.0, 299_307.0),
            [
                "0", "50,000", "100,000", "150,000", "200,000", "250,000", "300,000"
            ]
        );
        // A tornado of the annual ratio, 2.78 to 3.26 around 3.30.
        assert_eq!(
            labels(2.78, 3.30),
            ["2.7", "2.8", "2.9", "3.0", "3.1", "3.2", "3.3"]
        );
        // A histogram from 1.00 to 2.36.
        assert_eq!(
            labels(1.0, 2.36),
            ["1.00", "1.25", "1.50", "1.75", "2.00", "2.25", "2.50"]
        );
        assert_eq!(
            labels(-0.3, 0.2),
            ["-0.3", "-0.2", "-0.1", "0.0", "0.1", "0.2"]
        );
    }

    #[test]
    fn the_axis_covers_its_values_on_whole_steps() {
        for (lo, hi) in [
            (0.0, 1.0),
            (3.2973, 3.2973),
            (-5e6, 1.2e7),
            (0.013, 0.0141),
            (1.0, 1e9),
        ] {
            let a = Axis::covering(lo, hi, 6);
            // Within a millionth of a step: the ends are floats, for pixels.
            let fuzz = a.step * 1e-6;
            assert!(a.lo <= lo + fuzz && a.hi >= hi - fuzz, "{lo} {hi} {a:?}");
            let n = a.ticks().len();
            assert!((2..=8).contains(&n), "{lo} {hi}: {n} ticks");
            let step = a.step / 10f64.powi(a.step.log10().floor() as i32);
            assert!(NICE.iter().any(|m| (m - step).abs() < 1e-9), "{a:?}");
        }
    }

    #[test]
    fn a_money_label_puts_the_sign_before_the_pound() {
        let a = Axis::covering(-100.0, 100.0, 4);
        assert_eq!(a.label(-100.0, "£"), "-£100");
        assert_eq!(a.label(0.0, "£"), "£0");
    }
}
