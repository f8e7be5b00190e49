//! Writing a programme file back to TOML, so a programme built or changed in
//! code can be saved and re-read exactly.

use toml::{Table, Value};

use crate::adjustments::Adjustments;
use crate::benefits::{Deterioration, OutcomePoint, ValueKind};
use crate::costs::CostBasis;
use crate::discounting::{DiscountSchedule, Timing};
use crate::error::{Error, Location, Result};
use crate::family_source::{BenefitBasis, FamilySource};
use crate::load::ProgrammeFile;
use crate::outcome_lines::Effect;
use crate::over_time::{Amount, Programme};
use crate::uncertainty::{Distribution, Target, UncertaintySpec};

/// The files a written programme file names (its tables are not rewritten).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileNames {
    /// The state catalogue.
    pub states: String,
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

/// A programme file as TOML text, in the format
/// [`crate::load::programme_from_toml`] reads: with its family table where
/// the programme has a family source (`files.states`, `families`,
/// `unit_values` and `staff_inputs` name its tables), else its `[time]`
/// table alone (`files.families` is not used; `files.states` is written only
/// where the file has states).
///
/// ```
/// use froi::load::{FileNames, ProgrammeFile, programme_from_toml, programme_file_to_toml};
/// let file = froi::nelc_2020::programme_file("scenario.toml")?;
/// let files = FileNames {
///     states: "states.csv".into(),
///     families: "families.csv".into(),
///     unit_values: "unit_values.csv".into(),
///     staff_inputs: Some("staff_inputs.csv".into()),
///     ..FileNames::default()
/// };
/// let text = programme_file_to_toml(&file, &files)?;
/// let again = programme_from_toml(&text, "data/nelc_2020/scenario.toml", &mut |n| froi::nelc_2020::file(n))?;
/// assert_eq!(again.programme, file.programme);
/// # Ok::<(), froi::Error>(())
/// ```
pub fn programme_file_to_toml(file: &ProgrammeFile, files: &FileNames) -> Result<String> {
    match &file.programme.family_source {
        Some(source) => family_file(&file.programme, source, file.uncertainty.as_ref(), files),
        None => streams_file(file, files),
    }
}

fn family_file(
    programme: &Programme,
    scenario: &FamilySource,
    analyses: Option<&UncertaintySpec>,
    files: &FileNames,
) -> Result<String> {
    let mut root = Table::new();
    root.insert("name".into(), s(&programme.name));
    root.insert("states".into(), s(&files.states));
    root.insert("state_noun".into(), s(scenario.states.noun()));
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
                ("source_document", s(&a.source.document)),
            ]),
        );
    }
    if programme.runs_over_time() {
        root.insert("time".into(), time(programme, files)?);
    }
    if let Some(u) = analyses {
        root.insert("uncertainty".into(), uncertainty(u)?);
    }
    toml::to_string(&root).map_err(|e| Error::Syntax {
        at: Location::default(),
        format: "TOML",
        message: e.to_string(),
    })
}

/// A programme file without a family table.
fn streams_file(file: &ProgrammeFile, files: &FileNames) -> Result<String> {
    let mut root = Table::new();
    root.insert("name".into(), s(&file.programme.name));
    if let Some(states) = &file.states {
        root.insert("states".into(), s(&files.states));
        root.insert("state_noun".into(), s(states.noun()));
    }
    // A programme with no catalogue names none (an empty name is refused
    // when read).
    if !file.catalogue.is_empty() || !files.unit_values.is_empty() {
        root.insert("unit_values".into(), s(&files.unit_values));
    }
    root.insert("time".into(), time(&file.programme, files)?);
    if let Some(u) = &file.uncertainty {
        root.insert("uncertainty".into(), uncertainty(u)?);
    }
    toml::to_string(&root).map_err(|e| Error::Syntax {
        at: Location::default(),
        format: "TOML",
        message: e.to_string(),
    })
}

