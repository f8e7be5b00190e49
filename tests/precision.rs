//! Exactness up to the stated ceiling (docs/errors.md: any single input
//! amount up to 10^15 pounds), checked against integer arithmetic in pence;
//! beyond the decimal range, an overflow error instead of a wrong number.
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

use froi::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Pounds with pence as a decimal, from a whole number of pence.
fn pence(p: u128) -> Decimal {
    Decimal::from_i128_with_scale(p as i128, 2)
}

const CEILING_PENCE: u128 = 100_000_000_000_000_000; // 10^15 pounds

fn states() -> StateCatalogue {
    nelc_2020::states().unwrap()
}

fn status() -> impl Strategy<Value = State> {
    prop::sample::select(states().iter().map(|(s, _)| s).collect::<Vec<_>>())
}

proptest! {
    #[test]
    fn totals_are_exact_to_the_penny_up_to_the_ceiling(
        weekly in prop::collection::vec(0u128..=CEILING_PENCE, 4),
        unit_cost in 1u128..=CEILING_PENCE,
        rows in prop::collection::vec((1u32..=20, 1u32..=5, status(), status()), 1..40),
    ) {
        let states = states();
        let mut values = StateValues::new(&states);
        // Every state but CLOSED (the first), which costs nothing.
        for ((s, _), w) in states.iter().skip(1).zip(&weekly) {
            values = values.with_weekly(s, WeeklyValue::new(pence(*w)));
        }
        let families: Vec<Family> = rows
            .iter()
            .enumerate()
            .map(|(i, (children, sessions, entry, outcome))| {
                Family::new(1, i.to_string(), *children, *sessions, *entry, *entry, *outcome).unwrap()
            })
            .collect();
        let mut scenario = nelc_2020::programme_by_rule().unwrap();
        scenario.family_source_mut().unwrap().families = families;
        scenario.family_source_mut().unwrap().values = values;
        scenario.family_source_mut().unwrap().catalogue = Vec::new();
        scenario.family_source_mut().unwrap().unit_cost = UnitCost::stated_only(Money::new(pence(unit_cost)));
        scenario.family_source_mut().unwrap().annual = None;
        let a = appraise(&scenario).unwrap();

        // The same sums in integer pence (u128 cannot round).
        let weekly_of = |s: State| -> i128 {
            match s.index() { 0 => 0, i => weekly[i - 1] as i128 }
        };
        let mut benefit: i128 = 0;
        let mut cost: i128 = 0;
        for (children, sessions, entry, outcome) in &rows {
            benefit += (weekly_of(*entry) - weekly_of(*outcome)).max(0) * 52 * i128::from(*children);
            cost += unit_cost as i128 * i128::from(*sessions);
        }
        prop_assert_eq!(a.families().unwrap().overall.total_benefit.value(), Decimal::from_i128_with_scale(benefit, 2));
        prop_assert_eq!(a.families().unwrap().overall.total_cost.value(), Decimal::from_i128_with_scale(cost, 2));
    }
}

#[test]
fn past_the_decimal_range_an_overflow_is_an_error() {
    let mut scenario = nelc_2020::programme_by_rule().unwrap();
    let lac = scenario
        .family_source()
        .unwrap()
        .states
        .state("LAC")
        .unwrap();
    scenario.family_source_mut().unwrap().set_state_value(
        lac,
        StateValue::weekly(WeeklyValue::new(Decimal::MAX / Decimal::from(10))),
    );
    match appraise(&scenario) {
        Err(Error::Family { source, .. }) => {
            assert!(matches!(*source, Error::Overflow { .. }), "{source}")
        }
        other => panic!("expected an overflow, got {other:?}"),
    }
    // A unit cost at the ceiling times a session count past u32 cannot arise
    // (sessions are u32), but money times a huge count is still checked.
    let at_ceiling = Money::new(pence(CEILING_PENCE));
    assert!(at_ceiling.checked_times(u64::MAX).is_err());
    assert!(
        Money::new(Decimal::MAX)
            .checked_add(Money::from_pounds(1))
            .is_err()
    );
}
