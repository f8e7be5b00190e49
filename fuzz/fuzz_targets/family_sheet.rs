//! The sheet reader: any bytes as a workbook (.xlsx) whose first sheet is a
//! family table, read with the NELC states and, when it reads, appraised.
//! Nothing may panic, abort or allocate without bound: a spreadsheet bomb is
//! refused by its limits (docs/errors.md, "Spreadsheets").
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(states) = froi::nelc_2020::states() else { return };
    // The reader takes a path: each run writes its bytes to a file of its own.
    let path = std::env::temp_dir().join(format!("froi-fuzz-sheet-{}.xlsx", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(families) = froi::load::read_families_sheet(&path, None, &states)
        && let Ok(mut programme) = froi::nelc_2020::programme_by_rule()
        && let Ok(source) = programme.family_source_mut()
    {
        source.families = families;
        let _ = froi::appraise(&programme);
    }
});
