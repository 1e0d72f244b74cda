//! The sanitizing step without a second parse: the writer's own HTML read back by a strict reader
//! that knows its shape, checked against ammonia's allow-lists and written the way ammonia's
//! serializer writes it.
//!
//! ammonia parses what it cleans with html5ever and serializes the result, which costs a parse of
//! the whole output, and html5ever's serializer is quadratic on a text node with many `&` or
//! U+00A0 and no `<` or `>` after them. The writer above emits a small, well-formed subset of
//! HTML, so a linear reader can produce exactly what ammonia would: the same tags and attributes
//! (from ammonia's own configured allow-lists), URLs checked against its schemes the way it checks
//! them, `rel` added to links, `<tbody>` inserted as the parser inserts it, text and attributes
//! escaped as html5ever escapes them. Anything the reader does not expect — a tag or attribute off
//! the lists, markup an HTML parser would restructure (a block inside a paragraph, a link inside a
//! link, text inside a table row), an entity the writer does not write — makes it give up, and the
//! caller hands the HTML to ammonia instead. So ammonia stays the sanitizer of anything unusual,
//! and the common case is one linear pass.

use std::collections::{HashMap, HashSet};

/// What ammonia allows, read from the configured builder once.
pub(super) struct Policy {
    tags: HashSet<&'static str>,
    tag_attributes: HashMap<&'static str, HashSet<&'static str>>,
    generic_attributes: HashSet<&'static str>,
    schemes: HashSet<&'static str>,
    rel: Option<&'static str>,
    /// Options of the builder this reader does not apply; any of them set sends everything to
    /// ammonia.
    unsupported: bool,
}

impl Policy {
    pub(super) fn of(builder: &'static ammonia::Builder<'static>) -> Policy {
        let unsupported = !builder.clone_tag_attribute_values().is_empty()
            || !builder.clone_set_tag_attribute_values().is_empty()
            || builder.clone_generic_attribute_prefixes().is_some()
            || !builder.clone_allowed_classes().is_empty()
            || !builder.is_url_relative_pass_through();
        Policy {
            tags: builder.clone_tags(),
            tag_attributes: builder.clone_tag_attributes(),
            generic_attributes: builder.clone_generic_attributes(),
            schemes: builder.clone_url_schemes(),
            rel: builder.get_link_rel(),
            unsupported,
        }
    }

    fn allows(&self, tag: &str, attr: &str) -> bool {
        self.generic_attributes.contains(attr)
            || self
                .tag_attributes
                .get(tag)
                .is_some_and(|a| a.contains(attr))
    }

    /// ammonia's URL test: an absolute URL with an allowed scheme, or a relative one.
    fn url_allowed(&self, url: &str) -> bool {
        match url::Url::parse(url) {
            Ok(u) => self.schemes.contains(u.scheme()),
            Err(url::ParseError::RelativeUrlWithoutBase) => true,
            Err(_) => false,
        }
    }
}

/// Elements the writer puts inside paragraphs and other phrasing containers.
const PHRASING: &[&str] = &["a", "em", "strong", "del", "code", "br", "img"];

/// Elements whose content is phrasing only: a block start tag inside one makes the parser close it.
const PHRASING_PARENTS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "del", "code",
];

const VOID: &[&str] = &["br", "hr", "img"];

/// One open element; `implied` for the `<tbody>` the parser would have added.
struct Open<'a> {
    name: &'a str,
    implied: bool,
}

