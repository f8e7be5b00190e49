//! Rich display of results in notebooks: every result a researcher meets
//! renders as HTML tables (with a plain-text fallback) through evcxr's
//! `evcxr_display`, and as the same tables from `to_html` and `to_text`.

use rust_decimal::Decimal;

use crate::appraisal::Appraisal;
#[cfg(feature = "audit")]
use crate::audit::{Audit, FigureAudit, PrintedAudit};
use crate::family_source::{BenefitBasis, FamilyAppraisal};
use crate::html::{Cell, Table, escape, evcxr_print};
use crate::over_time::PresentValueAppraisal;
use crate::uncertainty::{MonteCarloSummary, UncertaintyResult};

mod views;

fn html_of(title: &str, tables: &[Table]) -> String {
    let mut s = format!("<div class=\"froi\"><h4>{}</h4>", escape(title));
    for t in tables {
        s.push_str(&t.to_html());
    }
    s.push_str("</div>");
    s
}

fn markdown_of(title: &str, tables: &[Table]) -> String {
    let mut s = format!("## {title}\n");
    for t in tables {
        s.push('\n');
        s.push_str(&t.to_markdown());
    }
    s
}

fn text_of(title: &str, tables: &[Table]) -> String {
    let mut s = format!("{title}\n");
    for t in tables {
        s.push('\n');
        s.push_str(&t.to_text());
    }
    s
}

macro_rules! displayable {
    ($ty:ty, $title:expr) => {
        impl $ty {
            /// The result as HTML tables.
            pub fn to_html(&self) -> String {
                html_of(&$title(self), &self.tables())
            }

            /// The result as a complete HTML page (character set, style,
            /// title): what a browser opens on its own.
            pub fn to_html_page(&self) -> String {
                crate::html::page(&$title(self), &self.to_html())
            }

            /// The result as Markdown tables, under its title.
            pub fn to_markdown(&self) -> String {
                markdown_of(&$title(self), &self.tables())
            }

            /// The result as plain-text tables.
            pub fn to_text(&self) -> String {
                text_of(&$title(self), &self.tables())
            }

            /// Show the result in an evcxr notebook cell (HTML, with the text as fallback).
            pub fn evcxr_display(&self) {
                evcxr_print(&self.to_html(), &self.to_text());
            }
        }
    };
}

/// Amounts in a notebook cell show as their exact decimal (`3.44235…`), not
/// their type (`Ratio(3.44235…)`).
macro_rules! shown_as_text {
    ($($ty:ty),*) => {
        $(
            impl $ty {
                /// Show the amount in an evcxr notebook cell as its exact decimal.
                pub fn evcxr_display(&self) {
                    crate::html::evcxr_print_text(&self.to_string());
                }
            }
        )*
    };
}

shown_as_text!(
    crate::Money,
    crate::Ratio,
    crate::WeeklyValue,
    crate::HourlyRate,
    crate::Hours
);

displayable!(Appraisal, |a: &Appraisal| a.name.clone());
#[cfg(feature = "audit")]
displayable!(Audit, |a: &Audit| format!("Audit: {}", a.name));
#[cfg(feature = "audit")]
displayable!(PrintedAudit, |a: &PrintedAudit| format!(
    "Audit of printed figures: {}",
    a.name
));
displayable!(UncertaintyResult, |u: &UncertaintyResult| format!(
    "Uncertainty: {}",
    u.target
));
displayable!(MonteCarloSummary, |m: &MonteCarloSummary| format!(
    "Monte Carlo: {}",
    m.target
));
displayable!(
    crate::options::OptionsAppraisal,
    |a: &crate::options::OptionsAppraisal| format!("Options: {}", a.name)
);
displayable!(crate::BudgetView, |v: &crate::BudgetView| format!(
    "Budget view, years from {}",
    v.year_start.label(0)
));
displayable!(PresentValueAppraisal, |p: &PresentValueAppraisal| format!(
    "Appraisal over {} years ({}; {})",
    p.horizon, p.schedule, p.timing
));

