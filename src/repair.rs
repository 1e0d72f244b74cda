//! One cheap scan of the tag stream before parsing, for three repairs.
//!
//! Depth: html5ever's tree builder does work proportional to the stack of open elements for many
//! tokens, so 50,000 nested `<div>`s cost it quadratic time. Start and end tags past the depth limit
//! are dropped (their text stays, in the ancestor at the limit), so the parser never sees the depth.
//!
//! Attributes: html5ever's tokenizer compares each new attribute of a tag with all the tag's
//! earlier ones (to drop duplicates), so one tag of 100,000 attributes costs it 5 billion
//! comparisons. Attributes past the limit are cut out of the tag, so the parser never sees them.
//!
//! Self-closed raw-text elements: feeds written as XHTML close `<iframe …/>` and `<script …/>` with a
//! slash, which HTML ignores, so everything after would become the element's raw text and vanish
//! from the article. Such a tag gets an explicit end tag.

use std::borrow::Cow;

/// What an element's name says about it, for the depth count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Never holds content.
    Void,
    /// Its content is raw text: `<` inside it is not a tag.
    RawText,
    /// Its end tag may be left out, so it closes implicitly and doesn't nest by itself: not
    /// counted, or a page of unclosed `<p>`s would look deep.
    ImpliedEnd,
    Other,
}

/// Length of the longest name [`class`] knows.
const LONGEST_LISTED: usize = 9;

/// The class of a lower-cased name. One `match` (by length, then bytes) for every tag of the
/// input, rather than a search through three lists.
fn class(name: &[u8]) -> Class {
    match name {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"param" | b"source" | b"track" | b"wbr" | b"keygen" | b"frame"
        | b"basefont" | b"bgsound" | b"image" => Class::Void,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"plaintext" => Class::RawText,
        b"p" | b"li" | b"dt" | b"dd" | b"option" | b"optgroup" | b"tr" | b"td" | b"th"
        | b"tbody" | b"thead" | b"tfoot" | b"colgroup" | b"rp" | b"rt" | b"rb" | b"rtc" => {
            Class::ImpliedEnd
        }
        _ => Class::Other,
    }
}

/// What the scan did to a body.
pub(crate) struct Repaired<'a> {
    /// The body to parse.
    pub html: Cow<'a, str>,
    /// Start and end tags dropped for nesting deeper than the limit.
    pub flattened: usize,
    /// Self-closed raw-text elements given an end tag.
    pub closed: usize,
    /// Attributes cut out of tags that had more than the limit.
    pub attributes_dropped: usize,
    /// Tags that lost attributes.
    pub crowded_tags: usize,
}

/// Returns `html` with tags nested deeper than `max_depth` removed, attributes past
/// `max_attributes` a tag removed and self-closed raw-text elements closed.
pub(crate) fn repair(html: &str, max_depth: usize, max_attributes: usize) -> Repaired<'_> {
    // Dropping a tag takes max_depth open elements plus one more, each starting with `<`; most posts
    // have fewer `<` than that in all. Without `/>` there is no self-closed tag to repair either.
    // Each attribute past the first needs a separator before it (white space, `/` or the quote
    // that ended a value), so with fewer of those than the limit no tag can be crowded. The counts
    // run a vector of bytes at a time, and the scan below skips to the bytes that matter. The
    // separators come first and every count stops once past its bound: most posts that are
    // scanned have more separators than the limit within their first few kilobytes (prose spaces,
    // the slashes of end tags and URLs and the quotes of values count), so they go to the scan
    // without a pass over the whole body, and a body with too many `<` is seldom counted at all.
    // A `/>` needs the scan only where a raw-text element may be self-closed: where a `<` is
    // followed by one of their names (`<br/>` and `<img …/>` are most of them).
    let bytes = html.as_bytes();
    if !count_exceeds(bytes, is_separator, max_attributes)
        && !may_self_close_raw_text(bytes)
        && !count_exceeds(bytes, |b| b == b'<', max_depth)
    {
        return Repaired {
            html: Cow::Borrowed(html),
            flattened: 0,
            closed: 0,
            attributes_dropped: 0,
            crowded_tags: 0,
        };
    }
    let mut scan = Scan::new(html, max_depth, max_attributes);
    while let Some(start) = scan.next_lt() {
        match scan.read(start) {
            Token::Comment => scan.skip_comment(),
            Token::Text => {}
            // a tag that never ends: html5ever reads the rest as that tag too, so nothing after it
            // can nest deeper
            Token::Unended => break,
            Token::Tag(tag) => {
                match tag.kind() {
                    Kind::SelfClosedRawText => scan.close_self_closed_raw_text(&tag),
                    Kind::RawText => scan.skip_raw_text(&tag),
                    Kind::Uncounted => {}
                    Kind::ImpliedEnd => scan.implied_end_step(&tag),
                    Kind::Nesting => scan.depth_step(&tag),
                }
                scan.cut_attributes(&tag);
            }
        }
    }
    scan.finish()
}

