//! A TOML document being read: decimal text as written, and the file, line
//! and field of every value, from its byte span.

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Location, Result};
use crate::money::parse_decimal;

/// Decimal text as written in the file: a string or an integer, never a float.
#[derive(Debug)]
pub(super) struct DecimalText(pub(super) String);

impl<'de> Deserialize<'de> for DecimalText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DecimalText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a decimal written as a string, e.g. \"0.15\", or an integer")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                v: &str,
            ) -> std::result::Result<DecimalText, E> {
                Ok(DecimalText(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<DecimalText, E> {
                Ok(DecimalText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<DecimalText, E> {
                Ok(DecimalText(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<DecimalText, E> {
                Err(E::custom(format!(
                    "{v} is a TOML float; write decimals as strings (\"{v}\") so they are read exactly"
                )))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Written back as a string, the form every decimal takes in froi's files.
impl serde::Serialize for DecimalText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl DecimalText {
    /// A decimal as the text a file holds.
    pub(super) fn of(d: Decimal) -> Spanned<DecimalText> {
        at_nowhere(DecimalText(d.to_string()))
    }
}

/// A value for a file being written: spans only mean something when read.
pub(super) fn at_nowhere<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

/// Locations inside one TOML file, from byte spans.
pub(super) struct Doc<'a> {
    pub(super) file: &'a str,
    /// Where each line after the first starts, found once: a file with
    /// thousands of tables names each value's line by a binary search, not
    /// by counting from the top (which made loading quadratic).
    line_starts: Vec<usize>,
}

impl<'a> Doc<'a> {
    pub(super) fn new(file: &'a str, text: &str) -> Doc<'a> {
        Doc {
            file,
            line_starts: text.match_indices('\n').map(|(i, _)| i + 1).collect(),
        }
    }

    /// The 1-based line of a byte offset.
    fn line(&self, offset: usize) -> u64 {
        self.line_starts.partition_point(|start| *start <= offset) as u64 + 1
    }
}

impl Doc<'_> {
    pub(super) fn at(&self, span: std::ops::Range<usize>, field: &str) -> Location {
        Location::file(self.file)
            .at_line(self.line(span.start))
            .at_field(field)
    }

    /// A file name the document gives, refused if empty (an empty path would
    /// open the document's own folder).
    pub(super) fn path<'n>(&self, name: &'n Spanned<String>, field: &str) -> Result<&'n str> {
        let text = name.get_ref().as_str();
        if text.trim().is_empty() {
            return Err(Error::Missing {
                at: self.at(name.span(), field),
                what: "file name (the path is empty)",
            });
        }
        Ok(text)
    }

    /// One file name or a list of them (`unit_values = ["mine.csv",
    /// "standard_values.csv"]`), each non-empty.
    pub(super) fn paths<'n>(
        &self,
        names: &'n Spanned<toml::Value>,
        field: &str,
    ) -> Result<Vec<&'n str>> {
        let at = || self.at(names.span(), field);
        let one = |v: &'n toml::Value| match v.as_str() {
            Some(t) if !t.trim().is_empty() => Ok(t),
            Some(_) => Err(Error::Missing {
                at: at(),
                what: "file name (the path is empty)",
            }),
            None => Err(Error::OutOfRange {
                at: at(),
                value: v.to_string(),
                field_rule: "a file name, or a list of file names".into(),
            }),
        };
        match names.get_ref() {
            toml::Value::Array(list) if !list.is_empty() => list.iter().map(one).collect(),
            toml::Value::Array(_) => Err(Error::Missing {
                at: at(),
                what: "file name (the list is empty)",
            }),
            v => Ok(vec![one(v)?]),
        }
    }

    pub(super) fn decimal(
        &self,
        value: &Spanned<DecimalText>,
        field: &str,
    ) -> Result<(Decimal, Location)> {
        let at = self.at(value.span(), field);
        Ok((parse_decimal(&value.get_ref().0, &at)?, at))
    }

    pub(super) fn word<T>(
        &self,
        value: &Spanned<String>,
        field: &str,
        choices: &[(&str, T)],
    ) -> Result<T>
    where
        T: Copy,
    {
        let text = value.get_ref().as_str();
        choices
            .iter()
            .find(|(word, _)| *word == text)
            .map(|(_, v)| *v)
            .ok_or_else(|| Error::Unknown {
                at: self.at(value.span(), field),
                what: "value".into(),
                value: text.to_string(),
                expected: choices
                    .iter()
                    .map(|(w, _)| *w)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}
