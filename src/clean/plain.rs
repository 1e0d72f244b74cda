//! Bodies with no markup: paragraphs separated by blank lines, single newlines kept as line breaks.

use super::sites::InForce;
use crate::audit::{Place, Taken};
use crate::model::{Block, Inline};
use crate::report::Report;

/// Paragraphs of a plain-text body. Lines that a phrase rule marks as boilerplate go, and the passes
/// after the HTML walk run, as they do for HTML bodies, so that the sanitized HTML converts back to
/// the same content.
pub(crate) fn blocks(body: &str, rules: &InForce<'_>, report: &mut Report) -> Vec<Block> {
    // lone CRs became LFs when the post was read (`lone_cr_to_lf` in lib.rs); CRLF is left for here
    // and C0 controls go, as they do from an HTML body's text
    let normalized = crate::model::inlines::without_c0(body).replace("\r\n", "\n");
    let mut blocks = Vec::new();
    for para in normalized.split("\n\n") {
        let mut content = Vec::new();
        for line in para.lines().map(collapse).filter(|l| !l.is_empty()) {
            // character references mean in text what they mean in HTML (`42 &gt; 1`)
            let line = crate::post::decode_entities(&line).unwrap_or(line);
            if let Some(rule) = rules.line(&line) {
                report.count(rule);
                if let Some(r) = report.recorder() {
                    r.push(
                        rule,
                        Place::Before(blocks.len()),
                        String::new(),
                        Taken::text(line),
                    );
                }
                continue;
            }
            if !content.is_empty() {
                content.push(Inline::LineBreak);
            }
            content.push(Inline::text(line));
        }
        if !content.is_empty() {
            blocks.push(Block::Paragraph { content });
        }
    }
    // the passes after the HTML walk, or the HTML written from this body would lose what they
    // remove when read again
    super::article::whole_article(&mut blocks, None, rules, report);
    blocks
}

/// Reads a line the way an HTML parser reads text, so that the sanitized HTML output converts back
/// to the same Markdown: NULs dropped, runs of tabs, form feeds and spaces one space.
fn collapse(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars().filter(|&c| c != '\0') {
        if matches!(c, ' ' | '\t' | '\x0C') {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    // edges trimmed as block edges are in HTML bodies (no-break spaces included)
    out.trim().to_string()
}
