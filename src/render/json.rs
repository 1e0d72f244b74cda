//! One JSON object per post: metadata, the Markdown and text renderings, the blocks, the images and
//! links found, and the cleaning report. [`Document`] is that object as a type, to read our JSON
//! back; its documentation has the schema.

use serde::{Deserialize, Serialize};

use super::markdown::{self, MarkdownOptions};
use super::text::{self, TextOptions};
use super::{Document as Parts, RenderOptions, Spec};
use crate::model::events::leaves;
use crate::model::{Block, Image, Inline, Numbering, walk_inlines};
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
        model_json(&mut out, blocks);
        out.push_str(",\"images\":[");
        for (k, image) in images.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            image_json(&mut out, image);
        }
        out.push_str("],\"links\":[");
        for (k, link) in links.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str("{\"url\":");
            string(&mut out, link.url);
            out.push_str(",\"text\":");
            string(&mut out, &link.text);
            out.push('}');
        }
        out.push(']');
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

/// One step of [`model_json`]: a block or an inline to write, or text that closes one.
enum Part<'a> {
    Block(&'a Block),
    Blocks(&'a [Block]),
    Inlines(&'a [Inline]),
    Inline(&'a Inline),
    Raw(&'static str),
}

/// `blocks` as JSON, byte for byte what serde_json writes from their derived `Serialize` (the
/// round-trip tests hold the two together): the tag first, then the fields in their order, those
/// that serde skips skipped. Strings go through [`string`], several times faster than serde_json's
/// escaping, and nesting lives on an explicit stack, not in calls.
fn model_json(out: &mut String, blocks: &[Block]) {
    let mut stack = vec![Part::Blocks(blocks)];
    while let Some(part) = stack.pop() {
        match part {
            Part::Raw(s) => out.push_str(s),
            Part::Blocks(list) => {
                out.push('[');
                stack.push(Part::Raw("]"));
                push_list(&mut stack, list, Part::Block);
            }
            Part::Inlines(list) => {
                out.push('[');
                stack.push(Part::Raw("]"));
                push_list(&mut stack, list, Part::Inline);
            }
            Part::Block(block) => block_json(out, &mut stack, block),
            Part::Inline(inline) => inline_json(out, &mut stack, inline),
        }
    }
}

/// Puts `list`'s items on the stack, first on top, with the commas between them.
fn push_list<'a, T>(stack: &mut Vec<Part<'a>>, list: &'a [T], part: fn(&'a T) -> Part<'a>) {
    for (k, item) in list.iter().enumerate().rev() {
        stack.push(part(item));
        if k > 0 {
            stack.push(Part::Raw(","));
        }
    }
}

fn block_json<'a>(out: &mut String, stack: &mut Vec<Part<'a>>, block: &'a Block) {
    match block {
        Block::Heading { level, content } => {
            out.push_str("{\"type\":\"heading\",\"level\":");
            out.push_str(&level.to_string());
            out.push_str(",\"content\":");
            stack.push(Part::Raw("}"));
            stack.push(Part::Inlines(content));
        }
        Block::Paragraph { content } => {
            out.push_str("{\"type\":\"paragraph\",\"content\":");
            stack.push(Part::Raw("}"));
            stack.push(Part::Inlines(content));
        }
        Block::List {
            start,
            numbering,
            items,
        } => {
            out.push_str("{\"type\":\"list\",\"start\":");
            match start {
                Some(n) => out.push_str(&n.to_string()),
                None => out.push_str("null"),
            }
            if !numbering.is_decimal() {
                out.push_str(",\"numbering\":\"");
                out.push_str(match numbering {
                    Numbering::Decimal => "decimal",
                    Numbering::LowerAlpha => "lower_alpha",
                    Numbering::UpperAlpha => "upper_alpha",
                    Numbering::LowerRoman => "lower_roman",
                    Numbering::UpperRoman => "upper_roman",
                });
                out.push('"');
            }
            out.push_str(",\"items\":[");
            stack.push(Part::Raw("]}"));
            push_list(stack, items, |item| Part::Blocks(item));
        }
        Block::Quote { blocks } => {
            out.push_str("{\"type\":\"quote\",\"blocks\":");
            stack.push(Part::Raw("}"));
            stack.push(Part::Blocks(blocks));
        }
        Block::Code { language, text } => {
            out.push_str("{\"type\":\"code\",");
            if let Some(language) = language {
                out.push_str("\"language\":");
                string(out, language);
                out.push(',');
            }
            out.push_str("\"text\":");
            string(out, text);
            out.push('}');
        }
        Block::Figure { image, caption } => {
            out.push_str("{\"type\":\"figure\",\"image\":");
            image_json(out, image);
            out.push_str(",\"caption\":");
            stack.push(Part::Raw("}"));
            stack.push(Part::Inlines(caption));
        }
        Block::Table { header, rows } => {
            out.push_str("{\"type\":\"table\",\"header\":");
            out.push_str(if *header { "true" } else { "false" });
            out.push_str(",\"rows\":[");
            stack.push(Part::Raw("]}"));
            for (k, row) in rows.iter().enumerate().rev() {
                stack.push(Part::Raw("]"));
                push_list(stack, row, |cell| Part::Inlines(cell));
                stack.push(Part::Raw(if k > 0 { ",[" } else { "[" }));
            }
        }
        Block::Rule => out.push_str("{\"type\":\"rule\"}"),
    }
}

fn inline_json<'a>(out: &mut String, stack: &mut Vec<Part<'a>>, inline: &'a Inline) {
    let (tag, content) = match inline {
        Inline::Text { text } => {
            out.push_str("{\"type\":\"text\",\"text\":");
            string(out, text);
            out.push('}');
            return;
        }
        Inline::Code { text } => {
            out.push_str("{\"type\":\"code\",\"text\":");
            string(out, text);
            out.push('}');
            return;
        }
        Inline::Image { image } => {
            out.push_str("{\"type\":\"image\",\"image\":");
            image_json(out, image);
            out.push('}');
            return;
        }
        Inline::LineBreak => {
            out.push_str("{\"type\":\"line_break\"}");
            return;
        }
        Inline::Link {
            url,
            title,
            content,
        } => {
            out.push_str("{\"type\":\"link\",\"url\":");
            string(out, url);
            if let Some(title) = title {
                out.push_str(",\"title\":");
                string(out, title);
            }
            out.push_str(",\"content\":");
            stack.push(Part::Raw("}"));
            stack.push(Part::Inlines(content));
            return;
        }
        Inline::Emphasis { content } => ("emphasis", content),
        Inline::Strong { content } => ("strong", content),
        Inline::Strikethrough { content } => ("strikethrough", content),
    };
    out.push_str("{\"type\":\"");
    out.push_str(tag);
    out.push_str("\",\"content\":");
    stack.push(Part::Raw("}"));
    stack.push(Part::Inlines(content));
}

