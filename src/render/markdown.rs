//! CommonMark with GFM tables and strikethrough.
//!
//! Escaping is by character class, so that any text survives a CommonMark parser unchanged, and
//! emphasis is written so that its delimiters always flank: CommonMark will not open `**` before
//! punctuation that follows a letter (`**注意：**正文` is not bold), so punctuation and spaces at the
//! edges of an emphasis are moved outside it (out of emphasis nested at its edges too), and an
//! emphasis whose edge is not text is written without delimiters rather than risk stray asterisks.
//! Delimiter runs that touch join into one, which CommonMark pairs by its rule of three: an opening
//! run that would join a closing run into one it cannot pair is not written; the emphasis continues
//! the sibling before it when that one is of its kind (`<em>a</em><del><em>b</em></del>c`, whose
//! strikethrough cannot close before `c`, is `*ab*c`), and otherwise loses its delimiters, never its
//! words.

use std::borrow::Cow;

use icu_properties::CodePointMapData;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};

use super::breaks::{may_split, one_break, paragraph_count, paragraphs};
use super::{Document, RenderOptions, Spec};
use crate::model::events::{Container, Event, events};
use crate::model::{Block, EmphasisKind, Image, Inline};
use crate::post::Metadata;

pub(crate) const FORMAT: Spec = Spec {
    name: "markdown",
    aliases: &["md"],
    extension: "md",
    write: |doc: &Document<'_>, options: &RenderOptions| {
        write(doc.blocks, doc.metadata, &options.markdown)
    },
};

/// How Markdown is written.
///
/// # Defaults
/// The front matter on top.
///
/// ```
/// use tidings::{MarkdownOptions, Post};
/// let post = Post::parse("---\ntitle: T\n---\n<p>body</p>")?;
/// assert_eq!(post.to_markdown(), "---\ntitle: T\n---\n\nbody\n");
/// assert_eq!(post.to_markdown_with(&MarkdownOptions::new().front_matter(false)), "body\n");
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkdownOptions {
    front_matter: bool,
    hard_break: HardBreak,
}

impl Default for MarkdownOptions {
    fn default() -> MarkdownOptions {
        MarkdownOptions {
            front_matter: true,
            hard_break: HardBreak::default(),
        }
    }
}

/// How a line break inside a paragraph (`<br>`) is written: both are CommonMark hard breaks.
///
/// ```
/// use tidings::render::markdown::HardBreak;
/// use tidings::{MarkdownOptions, Post};
/// let post = Post::parse("<p>one<br>two</p>")?;
/// let options = MarkdownOptions::new().front_matter(false);
/// assert_eq!(post.to_markdown_with(&options), "one  \ntwo\n");
/// let backslash = options.hard_break(HardBreak::Backslash);
/// assert_eq!(post.to_markdown_with(&backslash), "one\\\ntwo\n");
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum HardBreak {
    /// Two spaces before the line ending: what most HTML-to-Markdown converters write, and what
    /// readers who never saw the other form expect.
    #[default]
    Spaces,
    /// A backslash before the line ending: visible, and safe from editors that trim trailing
    /// spaces.
    Backslash,
}

impl MarkdownOptions {
    /// The defaults.
    ///
    /// ```
    /// let post = tidings::Post::parse("<p>x</p>")?;
    /// assert_eq!(post.to_markdown_with(&tidings::MarkdownOptions::new()), post.to_markdown());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn new() -> MarkdownOptions {
        MarkdownOptions::default()
    }

    /// Whether the Markdown starts with the front matter between `---` lines: the post's YAML as
    /// written ([`Metadata::front_matter`]), or else a `title:` line when there is a title.
    ///
    /// ```
    /// use tidings::{MarkdownOptions, Post};
    /// let post = Post::parse("---\ntitle: T\n---\n<p>x</p>")?;
    /// assert_eq!(post.to_markdown_with(&MarkdownOptions::new().front_matter(false)), "x\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// `true`.
    pub fn front_matter(mut self, keep: bool) -> MarkdownOptions {
        self.front_matter = keep;
        self
    }

    /// How line breaks inside a paragraph are written.
    ///
    /// ```
    /// use tidings::render::markdown::HardBreak;
    /// use tidings::{MarkdownOptions, Post};
    /// let post = Post::parse("<p>one<br>two</p>")?;
    /// let options = MarkdownOptions::new().hard_break(HardBreak::Backslash);
    /// assert_eq!(post.to_markdown_with(&options), "one\\\ntwo\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// [`HardBreak::Spaces`].
    pub fn hard_break(mut self, style: HardBreak) -> MarkdownOptions {
        self.hard_break = style;
        self
    }
}

/// Blocks as CommonMark, each block ending in a newline and separated from the next by a blank
/// line, under the front matter of `metadata` unless `options` turn it off.
///
/// ```
/// use tidings::render::markdown;
/// use tidings::{Block, Inline, MarkdownOptions, Metadata};
/// let blocks = vec![
///     Block::Heading { level: 2, content: vec![Inline::text("News")] },
///     Block::List { start: None, numbering: Default::default(), items: vec![vec![Block::Paragraph { content: vec![Inline::text("a")] }]] },
/// ];
/// let mut metadata = Metadata::default();
/// metadata.title = Some("T".into());
/// let md = markdown::write(&blocks, &metadata, &MarkdownOptions::new());
/// assert_eq!(md, "---\ntitle: \"T\"\n---\n\n## News\n\n- a\n");
/// ```
pub fn write(blocks: &[Block], metadata: &Metadata, options: &MarkdownOptions) -> String {
    // room for the front matter (or the title) and the body at once: the body's room made after
    // the front matter was written would copy it to a new place
    let head = if options.front_matter {
        match (&metadata.front_matter, &metadata.title) {
            (Some(fm), _) => fm.len() + 10,
            // quoted and escaped at most twice over
            (None, Some(title)) => 2 * title.len() + 24,
            (None, None) => 0,
        }
    } else {
        metadata
            .title_block
            .as_ref()
            .map_or(0, |title| body_room(std::slice::from_ref(title)) + 1)
    };
    let mut out = String::with_capacity(head + body_room(blocks));
    if options.front_matter {
        front_matter(metadata, &mut out);
    } else if let Some(title) = &metadata.title_block {
        // the title the body lost to the front matter, back where it stood
        out = body_onto(out, std::slice::from_ref(title), options.hard_break);
        if !blocks.is_empty() {
            out.push('\n');
        }
    }
    let mut out = body_onto(out, blocks, options.hard_break);
    // grown a doubling at a time, the string may hold twice its text: the JSON keeps it while it
    // writes its own, and a caller keeps it as long as it likes
    out.shrink_to_fit();
    out
}

/// The YAML as the post wrote it (or as it was written anew, see [`Metadata::front_matter`]), or a
/// title alone for a post that had no front matter; either way free of raw HTML.
fn front_matter(metadata: &Metadata, out: &mut String) {
    if let Some(fm) = &metadata.front_matter {
        out.push_str("---\n");
        out.push_str(fm);
        if !fm.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("---\n\n");
    } else if let Some(title) = &metadata.title {
        out.push_str("---\ntitle: ");
        out.push_str(&crate::post::yaml_string(title));
        out.push_str("\n---\n\n");
    }
}

