//! Inputs that open front matter, in both modes: typed errors or a post, never a panic; strict mode
//! never accepts what lenient mode rejects; the front matter Markdown writes holds no `<` or `>`
//! (it is rewritten with `\u003c`/`\u003e` escapes when it would); and every output invariant but
//! idempotence holds.
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
        let md = post.to_markdown();
        let body = common::markdown_body(&post, &md);
        let block = &md[..md.len() - body.len()];
        assert!(
            !block.contains(['<', '>']),
            "raw < or > in the Markdown front matter: {block:?}"
        );
        let v = common::violations(&post, false);
        assert!(v.is_empty(), "{}", v.join("\n"));
    }
});
