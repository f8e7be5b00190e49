//! HTML tables for notebooks and reports, produced by pure functions (so they
//! can be tested without a notebook), and the evcxr display protocol.
//!
//! Every label is escaped; figures are formatted for people: pounds with
//! thousands separators, ratios to a stated number of places, negative values
//! with a minus sign and the `neg` class.
//!
//! ```
//! let a = froi::nelc_2020::appraise_as_published().unwrap();
//! let html = a.to_html();
//! assert!(html.contains("<table"));
//! assert!(html.contains("£299,307"));
//! ```

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::money::{Money, Ratio, Rounding};
use crate::report::grouped;

/// Escape text for HTML element content and attribute values.
///
/// ```
/// assert_eq!(froi::html::escape("<b>Tom & \"Jerry\"</b>"), "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A cell of an HTML table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    text: String,
    numeric: bool,
    negative: bool,
    /// The tooltip (`title`): the exact value, or an id.
    title: Option<String>,
}

impl Cell {
    /// A text cell (escaped when written).
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            numeric: false,
            negative: false,
            title: None,
        }
    }

    /// A figure already formatted (a published figure as printed, or a
    /// recomputation in the audit's format): text, aligned as a number.
    pub fn figure(text: impl Into<String>) -> Cell {
        Cell {
            numeric: true,
            ..Cell::text(text)
        }
    }

    /// The same cell with its exact value one hover away (the `title`
    /// attribute): the table shows the places that mean something, the
    /// tooltip the value the types hold.
    pub fn with_exact(self, value: Decimal) -> Cell {
        self.with_title(format!("exact: {}", value.normalize()))
    }

    /// The same cell with a tooltip: a parameter's id under its label, say.
    pub fn with_title(self, title: impl Into<String>) -> Cell {
        Cell {
            title: Some(title.into()),
            ..self
        }
    }

    /// Pounds to the whole pound, half-up, with thousands separators.
    pub fn pounds(m: Money) -> Cell {
        Cell {
            text: crate::report::pounds(m),
            numeric: true,
            negative: m < Money::ZERO,
            title: None,
        }
    }

    /// A ratio to `places` decimal places, half-up.
    pub fn ratio(r: Ratio, places: u32) -> Cell {
        Cell::number(r.value(), places)
    }

    /// A number to `places` decimal places, half-up, with thousands separators.
    pub fn number(value: Decimal, places: u32) -> Cell {
        Cell {
            text: grouped(value, Rounding::half_up(places)),
            numeric: true,
            negative: value.is_sign_negative() && !value.is_zero(),
            title: None,
        }
    }

    /// A whole count.
    pub fn count(n: impl Into<u64>) -> Cell {
        Cell {
            text: grouped(Decimal::from(n.into()), Rounding::half_up(0)),
            numeric: true,
            negative: false,
            title: None,
        }
    }
}

