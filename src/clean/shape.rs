//! Boilerplate found by its shape rather than by a fixed phrase: calls to action, channel links and
//! "more reading" runs at the tail (and head) of an article.
//!
//! Feeds carry an outlet's stock lines inside the article text, as ordinary paragraphs or as one
//! block whose lines are separated only by line breaks, sentence punctuation or a URL. No class name
//! marks them and no phrase list keeps up with new outlets, but they share a shape: an action word
//! (subscribe, follow, donate, download, scan, join, listen, watch …), an appeal to the reader
//! ("welcome to", "please", "our", "this channel"), a URL or a platform name, few words. Each unit of
//! text (a sentence, a line, a list item) is scored with those features from the lexicon in the rule
//! data; the run of units that score as boilerplate at the end of the article (and at its start) is
//! removed, stopping at the first unit that reads as content. Nothing is cut out of the middle of
//! the article by score alone, and the pass never leaves an article without content.

use serde::{Deserialize, Serialize};

use crate::model::inlines::plain_text;
use crate::model::{Block, Inline};
use crate::report::Report;

/// The lexicon and weights of the shape score: the `shape:` key of the rule data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Shape {
    /// A unit is boilerplate when its score reaches this.
    #[serde(default = "default_threshold")]
    pub(crate) threshold: u32,
    /// Units with more characters than this need one point more: long prose mentions "subscribe"
    /// in passing.
    #[serde(default = "default_long")]
    pub(crate) long_chars: usize,
    /// Units this short (characters) score a point for being short once the unit below them is
    /// boilerplate: lists of perks and links run in short lines.
    #[serde(default = "default_short")]
    pub(crate) short_chars: usize,
    /// How many units that are not boilerplate, each at most `gap_chars` long, a tail run may step
    /// over (a disclaimer or a bare label between two blocks of channel links).
    #[serde(default = "default_gap")]
    pub(crate) max_gap: usize,
    /// See `max_gap`.
    #[serde(default = "default_gap_chars")]
    pub(crate) gap_chars: usize,
    /// Words that appeal to the reader or speak for the outlet ("welcome", "please", "our").
    #[serde(default)]
    pub(crate) markers: Vec<String>,
    /// Words of reported speech ("said", "表示"): a unit holding one is the article's own text.
    #[serde(default)]
    pub(crate) reporting: Vec<String>,
    /// Names and domains of platforms a channel sends its readers to.
    #[serde(default)]
    pub(crate) platforms: Vec<String>,
    /// The kinds of call to action; a removal is counted under the name of the strongest category
    /// the unit matched (`shape` when it matched only markers, URLs and platforms).
    #[serde(default)]
    pub(crate) categories: Vec<Category>,
}

/// One kind of call to action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Category {
    /// The name removals are counted under.
    pub(crate) name: String,
    /// What the category covers.
    #[serde(default)]
    pub(crate) about: String,
    /// Phrases that are a call to action by themselves (two points).
    #[serde(default)]
    pub(crate) strong: Vec<String>,
    /// Words that suggest one (one point): "subscribe", "会员".
    #[serde(default)]
    pub(crate) weak: Vec<String>,
}

fn default_threshold() -> u32 {
    2
}
fn default_long() -> usize {
    40
}
fn default_short() -> usize {
    24
}
fn default_gap() -> usize {
    2
}
fn default_gap_chars() -> usize {
    40
}

/// The name a removal is counted under when no category matched.
pub(crate) const SHAPE: &str = "shape";

/// A unit of text the score judges: a sentence or line of a paragraph, a heading, a list.
#[derive(Debug)]
struct Unit {
    block: usize,
    /// Character offset of the unit in its block's visible text; `None` when the unit is the whole
    /// block.
    start: Option<usize>,
    text: String,
    kind: UnitKind,
    /// Whether the unit is a whole line of its block (not a sentence run together with others).
    whole_line: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Text,
    /// A figure, rule or other block with no words of its own: it belongs to whatever run it is in.
    Frame,
    /// A quote, code block or table: always content.
    Content,
}

/// The verdict on one unit.
struct Score {
    points: u32,
    category: Option<usize>,
    /// Whether any call-to-action category, platform or URL matched at all.
    cued: bool,
}

