//! The model a family target's Monte Carlo evaluates per draw: the target
//! ratio as a function of its inputs, from the caseload's sufficient
//! statistics (each entry-outcome pair's children, families, sessions), in
//! `f64`. A block of draws is evaluated column by column.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{Evaluator, Parameter, Target};
use crate::benefits::{Deterioration, OutcomePoint};
use crate::error::{Error, Location, Result};

/// The values a draw moves.
#[derive(Debug, Clone)]
pub(super) struct Inputs {
    /// Each state's amount per its period.
    amount: Vec<f64>,
    unit_cost: f64,
    cases: f64,
    service_cost: f64,
    deadweight: f64,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Slot {
    /// An input of a run re-appraised exactly (a target over time).
    Exact,
    Amount(usize),
    UnitCost,
    Cases,
    ServiceCost,
    Deadweight,
}

impl Slot {
    /// Set this input of one draw (the reference the block path is tested against).
    #[cfg(all(test, feature = "nelc"))]
    pub(super) fn set(self, x: &mut Inputs, v: f64) {
        match self {
            Slot::Amount(i) => {
                if let Some(w) = x.amount.get_mut(i) {
                    *w = v;
                }
            }
            Slot::UnitCost => x.unit_cost = v,
            Slot::Exact => {}
            Slot::Cases => x.cases = v,
            Slot::ServiceCost => x.service_cost = v,
            Slot::Deadweight => x.deadweight = v,
        }
    }
}

/// The target ratio as a function of the inputs, from the sufficient statistics.
pub(super) struct Model {
    pub(super) base: Inputs,
    /// (entry, outcome, children) for every non-empty pair.
    moves: Vec<(usize, usize, f64)>,
    /// Each state's weekly weight: periods a year / 52 (1 for a weekly
    /// value, so the weekly arithmetic is the same as ever).
    per_week: Vec<f64>,
    weeks: f64,
    families: f64,
    sessions: f64,
    floor: bool,
    annual: bool,
}

impl Model {
    pub(super) fn new(e: &Evaluator) -> Result<Model> {
        let (s, caseload) = e.family()?;
        let f = |d: Decimal| d.to_f64().unwrap_or(f64::NAN);
        let (mut amount, mut per_week) = (Vec::new(), Vec::new());
        for (state, _) in s.states.iter() {
            let v = s.values.value(state).ok();
            amount.push(v.map_or(0.0, |v| f(v.amount)));
            per_week.push(match v.and_then(|v| v.period.per_year()) {
                Some(52) | None => 1.0,
                Some(n) => f64::from(n) / 52.0,
            });
        }
        let (annual, cohort) = match e.target() {
            Target::Annual(_) => (true, s.annual.as_ref().map(|a| a.basis_cohort).unwrap_or(0)),
            Target::Cohort(c) => (false, *c),
            // Targets over time are re-appraised exactly, not by this model.
            _ => (false, 0),
        };
        let tally = caseload.cohort(cohort).ok_or(Error::EmptyCohort {
            at: Location::field("uncertainty.target"),
            cohort,
        })?;
        let mut moves: Vec<(usize, usize, f64)> = Vec::new();
        let (mut families, mut sessions) = (0u64, 0u64);
        for (entry, exit, follow, n, children, sess) in tally.cells() {
            let outcome = match s.rule.outcome {
                OutcomePoint::Exit => exit,
                OutcomePoint::FollowUp => follow,
            };
            let (i, j) = (entry.index(), outcome.index());
            families += n;
            sessions += sess;
            match moves.iter_mut().find(|(a, b, _)| *a == i && *b == j) {
                Some(m) => m.2 += children as f64,
                None => moves.push((i, j, children as f64)),
            }
        }
        let annual_basis = s.annual.as_ref();
        Ok(Model {
            base: Inputs {
                amount,
                unit_cost: f(e.value_of(&Parameter::UnitCost)?),
                cases: annual_basis.map_or(0.0, |a| f(a.cases_per_year)),
                service_cost: annual_basis.map_or(0.0, |a| f(a.service_cost.value())),
                deadweight: f(e.value_of(&Parameter::Deadweight)?),
            },
            moves,
            per_week,
            weeks: f64::from(s.rule.window.get()),
            families: families as f64,
            sessions: sessions as f64,
            floor: s.rule.deterioration == Deterioration::NoBenefit,
            annual,
        })
    }

