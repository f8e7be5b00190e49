//! Golden tests from cited published tables (tests/testdata/cited_examples.toml,
//! each block naming its source): Green Book present values and discount
//! rates, the Northern Ireland guidance's discount factors to year 500, and
//! HM Treasury's optimism-bias bounds and worked examples. Every figure is
//! compared as printed, after the source's own rounding (half-up).
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

use froi::Uplift;
use froi::{Decimal, Fraction, Rounding};
use froi::{DiscountSchedule, Timing};

#[derive(serde::Deserialize)]
struct Cited {
    pv_of_1000: Vec<Factors>,
    rates: Vec<Rates>,
    factors: Vec<Factors>,
    bounds: Vec<Bounds>,
    mitigation: Vec<Mitigation>,
    blend: Vec<Blend>,
}

#[derive(serde::Deserialize)]
struct Factors {
    block: String,
    schedule: String,
    timing: String,
    places: u32,
    years: Vec<u32>,
    printed: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Rates {
    block: String,
    schedule: String,
    first_years: Vec<u32>,
    printed: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Bounds {
    block: String,
    project: String,
    works_duration: Vec<String>,
    capital_expenditure: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Mitigation {
    block: String,
    what: String,
    bound: String,
    managed: String,
    printed_bias: String,
    bias_places: u32,
    estimate: String,
    printed_estimate: String,
    estimate_places: u32,
    risk_management: Option<String>,
    printed_total: Option<String>,
    printed_unmitigated: Option<String>,
}

#[derive(serde::Deserialize)]
struct Blend {
    block: String,
    what: String,
    shares: Vec<String>,
    bounds: Vec<String>,
    printed: String,
}

fn cited() -> Cited {
    toml::from_str(include_str!("testdata/cited_examples.toml")).unwrap()
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn printed(value: Decimal, places: u32) -> String {
    Rounding::half_up(places).apply(value).to_string()
}

fn schedule(word: &str) -> DiscountSchedule {
    DiscountSchedule::named(word).unwrap_or_else(|| panic!("no schedule {word}"))
}

fn timing(word: &str) -> Timing {
    match word {
        "year_zero_undiscounted" => Timing::YearZeroUndiscounted,
        other => panic!("no timing {other}"),
    }
}

/// PVs of £1,000 and bare factors: both are £1 (or £1,000) x the factor of
/// each printed year, rounded as printed.
fn check_factors(block: &Factors, scale: Decimal) {
    let s = schedule(&block.schedule);
    let last = *block.years.iter().max().unwrap();
    let factors = timing(&block.timing).factors(&s, last).unwrap();
    assert_eq!(block.years.len(), block.printed.len(), "{}", block.block);
    for (year, expected) in block.years.iter().zip(&block.printed) {
        let got = printed(factors[*year as usize] * scale, block.places);
        assert_eq!(&got, expected, "{} year {year}", block.block);
    }
}

#[test]
fn green_book_2018_table_2_present_values_of_1000() {
    for block in cited().pv_of_1000 {
        check_factors(&block, Decimal::from(1000));
    }
}

#[test]
fn northern_ireland_discount_factors_to_year_500() {
    for block in cited().factors {
        check_factors(&block, Decimal::ONE);
    }
}

#[test]
fn every_printed_band_rate_is_the_schedules_rate() {
    for block in cited().rates {
        let s = schedule(&block.schedule);
        assert!(s.bands().len() >= block.printed.len(), "{}", block.block);
        for (first, expected) in block.first_years.iter().zip(&block.printed) {
            let places = expected.split('.').nth(1).map_or(0, |f| f.len() as u32);
            let rate = s.rate_in(*first).value() * Decimal::ONE_HUNDRED;
            assert_eq!(
                printed(rate, places),
                *expected,
                "{} {} year {first}",
                block.block,
                block.schedule
            );
            // The band starts where the source says: the year before is another rate.
            if *first > 0 {
                assert_ne!(
                    s.rate_in(first - 1),
                    s.rate_in(*first),
                    "{} {first}",
                    block.block
                );
            }
        }
    }
}

#[test]
fn the_reduced_schedules_end_where_their_source_does() {
    // Table 8 gives the reduced rates to year 125 only: no factor after it.
    for word in ["green_book_reduced", "green_book_health_reduced"] {
        let s = schedule(word);
        assert_eq!(s.until(), Some(125));
        assert!(s.factor(125).is_ok());
        assert!(
            s.factor(126)
                .unwrap_err()
                .to_string()
                .contains("gives rates to year 125 only")
        );
    }
    assert_eq!(schedule("green_book").until(), None);
}

#[test]
fn the_optimism_bias_bounds_are_uplifts_and_some_exceed_100_percent() {
    let mut above_one = 0;
    for row in cited().bounds {
        for bound in row.works_duration.iter().chain(&row.capital_expenditure) {
            let u = Uplift::new(d(bound) / Decimal::ONE_HUNDRED).unwrap();
            above_one += usize::from(u.value() > Decimal::ONE);
            assert_eq!(
                u.to_string(),
                format!("{bound}%"),
                "{} {}",
                row.block,
                row.project
            );
        }
    }
    // Equipment / development capital expenditure: 200%, which no benefit
    // reduction could be.
    assert_eq!(above_one, 1);
    assert!(Fraction::new(Decimal::TWO).is_err());
}

#[test]
fn the_optimism_bias_worked_examples() {
    for ex in cited().mitigation {
        let bound = Uplift::new(d(&ex.bound) / Decimal::ONE_HUNDRED).unwrap();
        let bias = bound
            .mitigated(Fraction::new(d(&ex.managed)).unwrap())
            .unwrap();
        let pct = bias.value() * Decimal::ONE_HUNDRED;
        assert_eq!(
            printed(pct, ex.bias_places),
            ex.printed_bias,
            "{}: {}",
            ex.block,
            ex.what
        );
        let outturn = bias.apply(d(&ex.estimate)).unwrap();
        assert_eq!(
            printed(outturn, ex.estimate_places),
            ex.printed_estimate,
            "{}",
            ex.what
        );
        if let (Some(risk), Some(total)) = (&ex.risk_management, &ex.printed_total) {
            assert_eq!(
                printed(outturn + d(risk), ex.estimate_places),
                *total,
                "{}",
                ex.what
            );
        }
        if let Some(unmitigated) = &ex.printed_unmitigated {
            let full = bound.apply(d(&ex.estimate)).unwrap();
            assert_eq!(
                printed(full, ex.estimate_places),
                *unmitigated,
                "{}",
                ex.what
            );
        }
    }
    for ex in cited().blend {
        let parts: Vec<(Fraction, Uplift)> = ex
            .shares
            .iter()
            .zip(&ex.bounds)
            .map(|(s, b)| {
                (
                    Fraction::new(d(s)).unwrap(),
                    Uplift::new(d(b) / Decimal::ONE_HUNDRED).unwrap(),
                )
            })
            .collect();
        let pct = Uplift::blend(&parts).unwrap().value() * Decimal::ONE_HUNDRED;
        assert_eq!(printed(pct, 1), ex.printed, "{}: {}", ex.block, ex.what);
    }
}
