//! Discounting: the Green Book schedule compounds band on band, factors lie in
//! (0, 1] and fall with the year, and the timing conventions differ as named.
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

use froi::{DiscountRate, DiscountSchedule, RateBand, Timing};
use proptest::prelude::*;
use rust_decimal::{Decimal, MathematicalOps};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn green_book_factors_compound_band_on_band() {
    // The schedule of the issue / Green Book Annex A6: 3.5% to year 30, 3.0% to 75, 2.5% to 125.
    let gb = DiscountSchedule::green_book();
    let growth = |r: &str, n: u64| (Decimal::ONE + d(r)).checked_powu(n).unwrap();
    let close = |a: Decimal, b: Decimal| (a - b).abs() < d("1e-24");
    assert!(close(
        gb.factor(30).unwrap(),
        Decimal::ONE / growth("0.035", 30)
    ));
    assert!(close(
        gb.factor(31).unwrap(),
        Decimal::ONE / (growth("0.035", 30) * growth("0.030", 1))
    ));
    assert!(close(
        gb.factor(75).unwrap(),
        Decimal::ONE / (growth("0.035", 30) * growth("0.030", 45))
    ));
    assert!(close(
        gb.factor(76).unwrap(),
        Decimal::ONE / (growth("0.035", 30) * growth("0.030", 45) * growth("0.025", 1))
    ));
    // Rates by band.
    for (year, rate) in [
        (0, "0.035"),
        (30, "0.035"),
        (31, "0.030"),
        (75, "0.030"),
        (76, "0.025"),
        (125, "0.025"),
        (126, "0.020"),
        (200, "0.020"),
        (201, "0.015"),
        (300, "0.015"),
        (301, "0.010"),
        (1000, "0.010"),
    ] {
        assert_eq!(gb.rate_in(year).value(), d(rate), "year {year}");
    }
}

#[test]
fn health_schedule_starts_at_one_and_a_half_percent() {
    let health = DiscountSchedule::green_book_health();
    assert_eq!(health.rate_in(1).value(), d("0.015"));
    assert!(health.factor(30).unwrap() > DiscountSchedule::green_book().factor(30).unwrap());
}

#[test]
fn timing_conventions_shift_by_the_named_amount() {
    let gb = DiscountSchedule::green_book();
    let zero = Timing::YearZeroUndiscounted.factors(&gb, 10).unwrap();
    let end = Timing::EndOfYear.factors(&gb, 10).unwrap();
    let mid = Timing::MidYear.factors(&gb, 10).unwrap();
    assert_eq!(zero[0], Decimal::ONE);
    for t in 0..10 {
        assert_eq!(end[t], zero[t + 1]);
        assert!(zero[t] > mid[t] && mid[t] > end[t], "year {t}");
    }
    // Mid-year of year 0: 1 / sqrt(1.035).
    assert!((mid[0] - Decimal::ONE / d("1.035").sqrt().unwrap()).abs() < d("1e-24"));
}

#[test]
fn bad_schedules_and_rates_are_refused() {
    assert_eq!(
        DiscountRate::parse("-1").unwrap_err().to_string(),
        "field `discount rate`: -1 is out of range: a discount rate must be above -1 (-100%)"
    );
    assert!(DiscountRate::parse("-1.5").is_err());
    let band = |first_year, r: &str| RateBand {
        first_year,
        rate: DiscountRate::parse(r).unwrap(),
    };
    assert!(DiscountSchedule::new("x", vec![band(1, "0.03")], "").is_err());
    assert!(DiscountSchedule::new("x", vec![band(0, "0.03"), band(0, "0.02")], "").is_err());
    assert!(DiscountSchedule::new("x", vec![], "").is_err());
}

proptest! {
    #[test]
    fn factors_lie_in_zero_one_and_fall_with_the_year(bp in 1i64..=1000, years in 1u32..=300) {
        let s = DiscountSchedule::constant(DiscountRate::new(Decimal::new(bp, 4)).unwrap());
        let f = s.factors(years).unwrap();
        prop_assert_eq!(f[0], Decimal::ONE);
        for w in f.windows(2) {
            prop_assert!(w[1] > Decimal::ZERO && w[1] < w[0]);
        }
    }

    #[test]
    fn the_green_book_factor_falls_strictly(year in 0u32..=600) {
        let gb = DiscountSchedule::green_book();
        let (a, b) = (gb.factor(year).unwrap(), gb.factor(year + 1).unwrap());
        prop_assert!(b < a && b > Decimal::ZERO && a <= Decimal::ONE);
    }

    #[test]
    fn a_zero_rate_leaves_every_year_whole(years in 0u32..=200) {
        let s = DiscountSchedule::constant(DiscountRate::new(Decimal::ZERO).unwrap());
        for timing in [Timing::YearZeroUndiscounted, Timing::EndOfYear, Timing::MidYear] {
            prop_assert!(timing.factors(&s, years).unwrap().iter().all(|f| *f == Decimal::ONE));
        }
    }
}

/// The schedules are constant tables in code (the model reads no file);
/// `data/discounting/green_book.csv` records each band with its source. The
/// two must agree, band by band and schedule by schedule, and a schedule ends
/// at the first band whose rate the sources do not give.
#[test]
fn the_schedules_in_code_are_the_cited_data_file() {
    let csv = include_str!("../data/discounting/green_book.csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    // The numeric fields come before the quoted source, and hold no comma.
    let rows: Vec<Vec<&str>> = lines.map(|l| l.splitn(8, ',').collect()).collect();
    let first_source = rows[0][7].trim_matches('"');
    for (word, make) in DiscountSchedule::NAMED {
        let column = word.strip_prefix("green_book_").unwrap_or("standard");
        let c = header.iter().position(|h| *h == column).unwrap();
        let schedule = make();
        let cited: Vec<&Vec<&str>> = rows.iter().take_while(|r| !r[c].is_empty()).collect();
        assert_eq!(schedule.bands().len(), cited.len(), "{word}");
        for (band, row) in schedule.bands().iter().zip(&cited) {
            assert_eq!(band.first_year.to_string(), row[0], "{word}");
            assert_eq!(band.rate.value(), d(row[c]), "{word} from year {}", row[0]);
        }
        let last = cited.last().unwrap()[1];
        assert_eq!(
            schedule.until().map(|y| y.to_string()).unwrap_or_default(),
            last,
            "{word}"
        );
        assert_eq!(schedule.source(), first_source, "{word}");
    }
}