/// `raw` as ammonia would write it, or `None` when `raw` holds anything this reader does not
/// vouch for.
pub(super) fn clean(raw: &str, policy: &Policy) -> Option<String> {
    if policy.unsupported {
        return None;
    }
    let mut out = String::with_capacity(raw.len() + raw.len() / 8 + 64);
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut links_open = 0usize;
    let mut at = 0;
    while at < raw.len() {
        let lt = raw[at..].find('<').map_or(raw.len(), |p| at + p);
        if lt > at {
            text(&raw[at..lt], stack.last().map(|o| o.name), &mut out)?;
        }
        if lt == raw.len() {
            break;
        }
        let gt = lt + raw[lt..].find('>')?;
        let tag = &raw[lt + 1..gt];
        at = gt + 1;
        if let Some(name) = tag.strip_prefix('/') {
            if stack.last().is_some_and(|o| o.implied) && name == "table" {
                stack.pop();
                out.push_str("</tbody>");
            }
            let open = stack.pop()?;
            if open.name != name {
                return None;
            }
            if name == "a" {
                links_open -= 1;
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
            continue;
        }
        let name_end = tag.find(' ').unwrap_or(tag.len());
        let name = &tag[..name_end];
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            || !policy.tags.contains(name)
            || !fits(name, stack.last().map(|o| o.name), links_open)
        {
            return None;
        }
        if name == "tr" && stack.last().is_some_and(|o| o.name == "table") {
            out.push_str("<tbody>");
            stack.push(Open {
                name: "tbody",
                implied: true,
            });
        }
        out.push('<');
        out.push_str(name);
        attributes(name, &tag[name_end..], policy, &mut out)?;
        if name == "a" {
            if let Some(rel) = policy.rel {
                out.push_str(" rel=\"");
                escape_decoded(rel, true, &mut out);
                out.push('"');
            }
            links_open += 1;
        }
        out.push('>');
        if !VOID.contains(&name) {
            stack.push(Open {
                name,
                implied: false,
            });
        }
    }
    stack.is_empty().then_some(out)
}

/// Whether a start tag `name` inside `parent` stays where it is when an HTML parser reads it.
fn fits(name: &str, parent: Option<&str>, links_open: usize) -> bool {
    if name == "a" && links_open > 0 {
        return false;
    }
    let phrasing = PHRASING.contains(&name);
    match parent {
        Some(p) if PHRASING_PARENTS.contains(&p) => phrasing,
        Some("ul" | "ol") => name == "li",
        Some("table" | "tbody") => name == "tr",
        Some("tr") => matches!(name, "td" | "th"),
        Some("pre") => name == "code",
        _ => !matches!(name, "li" | "tr" | "td" | "th" | "tbody"),
    }
}

/// The attributes of a start tag as the writer writes them (` name="value"`, value escaped),
/// filtered and written as ammonia would.
fn attributes(tag: &str, mut rest: &str, policy: &Policy, out: &mut String) -> Option<()> {
    while !rest.is_empty() {
        let r = rest.strip_prefix(' ')?;
        let eq = r.find("=\"")?;
        let name = &r[..eq];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            return None;
        }
        let value_start = eq + 2;
        let close = value_start + r[value_start..].find('"')?;
        let raw_value = &r[value_start..close];
        rest = &r[close + 1..];
        if !policy.allows(tag, name) || (tag == "a" && name == "rel") {
            return None;
        }
        let value = attribute_value(raw_value)?;
        if matches!(name, "href" | "src") && !policy.url_allowed(&value) {
            // ammonia drops the attribute and keeps the element
            continue;
        }
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape_decoded(&value, true, out);
        out.push('"');
    }
    Some(())
}

/// An attribute value as the parser hands it to ammonia: entities decoded, NUL as U+FFFD, line
/// ends as LF.
fn attribute_value(raw: &str) -> Option<String> {
    let mut v = String::with_capacity(raw.len());
    decode(raw, &mut |c| match c {
        '\0' => v.push('\u{FFFD}'),
        c => v.push(c),
    })?;
    Some(normalize_newlines(v))
}

