//! The over-removal guard, on generated articles: whatever junk classes wrap an article or its
//! paragraphs, no rule and no combination of rules empties it. At least a quarter of the article's
//! text always reaches the output.

use proptest::prelude::*;
use tidings::Post;

/// Class names that built-in rules remove, as a page might put them on an article's wrappers.
const JUNK_CLASSES: &[&str] = &[
    "ads",
    "adn ads",
    "share-buttons",
    "comments__entry",
    "related",
    "promo",
    "sponsor",
    "newsletter",
    "social",
    "comment-list",
    "sr-only",
    "navigation pagination",
];

fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            "港口",
            "夜间",
            "公交",
            "市民",
            "线路",
            "试行",
            "医院",
            "大学城",
            "河口",
            "候鸟",
        ]),
        10..30,
    )
    .prop_map(|words| format!("{}。", words.concat()))
}

fn visible(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, rng_seed: proptest::test_runner::RngSeed::Fixed(8), ..ProptestConfig::default() })]

    #[test]
    fn no_rule_empties_an_article(
        paragraphs in proptest::collection::vec(paragraph(), 3..8),
        outer in proptest::collection::vec(prop::sample::select(JUNK_CLASSES.to_vec()), 0..3),
        inner in proptest::collection::vec(prop::option::of(prop::sample::select(JUNK_CLASSES.to_vec())), 8),
    ) {
        let mut body = String::new();
        for (i, p) in paragraphs.iter().enumerate() {
            match inner[i % inner.len()] {
                Some(class) => body.push_str(&format!("<div class=\"{class}\"><p>{p}</p></div>")),
                None => body.push_str(&format!("<p>{p}</p>")),
            }
        }
        for class in &outer {
            body = format!("<div class=\"{class}\">{body}</div>");
        }
        let post = Post::parse(&format!("---\ntitle: t\n---\n{body}")).unwrap();
        let text = post.to_text();
        let article: usize = paragraphs.iter().map(|p| visible(p)).sum();
        let kept: usize = paragraphs.iter().filter(|p| text.contains(p.as_str())).map(|p| visible(p)).sum();
        prop_assert!(
            kept * 4 >= article,
            "kept {kept} of {article} characters\n{body}\n=> {text}\n{:?}",
            post.report()
        );
    }
}
