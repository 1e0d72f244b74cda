//! A set of strings searched for in short texts (phrase rules, the shape lexicon), ASCII letters in
//! any case, answering exactly as an Aho-Corasick automaton with standard match semantics does.
//!
//! Building the automaton costs more than a process converting one small post spends on the post
//! itself (a DFA built here: about 5M instructions for the shape lexicon, 1.4M for the phrases,
//! most of it the memory's; `aho_corasick`'s own builders took 14M and 25M). So a set starts with
//! a sorted table, built in a few thousand instructions, that finds each match by its first two
//! bytes, and builds the automaton once it has searched enough text to have paid for it. Both give the same matches in the same order: the table's are put in the automaton's order
//! (see [`Patterns::overlapping`] and [`Patterns::non_overlapping`]).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use aho_corasick::automaton::Automaton;

use super::fast_hash::FastMap;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, nfa};

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
    automaton: OnceLock<Option<Built>>,
    kind: AhoCorasickKind,
    /// Where in a text the first match may start, found without reading every byte: built at the
    /// first search, for a set whose patterns are all long enough ([`Skip`]).
    skip: OnceLock<Option<Skip>>,
}

/// The automaton a set searches with once built: a DFA built here ([`Dense`]), or the contiguous
/// NFA itself, walked by [`overlapping_in`] and [`non_overlapping_in`] a byte at a time (the
/// `AhoCorasick` searches reach them through a trait object and a search set up per call, at twice
/// the instructions a byte on short lines), or `AhoCorasick` where an empty pattern makes its
/// handling of empty matches count (or a DFA would be too large to build here).
enum Built {
    Dense(Dense),
    Contiguous(nfa::contiguous::NFA),
    Searcher(AhoCorasick),
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
    /// `kind` is the automaton built once the table has done its share: a DFA (built here, see
    /// [`Dense`]) searches fastest and takes the most memory (about 4 MB for the shape lexicon's
    /// thousand words); a contiguous NFA a fraction of that, searching at about three times the
    /// instructions a byte.
    pub(crate) fn new(patterns: Vec<String>, kind: AhoCorasickKind) -> Patterns {
        Patterns::new_in_order(patterns, kind, &[])
    }

