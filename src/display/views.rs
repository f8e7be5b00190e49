//! Tables of an options appraisal, a budget view and the figures shown
//! beside an appraisal (weighted, with METB), for notebooks,
//! pages and Markdown.

use crate::budget::BudgetView;
use crate::html::{Cell, Table};
use crate::options::{Increment, OptionResult, OptionsAppraisal};

impl OptionsAppraisal {
    /// Each option's figures and standing, its increments over business as
    /// usual and over the next-cheaper option, and the switching values.
    ///
    /// ```
    /// let set = froi::load::read_options("data/nelc_2020/options.toml")?;
    /// let html = set.appraise()?.to_html();
    /// assert!(html.contains("Against business as usual"));
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn tables(&self) -> Vec<Table> {
        let mut tables = vec![self.options_table()];
        tables.push(self.increments_table("Against business as usual", |o| {
            o.over_business_as_usual.as_ref()
        }));
        tables.push(
            self.increments_table("Against the next-cheaper option", |o| {
                o.over_next_cheaper.as_ref()
            }),
        );
        if !self.switching.is_empty() {
            tables.push(self.switching_table());
        }
        tables
    }

    fn options_table(&self) -> Table {
        let effect = match &self.measure {
            Some(unit) => format!("effect ({unit})"),
            None => "effect (PV benefits)".into(),
        };
        let mut t = Table::new(
            "Options (the first is business as usual)",
            &[
                "option",
                "PV costs",
                "PV benefits",
                "NPV",
                "BCR",
                &effect,
                "standing",
            ],
        );
        for o in &self.options {
            t.row(vec![
                Cell::text(&o.name),
                Cell::pounds(o.pv_costs).with_exact(o.pv_costs.value()),
                Cell::pounds(o.pv_benefits).with_exact(o.pv_benefits.value()),
                Cell::pounds(o.npv).with_exact(o.npv.value()),
                o.bcr.map_or(Cell::figure("-"), |r| {
                    Cell::ratio(r, 2).with_exact(r.value())
                }),
                self.effect_cell(o.effect),
                Cell::text(o.standing.describe(self.measure.is_some())),
            ]);
        }
        t
    }

    fn increments_table(
        &self,
        caption: &str,
        pick: fn(&OptionResult) -> Option<&Increment>,
    ) -> Table {
        let mut t = Table::new(
            caption,
            &[
                "option",
                "over",
                "Δ costs",
                "Δ benefits",
                "Δ NPV",
                "Δ BCR",
                "Δ effect",
                "cost a unit",
            ],
        );
        for o in &self.options {
            let Some(i) = pick(o) else { continue };
            t.row(vec![
                Cell::text(&o.name),
                Cell::text(&i.over),
                Cell::pounds(i.cost),
                Cell::pounds(i.benefit),
                Cell::pounds(i.npv),
                i.bcr.map_or(Cell::figure("-"), |r| {
                    Cell::ratio(r, 2).with_exact(r.value())
                }),
                self.effect_cell(i.effect),
                i.cost_per_unit.map_or(Cell::figure(""), |c| {
                    Cell::pounds(crate::Money::new(c)).with_exact(c)
                }),
            ]);
        }
        t
    }

    /// An effect in units of the measure, or in pounds without one.
    fn effect_cell(&self, effect: rust_decimal::Decimal) -> Cell {
        match self.measure {
            Some(_) => Cell::number(effect, 2),
            None => Cell::pounds(crate::Money::new(effect)),
        }
        .with_exact(effect)
    }

    fn switching_table(&self) -> Table {
        let mut t = Table::new(
            "Switching values between options (equal NPV)",
            &["options", "input", "now", "they swap at"],
        );
        for w in &self.switching {
            let p = &w.swap.parameter;
            t.row(vec![
                Cell::text(format!("{} and {}", w.swap.between.0, w.swap.between.1)),
                Cell::text(p.to_string()),
                w.base_value
                    .map_or(Cell::figure(""), |v| Cell::figure(p.show(v))),
                w.value.map_or(Cell::figure("not in the range"), |v| {
                    Cell::figure(p.show(v)).with_exact(v)
                }),
            ]);
        }
        t
    }
}

