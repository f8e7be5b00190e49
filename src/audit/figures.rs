//! A publication file for any appraisal: each printed figure, where it is
//! printed, and what it claims to be, in the model's terms (`is`) or as a
//! relation to other printed figures (`from`). docs/scenario-format.md,
//! "Printed figures (TOML)", describes the file.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::printed::{Interval, Printed};
use crate::error::{Error, Location, Result};
use crate::money::parse_decimal;

/// The printed figures of one published appraisal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedAppraisal {
    /// What the publication is, for reports.
    pub name: String,
    /// The file it was read from, named in the audit's errors (empty for
    /// one built in code).
    pub file: String,
    /// The documents figures are printed in, by the short name figures use.
    pub sources: BTreeMap<String, String>,
    /// The calendar year that is the programme's year 0, if figures name
    /// years by calendar (`year = 2004`); otherwise years are counted from 0.
    pub year_zero: Option<i64>,
    /// The share of a figure a hedge ("about", "nearly") allows, unless a
    /// figure states its own.
    pub hedge_tolerance: Option<Decimal>,
    /// The figures, in the file's order.
    pub figures: Vec<PrintedFigure>,
}

/// One printed figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedFigure {
    /// Its id, unique in the file.
    pub id: String,
    /// The figure as printed; `None` for a figure the publication does not
    /// print but its figures imply (derived from its first relation).
    pub printed: Option<Printed>,
    /// Where it is printed.
    pub place: Place,
    /// The words around it, if they say what it is ("£2.30 for every £1").
    pub quote: Option<String>,
    /// The share of the figure its hedge allows, if it has one.
    pub tolerance: Option<Decimal>,
    /// What the figure claims to be in the programme's appraisal.
    pub is: Option<Measure>,
    /// How it follows from other figures: each relation a check (for a
    /// derived figure, the first defines it).
    pub from: Vec<Relation>,
    /// The period the figure says it covers ("a year", "five years",
    /// "18 months"), where it says.
    pub period: Option<String>,
    /// The line of the file it is written on.
    pub line: Option<u64>,
    /// A conclusion of the publication (a ratio, a net saving).
    pub headline: bool,
    /// For a headline: the value at which its conclusion turns (1 for a
    /// benefit-cost ratio, 0 for a net saving).
    pub switching: Option<Decimal>,
    /// The publication presents the figure as an assumption.
    pub assumption: bool,
}

/// Where a figure is printed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The short name of the source (a key of `[sources]`).
    pub source: String,
    /// Table, row, column, page, paragraph: whichever the source has.
    #[serde(default)]
    pub table: Option<String>,
    /// The row's label.
    #[serde(default)]
    pub row: Option<String>,
    /// The column's heading.
    #[serde(default)]
    pub column: Option<String>,
    /// The page.
    #[serde(default)]
    pub page: Option<String>,
    /// The line, where the source is a text with numbered lines.
    #[serde(default)]
    pub line: Option<u32>,
}

impl Place {
    /// Where a figure is printed, in the words of its source: "table_5,
    /// Table 5, row Total, column Health service benefits"; empty for a
    /// figure printed nowhere.
    pub fn describe(&self) -> String {
        let parts = [
            ("", &self.table),
            ("row ", &self.row),
            ("column ", &self.column),
            ("page ", &self.page),
        ];
        let mut words: Vec<String> = vec![self.source.clone()];
        words.extend(
            parts
                .iter()
                .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}{v}"))),
        );
        if let Some(line) = self.line {
            words.push(format!("line {line}"));
        }
        words.retain(|w| !w.is_empty());
        words.join(", ")
    }
}

/// A quantity of the programme's appraisal a figure claims to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measure {
    /// Which quantity.
    pub quantity: Quantity,
    /// Only the streams of this agency (benefits; a ratio's costs stay all
    /// the programme's).
    pub agency: Option<String>,
    /// Only this stream.
    pub stream: Option<String>,
    /// One year (calendar, if the file gives `year_zero`), not the whole
    /// horizon.
    pub year: Option<i64>,
    /// Divided by the programme's participants.
    pub per_participant: bool,
}

