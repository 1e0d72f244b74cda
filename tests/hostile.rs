//! Hostile inputs, one test each, with the outcome each must have. Every test also holds the outputs
//! to the universal invariants in `common`. None asserts timing: a test that hangs is the failure.

mod common;

use common::{check, check_with, violations};
use tidings::{
    Block, Error, HtmlOptions, Image, Inline, Limits, MarkdownOptions, Metadata, Options, Post,
    TextOptions,
};

fn deep_opts() -> Options {
    Options::new().limits(Limits {
        max_depth: 1_000_000,
        ..Limits::default()
    })
}

fn nested(open: &str, close: &str, n: usize) -> String {
    let inner = "deep text";
    let mut s = String::with_capacity((open.len() + close.len()) * n + inner.len());
    for _ in 0..n {
        s.push_str(open);
    }
    s.push_str(inner);
    for _ in 0..n {
        s.push_str(close);
    }
    s
}

fn all_outputs(p: &Post) -> String {
    [p.to_markdown(), p.to_text(), p.to_html(), p.to_json()].concat()
}

#[test]
fn invalid_utf8_reports_its_offset() {
    let err = Post::parse_bytes(b"<p>ok\xff\xfe</p>").unwrap_err();
    assert_eq!(err, Error::InvalidUtf8 { offset: 5 });
    // a truncated multi-byte sequence at the very end
    let err = Post::parse_bytes("<p>示".as_bytes().split_last().unwrap().1).unwrap_err();
    assert_eq!(err, Error::InvalidUtf8 { offset: 3 });
}

#[test]
fn bom_does_not_hide_front_matter() {
    let input = "\u{feff}---\ntitle: T\n---\n<p>body</p>";
    let p = check(input).unwrap();
    assert_eq!(p.metadata().title.as_deref(), Some("T"));
    assert_eq!(p.to_text(), "T\n\nbody\n");
    let p = Post::parse_bytes(input.as_bytes()).unwrap();
    assert_eq!(p.metadata().title.as_deref(), Some("T"));
}

#[test]
fn crlf_front_matter_is_read() {
    let p = check("---\r\ntitle: T\r\nauthor: A\r\n---\r\n<p>a</p>\r\n<p>b</p>\r\n").unwrap();
    assert_eq!(p.metadata().title.as_deref(), Some("T"));
    assert_eq!(p.metadata().author.as_deref(), Some("A"));
    assert_eq!(p.to_text(), "T\n\na\n\nb\n");
}

#[test]
fn lone_cr_front_matter_is_read() {
    let p = check("---\rtitle: T\rauthor: A\r---\r<p>a</p>\r<p>b</p>\r").unwrap();
    assert_eq!(p.metadata().title.as_deref(), Some("T"));
    assert_eq!(p.metadata().author.as_deref(), Some("A"));
    assert_eq!(p.to_text(), "T\n\na\n\nb\n");
}

#[test]
fn unclosed_front_matter_is_a_typed_error() {
    assert_eq!(
        check("---\ntitle: x\n<p>body</p>\n").unwrap_err(),
        Error::UnterminatedFrontMatter
    );
    let strict = Options::new().strict_front_matter(true);
    assert_eq!(
        check_with("---\ntitle: x\n", &strict).unwrap_err(),
        Error::UnterminatedFrontMatter
    );
    // `---` alone, or over text that is no YAML, is the body's own line (a rule drawn at the top)
    assert_eq!(check("---\n").unwrap().to_text(), "---\n");
    assert_eq!(
        check("---\nHello, world.\n").unwrap().to_text(),
        "---\nHello, world.\n"
    );
}

fn billion_laughs() -> String {
    let mut s = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (k, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        let refs = vec![format!("*{prev}"); 9].join(",");
        s.push_str(&format!("{k}: &{k} [{refs}]\n"));
    }
    s.push_str("title: laughs\n---\n<p>body</p>\n");
    s
}

