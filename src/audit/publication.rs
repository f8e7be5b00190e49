//! The published figures of an appraisal, and what each claims to be.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::FigureUnit;
use crate::adjustments::Deadweight;
use crate::error::{Error, Location, Result};
use crate::money::parse_decimal;

/// A family count that a publication reports under its tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CountKind {
    /// Closed to social care at exit.
    ClosedAtExit,
    /// Closed at follow-up.
    ClosedAtFollowUp,
    /// Open at follow-up.
    OpenAtFollowUp,
    /// Moved to a lower status from entry to the outcome point.
    Improved,
}

/// What a published figure claims to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "metric")]
pub enum Metric {
    /// The stated cost of one session, against the sum of its staff lines.
    UnitCost,
    /// Staff hours of one session.
    UnitHours,
    /// The cost of `sessions` sessions.
    SessionCost {
        /// Sessions.
        sessions: u32,
    },
    /// The weekly saving of a move from one state to another (state labels,
    /// resolved against the appraisal's states when audited).
    WeeklySaving {
        /// From.
        from: String,
        /// To.
        to: String,
    },
    /// Number of families in a cohort.
    Families {
        /// Cohort.
        cohort: u32,
    },
    /// Total cost of a cohort.
    TotalCost {
        /// Cohort.
        cohort: u32,
    },
    /// Total benefit of a cohort.
    TotalBenefit {
        /// Cohort.
        cohort: u32,
    },
    /// Average cost per family.
    AverageCost {
        /// Cohort.
        cohort: u32,
    },
    /// Average benefit per family.
    AverageBenefit {
        /// Cohort.
        cohort: u32,
    },
    /// Benefit-cost ratio of a cohort.
    Ratio {
        /// Cohort.
        cohort: u32,
    },
    /// Average children per family.
    AverageChildren {
        /// Cohort.
        cohort: u32,
    },
    /// A count of families.
    Count {
        /// Cohort.
        cohort: u32,
        /// Which count.
        count: CountKind,
    },
    /// A count as a percentage of the cohort's families.
    Share {
        /// Cohort.
        cohort: u32,
        /// Which count.
        count: CountKind,
    },
    /// A cohort's ratio netted for deadweight.
    NetRatio {
        /// Cohort.
        cohort: u32,
        /// Deadweight.
        deadweight: Deadweight,
    },
    /// The average benefit per case behind the annual ratio.
    AnnualAverageBenefit,
    /// The annual ratio at a deadweight.
    AnnualRatio {
        /// Deadweight.
        deadweight: Deadweight,
    },
    /// A family's cost.
    FamilyCost {
        /// Cohort.
        cohort: u32,
        /// Family id.
        family: String,
    },
    /// A family's benefit.
    FamilyBenefit {
        /// Cohort.
        cohort: u32,
        /// Family id.
        family: String,
    },
    /// A family's benefit-cost ratio.
    FamilyRatio {
        /// Cohort.
        cohort: u32,
        /// Family id.
        family: String,
    },
}

impl Metric {
    /// Whether the figure is a ratio (its errors move a headline-style number).
    pub fn is_ratio(&self) -> bool {
        self.unit() == FigureUnit::Ratio
    }

    /// What kind of quantity the figure is.
    pub fn unit(&self) -> FigureUnit {
        match self {
            Metric::Ratio { .. }
            | Metric::NetRatio { .. }
            | Metric::AnnualRatio { .. }
            | Metric::FamilyRatio { .. } => FigureUnit::Ratio,
            Metric::UnitHours
            | Metric::Families { .. }
            | Metric::AverageChildren { .. }
            | Metric::Count { .. } => FigureUnit::Count,
            Metric::Share { .. } => FigureUnit::Percent,
            Metric::UnitCost
            | Metric::SessionCost { .. }
            | Metric::WeeklySaving { .. }
            | Metric::TotalCost { .. }
            | Metric::TotalBenefit { .. }
            | Metric::AverageCost { .. }
            | Metric::AverageBenefit { .. }
            | Metric::AnnualAverageBenefit
            | Metric::FamilyCost { .. }
            | Metric::FamilyBenefit { .. } => FigureUnit::Money,
        }
    }
}

/// A figure as printed, with what it claims to be and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedFigure {
    /// A short id, unique in the publication.
    pub id: String,
    /// Where it is printed: table, row and column, or section.
    pub location: String,
    /// The line of the plain-text copy of the report.
    pub line: Option<u32>,
    /// Exactly as printed, e.g. `£299.307`.
    pub printed: String,
    /// What its label says it is.
    pub metric: Metric,
}

