//! Plain text: the title, then the blocks separated by one blank line. No markup, no URLs: what a
//! reader sees. List items carry `- ` or `1. `, table cells are separated by tabs, quotes are
//! indented, and images leave only their captions.

use unicode_width::UnicodeWidthChar;

use super::breaks::{may_split, one_break, paragraphs};
use super::{Document, RenderOptions, Spec};
use crate::cjk::is_cjk;
use crate::model::events::{Container, Event, events};
use crate::model::inlines::plain_text_cow;
use crate::model::{Block, Inline};
use crate::post::Metadata;

pub(crate) const FORMAT: Spec = Spec {
    name: "text",
    aliases: &["txt"],
    extension: "txt",
    write: |doc: &Document<'_>, options: &RenderOptions| {
        write(doc.blocks, doc.metadata, &options.text)
    },
};

/// How plain text is written.
///
/// # Defaults
/// The title on top, list markers, no wrapping.
///
/// ```
/// use tidings::{Post, TextOptions};
/// let post = Post::parse("---\ntitle: T\n---\n<ol><li>one two three</li></ol>")?;
/// assert_eq!(post.to_text(), "T\n\n1. one two three\n");
/// let options = TextOptions::new().title(false).list_markers(false).width(Some(8));
/// assert_eq!(post.to_text_with(&options), "one two\nthree\n");
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    title: bool,
    list_markers: bool,
    width: Option<usize>,
    links: TextLinks,
    image_alt: bool,
    uppercase_headings: bool,
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions {
            title: true,
            list_markers: true,
            width: None,
            links: TextLinks::None,
            image_alt: false,
            uppercase_headings: false,
        }
    }
}

/// Where plain text puts the URLs of links.
///
/// ```
/// use tidings::render::text::TextLinks;
/// use tidings::{Post, TextOptions};
/// let post = Post::parse("<p>See <a href=\"https://a.example/\">this</a> and <a href=\"https://b.example/\">that</a>.</p>")?;
/// let text = |links| post.to_text_with(&TextOptions::new().links(links));
/// assert_eq!(text(TextLinks::None), "See this and that.\n");
/// assert_eq!(text(TextLinks::Inline), "See this [https://a.example/] and that [https://b.example/].\n");
/// assert_eq!(
///     text(TextLinks::Footnotes),
///     "See this[1] and that[2].\n\n[1] https://a.example/\n[2] https://b.example/\n"
/// );
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum TextLinks {
    /// Nowhere: the text reads as the page does.
    #[default]
    None,
    /// After the link text, in brackets: `text [url]` (a link whose text is its URL stays as it is).
    Inline,
    /// As numbered notes: `text[1]`, and the URLs listed at the end, each once.
    Footnotes,
}

