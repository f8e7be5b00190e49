//! Laying text out for a 100-column terminal: paragraphs wrapped at spaces,
//! and table rows whose cells wrap inside their columns rather than being cut.

/// The width every plain-text report keeps to.
pub(crate) const WIDTH: usize = 100;

/// `text` split into lines of at most `width` characters at spaces; a word
/// longer than `width` is split between its parts where it has them.
pub(crate) fn lines(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = line.chars().count();
            let room = if used == 0 {
                width
            } else {
                width.saturating_sub(used + 1)
            };
            if word.len() <= room {
                if used > 0 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if used > 0 {
                out.push(std::mem::take(&mut line));
                continue;
            }
            // A word wider than the column: split after the last `.`, `/`
            // or `-` that fits (a parameter id breaks between its parts,
            // `optimism.C.` / `cost_uplift`), else after the last `_`, else
            // at the width.
            let fits = word.get(..width).unwrap_or(&[]);
            // A decimal point is no break: `4.9176` stays one number.
            let digit = |i: usize| word.get(i).is_some_and(char::is_ascii_digit);
            let after = |seps: &[char]| {
                (0..fits.len()).rev().find(|&i| {
                    fits.get(i).is_some_and(|c| seps.contains(c))
                        && !(fits.get(i) == Some(&'.') && i > 0 && digit(i - 1) && digit(i + 1))
                })
            };
            let cut = after(&['.', '/', '-'])
                .or_else(|| after(&['_']))
                .map_or(width, |i| i + 1);
            let rest = word.split_off(cut);
            out.push(word.into_iter().collect());
            word = rest;
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// `text` wrapped at [`WIDTH`]: the first line after `first`, the rest after
/// `rest`.
pub(crate) fn wrap(text: &str, first: &str, rest: &str) -> String {
    let width = WIDTH.saturating_sub(first.chars().count().max(rest.chars().count()));
    lines(text, width)
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}{l}", if i == 0 { first } else { rest }))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How a cell sits in its column.
#[derive(Clone, Copy)]
pub(crate) enum Align {
    Left,
    Right,
}

/// One table row, two spaces in: each `(text, width, align)` cell wrapped
/// inside its column, cells one space apart, as many lines as the tallest
/// cell needs; trailing spaces trimmed.
pub(crate) fn row(cells: &[(&str, usize, Align)]) -> String {
    let wrapped: Vec<Vec<String>> = cells.iter().map(|(t, w, _)| lines(t, *w)).collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let mut out = Vec::with_capacity(height);
    for i in 0..height {
        let mut line = String::from(" ");
        for ((_, width, align), cell) in cells.iter().zip(&wrapped) {
            let text = cell.get(i).map_or("", String::as_str);
            line.push(' ');
            match align {
                Align::Left => line.push_str(&format!("{text:<width$}")),
                Align::Right => line.push_str(&format!("{text:>width$}")),
            }
        }
        out.push(line.trim_end().to_string());
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_and_split_long_words() {
        assert_eq!(lines("one two three", 7), ["one two", "three"]);
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(
            lines("optimism.C.cost_uplift", 16),
            ["optimism.C.", "cost_uplift"]
        );
        assert_eq!(lines("= 4.91764772", 8), ["=", "4.917647", "72"]);
        assert_eq!(lines("", 4), [""]);
    }

    #[test]
    fn a_row_wraps_each_cell_in_its_column() {
        let r = row(&[
            ("1", 3, Align::Right),
            ("a long location", 8, Align::Left),
            ("5.2", 6, Align::Right),
        ]);
        assert_eq!(r, "    1 a long      5.2\n      location");
        assert!(
            r.lines()
                .all(|l| l.chars().count() <= 2 + 3 + 1 + 8 + 1 + 6)
        );
    }

    #[test]
    fn wrap_keeps_to_the_width() {
        let text = "word ".repeat(60);
        let w = wrap(&text, "  ", "    ");
        assert!(w.lines().all(|l| l.chars().count() <= WIDTH));
        assert!(w.lines().skip(1).all(|l| l.starts_with("    word")));
    }
}
