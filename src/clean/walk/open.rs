//! Elements of structure opening their frames: headings, lists, figures, tables, and the blocks that
//! only separate paragraphs.

use super::super::table::MAX_COLSPAN;
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
                .and_then(|s| s.trim().parse::<u64>().ok())
                .unwrap_or(1)
                .min(999_999_999)
        });
        let items = Vec::new();
        self.open(FrameKind::List { start, items }, id, work);
    }

    pub(super) fn open_figure(&mut self, id: NodeId, work: &mut Vec<Work>) {
        let caption = Vec::new();
        self.open(FrameKind::Figure { caption }, id, work);
    }

    pub(super) fn open_table(&mut self, id: NodeId, work: &mut Vec<Work>) {
        self.open(FrameKind::Table { rows: Vec::new() }, id, work);
    }

    pub(super) fn open_row(&mut self, id: NodeId, work: &mut Vec<Work>) {
        self.open(FrameKind::Row { cells: Vec::new() }, id, work);
    }

    pub(super) fn open_cell(&mut self, tag: &str, id: NodeId, work: &mut Vec<Work>) {
        let span = self
            .dom
            .attr(id, "colspan")
            .and_then(|s| s.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, MAX_COLSPAN);
        let header = tag == "th";
        self.open(FrameKind::Cell { header, span }, id, work);
    }

    /// A block element with no frame of its own (`<div>`, `<p>`, or a list or table where it cannot
    /// be one): its paragraphs stay apart from the text around it.
    pub(super) fn open_block(&mut self, id: NodeId, work: &mut Vec<Work>) {
        self.block_boundary();
        work.push(Work::BlockEnd);
        self.push_children(id, work);
    }
}
