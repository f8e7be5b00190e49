//! Options appraised against business as usual: the Green Book's
//! shortlist.
//!
//! An [`OptionSet`] is a shared programme (the inputs the options have in
//! common) and its options, the first of them business as usual. An option
//! is *do nothing* (no cost, no benefit: the counterfactual a programme's
//! effects are already measured against), *the shared programme*, or *its
//! own programme*, each with `changes`: parameter values set on it, named
//! as the sensitivity analyses name them. A value changed in the shared
//! programme moves every option that does not set it.
//!
//! ```
//! use froi::prelude::*;
//! use froi::options::{OptionSet, OptionSpec, Standing};
//! use froi::uncertainty::Parameter;
//! let service = Programme::new(Horizon::new(3)?)
//!     .benefit(BenefitStream::new("care avoided", Money::from_pounds(100_000), 3)?)
//!     .cost(CostStream::recurring("team", Money::from_pounds(60_000), 3));
//! let cheaper = Parameter::parse("cost.team.recurring")?;
//! let set = OptionSet::new("Edge of care", service)
//!     .option(OptionSpec::do_nothing("Business as usual"))
//!     .option(OptionSpec::shared("The service"))
//!     .option(OptionSpec::shared("A cheaper team").with(cheaper, Decimal::from(40_000)));
//! let a = set.appraise()?;
//! let service = a.option("The service").unwrap();
//! let over_bau = service.over_business_as_usual.as_ref().unwrap();
//! assert_eq!(over_bau.npv, service.npv); // business as usual is zero
//! // The cheaper team buys the same benefit for less: the service is dominated.
//! assert!(matches!(service.standing, Standing::Dominated { .. }));
//! # Ok::<(), froi::Error>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::appraisal::appraise;
use crate::error::{Error, Location, Result, find_named};
use crate::money::{Money, Ratio, div, sub};
use crate::over_time::Programme;
use crate::uncertainty::{Parameter, apply, bisect_root};

/// What an option starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Basis {
    /// No cost and no benefit: the counterfactual.
    DoNothing,
    /// The set's shared programme.
    Shared,
    /// A programme of its own.
    Own(Box<Programme>),
}

/// One option: its basis and the values it sets on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionSpec {
    /// A name for reports.
    pub name: String,
    /// What it starts from.
    pub basis: Basis,
    /// Parameter values set on its basis, in order.
    pub changes: Vec<(Parameter, Decimal)>,
}

impl OptionSpec {
    /// An option that does nothing (business as usual, as a rule).
    pub fn do_nothing(name: impl Into<String>) -> OptionSpec {
        OptionSpec {
            name: name.into(),
            basis: Basis::DoNothing,
            changes: Vec::new(),
        }
    }

    /// An option that is the shared programme (with any changes).
    pub fn shared(name: impl Into<String>) -> OptionSpec {
        OptionSpec {
            name: name.into(),
            basis: Basis::Shared,
            changes: Vec::new(),
        }
    }

    /// An option that is a programme of its own.
    pub fn own(name: impl Into<String>, programme: Programme) -> OptionSpec {
        OptionSpec {
            name: name.into(),
            basis: Basis::Own(Box::new(programme)),
            changes: Vec::new(),
        }
    }

    /// The same option, with `parameter` set to `value`.
    pub fn with(mut self, parameter: Parameter, value: Decimal) -> OptionSpec {
        self.changes.push((parameter, value));
        self
    }
}

/// The outcome the options buy, where it is not valued in pounds: the
/// outcomes of named outcome lines, net of their adjustments, over the
/// horizon (entries to care avoided, WELLBYs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeMeasure {
    /// What one unit is, for reports ("entry to care avoided").
    pub unit: String,
    /// The outcome lines counted.
    pub lines: Vec<String>,
}

/// A shortlist: a shared programme and its options, the first business as
/// usual.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionSet {
    /// A name for reports.
    pub name: String,
    /// The inputs the options share.
    pub shared: Programme,
    /// The options; the first is business as usual.
    pub options: Vec<OptionSpec>,
    /// The outcome cost-effectiveness is measured in (`None`: PV benefits).
    pub measure: Option<OutcomeMeasure>,
    /// Switching values between pairs of options to find.
    #[serde(default)]
    pub switching: Vec<Swap>,
}

