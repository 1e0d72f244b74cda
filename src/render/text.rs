//! Plain text: the title, then the blocks separated by one blank line. No markup, no URLs: what a
//! reader sees. List items carry `- ` or `1. `, table cells are separated by tabs, quotes are
//! indented, and images leave only their captions.

use unicode_width::UnicodeWidthChar;

use super::{Document, RenderOptions, Spec};
use crate::cjk::is_cjk;
use crate::model::events::{Container, Event, events};
use crate::model::inlines::plain_text;
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
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions {
            title: true,
            list_markers: true,
            width: None,
        }
    }
}

impl TextOptions {
    /// The defaults.
    pub fn new() -> TextOptions {
        TextOptions::default()
    }

    /// Whether the text starts with the title, and a blank line.
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
    /// # Defaults
    /// `None`: no wrapping.
    pub fn width(mut self, width: Option<usize>) -> TextOptions {
        self.width = width.filter(|w| *w > 0);
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
///     Block::List { start: Some(3), items: vec![item("c"), item("d")] },
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
    let body = body(blocks, options.list_markers);
    if !body.is_empty() {
        parts.push(body);
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

/// The blocks, without a final newline; list items get `- ` or `1. ` when `markers` is true.
///
/// Lists and quotes are written as line prefixes (indentation), so nested text is not copied once
/// per level.
fn body(blocks: &[Block], markers: bool) -> String {
    let mut w = Lines {
        markers,
        ..Lines::default()
    };
    for event in events(blocks) {
        match event {
            Event::Start(Container::Quote) => w.start_quote(),
            Event::End(Container::Quote) => w.end_container(),
            // items carry their numbers, and a list adds no line of its own
            Event::Start(Container::List { .. }) | Event::End(Container::List { .. }) => {}
            Event::Start(Container::Item { index, number, .. }) => w.start_item(index, number),
            Event::End(Container::Item { .. }) => w.end_container(),
            Event::Leaf(Block::Heading { content, .. }) => w.leaf(&one_line(content)),
            Event::Leaf(Block::Paragraph { content }) => w.leaf(&visible_text(content)),
            Event::Leaf(Block::Code { text, .. }) => w.leaf(text),
            Event::Leaf(Block::Figure { caption, .. }) => w.leaf(&visible_text(caption)),
            Event::Leaf(Block::Table { rows, .. }) => w.leaf(&table(rows)),
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

    fn start_item(&mut self, index: usize, number: Option<u64>) {
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

/// A heading or a table cell: line breaks become spaces.
fn one_line(content: &[Inline]) -> String {
    visible_text(content).replace('\n', " ")
}

/// Rows on lines, cells separated by tabs, each cell on one line.
fn table(rows: &[Vec<Vec<Inline>>]) -> String {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|c| one_line(c))
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inline content as a reader sees it ([`plain_text`]), each line trimmed: the text around an image
/// that left nothing behind, or before a line break, loses its spaces.
pub(crate) fn visible_text(content: &[Inline]) -> String {
    plain_text(content)
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
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
        for c in line.chars() {
            let w = c.width().unwrap_or(0);
            if let Some(p) = prev {
                if c == ' ' {
                    last_break = Some((out.len(), true));
                } else if p != ' ' && (is_cjk(p) || is_cjk(c)) && !is_closing(c) && !is_opening(p) {
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
}
