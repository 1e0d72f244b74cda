//! Corpus throughput: `throughput [DIR] [--rounds N] [--only FORMAT] [--no-memory]`.
//!
//! Loads every file under DIR (default `../shared/corpus/posts`) into memory, then, single-threaded,
//! runs N rounds (default 3) of a bare html5ever parse of each file (the floor) and of the full
//! pipeline per output. Absolute speeds on a shared machine drift, so what to read is the ratio of
//! each output to the parse-only pass of the same run.
//!
//! Memory is reported two ways: the process's peak RSS (VmHWM), and, through a counting allocator,
//! the peak heap one conversion takes beyond what was live before it, against the size of its input,
//! which is what issue 11's "peak RSS growth <= 12x the input" is about (the loaded corpus is not the post's).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::RcDom;
use tidings::Post;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{LIVE, PEAK};

type Run = fn(&str) -> usize;

/// The floor: html5ever alone into rcdom, on the whole file (front matter and all).
fn parse_only(input: &str) -> usize {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(input);
    black_box(&dom.document);
    input.len()
}

fn pipeline(input: &str, render: fn(&Post) -> String) -> usize {
    match Post::parse(input) {
        Ok(post) => black_box(render(&post)).len(),
        Err(_) => 0,
    }
}

const RUNS: [(&str, Run); 5] = [
    ("parse_only", parse_only),
    ("markdown", |s| pipeline(s, Post::to_markdown)),
    ("text", |s| pipeline(s, Post::to_text)),
    ("json", |s| pipeline(s, Post::to_json)),
    ("html", |s| pipeline(s, Post::to_html)),
];

fn main() -> ExitCode {
    let mut dir = PathBuf::from("../shared/corpus/posts");
    let mut rounds = 3usize;
    let mut only: Option<String> = None;
    let mut memory = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => rounds = n,
                _ => return usage("--rounds takes a positive number"),
            },
            "--only" => only = args.next(),
            "--no-memory" => memory = false,
            "-h" | "--help" => return usage(""),
            _ if a.starts_with('-') => return usage(&format!("unknown flag {a}")),
            _ => dir = PathBuf::from(a),
        }
    }
    if !dir.is_dir() {
        println!("no corpus at {}: nothing to measure", dir.display());
        return ExitCode::SUCCESS;
    }
    let loaded = load(&dir);
    let (largest_path, largest) = loaded
        .iter()
        .map(|(p, s)| (p.display().to_string(), s.len()))
        .max_by_key(|(_, n)| *n)
        .unwrap_or_default();
    let docs: Vec<String> = loaded.into_iter().map(|(_, s)| s).collect();
    if docs.is_empty() {
        println!("no readable UTF-8 files under {}", dir.display());
        return ExitCode::SUCCESS;
    }
    let runs: Vec<(&str, Run)> = RUNS
        .iter()
        .copied()
        .filter(|(n, _)| only.as_deref().is_none_or(|o| o == *n))
        .collect();
    if runs.is_empty() {
        return usage("--only takes parse_only, markdown, text, json or html");
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "{} documents, {:.2} MB, largest {} bytes; {} rounds",
        docs.len(),
        mb(bytes),
        largest,
        rounds
    );
    let rss_loaded = status_kb("VmRSS");

    let mut spent = vec![Duration::ZERO; runs.len()];
    let mut rss_rounds = Vec::new();
    for _ in 0..rounds {
        for (k, (_, run)) in runs.iter().enumerate() {
            let t = Instant::now();
            for d in &docs {
                black_box(run(black_box(d)));
            }
            spent[k] += t.elapsed();
        }
        rss_rounds.push(status_kb("VmRSS"));
    }

    let base = runs
        .iter()
        .position(|(n, _)| *n == "parse_only")
        .map(|k| spent[k]);
    println!(
        "\n{:<11} {:>6} {:>8} {:>8} {:>8} {:>9} {:>11}",
        "format", "docs", "MB", "seconds", "MB/s", "docs/s", "x parse"
    );
    for (k, (name, _)) in runs.iter().enumerate() {
        let n = docs.len() * rounds;
        let s = spent[k].as_secs_f64();
        let ratio = base.map_or("-".to_string(), |b| format!("{:.3}", b.as_secs_f64() / s));
        println!(
            "{:<11} {:>6} {:>8.2} {:>8.3} {:>8.2} {:>9.0} {:>11}",
            name,
            n,
            mb(bytes * rounds),
            s,
            mb(bytes * rounds) / s,
            n as f64 / s,
            ratio
        );
    }
    println!(
        "(x parse: throughput relative to parse_only in this run; 1.0 = as fast as html5ever alone)"
    );

    println!("\nmemory");
    println!("  largest input           {largest} bytes ({largest_path})");
    println!("  RSS after loading       {} KB", rss_loaded);
    println!("  peak RSS (VmHWM)        {} KB", status_kb("VmHWM"));
    println!(
        "  RSS after each round    {} KB",
        rss_rounds
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (lo, hi) = (
        rss_rounds.iter().min().copied().unwrap_or(0),
        rss_rounds.iter().max().copied().unwrap_or(0),
    );
    println!(
        "  round-to-round spread   {} KB ({})",
        hi - lo,
        if rss_rounds.len() < 2 {
            "one round: run --rounds 2 or more"
        } else if rss_rounds.last() <= rss_rounds.first() || (hi - lo) * 20 <= hi {
            "flat: nothing accumulates across rounds"
        } else {
            "growing: check for leaks"
        }
    );
    if !memory {
        return ExitCode::SUCCESS;
    }
    println!(
        "  peak heap of one conversion beyond what was live before it (inputs over 10% of the largest):"
    );
    for (name, run) in &runs {
        let mut worst = (0.0f64, 0usize, 0usize);
        let mut at_largest = 0usize;
        for d in &docs {
            let extra = peak_extra(|| {
                black_box(run(d));
            });
            let ratio = extra as f64 / d.len() as f64;
            // tiny posts are dominated by fixed costs, which the per-size target is not about
            if d.len() * 10 >= largest && ratio > worst.0 {
                worst = (ratio, extra, d.len());
            }
            if d.len() == largest {
                at_largest = at_largest.max(extra);
            }
        }
        println!(
            "  {:<11} largest input {:>9} bytes = {:>5.1}x its size; worst {:.1}x ({} bytes for a {}-byte input)",
            name,
            at_largest,
            at_largest as f64 / largest as f64,
            worst.0,
            worst.1,
            worst.2
        );
    }
    ExitCode::SUCCESS
}

/// Peak heap allocated while `f` runs, beyond what was live when it started.
fn peak_extra(f: impl FnOnce()) -> usize {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    f();
    PEAK.load(Relaxed) - before
}

fn load(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|s| (p, s)))
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// A `kB` field of /proc/self/status; 0 where there is none (not Linux).
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field)?.strip_prefix(':').map(str::to_owned))
        })
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("{problem}");
    }
    eprintln!(
        "usage: throughput [DIR] [--rounds N] [--only parse_only|markdown|text|json|html] [--no-memory]"
    );
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
