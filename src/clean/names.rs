//! The one class-name matcher: what it means for a `class` or `id` name to match a pattern, for rule
//! tokens, hidden classes, article names, topic names and responsive image variants alike.
//!
//! A pattern `word` matches a name that is `word`, or that holds `word` as one of its words; words are
//! split at `-`, `_`, `.`, `:` and at lower-to-upper case changes, so `dfp-ad-top`, `ads_box` and
//! `adBanner` hold `ad`/`ads` while `header`, `download` and `shadow` don't. A pattern ending in `*`
//! matches names starting with the rest (`dfp-ad-*`). ASCII letters match in any case. A pattern
//! with a separator in it (`sr-only`) can only match a whole name, since no word holds a separator.

use super::fast_hash::FastMap;

/// Patterns, each with a value (a rule's index); a name's match is the smallest value among the
/// patterns it matches, so that the first rule wins.
#[derive(Debug, Default)]
pub(crate) struct NameSet {
    /// Lower-case plain pattern → first value given for it.
    words: FastMap<String, usize>,
    /// Lower-case `*` prefixes, with their values.
    prefixes: Vec<(String, usize)>,
    /// What the plain patterns can look like, by their first byte (in lower case) and length. A
    /// name or word whose first byte and length no pattern has is refused before it is lowered and
    /// hashed: it equals none of them, in any case. Most class names of a page are refused so,
    /// which matters because every element's classes are looked up in several sets.
    first_lens: Shapes,
}

/// The first bytes and lengths of a set of strings: for each first byte, bit `n` for a length `n`
/// below 31, the last bit for 31 and more. A string whose first byte and length no string of the
/// set has equals none of them.
#[derive(Debug)]
pub(crate) struct Shapes(Box<[u32; 256]>);

impl Default for Shapes {
    fn default() -> Shapes {
        Shapes(Box::new([0; 256]))
    }
}

impl Shapes {
    /// A length's bit: its own below 31, the last one for 31 and more.
    fn length_bit(len: usize) -> u32 {
        1 << len.min(31)
    }

    /// Adds a string's first byte and length.
    pub(crate) fn insert(&mut self, first: u8, len: usize) {
        self.0[usize::from(first)] |= Self::length_bit(len);
    }

    /// Whether a string of the set may begin with `first` and be `len` bytes long.
    pub(crate) fn may_hold(&self, first: u8, len: usize) -> bool {
        self.0[usize::from(first)] & Self::length_bit(len) != 0
    }
}

impl NameSet {
    /// Adds `pattern`; a plain pattern given twice keeps its first value.
    pub(crate) fn insert(&mut self, pattern: &str, value: usize) {
        let pattern = pattern.to_ascii_lowercase();
        match pattern.strip_suffix('*') {
            Some(prefix) => self.prefixes.push((prefix.to_string(), value)),
            None if pattern.is_empty() => {}
            None => {
                self.first_lens.insert(pattern.as_bytes()[0], pattern.len());
                self.words.entry(pattern).or_insert(value);
            }
        }
    }

    /// Whether a plain pattern could be `word`, by its length and first byte.
    fn could_be(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_some_and(|&b| self.first_lens.may_hold(b.to_ascii_lowercase(), word.len()))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty() && self.prefixes.is_empty()
    }

    /// The smallest value of the patterns that `name` matches. `lower` is scratch space, so that a
    /// walk over many names lowers them without allocating each time.
    pub(crate) fn first(&self, name: &str, lower: &mut String) -> Option<usize> {
        let mut best: Option<usize> = None;
        let mut consider = |i: Option<&usize>| {
            if let Some(&i) = i {
                best = Some(best.map_or(i, |b| b.min(i)));
            }
        };
        if !self.words.is_empty() {
            let mut look = |w: &str| {
                if self.could_be(w) {
                    consider(self.word(w, lower));
                }
            };
            look(name);
            // a name that is one word was just looked up whole
            for_each_word(name, |w| {
                if w.len() != name.len() {
                    look(w);
                }
            });
        }
        for (prefix, i) in &self.prefixes {
            if has_prefix(name, prefix) {
                consider(Some(i));
            }
        }
        best
    }

    /// The value of the plain pattern `word` is, in any case. Most names are in lower case
    /// already and are looked up as they are, without a copy.
    fn word(&self, word: &str, lower: &mut String) -> Option<&usize> {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            lowercase_into(lower, word);
            self.words.get(lower.as_str())
        } else {
            self.words.get(word)
        }
    }

    /// Whether `name` matches any pattern.
    pub(crate) fn contains(&self, name: &str, lower: &mut String) -> bool {
        self.first(name, lower).is_some()
    }
}

/// Whether `name` matches the single `pattern`, without building a set (for the mechanics' fixed
/// words). Same meaning as [`NameSet`].
pub(crate) fn matches(name: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => has_prefix(name, prefix),
        None => {
            name.eq_ignore_ascii_case(pattern)
                || words(name).any(|w| w.eq_ignore_ascii_case(pattern))
        }
    }
}

/// The names an element goes by: each of its classes, then its id.
pub(crate) fn element_names<'a>(
    class: Option<&'a str>,
    id: Option<&'a str>,
) -> impl Iterator<Item = &'a str> {
    class
        .into_iter()
        .flat_map(str::split_ascii_whitespace)
        .chain(id.map(str::trim))
        .filter(|n| !n.is_empty())
}

