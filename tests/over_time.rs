//! Appraisal over time: invariants, and agreement with the single-period
//! foundation when every new feature is off.
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

mod common;
use common::present_values;

use froi::*;
use froi::{Adjustments, Deadweight, Fraction, Money, Rounding, ValueKind, nelc_2020};
use froi::{DiscountRate, DiscountSchedule, Timing};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn zero_rate() -> DiscountSchedule {
    DiscountSchedule::constant(DiscountRate::new(Decimal::ZERO).unwrap())
}

fn programme(horizon: u32, benefits: Vec<BenefitStream>, costs: Vec<CostStream>) -> Programme {
    // A programme names each stream once: a strategy's repeats are numbered.
    let mut seen = std::collections::HashSet::new();
    let benefits: Vec<BenefitStream> = benefits
        .into_iter()
        .enumerate()
        .map(|(i, mut b)| {
            if !seen.insert(b.name.clone()) {
                b.name = format!("{} #{i}", b.name);
            }
            b
        })
        .collect();
    Programme {
        name: String::new(),
        family_source: None,
        horizon: Horizon::new(horizon).unwrap(),
        base_year: None,
        schedule: DiscountSchedule::green_book(),
        timing: Timing::YearZeroUndiscounted,
        deflators: None,
        optimism: None,
        benefits,
        outcomes: Vec::new(),
        costs,
        participants: None,
        metb: None,
        distribution: None,
    }
}

#[test]
fn one_year_at_zero_rates_is_the_foundation_annual_ratio_exactly() {
    let a = nelc_2020::appraise_as_published().unwrap();
    for annual in &a.families().unwrap().annual {
        let gross = Money::new(annual.average_benefit.value() * annual.cases_per_year);
        let mut benefit = BenefitStream::new("FGC: social care costs avoided", gross, 1).unwrap();
        benefit.adjustments.deadweight = annual.scenario.deadweight;
        let mut p = programme(
            1,
            vec![benefit],
            vec![CostStream::up_front("FGC service", annual.service_cost)],
        );
        p.schedule = zero_rate();
        let pv = present_values(&p).unwrap();
        assert_eq!(pv.bcr, annual.ratio, "{}", annual.scenario.name);
        assert_eq!(pv.net_ratio, annual.net_return, "{}", annual.scenario.name);
    }
}

#[test]
fn a_worked_example_by_hand() {
    // Benefit 10,000 a year for 3 years from year 1, deadweight 20%,
    // attribution 25%, drop-off 50%; cost 12,000 up front. Green Book 3.5%.
    // Net first year: 10,000 x 0.8 x 0.75 = 6,000; then 3,000, then 1,500,
    // in years 1, 2, 3: PV = 6,000/1.035 + 3,000/1.035^2 + 1,500/1.035^3.
    let mut b = BenefitStream::new("benefit", Money::from_pounds(10_000), 3).unwrap();
    b.first_year = 1;
    b.adjustments = Adjustments {
        deadweight: Deadweight::parse("0.2").unwrap(),
        attribution: Fraction::parse("0.25", "attribution").unwrap(),
        drop_off: Fraction::parse("0.5", "drop_off").unwrap(),
        ..Adjustments::NONE
    };
    let pv = present_values(&programme(
        5,
        vec![b],
        vec![CostStream::up_front("cost", Money::from_pounds(12_000))],
    ))
    .unwrap();
    let reals: Vec<String> = pv.years.iter().map(|y| y.benefits.to_string()).collect();
    assert_eq!(reals, ["0", "6000", "3000", "1500", "0"]);
    let r = Decimal::new(1035, 3);
    let expected =
        Decimal::from(6000) / r + Decimal::from(3000) / (r * r) + Decimal::from(1500) / (r * r * r);
    assert_eq!(pv.pv_benefits.value().round_dp(9), expected.round_dp(9));
    assert_eq!(
        pv.pv_benefits.rounded(Rounding::half_up(2)).to_string(),
        "9950.55"
    );
    assert_eq!(pv.payback_year, None); // 9,950.55 never repays 12,000
    let steps = &pv.streams[0].waterfall;
    assert_eq!(steps[0].removed.to_string(), "2000"); // deadweight 20% of 10,000
    assert_eq!(steps[2].removed.to_string(), "2000"); // attribution 25% of 8,000
}

