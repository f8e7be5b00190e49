//! Options against business as usual: the shipped shortlists (NELC's FGC
//! service, the edge-of-care service and a cheaper variant) from their
//! files and from code, and the invariants of dominance and the frontier.
#![cfg(feature = "nelc")]

use froi::options::{OptionSet, OptionSpec, OptionsAppraisal, OutcomeMeasure, Standing, Swap};
use froi::prelude::*;
use froi::uncertainty::Parameter;
use proptest::prelude::*;

fn from_file(path: &str) -> OptionsAppraisal {
    froi::load::read_options(path).unwrap().appraise().unwrap()
}

/// The appendix's annual chain at the high deadweight (30%), as published.
fn published_high() -> froi::AnnualResult {
    let chain = froi::nelc_2020::appraise_as_published().unwrap();
    let annual = &chain.families().unwrap().annual;
    annual
        .iter()
        .find(|r| r.scenario.name == "high")
        .unwrap()
        .clone()
}

/// The FGC option is the appendix's annual chain at the high deadweight
/// (30%): its BCR is the headline's 3.4424 to the last digit, its PV
/// benefits the chain's annual benefit.
#[test]
fn nelcs_fgc_option_is_the_published_annual_chain() {
    let a = from_file("data/nelc_2020/options.toml");
    let high = published_high();
    let fgc = a.option("FGC service (high deadweight)").unwrap();
    assert_eq!(fgc.bcr, Some(high.ratio));
    assert_eq!(fgc.pv_benefits, high.annual_benefit);
    assert_eq!(fgc.pv_costs, high.service_cost);
    assert_eq!(
        fgc.bcr.unwrap().rounded(Rounding::half_up(1)).to_string(),
        "3.4"
    );
    let over = fgc.over_business_as_usual.as_ref().unwrap();
    assert_eq!((over.npv, over.bcr), (fgc.npv, fgc.bcr));
    let bau = a.option("Business as usual").unwrap();
    assert_eq!(
        (bau.pv_costs, bau.npv, bau.bcr),
        (Money::ZERO, Money::ZERO, None)
    );
}

/// The edge-of-care shortlist, figure by figure: the service's PV and
/// entries avoided (60 x 0.9 x (0.25 - 0.15) x 0.9 + 60 x 0.9 x (0.05 -
/// 0.03) x 0.9 = 4.86 + 0.972), the cheaper variant at 60% engagement, the
/// increments and the cost per entry avoided.
#[test]
fn the_edge_of_care_shortlist_figure_by_figure() {
    let a = from_file("data/edge_of_care/options.toml");
    assert_eq!(a.measure.as_deref(), Some("entry to care avoided"));
    let service = a.option("Edge-of-care service").unwrap();
    let cheaper = a.option("Cheaper variant").unwrap();
    assert_eq!(service.effect.to_string(), "5.832");
    assert_eq!(cheaper.effect.to_string(), "3.888"); // 5.832 x 0.6 / 0.9
    assert_eq!(service.pv_costs.to_string(), "250000");
    assert_eq!(cheaper.pv_costs.to_string(), "150000");
    // The same programme appraised alone gives the service's figures.
    let alone = froi::load::read_programme("data/edge_of_care/scenario.toml")
        .unwrap()
        .programme;
    let pv = appraise(&alone).unwrap().over_time.unwrap();
    assert_eq!((service.pv_benefits, service.npv), (pv.pv_benefits, pv.npv));
    // Cost per entry avoided over business as usual: 250,000 / 5.832.
    let per = service
        .over_business_as_usual
        .as_ref()
        .unwrap()
        .cost_per_unit
        .unwrap();
    assert_eq!(per.round_dp(2).to_string(), "42866.94");
    // Over the next-cheaper option (the variant): 100,000 more for 1.944
    // more entries avoided.
    let next = service.over_next_cheaper.as_ref().unwrap();
    assert_eq!(next.over, "Cheaper variant");
    assert_eq!(
        (
            next.cost.to_string().as_str(),
            next.effect.to_string().as_str()
        ),
        ("100000", "1.944")
    );
    assert_eq!(
        next.cost_per_unit.unwrap().round_dp(2).to_string(),
        "51440.33"
    );
    // Business as usual, the variant and the service on the frontier, the
    // incremental cost per entry rising; the commissioned provider costs
    // more than the service for fewer entries avoided (5.184 = 5.832 x
    // 0.8 / 0.9): dominated by it.
    let names: Vec<&str> = a.frontier().iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Business as usual",
            "Cheaper variant",
            "Edge-of-care service"
        ]
    );
    let commissioned = a.option("Commissioned provider").unwrap();
    assert_eq!(commissioned.effect.to_string(), "5.184");
    assert_eq!(
        commissioned.standing,
        Standing::Dominated {
            by: "Edge-of-care service".into()
        }
    );
    assert_eq!(
        service.standing,
        Standing::Frontier {
            over: Some("Cheaper variant".into()),
            icer: next.cost_per_unit
        }
    );
}

