//! Parse then appraise, end to end: a programme file and a family table from
//! one input (split at the first NUL byte), with the appraisal over time,
//! sensitivity and a small Monte Carlo when the file asks. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(split) = data.iter().position(|b| *b == 0) else { return };
    let (toml, rest) = data.split_at(split);
    let (Ok(toml), Ok(csv)) = (std::str::from_utf8(toml), std::str::from_utf8(&rest[1..])) else { return };
    let mut open = |name: &str| -> froi::Result<(String, String)> {
        match name {
            "families.csv" => Ok((csv.to_string(), "fuzz/families.csv".into())),
            other => froi::nelc_2020::file(other),
        }
    };
    let Ok(mut file) = froi::load::programme_from_toml(toml, "fuzz.toml", &mut open) else { return };
    // Keep each run short: at most 2,000 draws.
    if let Some(mc) = file.uncertainty.as_mut().and_then(|u| u.monte_carlo.as_mut()) {
        mc.draws = mc.draws.min(2_000);
    }
    let scenario = &file.programme;
    if let Ok(a) = froi::appraise(scenario) {
        let u = file.uncertainty.as_ref().and_then(|u| u.run(scenario).ok());
        let _ = froi::report::text(&a, u.as_ref());
        let _ = a.to_html();
        let _ = froi::charts::cost_benefit(&a).to_svg();
    }
});
