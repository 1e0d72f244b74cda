//! Runs of line breaks, read the way the cleaner reads `<br><br>`: two or more breaks in a row, with
//! only whitespace between them, end the paragraph, and in a table cell or a caption (one line of
//! inlines, where paragraphs join with one break) they are one break. The model can still hold such
//! a run where no `<br>` stood (a one-column layout table's cell, whose blocks were joined by breaks
//! before it became a paragraph; blocks built by hand), and every writer reads it this way, so that
//! the Markdown, the text and the sanitized HTML say the same, and the sanitized HTML read again
//! gives the same Markdown.

use std::borrow::Cow;

use crate::model::Inline;

/// A line break, or text of whitespace only (no-break spaces included, as the cleaner counts them).
fn is_blank(i: &Inline) -> bool {
    match i {
        Inline::LineBreak => true,
        Inline::Text { text } => crate::model::inlines::is_blank_text(text),
        _ => false,
    }
}

/// The paragraphs a paragraph's content makes: split at each run of two or more line breaks (at
/// the top level only, as the cleaner splits), the runs themselves left out, parts with nothing but
/// whitespace dropped, and each part's edge text trimmed, as the cleaner trims a paragraph. Content
/// without such a run is one paragraph, as it is.
pub(crate) fn paragraphs(content: &[Inline]) -> Vec<Cow<'_, [Inline]>> {
    // a run needs two breaks: most paragraphs hold fewer, and are one without a list of parts
    if !may_split(content) {
        return vec![Cow::Borrowed(content)];
    }
    let parts = split(content);
    if let [only] = parts.as_slice() {
        if only.len() == content.len() {
            return vec![Cow::Borrowed(content)];
        }
    }
    parts.into_iter().map(trim).collect()
}

/// How many paragraphs [`paragraphs`] makes of `content`, without gathering them when it holds
/// fewer than two breaks.
pub(crate) fn paragraph_count(content: &[Inline]) -> usize {
    if may_split(content) {
        paragraphs(content).len()
    } else {
        1
    }
}

/// Whether `content` holds two line breaks at its top level, which a run of them takes: without,
/// [`paragraphs`] makes it one paragraph as it is.
pub(crate) fn may_split(content: &[Inline]) -> bool {
    content
        .iter()
        .filter(|i| matches!(i, Inline::LineBreak))
        .nth(1)
        .is_some()
}

/// Whitespace off the start of the first text and the end of the last.
fn trim(part: &[Inline]) -> Cow<'_, [Inline]> {
    let starts_ragged = matches!(part.first(), Some(Inline::Text { text }) if text.starts_with(char::is_whitespace));
    let ends_ragged =
        matches!(part.last(), Some(Inline::Text { text }) if text.ends_with(char::is_whitespace));
    if !starts_ragged && !ends_ragged {
        return Cow::Borrowed(part);
    }
    let mut out = part.to_vec();
    if let Some(Inline::Text { text }) = out.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = out.last_mut() {
        text.truncate(text.trim_end().len());
    }
    out.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    Cow::Owned(out)
}

/// The content between runs of breaks, untrimmed; the content itself when it holds no run.
fn split(content: &[Inline]) -> Vec<&[Inline]> {
    let mut parts = Vec::new();
    let mut part_start = 0;
    // where the current stretch of blanks starts, and how many breaks it holds
    let mut run_start = 0;
    let mut breaks = 0;
    for (k, i) in content.iter().enumerate() {
        if is_blank(i) {
            if breaks == 0 && !matches!(i, Inline::LineBreak) {
                // whitespace before a break belongs to the run only once a break follows
                continue;
            }
            if breaks == 0 {
                run_start = k;
            }
            breaks += usize::from(matches!(i, Inline::LineBreak));
            continue;
        }
        if breaks >= 2 {
            parts.push(&content[part_start..run_start]);
            part_start = k;
        }
        breaks = 0;
    }
    if part_start == 0 && breaks < 2 {
        return vec![content];
    }
    parts.push(if breaks >= 2 {
        &content[part_start..run_start]
    } else {
        &content[part_start..]
    });
    parts.retain(|p| !p.iter().all(is_blank));
    parts
}

/// A cell's or a caption's content with each run of line breaks made one break.
pub(crate) fn one_break(content: &[Inline]) -> Cow<'_, [Inline]> {
    if !may_split(content) {
        return Cow::Borrowed(content);
    }
    let mut parts = paragraphs(content);
    if parts.len() == 1 {
        return parts.remove(0);
    }
    let mut out = Vec::with_capacity(content.len());
    for (k, part) in parts.into_iter().enumerate() {
        if k > 0 {
            out.push(Inline::LineBreak);
        }
        out.extend_from_slice(&part);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }

    #[test]
    fn a_run_of_breaks_ends_the_paragraph() {
        let content = [t("a"), Inline::LineBreak, t(" "), Inline::LineBreak, t("b")];
        assert_eq!(paragraphs(&content), [&[t("a")][..], &[t("b")][..]]);
        let one = [t("a"), Inline::LineBreak, t("b")];
        assert_eq!(paragraphs(&one), [&one[..]]);
        let spaced = [t("a "), Inline::LineBreak, Inline::LineBreak, t(" b")];
        assert_eq!(paragraphs(&spaced), [&[t("a")][..], &[t("b")][..]]);
        assert_eq!(
            one_break(&content).into_owned(),
            [t("a"), Inline::LineBreak, t("b")]
        );
    }

    #[test]
    fn runs_at_the_edges_leave_no_empty_paragraph() {
        let content = [
            Inline::LineBreak,
            Inline::LineBreak,
            t("a"),
            Inline::LineBreak,
            Inline::LineBreak,
        ];
        assert_eq!(paragraphs(&content), [&[t("a")][..]]);
        assert_eq!(one_break(&content).into_owned(), [t("a")]);
    }

    #[test]
    fn breaks_inside_emphasis_are_left_alone() {
        let content = [Inline::Strong {
            content: vec![t("a"), Inline::LineBreak, Inline::LineBreak, t("b")],
        }];
        assert_eq!(paragraphs(&content), [&content[..]]);
    }
}