    /// [`Patterns::new`], the patterns taken in `order` (their positions) when that is the order
    /// they sort into, as [`lexicon_words_in`] takes one.
    pub(crate) fn new_in_order(
        patterns: Vec<String>,
        kind: AhoCorasickKind,
        order: &[u32],
    ) -> Patterns {
        // by the bytes in lower case, equal ones in their order. Every process sorts the
        // lexicons' hundreds of words at its start: each is keyed by its first eight bytes (in
        // lower case, as a big-endian number, zeros after a shorter one), compared whole only
        // where those are the same; no word is copied
        let lower = |i: u32| {
            let p = patterns[i as usize].as_bytes();
            p.iter().map(u8::to_ascii_lowercase)
        };
        let head = |i: u32| {
            let mut head = [0u8; 8];
            for (h, b) in head.iter_mut().zip(lower(i)) {
                *h = b;
            }
            u64::from_be_bytes(head)
        };
        let cmp = |(ka, a): &(u64, u32), (kb, b): &(u64, u32)| {
            ka.cmp(kb)
                .then_with(|| lower(*a).cmp(lower(*b)))
                .then(a.cmp(b))
        };
        // the built-in lexicon's order, from build.rs, when each pattern comes before the next
        // (compared whole: the order of the heads and then the whole is the order of the whole)
        let ordered = is_order_of(order, patterns.len())
            && order.windows(2).all(|w| {
                let (a, b) = (
                    patterns[w[0] as usize].as_bytes(),
                    patterns[w[1] as usize].as_bytes(),
                );
                cmp_ascii_lowercase(a, b).then(w[0].cmp(&w[1])) == std::cmp::Ordering::Less
            });
        let sorted: Vec<u32> = if ordered {
            order.to_vec()
        } else {
            let mut keyed: Vec<(u64, u32)> =
                (0..patterns.len() as u32).map(|i| (head(i), i)).collect();
            keyed.sort_unstable_by(cmp);
            keyed.into_iter().map(|(_, i)| i).collect()
        };
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
            skip: OnceLock::new(),
        }
    }

    /// `text` from where the first match in it starts, and that place; `None` when no pattern is
    /// in it. A search from there finds what a search from the start finds, its places less the
    /// skipped bytes: no match starts in them, so none is in progress where it begins.
    fn skip_to_first_match<'t>(&self, text: &'t str) -> Option<(usize, &'t str)> {
        let Some(skip) = self.skip.get_or_init(|| Skip::new(&self.patterns)) else {
            return Some((0, text));
        };
        let from = skip.first_start(&self.patterns, text.as_bytes())?;
        // a pattern starts there, so a character does too
        Some(text.get(from..).map_or((0, text), |rest| (from, rest)))
    }

    /// The automaton, once the table has searched its share (or cannot answer).
    fn automaton(&self, text: &str) -> Option<&Built> {
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
                // file; the table answers then. Prefilters change no match, and these sets (many
                // patterns, in any case) would get none worth its cost
                let contiguous = || {
                    nfa::contiguous::NFA::builder()
                        .ascii_case_insensitive(true)
                        .match_kind(aho_corasick::MatchKind::Standard)
                        .prefilter(false)
                        .build(&self.patterns)
                        .ok()
                        .map(Built::Contiguous)
                };
                match self.kind {
                    // a set too large for a DFA of its own size gets the NFA
                    AhoCorasickKind::DFA if !self.has_empty => Dense::new(&self.patterns)
                        .map(Built::Dense)
                        .or_else(contiguous),
                    AhoCorasickKind::ContiguousNFA if !self.has_empty => contiguous(),
                    kind => AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .kind(Some(kind))
                        .build(&self.patterns)
                        .ok()
                        .map(Built::Searcher),
                }
            })
            .as_ref()
    }

    /// Every match in `text`, overlapping ones too, in the order of the automaton's overlapping
    /// search: by end; at one end, longest first; one string given twice (or in two cases), in
    /// pattern order.
    pub(crate) fn overlapping(&self, text: &str, mut each: impl FnMut(Found)) {
        let Some((from, text)) = self.skip_to_first_match(text) else {
            return;
        };
        let mut each = |(p, start, end): Found| each((p, from + start, from + end));
        match self.automaton(text) {
            Some(Built::Dense(a)) => return a.overlapping(text, each),
            Some(Built::Contiguous(a)) => return overlapping_in(a, text, each),
            Some(Built::Searcher(ac)) => {
                for m in ac.find_overlapping_iter(text) {
                    each((m.pattern().as_usize(), m.start(), m.end()));
                }
                return;
            }
            None => {}
        }
        self.table_matches(text).into_iter().for_each(each);
    }

    /// The matches of the automaton's standard (non-overlapping) search: the match ending first,
    /// the longest of those ending there, then the same from its end on.
    pub(crate) fn non_overlapping(&self, text: &str, mut each: impl FnMut(Found)) {
        let Some((from, text)) = self.skip_to_first_match(text) else {
            return;
        };
        let mut each = |(p, start, end): Found| each((p, from + start, from + end));
        match self.automaton(text) {
            Some(Built::Dense(a)) => return a.non_overlapping(text, each),
            Some(Built::Contiguous(a)) => return non_overlapping_in(a, text, each),
            Some(Built::Searcher(ac)) => {
                for m in ac.find_iter(text) {
                    each((m.pattern().as_usize(), m.start(), m.end()));
                }
                return;
            }
            None => {}
        }
        let mut from = 0;
        for (p, start, end) in self.table_matches(text) {
            if start >= from {
                from = end;
                each((p, start, end));
            }
        }
    }

    /// Every (pattern, start, end) in `text`, in the overlapping search's order (by end, then
    /// start, then pattern): at each byte, the patterns sharing its first two bytes (in lower
    /// case), and those of that one byte, are compared whole.
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
        found.sort_unstable_by_key(|&(p, start, end)| (end, start, p));
        found
    }
}

/// The matches of an overlapping search of `text` with `a` (standard match semantics, no empty
/// pattern), in the order `AhoCorasick::find_overlapping_iter` gives them: at each byte, every
/// pattern of the state reached, in the state's order.
fn overlapping_in<A: Automaton>(a: &A, text: &str, mut each: impl FnMut(Found)) {
    let Ok(mut sid) = a.start_state(Anchored::No) else {
        return;
    };
    for (at, &b) in text.as_bytes().iter().enumerate() {
        sid = a.next_state(Anchored::No, sid, b);
        if a.is_special(sid) {
            if a.is_dead(sid) {
                return;
            }
            if a.is_match(sid) {
                for i in 0..a.match_len(sid) {
                    let p = a.match_pattern(sid, i);
                    each((p.as_usize(), at + 1 - a.pattern_len(p), at + 1));
                }
            }
        }
    }
}

