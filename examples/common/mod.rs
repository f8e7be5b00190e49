//! What every example does at the end: print its output, or the error and a
//! failing exit code.

use std::process::ExitCode;

/// Print `output` to standard output, or the error to standard error.
pub fn finish(output: froi::Result<String>) -> ExitCode {
    match output {
        Ok(text) => {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Serialise a result as pretty JSON, every figure a decimal string.
// Not every example that includes this module writes JSON.
#[allow(dead_code)]
pub fn json<T: serde::Serialize>(value: &T) -> froi::Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| froi::Error::Syntax {
        at: froi::Location::default(),
        format: "JSON",
        message: e.to_string(),
    })
}

/// The command line split into the flags an example knows and its
/// positional arguments; an unknown flag, or a wrong number of positional
/// arguments, prints `usage` and gives the failing exit code to return.
// Not every example that includes this module takes flags.
#[allow(dead_code)]
pub fn args(
    flags: &[&str],
    positional: std::ops::RangeInclusive<usize>,
    usage: &str,
) -> Result<(Vec<String>, Vec<String>), ExitCode> {
    let (mut on, mut rest) = (Vec::new(), Vec::new());
    for a in std::env::args().skip(1) {
        if flags.contains(&a.as_str()) {
            on.push(a);
        } else if a.starts_with("--") {
            eprintln!("error: unknown option {a:?}\nusage: {usage}");
            return Err(ExitCode::from(2));
        } else {
            rest.push(a);
        }
    }
    if !positional.contains(&rest.len()) {
        eprintln!("usage: {usage}");
        return Err(ExitCode::from(2));
    }
    Ok((on, rest))
}