#[test]
fn price_base_restates_once_and_optimism_bias_works_both_ways() {
    // Illustrative index and grades, not published data.
    let deflators =
        froi::load::deflators_from_csv("price_year,index\n2013/14,80\n2019/20,100\n", "d.csv")
            .unwrap();
    let grades =
        froi::load::optimism_bias_from_csv("grade,optimism_bias\nlow,0.4\n", "g.csv").unwrap();
    let mut b = BenefitStream::new("b", Money::from_pounds(800), 1).unwrap();
    b.price_year = Some("2013/14".into());
    b.optimism_grade = Some("low".into());
    let mut c = CostStream::up_front("c", Money::from_pounds(500));
    c.optimism_grade = Some("low".into());
    let mut p = programme(1, vec![b], vec![c]);
    p.base_year = Some("2019/20".into());
    p.deflators = Some(deflators);
    p.optimism = Some(grades);
    let pv = present_values(&p).unwrap();
    // 800 x 100/80 = 1,000, less 40% = 600; cost 500 + 40% = 700.
    assert_eq!(pv.pv_benefits.value(), Decimal::from(600));
    assert_eq!(pv.pv_costs.value(), Decimal::from(700));
    assert_eq!(pv.streams[0].price_factor, Decimal::new(125, 2));
}

#[test]
fn bad_programmes_name_the_problem() {
    assert_eq!(
        Horizon::new(0).unwrap_err().to_string(),
        "field `time.horizon_years`: 0 is out of range: a horizon is 1 to 1000 years"
    );
    let mut b = BenefitStream::new("b", Money::from_pounds(1), 1).unwrap();
    b.price_year = Some("2013/14".into());
    let mut p = programme(
        1,
        vec![b.clone()],
        vec![CostStream::up_front("c", Money::from_pounds(1))],
    );
    p.base_year = Some("2019/20".into());
    let err = present_values(&p).unwrap_err().to_string();
    assert!(err.contains("time.deflators"), "{err}");
    p.deflators =
        Some(froi::load::deflators_from_csv("price_year,index\n2019/20,100\n", "d.csv").unwrap());
    let err = present_values(&p).unwrap_err().to_string();
    assert!(
        err.contains("unknown price year \"2013/14\"") && err.contains("stream \"b\""),
        "{err}"
    );
    let zero_cost = programme(1, vec![b], vec![]);
    assert!(
        present_values(&zero_cost)
            .unwrap_err()
            .to_string()
            .contains("present value of costs is zero")
    );
}

fn stream() -> impl Strategy<Value = BenefitStream> {
    (
        1i64..=10_000_000,
        0u32..=5,
        1u32..=10,
        0i64..=99,
        0i64..=100,
        0i64..=100,
        0i64..=100,
        0usize..3,
    )
        .prop_map(|(pence, first, years, dw, disp, attr, drop, agency)| {
            let f = |pct: i64| Fraction::parse(&Decimal::new(pct, 2).to_string(), "x").unwrap();
            let mut b = BenefitStream::new("b", Money::new(Decimal::new(pence, 2)), years).unwrap();
            b.first_year = first;
            b.agency = ["council", "police", "NHS"][agency].into();
            b.kind = [ValueKind::Fiscal, ValueKind::Economic, ValueKind::Social][agency];
            b.adjustments = Adjustments {
                deadweight: Deadweight::new(Decimal::new(dw, 2)).unwrap(),
                displacement: f(disp),
                attribution: f(attr),
                drop_off: f(drop),
            };
            b
        })
}

fn cost() -> CostStream {
    let mut c = CostStream::up_front("service", Money::from_pounds(50_000));
    c.recurring = Money::from_pounds(10_000);
    c.years = 3;
    c
}

