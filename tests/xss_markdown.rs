//! Two ways script once reached the Markdown output, each with its vector families: a `javascript:`
//! URL behind Unicode whitespace or zero-width characters (which CommonMark renderers trim, so the
//! link ran script when clicked), and raw HTML in the front matter (which a renderer that does not
//! know front matter shows as text with live HTML in it). The whole Markdown is checked here, front
//! matter included, as a permissive renderer with raw HTML on would read it.

mod common;

use common::{check, html_violations, markdown_violations, unsafe_url};
use tidings::{Block, Inline, Post};

/// Characters a browser or a Markdown renderer may drop in front of a scheme: Unicode whitespace
/// outside ASCII, and zero-width characters.
const SPACES: &[char] = &[
    '\u{A0}', '\u{1680}', '\u{180E}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}',
    '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{200B}', '\u{200C}',
    '\u{200D}', '\u{2028}', '\u{2029}', '\u{202F}', '\u{205F}', '\u{2060}', '\u{3000}', '\u{FEFF}',
];

/// The same characters written as character references, as feeds write them.
fn entity_forms(c: char) -> [String; 2] {
    [format!("&#x{:X};", c as u32), format!("&#{};", c as u32)]
}

/// Every URL the model holds: link targets and image sources.
fn model_urls(post: &Post) -> Vec<String> {
    fn inlines<'a>(content: &'a [Inline], out: &mut Vec<&'a Inline>) {
        let mut stack: Vec<&Inline> = content.iter().collect();
        while let Some(i) = stack.pop() {
            out.push(i);
            match i {
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strikethrough { content }
                | Inline::Link { content, .. } => stack.extend(content),
                _ => {}
            }
        }
    }
    let mut all: Vec<&Inline> = Vec::new();
    let mut urls = Vec::new();
    let mut blocks: Vec<&Block> = post.blocks().iter().collect();
    while let Some(b) = blocks.pop() {
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => {
                inlines(content, &mut all)
            }
            Block::Figure { image, caption } => {
                urls.push(image.src.clone());
                inlines(caption, &mut all);
            }
            Block::List { items, .. } => blocks.extend(items.iter().flatten()),
            Block::Quote { blocks: inner } => blocks.extend(inner),
            Block::Table { rows, .. } => {
                for cell in rows.iter().flatten() {
                    inlines(cell, &mut all);
                }
            }
            _ => {}
        }
    }
    for i in all {
        match i {
            Inline::Link { url, .. } => urls.push(url.clone()),
            Inline::Image { image } => urls.push(image.src.clone()),
            _ => {}
        }
    }
    urls
}

/// Converts `input`, checks every output and returns the post for more checks.
fn assert_inert(input: &str) -> Post {
    let post = check(input).unwrap_or_else(|e| panic!("{input:?} failed: {e}"));
    let md = post.to_markdown();
    let v = markdown_violations(&md);
    assert!(v.is_empty(), "{input:?}\n=> {md}\n{v:?}");
    let html = post.to_html();
    let v = html_violations(&html);
    assert!(v.is_empty(), "{input:?}\n=> {html}\n{v:?}");
    for url in model_urls(&post) {
        assert!(!unsafe_url(&url), "{input:?}\n=> model holds {url:?}");
    }
    let json: serde_json::Value = serde_json::from_str(&post.to_json()).expect("JSON parses");
    for link in json["links"].as_array().expect("links array") {
        let url = link["url"].as_str().unwrap_or("");
        assert!(!unsafe_url(url), "{input:?}\n=> JSON link {url:?}");
    }
    post
}

/// Each prefix of the family: the raw character, its two entity forms, doubled, and mixed with
/// ASCII whitespace.
fn prefixes() -> Vec<String> {
    let mut out = Vec::new();
    for &c in SPACES {
        out.push(c.to_string());
        out.push(format!("{c}{c}"));
        out.push(format!(" {c}\t"));
        out.extend(entity_forms(c));
    }
    out.push("&nbsp;".to_string());
    out.push("&nbsp;&#x2028;&#12288;".to_string());
    out
}

