//! Tables: rows of cells into a GFM-shaped table, with spans clamped, or layout tables unwrapped.

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
    pub content: Vec<Inline>,
}

/// Rows of cells into a table block, or, for a layout table of one column, the cells' content as
/// paragraphs.
pub(crate) fn build_table(rows: Vec<Vec<Cell>>) -> Vec<Block> {
    let spanned = rows
        .iter()
        .map(|r| r.iter().map(|c| c.span).sum::<usize>())
        .max()
        .unwrap_or(0)
        .min(MAX_COLUMNS);
    let real_cells: usize = rows.iter().map(Vec::len).sum();
    let widest_real = rows.iter().map(Vec::len).max().unwrap_or(0);
    let budget = (real_cells * SPAN_FILL).max(SPAN_FLOOR);
    let width = if spanned * rows.len() > budget {
        spanned.min(widest_real.max(budget / rows.len()))
    } else {
        spanned
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(span: usize) -> Cell {
        Cell {
            header: false,
            span,
            content: vec![Inline::text("x")],
        }
    }

    fn widths(blocks: &[Block]) -> Vec<usize> {
        match blocks {
            [Block::Table { rows, .. }] => rows.iter().map(Vec::len).collect(),
            _ => panic!("not one table"),
        }
    }

    #[test]
    fn a_title_span_over_a_small_table_is_kept() {
        let rows = vec![vec![cell(6)], vec![cell(1), cell(1)]];
        assert_eq!(widths(&build_table(rows)), [6, 6]);
    }

    #[test]
    fn spans_cannot_fill_a_large_table_past_a_multiple_of_its_cells() {
        let rows: Vec<Vec<Cell>> = (0..10_000).map(|_| vec![cell(64), cell(1)]).collect();
        let w = widths(&build_table(rows));
        assert!(w.iter().all(|&n| n == 8), "{:?}", &w[..3]);
    }
}
