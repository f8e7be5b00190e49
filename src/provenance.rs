//! Where a number comes from.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The source of a published figure: document, and table, row or page within it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The document, e.g. "DfE 2020, Creating Strong Communities in North East Lincolnshire".
    pub document: String,
    /// Where in it: table and row, section, page.
    pub location: String,
}

impl Source {
    /// A source: the document, and where in it (table and row, section, page).
    ///
    /// ```
    /// let s = froi::Source::new("DfE 2020", "Table 13, family 4");
    /// assert_eq!(s.to_string(), "DfE 2020, Table 13, family 4");
    /// ```
    pub fn new(document: impl Into<String>, location: impl Into<String>) -> Source {
        Source {
            document: document.into(),
            location: location.into(),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.document.is_empty(), self.location.is_empty()) {
            (true, true) => f.write_str("(no source given)"),
            (false, true) => f.write_str(&self.document),
            (true, false) => f.write_str(&self.location),
            (false, false) => write!(f, "{}, {}", self.document, self.location),
        }
    }
}