fn has_prefix(name: &str, prefix: &str) -> bool {
    name.len() >= prefix.len()
        && name.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn lowercase_into(buf: &mut String, s: &str) {
    buf.clear();
    buf.push_str(s);
    buf.make_ascii_lowercase();
}

/// What a byte is to [`for_each_word`]: a separator, a capital or a small ASCII letter.
const SEPARATOR: u8 = 1;
const CAPITAL: u8 = 2;
const SMALL: u8 = 4;

/// Each byte's part in splitting a name, one load where a chain of comparisons was.
static NAME_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'-' as usize] = SEPARATOR;
    t[b'_' as usize] = SEPARATOR;
    t[b'.' as usize] = SEPARATOR;
    t[b':' as usize] = SEPARATOR;
    t[b' ' as usize] = SEPARATOR;
    let mut b = b'A';
    while b <= b'Z' {
        t[b as usize] = CAPITAL;
        t[(b + 32) as usize] = SMALL;
        b += 1;
    }
    t
};

/// Calls `each` with the words of a name, as [`words`] yields them, in a plain loop (the matcher
/// runs for every class of every element, several times).
fn for_each_word<'a>(name: &'a str, mut each: impl FnMut(&'a str)) {
    let bytes = name.as_bytes();
    let mut start = 0;
    let mut prev = 0;
    for (at, &b) in bytes.iter().enumerate() {
        let class = NAME_BYTES[usize::from(b)];
        if class & SEPARATOR != 0 || (class & CAPITAL != 0 && prev & SMALL != 0) {
            if at > start {
                each(&name[start..at]);
            }
            start = if class & CAPITAL != 0 { at } else { at + 1 };
        }
        prev = class;
    }
    if bytes.len() > start {
        each(&name[start..]);
    }
}

/// The words of a name (see the module docs for where it splits).
fn words(name: &str) -> impl Iterator<Item = &str> {
    let bytes = name.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i <= bytes.len() {
            let at = i;
            i += 1;
            let boundary = at == bytes.len()
                || matches!(bytes[at], b'-' | b'_' | b'.' | b':' | b' ')
                || (at > 0 && bytes[at].is_ascii_uppercase() && bytes[at - 1].is_ascii_lowercase());
            if boundary {
                let word = &name[start..at];
                start = if at < bytes.len() && bytes[at].is_ascii_uppercase() {
                    at
                } else {
                    at + 1
                };
                if !word.is_empty() {
                    return Some(word);
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(patterns: &[&str]) -> NameSet {
        let mut s = NameSet::default();
        for (i, p) in patterns.iter().enumerate() {
            s.insert(p, i);
        }
        s
    }

    #[test]
    fn words_split_at_separators_and_case_changes() {
        assert_eq!(
            words("dfp-ad_top.x:yAdBanner").collect::<Vec<_>>(),
            ["dfp", "ad", "top", "x", "y", "Ad", "Banner"]
        );
        assert_eq!(words("--").count(), 0);
    }

    #[test]
    fn the_loop_splits_as_the_iterator_does() {
        for name in [
            "dfp-ad_top.x:yAdBanner",
            "--",
            "",
            "a",
            "AD",
            "ABCdef",
            "aB",
            "x--y",
            "ends-",
            "-starts",
            "camelCaseName",
            "新闻-box",
            "A.B:C_D E",
        ] {
            let mut looped = Vec::new();
            for_each_word(name, |w| looped.push(w));
            assert_eq!(looped, words(name).collect::<Vec<_>>(), "{name}");
        }
    }

    proptest::proptest! {
        /// The byte table splits as the iterator does, capitals, separators and CJK mixed.
        #[test]
        fn the_table_loop_splits_as_words(name in "[-_.: aAbZz9新]{0,12}") {
            let mut looped = Vec::new();
            for_each_word(&name, |w| looped.push(w));
            proptest::prop_assert_eq!(looped, words(&name).collect::<Vec<_>>());
        }

        /// The first byte and length refuse no name a pattern matches: a set answers as its
        /// patterns do one at a time, short, long (past the last length bit) and in any case.
        #[test]
        fn the_length_bits_refuse_no_match(
            patterns in proptest::collection::vec("[aAbB-]{1,3}|[aAbB]{30,33}", 1..6),
            name in "[aAbB -]{0,3}|[aAbB-]{29,34}",
        ) {
            let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let s = set(&refs);
            let one = refs.iter().any(|p| matches(&name, p));
            proptest::prop_assert_eq!(s.contains(&name, &mut String::new()), one);
        }
    }

    #[test]
    fn a_set_and_a_single_pattern_agree() {
        let patterns = ["ad", "sr-only", "dfp-ad-*", "desktop"];
        let s = set(&patterns);
        let mut buf = String::new();
        for name in [
            "ad",
            "AD",
            "adBanner",
            "x-ad",
            "header",
            "sr-only",
            "sr-only-focusable",
            "dfp-ad-1",
            "dfp-ad-",
            "view-desktop",
            "desktopOnly",
            "desktops",
        ] {
            let one = patterns.iter().any(|p| matches(name, p));
            assert_eq!(s.contains(name, &mut buf), one, "{name}");
        }
        assert!(!s.contains("sr-only-focusable", &mut buf));
        assert!(s.contains("desktopOnly", &mut buf));
    }

    #[test]
    fn the_first_pattern_wins() {
        let s = set(&["share", "ad", "ad-*"]);
        let mut buf = String::new();
        assert_eq!(s.first("ad-share", &mut buf), Some(0));
        assert_eq!(s.first("ad-x", &mut buf), Some(1));
        assert_eq!(s.first("nothing", &mut buf), None);
    }

    #[test]
    fn element_names_are_classes_then_the_trimmed_id() {
        let names: Vec<_> = element_names(Some(" a  b "), Some(" c ")).collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(element_names(None, Some("  ")).count(), 0);
    }
}
