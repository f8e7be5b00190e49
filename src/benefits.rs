//! Unit benefits: the catalogue of unit values, the value of each state, and
//! the rule that turns a change of state into a benefit.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cohorts::Family;
use crate::error::{Error, Location, Result};
use crate::money::{Money, WeeklyValue, Weeks, div, mul, sub};
use crate::provenance::Source;
use crate::states::{Movement, State, StateCatalogue};
use crate::valuation::RealGrowth;

/// The period a unit value is quoted for.
///
/// A rate (week, month, year) converts to weeks by one rule, printed in every
/// report that uses it: a year is 52 weeks and a month 52/12 weeks, so a rate
/// held for *W* weeks is worth `amount x W x (periods a year) / 52`,
/// multiplied before it is divided (a weekly value over whole weeks stays
/// exact). An event or one-off value is counted per occurrence.
///
/// ```
/// use froi::{Period, Weeks};
/// use froi::decimal;
/// let w = Weeks::new(26)?;
/// assert_eq!(Period::Week.over_window(decimal("100")?, w)?.to_string(), "2600");
/// assert_eq!(Period::Month.over_window(decimal("100")?, w)?.to_string(), "600");
/// assert_eq!(Period::Year.over_window(decimal("5200")?, w)?.to_string(), "2600");
/// assert!(Period::Event.over_window(decimal("100")?, w).is_err());
/// assert_eq!(Period::Month.to_string(), "month");
/// # Ok::<(), froi::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Period {
    /// Per week.
    Week,
    /// Per month (52/12 weeks).
    Month,
    /// Per year (52 weeks).
    Year,
    /// Per event or episode (one occurrence, however long).
    Event,
    /// Once (a one-off value, e.g. a care order application).
    OneOff,
}

impl Period {
    /// Weeks in a year, by the rule every conversion uses.
    pub const WEEKS_PER_YEAR: u32 = 52;

    /// The words a file may use for each period.
    pub const WORDS: &'static str = "week, month, year, event (or episode), one_off";

    /// Read a period word (see [`Period::WORDS`]), any case.
    pub fn parse(word: &str) -> Option<Period> {
        Some(match word.trim().to_ascii_lowercase().as_str() {
            "week" => Period::Week,
            "month" => Period::Month,
            "year" => Period::Year,
            "event" | "episode" => Period::Event,
            "one_off" | "one-off" => Period::OneOff,
            _ => return None,
        })
    }

    /// How many periods make a year (52, 12, 1), or `None` for an event or a
    /// one-off value, which is not a rate.
    pub const fn per_year(self) -> Option<u32> {
        match self {
            Period::Week => Some(52),
            Period::Month => Some(12),
            Period::Year => Some(1),
            Period::Event | Period::OneOff => None,
        }
    }

    /// Whether the value is a rate over time (week, month, year).
    pub const fn is_rate(self) -> bool {
        self.per_year().is_some()
    }

    /// A rate of `amount` a period held for `window` weeks; an event or
    /// one-off value is an error (it has no rate).
    pub fn over_window(self, amount: Decimal, window: Weeks) -> Result<Decimal> {
        let weeks = Decimal::from(window.get());
        match self {
            Period::Week => mul(amount, weeks),
            Period::Month | Period::Year => {
                let per_year = Decimal::from(self.per_year().unwrap_or(1));
                let numerator = mul(mul(amount, weeks)?, per_year)?;
                div(numerator, Decimal::from(Self::WEEKS_PER_YEAR), || {
                    "a rate over its window".into()
                })
            }
            Period::Event | Period::OneOff => Err(Error::OutOfRange {
                at: Location::field("period"),
                value: self.to_string(),
                field_rule:
                    "a value held over a window of weeks must be a rate: per week, month or year"
                        .into(),
            }),
        }
    }

    /// A rate of `amount` a period, a year's worth (`amount x periods a
    /// year`); an event or one-off value is taken as it is.
    pub fn annual(self, amount: Decimal) -> Result<Decimal> {
        match self.per_year() {
            Some(n) => mul(amount, Decimal::from(n)),
            None => Ok(amount),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
            Period::Event => "event",
            Period::OneOff => "one-off",
        })
    }
}