impl Shape {
    fn score(&self, text: &str, after_boilerplate: bool) -> Score {
        let lower = text.to_lowercase();
        let has = |w: &String| contains_word(&lower, w);
        let mut points = 0;
        let mut category = None;
        let mut best = 0;
        let mut strong = false;
        for (i, c) in self.categories.iter().enumerate() {
            let p = if c.strong.iter().any(has) {
                2
            } else if c.weak.iter().any(has) {
                1
            } else {
                0
            };
            if p > best {
                best = p;
                category = Some(i);
            }
            strong |= p == 2;
        }
        points += best;
        let marker = self.markers.iter().any(has);
        let platform = self.platforms.iter().any(has);
        let url = has_url(&lower);
        let contact = has_contact(&lower);
        // a URL alone is a source as often as a channel link: it adds to other cues, it is none
        let cued = best > 0 || platform || contact;
        points += u32::from(platform) + u32::from(contact) + u32::from(url && cued);
        if cued && marker {
            points += 1;
        }
        // in a run, a short line or a bare link is one more of the same
        let words = without_urls(text);
        let short_in_run = cued && after_boilerplate && visible_chars(&words) <= self.short_chars;
        if short_in_run {
            points += 1;
        }
        let chars = visible_chars(&words);
        if chars > self.long_chars {
            points = points.saturating_sub(1);
        }
        // news about a platform names it and its features too: a call to action also addresses
        // the reader, gives an address, or is a set phrase
        let appeal = marker || url || contact || strong || short_in_run;
        let reported = self.reporting.iter().any(has);
        Score {
            points,
            category,
            cued: cued && appeal && !reported,
        }
    }

    /// Character offset of the first cue in `text` (a category word, platform, URL or contact),
    /// moved back over an appeal to the reader that stands right before it ("欢迎" in "欢迎订阅").
    fn cue_start(&self, text: &str) -> Option<usize> {
        let lower = text.to_lowercase();
        let first = |words: &mut dyn Iterator<Item = &String>| {
            words.filter_map(|w| find_word(&lower, w)).min()
        };
        let mut at = [
            first(
                &mut self
                    .categories
                    .iter()
                    .flat_map(|c| c.strong.iter().chain(&c.weak)),
            ),
            first(&mut self.platforms.iter()),
            lower.find("http://"),
            lower.find("https://"),
            lower.find("www."),
        ]
        .into_iter()
        .flatten()
        .min()?;
        for m in &self.markers {
            let m = m.to_lowercase();
            if !m.trim().is_empty() && lower[..at].ends_with(&m) {
                at -= m.len();
                break;
            }
        }
        Some(lower[..at].chars().count())
    }

    fn is_boilerplate(&self, s: &Score) -> bool {
        s.cued && s.points >= self.threshold
    }

    fn name(&self, s: &Score) -> &str {
        s.category
            .map_or(SHAPE, |i| self.categories[i].name.as_str())
    }
}

