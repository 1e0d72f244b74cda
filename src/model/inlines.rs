//! Small operations on inline content shared by the walker and the block passes.

use std::borrow::Cow;

use crate::model::{Block, Image, Inline};

/// Appends `s` to the last text inline, or starts one.
pub(crate) fn append_text(inlines: &mut Vec<Inline>, s: &str) {
    append_text_within(inlines, s, s.len());
}

/// Gives back the room texts were given beyond what they hold, where that is much (see
/// [`append_text_within`]): the model keeps its texts, and a text node of a few words in much white
/// space would otherwise keep room for all of it, as much again as the input.
pub(crate) fn shrink_texts(inlines: &mut [Inline]) {
    for i in inlines {
        if let Inline::Text { text } = i {
            if text.capacity() > 2 * text.len() + 64 {
                text.shrink_to_fit();
            }
        }
    }
}

/// [`append_text`], where up to `room` bytes (`s` among them) may follow into the same text: a
/// text node's words come one run at a time, and a text grown a run at a time would be copied
/// at every doubling; room for the rest of the node is made at once instead.
pub(crate) fn append_text_within(inlines: &mut Vec<Inline>, s: &str, room: usize) {
    if let Some(Inline::Text { text }) = inlines.last_mut() {
        if text.capacity() - text.len() < s.len() {
            text.reserve(room.max(s.len()));
        }
        text.push_str(s);
    } else {
        let mut text = String::with_capacity(room.max(s.len()));
        text.push_str(s);
        inlines.push(Inline::Text { text });
    }
}

pub(crate) fn is_blank(i: &Inline) -> bool {
    match i {
        Inline::Text { text } => is_blank_text(text),
        Inline::LineBreak => true,
        _ => false,
    }
}

/// Whitespace runs to one space, ends trimmed (attribute values, inline code).
/// `s` without its C0 control characters (those below U+0020 but HTML's white space) and soft
/// hyphens. Controls mean nothing in an article, and the sanitized HTML cannot carry them (it drops
/// them), so text read back from it would differ from text that kept them. A soft hyphen (U+00AD,
/// `&shy;`) shows nothing unless a browser breaks the word there; kept, it splits the word for
/// every search and comparison ("Wäh\u{ad}rend" is not "Während"). DEL and C1 stay: HTML carries
/// them, and mojibake made of them is sometimes what an article is about.
pub(crate) fn without_c0(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(is_dropped_control) && !s.contains('\u{ad}') {
        return Cow::Borrowed(s);
    }
    // C0 bytes are whole characters in UTF-8, so filtering characters by them is exact
    Cow::Owned(
        s.chars()
            .filter(|&c| !(c.is_ascii() && is_dropped_control(c as u8)) && c != '\u{ad}')
            .collect(),
    )
}

/// A C0 control [`without_c0`] drops: below U+0020, and not HTML's white space.
pub(crate) fn is_dropped_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)
}

/// `s` in lower case, as [`str::to_lowercase`] writes it for the scripts lexicons compare in:
/// ASCII by a table, CJK and the rest above U+2E80 as it is (they have no case but fullwidth
/// Latin, which no lexicon writes), other letters by the Unicode mapping. Several times faster than
/// `to_lowercase` on Chinese text, which maps each character through a table search.
pub(crate) fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // what needs no mapping copied a run at a time; ASCII but capitals, and every character from
    // U+3000 on (lead bytes E3 and up), passed by their bytes without decoding
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 && !b.is_ascii_uppercase() {
            i += 1;
            continue;
        }
        if b >= 0xE3 {
            i += if b >= 0xF0 { 4 } else { 3 };
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if !c.is_ascii() && c as u32 >= 0x2E80 {
            i += c.len_utf8();
            continue;
        }
        out.push_str(&s[run..i]);
        push_lowercase(&mut out, c);
        i += c.len_utf8();
        run = i;
    }
    out.push_str(&s[run..]);
    out
}

/// `s` in lower case written at the end of `out`, what needs no mapping (ASCII but capitals, and
/// the characters `caseless` says) copied a run at a time, not pushed a character at a time.
fn push_lowercase_runs(out: &mut String, s: &str, caseless: impl Fn(char) -> bool) {
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if (c.is_ascii() && !c.is_ascii_uppercase()) || (!c.is_ascii() && caseless(c)) {
            continue;
        }
        out.push_str(&s[run..i]);
        push_lowercase(out, c);
        run = i + c.len_utf8();
    }
    out.push_str(&s[run..]);
}