fn discounting(schedule: &DiscountSchedule) -> Result<Value> {
    for (word, make) in DiscountSchedule::NAMED {
        if *schedule == make() {
            return Ok(s(word));
        }
    }
    match schedule.bands() {
        [only] if *schedule == DiscountSchedule::constant(only.rate) => {
            Ok(s(only.rate.value().to_string()))
        }
        _ => Err(Error::Unknown {
            at: Location::field("time.discounting"),
            what: "schedule that a scenario file can name".into(),
            value: schedule.name().to_string(),
            expected: "the Green Book standard or health schedule, or a constant rate".into(),
        }),
    }
}

fn time(p: &Programme, files: &FileNames) -> Result<Value> {
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
                    at: Location::field(format!("FileNames.{key}")),
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
                match &b.annual {
                    Amount::Service => ("annual", s("service")),
                    Amount::Pounds(m) => ("annual", s(m.value().to_string())),
                    Amount::Profile(v) => ("profile", profile(v)),
                },
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
            ];
            row.extend(adjustments(&b.adjustments));
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
    let outcomes = p
        .outcomes
        .iter()
        .map(|l| {
            let mut row = vec![
                ("name", s(&l.name)),
                ("unit_value", s(&l.value.id)),
                ("engagement", s(l.engagement.value().to_string())),
            ];
            if let Some(n) = l.participants {
                row.push(("participants", Value::Integer(whole(n)?)));
            }
            match l.effect {
                Effect::Share(f) => row.push(("share", s(f.value().to_string()))),
                Effect::Achieved {
                    treatment,
                    comparison,
                }
                | Effect::Avoided {
                    treatment,
                    comparison,
                } => {
                    let direction = if matches!(l.effect, Effect::Achieved { .. }) {
                        "achieved"
                    } else {
                        "avoided"
                    };
                    row.push(("treatment_rate", s(treatment.value().to_string())));
                    row.push(("comparison_rate", s(comparison.value().to_string())));
                    row.push(("direction", s(direction)));
                }
                Effect::Count(n) => row.push(("outcomes", s(n.to_string()))),
            }
            row.push((
                "duration_years",
                Value::Integer(i64::from(l.duration_years)),
            ));
            row.push(("lag_years", Value::Integer(i64::from(l.lag_years))));
            row.extend(adjustments(&l.adjustments));
            if let Some(g) = &l.optimism_grade {
                row.push(("optimism_grade", s(g)));
            }
            Ok(table(row))
        })
        .collect::<Result<Vec<_>>>()?;
    if let Some(n) = p.participants {
        t.push(("participants", Value::Integer(whole(n)?)));
    }
    let costs = p
        .costs
        .iter()
        .map(|c| {
            let mut row = vec![
                ("name", s(&c.name)),
                ("agency", s(&c.agency)),
                ("up_front", s(c.up_front.value().to_string())),
                ("recurring", s(c.recurring.value().to_string())),
                ("profile", profile(&c.profile)),
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
    if !outcomes.is_empty() {
        t.push(("outcome", Value::Array(outcomes)));
    }
    t.push(("cost", Value::Array(costs)));
    Ok(table(t))
}

/// A year-by-year profile as a list of decimal strings.
fn profile(amounts: &[crate::money::Money]) -> Value {
    Value::Array(amounts.iter().map(|m| s(m.value().to_string())).collect())
}

/// Deadweight, displacement, attribution and drop-off, as keys.
fn adjustments(a: &Adjustments) -> [(&'static str, Value); 4] {
    [
        ("deadweight", s(a.deadweight.value().to_string())),
        ("displacement", s(a.displacement.value().to_string())),
        ("attribution", s(a.attribution.value().to_string())),
        ("drop_off", s(a.drop_off.value().to_string())),
    ]
}

/// A count as a TOML integer (which is an `i64`).
fn whole(n: u64) -> Result<i64> {
    i64::try_from(n).map_err(|_| Error::OutOfRange {
        at: Location::field("participants"),
        value: n.to_string(),
        field_rule: "a count a file can hold (at most 9,223,372,036,854,775,807)".into(),
    })
}

/// A float as decimal text: the shortest text that reads back to the same float.
fn float_text(x: f64) -> Result<Value> {
    if !x.is_finite() {
        return Err(Error::OutOfRange {
            at: Location::field("uncertainty.monte_carlo"),
            value: x.to_string(),
            field_rule: "a finite number".into(),
        });
    }
    Ok(s(format!("{x}")))
}

fn uncertainty(u: &UncertaintySpec) -> Result<Value> {
    let target = match &u.target {
        Target::Annual(name) => format!("annual:{name}"),
        Target::Cohort(c) => format!("cohort:{c}"),
        Target::Npv => "npv".into(),
        Target::Bcr => "bcr".into(),
        Target::FiscalBcr => "fiscal_bcr".into(),
        Target::NetRatio => "net_ratio".into(),
        Target::Payback => "payback".into(),
    };
    let mut t = vec![("target", s(target))];
    t.push((
        "scenario",
        Value::Array(
            u.scenarios
                .iter()
                .map(|(name, overrides)| {
                    let o: Table = overrides
                        .iter()
                        .map(|(p, v)| (p.to_string(), s(v.to_string())))
                        .collect();
                    table(vec![("name", s(name)), ("overrides", Value::Table(o))])
                })
                .collect(),
        ),
    ));
    t.push((
        "one_way",
        Value::Array(
            u.one_way
                .iter()
                .map(|o| {
                    table(vec![
                        ("parameter", s(o.parameter.to_string())),
                        ("low", s(o.low.to_string())),
                        ("high", s(o.high.to_string())),
                    ])
                })
                .collect(),
        ),
    ));
    if u.switching.iter().any(|(_, range)| range.is_some()) {
        return Err(Error::Unknown {
            at: Location::field("uncertainty.switching"),
            what: "switching search range that a scenario file can name".into(),
            value: "a custom range".into(),
            expected: "the default range".into(),
        });
    }
    if !u.switching.is_empty() {
        t.push((
            "switching",
            table(vec![(
                "parameters",
                Value::Array(u.switching.iter().map(|(p, _)| s(p.to_string())).collect()),
            )]),
        ));
    }
    if let Some(mc) = &u.monte_carlo {
        let inputs = mc
            .inputs
            .iter()
            .map(|i| {
                let mut row = vec![("parameter", s(i.parameter.to_string()))];
                let (name, fields): (&str, Vec<(&str, Option<f64>)>) = match i.distribution {
                    Distribution::Uniform { low, high } => {
                        ("uniform", vec![("low", Some(low)), ("high", Some(high))])
                    }
                    Distribution::Triangular { low, mode, high } => (
                        "triangular",
                        vec![
                            ("low", Some(low)),
                            ("mode", Some(mode)),
                            ("high", Some(high)),
                        ],
                    ),
                    Distribution::Pert { low, mode, high } => (
                        "pert",
                        vec![
                            ("low", Some(low)),
                            ("mode", Some(mode)),
                            ("high", Some(high)),
                        ],
                    ),
                    Distribution::Normal {
                        mean,
                        sd,
                        low,
                        high,
                    } => (
                        "normal",
                        vec![
                            ("mean", Some(mean)),
                            ("sd", Some(sd)),
                            ("low", low),
                            ("high", high),
                        ],
                    ),
                    Distribution::LogNormal {
                        mu,
                        sigma,
                        low,
                        high,
                    } => (
                        "log_normal",
                        vec![
                            ("mu", Some(mu)),
                            ("sigma", Some(sigma)),
                            ("low", low),
                            ("high", high),
                        ],
                    ),
                };
                row.push(("distribution", s(name)));
                for (key, value) in fields {
                    if let Some(v) = value {
                        row.push((key, float_text(v)?));
                    }
                }
                Ok(table(row))
            })
            .collect::<Result<Vec<_>>>()?;
        let percentiles = mc
            .percentiles
            .iter()
            .map(|p| float_text(*p))
            .collect::<Result<Vec<_>>>()?;
        t.push((
            "monte_carlo",
            table(vec![
                ("draws", Value::Integer(i64::from(mc.draws))),
                (
                    "seed",
                    Value::Integer(i64::try_from(mc.seed).map_err(|_| Error::OutOfRange {
                        at: Location::field("uncertainty.monte_carlo.seed"),
                        value: mc.seed.to_string(),
                        field_rule: "a seed a scenario file can hold (at most 2^63 - 1)".into(),
                    })?),
                ),
                ("percentiles", Value::Array(percentiles)),
                ("input", Value::Array(inputs)),
            ]),
        ));
    }
    Ok(table(t))
}
