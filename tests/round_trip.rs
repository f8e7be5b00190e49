//! What an embedding program does: build an appraisal in code (or take the
//! shipped one), check it, appraise it, write its inputs and results to
//! JSON, TOML and CSV, and read every one of them back equal.
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

mod common;
use common::present_values;

use froi::load::ProgrammeFile;
use froi::nelc_2020;
use froi::prelude::*;
use froi::uncertainty::{Target, UncertaintySpec};
use froi::{CostStream, Horizon, Programme};
use froi::{Effect, OutcomeLine};

fn json_round_trip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let text = serde_json::to_string(value).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn folder(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("froi-round-trip-{}-{name}", std::process::id()))
}

/// Inputs and results through JSON, then the inputs through files.
fn round_trip(file: &ProgrammeFile, name: &str) {
    file.programme.validate().unwrap();
    assert_eq!(
        &json_round_trip(file),
        file,
        "the scenario file through JSON"
    );

    let appraisal = appraise(&file.programme).unwrap();
    assert_eq!(
        json_round_trip(&appraisal),
        appraisal,
        "the appraisal through JSON"
    );
    if let Some(spec) = &file.uncertainty {
        let u = spec.run(&file.programme).unwrap();
        assert_eq!(json_round_trip(&u), u, "the analyses through JSON");
    }
    if let Some(pv) = &appraisal.over_time {
        assert_eq!(&json_round_trip(pv), pv);
    }

    let dir = folder(name);
    let path = froi::load::save_programme(&dir, file).unwrap();
    let again = froi::load::read_programme(&path).unwrap();
    assert_eq!(&again, file, "the scenario file through TOML and CSV");
    assert_eq!(appraise(&again.programme).unwrap(), appraisal);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_nelc_case_reads_back_equal_from_json_toml_and_csv() {
    let file = nelc_2020::programme_file("scenario_by_rule.toml").unwrap();
    round_trip(&file, "nelc-by-rule");
    let as_published = nelc_2020::programme_file("scenario.toml").unwrap();
    round_trip(&as_published, "nelc");
}

/// A youth-mentoring service built entirely in code: its own states, values
/// set in code (illustrative), families, and an outcome line over time.
fn mentoring() -> ProgrammeFile {
    let states = StateCatalogue::new(
        "state",
        vec![
            StateDef::new("EET")
                .with_label("in education, employment or training")
                .closed()
                .with_rank(0),
            StateDef::new("NEET")
                .with_label("not in education, employment or training")
                .with_rank(1),
            StateDef::new("CUSTODY")
                .with_label("in youth custody")
                .with_rank(2),
        ],
    )
    .unwrap();
    let s = |id: &str| states.state(id).unwrap();
    let source = Source {
        document: "ILLUSTRATIVE".into(),
        location: "round numbers for a test".into(),
    };
    let neet = UnitValue::new("neet", Decimal::new(1000, 0), Period::Year, source.clone())
        .for_state(s("NEET"));
    let custody = UnitValue::new(
        "custody",
        Decimal::new(2000, 0),
        Period::Week,
        source.clone(),
    )
    .for_state(s("CUSTODY"));
    let exclusion = UnitValue::new("exclusion", Decimal::new(10_000, 0), Period::OneOff, source);
    let catalogue = vec![neet, custody, exclusion.clone()];
    let values =
        StateValues::from_catalogue(&states, &catalogue, &froi::Location::default()).unwrap();
    let families = vec![
        Family::new(1, "a", 1, 3, s("NEET"), s("EET"), s("EET")).unwrap(),
        Family::new(1, "b", 2, 2, s("CUSTODY"), s("NEET"), s("NEET")).unwrap(),
        Family::new(2, "c", 1, 1, s("NEET"), s("NEET"), s("CUSTODY")).unwrap(),
    ];
    let programme = Programme {
        name: String::new(),
        family_source: None,
        horizon: Horizon::new(3).unwrap(),
        base_year: None,
        schedule: froi::DiscountSchedule::green_book(),
        timing: froi::Timing::EndOfYear,
        deflators: None,
        optimism: None,
        benefits: vec![froi::BenefitStream {
            agency: "Local authority".into(),
            ..froi::BenefitStream::new("mentoring", Money::from_pounds(5_000), 2).unwrap()
        }],
        outcomes: vec![
            OutcomeLine::new(
                "exclusions avoided",
                exclusion,
                Effect::Avoided {
                    treatment: Fraction::parse("0.05", "treatment").unwrap(),
                    comparison: Fraction::parse("0.1", "comparison").unwrap(),
                },
            )
            .participants(40)
            .engagement(Fraction::parse("0.75", "engagement").unwrap()),
        ],
        costs: vec![CostStream::up_front("mentors", Money::from_pounds(12_000))],
        participants: Some(40),
        metb: None,
        distribution: None,
    };
    let programme = programme
        .named("a mentoring service, built in code (illustrative)")
        .families(froi::FamilySource {
            states: states.clone(),
            families,
            unit_cost: UnitCost::stated_only(Money::from_pounds(300)),
            values,
            catalogue: catalogue.clone(),
            rule: ValuationRule {
                outcome: OutcomePoint::FollowUp,
                deterioration: Deterioration::NegativeBenefit,
                window: Weeks::new(26).unwrap(),
            },
            benefit_basis: BenefitBasis::Rule,
            deadweight: vec![DeadweightScenario::new(
                "some",
                Deadweight::parse("0.2").unwrap(),
            )],
            annual: None,
        });
    let spec = UncertaintySpec {
        target: Target::Npv,
        scenarios: vec![],
        one_way: vec![froi::uncertainty::OneWay {
            parameter: "outcome.exclusions avoided.comparison_rate"
                .parse()
                .unwrap(),
            low: Decimal::new(5, 2),
            high: Decimal::new(15, 2),
        }],
        switching: vec![("unit_value.exclusion".parse().unwrap(), None)],
        monte_carlo: None,
    };
    ProgrammeFile {
        states: Some(states),
        catalogue,
        programme,
        uncertainty: Some(spec),
    }
}

#[test]
fn a_scenario_built_in_code_reads_back_equal() {
    let file = mentoring();
    // Family b: 2 x (2,000 x 26 - 1,000 x 26 / 52) = 2 x 51,500 = 103,000.
    let a = appraise(&file.programme).unwrap();
    assert_eq!(
        a.families().unwrap().families[1].benefit.to_string(),
        "103000"
    );
    // Family c deteriorates and, under this rule, counts a loss.
    assert!(a.families().unwrap().families[2].benefit < Money::ZERO);
    round_trip(&file, "mentoring");
}

#[test]
fn a_programme_built_in_code_reads_back_equal() {
    let scenario = mentoring();
    let programme = ProgrammeFile {
        states: None,
        catalogue: Vec::new(),
        programme: Programme {
            name: "exclusions only".into(),
            family_source: None,
            benefits: Vec::new(),
            ..scenario.programme.clone()
        },
        uncertainty: scenario.uncertainty.clone(),
    };
    assert_eq!(json_round_trip(&programme), programme);
    let dir = folder("programme");
    let path = froi::load::save_programme(&dir, &programme).unwrap();
    let again = froi::load::read_programme(&path).unwrap();
    // The line's value joins the saved catalogue; all else is as it was.
    assert_eq!(again.catalogue.len(), 1);
    assert_eq!(
        ProgrammeFile {
            catalogue: Vec::new(),
            ..again.clone()
        },
        programme
    );
    let pv = present_values(&again.programme).unwrap();
    assert_eq!(json_round_trip(&pv), pv);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn json_that_code_could_not_build_is_refused() {
    let file = nelc_2020::programme_file("scenario.toml").unwrap();
    let text = serde_json::to_string(&file.programme).unwrap();
    // A deadweight of 1.5, a family with no children, a window of no weeks.
    for (from, to, says) in [
        (
            r#""deadweight":"0.30""#,
            r#""deadweight":"1.5""#,
            "deadweight is a fraction in [0, 1)",
        ),
        (
            r#""children":4"#,
            r#""children":0"#,
            "a family has a whole number of children, 1 to 1,000",
        ),
        (
            r#""window":52"#,
            r#""window":0"#,
            "a benefit window is 1 to 5,200 weeks",
        ),
    ] {
        assert!(text.contains(from), "{from}");
        let bad = text.replacen(from, to, 1);
        let err = serde_json::from_str::<froi::Programme>(&bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains(says), "{err}");
    }
    // Two families with one id in a cohort: the whole scenario is checked.
    let mut twice = file.programme.clone();
    let first = twice.family_source().unwrap().families[0].clone();
    twice.family_source_mut().unwrap().families.push(first);
    let text = serde_json::to_string(&twice).unwrap();
    let err = serde_json::from_str::<froi::Programme>(&text)
        .unwrap_err()
        .to_string();
    assert!(err.contains("appears twice in cohort 1"), "{err}");
}

/// Every kind of effect writes as its reader reads it: a line that counts its
/// outcomes is written without the engagement its reader would refuse.
#[test]
fn each_kind_of_outcome_line_reads_back_equal() {
    let value = UnitValue::new(
        "exclusion",
        Decimal::new(10_000, 0),
        Period::Event,
        Source::new("ILLUSTRATIVE", "a test"),
    );
    let rate = |text: &str| Fraction::parse(text, "rate").unwrap();
    let lines = [
        Effect::Count(Decimal::new(12, 0)),
        Effect::Share(rate("0.1")),
        Effect::Achieved {
            treatment: rate("0.3"),
            comparison: rate("0.2"),
        },
        Effect::Avoided {
            treatment: rate("0.05"),
            comparison: rate("0.1"),
        },
        Effect::Change(Decimal::new(-5, 1)),
    ];
    let mut programme = Programme::new(Horizon::new(2).unwrap())
        .named("each effect")
        .cost(CostStream::up_front("service", Money::from_pounds(1_000)));
    for (i, effect) in lines.into_iter().enumerate() {
        let mut line = OutcomeLine::new(format!("line {i}"), value.clone(), effect);
        if !matches!(effect, Effect::Count(_)) {
            line = line.participants(40);
        }
        programme = programme.outcome(line);
    }
    let file = ProgrammeFile {
        states: None,
        catalogue: vec![value],
        programme,
        uncertainty: None,
    };
    let dir = folder("effects");
    let path = froi::load::save_programme(&dir, &file).unwrap();
    let again = froi::load::read_programme(&path).unwrap();
    assert_eq!(again, file);
    std::fs::remove_dir_all(dir).unwrap();
}

/// The standard values (a change per person, ranges, vintages, real
/// growth) read back equal.
#[test]
fn the_wellbeing_example_reads_back_equal() {
    let file = froi::load::read_programme("data/wellbeing/programme.toml").unwrap();
    assert_eq!(file.catalogue.len(), 5);
    assert!(file.catalogue.iter().any(|v| v.real_growth.is_some()));
    round_trip(&file, "wellbeing");
}

/// A programme drawing on two unit-value files, its own and the standard
/// values, reads both in order and is written back as one catalogue.
#[test]
fn unit_values_from_two_files_read_in_order_and_back_equal() {
    let dir = folder("two-catalogues");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["unit_values.csv", "deflators.csv"] {
        std::fs::copy(format!("data/edge_of_care/{f}"), dir.join(f)).unwrap();
    }
    std::fs::copy(
        "data/parameters/standard_values.csv",
        dir.join("standard.csv"),
    )
    .unwrap();
    let text = std::fs::read_to_string("data/edge_of_care/scenario.toml")
        .unwrap()
        .replace(
            "unit_values = \"unit_values.csv\"",
            "unit_values = [\"unit_values.csv\", \"standard.csv\"]",
        )
        .replace(
            "# ASSUMPTION: the service costs",
            "[[time.outcome]]\nname = \"health\"\nunit_value = \"qaly\"\nparticipants = 60\nchange = \"0.05\"\n\n# ASSUMPTION: the service costs",
        );
    std::fs::write(dir.join("programme.toml"), text).unwrap();
    let file = froi::load::read_programme(dir.join("programme.toml")).unwrap();
    let ids: Vec<_> = file.catalogue.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(
        ids[..4],
        ["foster_care", "residential_care", "care_order", "wellby"]
    );
    assert_eq!(file.programme.outcomes[3].value.id, "qaly");
    round_trip(&file, "two-catalogues-out");
    // The same id in both files is refused, naming both.
    std::fs::copy(
        "data/parameters/standard_values.csv",
        dir.join("unit_values.csv"),
    )
    .unwrap();
    let err = froi::load::read_programme(dir.join("programme.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("standard.csv")
            && err.contains("\"wellby\" is also in")
            && err.contains("unit_values.csv"),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