impl TextOptions {
    /// The defaults.
    ///
    /// ```
    /// let post = tidings::Post::parse("<p>x</p>")?;
    /// assert_eq!(post.to_text_with(&tidings::TextOptions::new()), post.to_text());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn new() -> TextOptions {
        TextOptions::default()
    }

    /// Whether the text starts with the title, and a blank line.
    ///
    /// ```
    /// use tidings::{Post, TextOptions};
    /// let post = Post::parse("---\ntitle: T\n---\n<p>x</p>")?;
    /// assert_eq!(post.to_text(), "T\n\nx\n");
    /// assert_eq!(post.to_text_with(&TextOptions::new().title(false)), "x\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// `true`.
    pub fn title(mut self, keep: bool) -> TextOptions {
        self.title = keep;
        self
    }

    /// Whether list items start with `- ` and `1. `. Without markers, the text is exactly the text
    /// a CommonMark renderer shows for the Markdown output.
    ///
    /// ```
    /// use tidings::{Post, TextOptions};
    /// let post = Post::parse("<ol><li>one</li><li>two</li></ol>")?;
    /// assert_eq!(post.to_text(), "1. one\n2. two\n");
    /// assert_eq!(post.to_text_with(&TextOptions::new().list_markers(false)), "one\ntwo\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// `true`.
    pub fn list_markers(mut self, keep: bool) -> TextOptions {
        self.list_markers = keep;
        self
    }

    /// Wraps lines at this display width (CJK characters count two columns). Lines break at
    /// spaces or between CJK characters, never by inserting a space inside a CJK run; `Some(0)`
    /// is no wrapping.
    ///
    /// ```
    /// use tidings::{Post, TextOptions};
    /// let post = Post::parse("<p>one two three four</p>")?;
    /// assert_eq!(post.to_text_with(&TextOptions::new().width(Some(9))), "one two\nthree\nfour\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// `None`: no wrapping.
    pub fn width(mut self, width: Option<usize>) -> TextOptions {
        self.width = width.filter(|w| *w > 0);
        self
    }

    /// Where the URLs of links go.
    ///
    /// ```
    /// use tidings::render::text::TextLinks;
    /// use tidings::{Post, TextOptions};
    /// let post = Post::parse("<p>See <a href=\"https://x.example/\">this</a>.</p>")?;
    /// assert_eq!(post.to_text(), "See this.\n");
    /// let inline = TextOptions::new().links(TextLinks::Inline);
    /// assert_eq!(post.to_text_with(&inline), "See this [https://x.example/].\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// [`TextLinks::None`].
    pub fn links(mut self, links: TextLinks) -> TextOptions {
        self.links = links;
        self
    }

    /// Whether an image leaves its alt text, in brackets (`[A harbour at dawn]`).
    ///
    /// ```
    /// use tidings::{Post, TextOptions};
    /// let post = Post::parse("<p>Look: <img src=\"https://i.example/a.jpg\" alt=\"a harbour\"></p>")?;
    /// assert_eq!(post.to_text(), "Look:\n");
    /// assert_eq!(post.to_text_with(&TextOptions::new().image_alt(true)), "Look: [a harbour]\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// `false`: images leave only their captions.
    pub fn image_alt(mut self, keep: bool) -> TextOptions {
        self.image_alt = keep;
        self
    }

    /// Whether headings are written in upper case (letters that have one; CJK has none).
    ///
    /// ```
    /// use tidings::{Post, TextOptions};
    /// let post = Post::parse("<h2>Breaking news</h2><p>x</p>")?;
    /// assert_eq!(post.to_text_with(&TextOptions::new().uppercase_headings(true)), "BREAKING NEWS\n\nx\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// `false`.
    pub fn uppercase_headings(mut self, upper: bool) -> TextOptions {
        self.uppercase_headings = upper;
        self
    }
}