/// Removes the boilerplate runs at the tail and the head of the article.
pub(crate) fn trim(shape: &Shape, blocks: &mut Vec<Block>, report: &mut Report) {
    if shape.categories.is_empty() && shape.platforms.is_empty() {
        return;
    }
    let units = units(blocks);
    if units.is_empty() {
        return;
    }
    let mut drop = vec![false; units.len()];
    let mut names: Vec<Option<String>> = vec![None; units.len()];
    // the tail: from the last unit up, stepping over frames and short gaps
    let mut gap = 0;
    let mut below_boilerplate = false;
    let mut top: Option<usize> = None;
    for i in (0..units.len()).rev() {
        let u = &units[i];
        match u.kind {
            UnitKind::Content => break,
            UnitKind::Frame => continue,
            UnitKind::Text => {}
        }
        let s = shape.score(&u.text, below_boilerplate);
        if shape.is_boilerplate(&s) {
            drop[i] = true;
            names[i] = Some(shape.name(&s).to_string());
            below_boilerplate = true;
            gap = 0;
            top = Some(i);
        } else if gap < shape.max_gap && visible_chars(&without_urls(&u.text)) <= shape.gap_chars {
            gap += 1;
        } else {
            break;
        }
    }
    // the top of the run may be article text run together with the first call to action (no
    // punctuation between them): its lead, when it holds no cue at all, stays
    let mut units = units;
    if let Some(top) = top {
        let u = &mut units[top];
        if let (Some(start), Some(cue)) = (u.start, shape.cue_start(&u.text)) {
            // the lead ends at the last clause boundary before the cue, so that no clause is split
            let chars: Vec<char> = u.text.chars().collect();
            let cue = chars[..cue]
                .iter()
                .rposition(|&c| is_clause_end(c))
                .map_or(0, |p| p + 1);
            let lead: String = chars[..cue].iter().collect();
            if visible_chars(&lead) >= MIN_LEAD_CHARS && !shape.score(&lead, false).cued {
                let lead_len = lead.chars().count();
                u.start = Some(start + lead_len);
                u.text = u.text.chars().skip(lead_len).collect();
            }
        }
    }
    // frames in and below the run (images, rules between channel links) go with it; text the run
    // stepped over stays: every unit removed is one that scored as boilerplate itself
    if let Some(top) = top {
        for i in top..units.len() {
            if units[i].kind == UnitKind::Frame {
                drop[i] = true;
            }
        }
    }
    // the head: whole short lines only, each scoring a point more than the tail needs (a lede
    // that names a platform or an app is news, not a call to action)
    let mut below = false;
    for (i, u) in units.iter().enumerate() {
        if drop[i] || u.kind != UnitKind::Text || !u.whole_line {
            break;
        }
        let s = shape.score(&u.text, below);
        if !shape.is_boilerplate(&s)
            || s.points <= shape.threshold
            || visible_chars(&u.text) > shape.gap_chars
        {
            break;
        }
        drop[i] = true;
        names[i] = Some(shape.name(&s).to_string());
        below = true;
    }
    if !drop.iter().any(|d| *d) {
        return;
    }
    // never leave an article without content: some unit that is not dropped must read as text
    let left: usize = units
        .iter()
        .zip(&drop)
        .filter(|(u, d)| !**d && u.kind != UnitKind::Frame)
        .map(|(u, _)| visible_chars(&u.text))
        .sum();
    let kept_content = units
        .iter()
        .zip(&drop)
        .any(|(u, d)| !*d && u.kind == UnitKind::Content);
    if left < MIN_LEFT_CHARS && !kept_content {
        return;
    }
    apply(blocks, &units, &drop, &names, report);
}

/// An article keeps at least this many characters of text after the pass, or the pass does nothing.
const MIN_LEFT_CHARS: usize = 20;

/// Cuts the dropped units out of their blocks, last first so that offsets stay valid.
fn apply(
    blocks: &mut Vec<Block>,
    units: &[Unit],
    drop: &[bool],
    names: &[Option<String>],
    report: &mut Report,
) {
    let mut remove_block = vec![false; blocks.len()];
    // a block whose units are all dropped goes whole; else its dropped units form a prefix or a
    // suffix of it (runs start at the head or end at the tail), cut at a character offset
    let mut by_block: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    for (i, u) in units.iter().enumerate() {
        by_block[u.block].push(i);
    }
    for (b, ids) in by_block.iter().enumerate() {
        if ids.is_empty() {
            continue;
        }
        let all = ids.iter().all(|&i| drop[i]);
        for &i in ids {
            if drop[i] {
                let name = names[i].as_deref().unwrap_or(match units[i].kind {
                    UnitKind::Frame => FRAME,
                    _ => SHAPE,
                });
                report.count(name);
            }
        }
        if all {
            remove_block[b] = true;
            continue;
        }
        let Block::Paragraph { content } = &mut blocks[b] else {
            continue;
        };
        // dropped units as character ranges of the block's text, cut from the last one back so
        // that the offsets before each cut stay valid
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for (k, &i) in ids.iter().enumerate() {
            if !drop[i] {
                continue;
            }
            let Some(start) = units[i].start else {
                continue;
            };
            // a dropped unit reaches up to the next kept unit, so separators between go too
            let end = ids[k + 1..]
                .iter()
                .find(|&&j| !drop[j])
                .and_then(|&j| units[j].start)
                .unwrap_or(usize::MAX);
            match ranges.last_mut() {
                Some(last) if last.1 >= start => last.1 = last.1.max(end),
                _ => ranges.push((start, end)),
            }
        }
        for &(start, end) in ranges.iter().rev() {
            let tail = if end == usize::MAX {
                Vec::new()
            } else {
                skip_chars(content.clone(), end)
            };
            truncate_chars(content, start);
            content.extend(tail);
        }
        trim_edges(content);
    }
    let mut i = 0;
    blocks.retain(|_| {
        let keep = !remove_block[i];
        i += 1;
        keep
    });
}

