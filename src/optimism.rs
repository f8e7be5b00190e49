//! Optimism bias: a percentage added to costs and taken off benefits, chosen
//! per value by its confidence grade from a table the user supplies.
//!
//! froi ships no grade table: the percentages belong to the guidance an
//! appraisal follows (e.g. the GMCA / New Economy model's confidence grades),
//! and must come with their source. Supply a CSV with columns
//! `grade,optimism_bias` (a fraction, 0.4 for 40%) and optionally `source`.
//!
//! ```
//! use froi::optimism::OptimismBias;
//! // An illustrative table, not published values.
//! let table = OptimismBias::from_csv("grade,optimism_bias\nA,0.1\nB,0.4\n", "grades.csv").unwrap();
//! assert_eq!(table.for_grade("B").unwrap().to_string(), "40%");
//! assert!(table.for_grade("Z").is_err());
//! ```

use serde::{Deserialize, Serialize};

use crate::adjustments::Fraction;
use crate::error::first_repeat;
use crate::error::{Error, Location, Result};
#[cfg(feature = "files")]
use crate::load::tables::{Table, first_source};

/// A confidence-grade table: grade to optimism-bias fraction, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OptimismBiasData")]
pub struct OptimismBias {
    grades: Vec<(String, Fraction)>,
    source: String,
}

impl OptimismBias {
    /// A table from (grade, fraction) pairs; grades must be unique.
    pub fn new(grades: Vec<(String, Fraction)>, source: impl Into<String>) -> Result<OptimismBias> {
        if let Some(grade) = first_repeat(grades.iter().map(|(g, _)| g.as_str())) {
            return Err(Error::OutOfRange {
                at: Location::field("grade"),
                value: grade.to_string(),
                field_rule: "each grade appears once".into(),
            });
        }
        Ok(OptimismBias {
            grades,
            source: source.into(),
        })
    }

    /// Read `grade,optimism_bias[,source]` CSV text; `file` names it in errors.
    #[cfg(feature = "files")]
    pub fn from_csv(text: &str, file: &str) -> Result<OptimismBias> {
        let table = Table::parse(text, file, &["grade", "optimism_bias"])?;
        let mut grades = Vec::new();
        for (line, record) in &table.rows {
            let at = table.loc(*line, "optimism_bias");
            let value = table.decimal(*line, record, "optimism_bias")?;
            grades.push((
                table.get(record, "grade").to_string(),
                Fraction::new_at(value, &at)?,
            ));
        }
        let source = first_source(&table);
        OptimismBias::new(grades, source)
            .map_err(|e| crate::load::tables::relocate(e, table.at.at_field("grade")))
    }

    /// The fraction for `grade`.
    pub fn for_grade(&self, grade: &str) -> Result<Fraction> {
        self.lookup(grade)
    }

    /// The (grade, fraction) pairs, in the order given.
    pub fn grades(&self) -> &[(String, Fraction)] {
        &self.grades
    }

    fn lookup(&self, grade: &str) -> Result<Fraction> {
        self.grades
            .iter()
            .find(|(g, _)| g == grade)
            .map(|(_, f)| *f)
            .ok_or_else(|| Error::Unknown {
                at: Location::field("optimism_grade"),
                what: "confidence grade".into(),
                value: grade.to_string(),
                expected: self
                    .grades
                    .iter()
                    .map(|(g, _)| g.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Where the table comes from.
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// A table as written, read back through [`OptimismBias::new`].
#[derive(Deserialize)]
struct OptimismBiasData {
    grades: Vec<(String, Fraction)>,
    source: String,
}

impl TryFrom<OptimismBiasData> for OptimismBias {
    type Error = Error;
    fn try_from(d: OptimismBiasData) -> Result<OptimismBias> {
        OptimismBias::new(d.grades, d.source)
    }
}
