//! Hostile shapes: `hostile_shapes [--sizes 1,4,16] [--only SHAPE,...] [--budget SECONDS]
//! [--profile OUTPUT] [--list]`.
//!
//! Generates each shape (in code, deterministically) at each size in MB and, single-threaded, times
//! a bare html5ever parse of the same bytes into rcdom (the floor) and the full pipeline per output.
//! The pipeline is timed as one `Post::parse_with` plus each renderer on that post, so "Markdown"
//! is parse + clean + Markdown, and so on. The smallest size is the linearity baseline: when one
//! run of it takes under two seconds it runs twice and keeps the faster.
//!
//! Times are wall time minus the time the benchmark thread waited for a CPU while other processes
//! ran (`/proc/thread-self/schedstat`), so that preemption on a shared machine does not count as
//! ours; caches and memory bandwidth are still shared, so what to read is less the MB/s than the
//! ratios: pipeline time over parse-only time in the same run, and time per MB at each size over
//! time per MB at the smallest (1.0 = linear).
//! Peak heap is that of one conversion (parse, clean, one renderer) beyond what was live before it,
//! as a multiple of the input, counted by a counting allocator.
//!
//! `--budget` (default 20 s) skips a size after the smallest whose cost, extrapolated from the
//! sizes before it (and from an unprinted probe at half the smallest size), would exceed it; the
//! extrapolation is linear unless the growth seen is clearly faster. A skipped size is printed as
//! such and listed with the findings, never left out silently.
//!
//! `--profile parse_only|markdown|text|json|html|all` runs one conversion per shape and size and
//! prints its time and output sizes, for `valgrind --tool=callgrind` or `perf`.
//!
//! `max_nodes` is raised to 64 million so that the 16 MB tiny-node shapes run the whole pipeline
//! instead of stopping at the default 4 million nodes with `Error::TooManyNodes`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::RcDom;
use tidings::{Limits, Options, Post};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{LIVE, PEAK};

/// Targets from the hardening issue: past these a shape is listed as a finding.
const MAX_SLOWDOWN: f64 = 1.5;
const MIN_MB_PER_S: f64 = 10.0;
const MAX_HEAP_RATIO: f64 = 8.0;

const MB: usize = 1 << 20;

/// One hostile shape: a generator that fills about `bytes` bytes.
struct Shape {
    name: &'static str,
    build: fn(usize) -> String,
}

