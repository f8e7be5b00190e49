//! The one error type of the crate, and where an error happened.

use std::borrow::Cow;
use std::fmt;

/// Where in the input a bad value was found: file, line and field, as far as known.
///
/// Kept small (boxed strings) so that `Result<T, Error>` stays cheap to return.
///
/// Lines count from 1 and include the header of a CSV file, so they match what
/// an editor shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The file, as the user named it.
    pub file: Option<Box<str>>,
    /// The line in that file.
    pub line: Option<u64>,
    /// The column or key, e.g. `children` or `valuation.window_weeks`.
    pub field: Option<Box<str>>,
}

impl Location {
    /// A location in a file, with no line or field yet.
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: Some(file.into().into_boxed_str()),
            ..Location::default()
        }
    }

    /// A location naming only a field (for values built in code, not read from a file).
    pub fn field(field: impl Into<String>) -> Location {
        Location {
            field: Some(field.into().into_boxed_str()),
            ..Location::default()
        }
    }

    /// The same location at another line.
    pub fn at_line(&self, line: u64) -> Location {
        Location {
            line: Some(line),
            ..self.clone()
        }
    }

    /// The same location at another field.
    pub fn at_field(&self, field: impl Into<String>) -> Location {
        Location {
            field: Some(field.into().into_boxed_str()),
            ..self.clone()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.to_string());
        }
        if let Some(line) = self.line {
            parts.push(format!("line {line}"));
        }
        if let Some(field) = &self.field {
            parts.push(format!("field `{field}`"));
        }
        if parts.is_empty() {
            f.write_str("input")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Everything that can go wrong in froi. Every variant that comes from an input
/// names where (file, line, field) and the offending value.
///
/// Its `Debug` is its message, so `fn main() -> Result<(), froi::Error>`, a
/// notebook cell and a failed `unwrap` all print what went wrong and where,
/// rather than the variant's fields; match on the variant for the data.
///
/// ```
/// let e = froi::Fraction::parse("1.5", "deadweight").unwrap_err();
/// assert_eq!(format!("{e:?}"), e.to_string());
/// ```
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A workbook could not be built (feature `xlsx`).
    #[error("{at}: cannot build the workbook: {message}")]
    Workbook {
        /// Where.
        at: Location,
        /// What the workbook writer said.
        message: String,
    },
    /// A file could not be opened or read.
    #[error("{at}: cannot read the file: {source}")]
    Io {
        /// The file.
        at: Location,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A CSV or TOML file is not well formed.
    #[error("{at}: malformed {format}: {message}")]
    Syntax {
        /// Where.
        at: Location,
        /// `CSV` or `TOML`.
        format: &'static str,
        /// What the parser said.
        message: String,
    },
    /// A required column or key is absent.
    #[error("{at}: missing required {what}")]
    Missing {
        /// Where; the field names the missing column or key.
        at: Location,
        /// `column` or `key`.
        what: &'static str,
    },
    /// Text that should be a decimal number is not one.
    #[error("{at}: {value:?} is not a decimal number{hint}")]
    MalformedDecimal {
        /// Where.
        at: Location,
        /// The text found.
        value: String,
        /// Extra advice, empty or starting with "; ".
        hint: String,
    },
    /// A value is of the right form but outside what the field allows.
    #[error("{at}: {value} is out of range: {field_rule}")]
    OutOfRange {
        /// Where.
        at: Location,
        /// The value found, as text.
        value: String,
        /// The allowed range, e.g. "deadweight must lie in [0, 1)".
        field_rule: String,
    },
    /// Text that should be a whole number in digits is something else
    /// (`2.0`, `+2`, `two`).
    #[error("{at}: {value} is not a whole number written in digits: {field_rule}")]
    NotWhole {
        /// Where.
        at: Location,
        /// The value found, as text.
        value: String,
        /// What the field allows, e.g. "a family has 1 to 1,000 children".
        field_rule: String,
    },
    /// A value is not one of the allowed words (a state, a period, a rule).
    #[error("{at}: unknown {what} {value:?}; expected one of {expected}")]
    Unknown {
        /// Where.
        at: Location,
        /// What kind of word, e.g. "care status".
        what: Cow<'static, str>,
        /// The text found.
        value: String,
        /// The allowed words.
        expected: String,
    },
    /// The same family appears twice in one cohort.
    #[error(
        "{at}: family {family:?} appears twice in cohort {cohort} (first at line {first_line})"
    )]
    DuplicateFamily {
        /// The second occurrence.
        at: Location,
        /// The cohort.
        cohort: u32,
        /// The family id.
        family: String,
        /// The line of the first occurrence.
        first_line: u64,
    },
    /// A ratio was asked for with a zero cost underneath.
    #[error("cannot form {what}: the cost is zero")]
    ZeroCost {
        /// The ratio, e.g. "the benefit-cost ratio of cohort 2".
        what: String,
    },
    /// A cohort that the scenario refers to has no families.
    #[error("{at}: cohort {cohort} has no families")]
    EmptyCohort {
        /// Where the cohort was named.
        at: Location,
        /// The cohort.
        cohort: u32,
    },
    /// The unit-value catalogue has no usable value for a state.
    #[error("{at}: no usable unit value for {state}: {problem}")]
    UnitValue {
        /// Where.
        at: Location,
        /// The state, with its catalogue's word for it (e.g. `care status CIN`).
        state: String,
        /// What is wrong with it.
        problem: String,
    },
    /// An error while appraising one family (overflow, a missing unit value, a zero cost).
    #[error("cohort {cohort}, family {family:?}: {source}")]
    Family {
        /// The cohort.
        cohort: u32,
        /// The family id.
        family: String,
        /// What went wrong.
        #[source]
        source: Box<Error>,
    },
    /// Exact arithmetic left the range of a 96-bit decimal.
    #[error(
        "arithmetic overflow{}: {operation} of {lhs} and {rhs} exceeds the decimal range",
        computing(.figure)
    )]
    Overflow {
        /// The figure being computed, naming the inputs it comes from, e.g.
        /// "the annual benefit (average benefit x annual.cases_per_year)";
        /// empty where the arithmetic did not know it.
        figure: String,
        /// The operation, e.g. "multiplication".
        operation: &'static str,
        /// The left operand.
        lhs: String,
        /// The right operand.
        rhs: String,
    },
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Error {
    /// Where the error happened, if it names a place.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Io { at, .. }
            | Error::Workbook { at, .. }
            | Error::Syntax { at, .. }
            | Error::Missing { at, .. }
            | Error::MalformedDecimal { at, .. }
            | Error::OutOfRange { at, .. }
            | Error::NotWhole { at, .. }
            | Error::Unknown { at, .. }
            | Error::DuplicateFamily { at, .. }
            | Error::EmptyCohort { at, .. }
            | Error::UnitValue { at, .. } => Some(at),
            Error::Family { .. } | Error::ZeroCost { .. } | Error::Overflow { .. } => None,
        }
    }

    /// The same error, naming the figure being computed if it is an overflow
    /// that does not yet say.
    pub(crate) fn computing(self, figure: impl FnOnce() -> String) -> Error {
        match self {
            Error::Overflow {
                figure: f,
                operation,
                lhs,
                rhs,
            } if f.is_empty() => Error::Overflow {
                figure: figure(),
                operation,
                lhs,
                rhs,
            },
            other => other,
        }
    }

    /// The same error with its location changed by `f` (errors that name no
    /// place are returned as they are). Readers use it to add the file and
    /// line to an error a constructor raised knowing only the field.
    pub(crate) fn map_location(self, f: impl FnOnce(Location) -> Location) -> Error {
        match self {
            Error::Io { at, source } => Error::Io { at: f(at), source },
            Error::Workbook { at, message } => Error::Workbook { at: f(at), message },
            Error::Syntax {
                at,
                format,
                message,
            } => Error::Syntax {
                at: f(at),
                format,
                message,
            },
            Error::Missing { at, what } => Error::Missing { at: f(at), what },
            Error::MalformedDecimal { at, value, hint } => Error::MalformedDecimal {
                at: f(at),
                value,
                hint,
            },
            Error::OutOfRange {
                at,
                value,
                field_rule,
            } => Error::OutOfRange {
                at: f(at),
                value,
                field_rule,
            },
            Error::NotWhole {
                at,
                value,
                field_rule,
            } => Error::NotWhole {
                at: f(at),
                value,
                field_rule,
            },
            Error::Unknown {
                at,
                what,
                value,
                expected,
            } => Error::Unknown {
                at: f(at),
                what,
                value,
                expected,
            },
            Error::DuplicateFamily {
                at,
                cohort,
                family,
                first_line,
            } => Error::DuplicateFamily {
                at: f(at),
                cohort,
                family,
                first_line,
            },
            Error::EmptyCohort { at, cohort } => Error::EmptyCohort { at: f(at), cohort },
            Error::UnitValue { at, state, problem } => Error::UnitValue {
                at: f(at),
                state,
                problem,
            },
            other => other,
        }
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// The first key that appears a second time, if any (grades, price years).
pub(crate) fn first_repeat<'a>(keys: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = std::collections::HashSet::new();
    keys.into_iter().find(|k| !seen.insert(*k))
}

/// The one of `items` named `name` (by `name_of`), or an error at `field`
/// saying no `what` has that name and listing the names there are.
pub(crate) fn find_named<'a, T>(
    items: &'a [T],
    name_of: impl Fn(&T) -> &str,
    name: &str,
    (field, what): (&str, &'static str),
) -> Result<&'a T> {
    items
        .iter()
        .find(|item| name_of(item) == name)
        .ok_or_else(|| Error::Unknown {
            at: Location::field(field),
            what: what.into(),
            value: name.to_string(),
            expected: items.iter().map(&name_of).collect::<Vec<_>>().join(", "),
        })
}

fn computing(figure: &str) -> String {
    if figure.is_empty() {
        String::new()
    } else {
        format!(" computing {figure}")
    }
}
