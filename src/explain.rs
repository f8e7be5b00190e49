//! Derivations of family and cohort figures: every number of an appraisal can
//! say how it was made.

use crate::benefits::{Deterioration, Period};
use crate::cohorts::{CohortResult, FamilyResult};
use crate::derivation::Derivation;
use crate::error::{Error, Location, Result};
use crate::family_source::FamilyAppraisal;

impl FamilyAppraisal {
    /// How one family's cost, benefit and ratio were made.
    ///
    /// ```
    /// let a = froi::nelc_2020::appraise_as_published().unwrap();
    /// let steps = a.families().unwrap().explain_family(1, "17").unwrap();
    /// assert_eq!(
    ///     steps[1].to_string().lines().next().unwrap(),
    ///     "benefit by the rule, cohort 1 family 17 = 1 x (113.9 - 65.4) x 52 = 2522"
    /// );
    /// ```
    pub fn explain_family(&self, cohort: u32, family: &str) -> Result<Vec<Derivation>> {
        let f = self.family(cohort, family).ok_or_else(|| Error::Unknown {
            at: Location::field("family"),
            what: "family".into(),
            value: format!("{family} in cohort {cohort}"),
            expected: "a family of the appraisal".into(),
        })?;
        let name = format!("cohort {cohort} family {family}");
        let value = |id: &str| self.values.value(self.states.state(id)?);
        let (entry, outcome) = (value(&f.entry)?, value(&f.outcome)?);
        let window = self.rule.window;
        let floored = self.rule.deterioration == Deterioration::NoBenefit
            && outcome.over_window(window)? > entry.over_window(window)?;
        let (e, o) = (entry.amount.normalize(), outcome.amount.normalize());
        // Weekly values read as the publication's arithmetic does; other
        // periods name themselves and the conversion.
        let body = if entry.period == Period::Week && outcome.period == Period::Week {
            format!("{} x ({e} - {o}) x {}", f.children, window.get())
        } else {
            format!(
                "{} x ({e} a {} - {o} a {}) over {} weeks (a year is 52 weeks, a month 52/12)",
                f.children,
                entry.period,
                outcome.period,
                window.get()
            )
        };
        let floor_note = if floored {
            ", floored at 0 (a deterioration earns nothing)"
        } else {
            ""
        };
        let mut benefit = Derivation::new(
            format!("benefit by the rule, {name}"),
            format!("{body}{floor_note}"),
            f.rule_benefit.value(),
        )
        .input("children", f.children, "family table")
        .input(
            format!("{} value of {} (entry)", adjective(entry.period), f.entry),
            e,
            "unit values",
        )
        .input(
            format!(
                "{} value of {} ({})",
                adjective(outcome.period),
                f.outcome,
                self.rule.outcome
            ),
            o,
            "unit values",
        )
        .input("window (weeks)", window.get(), "scenario");
        if f.benefit_is_published {
            benefit = benefit.input("benefit counted (published)", f.benefit, "family table");
        }
        Ok(vec![
            Derivation::new(
                format!("cost, {name}"),
                format!("{} x {}", self.unit_cost.per_session, f.sessions),
                f.cost.value(),
            )
            .input("cost per session", self.unit_cost.per_session, "scenario")
            .input("sessions", f.sessions, "family table"),
            benefit,
            ratio(&name, f),
        ])
    }

    /// How one cohort's totals, averages and ratio were made.
    ///
    /// ```
    /// let a = froi::nelc_2020::appraise_as_published().unwrap();
    /// let steps = a.families().unwrap().explain_cohort(1).unwrap();
    /// assert_eq!(
    ///     steps[2].to_string().lines().next().unwrap(),
    ///     "average benefit, cohort 1 = 299307 / 20 = 14965.35"
    /// );
    /// ```
    pub fn explain_cohort(&self, cohort: u32) -> Result<Vec<Derivation>> {
        let c = self.cohort(cohort).ok_or(Error::EmptyCohort {
            at: Location::field("cohort"),
            cohort,
        })?;
        Ok(cohort_steps(&format!("cohort {cohort}"), c))
    }
}

fn ratio(name: &str, f: &FamilyResult) -> Derivation {
    Derivation::new(
        format!("benefit-cost ratio, {name}"),
        format!("{} / {}", f.benefit, f.cost),
        f.ratio.value(),
    )
}

fn cohort_steps(name: &str, c: &CohortResult) -> Vec<Derivation> {
    vec![
        Derivation::new(
            format!("total cost, {name}"),
            format!("sum of {} family costs", c.families),
            c.total_cost.value(),
        ),
        Derivation::new(
            format!("total benefit, {name}"),
            format!("sum of {} family benefits", c.families),
            c.total_benefit.value(),
        ),
        Derivation::new(
            format!("average benefit, {name}"),
            format!("{} / {}", c.total_benefit, c.families),
            c.average_benefit.value(),
        ),
        Derivation::new(
            format!("average cost, {name}"),
            format!("{} / {}", c.total_cost, c.families),
            c.average_cost.value(),
        ),
        Derivation::new(
            format!("benefit-cost ratio, {name}"),
            format!("{} / {}", c.total_benefit, c.total_cost),
            c.ratio.value(),
        ),
    ]
}

/// "weekly", "monthly", "yearly" (a state's value is always a rate).
fn adjective(period: Period) -> &'static str {
    match period {
        Period::Week => "weekly",
        Period::Month => "monthly",
        Period::Year => "yearly",
        _ => "per-event",
    }
}
