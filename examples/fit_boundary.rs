//! Fits the boundary model's weights (`article: boundary:` in `src/clean/builtin-rules.yaml`) and says how
//! well they carry to outlets the fit never saw.
//!
//! ```sh
//! cargo run --release --example fit_boundary                 # fit, report, print the YAML
//! cargo run --release --example fit_boundary -- --write      # ... and write it into the rule data
//! cargo run --release --example fit_boundary -- --shared DIR --margin 1.0 --lambda 1.0
//! cargo run --release --example fit_boundary -- --without outlet_after_core   # an ablation
//! ```
//!
//! Blocks are labelled from three sources in `../shared`, each block as the cleaner leaves it
//! before the boundary pass (the built-in rules without their `article: boundary:`):
//! - the dev posts with hand-judged gold (`corpus/gold.jsonl`): a block holding a `keep` snippet is
//!   content, one holding a `drop` snippet is junk;
//! - the whole pages of `pages/readability`: a block whose word shingles are mostly in the
//!   reference extraction is content, one whose shingles mostly are not is junk;
//! - the pages of `pages/trafeval`: a block holding a must-keep snippet is content, one holding a
//!   must-drop snippet is junk.
//!
//! A logistic regression (Newton's method, L2 penalty, features standardised) is fitted on them,
//! each source weighing the same and each document's blocks weighing as one square root of their
//! count. Then **leave-one-outlet-out**: for every outlet (a post's first tag, a page's host), the
//! weights are fitted on every other outlet and the left-out outlet's documents are cut by them;
//! the figures below are scored on those cuts only, with the measure of each source (gold keep and
//! drop; shingle precision and recall; snippet precision and recall). They are what to expect on
//! outlets never seen. The weights written are the fit on everything.

// matrix code reads as the formulas it implements: indices, not iterator chains
#![allow(clippy::needless_range_loop)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use tidings::boundary::{self, FEATURES, Measure, Model, N};
use tidings::{Options, Post, Rules};

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
enum Source {
    Posts,
    Readability,
    Trafeval,
}

/// Blocks as the boundary pass scores them: features and measure.
type Scored = Vec<([f64; N], Measure)>;

/// One document: its blocks' features and texts, labels where known, and what scores it.
struct Doc {
    source: Source,
    outlet: String,
    blocks: Scored,
    texts: Vec<String>,
    labels: Vec<Option<bool>>,
    keep: Vec<String>,
    drop: Vec<String>,
    /// The reference text (readability pages).
    reference: String,
    /// The input, converted again with each fold's weights to score the whole pipeline.
    bytes: Vec<u8>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let shared = PathBuf::from(value("--shared").unwrap_or_else(|| "../shared".into()));
    let lambda: f64 = value("--lambda").map_or(1.0, |v| v.parse().expect("--lambda NUMBER"));
    let margins: Vec<f64> = value("--margins").map_or_else(
        || vec![0.0, 0.5, 1.0, 1.5, 2.0],
        |v| {
            v.split(',')
                .map(|m| m.parse().expect("--margins A,B"))
                .collect()
        },
    );
    let margin: f64 = value("--margin").map_or(1.0, |v| v.parse().expect("--margin NUMBER"));
    let sures: Vec<f64> = value("--sures").map_or_else(
        || vec![1.5],
        |v| {
            v.split(',')
                .map(|m| m.parse().expect("--sures A,B"))
                .collect()
        },
    );
    let sure: f64 = value("--sure").map_or(1.5, |v| v.parse().expect("--sure NUMBER"));
    if let Some(file) = value("--explain") {
        explain(Path::new(&file), args.iter().any(|a| a == "--features"));
        return;
    }
    if !shared.join("corpus").is_dir() {
        eprintln!(
            "fit_boundary: no corpus under {} (give --shared DIR)",
            shared.display()
        );
        std::process::exit(2);
    }
    let rules = Rules::builtin().without_boundary();
    let options = Options::new().rules(rules);
    let mut docs = Vec::new();
    docs.extend(posts(&shared, &options));
    docs.extend(readability(&shared, &options));
    docs.extend(trafeval(&shared, &options));
    // an ablation: the features named weigh nothing, to see what each adds left out
    if let Some(names) = value("--without") {
        for name in names.split(',') {
            let j = FEATURES
                .iter()
                .position(|f| *f == name)
                .unwrap_or_else(|| panic!("--without: no feature `{name}`"));
            for doc in &mut docs {
                for (f, _) in &mut doc.blocks {
                    f[j] = 0.0;
                }
            }
        }
    }
    let labelled: usize = docs.iter().map(|d| d.labels.iter().flatten().count()).sum();
    eprintln!(
        "{} documents, {} blocks labelled ({} content)",
        docs.len(),
        labelled,
        docs.iter()
            .flat_map(|d| d.labels.iter().flatten())
            .filter(|l| **l)
            .count()
    );

