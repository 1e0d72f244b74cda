//! Photo credits: a short line beside an image that says who made the picture ("Foto: …", "© AFP /
//! …", "Photo by … on Unsplash", "Getty Images"), not what it shows or what the article says.
//! Captions stay; a credit written after a caption's last sentence is cut from it.
//!
//! What opens or signs a credit is data, the rule file's `credits:` lexicon: labels ("foto",
//! "photograph", "©", "图片来源") followed by a colon or "by", and the names of picture agencies. A
//! line is judged only beside an image (the block before or after it, or after its caption), and
//! only when what follows the label is a name, not a sentence: the lexicon alone never removes text
//! elsewhere in the article.

use aho_corasick::AhoCorasickKind;
use serde::{Deserialize, Serialize};

use super::patterns::{ByFirst, Patterns, lexicon_words_in};
use crate::audit::{Place, Taken};
use crate::model::inlines::{
    lowercase, plain_text, plain_text_cow, text_bytes_capped, trim_quick, trim_start_quick,
};
use crate::model::{Block, Inline};
use crate::report::Report;

/// The name the report counts credits under.
pub(crate) const CREDIT: &str = "credit";

/// The lexicon as the rules file's `credits:` section writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Credits {
    /// Words that open a credit when a colon, "by" or a name follows ("Foto:", "Photo by", "©").
    #[serde(default)]
    pub(crate) labels: Vec<String>,
    /// Picture agencies and libraries: a short line naming one beside an image is a credit.
    #[serde(default)]
    pub(crate) agencies: Vec<String>,
}

/// The lexicon, lower-cased: labels and agencies by their first character, longest first (so that
/// "photo credit" wins over "photo"), and the agencies as one search (its automaton built on first
/// use: a process converting one small post should not pay for it).
#[derive(Debug)]
pub(crate) struct CreditLexicon {
    labels: ByFirst,
    agencies: ByFirst,
    agency_names: Patterns,
}

impl CreditLexicon {
    pub(crate) fn new(c: &Credits) -> CreditLexicon {
        // in the orders build.rs sorted the built-in lists into, where they are these lists'
        let [labels, agencies] = super::builtin::CREDIT_ORDERS;
        let (labels, agencies) = (
            lexicon_words_in(&c.labels, labels),
            lexicon_words_in(&c.agencies, agencies),
        );
        CreditLexicon {
            labels: ByFirst::new(labels),
            agencies: ByFirst::new(agencies.clone()),
            agency_names: Patterns::new(agencies, AhoCorasickKind::DFA),
        }
    }

    /// The labels and agencies `lower` (lower-cased) may begin with.
    fn starting(&self, lower: &str) -> (&[String], &[String]) {
        (self.labels.starting(lower), self.agencies.starting(lower))
    }

    /// Whether `text` names an agency as a word of its own (ASCII letters in any case).
    fn names_agency(&self, text: &str) -> bool {
        let mut named = false;
        self.agency_names.overlapping(text, |(_, start, end)| {
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            named |= !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric);
        });
        named
    }
}

/// A credit line is at most this long: a caption's sentence is longer.
const MAX_LINE_CHARS: usize = 90;
/// The name after a label, at most this long and this many words.
const MAX_NAME_CHARS: usize = 70;
const MAX_NAME_WORDS: usize = 10;
/// A line naming an agency, at most this many words ("Augusta National/Getty Images").
const MAX_AGENCY_WORDS: usize = 6;
/// A bare "Name / Name" line right beside an image ("DCV / Oppitz"), at most this long.
const MAX_SLASH_CHARS: usize = 40;
/// A block between an image and a credit is its caption when this short.
const CAPTION_CHARS: usize = 300;
/// Words after a label that lead to the name: "Photo by", "Foto von", "Foto de", "Photo courtesy of".
const LEADS: &[&str] = &[
    "by ",
    "von ",
    "de ",
    "par ",
    "di ",
    "door ",
    "courtesy of ",
    "courtesy ",
];