#[test]
fn yaml_alias_bomb_is_refused_not_expanded() {
    let input = billion_laughs();
    // serde_yaml 0.9 stops alias expansion at its repetition limit; strict mode reports that
    let strict = Options::new().strict_front_matter(true);
    match check_with(&input, &strict).unwrap_err() {
        Error::FrontMatterYaml { message, .. } => {
            assert!(message.contains("repetition limit"), "{message}")
        }
        e => panic!("unexpected error {e}"),
    }
    // lenient mode salvages line by line, where an alias to an unknown anchor stays a short string
    let p = check(&input).unwrap();
    assert_eq!(p.metadata().title.as_deref(), Some("laughs"));
    assert_eq!(p.report().warnings.len(), 1);
    assert!(p.to_json().len() < 10_000);
}

#[test]
fn yaml_with_tabs() {
    // a tab after the colon is separation space; a tab used as indentation is not YAML
    let p = check("---\ntitle:\tT\n---\n<p>x</p>").unwrap();
    assert_eq!(p.metadata().title.as_deref(), Some("T"));
    let input = "---\ntitle: T\ntags:\n\t- a\n---\n<p>x</p>";
    let p = check(input).unwrap();
    assert_eq!(p.metadata().title.as_deref(), Some("T"));
    assert_eq!(p.report().warnings.len(), 1);
    assert!(matches!(
        check_with(input, &Options::new().strict_front_matter(true)),
        Err(Error::FrontMatterYaml { line: 4, .. })
    ));
}

#[test]
fn duplicate_keys_last_wins_when_lenient_and_fail_when_strict() {
    let input = "---\ntitle: First\nauthor: A\ntitle: Second\n---\n<p>x</p>";
    match check_with(input, &Options::new().strict_front_matter(true)).unwrap_err() {
        Error::FrontMatterYaml { message, .. } => {
            assert!(message.contains("duplicate"), "{message}")
        }
        e => panic!("unexpected error {e}"),
    }
    // salvage reads lines in order, so the later key wins, as in Jekyll
    let p = check(input).unwrap();
    assert_eq!(p.metadata().title.as_deref(), Some("Second"));
    assert_eq!(p.metadata().author.as_deref(), Some("A"));
    assert_eq!(p.report().warnings.len(), 1);
}

#[test]
fn binary_garbage() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(matches!(
        Post::parse_bytes(&bytes),
        Err(Error::InvalidUtf8 { .. })
    ));
    // the same bytes made valid: control characters, NULs and stray `<`
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let p = check(&text).unwrap();
    assert!(!all_outputs(&p).contains('\0'));
}

#[test]
fn ten_megabyte_single_line() {
    let word = "长文本 lorem ipsum ";
    let line = word.repeat(10_000_000 / word.len());
    let p = check(&format!("<p>{line}</p>")).unwrap();
    assert!(p.to_text().len() >= line.trim_end().len());
    assert_eq!(p.blocks().len(), 1);
    // without markup it is read as plain text
    let p = check(&line).unwrap();
    assert_eq!(p.blocks().len(), 1);
}

fn deep_default(open: &str, close: &str) {
    let input = nested(open, close, 100_000);
    let p = check(&input).unwrap();
    assert!(p.to_text().contains("deep text"));
    assert!(p.report().warnings.iter().any(
        |w| w.kind == tidings::WarningKind::FlattenedNesting && w.message.contains("flattened")
    ));
}

/// With the limit raised, html5ever sees all of it, and our own walkers and renderers must cope.
fn deep_raised(open: &str, close: &str) {
    let input = nested(open, close, 100_000);
    let p = check_with(&input, &deep_opts()).unwrap();
    assert!(p.to_text().contains("deep text"));
}

#[test]
fn hundred_thousand_nested_divs() {
    deep_default("<div>", "</div>");
}

#[test]
fn hundred_thousand_nested_list_items() {
    deep_default("<ul><li>", "</li></ul>");
}

#[test]
fn hundred_thousand_nested_blockquotes() {
    deep_default("<blockquote>", "</blockquote>");
}

#[test]
#[ignore = "html5ever's tree builder is quadratic in depth (over two minutes in release); run with --ignored"]
fn hundred_thousand_nested_divs_raised_limit() {
    deep_raised("<div>", "</div>");
}

#[test]
#[ignore = "html5ever's tree builder is quadratic in depth (minutes in release); run with --ignored"]
fn hundred_thousand_nested_list_items_raised_limit() {
    deep_raised("<ul><li>", "</li></ul>");
}