/// The quantities of an appraisal a printed figure can claim to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Quantity {
    /// Present value of benefits (discounted; a year's discounted benefits).
    PvBenefits,
    /// Present value of costs.
    PvCosts,
    /// Net present value.
    Npv,
    /// Benefits over costs: present values, or one year's flows.
    Bcr,
    /// Net benefit over costs.
    NetRatio,
    /// Fiscal benefits over costs, present values.
    FiscalBcr,
    /// Benefits in real terms, undiscounted (a year's, or summed).
    Benefits,
    /// Costs in real terms, undiscounted.
    Costs,
    /// Benefits less costs in real terms, undiscounted.
    Net,
    /// The year the discounted cumulative net first is not negative.
    PaybackYear,
}

impl Quantity {
    const WORDS: [(&'static str, Quantity); 10] = [
        ("pv_benefits", Quantity::PvBenefits),
        ("pv_costs", Quantity::PvCosts),
        ("npv", Quantity::Npv),
        ("bcr", Quantity::Bcr),
        ("net_ratio", Quantity::NetRatio),
        ("fiscal_bcr", Quantity::FiscalBcr),
        ("benefits", Quantity::Benefits),
        ("costs", Quantity::Costs),
        ("net", Quantity::Net),
        ("payback_year", Quantity::PaybackYear),
    ];

    /// The word a file uses for it.
    pub fn word(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(_, q)| *q == self)
            .map_or("", |(w, _)| w)
    }
}

/// How a figure follows from other printed figures (named by id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relation {
    /// The sum of its parts.
    Sum(Vec<String>),
    /// The first less the second.
    Net(String, String),
    /// The first over the second.
    Ratio(String, String),
    /// The product of its factors.
    Product(Vec<String>),
    /// The present value of yearly figures, the first in year 0, at the
    /// programme's discount schedule and timing.
    PresentValue(Vec<String>),
    /// The same figure as another, printed elsewhere.
    Same(String),
}

impl Relation {
    /// The relation over its parts' ranges (points, for exact values), a
    /// present value at `factors`; an error naming `at` on overflow or a
    /// divisor whose range holds zero.
    pub(crate) fn over(
        &self,
        parts: &[Interval],
        factors: &[Decimal],
        at: &Location,
    ) -> Result<Interval> {
        let overflow = || {
            let what = "the printed parts overflow, or a divisor's range holds zero";
            crate::money::overflow("interval arithmetic", self.describe(), what)
                .computing(|| format!("{at}"))
        };
        let first = parts.first().copied().ok_or_else(overflow)?;
        let rest = parts.get(1..).unwrap_or_default();
        let value = match self {
            Relation::Sum(_) => rest.iter().try_fold(first, |a, b| a.checked_add(*b)),
            Relation::Product(_) => rest.iter().try_fold(first, |a, b| a.checked_mul(*b)),
            Relation::Net(..) => rest.first().and_then(|b| first.checked_sub(*b)),
            Relation::Ratio(..) => rest.first().and_then(|b| first.checked_div(*b)),
            Relation::PresentValue(_) => present_value(parts, factors),
            Relation::Same(_) => Some(first),
        };
        value.ok_or_else(overflow)
    }

    /// The relation over exact values; `None` where it cannot be taken.
    pub(crate) fn exact(&self, parts: &[Interval], factors: &[Decimal]) -> Option<Decimal> {
        self.over(parts, factors, &Location::default())
            .ok()
            .map(|i| i.lo)
    }

    /// The relation in words: "the sum of a + b".
    pub fn describe(&self) -> String {
        let (word, joiner) = match self {
            Relation::Sum(_) => ("the sum of", " + "),
            Relation::Net(..) => ("the net", " - "),
            Relation::Ratio(..) => ("the ratio", " / "),
            Relation::Product(_) => ("the product", " x "),
            Relation::PresentValue(_) => ("the present value at the programme's schedule of", ", "),
            Relation::Same(_) => ("the same figure as", ""),
        };
        format!("{word} {}", self.parts().join(joiner))
    }