/// Removes credit lines beside images, and credits after a caption's sentence, counting each under
/// `credit`.
pub(crate) fn drop_credits(blocks: &mut Vec<Block>, lexicon: &CreditLexicon, report: &mut Report) {
    let images = blocks.iter().any(has_image);
    let mut removed = 0;
    let mut i = 0;
    // the credits' texts, for the audit trail (only when auditing)
    let mut taken = report.recorder.is_some().then(Vec::new);
    while i < blocks.len() {
        let beside = images && beside_image(blocks, i);
        let mut gone = false;
        match &mut blocks[i] {
            Block::Figure { caption, .. } => {
                removed += trim_lines(caption, lexicon, true, taken.as_mut());
            }
            Block::Paragraph { content } => {
                let own = content.iter().any(is_image_inline);
                if beside || own {
                    removed += trim_lines(content, lexicon, beside, taken.as_mut());
                    gone = content.iter().all(is_blank_inline);
                } else if may_open_credit(content, lexicon)
                    && text_bytes_capped(content, MAX_LINE_CHARS * 4) <= MAX_LINE_CHARS * 4
                    && is_credit_anywhere(&plain_text_cow(content), lexicon)
                {
                    // a credit whose picture was lost (lazy, or left out with the page's chrome)
                    if let Some(t) = taken.as_mut() {
                        t.push(plain_text_cow(content).trim().to_string());
                    }
                    removed += 1;
                    gone = true;
                }
            }
            _ => {}
        }
        if let (Some(r), Some(texts)) = (report.recorder(), taken.as_mut()) {
            // taken from the last line up: recorded as they stood
            let path = r.path_of(i);
            for text in texts.drain(..).rev() {
                r.push(CREDIT, Place::Inside(i), path.clone(), Taken::text(text));
            }
            if gone {
                r.forget_block(i);
            }
        }
        if gone {
            blocks.remove(i);
            // the blocks before it may stand beside the image now, as they will when the output
            // is converted again: read again from two blocks up (a caption's width)
            i = i.saturating_sub(2);
            continue;
        }
        i += 1;
    }
    report.count_n(CREDIT, removed);
}

/// Whether a block is or holds a picture.
pub(crate) fn has_image(b: &Block) -> bool {
    match b {
        Block::Figure { .. } => true,
        Block::Paragraph { content } => content.iter().any(is_image_inline),
        _ => false,
    }
}

fn is_image_inline(i: &Inline) -> bool {
    match i {
        Inline::Image { .. } => true,
        Inline::Link { content, .. } => content.iter().any(is_image_inline),
        _ => false,
    }
}

fn is_blank_inline(i: &Inline) -> bool {
    match i {
        Inline::Text { text } => crate::model::inlines::is_blank_text(text),
        Inline::LineBreak => true,
        _ => false,
    }
}

/// A block that is an image and nothing else but whitespace (a linked image counts).
pub(crate) fn is_image_block(b: &Block) -> bool {
    match b {
        Block::Figure { .. } => true,
        Block::Paragraph { content } => {
            content.iter().any(is_image_inline)
                && content
                    .iter()
                    .all(|i| is_image_inline(i) || is_blank_inline(i))
        }
        _ => false,
    }
}

fn is_short_text(b: &Block) -> bool {
    matches!(b, Block::Paragraph { content } if !content.iter().any(is_image_inline)
        && plain_text_cow(content).chars().count() <= CAPTION_CHARS)
}

/// Whether block `i` stands beside an image: right before or after one, or after its caption.
fn beside_image(blocks: &[Block], i: usize) -> bool {
    let at = |k: usize| blocks.get(k).is_some_and(is_image_block);
    (i > 0 && at(i - 1)) || at(i + 1) || (i > 1 && at(i - 2) && is_short_text(&blocks[i - 1]))
}

