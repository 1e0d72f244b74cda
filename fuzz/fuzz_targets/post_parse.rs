//! Any bytes: parsing never panics, and the JSON of whatever parses is valid and carries the same
//! Markdown and text as the renderers. Bytes that are not UTF-8 are decoded lossily, so that they
//! still reach the pipeline instead of stopping at the UTF-8 check. The HTML and Markdown safety
//! checks live in `render_html` and `render_markdown` (and `roundtrip` and `html_tree` run them all),
//! so this target stays cheap.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    if let Ok(post) = tidings::Post::parse(&input) {
        let json: serde_json::Value =
            serde_json::from_str(&post.to_json()).expect("the JSON output parses");
        assert_eq!(json["markdown"], post.to_markdown().as_str());
        assert_eq!(json["text"], post.to_text().as_str());
    }
});