/// The strand of cost-benefit analysis a value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ValueKind {
    /// A cost to the public purse (the FROI strand).
    Fiscal,
    /// A wider economic value (e.g. earnings).
    Economic,
    /// A social value (e.g. wellbeing).
    Social,
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueKind::Fiscal => "fiscal",
            ValueKind::Economic => "economic",
            ValueKind::Social => "social",
        })
    }
}

/// One entry of a unit-value catalogue, with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitValue {
    /// A short identifier, unique in the catalogue.
    pub id: String,
    /// The source catalogue's own code, e.g. `SS3.0` in the GMCA database.
    pub code: Option<String>,
    /// What the value is, in the source's words.
    pub description: String,
    /// The state whose cost this is (per person, per period), if it is one.
    pub state: Option<State>,
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
    /// The source's low and high values, where it gives them: an analysis
    /// that names this value and no bounds of its own takes them.
    #[serde(default)]
    pub range: Option<ValueRange>,
    /// The edition of the guidance or catalogue the value is from (e.g.
    /// `Green Book supplementary guidance, July 2021`), where stated.
    #[serde(default)]
    pub vintage: Option<String>,
    /// The value's real growth a year (the VPF grows with real GDP per
    /// head), applied from its price year on, beside and never mixed with
    /// the restatement of prices.
    #[serde(default)]
    pub real_growth: Option<RealGrowth>,
}

/// A value's low and high alternatives, as its source gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueRange {
    /// The low value.
    pub low: Decimal,
    /// The high value.
    pub high: Decimal,
}

impl ValueRange {
    /// A range from `low` to `high`; `low` above `high` is refused.
    pub fn new(low: Decimal, high: Decimal) -> Result<ValueRange> {
        if low > high {
            return Err(Error::OutOfRange {
                at: Location::field("range"),
                value: format!("{low} to {high}"),
                field_rule: "a low value is not above its high value".into(),
            });
        }
        Ok(ValueRange { low, high })
    }
}

impl UnitValue {
    /// A fiscal value of `amount` a `period`, with its id and source, and
    /// nothing else stated yet.
    pub fn new(
        id: impl Into<String>,
        amount: Decimal,
        period: Period,
        source: Source,
    ) -> UnitValue {
        UnitValue {
            id: id.into(),
            code: None,
            description: String::new(),
            state: None,
            amount,
            period,
            price_year: None,
            agency: String::new(),
            kind: ValueKind::Fiscal,
            cashable: None,
            source,
            note: String::new(),
            range: None,
            vintage: None,
            real_growth: None,
        }
    }

    /// The same value, with the low and high values its source gives.
    pub fn range(mut self, range: ValueRange) -> UnitValue {
        self.range = Some(range);
        self
    }

    /// The same value, growing in real terms by `growth` a year.
    pub fn real_growth(mut self, growth: RealGrowth) -> UnitValue {
        self.real_growth = Some(growth);
        self
    }

    /// The same value, from an edition of its guidance or catalogue.
    pub fn vintage(mut self, vintage: impl Into<String>) -> UnitValue {
        self.vintage = Some(vintage.into());
        self
    }

    /// The same value, as the cost of being in `state`.
    pub fn for_state(mut self, state: State) -> UnitValue {
        self.state = Some(state);
        self
    }

    /// The same value, borne (and saved) by `agency`.
    pub fn agency(mut self, agency: impl Into<String>) -> UnitValue {
        self.agency = agency.into();
        self
    }

    /// The same value, of another kind (fiscal, economic, social).
    pub fn kind(mut self, kind: ValueKind) -> UnitValue {
        self.kind = kind;
        self
    }

    /// The same value, stated cashable or not.
    pub fn cashable(mut self, cashable: bool) -> UnitValue {
        self.cashable = Some(cashable);
        self
    }

    /// The same value, in `year`'s prices (e.g. `2013/14`).
    pub fn price_year(mut self, year: impl Into<String>) -> UnitValue {
        self.price_year = Some(year.into());
        self
    }

