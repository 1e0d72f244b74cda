//! Nothing lost silently: every character of an input's visible text is either in the text output
//! or in the audit trail under a name (see "Conservation" in docs/cleaning.md for what counts as
//! visible text and why). Checked over generated inputs, over every fixture, and over the dev
//! corpus in `../shared/corpus` when it is there (it says it skipped otherwise).
//!
//! The check counts characters, whitespace aside: for each character, the input's visible text may
//! hold no more of it than the text output and the removals' texts together. Both sides are read in
//! NFKC, since the writers spell a superscript `2` as `²`. The visible text is read here, with
//! html5ever straight into a tree of its own, not through the cleaner.

#[path = "common/explore.rs"]
mod explore;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use html5ever::tendril::TendrilSink;
use icu_normalizer::ComposingNormalizerBorrowed;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use proptest::prelude::*;
use tidings::{Options, Post, RemovalKind};

/// Removals' texts whole, so that every character they took can be counted.
fn audited() -> Options {
    Options::new().audit_excerpt(usize::MAX / 2)
}

/// The body as the post reader hands it on: after the BOM, the front matter and the feed header
/// (`<!--ms-->`, `[title](url)` over a line of dashes), which are metadata, not the article.
fn body(input: &str) -> &str {
    let mut s = input.strip_prefix('\u{feff}').unwrap_or(input);
    if let Some(rest) = s
        .strip_prefix("---\n")
        .or_else(|| s.strip_prefix("---\r\n"))
    {
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            let l = line.trim_end();
            if l == "---" || l == "..." {
                s = &rest[offset + line.len()..];
                break;
            }
            offset += line.len();
        }
    }
    let mut b = s.trim_start();
    if let Some(rest) = b.strip_prefix("<!--") {
        if let Some(end) = rest.find("-->").filter(|&e| !rest[..e].contains('\n')) {
            b = rest[end + 3..].trim_start();
        }
    }
    if let Some((first, rest)) = b.split_once('\n') {
        let (second, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let second = second.trim();
        let first = first.trim_end();
        if second.len() >= 3
            && second.bytes().all(|c| c == b'-')
            && first.starts_with('[')
            && first.ends_with(')')
            && first.contains("](")
        {
            b = after;
        }
    }
    b
}

/// Elements whose content a browser does not show as text: document metadata and code, ruby's
/// annotations (a reading aid the outputs leave out, as docs/fidelity.md says), an iframe's raw
/// text, an SVG drawing's descriptions, the fallback inside audio, video and canvas (shown only by
/// a browser that cannot play them), and MathML, which the outputs write as its TeX source (the
/// same formula in another spelling).
fn shows_no_text(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "rt"
            | "rp"
            | "iframe"
            | "desc"
            | "metadata"
            | "math"
            | "audio"
            | "video"
            | "canvas"
    )
}

/// Cloudflare's stand-in for an address it hides (`[email protected]`), which its script replaces
/// with the address: the outputs write the address instead, as a reader sees it.
fn hides_an_address(attrs: &[html5ever::Attribute]) -> bool {
    attrs.iter().any(|a| {
        &*a.name.local == "data-cfemail"
            || (&*a.name.local == "href" && a.value.contains("/cdn-cgi/l/email-protection"))
    })
}

/// What a browser shows of the body, as text.
fn visible_text(body: &str) -> String {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(body);
    let mut out = String::new();
    let mut stack: Vec<Handle> = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, attrs, .. }
                if shows_no_text(&name.local) || hides_an_address(&attrs.borrow()) =>
            {
                continue;
            }
            _ => {}
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
        out.push(' ');
    }
    out
}

/// Characters counted, whitespace, controls and what shows nothing aside, in NFKC (with the minus
/// sign read as the hyphen-minus it was written as).
fn counts(text: &str, into: &mut BTreeMap<char, i64>, sign: i64) {
    let nfkc = ComposingNormalizerBorrowed::new_nfkc().normalize(text);
    // a superscript minus is NFKC's minus sign; the writers make it of a hyphen-minus
    for c in nfkc.chars().map(|c| if c == '\u{2212}' { '-' } else { c }) {
        if !c.is_whitespace() && !c.is_control() && !shows_nothing(c) {
            *into.entry(c).or_default() += sign;
        }
    }
}

/// Characters that show nothing: a soft hyphen (a hyphen only where a line breaks), zero-width
/// spaces, joiners and marks, the byte-order mark, and the object replacement character (which
/// stands for an object, not for text).
fn shows_nothing(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{fffc}')
}

