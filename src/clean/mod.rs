//! The DOM walker: one pass over the parsed body that drops junk by rule, resolves images and links,
//! collapses whitespace and builds the model.
//!
//! Rather than rewriting the DOM and then reading it again, the walker decides per element (with the
//! rule table and the helpers beside this file) and builds [`Block`]s as it goes. It keeps an explicit
//! stack of open frames, so nesting depth in the input never becomes call depth.

pub mod breaks;
pub mod images;
pub mod links;
pub mod related;
pub mod rules;
pub mod whitespace;

use std::collections::{BTreeMap, HashSet};

use url::Url;

use crate::dom::{Dom, NodeId};
use crate::model::{Block, Image, Inline};
use rules::Rules;
use whitespace::{is_html_space, segment_break_vanishes};

/// What the cleaner removed, counted by the rule that removed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Removals per rule name.
    pub removed: BTreeMap<String, usize>,
    /// Problems that did not stop the conversion (for example front matter that was salvaged).
    pub warnings: Vec<String>,
}

impl Report {
    /// Counts one removal under `rule`.
    pub fn count(&mut self, rule: &str) {
        self.count_n(rule, 1);
    }

    /// Counts `n` removals under `rule`.
    pub fn count_n(&mut self, rule: &str, n: usize) {
        if n == 0 {
            return;
        }
        match self.removed.get_mut(rule) {
            Some(c) => *c += n,
            None => {
                self.removed.insert(rule.to_string(), n);
            }
        }
    }

    /// Total removals.
    pub fn total(&self) -> usize {
        self.removed.values().sum()
    }
}

/// Class names of text hidden from sight and kept for screen readers ("Image caption" labels).
const HIDDEN_CLASSES: &[&str] = &[
    "off-screen",
    "offscreen",
    "visually-hidden",
    "visuallyhidden",
    "sr-only",
    "screen-reader-text",
    "screenreader-only",
    "element-invisible",
    "element-hidden",
];

/// Cleans the subtree at `root` and returns its blocks.
pub fn clean(
    dom: &Dom,
    root: NodeId,
    rules: &Rules,
    base: Option<&Url>,
    report: &mut Report,
) -> Vec<Block> {
    let mut w = Walker {
        dom,
        rules,
        base,
        report,
        frames: vec![Frame::new(FrameKind::Root)],
        flow: Flow::default(),
        seen_images: HashSet::new(),
        saw_desktop_variant: false,
    };
    w.run(root);
    let mut root = w
        .frames
        .pop()
        .expect("the root frame is never popped by the walk");
    w.flush(&mut root);
    let mut blocks = root.blocks;
    related::drop_announced(&mut blocks, report);
    related::drop_link_lists(&mut blocks, report);
    blocks
}

/// An open element whose output is still being gathered.
struct Frame {
    kind: FrameKind,
    /// Finished blocks (block frames only).
    blocks: Vec<Block>,
    /// The open paragraph (block frames) or the content (inline frames).
    inlines: Vec<Inline>,
}

enum FrameKind {
    Root,
    Quote,
    Item,
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Figure {
        caption: Vec<Inline>,
    },
    Caption,
    Table {
        rows: Vec<Vec<Cell>>,
    },
    Row {
        cells: Vec<Cell>,
    },
    Cell {
        header: bool,
        span: usize,
    },
    Heading(u8),
    Emphasis,
    Strong,
    Strike,
    Link {
        url: String,
        title: Option<String>,
    },
}

struct Cell {
    header: bool,
    span: usize,
    content: Vec<Inline>,
}

impl FrameKind {
    fn is_inline(&self) -> bool {
        matches!(
            self,
            FrameKind::Heading(_)
                | FrameKind::Emphasis
                | FrameKind::Strong
                | FrameKind::Strike
                | FrameKind::Link { .. }
        )
    }
}

impl Frame {
    fn new(kind: FrameKind) -> Frame {
        Frame {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
        }
    }
}

/// Where the inline text flow stands: the last character written and whitespace not yet written.
#[derive(Default)]
struct Flow {
    last: Option<char>,
    pending: Option<Pending>,
}

struct Pending {
    newline: bool,
    /// Index of the frame the whitespace stood in; the space goes there, so that it lands outside an
    /// emphasis that opened after it.
    frame: usize,
}

