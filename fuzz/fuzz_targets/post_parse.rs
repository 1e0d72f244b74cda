//! Any bytes: parsing never panics, and whatever parses keeps the output invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(post) = tidings::Post::parse_bytes(data) {
        let v = common::violations(&post, false);
        assert!(v.is_empty(), "{}", v.join("\n"));
    }
});