    /// The same value, with the source catalogue's own code (e.g. `SS3.0`).
    pub fn code(mut self, code: impl Into<String>) -> UnitValue {
        self.code = Some(code.into());
        self
    }

    /// The same value, described in the source's words.
    pub fn described(mut self, description: impl Into<String>) -> UnitValue {
        self.description = description.into();
        self
    }
}

/// The value of being in a state: an amount per period (a rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateValue {
    /// Pounds per period, per person.
    pub amount: Decimal,
    /// Week, month or year.
    pub period: Period,
}

impl StateValue {
    /// Pounds a week.
    pub const fn weekly(value: WeeklyValue) -> StateValue {
        StateValue {
            amount: value.value(),
            period: Period::Week,
        }
    }

    /// The value held for `window` weeks.
    pub fn over_window(self, window: Weeks) -> Result<Money> {
        self.period.over_window(self.amount, window).map(Money::new)
    }

    /// The weekly equivalent (a monthly value x 12 / 52, a yearly one / 52).
    pub fn per_week(self) -> Result<WeeklyValue> {
        match self.period {
            Period::Week => Ok(WeeklyValue::new(self.amount)),
            _ => self
                .period
                .over_window(self.amount, Weeks::ONE)
                .map(WeeklyValue::new),
        }
    }
}

/// The value (cost to the public purse, per person and period) of each state
/// of a catalogue.
///
/// A closed state costs nothing unless a value is given for it.
///
/// ```
/// use froi::{StateValues, WeeklyValue};
/// let states = froi::nelc_2020::states()?;
/// let cin = states.state("CIN")?;
/// let values = StateValues::new(&states).with_weekly(cin, WeeklyValue::parse("65.4")?);
/// assert_eq!(values.weekly(states.state("CLOSED")?)?, WeeklyValue::ZERO);
/// assert_eq!(values.weekly(cin)?.to_string(), "65.4");
/// assert!(values.weekly(states.state("LAC")?).is_err());
/// # Ok::<(), froi::Error>(())
/// ```
///
/// Written as the catalogue's word for a state and one entry per state, in
/// catalogue order: `{"noun": "care status", "values": [{"state": "CIN",
/// "amount": "65.4", "period": "week"}, {"state": "LAC"}]}` (no amount: not
/// valued).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "StateValuesData", from = "StateValuesData")]
pub struct StateValues {
    values: Vec<Option<StateValue>>,
    /// Each state's id and the catalogue's noun, for messages.
    names: Vec<String>,
    /// Each state's id.
    ids: Vec<String>,
    /// What a state is called.
    noun: String,
}

#[derive(Serialize, Deserialize)]
struct StateValuesData {
    noun: String,
    values: Vec<StateValueEntry>,
}

#[derive(Serialize, Deserialize)]
struct StateValueEntry {
    state: String,
    #[serde(flatten)]
    value: Option<StateValue>,
}

impl From<StateValues> for StateValuesData {
    fn from(v: StateValues) -> StateValuesData {
        StateValuesData {
            noun: v.noun,
            values: v
                .ids
                .into_iter()
                .zip(v.values)
                .map(|(state, value)| StateValueEntry { state, value })
                .collect(),
        }
    }
}

impl From<StateValuesData> for StateValues {
    fn from(d: StateValuesData) -> StateValues {
        StateValues {
            names: d
                .values
                .iter()
                .map(|e| format!("{} {}", d.noun, e.state))
                .collect(),
            ids: d.values.iter().map(|e| e.state.clone()).collect(),
            values: d.values.into_iter().map(|e| e.value).collect(),
            noun: d.noun,
        }
    }
}

impl StateValues {
    /// No values yet, except zero for closed states.
    pub fn new(states: &StateCatalogue) -> StateValues {
        StateValues {
            values: states
                .iter()
                .map(|(_, d)| {
                    d.closed.then_some(StateValue {
                        amount: Decimal::ZERO,
                        period: Period::Week,
                    })
                })
                .collect(),
            names: states
                .iter()
                .map(|(_, d)| format!("{} {}", states.noun(), d.id))
                .collect(),
            ids: states.iter().map(|(_, d)| d.id.clone()).collect(),
            noun: states.noun().to_string(),
        }
    }

