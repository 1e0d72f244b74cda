//! Stream mode: `{"id", "content"}` lines on stdin, one result line each on stdout, in order.
//!
//! A thread reads lines into chunks of at most [`CHUNK`] lines and [`CHUNK_BYTES`] bytes; each
//! chunk is converted in parallel, written in order and flushed before the next is taken, so memory
//! stays bounded by bytes however long the stream or its lines are, and a consumer such as Spark's
//! `RDD.pipe` sees results while it is still writing input. A line too long to hold a content within
//! `--max-input-bytes` is refused while it is read: only its first bytes are kept, to find its id.

use std::borrow::Cow;
use std::fmt;
use std::io::{BufRead, Write};

use crate::{Format, Metadata, Options, Post, RenderOptions};
use rayon::prelude::*;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::interrupt;
use super::report::{Failure, Reporter};

/// At most this many lines are converted together.
const CHUNK: usize = 256;
/// A chunk takes no more lines once it holds this many bytes.
const CHUNK_BYTES: usize = 8 << 20;
/// What an over-long line keeps of its start, to find its id.
const ID_PREFIX: usize = 64 << 10;
/// JSON may spell one byte of content in at most six (`\u0001`): a line longer than six times
/// the content limit, plus room for the id and the keys, cannot hold a content within it.
const ESCAPE_RATIO: usize = 6;
const LINE_SLACK: usize = 64 << 10;

/// One line of the stream, as read.
enum Line {
    Record {
        n: u64,
        raw: Vec<u8>,
    },
    /// Longer than the line limit; its first bytes, for the id.
    TooLong {
        n: u64,
        prefix: Vec<u8>,
        len: u64,
    },
}

struct Converted {
    line: String,
    bytes_in: u64,
    failure: Option<Failure>,
}

/// Reads the stream's lines, bounded by bytes.
struct Reader<R> {
    input: R,
    line_limit: usize,
    line_no: u64,
}

impl<R: BufRead> Reader<R> {
    /// The next chunk; empty at the end of the stream.
    fn chunk(&mut self) -> std::io::Result<Vec<Line>> {
        let mut lines = Vec::new();
        let mut bytes = 0;
        while lines.len() < CHUNK && bytes < CHUNK_BYTES {
            let Some(line) = self.line()? else {
                break;
            };
            bytes += match &line {
                Line::Record { raw, .. } => raw.len(),
                Line::TooLong { prefix, .. } => prefix.len(),
            };
            lines.push(line);
        }
        Ok(lines)
    }

    /// The next line that is not blank, or `None` at the end of the stream.
    fn line(&mut self) -> std::io::Result<Option<Line>> {
        loop {
            let mut buf = Vec::new();
            let mut len = 0usize;
            let mut over = false;
            loop {
                let available = self.input.fill_buf()?;
                if available.is_empty() {
                    break;
                }
                let (take, end) = match available.iter().position(|&b| b == b'\n') {
                    Some(i) => (i + 1, true),
                    None => (available.len(), false),
                };
                if !over && len.saturating_add(take) > self.line_limit {
                    over = true;
                    buf.truncate(ID_PREFIX);
                    buf.shrink_to_fit();
                }
                let room = if over {
                    ID_PREFIX.saturating_sub(buf.len())
                } else {
                    take
                };
                buf.extend_from_slice(&available[..take.min(room)]);
                len = len.saturating_add(take);
                self.input.consume(take);
                if end {
                    break;
                }
            }
            if len == 0 {
                return Ok(None);
            }
            self.line_no += 1;
            let n = self.line_no;
            if n == 1 {
                // A BOM that an editor or a Windows tool put in front of the stream.
                if let Some(rest) = buf.strip_prefix(b"\xEF\xBB\xBF") {
                    buf = rest.to_vec();
                }
            }
            if over {
                return Ok(Some(Line::TooLong {
                    n,
                    prefix: buf,
                    len: len as u64,
                }));
            }
            // A blank line holds no record: skipped, as JSONL readers do.
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Ok(Some(Line::Record { n, raw: buf }));
        }
    }
}

