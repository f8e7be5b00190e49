//! Caseloads by sufficient statistics equal the per-family appraisal exactly,
//! however they are split and merged.
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

use froi::caseload::Caseload;
use froi::*;
use proptest::prelude::*;

fn states() -> StateCatalogue {
    nelc_2020::states().unwrap()
}

fn status() -> impl Strategy<Value = State> {
    prop::sample::select(states().iter().map(|(s, _)| s).collect::<Vec<_>>())
}

fn families() -> impl Strategy<Value = Vec<Family>> {
    prop::collection::vec(
        (1u32..=4, 1u32..=8, 1u32..=3, status(), status(), status()),
        1..60,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (cohort, children, sessions, a, b, c))| {
                Family::new(cohort, i.to_string(), children, sessions, a, b, c).unwrap()
            })
            .collect()
    })
}

fn scenario(
    families: Vec<Family>,
    outcome: OutcomePoint,
    deterioration: Deterioration,
) -> froi::Programme {
    let mut s = nelc_2020::programme_by_rule().unwrap();
    s.family_source_mut().unwrap().families = families;
    s.family_source_mut().unwrap().annual = None;
    s.family_source_mut().unwrap().rule.outcome = outcome;
    s.family_source_mut().unwrap().rule.deterioration = deterioration;
    s
}

fn csv_of(families: &[Family]) -> String {
    let states = states();
    let mut out = String::from(
        "cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month\n",
    );
    for f in families {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},\n",
            f.cohort(),
            f.id(),
            f.children(),
            states.id(f.entry()),
            states.id(f.exit()),
            states.id(f.follow_up()),
            f.sessions()
        ));
    }
    out
}

proptest! {
    #[test]
    fn tallies_appraise_exactly_as_families_do(
        fs in families(),
        exit in any::<bool>(),
        negative in any::<bool>(),
    ) {
        let outcome = if exit { OutcomePoint::Exit } else { OutcomePoint::FollowUp };
        let deterioration = if negative { Deterioration::NegativeBenefit } else { Deterioration::NoBenefit };
        let s = scenario(fs, outcome, deterioration);
        let per_family = appraise(&s).unwrap();
        prop_assert_eq!(Caseload::from_families(&s.family_source().unwrap().states, &s.family_source().unwrap().families).unwrap().appraise(s.family_source().unwrap()).unwrap(), per_family.families().unwrap().cohorts.clone());
    }

    #[test]
    fn merging_in_any_grouping_or_order_is_one_pass(fs in families(), cut in 0usize..60, seed in any::<u64>()) {
        let s = scenario(fs.clone(), OutcomePoint::FollowUp, Deterioration::NoBenefit);
        let whole = Caseload::from_families(&states(), &fs).unwrap();
        let cut = cut.min(fs.len());
        let (a, b) = fs.split_at(cut);
        let (ca, cb) = (Caseload::from_families(&states(), a).unwrap(), Caseload::from_families(&states(), b).unwrap());
        prop_assert_eq!(&ca.checked_merge(&cb).unwrap(), &whole);
        prop_assert_eq!(&cb.checked_merge(&ca).unwrap(), &whole);
        // One caseload per family, summed in a shuffled order.
        let mut parts: Vec<Caseload> = fs.iter().map(|f| Caseload::from_families(&states(), std::slice::from_ref(f)).unwrap()).collect();
        let n = parts.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(i as u32) % (i as u64 + 1)) as usize;
            parts.swap(i, j);
        }
        let summed = parts
            .iter()
            .try_fold(Caseload::new(&states()).unwrap(), |acc, c| acc.checked_merge(c))
            .unwrap();
        prop_assert_eq!(summed.appraise(s.family_source().unwrap()).unwrap(), whole.appraise(s.family_source().unwrap()).unwrap());
    }

    #[test]
    fn streaming_the_csv_counts_what_loading_it_does(fs in families()) {
        let text = csv_of(&fs);
        let streamed = Caseload::read_csv(text.as_bytes(), "families.csv", &states()).unwrap();
        let loaded = froi::load::families_from_csv(&text, "families.csv", &states()).unwrap();
        prop_assert_eq!(streamed, Caseload::from_families(&states(), &loaded).unwrap());
    }

    #[test]
    fn a_table_of_counts_is_the_caseload_keyed_by_state_ids(fs in families()) {
        let c = Caseload::from_families(&states(), &fs).unwrap();
        let counts = c.counts();
        prop_assert_eq!(&Caseload::from_counts(&states(), &counts).unwrap(), &c);
        // The same table as CSV, read by the file layer.
        let mut csv = String::from("cohort,entry,exit,follow_up,families,children,sessions\n");
        for r in &counts {
            csv += &format!("{},{},{},{},{},{},{}\n", r.cohort, r.entry, r.exit, r.follow_up,
                            r.families, r.children, r.sessions);
        }
        prop_assert_eq!(&froi::load::counts_from_csv(&csv, "counts.csv", &states()).unwrap(), &c);
        // Another engine may list the states in another order, or by label:
        // the caseload appraises the same.
        let mut rev = states().iter().map(|(_, d)| d.clone()).collect::<Vec<_>>();
        rev.reverse();
        let reversed = StateCatalogue::new("state", rev).unwrap();
        let theirs = Caseload::from_counts(&reversed, &counts).unwrap();
        prop_assert_ne!(theirs.state_ids(), c.state_ids());
        let s = scenario(fs.clone(), OutcomePoint::FollowUp, Deterioration::NoBenefit);
        prop_assert_eq!(theirs.appraise(s.family_source().unwrap()).unwrap(), c.appraise(s.family_source().unwrap()).unwrap());
    }

    #[test]
    fn a_caseload_survives_json(fs in families()) {
        let c = Caseload::from_families(&states(), &fs).unwrap();
        let json = serde_json::to_string(&c).unwrap();
        prop_assert_eq!(serde_json::from_str::<Caseload>(&json).unwrap(), c);
    }
}