/// The name frames dropped with a run are counted under (images and rules between channel links).
const FRAME: &str = "shape";

/// The article's units, in order.
fn units(blocks: &[Block]) -> Vec<Unit> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        match block {
            Block::Paragraph { content } => {
                let text = plain_text(content);
                let lines: Vec<(usize, usize)> = line_spans(&text);
                for (start, seg) in segments(&text) {
                    let len = seg.chars().count();
                    let whole_line = lines.iter().any(|&(s, e)| {
                        s <= start && start + len <= e && visible_chars(seg) * 10 >= (e - s) * 9
                    });
                    out.push(Unit {
                        block: b,
                        start: Some(start),
                        text: seg.to_string(),
                        kind: UnitKind::Text,
                        whole_line,
                    });
                }
            }
            Block::Heading { content, .. } => out.push(Unit {
                block: b,
                start: None,
                text: plain_text(content),
                kind: UnitKind::Text,
                whole_line: true,
            }),
            Block::List { items, .. } => {
                let mut text = String::new();
                for item in items {
                    for ib in item {
                        if let Block::Paragraph { content } | Block::Heading { content, .. } = ib {
                            text.push_str(&plain_text(content));
                            text.push('\n');
                        }
                    }
                }
                let kind = if items.len() > 3 {
                    UnitKind::Content
                } else {
                    UnitKind::Text
                };
                out.push(Unit {
                    block: b,
                    start: None,
                    text,
                    kind,
                    whole_line: true,
                });
            }
            Block::Figure { caption, .. } => {
                let text = plain_text(caption);
                let kind = if text.trim().is_empty() {
                    UnitKind::Frame
                } else {
                    UnitKind::Text
                };
                out.push(Unit {
                    block: b,
                    start: None,
                    text,
                    kind,
                    whole_line: true,
                });
            }
            Block::Rule => out.push(Unit {
                block: b,
                start: None,
                text: String::new(),
                kind: UnitKind::Frame,
                whole_line: true,
            }),
            Block::Quote { .. } | Block::Code { .. } | Block::Table { .. } => out.push(Unit {
                block: b,
                start: None,
                text: String::new(),
                kind: UnitKind::Content,
                whole_line: true,
            }),
        }
    }
    out
}

/// Splits a paragraph's text into units: at line breaks, after sentence punctuation, after a URL
/// that runs straight into text, before bullet symbols and around separator runs. Units with no
/// letters (separators) are left out: they go with whatever run surrounds them. Offsets are in
/// characters of `text`.
fn segments<'t>(text: &'t str) -> Vec<(usize, &'t str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0; // char index
    let mut i = 0;
    let byte = |ci: usize| chars.get(ci).map_or(text.len(), |(b, _)| *b);
    let cut = |out: &mut Vec<(usize, &'t str)>, from: usize, to: usize| {
        if to > from {
            let s = &text[byte(from)..byte(to)];
            if s.chars().any(char::is_alphanumeric) {
                out.push((from, s));
            }
        }
    };
    while i < chars.len() {
        let c = chars[i].1;
        if c == '\n' {
            cut(&mut out, start, i);
            start = i + 1;
        } else if is_sentence_end(c) {
            // closing quotes and brackets stay with the sentence they close
            let mut end = i + 1;
            while end < chars.len() && is_closer(chars[end].1) {
                end += 1;
            }
            cut(&mut out, start, end);
            start = end;
            i = end;
            continue;
        } else if is_bullet(c) && i > start {
            cut(&mut out, start, i);
            start = i;
        } else if is_separator(c) && run_len(&chars, i, c) >= 3 {
            cut(&mut out, start, i);
            let len = run_len(&chars, i, c);
            start = i + len;
            i += len;
            continue;
        } else if starts_url(&chars, i) {
            // a URL ends the unit it stands in: `label：https://…` is one unit, and so is a
            // sentence that cites a URL, judged with its words
            let end = url_end(&chars, i);
            cut(&mut out, start, end);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    cut(&mut out, start, chars.len());
    out.into_iter()
        .map(|(s, t)| {
            let lead = t.chars().take_while(|c| c.is_whitespace()).count();
            (s + lead, t.trim())
        })
        .collect()
}

/// Character spans of the lines of `text` (split at `\n`).
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        out.push((start, start + len));
        start += len + 1;
    }
    out
}