    /// The ids it is made of.
    pub fn parts(&self) -> Vec<&str> {
        match self {
            Relation::Sum(v) | Relation::Product(v) | Relation::PresentValue(v) => {
                v.iter().map(String::as_str).collect()
            }
            Relation::Net(a, b) | Relation::Ratio(a, b) => vec![a, b],
            Relation::Same(a) => vec![a],
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    name: String,
    #[serde(default)]
    sources: BTreeMap<String, String>,
    year_zero: Option<i64>,
    hedge_tolerance: Option<String>,
    #[serde(default)]
    figure: Vec<toml::Spanned<RawFigure>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    id: String,
    printed: Option<String>,
    #[serde(default)]
    exact: bool,
    period: Option<String>,
    #[serde(rename = "where", default)]
    place: Place,
    quote: Option<String>,
    step: Option<String>,
    tolerance: Option<String>,
    is: Option<RawMeasure>,
    from: Option<OneOrMany>,
    #[serde(default)]
    headline: bool,
    switching: Option<String>,
    #[serde(default)]
    assumption: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(RawRelation),
    Many(Vec<RawRelation>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    measure: String,
    agency: Option<String>,
    stream: Option<String>,
    year: Option<i64>,
    #[serde(default)]
    per_participant: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
enum RawRelation {
    Sum(Vec<String>),
    Net(Vec<String>),
    Ratio(Vec<String>),
    Product(Vec<String>),
    PresentValue(Vec<String>),
    Same(String),
}

impl PrintedAppraisal {
    /// Read a publication's printed figures (TOML); `file` names it in
    /// errors.
    ///
    /// ```
    /// let text = r#"
    /// name = "A table"
    /// sources = { t = "Table 1" }
    /// [[figure]]
    /// id = "total"
    /// printed = "£1.29m"
    /// where = { source = "t", row = "Total" }
    /// from = { sum = ["a", "b"] }
    /// [[figure]]
    /// id = "a"
    /// printed = "£1,000,000"
    /// where = { source = "t", row = "A" }
    /// [[figure]]
    /// id = "b"
    /// printed = "£288,920"
    /// where = { source = "t", row = "B" }
    /// "#;
    /// let p = froi::audit::PrintedAppraisal::from_toml(text, "printed.toml")?;
    /// assert_eq!(p.figures[0].printed.as_ref().map(|x| x.value.to_string()), Some("1290000".into()));
    /// assert!(froi::audit::PrintedAppraisal::from_toml("name = 1", "x.toml").is_err());
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn from_toml(text: &str, file: &str) -> Result<PrintedAppraisal> {
        let raw: RawFile =
            toml::from_str(text).map_err(|e| crate::load::toml_error(&e, text, file))?;
        let at = Location::file(file);
        let hedge_tolerance = raw
            .hedge_tolerance
            .as_deref()
            .map(|t| share(t, &at.at_field("hedge_tolerance")))
            .transpose()?;
        // Lines counted on from the last figure's, not from the top each
        // time: the figures come in the file's order.
        let mut lines = Lines {
            text,
            offset: 0,
            line: 1,
        };
        let figures = raw
            .figure
            .into_iter()
            .map(|f| {
                let line = lines.at(f.span().start);
                figure(f.into_inner(), &at.at_line(line), line)
            })
            .collect::<Result<Vec<_>>>()?;
        let p = PrintedAppraisal {
            name: raw.name,
            file: file.to_string(),
            sources: raw.sources,
            year_zero: raw.year_zero,
            hedge_tolerance,
            figures,
        };
        p.validate(file)?;
        Ok(p)
    }

    /// Read a publication's printed figures from a file.
    pub fn read(path: impl AsRef<std::path::Path>) -> Result<PrintedAppraisal> {
        let path = path.as_ref();
        let text = crate::load::read_text(path)?;
        PrintedAppraisal::from_toml(&text, &path.display().to_string())
    }

    /// The discount factors its present-value relations take, from
    /// `programme`'s schedule and timing: none if no figure takes one, an
    /// error if one does and there is no programme.
    pub(crate) fn factors(
        &self,
        programme: Option<&crate::over_time::Programme>,
    ) -> Result<Vec<Decimal>> {
        let longest = self
            .figures
            .iter()
            .flat_map(|f| &f.from)
            .filter_map(|r| match r {
                Relation::PresentValue(parts) => Some(parts.len()),
                _ => None,
            })
            .max();
        match (longest, programme) {
            (Some(n), Some(p)) => {
                let last = u32::try_from(n.saturating_sub(1)).unwrap_or(u32::MAX);
                p.timing.factors(&p.schedule, last)
            }
            (Some(_), None) => Err(Error::Missing {
                at: Location::field("programme"),
                what: "programme (a present value is taken at its discount schedule and timing)",
            }),
            (None, _) => Ok(Vec::new()),
        }
    }

    /// The figure of this id.
    pub fn figure(&self, id: &str) -> Option<&PrintedFigure> {
        self.figures.iter().find(|f| f.id == id)
    }

    /// Each id once; every part of a relation and every source named exists;
    /// a hedged figure has a tolerance; no figure is made, through others,
    /// of itself.
    fn validate(&self, file: &str) -> Result<()> {
        let mut seen = BTreeMap::new();
        for f in &self.figures {
            if let Some(first) = seen.insert(f.id.as_str(), f.line) {
                return Err(Error::OutOfRange {
                    at: located(file, f).at_field("id"),
                    value: f.id.clone(),
                    field_rule: format!(
                        "each figure's id is used once (first at line {})",
                        first.unwrap_or(0)
                    ),
                });
            }
        }
        for f in &self.figures {
            self.check_figure(f, &located(file, f), &seen)?;
        }
        self.check_acyclic(file)
    }

    fn check_figure(
        &self,
        f: &PrintedFigure,
        at: &Location,
        ids: &BTreeMap<&str, Option<u64>>,
    ) -> Result<()> {
        // A derived figure is printed nowhere, so it may name no source.
        let unplaced = f.printed.is_none() && f.place.source.is_empty();
        if !unplaced && !self.sources.contains_key(&f.place.source) {
            return Err(unknown(
                at.at_field("where.source"),
                "source",
                &f.place.source,
                self.sources.keys(),
            ));
        }
        let hedged = f.printed.as_ref().is_some_and(|p| p.hedge.is_some());
        if hedged && f.tolerance.or(self.hedge_tolerance).is_none() {
            return Err(Error::Missing {
                at: at.at_field("tolerance"),
                what: "key (a hedged figure needs the share it allows: tolerance, or hedge_tolerance for the file)",
            });
        }
        for part in f.from.iter().flat_map(Relation::parts) {
            if !ids.contains_key(part) {
                let known = self.figures.iter().map(|f| &f.id);
                return Err(unknown(at.at_field("from"), "figure", part, known));
            }
        }
        Ok(())
    }

    /// No figure is made of itself, directly or through others.
    fn check_acyclic(&self, file: &str) -> Result<()> {
        match self.order() {
            Ok(_) => Ok(()),
            Err(cycle) => {
                let first = cycle.first().and_then(|i| self.figures.get(*i));
                let names: Vec<&str> = cycle
                    .iter()
                    .filter_map(|i| self.figures.get(*i).map(|f| f.id.as_str()))
                    .collect();
                Err(Error::OutOfRange {
                    at: first
                        .map_or(Location::file(file), |f| located(file, f))
                        .at_field("from"),
                    value: names.join(" <- "),
                    field_rule: "a figure cannot be made, through others, of itself".into(),
                })
            }
        }
    }

    /// The figures' indices, each after every figure it is made of; or, if
    /// some figure is made of itself, one such cycle (its first index again
    /// at the end). Iterative, so a long chain of figures cannot exhaust
    /// the stack.
    pub(crate) fn order(&self) -> std::result::Result<Vec<usize>, Vec<usize>> {
        let index: BTreeMap<&str, usize> = self
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), i))
            .collect();
        let parts = |f: &PrintedFigure| -> Vec<usize> {
            f.from
                .iter()
                .flat_map(Relation::parts)
                .filter_map(|p| index.get(p).copied())
                .collect()
        };
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); self.figures.len()];
        let mut waiting: Vec<usize> = Vec::with_capacity(self.figures.len());
        for (i, f) in self.figures.iter().enumerate() {
            let ps = parts(f);
            waiting.push(ps.len());
            for p in ps {
                if let Some(u) = users.get_mut(p) {
                    u.push(i);
                }
            }
        }
        let mut ready: Vec<usize> = (0..self.figures.len())
            .filter(|i| waiting.get(*i) == Some(&0))
            .collect();
        let mut order = Vec::with_capacity(self.figures.len());
        while let Some(i) = ready.pop() {
            order.push(i);
            for u in users.get(i).into_iter().flatten() {
                if let Some(w) = waiting.get_mut(*u) {
                    *w -= 1;
                    if *w == 0 {
                        ready.push(*u);
                    }
                }
            }
        }
        if order.len() == self.figures.len() {
            return Ok(order);
        }
        // Walk back through parts still waiting until one repeats.
        let stuck = |i: &usize| waiting.get(*i).is_some_and(|w| *w > 0);
        let mut path: Vec<usize> = (0..self.figures.len())
            .find(|i| stuck(i))
            .into_iter()
            .collect();
        while let Some(&last) = path.last() {
            let next = self
                .figures
                .get(last)
                .map(parts)
                .unwrap_or_default()
                .into_iter()
                .find(|p| stuck(p));
            match next {
                Some(n) if path.contains(&n) => {
                    let from = path.iter().position(|p| *p == n).unwrap_or(0);
                    let mut cycle = path.split_off(from);
                    cycle.push(n);
                    return Err(cycle);
                }
                Some(n) => path.push(n),
                None => break,
            }
        }
        Err(path)
    }
}

