//! Times the 100,000-deep hostile inputs end to end (parse and every renderer), at the default depth
//! limit and, with `--raised`, at `max_depth = 1_000_000`. Run in release:
//! `cargo run --release --example deep_timing [-- --raised]`.

use std::time::Instant;

use tidings::{Limits, Options, Post};

fn nested(open: &str, close: &str, n: usize) -> String {
    format!("{}deep text{}", open.repeat(n), close.repeat(n))
}

fn main() {
    let raised = std::env::args().any(|a| a == "--raised");
    let mut opts = Options::new();
    if raised {
        opts = opts.limits(Limits {
            max_depth: 1_000_000,
            ..Limits::default()
        });
    }
    let cases = [
        ("divs", "<div>", "</div>"),
        ("ul/li", "<ul><li>", "</li></ul>"),
        ("blockquotes", "<blockquote>", "</blockquote>"),
        ("spans", "<span>", "</span>"),
        ("em", "<em>", "</em>"),
    ];
    for (name, open, close) in cases {
        let input = nested(open, close, 100_000);
        let t = Instant::now();
        let post = match Post::parse_with(&input, &opts) {
            Ok(p) => p,
            Err(e) => {
                println!("{name:12} error after {:?}: {e}", t.elapsed());
                continue;
            }
        };
        let parsed = t.elapsed();
        let md = post.to_markdown().len();
        let t_md = t.elapsed();
        let text = post.to_text().len();
        let t_text = t.elapsed();
        let html = post.to_html().len();
        let t_html = t.elapsed();
        let json = post.to_json().len();
        let total = t.elapsed();
        drop(post);
        println!(
            "{name:12} parse {parsed:>10.2?}  +md {:>10.2?}  +text {:>10.2?}  +html {:>10.2?}  total {total:>10.2?}  (md {md} B, text {text} B, html {html} B, json {json} B)",
            t_md - parsed,
            t_text - t_md,
            t_html - t_text,
        );
    }
}
