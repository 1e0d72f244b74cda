//! A set of strings searched for in short texts (phrase rules, the shape lexicon), ASCII letters in
//! any case, answering exactly as an Aho-Corasick automaton with standard match semantics does.
//!
//! Building the automaton costs more than a process converting one small post spends on the post
//! itself (about 8M instructions for the shape lexicon, 9M for the phrases as a DFA). So a set
//! starts with a sorted table, built in a few thousand instructions, that finds each match by its
//! first two bytes, and builds the automaton once it has searched enough text to have paid for
//! it. Both give the same matches in the same order: the table's are put in the automaton's order
//! (see [`Patterns::overlapping`] and [`Patterns::non_overlapping`]).

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// Bytes searched through the table before the automaton is built: about what building it costs
/// in table lookups.
const TABLE_BUDGET_BYTES: usize = 16 * 1024;

/// A match: the pattern's index, where it starts and where it ends (bytes).
pub(crate) type Found = (usize, usize, usize);

pub(crate) struct Patterns {
    patterns: Vec<String>,
    /// Pattern indexes sorted by their bytes, ASCII letters in lower case.
    sorted: Vec<u32>,
    /// The distinct two-byte keys of the patterns, in `sorted`'s order: a pattern's key is its
    /// first byte (in lower case) times 257, plus 1 and its second byte (in lower case) when it
    /// has one.
    keys: Vec<u32>,
    /// For each key, its range of `sorted`.
    ranges: Vec<(u32, u32)>,
    /// For each first byte (in lower case), its range of `keys`.
    first: Box<[(u32, u32); 256]>,
    /// Whether a pattern is empty: it matches everywhere, which only the automaton answers.
    has_empty: bool,
    /// Bytes searched through the table so far, by every thread.
    searched: AtomicUsize,
    automaton: OnceLock<Option<AhoCorasick>>,
    kind: AhoCorasickKind,
}

impl std::fmt::Debug for Patterns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.patterns).finish()
    }
}

impl Clone for Patterns {
    fn clone(&self) -> Patterns {
        Patterns::new(self.patterns.clone(), self.kind)
    }
}

impl Patterns {
    /// `kind` is the automaton built once the table has done its share: a DFA searches fastest
    /// and costs the most to build, fine for a few dozen patterns; a contiguous NFA for hundreds.
    pub(crate) fn new(patterns: Vec<String>, kind: AhoCorasickKind) -> Patterns {
        let lower = |i: &u32| {
            let p = patterns[*i as usize].as_bytes();
            p.iter().map(u8::to_ascii_lowercase).collect::<Vec<u8>>()
        };
        let mut sorted: Vec<u32> = (0..patterns.len() as u32).collect();
        sorted.sort_by_cached_key(lower);
        let mut keys: Vec<u32> = Vec::new();
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        let mut first = Box::new([(0u32, 0u32); 256]);
        let mut has_empty = false;
        for (at, &i) in sorted.iter().enumerate() {
            let p = patterns[i as usize].as_bytes();
            let Some(k) = key(p) else {
                has_empty = true;
                continue;
            };
            let at = at as u32;
            match (keys.last(), ranges.last_mut()) {
                (Some(&last), Some(range)) if last == k => range.1 = at + 1,
                _ => {
                    let slot = &mut first[usize::from(p[0].to_ascii_lowercase())];
                    if slot.1 == 0 {
                        slot.0 = keys.len() as u32;
                    }
                    slot.1 = keys.len() as u32 + 1;
                    keys.push(k);
                    ranges.push((at, at + 1));
                }
            }
        }
        Patterns {
            patterns,
            sorted,
            keys,
            ranges,
            first,
            has_empty,
            searched: AtomicUsize::new(0),
            automaton: OnceLock::new(),
            kind,
        }
    }

    /// The automaton, once the table has searched its share (or cannot answer).
    fn automaton(&self, text: &str) -> Option<&AhoCorasick> {
        if let Some(ac) = self.automaton.get() {
            return ac.as_ref();
        }
        if !self.has_empty
            && self.searched.fetch_add(text.len(), Relaxed) + text.len() <= TABLE_BUDGET_BYTES
        {
            return None;
        }
        self.automaton
            .get_or_init(|| {
                // an automaton over plain strings only fails past size limits far beyond any rule
                // file; the table answers then
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .kind(Some(self.kind))
                    .build(&self.patterns)
                    .ok()
            })
            .as_ref()
    }

    /// Every match in `text`, overlapping ones too, in the order of the automaton's overlapping
    /// search: by end; at one end, longest first; one string given twice (or in two cases), in
    /// pattern order.
    pub(crate) fn overlapping(&self, text: &str, mut each: impl FnMut(Found)) {
        if let Some(ac) = self.automaton(text) {
            for m in ac.find_overlapping_iter(text) {
                each((m.pattern().as_usize(), m.start(), m.end()));
            }
            return;
        }
        let mut found = self.table_matches(text);
        found.sort_unstable_by_key(|&(p, start, end)| (end, start, p));
        found.into_iter().for_each(each);
    }

    /// The matches of the automaton's standard (non-overlapping) search: the match ending first,
    /// the longest of those ending there, then the same from its end on.
    pub(crate) fn non_overlapping(&self, text: &str, mut each: impl FnMut(Found)) {
        if let Some(ac) = self.automaton(text) {
            for m in ac.find_iter(text) {
                each((m.pattern().as_usize(), m.start(), m.end()));
            }
            return;
        }
        let mut found = self.table_matches(text);
        found.sort_unstable_by_key(|&(p, start, end)| (end, start, p));
        let mut from = 0;
        for (p, start, end) in found {
            if start >= from {
                from = end;
                each((p, start, end));
            }
        }
    }

