//! CommonMark with GFM tables and strikethrough.
//!
//! Escaping is by character class, so that any text survives a CommonMark parser unchanged, and
//! emphasis is written so that its delimiters always flank: CommonMark will not open `**` before
//! punctuation that follows a letter (`**注意：**正文` is not bold), so punctuation and spaces at the
//! edges of an emphasis are moved outside it, and an emphasis whose edge is not text is written
//! without delimiters rather than risk stray asterisks.

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
}

impl Default for MarkdownOptions {
    fn default() -> MarkdownOptions {
        MarkdownOptions { front_matter: true }
    }
}

impl MarkdownOptions {
    /// The defaults.
    pub fn new() -> MarkdownOptions {
        MarkdownOptions::default()
    }

    /// Whether the Markdown starts with the front matter between `---` lines: the post's YAML as
    /// written ([`Metadata::front_matter`]), or else a `title:` line when there is a title.
    ///
    /// # Defaults
    /// `true`.
    pub fn front_matter(mut self, keep: bool) -> MarkdownOptions {
        self.front_matter = keep;
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
///     Block::List { start: None, items: vec![vec![Block::Paragraph { content: vec![Inline::text("a")] }]] },
/// ];
/// let mut metadata = Metadata::default();
/// metadata.title = Some("T".into());
/// let md = markdown::write(&blocks, &metadata, &MarkdownOptions::new());
/// assert_eq!(md, "---\ntitle: \"T\"\n---\n\n## News\n\n- a\n");
/// ```
pub fn write(blocks: &[Block], metadata: &Metadata, options: &MarkdownOptions) -> String {
    let mut out = String::new();
    if options.front_matter {
        front_matter(metadata, &mut out);
    }
    out.push_str(&body(blocks));
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
fn body(blocks: &[Block]) -> String {
    let mut w = BlockWriter::default();
    for event in events(blocks) {
        match event {
            Event::Start(Container::Quote) => w.start_quote(),
            Event::End(Container::Quote) => w.end_container(),
            Event::Start(Container::List { start, items }) => w.start_list(start, items),
            Event::End(Container::List { .. }) => w.end_list(),
            Event::Start(Container::Item { index, number, .. }) => w.start_item(index, number),
            Event::End(Container::Item { .. }) => w.end_container(),
            Event::Leaf(Block::Heading { level, content }) => w.leaf(&heading(*level, content)),
            Event::Leaf(Block::Paragraph { content }) => w.leaf(&paragraph(content)),
            Event::Leaf(Block::Code { language, text }) => {
                w.leaf(&code_block(language.as_deref(), text))
            }
            Event::Leaf(Block::Figure { image, caption }) => w.leaf(&figure(image, caption)),
            Event::Leaf(Block::Table { rows, .. }) => w.leaf(&table(rows)),
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

    fn start_list(&mut self, start: Option<u64>, items: &[Vec<Block>]) {
        self.separate();
        // CommonMark joins two lists in a row when their markers match: switch between `-`/`*` and
        // `.`/`)` to keep them apart
        let ordered = start.is_some();
        let alternate = matches!(self.last_list, Some((o, a)) if o == ordered && !a);
        self.last_list = Some((ordered, alternate));
        let tight = items
            .iter()
            .all(|i| i.len() <= 1 && i.iter().all(|b| matches!(b, Block::Paragraph { .. })));
        self.outer_lists.push(self.list);
        self.list = ListLayout { tight, alternate };
    }

    fn end_list(&mut self) {
        self.list = self.outer_lists.pop().unwrap_or_default();
        self.need_blank = true;
    }

    fn start_item(&mut self, index: usize, number: Option<u64>) {
        if index > 0 && !self.list.tight {
            self.blank();
        }
        let marker = match (number, self.list.alternate) {
            (Some(n), alt) => format!("{n}{} ", if alt { ')' } else { '.' }),
            (None, false) => "- ".to_string(),
            (None, true) => "* ".to_string(),
        };
        self.open();
        // a list opening an item continues the outer item's marker line
        let base = self.marker.take().unwrap_or_else(|| self.prefix.clone());
        self.marker = Some(format!("{base}{marker}"));
        self.prefix.extend(std::iter::repeat_n(' ', marker.len()));
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
        if !self.out.is_empty() {
            self.out.push_str(self.prefix.trim_end());
            self.out.push('\n');
        }
    }

    fn lines(&mut self, rendered: &str) {
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

fn heading(level: u8, content: &[Inline]) -> String {
    let mut w = Writer::new(Mode::Line);
    w.inlines(content);
    let text = w.finish();
    if text.is_empty() {
        return String::new();
    }
    format!("{} {}\n", "#".repeat(usize::from(level).clamp(1, 6)), text)
}

fn paragraph(content: &[Inline]) -> String {
    let mut w = Writer::new(Mode::Block);
    w.inlines(content);
    w.finish()
}

fn code_block(language: Option<&str>, text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    let info = language.filter(|l| !l.contains(['`', '\n'])).unwrap_or("");
    format!("{fence}{info}\n{text}\n{fence}\n")
}

fn figure(image: &Image, caption: &[Inline]) -> String {
    let mut out = image_md(image);
    out.push('\n');
    if !caption.is_empty() {
        let c = paragraph(caption);
        if !c.is_empty() {
            out.push('\n');
            out.push_str(&c);
        }
    }
    out
}

fn table(rows: &[Vec<Vec<Inline>>]) -> String {
    let Some(width) = rows.iter().map(Vec::len).max().filter(|w| *w > 0) else {
        return String::new();
    };
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            let mut w = Writer::new(Mode::Cell);
            if let Some(cell) = row.get(c) {
                w.inlines(cell);
            }
            let text = escape_cell_pipes(&w.finish());
            out.push(' ');
            out.push_str(&text);
            out.push_str(" |");
        }
        out.push('\n');
        if r == 0 {
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
    let mut out = String::from("![");
    out.push_str(&escape_label(&image.alt));
    out.push_str("](");
    out.push_str(&destination(&image.src));
    if let Some(t) = &image.title {
        out.push_str(&title_md(t));
    }
    out.push(')');
    out
}

fn title_md(t: &str) -> String {
    let mut s = String::from(" \"");
    for c in t.chars() {
        if matches!(c, '"' | '\\') {
            s.push('\\');
        }
        s.push(if c == '\n' { ' ' } else { c });
    }
    s.push('"');
    s
}

/// A link destination that needs no angle brackets: spaces and controls percent-encoded, parentheses
/// and backslashes escaped.
fn destination(url: &str) -> String {
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
    s
}

/// Image alt text: brackets and backslashes escaped, line breaks flattened.
fn escape_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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
    out
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

/// Writes inlines, tracking whether it stands at the start of a line (where `#`, `>`, `-`, `+`, `=`
/// and `1.` would start a block) and the last character written (so that two delimiters never touch).
struct Writer {
    out: String,
    mode: Mode,
    line_start: bool,
    /// Whether the line so far is nothing but digits (so `.` or `)` would make a list item).
    line_digits: bool,
    /// The last code span written (where it starts, its text) and where it ended: a span that
    /// follows directly is merged into it.
    last_code: Option<(usize, String)>,
    code_end: usize,
}

/// The delimiter CommonMark (with GFM strikethrough) writes around an emphasis.
fn delimiter(kind: EmphasisKind) -> &'static str {
    match kind {
        EmphasisKind::Emphasis => "*",
        EmphasisKind::Strong => "**",
        EmphasisKind::Strikethrough => "~~",
    }
}

impl Writer {
    fn new(mode: Mode) -> Writer {
        Writer {
            out: String::new(),
            mode,
            line_start: true,
            line_digits: false,
            last_code: None,
            code_end: 0,
        }
    }

    fn finish(self) -> String {
        let trimmed = self.out.trim_end_matches([' ', '\n']);
        let mut s = trimmed
            .strip_suffix('\\')
            .map_or(trimmed, |t| t.trim_end())
            .to_string();
        if self.mode == Mode::Block && !s.is_empty() {
            s.push('\n');
        }
        s
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for i in inlines {
            self.inline(i);
        }
    }

    fn inline(&mut self, i: &Inline) {
        if let Some((kind, content)) = i.emphasis_kind() {
            return self.emphasis(kind, content);
        }
        match i {
            Inline::Text { text } => self.text(text),
            Inline::Code { text } => self.code(text),
            Inline::LineBreak => match self.mode {
                Mode::Block => {
                    if !self.out.is_empty() && !self.out.ends_with('\n') {
                        // a trailing space would be written before the backslash; drop it
                        while self.out.ends_with(' ') {
                            self.out.pop();
                        }
                        self.out.push_str("\\\n");
                        self.line_start = true;
                        self.line_digits = false;
                    }
                }
                Mode::Line | Mode::Cell => {
                    if !self.out.ends_with(' ') && !self.out.is_empty() {
                        self.out.push(' ');
                    }
                }
            },
            // written above
            Inline::Emphasis { .. } | Inline::Strong { .. } | Inline::Strikethrough { .. } => {}
            Inline::Link {
                url,
                title,
                content,
            } => {
                // `!` right before the bracket would make the link an image
                if self.out.ends_with('!') && !self.out.ends_with("\\!") {
                    self.out.pop();
                    self.out.push_str("\\!");
                }
                self.raw("[");
                self.inlines(content);
                self.raw("](");
                self.raw(&destination(url));
                if let Some(t) = title {
                    self.raw(&title_md(t));
                }
                self.raw(")");
            }
            Inline::Image { image } => self.raw(&image_md(image)),
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

    fn emphasis(&mut self, kind: EmphasisKind, content: &[Inline]) {
        let (lead, core, trail) = split_edges(content);
        self.text(&lead);
        if let [
            Inline::Link {
                url,
                title,
                content,
            },
        ] = core.as_slice()
        {
            // **[text](url)** would open before `[`: bold the link text instead
            let inner = vec![Inline::emphasis(kind, content.clone())];
            self.inline(&Inline::Link {
                url: url.clone(),
                title: title.clone(),
                content: inner,
            });
        } else if !core.is_empty() {
            let flanks =
                starts_alnum(&core) && ends_alnum(&core) && !self.out.ends_with(['*', '~']);
            if flanks {
                self.raw(delimiter(kind));
                self.inlines(&core);
                self.raw(delimiter(kind));
            } else {
                self.inlines(&core);
            }
        }
        self.text(&trail);
    }

    fn text(&mut self, text: &str) {
        // plain runs are copied whole; only characters that could be syntax stop the copy
        let mut run = 0;
        for (i, c) in text.char_indices() {
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' | '&' | '|' => true,
                '#' => self.line_start || self.mode == Mode::Line,
                '>' | '-' | '+' | '=' => self.line_start,
                // `1.` or `1)` at the start of a line would open an ordered list
                '.' | ')' => self.line_digits,
                ' ' | '\n' => self.line_start || c == '\n',
                _ => false,
            };
            if escape {
                self.out.push_str(&text[run..i]);
                run = i + c.len_utf8();
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
        }
        self.out.push_str(&text[run..]);
    }
}

/// Splits leading and trailing non-alphanumeric text off an emphasis, so that what stays inside
/// starts and ends with a letter or digit (or is not text at all).
fn split_edges(content: &[Inline]) -> (String, Vec<Inline>, String) {
    let mut core: Vec<Inline> = content.to_vec();
    let mut lead = String::new();
    let mut trail = String::new();
    while let Some(Inline::Text { text }) = core.first_mut() {
        let cut = text
            .find(|c: char| c.is_alphanumeric())
            .unwrap_or(text.len());
        lead.push_str(&text[..cut]);
        if cut == text.len() {
            core.remove(0);
        } else {
            text.drain(..cut);
            break;
        }
    }
    while let Some(Inline::Text { text }) = core.last_mut() {
        let keep = text
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let t = text[keep..].to_string();
        trail.insert_str(0, &t);
        if keep == 0 {
            core.pop();
        } else {
            text.truncate(keep);
            break;
        }
    }
    while matches!(core.first(), Some(Inline::LineBreak)) {
        core.remove(0);
    }
    while matches!(core.last(), Some(Inline::LineBreak)) {
        core.pop();
    }
    (lead, core, trail)
}

fn starts_alnum(core: &[Inline]) -> bool {
    matches!(core.first(), Some(Inline::Text { text }) if text.starts_with(|c: char| c.is_alphanumeric()))
}

fn ends_alnum(core: &[Inline]) -> bool {
    matches!(core.last(), Some(Inline::Text { text }) if text.ends_with(|c: char| c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(content: Vec<Inline>) -> String {
        body(&[Block::Paragraph { content }])
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
            items: vec![
                vec![Block::Quote {
                    blocks: vec![p("q1"), p("q2")],
                }],
                vec![Block::List {
                    start: Some(3),
                    items: vec![vec![p("a")], vec![p("b")]],
                }],
                vec![],
                vec![p("c"), p("d")],
            ],
        }];
        assert_eq!(
            body(&doc),
            "- > q1\n  >\n  > q2\n\n- 3. a\n  4. b\n\n-\n\n- c\n\n  d\n"
        );
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
