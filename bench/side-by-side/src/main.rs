//! tidings beside other HTML-to-Markdown/text converters, in one process:
//! `side-by-side [DIR] [--rounds N] [--only NAME,NAME] [--dump OUTDIR]`.
//!
//! Loads every file under DIR (default `../shared/corpus/posts`; a folder holding `*/source.html`,
//! as `../shared/pages/readability` does, gives those files only) into memory, then runs N
//! interleaved rounds (default 7): each round runs every converter over the whole set, in an order
//! rotated by one from the round before, and times each converter's pass with the thread's CPU
//! clock, so that another process taking the core does not count. Each converter's speed is read as
//! its throughput against the floor's in the same round: html5ever 0.40 parsing into
//! `markup5ever_rcdom::RcDom`, the step every DOM-based converter here starts with.
//!
//! tidings gets each file whole, as its users hand it a post (Jekyll front matter and all); the
//! other converters get it with the front matter cut off, since they would take it for text. Both
//! are counted in MB of what each converter was given.

use std::hint::black_box;
use std::io::IsTerminal;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::RcDom;
use tidings::Post;

/// One input: the file as read (decoded to UTF-8) and where its body starts after front matter.
struct Input {
    path: PathBuf,
    whole: String,
    body_at: usize,
}

impl Input {
    fn body(&self) -> &str {
        &self.whole[self.body_at..]
    }
}

/// What a converter made of one input: its output, or the error it returned.
type Outcome = Result<String, String>;

struct Converter {
    name: &'static str,
    /// The floor: a parse with no output to check.
    floor: bool,
    /// Gets the file whole (tidings), not its body after the front matter (the peers).
    whole: bool,
    run: fn(&str) -> Outcome,
}

/// The dev corpus, beside tidings' root, as examples/throughput reads it.
const DEFAULT_DIR: &str = "../shared/corpus/posts";

/// html2text's line width: a terminal's, as it is mostly used. It draws rules and table borders
/// across the whole width, so a width meant as "no wrapping" (10,000) multiplies its output.
const WIDTH: usize = 80;

const CONVERTERS: &[Converter] = &[
    Converter {
        name: "floor",
        floor: true,
        whole: true,
        run: |s| {
            let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(s);
            black_box(&dom.document);
            Ok(String::new())
        },
    },
    Converter {
        name: "tidings-md",
        floor: false,
        whole: true,
        run: |s| tidings(s, Post::to_markdown),
    },
    Converter {
        name: "tidings-text",
        floor: false,
        whole: true,
        run: |s| tidings(s, Post::to_text),
    },
    Converter {
        name: "tidings-json",
        floor: false,
        whole: true,
        run: |s| tidings(s, Post::to_json),
    },
    Converter {
        name: "tidings-html",
        floor: false,
        whole: true,
        run: |s| tidings(s, Post::to_html),
    },
    Converter {
        name: "htmd",
        floor: false,
        whole: false,
        run: |s| htmd::convert(s).map_err(|e| e.to_string()),
    },
    Converter {
        name: "htmd-skip",
        floor: false,
        whole: false,
        // As htmd's README shows it: script and style left out, which its default keeps as text.
        run: |s| HTMD_SKIP.with(|h| h.convert(s)).map_err(|e| e.to_string()),
    },
    Converter {
        name: "mdka",
        floor: false,
        whole: false,
        run: |s| Ok(mdka::html_to_markdown(s)),
    },
    Converter {
        name: "html2text",
        floor: false,
        whole: false,
        run: |s| html2text::from_read(s.as_bytes(), WIDTH).map_err(|e| e.to_string()),
    },
    Converter {
        name: "html-to-markdown-rs",
        floor: false,
        whole: false,
        run: |s| {
            html_to_markdown_rs::convert(s, None)
                .map(|r| r.content.unwrap_or_default())
                .map_err(|e| e.to_string())
        },
    },
];

fn tidings(input: &str, render: fn(&Post) -> String) -> Outcome {
    Post::parse(input)
        .map(|post| render(&post))
        .map_err(|e| e.to_string())
}