/// Removes the credit lines of `content` (lines split at line breaks) and credits after a line's
/// caption; a line is judged when it stands beside an image: the block is (`beside`), or the line
/// before or after it is an image. Returns how many credits went.
fn trim_lines(
    content: &mut Vec<Inline>,
    lexicon: &CreditLexicon,
    beside: bool,
    mut taken: Option<&mut Vec<String>>,
) -> usize {
    // line spans [start, end) over the top-level inlines
    let mut spans = Vec::new();
    let mut start = 0;
    for (k, inline) in content.iter().enumerate() {
        if matches!(inline, Inline::LineBreak) {
            spans.push((start, k));
            start = k + 1;
        }
    }
    spans.push((start, content.len()));
    let image_line = |&(s, e): &(usize, usize)| {
        content[s..e].iter().any(is_image_inline)
            && content[s..e]
                .iter()
                .all(|i| is_image_inline(i) || is_blank_inline(i))
    };
    let images: Vec<bool> = spans.iter().map(image_line).collect();
    let mut removed = 0;
    // from the last line, so that earlier spans stay valid
    for (n, &(s, e)) in spans.iter().enumerate().rev() {
        if images[n] {
            continue;
        }
        let near =
            beside || (n > 0 && images[n - 1]) || images.get(n + 1).copied().unwrap_or(false);
        if !near {
            continue;
        }
        // a cut may leave a credit at the line's new end ("… ©AFP (© Reuters)"): the line is read
        // again until nothing more goes, as converting the output again would read it
        let mut e = e;
        loop {
            let text = plain_text(&content[s..e]);
            // a caption with its credit after it keeps the caption ("任志强 ©Getty Images")
            // (only a caption with words: "(© …)" is a credit in brackets, not a caption "(")
            // (and not a caption that is a credit itself: "©注意：正文©注意：" goes whole, or
            // converting the output again would take what is left)
            if let Some(at) = credit_after_caption(&text, lexicon).filter(|&at| {
                text[..at].chars().any(char::is_alphanumeric)
                    && !is_credit(&text[..at], lexicon, true)
            }) {
                let mut line: Vec<Inline> = content.drain(s..e).collect();
                let mut left = at;
                truncate(&mut line, &mut left);
                trim_end(&mut line);
                e = s + line.len();
                content.splice(s..s, line);
                removed += 1;
                if let Some(t) = taken.as_deref_mut() {
                    t.push(text[at..].trim().to_string());
                }
                continue;
            }
            if is_credit(&text, lexicon, true) || is_bare_label(&text, lexicon) {
                // the line and the break before it (or after it, for the first line)
                let (from, to) = if s > 0 {
                    (s - 1, e)
                } else {
                    (s, (e + 1).min(content.len()))
                };
                content.drain(from..to);
                removed += 1;
                if let Some(t) = taken.as_deref_mut() {
                    t.push(text.trim().to_string());
                }
            }
            break;
        }
    }
    removed
}

/// Whether a whole line is a credit: a label and a name, a short line naming an agency, or (with
/// `slash`) a short "Name / Name" line.
fn is_credit(line: &str, lexicon: &CreditLexicon, slash: bool) -> bool {
    let t = unwrap(line);
    if t.is_empty() || t.len() > MAX_LINE_CHARS * 4 || t.chars().count() > MAX_LINE_CHARS {
        return false;
    }
    // most lines beside an image are captions: each test looks before it lower-cases
    if opens_with_label(t, lexicon) && labelled(&lowercase(t), lexicon) {
        return true;
    }
    // most lines beside an image name no agency: the lexicon's walk (a few instructions a byte)
    // answers before the words are counted and the sentence ends looked for
    if lexicon.names_agency(t)
        && words(t) <= MAX_AGENCY_WORDS
        && !has_sentence_end(t)
        && !t.contains(['，', '：', '、'])
    {
        return true;
    }
    slash && is_slash_names(t)
}

/// Whether a whole line is a credit wherever it stands, image or not: two cues that each alone
/// might be text, together only a credit: a label with an agency named after it ("Photo by … on
/// Unsplash"), or a line that is only a copyright sign and a name ("(© FEI/Christophe Taniere)").
fn is_credit_anywhere(line: &str, lexicon: &CreditLexicon) -> bool {
    let t = unwrap(line);
    if t.is_empty() || t.len() > MAX_LINE_CHARS * 4 || t.chars().count() > MAX_LINE_CHARS {
        return false;
    }
    if let Some(rest) = t.strip_prefix('©') {
        return is_name(rest.trim()) && rest.trim().starts_with(char::is_uppercase);
    }
    opens_with_label(t, lexicon) && labelled(&lowercase(t), lexicon) && lexicon.names_agency(t)
}

