//! Small promises of the public API: how values print, what accessors give,
//! and the edges of the discounting conventions.
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

use froi::*;
use froi::{DiscountRate, DiscountSchedule, Timing};
use rust_decimal::{Decimal, MathematicalOps};

#[test]
fn amounts_and_rates_print_as_people_write_them() {
    assert_eq!(Fraction::parse("0.25", "x").unwrap().to_string(), "25%");
    assert_eq!(Deadweight::parse("0.3").unwrap().to_string(), "30%");
    assert_eq!(DiscountRate::parse("0.035").unwrap().to_string(), "3.5%");
    assert_eq!(Hours::parse("48.50").unwrap().to_string(), "48.5");
    assert_eq!(HourlyRate::parse("18.510").unwrap().to_string(), "18.51");
    assert_eq!(Money::parse("1295.00").unwrap().to_string(), "1295");
    assert_eq!(Ratio::parse("3.40").unwrap().to_string(), "3.4");
    assert_eq!(froi::decimal("0.15").unwrap(), Decimal::new(15, 2));
    assert!(Hours::parse("-1").is_err() && HourlyRate::parse("-1").is_err());
    assert_eq!(
        Timing::YearZeroUndiscounted.to_string(),
        "year 0 undiscounted, year t discounted t years"
    );
    assert_eq!(
        Timing::EndOfYear.to_string(),
        "flows at year end: year t discounted t + 1 years"
    );
    assert_eq!(
        Timing::MidYear.to_string(),
        "flows mid-year: year t discounted t + 1/2 years"
    );
}

#[test]
fn a_malformed_decimal_gets_the_right_hint() {
    let hint = |text: &str| froi::decimal(text).unwrap_err().to_string();
    assert!(
        hint("1e3").ends_with("; write it in plain decimal notation"),
        "{}",
        hint("1e3")
    );
    assert!(hint("-2E5").ends_with("; write it in plain decimal notation"));
    assert_eq!(hint("eighty"), "input: \"eighty\" is not a decimal number");
    assert!(hint("1,295").ends_with("; write it without thousands separators"));
    assert!(hint("£5").ends_with("; write it without a currency sign"));
    assert!(hint("").contains("is not a decimal number"));
}

#[test]
fn schedules_say_what_they_are_and_where_they_come_from() {
    let gb = DiscountSchedule::green_book();
    assert_eq!(gb.name(), "Green Book standard");
    assert!(
        gb.source()
            .starts_with("standard: HM Treasury, The Green Book")
    );
    assert_eq!(gb.bands().len(), 6);
    assert_eq!(
        DiscountSchedule::green_book_health().name(),
        "Green Book health"
    );
}

#[test]
fn mid_year_factors_take_the_rate_of_the_year_they_fall_in() {
    // Year 30 mid-year falls in year 31 (3.0%), not year 30 (3.5%).
    let gb = DiscountSchedule::green_book();
    let mid = Timing::MidYear.factor(&gb, 30).unwrap();
    let expected = gb.factor(30).unwrap() / Decimal::new(103, 2).sqrt().unwrap();
    assert!(
        (mid - expected).abs() < Decimal::new(1, 24),
        "{mid} vs {expected}"
    );
    assert_eq!(
        Timing::EndOfYear.factor(&gb, 4).unwrap(),
        gb.factor(5).unwrap()
    );
    assert_eq!(
        Timing::YearZeroUndiscounted.factor(&gb, 4).unwrap(),
        gb.factor(4).unwrap()
    );
}

#[test]
fn the_unit_cost_keeps_its_staff_lines() {
    let s = nelc_2020::programme_as_published().unwrap();
    let lines = s.family_source().unwrap().unit_cost.inputs();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0].role, "FGC coordinator");
    assert_eq!(lines[0].cost().unwrap().value(), Decimal::new(88848, 2)); // 48 x 18.51
    assert_eq!(
        s.family_source()
            .unwrap()
            .unit_cost
            .hours()
            .unwrap()
            .value(),
        Decimal::from(68)
    );
}