fn run_len(chars: &[(usize, char)], i: usize, c: char) -> usize {
    chars[i..].iter().take_while(|(_, d)| *d == c).count()
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | '…')
}

fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '、'
            | '；'
            | ';'
            | '：'
            | ':'
            | '）'
            | ')'
            | '」'
            | '』'
            | '》'
            | '】'
            | ' '
            | '\u{3000}'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '"' | '\'' | '】' | '》'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '👉' | '•'
            | '▶'
            | '►'
            | '★'
            | '☆'
            | '✅'
            | '✔'
            | '➡'
            | '🔔'
            | '📢'
            | '👇'
            | '📌'
            | '◆'
            | '■'
    )
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '=' | '_' | '*' | '~' | '—' | '─' | '═')
}

fn starts_url(chars: &[(usize, char)], i: usize) -> bool {
    let at = |k: usize| chars.get(i + k).map(|(_, c)| c.to_ascii_lowercase());
    let word = |w: &str| w.chars().enumerate().all(|(k, c)| at(k) == Some(c));
    word("http://") || word("https://")
}

fn url_end(chars: &[(usize, char)], i: usize) -> usize {
    let mut k = i;
    while k < chars.len() && is_url_char(chars[k].1) {
        k += 1;
    }
    k
}

fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// Whether `hay` (lower case) holds `word`; a word that begins or ends with an ASCII letter must not
/// continue a longer word there (`like` is not in `likely`, `app` not in `happen`).
fn contains_word(hay: &str, word: &str) -> bool {
    find_word(hay, word).is_some()
}

/// Byte offset of the first place `hay` holds `word`, as [`contains_word`] matches it.
fn find_word(hay: &str, word: &str) -> Option<usize> {
    let w = word.to_lowercase();
    if w.trim().is_empty() {
        return None;
    }
    let first_alpha = w.starts_with(|c: char| c.is_ascii_alphabetic());
    let last_alpha = w.ends_with(|c: char| c.is_ascii_alphabetic());
    hay.match_indices(&w)
        .find(|(i, m)| {
            let before = hay[..*i].chars().next_back();
            let after = hay[i + m.len()..].chars().next();
            let joins_before = first_alpha && before.is_some_and(|c| c.is_ascii_alphabetic());
            let joins_after = last_alpha && after.is_some_and(|c| c.is_ascii_alphabetic());
            !(joins_before || joins_after)
        })
        .map(|(i, _)| i)
}

/// A lead this long (characters) with no cue in it is article text, even run together with a call
/// to action.
const MIN_LEAD_CHARS: usize = 8;

/// The text with its URLs taken out, for judging how many words a unit has.
fn without_urls(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if starts_url(&chars, i) {
            i = url_end(&chars, i);
            continue;
        }
        out.push(chars[i].1);
        i += 1;
    }
    out
}

fn has_url(lower: &str) -> bool {
    lower.contains("http://") || lower.contains("https://") || lower.contains("www.")
}

/// An e-mail address or a phone number written for the reader to use.
fn has_contact(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let email = lower.match_indices('@').any(|(i, _)| {
        let user = bytes[..i]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+'))
            .count();
        let domain = &bytes[i + 1..];
        let host = domain
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
            .count();
        user > 0 && domain[..host].contains(&b'.') && !domain.starts_with(b".")
    });
    let phone = lower
        .split(|c: char| !(c.is_ascii_digit() || c == '+' || c == '-'))
        .any(|w| w.starts_with('+') && w.chars().filter(char::is_ascii_digit).count() >= 8);
    email || phone
}

