//! Compare a printed figure with its recomputation and name the difference.

use rust_decimal::Decimal;

use super::DiscrepancyKind;
use crate::money::{Rounding, RoundingMode};

/// Another value a wrong figure may turn out to be, and what that would mean.
#[derive(Debug, Clone)]
pub(crate) struct Alternative {
    pub value: Decimal,
    pub kind: DiscrepancyKind,
    pub meaning: String,
}

/// What a figure should be, computed several ways.
#[derive(Debug, Clone)]
pub(crate) struct Expected {
    /// From the figure's immediate published parts (or, for a leaf, its inputs).
    pub value: Decimal,
    /// The same, computed from rounded intermediates the way a spreadsheet might.
    pub from_rounded: Option<(Decimal, String)>,
    /// Values that would explain the figure under a wrong label or formula.
    pub alternatives: Vec<Alternative>,
    /// The kind to report when nothing explains the figure.
    pub otherwise: DiscrepancyKind,
    /// What to say then, if more than the numbers.
    pub otherwise_why: Option<String>,
}

/// Decimal places printed.
pub(crate) fn places(printed: Decimal) -> u32 {
    printed.scale()
}

fn same(printed: Decimal, value: Decimal, mode: RoundingMode) -> bool {
    Rounding {
        mode,
        places: places(printed),
    }
    .apply(value)
        == printed
}

/// Whether `value`, rounded half-up to the places of `printed`, is `printed`.
pub(crate) fn agrees(value: Decimal, printed: Decimal) -> bool {
    same(printed, value, RoundingMode::HalfUp)
}

/// `None` when the figure agrees with `expected` at its printed precision
/// (half-up); otherwise the kind and an explanation.
pub(crate) fn classify(printed: Decimal, expected: &Expected) -> Option<(DiscrepancyKind, String)> {
    if agrees(expected.value, printed) {
        return None;
    }
    let half_up = Rounding::half_up(places(printed)).apply(expected.value);
    // The recomputation to a few places past the printed ones: enough to see
    // which way it rounds, not the 28 digits of the quotient.
    let exact = super::present::beside(expected.value, places(printed));
    if same(printed, expected.value, RoundingMode::Truncate) {
        return Some((
            DiscrepancyKind::Rounding,
            format!("truncated: {exact} rounds half-up to {half_up}"),
        ));
    }
    if let Some((value, how)) = &expected.from_rounded
        && same(printed, *value, RoundingMode::HalfUp)
    {
        return Some((
            DiscrepancyKind::Rounding,
            format!("computed from a rounded intermediate ({how}); unrounded it is {half_up}"),
        ));
    }
    if same(printed, expected.value, RoundingMode::Up) {
        return Some((
            DiscrepancyKind::Rounding,
            format!("rounded up: {exact} rounds half-up to {half_up}"),
        ));
    }
    for alt in &expected.alternatives {
        if same(printed, alt.value, RoundingMode::HalfUp)
            || same(printed, alt.value, RoundingMode::Truncate)
        {
            return Some((
                alt.kind,
                format!("{}; the figure it claims to be is {half_up}", alt.meaning),
            ));
        }
    }
    // A decimal point printed for a thousands separator: the digits agree.
    let whole = |v: Decimal| digits(Rounding::half_up(0).apply(v));
    if digits(printed) == whole(expected.value) {
        return Some((
            DiscrepancyKind::Transcription,
            format!(
                "a decimal point printed for a thousands separator: the value is {}",
                whole(expected.value)
            ),
        ));
    }
    for alt in &expected.alternatives {
        if digits(printed) == whole(alt.value) {
            return Some((
                alt.kind,
                format!(
                    "{}, printed with a decimal point for a thousands separator; the figure it claims to be is {half_up}",
                    alt.meaning
                ),
            ));
        }
    }
    if let Some(slip) = slip(&digits(printed), &digits(half_up)) {
        return Some((
            DiscrepancyKind::Transcription,
            format!("{slip} {half_up}: a typing or transcription slip"),
        ));
    }
    let why = match &expected.otherwise_why {
        Some(why) => format!("{why}; recomputed {exact}"),
        None => format!("recomputed {exact}, which prints as {half_up}"),
    };
    Some((expected.otherwise, why))
}

/// The kind of a one-keystroke slip that turns `meant` into `printed`, in
/// words that take the meant figure after them; `None` if it takes more.
fn slip(printed: &str, meant: &str) -> Option<&'static str> {
    if edit_distance(printed, meant) != 1 {
        return None;
    }
    let (p, m): (Vec<char>, Vec<char>) = (printed.chars().collect(), meant.chars().collect());
    Some(match p.len().cmp(&m.len()) {
        std::cmp::Ordering::Greater => "a digit added to",
        std::cmp::Ordering::Less => "a digit dropped from",
        std::cmp::Ordering::Equal => {
            let differ = p.iter().zip(&m).filter(|(a, b)| a != b).count();
            if differ == 2 {
                "two adjacent digits swapped in"
            } else {
                "one digit changed from"
            }
        }
    })
}