    let all: Vec<usize> = (0..docs.len()).collect();
    let fit_all = fit(&docs, &all, lambda);
    let model_of = |w: &Fit, m: f64, sure: f64| Model {
        bias: w.bias,
        weights: w.weights,
        margin: m,
        max_trim_share: 0.5,
        min_chars: 200,
        sure,
    };
    // outlets: each is left out once (pages' hosts are many: ten folds of whole hosts)
    let mut folds: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let key = match d.source {
            Source::Posts => format!("posts/{}", d.outlet),
            _ => format!("pages/{}", fold_of(&d.outlet, 10)),
        };
        folds.entry(key).or_default().push(i);
    }
    eprintln!("{} folds (posts: one per outlet)", folds.len());
    let mut held_out: Vec<Option<Fit>> = vec![None; docs.len()];
    for members in folds.values() {
        let set: HashSet<usize> = members.iter().copied().collect();
        let train: Vec<usize> = all.iter().copied().filter(|i| !set.contains(i)).collect();
        let w = fit(&docs, &train, lambda);
        for &i in members {
            held_out[i] = Some(w.clone());
        }
    }

    println!("# fit_boundary: lambda {lambda}");
    println!(
        "{:<34} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "cut", "gold_kp", "gold_dr", "rd_prec", "rd_rec", "tr_prec", "tr_rec"
    );
    // the whole pipeline scores each cut: the passes after the boundary run as they will
    let base = Rules::builtin().without_boundary();
    let with = |w: &Fit, m: f64, su: f64| {
        let mut rules = base.clone();
        rules.extend(
            Rules::from_yaml(&format!("article:\n{}", to_yaml(w, m, su)))
                .expect("the fitted section reads"),
        );
        rules
    };
    let none = score(&docs, &|_| base.clone());
    print_row("no boundary", &none);
    for &m in &margins {
        for &su in &sures {
            let per_fold: Vec<(HashSet<usize>, Rules)> = folds
                .values()
                .map(|members| {
                    let w = held_out[members[0]]
                        .as_ref()
                        .expect("every doc is in a fold");
                    (members.iter().copied().collect(), with(w, m, su))
                })
                .collect();
            let loo = score(&docs, &|i| {
                per_fold
                    .iter()
                    .find(|(set, _)| set.contains(&i))
                    .map(|(_, r)| r.clone())
                    .expect("every doc is in a fold")
            });
            print_row(&format!("left out, margin {m} sure {su}"), &loo);
        }
    }
    let all_rules = with(&fit_all, margin, sure);
    let inside = score(&docs, &|_| all_rules.clone());
    print_row(&format!("fit on all, margin {margin} sure {sure}"), &inside);

    if let Some(n) = value("--show").and_then(|v| v.parse::<usize>().ok()) {
        show(&docs, &held_out, n, &|w| model_of(w, margin, sure));
    }
    let yaml = to_yaml(&fit_all, margin, sure);
    println!("\n{yaml}");
    if flag("--write") {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/clean/builtin-rules.yaml");
        let text = fs::read_to_string(&path).expect("the rule data reads");
        let start = text
            .find("\n  boundary:\n")
            .map(|i| i + 1)
            .expect("the rule data has an article: boundary: section");
        let end = text[start..]
            .find("\n\n")
            .map_or(text.len(), |i| start + i + 1);
        let new = format!("{}{}{}", &text[..start], yaml, &text[end..]);
        fs::write(&path, new).expect("the rule data writes");
        eprintln!("wrote {}", path.display());
    }
}

