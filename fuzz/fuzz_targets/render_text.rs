//! Text of any input: what a CommonMark reader of our Markdown sees, and never a NUL.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|input: &str| {
    let opts = tidings::Options::new()
        .title_in_text(false)
        .front_matter(false);
    if let Ok(post) = tidings::Post::parse_with(input, &opts) {
        let text = post.to_text();
        let theirs = common::markdown_as_text(&post.to_markdown());
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&text), squeeze(&theirs));
        let wrapped = tidings::Post::parse_with(input, &opts.clone().text_width(Some(7)));
        if let Ok(w) = wrapped {
            assert_eq!(squeeze(&w.to_text()), squeeze(&text));
        }
    }
});
