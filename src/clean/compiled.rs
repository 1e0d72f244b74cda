//! The lookup tables built from a list of rules, one per rule role: a hash of tags, a [`NameSet`] of
//! tokens, one Aho-Corasick automaton over every phrase, and so on. Every answer is the index of the
//! first rule that matches, so that the rules in force for a post can be split into tables (those
//! for every site, those for one) and still answer as one list would.

use super::fast_hash::FastMap;
use crate::model::inlines::has_no_case;

use aho_corasick::AhoCorasickKind;

use super::names::{NameSet, Shapes};
use super::patterns::Patterns;
use super::rules::Rule;

/// Phrase rules look at lines of at most this many characters: a longer block is article text even
/// when it quotes a boilerplate phrase.
pub(crate) const PHRASE_LINE_MAX_CHARS: usize = 160;

/// A line holding two phrases of one rule is judged up to this many characters.
pub(crate) const PHRASES_LINE_MAX_CHARS: usize = PHRASE_LINE_MAX_CHARS * 2;

/// [`PHRASE_LINE_MAX_CHARS`] in bytes (a character is at most four), so that a long line can be
/// refused before its text is gathered or counted.
pub(crate) const PHRASE_LINE_MAX_BYTES: usize = PHRASE_LINE_MAX_CHARS * 4;

/// Link texts and announcers are short: a text longer than this (or than twice the longest one
/// given) is refused before it is lower-cased.
const SHORT_TEXT_MIN_CAP: usize = 64;

#[derive(Debug, Default)]
pub(crate) struct Compiled {
    /// Tag name → first rule removing it.
    tags: FastMap<String, usize>,
    /// The tag names' first bytes and lengths: most elements' tags (`p`, `div`, `span`, `a`) are
    /// refused by them before they are hashed, as a tag another shape cannot be a key.
    tag_shapes: Shapes,
    tokens: NameSet,
    foreign: Option<usize>,
    hidden: Option<usize>,
    hidden_classes: NameSet,
    phrases: Option<Patterns>,
    /// For each phrase pattern, its rule.
    phrase_rule: Vec<usize>,
    /// Whole lines, as [`line_key`] writes them → first rule.
    lines: FastMap<String, usize>,
    /// The longest of `lines`' keys, in characters: a text with more characters that are not
    /// whitespace is none of them, and is not lower-cased into a key to look up.
    longest_line: usize,
    /// The first characters of `lines`' keys, sorted: a text that begins otherwise is none of
    /// them.
    line_firsts: Vec<char>,
    /// Image URL → first rule.
    images: FastMap<String, usize>,
    trailing_links: Option<usize>,
    /// `rel` words, with their rule, in rule order.
    rel: Vec<(String, usize)>,
    /// Index pages' path segments (lower case), with their rule, in rule order.
    paths: Vec<(String, usize)>,
    /// Link target substrings (ASCII letters in any case), searched for together: a URL is read
    /// once whatever their number, where a finder each read it once per substring.
    banner_links: Option<Patterns>,
    /// The rule of each of `banner_links`' substrings.
    banner_rule: Vec<usize>,
    /// Lower-case link text → first rule.
    link_texts: FastMap<String, usize>,
    link_text_cap: usize,
    /// Lower-case announcer → first rule.
    announcers: FastMap<String, usize>,
    /// The same by first character (ASCII in lower case), longest first, for lines that begin
    /// with one: a line's first character picks the few worth comparing.
    announcer_prefixes: FastMap<char, Vec<(String, usize)>>,
    announcer_cap: usize,
    link_lists: Option<usize>,
    hashtags: Option<usize>,
}

