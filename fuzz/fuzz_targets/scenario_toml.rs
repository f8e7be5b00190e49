//! The programme-file parser: any text as a programme file (naming the NELC
//! tables),
//! appraised when it reads. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(file) = froi::load::programme_from_toml(text, "fuzz.toml", &mut |n| froi::nelc_2020::file(n)) {
        let _ = froi::appraise(&file.programme);
    }
});
