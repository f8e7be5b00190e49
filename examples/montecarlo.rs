//! Monte Carlo of the annual NELC benefit-cost ratio with exactly the model of
//! the numpy peer baseline (`montecarlo_numpy.py`): weekly values
//! triangular(0.8x, x, 1.2x), deadweight uniform(0, 0.30), FGCs a year
//! triangular(70, 83, 95), annual service cost triangular(0.9x, x, 1.1x);
//! cohort one's families valued by the rule. The model is the
//! `[uncertainty.monte_carlo]` table of `data/nelc_2020/scenario_by_rule.toml`.
//! Prints the same JSON.
//!
//! Run: `cargo run --release --example montecarlo -- DRAWS [SEED]`

mod common;

use std::process::ExitCode;

use froi::uncertainty::{Evaluator, MonteCarlo};

fn run(draws: u32, seed: u64) -> froi::Result<String> {
    // The by-rule scenario's [uncertainty.monte_carlo] table is the peer's model.
    let file = froi::nelc_2020::programme_file("scenario_by_rule.toml")?;
    let scenario = file.programme;
    let Some(spec) = file.uncertainty.as_ref() else {
        return Err(froi::Error::Missing {
            at: froi::Location::file("data/nelc_2020/scenario_by_rule.toml")
                .at_field("uncertainty"),
            what: "table",
        });
    };
    let Some(mc) = spec.monte_carlo.clone() else {
        return Err(froi::Error::Missing {
            at: froi::Location::file("data/nelc_2020/scenario_by_rule.toml")
                .at_field("uncertainty.monte_carlo"),
            what: "table",
        });
    };
    // The deadweight is drawn, so the target's own scenario does not matter.
    let eval = Evaluator::new(&scenario, spec.target.clone())?;
    let s = eval.monte_carlo(&MonteCarlo {
        draws,
        seed,
        percentiles: vec![5.0, 50.0, 95.0],
        ..mc
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
    let usage = "montecarlo DRAWS [SEED]";
    let rest = match common::args(&[], 1..=2, usage) {
        Ok((_, rest)) => rest,
        Err(code) => return code,
    };
    let mut args = rest.into_iter();
    let draws = args.next().and_then(|a| a.parse().ok());
    let seed = args.next().map_or(Some(2020), |a| a.parse().ok());
    let (Some(draws), Some(seed)) = (draws, seed) else {
        eprintln!("usage: montecarlo DRAWS [SEED]");
        return ExitCode::from(2);
    };
    common::finish(run(draws, seed))
}