/// Exactly [`str::to_lowercase`], with what has no case copied a run at a time: ASCII but capitals,
/// and the blocks of CJK punctuation, kana and ideographs (U+3000-U+9FFF), general punctuation
/// (U+2000-U+206F) and fullwidth punctuation (U+FF01-U+FF20), none of whose characters maps to
/// another (a unit test holds that). Without a capital sigma, the one character whose lower case
/// depends on its neighbours, `str::to_lowercase` maps each character alone.
pub(crate) fn to_lowercase(s: &str) -> String {
    to_lowercase_cow(s).into_owned()
}

/// [`to_lowercase`], borrowed when nothing in `s` changes: for a text that is only looked up.
pub(crate) fn to_lowercase_cow(s: &str) -> Cow<'_, str> {
    // most texts asked (lexicon words at every process's start, class names, short lines) are in
    // lower case or CJK already: taken as they are once a scan finds nothing to change
    let Some(at) = first_cased(s) else {
        return Cow::Borrowed(s);
    };
    // what comes before `at` is caseless: no sigma there
    if s[at..].contains('Σ') {
        return Cow::Owned(s.to_lowercase());
    }
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..at]);
    // into the same string: a second one for the rest was an allocation more
    push_lowercase_runs(&mut out, &s[at..], has_no_case);
    Cow::Owned(out)
}

/// Where the first character of `s` that [`to_lowercase`] may change stands: an ASCII capital, or
/// a character outside [`has_no_case`]'s blocks. Their most common part, U+3000-U+9FFF, is told by
/// its lead byte alone (0xE3-0xE9, three bytes each).
fn first_cased(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_uppercase() {
                return Some(i);
            }
            i += 1;
        } else if (0xE3..=0xE9).contains(&b) {
            i += 3;
        } else {
            let c = s[i..].chars().next()?;
            if !has_no_case(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// The blocks [`to_lowercase`] copies as they are: no character in them has a lower case of its
/// own (a unit test checks every one).
pub(crate) fn has_no_case(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{2000}'..='\u{206F}' | '\u{FF01}'..='\u{FF20}')
}

/// Pushes `c` in lower case: ASCII and the caseless blocks ([`has_no_case`]) as they are, so that
/// only the other characters look the case table up.
pub(crate) fn push_lowercase(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if has_no_case(c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The visible text of inlines: text and code as written, a line break as `\n`, images as nothing.
/// Phrase rules read it as it is; the text writer trims its lines on top.
pub(crate) fn plain_text(inlines: &[Inline]) -> String {
    plain_text_cow(inlines).into_owned()
}

/// [`plain_text`], borrowed when the inlines are one text: what most lines and table cells are,
/// and the phrase rules read every one.
pub(crate) fn plain_text_cow(inlines: &[Inline]) -> Cow<'_, str> {
    match inlines {
        [Inline::Text { text } | Inline::Code { text }] => return Cow::Borrowed(text),
        [] | [Inline::Image { .. }] => return Cow::Borrowed(""),
        _ => {}
    }
    let mut out = String::new();
    // a flat content (no emphasis or link) is read in order without a stack to allocate, into
    // room made for all of it at once
    if inlines.iter().all(|i| i.children().is_empty()) {
        let len = inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text } | Inline::Code { text } => text.len(),
                Inline::LineBreak => 1,
                _ => 0,
            })
            .sum();
        out.reserve_exact(len);
        for i in inlines {
            match i {
                Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                Inline::LineBreak => out.push('\n'),
                _ => {}
            }
        }
        return Cow::Owned(out);
    }
    // emphasis and links: the length first, then the text into room made for it
    let mut len = 0;
    leaves(inlines, false, &mut |i| {
        len += match i {
            Inline::Text { text } | Inline::Code { text } => text.len(),
            Inline::LineBreak => 1,
            _ => 0,
        };
        false
    });
    out.reserve_exact(len);
    leaves(inlines, false, &mut |i| {
        match i {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::LineBreak => out.push('\n'),
            _ => {}
        }
        false
    });
    Cow::Owned(out)
}

