//! Outcome lines: the shape of the GMCA / New Economy CBA model, the SROI
//! guide and WSIPP. A line is a cohort x the share who engage x an effect (an
//! outcome share, or the difference between a treatment and a comparison
//! rate) x a unit value, held for some years after a lag.
//!
//! A line is not a second engine: [`BenefitStream::from_line`](crate::over_time::BenefitStream::from_line)
//! turns it into a benefit stream of the appraisal over time (a
//! [`Programme`](crate::over_time::Programme) takes lines as they are), so deadweight, displacement,
//! attribution, drop-off, optimism bias, the price base, discounting, the
//! splits and the year-by-year table apply to it as to any stream.
//!
//! ```
//! use froi::{Effect, OutcomeLine};
//! use froi::{Fraction, Period, Source, UnitValue};
//! use froi::decimal;
//!
//! // 200 young people, 80% engage; 12% of a comparison group would enter the
//! // youth justice system in a year against 5% of those who engage.
//! let entry = UnitValue::new("yj_entry", decimal("5000")?, Period::Event, Source::default());
//! let avoided = Effect::Avoided {
//!     treatment: Fraction::parse("0.05", "treatment_rate")?,
//!     comparison: Fraction::parse("0.12", "comparison_rate")?,
//! };
//! let line = OutcomeLine::new("first-time entrants avoided", entry, avoided)
//!     .participants(200)
//!     .engagement(Fraction::parse("0.8", "engagement")?);
//! // 200 x 0.8 x (0.12 - 0.05) = 11.2 entries avoided, x 5,000 = 56,000, once.
//! assert_eq!(line.outcomes()?.to_string(), "11.2");
//! let stream = froi::BenefitStream::from_line(&line)?;
//! assert_eq!(stream.years, 1);
//! println!("{}", line.derivation()?);
//! # Ok::<(), froi::Error>(())
//! ```

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::adjustments::{Adjustments, Fraction};
use crate::benefits::UnitValue;
use crate::derivation::Derivation;
use crate::error::{Error, Location, Result};
use crate::money::{Money, mul, sub};

/// How much changes: the share of those who engage who achieve the outcome,
/// a rate that rises or falls against a comparison, or a count of outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Effect {
    /// The share who achieve the outcome because of the intervention (the
    /// GMCA model's "impact" share).
    Share(Fraction),
    /// A good outcome whose rate rises: `treatment - comparison` of those
    /// who engage achieve it (e.g. entering work).
    Achieved {
        /// The rate among those who engage.
        treatment: Fraction,
        /// The rate in the comparison group.
        comparison: Fraction,
    },
    /// A costly outcome whose rate falls: `comparison - treatment` of those
    /// who engage avoid it (e.g. entering care).
    Avoided {
        /// The rate among those who engage.
        treatment: Fraction,
        /// The rate in the comparison group.
        comparison: Fraction,
    },
    /// A number of outcomes, counted directly (no cohort needed).
    Count(Decimal),
    /// A change per person who engages, in the unit the value is priced
    /// in: life-satisfaction points (a WELLBY is one point for one person
    /// for a year), QALYs. It may be negative: the intervention did harm.
    Change(Decimal),
}

impl Effect {
    /// The outcomes per person who engages (for [`Effect::Count`], the count
    /// itself). A difference may be negative: the intervention did harm.
    pub fn per_person(self) -> Result<Decimal> {
        match self {
            Effect::Share(f) => Ok(f.value()),
            Effect::Achieved {
                treatment,
                comparison,
            } => sub(treatment.value(), comparison.value()),
            Effect::Avoided {
                treatment,
                comparison,
            } => sub(comparison.value(), treatment.value()),
            Effect::Count(n) | Effect::Change(n) => Ok(n),
        }
    }

    /// Whether the effect is a rate that needs a cohort to count outcomes.
    pub fn needs_cohort(self) -> bool {
        !matches!(self, Effect::Count(_))
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = |x: &Fraction| x.value().normalize();
        match self {
            Effect::Share(s) => write!(f, "{}", v(s)),
            Effect::Achieved {
                treatment,
                comparison,
            } => write!(f, "({} - {})", v(treatment), v(comparison)),
            Effect::Avoided {
                treatment,
                comparison,
            } => write!(f, "({} - {})", v(comparison), v(treatment)),
            Effect::Count(n) | Effect::Change(n) => write!(f, "{}", n.normalize()),
        }
    }
}

/// One outcome line: who, how much changes, what it is worth, for how long,
/// and how sure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeLine {
    /// A name for reports.
    pub name: String,
    /// The unit value of one outcome (its period, price year, agency, kind
    /// and cashability carry into the stream).
    pub value: UnitValue,
    /// The cohort: people offered the intervention (`None` with a counted effect).
    pub participants: Option<u64>,
    /// The share of the cohort who engage.
    pub engagement: Fraction,
    /// How much changes per person who engages.
    pub effect: Effect,
    /// Years a rate (per week, month or year) is held; an event or one-off
    /// value counts once, in the first year.
    pub duration_years: u32,
    /// Years after the start before the outcome is first valued.
    pub lag_years: u32,
    /// Deadweight, displacement, attribution, drop-off.
    pub adjustments: Adjustments,
    /// The confidence grade for optimism bias, if any.
    pub optimism_grade: Option<String>,
    /// The income group that gains, for distributional weights.
    #[serde(default)]
    pub group: Option<String>,
}

impl OutcomeLine {
    /// A line valued by `value` with its effect: everyone engages, held one
    /// year from year 0, unadjusted. A share or a rate needs a cohort
    /// ([`OutcomeLine::participants`]); a count does not.
    pub fn new(name: impl Into<String>, value: UnitValue, effect: Effect) -> OutcomeLine {
        OutcomeLine {
            name: name.into(),
            value,
            participants: None,
            engagement: Fraction::ONE,
            effect,
            duration_years: 1,
            lag_years: 0,
            adjustments: Adjustments::NONE,
            optimism_grade: None,
            group: None,
        }
    }

