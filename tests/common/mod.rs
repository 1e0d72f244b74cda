//! The universal invariants every output must keep, whatever the input. Shared by the hostile-input
//! tests, the XSS tests, the property tests and (through a `#[path]` include) the fuzz targets, so
//! that all of them hold the outputs to one definition of "safe".

#![allow(dead_code)]

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{NodeData, RcDom};
use pulldown_cmark::{Event, Options as CmOptions, Parser, Tag, TagEnd};
use tidings::{MarkdownOptions, Options, Post};

/// Attributes whose value a browser follows or loads.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "srcset",
    "xlink:href",
    "codebase",
    "cite",
    "longdesc",
    "usemap",
    "dynsrc",
    "lowsrc",
];

/// Elements that can run script, load active content or change how the page is read.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "meta",
    "base",
    "link",
    "svg",
    "math",
    "template",
    "noscript",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "param",
    "portal",
];

/// Whether a URL, as a browser would read it (entities already decoded by the parser, ASCII
/// whitespace and controls ignored, any case), uses a scheme that can execute or smuggle markup.
pub fn unsafe_url(url: &str) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "vbscript:", "data:", "livescript:", "mocha:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
}

/// Problems found in sanitized HTML: parsed with html5ever so that the check sees what a browser
/// would, not what a regex would.
pub fn html_violations(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        found.push("`<script` in HTML".to_string());
    }
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(html);
    let mut stack = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let tag = name.local.to_ascii_lowercase().to_string();
            if ACTIVE_ELEMENTS.contains(&tag.as_str()) {
                found.push(format!("active element <{tag}>"));
            }
            for a in attrs.borrow().iter() {
                let an = a.name.local.to_ascii_lowercase().to_string();
                if an.starts_with("on") {
                    found.push(format!("event handler {an}= on <{tag}>"));
                }
                if an == "style" {
                    found.push(format!("style attribute on <{tag}>"));
                }
                let is_url = URL_ATTRS.contains(&an.as_str())
                    || (a.name.prefix.as_deref() == Some("xlink") && an == "href");
                if is_url && unsafe_url(&a.value) {
                    found.push(format!("unsafe URL {an}={:?} on <{tag}>", &*a.value));
                }
                if an == "http-equiv" {
                    found.push("http-equiv attribute".to_string());
                }
            }
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
    found
}

/// Markdown without its front-matter block (the renderer copies front matter as written, which is
/// YAML, not Markdown).
pub fn markdown_body(post: &Post, md: &str) -> String {
    if post.front_matter().is_none() && post.metadata().title.is_none() {
        return md.to_string();
    }
    match md.get(3..).and_then(|rest| rest.find("\n---\n\n")) {
        Some(i) if md.starts_with("---\n") => md[3 + i + 6..].to_string(),
        _ => md.to_string(),
    }
}

fn cm_options() -> CmOptions {
    CmOptions::ENABLE_TABLES | CmOptions::ENABLE_STRIKETHROUGH
}

/// Problems in Markdown (body only): raw HTML that a CommonMark renderer would pass through, and
/// link or image destinations with unsafe schemes.
pub fn markdown_violations(md: &str) -> Vec<String> {
    let mut found = Vec::new();
    for ev in Parser::new_ext(md, cm_options()) {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => found.push(format!("raw HTML {h:?}")),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. })
                if unsafe_url(&dest_url) =>
            {
                found.push(format!("unsafe Markdown URL {dest_url:?}"))
            }
            _ => {}
        }
    }
    found
}

/// The text a reader of the rendered Markdown sees, laid out the way our text renderer lays it out
/// (list markers included, image alt text left out).
pub fn markdown_as_text(md: &str) -> String {
    markdown_as_text_with(md, true)
}

/// [`markdown_as_text`], with or without list markers.
pub fn markdown_as_text_with(md: &str, markers: bool) -> String {
    let mut out = String::new();
    // numbering of each open list: None for bullets
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut in_image = 0usize;
    for ev in Parser::new_ext(md, cm_options()) {
        match ev {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) if !markers => {}
            Event::Start(Tag::Item) => match lists.last_mut() {
                Some(Some(n)) => {
                    out.push_str(&format!("{n}. "));
                    *n += 1;
                }
                _ => out.push_str("- "),
            },
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => out.push_str(&h),
            _ => {}
        }
    }
    out
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks every invariant on one parsed post and returns what failed (empty when all hold).
/// `reparse` turns the idempotence check on; it costs a second conversion, which the biggest
/// hostile inputs skip.
/// Long outputs would drown the report: the start is where the difference usually shows.
fn short(s: &str) -> String {
    let cut: String = s.chars().take(400).collect();
    if cut.len() < s.len() {
        format!("{cut:?}... ({} bytes)", s.len())
    } else {
        format!("{cut:?}")
    }
}

pub fn violations(post: &Post, reparse: bool) -> Vec<String> {
    let mut found = Vec::new();
    let md = post.to_markdown();
    let text = post.to_text();
    let html = post.to_html();
    let json = post.to_json();

    for v in html_violations(&html) {
        found.push(format!("html: {v}"));
    }
    let body = markdown_body(post, &md);
    for v in markdown_violations(&body) {
        found.push(format!("markdown: {v}"));
    }
    match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(v) => {
            if v["markdown"] != md.as_str() || v["text"] != text.as_str() {
                found.push("json: markdown/text fields differ from the renderers".into());
            }
        }
        Err(e) => found.push(format!("json does not parse: {e}")),
    }

    // our text must be what a CommonMark reader of our Markdown sees
    let mut ours = text.as_str();
    if let Some(t) = post.metadata().title.as_deref().map(str::trim) {
        if !t.is_empty() {
            ours = ours.strip_prefix(t).unwrap_or(ours);
        }
    }
    let theirs = markdown_as_text(&body);
    if squeeze(ours) != squeeze(&theirs) {
        found.push(format!(
            "text differs from the Markdown's text:\n ours:   {}\n theirs: {}",
            short(&squeeze(ours)),
            short(&squeeze(&theirs))
        ));
    }

    if reparse {
        match Post::parse(&html) {
            Ok(again) => {
                let first = markdown_body(post, &md);
                let second = again.to_markdown_with(&MarkdownOptions::new().front_matter(false));
                if first != second {
                    found.push(format!(
                        "not idempotent: Markdown of the sanitized HTML differs\n first:  {}\n second: {}",
                        short(&first),
                        short(&second)
                    ));
                }
            }
            Err(e) => found.push(format!("sanitized HTML does not parse again: {e}")),
        }
    }
    found
}

/// Parses `input` with `opts` and, when it parses, asserts every invariant. Returns the result so
/// that the caller can assert the expected outcome.
pub fn check_with(input: &str, opts: &Options) -> tidings::Result<Post> {
    let result = Post::parse_with(input, opts);
    if let Ok(post) = &result {
        let v = violations(post, input.len() < 2_000_000);
        assert!(v.is_empty(), "invariants failed:\n{}", v.join("\n"));
    }
    result
}

/// [`check_with`] with the default options.
pub fn check(input: &str) -> tidings::Result<Post> {
    check_with(input, &Options::default())
}