/// The line of an offset, counted on from the offset asked last.
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    line: u64,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> u64 {
        if offset < self.offset {
            return crate::load::line_of(self.text, offset);
        }
        let between = self
            .text
            .as_bytes()
            .get(self.offset..offset)
            .unwrap_or_default();
        self.line += between.iter().filter(|b| **b == b'\n').count() as u64;
        self.offset = offset;
        self.line
    }
}

/// Yearly figures discounted at the programme's factors, year 0 first.
fn present_value(parts: &[Interval], factors: &[Decimal]) -> Option<Interval> {
    parts
        .iter()
        .zip(factors)
        .try_fold(Interval::point(Decimal::ZERO), |sum, (part, factor)| {
            sum.checked_add(part.checked_mul(Interval::point(*factor))?)
        })
}

fn located(file: &str, f: &PrintedFigure) -> Location {
    let at = Location::file(file).at_field(format!("figure {}", f.id));
    match f.line {
        Some(line) => at.at_line(line),
        None => at,
    }
}

/// An unknown word, with the known ones (the first 20 of a long list).
fn unknown<'a>(
    at: Location,
    what: &'static str,
    value: &str,
    known: impl Iterator<Item = &'a String>,
) -> Error {
    let known: Vec<&str> = known.map(String::as_str).collect();
    let mut expected = known
        .iter()
        .take(20)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if known.len() > 20 {
        expected.push_str(&format!(", ... ({} in all)", known.len()));
    }
    Error::Unknown {
        at,
        what: what.into(),
        value: value.to_string(),
        expected,
    }
}

