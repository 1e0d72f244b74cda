//! One JSON object per post: metadata, the Markdown and text renderings, the blocks, the images and
//! links found, and the cleaning report. [`Document`] is that object as a type, to read our JSON
//! back; its documentation has the schema.

use serde::{Deserialize, Serialize};

use super::markdown::{self, MarkdownOptions};
use super::text::{self, TextOptions};
use super::{Document as Parts, RenderOptions, Spec};
use crate::model::events::leaves;
use crate::model::{Block, Image, Inline, walk_inlines};
use crate::post::Metadata;
use crate::report::Report;

pub(crate) const FORMAT: Spec = Spec {
    name: "json",
    aliases: &[],
    extension: "json",
    write: |doc: &Parts<'_>, options: &RenderOptions| {
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
    ///
    /// ```
    /// let post = tidings::Post::parse("<p>x</p>")?;
    /// assert_eq!(post.to_json_with(&tidings::JsonOptions::new()), post.to_json());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn new() -> JsonOptions {
        JsonOptions::default()
    }

    /// The options of the `markdown` field.
    ///
    /// ```
    /// use tidings::{JsonDocument, JsonOptions, MarkdownOptions, Post};
    /// let post = Post::parse("---\ntitle: T\n---\n<p>x</p>")?;
    /// let options = JsonOptions::new().markdown(MarkdownOptions::new().front_matter(false));
    /// let doc: JsonDocument = serde_json::from_str(&post.to_json_with(&options))?;
    /// assert_eq!(doc.markdown, "x\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Defaults
    /// [`MarkdownOptions::default`].
    pub fn markdown(mut self, options: MarkdownOptions) -> JsonOptions {
        self.markdown = options;
        self
    }

    /// The options of the `text` field.
    ///
    /// ```
    /// use tidings::{JsonDocument, JsonOptions, Post, TextOptions};
    /// let post = Post::parse("---\ntitle: T\n---\n<p>x</p>")?;
    /// let options = JsonOptions::new().text(TextOptions::new().title(false));
    /// let doc: JsonDocument = serde_json::from_str(&post.to_json_with(&options))?;
    /// assert_eq!(doc.text, "x\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Defaults
    /// [`TextOptions::default`].
    pub fn text(mut self, options: TextOptions) -> JsonOptions {
        self.text = options;
        self
    }
}

/// The JSON output of one post, read back: what [`write()`] (and so [`crate::Post::to_json`] and
/// the converter's `--to json`) writes, field for field.
///
/// # Schema
///
#[doc = include_str!("../../docs/json-schema.md")]
///
/// # Reading it back
///
/// ```
/// use tidings::{Block, JsonDocument, Post};
/// let post = Post::parse("---\ntitle: T\n---\n<p>See <a href=\"https://x.example/\">x</a>.</p>")?;
/// let doc: JsonDocument = serde_json::from_str(&post.to_json())?;
/// assert_eq!(doc.metadata.title.as_deref(), Some("T"));
/// assert_eq!(doc.links[0].url, "https://x.example/");
/// assert!(matches!(doc.blocks[0], Block::Paragraph { .. }));
/// assert_eq!(serde_json::to_string(&doc)?, post.to_json()); // and written back, byte for byte
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Reading goes through serde_json's default nesting limit (128 levels), which a post nested
/// deeper than that (lists in lists, quotes in quotes) exceeds: its JSON then fails to read with a
/// "recursion limit exceeded" error rather than overflowing the stack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// What the front matter and feed header say.
    pub metadata: Metadata,
    /// The Markdown rendering.
    pub markdown: String,
    /// The text rendering.
    pub text: String,
    /// The article's blocks.
    pub blocks: Vec<Block>,
    /// Every image: figures first, then images inside text, each in document order.
    pub images: Vec<Image>,
    /// Every link, in document order.
    pub links: Vec<Link>,
    /// What the cleaner removed and worked around.
    pub report: Report,
}

/// A link of [`Document::links`].
///
/// ```
/// let post = tidings::Post::parse("<p>See <a href=\"https://x.example/a\">the <b>story</b></a>.</p>")?;
/// let doc: tidings::JsonDocument = serde_json::from_str(&post.to_json())?;
/// let link = &doc.links[0];
/// assert_eq!((link.url.as_str(), link.text.as_str()), ("https://x.example/a", "the story"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// The resolved URL.
    pub url: String,
    /// The link's visible text.
    pub text: String,
}

