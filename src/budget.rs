//! The budget view: who pays and who saves, and in which financial year
//! (the GMCA CBA model's financial case).
//!
//! It regroups amounts the appraisal already holds, stream by stream and
//! year by year, so its rows add back, by agency and by year, to the
//! appraisal's totals to the penny.
//!
//! ```
//! use froi::prelude::*;
//! use froi::{YearStart, budget_view};
//! let p = Programme::new(Horizon::new(2)?)
//!     .benefit(BenefitStream::new("custody avoided", Money::from_pounds(900), 2)?.agency("Police"))
//!     .cost(CostStream::up_front("service", Money::from_pounds(1000)).agency("Council"));
//! let pv = appraise(&p)?.over_time.unwrap();
//! let view = budget_view(&p, &pv, YearStart::april(2024)?)?;
//! assert_eq!(view.rows[0].financial_year, "2024-25");
//! let council = view.agency("Council").unwrap();
//! assert_eq!(council.paid.to_string(), "1000");
//! assert_eq!(council.payback_year, None); // the council pays, the police save
//! # Ok::<(), froi::Error>(())
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::money::{Money, mul};
use crate::over_time::{PresentValueAppraisal, Programme, StreamResult, agency_key};

/// When an appraisal's first year starts: a calendar year and a month
/// (April for a UK public body's financial year, January for a calendar year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearStart {
    /// The calendar year appraisal year 0 starts in.
    pub first_year: i32,
    /// The month it starts (1 to 12).
    pub month: u8,
}

impl YearStart {
    /// Appraisal year 0 starts in `month` (1 to 12) of `first_year`.
    pub fn new(first_year: i32, month: u8) -> Result<YearStart> {
        if !(1..=12).contains(&month) {
            return Err(Error::OutOfRange {
                at: Location::field("year_start.month"),
                value: month.to_string(),
                field_rule: "a month is 1 (January) to 12 (December)".into(),
            });
        }
        Ok(YearStart { first_year, month })
    }

    /// A UK financial year, April to March, the first from April `first_year`.
    pub fn april(first_year: i32) -> Result<YearStart> {
        YearStart::new(first_year, 4)
    }

    /// The label of appraisal year `year`: "2024-25" for a year from April
    /// 2024, "2024" for a calendar year.
    pub fn label(self, year: u32) -> String {
        let start = i64::from(self.first_year) + i64::from(year);
        if self.month == 1 {
            start.to_string()
        } else {
            format!("{start}-{:02}", (start + 1).rem_euclid(100))
        }
    }
}

/// One agency in one year: what it pays and what it saves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BudgetRow {
    /// The agency ("not stated" where a stream names none).
    pub agency: String,
    /// Appraisal year (0 is the first).
    pub year: u32,
    /// The year's label from the year start ("2024-25").
    pub financial_year: String,
    /// Costs paid, real (base-year prices).
    pub paid: Money,
    /// Savings stated cashable, real.
    pub cashable: Money,
    /// Savings stated non-cashable, real.
    pub non_cashable: Money,
    /// Savings whose cashability is not stated, real.
    pub not_stated: Money,
    /// Savings less costs, real.
    pub net: Money,
    /// Savings less costs, discounted.
    pub discounted_net: Money,
    /// Savings less costs in the year's own prices, where the programme's
    /// deflators give the year (`None`: they do not; froi assumes no
    /// inflation rate).
    pub nominal_net: Option<Money>,
}

/// One agency over the whole appraisal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgencyBudget {
    /// The agency.
    pub agency: String,
    /// Costs paid, real, all years.
    pub paid: Money,
    /// Savings, real, all years (all cashabilities).
    pub saved: Money,
    /// Of which cashable.
    pub cashable: Money,
    /// PV of its savings.
    pub pv_saved: Money,
    /// PV of its costs.
    pub pv_paid: Money,
    /// The first year its cumulative discounted net is not negative, if one
    /// is (an agency that only saves pays back in its first year).
    pub payback_year: Option<u32>,
}

/// The budget view of an appraisal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BudgetView {
    /// When appraisal year 0 starts.
    pub year_start: YearStart,
    /// Agency by year, agencies in name order, years in order.
    pub rows: Vec<BudgetRow>,
    /// Each agency's totals, in name order.
    pub agencies: Vec<AgencyBudget>,
}

impl BudgetView {
    /// One agency's totals.
    pub fn agency(&self, agency: &str) -> Option<&AgencyBudget> {
        self.agencies.iter().find(|a| a.agency == agency)
    }