#[test]
fn ratios_and_money_read_and_print_plainly() {
    assert_eq!(Ratio::new(Decimal::new(34000, 4)).to_string(), "3.4");
    let m: Money = "14965.35".parse().unwrap();
    assert_eq!(m.value(), Decimal::new(1_496_535, 2));
    assert!("14,965".parse::<Money>().is_err());
}

#[test]
fn only_plain_decimal_text_is_a_number() {
    // rust_decimal alone would read these; a data file must not.
    for text in ["1_000", "0x10", "+-1", "1.2.3", " "] {
        assert!(froi::decimal(text).is_err(), "{text}");
    }
    assert_eq!(froi::decimal(" -12.50 ").unwrap(), Decimal::new(-1250, 2));
}

#[test]
fn repeated_grades_and_price_years_are_refused() {
    let grades =
        froi::load::optimism_bias_from_csv("grade,optimism_bias\nA,0.1\nB,0.2\nA,0.3\n", "g.csv");
    assert_eq!(
        grades.unwrap_err().to_string(),
        "g.csv, field `grade`: A is out of range: each grade appears once"
    );
    let index = froi::load::deflators_from_csv("price_year,index\n2023,96\n2023,97\n", "d.csv");
    assert_eq!(
        index.unwrap_err().to_string(),
        "d.csv, field `price_year`: 2023 is out of range: each price year appears once"
    );
}

#[test]
fn an_error_says_where_it_happened() {
    let csv = "cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month\n\
               1,1,2,CIN,CLOSED,CLOSED,1,2016-02\n\
               1,2,1,CIN,MARS,CLOSED,1,2016-02\n";
    let err =
        froi::load::families_from_csv(csv, "families.csv", &froi::nelc_2020::states().unwrap())
            .unwrap_err();
    let at = err.location().expect("a reader's error has a place");
    assert_eq!(at.file.as_deref(), Some("families.csv"));
    assert_eq!(at.line, Some(3));
    assert_eq!(at.field.as_deref(), Some("exit_status"));
    // An overflow has no place of its own.
    let big = froi::Money::new(rust_decimal::Decimal::MAX);
    assert!(big.checked_add(big).unwrap_err().location().is_none());
}

#[test]
fn user_tables_and_published_figures_keep_their_source() {
    // Illustrative tables: the point is the `source` column, carried through.
    let deflators = froi::load::deflators_from_csv(
        "price_year,index,source\n2019,81.1,a deflator series\n2024,100,\n",
        "gdp_deflator.csv",
    )
    .unwrap();
    assert_eq!(deflators.source(), "a deflator series");
    let grades = froi::load::optimism_bias_from_csv(
        "grade,optimism_bias,source\nlow,0.4,a grade table\n",
        "grades.csv",
    )
    .unwrap();
    assert_eq!(grades.source(), "a grade table");
    let s = |document: &str, location: &str| {
        froi::Source {
            document: document.into(),
            location: location.into(),
        }
        .to_string()
    };
    assert_eq!(s("DfE 2020", "Table 16"), "DfE 2020, Table 16");
    assert_eq!(s("DfE 2020", ""), "DfE 2020");
    assert_eq!(s("", "Table 16"), "Table 16");
    assert_eq!(s("", ""), "(no source given)");
}

#[test]
fn the_shipped_family_table_reads_from_its_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/nelc_2020/families.csv");
    let families = froi::load::read_families(path, &froi::nelc_2020::states().unwrap()).unwrap();
    assert_eq!(families.len(), 40);
    assert_eq!(
        families,
        nelc_2020::programme_as_published()
            .unwrap()
            .family_source()
            .unwrap()
            .families
    );
}

#[test]
fn a_unit_value_keeps_its_price_year_and_an_empty_one_is_none() {
    // Illustrative values: only the price-year column matters here.
    let csv = "id,status,description,amount,period,price_year,agency,kind,cashable,source,note\n\
               a,CIN,x,65.4,week,2013/14,agency,fiscal,,,\n\
               b,CP,y,113.9,week,,agency,fiscal,,,\n";
    let values = froi::load::unit_values_from_csv(
        csv,
        "unit_values.csv",
        &froi::nelc_2020::states().unwrap(),
    )
    .unwrap();
    assert_eq!(values[0].price_year.as_deref(), Some("2013/14"));
    assert_eq!(values[1].price_year, None);
}

