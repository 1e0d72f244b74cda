//! HTML for republishing: written from the model, then sanitized with ammonia's allow-lists so
//! that nothing executable can get through even if a rule above were wrong. ammonia's defaults keep
//! SVG, MathML and `style` out. [`HtmlOptions::sanitize`] can skip that pass.
//!
//! The sanitizing pass reads the writer's own output with a strict linear reader (`sanitize`)
//! that writes what ammonia would, and hands anything it does not expect to ammonia itself.

mod sanitize;

use std::sync::OnceLock;

use super::breaks::{may_split, one_break, paragraph_count, paragraphs};
use super::{Document, RenderOptions, Spec};
use crate::model::events::{Container, Event, events};
use crate::model::{Block, EmphasisKind, Image, Inline, Numbering};

pub(crate) const FORMAT: Spec = Spec {
    name: "html",
    aliases: &[],
    extension: "html",
    write: |doc: &Document<'_>, options: &RenderOptions| write(doc.blocks, &options.html),
};

/// How HTML is written.
///
/// # Defaults
/// Sanitized by ammonia.
///
/// ```
/// use tidings::{HtmlOptions, Post};
/// let post = Post::parse("<p><a href=\"https://news.example/\">a</a></p>")?;
/// assert_eq!(
///     post.to_html(),
///     "<p><a href=\"https://news.example/\" rel=\"noopener noreferrer\">a</a></p>\n"
/// );
/// let raw = post.to_html_with(&HtmlOptions::new().sanitize(false));
/// assert_eq!(raw, "<p><a href=\"https://news.example/\">a</a></p>\n");
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HtmlOptions {
    sanitize: bool,
}

impl Default for HtmlOptions {
    fn default() -> HtmlOptions {
        HtmlOptions { sanitize: true }
    }
}

impl HtmlOptions {
    /// The defaults.
    ///
    /// ```
    /// let post = tidings::Post::parse("<p>x</p>")?;
    /// assert_eq!(post.to_html_with(&tidings::HtmlOptions::new()), post.to_html());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn new() -> HtmlOptions {
        HtmlOptions::default()
    }

    /// Whether the HTML goes through ammonia, which also marks links `rel="noopener noreferrer"`.
    /// Text and attribute values are escaped either way, and a post's URLs were checked when it was
    /// read; ammonia is the second line of defence. Turn it off for blocks whose URLs you trust, for
    /// a sanitizer of your own, or for a model nested deeper than an HTML parser can take in (ammonia
    /// parses what it cleans).
    ///
    /// ```
    /// use tidings::{HtmlOptions, Post};
    /// let post = Post::parse("<p><a href=\"https://x.example/\">x</a></p>")?;
    /// assert!(post.to_html().contains("rel=\"noopener noreferrer\""));
    /// let raw = post.to_html_with(&HtmlOptions::new().sanitize(false));
    /// assert_eq!(raw, "<p><a href=\"https://x.example/\">x</a></p>\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// `true`.
    pub fn sanitize(mut self, sanitize: bool) -> HtmlOptions {
        self.sanitize = sanitize;
        self
    }
}

/// Blocks as HTML, one block a line, sanitized unless `options` say otherwise.
///
/// ```
/// use tidings::render::html;
/// use tidings::{Block, HtmlOptions, Inline};
/// let blocks = vec![Block::Quote {
///     blocks: vec![Block::Paragraph { content: vec![Inline::text("a < b")] }],
/// }];
/// assert_eq!(
///     html::write(&blocks, &HtmlOptions::new()),
///     "<blockquote>\n<p>a &lt; b</p>\n</blockquote>\n"
/// );
/// ```
pub fn write(blocks: &[Block], options: &HtmlOptions) -> String {
    let raw = body(blocks);
    if !options.sanitize {
        return raw;
    }
    static POLICY: OnceLock<sanitize::Policy> = OnceLock::new();
    let policy = POLICY.get_or_init(|| sanitize::Policy::of(sanitizer()));
    sanitize::clean(&raw, policy).unwrap_or_else(|| sanitizer().clean(&raw).to_string())
}

