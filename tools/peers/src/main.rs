//! tidings' Markdown side by side with htmd and mdka in one process:
//! `tidings-peers [DIR] [--rounds N] [--only NAME]`.
//!
//! Loads every file under DIR (default `../../../shared/corpus/posts`, the corpus beside the
//! repository) into memory, then runs N rounds (default 5); each round runs every converter over
//! every file, in an order that rotates from round to round, and adds up the thread's CPU time
//! (`/proc/thread-self/schedstat`) per converter. The floor is html5ever 0.40 parsing into RcDom;
//! every figure is that floor's time over the converter's, so 1.0 is "as fast as the parse alone".
//! Every converter gets the whole file, front matter included, as `examples/throughput` does.
//! `--only NAME` runs one converter once over the corpus, for instruction counts under callgrind.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::RcDom;

type Convert = fn(&str) -> usize;

fn floor(input: &str) -> usize {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(input);
    black_box(&dom.document);
    input.len()
}

fn tidings_md(input: &str) -> usize {
    tidings::Post::parse(input).map_or(0, |p| p.to_markdown().len())
}

fn htmd(input: &str) -> usize {
    htmd::convert(input).map_or(0, |s| s.len())
}

fn mdka(input: &str) -> usize {
    mdka::html_to_markdown(input).len()
}

const CONVERTERS: [(&str, Convert); 4] = [
    ("floor", floor),
    ("tidings-md", tidings_md),
    ("htmd", htmd),
    ("mdka", mdka),
];

/// This thread's CPU time so far, in nanoseconds (the first field of schedstat).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn load(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            load(&p, out);
        } else if let Ok(s) = std::fs::read_to_string(&p) {
            out.push(s);
        }
    }
}

fn main() -> ExitCode {
    let mut dir = PathBuf::from("../../../shared/corpus/posts");
    let mut rounds = 5usize;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => rounds = n,
                _ => {
                    eprintln!("--rounds takes a positive number");
                    return ExitCode::from(2);
                }
            },
            "--only" => only = args.next(),
            _ if a.starts_with('-') => {
                eprintln!("usage: tidings-peers [DIR] [--rounds N] [--only NAME]");
                return ExitCode::from(2);
            }
            _ => dir = PathBuf::from(a),
        }
    }
    let mut docs = Vec::new();
    load(&dir, &mut docs);
    if docs.is_empty() {
        println!("no corpus at {}: nothing to measure", dir.display());
        return ExitCode::SUCCESS;
    }
    if let Some(name) = only {
        let Some((_, run)) = CONVERTERS.iter().find(|(n, _)| *n == name) else {
            eprintln!("--only takes floor, tidings-md, htmd or mdka");
            return ExitCode::from(2);
        };
        let out: usize = docs.iter().map(|d| run(black_box(d))).sum();
        println!("{name}: {} documents, {out} bytes out", docs.len());
        return ExitCode::SUCCESS;
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "{} documents, {:.2} MB; {rounds} rounds, order rotating",
        docs.len(),
        bytes as f64 / 1e6
    );
    let mut spent = [0u64; CONVERTERS.len()];
    for round in 0..rounds {
        for k in 0..CONVERTERS.len() {
            let c = (k + round) % CONVERTERS.len();
            let run = CONVERTERS[c].1;
            let start = thread_cpu_ns();
            for d in &docs {
                black_box(run(black_box(d)));
            }
            spent[c] += thread_cpu_ns() - start;
        }
    }
    let floor_ns = spent[0] as f64;
    println!("\n{:<11} {:>10} {:>9}", "converter", "CPU s", "x floor");
    for (k, (name, _)) in CONVERTERS.iter().enumerate() {
        println!(
            "{:<11} {:>10.3} {:>9.3}",
            name,
            spent[k] as f64 / 1e9,
            floor_ns / spent[k] as f64
        );
    }
    println!(
        "(x floor: html5ever's parse into RcDom over the converter's CPU time; higher is faster)"
    );
    ExitCode::SUCCESS
}