impl Appraisal {
    /// The appraisal's tables: its family source's
    /// ([`FamilyAppraisal::tables`]), then its appraisal over time's
    /// ([`PresentValueAppraisal::tables`]), each where it has one. The
    /// uncertainty analyses are a result of their own
    /// ([`UncertaintyResult::tables`]).
    pub fn tables(&self) -> Vec<Table> {
        let mut tables = self
            .family_source
            .as_ref()
            .map(FamilyAppraisal::tables)
            .unwrap_or_default();
        if let Some(pv) = &self.over_time {
            tables.extend(pv.tables());
        }
        tables.extend(views::beside_tables(self));
        tables
    }
}

impl FamilyAppraisal {
    /// The family source's tables: the annual ratio (the headline) first,
    /// then families, cohorts and ratios net of deadweight.
    pub fn tables(&self) -> Vec<Table> {
        let mut tables = Vec::new();
        tables.extend(self.annual_table());
        tables.push(self.families_table());
        tables.push(self.cohorts_table());
        tables.extend(self.net_table());
        tables
    }

    fn families_table(&self) -> Table {
        let mut families = Table::new(
            format!(
                "Families ({})",
                match self.benefit_basis {
                    BenefitBasis::Rule => "benefits by the rule",
                    BenefitBasis::Published => "benefits as published where printed",
                }
            ),
            &[
                "cohort",
                "family",
                "children",
                "entry",
                "outcome",
                "cost",
                "by the rule",
                "counted",
                "ratio",
            ],
        );
        for f in &self.families {
            families.row(vec![
                Cell::count(f.cohort),
                Cell::text(&f.family),
                Cell::count(f.children),
                Cell::text(&f.entry),
                Cell::text(&f.outcome),
                Cell::pounds(f.cost),
                Cell::pounds(f.rule_benefit),
                Cell::pounds(f.benefit),
                Cell::ratio(f.ratio, 2),
            ]);
        }
        families
    }

    fn cohorts_table(&self) -> Table {
        let mut cohorts = Table::new(
            "Cohorts",
            &[
                "cohort",
                "families",
                "children",
                "total cost",
                "total benefit",
                "average benefit",
                "ratio",
                "closed at follow-up",
                "improved",
            ],
        );
        for c in self.cohorts.iter().chain(std::iter::once(&self.overall)) {
            cohorts.row(vec![
                c.cohort.map_or(Cell::text("all"), Cell::count),
                Cell::count(c.families),
                Cell::count(c.children),
                Cell::pounds(c.total_cost),
                Cell::pounds(c.total_benefit),
                Cell::pounds(c.average_benefit),
                Cell::ratio(c.ratio, 2),
                Cell::count(c.outcomes.closed_at_follow_up),
                Cell::count(c.outcomes.improved),
            ]);
        }
        cohorts
    }

    /// The ratios net of each deadweight scenario, if there are any.
    fn net_table(&self) -> Option<Table> {
        if self.net_of_deadweight.is_empty() {
            return None;
        }
        let mut headers = vec!["cohort".to_string()];
        headers.extend(
            self.net_of_deadweight
                .iter()
                .map(|n| format!("{} ({})", n.scenario.name, n.scenario.deadweight)),
        );
        let mut net = Table {
            caption: "Benefit-cost ratios net of deadweight".into(),
            headers,
            rows: Vec::new(),
        };
        for (i, c) in self.cohorts.iter().enumerate() {
            let mut row = vec![c.cohort.map_or(Cell::text("all"), Cell::count)];
            row.extend(self.net_of_deadweight.iter().map(|n| {
                n.cohorts
                    .get(i)
                    .map_or(Cell::text(""), |(_, r)| Cell::ratio(*r, 2))
            }));
            net.row(row);
        }
        let mut all = vec![Cell::text("all")];
        all.extend(
            self.net_of_deadweight
                .iter()
                .map(|n| Cell::ratio(n.overall, 2)),
        );
        net.row(all);
        Some(net)
    }