/// The blocks, without front matter.
///
/// Containers (quotes, list items) write their markers as a line prefix, so nested content is not
/// copied once per level.
#[cfg(test)]
fn body(blocks: &[Block], hard_break: HardBreak) -> String {
    body_onto(String::with_capacity(body_room(blocks)), blocks, hard_break)
}

/// The room to make for the body's Markdown at once: grown a doubling at a time from nothing, the
/// body is copied about once over and the allocator walked for every doubling.
fn body_room(blocks: &[Block]) -> usize {
    let estimate: usize = blocks.iter().map(block_bytes).sum();
    estimate + estimate / 8
}

/// [`body`] written after what `out` holds (the front matter), so that the whole body is not
/// copied behind it once more; `out` comes with room for it ([`body_room`]).
fn body_onto(out: String, blocks: &[Block], hard_break: HardBreak) -> String {
    let mut w = BlockWriter {
        start: out.len(),
        out,
        // room for a usual paragraph, grown to the longest
        scratch: String::with_capacity(512),
        ..BlockWriter::default()
    };
    for event in events(blocks) {
        match event {
            Event::Start(Container::Quote) => w.start_quote(),
            Event::End(Container::Quote) => w.end_container(),
            Event::Start(Container::List { start, items, .. }) => w.start_list(start, items),
            Event::End(Container::List { .. }) => w.end_list(),
            Event::Start(Container::Item { index, .. }) => w.start_item(index),
            Event::End(Container::Item { .. }) => w.end_container(),
            Event::Leaf(Block::Heading { level, content }) => w.leaf(&heading(*level, content)),
            Event::Leaf(Block::Paragraph { content }) => {
                // each paragraph is written in the same buffer, then copied to its place: one
                // allocation for the body's paragraphs, not one each
                let rendered = paragraphs_md(std::mem::take(&mut w.scratch), content, hard_break);
                w.leaf(&rendered);
                w.scratch = rendered;
            }
            Event::Leaf(Block::Code { language, text }) => {
                w.leaf(&code_block(language.as_deref(), text))
            }
            Event::Leaf(Block::Figure { image, caption }) => {
                w.leaf(&figure(image, caption, hard_break))
            }
            Event::Leaf(Block::Table { header, rows }) => w.leaf(&table(rows, *header)),
            Event::Leaf(Block::Rule) => w.leaf("---\n"),
            // containers come as Start and End
            Event::Leaf(Block::List { .. } | Block::Quote { .. }) => {}
        }
    }
    w.out
}

/// How a list is written, decided when it opens.
#[derive(Clone, Copy, Default)]
struct ListLayout {
    /// No blank line between items: every item is at most one paragraph.
    tight: bool,
    /// `*` for `-`, `)` for `.`: the list follows a sibling list of the same kind.
    alternate: bool,
    /// The number of the first item, for a numbered list: CommonMark numbers from 0 up, so a list
    /// that starts below zero is numbered from 1.
    first: Option<i64>,
}

/// A list that was the last block of a run of siblings: whether it was ordered, and alternated.
type LastList = Option<(bool, bool)>;

/// What a quote or an item puts back when it closes.
struct Opened {
    prefix_len: usize,
    /// The enclosing run's last list.
    last_list: LastList,
}

/// Writes block lines under the prefix of the containers they stand in.
#[derive(Default)]
struct BlockWriter {
    out: String,
    /// Where the body starts in `out`: what stands before it is no block of its own.
    start: usize,
    /// `> ` for quotes and spaces for list items, outermost first.
    prefix: String,
    /// The prefix of an item's first line, which carries its marker instead of spaces.
    marker: Option<String>,
    /// A block was written in the current container, so the next one needs a blank line.
    need_blank: bool,
    /// The current run of sibling blocks (the top level, a quote's, an item's) ended with this list.
    last_list: LastList,
    /// The innermost open list.
    list: ListLayout,
    /// The lists around it.
    outer_lists: Vec<ListLayout>,
    /// The open quotes and items, innermost last.
    opened: Vec<Opened>,
    /// The buffer paragraphs are written in before they are copied under the prefix.
    scratch: String,
}

impl BlockWriter {
    /// Enters a quote or an item: a new run of siblings under a longer prefix.
    fn open(&mut self) {
        self.opened.push(Opened {
            prefix_len: self.prefix.len(),
            last_list: self.last_list.take(),
        });
    }

    fn start_quote(&mut self) {
        self.separate();
        self.need_blank = false;
        // a quote is not a list: the run it stands in no longer ends with one
        self.last_list = None;
        self.open();
        self.prefix.push_str("> ");
        // a quote opening an item continues the item's marker line
        if let Some(m) = &mut self.marker {
            m.push_str("> ");
        }
    }

    fn start_list(&mut self, start: Option<i64>, items: &[Vec<Block>]) {
        self.separate();
        // CommonMark joins two lists in a row when their markers match: switch between `-`/`*` and
        // `.`/`)` to keep them apart
        let ordered = start.is_some();
        let alternate = matches!(self.last_list, Some((o, a)) if o == ordered && !a);
        self.last_list = Some((ordered, alternate));
        let tight = items.iter().all(|i| {
            i.len() <= 1
                && i.iter().all(
                    |b| matches!(b, Block::Paragraph { content } if paragraph_count(content) <= 1),
                )
        });
        self.outer_lists.push(self.list);
        let first = start.map(|s| if s < 0 { 1 } else { s });
        self.list = ListLayout {
            tight,
            alternate,
            first,
        };
    }

    fn end_list(&mut self) {
        self.list = self.outer_lists.pop().unwrap_or_default();
        self.need_blank = true;
    }

    fn start_item(&mut self, index: usize) {
        if index > 0 && !self.list.tight {
            self.blank();
        }
        // a number past i64 stays the largest rather than wrapping
        let number =
            (self.list.first).map(|s| s.saturating_add(i64::try_from(index).unwrap_or(i64::MAX)));
        self.open();
        // a list opening an item continues the outer item's marker line
        let mut marker = self.marker.take().unwrap_or_else(|| self.prefix.clone());
        let base = marker.len();
        match (number, self.list.alternate) {
            (Some(n), alt) => {
                use std::fmt::Write;
                // writing to a String cannot fail
                let _ = write!(marker, "{n}{} ", if alt { ')' } else { '.' });
            }
            (None, false) => marker.push_str("- "),
            (None, true) => marker.push_str("* "),
        }
        self.prefix
            .extend(std::iter::repeat_n(' ', marker.len() - base));
        self.marker = Some(marker);
        self.need_blank = false;
    }

    /// Ends a quote or an item: its prefix goes.
    fn end_container(&mut self) {
        // an item with no content still shows its marker
        if let Some(m) = self.marker.take() {
            self.out.push_str(m.trim_end());
            self.out.push('\n');
        }
        if let Some(opened) = self.opened.pop() {
            self.prefix.truncate(opened.prefix_len);
            self.last_list = opened.last_list;
        }
        self.need_blank = true;
    }

    /// A block that holds no blocks, already written as lines; one that came out empty leaves no
    /// trace but still parts two lists.
    fn leaf(&mut self, rendered: &str) {
        self.last_list = None;
        if !rendered.is_empty() {
            self.separate();
            self.lines(rendered);
        }
    }

