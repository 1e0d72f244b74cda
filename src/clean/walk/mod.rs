//! The walk itself: an explicit stack of open frames over the DOM, so that nesting depth in the input
//! never becomes call depth. Each element is decided on entry (dropped as junk, opened as a frame,
//! or passed through), and each frame becomes model content when it closes.
//!
//! `junk.rs` decides what goes, `open.rs` opens the frames of structure, `content.rs` handles
//! elements with content of their own (links, images, code), `flow.rs` the whitespace between them,
//! and `close.rs` turns each frame into model content.

use std::collections::HashSet;

use url::Url;

mod close;
mod content;
mod flow;
pub(super) mod junk;
pub(super) mod kinds;
pub(crate) use junk::{GUARD_MIN_BYTES, takes_most};
mod open;
mod script;

use super::links::reads_as_url;
use super::sites::InForce;
use super::table::{Cell, Row};
use crate::audit::{Place, Taken, element_path};
use crate::dom::{Dom, NodeId};
use crate::model::inlines::{is_blank, plain_text_cow};
use crate::model::{Block, Image, Inline, Numbering};
use crate::report::Report;

/// Walks the subtree at `root` and returns its blocks.
pub(crate) fn walk(
    dom: &Dom,
    root: NodeId,
    rules: &InForce<'_>,
    base: Option<&Url>,
    report: &mut Report,
    guard: Guard,
) -> (Vec<Block>, Vec<NodeId>, Guard) {
    let mut w = Walker {
        dom,
        rules,
        base,
        report,
        frames: {
            // room for a post's usual nesting of frames and its usual count of blocks: grown from
            // nothing, both lists are moved at every doubling, the blocks five times in a post of
            // forty
            let mut frames = Vec::with_capacity(16);
            let mut root = Frame::new(FrameKind::Root);
            root.blocks.reserve(ROOT_BLOCKS_FIRST);
            frames.push(root);
            frames
        },
        flow: Flow::default(),
        seen_images: HashSet::new(),
        saw_desktop_variant: false,
        prose: None,
        script: None,
        guard,
        entered: root,
        origins: Vec::with_capacity(ROOT_BLOCKS_FIRST),
        has_fields: None,
    };
    w.run(root);
    let mut root = w
        .frames
        .pop()
        .expect("the root frame is never popped by the walk");
    if let Some(r) = w.report.recorder() {
        r.at = root.blocks.len();
    }
    w.flush(&mut root);
    let mut origins = std::mem::take(&mut w.origins);
    origins.resize(root.blocks.len(), w.entered);
    (root.blocks, origins, w.guard)
}

impl Guard {
    /// The article's bytes of text.
    pub(crate) fn total(&mut self, dom: &Dom) -> usize {
        *self.total.get_or_insert_with(|| text_bytes(dom, self.root))
    }

    /// The article's bytes of text when they are at most `most`, else `None`. Every question the
    /// guard asks of the article is whether it is small enough (against a removal of some
    /// bytes), so its text is counted only as far as that needs: most articles pass a removal's
    /// share after a few paragraphs. A count that went through is the total, kept; one stopped
    /// says the total passes `most`, kept as a bound that answers any smaller question.
    pub(crate) fn total_within(&mut self, dom: &Dom, most: usize) -> Option<usize> {
        if let Some(total) = self.total {
            return (total <= most).then_some(total);
        }
        if self.at_least > most {
            return None;
        }
        // a count again goes at least twice as far as the last: asked for more each time, the
        // article is read about twice at most
        let far = most.max(self.at_least.saturating_mul(2));
        match text_bytes_within(dom, self.root, far) {
            Some(total) => {
                self.total = Some(total);
                (total <= most).then_some(total)
            }
            None => {
                self.at_least = far.saturating_add(1);
                None
            }
        }
    }

    /// Whether removing `bytes` would take most of the article. Most removals are a few words, far
    /// below what could be three quarters of an article the guard judges, so the article is only
    /// measured when a removal is large.
    pub(crate) fn takes_most(&mut self, dom: &Dom, bytes: usize) -> bool {
        // `takes_most(bytes, total)` is `total * 3 < bytes * 4`, `total <= (bytes * 4 - 1) / 3`
        bytes * 4 > GUARD_MIN_BYTES * 3
            && self
                .total_within(dom, (bytes * 4 - 1) / 3)
                .is_some_and(|total| total >= GUARD_MIN_BYTES && takes_most(bytes, total))
    }
}

