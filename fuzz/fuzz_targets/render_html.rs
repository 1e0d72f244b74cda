//! Sanitized HTML of any input: nothing executable, by a browser-grade parse of the output.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|input: &str| {
    if let Ok(post) = tidings::Post::parse(input) {
        let html = post.to_html();
        let v = common::html_violations(&html);
        assert!(v.is_empty(), "{}\n{html}", v.join("\n"));
    }
});