enum Work {
    Enter(NodeId),
    /// Closes the frame on top of the stack.
    Close,
    /// Ends a block-level element that opened no frame of its own.
    BlockEnd,
}

/// Widest colspan honoured; wider ones are clamped so that `colspan="1000000"` costs nothing.
const MAX_COLSPAN: usize = 64;
/// Widest table built; cells past it are joined into the last column.
const MAX_COLUMNS: usize = 64;

struct Walker<'a> {
    dom: &'a Dom,
    rules: &'a Rules,
    base: Option<&'a Url>,
    report: &'a mut Report,
    frames: Vec<Frame>,
    flow: Flow,
    seen_images: HashSet<String>,
    saw_desktop_variant: bool,
}

impl Walker<'_> {
    fn run(&mut self, root: NodeId) {
        let mut work: Vec<Work> = self
            .dom
            .children(root)
            .iter()
            .rev()
            .map(|&c| Work::Enter(c))
            .collect();
        while let Some(item) = work.pop() {
            match item {
                Work::Enter(id) => self.enter(id, &mut work),
                Work::Close => self.close(),
                Work::BlockEnd => self.block_boundary(),
            }
        }
    }

    fn top(&mut self) -> &mut Frame {
        self.frames
            .last_mut()
            .expect("the root frame stays on the stack")
    }

    /// Whether an inline frame is open, in which case block structure degrades to line breaks.
    fn in_inline(&self) -> bool {
        self.frames.last().is_some_and(|f| f.kind.is_inline())
    }

    fn open(&mut self, kind: FrameKind, id: NodeId, work: &mut Vec<Work>) {
        if !kind.is_inline() {
            self.block_boundary();
        }
        self.frames.push(Frame::new(kind));
        work.push(Work::Close);
        self.push_children(id, work);
    }

    fn push_children(&self, id: NodeId, work: &mut Vec<Work>) {
        work.extend(self.dom.children(id).iter().rev().map(|&c| Work::Enter(c)));
    }

    fn enter(&mut self, id: NodeId, work: &mut Vec<Work>) {
        if let Some(text) = self.dom.text(id) {
            self.push_text(text);
            return;
        }
        let Some(tag) = self.dom.tag(id) else { return };
        if self.dom.is_foreign(id) {
            self.report.count("embed");
            return;
        }
        let class = self.dom.attr(id, "class");
        if let Some(rule) = self
            .rules
            .match_element(tag, self.dom.attr(id, "id"), class)
        {
            if tag == "noscript" {
                self.noscript_images(id);
            }
            self.report.count(rule);
            return;
        }
        if self.is_hidden(id, class) {
            self.report.count("hidden");
            return;
        }
        let inline = self.in_inline();
        match tag {
            "br" => self.line_break(),
            "wbr" => {}
            "img" => self.image(id),
            "hr" => {
                if inline {
                    self.line_break();
                } else {
                    self.block_boundary();
                    self.top().blocks.push(Block::Rule);
                }
            }
            "a" => self.link(id, work),
            "strong" | "b" => self.inline_frame(FrameKind::Strong, id, work),
            "em" | "i" | "cite" | "dfn" | "var" => self.inline_frame(FrameKind::Emphasis, id, work),
            "del" | "s" | "strike" => self.inline_frame(FrameKind::Strike, id, work),
            "code" | "kbd" | "samp" | "tt" => self.inline_code(id),
            "pre" | "listing" | "xmp" | "plaintext" => self.code_block(id),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !inline => {
                let level = tag.as_bytes()[1] - b'0';
                self.block_boundary();
                self.open(FrameKind::Heading(level), id, work);
            }
            "ul" | "ol" | "menu" if !inline => {
                let start = (tag == "ol").then(|| {
                    self.dom
                        .attr(id, "start")
                        .and_then(|s| s.trim().parse::<u64>().ok())
                        .unwrap_or(1)
                        .min(999_999_999)
                });
                self.open(
                    FrameKind::List {
                        start,
                        items: Vec::new(),
                    },
                    id,
                    work,
                );
            }
            "li" if matches!(self.top().kind, FrameKind::List { .. }) => {
                self.open(FrameKind::Item, id, work)
            }
            "blockquote" if !inline => self.open(FrameKind::Quote, id, work),
            "figure" if !inline => self.open(
                FrameKind::Figure {
                    caption: Vec::new(),
                },
                id,
                work,
            ),
            "figcaption" if matches!(self.top().kind, FrameKind::Figure { .. }) => {
                self.open(FrameKind::Caption, id, work)
            }
            "table" if !inline => self.open(FrameKind::Table { rows: Vec::new() }, id, work),
            "thead" | "tbody" | "tfoot" if matches!(self.top().kind, FrameKind::Table { .. }) => {
                self.push_children(id, work)
            }
            "tr" if matches!(self.top().kind, FrameKind::Table { .. }) => {
                self.open(FrameKind::Row { cells: Vec::new() }, id, work)
            }
            "td" | "th" if matches!(self.top().kind, FrameKind::Row { .. }) => {
                let span = self
                    .dom
                    .attr(id, "colspan")
                    .and_then(|s| s.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_COLSPAN);
                self.open(
                    FrameKind::Cell {
                        header: tag == "th",
                        span,
                    },
                    id,
                    work,
                )
            }
            _ if is_block_tag(tag) => {
                self.block_boundary();
                work.push(Work::BlockEnd);
                self.push_children(id, work);
            }
            _ => self.push_children(id, work),
        }
    }

    fn is_hidden(&self, id: NodeId, class: Option<&str>) -> bool {
        if self.dom.attr(id, "hidden").is_some() {
            return true;
        }
        if let Some(style) = self.dom.attr(id, "style") {
            let s: String = style
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            if s.contains("display:none") || s.contains("visibility:hidden") {
                return true;
            }
        }
        class.is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|n| HIDDEN_CLASSES.iter().any(|h| n.eq_ignore_ascii_case(h)))
        })
    }

    fn inline_frame(&mut self, kind: FrameKind, id: NodeId, work: &mut Vec<Work>) {
        let same_open = self
            .frames
            .iter()
            .any(|f| std::mem::discriminant(&f.kind) == std::mem::discriminant(&kind));
        if same_open {
            self.push_children(id, work);
        } else {
            self.open(kind, id, work);
        }
    }

    fn link(&mut self, id: NodeId, work: &mut Vec<Work>) {
        // rel="tag" and rel="category" links file the article under a topic: site chrome, not text
        if self.dom.attr(id, "rel").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|w| w.eq_ignore_ascii_case("tag") || w.eq_ignore_ascii_case("category"))
        }) {
            self.report.count("taxonomy");
            return;
        }
        let href = self.dom.attr(id, "href");
        let url = href.and_then(|h| self.clean_url(h));
        if let Some(u) = &url {
            if let Some(rule) = self.rules.match_banner_link(u) {
                if !self.has_text(id) {
                    self.report.count(rule);
                    return;
                }
            }
        }
        if href.is_some()
            && url.is_none()
            && href.is_some_and(|h| !h.trim().starts_with('#') && !h.trim().is_empty())
        {
            self.report.count("unsafe-link");
        }
        let nested = self
            .frames
            .iter()
            .any(|f| matches!(f.kind, FrameKind::Link { .. }));
        match url {
            Some(url) if !nested => {
                let title = self
                    .dom
                    .attr(id, "title")
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from);
                self.open(FrameKind::Link { url, title }, id, work);
            }
            _ => self.push_children(id, work),
        }
    }

    /// Whether the subtree holds any non-whitespace text.
    fn has_text(&self, id: NodeId) -> bool {
        self.dom.descendants(id).any(|d| {
            self.dom
                .text(d)
                .is_some_and(|t| t.chars().any(|c| !c.is_whitespace()))
        })
    }

    fn clean_url(&mut self, raw: &str) -> Option<String> {
        let cleaned = links::clean_url(raw, self.base)?;
        if cleaned.len() < raw.trim().len() && has_tracking_hint(raw) {
            self.report.count("tracking-parameter");
        }
        Some(cleaned)
    }

    fn image(&mut self, id: NodeId) {
        let dom = self.dom;
        let class = dom.attr(id, "class").unwrap_or("");
        let variant = |word: &str| {
            class
                .split_ascii_whitespace()
                .any(|c| c.to_ascii_lowercase().split(['-', '_']).any(|w| w == word))
        };
        if variant("desktop") {
            self.saw_desktop_variant = true;
        } else if variant("mobile") && self.saw_desktop_variant {
            self.report.count("responsive-duplicate");
            return;
        }
        let src = match images::real_src(|n| dom.attr(id, n)) {
            Ok(src) => src,
            Err(rule) => {
                self.report.count(rule);
                return;
            }
        };
        let Some(src) = self.clean_url(src) else {
            self.report.count("image-without-source");
            return;
        };
        if !self
            .seen_images
            .insert(links::without_query(&src).to_string())
        {
            self.report.count("duplicate-image");
            return;
        }
        let text = |n: &str| {
            dom.attr(id, n)
                .map(collapse_spaces)
                .filter(|t| !t.is_empty())
        };
        let image = Image {
            src,
            alt: text("alt").unwrap_or_default(),
            title: text("title"),
        };
        self.top().inlines.push(Inline::Image { image });
    }

    /// A `<noscript>` twin of a lazyload image holds the real `<img>`: keep it unless it was seen.
    fn noscript_images(&mut self, id: NodeId) {
        let imgs: Vec<NodeId> = self
            .dom
            .descendants(id)
            .filter(|&d| self.dom.tag(d) == Some("img"))
            .collect();
        for img in imgs {
            self.image(img);
        }
    }

    fn inline_code(&mut self, id: NodeId) {
        let raw = self.raw_text(id);
        let text = collapse_spaces(&raw);
        if text.is_empty() {
            return;
        }
        self.resolve_pending(text.chars().next());
        self.flow.last = text.chars().last();
        // adjacent code spans would run their backtick fences together in Markdown
        match self.top().inlines.last_mut() {
            Some(Inline::Code { text: prev }) => prev.push_str(&text),
            _ => self.top().inlines.push(Inline::Code { text }),
        }
    }

    fn code_block(&mut self, id: NodeId) {
        let raw = self.raw_text(id);
        let text = raw.trim_end().trim_start_matches(['\n', '\r']).to_string();
        if text.trim().is_empty() {
            return;
        }
        if self.in_inline() {
            self.line_break();
            self.top().inlines.push(Inline::Code {
                text: collapse_spaces(&text),
            });
            self.line_break();
            return;
        }
        let language = [Some(id)]
            .into_iter()
            .chain(
                self.dom
                    .descendants(id)
                    .filter(|&d| self.dom.tag(d) == Some("code"))
                    .take(1)
                    .map(Some),
            )
            .flatten()
            .filter_map(|n| self.dom.attr(n, "class"))
            .flat_map(str::split_ascii_whitespace)
            .find_map(|c| {
                c.strip_prefix("language-")
                    .or_else(|| c.strip_prefix("lang-"))
            })
            .map(String::from);
        self.block_boundary();
        self.top().blocks.push(Block::Code { language, text });
    }

    /// Text of a subtree as written, `<br>` as a newline, junk elements left out.
    fn raw_text(&mut self, id: NodeId) -> String {
        let mut out = String::new();
        let mut stack: Vec<NodeId> = self.dom.children(id).iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            if let Some(t) = self.dom.text(n) {
                out.push_str(t);
            } else if let Some(tag) = self.dom.tag(n) {
                if tag == "br" {
                    out.push('\n');
                } else if let Some(rule) =
                    self.rules
                        .match_element(tag, self.dom.attr(n, "id"), self.dom.attr(n, "class"))
                {
                    self.report.count(rule);
                } else {
                    stack.extend(self.dom.children(n).iter().rev().copied());
                }
            }
        }
        out
    }

    fn push_text(&mut self, text: &str) {
        let frame = self.frames.len() - 1;
        let mut run_start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if is_html_space(c) {
                if let Some(s) = run_start.take() {
                    self.push_run(&text[s..i], frame);
                }
                if self.flow.last.is_some() {
                    let newline = c == '\n' || c == '\r';
                    match &mut self.flow.pending {
                        Some(p) => p.newline |= newline,
                        None => self.flow.pending = Some(Pending { newline, frame }),
                    }
                }
            } else if run_start.is_none() {
                run_start = Some(i);
                self.resolve_pending(Some(c));
            }
        }
        if let Some(s) = run_start {
            self.push_run(&text[s..], frame);
        }
    }

    /// Appends a run of non-whitespace text to the frame.
    fn push_run(&mut self, run: &str, frame: usize) {
        self.flow.last = run.chars().last();
        append_text(&mut self.frames[frame].inlines, run);
    }

    /// Writes the pending whitespace, if any, before `next`: one space, or nothing where a line break
    /// stood between two CJK characters.
    fn resolve_pending(&mut self, next: Option<char>) {
        let Some(p) = self.flow.pending.take() else {
            return;
        };
        let joined = p.newline
            && match (self.flow.last, next) {
                (Some(a), Some(b)) => segment_break_vanishes(a, b),
                _ => false,
            };
        if !joined {
            let frame = p.frame.min(self.frames.len() - 1);
            append_text(&mut self.frames[frame].inlines, " ");
        }
    }

    fn line_break(&mut self) {
        self.flow = Flow::default();
        self.top().inlines.push(Inline::LineBreak);
    }

    /// A block-level element starts or ends: the open paragraph ends (or, inside an inline frame, the
    /// line does).
    fn block_boundary(&mut self) {
        if self.in_inline() {
            let frame = self.top();
            if !frame.inlines.is_empty() && !matches!(frame.inlines.last(), Some(Inline::LineBreak))
            {
                self.line_break();
            }
            return;
        }
        self.flow = Flow::default();
        let mut frame = self
            .frames
            .pop()
            .expect("the root frame stays on the stack");
        self.flush(&mut frame);
        self.frames.push(frame);
    }

    /// Turns the frame's open paragraph into blocks.
    fn flush(&mut self, frame: &mut Frame) {
        if frame.inlines.is_empty() {
            return;
        }
        let inlines = std::mem::take(&mut frame.inlines);
        for para in breaks::split_paragraphs(inlines, self.report) {
            let para = self.drop_boilerplate_lines(para);
            if !breaks::has_content(&para) {
                continue;
            }
            frame.blocks.push(match lone_image(&para) {
                Some(image) => Block::Figure {
                    image,
                    caption: Vec::new(),
                },
                None => Block::Paragraph { content: para },
            });
        }
    }

    /// Removes the lines of a paragraph (split at line breaks) that a phrase rule marks as
    /// boilerplate, so that a credit line and a "read the English version" link sharing a paragraph
    /// part ways.
    fn drop_boilerplate_lines(&mut self, para: Vec<Inline>) -> Vec<Inline> {
        let mut lines: Vec<Vec<Inline>> = vec![Vec::new()];
        for inline in para {
            if matches!(inline, Inline::LineBreak) {
                lines.push(Vec::new());
            } else if let Some(line) = lines.last_mut() {
                line.push(inline);
            }
        }
        let mut kept: Vec<Inline> = Vec::new();
        let mut dropped_any = false;
        // after a boilerplate line, the bare links that follow it belong to it ("more feeds at: url")
        let mut in_footer = false;
        for line in lines {
            if let Some(rule) = self.rules.match_block_text(&plain_text(&line)) {
                self.report.count(rule);
                dropped_any = true;
                in_footer = true;
                continue;
            }
            if in_footer && is_bare_link_line(&line) {
                self.report.count("feed-footer");
                continue;
            }
            in_footer = false;
            if !kept.is_empty() {
                kept.push(Inline::LineBreak);
            }
            kept.extend(line);
        }
        if dropped_any {
            kept = breaks::trim_breaks(kept, self.report);
        }
        kept
    }

    fn close(&mut self) {
        let mut frame = self.frames.pop().expect("a Close follows every open frame");
        if !frame.kind.is_inline() {
            self.flush(&mut frame);
            self.flow = Flow::default();
        } else if let Some(p) = &mut self.flow.pending {
            // whitespace at the end of an emphasis belongs after it
            p.frame = p.frame.min(self.frames.len() - 1);
        }
        let Frame {
            kind,
            blocks,
            inlines,
        } = frame;
        match kind {
            FrameKind::Root => unreachable!("the root frame is closed by clean()"),
            FrameKind::Heading(level) => {
                self.flow = Flow::default();
                let content = breaks::trim_breaks(inlines, self.report);
                if content.is_empty() {
                    return;
                }
                if let Some(rule) = self.rules.match_block_text(&plain_text(&content)) {
                    self.report.count(rule);
                    return;
                }
                self.top().blocks.push(Block::Heading { level, content });
            }
            FrameKind::Emphasis | FrameKind::Strong | FrameKind::Strike => {
                if inlines.iter().all(is_blank) {
                    self.top().inlines.extend(
                        inlines
                            .into_iter()
                            .filter(|i| matches!(i, Inline::Text { .. })),
                    );
                    return;
                }
                let node = match kind {
                    FrameKind::Emphasis => Inline::Emphasis { content: inlines },
                    FrameKind::Strong => Inline::Strong { content: inlines },
                    _ => Inline::Strikethrough { content: inlines },
                };
                self.top().inlines.push(node);
            }
            FrameKind::Link { url, title } => {
                if let Some(rule) = self.rules.match_link_text(&plain_text(&inlines)) {
                    self.report.count(rule);
                    return;
                }
                if inlines.iter().all(is_blank) {
                    self.top().inlines.extend(
                        inlines
                            .into_iter()
                            .filter(|i| matches!(i, Inline::Text { .. })),
                    );
                    return;
                }
                self.top().inlines.push(Inline::Link {
                    url,
                    title,
                    content: inlines,
                });
            }
            FrameKind::Quote => {
                if !blocks.is_empty() {
                    self.top().blocks.push(Block::Quote { blocks });
                }
            }
            FrameKind::Item => {
                if let FrameKind::List { items, .. } = &mut self.top().kind {
                    if !blocks.is_empty() {
                        items.push(blocks);
                    }
                }
            }
            FrameKind::List { start, mut items } => {
                // text that stood in the list outside any item
                if !blocks.is_empty() {
                    items.push(blocks);
                }
                if !items.is_empty() {
                    self.top().blocks.push(Block::List { start, items });
                }
            }
            FrameKind::Caption => {
                let caption = blocks_to_inlines(blocks);
                if let FrameKind::Figure { caption: c } = &mut self.top().kind {
                    if !c.is_empty() && !caption.is_empty() {
                        c.push(Inline::LineBreak);
                    }
                    c.extend(caption);
                }
            }
            FrameKind::Figure { caption } => self.close_figure(blocks, caption),
            FrameKind::Cell { header, span } => {
                if let FrameKind::Row { cells } = &mut self.top().kind {
                    cells.push(Cell {
                        header,
                        span,
                        content: blocks_to_inlines(blocks),
                    });
                }
            }
            FrameKind::Row { cells } => {
                if let FrameKind::Table { rows } = &mut self.top().kind {
                    if !cells.is_empty() {
                        rows.push(cells);
                    }
                }
                // text that stood in the row outside any cell
                self.top().blocks.extend(blocks);
            }
            FrameKind::Table { rows } => {
                let parent = self.top();
                // captions and stray text inside <table> come first
                parent.blocks.extend(blocks);
                parent.blocks.extend(build_table(rows));
            }
        }
    }

    /// A figure becomes one [`Block::Figure`] per image, the caption on the last; without an image,
    /// its text stays as paragraphs.
    fn close_figure(&mut self, blocks: Vec<Block>, caption: Vec<Inline>) {
        let parent = self.top();
        let last_image = blocks
            .iter()
            .rposition(|b| matches!(b, Block::Figure { .. }));
        let mut caption = Some(caption);
        for (i, block) in blocks.into_iter().enumerate() {
            match block {
                Block::Figure {
                    image,
                    caption: own,
                } if Some(i) == last_image => {
                    let mut c = caption.take().unwrap_or_default();
                    if c.is_empty() {
                        c = own;
                    }
                    parent.blocks.push(Block::Figure { image, caption: c });
                }
                other => parent.blocks.push(other),
            }
        }
        if let Some(c) = caption.filter(|c| !c.is_empty()) {
            parent.blocks.push(Block::Paragraph { content: c });
        }
    }
}