/// The `boundary:` key of the rule data's `article:` section.
fn to_yaml(w: &Fit, margin: f64, sure: f64) -> String {
    let mut out = String::from("  boundary:\n");
    out.push_str(&format!("    bias: {}\n", (w.bias * 1000.0).round() as i64));
    out.push_str(&format!(
        "    margin: {}\n",
        (margin * 1000.0).round() as i64
    ));
    out.push_str(&format!("    sure: {}\n", (sure * 1000.0).round() as i64));
    out.push_str("    max_trim_share: 50\n    min_chars: 200\n    weights:\n");
    for (name, v) in FEATURES.iter().zip(w.weights) {
        out.push_str(&format!("      {name}: {}\n", (v * 1000.0).round() as i64));
    }
    out
}

fn fold_of(outlet: &str, n: u64) -> u64 {
    // FNV-1a: a fixed hash, so that the folds are the same on every run
    let mut h: u64 = 0xcbf29ce484222325;
    for b in outlet.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h % n
}

#[derive(Clone)]
struct Fit {
    bias: f64,
    weights: [f64; N],
}

/// Logistic regression on the labelled blocks of `docs[idx]`, in raw feature units.
fn fit(docs: &[Doc], idx: &[usize], lambda: f64) -> Fit {
    let mut xs: Vec<[f64; N]> = Vec::new();
    let mut ys: Vec<f64> = Vec::new();
    let mut ws: Vec<f64> = Vec::new();
    let mut per_source: HashMap<Source, f64> = HashMap::new();
    for &i in idx {
        let d = &docs[i];
        let n = d.labels.iter().flatten().count();
        if n == 0 {
            continue;
        }
        let w = 1.0 / (n as f64).sqrt();
        for (k, l) in d.labels.iter().enumerate() {
            if let Some(l) = l {
                xs.push(d.blocks[k].0);
                ys.push(f64::from(u8::from(*l)));
                ws.push(w);
                *per_source.entry(d.source).or_default() += w;
            }
        }
    }
    // each source weighs the same in total
    let mut k = 0;
    for &i in idx {
        let d = &docs[i];
        for _ in d.labels.iter().flatten() {
            ws[k] /= per_source[&d.source];
            k += 1;
        }
    }
    let total: f64 = ws.iter().sum();
    for w in &mut ws {
        *w *= xs.len() as f64 / total;
    }
    // standardise
    let m = xs.len() as f64;
    let mut mean = [0.0; N];
    let mut sd = [0.0; N];
    for x in &xs {
        for j in 0..N {
            mean[j] += x[j] / m;
        }
    }
    for x in &xs {
        for j in 0..N {
            sd[j] += (x[j] - mean[j]).powi(2) / m;
        }
    }
    for s in &mut sd {
        *s = s.sqrt().max(1e-9);
    }
    let z: Vec<[f64; N]> = xs
        .iter()
        .map(|x| std::array::from_fn(|j| (x[j] - mean[j]) / sd[j]))
        .collect();
    // Newton's method on [bias, weights]
    const D: usize = N + 1;
    let mut beta = [0.0; D];
    for _ in 0..25 {
        let mut grad = [0.0; D];
        let mut hess = vec![[0.0; D]; D];
        for ((x, &y), &w) in z.iter().zip(&ys).zip(&ws) {
            let mut t = beta[0];
            for j in 0..N {
                t += beta[j + 1] * x[j];
            }
            let p = 1.0 / (1.0 + (-t).exp());
            let row: [f64; D] = std::array::from_fn(|j| if j == 0 { 1.0 } else { x[j - 1] });
            let g = w * (p - y);
            let h = w * p * (1.0 - p);
            for a in 0..D {
                grad[a] += g * row[a];
                for b in a..D {
                    hess[a][b] += h * row[a] * row[b];
                }
            }
        }
        for a in 1..D {
            grad[a] += lambda * beta[a];
            hess[a][a] += lambda;
        }
        for a in 0..D {
            for b in 0..a {
                hess[a][b] = hess[b][a];
            }
        }
        let step = solve(hess, grad);
        let mut size = 0.0;
        for a in 0..D {
            beta[a] -= step[a];
            size += step[a].abs();
        }
        if size < 1e-8 {
            break;
        }
    }
    let mut weights = [0.0; N];
    let mut bias = beta[0];
    for j in 0..N {
        weights[j] = beta[j + 1] / sd[j];
        bias -= weights[j] * mean[j];
    }
    Fit { bias, weights }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve<const D: usize>(mut a: Vec<[f64; D]>, mut b: [f64; D]) -> [f64; D] {
    for c in 0..D {
        let p = (c..D)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .expect("a column has rows");
        a.swap(c, p);
        b.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-12 {
            continue;
        }
        for r in c + 1..D {
            let f = a[r][c] / d;
            for k in c..D {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = [0.0; D];
    for c in (0..D).rev() {
        let mut s = b[c];
        for k in c + 1..D {
            s -= a[c][k] * x[k];
        }
        x[c] = if a[c][c].abs() < 1e-12 {
            0.0
        } else {
            s / a[c][c]
        };
    }
    x
}

#[derive(Default)]
struct Scores {
    keep: (usize, usize),
    drop: (usize, usize),
    rd: (f64, f64, usize),
    tr: (usize, usize, usize),
}

fn print_row(name: &str, s: &Scores) {
    let pct = |(a, b): (usize, usize)| 100.0 * a as f64 / b.max(1) as f64;
    let (tp, fp, fn_) = s.tr;
    println!(
        "{:<34} {:>7.2}% {:>7.2}% {:>8.3} {:>8.3} {:>8.3} {:>8.3}",
        name,
        pct(s.keep),
        pct(s.drop),
        s.rd.0 / s.rd.2.max(1) as f64,
        s.rd.1 / s.rd.2.max(1) as f64,
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fn_).max(1) as f64,
    );
}

/// Each document converted with the rules `rules_for` gives it, scored by its source's measure on
/// the text output (without the title, as the page scorers read it).
fn score(docs: &[Doc], rules_for: &dyn Fn(usize) -> Rules) -> Scores {
    let mut s = Scores::default();
    let no_title = tidings::TextOptions::new().title(false);
    for (i, d) in docs.iter().enumerate() {
        let options = Options::new().rules(rules_for(i));
        let kept = Post::parse_bytes_with(&d.bytes, &options)
            .map(|p| p.to_text_with(&no_title))
            .unwrap_or_default();
        match d.source {
            Source::Posts => {
                let text: String = kept.split_whitespace().collect();
                for k in &d.keep {
                    s.keep.1 += 1;
                    s.keep.0 += usize::from(text.contains(k.as_str()));
                }
                for k in &d.drop {
                    s.drop.1 += 1;
                    s.drop.0 += usize::from(!text.contains(k.as_str()));
                }
            }
            Source::Readability => {
                let (p, r) = shingle_pr(&kept, &d.reference);
                s.rd.0 += p;
                s.rd.1 += r;
                s.rd.2 += 1;
            }
            Source::Trafeval => {
                let text = spaced(&kept);
                for k in &d.keep {
                    if text.contains(k.as_str()) {
                        s.tr.0 += 1;
                    } else {
                        s.tr.2 += 1;
                    }
                }
                for k in &d.drop {
                    if text.contains(k.as_str()) {
                        s.tr.1 += 1;
                    }
                }
            }
        }
    }
    s
}

/// Whitespace runs as one space, as trafilatura's scorer compares.
fn spaced(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Word tokens, each CJK character a token of its own, lower-cased.
fn tokens(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in t.chars() {
        if c.is_alphanumeric() || c == '_' {
            if is_cjk(c) {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                out.push(c.to_string());
            } else {
                cur.extend(c.to_lowercase());
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

fn shingles(t: &str) -> HashMap<Vec<String>, usize> {
    let toks = tokens(t);
    let mut m = HashMap::new();
    if toks.len() < 4 {
        if !toks.is_empty() {
            *m.entry(toks).or_default() += 1;
        }
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.to_vec()).or_default() += 1;
    }
    m
}

/// Shingle-multiset precision and recall of `got` against `want` (pages.py's measure, per page).
fn shingle_pr(got: &str, want: &str) -> (f64, f64) {
    let g = shingles(got);
    let w = shingles(want);
    let common: usize = g
        .iter()
        .map(|(k, n)| (*n).min(w.get(k).copied().unwrap_or(0)))
        .sum();
    let gn: usize = g.values().sum();
    let wn: usize = w.values().sum();
    let p = if gn == 0 {
        0.0
    } else {
        common as f64 / gn as f64
    };
    let r = if wn == 0 {
        1.0
    } else {
        common as f64 / wn as f64
    };
    (p, r)
}

/// The post, and its blocks as the boundary pass saw them: features and text.
fn parse(bytes: &[u8], options: &Options) -> Option<(Post, Scored, Vec<String>)> {
    let (post, seen) = boundary::probe(|| Post::parse_bytes_with(bytes, options));
    let (features, texts) = seen
        .into_iter()
        .map(|p| ((p.features, p.measure), p.text))
        .unzip();
    post.ok().map(|post| (post, features, texts))
}

fn posts(shared: &Path, options: &Options) -> Vec<Doc> {
    let gold = fs::read_to_string(shared.join("corpus/gold.jsonl")).unwrap_or_default();
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let mut docs = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("gold lines are JSON");
        let name = v["post"].as_str().unwrap_or_default();
        let Ok(bytes) = fs::read(shared.join("corpus/posts").join(name)) else {
            continue;
        };
        let Some((post, blocks, texts)) = parse(&bytes, options) else {
            continue;
        };
        let list = |k: &str| -> Vec<String> {
            v[k].as_array()
                .map(|a| a.iter().filter_map(|s| s.as_str()).map(squeeze).collect())
                .unwrap_or_default()
        };
        let (keep, drop) = (list("keep"), list("drop"));
        let labels = texts
            .iter()
            .map(|t| {
                let t = squeeze(t);
                let k = keep.iter().any(|s| !s.is_empty() && t.contains(s.as_str()));
                let d = drop.iter().any(|s| !s.is_empty() && t.contains(s.as_str()));
                (k != d).then_some(k)
            })
            .collect();
        let meta = post.metadata();
        let outlet = meta
            .tags
            .first()
            .cloned()
            .or_else(|| meta.source_url.as_deref().and_then(host))
            .unwrap_or_else(|| name.to_string());
        docs.push(Doc {
            source: Source::Posts,
            outlet,
            blocks,
            texts,
            labels,
            keep,
            drop,
            reference: String::new(),
            bytes,
        });
    }
    docs
}

/// The page folders of a page set, in name order (none when it is absent).
fn page_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn host(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let h = rest.split(['/', '?', '#']).next()?;
    Some(h.trim_start_matches("www.").to_ascii_lowercase())
}

fn readability(shared: &Path, options: &Options) -> Vec<Doc> {
    let mut docs = Vec::new();
    for page in page_dirs(&shared.join("pages/readability")) {
        let (Ok(bytes), Ok(reference)) = (
            fs::read(page.join("source.html")),
            fs::read_to_string(page.join("expected.txt")),
        ) else {
            continue;
        };
        let Some((_, blocks, texts)) = parse(&bytes, options) else {
            continue;
        };
        let want = shingles(&reference);
        let labels = texts
            .iter()
            .map(|t| {
                let g = shingles(t);
                let n: usize = g.values().sum();
                if n == 0 {
                    return None;
                }
                let inside: usize = g
                    .iter()
                    .filter(|(k, _)| want.contains_key(*k))
                    .map(|(_, c)| c)
                    .sum();
                let share = inside as f64 / n as f64;
                if share >= 0.6 {
                    Some(true)
                } else if share <= 0.2 {
                    Some(false)
                } else {
                    None
                }
            })
            .collect();
        let name = page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // nytimes-1 and nytimes-2 are one outlet
        let outlet = name
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches('-')
            .to_string();
        docs.push(Doc {
            source: Source::Readability,
            outlet,
            blocks,
            texts,
            labels,
            keep: Vec::new(),
            drop: Vec::new(),
            reference,
            bytes,
        });
    }
    docs
}

fn trafeval(shared: &Path, options: &Options) -> Vec<Doc> {
    let mut docs = Vec::new();
    for page in page_dirs(&shared.join("pages/trafeval")) {
        let (Ok(bytes), Ok(snippets)) = (
            fs::read(page.join("source.html")),
            fs::read_to_string(page.join("snippets.json")),
        ) else {
            continue;
        };
        let v: serde_json::Value = serde_json::from_str(&snippets).expect("snippets are JSON");
        let list = |k: &str| -> Vec<String> {
            v[k].as_array()
                .map(|a| a.iter().filter_map(|s| s.as_str()).map(spaced).collect())
                .unwrap_or_default()
        };
        let (keep, drop) = (list("with"), list("without"));
        let Some((_, blocks, texts)) = parse(&bytes, options) else {
            continue;
        };
        let labels = texts
            .iter()
            .map(|t| {
                let t = spaced(t);
                let k = keep.iter().any(|s| !s.is_empty() && t.contains(s.as_str()));
                let d = drop.iter().any(|s| !s.is_empty() && t.contains(s.as_str()));
                (k != d).then_some(k)
            })
            .collect();
        let outlet = v["url"]
            .as_str()
            .and_then(host)
            .unwrap_or_else(|| page.to_string_lossy().into_owned());
        docs.push(Doc {
            source: Source::Trafeval,
            outlet,
            blocks,
            texts,
            labels,
            keep,
            drop,
            reference: String::new(),
            bytes,
        });
    }
    docs
}

/// What the left-out cut removed, document by document: each removed block's label (`+` content,
/// `-` junk, `?` unlabelled) and its opening words. For reading, not for scoring.
fn show(docs: &[Doc], held_out: &[Option<Fit>], n: usize, model_of: &dyn Fn(&Fit) -> Model) {
    let mut shown = 0;
    for (i, d) in docs.iter().enumerate() {
        let Some(w) = &held_out[i] else { continue };
        let r = boundary::keep_range(&d.blocks, &model_of(w));
        if r.len() == d.blocks.len() {
            continue;
        }
        let cut: Vec<usize> = (0..r.start).chain(r.end..d.blocks.len()).collect();
        let lost = cut.iter().filter(|&&k| d.labels[k] == Some(true)).count();
        if lost == 0 && std::env::var_os("SHOW_ALL").is_none() {
            continue;
        }
        println!(
            "## {:?} {} ({} blocks, kept {:?})",
            d.source,
            d.outlet,
            d.blocks.len(),
            r
        );
        for k in cut {
            let mark = match d.labels[k] {
                Some(true) => '+',
                Some(false) => '-',
                None => '?',
            };
            let t: String = d.texts[k].chars().take(90).collect();
            let m = model_of(w);
            println!(
                "  {mark} {:>6.2} {}",
                m.logit(&d.blocks[k].0),
                t.replace('\n', " / ")
            );
        }
        shown += 1;
        if shown >= n {
            break;
        }
    }
}

/// `--explain FILE`: each block of one input as the boundary pass sees it under the built-in
/// model, with its log-odds (margin included) and whether the run keeps it; with `--features`, each
/// block's non-zero features and what they add (weight times value).
fn explain(file: &Path, with_features: bool) {
    let rules = Rules::builtin();
    let model = rules
        .boundary_model()
        .expect("the built-in rules have a boundary model")
        .clone();
    let bytes = fs::read(file).expect("the file reads");
    let options = Options::new().rules(rules.without_boundary());
    let Some((_, blocks, texts)) = parse(&bytes, &options) else {
        eprintln!("fit_boundary: {} does not convert", file.display());
        return;
    };
    let keep = boundary::keep_range(&blocks, &model);
    for (i, ((f, m), t)) in blocks.iter().zip(&texts).enumerate() {
        let mark = if keep.contains(&i) { ' ' } else { 'x' };
        let line: String = t.chars().take(70).collect();
        println!(
            "{mark} {:>6.2} {:>5} {:>5} {}",
            model.logit(f) + model.margin,
            m.chars,
            m.weight,
            line.replace('\n', " / ")
        );
        if with_features {
            let parts: Vec<String> = boundary::FEATURES
                .iter()
                .zip(f.iter().zip(&model.weights))
                .filter(|(_, (v, _))| **v != 0.0)
                .map(|(name, (v, w))| format!("{name}={v:.2}({:+.2})", v * w))
                .collect();
            println!("           {}", parts.join(" "));
        }
    }
}
