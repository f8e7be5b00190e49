//! Writing a scenario back to TOML, so a scenario built or changed in code can
//! be saved and re-read exactly.

use toml::{Table, Value};

use crate::appraisal::{BenefitBasis, Scenario};
use crate::benefits::{Deterioration, OutcomePoint, ValueKind};
use crate::costs::CostBasis;
use crate::discounting::{DiscountSchedule, Timing};
use crate::error::{Error, Location, Result};
use crate::over_time::{Amount, Programme};

/// The files a written scenario names (its tables are not rewritten).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScenarioFiles {
    /// The family table.
    pub families: String,
    /// The unit-value catalogue.
    pub unit_values: String,
    /// The staff inputs, if the unit cost has staff lines.
    pub staff_inputs: Option<String>,
    /// The deflator index, if the programme has one.
    pub deflators: Option<String>,
    /// The optimism-bias grade table, if the programme has one.
    pub optimism_bias: Option<String>,
}

fn s(text: impl Into<String>) -> Value {
    Value::String(text.into())
}

fn table(pairs: Vec<(&str, Value)>) -> Value {
    Value::Table(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// The scenario as TOML text, in the format [`crate::load::scenario_from_toml`] reads.
///
/// ```
/// use froi::load::{ScenarioFiles, scenario_from_toml, scenario_to_toml};
/// let scenario = froi::nelc_2020::scenario_as_published().unwrap();
/// let files = ScenarioFiles {
///     families: "families.csv".into(),
///     unit_values: "unit_values.csv".into(),
///     staff_inputs: Some("staff_inputs.csv".into()),
///     ..ScenarioFiles::default()
/// };
/// let text = scenario_to_toml(&scenario, &files).unwrap();
/// let again = scenario_from_toml(&text, "data/nelc_2020/scenario.toml", &mut |n| froi::nelc_2020::file(n)).unwrap();
/// assert_eq!(again, scenario);
/// ```
pub fn scenario_to_toml(scenario: &Scenario, files: &ScenarioFiles) -> Result<String> {
    let mut root = Table::new();
    root.insert("name".into(), s(&scenario.name));
    root.insert("families".into(), s(&files.families));
    root.insert("unit_values".into(), s(&files.unit_values));
    root.insert(
        "benefit_basis".into(),
        s(match scenario.benefit_basis {
            BenefitBasis::Rule => "rule",
            BenefitBasis::Published => "published",
        }),
    );
    let cost = &scenario.unit_cost;
    let mut cost_table = vec![(
        "basis",
        s(match cost.basis() {
            CostBasis::Stated => "stated",
            CostBasis::Computed => "computed",
        }),
    )];
    if let Some(stated) = cost.stated() {
        cost_table.push(("stated_per_session", s(stated.value().to_string())));
    }
    if let Some(staff) = &files.staff_inputs {
        cost_table.push(("staff_inputs", s(staff)));
    }
    root.insert("cost".into(), table(cost_table));
    let rule = &scenario.rule;
    root.insert(
        "valuation".into(),
        table(vec![
            (
                "outcome",
                s(match rule.outcome {
                    OutcomePoint::Exit => "exit",
                    OutcomePoint::FollowUp => "follow_up",
                }),
            ),
            (
                "deterioration",
                s(match rule.deterioration {
                    Deterioration::NoBenefit => "no_benefit",
                    Deterioration::NegativeBenefit => "negative_benefit",
                }),
            ),
            ("window_weeks", Value::Integer(i64::from(rule.window.get()))),
        ]),
    );
    root.insert(
        "deadweight".into(),
        Value::Array(
            scenario
                .deadweight
                .iter()
                .map(|d| {
                    table(vec![
                        ("name", s(&d.name)),
                        ("fraction", s(d.deadweight.value().to_string())),
                    ])
                })
                .collect(),
        ),
    );
    if let Some(a) = &scenario.annual {
        root.insert(
            "annual".into(),
            table(vec![
                ("basis_cohort", Value::Integer(i64::from(a.basis_cohort))),
                ("cases_per_year", s(a.cases_per_year.to_string())),
                ("service_cost", s(a.service_cost.value().to_string())),
                ("source", s(&a.source.location)),
            ]),
        );
    }
    if let Some(p) = &scenario.over_time {
        root.insert("time".into(), time(p, files)?);
    }
    toml::to_string(&root).map_err(|e| Error::Syntax {
        at: Location::default(),
        format: "TOML",
        message: e.to_string(),
    })
}

fn discounting(schedule: &DiscountSchedule) -> Result<Value> {
    if *schedule == DiscountSchedule::green_book()? {
        return Ok(s("green_book"));
    }
    if *schedule == DiscountSchedule::green_book_health()? {
        return Ok(s("green_book_health"));
    }
    match schedule.bands() {
        [only] if *schedule == DiscountSchedule::constant(only.rate) => {
            Ok(s(only.rate.value().to_string()))
        }
        _ => Err(Error::Unknown {
            at: Location::field("time.discounting"),
            what: "schedule that a scenario file can name",
            value: schedule.name().to_string(),
            expected: "the Green Book standard or health schedule, or a constant rate".into(),
        }),
    }
}

fn time(p: &Programme, files: &ScenarioFiles) -> Result<Value> {
    let mut t = vec![
        (
            "horizon_years",
            Value::Integer(i64::from(p.horizon.years())),
        ),
        ("discounting", discounting(&p.schedule)?),
        (
            "timing",
            s(match p.timing {
                Timing::YearZeroUndiscounted => "year_zero_undiscounted",
                Timing::EndOfYear => "end_of_year",
                Timing::MidYear => "mid_year",
            }),
        ),
    ];
    if let Some(base) = &p.base_year {
        t.push(("base_year", s(base)));
    }
    for (present, key, file) in [
        (p.deflators.is_some(), "deflators", &files.deflators),
        (p.optimism.is_some(), "optimism_bias", &files.optimism_bias),
    ] {
        match (present, file) {
            (true, Some(name)) => t.push((key, s(name))),
            (true, None) => {
                return Err(Error::Missing {
                    at: Location::field(format!("ScenarioFiles.{key}")),
                    what: "file name (the programme has the table)",
                });
            }
            _ => {}
        }
    }
    let benefits = p
        .benefits
        .iter()
        .map(|b| {
            let mut row = vec![
                ("name", s(&b.name)),
                (
                    "annual",
                    s(match b.annual {
                        Amount::Service => "service".to_string(),
                        Amount::Pounds(m) => m.value().to_string(),
                    }),
                ),
                (
                    "kind",
                    s(match b.kind {
                        ValueKind::Fiscal => "fiscal",
                        ValueKind::Economic => "economic",
                        ValueKind::Social => "social",
                    }),
                ),
                ("agency", s(&b.agency)),
                ("first_year", Value::Integer(i64::from(b.first_year))),
                ("years", Value::Integer(i64::from(b.years))),
                (
                    "deadweight",
                    s(b.adjustments.deadweight.value().to_string()),
                ),
                (
                    "displacement",
                    s(b.adjustments.displacement.value().to_string()),
                ),
                (
                    "attribution",
                    s(b.adjustments.attribution.value().to_string()),
                ),
                ("drop_off", s(b.adjustments.drop_off.value().to_string())),
            ];
            if let Some(c) = b.cashable {
                row.push(("cashable", Value::Boolean(c)));
            }
            if let Some(y) = &b.price_year {
                row.push(("price_year", s(y)));
            }
            if let Some(g) = &b.optimism_grade {
                row.push(("optimism_grade", s(g)));
            }
            table(row)
        })
        .collect();
    let costs = p
        .costs
        .iter()
        .map(|c| {
            let mut row = vec![
                ("name", s(&c.name)),
                ("agency", s(&c.agency)),
                ("up_front", s(c.up_front.value().to_string())),
                ("recurring", s(c.recurring.value().to_string())),
                ("first_year", Value::Integer(i64::from(c.first_year))),
                ("years", Value::Integer(i64::from(c.years))),
            ];
            if let Some(y) = &c.price_year {
                row.push(("price_year", s(y)));
            }
            if let Some(g) = &c.optimism_grade {
                row.push(("optimism_grade", s(g)));
            }
            table(row)
        })
        .collect();
    t.push(("benefit", Value::Array(benefits)));
    t.push(("cost", Value::Array(costs)));
    Ok(table(t))
}