/// The first character of `inlines`' text that is not white space, looking into emphasis and
/// links; `None` when something else (a line break, an image, code) comes first. A cheap first look
/// before a paragraph's text is gathered.
pub(crate) fn first_char(inlines: &[Inline]) -> Option<char> {
    let mut first = None;
    leaves(inlines, false, &mut |i| match i {
        Inline::Text { text } => {
            first = trim_start_quick(text).chars().next();
            first.is_some()
        }
        _ => true,
    });
    first
}

/// How deep in emphasis and links [`leaves`] reads without a stack on the heap; deeper content
/// (the walk lets hundreds of levels through, an article hardly ever more than three) takes one.
const SHALLOW: usize = 8;

/// Calls `f` on every inline of `inlines` that is no emphasis or link, in document order or
/// (`rev`) in reverse, until `f` answers true; whether it did. The levels open above the one being
/// read are slices in an array, not entries of a stack allocated for every call: paragraphs with a
/// link or emphasis are read this way by every phrase rule and writer.
pub(crate) fn leaves<'a>(
    inlines: &'a [Inline],
    rev: bool,
    f: &mut impl FnMut(&'a Inline) -> bool,
) -> bool {
    let mut levels: [&'a [Inline]; SHALLOW] = [&[]; SHALLOW];
    levels[0] = inlines;
    let mut top = 0;
    loop {
        let level = levels[top];
        let next = if rev {
            level.split_last()
        } else {
            level.split_first()
        };
        let Some((i, rest)) = next else {
            if top == 0 {
                return false;
            }
            top -= 1;
            continue;
        };
        levels[top] = rest;
        match i {
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => {
                if top + 1 < SHALLOW {
                    top += 1;
                    levels[top] = content;
                } else if leaves_stacked(content, rev, f) {
                    return true;
                }
            }
            _ => {
                if f(i) {
                    return true;
                }
            }
        }
    }
}

/// [`leaves`] with a stack on the heap, for content nested deeper than [`SHALLOW`].
fn leaves_stacked<'a>(
    inlines: &'a [Inline],
    rev: bool,
    f: &mut impl FnMut(&'a Inline) -> bool,
) -> bool {
    let mut stack: Vec<&'a Inline> = if rev {
        inlines.iter().collect()
    } else {
        inlines.iter().rev().collect()
    };
    while let Some(i) = stack.pop() {
        match i {
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => {
                if rev {
                    stack.extend(content.iter());
                } else {
                    stack.extend(content.iter().rev());
                }
            }
            _ => {
                if f(i) {
                    return true;
                }
            }
        }
    }
    false
}

/// The image of a paragraph that holds one image and nothing else but whitespace.
pub(crate) fn lone_image(para: &[Inline]) -> Option<Image> {
    let mut found: Option<&Image> = None;
    for i in para {
        match i {
            Inline::Image { image } if found.is_none() => found = Some(image),
            Inline::Text { text } if is_blank_text(text) => {}
            // a linked image keeps its link as an inline image (an image block cannot keep it):
            // only bare images become figures
            _ => return None,
        }
    }
    found.cloned()
}

/// Flattens blocks into one line of inlines (table cells, captions): paragraphs joined by line breaks.
pub(crate) fn blocks_to_inlines(mut blocks: Vec<Block>) -> Vec<Inline> {
    // a cell or caption of one paragraph, the common case, is that paragraph's inlines as they are
    if let [Block::Paragraph { content } | Block::Heading { content, .. }] = blocks.as_mut_slice() {
        return std::mem::take(content);
    }
    let mut out = Vec::new();
    let mut stack: Vec<Block> = blocks.into_iter().rev().collect();
    while let Some(b) = stack.pop() {
        let part: Vec<Inline> = match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => content,
            Block::Figure { image, caption } => {
                let mut v = vec![Inline::Image { image }];
                if !caption.is_empty() {
                    v.push(Inline::LineBreak);
                    v.extend(caption);
                }
                v
            }
            Block::Code { text, .. } => vec![Inline::Code {
                text: collapse_spaces(&text),
            }],
            Block::List { items, .. } => {
                stack.extend(items.into_iter().rev().flat_map(|i| i.into_iter().rev()));
                continue;
            }
            Block::Quote { blocks } => {
                stack.extend(blocks.into_iter().rev());
                continue;
            }
            Block::Table { rows, .. } => {
                for row in rows {
                    for cell in row {
                        if !cell.is_empty() {
                            if !out.is_empty() {
                                out.push(Inline::LineBreak);
                            }
                            out.extend(cell);
                        }
                    }
                }
                continue;
            }
            Block::Rule => continue,
        };
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Inline::LineBreak);
        }
        out.extend(part);
    }
    out
}