    pub(super) fn slot(&self, e: &Evaluator, p: &Parameter, at: &Location) -> Result<Slot> {
        Ok(match p {
            Parameter::UnitValue(_) => Slot::Amount(e.state_of(p)?.index()),
            Parameter::UnitCost => Slot::UnitCost,
            Parameter::CasesPerYear | Parameter::ServiceCost if !self.annual => {
                return Err(Error::Unknown {
                    at: at.clone(),
                    what: "parameter for a cohort target".into(),
                    value: p.to_string(),
                    expected: "unit_value.<ID>, unit_cost".into(),
                });
            }
            Parameter::CasesPerYear => Slot::Cases,
            Parameter::ServiceCost => Slot::ServiceCost,
            Parameter::Deadweight => Slot::Deadweight,
            _ => {
                return Err(Error::Unknown {
                    at: at.clone(),
                    what: "parameter for a family target".into(),
                    value: p.to_string(),
                    expected: "unit_value.<ID>, unit_cost, cases_per_year, service_cost, deadweight (outcome lines and the discount rate move targets over time: npv, bcr, fiscal_bcr, net_ratio)".into(),
                });
            }
        })
    }

    /// The ratio of each of the block's `n` draws into `out`, column by
    /// column (so the loops vectorise). Each draw's arithmetic is
    /// [`Model::ratio`]'s, operation for operation, so the ratios are the
    /// same to the bit.
    /// `columns` gives each drawn input's slot and its block of values.
    pub(super) fn ratios<'c>(
        &self,
        columns: impl IntoIterator<Item = (Slot, &'c [f64])>,
        n: usize,
        out: &mut Vec<f64>,
    ) {
        // The column that moves each input (the last naming it), if any.
        let mut amount: Vec<Option<&[f64]>> = vec![None; self.base.amount.len()];
        let (mut unit_cost, mut cases, mut service_cost, mut deadweight) = (None, None, None, None);
        for (slot, values) in columns {
            let v = values.get(..n).unwrap_or(&[]);
            match slot {
                Slot::Amount(i) => {
                    if let Some(a) = amount.get_mut(i) {
                        *a = Some(v);
                    }
                }
                Slot::UnitCost => unit_cost = Some(v),
                Slot::Cases => cases = Some(v),
                Slot::ServiceCost => service_cost = Some(v),
                Slot::Deadweight => deadweight = Some(v),
                Slot::Exact => {}
            }
        }
        out.clear();
        out.resize(n, 0.0);
        let floor = self.floor;
        let gain = move |a: f64, b: f64| if floor { (a - b).max(0.0) } else { a - b };
        let per = |k: usize| self.per_week.get(k).copied().unwrap_or(1.0);
        // A state's weekly value at its base, where no column moves it.
        let base = |k: usize| self.base.amount.get(k).copied().unwrap_or(0.0) * per(k);
        for (i, j, children) in &self.moves {
            let (pi, pj) = (per(*i), per(*j));
            match (
                amount.get(*i).copied().flatten(),
                amount.get(*j).copied().flatten(),
            ) {
                (Some(a), Some(b)) => {
                    for ((o, a), b) in out.iter_mut().zip(a).zip(b) {
                        *o += children * gain(a * pi, b * pj);
                    }
                }
                (Some(a), None) => {
                    let b = base(*j);
                    for (o, a) in out.iter_mut().zip(a) {
                        *o += children * gain(a * pi, b);
                    }
                }
                (None, Some(b)) => {
                    let a = base(*i);
                    for (o, b) in out.iter_mut().zip(b) {
                        *o += children * gain(a, b * pj);
                    }
                }
                (None, None) => {
                    let g = children * gain(base(*i), base(*j));
                    for o in out.iter_mut() {
                        *o += g;
                    }
                }
            }
        }
        let at = |src: Option<&[f64]>, base: f64, d: usize| {
            src.and_then(|s| s.get(d)).copied().unwrap_or(base)
        };
        let x = &self.base;
        for (d, o) in out.iter_mut().enumerate() {
            let benefit = *o * self.weeks;
            *o = if self.annual {
                benefit / self.families
                    * at(cases, x.cases, d)
                    * (1.0 - at(deadweight, x.deadweight, d))
                    / at(service_cost, x.service_cost, d)
            } else {
                benefit / (at(unit_cost, x.unit_cost, d) * self.sessions)
            };
        }
    }

    /// One draw's ratio: the definition [`Model::ratios`] is tested against.
    #[cfg(all(test, feature = "nelc"))]
    pub(super) fn ratio(&self, x: &Inputs) -> f64 {
        let mut benefit = 0.0;
        let weekly = |i: usize| {
            x.amount.get(i).copied().unwrap_or(0.0) * self.per_week.get(i).copied().unwrap_or(1.0)
        };
        for (i, j, children) in &self.moves {
            let (a, b) = (weekly(*i), weekly(*j));
            let gain = if self.floor { (a - b).max(0.0) } else { a - b };
            benefit += children * gain;
        }
        benefit *= self.weeks;
        if self.annual {
            benefit / self.families * x.cases * (1.0 - x.deadweight) / x.service_cost
        } else {
            benefit / (x.unit_cost * self.sessions)
        }
    }
}