#[test]
fn streaming_reports_bad_rows_like_loading() {
    let text = "cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month\n1,a,0,CIN,CIN,CLOSED,1,\n";
    let err = Caseload::read_csv(text.as_bytes(), "big.csv", &states())
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "big.csv, line 2, field `children`: \"0\" is out of range: a family has a whole number of children, 1 to 1,000"
    );
}

#[test]
fn overflowing_counts_are_errors_when_merged() {
    let mut a = Caseload::new(&states()).unwrap();
    let closed = states().state("CLOSED").unwrap();
    let f = Family::new(1, "x", 1, 1, closed, closed, closed).unwrap();
    a.add_family(&f).unwrap();
    // A caseload handed over as JSON with counts at the limit.
    let max = u64::MAX;
    let json = format!(
        r#"{{"states": ["CLOSED", "CIN", "CP", "KINSHIP", "LAC"], "counts": [{{"cohort": 1,
        "entry": "CLOSED", "exit": "CLOSED", "follow_up": "CLOSED",
        "families": {max}, "children": {max}, "sessions": {max}}}]}}"#
    );
    let huge: Caseload = serde_json::from_str(&json).unwrap();
    assert_ne!(huge, a);
    assert!(matches!(
        a.checked_merge(&huge),
        Err(Error::Overflow { .. })
    ));
}

