//! Hostile calls of the public API: extreme values reach every constructor
//! and every `Display` without a panic, and work that an input could make
//! endless is refused instead (docs/errors.md).

mod common;
use common::present_values;

use froi::DiscountRate;
use froi::Uplift;
use froi::prelude::*;
use proptest::prelude::*;

/// Decimals from the edges of the range and its finest steps, and any between.
fn extreme() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        Just(Decimal::new(1, 28)),
        Just(Decimal::new(-1, 28)),
        Just(Decimal::ONE),
        any::<(i64, u32)>().prop_map(|(m, s)| Decimal::new(m, s % 29)),
        any::<[u32; 3]>().prop_map(|[a, b, c]| Decimal::from_parts(a, b, c, a % 2 == 0, c % 29)),
    ]
}

proptest! {
    #[test]
    fn every_constructor_and_display_takes_any_decimal(d in extreme()) {
        // Each either builds and displays, or is refused with an error.
        if let Ok(rate) = DiscountRate::new(d) {
            let _ = rate.to_string();
            let _ = DiscountSchedule::constant(rate).name().to_string();
        }
        if let Ok(uplift) = Uplift::new(d) {
            let _ = uplift.to_string();
        }
        let _ = Fraction::new(d).map(|f| f.to_string());
        let _ = Deadweight::new(d).map(|f| f.to_string());
        let _ = Money::new(d).to_string();
        let _ = WeeklyValue::new(d).to_string();
        let _ = Hours::new(d).map(|h| h.to_string());
        let _ = HourlyRate::new(d).map(|r| r.to_string());
        let _ = Ratio::new(d).to_string();
        let _ = Rounding::half_up(2).apply(d);
    }

    #[test]
    fn money_arithmetic_at_the_edges_is_checked(a in extreme(), b in extreme(), n in any::<u64>()) {
        let (a, b) = (Money::new(a), Money::new(b));
        let _ = a.checked_add(b);
        let _ = a.checked_sub(b);
        let _ = a.checked_times(n);
        let _ = a.checked_scale(b.value());
        let _ = a.ratio_to(b, || "a ratio".into());
        let _ = a.checked_average(n, || "an average".into());
    }
}

#[test]
fn a_rate_past_the_percent_range_displays_as_a_fraction() {
    let rate = DiscountRate::new(Decimal::MAX).unwrap();
    assert_eq!(rate.to_string(), format!("{} x 100%", Decimal::MAX));
    assert_eq!(
        Uplift::new(Decimal::MAX).unwrap().to_string(),
        format!("{} x 100%", Decimal::MAX)
    );
    assert_eq!(DiscountRate::parse("0.035").unwrap().to_string(), "3.5%");
}

#[test]
fn drop_off_is_not_compounded_past_the_longest_horizon() {
    let adjustments = Adjustments {
        drop_off: Fraction::percent(10).unwrap(),
        ..Adjustments::NONE
    };
    let gross = Money::from_pounds(100);
    assert_eq!(adjustments.net_in_year(gross, 1).unwrap().to_string(), "90");
    let e = adjustments.net_in_year(gross, u32::MAX).unwrap_err();
    assert_eq!(
        e.to_string(),
        "field `year`: 4294967295 is out of range: a year of an appraisal is 0 to 1000"
    );
    adjustments.net_in_year(gross, 1000).unwrap();
}

#[test]
fn nothing_pays_back_before_any_money_moves() {
    // The cost falls in year 1; year 0 has no flow, so its cumulative net of
    // zero is no payback.
    let mut cost = CostStream::up_front("service", Money::from_pounds(100));
    cost.first_year = 1;
    let mut benefit = BenefitStream::new("saving", Money::from_pounds(60), 2).unwrap();
    benefit.first_year = 1;
    let p = Programme::new(Horizon::new(3).unwrap())
        .schedule(DiscountSchedule::constant(
            DiscountRate::parse("0").unwrap(),
        ))
        .benefit(benefit)
        .cost(cost);
    let pv = present_values(&p).unwrap();
    assert_eq!(pv.payback_year, Some(2)); // -40 in year 1, +20 by year 2
    assert_eq!(pv.payback_year_undiscounted, Some(2));
}

/// A Monte Carlo run is bounded in work: a target over time re-appraises the
/// programme every draw, so it takes at most a million draws, and a run
/// reports at most 101 percentiles.
#[test]
#[cfg(feature = "monte-carlo")]
fn monte_carlo_work_is_bounded() {
    use froi::uncertainty::{
        Distribution, Evaluator, MonteCarlo, MonteCarloInput, Parameter, Target,
    };
    let p = Programme::new(Horizon::new(2).unwrap())
        .benefit(BenefitStream::new("b", Money::from_pounds(100), 2).unwrap())
        .cost(CostStream::up_front("c", Money::from_pounds(150)));
    let eval = Evaluator::new(&p, Target::Npv).unwrap();
    let run = |draws: u32, percentiles: usize| MonteCarlo {
        inputs: vec![MonteCarloInput {
            parameter: Parameter::DiscountRate,
            distribution: Distribution::Uniform {
                low: 0.01,
                high: 0.05,
            },
        }],
        draws,
        seed: 7,
        percentiles: vec![50.0; percentiles],
    };
    let e = eval
        .monte_carlo(&run(MonteCarlo::MAX_DRAWS_OVER_TIME + 1, 1))
        .unwrap_err();
    assert!(e.to_string().contains("at most 1,000,000 draws"), "{e}");
    let e = eval
        .monte_carlo(&run(10, MonteCarlo::MAX_PERCENTILES + 1))
        .unwrap_err();
    assert!(e.to_string().contains("at most 101 percentiles"), "{e}");
    let summary = eval
        .monte_carlo(&run(1000, MonteCarlo::MAX_PERCENTILES))
        .unwrap();
    assert_eq!(summary.percentiles.len(), MonteCarlo::MAX_PERCENTILES);
}