    /// The annual ratio under each deadweight scenario: the headline, met
    /// before the forty rows behind it.
    fn annual_table(&self) -> Option<Table> {
        if self.annual.is_empty() {
            return None;
        }
        let mut annual = Table::new(
            "Annual benefit-cost ratio",
            &[
                "deadweight",
                "average benefit a case",
                "cases a year",
                "service cost",
                "ratio",
                "net return",
                "derivation (unrounded)",
            ],
        );
        for r in &self.annual {
            annual.row(vec![
                Cell::text(format!("{} ({})", r.scenario.name, r.scenario.deadweight)),
                Cell::pounds(r.average_benefit),
                Cell::number(r.cases_per_year, 0),
                Cell::pounds(r.service_cost),
                Cell::ratio(r.ratio, 2),
                Cell::ratio(r.net_return, 2),
                Cell::text(format!(
                    "{} = {}",
                    r.derivation().expression,
                    r.ratio.value().normalize()
                )),
            ]);
        }
        Some(annual)
    }
}

impl PresentValueAppraisal {
    /// The year-by-year table, the totals and the splits.
    pub fn tables(&self) -> Vec<Table> {
        let mut tables = Vec::with_capacity(5);
        tables.extend(self.lines_table());
        tables.extend([
            self.years_table(),
            self.totals_table(),
            self.agencies_table(),
        ]);
        tables.extend(self.per_participant_table());
        tables
    }

    fn years_table(&self) -> Table {
        let mut years = Table::new(
            format!("Year by year ({})", self.timing),
            &[
                "year",
                "discount factor",
                "benefits",
                "costs",
                "PV benefits",
                "PV costs",
                "cumulative net",
            ],
        );
        for y in &self.years {
            years.row(vec![
                Cell::count(y.year),
                Cell::number(y.discount_factor, 6),
                Cell::pounds(y.benefits),
                Cell::pounds(y.costs),
                Cell::pounds(y.pv_benefits),
                Cell::pounds(y.pv_costs),
                Cell::pounds(y.cumulative_net),
            ]);
        }
        years
    }

    fn totals_table(&self) -> Table {
        let mut totals = Table::new(
            "Present values",
            &[
                "PV benefits",
                "PV costs",
                "NPV",
                "benefit-cost ratio",
                "net ratio",
                "fiscal ratio",
                "payback year",
                "undiscounted payback",
                "equivalent annual net",
            ],
        );
        totals.row(vec![
            Cell::pounds(self.pv_benefits),
            Cell::pounds(self.pv_costs),
            Cell::pounds(self.npv),
            Cell::ratio(self.bcr, 2),
            Cell::ratio(self.net_ratio, 2),
            Cell::ratio(self.fiscal_bcr, 2),
            // As in the text report: a payback the later years undo says so.
            match self.payback_year {
                None => Cell::text("none"),
                Some(y) if self.payback_undone() => {
                    Cell::text(format!("{y}, negative again by the horizon"))
                }
                Some(y) => Cell::count(y),
            },
            match self.payback_year_undiscounted {
                None => Cell::text("none"),
                Some(y) if self.undiscounted_payback_undone() => {
                    Cell::text(format!("{y}, negative again by the horizon"))
                }
                Some(y) => Cell::count(y),
            },
            Cell::pounds(self.equivalent_annual_net).with_exact(self.equivalent_annual_net.value()),
        ]);
        totals
    }

    fn agencies_table(&self) -> Table {
        let mut agencies = Table::new(
            "Who saves and who pays",
            &["agency", "PV benefits", "PV costs"],
        );
        for r in &self.by_agency {
            agencies.row(vec![
                Cell::text(&r.key),
                Cell::pounds(r.pv_benefits),
                Cell::pounds(r.pv_costs),
            ]);
        }
        agencies
    }

    /// Outcome lines show how each gross value a year is made.
    fn lines_table(&self) -> Option<Table> {
        let lines: Vec<_> = self
            .streams
            .iter()
            .filter_map(|s| Some((s, s.derivation.as_ref()?)))
            .collect();
        if lines.is_empty() {
            return None;
        }
        // The gross as its unit value gives it, in that value's prices;
        // restated, in the base year's (what the present value is of).
        let restated = match &self.base_year {
            Some(base) => format!("gross in {base} prices"),
            None => "gross as appraised".to_string(),
        };
        let mut t = Table::new(
            "Outcome lines",
            &[
                "line",
                "gross a year",
                "in prices of",
                "as",
                &restated,
                "present value",
            ],
        );
        for (s, d) in lines {
            let prices = s
                .price_year
                .clone()
                .or_else(|| self.base_year.clone())
                .unwrap_or_else(|| "as given".into());
            t.row(vec![
                Cell::text(&s.name),
                Cell::pounds(crate::money::Money::new(d.value)),
                Cell::text(prices),
                Cell::text(&d.expression),
                Cell::pounds(s.gross),
                Cell::pounds(s.present_value),
            ]);
        }
        Some(t)
    }