/// The matches of a standard (non-overlapping) search of `text` with `a` (no empty pattern), as
/// `AhoCorasick::find_iter` gives them: the first match state reached gives its first pattern,
/// and the search starts again from the start state after it.
fn non_overlapping_in<A: Automaton>(a: &A, text: &str, mut each: impl FnMut(Found)) {
    let Ok(start) = a.start_state(Anchored::No) else {
        return;
    };
    let mut sid = start;
    for (at, &b) in text.as_bytes().iter().enumerate() {
        sid = a.next_state(Anchored::No, sid, b);
        if a.is_special(sid) {
            if a.is_dead(sid) {
                return;
            }
            if a.is_match(sid) {
                let p = a.match_pattern(sid, 0);
                each((p.as_usize(), at + 1 - a.pattern_len(p), at + 1));
                sid = start;
            }
        }
    }
}

/// A DFA over the patterns' bytes (ASCII letters in lower case), built here: the textbook
/// construction, every state's row filled from its failure state's, in breadth-first order. It
/// answers as `aho_corasick`'s DFA with standard match semantics does (a state's matches are its
/// own patterns in their order, then its failure state's), and is walked the same way, but builds
/// in a few instructions a transition where `aho_corasick`'s builder walks the failure links of
/// its sparse NFA for every state and byte (24.7M instructions for the phrase rules, 0.9M here).
struct Dense {
    /// Each byte's class: the patterns' bytes one each (an ASCII letter with its other case), the
    /// rest one class (0) that leads back towards the start.
    classes: [u8; 256],
    /// How many classes (a row's length).
    stride: usize,
    /// The rows: a state's id is its row's offset, so that a transition is one load. Match states
    /// come first: a state is one iff its id is below `match_end`. Unused room after the last row
    /// makes the length a power of two.
    trans: Vec<u32>,
    match_end: u32,
    start: u32,
    /// For each match state (id / stride), its range of `matches`.
    match_ranges: Vec<(u32, u32)>,
    /// Pattern indexes, each match state's in the order it reports them.
    matches: Vec<u32>,
    /// Each pattern's length in bytes.
    lens: Vec<u32>,
}

/// A transition not yet set while the trie is built.
const UNSET: u32 = u32::MAX;

/// The most transitions a DFA is built with (4 bytes each, 16 MB); past it the set gets a
/// contiguous NFA. The built-in rules' largest, the shape lexicon, has about 8,000 states of 116
/// classes (3.7 MB), the phrase rules about 1,900 of 106.
const DENSE_MAX_TRANSITIONS: usize = 1 << 22;