fn figure(raw: RawFigure, at: &Location, line: u64) -> Result<PrintedFigure> {
    let at = at.at_field(format!("figure {}", raw.id));
    let printed = raw
        .printed
        .as_deref()
        .map(|text| printed(text, raw.step.as_deref(), raw.exact, &at))
        .transpose()?;
    let tolerance = raw
        .tolerance
        .as_deref()
        .map(|t| share(t, &at.at_field("tolerance")))
        .transpose()?;
    let from = match raw.from {
        None => Vec::new(),
        Some(OneOrMany::One(r)) => vec![relation(r, &at)?],
        Some(OneOrMany::Many(v)) => v
            .into_iter()
            .map(|r| relation(r, &at))
            .collect::<Result<_>>()?,
    };
    if raw.headline && (printed.is_none() || from.is_empty()) {
        return Err(Error::Missing {
            at: at.at_field("from"),
            what: "key (a headline is a printed figure made of others: give `printed` and `from`)",
        });
    }
    if printed.is_none() && (from.is_empty() || raw.is.is_some()) {
        return Err(Error::Missing {
            at: at.at_field("printed"),
            what: "key (a figure is printed, or derived from `from` without `is`: give the \
                   printed text to check it against the programme)",
        });
    }
    Ok(PrintedFigure {
        printed,
        place: raw.place,
        quote: raw.quote,
        tolerance,
        is: raw.is.map(|m| measure(m, &at)).transpose()?,
        from,
        period: raw.period,
        line: Some(line),
        headline: raw.headline,
        switching: raw
            .switching
            .as_deref()
            .map(|t| parse_decimal(t, &at.at_field("switching")))
            .transpose()?,
        assumption: raw.assumption,
        id: raw.id,
    })
}

