//! Families, their results, and cohort totals.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::money::{Money, Ratio};
use crate::states::{Movement, State, StateCatalogue};

/// A calendar month, as in `2016-02`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "YearMonthData")]
pub struct YearMonth {
    /// The year.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
}

impl YearMonth {
    /// Parse `YYYY-MM`.
    ///
    /// ```
    /// use froi::YearMonth;
    /// let m = YearMonth::parse("2016-02").unwrap();
    /// assert_eq!((m.year, m.month), (2016, 2));
    /// assert!(YearMonth::parse("Feb 16").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<YearMonth> {
        Self::parse_at(text, &Location::default())
    }

    /// [`YearMonth::parse`], naming `at` in the error.
    pub(crate) fn parse_at(text: &str, at: &Location) -> Result<YearMonth> {
        Self::from_bytes(text.trim().as_bytes()).ok_or_else(|| Error::Unknown {
            at: at.clone(),
            what: "month".into(),
            value: text.to_string(),
            expected: "YYYY-MM with a month from 01 to 12, e.g. 2016-02".into(),
        })
    }

    /// `YYYY-MM` from its bytes, or `None`. (Read byte by byte: a national
    /// family table has millions of them.)
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<YearMonth> {
        let [y0, y1, y2, y3, b'-', m0, m1] = *bytes else {
            return None;
        };
        let digit = |b: u8| b.checked_sub(b'0').filter(|d| *d <= 9);
        let mut year: u16 = 0;
        for b in [y0, y1, y2, y3] {
            year = year * 10 + u16::from(digit(b)?);
        }
        let month = digit(m0)? * 10 + digit(m1)?;
        (1..=12)
            .contains(&month)
            .then_some(YearMonth { year, month })
    }
}

crate::money::from_str_by_parse!(YearMonth);

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Figures a publication states for a family, kept for comparison (and, if a
/// scenario asks, used in place of the computed benefit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedFigures {
    /// The published cost.
    pub cost: Option<Money>,
    /// The published benefit.
    pub benefit: Option<Money>,
    /// The published benefit.cost ratio, at the precision printed.
    pub ratio: Option<Ratio>,
}

/// One family that received the intervention.
///
/// ```
/// use froi::Family;
/// let states = froi::nelc_2020::states()?;
/// let (cp, closed) = (states.state("CP")?, states.state("CLOSED")?);
/// let f = Family::new(1, "3", 4, 1, cp, cp, closed)?;
/// assert_eq!(f.children(), 4);
/// assert!(Family::new(1, "x", 0, 1, closed, closed, closed).is_err());
/// # Ok::<(), froi::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FamilyData")]
pub struct Family {
    cohort: u32,
    id: String,
    children: u32,
    sessions: u32,
    entry: State,
    exit: State,
    follow_up: State,
    exit_month: Option<YearMonth>,
    published: PublishedFigures,
    source: String,
}

impl Family {
    /// The most children a family row may have: a bound on what a typing
    /// error can make plausible, far above any family.
    pub const MAX_CHILDREN: u32 = 1_000;

    /// The most sessions a family row may have had.
    pub const MAX_SESSIONS: u32 = 10_000;

    pub(crate) const CHILDREN_RULE: &'static str =
        "a family has a whole number of children, 1 to 1,000";
    pub(crate) const SESSIONS_RULE: &'static str =
        "a family had a whole number of sessions, 1 to 10,000";

    /// A family with at least one child and at least one session.
    pub fn new(
        cohort: u32,
        id: impl Into<String>,
        children: u32,
        sessions: u32,
        entry: State,
        exit: State,
        follow_up: State,
    ) -> Result<Family> {
        Self::new_at(
            cohort,
            id,
            children,
            sessions,
            [entry, exit, follow_up],
            &Location::default(),
        )
    }

