//! Markdown of any input: no raw HTML, no unsafe link schemes, and the same text as our text output.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|input: &str| {
    if let Ok(post) = tidings::Post::parse(input) {
        let md = post.to_markdown();
        let body = common::markdown_body(&post, &md);
        let v = common::markdown_violations(&body);
        assert!(v.is_empty(), "{}", v.join("\n"));
    }
});