    /// The same values with `state` valued at `value`.
    pub fn with(mut self, state: State, value: StateValue) -> StateValues {
        if let Some(slot) = self.values.get_mut(state.index()) {
            *slot = Some(value);
        }
        self
    }

    /// The same values with `state` valued at `weekly` a week.
    pub fn with_weekly(self, state: State, weekly: WeeklyValue) -> StateValues {
        self.with(state, StateValue::weekly(weekly))
    }

    /// Values a week for the states named by id, written as exact decimals
    /// (closed states are worth zero, as in [`StateValues::new`]).
    ///
    /// ```
    /// let states = froi::StateCatalogue::ladder("care status", "CLOSED", ["CIN", "CP"])?;
    /// let values = froi::StateValues::from_weekly(&states, [("CIN", "65.4"), ("CP", "113.9")])?;
    /// assert_eq!(values.weekly(states.state("CP")?)?.to_string(), "113.9");
    /// let bad = froi::StateValues::from_weekly(&states, [("CP", "£113.90")]).unwrap_err();
    /// assert!(bad.to_string().contains("weekly value of CP"));
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn from_weekly<'a>(
        states: &StateCatalogue,
        weekly: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<StateValues> {
        weekly
            .into_iter()
            .try_fold(StateValues::new(states), |values, (id, amount)| {
                let at = Location::field(format!("weekly value of {id}"));
                let amount = crate::money::parse_decimal(amount, &at)?;
                Ok(values.with_weekly(states.state(id)?, WeeklyValue::new(amount)))
            })
    }

    /// The value of `state`, or an error if the catalogue has none.
    pub fn value(&self, state: State) -> Result<StateValue> {
        self.values
            .get(state.index())
            .copied()
            .flatten()
            .ok_or_else(|| Error::UnitValue {
                at: Location::field("unit values"),
                state: self.name(state).to_string(),
                problem: "the catalogue has no entry for it".into(),
            })
    }

    /// The weekly value of `state` (see [`StateValue::per_week`]).
    pub fn weekly(&self, state: State) -> Result<WeeklyValue> {
        self.value(state)?.per_week()
    }

    /// The state and its catalogue's word for it, e.g. `care status CIN`.
    pub fn name(&self, state: State) -> &str {
        self.names.get(state.index()).map_or("", String::as_str)
    }

    /// The number of states.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether these values are for `states`: the same ids in the same order.
    pub fn fits(&self, states: &StateCatalogue) -> bool {
        self.ids.len() == states.len()
            && self
                .ids
                .iter()
                .zip(states.iter())
                .all(|(id, (_, d))| *id == d.id)
    }

