//! Property tests over small generated HTML (a grammar of tags, attributes and text, CJK included):
//! nothing panics and every invariant in `common` holds. Bounded to 64 cases each so `cargo test`
//! stays fast; the fuzz targets explore further.

mod common;
#[path = "common/explore.rs"]
mod explore;

use proptest::prelude::*;
use tidings::{Error, Limits, Options};

const TAGS: &[&str] = &[
    "p",
    "div",
    "span",
    "b",
    "i",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h3",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "code",
    "figure",
    "figcaption",
    "img",
    "br",
    "del",
    "s",
    "section",
    "article",
    "aside",
    "script",
    "style",
    "svg",
    "math",
    "template",
    "noscript",
    "iframe",
    "form",
    "button",
    "textarea",
    "select",
    "option",
    "hr",
    "sup",
    "font",
    "center",
];

const ATTRS: &[&str] = &[
    "href=\"https://news.example/a?utm_source=x\"",
    "href=\"javascript:alert(1)\"",
    "href=\"jav&#x09;ascript:alert(1)\"",
    "href=\"/rel/path\"",
    "href=\"#frag\"",
    "src=\"https://img.example/a.jpg\"",
    "src=\"data:image/gif;base64,R0lGOD\"",
    "data-src=\"https://img.example/lazy.jpg\"",
    "onclick=\"alert(1)\"",
    "onerror=alert(1)",
    "style=\"color:red\"",
    "class=\"ad-slot\"",
    "class=\"caption\"",
    "id=\"dfp-ad-top\"",
    "title=\"t\"",
    "alt=\"图片\"",
    "colspan=\"1000000\"",
    "rowspan=\"0\"",
    "start=\"7\"",
    "hidden",
];

const TEXTS: &[&str] = &[
    "text",
    "第一段",
    "中文，标点。",
    "a*b_c",
    "1. not a list",
    "# not a heading",
    "- dash",
    "> quote",
    "&amp; &lt;b&gt; &#xD800; &nbsp;",
    "[x](javascript:alert(1))",
    "`tick`",
    "|pipe|",
    "  ",
    "\n",
    "\\",
    "<",
    "日本語テキスト",
    "한국어",
    "Advertisement",
    "x",
    "1)",
    "+",
    "~~s~~",
    "!",
    "*",
];

fn node() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(TEXTS).prop_map(str::to_string);
    leaf.prop_recursive(6, 48, 6, |inner| {
        (
            prop::sample::select(TAGS),
            prop::collection::vec(prop::sample::select(ATTRS), 0..3),
            prop::collection::vec(inner, 0..5),
            prop::bool::weighted(0.85),
        )
            .prop_map(|(tag, attrs, kids, close)| {
                let mut s = format!("<{tag}");
                for a in attrs {
                    s.push(' ');
                    s.push_str(a);
                }
                s.push('>');
                s.push_str(&kids.concat());
                if close {
                    s.push_str(&format!("</{tag}>"));
                }
                s
            })
    })
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::option::of(prop::sample::select(&["T", "标题", "<b>x</b>", "a: b"][..])),
        prop::collection::vec(node(), 1..6),
    )
        .prop_map(|(title, body)| match title {
            Some(t) => format!("---\ntitle: \"{t}\"\n---\n{}", body.concat()),
            None => body.concat(),
        })
}

proptest! {
    // a fixed seed and count for CI; PROPTEST_CASES and PROPTEST_RNG_SEED explore
    #![proptest_config(explore::config(64, 0x7469_6469_6e68))]

    // front matter, when generated, is well formed: every document converts
    #[test]
    fn generated_html_keeps_the_invariants(input in document()) {
        let result = common::check(&input);
        prop_assert!(result.is_ok(), "{:?}", result.err());
    }

    #[test]
    fn shallow_depth_limit_keeps_the_invariants(input in document()) {
        let opts = Options::new().limits(Limits { max_depth: 3, ..Limits::default() });
        let result = common::check_with(&input, &opts);
        // nesting past the limit is flattened, never refused
        prop_assert!(result.is_ok(), "{:?}", result.err());
    }

    // `\PC` has no line breaks, so no front matter can open: every string converts
    #[test]
    fn arbitrary_strings_convert_and_keep_the_invariants(input in "\\PC{0,200}") {
        let result = common::check(&input);
        prop_assert!(result.is_ok(), "{:?}", result.err());
    }

    #[test]
    fn arbitrary_bytes_convert_or_name_the_first_bad_byte(
        bytes in prop::collection::vec(any::<u8>(), 0..300)
    ) {
        match (std::str::from_utf8(&bytes), tidings::Post::parse_bytes(&bytes)) {
            (Err(utf8), Err(Error::InvalidUtf8 { offset })) => {
                prop_assert_eq!(offset, utf8.valid_up_to())
            }
            (Ok(_), Ok(_)) => {}
            // a UTF-16 byte-order mark says how the rest is encoded, as browsers read it
            (Err(_), Ok(_)) if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) => {}
            // random bytes may open front matter (`---` and a line break) and never close it
            (Ok(text), Err(Error::UnterminatedFrontMatter | Error::FrontMatterNotMapping { .. })) => {
                prop_assert!(text.starts_with("---"), "{:?}", text)
            }
            (utf8, result) => prop_assert!(false, "{:?} gave {:?}", utf8.err(), result.err()),
        }
    }
}
