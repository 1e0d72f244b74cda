//! Frames becoming model content: paragraphs flushed (split at `<br>` runs, boilerplate lines
//! dropped), and every kind of frame closed into its parent.

use super::super::breaks;
use super::super::compiled::PHRASE_LINE_MAX_BYTES;
use super::super::table::{Row, build_table};
use super::*;
use crate::model::EmphasisKind;
use crate::model::inlines::{
    blocks_to_inlines, is_blank, linked_chars, lone_image, plain_text_cow, shrink_texts,
    text_bytes_capped,
};

/// The most inlines a frame's open paragraph holds room for after it is flushed (see
/// [`Walker::flush`]).
const PARAGRAPH_LIST_KEPT: usize = 64;

/// A list item's blocks without thematic breaks: a Markdown item cannot start with one (`- ---`
/// reads as a rule), and a line across a list item separates nothing.
fn without_rules(mut blocks: Vec<Block>) -> Vec<Block> {
    blocks.retain(|b| !matches!(b, Block::Rule));
    blocks
}

/// The phrase rule a line falls under; lines too long for one are not gathered into text.
fn boilerplate_rule<'r>(rules: &InForce<'r>, line: &[Inline]) -> Option<&'r str> {
    if text_bytes_capped(line, PHRASE_LINE_MAX_BYTES) > PHRASE_LINE_MAX_BYTES {
        return None;
    }
    let text = plain_text_cow(line);
    rules.line_or_announced_link(&text, || linked_chars(line))
}

