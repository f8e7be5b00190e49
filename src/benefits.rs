//! Unit benefits: the catalogue of unit values, the weekly value of each care
//! status, and the rule that turns a change of status into a benefit.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::cohorts::Family;
use crate::error::{Error, Location, Result};
use crate::money::{Money, WeeklyValue, Weeks};
use crate::provenance::Source;
use crate::statuses::CareStatus;

/// The period a unit value is quoted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Per week.
    Week,
    /// Per year.
    Year,
    /// Per episode (one event, however long).
    Episode,
}

/// The strand of cost-benefit analysis a value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A cost to the public purse (the FROI strand).
    Fiscal,
    /// A wider economic value (e.g. earnings).
    Economic,
    /// A social value (e.g. wellbeing).
    Social,
}

/// One entry of a unit-value catalogue, with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitValue {
    /// A short identifier, unique in the catalogue.
    pub id: String,
    /// What the value is, in the source's words.
    pub description: String,
    /// The care status whose weekly cost this is, if it is one.
    pub status: Option<CareStatus>,
    /// Pounds per `period`.
    pub amount: Decimal,
    /// The period.
    pub period: Period,
    /// The price year (e.g. `2013/14`), where the source gives one.
    pub price_year: Option<String>,
    /// The agency that bears the cost (and saves it when it is avoided).
    pub agency: String,
    /// Fiscal, economic or social.
    pub kind: ValueKind,
    /// Whether a saving can be taken out of a budget (`None` where the source does not say).
    pub cashable: Option<bool>,
    /// Where the value comes from.
    pub source: Source,
    /// Caveats, e.g. "as cited by the evaluation; version not verified".
    pub note: String,
}

/// The weekly value (cost to the public purse, per child) of each care status.
///
/// A closed case costs nothing unless a value is given for it.
///
/// ```
/// use froi::{CareStatus, StatusValues, WeeklyValue};
/// let values = StatusValues::new()
///     .with(CareStatus::ChildInNeed, WeeklyValue::parse("65.4").unwrap());
/// assert_eq!(values.weekly(CareStatus::Closed).unwrap(), WeeklyValue::ZERO);
/// assert!(values.weekly(CareStatus::LookedAfterFoster).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusValues {
    closed: Option<WeeklyValue>,
    child_in_need: Option<WeeklyValue>,
    child_protection: Option<WeeklyValue>,
    kinship: Option<WeeklyValue>,
    looked_after: Option<WeeklyValue>,
}

impl Default for StatusValues {
    fn default() -> Self {
        StatusValues::new()
    }
}

impl StatusValues {
    /// No values yet, except zero for a closed case.
    pub const fn new() -> StatusValues {
        StatusValues {
            closed: Some(WeeklyValue::ZERO),
            child_in_need: None,
            child_protection: None,
            kinship: None,
            looked_after: None,
        }
    }

    /// The same values with `status` valued at `weekly`.
    pub fn with(mut self, status: CareStatus, weekly: WeeklyValue) -> StatusValues {
        *self.slot(status) = Some(weekly);
        self
    }

    fn slot(&mut self, status: CareStatus) -> &mut Option<WeeklyValue> {
        match status {
            CareStatus::Closed => &mut self.closed,
            CareStatus::ChildInNeed => &mut self.child_in_need,
            CareStatus::ChildProtectionPlan => &mut self.child_protection,
            CareStatus::KinshipCare => &mut self.kinship,
            CareStatus::LookedAfterFoster => &mut self.looked_after,
        }
    }

    /// The weekly value of `status`, or an error if the catalogue has none.
    pub fn weekly(&self, status: CareStatus) -> Result<WeeklyValue> {
        let value = match status {
            CareStatus::Closed => self.closed,
            CareStatus::ChildInNeed => self.child_in_need,
            CareStatus::ChildProtectionPlan => self.child_protection,
            CareStatus::KinshipCare => self.kinship,
            CareStatus::LookedAfterFoster => self.looked_after,
        };
        value.ok_or_else(|| Error::UnitValue {
            at: Location::field("unit values"),
            status: status.label().to_string(),
            problem: "the catalogue has no entry for it".into(),
        })
    }

    /// Every value multiplied by `factor` (for sensitivity and tests).
    pub fn checked_scale(&self, factor: Decimal) -> Result<StatusValues> {
        let scale = |v: Option<WeeklyValue>| v.map(|w| w.checked_scale(factor)).transpose();
        Ok(StatusValues {
            closed: scale(self.closed)?,
            child_in_need: scale(self.child_in_need)?,
            child_protection: scale(self.child_protection)?,
            kinship: scale(self.kinship)?,
            looked_after: scale(self.looked_after)?,
        })
    }