    pub(crate) fn new_at(
        cohort: u32,
        id: impl Into<String>,
        children: u32,
        sessions: u32,
        [entry, exit, follow_up]: [State; 3],
        at: &Location,
    ) -> Result<Family> {
        for (field, n, max, rule) in [
            (
                "children",
                children,
                Family::MAX_CHILDREN,
                Family::CHILDREN_RULE,
            ),
            (
                "sessions",
                sessions,
                Family::MAX_SESSIONS,
                Family::SESSIONS_RULE,
            ),
        ] {
            if n == 0 || n > max {
                return Err(Error::OutOfRange {
                    at: at.at_field(field),
                    value: n.to_string(),
                    field_rule: rule.into(),
                });
            }
        }
        Ok(Family {
            cohort,
            id: id.into(),
            children,
            sessions,
            entry,
            exit,
            follow_up,
            exit_month: None,
            published: PublishedFigures::default(),
            source: String::new(),
        })
    }

    /// A family built by named steps, so counts cannot be swapped:
    ///
    /// ```
    /// use froi::Family;
    /// let states = froi::nelc_2020::states()?;
    /// let (cp, cin) = (states.state("CP")?, states.state("CIN")?);
    /// let f = Family::builder(1, "17")
    ///     .children(1)
    ///     .sessions(1)
    ///     .states(cp, cin, cin)
    ///     .build()?;
    /// assert_eq!((f.children(), f.sessions()), (1, 1));
    /// // Forgetting the states is an error, not a default.
    /// assert!(Family::builder(1, "x").children(1).sessions(1).build().is_err());
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn builder(cohort: u32, id: impl Into<String>) -> FamilyBuilder {
        FamilyBuilder {
            cohort,
            id: id.into(),
            children: 0,
            sessions: 0,
            states: None,
        }
    }

    /// The same family with an exit month.
    pub fn with_exit_month(mut self, month: YearMonth) -> Family {
        self.exit_month = Some(month);
        self
    }

    /// The same family with figures a publication states for it.
    pub fn with_published(mut self, published: PublishedFigures) -> Family {
        self.published = published;
        self
    }

    /// The same family with the benefit a publication prints for it (what
    /// [`crate::BenefitBasis::Published`] takes in place of the rule's).
    pub fn with_published_benefit(mut self, benefit: Money) -> Family {
        self.published.benefit = Some(benefit);
        self
    }

    /// The same family with a note of where its row comes from.
    pub fn with_source(mut self, source: impl Into<String>) -> Family {
        self.source = source.into();
        self
    }

    /// Where the family's row comes from (empty if not given).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The cohort number.
    pub fn cohort(&self) -> u32 {
        self.cohort
    }
    /// The family's id, unique within its cohort.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Number of children.
    pub fn children(&self) -> u32 {
        self.children
    }
    /// Number of sessions (conferences) held.
    pub fn sessions(&self) -> u32 {
        self.sessions
    }
    /// Status at entry to the service.
    pub fn entry(&self) -> State {
        self.entry
    }
    /// Status at exit from the service.
    pub fn exit(&self) -> State {
        self.exit
    }
    /// Status at follow-up.
    pub fn follow_up(&self) -> State {
        self.follow_up
    }
    /// Month of exit, if known.
    pub fn exit_month(&self) -> Option<YearMonth> {
        self.exit_month
    }
    /// Figures a publication states for this family.
    pub fn published(&self) -> PublishedFigures {
        self.published
    }
}

/// Builds a [`Family`] by named steps ([`Family::builder`]).
#[derive(Debug, Clone)]
pub struct FamilyBuilder {
    cohort: u32,
    id: String,
    children: u32,
    sessions: u32,
    states: Option<[State; 3]>,
}

impl FamilyBuilder {
    /// The number of children (at least 1).
    pub fn children(mut self, n: u32) -> FamilyBuilder {
        self.children = n;
        self
    }

    /// The number of sessions held (at least 1).
    pub fn sessions(mut self, n: u32) -> FamilyBuilder {
        self.sessions = n;
        self
    }