proptest! {
    #[test]
    fn npv_is_linear_in_the_benefit_stream(bs in prop::collection::vec(stream(), 1..5), k in 1i64..=500) {
        let k = Decimal::new(k, 2);
        let n = bs.len();
        let base = present_values(&programme(12, bs.clone(), vec![cost()])).unwrap();
        let scaled: Vec<BenefitStream> = bs
            .into_iter()
            .map(|mut b| { if let Amount::Pounds(m) = b.annual { b.annual = Amount::Pounds(Money::new(m.value() * k)); } b })
            .collect();
        let more = present_values(&programme(12, scaled, vec![cost()])).unwrap();
        // Linear to the carried precision: each of the 12 x n discounted amounts
        // is cut at 10^-10 of a pound, before and after scaling.
        let terms = Decimal::from(12 * n as i64);
        let tolerance = terms * (k + Decimal::ONE) * Decimal::new(1, 10);
        prop_assert!((more.pv_benefits.value() - base.pv_benefits.value() * k).abs() <= tolerance);
        prop_assert_eq!(more.pv_costs, base.pv_costs);
    }

    #[test]
    fn more_of_any_adjustment_never_raises_the_ratio(b in stream(), extra in 1i64..=100, which in 0usize..5) {
        let base = present_values(&programme(12, vec![b.clone()], vec![cost()])).unwrap();
        let mut worse = b;
        let bump = |v: Decimal| (v + Decimal::new(extra, 2)).min(Decimal::ONE);
        let mut grades = None;
        match which {
            0 => worse.adjustments.deadweight = Deadweight::new(bump(worse.adjustments.deadweight.value()).min(Decimal::new(99, 2))).unwrap(),
            1 => worse.adjustments.displacement = Fraction::parse(&bump(worse.adjustments.displacement.value()).to_string(), "x").unwrap(),
            2 => worse.adjustments.attribution = Fraction::parse(&bump(worse.adjustments.attribution.value()).to_string(), "x").unwrap(),
            3 => worse.adjustments.drop_off = Fraction::parse(&bump(worse.adjustments.drop_off.value()).to_string(), "x").unwrap(),
            _ => {
                worse.optimism_grade = Some("g".into());
                grades = Some(froi::load::optimism_bias_from_csv(&format!("grade,optimism_bias\ng,{}\n", Decimal::new(extra, 2)), "g.csv").unwrap());
            }
        }
        let mut p = programme(12, vec![worse], vec![cost()]);
        p.optimism = grades;
        let after = present_values(&p).unwrap();
        prop_assert!(after.bcr <= base.bcr);
    }

    #[test]
    fn full_drop_off_leaves_only_the_first_year(mut b in stream()) {
        b.adjustments.drop_off = Fraction::parse("1", "drop_off").unwrap();
        let pv = present_values(&programme(20, vec![b.clone()], vec![cost()])).unwrap();
        let nonzero: Vec<u32> = pv.years.iter().filter(|y| !y.benefits.is_zero()).map(|y| y.year).collect();
        prop_assert!(nonzero.len() <= 1);
        if let Some(y) = nonzero.first() {
            prop_assert_eq!(*y, b.first_year);
        }
    }

    #[test]
    fn splits_add_back_to_the_totals_exactly(bs in prop::collection::vec(stream(), 1..6)) {
        let pv = present_values(&programme(15, bs, vec![cost()])).unwrap();
        for split in [&pv.by_agency, &pv.by_kind, &pv.by_cashable] {
            let benefits = Money::checked_sum(split.iter().map(|r| r.pv_benefits)).unwrap();
            prop_assert_eq!(benefits, pv.pv_benefits);
        }
        let costs = Money::checked_sum(pv.by_agency.iter().map(|r| r.pv_costs)).unwrap();
        prop_assert_eq!(costs, pv.pv_costs);
        let by_year = Money::checked_sum(pv.years.iter().map(|y| y.pv_benefits)).unwrap();
        prop_assert_eq!(by_year, pv.pv_benefits);
    }

    #[test]
    fn the_cumulative_net_ends_at_the_npv(bs in prop::collection::vec(stream(), 1..4)) {
        let pv = present_values(&programme(10, bs, vec![cost()])).unwrap();
        let last = pv.years.last().unwrap().cumulative_net;
        prop_assert_eq!(last, pv.npv);
        if let Some(y) = pv.payback_year {
            prop_assert!(pv.years[y as usize].cumulative_net >= Money::ZERO);
        }
    }
}

