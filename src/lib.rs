//! tidings turns news-article HTML, as feed archives deliver it, into clean Markdown, plain text,
//! JSON and sanitized HTML.
//!
//! A post is read once ([`Post::parse`], with [`Options`] for rules and limits): front matter and
//! feed header become [`Metadata`], the body is parsed with html5ever, cleaned by named rules (ads,
//! promos, placeholders, tracking, stray `<br>`) and built into a small document model ([`Block`],
//! [`Inline`]). Every output is written from that model, with options of its own
//! ([`MarkdownOptions`], [`TextOptions`], [`JsonOptions`], [`HtmlOptions`]), as many times as
//! needed; every removal is counted in the [`Report`].
//!
//! ```
//! use tidings::{Post, TextOptions};
//! let post = Post::parse(
//!     "---\ntitle: 示例\nfrom: https://news.example/a\n---\n\
//!      <p>第一段<br> <br>第二段</p><div id=\"dfp-ad-top\">广告</div>",
//! )?;
//! assert_eq!(post.to_text(), "示例\n\n第一段\n\n第二段\n");
//! assert_eq!(post.to_text_with(&TextOptions::new().title(false)), "第一段\n\n第二段\n");
//! assert!(post.to_markdown().ends_with("第一段\n\n第二段\n"));
//! assert_eq!(post.report().removed["ad-slot"], 1);
//! let json: serde_json::Value = serde_json::from_str(&post.to_json())?;
//! assert_eq!(json["metadata"]["source_url"], "https://news.example/a");
//! assert_eq!(post.to_html(), "<p>第一段</p>\n<p>第二段</p>\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Reading a file, with every kind of option (not run here, since there is no file):
//!
//! ```no_run
//! use tidings::{Format, MarkdownOptions, Options, Post, RenderOptions, Rules, TextOptions};
//!
//! let input = std::fs::read_to_string("post.md")?;
//! let post = Post::parse(&input)?;     // or Post::parse_bytes(&bytes)
//! let markdown = post.to_markdown();   // CommonMark + GFM tables, front matter on top
//! let text = post.to_text();           // title, then blocks separated by blank lines
//! let json = post.to_json();           // see the schema below
//! let html = post.to_html();           // sanitized by ammonia
//! println!("{:?}", post.report().removed); // {"ad-slot": 3, "promo": 2, ...}
//!
//! // reading choices: extra rules from YAML, strict YAML (also: base_url, limits)
//! let mut rules = Rules::builtin();
//! rules.extend(Rules::from_yaml("rules:\n  - name: my-widget\n    tokens: [newsbox]\n")?);
//! let post = Post::parse_with(&input, &Options::new().rules(rules).strict_front_matter(true))?;
//!
//! // writing choices, for a post already read: front matter off, text wrapped at 72 columns
//! // (also: TextOptions::title and list_markers, HtmlOptions::sanitize, JsonOptions)
//! let body = post.to_markdown_with(&MarkdownOptions::new().front_matter(false));
//! let wrapped = post.to_text_with(&TextOptions::new().width(Some(72)));
//!
//! // or a format picked by name, as the converter's --to does
//! let format = Format::from_name("md").expect("a format name");
//! let options = RenderOptions::new().markdown(MarkdownOptions::new().front_matter(false));
//! assert_eq!(post.render(format, &options), body);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cjk;
mod clean;
#[cfg(feature = "cli")]
pub mod cli;
mod dom;
mod encoding;
mod error;
mod learn;
mod model;
mod options;
mod page;
mod post;
pub mod render;
mod repair;
mod report;

use url::Url;

// The README's Rust snippets run as doc tests, so that what it shows a user compiles and holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}

pub use clean::rules::{Rule, Rules};
pub use encoding::{Decoded, EncodingSource, decode};
pub use error::{Error, Result};
pub use learn::{LEARNED_LINE, LearnSettings, Learner};
pub use model::{Block, Image, Inline, Numbering};
pub use options::{Limits, Options};
pub use post::Metadata;
pub use render::html::HtmlOptions;
pub use render::json::{Document as JsonDocument, JsonOptions, Link as JsonLink};
pub use render::markdown::MarkdownOptions;
pub use render::text::TextOptions;
pub use render::{Format, RenderOptions};
pub use report::{Report, Warning, WarningKind};

/// A cleaned article: its metadata, its content as blocks, and the report of what was removed.
/// Each output is written from it on request, so one post renders with any output options without
/// being read again.
#[derive(Debug, Clone)]
pub struct Post {
    metadata: Metadata,
    blocks: Vec<Block>,
    report: Report,
}

impl Post {
    /// Reads a post with the default [`Options`]: a Jekyll post (front matter, feed header, HTML
    /// body), a bare HTML fragment or page, or plain text.
    pub fn parse(input: &str) -> Result<Post> {
        Post::parse_with(input, &Options::default())
    }

    /// As [`Post::parse`], from bytes: UTF-8 for a post (the error gives the offset of the first
    /// invalid byte), a whole page in the encoding it declares or a detector finds, or the encoding
    /// [`Options::encoding`] names (see [`decode`]); `Metadata::encoding` says which when it was
    /// not strict UTF-8.
    pub fn parse_bytes(input: &[u8]) -> Result<Post> {
        Post::parse_bytes_with(input, &Options::default())
    }