/// A line that is one link and nothing else, or a bare URL.
fn is_bare_link_line(line: &[Inline]) -> bool {
    let text = plain_text(line);
    let t = text.trim();
    if t.is_empty() {
        return true;
    }
    let links = line
        .iter()
        .filter(|i| matches!(i, Inline::Link { .. }))
        .count();
    let only_links = line
        .iter()
        .all(|i| matches!(i, Inline::Link { .. }) || is_blank(i));
    (only_links && links == 1)
        || (!t.contains(char::is_whitespace) && (t.starts_with("http") || t.starts_with("www.")))
}

fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "center"
            | "address"
            | "hgroup"
            | "details"
            | "summary"
            | "fieldset"
            | "body"
            | "html"
            | "dl"
            | "dt"
            | "dd"
            | "li"
            | "ul"
            | "ol"
            | "menu"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "picture"
            | "legend"
            | "dir"
            | "frameset"
            | "noframes"
            | "audio"
            | "video"
    )
}

fn has_tracking_hint(raw: &str) -> bool {
    raw.contains('?') || raw.contains('&')
}

/// Appends `s` to the last text inline, or starts one.
fn append_text(inlines: &mut Vec<Inline>, s: &str) {
    if let Some(Inline::Text { text }) = inlines.last_mut() {
        text.push_str(s);
    } else {
        inlines.push(Inline::text(s));
    }
}

