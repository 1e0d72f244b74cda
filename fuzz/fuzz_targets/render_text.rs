//! Text of any input: what a CommonMark reader of our Markdown sees, wrapped or not. One parse per
//! input: the first byte picks whether the text is wrapped (at 7 columns, narrow enough to wrap
//! almost every line), since wrapping changes only whitespace and the comparison ignores it.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|input: &str| {
    let wrap = input.as_bytes().first().is_some_and(|b| b & 1 == 1);
    let text_opts = tidings::TextOptions::new()
        .title(false)
        .width(wrap.then_some(7));
    let markdown_opts = tidings::MarkdownOptions::new().front_matter(false);
    if let Ok(post) = tidings::Post::parse(input) {
        let text = post.to_text_with(&text_opts);
        let theirs = common::markdown_as_text(&post.to_markdown_with(&markdown_opts));
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&text), squeeze(&theirs), "wrapped: {wrap}");
    }
});
