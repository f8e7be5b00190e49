//! The shape of the source holds (docs/DESIGN.md, "Module map"): no module
//! of the model refers to the file layer or anything above it; no module
//! refers, through others, back to itself, at any level of the tree (the
//! top-level modules, and the files of each folder); and long functions do
//! not multiply (`cargo test --test layers -- --nocapture` lists them).
//!
//! The graph is read from the source: every `crate::` and `super::` path
//! outside comments, strings and `#[cfg(test)]` modules, resolved to the
//! module that defines it. A module's own folder (its `mod.rs` declaring and
//! re-exporting its children) is not an edge between its children.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The model: what froi appraises with. None of it may refer to a module
/// outside this list but the ones in `SHARED`.
const MODEL: &[&str] = &[
    "adjustments",
    "appraisal",
    "benefits",
    "beside",
    "budget",
    "caseload",
    "cohorts",
    "costs",
    "derivation",
    "discounting",
    "error",
    "explain",
    "family_source",
    "money",
    "optimism",
    "options",
    "outcome_lines",
    "over_time",
    "price_base",
    "provenance",
    "standard_values",
    "states",
    "uncertainty",
    "valuation",
];

/// Modules below the model: none.
const SHARED: &[&str] = &[];

/// A module path from the crate root, such as `["load", "time"]`.
type ModPath = Vec<String>;

struct Crate {
    /// Each module, with the file that holds it.
    modules: BTreeMap<ModPath, PathBuf>,
}

impl Crate {
    fn read(src: &Path) -> Crate {
        let mut modules = BTreeMap::new();
        let mut stack = vec![src.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_some_and(|e| e == "rs") {
                    modules.insert(module_of(src, &path), path);
                }
            }
        }
        Crate { modules }
    }

    /// The module that defines `path`: its longest prefix that is a module.
    fn resolve(&self, path: &[String]) -> ModPath {
        (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|p| self.modules.contains_key(p))
            .unwrap_or_default()
    }

    /// Every module each module refers to.
    fn references(&self) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
        self.modules
            .iter()
            .map(|(module, file)| {
                let code = code_of(&std::fs::read_to_string(file).unwrap());
                let refs = paths_in(&code, module)
                    .into_iter()
                    .map(|p| self.resolve(&p))
                    .filter(|p| p != module)
                    .collect();
                (module.clone(), refs)
            })
            .collect()
    }
}

/// `src/load/time.rs` is `["load", "time"]`; `src/load/mod.rs` is `["load"]`.
fn module_of(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The source without comments, string and char literals, and `#[cfg(test)]`
/// modules (tests may use anything).
fn code_of(text: &str) -> String {
    // A test module is `mod tests` under its attributes (`#[cfg(test)]`
    // and perhaps a feature).
    let text = match text.find("\nmod tests {") {
        Some(i) => {
            let attrs = text[..i]
                .lines()
                .rev()
                .take_while(|l| l.starts_with("#["))
                .map(|l| l.len() + 1)
                .sum::<usize>();
            &text[..i + 1 - attrs]
        }
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                out.push('"');
                // Keep a string's line breaks, so lines still count true.
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => out.extend(chars.next().filter(|c| *c == '\n')),
                        '"' => break,
                        '\n' => out.push('\n'),
                        _ => {}
                    }
                }
                out.push('"');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path the code names through `crate::` or `super::`, from the
/// crate root; a braced group (`use super::{a, b::C}`) gives one path each.
fn paths_in(code: &str, module: &[String]) -> Vec<ModPath> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let (root, len) = if boundary && rest.starts_with("crate::") {
            (Vec::new(), "crate::".len())
        } else if boundary && rest.starts_with("super::") {
            let mut base = module.to_vec();
            let mut len = 0;
            while code[i + len..].starts_with("super::") {
                base.pop();
                len += "super::".len();
            }
            (base, len)
        } else if boundary && rest.starts_with("self::") {
            (module.to_vec(), "self::".len())
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        i += len;
        let (paths, used) = path_at(&code[i..]);
        for p in paths {
            out.push(root.iter().cloned().chain(p).collect());
        }
        i += used.max(1);
    }
    out
}

/// The path (or braced group of paths) at the start of `text`, and the bytes read.
fn path_at(text: &str) -> (Vec<Vec<String>>, usize) {
    if let Some(inner) = text.strip_prefix('{') {
        let mut depth = 1;
        let end = inner
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(inner.len(), |(i, _)| i);
        let mut paths = Vec::new();
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner[..end].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    paths.extend(path_at(inner[start..i].trim()).0);
                    start = i + 1;
                }
                _ => {}
            }
        }
        paths.extend(path_at(inner[start..end].trim()).0);
        return (paths, end + 2);
    }
    let mut segments = Vec::new();
    let mut used = 0;
    let mut rest = text;
    loop {
        let n = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if n == 0 {
            break;
        }
        segments.push(rest[..n].to_string());
        used += n;
        rest = &rest[n..];
        match rest.strip_prefix("::") {
            Some(r) if r.starts_with('{') => {
                let (group, n) = path_at(r);
                let paths = group
                    .into_iter()
                    .map(|g| segments.iter().cloned().chain(g).collect())
                    .collect();
                return (paths, used + 2 + n);
            }
            Some(r) => {
                used += 2;
                rest = r;
            }
            None => break,
        }
    }
    (vec![segments], used)
}