/// A switching value to find between two options: the value of a shared
/// input at which their NPVs are equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Swap {
    /// The two options.
    pub between: (String, String),
    /// The input moved in both.
    pub parameter: Parameter,
    /// The range searched, low to high.
    pub range: (Decimal, Decimal),
}

/// A switching value found (or not) between two options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SwapResult {
    /// What was searched.
    pub swap: Swap,
    /// The input's value in the shared programme.
    pub base_value: Option<Decimal>,
    /// The value at which the two NPVs are equal; `None` where they do not
    /// swap in the range.
    pub value: Option<Decimal>,
}

/// One option's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OptionResult {
    /// The option's name.
    pub name: String,
    /// PV of costs.
    pub pv_costs: Money,
    /// PV of benefits.
    pub pv_benefits: Money,
    /// NPV.
    pub npv: Money,
    /// PV benefits / PV costs (`None` for an option that costs nothing).
    pub bcr: Option<Ratio>,
    /// Units of the outcome measure (without one: PV benefits, in pounds).
    pub effect: Decimal,
    /// Against business as usual (`None` for business as usual itself).
    pub over_business_as_usual: Option<Increment>,
    /// Against the option that costs next less (`None` for the cheapest).
    pub over_next_cheaper: Option<Increment>,
    /// Where it stands on the efficiency frontier of cost against effect.
    pub standing: Standing,
}

/// One option less another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Increment {
    /// The option compared against.
    pub over: String,
    /// The difference in PV costs.
    pub cost: Money,
    /// The difference in PV benefits.
    pub benefit: Money,
    /// The difference in NPV.
    pub npv: Money,
    /// The difference in effect.
    pub effect: Decimal,
    /// The incremental benefit-cost ratio, Δ benefits / Δ costs (`None`
    /// where the costs are equal).
    pub bcr: Option<Ratio>,
    /// The cost per unit of the outcome measure, Δ costs / Δ effect (`None`
    /// without a measure or where the effects are equal).
    pub cost_per_unit: Option<Decimal>,
}

/// An option's place on the efficiency frontier (cost against effect).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Standing {
    /// On the frontier: no option costs no more and achieves no less; its
    /// incremental cost per unit of effect over the frontier option before
    /// it (`None` for the first).
    Frontier {
        /// The frontier option before it (`None` for the cheapest).
        over: Option<String>,
        /// Δ cost / Δ effect over that option.
        icer: Option<Decimal>,
    },
    /// Another option costs no more and achieves no less, one of the two
    /// strictly (or the same in both, listed earlier).
    Dominated {
        /// The option that dominates it.
        by: String,
    },
    /// A mix of the two options either side of it on the frontier does
    /// better: its incremental cost per unit exceeds the next option's.
    ExtendedlyDominated {
        /// The frontier options either side.
        between: (String, String),
    },
}

impl Standing {
    /// Whether the option is on the frontier.
    pub fn on_frontier(&self) -> bool {
        matches!(self, Standing::Frontier { .. })
    }

    /// The standing in words, for reports: on the frontier with its
    /// incremental cost per unit of effect (or, where effect is PV benefits,
    /// its incremental benefit-cost ratio), dominated by an option, or
    /// extendedly dominated between two.
    pub fn describe(&self, measured: bool) -> String {
        use crate::money::{Rounding, grouped, pounds_text};
        match self {
            Standing::Frontier { over: None, .. } => "on the frontier, the cheapest there".into(),
            Standing::Frontier {
                over: Some(o),
                icer: Some(r),
            } if measured => format!(
                "on the frontier, {} more for each unit over {o}",
                pounds_text(*r, Rounding::half_up(0))
            ),
            Standing::Frontier {
                over: Some(o),
                icer: Some(r),
            } => match Decimal::ONE.checked_div(*r) {
                Some(bcr) => format!(
                    "on the frontier, an incremental benefit-cost ratio of {} over {o}",
                    grouped(bcr, Rounding::half_up(2))
                ),
                None => format!("on the frontier, beyond {o}"),
            },
            Standing::Frontier { over: Some(o), .. } => {
                format!("on the frontier, no more effect than {o} at no more cost")
            }
            Standing::Dominated { by } => format!("dominated by {by}"),
            Standing::ExtendedlyDominated { between: (a, b) } => {
                format!("extendedly dominated (a mix of {a} and {b} does better)")
            }
        }
    }
}

