//! Invariants of the appraisal, over domain-sized inputs: up to 8 children and
//! 3 sessions a family, weekly values up to £2,000.00, unit costs up to
//! £5,000.00, deadweight in basis points.
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

use froi::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn states() -> StateCatalogue {
    nelc_2020::states().unwrap()
}

fn status() -> impl Strategy<Value = State> {
    prop::sample::select(states().iter().map(|(s, _)| s).collect::<Vec<_>>())
}

fn pounds_and_pence(max_pence: i64) -> impl Strategy<Value = Decimal> {
    (0..=max_pence).prop_map(|p| Decimal::new(p, 2))
}

fn values() -> impl Strategy<Value = StateValues> {
    prop::collection::vec(pounds_and_pence(200_000), 4).prop_map(|v| {
        let states = states();
        let mut values = StateValues::new(&states);
        // Every state but CLOSED (the first), which costs nothing.
        for ((state, _), weekly) in states.iter().skip(1).zip(v) {
            values = values.with_weekly(state, WeeklyValue::new(weekly));
        }
        values
    })
}

fn family(cohort: u32, id: usize) -> impl Strategy<Value = Family> {
    (1u32..=8, 1u32..=3, status(), status(), status()).prop_map(
        move |(children, sessions, a, b, c)| {
            Family::new(cohort, id.to_string(), children, sessions, a, b, c).unwrap()
        },
    )
}

fn families() -> impl Strategy<Value = Vec<Family>> {
    (1usize..=30).prop_flat_map(|n| {
        (0..n)
            .map(|i| family(1 + (i % 3) as u32, i))
            .collect::<Vec<_>>()
    })
}

fn rule(deterioration: Deterioration) -> ValuationRule {
    ValuationRule {
        outcome: OutcomePoint::FollowUp,
        deterioration,
        window: Weeks::new(52).unwrap(),
    }
}

fn deadweight() -> impl Strategy<Value = Deadweight> {
    (0i64..10_000).prop_map(|bp| Deadweight::new(Decimal::new(bp, 4)).unwrap())
}

fn scenario(
    families: Vec<Family>,
    values: StateValues,
    cost_pence: i64,
    d: Vec<Deadweight>,
) -> froi::Programme {
    froi::Programme::of_families(
        "property",
        froi::FamilySource {
            states: states(),
            families,
            unit_cost: UnitCost::stated_only(Money::new(Decimal::new(cost_pence, 2))),
            values,
            catalogue: Vec::new(),
            rule: rule(Deterioration::NoBenefit),
            benefit_basis: BenefitBasis::Rule,
            deadweight: d
                .into_iter()
                .enumerate()
                .map(|(i, d)| DeadweightScenario::new(format!("d{i}"), d))
                .collect(),
            annual: Some(AnnualBasis {
                basis_cohort: 1,
                cases_per_year: Decimal::from(83),
                service_cost: Money::from_pounds(252_585),
                source: Source::default(),
            }),
        },
    )
}