    fn per_participant_table(&self) -> Option<Table> {
        let p = self.per_participant.as_ref()?;
        let mut t = Table::new(
            format!("Per participant ({} people)", p.participants),
            &["PV benefits", "PV fiscal benefits", "PV costs", "NPV"],
        );
        t.row(vec![
            Cell::pounds(p.pv_benefits),
            Cell::pounds(p.pv_fiscal_benefits),
            Cell::pounds(p.pv_costs),
            Cell::pounds(p.npv),
        ]);
        Some(t)
    }
}

/// A parameter's value as what it measures: pounds, a percentage, a count;
/// the exact value in the tooltip.
fn parameter_cell(p: &crate::uncertainty::Parameter, v: Decimal) -> Cell {
    use crate::uncertainty::Measure;
    match p.measure() {
        // To the penny where there are pence (£65.40 a week), else the pound.
        Measure::Money => {
            let places = if v.fract().is_zero() { 0 } else { 2 };
            Cell::figure(crate::money::pounds_text(
                v,
                crate::Rounding::half_up(places),
            ))
            .with_exact(v)
        }
        Measure::Percent => Cell::figure(crate::money::percent_rounded(v, 2)).with_exact(v),
        Measure::Count => Cell::number(v, 2),
    }
}

impl UncertaintyResult {
    /// Whether the target is money: a net present value (a threshold of 0
    /// over time), shown in pounds; otherwise a ratio.
    fn money(&self) -> bool {
        self.over_time && self.threshold.is_zero()
    }

    /// A value of the target, as the target is shown.
    fn target_cell(&self, r: crate::Ratio) -> Cell {
        if self.money() {
            Cell::pounds(crate::Money::new(r.value()))
        } else {
            Cell::ratio(r, 4)
        }
    }

    /// Scenarios, tornado data, switching values and the Monte Carlo summary.
    pub fn tables(&self) -> Vec<Table> {
        // Family ratios keep their words; a target over time is named.
        let value = if self.over_time { "value" } else { "ratio" };
        let at = |end: &str| format!("{value} at {end}");
        let base = if self.money() {
            crate::report::pounds(crate::Money::new(self.base.value()))
        } else {
            self.base.rounded(crate::Rounding::half_up(4)).to_string()
        };
        let mut out = Vec::new();
        if !self.scenarios.is_empty() {
            let mut t = Table::new(
                format!("Scenarios (base {base})"),
                &["scenario", "overrides", value],
            );
            for r in &self.scenarios {
                t.row(vec![
                    Cell::text(&r.name),
                    Cell::text(r.overrides_text()),
                    self.target_cell(r.ratio),
                ]);
            }
            out.push(t);
        }
        if !self.tornado.is_empty() {
            out.push(self.tornado_table(&at("low"), &at("high")));
        }
        if !self.switching.is_empty() {
            out.push(self.switching_table());
        }
        if let Some(mc) = &self.monte_carlo {
            out.extend(if self.over_time {
                mc.tables_for(
                    "value",
                    &format!("P({} > {})", self.target, self.threshold),
                    self.money(),
                )
            } else {
                mc.tables()
            });
        }
        out
    }

    fn tornado_table(&self, at_low: &str, at_high: &str) -> Table {
        let mut t = Table::new(
            "One-way sensitivity",
            &["parameter", "base", "low", "high", at_low, at_high, "swing"],
        );
        for r in &self.tornado {
            let p = &r.parameter;
            t.row(vec![
                Cell::text(p.label()).with_title(p.to_string()),
                parameter_cell(p, r.base_value),
                parameter_cell(p, r.low),
                parameter_cell(p, r.high),
                self.target_cell(r.ratio_at_low),
                self.target_cell(r.ratio_at_high),
                if self.money() {
                    Cell::pounds(crate::Money::new(r.swing))
                } else {
                    Cell::number(r.swing, 4)
                },
            ]);
        }
        t
    }