    /// The same line with a cohort of `n` people.
    pub fn participants(mut self, n: u64) -> OutcomeLine {
        self.participants = Some(n);
        self
    }

    /// The same line with the share who engage.
    pub fn engagement(mut self, share: Fraction) -> OutcomeLine {
        self.engagement = share;
        self
    }

    /// The same line with its effect.
    pub fn effect(mut self, effect: Effect) -> OutcomeLine {
        self.effect = effect;
        self
    }

    /// The same line held for `years` (a rate) after `lag` years.
    pub fn timing(mut self, years: u32, lag: u32) -> OutcomeLine {
        self.duration_years = years;
        self.lag_years = lag;
        self
    }

    /// The same line with adjustments.
    pub fn adjusted(mut self, adjustments: Adjustments) -> OutcomeLine {
        self.adjustments = adjustments;
        self
    }

    /// Check the line: a rate needs a cohort; a count of outcomes is not
    /// negative and takes no engagement; a rate is held at least a year; a
    /// unit value is not negative.
    pub fn validate(&self) -> Result<()> {
        let at = |field: &str| Location::field(format!("outcome {:?}: {field}", self.name));
        if self.effect.needs_cohort() && self.participants.is_none() {
            return Err(Error::Missing {
                at: at("participants"),
                what: "value (a share or a rate counts outcomes among a cohort of participants)",
            });
        }
        if matches!(self.effect, Effect::Count(_)) && self.engagement != Fraction::ONE {
            return Err(Error::OutOfRange {
                at: at("engagement"),
                value: self.engagement.value().to_string(),
                field_rule: "a line that counts its outcomes has no engagement (it counts \
                             outcomes, not a share of a cohort)"
                    .into(),
            });
        }
        if let Effect::Count(n) = self.effect
            && n < Decimal::ZERO
        {
            return Err(Error::OutOfRange {
                at: at("outcomes"),
                value: n.to_string(),
                field_rule: "a count of outcomes must not be negative".into(),
            });
        }
        if self.value.period.is_rate() && self.duration_years == 0 {
            return Err(Error::OutOfRange {
                at: at("duration_years"),
                value: "0".into(),
                field_rule: "a rate is held a whole number of years, at least 1".into(),
            });
        }
        if self.value.amount < Decimal::ZERO {
            return Err(Error::OutOfRange {
                at: at("unit_value"),
                value: self.value.amount.to_string(),
                field_rule: format!("the unit value {:?} must not be negative", self.value.id),
            });
        }
        Ok(())
    }

    /// The outcomes a year: participants x engagement x effect (or the count).
    pub fn outcomes(&self) -> Result<Decimal> {
        self.validate()?;
        let per_person = self.effect.per_person()?;
        let n = match (self.effect, self.participants) {
            (Effect::Count(n), _) => n,
            (_, Some(p)) => mul(mul(Decimal::from(p), self.engagement.value())?, per_person)?,
            (_, None) => Decimal::ZERO,
        };
        Ok(n.normalize())
    }

    /// The gross value a year: outcomes x the unit value a year (a weekly
    /// value x 52, a monthly x 12; an event or one-off value as it is).
    pub fn annual_gross(&self) -> Result<Money> {
        let per_year = self.value.period.annual(self.value.amount)?;
        Ok(Money::new(mul(self.outcomes()?, per_year)?))
    }

    /// The years the value is counted: the duration for a rate, one for an
    /// event or one-off value.
    pub fn years(&self) -> u32 {
        if self.value.period.is_rate() {
            self.duration_years
        } else {
            1
        }
    }

    /// The outcomes the line counts within a horizon of `horizon` years,
    /// net of deadweight, displacement and attribution, with drop-off: a
    /// rate's outcomes each year it is held (a wellbeing line's WELLBYs), an
    /// event's once. Options measure their effect in it.
    pub fn net_outcomes(&self, horizon: u32) -> Result<Decimal> {
        let gross = Money::new(self.outcomes()?);
        let mut kept = Decimal::ONE;
        let mut total = Money::ZERO;
        for year in (0..self.years()).map(|k| self.lag_years.saturating_add(k)) {
            if year >= horizon {
                break;
            }
            total = total.checked_add(self.adjustments.net_kept(gross, kept)?)?;
            kept = mul(kept, self.adjustments.kept_a_year())?;
        }
        Ok(total.value())
    }

    /// How the line's gross value a year is made.
    pub fn derivation(&self) -> Result<Derivation> {
        let v = &self.value;
        let per_year = match v.period.per_year() {
            Some(1) | None => String::new(),
            Some(n) => format!(" x {n}"),
        };
        let who = match (self.effect, self.participants) {
            (Effect::Count(_), _) => String::new(),
            (_, p) => format!(
                "{} x {} x ",
                p.unwrap_or(0),
                self.engagement.value().normalize()
            ),
        };
        let mut d = Derivation::new(
            format!("gross value a year, {}", self.name),
            format!("{who}{} x {}{per_year}", self.effect, v.amount.normalize()),
            self.annual_gross()?.value(),
        );
        if let Some(p) = self.participants {
            d = d.input("participants", p, "outcome line").input(
                "engagement",
                self.engagement.value().normalize(),
                "outcome line",
            );
        }
        d = d.input("effect per person", self.effect, "outcome line");
        Ok(d.input(
            format!("unit value {:?} (per {})", v.id, v.period),
            v.amount.normalize(),
            format!("{} {}", v.source.document, v.source.location)
                .trim()
                .to_string(),
        ))
    }
}
