//! The valuation rules beside prices: distributional weights and real
//! growth, by their invariants (issue "Options, wellbeing and who saves").

use froi::{
    Decimal, DiscountSchedule, GREEN_BOOK_ETA, Money, RealGrowth, Timing, distributional_weight,
    equivalent_annual,
};
use proptest::prelude::*;

proptest! {
    /// The equivalent annual amount of a level stream is its level, under
    /// every timing convention and horizon.
    #[test]
    fn a_level_stream_is_its_own_equivalent_annual_amount(
        pounds in 1i64..10_000_000, years in 1u32..100, timing in 0usize..3,
    ) {
        let timing = [Timing::YearZeroUndiscounted, Timing::EndOfYear, Timing::MidYear][timing];
        let schedule = DiscountSchedule::green_book();
        let level = Decimal::from(pounds);
        let pv: Decimal = timing.factors(&schedule, years - 1).unwrap().iter().map(|d| d * level).sum();
        let annual = equivalent_annual(Money::new(pv), &schedule, timing, years).unwrap();
        prop_assert!((annual.value() - level).abs() <= level * Decimal::new(1, 20), "{} against {}", annual, level);
    }

    /// A group at the reference income weighs 1, whatever η.
    #[test]
    fn a_weight_is_one_at_the_reference_income(income in 1u64..10_000_000, eta in 0u32..50) {
        let income = Decimal::from(income);
        let w = distributional_weight(income, income, Decimal::new(i64::from(eta), 1)).unwrap();
        prop_assert_eq!(w, Decimal::ONE);
    }

    /// For η > 0 a richer group weighs less; for η = 0 every group weighs 1.
    #[test]
    fn weights_fall_as_income_rises(
        reference in 1_000u64..200_000,
        lower in 1_000u64..200_000,
        rise_percent in 1u64..500,
        eta in 1u32..40,
    ) {
        let reference = Decimal::from(reference);
        let lower = Decimal::from(lower);
        let higher = lower * (Decimal::ONE + Decimal::new(rise_percent as i64, 2));
        let eta = Decimal::new(i64::from(eta), 1);
        let poorer = distributional_weight(reference, lower, eta).unwrap();
        let richer = distributional_weight(reference, higher, eta).unwrap();
        prop_assert!(poorer > richer, "{} at {} against {} at {}", poorer, lower, richer, higher);
        prop_assert_eq!(distributional_weight(reference, higher, Decimal::ZERO).unwrap(), Decimal::ONE);
    }

    /// Real growth over a years then b years is growth over a + b years, to
    /// what the products keep: 28 significant digits, and no more than 28
    /// decimal places (a factor shrunk to 10^-9 keeps 19 digits), each of the
    /// a + b products rounding once.
    #[test]
    fn real_growth_composes(rate in -500i64..1_000, a in 0u32..200, b in 0u32..200) {
        let g = RealGrowth::new(Decimal::new(rate, 4)).unwrap();
        let (fa, fb, fab) = (g.factor(a).unwrap(), g.factor(b).unwrap(), g.factor(a + b).unwrap());
        let gap = (fa * fb - fab).abs();
        let rounding = Decimal::from(a + b + 1) * Decimal::new(1, 28);
        let allowed = fab.abs() * Decimal::new(1, 20) + rounding;
        prop_assert!(gap <= allowed, "{} x {} against {}", fa, fb, fab);
    }
}

#[test]
fn the_green_book_weight_and_growth_match_their_sources() {
    // Green Book A3: η = 1.3; a group at half the reference income weighs 2^1.3.
    assert_eq!(GREEN_BOOK_ETA, Decimal::new(13, 1));
    let w = distributional_weight(Decimal::from(30_000), Decimal::from(15_000), GREEN_BOOK_ETA)
        .unwrap();
    assert_eq!(w.round_dp(6), Decimal::new(2_462_289, 6));
    // DfT TAG VPF 2023 £2,474,341 at 2% a year: 2024 £2,523,828 and 2025
    // £2,574,304, as the greenbook R package tabulates them.
    let g = RealGrowth::new(Decimal::new(2, 2)).unwrap();
    let vpf = Decimal::from(2_474_341);
    assert_eq!(
        (vpf * g.factor(1).unwrap()).round_dp(0),
        Decimal::from(2_523_828)
    );
    assert_eq!(
        (vpf * g.factor(2).unwrap()).round_dp(0),
        Decimal::from(2_574_304)
    );
    // Refused: growth of -100% or less, a span past the longest horizon,
    // an income of zero.
    assert!(RealGrowth::new(Decimal::NEGATIVE_ONE).is_err());
    assert!(g.factor(RealGrowth::MAX_YEARS + 1).is_err());
    assert!(distributional_weight(Decimal::ONE, Decimal::ZERO, GREEN_BOOK_ETA).is_err());
}

