//! A Monte Carlo of 10^6 draws of the annual NELC ratio with the model of
//! `montecarlo_numpy.py`, and the cost of a draw as the caseload grows.
//! Run: `cargo bench --bench monte_carlo`.

use froi::uncertainty::{Evaluator, MonteCarlo, Target};

fn main() {
    divan::main();
}

/// The numpy peer's model: the `[uncertainty.monte_carlo]` table of the
/// by-rule NELC scenario, with `draws` draws.
fn run(draws: u32) -> MonteCarlo {
    let mc = froi::nelc_2020::programme_file("scenario_by_rule.toml")
        .expect("the shipped scenario reads")
        .uncertainty
        .and_then(|u| u.monte_carlo)
        .expect("the by-rule scenario has a Monte Carlo table");
    MonteCarlo {
        draws,
        seed: 2020,
        ..mc
    }
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn nelc_one_million_draws(bencher: divan::Bencher) {
    let scenario = froi::nelc_2020::programme_by_rule().expect("the shipped scenario reads");
    let eval = Evaluator::new(&scenario, Target::Annual("high".into())).expect("evaluates");
    let mc = run(1_000_000);
    bencher.bench(|| eval.monte_carlo(divan::black_box(&mc)).expect("runs"));
}

/// The same 10^5 draws for a cohort of 20 and of 200,000 families: the cost
/// of a draw does not depend on the number of families.
#[divan::bench(args = [1, 10_000], sample_count = 10, sample_size = 1)]
fn draws_by_caseload_size(bencher: divan::Bencher, copies: usize) {
    let mut programme = froi::nelc_2020::programme_by_rule().expect("the shipped programme reads");
    let scenario = programme
        .family_source_mut()
        .expect("it has a family table");
    let one: Vec<froi::Family> = scenario
        .families
        .iter()
        .filter(|f| f.cohort() == 1)
        .cloned()
        .collect();
    scenario.families = (0..copies)
        .flat_map(|k| {
            one.iter().map(move |f| {
                froi::Family::new(
                    1,
                    format!("{k}-{}", f.id()),
                    f.children(),
                    f.sessions(),
                    f.entry(),
                    f.exit(),
                    f.follow_up(),
                )
                .expect("valid family")
            })
        })
        .collect();
    let eval = Evaluator::new(&programme, Target::Annual("high".into())).expect("evaluates");
    let mc = run(100_000);
    bencher.bench(|| eval.monte_carlo(divan::black_box(&mc)).expect("runs"));
}