/// An [`Image`] as serde_json writes it.
fn image_json(out: &mut String, image: &Image) {
    out.push_str("{\"src\":");
    string(out, &image.src);
    out.push_str(",\"alt\":");
    string(out, &image.alt);
    if let Some(title) = &image.title {
        out.push_str(",\"title\":");
        string(out, title);
    }
    out.push('}');
}

/// `s` as a JSON string, as serde_json writes it: `"` and `\\` escaped, the control characters
/// below U+0020 as `\\b`, `\\f`, `\\n`, `\\r`, `\\t` or `\\u00xx`, everything else as it is. Eight
/// bytes are tested at a time, runs without escapes copied whole, and a word that holds an escape
/// goes straight to it.
fn string(out: &mut String, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // the bytes of `w` below `n` (n <= 128) flagged by their high bit: the lowest flag is always a
    // byte below `n` (a false flag needs a borrow from a true one below it), so the first byte to
    // escape in a word is exactly the lowest flag of the three tests
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH;
    let zero = |w: u64| below(w, 1);
    let bytes = s.as_bytes();
    out.reserve(s.len() + 2);
    out.push('"');
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            let flags = below(w, 0x20)
                | zero(w ^ (ONES * u64::from(b'"')))
                | zero(w ^ (ONES * u64::from(b'\\')));
            if flags == 0 {
                i += 8;
                continue;
            }
            i += flags.trailing_zeros() as usize / 8;
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

    /// Every block and inline, every optional field both ways, nested, with text that needs
    /// escaping: written by hand as serde_json writes it from the derived `Serialize`.
    #[test]
    fn the_model_is_written_as_serde_json_writes_it() {
        use crate::model::{Block, Image, Inline, Numbering};
        let image = |title: Option<&str>| Image {
            src: "https://x.example/i.png?a=\"1\"".into(),
            alt: "图\n\\".into(),
            title: title.map(String::from),
        };
        let inlines = vec![
            Inline::text("a \"q\" \u{1}\t新"),
            Inline::Emphasis {
                content: vec![Inline::text("e")],
            },
            Inline::Strong {
                content: vec![Inline::Strikethrough {
                    content: vec![Inline::text("s")],
                }],
            },
            Inline::Code { text: "c\\".into() },
            Inline::Link {
                url: "/l".into(),
                title: None,
                content: vec![],
            },
            Inline::Link {
                url: "/m".into(),
                title: Some("t".into()),
                content: vec![Inline::text("x"), Inline::LineBreak],
            },
            Inline::Image { image: image(None) },
            Inline::Image {
                image: image(Some("T")),
            },
            Inline::LineBreak,
        ];
        let leaves = vec![
            Block::Heading {
                level: 3,
                content: inlines.clone(),
            },
            Block::Paragraph {
                content: inlines.clone(),
            },
            Block::Paragraph { content: vec![] },
            Block::Code {
                language: None,
                text: "fn\n".into(),
            },
            Block::Code {
                language: Some("rust".into()),
                text: String::new(),
            },
            Block::Figure {
                image: image(Some("f")),
                caption: inlines.clone(),
            },
            Block::Table {
                header: true,
                rows: vec![vec![inlines.clone(), vec![]], vec![]],
            },
            Block::Table {
                header: false,
                rows: vec![],
            },
            Block::Rule,
        ];
        let mut blocks = leaves.clone();
        blocks.push(Block::Quote {
            blocks: leaves.clone(),
        });
        blocks.push(Block::Quote { blocks: vec![] });
        for (start, numbering) in [
            (None, Numbering::Decimal),
            (Some(-2), Numbering::LowerAlpha),
            (Some(3), Numbering::UpperAlpha),
            (Some(0), Numbering::LowerRoman),
            (Some(i64::MAX), Numbering::UpperRoman),
        ] {
            blocks.push(Block::List {
                start,
                numbering,
                items: vec![
                    leaves.clone(),
                    vec![],
                    vec![Block::Quote {
                        blocks: leaves.clone(),
                    }],
                ],
            });
        }
        for model in [&blocks[..], &[][..], &leaves[..1]] {
            let mut out = String::new();
            super::model_json(&mut out, model);
            assert_eq!(out, serde_json::to_string(model).unwrap());
        }
        let mut out = String::new();
        super::image_json(&mut out, &image(Some("x")));
        assert_eq!(out, serde_json::to_string(&image(Some("x"))).unwrap());
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