/// The appraisal of a shortlist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OptionsAppraisal {
    /// The set's name.
    pub name: String,
    /// The unit of the outcome measure (`None`: effect is PV benefits).
    pub measure: Option<String>,
    /// Each option, in the set's order; the first is business as usual.
    pub options: Vec<OptionResult>,
    /// The switching values the set asks for.
    pub switching: Vec<SwapResult>,
}

impl OptionsAppraisal {
    /// One option's figures.
    pub fn option(&self, name: &str) -> Option<&OptionResult> {
        self.options.iter().find(|o| o.name == name)
    }

    /// The options on the frontier, cheapest first.
    pub fn frontier(&self) -> Vec<&OptionResult> {
        let mut on: Vec<&OptionResult> = self
            .options
            .iter()
            .filter(|o| o.standing.on_frontier())
            .collect();
        on.sort_by_key(|o| o.pv_costs);
        on
    }
}

impl OptionSet {
    /// A set over `shared`, with no options yet.
    pub fn new(name: impl Into<String>, shared: Programme) -> OptionSet {
        OptionSet {
            name: name.into(),
            shared,
            options: Vec::new(),
            measure: None,
            switching: Vec::new(),
        }
    }

    /// The same set with one more option (the first added is business as usual).
    pub fn option(mut self, option: OptionSpec) -> OptionSet {
        self.options.push(option);
        self
    }

    /// The same set, finding the switching value of `swap`.
    pub fn switching(mut self, swap: Swap) -> OptionSet {
        self.switching.push(swap);
        self
    }

    /// The same set, measuring effect in units of `measure`.
    pub fn measured_in(mut self, measure: OutcomeMeasure) -> OptionSet {
        self.measure = Some(measure);
        self
    }

    /// The most work an appraisal of options takes, in stream-years
    /// appraised (streams x years, summed over the options, and over the
    /// up to 402 appraisals of its two options each switching value takes):
    /// a bound on run time, as [`Programme::MAX_STREAM_YEARS`] bounds one
    /// programme.
    pub const MAX_WORK: u64 = 20_000_000;

    /// Check the set: at least two options, names unique, every change
    /// applying to its option, every measured line in each option that is
    /// not do-nothing, and the work within [`OptionSet::MAX_WORK`].
    pub fn validate(&self) -> Result<()> {
        self.check_shape()?;
        for o in &self.options {
            let Some(p) = self.programme_of(o)? else {
                continue;
            };
            if let Some(m) = &self.measure {
                units(&p, m).map_err(|e| in_option(e, &o.name))?;
            }
        }
        Ok(())
    }

    /// What can be checked without building an option: two options at
    /// least, names unique, the work within the bound.
    fn check_shape(&self) -> Result<()> {
        if self.options.len() < 2 {
            return Err(Error::Missing {
                at: Location::field("option"),
                what: "options (business as usual and at least one other)",
            });
        }
        for (i, o) in self.options.iter().enumerate() {
            if self.options.iter().take(i).any(|e| e.name == o.name) {
                return Err(Error::OutOfRange {
                    at: Location::field(format!("option[{i}].name")),
                    value: format!("{:?}", o.name),
                    field_rule: "an option's name is unique in its set".into(),
                });
            }
        }
        self.check_work()
    }

    /// The work the options and switching values take, against the bound.
    fn check_work(&self) -> Result<()> {
        let years = |o: &OptionSpec| match &o.basis {
            Basis::DoNothing => 0,
            Basis::Shared => self.shared.stream_years(),
            Basis::Own(p) => p.stream_years(),
        };
        let named = |name: &str| {
            self.options
                .iter()
                .find(|o| o.name == name)
                .map_or(0, years)
        };
        let options: u64 = self.options.iter().map(years).fold(0, u64::saturating_add);
        let swaps: u64 = self
            .switching
            .iter()
            .map(|w| {
                named(&w.between.0)
                    .saturating_add(named(&w.between.1))
                    .saturating_mul(402)
            })
            .fold(0, u64::saturating_add);
        let work = options.saturating_add(swaps);
        if work > Self::MAX_WORK {
            return Err(Error::OutOfRange {
                at: Location::field("option"),
                value: format!("{work} stream-years"),
                field_rule: format!(
                    "an appraisal of options takes at most {} stream-years ({options} for the options, {swaps} for the switching values, each re-appraising its two options up to 402 times): fewer options or switching values, or shorter programmes",
                    Self::MAX_WORK
                ),
            });
        }
        Ok(())
    }