/// The printed text read, its step restated where the file says, or none
/// for a figure that is exact by definition.
fn printed(text: &str, step: Option<&str>, exact: bool, at: &Location) -> Result<Printed> {
    let mut p = Printed::parse(text).map_err(|e| e.map_location(|_| at.at_field("printed")))?;
    if let Some(step) = step {
        p.step = positive(step, &at.at_field("step"))?;
    }
    if exact {
        p.step = Decimal::ZERO;
    }
    Ok(p)
}

fn positive(text: &str, at: &Location) -> Result<Decimal> {
    let v = parse_decimal(text, at)?;
    if v <= Decimal::ZERO {
        return Err(Error::OutOfRange {
            at: at.clone(),
            value: text.to_string(),
            field_rule:
                "a step is what the last printed digit stands for, above 0 (e.g. 1 or 0.01)".into(),
        });
    }
    Ok(v)
}

fn share(text: &str, at: &Location) -> Result<Decimal> {
    let v = parse_decimal(text, at)?;
    if v < Decimal::ZERO || v > Decimal::ONE {
        return Err(Error::OutOfRange {
            at: at.clone(),
            value: text.to_string(),
            field_rule: "a tolerance is a share of the figure, from 0 to 1".into(),
        });
    }
    Ok(v)
}

fn measure(raw: RawMeasure, at: &Location) -> Result<Measure> {
    let quantity = Quantity::WORDS
        .iter()
        .find(|(w, _)| *w == raw.measure)
        .map(|(_, q)| *q)
        .ok_or_else(|| Error::Unknown {
            at: at.at_field("is.measure"),
            what: "measure".into(),
            value: raw.measure.clone(),
            expected: Quantity::WORDS.map(|(w, _)| w).join(", "),
        })?;
    Ok(Measure {
        quantity,
        agency: raw.agency,
        stream: raw.stream,
        year: raw.year,
        per_participant: raw.per_participant,
    })
}

fn relation(raw: RawRelation, at: &Location) -> Result<Relation> {
    let pair = |v: Vec<String>, word: &str| match <[String; 2]>::try_from(v) {
        Ok([a, b]) => Ok((a, b)),
        Err(v) => Err(Error::OutOfRange {
            at: at.at_field(format!("from.{word}")),
            value: format!("{} ids", v.len()),
            field_rule: format!("a {word} names two figures, [first, second]"),
        }),
    };
    let some = |v: Vec<String>, word: &str| {
        if v.is_empty() {
            Err(Error::Missing {
                at: at.at_field(format!("from.{word}")),
                what: "ids (name at least one figure)",
            })
        } else {
            Ok(v)
        }
    };
    Ok(match raw {
        RawRelation::Sum(v) => Relation::Sum(some(v, "sum")?),
        RawRelation::Product(v) => Relation::Product(some(v, "product")?),
        RawRelation::PresentValue(v) => Relation::PresentValue(some(v, "present_value")?),
        RawRelation::Net(v) => pair(v, "net").map(|(a, b)| Relation::Net(a, b))?,
        RawRelation::Ratio(v) => pair(v, "ratio").map(|(a, b)| Relation::Ratio(a, b))?,
        RawRelation::Same(a) => Relation::Same(a),
    })
}