/// Characters of `s` that are not white space (`char::is_whitespace`), counted by their bytes: a
/// character starts at every byte that does not continue one, ASCII's white space is told in the
/// same branch-free pass, and the rest of Unicode's (U+0085, U+00A0, U+1680, U+2000 to U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000) is looked for only at the lead bytes it can start with.
/// Decoding every character took the shape pass a tenth of its instructions.
pub(crate) fn visible_chars(s: &str) -> usize {
    let bytes = s.as_bytes();
    let starts = crate::repair::count_where(bytes, |b| {
        // a byte that starts a character (not 0b10xxxxxx) and is no ASCII white space
        ((b as i8) >= -0x40) & (b != b' ') & (b.wrapping_sub(b'\t') >= 5)
    });
    if bytes.is_ascii() {
        return starts;
    }
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let wide_spaces = memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes)
        .chain(memchr::memchr_iter(0xE3, bytes))
        .filter(|&i| {
            matches!(
                (bytes[i], at(i + 1), at(i + 2)),
                (0xC2, 0x85 | 0xA0, _)
                    | (0xE1, 0x9A, 0x80)
                    | (0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)
                    | (0xE2, 0x81, 0x9F)
                    | (0xE3, 0x80, 0x80)
            )
        })
        .count();
    starts - wide_spaces
}

/// `s.trim()`, the same slice, with no search set up where neither end is white space (most
/// texts): `trim` reads each end through `str`'s pattern machinery, some ninety instructions a
/// call before the first character is looked at.
#[inline]
pub(crate) fn trim_quick(s: &str) -> &str {
    trim_end_quick(trim_start_quick(s))
}

/// `s.trim_start()`, as [`trim_quick`] does it.
#[inline]
pub(crate) fn trim_start_quick(s: &str) -> &str {
    match s.chars().next() {
        Some(c) if c.is_whitespace() => s.trim_start(),
        _ => s,
    }
}

/// `s.trim_end()`, as [`trim_quick`] does it.
#[inline]
pub(crate) fn trim_end_quick(s: &str) -> &str {
    match s.chars().next_back() {
        Some(c) if c.is_whitespace() => s.trim_end(),
        _ => s,
    }
}

/// `s.trim().is_empty()`, answered by the first byte that is no ASCII white space (as
/// `char::is_whitespace` has it, vertical tab included) unless it may start white space past ASCII
/// (U+0085 and U+00A0, U+1680, U+2000-U+205F, U+3000: lead bytes C2, E1, E2, E3): `trim` reads a
/// character from each end through its pattern machinery and the Unicode table, for every inline
/// at a paragraph's edges.
pub(crate) fn is_blank_text(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\t'..=b'\r' | b' ' => i += 1,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => return s[i..].trim().is_empty(),
            _ => return false,
        }
    }
    true
}

/// Characters of visible text inside links.
pub(crate) fn linked_chars(inlines: &[Inline]) -> usize {
    let mut n = 0;
    let mut stack: Vec<(&Inline, bool)> = inlines.iter().map(|i| (i, false)).collect();
    while let Some((i, in_link)) = stack.pop() {
        match i {
            Inline::Text { text } | Inline::Code { text } if in_link => {
                n += visible_chars(text);
            }
            Inline::Link { content, .. } => stack.extend(content.iter().map(|c| (c, true))),
            i => stack.extend(i.children().iter().map(|c| (c, in_link))),
        }
    }
    n
}

