//! Appraising a family table from the canonical CSV, parse included: 10^4 to
//! 10^7 rows, streamed into sufficient statistics, then appraised.
//!
//! The table cycles through the 40 published NELC families (the same mix as
//! `make_families.py`, without its random order). Run: `cargo bench --bench caseload`.

use froi::caseload::Caseload;

fn main() {
    divan::main();
}

fn table(rows: usize) -> String {
    let programme = froi::nelc_2020::programme_as_published().expect("the shipped programme reads");
    let families = programme.family_source().expect("it has a family table");
    let mut out = String::from(
        "cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month\n",
    );
    for (i, f) in families.families.iter().cycle().take(rows).enumerate() {
        let month = f.exit_month().map(|m| m.to_string()).unwrap_or_default();
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}\n",
            i % 50 + 1,
            i + 1,
            f.children(),
            families.states.id(f.entry()),
            families.states.id(f.exit()),
            families.states.id(f.follow_up()),
            f.sessions(),
            month
        ));
    }
    out
}

#[divan::bench(args = [10_000, 100_000, 1_000_000, 10_000_000], sample_count = 5, sample_size = 1)]
fn parse_and_appraise(bencher: divan::Bencher, rows: usize) {
    let text = table(rows);
    let programme = froi::nelc_2020::programme_by_rule().expect("the shipped programme reads");
    let scenario = programme.family_source().expect("it has a family table");
    bencher
        .counter(divan::counter::ItemsCount::new(rows))
        .bench(|| {
            let caseload = Caseload::read_csv(
                divan::black_box(text.as_bytes()),
                "bench.csv",
                &scenario.states,
            )
            .expect("valid table");
            caseload.appraise(scenario).expect("appraises")
        });
}

#[divan::bench(args = [10_000, 100_000], sample_count = 5, sample_size = 1)]
fn load_every_family(bencher: divan::Bencher, rows: usize) {
    // The per-family path keeps every row (ids, printed figures) and checks ids.
    let text = table(rows);
    let states = froi::nelc_2020::states().expect("the shipped states read");
    bencher
        .counter(divan::counter::ItemsCount::new(rows))
        .bench(|| {
            froi::load::families_from_csv(divan::black_box(&text), "bench.csv", &states)
                .expect("valid table")
        });
}
