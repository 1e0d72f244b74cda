//! Tables: rows of cells into a GFM-shaped table, with spans clamped, or layout tables unwrapped.

use crate::model::inlines::{blocks_to_inlines, is_blank};
use crate::model::{Block, Inline};

/// Widest colspan honoured; wider ones are clamped so that `colspan="1000000"` costs nothing.
pub(crate) const MAX_COLSPAN: usize = 64;
/// Widest table built; cells past it are joined into the last column.
const MAX_COLUMNS: usize = 64;
/// Spans may fill a table out to this many times its real cells (and to `SPAN_FLOOR` cells in any
/// table): a row of one cell with `colspan="64"` is a title over the columns, but ten thousand of
/// them are 64 times the input in empty cells, in every output.
const SPAN_FILL: usize = 4;
const SPAN_FLOOR: usize = 1024;

pub(crate) struct Cell {
    pub header: bool,
    pub span: usize,
    /// Rows the cell spans (`rowspan`), itself included.
    pub rows: usize,
    /// The cell's inlines (empty while `blocks` holds them).
    pub content: Vec<Inline>,
    /// The cell's blocks, kept when it held several and opened its row: a table of one column
    /// gives them back as they were, a wider one makes them the cell's inlines.
    pub blocks: Option<Vec<Block>>,
}

/// Tallest rowspan honoured, for the same reason as [`MAX_COLSPAN`].
pub(crate) const MAX_ROWSPAN: usize = 1024;

/// A table row as written: its cells, and whether it stood in the table's `<thead>`.
pub(crate) struct Row {
    pub head: bool,
    pub cells: Vec<Cell>,
}

/// Rows of cells into a table block, or, for a layout table of one column, the cells' content as
/// paragraphs; a table with no text in any cell is nothing.
///
/// Cells are laid out on a grid as a browser lays them out: a cell spanning rows takes its column
/// in the rows below, so the cells of those rows move right past it, and its place there is empty.
pub(crate) fn build_table(mut rows: Vec<Row>) -> Vec<Block> {
    // a table of one column, each row one cell over one row and one column, gives back its cells'
    // blocks; a wider one reads every cell as inlines
    let one_column = rows
        .iter()
        .all(|r| matches!(r.cells.as_slice(), [c] if c.span == 1 && c.rows == 1));
    if !one_column {
        for cell in rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            if let Some(blocks) = cell.blocks.take() {
                cell.content = blocks_to_inlines(blocks);
            }
        }
    }
    if rows.iter().all(|r| r.cells.iter().all(is_blank_cell)) {
        return Vec::new();
    }
    if one_column {
        return rows
            .into_iter()
            .flat_map(|r| r.cells)
            .flat_map(|c| match c.blocks {
                Some(blocks) => blocks,
                None if c.content.is_empty() => Vec::new(),
                None => vec![Block::Paragraph { content: c.content }],
            })
            .collect();
    }
    let spanned = rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.span).sum::<usize>())
        .max()
        .unwrap_or(0)
        .min(MAX_COLUMNS);
    let real_cells: usize = rows.iter().map(|r| r.cells.len()).sum();
    let widest_real = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let budget = (real_cells * SPAN_FILL).max(SPAN_FLOOR);
    // the widest a row may be laid out (cells that a span from above moves right may take it past
    // the sum of its own spans)
    let limit = if spanned * rows.len() > budget {
        spanned.min(widest_real.max(budget / rows.len()))
    } else {
        MAX_COLUMNS
    };
    // columns that cells spanning from the rows above take, before the row's own cells move in:
    // `taken[c]` rows more
    let mut taken: Vec<usize> = Vec::new();
    let mut grid: Vec<Vec<Vec<Inline>>> = Vec::with_capacity(rows.len());
    // a `<thead>` row is the header whatever its cells are, as is a first row of `<th>`s
    let header = rows
        .first()
        .is_some_and(|r| r.head || r.cells.iter().all(|c| c.header));
    for row in rows {
        let mut out: Vec<Vec<Inline>> = Vec::new();
        let mut col = 0;
        for cell in row.cells {
            while col < limit && taken.get(col).is_some_and(|&n| n > 0) {
                out.push(Vec::new());
                col += 1;
            }
            if col >= limit {
                // more cells than columns: join into the last column
                if let Some(last) = out.last_mut() {
                    if !cell.content.is_empty() {
                        // a space between two cells' words, none before the first
                        if !last.iter().all(is_blank) {
                            last.push(Inline::text(" "));
                        }
                        last.extend(cell.content);
                    }
                }
                continue;
            }
            let span = cell.span.min(limit - col);
            out.push(cell.content);
            for _ in 1..span {
                out.push(Vec::new());
            }
            if taken.len() < col + span {
                taken.resize(col + span, 0);
            }
            for t in &mut taken[col..col + span] {
                *t = (*t).max(cell.rows);
            }
            col += span;
        }
        // the columns spanned from above past the row's last cell
        while out.len() < limit && taken.get(out.len()).is_some_and(|&n| n > 0) {
            out.push(Vec::new());
        }
        for t in &mut taken {
            *t = t.saturating_sub(1);
        }
        grid.push(out);
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    if width <= 1 {
        return grid
            .into_iter()
            .flatten()
            .filter(|c| !c.is_empty())
            .map(|content| Block::Paragraph { content })
            .collect();
    }
    let rows = grid
        .into_iter()
        .map(|mut row| {
            row.resize_with(width, Vec::new);
            row
        })
        .collect();
    vec![Block::Table { header, rows }]
}