#[test]
#[ignore = "html5ever's tree builder is quadratic in depth (minutes in release); run with --ignored"]
fn hundred_thousand_nested_blockquotes_raised_limit() {
    deep_raised("<blockquote>", "</blockquote>");
}

#[test]
fn one_megabyte_attribute_value() {
    let long = "x".repeat(1 << 20);
    let input = format!(
        "<p title=\"{long}\"><a href=\"https://news.example/{long}\">link</a> <img src=\"https://img.example/{long}.jpg\" alt=\"{long}\"></p><div class=\"{long}\" data-x='{long}'>tail</div>"
    );
    let p = check(&input).unwrap();
    assert!(p.to_text().contains("link"));
    assert!(p.to_text().contains("tail"));
}

#[test]
fn hundred_thousand_line_breaks() {
    let p = check(&format!("<p>a{}b</p>", "<br>".repeat(100_000))).unwrap();
    let text = p.to_text();
    assert!(text.contains('a') && text.contains('b'));
    // runs of breaks collapse: output stays small
    assert!(text.len() < 1_000, "{}", text.len());
}

#[test]
fn entity_floods_and_surrogate_references() {
    let p = check(&format!(
        "<p>{}</p>",
        "&amp;&lt;&#x26;&#60;&nbsp;".repeat(20_000)
    ))
    .unwrap();
    assert!(p.to_text().contains("&<&<"));
    let p = check("<p>a&#xD800;b&#xDFFF;c&#0;d&#x110000;e&#xFFFE;f</p>").unwrap();
    let text = p.to_text();
    assert!(
        text.starts_with("a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e"),
        "{text:?}"
    );
    // an unterminated numeric reference with a huge number
    let p = check(&format!("<p>&#{}</p>", "9".repeat(10_000))).unwrap();
    assert!(p.to_text().contains('\u{FFFD}'));
}

#[test]
fn table_spans_are_bounded() {
    let p = check(
        "<table><tr><td rowspan=\"0\">a</td><td colspan=\"1000000\">b</td></tr>\
         <tr><td colspan=\"-5\">c</td><td rowspan=\"99999999999\">d</td></tr></table>",
    )
    .unwrap();
    let text = p.to_text();
    for w in ["a", "b", "c", "d"] {
        assert!(text.contains(w), "{text:?}");
    }
    assert!(p.to_markdown().len() < 100_000, "{}", p.to_markdown().len());
}

#[test]
fn misnested_and_unclosed_tags() {
    let p = check(
        "<b><i>one</b>two</i><p><div>three</p></div><table><tr><td>four<td>five</table>\
         </ul></ol><li>six<a href=\"/x\"><a href=\"/y\">seven</a></span><p><h1>eight",
    )
    .unwrap();
    let text = p.to_text();
    for w in [
        "one", "two", "three", "four", "five", "six", "seven", "eight",
    ] {
        assert!(text.contains(w), "{w} missing from {text:?}");
    }
}

#[test]
fn template_svg_math_noscript_content() {
    let p = check(
        "<p>before</p><template><p>tmpl</p><script>alert(1)</script></template>\
         <svg><script>alert(2)</script><a xlink:href=\"javascript:alert(3)\"><text>svgtext</text></a></svg>\
         <math><mi>x</mi><annotation-xml encoding=\"text/html\"><script>alert(4)</script><img src=x onerror=alert(5)></annotation-xml></math>\
         <noscript><p>noscript text</p><img src=\"https://i.example/n.jpg\" onerror=\"alert(6)\"></noscript><p>after</p>",
    )
    .unwrap();
    let all = all_outputs(&p);
    assert!(!all.contains("alert"), "{all}");
    assert!(p.to_text().contains("before") && p.to_text().contains("after"));
}

#[test]
fn base_href_does_not_redirect_links() {
    let input = "---\nfrom: https://news.example/a/b\n---\n\
                 <base href=\"javascript:alert(1)//\"><base href=\"https://evil.example/\">\
                 <p><a href=\"page\">x</a> <img src=\"pic.jpg\" alt=\"p\"></p>";
    let p = check(input).unwrap();
    let md = p.to_markdown();
    assert!(md.contains("https://news.example/a/page"), "{md}");
    assert!(!all_outputs(&p).contains("evil.example"));
}