/// The digits of a number, without sign or point.
pub(crate) fn digits(value: Decimal) -> String {
    value
        .to_string()
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and
/// swaps of two adjacent characters each count one.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        if let Some(cell) = d.get_mut(at(i, 0)) {
            *cell = i;
        }
    }
    for j in 0..=b.len() {
        if let Some(cell) = d.get_mut(at(0, j)) {
            *cell = j;
        }
    }
    let get = |d: &[usize], i: usize, j: usize| d.get(at(i, j)).copied().unwrap_or(usize::MAX / 2);
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let (ai, bj) = (a.get(i - 1), b.get(j - 1));
            let cost = usize::from(ai != bj);
            let mut best = (get(&d, i - 1, j) + 1)
                .min(get(&d, i, j - 1) + 1)
                .min(get(&d, i - 1, j - 1) + cost);
            if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                best = best.min(get(&d, i - 2, j - 2) + 1);
            }
            if let Some(cell) = d.get_mut(at(i, j)) {
                *cell = best;
            }
        }
    }
    get(&d, a.len(), b.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_slip_is_named_by_its_kind() {
        assert_eq!(slip("2950", "2590"), Some("two adjacent digits swapped in"));
        assert_eq!(slip("198", "98"), Some("a digit added to"));
        assert_eq!(slip("98", "198"), Some("a digit dropped from"));
        assert_eq!(slip("39993", "39933"), Some("one digit changed from"));
        assert_eq!(slip("1295", "1283"), None);
    }

    #[test]
    fn edit_distance_counts_one_slip() {
        assert_eq!(edit_distance("2950", "2590"), 1); // adjacent swap
        assert_eq!(edit_distance("198", "98"), 1); // inserted digit
        assert_eq!(edit_distance("39993", "39933"), 1); // changed digit
        assert_eq!(edit_distance("1295", "1283"), 2);
        assert_eq!(edit_distance("", "12"), 2);
    }

    fn expected(value: &str) -> Expected {
        Expected {
            value: value.parse().unwrap(),
            from_rounded: None,
            alternatives: Vec::new(),
            otherwise: DiscrepancyKind::ArithmeticError,
            otherwise_why: None,
        }
    }

    #[test]
    fn half_up_at_printed_places_agrees() {
        assert!(classify("5.3".parse().unwrap(), &expected("5.2525")).is_none());
        assert!(classify("5395".parse().unwrap(), &expected("5394.5")).is_none());
    }

    #[test]
    fn truncation_and_rounding_up_are_rounding() {
        let (kind, _) = classify("5.2".parse().unwrap(), &expected("5.2525")).unwrap();
        assert_eq!(kind, DiscrepancyKind::Rounding);
        let (kind, why) = classify("10203".parse().unwrap(), &expected("10202.4")).unwrap();
        assert_eq!(kind, DiscrepancyKind::Rounding);
        assert!(why.starts_with("rounded up"), "{why}");
    }

    #[test]
    fn separator_and_slips_are_transcription() {
        let (kind, _) = classify("299.307".parse().unwrap(), &expected("299307")).unwrap();
        assert_eq!(kind, DiscrepancyKind::Transcription);
        let (kind, _) = classify("19.8".parse().unwrap(), &expected("9.82")).unwrap();
        assert_eq!(kind, DiscrepancyKind::Transcription);
    }

    /// Optimal string alignment, by the recursive definition on prefixes
    /// (memoised so that longer strings stay cheap).
    fn osa(a: &[u8], b: &[u8]) -> usize {
        fn go(a: &[u8], b: &[u8], memo: &mut HashMap<(usize, usize), usize>) -> usize {
            if let Some(&known) = memo.get(&(a.len(), b.len())) {
                return known;
            }
            let best = match (a, b) {
                ([], _) => b.len(),
                (_, []) => a.len(),
                ([.., x], [.., y]) => {
                    let (ra, rb) = (&a[..a.len() - 1], &b[..b.len() - 1]);
                    let mut best = (go(ra, b, memo) + 1)
                        .min(go(a, rb, memo) + 1)
                        .min(go(ra, rb, memo) + usize::from(x != y));
                    if a.len() > 1
                        && b.len() > 1
                        && a[a.len() - 1] == b[b.len() - 2]
                        && a[a.len() - 2] == b[b.len() - 1]
                    {
                        best = best.min(go(&a[..a.len() - 2], &b[..b.len() - 2], memo) + 1);
                    }
                    best
                }
            };
            memo.insert((a.len(), b.len()), best);
            best
        }
        go(a, b, &mut HashMap::new())
    }

    #[test]
    fn adjacent_swaps_at_every_position_count_one() {
        // A swap of the first two characters is where `i - 2` and `i / 2`
        // (and `j - 2`, `j / 2`) part; one past the fifth character too.
        assert_eq!(edit_distance("12", "21"), 1);
        assert_eq!(edit_distance("123456", "123465"), 1);
        assert_eq!(edit_distance("1023456", "0123465"), 2);
    }

    proptest::proptest! {
        // A fixed, larger number of cases: the strategy is cheap, and a
        // three-letter alphabet makes adjacent swaps common.
        #![proptest_config(proptest::test_runner::Config::with_cases(2048))]
        #[test]
        fn edit_distance_is_the_optimal_string_alignment(a in "[0-2]{0,9}", b in "[0-2]{0,9}") {
            proptest::prop_assert_eq!(edit_distance(&a, &b), osa(a.as_bytes(), b.as_bytes()));
        }
    }

    #[test]
    fn an_alternative_can_match_by_truncation() {
        let e = Expected {
            value: "1".parse().unwrap(),
            from_rounded: None,
            alternatives: vec![Alternative {
                value: "5.2525".parse().unwrap(),
                kind: DiscrepancyKind::Mislabel,
                meaning: "another figure".into(),
            }],
            otherwise: DiscrepancyKind::ArithmeticError,
            otherwise_why: None,
        };
        let (kind, why) = classify("5.2".parse().unwrap(), &e).unwrap();
        assert_eq!(kind, DiscrepancyKind::Mislabel);
        assert!(why.starts_with("another figure"), "{why}");
    }

    #[test]
    fn unexplained_differences_take_the_fallback_kind() {
        let (kind, _) = classify("1295".parse().unwrap(), &expected("1282.60")).unwrap();
        assert_eq!(kind, DiscrepancyKind::ArithmeticError);
    }
}
