//! The audit: any text as a publication file (figures, claims, notes and the
//! headline chain), audited against the NELC scenario and reported as text
//! and HTML. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(publication) = froi::audit::Publication::from_toml(text, "fuzz.toml") else { return };
    let Ok(scenario) = froi::nelc_2020::programme_as_published() else { return };
    if let Ok(audit) = froi::audit::audit(&scenario, &publication) {
        let _ = froi::report::audit_text(&audit);
        let _ = froi::report::checks_text(&audit);
        let _ = audit.to_html();
    }
});
