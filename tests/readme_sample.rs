//! The README shows a sample post and what the converter writes for it; this holds the two
//! together: the first `html` block is the input, the first `markdown` and `text` blocks are the
//! outputs, the removals line is the report.

use tidings::Post;

fn block<'a>(readme: &'a str, lang: &str) -> &'a str {
    let fence = format!("```{lang}\n");
    let start = readme
        .find(&fence)
        .unwrap_or_else(|| panic!("no {lang} block"))
        + fence.len();
    let len = readme[start..].find("```\n").expect("closed block");
    &readme[start..start + len]
}

#[test]
fn the_readme_sample_is_what_tidings_writes() {
    let readme = include_str!("../README.md");
    let post = Post::parse(block(readme, "html")).expect("the sample reads");
    assert_eq!(post.to_markdown(), block(readme, "markdown"));
    assert_eq!(post.to_text(), block(readme, "text"));
    let removed = serde_json::to_string(&post.report().removed).expect("json");
    let shown = removed.replace("\":", "\": ").replace(",\"", ", \"");
    assert!(
        readme.contains(&format!("`{shown}`")),
        "README should show {shown}"
    );
}