/// NULs in the body are gone from every output: html5ever drops them from text and turns the one
/// inside the image URL into U+FFFD, which leaves no scheme (`java\u{FFFD}script:` is a relative
/// path, not `javascript:`), and the attribute name `\0onclick` is no event handler. The front
/// matter's NUL makes the YAML invalid; the title is salvaged as written, NUL included, so the text
/// output's title line still carries it (kept here as it is today, so that a change to it is seen);
/// the Markdown's front matter, rewritten because it was salvaged, writes it as `\u0000`.
#[test]
fn nul_bytes() {
    let p = check("---\ntitle: a\0b\n---\n<p>a\0b</p>\0<img src=\"java\0script:alert(1)\"><p \0onclick=x>c</p>")
        .unwrap();
    assert_eq!(p.metadata().title.as_deref(), Some("a\0b"));
    assert_eq!(p.report().warnings.len(), 1, "{:?}", p.report());
    assert_eq!(
        p.blocks(),
        [
            Block::Paragraph {
                content: vec![Inline::text("ab")]
            },
            Block::Figure {
                image: Image {
                    src: "java\u{FFFD}script:alert(1)".into(),
                    alt: String::new(),
                    title: None,
                },
                caption: Vec::new(),
            },
            Block::Paragraph {
                content: vec![Inline::text("c")]
            },
        ]
    );
    assert_eq!(p.to_text(), "a\0b\n\nab\n\nc\n");
    assert_eq!(
        p.to_html(),
        "<p>ab</p>\n<figure><img src=\"java\u{FFFD}script:alert(1)\" alt=\"\"></figure>\n<p>c</p>\n"
    );
    let body = common::markdown_body(&p, &p.to_markdown());
    assert_eq!(body, "ab\n\n![](java\u{FFFD}script:alert\\(1\\))\n\nc\n");
    // the front matter did not parse (a NUL is not allowed in YAML) and was salvaged, so the
    // Markdown writes it anew as valid YAML, the NUL escaped
    assert!(
        p.to_markdown()
            .starts_with("---\ntitle: \"a\\u0000b\"\n---\n"),
        "{}",
        p.to_markdown()
    );
}

#[test]
fn invariants_helper_catches_what_it_should() {
    // guard against a helper that passes everything
    assert!(!common::html_violations("<a href=\"jav&#x09;ascript:x\">a</a>").is_empty());
    assert!(!common::html_violations("<p onclick=x>a</p>").is_empty());
    assert!(!common::markdown_violations("[a](javascript:alert(1))").is_empty());
    assert!(!common::markdown_violations("a <b>c</b>").is_empty());
    let p = Post::parse("<p>ok</p>").unwrap();
    assert!(violations(&p, true).is_empty());
}

#[test]
fn nesting_past_the_model_cap() {
    // lists and quotes nested deeper than the model keeps (24) stay as plain blocks; the text must
    // still be what the Markdown says, and all of it must be there
    let mixed = nested(
        "<ul><li>a<blockquote><ol start=\"3\"><li>b</li><li>",
        "</li></ol></blockquote></li><li>c</li></ul>",
        40,
    );
    let p = check(&mixed).unwrap();
    assert!(p.to_text().contains("deep text"));
    let p = check(&nested("<blockquote><p>q</p>", "</blockquote>", 200)).unwrap();
    assert_eq!(p.to_text().matches('q').count(), 200);
}

/// Found by the `render_text` fuzz target: wrapping panicked (slicing an empty string) when the
/// space that overflowed the line was itself the break point.
#[test]
fn fuzz_wrap_break_at_overflowing_space() {
    let input = "plain text paragraph\n\nsecond paragraph with * and # and 1. marks\n";
    let p = check(input).unwrap();
    let text = p.to_text_with(&TextOptions::new().width(Some(7)));
    for line in text.lines() {
        assert!(line.chars().count() <= 9, "{line:?}");
    }
    assert!(text.contains("marks"));
}