/// The characters of the visible text found neither in the text output nor in the removals, as
/// a message; `None` when every one is accounted for.
fn unaccounted(input: &str, post: &Post) -> Option<String> {
    let mut balance = BTreeMap::new();
    counts(&visible_text(body(input)), &mut balance, 1);
    counts(&post.to_text(), &mut balance, -1);
    for r in post.removals() {
        counts(&r.text, &mut balance, -1);
    }
    let missing: Vec<String> = balance
        .iter()
        .filter(|&(_, &n)| n > 0)
        .map(|(c, n)| format!("{c:?}×{n}"))
        .collect();
    (!missing.is_empty()).then(|| missing.join(" "))
}

/// Every removal counted has its record, and every record is counted, under the same name.
fn records_match_counts(post: &Post) -> Result<(), String> {
    let mut recorded: BTreeMap<&str, usize> = BTreeMap::new();
    for r in post.removals() {
        *recorded.entry(r.name.as_str()).or_default() += 1;
        if r.block > post.blocks().len() {
            return Err(format!(
                "{} stands at block {} of {}",
                r.name,
                r.block,
                post.blocks().len()
            ));
        }
        if r.chars < r.text.chars().count()
            || (r.tail.is_none() && r.chars != r.text.chars().count())
        {
            return Err(format!(
                "{} counts {} characters for {:?}",
                r.name, r.chars, r.text
            ));
        }
        let mechanic = ["boundary", "credit", "byline"].contains(&r.name.as_str())
            || [
                "script",
                "break-run",
                "stray-break",
                "tracking-parameter",
                "orphan-frame",
            ]
            .contains(&r.name.as_str());
        if mechanic && r.kind != RemovalKind::Mechanic {
            return Err(format!("{} is recorded as a rule's", r.name));
        }
    }
    let counted: BTreeMap<&str, usize> = post
        .report()
        .removed
        .iter()
        .map(|(k, &v)| (k.as_str(), v))
        .collect();
    if recorded == counted {
        Ok(())
    } else {
        Err(format!("recorded {recorded:?}, counted {counted:?}"))
    }
}

/// Reads a file as the converter does (a page in its own encoding), audited.
fn read(path: &Path) -> (String, Post) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let options = audited();
    let text = tidings::decode(&bytes, &options)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .text;
    let post = Post::parse_bytes_with(&bytes, &options)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (text, post)
}

fn check_files(files: &[PathBuf]) -> Vec<String> {
    let mut failures = Vec::new();
    for path in files {
        let (input, post) = read(path);
        if let Some(missing) = unaccounted(&input, &post) {
            failures.push(format!(
                "{}: not in the text nor the audit: {missing}",
                path.display()
            ));
        }
        if let Err(e) = records_match_counts(&post) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    failures
}

fn fixture_inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut inputs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("fixtures/ exists")
        .flatten()
        .filter_map(|dir| {
            fs::read_dir(dir.path())
                .ok()?
                .flatten()
                .map(|e| e.path())
                .find(|p| p.file_stem().is_some_and(|s| s == "input"))
        })
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn every_fixture_conserves_its_text() {
    let inputs = fixture_inputs();
    assert!(inputs.len() > 50, "the fixtures are found");
    let failures = check_files(&inputs);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_corpus_post_conserves_its_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/posts");
    let Ok(entries) = fs::read_dir(&dir) else {
        println!("skipped: {} is not there (the dev corpus)", dir.display());
        return;
    };
    let mut posts: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    posts.sort();
    assert!(!posts.is_empty(), "the corpus holds posts");
    let failures = check_files(&posts);
    assert!(
        failures.is_empty(),
        "{} of {} posts:\n{}",
        failures.len(),
        posts.len(),
        failures.join("\n")
    );
}

#[test]
fn every_corpus_page_conserves_its_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pages/readability");
    let Ok(entries) = fs::read_dir(&dir) else {
        println!("skipped: {} is not there (the dev pages)", dir.display());
        return;
    };
    let mut pages: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path().join("source.html"))
        .filter(|p| p.is_file())
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "the pages are there");
    let failures = check_files(&pages);
    assert!(
        failures.is_empty(),
        "{} of {} pages:\n{}",
        failures.len(),
        pages.len(),
        failures.join("\n")
    );
}

#[test]
fn without_audit_nothing_is_recorded_and_nothing_changes() {
    for path in fixture_inputs() {
        let bytes = fs::read(&path).expect("readable");
        let plain = Post::parse_bytes(&bytes).expect("reads");
        let (_, audited) = read(&path);
        assert!(plain.removals().is_empty());
        assert!(plain.report().removals.is_none());
        assert_eq!(plain.to_text(), audited.to_text(), "{}", path.display());
        assert_eq!(
            plain.to_markdown(),
            audited.to_markdown(),
            "{}",
            path.display()
        );
        assert_eq!(plain.to_html(), audited.to_html(), "{}", path.display());
        assert_eq!(
            plain.report().removed,
            audited.report().removed,
            "{}",
            path.display()
        );
    }
}