#[cfg(feature = "files")]
/// The standard values in code are the rows of the data file, field by field.
#[test]
fn the_standard_values_in_code_are_the_data_files_rows() {
    let text = std::fs::read_to_string("data/parameters/standard_values.csv").unwrap();
    let file = froi::load::unit_values_from_csv(
        &text,
        "standard_values.csv",
        &froi::StateCatalogue::new("state", vec![froi::StateDef::new("ANY")]).unwrap(),
    )
    .unwrap();
    let code: Vec<_> = froi::StandardValue::ALL
        .iter()
        .map(|v| v.unit_value().unwrap())
        .collect();
    assert_eq!(file, code);
}

#[cfg(feature = "files")]
fn wellbeing() -> (froi::Programme, froi::uncertainty::UncertaintySpec) {
    let f = froi::load::read_programme("data/wellbeing/programme.toml").unwrap();
    (f.programme, f.uncertainty.unwrap())
}

#[cfg(feature = "files")]
/// 1 point x 100 people x 5 years x £13,000 (2019 prices) = £6,500,000
/// undiscounted; at the health schedule's 1.5%, year 0 undiscounted, each
/// year's £1,300,000 over 1.015^t, worked here apart from the engine.
#[test]
fn a_wellbeing_line_matches_the_hand_worked_example() {
    let (p, _) = wellbeing();
    let pv = froi::appraise(&p).unwrap().over_time.unwrap();
    let real: Decimal = pv.years.iter().map(|y| y.benefits.value()).sum();
    assert_eq!(real, Decimal::from(6_500_000));
    let year = Decimal::from(1_300_000);
    let rate = Decimal::new(1015, 3);
    let by_hand: Decimal = (0..5u32).map(|t| (0..t).fold(year, |v, _| v / rate)).sum();
    assert_eq!(
        pv.pv_benefits.value().round_dp(2),
        by_hand.round_dp(2),
        "{} against {}",
        pv.pv_benefits,
        by_hand
    );
    assert_eq!(pv.pv_benefits.value().round_dp(2).to_string(), "6310700.04");
}

#[cfg(feature = "files")]
/// The WELLBY's low and high values (£10,000 and £16,000) move the tornado:
/// the NPV at each is the benefits scaled by 10/13 and 16/13, less the cost.
#[test]
fn the_wellbys_low_and_high_values_move_a_tornado() {
    let (p, spec) = wellbeing();
    let result = spec.run(&p).unwrap();
    let row = &result.tornado[0];
    assert_eq!(
        (row.low, row.high),
        (Decimal::from(10_000), Decimal::from(16_000))
    );
    let pv = froi::appraise(&p).unwrap().over_time.unwrap();
    let cost = pv.pv_costs.value();
    let at = |v: i64| {
        (pv.pv_benefits.value() * Decimal::from(v) / Decimal::from(13_000) - cost).round_dp(2)
    };
    assert_eq!(row.ratio_at_low.value().round_dp(2), at(10_000));
    assert_eq!(row.ratio_at_high.value().round_dp(2), at(16_000));
    assert!(row.swing > Decimal::from(2_900_000));
    // The Monte Carlo draws between the same bounds, its mode the central value.
    let mc = result.monte_carlo.as_ref().unwrap();
    assert!(
        mc.percentiles
            .iter()
            .all(|(_, v)| *v >= at(10_000).try_into().unwrap()
                && *v <= at(16_000).try_into().unwrap())
    );
}