/// Blocks as plain text, after the title of `metadata` unless `options` leave it out: blocks
/// separated by a blank line, list items by a line break, the whole ending in a newline unless it
/// is empty.
///
/// ```
/// use tidings::render::text;
/// use tidings::{Block, Inline, Metadata, TextOptions};
/// let item = |t: &str| vec![Block::Paragraph { content: vec![Inline::text(t)] }];
/// let blocks = vec![
///     Block::Paragraph { content: vec![Inline::Strong { content: vec![Inline::text("Note")] }] },
///     Block::List { start: Some(3), numbering: Default::default(), items: vec![item("c"), item("d")] },
/// ];
/// let mut metadata = Metadata::default();
/// metadata.title = Some("T".into());
/// assert_eq!(text::write(&blocks, &metadata, &TextOptions::new()), "T\n\nNote\n\n3. c\n4. d\n");
/// ```
pub fn write(blocks: &[Block], metadata: &Metadata, options: &TextOptions) -> String {
    let mut parts: Vec<String> = Vec::new();
    if options.title {
        if let Some(t) = metadata.title.as_deref().filter(|t| !t.trim().is_empty()) {
            parts.push(t.trim().to_string());
        }
    }
    let mut inlines = InlineText {
        options,
        notes: Vec::new(),
    };
    let body = body(blocks, &mut inlines);
    if !body.is_empty() {
        parts.push(body);
    }
    if !inlines.notes.is_empty() {
        let notes: Vec<String> = (inlines.notes.iter().enumerate())
            .map(|(n, url)| format!("[{}] {url}", n + 1))
            .collect();
        parts.push(notes.join("\n"));
    }
    let mut out = parts.join("\n\n");
    if let Some(width) = options.width {
        out = wrap(&out, width);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The blocks, without a final newline; list items get `- ` or `1. ` when the options say so.
///
/// Lists and quotes are written as line prefixes (indentation), so nested text is not copied once
/// per level.
fn body(blocks: &[Block], inlines: &mut InlineText<'_>) -> String {
    let mut w = Lines {
        markers: inlines.options.list_markers,
        ..Lines::default()
    };
    for event in events(blocks) {
        match event {
            Event::Start(Container::Quote) => w.start_quote(),
            Event::End(Container::Quote) => w.end_container(),
            // items carry their numbers, and a list adds no line of its own
            Event::Start(Container::List { .. }) | Event::End(Container::List { .. }) => {}
            Event::Start(Container::Item {
                index,
                number,
                numbering,
                ..
            }) => w.start_item(index, number.map(|n| numbering.label(n))),
            Event::End(Container::Item { .. }) => w.end_container(),
            Event::Leaf(Block::Heading { content, .. }) => {
                let line = inlines.line(&one_break(content));
                if inlines.options.uppercase_headings {
                    w.leaf(&line.to_uppercase());
                } else {
                    w.leaf(&line);
                }
            }
            Event::Leaf(Block::Paragraph { content }) => {
                // one paragraph, the common case, is written without a list of parts and a join
                if !may_split(content) {
                    w.leaf(&inlines.lines(content));
                } else {
                    let parts: Vec<String> = paragraphs(content)
                        .into_iter()
                        .map(|p| inlines.lines(&p))
                        .filter(|p| !p.is_empty())
                        .collect();
                    w.leaf(&parts.join("\n\n"));
                }
            }
            Event::Leaf(Block::Code { text, .. }) => w.leaf(text),
            Event::Leaf(Block::Figure { caption, .. }) if !inlines.options.image_alt => {
                w.leaf(&inlines.lines(&one_break(caption)))
            }
            Event::Leaf(Block::Figure { image, caption }) => {
                let mut content = vec![Inline::Image {
                    image: image.clone(),
                }];
                if !caption.is_empty() {
                    content.push(Inline::LineBreak);
                    content.extend(one_break(caption).iter().cloned());
                }
                w.leaf(&inlines.lines(&content));
            }
            Event::Leaf(Block::Table { rows, .. }) => w.leaf(&table(rows, inlines)),
            // a rule, and containers (which come as Start and End), leave no text
            Event::Leaf(Block::Rule | Block::List { .. } | Block::Quote { .. }) => {}
        }
    }
    w.out
}

/// What a quote indents its lines by.
const QUOTE_INDENT: &str = "    ";

/// Writes lines under the indentation of the containers they stand in.
#[derive(Default)]
struct Lines {
    out: String,
    markers: bool,
    prefix: String,
    /// The prefix of an item's first line, which carries its marker.
    marker: Option<String>,
    /// The next block starts on the next line rather than after a blank line (a list item after
    /// its sibling).
    line_only: bool,
    /// The prefix length to go back to when each open quote or item closes.
    restores: Vec<usize>,
}

impl Lines {
    fn start_quote(&mut self) {
        self.restores.push(self.prefix.len());
        self.prefix.push_str(QUOTE_INDENT);
        if let Some(m) = &mut self.marker {
            m.push_str(QUOTE_INDENT);
        }
    }

    fn start_item(&mut self, index: usize, number: Option<String>) {
        // items of one list follow each other line by line
        if index > 0 && self.marker.is_none() {
            self.line_only = true;
        }
        let marker = match number {
            _ if !self.markers => String::new(),
            Some(n) => format!("{n}. "),
            None => "- ".to_string(),
        };
        let base = self.marker.take().unwrap_or_else(|| self.prefix.clone());
        self.marker = Some(format!("{base}{marker}"));
        self.restores.push(self.prefix.len());
        self.prefix
            .extend(std::iter::repeat_n(' ', marker.chars().count()));
    }

    /// Ends a quote or an item: its prefix goes.
    fn end_container(&mut self) {
        // an item with nothing readable still has its marker, as in the Markdown
        if let Some(m) = self.marker.take() {
            let m = m.trim_end().to_string();
            if !m.is_empty() {
                self.separate();
                self.out.push_str(&m);
            }
        }
        if let Some(len) = self.restores.pop() {
            self.prefix.truncate(len);
        }
    }

    /// A block that holds no blocks, already written as text; one that came out empty leaves no
    /// trace.
    fn leaf(&mut self, text: &str) {
        if !text.is_empty() {
            self.separate();
            self.lines(text);
        }
    }

    /// Ends the previous block: a blank line, or a line break between list items.
    fn separate(&mut self) {
        let line_only = std::mem::take(&mut self.line_only);
        if !self.out.is_empty() {
            self.out.push_str(if line_only { "\n" } else { "\n\n" });
        }
    }

    fn lines(&mut self, text: &str) {
        for (k, line) in text.lines().enumerate() {
            if k > 0 {
                self.out.push('\n');
            }
            match self.marker.take() {
                Some(m) => self.out.push_str(&m),
                None if line.is_empty() => {}
                None => self.out.push_str(&self.prefix),
            }
            self.out.push_str(line);
        }
    }
}

/// Inline content as the options write it: link URLs where they say (the notes gathered for the
/// end), image alt text when they ask for it.
struct InlineText<'o> {
    options: &'o TextOptions,
    notes: Vec<String>,
}

impl InlineText<'_> {
    /// A paragraph's lines.
    fn lines(&mut self, content: &[Inline]) -> String {
        if self.options.links == TextLinks::None && !self.options.image_alt {
            return visible_text(content);
        }
        trim_lines(&self.text(content))
    }

    /// A heading or a table cell: line breaks become spaces.
    fn line(&mut self, content: &[Inline]) -> String {
        self.lines(content).replace('\n', " ")
    }

    fn text(&mut self, content: &[Inline]) -> String {
        enum Step<'a> {
            Inline(&'a Inline),
            /// The end of a link's text: the URL goes here, and the text it had says whether it is
            /// needed.
            LinkEnd(&'a str, usize),
        }
        let mut out = String::new();
        let mut stack: Vec<Step<'_>> = content.iter().rev().map(Step::Inline).collect();
        while let Some(step) = stack.pop() {
            match step {
                Step::Inline(i) => match i {
                    Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                    Inline::LineBreak => out.push('\n'),
                    Inline::Image { image } => {
                        if self.options.image_alt && !image.alt.trim().is_empty() {
                            // the walker keeps no space before an image; the alt text is a word
                            if !out.is_empty() && !out.ends_with(char::is_whitespace) {
                                out.push(' ');
                            }
                            out.push('[');
                            out.push_str(image.alt.trim());
                            out.push(']');
                        }
                    }
                    Inline::Link { url, content, .. } if self.options.links != TextLinks::None => {
                        stack.push(Step::LinkEnd(url, out.len()));
                        stack.extend(content.iter().rev().map(Step::Inline));
                    }
                    i => stack.extend(i.children().iter().rev().map(Step::Inline)),
                },
                Step::LinkEnd(url, start) => {
                    let said = out[start..].trim();
                    // a link that shows its address says it already
                    let address = url.strip_prefix("mailto:").unwrap_or(url);
                    if said == url || said == address || said.is_empty() || url.starts_with('#') {
                        continue;
                    }
                    match self.options.links {
                        TextLinks::Inline => {
                            out.push_str(" [");
                            out.push_str(url);
                            out.push(']');
                        }
                        TextLinks::Footnotes => {
                            let n = match self.notes.iter().position(|u| u == url) {
                                Some(k) => k + 1,
                                None => {
                                    self.notes.push(url.to_string());
                                    self.notes.len()
                                }
                            };
                            out.push_str(&format!("[{n}]"));
                        }
                        TextLinks::None => {}
                    }
                }
            }
        }
        out
    }
}

/// Rows on lines, cells separated by tabs, each cell on one line.
fn table(rows: &[Vec<Vec<Inline>>], inlines: &mut InlineText<'_>) -> String {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|c| inlines.line(&one_break(c)))
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inline content as a reader sees it ([`plain_text`]), each line trimmed: the text around an image
/// that left nothing behind, or before a line break, loses its spaces.
pub(crate) fn visible_text(content: &[Inline]) -> String {
    trim_lines(&plain_text_cow(content))
}

/// Each line trimmed, and the blank lines at either end left out (what joining the trimmed lines
/// and trimming the whole would give), written once into room for all of it.
fn trim_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // blank lines seen since the last written one: written only when a line follows them
    let mut blank = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.extend(std::iter::repeat_n('\n', blank + 1));
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// Greedy wrapping at `width` columns: breaks at spaces, or between two characters of which one is
/// CJK (where no space is needed), never inside a run of other letters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width.max(1));
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut col = 0usize;
        let mut line_start = out.len();
        // last place a break may go: byte offset in `out` and whether it replaces a space
        let mut last_break: Option<(usize, bool)> = None;
        let mut prev: Option<char> = None;
        let urls = url_spans(line);
        for (i, c) in line.char_indices() {
            let w = c.width().unwrap_or(0);
            let in_url = urls.iter().any(|&(s, e)| i > s && i < e);
            if let Some(p) = prev {
                if c == ' ' {
                    last_break = Some((out.len(), true));
                } else if p != ' '
                    && !in_url
                    && (is_cjk(p) || is_cjk(c))
                    && !is_closing(c)
                    && !is_opening(p)
                {
                    last_break = Some((out.len(), false));
                }
            }
            if col + w > width && col > 0 {
                if let Some((at, space)) = last_break.take() {
                    let rest = out.split_off(at);
                    // the break may be the space being written now, not yet in `out`
                    let rest = match rest.strip_prefix(' ') {
                        Some(r) if space => r.to_string(),
                        _ => rest,
                    };
                    out.push('\n');
                    line_start = out.len();
                    out.push_str(&rest);
                    col = rest.chars().map(|c| c.width().unwrap_or(0)).sum();
                }
            }
            if c == ' ' && out.len() == line_start {
                prev = Some(c);
                continue;
            }
            out.push(c);
            col += w;
            prev = Some(c);
        }
    }
    out
}

