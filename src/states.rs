//! States: the conditions a person can be in (child in need, looked after,
//! NEET, in custody), as the user's own catalogue.
//!
//! An appraisal names its states in a [`StateCatalogue`]; a [`State`] is a
//! small copyable handle into it, so the per-row paths compare integers. The
//! NELC appendix's five care statuses are one such catalogue, shipped as
//! `data/nelc_2020/states.csv` ([`crate::nelc_2020::states`]).
//!
//! ```
//! use froi::{StateCatalogue, StateDef};
//! let states = StateCatalogue::new("state", vec![
//!     StateDef::new("EET").with_label("in education, employment or training").closed(),
//!     StateDef::new("NEET").with_aliases(["not in EET"]),
//! ])?;
//! let neet = states.state("neet")?;
//! assert_eq!(states.id(neet), "NEET");
//! assert_eq!(states.state("Not in EET")?, neet);
//! assert!(states.is_closed(states.state("EET")?));
//! assert_eq!(
//!     states.state("NET").unwrap_err().to_string(),
//!     "field `state`: unknown state \"NET\"; expected one of EET, NEET (or not in EET), in any case"
//! );
//! # Ok::<(), froi::Error>(())
//! ```

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

/// A state of a [`StateCatalogue`]: a handle that is only meaningful with the
/// catalogue it came from (print it with [`StateCatalogue::id`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct State(u16);

impl State {
    /// The state's position in its catalogue (0 is the first).
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The state at position `i`, if a catalogue can hold it.
    pub(crate) fn from_index(i: usize) -> Option<State> {
        u16::try_from(i)
            .ok()
            .filter(|_| i < StateCatalogue::MAX_STATES)
            .map(State)
    }
}

/// One state as the user defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateDef {
    /// The canonical label, written in froi's files and reports (e.g. `CP`).
    pub id: String,
    /// What it is, for people (e.g. "subject to a child protection plan").
    pub label: String,
    /// Other labels accepted on input (e.g. `CPP`); matched in any case.
    pub aliases: Vec<String>,
    /// Intensity: a higher rank is a more intensive state. Either every state
    /// of a catalogue has a rank or none has.
    pub rank: Option<u32>,
    /// Whether the state means no service involvement (counted as "closed").
    pub closed: bool,
}

impl StateDef {
    /// A state with this id, labelled by it, no alias, no rank, not closed.
    pub fn new(id: impl Into<String>) -> StateDef {
        let id = id.into();
        StateDef {
            label: id.clone(),
            id,
            aliases: Vec::new(),
            rank: None,
            closed: false,
        }
    }

    /// The same state with a label for people.
    pub fn with_label(mut self, label: impl Into<String>) -> StateDef {
        self.label = label.into();
        self
    }

    /// The same state with other labels accepted on input.
    pub fn with_aliases<I, S>(mut self, aliases: I) -> StateDef
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.aliases = aliases.into_iter().map(Into::into).collect();
        self
    }

    /// The same state with an intensity rank.
    pub fn with_rank(mut self, rank: u32) -> StateDef {
        self.rank = Some(rank);
        self
    }

    /// The same state, marked closed (no service involvement).
    pub fn closed(mut self) -> StateDef {
        self.closed = true;
        self
    }
}

/// The states an appraisal uses, with the word for one of them in messages
/// (`"care status"`, `"state"`).
///
/// Built from [`StateDef`]s, checked once: ids and aliases are unique in any
/// case, none is empty, and ranks are given for all states or for none.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "RawCatalogue", into = "RawCatalogue")]
pub struct StateCatalogue {
    noun: String,
    states: Vec<StateDef>,
    /// Every accepted label, upper-cased, with its state.
    lookup: HashMap<Box<[u8]>, State>,
    /// Labels of up to 7 bytes packed into one integer each (see
    /// `pack_upper`), searched first: comparing integers beats hashing bytes.
    short: ShortLabels,
    /// The longest accepted label, in bytes (a longer one is refused unread).
    longest: usize,
    expected: String,
}

#[derive(Serialize, Deserialize)]
struct RawCatalogue {
    noun: String,
    states: Vec<StateDef>,
}