/// What the text claims about the method or the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "claim")]
pub enum ClaimKind {
    /// Benefits are valued at this outcome point.
    OutcomePoint {
        /// The point the text states.
        value: crate::benefits::OutcomePoint,
    },
    /// Deteriorations earn this.
    Deterioration {
        /// The treatment the text states.
        value: crate::benefits::Deterioration,
    },
    /// A cohort's families exited in this year.
    ExitYear {
        /// Cohort.
        cohort: u32,
        /// Year.
        year: u16,
    },
    /// A cohort's family benefits are (or are not) net of deadweight.
    NetOfDeadweight {
        /// Cohort.
        cohort: u32,
        /// What the label says.
        net: bool,
    },
    /// The number of cohorts analysed.
    Cohorts {
        /// The number stated.
        count: u32,
    },
}

/// A statement in the text that the numbers can confirm or contradict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// A short id.
    pub id: String,
    /// Where.
    pub location: String,
    /// The line of the plain-text copy.
    pub line: Option<u32>,
    /// What is claimed.
    pub kind: ClaimKind,
}

/// A discrepancy found by reading rather than arithmetic, recorded with the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewNote {
    /// A short id.
    pub id: String,
    /// Where.
    pub location: String,
    /// The line of the plain-text copy.
    pub line: Option<u32>,
    /// The classification.
    pub kind: super::DiscrepancyKind,
    /// What is wrong.
    pub text: String,
}

/// An input of the annual chain (average benefit x cases a year x (1 -
/// deadweight) / annual service cost).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChainInput {
    /// The average benefit per case of the basis cohort.
    AverageBenefit,
    /// Cases a year.
    CasesPerYear,
    /// The annual cost of the whole service.
    ServiceCost,
    /// The deadweight of the headline scenario.
    Deadweight,
}

impl ChainInput {
    /// Every input in the order of the chain, with its word in publication
    /// files: the one table the other methods read.
    pub const ALL: [(ChainInput, &'static str); 4] = [
        (ChainInput::AverageBenefit, "average_benefit"),
        (ChainInput::CasesPerYear, "cases_per_year"),
        (ChainInput::ServiceCost, "service_cost"),
        (ChainInput::Deadweight, "deadweight"),
    ];

    /// What kind of quantity it is.
    pub fn unit(self) -> FigureUnit {
        match self {
            ChainInput::AverageBenefit | ChainInput::ServiceCost => FigureUnit::Money,
            ChainInput::CasesPerYear => FigureUnit::Count,
            ChainInput::Deadweight => FigureUnit::Fraction,
        }
    }

    /// Read its word, e.g. `cases_per_year`.
    pub fn parse(word: &str) -> Option<ChainInput> {
        Self::ALL.iter().find(|(_, w)| *w == word).map(|(i, _)| *i)
    }

    /// Its word in publication files.
    pub fn word(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(i, _)| *i == self)
            .map_or("", |(_, w)| w)
    }

    /// The words, for messages.
    pub fn words() -> String {
        Self::ALL.map(|(_, w)| w).join(", ")
    }
}

impl std::fmt::Display for ChainInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ChainInput::AverageBenefit => "average benefit per case",
            ChainInput::CasesPerYear => "cases a year",
            ChainInput::ServiceCost => "annual service cost",
            ChainInput::Deadweight => "deadweight",
        })
    }
}

/// What one case of the annual chain counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseUnit {
    /// Sessions (conferences) held.
    Sessions,
    /// Families (cases) served.
    Families,
}

/// Where the publication prints an input of the annual chain, and what it
/// says the input is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainSource {
    /// A short id.
    pub id: String,
    /// Which input.
    pub input: ChainInput,
    /// Where, with the words that introduce it.
    pub location: String,
    /// The line of the plain-text copy.
    pub line: Option<u32>,
    /// As printed.
    pub printed: String,
    /// Whether the publication presents it as an assumption (rather than a
    /// figure of record).
    pub assumption: bool,
    /// For cases a year: what one case counts, by the publication's words.
    pub counts: Option<CaseUnit>,
    /// For cases a year: a total the publication prints over several years,
    /// of which the input may be the yearly average.
    pub over: Option<PeriodTotal>,
}