    fn separate(&mut self) {
        if self.need_blank {
            self.blank();
        }
        self.need_blank = true;
    }

    fn blank(&mut self) {
        if self.out.len() > self.start {
            self.out.push_str(self.prefix.trim_end());
            self.out.push('\n');
        }
    }

    fn lines(&mut self, rendered: &str) {
        // at the top level a line gets no prefix: the rendering is the lines as they are, when no
        // `\r` makes `lines` read them otherwise
        if self.prefix.is_empty()
            && self.marker.is_none()
            && memchr::memchr(b'\r', rendered.as_bytes()).is_none()
        {
            self.out.push_str(rendered);
            if !rendered.ends_with('\n') {
                self.out.push('\n');
            }
            return;
        }
        for line in rendered.lines() {
            match self.marker.take() {
                Some(m) => self.out.push_str(&m),
                None if line.is_empty() => self.out.push_str(self.prefix.trim_end()),
                None => self.out.push_str(&self.prefix),
            }
            self.out.push_str(line);
            self.out.push('\n');
        }
    }
}

/// A heading is one line: each run of line breaks is one space.
fn heading(level: u8, content: &[Inline]) -> String {
    let mut w = Writer::new(Mode::Line, HardBreak::Spaces);
    w.inlines(&one_break(content), LINE_END);
    let mut text = w.finish();
    if text.is_empty() {
        return text;
    }
    // the marks and the line end around the text where it was written, not in a copy
    let marks = usize::from(level).clamp(1, 6);
    text.insert_str(0, &"###### "[6 - marks..]);
    text.push('\n');
    text
}

/// A paragraph block, which a run of line breaks makes several.
///
/// Written in `buf` (emptied first) when it is one paragraph, as most blocks are.
fn paragraphs_md(buf: String, content: &[Inline], hard_break: HardBreak) -> String {
    // most blocks are one paragraph: its rendering is the block's, with no list of renderings
    if !may_split(content) {
        return paragraph_in(buf, content, hard_break);
    }
    let parts = paragraphs(content);
    if let [only] = parts.as_slice() {
        return paragraph_in(buf, only, hard_break);
    }
    let mut parts: Vec<String> = parts
        .into_iter()
        .map(|p| paragraph(&p, hard_break))
        .filter(|p| !p.is_empty())
        .collect();
    // most blocks are one paragraph: its rendering is the block's, with no copy to join
    if parts.len() == 1 {
        return parts.pop().unwrap_or_default();
    }
    parts.join("\n")
}

fn paragraph(content: &[Inline], hard_break: HardBreak) -> String {
    paragraph_in(String::new(), content, hard_break)
}

/// [`paragraph`], written in `buf` (emptied first).
fn paragraph_in(mut buf: String, content: &[Inline], hard_break: HardBreak) -> String {
    buf.clear();
    let mut w = Writer::new_in(buf, Mode::Block, hard_break);
    // room for the text, the links' destinations, some escapes and the closing line end, so that
    // the rendering is not grown (and copied) a doubling at a time, the last time for its final
    // newline
    let bytes = match content {
        [Inline::Text { text }] => text.len(),
        _ => inlines_bytes(content),
    };
    w.out.reserve(bytes + bytes / 16 + 8);
    w.inlines(content, LINE_END);
    w.finish()
}

fn code_block(language: Option<&str>, text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    let info = language.filter(|l| !l.contains(['`', '\n'])).unwrap_or("");
    format!("{fence}{info}\n{text}\n{fence}\n")
}

fn figure(image: &Image, caption: &[Inline], hard_break: HardBreak) -> String {
    let mut out = image_md(image);
    out.push('\n');
    if !caption.is_empty() {
        let c = paragraph(&one_break(caption), hard_break);
        if !c.is_empty() {
            out.push('\n');
            out.push_str(&c);
        }
    }
    out
}

/// A GFM table. GFM needs a header row: a table without one gets an empty one, so that its first
/// row is not made a header it was not.
fn table(rows: &[Vec<Vec<Inline>>], header: bool) -> String {
    let Some(width) = rows.iter().map(Vec::len).max().filter(|w| *w > 0) else {
        return String::new();
    };
    let mut out = String::new();
    if !header {
        out.push('|');
        for _ in 0..width {
            out.push_str("  |");
        }
        out.push_str("\n|");
        for _ in 0..width {
            out.push_str(" --- |");
        }
        out.push('\n');
    }
    for (r, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            let mut w = Writer::new(Mode::Cell, HardBreak::Spaces);
            if let Some(cell) = row.get(c) {
                w.inlines(&one_break(cell), LINE_END);
            }
            let text = escape_cell_pipes(&w.finish());
            out.push(' ');
            out.push_str(&text);
            out.push_str(" |");
        }
        out.push('\n');
        if r == 0 && header {
            out.push('|');
            for _ in 0..width {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
    out
}

/// GFM splits a table row at every `|` that no backslash escapes before it reads any inline syntax,
/// code spans and link destinations included, and it takes `\|` as a `|` everywhere in a cell. So a
/// `|` left bare in a cell's code span or URL would end the cell early, and what followed it would
/// be read as Markdown, raw HTML included.
fn escape_cell_pipes(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut escaped = false;
    for c in cell.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

fn image_md(image: &Image) -> String {
    // room for all of it at once (escapes aside)
    let mut out = String::with_capacity(image_bytes(image));
    out.push_str("![");
    escape_label_onto(&image.alt, &mut out);
    out.push_str("](");
    out.push_str(&destination(&image.src));
    if let Some(t) = &image.title {
        title_onto(t, &mut out);
    }
    out.push(')');
    out
}

/// ` "title"` after `out`'s end.
fn title_onto(t: &str, out: &mut String) {
    out.reserve(t.len() + 3);
    out.push_str(" \"");
    for c in t.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out.push('"');
}

/// The bytes of an image's Markdown, escapes aside.
fn image_bytes(image: &Image) -> usize {
    image.alt.len() + image.src.len() + image.title.as_ref().map_or(0, |t| t.len() + 3) + 5
}

/// The bytes of the Markdown of `content`, escapes and delimiters aside: its texts, code, line
/// breaks, and the destinations and titles of its links and images. Nested emphasis and links
/// count their texts only.
fn inlines_bytes(content: &[Inline]) -> usize {
    content
        .iter()
        .map(|i| match i {
            Inline::Text { text } | Inline::Code { text } => text.len(),
            Inline::LineBreak => 3,
            Inline::Link {
                url,
                title,
                content,
            } => {
                url.len()
                    + title.as_ref().map_or(0, |t| t.len() + 3)
                    + 4
                    + crate::model::inlines::text_bytes_capped(content, usize::MAX)
            }
            Inline::Image { image } => image_bytes(image),
            _ => crate::model::inlines::text_bytes_capped(i.children(), usize::MAX) + 4,
        })
        .sum()
}

/// About the bytes of a block's Markdown, counted without going into its inlines' inlines or a
/// container's blocks' (each of a list's items, each of a quote's blocks, a table's cells), as
/// room to make for the body at once.
fn block_bytes(block: &Block) -> usize {
    let flat = |content: &[Inline]| -> usize {
        content
            .iter()
            .map(|i| match i {
                Inline::Text { text } | Inline::Code { text } => text.len(),
                Inline::Link { url, .. } => url.len() + 16,
                Inline::Image { image } => image_bytes(image),
                _ => 8,
            })
            .sum::<usize>()
            + 2
    };
    match block {
        Block::Heading { content, .. } | Block::Paragraph { content } => flat(content),
        Block::Figure { image, caption } => image_bytes(image) + flat(caption),
        Block::Code { text, .. } => text.len() + 8,
        Block::List { items, .. } => items
            .iter()
            .flatten()
            .map(|b| match b {
                Block::Paragraph { content } => flat(content) + 4,
                _ => 16,
            })
            .sum(),
        Block::Quote { blocks } => blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { content } => flat(content) + 2,
                _ => 16,
            })
            .sum(),
        Block::Table { rows, .. } => rows.iter().flatten().map(|cell| flat(cell) + 1).sum(),
        Block::Rule => 4,
    }
}

/// A link destination that needs no angle brackets: spaces and controls percent-encoded, parentheses
/// and backslashes escaped.
fn destination(url: &str) -> std::borrow::Cow<'_, str> {
    // most URLs hold nothing to escape: one look at the bytes (a C1 control's UTF-8 starts with
    // 0xC2, so that byte sends the URL the long way too), a fold with no exit per byte that the
    // compiler runs a vector at a time, and the URL as it is
    let escapes = |b: u8| {
        (b < 0x20)
            | (b == 0x7F)
            | (b == 0xC2)
            | (b == b'(')
            | (b == b')')
            | (b == b'\\')
            | (b == b' ')
            | (b == b'<')
            | (b == b'>')
    };
    if !url.bytes().fold(false, |found, b| found | escapes(b)) {
        return url.into();
    }
    let mut s = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' | ')' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            ' ' => s.push_str("%20"),
            '<' => s.push_str("%3C"),
            '>' => s.push_str("%3E"),
            // a control character dropped could join a scheme back together (`jav\x10ascript:`)
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    s.push_str(&format!("%{b:02X}"));
                }
            }
            c => s.push(c),
        }
    }
    s.into()
}

