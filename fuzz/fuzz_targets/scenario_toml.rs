//! The scenario parser: any text as a scenario file (naming the NELC tables),
//! appraised when it reads. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(scenario) = froi::load::scenario_from_toml(text, "fuzz.toml", &mut |n| froi::nelc_2020::file(n)) {
        let _ = froi::appraise(&scenario);
    }
});