/// Bytes of text in inlines, counting stopped once past `cap` (so long paragraphs cost little).
pub(crate) fn text_bytes_capped(content: &[Inline], cap: usize) -> usize {
    let mut n = 0;
    // most contents are flat (text, breaks, images): counted in the order the stack below takes
    // them, last first, so that the count stops where it would, without a stack to allocate
    if content.iter().all(|i| i.children().is_empty()) {
        for i in content.iter().rev() {
            if let Inline::Text { text } | Inline::Code { text } = i {
                n += text.len();
            }
            if n > cap {
                break;
            }
        }
        return n;
    }
    // in the same order, last first, without a stack to allocate
    leaves(content, true, &mut |i| {
        if let Inline::Text { text } | Inline::Code { text } = i {
            n += text.len();
        }
        n > cap
    });
    n
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_first_character_is_read_through_spaces_emphasis_and_links() {
        let link = Inline::Link {
            url: "/a".into(),
            title: None,
            content: vec![Inline::Emphasis {
                content: vec![Inline::text("#tag")],
            }],
        };
        assert_eq!(first_char(&[Inline::text("  "), link]), Some('#'));
        assert_eq!(first_char(&[Inline::text(" Tom Reyes")]), Some('T'));
        assert_eq!(first_char(&[Inline::LineBreak, Inline::text("x")]), None);
        assert_eq!(first_char(&[]), None);
    }

    use super::*;

    #[test]
    fn blank_texts_are_those_trim_empties() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("{c} "),
                format!(" {c}"),
                format!("{c}\u{3000}"),
            ] {
                assert_eq!(is_blank_text(&s), s.trim().is_empty(), "{:X}", u32::from(c));
            }
        }
        assert!(is_blank_text(""));
    }

    #[test]
    fn to_lowercase_is_std_s() {
        for c in (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| has_no_case(c))
        {
            assert!(c.to_lowercase().eq([c]), "{:X}", u32::from(c));
        }
        for s in [
            "",
            "Related Posts",
            "延伸阅读：“新闻”，ＡＢ全角！",
            "ΟΔΟΣ ΣΑΣ 中Σ ΑΣ中",
            "İstanbul Ünïcode ß ǅ",
            "x中Y—Z",
            // nothing to change (copied whole), and a capital or sigma after a caseless run
            "already lower, 中文“引号”　全角！",
            "中文新闻Ａ",
            "中文ΟΔΟΣ ΣΑΣ",
            "“引”Σ",
            "\u{2070}é",
            // Greek capitals without a sigma, and a sigma the first cased character
            "ΑΛΦΑ ΔΕΛΤΑ Ϊ",
            "中Σ",
        ] {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }

    #[test]
    fn lower_case_by_runs_is_lower_case_by_characters() {
        let by_chars = |s: &str| -> String {
            s.chars()
                .flat_map(|c| {
                    let keep = !c.is_ascii() && c as u32 >= 0x2E80;
                    keep.then_some(c)
                        .into_iter()
                        .chain((!keep).then(|| c.to_lowercase()).into_iter().flatten())
                })
                .collect()
        };
        for s in [
            "",
            "ABC def",
            "新闻 Ünïcode ΣΑΣ İstanbul “引号”，Ａ全角",
            "中文",
            "É",
            "x中Y",
        ] {
            assert_eq!(lowercase(s), by_chars(s), "{s:?}");
        }
    }

    /// A text given room for its whole text node (words in much white space) keeps no more of
    /// it in the model than about its own size.
    #[test]
    fn texts_keep_no_room_for_the_white_space_they_lost() {
        let spaces = " ".repeat(100_000);
        let html = format!(
            "<h2>g{spaces}h</h2><p>a{spaces}b</p><p><em>c{spaces}d</em> and \
             <a href=\"https://x.example/\">e{spaces}f</a></p>"
        );
        let post = crate::Post::parse(&html).expect("parses");
        let mut texts = Vec::new();
        crate::model::walk_inlines(post.blocks(), &mut |i| {
            if let Inline::Text { text } = i {
                texts.push((text.clone(), text.capacity()));
            }
        });
        for (text, capacity) in &texts {
            assert!(capacity <= &(2 * text.len() + 64), "{text:?}: {capacity}");
        }
        let all: String = texts.iter().map(|(t, _)| t.as_str()).collect();
        for word in ["a b", "c d", "e f"] {
            assert!(all.contains(word), "{word} in {all:?}");
        }
    }

    #[test]
    fn leaves_come_in_the_stacks_order_at_any_depth() {
        let mut deep = vec![Inline::text("end")];
        for k in 0..(3 * SHALLOW) {
            deep = vec![
                Inline::text(format!("t{k}")),
                Inline::Strong {
                    content: vec![Inline::Code {
                        text: format!("c{k}"),
                    }],
                },
                Inline::Link {
                    url: "u".into(),
                    title: None,
                    content: deep,
                },
                Inline::LineBreak,
                Inline::Strikethrough { content: vec![] },
            ];
        }
        for rev in [false, true] {
            let mut by_array = Vec::new();
            leaves(&deep, rev, &mut |i| {
                by_array.push(i);
                false
            });
            let mut by_stack = Vec::new();
            leaves_stacked(&deep, rev, &mut |i| {
                by_stack.push(i);
                false
            });
            assert_eq!(by_array, by_stack, "rev {rev}");
            assert_eq!(by_array.len(), 1 + 3 * 3 * SHALLOW);
            // stopping where `f` says, at every point
            for stop in 0..by_array.len() {
                let mut seen = 0;
                assert!(leaves(&deep, rev, &mut |_| {
                    seen += 1;
                    seen > stop
                }));
                assert_eq!(seen, stop + 1);
            }
        }
        let text = plain_text(&deep);
        assert!(text.starts_with("t23c23t22c22"), "{text}");
        assert!(text.contains("t0c0end\n\n"), "{text}");
    }

    #[test]
    fn flat_and_nested_contents_are_counted_as_the_stack_counts_them() {
        // the count as the stack takes it, for every content
        let stacked = |content: &[Inline], cap: usize| {
            let mut n = 0;
            let mut stack: Vec<&Inline> = content.iter().collect();
            while let Some(i) = stack.pop() {
                match i {
                    Inline::Text { text } | Inline::Code { text } => n += text.len(),
                    i => stack.extend(i.children().iter()),
                }
                if n > cap {
                    break;
                }
            }
            n
        };
        let flat = [
            Inline::text("一二三"),
            Inline::LineBreak,
            Inline::Code { text: "x()".into() },
            Inline::text("abcd"),
        ];
        let nested = [
            Inline::text("ab"),
            Inline::Strong {
                content: vec![Inline::text("cde")],
            },
            Inline::text("f"),
        ];
        let mut deep = vec![Inline::text("z")];
        for k in 0..(2 * SHALLOW) {
            deep = vec![
                Inline::text(format!("a{k}")),
                Inline::Link {
                    url: "u".into(),
                    title: None,
                    content: deep,
                },
                Inline::LineBreak,
                Inline::Emphasis {
                    content: vec![Inline::text("é")],
                },
            ];
        }
        for content in [&flat[..], &nested[..], &deep[..], &[][..]] {
            for cap in 0..20 {
                assert_eq!(
                    text_bytes_capped(content, cap),
                    stacked(content, cap),
                    "{cap}"
                );
            }
        }
    }

    proptest::proptest! {
        /// `lowercase` by bytes maps each character as the character loop it replaces did.
        #[test]
        fn lowercase_by_bytes_maps_as_by_characters(s in "[aZ中ΣÉ\u{2e80}\u{2f00}\u{3000}\u{2160}\u{1f600}\u{ff21}-]{0,10}") {
            let mut by_chars = String::new();
            for c in s.chars() {
                if c.is_ascii() {
                    by_chars.push(c.to_ascii_lowercase());
                } else if c as u32 >= 0x2E80 {
                    by_chars.push(c);
                } else {
                    by_chars.extend(c.to_lowercase());
                }
            }
            proptest::prop_assert_eq!(lowercase(&s), by_chars);
        }

        /// The quick trims are `str`'s, white space past ASCII and controls at either end included.
        #[test]
        fn the_quick_trims_are_strs(s in "[ \t\n\u{b}\u{c}\r\u{85}\u{a0}\u{3000}\u{2028}a中\u{1c}é]{0,8}") {
            proptest::prop_assert_eq!(trim_quick(&s), s.trim());
            proptest::prop_assert_eq!(trim_start_quick(&s), s.trim_start());
            proptest::prop_assert_eq!(trim_end_quick(&s), s.trim_end());
        }
    }
}