const SHAPES: &[Shape] = &[
    // Deep nesting: nests 600 deep, one after another, so every nest crosses the depth limit (512)
    // and the parser works near the limit for the whole input.
    shape("deep-div", |n| nests(n, &["<div>"], &["</div>"])),
    shape("deep-blockquote", |n| {
        nests(n, &["<blockquote>"], &["</blockquote>"])
    }),
    shape("deep-ul-li", |n| nests(n, &["<ul><li>"], &["</li></ul>"])),
    shape("deep-ol-li", |n| nests(n, &["<ol><li>"], &["</li></ol>"])),
    shape("deep-table", |n| {
        nests(n, &["<table><tr><td>"], &["</td></tr></table>"])
    }),
    shape("deep-inline", |n| {
        nests(
            n,
            &["<em>", "<strong>", "<a href=\"/n\">", "<span>"],
            &["</span>", "</a>", "</strong>", "</em>"],
        )
    }),
    shape("deep-section-figure", |n| {
        nests(n, &["<section>", "<figure>"], &["</figure>", "</section>"])
    }),
    // One attribute value as long as the input: `head` opens it, the units grow it, `tail` closes it.
    shape("long-title", |n| {
        fill(
            n,
            "<p><a href=\"https://news.example/a\" title=\"",
            "\">link</a></p>",
            |i, s| {
                let _ = write!(s, "word{} ", i % 97);
            },
        )
    }),
    shape("long-href", |n| {
        fill(
            n,
            "<p><a href=\"https://news.example/",
            "\">link</a></p>",
            |i, s| {
                let _ = write!(s, "seg{}/", i % 89);
            },
        )
    }),
    shape("long-src", |n| {
        fill(
            n,
            "<p><img alt=\"x\" src=\"https://img.example/",
            ".jpg\"></p>",
            |i, s| {
                let _ = write!(s, "d{}/", i % 83);
            },
        )
    }),
    shape("long-srcset", |n| {
        fill(n, "<p><img alt=\"x\" srcset=\"", "\"></p>", |i, s| {
            let _ = write!(s, "https://img.example/{i}.jpg {}w, ", i + 1);
        })
    }),
    shape("long-style", |n| {
        fill(n, "<p style=\"", "\">styled</p>", |i, s| {
            let _ = write!(s, "margin-left:{}px;color:red;", i % 101);
        })
    }),
    // Attributes by the thousand.
    shape("attrs-one-element", |n| {
        fill(n, "<p", ">one element</p>", |i, s| {
            let _ = write!(s, " a{i}=\"v\"");
        })
    }),
    shape("attrs-many-elements", |n| {
        fill(n, "", "", |i, s| {
            s.push_str("<p><img src=\"https://img.example/a.jpg\" alt=\"a\"");
            for k in 0..2_000 {
                let _ = write!(s, " data-k{k}=\"{i}\"");
            }
            s.push_str(" class=\"c\" id=\"i\"></p>");
        })
    }),
    // `<body>` again and again, each with attributes of its own: the tree builder adds every new
    // one to the one body element.
    shape("attrs-repeated-body", |n| {
        fill(n, "<p>text</p>", "", |i, s| {
            s.push_str("<body");
            for k in 0..200 {
                let _ = write!(s, " b{i}x{k}=\"v\"");
            }
            s.push('>');
        })
    }),
    // Millions of tiny text nodes, in one paragraph.
    shape("tiny-b-i", |n| {
        fill(n, "<p>", "</p>", |_, s| s.push_str("<b>a</b><i>b</i>"))
    }),
    shape("tiny-comments", |n| {
        fill(n, "<p>", "</p>", |_, s| s.push_str("a<!---->b<!---->"))
    }),
    // Huge tables.
    shape("table-rows", |n| {
        fill(n, "<table>", "</table>", |i, s| {
            let _ = write!(s, "<tr><td>r{i}</td><td>c</td><td>d</td></tr>");
        })
    }),
    shape("table-cells", |n| {
        fill(n, "<table><tr>", "</tr></table>", |i, s| {
            let _ = write!(s, "<td>{i}</td>");
        })
    }),
    shape("table-spans", |n| {
        fill(n, "<table>", "</table>", |i, s| {
            let _ = write!(
                s,
                "<tr><td colspan=\"99999999\" rowspan=\"99999999\">{i}</td><td colspan=\"0\">x</td></tr>"
            );
        })
    }),
    // Many images.
    shape("images-unique", |n| {
        fill(n, "", "", |i, s| {
            let _ = write!(
                s,
                "<p><img src=\"https://img.example/{i}.jpg\" alt=\"image {i}\"></p>"
            );
        })
    }),
    shape("images-repeated", |n| {
        fill(n, "", "", |_, s| {
            s.push_str("<p><img src=\"https://img.example/same.jpg\" alt=\"same\"></p>");
        })
    }),
    shape("images-lazy", |n| {
        fill(n, "", "", |i, s| {
            let _ = write!(
                s,
                "<figure><img class=\"lazyload\" loading=\"lazy\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" \
                 data-src=\"https://img.example/{i}.jpg\" data-srcset=\"https://img.example/{i}-s.jpg 200w, \
                 https://img.example/{i}-l.jpg 800w\"><noscript><img src=\"https://img.example/{i}.jpg\"></noscript>\
                 <figcaption>caption {i}</figcaption></figure>"
            );
        })
    }),
    // Siblings by the thousand that each look at where they stand: images in one paragraph (the
    // twin check looks at the image before), tag links in one paragraph (a tag link stays as text
    // in prose, so the paragraph's words are counted), list items with no list around them (the
    // first of a run opens the list).
    shape("images-one-paragraph", |n| {
        fill(n, "<p>", "</p>", |i, s| {
            let _ = write!(s, "<img src=\"https://img.example/{i}.jpg\" alt=\"\"> ");
        })
    }),
    shape("tag-links", |n| {
        fill(n, "<p>Tags: ", "</p>", |i, s| {
            let _ = write!(s, "<a rel=\"tag\" href=\"/tag/{i}\">topic {i}</a>, ");
        })
    }),
    shape("orphan-items", |n| {
        fill(n, "<div>", "</div>", |i, s| {
            let _ = write!(s, "<li>item {i}</li>");
        })
    }),
    // Entity floods, in one paragraph.
    shape("entities-known", |n| {
        fill(n, "<p>", "</p>", |_, s| {
            s.push_str("&amp;&#x4e2d;&nbsp;&lt;&#20013;&quot;&gt;&copy;")
        })
    }),
    shape("entities-unknown", |n| {
        fill(n, "<p>", "</p>", |_, s| s.push_str("&xyz;&foo &#xzz;&;"))
    }),
    // Breaks and spaces.
    shape("br-run", |n| {
        fill(n, "<p>a", "b</p>", |_, s| s.push_str("<br>"))
    }),
    shape("br-lines", |n| {
        fill(n, "<p>", "</p>", |i, s| {
            let _ = write!(s, "line {i}<br>");
        })
    }),
    shape("br-nbsp-run", |n| {
        fill(n, "<p>a", "b</p>", |_, s| s.push_str("<br>&nbsp;"))
    }),
    shape("nbsp-run", |n| {
        fill(n, "<p>a", "b</p>", |_, s| s.push_str("&nbsp;"))
    }),
    // CJK text without spaces.
    shape("cjk-one-paragraph", |n| {
        fill(n, "<p>", "</p>", |i, s| s.push_str(cjk_run(i)))
    }),
    shape("cjk-many-paragraphs", |n| {
        fill(n, "", "", |i, s| {
            s.push_str("<p>");
            for k in 0..8 {
                s.push_str(cjk_run(i + k));
            }
            s.push_str("</p>");
        })
    }),
    // Links with tracking parameters.
    shape("tracking-links", |n| {
        fill(n, "", "", |i, s| {
            let _ = write!(
                s,
                "<p><a href=\"https://news.example/a/{i}?utm_source=feed&amp;utm_medium=rss&amp;id={i}\
                 &amp;fbclid=IwAR{i}&amp;spm=a.b.c&amp;gclid=x\">link {i}</a> and \
                 <a href=\"/rel/{i}?utm_campaign=c&amp;mc_eid=e\">relative {i}</a></p>"
            );
        })
    }),
    // Short lines that match boilerplate phrases.
    shape("boilerplate-paragraphs", |n| {
        fill(n, "", "", |i, s| {
            let _ = write!(
                s,
                "<p>Advertisement</p><p>Listen to this story</p><p>Paragraph {i} of the article.</p>"
            );
        })
    }),
    shape("boilerplate-br-lines", |n| {
        fill(n, "<p>", "</p>", |i, s| {
            let _ = write!(s, "Advertisement<br>Listen to this story<br>line {i}<br>");
        })
    }),
];