impl TryFrom<RawCatalogue> for StateCatalogue {
    type Error = Error;
    fn try_from(raw: RawCatalogue) -> Result<StateCatalogue> {
        StateCatalogue::new(raw.noun, raw.states)
    }
}

impl From<StateCatalogue> for RawCatalogue {
    fn from(c: StateCatalogue) -> RawCatalogue {
        RawCatalogue {
            noun: c.noun,
            states: c.states,
        }
    }
}

/// Two catalogues are equal when their noun and states are: the lookup
/// tables are derived from them.
impl PartialEq for StateCatalogue {
    fn eq(&self, other: &StateCatalogue) -> bool {
        self.noun == other.noun && self.states == other.states
    }
}

impl Eq for StateCatalogue {}

impl StateCatalogue {
    /// The most states a catalogue may hold.
    pub const MAX_STATES: usize = 1024;

    /// A catalogue of `states`, called `noun` in messages.
    pub fn new(noun: impl Into<String>, states: Vec<StateDef>) -> Result<StateCatalogue> {
        Self::new_at(noun, states, &Location::field("states"), |_| None)
    }

    /// A ladder of statuses of rising intensity: `closed` (no service, rank
    /// 0) and then `rising`, ranked 1, 2, ... in the order given, so that
    /// [`Deterioration`](crate::Deterioration) can tell a step down from a
    /// step up.
    ///
    /// ```
    /// let states = froi::StateCatalogue::ladder("care status", "CLOSED", ["CIN", "CP", "LAC"])?;
    /// let (cin, lac) = (states.state("CIN")?, states.state("LAC")?);
    /// assert!(states.is_closed(states.state("closed")?));
    /// assert_eq!(states.movement(lac, cin), Some(froi::Movement::Improved));
    /// assert!(froi::StateCatalogue::ladder("care status", "CLOSED", ["CIN", "cin"]).is_err());
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn ladder<'a>(
        noun: impl Into<String>,
        closed: &str,
        rising: impl IntoIterator<Item = &'a str>,
    ) -> Result<StateCatalogue> {
        let closed = StateDef::new(closed).closed().with_rank(0);
        let rising = (1u32..)
            .zip(rising)
            .map(|(rank, id)| StateDef::new(id).with_rank(rank));
        Self::new(noun, std::iter::once(closed).chain(rising).collect())
    }

    /// [`StateCatalogue::new`], naming `at` (and the line of state `i`, where
    /// `line_of` knows it) in errors.
    pub(crate) fn new_at(
        noun: impl Into<String>,
        states: Vec<StateDef>,
        at: &Location,
        line_of: impl Fn(usize) -> Option<u64>,
    ) -> Result<StateCatalogue> {
        let place = |i: usize, field: &str| {
            let at = at.at_field(field);
            match line_of(i) {
                Some(line) => at.at_line(line),
                None => at,
            }
        };
        if states.is_empty() {
            return Err(Error::Missing {
                at: at.clone(),
                what: "states (the catalogue is empty)",
            });
        }
        if states.len() > Self::MAX_STATES {
            return Err(Error::OutOfRange {
                at: at.clone(),
                value: states.len().to_string(),
                field_rule: format!("a catalogue holds at most {} states", Self::MAX_STATES),
            });
        }
        let ranked = states.iter().filter(|s| s.rank.is_some()).count();
        if ranked != 0 && ranked != states.len() {
            let i = states.iter().position(|s| s.rank.is_none()).unwrap_or(0);
            return Err(Error::Missing {
                at: place(i, "rank"),
                what: "value (give every state a rank, or none)",
            });
        }
        let (lookup, longest) = Self::labels(&states, &place)?;
        let mut packed: Vec<(u64, State)> = lookup
            .iter()
            .filter_map(|(key, state)| Some((pack_upper(key)?, *state)))
            .collect();
        packed.sort_unstable();
        let short = ShortLabels::new(packed);
        let mut order: Vec<&StateDef> = states.iter().collect();
        order.sort_by_key(|s| s.rank);
        let expected = order
            .iter()
            .map(|s| match s.aliases.as_slice() {
                [] => s.id.clone(),
                aliases => format!("{} (or {})", s.id, aliases.join(", ")),
            })
            .collect::<Vec<_>>()
            .join(", ")
            + ", in any case";
        Ok(StateCatalogue {
            noun: noun.into(),
            states,
            lookup,
            short,
            longest,
            expected,
        })
    }

    /// Every label (id and aliases, upper-cased) to its state, each naming
    /// one state; and the longest label's length.
    #[allow(clippy::type_complexity)]
    fn labels(
        states: &[StateDef],
        place: &dyn Fn(usize, &str) -> Location,
    ) -> Result<(HashMap<Box<[u8]>, State>, usize)> {
        let mut lookup: HashMap<Box<[u8]>, State> = HashMap::new();
        let mut longest = 0;
        for (i, def) in states.iter().enumerate() {
            let state = State(u16::try_from(i).unwrap_or(u16::MAX));
            for (label, field) in
                std::iter::once((&def.id, "id")).chain(def.aliases.iter().map(|a| (a, "aliases")))
            {
                let key = fold(label.trim()).into_bytes();
                if key.is_empty() {
                    return Err(Error::Missing {
                        at: place(i, field),
                        what: "value",
                    });
                }
                longest = longest.max(key.len());
                if let Some(first) = lookup.insert(key.into_boxed_slice(), state) {
                    let first = states.get(first.index()).map_or("", |d| d.id.as_str());
                    return Err(Error::OutOfRange {
                        at: place(i, field),
                        value: format!("{label:?}"),
                        field_rule: format!(
                            "a label names one state, and {label:?} already names {first:?} (labels match in any case)"
                        ),
                    });
                }
            }
        }
        Ok((lookup, longest))
    }

    /// A catalogue of no states, for unit values read where no states are
    /// named: any state a value names is refused.
    pub(crate) fn none() -> StateCatalogue {
        StateCatalogue {
            noun: "state".into(),
            states: Vec::new(),
            lookup: HashMap::new(),
            short: ShortLabels::new(Vec::new()),
            longest: 0,
            expected: "none (the file names no `states` table)".into(),
        }
    }

    /// What one state is called in messages.
    pub fn noun(&self) -> &str {
        &self.noun
    }

    /// The number of states.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Whether the catalogue is empty (never, once built).
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// Every state, in catalogue order, with its definition.
    pub fn iter(&self) -> impl Iterator<Item = (State, &StateDef)> + '_ {
        self.states
            .iter()
            .enumerate()
            .map(|(i, d)| (State(u16::try_from(i).unwrap_or(u16::MAX)), d))
    }

    /// The state a label names (its id or an alias, in any case).
    pub fn state(&self, label: &str) -> Result<State> {
        self.state_at(label, &Location::field("state"))
    }

    /// [`StateCatalogue::state`], naming `at` in the error.
    pub(crate) fn state_at(&self, label: &str, at: &Location) -> Result<State> {
        self.lookup_bytes(label.trim().as_bytes())
            .ok_or_else(|| self.unknown(label, at.clone()))
    }

    /// The error for a label that names no state.
    pub(crate) fn unknown(&self, label: &str, at: Location) -> Error {
        Error::Unknown {
            at,
            what: self.noun.clone().into(),
            value: label.to_string(),
            expected: self.expected.clone(),
        }
    }

    /// A label from its (trimmed) bytes, any case, or `None`. Upper-cased on
    /// the stack: a national caseload has millions of labels.
    pub(crate) fn lookup_bytes(&self, label: &[u8]) -> Option<State> {
        if !label.is_ascii() {
            // Beyond ASCII, full Unicode case: "é" finds "É".
            let text = std::str::from_utf8(label).ok()?;
            return self.lookup.get(fold(text).as_bytes()).copied();
        }
        if label.len() > self.longest {
            return None;
        }
        if let Some(key) = pack_upper(label) {
            // Every label of up to 7 bytes is in `short`.
            return self.short.get(key);
        }
        let mut buf = [0u8; 64];
        match buf.get_mut(..label.len()) {
            Some(upper) => {
                for (u, b) in upper.iter_mut().zip(label) {
                    *u = b.to_ascii_uppercase();
                }
                self.lookup.get(&*upper).copied()
            }
            None => self.lookup.get(&*label.to_ascii_uppercase()).copied(),
        }
    }

    /// The definition of a state.
    pub fn def(&self, state: State) -> Option<&StateDef> {
        self.states.get(state.index())
    }

    /// The canonical label of a state (empty for a handle from another catalogue).
    pub fn id(&self, state: State) -> &str {
        self.def(state).map_or("", |d| d.id.as_str())
    }

    /// Whether a state means no service involvement.
    pub fn is_closed(&self, state: State) -> bool {
        self.def(state).is_some_and(|d| d.closed)
    }

    /// Whether the states carry an intensity order.
    pub fn is_ranked(&self) -> bool {
        self.states.iter().all(|s| s.rank.is_some())
    }

    /// How `outcome` compares with `entry` by intensity rank, or `None` for
    /// a catalogue without ranks.
    pub fn movement(&self, entry: State, outcome: State) -> Option<Movement> {
        let rank = |s: State| self.def(s).and_then(|d| d.rank);
        Some(Movement::from_order(rank(outcome)?.cmp(&rank(entry)?)))
    }
}