thread_local! {
    /// Built once: a converter holds its handlers behind `Rc`, so one per thread.
    static HTMD_SKIP: htmd::HtmlToMarkdown = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec!["script", "style"])
        .build();
}

/// The message of the last panic caught, kept by the hook instead of printed per input.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// How one converter fared over the set in the untimed check pass.
#[derive(Default)]
struct Check {
    empty: usize,
    errors: usize,
    panics: usize,
    out_bytes: usize,
    /// Words kept: each run of ASCII letters, and each letter outside ASCII (a CJK character is a
    /// word's worth of text), whatever the markup around them.
    words: usize,
    first_problem: Option<String>,
    /// The first few files with an empty output, to look at.
    empty_files: Vec<String>,
}

fn main() -> ExitCode {
    let mut dir = PathBuf::from(DEFAULT_DIR);
    let mut rounds = 7usize;
    let mut only: Option<Vec<String>> = None;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => rounds = n,
                _ => return usage("--rounds takes a positive number"),
            },
            "--only" => match args.next() {
                Some(list) => only = Some(list.split(',').map(str::to_owned).collect()),
                None => return usage("--only takes a comma-separated list of names"),
            },
            "--dump" => match args.next() {
                Some(d) => dump = Some(PathBuf::from(d)),
                None => return usage("--dump takes a folder"),
            },
            "-h" | "--help" => return usage(""),
            _ if a.starts_with('-') => return usage(&format!("unknown flag {a}")),
            _ => dir = PathBuf::from(a),
        }
    }
    let converters: Vec<&Converter> = CONVERTERS
        .iter()
        .filter(|c| c.floor || only.as_ref().is_none_or(|o| o.iter().any(|n| n == c.name)))
        .collect();
    if let Some(o) = &only
        && let Some(bad) = o
            .iter()
            .find(|n| !CONVERTERS.iter().any(|c| c.name == n.as_str()))
    {
        return usage(&format!("no converter named {bad}"));
    }
    if dir.as_os_str() == DEFAULT_DIR && !dir.is_dir() {
        // run from this crate's folder rather than tidings' root
        let beside = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(DEFAULT_DIR);
        dir = beside.canonicalize().unwrap_or(beside);
    }
    if !dir.is_dir() {
        println!("no folder at {}: nothing to measure", dir.display());
        return ExitCode::SUCCESS;
    }
    let (inputs, unreadable) = load(&dir);
    if inputs.is_empty() {
        println!("no readable files under {}", dir.display());
        return ExitCode::SUCCESS;
    }
    let whole_bytes: usize = inputs.iter().map(|i| i.whole.len()).sum();
    let body_bytes: usize = inputs.iter().map(|i| i.body().len()).sum();
    let with_front_matter = inputs.iter().filter(|i| i.body_at > 0).count();
    println!(
        "{}: {} files ({} unreadable, skipped), {:.2} MB whole, largest {} bytes; {} rounds",
        dir.display(),
        inputs.len(),
        unreadable,
        mb(whole_bytes),
        inputs.iter().map(|i| i.whole.len()).max().unwrap_or(0),
        rounds
    );
    println!(
        "tidings and the floor get each file whole; the others get it without its front matter \
         ({} files had some; {:.2} MB left)",
        with_front_matter,
        mb(body_bytes)
    );
    println!(
        "versions: html5ever 0.40 (floor, tidings), htmd 0.5.6, mdka 3.3.0, html2text 0.17.4 \
         (width {WIDTH}), html-to-markdown-rs 3.19.1"
    );

    panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{what}{at}"));
        }
    }));

    if let Some(d) = &dump {
        let list: String = inputs
            .iter()
            .enumerate()
            .map(|(n, i)| format!("{n:04}\t{}\n", i.path.display()))
            .collect();
        if std::fs::create_dir_all(d).is_ok() {
            let _ = std::fs::write(d.join("inputs.tsv"), list);
        }
        println!("outputs written under {}", d.display());
    }
    // Untimed check pass (and warm-up): does every converter make something of most inputs?
    let checks: Vec<Check> = converters
        .iter()
        .map(|c| check(c, &inputs, dump.as_deref()))
        .collect();

    let progress = std::io::stderr().is_terminal();
    // secs[k][r]: converter k's CPU seconds over the whole set in round r
    let mut secs = vec![vec![0.0f64; rounds]; converters.len()];
    #[allow(clippy::needless_range_loop)] // r picks the order and the column
    for r in 0..rounds {
        for step in 0..converters.len() {
            let k = (step + r) % converters.len();
            let c = converters[k];
            let start = thread_cpu();
            for i in &inputs {
                let input = if c.whole { i.whole.as_str() } else { i.body() };
                let _ = black_box(panic::catch_unwind(AssertUnwindSafe(|| {
                    (c.run)(black_box(input))
                })));
            }
            secs[k][r] = thread_cpu() - start;
        }
        if progress {
            eprint!("round {}/{} done\r", r + 1, rounds);
        }
    }
    if progress {
        eprintln!();
    }
    // from here on a panic is this program's own, and says so as usual
    drop(panic::take_hook());

    let bytes_of = |c: &Converter| if c.whole { whole_bytes } else { body_bytes };
    let floor_mbs: Vec<f64> = secs[0].iter().map(|s| mb(whole_bytes) / s).collect();
    println!(
        "\n{:<20} {:>9} {:>8} {:>8} {:>13}   {:>6} {:>6} {:>6} {:>9} {:>9} {:>10}",
        "converter",
        "median s",
        "MB/s",
        "x floor",
        "spread",
        "empty",
        "errors",
        "panics",
        "out MB",
        "out/in",
        "words"
    );
    for (k, c) in converters.iter().enumerate() {
        let bytes = bytes_of(c);
        let ratios: Vec<f64> = secs[k]
            .iter()
            .zip(&floor_mbs)
            .map(|(s, f)| (mb(bytes) / s) / f)
            .collect();
        let median_s = median(&secs[k]);
        let (lo, hi) = ratios
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        let ch = &checks[k];
        let (empty, errors, panics, out, per_in, words) = if c.floor {
            let dash = || "-".to_string();
            (dash(), dash(), dash(), dash(), dash(), dash())
        } else {
            (
                ch.empty.to_string(),
                ch.errors.to_string(),
                ch.panics.to_string(),
                format!("{:.2}", mb(ch.out_bytes)),
                format!("{:.3}", ch.out_bytes as f64 / bytes as f64),
                ch.words.to_string(),
            )
        };
        println!(
            "{:<20} {:>9.3} {:>8.2} {:>8.3} {:>13}   {:>6} {:>6} {:>6} {:>9} {:>9} {:>10}",
            c.name,
            median_s,
            mb(bytes) / median_s,
            median(&ratios),
            format!("{lo:.3}-{hi:.3}"),
            empty,
            errors,
            panics,
            out,
            per_in,
            words
        );
    }
    println!(
        "\n(thread CPU time per pass over all {} files; x floor: the median over rounds of the \
         converter's MB/s over the floor's in the same round, 1.0 = as fast as html5ever into \
         RcDom; spread: lowest-highest of those ratios; empty/errors/panics: files, from an \
         untimed pass; out/in: output bytes over input bytes; words: runs of ASCII letters plus \
         non-ASCII letters in the outputs, link targets included)",
        inputs.len()
    );
    for (c, ch) in converters.iter().zip(&checks) {
        if let Some(p) = &ch.first_problem {
            println!("{}: first problem: {p}", c.name);
        }
        if !ch.empty_files.is_empty() {
            println!(
                "{}: empty output for {} files, among them {}",
                c.name,
                ch.empty,
                ch.empty_files.join(", ")
            );
        }
        if !c.floor && (ch.empty + ch.errors + ch.panics) * 10 > inputs.len() {
            println!(
                "{}: WARNING: no output for over 10% of the files; its speed is not comparable",
                c.name
            );
        }
    }
    ExitCode::SUCCESS
}

