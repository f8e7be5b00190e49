//! The `froi` command: appraise, audit and check appraisals from the
//! command line (feature `cli`). `froi --help` lists the subcommands, and
//! each subcommand's `--help` its options with examples.
//!
//! Exit codes: 0 done; 1 the input is wrong (a file froi read says something
//! it cannot accept, or an appraisal cannot be computed from it); 2 the
//! command line is wrong (an unknown option, a missing argument); 3 a file
//! could not be read or written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

mod shortlist;

/// Fiscal return on investment and cost-benefit appraisal, exact and auditable.
#[derive(Parser)]
#[command(name = "froi", version, about, long_about = ABOUT, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    job: Job,
    /// No spinner and no "wrote FILE" on standard error (a spinner shows
    /// only when standard error is a terminal).
    #[arg(long, short, global = true)]
    quiet: bool,
}

/// Whether to say what is happening on standard error (set once, from `--quiet`).
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// Run `work` with a spinner on standard error saying `what`, when standard
/// error is a terminal and the command is not quiet; otherwise silently.
fn with_spinner<T>(what: &str, work: impl FnOnce() -> T) -> T {
    use std::io::IsTerminal;
    if quiet() || !std::io::stderr().is_terminal() {
        return work();
    }
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_message(what.to_string());
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let out = work();
    spinner.finish_and_clear();
    out
}

/// Say on standard error that `path` was written, unless quiet.
fn wrote(path: &Path) {
    if !quiet() {
        eprintln!("wrote {}", path.display());
    }
}

const ABOUT: &str = "Fiscal return on investment and cost-benefit appraisal, exact and auditable.

froi appraises a programme file (a family table valued by its states, \
outcome lines, streams over years, any of them), audits a published appraisal \
figure by figure, and checks files without appraising them. Every figure is \
an exact decimal; `--format json` keeps them whole.";

const EXAMPLES: &str = "Examples:
  froi audit                                   the NELC 2020 audit: verdict, chain, discrepancies
  froi appraise data/nelc_2020/scenario.toml   an appraisal, with its analyses
  froi appraise data/edge_of_care/scenario.toml --format html --output eoc.html
  froi check my_programme.toml                 read and check a file, appraise nothing
  froi new > my_programme.toml                 a commented programme to start from
  froi schedule green_book_health --years 40   a discount schedule's rates and factors
  froi options data/edge_of_care/options.toml  options against business as usual
  froi appraise data/cardiff_2014/programme.toml --budget 2003   who pays and who saves, by year
  froi tables                                  parameter tables with their sources and vintages

Exit codes: 0 done, 1 the input is wrong, 2 the command line is wrong,
3 a file could not be read or written.";