#[test]
fn a_multi_year_scenario_file_with_every_feature() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/testdata/multi_year/scenario.toml"
    );
    let scenario = froi::load::read_programme(path).unwrap().programme;
    let a = froi::appraise(&scenario).unwrap();
    // The single-year figures are untouched by the [time] table.
    let high = &a.families().unwrap().annual[0];
    assert_eq!(
        high.ratio.rounded(Rounding::half_up(4)).to_string(),
        "3.4424"
    );
    let pv = a.over_time.as_ref().unwrap();
    assert_eq!(pv.timing, Timing::YearZeroUndiscounted);
    // By hand: the service's gross benefit 14,965.35 x 83 = 1,242,124.05 in
    // (assumed) 2019 prices, restated by 100 / 81.1085, then x 0.7 x 0.9 x 0.8
    // for deadweight, displacement and attribution, x 0.6 for 40% optimism bias.
    let restated = Decimal::new(124212405, 2) * Decimal::from(100) / Decimal::new(811085, 4);
    let year0 = restated
        * Decimal::new(7, 1)
        * Decimal::new(9, 1)
        * Decimal::new(8, 1)
        * Decimal::new(6, 1);
    assert_eq!(
        pv.years[0].benefits.rounded(Rounding::half_up(2)),
        year0.round_dp(2)
    );
    // Drop-off 50%: half in year 1, a quarter in year 2, nothing after year 2.
    assert_eq!(
        pv.years[1].benefits.rounded(Rounding::half_up(2)),
        (year0 / Decimal::TWO).round_dp(2)
    );
    assert!(pv.years[3].benefits.is_zero() && pv.years[4].benefits.is_zero());
    // Cost: 252,585 restated, plus 5% optimism bias, for three years.
    let cost = Decimal::from(252_585) * Decimal::from(100) / Decimal::new(811085, 4)
        * Decimal::new(105, 2);
    assert_eq!(
        pv.years[2].costs.rounded(Rounding::half_up(2)),
        cost.round_dp(2)
    );
    assert_eq!(
        pv.years[1].discount_factor.round_dp(10),
        (Decimal::ONE / Decimal::new(1035, 3)).round_dp(10)
    );
    assert_eq!(pv.bcr.rounded(Rounding::half_up(2)).to_string(), "0.84");
    assert_eq!(pv.by_agency.len(), 1);
}

fn read_relative(
    folder: &std::path::Path,
) -> impl FnMut(&str) -> froi::Result<(String, String)> + '_ {
    move |name: &str| {
        let path = folder.join(name);
        Ok((
            std::fs::read_to_string(&path).unwrap(),
            path.display().to_string(),
        ))
    }
}

fn fixture_files() -> froi::load::FileNames {
    froi::load::FileNames {
        states: "../../../data/nelc_2020/states.csv".into(),
        families: "../../../data/nelc_2020/families.csv".into(),
        unit_values: "../../../data/nelc_2020/unit_values.csv".into(),
        staff_inputs: Some("../../../data/nelc_2020/staff_inputs.csv".into()),
        deflators: Some("gdp_deflator.csv".into()),
        optimism_bias: Some("grades.csv".into()),
    }
}

#[test]
fn a_scenario_file_round_trips_exactly() {
    let folder = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/testdata/multi_year"
    ));
    let path = folder.join("scenario.toml");
    let original = froi::load::read_programme(&path).unwrap();
    let text = froi::load::programme_file_to_toml(&original, &fixture_files()).unwrap();
    let again = froi::load::programme_from_toml(
        &text,
        &path.display().to_string(),
        &mut read_relative(folder),
    )
    .unwrap();
    assert_eq!(again, original);
    // And the text is a fixed point.
    assert_eq!(
        froi::load::programme_file_to_toml(&again, &fixture_files()).unwrap(),
        text
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_programme_round_trips(bs in prop::collection::vec(stream(), 0..4), horizon in 1u32..=40, rate in 0i64..=800, timing in 0usize..3) {
        let folder = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/testdata/multi_year"));
        let path = folder.join("scenario.toml");
        let mut scenario = froi::load::read_programme(&path).unwrap();
        // The analyses name the file's own streams, which this test replaces.
        scenario.uncertainty = None;
        let p = &mut scenario.programme;
        p.horizon = Horizon::new(horizon).unwrap();
        p.schedule = DiscountSchedule::constant(DiscountRate::new(Decimal::new(rate, 4)).unwrap());
        p.timing = [Timing::YearZeroUndiscounted, Timing::EndOfYear, Timing::MidYear][timing];
        // Each stream named once, as a programme requires.
        p.benefits = bs.into_iter().enumerate().map(|(i, mut b)| { b.name = format!("b{i}"); b }).collect();
        let text = froi::load::programme_file_to_toml(&scenario, &fixture_files()).unwrap();
        let again = froi::load::programme_from_toml(&text, &path.display().to_string(), &mut read_relative(folder)).unwrap();
        prop_assert_eq!(again, scenario);
    }
}

