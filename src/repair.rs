//! One cheap scan of the tag stream before parsing, for two repairs.
//!
//! Depth: html5ever's tree builder does work proportional to the stack of open elements for many
//! tokens, so 50,000 nested `<div>`s cost it quadratic time. Start and end tags past the depth limit
//! are dropped (their text stays, in the ancestor at the limit), so the parser never sees the depth.
//!
//! Self-closed raw-text elements: feeds written as XHTML close `<iframe …/>` and `<script …/>` with a
//! slash, which HTML ignores, so everything after would become the element's raw text and vanish
//! from the article. Such a tag gets an explicit end tag.

use std::borrow::Cow;

/// Elements that never hold content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image",
];

/// Elements whose end tag may be left out, so they close implicitly and don't nest by themselves:
/// not counted, or a page of unclosed `<p>`s would look deep.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "rp", "rt", "rb", "rtc",
];

/// Elements whose content is raw text: `<` inside them is not a tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Length of the longest name in the lists above.
const LONGEST_LISTED: usize = 9;

fn listed(list: &[&str], name: &[u8]) -> bool {
    !name.is_empty() && list.iter().any(|n| n.as_bytes() == name)
}

/// What the scan did to a body.
pub(crate) struct Repaired<'a> {
    /// The body to parse.
    pub html: Cow<'a, str>,
    /// Start and end tags dropped for nesting deeper than the limit.
    pub flattened: usize,
    /// Self-closed raw-text elements given an end tag.
    pub closed: usize,
}

