//! The NELC audit: every published figure recomputed, classified and
//! corrected, from the as-published scenario and from the by-rule one (which
//! carries an `[uncertainty]` table the audit does not need).
//! Run: `cargo bench --bench audit`.

fn main() {
    divan::main();
}

#[divan::bench(args = ["as published", "by rule"], sample_count = 20)]
fn nelc_audit(bencher: divan::Bencher, scenario: &str) {
    let scenario = match scenario {
        "as published" => froi::nelc_2020::programme_as_published(),
        _ => froi::nelc_2020::programme_by_rule(),
    }
    .expect("the shipped scenario reads");
    let publication = froi::nelc_2020::publication().expect("the publication reads");
    bencher
        .bench(|| froi::audit::audit(divan::black_box(&scenario), &publication).expect("audits"));
}
