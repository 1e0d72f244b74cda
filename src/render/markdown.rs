//! CommonMark with GFM tables and strikethrough.
//!
//! Escaping is by character class, so that any text survives a CommonMark parser unchanged, and
//! emphasis is written so that its delimiters always flank: CommonMark will not open `**` before
//! punctuation that follows a letter (`**注意：**正文` is not bold), so punctuation and spaces at the
//! edges of an emphasis are moved outside it, and an emphasis whose edge is not text is written
//! without delimiters rather than risk stray asterisks.

use crate::Post;
use crate::model::{Block, Image, Inline};

/// The post as Markdown.
pub fn render(post: &Post) -> String {
    let mut out = String::new();
    if post.options().front_matter {
        if let Some(fm) = post.markdown_front_matter() {
            out.push_str("---\n");
            out.push_str(fm);
            if !fm.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("---\n\n");
        } else if let Some(title) = &post.metadata().title {
            out.push_str("---\ntitle: ");
            out.push_str(&crate::post::yaml_string(title));
            out.push_str("\n---\n\n");
        }
    }
    out.push_str(&blocks(post.blocks()));
    out
}

/// Blocks as Markdown, each ending in a newline, separated by blank lines.
///
/// Containers (quotes, list items) are walked with an explicit stack and write their markers as a
/// line prefix, so nesting depth never becomes call depth and nested content is not copied once per
/// level.
pub fn blocks(blocks: &[Block]) -> String {
    let mut w = BlockWriter::default();
    let mut stack: Vec<Step<'_>> = vec![Step::Blocks(blocks.iter(), None)];
    while let Some(step) = stack.last_mut() {
        match step {
            Step::Blocks(iter, last_list) => match iter.next() {
                None => {
                    stack.pop();
                }
                Some(Block::Quote { blocks: inner }) => {
                    *last_list = None;
                    w.separate();
                    w.need_blank = false;
                    let restore = w.prefix.len();
                    w.prefix.push_str("> ");
                    // a quote opening an item continues the item's marker line
                    if let Some(m) = &mut w.marker {
                        m.push_str("> ");
                    }
                    stack.push(Step::Restore(restore));
                    stack.push(Step::Blocks(inner.iter(), None));
                }
                Some(Block::List { start, items }) => {
                    w.separate();
                    // CommonMark joins two lists in a row when their markers match: switch between
                    // `-`/`*` and `.`/`)` to keep them apart
                    let ordered = start.is_some();
                    let alternate = matches!(*last_list, Some((o, a)) if o == ordered && !a);
                    *last_list = Some((ordered, alternate));
                    // tight when every item is a single paragraph
                    let tight = items.iter().all(|i| {
                        i.len() <= 1 && i.iter().all(|b| matches!(b, Block::Paragraph { .. }))
                    });
                    stack.push(Step::Items {
                        items: items.iter(),
                        number: *start,
                        tight,
                        first: true,
                        alternate,
                    });
                }
                Some(leaf) => {
                    *last_list = None;
                    let rendered = block(leaf);
                    if !rendered.is_empty() {
                        w.separate();
                        w.lines(&rendered);
                    }
                }
            },
            Step::Items {
                items,
                number,
                tight,
                first,
                alternate,
            } => match items.next() {
                None => {
                    stack.pop();
                    w.need_blank = true;
                }
                Some(item) => {
                    if !*first && !*tight {
                        w.blank();
                    }
                    *first = false;
                    let marker = match (number, *alternate) {
                        (Some(n), alt) => {
                            let m = format!("{n}{} ", if alt { ')' } else { '.' });
                            *n += 1;
                            m
                        }
                        (None, false) => "- ".to_string(),
                        (None, true) => "* ".to_string(),
                    };
                    let restore = w.prefix.len();
                    // a list opening an item continues the outer item's marker line
                    let base = w.marker.take().unwrap_or_else(|| w.prefix.clone());
                    w.marker = Some(format!("{base}{marker}"));
                    w.prefix.extend(std::iter::repeat_n(' ', marker.len()));
                    w.need_blank = false;
                    stack.push(Step::Restore(restore));
                    stack.push(Step::Blocks(item.iter(), None));
                }
            },
            Step::Restore(len) => {
                let len = *len;
                stack.pop();
                // an item with no content still shows its marker
                if let Some(m) = w.marker.take() {
                    w.out.push_str(m.trim_end());
                    w.out.push('\n');
                }
                w.prefix.truncate(len);
                w.need_blank = true;
            }
        }
    }
    w.out
}

