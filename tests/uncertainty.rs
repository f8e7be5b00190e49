//! Uncertainty analyses: exact where they should be, reproducible, and
//! converging to the deterministic appraisal.
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

use approx::assert_relative_eq;
use froi::uncertainty::*;
use froi::{Rounding, nelc_2020};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn eval(target: Target) -> Evaluator {
    Evaluator::new(&nelc_2020::programme_by_rule().unwrap(), target).unwrap()
}

fn all_parameters() -> Vec<Parameter> {
    vec![
        Parameter::unit_value("CIN"),
        Parameter::unit_value("CP"),
        Parameter::unit_value("LAC"),
        Parameter::unit_value("KINSHIP"),
        Parameter::CasesPerYear,
        Parameter::ServiceCost,
        Parameter::Deadweight,
    ]
}

#[test]
fn the_evaluator_reproduces_the_appraisal_by_rule() {
    let scenario = nelc_2020::programme_by_rule().unwrap();
    let a = froi::appraise(&scenario).unwrap();
    for annual in &a.families().unwrap().annual {
        let e = Evaluator::new(&scenario, Target::Annual(annual.scenario.name.clone())).unwrap();
        assert_eq!(e.base().unwrap(), annual.ratio);
    }
    for c in &a.families().unwrap().cohorts {
        let e = Evaluator::new(&scenario, Target::Cohort(c.cohort.unwrap())).unwrap();
        assert_eq!(e.base().unwrap(), c.ratio);
    }
}

#[test]
fn scenarios_include_the_appendix_deadweight_set() {
    let e = eval(Target::Annual("high".into()));
    let rows = e
        .scenarios(&[
            ("low".into(), vec![(Parameter::Deadweight, Decimal::ZERO)]),
            (
                "medium".into(),
                vec![(Parameter::Deadweight, Decimal::new(15, 2))],
            ),
            (
                "high".into(),
                vec![(Parameter::Deadweight, Decimal::new(30, 2))],
            ),
        ])
        .unwrap();
    let shown: Vec<String> = rows
        .iter()
        .map(|r| r.ratio.rounded(Rounding::half_up(2)).to_string())
        .collect();
    assert_eq!(shown, ["4.71", "4.00", "3.30"]);
}

#[test]
fn switching_values_bring_the_ratio_to_one() {
    for target in [
        Target::Annual("high".into()),
        Target::Cohort(1),
        Target::Cohort(3),
    ] {
        let e = eval(target.clone());
        for p in all_parameters().into_iter().chain([Parameter::UnitCost]) {
            let Ok(sv) = e.switching_value(&p, None) else {
                continue;
            };
            if let (Some(v), Some(r)) = (sv.value, sv.ratio_at_value) {
                let off = (r.value() - Decimal::ONE).abs();
                assert!(off <= Decimal::new(1, 12), "{target} {p}: {v} gives {r}");
                assert!(v >= sv.range.0 && v <= sv.range.1);
            }
        }
    }
    // Exact, linear: cases a year at 83 / 3.2973...; the service cost at 252,585 x 3.2973...
    let e = eval(Target::Annual("high".into()));
    let base = e.base().unwrap().value();
    let cases = e.switching_value(&Parameter::CasesPerYear, None).unwrap();
    assert_eq!(cases.value, Some(Decimal::from(83) / base));
    assert_eq!(cases.method, "exact (linear)");
    let cost = e.switching_value(&Parameter::ServiceCost, None).unwrap();
    assert_eq!(cost.value, Some(Decimal::from(252_585) * base));
    // The unit cost does not enter the annual ratio.
    assert_eq!(
        e.switching_value(&Parameter::UnitCost, None).unwrap().value,
        None
    );
}

#[test]
fn a_switching_value_out_of_range_is_none() {
    let e = eval(Target::Cohort(3));
    // Cohort three's benefits are all from LAC moves; raising the CIN value never sinks it.
    let sv = e
        .switching_value(
            &Parameter::unit_value("CIN"),
            Some((Decimal::ZERO, Decimal::from(100))),
        )
        .unwrap();
    assert_eq!(sv.value, None);
}