#[derive(Subcommand)]
enum Job {
    /// Appraise a programme file and run the analyses it asks for.
    #[command(after_help = "Examples:
  froi appraise data/nelc_2020/scenario_by_rule.toml
  froi appraise data/youth_service/scenario.toml --format json --output youth.json
  froi appraise data/nelc_2020/scenario.toml --xlsx nelc.xlsx   (built with --features xlsx)")]
    Appraise {
        /// The programme file (TOML), with a family table or without.
        file: PathBuf,
        #[command(flatten)]
        out: Output,
        /// Also write the appraisal as a live workbook (every figure a formula).
        #[arg(long, value_name = "BOOK.xlsx")]
        xlsx: Option<PathBuf>,
        /// Also show who pays and who saves, agency by financial year, the
        /// first year starting YEAR-MM (2024-04: April to March) or YEAR
        /// (calendar years), in every format, and as a Budget sheet with --xlsx.
        #[arg(long, value_name = "YEAR-MM", value_parser = shortlist::year_start)]
        budget: Option<froi::YearStart>,
    },
    /// Appraise a shortlist of options against business as usual: increments,
    /// cost per unit of outcome, dominance and the efficiency frontier.
    #[command(after_help = "Examples:
  froi options data/edge_of_care/options.toml
  froi options data/nelc_2020/options.toml --format html --output fgc.html

An options file names a shared programme and its options, the first business as usual
(basis = \"do_nothing\"); an option changes inputs of the shared programme by name
([option.changes]) or names a programme of its own. docs/scenario-format.md has the format.")]
    Options {
        /// The options file (TOML).
        file: PathBuf,
        #[command(flatten)]
        out: Output,
        /// Also write the options as a live workbook (feature `xlsx`).
        #[arg(long, value_name = "BOOK.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// List the parameter tables froi ships (discount schedules, standard
    /// values, METB), each with its source and vintage.
    #[command(after_help = "Example:
  froi tables --format json")]
    Tables {
        #[command(flatten)]
        out: Output,
    },
    /// Audit a published appraisal: every printed figure recomputed (the NELC
    /// 2020 appraisal unless --printed names another).
    #[command(after_help = "Examples:
  froi audit                  the verdict, the 3.4 chain, the discrepancies, corrected headlines
  froi audit --all --exact    every printed figure beside its recomputations, quotients whole
  froi audit --format html --output audit.html
  froi audit --programme data/cardiff_2014/programme.toml --printed data/cardiff_2014/printed.toml
  froi audit --printed data/fdac_2016/printed.toml     figures checked against each other only

With --printed, each figure of the file is recomputed from the programme (its `is`) and from the
figures it is made of (its `from`), and judged: agrees, within its hedge, display rounding (the
printed parts' rounding explains it), period differs, sources disagree or inconsistent.
docs/auditing.md explains each; docs/corpus.md lists the published cases in data/.")]
    Audit {
        /// Every published figure beside its recomputations.
        #[arg(long)]
        all: bool,
        /// A publication's printed figures (TOML) to audit, against --programme
        /// where a figure claims one of its quantities.
        #[arg(long, value_name = "PRINTED.toml")]
        printed: Option<PathBuf>,
        /// The programme file (TOML) the printed figures are audited against.
        #[arg(long, value_name = "PROGRAMME.toml", requires = "printed")]
        programme: Option<PathBuf>,
        /// Every quotient whole rather than to its meaningful places.
        #[arg(long)]
        exact: bool,
        #[command(flatten)]
        out: Output,
        /// Also write the audited workbook (feature `xlsx`).
        #[arg(long, value_name = "BOOK.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// Read and check a file as the command that takes it would, without
    /// appraising it: a programme, a shortlist of options or a publication's
    /// printed figures.
    #[command(after_help = "Examples:
  froi check data/edge_of_care/scenario.toml     a programme, as `appraise` reads it
  froi check data/edge_of_care/options.toml      a shortlist, as `options` reads it
  froi check data/cardiff_2014/printed.toml      printed figures, as `audit --printed` reads them")]
    Check {
        /// The file (TOML): a programme, options or printed figures.
        file: PathBuf,
    },
    /// Appraise whole caseloads: family tables, or a table of counts.
    #[command(after_help = "Examples:
  froi caseload families_2024.csv families_2025.csv
  froi caseload --counts counts.csv --programme data/nelc_2020/scenario_by_rule.toml

A table of counts is what a GROUP BY gives: cohort,entry,exit,follow_up,families,children,sessions.")]
    Caseload {
        /// Family tables (the canonical CSV), read on every core.
        files: Vec<PathBuf>,
        /// A table of counts instead of family tables.
        #[arg(long, value_name = "COUNTS.csv", conflicts_with = "files")]
        counts: Option<PathBuf>,
        /// The programme file whose family table's states, values, rule and
        /// unit cost appraise the caseload (default: the NELC appendix by the
        /// rule). `--scenario` is its old name.
        #[arg(long, value_name = "PROGRAMME.toml", alias = "scenario")]
        programme: Option<PathBuf>,
        #[command(flatten)]
        out: Output,
    },
    /// Print a discount schedule: each year's rate and discount factor.
    #[command(after_help = "Examples:
  froi schedule                          the Green Book's standard schedule, years 0 to 30
  froi schedule green_book_reduced --years 125
  froi schedule 0.035 --years 10         a constant rate")]
    Schedule {
        /// green_book, green_book_health, green_book_reduced,
        /// green_book_health_reduced, green_book_sensitivity_2026, or a rate.
        #[arg(default_value = "green_book")]
        name: String,
        /// The last year shown.
        #[arg(long, default_value_t = 30)]
        years: u32,
    },
    /// Print a commented programme file to start from.
    #[command(after_help = "Example:
  froi new > my_programme.toml && froi check my_programme.toml")]
    New,
    /// Print a completion script for a shell.
    Completions {
        /// bash, elvish, fish, powershell or zsh.
        shell: clap_complete::Shell,
    },
}

/// Where and how a result is written.
#[derive(clap::Args)]
struct Output {
    /// How the result is written.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write to this file (whole or not at all) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Plain text within 100 columns.
    Text,
    /// JSON, every figure an exact decimal string.
    Json,
    /// A complete HTML page.
    Html,
    /// Markdown tables (for a report, an issue or a wiki).
    Md,
}

/// Why the command stopped, and the exit code it gives.
enum Failure {
    Input(froi::Error),
    Io(String),
}

impl From<froi::Error> for Failure {
    fn from(e: froi::Error) -> Failure {
        match e {
            froi::Error::Io { .. } => Failure::Io(e.to_string()),
            other => Failure::Input(other),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    match run(cli.job) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(3)
        }
    }
}

fn run(job: Job) -> Result<(), Failure> {
    match job {
        Job::Appraise {
            file,
            out,
            xlsx,
            budget,
        } => appraise(&file, &out, xlsx.as_deref(), budget),
        Job::Options { file, out, xlsx } => shortlist::options(&file, &out, xlsx.as_deref()),
        Job::Tables { out } => shortlist::tables(&out),
        Job::Audit {
            all,
            exact,
            out,
            xlsx,
            printed: Some(printed),
            programme,
        } => audit_printed(
            programme.as_deref(),
            &printed,
            all,
            exact,
            &out,
            xlsx.as_deref(),
        ),
        Job::Audit {
            all,
            exact,
            out,
            xlsx,
            ..
        } => audit(all, exact, &out, xlsx.as_deref()),
        Job::Check { file } => check(&file),
        Job::Caseload {
            files,
            counts,
            programme,
            out,
        } => caseload(&files, counts.as_deref(), programme.as_deref(), &out),
        Job::Schedule { name, years } => schedule(&name, years),
        Job::New => write(TEMPLATE, &Output::stdout(), &[]),
        Job::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "froi", &mut std::io::stdout());
            Ok(())
        }
    }
}

impl Output {
    fn stdout() -> Output {
        Output {
            format: Format::Text,
            output: None,
        }
    }
}

/// A result with its uncertainty analyses, as one JSON object.
#[derive(serde::Serialize)]
struct WithAnalyses<'a, T: serde::Serialize> {
    #[serde(flatten)]
    result: &'a T,
    uncertainty: Option<&'a froi::uncertainty::UncertaintyResult>,
    /// Who pays and who saves, where `--budget` asks.
    #[serde(skip_serializing_if = "Option::is_none")]
    budget: Option<&'a froi::BudgetView>,
}

fn appraise(
    file: &Path,
    out: &Output,
    xlsx: Option<&Path>,
    budget: Option<froi::YearStart>,
) -> Result<(), Failure> {
    let inputs = inputs_of(file);
    refuse_inputs(xlsx, &inputs)?;
    let f = froi::load::read_programme(file)?;
    let a = froi::appraise(&f.programme)?;
    let u = with_spinner("running the analyses", || {
        f.uncertainty
            .as_ref()
            .map(|u| u.run(&f.programme))
            .transpose()
    })?;
    if let Some(book) = xlsx {
        workbook(book, |b| programme_book(&f.programme, budget, b))?;
    }
    let view = budget
        .map(|start| shortlist::budget_view(&f.programme, &a, start))
        .transpose()?;
    let text = match out.format {
        Format::Text => format!(
            "{}{}",
            froi::report::text(&a, u.as_ref()),
            view.as_ref()
                .map_or(String::new(), froi::report::budget_text)
        ),
        Format::Json => json(&WithAnalyses {
            result: &a,
            uncertainty: u.as_ref(),
            budget: view.as_ref(),
        })?,
        Format::Html => page(
            &a.name,
            a.to_html() + &view.as_ref().map_or(String::new(), |v| v.to_html()),
            u.as_ref(),
        ),
        Format::Md => markdown(
            a.to_markdown() + &view.as_ref().map_or(String::new(), |v| v.to_markdown()),
            u.as_ref(),
        ),
    };
    write(&text, out, &inputs)
}

/// Markdown of a result and its analyses.
fn markdown(body: String, u: Option<&froi::uncertainty::UncertaintyResult>) -> String {
    match u {
        Some(u) => format!("{body}\n{}", u.to_markdown()),
        None => body,
    }
}

/// An HTML page of a result and its analyses, with the tornado drawn.
fn page(title: &str, body: String, u: Option<&froi::uncertainty::UncertaintyResult>) -> String {
    let analyses = u.map_or(String::new(), |u| {
        let chart = if u.tornado.is_empty() {
            String::new()
        } else {
            froi::charts::uncertainty_tornado(u).to_svg()
        };
        format!("{}\n{chart}", u.to_html())
    });
    froi::html::page(title, &format!("{body}\n{analyses}"))
}

fn audit(all: bool, exact: bool, out: &Output, xlsx: Option<&Path>) -> Result<(), Failure> {
    let audit = froi::nelc_2020::audit()?;
    if let Some(book) = xlsx {
        workbook(book, |b| audit_workbook(&audit, b))?;
    }
    let precision = if exact {
        froi::report::Precision::Exact
    } else {
        froi::report::Precision::Presented
    };
    let text = match out.format {
        Format::Text => {
            let mut text = froi::report::audit_text_with(&audit, precision);
            if all {
                text.push_str("\n6. Every published figure\n");
                text.push_str(&froi::report::checks_text_with(&audit, precision));
            }
            text
        }
        Format::Json => json(&audit)?,
        Format::Html => audit.to_html_page(),
        Format::Md => audit.to_markdown(),
    };
    write(&text, out, &[])
}

fn audit_printed(
    programme: Option<&Path>,
    printed: &Path,
    all: bool,
    exact: bool,
    out: &Output,
    xlsx: Option<&Path>,
) -> Result<(), Failure> {
    let file = programme.map(froi::load::read_programme).transpose()?;
    let publication = froi::audit::PrintedAppraisal::read(printed)?;
    let programme_read = file.as_ref().map(|f| &f.programme);
    let audit = froi::audit::audit_printed(&publication, programme_read)?;
    let mut inputs = programme.map(inputs_of).unwrap_or_default();
    inputs.push(printed.to_path_buf());
    if let Some(book) = xlsx {
        refuse_inputs(Some(book), &inputs)?;
        workbook(book, |b| {
            printed_workbook(&publication, &audit, programme_read, b)
        })?;
    }
    let precision = if exact {
        froi::report::Precision::Exact
    } else {
        froi::report::Precision::Presented
    };
    let text = match out.format {
        Format::Json => json(&audit)?,
        Format::Html => audit.to_html_page(),
        Format::Md => audit.to_markdown(),
        Format::Text => froi::report::printed_audit_text(&audit, all, precision),
    };
    write(&text, out, &inputs)
}

#[cfg(feature = "xlsx")]
fn printed_workbook(
    publication: &froi::audit::PrintedAppraisal,
    audit: &froi::audit::PrintedAudit,
    programme: Option<&froi::Programme>,
    book: &Path,
) -> froi::Result<()> {
    let bytes = froi::spreadsheet::printed_audit_workbook(publication, audit, programme)?;
    froi::spreadsheet::write(book, &bytes)
}

#[cfg(not(feature = "xlsx"))]
fn printed_workbook(
    _: &froi::audit::PrintedAppraisal,
    _: &froi::audit::PrintedAudit,
    _: Option<&froi::Programme>,
    _: &Path,
) -> froi::Result<()> {
    Err(no_xlsx())
}

#[cfg(feature = "xlsx")]
fn audit_workbook(audit: &froi::audit::Audit, book: &Path) -> froi::Result<()> {
    let programme = froi::nelc_2020::programme_as_published()?;
    let publication = froi::nelc_2020::publication()?;
    let bytes = froi::spreadsheet::audit_workbook(&programme, audit, &publication)?;
    froi::spreadsheet::write(book, &bytes)
}

#[cfg(not(feature = "xlsx"))]
fn audit_workbook(_: &froi::audit::Audit, _: &Path) -> froi::Result<()> {
    Err(no_xlsx())
}

/// Write a workbook by `save`, saying where; a failed write is an I/O failure.
fn workbook(book: &Path, save: impl FnOnce(&Path) -> froi::Result<()>) -> Result<(), Failure> {
    save(book).map_err(|e| match e {
        froi::Error::Workbook { .. } => Failure::Io(e.to_string()),
        other => other.into(),
    })?;
    wrote(book);
    Ok(())
}

#[cfg(feature = "xlsx")]
fn programme_book(
    p: &froi::Programme,
    budget: Option<froi::YearStart>,
    book: &Path,
) -> froi::Result<()> {
    match budget {
        Some(start) => {
            froi::spreadsheet::write(book, &froi::spreadsheet::workbook_with_budget(p, start)?)
        }
        None => froi::spreadsheet::save_workbook(p, book),
    }
}

#[cfg(feature = "xlsx")]
fn options_book(a: &froi::options::OptionsAppraisal, book: &Path) -> froi::Result<()> {
    froi::spreadsheet::write(book, &froi::spreadsheet::options_workbook(a)?)
}

#[cfg(not(feature = "xlsx"))]
fn options_book(_: &froi::options::OptionsAppraisal, _: &Path) -> froi::Result<()> {
    Err(no_xlsx())
}

#[cfg(not(feature = "xlsx"))]
fn programme_book(_: &froi::Programme, _: Option<froi::YearStart>, _: &Path) -> froi::Result<()> {
    Err(no_xlsx())
}

#[cfg(not(feature = "xlsx"))]
fn no_xlsx() -> froi::Error {
    froi::Error::Missing {
        at: froi::Location::field("--xlsx"),
        what: "feature `xlsx`: install with `cargo install --path . --features cli,xlsx`, \
               or run `cargo run --release --features cli,xlsx -- ...`",
    }
}

/// Which of froi's TOML files this is, by its top-level tables: a shortlist
/// has `[[option]]`s, a publication's figures `[[figure]]`s, anything else is
/// read as a programme (whose reader names what is missing).
fn check(file: &Path) -> Result<(), Failure> {
    // Only the two answers are kept, so the parsed table is dropped before
    // the file is read again by its own reader.
    let (options, figures) = std::fs::read_to_string(file)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .map_or((false, false), |t| {
            (t.contains_key("option"), t.contains_key("figure"))
        });
    match (options, figures) {
        (true, _) => check_options(file),
        (false, true) => check_printed(file),
        (false, false) => check_programme(file),
    }
}

fn check_options(file: &Path) -> Result<(), Failure> {
    let set = froi::load::read_options(file)?;
    let mut parts = vec![counted(set.options.len(), "option", "options")];
    if let Some(first) = set.options.first() {
        parts.push(format!("business as usual \"{}\"", first.name));
    }
    if let Some(m) = &set.measure {
        parts.push(format!("cost per {}", m.unit));
    }
    if !set.switching.is_empty() {
        parts.push(counted(
            set.switching.len(),
            "switching value",
            "switching values",
        ));
    }
    println!("ok: {}: a shortlist of {}", set.name, parts.join(", "));
    Ok(())
}

fn check_printed(file: &Path) -> Result<(), Failure> {
    let p = froi::audit::PrintedAppraisal::read(file)?;
    let printed = p.figures.iter().filter(|f| f.printed.is_some()).count();
    let headlines = p.figures.iter().filter(|f| f.headline).count();
    println!(
        "ok: {}: a publication's figures, {} ({} printed, {}) from {}",
        p.name,
        counted(p.figures.len(), "figure", "figures"),
        printed,
        counted(headlines, "headline", "headlines"),
        counted(p.sources.len(), "source", "sources"),
    );
    Ok(())
}

fn check_programme(file: &Path) -> Result<(), Failure> {
    let f = froi::load::read_programme(file)?;
    let p = &f.programme;
    let mut parts = Vec::new();
    if let Some(s) = &p.family_source {
        let mut cohorts: Vec<u32> = s.families.iter().map(|f| f.cohort()).collect();
        cohorts.dedup();
        parts.push(format!(
            "with a family table of {} in {}, {}",
            counted(s.families.len(), "family", "families"),
            counted(cohorts.len(), "cohort", "cohorts"),
            counted(
                s.deadweight.len(),
                "deadweight scenario",
                "deadweight scenarios"
            ),
        ));
    }
    if p.runs_over_time() {
        parts.push(format!(
            "over {}, {}, {}, {}",
            counted(p.horizon.years() as usize, "year", "years"),
            counted(p.benefits.len(), "benefit stream", "benefit streams"),
            counted(p.outcomes.len(), "outcome line", "outcome lines"),
            counted(p.costs.len(), "cost stream", "cost streams"),
        ));
    }
    if f.uncertainty.is_some() {
        parts.push("with analyses".into());
    }
    println!("ok: {}: a programme {}", p.name, parts.join("; "));
    Ok(())
}

/// `1 family`, `40 families`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn caseload(
    files: &[PathBuf],
    counts: Option<&Path>,
    programme_path: Option<&Path>,
    out: &Output,
) -> Result<(), Failure> {
    let programme = match programme_path {
        Some(path) => froi::load::read_programme(path)?.programme,
        None => froi::nelc_2020::programme_by_rule()?,
    };
    let scenario = programme.family_source()?;
    let caseload = match (counts, files) {
        (Some(c), _) => froi::load::read_counts(c, &scenario.states)?,
        (None, []) => {
            let mut command = Cli::command();
            command
                .error(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    "give family tables, or --counts COUNTS.csv",
                )
                .exit()
        }
        (None, files) => with_spinner("reading the family tables", || {
            froi::caseload::Caseload::read_files(files, &scenario.states)
        })?,
    };
    let mut cohorts = caseload.appraise(scenario)?;
    cohorts.push(froi::caseload::appraise_tally(
        None,
        &caseload.total()?,
        scenario,
    )?);
    let table = cohorts_table(&cohorts);
    let title = format!("Caseload: {}", programme.name);
    let text = match out.format {
        Format::Json => json(&cohorts)?,
        Format::Text => format!("{title}\n\n{}", table.to_text()),
        Format::Html => froi::html::page(&title, &table.to_html()),
        Format::Md => format!("## {title}\n\n{}", table.to_markdown()),
    };
    // Nothing read may be written over: the tables, the counts, the scenario.
    let mut inputs: Vec<PathBuf> = files.to_vec();
    inputs.extend(counts.map(Path::to_path_buf));
    inputs.extend(programme_path.iter().flat_map(|p| inputs_of(p)));
    write(&text, out, &inputs)
}