    /// Build the status values from catalogue entries that name a status.
    ///
    /// Each such entry must be weekly and not negative, and each status may
    /// appear once. `at` names the catalogue file in errors.
    pub fn from_catalogue(catalogue: &[UnitValue], at: &Location) -> Result<StatusValues> {
        let mut values = StatusValues::new();
        let mut seen = Vec::new();
        for entry in catalogue {
            let Some(status) = entry.status else { continue };
            let problem = if entry.period != Period::Week {
                Some(format!("entry {:?} is not per week", entry.id))
            } else if entry.amount.is_sign_negative() && !entry.amount.is_zero() {
                Some(format!(
                    "entry {:?} is negative ({})",
                    entry.id, entry.amount
                ))
            } else if seen.contains(&status) {
                Some(format!("entry {:?} values it a second time", entry.id))
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(Error::UnitValue {
                    at: at.clone(),
                    status: status.label().to_string(),
                    problem,
                });
            }
            seen.push(status);
            values = values.with(status, WeeklyValue::new(entry.amount));
        }
        Ok(values)
    }
}

/// Which status counts as "after" the intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomePoint {
    /// The status when the family left the service.
    Exit,
    /// The status at the follow-up date (January 2020 in the NELC appendix).
    FollowUp,
}

/// What a move to a more costly status earns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Deterioration {
    /// Nothing: benefits are floored at zero (the NELC appendix's rule).
    NoBenefit,
    /// A negative benefit: the extra weekly cost over the window.
    NegativeBenefit,
}

/// The valuation rule: benefit per child = (weekly value at entry - weekly
/// value at the outcome point) x window, with deteriorations treated as chosen.
///
/// ```
/// use froi::{CareStatus, Deterioration, OutcomePoint, StatusValues, ValuationRule, WeeklyValue, Weeks};
/// let values = StatusValues::new()
///     .with(CareStatus::ChildProtectionPlan, WeeklyValue::parse("113.9").unwrap())
///     .with(CareStatus::ChildInNeed, WeeklyValue::parse("65.4").unwrap());
/// let rule = ValuationRule {
///     outcome: OutcomePoint::FollowUp,
///     deterioration: Deterioration::NoBenefit,
///     window: Weeks::new(52).unwrap(),
/// };
/// // Table 13, family 17: CP at entry, CIN in January 2020: (113.9 - 65.4) x 52.
/// let b = rule.benefit_per_child(&values, CareStatus::ChildProtectionPlan, CareStatus::ChildInNeed).unwrap();
/// assert_eq!(b.to_string(), "2522");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ValuationRule {
    /// Which status counts as "after".
    pub outcome: OutcomePoint,
    /// What a deterioration earns.
    pub deterioration: Deterioration,
    /// How many weeks of the weekly change are counted.
    pub window: Weeks,
}

impl fmt::Display for OutcomePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OutcomePoint::Exit => "exit",
            OutcomePoint::FollowUp => "follow-up",
        })
    }
}

impl fmt::Display for Deterioration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Deterioration::NoBenefit => "no benefit for a deterioration",
            Deterioration::NegativeBenefit => "a negative benefit for a deterioration",
        })
    }
}

/// The rule in words, as reports print it.
///
/// ```
/// # use froi::*;
/// let rule = ValuationRule {
///     outcome: OutcomePoint::FollowUp,
///     deterioration: Deterioration::NoBenefit,
///     window: Weeks::new(52).unwrap(),
/// };
/// assert_eq!(
///     rule.to_string(),
///     "(weekly value at entry - weekly value at follow-up) x 52 weeks per child, \
///      no benefit for a deterioration"
/// );
/// ```
impl fmt::Display for ValuationRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "(weekly value at entry - weekly value at {}) x {} weeks per child, {}",
            self.outcome,
            self.window.get(),
            self.deterioration
        )
    }
}

impl ValuationRule {
    /// The family's status at this rule's outcome point.
    pub fn outcome_of(&self, family: &Family) -> CareStatus {
        match self.outcome {
            OutcomePoint::Exit => family.exit(),
            OutcomePoint::FollowUp => family.follow_up(),
        }
    }

    /// The benefit of a whole family: children x the benefit per child from
    /// its status at entry to its status at the outcome point.
    pub fn family_benefit(&self, values: &StatusValues, family: &Family) -> Result<Money> {
        self.benefit_per_child(values, family.entry(), self.outcome_of(family))?
            .checked_times(u64::from(family.children()))
    }

    /// The benefit for one child moving from `entry` to `outcome`.
    pub fn benefit_per_child(
        &self,
        values: &StatusValues,
        entry: CareStatus,
        outcome: CareStatus,
    ) -> Result<Money> {
        let saving = values
            .weekly(entry)?
            .checked_saving_to(values.weekly(outcome)?)?;
        let benefit = saving.checked_over(self.window)?;
        Ok(match self.deterioration {
            Deterioration::NoBenefit if benefit < Money::ZERO => Money::ZERO,
            _ => benefit,
        })
    }
}
