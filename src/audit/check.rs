//! The audit of any publication's printed figures against a programme: each
//! figure recomputed from the programme (`is`) and from the printed figures
//! it is made of (`from`), and judged by what its printing allows.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::conclusions::{Graph, HeadlineTrace, Moved, materiality, traces};
use super::figures::{Measure, Place, PrintedAppraisal, PrintedFigure, Quantity, Relation};
use super::printed::{Interval, Printed, Verdict};
use crate::appraisal::appraise;
use crate::error::{Error, Location, Result};
use crate::money::{add, div, sub};
use crate::over_time::{PresentValueAppraisal, Programme, StreamResult};

/// One recomputation of a printed figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What the figure was recomputed as.
    pub against: String,
    /// The exact recomputation.
    pub exact: Decimal,
    /// The range the printed parts allow, for a relation.
    pub range: Option<Interval>,
    /// The printed figure (or, for a derived one, its value) less the
    /// exact recomputation.
    pub difference: Decimal,
    /// The judgement.
    pub verdict: Verdict,
    /// What else the check found: the periods or sources that differ.
    pub note: String,
}

/// The value of a figure the publication does not print but its figures
/// imply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Derived {
    /// How it is derived.
    pub against: String,
    /// Its exact value from the printed values.
    pub exact: Decimal,
    /// The range the printed figures' rounding allows.
    pub range: Interval,
}

/// One printed figure, audited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureAudit {
    /// The figure's id.
    pub id: String,
    /// As printed; `None` for a derived figure.
    pub printed: Option<Printed>,
    /// A derived figure's value.
    pub derived: Option<Derived>,
    /// Where.
    pub place: Place,
    /// Its recomputations (none for a figure that is only an input).
    pub checks: Vec<Check>,
    /// The worst of its checks; `None` for an input.
    pub verdict: Option<Verdict>,
    /// The headlines its correction moves at the places printed (a
    /// finding that moves one is material).
    pub moves: Vec<Moved>,
}

/// A publication's printed figures audited against a programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintedAudit {
    /// The publication.
    pub name: String,
    /// Every figure, in the file's order.
    pub figures: Vec<FigureAudit>,
    /// Each headline's printed inputs, their status and switching values.
    pub headlines: Vec<HeadlineTrace>,
    /// Whether materiality and switching values were assessed (`false`
    /// past [`super::conclusions::MAX_WORK`]).
    pub conclusions_assessed: bool,
}

impl PrintedAudit {
    /// The figures whose verdict is `verdict`.
    pub fn with_verdict(&self, verdict: Verdict) -> impl Iterator<Item = &FigureAudit> {
        self.figures
            .iter()
            .filter(move |f| f.verdict == Some(verdict))
    }
}

/// Audit `publication`'s printed figures: each claimed quantity
/// recomputed from `programme`'s appraisal, each relation from the figures
/// it names. A publication whose figures claim no quantity of a programme
/// (and take no present value) needs none.
pub fn audit_printed(
    publication: &PrintedAppraisal,
    programme: Option<&Programme>,
) -> Result<PrintedAudit> {
    let appraisal = match (
        programme,
        publication.figures.iter().any(|f| f.is.is_some()),
    ) {
        (Some(p), true) => Some(appraise(p)?),
        (None, true) => {
            return Err(Error::Missing {
                at: Location::field("programme"),
                what: "programme (a figure claims a quantity of it, `is`)",
            });
        }
        _ => None,
    };
    let pv = appraisal.as_ref().map(|a| a.present_values()).transpose()?;
    let known = Known::of(publication, programme)?;
    let by_id: BTreeMap<&str, &PrintedFigure> = publication
        .figures
        .iter()
        .map(|f| (f.id.as_str(), f))
        .collect();
    let context = Context {
        publication,
        by_id,
        known,
    };
    let mut figures = publication
        .figures
        .iter()
        .map(|f| audit_figure(programme.zip(pv), &context, f))
        .collect::<Result<Vec<_>>>()?;
    let values = &context.known.values;
    let graph = Graph::new(publication, &context.known.factors, |id| {
        values.get(id).map(|v| v.0)
    });
    let found: Vec<(Option<Verdict>, Option<Decimal>)> = figures
        .iter()
        .map(|f| (f.verdict, f.checks.first().map(|c| c.exact)))
        .collect();
    let moves = materiality(&graph, &found);
    let headlines = traces(&graph, &found);
    let conclusions_assessed = moves.is_some() && headlines.is_some();
    for (f, m) in figures.iter_mut().zip(moves.unwrap_or_default()) {
        f.moves = m;
    }
    Ok(PrintedAudit {
        name: publication.name.clone(),
        figures,
        headlines: headlines.unwrap_or_default(),
        conclusions_assessed,
    })
}