pub fn run(
    options: &Options,
    render: &RenderOptions,
    format: Format,
    fail_fast: bool,
    reporter: &mut Reporter,
) -> std::io::Result<()> {
    let limit = options.limits.max_input_bytes;
    let line_limit = limit
        .saturating_mul(ESCAPE_RATIO)
        .saturating_add(LINE_SLACK);
    // One chunk read ahead while one is converted: a consumer gets its results as soon as they
    // are ready, and a signal is seen while the reader waits on stdin.
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("tidings-jsonl".into())
        .spawn(move || {
            let mut reader = Reader {
                input: std::io::stdin().lock(),
                line_limit,
                line_no: 0,
            };
            loop {
                let chunk = reader.chunk();
                let last = chunk.as_ref().map_or(true, Vec::is_empty);
                if tx.send(chunk).is_err() || last {
                    break;
                }
            }
        })?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    while let Some(chunk) = interrupt::receive(&rx) {
        let lines = match chunk {
            Ok(lines) if lines.is_empty() => break,
            Ok(lines) => lines,
            Err(e) => {
                reporter.fail(&Failure::io(std::path::Path::new("stdin"), &e));
                break;
            }
        };
        let results: Vec<Converted> = lines
            .par_iter()
            .map(|line| match line {
                Line::Record { n, raw } => convert_line(*n, raw, options, render, format),
                Line::TooLong { n, prefix, len } => {
                    let id = find_id(prefix).unwrap_or(Value::Null);
                    let message = format!(
                        "line {n} is {len} bytes, over {line_limit}: too long to hold a content \
                         within --max-input-bytes {limit}, refused unread"
                    );
                    failed(*n, &id, "input-too-large", message)
                }
            })
            .collect();
        for r in results {
            out.write_all(r.line.as_bytes())?;
            match r.failure {
                Some(f) => {
                    reporter.fail(&f);
                    if fail_fast {
                        out.flush()?;
                        return Ok(());
                    }
                }
                None => {
                    reporter.stats.converted += 1;
                    reporter.stats.bytes_in += r.bytes_in;
                    reporter.stats.bytes_out += r.line.len() as u64;
                }
            }
        }
        out.flush()?;
        if interrupt::interrupted() {
            break;
        }
    }
    Ok(())
}

fn convert_line(
    n: u64,
    raw: &[u8],
    options: &Options,
    render: &RenderOptions,
    format: Format,
) -> Converted {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let record: Value = match serde_json::from_slice(raw) {
        Ok(v) => v,
        Err(e) => return unreadable(n, raw, &e),
    };
    let id = record.get("id").cloned().unwrap_or(Value::Null);
    let Some(content) = record.get("content").and_then(Value::as_str) else {
        return failed(
            n,
            &id,
            "invalid-jsonl",
            "no string \"content\" field".into(),
        );
    };
    let post = match Post::parse_bytes_with(content.as_bytes(), options) {
        Ok(p) => p,
        Err(e) => return failed(n, &id, e.kind(), e.to_string()),
    };
    let line = record_line(
        "id",
        &id,
        format,
        post.render(format, render),
        post.metadata(),
    );
    Converted {
        line,
        bytes_in: content.len() as u64,
        failure: None,
    }
}

/// A line that did not parse: its id if it can still be read, and what was wrong. Bytes that are
/// not UTF-8, and a lone surrogate escape (`\ud800`, which Python's `json.dumps` writes for a
/// string holding one), are text that is not Unicode: `invalid-utf8`, like a file of such bytes.
fn unreadable(n: u64, raw: &[u8], e: &serde_json::Error) -> Converted {
    let id = find_id(raw).unwrap_or(Value::Null);
    if let Err(bad) = std::str::from_utf8(raw) {
        let message = format!("the line is not valid UTF-8 at byte {}", bad.valid_up_to());
        return failed(n, &id, "invalid-utf8", message);
    }
    if let Some(at) = lone_surrogate(raw) {
        let message = format!(
            "the line holds a lone surrogate escape at byte {at} (such as \\ud800 without its \
             pair), which is no character and cannot be UTF-8"
        );
        return failed(n, &id, "invalid-utf8", message);
    }
    failed(n, &id, "invalid-jsonl", format!("not JSON: {e}"))
}

/// Where the first `\uD800`–`\uDFFF` escape without its pair is in a JSON line, if one is.
fn lone_surrogate(raw: &[u8]) -> Option<usize> {
    let hex = |at: usize| -> Option<u32> {
        let digits = raw.get(at..at + 4)?;
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let escape = |at: usize| -> Option<u32> {
        (raw.get(at) == Some(&b'\\') && raw.get(at + 1) == Some(&b'u'))
            .then(|| hex(at + 2))
            .flatten()
    };
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != b'\\' {
            i += 1;
            continue;
        }
        match escape(i) {
            Some(0xD800..=0xDBFF) => {
                if !matches!(escape(i + 6), Some(0xDC00..=0xDFFF)) {
                    return Some(i);
                }
                i += 12;
            }
            Some(0xDC00..=0xDFFF) => return Some(i),
            // another escape: `\\` among them, so that an escaped backslash is never read as
            // the start of one
            _ => i += 2,
        }
    }
    None
}

/// The `id` of a record that cannot be read whole (too long, not UTF-8, a lone surrogate): read
/// from the start of the object, key by key, up to the first value that does not parse.
fn find_id(raw: &[u8]) -> Option<Value> {
    let mut found = None;
    let mut de = serde_json::Deserializer::from_slice(raw);
    // The object's end is never reached in a cut line: the id is kept whatever the outcome.
    let _ = IdSeed(&mut found).deserialize(&mut de);
    found
}