proptest! {
    #[test]
    fn benefits_are_never_negative_under_the_zero_floor(fs in families(), v in values(), cost in 1i64..=500_000) {
        let a = appraise(&scenario(fs, v, cost, vec![])).unwrap();
        for f in &a.families().unwrap().families {
            prop_assert!(f.benefit >= Money::ZERO);
        }
    }

    #[test]
    fn negative_benefits_never_exceed_floored_ones(fs in families(), v in values()) {
        for f in &fs {
            let floor = rule(Deterioration::NoBenefit).benefit_per_child(&v, f.entry(), f.follow_up()).unwrap();
            let loss = rule(Deterioration::NegativeBenefit).benefit_per_child(&v, f.entry(), f.follow_up()).unwrap();
            prop_assert!(loss <= floor);
            prop_assert!(loss == floor || loss < Money::ZERO);
        }
    }

    #[test]
    fn netting_scales_the_ratio_by_one_minus_deadweight_and_never_raises_it(
        fs in families(), v in values(), cost in 1i64..=500_000, mut ds in prop::collection::vec(deadweight(), 1..5)
    ) {
        ds.sort();
        let a = appraise(&scenario(fs, v, cost, ds.clone())).unwrap();
        let mut previous: Option<Ratio> = None;
        for (net, d) in a.families().unwrap().net_of_deadweight.iter().zip(&ds) {
            // Made from the exact totals (benefit x (1 - d) / cost), so it
            // agrees with the rounded gross ratio x (1 - d) to its last digit.
            let exact = a.families().unwrap().overall.total_benefit.value() * d.retained() / a.families().unwrap().overall.total_cost.value();
            prop_assert_eq!(net.overall.value(), exact);
            let scaled = a.families().unwrap().overall.ratio.value() * d.retained();
            let tolerance = scaled.abs() * Decimal::new(1, 26) + Decimal::new(1, 27);
            prop_assert!((net.overall.value() - scaled).abs() <= tolerance, "{} {}", net.overall, scaled);
            if let Some(p) = previous {
                prop_assert!(net.overall <= p);
            }
            previous = Some(net.overall);
        }
    }

    #[test]
    fn scaling_unit_values_scales_benefits_and_ratios(fs in families(), v in values(), k in 1i64..=400) {
        let k = Decimal::new(k, 2);
        let base = appraise(&scenario(fs.clone(), v.clone(), 129_500, vec![])).unwrap();
        let scaled = appraise(&scenario(fs, v.checked_scale(k).unwrap(), 129_500, vec![])).unwrap();
        prop_assert_eq!(scaled.families().unwrap().overall.total_benefit.value(), base.families().unwrap().overall.total_benefit.value() * k);
        for (s, b) in scaled.families().unwrap().families.iter().zip(&base.families().unwrap().families) {
            prop_assert_eq!(s.benefit.value(), b.benefit.value() * k);
        }
        // Ratios are quotients kept to 28 significant digits: equal to 20 places.
        let r = |x: Decimal| x.round_dp(20);
        prop_assert_eq!(r(scaled.families().unwrap().overall.ratio.value()), r(base.families().unwrap().overall.ratio.value() * k));
    }

    #[test]
    fn totals_are_the_exact_sum_in_any_order(fs in families(), v in values(), seed in any::<u64>()) {
        let a = appraise(&scenario(fs.clone(), v.clone(), 129_500, vec![])).unwrap();
        let mut shuffled = fs;
        // A deterministic shuffle driven by the seed.
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        let b = appraise(&scenario(shuffled, v, 129_500, vec![])).unwrap();
        let sum = Money::checked_sum(a.families().unwrap().families.iter().map(|f| f.benefit)).unwrap();
        prop_assert_eq!(a.families().unwrap().overall.total_benefit, sum);
        prop_assert_eq!(a.families().unwrap().overall.total_benefit, b.families().unwrap().overall.total_benefit);
        prop_assert_eq!(a.families().unwrap().overall.total_cost, b.families().unwrap().overall.total_cost);
        prop_assert_eq!(a.families().unwrap().cohorts.clone(), b.families().unwrap().cohorts.clone());
    }

    #[test]
    fn a_family_with_no_benefit_never_raises_a_cohort_ratio(fs in families(), v in values(), children in 1u32..=8, s in status()) {
        let a = appraise(&scenario(fs.clone(), v.clone(), 129_500, vec![])).unwrap();
        let mut more = fs;
        more.push(Family::new(1, "extra", children, 1, s, s, s).unwrap());
        let b = appraise(&scenario(more, v, 129_500, vec![])).unwrap();
        prop_assert!(b.cohort(1).unwrap().ratio <= a.cohort(1).unwrap().ratio);
    }

    #[test]
    fn an_unchanged_status_earns_nothing(v in values(), s in status(), children in 1u32..=8) {
        for deterioration in [Deterioration::NoBenefit, Deterioration::NegativeBenefit] {
            let f = Family::new(1, "x", children, 1, s, s, s).unwrap();
            let r = appraise_family(&f, Money::from_pounds(1295), &states(), &v, &rule(deterioration), BenefitBasis::Rule).unwrap();
            prop_assert_eq!(r.benefit, Money::ZERO);
        }
    }

    #[test]
    fn the_annual_ratio_is_linear_in_cases_a_year(fs in families(), v in values(), cases in 1i64..=10_000, d in deadweight()) {
        let mut sc = scenario(fs, v, 129_500, vec![d]);
        if !sc.family_source().unwrap().families.iter().any(|f| f.cohort() == 1) {
            return Ok(());
        }
        let base = appraise(&sc).unwrap().families().unwrap().annual[0].ratio.value();
        sc.family_source_mut().unwrap().annual.as_mut().unwrap().cases_per_year = Decimal::from(83 * cases);
        let scaled = appraise(&sc).unwrap().families().unwrap().annual[0].ratio.value();
        prop_assert_eq!(scaled.round_dp(18), (base * Decimal::from(cases)).round_dp(18));
    }

    #[test]
    fn money_arithmetic_errors_instead_of_panicking(a in any::<i64>(), b in any::<u64>(), scale in 0u32..=28) {
        let m = Money::new(Decimal::new(a, scale));
        let overflow_or_ok = |r: Result<Money>| matches!(r, Ok(_) | Err(Error::Overflow { .. }));
        let (times, add) = (m.checked_times(b), m.checked_add(Money::new(Decimal::MAX)));
        prop_assert!(overflow_or_ok(times));
        prop_assert!(overflow_or_ok(add));
        let zero = m.ratio_to(Money::ZERO, || String::from("zero"));
        let zero_is_error = matches!(zero, Err(Error::ZeroCost { .. }));
        prop_assert!(zero_is_error);
    }
}

#[test]
fn half_up_is_not_bankers_rounding() {
    // 5,394.5 is the published cohort-three average benefit, printed £5,395.
    let x = Decimal::new(53945, 1);
    assert_eq!(Rounding::half_up(0).apply(x), Decimal::from(5395));
    assert_eq!(Rounding::truncate(0).apply(x), Decimal::from(5394));
}