const fn shape(name: &'static str, build: fn(usize) -> String) -> Shape {
    Shape { name, build }
}

/// Every shape is a post: a little front matter, then the body.
const FRONT_MATTER: &str = "---\ntitle: Hostile shape\nfrom: https://news.example/post\n---\n";

/// `head`, then `unit(i)` for i = 0, 1, ... until the post reaches `bytes`, then `tail`.
fn fill(bytes: usize, head: &str, tail: &str, mut unit: impl FnMut(usize, &mut String)) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    s.push_str(FRONT_MATTER);
    s.push_str(head);
    let mut i = 0;
    while s.len() + tail.len() < bytes {
        unit(i, &mut s);
        i += 1;
    }
    s.push_str(tail);
    s
}

/// Nests 600 deep of the `open` tags (cycled), each holding a line of text, one after another.
fn nests(bytes: usize, open: &[&str], close: &[&str]) -> String {
    const DEPTH: usize = 600;
    let mut nest = String::new();
    for k in 0..DEPTH {
        nest.push_str(open[k % open.len()]);
    }
    nest.push_str("deep text");
    for k in (0..DEPTH).rev() {
        nest.push_str(close[close.len() - 1 - k % close.len()]);
    }
    fill(bytes, "", "", |_, s| s.push_str(&nest))
}

/// Runs of about 30 common CJK characters, picked by `i`, with no spaces or punctuation.
fn cjk_run(i: usize) -> &'static str {
    const RUNS: [&str; 4] = [
        "中文新闻报道今天北京时间上午发生了一件重要的事情各方面都表示关注",
        "经济增长速度放缓政府决定采取措施稳定市场预期保障民生和就业岗位",
        "科学家发现新的物种生活在深海之中它们的身体结构与众不同令人惊讶",
        "城市交通拥堵问题日益严重专家建议发展公共交通减少私家车出行次数",
    ];
    RUNS[i % RUNS.len()]
}