/// Whether a paragraph's first character may open a credit (a bracket, `©` or a label's first
/// letter): most paragraphs are judged by that alone, without their text being copied.
fn may_open_credit(content: &[Inline], lexicon: &CreditLexicon) -> bool {
    let first = content.iter().find_map(|i| match i {
        Inline::Text { text } => trim_start_quick(text).chars().next(),
        Inline::Emphasis { content }
        | Inline::Strong { content }
        | Inline::Link { content, .. } => content.iter().find_map(|i| match i {
            Inline::Text { text } => trim_start_quick(text).chars().next(),
            _ => None,
        }),
        _ => None,
    });
    first.is_some_and(|c| matches!(c, '(' | '（' | '[' | '©') || starts_label(c, lexicon))
}

/// A label with nothing after it ("Foto:"): the name went into an element of its own, or was
/// never filled in. Only beside an image.
fn is_bare_label(line: &str, lexicon: &CreditLexicon) -> bool {
    let t = unwrap(line);
    let Some(label) = t.strip_suffix(crate::cjk::COLONS).map(str::trim_end) else {
        return false;
    };
    let lower = lowercase(label);
    lexicon.starting(&lower).0.contains(&lower)
}

/// Whether `text` may begin with a label: one starts with its first letter.
fn opens_with_label(text: &str, lexicon: &CreditLexicon) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| starts_label(c, lexicon))
}

/// Whether a label starts with `c` (in any case).
fn starts_label(c: char, lexicon: &CreditLexicon) -> bool {
    let first = c.to_lowercase().next().unwrap_or(c);
    !lexicon.labels.starting_with(first).is_empty()
}

/// A line that opens with a label and goes on with a name.
fn labelled(lower: &str, lexicon: &CreditLexicon) -> bool {
    lexicon.starting(lower).0.iter().any(|label| {
        let Some(rest) = lower.strip_prefix(label.as_str()) else {
            return false;
        };
        let word_label = label.ends_with(char::is_alphabetic);
        // "photos" is not "photo" + "s"; "fotografía" is a label of its own
        if word_label && rest.starts_with(char::is_alphanumeric) {
            return false;
        }
        let rest = rest.trim_start();
        let name = if let Some(r) =
            rest.strip_prefix(|c| crate::cjk::is_colon(c) || matches!(c, '|' | '/'))
        {
            r
        } else if let Some(r) = LEADS.iter().find_map(|l| rest.strip_prefix(l)) {
            r
        } else if !word_label || !label.is_ascii() {
            // "© AFP", "Fot. Jan Nowak", "摄影 王明"
            rest
        } else {
            return false;
        };
        is_name(name.trim())
    })
}

/// What follows a label: a name or a list of names, not a sentence.
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= MAX_NAME_CHARS
        && words(s) <= MAX_NAME_WORDS
        && !has_sentence_end(s)
}

