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

/// A publication of many figures (each a printing of the unit cost, the
/// stated £1,295 that differs from its staff lines): the audit's work grows
/// with the figures, not with their square (docs/performance.md).
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 3, sample_size = 1)]
fn many_figures(bencher: divan::Bencher, figures: usize) {
    let mut text = String::from("document = \"a hostile publication\"\n");
    for i in 0..figures {
        text.push_str(&format!(
            "[[figure]]\nid = \"f{i}\"\nlocation = \"x\"\nprinted = \"1,295\"\nmetric = \"unit_cost\"\n"
        ));
    }
    let publication =
        froi::audit::Publication::from_toml(&text, "many.toml").expect("the figures read");
    let programme = froi::nelc_2020::programme_as_published().expect("the shipped programme reads");
    bencher
        .counter(divan::counter::ItemsCount::new(figures))
        .bench(|| froi::audit::audit(divan::black_box(&programme), &publication).expect("audits"));
}

/// A publication's printed figures (the general audit): a chain of figures,
/// each the sum of the one before and a printed 1, read from TOML and
/// audited. Grows with the figures, not their square (docs/performance.md).
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 3, sample_size = 1)]
fn printed_chain(bencher: divan::Bencher, figures: usize) {
    let mut text = String::from("name = \"chain\"\nsources = { t = \"T\" }\n");
    text.push_str(
        "[[figure]]\nid = \"f0\"\nprinted = \"1\"\nexact = true\nwhere = { source = \"t\" }\n",
    );
    for i in 1..figures {
        text.push_str(&format!(
            "[[figure]]\nid = \"f{i}\"\nprinted = \"{}\"\nwhere = {{ source = \"t\" }}\nfrom = {{ sum = [\"f{}\", \"f0\"] }}\n",
            i + 1,
            i - 1
        ));
    }
    bencher
        .counter(divan::counter::ItemsCount::new(figures))
        .bench(|| {
            let p = froi::audit::PrintedAppraisal::from_toml(divan::black_box(&text), "chain.toml")
                .expect("the figures read");
            froi::audit::audit_printed(&p, None).expect("audits")
        });
}
