//! `<br>`: a run of two or more (with only whitespace, no-break spaces included, between them) ends
//! the paragraph, one at either end of a block goes, and a single one inside stays a line break.

use crate::model::Inline;

use super::mechanics::{BREAK_RUN, STRAY_BREAK};
use crate::report::Report;

/// Splits a paragraph's inlines at runs of two or more line breaks and trims stray breaks from the
/// ends of each part. Parts left empty are dropped.
pub(crate) fn split_paragraphs(inlines: Vec<Inline>, report: &mut Report) -> Vec<Vec<Inline>> {
    // most paragraphs hold no break at all: no need to take them apart
    if !inlines.iter().any(|i| matches!(i, Inline::LineBreak)) {
        let para = trim_breaks(inlines, report);
        return if has_content(&para) {
            vec![para]
        } else {
            Vec::new()
        };
    }
    let mut parts: Vec<Vec<Inline>> = Vec::new();
    let mut current: Vec<Inline> = Vec::new();
    let mut run = 0usize;
    for inline in inlines {
        if matches!(inline, Inline::LineBreak) {
            run += 1;
            current.push(inline);
            continue;
        }
        // `<br>&nbsp;<br>` is a run too: no-break spaces between breaks show nothing
        if run > 0 && matches!(&inline, Inline::Text { text } if text.trim().is_empty()) {
            current.push(inline);
            continue;
        }
        if run >= 2 && has_content(&current) {
            // the run of breaks stays at the end of `current` and is trimmed there
            report.count(BREAK_RUN.name);
            parts.push(std::mem::take(&mut current));
        }
        run = 0;
        current.push(inline);
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|p| trim_breaks(p, report))
        .filter(|p| has_content(p))
        .collect()
}

/// Removes line breaks (and whitespace-only text) at both ends, looking into emphasis and links at the
/// edges, and counts each removed break as a stray one.
pub(crate) fn trim_breaks(mut inlines: Vec<Inline>, report: &mut Report) -> Vec<Inline> {
    let mut removed = 0;
    trim_edge(&mut inlines, Edge::End, &mut removed);
    trim_edge(&mut inlines, Edge::Start, &mut removed);
    // whitespace at the edges of the first and last text
    if let Some(Inline::Text { text }) = inlines.first_mut() {
        let t = text.trim_start();
        if t.len() != text.len() {
            *text = t.to_string();
        }
    }
    if let Some(Inline::Text { text }) = inlines.last_mut() {
        let t = text.trim_end();
        if t.len() != text.len() {
            text.truncate(t.len());
        }
    }
    inlines.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    report.count_n(STRAY_BREAK.name, removed);
    inlines
}

#[derive(Clone, Copy)]
enum Edge {
    Start,
    End,
}

/// Drops breaks and blank text at one edge, then goes on into the emphasis or link standing there,
/// level by level without recursion.
fn trim_edge(inlines: &mut Vec<Inline>, edge: Edge, removed: &mut usize) {
    let mut level = inlines;
    loop {
        loop {
            let at = match edge {
                Edge::Start => level.first(),
                Edge::End => level.last(),
            };
            match at {
                Some(Inline::LineBreak) => *removed += 1,
                Some(Inline::Text { text }) if text.trim().is_empty() => {}
                _ => break,
            }
            match edge {
                Edge::Start => drop(level.remove(0)),
                Edge::End => drop(level.pop()),
            }
        }
        let at = match edge {
            Edge::Start => level.first_mut(),
            Edge::End => level.last_mut(),
        };
        match at.and_then(Inline::children_mut) {
            Some(children) => level = children,
            None => return,
        }
    }
}

/// Whether the inlines hold anything to show: text other than spaces, an image or code.
pub(crate) fn has_content(inlines: &[Inline]) -> bool {
    let mut stack: Vec<&Inline> = inlines.iter().collect();
    while let Some(i) = stack.pop() {
        match i {
            Inline::Text { text } if !text.trim().is_empty() => return true,
            Inline::Image { .. } | Inline::Code { .. } => return true,
            i => stack.extend(i.children().iter()),
        }
    }
    false
}
