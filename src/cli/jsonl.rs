//! Stream mode: `{"id", "content"}` lines on stdin, one result line each on stdout, in order.
//!
//! Lines are read a chunk at a time, converted in parallel, written in order and flushed before the
//! next chunk is read, so memory stays bounded by one chunk however long the stream is, and a
//! consumer such as Spark's `RDD.pipe` sees results while it is still writing input.

use std::io::{BufRead, Write};

use crate::{Format, Metadata, Options, Post, RenderOptions};
use rayon::prelude::*;
use serde_json::Value;

use super::interrupt;
use super::report::{Failure, Reporter, error_kind};

const CHUNK: usize = 256;

struct Converted {
    line: String,
    bytes_in: u64,
    failure: Option<Failure>,
}

pub fn run(
    options: &Options,
    render: &RenderOptions,
    format: Format,
    fail_fast: bool,
    reporter: &mut Reporter,
) -> std::io::Result<()> {
    let mut input = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut line_no = 0u64;
    loop {
        let mut lines = Vec::with_capacity(CHUNK);
        while lines.len() < CHUNK {
            let mut buf = Vec::new();
            if interrupt::reading_stdin(|| input.read_until(b'\n', &mut buf))? == 0 {
                break;
            }
            line_no += 1;
            lines.push((line_no, buf));
        }
        if lines.is_empty() || interrupt::interrupted() {
            break;
        }
        let results: Vec<Converted> = lines
            .par_iter()
            .map(|(n, raw)| convert_line(*n, raw, options, render, format))
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
        Err(e) => return failed(n, &Value::Null, "invalid-jsonl", format!("not JSON: {e}")),
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
        Err(e) => return failed(n, &id, error_kind(&e), e.to_string()),
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