#[test]
fn several_files_merge_into_one_caseload() {
    let dir = std::env::temp_dir().join(format!("froi-caseload-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = nelc_2020::programme_by_rule().unwrap();
    let mut paths = Vec::new();
    for cohort in 1..=3u32 {
        let rows: Vec<Family> = scenario
            .family_source()
            .unwrap()
            .families
            .iter()
            .filter(|f| f.cohort() == cohort)
            .cloned()
            .collect();
        let path = dir.join(format!("cohort{cohort}.csv"));
        std::fs::write(&path, csv_of(&rows)).unwrap();
        paths.push(path);
    }
    let merged = Caseload::read_files(&paths, &scenario.family_source().unwrap().states).unwrap();
    assert_eq!(
        merged,
        Caseload::from_families(
            &scenario.family_source().unwrap().states,
            &scenario.family_source().unwrap().families
        )
        .unwrap()
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_total_tally_appraises_as_all_families() {
    let s = nelc_2020::programme_by_rule().unwrap();
    let caseload = Caseload::from_families(
        &s.family_source().unwrap().states,
        &s.family_source().unwrap().families,
    )
    .unwrap();
    let all = froi::caseload::appraise_tally(
        None,
        &caseload.total().unwrap(),
        s.family_source().unwrap(),
    )
    .unwrap();
    assert_eq!(all, appraise(&s).unwrap().families().unwrap().overall);
}

#[test]
fn cohort_numbers_in_the_billions_are_counted_without_a_dense_table() {
    // Small cohort numbers are indexed directly; a huge one must not make the
    // reader allocate a table as long as the number.
    let text = "cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month\n\
                4000000000,1,2,CIN,CIN,CLOSED,1,\n7,2,1,CP,CP,CP,1,\n";
    let c = Caseload::read_csv(text.as_bytes(), "big.csv", &states()).unwrap();
    assert_eq!(
        c.cohorts().keys().copied().collect::<Vec<_>>(),
        vec![7, 4_000_000_000]
    );
    assert_eq!(
        c.total()
            .unwrap()
            .cells()
            .map(|(_, _, _, _, children, _)| children)
            .sum::<u64>(),
        3
    );
}

/// A row of a family table as text: mostly valid, sometimes broken in one of
/// the ways a real file is (an unknown status, zero children, a short row, a
/// quoted id, spaces), with any line ending.
fn row_text() -> impl Strategy<Value = String> {
    let label = prop::sample::select(vec!["CIN", "cp", "LAC", "Closed", "KIN", "FOSTER", "CPP"]);
    (
        1u32..4,
        0u32..1000,
        1u32..5,
        label.clone(),
        label.clone(),
        label,
        1u32..3,
        0u8..40,
    )
        .prop_map(
            |(cohort, id, children, a, b, c, sessions, flaw)| match flaw {
                0 => format!("{cohort},{id},{children},{a},{b},ADOPTED,{sessions},2016-01"),
                1 => format!("{cohort},{id},0,{a},{b},{c},{sessions},2016-01"),
                2 => format!("{cohort},{id},{children},{a},{b}"),
                3 => format!("{cohort},\"{id}\",{children},{a},{b},{c},{sessions},2016-01"),
                4 => format!(" {cohort} , {id} ,{children},{a},{b},{c},{sessions}, "),
                _ => format!(
                    "{cohort},{id},{children},{a},{b},{c},{sessions},2016-0{}",
                    id % 9 + 1
                ),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Read on several threads in pieces of any size, a table gives the
    /// caseload one pass gives, or the same first error at the same line.
    #[test]
    fn pieces_on_threads_read_as_one_pass_does(
        rows in prop::collection::vec(row_text(), 0..400),
        ending in prop::sample::select(vec!["\n", "\r\n", "\r"]),
        threads in 1usize..4,
        piece in prop::sample::select(vec![1usize, 7, 64, 500, 4096, 1 << 22]),
    ) {
        let header = "cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month";
        let mut text = String::from(header);
        for r in &rows {
            text.push_str(ending);
            text.push_str(r);
        }
        text.push_str(ending);
        let show = |r: Result<Caseload>| match r {
            Ok(c) => format!("{c:?}"),
            Err(e) => e.to_string(),
        };
        let one = show(Caseload::read_csv(text.as_bytes(), "t.csv", &states()));
        let many = show(Caseload::read_csv_in_pieces(text.as_bytes(), "t.csv", &states(), threads, piece));
        prop_assert_eq!(one, many);
    }
}

#[test]
fn a_bad_row_of_counts_is_refused_with_its_line() {
    let header = "cohort,entry,exit,follow_up,families,children,sessions\n";
    let refused = |rows: &str| {
        froi::load::counts_from_csv(&format!("{header}{rows}"), "counts.csv", &states())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        refused("1,CIN,CLOSED,CLOSED,1,1,1\n1,cin,closed,Closed,2,2,2\n"),
        "counts.csv, line 3, field `follow_up`: cohort 1, CIN / CLOSED / CLOSED is out of range: \
         a cohort's families of one entry, exit and follow-up state are one row"
    );
    assert!(
        refused("1,CIN,CLOSED,NEET,1,1,1\n").starts_with("counts.csv, line 2, field `follow_up`")
    );
    assert!(
        refused("1,CIN,CLOSED,CLOSED,0,0,0\n").starts_with("counts.csv, line 2, field `families`")
    );
    assert!(
        refused("1,CIN,CLOSED,CLOSED,1,1,10001\n")
            .starts_with("counts.csv, line 2, field `sessions`")
    );
    assert!(
        refused("1,CIN,CLOSED,CLOSED,-1,1,1\n").starts_with("counts.csv, line 2, field `families`")
    );
}
