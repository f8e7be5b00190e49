//! Every rule of the model's `validate` functions, checked on the model
//! itself (built in code, no file in between): each refusal, and the value
//! at its boundary that is allowed. The file layer checks some of the same
//! things on reading, so without these a rule removed from the model would
//! go unnoticed (`cargo mutants -F validate` finds none left alive).

use froi::Deflators;
use froi::prelude::*;
use froi::uncertainty::Distribution;
use froi::{Location, StateCatalogue};

fn value(amount: i64, period: Period) -> UnitValue {
    UnitValue::new("v", Decimal::from(amount), period, Source::default())
}

fn share() -> Effect {
    Effect::Share(Fraction::percent(10).unwrap())
}

/// The field an error names, for asserting which rule refused.
fn field(e: Error) -> String {
    e.location()
        .and_then(|at| at.field.as_deref().map(String::from))
        .unwrap_or_else(|| panic!("no field in {e}"))
}

// OutcomeLine::validate

#[test]
fn a_share_or_rate_needs_a_cohort_and_a_count_does_not() {
    let line = OutcomeLine::new("l", value(10, Period::Event), share());
    assert!(field(line.validate().unwrap_err()).ends_with("participants"));
    line.clone().participants(1).validate().unwrap();
    let counted = OutcomeLine::new("l", value(10, Period::Event), Effect::Count(Decimal::ONE));
    counted.validate().unwrap();
}

#[test]
fn a_count_of_outcomes_takes_no_engagement() {
    let line = OutcomeLine::new("l", value(10, Period::Event), Effect::Count(Decimal::ONE));
    line.clone().engagement(Fraction::ONE).validate().unwrap();
    let half = line.engagement(Fraction::percent(50).unwrap());
    assert!(field(half.validate().unwrap_err()).ends_with("engagement"));
}

#[test]
fn a_count_of_outcomes_is_not_negative_and_may_be_zero() {
    let count = |n: i64| OutcomeLine::new("l", value(10, Period::Event), Effect::Count(n.into()));
    assert!(field(count(-1).validate().unwrap_err()).ends_with("outcomes"));
    count(0).validate().unwrap();
}

#[test]
fn a_rate_is_held_at_least_a_year_and_an_event_need_not_be() {
    let line = |period| {
        OutcomeLine::new("l", value(10, period), share())
            .participants(5)
            .timing(0, 0)
    };
    assert!(field(line(Period::Year).validate().unwrap_err()).ends_with("duration_years"));
    line(Period::Event).validate().unwrap();
    line(Period::Year).timing(1, 0).validate().unwrap();
}

#[test]
fn a_unit_value_is_not_negative_and_may_be_zero() {
    let line =
        |amount| OutcomeLine::new("l", value(amount, Period::Event), share()).participants(5);
    assert!(field(line(-1).validate().unwrap_err()).ends_with("unit_value"));
    line(0).validate().unwrap();
}

// Programme::validate

#[test]
fn streams_and_lines_are_named_once_among_their_kind() {
    let twice = programme().benefit(BenefitStream::new("b", Money::from_pounds(1), 1).unwrap());
    assert_eq!(field(twice.validate().unwrap_err()), "time.benefit.name");
    let twice = programme().cost(CostStream::up_front("c", Money::from_pounds(1)));
    assert_eq!(field(twice.validate().unwrap_err()), "time.cost.name");
    let line = || OutcomeLine::new("l", value(10, Period::Event), Effect::Count(Decimal::ONE));
    let twice = programme().outcome(line()).outcome(line());
    assert_eq!(field(twice.validate().unwrap_err()), "time.outcome.name");
    // A benefit stream and a cost stream may share a name.
    programme()
        .cost(CostStream::up_front("b", Money::from_pounds(1)))
        .validate()
        .unwrap();
}

fn programme() -> Programme {
    Programme::new(Horizon::new(2).unwrap())
        .benefit(BenefitStream::new("b", Money::from_pounds(100), 2).unwrap())
        .cost(CostStream::up_front("c", Money::from_pounds(50)))
}

#[test]
fn a_programme_serves_at_least_one_participant() {
    let e = programme().participants(0).validate().unwrap_err();
    assert_eq!(field(e), "time.participants");
    programme().participants(1).validate().unwrap();
}

#[test]
fn a_programme_refuses_an_invalid_outcome_line() {
    let p = programme().outcome(OutcomeLine::new("l", value(10, Period::Event), share()));
    assert!(field(p.validate().unwrap_err()).ends_with("participants"));
}

fn priced(name: &str, year: &str) -> BenefitStream {
    let mut b = BenefitStream::new(name, Money::from_pounds(100), 1).unwrap();
    b.price_year = Some(year.into());
    b
}