impl Compiled {
    /// Tables for `rules`, each given with its index in the full list.
    pub(crate) fn new<'r>(rules: impl IntoIterator<Item = (usize, &'r Rule)>) -> Compiled {
        let mut c = Compiled::default();
        let mut phrases: Vec<String> = Vec::new();
        let mut banners: Vec<String> = Vec::new();
        let mut longest_link_text = 0;
        let mut longest_announcer = 0;
        for (i, r) in rules {
            for t in &r.tags {
                let t = t.to_ascii_lowercase();
                if let Some(&first) = t.as_bytes().first() {
                    c.tag_shapes.insert(first, t.len());
                }
                c.tags.entry(t).or_insert(i);
            }
            for t in &r.tokens {
                c.tokens.insert(t, i);
            }
            for t in &r.hidden_classes {
                c.hidden_classes.insert(t, i);
            }
            for p in &r.phrases {
                phrases.push(p.clone());
                c.phrase_rule.push(i);
            }
            for u in &r.images {
                c.images.entry(u.trim().to_string()).or_insert(i);
            }
            for l in &r.lines {
                let key = line_key(l);
                c.longest_line = c.longest_line.max(key.chars().count());
                if let Some(first) = key.chars().next() {
                    if !c.line_firsts.contains(&first) {
                        c.line_firsts.push(first);
                    }
                }
                c.lines.entry(key).or_insert(i);
            }
            c.rel
                .extend(r.rel.iter().map(|w| (w.trim().to_string(), i)));
            c.paths.extend(
                r.paths
                    .iter()
                    .map(|w| (crate::model::inlines::to_lowercase(w.trim()), i)),
            );
            for b in &r.banner_links {
                banners.push(b.clone());
                c.banner_rule.push(i);
            }
            for l in &r.link_texts {
                let l = crate::model::inlines::to_lowercase(l.trim());
                longest_link_text = longest_link_text.max(l.len());
                c.link_texts.entry(l).or_insert(i);
            }
            for a in &r.announcers {
                let a = crate::model::inlines::to_lowercase(a.trim());
                longest_announcer = longest_announcer.max(a.len());
                c.announcers.entry(a).or_insert(i);
            }
            let flag = |on: bool, slot: &mut Option<usize>| {
                if on && slot.is_none() {
                    *slot = Some(i);
                }
            };
            flag(r.foreign, &mut c.foreign);
            flag(r.hidden, &mut c.hidden);
            flag(r.trailing_links, &mut c.trailing_links);
            flag(r.link_lists, &mut c.link_lists);
            flag(r.hashtags, &mut c.hashtags);
        }
        for (a, &i) in &c.announcers {
            if let Some(first) = a.chars().next() {
                c.announcer_prefixes
                    .entry(first)
                    .or_default()
                    .push((a.clone(), i));
            }
        }
        for list in c.announcer_prefixes.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        }
        // looked up by halves: every line of every paragraph asks for its first character
        c.line_firsts.sort_unstable();
        c.link_text_cap = short_text_cap(longest_link_text);
        c.announcer_cap = short_text_cap(longest_announcer);
        // a DFA, built once the table has searched enough to pay for it: `patterns::Dense` takes a
        // thousand entries in a few MB (the shape lexicon's), and gives a set past its size limit
        // the contiguous NFA itself. (aho-corasick's own pick, a DFA up to a hundred patterns, put
        // the built-in rules' 120 phrases on the NFA, which walks at three times the cost.)
        c.phrases = (!phrases.is_empty()).then(|| Patterns::new(phrases, AhoCorasickKind::DFA));
        c.banner_links =
            (!banners.is_empty()).then(|| Patterns::new(banners, AhoCorasickKind::DFA));
        c
    }

    pub(crate) fn tag(&self, tag: &str) -> Option<usize> {
        match tag.as_bytes() {
            // the empty name, a key too when a rule gives it, has no first byte to refuse it by
            [] => self.tags.get(tag).copied(),
            [first, ..] if !self.tag_shapes.may_hold(*first, tag.len()) => None,
            _ => self.tags.get(tag).copied(),
        }
    }

    pub(crate) fn tokens(&self) -> &NameSet {
        &self.tokens
    }

    pub(crate) fn foreign(&self) -> Option<usize> {
        self.foreign
    }

    pub(crate) fn hidden(&self) -> Option<usize> {
        self.hidden
    }

    pub(crate) fn hidden_classes(&self) -> &NameSet {
        &self.hidden_classes
    }

    /// The first rule with a phrase in `text`; the caller has checked the line's length.
    fn phrase(&self, text: &str) -> Option<usize> {
        let mut first: Option<usize> = None;
        self.phrases.as_ref()?.non_overlapping(text, |(p, _, _)| {
            let rule = self.phrase_rule[p];
            first = Some(first.map_or(rule, |f| f.min(rule)));
        });
        first
    }

    /// The first rule of which `text` holds two different phrases: a long line that says two of
    /// one rule's set phrases is that rule's line (a platform's footer quotes the post's title, so
    /// its length is the title's), where one phrase in a long line is only a quotation.
    pub(crate) fn phrases_of_one_rule(&self, text: &str) -> Option<usize> {
        let mut seen: Vec<(usize, usize)> = Vec::new();
        let mut best = None;
        self.phrases
            .as_ref()?
            .non_overlapping(text, |(pattern, _, _)| {
                let rule = self.phrase_rule[pattern];
                if seen.iter().any(|&(r, p)| r == rule && p != pattern) {
                    best = Some(best.map_or(rule, |b: usize| b.min(rule)));
                }
                seen.push((rule, pattern));
            });
        best
    }

    /// The first rule whose whole lines include `text` (as [`line_key`] compares them).
    pub(crate) fn whole_line(&self, text: &str) -> Option<usize> {
        if self.lines.is_empty() || !self.may_be_line(text) {
            return None;
        }
        self.lines.get(line_key(text).as_str()).copied()
    }

    /// Whether `text` is short enough to be one of the whole lines (lower-casing only ever
    /// lengthens a key, so a text with more characters than the longest key is none of them).
    fn may_be_line(&self, text: &str) -> bool {
        let first = text.chars().find(|c| !c.is_whitespace());
        if !first.is_some_and(|c| {
            let first = |l: char| self.line_firsts.binary_search(&l).is_ok();
            if c.is_ascii() || has_no_case(c) {
                first(c.to_ascii_lowercase())
            } else {
                c.to_lowercase().any(first)
            }
        }) {
            return false;
        }
        // no more characters than bytes: a text no longer than the longest key is counted no more
        if text.len() <= self.longest_line {
            return true;
        }
        // counted by bytes: a character is counted at its first byte, unless white space, which
        // is ASCII's or begins with one of four bytes (`WHITE_SPACE_LEADS`); those alone are
        // read as a character
        let mut n = 0;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            let counts = match NON_SPACE_BYTES[usize::from(b)] {
                COUNTED => true,
                NOT_COUNTED => false,
                _ => !text
                    .get(i..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(char::is_whitespace),
            };
            if counts {
                n += 1;
                if n > self.longest_line {
                    return false;
                }
            }
        }
        true
    }

    /// The first rule whose phrase is in `text` or whose whole line `text` is; the caller has
    /// checked the line's length.
    pub(crate) fn line(&self, text: &str) -> Option<usize> {
        let phrase = self.phrase(text);
        if self.lines.is_empty() || !self.may_be_line(text) {
            return phrase;
        }
        let whole = self.lines.get(line_key(text).as_str()).copied();
        phrase.into_iter().chain(whole).min()
    }

    /// The first rule announcing with the start of `text`, and what follows the announcer, when
    /// the line goes on with a colon, a pointing quote or arrow, or a title's opening bracket
    /// ("延伸阅读：……", "如果您错过了《……》", "Related: ...", "À lire aussi » ..."): such a line points
    /// to another article, whatever title it names. Or after a space alone ("À lire aussi Cantines
    /// : …"), marked `bare`: a title then, only when a link is all of it (see `announced_link`).
    pub(crate) fn announced_line<'t>(&self, text: &'t str) -> Option<Announced<'t>> {
        // a bullet or an emoji before the announcer ("💡 如果您错过了《……》", "• Related: …"); a
        // line opening with an ASCII letter or digit or an ideograph (most) has none, nor a space
        let text = match text.chars().next() {
            Some(c) if c.is_ascii_alphanumeric() || crate::cjk::is_ideograph(c) => text,
            _ => text.trim_start_matches(|c: char| c.is_whitespace() || is_bullet_symbol(c)),
        };
        // a line set in brackets whole ("[标签: 城市更新 社区]") announces as its inside does
        let text = unframed(text);
        let first = text.chars().next()?;
        // ASCII and the caseless blocks (CJK) need no look in the case table
        let first = if first.is_ascii() || has_no_case(first) {
            first.to_ascii_lowercase()
        } else {
            first.to_lowercase().next()?
        };
        self.announcer_prefixes
            .get(&first)?
            .iter()
            .find_map(|(a, i)| {
                // announcers are lower case: letters compare in any case ("À lire aussi", "Ähnliche
                // Artikel"), CJK as is
                // (a head of ASCII and caseless characters lower-cases as ASCII alone does: the
                // first comparison has answered for it)
                let head = text.get(..a.len())?;
                if !head.eq_ignore_ascii_case(a)
                    && (head.chars().all(|c| c.is_ascii() || has_no_case(c))
                        || !head.chars().flat_map(char::to_lowercase).eq(a.chars()))
                {
                    return None;
                }
                let after = &text[a.len()..];
                let rest = after.trim_start();
                let marked = rest
                    .strip_prefix(|c| crate::cjk::is_colon(c) || matches!(c, '»' | '›' | '→'))
                    .map(str::trim_start)
                    .or_else(|| {
                        rest.starts_with(['《', '「', '【', '“', '"'])
                            .then_some(rest)
                    });
                let (title, bare) = match marked {
                    Some(title) => (title, false),
                    // a word ends the announcer: "related" is not "relatedness"
                    None if !rest.is_empty() && after.starts_with(char::is_whitespace) => {
                        (rest, true)
                    }
                    None => return None,
                };
                Some(Announced {
                    rule: *i,
                    title,
                    bare,
                })
            })
    }

    pub(crate) fn image(&self, url: &str) -> Option<usize> {
        self.images.get(url).copied()
    }

    pub(crate) fn trailing_links(&self) -> Option<usize> {
        self.trailing_links
    }

    /// The first rule naming one of the words of a `rel` value.
    pub(crate) fn rel(&self, rel: &str) -> Option<usize> {
        if self.rel.is_empty() {
            return None;
        }
        rel.split_ascii_whitespace()
            .filter_map(|w| {
                self.rel
                    .iter()
                    .find(|(r, _)| w.eq_ignore_ascii_case(r))
                    .map(|&(_, i)| i)
            })
            .min()
    }

    /// The first rule naming `segment`, the segment before the last of a URL's path (see
    /// [`index_segment`]).
    pub(crate) fn index_path(&self, segment: &str) -> Option<usize> {
        self.paths
            .iter()
            .find(|(p, _)| segment.eq_ignore_ascii_case(p))
            .map(|&(_, i)| i)
    }

    pub(crate) fn banner_link(&self, url: &str) -> Option<usize> {
        let patterns = self.banner_links.as_ref()?;
        // the first rule in rule order of any substring found
        let mut first: Option<usize> = None;
        patterns.overlapping(url, |(p, _, _)| {
            let rule = self.banner_rule[p];
            first = Some(first.map_or(rule, |f| f.min(rule)));
        });
        first
    }

    /// The first rule whose link texts include `text` (trimmed, in any case).
    pub(crate) fn link_text(&self, text: &str) -> Option<usize> {
        let t = text.trim();
        if t.is_empty() || t.len() > self.link_text_cap || self.link_texts.is_empty() {
            return None;
        }
        self.link_texts
            .get(crate::model::inlines::to_lowercase_cow(t).as_ref())
            .copied()
    }

    /// The first rule announcing with `text`, already trimmed of spaces and colons and lower-cased.
    pub(crate) fn announcer(&self, text: &str) -> Option<usize> {
        self.announcers.get(text).copied()
    }

    /// The first rule with an announcer that `text` (lower-cased) begins with, at a word's edge.
    pub(crate) fn announcer_prefix(&self, text: &str) -> Option<usize> {
        let first = text.chars().next()?;
        self.announcer_prefixes
            .get(&first)?
            .iter()
            .find_map(|(a, i)| {
                let rest = text.strip_prefix(a.as_str())?;
                // `related` begins `relatedly`; a CJK announcer needs no space after it
                let joins = a.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && rest.starts_with(|c: char| c.is_ascii_alphanumeric());
                (!joins).then_some(*i)
            })
    }

    pub(crate) fn has_announcers(&self) -> bool {
        !self.announcers.is_empty()
    }

    pub(crate) fn announcer_cap(&self) -> usize {
        self.announcer_cap
    }

    pub(crate) fn link_lists(&self) -> Option<usize> {
        self.link_lists
    }

    pub(crate) fn hashtags(&self) -> Option<usize> {
        self.hashtags
    }
}