impl Walker<'_> {
    /// Turns the frame's open paragraph into blocks.
    pub(super) fn flush(&mut self, frame: &mut Frame) {
        if frame.inlines.is_empty() {
            return;
        }
        if self.report.recorder.is_some() {
            // the root frame is off the stack while it is flushed: its blocks say where the walk is
            let at = match self.frames.first() {
                Some(root) => root.blocks.len(),
                None => frame.blocks.len(),
            };
            if let Some(r) = self.report.recorder() {
                r.at = at;
            }
        }
        // a paragraph of a few inlines (most) moves into a list of its own size (what the model
        // keeps), and the frame's list, grown to its size, stays for the frame's next paragraph: no
        // list is grown a doubling at a time for every paragraph, then shrunk again. A long one
        // takes the list itself, which a copy would hold twice for a moment
        let inlines: Vec<Inline> = if frame.inlines.capacity() <= PARAGRAPH_LIST_KEPT {
            frame.inlines.drain(..).collect()
        } else {
            std::mem::take(&mut frame.inlines)
        };
        let in_cell = matches!(frame.kind, FrameKind::Cell { .. }) || self.in_cell();
        for para in breaks::split_paragraphs(inlines, self.report) {
            let para = self.drop_boilerplate_lines(para, in_cell);
            if !breaks::has_content(&para) {
                continue;
            }
            frame.blocks.push(match lone_image(&para) {
                Some(image) => Block::Figure {
                    image,
                    caption: Vec::new(),
                },
                None => {
                    // the paragraph lives on in the model: no room to spare in it (a table cell or
                    // list item of one word would keep a list grown for four inlines)
                    let mut content = para;
                    content.shrink_to_fit();
                    shrink_texts(&mut content);
                    Block::Paragraph { content }
                }
            });
        }
    }

    /// Removes the lines of a paragraph (split at line breaks) that a phrase rule marks as
    /// boilerplate, so that a credit line and a "read the English version" link sharing a paragraph
    /// part ways.
    ///
    /// In a table cell (`in_cell`) a paragraph of one short line is data, whatever a rule says of
    /// its words: "Close" heads a column of prices, "Werbung" names a chapter. Longer lines in cells
    /// are read as anywhere else, and so is a page laid out in a table of one cell (walked as its
    /// content, not as a cell).
    pub(super) fn drop_boilerplate_lines(
        &mut self,
        para: Vec<Inline>,
        in_cell: bool,
    ) -> Vec<Inline> {
        // most paragraphs hold no boilerplate line: find out without taking the paragraph apart
        let any = para
            .split(|i| matches!(i, Inline::LineBreak))
            .any(|line| boilerplate_rule(self.rules, line).is_some());
        if !any || in_cell && is_cell_datum(&para) {
            return para;
        }
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
        let trailing = self.rules.trailing_links();
        let mut in_footer = false;
        for line in lines {
            if let Some(rule) = boilerplate_rule(self.rules, &line) {
                self.report.count(rule);
                self.record_inlines(rule, &line, None);
                dropped_any = true;
                in_footer = true;
                continue;
            }
            if let Some(rule) = trailing.filter(|_| in_footer && is_bare_link_line(&line)) {
                self.report.count(rule);
                self.record_inlines(rule, &line, None);
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

    /// Whether an open frame is a table cell.
    fn in_cell(&self) -> bool {
        self.frames
            .iter()
            .any(|f| matches!(f.kind, FrameKind::Cell { .. }))
    }

    /// An emphasis or link with nothing in it but whitespace is no emphasis or link: its spaces go
    /// to the parent and `None` comes back.
    fn unless_blank(&mut self, inlines: Vec<Inline>) -> Option<Vec<Inline>> {
        if !inlines.iter().all(is_blank) {
            return Some(inlines);
        }
        let spaces = inlines
            .into_iter()
            .filter(|i| matches!(i, Inline::Text { .. }));
        self.top().inlines.extend(spaces);
        None
    }

    pub(super) fn close(&mut self) {
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
            FrameKind::Heading(level) => self.close_heading(level, inlines),
            FrameKind::Emphasis => self.close_styled(EmphasisKind::Emphasis, inlines),
            FrameKind::Strong => self.close_styled(EmphasisKind::Strong, inlines),
            FrameKind::Strike => self.close_styled(EmphasisKind::Strikethrough, inlines),
            FrameKind::Link { url, title } => self.close_link(url, title, inlines),
            FrameKind::Quote => self.close_quote(blocks),
            FrameKind::Item => self.close_item(blocks),
            FrameKind::List {
                start,
                numbering,
                items,
                lead,
            } => self.close_list(start, numbering, items, lead, blocks),
            FrameKind::Caption => self.close_caption(blocks),
            FrameKind::Figure {
                caption,
                caption_at,
            } => self.close_figure(blocks, caption, caption_at),
            FrameKind::Cell { header, span, rows } => self.close_cell(header, span, rows, blocks),
            FrameKind::Row { cells, head } => self.close_row(cells, head, blocks),
            FrameKind::Table { rows } => self.close_table(rows, blocks),
        }
    }

    /// A heading that a phrase rule marks as boilerplate goes whole; one of several lines (a
    /// heading with line breaks) loses the lines the rules mark, as a paragraph does, for a heading
    /// becomes lines of a paragraph where a layout table's cell is unwrapped.
    fn close_heading(&mut self, level: u8, inlines: Vec<Inline>) {
        self.flow = Flow::default();
        // the `<br>`s trimmed here are recorded where the heading stands
        self.sync_at();
        let content = breaks::trim_breaks(inlines, self.report);
        let content = if content.iter().any(|i| matches!(i, Inline::LineBreak)) {
            let in_cell = self.in_cell();
            breaks::trim_breaks(self.drop_boilerplate_lines(content, in_cell), self.report)
        } else {
            content
        };
        if content.is_empty() {
            return;
        }
        let text = plain_text_cow(&content);
        if let Some(rule) = self
            .rules
            .line_or_announced_link(&text, || linked_chars(&content))
        {
            self.report.count(rule);
            self.record_inlines(rule, &content, None);
            return;
        }
        let mut content = content;
        shrink_texts(&mut content);
        self.top().blocks.push(Block::Heading { level, content });
    }

    fn close_styled(&mut self, kind: EmphasisKind, inlines: Vec<Inline>) {
        if let Some(mut inlines) = self.unless_blank(inlines) {
            // the content lives on in the model: no room to spare in it
            inlines.shrink_to_fit();
            shrink_texts(&mut inlines);
            self.top().inlines.push(Inline::emphasis(kind, inlines));
        }
    }

    fn close_link(&mut self, url: String, title: Option<String>, inlines: Vec<Inline>) {
        let text = plain_text_cow(&inlines);
        // a banner judged by what it kept: text the rules removed from inside the link (a hidden
        // label, a script) made it look like a text link when it was entered
        if crate::model::inlines::is_blank_text(&text) {
            if let Some(rule) = self.rules.banner_link(&url) {
                self.report.count(rule);
                self.record_inlines(rule, &inlines, Some(&url));
                return;
            }
        }
        if let Some(rule) = self.rules.link_text(&text) {
            self.report.count(rule);
            self.record_inlines(rule, &inlines, Some(&url));
            let opener = match self.top().inlines.last() {
                Some(Inline::Text { text }) => text.chars().last(),
                _ => None,
            };
            self.flow.emptied = opener.and_then(closing_bracket);
            return;
        }
        self.flow.emptied = None;
        let Some(mut content) = self.unless_blank(inlines) else {
            return;
        };
        content.shrink_to_fit();
        shrink_texts(&mut content);
        self.top().inlines.push(Inline::Link {
            url,
            title,
            content,
        });
    }

    fn close_quote(&mut self, blocks: Vec<Block>) {
        if !blocks.is_empty() {
            self.top().blocks.push(Block::Quote { blocks });
        }
    }

    fn close_item(&mut self, blocks: Vec<Block>) {
        if let FrameKind::List { items, .. } = &mut self.top().kind {
            let mut blocks = without_rules(blocks);
            if !blocks.is_empty() {
                // most items are one paragraph, in a list grown for four blocks
                blocks.shrink_to_fit();
                items.push(blocks);
            }
        }
    }

    /// Text and blocks that stood in the open list outside any item stay where they stood: after
    /// the item before them (a browser shows them there, under it), or before the list.
    pub(super) fn settle_loose(&mut self) {
        self.block_boundary();
        let frame = self.top();
        if frame.blocks.is_empty() {
            return;
        }
        let loose = without_rules(std::mem::take(&mut frame.blocks));
        if let FrameKind::List { items, lead, .. } = &mut frame.kind {
            match items.last_mut() {
                Some(last) => append_loose(last, loose),
                None => lead.extend(loose),
            }
        }
    }

    fn close_list(
        &mut self,
        start: Option<i64>,
        numbering: Numbering,
        mut items: Vec<Vec<Block>>,
        mut lead: Vec<Block>,
        blocks: Vec<Block>,
    ) {
        // text that stood in the list after its last item
        let loose = without_rules(blocks);
        match items.last_mut() {
            Some(last) => append_loose(last, loose),
            None => lead.extend(loose),
        }
        for block in lead {
            self.place(block);
        }
        if !items.is_empty() {
            self.place(Block::List {
                start,
                numbering,
                items,
            });
        }
    }

    /// Puts a block that a list frame closed into its parent: a list written straight inside a
    /// list (`<ul><li>a</li><ol>...</ol></ul>`) belongs to the item before it, where browsers show
    /// it; and a list of one item right after a list of its kind continues it (one list that
    /// wrappers cut into one list per item).
    fn place(&mut self, block: Block) {
        let top = self.top();
        let dest = match &mut top.kind {
            FrameKind::List { items, .. } if !items.is_empty() => {
                items.last_mut().expect("items is not empty")
            }
            _ => &mut top.blocks,
        };
        if let Some(prev) = dest
            .last_mut()
            .filter(|prev| crate::model::continues_list(prev, &block))
        {
            if let (Block::List { items: into, .. }, Block::List { items, .. }) = (prev, block) {
                into.extend(items);
            }
            return;
        }
        dest.push(block);
    }

    fn close_caption(&mut self, blocks: Vec<Block>) {
        let caption = blocks_to_inlines(blocks);
        let figure = self.top();
        let image_yet = figure
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Figure { .. }))
            || figure
                .inlines
                .iter()
                .any(|i| matches!(i, Inline::Image { .. }));
        // a caption above the image stays above it
        if !image_yet && matches!(figure.kind, FrameKind::Figure { .. }) {
            if !caption.is_empty() {
                figure.blocks.push(Block::Paragraph { content: caption });
            }
            return;
        }
        let frame = self.top();
        let held = frame.blocks.len();
        if let FrameKind::Figure {
            caption: c,
            caption_at,
        } = &mut frame.kind
        {
            if !c.is_empty() && !caption.is_empty() {
                c.push(Inline::LineBreak);
            }
            c.extend(caption);
            *caption_at = held;
        }
    }

    fn close_cell(&mut self, header: bool, span: usize, rows: usize, blocks: Vec<Block>) {
        if let FrameKind::Row { cells, .. } = &mut self.top().kind {
            // a cell of several blocks that opens its row keeps them, for a table of one column:
            // unwrapped, it is its paragraphs, lists and headings again (a forum post in a layout
            // cell, its paragraphs parted by runs of <br>), not one paragraph of lines; a table of
            // more columns makes them its inlines then (`build_table`)
            let (content, blocks) = if blocks.len() > 1 && cells.is_empty() {
                (Vec::new(), Some(blocks))
            } else {
                (blocks_to_inlines(blocks), None)
            };
            cells.push(Cell {
                header,
                span,
                rows,
                content,
                blocks,
            });
        }
    }

    fn close_row(&mut self, cells: Vec<Cell>, head: bool, blocks: Vec<Block>) {
        if let FrameKind::Table { rows } = &mut self.top().kind {
            if !cells.is_empty() {
                rows.push(Row { head, cells });
            }
        }
        // text that stood in the row outside any cell
        self.top().blocks.extend(blocks);
    }

    fn close_table(&mut self, rows: Vec<Row>, blocks: Vec<Block>) {
        let mut built = build_table(rows);
        // a table of one column is unwrapped into paragraphs: its cells are data no more, and
        // their lines are read as a paragraph's are (as converting the output again reads them)
        if !matches!(built.as_slice(), [Block::Table { .. }]) {
            built = built
                .into_iter()
                .filter_map(|b| match b {
                    Block::Paragraph { content } => {
                        let content = self.drop_boilerplate_lines(content, false);
                        breaks::has_content(&content).then_some(Block::Paragraph { content })
                    }
                    other => Some(other),
                })
                .collect();
        }
        let parent = self.top();
        // captions and stray text inside <table> come first
        parent.blocks.extend(blocks);
        parent.blocks.extend(built);
    }

    /// A figure becomes one [`Block::Figure`] per image, the caption on the last; without an image,
    /// its text stays as paragraphs.
    fn close_figure(&mut self, mut blocks: Vec<Block>, caption: Vec<Inline>, caption_at: usize) {
        let parent = self.top();
        let last_image = blocks
            .iter()
            .rposition(|b| matches!(b, Block::Figure { .. }));
        let mut caption = caption;
        // lines between the image and its caption (a credit: "Image source, AFP") come before the
        // caption, as they read, not after the captioned image
        if let Some(at) = last_image.filter(|_| !caption.is_empty()) {
            let between = (at + 1)..caption_at.min(blocks.len()).max(at + 1);
            if !between.is_empty()
                && blocks[between.clone()]
                    .iter()
                    .all(|b| matches!(b, Block::Paragraph { .. }))
            {
                let mut lines: Vec<Inline> = Vec::new();
                for b in blocks.drain(between) {
                    if let Block::Paragraph { content } = b {
                        lines.extend(content);
                        lines.push(Inline::LineBreak);
                    }
                }
                lines.extend(caption);
                caption = lines;
            }
        }
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
                    } else if !own.is_empty() {
                        // a figure inside a figure: its own caption, then the outer one
                        let mut both = own;
                        both.push(Inline::LineBreak);
                        both.append(&mut c);
                        c = both;
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

/// Adds what stood loose in a list after an item to that item: text right after the item's own
/// paragraph is its next line, as a browser shows it.
fn append_loose(item: &mut Vec<Block>, loose: Vec<Block>) {
    let mut loose = loose.into_iter();
    if let Some(first) = loose.next() {
        match (item.last_mut(), first) {
            (Some(Block::Paragraph { content }), Block::Paragraph { content: more }) => {
                content.push(Inline::LineBreak);
                content.extend(more);
            }
            (_, first) => item.push(first),
        }
    }
    item.extend(loose);
}

/// The bracket that closes `open`, for the brackets that wrap a link's label in running text.
fn closing_bracket(open: char) -> Option<char> {
    Some(match open {
        '（' => '）',
        '(' => ')',
        '[' => ']',
        '【' => '】',
        '「' => '」',
        '〔' => '〕',
        _ => return None,
    })
}

/// The longest line (characters) a table cell holds as a datum rather than as text a rule reads.
const CELL_DATUM_MAX_CHARS: usize = 24;

/// A paragraph of one line of at most [`CELL_DATUM_MAX_CHARS`] characters.
fn is_cell_datum(para: &[Inline]) -> bool {
    !para.iter().any(|i| matches!(i, Inline::LineBreak))
        && text_bytes_capped(para, CELL_DATUM_MAX_CHARS * 4) <= CELL_DATUM_MAX_CHARS * 4
        && plain_text_cow(para).trim().chars().count() <= CELL_DATUM_MAX_CHARS
}
