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
    // £2,574,304, as the greenbook package tabulates them (valuation.md).
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