/// A line an announcer opens ([`Compiled::announced_line`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Announced<'t> {
    /// The announcing rule.
    pub(crate) rule: usize,
    /// What follows the announcer and its mark.
    pub(crate) title: &'t str,
    /// No mark stood between them, only a space.
    pub(crate) bare: bool,
}

fn short_text_cap(longest: usize) -> usize {
    longest.saturating_mul(2).max(SHORT_TEXT_MIN_CAP)
}

/// What a byte is to [`Compiled::may_be_line`]'s count of the characters that are not white
/// space: a character's first byte (counted), ASCII white space or a later byte of a character
/// (not counted), or the first byte of a character that may be white space (read whole).
const COUNTED: u8 = 0;
const NOT_COUNTED: u8 = 1;
const READ_WHOLE: u8 = 2;

/// The first bytes of every white space character past ASCII: U+0085 and U+00A0 (C2), U+1680
/// (E1), U+2000-U+200A, U+2028, U+2029, U+202F and U+205F (E2), U+3000 (E3).
const WHITE_SPACE_LEADS: [u8; 4] = [0xC2, 0xE1, 0xE2, 0xE3];

static NON_SPACE_BYTES: [u8; 256] = {
    let mut t = [COUNTED; 256];
    let mut b = 0x80;
    while b < 0xC0 {
        t[b] = NOT_COUNTED;
        b += 1;
    }
    t[b' ' as usize] = NOT_COUNTED;
    let mut b = b'\t';
    while b <= b'\r' {
        t[b as usize] = NOT_COUNTED;
        b += 1;
    }
    let mut k = 0;
    while k < WHITE_SPACE_LEADS.len() {
        t[WHITE_SPACE_LEADS[k] as usize] = READ_WHOLE;
        k += 1;
    }
    t
};