/// Runs `c` once over every input, counting what came out; with `dump`, writes each output to
/// `dump/<converter>/<n>.out` (n: the input's place in the sorted list, as printed by `--dump`).
fn check(c: &Converter, inputs: &[Input], dump: Option<&Path>) -> Check {
    let mut ch = Check::default();
    let folder = dump.filter(|_| !c.floor).map(|d| d.join(c.name));
    if let Some(f) = &folder
        && let Err(e) = std::fs::create_dir_all(f)
    {
        eprintln!("cannot create {}: {e}", f.display());
    }
    for (n, i) in inputs.iter().enumerate() {
        let input = if c.whole { i.whole.as_str() } else { i.body() };
        match panic::catch_unwind(AssertUnwindSafe(|| (c.run)(input))) {
            Ok(Ok(out)) => {
                if let Some(f) = &folder {
                    let _ = std::fs::write(f.join(format!("{n:04}.out")), &out);
                }
                if !c.floor && out.trim().is_empty() {
                    ch.empty += 1;
                    if ch.empty_files.len() < 3 {
                        ch.empty_files.push(i.path.display().to_string());
                    }
                }
                ch.out_bytes += out.len();
                ch.words += words(&out);
            }
            Ok(Err(e)) => {
                ch.errors += 1;
                ch.first_problem.get_or_insert(format!("error: {e}"));
            }
            Err(_) => {
                ch.panics += 1;
                let msg = LAST_PANIC.lock().ok().and_then(|mut l| l.take());
                ch.first_problem
                    .get_or_insert(format!("panic: {}", msg.unwrap_or_default()));
            }
        }
    }
    ch
}

