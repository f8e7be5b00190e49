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