    fn switching_table(&self) -> Table {
        let mut t = Table::new(
            if self.over_time {
                format!("Switching values ({} = {})", self.target, self.threshold)
            } else {
                "Switching values (ratio = 1)".to_string()
            },
            &["parameter", "base", "switching value", "change", "method"],
        );
        for v in &self.switching {
            let p = &v.parameter;
            t.row(vec![
                Cell::text(p.label()).with_title(p.to_string()),
                parameter_cell(p, v.base_value),
                v.value.map_or(
                    Cell::text(format!(
                        "none in [{}, {}]",
                        v.range.0.normalize(),
                        v.range.1.normalize()
                    )),
                    |x| parameter_cell(p, x),
                ),
                v.change.map_or(Cell::text(""), |c| {
                    Cell::figure(crate::report::percent_change(c))
                }),
                Cell::text(&v.method),
            ]);
        }
        t
    }
}

impl MonteCarloSummary {
    /// The summary as a table, with the seed and sampler.
    pub fn tables(&self) -> Vec<Table> {
        self.tables_for("ratio", "P(ratio > 1)", false)
    }

    /// The same, naming the value and the share above the threshold; a
    /// `money` value in pounds.
    fn tables_for(&self, value: &str, above: &str, money: bool) -> Vec<Table> {
        let mut t = Table::new(
            format!(
                "Monte Carlo: {} draws, seed {}",
                crate::report::grouped(Decimal::from(self.draws), crate::Rounding::half_up(0)),
                self.seed
            ),
            &["statistic", value],
        );
        let f = |x: f64| match (money, Decimal::from_f64_retain(x)) {
            (true, Some(d)) => {
                Cell::figure(crate::money::pounds_text(d, crate::Rounding::half_up(0)))
            }
            _ => Cell::figure(format!("{x:.4}")),
        };
        t.row(vec![Cell::text("deterministic"), f(self.deterministic)]);
        t.row(vec![Cell::text("mean"), f(self.mean)]);
        for (p, v) in &self.percentiles {
            t.row(vec![Cell::text(format!("percentile {p}")), f(*v)]);
        }
        // A share of the draws, never money.
        let share = format!("{:.4}", self.p_ratio_above_1);
        t.row(vec![Cell::text(above), Cell::figure(share)]);
        t.row(vec![Cell::text("sampler"), Cell::text(&self.sampler)]);
        vec![t]
    }
}

#[cfg(feature = "audit")]
impl Audit {
    /// The verdict, the traced chain, the discrepancy table and the
    /// corrected headlines. Figures show their meaningful places; a
    /// recomputed figure carries its exact value in a tooltip.
    pub fn tables(&self) -> Vec<Table> {
        let mut out = vec![self.verdict_table()];
        if let Some(t) = self.chain_table() {
            out.push(t);
        }
        out.push(self.discrepancy_table());
        out.push(self.corrections_table());
        out
    }

    fn verdict_table(&self) -> Table {
        let mut t = Table::new("Verdict", &["", ""]);
        if let Some(chain) = &self.headline_chain {
            if let Some(f) = &chain.published {
                let place = f.line.map_or(String::new(), |l| format!(", line {l}"));
                t.row(vec![
                    Cell::text("published headline"),
                    Cell::text(format!("{} ({}{place})", f.printed, f.location)),
                ]);
            }
            let said = match chain.reproduced {
                Some(true) => ": reproduced at the printed precision",
                Some(false) => ": NOT reproduced at the printed precision",
                None => "",
            };
            t.row(vec![
                Cell::text("froi recomputes"),
                Cell::text(format!(
                    "{} ({} deadweight){said}",
                    crate::money::Rounding::half_up(4).apply(chain.ratio),
                    chain.scenario
                )),
            ]);
        }
        let read = self.discrepancies.iter().filter(|d| !d.computed).count();
        t.row(vec![
            Cell::text("discrepancies"),
            Cell::text(format!(
                "{} ({} by recomputation, {read} by reading); {} material",
                self.discrepancies.len(),
                self.discrepancies.len() - read,
                self.discrepancies.iter().filter(|d| d.material).count()
            )),
        ]);
        if let Some(chain) = &self.headline_chain {
            for c in self.corrections.iter().filter(|c| c.material) {
                if let Some((_, r)) = c.annual.iter().find(|(n, _)| *n == chain.scenario) {
                    let moved = self
                        .corrections
                        .first()
                        .map(|b| c.moves(b, &chain.scenario))
                        .unwrap_or_default();
                    t.row(vec![
                        Cell::text("the headline if corrected"),
                        Cell::text(format!(
                            "{}: {}{moved}",
                            crate::money::Rounding::half_up(4).apply(r.value()),
                            c.description
                        ))
                        .with_exact(r.value()),
                    ]);
                }
            }
        }
        t
    }