    /// The programme an option appraises (`None` for do nothing), its
    /// changes applied to its basis; `extra` applies first, to the shared
    /// programme or the option's own (a switching value's trial value).
    fn programme_with(
        &self,
        o: &OptionSpec,
        extra: &[(Parameter, Decimal)],
    ) -> Result<Option<Programme>> {
        let mut p = match &o.basis {
            Basis::DoNothing => return Ok(None),
            Basis::Shared => self.shared.clone(),
            Basis::Own(p) => (**p).clone(),
        };
        let set = |p: &mut Programme, parameter: &Parameter, v: Decimal| {
            let applied = apply(p, parameter, v)? || apply_family(p, parameter, v)?;
            Ok::<bool, Error>(applied)
        };
        for (parameter, v) in extra.iter().chain(&o.changes) {
            if !set(&mut p, parameter, *v).map_err(|e| in_option(e, &o.name))? {
                return Err(Error::Unknown {
                    at: Location::field(format!("option {:?}: changes", o.name)),
                    what: "parameter of this option's programme".into(),
                    value: parameter.to_string(),
                    expected: "a parameter of its lines, streams, unit values or discounting, or of its family table's cases_per_year, service_cost or a state's unit value".into(),
                });
            }
        }
        Ok(Some(p))
    }

    fn programme_of(&self, o: &OptionSpec) -> Result<Option<Programme>> {
        self.programme_with(o, &[])
    }