/// The switching value between the service and the variant: the service's
/// team cost at which the two NPVs are equal, 250,000 plus the service's
/// NPV lead (a one-year horizon, year 0 undiscounted: PV cost is the cost).
#[test]
fn the_service_and_the_variant_swap_where_their_npvs_meet() {
    let a = from_file("data/edge_of_care/options.toml");
    let service = a.option("Edge-of-care service").unwrap();
    let cheaper = a.option("Cheaper variant").unwrap();
    let lead = service.npv.checked_sub(cheaper.npv).unwrap().value();
    let w = &a.switching[0];
    assert_eq!(w.base_value, Some(Decimal::from(250_000)));
    let v = w.value.unwrap();
    assert!(
        (v - (Decimal::from(250_000) + lead)).abs() < Decimal::new(1, 4),
        "{v}"
    );
}

/// The same shortlist built in code is the file's, and a value changed in
/// the shared programme moves every option that does not set it.
#[test]
fn a_shared_input_moves_every_option() {
    let file = froi::load::read_options("data/edge_of_care/options.toml").unwrap();
    let p = |s: &str| Parameter::parse(s).unwrap();
    // A team at `cost` a year engaging `engagement` of the children on every line.
    let variant = |name: &str, cost: i64, engagement: Decimal| {
        let lines = [
            "entries to foster care avoided",
            "entries to residential care avoided",
            "care order applications avoided",
        ];
        let team = p("cost.edge-of-care team.recurring");
        lines.iter().fold(
            OptionSpec::shared(name).with(team, Decimal::from(cost)),
            |o, l| o.with(p(&format!("outcome.{l}.engagement")), engagement),
        )
    };
    let mut code = OptionSet::new(file.name.clone(), file.shared.clone())
        .option(OptionSpec::do_nothing("Business as usual"))
        .option(OptionSpec::shared("Edge-of-care service"))
        .option(variant("Cheaper variant", 150_000, Decimal::new(6, 1)))
        .option(variant(
            "Commissioned provider",
            300_000,
            Decimal::new(8, 1),
        ))
        .measured_in(OutcomeMeasure {
            unit: "entry to care avoided".into(),
            lines: vec![
                "entries to foster care avoided".into(),
                "entries to residential care avoided".into(),
            ],
        })
        .switching(Swap {
            between: ("Edge-of-care service".into(), "Cheaper variant".into()),
            parameter: p("cost.edge-of-care team.recurring"),
            range: (Decimal::from(150_000), Decimal::from(600_000)),
        });
    // The file lists the changes by name; the set compares as a whole.
    let mut sorted = file.clone();
    for set in [&mut code, &mut sorted] {
        for o in &mut set.options {
            o.changes.sort_by_key(|(p, _)| p.to_string());
        }
    }
    assert_eq!(code, sorted);
    let before = file.appraise().unwrap();
    let mut moved = file.clone();
    moved.shared.outcomes[0].value.amount = Decimal::from(800); // foster care a week
    let after = moved.appraise().unwrap();
    for name in [
        "Edge-of-care service",
        "Cheaper variant",
        "Commissioned provider",
    ] {
        assert!(
            after.option(name).unwrap().npv > before.option(name).unwrap().npv,
            "{name}"
        );
    }
    assert_eq!(after.option("Business as usual").unwrap().npv, Money::ZERO);
}