    /// The states at entry, at exit and at follow-up.
    pub fn states(mut self, entry: State, exit: State, follow_up: State) -> FamilyBuilder {
        self.states = Some([entry, exit, follow_up]);
        self
    }

    /// The statuses at entry, exit and follow-up by their ids (or
    /// aliases), separated by spaces: `"CP CP LAC"`.
    ///
    /// ```
    /// let states = froi::StateCatalogue::ladder("care status", "CLOSED", ["CIN", "CP"])?;
    /// let f = froi::Family::builder(1, "17").children(1).sessions(1);
    /// let f = f.path(&states, "CP CIN closed")?.build()?;
    /// assert_eq!(states.id(f.follow_up()), "CLOSED");
    /// let short = froi::Family::builder(1, "18").path(&states, "CP CIN").unwrap_err();
    /// assert!(short.to_string().contains("three statuses"));
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn path(self, states: &StateCatalogue, path: &str) -> Result<FamilyBuilder> {
        let ids: Vec<&str> = path.split_whitespace().collect();
        let [entry, exit, follow_up] = ids.as_slice() else {
            return Err(Error::OutOfRange {
                at: Location::field("path"),
                value: path.to_string(),
                field_rule: "a path names three statuses: entry, exit and follow-up".into(),
            });
        };
        let (entry, exit, follow_up) = (
            states.state(entry)?,
            states.state(exit)?,
            states.state(follow_up)?,
        );
        Ok(self.states(entry, exit, follow_up))
    }

    /// The family, checked as [`Family::new`] checks it.
    pub fn build(self) -> Result<Family> {
        let states = self.states.ok_or(Error::Missing {
            at: Location::field("states"),
            what: "value (give the states at entry, exit and follow-up)",
        })?;
        Family::new_at(
            self.cohort,
            self.id,
            self.children,
            self.sessions,
            states,
            &Location::default(),
        )
    }
}

/// The appraisal of one family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FamilyResult {
    /// The cohort.
    pub cohort: u32,
    /// The family id.
    pub family: String,
    /// Number of children.
    pub children: u32,
    /// Sessions held.
    pub sessions: u32,
    /// State at entry (its id).
    pub entry: String,
    /// State at the rule's outcome point (its id).
    pub outcome: String,
    /// How the outcome compares with entry.
    pub movement: Movement,
    /// Cost: unit cost x sessions.
    pub cost: Money,
    /// Benefit by the valuation rule: children x benefit per child.
    pub rule_benefit: Money,
    /// The benefit counted: the rule's, or the published figure if the scenario uses published benefits.
    pub benefit: Money,
    /// Whether `benefit` is the published figure.
    pub benefit_is_published: bool,
    /// Benefit / cost.
    pub ratio: Ratio,
}

/// Counts of families by outcome, as the NELC appendix's notes under each
/// table report them. "Closed" is a state the catalogue marks closed; a
/// movement is by intensity rank, or by value where the catalogue has no ranks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OutcomeCounts {
    /// Closed to social care at exit.
    pub closed_at_exit: u32,
    /// Closed to social care at follow-up.
    pub closed_at_follow_up: u32,
    /// Still open at follow-up.
    pub open_at_follow_up: u32,
    /// Moved to a less intensive status (entry to the outcome point).
    pub improved: u32,
    /// Same status.
    pub unchanged: u32,
    /// Moved to a more intensive status.
    pub deteriorated: u32,
}

/// Totals, averages and the ratio of a group of families.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CohortResult {
    /// The cohort number (`None` for all families together).
    pub cohort: Option<u32>,
    /// Number of families.
    pub families: u32,
    /// Number of children.
    pub children: u32,
    /// Number of sessions.
    pub sessions: u32,
    /// Sum of family costs.
    pub total_cost: Money,
    /// Sum of family benefits (as counted).
    pub total_benefit: Money,
    /// Total cost / families.
    pub average_cost: Money,
    /// Total benefit / families.
    pub average_benefit: Money,
    /// Children / families.
    pub average_children: Decimal,
    /// Total benefit / total cost.
    pub ratio: Ratio,
    /// Counts by outcome.
    pub outcomes: OutcomeCounts,
}