#[test]
fn monte_carlo_is_reproducible_and_records_how() {
    let e = eval(Target::Annual("high".into()));
    let run = MonteCarlo {
        inputs: vec![MonteCarloInput {
            parameter: Parameter::unit_value("LAC"),
            distribution: Distribution::Pert {
                low: 548.0,
                mode: 685.0,
                high: 822.0,
            },
        }],
        draws: 2000,
        seed: 7,
        percentiles: vec![0.0, 50.0, 100.0],
    };
    let a = e.monte_carlo_draws(&run).unwrap();
    assert_eq!(a, e.monte_carlo_draws(&run).unwrap());
    let other = e
        .monte_carlo_draws(&MonteCarlo {
            seed: 8,
            ..run.clone()
        })
        .unwrap();
    assert_ne!(a, other);
    let s = e.monte_carlo(&run).unwrap();
    assert!(s.sampler.contains("ChaCha12"));
    assert_eq!((s.seed, s.draws), (7, 2000));
    let min = a.iter().copied().fold(f64::INFINITY, f64::min);
    assert_eq!(s.percentiles[0].1, min);
}

#[test]
fn bad_monte_carlo_inputs_are_refused() {
    let e = eval(Target::Annual("high".into()));
    let run = |distribution: Distribution, draws: u32, percentiles: Vec<f64>| {
        e.monte_carlo(&MonteCarlo {
            inputs: vec![MonteCarloInput {
                parameter: Parameter::CasesPerYear,
                distribution,
            }],
            draws,
            seed: 1,
            percentiles,
        })
        .map(|_| ())
        .unwrap_err()
        .to_string()
    };
    let tri = Distribution::Triangular {
        low: 90.0,
        mode: 83.0,
        high: 95.0,
    };
    assert_eq!(
        run(tri, 10, vec![]),
        "field `monte_carlo.input cases_per_year`: low 90, mode 83, high 95 is out of range: a distribution needs finite low <= mode <= high"
    );
    let normal = Distribution::Normal {
        mean: 83.0,
        sd: -1.0,
        low: None,
        high: None,
    };
    assert!(run(normal, 10, vec![]).contains("sd >= 0"));
    let ok = Distribution::Uniform {
        low: 70.0,
        high: 95.0,
    };
    assert_eq!(
        run(ok.clone(), 0, vec![]),
        "field `monte_carlo.draws`: 0 is out of range: draws are a whole number, 1 to 10,000,000 (a bound on run time)"
    );
    // The largest count a file could name is refused before any allocation.
    assert!(run(ok.clone(), u32::MAX, vec![]).contains("4294967295 is out of range"));
    assert!(run(ok, 10, vec![101.0]).contains("a percentile lies in [0, 100]"));
    let narrow = Distribution::Normal {
        mean: 0.0,
        sd: 1.0,
        low: Some(50.0),
        high: Some(51.0),
    };
    // Refused before any draw: the bounds keep almost none of the normal.
    assert!(run(narrow, 10, vec![]).contains("the truncation keeps 0.0000% of the distribution"));
}

