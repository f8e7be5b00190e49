//! The general model: a programme file (outcome lines, streams, profiles,
//! optimism bias, uncertainty), its state catalogue and its unit values from
//! one input, split at NUL bytes (programme, states CSV, unit-value CSV); the
//! deflator index is the shipped edge-of-care one. Appraised over time, with
//! sensitivity and a small Monte Carlo when the file asks, and reported as
//! text, HTML and charts. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const DEFLATORS: &str = include_str!("../../data/edge_of_care/deflators.csv");

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|b| *b == 0).map(std::str::from_utf8);
    let (Some(Ok(toml)), states, values) = (parts.next(), parts.next(), parts.next()) else { return };
    let states = states.and_then(Result::ok).unwrap_or("id,description\n");
    let values = values.and_then(Result::ok).unwrap_or("id,description,amount,period\n");
    let mut open = |name: &str| -> froi::Result<(String, String)> {
        let text = match name {
            "states.csv" => states,
            "unit_values.csv" => values,
            "deflators.csv" => DEFLATORS,
            other => return froi::nelc_2020::file(other),
        };
        Ok((text.to_string(), format!("fuzz/{name}")))
    };
    let Ok(mut file) = froi::load::programme_from_toml(toml, "fuzz.toml", &mut open) else { return };
    // Keep each run short: at most 2,000 draws.
    if let Some(mc) = file.uncertainty.as_mut().and_then(|u| u.monte_carlo.as_mut()) {
        mc.draws = mc.draws.min(2_000);
    }
    if let Ok(a) = froi::appraise(&file.programme)
        && let Some(pv) = &a.over_time
    {
        let _ = froi::report::text(&a, None);
        let _ = pv.to_html();
        for stream in &pv.streams {
            let _ = froi::charts::stream_waterfall(stream).map(|c| c.to_svg());
        }
    }
    if let Some(u) = &file.uncertainty
        && let Ok(r) = u.run(&file.programme)
    {
        let _ = froi::report::uncertainty_text(&r);
        let _ = froi::charts::uncertainty_tornado(&r).to_svg();
    }
    // What was read writes back and reads again.
    let files = froi::load::FileNames {
        states: "states.csv".into(),
        unit_values: "unit_values.csv".into(),
        deflators: Some("deflators.csv".into()),
        ..Default::default()
    };
    if let Ok(text) = froi::load::programme_file_to_toml(&file, &files) {
        let _ = froi::load::programme_from_toml(&text, "again.toml", &mut open);
    }
});