/// Found by the `post_parse` fuzz target: a list item with nothing readable lost its marker in the
/// text but kept it in the Markdown. An item of nothing but `<hr>` is now no item at all (`- ---`
/// would read as a rule); an item left empty otherwise keeps its marker in both.
#[test]
fn fuzz_empty_list_item_keeps_its_marker() {
    let p = check("<ol start=\"3\"><li><hr></li><li>b</li></ol>").unwrap();
    assert_eq!(p.to_text(), "3. b\n");
    let p = check("<ol start=\"3\"><li><img src=\"https://x.example/a.png\"></li><li>b</li></ol>")
        .unwrap();
    assert_eq!(p.to_text(), "3.\n4. b\n");
}

/// Found by the `render_markdown` fuzz target. A C0 control inside the scheme made the URL relative
/// for a browser, and the Markdown renderer used to drop control characters from destinations,
/// turning it into `javascript:`. Now URLs with controls are refused and destinations
/// percent-encode them.
#[test]
fn fuzz_control_character_inside_scheme() {
    let p = check("<p><a href=\"jav&#x10;ascript:alert(1)\">x</a></p>").unwrap();
    // the link goes, its text stays
    assert_eq!(p.to_markdown(), "x\n");
    assert_eq!(p.to_html(), "<p>x</p>\n");
    assert_eq!(p.report().removed["unsafe-link"], 1);
}

/// Found by the `roundtrip` fuzz target. Plain-text bodies used to skip the phrase rules (here the
/// "相关图集" gallery promo), so converting the sanitized HTML again removed a paragraph the first
/// pass kept. Plain bodies now go through the same phrase rules.
#[test]
fn fuzz_plain_text_skips_rules() {
    let p = check("first\n\nsecond 相关图集：x").unwrap();
    assert_eq!(p.to_markdown(), "first\n");
    assert_eq!(p.to_html(), "<p>first</p>\n");
    assert_eq!(p.report().removed["related-posts"], 1);
}

fn deep_model(n: usize, list: bool) -> Vec<Block> {
    let mut b = vec![Block::Paragraph {
        content: vec![Inline::text("deep text")],
    }];
    for _ in 0..n {
        b = vec![if list {
            Block::List {
                start: None,
                numbering: Default::default(),
                items: vec![b],
            }
        } else {
            Block::Quote { blocks: b }
        }];
    }
    b
}

/// The depth html5ever would need minutes to build, straight into the renderers: a model 100,000
/// levels deep renders without overflowing the stack. (The model is leaked: dropping a bare
/// `Vec<Block>` this deep recurses; the cleaner never builds one, it keeps 24 levels at most.)
#[test]
fn renderers_survive_a_hundred_thousand_levels() {
    for list in [false, true] {
        let model = deep_model(100_000, list);
        let text = tidings::render::text::write(&model, &Metadata::default(), &TextOptions::new());
        assert!(
            text.ends_with("deep text\n"),
            "{}",
            &text[text.len().saturating_sub(40)..]
        );
        // unsanitized: ammonia would parse the HTML again, and html5ever is quadratic in depth
        let html = tidings::render::html::write(&model, &HtmlOptions::new().sanitize(false));
        assert!(html.contains("deep text"));
        std::mem::forget(model);
    }
}

#[test]
fn markdown_renderer_survives_a_hundred_thousand_levels() {
    let model = deep_model(100_000, true);
    let md =
        tidings::render::markdown::write(&model, &Metadata::default(), &MarkdownOptions::new());
    assert!(md.contains("deep text"));
    std::mem::forget(model);
}

/// Found by the property tests. html5ever reopens the unclosed `<code>` after `</sup>`, leaving two
/// code spans in a row, whose fences ran together in Markdown. Adjacent spans are now written as one
/// and empty ones not at all.
#[test]
fn proptest_unclosed_code_across_sup() {
    let p = check("<sup><code>text</sup>text").unwrap();
    // the superscript is written `^(…)` (its letters have no superscript characters)
    assert_eq!(p.to_markdown(), "^(`text`)`text`\n");
    assert_eq!(
        p.to_html(),
        "<p>^(<code>text</code>)<code>text</code></p>\n"
    );
}

