//! What a publication's findings do to its conclusions: a finding is
//! material when its recomputation, put in place of the printed figure and
//! carried through every figure made of it, moves a headline at the places
//! printed; and each printed input of a headline gets its status and the
//! value at which the headline turns (its switching value).

use rust_decimal::Decimal;
use serde::Serialize;

use super::figures::{PrintedAppraisal, PrintedFigure, Relation};
use super::printed::{Interval, Printed, Verdict};

/// The most figure-recomputations the materiality and switching values may
/// take (findings and inputs times figures): past it a hostile file's
/// conclusions are reported as not assessed rather than take minutes.
pub const MAX_WORK: usize = 20_000_000;

/// The columns a table of headline inputs shows, in order (the HTML table
/// and the workbook's Headlines sheet).
pub const HEADLINE_COLUMNS: [&str; 6] = [
    "headline",
    "turns at",
    "input",
    "printed",
    "status",
    "the headline turns with it at",
];

/// How a printed input of a headline stands against the rest of the
/// publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InputStatus {
    /// Recomputed from, or confirmed by, other figures (or the programme).
    Derived,
    /// Presented by the publication as an assumption.
    Assumed,
    /// Printed once; nothing else printed derives or confirms it.
    Untraceable,
    /// Its own audit finds it inconsistent, or another source disagrees.
    Inconsistent,
}

impl InputStatus {
    /// The word a report uses.
    pub fn word(self) -> &'static str {
        match self {
            InputStatus::Derived => "derived",
            InputStatus::Assumed => "assumption",
            InputStatus::Untraceable => "untraceable",
            InputStatus::Inconsistent => "inconsistent",
        }
    }
}

/// One printed input of a headline, traced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputTrace {
    /// The figure's id.
    pub id: String,
    /// As printed.
    pub printed: Option<Printed>,
    /// Its value as printed.
    pub value: Decimal,
    /// How it stands.
    pub status: InputStatus,
    /// The value at which the headline reaches its switching value, the
    /// other inputs held; `None` if no value does (or none was asked).
    pub switching_value: Option<Decimal>,
}

/// A headline and the printed inputs it is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadlineTrace {
    /// The headline's id.
    pub id: String,
    /// As printed.
    pub printed: Printed,
    /// The value at which its conclusion turns, if the file says.
    pub switching: Option<Decimal>,
    /// Its printed inputs, through the figures printed nowhere between.
    pub inputs: Vec<InputTrace>,
}

/// A headline a finding's correction moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// The headline's id.
    pub headline: String,
    /// The headline as printed.
    pub printed: String,
    /// The headline recomputed with the finding corrected.
    pub corrected: Decimal,
}

/// The figures as a graph evaluated on exact values: each figure's value
/// is its printed one, or (printed nowhere) its first relation's.
pub(super) struct Graph<'a> {
    figures: &'a [PrintedFigure],
    order: Vec<usize>,
    index: std::collections::BTreeMap<&'a str, usize>,
    factors: &'a [Decimal],
    base: Vec<Decimal>,
}

impl<'a> Graph<'a> {
    pub(super) fn new(
        publication: &'a PrintedAppraisal,
        factors: &'a [Decimal],
        value: impl Fn(&str) -> Option<Decimal>,
    ) -> Graph<'a> {
        let figures = publication.figures.as_slice();
        let index = figures
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), i))
            .collect();
        let base = figures
            .iter()
            .map(|f| value(&f.id).unwrap_or_default())
            .collect();
        Graph {
            figures,
            order: publication.order().unwrap_or_default(),
            index,
            factors,
            base,
        }
    }

    /// Every figure's value with figure `changed` at `value`, carried
    /// through every figure made of it (printed or not); `None` where a
    /// relation cannot be taken (a zero divisor, an overflow).
    fn with(&self, changed: usize, value: Decimal) -> Option<Vec<Decimal>> {
        let mut values = self.base.clone();
        *values.get_mut(changed)? = value;
        let mut dirty = vec![false; values.len()];
        *dirty.get_mut(changed)? = true;
        for &i in &self.order {
            let Some(relation) = self.figures.get(i).and_then(|f| f.from.first()) else {
                continue;
            };
            let parts: Option<Vec<usize>> = relation
                .parts()
                .iter()
                .map(|p| self.index.get(p).copied())
                .collect();
            let parts = parts?;
            if i == changed || !parts.iter().any(|p| dirty.get(*p) == Some(&true)) {
                continue;
            }
            let points: Option<Vec<Interval>> = parts
                .iter()
                .map(|p| values.get(*p).map(|v| Interval::point(*v)))
                .collect();
            let v = relation.exact(&points?, self.factors)?;
            *values.get_mut(i)? = v;
            *dirty.get_mut(i)? = true;
        }
        Some(values)
    }

    fn work(&self) -> usize {
        self.figures.len().max(1)
    }
}