/// Every figure's value and range: a printed one's as printed, a derived
/// one's from its first relation, in an order that has each part first.
struct Known {
    values: BTreeMap<String, (Decimal, Interval)>,
    factors: Vec<Decimal>,
}

impl Known {
    fn of(publication: &PrintedAppraisal, programme: Option<&Programme>) -> Result<Known> {
        let factors = publication.factors(programme)?;
        let mut known = Known {
            values: BTreeMap::new(),
            factors,
        };
        let order = publication.order().unwrap_or_default();
        for f in order.iter().filter_map(|i| publication.figures.get(*i)) {
            let value = match (&f.printed, f.from.first()) {
                (Some(p), _) => (p.value, p.range(tolerance(publication, f))),
                (None, Some(r)) => {
                    let (_, exact, range) = known.relate(r, &located(publication, f))?;
                    (exact, range)
                }
                (None, None) => continue,
            };
            known.values.insert(f.id.clone(), value);
        }
        Ok(known)
    }

    /// A relation over its parts' values, exactly and over their ranges.
    fn relate(&self, relation: &Relation, at: &Location) -> Result<(String, Decimal, Interval)> {
        let parts = relation
            .parts()
            .into_iter()
            .map(|id| {
                self.values.get(id).copied().ok_or_else(|| Error::Unknown {
                    at: at.at_field("from"),
                    what: "figure".into(),
                    value: id.to_string(),
                    expected: "an id of the file's figures".into(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let points: Vec<Interval> = parts.iter().map(|(v, _)| Interval::point(*v)).collect();
        let ranges: Vec<Interval> = parts.iter().map(|(_, r)| *r).collect();
        let exact = relation.over(&points, &self.factors, at)?.lo;
        let range = relation.over(&ranges, &self.factors, at)?;
        Ok((relation.describe(), exact, range))
    }
}

fn tolerance(publication: &PrintedAppraisal, f: &PrintedFigure) -> Decimal {
    f.tolerance
        .or(publication.hedge_tolerance)
        .unwrap_or_default()
}

/// Where a figure is written: its file and line, with its id.
fn located(publication: &PrintedAppraisal, f: &PrintedFigure) -> Location {
    let at = Location::field(format!("figure {}", f.id));
    let at = match publication.file.as_str() {
        "" => at,
        file => Location::file(file).at_field(format!("figure {}", f.id)),
    };
    match f.line {
        Some(line) => at.at_line(line),
        None => at,
    }
}

/// What every figure's audit reads: the file, its figures by id, and
/// every figure's value and range.
struct Context<'a> {
    publication: &'a PrintedAppraisal,
    by_id: BTreeMap<&'a str, &'a PrintedFigure>,
    known: Known,
}

fn audit_figure(
    appraised: Option<(&Programme, &PresentValueAppraisal)>,
    ctx: &Context<'_>,
    f: &PrintedFigure,
) -> Result<FigureAudit> {
    let at = located(ctx.publication, f);
    let relations = f
        .from
        .iter()
        .map(|r| ctx.known.relate(r, &at).map(|x| (r, x)))
        .collect::<Result<Vec<_>>>()?;
    let (derived, checks) = match &f.printed {
        Some(p) => (None, printed_checks(p, &relations, appraised, ctx, f)?),
        None => derived_checks(&relations, ctx, f),
    };
    Ok(FigureAudit {
        id: f.id.clone(),
        printed: f.printed.clone(),
        derived,
        place: f.place.clone(),
        verdict: checks.iter().map(|c| c.verdict).max(),
        checks,
        moves: Vec::new(),
    })
}

type Related<'a> = (&'a Relation, (String, Decimal, Interval));

/// A printed figure against each relation and the programme's quantity.
fn printed_checks(
    p: &Printed,
    relations: &[Related<'_>],
    appraised: Option<(&Programme, &PresentValueAppraisal)>,
    ctx: &Context<'_>,
    f: &PrintedFigure,
) -> Result<Vec<Check>> {
    let tolerance = tolerance(ctx.publication, f);
    let mut checks = Vec::new();
    if let (Some(m), Some((programme, pv))) = (&f.is, appraised) {
        let year_zero = ctx.publication.year_zero;
        let (against, exact) = measured(m, programme, pv, year_zero, &located(ctx.publication, f))?;
        // A miss the printed parts explain is their rounding too.
        let explained = relations
            .iter()
            .map(|(_, (_, _, r))| *r)
            .find(|r| r.contains(exact));
        checks.push(Check {
            against,
            exact,
            range: None,
            difference: p.value.saturating_sub(exact),
            verdict: judge(p, tolerance, exact, explained),
            note: String::new(),
        });
    }
    for (relation, (against, exact, range)) in relations {
        let verdict = judge(p, tolerance, *exact, Some(*range));
        let (verdict, note) = elsewhere(relation, verdict, ctx, f);
        checks.push(Check {
            against: against.clone(),
            exact: *exact,
            range: Some(*range),
            difference: p.value.saturating_sub(*exact),
            verdict,
            note,
        });
    }
    Ok(checks)
}

/// A derived figure: its first relation defines it; each other is a check
/// of that value, agreeing if equal and within rounding if the ranges meet.
fn derived_checks(
    relations: &[Related<'_>],
    ctx: &Context<'_>,
    f: &PrintedFigure,
) -> (Option<Derived>, Vec<Check>) {
    let Some((_, (against, value, own))) = relations.first() else {
        return (None, Vec::new());
    };
    let checks = relations
        .get(1..)
        .unwrap_or_default()
        .iter()
        .map(|(relation, (other, exact, range))| {
            let verdict = if (value.saturating_sub(*exact)).abs() <= tiny(*exact) {
                Verdict::Agrees
            } else if own.meets(range) {
                Verdict::DisplayRounding
            } else {
                Verdict::Inconsistent
            };
            let (verdict, note) = elsewhere(relation, verdict, ctx, f);
            Check {
                against: other.clone(),
                exact: *exact,
                range: Some(*range),
                difference: value.saturating_sub(*exact),
                verdict,
                note,
            }
        })
        .collect();
    let derived = Derived {
        against: against.clone(),
        exact: *value,
        range: *own,
    };
    (Some(derived), checks)
}

/// What two exact recomputations may differ by and be one value: the last
/// of the 28 digits a quotient keeps.
fn tiny(value: Decimal) -> Decimal {
    value
        .abs()
        .checked_mul(Decimal::new(1, 24))
        .unwrap_or(Decimal::MAX)
}

/// The same figure printed elsewhere: a disagreement between two sources
/// is theirs; an agreement over different periods is the period's.
fn elsewhere(
    relation: &Relation,
    verdict: Verdict,
    ctx: &Context<'_>,
    f: &PrintedFigure,
) -> (Verdict, String) {
    let Relation::Same(id) = relation else {
        return (verdict, String::new());
    };
    let Some(other) = ctx.by_id.get(id.as_str()) else {
        return (verdict, String::new());
    };
    let printed_both = f.printed.is_some() && other.printed.is_some();
    if verdict == Verdict::Inconsistent && printed_both && other.place.source != f.place.source {
        let note = format!("{} against {} ({id})", f.place.source, other.place.source);
        return (Verdict::SourcesDisagree, note);
    }
    match (&f.period, &other.period) {
        (Some(a), Some(b)) if verdict < Verdict::PeriodDiffers && !a.eq_ignore_ascii_case(b) => (
            Verdict::PeriodDiffers,
            format!("\"{a}\" here, \"{b}\" for {id}"),
        ),
        _ => (verdict, String::new()),
    }
}

fn judge(
    printed: &Printed,
    tolerance: Decimal,
    exact: Decimal,
    range: Option<Interval>,
) -> Verdict {
    let allowed = printed.range(tolerance);
    if printed.agrees(exact) {
        Verdict::Agrees
    } else if printed.hedge.is_some() && allowed.contains(exact) {
        Verdict::WithinHedge
    } else if range.is_some_and(|r| r.meets(&allowed)) {
        Verdict::DisplayRounding
    } else {
        Verdict::Inconsistent
    }
}

/// The quantity a figure claims, from the programme's appraisal.
fn measured(
    m: &Measure,
    programme: &Programme,
    pv: &PresentValueAppraisal,
    year_zero: Option<i64>,
    at: &Location,
) -> Result<(String, Decimal)> {
    let year = m
        .year
        .map(|y| year_index(y, year_zero, pv.horizon, at))
        .transpose()?;
    let benefits = Flows::of(pv, true, m, at)?;
    let costs = Flows::of(pv, false, m, at)?;
    let all_costs = Flows::of(
        pv,
        false,
        &Measure {
            agency: None,
            stream: None,
            ..m.clone()
        },
        at,
    )?;
    let ratio =
        |num: Decimal, den: Decimal| div(num, den, || format!("{at}: {}", m.quantity.word()));
    let value = match m.quantity {
        Quantity::PvBenefits => benefits.discounted(year)?,
        Quantity::PvCosts => costs.discounted(year)?,
        Quantity::Npv => sub(benefits.discounted(year)?, all_costs.discounted(year)?)?,
        Quantity::Bcr => ratio(benefits.discounted(year)?, all_costs.discounted(year)?)?,
        Quantity::NetRatio => {
            let c = all_costs.discounted(year)?;
            ratio(sub(benefits.discounted(year)?, c)?, c)?
        }
        Quantity::FiscalBcr => ratio(benefits.fiscal(year)?, all_costs.discounted(year)?)?,
        Quantity::Benefits => benefits.real(year)?,
        Quantity::Costs => costs.real(year)?,
        Quantity::Net => sub(benefits.real(year)?, all_costs.real(year)?)?,
        Quantity::PaybackYear => payback(pv, year_zero, at)?,
    };
    let value = per_participant(value, m, programme, at)?;
    Ok((describe_measure(m), value))
}

fn year_index(year: i64, year_zero: Option<i64>, horizon: u32, at: &Location) -> Result<usize> {
    let index = year - year_zero.unwrap_or(0);
    usize::try_from(index)
        .ok()
        .filter(|i| *i < horizon as usize)
        .ok_or_else(|| Error::OutOfRange {
            at: at.at_field("is.year"),
            value: year.to_string(),
            field_rule: format!(
                "the programme's years are {} to {}",
                year_zero.unwrap_or(0),
                year_zero.unwrap_or(0) + i64::from(horizon) - 1
            ),
        })
}

fn payback(pv: &PresentValueAppraisal, year_zero: Option<i64>, at: &Location) -> Result<Decimal> {
    let year = pv.payback_year.ok_or_else(|| Error::OutOfRange {
        at: at.at_field("is.measure"),
        value: "payback_year".into(),
        field_rule: "the programme does not pay back within its horizon".into(),
    })?;
    Ok(Decimal::from(year_zero.unwrap_or(0)) + Decimal::from(year))
}

fn per_participant(
    value: Decimal,
    m: &Measure,
    programme: &Programme,
    at: &Location,
) -> Result<Decimal> {
    if !m.per_participant {
        return Ok(value);
    }
    let n = programme
        .participants
        .filter(|n| *n > 0)
        .ok_or(Error::Missing {
            at: at.at_field("is.per_participant"),
            what: "participants (the programme does not say how many people it serves)",
        })?;
    div(value, Decimal::from(n), || format!("{at}: per participant"))
}

fn describe_measure(m: &Measure) -> String {
    let mut words = format!("the programme's {}", m.quantity.word());
    for (key, value) in [("agency", &m.agency), ("stream", &m.stream)] {
        if let Some(v) = value {
            words.push_str(&format!(", {key} {v}"));
        }
    }
    if let Some(y) = m.year {
        words.push_str(&format!(", year {y}"));
    }
    if m.per_participant {
        words.push_str(", per participant");
    }
    words
}

/// The streams of one side (benefits or costs) a measure selects.
struct Flows<'a> {
    streams: Vec<&'a StreamResult>,
}

impl<'a> Flows<'a> {
    fn of(
        pv: &'a PresentValueAppraisal,
        benefits: bool,
        m: &Measure,
        at: &Location,
    ) -> Result<Flows<'a>> {
        let side = pv.streams.iter().filter(|s| s.is_benefit == benefits);
        let streams: Vec<&StreamResult> = side
            .clone()
            .filter(|s| m.agency.as_ref().is_none_or(|a| &s.agency == a))
            .filter(|s| m.stream.as_ref().is_none_or(|n| &s.name == n))
            .collect();
        let named = m.agency.is_some() || m.stream.is_some();
        let wanted = benefits || matches!(m.quantity, Quantity::PvCosts | Quantity::Costs);
        if named && wanted && streams.is_empty() {
            let known: Vec<String> = side.map(|s| format!("{} ({})", s.name, s.agency)).collect();
            return Err(Error::Unknown {
                at: at.at_field("is"),
                what: if benefits {
                    "benefit stream or agency"
                } else {
                    "cost stream or agency"
                }
                .into(),
                value: m.agency.clone().or(m.stream.clone()).unwrap_or_default(),
                expected: known.join(", "),
            });
        }
        Ok(Flows { streams })
    }

    fn sum(&self, f: impl Fn(&StreamResult) -> Result<Decimal>) -> Result<Decimal> {
        self.streams
            .iter()
            .try_fold(Decimal::ZERO, |total, s| add(total, f(s)?))
    }

    fn discounted(&self, year: Option<usize>) -> Result<Decimal> {
        match year {
            Some(y) => self.sum(|s| Ok(s.discounted.get(y).map_or(Decimal::ZERO, |m| m.value()))),
            None => self.sum(|s| Ok(s.present_value.value())),
        }
    }

    fn real(&self, year: Option<usize>) -> Result<Decimal> {
        match year {
            Some(y) => self.sum(|s| Ok(s.real.get(y).map_or(Decimal::ZERO, |m| m.value()))),
            None => self.sum(|s| {
                s.real
                    .iter()
                    .try_fold(Decimal::ZERO, |t, m| add(t, m.value()))
            }),
        }
    }

    fn fiscal(&self, year: Option<usize>) -> Result<Decimal> {
        let fiscal = Flows {
            streams: self
                .streams
                .iter()
                .copied()
                .filter(|s| {
                    s.kind
                        .is_none_or(|k| k == crate::benefits::ValueKind::Fiscal)
                })
                .collect(),
        };
        fiscal.discounted(year)
    }
}