#[test]
fn values_in_two_price_years_need_a_base_year() {
    let one_year = programme()
        .benefit(priced("x", "2019"))
        .benefit(priced("y", "2019"));
    one_year.validate().unwrap();
    let two_years = programme()
        .benefit(priced("x", "2019"))
        .benefit(priced("y", "2020"));
    assert!(field(two_years.validate().unwrap_err()).starts_with("time.base_year"));
}

#[test]
fn a_value_in_other_prices_needs_a_deflator_for_its_year() {
    let index = |years: &[&str]| {
        let entries = years
            .iter()
            .map(|y| (y.to_string(), Decimal::from(100)))
            .collect();
        Deflators::new(entries, "illustrative").unwrap()
    };
    let mut p = programme().benefit(priced("x", "2019"));
    p.base_year = Some("2020".into());
    assert!(field(p.validate().unwrap_err()).starts_with("time.deflators"));
    let p = programme().benefit(priced("x", "2019"));
    let uncovered = p.clone().prices("2020", index(&["2020"]));
    assert!(field(uncovered.validate().unwrap_err()).contains("price_year"));
    p.prices("2020", index(&["2019", "2020"]))
        .validate()
        .unwrap();
}

#[test]
fn a_grade_named_needs_a_table_that_has_it() {
    let mut graded = BenefitStream::new("graded", Money::from_pounds(100), 1).unwrap();
    graded.optimism_grade = Some("A".into());
    let p = programme().benefit(graded);
    assert!(field(p.validate().unwrap_err()).starts_with("time.optimism_bias"));
    let table = |grade: &str| {
        let grade = froi::Grade {
            name: grade.into(),
            cost_uplift: froi::Uplift::new(Decimal::ONE).unwrap(),
            benefit_reduction: Fraction::percent(10).unwrap(),
        };
        froi::OptimismBias::with_grades(vec![grade], "illustrative").unwrap()
    };
    assert!(
        field(p.clone().optimism(table("B")).validate().unwrap_err()).contains("optimism_grade")
    );
    p.optimism(table("A")).validate().unwrap();
}

// FamilySource::validate

fn scenario() -> froi::FamilySource {
    let states = StateCatalogue::new(
        "state",
        vec![
            StateDef::new("CLOSED").closed().with_rank(0),
            StateDef::new("CIN").with_rank(1),
        ],
    )
    .unwrap();
    let (closed, cin) = (
        states.state("CLOSED").unwrap(),
        states.state("CIN").unwrap(),
    );
    let values = StateValues::new(&states).with_weekly(cin, WeeklyValue::parse("65.4").unwrap());
    froi::FamilySource {
        families: vec![Family::new(1, "a", 1, 1, cin, closed, closed).unwrap()],
        states,
        unit_cost: UnitCost::stated_only(Money::from_pounds(1295)),
        values,
        catalogue: Vec::new(),
        rule: ValuationRule {
            outcome: OutcomePoint::Exit,
            deterioration: Deterioration::NoBenefit,
            window: Weeks::new(52).unwrap(),
        },
        benefit_basis: BenefitBasis::Rule,
        deadweight: vec![DeadweightScenario::new(
            "high",
            Deadweight::parse("0.3").unwrap(),
        )],
        annual: None,
    }
}

#[test]
fn a_scenario_as_built_is_valid() {
    scenario().validate().unwrap();
}

#[test]
fn a_scenario_has_families_each_once_in_its_cohort() {
    let mut s = scenario();
    s.families.clear();
    assert_eq!(field(s.validate().unwrap_err()), "families");
    let mut s = scenario();
    let twin = s.families[0].clone();
    s.families.push(twin.clone());
    let e = s.validate().unwrap_err();
    assert!(e.to_string().ends_with("(first at line 1)"), "{e}");
    assert_eq!(field(e), "families");
    // The same id in another cohort is another family.
    let mut s = scenario();
    let cin = s.states.state("CIN").unwrap();
    let closed = s.states.state("CLOSED").unwrap();
    s.families
        .push(Family::new(2, "a", 1, 1, cin, closed, closed).unwrap());
    s.validate().unwrap();
}

#[test]
fn a_family_state_belongs_to_the_catalogue_and_is_valued() {
    let mut s = scenario();
    let other = StateCatalogue::new(
        "state",
        (0..3).map(|i| StateDef::new(format!("S{i}"))).collect(),
    )
    .unwrap();
    let stranger = other.state("S2").unwrap();
    let closed = s.states.state("CLOSED").unwrap();
    s.families
        .push(Family::new(1, "b", 1, 1, stranger, closed, closed).unwrap());
    assert_eq!(field(s.validate().unwrap_err()), "families[1]");
    // A state of the catalogue with no value is refused too.
    let mut s = scenario();
    s.values = StateValues::new(&s.states);
    assert!(s.validate().is_err());
}