    /// Whether there are no states.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Every value multiplied by `factor` (for sensitivity and tests).
    pub fn checked_scale(&self, factor: Decimal) -> Result<StateValues> {
        let values = self
            .values
            .iter()
            .map(|v| {
                v.map(|v| {
                    Ok(StateValue {
                        amount: mul(v.amount, factor)?,
                        period: v.period,
                    })
                })
                .transpose()
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(StateValues {
            values,
            ..self.clone()
        })
    }

    /// Build the state values from catalogue entries that name a state.
    ///
    /// Each such entry must be a rate (per week, month or year) and not
    /// negative, and each state may appear once. `at` names the catalogue
    /// file in errors.
    pub fn from_catalogue(
        states: &StateCatalogue,
        catalogue: &[UnitValue],
        at: &Location,
    ) -> Result<StateValues> {
        let mut values = StateValues::new(states);
        let mut seen = Vec::new();
        for entry in catalogue {
            let Some(state) = entry.state else { continue };
            let problem = if !entry.period.is_rate() {
                Some(format!(
                    "entry {:?} is per {}, not a rate per week, month or year",
                    entry.id, entry.period
                ))
            } else if entry.amount.is_sign_negative() && !entry.amount.is_zero() {
                Some(format!(
                    "entry {:?} is negative ({})",
                    entry.id, entry.amount
                ))
            } else if seen.contains(&state) {
                Some(format!("entry {:?} values it a second time", entry.id))
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(Error::UnitValue {
                    at: at.clone(),
                    state: values.name(state).to_string(),
                    problem,
                });
            }
            seen.push(state);
            values = values.with(
                state,
                StateValue {
                    amount: entry.amount,
                    period: entry.period,
                },
            );
        }
        Ok(values)
    }
}

/// Which status counts as "after" the intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomePoint {
    /// The status when the family left the service.
    Exit,
    /// The status at the follow-up date (January 2020 in the NELC appendix).
    FollowUp,
}

/// What a move to a more costly status earns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
/// use froi::{Deterioration, OutcomePoint, StateValues, ValuationRule, WeeklyValue, Weeks};
/// let states = froi::nelc_2020::states()?;
/// let (cp, cin) = (states.state("CP")?, states.state("CIN")?);
/// let values = StateValues::new(&states)
///     .with_weekly(cp, WeeklyValue::parse("113.9")?)
///     .with_weekly(cin, WeeklyValue::parse("65.4")?);
/// let rule = ValuationRule {
///     outcome: OutcomePoint::FollowUp,
///     deterioration: Deterioration::NoBenefit,
///     window: Weeks::new(52)?,
/// };
/// // Table 13, family 17: CP at entry, CIN in January 2020: (113.9 - 65.4) x 52.
/// let b = rule.benefit_per_child(&values, cp, cin)?;
/// assert_eq!(b.to_string(), "2522");
/// # Ok::<(), froi::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// A rule: the outcome point, what a deterioration earns, the window.
    pub fn new(
        outcome: OutcomePoint,
        deterioration: Deterioration,
        window: Weeks,
    ) -> ValuationRule {
        ValuationRule {
            outcome,
            deterioration,
            window,
        }
    }

    /// The family's state at this rule's outcome point.
    pub fn outcome_of(&self, family: &Family) -> State {
        match self.outcome {
            OutcomePoint::Exit => family.exit(),
            OutcomePoint::FollowUp => family.follow_up(),
        }
    }

    /// The benefit of a whole family: children x the benefit per child from
    /// its status at entry to its status at the outcome point.
    pub fn family_benefit(&self, values: &StateValues, family: &Family) -> Result<Money> {
        self.benefit_per_child(values, family.entry(), self.outcome_of(family))?
            .checked_times(u64::from(family.children()))
    }

    /// How `outcome` compares with `entry`: by the catalogue's intensity
    /// ranks, or, for a catalogue without ranks, by each state's value over
    /// the window (a costlier state is a deterioration).
    pub fn movement(
        &self,
        states: &StateCatalogue,
        values: &StateValues,
        entry: State,
        outcome: State,
    ) -> Result<Movement> {
        if let Some(m) = states.movement(entry, outcome) {
            return Ok(m);
        }
        let worth = |s: State| values.value(s)?.over_window(self.window);
        Ok(Movement::from_order(worth(outcome)?.cmp(&worth(entry)?)))
    }

    /// The benefit for one person moving from `entry` to `outcome`: the
    /// value of `entry` over the window less the value of `outcome` over it.
    pub fn benefit_per_child(
        &self,
        values: &StateValues,
        entry: State,
        outcome: State,
    ) -> Result<Money> {
        let (e, o) = (values.value(entry)?, values.value(outcome)?);
        // Same period: subtract first, as the publication's arithmetic does
        // ((113.9 - 65.4) x 52), so the figure's digits are the same.
        let benefit = if e.period == o.period {
            Money::new(
                e.period
                    .over_window(sub(e.amount, o.amount)?, self.window)?,
            )
        } else {
            e.over_window(self.window)?
                .checked_sub(o.over_window(self.window)?)?
        };
        Ok(match self.deterioration {
            Deterioration::NoBenefit if benefit < Money::ZERO => Money::ZERO,
            _ => benefit,
        })
    }
}
