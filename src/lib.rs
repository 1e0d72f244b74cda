//! tidings turns news-article HTML, as feed archives deliver it, into clean Markdown, plain text,
//! JSON and sanitized HTML.
//!
//! A post is read once ([`Post::parse`]): front matter and feed header become [`Metadata`], the body
//! is parsed with html5ever, cleaned by named rules (ads, promos, placeholders, tracking, stray
//! `<br>`) and built into a small document model ([`Block`], [`Inline`]). Every output is rendered
//! from that model, and every removal is counted in the [`Report`].
//!
//! ```
//! let post = tidings::Post::parse(
//!     "---\ntitle: 示例\nfrom: https://news.example/a\n---\n\
//!      <p>第一段<br> <br>第二段</p><div id=\"dfp-ad-top\">广告</div>",
//! )?;
//! assert_eq!(post.to_text(), "示例\n\n第一段\n\n第二段\n");
//! assert!(post.to_markdown().ends_with("第一段\n\n第二段\n"));
//! assert_eq!(post.report().removed["ad-slot"], 1);
//! let json: serde_json::Value = serde_json::from_str(&post.to_json())?;
//! assert_eq!(json["metadata"]["source_url"], "https://news.example/a");
//! assert_eq!(post.to_html(), "<p>第一段</p>\n<p>第二段</p>\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cjk;
mod clean;
mod dom;
mod error;
pub mod model;
mod options;
mod post;
pub mod render;
mod repair;
mod report;

use url::Url;

pub use clean::rules::{Rule, Rules};
pub use error::{Error, Result};
pub use model::{Block, Image, Inline};
pub use options::{Limits, Options};
pub use post::Metadata;
pub use report::{Report, Warning, WarningKind};

/// A cleaned article: its metadata, its content as blocks, and the report of what was removed.
#[derive(Debug, Clone)]
pub struct Post {
    metadata: Metadata,
    front_matter: Option<String>,
    /// What Markdown writes instead of `front_matter` when that cannot go out as written.
    rewritten_front_matter: Option<String>,
    blocks: Vec<Block>,
    report: Report,
    options: Options,
}

impl Post {
    /// Reads a post with the default [`Options`]: a Jekyll post (front matter, feed header, HTML
    /// body), a bare HTML fragment or page, or plain text.
    pub fn parse(input: &str) -> Result<Post> {
        Post::parse_with(input, &Options::default())
    }

    /// As [`Post::parse`], from bytes that must be UTF-8; the error gives the offset of the first
    /// invalid byte.
    pub fn parse_bytes(input: &[u8]) -> Result<Post> {
        Post::parse_bytes_with(input, &Options::default())
    }

    /// As [`Post::parse_bytes`], with options.
    pub fn parse_bytes_with(input: &[u8], options: &Options) -> Result<Post> {
        let limit = options.limits.max_input_bytes;
        if input.len() > limit {
            return Err(Error::InputTooLarge {
                size: input.len(),
                limit,
            });
        }
        let text = std::str::from_utf8(input).map_err(|e| Error::InvalidUtf8 {
            offset: e.valid_up_to(),
        })?;
        Post::parse_with(text, options)
    }

    /// Reads a post with the given options.
    pub fn parse_with(input: &str, options: &Options) -> Result<Post> {
        let limits = &options.limits;
        if input.len() > limits.max_input_bytes {
            return Err(Error::InputTooLarge {
                size: input.len(),
                limit: limits.max_input_bytes,
            });
        }
        let input = lone_cr_to_lf(input);
        let parts = post::split(&input, options.strict_front_matter)?;
        let mut report = Report {
            warnings: parts.warnings,
            ..Report::default()
        };
        let base = options.base_url.clone().or_else(|| {
            parts
                .meta
                .source_url
                .as_deref()
                .and_then(|u| Url::parse(u).ok())
        });
        let mut metadata = parts.meta;
        let rules = options
            .rules
            .in_force(metadata.source_url.as_deref(), base.as_ref());
        let blocks = if looks_like_html(parts.body) {
            let repaired = repair::repair(parts.body, limits.max_depth);
            if repaired.flattened > 0 {
                report.warn(
                    WarningKind::FlattenedNesting,
                    format!(
                        "{} tags nested deeper than {} were flattened into their ancestor",
                        repaired.flattened, limits.max_depth
                    ),
                );
            }
            if repaired.closed > 0 {
                report.warn(
                    WarningKind::ClosedRawText,
                    format!(
                        "{} self-closed raw-text elements (<iframe/>, <script/>) were given an end \
                         tag, so that the text after them stays text",
                        repaired.closed
                    ),
                );
            }
            let dom = dom::Dom::parse(&repaired.html, limits.max_nodes)?;
            let root = if clean::article::is_whole_page(parts.body) {
                if metadata.title.is_none() {
                    metadata.title = dom.first_text("title");
                }
                clean::article::article_root(&dom, &rules)
            } else {
                dom.body()
            };
            clean::clean(&dom, root, &rules, base.as_ref(), &mut report)
        } else {
            clean::plain::blocks(parts.body, &rules, &mut report)
        };
        Ok(Post {
            metadata,
            front_matter: parts.front_matter.map(String::from),
            rewritten_front_matter: parts.rewritten_front_matter,
            blocks,
            report,
            options: options.clone(),
        })
    }

    /// Title, date, author, source, tags and the rest of the front matter.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// The article's content.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// What the cleaner removed, by rule.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The front matter's YAML as written, without its `---` lines.
    pub fn front_matter(&self) -> Option<&str> {
        self.front_matter.as_deref()
    }

    /// CommonMark (with GFM tables and strikethrough), the front matter on top unless
    /// [`Options::front_matter`] turned it off.
    pub fn to_markdown(&self) -> String {
        render::markdown::render(self)
    }

    /// Plain text: the title, then the blocks separated by blank lines.
    pub fn to_text(&self) -> String {
        render::text::render(self)
    }

    /// One JSON object: metadata, markdown, text, blocks, images, links and the report.
    pub fn to_json(&self) -> String {
        render::json::render(self)
    }

    /// The clean body as HTML, passed through ammonia for republishing.
    pub fn to_html(&self) -> String {
        render::html::render(self)
    }

    /// The front matter as Markdown writes it: as written, unless it was salvaged or holds raw HTML.
    pub(crate) fn markdown_front_matter(&self) -> Option<&str> {
        self.rewritten_front_matter
            .as_deref()
            .or(self.front_matter.as_deref())
    }

    pub(crate) fn options(&self) -> &Options {
        &self.options
    }
}

/// Old Mac line endings: the front matter reader splits on `\n`, so a post whose lines end in a lone
/// `\r` would lose its front matter. HTML parsing already treats a lone `\r` as a line break, so
/// only the front matter sees a difference. CRLF is left alone: front matter is kept as written.
fn lone_cr_to_lf(input: &str) -> std::borrow::Cow<'_, str> {
    let bytes = input.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !input.contains('\r') || !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether the body has markup at all; feeds that deliver plain text separate paragraphs by blank
/// lines instead.
fn looks_like_html(body: &str) -> bool {
    let bytes = body.as_bytes();
    bytes
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        || body.contains("&#")
        || body.contains("&nbsp;")
        || body.contains("&amp;")
}
