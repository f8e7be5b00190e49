//! Options against business as usual: the shipped edge-of-care shortlist
//! (with its switching value), and many options over one programme, whose
//! work grows with the options. Run: `cargo bench --bench options`.

use froi::options::{OptionSet, OptionSpec};
use froi::prelude::*;
use froi::uncertainty::Parameter;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn edge_of_care_shortlist(bencher: divan::Bencher) {
    let set =
        froi::load::read_options("data/edge_of_care/options.toml").expect("the shortlist reads");
    bencher.bench(|| divan::black_box(&set).appraise().expect("appraises"));
}

/// `n` options over a programme of 10 streams over 100 years, each setting
/// its own cost.
#[divan::bench(args = [10, 100, 1_000], sample_count = 5)]
fn many_options(bencher: divan::Bencher, n: u32) {
    let mut shared = Programme::new(Horizon::new(100).expect("a horizon"))
        .cost(CostStream::up_front("service", Money::from_pounds(100_000)));
    for i in 0..10 {
        let b =
            BenefitStream::new(format!("b{i}"), Money::from_pounds(1_000), 100).expect("a stream");
        shared = shared.benefit(b);
    }
    let cost = Parameter::parse("cost.service.up_front").expect("a parameter");
    let mut set =
        OptionSet::new("many", shared).option(OptionSpec::do_nothing("business as usual"));
    for i in 0..n {
        let spec =
            OptionSpec::shared(format!("o{i}")).with(cost.clone(), Decimal::from(100_000 + i));
        set = set.option(spec);
    }
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| divan::black_box(&set).appraise().expect("appraises"));
}