/// The cohorts of a caseload, and all of them, as a table.
fn cohorts_table(cohorts: &[froi::CohortResult]) -> froi::html::Table {
    use froi::html::{Cell, Table};
    let mut table = Table::new(
        "Cohorts",
        &[
            "cohort",
            "families",
            "children",
            "sessions",
            "total cost",
            "total benefit",
            "ratio",
        ],
    );
    for c in cohorts {
        table.row(vec![
            Cell::text(c.cohort.map_or("all".to_string(), |n| n.to_string())),
            Cell::count(c.families),
            Cell::count(c.children),
            Cell::count(c.sessions),
            Cell::pounds(c.total_cost),
            Cell::pounds(c.total_benefit),
            Cell::ratio(c.ratio, 4),
        ]);
    }
    table
}

fn schedule(name: &str, years: u32) -> Result<(), Failure> {
    let schedule = froi::DiscountSchedule::parse(name)?;
    let factors = schedule.factors(years)?;
    let mut text = format!("{}\n", schedule.name());
    if !schedule.source().is_empty() {
        text.push_str(&format!("source: {}\n", schedule.source()));
    }
    text.push_str(&format!(
        "\n{:>6} {:>8} {:>14}\n",
        "year", "rate", "factor D(t)"
    ));
    for (t, d) in factors.iter().enumerate() {
        let t = u32::try_from(t).unwrap_or(u32::MAX);
        text.push_str(&format!(
            "{t:>6} {:>8} {:>14}\n",
            schedule.rate_in(t).to_string(),
            froi::Rounding::half_up(6).apply(*d)
        ));
    }
    write(&text, &Output::stdout(), &[])
}