/// Timings and peak heap of one input.
#[derive(Clone)]
struct Sample {
    parse_only: Duration,
    parse_only_heap: usize,
    /// `Post::parse_with`: repair, html5ever, arena, clean, model.
    pipeline_parse: Duration,
    /// Markdown, text, JSON, HTML renderers on the parsed post.
    render: [Duration; 4],
    /// Peak heap of `Post::parse_with` alone, beyond what was live before it.
    parse_heap: usize,
    /// Peak heap of parse + each renderer, beyond what was live before the parse.
    heap: [usize; 4],
}

const OUTPUTS: [&str; 4] = ["Markdown", "text", "JSON", "HTML"];
const RENDERERS: [fn(&Post) -> String; 4] = [
    Post::to_markdown,
    Post::to_text,
    Post::to_json,
    Post::to_html,
];

/// Wall time minus the time this thread waited on a run queue while other processes ran (the
/// second field of `/proc/thread-self/schedstat`, in nanoseconds, which the kernel brings up to date
/// whenever the thread is scheduled back in), so that on a shared machine the time others take from
/// it does not count. Plain wall time where that file is missing (not Linux).
/// Both counted from the first call: the thread's wait before it would otherwise exceed the wall
/// time since, and make the clock stand still and then run backwards.
fn clock() -> Duration {
    static START: OnceLock<(Instant, Duration)> = OnceLock::new();
    let waited = || {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse().ok())
            .map_or(Duration::ZERO, Duration::from_nanos)
    };
    let (start, waited_before) = START.get_or_init(|| (Instant::now(), waited()));
    start
        .elapsed()
        .saturating_sub(waited().saturating_sub(*waited_before))
}

/// The floor: html5ever alone into rcdom, on the whole post (front matter and all), as
/// `examples/throughput.rs` does it. Never inlined, so that a profile shows it by name.
#[inline(never)]
fn parse_only(input: &str) {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(input);
    black_box(&dom.document);
}

fn measure(input: &str, opts: &Options) -> Result<Sample, String> {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let t = clock();
    parse_only(input);
    let parse_only = clock().saturating_sub(t);
    let parse_only_heap = PEAK.load(Relaxed) - before;

    PEAK.store(before, Relaxed);
    let t = clock();
    let post = Post::parse_with(input, opts).map_err(|e| e.to_string())?;
    let pipeline_parse = clock().saturating_sub(t);
    let parse_heap = PEAK.load(Relaxed) - before;

    let mut render = [Duration::ZERO; 4];
    let mut heap = [0; 4];
    for (k, r) in RENDERERS.iter().enumerate() {
        PEAK.store(LIVE.load(Relaxed), Relaxed);
        let t = clock();
        black_box(r(&post));
        render[k] = clock().saturating_sub(t);
        heap[k] = parse_heap.max(PEAK.load(Relaxed) - before);
    }
    Ok(Sample {
        parse_only,
        parse_only_heap,
        pipeline_parse,
        render,
        parse_heap,
        heap,
    })
}

/// The faster of two runs when one costs under two seconds, where noise is the largest part of the
/// error; the only run otherwise (heap is the same every run).
fn best_of_two_if_quick(input: &str, opts: &Options) -> Result<Sample, String> {
    let mut best = measure(input, opts)?;
    if best.cost() < 2.0 {
        let s = measure(input, opts)?;
        best.parse_only = best.parse_only.min(s.parse_only);
        best.pipeline_parse = best.pipeline_parse.min(s.pipeline_parse);
        for k in 0..4 {
            best.render[k] = best.render[k].min(s.render[k]);
        }
    }
    Ok(best)
}

impl Sample {
    /// Parse, clean and render output `k`.
    fn output(&self, k: usize) -> Duration {
        self.pipeline_parse + self.render[k]
    }

    fn slowest(&self) -> usize {
        (0..4).max_by_key(|&k| self.output(k)).unwrap_or(0)
    }

    /// What measuring this sample once cost.
    fn cost(&self) -> f64 {
        (self.parse_only + self.pipeline_parse + self.render.iter().sum::<Duration>()).as_secs_f64()
    }
}