/// The byte offset where a credit begins after a caption ("… der Schweiz. © AFP / …", "… im
/// Abendrot. Bild: …", "任志强 ©Getty Images", "中科院武汉病毒所（法新社）"), when the rest of the line
/// is a credit and some caption comes before it.
fn credit_after_caption(line: &str, lexicon: &CreditLexicon) -> Option<usize> {
    if line.len() > (CAPTION_CHARS + MAX_LINE_CHARS) * 4 {
        return None;
    }
    let trimmed = line.trim_end();
    // a credit in brackets closing the line: "（美联社）", "(AFP)"
    if let Some(close) = trimmed
        .chars()
        .next_back()
        .filter(|c| matches!(c, ')' | '）'))
    {
        let open = if close == ')' { '(' } else { '（' };
        if let Some(at) = trimmed.rfind(open) {
            let inner = &trimmed[at + open.len_utf8()..trimmed.len() - close.len_utf8()];
            if !line[..at].trim().is_empty()
                && inner.len() <= MAX_LINE_CHARS * 4
                && is_credit(inner, lexicon, false)
            {
                return Some(at);
            }
        }
    }
    // one pass: a credit starts a word after a sentence's end, or at a copyright sign. It is at
    // most MAX_LINE_CHARS long, so only the line's last bytes can hold its start (a character
    // before them gives the context)
    let mut from = line.len().saturating_sub(MAX_LINE_CHARS * 4 + 4);
    while !line.is_char_boundary(from) {
        from -= 1;
    }
    credit_start(line, from, |at| {
        line.len() - at <= MAX_LINE_CHARS * 4
            && opens(&line[at..], lexicon)
            && is_credit(&line[at..], lexicon, false)
    })
}

/// The first place in `line` from byte `from` on where a credit may start and `accept` takes
/// it: a word after a sentence's end, or a copyright sign, each with a character before it.
fn credit_start(line: &str, from: usize, mut accept: impl FnMut(usize) -> bool) -> Option<usize> {
    // no place comes before the first sentence end or copyright sign, so the characters are read
    // from there, most lines beside an image (captions) having none, or one at their end; what
    // stood before it is none of those, so any character but white space stands for it
    let start = from + first_credit_mark(&line.as_bytes()[from..])?;
    let mut prev: Option<char> = line[from..start]
        .chars()
        .any(|c| !c.is_whitespace())
        .then_some('a');
    let mut space_before = false;
    let mut at = start;
    while let Some(c) = line[at..].chars().next() {
        if c.is_whitespace() {
            space_before = true;
            at += c.len_utf8();
            continue;
        }
        let candidate = prev.is_some_and(|p| {
            c == '©'
                || matches!(p, '.' | '!' | '?' | ')') && space_before
                || matches!(p, '。' | '！' | '？' | '）')
        });
        if candidate && accept(at) {
            return Some(at);
        }
        prev = Some(c);
        space_before = false;
        at += c.len_utf8();
        // after a character that is no mark, nothing is a candidate before the next mark (the
        // characters between are no marks either): the bytes are searched for it, and what stood
        // before it is again any character but white space
        if !matches!(c, '.' | '!' | '?' | ')' | '©' | '。' | '！' | '？' | '）') {
            at += first_credit_mark(&line.as_bytes()[at..])?;
        }
    }
    None
}

/// Where the first character of `bytes` that [`credit_start`] looks for stands: `.`, `!`, `?`,
/// `)`, `©`, `。`, `！`, `？` or `）`, each told by its UTF-8 bytes (a lead byte and what
/// follows it is always that character).
fn first_credit_mark(bytes: &[u8]) -> Option<usize> {
    // the bytes a mark may start with found by a table, one load a byte, and only those looked at
    // further
    let mut from = 0;
    loop {
        let i = from
            + bytes[from..]
                .iter()
                .position(|&b| MARK_LEADS[usize::from(b)])?;
        let mark = match bytes[i] {
            0xC2 => bytes.get(i + 1) == Some(&0xA9),
            0xE3 => bytes.get(i + 1..i + 3) == Some(&[0x80, 0x82][..]),
            0xEF => matches!(bytes.get(i + 1..i + 3), Some([0xBC, 0x81 | 0x9F | 0x89])),
            _ => true,
        };
        if mark {
            return Some(i);
        }
        from = i + 1;
    }
}

/// The bytes [`first_credit_mark`] stops at: the ASCII marks, and the lead bytes of the others.
static MARK_LEADS: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b')' as usize] = true;
    t[0xC2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Whether `text` begins with a label or an agency, in any letter case.
fn opens(text: &str, lexicon: &CreditLexicon) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let mut buf = [0u8; 4];
    let first = first.to_lowercase().next().unwrap_or(first);
    let (labels, agencies) = lexicon.starting(first.encode_utf8(&mut buf));
    let starts = |word: &String| {
        text.get(..word.len()).is_some_and(|head| {
            head.eq_ignore_ascii_case(word)
                || head.chars().flat_map(char::to_lowercase).eq(word.chars())
        })
    };
    labels.iter().any(starts) || agencies.iter().any(starts)
}