#[test]
fn the_fiscal_ratio_counts_fiscal_benefits_only() {
    let mut fiscal = BenefitStream::new("fiscal", Money::from_pounds(700), 1).unwrap();
    fiscal.kind = ValueKind::Fiscal;
    let mut social = BenefitStream::new("social", Money::from_pounds(400), 1).unwrap();
    social.kind = ValueKind::Social;
    let mut p = programme(
        1,
        vec![fiscal, social],
        vec![CostStream::up_front("c", Money::from_pounds(200))],
    );
    p.schedule = zero_rate();
    let pv = present_values(&p).unwrap();
    assert_eq!(pv.fiscal_bcr.value(), Decimal::new(35, 1)); // 700 / 200
    assert_eq!(pv.bcr.value(), Decimal::new(55, 1)); // (700 + 400) / 200
}

#[test]
fn price_years_need_a_base_year_only_when_they_differ() {
    let with_year = |y: &str| {
        let mut b = BenefitStream::new("b", Money::from_pounds(100), 1).unwrap();
        b.price_year = Some(y.to_string());
        b
    };
    // The same price year as the base: no deflator needed.
    let mut p = programme(
        1,
        vec![with_year("2024")],
        vec![CostStream::up_front("c", Money::from_pounds(50))],
    );
    p.base_year = Some("2024".into());
    assert_eq!(
        present_values(&p).unwrap().pv_benefits.value(),
        Decimal::from(100)
    );
    // No base year: one price year is fine, two are not.
    p.base_year = None;
    assert!(present_values(&p).is_ok());
    p.benefits.push(BenefitStream {
        name: "b2".into(),
        ..with_year("2019")
    });
    let err = present_values(&p).unwrap_err().to_string();
    assert!(
        err.contains("time.base_year (values are in 2024 and 2019 prices)"),
        "{err}"
    );
}

#[test]
fn what_a_scenario_file_cannot_say_is_refused_not_dropped() {
    let folder = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/testdata/multi_year"
    ));
    let original = froi::load::read_programme(folder.join("scenario.toml")).unwrap();
    // The programme has a deflator table but no file is named for it.
    let files = froi::load::FileNames {
        deflators: None,
        ..fixture_files()
    };
    let err = froi::load::programme_file_to_toml(&original, &files)
        .unwrap_err()
        .to_string();
    assert!(err.contains("FileNames.deflators"), "{err}");
    // A one-band schedule under a name of its own is not a plain constant rate.
    let mut named = original.clone();
    let rate = DiscountRate::new(Decimal::new(3, 2)).unwrap();
    named.programme.schedule = DiscountSchedule::new(
        "a department's own 3%",
        vec![froi::RateBand {
            first_year: 0,
            rate,
        }],
        "",
    )
    .unwrap();
    let err = froi::load::programme_file_to_toml(&named, &fixture_files())
        .unwrap_err()
        .to_string();
    assert!(err.contains("time.discounting"), "{err}");
}