/// A label of up to 7 bytes, upper-cased, packed into one integer with its
/// length in the top byte (so `CP` and `CP\0` differ); `None` if longer.
/// No label packs to this: its top byte, the length, would be 255.
const EMPTY: u64 = u64::MAX;

/// Packed short labels in a table indexed by a multiplicative hash chosen
/// so that no two labels share a slot: one multiply, one load and one
/// compare a lookup, with no data-dependent branch for a caseload's millions
/// of rows to mispredict. If no multiplier separates them (never seen), the
/// A label in the one case labels are compared in: ASCII upper-cased byte by
/// byte (the common, fast case), anything else by Unicode's upper case, so
/// "é" and "É" are one label.
fn fold(label: &str) -> String {
    if label.is_ascii() {
        label.to_ascii_uppercase()
    } else {
        label.to_uppercase()
    }
}

/// labels are searched in turn.
#[derive(Debug, Clone)]
struct ShortLabels {
    /// `(key, state)` per slot; [`EMPTY`] marks an empty one.
    slots: Vec<(u64, State)>,
    multiplier: u64,
    shift: u32,
    /// The labels in order, for the fallback search.
    all: Vec<(u64, State)>,
}

impl ShortLabels {
    fn new(all: Vec<(u64, State)>) -> ShortLabels {
        let size = (all.len() * 4).next_power_of_two().clamp(16, 1 << 12);
        let shift = 64 - size.trailing_zeros();
        let empty = (EMPTY, State(0));
        // Odd multipliers from a Weyl sequence: the first that separates wins.
        let mut multiplier = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..64 {
            let mut slots = vec![empty; size];
            let clean = all.iter().all(|(k, s)| {
                let i = (k.wrapping_mul(multiplier) >> shift) as usize;
                match slots.get_mut(i) {
                    Some(slot) if slot.0 == EMPTY => {
                        *slot = (*k, *s);
                        true
                    }
                    _ => false,
                }
            });
            if clean {
                return ShortLabels {
                    slots,
                    multiplier,
                    shift,
                    all,
                };
            }
            multiplier = multiplier.wrapping_add(0x6A09_E667_F3BC_C909) | 1;
        }
        ShortLabels {
            slots: Vec::new(),
            multiplier,
            shift,
            all,
        }
    }