#[test]
fn a_state_value_is_not_negative_and_may_be_zero() {
    let at = |weekly: &str| {
        let mut s = scenario();
        let cin = s.states.state("CIN").unwrap();
        s.values = s
            .values
            .clone()
            .with_weekly(cin, WeeklyValue::parse(weekly).unwrap());
        s.validate()
    };
    assert_eq!(field(at("-1").unwrap_err()), "values");
    at("0").unwrap();
}

#[test]
fn the_values_and_the_catalogue_agree() {
    let mut s = scenario();
    let cin = s.states.state("CIN").unwrap();
    s.catalogue = vec![value(70, Period::Week).for_state(cin)];
    assert_eq!(field(s.validate().unwrap_err()), "values");
    s.catalogue = vec![
        UnitValue::new(
            "cin",
            "65.4".parse().unwrap(),
            Period::Week,
            Source::default(),
        )
        .for_state(cin),
    ];
    s.validate().unwrap();
}

#[test]
fn the_cost_per_session_is_positive() {
    let mut s = scenario();
    s.unit_cost = UnitCost::stated_only(Money::ZERO);
    assert_eq!(field(s.validate().unwrap_err()), "cost.per_session");
    s.unit_cost = UnitCost::stated_only(Money::parse("0.01").unwrap());
    s.validate().unwrap();
}

#[test]
fn a_deadweight_scenario_is_named_once() {
    let mut s = scenario();
    s.deadweight
        .push(DeadweightScenario::new("high", Deadweight::NONE));
    assert_eq!(field(s.validate().unwrap_err()), "deadweight.name");
    s.deadweight.pop();
    s.deadweight
        .push(DeadweightScenario::new("none", Deadweight::NONE));
    s.validate().unwrap();
}

#[test]
fn an_annual_basis_has_positive_cases_and_cost() {
    let annual = |cases: i64, cost: i64| {
        let mut s = scenario();
        s.annual = Some(AnnualBasis {
            basis_cohort: 1,
            cases_per_year: Decimal::from(cases),
            service_cost: Money::from_pounds(cost),
            source: Source::default(),
        });
        s.validate()
    };
    assert_eq!(field(annual(0, 1).unwrap_err()), "annual.cases_per_year");
    assert_eq!(field(annual(1, 0).unwrap_err()), "annual.service_cost");
    annual(1, 1).unwrap();
}

#[test]
fn an_annual_basis_names_a_cohort_with_families() {
    let with_cohort = |cohort: u32| {
        let mut s = scenario();
        s.annual = Some(AnnualBasis {
            basis_cohort: cohort,
            cases_per_year: Decimal::ONE,
            service_cost: Money::from_pounds(1),
            source: Source::default(),
        });
        s.validate()
    };
    let err = with_cohort(2).unwrap_err().to_string();
    assert_eq!(err, "field `annual.basis_cohort`: cohort 2 has no families");
    with_cohort(1).unwrap();
}

#[test]
fn a_programme_checks_its_family_source() {
    let mut s = scenario();
    s.families.clear();
    let p = programme().families(s);
    assert_eq!(field(p.validate().unwrap_err()), "families");
    assert_eq!(field(froi::appraise(&p).unwrap_err()), "families");
}

// Distribution::validate

#[test]
fn distributions_are_finite_and_ordered() {
    let at = Location::field("d");
    let ok = |d: Distribution| d.validate(&at).is_ok();
    assert!(ok(Distribution::Uniform {
        low: 1.0,
        high: 1.0
    }));
    assert!(!ok(Distribution::Uniform {
        low: 2.0,
        high: 1.0
    }));
    assert!(!ok(Distribution::Uniform {
        low: f64::NAN,
        high: 1.0
    }));
    assert!(ok(Distribution::Triangular {
        low: 0.0,
        mode: 0.0,
        high: 0.0
    }));
    assert!(!ok(Distribution::Triangular {
        low: 0.0,
        mode: 2.0,
        high: 1.0
    }));
    assert!(!ok(Distribution::Pert {
        low: 1.0,
        mode: 0.0,
        high: 2.0
    }));
    assert!(!ok(Distribution::Pert {
        low: 0.0,
        mode: 1.0,
        high: f64::INFINITY
    }));
}

