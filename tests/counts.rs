//! A caseload reduced by another engine: a `GROUP BY` in DuckDB
//! (`scripts/peers/counts_duckdb.py`) over a generated family table
//! (`scripts/peers/make_families.py`) gives a table of counts that froi
//! reads and appraises to exactly what its own pass over the rows gives.
//! Needs python3 with duckdb (`python3 -m pip install duckdb`). `.ci/run`
//! installs it and sets `CI`, where its absence fails the test; elsewhere
//! the test says it did not run and passes, so `cargo test` needs nothing
//! but Rust on a fresh machine.
#![cfg(all(feature = "nelc", feature = "monte-carlo"))]

use std::path::Path;
use std::process::Command;

use froi::caseload::Caseload;

fn python(script: &str, args: &[&str], out: &Path) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/peers");
    let output = Command::new("python3")
        .arg(dir.join(script))
        .args(args)
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to run {script}: {e}"));
    assert!(
        output.status.success(),
        "{script} failed (python3 -m pip install duckdb?): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::write(out, output.stdout).unwrap();
}

/// Whether python3 can import duckdb; under CI it must.
fn duckdb_present() -> bool {
    let present = Command::new("python3")
        .args(["-c", "import duckdb"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        present || std::env::var_os("CI").is_none(),
        "CI runs this test with DuckDB: python3 -m pip install duckdb"
    );
    present
}

#[test]
fn counts_grouped_by_duckdb_appraise_as_froi_own_pass_over_the_rows() {
    if !duckdb_present() {
        eprintln!("not run: python3 cannot import duckdb (python3 -m pip install duckdb)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("froi-counts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (families, counts) = (dir.join("families.csv"), dir.join("counts.csv"));
    python("make_families.py", &["20000", "7"], &families);
    python("counts_duckdb.py", &[families.to_str().unwrap()], &counts);

    let scenario = froi::nelc_2020::programme_by_rule().unwrap();
    let rows = Caseload::read_file(&families, &scenario.family_source().unwrap().states).unwrap();
    let grouped =
        froi::load::read_counts(&counts, &scenario.family_source().unwrap().states).unwrap();
    assert_eq!(grouped, rows);
    let source = scenario.family_source().unwrap();
    let by_rows = rows.appraise(source).unwrap();
    assert_eq!(grouped.appraise(source).unwrap(), by_rows);
    // Three cohorts of 20,000 families, every one counted.
    assert_eq!(by_rows.iter().map(|c| c.families).sum::<u32>(), 20_000);
    std::fs::remove_dir_all(&dir).unwrap();
}