    fn get(&self, key: u64) -> Option<State> {
        if self.slots.is_empty() {
            return self.all.iter().find(|(k, _)| *k == key).map(|(_, s)| *s);
        }
        let i = (key.wrapping_mul(self.multiplier) >> self.shift) as usize;
        self.slots
            .get(i)
            .filter(|(k, _)| *k == key)
            .map(|(_, s)| *s)
    }
}

fn pack_upper(label: &[u8]) -> Option<u64> {
    if label.len() > 7 {
        return None;
    }
    let mut key = (label.len() as u64) << 56;
    for (i, b) in label.iter().enumerate() {
        key |= u64::from(b.to_ascii_uppercase()) << (8 * i);
    }
    Some(key)
}

/// How a state at the outcome point compares with the state at entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// To a less intensive (or less costly) state.
    Improved,
    /// The same intensity (or cost).
    Unchanged,
    /// To a more intensive (or more costly) state.
    Deteriorated,
}

impl Movement {
    /// The movement an outcome makes, from how it compares with entry.
    pub fn from_order(outcome_to_entry: std::cmp::Ordering) -> Movement {
        match outcome_to_entry {
            std::cmp::Ordering::Less => Movement::Improved,
            std::cmp::Ordering::Equal => Movement::Unchanged,
            std::cmp::Ordering::Greater => Movement::Deteriorated,
        }
    }
}