/// Image alt text: brackets and backslashes escaped, line breaks flattened.
fn escape_label_onto(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '[' | ']' | '\\' | '`' | '*' | '_' | '<' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
}

fn longest_run(s: &str, ch: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == ch {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A paragraph: line breaks are hard breaks.
    Block,
    /// A heading: one line.
    Line,
    /// A table cell: one line, pipes escaped.
    Cell,
}

/// The Markdown character that follows a run of inlines, as far as the flanking of a delimiter
/// before it goes.
#[derive(Clone, Copy)]
struct Next {
    /// `None` at the end of the line, which flanks as whitespace does.
    ch: Option<char>,
    /// The character is the opening delimiter of a sibling emphasis: a closing delimiter of the same
    /// character written before it joins it into one run.
    opens: bool,
    /// When `opens`: the first character of that emphasis's content as written, and the first
    /// character past every delimiter it opens with. Either may follow instead of `ch`: the first
    /// when a closing run joins the sibling's, the second when the sibling, or emphasis inside it,
    /// is written without delimiters.
    inner: Option<char>,
    deep: Option<char>,
    /// When `opens`: the length of that opening delimiter.
    run: usize,
}

impl Next {
    fn char(ch: char) -> Next {
        Next {
            ch: Some(ch),
            opens: false,
            inner: None,
            deep: None,
            run: 0,
        }
    }

    /// The characters that may follow a closing delimiter `d` written before this: the first
    /// `count` of the array (at most three, so no list is allocated for every emphasis placed).
    fn candidates(self, d: char) -> ([Option<char>; 3], usize) {
        if !self.opens {
            return ([self.ch, None, None], 1);
        }
        let mut out = [None; 3];
        let mut count = 0;
        for c in [self.ch, self.inner] {
            if c != Some(d) {
                out[count] = c;
                count += 1;
            }
        }
        out[count] = self.deep;
        (out, count + 1)
    }
}

const LINE_END: Next = Next {
    ch: None,
    opens: false,
    inner: None,
    deep: None,
    run: 0,
};

/// Writes inlines, tracking whether it stands at the start of a line (where `#`, `>`, `-`, `+`, `=`
/// and `1.` would start a block) and the last character written (so that two delimiters never touch).
struct Writer {
    out: String,
    mode: Mode,
    hard_break: HardBreak,
    line_start: bool,
    /// Whether the line so far is nothing but digits (so `.` or `)` would make a list item).
    line_digits: bool,
    /// The last code span written (where it starts, its text) and where it ended: a span that
    /// follows directly is merged into it.
    last_code: Option<(usize, String)>,
    code_end: usize,
    /// Where the last closing delimiter ended, and the character before it: an opening delimiter of
    /// the same character written right there joins it into one run, which flanks by the
    /// characters around the whole run.
    closer_end: Option<usize>,
    closer_prev: Option<char>,
    /// How long the run of closing delimiters ending there is (closers of nested emphasis written
    /// one after the other make one run).
    closer_run: usize,
    /// The delimiter characters of the emphasis open around what is being written.
    open: Vec<char>,
    /// Where the last opening delimiter ended, and the character before it: a nested opening run
    /// written right there joins it.
    opener_end: Option<usize>,
    opener_prev: Option<char>,
    /// Where the last hard break started, so that one ending the paragraph can go.
    break_start: Option<usize>,
}

/// The delimiter CommonMark (with GFM strikethrough) writes around an emphasis. `_` is never used:
/// it cannot open or close inside a word, which CJK text is made of.
fn delimiter(kind: EmphasisKind) -> &'static str {
    match kind {
        EmphasisKind::Emphasis => "*",
        EmphasisKind::Strong => "**",
        EmphasisKind::Strikethrough => "~~",
    }
}

/// The character an emphasis of this kind opens with, when written the usual way.
fn delimiter_char(kind: EmphasisKind) -> char {
    match kind {
        EmphasisKind::Emphasis | EmphasisKind::Strong => '*',
        EmphasisKind::Strikethrough => '~',
    }
}

/// Punctuation as CommonMark's flanking rules count it: Unicode's P and S categories. Everything
/// else (letters, digits, marks, controls, format characters, private use and unassigned code
/// points) flanks as a letter, whitespace aside.
fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    let gc = CodePointMapData::<GeneralCategory>::new().get(c);
    GeneralCategoryGroup::Punctuation.contains(gc) || GeneralCategoryGroup::Symbol.contains(gc)
}

/// `None` (the start or end of a line) flanks as whitespace.
fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

fn left_flanking(prev: Option<char>, next: Option<char>) -> bool {
    !is_space(next)
        && (next.is_some_and(|n| !is_punct(n)) || is_space(prev) || prev.is_some_and(is_punct))
}

fn right_flanking(prev: Option<char>, next: Option<char>) -> bool {
    !is_space(prev)
        && (prev.is_some_and(|p| !is_punct(p)) || is_space(next) || next.is_some_and(is_punct))
}