    fn chain_table(&self) -> Option<Table> {
        let chain = self.headline_chain.as_ref()?;
        let mut t = Table::new(
            format!(
                "The inputs of the headline ({} deadweight, {}), traced",
                chain.scenario,
                crate::money::Rounding::half_up(4).apply(chain.ratio)
            ),
            &[
                "input",
                "value",
                "status",
                "printed",
                "line",
                "where it comes from",
                "headline is 1 at",
            ],
        );
        for x in &chain.inputs {
            let unit = x.input.unit();
            t.row(vec![
                Cell::text(x.input.to_string()),
                Cell::figure(unit.show(x.value, "£")).with_exact(x.value),
                Cell::text(x.status.to_string()),
                Cell::figure(x.source.as_ref().map_or("", |s| s.printed.as_str())),
                Cell::text(
                    x.source
                        .as_ref()
                        .and_then(|s| s.line)
                        .map_or(String::new(), |l| l.to_string()),
                ),
                Cell::text(&x.derivation),
                x.switching_value.map_or(Cell::text(""), |v| {
                    Cell::figure(unit.show(v, "£")).with_exact(v)
                }),
            ]);
        }
        Some(t)
    }

    fn discrepancy_table(&self) -> Table {
        let mut d = Table::new(
            format!(
                "Discrepancies ({}; {} material)",
                self.discrepancies.len(),
                self.discrepancies.iter().filter(|d| d.material).count()
            ),
            &crate::audit::DISCREPANCY_COLUMNS,
        );
        for (i, x) in self.discrepancies.iter().enumerate() {
            // Figures align as numbers; words (a claim of the text) as text.
            let published = if crate::audit::read_printed(&x.published).is_some() {
                Cell::figure(&x.published)
            } else {
                Cell::text(&x.published)
            };
            d.row(vec![
                Cell::count(i as u64 + 1),
                Cell::text(x.line.map_or(String::new(), |l| l.to_string())),
                Cell::text(&x.location),
                published,
                match x.recomputed_exact {
                    Some(v) => Cell::figure(&x.recomputed).with_exact(v),
                    None => Cell::text(&x.recomputed),
                },
                Cell::text(x.kind.to_string()),
                Cell::text(if x.material { "yes" } else { "" }),
                Cell::text(&x.explanation),
            ]);
        }
        d
    }

    fn corrections_table(&self) -> Table {
        let mut headers: Vec<String> = vec!["correction".into()];
        if let Some(first) = self.corrections.first() {
            headers.extend(first.annual.iter().map(|(n, _)| format!("annual, {n}")));
            headers.extend(first.cohorts.iter().map(|(c, _)| format!("cohort {c}")));
        }
        headers.push("material".into());
        let mut c = Table {
            caption: "The headline under each correction".into(),
            headers,
            rows: Vec::new(),
        };
        for corr in &self.corrections {
            let mut row = vec![Cell::text(&corr.description)];
            row.extend(
                corr.annual
                    .iter()
                    .map(|(_, r)| Cell::ratio(*r, 4).with_exact(r.value())),
            );
            row.extend(
                corr.cohorts
                    .iter()
                    .map(|(_, r)| Cell::ratio(*r, 4).with_exact(r.value())),
            );
            row.push(Cell::text(if corr.material { "yes" } else { "" }));
            c.row(row);
        }
        c
    }
}