/// The headlines a correction of each finding moves; empty for a figure
/// that is no finding or moves none. `None` if the file is too large to
/// assess within [`MAX_WORK`].
/// `found` is each figure's verdict and first recomputation.
pub(super) fn materiality(graph: &Graph<'_>, found: &[Found]) -> Option<Vec<Vec<Moved>>> {
    let findings = found.iter().filter(|f| is_finding(f.0)).count();
    let headlines: Vec<usize> = headlines(graph);
    if findings.saturating_mul(graph.work()) > MAX_WORK {
        return None;
    }
    Some(
        found
            .iter()
            .enumerate()
            .map(
                |(i, (verdict, exact))| match (is_finding(*verdict), exact) {
                    (true, Some(x)) if !headlines.is_empty() => moved(graph, &headlines, i, *x),
                    _ => Vec::new(),
                },
            )
            .collect(),
    )
}

/// A figure's verdict and its first recomputation.
pub(super) type Found = (Option<Verdict>, Option<Decimal>);

fn is_finding(verdict: Option<Verdict>) -> bool {
    matches!(
        verdict,
        Some(Verdict::Inconsistent | Verdict::SourcesDisagree)
    )
}

fn headlines(graph: &Graph<'_>) -> Vec<usize> {
    (0..graph.figures.len())
        .filter(|i| graph.figures.get(*i).is_some_and(|f| f.headline))
        .collect()
}

fn moved(graph: &Graph<'_>, headlines: &[usize], changed: usize, value: Decimal) -> Vec<Moved> {
    let Some(values) = graph.with(changed, value) else {
        return Vec::new();
    };
    headlines
        .iter()
        .filter_map(|h| {
            let f = graph.figures.get(*h)?;
            let printed = f.printed.as_ref()?;
            let now = *values.get(*h)?;
            (!printed.agrees(now)).then(|| Moved {
                headline: f.id.clone(),
                printed: printed.text.clone(),
                corrected: now,
            })
        })
        .collect()
}

/// Each headline's printed inputs, with their status and switching values.
/// `None` if the file is too large to assess within [`MAX_WORK`].
pub(super) fn traces(graph: &Graph<'_>, found: &[Found]) -> Option<Vec<HeadlineTrace>> {
    let heads = headlines(graph);
    let inputs: Vec<Vec<usize>> = heads.iter().map(|h| inputs_of(graph, *h)).collect();
    let evaluations = inputs
        .iter()
        .map(Vec::len)
        .sum::<usize>()
        .saturating_mul(2 * BISECTION_STEPS);
    if evaluations.saturating_mul(graph.work()) > MAX_WORK {
        return None;
    }
    let traces = heads
        .iter()
        .zip(inputs)
        .filter_map(|(h, inputs)| {
            let f = graph.figures.get(*h)?;
            let inputs = inputs
                .into_iter()
                .filter_map(|i| {
                    let input = graph.figures.get(i)?;
                    Some(InputTrace {
                        id: input.id.clone(),
                        printed: input.printed.clone(),
                        value: *graph.base.get(i)?,
                        status: status(input, found.get(i).and_then(|f| f.0)),
                        switching_value: f
                            .switching
                            .and_then(|s| switching(graph, *h, i, s))
                            .map(|d| d.normalize()),
                    })
                })
                .collect();
            Some(HeadlineTrace {
                id: f.id.clone(),
                printed: f.printed.clone()?,
                switching: f.switching,
                inputs,
            })
        })
        .collect();
    Some(traces)
}