impl Guard {
    /// Whether removing `bytes` would leave the article less than a twentieth of its text.
    pub(crate) fn leaves_nothing(&mut self, dom: &Dom, bytes: usize) -> bool {
        // `(total - bytes.min(total)) * 20 < total` is `0 < total` and `total * 19 < bytes * 20`
        // (above `bytes` the one, up to it the other, which then holds with any text at all),
        // that is `total <= (bytes * 20 - 1) / 19`
        bytes > 0
            && self
                .total_within(dom, (bytes * 20 - 1) / 19)
                .is_some_and(|total| (total - bytes.min(total)) * 20 < total)
    }

    /// Whether removing `bytes` would take half of the article or more; like [`Guard::takes_most`],
    /// the article is measured only for a large removal.
    pub(crate) fn takes_half(&mut self, dom: &Dom, bytes: usize) -> bool {
        bytes * 2 > GUARD_MIN_BYTES
            && self
                .total_within(dom, bytes * 2)
                .is_some_and(|total| total >= GUARD_MIN_BYTES)
    }
}

/// Bytes of text below `id`, content that is never text left out: what the guard weighs.
pub(crate) fn text_bytes(dom: &Dom, id: NodeId) -> usize {
    let mut n = 0;
    dom.for_each_text(id, |t| n += weighed_bytes(t));
    n
}

/// [`text_bytes`] when they are at most `most`; `None` once the count passes it (the rest is not
/// read: a count only grows).
pub(crate) fn text_bytes_within(dom: &Dom, id: NodeId, most: usize) -> Option<usize> {
    let mut n = 0;
    dom.all_texts(id, |t| {
        n += weighed_bytes(t);
        n <= most
    })
    .then_some(n)
}