/// Whether a delimiter run of `d` between `prev` and `next` can open an emphasis (CommonMark 6.2;
/// `~~` as `*`, which is how GFM's strikethrough reads it; pulldown-cmark is laxer with `~~`).
fn can_open(prev: Option<char>, next: Option<char>) -> bool {
    left_flanking(prev, next)
}

fn can_close(prev: Option<char>, next: Option<char>) -> bool {
    right_flanking(prev, next)
}

/// The first Markdown character text starting with `c` is written with: the backslash of an escape
/// for the characters that are always escaped (so that an escaped `*` is not taken for a delimiter).
fn source_char(c: char) -> char {
    match c {
        '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' => '\\',
        '\n' => ' ',
        c => c,
    }
}

fn is_nothing(i: &Inline) -> bool {
    matches!(i, Inline::Text { text } | Inline::Code { text } if text.is_empty())
}

/// Whether content starts (or ends) with whitespace or a line break, which the writer moves outside
/// its delimiters.
fn space_edge(content: &[Inline], start: bool) -> bool {
    let edge = if start {
        content.iter().find(|i| !is_nothing(i))
    } else {
        content.iter().rev().find(|i| !is_nothing(i))
    };
    match edge {
        Some(Inline::Text { text }) => {
            let c = if start {
                text.chars().next()
            } else {
                text.chars().next_back()
            };
            c.is_some_and(char::is_whitespace)
        }
        Some(Inline::LineBreak) => true,
        _ => false,
    }
}

/// The Markdown character at the start (or end) of `content` as written, looking through nested
/// emphasis whose delimiter is `through` (its run joins the one being judged, so the character past
/// it is the one that counts), or through all nested emphasis when `through` is `None`.
fn edge_char(content: &[Inline], start: bool, through: Option<char>) -> Option<char> {
    let mut cur = content;
    loop {
        let item = if start {
            cur.iter().find(|i| !is_nothing(i))
        } else {
            cur.iter().rev().find(|i| !is_nothing(i))
        }?;
        if let Some((kind, inner)) = item.emphasis_kind() {
            if space_edge(inner, start) {
                return Some(' ');
            }
            let c = delimiter_char(kind);
            if through.is_none_or(|d| d == c) {
                cur = inner;
                continue;
            }
            return Some(c);
        }
        return Some(match item {
            Inline::Text { text } if start => text.chars().next().map_or(' ', source_char),
            Inline::Text { text } => text.chars().next_back().unwrap_or(' '),
            Inline::Code { .. } => '`',
            // a link writes the spaces at the edges of its text outside its brackets
            Inline::Link { content, .. } if space_edge(content, start) => ' ',
            Inline::Link { .. } if start => '[',
            Inline::Image { .. } if start => '!',
            Inline::Link { .. } | Inline::Image { .. } => ')',
            _ => ' ',
        });
    }
}

/// What follows in `rest`, for the inline before it: `None` when `rest` writes nothing.
fn lead(rest: &[Inline]) -> Option<Next> {
    let first = rest.iter().find(|i| !is_nothing(i))?;
    if let Some((kind, content)) = first.emphasis_kind() {
        if !space_edge(content, true) {
            let d = delimiter_char(kind);
            return Some(Next {
                ch: Some(d),
                opens: true,
                inner: edge_char(content, true, Some('\0')),
                deep: edge_char(content, true, None),
                run: delimiter(kind).len(),
            });
        }
    }
    let ch = edge_char(std::slice::from_ref(first), true, Some('\0'))?;
    Some(Next::char(ch))
}

/// Adjacent emphasis of one kind is one emphasis (`<b>a</b><b>b</b>`: written apart, the second
/// run's `**` would join the first's), and adjacent text one text.
fn merge_runs(inlines: &[Inline]) -> std::borrow::Cow<'_, [Inline]> {
    let mergeable = |a: &Inline, b: &Inline| match (a, b) {
        (Inline::Text { .. }, Inline::Text { .. }) => true,
        _ => {
            matches!((a.emphasis_kind(), b.emphasis_kind()), (Some((x, _)), Some((y, _))) if x == y)
        }
    };
    if !inlines.windows(2).any(|w| mergeable(&w[0], &w[1])) {
        return inlines.into();
    }
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for i in inlines {
        match out.last_mut() {
            Some(Inline::Text { text }) if matches!(i, Inline::Text { .. }) => {
                if let Inline::Text { text: t } = i {
                    text.push_str(t);
                }
            }
            Some(last) if mergeable(last, i) => {
                if let Some(c) = last.children_mut() {
                    c.extend(i.children().iter().cloned());
                }
            }
            _ => out.push(i.clone()),
        }
    }
    out.into()
}