/// The raw-text elements a `/>` may wrongly close ([`Class::RawText`] but `plaintext`, whose
/// start tag is never given an end tag).
const SELF_CLOSABLE_RAW_TEXT: [&[u8]; 8] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Whether `bytes` may hold a self-closed raw-text element ([`Kind::SelfClosedRawText`]): a `/>`
/// somewhere, and a `<` followed by the name of one (any case), as such a start tag is. A name
/// that only starts so (`<scripts`) answers yes too: the scan then tells.
#[inline(never)]
fn may_self_close_raw_text(bytes: &[u8]) -> bool {
    if memchr::memmem::find(bytes, b"/>").is_none() {
        return false;
    }
    let mut at = 0;
    while let Some(p) = memchr::memchr(b'<', &bytes[at..]) {
        at += p + 1;
        if opens_raw_text(&bytes[at..]) {
            return true;
        }
    }
    false
}

/// Whether `rest` (what follows a `<`) starts with a name of [`SELF_CLOSABLE_RAW_TEXT`], ASCII
/// case ignored; its first letter first, as most tags are none of them.
fn opens_raw_text(rest: &[u8]) -> bool {
    matches!(
        rest.first().map(|b| b | 0x20),
        Some(b's' | b't' | b'x' | b'i' | b'n')
    ) && SELF_CLOSABLE_RAW_TEXT.iter().any(|n| {
        rest.get(..n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// What a `<` opens.
enum Token {
    Comment,
    /// A `<` that starts no tag (`a < b`, `<3`).
    Text,
    /// A tag with no `>` after it.
    Unended,
    Tag(Tag),
}

/// A start or end tag, as far as the scan needs it.
struct Tag {
    /// Offset of its `<`.
    start: usize,
    /// Offset just past its `>`.
    end: usize,
    name_start: usize,
    name_end: usize,
    closing: bool,
    /// Ends in `/>`.
    self_closing: bool,
    /// The name lower-cased, when it is short enough to be one of the listed names: every listed
    /// name is short, and a stack buffer spares an allocation per tag.
    lower: [u8; LONGEST_LISTED],
    lower_len: usize,
    /// Where the first attribute past the limit starts, when the tag has one.
    crowded_from: Option<usize>,
    /// Attributes past the limit.
    surplus: usize,
}

/// How a tag bears on depth.
enum Kind {
    /// `<iframe …/>`, `<script …/>`: HTML ignores the slash, so it needs an end tag.
    SelfClosedRawText,
    /// The start of an element whose content is raw text: skipped to its end tag.
    RawText,
    /// Void, self-closed, or the end of a raw-text element: never opens a level.
    Uncounted,
    /// An element whose end tag may be left out, so it doesn't nest by itself.
    ImpliedEnd,
    /// An element that opens (or, closing, ends) a level.
    Nesting,
}

impl Tag {
    /// The lower-cased name; empty for a name longer than any listed one.
    fn name(&self) -> &[u8] {
        &self.lower[..self.lower_len]
    }

    fn kind(&self) -> Kind {
        let name = self.name();
        let class = class(name);
        let raw_text = class == Class::RawText;
        if !self.closing && raw_text && self.self_closing && name != b"plaintext" {
            Kind::SelfClosedRawText
        } else if !self.closing && raw_text {
            Kind::RawText
        } else if self.self_closing || class == Class::Void || raw_text {
            // a raw-text element never counted as depth, so its end tag must not pop a level either
            Kind::Uncounted
        } else if class == Class::ImpliedEnd {
            Kind::ImpliedEnd
        } else {
            Kind::Nesting
        }
    }
}

/// The scan's state: where it stands, the depth so far, and the repaired copy once one is needed.
struct Scan<'a> {
    html: &'a str,
    max_depth: usize,
    max_attributes: usize,
    at: usize,
    depth: usize,
    /// Start tags dropped at the limit whose end tags are still to come (and go too).
    dropped_open: usize,
    flattened: usize,
    closed: usize,
    attributes_dropped: usize,
    crowded_tags: usize,
    out: Option<String>,
    /// How much of `html` is in `out` already.
    copied_to: usize,
}

impl<'a> Scan<'a> {
    fn new(html: &'a str, max_depth: usize, max_attributes: usize) -> Scan<'a> {
        Scan {
            html,
            max_depth,
            max_attributes,
            at: 0,
            depth: 0,
            dropped_open: 0,
            flattened: 0,
            closed: 0,
            attributes_dropped: 0,
            crowded_tags: 0,
            out: None,
            copied_to: 0,
        }
    }

    /// The next `<`; the scan goes on just past it.
    fn next_lt(&mut self) -> Option<usize> {
        // tags often follow each other with nothing between (`</a></li>`): that `<` is read
        // without a call to the search
        let start = if self.html.as_bytes().get(self.at) == Some(&b'<') {
            self.at
        } else {
            self.at + memchr(b'<', &self.html[self.at..])?
        };
        self.at = start + 1;
        Some(start)
    }

    /// Reads what the `<` at `start` opens; after a tag, the scan goes on past its `>`.
    fn read(&mut self, start: usize) -> Token {
        let bytes = self.html.as_bytes();
        let i = start + 1;
        if bytes[i..].starts_with(b"!--") {
            return Token::Comment;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_end = name_start
            + bytes[name_start..]
                .iter()
                .take_while(|&&b| BYTES[usize::from(b)] & NAME_BYTE != 0)
                .count();
        if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
            return Token::Text;
        }
        let Some(end) = tag_end(self.html, name_end, self.max_attributes) else {
            return Token::Unended;
        };
        let gt = end.gt;
        self.at = gt + 1;
        let raw_name = &bytes[name_start..name_end];
        let mut lower = [0u8; LONGEST_LISTED];
        let lower_len = if raw_name.len() <= LONGEST_LISTED {
            // byte by byte: a copy of a few bytes would be a call of `memcpy` for every tag
            for (l, b) in lower.iter_mut().zip(raw_name) {
                *l = b.to_ascii_lowercase();
            }
            raw_name.len()
        } else {
            0
        };
        Token::Tag(Tag {
            start,
            end: gt + 1,
            name_start,
            name_end,
            closing,
            self_closing: bytes[gt - 1] == b'/',
            lower,
            lower_len,
            crowded_from: end.crowded_from,
            surplus: end.surplus,
        })
    }

    /// Goes on past the comment that starts just before the scan (`<` read, `!--` next).
    fn skip_comment(&mut self) {
        self.at = find(self.html, self.at + 3, b"-->").map_or(self.html.len(), |e| e + 3);
    }

    /// Writes `<iframe …/>` as `<iframe …></iframe>` (without the attributes past the limit).
    fn close_self_closed_raw_text(&mut self, tag: &Tag) {
        let html = self.html;
        let o = self
            .out
            .get_or_insert_with(|| String::with_capacity(html.len() + 64));
        let slash = tag.crowded_from.unwrap_or(tag.end - 2);
        o.push_str(&html[self.copied_to..slash]);
        o.push_str("></");
        o.push_str(&html[tag.name_start..tag.name_end]);
        o.push('>');
        self.copied_to = tag.end;
        self.closed += 1;
    }

    /// Goes on at the raw-text element's end tag: `<` inside it is text, and it nests nothing, so
    /// depth is untouched.
    fn skip_raw_text(&mut self, tag: &Tag) {
        let mut close = Vec::with_capacity(tag.lower_len + 2);
        close.extend_from_slice(b"</");
        close.extend_from_slice(tag.name());
        self.at = find_ci(self.html.as_bytes(), tag.end, &close).unwrap_or(self.html.len());
    }

    /// `<li>`, `<p>` and the like open no level, but at the limit they go: each one makes html5ever
    /// search its stack of open elements (for a `<p>` in button scope), which is as deep as the limit
    /// allows, so 100,000 of them would cost 100,000 such searches. Their text stays.
    fn implied_end_step(&mut self, tag: &Tag) {
        if self.depth >= self.max_depth {
            self.drop_tag(tag);
        }
    }

    /// A start tag opens a level, or past the limit goes; an end tag closes one, or goes with its
    /// dropped start tag.
    fn depth_step(&mut self, tag: &Tag) {
        let drop = if tag.closing {
            if self.dropped_open > 0 {
                self.dropped_open -= 1;
                true
            } else {
                self.depth = self.depth.saturating_sub(1);
                false
            }
        } else if self.depth >= self.max_depth {
            self.dropped_open += 1;
            true
        } else {
            self.depth += 1;
            false
        };
        if drop {
            self.drop_tag(tag);
        }
    }

    fn drop_tag(&mut self, tag: &Tag) {
        let html = self.html;
        let o = self
            .out
            .get_or_insert_with(|| String::with_capacity(html.len()));
        o.push_str(&html[self.copied_to..tag.start]);
        self.copied_to = tag.end;
        self.flattened += 1;
    }

    /// Cuts the attributes past the limit out of a tag that is still in the output (not dropped
    /// for depth, not rewritten as a closed raw-text element).
    fn cut_attributes(&mut self, tag: &Tag) {
        let Some(from) = tag.crowded_from else {
            return;
        };
        self.attributes_dropped += tag.surplus;
        self.crowded_tags += 1;
        if self.copied_to > tag.start {
            return;
        }
        let html = self.html;
        let o = self
            .out
            .get_or_insert_with(|| String::with_capacity(html.len()));
        o.push_str(&html[self.copied_to..from]);
        // `/>` kept: it closes a void or foreign element
        o.push_str(if tag.self_closing { "/>" } else { ">" });
        self.copied_to = tag.end;
    }

    fn finish(self) -> Repaired<'a> {
        let html = match self.out {
            Some(mut o) => {
                o.push_str(&self.html[self.copied_to..]);
                Cow::Owned(o)
            }
            None => Cow::Borrowed(self.html),
        };
        Repaired {
            html,
            flattened: self.flattened,
            closed: self.closed,
            attributes_dropped: self.attributes_dropped,
            crowded_tags: self.crowded_tags,
        }
    }
}

/// Where a tag ends, and where its attributes past the limit start.
struct TagEnd {
    /// Offset of the `>`.
    gt: usize,
    crowded_from: Option<usize>,
    surplus: usize,
}

/// [`BYTES`]: HTML's white space (`\t`, `\n`, `\x0C`, `\r`, space).
const SPACE: u8 = 1;
/// [`BYTES`]: `/`, `=`, `>`.
const SLASH: u8 = 2;
const EQUALS: u8 = 4;
const GT: u8 = 8;
/// [`BYTES`]: a byte of a tag's name as the scan reads it (ASCII letters and digits, `-`, `:`).
const NAME_BYTE: u8 = 16;
/// The bytes that end a run of an attribute's name, and of an unquoted value, in [`tag_end`].
const NAME_STOP: u8 = SPACE | SLASH | EQUALS | GT;
const VALUE_STOP: u8 = SPACE | GT;

/// What each byte is to the scan, as bits.
static BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' => SPACE,
            b'/' => SLASH,
            b'=' => EQUALS,
            b'>' => GT,
            b'-' | b':' => NAME_BYTE,
            _ if c.is_ascii_alphanumeric() => NAME_BYTE,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Tokenizer states after a tag's name, as html5ever has them (WHATWG 13.2.5.32-43).
#[derive(Clone, Copy)]
enum At {
    TagName,
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    AfterQuoted,
    SelfClosing,
}

/// The `>` that ends a tag whose name starts before `from`, read as html5ever's tokenizer reads
/// it: a quote opens a value only after `=`, a `/` or a closing quote may separate attributes.
/// Counts the attributes on the way; `None` when the input ends inside the tag (html5ever then
/// drops the tag and reads nothing after it).
fn tag_end(html: &str, from: usize, max_attributes: usize) -> Option<TagEnd> {
    let bytes = html.as_bytes();
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C');
    let mut state = At::TagName;
    let mut attributes = 0usize;
    let mut crowded_from = None;
    let mut k = from;
    while k < bytes.len() {
        // an attribute's name and an unquoted value run to the next byte that may change the
        // state: a byte of the table at a time rather than the state machine's arms
        let stops = match state {
            At::Name => NAME_STOP,
            At::Unquoted => VALUE_STOP,
            _ => 0,
        };
        if stops != 0 {
            k += bytes[k..]
                .iter()
                .position(|&b| BYTES[usize::from(b)] & stops != 0)
                .unwrap_or(bytes.len() - k);
            if k == bytes.len() {
                break;
            }
        }
        let b = bytes[k];
        let new_attribute = |attributes: &mut usize, crowded_from: &mut Option<usize>| {
            *attributes += 1;
            if *attributes == max_attributes + 1 {
                *crowded_from = Some(k);
            }
            At::Name
        };
        state = match state {
            At::Quoted(q) => {
                // a value's text is the common case (class lists, URLs): run to its quote with
                // the word-at-a-time search; `k` follows the opening quote, a char boundary
                k += memchr(q, &html[k..])?;
                At::AfterQuoted
            }
            _ if b == b'>' => {
                return Some(TagEnd {
                    gt: k,
                    crowded_from,
                    surplus: attributes.saturating_sub(max_attributes),
                });
            }
            At::TagName if space(b) => At::BeforeName,
            At::Name | At::AfterName if space(b) => At::AfterName,
            At::BeforeName | At::AfterQuoted | At::SelfClosing | At::Unquoted if space(b) => {
                At::BeforeName
            }
            At::BeforeValue if space(b) => At::BeforeValue,
            At::TagName
            | At::BeforeName
            | At::Name
            | At::AfterName
            | At::AfterQuoted
            | At::SelfClosing
                if b == b'/' =>
            {
                At::SelfClosing
            }
            At::TagName => At::TagName,
            At::Name | At::AfterName if b == b'=' => At::BeforeValue,
            At::Name => At::Name,
            // anything else starts an attribute (`=`, quotes and `<` too, as parse errors)
            At::BeforeName | At::AfterName | At::AfterQuoted | At::SelfClosing => {
                new_attribute(&mut attributes, &mut crowded_from)
            }
            At::BeforeValue if b == b'"' || b == b'\'' => At::Quoted(b),
            At::BeforeValue | At::Unquoted => At::Unquoted,
        };
        k += 1;
    }
    None
}

/// The first ASCII `needle` in `hay`. Most of a post is text between tags, so this is the scan's
/// inner loop: the `memchr` crate's search, a vector of bytes at a time. Every offset the scan
/// slices at follows an ASCII byte, so it is always a char boundary.
fn memchr(needle: u8, hay: &str) -> Option<usize> {
    memchr::memchr(needle, hay.as_bytes())
}

fn find(html: &str, from: usize, needle: &[u8]) -> Option<usize> {
    let hay = html.as_bytes().get(from..)?;
    memchr::memmem::find(hay, needle).map(|p| from + p)
}

/// The first `needle` (which starts with `<`) in `hay` from `from` on, ASCII case ignored: the
/// `<`s by `memchr`, each compared, rather than a comparison at every byte of a long script.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = hay.get(from..)?;
    memchr::memchr_iter(needle[0], rest)
        .find(|&p| {
            rest.get(p..p + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        })
        .map(|p| p + from)
}

/// How many bytes of `bytes` `f` holds for: counted into a byte per block of 128, a loop the
/// compiler runs a vector at a time, where a count per byte would not be. What is left past the
/// last block (all of a short text, most of those counted) is counted as one more block, padded
/// with zeros whose count is taken off again.
pub(crate) fn count_where(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    let count = |block: &[u8; 128]| {
        usize::from(
            block
                .iter()
                .fold(0u8, |k, &b| k.wrapping_add(u8::from(f(b)))),
        )
    };
    let blocks = bytes.chunks_exact(128);
    let rest = blocks.remainder();
    let mut n = 0;
    for block in blocks {
        n += count(block.try_into().unwrap_or(&[0; 128]));
    }
    if rest.is_empty() {
        return n;
    }
    let mut last = [0u8; 128];
    last[..rest.len()].copy_from_slice(rest);
    n + count(&last) - (128 - rest.len()) * usize::from(f(0))
}

/// Whether `f` holds for more than `bound` bytes of `bytes`: [`count_where`]'s count, a block of
/// 128 bytes at a time, stopped at the first block that takes it past `bound`.
fn count_exceeds(bytes: &[u8], f: impl Fn(u8) -> bool, bound: usize) -> bool {
    let blocks = bytes.chunks_exact(128);
    let rest = blocks.remainder();
    let mut n = 0;
    for block in blocks {
        n += usize::from(
            block
                .iter()
                .fold(0u8, |k, &b| k.wrapping_add(u8::from(f(b)))),
        );
        if n > bound {
            return true;
        }
    }
    n + rest.iter().filter(|&&b| f(b)).count() > bound
}

/// A byte that may stand before an attribute: HTML's white space, `/`, or a quote. Written with
/// `|`, not `matches!`, so that [`count_where`] stays branch-free.
fn is_separator(b: u8) -> bool {
    (b == b' ')
        | (b == b'/')
        | (b == b'"')
        | (b == b'\'')
        | ((b.wrapping_sub(b'\t') < 5) & (b != 0x0B))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flatten(html: &str, depth: usize) -> (Cow<'_, str>, usize) {
        let r = repair(html, depth, 256);
        (r.html, r.flattened)
    }

    #[test]
    fn names_are_classed_for_the_depth_count() {
        assert!(class(b"br") == Class::Void && class(b"image") == Class::Void);
        assert!(class(b"script") == Class::RawText && class(b"plaintext") == Class::RawText);
        assert!(class(b"td") == Class::ImpliedEnd && class(b"rtc") == Class::ImpliedEnd);
        for other in [&b"div"[..], b"", b"b", b"brr", b"scrip"] {
            assert!(class(other) == Class::Other);
        }
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
            256,
        );
        assert_eq!(
            r.html,
            "<p>a</p><iframe src=\"v\"></iframe><p>b</p><br/><SCRIPT src=x ></SCRIPT>c"
        );
        assert_eq!(r.closed, 2);
    }

    #[test]
    fn the_self_closable_names_are_the_raw_text_class_but_plaintext() {
        for name in SELF_CLOSABLE_RAW_TEXT {
            assert!(class(name) == Class::RawText && name != b"plaintext");
            let upper = name.to_ascii_uppercase();
            assert!(opens_raw_text(&upper) && opens_raw_text(&[name, &b" a=1/>"[..]].concat()));
        }
        // every other raw-text name the class holds is plaintext
        let mut all: Vec<&[u8]> = SELF_CLOSABLE_RAW_TEXT.to_vec();
        all.push(b"plaintext");
        for name in [
            "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
        ] {
            assert!(all.contains(&name.as_bytes()));
        }
        for other in [&b"br/"[..], b"img src=x/", b"p", b"scrip", b"", b"/script"] {
            assert!(!opens_raw_text(other));
        }
    }

    #[test]
    fn a_slash_without_a_raw_text_tag_leaves_the_body_alone() {
        // few separators and few `<`: only the `/>` could call for the scan
        let r = repair("<p>a<br/>b<img/></p>", 512, 256);
        assert!(matches!(r.html, Cow::Borrowed(_)));
        let r = repair("<p>a<br/>b</p><Title/>c", 512, 256);
        assert_eq!(
            (r.html.as_ref(), r.closed),
            ("<p>a<br/>b</p><Title></Title>c", 1)
        );
    }

    #[test]
    fn implied_end_tags_go_only_at_the_limit() {
        let (out, n) = flatten("<div><p>a<li>b</li></div><p>c", 1);
        assert_eq!((out.as_ref(), n), ("<div>ab</div><p>c", 3));
    }

    #[test]
    fn a_tag_without_an_end_stops_the_scan() {
        let (out, n) = flatten("<div><div><b title='x>y<div>z", 1);
        assert_eq!((out.as_ref(), n), ("<div><b title='x>y<div>z", 1));
    }

    #[test]
    fn attributes_past_the_limit_are_cut_from_the_tag() {
        let r = repair(
            "<p a b=\"1\" c='2'd e=f g>x</p><br h i j/><i k/l>y</i>",
            512,
            2,
        );
        assert_eq!(r.html, "<p a b=\"1\" >x</p><br h i /><i k/l>y</i>");
        assert_eq!((r.attributes_dropped, r.crowded_tags), (5, 2));
    }

    #[test]
    fn a_quote_opens_a_value_only_after_an_equals_sign() {
        // html5ever reads `b"c` as an attribute name, so the tag ends at the first `>` and the
        // `<div>`s after it are tags the depth count must see
        let html = format!("<a b\"c>{}x", "<div>".repeat(4));
        let (out, n) = flatten(&html, 2);
        assert_eq!((out.as_ref(), n), ("<a b\"c><div>x", 3));
    }

    proptest::proptest! {
        /// The vector-friendly count and the `<`-led search find what a byte loop and a
        /// comparison at every offset find.
        #[test]
        fn fast_searches_agree_with_plain_loops(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::Just(b'<'), proptest::prelude::Just(b'/'),
                    proptest::prelude::Just(b'S'), proptest::prelude::Just(b's'),
                    proptest::prelude::Just(b' '), proptest::prelude::Just(b'\x0B'),
                    proptest::prelude::Just(b'\''), 0u8..=255,
                ],
                0..600,
            ),
            from in 0usize..700,
        ) {
            proptest::prop_assert_eq!(
                count_where(&bytes, is_separator),
                bytes.iter().filter(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'"' | b'\'')).count()
            );
            proptest::prop_assert_eq!(
                count_where(&bytes, |b| b == b'<'),
                bytes.iter().filter(|&&b| b == b'<').count()
            );
            // one that holds for the zeros the last block is padded with
            proptest::prop_assert_eq!(
                count_where(&bytes, |b| b < 0x20),
                bytes.iter().filter(|&&b| b < 0x20).count()
            );
            for bound in [0, 1, from / 4, from] {
                proptest::prop_assert_eq!(
                    count_exceeds(&bytes, is_separator, bound),
                    count_where(&bytes, is_separator) > bound
                );
            }
            let needle = b"</s";
            let plain = bytes
                .get(from..)
                .and_then(|h| h.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)))
                .map(|p| p + from);
            proptest::prop_assert_eq!(find_ci(&bytes, from, needle), plain);
        }
    }

    /// [`tag_end`] as it was before the name and value runs were skipped by table: the state
    /// machine a byte at a time.
    fn tag_end_plain(html: &str, from: usize, max_attributes: usize) -> Option<TagEnd> {
        let bytes = html.as_bytes();
        let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C');
        let mut state = At::TagName;
        let mut attributes = 0usize;
        let mut crowded_from = None;
        let mut k = from;
        while k < bytes.len() {
            let b = bytes[k];
            let new_attribute = |attributes: &mut usize, crowded_from: &mut Option<usize>| {
                *attributes += 1;
                if *attributes == max_attributes + 1 {
                    *crowded_from = Some(k);
                }
                At::Name
            };
            state = match state {
                At::Quoted(q) => {
                    // a value's text is the common case (class lists, URLs): run to its quote with
                    // the word-at-a-time search; `k` follows the opening quote, a char boundary
                    k += memchr(q, &html[k..])?;
                    At::AfterQuoted
                }
                _ if b == b'>' => {
                    return Some(TagEnd {
                        gt: k,
                        crowded_from,
                        surplus: attributes.saturating_sub(max_attributes),
                    });
                }
                At::TagName if space(b) => At::BeforeName,
                At::Name | At::AfterName if space(b) => At::AfterName,
                At::BeforeName | At::AfterQuoted | At::SelfClosing | At::Unquoted if space(b) => {
                    At::BeforeName
                }
                At::BeforeValue if space(b) => At::BeforeValue,
                At::TagName
                | At::BeforeName
                | At::Name
                | At::AfterName
                | At::AfterQuoted
                | At::SelfClosing
                    if b == b'/' =>
                {
                    At::SelfClosing
                }
                At::TagName => At::TagName,
                At::Name | At::AfterName if b == b'=' => At::BeforeValue,
                At::Name => At::Name,
                // anything else starts an attribute (`=`, quotes and `<` too, as parse errors)
                At::BeforeName | At::AfterName | At::AfterQuoted | At::SelfClosing => {
                    new_attribute(&mut attributes, &mut crowded_from)
                }
                At::BeforeValue if b == b'"' || b == b'\'' => At::Quoted(b),
                At::BeforeValue | At::Unquoted => At::Unquoted,
            };
            k += 1;
        }
        None
    }

    proptest::proptest! {
        /// Skipping a name's or an unquoted value's run finds the same end, attribute count and
        /// crowded offset as the state machine a byte at a time.
        #[test]
        fn tag_runs_skipped_by_table_agree_with_the_byte_loop(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::Just(b'>'), proptest::prelude::Just(b'/'),
                    proptest::prelude::Just(b'='), proptest::prelude::Just(b' '),
                    proptest::prelude::Just(b'\''), proptest::prelude::Just(b'"'),
                    proptest::prelude::Just(b'\n'), proptest::prelude::Just(b'a'),
                    proptest::prelude::Just(b'-'), 0u8..=127,
                ],
                0..200,
            ),
            max in 0usize..6,
        ) {
            let html = String::from_utf8(bytes).unwrap();
            let fast = tag_end(&html, 0, max).map(|e| (e.gt, e.crowded_from, e.surplus));
            let plain = tag_end_plain(&html, 0, max).map(|e| (e.gt, e.crowded_from, e.surplus));
            proptest::prop_assert_eq!(fast, plain);
        }
    }

    #[test]
    fn the_byte_table_holds_the_classes_it_names() {
        for b in 0..=255u8 {
            let bits = BYTES[usize::from(b)];
            let name = b.is_ascii_alphanumeric() || b == b'-' || b == b':';
            assert_eq!(bits & NAME_BYTE != 0, name, "{b}");
            assert_eq!(
                bits & SPACE != 0,
                matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C'),
                "{b}"
            );
            assert_eq!(bits & SLASH != 0, b == b'/');
            assert_eq!(bits & EQUALS != 0, b == b'=');
            assert_eq!(bits & GT != 0, b == b'>');
        }
    }

    #[test]
    fn a_crowded_tag_past_the_depth_limit_just_goes() {
        let r = repair("<div><div a b c>x</div></div>", 1, 1);
        assert_eq!(r.html, "<div>x</div>");
    }
}