    /// One year's rows, every agency.
    pub fn year(&self, year: u32) -> impl Iterator<Item = &BudgetRow> {
        self.rows.iter().filter(move |r| r.year == year)
    }
}

/// The budget view of `pv`, the appraisal of `p`, with appraisal year 0
/// starting at `start`.
pub fn budget_view(
    p: &Programme,
    pv: &PresentValueAppraisal,
    start: YearStart,
) -> Result<BudgetView> {
    let mut by_agency: BTreeMap<String, Vec<BudgetRow>> = BTreeMap::new();
    for s in &pv.streams {
        let rows = by_agency
            .entry(agency_key(&s.agency))
            .or_insert_with_key(|agency| empty_rows(agency, pv.horizon, start));
        for (row, k) in rows.iter_mut().zip(0..) {
            add_stream_year(row, s, k)?;
        }
    }
    let mut agencies = Vec::new();
    let mut rows = Vec::new();
    for (agency, mut years) in by_agency {
        for row in &mut years {
            row.nominal_net = nominal(p, row.net, &row.financial_year)?;
        }
        agencies.push(agency_totals(&agency, &years, &pv.streams)?);
        rows.extend(years);
    }
    Ok(BudgetView {
        year_start: start,
        rows,
        agencies,
    })
}

fn empty_rows(agency: &str, horizon: u32, start: YearStart) -> Vec<BudgetRow> {
    (0..horizon)
        .map(|year| BudgetRow {
            agency: agency.to_string(),
            year,
            financial_year: start.label(year),
            paid: Money::ZERO,
            cashable: Money::ZERO,
            non_cashable: Money::ZERO,
            not_stated: Money::ZERO,
            net: Money::ZERO,
            discounted_net: Money::ZERO,
            nominal_net: None,
        })
        .collect()
}

/// Add stream `s`'s year `k` to its agency's row for the year.
fn add_stream_year(row: &mut BudgetRow, s: &StreamResult, k: usize) -> Result<()> {
    let real = s.real.get(k).copied().unwrap_or(Money::ZERO);
    let discounted = s.discounted.get(k).copied().unwrap_or(Money::ZERO);
    if s.is_benefit {
        let slot = match s.cashable {
            Some(true) => &mut row.cashable,
            Some(false) => &mut row.non_cashable,
            None => &mut row.not_stated,
        };
        *slot = slot.checked_add(real)?;
        row.net = row.net.checked_add(real)?;
        row.discounted_net = row.discounted_net.checked_add(discounted)?;
    } else {
        row.paid = row.paid.checked_add(real)?;
        row.net = row.net.checked_sub(real)?;
        row.discounted_net = row.discounted_net.checked_sub(discounted)?;
    }
    Ok(())
}

/// A real amount in the year's own prices: index(year) / index(base year),
/// where the programme has deflators that give both.
fn nominal(p: &Programme, real: Money, year: &str) -> Result<Option<Money>> {
    let (Some(d), Some(base)) = (&p.deflators, p.base_year.as_deref()) else {
        return Ok(None);
    };
    if !d.years().any(|y| y == year) {
        return Ok(None);
    }
    let factor: Decimal = d.factor(base, year)?;
    Ok(Some(Money::new(mul(real.value(), factor)?)))
}

fn agency_totals(
    agency: &str,
    years: &[BudgetRow],
    streams: &[StreamResult],
) -> Result<AgencyBudget> {
    let sum = |f: fn(&BudgetRow) -> Money| Money::checked_sum(years.iter().map(f));
    let pv = |benefit: bool| {
        Money::checked_sum(
            streams
                .iter()
                .filter(|s| s.is_benefit == benefit && agency_key(&s.agency) == agency)
                .map(|s| s.present_value),
        )
    };
    let mut cumulative = Money::ZERO;
    let mut payback_year = None;
    for r in years {
        cumulative = cumulative.checked_add(r.discounted_net)?;
        if payback_year.is_none() && cumulative >= Money::ZERO && r.discounted_net != Money::ZERO {
            payback_year = Some(r.year);
        }
    }
    Ok(AgencyBudget {
        agency: agency.to_string(),
        paid: sum(|r| r.paid)?,
        saved: Money::checked_sum(
            years
                .iter()
                .map(|r| {
                    r.cashable
                        .checked_add(r.non_cashable)?
                        .checked_add(r.not_stated)
                })
                .collect::<Result<Vec<_>>>()?,
        )?,
        cashable: sum(|r| r.cashable)?,
        pv_saved: pv(true)?,
        pv_paid: pv(false)?,
        payback_year,
    })
}
