//! A Monte Carlo of 10^6 draws of the annual NELC ratio with the model of
//! `montecarlo_numpy.py`, and the cost of a draw as the caseload grows.
//! Run: `cargo bench --bench monte_carlo`.

use froi::CareStatus;
use froi::uncertainty::{Distribution, Evaluator, MonteCarlo, MonteCarloInput, Parameter, Target};

fn main() {
    divan::main();
}

fn run(draws: u32) -> MonteCarlo {
    let around = |x: f64, s: f64| Distribution::Triangular {
        low: x * (1.0 - s),
        mode: x,
        high: x * (1.0 + s),
    };
    let mut inputs: Vec<MonteCarloInput> = [
        (CareStatus::ChildInNeed, 65.4),
        (CareStatus::ChildProtectionPlan, 113.9),
        (CareStatus::LookedAfterFoster, 685.0),
        (CareStatus::KinshipCare, 442.0),
    ]
    .into_iter()
    .map(|(s, w)| MonteCarloInput {
        parameter: Parameter::WeeklyValue(s),
        distribution: around(w, 0.2),
    })
    .collect();
    inputs.push(MonteCarloInput {
        parameter: Parameter::Deadweight,
        distribution: Distribution::Uniform {
            low: 0.0,
            high: 0.3,
        },
    });
    inputs.push(MonteCarloInput {
        parameter: Parameter::CasesPerYear,
        distribution: Distribution::Triangular {
            low: 70.0,
            mode: 83.0,
            high: 95.0,
        },
    });
    inputs.push(MonteCarloInput {
        parameter: Parameter::ServiceCost,
        distribution: around(252_585.0, 0.1),
    });
    MonteCarlo {
        inputs,
        draws,
        seed: 2020,
        percentiles: vec![5.0, 50.0, 95.0],
    }
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn nelc_one_million_draws(bencher: divan::Bencher) {
    let scenario = froi::nelc_2020::scenario_by_rule().expect("the shipped scenario reads");
    let eval = Evaluator::new(&scenario, Target::Annual("high".into())).expect("evaluates");
    let mc = run(1_000_000);
    bencher.bench(|| eval.monte_carlo(divan::black_box(&mc)).expect("runs"));
}

/// The same 10^5 draws for a cohort of 20 and of 200,000 families: the cost
/// of a draw does not depend on the number of families.
#[divan::bench(args = [1, 10_000], sample_count = 10, sample_size = 1)]
fn draws_by_caseload_size(bencher: divan::Bencher, copies: usize) {
    let mut scenario = froi::nelc_2020::scenario_by_rule().expect("the shipped scenario reads");
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
    let eval = Evaluator::new(&scenario, Target::Annual("high".into())).expect("evaluates");
    let mc = run(100_000);
    bencher.bench(|| eval.monte_carlo(divan::black_box(&mc)).expect("runs"));
}
