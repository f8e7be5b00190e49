//! One family table on every core: the file is cut into pieces of whole
//! rows on the reading thread, each piece is tallied on a worker, and the
//! tallies are merged. Tallies are sums of counts, so the merged caseload is
//! the one a single pass gives; errors are reported for the first piece that
//! has one, at the line the whole file would give (each piece knows how many
//! lines came before it).
//!
//! A piece ends after a line feed (every line ends with one once read
//! through `LineFeeds`). That is a row boundary only where no quoted field
//! can hold a line break, so the first quote seen sends the rest of the
//! table to the reading thread, read as one stream; so does a stretch of
//! more than a piece with no line feed at all.

use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use super::families::{Columns, csv_reader, open_table, stream_rows};
use super::sink::Sink;
use super::tables::LineFeeds;
use crate::caseload::Caseload;
use crate::error::{Error, Location, Result};
use crate::states::StateCatalogue;

/// The bytes of one piece: big enough that a worker's start-up is noise,
/// small enough that a few in flight cost little memory.
pub(super) const PIECE: usize = 4 << 20;

/// A piece of whole rows: its place in the file and the file's line its
/// first row is on.
struct Piece {
    index: usize,
    first_line: u64,
    bytes: Vec<u8>,
}

/// Read until `buf` holds `want` bytes or the reader ends; `true` at the end.
fn fill(reader: &mut impl Read, buf: &mut Vec<u8>, want: usize, file: &str) -> Result<bool> {
    let io = |source| Error::Io {
        at: Location::file(file),
        source,
    };
    while buf.len() < want {
        let had = buf.len();
        let got = reader
            .by_ref()
            .take((want - had) as u64)
            .read_to_end(buf)
            .map_err(io)?;
        if got == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Tally one piece's rows.
fn tally(
    piece: &Piece,
    cols: &Columns,
    file: &str,
    catalogue: &StateCatalogue,
    sink: &mut Sink,
) -> Result<()> {
    let mut csv = csv_reader(piece.bytes.as_slice(), false);
    stream_rows(
        &mut csv,
        cols,
        file,
        catalogue,
        piece.first_line,
        |line, row| sink.add(file, line, row),
    )
}

/// A worker: tally the pieces it receives until none are left, skipping
/// those after the first that failed; its tallies, and its first error with
/// the piece it came from.
fn work(
    receive: &Mutex<mpsc::Receiver<Piece>>,
    failed: &AtomicUsize,
    cols: &Columns,
    file: &str,
    catalogue: &StateCatalogue,
    mut sink: Sink,
) -> (Sink, Option<(usize, Error)>) {
    let mut first: Option<(usize, Error)> = None;
    loop {
        let next = match receive.lock() {
            Ok(r) => r.recv(),
            Err(_) => break,
        };
        let Ok(p) = next else { break };
        if p.index > failed.load(Ordering::Relaxed) {
            continue;
        }
        if let Err(e) = tally(&p, cols, file, catalogue, &mut sink) {
            failed.fetch_min(p.index, Ordering::Relaxed);
            first = earlier(first, Some((p.index, e)));
        }
    }
    (sink, first)
}

/// The error of the earlier piece: the one a single pass would report.
fn earlier(a: Option<(usize, Error)>, b: Option<(usize, Error)>) -> Option<(usize, Error)> {
    match (a, b) {
        (Some((i, e)), Some((j, f))) => Some(if j < i { (j, f) } else { (i, e) }),
        (a, b) => a.or(b),
    }
}

/// The line of the first row after the header.
const FIRST_ROW: u64 = 2;

/// Cut the table into pieces of whole rows and send them to the workers,
/// until the table ends or a piece fails. A quote, or a piece with no line
/// feed, leaves the rest (its piece index, first line and bytes, with the
/// reader) to the calling thread.
fn hand_out(
    reader: &mut impl Read,
    mut carry: Vec<u8>,
    piece: usize,
    file: &str,
    failed: &AtomicUsize,
    send: &mpsc::SyncSender<Piece>,
) -> Result<Option<(usize, u64, Vec<u8>)>> {
    let (mut index, mut line) = (0usize, FIRST_ROW);
    while failed.load(Ordering::Relaxed) == usize::MAX {
        let end = fill(reader, &mut carry, piece, file)?;
        if carry.is_empty() {
            break;
        }
        let cut = if end {
            Some(carry.len())
        } else {
            memchr::memrchr(b'\n', &carry).map(|i| i + 1)
        };
        let (Some(cut), None) = (cut, memchr::memchr(b'"', &carry)) else {
            return Ok(Some((index, line, carry)));
        };
        let tail = carry.split_off(cut);
        let lines = memchr::memchr_iter(b'\n', &carry).count() as u64;
        let p = Piece {
            index,
            first_line: line,
            bytes: std::mem::replace(&mut carry, tail),
        };
        if send.send(p).is_err() {
            break;
        }
        index += 1;
        line += lines;
        if end && carry.is_empty() {
            break;
        }
    }
    Ok(None)
}

/// Read a piece, and on until the header line is whole: the bytes, whether
/// the input ended, and where the header line ends.
fn first_piece(
    reader: &mut impl Read,
    piece: usize,
    file: &str,
) -> Result<(Vec<u8>, bool, Option<usize>)> {
    let mut buf = Vec::with_capacity(piece);
    let mut want = piece;
    loop {
        let end = fill(reader, &mut buf, want, file)?;
        let found = memchr::memchr(b'\n', &buf);
        if end || found.is_some() || want >= 1 << 20 {
            return Ok((buf, end, found));
        }
        want = want.saturating_mul(2);
    }
}

/// The rest of the file after the pieces handed out (if any, and if no
/// earlier piece failed), read on this thread as one stream: its tally, and
/// its error with its piece's index.
fn read_rest(
    rest: Option<(usize, u64, Vec<u8>)>,
    reader: impl Read,
    failed: &AtomicUsize,
    cols: &Columns,
    file: &str,
    catalogue: &StateCatalogue,
) -> Result<(Sink, Option<(usize, Error)>)> {
    let mut last = Sink::new(catalogue)?;
    if let Some((index, first_line, bytes)) = rest
        && index <= failed.load(Ordering::Relaxed)
    {
        let mut csv = csv_reader(bytes.as_slice().chain(reader), false);
        if let Err(e) = stream_rows(&mut csv, cols, file, catalogue, first_line, |l, row| {
            last.add(file, l, row)
        }) {
            return Ok((last, Some((index, e))));
        }
    }
    Ok((last, None))
}

pub(super) fn read(
    reader: impl Read,
    file: &str,
    catalogue: &StateCatalogue,
    threads: usize,
    piece: usize,
) -> Result<Caseload> {
    // Every line ends with a line feed from here on, so counting line feeds
    // counts the lines a single pass reports.
    let mut reader = LineFeeds::new(reader);
    let (mut buf, end, header_end) = first_piece(&mut reader, piece, file)?;
    let (Some(header_end), false, false) = (header_end, end, threads <= 1) else {
        // Short, or one thread: one stream, as read_csv reads it.
        return Caseload::read_csv(buf.as_slice().chain(reader), file, catalogue);
    };
    if memchr::memchr(b'"', &buf).is_some() {
        return Caseload::read_csv(buf.as_slice().chain(reader), file, catalogue);
    }
    let header = buf.get(..=header_end).unwrap_or_default();
    let (_, cols) = open_table(header, file)?;
    let carry = buf.split_off(header_end + 1);
    // The first error's piece: pieces after it need not be read.
    let failed = AtomicUsize::new(usize::MAX);
    let (send, receive) = mpsc::sync_channel::<Piece>(threads);
    // The workers hold the only handles on the receiving end: should they
    // all stop, sending fails rather than waits.
    let receive = Arc::new(Mutex::new(receive));
    let sinks = (0..threads)
        .map(|_| Sink::new(catalogue))
        .collect::<Result<Vec<_>>>()?;
    let (cols, failed) = (&cols, &failed);
    std::thread::scope(|scope| -> Result<Caseload> {
        let workers: Vec<_> = sinks
            .into_iter()
            .map(|sink| {
                let receive = Arc::clone(&receive);
                scope.spawn(move || work(&receive, failed, cols, file, catalogue, sink))
            })
            .collect();
        drop(receive);

        let rest = hand_out(&mut reader, carry, piece, file, failed, &send)?;
        drop(send);

        let (last, mut first) = read_rest(rest, reader, failed, cols, file, catalogue)?;
        let mut sinks = vec![last];
        for w in workers {
            let (sink, error) = w.join().map_err(|_| Error::Missing {
                at: Location::file(file),
                what: "worker thread (it stopped without a result)",
            })?;
            sinks.push(sink);
            first = earlier(first, error);
        }
        if let Some((_, e)) = first {
            return Err(e);
        }
        sinks
            .into_iter()
            .try_fold(Caseload::new(catalogue)?, |acc, s| {
                acc.checked_merge(&s.finish())
            })
    })
}

#[cfg(test)]
#[cfg(feature = "nelc")]
mod tests {
    use super::*;

    fn states() -> StateCatalogue {
        crate::nelc_2020::states().unwrap()
    }

    const HEADER: &str =
        "cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month\n";

    fn table(rows: usize, eol: &str) -> String {
        let mut s = HEADER.replace('\n', eol);
        let labels = ["CIN", "cp", "LAC", "closed", "KIN", "Foster"];
        for i in 0..rows {
            s.push_str(&format!(
                "{},{},{},{},{},{},{},2016-0{}{eol}",
                i % 4 + 1,
                i,
                i % 3 + 1,
                labels[i % 6],
                labels[(i / 6) % 6],
                labels[(i / 36) % 6],
                i % 2 + 1,
                i % 9 + 1
            ));
        }
        s
    }

    fn both(text: &str, piece: usize, threads: usize) -> (String, String) {
        let show = |r: Result<Caseload>| match r {
            Ok(c) => format!("Ok({c:?})"),
            Err(e) => e.to_string(),
        };
        let one = Caseload::read_csv(text.as_bytes(), "t.csv", &states());
        let many = read(text.as_bytes(), "t.csv", &states(), threads, piece);
        (show(one), show(many))
    }

    #[test]
    fn pieces_give_the_caseload_one_pass_gives() {
        for eol in ["\n", "\r\n"] {
            let text = table(5_000, eol);
            for (piece, threads) in [(64, 2), (100, 3), (4096, 2), (1 << 20, 4)] {
                let (one, many) = both(&text, piece, threads);
                assert!(one.starts_with("Ok("), "{one}");
                assert_eq!(one, many, "piece {piece}, {threads} threads, {eol:?}");
            }
        }
    }

    #[test]
    fn every_line_ending_counts_lines_alike() {
        // LF, CRLF, CR alone, and a mix: the same caseload, and an error
        // at the bad row's own line (2,002) in each.
        let lf = table(2_000, "\n") + "1,y,1,CIN,CIN\n";
        let mixed: String = lf
            .split_inclusive('\n')
            .enumerate()
            .map(|(i, l)| match i % 3 {
                0 => l.replace('\n', "\r\n"),
                1 => l.replace('\n', "\r"),
                _ => l.to_string(),
            })
            .collect();
        for text in [
            lf.clone(),
            lf.replace('\n', "\r\n"),
            lf.replace('\n', "\r"),
            mixed,
        ] {
            for (piece, threads) in [(64, 2), (1000, 3)] {
                let (one, many) = both(&text, piece, threads);
                assert_eq!(one, many);
                assert!(one.starts_with("t.csv, line 2002:"), "{one}");
            }
            let good = text.rsplit_once("1,y").map_or(text.as_str(), |(a, _)| a);
            let (one, many) = both(good, 64, 2);
            assert!(one.starts_with("Ok("), "{one}");
            assert_eq!(one, many);
        }
    }

    #[test]
    fn the_first_error_is_the_one_a_single_pass_reports() {
        let mut text = table(3_000, "\n");
        // Two bad rows; the first must win wherever the pieces fall.
        text = text.replacen(",LAC,", ",ADOPTED,", 1);
        text.push_str("1,x,0,CIN,CIN,CIN,1,2016-01\n");
        text.push_str("1,y,1,CIN,CIN\n");
        for (piece, threads) in [(64, 2), (333, 3), (8192, 2)] {
            let (one, many) = both(&text, piece, threads);
            assert!(one.contains("ADOPTED"), "{one}");
            assert_eq!(one, many);
        }
        for eol in ["\n", "\r\n"] {
            let ragged = table(2_000, eol) + "1,y,1,CIN,CIN" + eol;
            let (one, many) = both(&ragged, 128, 2);
            assert_eq!(one, many);
            assert!(
                one.contains("line 2002") && one.contains("the row has 5 fields"),
                "{one}"
            );
        }
    }

    #[test]
    fn a_quote_sends_the_rest_to_one_stream() {
        let text = table(2_000, "\n");
        let quoted = text.replacen("1,7,", "1,\"7\",", 1);
        let (one, many) = both(&quoted, 64, 2);
        assert!(one.starts_with("Ok("));
        assert_eq!(one, many);
        let bad = quoted + "1,\"z\nz\",1,CIN,CIN,ADOPTED,1,2016-01\n";
        let (one, many) = both(&bad, 64, 2);
        // The record starts on line 2002; its quoted id runs onto 2003.
        assert!(
            one.contains("ADOPTED") && one.contains("line 2002"),
            "{one}"
        );
        assert_eq!(one, many);
    }
}