#[derive(Serialize)]
struct LinkOut<'a> {
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
        Inline::Link { url, content, .. } => links.push(LinkOut {
            url,
            text: text::visible_text(content),
        }),
        _ => {}
    });
    let markdown = markdown::write(blocks, metadata, &options.markdown);
    let text = text::write(blocks, metadata, &options.text);
    // [`Document`]'s fields in its order (the round-trip tests hold them together), written part
    // by part: the two renderings, most of the bytes, through `string`, several times faster than
    // serde_json's escaping, and to the same bytes
    let mut out = String::with_capacity(2 * (markdown.len() + text.len()) + 256);
    let written = (|| {
        out.push_str("{\"metadata\":");
        out.push_str(&serde_json::to_string(metadata)?);
        out.push_str(",\"markdown\":");
        string(&mut out, &markdown);
        out.push_str(",\"text\":");
        string(&mut out, &text);
        out.push_str(",\"blocks\":");
        out.push_str(&serde_json::to_string(blocks)?);
        out.push_str(",\"images\":");
        out.push_str(&serde_json::to_string(&images)?);
        out.push_str(",\"links\":");
        out.push_str(&serde_json::to_string(&links)?);
        out.push_str(",\"report\":");
        out.push_str(&serde_json::to_string(report)?);
        out.push('}');
        Ok::<(), serde_json::Error>(())
    })();
    // Serialising plain data with string keys cannot fail.
    match written {
        Ok(()) => out,
        Err(e) => format!("{{\"error\":{:?}}}", e.to_string()),
    }
}

/// `s` as a JSON string, as serde_json writes it: `"` and `\` escaped, the control characters
/// below U+0020 as `\b`, `\f`, `\n`, `\r`, `\t` or `\u00xx`, everything else as it is. Eight
/// bytes are tested at a time, and runs without escapes copied whole.
fn string(out: &mut String, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // whether `w` has a byte below `n` (n <= 128): never missed, at worst a word tested bytewise
    // for nothing
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH != 0;
    let zero = |w: u64| below(w, 1);
    let bytes = s.as_bytes();
    out.push('"');
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            if !(below(w, 0x20)
                || zero(w ^ (ONES * u64::from(b'"')))
                || zero(w ^ (ONES * u64::from(b'\\'))))
            {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => {
                i += 1;
                continue;
            }
        };
        // `i` is at an ASCII byte, so at a character's start
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        i += 1;
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::Document;
    use crate::Post;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(
            s in proptest::collection::vec(
                prop_oneof![
                    (0u8..0x80).prop_map(char::from),
                    Just('"'), Just('\\'), Just('\n'), Just('\u{7f}'), Just('\u{2028}'), Just('新'),
                    Just('\u{1f600}'),
                ],
                0..40,
            ).prop_map(|v| v.into_iter().collect::<String>()),
        ) {
            let mut out = String::new();
            super::string(&mut out, &s);
            prop_assert_eq!(out, serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn the_json_reads_back_into_a_document_and_writes_the_same_bytes() {
        let input = "---\ntitle: 标题\ntags: [a, b]\nlayout: post\nfrom: https://news.example/a\n---\n\
            <h2>小标题</h2><p>一段 <em>强调</em> <code>x</code> <a href=\"/l\" title=\"t\">链接</a><br>下一行</p>\
            <figure><img src=\"/i.png\" alt=\"图\"><figcaption>说明</figcaption></figure>\
            <ol start=\"3\"><li>一</li><li><blockquote><p>引</p></blockquote></li></ol>\
            <pre><code class=\"language-rust\">fn main() {}</code></pre><hr>\
            <table><tr><th>a</th></tr><tr><td><s>b</s></td></tr></table>\
            <div id=\"dfp-ad-top\">广告</div>";
        let post = Post::parse(input).expect("post");
        let json = post.to_json();
        let doc: Document = serde_json::from_str(&json).expect("reads back");
        assert_eq!(serde_json::to_string(&doc).expect("writes"), json);
        assert_eq!(doc.blocks, post.blocks());
        assert_eq!(&doc.metadata.tags, &["a", "b"]);
        assert_eq!(doc.report, *post.report());
        assert_eq!(doc.images.len(), 1);
    }
}