/// Splits whitespace and line breaks off both ends of content: they belong outside a delimiter
/// (`**a **` is no emphasis) and outside link text.
fn split_spaces(content: &[Inline]) -> (Vec<Inline>, Cow<'_, [Inline]>, Vec<Inline>) {
    // most content has nothing at its ends to split off: it is read as it is, not copied
    if !splits_off(content.first(), true) && !splits_off(content.last(), false) {
        return (Vec::new(), Cow::Borrowed(content), Vec::new());
    }
    let mut core: Vec<Inline> = content.to_vec();
    let mut lead = Vec::new();
    let mut trail = Vec::new();
    loop {
        match core.first_mut() {
            Some(Inline::LineBreak) => lead.push(core.remove(0)),
            Some(i) if is_nothing(i) => {
                core.remove(0);
            }
            Some(Inline::Text { text }) => {
                let cut = text.len() - text.trim_start().len();
                if cut == 0 {
                    break;
                }
                lead.push(Inline::text(&text[..cut]));
                text.drain(..cut);
                if text.is_empty() {
                    core.remove(0);
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    loop {
        match core.last_mut() {
            Some(Inline::LineBreak) => trail.insert(0, Inline::LineBreak),
            Some(i) if is_nothing(i) => {}
            Some(Inline::Text { text }) => {
                let keep = text.trim_end().len();
                if keep == text.len() {
                    break;
                }
                trail.insert(0, Inline::text(&text[keep..]));
                text.truncate(keep);
                if !text.is_empty() {
                    break;
                }
            }
            _ => break,
        }
        core.pop();
    }
    (lead, Cow::Owned(core), trail)
}

/// Whether [`split_spaces`] takes something off content that starts (`start`) or ends with `edge`.
fn splits_off(edge: Option<&Inline>, start: bool) -> bool {
    match edge {
        Some(Inline::LineBreak) => true,
        Some(i) if is_nothing(i) => true,
        Some(Inline::Text { text }) if start => text.trim_start().len() != text.len(),
        Some(Inline::Text { text }) => text.trim_end().len() != text.len(),
        _ => false,
    }
}

/// Splits leading and trailing text that is not a letter or digit off an emphasis, so that what
/// stays inside starts and ends with one: the delimiters then flank whatever stands around them.
/// `deep` takes it out of emphasis nested at the edges as well (never out of a link, whose brackets
/// stand between), and drops a nested emphasis left with nothing inside.
fn split_punct(core: &[Inline], deep: bool) -> (String, Vec<Inline>, String) {
    let mut core: Vec<Inline> = core.to_vec();
    let mut moved = [String::new(), String::new()];
    for (side, start) in [(0, true), (1, false)] {
        loop {
            let depth = if deep { edge_depth(&core, start) } else { 0 };
            let Some(level) = level_at(&mut core, start, depth) else {
                break;
            };
            let item = if start {
                level.first_mut()
            } else {
                level.last_mut()
            };
            let Some(Inline::Text { text }) = item else {
                break;
            };
            // where the letters start (or end): what lies outside them moves
            let at = if start {
                text.find(char::is_alphanumeric).unwrap_or(text.len())
            } else {
                text.char_indices()
                    .rev()
                    .find(|(_, c)| c.is_alphanumeric())
                    .map_or(0, |(i, c)| i + c.len_utf8())
            };
            let whole = if start { at == text.len() } else { at == 0 };
            if start {
                moved[side].push_str(&text[..at]);
                text.drain(..at);
            } else {
                moved[side].insert_str(0, &text[at..]);
                text.truncate(at);
            }
            if !whole {
                break;
            }
            if start {
                level.remove(0);
            } else {
                level.pop();
            }
            drop_empty_edges(&mut core, start, depth);
        }
    }
    let [lead, trail] = moved;
    (lead, core, trail)
}

/// How many emphasis stand nested at one edge of `content`, each at the edge of the one around it.
fn edge_depth(content: &[Inline], start: bool) -> usize {
    let mut depth = 0;
    let mut cur = content;
    loop {
        let item = if start { cur.first() } else { cur.last() };
        match item.and_then(Inline::emphasis_kind) {
            Some((_, inner)) => {
                cur = inner;
                depth += 1;
            }
            None => return depth,
        }
    }
}

/// The content of the emphasis `depth` levels down one edge of `content` (`content` itself at 0).
fn level_at(content: &mut Vec<Inline>, start: bool, depth: usize) -> Option<&mut Vec<Inline>> {
    let mut level = content;
    for _ in 0..depth {
        let item = if start {
            level.first_mut()
        } else {
            level.last_mut()
        };
        match item {
            Some(i) if i.emphasis_kind().is_some() => level = i.children_mut()?,
            _ => return None,
        }
    }
    Some(level)
}

/// Drops the emphasis along one edge that were left empty, innermost first.
fn drop_empty_edges(content: &mut Vec<Inline>, start: bool, depth: usize) {
    for d in (0..depth).rev() {
        let Some(level) = level_at(content, start, d) else {
            return;
        };
        let item = if start { level.first() } else { level.last() };
        if !item.is_some_and(|i| i.emphasis_kind().is_some() && i.children().is_empty()) {
            return;
        }
        if start {
            level.remove(0);
        } else {
            level.pop();
        }
    }
}

/// How an emphasis is written: its delimiter, and the text moved outside it for the delimiters to
/// flank.
struct Placement<'c> {
    lead: String,
    /// The content as it is when nothing moved out of it.
    core: Cow<'c, [Inline]>,
    trail: String,
    /// The character before the closing delimiter, looked through nested runs.
    last: Option<char>,
    /// The character before the opening delimiter's run.
    before: Option<char>,
    /// The closing run right before is a sibling's of this kind, which this content continues: the
    /// run is taken back instead of an opening one written against it.
    reopen: bool,
}

/// Whether `&` starts something a CommonMark parser reads as an entity: `&name;`, `&#123;`, `&#x1F;`.
fn entity_like(rest: &str) -> bool {
    let body = rest
        .strip_prefix('#')
        .map_or(rest, |r| r.strip_prefix(['x', 'X']).unwrap_or(r));
    let n = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    n > 0 && body.as_bytes().get(n) == Some(&b';')
}

/// Whether `<` could start raw HTML or an autolink: a tag name, `/`, `!`, `?`, a scheme, or the
/// local part of an e-mail address (any ASCII character that is not a space or `<>`).
fn tag_like(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '(' | ')' | ','))
}

impl Writer {
    fn new(mode: Mode, hard_break: HardBreak) -> Writer {
        Writer::new_in(String::new(), mode, hard_break)
    }

    /// A writer that writes in `out`, which holds nothing yet.
    fn new_in(out: String, mode: Mode, hard_break: HardBreak) -> Writer {
        debug_assert!(out.is_empty());
        Writer {
            out,
            mode,
            hard_break,
            line_start: true,
            line_digits: false,
            last_code: None,
            code_end: 0,
            closer_end: None,
            closer_prev: None,
            closer_run: 0,
            open: Vec::new(),
            opener_end: None,
            opener_prev: None,
            break_start: None,
        }
    }

    fn finish(mut self) -> String {
        let trimmed = self.out.trim_end_matches([' ', '\n']).len();
        self.out.truncate(trimmed);
        // a hard break that ends the paragraph breaks nothing
        if let Some(b) = self.break_start.filter(|&b| b <= self.out.len()) {
            if self.out[b..].trim().is_empty() || &self.out[b..] == "\\" {
                self.out.truncate(b);
                let t = self.out.trim_end().len();
                self.out.truncate(t);
            }
        }
        if self.mode == Mode::Block && !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }

    /// Writes a run of inlines followed (in the Markdown) by `after`.
    fn inlines(&mut self, inlines: &[Inline], after: Next) {
        let merged = merge_runs(inlines);
        for (k, i) in merged.iter().enumerate() {
            let next = lead(&merged[k + 1..]).unwrap_or(after);
            self.inline(i, next);
        }
    }

    /// The last character written, `None` at the start of the line.
    fn prev_char(&self) -> Option<char> {
        self.out.chars().next_back()
    }

    fn inline(&mut self, i: &Inline, next: Next) {
        if let Some((kind, content)) = i.emphasis_kind() {
            return self.emphasis(kind, content, next);
        }
        match i {
            Inline::Text { text } => self.text(text),
            Inline::Code { text } => self.code(text),
            Inline::LineBreak => self.line_break(),
            // written above
            Inline::Emphasis { .. } | Inline::Strong { .. } | Inline::Strikethrough { .. } => {}
            Inline::Link {
                url,
                title,
                content,
            } => {
                let (lead, core, trail) = split_spaces(content);
                let core = if core.is_empty() {
                    Cow::Borrowed(content.as_slice())
                } else {
                    core
                };
                for i in &lead {
                    self.inline(i, LINE_END);
                }
                // `!` right before the bracket would make the link an image
                if self.out.ends_with('!') && !self.out.ends_with("\\!") {
                    self.out.pop();
                    self.out.push_str("\\!");
                }
                self.raw("[");
                self.inlines(&core, Next::char(']'));
                self.raw("](");
                self.raw(&destination(url));
                if let Some(t) = title {
                    title_onto(t, &mut self.out);
                }
                self.raw(")");
                for i in &trail {
                    self.inline(i, LINE_END);
                }
            }
            Inline::Image { image } => self.raw(&image_md(image)),
        }
    }

    fn line_break(&mut self) {
        match self.mode {
            Mode::Block => {
                if !self.out.is_empty() && !self.out.ends_with('\n') {
                    // spaces before the break would only add to it; drop them
                    while self.out.ends_with(' ') {
                        self.out.pop();
                    }
                    self.break_start = Some(self.out.len());
                    self.out.push_str(match self.hard_break {
                        HardBreak::Backslash => "\\\n",
                        HardBreak::Spaces => "  \n",
                    });
                    self.line_start = true;
                    self.line_digits = false;
                }
            }
            Mode::Line | Mode::Cell => {
                if !self.out.ends_with(' ') && !self.out.is_empty() {
                    self.out.push(' ');
                }
            }
        }
    }

    fn raw(&mut self, s: &str) {
        if !s.is_empty() {
            self.out.push_str(s);
            self.line_start = false;
            self.line_digits = false;
        }
    }

    fn code(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        // two code spans in a row would run their fences together: write them as one
        let joined;
        let text = match self.last_code.take() {
            Some((start, prev)) if start <= self.out.len() && self.out.len() == self.code_end => {
                self.out.truncate(start);
                joined = prev + text;
                joined.as_str()
            }
            _ => text,
        };
        let start = self.out.len();
        let fence = "`".repeat(longest_run(text, '`') + 1);
        let pad = text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']);
        self.raw(&fence);
        if pad {
            self.out.push(' ');
        }
        self.out.push_str(text);
        if pad {
            self.out.push(' ');
        }
        self.out.push_str(&fence);
        self.last_code = Some((start, text.to_string()));
        self.code_end = self.out.len();
    }

    fn emphasis(&mut self, kind: EmphasisKind, content: &[Inline], next: Next) {
        let (lead, core, trail) = split_spaces(content);
        for i in &lead {
            self.inline(i, LINE_END);
        }
        let after = if trail.is_empty() {
            next
        } else {
            Next::char(' ')
        };
        if let [
            Inline::Link {
                url,
                title,
                content,
            },
        ] = core.as_ref()
        {
            // **[text](url)** would open before `[` after a letter: emphasise the link text instead
            let inner = vec![Inline::emphasis(kind, content.clone())];
            self.inline(
                &Inline::Link {
                    url: url.clone(),
                    title: title.clone(),
                    content: inner,
                },
                after,
            );
        } else if !core.is_empty() {
            match self.place(kind, &core, after) {
                Some(p) => {
                    let d = delimiter(kind);
                    self.text(&p.lead);
                    if p.reopen {
                        self.out.truncate(self.out.len() - d.len());
                        self.closer_end = None;
                    } else {
                        self.raw(d);
                        self.opener_end = Some(self.out.len());
                        self.opener_prev = p.before;
                    }
                    self.open.push(delimiter_char(kind));
                    self.inlines(&p.core, Next::char(delimiter_char(kind)));
                    self.open.pop();
                    let joins_closer = self.closer_end == Some(self.out.len())
                        && self.prev_char() == Some(delimiter_char(kind));
                    self.closer_run = d.len() + if joins_closer { self.closer_run } else { 0 };
                    self.raw(d);
                    self.closer_end = Some(self.out.len());
                    self.closer_prev = p.last;
                    self.text(&p.trail);
                }
                // no delimiter could flank: the words stay, the emphasis goes
                None => self.inlines(&core, after),
            }
        }
        for i in &trail {
            self.inline(i, LINE_END);
        }
    }

    /// The first way of writing an emphasis whose delimiters CommonMark reads as such: as the author
    /// marked it up, or else with the punctuation at its edges moved outside (`**注意：**正文` would
    /// not close, `**注意**：正文` does).
    fn place<'c>(
        &self,
        kind: EmphasisKind,
        core: &'c [Inline],
        after: Next,
    ) -> Option<Placement<'c>> {
        let d = delimiter_char(kind);
        let prev = self.prev_char().map(|c| if c == '\n' { ' ' } else { c });
        // an opening run written right after a closing one of the same character is one run with it
        let joined_prev = self.closer_end == Some(self.out.len()) && prev == Some(d);
        // one written right after an enclosing opening run of the same character joins that run
        let joined_outer = self.opener_end == Some(self.out.len()) && prev == Some(d);
        // punctuation moved out of this emphasis alone first, and only then out of emphasis nested
        // at its edges too (`**~~注意：~~**正文`: the inner closer would leave the outer one between
        // `~` and a letter), so that what the shallow move writes well stays as it was
        for moved in [None, Some(false), Some(true)] {
            let (lead, core, trail) = match moved {
                None => (String::new(), Cow::Borrowed(core), String::new()),
                Some(deep) => {
                    let (lead, core, trail) = split_punct(core, deep);
                    (lead, Cow::Owned(core), trail)
                }
            };
            if core.is_empty() {
                continue;
            }
            let before = match lead.chars().next_back() {
                Some(c) => Some(c),
                None if joined_prev => self.closer_prev,
                None if joined_outer => self.opener_prev,
                None => prev,
            };
            // emphasis inside may come out with its delimiters or without: flank both ways
            let first = [
                edge_char(&core, true, Some(d)),
                edge_char(&core, true, None),
            ];
            let last = edge_char(&core, false, Some(d));
            let lasts = [last, edge_char(&core, false, None)];
            let (next_chars, count) = match trail.chars().next() {
                Some(c) => ([Some(source_char(c)), None, None], 1),
                None => after.candidates(d),
            };
            let nexts = &next_chars[..count];
            // an opening run that could also close would close an enclosing emphasis of its character
            // (unless it joins the enclosing opening run, which it then cannot close)
            let nested = self.open.contains(&d) && !(joined_outer && lead.is_empty());
            let opens = first
                .iter()
                .all(|&f| can_open(before, f) && !(nested && right_flanking(before, f)));
            // an opening run joined to the closing run before it was not there when that closer was
            // placed (it expected what was to follow it then: a sibling that came out without its
            // delimiters, say), so the joined run must still close it, and CommonMark's rule of three
            // must still pair both. It does for one emphasis's closer against another's opener of
            // the other length (`*a***b**`: 1 + 3 and 3 + 2 are no multiples of three); runs of equal
            // length (`*a**b*`, `**a****b**`, `~~a~~~~b~~`) pair neither, and a run that closes
            // nested emphasis too (`**：*a*****b**`) pairs its inner opener with none
            let joins_closer = joined_prev && lead.is_empty();
            let keeps_closer = !joins_closer
                || (self.closer_run < 3
                    && self.closer_run != delimiter(kind).len()
                    && first.iter().all(|&f| right_flanking(before, f)));
            // a closing run of this very delimiter alone is a sibling emphasis of this kind (a run of
            // its length and character is no other), which came to stand next to this one when what
            // stood between came out without delimiters (`**a**~~**b**~~c`, the strikethrough unable
            // to close before `c`): this content continues it, so its opener stands already
            let reopen = joins_closer && self.closer_run == delimiter(kind).len();
            let opens = reopen || (opens && keeps_closer);
            // a closing run joined to a sibling's opening run, with letters on both sides, is read by
            // CommonMark's rule of three, which can leave the two unmatched: keep them apart
            let joins_next = trail.is_empty() && after.opens && after.ch == Some(d);
            // the plain case is safe: this emphasis's runs are its own delimiter alone, and the
            // joined run is its closer and the sibling's opener (`*a***b**`: 1 + 3 is no multiple
            // of three)
            let (open_len, close_len) = (delimiter(kind).len(), delimiter(kind).len() + after.run);
            let plain_runs = lead.is_empty()
                && !joined_prev
                && !joined_outer
                && edge_char(&core, true, Some('\0')) != Some(d)
                && edge_char(&core, false, Some('\0')) != Some(d)
                && after.inner != Some(d)
                && ((open_len + close_len) % 3 != 0 || (open_len % 3 == 0 && close_len % 3 == 0));
            let joins_next = joins_next && !plain_runs;
            let closes = lasts.iter().all(|&l| {
                nexts
                    .iter()
                    .all(|&n| can_close(l, n) && !(joins_next && left_flanking(l, n)))
            });
            if opens && closes {
                return Some(Placement {
                    lead,
                    core,
                    trail,
                    last,
                    before,
                    reopen,
                });
            }
        }
        None
    }

    fn text(&mut self, text: &str) {
        // plain runs are copied whole; only characters that could be syntax stop the copy
        let bytes = text.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            if !self.line_start && !self.line_digits {
                // past a line's start only the bytes `QUIET` leaves out may be syntax, and the
                // others change nothing below: passed over in one loop
                loop {
                    match bytes.get(i) {
                        Some(&b) if b >= 0x80 => {
                            i += 1;
                            // eight bytes past ASCII at a time (CJK text), as below
                            while let Some(chunk) = bytes.get(i..i + 8) {
                                let mut word = [0u8; 8];
                                word.copy_from_slice(chunk);
                                if u64::from_le_bytes(word) & 0x8080_8080_8080_8080
                                    != 0x8080_8080_8080_8080
                                {
                                    break;
                                }
                                i += 8;
                            }
                        }
                        Some(&b) if QUIET[usize::from(b)] => i += 1,
                        _ => break,
                    }
                }
                if i == bytes.len() {
                    break;
                }
            }
            if bytes[i] >= 0x80 {
                // a run of characters past ASCII (most of a CJK text): none is syntax or a digit,
                // and every byte of them is past ASCII, so the run is passed over eight bytes at
                // a time while a word holds nothing else, then bytewise
                while let Some(chunk) = bytes.get(i..i + 8) {
                    let mut word = [0u8; 8];
                    word.copy_from_slice(chunk);
                    if u64::from_le_bytes(word) & 0x8080_8080_8080_8080 != 0x8080_8080_8080_8080 {
                        break;
                    }
                    i += 8;
                }
                while i < bytes.len() && bytes[i] >= 0x80 {
                    i += 1;
                }
                self.line_digits = false;
                self.line_start = false;
                continue;
            }
            let c = char::from(bytes[i]);
            let rest = &text[i + 1..];
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' => true,
                // `&` and `<` read as syntax only before an entity's name or a tag's
                '&' => entity_like(rest),
                '<' => tag_like(rest),
                '#' => self.line_start || self.mode == Mode::Line,
                '>' | '-' | '+' | '=' => self.line_start,
                // `1.` or `1)` at the start of a line would open an ordered list
                '.' | ')' => self.line_digits,
                ' ' | '\n' => self.line_start || c == '\n',
                _ => false,
            };
            if escape {
                self.out.push_str(&text[run..i]);
                run = i + 1;
                match c {
                    // leading spaces would indent the line (code block at four): keep them literal
                    ' ' => self.out.push_str("&#32;"),
                    '\n' => self.out.push(' '),
                    c => {
                        self.out.push('\\');
                        self.out.push(c);
                    }
                }
            }
            self.line_digits = (self.line_start || self.line_digits) && c.is_ascii_digit();
            self.line_start = false;
            i += 1;
        }
        self.out.push_str(&text[run..]);
    }
}

