//! Monte Carlo of the annual NELC benefit-cost ratio with exactly the model of
//! the numpy peer baseline (`montecarlo_numpy.py`): weekly values
//! triangular(0.8x, x, 1.2x), deadweight uniform(0, 0.30), FGCs a year
//! triangular(70, 83, 95), annual service cost triangular(0.9x, x, 1.1x);
//! cohort one's families valued by the rule. Prints the same JSON.
//!
//! Run: `cargo run --release --example montecarlo -- DRAWS [SEED]`

use std::process::ExitCode;

use froi::CareStatus;
use froi::uncertainty::{Distribution, Evaluator, MonteCarlo, MonteCarloInput, Parameter, Target};

fn run(draws: u32, seed: u64) -> froi::Result<String> {
    let scenario = froi::nelc_2020::scenario_by_rule()?;
    // The deadweight is drawn, so the target's own scenario does not matter.
    let eval = Evaluator::new(&scenario, Target::Annual("high".into()))?;
    let around = |x: f64, spread: f64| Distribution::Triangular {
        low: x * (1.0 - spread),
        mode: x,
        high: x * (1.0 + spread),
    };
    let mut inputs = Vec::new();
    for (status, weekly) in [
        (CareStatus::ChildInNeed, 65.4),
        (CareStatus::ChildProtectionPlan, 113.9),
        (CareStatus::LookedAfterFoster, 685.0),
        (CareStatus::KinshipCare, 442.0),
    ] {
        inputs.push(MonteCarloInput {
            parameter: Parameter::WeeklyValue(status),
            distribution: around(weekly, 0.2),
        });
    }
    inputs.push(MonteCarloInput {
        parameter: Parameter::Deadweight,
        distribution: Distribution::Uniform {
            low: 0.0,
            high: 0.30,
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
    let s = eval.monte_carlo(&MonteCarlo {
        inputs,
        draws,
        seed,
        percentiles: vec![5.0, 50.0, 95.0],
    })?;
    let p = |i: usize| s.percentiles.get(i).map_or(f64::NAN, |x| x.1);
    let r4 = |x: f64| (x * 1e4).round() / 1e4;
    Ok(format!(
        "{{\"draws\": {}, \"mean\": {}, \"p5\": {}, \"p50\": {}, \"p95\": {}, \"p_ratio_above_1\": {}}}",
        s.draws,
        r4(s.mean),
        r4(p(0)),
        r4(p(1)),
        r4(p(2)),
        r4(s.p_ratio_above_1)
    ))
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let draws = args.next().and_then(|a| a.parse().ok());
    let seed = args.next().map_or(Some(2020), |a| a.parse().ok());
    let (Some(draws), Some(seed)) = (draws, seed) else {
        eprintln!("usage: montecarlo DRAWS [SEED]");
        return ExitCode::from(2);
    };
    match run(draws, seed) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