#[cfg(feature = "files")]
/// A file that leaves out a one-way range's bounds for a value whose source
/// gives none is refused, naming the line.
#[test]
fn a_range_left_out_needs_a_value_that_has_one() {
    let text = std::fs::read_to_string("data/wellbeing/programme.toml")
        .unwrap()
        .replace(
            "parameter = \"unit_value.wellby\"\n\n[uncertainty.monte_carlo]",
            "parameter = \"discount_rate\"\n\n[uncertainty.monte_carlo]",
        );
    let dir = std::env::temp_dir().join(format!("froi-range-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("w")).unwrap();
    std::fs::create_dir_all(dir.join("parameters")).unwrap();
    std::fs::copy(
        "data/parameters/standard_values.csv",
        dir.join("parameters/standard_values.csv"),
    )
    .unwrap();
    std::fs::write(dir.join("w/programme.toml"), text).unwrap();
    let err = froi::load::read_programme(dir.join("w/programme.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 41")
            && err.contains("only for a unit value whose catalogue row gives them"),
        "{err}"
    );
}

#[cfg(feature = "files")]
/// The VPF grows 2% a year real (DfT TAG's method): from its 2023 value to
/// each appraisal year, on top of the price restatement, never mixed with it.
#[test]
fn the_vpf_grows_from_its_price_year_each_year() {
    use froi::prelude::*;
    let vpf = froi::StandardValue::VPF.unit_value().unwrap();
    let line = |lag| {
        OutcomeLine::new(
            format!("fatality prevented, year {lag}"),
            vpf.clone(),
            Effect::Count(Decimal::ONE),
        )
        .timing(1, lag)
    };
    let zero = DiscountSchedule::constant(DiscountRate::parse("0").unwrap());
    // Taken as given (no base year): year 0 is the 2023 value, year 2 two
    // years' growth on it.
    let p = Programme::new(Horizon::new(3).unwrap())
        .schedule(zero.clone())
        .outcome(line(0))
        .outcome(line(2))
        .cost(CostStream::up_front("c", Money::from_pounds(1)));
    let pv = appraise(&p).unwrap().over_time.unwrap();
    assert_eq!(pv.years[0].benefits.to_string(), "2474341");
    assert_eq!(pv.years[2].benefits.to_string(), "2574304.3764");
    // With a base year of 2025 and an index (a test index, 2023 = 95, 2025 =
    // 100): grown two years to 2025, then restated in 2025 prices.
    let d = froi::load::deflators_from_csv("price_year,index\n2023,95\n2025,100\n", "test.csv")
        .unwrap();
    let p = p.prices("2025", d);
    let pv = appraise(&p).unwrap().over_time.unwrap();
    let expected = Decimal::new(25_743_043_764, 4) * Decimal::from(100) / Decimal::from(95);
    assert_eq!(
        pv.years[0].benefits.value().round_dp(6),
        expected.round_dp(6)
    );
}

#[cfg(all(feature = "files", feature = "reports"))]
/// Weighted figures sit beside the unweighted ones: the unweighted BCR is
/// unchanged, each group's PV benefits carry its weight, benefits that name
/// no group weigh 1; the METB figures beside those without.
#[test]
fn weighted_and_metb_figures_sit_beside_the_appraisals_own() {
    use froi::prelude::*;
    let text = r#"
name = "weights"
[time]
horizon_years = 1
discounting = "0"
timing = "year_zero_undiscounted"
metb = "0.2"

[time.distribution]
reference_income = "30000"
[[time.distribution.group]]
name = "lowest fifth"
income = "15000"
[[time.distribution.group]]
name = "top fifth"
income = "60000"

[[time.benefit]]
name = "gain to the poorest"
annual = "1000"
years = 1
group = "lowest fifth"

[[time.benefit]]
name = "gain to the richest"
annual = "1000"
years = 1
group = "top fifth"

[[time.benefit]]
name = "gain to no one group"
annual = "500"
years = 1

[[time.cost]]
name = "service"
up_front = "1000"
"#;
    let dir = std::env::temp_dir().join(format!("froi-weights-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("p.toml"), text).unwrap();
    let file = froi::load::read_programme(dir.join("p.toml")).unwrap();
    let a = appraise(&file.programme).unwrap();
    assert_eq!(a.present_values().unwrap().bcr.to_string(), "2.5");
    let w = a.weighted.as_ref().unwrap();
    let weight = |g: &str| w.groups.iter().find(|x| x.group == g).unwrap().weight;
    // 2^1.3 and 0.5^1.3, to the 12 places rust_decimal's power keeps.
    assert_eq!(
        weight("lowest fifth").round_dp(12),
        Decimal::new(2_462_288_826_690, 12)
    );
    assert_eq!(
        weight("top fifth").round_dp(12),
        Decimal::new(406_126_198_178, 12)
    );
    assert_eq!(weight("not stated"), Decimal::ONE);
    let expected =
        Decimal::from(1000) * (weight("lowest fifth") + weight("top fifth")) + Decimal::from(500);
    assert_eq!(w.pv_benefits.value().round_dp(8), expected.round_dp(8));
    let m = a.with_metb.as_ref().unwrap();
    assert_eq!(
        (m.pv_costs.to_string().as_str(), m.bcr.to_string().as_str()),
        ("1200", "2.0833333333333333333333333333")
    );
    let report = froi::report::text(&a, None);
    assert!(
        report.contains("beside the figures above, not instead") && report.contains("METB 20%"),
        "{report}"
    );
    // And it reads back equal through the writer.
    let out = dir.join("out");
    let path = froi::load::save_programme(&out, &file).unwrap();
    assert_eq!(froi::load::read_programme(path).unwrap(), file);
    // A group no distribution names is refused, naming the stream.
    std::fs::write(
        dir.join("q.toml"),
        text.replace("group = \"top fifth\"", "group = \"middle\""),
    )
    .unwrap();
    let err = froi::load::read_programme(dir.join("q.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 28, field `time.benefit[1].group`")
            && err.contains("unknown income group \"middle\""),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// The appraisal's equivalent annual net benefit of a level net stream is
/// that level, under any schedule and timing.
#[test]
fn a_level_net_flow_is_its_own_equivalent_annual_net_benefit() {
    use froi::prelude::*;
    for timing in [
        Timing::YearZeroUndiscounted,
        Timing::EndOfYear,
        Timing::MidYear,
    ] {
        let p = Programme::new(Horizon::new(40).unwrap())
            .timing(timing)
            .benefit(BenefitStream::new("b", Money::from_pounds(1_000), 40).unwrap())
            .cost(CostStream::recurring("c", Money::from_pounds(400), 40));
        let pv = appraise(&p).unwrap().over_time.unwrap();
        let level = pv.equivalent_annual_net.value();
        assert!(
            (level - Decimal::from(600)).abs() < Decimal::new(1, 9),
            "{timing}: {level}"
        );
    }
}
