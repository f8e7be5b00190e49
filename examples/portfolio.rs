//! Appraise a whole family table by sufficient statistics, in one streaming
//! pass, and print the same JSON as the pandas peer baseline
//! (`portfolio_pandas.py`): cost, benefit and benefit-cost ratio per cohort
//! and overall, netted for 0/15/30% deadweight, under the NELC 2020 method.
//!
//! Its ratios are every family's benefit over every family's cost. On the
//! shipped NELC families that is 4.90 at 30% deadweight, not the published
//! 3.44: the publication's headline is an annual ratio instead (cohort one's
//! average benefit x 83 conferences a year / the £252,585 annual service
//! cost), which `cargo run --example nelc_2020` derives and audits.
//!
//! Run: `cargo run --release --example portfolio -- FAMILIES.csv`

mod common;

use std::process::ExitCode;

use froi::caseload::{Caseload, appraise_tally};
use froi::{Deadweight, Rounding};

fn run(path: &str) -> froi::Result<String> {
    let programme = froi::nelc_2020::programme_by_rule()?;
    let families = programme.family_source()?;
    let caseload = Caseload::read_file(path, &families.states)?;
    let cohorts = caseload.appraise(families)?;
    let all = appraise_tally(None, &caseload.total()?, families)?;
    let best = cohorts.iter().map(|c| c.ratio).max().unwrap_or_default();
    let mut bcr = Vec::new();
    for d in ["0", "0.15", "0.30"] {
        let net = Deadweight::parse(d)?.net_ratio(all.ratio)?;
        let pct = Deadweight::parse(d)?.value() * rust_decimal::Decimal::ONE_HUNDRED;
        bcr.push(format!(
            "\"deadweight_{}\": {}",
            pct.normalize(),
            net.rounded(Rounding::half_up(6)).normalize()
        ));
    }
    Ok(format!(
        "{{\"families\": {}, \"cohorts\": {}, \"total_cost\": {}, \"total_benefit\": {}, \"bcr\": {{{}}}, \"best_cohort_bcr\": {}}}",
        all.families,
        cohorts.len(),
        all.total_cost.rounded(Rounding::half_up(2)).normalize(),
        all.total_benefit.rounded(Rounding::half_up(2)).normalize(),
        bcr.join(", "),
        best.rounded(Rounding::half_up(6)).normalize()
    ))
}

fn main() -> ExitCode {
    match common::args(&[], 1..=1, "portfolio FAMILIES.csv") {
        Ok((_, files)) => common::finish(run(&files[0])),
        Err(code) => code,
    }
}
