//! Inputs that open front matter, in both modes: typed errors or a post, never a panic, and strict
//! mode never accepts what lenient mode rejects.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|input: &str| {
    let input = format!("---\n{input}");
    let lenient = tidings::Post::parse(&input);
    let strict =
        tidings::Post::parse_with(&input, &tidings::Options::new().strict_front_matter(true));
    if strict.is_ok() {
        assert!(lenient.is_ok());
    }
    if let Ok(post) = lenient {
        let _ = post.to_json();
        let v = common::violations(&post, false);
        assert!(v.is_empty(), "{}", v.join("\n"));
    }
});