/// Labels compare in full Unicode case: "é" finds "É", and two states whose
/// labels differ only in case are refused.
#[test]
fn labels_beyond_ascii_compare_in_unicode_case() {
    let states = froi::StateCatalogue::new(
        "state",
        vec![
            froi::StateDef::new("SORTI").closed(),
            froi::StateDef::new("ÉLOIGNÉ"),
        ],
    )
    .unwrap();
    assert_eq!(
        states.state("éloigné").unwrap(),
        states.state("ÉLOIGNÉ").unwrap()
    );
    assert!(states.state("eloigne").is_err());
    let twice = froi::StateCatalogue::new(
        "state",
        vec![froi::StateDef::new("é"), froi::StateDef::new("É")],
    );
    assert!(
        twice
            .unwrap_err()
            .to_string()
            .contains("already names \"é\"")
    );
}

/// A publication file names each entry once and traces each input of the
/// chain from one place: a finding, a correction and a workbook link refer
/// to them by id.
#[cfg(feature = "nelc")]
#[test]
fn a_publication_names_each_entry_and_chain_input_once() {
    let (text, path) = froi::nelc_2020::file("published.toml").unwrap();
    let read = |t: &str| froi::audit::Publication::from_toml(t, &path).map(|_| ());
    read(&text).unwrap();
    let twice = text.replacen("id = \"unit-hours\"", "id = \"unit-cost\"", 1);
    let err = read(&twice).unwrap_err().to_string();
    assert!(
        err.contains("field `id`: \"unit-cost\" is out of range"),
        "{err}"
    );
    let again = text.replacen(
        "input = \"cases_per_year\"",
        "input = \"average_benefit\"",
        1,
    );
    let err = read(&again).unwrap_err().to_string();
    assert!(err.contains("field `chain chain-cases`"), "{err}");
    assert!(
        err.contains("each input of the chain is traced from one place"),
        "{err}"
    );
}

/// A Monte Carlo whose draws grow without bound (a unit cost drawn near 0)
/// says which figure broke the range, rather than a mean of "inf" or a
/// percentile of 300 digits.
#[cfg(all(feature = "nelc", feature = "monte-carlo"))]
#[test]
fn a_monte_carlo_beyond_the_exact_range_says_so() {
    use froi::uncertainty::{
        Distribution, Evaluator, MonteCarlo, MonteCarloInput, Parameter, Target,
    };
    let p = froi::nelc_2020::programme_by_rule().unwrap();
    let eval = Evaluator::new(&p, Target::Cohort(1)).unwrap();
    let run = |low: f64, high: f64| MonteCarlo {
        inputs: vec![MonteCarloInput {
            parameter: Parameter::UnitCost,
            distribution: Distribution::Uniform { low, high },
        }],
        draws: 1_000,
        seed: 7,
        percentiles: vec![50.0],
    };
    let err = eval
        .monte_carlo(&run(1e-300, 2e-300))
        .unwrap_err()
        .to_string();
    assert!(err.contains("the mean of the draws"), "{err}");
    assert!(err.contains("narrow the distribution"), "{err}");
    assert!(eval.monte_carlo(&run(1000.0, 1500.0)).is_ok());
}

/// A histogram of draws at the ends of the f64 range draws with finite
/// coordinates: no NaN or infinity reaches the SVG.
#[cfg(feature = "reports")]
#[test]
fn a_histogram_of_extreme_draws_has_finite_coordinates() {
    use froi::charts::{Chart, ChartData, Marker};
    for (lo, hi) in [
        (-f64::MAX, f64::MAX),
        (f64::MIN_POSITIVE, f64::MAX),
        (-1e308, 0.0),
    ] {
        let chart = Chart {
            title: "draws".into(),
            value_label: "ratio".into(),
            data: ChartData::Histogram {
                edges: vec![lo, 0.5 * lo + 0.5 * hi, hi],
                counts: vec![3, 4],
                markers: vec![Marker {
                    label: "base".into(),
                    value: hi,
                }],
            },
        };
        let svg = chart.to_svg();
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    }
}

/// A high rate over a long horizon compounds past the exact range: the
/// overflow names the year, the rate and the schedule, and what to change.
#[test]
fn a_discount_factor_past_the_range_names_its_year_and_rate() {
    let seven = DiscountSchedule::constant(DiscountRate::parse("0.07").unwrap());
    let err = seven.factors(1000).unwrap_err().to_string();
    assert!(
        err.contains("computing the discount factor of year 984 (7% a year, constant 7%)"),
        "{err}"
    );
    assert!(
        err.contains("shorten the horizon or lower the rate"),
        "{err}"
    );
    assert!(seven.factors(900).is_ok());
}
