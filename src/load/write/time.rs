//! A programme's `[time]` table, as the structs its reader reads.

use toml::Spanned;

use super::{integer, word};
use crate::adjustments::Adjustments;
use crate::discounting::DiscountSchedule;
use crate::error::{Error, Location, Result};
use crate::load::doc::{DecimalText, at_nowhere};
use crate::load::time::{
    KINDS, RawBenefit, RawCost, RawDistribution, RawGroup, RawOutcome, RawTime, TIMINGS,
};
use crate::load::write::FileNames;
use crate::money::Money;
use crate::outcome_lines::{Effect, OutcomeLine};
use crate::over_time::{Amount, BenefitStream, CostStream, Programme};

/// The `[time]` table of `p`, naming its deflator and grade tables by
/// `files`.
pub(super) fn raw(p: &Programme, files: &FileNames) -> Result<RawTime> {
    Ok(RawTime {
        horizon_years: integer(p.horizon.years(), "time.horizon_years")?,
        base_year: p.base_year.clone(),
        discounting: at_nowhere(discounting(&p.schedule)?),
        timing: word(TIMINGS, &p.timing),
        deflators: table_name(p.deflators.is_some(), &files.deflators, "deflators")?,
        optimism_bias: table_name(p.optimism.is_some(), &files.optimism_bias, "optimism_bias")?,
        participants: p
            .participants
            .map(|n| integer(n, "time.participants"))
            .transpose()?,
        benefit: p.benefits.iter().map(benefit).collect::<Result<_>>()?,
        outcome: p.outcomes.iter().map(outcome).collect::<Result<_>>()?,
        cost: p.costs.iter().map(cost).collect::<Result<_>>()?,
        metb: p.metb.map(|m| DecimalText::of(m.value())),
        distribution: p.distribution.as_ref().map(distribution),
    })
}

/// `[time.distribution]`, η written out whatever it is.
fn distribution(d: &crate::valuation::IncomeGroups) -> RawDistribution {
    RawDistribution {
        eta: Some(DecimalText::of(d.eta)),
        reference_income: DecimalText::of(d.reference_income),
        group: d
            .groups
            .iter()
            .map(|g| RawGroup {
                name: g.name.clone(),
                income: DecimalText::of(g.income),
            })
            .collect(),
    }
}

/// The name of a table the programme has (an error if `files` gives none).
fn table_name(present: bool, name: &Option<String>, key: &str) -> Result<Option<Spanned<String>>> {
    match (present, name) {
        (true, Some(name)) => Ok(Some(at_nowhere(name.clone()))),
        (true, None) => Err(Error::Missing {
            at: Location::field(format!("FileNames.{key}")),
            what: "file name (the programme has the table)",
        }),
        (false, _) => Ok(None),
    }
}

/// The word or constant rate a file names a schedule by.
fn discounting(schedule: &DiscountSchedule) -> Result<String> {
    for (word, make) in DiscountSchedule::NAMED {
        if *schedule == make() {
            return Ok(word.to_string());
        }
    }
    match schedule.bands() {
        [only] if *schedule == DiscountSchedule::constant(only.rate) => {
            Ok(only.rate.value().to_string())
        }
        _ => Err(Error::Unknown {
            at: Location::field("time.discounting"),
            what: "schedule that a programme file can name".into(),
            value: schedule.name().to_string(),
            expected: "the Green Book standard or health schedule, or a constant rate".into(),
        }),
    }
}

/// Deadweight, displacement, attribution and drop-off, each written.
type RawAdjustments = [Option<Spanned<DecimalText>>; 4];

fn adjustments(a: &Adjustments) -> RawAdjustments {
    [
        a.deadweight.value(),
        a.displacement.value(),
        a.attribution.value(),
        a.drop_off.value(),
    ]
    .map(|v| Some(DecimalText::of(v)))
}

fn amounts(amounts: &[Money]) -> Vec<Spanned<DecimalText>> {
    amounts.iter().map(|m| DecimalText::of(m.value())).collect()
}

fn benefit(b: &BenefitStream) -> Result<RawBenefit> {
    let (annual, profile) = match &b.annual {
        Amount::Service => (Some(at_nowhere(DecimalText("service".into()))), Vec::new()),
        Amount::Pounds(m) => (Some(DecimalText::of(m.value())), Vec::new()),
        Amount::Profile(v) => (None, amounts(v)),
    };
    let [deadweight, displacement, attribution, drop_off] = adjustments(&b.adjustments);
    Ok(RawBenefit {
        name: b.name.clone(),
        annual,
        profile,
        kind: Some(word(KINDS, &b.kind)),
        agency: b.agency.clone(),
        cashable: b.cashable,
        price_year: b.price_year.clone(),
        first_year: Some(integer(b.first_year, "time.benefit.first_year")?),
        years: Some(integer(b.years, "time.benefit.years")?),
        deadweight,
        displacement,
        attribution,
        drop_off,
        optimism_grade: b.optimism_grade.clone(),
        real_growth: b.real_growth.map(|g| DecimalText::of(g.rate())),
        group: b.group.clone().map(at_nowhere),
    })
}

fn outcome(l: &OutcomeLine) -> Result<RawOutcome> {
    let rates = |treatment: &crate::Fraction, comparison: &crate::Fraction, direction: &str| {
        (
            Some(DecimalText::of(treatment.value())),
            Some(DecimalText::of(comparison.value())),
            Some(at_nowhere(direction.to_string())),
        )
    };
    let (mut share, mut outcomes, mut change) = (None, None, None);
    let (treatment_rate, comparison_rate, direction) = match &l.effect {
        Effect::Achieved {
            treatment,
            comparison,
        } => rates(treatment, comparison, "achieved"),
        Effect::Avoided {
            treatment,
            comparison,
        } => rates(treatment, comparison, "avoided"),
        Effect::Share(f) => {
            share = Some(DecimalText::of(f.value()));
            (None, None, None)
        }
        Effect::Count(n) => {
            outcomes = Some(DecimalText::of(*n));
            (None, None, None)
        }
        Effect::Change(n) => {
            change = Some(DecimalText::of(*n));
            (None, None, None)
        }
    };
    let [deadweight, displacement, attribution, drop_off] = adjustments(&l.adjustments);
    Ok(RawOutcome {
        name: l.name.clone(),
        unit_value: at_nowhere(l.value.id.clone()),
        participants: l
            .participants
            .map(|n| integer(n, "time.outcome.participants"))
            .transpose()?,
        // A line that counts its outcomes has no engagement.
        engagement: (!matches!(l.effect, Effect::Count(_)))
            .then(|| DecimalText::of(l.engagement.value())),
        share,
        treatment_rate,
        comparison_rate,
        direction,
        outcomes,
        change,
        duration_years: Some(integer(l.duration_years, "time.outcome.duration_years")?),
        lag_years: Some(integer(l.lag_years, "time.outcome.lag_years")?),
        deadweight,
        displacement,
        attribution,
        drop_off,
        optimism_grade: l.optimism_grade.clone(),
        group: l.group.clone().map(at_nowhere),
    })
}

fn cost(c: &CostStream) -> Result<RawCost> {
    Ok(RawCost {
        name: c.name.clone(),
        agency: c.agency.clone(),
        price_year: c.price_year.clone(),
        up_front: Some(DecimalText::of(c.up_front.value())),
        recurring: Some(DecimalText::of(c.recurring.value())),
        profile: amounts(&c.profile),
        first_year: Some(integer(c.first_year, "time.cost.first_year")?),
        years: Some(integer(c.years, "time.cost.years")?),
        optimism_grade: c.optimism_grade.clone(),
    })
}
