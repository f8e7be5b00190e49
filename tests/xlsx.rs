//! The workbook recalculated by a real spreadsheet engine: LibreOffice
//! (headless) opens each exported workbook, recalculates every formula, and
//! the results are read back and compared with froi's exact figures.
//!
//! Needs `soffice` (Debian: `apt-get install libreoffice-calc-nogui`; `.ci/run`
//! installs it). Tolerance: the penny for money, 10^-9 relative for a ratio —
//! the sheet computes in binary floating point, froi in exact decimals.
#![cfg(all(feature = "xlsx", feature = "nelc"))]

mod common;
use common::present_values;

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use froi::nelc_2020;
use froi::{PresentValueAppraisal, Programme};
use rust_decimal::prelude::ToPrimitive;

/// A throw-away LibreOffice profile that recalculates every formula on load
/// (by default LibreOffice keeps an .xlsx file's cached results).
fn profile(dir: &Path) -> String {
    let user = dir.join("profile/user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    )
}

/// Write `bytes` as a workbook, have LibreOffice recalculate it, and open
/// the recalculated copy.
fn recalculated(name: &str, bytes: &[u8]) -> (Xlsx<std::io::BufReader<std::fs::File>>, PathBuf) {
    let dir = std::env::temp_dir().join(format!("froi-xlsx-{}-{name}", std::process::id()));
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let input = dir.join(format!("{name}.xlsx"));
    std::fs::write(&input, bytes).unwrap();
    let status = Command::new("soffice")
        .arg(profile(&dir))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(dir.join("out"))
        .arg(&input)
        .output()
        .expect("LibreOffice is needed: apt-get install libreoffice-calc-nogui");
    assert!(status.status.success(), "{status:?}");
    let out = dir.join("out").join(format!("{name}.xlsx"));
    (open_workbook(&out).unwrap(), input)
}

fn number(d: Option<&Data>) -> f64 {
    match d {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn close_money(sheet: f64, froi: f64, what: &str) {
    assert!(
        (sheet - froi).abs() < 0.005,
        "{what}: sheet {sheet}, froi {froi}"
    );
}

fn close_ratio(sheet: f64, froi: f64, what: &str) {
    assert!(
        (sheet - froi).abs() <= 1e-9 * froi.abs().max(1.0),
        "{what}: sheet {sheet}, froi {froi}"
    );
}

/// Every computed figure of the workbook equals froi's, recalculated by
/// LibreOffice; the computed cells hold formulas, not values.
fn check(name: &str, scenario: &froi::Programme) -> usize {
    let bytes = froi::spreadsheet::workbook(scenario).unwrap();
    let (mut wb, original) = recalculated(name, &bytes);
    let mut compared = 0;

    let families = wb.worksheet_range("Families").unwrap();
    for row in 1..families.height() as u32 {
        let at = |c: u32| families.get_value((row, c));
        close_money(
            number(at(8)),
            number(at(16)),
            &format!("{name} family row {row} rule"),
        );
        close_money(
            number(at(10)),
            number(at(13)),
            &format!("{name} family row {row} benefit"),
        );
        close_money(
            number(at(11)),
            number(at(14)),
            &format!("{name} family row {row} cost"),
        );
        close_ratio(
            number(at(12)),
            number(at(15)),
            &format!("{name} family row {row} ratio"),
        );
        compared += 4;
    }
    let cohorts = wb.worksheet_range("Cohorts").unwrap();
    for row in 1..cohorts.height() as u32 {
        let at = |c: u32| cohorts.get_value((row, c));
        close_money(number(at(2)), number(at(6)), "cohort cost");
        close_money(number(at(3)), number(at(7)), "cohort benefit");
        close_ratio(number(at(4)), number(at(8)), "cohort ratio");
        compared += 3;
    }
    let annual = wb.worksheet_range("Annual").unwrap();
    for row in 1..annual.height() as u32 {
        close_ratio(
            number(annual.get_value((row, 6))),
            number(annual.get_value((row, 7))),
            "annual ratio",
        );
        compared += 1;
    }

    // In the file froi wrote, the computed columns are formulas.
    let mut written: Xlsx<_> = open_workbook(&original).unwrap();
    let formulas = written.worksheet_formula("Families").unwrap();
    for row in 1..formulas.height() as u32 {
        for col in [6u32, 7, 8, 10, 11, 12] {
            let f = formulas.get_value((row, col)).cloned().unwrap_or_default();
            assert!(
                !f.is_empty(),
                "Families row {row} column {col} is not a formula"
            );
        }
    }
    compared
}

#[test]
fn the_nelc_workbook_recalculates_to_froi_figures_and_the_3_4() {
    let scenario = nelc_2020::programme_as_published().unwrap();
    // 40 families x 4, 3 cohorts x 3, 3 annual ratios.
    assert_eq!(check("nelc_as_published", &scenario), 40 * 4 + 3 * 3 + 3);
    // The summary's headline, rounded by the sheet as the report prints it.
    let bytes = froi::spreadsheet::workbook(&scenario).unwrap();
    let (mut wb, _) = recalculated("nelc_summary", &bytes);
    let summary = wb.worksheet_range("Summary").unwrap();
    let high = (4..summary.height() as u32)
        .find(|r| summary.get_value((*r, 0)) == Some(&Data::String("high deadweight".into())))
        .expect("a high deadweight row");
    assert_eq!(number(summary.get_value((high, 2))), 3.4);
    close_ratio(
        number(summary.get_value((high, 1))),
        3.4423534057841914,
        "headline",
    );
}

#[test]
fn the_by_rule_workbook_recalculates_to_froi_figures() {
    let scenario = nelc_2020::programme_by_rule().unwrap();
    assert!(check("nelc_by_rule", &scenario) > 100);
}

/// `bytes` with the number in `cell` of the sheet file `sheet` (e.g.
/// `xl/worksheets/sheet2.xml`) replaced by `value`: an input changed as a
/// user changes it, the formulas left to recalculate.
fn with_cell(bytes: &[u8], sheet: &str, cell: &str, value: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == sheet {
            let xml = String::from_utf8(data).unwrap();
            let at = xml.find(&format!("<c r=\"{cell}\"")).expect("the cell");
            let open = at + xml[at..].find("<v>").unwrap() + 3;
            let close = open + xml[open..].find("</v>").unwrap();
            data = format!("{}{value}{}", &xml[..open], &xml[close..]).into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn changing_an_input_cell_moves_the_headline_as_froi_does() {
    // Foster care at the Unit Cost Database v1.4 value of £700 a week
    // instead of the £685 the evaluation cites, every family by the rule.
    let mut scenario = nelc_2020::programme_by_rule().unwrap();
    let bytes = froi::spreadsheet::workbook(&scenario).unwrap();
    // Find the LAC row of the state table on the Inputs sheet (the second).
    let dir = std::env::temp_dir().join(format!("froi-xlsx-{}-find", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("w.xlsx"), &bytes).unwrap();
    let mut written: Xlsx<_> = open_workbook(dir.join("w.xlsx")).unwrap();
    let inputs = written.worksheet_range("Inputs").unwrap();
    let row = (0..inputs.height() as u32)
        .find(|r| inputs.get_value((*r, 0)) == Some(&Data::String("LAC".into())))
        .expect("a LAC row");
    let changed = with_cell(
        &bytes,
        "xl/worksheets/sheet2.xml",
        &format!("B{}", row + 1),
        "700",
    );
    let (mut wb, _) = recalculated("nelc_lac_700", &changed);
    let annual = wb.worksheet_range("Annual").unwrap();

    let lac = scenario
        .family_source()
        .unwrap()
        .states
        .state("LAC")
        .unwrap();
    scenario.family_source_mut().unwrap().set_state_value(
        lac,
        froi::StateValue::weekly(froi::WeeklyValue::parse("700").unwrap()),
    );
    let froi = froi::appraise(&scenario).unwrap();
    for (i, a) in froi.families().unwrap().annual.iter().enumerate() {
        let sheet = number(annual.get_value((i as u32 + 1, 6)));
        close_ratio(
            sheet,
            a.ratio.value().to_string().parse().unwrap(),
            &a.scenario.name,
        );
    }
    // The high ratio moved from 3.2973 to 3.3422 (the notebook's figure).
    let high = number(annual.get_value((3, 6)));
    assert_eq!(format!("{high:.4}"), "3.3422");

    // As published, the chain takes the printed benefits: family 15's
    // printed £12,610 set to the £0 its statuses earn moves the headline
    // from 3.4424 to 3.2973, the audit's correction; a unit value does not
    // move it (docs/auditing.md).
    let published =
        froi::spreadsheet::workbook(&nelc_2020::programme_as_published().unwrap()).unwrap();
    std::fs::write(dir.join("p.xlsx"), &published).unwrap();
    let mut written: Xlsx<_> = open_workbook(dir.join("p.xlsx")).unwrap();
    let families = written.worksheet_range("Families").unwrap();
    let row = (0..families.height() as u32)
        .find(|r| {
            families.get_value((*r, 0)) == Some(&Data::Float(1.0))
                && families.get_value((*r, 1)) == Some(&Data::String("15".into()))
        })
        .expect("family 15 of cohort 1");
    let changed = with_cell(
        &published,
        "xl/worksheets/sheet3.xml",
        &format!("J{}", row + 1),
        "0",
    );
    let (mut wb, _) = recalculated("nelc_family_15", &changed);
    let high = number(wb.worksheet_range("Annual").unwrap().get_value((3, 6)));
    assert_eq!(format!("{high:.4}"), "3.2973");
    let inputs = written.worksheet_range("Inputs").unwrap();
    let lac = (0..inputs.height() as u32)
        .find(|r| inputs.get_value((*r, 0)) == Some(&Data::String("LAC".into())))
        .expect("a LAC row");
    let changed = with_cell(
        &published,
        "xl/worksheets/sheet2.xml",
        &format!("B{}", lac + 1),
        "700",
    );
    let (mut wb, _) = recalculated("nelc_published_lac_700", &changed);
    let high = number(wb.worksheet_range("Annual").unwrap().get_value((3, 6)));
    assert_eq!(format!("{high:.4}"), "3.4424");
}

/// A CSV table written into a sheet as a council's spreadsheet holds it:
/// numbers as numbers, `YYYY-MM` months as dates, text as text.
fn sheet_of_csv(wb: &mut rust_xlsxwriter::Workbook, name: &str, csv_text: &str) {
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    for (r, record) in reader.records().enumerate() {
        for (c, field) in record.unwrap().iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let month = field.len() == 7 && field.as_bytes()[4] == b'-' && r > 0;
            if month {
                let (y, m) = (field[..4].parse().unwrap(), field[5..].parse().unwrap());
                let d = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, 1).unwrap();
                ws.write_datetime_with_format(r, c, &d, &date).unwrap();
            } else if let (Ok(n), true) = (field.parse::<f64>(), r > 0) {
                ws.write_number(r, c, n).unwrap();
            } else if !field.is_empty() {
                ws.write_string(r, c, field).unwrap();
            }
        }
    }
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("froi-sheet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

const NELC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/nelc_2020");

#[test]
fn a_family_table_read_from_a_sheet_appraises_as_from_csv() {
    let states = nelc_2020::states().unwrap();
    let families_csv = std::fs::read_to_string(format!("{NELC}/families.csv")).unwrap();
    let values_csv = std::fs::read_to_string(format!("{NELC}/unit_values.csv")).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    sheet_of_csv(&mut wb, "Notes", "read me\n");
    sheet_of_csv(&mut wb, "Families", &families_csv);
    sheet_of_csv(&mut wb, "Unit values", &values_csv);
    let path = temp("nelc.xlsx");
    wb.save(&path).unwrap();

    let from_sheet = froi::load::read_families_sheet(&path, Some("Families"), &states).unwrap();
    let from_csv = froi::load::families_from_csv(&families_csv, "families.csv", &states).unwrap();
    assert_eq!(from_sheet.len(), 40);
    for (a, b) in from_sheet.iter().zip(&from_csv) {
        assert_eq!(
            (a.cohort(), a.id(), a.children(), a.sessions()),
            (b.cohort(), b.id(), b.children(), b.sessions())
        );
        assert_eq!(
            [a.entry(), a.exit(), a.follow_up()],
            [b.entry(), b.exit(), b.follow_up()]
        );
        assert_eq!(a.published(), b.published());
    }
    let values = froi::load::read_unit_values_sheet(&path, Some("Unit values"), &states).unwrap();
    let csv_values =
        froi::load::unit_values_from_csv(&values_csv, "unit_values.csv", &states).unwrap();
    let amounts = |v: &[froi::UnitValue]| {
        v.iter()
            .map(|u| (u.id.clone(), u.amount))
            .collect::<Vec<_>>()
    };
    assert_eq!(amounts(&values), amounts(&csv_values));

    // The same appraisal, every figure.
    let mut scenario = nelc_2020::programme_as_published().unwrap();
    let by_csv = froi::appraise(&scenario).unwrap();
    scenario.family_source_mut().unwrap().families = from_sheet;
    let by_sheet = froi::appraise(&scenario).unwrap();
    assert_eq!(
        by_sheet.families().unwrap().cohorts,
        by_csv.families().unwrap().cohorts
    );
    assert_eq!(
        by_sheet.families().unwrap().annual,
        by_csv.families().unwrap().annual
    );
}

/// Each bad sheet names its sheet and cell.
#[test]
fn bad_sheets_name_the_sheet_and_the_cell() {
    let states = nelc_2020::states().unwrap();
    let header =
        "cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month\n";
    let read = |wb: &mut rust_xlsxwriter::Workbook, file: &str, sheet: &str| {
        let path = temp(file);
        wb.save(&path).unwrap();
        let e = froi::load::read_families_sheet(&path, Some(sheet), &states).unwrap_err();
        e.to_string().replace(&format!("{}", path.display()), file)
    };

    // A date where a number belongs (children, cell C3).
    let mut wb = rust_xlsxwriter::Workbook::new();
    sheet_of_csv(
        &mut wb,
        "Families",
        &format!("{header}1,1,2,CIN,CIN,CLOSED,1,2016-02\n1,2,2016-03,CIN,CIN,CLOSED,1,2016-02\n"),
    );
    let e = read(&mut wb, "dates.xlsx", "Families");
    assert!(
        e.starts_with("dates.xlsx, sheet Families, cell C3, field `children`:"),
        "{e}"
    );
    assert!(e.contains("\"2016-03\""), "{e}");

    // A missing column.
    let mut wb = rust_xlsxwriter::Workbook::new();
    sheet_of_csv(
        &mut wb,
        "F",
        "cohort,family,children,entry_status,exit_status,followup_status,exit_month\n1,1,2,CIN,CIN,CLOSED,2016-02\n",
    );
    assert_eq!(
        read(&mut wb, "missing.xlsx", "F"),
        "missing.xlsx, sheet F, line 1, field `sessions`: missing required column"
    );

    // An empty sheet, and a sheet that is not there.
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("Empty").unwrap();
    let e = read(&mut wb, "empty.xlsx", "Empty");
    assert!(
        e.starts_with("empty.xlsx, sheet Empty, line 1: malformed CSV: the file is empty"),
        "{e}"
    );
    let e = read(&mut wb, "empty.xlsx", "Families");
    assert_eq!(
        e,
        "empty.xlsx: unknown sheet \"Families\"; expected one of Empty"
    );

    // A good one-family sheet, to spoil one cell of.
    let one_family = || {
        let mut wb = rust_xlsxwriter::Workbook::new();
        sheet_of_csv(
            &mut wb,
            "Families",
            &format!("{header}1,1,2,CIN,CIN,CLOSED,1,2016-02\n"),
        );
        wb
    };

    // A merged cell.
    let mut wb = one_family();
    let ws = wb.worksheet_from_name("Families").unwrap();
    ws.merge_range(1, 3, 1, 4, "CIN", &rust_xlsxwriter::Format::new())
        .unwrap();
    let e = read(&mut wb, "merged.xlsx", "Families");
    assert_eq!(
        e,
        "merged.xlsx, sheet Families, cell D2: malformed spreadsheet: merged cells D2:E2; a table has one value in each cell"
    );

    // A formula error value, as a spreadsheet engine leaves it (#DIV/0! in
    // children, cell C2, recalculated by LibreOffice).
    let mut wb = one_family();
    let ws = wb.worksheet_from_name("Families").unwrap();
    ws.write_formula(1, 2, "=1/0").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let (_, input) = recalculated("formula_error", &bytes);
    let out = input.parent().unwrap().join("out/formula_error.xlsx");
    let e = froi::load::read_families_sheet(&out, Some("Families"), &states)
        .unwrap_err()
        .to_string()
        .replace(&format!("{}", out.display()), "errors.xlsx");
    assert_eq!(
        e,
        "errors.xlsx, sheet Families, cell C2: malformed spreadsheet: the cell holds a formula error (#DIV/0!), not a value"
    );
}

#[test]
fn a_scenario_file_may_point_at_sheets() {
    let dir = temp("scenario").with_extension("");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(NELC).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let mut wb = rust_xlsxwriter::Workbook::new();
    let families_csv = std::fs::read_to_string(format!("{NELC}/families.csv")).unwrap();
    let values_csv = std::fs::read_to_string(format!("{NELC}/unit_values.csv")).unwrap();
    sheet_of_csv(&mut wb, "Families", &families_csv);
    // A sheet's name may hold a `#`: the workbook is the name up to its
    // extension, the sheet all after the `#` that follows it.
    sheet_of_csv(&mut wb, "Unit values #2", &values_csv);
    wb.save(dir.join("nelc.xlsx")).unwrap();
    let toml = std::fs::read_to_string(dir.join("scenario.toml"))
        .unwrap()
        .replace(
            "families = \"families.csv\"",
            "families = \"nelc.xlsx#Families\"",
        )
        .replace(
            "unit_values = \"unit_values.csv\"",
            "unit_values = \"nelc.xlsx#Unit values #2\"",
        );
    assert!(toml.contains("nelc.xlsx#Families") && toml.contains("nelc.xlsx#Unit values #2"));
    std::fs::write(dir.join("from_sheets.toml"), toml).unwrap();
    let scenario = froi::load::read_programme(dir.join("from_sheets.toml"))
        .unwrap()
        .programme;
    let by_sheets = froi::appraise(&scenario).unwrap();
    let shipped = nelc_2020::appraise_as_published().unwrap();
    assert_eq!(
        by_sheets.families().unwrap().annual,
        shipped.families().unwrap().annual
    );
    assert_eq!(
        by_sheets.families().unwrap().cohorts,
        shipped.families().unwrap().cohorts
    );
    // A bad cell in the sheet is named by sheet, row and column.
    let mut wb = rust_xlsxwriter::Workbook::new();
    sheet_of_csv(
        &mut wb,
        "Families",
        &families_csv.replacen(",FOSTER,", ",ADOPTED,", 1),
    );
    // A sheet's name may hold a `#`: the workbook is the name up to its
    // extension, the sheet all after the `#` that follows it.
    sheet_of_csv(&mut wb, "Unit values #2", &values_csv);
    wb.save(dir.join("nelc.xlsx")).unwrap();
    let e = froi::load::read_programme(dir.join("from_sheets.toml"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("nelc.xlsx, sheet Families, line 2, field `followup_status`: unknown care status \"ADOPTED\""), "{e}");
}

#[test]
fn the_audit_workbook_lists_each_discrepancy_with_its_cell() {
    let scenario = nelc_2020::programme_as_published().unwrap();
    let audit = nelc_2020::audit().unwrap();
    let publication = nelc_2020::publication().unwrap();
    let bytes = froi::spreadsheet::audit_workbook(&scenario, &audit, &publication).unwrap();
    let (mut wb, _) = recalculated("nelc_audit", &bytes);
    let sheet = wb.worksheet_range("Audit").unwrap();
    assert_eq!(sheet.height() - 1, audit.discrepancies.len());
    let row_of = |location: &str| {
        (1..sheet.height() as u32)
            .find(|r| sheet.get_value((*r, 2)) == Some(&Data::String(location.into())))
            .unwrap_or_else(|| panic!("no row for {location}"))
    };
    // Family 15 of cohort 1 (Table 13): its printed benefit, on row 16 of
    // the Families sheet (the 15th family), column J.
    let f15 = row_of("Table 13, family 15, benefit");
    assert_eq!(
        sheet.get_value((f15, 3)),
        Some(&Data::String("12610".into()))
    );
    assert_eq!(number(sheet.get_value((f15, 4))), 0.0);
    assert_eq!(
        sheet.get_value((f15, 8)),
        Some(&Data::String("Families!$J$16".into()))
    );
    let families = wb.worksheet_range("Families").unwrap();
    assert_eq!(number(families.get_value((15, 9))), 12610.0);
    // The stated unit cost: the Inputs sheet's stated-cost cell.
    let unit = row_of("Costs: total cost of a single FGC");
    let Some(Data::String(cell)) = sheet.get_value((unit, 8)) else {
        panic!("no cell for the unit cost")
    };
    let inputs = wb.worksheet_range("Inputs").unwrap();
    let r: u32 = cell.rsplit('$').next().unwrap().parse().unwrap();
    assert_eq!(number(inputs.get_value((r - 1, 1))), 1295.0);
}

/// Rows of `sheet` under the header row whose first cell is `head`, up to the
/// next empty first cell.
fn block(range: &calamine::Range<Data>, head: &str) -> Vec<u32> {
    let top = (0..range.height() as u32)
        .find(|r| range.get_value((*r, 0)) == Some(&Data::String(head.into())))
        .unwrap_or_else(|| panic!("a {head:?} block"));
    (top + 1..range.height() as u32)
        .take_while(|r| !matches!(range.get_value((*r, 0)), None | Some(Data::Empty)))
        .collect()
}

/// The row of `range` whose first cell is `label`.
fn row_named(range: &calamine::Range<Data>, label: &str) -> u32 {
    (0..range.height() as u32)
        .find(|r| range.get_value((*r, 0)) == Some(&Data::String(label.into())))
        .unwrap_or_else(|| panic!("a row {label:?}"))
}

/// A result as the workbook computed it against froi's: a ratio to 1e-9, a
/// payback year exactly, money to the penny, "not within the horizon" as text.
fn same_result(label: Option<&Data>, sheet: Option<&Data>, froi: Option<&Data>, what: &str) {
    let label = label.map(ToString::to_string).unwrap_or_default();
    match (sheet, froi) {
        (Some(Data::String(a)), Some(Data::String(b))) => assert_eq!(a, b, "{what}"),
        _ if label.contains("ratio") => close_ratio(number(sheet), number(froi), what),
        _ if label.starts_with("payback") => assert_eq!(number(sheet), number(froi), "{what}"),
        _ => close_money(number(sheet), number(froi), what),
    }
}

const PROFILES: &str = "amounts as given, by appraisal year (profiles)";

/// The Over time and Years sheets recalculated: every result, split, stream
/// present value, outcome line, discount factor and year total equals
/// froi's; the computed cells are formulas. Returns the figures compared.
fn check_over_time(
    name: &str,
    programme: &Programme,
    froi: &PresentValueAppraisal,
    bytes: &[u8],
) -> usize {
    let (mut wb, original) = recalculated(name, bytes);
    let horizon = froi.horizon;
    let mut compared = 0;

    let sheet = wb.worksheet_range("Over time").unwrap();
    for r in block(&sheet, "result") {
        let at = |c: u32| sheet.get_value((r, c));
        let what = format!("{name}: {:?}", at(0));
        if at(0) == Some(&Data::String("participants".into())) {
            continue; // an input
        }
        // A payback undone by the horizon says so beside it, and only then.
        let noted = matches!(at(3), Some(Data::String(s)) if s.contains("negative again"));
        if at(0) == Some(&Data::String("payback year (discounted)".into())) {
            assert_eq!(noted, froi.payback_undone(), "{what}");
        }
        if at(0) == Some(&Data::String("payback year (undiscounted)".into())) {
            assert_eq!(noted, froi.undiscounted_payback_undone(), "{what}");
        }
        same_result(at(0), at(1), at(2), &what);
        compared += 1;
    }
    // The Summary repeats the results, each a reference, froi's in column D.
    let summary = wb.worksheet_range("Summary").unwrap();
    let repeated = block(&summary, "over time");
    assert_eq!(repeated.len(), 9, "{name}: the Summary's results over time");
    for r in repeated {
        let at = |c: u32| summary.get_value((r, c));
        same_result(at(0), at(1), at(3), &format!("{name}: Summary {:?}", at(0)));
    }
    for head in ["by agency", "by kind of value"] {
        for r in block(&sheet, head) {
            let at = |c: u32| number(sheet.get_value((r, c)));
            close_money(at(1), at(3), &format!("{name}: {head} benefits"));
            close_money(at(2), at(4), &format!("{name}: {head} costs"));
            compared += 2;
        }
    }
    let streams = block(&sheet, "stream");
    assert_eq!(streams.len(), froi.streams.len());
    for r in &streams {
        let at = |c: u32| number(sheet.get_value((*r, c)));
        close_money(at(15), at(16), &format!("{name}: stream PV, row {r}"));
        compared += 1;
    }
    if !programme.outcomes.is_empty() {
        for r in block(&sheet, "outcome line") {
            let at = |c: u32| number(sheet.get_value((r, c)));
            close_money(at(11), at(12), &format!("{name}: outcome line gross"));
            compared += 1;
        }
    }

    let years = wb.worksheet_range("Years").unwrap();
    let factor = (0..years.height() as u32)
        .find(|r| {
            years
                .get_value((*r, 0))
                .is_some_and(|v| v.to_string().starts_with("factor applied"))
        })
        .unwrap();
    let pairs = [
        (factor, row_named(&years, "froi: factor applied"), true),
        (
            row_named(&years, "benefits"),
            row_named(&years, "froi: benefits"),
            false,
        ),
        (
            row_named(&years, "costs"),
            row_named(&years, "froi: costs"),
            false,
        ),
        (
            row_named(&years, "present value of benefits"),
            row_named(&years, "froi: present value of benefits"),
            false,
        ),
        (
            row_named(&years, "present value of costs"),
            row_named(&years, "froi: present value of costs"),
            false,
        ),
        (
            row_named(&years, "cumulative discounted net benefit"),
            row_named(&years, "froi: cumulative discounted net benefit"),
            false,
        ),
    ];
    for (sheet_row, froi_row, is_factor) in pairs {
        for t in 0..horizon {
            let c = 4 + t;
            let (a, b) = (
                number(years.get_value((sheet_row, c))),
                number(years.get_value((froi_row, c))),
            );
            let what = format!("{name}: Years row {sheet_row}, year {t}");
            if is_factor {
                close_ratio(a, b, &what)
            } else {
                close_money(a, b, &what)
            }
            compared += 1;
        }
    }

    // In the file froi wrote, every stream's flow by year and every total
    // is a formula; so is each stream's present value.
    let mut written: Xlsx<_> = open_workbook(&original).unwrap();
    let formulas = written.worksheet_formula("Years").unwrap();
    let values = written.worksheet_range("Years").unwrap();
    // Profiles are inputs; every other row of flows is computed.
    let profiles = if values
        .rows()
        .any(|r| r.first() == Some(&Data::String(PROFILES.into())))
    {
        block(&values, PROFILES)
    } else {
        Vec::new()
    };
    let computed = (0..values.height() as u32).filter(|r| {
        matches!(values.get_value((*r, 1)), Some(Data::String(s)) if s == "benefit" || s == "cost")
            && !profiles.contains(r)
    });
    let mut rows = 0;
    for r in computed {
        for t in 0..horizon {
            let f = formulas.get_value((r, 4 + t)).cloned().unwrap_or_default();
            assert!(
                !f.is_empty(),
                "{name}: Years row {r} year {t} is not a formula"
            );
        }
        rows += 1;
    }
    assert!(
        rows >= 2 * froi.streams.len(),
        "{name}: {rows} rows of flows"
    );
    let formulas = written.worksheet_formula("Over time").unwrap();
    let notes = written.worksheet_range("Over time").unwrap();
    for r in &streams {
        assert!(
            !formulas
                .get_value((*r, 15))
                .cloned()
                .unwrap_or_default()
                .is_empty()
        );
        // A stream that names a grade takes its bias from the grade's row.
        let graded = notes
            .get_value((*r, 18))
            .is_some_and(|n| n.to_string().contains("optimism bias: grade"));
        let bias = formulas.get_value((*r, 11)).cloned().unwrap_or_default();
        assert_eq!(
            graded,
            !bias.is_empty(),
            "{name}: stream row {r}, bias {bias:?}"
        );
    }
    compared
}

const DATA: &str = env!("CARGO_MANIFEST_DIR");

fn programme_file(path: &str) -> froi::load::ProgrammeFile {
    froi::load::read_programme(format!("{DATA}/{path}")).unwrap()
}

#[test]
fn the_appraisal_over_time_recalculates_to_froi_present_values() {
    // Families, the service's benefit, price restatement, optimism bias; a
    // payback undone by the horizon.
    let multi_year =
        froi::load::read_programme(format!("{DATA}/tests/testdata/multi_year/scenario.toml"))
            .unwrap()
            .programme;
    let bytes = froi::spreadsheet::workbook(&multi_year).unwrap();
    let programme = &multi_year;
    // froi's figures with the service's benefit from the family appraisal.
    let froi = froi::appraise(&multi_year).unwrap().over_time.unwrap();
    // 9 results, 1 agency x 2, 1 kind x 2, 2 streams, 6 rows x 5 years.
    assert_eq!(
        check_over_time("multi_year", programme, &froi, &bytes),
        9 + 2 + 2 + 2 + 6 * 5
    );
    // A programme alone: outcome lines with their counts, per participant.
    let youth = programme_file("data/youth_service/scenario.toml");
    let bytes = froi::spreadsheet::workbook(&youth.programme).unwrap();
    let froi = present_values(&youth.programme).unwrap();
    assert!(check_over_time("youth_service", &youth.programme, &froi, &bytes) > 50);
}

#[test]
fn profiles_up_front_costs_and_every_timing_recalculate_to_froi() {
    use froi::Money;
    use froi::Timing;
    use froi::{BenefitStream, CostStream};
    let mut p = programme_file("data/youth_service/scenario.toml").programme;
    // A dis-benefit in year 0, then savings; a cost profile on top of a
    // set-up cost in year 1 and a recurring cost.
    let mut profile = BenefitStream::profile(
        "profiled savings",
        [-1500, 4000, 6500, 2000].map(Money::from_pounds).to_vec(),
    )
    .unwrap();
    profile.adjustments.drop_off = froi::Fraction::parse("0.1", "drop_off").unwrap();
    p.benefits.push(profile);
    p.costs.push(CostStream {
        first_year: 1,
        profile: [500, 250].map(Money::from_pounds).to_vec(),
        ..CostStream::recurring("outreach", Money::from_pounds(1000), 2)
    });
    p.costs.push(CostStream {
        first_year: 1,
        ..CostStream::up_front("set-up", Money::from_pounds(3000))
    });
    for (name, timing) in [
        ("year_zero", Timing::YearZeroUndiscounted),
        ("end_of_year", Timing::EndOfYear),
        ("mid_year", Timing::MidYear),
    ] {
        p.timing = timing;
        let bytes = froi::spreadsheet::workbook(&p).unwrap();
        let froi = present_values(&p).unwrap();
        assert!(check_over_time(name, &p, &froi, &bytes) > 50, "{name}");
    }
}

/// Every formula cell of `bytes` opens with a saved result that equals what
/// LibreOffice computes when it recalculates: a reader that does not
/// recalculate (LibreOffice by default, pandas, calamine, file previews)
/// shows the figures. Returns the formula cells compared.
fn saved_results_match_the_recalculation(name: &str, bytes: &[u8]) -> usize {
    let mut saved = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let (mut again, _) = recalculated(&format!("{name}-saved"), bytes);
    let mut compared = 0;
    for sheet in saved.sheet_names() {
        let formulas = saved.worksheet_formula(&sheet).unwrap();
        let values = saved.worksheet_range(&sheet).unwrap();
        let recalculated = again.worksheet_range(&sheet).unwrap();
        for (row, col, text) in formulas.used_cells() {
            if text.is_empty() {
                continue;
            }
            let at = (
                formulas.start().unwrap().0 + row as u32,
                formulas.start().unwrap().1 + col as u32,
            );
            let what = format!("{name} {sheet}!{at:?} ={text}");
            match (values.get_value(at), recalculated.get_value(at)) {
                (Some(Data::String(a)), Some(Data::String(b))) => assert_eq!(a, b, "{what}"),
                (Some(Data::String(a)), None | Some(Data::Empty)) => {
                    assert!(a.is_empty(), "{what}: saved {a:?}, recalculated empty")
                }
                (a, b)
                    if matches!(a, Some(Data::String(_))) || matches!(b, Some(Data::String(_))) =>
                {
                    panic!("{what}: saved {a:?}, recalculated {b:?}")
                }
                (a, b) => {
                    let (a, b) = (number(a), number(b));
                    assert!(
                        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                        "{what}: saved {a}, recalculated {b}"
                    );
                }
            }
            compared += 1;
        }
    }
    compared
}

#[test]
fn every_formula_opens_with_its_figure_saved() {
    let nelc = froi::spreadsheet::workbook(&nelc_2020::programme_as_published().unwrap()).unwrap();
    assert!(saved_results_match_the_recalculation("nelc", &nelc) > 280);
    let multi_year =
        froi::load::read_programme(format!("{DATA}/tests/testdata/multi_year/scenario.toml"))
            .unwrap()
            .programme;
    let bytes = froi::spreadsheet::workbook(&multi_year).unwrap();
    assert!(saved_results_match_the_recalculation("multi_year", &bytes) > 100);
    // The audits of printed figures: every recomputation a live formula.
    for (name, with_programme) in [
        ("cardiff_2014", true),
        ("fdac_2016", false),
        ("mst_2013", false),
    ] {
        let printed =
            froi::audit::PrintedAppraisal::read(format!("{DATA}/data/{name}/printed.toml"))
                .unwrap();
        let programme =
            with_programme.then(|| programme_file(&format!("data/{name}/programme.toml")));
        let programme = programme.as_ref().map(|p| &p.programme);
        let audit = froi::audit::audit_printed(&printed, programme).unwrap();
        let bytes = froi::spreadsheet::printed_audit_workbook(&printed, &audit, programme).unwrap();
        assert!(
            saved_results_match_the_recalculation(name, &bytes) > 5,
            "{name}"
        );
    }
    for name in ["youth_service", "edge_of_care"] {
        let p = programme_file(&format!("data/{name}/scenario.toml"));
        let bytes = froi::spreadsheet::workbook(&p.programme).unwrap();
        assert!(
            saved_results_match_the_recalculation(name, &bytes) > 50,
            "{name}"
        );
    }
}

#[test]
fn libreoffice_with_its_default_settings_shows_the_headline() {
    // No profile override: LibreOffice keeps an .xlsx file's saved results
    // unless told to recalculate, as an auditor's copy would.
    let bytes = froi::spreadsheet::workbook(&nelc_2020::programme_as_published().unwrap()).unwrap();
    let dir = temp("default-settings");
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("nelc.xlsx");
    std::fs::write(&input, &bytes).unwrap();
    let fresh = format!(
        "-env:UserInstallation=file://{}",
        dir.join("fresh").display()
    );
    let out = Command::new("soffice")
        .arg(fresh)
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,true,false,false,1",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&input)
        .output()
        .expect("LibreOffice is needed: apt-get install libreoffice-calc-nogui");
    assert!(out.status.success(), "{out:?}");
    // The first sheet, Summary, as LibreOffice shows it: the high-deadweight
    // row's workbook ratio and its one-place rounding.
    let summary = std::fs::read_to_string(dir.join("nelc-Summary.csv"))
        .or_else(|_| std::fs::read_to_string(dir.join("nelc.csv")))
        .unwrap();
    let high = summary
        .lines()
        .find(|l| l.starts_with("high deadweight"))
        .unwrap_or_else(|| panic!("no high row in {summary}"));
    assert!(high.contains("3.4424") && high.contains("3.4"), "{high}");
}

#[test]
fn hostile_workbooks_are_refused_before_they_are_held() {
    let states = nelc_2020::states().unwrap();
    let refused = |path: &Path| {
        let e = froi::load::read_families_sheet(path, None, &states).unwrap_err();
        e.to_string().replace(&path.display().to_string(), "book")
    };

    // Two cells, A1 and XFD1048576: 17 billion cells between them, which
    // a dense table would allocate (half a terabyte).
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "cohort").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let path = temp("span.xlsx");
    wb.save(&path).unwrap();
    assert_eq!(
        refused(&path),
        "book: malformed spreadsheet: the sheet's cells span A1:XFD1048576, more than the \
         10000000 cells froi reads"
    );

    // A part whose directory says it unpacks to 600 MiB, as a spreadsheet
    // bomb's does (a real one is slow to build in a test; the check reads
    // the directory, before anything is inflated).
    let path = temp("bomb.xlsx");
    std::fs::write(&path, zip_declaring("xl/sharedStrings.xml", 600 << 20)).unwrap();
    assert_eq!(
        refused(&path),
        "book: malformed spreadsheet: the workbook unpacks to more than 512 MiB, the most froi reads"
    );

    // Not a zip archive at all, as an encrypted workbook is not.
    let path = temp("locked.xlsx");
    std::fs::write(
        &path,
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 an OLE compound file",
    )
    .unwrap();
    assert!(
        refused(&path).contains("password-protected"),
        "{}",
        refused(&path)
    );
}

/// A zip archive of one empty stored entry whose central directory declares
/// `size` bytes unpacked.
fn zip_declaring(name: &str, size: u32) -> Vec<u8> {
    let (n, mut out) = (name.len() as u16, Vec::new());
    let le16 = |v: u16| v.to_le_bytes();
    let le32 = |v: u32| v.to_le_bytes();
    // Local header: stored, no data.
    out.extend(le32(0x0403_4b50));
    for v in [20u16, 0, 0, 0, 0] {
        out.extend(le16(v));
    }
    for v in [0u32, 0, 0] {
        out.extend(le32(v));
    }
    out.extend(le16(n));
    out.extend(le16(0));
    out.extend(name.as_bytes());
    let directory = out.len() as u32;
    // Central directory entry, declaring the size.
    out.extend(le32(0x0201_4b50));
    for v in [20u16, 20, 0, 0, 0, 0] {
        out.extend(le16(v));
    }
    for v in [0u32, 0, size] {
        out.extend(le32(v));
    }
    for v in [n, 0, 0, 0, 0] {
        out.extend(le16(v));
    }
    out.extend(le32(0));
    out.extend(le32(0));
    out.extend(name.as_bytes());
    let directory_size = out.len() as u32 - directory;
    // End of central directory.
    out.extend(le32(0x0605_4b50));
    for v in [0u16, 0, 1, 1] {
        out.extend(le16(v));
    }
    out.extend(le32(directory_size));
    out.extend(le32(directory));
    out.extend(le16(0));
    out
}

/// A programme too large for a workbook is refused before any cell is
/// written (the writer holds every cell until it saves), with the bound.
#[test]
fn a_programme_beyond_the_workbook_bound_is_refused_before_writing() {
    let mut p = froi::Programme::new(froi::Horizon::new(1000).unwrap());
    for i in 0..251 {
        p = p.cost(froi::CostStream::recurring(
            format!("cost {i}"),
            froi::Money::from_pounds(1),
            1000,
        ));
    }
    let err = froi::spreadsheet::workbook(&p).unwrap_err().to_string();
    assert_eq!(
        err,
        "field `--xlsx`: 251 streams over 1000 years (251000 stream-years) is out of range: a \
         workbook holds at most 250000 stream-years of formulas (about a quarter of a \
         gigabyte to write): appraise without the workbook, or shorten the horizon or merge streams"
    );
}

/// A Budget sheet too large for a workbook is refused before any cell is
/// written, with the bound and what to do instead.
#[test]
fn a_budget_sheet_beyond_its_bound_is_refused_before_writing() {
    let mut p = froi::Programme::new(froi::Horizon::new(1000).unwrap());
    for i in 0..31 {
        let cost =
            froi::CostStream::recurring(format!("cost {i}"), froi::Money::from_pounds(1), 1000);
        p = p.cost(froi::CostStream {
            agency: format!("agency {i}"),
            ..cost
        });
    }
    let start = froi::YearStart::april(2024).unwrap();
    let err = froi::spreadsheet::workbook_with_budget(&p, start)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "field `--budget`: 31 agencies over 1000 years (31000 agency-years) is out of range: a \
         workbook's Budget sheet holds at most 30000 agency-years: show the budget view \
         without --xlsx (text, HTML, Markdown and JSON have it), or name fewer agencies or \
         shorten the horizon"
    );
    // One agency fewer is at the bound, and written.
    p.costs.pop();
    assert!(froi::spreadsheet::workbook_with_budget(&p, start).is_ok());
}

/// A workbook on which the spreadsheet reader stops (a cell reference of
/// more letters, or more digits, than a column or row number holds: the
/// `family_sheet` fuzz target's findings, kept as found) is refused with an
/// error, not a panic.
#[test]
fn a_workbook_the_reader_stops_on_is_an_error() {
    let states = nelc_2020::states().unwrap();
    for name in ["cell_reference_overflow", "cell_reference_row_overflow"] {
        let path = format!("{DATA}/tests/testdata/hostile/{name}.xlsx");
        let err = froi::load::read_families_sheet(&path, None, &states)
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with(&format!(
                "{name}.xlsx: malformed spreadsheet: the spreadsheet reader stopped on the \
                 workbook's XML (a cell reference too long for a column, say); open and save \
                 it again in a spreadsheet program"
            )),
            "{err}"
        );
    }
}

/// The options workbook recalculated by LibreOffice: every NPV, BCR,
/// increment over business as usual and cost per unit equals froi's.
#[test]
fn the_options_workbook_recalculates_to_froi_figures() {
    let a = froi::load::read_options("data/edge_of_care/options.toml")
        .unwrap()
        .appraise()
        .unwrap();
    let bytes = froi::spreadsheet::options_workbook(&a).unwrap();
    let (mut wb, _) = recalculated("options", &bytes);
    let sheet = wb.worksheet_range("Options").unwrap();
    let at = |row: u32, col: u32| number(sheet.get_value((row, col)));
    for (o, row) in a.options.iter().zip(1u32..) {
        let name = &o.name;
        close_money(
            at(row, 4),
            o.npv.value().try_into().unwrap(),
            &format!("{name} NPV"),
        );
        if let Some(b) = o.bcr {
            close_ratio(
                at(row, 5),
                b.value().try_into().unwrap(),
                &format!("{name} BCR"),
            );
        }
        if let Some(i) = &o.over_business_as_usual {
            close_money(
                at(row, 6),
                i.cost.value().try_into().unwrap(),
                &format!("{name} Δ cost"),
            );
            close_money(
                at(row, 8),
                i.npv.value().try_into().unwrap(),
                &format!("{name} Δ NPV"),
            );
            let per: f64 = i.cost_per_unit.unwrap().try_into().unwrap();
            close_money(at(row, 10), per, &format!("{name} cost a unit"));
        }
    }
    // Business as usual costs nothing: its ratio is "-", as froi's is none.
    assert_eq!(sheet.get_value((1, 5)), Some(&Data::String("-".into())));
}

/// The Budget sheet recalculated: each agency's paid and saved in each year
/// (sums of the Years sheet's real flows), its net and PV net, each agency's
/// totals and all agencies' PV net (the NPV) equal froi's budget view, as
/// LibreOffice recalculates them: paid and saved are `SUMIFS` over the Years
/// sheet, not froi's values.
#[test]
fn the_budget_sheet_recalculates_to_froi_budget_view() {
    for (name, start) in [
        (
            "cardiff_2014/programme.toml",
            froi::YearStart::new(2003, 1).unwrap(),
        ),
        (
            "edge_of_care/scenario.toml",
            froi::YearStart::april(2024).unwrap(),
        ),
    ] {
        let p = programme_file(&format!("data/{name}")).programme;
        let pv = present_values(&p).unwrap();
        let view = froi::budget_view(&p, &pv, start).unwrap();
        let bytes = froi::spreadsheet::workbook_with_budget(&p, start).unwrap();
        let tag = name.replace('/', "_");
        assert!(saved_results_match_the_recalculation(&tag, &bytes) > 50);
        let (mut wb, _) = recalculated(&format!("{tag}-budget"), &bytes);
        let sheet = wb.worksheet_range("Budget").unwrap();
        let formulas = wb.worksheet_formula("Budget").unwrap();
        let first = row_named(&sheet, "agency") + 1;
        for (i, g) in view.agencies.iter().enumerate() {
            let r = first + i as u32;
            assert_eq!(
                sheet.get_value((r, 0)),
                Some(&Data::String(g.agency.clone()))
            );
            let pv_net = g.pv_saved.checked_sub(g.pv_paid).unwrap();
            for (c, m) in [(1, g.paid), (2, g.saved), (3, g.cashable), (6, pv_net)] {
                let what = format!("{name} {} column {c}", g.agency);
                close_money(number(sheet.get_value((r, c))), num(m), &what);
            }
        }
        let all = first + view.agencies.len() as u32;
        close_money(
            number(sheet.get_value((all, 6))),
            num(pv.npv),
            "all agencies",
        );
        let top = (all + 1..sheet.height() as u32)
            .find(|r| sheet.get_value((*r, 0)) == Some(&Data::String("agency".into())))
            .unwrap()
            + 1;
        for (i, row) in view.rows.iter().enumerate() {
            let r = top + i as u32;
            let saved = row.cashable.checked_add(row.non_cashable).unwrap();
            let saved = saved.checked_add(row.not_stated).unwrap();
            let what = format!("{name} {} {}", row.agency, row.financial_year);
            close_money(number(sheet.get_value((r, 3))), num(row.paid), &what);
            close_money(number(sheet.get_value((r, 4))), num(saved), &what);
            close_money(number(sheet.get_value((r, 8))), num(row.net), &what);
            close_money(
                number(sheet.get_value((r, 12))),
                num(row.discounted_net),
                &what,
            );
        }
        for c in [3, 4] {
            let sum = formulas.get_value((top, c)).unwrap();
            assert!(sum.starts_with("SUMIFS(Years!"), "{sum}");
        }
    }
}

fn num(m: froi::Money) -> f64 {
    m.value().to_f64().unwrap()
}

/// The Beside sheet recalculated: each group's weight (a power of the
/// incomes, η an input), its present value summed from the benefit streams
/// on Over time, the weighted figures and the figures with METB equal
/// froi's. The incomes are illustrative, not a publication's.
#[test]
fn the_beside_sheet_recalculates_to_froi_weighted_and_metb_figures() {
    use froi::{Decimal, Fraction, IncomeGroups};
    let mut p = programme_file("data/youth_service/scenario.toml").programme;
    p.distribution = Some(
        IncomeGroups::new(Decimal::from(30_000))
            .group("lowest fifth", Decimal::from(15_000))
            .group("second fifth", Decimal::from(22_000)),
    );
    p.outcomes[0].group = Some("lowest fifth".into());
    p.outcomes[1].group = Some("second fifth".into());
    p.metb = Some(Fraction::parse("0.2", "metb").unwrap());
    let a = froi::appraise(&p).unwrap();
    let (w, m) = (a.weighted.unwrap(), a.with_metb.unwrap());
    let bytes = froi::spreadsheet::workbook(&p).unwrap();
    assert!(saved_results_match_the_recalculation("beside", &bytes) > 50);
    let (mut wb, _) = recalculated("beside-recalculated", &bytes);
    let sheet = wb.worksheet_range("Beside").unwrap();
    let first = row_named(&sheet, "group") + 1;
    // Two named groups and the line that names none.
    assert_eq!(w.groups.len(), 3);
    for (g, r) in w.groups.iter().zip(first..) {
        assert_eq!(
            sheet.get_value((r, 0)),
            Some(&Data::String(g.group.clone()))
        );
        close_ratio(
            number(sheet.get_value((r, 2))),
            g.weight.to_f64().unwrap(),
            &g.group,
        );
        close_money(
            number(sheet.get_value((r, 3))),
            num(g.pv_benefits),
            &g.group,
        );
        close_money(number(sheet.get_value((r, 4))), num(g.weighted), &g.group);
    }
    let at = |label: &str| sheet.get_value((row_named(&sheet, label), 1));
    close_money(
        number(at("weighted PV benefits")),
        num(w.pv_benefits),
        "weighted PV",
    );
    close_money(number(at("weighted NPV")), num(w.npv), "weighted NPV");
    close_ratio(
        number(at("weighted benefit-cost ratio")),
        w.bcr.value().to_f64().unwrap(),
        "weighted BCR",
    );
    close_money(
        number(at("PV costs x (1 + rate)")),
        num(m.pv_costs),
        "METB costs",
    );
    close_money(number(at("NPV with METB")), num(m.npv), "METB NPV");
    close_ratio(
        number(at("benefit-cost ratio with METB")),
        m.bcr.value().to_f64().unwrap(),
        "METB BCR",
    );
    // The lowest fifth's weight is (30,000 / 15,000)^1.3 = 2.4623 (η = 1.3).
    assert!((number(sheet.get_value((first, 2))) - 2.4623).abs() < 1e-4);
}
