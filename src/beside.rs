//! Figures shown beside an appraisal's own, never in place of them: the
//! present values with distributional weights, and with the cost of raising
//! public funds (METB).
//!
//! ```
//! use froi::prelude::*;
//! use froi::{Fraction, IncomeGroups};
//! let d = IncomeGroups::new(Decimal::from(30_000)).group("lowest fifth", Decimal::from(15_000));
//! let p = Programme::new(Horizon::new(1)?)
//!     .benefit(BenefitStream::new("gain", Money::from_pounds(1_000), 1)?.group("lowest fifth"))
//!     .cost(CostStream::up_front("service", Money::from_pounds(500)))
//!     .distributed(d)
//!     .with_metb(Fraction::parse("0.2", "metb")?);
//! let a = appraise(&p)?;
//! assert_eq!(a.present_values()?.bcr.to_string(), "2"); // unweighted, without METB
//! let w = a.weighted.as_ref().unwrap();
//! assert_eq!(w.groups[0].weight.round_dp(4), Decimal::new(24623, 4)); // 2^1.3
//! let m = a.with_metb.as_ref().unwrap();
//! assert_eq!(m.pv_costs.to_string(), "600");
//! # Ok::<(), froi::Error>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::money::{Money, Ratio, add, div};
use crate::over_time::{PresentValueAppraisal, Programme};

/// Present values with distributional weights, beside the unweighted ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Weighted {
    /// η.
    pub eta: Decimal,
    /// The income a weight of 1 belongs to.
    pub reference_income: Decimal,
    /// Each group's weight and benefits, then the benefits no group is named
    /// for (weighted 1) as a row named "not stated".
    pub groups: Vec<WeightedGroup>,
    /// Weighted PV of benefits.
    pub pv_benefits: Money,
    /// Weighted PV benefits less (unweighted) PV costs.
    pub npv: Money,
    /// Weighted PV benefits / PV costs.
    pub bcr: Ratio,
}

/// One group's benefits, unweighted and weighted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WeightedGroup {
    /// The group ("not stated" for streams that name none).
    pub group: String,
    /// Its income (`None` for "not stated").
    pub income: Option<Decimal>,
    /// Its weight (1 for "not stated"): 28 significant digits, not all
    /// exact (a fractional power).
    pub weight: Decimal,
    /// PV of its benefits, unweighted.
    pub pv_benefits: Money,
    /// The same, weighted.
    pub weighted: Money,
}

/// Present values with the cost of raising public funds on the costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WithMetb {
    /// The rate.
    pub rate: Decimal,
    /// PV of costs x (1 + rate).
    pub pv_costs: Money,
    /// PV benefits less those costs.
    pub npv: Money,
    /// PV benefits / those costs.
    pub bcr: Ratio,
}

/// The weighted figures, where the programme gives a distribution.
pub(crate) fn weighted(p: &Programme, pv: &PresentValueAppraisal) -> Result<Option<Weighted>> {
    let Some(d) = &p.distribution else {
        return Ok(None);
    };
    let mut groups: Vec<WeightedGroup> = d
        .groups
        .iter()
        .map(|g| {
            Ok(WeightedGroup {
                group: g.name.clone(),
                income: Some(g.income),
                weight: d.weight_of(&g.name)?,
                pv_benefits: Money::ZERO,
                weighted: Money::ZERO,
            })
        })
        .collect::<Result<_>>()?;
    let mut rest = WeightedGroup {
        group: "not stated".into(),
        income: None,
        weight: Decimal::ONE,
        pv_benefits: Money::ZERO,
        weighted: Money::ZERO,
    };
    for s in pv.streams.iter().filter(|s| s.is_benefit) {
        let row = match &s.group {
            Some(name) => groups
                .iter_mut()
                .find(|g| &g.group == name)
                .unwrap_or(&mut rest),
            None => &mut rest,
        };
        row.pv_benefits = row.pv_benefits.checked_add(s.present_value)?;
    }
    if rest.pv_benefits != Money::ZERO {
        groups.push(rest);
    }
    for g in &mut groups {
        g.weighted = g.pv_benefits.checked_scale(g.weight)?;
    }
    let pv_benefits = Money::checked_sum(groups.iter().map(|g| g.weighted))?;
    Ok(Some(Weighted {
        eta: d.eta,
        reference_income: d.reference_income,
        groups,
        pv_benefits,
        npv: pv_benefits.checked_sub(pv.pv_costs)?,
        bcr: Ratio::new(div(pv_benefits.value(), pv.pv_costs.value(), || {
            "the weighted benefit-cost ratio".into()
        })?),
    }))
}

/// The figures with METB, where the programme sets a rate.
pub(crate) fn with_metb(p: &Programme, pv: &PresentValueAppraisal) -> Result<Option<WithMetb>> {
    let Some(rate) = p.metb else {
        return Ok(None);
    };
    let pv_costs = pv
        .pv_costs
        .checked_scale(add(Decimal::ONE, rate.value())?)?;
    Ok(Some(WithMetb {
        rate: rate.value(),
        pv_costs,
        npv: pv.pv_benefits.checked_sub(pv_costs)?,
        bcr: Ratio::new(div(pv.pv_benefits.value(), pv_costs.value(), || {
            "the benefit-cost ratio with METB".into()
        })?),
    }))
}
