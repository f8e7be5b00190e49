//! The audit of any publication's printed figures (`froi::audit::audit_printed`):
//! the corpus cases in `data/`, each figure's verdict pinned; the file's
//! checks; and the invariants of printed figures and their ranges.
#![cfg(feature = "audit")]

use froi::Decimal;
use froi::audit::{Interval, Printed, PrintedAppraisal, PrintedAudit, Verdict, audit_printed};
use proptest::prelude::*;

fn audit(dir: &str) -> PrintedAudit {
    audit_case(dir, true)
}

fn audit_case(dir: &str, with_programme: bool) -> PrintedAudit {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/data/");
    let file = with_programme
        .then(|| froi::load::read_programme(format!("{root}{dir}/programme.toml")).unwrap());
    let printed = PrintedAppraisal::read(format!("{root}{dir}/printed.toml")).unwrap();
    audit_printed(&printed, file.as_ref().map(|f| &f.programme)).unwrap()
}

#[derive(serde::Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    dir: String,
    #[serde(default)]
    programme: bool,
    agree: usize,
    findings: std::collections::BTreeMap<String, String>,
}

/// Every corpus case audits from its files alone, and its findings are
/// exactly those tests/testdata/printed_corpus.toml lists.
#[test]
fn every_corpus_case_has_exactly_its_findings() {
    let corpus: Corpus = toml::from_str(include_str!("testdata/printed_corpus.toml")).unwrap();
    for case in corpus.case {
        let a = audit_case(&case.dir, case.programme);
        let found: std::collections::BTreeMap<String, String> = a
            .figures
            .iter()
            .filter_map(|f| {
                f.verdict
                    .filter(|v| *v != Verdict::Agrees)
                    .map(|v| (f.id.clone(), v))
            })
            .map(|(id, v)| {
                (
                    id,
                    serde_json::to_value(v)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect();
        assert_eq!(found, case.findings, "{}", case.dir);
        assert_eq!(
            a.with_verdict(Verdict::Agrees).count(),
            case.agree,
            "{}",
            case.dir
        );
    }
}

/// FDAC: the itemised savings exceed the gross a case by £2,955.
#[test]
fn fdac_itemised_savings_exceed_the_gross_by_2955_a_case() {
    let a = audit_case("fdac_2016", false);
    let gross = a.figures.iter().find(|f| f.id == "gross_per_case").unwrap();
    assert_eq!(gross.derived.as_ref().unwrap().exact, dec("28020"));
    assert_eq!(gross.checks[0].exact, dec("30975"));
    assert_eq!(gross.checks[0].difference, dec("-2955"));
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// Cardiff 2014, Table 5 (shared reference published-appraisals.md, section
/// 1): the health total's 1p is display rounding, every other cell agrees.
#[test]
fn cardiff_table_5_has_one_display_rounding_and_nothing_else() {
    let a = audit("cardiff_2014");
    assert_eq!(a.figures.len(), 42);
    let off: Vec<(&str, Option<Verdict>)> = a
        .figures
        .iter()
        .filter(|f| f.verdict != Some(Verdict::Agrees))
        .map(|f| (f.id.as_str(), f.verdict))
        .collect();
    assert_eq!(off, [("health_total", Some(Verdict::DisplayRounding))]);
    let health = a.figures.iter().find(|f| f.id == "health_total").unwrap();
    // The programme's exact present value, from the printed yearly figures.
    let programme = &health.checks[0];
    assert_eq!(programme.exact.round_dp(4), dec("2502966.2195"));
    assert_eq!(programme.verdict, Verdict::DisplayRounding);
    // The parts' pennies allow 2,502,966.1961 to .2428, which holds .23.
    let range = health.checks[1].range.unwrap();
    assert_eq!(
        (range.lo.round_dp(4), range.hi.round_dp(4)),
        (dec("2502966.1961"), dec("2502966.2428"))
    );
}

/// Every check of Cardiff's Total row is made twice, from the programme and
/// from the printed years, and the two agree to the places the model keeps.
#[test]
fn cardiff_totals_are_recomputed_both_ways() {
    let a = audit("cardiff_2014");
    for f in a.figures.iter().filter(|f| f.id.ends_with("_total")) {
        assert_eq!(f.checks.len(), 2, "{}", f.id);
        let gap = (f.checks[0].exact - f.checks[1].exact).abs();
        assert!(gap < dec("0.000001"), "{}: {gap}", f.id);
    }
}

const TABLE: &str = r#"
name = "A table"
sources = { t = "Table 1" }
[[figure]]
id = "total"
printed = "30"
where = { source = "t", row = "Total" }
from = { sum = ["a", "b"] }
[[figure]]
id = "a"
printed = "10.4"
where = { source = "t", row = "A" }
[[figure]]
id = "b"
printed = "20.4"
where = { source = "t", row = "B" }
"#;

fn relation_verdict(text: &str) -> Option<Verdict> {
    let p = PrintedAppraisal::from_toml(text, "t.toml").unwrap();
    let a = audit_printed(&p, None).unwrap();
    a.figures[0].verdict
}

#[test]
fn a_total_of_rounded_parts_is_display_rounding_and_a_slip_is_not() {
    // 10.4 + 20.4 = 30.8; "30" is to the nearest 10 (a whole number's
    // trailing zeros say nothing), so it agrees; "31" agrees; "29" does not,
    // and parts from 10.35 and 20.35 cannot reach 29.5.
    assert_eq!(relation_verdict(TABLE), Some(Verdict::Agrees));
    assert_eq!(
        relation_verdict(&TABLE.replace("\"30\"", "\"31\"")),
        Some(Verdict::Agrees)
    );
    assert_eq!(
        relation_verdict(&TABLE.replace("\"30\"", "\"29\"")),
        Some(Verdict::Inconsistent)
    );
    // A stated step overrides the reading of trailing zeros.
    let to_the_unit = TABLE.replace("printed = \"30\"", "printed = \"30\"\nstep = \"1\"");
    assert_eq!(relation_verdict(&to_the_unit), Some(Verdict::Inconsistent));
    let parts = TABLE.replace("\"30\"", "\"31.0\"").replace("10.4", "10.45");
    // 10.45 + 20.4 = 30.85, printed 31.0; the parts allow 30.795 to 30.905.
    assert_eq!(relation_verdict(&parts), Some(Verdict::Inconsistent));
    let close = TABLE.replace("\"30\"", "\"30.9\"").replace("10.4", "10.45");
    // 30.85 misses 30.9 by 0.05 (its half step), at the edge: agrees.
    assert_eq!(relation_verdict(&close), Some(Verdict::Agrees));
    let display = TABLE
        .replace("\"30\"", "\"30.91\"")
        .replace("10.4", "10.45");
    // 30.85 misses 30.91 (to 0.005), but 10.455 + 20.45 = 30.905 reaches it.
    assert_eq!(relation_verdict(&display), Some(Verdict::DisplayRounding));
}

#[test]
fn a_hedge_is_judged_by_its_stated_tolerance() {
    let hedged = TABLE.replace("\"30\"", "\"nearly 31\"").replace(
        "name = \"A table\"",
        "name = \"A table\"\nhedge_tolerance = \"0.05\"",
    );
    // 30.8 is under 31 and within 5% of it.
    assert_eq!(relation_verdict(&hedged), Some(Verdict::Agrees));
    let over = hedged.replace("nearly 31", "nearly 30.5");
    // "nearly 30.5" cannot be 30.8, and the parts cannot reach 30.55.
    assert_eq!(relation_verdict(&over), Some(Verdict::Inconsistent));
    let about = hedged.replace("nearly 31", "about 32");
    // 30.8 is within 5% of 32 (30.4 to 33.6).
    assert_eq!(relation_verdict(&about), Some(Verdict::WithinHedge));
}

#[test]
fn a_bad_file_is_refused_naming_the_figure() {
    let cases = [
        (
            TABLE.replace("id = \"b\"", "id = \"a\""),
            "each figure's id is used once (first at line 9)",
        ),
        (
            TABLE.replace("source = \"t\", row = \"A\"", "source = \"u\", row = \"A\""),
            "unknown source \"u\"",
        ),
        (
            TABLE.replace("[\"a\", \"b\"]", "[\"a\", \"c\"]"),
            "unknown figure \"c\"",
        ),
        (
            TABLE.replace(
                "row = \"A\" }",
                "row = \"A\" }\nfrom = { sum = [\"total\"] }",
            ),
            "total <- a <- total",
        ),
        (
            TABLE.replace("\"30\"", "\"about 30\""),
            "a hedged figure needs the share it allows",
        ),
        (
            TABLE.replace("\"30\"", "\"thirty\""),
            "\"thirty\" is not a decimal number",
        ),
        (
            TABLE.replace("sum = [\"a\", \"b\"]", "ratio = [\"a\"]"),
            "a ratio names two figures",
        ),
        (
            TABLE.replace("from = { sum", "is = { measure = \"irr\" }\nfrom = { sum"),
            "unknown measure \"irr\"",
        ),
        (
            TABLE.replace("row = \"B\" }", "row = \"B\", cell = \"B2\" }"),
            "unknown field `cell`",
        ),
    ];
    let unprinted = TABLE.replace("printed = \"20.4\"\n", "");
    let claimed = TABLE
        .replace("printed = \"30\"\n", "")
        .replace("from = { sum", "is = { measure = \"npv\" }\nfrom = { sum");
    let cases = cases.into_iter().chain([
        (
            unprinted,
            "a figure is printed, or derived from `from` without `is`",
        ),
        (
            claimed,
            "a figure is printed, or derived from `from` without `is`",
        ),
    ]);
    for (text, expected) in cases {
        let e = PrintedAppraisal::from_toml(&text, "t.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains(expected), "{expected:?} not in {e}");
        assert!(e.starts_with("t.toml"), "{e}");
    }
}

#[test]
fn a_measure_the_programme_lacks_is_refused_with_what_it_has() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/data/cardiff_2014/");
    let file = froi::load::read_programme(format!("{root}programme.toml")).unwrap();
    let text = std::fs::read_to_string(format!("{root}printed.toml")).unwrap();
    let wrong = text.replace(
        "agency = \"Health service\", year = 2003",
        "agency = \"Police\", year = 2003",
    );
    let p = PrintedAppraisal::from_toml(&wrong, "printed.toml").unwrap();
    let e = audit_printed(&p, Some(&file.programme))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("\"Police\"") && e.contains("health service benefits (Health service)"),
        "{e}"
    );
    let late = text.replace("year = 2007", "year = 2008");
    let p = PrintedAppraisal::from_toml(&late, "printed.toml").unwrap();
    let e = audit_printed(&p, Some(&file.programme))
        .unwrap_err()
        .to_string();
    assert!(e.contains("the programme's years are 2003 to 2007"), "{e}");
    // The error names the file and the line the figure is written on.
    assert!(e.starts_with("printed.toml, line "), "{e}");
}

#[test]
fn printed_text_reads_as_publications_print_it() {
    let cases = [
        ("£1.29m", "1290000", "10000"),
        ("−£5,838", "-5838", "1"),
        ("£-5,838", "-5838", "1"),
        ("12 968 956.15", "12968956.15", "0.01"),
        ("£17bn", "17000000000", "1000000000"),
        ("£560,000", "560000", "10000"),
        ("0", "0", "1"),
        ("3.5%", "0.035", "0.001"),
        ("some £729,000", "729000", "1000"),
    ];
    for (text, value, step) in cases {
        let p = Printed::parse(text).unwrap();
        assert_eq!((p.value, p.step), (dec(value), dec(step)), "{text}");
    }
    for bad in ["", "£", "1.2.3", "12,17O", "m", "£1.29mm", "1e5"] {
        assert!(Printed::parse(bad).is_err(), "{bad:?} read");
    }
}

fn interval() -> impl Strategy<Value = (Interval, Decimal)> {
    // Money and ratios as appraisals print them: to 10^9, to 4 places.
    (
        -10_000_000_000_000_i64..10_000_000_000_000,
        0i64..1_000_000,
        0u32..=1_000_000,
    )
        .prop_map(|(lo, width, at)| {
            let lo = Decimal::new(lo, 4);
            let hi = lo + Decimal::new(width, 4);
            let inside = lo + (hi - lo) * Decimal::new(i64::from(at), 6);
            (Interval { lo, hi }, inside)
        })
}

proptest! {
    /// A value rounded to some places and printed agrees with the value,
    /// and reads back as the rounded value to those places.
    #[test]
    fn a_rounded_value_printed_agrees_with_it(units in -10_000_000_000_000i64..10_000_000_000_000, scale in 0u32..6, places in 0u32..4) {
        let exact = Decimal::new(units, scale);
        let shown = exact.round_dp(places);
        let text = format!("{:.*}", places as usize, shown);
        let p = Printed::parse(&text).unwrap();
        prop_assert_eq!(p.value, shown);
        prop_assert!(p.agrees(exact), "{} does not agree with {}", text, exact);
        prop_assert!(p.range(Decimal::ZERO).contains(exact));
    }

    /// The interval operations hold every result of values in their ranges.
    #[test]
    fn interval_arithmetic_holds_every_combination((a, x) in interval(), (b, y) in interval()) {
        prop_assert!(a.checked_add(b).unwrap().contains(x + y));
        prop_assert!(a.checked_sub(b).unwrap().contains(x - y));
        prop_assert!(a.checked_mul(b).unwrap().contains(x * y));
        match a.checked_div(b) {
            Some(q) => prop_assert!(q.contains(x / y) || (q.lo - x / y).abs() < Decimal::new(1, 20) || (q.hi - x / y).abs() < Decimal::new(1, 20)),
            None => prop_assert!(b.contains(Decimal::ZERO)),
        }
    }
}

/// A chain of 20,000 figures, each the sum of the one before and a printed
/// 1, audits without recursion running out of stack (the order of figures
/// is found iteratively); the last agrees at 20,000.
#[test]
fn a_long_chain_of_figures_audits() {
    let n = 20_000;
    let mut text = String::from("name = \"chain\"\nsources = { t = \"T\" }\n");
    text.push_str(
        "[[figure]]\nid = \"one\"\nprinted = \"1\"\nexact = true\nwhere = { source = \"t\" }\n",
    );
    text.push_str("[[figure]]\nid = \"f1\"\nfrom = { same = \"one\" }\n");
    for i in 2..n {
        text.push_str(&format!(
            "[[figure]]\nid = \"f{i}\"\nfrom = {{ sum = [\"f{}\", \"one\"] }}\n",
            i - 1
        ));
    }
    text.push_str(&format!(
        "[[figure]]\nid = \"last\"\nprinted = \"{n}\"\nwhere = {{ source = \"t\" }}\nfrom = {{ sum = [\"f{}\", \"one\"] }}\n",
        n - 1
    ));
    let p = PrintedAppraisal::from_toml(&text, "chain.toml").unwrap();
    let a = audit_printed(&p, None).unwrap();
    assert_eq!(a.figures.last().unwrap().verdict, Some(Verdict::Agrees));
}

/// FDAC: if the gross a case were the itemised savings (30,975), the return
/// on each £1 would be 46 x 30,975 / 560,000 = 2.544375, not 2.30: the
/// finding is material.
#[test]
fn a_finding_that_moves_a_headline_is_material() {
    let a = audit_case("fdac_2016", false);
    let gross = a.figures.iter().find(|f| f.id == "gross_per_case").unwrap();
    assert_eq!(gross.moves.len(), 1);
    assert_eq!(gross.moves[0].headline, "return_per_pound");
    assert_eq!(gross.moves[0].corrected, dec("2.544375"));
    // "£27,000 savings per case" is printed beside the headline, not under it.
    let cji = a
        .figures
        .iter()
        .find(|f| f.id == "gross_per_case_cji")
        .unwrap();
    assert!(cji.moves.is_empty());
    assert!(a.conclusions_assessed);
}

/// MST: the net £1,222 = 2,290 + (4,619 - 3,402) - (5,687 - 3,402) turns at
/// 0 with the YOT services of the YOT arm at 3,397, the MST arm's services
/// at 6,909 or the saving on crime at 1,068; the MST arm's YOT services
/// cancel, so no value of them turns it.
#[test]
fn each_input_of_a_headline_has_its_status_and_switching_value() {
    let a = audit_case("mst_2013", false);
    let h = &a.headlines[0];
    assert_eq!(
        (h.id.as_str(), h.switching),
        ("net_benefit", Some(dec("0")))
    );
    let at = |id: &str| h.inputs.iter().find(|i| i.id == id).unwrap();
    assert_eq!(at("yot_services_yot").switching_value, Some(dec("3397")));
    assert_eq!(at("services_mst").switching_value, Some(dec("6909")));
    assert_eq!(at("saving_on_crime").switching_value, Some(dec("1068")));
    assert_eq!(at("yot_services_mst").switching_value, None);
    assert_eq!(
        at("saving_on_crime").status,
        froi::audit::InputStatus::Derived
    );
    assert_eq!(
        at("services_mst").status,
        froi::audit::InputStatus::Untraceable
    );
    // Cardiff: the total ratio is 1 when benefits fall to the costs.
    let c = audit("cardiff_2014");
    let benefits = c.headlines[0]
        .inputs
        .iter()
        .find(|i| i.id == "benefits_total")
        .unwrap();
    assert_eq!(benefits.switching_value, Some(dec("285142.54")));
}

proptest! {
    /// For a headline a / b that turns at t, the switching value of a is
    /// t x b, and putting it in place of a gives the headline t.
    #[test]
    fn a_ratio_turns_where_its_numerator_is_the_target_times_its_denominator(
        a in 1i64..10_000_000, b in 1i64..10_000_000, t in 1i64..500,
    ) {
        let text = format!(
            "name = \"r\"\nsources = {{ s = \"S\" }}\n\
             [[figure]]\nid = \"a\"\nprinted = \"{a}\"\nexact = true\nwhere = {{ source = \"s\" }}\n\
             [[figure]]\nid = \"b\"\nprinted = \"{b}\"\nexact = true\nwhere = {{ source = \"s\" }}\n\
             [[figure]]\nid = \"r\"\nprinted = \"1\"\nstep = \"1000000000\"\nheadline = true\nswitching = \"{}\"\n\
             where = {{ source = \"s\" }}\nfrom = {{ ratio = [\"a\", \"b\"] }}\n",
            Decimal::new(t, 1)
        );
        let p = PrintedAppraisal::from_toml(&text, "r.toml").unwrap();
        let audit = audit_printed(&p, None).unwrap();
        let input = audit.headlines[0].inputs.iter().find(|i| i.id == "a").unwrap();
        let x = input.switching_value.unwrap();
        let want = Decimal::new(t, 1) * Decimal::from(b);
        prop_assert!((x - want).abs() <= want * Decimal::new(1, 12), "{} against {}", x, want);
    }
}
