//! The audited workbook: the appraisal's sheets and an **Audit** sheet of
//! every discrepancy, each linked to the cell it is about.

use rust_xlsxwriter::Format;

use super::{Cells, Formats, abs, build, headers, num, x};
use crate::error::Result;
use crate::family_source::FamilySource;
use crate::over_time::Programme;

/// The audited workbook of a publication: the appraisal's sheets, and an
/// **Audit** sheet listing every discrepancy beside the recomputation, each
/// with a link to the cell it is about (a family's printed benefit, the
/// stated cost, a cohort total, an annual ratio) where there is one.
///
/// ```
/// let programme = froi::nelc_2020::programme_as_published()?;
/// let audit = froi::nelc_2020::audit()?;
/// let publication = froi::nelc_2020::publication()?;
/// let bytes = froi::spreadsheet::audit_workbook(&programme, &audit, &publication)?;
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), froi::Error>(())
/// ```
pub fn audit_workbook(
    programme: &Programme,
    audit: &crate::audit::Audit,
    publication: &crate::audit::Publication,
) -> Result<Vec<u8>> {
    let scenario = programme.family_source()?;
    let (mut wb, cells) = build(programme, None)?;
    // `build` writes the family sheets whenever there is a family source.
    let Some(cells) = cells else {
        return Err(crate::error::Error::Missing {
            at: crate::error::Location::field("families"),
            what: "family table",
        });
    };
    let f = Formats::new();
    let ws = x(wb.add_worksheet().set_name("Audit"))?;
    headers(
        ws,
        &f,
        &{
            let mut columns = crate::audit::DISCREPANCY_COLUMNS.to_vec();
            columns.push("cell");
            columns
        },
        &[5.0, 6.0, 44.0, 12.0, 14.0, 26.0, 9.0, 70.0, 14.0],
    )?;
    let wrap = Format::new().set_text_wrap();
    for (i, d) in audit.discrepancies.iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
        x(ws.write_number(row, 0, f64::from(row)))?;
        if let Some(line) = d.line {
            x(ws.write_number(row, 1, f64::from(line)))?;
        }
        x(ws.write_string_with_format(row, 2, &d.location, &wrap))?;
        x(ws.write_string(row, 3, &d.published))?;
        match d.recomputed_exact {
            Some(v) => x(ws.write_number(row, 4, num(v)))?,
            None => x(ws.write_string(row, 4, &d.recomputed))?,
        };
        x(ws.write_string(row, 5, d.kind.to_string()))?;
        x(ws.write_string(row, 6, if d.material { "yes" } else { "" }))?;
        x(ws.write_string_with_format(row, 7, &d.explanation, &wrap))?;
        // Tall enough for its wrapped cells, so rows do not print over
        // one another: a line of 15 points for every column-width of text.
        let lines = [(&d.location, 44usize), (&d.explanation, 70)]
            .iter()
            .map(|(t, w)| crate::report::lines(t, *w).len())
            .max()
            .unwrap_or(1);
        x(ws.set_row_height(row, 15.0 * lines.max(1) as f64))?;
        if let Some(target) = cell_of(scenario, &cells, publication, &d.id) {
            let link = rust_xlsxwriter::Url::new(format!("internal:{target}")).set_text(&target);
            x(ws.write_url(row, 8, link))?;
        }
    }
    x(wb.save_to_buffer())
}

/// The workbook cell a published figure is about, `Families!$J$17`, if the
/// workbook has one: a family's printed figure, the stated cost, a state's
/// weekly value, a cohort's total, ratio or average, an annual ratio.
fn cell_of(
    s: &FamilySource,
    cells: &Cells,
    publication: &crate::audit::Publication,
    id: &str,
) -> Option<String> {
    use crate::audit::Metric;
    let family_row = |cohort: u32, family: &str| {
        s.families
            .iter()
            .position(|f| f.cohort() == cohort && f.id() == family)
            .and_then(|i| u32::try_from(i + 1).ok())
    };
    let cohort_row = |c: u32| cells.cohorts.iter().find(|(k, _)| *k == c).map(|(_, r)| *r);
    // A family's figure: `c<cohort>-f<family>-<benefit|cost|froi>`.
    if let Some((cohort, rest)) = id.strip_prefix('c').and_then(|r| r.split_once("-f"))
        && let (Ok(cohort), Some((family, kind))) = (cohort.parse::<u32>(), rest.rsplit_once('-'))
    {
        let col = match kind {
            "benefit" => 9,
            "cost" => 11,
            _ => 12,
        };
        return family_row(cohort, family).map(|r| abs("Families", r, col));
    }
    let metric = &publication.figures.iter().find(|f| f.id == id)?.metric;
    match metric {
        Metric::UnitCost | Metric::SessionCost { .. } => cells.inputs.stated.clone(),
        Metric::WeeklySaving { from, .. } => s.states.state(from).ok().map(|st| {
            abs(
                "Inputs",
                cells.first_state + u32::try_from(st.index()).unwrap_or(0),
                1,
            )
        }),
        Metric::TotalCost { cohort } => cohort_row(*cohort).map(|r| abs("Cohorts", r, 2)),
        Metric::TotalBenefit { cohort } => cohort_row(*cohort).map(|r| abs("Cohorts", r, 3)),
        Metric::Ratio { cohort } => cohort_row(*cohort).map(|r| abs("Cohorts", r, 4)),
        Metric::AverageBenefit { cohort } | Metric::AverageCost { cohort } => {
            cohort_row(*cohort).map(|r| abs("Cohorts", r, 5))
        }
        Metric::AnnualRatio { deadweight } => s
            .deadweight
            .iter()
            .position(|d| d.deadweight == *deadweight)
            .and_then(|i| cells.annual.get(i))
            .map(|(_, r)| abs("Annual", *r, 6)),
        Metric::AnnualAverageBenefit => cells.annual.first().map(|(_, r)| abs("Annual", *r, 2)),
        _ => None,
    }
}