/// A line as whole-line rules compare it: without whitespace (feeds space and break the same line
/// differently from post to post) and in lower case.
pub(crate) fn line_key(text: &str) -> String {
    // into room for all of it at once; ASCII but capitals and the caseless blocks are their own
    // lower case (`has_no_case`): copied a run at a time, up to a space to leave out or a
    // character to map, and only the other characters look the case table up
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for (i, c) in text.char_indices() {
        let as_is = if c.is_ascii() {
            // `char::is_whitespace` for ASCII
            !c.is_ascii_uppercase() && !matches!(c, ' ' | '\t'..='\r')
        } else {
            has_no_case(c) && !c.is_whitespace()
        };
        if as_is {
            continue;
        }
        out.push_str(&text[run..i]);
        if !c.is_whitespace() {
            crate::model::inlines::push_lowercase(&mut out, c);
        }
        run = i + c.len_utf8();
    }
    out.push_str(&text[run..]);
    out
}

/// A symbol that stands before a line as a bullet (an emoji, `•`, `▶`, `*`, `-`): not a letter or
/// digit, nor a bracket or quotation mark a title opens with.
fn is_bullet_symbol(c: char) -> bool {
    const OPENERS: &[char] = &['《', '「', '【', '“', '‘', '『', '〈', '（'];
    matches!(c, '*' | '-' | '•' | '·')
        || !(c.is_alphanumeric() || c.is_ascii_punctuation() || OPENERS.contains(&c))
}