fn is_blank(i: &Inline) -> bool {
    match i {
        Inline::Text { text } => text.trim().is_empty(),
        Inline::LineBreak => true,
        _ => false,
    }
}

/// Whitespace runs to one space, ends trimmed (attribute values, inline code).
pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The visible text of inlines, for phrase rules.
pub(crate) fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    let mut stack: Vec<&Inline> = inlines.iter().rev().collect();
    while let Some(i) = stack.pop() {
        match i {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::LineBreak => out.push('\n'),
            Inline::Image { .. } => {}
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => stack.extend(content.iter().rev()),
        }
    }
    out
}

/// The image of a paragraph that holds one image and nothing else but whitespace (possibly inside a
/// link, which an image block cannot keep).
fn lone_image(para: &[Inline]) -> Option<Image> {
    let mut found: Option<&Image> = None;
    let mut stack: Vec<&Inline> = para.iter().collect();
    while let Some(i) = stack.pop() {
        match i {
            Inline::Image { image } if found.is_none() => found = Some(image),
            Inline::Text { text } if text.trim().is_empty() => {}
            Inline::Link { content, .. } if content.len() == 1 => stack.extend(content.iter()),
            _ => return None,
        }
    }
    // a linked image keeps its link as an inline image: only bare images become figures
    if para.iter().any(|i| matches!(i, Inline::Link { .. })) {
        return None;
    }
    found.cloned()
}