/// A count printed for a period of several years ("between 2017-2019, 248
/// FGCs had been completed with 374 families").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodTotal {
    /// The total, as printed.
    pub printed: String,
    /// The years it covers.
    pub years: u32,
    /// Where, with the words that print it.
    pub location: String,
    /// The line of the plain-text copy.
    #[serde(default)]
    pub line: Option<u32>,
    /// The families the same period counts, as printed, if it says.
    #[serde(default)]
    pub families: Option<String>,
}

/// Everything a publication prints about an appraisal, besides the family rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Publication {
    /// The document.
    pub document: String,
    /// The figures.
    pub figures: Vec<PublishedFigure>,
    /// The claims.
    pub claims: Vec<Claim>,
    /// Notes from reading.
    pub notes: Vec<ReviewNote>,
    /// Where each input of the annual chain is printed.
    pub chain: Vec<ChainSource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublication {
    document: String,
    #[serde(default)]
    figure: Vec<RawEntry>,
    #[serde(default)]
    claim: Vec<RawEntry>,
    #[serde(default)]
    note: Vec<RawEntry>,
    #[serde(default)]
    chain: Vec<RawEntry>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    location: String,
    line: Option<u32>,
    printed: Option<String>,
    metric: Option<String>,
    claim: Option<String>,
    kind: Option<String>,
    text: Option<String>,
    value: Option<String>,
    cohort: Option<u32>,
    sessions: Option<u32>,
    from: Option<String>,
    to: Option<String>,
    count: Option<String>,
    deadweight: Option<String>,
    input: Option<String>,
    counts: Option<String>,
    assumption: Option<bool>,
    over: Option<PeriodTotal>,
}