#[test]
fn javascript_behind_unicode_whitespace_never_becomes_a_link() {
    let mut checked = 0;
    for p in prefixes() {
        for scheme in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "vbscript:msgbox(1)",
        ] {
            for body in [
                format!("<p>before <a href=\"{p}{scheme}\">click</a> after</p>"),
                format!("<p><img src=\"{p}{scheme}\" alt=\"pic\"></p>"),
                format!("<p><img data-src=\"{p}{scheme}\" src=\"/blank.gif\" alt=\"pic\"></p>"),
                format!("<p><img srcset=\"{p}{scheme} 2x\" alt=\"pic\"></p>"),
            ] {
                // as a bare body (no base URL) and as a post whose links resolve against a source
                let post =
                    format!("---\ntitle: t\nfrom: https://news.example/a/1.html\n---\n{body}");
                for input in [&body, &post] {
                    let parsed = assert_inert(input);
                    if input.contains("<a ") {
                        // the link goes, its text stays
                        let text = parsed.to_text();
                        assert!(text.contains("before click after"), "{input:?} => {text}");
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} vectors ran");
}

#[test]
fn zero_width_characters_inside_a_scheme_do_not_hide_it() {
    for c in [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{180E}',
    ] {
        for body in [
            format!("<p><a href=\"java{c}script:alert(1)\">x</a></p>"),
            format!("<p><a href=\"javascript{c}:alert(1)\">x</a></p>"),
            format!(
                "<p><a href=\"java&#x{:X};script:alert(1)\">x</a></p>",
                c as u32
            ),
        ] {
            let post = assert_inert(&body);
            assert!(
                model_urls(&post).is_empty(),
                "{body:?} kept a link: {:?}",
                model_urls(&post)
            );
        }
    }
}

#[test]
fn safe_links_behind_unicode_whitespace_are_kept_trimmed() {
    let post = assert_inert("<p><a href=\"&#x2028;https://news.example/x&#x3000;\">x</a></p>");
    assert_eq!(model_urls(&post), ["https://news.example/x"]);
}

/// Payloads that run at load when a renderer passes them through as raw HTML.
const PAYLOADS: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "\"><iframe src=javascript:alert(1)>",
    "a</title><img src=x onerror=alert(1)>",
];

fn assert_front_matter_inert(input: &str, payload: &str) {
    let post = assert_inert(input);
    let md = post.to_markdown();
    let front = md
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(fm, _)| fm)
        .unwrap_or_else(|| panic!("{input:?}: no front matter in\n{md}"));
    assert!(!front.contains(['<', '>']), "{input:?}\n=> {front}");
    // and the YAML still says what the input said
    let yaml: serde_yaml::Value = serde_yaml::from_str(front).expect("front matter is YAML");
    let said = serde_json::to_string(&yaml).unwrap();
    let want = serde_json::to_string(payload).unwrap();
    assert!(
        said.contains(&want[1..want.len() - 1]),
        "{input:?}: {payload:?} lost from {said}"
    );
}

#[test]
fn raw_html_in_the_posts_own_front_matter_is_escaped() {
    for payload in PAYLOADS {
        let q = serde_json::to_string(payload).unwrap();
        for yaml in [
            format!("title: {q}"),
            format!("title: ok\nauthor: {q}"),
            format!("title: ok\ntags: [a, {q}]"),
            format!("title: ok\nextra:\n  note: {q}"),
            format!("title: ok\ncomment: {q} # trailing"),
        ] {
            let input = format!("---\n{yaml}\n---\n<p>body</p>");
            assert_front_matter_inert(&input, payload);
        }
    }
}

#[test]
fn raw_html_in_a_page_title_or_feed_header_is_escaped() {
    for payload in PAYLOADS {
        let escaped = payload
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let page = format!(
            "<!doctype html><html><head><title>{escaped}</title></head><body><article><p>body text</p></article></body></html>"
        );
        assert_front_matter_inert(&page, payload);
        let header = format!(
            "<!--1620488400000-->\n[{payload}](https://news.example/a)\n------\n\n<p>body</p>"
        );
        assert_front_matter_inert(&header, payload);
    }
}

#[test]
fn salvaged_front_matter_is_rewritten_as_valid_yaml() {
    // `\智` is not a YAML escape: the front matter does not parse and its lines are salvaged
    let input = "---\ntitle: \"a\\智b <img src=x onerror=alert(1)>\"\nauthor: x\n---\n<p>body</p>";
    assert_front_matter_inert(input, "a\\智b <img src=x onerror=alert(1)>");
}