/// The bytes [`Writer::text`] writes as they are, whatever follows them, when it stands neither at
/// a line's start nor after its leading digits: all but the syntax characters it escapes
/// anywhere (`\`, `` ` ``, `*`, `_`, `[`, `]`, `~`, `|`), those that are syntax only before
/// something (`&`, `<`), `#` (escaped anywhere in a heading) and the line break.
const QUIET: [bool; 256] = {
    let mut table = [true; 256];
    let loud = b"\\`*_[]~|&<#\n";
    let mut k = 0;
    while k < loud.len() {
        table[loud[k] as usize] = false;
        k += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn para(content: Vec<Inline>) -> String {
        body(&[Block::Paragraph { content }], HardBreak::Backslash)
    }

    #[test]
    fn emphasis_next_to_cjk_punctuation_flanks() {
        let md = para(vec![
            Inline::Strong {
                content: vec![Inline::text("注意：")],
            },
            Inline::text("正文"),
        ]);
        assert_eq!(md, "**注意**：正文\n");
    }

    #[test]
    fn containers_nest_by_prefix() {
        let p = |t: &str| Block::Paragraph {
            content: vec![Inline::text(t)],
        };
        let doc = vec![Block::List {
            start: None,
            numbering: Default::default(),
            items: vec![
                vec![Block::Quote {
                    blocks: vec![p("q1"), p("q2")],
                }],
                vec![Block::List {
                    start: Some(3),
                    numbering: Default::default(),
                    items: vec![vec![p("a")], vec![p("b")]],
                }],
                vec![],
                vec![p("c"), p("d")],
            ],
        }];
        assert_eq!(
            body(&doc, HardBreak::Backslash),
            "- > q1\n  >\n  > q2\n\n- 3. a\n  4. b\n\n-\n\n- c\n\n  d\n"
        );
    }

    #[test]
    fn quiet_bytes_are_written_as_the_character_tests_write_them() {
        // every text of two characters after a line's start, in both modes and whatever stood
        // before, written with the quiet bytes passed over and one byte at a time as before
        let samples: Vec<String> = (0u8..0x80)
            .map(|b| char::from(b).to_string())
            .chain(["é", "中", "\u{a0}"].map(String::from))
            .collect();
        for mode in [Mode::Block, Mode::Line] {
            for a in &samples {
                for b in &samples {
                    // `&` and `<` are decided by what follows them: never passed over, and not
                    // comparable a character at a time
                    if [a, b].iter().any(|s| s.contains(['&', '<'])) {
                        continue;
                    }
                    for lead in ["x", "12", "1", " ", "中文中文中文", "x中文é中文中"] {
                        let text = format!("{lead}{a}{b}中文中文中文{a}");
                        let mut fast = Writer::new(mode, HardBreak::Spaces);
                        fast.text(&text);
                        let mut slow = Writer::new(mode, HardBreak::Spaces);
                        for c in text.chars() {
                            // a character at a time: the pass over quiet bytes never runs on
                            // more than the one character, whose own test then decides
                            slow.text(&c.to_string());
                        }
                        assert_eq!(fast.out, slow.out, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn escapes_what_would_be_syntax() {
        assert_eq!(
            para(vec![Inline::text("1. a *b* [c] <d> #e")]),
            "1\\. a \\*b\\* \\[c\\] \\<d> #e\n"
        );
        assert_eq!(para(vec![Inline::text("# x")]), "\\# x\n");
        assert_eq!(
            para(vec![
                Inline::text("a"),
                Inline::LineBreak,
                Inline::text("- b")
            ]),
            "a\\\n\\- b\n"
        );
    }
}