#[test]
fn a_spread_is_not_negative_and_truncation_bounds_are_ordered() {
    let at = Location::field("d");
    let normal = |sd: f64, low: Option<f64>, high: Option<f64>| {
        Distribution::Normal {
            mean: 1.0,
            sd,
            low,
            high,
        }
        .validate(&at)
        .is_ok()
    };
    assert!(normal(0.0, None, None));
    assert!(!normal(-0.1, None, None));
    assert!(!normal(f64::NAN, None, None));
    assert!(normal(1.0, Some(0.0), Some(0.5)));
    assert!(!normal(1.0, Some(0.5), Some(0.5)));
    assert!(!normal(1.0, Some(f64::NAN), None));
    assert!(!normal(1.0, None, Some(f64::NAN)));
    let log = |mu: f64, sigma: f64, low: Option<f64>| {
        Distribution::LogNormal {
            mu,
            sigma,
            low,
            high: None,
        }
        .validate(&at)
        .is_ok()
    };
    assert!(log(0.0, 0.0, None));
    assert!(!log(0.0, -0.1, None));
    assert!(!log(f64::INFINITY, 0.1, None));
    assert!(log(0.0, 0.1, Some(0.0)));
    assert!(!log(0.0, 0.1, Some(f64::INFINITY)));
}

// MonteCarloInput::check_support

#[test]
fn a_drawn_input_stays_in_its_parameters_range() {
    use froi::uncertainty::{MonteCarloInput, Parameter};
    let check = |parameter: Parameter, low: f64, high: f64| {
        MonteCarloInput {
            parameter,
            distribution: Distribution::Uniform { low, high },
        }
        .check_support()
    };
    // A unit value may be 0 (closed below); a unit cost may not (open).
    check(Parameter::UnitValue("CP".into()), 0.0, 10.0).unwrap();
    let err = check(Parameter::UnitCost, 0.0, 10.0).unwrap_err();
    assert_eq!(field(err), "monte_carlo.input unit_cost");
    check(Parameter::UnitCost, 0.5, 10.0).unwrap();
    check(Parameter::UnitValue("CP".into()), 1.0, 10.0).unwrap();
    assert!(check(Parameter::UnitValue("CP".into()), -0.1, 10.0).is_err());
    // A horizon in [1, 1000], closed at both ends.
    check(Parameter::Horizon, 1.0, 1000.0).unwrap();
    assert!(check(Parameter::Horizon, 0.5, 10.0).is_err());
    assert!(check(Parameter::Horizon, 1.0, 1000.5).is_err());
    // A benefit reduction in [0, 1], closed above.
    let reduction = || Parameter::Optimism {
        grade: "A".into(),
        cost: false,
    };
    check(reduction(), 0.0, 1.0).unwrap();
    assert!(check(reduction(), 0.0, 1.1).is_err());
    // Deadweight in [0, 1): 0 may be drawn, 1 may not.
    check(Parameter::Deadweight, 0.0, 0.5).unwrap();
    check(Parameter::Deadweight, 0.2, 0.99).unwrap();
    assert!(check(Parameter::Deadweight, 0.0, 1.0).is_err());
    assert!(check(Parameter::Deadweight, -0.1, 0.5).is_err());
    // An unbounded distribution for a bounded parameter.
    let normal = MonteCarloInput {
        parameter: Parameter::Deadweight,
        distribution: Distribution::Normal {
            mean: 0.3,
            sd: 0.1,
            low: None,
            high: None,
        },
    };
    let err = normal.check_support().unwrap_err().to_string();
    assert!(err.contains("draws from unbounded to unbounded"), "{err}");
}

// IncomeGroups::validate

#[test]
fn eta_is_not_negative_and_zero_weighs_every_group_alike() {
    let groups = |eta: &str| {
        froi::IncomeGroups::new(Decimal::from(30_000))
            .eta(eta.parse().unwrap())
            .group("lowest quintile", Decimal::from(15_000))
    };
    let e = groups("-0.1").validate().unwrap_err();
    assert_eq!(field(e), "distribution.eta");
    let flat = groups("0");
    flat.validate().unwrap();
    assert_eq!(flat.weight_of("lowest quintile").unwrap(), Decimal::ONE);
    groups("1.3").validate().unwrap();
}

#[test]
fn an_income_group_is_named_once_and_its_income_is_above_zero() {
    let groups = froi::IncomeGroups::new(Decimal::from(30_000)).group("a", Decimal::from(15_000));
    groups.clone().group("b", Decimal::ONE).validate().unwrap();
    let twice = groups.clone().group("a", Decimal::from(20_000));
    assert_eq!(
        field(twice.validate().unwrap_err()),
        "distribution.group.name"
    );
    let nothing = groups.group("b", Decimal::ZERO);
    assert_eq!(
        field(nothing.validate().unwrap_err()),
        "distribution.group[1].income"
    );
}