impl BudgetView {
    /// Each agency's totals, then agency by year.
    ///
    /// ```
    /// let p = froi::load::read_programme("data/cardiff_2014/programme.toml")?.programme;
    /// let pv = froi::appraise(&p)?.over_time.unwrap();
    /// let view = froi::budget_view(&p, &pv, froi::YearStart::new(2003, 1)?)?;
    /// assert!(view.to_html().contains("Health service"));
    /// # Ok::<(), froi::Error>(())
    /// ```
    pub fn tables(&self) -> Vec<Table> {
        let mut totals = Table::new(
            "Who pays and who saves (real, base-year prices; PV discounted)",
            &[
                "agency",
                "pays",
                "saves",
                "of which cashable",
                "PV saves",
                "PV pays",
                "pays back",
            ],
        );
        for a in &self.agencies {
            totals.row(vec![
                Cell::text(&a.agency),
                Cell::pounds(a.paid),
                Cell::pounds(a.saved),
                Cell::pounds(a.cashable),
                Cell::pounds(a.pv_saved),
                Cell::pounds(a.pv_paid),
                Cell::text(
                    a.payback_year
                        .map_or("no".into(), |y| self.year_start.label(y)),
                ),
            ]);
        }
        let mut years = Table::new(
            "Agency by year (real; net also discounted and nominal)",
            &[
                "agency",
                "year",
                "pays",
                "saves cashable",
                "saves non-cashable",
                "saves, not stated",
                "net",
                "net discounted",
                "net nominal",
            ],
        );
        for r in &self.rows {
            years.row(vec![
                Cell::text(&r.agency),
                Cell::text(&r.financial_year),
                Cell::pounds(r.paid),
                Cell::pounds(r.cashable),
                Cell::pounds(r.non_cashable),
                Cell::pounds(r.not_stated),
                Cell::pounds(r.net),
                Cell::pounds(r.discounted_net),
                r.nominal_net.map_or(Cell::figure("-"), Cell::pounds),
            ]);
        }
        vec![totals, years]
    }
}

/// The figures beside an appraisal's own, as tables (none where the
/// programme asks for neither).
pub(super) fn beside_tables(a: &crate::Appraisal) -> Vec<Table> {
    let mut tables = Vec::new();
    if let Some(w) = &a.weighted {
        let mut t = Table::new(
            format!(
                "Distributional weights, beside the unweighted figures (η {}; reference income {}): weighted NPV {}, BCR {}",
                w.eta.normalize(),
                crate::report::grouped(w.reference_income, crate::Rounding::half_up(0)),
                crate::report::grouped(w.npv.value(), crate::Rounding::half_up(0)),
                crate::report::grouped(w.bcr.value(), crate::Rounding::half_up(2))
            ),
            &["group", "income", "weight", "PV benefits", "weighted"],
        );
        for g in &w.groups {
            t.row(vec![
                Cell::text(&g.group),
                g.income.map_or(Cell::figure("-"), |i| Cell::number(i, 0)),
                Cell::number(g.weight, 4).with_exact(g.weight),
                Cell::pounds(g.pv_benefits),
                Cell::pounds(g.weighted),
            ]);
        }
        tables.push(t);
    }
    if let Some(m) = &a.with_metb {
        let mut t = Table::new(
            "With the cost of raising public funds (beside the figures without)",
            &["METB", "PV costs", "NPV", "BCR"],
        );
        t.row(vec![
            Cell::number(m.rate * rust_decimal::Decimal::ONE_HUNDRED, 0),
            Cell::pounds(m.pv_costs),
            Cell::pounds(m.npv),
            Cell::ratio(m.bcr, 2).with_exact(m.bcr.value()),
        ]);
        tables.push(t);
    }
    tables
}