#[test]
fn a_payback_that_holds_is_a_plain_year_and_one_undone_says_so() {
    // 10,000 a year from year 0 for 3 years against 12,000 up front: the
    // cumulative net turns positive in year 1 and stays so.
    let holds = present_values(&programme(
        3,
        vec![BenefitStream::new("b", Money::from_pounds(10_000), 3).unwrap()],
        vec![CostStream::up_front("c", Money::from_pounds(12_000))],
    ))
    .unwrap();
    assert_eq!(holds.payback_year, Some(1));
    assert!(!holds.payback_undone());
    assert!(!holds.to_text().contains("negative again"));
    assert!(holds.to_html().contains("<td class=\"num\">1</td>"));
    // One year of benefit, then a cost every year: repaid in year 0, undone.
    let undone_programme = programme(
        3,
        vec![BenefitStream::new("b", Money::from_pounds(10_000), 1).unwrap()],
        vec![CostStream {
            recurring: Money::from_pounds(4_000),
            years: 3,
            ..CostStream::up_front("c", Money::ZERO)
        }],
    );
    let undone = present_values(&undone_programme).unwrap();
    assert_eq!(undone.payback_year, Some(0));
    assert!(undone.payback_undone());
    // The notebook's text table wraps the cell in its column; the page has it whole.
    assert!(
        undone
            .to_html()
            .contains("0, negative again by the horizon")
    );
    assert!(undone.to_text().contains("0, negative"));
    let report = froi::report::text(&froi::appraise(&undone_programme).unwrap(), None);
    assert!(report.contains("negative again by the horizon"));
    // Ending exactly at zero is not negative again: the payback holds.
    let even = present_values(&programme(
        1,
        vec![BenefitStream::new("b", Money::from_pounds(10_000), 1).unwrap()],
        vec![CostStream::up_front("c", Money::from_pounds(10_000))],
    ))
    .unwrap();
    assert_eq!((even.payback_year, even.npv), (Some(0), Money::ZERO));
    assert!(!even.payback_undone());
}

#[test]
fn the_undiscounted_payback_counts_real_pounds() {
    // £2,000 up front; £1,000 of benefit in each of years 1 and 2 at 3.5%.
    // Undiscounted: -2,000, -1,000, 0: paid back in year 2 (the GMCA
    // model's payback). Discounted: -2,000, -1,033.82, -100.30: never.
    let mut b = BenefitStream::new("saving", Money::from_pounds(1000), 2).unwrap();
    b.first_year = 1;
    let p = programme(
        3,
        vec![b],
        vec![CostStream::up_front("set-up", Money::from_pounds(2000))],
    );
    let pv = present_values(&p).unwrap();
    assert_eq!(pv.payback_year_undiscounted, Some(2));
    assert_eq!(pv.payback_year, None);
    assert_eq!(pv.real_net, Money::ZERO);
    assert!(!pv.undiscounted_payback_undone());
}

#[test]
fn the_multi_year_fixture_prints_the_switching_values_of_its_npv() {
    // What `cargo run --example appraise -- tests/testdata/multi_year/scenario.toml`
    // prints after the appraisal: the NPV's switching values.
    let file = froi::load::read_programme(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/testdata/multi_year/scenario.toml"
    ))
    .unwrap();
    let u = file
        .uncertainty
        .as_ref()
        .unwrap()
        .run(&file.programme)
        .unwrap();
    let text = froi::report::uncertainty_text(&u);
    assert!(text.contains("Uncertainty: net present value (families valued by the rule)"));
    assert!(text.contains("Switching values (where the net present value reaches 0)"));
    let drop_off = &u.switching[0];
    assert_eq!(drop_off.value.unwrap().round_dp(4).to_string(), "0.2984");
}

