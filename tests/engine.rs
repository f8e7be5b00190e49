//! The engine alone (`default-features = false`: rust_decimal, serde and
//! thiserror): a scenario and a programme built in code, appraised, analysed
//! and sent through JSON. CI runs this with no feature and with every one.

mod common;
use common::present_values;

use froi::caseload::Caseload;
use froi::prelude::*;
use froi::uncertainty::{Evaluator, Parameter, Target};
use froi::{CostStream, Horizon, Programme};
use froi::{DiscountRate, DiscountSchedule, Timing};
use froi::{Effect, OutcomeLine};

fn states() -> StateCatalogue {
    StateCatalogue::new(
        "state",
        vec![
            StateDef::new("EET").closed().with_rank(0),
            StateDef::new("NEET").with_rank(1),
            StateDef::new("CUSTODY").with_rank(2),
        ],
    )
    .unwrap()
}

fn scenario() -> froi::Programme {
    let states = states();
    let s = |id: &str| states.state(id).unwrap();
    let source = Source {
        document: "ILLUSTRATIVE".into(),
        location: String::new(),
    };
    let catalogue = vec![
        UnitValue::new("neet", Decimal::new(1040, 0), Period::Year, source.clone())
            .for_state(s("NEET")),
        UnitValue::new("custody", Decimal::new(2000, 0), Period::Week, source)
            .for_state(s("CUSTODY")),
    ];
    froi::Programme::of_families(
        "engine only",
        froi::FamilySource {
            values: StateValues::from_catalogue(&states, &catalogue, &froi::Location::default())
                .unwrap(),
            families: vec![
                Family::new(1, "a", 1, 2, s("NEET"), s("EET"), s("EET")).unwrap(),
                Family::new(1, "b", 1, 1, s("CUSTODY"), s("CUSTODY"), s("NEET")).unwrap(),
            ],
            states,
            unit_cost: UnitCost::stated_only(Money::from_pounds(500)),
            catalogue,
            rule: ValuationRule {
                outcome: OutcomePoint::FollowUp,
                deterioration: Deterioration::NoBenefit,
                window: Weeks::new(52).unwrap(),
            },
            benefit_basis: BenefitBasis::Rule,
            deadweight: vec![DeadweightScenario::new(
                "half",
                Deadweight::parse("0.5").unwrap(),
            )],
            annual: Some(AnnualBasis {
                basis_cohort: 1,
                cases_per_year: Decimal::from(10),
                service_cost: Money::from_pounds(20_000),
                source: Source::default(),
            }),
        },
    )
}

#[test]
fn the_engine_appraises_a_scenario_built_in_code() {
    let s = scenario();
    let a = appraise(&s).unwrap();
    // a: NEET (1,040 a year) to EET over 52 weeks = 1,040;
    // b: custody to NEET = (2,000 x 52 - 1,040) = 102,960.
    assert_eq!(
        a.families().unwrap().families[0].benefit.to_string(),
        "1040"
    );
    assert_eq!(
        a.families().unwrap().families[1].benefit.to_string(),
        "102960"
    );
    // (1,040 + 102,960) / 2 x 10 x 0.5 / 20,000 = 13.
    assert_eq!(a.families().unwrap().annual[0].ratio.to_string(), "13");
    // The tallies give the same cohort.
    let c = Caseload::from_families(
        &s.family_source().unwrap().states,
        &s.family_source().unwrap().families,
    )
    .unwrap();
    assert_eq!(
        c.appraise(s.family_source().unwrap()).unwrap(),
        a.families().unwrap().cohorts
    );
    // And the analyses need no feature but the Monte Carlo's.
    let e = Evaluator::new(&s, Target::Annual("half".into())).unwrap();
    let cases = e.switching_value(&Parameter::CasesPerYear, None).unwrap();
    assert_eq!(cases.value.unwrap().round_dp(4).to_string(), "0.7692"); // 10 / 13
}

#[test]
fn the_engine_appraises_a_programme_of_outcome_lines() {
    let value = UnitValue::new(
        "exclusion",
        Decimal::new(10_000, 0),
        Period::OneOff,
        Source::default(),
    );
    let p = Programme {
        name: String::new(),
        family_source: None,
        horizon: Horizon::new(2).unwrap(),
        base_year: None,
        schedule: DiscountSchedule::constant(DiscountRate::new(Decimal::new(35, 3)).unwrap()),
        timing: Timing::YearZeroUndiscounted,
        deflators: None,
        optimism: None,
        benefits: vec![],
        outcomes: vec![
            OutcomeLine::new(
                "exclusions avoided",
                value,
                Effect::Avoided {
                    treatment: Fraction::parse("0.02", "t").unwrap(),
                    comparison: Fraction::parse("0.05", "c").unwrap(),
                },
            )
            .participants(100)
            .timing(1, 1),
        ],
        costs: vec![CostStream::up_front("staff", Money::from_pounds(10_000))],
        participants: Some(100),
        metb: None,
        distribution: None,
    };
    let pv = present_values(&p).unwrap();
    // 100 x 0.03 x 10,000 = 30,000 in year 1, discounted by 1.035.
    assert_eq!(
        pv.pv_benefits.rounded(Rounding::half_up(2)).to_string(),
        "28985.51"
    );
    let e = Evaluator::new(&p, Target::Npv).unwrap();
    let rows = e
        .tornado(&[froi::uncertainty::OneWay {
            parameter: "outcome.exclusions avoided.comparison_rate"
                .parse()
                .unwrap(),
            low: Decimal::new(2, 2),
            high: Decimal::new(8, 2),
        }])
        .unwrap();
    // At a comparison rate of 0.02 nothing is avoided: NPV = -10,000.
    assert_eq!(
        rows[0].ratio_at_low.value().normalize().to_string(),
        "-10000"
    );
}

#[test]
fn the_engine_reads_and_writes_json() {
    let s = scenario();
    let text = serde_json::to_string(&s).unwrap();
    let again: froi::Programme = serde_json::from_str(&text).unwrap();
    assert_eq!(again, s);
    let a = appraise(&s).unwrap();
    let back: Appraisal = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back, a);
    let bad = text.replacen(r#""children":1"#, r#""children":0"#, 1);
    assert!(serde_json::from_str::<froi::Programme>(&bad).is_err());
}

#[cfg(not(feature = "monte-carlo"))]
#[test]
fn without_the_feature_a_monte_carlo_is_refused_by_name() {
    use froi::uncertainty::{Distribution, MonteCarlo, MonteCarloInput, UncertaintySpec};
    let spec = UncertaintySpec {
        target: Target::Annual("half".into()),
        scenarios: vec![],
        one_way: vec![],
        switching: vec![],
        monte_carlo: Some(MonteCarlo {
            inputs: vec![MonteCarloInput {
                parameter: Parameter::CasesPerYear,
                distribution: Distribution::Uniform {
                    low: 5.0,
                    high: 15.0,
                },
            }],
            draws: 100,
            seed: 1,
            percentiles: vec![],
        }),
    };
    assert_eq!(
        spec.run(&scenario()).unwrap_err().to_string(),
        "field `uncertainty.monte_carlo`: missing required feature `monte-carlo` (froi was built without it)"
    );
}