/// The edges among the children of `folder`: child A refers to child B when
/// a module inside A refers to a module inside B.
fn edges_among_children(
    refs: &BTreeMap<ModPath, BTreeSet<ModPath>>,
    folder: &[String],
) -> BTreeMap<String, BTreeSet<String>> {
    let child = |m: &ModPath| -> Option<String> {
        (m.len() > folder.len() && m.starts_with(folder)).then(|| m[folder.len()].clone())
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in refs {
        let Some(a) = child(from) else { continue };
        for to in tos {
            if let Some(b) = child(to).filter(|b| *b != a) {
                edges.entry(a.clone()).or_default().insert(b);
            }
        }
    }
    edges
}

/// A circle in `edges`, if there is one: the names along it.
fn a_circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut circle = path[i..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

fn crate_src() -> Crate {
    Crate::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn the_model_refers_to_nothing_above_it() {
    let refs = crate_src().references();
    let mut wrong = Vec::new();
    for (from, tos) in &refs {
        let Some(top) = from.first() else { continue };
        if !MODEL.contains(&top.as_str()) {
            continue;
        }
        for to in tos {
            let Some(target) = to.first() else { continue };
            if !MODEL.contains(&target.as_str()) && !SHARED.contains(&target.as_str()) {
                wrong.push(format!("{} -> {}", from.join("::"), to.join("::")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "model modules refer up the layers: {wrong:#?}"
    );
}

#[test]
fn no_module_refers_back_to_itself() {
    let refs = crate_src().references();
    let folders: BTreeSet<ModPath> = refs
        .keys()
        .map(|m| m[..m.len().saturating_sub(1)].to_vec())
        .collect();
    let circles: Vec<String> = folders
        .iter()
        .filter_map(|folder| {
            a_circle(&edges_among_children(&refs, folder)).map(|c| {
                let at = if folder.is_empty() {
                    "crate".into()
                } else {
                    folder.join("::")
                };
                format!("in {at}: {}", c.join(" -> "))
            })
        })
        .collect();
    assert!(circles.is_empty(), "import circles: {circles:#?}");
}

/// The reader itself: a path through a braced group and `super::` resolves
/// to the module that defines it, and a circle is found.
#[test]
fn the_reader_finds_paths_and_circles() {
    let module = vec!["load".to_string(), "time".to_string()];
    let code = code_of(
        "use super::{scenario::Doc, tables::{Table, relocate}};\n// crate::report\nlet x = crate::money::add(a, b);\n\"crate::audit\";",
    );
    let paths = paths_in(&code, &module);
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        [
            "load::scenario::Doc",
            "load::tables::Table",
            "load::tables::relocate",
            "money::add"
        ]
    );
    let mut edges = BTreeMap::new();
    edges.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    edges.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        a_circle(&edges),
        Some(vec!["a".into(), "b".into(), "a".into()])
    );
    edges.remove("b");
    assert_eq!(a_circle(&edges), None);
}

/// A function of this many lines or more is long.
const LONG: usize = 80;

/// The most long functions the crate may have, and the file layer: lowered
/// as functions are split, never raised.
const MOST_LONG: usize = 10;
const MOST_LONG_IN_FILE_LAYER: usize = 0;

/// Every function of [`LONG`] lines or more outside test modules: lines
/// from its `fn` to its closing brace, its module, and its name.
fn long_functions() -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (module, file) in &crate_src().modules {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let lines: Vec<&str> = code.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(at) = find_fn(line) else { continue };
            let name: String = line[at + 3..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let mut depth = 0i32;
            let mut opened = false;
            for (j, l) in lines.iter().enumerate().skip(i) {
                if !opened && l.contains(';') && !l.contains('{') {
                    break; // a declaration without a body
                }
                depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
                opened |= l.contains('{');
                if opened && depth <= 0 {
                    let n = j - i + 1;
                    if n >= LONG {
                        out.push((n, module.join("::"), name.clone()));
                    }
                    break;
                }
            }
        }
    }
    out.sort_by(|a, b| b.cmp(a));
    out
}

/// Where `fn ` starts a function on this line, if it does.
fn find_fn(line: &str) -> Option<usize> {
    let at = line.find("fn ")?;
    let before = line[..at].trim_end();
    let starts = before.is_empty()
        || before.ends_with(')')
        || ["pub", "const", "unsafe", "async", "extern", "}"]
            .iter()
            .any(|w| before.split_whitespace().last() == Some(*w));
    (starts && line[at + 3..].starts_with(|c: char| c.is_alphabetic() || c == '_')).then_some(at)
}

#[test]
fn long_functions_do_not_multiply() {
    let long = long_functions();
    for (n, module, name) in &long {
        println!("{n:4} {module}::{name}");
    }
    let in_files = long
        .iter()
        .filter(|(_, m, _)| m.starts_with("load"))
        .count();
    println!(
        "functions of {LONG}+ lines: {} ({in_files} in the file layer)",
        long.len()
    );
    // How many over each allowance (a saturating difference, so an
    // allowance of none reads as plainly as any other).
    let over =
        long.len().saturating_sub(MOST_LONG) + in_files.saturating_sub(MOST_LONG_IN_FILE_LAYER);
    assert!(
        over == 0,
        "{} long functions ({in_files} in the file layer), at most {MOST_LONG} \
         ({MOST_LONG_IN_FILE_LAYER}): split the new one",
        long.len()
    );
}
