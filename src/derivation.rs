//! How a figure was made: the expression with its numbers, and where each came from.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One named input of a derivation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DerivationInput {
    /// What the input is, e.g. "average benefit per case (cohort 1)".
    pub name: String,
    /// Its exact value, as text.
    pub value: String,
    /// Where it comes from.
    pub source: String,
}

/// A figure with the arithmetic behind it, unrounded.
///
/// ```
/// let appraisal = froi::nelc_2020::appraise_as_published().unwrap();
/// let high = appraisal.families().unwrap().annual.last().unwrap();
/// let text = high.derivation().to_string();
/// assert!(text.contains("14965.35 x 83 x (1 - 0.30) / 252585 = 3.44"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Derivation {
    /// The figure, e.g. "annual benefit-cost ratio (high deadweight)".
    pub figure: String,
    /// The expression with the numbers in it.
    pub expression: String,
    /// The exact result.
    pub value: Decimal,
    /// The inputs, named and sourced.
    pub inputs: Vec<DerivationInput>,
}

impl Derivation {
    /// A derivation with no inputs listed yet.
    pub fn new(
        figure: impl Into<String>,
        expression: impl Into<String>,
        value: Decimal,
    ) -> Derivation {
        Derivation {
            figure: figure.into(),
            expression: expression.into(),
            value,
            inputs: Vec::new(),
        }
    }

    /// The same derivation with one more input.
    pub fn input(
        mut self,
        name: impl Into<String>,
        value: impl fmt::Display,
        source: impl Into<String>,
    ) -> Derivation {
        self.inputs.push(DerivationInput {
            name: name.into(),
            value: value.to_string(),
            source: source.into(),
        });
        self
    }
}

impl fmt::Display for Derivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} = {} = {}",
            self.figure,
            self.expression,
            self.value.normalize()
        )?;
        for input in &self.inputs {
            write!(f, "\n  {} = {}", input.name, input.value)?;
            if !input.source.is_empty() {
                write!(f, "  [{}]", input.source)?;
            }
        }
        Ok(())
    }
}
