//! Text of any input: what a CommonMark reader of our Markdown sees, and never a NUL.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|input: &str| {
    let text_opts = tidings::TextOptions::new().title(false);
    let markdown_opts = tidings::MarkdownOptions::new().front_matter(false);
    if let Ok(post) = tidings::Post::parse(input) {
        let text = post.to_text_with(&text_opts);
        let theirs = common::markdown_as_text(&post.to_markdown_with(&markdown_opts));
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&text), squeeze(&theirs));
        let wrapped = post.to_text_with(&text_opts.width(Some(7)));
        assert_eq!(squeeze(&wrapped), squeeze(&text));
    }
});
