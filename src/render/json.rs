//! One JSON object per post: metadata, the Markdown and text renderings, the blocks, the images and
//! links found, and the cleaning report. The schema is documented in the README.

use serde::Serialize;

use super::markdown::{self, MarkdownOptions};
use super::text::{self, TextOptions};
use super::{Document, RenderOptions, Spec};
use crate::model::events::leaves;
use crate::model::{Block, Image, Inline, walk_inlines};
use crate::post::Metadata;
use crate::report::Report;

pub(crate) const FORMAT: Spec = Spec {
    name: "json",
    aliases: &[],
    extension: "json",
    write: |doc: &Document<'_>, options: &RenderOptions| {
        write(doc.blocks, doc.metadata, doc.report, &options.json())
    },
};

/// How the JSON is written: it embeds the Markdown and the text, written with these options.
///
/// # Defaults
/// The defaults of [`MarkdownOptions`] and [`TextOptions`].
///
/// ```
/// use tidings::{JsonOptions, MarkdownOptions, Post};
/// let post = Post::parse("---\ntitle: T\n---\n<p>body</p>")?;
/// let options = JsonOptions::new().markdown(MarkdownOptions::new().front_matter(false));
/// let json: serde_json::Value = serde_json::from_str(&post.to_json_with(&options))?;
/// assert_eq!(json["markdown"], "body\n");
/// assert_eq!(json["text"], "T\n\nbody\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsonOptions {
    markdown: MarkdownOptions,
    text: TextOptions,
}

impl JsonOptions {
    /// The defaults.
    pub fn new() -> JsonOptions {
        JsonOptions::default()
    }

    /// The options of the `markdown` field.
    ///
    /// # Defaults
    /// [`MarkdownOptions::default`].
    pub fn markdown(mut self, options: MarkdownOptions) -> JsonOptions {
        self.markdown = options;
        self
    }

    /// The options of the `text` field.
    ///
    /// # Defaults
    /// [`TextOptions::default`].
    pub fn text(mut self, options: TextOptions) -> JsonOptions {
        self.text = options;
        self
    }
}

#[derive(Serialize)]
struct Output<'a> {
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

/// The blocks, with their metadata and report, as one JSON object.
///
/// ```
/// use tidings::render::json;
/// use tidings::{Block, Inline, JsonOptions, Metadata, Report};
/// let blocks = vec![Block::Paragraph {
///     content: vec![Inline::Link { url: "https://x.example/".into(), title: None, content: vec![Inline::text("x")] }],
/// }];
/// let out = json::write(&blocks, &Metadata::default(), &Report::default(), &JsonOptions::new());
/// let v: serde_json::Value = serde_json::from_str(&out)?;
/// assert_eq!(v["links"][0]["url"], "https://x.example/");
/// assert_eq!(v["text"], "x\n");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn write(
    blocks: &[Block],
    metadata: &Metadata,
    report: &Report,
    options: &JsonOptions,
) -> String {
    // figures first, then the images inside text
    let mut images: Vec<&Image> = leaves(blocks)
        .filter_map(|b| match b {
            Block::Figure { image, .. } => Some(image),
            _ => None,
        })
        .collect();
    let mut links = Vec::new();
    walk_inlines(blocks, &mut |i| match i {
        Inline::Image { image } => images.push(image),
        Inline::Link { url, content, .. } => links.push(Link {
            url,
            text: text::visible_text(content),
        }),
        _ => {}
    });
    let out = Output {
        metadata,
        markdown: markdown::write(blocks, metadata, &options.markdown),
        text: text::write(blocks, metadata, &options.text),
        blocks,
        images,
        links,
        report,
    };
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(&out).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}
