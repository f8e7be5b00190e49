//! The `froi` command, run as a user runs it: every subcommand, its output
//! formats, and the exit codes of bad usage (2), bad input (1) and a file
//! that cannot be read or written (3). Built with `--features cli`.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DATA: &str = env!("CARGO_MANIFEST_DIR");

fn froi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_froi"))
        .args(args)
        .current_dir(DATA)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// The command ended with `exit` and its error says `says`.
fn refused(o: &Output, exit: i32, says: &str) {
    assert_eq!(code(o), exit, "{}", stderr(o));
    assert!(stderr(o).contains(says), "{}", stderr(o));
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("froi-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn help_teaches_every_subcommand_with_examples() {
    let o = froi(&["--help"]);
    assert_eq!(code(&o), 0);
    for word in [
        "appraise",
        "audit",
        "check",
        "caseload",
        "schedule",
        "new",
        "completions",
        "options",
        "tables",
        "Exit codes",
    ] {
        assert!(stdout(&o).contains(word), "--help lacks {word}");
    }
    for sub in [
        "appraise", "audit", "check", "caseload", "schedule", "new", "options", "tables",
    ] {
        let o = froi(&[sub, "--help"]);
        assert_eq!(code(&o), 0, "{sub}");
        assert!(
            stdout(&o).contains("Example"),
            "{sub} --help has no example"
        );
    }
    let o = froi(&["--version"]);
    assert_eq!(
        stdout(&o).trim(),
        format!("froi {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_audit_opens_with_its_verdict_in_every_format() {
    let o = froi(&["audit"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("froi recomputes 3.4424 (high deadweight): reproduced"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 100));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&froi(&["audit", "--format", "json"]))).unwrap();
    assert!(json.get("discrepancies").is_some());
    let html = stdout(&froi(&["audit", "--format", "html"]));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<meta charset=\"utf-8\">"));
    let md = stdout(&froi(&["audit", "--format", "md"]));
    assert!(
        md.starts_with("## Audit: NELC 2020") && md.contains("|:--|"),
        "{md}"
    );
    let all = stdout(&froi(&["audit", "--all"]));
    assert!(all.len() > text.len() && all.contains("6. Every published figure"));
}

