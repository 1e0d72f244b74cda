//! Every invariant, idempotence included: the sanitized HTML converts back to the same Markdown.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|input: &str| {
    if let Ok(post) = tidings::Post::parse(input) {
        let v = common::violations(&post, true);
        assert!(v.is_empty(), "{}", v.join("\n"));
    }
});