/// Whatever builds a scenario, `appraise` refuses what the file loader
/// refuses (the scenario built here by editing the shipped one in code).
#[test]
fn appraise_checks_a_scenario_built_in_code() {
    let base = || froi::nelc_2020::programme_by_rule().unwrap();
    let err = |s: froi::Programme| froi::appraise(&s).unwrap_err().to_string();

    let mut s = base();
    let cin = s.family_source().unwrap().states.state("CIN").unwrap();
    s.family_source_mut().unwrap().set_state_value(
        cin,
        froi::StateValue::weekly(froi::WeeklyValue::parse("-65.4").unwrap()),
    );
    assert_eq!(
        err(s),
        "field `values`: no usable unit value for care status CIN: it is negative (-65.4)"
    );

    let mut s = base();
    s.family_source_mut()
        .unwrap()
        .annual
        .as_mut()
        .unwrap()
        .service_cost = froi::Money::from_pounds(-252_585);
    assert_eq!(
        err(s),
        "field `annual.service_cost`: -252585 is out of range: the annual service cost is the denominator of the annual ratio and must be positive"
    );

    let mut s = base();
    s.family_source_mut()
        .unwrap()
        .annual
        .as_mut()
        .unwrap()
        .cases_per_year = rust_decimal::Decimal::ZERO;
    assert_eq!(
        err(s),
        "field `annual.cases_per_year`: 0 is out of range: cases a year must be positive"
    );

    let mut s = base();
    let again = s.family_source().unwrap().deadweight[0].clone();
    s.family_source_mut().unwrap().deadweight.push(again);
    assert_eq!(
        err(s),
        "field `deadweight.name`: \"low\" is out of range: a deadweight scenario is named once"
    );

    let mut s = base();
    let lac = s.family_source().unwrap().states.state("LAC").unwrap();
    s.family_source_mut().unwrap().values = s
        .family_source()
        .unwrap()
        .values
        .clone()
        .with_weekly(lac, froi::WeeklyValue::parse("700").unwrap());
    assert!(err(s).contains("the values and the catalogue disagree"));

    let mut s = base();
    s.family_source_mut().unwrap().families.clear();
    assert_eq!(
        err(s),
        "field `families`: missing required families (the family table is empty)"
    );
}

/// A module of its own, so only the prelude is in scope.
mod prelude_only {
    #[test]
    fn the_prelude_leaves_result_alone_and_numbers_parse() {
        use froi::prelude::*;
        // `Result` is still the standard one with the prelude in scope.
        let r: Result<u8, String> = Ok(1);
        assert_eq!(r, Ok(1));
        let m: Money = "1295".parse().unwrap();
        let d: Deadweight = "0.3".parse().unwrap();
        let t: froi::uncertainty::Target = "npv".parse().unwrap();
        assert_eq!(
            (m.to_string(), d.to_string(), t),
            ("1295".into(), "30%".into(), froi::uncertainty::Target::Npv)
        );
        assert!("1.5".parse::<Deadweight>().is_err());
        let x: Decimal = Decimal::new(15, 1);
        assert_eq!(x.to_string(), "1.5");
        assert_eq!(BenefitBasis::Published.to_string(), "published");
        assert_eq!(froi::CostBasis::Computed.to_string(), "computed");
    }
}

#[test]
fn streams_and_targets_have_constructors() {
    use froi::{Amount, BenefitStream, CostStream};
    let b = BenefitStream::service("service", 3).unwrap();
    assert_eq!((b.annual, b.years), (Amount::Service, 3));
    let c = CostStream::recurring("team", froi::Money::from_pounds(250), 2);
    assert_eq!(
        (c.recurring.to_string(), c.years, c.up_front),
        ("250".into(), 2, froi::Money::ZERO)
    );
    let s = froi::nelc_2020::programme_by_rule().unwrap();
    let t = froi::uncertainty::Target::annual(&s.family_source().unwrap().deadweight[2]);
    assert_eq!(t, froi::uncertainty::Target::Annual("high".into()));
    assert!(froi::uncertainty::Evaluator::new(&s, t).is_ok());
}