impl fmt::Display for Movement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Movement::Improved => "improved",
            Movement::Unchanged => "unchanged",
            Movement::Deteriorated => "deteriorated",
        })
    }
}

#[cfg(test)]
#[cfg(feature = "nelc")]
mod tests {
    use super::*;

    fn nelc() -> StateCatalogue {
        crate::nelc_2020::states().unwrap()
    }

    #[test]
    fn every_published_label_in_any_case() {
        let c = nelc();
        let cases = [
            ("CLOSED", "CLOSED"),
            ("Closed", "CLOSED"),
            ("cin", "CIN"),
            ("CP", "CP"),
            ("cpp", "CP"),
            ("KIN", "KINSHIP"),
            ("Kinship", "KINSHIP"),
            ("LAC", "LAC"),
            ("FOSTER", "LAC"),
            (" foster ", "LAC"),
        ];
        for (label, id) in cases {
            assert_eq!(c.id(c.state(label).unwrap()), id, "{label}");
        }
        for (state, def) in c.iter() {
            assert_eq!(c.state(&def.id).unwrap(), state);
        }
    }

    proptest::proptest! {
        /// The packed table finds exactly what the map of labels holds, for
        /// any short byte string (letters of the labels, any case, and noise).
        #[test]
        fn the_packed_table_agrees_with_the_map(
            label in proptest::collection::vec(
                proptest::sample::select(b"CINPLAOSEDKHFTRcinpx\xc3 ".to_vec()), 0..9)
        ) {
            let c = nelc();
            let map = c.lookup.get(&*label.to_ascii_uppercase()).copied();
            proptest::prop_assert_eq!(c.lookup_bytes(&label), map);
        }
    }

    #[test]
    fn near_misses_are_refused() {
        let c = nelc();
        for label in [
            "", "C", "CI", "CINX", "CLOSE", "CLOSEDX", "KINSHIPS", "LA", "FOSTERED", "CÍN",
            "ADOPTED",
        ] {
            assert!(c.state(label).is_err(), "{label}");
        }
    }

    #[test]
    fn a_label_may_name_one_state_only() {
        let err = StateCatalogue::new(
            "state",
            vec![
                StateDef::new("A").with_aliases(["x"]),
                StateDef::new("B").with_aliases(["X"]),
            ],
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "field `aliases`: \"X\" is out of range: a label names one state, and \"X\" already names \"A\" (labels match in any case)"
        );
    }

    #[test]
    fn ranks_for_all_or_none() {
        let err = StateCatalogue::new(
            "state",
            vec![StateDef::new("A").with_rank(1), StateDef::new("B")],
        )
        .unwrap_err();
        assert!(err.to_string().contains("give every state a rank"), "{err}");
        let c = StateCatalogue::new("state", vec![StateDef::new("A"), StateDef::new("B")]).unwrap();
        assert_eq!(c.movement(State(0), State(1)), None);
    }

    #[test]
    fn long_labels_are_looked_up_too() {
        let long = "L".repeat(100);
        let c = StateCatalogue::new("state", vec![StateDef::new(long.clone())]).unwrap();
        assert_eq!(c.state(&long.to_lowercase()).unwrap(), State(0));
    }
}