fn visible_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Keeps the first `n` characters of visible text (as `plain_text` counts them).
fn truncate_chars(content: &mut Vec<Inline>, n: usize) {
    let mut left = n;
    truncate_level(content, &mut left);
}

fn truncate_level(content: &mut Vec<Inline>, left: &mut usize) {
    let mut keep = 0;
    for inline in content.iter_mut() {
        if *left == 0 {
            break;
        }
        keep += 1;
        match inline {
            Inline::Text { text } | Inline::Code { text } => {
                let len = text.chars().count();
                if len > *left {
                    let cut = text
                        .char_indices()
                        .nth(*left)
                        .map_or(text.len(), |(b, _)| b);
                    text.truncate(cut);
                    *left = 0;
                } else {
                    *left -= len;
                }
            }
            Inline::LineBreak => *left -= 1,
            Inline::Image { .. } => {}
            other => {
                if let Some(children) = other.children_mut() {
                    truncate_level(children, left);
                }
            }
        }
    }
    content.truncate(keep);
}

/// Drops the first `n` characters of visible text.
fn skip_chars(content: Vec<Inline>, n: usize) -> Vec<Inline> {
    let mut left = n;
    skip_level(content, &mut left)
}

fn skip_level(content: Vec<Inline>, left: &mut usize) -> Vec<Inline> {
    let mut out = Vec::new();
    for mut inline in content {
        if *left == 0 {
            out.push(inline);
            continue;
        }
        match &mut inline {
            Inline::Text { text } | Inline::Code { text } => {
                let len = text.chars().count();
                if len > *left {
                    let cut = text.char_indices().nth(*left).map_or(0, |(b, _)| b);
                    text.drain(..cut);
                    *left = 0;
                    out.push(inline);
                } else {
                    *left -= len;
                }
            }
            Inline::LineBreak => *left -= 1,
            Inline::Image { .. } => {}
            _ => {
                if let Some(children) = inline.children_mut() {
                    let rest = skip_level(std::mem::take(children), left);
                    if !rest.is_empty() {
                        *children = rest;
                        out.push(inline);
                    }
                }
            }
        }
    }
    out
}

/// Spaces and line breaks left at the cut.
fn trim_edges(content: &mut Vec<Inline>) {
    while matches!(content.last(), Some(Inline::LineBreak))
        || matches!(content.last(), Some(Inline::Text { text }) if text.trim().is_empty())
    {
        content.pop();
    }
    while matches!(content.first(), Some(Inline::LineBreak))
        || matches!(content.first(), Some(Inline::Text { text }) if text.trim().is_empty())
    {
        content.remove(0);
    }
    if let Some(Inline::Text { text }) = content.last_mut() {
        let t = text.trim_end().len();
        text.truncate(t);
    }
    if let Some(Inline::Text { text }) = content.first_mut() {
        let t = text.trim_start();
        if t.len() != text.len() {
            *text = t.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_split_at_sentences_urls_bullets_and_separators() {
        let t = "第一句。第二句！订阅：https://a.example/x关注我们https://b.example 👉 会员专属👉 抢先看-----尾";
        let segs: Vec<&str> = segments(t).into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            segs,
            [
                "第一句。",
                "第二句！",
                "订阅：https://a.example/x",
                "关注我们https://b.example",
                "👉 会员专属",
                "👉 抢先看",
                "尾"
            ]
        );
        let offsets: Vec<usize> = segments("ab。cd").into_iter().map(|(o, _)| o).collect();
        assert_eq!(offsets, [0, 3]);
    }

    #[test]
    fn truncation_keeps_a_prefix_of_the_visible_text() {
        let mut c = vec![
            Inline::text("abc"),
            Inline::Strong {
                content: vec![Inline::text("def")],
            },
            Inline::LineBreak,
            Inline::text("ghi"),
        ];
        truncate_chars(&mut c, 5);
        assert_eq!(plain_text(&c), "abcde");
        let c = vec![
            Inline::text("abc"),
            Inline::Strong {
                content: vec![Inline::text("def")],
            },
            Inline::LineBreak,
            Inline::text("ghi"),
        ];
        assert_eq!(plain_text(&skip_chars(c, 4)), "ef\nghi");
    }
}