/// Flattens blocks into one line of inlines (table cells, captions): paragraphs joined by line breaks.
fn blocks_to_inlines(blocks: Vec<Block>) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut stack: Vec<Block> = blocks.into_iter().rev().collect();
    while let Some(b) = stack.pop() {
        let part: Vec<Inline> = match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => content,
            Block::Figure { image, caption } => {
                let mut v = vec![Inline::Image { image }];
                if !caption.is_empty() {
                    v.push(Inline::LineBreak);
                    v.extend(caption);
                }
                v
            }
            Block::Code { text, .. } => vec![Inline::Code {
                text: collapse_spaces(&text),
            }],
            Block::List { items, .. } => {
                stack.extend(items.into_iter().rev().flat_map(|i| i.into_iter().rev()));
                continue;
            }
            Block::Quote { blocks } => {
                stack.extend(blocks.into_iter().rev());
                continue;
            }
            Block::Table { rows, .. } => {
                for row in rows {
                    for cell in row {
                        if !cell.is_empty() {
                            if !out.is_empty() {
                                out.push(Inline::LineBreak);
                            }
                            out.extend(cell);
                        }
                    }
                }
                continue;
            }
            Block::Rule => continue,
        };
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Inline::LineBreak);
        }
        out.extend(part);
    }
    out
}