impl Publication {
    /// Read a publication file (TOML); `file` names it in errors.
    pub fn from_toml(text: &str, file: &str) -> Result<Publication> {
        let raw: RawPublication =
            toml::from_str(text).map_err(|e| crate::load::toml_error(&e, text, file))?;
        let figures = raw
            .figure
            .iter()
            .map(|e| {
                let at = Location::file(file).at_field(format!("figure {}", e.id));
                Ok(PublishedFigure {
                    id: e.id.clone(),
                    location: e.location.clone(),
                    line: e.line,
                    printed: required(&e.printed, &at, "printed")?.to_string(),
                    metric: metric(e, &at)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let claims = raw
            .claim
            .iter()
            .map(|e| {
                let at = Location::file(file).at_field(format!("claim {}", e.id));
                Ok(Claim {
                    id: e.id.clone(),
                    location: e.location.clone(),
                    line: e.line,
                    kind: claim(e, &at)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let notes = raw
            .note
            .iter()
            .map(|e| {
                let at = Location::file(file).at_field(format!("note {}", e.id));
                let kind = required(&e.kind, &at, "kind")?;
                Ok(ReviewNote {
                    id: e.id.clone(),
                    location: e.location.clone(),
                    line: e.line,
                    kind: super::DiscrepancyKind::parse(kind).ok_or_else(|| Error::Unknown {
                        at: at.clone(),
                        what: "discrepancy kind".into(),
                        value: kind.to_string(),
                        expected: super::DiscrepancyKind::WORDS.join(", "),
                    })?,
                    text: required(&e.text, &at, "text")?.to_string(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let chain = raw
            .chain
            .iter()
            .map(|e| chain_source(e, &Location::file(file).at_field(format!("chain {}", e.id))))
            .collect::<Result<Vec<_>>>()?;
        each_once(file, &figures, &claims, &notes, &chain)?;
        Ok(Publication {
            document: raw.document,
            figures,
            claims,
            notes,
            chain,
        })
    }

    /// The first figure with this metric, if printed.
    pub fn figure_for(&self, metric: &Metric) -> Option<&PublishedFigure> {
        self.figures.iter().find(|f| &f.metric == metric)
    }
}

fn required<'a>(value: &'a Option<String>, at: &Location, key: &str) -> Result<&'a str> {
    value.as_deref().ok_or_else(|| Error::Missing {
        at: at.at_field(format!(
            "{} ({key})",
            at.field.as_deref().unwrap_or_default()
        )),
        what: "key",
    })
}

fn cohort(e: &RawEntry, at: &Location) -> Result<u32> {
    e.cohort.ok_or_else(|| Error::Missing {
        at: at.clone(),
        what: "key `cohort`",
    })
}

fn status(e: &Option<String>, at: &Location, key: &str) -> Result<String> {
    Ok(required(e, at, key)?.trim().to_string())
}

fn deadweight(e: &RawEntry, at: &Location) -> Result<Deadweight> {
    let text = required(&e.deadweight, at, "deadweight")?;
    Deadweight::new_at(parse_decimal(text, at)?, at)
}

fn metric(e: &RawEntry, at: &Location) -> Result<Metric> {
    let name = required(&e.metric, at, "metric")?;
    if let Some(m) = cohort_metric(name, e, at)? {
        return Ok(m);
    }
    Ok(match name {
        "unit_cost" => Metric::UnitCost,
        "unit_hours" => Metric::UnitHours,
        "session_cost" => Metric::SessionCost {
            sessions: e.sessions.ok_or_else(|| Error::Missing {
                at: at.clone(),
                what: "key `sessions`",
            })?,
        },
        "weekly_saving" => Metric::WeeklySaving {
            from: status(&e.from, at, "from")?,
            to: status(&e.to, at, "to")?,
        },
        "annual_average_benefit" => Metric::AnnualAverageBenefit,
        "annual_ratio" => Metric::AnnualRatio {
            deadweight: deadweight(e, at)?,
        },
        other => {
            return Err(Error::Unknown {
                at: at.clone(),
                what: "metric".into(),
                value: other.to_string(),
                expected:
                    "unit_cost, unit_hours, session_cost, weekly_saving, families, total_cost, \
                           total_benefit, average_cost, average_benefit, ratio, average_children, \
                           count, share, net_ratio, annual_average_benefit, annual_ratio"
                        .into(),
            });
        }
    })
}

/// A metric of one cohort, if `name` is one.
fn cohort_metric(name: &str, e: &RawEntry, at: &Location) -> Result<Option<Metric>> {
    let of = |make: fn(u32) -> Metric| -> Result<Option<Metric>> { Ok(Some(make(cohort(e, at)?))) };
    match name {
        "families" => of(|cohort| Metric::Families { cohort }),
        "total_cost" => of(|cohort| Metric::TotalCost { cohort }),
        "total_benefit" => of(|cohort| Metric::TotalBenefit { cohort }),
        "average_cost" => of(|cohort| Metric::AverageCost { cohort }),
        "average_benefit" => of(|cohort| Metric::AverageBenefit { cohort }),
        "ratio" => of(|cohort| Metric::Ratio { cohort }),
        "average_children" => of(|cohort| Metric::AverageChildren { cohort }),
        "count" => Ok(Some(Metric::Count {
            cohort: cohort(e, at)?,
            count: count_kind(e, at)?,
        })),
        "share" => Ok(Some(Metric::Share {
            cohort: cohort(e, at)?,
            count: count_kind(e, at)?,
        })),
        "net_ratio" => Ok(Some(Metric::NetRatio {
            cohort: cohort(e, at)?,
            deadweight: deadweight(e, at)?,
        })),
        _ => Ok(None),
    }
}

/// The `count` of a count or share metric.
fn count_kind(e: &RawEntry, at: &Location) -> Result<CountKind> {
    let word = required(&e.count, at, "count")?;
    Ok(match word {
        "closed_at_exit" => CountKind::ClosedAtExit,
        "closed_at_follow_up" => CountKind::ClosedAtFollowUp,
        "open_at_follow_up" => CountKind::OpenAtFollowUp,
        "improved" => CountKind::Improved,
        other => {
            return Err(Error::Unknown {
                at: at.clone(),
                what: "count".into(),
                value: other.to_string(),
                expected: "closed_at_exit, closed_at_follow_up, open_at_follow_up, improved".into(),
            });
        }
    })
}

/// Every id once in the file (a finding, a correction and a workbook link
/// name the entry by it), and each input of the chain traced from one place.
fn each_once(
    file: &str,
    figures: &[PublishedFigure],
    claims: &[Claim],
    notes: &[ReviewNote],
    chain: &[ChainSource],
) -> Result<()> {
    let ids = figures
        .iter()
        .map(|f| f.id.as_str())
        .chain(claims.iter().map(|c| c.id.as_str()))
        .chain(notes.iter().map(|n| n.id.as_str()))
        .chain(chain.iter().map(|c| c.id.as_str()));
    if let Some(id) = crate::error::first_repeat(ids) {
        return Err(Error::OutOfRange {
            at: Location::file(file).at_field("id"),
            value: format!("{id:?}"),
            field_rule: "an id names one entry of a publication file (a finding refers to it)"
                .into(),
        });
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = chain.iter().find(|c| !seen.insert(c.input)) {
        return Err(Error::OutOfRange {
            at: Location::file(file).at_field(format!("chain {}", twice.id)),
            value: twice.input.to_string(),
            field_rule: "each input of the chain is traced from one place".into(),
        });
    }
    Ok(())
}

fn chain_source(e: &RawEntry, at: &Location) -> Result<ChainSource> {
    let word = required(&e.input, at, "input")?;
    let input = ChainInput::parse(word).ok_or_else(|| Error::Unknown {
        at: at.clone(),
        what: "chain input".into(),
        value: word.to_string(),
        expected: ChainInput::words(),
    })?;
    let counts = match e.counts.as_deref() {
        None => None,
        Some("sessions") => Some(CaseUnit::Sessions),
        Some("families") => Some(CaseUnit::Families),
        Some(other) => {
            return Err(Error::Unknown {
                at: at.clone(),
                what: "case unit".into(),
                value: other.to_string(),
                expected: "sessions, families".into(),
            });
        }
    };
    let printed = required(&e.printed, at, "printed")?;
    if read_printed(printed).is_none() {
        return Err(Error::MalformedDecimal {
            at: at.clone(),
            value: printed.to_string(),
            hint: String::new(),
        });
    }
    Ok(ChainSource {
        id: e.id.clone(),
        input,
        location: e.location.clone(),
        line: e.line,
        printed: printed.to_string(),
        assumption: e.assumption.unwrap_or(false),
        counts,
        over: period_total(e.over.as_ref(), at)?,
    })
}

/// A period total with a readable count over at least one year.
fn period_total(over: Option<&PeriodTotal>, at: &Location) -> Result<Option<PeriodTotal>> {
    let Some(o) = over else { return Ok(None) };
    for text in std::iter::once(&o.printed).chain(&o.families) {
        if read_printed(text).is_none() {
            return Err(Error::MalformedDecimal {
                at: at.at_field("over"),
                value: text.clone(),
                hint: String::new(),
            });
        }
    }
    if o.years == 0 {
        return Err(Error::OutOfRange {
            at: at.at_field("over.years"),
            value: "0".into(),
            field_rule: "a period total covers at least one year".into(),
        });
    }
    Ok(Some(o.clone()))
}

fn claim(e: &RawEntry, at: &Location) -> Result<ClaimKind> {
    use crate::benefits::{Deterioration, OutcomePoint};
    let name = required(&e.claim, at, "claim")?;
    let value = required(&e.value, at, "value")?;
    let bad = |expected: &str| Error::Unknown {
        at: at.clone(),
        what: "claimed value".into(),
        value: value.to_string(),
        expected: expected.to_string(),
    };
    Ok(match name {
        "outcome_point" => ClaimKind::OutcomePoint {
            value: match value {
                "exit" => OutcomePoint::Exit,
                "follow_up" => OutcomePoint::FollowUp,
                _ => return Err(bad("exit, follow_up")),
            },
        },
        "deterioration" => ClaimKind::Deterioration {
            value: match value {
                "no_benefit" => Deterioration::NoBenefit,
                "negative_benefit" => Deterioration::NegativeBenefit,
                _ => return Err(bad("no_benefit, negative_benefit")),
            },
        },
        "exit_year" => ClaimKind::ExitYear {
            cohort: cohort(e, at)?,
            year: value.parse().map_err(|_| bad("a year such as 2018"))?,
        },
        "net_of_deadweight" => ClaimKind::NetOfDeadweight {
            cohort: cohort(e, at)?,
            net: value.parse().map_err(|_| bad("true, false"))?,
        },
        "cohorts" => ClaimKind::Cohorts {
            count: value.parse().map_err(|_| bad("a whole number"))?,
        },
        other => {
            return Err(Error::Unknown {
                at: at.clone(),
                what: "claim".into(),
                value: other.to_string(),
                expected: "outcome_point, deterioration, exit_year, net_of_deadweight, cohorts"
                    .into(),
            });
        }
    })
}

/// A printed figure read as a number: `£299.307` is 299.307, `45%` is 45.
///
/// Returns the value and the number of decimal places printed.
pub fn read_printed(printed: &str) -> Option<Decimal> {
    let cleaned: String = printed
        .chars()
        .filter(|c| !matches!(c, '£' | ',' | '%' | ' '))
        .collect();
    Decimal::from_str_exact(&cleaned).ok()
}
