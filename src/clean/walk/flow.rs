//! The inline text flow: HTML whitespace collapsing with the CJK segment-break rule, line breaks
//! and block boundaries.

use super::*;
use crate::cjk::segment_break_vanishes;
use crate::model::inlines::append_text_within;

/// HTML's ASCII whitespace (a no-break space is text, not whitespace).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

impl Walker<'_> {
    pub(super) fn push_text(&mut self, text: &str) {
        let frame = self.frames.len() - 1;
        let mut run_start: Option<usize> = None;
        // HTML's white space is ASCII, so the text is read by bytes: a run's first character is
        // decoded, the rest of the run is passed over, eight bytes at a time while a word holds
        // no byte at or below a space (none of which is in CJK or other text past ASCII)
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if is_html_space(char::from(b)) {
                if let Some(s) = run_start.take() {
                    self.push_run(&text[s..i], frame, bytes.len() - s);
                }
                if self.flow.last.is_some() {
                    let newline = b == b'\n' || b == b'\r';
                    match &mut self.flow.pending {
                        Some(p) => p.newline |= newline,
                        None => self.flow.pending = Some(Pending { newline, frame }),
                    }
                }
                i += 1;
                continue;
            }
            if run_start.is_none() {
                run_start = Some(i);
                self.resolve_pending_within(text[i..].chars().next(), 1 + bytes.len() - i);
            }
            i += 1;
            while let Some(chunk) = bytes.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let w = u64::from_le_bytes(word);
                // a byte below 0x21 flagged (never missed)
                if w.wrapping_sub(0x2121_2121_2121_2121) & !w & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 8;
            }
            while i < bytes.len() && !is_html_space(char::from(bytes[i])) {
                i += 1;
            }
        }
        if let Some(s) = run_start {
            self.push_run(&text[s..], frame, bytes.len() - s);
        }
    }

    /// Appends a run of non-whitespace text to the frame; `room` is how many bytes the text it
    /// stands in may still add, the run's own included (see [`append_text_within`]).
    pub(super) fn push_run(&mut self, run: &str, frame: usize, room: usize) {
        let mut run = run;
        if let Some(close) = self.flow.emptied.take() {
            if let Some(rest) = run.strip_prefix(close) {
                if let Some(Inline::Text { text }) = self.frames[frame].inlines.last_mut() {
                    let open = text.pop();
                    self.flow.last = text.chars().last();
                    if text.is_empty() {
                        self.frames[frame].inlines.pop();
                    }
                    // the pair went with the link the rule removed: its record takes them too
                    if let (Some(r), Some(open)) = (self.report.recorder(), open) {
                        r.enclose_last(open, close);
                    }
                }
                run = rest;
                if run.is_empty() {
                    return;
                }
            }
        }
        let mapped;
        if let Some(script) = self.script {
            mapped = script.map(run);
            run = &mapped;
        }
        self.flow.last = run.chars().last();
        append_text_within(&mut self.frames[frame].inlines, run, room);
    }

    /// Writes the pending whitespace, if any, before `next`: one space, or nothing where a line break
    /// stood between two CJK characters.
    pub(super) fn resolve_pending(&mut self, next: Option<char>) {
        self.resolve_pending_within(next, 1);
    }

    /// [`Walker::resolve_pending`] before a text that may add up to `room` bytes with the space.
    fn resolve_pending_within(&mut self, next: Option<char>, room: usize) {
        let Some(p) = self.flow.pending.take() else {
            return;
        };
        let joined = p.newline
            && match (self.flow.last, next) {
                (Some(a), Some(b)) => segment_break_vanishes(a, b),
                _ => false,
            };
        if !joined {
            let frame = p.frame.min(self.frames.len() - 1);
            append_text_within(&mut self.frames[frame].inlines, " ", room);
        }
    }

    pub(super) fn line_break(&mut self) {
        self.flow = Flow::default();
        self.top().inlines.push(Inline::LineBreak);
    }

    /// A block-level element starts or ends: the open paragraph ends (or, inside an inline frame, the
    /// line does).
    pub(super) fn block_boundary(&mut self) {
        if self.in_inline() {
            let frame = self.top();
            if !frame.inlines.is_empty() && !matches!(frame.inlines.last(), Some(Inline::LineBreak))
            {
                self.line_break();
            }
            return;
        }
        self.flow = Flow::default();
        let mut frame = self
            .frames
            .pop()
            .expect("the root frame stays on the stack");
        self.flush(&mut frame);
        self.frames.push(frame);
    }
}