/// ammonia as configured for this output: the allow-lists the fast path reads, and the sanitizer
/// of whatever the fast path gives up on.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.link_rel(Some("noopener noreferrer"))
            // the code block's `language-*` class; without it the HTML would not convert back to
            // the same Markdown fence. A class cannot execute, and the value is escaped.
            .add_tag_attributes("code", &["class"])
            // a list's numbering (`a`, `i`), which the text output writes and reading again keeps
            .add_tag_attributes("ol", &["type"]);
        b
    })
}

/// The blocks as HTML, not yet sanitized.
fn body(blocks: &[Block]) -> String {
    let mut w = Writer::default();
    for event in events(blocks) {
        match event {
            Event::Start(Container::Quote) => w.start_quote(),
            Event::End(Container::Quote) => w.end_quote(),
            Event::Start(Container::List {
                start, numbering, ..
            }) => w.start_list(start, numbering),
            Event::End(Container::List { start, .. }) => w.end_list(start),
            Event::Start(Container::Item { blocks, .. }) => w.start_item(blocks),
            Event::End(Container::Item { .. }) => w.end_item(),
            Event::Leaf(Block::Heading { level, content }) => w.heading(*level, content),
            Event::Leaf(Block::Paragraph { content }) => w.paragraph(content),
            Event::Leaf(Block::Code { language, text }) => w.code_block(language.as_deref(), text),
            Event::Leaf(Block::Figure { image, caption }) => w.figure(image, caption),
            Event::Leaf(Block::Table { header, rows }) => w.table(*header, rows),
            Event::Leaf(Block::Rule) => w.rule(),
            // containers come as Start and End
            Event::Leaf(Block::List { .. } | Block::Quote { .. }) => {}
        }
    }
    w.out
}

#[derive(Default)]
struct Writer {
    out: String,
    /// The item just opened is one paragraph, written without `<p>` (as a tight Markdown list
    /// item reads back).
    bare_paragraph: bool,
}

impl Writer {
    fn start_quote(&mut self) {
        self.out.push_str("<blockquote>\n");
    }

    fn end_quote(&mut self) {
        self.out.push_str("</blockquote>\n");
    }

    fn start_list(&mut self, start: Option<i64>, numbering: Numbering) {
        let Some(s) = start else {
            self.out.push_str("<ul>\n");
            return;
        };
        self.out.push_str("<ol");
        if s != 1 {
            self.out.push_str(&format!(" start=\"{s}\""));
        }
        if !numbering.is_decimal() {
            self.out
                .push_str(&format!(" type=\"{}\"", numbering.type_attr()));
        }
        self.out.push_str(">\n");
    }

    fn end_list(&mut self, start: Option<i64>) {
        self.out.push_str(if start.is_some() {
            "</ol>\n"
        } else {
            "</ul>\n"
        });
    }

    fn start_item(&mut self, blocks: &[Block]) {
        self.bare_paragraph =
            matches!(blocks, [Block::Paragraph { content }] if paragraph_count(content) == 1);
        self.out.push_str(if self.bare_paragraph {
            "<li>"
        } else {
            "<li>\n"
        });
    }

    fn end_item(&mut self) {
        self.out.push_str("</li>\n");
    }

    fn heading(&mut self, level: u8, content: &[Inline]) {
        let l = level.clamp(1, 6);
        self.out.push_str(&format!("<h{l}>"));
        inlines(content, &mut self.out);
        self.out.push_str(&format!("</h{l}>\n"));
    }

    /// A paragraph block, which a run of line breaks makes several: written as `<br><br>` it
    /// would be several when read again.
    fn paragraph(&mut self, content: &[Inline]) {
        // one paragraph, the common case, without a list of parts
        if !may_split(content) {
            let bare = std::mem::take(&mut self.bare_paragraph);
            if !bare {
                self.out.push_str("<p>");
            }
            inlines(content, &mut self.out);
            if !bare {
                self.out.push_str("</p>\n");
            }
            return;
        }
        let parts = paragraphs(content);
        if std::mem::take(&mut self.bare_paragraph) {
            if let [only] = parts.as_slice() {
                inlines(only, &mut self.out);
                return;
            }
        }
        for part in parts {
            self.out.push_str("<p>");
            inlines(&part, &mut self.out);
            self.out.push_str("</p>\n");
        }
    }

    fn code_block(&mut self, language: Option<&str>, text: &str) {
        let out = &mut self.out;
        out.push_str("<pre><code");
        if let Some(l) = language {
            out.push_str(" class=\"language-");
            escape(l, out);
            out.push('"');
        }
        out.push('>');
        escape(text, out);
        out.push_str("</code></pre>\n");
    }