/// The inside of a line set in one pair of brackets, else the line.
fn unframed(text: &str) -> &str {
    let Some(open) = text.chars().next() else {
        return text;
    };
    let close = match open {
        '[' => ']',
        '【' => '】',
        '［' => '］',
        '〔' => '〕',
        _ => return text,
    };
    match text[open.len_utf8()..].trim_end().strip_suffix(close) {
        // one pair: a bracket closed inside ("[1] … [2]") frames no line
        Some(inner) if !inner.contains(close) => inner.trim(),
        _ => text,
    }
}

/// The segment before the last of `url`'s path, when the last names a page (a trailing slash is
/// stepped over once): `tag` in `https://x.example/tag/fishing/` and in `/gb/tag/name.html`. A
/// query or fragment ends the path.
pub(crate) fn index_segment(url: &str) -> Option<&str> {
    // read by bytes (every byte looked for is ASCII, so each cut is at a character's edge): the
    // string searches this did (`split_once("://")`, a split at two characters, two right splits)
    // cost a thousand instructions and more on a tag row's every link
    let b = url.as_bytes();
    // after the first "://", else the whole
    let mut start = 0;
    let mut from = 0;
    while let Some(k) = b[from..].iter().position(|&c| c == b':') {
        if b[from + k + 1..].starts_with(b"//") {
            start = from + k + 3;
            break;
        }
        from += k + 1;
    }
    let rest = &b[start..];
    let slash = rest.iter().position(|&c| c == b'/')?;
    let path = &rest[slash..];
    // a query or fragment ends the path
    let path = &path[..path
        .iter()
        .position(|&c| c == b'?' || c == b'#')
        .unwrap_or(path.len())];
    let path = path.strip_suffix(b"/").unwrap_or(path);
    let cut = path.iter().rposition(|&c| c == b'/')?;
    if cut + 1 == path.len() {
        return None;
    }
    let before = &path[..cut];
    let from = before.iter().rposition(|&c| c == b'/').map_or(0, |k| k + 1);
    if from == before.len() {
        return None;
    }
    // the segment's place in `url`
    let at = start + slash + from;
    Some(&url[at..at + (before.len() - from)])
}