#[test]
fn appraise_writes_text_json_and_a_page() {
    let o = froi(&["appraise", "data/nelc_2020/scenario.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ratio 3.44 (1 d.p. 3.4)"),
        "{}",
        stdout(&o)
    );
    let o = froi(&[
        "appraise",
        "data/youth_service/scenario.toml",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(json["over_time"].get("pv_benefits").is_some());
    assert!(json["family_source"].is_null());
    let page = temp("eoc.html");
    let o = froi(&[
        "appraise",
        "data/edge_of_care/scenario.toml",
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<meta charset=\"utf-8\">") && html.contains("£"));
}

#[test]
fn an_output_never_replaces_an_input() {
    // A copy of the NELC data, so the test can try to overwrite its inputs.
    let dir = temp("nelc");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(Path::new(DATA).join("data/nelc_2020")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let scenario = dir.join("scenario.toml");
    for victim in ["scenario.toml", "families.csv", "unit_values.csv"] {
        let path = dir.join(victim);
        let before = std::fs::read(&path).unwrap();
        for flag in ["--output", "--xlsx"] {
            let o = froi(&[
                "appraise",
                scenario.to_str().unwrap(),
                flag,
                path.to_str().unwrap(),
            ]);
            assert_eq!(code(&o), 1, "{flag} {victim}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("an output never replaces an input"),
                "{}",
                stderr(&o)
            );
            assert_eq!(std::fs::read(&path).unwrap(), before, "{victim} changed");
        }
    }
    // Nor a family table a caseload reads.
    let families = dir.join("families.csv");
    let before = std::fs::read(&families).unwrap();
    let f = families.to_str().unwrap();
    let o = froi(&["caseload", f, "--output", f]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(std::fs::read(&families).unwrap(), before);
}

#[test]
fn check_reads_without_appraising_and_new_is_a_file_it_accepts() {
    let o = froi(&["check", "data/nelc_2020/scenario_by_rule.toml"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).starts_with("ok: NELC 2020 Appendix 4"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("40 families in 3 cohorts"));
    let template = temp("new.toml");
    std::fs::write(&template, stdout(&froi(&["new"]))).unwrap();
    let o = froi(&["check", template.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("a programme over 5 years, 1 benefit stream"),
        "{}",
        stdout(&o)
    );
    let o = froi(&["appraise", template.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn check_reads_a_shortlist_and_a_publications_figures_as_their_commands_do() {
    let o = froi(&["check", "data/edge_of_care/options.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("a shortlist of 4 options, business as usual \"Business as usual\", cost per entry to care avoided, 1 switching value"),
        "{}",
        stdout(&o)
    );
    let o = froi(&["check", "data/cardiff_2014/printed.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("42 figures (42 printed, 1 headline) from 1 source"),
        "{}",
        stdout(&o)
    );
    // A broken shortlist is refused at its line, as `froi options` refuses it.
    let broken = temp("broken_options.toml");
    let text = std::fs::read_to_string("data/edge_of_care/options.toml").unwrap();
    let text = text.replacen("basis = \"do_nothing\"", "basis = \"do_everything\"", 1);
    let shared = std::fs::canonicalize("data/edge_of_care/scenario.toml").unwrap();
    let text = text.replacen(
        "\"scenario.toml\"",
        &format!("{:?}", shared.display().to_string()),
        1,
    );
    std::fs::write(&broken, text).unwrap();
    let o = froi(&["check", broken.to_str().unwrap()]);
    refused(&o, 1, "broken_options.toml");
    refused(&o, 1, "do_everything");
}

#[test]
fn schedule_prints_the_cited_rates_and_factors() {
    let o = froi(&["schedule", "--years", "31"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(
        text.starts_with("Green Book standard\nsource: standard: HM Treasury"),
        "{text}"
    );
    assert!(text.contains("     1     3.5%       0.966184"), "{text}");
    assert!(text.contains("    31       3%"), "{text}");
    let o = froi(&["schedule", "0.035", "--years", "1"]);
    assert!(stdout(&o).contains("0.966184"));
    let o = froi(&["schedule", "green_book_reduced", "--years", "200"]);
    refused(&o, 1, "gives rates to year 125 only");
}

#[test]
fn caseload_appraises_tables_and_counts_alike() {
    let families = Path::new(DATA).join("data/nelc_2020/families.csv");
    let o = froi(&["caseload", families.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let by_rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let counts = temp("counts.csv");
    std::fs::write(
        &counts,
        "cohort,entry,exit,follow_up,families,children,sessions\n1,CIN,CLOSED,CLOSED,2,3,2\n",
    )
    .unwrap();
    let o = froi(&["caseload", "--counts", counts.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("all"));
    assert_eq!(by_rows.as_array().unwrap().len(), 4); // three cohorts and all
}

#[test]
fn exit_codes_say_whose_fault_it_is() {
    // Bad usage: 2.
    for args in [
        &["bogus"][..],
        &["appraise"],
        &["audit", "--format", "pdf"],
        &["caseload"],
    ] {
        let o = froi(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
    }
    // Bad input: 1, with the file and line.
    let bad = temp("bad.toml");
    std::fs::write(&bad, "name = \"x\"\n[time]\nhorizon_years = 0\ndiscounting = \"green_book\"\ntiming = \"year_zero_undiscounted\"\n[[time.cost]]\nname = \"c\"\nup_front = \"1\"\n").unwrap();
    let o = froi(&["check", bad.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).starts_with("error: ")
            && stderr(&o).contains("line 3, field `time.horizon_years`"),
        "{}",
        stderr(&o)
    );
    // A file that cannot be read, or written: 3.
    let o = froi(&["appraise", "no/such/file.toml"]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let o = froi(&["audit", "--output", "/no/such/folder/audit.txt"]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
}

#[test]
fn completions_are_scripts_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let o = froi(&["completions", shell]);
        assert_eq!(code(&o), 0);
        assert!(stdout(&o).contains("froi"), "{shell}");
    }
}

#[test]
fn quiet_says_nothing_on_standard_error() {
    let page = temp("quiet.html");
    let mut args = vec![
        "appraise",
        "data/youth_service/scenario.toml",
        "--format",
        "html",
    ];
    args.extend(["--output", page.to_str().unwrap()]);
    let o = froi(&args);
    assert!(stderr(&o).starts_with("wrote "), "{}", stderr(&o));
    args.push("--quiet");
    let o = froi(&args);
    assert_eq!(code(&o), 0);
    assert_eq!(stderr(&o), "");
}

/// A programme file that is not UTF-8 is refused with the line and byte of
/// its first bad byte, through `appraise` as through every reader.
#[test]
fn a_file_not_in_utf8_names_its_line_and_byte() {
    let file = temp("latin1.toml");
    let mut bytes = b"name = \"caf".to_vec();
    bytes.push(0xE9); // é in Latin-1
    bytes.extend_from_slice(b"\"\n[time]\n");
    std::fs::write(&file, bytes).unwrap();
    let o = froi(&["appraise", file.to_str().unwrap()]);
    refused(
        &o,
        1,
        "line 1: malformed UTF-8: byte 0xE9 at byte 12 of the file",
    );
}

#[test]
fn audit_checks_any_publication_s_printed_figures() {
    let printed = "data/cardiff_2014/printed.toml";
    let audit = |more: &[&str]| {
        let mut args = vec!["audit", "--programme", "data/cardiff_2014/programme.toml"];
        args.extend(["--printed", printed]);
        args.extend(more);
        froi(&args)
    };
    let o = audit(&[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("42 figures, 42 recomputed: 1 display rounding, 41 agree"),
        "{text}"
    );
    assert!(text.contains("health_total 2 502 966.23"), "{text}");
    let json = stdout(&audit(&["--format", "json"]));
    assert!(json.contains("\"verdict\": \"display_rounding\""), "{json}");
    // Figures that claim a programme's quantities need the programme; the
    // formats not built yet say so.
    let alone = froi(&["audit", "--printed", printed]);
    refused(&alone, 1, "programme");
    let html = stdout(&audit(&["--format", "html"]));
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("display rounding"),
        "{html}"
    );
    let md = stdout(&audit(&["--format", "md"]));
    assert!(md.contains("| health_total |"), "{md}");
    let book = temp("cardiff-audit.xlsx");
    let o = audit(&["--xlsx", book.to_str().unwrap(), "--quiet"]);
    if cfg!(feature = "xlsx") {
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(&std::fs::read(&book).unwrap()[..2], b"PK");
    } else {
        assert!(
            stderr(&o).contains("missing required feature `xlsx`"),
            "{}",
            stderr(&o)
        );
    }
    // The workbook never replaces the publication file either (refused
    // before the feature is asked for, so with or without it).
    let over = audit(&["--xlsx", printed]);
    refused(&over, 1, "an output never replaces an input");
    // The output never replaces the publication file it reads.
    let over = audit(&["--output", printed]);
    refused(&over, 1, "an output never replaces an input");
}

#[test]
fn options_report_increments_cost_per_unit_and_the_frontier() {
    let o = froi(&["options", "data/edge_of_care/options.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    for part in [
        "Against business as usual",
        "Against the next-cheaper option",
        "£42,867",
        "Cheaper variant: on the frontier, £38,580 more for each unit over Business as usual",
        "are worth the same (equal NPV)",
        "= £351,544.33 (now £250,000.00)",
    ] {
        assert!(text.contains(part), "{part} not in\n{text}");
    }
    let o = froi(&["options", "data/nelc_2020/options.toml", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["options"][1]["bcr"], "3.4423534057841914603004929034");
    let page = temp("options.html");
    let o = froi(&[
        "options",
        "data/edge_of_care/options.toml",
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<svg") && html.contains("Efficiency frontier"));
    // An options file is an input, and so is the programme it names.
    let o = froi(&[
        "options",
        "data/edge_of_care/options.toml",
        "--output",
        "data/edge_of_care/scenario.toml",
    ]);
    refused(&o, 1, "an output never replaces an input");
}

#[test]
fn appraise_shows_the_budget_view_and_tables_list_their_vintages() {
    let o = froi(&[
        "appraise",
        "data/edge_of_care/scenario.toml",
        "--budget",
        "2024-04",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("Budget view") && stdout(&o).contains("2024-25"));
    let o = froi(&[
        "appraise",
        "data/edge_of_care/scenario.toml",
        "--budget",
        "April",
    ]);
    refused(&o, 2, "write YEAR-MM");
    let o = froi(&[
        "appraise",
        "data/cardiff_2014/programme.toml",
        "--budget",
        "2003",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["budget"]["rows"][0]["financial_year"], "2003");
    assert_eq!(json["budget"]["agencies"][0]["agency"], "Criminal justice");
    // With --xlsx the workbook has the Budget sheet too.
    let book = temp("cardiff-budget.xlsx");
    let cardiff = "data/cardiff_2014/programme.toml";
    let args = ["appraise", cardiff, "--budget", "2003", "--quiet", "--xlsx"];
    let o = froi(&[&args[..], &[book.to_str().unwrap()]].concat());
    if cfg!(feature = "xlsx") {
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        #[cfg(feature = "xlsx")]
        {
            use calamine::Reader;
            let wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
            assert!(wb.sheet_names().contains(&"Budget".to_string()));
        }
    } else {
        assert!(stderr(&o).contains("feature `xlsx`"), "{}", stderr(&o));
    }
    let o = froi(&["tables", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    for id in ["green_book", "wellby", "qaly", "vpf", "metb"] {
        assert!(ids.contains(&id), "{id}");
    }
}