/// Returns `html` with tags nested deeper than `max_depth` removed and self-closed raw-text elements
/// closed.
pub(crate) fn repair(html: &str, max_depth: usize) -> Repaired<'_> {
    let bytes = html.as_bytes();
    // Dropping a tag takes max_depth open elements plus one more, each starting with `<`; most posts
    // have fewer `<` than that in all, and counting them is one vectorised pass. Without `/>` there
    // is no self-closed tag to repair either.
    if bytes.iter().filter(|&&b| b == b'<').count() <= max_depth && !html.contains("/>") {
        return Repaired {
            html: Cow::Borrowed(html),
            flattened: 0,
            closed: 0,
        };
    }
    let mut depth = 0usize;
    let mut dropped_open = 0usize;
    let mut removed = 0usize;
    let mut closed = 0usize;
    let mut out: Option<String> = None;
    let mut copied_to = 0usize;
    let mut i = 0usize;
    while let Some(off) = memchr(b'<', &html[i..]) {
        let start = i + off;
        i = start + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(html, i + 3, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_end = name_start
            + bytes[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
                .count();
        if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let Some(gt) = tag_end(html, name_end) else {
            break;
        };
        let end = gt + 1;
        i = end;
        // Every listed name is short; lowering into a stack buffer spares an allocation per tag.
        let raw_name = &bytes[name_start..name_end];
        let mut buf = [0u8; LONGEST_LISTED];
        let name: &[u8] = if raw_name.len() <= LONGEST_LISTED {
            let b = &mut buf[..raw_name.len()];
            b.copy_from_slice(raw_name);
            b.make_ascii_lowercase();
            b
        } else {
            // longer than any listed name: an ordinary element, compared with nothing
            b""
        };
        let self_closing = bytes[gt - 1] == b'/';
        if !closing && self_closing && listed(RAW_TEXT, name) && name != b"plaintext" {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() + 64));
            o.push_str(&html[copied_to..gt - 1]);
            o.push_str("></");
            o.push_str(&html[name_start..name_end]);
            o.push('>');
            copied_to = end;
            closed += 1;
            continue;
        }
        if !closing && listed(RAW_TEXT, name) {
            // raw-text element: skip to its end tag; it nests nothing, so depth is untouched
            let mut close = Vec::with_capacity(name.len() + 2);
            close.extend_from_slice(b"</");
            close.extend_from_slice(name);
            i = find_ci(bytes, end, &close).unwrap_or(bytes.len());
            continue;
        }
        // A raw-text element never counted as depth, so its end tag must not pop a level either.
        let uncounted = self_closing || listed(VOID, name) || listed(RAW_TEXT, name);
        let implied = listed(IMPLIED_END, name);
        if uncounted || (implied && depth < max_depth) {
            continue;
        }
        // At the limit, `<li>`, `<p>` and the like go too: each one makes html5ever search its stack
        // of open elements (for a `<p>` in button scope), which is as deep as the limit allows, so
        // 100,000 of them would cost 100,000 such searches. Their text stays.
        let drop = if implied {
            true
        } else if closing {
            if dropped_open > 0 {
                dropped_open -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else if depth >= max_depth {
            dropped_open += 1;
            true
        } else {
            depth += 1;
            false
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied_to..start]);
            copied_to = end;
            removed += 1;
        }
    }
    let html = match out {
        Some(mut o) => {
            o.push_str(&html[copied_to..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(html),
    };
    Repaired {
        html,
        flattened: removed,
        closed,
    }
}

/// The `>` that ends a tag whose name ends at `from`, skipping quoted attribute values.
fn tag_end(html: &str, from: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut k = from;
    loop {
        k += bytes
            .get(k..)?
            .iter()
            .position(|&b| b == b'>' || b == b'"' || b == b'\'')?;
        match bytes[k] {
            b'>' => return Some(k),
            q => k += 1 + memchr(q, &html[k + 1..])? + 1,
        }
    }
}

/// The first ASCII `needle` in `hay`. Most of a post is text between tags, so this is the scan's
/// inner loop: `str::find` with a char runs core's word-at-a-time memchr rather than a byte loop.
/// Every offset the scan slices at follows an ASCII byte, so it is always a char boundary.
fn memchr(needle: u8, hay: &str) -> Option<usize> {
    hay.find(char::from(needle))
}

fn find(html: &str, from: usize, needle: &[u8]) -> Option<usize> {
    let hay = html.get(from..)?;
    let mut k = 0;
    while let Some(p) = memchr(needle[0], &hay[k..]) {
        if hay.as_bytes()[k + p..].starts_with(needle) {
            return Some(from + k + p);
        }
        k += p + 1;
    }
    None
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flatten(html: &str, depth: usize) -> (Cow<'_, str>, usize) {
        let r = repair(html, depth);
        (r.html, r.flattened)
    }

    #[test]
    fn shallow_input_is_borrowed() {
        let (out, n) = flatten("<div><p>a<br>b</p></div>", 4);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(n, 0);
    }

    #[test]
    fn deep_tags_are_dropped_text_kept() {
        let html = format!("{}x{}", "<div>".repeat(10), "</div>".repeat(10));
        let (out, n) = flatten(&html, 3);
        assert_eq!(out, "<div><div><div>x</div></div></div>");
        assert_eq!(n, 14);
    }

    #[test]
    fn multibyte_text_comments_and_unclosed_quotes() {
        let html = "<div title=\"标题>\">中文<!-- <b> --><b>粗</b><i a='x' b=\"y\">斜</i></div>";
        let (out, n) = flatten(html, 1);
        assert_eq!(out, "<div title=\"标题>\">中文<!-- <b> -->粗斜</div>");
        assert_eq!(n, 4);
        let (out, n) = flatten("<div><b title=\"不闭合>文", 1);
        assert_eq!((out.as_ref(), n), ("<div><b title=\"不闭合>文", 0));
    }

    #[test]
    fn scripts_and_quotes_do_not_confuse_the_scan() {
        let html = "<div title='a>b'><script>if (a<b) {}</script><b>x</b></div>";
        let (out, _) = flatten(html, 1);
        assert_eq!(out, "<div title='a>b'><script>if (a<b) {}</script>x</div>");
    }

    #[test]
    fn self_closed_raw_text_elements_get_an_end_tag() {
        let r = repair(
            "<p>a</p><iframe src=\"v\"/><p>b</p><br/><SCRIPT src=x />c",
            512,
        );
        assert_eq!(
            r.html,
            "<p>a</p><iframe src=\"v\"></iframe><p>b</p><br/><SCRIPT src=x ></SCRIPT>c"
        );
        assert_eq!(r.closed, 2);
    }
}