#[test]
fn an_options_file_names_what_it_refuses() {
    let dir = std::env::temp_dir().join(format!("froi-options-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["scenario.toml", "unit_values.csv", "deflators.csv"] {
        std::fs::copy(format!("data/edge_of_care/{f}"), dir.join(f)).unwrap();
    }
    let text = std::fs::read_to_string("data/edge_of_care/options.toml").unwrap();
    let cases = [
        (
            text.replace(
                "\"cost.edge-of-care team.recurring\" = \"150000\"",
                "\"cost.no such team.recurring\" = \"150000\"",
            ),
            "unknown cost stream",
        ),
        (
            text.replace(
                "between = [\"Edge-of-care service\", \"Cheaper variant\"]",
                "between = [\"Edge-of-care service\", \"Gold plated\"]",
            ),
            "unknown option \"Gold plated\"",
        ),
        (
            text.replace(
                "name = \"Cheaper variant\"",
                "name = \"Edge-of-care service\"",
            ),
            "an option's name is unique",
        ),
        (
            text.replace("basis = \"do_nothing\"", "basis = \"nothing\""),
            "expected one of do_nothing, shared",
        ),
    ];
    for (i, (bad, expect)) in cases.iter().enumerate() {
        let path = dir.join(format!("options{i}.toml"));
        std::fs::write(&path, bad).unwrap();
        let err = froi::load::read_options(&path).unwrap_err().to_string();
        assert!(
            err.contains(expect) && err.contains(&format!("options{i}.toml, line")),
            "{err}"
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// A programme worth `benefit` for `cost`, one year, undiscounted.
fn option(name: &str, cost: i64, benefit: i64) -> OptionSpec {
    let p = Programme::new(Horizon::new(1).unwrap())
        .schedule(DiscountSchedule::constant(
            DiscountRate::parse("0").unwrap(),
        ))
        .benefit(BenefitStream::new("b", Money::from_pounds(benefit), 1).unwrap())
        .cost(CostStream::up_front("c", Money::from_pounds(cost)));
    OptionSpec::own(name, p)
}

fn shortlist(options: &[(i64, i64)]) -> OptionsAppraisal {
    let mut set = OptionSet::new("drawn", Programme::new(Horizon::new(1).unwrap()))
        .option(OptionSpec::do_nothing("business as usual"));
    for (i, (c, b)) in options.iter().enumerate() {
        set = set.option(option(&format!("option {i}"), *c, *b));
    }
    set.appraise().unwrap()
}

proptest! {
    /// An option another beats on both cost and benefit (no more cost, no
    /// less benefit, one strictly) is never on the frontier; the frontier's
    /// incremental ratios rise with cost; business as usual's increments are
    /// none and every other option's over it is its own NPV.
    #[test]
    fn a_dominated_option_is_never_on_the_frontier(
        options in prop::collection::vec((1i64..=1_000, 0i64..=3_000), 1..8)
    ) {
        let a = shortlist(&options);
        for x in &a.options {
            for y in &a.options {
                let beats = y.pv_costs <= x.pv_costs && y.effect >= x.effect
                    && (y.pv_costs < x.pv_costs || y.effect > x.effect);
                prop_assert!(!(beats && x.standing.on_frontier()), "{} beats {}", y.name, x.name);
            }
            if let Some(inc) = &x.over_business_as_usual {
                prop_assert_eq!(inc.npv, x.npv);
            }
        }
        prop_assert!(a.options[0].over_business_as_usual.is_none());
        let frontier = a.frontier();
        let icers: Vec<Decimal> = frontier.iter().filter_map(|o| match &o.standing {
            Standing::Frontier { icer: Some(r), .. } => Some(*r),
            _ => None,
        }).collect();
        prop_assert!(icers.windows(2).all(|w| w[0] <= w[1]), "{:?}", icers);
        prop_assert!(frontier.windows(2).all(|w| w[0].pv_costs < w[1].pv_costs && w[0].effect < w[1].effect));
    }

    /// Adding an option that a listed one dominates changes no other
    /// option's standing.
    #[test]
    fn a_dominated_newcomer_changes_nothing_else(
        options in prop::collection::vec((1i64..=1_000, 1i64..=3_000), 1..6),
        pick in 0usize..6, extra_cost in 0i64..=500, less in 1i64..=500,
    ) {
        let (c, b) = options[pick % options.len()];
        let before = shortlist(&options);
        let mut more = options.clone();
        more.push((c + extra_cost, b - less));
        let after = shortlist(&more);
        for (x, y) in before.options.iter().zip(&after.options) {
            prop_assert_eq!(&x.standing, &y.standing, "{}", x.name);
        }
        prop_assert!(!after.options.last().unwrap().standing.on_frontier());
    }
}

/// A shortlist whose switching values would re-appraise too much is refused
/// before any work, with the bound and what to do.
#[test]
fn a_shortlist_past_its_work_bound_is_refused_first() {
    let big = Programme::new(Horizon::new(1_000).unwrap())
        .benefit(BenefitStream::new("b", Money::from_pounds(1), 1_000).unwrap())
        .cost(CostStream::recurring("c", Money::from_pounds(1), 1_000));
    let cost = Parameter::parse("cost.c.recurring").unwrap();
    let swap = Swap {
        between: ("a".into(), "b".into()),
        parameter: cost.clone(),
        range: (Decimal::ZERO, Decimal::TEN),
    };
    let set = OptionSet::new("big", big)
        .option(OptionSpec::do_nothing("business as usual"))
        .option(OptionSpec::shared("a"))
        .option(OptionSpec::shared("b").with(cost, Decimal::TWO))
        .switching(swap.clone());
    // 2 x 2,000 stream-years, and 402 x 4,000 for the switching value.
    assert_eq!(set.shared.stream_years(), 2_000);
    assert!(set.validate().is_ok());
    let many = (0..30).fold(set, |s, _| s.switching(swap.clone()));
    let err = many.appraise().unwrap_err().to_string();
    assert!(
        err.contains("49852000 stream-years")
            && err.contains("at most 20000000")
            && err.contains("fewer options or switching values"),
        "{err}"
    );
}

/// Cost per WELLBY: the wellbeing example as an option against business as
/// usual, measured in its line's WELLBYs (1 point x 100 people x 5 years =
/// 500): £1,000,000 / 500 = £2,000 a WELLBY, against the £13,000 a WELLBY
/// is worth.
#[test]
fn a_wellbeing_option_costs_so_much_a_wellby() {
    let shared = froi::load::read_programme("data/wellbeing/programme.toml")
        .unwrap()
        .programme;
    let a = OptionSet::new("wellbeing", shared)
        .option(OptionSpec::do_nothing("business as usual"))
        .option(OptionSpec::shared("the service"))
        .measured_in(OutcomeMeasure {
            unit: "WELLBY".into(),
            lines: vec!["life satisfaction".into()],
        })
        .appraise()
        .unwrap();
    let service = a.option("the service").unwrap();
    assert_eq!(service.effect, Decimal::from(500));
    let per = service
        .over_business_as_usual
        .as_ref()
        .unwrap()
        .cost_per_unit;
    assert_eq!(per, Some(Decimal::from(2_000)));
}

/// An option may change the family table's figures: more conferences a
/// year (cases_per_year), a state's weekly value. 120 conferences of cohort
/// one's average benefit, net of 30% deadweight, against the same cost.
#[test]
fn an_option_changes_the_family_tables_figures() {
    let file = froi::load::read_options("data/nelc_2020/options.toml").unwrap();
    let p = |s: &str| Parameter::parse(s).unwrap();
    let set = file
        .option(
            OptionSpec::shared("120 conferences a year")
                .with(p("cases_per_year"), Decimal::from(120)),
        )
        .option(
            OptionSpec::shared("foster care at 700 a week")
                .with(p("unit_value.LAC"), Decimal::from(700)),
        );
    let a = set.appraise().unwrap();
    let high = published_high();
    let more = a.option("120 conferences a year").unwrap();
    let expected = high.average_benefit.value() * Decimal::from(120) * Decimal::new(7, 1);
    assert_eq!(more.pv_benefits.value(), expected);
    assert_eq!(more.pv_costs, high.service_cost);
    // The shipped file credits each family with its printed benefit, so a
    // state's weekly value moves nothing there: the option says so by
    // equalling the FGC option.
    let fgc = a.option("FGC service (high deadweight)").unwrap();
    assert_eq!(a.option("foster care at 700 a week").unwrap().npv, fgc.npv);
    // Valued by the rule, the same change raises the option's value.
    let mut by_rule = set.clone();
    by_rule.shared.family_source_mut().unwrap().benefit_basis = froi::BenefitBasis::Rule;
    let a = by_rule.appraise().unwrap();
    let (base, dearer) = (
        a.option("FGC service (high deadweight)").unwrap(),
        a.option("foster care at 700 a week").unwrap(),
    );
    assert!(dearer.npv > base.npv, "{} against {}", dearer.npv, base.npv);
    // A parameter the programme has nowhere is refused, naming the option.
    let bad = OptionSet::new("x", froi::nelc_2020::programme_as_published().unwrap())
        .option(OptionSpec::do_nothing("bau"))
        .option(OptionSpec::shared("y").with(p("outcome.none.share"), Decimal::ONE));
    let err = bad.appraise().unwrap_err().to_string();
    assert!(err.contains("option \"y\""), "{err}");
}

/// A switching search whose range takes an option's costs to zero says
/// which option, at which value, and what to do.
#[test]
fn a_switching_range_through_zero_cost_names_the_option_and_value() {
    let cost = Parameter::parse("cost.c.up_front").unwrap();
    let shared = Programme::new(Horizon::new(1).unwrap())
        .benefit(BenefitStream::new("b", Money::from_pounds(100), 1).unwrap())
        .cost(CostStream::up_front("c", Money::from_pounds(50)));
    let set = OptionSet::new("through zero", shared)
        .option(OptionSpec::do_nothing("business as usual"))
        .option(OptionSpec::shared("a"))
        .option(OptionSpec::shared("b").with(cost.clone(), Decimal::from(80)))
        .switching(Swap {
            between: ("a".into(), "b".into()),
            parameter: cost,
            range: (Decimal::ZERO, Decimal::from(100)),
        });
    let err = set.appraise().unwrap_err().to_string();
    assert!(
        err.contains("field `option \"a\"`: cost.c.up_front = 0 is out of range")
            && err.contains("start the switching range above it"),
        "{err}"
    );
}