/// Runs of ASCII letters, plus letters outside ASCII one by one.
fn words(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            n += usize::from(!in_word);
            in_word = true;
        } else {
            in_word = false;
            n += usize::from(!c.is_ascii() && c.is_alphabetic());
        }
    }
    n
}

/// The calling thread's CPU time in seconds (user and system).
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts is a valid, writable timespec; the clock id is a constant the libc knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Every file under `dir`, or only the `source.html` files where the folder holds pages; decoded
/// as tidings decodes bytes (UTF-8, or a page's declared or detected encoding), so that every
/// converter gets the same text. Returns the inputs and how many files could not be read.
fn load(dir: &Path) -> (Vec<Input>, usize) {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    if files
        .iter()
        .any(|p| p.file_name().is_some_and(|n| n == "source.html"))
    {
        files.retain(|p| p.file_name().is_some_and(|n| n == "source.html"));
    }
    let options = tidings::Options::default();
    let mut unreadable = 0;
    let mut inputs = Vec::new();
    for p in files {
        let text = std::fs::read(&p)
            .ok()
            .and_then(|b| tidings::decode(&b, &options).ok());
        match text {
            Some(d) => {
                let body_at = front_matter_end(&d.text);
                inputs.push(Input {
                    path: p,
                    whole: d.text,
                    body_at,
                });
            }
            None => unreadable += 1,
        }
    }
    (inputs, unreadable)
}

/// Where the body starts after Jekyll front matter (a first line `---` up to the next line
/// `---`); 0 where there is none, or it never ends.
fn front_matter_end(s: &str) -> usize {
    let Some(rest) = s
        .strip_prefix("---\n")
        .or_else(|| s.strip_prefix("---\r\n"))
    else {
        return 0;
    };
    let mut at = s.len() - rest.len();
    for line in rest.split_inclusive('\n') {
        at += line.len();
        if line.trim_end() == "---" {
            return at;
        }
    }
    0
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

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("{problem}");
    }
    eprintln!("usage: side-by-side [DIR] [--rounds N] [--only NAME,NAME] [--dump OUTDIR]");
    eprintln!(
        "names: {}",
        CONVERTERS
            .iter()
            .filter(|c| !c.floor)
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(", ")
    );
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