impl Dense {
    /// The DFA of `patterns` (none empty), or `None` past [`DENSE_MAX_TRANSITIONS`].
    fn new(patterns: &[String]) -> Option<Dense> {
        let mut used = [false; 256];
        let mut most_states = 1;
        for p in patterns {
            most_states += p.len();
            for &b in p.as_bytes() {
                used[usize::from(b.to_ascii_lowercase())] = true;
            }
        }
        let mut classes = [0u8; 256];
        let mut stride = 1;
        for b in 0..=255u8 {
            if used[usize::from(b)] {
                // at most 231 classes: the 26 capitals share their letters'
                classes[usize::from(b)] = stride as u8;
                stride += 1;
            }
        }
        for b in b'A'..=b'Z' {
            classes[usize::from(b)] = classes[usize::from(b.to_ascii_lowercase())];
        }
        if most_states.checked_mul(stride)? > DENSE_MAX_TRANSITIONS {
            return None;
        }
        // the trie, sparse: each state's children as a list of (class, child, next edge); the
        // start is state 0; each pattern ends in a state
        let mut first_edge: Vec<u32> = vec![UNSET];
        let mut edges: Vec<(u8, u32, u32)> = Vec::with_capacity(most_states);
        let mut ends: Vec<(u32, u32)> = Vec::with_capacity(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            let mut s = 0usize;
            for &b in p.as_bytes() {
                let c = classes[usize::from(b)];
                let mut e = first_edge[s];
                while e != UNSET && edges[e as usize].0 != c {
                    e = edges[e as usize].2;
                }
                s = if e == UNSET {
                    let t = first_edge.len();
                    edges.push((c, t as u32, first_edge[s]));
                    first_edge[s] = edges.len() as u32 - 1;
                    first_edge.push(UNSET);
                    t
                } else {
                    edges[e as usize].1 as usize
                };
            }
            ends.push((s as u32, i as u32));
        }
        let n = first_edge.len();
        // each state's own patterns, in their order
        ends.sort_by_key(|&(s, _)| s);
        let mut own: Vec<(u32, u32)> = vec![(0, 0); n];
        for (k, &(s, _)) in ends.iter().enumerate() {
            let r = &mut own[s as usize];
            if r.1 == 0 {
                r.0 = k as u32;
            }
            r.1 = k as u32 + 1;
        }
        // Breadth first, each state given its row when found: match states from the first row
        // up, the others from the last down, so that the match states come first without a pass
        // renumbering the rows. A state's row is its failure state's (shallower, so done) with its
        // own children set; its matches are its own patterns, then its failure state's.
        // a power of two long, so that the walk's index masked by the length less one is in the
        // table without a bounds check (every index it makes is below n * stride anyway)
        let mut trans = vec![0u32; (n * stride).next_power_of_two()];
        // by row: the range of `all` holding the state's matches
        let mut ranges: Vec<(u32, u32)> = vec![(0, 0); n];
        let mut all: Vec<u32> = Vec::new();
        let (mut low, mut high) = (0usize, n - 1);
        let start = (high * stride) as u32;
        trans[high * stride..].fill(start);
        // trie states in the order found, each with its row and its failure state's row
        let mut order: Vec<(u32, u32, u32)> = Vec::with_capacity(n);
        let mut found = |t: u32, fail: u32, order: &mut Vec<(u32, u32, u32)>| -> u32 {
            let from = all.len() as u32;
            let (a, b) = own[t as usize];
            all.extend(ends[a as usize..b as usize].iter().map(|&(_, p)| p));
            let (fa, fb) = ranges[fail as usize / stride];
            all.extend_from_within(fa as usize..fb as usize);
            let row = if all.len() as u32 > from {
                low += 1;
                low - 1
            } else {
                high -= 1;
                high
            };
            ranges[row] = (from, all.len() as u32);
            let id = (row * stride) as u32;
            order.push((t, id, fail));
            id
        };
        let mut e = first_edge[0];
        while e != UNSET {
            let (c, t, next) = edges[e as usize];
            trans[start as usize + usize::from(c)] = found(t, start, &mut order);
            e = next;
        }
        let mut head = 0;
        while let Some(&(s, id, fail)) = order.get(head) {
            head += 1;
            let (id, fail) = (id as usize, fail as usize);
            trans.copy_within(fail..fail + stride, id);
            let mut e = first_edge[s as usize];
            while e != UNSET {
                let (c, t, next) = edges[e as usize];
                let c = usize::from(c);
                trans[id + c] = found(t, trans[fail + c], &mut order);
                e = next;
            }
        }
        let match_end = (low * stride) as u32;
        ranges.truncate(low);
        Some(Dense {
            classes,
            stride,
            trans,
            match_end,
            start,
            match_ranges: ranges,
            matches: all,
            lens: patterns.iter().map(|p| p.len() as u32).collect(),
        })
    }

    /// The patterns of match state `sid`, in its order.
    fn matches_of(&self, sid: u32) -> &[u32] {
        let (a, b) = self.match_ranges[sid as usize / self.stride];
        &self.matches[a as usize..b as usize]
    }

    /// From state `sid`, the first match state `bytes` lead to: the bytes read up to it and the
    /// state. Not inlined: in a function of its own the walk keeps all it needs in registers (in
    /// its callers' it read the text's place and length back from the stack at every byte).
    /// Four bytes a turn of the loop: one test of the loop's end for the four.
    #[inline(never)]
    fn to_match(&self, sid: u32, bytes: &[u8]) -> Option<(usize, u32)> {
        let mask = self.trans.len() - 1;
        let (trans, classes) = (&self.trans[..=mask], &self.classes);
        let end = self.match_end as usize;
        let mut sid = sid as usize;
        let step = |sid: &mut usize, b: u8| {
            *sid = trans[(*sid + usize::from(classes[usize::from(b)])) & mask] as usize;
            *sid < end
        };
        let quads = bytes.chunks_exact(4);
        let rest = quads.remainder();
        for (k, quad) in quads.enumerate() {
            for (i, &b) in quad.iter().enumerate() {
                if step(&mut sid, b) {
                    return Some((4 * k + i + 1, sid as u32));
                }
            }
        }
        let done = bytes.len() - rest.len();
        for (i, &b) in rest.iter().enumerate() {
            if step(&mut sid, b) {
                return Some((done + i + 1, sid as u32));
            }
        }
        None
    }

    /// As [`overlapping_in`]: at each byte, every pattern of the state reached.
    fn overlapping(&self, text: &str, mut each: impl FnMut(Found)) {
        let bytes = text.as_bytes();
        let (mut sid, mut at) = (self.start, 0);
        while let Some((read, matched)) = self.to_match(sid, &bytes[at..]) {
            at += read;
            for &p in self.matches_of(matched) {
                each((p as usize, at - self.lens[p as usize] as usize, at));
            }
            sid = matched;
        }
    }