/// An HTML table: a caption, a header row and rows of cells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// The caption.
    pub caption: String,
    /// Column headings.
    pub headers: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table with a caption and headings.
    pub fn new(caption: impl Into<String>, headers: &[&str]) -> Table {
        Table {
            caption: caption.into(),
            headers: headers.iter().map(|h| (*h).to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Add a row.
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// The table as HTML.
    pub fn to_html(&self) -> String {
        let mut s = String::new();
        let _ = write!(s, "<table class=\"froi\">");
        if !self.caption.is_empty() {
            let _ = write!(s, "<caption>{}</caption>", escape(&self.caption));
        }
        s.push_str("<thead><tr>");
        for (i, h) in self.headers.iter().enumerate() {
            // A heading sits over its column: right over a column of numbers.
            let numbers = self
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .filter(|c| !c.text.is_empty())
                .all(|c| c.numeric);
            let class = if numbers && !self.rows.is_empty() {
                " class=\"num\""
            } else {
                " class=\"text\""
            };
            let _ = write!(s, "<th{class}>{}</th>", escape(h));
        }
        s.push_str("</tr></thead><tbody>");
        for row in &self.rows {
            s.push_str("<tr>");
            for c in row {
                let class = match (c.numeric, c.negative) {
                    (true, true) => " class=\"num neg\"",
                    (true, false) => " class=\"num\"",
                    _ => " class=\"text\"",
                };
                let title = c
                    .title
                    .as_ref()
                    .map_or(String::new(), |e| format!(" title=\"{}\"", escape(e)));
                let _ = write!(s, "<td{class}{title}>{}</td>", escape(&c.text));
            }
            s.push_str("</tr>");
        }
        s.push_str("</tbody></table>");
        s
    }

    /// The table as Markdown (a pipe table under its caption in bold):
    /// numbers right-aligned, `|` in a cell escaped.
    ///
    /// ```
    /// use froi::html::{Cell, Table};
    /// let mut t = Table::new("Costs", &["item", "cost"]);
    /// t.row(vec![Cell::text("a | b"), Cell::figure("£1,295")]);
    /// assert_eq!(t.to_markdown(), "**Costs**\n\n| item | cost |\n|:--|--:|\n| a \\| b | £1,295 |\n");
    /// ```
    pub fn to_markdown(&self) -> String {
        let columns = self
            .headers
            .len()
            .max(self.rows.iter().map(Vec::len).max().unwrap_or(0));
        let numeric = |i: usize| {
            self.rows
                .iter()
                .any(|r| r.get(i).is_some_and(|c| c.numeric))
        };
        let cell = |t: &str| t.replace('|', "\\|").replace('\n', " ");
        let mut s = String::new();
        if !self.caption.is_empty() {
            let _ = writeln!(s, "**{}**\n", cell(&self.caption));
        }
        let heads: Vec<String> = (0..columns)
            .map(|i| cell(self.headers.get(i).map_or("", String::as_str)))
            .collect();
        let _ = writeln!(s, "| {} |", heads.join(" | "));
        let rule: Vec<&str> = (0..columns)
            .map(|i| if numeric(i) { "--:" } else { ":--" })
            .collect();
        let _ = writeln!(s, "|{}|", rule.join("|"));
        for row in &self.rows {
            let cells: Vec<String> = (0..columns)
                .map(|i| cell(row.get(i).map_or("", |c| c.text.as_str())))
                .collect();
            let _ = writeln!(s, "| {} |", cells.join(" | "));
        }
        s
    }

    /// The table as aligned plain text (the fallback beside the HTML),
    /// within 100 columns: when the columns are wider than that, the
    /// widest text columns are narrowed and their cells wrap inside them.
    pub fn to_text(&self) -> String {
        let columns = self
            .headers
            .len()
            .max(self.rows.iter().map(Vec::len).max().unwrap_or(0));
        let cell_text =
            |row: &[Cell], i: usize| row.get(i).map_or(String::new(), |c| c.text.clone());
        let numeric = |i: usize| {
            self.rows
                .iter()
                .any(|r| r.get(i).is_some_and(|c| c.numeric))
        };
        let head = |i: usize| self.headers.get(i).map_or("", String::as_str);
        let body = |i: usize| {
            self.rows
                .iter()
                .map(|r| cell_text(r, i).chars().count())
                .max()
                .unwrap_or(0)
        };
        let mut widths: Vec<usize> = (0..columns)
            .map(|i| head(i).chars().count().max(body(i)))
            .collect();
        // How narrow each column may go: a figure stays whole on its line,
        // a heading keeps its longest word, text wraps down to NARROWEST.
        let widest = |i: usize, figures: bool| {
            self.rows
                .iter()
                .filter_map(|r| r.get(i))
                .filter(|c| c.numeric == figures)
                .map(|c| c.text.chars().count())
                .max()
                .unwrap_or(0)
        };
        let floors: Vec<usize> = (0..columns)
            .map(|i| {
                let word = head(i).split_whitespace().map(|w| w.chars().count()).max();
                let words = if numeric(i) { word.unwrap_or(0) } else { 0 };
                widest(i, true)
                    .max(NARROWEST.min(widest(i, false)))
                    .max(words)
            })
            .collect();
        narrow(&mut widths, &floors);
        let mut s = String::new();
        if !self.caption.is_empty() {
            let _ = writeln!(s, "{}", self.caption);
        }
        let headers: Vec<(String, bool)> =
            self.headers.iter().map(|h| (h.clone(), false)).collect();
        s.push_str(&text_row(&headers, &widths));
        for row in &self.rows {
            let cells: Vec<(String, bool)> = (0..columns)
                .map(|i| (cell_text(row, i), row.get(i).is_some_and(|c| c.numeric)))
                .collect();
            s.push_str(&text_row(&cells, &widths));
        }
        s
    }
}

/// The narrowest a text column is made to fit the page.
const NARROWEST: usize = 12;

/// Narrow the widest column that can go narrower (above its floor) until
/// the row, columns two spaces apart, keeps to the 100-column page, or
/// none can.
fn narrow(widths: &mut [usize], floors: &[usize]) {
    let page = crate::report::WIDTH;
    loop {
        let total: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        if total <= page {
            return;
        }
        let room = |i: usize| {
            widths
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_sub(floors.get(i).copied().unwrap_or(0))
        };
        let Some(i) = (0..widths.len())
            .filter(|&i| room(i) > 0)
            .max_by_key(|&i| widths.get(i).copied().unwrap_or(0))
        else {
            return;
        };
        let cut = room(i).min(total - page);
        if let Some(w) = widths.get_mut(i) {
            *w -= cut;
        }
    }
}

/// One table row as text lines: each cell wrapped in its column (numbers
/// right-aligned), the row as tall as its tallest cell, no trailing spaces.
fn text_row(cells: &[(String, bool)], widths: &[usize]) -> String {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|((t, _), w)| crate::report::lines(t, *w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let mut out = String::new();
    for k in 0..height {
        let line = cells
            .iter()
            .zip(widths)
            .zip(&wrapped)
            .map(|(((_, right), w), lines)| {
                let t = lines.get(k).map_or("", String::as_str);
                if *right {
                    format!("{t:>w$}")
                } else {
                    format!("{t:<w$}")
                }
            })
            .collect::<Vec<_>>()
            .join("  ");
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// The style every froi table and chart shares in a notebook. Its selectors
/// outrank JupyterLab's (`:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon
/// td`, specificity 0-2-1, which right-aligns every cell; its tables are
/// also laid out fixed and centred): every cell carries a class, so
/// `table.froi td.text` (0-2-2) wins; text reads left, numbers right,
/// columns take the width their content needs. `scripts/check-notebook.sh`
/// measures this in Chromium.
pub(crate) const STYLE: &str = "<style>\
table.froi{border-collapse:collapse;margin:0.5em 0;table-layout:auto;width:auto}\
table.froi caption{font-weight:bold;text-align:left;padding:0.2em 0;caption-side:top;min-width:24em}\
table.froi th.text,table.froi td.text,table.froi th.num,table.froi td.num{\
border-bottom:1px solid #ddd;padding:0.2em 0.6em;vertical-align:top}\
table.froi th.text,table.froi td.text{text-align:left;max-width:40em;white-space:normal}\
table.froi th.num,table.froi td.num{text-align:right;\
font-variant-numeric:tabular-nums;white-space:nowrap}\
table.froi td.neg{color:#b00020}\
table.froi td[title]{text-decoration:underline dotted #999}</style>";

/// A complete HTML page around `body`: the character set declared (so `£`
/// shows as `£`, not `Â£`), the tables' style, and `title` as the page's
/// (the body brings its own headings).
///
/// ```
/// let page = froi::html::page("An appraisal", "<p>£1,295</p>");
/// assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<meta charset=\"utf-8\">"));
/// ```
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n<title>{}</title>\n{STYLE}\n\
         <style>body{{font-family:system-ui,sans-serif;margin:1.5em;max-width:80em}}</style>\n\
         </head>\n<body>\n{body}\n</body>\n</html>\n",
        escape(title)
    )
}

/// Print an evcxr display block of plain text alone.
pub(crate) fn evcxr_print_text(text: &str) {
    println!("EVCXR_BEGIN_CONTENT text/plain\n{text}\nEVCXR_END_CONTENT");
}

/// Print an evcxr display block: `html` as `text/html`, `text` as `text/plain`.
///
/// This is the crate's one printing function outside the examples: evcxr reads
/// rich output from standard output between these markers.
pub fn evcxr_print(html: &str, text: &str) {
    println!("EVCXR_BEGIN_CONTENT text/html\n{STYLE}{html}\nEVCXR_END_CONTENT");
    println!("EVCXR_BEGIN_CONTENT text/plain\n{text}\nEVCXR_END_CONTENT");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_number_below_zero_is_marked_negative() {
        // Zero times minus one: a zero, whatever its sign bit, is not negative.
        let minus_zero = Decimal::new(0, 2) * Decimal::NEGATIVE_ONE;
        assert!(!Cell::number(minus_zero, 2).negative);
        assert!(!Cell::number(Decimal::new(15, 1), 2).negative);
        assert!(Cell::number(Decimal::new(-15, 1), 2).negative);
    }
}
