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
        let status = match label.trim().to_ascii_uppercase().as_str() {
            "CLOSED" => CareStatus::Closed,
            "CIN" => CareStatus::ChildInNeed,
            "CP" | "CPP" => CareStatus::ChildProtectionPlan,
            "KIN" | "KINSHIP" => CareStatus::KinshipCare,
            "LAC" | "FOSTER" => CareStatus::LookedAfterFoster,
            _ => {
                return Err(Error::Unknown {
                    at: at.clone(),
                    what: "care status",
                    value: label.to_string(),
                    expected: STATUS_LABELS.to_string(),
                });
            }
        };
        Ok(status)
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