    /// As [`non_overlapping_in`]: the first match state reached gives its first pattern, and the
    /// walk starts again after it.
    fn non_overlapping(&self, text: &str, mut each: impl FnMut(Found)) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some((read, matched)) = self.to_match(self.start, &bytes[at..]) {
            at += read;
            let p = self.matches_of(matched)[0];
            each((p as usize, at - self.lens[p as usize] as usize, at));
        }
    }
}

/// The shortest patterns a set skips through texts for: the skip moves on by up to two bytes
/// fewer than the shortest pattern at each look, and a set with shorter ones is walked byte by
/// byte from the start.
const SKIP_MIN_LEN: usize = 6;

/// The bytes of a text a [`Skip`] hashes at each look.
const SKIP_BLOCK: usize = 3;

/// A [`Skip`]'s table has `1 << SKIP_BITS` entries (16 KB).
const SKIP_BITS: u32 = 14;

/// Where the first match in a text starts, found the way Wu and Manber's search finds matches:
/// a window as long as the shortest pattern moves along the text, and the three bytes at its end
/// (ASCII letters in lower case, hashed) say how far it may move on without passing over the
/// start of a pattern (by how far those bytes stand from the end of the patterns' first
/// `shortest` bytes, where they do; by the window's length less two where they are in none).
/// Where they may end those first bytes, the patterns they end are compared there whole.
///
/// Most texts searched hold no pattern (a paragraph against the phrase rules), and the window
/// takes them in about a sixth of the looks a walk takes bytes, each look a few loads.
struct Skip {
    /// The shortest pattern's length in bytes.
    shortest: usize,
    /// For each hash of three bytes, how far the window may move on when they end it.
    shift: Box<[u8; 1 << SKIP_BITS]>,
    /// The hash of the three bytes ending each pattern's first `shortest` bytes, and the
    /// pattern, sorted: where the window stops, the patterns it may hold.
    ends: Vec<(u16, u32)>,
}

impl Skip {
    /// The skip for `patterns`, or `None` when one is shorter than [`SKIP_MIN_LEN`] bytes.
    fn new(patterns: &[String]) -> Option<Skip> {
        let shortest = patterns.iter().map(String::len).min()?;
        if shortest < SKIP_MIN_LEN {
            return None;
        }
        // a shift past a byte's range is cut to it: a shorter one passes over nothing
        let most = (shortest - SKIP_BLOCK + 1).min(usize::from(u8::MAX)) as u8;
        let mut shift = Box::new([most; 1 << SKIP_BITS]);
        let mut ends = Vec::with_capacity(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            let head = &p.as_bytes()[..shortest];
            for end in SKIP_BLOCK - 1..shortest {
                let to_end = (shortest - 1 - end).min(usize::from(u8::MAX)) as u8;
                let slot = &mut shift[block_hash(block_at(head, end))];
                *slot = (*slot).min(to_end);
            }
            ends.push((block_hash(block_at(head, shortest - 1)) as u16, i as u32));
        }
        ends.sort_unstable();
        Some(Skip {
            shortest,
            shift,
            ends,
        })
    }

    /// Where the first pattern in `text` starts (ASCII letters in any case), or `None`.
    fn first_start(&self, patterns: &[String], text: &[u8]) -> Option<usize> {
        let mut end = self.shortest - 1;
        while let Some(&[a, b, c]) = text.get(end + 1 - SKIP_BLOCK..=end) {
            let hash = block_hash([a, b, c]);
            let by = self.shift[hash];
            if by > 0 {
                end += usize::from(by);
                continue;
            }
            let start = end + 1 - self.shortest;
            let first = self.ends.partition_point(|&(h, _)| usize::from(h) < hash);
            for &(h, p) in &self.ends[first..] {
                if usize::from(h) != hash {
                    break;
                }
                let p = patterns[p as usize].as_bytes();
                if text
                    .get(start..start + p.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(p))
                {
                    return Some(start);
                }
            }
            end += 1;
        }
        None
    }
}

/// The three bytes of `bytes` that end at `end` (at least 2).
fn block_at(bytes: &[u8], end: usize) -> [u8; SKIP_BLOCK] {
    let mut block = [0; SKIP_BLOCK];
    block.copy_from_slice(&bytes[end + 1 - SKIP_BLOCK..=end]);
    block
}