struct Args {
    sizes: Vec<f64>,
    only: Option<Vec<String>>,
    budget: f64,
    /// Profiling mode: one conversion of each shape and size with this output only.
    profile: Option<String>,
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => return ExitCode::SUCCESS,
        Err(problem) => return usage(&problem),
    };
    let shapes: Vec<&Shape> = SHAPES
        .iter()
        .filter(|s| {
            args.only
                .as_ref()
                .is_none_or(|o| o.iter().any(|n| n == s.name))
        })
        .collect();
    if shapes.is_empty() {
        return usage("no shape by that name (--list shows them)");
    }
    let opts = Options::new().limits(Limits {
        max_nodes: 64_000_000,
        ..Limits::default()
    });
    match &args.profile {
        Some(output) => profile(&shapes, &args.sizes, output, &opts),
        None => table(&shapes, &args, &opts),
    }
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut a = Args {
        sizes: vec![1.0, 4.0, 16.0],
        only: None,
        budget: 20.0,
        profile: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} takes a value"));
        match flag.as_str() {
            "--sizes" => {
                let v = value()?;
                let mut sizes: Vec<f64> = v
                    .split(',')
                    .map(|n| n.trim().parse().ok().filter(|&n: &f64| n > 0.0))
                    .collect::<Option<_>>()
                    .ok_or("--sizes takes positive MB counts, comma-separated")?;
                sizes.sort_by(f64::total_cmp);
                sizes.dedup();
                a.sizes = sizes;
            }
            "--only" => a.only = Some(value()?.split(',').map(str::to_string).collect()),
            "--budget" => {
                a.budget = value()?
                    .parse()
                    .ok()
                    .filter(|&b: &f64| b > 0.0)
                    .ok_or("--budget takes a positive number of seconds")?
            }
            "--profile" => {
                let v = value()?;
                if !["parse_only", "all"].contains(&v.as_str())
                    && !OUTPUTS.iter().any(|o| o.eq_ignore_ascii_case(&v))
                {
                    return Err(
                        "--profile takes parse_only, markdown, text, json, html or all".into(),
                    );
                }
                a.profile = Some(v);
            }
            "--list" => {
                for s in SHAPES {
                    println!("{}", s.name);
                }
                return Ok(None);
            }
            "-h" | "--help" => {
                usage("");
                return Ok(None);
            }
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok(Some(a))
}

/// One conversion per shape and size, for `valgrind --tool=callgrind` or `perf record`.
fn profile(shapes: &[&Shape], sizes: &[f64], output: &str, opts: &Options) -> ExitCode {
    for shape in shapes {
        for &size in sizes {
            let input = (shape.build)((size * MB as f64) as usize);
            let t = Instant::now();
            if output == "parse_only" || output == "all" {
                parse_only(&input);
            }
            if output != "parse_only" {
                match Post::parse_with(&input, opts) {
                    Ok(post) => {
                        for (name, render) in OUTPUTS.iter().zip(RENDERERS) {
                            if output == "all" || name.eq_ignore_ascii_case(output) {
                                let out = black_box(render(&post));
                                println!("{} {size} MB: {name} is {} bytes", shape.name, out.len());
                            }
                        }
                    }
                    Err(e) => println!("{}: {e}", shape.name),
                }
            }
            println!(
                "{} {size} MB {output}: {:.3} s",
                shape.name,
                t.elapsed().as_secs_f64()
            );
        }
    }
    ExitCode::SUCCESS
}