/// JSON of a result, every figure a decimal string.
fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| Failure::Io(format!("cannot write JSON: {e}")))
}

/// The files an appraisal of `file` reads: the file, and every file its
/// TOML names beside it (tables, sheets, deflators, grades).
fn inputs_of(file: &Path) -> Vec<PathBuf> {
    let mut inputs = vec![file.to_path_buf()];
    let folder = file.parent().unwrap_or(Path::new("."));
    let Ok(text) = std::fs::read_to_string(file) else {
        return inputs;
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return inputs;
    };
    let mut stack: Vec<toml::Value> = table.into_iter().map(|(_, v)| v).collect();
    while let Some(value) = stack.pop() {
        match value {
            toml::Value::String(s) => {
                let name = s.rsplit_once('#').map_or(s.as_str(), |(f, _)| f);
                let path = folder.join(name);
                if !name.is_empty() && path.is_file() {
                    inputs.push(path);
                }
            }
            toml::Value::Array(items) => stack.extend(items),
            toml::Value::Table(t) => stack.extend(t.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    inputs
}

/// Refuse to write `output` over one of the appraisal's inputs.
fn refuse_inputs(output: Option<&Path>, inputs: &[PathBuf]) -> Result<(), Failure> {
    let Some(output) = output else {
        return Ok(());
    };
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    match inputs.iter().find(|i| same(output, i)) {
        Some(input) => Err(Failure::Input(froi::Error::OutOfRange {
            at: froi::Location::field("--output"),
            value: output.display().to_string(),
            field_rule: format!(
                "an output never replaces an input, and the appraisal reads {}",
                input.display()
            ),
        })),
        None => Ok(()),
    }
}

/// Write `text` to the output file (whole or not at all) or standard output.
fn write(text: &str, out: &Output, inputs: &[PathBuf]) -> Result<(), Failure> {
    let Some(path) = &out.output else {
        print!("{text}");
        return Ok(());
    };
    refuse_inputs(Some(path), inputs)?;
    froi::load::write_file(path, text.as_bytes())?;
    wrote(path);
    Ok(())
}

const TEMPLATE: &str = r#"# A programme appraised over time: benefit streams, outcome lines and costs.
# Every figure is decimal text (a string), read exactly. Replace the
# ILLUSTRATIVE figures with your own, each with its source.
# docs/scenario-format.md describes every key; `froi check FILE` reads it.
name = "My programme (illustrative)"
# unit_values = "unit_values.csv"   # the catalogue outcome lines name; a list
#   such as ["unit_values.csv", "standard_values.csv"] adds the Green Book's
#   WELLBY, QALY and VPF values (data/parameters/standard_values.csv)

[time]
horizon_years = 5
# green_book, green_book_health, green_book_reduced, green_book_health_reduced,
# green_book_sensitivity_2026, or a constant rate such as "0.035".
discounting = "green_book"
# year_zero_undiscounted (the Green Book's), end_of_year or mid_year.
timing = "year_zero_undiscounted"
participants = 100
# metb = "0.2"                      # the cost of raising public funds, shown beside
                                    # (off unless set; 0.2 is the 2018/2022 rate)

# Distributional weights, shown beside the unweighted figures: a stream or
# line names its group with `group = "lowest fifth"`.
# [time.distribution]
# reference_income = "30000"
# [[time.distribution.group]]
# name = "lowest fifth"
# income = "15000"

# A saving a year, from year 1 for three years, net of what would have
# happened anyway and losing a fifth each year.
[[time.benefit]]
name = "placements avoided"
agency = "Children's services"
kind = "fiscal"
cashable = true
annual = "50000"
first_year = 1
years = 3
deadweight = "0.2"
drop_off = "0.2"

# An outcome line: participants x engagement x effect x a unit value from
# the catalogue, e.g.
# [[time.outcome]]
# name = "NEET avoided"
# unit_value = "neet_fiscal"
# participants = 100
# engagement = "0.75"
# share = "0.10"                  # or rates, a count (`outcomes`), or a change per
#                                 # person (`change = "1"` life-satisfaction point,
#                                 # with `unit_value = "wellby"`)
# duration_years = 2

[[time.cost]]
name = "service"
agency = "Children's services"
up_front = "20000"
recurring = "30000"
years = 3
"#;