/// The line without the brackets and emphasis marks a credit is often written in: "(© FEI/…)",
/// "[Foto: …]".
fn unwrap(line: &str) -> &str {
    let mut t = trim_quick(line);
    loop {
        let inner = t
            .strip_prefix(['(', '（', '['])
            .and_then(|r| r.strip_suffix([')', '）', ']']))
            .map(trim_quick);
        match inner {
            Some(i) => t = i,
            None => return t,
        }
    }
}

fn words(s: &str) -> usize {
    s.split(|c: char| c.is_whitespace() || c == '/' || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .count()
}

/// A sentence ends inside the text (a final full stop, as after "Inc.", is allowed).
fn has_sentence_end(s: &str) -> bool {
    let s = s.trim_end().trim_end_matches('.');
    s.contains(['。', '!', '?', '！', '？'])
        || s.contains(". ")
            && s.split(". ")
                .skip(1)
                .any(|w| w.starts_with(char::is_lowercase))
}

/// "DCV / Oppitz", "FEI/Christophe Taniere": names on both sides of a slash, each capitalized.
fn is_slash_names(t: &str) -> bool {
    if t.chars().count() > MAX_SLASH_CHARS || has_sentence_end(t) || !t.contains('/') {
        return false;
    }
    if t.contains("://") || t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    t.split('/').all(|part| {
        let part = part.trim();
        part.chars().next().is_some_and(char::is_uppercase) && words(part) <= 3
    })
}

/// Cuts inlines at `left` bytes of their plain text (as [`plain_text`] reads them), dropping what
/// follows.
fn truncate(inlines: &mut Vec<Inline>, left: &mut usize) {
    let mut keep = inlines.len();
    for (k, inline) in inlines.iter_mut().enumerate() {
        if *left == 0 {
            keep = k;
            break;
        }
        match inline {
            Inline::Text { text } | Inline::Code { text } => {
                if text.len() >= *left {
                    text.truncate(*left);
                    *left = 0;
                    keep = k + 1;
                    break;
                }
                *left -= text.len();
            }
            Inline::LineBreak => *left = left.saturating_sub(1),
            Inline::Image { .. } => {}
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => {
                truncate(content, left);
                if *left == 0 {
                    keep = k + 1;
                    break;
                }
            }
        }
    }
    inlines.truncate(keep);
    inlines.retain(|i| match i {
        Inline::Text { text } => !text.is_empty(),
        Inline::Emphasis { content }
        | Inline::Strong { content }
        | Inline::Strikethrough { content }
        | Inline::Link { content, .. } => !content.is_empty(),
        _ => true,
    });
}

/// Trailing whitespace off the last text of the line, inside its markup too, as the walker trims
/// a paragraph's end.
fn trim_end(inlines: &mut Vec<Inline>) {
    while let Some(last) = inlines.last_mut() {
        match last {
            Inline::Text { text } | Inline::Code { text } => {
                let kept = text.trim_end().len();
                text.truncate(kept);
                if text.is_empty() {
                    inlines.pop();
                    continue;
                }
            }
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => {
                trim_end(content);
                if content.is_empty() {
                    inlines.pop();
                    continue;
                }
            }
            _ => {}
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> CreditLexicon {
        CreditLexicon::new(&Credits {
            labels: [
                "foto",
                "photo",
                "photograph",
                "bild",
                "credit",
                "©",
                "图片来源",
            ]
            .map(String::from)
            .to_vec(),
            agencies: ["getty images", "afp", "shutterstock", "wenn"]
                .map(String::from)
                .to_vec(),
        })
    }

    /// [`credit_start`] finds the places the character-by-character reading from `from` finds,
    /// in the same order, whatever `accept` takes.
    #[test]
    fn credit_starts_are_the_character_readings() {
        let by_chars = |line: &str, from: usize, accept: &mut dyn FnMut(usize) -> bool| {
            let mut prev: Option<char> = None;
            let mut space_before = false;
            for (at, c) in line[from..].char_indices().map(|(i, c)| (i + from, c)) {
                if c.is_whitespace() {
                    space_before = true;
                    continue;
                }
                let candidate = prev.is_some_and(|p| {
                    c == '©'
                        || matches!(p, '.' | '!' | '?' | ')') && space_before
                        || matches!(p, '。' | '！' | '？' | '）')
                });
                if candidate && accept(at) {
                    return Some(at);
                }
                prev = Some(c);
                space_before = false;
            }
            None
        };
        let pieces = [
            "图", "a", " ", "\u{3000}", ".", "!", "?", ")", "©", "。", "！", "？", "）", "（",
            "，", "、", "é", "Getty", "\u{a0}",
        ];
        // every line of up to four pieces, and longer ones cycling through them
        let mut lines: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = lines
                .iter()
                .flat_map(|l| pieces.iter().map(move |p| format!("{l}{p}")))
                .collect();
            lines.extend(longer);
        }
        lines
            .extend((0..200).map(|k| (0..k).map(|j| pieces[(j * 7 + k) % pieces.len()]).collect()));
        for line in &lines {
            for from in (0..=line.len()).filter(|&f| line.is_char_boundary(f)) {
                let mut seen_chars = Vec::new();
                let mut seen_marks = Vec::new();
                let all = by_chars(line, from, &mut |at| {
                    seen_chars.push(at);
                    false
                });
                assert_eq!(all, None);
                assert_eq!(
                    credit_start(line, from, |at| {
                        seen_marks.push(at);
                        false
                    }),
                    None
                );
                assert_eq!(seen_marks, seen_chars, "{line:?} from {from}");
                // taken at each place in turn
                for &take in &seen_chars {
                    assert_eq!(
                        credit_start(line, from, |at| at == take),
                        by_chars(line, from, &mut |at| at == take),
                        "{line:?} from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn credit_lines() {
        let l = lexicon();
        for line in [
            "Foto: Sascha Klahn",
            "(© FEI/Christophe Taniere)",
            "Photograph by Ed Marshall, Redonda Restoration Programme",
            "(Credit: Clayton Aldern / Grist)",
            "Getty Images",
            "Augusta National/Getty Images",
            "Judy Eddy/WENN.com",
            "DCV / Oppitz",
            "图片来源：路透社",
        ] {
            assert!(is_credit(line, &l, true), "{line}");
        }
    }

    #[test]
    fn captions_and_sentences_are_not_credits() {
        let l = lexicon();
        for line in [
            "Photographers lined up outside the court.",
            "Fotos zeigen, wie der Damm brach. Die Stadt hat reagiert.",
            "Foto: Der Damm brach am Morgen. Niemand wurde verletzt, sagte die Polizei.",
            "Die AFP berichtete am Dienstag, dass die Verhandlungen gescheitert seien.",
            "Köln, 12/3",
            "Bildung ist der Schlüssel",
            "Eine Frau geht über die Brücke",
        ] {
            assert!(!is_credit(line, &l, true), "{line}");
        }
    }

    #[test]
    fn credit_after_a_caption() {
        let l = lexicon();
        let line = "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO";
        let at = credit_after_caption(line, &l).unwrap();
        assert_eq!(&line[..at], "Marco Odermatt, Ski-Star aus der Schweiz. ");
        assert_eq!(
            credit_after_caption("Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock.com", &l),
            Some("Erdölpumpen im Abendrot. ".len())
        );
        assert_eq!(
            credit_after_caption("Er sagte. Dann ging er nach Hause.", &l),
            None
        );
        assert_eq!(
            credit_after_caption("任志强 ©Getty Images", &l),
            Some("任志强 ".len())
        );
        assert_eq!(
            credit_after_caption("Der Hafen bei Nacht (AFP)", &l),
            Some("Der Hafen bei Nacht ".len())
        );
        assert_eq!(credit_after_caption("Getty Images", &l), None);
    }
}