fn spread_inputs(spread: f64) -> Vec<MonteCarloInput> {
    let around = |x: f64| Distribution::Triangular {
        low: x * (1.0 - spread),
        mode: x,
        high: x * (1.0 + spread),
    };
    vec![
        MonteCarloInput {
            parameter: Parameter::unit_value("CIN"),
            distribution: around(65.4),
        },
        MonteCarloInput {
            parameter: Parameter::unit_value("LAC"),
            distribution: around(685.0),
        },
        MonteCarloInput {
            parameter: Parameter::CasesPerYear,
            distribution: around(83.0),
        },
        MonteCarloInput {
            parameter: Parameter::ServiceCost,
            distribution: around(252_585.0),
        },
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_mean_converges_to_the_deterministic_ratio_as_the_spread_shrinks(seed in any::<u64>(), k in 0u32..6) {
        let e = eval(Target::Annual("high".into()));
        let spread = 0.1 / 10f64.powi(k as i32);
        let s = e.monte_carlo(&MonteCarlo { inputs: spread_inputs(spread), draws: 500, seed, percentiles: vec![50.0] }).unwrap();
        // Four inputs, each with a relative sd of spread / sqrt(6): the mean of
        // 500 draws is within about 0.04 x spread per standard error. Allow six;
        // the bound shrinks to float rounding as the spread does.
        assert_relative_eq!(s.mean, s.deterministic, max_relative = 0.25 * spread + 1e-12);
    }

    #[test]
    fn the_same_seed_gives_identical_output(seed in any::<u64>()) {
        let e = eval(Target::Cohort(1));
        let run = MonteCarlo { inputs: spread_inputs(0.2).into_iter().take(2).collect(), draws: 300, seed, percentiles: vec![5.0, 95.0] };
        prop_assert_eq!(e.monte_carlo(&run).unwrap(), e.monte_carlo(&run).unwrap());
    }

    #[test]
    fn tornado_swings_are_non_negative_and_sorted(pcts in prop::collection::vec((1i64..=50, 1i64..=50), 7)) {
        let e = eval(Target::Annual("high".into()));
        let ranges: Vec<OneWay> = all_parameters()
            .into_iter()
            .zip(pcts)
            .map(|(p, (down, up))| {
                let base = e.value_of(&p).unwrap();
                let (low, high) = if p == Parameter::Deadweight {
                    (Decimal::ZERO, Decimal::new(up, 2))
                } else {
                    (base * Decimal::new(100 - down, 2), base * Decimal::new(100 + up, 2))
                };
                OneWay { parameter: p, low, high }
            })
            .collect();
        let rows = e.tornado(&ranges).unwrap();
        prop_assert_eq!(rows.len(), 7);
        for w in rows.windows(2) {
            prop_assert!(w[0].swing >= w[1].swing);
        }
        prop_assert!(rows.iter().all(|r| r.swing >= Decimal::ZERO));
    }
}

#[test]
fn the_shipped_nelc_analyses() {
    let file = nelc_2020::programme_file("scenario_by_rule.toml").unwrap();
    let u = file.uncertainty.unwrap().run(&file.programme).unwrap();
    let r4 = |r: froi::Ratio| r.rounded(Rounding::half_up(4)).to_string();
    assert_eq!(r4(u.base), "3.2973");
    // Foster care at 700 a week: the two LAC-to-closed families (5 children)
    // gain 15 x 52 each: (286,696.80 + 3,900) / 20 x 83 x 0.7 / 252,585.
    let v14 = &u.scenarios[0];
    let by_hand = (Decimal::new(2_866_968, 1) + Decimal::from(3900)) / Decimal::from(20)
        * Decimal::from(83)
        * Decimal::new(7, 1)
        / Decimal::from(252_585);
    assert_eq!(v14.ratio.value().round_dp(20), by_hand.round_dp(20));
    assert_eq!(r4(v14.ratio), "3.3422");
    // The tornado's widest bar is deadweight (0% to 30%), its narrowest kinship care
    // (cohort one has no kinship moves).
    assert_eq!(u.tornado.first().unwrap().parameter, Parameter::Deadweight);
    assert_eq!(u.tornado.last().unwrap().swing, Decimal::ZERO);
    // Switching values: deadweight 1 - 0.7 / 3.2973 = 0.7877; 25.17 cases a year.
    let sv = |p: Parameter| u.switching.iter().find(|s| s.parameter == p).unwrap().value;
    assert_eq!(
        sv(Parameter::Deadweight).unwrap().round_dp(4).to_string(),
        "0.7877"
    );
    assert_eq!(
        sv(Parameter::CasesPerYear).unwrap().round_dp(4).to_string(),
        "25.1719"
    );
    assert_eq!(sv(Parameter::unit_value("LAC")), None);
    let mc = u.monte_carlo.unwrap();
    assert_eq!((mc.draws, mc.seed), (100_000, 2020));
    assert!(mc.p_ratio_above_1 > 0.999);
}

#[test]
fn the_uncertainty_table_round_trips() {
    let scenario = nelc_2020::programme_file("scenario_by_rule.toml").unwrap();
    let files = froi::load::FileNames {
        states: "states.csv".into(),
        families: "families.csv".into(),
        unit_values: "unit_values.csv".into(),
        staff_inputs: Some("staff_inputs.csv".into()),
        ..Default::default()
    };
    let text = froi::load::programme_file_to_toml(&scenario, &files).unwrap();
    let again =
        froi::load::programme_from_toml(&text, "data/nelc_2020/scenario_by_rule.toml", &mut |n| {
            nelc_2020::file(n)
        })
        .unwrap();
    assert_eq!(again, scenario);
}

#[test]
fn the_draws_are_pinned_whatever_the_threads() {
    // CI runs this with and without the `parallel` feature: the same seed
    // must give these very draws either way (and on any platform).
    let e = eval(Target::Annual("high".into()));
    let run = MonteCarlo {
        inputs: spread_inputs(0.2),
        draws: 5,
        seed: 2020,
        percentiles: vec![],
    };
    let draws: Vec<String> = e
        .monte_carlo_draws(&run)
        .unwrap()
        .iter()
        .map(|d| format!("{d:.12}"))
        .collect();
    assert_eq!(draws, PINNED_DRAWS);
}

const PINNED_DRAWS: [&str; 5] = [
    "3.399328976146",
    "4.134288403916",
    "3.278346217601",
    "2.745953250771",
    "3.446556125277",
];

#[test]
fn targets_and_parameters_read_from_their_names() {
    assert_eq!(Target::parse("cohort:2").unwrap(), Target::Cohort(2));
    assert_eq!(
        Target::parse("annual:high").unwrap(),
        Target::Annual("high".into())
    );
    for bad in ["annual:", "cohort:x", "cohort", "total:1"] {
        assert!(Target::parse(bad).is_err(), "{bad}");
    }
    // A unit value is named by a catalogue id or by the state it values,
    // alias and case included; the name is resolved against the scenario.
    let e = eval(Target::Annual("high".into()));
    let lac = e.value_of(&Parameter::unit_value("LAC")).unwrap();
    assert_eq!(lac.to_string(), "685");
    for name in ["unit_value.foster", "unit_value.lac"] {
        assert_eq!(
            e.value_of(&Parameter::parse(name).unwrap()).unwrap(),
            lac,
            "{name}"
        );
    }
    assert_eq!(
        Parameter::parse("unit_value.LAC").unwrap().to_string(),
        "unit_value.LAC"
    );
    assert!(Parameter::parse("unit_value.").is_err());
    assert_eq!(
        e.value_of(&Parameter::parse("unit_value.adopted").unwrap())
            .unwrap_err()
            .to_string(),
        "field `parameter`: unknown unit value \"adopted\"; expected one of cp, cin, lac, kinship, CLOSED, CIN, CP, KINSHIP, LAC"
    );
}

#[test]
fn the_evaluator_keeps_the_families_as_a_caseload() {
    let s = nelc_2020::programme_by_rule().unwrap();
    let e = Evaluator::new(&s, Target::Cohort(1)).unwrap();
    assert_eq!(
        e.caseload(),
        Some(
            &froi::caseload::Caseload::from_families(
                &s.family_source().unwrap().states,
                &s.family_source().unwrap().families
            )
            .unwrap()
        )
    );
    assert!(e.family_source().unwrap().families.is_empty());
}

#[test]
fn a_ratio_of_exactly_one_is_not_above_one() {
    let e = eval(Target::Annual("high".into()));
    let fixed = |parameter: Parameter, x: f64| MonteCarlo {
        inputs: vec![MonteCarloInput {
            parameter,
            distribution: Distribution::Uniform { low: x, high: x },
        }],
        draws: 4,
        seed: 1,
        percentiles: vec![],
    };
    // With a service cost of 1 the ratio is the net annual benefit itself;
    // as the service cost, that benefit gives a ratio of exactly 1.
    let benefit = e
        .monte_carlo_draws(&fixed(Parameter::ServiceCost, 1.0))
        .unwrap()[0];
    let s = e
        .monte_carlo(&fixed(Parameter::ServiceCost, benefit))
        .unwrap();
    assert_eq!(s.mean, 1.0);
    assert_eq!(s.p_ratio_above_1, 0.0);
}

#[test]
fn bisection_finds_a_weekly_switching_value() {
    // Cohort three's benefit comes from LAC moves alone, so its ratio falls
    // to zero with the LAC value and crosses 1 on the way: found by bisection.
    let e = eval(Target::Cohort(3));
    let sv = e
        .switching_value(
            &Parameter::unit_value("LAC"),
            Some((Decimal::ZERO, Decimal::from(685))),
        )
        .unwrap();
    assert_eq!(sv.method, "bisection");
    let (v, r) = (sv.value.unwrap(), sv.ratio_at_value.unwrap());
    assert!((r.value() - Decimal::ONE).abs() <= SWITCHING_TOLERANCE);
    // The search stops at the first midpoint within the tolerance: pinned.
    assert_eq!(v.to_string(), "487.90961538457054302853066475");
}

#[test]
fn deadweight_switches_in_closed_form_and_a_zero_base_has_no_change() {
    let e = eval(Target::Annual("high".into()));
    let sv = e.switching_value(&Parameter::Deadweight, None).unwrap();
    assert_eq!(sv.method, "exact (linear)");
    // Deadweight is searched in [0, 1), not ten times its base value.
    assert_eq!(sv.range, (Decimal::ZERO, Decimal::new(999_999, 6)));
    // At no deadweight the base value is zero: no relative change to state.
    let e = eval(Target::Annual("low".into()));
    let sv = e.switching_value(&Parameter::Deadweight, None).unwrap();
    assert_eq!(sv.base_value, Decimal::ZERO);
    assert!(sv.value.is_some() && sv.change.is_none());
    // Nothing avoided at all: a ratio of zero has no switching value to scale.
    let mut nothing = nelc_2020::programme_by_rule().unwrap();
    nothing.family_source_mut().unwrap().values = nothing
        .family_source()
        .unwrap()
        .values
        .checked_scale(Decimal::ZERO)
        .unwrap();
    let e = Evaluator::new(&nothing, Target::Annual("high".into())).unwrap();
    let err = e
        .switching_value(&Parameter::CasesPerYear, None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("the base ratio is zero"), "{err}");
}

#[test]
fn a_one_way_range_of_one_point_has_no_swing() {
    let e = eval(Target::Annual("high".into()));
    let rows = e
        .tornado(&[OneWay {
            parameter: Parameter::CasesPerYear,
            low: Decimal::from(83),
            high: Decimal::from(83),
        }])
        .unwrap();
    assert_eq!(rows[0].swing, Decimal::ZERO);
}

#[test]
fn the_sampling_model_is_the_exact_appraisal_at_the_base_values() {
    // Every input fixed at its base value: each draw is the f64 model's
    // ratio, which must match the exact decimal appraisal, for both targets
    // and both treatments of a deterioration.
    let mut negative = nelc_2020::programme_by_rule().unwrap();
    negative.family_source_mut().unwrap().rule.deterioration = froi::Deterioration::NegativeBenefit;
    for scenario in [nelc_2020::programme_by_rule().unwrap(), negative] {
        for target in [
            Target::Annual("high".into()),
            Target::Cohort(1),
            Target::Cohort(2),
        ] {
            let e = Evaluator::new(&scenario, target.clone()).unwrap();
            let p = Parameter::unit_value("CIN");
            let x = 65.4;
            let run = MonteCarlo {
                inputs: vec![MonteCarloInput {
                    parameter: p,
                    distribution: Distribution::Uniform { low: x, high: x },
                }],
                draws: 2,
                seed: 1,
                percentiles: vec![],
            };
            let s = e.monte_carlo(&run).unwrap();
            assert_relative_eq!(s.mean, s.deterministic, max_relative = 1e-12);
        }
    }
    // The cohort ratio has no cases or service cost to draw.
    let e = eval(Target::Cohort(1));
    let err = e
        .monte_carlo(&MonteCarlo {
            inputs: vec![MonteCarloInput {
                parameter: Parameter::CasesPerYear,
                distribution: Distribution::Uniform {
                    low: 80.0,
                    high: 90.0,
                },
            }],
            draws: 2,
            seed: 1,
            percentiles: vec![],
        })
        .unwrap_err()
        .to_string();
    assert!(err.contains("parameter for a cohort target"), "{err}");
}

/// The shipped by-rule scenario file with `edits` (find, replace) applied.
fn by_rule_with(edits: &[(&str, &str)]) -> froi::Result<froi::load::ProgrammeFile> {
    let (mut text, path) = nelc_2020::file("scenario_by_rule.toml").unwrap();
    for (find, replace) in edits {
        assert!(text.contains(find), "{find}");
        text = text.replacen(find, replace, 1);
    }
    froi::load::programme_from_toml(&text, &path, &mut |n| nelc_2020::file(n))
}

#[test]
fn the_uncertainty_table_accepts_its_edges() {
    // A cohort with families is a target; percentiles 0 and 100 are allowed;
    // a one-way range may be a single point.
    let s = by_rule_with(&[
        ("target = \"annual:high\"", "target = \"cohort:1\""),
        ("percentiles = [5, 50, 95]", "percentiles = [0, 50, 100]"),
        ("low = \"70\"", "low = \"95\""),
    ])
    .unwrap();
    let spec = s.uncertainty.unwrap();
    assert_eq!(spec.target, Target::Cohort(1));
    let mc = spec.monte_carlo.unwrap();
    assert_eq!(mc.percentiles, [0.0, 50.0, 100.0]);
    assert!(spec.one_way.iter().any(|o| o.low == o.high));
    // A cohort without families is not.
    let err = by_rule_with(&[("target = \"annual:high\"", "target = \"cohort:9\"")])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("field `uncertainty.target`") && err.contains("cohort 9"),
        "{err}"
    );
}