#[cfg(test)]
mod tests {
    use super::{index_segment, is_bullet_symbol, line_key};

    #[test]
    fn an_index_page_is_named_by_the_segment_before_its_own() {
        for (url, segment) in [
            ("https://x.example/tag/fishing", Some("tag")),
            ("https://x.example/tag/fishing/", Some("tag")),
            ("https://x.example/gb/tag/name.html", Some("tag")),
            ("/topics/coast?page=2", Some("topics")),
            ("https://x.example/tag/", None),
            ("https://x.example/fishing", None),
            ("https://x.example", None),
        ] {
            assert_eq!(index_segment(url), segment, "{url}");
        }
    }

    /// The reading by bytes answers as the string searches it replaced.
    #[test]
    fn the_index_segment_by_bytes_is_the_string_searches() {
        fn by_strings(url: &str) -> Option<&str> {
            let rest = url.split_once("://").map_or(url, |(_, r)| r);
            let path = &rest[rest.find('/')?..];
            let path = path.split(['?', '#']).next().unwrap_or(path);
            let path = path.strip_suffix('/').unwrap_or(path);
            let (before, last) = path.rsplit_once('/')?;
            if last.is_empty() {
                return None;
            }
            let segment = before.rsplit('/').next()?;
            (!segment.is_empty()).then_some(segment)
        }
        let parts = [
            "", "/", "//", ":", "://", "a", "标签", "?", "#", "x:/", "?q=/a/b", "é",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in parts {
                        let url = format!("{a}{b}{c}{d}");
                        assert_eq!(index_segment(&url), by_strings(&url), "{url:?}");
                    }
                }
            }
        }
    }
    use crate::cjk::is_ideograph;

    /// The byte table says of every character what `char::is_whitespace` says.
    #[test]
    fn the_byte_table_counts_the_characters_that_are_not_space() {
        use super::{COUNTED, NON_SPACE_BYTES, NOT_COUNTED, READ_WHOLE};
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            match NON_SPACE_BYTES[usize::from(bytes[0])] {
                COUNTED => assert!(!c.is_whitespace(), "{c:?}"),
                NOT_COUNTED => assert!(c.is_ascii() && c.is_whitespace(), "{c:?}"),
                class => assert_eq!(class, READ_WHOLE, "{c:?}"),
            }
            for &b in &bytes[1..] {
                assert_eq!(NON_SPACE_BYTES[usize::from(b)], NOT_COUNTED);
            }
        }
    }

    #[test]
    fn ideographs_are_letters_and_no_bullets() {
        let ideographs = ('\u{4DFF}'..='\u{A000}').filter(|&c| is_ideograph(c));
        assert_eq!(ideographs.clone().count(), 0x9FFF - 0x4E00 + 1);
        for c in ideographs {
            assert!(
                c.is_alphanumeric() && !c.is_whitespace() && !is_bullet_symbol(c),
                "{c:?}"
            );
        }
        assert!(!is_ideograph('\u{4DFF}') && !is_ideograph('\u{A000}'));
    }

    #[test]
    fn line_keys_are_the_characters_in_lower_case_without_whitespace() {
        for t in [
            "",
            "Related Posts",
            "  延伸 阅读：\u{3000}“新闻”\n",
            "ΟΔΟΣ Σ ǅ İstanbul ẞ",
            "ＡＢ全角！\u{a0}x\tY",
            "a\u{b}b\u{1f}c\u{2003}d\u{3000}e\u{2028}f\u{205f}g\u{200b}h",
        ] {
            let by_chars: String = t
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(line_key(t), by_chars, "{t:?}");
        }
    }
}
