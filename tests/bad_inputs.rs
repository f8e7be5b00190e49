//! Every bad input gives an error naming the file, line, field and value
//! (cases in testdata/bad_inputs.toml).
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    file: String,
    text: Option<String>,
    replace: Option<[String; 2]>,
    expect: Option<String>,
    expect_prefix: Option<String>,
    extra_file: Option<[String; 2]>,
    scenario: Option<String>,
}

const NELC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/nelc_2020");

/// A fresh copy of the NELC files in a folder of its own.
fn copy_nelc(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "froi-bad-input-{}-{}",
        std::process::id(),
        name.replace(' ', "-")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(NELC).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// Read and appraise a programme file, and run the analyses of one without a
/// family table (a family file's are checked as it is read, and its Monte
/// Carlo is long).
fn run(dir: &Path, name: &str) -> Result<(), froi::Error> {
    let file = froi::load::read_programme(dir.join(name))?;
    froi::appraise(&file.programme)?;
    match (&file.uncertainty, &file.programme.family_source) {
        (Some(u), None) => u.run(&file.programme).map(drop),
        _ => Ok(()),
    }
}

#[test]
fn the_shipped_scenario_reads_cleanly() {
    let dir = copy_nelc("clean");
    assert!(run(&dir, "scenario.toml").is_ok());
    assert!(run(&dir, "scenario_by_rule.toml").is_ok());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn each_bad_input_names_where_and_what() {
    let cases: Cases = toml::from_str(include_str!("testdata/bad_inputs.toml")).unwrap();
    assert!(cases.case.len() >= 20);
    for case in &cases.case {
        let dir = copy_nelc(&case.name);
        let target = dir.join(&case.file);
        let text = match (&case.text, &case.replace) {
            (Some(text), None) => text.clone(),
            (None, Some([from, to])) => {
                let original = std::fs::read_to_string(&target).unwrap();
                assert!(
                    original.contains(from.as_str()),
                    "{}: {from:?} not in {}",
                    case.name,
                    case.file
                );
                original.replacen(from.as_str(), to, 1)
            }
            _ => panic!("{}: give text or replace", case.name),
        };
        std::fs::write(&target, text).unwrap();
        if let Some([name, contents]) = &case.extra_file {
            std::fs::write(dir.join(name), contents).unwrap();
        }
        let err = run(&dir, case.scenario.as_deref().unwrap_or("scenario.toml"))
            .expect_err(&case.name)
            .to_string();
        let dir_text = dir.display().to_string();
        match (&case.expect, &case.expect_prefix) {
            (Some(expect), _) => {
                assert_eq!(err, expect.replace("{dir}", &dir_text), "{}", case.name)
            }
            (None, Some(prefix)) => {
                assert!(
                    err.starts_with(&prefix.replace("{dir}", &dir_text)),
                    "{}: {err}",
                    case.name
                )
            }
            _ => panic!("{}: give expect or expect_prefix", case.name),
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn the_error_contract_lists_every_case() {
    let cases: Cases = toml::from_str(include_str!("testdata/bad_inputs.toml")).unwrap();
    let doc = include_str!("../docs/errors.md");
    let listed: std::collections::BTreeSet<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(" | ").next())
        .filter(|n| *n != "case")
        .collect();
    let tested: std::collections::BTreeSet<&str> =
        cases.case.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(listed, tested);
    // And each row shows the message the case asserts.
    for case in &cases.case {
        let message = match (&case.expect, &case.expect_prefix) {
            (Some(e), _) => e.replace('|', "\\|"),
            (None, Some(p)) => format!("{} ...", p.replace('|', "\\|")),
            _ => continue,
        };
        let row = format!("| {} | `{message}` |", case.name);
        assert!(doc.contains(&row), "docs/errors.md has no row {row}");
    }
}

#[test]
fn a_file_that_is_not_utf8_says_where_the_bad_byte_is() {
    // Latin-1 "é" (0xE9) in a family id on line 3, as a spreadsheet saved
    // in a legacy encoding would write it.
    let dir = copy_nelc("not utf-8");
    let path = dir.join("families.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let third = lines[2].replacen("1,2,", "1,2\u{e9},", 1);
    lines[2] = &third;
    let mut bytes = lines.concat().into_bytes();
    let at = bytes.windows(2).position(|w| w == "é".as_bytes()).unwrap();
    bytes.splice(at..at + 2, [0xE9]);
    std::fs::write(&path, &bytes).unwrap();
    let line_start = lines[0].len() + lines[1].len();
    let err = run(&dir, "scenario.toml").unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "{}, line 3: malformed UTF-8: byte 0xE9 at byte {} of the file (byte {} of the \
             line) is not UTF-8 text; save the file as UTF-8",
            path.display(),
            at + 1,
            at - line_start + 1
        )
    );
    // 1,2 then the bad byte: the fourth byte of the line.
    assert_eq!(at - line_start + 1, 4);
    std::fs::remove_dir_all(dir).unwrap();
}
