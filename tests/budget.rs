//! The budget view adds back, by agency and by year, to the appraisal's
//! totals to the penny: Cardiff 2014 (Table 5's streams), the edge-of-care
//! programme, and any programme a property test draws.
#![cfg(feature = "files")]

use std::collections::BTreeMap;

use froi::prelude::*;
use froi::{BudgetView, YearStart, budget_view};
use proptest::prelude::*;

fn view_of(path: &str, start: YearStart) -> (froi::PresentValueAppraisal, BudgetView) {
    let p = froi::load::read_programme(path).unwrap().programme;
    let pv = appraise(&p).unwrap().over_time.unwrap();
    let view = budget_view(&p, &pv, start).unwrap();
    (pv, view)
}

/// Every way the view adds back: agency rows to the appraisal's split by
/// agency and to each agency's totals; year rows to the year-by-year table;
/// everything to the NPV. Exact equality: no tolerance.
fn assert_adds_back(pv: &froi::PresentValueAppraisal, view: &BudgetView) {
    let sum = |it: &mut dyn Iterator<Item = Money>| Money::checked_sum(it).unwrap();
    for split in &pv.by_agency {
        let rows: Vec<_> = view.rows.iter().filter(|r| r.agency == split.key).collect();
        let net = sum(&mut rows.iter().map(|r| r.discounted_net));
        assert_eq!(
            net,
            split.pv_benefits.checked_sub(split.pv_costs).unwrap(),
            "{}",
            split.key
        );
        let a = view.agency(&split.key).unwrap();
        assert_eq!(a.pv_saved, split.pv_benefits, "{}", split.key);
        assert_eq!(a.pv_paid, split.pv_costs, "{}", split.key);
        assert_eq!(
            a.paid,
            sum(&mut rows.iter().map(|r| r.paid)),
            "{}",
            split.key
        );
    }
    assert_eq!(view.agencies.len(), pv.by_agency.len());
    for y in &pv.years {
        let rows: Vec<_> = view.year(y.year).collect();
        let saved = sum(&mut rows
            .iter()
            .flat_map(|r| [r.cashable, r.non_cashable, r.not_stated]));
        assert_eq!(saved, y.benefits, "year {}", y.year);
        assert_eq!(
            sum(&mut rows.iter().map(|r| r.paid)),
            y.costs,
            "year {}",
            y.year
        );
        let net = sum(&mut rows.iter().map(|r| r.discounted_net));
        assert_eq!(
            net,
            y.pv_benefits.checked_sub(y.pv_costs).unwrap(),
            "year {}",
            y.year
        );
    }
    assert_eq!(sum(&mut view.rows.iter().map(|r| r.discounted_net)), pv.npv);
}

#[test]
fn cardiff_adds_back_by_agency_and_year() {
    // Table 5 runs over the calendar years 2003 to 2007.
    let (pv, view) = view_of(
        "data/cardiff_2014/programme.toml",
        YearStart::new(2003, 1).unwrap(),
    );
    assert_adds_back(&pv, &view);
    // A cell of Table 5 as printed: the health service's 2004 benefit.
    let health_2004 = view.year(1).find(|r| r.agency == "Health service").unwrap();
    assert_eq!(health_2004.financial_year, "2004");
    assert_eq!(health_2004.not_stated.to_string(), "713321.38");
    assert_eq!(health_2004.net, health_2004.not_stated);
    // The partnership pays and saves nothing, so it never pays back; the
    // health service saves from 2003; criminal justice loses 51,581.29 in
    // 2003 and is back in 2004.
    assert_eq!(view.agency("Partnership").unwrap().payback_year, None);
    assert_eq!(
        view.agency("Partnership").unwrap().paid.to_string(),
        "306923.7"
    );
    assert_eq!(view.agency("Health service").unwrap().payback_year, Some(0));
    assert_eq!(
        view.agency("Criminal justice").unwrap().payback_year,
        Some(1)
    );
}

