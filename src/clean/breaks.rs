//! `<br>`: a run of two or more ends the paragraph, one at either end of a block goes, and a single one
//! inside stays a line break.

use crate::model::Inline;

use super::Report;

/// Splits a paragraph's inlines at runs of two or more line breaks and trims stray breaks from the
/// ends of each part. Parts left empty are dropped.
pub fn split_paragraphs(inlines: Vec<Inline>, report: &mut Report) -> Vec<Vec<Inline>> {
    let mut parts: Vec<Vec<Inline>> = Vec::new();
    let mut current: Vec<Inline> = Vec::new();
    let mut run = 0usize;
    for inline in inlines {
        if matches!(inline, Inline::LineBreak) {
            run += 1;
            current.push(inline);
            continue;
        }
        if run >= 2 && has_content(&current) {
            // the run of breaks stays at the end of `current` and is trimmed there
            report.count("break-run");
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
pub fn trim_breaks(mut inlines: Vec<Inline>, report: &mut Report) -> Vec<Inline> {
    let mut removed = 0;
    trim_end(&mut inlines, &mut removed);
    inlines.reverse();
    trim_start_reversed(&mut inlines, &mut removed);
    inlines.reverse();
    // leading whitespace of the first text
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
    report.count_n("stray-break", removed);
    inlines
}

fn trim_end(inlines: &mut Vec<Inline>, removed: &mut usize) {
    // Walk down the last child chain with an explicit loop: each level trims its own tail.
    let mut level: &mut Vec<Inline> = inlines;
    loop {
        while let Some(last) = level.last() {
            match last {
                Inline::LineBreak => {
                    *removed += 1;
                    level.pop();
                }
                Inline::Text { text } if text.trim().is_empty() => {
                    level.pop();
                }
                _ => break,
            }
        }
        match level.last_mut() {
            Some(
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strikethrough { content }
                | Inline::Link { content, .. },
            ) => {
                level = content;
            }
            _ => return,
        }
    }
}

/// As [`trim_end`], on a list reversed at the top level only; nested lists are trimmed at their start.
fn trim_start_reversed(inlines: &mut Vec<Inline>, removed: &mut usize) {
    while let Some(last) = inlines.last() {
        match last {
            Inline::LineBreak => {
                *removed += 1;
                inlines.pop();
            }
            Inline::Text { text } if text.trim().is_empty() => {
                inlines.pop();
            }
            _ => break,
        }
    }
    let mut level = match inlines.last_mut() {
        Some(
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. },
        ) => content,
        _ => return,
    };
    loop {
        let lead = level
            .iter()
            .take_while(|i| {
                matches!(i, Inline::LineBreak)
                    || matches!(i, Inline::Text { text } if text.trim().is_empty())
            })
            .count();
        *removed += level[..lead]
            .iter()
            .filter(|i| matches!(i, Inline::LineBreak))
            .count();
        level.drain(..lead);
        match level.first_mut() {
            Some(
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strikethrough { content }
                | Inline::Link { content, .. },
            ) => {
                level = content;
            }
            _ => return,
        }
    }
}

/// Whether the inlines hold anything to show: text other than spaces, an image or code.
pub fn has_content(inlines: &[Inline]) -> bool {
    let mut stack: Vec<&Inline> = inlines.iter().collect();
    while let Some(i) = stack.pop() {
        match i {
            Inline::Text { text } if !text.trim().is_empty() => return true,
            Inline::Image { .. } | Inline::Code { .. } => return true,
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => stack.extend(content.iter()),
            _ => {}
        }
    }
    false
}
