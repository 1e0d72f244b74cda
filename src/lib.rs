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

mod audit;
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
mod simple_yaml;

use url::Url;

// The README's Rust snippets run as doc tests, so that what it shows a user compiles and holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}

/// The boundary model's features and decision, for `examples/fit_boundary.rs`.
#[doc(hidden)]
pub use audit::{Removal, RemovalKind};
pub use clean::article::boundary;
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
///
/// ```
/// use tidings::{Post, TextOptions};
/// let post = Post::parse("---\ntitle: T\n---\n<p>Read once,</p><p>written as often as needed.</p>")?;
/// assert_eq!(post.blocks().len(), 2);
/// assert_eq!(post.to_text(), "T\n\nRead once,\n\nwritten as often as needed.\n");
/// assert_eq!(post.to_text_with(&TextOptions::new().title(false)), "Read once,\n\nwritten as often as needed.\n");
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Post {
    metadata: Metadata,
    blocks: Vec<Block>,
    report: Report,
}

impl Post {
    /// Reads a post with the default [`Options`]: a Jekyll post (front matter, feed header, HTML
    /// body), a bare HTML fragment or page, or plain text.
    ///
    /// ```
    /// use tidings::{Error, Post};
    /// let post = Post::parse("---\ntitle: 标题\n---\n<p>正文</p>")?;
    /// assert_eq!(post.metadata().title.as_deref(), Some("标题"));
    /// assert_eq!(Post::parse("第一段\n\n第二段\n")?.blocks().len(), 2); // plain text
    /// assert_eq!(Post::parse("---\ntitle: x\n<p>no end</p>").unwrap_err(), Error::UnterminatedFrontMatter);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn parse(input: &str) -> Result<Post> {
        Post::parse_with(input, &Options::default())
    }

    /// As [`Post::parse`], from bytes: UTF-8 for a post (the error gives the offset of the first
    /// invalid byte), a whole page in the encoding it declares or a detector finds, or the encoding
    /// [`Options::encoding`] names (see [`decode`]); `Metadata::encoding` says which when it was
    /// not strict UTF-8.
    ///
    /// ```
    /// use tidings::{Error, Post};
    /// assert_eq!(Post::parse_bytes("<p>正文</p>".as_bytes())?.to_text(), "正文\n");
    /// // a page that declares its encoding is read in it
    /// let page = b"<html><head><meta charset=gbk></head><body><p>\xd5\xfd\xce\xc4</p></body></html>";
    /// let post = Post::parse_bytes(page)?;
    /// assert_eq!(post.to_text(), "正文\n");
    /// assert_eq!(post.metadata().encoding.as_deref(), Some("GBK"));
    /// // a post must be UTF-8
    /// assert_eq!(Post::parse_bytes(b"<p>ok</p>\xff").unwrap_err(), Error::InvalidUtf8 { offset: 9 });
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn parse_bytes(input: &[u8]) -> Result<Post> {
        Post::parse_bytes_with(input, &Options::default())
    }

    /// As [`Post::parse_bytes`], with options: [`Options::encoding`] names the encoding of bytes
    /// that do not say.
    ///
    /// ```
    /// use tidings::{Options, Post};
    /// let options = Options::new().encoding(Some("windows-1252".into()));
    /// let post = Post::parse_bytes_with(b"<p>caf\xe9</p>", &options)?;
    /// assert_eq!(post.to_text(), "café\n");
    /// assert_eq!(post.metadata().encoding.as_deref(), Some("windows-1252"));
    /// # Ok::<(), tidings::Error>(())
    /// ```
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
    ///
    /// ```
    /// use tidings::{Error, Limits, Options, Post};
    /// let strict = Options::new().strict_front_matter(true);
    /// let bad_yaml = "---\ntitle: [unclosed\n---\n<p>x</p>";
    /// assert!(matches!(Post::parse_with(bad_yaml, &strict), Err(Error::FrontMatterYaml { .. })));
    /// // lenient by default: the YAML error becomes a warning
    /// assert_eq!(Post::parse(bad_yaml)?.report().warnings.len(), 1);
    /// let small = Options::new().limits(Limits { max_input_bytes: 4, ..Limits::default() });
    /// assert_eq!(
    ///     Post::parse_with("<p>too long</p>", &small).unwrap_err(),
    ///     Error::InputTooLarge { size: 15, limit: 4 }
    /// );
    /// # Ok::<(), tidings::Error>(())
    /// ```
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
            recorder: options.audit.map(|n| Box::new(audit::Recorder::new(n))),
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
        let mut rules = options
            .rules
            .in_force(metadata.source_url.as_deref(), base.as_ref());
        rules.set_outlet(clean::article::outlet::of(&metadata));
        // Markdown writes this; YAML that was salvaged or holds `<`/`>` is written anew
        metadata.front_matter = parts
            .rewritten_front_matter
            .or_else(|| parts.front_matter.map(String::from));
        // a page's front matter is written from what is found; a post's own stays as it is
        let own_front_matter = metadata.front_matter.is_some();
        let mut blocks = if looks_like_html(parts.body) {
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
            clean::article::from_dom(
                &dom,
                clean::article::container::is_whole_page(parts.body),
                &mut rules,
                base.as_ref(),
                &mut metadata,
                &mut report,
            )
        } else {
            clean::plain::blocks(parts.body, &rules, &mut report)
        };
        clean::article::finish(
            &mut blocks,
            &rules,
            &mut metadata,
            own_front_matter,
            &mut report,
        );
        if let Some(recorder) = report.recorder.take() {
            report.removals = Some(recorder.finish(blocks.len()));
        }
        Ok(Post {
            metadata,
            blocks,
            report,
        })
    }

    /// Title, date, author, source, tags and the rest of the front matter.
    ///
    /// ```
    /// let post = tidings::Post::parse("---\ntitle: T\ntags: [a, b]\nlayout: post\n---\n<p>x</p>")?;
    /// let meta = post.metadata();
    /// assert_eq!(meta.title.as_deref(), Some("T"));
    /// assert_eq!(meta.tags, ["a", "b"]);
    /// assert_eq!(meta.extra["layout"], "post"); // keys without a field of their own
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// The article's content.
    ///
    /// ```
    /// use tidings::{Block, Inline, Post};
    /// let post = Post::parse("<h2>Head</h2><p>Body</p>")?;
    /// assert_eq!(
    ///     post.blocks(),
    ///     [
    ///         Block::Heading { level: 2, content: vec![Inline::text("Head")] },
    ///         Block::Paragraph { content: vec![Inline::text("Body")] },
    ///     ]
    /// );
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// What the cleaner removed, by rule, and the problems it worked around.
    ///
    /// ```
    /// let post = tidings::Post::parse("<p>Text</p><div class=\"sharedaddy\">Share</div><div id=\"dfp-ad-1\">Ad</div>")?;
    /// let report = post.report();
    /// assert_eq!(report.removed["share"], 1);
    /// assert_eq!(report.removed["ad-slot"], 1);
    /// assert_eq!(report.total(), 2);
    /// assert!(report.warnings.is_empty());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Every removal, what it took and where it stood, in the article's order: recorded only with
    /// [`Options::audit`] (empty without it). Each is counted in [`Post::report`] under its name.
    ///
    /// ```
    /// use tidings::{Options, Post};
    /// let input = "<p>Kept.</p><div class=\"sharedaddy\">Share <a href=\"https://x.example/s\">this</a></div>";
    /// let post = Post::parse_with(input, &Options::new().audit(true))?;
    /// let share = &post.removals()[0];
    /// assert_eq!((share.name.as_str(), share.text.as_str()), ("share", "Share this"));
    /// assert_eq!(share.links[0].url, "https://x.example/s");
    /// assert!(Post::parse(input)?.removals().is_empty());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn removals(&self) -> &[Removal] {
        self.report.removals.as_deref().unwrap_or_default()
    }

    /// The explain page: one self-contained HTML page (inline style, no script, nothing fetched)
    /// showing the article as kept, each removal greyed where it stood and labelled with its rule or
    /// mechanic, and the counts per name; read the post with [`Options::audit`] for the removals to
    /// show (see [`render::explain`]).
    ///
    /// ```
    /// use tidings::{Options, Post};
    /// let input = "<p>Kept.</p><div class=\"sharedaddy\">Share</div>";
    /// let page = Post::parse_with(input, &Options::new().audit(true))?.to_explain();
    /// assert!(page.starts_with("<!DOCTYPE html>"));
    /// assert!(page.contains("<span class=\"label\">share</span>"));
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn to_explain(&self) -> String {
        render::explain::write(&self.blocks, &self.metadata, &self.report)
    }

    /// The front matter's YAML without its `---` lines, as the Markdown output writes it (see
    /// [`Metadata::front_matter`]).
    ///
    /// ```
    /// let post = tidings::Post::parse("---\ntitle: T\n---\n<p>x</p>")?;
    /// assert_eq!(post.front_matter(), Some("title: T\n"));
    /// assert_eq!(tidings::Post::parse("<p>x</p>")?.front_matter(), None);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn front_matter(&self) -> Option<&str> {
        self.metadata.front_matter.as_deref()
    }

    /// CommonMark (with GFM tables and strikethrough), the front matter on top.
    ///
    /// ```
    /// let post = tidings::Post::parse("---\ntitle: T\n---\n<p>A <b>bold</b> word.</p>")?;
    /// assert_eq!(post.to_markdown(), "---\ntitle: T\n---\n\nA **bold** word.\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn to_markdown(&self) -> String {
        self.to_markdown_with(&MarkdownOptions::default())
    }

    /// As [`Post::to_markdown`], with options.
    ///
    /// ```
    /// use tidings::{MarkdownOptions, Post};
    /// let post = Post::parse("---\ntitle: T\n---\n<p>A <b>bold</b> word.</p>")?;
    /// let body = post.to_markdown_with(&MarkdownOptions::new().front_matter(false));
    /// assert_eq!(body, "A **bold** word.\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn to_markdown_with(&self, options: &MarkdownOptions) -> String {
        render::markdown::write(&self.blocks, &self.metadata, options)
    }

    /// Plain text: the title, then the blocks separated by blank lines.
    ///
    /// ```
    /// let post = tidings::Post::parse("---\ntitle: T\n---\n<p>One.</p><ul><li>a</li><li>b</li></ul>")?;
    /// assert_eq!(post.to_text(), "T\n\nOne.\n\n- a\n- b\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn to_text(&self) -> String {
        self.to_text_with(&TextOptions::default())
    }

    /// As [`Post::to_text`], with options.
    ///
    /// ```
    /// use tidings::{Post, TextOptions};
    /// let post = Post::parse("---\ntitle: T\n---\n<p>One.</p><ul><li>a</li><li>b</li></ul>")?;
    /// let options = TextOptions::new().title(false).list_markers(false);
    /// assert_eq!(post.to_text_with(&options), "One.\n\na\nb\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn to_text_with(&self, options: &TextOptions) -> String {
        render::text::write(&self.blocks, &self.metadata, options)
    }

    /// One JSON object, on one line: metadata, markdown, text, blocks, images, links and the
    /// report (the schema is [`JsonDocument`]'s; reading it back needs serde_json).
    ///
    /// ```
    /// let post = tidings::Post::parse("---\ntitle: T\n---\n<p>See <a href=\"https://x.example/\">x</a>.</p>")?;
    /// let json = post.to_json();
    /// assert!(json.starts_with("{\"metadata\":{\"title\":\"T\","));
    /// let doc: tidings::JsonDocument = serde_json::from_str(&json)?;
    /// assert_eq!(doc.links[0].url, "https://x.example/");
    /// assert_eq!(doc.text, "T\n\nSee x.\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        self.to_json_with(&JsonOptions::default())
    }

    /// As [`Post::to_json`], with options: those of the Markdown and text it embeds.
    ///
    /// ```
    /// use tidings::{JsonOptions, Post, TextOptions};
    /// let post = Post::parse("---\ntitle: T\n---\n<p>body</p>")?;
    /// let json = post.to_json_with(&JsonOptions::new().text(TextOptions::new().title(false)));
    /// let doc: tidings::JsonDocument = serde_json::from_str(&json)?;
    /// assert_eq!(doc.text, "body\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json_with(&self, options: &JsonOptions) -> String {
        render::json::write(&self.blocks, &self.metadata, &self.report, options)
    }

    /// The clean body as HTML, passed through ammonia for republishing.
    ///
    /// ```
    /// let post = tidings::Post::parse("<p onclick=\"x()\">Hi <a href=\"javascript:x()\">there</a></p>")?;
    /// assert_eq!(post.to_html(), "<p>Hi there</p>\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn to_html(&self) -> String {
        self.to_html_with(&HtmlOptions::default())
    }

    /// As [`Post::to_html`], with options.
    ///
    /// ```
    /// use tidings::{HtmlOptions, Post};
    /// let post = Post::parse("<h2>Head</h2><p>Body</p>")?;
    /// let html = post.to_html_with(&HtmlOptions::new().sanitize(false));
    /// assert_eq!(html, "<h2>Head</h2>\n<p>Body</p>\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn to_html_with(&self, options: &HtmlOptions) -> String {
        render::html::write(&self.blocks, options)
    }

    /// The post in a format chosen at run time, with that format's options out of `options`.
    ///
    /// ```
    /// use tidings::{Format, Post, RenderOptions};
    /// let post = Post::parse("<p>Body</p>")?;
    /// let format = Format::from_name("txt").expect("a format");
    /// assert_eq!(post.render(format, &RenderOptions::new()), post.to_text());
    /// # Ok::<(), tidings::Error>(())
    /// ```
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
    // most inputs hold no `\r` at all: one vectorised search says so
    if memchr::memchr(b'\r', bytes).is_none() || !(0..bytes.len()).any(lone) {
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