    /// Appraise every option and place it against the others.
    pub fn appraise(&self) -> Result<OptionsAppraisal> {
        // Building each option for its figures checks its changes and its
        // measured lines as `validate` does: each is built once.
        self.check_shape()?;
        let figures = self
            .options
            .iter()
            .map(|o| self.figures(o, &[]))
            .collect::<Result<Vec<_>>>()?;
        let standings = standings(&figures)?;
        let has_measure = self.measure.is_some();
        let mut by_cost: Vec<usize> = (0..figures.len()).collect();
        by_cost.sort_by(|&a, &b| figures_order(&figures, a, b));
        let mut options = Vec::with_capacity(figures.len());
        for (i, (f, standing)) in figures.iter().zip(standings).enumerate() {
            let bau = figures.first().filter(|_| i > 0);
            let next_cheaper = by_cost
                .iter()
                .position(|&k| k == i)
                .and_then(|at| at.checked_sub(1))
                .and_then(|at| by_cost.get(at))
                .and_then(|&k| figures.get(k));
            options.push(OptionResult {
                name: f.name.clone(),
                pv_costs: f.cost,
                pv_benefits: f.benefit,
                npv: f.benefit.checked_sub(f.cost)?,
                bcr: ratio(f.benefit.value(), f.cost.value())?,
                effect: f.effect,
                over_business_as_usual: bau.map(|b| increment(f, b, has_measure)).transpose()?,
                over_next_cheaper: next_cheaper
                    .map(|b| increment(f, b, has_measure))
                    .transpose()?,
                standing,
            });
        }
        let switching = self
            .switching
            .iter()
            .map(|w| {
                Ok(SwapResult {
                    swap: w.clone(),
                    base_value: crate::uncertainty::value_in(&self.shared, &w.parameter)
                        .transpose()?,
                    value: self.switching_between(
                        &w.between.0,
                        &w.between.1,
                        &w.parameter,
                        w.range,
                    )?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(OptionsAppraisal {
            name: self.name.clone(),
            measure: self.measure.as_ref().map(|m| m.unit.clone()),
            options,
            switching,
        })
    }

    /// The switching value between options `a` and `b`: the value of
    /// `parameter` in `[low, high]` at which their NPVs are equal (each
    /// option's own changes kept), or `None` if they do not swap there.
    pub fn switching_between(
        &self,
        a: &str,
        b: &str,
        parameter: &Parameter,
        (low, high): (Decimal, Decimal),
    ) -> Result<Option<Decimal>> {
        let find = |name: &str| {
            let at = ("switching.between", "option");
            find_named(&self.options, |o| o.name.as_str(), name, at)
        };
        let (oa, ob) = (find(a)?, find(b)?);
        bisect_root(
            |v| {
                let extra = [(parameter.clone(), v)];
                let (fa, fb) = (self.figures(oa, &extra)?, self.figures(ob, &extra)?);
                sub(
                    sub(fa.benefit.value(), fa.cost.value())?,
                    sub(fb.benefit.value(), fb.cost.value())?,
                )
            },
            low,
            high,
        )
    }

    /// An option's present values and effect.
    fn figures(&self, o: &OptionSpec, extra: &[(Parameter, Decimal)]) -> Result<Figures> {
        let Some(p) = self.programme_with(o, extra)? else {
            return Ok(Figures {
                name: o.name.clone(),
                cost: Money::ZERO,
                benefit: Money::ZERO,
                effect: Decimal::ZERO,
            });
        };
        let appraisal = appraise(&p).map_err(|e| zero_cost_in_option(e, &o.name, extra))?;
        let pv = appraisal
            .present_values()
            .map_err(|e| in_option(e, &o.name))?;
        let effect = match &self.measure {
            Some(m) => units(&p, m).map_err(|e| in_option(e, &o.name))?,
            None => pv.pv_benefits.value(),
        };
        Ok(Figures {
            name: o.name.clone(),
            cost: pv.pv_costs,
            benefit: pv.pv_benefits,
            effect,
        })
    }
}

/// Set a parameter of a programme's family source: cases a year, the
/// annual service cost, or a state's unit value (its amount, in its own
/// period); `Ok(false)` where the programme has none of it.
fn apply_family(p: &mut Programme, parameter: &Parameter, v: Decimal) -> Result<bool> {
    let Some(f) = p.family_source.as_mut() else {
        return Ok(false);
    };
    match (parameter, f.annual.as_mut()) {
        (Parameter::CasesPerYear, Some(a)) => a.cases_per_year = v,
        (Parameter::ServiceCost, Some(a)) => a.service_cost = Money::new(v),
        (Parameter::UnitValue(label), _) => {
            let Ok(state) = f.states.state(label) else {
                return Ok(false);
            };
            let period = f.values.value(state)?.period;
            let value = crate::benefits::StateValue { amount: v, period };
            f.values = f.values.clone().with(state, value);
            // The catalogue the values came from says the same.
            for u in f.catalogue.iter_mut().filter(|u| u.state == Some(state)) {
                u.amount = v;
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// An option's present values and effect, before it is placed.
struct Figures {
    name: String,
    cost: Money,
    benefit: Money,
    effect: Decimal,
}

/// The measure's units in a programme: each named line's outcomes over the
/// horizon, net of its adjustments.
fn units(p: &Programme, m: &OutcomeMeasure) -> Result<Decimal> {
    let mut total = Decimal::ZERO;
    for name in &m.lines {
        let line = p
            .outcomes
            .iter()
            .find(|l| &l.name == name)
            .ok_or_else(|| Error::Unknown {
                at: Location::field("measure.lines"),
                what: "outcome line".into(),
                value: name.clone(),
                expected: p
                    .outcomes
                    .iter()
                    .map(|l| l.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        total = crate::money::add(total, line.net_outcomes(p.horizon.years())?)?;
    }
    Ok(total)
}

fn ratio(num: Decimal, den: Decimal) -> Result<Option<Ratio>> {
    if den.is_zero() {
        return Ok(None);
    }
    Ok(Some(Ratio::new(div(num, den, || "a ratio".into())?)))
}

fn increment(f: &Figures, over: &Figures, has_measure: bool) -> Result<Increment> {
    let cost = f.cost.checked_sub(over.cost)?;
    let benefit = f.benefit.checked_sub(over.benefit)?;
    let effect = sub(f.effect, over.effect)?;
    Ok(Increment {
        over: over.name.clone(),
        cost,
        benefit,
        npv: benefit.checked_sub(cost)?,
        effect,
        bcr: ratio(benefit.value(), cost.value())?,
        cost_per_unit: if has_measure {
            ratio(cost.value(), effect)?.map(Ratio::value)
        } else {
            None
        },
    })
}

/// Cheapest first; at equal cost, the greater effect first; then the set's order.
fn figures_order(f: &[Figures], a: usize, b: usize) -> std::cmp::Ordering {
    let (Some(x), Some(y)) = (f.get(a), f.get(b)) else {
        return std::cmp::Ordering::Equal;
    };
    x.cost
        .cmp(&y.cost)
        .then(y.effect.cmp(&x.effect))
        .then(a.cmp(&b))
}

/// Each option's standing: dominated, extendedly dominated, or on the
/// frontier with its incremental ratio.
fn standings(f: &[Figures]) -> Result<Vec<Standing>> {
    let mut order: Vec<usize> = (0..f.len()).collect();
    order.sort_by(|&a, &b| figures_order(f, a, b));
    let mut standing: Vec<Option<Standing>> = vec![None; f.len()];
    // Strong dominance: an option that costs no more and achieves no less
    // (earlier in the order, so equal options keep the first).
    let mut best: Option<usize> = None;
    for &i in &order {
        let (Some(x), Some(slot)) = (f.get(i), standing.get_mut(i)) else {
            continue;
        };
        match best.and_then(|b| f.get(b)) {
            Some(y) if y.effect >= x.effect => {
                *slot = Some(Standing::Dominated { by: y.name.clone() });
            }
            _ => best = Some(i),
        }
    }
    // Extended dominance among the rest, cost ascending: drop any whose
    // incremental ratio exceeds the next one's, until none does.
    let mut frontier: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| standing.get(i).is_some_and(Option::is_none))
        .collect();
    loop {
        let icers = frontier_icers(f, &frontier)?;
        let Some(k) = (1..frontier.len().saturating_sub(1)).find(|&k| {
            matches!((icers.get(k), icers.get(k + 1)), (Some(Some(a)), Some(Some(b))) if a > b)
        }) else {
            let before = |k: usize| {
                k.checked_sub(1)
                    .and_then(|b| frontier.get(b))
                    .and_then(|&b| f.get(b))
                    .map(|x| x.name.clone())
            };
            for (k, (&i, icer)) in frontier.iter().zip(icers).enumerate() {
                if let Some(slot) = standing.get_mut(i) {
                    *slot = Some(Standing::Frontier {
                        over: before(k),
                        icer,
                    });
                }
            }
            break;
        };
        let name = |at: usize| {
            frontier
                .get(at)
                .and_then(|&i| f.get(i))
                .map(|x| x.name.clone())
                .unwrap_or_default()
        };
        let (before, after) = (name(k - 1), name(k + 1));
        if let Some(slot) = frontier.get(k).and_then(|&i| standing.get_mut(i)) {
            *slot = Some(Standing::ExtendedlyDominated {
                between: (before, after),
            });
        }
        frontier.remove(k);
    }
    Ok(standing
        .into_iter()
        .map(|s| {
            s.unwrap_or(Standing::Frontier {
                over: None,
                icer: None,
            })
        })
        .collect())
}

/// Δ cost / Δ effect of each frontier option over the one before it.
fn frontier_icers(f: &[Figures], frontier: &[usize]) -> Result<Vec<Option<Decimal>>> {
    let mut out = vec![None];
    for pair in frontier.windows(2) {
        let (Some(a), Some(b)) = (
            pair.first().and_then(|&i| f.get(i)),
            pair.get(1).and_then(|&i| f.get(i)),
        ) else {
            continue;
        };
        let d_cost = sub(b.cost.value(), a.cost.value())?;
        let d_effect = sub(b.effect, a.effect)?;
        out.push(ratio(d_cost, d_effect)?.map(Ratio::value));
    }
    Ok(out)
}

/// A ratio with nothing to divide by names no place: say which option,
/// and, in a switching search, at which trial value and what to do.
fn zero_cost_in_option(e: Error, name: &str, extra: &[(Parameter, Decimal)]) -> Error {
    let Error::ZeroCost { what } = e else {
        return in_option(e, name);
    };
    let (value, field_rule) = match extra.first() {
        Some((p, v)) => (
            format!("{p} = {v}"),
            format!(
                "option {name:?}'s present value of costs is zero there ({what}): start the switching range above it"
            ),
        ),
        None => (
            "a present value of costs of 0".into(),
            format!("{what}: an option appraised on its own has a cost"),
        ),
    };
    Error::OutOfRange {
        at: Location::field(format!("option {name:?}")),
        value,
        field_rule,
    }
}

/// An error of an option's programme, naming the option in its field.
fn in_option(e: Error, name: &str) -> Error {
    e.map_location(|at| {
        let field = format!("option {name:?}: {}", at.field.as_deref().unwrap_or(""));
        Location {
            field: Some(field.into_boxed_str()),
            ..at
        }
    })
}