/// The discounted payback year as an uncertainty target: a year, with "not
/// within the horizon" as the year after it, and a switching value where the
/// programme stops paying back within the horizon.
#[test]
fn the_payback_year_is_a_target_of_sensitivity_and_monte_carlo() {
    use froi::uncertainty::{
        Distribution, Evaluator, MonteCarlo, MonteCarloInput, Parameter, Target,
    };
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/testdata/multi_year/scenario.toml"
    );
    let scenario = froi::load::read_programme(path).unwrap().programme;
    let pv = froi::appraise(&scenario).unwrap().over_time.unwrap();
    let horizon = scenario.horizon.years();
    let e = Evaluator::new(&scenario, "payback".parse::<Target>().unwrap()).unwrap();
    // The base is the appraisal's own payback year.
    assert_eq!(
        e.base().unwrap().value(),
        Decimal::from(pv.payback_year.unwrap_or(horizon))
    );
    assert_eq!(e.threshold(), Decimal::from(horizon) - Decimal::new(5, 1));
    // Deadweight near 1 leaves nothing to pay the costs back with.
    let drop = Parameter::parse("benefit.children's social care costs avoided.deadweight").unwrap();
    let at = |v: &str| {
        e.ratio_with(&[(drop.clone(), v.parse().unwrap())])
            .unwrap()
            .value()
    };
    assert!(at("0") <= e.base().unwrap().value());
    assert_eq!(
        at("0.99"),
        Decimal::from(horizon),
        "no payback within the horizon"
    );
    // The switching value is where payback leaves the horizon: just below it
    // the programme pays back, just above it does not.
    let sw = e
        .switching_value(&drop, Some((Decimal::ZERO, Decimal::new(99, 2))))
        .unwrap();
    let v = sw
        .value
        .expect("deadweight moves payback out of the horizon");
    let eps = Decimal::new(1, 6);
    assert!(at(&(v - eps).to_string()) < Decimal::from(horizon));
    assert_eq!(at(&(v + eps).to_string()), Decimal::from(horizon));
    // Monte Carlo: the share above the threshold is the share of draws that
    // do not pay back within the horizon.
    let run = MonteCarlo {
        inputs: vec![MonteCarloInput {
            parameter: drop.clone(),
            distribution: Distribution::Uniform {
                low: 0.0,
                high: 0.99,
            },
        }],
        draws: 200,
        seed: 7,
        percentiles: vec![50.0],
    };
    let s = e.monte_carlo(&run).unwrap();
    let draws = e.monte_carlo_draws(&run).unwrap();
    let beyond = draws.iter().filter(|d| **d >= f64::from(horizon)).count() as f64 / 200.0;
    assert_eq!(s.p_ratio_above_1, beyond);
    assert!(
        draws.iter().all(|d| d.fract() == 0.0),
        "payback years are whole"
    );
}

/// A named discount schedule in a named scenario: the Green Book's 2026
/// additional sensitivity test, or any other schedule froi ships, in place
/// of the programme's own; a range over a schedule is refused.
#[test]
fn a_named_schedule_is_a_sensitivity_scenario() {
    use froi::DiscountSchedule;
    use froi::uncertainty::{Evaluator, Parameter, Target};
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/testdata/multi_year/scenario.toml"
    );
    let mut scenario = froi::load::read_programme(path).unwrap().programme;
    let e = Evaluator::new(&scenario, Target::Npv).unwrap();
    let reduced = Parameter::parse("schedule.green_book_reduced").unwrap();
    assert_eq!(reduced.label(), "the green_book_reduced discount schedule");
    // The programme runs under the standard schedule: 0 for the reduced one.
    assert_eq!(e.value_of(&reduced).unwrap(), Decimal::ZERO);
    let under = e.ratio_with(&[(reduced.clone(), Decimal::ONE)]).unwrap();
    // The same as with the schedule put in by hand (the evaluator values
    // families by the rule, so compare evaluator with evaluator).
    scenario.schedule = DiscountSchedule::green_book_reduced();
    let by_hand = Evaluator::new(&scenario, Target::Npv)
        .unwrap()
        .base()
        .unwrap();
    assert_eq!(under, by_hand);
    // And not the standard schedule's figure.
    assert_ne!(under, e.base().unwrap());
    // Only "in force" (1) is a value; an unknown name and a switching value
    // are refused by name.
    assert!(e.ratio_with(&[(reduced.clone(), Decimal::TWO)]).is_err());
    let err = Parameter::parse("schedule.green_book_2099")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unknown discount schedule \"green_book_2099\""),
        "{err}"
    );
    assert!(e.switching_value(&reduced, None).is_err());
}

/// The report names a payback year's switching value against its own
/// threshold (the horizon less half a year), not a ratio's 1.
#[test]
fn a_payback_switching_value_is_named_against_its_threshold() {
    use froi::uncertainty::{Parameter, Target, UncertaintySpec};
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/testdata/multi_year/scenario.toml"
    );
    let scenario = froi::load::read_programme(path).unwrap().programme;
    let deadweight =
        Parameter::parse("benefit.children's social care costs avoided.deadweight").unwrap();
    let spec = UncertaintySpec {
        target: Target::Payback,
        scenarios: Vec::new(),
        one_way: Vec::new(),
        switching: vec![(deadweight, Some((Decimal::ZERO, Decimal::new(99, 2))))],
        monte_carlo: None,
    };
    let text = froi::report::uncertainty_text(&spec.run(&scenario).unwrap());
    assert!(
        text.contains("crosses 4.5: paid back within the horizon, or not"),
        "{text}"
    );
    assert!(!text.contains("reaches 1"), "{text}");
}
