//! One JSON object per post: metadata, the Markdown and text renderings, the blocks, the images and
//! links found, and the cleaning report. The schema is documented in the README.

use serde::Serialize;

use crate::Post;
use crate::model::{Block, Image, Inline, walk_blocks, walk_inlines};
use crate::post::Metadata;
use crate::report::Report;

#[derive(Serialize)]
struct Document<'a> {
    metadata: &'a Metadata,
    markdown: String,
    text: String,
    blocks: &'a [Block],
    images: Vec<&'a Image>,
    links: Vec<Link<'a>>,
    report: &'a Report,
}

#[derive(Serialize)]
struct Link<'a> {
    url: &'a str,
    text: String,
}

/// The post as a JSON object.
pub fn render(post: &Post) -> String {
    let mut images = Vec::new();
    walk_blocks(post.blocks(), &mut |b| {
        if let Block::Figure { image, .. } = b {
            images.push(image);
        }
    });
    let mut links = Vec::new();
    walk_inlines(post.blocks(), &mut |i| match i {
        Inline::Image { image } => images.push(image),
        Inline::Link { url, content, .. } => links.push(Link {
            url,
            text: super::text::inlines(content),
        }),
        _ => {}
    });
    let doc = Document {
        metadata: post.metadata(),
        markdown: post.to_markdown(),
        text: post.to_text(),
        blocks: post.blocks(),
        images,
        links,
        report: post.report(),
    };
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(&doc).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}
