//! Tables: rows of cells into a GFM-shaped table, with spans clamped, or layout tables unwrapped.

use crate::model::{Block, Inline};

/// Widest colspan honoured; wider ones are clamped so that `colspan="1000000"` costs nothing.
pub(crate) const MAX_COLSPAN: usize = 64;
/// Widest table built; cells past it are joined into the last column.
const MAX_COLUMNS: usize = 64;

pub(crate) struct Cell {
    pub header: bool,
    pub span: usize,
    pub content: Vec<Inline>,
}

/// Rows of cells into a table block, or, for a layout table of one column, the cells' content as
/// paragraphs.
pub(crate) fn build_table(rows: Vec<Vec<Cell>>) -> Vec<Block> {
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
