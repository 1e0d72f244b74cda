//! Depth bounding before parsing. html5ever's tree builder does work proportional to the stack of
//! open elements for many tokens, so 50,000 nested `<div>`s cost it quadratic time. A cheap scan of
//! the tag stream drops start and end tags past the depth limit (their text stays, in the ancestor at
//! the limit), so the parser never sees the depth.

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

/// Returns `html` with tags nested deeper than `max_depth` removed, and how many were removed.
pub(crate) fn flatten_deep_nesting(html: &str, max_depth: usize) -> (Cow<'_, str>, usize) {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut dropped_open = 0usize;
    let mut removed = 0usize;
    let mut out: Option<String> = None;
    let mut copied_to = 0usize;
    let mut i = 0usize;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let start = i + off;
        i = start + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->").map_or(bytes.len(), |e| e + 3);
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
        let Some(gt) = tag_end(bytes, name_end) else {
            break;
        };
        let end = gt + 1;
        i = end;
        let name = html[name_start..name_end].to_ascii_lowercase();
        let self_closing = bytes[gt - 1] == b'/';
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            // skip the content and the end tag too: a `</script>` read as an end tag would lower the
            // depth count for an element that was never counted
            let close = format!("</{name}");
            i = find_ci(bytes, end, close.as_bytes())
                .and_then(|c| tag_end(bytes, c + close.len()))
                .map_or(bytes.len(), |g| g + 1);
            continue;
        }
        if VOID.contains(&name.as_str()) || IMPLIED_END.contains(&name.as_str()) || self_closing {
            continue;
        }
        let drop = if closing {
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
    match out {
        Some(mut o) => {
            o.push_str(&html[copied_to..]);
            (Cow::Owned(o), removed)
        }
        None => (Cow::Borrowed(html), 0),
    }
}

/// The `>` that ends a tag whose name ends at `from`, skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes[from..].iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(from + k),
            None => {}
        }
    }
    None
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
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

    #[test]
    fn shallow_input_is_borrowed() {
        let (out, n) = flatten_deep_nesting("<div><p>a<br>b</p></div>", 4);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(n, 0);
    }

    #[test]
    fn deep_tags_are_dropped_text_kept() {
        let html = format!("{}x{}", "<div>".repeat(10), "</div>".repeat(10));
        let (out, n) = flatten_deep_nesting(&html, 3);
        assert_eq!(out, "<div><div><div>x</div></div></div>");
        assert_eq!(n, 14);
    }

    #[test]
    fn scripts_and_quotes_do_not_confuse_the_scan() {
        let html = "<div title='a>b'><script>if (a<b) {}</script><b>x</b></div>";
        let (out, _) = flatten_deep_nesting(html, 1);
        assert_eq!(out, "<div title='a>b'><script>if (a<b) {}</script>x</div>");
    }
}
