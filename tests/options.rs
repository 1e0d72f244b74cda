//! Every choice in `Options` and the output options, through the public API, and the JSON schema the README documents.

use tidings::{Error, Limits, MarkdownOptions, Options, Post, Rules, TextOptions};

const POST: &str = "---\ntitle: \"标题 Title\"\nfrom: https://news.example.com/a/b.html\ntags: [ x, y ]\nextra_key: 7\n---\n\
<!--1620488400000-->\n[标题 Title](https://news.example.com/a/b.html)\n------\n\n\
<div><p>第一段有<a href=\"../c/d.html?utm_source=x\">链接</a>。</p>\
<ul><li>甲</li><li>乙</li></ul><div class=\"newsbox\">自定义挂件</div>\
<p>one two three four five six seven eight nine ten eleven twelve</p></div>";

#[test]
fn defaults_keep_front_matter_title_and_markers() {
    let p = Post::parse(POST).unwrap();
    assert!(p.to_markdown().starts_with("---\ntitle: \"标题 Title\""));
    assert!(p.to_text().starts_with("标题 Title\n\n第一段有链接。"));
    assert!(p.to_text().contains("- 甲\n- 乙"));
    // relative link resolved against `from`, tracking parameter gone
    assert!(
        p.to_markdown()
            .contains("[链接](https://news.example.com/c/d.html)")
    );
}

#[test]
fn front_matter_title_and_markers_can_be_turned_off() {
    let markdown = MarkdownOptions::new().front_matter(false);
    let text = TextOptions::new().title(false).list_markers(false);
    let p = Post::parse(POST).unwrap();
    assert!(p.to_markdown_with(&markdown).starts_with("第一段有"));
    assert!(p.to_text_with(&text).starts_with("第一段有链接。"));
    assert!(p.to_text_with(&text).contains("甲\n乙"));
}

#[test]
fn text_width_wraps_without_inserting_spaces() {
    let p = Post::parse(POST).unwrap();
    let text = p.to_text_with(&TextOptions::new().width(Some(20)));
    assert!(text.lines().all(|l| unicode_columns(l) <= 20), "{text}");
    assert!(
        text.contains("one two three four\nfive six seven eight"),
        "{text}"
    );
}

fn unicode_columns(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[test]
fn base_url_overrides_the_source() {
    let base = url::Url::parse("https://mirror.example.org/x/y/").unwrap();
    let p = Post::parse_with(POST, &Options::new().base_url(Some(base))).unwrap();
    assert!(
        p.to_markdown()
            .contains("(https://mirror.example.org/x/c/d.html)")
    );
}

#[test]
fn extra_rules_remove_and_count() {
    let mut rules = Rules::builtin();
    rules.extend(Rules::from_yaml("rules:\n  - name: newsbox\n    tokens: [newsbox]\n").unwrap());
    let p = Post::parse_with(POST, &Options::new().rules(rules)).unwrap();
    assert!(!p.to_text().contains("自定义挂件"));
    assert_eq!(p.report().removed["newsbox"], 1);
    let p = Post::parse(POST).unwrap();
    assert!(p.to_text().contains("自定义挂件"));
    let e = Rules::from_yaml("rules: [ {name: \"\"} ]").unwrap_err();
    assert!(matches!(e, Error::Rules { .. }), "{e}");
}

#[test]
fn strict_front_matter_reports_line_and_column() {
    let bad = "---\ntitle: ok\nauthor: \"a\\q\"\n---\n<p>x</p>";
    let lenient = Post::parse(bad).unwrap();
    assert_eq!(lenient.metadata().author.as_deref(), Some("a\\q"));
    assert_eq!(lenient.report().warnings.len(), 1);
    match Post::parse_with(bad, &Options::new().strict_front_matter(true)) {
        // line 3 of the post (the opening `---` is line 1), column 11: the `\q` escape YAML refuses
        Err(Error::FrontMatterYaml { line, column, .. }) => assert_eq!((line, column), (3, 11)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn limits_are_typed_errors() {
    let small = Limits {
        max_input_bytes: 10,
        ..Limits::default()
    };
    assert!(matches!(
        Post::parse_with(POST, &Options::new().limits(small)),
        Err(Error::InputTooLarge { limit: 10, .. })
    ));
    let few = Limits {
        max_nodes: 5,
        ..Limits::default()
    };
    assert!(matches!(
        Post::parse_with(POST, &Options::new().limits(few)),
        Err(Error::TooManyNodes { limit: 5 })
    ));
}

#[test]
fn json_has_the_documented_schema() {
    let p = Post::parse(POST).unwrap();
    let v: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
    let m = &v["metadata"];
    assert_eq!(m["title"], "标题 Title");
    assert_eq!(m["source_url"], "https://news.example.com/a/b.html");
    assert_eq!(m["tags"], serde_json::json!(["x", "y"]));
    assert_eq!(m["published_ms"], 1620488400000i64);
    assert_eq!(m["extra"]["extra_key"], 7);
    for key in ["date", "author", "categories"] {
        assert!(m.get(key).is_some(), "{key}");
    }
    assert_eq!(v["markdown"], p.to_markdown().as_str());
    assert_eq!(v["text"], p.to_text().as_str());
    assert_eq!(v["blocks"][0]["type"], "paragraph");
    assert_eq!(v["blocks"][1]["type"], "list");
    assert_eq!(v["links"][0]["url"], "https://news.example.com/c/d.html");
    assert_eq!(v["links"][0]["text"], "链接");
    assert!(v["images"].is_array());
    assert_eq!(v["report"]["removed"]["tracking-parameter"], 1);
    assert!(v["report"]["warnings"].is_array());
}

/// A whole page's `<h1>` says its title: with front matter it goes there, and without front matter
/// it stays in the body, where it stood, rather than being nowhere.
#[test]
fn a_page_heading_stays_in_markdown_without_front_matter() {
    let input = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/page-title-heading/input.html"
    ))
    .unwrap();
    let post = tidings::Post::parse_bytes(&input).unwrap();
    let bare = post.to_markdown_with(&tidings::MarkdownOptions::new().front_matter(false));
    assert!(
        bare.starts_with("# Night buses return to the port city\n\nThe city's"),
        "{bare}"
    );
    let with = post.to_markdown();
    assert!(!with.contains("# Night buses"), "{with}");
    assert!(with.starts_with("---\n"), "{with}");
}
