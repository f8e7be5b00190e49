//! The unit cost of an intervention, built from staff inputs.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::money::{HourlyRate, Hours, Money};
use crate::provenance::Source;

/// One line of staff input to a session: a role, its hours and its hourly rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInput {
    /// The role, e.g. "FGC coordinator".
    pub role: String,
    /// Hours of this role per session.
    pub hours: Hours,
    /// Pounds per hour.
    pub rate: HourlyRate,
    /// Where the figures come from.
    pub source: Source,
}

impl StaffInput {
    /// A line of `hours` of `role` at `rate` an hour.
    ///
    /// ```
    /// use froi::{HourlyRate, Hours, Source, StaffInput};
    /// let coordinator = StaffInput::new("FGC coordinator", Hours::parse("40")?, HourlyRate::parse("21.58")?, Source::default());
    /// assert_eq!(coordinator.cost()?.to_string(), "863.2");
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn new(
        role: impl Into<String>,
        hours: Hours,
        rate: HourlyRate,
        source: Source,
    ) -> StaffInput {
        StaffInput {
            role: role.into(),
            hours,
            rate,
            source,
        }
    }

    /// The cost of this line: hours x rate.
    pub fn cost(&self) -> Result<Money> {
        self.hours.checked_cost(self.rate)
    }
}

/// Which figure a scenario charges per session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostBasis {
    /// The sum of the staff lines.
    Computed,
    /// The figure the publication states.
    Stated,
}

impl std::fmt::Display for CostBasis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CostBasis::Stated => "stated",
            CostBasis::Computed => "computed",
        })
    }
}

/// The cost of one session (one conference), with both the computed and the
/// stated figure kept so a report can show them side by side.
///
/// ```
/// use froi::{CostBasis, Money, UnitCost};
/// let cost = UnitCost::stated_only(Money::from_pounds(1295));
/// assert_eq!(cost.per_session().unwrap(), Money::from_pounds(1295));
/// assert_eq!(cost.basis(), CostBasis::Stated);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "UnitCostData")]
pub struct UnitCost {
    inputs: Vec<StaffInput>,
    stated: Option<Money>,
    basis: CostBasis,
}

impl UnitCost {
    /// A unit cost from staff lines, an optional stated total, and the basis to charge.
    ///
    /// A stated basis without a stated figure, or a computed basis without
    /// staff lines, is an error.
    pub fn new(
        inputs: Vec<StaffInput>,
        stated: Option<Money>,
        basis: CostBasis,
    ) -> Result<UnitCost> {
        match (basis, stated, inputs.is_empty()) {
            (CostBasis::Stated, None, _) => Err(Error::Missing {
                at: Location::field("cost.stated_per_session"),
                what: "key `stated_per_session` (the cost basis is `stated`)",
            }),
            (CostBasis::Computed, _, true) => Err(Error::Missing {
                at: Location::field("cost.staff_inputs"),
                what: "staff lines (the cost basis is `computed`)",
            }),
            _ => {
                if let Some(s) = stated
                    && s.value().is_sign_negative()
                    && !s.value().is_zero()
                {
                    return Err(Error::OutOfRange {
                        at: Location::field("cost.stated_per_session"),
                        value: s.to_string(),
                        field_rule: "a unit cost must not be negative".into(),
                    });
                }
                Ok(UnitCost {
                    inputs,
                    stated,
                    basis,
                })
            }
        }
    }

    /// A unit cost known only as a stated figure.
    pub fn stated_only(per_session: Money) -> UnitCost {
        UnitCost {
            inputs: Vec::new(),
            stated: Some(per_session),
            basis: CostBasis::Stated,
        }
    }

    /// The staff lines.
    pub fn inputs(&self) -> &[StaffInput] {
        &self.inputs
    }

    /// The stated figure, if any.
    pub fn stated(&self) -> Option<Money> {
        self.stated
    }

    /// The basis charged.
    pub fn basis(&self) -> CostBasis {
        self.basis
    }

    /// The same unit cost charged on another basis.
    pub fn with_basis(&self, basis: CostBasis) -> Result<UnitCost> {
        UnitCost::new(self.inputs.clone(), self.stated, basis)
    }

    /// The sum of the staff lines (zero when there are none).
    pub fn computed(&self) -> Result<Money> {
        Money::checked_sum(
            self.inputs
                .iter()
                .map(StaffInput::cost)
                .collect::<Result<Vec<_>>>()?,
        )
    }

    /// The total staff hours of one session.
    pub fn hours(&self) -> Result<Hours> {
        self.inputs
            .iter()
            .try_fold(Hours::default(), |acc, line| acc.checked_add(line.hours))
    }

    /// The cost charged per session, on the chosen basis.
    pub fn per_session(&self) -> Result<Money> {
        match (self.basis, self.stated) {
            (CostBasis::Stated, Some(stated)) => Ok(stated),
            _ => self.computed(),
        }
    }
}

/// A unit cost as written, read back through [`UnitCost::new`].
#[derive(Deserialize)]
struct UnitCostData {
    inputs: Vec<StaffInput>,
    stated: Option<Money>,
    basis: CostBasis,
}

impl TryFrom<UnitCostData> for UnitCost {
    type Error = Error;
    fn try_from(d: UnitCostData) -> Result<UnitCost> {
        UnitCost::new(d.inputs, d.stated, d.basis)
    }
}