#[test]
fn edge_of_care_adds_back_by_agency_and_year() {
    let (pv, view) = view_of(
        "data/edge_of_care/scenario.toml",
        YearStart::april(2024).unwrap(),
    );
    assert_adds_back(&pv, &view);
    assert_eq!(view.rows[0].financial_year, "2024-25");
    // The team is paid by children's social care, which also saves the
    // placements; the care order is split across agencies as one value.
    let la = view
        .agency("Local authority (children's social care)")
        .unwrap();
    assert_eq!(la.paid.to_string(), "250000");
    assert!(
        view.agency("Courts, legal aid, local authority and Cafcass")
            .is_some()
    );
    // Nominal amounts come only from the programme's deflators: 2024-25 is
    // not a year of its index (calendar years), so none is shown.
    assert!(view.rows.iter().all(|r| r.nominal_net.is_none()));
}

#[test]
fn nominal_amounts_come_from_the_deflators_when_they_give_the_year() {
    let mut p = froi::load::read_programme("data/edge_of_care/scenario.toml")
        .unwrap()
        .programme;
    let deflators = froi::load::deflators_from_csv(
        "price_year,index\n2013,73.4795\n2005,61.5718\n2024,100\n2025,102\n",
        "assumed.csv",
    )
    .unwrap();
    p.deflators = Some(deflators);
    p.horizon = Horizon::new(2).unwrap();
    let pv = appraise(&p).unwrap().over_time.unwrap();
    let view = budget_view(&p, &pv, YearStart::new(2024, 1).unwrap()).unwrap();
    let first = view.year(0).next().unwrap();
    assert_eq!(first.nominal_net, Some(first.net));
    let second = view.year(1).next().unwrap();
    assert_eq!(
        second.nominal_net.unwrap().value(),
        second.net.value() * Decimal::new(102, 2)
    );
}

#[test]
fn a_month_outside_the_year_is_refused_with_the_range() {
    let err = YearStart::new(2024, 13).unwrap_err().to_string();
    assert!(
        err.contains("13") && err.contains("1 (January) to 12"),
        "{err}"
    );
    assert_eq!(YearStart::april(2099).unwrap().label(0), "2099-00");
}

fn streams() -> impl Strategy<Value = Vec<(i64, u32, u32, usize, Option<bool>, bool)>> {
    prop::collection::vec(
        (
            -10_000_000i64..=10_000_000,
            0u32..=6,
            1u32..=6,
            0usize..4,
            prop::option::of(any::<bool>()),
            any::<bool>(),
        ),
        1..8,
    )
}

proptest! {
    /// Any programme's view adds back, whatever its agencies, cashability,
    /// signs and years.
    #[test]
    fn any_budget_view_adds_back(s in streams(), month in 1u8..=12) {
        let agencies = ["council", "police", "NHS", ""];
        let mut p = Programme::new(Horizon::new(8).unwrap());
        let mut any_cost = false;
        for (pence, first, years, agency, cashable, is_cost) in s {
            let amount = Money::new(Decimal::new(pence, 2));
            let agency = agencies.get(agency).copied().unwrap_or_default();
            if is_cost {
                let mut c = CostStream::recurring("c", amount, years).agency(agency);
                c.first_year = first;
                p = p.cost(c);
                any_cost = true;
            } else {
                let mut b = BenefitStream::new("b", amount, years).unwrap().agency(agency);
                b.first_year = first;
                b.cashable = cashable;
                p = p.benefit(b);
            }
        }
        if !any_cost {
            p = p.cost(CostStream::up_front("c", Money::from_pounds(1)).agency("council"));
        }
        let Ok(a) = appraise(&p) else { return Ok(()) }; // a zero PV of costs
        let pv = a.over_time.unwrap();
        let view = budget_view(&p, &pv, YearStart::new(2030, month).unwrap()).unwrap();
        assert_adds_back(&pv, &view);
        let mut by_agency: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &view.rows { *by_agency.entry(r.agency.as_str()).or_default() += 1; }
        prop_assert!(by_agency.values().all(|&n| n == 8));
    }
}