/// Pieces of article HTML, junk among them: the rules' classes and phrases, hidden elements,
/// scripts, tracking links, lazy images, `<br>` runs, related-link lists, a repeated title.
fn fragment() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "市交通局宣布",
        "夜间公交下月起试运行。",
        "The council voted on Tuesday.",
        "Advertisement",
        "分享到微信",
        "相关阅读：",
        "Subscribe to our newsletter",
        "点击阅读全文",
        "Read more",
        "扫码关注我们的公众号",
        "H₂O and 2³",
        "（",
        "）",
        "&amp; &lt;tag&gt; &#21629;",
        "标题",
        "x",
        "Photo: Jan Nowak",
        "摄影 王明",
        "城市夜景 ©Getty Images",
    ]);
    let leaf = prop_oneof![
        words.clone().prop_map(String::from),
        Just("<br>".to_string()),
        Just("<br><br>".to_string()),
        Just(
            "<img src=\"data:image/gif;base64,R0lGOD\" data-src=\"/i.jpg\" alt=\"图\">".to_string()
        ),
        Just("<img src=\"/p.gif\" width=\"1\" height=\"1\">".to_string()),
        Just("<img src=\"/t.jpg\"><img src=\"/t.jpg\">".to_string()),
        Just("<script>var a = 1;</script>".to_string()),
        Just("<a href=\"javascript:void(0)\">js link</a>".to_string()),
        Just("<a href=\"/story?utm_source=rss&amp;id=3\">a story</a>".to_string()),
        Just("<a rel=\"tag\" href=\"/t\">Topic</a>".to_string()),
        Just("（<a href=\"/more\">阅读全文</a>）".to_string()),
        Just(
            "<a href=\"https://subscribe.example.com/promo/\"><img src=\"/b.jpg\"></a>".to_string()
        ),
        Just("<hr>".to_string()),
        Just("<img src=\"/city.jpg\" alt=\"夜景\"><br>Photo: Jan Nowak".to_string()),
    ];
    let wrappers = prop::sample::select(vec![
        ("<p>", "</p>"),
        ("<div>", "</div>"),
        ("<div class=\"entry-content\">", "</div>"),
        ("<div id=\"dfp-ad-top\">", "</div>"),
        ("<div class=\"sharedaddy\">", "</div>"),
        ("<div class=\"jp-relatedposts\">", "</div>"),
        ("<aside class=\"newsletter\">", "</aside>"),
        ("<div hidden>", "</div>"),
        ("<span style=\"display:none\">", "</span>"),
        ("<span class=\"sr-only\">", "</span>"),
        ("<nav>", "</nav>"),
        ("<h2>", "</h2>"),
        ("<strong>", "</strong>"),
        ("<em>", "</em>"),
        ("<a href=\"/x?fbclid=1\">", "</a>"),
        ("<ul><li>", "</li></ul>"),
        (
            "<ul><li><a href=\"/a\">",
            "</a></li><li><a href=\"/b\">Another</a></li></ul>",
        ),
        ("<blockquote>", "</blockquote>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<figure>", "<figcaption>说明</figcaption></figure>"),
        ("<sup>", "</sup>"),
        ("<form>", "<input name=\"q\"></form>"),
    ]);
    leaf.prop_recursive(4, 48, 5, move |inner| {
        (wrappers.clone(), prop::collection::vec(inner, 1..5))
            .prop_map(|((open, close), kids)| format!("{open}{}{close}", kids.concat()))
    })
}

proptest! {
    // a fixed seed and count for CI; PROPTEST_CASES and PROPTEST_RNG_SEED explore
    #![proptest_config(explore::config(256, 0x636f_6e73_6572))]

    #[test]
    fn generated_inputs_conserve_their_text(
        parts in prop::collection::vec(fragment(), 1..6),
        title in prop::bool::ANY,
    ) {
        let front = if title { "---\ntitle: 标题\nfrom: https://news.example/a\n---\n" } else { "" };
        let input = format!("{front}{}", parts.concat());
        let post = Post::parse_with(&input, &audited()).expect("reads");
        if let Some(missing) = unaccounted(&input, &post) {
            prop_assert!(false, "not in the text nor the audit: {missing}\ninput: {input}");
        }
        if let Err(e) = records_match_counts(&post) {
            prop_assert!(false, "{e}\ninput: {input}");
        }
    }
}