fn table(shapes: &[&Shape], args: &Args, opts: &Options) -> ExitCode {
    let smallest = args.sizes[0];
    println!(
        "| shape | MB | parse-only MB/s | Markdown MB/s | text MB/s | JSON MB/s | HTML MB/s \
         | Markdown x parse | HTML x parse | time/MB vs {smallest} MB | heap x input | parse heap x input | parse-only heap x input |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let started = Instant::now();
    let mut findings: Vec<String> = Vec::new();
    for shape in shapes {
        // time per MB of the slowest output at the smallest size
        let mut first: Option<f64> = None;
        // (size, cost) of the sizes measured so far, for the budget's extrapolation; a probe at half
        // the smallest size shows a quadratic shape before its second size costs minutes
        let mut costs: Vec<(f64, f64)> = Vec::new();
        let probe = (shape.build)((smallest / 2.0 * MB as f64) as usize);
        if let Ok(s) = measure(&probe, opts) {
            costs.push((smallest / 2.0, s.cost()));
        }
        drop(probe);
        for &size in &args.sizes {
            let predicted = predict(&costs, size).filter(|&p| size > smallest && p > args.budget);
            if let Some(predicted) = predicted {
                println!(
                    "| {} | {size} | skipped: predicted {predicted:.0} s from the smaller sizes, \
                     over --budget {:.0} ||||||||||||",
                    shape.name, args.budget
                );
                findings.push(format!(
                    "{} at {size} MB: skipped, {predicted:.0} s predicted",
                    shape.name
                ));
                continue;
            }
            let input = (shape.build)((size * MB as f64) as usize);
            // the smallest size is the linearity baseline, so noise there matters most
            let sampled = if size == smallest {
                best_of_two_if_quick(&input, opts)
            } else {
                measure(&input, opts)
            };
            let sample = match sampled {
                Ok(s) => s,
                Err(e) => {
                    println!("| {} | {size} | error: {e} ||||||||||||", shape.name);
                    findings.push(format!("{} at {size} MB: {e}", shape.name));
                    continue;
                }
            };
            costs.push((size, sample.cost()));
            let mb = input.len() as f64 / MB as f64;
            let rate = |d: Duration| mb / d.as_secs_f64();
            let slowest = sample.slowest();
            let per_mb = sample.output(slowest).as_secs_f64() / mb;
            let slowdown = per_mb / *first.get_or_insert(per_mb);
            let heap = sample.heap.iter().copied().max().unwrap_or(0) as f64 / input.len() as f64;
            let parse = sample.parse_only.as_secs_f64();
            println!(
                "| {} | {size} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.2} | {:.2} | {:.2} | {:.1} | {:.1} | {:.1} |",
                shape.name,
                rate(sample.parse_only),
                rate(sample.output(0)),
                rate(sample.output(1)),
                rate(sample.output(2)),
                rate(sample.output(3)),
                sample.output(0).as_secs_f64() / parse,
                sample.output(3).as_secs_f64() / parse,
                slowdown,
                heap,
                sample.parse_heap as f64 / input.len() as f64,
                sample.parse_only_heap as f64 / input.len() as f64,
            );
            let mut why = Vec::new();
            if slowdown > MAX_SLOWDOWN {
                why.push(format!("not linear ({slowdown:.2}x time per MB)"));
            }
            let worst_rate = rate(sample.output(slowest));
            if worst_rate < MIN_MB_PER_S {
                why.push(format!("{worst_rate:.1} MB/s ({})", OUTPUTS[slowest]));
            }
            if heap > MAX_HEAP_RATIO {
                let k = (0..4).max_by_key(|&k| sample.heap[k]).unwrap_or(0);
                let at = if sample.heap[k] == sample.parse_heap {
                    "in Post::parse_with"
                } else {
                    OUTPUTS[k]
                };
                why.push(format!("heap {heap:.1}x input ({at})"));
            }
            if !why.is_empty() {
                findings.push(format!("{} at {size} MB: {}", shape.name, why.join(", ")));
            }
        }
    }
    println!(
        "\n(MB/s of parse + clean + that output; x parse: that time over the html5ever-alone time \
         of the same bytes in the same run; time/MB: the slowest output's time per MB over the \
         same at {smallest} MB; heap: peak of one conversion, worst output, over the input size; parse heap: the same for \
         Post::parse_with alone; parse-only heap: html5ever into rcdom alone)"
    );
    println!("total {:.0} s", started.elapsed().as_secs_f64());
    if findings.is_empty() {
        println!(
            "every shape linear within {MAX_SLOWDOWN}x, at least {MIN_MB_PER_S} MB/s, heap within \
             {MAX_HEAP_RATIO}x"
        );
    } else {
        println!(
            "\nover the targets (linear within {MAX_SLOWDOWN}x, {MIN_MB_PER_S} MB/s, {MAX_HEAP_RATIO}x heap):"
        );
        for f in &findings {
            println!("  {f}");
        }
    }
    ExitCode::SUCCESS
}

/// Seconds measuring `size` would cost, from the sizes measured before: linear from the last one,
/// unless the last two grew clearly faster than linearly (timing noise alone stays under 1.5).
fn predict(costs: &[(f64, f64)], size: f64) -> Option<f64> {
    let &(s1, t1) = costs.last()?;
    let exponent = match costs {
        [.., (s0, t0), _] if *t0 > 0.0 && t1 > *t0 => (t1 / t0).ln() / (s1 / s0).ln(),
        _ => 1.0,
    };
    let exponent = if exponent > 1.5 { exponent } else { 1.0 };
    Some(t1 * (size / s1).powf(exponent))
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("{problem}");
    }
    eprintln!(
        "usage: hostile_shapes [--sizes 1,4,16] [--only SHAPE,...] [--budget SECONDS] \
         [--profile parse_only|markdown|text|json|html|all] [--list]"
    );
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
