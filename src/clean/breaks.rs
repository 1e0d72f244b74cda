//! `<br>`: a run of two or more (with only whitespace, no-break spaces included, between them) ends
//! the paragraph, one at either end of a block goes, and a single one inside stays a line break.

use crate::model::Inline;
use crate::model::inlines::{trim_end_quick, trim_start_quick};

use super::mechanics::{BREAK_RUN, STRAY_BREAK};
use crate::audit::Taken;
use crate::report::Report;

/// Splits a paragraph's inlines at runs of two or more line breaks and trims stray breaks from the
/// ends of each part. Parts left empty are dropped.
pub(crate) fn split_paragraphs(mut inlines: Vec<Inline>, report: &mut Report) -> Parts {
    // most paragraphs hold no break at all: no need to take them apart
    if !inlines.iter().any(|i| matches!(i, Inline::LineBreak)) {
        let para = trim_breaks(inlines, report);
        return Parts::One(has_content(&para).then_some(para));
    }
    // where each part after the first starts, found in one pass; the parts are then split off the
    // paragraph's own list from the back, so that no inline is held twice while the paragraph is
    // taken apart (a paragraph of a million breaks is one part, and stays in its list)
    let mut cuts: Vec<usize> = Vec::new();
    let mut run = 0usize;
    let mut current_has_content = false;
    for (k, inline) in inlines.iter().enumerate() {
        if matches!(inline, Inline::LineBreak) {
            run += 1;
            continue;
        }
        // `<br>&nbsp;<br>` is a run too: no-break spaces between breaks show nothing
        if run > 0
            && matches!(inline, Inline::Text { text } if crate::model::inlines::is_blank_text(text))
        {
            continue;
        }
        if run >= 2 && current_has_content {
            // the run of breaks stays at the end of the part before and is trimmed there
            report.count(BREAK_RUN.name);
            if let Some(r) = report.recorder() {
                r.push_here(BREAK_RUN.name, Taken::nothing());
            }
            cuts.push(k);
            current_has_content = false;
        }
        run = 0;
        current_has_content = current_has_content || has_content(std::slice::from_ref(inline));
    }
    let mut parts: Vec<Vec<Inline>> = Vec::with_capacity(cuts.len() + 1);
    for &k in cuts.iter().rev() {
        parts.push(inlines.split_off(k));
    }
    parts.push(inlines);
    let parts: Vec<Vec<Inline>> = parts
        .into_iter()
        .rev()
        .map(|p| trim_breaks(p, report))
        .filter(|p| has_content(p))
        .collect();
    Parts::Many(parts.into_iter())
}

/// The paragraphs [`split_paragraphs`] makes: most often one, which needs no list of its own (a
/// table cell is a paragraph too).
pub(crate) enum Parts {
    One(Option<Vec<Inline>>),
    Many(std::vec::IntoIter<Vec<Inline>>),
}

impl Iterator for Parts {
    type Item = Vec<Inline>;

    fn next(&mut self) -> Option<Vec<Inline>> {
        match self {
            Parts::One(part) => part.take(),
            Parts::Many(parts) => parts.next(),
        }
    }
}

/// Removes line breaks (and whitespace-only text) at both ends, looking into emphasis and links at the
/// edges, and counts each removed break as a stray one.
pub(crate) fn trim_breaks(mut inlines: Vec<Inline>, report: &mut Report) -> Vec<Inline> {
    let mut removed = 0;
    trim_edge(&mut inlines, Edge::End, &mut removed);
    trim_edge(&mut inlines, Edge::Start, &mut removed);
    // whitespace at the edges of the first and last text
    if let Some(Inline::Text { text }) = inlines.first_mut() {
        let t = trim_start_quick(text);
        if t.len() != text.len() {
            *text = t.to_string();
        }
    }
    if let Some(Inline::Text { text }) = inlines.last_mut() {
        let t = trim_end_quick(text);
        if t.len() != text.len() {
            text.truncate(t.len());
        }
    }
    inlines.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    report.count_n(STRAY_BREAK.name, removed);
    if let Some(r) = report.recorder() {
        for _ in 0..removed {
            r.push_here(STRAY_BREAK.name, Taken::nothing());
        }
    }
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
        // how many go, counted first and then taken out at once: one at a time from the front
        // would shift the rest of the list each time
        let blank = |i: &Inline, removed: &mut usize| match i {
            Inline::LineBreak => {
                *removed += 1;
                true
            }
            Inline::Text { text } => crate::model::inlines::is_blank_text(text),
            _ => false,
        };
        match edge {
            Edge::Start => {
                let n = level.iter().take_while(|i| blank(i, removed)).count();
                // most edges have nothing to take: no drain to set up and drop
                if n > 0 {
                    level.drain(..n);
                }
            }
            Edge::End => {
                let n = level.iter().rev().take_while(|i| blank(i, removed)).count();
                level.truncate(level.len() - n);
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
    // a stack of the lists still to read, not of every inline in them (a paragraph of a million
    // inlines is read where it lies), and none at all until an emphasis or link is looked into:
    // this runs for every paragraph and table cell. The answer is whether any leaf shows, in
    // whatever order they are read: the top level first, with no stack (most paragraphs answer
    // there, those opening with a link too)
    let shows = |i: &Inline| match i {
        Inline::Text { text } => !crate::model::inlines::is_blank_text(text),
        Inline::Image { .. } | Inline::Code { .. } => true,
        _ => false,
    };
    if inlines.iter().any(shows) {
        return true;
    }
    // then the level below, still with no stack: a paragraph that is a link or an emphasis alone
    // answers there
    if inlines.iter().any(|i| i.children().iter().any(shows)) {
        return true;
    }
    let mut stack: Vec<&[Inline]> = Vec::new();
    let mut level = inlines;
    loop {
        for i in level {
            match i {
                Inline::Text { text } if !crate::model::inlines::is_blank_text(text) => {
                    return true;
                }
                Inline::Image { .. } | Inline::Code { .. } => return true,
                i => {
                    let children = i.children();
                    if !children.is_empty() {
                        stack.push(children);
                    }
                }
            }
        }
        match stack.pop() {
            Some(next) => level = next,
            None => return false,
        }
    }
}
