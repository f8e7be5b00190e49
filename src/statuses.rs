//! Children's social-care statuses and the labels publications use for them.

use std::fmt;

use serde::Serialize;

use crate::error::{Error, Location, Result};

/// A child's status in children's social care at one moment.
///
/// The order of the variants is the order of intensity of statutory
/// involvement that the NELC appendix counts "moving to a lower status" by:
/// closed, child in need, child protection plan, kinship care, looked after in
/// foster care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum CareStatus {
    /// Closed to children's social care.
    #[serde(rename = "CLOSED")]
    Closed,
    /// Child in need (Children Act 1989, s17).
    #[serde(rename = "CIN")]
    ChildInNeed,
    /// Subject to a child protection plan.
    #[serde(rename = "CP")]
    ChildProtectionPlan,
    /// In kinship care (family and friends care).
    #[serde(rename = "KINSHIP")]
    KinshipCare,
    /// Looked after, in foster care.
    #[serde(rename = "LAC")]
    LookedAfterFoster,
}

/// The labels [`CareStatus::parse`] accepts, for error messages.
pub const STATUS_LABELS: &str =
    "CLOSED, CIN, CP (or CPP), KINSHIP (or KIN), LAC (or FOSTER), in any case";

impl CareStatus {
    /// Every status, in order of intensity.
    pub const ALL: [CareStatus; 5] = [
        CareStatus::Closed,
        CareStatus::ChildInNeed,
        CareStatus::ChildProtectionPlan,
        CareStatus::KinshipCare,
        CareStatus::LookedAfterFoster,
    ];

    /// Read a label as published (`CP`, `CPP`, `FOSTER`, `KIN`, `Closed`, ...).
    ///
    /// ```
    /// use froi::CareStatus;
    /// assert_eq!(CareStatus::parse("Foster").unwrap(), CareStatus::LookedAfterFoster);
    /// assert_eq!(CareStatus::parse("kin").unwrap(), CareStatus::KinshipCare);
    /// assert!(CareStatus::parse("adopted").is_err());
    /// ```
    pub fn parse(label: &str) -> Result<CareStatus> {
        Self::parse_at(label, &Location::default())
    }

    /// [`CareStatus::parse`], naming `at` in the error.
    pub fn parse_at(label: &str, at: &Location) -> Result<CareStatus> {
        Self::from_bytes(label.trim().as_bytes()).ok_or_else(|| Error::Unknown {
            at: at.clone(),
            what: "care status",
            value: label.to_string(),
            expected: STATUS_LABELS.to_string(),
        })
    }

    /// A label from its bytes, any case, or `None`. (Compared without
    /// allocating: a national caseload has millions of labels.)
    pub(crate) fn from_bytes(label: &[u8]) -> Option<CareStatus> {
        // Pack the upper-cased label (at most 7 bytes) into one integer and
        // match that: one pass over the bytes, no allocation.
        const fn pack(mut word: &[u8]) -> u64 {
            let mut w = 0u64;
            let mut shift = 0;
            while let [first, rest @ ..] = word {
                w |= (*first as u64) << shift;
                shift += 8;
                word = rest;
            }
            w
        }
        const CIN: u64 = pack(b"CIN");
        const CLOSED: u64 = pack(b"CLOSED");
        const CP: u64 = pack(b"CP");
        const CPP: u64 = pack(b"CPP");
        const LAC: u64 = pack(b"LAC");
        const FOSTER: u64 = pack(b"FOSTER");
        const KIN: u64 = pack(b"KIN");
        const KINSHIP: u64 = pack(b"KINSHIP");
        if label.len() > 7 {
            return None;
        }
        let mut w = 0u64;
        for (i, b) in label.iter().enumerate() {
            w |= u64::from(b.to_ascii_uppercase()) << (8 * i);
        }
        match w {
            CIN => Some(CareStatus::ChildInNeed),
            CLOSED => Some(CareStatus::Closed),
            CP | CPP => Some(CareStatus::ChildProtectionPlan),
            LAC | FOSTER => Some(CareStatus::LookedAfterFoster),
            KIN | KINSHIP => Some(CareStatus::KinshipCare),
            _ => None,
        }
    }

    /// The canonical label, as written in froi's files.
    pub const fn label(self) -> &'static str {
        match self {
            CareStatus::Closed => "CLOSED",
            CareStatus::ChildInNeed => "CIN",
            CareStatus::ChildProtectionPlan => "CP",
            CareStatus::KinshipCare => "KINSHIP",
            CareStatus::LookedAfterFoster => "LAC",
        }
    }

    /// Whether the case is open to children's social care.
    pub const fn is_open(self) -> bool {
        !matches!(self, CareStatus::Closed)
    }
}

impl fmt::Display for CareStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How a status at the outcome point compares with the status at entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// To a less intensive status (e.g. CP to CIN, LAC to kinship care).
    Improved,
    /// The same status.
    Unchanged,
    /// To a more intensive status.
    Deteriorated,
}

impl Movement {
    /// Compare `outcome` with `entry` by intensity.
    pub fn between(entry: CareStatus, outcome: CareStatus) -> Movement {
        match outcome.cmp(&entry) {
            std::cmp::Ordering::Less => Movement::Improved,
            std::cmp::Ordering::Equal => Movement::Unchanged,
            std::cmp::Ordering::Greater => Movement::Deteriorated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_published_label_in_any_case() {
        let cases = [
            ("CLOSED", CareStatus::Closed),
            ("Closed", CareStatus::Closed),
            ("cin", CareStatus::ChildInNeed),
            ("CP", CareStatus::ChildProtectionPlan),
            ("cpp", CareStatus::ChildProtectionPlan),
            ("KIN", CareStatus::KinshipCare),
            ("Kinship", CareStatus::KinshipCare),
            ("LAC", CareStatus::LookedAfterFoster),
            ("FOSTER", CareStatus::LookedAfterFoster),
            (" foster ", CareStatus::LookedAfterFoster),
        ];
        for (label, status) in cases {
            assert_eq!(CareStatus::parse(label).unwrap(), status, "{label}");
        }
        for status in CareStatus::ALL {
            assert_eq!(CareStatus::parse(status.label()).unwrap(), status);
        }
    }

    #[test]
    fn near_misses_are_refused() {
        for label in [
            "", "C", "CI", "CINX", "CLOSE", "CLOSEDX", "KINSHIPS", "LA", "FOSTERED", "CÍN",
            "ADOPTED",
        ] {
            assert!(CareStatus::parse(label).is_err(), "{label}");
        }
    }
}