    fn figure(&mut self, image: &Image, caption: &[Inline]) {
        let out = &mut self.out;
        out.push_str("<figure>");
        img(image, out);
        if !caption.is_empty() {
            out.push_str("<figcaption>");
            inlines(&one_break(caption), out);
            out.push_str("</figcaption>");
        }
        out.push_str("</figure>\n");
    }

    fn table(&mut self, header: bool, rows: &[Vec<Vec<Inline>>]) {
        let out = &mut self.out;
        out.push_str("<table>\n");
        for (r, row) in rows.iter().enumerate() {
            let cell = if r == 0 && header { "th" } else { "td" };
            out.push_str("<tr>");
            for c in row {
                out.push_str(&format!("<{cell}>"));
                inlines(&one_break(c), out);
                out.push_str(&format!("</{cell}>"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }

    fn rule(&mut self) {
        self.out.push_str("<hr>\n");
    }
}

/// The tags around an emphasis.
fn tags(kind: EmphasisKind) -> (&'static str, &'static str) {
    match kind {
        EmphasisKind::Emphasis => ("<em>", "</em>"),
        EmphasisKind::Strong => ("<strong>", "</strong>"),
        EmphasisKind::Strikethrough => ("<del>", "</del>"),
    }
}

/// Inline content, with an explicit stack: a model built by hand may nest inlines as deep as it
/// likes.
fn inlines(content: &[Inline], out: &mut String) {
    enum Step<'a> {
        Inline(&'a Inline),
        Close(&'static str),
    }
    let mut stack: Vec<Step<'_>> = content.iter().rev().map(Step::Inline).collect();
    while let Some(step) = stack.pop() {
        let i = match step {
            Step::Close(s) => {
                out.push_str(s);
                continue;
            }
            Step::Inline(i) => i,
        };
        if let Some((kind, inner)) = i.emphasis_kind() {
            let (open, close) = tags(kind);
            out.push_str(open);
            stack.push(Step::Close(close));
            stack.extend(inner.iter().rev().map(Step::Inline));
            continue;
        }
        match i {
            Inline::Text { text } => escape(text, out),
            Inline::Code { text } => {
                out.push_str("<code>");
                escape(text, out);
                out.push_str("</code>");
            }
            Inline::LineBreak => out.push_str("<br>"),
            Inline::Image { image } => img(image, out),
            Inline::Link {
                url,
                title,
                content,
            } => {
                out.push_str("<a href=\"");
                escape(url, out);
                out.push('"');
                if let Some(t) = title {
                    out.push_str(" title=\"");
                    escape(t, out);
                    out.push('"');
                }
                out.push('>');
                stack.push(Step::Close("</a>"));
                stack.extend(content.iter().rev().map(Step::Inline));
            }
            // written above
            Inline::Emphasis { .. } | Inline::Strong { .. } | Inline::Strikethrough { .. } => {}
        }
    }
}

fn img(image: &Image, out: &mut String) {
    out.push_str("<img src=\"");
    escape(&image.src, out);
    out.push_str("\" alt=\"");
    escape(&image.alt, out);
    out.push('"');
    if let Some(t) = &image.title {
        out.push_str(" title=\"");
        escape(t, out);
        out.push('"');
    }
    out.push('>');
}

/// Escapes text and attribute values alike.
pub(crate) fn escape(s: &str, out: &mut String) {
    // the five are ASCII, which no byte of a longer UTF-8 character is: the text between them
    // goes as it stands, a run at a time
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

#[cfg(test)]
mod escape_tests {
    use super::escape;

    #[test]
    fn escapes_the_five_and_keeps_every_other_character() {
        let s = "a&b<c>d\"e'f 中文&「引号」<é> \u{a0}🙂'";
        let mut want = String::new();
        for c in s.chars() {
            match c {
                '&' => want.push_str("&amp;"),
                '<' => want.push_str("&lt;"),
                '>' => want.push_str("&gt;"),
                '"' => want.push_str("&quot;"),
                '\'' => want.push_str("&#39;"),
                c => want.push(c),
            }
        }
        let mut got = String::new();
        escape(s, &mut got);
        assert_eq!(got, want);
    }
}