/// The hash of three bytes, below `1 << SKIP_BITS`. Each byte is taken with its 0x20 bit set, so
/// that an ASCII letter hashes alike in either case (so do a few other pairs of bytes: they share
/// a shift, which is never larger for it).
#[inline(always)]
fn block_hash([a, b, c]: [u8; SKIP_BLOCK]) -> usize {
    let word = (u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c)) | 0x20_2020;
    (word.wrapping_mul(0x9E37_79B1) >> (32 - SKIP_BITS)) as usize
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

    /// The built-in YAML's list at `path`.
    fn builtin_list(path: &[&str]) -> Vec<String> {
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(include_str!("builtin-rules.yaml")).expect("the YAML reads");
        let mut at = &yaml;
        for key in path {
            at = &at[*key];
        }
        at.as_sequence()
            .map(|s| {
                s.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn build_orders_are_taken_for_the_builtin_lexicons_and_give_the_sorted_words() {
        let b = |key: &str| builtin_list(&["article", "bylines", key]);
        let months: Vec<String> = {
            let yaml: serde_yaml::Value =
                serde_yaml::from_str(include_str!("builtin-rules.yaml")).expect("the YAML reads");
            let names = yaml["article"]["bylines"]["month_names"]
                .as_sequence()
                .into_iter()
                .flatten()
                .filter_map(|m| m.as_sequence())
                .flatten()
                .filter_map(|w| w.as_str().map(String::from));
            b("months").into_iter().chain(names).collect()
        };
        let lists = [
            b("labels"),
            b("dates"),
            months,
            b("relative"),
            b("units"),
            b("contacts"),
            b("sources").into_iter().chain(b("editors")).collect(),
            b("editors"),
            b("controls"),
            b("roles"),
            b("ends"),
            b("firsts"),
            b("origins"),
            b("addresses"),
            b("bios"),
            b("forwards"),
            b("locations"),
            b("polls"),
            builtin_list(&["credits", "labels"]),
            builtin_list(&["credits", "agencies"]),
        ];
        let orders = crate::clean::builtin::BYLINE_ORDERS
            .into_iter()
            .chain(crate::clean::builtin::CREDIT_ORDERS);
        for (words, order) in lists.iter().zip(orders) {
            assert!(!words.is_empty(), "every list is in the built-in rules");
            let mut kept: Vec<String> = words
                .iter()
                .map(|w| crate::model::inlines::to_lowercase(w.trim()))
                .filter(|w| !w.is_empty())
                .collect();
            // taken, not sorted again
            assert!(
                put_in_order(&mut kept, order, |a, b| b
                    .len()
                    .cmp(&a.len())
                    .then(a.cmp(b))
                    != std::cmp::Ordering::Greater),
                "{words:?}"
            );
            assert_eq!(lexicon_words_in(words, order), lexicon_words(words));
        }
        // an order that does not fit is not taken
        let words = ["b", "a", "cc"].map(String::from);
        for wrong in [&[0u32, 1, 2][..], &[0, 0, 1], &[2, 1], &[2, 0, 1, 3]] {
            assert_eq!(lexicon_words_in(&words, wrong), ["cc", "a", "b"]);
        }
    }

    #[test]
    fn the_build_order_of_the_shape_lexicon_is_taken_and_sorts_its_patterns() {
        let rules = crate::Rules::builtin();
        let in_force = rules.in_force(None, None);
        let shape = in_force
            .shape()
            .expect("the built-in rules have a shape lexicon");
        let lexicon = shape.entries().patterns.clone();
        let order = crate::clean::builtin::SHAPE_ORDER;
        let taken = Patterns::new_in_order(lexicon.clone(), AhoCorasickKind::DFA, order);
        assert_eq!(taken.sorted, order, "the order is taken");
        let sorted = Patterns::new(lexicon.clone(), AhoCorasickKind::DFA);
        assert_eq!(taken.sorted, sorted.sorted);
        assert_eq!(taken.keys, sorted.keys);
        assert_eq!(taken.ranges, sorted.ranges);
        // one out of place is not taken
        let mut wrong = order.to_vec();
        wrong.swap(0, 1);
        let resorted = Patterns::new_in_order(lexicon, AhoCorasickKind::DFA, &wrong);
        assert_eq!(resorted.sorted, sorted.sorted);
    }

    fn automaton(patterns: &[String]) -> AhoCorasick {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .unwrap()
    }

    /// What `AhoCorasick` finds in `text`: every match in its order, and the leftmost ones.
    fn found_by(ac: &AhoCorasick, text: &str) -> (Vec<Found>, Vec<Found>) {
        let found = |m: aho_corasick::Match| (m.pattern().as_usize(), m.start(), m.end());
        (
            ac.find_overlapping_iter(text).map(found).collect(),
            ac.find_iter(text).map(found).collect(),
        )
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
                let (overlapping, leftmost) = found_by(&ac, &text);
                prop_assert_eq!(t.table_matches_in_order(&text), overlapping);
                prop_assert_eq!(t.table_non_overlapping(&text), leftmost);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// The DFA and the contiguous NFA walked here give `AhoCorasick`'s matches in its order.
        #[test]
        fn the_automata_walked_here_find_what_aho_corasick_finds(
            patterns in proptest::collection::vec(alphabet().prop_filter("not empty", |p| !p.is_empty()), 1..8),
            texts in proptest::collection::vec(alphabet(), 1..4),
        ) {
            let ac = automaton(&patterns);
            for kind in [AhoCorasickKind::DFA, AhoCorasickKind::ContiguousNFA] {
                let set = Patterns::new(patterns.clone(), kind);
                // past the table's budget: the automaton answers from here on (built now: a
                // search the skip finds no match for does not reach it)
                set.searched.store(TABLE_BUDGET_BYTES + 1, Relaxed);
                set.automaton("");
                for piece in &texts {
                    let text = piece.repeat(3);
                    let (overlapping, leftmost) = found_by(&ac, &text);
                    prop_assert_eq!(set.table_matches_in_order(&text), overlapping);
                    prop_assert_eq!(set.table_non_overlapping(&text), leftmost);
                }
                let built = matches!(
                    (kind, set.automaton.get()),
                    (AhoCorasickKind::DFA, Some(Some(Built::Dense(_))))
                        | (AhoCorasickKind::ContiguousNFA, Some(Some(Built::Contiguous(_))))
                );
                prop_assert!(built);
            }
        }
    }

    /// Patterns of at least [`SKIP_MIN_LEN`] bytes from the small alphabet, so that the skip
    /// is built.
    fn long_pattern() -> impl Strategy<Value = String> {
        proptest::collection::vec(alphabet(), 2..5)
            .prop_map(|v| v.concat())
            .prop_filter("skipped for", |p| p.len() >= SKIP_MIN_LEN)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// With the skip, the table and the automata give `AhoCorasick`'s matches in its order,
        /// and the skip finds where the first of them starts.
        #[test]
        fn the_skip_changes_no_match(
            patterns in proptest::collection::vec(long_pattern(), 1..8),
            texts in proptest::collection::vec(alphabet(), 1..6),
            inserted in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..3),
        ) {
            let ac = automaton(&patterns);
            // the pieces, and now and then a pattern among them (in another case at times)
            let mut pieces = texts.clone();
            for (at, which) in &inserted {
                let p = which.get(&patterns);
                let p = if p.len() % 2 == 0 { p.to_ascii_uppercase() } else { p.clone() };
                pieces.insert(at.index(pieces.len() + 1), p);
            }
            let text = pieces.concat().repeat(2);
            let (overlapping, leftmost) = found_by(&ac, &text);
            let skip = Skip::new(&patterns).expect("long enough to skip for");
            prop_assert_eq!(
                skip.first_start(&patterns, text.as_bytes()),
                overlapping.iter().map(|&(_, start, _)| start).min()
            );
            for kind in [AhoCorasickKind::DFA, AhoCorasickKind::ContiguousNFA] {
                let set = Patterns::new(patterns.clone(), kind);
                prop_assert_eq!(set.table_matches_in_order(&text), overlapping.clone());
                prop_assert_eq!(set.table_non_overlapping(&text), leftmost.clone());
                set.searched.store(TABLE_BUDGET_BYTES + 1, Relaxed);
                prop_assert_eq!(set.table_matches_in_order(&text), overlapping.clone());
                prop_assert_eq!(set.table_non_overlapping(&text), leftmost.clone());
                prop_assert!(matches!(set.skip.get(), Some(Some(_))));
            }
        }
    }

    #[test]
    fn a_set_with_a_short_pattern_is_not_skipped_through() {
        let patterns: Vec<String> = ["abcdef", "注"].map(String::from).to_vec();
        assert!(Skip::new(&patterns).is_none());
        let set = Patterns::new(patterns, AhoCorasickKind::DFA);
        assert_eq!(
            set.table_matches_in_order("x ABCDEF 注"),
            [(0, 2, 8), (1, 9, 12)]
        );
        assert!(matches!(set.skip.get(), Some(None)));
        let long: Vec<String> = ["请激活JavaScript", "Permalink"].map(String::from).to_vec();
        let set = Patterns::new(long, AhoCorasickKind::DFA);
        assert!(
            set.table_matches_in_order("一段没有它们的文字。")
                .is_empty()
        );
        assert_eq!(
            set.table_non_overlapping("Copy the PERMALINK or 请激活javascript"),
            [(1, 9, 18), (0, 22, 41)]
        );
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
    fn a_set_too_large_for_a_dfa_gets_the_nfa_with_the_same_answers() {
        // 4,000 patterns of 12 characters of two bytes, over 67 distinct bytes: up to 96,000
        // states of 68 classes, past the DFA's limit
        let chars: Vec<char> = (0x100u32..0x100 + 190).filter_map(char::from_u32).collect();
        let patterns: Vec<String> = (0..4000usize)
            .map(|i| {
                (0..12)
                    .map(|k| chars[(i * 7 + k * (i % 13 + 1)) % chars.len()])
                    .collect()
            })
            .collect();
        assert!(Dense::new(&patterns).is_none());
        let set = Patterns::new(patterns.clone(), AhoCorasickKind::DFA);
        set.searched.store(TABLE_BUDGET_BYTES + 1, Relaxed);
        let text: String = patterns[5..40].concat() + "a" + &patterns[3999];
        let (overlapping, leftmost) = found_by(&automaton(&patterns), &text);
        assert!(!leftmost.is_empty());
        assert_eq!(set.table_matches_in_order(&text), overlapping);
        assert_eq!(set.table_non_overlapping(&text), leftmost);
        assert!(matches!(
            set.automaton.get(),
            Some(Some(Built::Contiguous(_)))
        ));
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
pub(crate) fn lexicon_words<'w>(words: impl IntoIterator<Item = &'w String>) -> Vec<String> {
    lexicon_words_in(words, &[])
}

/// [`lexicon_words`], put in `order` (positions among the words kept) instead of sorted when that
/// is their sorted order: build.rs works out the built-in lexicons' orders (`clean::builtin`),
/// which every process's start sorted before. Any other order, or one that is not a permutation
/// of the words, is not taken: the words are sorted as without it.
pub(crate) fn lexicon_words_in<'w>(
    words: impl IntoIterator<Item = &'w String>,
    order: &[u32],
) -> Vec<String> {
    let mut v: Vec<String> = words
        .into_iter()
        .map(|s| crate::model::inlines::to_lowercase(s.trim()))
        .filter(|s| !s.is_empty())
        .collect();
    let cmp = |a: &String, b: &String| b.len().cmp(&a.len()).then(a.cmp(b));
    // words that compare equal are the same word, kept once: their order does not show
    if !put_in_order(&mut v, order, |a, b| {
        cmp(a, b) != std::cmp::Ordering::Greater
    }) {
        v.sort_unstable_by(cmp);
    }
    v.dedup();
    v
}

/// Puts `items` in `order` when it is a permutation of their positions and `in_order` holds for
/// every two items it puts next to each other; otherwise leaves them and says so.
fn put_in_order<T: Default>(
    items: &mut Vec<T>,
    order: &[u32],
    in_order: impl Fn(&T, &T) -> bool,
) -> bool {
    if !is_order_of(order, items.len())
        || !order
            .windows(2)
            .all(|w| in_order(&items[w[0] as usize], &items[w[1] as usize]))
    {
        return false;
    }
    let mut taken = std::mem::take(items);
    *items = order
        .iter()
        .map(|&i| std::mem::take(&mut taken[i as usize]))
        .collect();
    true
}

/// `a` and `b` compared by their bytes in ASCII lower case.
fn cmp_ascii_lowercase(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
    }
    a.len().cmp(&b.len())
}

/// Whether `order` names each of `0..n` once.
fn is_order_of(order: &[u32], n: usize) -> bool {
    if order.len() != n {
        return false;
    }
    let mut seen = vec![false; n];
    order.iter().all(|&i| {
        seen.get_mut(i as usize)
            .is_some_and(|s| !std::mem::replace(s, true))
    })
}

/// Lexicon words by their first character, longest first: the words a text may begin with,
/// without trying the rest. Keyed by the rules' characters with the rule tables' hash (a text's
/// character only looks one up; std's keyed hash cost a look about 170 instructions).
#[derive(Debug, Default)]
pub(crate) struct ByFirst(FastMap<char, Vec<String>>);

impl ByFirst {
    /// `words` as [`lexicon_words`] gives them, taken rather than copied (each is an allocation at
    /// every process's start).
    pub(crate) fn new(words: Vec<String>) -> ByFirst {
        let mut map: FastMap<char, Vec<String>> = FastMap::default();
        for w in words {
            if let Some(first) = w.chars().next() {
                map.entry(first).or_default().push(w);
            }
        }
        ByFirst(map)
    }

    /// The words that begin with `lower`'s first character (`lower` in lower case).
    pub(crate) fn starting(&self, lower: &str) -> &[String] {
        lower.chars().next().map_or(&[], |c| self.starting_with(c))
    }

    /// The words that begin with `c` (in lower case).
    pub(crate) fn starting_with(&self, c: char) -> &[String] {
        self.0.get(&c).map_or(&[], Vec::as_slice)
    }

    /// Whether `word` is one of the words.
    pub(crate) fn has(&self, word: &str) -> bool {
        self.starting(word).iter().any(|w| w == word)
    }
}
