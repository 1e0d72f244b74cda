//! Elements of structure opening their frames: headings, lists, figures, tables, and the blocks that
//! only separate paragraphs.

use super::super::table::{MAX_COLSPAN, MAX_ROWSPAN};
use super::*;

impl Walker<'_> {
    /// `<hr>`: a thematic break between blocks, a line break inside a line.
    pub(super) fn thematic_break(&mut self, inline: bool) {
        if inline {
            self.line_break();
        } else {
            self.block_boundary();
            self.top().blocks.push(Block::Rule);
        }
    }

    pub(super) fn open_heading(&mut self, tag: &str, id: NodeId, work: &mut Vec<Work>) {
        // `<h7>` and beyond are no HTML, but their authors meant a heading: the lowest there is
        let level = (tag.as_bytes()[1] - b'0').min(6);
        self.block_boundary();
        self.open(FrameKind::Heading(level), id, work);
    }

    pub(super) fn open_list(&mut self, tag: &str, id: NodeId, work: &mut Vec<Work>) {
        // a start beyond nine digits would not read as a list in CommonMark
        let start = (tag == "ol").then(|| {
            self.dom
                .attr(id, "start")
                .and_then(|s| s.trim().parse::<i64>().ok())
                .unwrap_or(1)
                .clamp(-999_999_999, 999_999_999)
        });
        let numbering = start
            .and_then(|_| self.dom.attr(id, "type"))
            .and_then(Numbering::from_type)
            .unwrap_or_default();
        let kind = FrameKind::List {
            start,
            numbering,
            items: Vec::new(),
            lead: Vec::new(),
        };
        self.open(kind, id, work);
    }

    /// A figure's caption, without the screen-reader label it may open with.
    pub(super) fn open_caption(&mut self, id: NodeId, work: &mut Vec<Work>) {
        self.block_boundary();
        self.frames.push(Frame::new(FrameKind::Caption));
        work.push(Work::Close);
        self.push_caption_children(id, work);
    }

    pub(super) fn open_figure(&mut self, id: NodeId, work: &mut Vec<Work>) {
        let caption = Vec::new();
        let caption_at = 0;
        self.open(
            FrameKind::Figure {
                caption,
                caption_at,
            },
            id,
            work,
        );
    }

    pub(super) fn open_table(&mut self, id: NodeId, work: &mut Vec<Work>) {
        self.open(FrameKind::Table { rows: Vec::new() }, id, work);
    }

    pub(super) fn open_row(&mut self, id: NodeId, work: &mut Vec<Work>) {
        let head = self.dom.tag(self.dom.parent(id)) == Some("thead");
        let cells = Vec::new();
        self.open(FrameKind::Row { cells, head }, id, work);
    }

    pub(super) fn open_cell(&mut self, tag: &str, id: NodeId, work: &mut Vec<Work>) {
        let number = |name: &str| {
            self.dom
                .attr(id, name)
                .and_then(|s| s.trim().parse::<usize>().ok())
        };
        let span = number("colspan").unwrap_or(1).clamp(1, MAX_COLSPAN);
        // `rowspan="0"` spans the rest of the table: as many rows as it may
        let rows = match number("rowspan") {
            Some(0) => MAX_ROWSPAN,
            n => n.unwrap_or(1).clamp(1, MAX_ROWSPAN),
        };
        let header = tag == "th";
        self.open(FrameKind::Cell { header, span, rows }, id, work);
    }

    /// A block element with no frame of its own (`<div>`, `<p>`, or a list or table where it cannot
    /// be one): its paragraphs stay apart from the text around it.
    pub(super) fn open_block(&mut self, id: NodeId, work: &mut Vec<Work>) {
        self.block_boundary();
        work.push(Work::BlockEnd);
        self.push_children(id, work);
    }
}
