//! The family CSV reader, both paths (every row kept; streamed into a
//! caseload), then the appraisal of what they read. Nothing may panic, and
//! the two paths must agree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let states = froi::nelc_2020::states().expect("shipped data reads");
    let streamed = froi::caseload::Caseload::read_csv(data, "fuzz.csv", &states);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let loaded = froi::load::families_from_csv(text, "fuzz.csv", &states);
    if let (Ok(families), Ok(caseload)) = (&loaded, &streamed) {
        assert_eq!(&froi::caseload::Caseload::from_families(&states, families).expect("counts fit"), caseload);
        let mut scenario = froi::nelc_2020::programme_by_rule().expect("shipped data reads");
        scenario.family_source_mut().expect("it has a family table").families = families.clone();
        if let Ok(a) = froi::appraise(&scenario) {
            let _ = a.to_html();
        }
    }
});
