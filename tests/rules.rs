//! Rules as data, through the public API: scoped to sites, renamed, turned off, printed and read back.

use tidings::{Options, Post, Rule, Rules, WarningKind};

const BODY: &str =
    "<p>Article text that stays.</p><div class=\"nl-box\">The weekly letter box</div>";

fn post(source: &str, rules: &Rules) -> Post {
    let input = format!("---\nfrom: {source}\n---\n{BODY}");
    Post::parse_with(&input, &Options::new().rules(rules.clone())).unwrap()
}

fn scoped() -> Rules {
    let mut rules = Rules::builtin();
    rules.extend(
        Rules::from_yaml(
            "rules:\n  - name: newsletter-box\n    sites: [example.com]\n    tokens: [nl-box]\n",
        )
        .unwrap(),
    );
    rules
}

#[test]
fn a_site_rule_fires_on_its_host_and_subdomains_only() {
    let rules = scoped();
    for source in [
        "https://example.com/a",
        "https://news.example.com/2024/b.html",
    ] {
        let p = post(source, &rules);
        assert_eq!(p.to_text(), "Article text that stays.\n", "{source}");
        assert_eq!(p.report().removed["newsletter-box"], 1, "{source}");
    }
    for source in [
        "https://badexample.com/a",
        "https://example.org/a",
        "no url",
    ] {
        let p = post(source, &rules);
        assert!(p.to_text().contains("The weekly letter box"), "{source}");
        assert!(!p.report().removed.contains_key("newsletter-box"));
    }
}

#[test]
fn the_base_url_gives_the_site_when_the_post_has_no_source() {
    let base = url::Url::parse("https://www.example.com/feed/").unwrap();
    let options = Options::new().rules(scoped()).base_url(Some(base));
    let p = Post::parse_with(BODY, &options).unwrap();
    assert_eq!(p.report().removed["newsletter-box"], 1);
}

#[test]
fn policy_names_come_from_the_rule_data() {
    const LISTED: &str = "<h2>Related</h2><ul><li><a href=\"/a\">Another story</a></li></ul>\
        <p>The article itself, long enough that the list is a minor part of the text.</p>\
        <p hidden>Hidden</p>";
    let renamed: Vec<Rule> = Rules::builtin()
        .iter()
        .filter(|r| r.name != "related-links")
        .map(|r| {
            let mut r = r.clone();
            if r.name == "hidden" {
                r.name = "invisible".to_string();
            }
            r
        })
        .collect();
    let rules = Rules::from_rules(renamed).unwrap();
    let p = Post::parse_with(LISTED, &Options::new().rules(rules)).unwrap();
    assert!(p.to_text().contains("Another story"), "{}", p.to_text());
    assert_eq!(p.report().removed.get("invisible"), Some(&1));
    assert!(!p.report().removed.contains_key("hidden"));
    assert!(!p.report().removed.contains_key("related-links"));

    let p = Post::parse(LISTED).unwrap();
    assert!(!p.to_text().contains("Another story"));
    assert_eq!(p.report().removed["related-links"], 2);
    assert_eq!(p.report().removed["hidden"], 1);
}

#[test]
fn rules_print_as_yaml_that_reads_back() {
    let rules = scoped();
    let yaml = rules.to_yaml();
    assert!(yaml.contains("name: newsletter-box"));
    assert_eq!(Rules::from_yaml(&yaml).unwrap(), rules);
}

/// A conversion that keeps nothing of an input a reader sees text in says so: here a user's rule
/// takes every line.
#[test]
fn an_empty_article_is_reported() {
    let rules = Rules::from_yaml("rules:\n  - name: every-line\n    phrases: [段]\n").unwrap();
    let body: String = (1..=8)
        .map(|i| format!("<p>第{i}段：这一段文字足够长，读者在浏览器里看得见它。</p>"))
        .collect();
    let post = Post::parse_with(&body, &Options::new().rules(rules)).unwrap();
    assert!(post.blocks().is_empty());
    let kinds: Vec<_> = post.report().warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, [WarningKind::EmptyArticle]);
    // a short input that gives nothing is no failure to report
    let rules = Rules::from_yaml("rules:\n  - name: every-line\n    phrases: [段]\n").unwrap();
    let post = Post::parse_with("<p>一段。</p>", &Options::new().rules(rules)).unwrap();
    assert!(post.report().warnings.is_empty());
}
