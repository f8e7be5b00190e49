//! The one entry point: [`appraise`] a [`Programme`].
//!
//! A programme's family source (if it has one) is appraised family by
//! family, cohort by cohort and in its annual chain; its streams, outcome
//! lines and costs (if it has any) over time, where a stream of
//! [`Amount::Service`](crate::over_time::Amount::Service) counts the family
//! source's gross annual benefit. Both results come back in one
//! [`Appraisal`].
//!
//! ```
//! use froi::prelude::*;
//! let p = Programme::new(Horizon::new(3)?)
//!     .named("A service")
//!     .benefit(BenefitStream::new("costs avoided", Money::from_pounds(1000), 3)?)
//!     .cost(CostStream::up_front("service", Money::from_pounds(2000)));
//! let a = appraise(&p)?;
//! // 1,000 + 1,000 / 1.035 + 1,000 / 1.035^2
//! assert_eq!(a.present_values()?.pv_benefits.rounded(Rounding::half_up(2)).to_string(), "2899.69");
//! assert!(a.family_source.is_none());
//! # Ok::<(), froi::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::beside::{self, Weighted, WithMetb};
use crate::cohorts::{CohortResult, FamilyResult};
use crate::error::{Error, Location, Result};
use crate::family_source::{FamilyAppraisal, appraise_families};
use crate::over_time::{PresentValueAppraisal, Programme, appraise_over_time_with};

/// The result of appraising a programme: its family source's results and
/// its present values over time, each where the programme has them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Appraisal {
    /// The programme's name.
    pub name: String,
    /// Each family, each cohort, all together, net of each deadweight
    /// scenario and the annual ratio (without a family table, none).
    pub family_source: Option<FamilyAppraisal>,
    /// Present values over time (without streams, outcome lines or costs,
    /// none).
    pub over_time: Option<PresentValueAppraisal>,
    /// The present values with distributional weights, beside the
    /// unweighted ones (where the programme gives a distribution).
    #[serde(default)]
    pub weighted: Option<Weighted>,
    /// The present values with the cost of raising public funds, beside
    /// those without (where the programme sets a rate).
    #[serde(default)]
    pub with_metb: Option<WithMetb>,
}

impl Appraisal {
    /// The family source's results, or an error saying there are none.
    pub fn families(&self) -> Result<&FamilyAppraisal> {
        self.family_source.as_ref().ok_or(Error::Missing {
            at: Location::field("families"),
            what: "family table (the programme has none)",
        })
    }

    /// The present values over time, or an error saying there are none.
    pub fn present_values(&self) -> Result<&PresentValueAppraisal> {
        self.over_time.as_ref().ok_or(Error::Missing {
            at: Location::field("time"),
            what: "streams over time (the programme has no benefit stream, outcome line or cost)",
        })
    }

    /// The result of one cohort of the family source.
    pub fn cohort(&self, cohort: u32) -> Option<&CohortResult> {
        self.family_source.as_ref()?.cohort(cohort)
    }

    /// The result of one family of the family source.
    pub fn family(&self, cohort: u32, family: &str) -> Option<&FamilyResult> {
        self.family_source.as_ref()?.family(cohort, family)
    }
}

/// Appraise a programme: check it ([`Programme::validate`]), appraise its
/// family source, then its flows over time.
///
/// ```
/// let p = froi::nelc_2020::programme_as_published()?;
/// let appraisal = froi::appraise(&p)?;
/// let one = appraisal.cohort(1).unwrap();
/// assert_eq!(one.total_benefit.to_string(), "299307");
/// assert_eq!(one.ratio.rounded(froi::Rounding::half_up(2)).to_string(), "11.56");
/// # Ok::<(), froi::Error>(())
/// ```
pub fn appraise(p: &Programme) -> Result<Appraisal> {
    p.validate()?;
    let (family_source, service) = match &p.family_source {
        Some(f) => {
            let (results, service) = appraise_families(f)?;
            (Some(results), service)
        }
        None => (None, None),
    };
    if family_source.is_none() && !p.runs_over_time() {
        return Err(Error::Missing {
            at: Location::field("time"),
            what: "benefit source or cost (the programme has no family table, stream, outcome line or cost)",
        });
    }
    let over_time = if p.runs_over_time() {
        Some(appraise_over_time_with(p, service)?)
    } else {
        None
    };
    let (weighted, with_metb) = match &over_time {
        Some(pv) => (beside::weighted(p, pv)?, beside::with_metb(p, pv)?),
        None => (None, None),
    };
    Ok(Appraisal {
        name: p.name.clone(),
        family_source,
        over_time,
        weighted,
        with_metb,
    })
}