/// The printed figures a headline's first relation is made of, through
/// any figures printed nowhere between (without recursion).
fn inputs_of(graph: &Graph<'_>, headline: usize) -> Vec<usize> {
    let mut found = Vec::new();
    let mut seen = vec![false; graph.figures.len()];
    let mut stack: Vec<usize> = parts_of(graph, headline);
    while let Some(i) = stack.pop() {
        if std::mem::replace(seen.get_mut(i).unwrap_or(&mut true), true) {
            continue;
        }
        match graph.figures.get(i) {
            Some(f) if f.printed.is_none() => stack.extend(parts_of(graph, i)),
            Some(_) => found.push(i),
            None => {}
        }
    }
    found.sort_unstable();
    found
}

fn parts_of(graph: &Graph<'_>, i: usize) -> Vec<usize> {
    graph
        .figures
        .get(i)
        .and_then(|f| f.from.first())
        .map(Relation::parts)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| graph.index.get(p).copied())
        .collect()
}

fn status(f: &PrintedFigure, verdict: Option<Verdict>) -> InputStatus {
    if matches!(
        verdict,
        Some(Verdict::Inconsistent | Verdict::SourcesDisagree)
    ) {
        InputStatus::Inconsistent
    } else if f.assumption {
        InputStatus::Assumed
    } else if verdict.is_some() {
        InputStatus::Derived
    } else {
        InputStatus::Untraceable
    }
}

/// Evaluations a switching value may take in one direction: 32 to
/// bracket, the rest to bisect (the work bound counts both directions).
const BISECTION_STEPS: usize = 200;

/// The value of input `i` at which headline `h` reaches `target`: in each
/// direction out from the printed value, steps doubling until the gap
/// changes sign, then bisection; a sign change across a pole (a divisor
/// through zero) is no root and is dropped. The root nearer the printed
/// value wins.
fn switching(graph: &Graph<'_>, h: usize, i: usize, target: Decimal) -> Option<Decimal> {
    let gap = |x: Decimal| -> Option<Decimal> {
        let values = graph.with(i, x)?;
        values.get(h)?.checked_sub(target)
    };
    let x0 = *graph.base.get(i)?;
    let g0 = gap(x0)?;
    if g0.is_zero() {
        return Some(x0);
    }
    let unit = if x0.is_zero() { Decimal::ONE } else { x0.abs() };
    let roots = [Decimal::ONE, Decimal::NEGATIVE_ONE]
        .into_iter()
        .filter_map(|direction| root_towards(x0, g0, unit, direction, &gap));
    roots.min_by_key(|r| (*r - x0).abs())
}

fn root_towards(
    x0: Decimal,
    g0: Decimal,
    unit: Decimal,
    direction: Decimal,
    gap: &impl Fn(Decimal) -> Option<Decimal>,
) -> Option<Decimal> {
    let (mut prev, mut width) = (x0, unit);
    for _ in 0..32 {
        let x = x0.checked_add(width.checked_mul(direction)?)?;
        match gap(x) {
            Some(g) if g.is_zero() => return Some(x),
            Some(g) if g.is_sign_negative() != g0.is_sign_negative() => {
                let (lo, hi) = if prev < x { (prev, x) } else { (x, prev) };
                return bisect(lo, hi, gap).filter(|r| near_zero(gap(*r), g0));
            }
            Some(_) => prev = x,
            None => {}
        }
        width = width.checked_mul(Decimal::TWO)?;
    }
    None
}

fn bisect(
    mut lo: Decimal,
    mut hi: Decimal,
    gap: &impl Fn(Decimal) -> Option<Decimal>,
) -> Option<Decimal> {
    let mut below = gap(lo)?.is_sign_negative();
    for _ in 0..BISECTION_STEPS - 32 {
        let mid = (lo.checked_add(hi)?) / Decimal::TWO;
        if mid == lo || mid == hi {
            break;
        }
        let g = gap(mid)?;
        if g.is_zero() {
            return Some(mid);
        }
        if g.is_sign_negative() == below {
            lo = mid;
            below = g.is_sign_negative();
        } else {
            hi = mid;
        }
    }
    Some((lo.checked_add(hi)?) / Decimal::TWO)
}

/// A root, not a pole: the gap there is a billionth of where it started.
fn near_zero(gap: Option<Decimal>, start: Decimal) -> bool {
    gap.is_some_and(|g| g.abs() <= start.abs() * Decimal::new(1, 9))
}