/// One step of the block walk.
enum Step<'a> {
    /// Sibling blocks, and whether the last one was a list (ordered?, alternate markers?).
    Blocks(std::slice::Iter<'a, Block>, Option<(bool, bool)>),
    Items {
        items: std::slice::Iter<'a, Vec<Block>>,
        number: Option<u64>,
        tight: bool,
        first: bool,
        alternate: bool,
    },
    /// Ends a container: its prefix goes.
    Restore(usize),
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
}

impl BlockWriter {
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

/// A leaf block as Markdown lines.
fn block(b: &Block) -> String {
    match b {
        Block::Heading { level, content } => {
            let mut w = Writer::new(Mode::Line);
            w.inlines(content);
            let text = w.finish();
            if text.is_empty() {
                return String::new();
            }
            format!("{} {}\n", "#".repeat(usize::from(*level).clamp(1, 6)), text)
        }
        Block::Paragraph { content } => {
            let mut w = Writer::new(Mode::Block);
            w.inlines(content);
            w.finish()
        }
        // containers are walked by `blocks`
        Block::List { .. } | Block::Quote { .. } => String::new(),
        Block::Code { language, text } => {
            let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
            let info = language
                .as_deref()
                .filter(|l| !l.contains(['`', '\n']))
                .unwrap_or("");
            format!("{fence}{info}\n{text}\n{fence}\n")
        }
        Block::Figure { image, caption } => {
            let mut out = image_md(image);
            out.push('\n');
            if !caption.is_empty() {
                let mut w = Writer::new(Mode::Block);
                w.inlines(caption);
                let c = w.finish();
                if !c.is_empty() {
                    out.push('\n');
                    out.push_str(&c);
                }
            }
            out
        }
        Block::Table { rows, .. } => table(rows),
        Block::Rule => "---\n".to_string(),
    }
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
            let text = w.finish();
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

enum EmphasisKind {
    Em,
    Strong,
    Strike,
}

impl EmphasisKind {
    fn delimiter(&self) -> &'static str {
        match self {
            EmphasisKind::Em => "*",
            EmphasisKind::Strong => "**",
            EmphasisKind::Strike => "~~",
        }
    }

    fn wrap(&self, content: Vec<Inline>) -> Inline {
        match self {
            EmphasisKind::Em => Inline::Emphasis { content },
            EmphasisKind::Strong => Inline::Strong { content },
            EmphasisKind::Strike => Inline::Strikethrough { content },
        }
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
            Inline::Emphasis { content } => self.emphasis(EmphasisKind::Em, content),
            Inline::Strong { content } => self.emphasis(EmphasisKind::Strong, content),
            Inline::Strikethrough { content } => self.emphasis(EmphasisKind::Strike, content),
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
            let inner = vec![kind.wrap(content.clone())];
            self.inline(&Inline::Link {
                url: url.clone(),
                title: title.clone(),
                content: inner,
            });
        } else if !core.is_empty() {
            let flanks =
                starts_alnum(&core) && ends_alnum(&core) && !self.out.ends_with(['*', '~']);
            if flanks {
                self.raw(kind.delimiter());
                self.inlines(&core);
                self.raw(kind.delimiter());
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
        blocks(&[Block::Paragraph { content }])
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
            blocks(&doc),
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