    /// Every (pattern, start, end) in `text`, unordered: at each byte, the patterns sharing its
    /// first two bytes (in lower case), and those of that one byte, are compared whole.
    fn table_matches(&self, text: &str) -> Vec<Found> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        for (at, b) in bytes.iter().enumerate() {
            let (lo, hi) = self.first[usize::from(b.to_ascii_lowercase())];
            if lo == hi {
                continue;
            }
            let keys = &self.keys[lo as usize..hi as usize];
            let single = key(&bytes[at..at + 1]);
            let pair = bytes.get(at..at + 2).and_then(key);
            // a key holds one byte's patterns first, then its two-byte keys in order
            let mut look = |k: Option<u32>| {
                let Some(k) = k else { return };
                let Ok(n) = keys.binary_search(&k) else {
                    return;
                };
                let (from, to) = self.ranges[lo as usize + n];
                for &i in &self.sorted[from as usize..to as usize] {
                    let p = self.patterns[i as usize].as_bytes();
                    if bytes
                        .get(at..at + p.len())
                        .is_some_and(|t| t.eq_ignore_ascii_case(p))
                    {
                        found.push((i as usize, at, at + p.len()));
                    }
                }
            };
            look(single);
            look(pair);
        }
        found
    }
}

/// The key of a pattern or of the text at a position (see [`Patterns::keys`]): its first two
/// bytes, in lower case; `None` when empty.
fn key(p: &[u8]) -> Option<u32> {
    let first = u32::from(p.first()?.to_ascii_lowercase()) * 257;
    Some(
        first
            + p.get(1)
                .map_or(0, |b| 1 + u32::from(b.to_ascii_lowercase())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn automaton(patterns: &[String]) -> AhoCorasick {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .unwrap()
    }

    fn table(patterns: &[String]) -> Patterns {
        Patterns::new(patterns.to_vec(), AhoCorasickKind::ContiguousNFA)
    }

    /// Patterns and texts from a small alphabet (ASCII in both cases, CJK, one character of two
    /// bytes), so that matches overlap, nest and repeat.
    fn alphabet() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("A"),
                Just("b"),
                Just("B"),
                Just(" "),
                Just("关"),
                Just("注"),
                Just("é")
            ],
            0..6,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_table_finds_what_the_automaton_finds_in_its_order(
            patterns in proptest::collection::vec(alphabet().prop_filter("not empty", |p| !p.is_empty()), 1..8),
            texts in proptest::collection::vec(alphabet(), 1..4),
        ) {
            let ac = automaton(&patterns);
            let t = table(&patterns);
            for piece in &texts {
                let text = piece.repeat(3);
                let want: Vec<Found> = ac
                    .find_overlapping_iter(&text)
                    .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                    .collect();
                prop_assert_eq!(t.table_matches_in_order(&text), want);
                let want: Vec<Found> = ac
                    .find_iter(&text)
                    .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                    .collect();
                prop_assert_eq!(t.table_non_overlapping(&text), want);
            }
        }
    }

    impl Patterns {
        fn table_matches_in_order(&self, text: &str) -> Vec<Found> {
            let mut found = Vec::new();
            self.overlapping(text, |f| found.push(f));
            found
        }

        fn table_non_overlapping(&self, text: &str) -> Vec<Found> {
            let mut found = Vec::new();
            self.non_overlapping(text, |f| found.push(f));
            found
        }
    }

    #[test]
    fn the_automaton_takes_over_after_the_budget_with_the_same_answers() {
        let patterns: Vec<String> = ["关注", "a b", "B"].map(String::from).to_vec();
        let t = table(&patterns);
        let text = "请关注 A B 公众号 b";
        let both = |t: &Patterns| {
            (
                t.table_matches_in_order(text),
                t.table_non_overlapping(text),
            )
        };
        let before = both(&t);
        assert!(t.automaton.get().is_none());
        let long = "x".repeat(TABLE_BUDGET_BYTES);
        assert!(t.table_matches_in_order(&long).is_empty());
        assert!(t.automaton.get().is_some());
        assert_eq!(both(&t), before);
        assert_eq!(before.0, [(0, 3, 9), (1, 10, 13), (2, 12, 13), (2, 24, 25)]);
        assert_eq!(before.1, [(0, 3, 9), (1, 10, 13), (2, 24, 25)]);
    }

    #[test]
    fn an_empty_pattern_goes_to_the_automaton_at_once() {
        let t = table(&[String::new(), "a".into()]);
        assert_eq!(t.table_matches_in_order("a").len(), 3);
        assert!(t.automaton.get().is_some());
    }
}

/// A lexicon's words as the lexicons compare them: trimmed, lower-cased, none empty, each once,
/// longest first (so that "photo credit" is tried before "photo").
pub(crate) fn lexicon_words(words: &[String]) -> Vec<String> {
    let mut v: Vec<String> = words
        .iter()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v
}

/// Lexicon words by their first character, longest first: the words a text may begin with,
/// without trying the rest.
#[derive(Debug, Default)]
pub(crate) struct ByFirst(HashMap<char, Vec<String>>);

impl ByFirst {
    /// `words` as [`lexicon_words`] gives them.
    pub(crate) fn new(words: &[String]) -> ByFirst {
        let mut map: HashMap<char, Vec<String>> = HashMap::new();
        for w in words {
            if let Some(first) = w.chars().next() {
                map.entry(first).or_default().push(w.clone());
            }
        }
        ByFirst(map)
    }

    /// The words that begin with `lower`'s first character (`lower` in lower case).
    pub(crate) fn starting(&self, lower: &str) -> &[String] {
        lower
            .chars()
            .next()
            .and_then(|c| self.0.get(&c))
            .map_or(&[], Vec::as_slice)
    }
}