fn normalize_newlines(s: String) -> String {
    if !s.contains('\r') {
        return s;
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// A text run inside `parent`, written as html5ever writes text.
fn text(raw: &str, parent: Option<&str>, out: &mut String) -> Option<()> {
    if matches!(parent, Some("table" | "tbody" | "tr"))
        && !raw.bytes().all(|b| matches!(b, b' ' | b'\n'))
    {
        // the parser moves such text out of the table
        return None;
    }
    if !raw.contains(['\r', '\0']) {
        return reescape_text(raw, out);
    }
    // the parser reads CR and CRLF as LF and drops NUL from body text
    let mut s = raw.replace("\r\n", "\n").replace('\r', "\n");
    s.retain(|c| c != '\0');
    reescape_text(&s, out)
}

/// Decodes the writer's escapes in the text `raw` and writes it escaped as html5ever's serializer
/// escapes text: `&`, `<`, `>` and U+00A0. `None` for a character the writer never leaves raw
/// (`<`, `>`) or an entity it never writes.
fn reescape_text(raw: &str, out: &mut String) -> Option<()> {
    let bytes = raw.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'&' => {
                out.push_str(&raw[from..i]);
                let (c, len) = entity(&raw[i..])?;
                push_escaped(c, false, out);
                i += len;
                from = i;
            }
            b'<' | b'>' => return None,
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => {
                out.push_str(&raw[from..i]);
                out.push_str("&nbsp;");
                i += 2;
                from = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&raw[from..]);
    Some(())
}

/// Writes decoded text or an attribute value as html5ever's serializer does: `&`, `<`, `>` and
/// U+00A0 always, `"` in attributes.
fn escape_decoded(s: &str, attribute: bool, out: &mut String) {
    for c in s.chars() {
        push_escaped(c, attribute, out);
    }
}

fn push_escaped(c: char, attribute: bool, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' if attribute => out.push_str("&quot;"),
        '\u{A0}' => out.push_str("&nbsp;"),
        c => out.push(c),
    }
}

/// The entities the writer writes, with their length.
fn entity(s: &str) -> Option<(char, usize)> {
    [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
    ]
    .into_iter()
    .find(|(e, _)| s.starts_with(e))
    .map(|(e, c)| (c, e.len()))
}

/// Calls `f` with each character of `raw`, the writer's entities decoded.
fn decode(raw: &str, f: &mut impl FnMut(char)) -> Option<()> {
    let mut rest = raw;
    while let Some(p) = rest.find(['&', '<', '>', '"']) {
        rest[..p].chars().for_each(&mut *f);
        if rest.as_bytes()[p] != b'&' {
            return None;
        }
        let (c, len) = entity(&rest[p..])?;
        f(c);
        rest = &rest[p + len..];
    }
    rest.chars().for_each(f);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::super::sanitizer;
    use super::*;

    fn both(raw: &str) -> (Option<String>, String) {
        let policy = Policy::of(sanitizer());
        (clean(raw, &policy), sanitizer().clean(raw).to_string())
    }

    #[test]
    fn the_writers_shapes_come_out_as_ammonia_writes_them() {
        for raw in [
            "<p>a &amp; b\u{a0}\u{a0}c &lt;d&gt; &quot;e&quot; &#39;f&#39;</p>\n",
            "<p><a href=\"https://a.example/?q=1&amp;r=&quot;2&quot;\" title=\"t &lt;x&gt;\">l</a></p>\n",
            "<p><a href=\"javascript:alert(1)\">x</a><img src=\"vbscript:x\" alt=\"a\"></p>\n",
            "<p><a href=\"/relative\">r</a><a href=\"http://[bad\">b</a></p>\n",
            "<table>\n<tr><th>h</th><th></th></tr>\n<tr><td><strong>1</strong></td><td>2</td></tr>\n</table>\n",
            "<table>\n</table>\n",
            "<ol start=\"3\">\n<li>a</li>\n<li>\n<p>b</p>\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ol>\n",
            "<pre><code class=\"language-rust &amp;\">fn a() {}\n\nb</code></pre>\n",
            "<figure><img src=\"/i.png\" alt=\"\" title=\"&#39;\"><figcaption>c<br>d</figcaption></figure>\n",
            "<blockquote>\n<h2>h <em>e</em> <del>d</del> <code>c</code></h2>\n<hr>\n</blockquote>\n",
            "<p>cr\r\nlf\rnul\u{0}end</p>\n",
            "",
        ] {
            let (fast, slow) = both(raw);
            assert_eq!(fast.as_deref(), Some(slow.as_str()), "{raw}");
        }
    }

    #[test]
    fn what_a_parser_would_restructure_goes_to_ammonia() {
        for raw in [
            "<p><a href=\"/a\">a<a href=\"/b\">b</a></a></p>",
            "<p>a<blockquote>b</blockquote></p>",
            "<table>text<tr><td>a</td></tr></table>",
            "<ul>\n<p>a</p>\n</ul>",
            "<p>a</em>",
            "<p><script>x</script></p>",
            "<p onclick=\"x\">a</p>",
            "<a href=\"/a\" rel=\"x\">a</a>",
            "<p>a &copy; b&nbsp;</p>",
            "<p>a > b</p>",
            "<p>open",
        ] {
            let (fast, _) = both(raw);
            assert_eq!(fast, None, "{raw}");
        }
    }

    #[test]
    fn a_long_run_of_entities_and_no_break_spaces_is_linear() {
        // html5ever's serializer rescans the rest of the text node at each `&` or U+00A0
        let raw = format!("<p>{}</p>", "&amp;\u{a0}x".repeat(200_000));
        let fast = clean(&raw, &Policy::of(sanitizer())).unwrap();
        assert_eq!(fast.len(), "<p></p>".len() + 200_000 * "&amp;&nbsp;x".len());
    }
}