/// Byte ranges of the URLs in a line (from `http://`, `https://` or `www.` to the next space): a
/// break inside one would cut the address in two.
fn url_spans(line: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(at) = ["http://", "https://", "www."]
        .iter()
        .filter_map(|p| line[from..].find(p).map(|i| from + i))
        .min()
    {
        let end = line[at..]
            .find(char::is_whitespace)
            .map_or(line.len(), |e| at + e);
        spans.push((at, end));
        from = end;
    }
    spans
}

/// CJK punctuation that must not start a line (kinsoku).
fn is_closing(c: char) -> bool {
    "，。、；：？！）」』】》〉”’…·,.;:?!)]".contains(c)
}

/// Punctuation that must not end a line.
fn is_opening(c: char) -> bool {
    "（「『【《〈“‘([".contains(c)
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// Lines trimmed and written once give what trimming, joining and trimming again gave.
        #[test]
        fn trimmed_lines_are_the_joined_trim(
            text in "[a \\n\\r\\t\u{3000}\u{a0}中]{0,30}",
        ) {
            let joined = text.lines().map(str::trim).collect::<Vec<_>>().join("\n");
            proptest::prop_assert_eq!(super::trim_lines(&text), joined.trim());
        }
    }

    use super::*;

    #[test]
    fn wraps_without_spaces_in_cjk() {
        let w = wrap("我遇到了一位老朋友，我们聊了很久。", 10);
        assert!(!w.contains(' '));
        for line in w.lines() {
            assert!(
                line.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>() <= 10,
                "{line}"
            );
        }
        assert_eq!(w.replace('\n', ""), "我遇到了一位老朋友，我们聊了很久。");
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
    }

    #[test]
    fn wrapping_never_breaks_inside_a_url() {
        let line = "见https://x.example/搜索新闻第二节内容 之后";
        let w = wrap(line, 8);
        assert!(
            w.lines()
                .any(|l| l.contains("https://x.example/搜索新闻第二节内容")),
            "{w}"
        );
        assert_eq!(w.replace('\n', ""), line.replace(' ', ""));
    }
}