/// The bytes of one text [`text_bytes`] counts.
#[inline]
fn weighed_bytes(t: &str) -> usize {
    // the ASCII white space of indentation first, bytewise: most text nodes between tags are
    // only that; then the rest of white space, where an end is past ASCII
    let t = t.trim_ascii();
    match t.as_bytes() {
        [] => 0,
        [a, ..] if a.is_ascii() && t.as_bytes()[t.len() - 1].is_ascii() => t.len(),
        _ => crate::model::inlines::trim_quick(t).len(),
    }
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
        start: Option<i64>,
        numbering: Numbering,
        items: Vec<Vec<Block>>,
        /// What stood in the list before its first item, written before the list.
        lead: Vec<Block>,
    },
    Figure {
        caption: Vec<Inline>,
        /// How many blocks the figure held when its caption closed.
        caption_at: usize,
    },
    Caption,
    Table {
        rows: Vec<Row>,
    },
    Row {
        cells: Vec<Cell>,
        /// The row stands in the table's `<thead>`.
        head: bool,
    },
    Cell {
        header: bool,
        span: usize,
        rows: usize,
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

/// The blocks the root frame has room for from the start (see [`walk`]).
const ROOT_BLOCKS_FIRST: usize = 32;

/// The pending steps the walk's stack has room for beyond the root's children at the start.
const WORK_FIRST: usize = 64;

impl Frame {
    fn new(kind: FrameKind) -> Frame {
        // an emphasis, link or heading holds one text more often than not: room for exactly one,
        // where a first push would make room for four (kept in the model, as its content)
        let inlines = if kind.is_inline() {
            Vec::with_capacity(1)
        } else {
            Vec::new()
        };
        Frame {
            kind,
            blocks: Vec::new(),
            inlines,
        }
    }
}

/// Where the inline text flow stands: the last character written and whitespace not yet written.
#[derive(Default)]
struct Flow {
    last: Option<char>,
    pending: Option<Pending>,
    /// The closing bracket that, coming next, closes a pair whose only content was a link a rule
    /// removed ("（[阅读全文](…)）"): the pair goes with it.
    emptied: Option<char>,
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
    /// Text the walk writes itself, after an element's content (the `)` of `^(…)`, the closing
    /// quotation mark of a `<q>`).
    Literal(&'static str),
    /// Ends a `<sup>` or `<sub>` written in Unicode super- or subscript characters: the script
    /// that was in force before it comes back.
    EndScript(Option<script::Script>),
}

/// Lists and quotes nest at most this deep in the model; deeper ones keep their text as plain
/// blocks. Each level is four levels of JSON, and common JSON readers (serde_json among them) stop
/// at 128.
const MAX_NESTING: usize = 24;

struct Walker<'a> {
    dom: &'a Dom,
    rules: &'a InForce<'a>,
    base: Option<&'a Url>,
    report: &'a mut Report,
    frames: Vec<Frame>,
    flow: Flow,
    seen_images: HashSet<String>,
    saw_desktop_variant: bool,
    /// The last parent [`Walker::in_prose`] judged, and whether it holds prose.
    prose: Option<(NodeId, bool)>,
    /// Inside a `<sup>` or `<sub>` whose every character has a Unicode super- or subscript form:
    /// text is written in those.
    script: Option<script::Script>,
    guard: Guard,
    /// The node entered last: inside the element a block closing now came from.
    entered: NodeId,
    /// Per block of the root frame, a node inside the element it came from, for the boundary
    /// model's reading of where a block stands in the page (`super::article::boundary`).
    origins: Vec<NodeId>,
    /// Whether the document holds a text field or a form at all, asked once the first time a box
    /// might be one (most posts hold none).
    has_fields: Option<bool>,
}

/// The over-removal guard's view of one walk: no rule may take most of the article.
pub(crate) struct Guard {
    /// The element walked, and the bytes of text below it (script and style left out), measured
    /// the first time a removal is large enough to need it.
    pub(crate) root: NodeId,
    pub(crate) total: Option<usize>,
    /// While `total` is not known: a bound it is known to reach (see [`Guard::total_within`]).
    pub(crate) at_least: usize,
    /// Rules the walk does not apply at all, because together their removals would take most of the
    /// article (a page whose every contribution is marked `comment`).
    pub(crate) spared: Vec<String>,
    /// Bytes of text each rule removed, for the decision after the walk.
    pub(crate) removed: Vec<(String, usize)>,
}

impl Walker<'_> {
    fn run(&mut self, root: NodeId) {
        // room for a page's usual breadth and depth of pending work: grown from the root's
        // children, the stack is moved at each of its first doublings
        let children = self.dom.children(root);
        let mut work: Vec<Work> = Vec::with_capacity(children.len() + WORK_FIRST);
        work.extend(children.iter().rev().map(|&c| Work::Enter(c)));
        while let Some(item) = work.pop() {
            match item {
                Work::Enter(id) => {
                    self.entered = id;
                    self.enter(id, &mut work)
                }
                Work::Close => self.close(),
                Work::BlockEnd => self.block_boundary(),
                Work::Literal(text) => self.push_text(text),
                Work::EndScript(before) => self.script = before,
            }
            // blocks reach the root frame one step at a time; a step may also take one back
            let n = self.frames[0].blocks.len();
            if n != self.origins.len() {
                self.origins.resize(n, self.entered);
            }
        }
    }

    /// Where the walk stands: the index of the article's block being made.
    fn here(&self) -> usize {
        match self.frames.first() {
            Some(root) => root.blocks.len(),
            None => self.report.recorder.as_ref().map_or(0, |r| r.at),
        }
    }

    /// Tells the recorder where the walk stands, for what the `<br>` helpers record.
    fn sync_at(&mut self) {
        if self.report.recorder.is_some() {
            let at = self.here();
            if let Some(r) = self.report.recorder() {
                r.at = at;
            }
        }
    }

    /// Records, when auditing, that `name` took element `id` whole.
    fn record_element(&mut self, name: &str, id: NodeId) {
        self.record(name, id, |w| Taken::element(w.dom, id, w.base));
    }

    /// Where the walk stands: inside the block being made (an inline frame or text is open), or
    /// between blocks.
    fn record_place(&self) -> Place {
        let at = self.here();
        match self.frames.first() {
            Some(root) if self.frames.len() == 1 && root.inlines.is_empty() => Place::Before(at),
            _ => Place::Inside(at),
        }
    }

    /// Records, when auditing, that `name` took what `taken` gathers, at element `id`.
    fn record(&mut self, name: &str, id: NodeId, taken: impl FnOnce(&Self) -> Taken) {
        if self.report.recorder.is_some() {
            let at = self.record_place();
            let path = element_path(self.dom, id);
            let taken = taken(self);
            if let Some(r) = self.report.recorder() {
                r.push(name, at, path, taken);
            }
        }
    }

    /// Records, when auditing, that `name` took the inlines (a line, a link), where the walk
    /// stands.
    fn record_inlines(&mut self, name: &str, inlines: &[Inline], link: Option<&str>) {
        if self.report.recorder.is_some() {
            let at = self.here();
            let mut taken = Taken::inlines(inlines);
            if let Some(url) = link {
                let text = taken.text.clone();
                taken.links.insert(
                    0,
                    crate::render::json::Link {
                        url: url.to_string(),
                        text,
                    },
                );
            }
            if let Some(r) = self.report.recorder() {
                r.push(name, Place::Inside(at), String::new(), taken);
            }
        }
    }

    fn top(&mut self) -> &mut Frame {
        self.frames
            .last_mut()
            .expect("the root frame stays on the stack")
    }

    /// How many lists and quotes are open around the current element.
    fn nesting(&self) -> usize {
        self.frames
            .iter()
            .filter(|f| matches!(f.kind, FrameKind::List { .. } | FrameKind::Quote))
            .count()
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

    fn top_kind(&self) -> &FrameKind {
        &self
            .frames
            .last()
            .expect("the root frame stays on the stack")
            .kind
    }

    fn enter(&mut self, id: NodeId, work: &mut Vec<Work>) {
        if let Some(text) = self.dom.text(id) {
            self.push_text(text);
            return;
        }
        let Some(tag) = self.dom.tag(id) else { return };
        if is_player(tag) && self.media(id, tag) {
            return;
        }
        let attrs = self.dom.walked_attrs(id);
        if attrs.cfemail && self.cf_email_text(id) {
            return;
        }
        if !self.drop_junk(id, tag, &attrs) {
            self.enter_element(id, tag, work);
        } else if leaves_break(tag) {
            // a block stood here: the text on either side stays apart, as it read
            self.block_boundary();
        }
    }

    /// An element that stays: what it opens depends on its tag and on where it stands.
    fn enter_element(&mut self, id: NodeId, tag: &str, work: &mut Vec<Work>) {
        let inline = self.in_inline();
        match tag {
            "br" => self.line_break(),
            "wbr" => {}
            "img" => self.image(id),
            "hr" => self.thematic_break(inline),
            "a" => self.link(id, work),
            "strong" | "b" => self.inline_frame(FrameKind::Strong, id, work),
            "em" | "i" | "cite" | "dfn" | "var" => self.inline_frame(FrameKind::Emphasis, id, work),
            "del" | "s" | "strike" => self.inline_frame(FrameKind::Strike, id, work),
            "code" | "kbd" | "samp" | "tt" => self.inline_code(id),
            "pre" | "listing" | "xmp" | "plaintext" => self.code_block(id),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "h7" | "h8" | "h9" if !inline => {
                self.open_heading(tag, id, work)
            }
            "ul" | "ol" | "menu" if !inline && self.nesting() < MAX_NESTING => {
                self.open_list(tag, id, work)
            }
            "li" if matches!(self.top_kind(), FrameKind::List { .. }) => {
                self.settle_loose();
                self.open(FrameKind::Item, id, work)
            }
            "li" if !inline && self.nesting() < MAX_NESTING => self.orphan_items(id, work),
            // what an abbreviation stands for is a tooltip, not a word of the sentence
            "abbr" => self.push_children(id, work),
            // a reader sees ruby's base text; the annotation above it and the fallback parentheses
            // are a reading aid, not words of the sentence
            "rt" | "rp" => {}
            // what stands between an iframe's tags is raw text no browser shows (markup, as often
            // as not): the frame's page is what it shows
            "iframe" => {}
            // an SVG drawing's description is for assistive technology; the drawing shows none
            "desc" | "metadata" if self.dom.is_foreign(id) => {}
            "sup" | "sub" => self.script(tag, id, work),
            "q" => self.inline_quote(id, work),
            // a definition list reads as its terms in bold, each over its definitions: the
            // structure a reader sees, in every output (Markdown has no definition lists)
            "dt" if !inline => {
                self.block_boundary();
                work.push(Work::BlockEnd);
                self.inline_frame(FrameKind::Strong, id, work);
            }
            "blockquote" if !inline && self.nesting() < MAX_NESTING => {
                self.open(FrameKind::Quote, id, work)
            }
            "figure" if !inline => self.open_figure(id, work),
            "figcaption" if matches!(self.top_kind(), FrameKind::Figure { .. }) => {
                self.open_caption(id, work)
            }
            "figcaption" if !inline => {
                self.block_boundary();
                work.push(Work::BlockEnd);
                self.push_caption_children(id, work);
            }
            "table" if !inline => self.open_table(id, work),
            "thead" | "tbody" | "tfoot" if matches!(self.top_kind(), FrameKind::Table { .. }) => {
                self.push_children(id, work)
            }
            "tr" if matches!(self.top_kind(), FrameKind::Table { .. }) => self.open_row(id, work),
            "td" | "th" if matches!(self.top_kind(), FrameKind::Row { .. }) => {
                self.open_cell(tag, id, work)
            }
            // a figure's credit line may open with a screen-reader label too ("图像来源，")
            "p" | "div" if !inline && matches!(self.top_kind(), FrameKind::Figure { .. }) => {
                self.block_boundary();
                work.push(Work::BlockEnd);
                self.push_caption_children(id, work);
            }
            _ if is_block_tag(tag) => self.open_block(id, work),
            _ if self.is_credit(id) => self.open_block(id, work),
            _ => self.push_children(id, work),
        }
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
}

/// Elements that play media, which [`Walker::media`] may keep as a link.
fn is_player(tag: &str) -> bool {
    matches!(tag, "iframe" | "embed" | "object" | "video" | "audio")
}

/// A line that is one link and nothing else, or a bare URL.
fn is_bare_link_line(line: &[Inline]) -> bool {
    let text = plain_text_cow(line);
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
    (only_links && links == 1) || (!t.contains(char::is_whitespace) && reads_as_url(t))
}

/// Elements whose removal leaves the break they stood for: blocks, and the block-level elements a
/// rule or mechanic removes whole (forms, navigation, dialogs).
fn leaves_break(tag: &str) -> bool {
    is_block_tag(tag) || matches!(tag, "pre" | "hr" | "listing" | "xmp" | "iframe")
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
            | "form"
            | "nav"
            | "dialog"
            | "search"
            | "option"
            | "optgroup"
    )
}

#[cfg(test)]
mod tests {
    use super::{GUARD_MIN_BYTES, Guard, takes_most, text_bytes};
    use crate::dom::Dom;

    /// The guard's questions, asked in any order of one guard that counts the article only as far
    /// as each needs, answer as they do from the whole count.
    #[test]
    fn the_guard_counted_in_part_answers_as_counted_whole() {
        let para = "<p>some words of the article, and more of them</p><script>var x</script>";
        for n in [0, 1, 2, 3, 5, 8, 20, 60] {
            let html = format!(
                "<body><div>{}</div><div>{}</div></body>",
                para.repeat(n),
                "x "
            );
            let dom = Dom::parse(&html, 100_000).unwrap();
            let root = dom.body();
            let total = text_bytes(&dom, root);
            let fresh = || Guard {
                root,
                total: None,
                at_least: 0,
                spared: Vec::new(),
                removed: Vec::new(),
            };
            let mut shared = fresh();
            let asks = (0..=total + 50).chain([0, total * 3, 7, total / 2, total, total + 1]);
            for bytes in asks.clone().rev().chain(asks) {
                let most = bytes * 4 > GUARD_MIN_BYTES * 3
                    && total >= GUARD_MIN_BYTES
                    && takes_most(bytes, total);
                let nothing = (total - bytes.min(total)) * 20 < total;
                let half =
                    bytes * 2 > GUARD_MIN_BYTES && total >= GUARD_MIN_BYTES && bytes * 2 >= total;
                let within = bytes * 2 >= total;
                for guard in [&mut shared, &mut fresh()] {
                    assert_eq!(guard.takes_most(&dom, bytes), most, "{n} {bytes}");
                    assert_eq!(guard.leaves_nothing(&dom, bytes), nothing, "{n} {bytes}");
                    assert_eq!(guard.takes_half(&dom, bytes), half, "{n} {bytes}");
                    let got = guard.total_within(&dom, bytes * 2);
                    assert_eq!(got.is_some(), within, "{n} {bytes}");
                    assert!(got.is_none_or(|t| t == total));
                }
            }
            assert_eq!(shared.total(&dom), total);
        }
    }
}