struct IdSeed<'a>(&'a mut Option<Value>);

impl<'de> DeserializeSeed<'de> for IdSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for IdSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "id" {
                *self.0 = Some(map.next_value::<Value>()?);
                return Ok(());
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

fn failed(n: u64, id: &Value, kind: &'static str, message: String) -> Converted {
    let path = if id.is_null() {
        format!("stdin line {n}")
    } else {
        format!("stdin line {n} (id {id})")
    };
    Converted {
        line: failure_line("id", id, kind, &message),
        bytes_in: 0,
        failure: Some(Failure {
            path,
            kind,
            message,
        }),
    }
}

/// One converted input as a JSON line: `{KEY: id, "ok": true, FORMAT: output, "meta": metadata}`,
/// newline included. Built by hand so that the keys come out in the documented order.
pub fn record_line(
    key: &str,
    id: &Value,
    format: Format,
    rendered: String,
    meta: &Metadata,
) -> String {
    let output = match format {
        // The JSON output goes in as the object it is, not as a string holding JSON, and as
        // written: through a serde_json Value its keys would come out sorted, not in the order
        // of the single-file output. The JSON writer writes one line of JSON.
        Format::Json => rendered,
        _ => Value::String(rendered).to_string(),
    };
    format!(
        "{{\"{key}\":{id},\"ok\":true,\"{}\":{output},\"meta\":{}}}\n",
        format.name(),
        serde_json::to_string(meta).unwrap_or_else(|_| "null".into())
    )
}

/// One failed input as a JSON line: `{KEY: id, "ok": false, "error": message, "kind": kind}`,
/// newline included.
pub fn failure_line(key: &str, id: &Value, kind: &str, message: &str) -> String {
    format!(
        "{{\"{key}\":{id},\"ok\":false,\"error\":{},\"kind\":{}}}\n",
        Value::String(message.to_owned()),
        Value::String(kind.to_owned())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(input: &[u8], line_limit: usize) -> Reader<std::io::Cursor<Vec<u8>>> {
        Reader {
            input: std::io::Cursor::new(input.to_vec()),
            line_limit,
            line_no: 0,
        }
    }

    #[test]
    fn over_long_lines_keep_their_start_and_blank_lines_are_skipped() {
        let long = format!("{{\"id\":7,\"content\":\"{}\"}}\n", "x".repeat(100));
        let input = format!("\u{feff}{{\"id\":1}}\n\n \r\n{long}{{\"id\":3}}");
        let mut r = reader(input.as_bytes(), 50);
        let lines = r.chunk().expect("read");
        assert_eq!(lines.len(), 3);
        assert!(matches!(&lines[0], Line::Record { n: 1, raw } if raw == b"{\"id\":1}\n"));
        let Line::TooLong { n, prefix, len } = &lines[1] else {
            panic!("the long line is refused");
        };
        assert_eq!((*n, *len), (4, long.len() as u64));
        assert_eq!(
            prefix.as_slice(),
            long.as_bytes(),
            "under ID_PREFIX, all of it is kept"
        );
        assert_eq!(find_id(prefix), Some(Value::from(7)));
        assert!(matches!(&lines[2], Line::Record { n: 5, raw } if raw == b"{\"id\":3}"));
        assert!(r.chunk().expect("read").is_empty());
    }

    #[test]
    fn chunks_are_bounded_by_bytes() {
        let line = format!("{}\n", "y".repeat(1 << 20));
        let input = line.repeat(20);
        let mut r = reader(input.as_bytes(), usize::MAX);
        let first = r.chunk().expect("read");
        assert_eq!(first.len(), CHUNK_BYTES / (1 << 20));
    }

    #[test]
    fn ids_are_found_before_what_does_not_parse() {
        assert_eq!(
            find_id(b"{\"id\":\"a\",\"content\":\"\\ud800\"}"),
            Some("a".into())
        );
        assert_eq!(
            find_id(b"{\"content\":\"x\",\"id\":[1,2]}"),
            Some(serde_json::json!([1, 2]))
        );
        assert_eq!(
            find_id(b"{\"content\":\"caf\xe9\",\"id\":2}"),
            Some(2.into())
        );
        assert_eq!(find_id(b"{\"content\":\"cut off"), None);
        assert_eq!(find_id(b"[1]"), None);
    }

    #[test]
    fn lone_surrogates_are_told_from_pairs_and_escaped_backslashes() {
        assert_eq!(lone_surrogate(br#""a\ud800b""#), Some(2));
        assert_eq!(lone_surrogate(br#""\udc00""#), Some(1));
        assert_eq!(lone_surrogate(br#""\ud83d\ude00""#), None);
        assert_eq!(lone_surrogate(br#""\\ud800""#), None);
        assert_eq!(lone_surrogate(br#""\\\ud800""#), Some(3));
        assert_eq!(lone_surrogate(br#""\ud800"#), Some(1));
    }
}