#[cfg(feature = "audit")]
impl PrintedAudit {
    /// The count by verdict, then every figure beside its recomputations:
    /// each value to three places past the printed ones, exact on hover.
    pub fn tables(&self) -> Vec<Table> {
        let mut summary = Table::new("Verdicts", &["verdict", "figures"]);
        for v in [
            crate::audit::Verdict::Inconsistent,
            crate::audit::Verdict::SourcesDisagree,
            crate::audit::Verdict::PeriodDiffers,
            crate::audit::Verdict::DisplayRounding,
            crate::audit::Verdict::WithinHedge,
            crate::audit::Verdict::Agrees,
        ] {
            let n = self.with_verdict(v).count();
            if n > 0 {
                summary.row(vec![Cell::text(v.words()), Cell::count(n as u64)]);
            }
        }
        let mut figures = Table::new(
            "Every figure, recomputed",
            &[
                "figure",
                "printed",
                "where",
                "verdict",
                "recomputed as",
                "value",
                "the printed parts allow",
                "note",
            ],
        );
        for f in &self.figures {
            for row in figure_rows(f) {
                figures.row(row);
            }
        }
        let mut heads = Table::new(
            "Headlines: each printed input, and where the headline turns with it",
            &crate::audit::HEADLINE_COLUMNS,
        );
        for h in &self.headlines {
            let turns = h
                .switching
                .map_or(String::new(), |s| s.normalize().to_string());
            for i in &h.inputs {
                let step = i.printed.as_ref().map_or(Decimal::ONE, |p| p.step);
                let at = i.switching_value.map_or(Cell::text(""), |x| {
                    let places = step.normalize().scale() + 3;
                    Cell::figure(crate::report::beside_printed(x, places)).with_exact(x)
                });
                heads.row(vec![
                    Cell::text(format!("{} {}", h.id, h.printed)),
                    Cell::figure(&turns),
                    Cell::text(&i.id),
                    Cell::figure(i.printed.as_ref().map_or(String::new(), |p| p.text.clone())),
                    Cell::text(i.status.word()),
                    at,
                ]);
            }
        }
        vec![summary, heads, figures]
    }
}

/// A printed figure's rows: its derived value, if it has one, then one row
/// a check (or one row saying it is an input).
#[cfg(feature = "audit")]
fn figure_rows(f: &FigureAudit) -> Vec<Vec<Cell>> {
    let printed = f.printed.as_ref().map_or(String::new(), |p| p.text.clone());
    let step = f.printed.as_ref().map_or(Decimal::ONE, |p| p.step);
    let places = step.normalize().scale() + 3;
    let place = f.place.describe();
    let shown = |v: Decimal| crate::report::beside_printed(v, places);
    let value = |v: Decimal| Cell::figure(shown(v)).with_exact(v);
    let range =
        |r: crate::audit::Interval| Cell::figure(format!("{} to {}", shown(r.lo), shown(r.hi)));
    let head = |verdict: &str| {
        vec![
            Cell::text(&f.id),
            Cell::figure(&printed),
            Cell::text(&place),
            Cell::text(verdict),
        ]
    };
    let mut rows = Vec::new();
    if let Some(d) = &f.derived {
        let mut row = head("derived");
        row.extend([
            Cell::text(&d.against),
            value(d.exact),
            range(d.range),
            Cell::text(""),
        ]);
        rows.push(row);
    }
    let moves: Vec<String> = f
        .moves
        .iter()
        .map(|m| {
            format!(
                "material: moves {} ({}) to {}",
                m.headline,
                m.printed,
                shown(m.corrected)
            )
        })
        .collect();
    for (n, c) in f.checks.iter().enumerate() {
        let mut row = head(c.verdict.words());
        let allowed = c.range.map_or(Cell::text(""), range);
        let mut notes = vec![c.note.clone()];
        if n == 0 {
            notes.extend(moves.iter().cloned());
        }
        notes.retain(|t| !t.is_empty());
        row.extend([
            Cell::text(&c.against),
            value(c.exact),
            allowed,
            Cell::text(notes.join("; ")),
        ]);
        rows.push(row);
    }
    if rows.is_empty() {
        let mut row = head("a printed input");
        row.extend([
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
        ]);
        rows.push(row);
    }
    rows
}