impl CohortResult {
    /// Fold family results (with their families, for the exit and follow-up
    /// counts) into a group result.
    pub fn from_families<'a, I>(
        cohort: Option<u32>,
        states: &StateCatalogue,
        rows: I,
    ) -> Result<CohortResult>
    where
        I: IntoIterator<Item = (&'a Family, &'a FamilyResult)>,
    {
        let mut families = 0u32;
        let mut children = 0u32;
        let mut sessions = 0u32;
        let mut total_cost = Money::ZERO;
        let mut total_benefit = Money::ZERO;
        let mut outcomes = OutcomeCounts::default();
        for (family, result) in rows {
            families = count_up(families, 1)?;
            children = count_up(children, result.children)?;
            sessions = count_up(sessions, result.sessions)?;
            total_cost = total_cost.checked_add(result.cost)?;
            total_benefit = total_benefit.checked_add(result.benefit)?;
            let closed_at_follow_up = states.is_closed(family.follow_up());
            outcomes.closed_at_exit += u32::from(states.is_closed(family.exit()));
            outcomes.closed_at_follow_up += u32::from(closed_at_follow_up);
            outcomes.open_at_follow_up += u32::from(!closed_at_follow_up);
            match result.movement {
                Movement::Improved => outcomes.improved += 1,
                Movement::Unchanged => outcomes.unchanged += 1,
                Movement::Deteriorated => outcomes.deteriorated += 1,
            }
        }
        let name = match cohort {
            Some(c) => format!("cohort {c}"),
            None => "all families".to_string(),
        };
        if families == 0 {
            return Err(Error::EmptyCohort {
                at: Location::field("cohort"),
                cohort: cohort.unwrap_or(0),
            });
        }
        let n = u64::from(families);
        Ok(CohortResult {
            cohort,
            families,
            children,
            sessions,
            total_cost,
            total_benefit,
            average_cost: total_cost
                .checked_average(n, || format!("the average cost of {name}"))?,
            average_benefit: total_benefit
                .checked_average(n, || format!("the average benefit of {name}"))?,
            average_children: crate::money::div(
                Decimal::from(children),
                Decimal::from(families),
                || format!("the average children of {name}"),
            )?,
            ratio: total_benefit
                .ratio_to(total_cost, || format!("the benefit-cost ratio of {name}"))?,
            outcomes,
        })
    }
}

fn count_up(a: u32, b: u32) -> Result<u32> {
    a.checked_add(b)
        .ok_or_else(|| crate::money::overflow("count", a, b))
}

/// A month as written, checked as [`YearMonth::parse`] checks it.
#[derive(Deserialize)]
struct YearMonthData {
    year: u16,
    month: u8,
}

impl TryFrom<YearMonthData> for YearMonth {
    type Error = Error;
    fn try_from(d: YearMonthData) -> Result<YearMonth> {
        YearMonth::parse(&format!("{:04}-{:02}", d.year, d.month))
    }
}

/// A family as written, read back through [`Family::new`] and its `with_*`.
#[derive(Deserialize)]
struct FamilyData {
    cohort: u32,
    id: String,
    children: u32,
    sessions: u32,
    entry: State,
    exit: State,
    follow_up: State,
    exit_month: Option<YearMonth>,
    published: PublishedFigures,
    source: String,
}

impl TryFrom<FamilyData> for Family {
    type Error = Error;
    fn try_from(d: FamilyData) -> Result<Family> {
        let mut f = Family::new(
            d.cohort,
            d.id,
            d.children,
            d.sessions,
            d.entry,
            d.exit,
            d.follow_up,
        )?
        .with_published(d.published)
        .with_source(d.source);
        if let Some(m) = d.exit_month {
            f = f.with_exit_month(m);
        }
        Ok(f)
    }
}