/// Found by the property tests. Two ordered lists in a row were written as adjacent Markdown lists,
/// which CommonMark reads as one. The second now switches its delimiter (`.` to `)`, `-` to `*`).
#[test]
fn proptest_adjacent_ordered_lists() {
    let p = check("<ol><li>text</ol><ol><li>text").unwrap();
    assert_eq!(p.to_markdown(), "1. text\n\n1) text\n");
    assert_eq!(p.blocks().len(), 2);
}

/// html5ever checks each attribute against the tag's earlier ones: 200,000 of them on one tag
/// would cost it hours. The attributes past the limit go before it parses, with a warning that
/// names the limit; the element and its text stay.
#[test]
fn an_element_with_two_hundred_thousand_attributes_keeps_the_limit() {
    let attrs: String = (0..200_000).map(|i| format!(" a{i}=\"v\"")).collect();
    let input = format!("<p{attrs} title=\"last\">kept text</p>");
    let p = check(&input).unwrap();
    assert_eq!(p.to_text(), "kept text\n");
    let w = &p.report().warnings;
    assert!(
        w.iter()
            .any(|w| w.kind == tidings::WarningKind::DroppedAttributes
                && w.message
                    .contains("199745 attributes past the limit of 256")),
        "{w:?}"
    );
    // under the limit nothing is dropped or reported
    let few: String = (0..256).map(|i| format!(" a{i}")).collect();
    let p = check(&format!("<p{few}>a</p>{}", "<b>x</b>".repeat(600))).unwrap();
    assert!(p.report().warnings.is_empty(), "{:?}", p.report().warnings);
}

/// The sanitized HTML is written by a linear reader of our own writer's output; it must be what
/// ammonia would make of the same HTML, for every fixture and every shape of content.
#[test]
fn sanitized_html_is_what_ammonia_writes() {
    let mut ammonia = ammonia::Builder::default();
    ammonia
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("code", &["class"])
        .add_tag_attributes("ol", &["type"]);
    let mut inputs: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).unwrap() {
        for file in std::fs::read_dir(entry.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            // the GBK page's bytes are not UTF-8: its HTML is that of the text it decodes to,
            // which the other fixtures cover
            if path.file_stem().is_some_and(|s| s == "input") {
                if let Ok(text) = String::from_utf8(std::fs::read(path).unwrap()) {
                    inputs.push(text);
                }
            }
        }
    }
    inputs.extend(
        [
            "<p>a &amp; b&nbsp;c &lt;d&gt; \"e\" 'f' &#xA0;</p>",
            "<table><tr><td colspan=3>t</td></tr><tr><td>1</td><td><a href=\"/x?a=1&b=2\">2</a></td></tr></table>",
            "<ol start=\"4\"><li><p>a</p><ul><li>b</li></ul></li></ol><pre><code class=\"language-js\">a &lt; b</code></pre>",
            "<figure><img src=\"https://i.example/a.png\" alt=\"a \\\" b\" title=\"t\"><figcaption>c</figcaption></figure>",
            "<blockquote><h2>h <em>e</em> <del>d</del></h2><hr></blockquote><p>x<br>y</p>",
        ]
        .map(String::from),
    );
    for input in &inputs {
        let post = Post::parse(input).unwrap();
        let raw = post.to_html_with(&HtmlOptions::new().sanitize(false));
        assert_eq!(post.to_html(), ammonia.clean(&raw).to_string(), "{input}");
    }
}

/// Every repeated `<body>` adds its new attributes to the one body element (as browsers do); the
/// element gathers at most 256, so 1,500 such tags of 200 attributes each stay linear (they took
/// 10 s of checking and copying before the bound; the hostile-shape benchmark's
/// `attrs-repeated-body` times it).
#[test]
fn repeated_body_tags_with_many_attributes_convert() {
    let mut input = String::from("<p>kept text</p>");
    for i in 0..1_500 {
        input.push_str("<body");
        for k in 0..200 {
            input.push_str(&format!(" b{i}x{k}=\"v\""));
        }
        input.push_str(" onload=\"alert(1)\">");
    }
    input.push_str("<p>tail</p>");
    let p = check(&input).unwrap();
    assert_eq!(p.to_text(), "kept text\n\ntail\n");
}