    /// As [`Post::parse_bytes`], with options.
    pub fn parse_bytes_with(input: &[u8], options: &Options) -> Result<Post> {
        // decode() checks the size before it reads all of an input too large to take
        let decoded = decode(input, options)?;
        let mut post = Post::read(&decoded.text, options)?;
        if decoded.source != EncodingSource::Utf8 {
            post.metadata.encoding = Some(decoded.encoding.to_string());
            if decoded.had_errors {
                post.report.warn(
                    WarningKind::UndecodableBytes,
                    format!(
                        "some bytes were not valid {}; each became U+FFFD",
                        decoded.encoding
                    ),
                );
            }
        }
        Ok(post)
    }

    /// Reads a post with the given options.
    pub fn parse_with(input: &str, options: &Options) -> Result<Post> {
        options.limits.check_input(input.len())?;
        Post::read(input, options)
    }

    /// Reads a post whose size was checked.
    fn read(input: &str, options: &Options) -> Result<Post> {
        let limits = &options.limits;
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
        // Markdown writes this; YAML that was salvaged or holds `<`/`>` is written anew
        metadata.front_matter = parts
            .rewritten_front_matter
            .or_else(|| parts.front_matter.map(String::from));
        let blocks = if looks_like_html(parts.body) {
            let repaired = repair::repair(parts.body, limits.max_depth, limits.max_attributes);
            if repaired.flattened > 0 {
                report.warn(
                    WarningKind::FlattenedNesting,
                    format!(
                        "{} tags nested deeper than {} were flattened into their ancestor",
                        repaired.flattened, limits.max_depth
                    ),
                );
            }
            if repaired.attributes_dropped > 0 {
                report.warn(
                    WarningKind::DroppedAttributes,
                    format!(
                        "{} attributes past the limit of {} a tag were dropped from {} tags",
                        repaired.attributes_dropped, limits.max_attributes, repaired.crowded_tags
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
            if clean::article::is_whole_page(parts.body) {
                let roots = clean::article::article_roots(&dom, &rules);
                let page = page::read(&dom, &roots, base.as_ref());
                let page_base = base.clone().or_else(|| page.base.clone());
                page.merge_into(&mut metadata);
                clean::article::clean_roots(&dom, &roots, &rules, page_base.as_ref(), &mut report)
            } else {
                clean::clean(&dom, dom.body(), &rules, base.as_ref(), &mut report)
            }
        } else {
            clean::plain::blocks(parts.body, &rules, &mut report)
        };
        let mut blocks = blocks;
        let first = match blocks.first() {
            Some(b @ (Block::Heading { .. } | Block::Paragraph { .. }))
                if metadata.title.is_some() =>
            {
                Some(b.clone())
            }
            _ => None,
        };
        let before = blocks.len();
        clean::edges::drop_repeated_title(&mut blocks, metadata.title.as_deref(), &mut report);
        if blocks.len() < before {
            metadata.title_block = first;
        }
        if blocks.is_empty() {
            // a video or podcast post with nothing around its player: its source page is the post
            blocks.extend(clean::edges::source_media_link(&metadata, &rules));
        }
        Ok(Post {
            metadata,
            blocks,
            report,
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

    /// The front matter's YAML without its `---` lines, as the Markdown output writes it (see
    /// [`Metadata::front_matter`]).
    pub fn front_matter(&self) -> Option<&str> {
        self.metadata.front_matter.as_deref()
    }

    /// CommonMark (with GFM tables and strikethrough), the front matter on top.
    pub fn to_markdown(&self) -> String {
        self.to_markdown_with(&MarkdownOptions::default())
    }

    /// As [`Post::to_markdown`], with options.
    pub fn to_markdown_with(&self, options: &MarkdownOptions) -> String {
        render::markdown::write(&self.blocks, &self.metadata, options)
    }

    /// Plain text: the title, then the blocks separated by blank lines.
    pub fn to_text(&self) -> String {
        self.to_text_with(&TextOptions::default())
    }

    /// As [`Post::to_text`], with options.
    pub fn to_text_with(&self, options: &TextOptions) -> String {
        render::text::write(&self.blocks, &self.metadata, options)
    }

    /// One JSON object: metadata, markdown, text, blocks, images, links and the report.
    pub fn to_json(&self) -> String {
        self.to_json_with(&JsonOptions::default())
    }

    /// As [`Post::to_json`], with options.
    pub fn to_json_with(&self, options: &JsonOptions) -> String {
        render::json::write(&self.blocks, &self.metadata, &self.report, options)
    }

    /// The clean body as HTML, passed through ammonia for republishing.
    pub fn to_html(&self) -> String {
        self.to_html_with(&HtmlOptions::default())
    }

    /// As [`Post::to_html`], with options.
    pub fn to_html_with(&self, options: &HtmlOptions) -> String {
        render::html::write(&self.blocks, options)
    }

    /// The post in a format chosen at run time, with that format's options out of `options`.
    pub fn render(&self, format: Format, options: &RenderOptions) -> String {
        let doc = render::Document {
            blocks: &self.blocks,
            metadata: &self.metadata,
            report: &self.report,
        };
        format.write(&doc, options)
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
