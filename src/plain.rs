//! Bodies with no markup: paragraphs separated by blank lines, single newlines kept as line breaks.

use crate::model::{Block, Inline};

pub(crate) fn blocks(body: &str) -> Vec<Block> {
    let normalized = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut blocks = Vec::new();
    for para in normalized.split("\n\n") {
        let mut content = Vec::new();
        for line in para.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if !content.is_empty() {
                content.push(Inline::LineBreak);
            }
            content.push(Inline::text(line));
        }
        if !content.is_empty() {
            blocks.push(Block::Paragraph { content });
        }
    }
    blocks
}