/// Rows of cells into a table block, or, for a layout table of one column, the cells' content as
/// paragraphs.
fn build_table(rows: Vec<Vec<Cell>>) -> Vec<Block> {
    let width = rows
        .iter()
        .map(|r| r.iter().map(|c| c.span).sum::<usize>())
        .max()
        .unwrap_or(0)
        .min(MAX_COLUMNS);
    if width <= 1 {
        return rows
            .into_iter()
            .flatten()
            .filter(|c| !c.content.is_empty())
            .map(|c| Block::Paragraph { content: c.content })
            .collect();
    }
    let header = rows.first().is_some_and(|r| r.iter().all(|c| c.header));
    let rows = rows
        .into_iter()
        .map(|row| {
            let mut out: Vec<Vec<Inline>> = Vec::with_capacity(width);
            for cell in row {
                if out.len() >= width {
                    // more cells than columns: join into the last column
                    if let Some(last) = out.last_mut() {
                        if !cell.content.is_empty() {
                            last.push(Inline::text(" "));
                            last.extend(cell.content);
                        }
                    }
                    continue;
                }
                out.push(cell.content);
                for _ in 1..cell.span {
                    if out.len() < width {
                        out.push(Vec::new());
                    }
                }
            }
            out.resize_with(width, Vec::new);
            out
        })
        .collect();
    vec![Block::Table { header, rows }]
}