/// Whether a cell shows nothing: its inlines are white space, or its kept blocks would make
/// such inlines (no picture or code, and white space in every line).
fn is_blank_cell(c: &Cell) -> bool {
    match &c.blocks {
        None => c.content.iter().all(is_blank),
        Some(blocks) => {
            let mut blank = crate::model::events::leaves(blocks)
                .all(|b| !matches!(b, Block::Figure { .. } | Block::Code { .. }));
            crate::model::walk_inlines(blocks, &mut |i| blank &= is_blank(i));
            blank
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(span: usize) -> Cell {
        Cell {
            header: false,
            span,
            rows: 1,
            content: vec![Inline::text("x")],
            blocks: None,
        }
    }

    fn row(cells: Vec<Cell>) -> Row {
        Row { head: false, cells }
    }

    fn widths(blocks: &[Block]) -> Vec<usize> {
        match blocks {
            [Block::Table { rows, .. }] => rows.iter().map(Vec::len).collect(),
            _ => panic!("not one table"),
        }
    }

    #[test]
    fn a_title_span_over_a_small_table_is_kept() {
        let rows = vec![row(vec![cell(6)]), row(vec![cell(1), cell(1)])];
        assert_eq!(widths(&build_table(rows)), [6, 6]);
    }

    #[test]
    fn spans_cannot_fill_a_large_table_past_a_multiple_of_its_cells() {
        let rows: Vec<Row> = (0..10_000).map(|_| row(vec![cell(64), cell(1)])).collect();
        let w = widths(&build_table(rows));
        assert!(w.iter().all(|&n| n == 8), "{:?}", &w[..3]);
    }

    #[test]
    fn a_cell_spanning_rows_keeps_its_column_below() {
        let text = |t: &str, rows: usize| Cell {
            header: false,
            span: 1,
            rows,
            content: vec![Inline::text(t)],
            blocks: None,
        };
        let rows = vec![
            row(vec![text("A", 2), text("B", 1)]),
            row(vec![text("C", 1)]),
        ];
        let table = build_table(rows);
        let [Block::Table { rows, .. }] = table.as_slice() else {
            panic!("not one table");
        };
        assert_eq!(rows[1][0], Vec::<Inline>::new());
        assert_eq!(rows[1][1], vec![Inline::text("C")]);
    }

    #[test]
    fn a_table_of_one_column_gives_back_its_cells_blocks() {
        let para = |t: &str| Block::Paragraph {
            content: vec![Inline::text(t)],
        };
        let kept = Cell {
            header: false,
            span: 1,
            rows: 1,
            content: Vec::new(),
            blocks: Some(vec![para("one"), para("two")]),
        };
        let plain = Cell {
            header: false,
            span: 1,
            rows: 1,
            content: vec![Inline::text("three")],
            blocks: None,
        };
        assert_eq!(
            build_table(vec![row(vec![kept]), row(vec![plain])]),
            vec![para("one"), para("two"), para("three")]
        );
    }

    #[test]
    fn a_table_of_empty_cells_is_nothing() {
        let empty = || Cell {
            header: false,
            span: 1,
            rows: 1,
            content: vec![Inline::text(" ")],
            blocks: None,
        };
        assert!(build_table(vec![row(vec![empty(), empty()])]).is_empty());
    }
}
