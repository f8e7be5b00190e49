//! The general model: user-defined states, outcome lines, and the two cases
//! shipped beside NELC (`data/edge_of_care`, `data/youth_service`).
//!
//! The golden figures were derived by hand, independently of froi (the
//! formula of each is in its comment), and are compared to the penny.
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

mod common;
use common::present_values;

use froi::*;
use froi::{BenefitStream, PresentValueAppraisal};
use froi::{Effect, OutcomeLine};
use proptest::prelude::*;
use rust_decimal::Decimal;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

fn pennies(m: Money) -> String {
    m.rounded(Rounding::half_up(2)).to_string()
}

fn appraise_file(name: &str) -> PresentValueAppraisal {
    let p = froi::load::read_programme(format!("{DATA}/{name}/scenario.toml")).unwrap();
    present_values(&p.programme).unwrap()
}

#[test]
fn the_edge_of_care_case_reproduces_its_hand_derivation() {
    let pv = appraise_file("edge_of_care");
    // Each line: 60 children x 0.9 engaged x (comparison - treatment rate) x
    // the v1.4 unit value, restated to 2024 prices (index 100 / index of its
    // price year), less 10% deadweight, all in year 0 (undiscounted).
    let streams: Vec<(String, String)> = pv
        .streams
        .iter()
        .map(|s| (s.name.clone(), pennies(s.present_value)))
        .collect();
    assert_eq!(
        streams,
        [
            // 60 x 0.9 x 0.10 x 700 x 52 x 100/73.4795 x 0.9
            ("entries to foster care avoided", "240752.86"),
            // 60 x 0.9 x 0.02 x 2995 x 52 x 100/73.4795 x 0.9
            ("entries to residential care avoided", "206015.66"),
            // 60 x 0.9 x 0.08 x 25000 x 100/61.5718 x 0.9 (one-off)
            ("care order applications avoided", "157864.48"),
            ("edge-of-care team", "250000.00"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(pennies(pv.pv_benefits), "604633.00");
    assert_eq!(pennies(pv.npv), "354633.00");
    assert_eq!(pv.bcr.rounded(Rounding::half_up(4)).to_string(), "2.4185");
    // Every value is fiscal: the fiscal return is the whole return.
    assert_eq!(pv.fiscal_bcr, pv.bcr);
    let each = pv.per_participant.as_ref().unwrap();
    assert_eq!(
        (each.participants, pennies(each.pv_benefits)),
        (60, "10077.22".into())
    );
    // Who saves: the courts line belongs to several agencies, the rest to the LA.
    let agencies: Vec<&str> = pv.by_agency.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        agencies,
        [
            "Courts, legal aid, local authority and Cafcass",
            "Local authority (children's social care)"
        ]
    );
}

#[test]
fn the_youth_service_case_reproduces_its_hand_derivation() {
    let pv = appraise_file("youth_service");
    // NEET lines: 200 x 0.75 x 0.10 x value a year x (1 - 0.2 attribution),
    // in year 1 and at half that in year 2 (drop-off 50%), discounted by
    // 1/1.035 and 1/1.035^2. First-time entrants: 200 x 0.75 x (0.12 - 0.07)
    // x 2000 x 0.85, once in year 0. Exclusions: 4 x 10000 x 0.75, year 0.
    let streams: Vec<String> = pv
        .streams
        .iter()
        .map(|s| pennies(s.present_value))
        .collect();
    assert_eq!(
        streams,
        ["17195.27", "85976.34", "12750.00", "30000.00", "80000.00"]
    );
    assert_eq!(pennies(pv.pv_benefits), "145921.60");
    assert_eq!(pennies(pv.npv), "65921.60");
    // The public-value return counts the earnings line; the fiscal one does not.
    assert_eq!(pv.bcr.rounded(Rounding::half_up(4)).to_string(), "1.8240");
    assert_eq!(
        pv.fiscal_bcr.rounded(Rounding::half_up(4)).to_string(),
        "0.7493"
    );
    assert_eq!(pv.payback_year, Some(1));
    let cashable: Vec<(String, String)> = pv
        .by_cashable
        .iter()
        .map(|r| (r.key.clone(), pennies(r.pv_benefits)))
        .collect();
    assert_eq!(
        cashable,
        [
            ("cashable", "30000.00"),
            ("non-cashable", "29945.27"),
            ("not stated", "85976.34")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let each = pv.per_participant.as_ref().unwrap();
    assert_eq!(pennies(each.npv), "329.61");
}

#[test]
fn a_line_shows_its_derivation() {
    let pv = appraise_file("edge_of_care");
    let d = pv.streams[0].derivation.as_ref().unwrap();
    assert_eq!(d.expression, "60 x 0.9 x (0.25 - 0.15) x 700 x 52");
    assert_eq!(d.value.normalize().to_string(), "196560");
    assert!(pv.streams[3].derivation.is_none(), "a cost has no line");
}

fn money(pence: i64) -> Money {
    Money::new(Decimal::new(pence, 2))
}

fn fraction() -> impl Strategy<Value = Fraction> {
    (0i64..=10_000).prop_map(|bp| Fraction::new(Decimal::new(bp, 4)).unwrap())
}

fn period() -> impl Strategy<Value = Period> {
    prop::sample::select(vec![
        Period::Week,
        Period::Month,
        Period::Year,
        Period::Event,
        Period::OneOff,
    ])
}

fn kind() -> impl Strategy<Value = ValueKind> {
    prop::sample::select(vec![
        ValueKind::Fiscal,
        ValueKind::Economic,
        ValueKind::Social,
    ])
}

/// A line of domain size: up to 10,000 people, values up to £5,000.00 a
/// period, up to 5 years after a lag of up to 3.
fn line() -> impl Strategy<Value = OutcomeLine> {
    (
        1u64..=10_000,
        fraction(),
        fraction(),
        fraction(),
        0i64..=500_000,
        period(),
        kind(),
        (1u32..=5, 0u32..=3),
        fraction(),
    )
        .prop_map(
            |(n, engaged, t, c, pence, period, kind, (years, lag), drop)| {
                let mut value =
                    UnitValue::new("v", money(pence).value(), period, Source::default());
                value.kind = kind;
                OutcomeLine::new(
                    "line",
                    value,
                    Effect::Avoided {
                        treatment: t,
                        comparison: c,
                    },
                )
                .participants(n)
                .engagement(engaged)
                .timing(years, lag)
                .adjusted(Adjustments {
                    drop_off: drop,
                    ..Adjustments::NONE
                })
            },
        )
}

fn programme(lines: Vec<OutcomeLine>) -> froi::Programme {
    let mut p = froi::Programme::new(froi::Horizon::new(10).unwrap()).cost(
        froi::CostStream::up_front("service", Money::from_pounds(100_000)),
    );
    p.outcomes = lines;
    p
}

proptest! {
    #[test]
    fn equal_treatment_and_comparison_rates_yield_nothing(l in line(), rate in fraction()) {
        let l = l.effect(Effect::Avoided { treatment: rate, comparison: rate });
        prop_assert_eq!(l.annual_gross().unwrap(), Money::ZERO);
        let pv = present_values(&programme(vec![l])).unwrap();
        prop_assert_eq!(pv.pv_benefits, Money::ZERO);
    }

    #[test]
    fn scaling_a_unit_value_by_k_scales_the_line_by_k(l in line(), k in 0i64..=1_000) {
        let k = Decimal::from(k);
        let mut scaled = l.clone();
        scaled.value.amount *= k;
        prop_assert_eq!(
            scaled.annual_gross().unwrap(),
            l.annual_gross().unwrap().checked_scale(k).unwrap()
        );
    }

    #[test]
    fn the_fiscal_return_never_exceeds_the_public_value_return(
        lines in prop::collection::vec(line(), 1..6),
    ) {
        // Rates that fall with the service, so no line is a loss.
        let lines: Vec<OutcomeLine> = lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| OutcomeLine { name: format!("line {i}"), ..l })
            .map(|l| match l.effect {
                Effect::Avoided { treatment, comparison } => l.clone().effect(Effect::Avoided {
                    treatment: treatment.min(comparison),
                    comparison: treatment.max(comparison),
                }),
                _ => l,
            })
            .collect();
        let pv = present_values(&programme(lines)).unwrap();
        prop_assert!(pv.fiscal_bcr <= pv.bcr, "{} > {}", pv.fiscal_bcr, pv.bcr);
    }

    #[test]
    fn a_line_is_the_stream_it_becomes(l in line()) {
        let as_line = present_values(&programme(vec![l.clone()])).unwrap();
        let mut p = programme(Vec::new());
        p.benefits.push(BenefitStream::from_line(&l).unwrap());
        let as_stream = present_values(&p).unwrap();
        prop_assert_eq!(as_line.pv_benefits, as_stream.pv_benefits);
        prop_assert_eq!(as_line.years, as_stream.years);
    }
}

/// The NELC families under the NELC catalogue, relabelled: the states get
/// new ids and labels, the catalogue a new order, the families the same
/// states under their new names.
fn relabelled(order: &[usize]) -> froi::Programme {
    let mut s = nelc_2020::programme_by_rule().unwrap();
    let old = s.family_source().unwrap().states.clone();
    let defs: Vec<StateDef> = order
        .iter()
        .map(|&i| {
            let (_, d) = old.iter().nth(i).unwrap();
            let mut d = d.clone();
            d.id = format!("S{i}");
            d.label = format!("state number {i}");
            d.aliases = Vec::new();
            d
        })
        .collect();
    let new = StateCatalogue::new("state", defs).unwrap();
    let map = |st: State| new.state(&format!("S{}", st.index())).unwrap();
    let mut values = StateValues::new(&new);
    for (st, _) in old.iter() {
        values = values.with(
            map(st),
            s.family_source().unwrap().values.value(st).unwrap(),
        );
    }
    s.family_source_mut().unwrap().families = s
        .family_source()
        .unwrap()
        .families
        .iter()
        .map(|f| {
            Family::new(
                f.cohort(),
                f.id(),
                f.children(),
                f.sessions(),
                map(f.entry()),
                map(f.exit()),
                map(f.follow_up()),
            )
            .unwrap()
        })
        .collect();
    s.family_source_mut().unwrap().states = new;
    s.family_source_mut().unwrap().values = values;
    s.family_source_mut().unwrap().catalogue = Vec::new();
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn relabelling_and_reordering_states_changes_no_figure(
        order in Just((0..5).collect::<Vec<usize>>()).prop_shuffle(),
    ) {
        let base = nelc_2020::programme_by_rule().unwrap();
        let a = appraise(&base).unwrap();
        let b = appraise(&relabelled(&order)).unwrap();
        prop_assert_eq!(&a.families().unwrap().cohorts, &b.families().unwrap().cohorts);
        prop_assert_eq!(&a.families().unwrap().annual, &b.families().unwrap().annual);
        let benefits = |x: &Appraisal| x.families().unwrap().families.iter().map(|f| (f.benefit, f.movement)).collect::<Vec<_>>();
        prop_assert_eq!(benefits(&a), benefits(&b));
    }
}

/// A catalogue of `n` states with no ranks and no closed state: movements
/// are by value, and the tally path must still equal the per-family path.
fn unranked(n: usize) -> StateCatalogue {
    StateCatalogue::new(
        "state",
        (0..n).map(|i| StateDef::new(format!("S{i}"))).collect(),
    )
    .unwrap()
}

proptest! {
    #[test]
    fn tallies_equal_families_for_any_number_of_states(
        n in 2usize..=12,
        weekly in prop::collection::vec(0i64..=200_000, 12),
        rows in prop::collection::vec((1u32..=3, 1u32..=6, 1u32..=3, 0usize..12, 0usize..12, 0usize..12), 1..50),
        cut in 0usize..50,
    ) {
        let states = unranked(n);
        let st = |i: usize| states.state(&format!("S{}", i % n)).unwrap();
        let mut values = StateValues::new(&states);
        for (i, pence) in weekly.iter().enumerate().take(n) {
            values = values.with_weekly(st(i), WeeklyValue::new(Decimal::new(*pence, 2)));
        }
        let families: Vec<Family> = rows
            .iter()
            .enumerate()
            .map(|(i, &(c, kids, sess, e, x, u))| Family::new(c, i.to_string(), kids, sess, st(e), st(x), st(u)).unwrap())
            .collect();
        let mut s = nelc_2020::programme_by_rule().unwrap();
        s.family_source_mut().unwrap().states = states.clone();
        s.family_source_mut().unwrap().values = values;
        s.family_source_mut().unwrap().catalogue = Vec::new();
        s.family_source_mut().unwrap().families = families.clone();
        s.family_source_mut().unwrap().annual = None;
        let per_family = appraise(&s).unwrap();
        // Split the caseload anywhere, tally each part, merge: the same cohorts.
        let cut = cut.min(families.len());
        let (a, b) = families.split_at(cut);
        let merged = froi::caseload::Caseload::from_families(&states, a)
            .unwrap()
            .checked_merge(&froi::caseload::Caseload::from_families(&states, b).unwrap())
            .unwrap();
        prop_assert_eq!(merged.appraise(s.family_source().unwrap()).unwrap(), per_family.families().unwrap().cohorts.clone());
    }
}

#[test]
fn a_tally_refuses_more_states_than_it_can_hold() {
    let err = froi::caseload::Caseload::new(&unranked(33)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "field `states`: 33 is out of range: a caseload tally counts by 1 to 32 states"
    );
}

fn edge_of_care() -> froi::load::ProgrammeFile {
    froi::load::read_programme(format!("{DATA}/edge_of_care/scenario.toml")).unwrap()
}

#[test]
fn the_npv_of_a_programme_has_tornado_data_and_switching_values() {
    use froi::uncertainty::{Evaluator, Parameter, Target};
    let p = edge_of_care();
    let u = p.uncertainty.as_ref().unwrap().run(&p.programme).unwrap();
    assert!(u.over_time);
    assert_eq!(u.threshold, Decimal::ZERO);
    // At a comparison rate of 0.03 residential care is avoided by nobody:
    // the NPV loses that line's whole present value (206,015.66).
    let residential = u
        .tornado
        .iter()
        .find(|r| r.parameter.to_string().contains("residential"))
        .unwrap();
    assert_eq!(
        residential
            .ratio_at_low
            .rounded(Rounding::half_up(2))
            .to_string(),
        "148617.34"
    );
    // The NPV is linear in the foster-care comparison rate: it reaches 0 at
    // 0.25 - 354,633.0042 / (240,752.8630 / 0.10) = 0.102698...
    let e = Evaluator::new(&p.programme, Target::Npv).unwrap();
    let rate = Parameter::parse("outcome.entries to foster care avoided.comparison_rate").unwrap();
    let sv = e.switching_value(&rate, None).unwrap();
    assert_eq!(sv.value.unwrap().round_dp(6).to_string(), "0.102698");
    // A benefit-cost ratio of 1 and an NPV of 0 switch at the same value.
    let bcr = Evaluator::new(&p.programme, Target::Bcr).unwrap();
    let at_one = bcr.switching_value(&rate, None).unwrap().value.unwrap();
    assert!((at_one - sv.value.unwrap()).abs() < Decimal::new(1, 9));
}

#[test]
fn a_programme_monte_carlo_is_reproducible_and_centred() {
    let p = edge_of_care();
    let spec = p.uncertainty.as_ref().unwrap();
    let a = spec.run(&p.programme).unwrap().monte_carlo.unwrap();
    let b = spec.run(&p.programme).unwrap().monte_carlo.unwrap();
    assert_eq!(a, b, "the same seed gives the same draws");
    // Both inputs are drawn around their base values (triangular, PERT, each
    // symmetric): the mean lies within 2% of the deterministic NPV.
    approx::assert_relative_eq!(a.mean, a.deterministic, max_relative = 0.02);
    assert_eq!(a.p_ratio_above_1, 1.0, "no draw has a negative NPV");
}

#[test]
fn monte_carlo_inputs_are_checked_against_their_range_before_drawing() {
    use froi::uncertainty::{
        Distribution, Evaluator, MonteCarlo, MonteCarloInput, Parameter, Target,
    };
    let p = edge_of_care();
    let e = Evaluator::new(&p.programme, Target::Npv).unwrap();
    let input = |distribution| MonteCarloInput {
        parameter: Parameter::parse("outcome.entries to foster care avoided.engagement").unwrap(),
        distribution,
    };
    let run = |i| MonteCarlo {
        inputs: vec![i],
        draws: 10,
        seed: 1,
        percentiles: vec![],
    };
    let err = e
        .monte_carlo(&run(input(Distribution::Uniform {
            low: 0.5,
            high: 1.5,
        })))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "field `monte_carlo.input outcome.entries to foster care avoided.engagement`: draws from 0.5 to 1.5 is out of range: \
         outcome.entries to foster care avoided.engagement takes values in [0, 1]; bound or truncate the distribution to that range"
    );
    let unbounded = Distribution::Normal {
        mean: 0.9,
        sd: 0.05,
        low: None,
        high: None,
    };
    assert!(e.monte_carlo(&run(input(unbounded))).is_err());
    let truncated = Distribution::Normal {
        mean: 0.9,
        sd: 0.05,
        low: Some(0.0),
        high: Some(1.0),
    };
    assert!(e.monte_carlo(&run(input(truncated))).is_ok());
}

#[test]
fn a_programme_has_the_reports_and_charts_a_scenario_has() {
    let p = edge_of_care();
    let pv = present_values(&p.programme).unwrap();
    let html = pv.to_html();
    assert!(html.contains("Outcome lines"), "{html}");
    assert!(html.contains("60 x 0.9 x (0.25 - 0.15) x 700 x 52"));
    assert!(html.contains("Per participant (60 people)"));
    let text = froi::report::text(&froi::appraise(&p.programme).unwrap(), None);
    assert!(text.contains("per participant (60 people): PV benefits £10,077 (fiscal £10,077)"));
    let u = p.uncertainty.as_ref().unwrap().run(&p.programme).unwrap();
    let tornado = froi::charts::uncertainty_tornado(&u).to_svg();
    // A line's figure is labelled in words, whole, wrapped onto lines that
    // fit, and the parameter's id is the tooltip.
    assert!(
        tornado
            .contains("<title>outcome.entries to residential care avoided.comparison_rate</title>")
    );
    assert!(tornado.contains(">entries to residential</tspan>"));
    assert!(tornado.contains(">care avoided:</tspan>"));
    assert!(tornado.contains(">comparison rate</tspan>"));
    assert!(!tornado.contains('\u{2026}'), "no label is cut");
    assert!(
        tornado.contains(">net present value (£)<") && tornado.contains(">base £354,633<"),
        "the axis names the target, in pounds"
    );
    let waterfall = froi::charts::stream_waterfall(&pv.streams[0]).unwrap();
    assert!(waterfall.to_svg().starts_with("<svg"));
    let html = u.to_html();
    assert!(html.contains("Switching values (net present value = 0)"));
    assert!(html.contains("P(net present value &gt; 0)"));
    let report = froi::report::uncertainty_text(&u);
    assert!(report.contains("Switching values (where the net present value reaches 0)"));
    assert!(report.contains("P(net present value > 0) 1.0000"));
}

#[test]
fn present_values_move_with_the_horizon_streams_and_grades() {
    use froi::uncertainty::{Evaluator, Parameter, Target};
    let file = froi::load::read_programme(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/testdata/multi_year/scenario.toml"
    ))
    .unwrap();
    let e = Evaluator::new(&file.programme, Target::Npv).unwrap();
    let p = |name: &str| name.parse::<Parameter>().unwrap();
    // The analyses value families by the rule (a printed benefit cannot
    // move with a parameter): the base is the NPV of the scenario by rule.
    let mut by_rule = file.programme.clone();
    by_rule.family_source_mut().unwrap().benefit_basis = BenefitBasis::Rule;
    let npv = appraise(&by_rule).unwrap().over_time.unwrap().npv;
    assert_eq!(e.base().unwrap().value(), npv.value());
    // The values the parameters start from are the file's.
    let drop_off = p("benefit.children's social care costs avoided.drop_off");
    assert_eq!(e.value_of(&drop_off).unwrap().to_string(), "0.50");
    assert_eq!(e.value_of(&p("horizon_years")).unwrap().to_string(), "5");
    assert_eq!(
        e.value_of(&p("cost.FGC service.recurring"))
            .unwrap()
            .to_string(),
        "252585"
    );
    let uplift = p("optimism.illustrative-high-confidence.cost_uplift");
    assert_eq!(e.value_of(&uplift).unwrap().to_string(), "0.05");
    // With no drop-off the benefit holds its first-year value: the NPV rises.
    let none = e.ratio_with(&[(drop_off.clone(), Decimal::ZERO)]).unwrap();
    assert!(none.value() > e.base().unwrap().value());
    // The NPV falls as the cost uplift rises: already negative at 5%, it
    // never reaches 0 for an uplift in [0, 10] above it, but would below it.
    let at_zero = e.ratio_with(&[(uplift.clone(), Decimal::ZERO)]).unwrap();
    assert!(at_zero.value() > e.base().unwrap().value());
    // Drop-off: the NPV reaches 0 where the benefit's later years pay; it
    // is monotone in drop-off, so bisection finds it in [0, 1).
    let sv = e.switching_value(&drop_off, None).unwrap();
    let v = sv
        .value
        .expect("with no drop-off the NPV is positive, at 50% negative");
    assert!(v > Decimal::ZERO && v < Decimal::new(5, 1), "{v}");
    let at = e.ratio_with(&[(drop_off.clone(), v)]).unwrap().value();
    assert!(
        at.abs() < Decimal::new(1, 6),
        "the NPV at the switching value is {at}"
    );
    // The horizon rounds to whole years; years past the benefit add nothing.
    let h3 = e
        .ratio_with(&[(p("horizon_years"), Decimal::from(3))])
        .unwrap();
    let h5 = e.base().unwrap();
    assert_eq!(h3, h5);
    // A stream the programme does not have is named.
    let err = e
        .value_of(&p("benefit.no such stream.drop_off"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unknown benefit stream \"no such stream\""),
        "{err}"
    );
}

#[test]
fn a_year_by_year_profile_appraises_from_a_file() {
    // A benefit given year by year, one year a dis-benefit, 10% deadweight;
    // a cost £1,000 up front and £300 a year by profile; 3.5%, year 0
    // undiscounted. Real benefits 900, 1,800, -450; costs 1,300, 300, 300.
    let text = r#"
name = "profiles"
[time]
horizon_years = 3
discounting = "0.035"
timing = "year_zero_undiscounted"
[[time.benefit]]
name = "savings"
profile = ["1000", "2000", "-500"]
deadweight = "0.1"
agency = "council"
[[time.cost]]
name = "team"
up_front = "1000"
profile = ["300", "300", "300"]
"#;
    let p = froi::load::programme_from_toml(text, "profiles.toml", &mut |n| {
        panic!("no file {n} is named")
    })
    .unwrap();
    let pv = present_values(&p.programme).unwrap();
    let real: Vec<String> = pv.years.iter().map(|y| y.benefits.to_string()).collect();
    assert_eq!(real, ["900", "1800", "-450"]);
    let costs: Vec<String> = pv.years.iter().map(|y| y.costs.to_string()).collect();
    assert_eq!(costs, ["1300", "300", "300"]);
    // 900 + 1,800 / 1.035 - 450 / 1.035^2 = 2,219.05; costs
    // 1,300 + 300 / 1.035 + 300 / 1.035^2 = 1,869.91.
    assert_eq!(pennies(pv.pv_benefits), "2219.05");
    assert_eq!(pennies(pv.pv_costs), "1869.91");
    assert_eq!(pv.payback_year, Some(1));
    // The profile survives being written and read again.
    let files = froi::load::FileNames::default();
    let again = froi::load::programme_file_to_toml(&p, &files).unwrap();
    let back = froi::load::programme_from_toml(&again, "again.toml", &mut |n| {
        Ok((
            String::from("id,description,amount,period\n"),
            n.to_string(),
        ))
    })
    .unwrap();
    assert_eq!(back.programme, p.programme);
}