/// The summary as it was computed before Monte Carlo ran in bounded memory:
/// every draw kept, sorted, and read at numpy's linear ranks.
fn summary_from_every_draw(
    draws: &[f64],
    percentiles: &[f64],
    threshold: f64,
) -> (f64, Vec<f64>, f64) {
    let n = draws.len();
    let mut sorted = draws.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let h = p / 100.0 * (n - 1) as f64;
        let lo = h.floor() as usize;
        let (a, b) = (sorted[lo], sorted[(lo + 1).min(n - 1)]);
        a + (b - a) * (h - h.floor())
    };
    (
        draws.iter().sum::<f64>() / n as f64,
        percentiles.iter().map(|p| at(*p)).collect(),
        draws.iter().filter(|d| **d > threshold).count() as f64 / n as f64,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Bounded memory changes nothing: the summary equals, bit for bit, the
    /// one computed from every draw sorted, at any seed, draw count (around
    /// the block size and the pilot) and percentile.
    #[test]
    fn the_streamed_summary_equals_the_sorted_one_bit_for_bit(
        seed in any::<u64>(),
        draws in prop::sample::select(vec![1u32, 2, 999, 16_384, 16_385, 100_000, 250_003]),
        p in prop::collection::vec(0.0f64..=100.0, 1..4),
    ) {
        let e = eval(Target::Annual("high".into()));
        let mut percentiles = p;
        percentiles.extend([0.0, 100.0]);
        let run = MonteCarlo { inputs: spread_inputs(0.3), draws, seed, percentiles: percentiles.clone() };
        let s = e.monte_carlo(&run).unwrap();
        let every = e.monte_carlo_draws(&run).unwrap();
        prop_assert_eq!(every.len(), draws as usize);
        let (mean, pcts, above) = summary_from_every_draw(&every, &percentiles, 1.0);
        prop_assert_eq!(s.mean.to_bits(), mean.to_bits());
        prop_assert_eq!(s.p_ratio_above_1.to_bits(), above.to_bits());
        for ((p, got), want) in s.percentiles.iter().zip(pcts) {
            prop_assert_eq!(got.to_bits(), want.to_bits(), "percentile {}", p);
        }
    }
}
