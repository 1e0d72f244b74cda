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

use aho_corasick::AhoCorasickKind;

use super::super::patterns::Patterns;
use serde::{Deserialize, Serialize};

use crate::audit::{Place, Taken};
pub(crate) use crate::model::inlines::visible_chars;
use crate::model::inlines::{
    append_text, plain_text, plain_text_cow, text_bytes_capped, trim_quick,
};
use crate::model::{Block, Inline};
use crate::report::Report;

/// The lexicon and weights of the shape score: the `article: shape:` key of the rule data.
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
    /// Words that appeal to the reader or speak for the outlet ("our", "below", "this channel").
    #[serde(default)]
    pub(crate) markers: Vec<String>,
    /// Markers that invite the reader to act ("welcome to", "please", "don't forget"): one followed
    /// in the same clause, a few words on, by an action word makes a set phrase of it ("欢迎老粉丝
    /// 继续关注" as "欢迎关注"), however the words between run.
    #[serde(default)]
    pub(crate) appeals: Vec<String>,
    /// Words of reported speech ("said", "表示"): a unit holding one is the article's own text.
    #[serde(default)]
    pub(crate) reporting: Vec<String>,
    /// The public an official notice addresses ("市民", "旅客", "家长"): "请市民密切关注天气预报" is
    /// the article reporting an official's request, not the outlet asking its reader, so a unit
    /// holding one is the article's own text, as one holding reported speech is.
    #[serde(default)]
    pub(crate) public: Vec<String>,
    /// Names and domains of platforms a channel sends its readers to.
    #[serde(default)]
    pub(crate) platforms: Vec<String>,
    /// Words a post names itself by ("this article", "本文", "这期节目"): a question holding one,
    /// right above a call to action, asks the reader about the post and opens the call ("喜欢这篇文
    /// 章吗？"), in ideographic text too.
    #[serde(default)]
    pub(crate) self_refs: Vec<String>,
    /// Labels that open a sponsor's segment when a short line begins with them and names the
    /// sponsor ("Together with Parkside Dental", "Presented by …"): words of sentences too, so
    /// they score nothing; only a box's first line is read for them
    /// ([`Lexicon::sponsor_label`]).
    #[serde(default)]
    pub(crate) sponsors: Vec<String>,
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
    /// A notice that closes an article (a copyright line, a disclaimer): it goes, but it opens no
    /// run, so the units above it are judged on their own rather than as the run's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) closing: bool,
    /// A notice that may open an article as a sentence of its own (a repost's "本文来自微信公众号
    /// …，经授权发布。"): at the head its set phrase suffices, however long the line (up to
    /// [`HEAD_NOTICE_MAX_CHARS`]), where other calls there must be short and score a point more.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) opening: bool,
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

/// A sponsor's label line is at most this long (visible characters).
const SPONSOR_LABEL_MAX_CHARS: usize = 60;

/// The sponsor's name after its label is at most this many words.
const SPONSOR_NAME_WORDS: usize = 5;

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
    /// Whether a typed rule (`-----`) stands right before the unit in its paragraph: what follows
    /// one starts a section of its own, not the article's sentence run on.
    after_rule: bool,
    /// Whether the unit's lines are the items of a list: a list is long for being many items, not
    /// for being prose, so its longest item is what the length penalty measures.
    items: bool,
    /// Whether most of the unit's items are links: the list sends the reader somewhere, as a URL
    /// written out does.
    linked: bool,
    /// The name the unit's removal is counted under, once a scan decides it goes.
    drop: Option<String>,
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
    /// Whether the unit reports speech (and so is the article's own text).
    reported: bool,
    /// Whether a set phrase of a category matched (not only action words).
    strong: bool,
    /// How many set phrases matched.
    phrases: u32,
    /// Whether the unit names the post itself.
    names_post: bool,
    /// Whether a set phrase of a category that may open an article matched, whatever the
    /// strongest category ("版权声明：本文为博主原创文章……转载请附上原文出处链接" is `legal`'s and
    /// `repost`'s).
    opening: bool,
    /// Whether a category word, platform or contact matched and no reported speech: a call's
    /// words, whether or not the unit addresses the reader.
    hinted: bool,
}

/// What one lexicon entry says about a unit that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Strong(usize),
    Weak(usize),
    Marker,
    Appeal,
    Platform,
    Reporting,
    SelfRef,
}

impl Cue {
    /// Whether the entry marks where a call to action begins (see [`Lexicon::cue_start`]).
    fn starts_action(self) -> bool {
        matches!(self, Cue::Strong(_) | Cue::Weak(_) | Cue::Platform)
    }
}

/// The shape lexicon compiled once per rule set: one Aho-Corasick automaton over every entry, so a
/// unit is scored in one pass over its text whatever the size of the lexicon.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    shape: Shape,
    /// The `sponsors:` labels, lower case: read only at the start of a box's first line, so kept
    /// out of the automaton every unit is searched with.
    sponsors: Vec<String>,
    /// Their first letters.
    sponsor_firsts: Vec<char>,
    entries: Patterns,
    cues: Vec<Cue>,
    /// Per entry: whether it begins or ends with an ASCII letter (and so must not continue a longer
    /// word there: `like` is not in `likely`, `app` not in `happen`).
    word_edges: Vec<(bool, bool)>,
}

impl Lexicon {
    pub(crate) fn new(shape: &Shape) -> Lexicon {
        let mut patterns: Vec<String> = Vec::new();
        let mut cues = Vec::new();
        let mut add = |words: &[String], cue: Cue| {
            for w in words.iter().filter(|w| !w.trim().is_empty()) {
                patterns.push(crate::model::inlines::to_lowercase(w));
                cues.push(cue);
            }
        };
        for (i, c) in shape.categories.iter().enumerate() {
            add(&c.strong, Cue::Strong(i));
            add(&c.weak, Cue::Weak(i));
        }
        add(&shape.markers, Cue::Marker);
        add(&shape.appeals, Cue::Appeal);
        add(&shape.platforms, Cue::Platform);
        add(&shape.reporting, Cue::Reporting);
        add(&shape.public, Cue::Reporting);
        add(&shape.self_refs, Cue::SelfRef);
        let word_edges = patterns
            .iter()
            .map(|p| {
                (
                    p.starts_with(|c: char| c.is_ascii_alphabetic()),
                    p.ends_with(|c: char| c.is_ascii_alphabetic()),
                )
            })
            .collect();
        // a DFA (about 4 MB for a thousand entries, built in about 5M instructions: the contiguous
        // NFA took 14M and walked at three times the instructions a byte), once the table has
        // searched enough to pay for building it
        // in the order build.rs sorted the built-in lexicon's entries into, where they are these
        let entries = Patterns::new_in_order(
            patterns,
            AhoCorasickKind::DFA,
            crate::clean::builtin::SHAPE_ORDER,
        );
        let sponsors: Vec<String> = shape
            .sponsors
            .iter()
            .map(|w| crate::model::inlines::to_lowercase(w.trim()))
            .filter(|w| !w.is_empty())
            .collect();
        let mut sponsor_firsts: Vec<char> =
            sponsors.iter().filter_map(|w| w.chars().next()).collect();
        sponsor_firsts.sort_unstable();
        sponsor_firsts.dedup();
        Lexicon {
            sponsors,
            sponsor_firsts,
            // the words live on in `entries`: the scores read the weights, the categories'
            // names and flags and whether there are categories and platforms at all (copying every word
            // list cost each process's start a quarter of a million instructions)
            shape: Shape {
                markers: Vec::new(),
                appeals: Vec::new(),
                reporting: Vec::new(),
                public: Vec::new(),
                self_refs: Vec::new(),
                sponsors: Vec::new(),
                platforms: shape.platforms.first().cloned().into_iter().collect(),
                categories: shape
                    .categories
                    .iter()
                    .map(|c| Category {
                        name: c.name.clone(),
                        closing: c.closing,
                        opening: c.opening,
                        ..Category::default()
                    })
                    .collect(),
                ..*shape
            },
            entries,
            cues,
            word_edges,
        }
    }

    /// The entries, for the test that build.rs's order of them is taken.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> &Patterns {
        &self.entries
    }

    /// Every entry `text` holds, with where it starts and ends (bytes).
    fn matches(&self, text: &str) -> Vec<(Cue, usize, usize)> {
        // a no-break space is a space to the lexicon ("our\u{a0}eNATION"): two spaces keep every
        // byte offset where it was
        let spaced;
        let text = if text.contains('\u{a0}') {
            spaced = text.replace('\u{a0}', "  ");
            spaced.as_str()
        } else {
            text
        };
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        self.entries.overlapping(text, |(p, start, end)| {
            let (first, last) = self.word_edges[p];
            let joins_before = first && start > 0 && bytes[start - 1].is_ascii_alphabetic();
            let joins_after = last && bytes.get(end).is_some_and(u8::is_ascii_alphabetic);
            if !(joins_before || joins_after) {
                found.push((self.cues[p], start, end));
            }
        });
        found
    }

    fn score(&self, text: &str, after_boilerplate: bool) -> Score {
        self.score_measured(
            text,
            after_boilerplate,
            visible_chars_without_urls(text),
            false,
        )
    }

    fn score_unit(&self, u: &Unit, after_boilerplate: bool) -> Score {
        let length = if u.items {
            u.text
                .lines()
                .map(visible_chars_without_urls)
                .max()
                .unwrap_or(0)
        } else {
            visible_chars_without_urls(&u.text)
        };
        self.score_measured(&u.text, after_boilerplate, length, u.linked)
    }

    /// The score of `text`, `length` being how long (visible characters) the length penalty takes
    /// it to be, and `linked` whether its links count as a URL written out.
    fn score_measured(
        &self,
        text: &str,
        after_boilerplate: bool,
        length: usize,
        linked: bool,
    ) -> Score {
        let shape = &self.shape;
        let mut best = vec![0u32; shape.categories.len()];
        let (mut marker, mut platform, mut reported, mut names_post) = (false, false, false, false);
        let mut opens_article = false;
        // where the last appeal ended (bytes), while no clause has ended since
        let mut appeal_end: Option<usize> = None;
        let mut found = self.matches(text);
        found.sort_by_key(|&(_, start, _)| start);
        let opening = opening_word(text);
        let label_end = bracket_label_end(text);
        let mut strong_phrases = 0;
        // where the last set phrase ended (bytes): a report word that continues it is its noun
        // ("更多精彩報導" offers the outlet's stories, it reports nothing)
        let mut strong_end = 0;
        // where the last platform ended, and whether two stood side by side with only a bar
        // between them: a row of places to find the channel ("Spotify｜小宇宙｜喜马拉雅")
        let mut platform_end: Option<usize> = None;
        let mut platform_row = false;
        for (cue, start, end) in found {
            // the mark that opens a notice is its set phrase ("© Agentur, code …"): a sentence
            // never opens with it (inside one it stays a weak word)
            let cue = match cue {
                Cue::Weak(i)
                    if start == text.len() - text.trim_start().len()
                        && text[start..].starts_with('©') =>
                {
                    Cue::Strong(i)
                }
                cue => cue,
            };
            // an action word inside a bracketed label at the head of a unit makes the unit a boxed
            // call, as an appeal would ("【加入某某會員】每月一杯咖啡的金額……")
            if matches!(cue, Cue::Strong(_) | Cue::Weak(_)) && label_end.is_some_and(|e| end <= e) {
                marker = true;
            }
            // a sentence that opens with an action word in a script that spaces its words is an
            // imperative ("Support the show on …", "Email us at …"): it addresses the reader as
            // "please" does. Ideographic text runs its words together, and 关注 opens 关注度
            if matches!(cue, Cue::Strong(_) | Cue::Weak(_)) && Some(start) == opening {
                marker = true;
            }
            match cue {
                Cue::Strong(i) => {
                    best[i] = 2;
                    opens_article |= shape.categories[i].opening;
                    strong_phrases += 1;
                    strong_end = strong_end.max(end);
                }
                Cue::Weak(i) => {
                    let invited = appeal_end
                        .filter(|&e| e <= start)
                        .is_some_and(|e| invited_within(&text[e..start]));
                    best[i] = best[i].max(if invited { 2 } else { 1 });
                }
                Cue::Marker => marker = true,
                Cue::Appeal => {
                    marker = true;
                    appeal_end = Some(end);
                }
                Cue::Platform => {
                    platform = true;
                    platform_row |= platform_end
                        .filter(|&e| e <= start)
                        .is_some_and(|e| bar_between(&text[e..start]));
                    platform_end = Some(end);
                }
                Cue::Reporting if strong_phrases > 0 && start <= strong_end => {}
                Cue::Reporting => reported = true,
                Cue::SelfRef => names_post = true,
            }
        }
        // the strongest category, the first of equals
        let (category, top) =
            best.iter().enumerate().fold(
                (None, 0),
                |(c, t), (i, &p)| if p > t { (Some(i), p) } else { (c, t) },
            );
        let strong = top == 2;
        let url = linked || has_url(text) || has_bare_address(text);
        let (handles, handle_chars) = labelled_handles(text);
        // a handle is an address, as a URL is: not prose the length penalty weighs
        let length = length.saturating_sub(handle_chars);
        let mail_or_phone = has_contact(text);
        let contact = mail_or_phone || handles > 0 || labelled_id(text);
        // a URL alone is a source as often as a channel link: it adds to other cues, it is none
        let cued = top > 0 || platform || contact;
        let mut points = top + u32::from(platform) + u32::from(contact) + u32::from(url && cued);
        // a row of addresses under their labels ("投稿：@tips_bot ｜ 讨论群：@chat") is the
        // channel's contacts, however long
        if handles + usize::from(mail_or_phone) >= 2 {
            points += 1;
        }
        // two set phrases make a call of a long paragraph too: a sponsor's read ("brought to you
        // by …, use promo code …"), a copyright notice ("All rights reserved. This material may
        // not be published …")
        if strong_phrases >= 2 {
            points += 1;
        }
        if cued && (marker || platform_row) {
            points += 1;
        }
        // in a run, a short line or a bare link is one more of the same. A sentence closed by a
        // full stop is a statement, the article's own however short: channel lines and link
        // labels run unpunctuated. (The length is counted only when the rest holds: most texts
        // scored are no cued line after boilerplate.)
        let statement = || text.trim_end().ends_with(['。', '.']);
        let short_in_run = cued
            && after_boilerplate
            && !statement()
            && visible_chars_without_urls(text) <= shape.short_chars;
        if short_in_run {
            points += 1;
        }
        if length > shape.long_chars {
            points = points.saturating_sub(1);
        }
        // news about a platform names it and its features too: a call to action also addresses
        // the reader, gives an address, or is a set phrase
        let appeal = marker || platform_row || url || contact || strong || short_in_run;
        Score {
            points,
            category,
            cued: cued && appeal && !reported,
            hinted: cued && !reported,
            opening: opens_article,
            reported,
            strong,
            phrases: strong_phrases,
            names_post,
        }
    }

    /// Character offset of the first cue in `text` (a category word, platform or URL), moved back
    /// over an appeal to the reader that ends right there ("欢迎" in "欢迎订阅").
    fn cue_start(&self, text: &str) -> Option<usize> {
        let mut found = self.matches(text);
        found.sort_by_key(|&(_, start, _)| start);
        let url = ["http://", "https://", "www."]
            .iter()
            .filter_map(|p| text.find(p))
            .min();
        let action = found
            .iter()
            .filter(|(c, _, _)| c.starts_action())
            .map(|&(_, start, _)| start)
            .min();
        let mut at = action.into_iter().chain(url).min()?;
        if let Some(&(_, start, _)) = found.iter().find(|&&(c, _, end)| {
            (c == Cue::Marker && end == at)
                || (c == Cue::Appeal && end <= at && invited_within(&text[end..at]))
        }) {
            at = start;
        }
        Some(text[..at].chars().count())
    }

    /// The category a short text standing alone is a call to action of, when it scores a point
    /// more than the threshold (the margin the head of an article needs): how a caption tells a
    /// promo image (a QR code, a banner) from a picture of the article.
    pub(crate) fn promo_caption(&self, text: &str) -> Option<&str> {
        if visible_chars(text) > self.shape.gap_chars {
            return None;
        }
        let s = self.score(text, false);
        (self.is_boilerplate(&s) && s.points > self.shape.threshold).then(|| self.name(&s))
    }

    /// Whether a line opening with `c` may be a sponsor's label (see [`Lexicon::sponsor_label`]).
    pub(crate) fn may_open_sponsor_label(&self, c: char) -> bool {
        self.sponsor_firsts
            .iter()
            .any(|&f| f == c || c.to_lowercase().eq(std::iter::once(f)))
    }

    /// Whether `text` is a sponsor's label line: it opens with a `sponsors:` label, names the
    /// sponsor in a few words after it and ends no sentence ("Together with Parkside Dental";
    /// not "Together with her brother, he founded the shop.").
    pub(crate) fn sponsor_label(&self, text: &str) -> bool {
        let text = text.trim();
        // most lines are told by their first letter: no label opens with it
        let Some(first) = text.chars().next() else {
            return false;
        };
        if !self.may_open_sponsor_label(first)
            || visible_chars(text) > SPONSOR_LABEL_MAX_CHARS
            || text.ends_with(['.', '。', '!', '！', '?', '？', ','])
        {
            return false;
        }
        let lower = crate::model::inlines::to_lowercase(text);
        self.sponsors.iter().any(|label| {
            lower.strip_prefix(label.as_str()).is_some_and(|rest| {
                // a label in letters ends at a word's end ("presented byline" is none)
                (!label.is_ascii() || !rest.starts_with(|c: char| c.is_alphanumeric()))
                    && rest
                        .trim_start_matches(|c| crate::cjk::is_colon(c) || c == ' ')
                        .split_whitespace()
                        .count()
                        <= SPONSOR_NAME_WORDS
            })
        })
    }

    /// Whether `text` holds any call-to-action word or platform name at all.
    pub(crate) fn has_cue(&self, text: &str) -> bool {
        self.matches(text).iter().any(|(c, _, _)| c.starts_action())
    }

    /// Whether `text`, standing alone, scores as boilerplate: how the learner tells a repeated call
    /// to action from a repeated line of the article's own.
    pub(crate) fn scores_as_boilerplate(&self, text: &str) -> bool {
        self.is_boilerplate(&self.score(text, false))
    }

    /// Whether `text` reads as a call to action whatever its length: how the boundary model weighs
    /// a block at the article's edge (its length is a feature of its own there).
    pub(crate) fn calls_to_action(&self, text: &str) -> bool {
        self.is_boilerplate(&self.score_measured(text, false, 0, false))
    }

    fn is_boilerplate(&self, s: &Score) -> bool {
        s.cued && s.points >= self.shape.threshold
    }

    /// Whether the score's category may open an article ([`Category::opening`]).
    fn opens(&self, s: &Score) -> bool {
        s.opening || s.category.is_some_and(|i| self.shape.categories[i].opening)
    }

    /// The name of the category so named, when the rules have one.
    fn category_named(&self, name: &str) -> Option<&str> {
        self.shape
            .categories
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.name.as_str())
    }

    /// Whether `text` holds a word of the category `name`, set phrase or action word.
    fn mentions(&self, text: &str, name: &str) -> bool {
        let Some(at) = self.shape.categories.iter().position(|c| c.name == name) else {
            return false;
        };
        self.matches(text)
            .iter()
            .any(|&(c, _, _)| matches!(c, Cue::Strong(i) | Cue::Weak(i) if i == at))
    }

    fn name(&self, s: &Score) -> &str {
        s.category
            .map_or(SHAPE, |i| self.shape.categories[i].name.as_str())
    }
}

/// The first sentence of a paragraph (its units) that holds a set phrase of a call and scores as
/// one by itself: the paragraph is that call's, and its other sentences go on with it.
fn set_phrase(lex: &Lexicon, units: &[Unit]) -> Option<usize> {
    units.iter().position(|u| is_set_phrase(lex, u))
}

/// Whether the paragraph's first sentence, or the one after a lead-in ("Darum:"), holds a set
/// phrase of a call and scores as one by itself.
fn opens_with_set_phrase(lex: &Lexicon, units: &[Unit]) -> bool {
    units.iter().take(2).any(|u| is_set_phrase(lex, u))
}

/// A sentence that holds a set phrase of a call and scores as one by itself.
fn is_set_phrase(lex: &Lexicon, u: &Unit) -> bool {
    u.kind == UnitKind::Text && u.start.is_some() && {
        let s = lex.score_unit(u, false);
        s.strong && lex.is_boilerplate(&s)
    }
}

/// Byte offset of the first word of `text` when it is written in letters of a script that spaces
/// its words (after bullets, arrows, emoji, quotes and spaces); `None` when it opens otherwise.
fn opening_word(text: &str) -> Option<usize> {
    let (at, c) = text.char_indices().find(|&(_, c)| c.is_alphanumeric())?;
    (c.is_alphabetic() && !crate::cjk::is_cjk(c)).then_some(at)
}

/// Byte offset of the end of a bracketed label that opens `text` (after bullets and spaces):
/// "【加入會員】" in "➤【加入會員】每天好文直送". A label is short: a bracket closed far on is an
/// aside, not a label.
fn bracket_label_end(text: &str) -> Option<usize> {
    let at = text
        .char_indices()
        .find(|&(_, c)| !(c.is_whitespace() || is_bullet(c)))
        .filter(|&(_, c)| c == '【')?
        .0;
    text[at..]
        .char_indices()
        .take(LABEL_MAX_CHARS)
        .find(|&(_, c)| c == '】')
        .map(|(i, _)| at + i)
}

/// How long a bracketed label may run (characters, brackets included).
const LABEL_MAX_CHARS: usize = 16;

/// Whether the text between two platforms is a bar of a row ("｜", " / ", " · "): prose names
/// platforms with words or commas between them.
fn bar_between(between: &str) -> bool {
    let mut bar = false;
    for c in between.chars() {
        match c {
            '|' | '｜' | '/' | '／' | '·' | '•' | '・' => bar = true,
            c if c.is_whitespace() => {}
            _ => return false,
        }
    }
    bar
}

/// A repost's notice at the head is at most this long (characters): the account, its ID, the
/// author and the leave to repost.
const HEAD_NOTICE_MAX_CHARS: usize = 120;

/// Removes the boilerplate runs at the tail and the head of the article. Units are made only for
/// the blocks the scans visit: most articles end in prose, and the scan stops there.
///
/// `stock` names the rule a unit is a whole line of (the learner's stock lines): such a unit is
/// boilerplate in a run as one that scores is, so that a stock sentence goes from a paragraph whose
/// lines a feed ran together, where the walker's whole-line match cannot see it.
///
/// `calls_below`: an earlier pass took calls to action below the last block (the boundary's tail
/// cut), so the scan starts as if right above a run of them.
pub(crate) fn trim<'r>(
    lex: &Lexicon,
    stock: &dyn Fn(&str) -> Option<&'r str>,
    calls_below: bool,
    head_only: bool,
    blocks: &mut Vec<Block>,
    report: &mut Report,
) {
    let shape = &lex.shape;
    if blocks.is_empty() || (shape.categories.is_empty() && shape.platforms.is_empty()) {
        return;
    }
    let mut cache: Vec<Option<Vec<Unit>>> = Vec::new();
    cache.resize_with(blocks.len(), || None);
    // the tail: from the last unit up, stepping over frames and short gaps
    let mut gap = 0;
    let mut below_boilerplate = calls_below;
    let mut top: Option<(usize, usize)> = None;
    // whether the run's top unit speaks of a code to scan, whatever its strongest category: the
    // picture right above it is the code ("长按二维码关注我们" under it)
    let mut top_scans = false;
    let mut lead_in: Option<(usize, usize)> = None;
    // links the scan stepped over since the last unit that scored: bare URLs anywhere below a
    // call to action, and a labelled one right below it, are where the call sends the reader
    let mut links_below: Vec<(usize, usize, bool)> = Vec::new();
    let mut targets: Vec<(usize, usize)> = Vec::new();
    // short lines holding a call's words the scan stepped over, below any unit that scored: a
    // call right above them makes them one more of the same ("海量资讯，尽在某某财经APP" under a
    // portal's notice), as a short line right above a call is
    let mut calls_below: Vec<(usize, usize, &str)> = Vec::new();
    let mut called: Vec<(usize, usize, &str)> = Vec::new();
    // whether the scan stepped over a sentence of prose in a paragraph below: a long sentence
    // above it that holds a call's words and would take only the end of its paragraph is the
    // article talking about an app or a platform, and would be cut out of the middle of its text
    // (a short set line, a sign-off, still goes)
    let mut stepped_below = false;
    // the article's last block: sentences at its very end, below a set phrase of its paragraph,
    // are held as they are inside a run (a notice's closing sentence without a cue of its own)
    let last = blocks.len() - 1;
    // `head_only`: the article changed at its head only since its last scan, and the tail's and
    // the middle's scans would find what they found then
    let scanned = if head_only { 0 } else { blocks.len() };
    'tail: for b in (0..scanned).rev() {
        let units = cache[b].get_or_insert_with(|| block_units(lex, b, &blocks[b]));
        // sentences of this paragraph held, once the scan is in a run, below a set phrase above
        // them in it: they go with it ("【免责声明】本文仅代表作者本人观点。本网站对文中陈述……"), or
        // the scan stops at them
        let mut held: Vec<usize> = Vec::new();
        // the first sentence of the paragraph that holds a set phrase and scores as boilerplate by
        // itself, looked for once, when a sentence below it might be held
        let mut set_phrase_at: Option<Option<usize>> = None;
        // a sentence of this paragraph the scan stepped over: a call above it in the paragraph
        // would be cut out of the middle of the article's own text, so the scan ends there
        let mut stepped_sentence = false;
        let mut opens_notice: Option<bool> = None;
        for k in (0..units.len()).rev() {
            let u = &units[k];
            match u.kind {
                UnitKind::Content => break 'tail,
                UnitKind::Frame => continue,
                UnitKind::Text => {}
            }
            let s = lex.score_unit(u, below_boilerplate);
            // a line ending in a colon right above the run, naming an action or a platform, is
            // what announced it ("subscribe and listen on:"), however long
            let announces = || {
                gap == 0
                    && below_boilerplate
                    && !s.reported
                    && u.text.trim_end().ends_with(crate::cjk::COLONS)
                    && visible_chars_without_urls(&u.text) <= 2 * shape.long_chars
                    && lex.has_cue(&u.text)
            };
            // a unit holding a set phrase, up to twice the length the penalty spares and closed
            // by no full stop, is a call however it runs on ("Help us continue to spread …")
            let set_line = || {
                s.strong
                    && s.cued
                    && visible_chars_without_urls(&u.text) <= 2 * shape.long_chars
                    && !u.text.trim_end().ends_with(['.', '。'])
            };
            let verdict = if lex.is_boilerplate(&s) {
                Some(lex.name(&s))
            } else if announces() {
                Some(SHAPE)
            } else if set_line() {
                Some(lex.name(&s))
            } else {
                stock(&u.text)
            };
            // a question right above a call, in its paragraph or as the paragraph above it, is how
            // the call opens ("Got a question? Email us at …", "Keine Nachricht verpassen? Dann
            // abonnieren Sie …"). One question only, and in ideographic text only one that names
            // the post ("喜欢这篇文章吗？"): there a closing question to the reader is the
            // article's own, and a channel's stock tail runs on right after it
            let right_below = if k + 1 < units.len() {
                (b, k + 1)
            } else {
                (b + 1, 0)
            };
            let leads_in = || {
                top == Some(right_below)
                    && lead_in.is_none_or(|at| at != right_below)
                    && !s.reported
                    && (s.names_post || !u.text.chars().any(crate::cjk::is_cjk))
                    && u.text.trim_end().ends_with(['?', '？'])
                    && visible_chars_without_urls(&u.text) <= 2 * shape.long_chars
            };
            // inside a run, or at the article's very end before any run: there a paragraph that
            // opens with a set phrase (a notice) holds its later sentences, read at its first two
            // sentences only, as most last paragraphs are the article's
            let in_run = below_boilerplate || gap > 0;
            let at_end = top.is_none() && b == last && k > 0;
            let verdict = match verdict {
                Some(name) => Some(name),
                None if leads_in() => {
                    lead_in = Some((b, k));
                    Some(SHAPE)
                }
                None => None,
            };
            if verdict.is_some()
                && (stepped_sentence
                    || stepped_below
                        && k > 0
                        && visible_chars_without_urls(&u.text) > shape.long_chars)
            {
                break 'tail;
            }
            if let Some(name) = verdict {
                top_scans = lex.mentions(&u.text, SCAN);
                for h in held.drain(..).chain([k]) {
                    units[h].drop = Some(name.to_string());
                }
                // a closing notice says nothing of the text above it
                below_boilerplate |= !s.category.is_some_and(|i| shape.categories[i].closing);
                gap = 0;
                top = Some((b, k));
                called.append(&mut calls_below);
                let adjacent = links_below.last().map(|&(lb, lk, _)| (lb, lk));
                targets.extend(
                    links_below
                        .drain(..)
                        .filter(|&(lb, lk, bare)| bare || Some((lb, lk)) == adjacent)
                        .map(|(lb, lk, _)| (lb, lk)),
                );
            } else if (in_run
                || at_end
                    // a held sentence is short: most last sentences are told by their bytes
                    && u.text.len() <= 8 * shape.long_chars
                    && *opens_notice.get_or_insert_with(|| opens_with_set_phrase(lex, units)))
                && !s.reported
                && visible_chars_without_urls(&u.text) <= 2 * shape.long_chars
                && (!in_run
                    || set_phrase_at
                        .get_or_insert_with(|| set_phrase(lex, units))
                        .is_some_and(|at| at < k))
            {
                held.push(k);
            } else if gap < shape.max_gap && visible_chars_without_urls(&u.text) <= shape.gap_chars
            {
                gap += 1;
                if s.hinted
                    && visible_chars_without_urls(&u.text) <= shape.short_chars
                    && !u.text.trim_end().ends_with(['.', '。'])
                {
                    calls_below.push((b, k, lex.name(&s)));
                }
                stepped_sentence |= ends_sentence(&u.text);
                match link_unit(&u.text) {
                    Some(bare) => links_below.push((b, k, bare)),
                    // the link right below a call to action is the one it points to
                    None => links_below.clear(),
                }
            } else {
                break 'tail;
            }
        }
        if !held.is_empty() {
            break 'tail;
        }
        stepped_below |= stepped_sentence;
    }
    for (b, k) in targets {
        if let Some(u) = cache[b].as_mut().and_then(|units| units.get_mut(k)) {
            u.drop = Some(SHAPE.to_string());
        }
    }
    for (b, k, name) in called {
        if let Some(u) = cache[b].as_mut().and_then(|units| units.get_mut(k)) {
            u.drop = Some(name.to_string());
        }
    }
    if let Some((b, k)) = top {
        let units = cache[b]
            .as_mut()
            .expect("the tail scan made the units of its blocks");
        keep_lead(lex, &mut units[k]);
        // frames in and below the run (images, rules between channel links) go with it; text the
        // run stepped over stays: every unit removed is one that scored as boilerplate itself
        for later in cache.iter_mut().skip(b).flatten() {
            for u in later.iter_mut().filter(|u| u.kind == UnitKind::Frame) {
                u.drop = Some(SHAPE.to_string());
            }
        }
        if top_scans && k == 0 && b > 0 && is_picture(&blocks[b - 1]) {
            let units = cache[b - 1].get_or_insert_with(|| block_units(lex, b - 1, &blocks[b - 1]));
            for u in units.iter_mut() {
                u.drop = Some(SCAN.to_string());
            }
        }
    }
    // the head: whole short lines only, each scoring a point more than the tail needs (a lede
    // that names a platform or an app is news, not a call to action)
    let mut below = false;
    'head: for b in 0..blocks.len() {
        let units = cache[b].get_or_insert_with(|| block_units(lex, b, &blocks[b]));
        for u in units.iter_mut() {
            if u.drop.is_some() || u.kind != UnitKind::Text {
                break 'head;
            }
            if let Some(name) = stock(&u.text) {
                u.drop = Some(name.to_string());
                continue;
            }
            if !u.whole_line {
                break 'head;
            }
            let s = lex.score_unit(u, below);
            // a repost's notice opens many aggregated posts as a sentence of its own ("本文来自微信
            // 公众号…（ID：…），作者：…，经授权发布。"): where a story comes from, never its lede,
            // and its set phrase says so without the point more
            let notice =
                s.strong && lex.opens(&s) && visible_chars(&u.text) <= HEAD_NOTICE_MAX_CHARS;
            if !lex.is_boilerplate(&s)
                || !notice
                    && (s.points <= shape.threshold || visible_chars(&u.text) > shape.gap_chars)
            {
                break 'head;
            }
            u.drop = Some(lex.name(&s).to_string());
            below = true;
        }
    }
    // the middle: a paragraph that is one short line of text (as long as the tail's set-phrase
    // lines) scoring as a call and holding a set phrase of one ("Buch bestellen", "HIER KOSTENLOS
    // ANMELDEN »") is a button printed as text wherever it stands. A line closed by a full stop
    // or a question mark is the article's own, and one ending in a colon introduces what follows:
    // those stay. In ideographic text a set phrase of two characters (捐款, 留言区) is as often a
    // word of the news, so there the button must be one: the set phrase stands in the line's
    // links ("不用抽 不用搶 現在用APP看新聞　點我下載APP", "►想看更多新聞嗎？現在用APP看新聞")
    for (b, block) in blocks.iter().enumerate().take(scanned) {
        let Block::Paragraph { content } = block else {
            continue;
        };
        // a block the edges' scans judged is theirs; one they only stepped over is judged here as
        // it would be had they stopped short of it (as they do once what they took is gone)
        if cache[b]
            .as_ref()
            .is_some_and(|units| units.iter().any(|u| u.drop.is_some()))
            || text_bytes_capped(content, 8 * shape.long_chars) > 8 * shape.long_chars
            || content
                .iter()
                .any(|i| matches!(i, Inline::Image { .. } | Inline::LineBreak))
        {
            continue;
        }
        let text = plain_text_cow(content);
        let line = trim_quick(&text);
        let full_stop = line.ends_with(['.', '。']);
        if line.ends_with(|c| crate::cjk::is_colon(c) || matches!(c, '?' | '？'))
            || line.contains('\n')
        {
            continue;
        }
        let ideographic = line.chars().any(crate::cjk::is_cjk);
        if ideographic && (full_stop || !may_link(content)) {
            continue;
        }
        let length = visible_chars(line);
        if length > 3 * shape.long_chars {
            continue;
        }
        // the links' text is read before the line's: short, and most lines' links call nothing
        if ideographic && !links_call(lex, content) {
            continue;
        }
        let s = lex.score(line, false);
        if ideographic && !(s.strong && lex.is_boilerplate(&s)) {
            continue;
        }
        // a full stop closes the article's own line, but a platform's widget printed as text
        // says its formulas in sentences ("Thanks for reading …! Subscribe for free to receive new
        // posts and support my work."), with the newsletter's name in it: two set phrases in one
        // paragraph are the widget's, up to half as long again as a button's line
        let verdict = if (full_stop || length > 2 * shape.long_chars) && s.phrases < 2 {
            None
        } else if s.strong && lex.is_boilerplate(&s) {
            Some(lex.name(&s))
        } else if lone_link(content).is_some() && price_at_shop(line) {
            // a review's button to a shop ("$160 at Amazon"): a price and where, as a link alone
            lex.category_named(SHOP)
        } else {
            None
        };
        if let Some(name) = verdict {
            let mut unit = whole_unit(b, text.into_owned(), UnitKind::Text);
            unit.drop = Some(name.to_string());
            cache[b] = Some(vec![unit]);
        }
    }
    let units: Vec<Unit> = cache.into_iter().flatten().flatten().collect();
    if units.iter().all(|u| u.drop.is_none()) {
        return;
    }
    // never leave an article without content: some text must stay, in a unit kept or in a block
    // no scan reached
    let mut seen = vec![false; blocks.len()];
    for u in &units {
        seen[u.block] = true;
    }
    let unvisited_text = blocks
        .iter()
        .zip(&seen)
        .any(|(b, s)| !s && block_has_text(b));
    let left: usize = units
        .iter()
        .filter(|u| u.drop.is_none() && u.kind != UnitKind::Frame)
        .map(|u| visible_chars(&u.text))
        .sum();
    let kept_content = units
        .iter()
        .any(|u| u.drop.is_none() && u.kind == UnitKind::Content);
    if left < MIN_LEFT_CHARS && !kept_content && !unvisited_text {
        return;
    }
    apply(blocks, &units, report);
}

/// The top unit of a tail run may be article text run together with the first call to action (no
/// punctuation between them): its lead, up to the last clause boundary before the first cue, stays
/// when it holds no cue at all. Not below a typed rule: the author set what follows apart.
/// The category a shop's button is counted under.
const SHOP: &str = "shop";
/// The category of calls to scan a code.
const SCAN: &str = "scan";

/// A block that is pictures and nothing else, with no caption to say what they show (the credits'
/// test of an image block, a captioned figure aside).
fn is_picture(b: &Block) -> bool {
    crate::clean::credits::is_image_block(b)
        && !matches!(b, Block::Figure { caption, .. } if !caption.is_empty())
}

/// Whether the text of `content`'s links, read alone, holds a set phrase of a call: the call is
/// its button.
fn links_call(lex: &Lexicon, content: &[Inline]) -> bool {
    // each link read alone: two links are two buttons, no set phrase runs from one into the next
    let mut call = false;
    crate::model::walk_inline_tree(content, &mut |i| {
        if let Inline::Link { content, .. } = i {
            call = call || lex.score(&plain_text_cow(content), false).strong;
        }
    });
    call
}

/// Whether `content` may hold a link: one at its top level, or an inline holding others.
fn may_link(content: &[Inline]) -> bool {
    content
        .iter()
        .any(|i| matches!(i, Inline::Link { .. }) || !i.children().is_empty())
}

/// The text inside the link a paragraph is, when it is one link and blank text or line breaks
/// only.
fn lone_link(content: &[Inline]) -> Option<&[Inline]> {
    let mut parts = content.iter().filter(|i| {
        !matches!(i, Inline::Text { text } if crate::model::inlines::is_blank_text(text))
            && !matches!(i, Inline::LineBreak)
    });
    match (parts.next(), parts.next()) {
        (Some(Inline::Link { content, .. }), None) => Some(content),
        _ => None,
    }
}

/// Whether `line` is a price and the shop it is asked at, and nothing else ("$160 at Amazon",
/// "€129.99 at Best Buy", "149 € bei Otto", "£35 at John Lewis & Partners"): a review's button.
fn price_at_shop(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let is_amount = |w: &str| {
        let digits = w.trim_matches(|c: char| matches!(c, '$' | '€' | '£' | '¥'));
        digits.starts_with(|c: char| c.is_ascii_digit())
            && digits
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
    };
    let is_currency = |w: &str| matches!(w, "$" | "€" | "£" | "¥" | "USD" | "EUR" | "GBP");
    // the price: one word with its sign ("$160", "129€"), or a number and a sign apart ("149 €")
    let (price, rest) = match words.as_slice() {
        [w, rest @ ..] if is_amount(w) && w.contains(['$', '€', '£', '¥']) => (true, rest),
        [n, c, rest @ ..] if is_amount(n) && is_currency(c) => (true, rest),
        [c, n, rest @ ..] if is_currency(c) && is_amount(n) => (true, rest),
        _ => (false, &[][..]),
    };
    let Some((at, shop)) = rest.split_first() else {
        return false;
    };
    price
        && matches!(
            *at,
            "at" | "bei" | "chez" | "en" | "da" | "w" | "op" | "from" | "@"
        )
        && (1..=PRICE_SHOP_WORDS).contains(&shop.len())
        && shop
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || *w == "&")
}

/// The most words a shop's name has after a price.
const PRICE_SHOP_WORDS: usize = 4;

/// Whether a unit is a sentence of prose: closed by a full stop, question or exclamation mark,
/// perhaps inside closing quotes, and longer than a call's tail ("看更多。").
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '”', '」', '』', '’', '»', ')', '）'])
        .ends_with(['.', '!', '?', '。', '！', '？'])
        && crate::cjk::weighed_len(trim_quick(text)) >= MIN_SENTENCE_WEIGHT
}

/// The shortest sentence the tail scan will not cut above (an ideograph weighing two).
const MIN_SENTENCE_WEIGHT: usize = 16;

fn keep_lead(lex: &Lexicon, u: &mut Unit) {
    if u.after_rule {
        return;
    }
    let (Some(start), Some(cue)) = (u.start, lex.cue_start(&u.text)) else {
        return;
    };
    let cue = u
        .text
        .char_indices()
        .nth(cue)
        .map_or(u.text.len(), |(b, _)| b);
    let cut = u.text[..cue]
        .char_indices()
        .rfind(|&(_, c)| is_clause_end(c))
        .map_or(0, |(b, c)| b + c.len_utf8());
    let lead = &u.text[..cut];
    if visible_chars(lead) >= MIN_LEAD_CHARS && !lex.score(lead, false).cued {
        u.start = Some(start + lead.chars().count());
        u.text = u.text[cut..].to_string();
    }
}

fn block_has_text(b: &Block) -> bool {
    crate::model::inlines::text_bytes_capped(
        match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => content,
            Block::Figure { caption, .. } => caption,
            _ => return !matches!(b, Block::Rule),
        },
        MIN_LEFT_CHARS,
    ) > 0
}

/// An article keeps at least this many characters of text after the pass, or the pass does nothing.
const MIN_LEFT_CHARS: usize = 20;

/// Cuts the dropped units out of their blocks, last first so that offsets stay valid.
fn apply(blocks: &mut Vec<Block>, units: &[Unit], report: &mut Report) {
    let drop: Vec<bool> = units.iter().map(|u| u.drop.is_some()).collect();
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
                report.count(units[i].drop.as_deref().unwrap_or(SHAPE));
            }
        }
        if report.recorder.is_some() {
            record_units(&blocks[b], b, ids, units, all, report);
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
        // a typed rule that set the removed tail apart goes with it, as an `<hr>` above a removed
        // footer does
        if let Some(last) = ranges.last_mut().filter(|r| r.1 == usize::MAX) {
            last.0 = before_typed_rule(&plain_text_cow(content), last.0);
        }
        for &(start, end) in ranges.iter().rev() {
            let tail = if end == usize::MAX {
                Vec::new()
            } else {
                skip_chars(content.clone(), end)
            };
            truncate_chars(content, start);
            join(content, tail);
        }
        trim_edges(content);
    }
    if let Some(r) = report.recorder() {
        for b in (0..blocks.len()).rev().filter(|&b| remove_block[b]) {
            r.forget_block(b);
        }
    }
    let mut i = 0;
    blocks.retain(|_| {
        let keep = !remove_block[i];
        i += 1;
        keep
    });
}

/// Records the dropped units of block `b` (whose units are `ids`) in the audit trail. A paragraph's
/// unit takes its span of the block's text, up to the next unit, so that the separators between
/// them and a typed rule cut with the last run are taken under a name too; a block that goes whole
/// gives its images and links to its first dropped unit. A cut stands where it was: before the
/// block when it was its head, after it else.
fn record_units(
    block: &Block,
    b: usize,
    ids: &[usize],
    units: &[Unit],
    all: bool,
    report: &mut Report,
) {
    let Some(r) = report.recorder() else { return };
    let text = match block {
        Block::Paragraph { content } => Some(plain_text(content)),
        _ => None,
    };
    let path = r.path_of(b);
    let mut first = true;
    for (k, &i) in ids.iter().enumerate() {
        let u = &units[i];
        let Some(name) = u.drop.as_deref() else {
            continue;
        };
        let span = match (&text, u.start) {
            (Some(text), Some(start)) => {
                let next = ids[k + 1..].iter().find_map(|&j| units[j].start);
                // the first unit of a trailing run takes the typed rule above it, as the cut does
                let trailing = ids[k..].iter().all(|&j| units[j].drop.is_some());
                let lead = k == 0 || ids[..k].iter().all(|&j| units[j].drop.is_some());
                let from = if all && k == 0 {
                    0
                } else if trailing && !lead {
                    before_typed_rule(text, start)
                } else {
                    start
                };
                let to = next.unwrap_or(usize::MAX);
                text.chars()
                    .skip(from)
                    .take(to.saturating_sub(from))
                    .collect()
            }
            _ if all && first => match &text {
                Some(text) => text.clone(),
                None => Taken::blocks(std::slice::from_ref(block)).text,
            },
            _ if all => String::new(),
            _ => u.text.clone(),
        };
        let mut taken = Taken::text(trim_quick(&span));
        if all && first {
            let whole = Taken::blocks(std::slice::from_ref(block));
            (taken.images, taken.links) = (whole.images, whole.links);
        }
        let head = all || u.start.is_none_or(|s| s == 0);
        let place = if all {
            Place::Block(b)
        } else if head {
            Place::Inside(b)
        } else {
            Place::Tail(b)
        };
        r.push(name, place, path.clone(), taken);
        first = false;
    }
}

/// Where a cut at character `start` of `text` begins once the typed rule right before it is taken
/// too; `start` when there is none.
fn before_typed_rule(text: &str, start: usize) -> usize {
    let at = text
        .char_indices()
        .nth(start)
        .map_or(text.len(), |(b, _)| b);
    start - typed_rule_before(&text[..at])
}

/// How many characters the typed rule that `before` ends in spans, with the spaces around it: a
/// run of three or more of one separator character, where [`segments`] cuts; 0 for none.
fn typed_rule_before(before: &str) -> usize {
    let trimmed = before.trim_end();
    let mut rev = trimmed.chars().rev();
    let Some(c) = rev.next().filter(|&c| is_separator(c)) else {
        return 0;
    };
    let run = 1 + rev.take_while(|&d| d == c).count();
    if run < 3 {
        return 0;
    }
    let above = &trimmed[..trimmed.len() - run * c.len_utf8()];
    let spaces = |s: &str, kept: &str| s[kept.len()..].chars().count();
    spaces(above, above.trim_end()) + run + spaces(before, trimmed)
}

/// The units of block `b`, in order.
/// A unit that is the whole of block `b`.
fn whole_unit(b: usize, text: String, kind: UnitKind) -> Unit {
    Unit {
        block: b,
        start: None,
        text,
        kind,
        whole_line: true,
        after_rule: false,
        items: false,
        linked: false,
        drop: None,
    }
}

fn block_units(lex: &Lexicon, b: usize, block: &Block) -> Vec<Unit> {
    let whole = |text: String, kind: UnitKind| whole_unit(b, text, kind);
    match block {
        Block::Paragraph { content } => {
            let text = plain_text(content);
            // a player's link alone ("Video: YouTube", written for an embed) is what the article
            // plays: its content, however near the calls below it stands
            if is_player_line(content) {
                return vec![whole(text, UnitKind::Content)];
            }
            let lines: Vec<(usize, usize)> = line_spans(&text);
            // the link a paragraph ends in: a short last unit (no longer than the length penalty
            // spares) that is its label, or ends in it, sends the reader there ("访问：<a>…</a>",
            // "加入<a>… LINE 官方账号</a>"), as a URL written out does; a sentence of the article
            // that ends in a link is longer
            let last_link = ending_link(content);
            let segs = segments(&text);
            let last_seg = segs.len().saturating_sub(1);
            // segments and lines both run forward through the text, and only the line a segment
            // starts in can hold it: one cursor, not a scan of every line per segment (which was
            // quadratic in a paragraph of many short lines)
            let mut line = 0;
            segs.into_iter()
                .enumerate()
                .map(|(k, (start, seg))| {
                    let len = seg.chars().count();
                    while lines.get(line).is_some_and(|&(_, e)| e <= start) {
                        line += 1;
                    }
                    let whole_line = lines.get(line).is_some_and(|&(s, e)| {
                        s <= start && start + len <= e && visible_chars(seg) * 10 >= (e - s) * 9
                    });
                    let at = seg.as_ptr() as usize - text.as_ptr() as usize;
                    let after_rule = typed_rule_before(&text[..at]) > 0;
                    let linked = k == last_seg
                        && last_link.as_deref().is_some_and(|l| {
                            // a label says where it sends: marks alone ("。") say nothing
                            l.chars().any(char::is_alphanumeric)
                                && seg.trim_end().ends_with(l)
                                && visible_chars(seg) <= lex.shape.long_chars
                        });
                    Unit {
                        block: b,
                        start: Some(start),
                        text: seg.to_string(),
                        kind: UnitKind::Text,
                        whole_line,
                        after_rule,
                        items: false,
                        linked,
                        drop: None,
                    }
                })
                .collect()
        }
        Block::Heading { content, .. } => vec![whole(plain_text(content), UnitKind::Text)],
        Block::List { items, .. } => {
            let mut text = String::new();
            let (mut linked, mut cued) = (0, 0);
            for item in items {
                let mut line = String::new();
                let mut link = false;
                for ib in item {
                    if let Block::Paragraph { content } | Block::Heading { content, .. } = ib {
                        line.push_str(&plain_text_cow(content));
                        crate::model::walk_inlines(std::slice::from_ref(ib), &mut |i| {
                            link |= matches!(i, Inline::Link { .. });
                        });
                    }
                }
                linked += usize::from(link || has_url(&line));
                // by its words: a list of bare tweet or video URLs is a list of sources
                cued += usize::from(lex.has_cue(&without_urls(&line)));
                text.push_str(&line);
                text.push('\n');
            }
            // a list of more than three items is the article's, unless most of its items send the
            // reader somewhere (a link) to do something (an action word or a platform): the
            // "listen on" and "more from us" lists of a podcast or newsletter page
            let calls = linked * 2 > items.len() && cued * 2 > items.len();
            let kind = if items.len() > 3 && !calls {
                UnitKind::Content
            } else {
                UnitKind::Text
            };
            vec![Unit {
                items: true,
                // a short list of links is as often sources as calls: only a long one judged as
                // calls counts its links as an address
                linked: calls && items.len() > 3,
                ..whole(text, kind)
            }]
        }
        Block::Figure { caption, .. } => {
            let text = plain_text(caption);
            let kind = if crate::model::inlines::is_blank_text(&text) {
                UnitKind::Frame
            } else {
                UnitKind::Text
            };
            vec![whole(text, kind)]
        }
        Block::Rule => vec![whole(String::new(), UnitKind::Frame)],
        Block::Quote { blocks } => match boxed_text(blocks) {
            // outlets set their standing blurb apart in a quote box; a short box of paragraphs
            // is judged as one unit, and goes whole or stays whole
            Some(text) => vec![whole(text, UnitKind::Text)],
            None => vec![whole(String::new(), UnitKind::Content)],
        },
        Block::Code { .. } | Block::Table { .. } => {
            vec![whole(String::new(), UnitKind::Content)]
        }
    }
}

/// Whether a paragraph is a player's link and blank text only.
fn is_player_line(content: &[Inline]) -> bool {
    lone_link(content)
        .is_some_and(|c| crate::clean::media::is_player_text(plain_text_cow(c).trim()))
}

/// The text of the link a paragraph ends in (blank text after it aside), trimmed; `None` when it
/// ends in anything else or in a player's link.
fn ending_link(content: &[Inline]) -> Option<String> {
    let last = content.iter().rev().find(|i| {
        !matches!(i, Inline::Text { text } if crate::model::inlines::is_blank_text(text))
            && !matches!(i, Inline::LineBreak)
    })?;
    match last {
        // a player's link ("Video: YouTube") stands for what the article plays
        Inline::Link { content, .. } => {
            let text = plain_text_cow(content);
            let text = text.trim();
            (!crate::clean::media::is_player_text(text)).then(|| text.to_string())
        }
        _ => None,
    }
}

/// A quote this long (visible characters) or longer is a quotation, whatever its words.
const BOX_CHARS: usize = 200;

/// The text of a quote that is short and holds only paragraphs: what a box around an outlet's
/// blurb looks like. `None` for anything else (a quotation, a quoted list or code).
fn boxed_text(blocks: &[Block]) -> Option<String> {
    let mut text = String::new();
    for b in blocks {
        let Block::Paragraph { content } = b else {
            return None;
        };
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&plain_text_cow(content));
        if visible_chars(&text) >= BOX_CHARS {
            return None;
        }
    }
    Some(text)
}

/// Splits a paragraph's text into units: at line breaks, after sentence punctuation, after a URL
/// that runs straight into text, before bullet symbols and around separator runs. Units with no
/// letters (separators) are left out: they go with whatever run surrounds them. Offsets are in
/// characters of `text`.
pub(crate) fn segments<'t>(text: &'t str) -> Vec<(usize, &'t str)> {
    // one cursor through the text, its byte offset and character index kept in step: a table of
    // every character's offset would take sixteen bytes per character of a paragraph that may be
    // the whole input
    let mut out = Vec::new();
    let mut start = Cursor::default();
    let mut at = Cursor::default();
    let cut = |out: &mut Vec<(usize, &'t str)>, from: Cursor, to: usize| {
        if to > from.byte {
            let s = &text[from.byte..to];
            if s.chars().any(char::is_alphanumeric) {
                out.push((from.char, s));
            }
        }
    };
    let bytes = text.as_bytes();
    loop {
        // a run of ideographs from U+5000 on (lead bytes E5 to E9, three bytes each) passed by
        // their bytes, not decoded one by one: they end nothing and start no URL
        while bytes
            .get(at.byte)
            .is_some_and(|b| (0xE5..=0xE9).contains(b))
        {
            at.byte += 3;
            at.char += 1;
        }
        let Some(c) = text[at.byte..].chars().next() else {
            break;
        };
        // an ideograph (most of the text) ends nothing and starts no URL: straight on
        if matches!(c, '\u{4E00}'..='\u{9FFF}') {
        } else if c == '\n' {
            cut(&mut out, start, at.byte);
            start = at.after(c);
        } else if is_sentence_end(c) {
            // closing quotes and brackets stay with the sentence they close
            let mut end = at.after(c);
            while let Some(d) = text[end.byte..].chars().next().filter(|&d| is_closer(d)) {
                end = end.after(d);
            }
            cut(&mut out, start, end.byte);
            start = end;
            at = end;
            continue;
        } else if is_bullet(c) && at.char > start.char {
            cut(&mut out, start, at.byte);
            start = at;
        } else if is_separator(c) && run_len(&text[at.byte..], c) >= 3 {
            cut(&mut out, start, at.byte);
            let len = run_len(&text[at.byte..], c);
            at = Cursor {
                byte: at.byte + len * c.len_utf8(),
                char: at.char + len,
            };
            start = at;
            continue;
        } else if let Some(domain) = (c == '@')
            .then(|| glued_mail_domain(&text[..at.byte], &text[at.byte + 1..]))
            .flatten()
        {
            // an address run straight into the next line's words ("合作邮箱：a@b.com拍摄器材：…")
            // ends its unit, as a URL does: a description that lost its line breaks
            let end = Cursor {
                byte: at.byte + 1 + domain,
                char: at.char + 1 + domain,
            };
            cut(&mut out, start, end.byte);
            start = end;
            at = end;
            continue;
        } else if starts_url(&text[at.byte..]) {
            // a URL ends the unit it stands in: `label：https://…` is one unit, and so is a
            // sentence that cites a URL, judged with its words
            let end = url_end(text, at);
            cut(&mut out, start, end.byte);
            start = end;
            at = end;
            continue;
        }
        at = at.after(c);
    }
    cut(&mut out, start, text.len());
    out.into_iter()
        .map(|(s, t)| {
            let lead = t.chars().take_while(|c| c.is_whitespace()).count();
            (s + lead, trim_quick(t))
        })
        .collect()
}

/// The length (bytes) of an e-mail address's domain after its `@`, when a user's name stands before
/// it and letters of another script follow it with nothing between: the address ran into the
/// next line. `None` for any other `@`.
fn glued_mail_domain(before: &str, after: &str) -> Option<usize> {
    let user = before
        .bytes()
        .next_back()
        .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+'));
    let host = after
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        .count();
    let domain = &after[..host];
    let glued = after[host..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii() && c.is_alphabetic());
    (user && glued && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.'))
        .then_some(host)
}

/// At most this many characters stand between an appeal and the action word it invites.
const APPEAL_SPAN_CHARS: usize = 6;

/// Whether `between` (the text from an appeal to an action word) keeps them one invitation: a few
/// words, no clause ended.
fn invited_within(between: &str) -> bool {
    let mut n = 0;
    for c in between.chars() {
        if is_clause_end(c) || is_sentence_end(c) || c == '\n' {
            return false;
        }
        n += usize::from(!c.is_whitespace());
        if n > APPEAL_SPAN_CHARS {
            return false;
        }
    }
    true
}

/// A place in a text: its byte offset and its character index.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    byte: usize,
    char: usize,
}

impl Cursor {
    /// The place after `c`, which stands here.
    fn after(self, c: char) -> Cursor {
        Cursor {
            byte: self.byte + c.len_utf8(),
            char: self.char + 1,
        }
    }
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

/// How many times `c` stands at the start of `rest`, one after another.
fn run_len(rest: &str, c: char) -> usize {
    rest.chars().take_while(|&d| d == c).count()
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
            | '﹕'
            | '︰'
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
            | '➤'
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

/// Whether `rest` starts with `http://` or `https://`, in any case.
fn starts_url(rest: &str) -> bool {
    let b = rest.as_bytes();
    let word = |w: &[u8]| b.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w));
    word(b"http://") || word(b"https://")
}

/// Where the URL standing at `at` ends.
fn url_end(text: &str, mut at: Cursor) -> Cursor {
    while let Some(c) = text[at.byte..].chars().next().filter(|&c| is_url_char(c)) {
        at = at.after(c);
    }
    at
}

fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// A lead this long (characters) with no cue in it is article text, even run together with a call
/// to action.
const MIN_LEAD_CHARS: usize = 8;

/// `text` with its URLs taken out.
fn without_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = Cursor::default();
    while let Some(c) = text[at.byte..].chars().next() {
        if starts_url(&text[at.byte..]) {
            at = url_end(text, at);
            out.push(' ');
            continue;
        }
        out.push(c);
        at = at.after(c);
    }
    out
}

/// How many visible characters `text` has once its URLs are taken out: how many words a unit has.
fn visible_chars_without_urls(text: &str) -> usize {
    // most texts hold no URL: their characters are counted without a look for one at each
    if !may_hold_url(text) {
        return visible_chars(text);
    }
    let mut n = 0;
    let mut at = Cursor::default();
    while let Some(c) = text[at.byte..].chars().next() {
        if starts_url(&text[at.byte..]) {
            at = url_end(text, at);
            continue;
        }
        n += usize::from(!c.is_whitespace());
        at = at.after(c);
    }
    n
}

/// A label this long (visible characters, its colon included) may stand before a link's URL.
const LINK_LABEL_CHARS: usize = 12;

/// Whether a unit is only a link written out: `Some(true)` for a bare URL, `Some(false)` for a
/// short label ending in a colon and a URL (`视频文字稿：https://…`), `None` for anything else.
fn link_unit(text: &str) -> Option<bool> {
    if !has_url(text) {
        return None;
    }
    let label = visible_chars_without_urls(text);
    if label == 0 {
        return Some(true);
    }
    let before_url = text
        .find("http://")
        .into_iter()
        .chain(text.find("https://"))
        .min()?;
    let lead = text[..before_url].trim_end();
    let tail_is_url = visible_chars_without_urls(&text[before_url..]) == 0;
    (label <= LINK_LABEL_CHARS && tail_is_url && lead.ends_with(crate::cjk::COLONS))
        .then_some(false)
}

/// Whether [`starts_url`] may hold somewhere in `text`: it holds an `http` in some case.
fn may_hold_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'h', b'H', bytes).any(|i| {
        bytes
            .get(i..i + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"http"))
    })
}

pub(crate) fn has_url(text: &str) -> bool {
    // one pass for the three, from each `h` and `w` (a `contains` sets up a searcher per call)
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'h', b'w', bytes).any(|i| {
        let rest = &bytes[i..];
        rest.starts_with(b"http://") || rest.starts_with(b"https://") || rest.starts_with(b"www.")
    })
}

/// Whether `text` writes out an address without its scheme ("t.me/harbour", "instagram.com/name"):
/// a host of a common top-level domain right before a `/` and a path, as a channel's line gives
/// where to follow it. The domains are few on purpose: "Node.js/Deno" and "U.S./China" are words.
fn has_bare_address(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'/', bytes).any(|slash| {
        // a path after the slash, and a host before it that no scheme or word runs into
        let path = bytes
            .get(slash + 1)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'@');
        if !path || slash == 0 {
            return false;
        }
        let host_len = bytes[..slash]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
            .count();
        let host = &bytes[slash - host_len..slash];
        let before = bytes[..slash - host_len].last();
        // "https://t.me/x" is a URL [`has_url`] finds; a path's later slash is no host's
        if before.is_some_and(|b| b.is_ascii_punctuation() && !matches!(b, b'(' | b'[')) {
            return false;
        }
        let Some(dot) = host.iter().rposition(|&b| b == b'.') else {
            return false;
        };
        dot > 0
            && BARE_ADDRESS_DOMAINS
                .iter()
                .any(|d| host[dot + 1..].eq_ignore_ascii_case(d.as_bytes()))
    })
}

/// The top-level domains an address written without its scheme is recognised by.
const BARE_ADDRESS_DOMAINS: [&str; 16] = [
    "com", "net", "org", "me", "io", "tv", "co", "cc", "fm", "gg", "ly", "cn", "hk", "tw", "sg",
    "info",
];

/// An e-mail address or a phone number written for the reader to use.
pub(crate) fn has_contact(text: &str) -> bool {
    let bytes = text.as_bytes();
    // `@` and `+` by the memchr crate's search (a `char` pattern is set up for every call)
    let email = memchr::memchr_iter(b'@', bytes).any(|i| {
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
    // a number written for the reader starts with `+`: a text without one is not split into words
    let phone = memchr::memchr(b'+', bytes).is_some()
        && text
            .split(|c: char| !(c.is_ascii_digit() || c == '+' || c == '-'))
            .any(|w| w.starts_with('+') && w.chars().filter(char::is_ascii_digit).count() >= 8);
    email || phone
}

/// How many accounts `text` gives under a label, and their characters: an "@handle" right after a
/// colon ("投稿：@tips_bot", "Telegram: @channel"). A handle in a sentence names someone; one after
/// a label is an address.
fn labelled_handles(text: &str) -> (usize, usize) {
    if !text.contains('@') {
        return (0, 0);
    }
    text.match_indices('@')
        .filter_map(|(at, _)| {
            let handle = text[at + 1..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            (handle >= 3 && text[..at].trim_end().ends_with(crate::cjk::COLONS))
                .then_some(handle + 1)
        })
        .fold((0, 0), |(n, chars), h| (n + 1, chars + h))
}

/// Whether `text` is a short label and an account's id after its colon, and nothing else ("微信客服:
/// suntv123", "LINE ID：news_tw"): an id mixes letters with digits or `_`, as a name or an
/// outlet's ("来源：Reuters") does not. Where a chat app writes its accounts without an `@`.
fn labelled_id(text: &str) -> bool {
    // most units are told by their length: a label of ten ideographs and an id, with spaces
    if text.len() > ID_LINE_MAX_BYTES {
        return false;
    }
    let Some((label, id)) = text.trim().split_once(crate::cjk::COLONS) else {
        return false;
    };
    let (label, id) = (label.trim(), id.trim());
    let letters = id.bytes().any(|b| b.is_ascii_alphabetic());
    let joined = id.bytes().any(|b| b.is_ascii_digit() || b == b'_');
    !label.is_empty()
        && visible_chars(label) <= ID_LABEL_CHARS
        && (ID_CHARS).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        && letters
        && joined
}

/// The longest label over an account's id (characters), and how long an id is (bytes).
const ID_LABEL_CHARS: usize = 10;
const ID_CHARS: std::ops::RangeInclusive<usize> = 4..=32;
const ID_LINE_MAX_BYTES: usize = 4 * ID_LABEL_CHARS + 3 + 32 + 8;

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

/// Puts together what a cut kept before and after it (`tail`, empty when the cut reached the end).
///
/// Truncating and skipping each keep their own part of an inline the cut fell inside. A code span
/// or an emphasis is made one again, as it was written: the Markdown writer writes two in a row of
/// one kind as one anyway, the space before the cut inside, while a reader of our HTML moves that
/// space out between them (out of code it drops it) and reads something else. Links stay apart:
/// two links in a row are two links to every reader. Anywhere else the cut is the new end of the
/// inline before it, and whitespace there moves out of it, to where a reader of our HTML puts it.
fn join(content: &mut Vec<Inline>, tail: Vec<Inline>) {
    let mut tail = tail.into_iter();
    match (content.last_mut(), tail.next()) {
        (Some(Inline::Code { text }), Some(Inline::Code { text: rest })) => text.push_str(&rest),
        (Some(last), Some(mut first)) if same_emphasis(last, &first) => {
            if let (Some(inner), Some(rest)) = (last.children_mut(), first.children_mut()) {
                join(inner, std::mem::take(rest));
            }
        }
        (_, first) => {
            move_end_space_out(content);
            content.extend(first);
        }
    }
    content.extend(tail);
}

fn same_emphasis(a: &Inline, b: &Inline) -> bool {
    matches!((a.emphasis_kind(), b.emphasis_kind()), (Some((x, _)), Some((y, _))) if x == y)
}

/// Moves the spaces and line breaks that end the inline `content` ends with, at whatever depth
/// they sit, out to `content` itself: one line break if there was one among them, else one space.
fn move_end_space_out(content: &mut Vec<Inline>) {
    let Some(last) = content.last_mut() else {
        return;
    };
    let found = match last {
        Inline::Code { text } => trim_end_of(text),
        _ => match last.children_mut() {
            Some(inner) => strip_end(inner),
            None => None,
        },
    };
    let Some(space) = found else {
        return;
    };
    if matches!(content.last(), Some(i) if is_empty_inline(i)) {
        content.pop();
    }
    match space {
        Inline::Text { text } => append_text(content, &text),
        other => content.push(other),
    }
}

/// Strips the spaces and line breaks that end `content`, nested ones included, and returns what
/// stands for them (see [`move_end_space_out`]).
fn strip_end(content: &mut Vec<Inline>) -> Option<Inline> {
    let mut found: Option<Inline> = None;
    while let Some(last) = content.last_mut() {
        let f = match last {
            Inline::LineBreak => Some(Inline::LineBreak),
            Inline::Text { text } | Inline::Code { text } => trim_end_of(text),
            Inline::Image { .. } => None,
            other => other.children_mut().and_then(strip_end),
        };
        let Some(f) = f else { break };
        // a line break among the stripped whitespace is what the text had there
        if !matches!(found, Some(Inline::LineBreak)) {
            found = Some(f);
        }
        if matches!(content.last(), Some(i) if is_empty_inline(i)) {
            content.pop();
        } else {
            break;
        }
    }
    found
}

fn trim_end_of(text: &mut String) -> Option<Inline> {
    let t = text.trim_end().len();
    (t < text.len()).then(|| {
        text.truncate(t);
        Inline::text(" ")
    })
}

/// An inline that writes nothing: emptied text or code, a line break taken out, an emphasis or
/// link left with no content.
fn is_empty_inline(i: &Inline) -> bool {
    match i {
        Inline::Text { text } | Inline::Code { text } => text.is_empty(),
        Inline::LineBreak => true,
        Inline::Image { .. } => false,
        other => other.children().is_empty(),
    }
}

/// Spaces and line breaks left at the cut.
fn trim_edges(content: &mut Vec<Inline>) {
    while matches!(content.last(), Some(Inline::LineBreak))
        || matches!(content.last(), Some(Inline::Text { text }) if crate::model::inlines::is_blank_text(text))
    {
        content.pop();
    }
    while matches!(content.first(), Some(Inline::LineBreak))
        || matches!(content.first(), Some(Inline::Text { text }) if crate::model::inlines::is_blank_text(text))
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
    fn visible_characters_counted_by_bytes_are_those_decoded() {
        let decoded = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        // every character alone and between others (the white space and its neighbours above all)
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}");
            assert_eq!(visible_chars(&s), decoded(&s), "{:X}", u32::from(c));
            let s = format!("a{c}中{c}{c}\u{3000}");
            assert_eq!(visible_chars(&s), decoded(&s), "{:X}", u32::from(c));
        }
        for s in [
            "",
            " \t\n\r\x0B\x0C",
            "中文新闻，共十个字。\u{3000}\u{3001}\u{2029}\u{202F}\u{205F}\u{1680}",
            "a\u{85}b\u{a0}c\u{2000}\u{200A}\u{200B}\u{2028}",
            &"x y\u{3000}中 ".repeat(100),
        ] {
            assert_eq!(visible_chars(s), decoded(s), "{s:?}");
        }
    }

    #[test]
    fn characters_without_urls_are_counted_alike_with_or_without_the_quick_path() {
        // the count looking for a URL at every character, as it was before the quick path
        let looked_at = |text: &str| {
            let mut n = 0;
            let mut at = Cursor::default();
            while let Some(c) = text[at.byte..].chars().next() {
                if starts_url(&text[at.byte..]) {
                    at = url_end(text, at);
                    continue;
                }
                n += usize::from(!c.is_whitespace());
                at = at.after(c);
            }
            n
        };
        for text in [
            "",
            "关注我们的微信公众号",
            "see HTTP://EXAMPLE.COM/x now",
            "hTtPs://a.b 与 http",
            "http",
            "https:/ not a url",
            "h\u{3000}ttp  \u{a0}x\u{2028}y",
            "更多内容：https://example.com/path?q=1 和 www.example.com",
            "Hhttp://x",
        ] {
            assert_eq!(
                visible_chars_without_urls(text),
                looked_at(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_sponsor_label_names_its_sponsor_and_ends_no_sentence() {
        let lex = builtin();
        assert!(lex.sponsor_label("Together with Parkside Dental"));
        assert!(lex.sponsor_label("  PRESENTED BY: Northline "));
        assert!(lex.sponsor_label("本期赞助：示例咖啡"));
        assert!(!lex.sponsor_label("Together with her brother, he founded the shop."));
        assert!(!lex.sponsor_label(
            "Together with the council and the three neighbourhood trusts of the city"
        ));
        assert!(!lex.sponsor_label("Presented byline"));
        assert!(!lex.sponsor_label("Tomorrow's weather"));
    }

    fn builtin() -> Lexicon {
        let file: crate::clean::rules::RulesFile =
            serde_yaml::from_str(include_str!("../builtin-rules.yaml"))
                .expect("builtin rules parse");
        Lexicon::new(
            &file
                .article
                .shape
                .expect("builtin rules have a shape lexicon"),
        )
    }

    /// `blocks` after both scans, with no stock lines and no calls cut before.
    fn tail_trimmed(lex: &Lexicon, blocks: &mut Vec<Block>) {
        trim(lex, &|_| None, false, false, blocks, &mut Report::default());
    }

    fn para(text: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::text(text)],
        }
    }

    fn list(items: &[Vec<Inline>]) -> Block {
        Block::List {
            start: None,
            numbering: Default::default(),
            items: items
                .iter()
                .map(|c| vec![Block::Paragraph { content: c.clone() }])
                .collect(),
        }
    }

    fn link(label: &str) -> Inline {
        Inline::Link {
            url: "https://example.com/x".into(),
            title: None,
            content: vec![Inline::text(label)],
        }
    }

    #[test]
    fn an_address_without_its_scheme_is_one_to_follow() {
        for text in [
            "追踪港湾日报 Telegram 频道：t.me/harbour_example",
            "Instagram: instagram.com/shanye_diary",
            "(youtube.com/@channel)",
        ] {
            assert!(has_bare_address(text), "{text}");
        }
        for text in [
            "Node.js/Deno 之争",
            "U.S./China trade",
            "时速120 km/h",
            "https://t.me/harbour",
            "见 https://example.org/a/b.com/c",
            "比分 3.5/10",
            "t.me/",
        ] {
            assert!(!has_bare_address(text), "{text}");
        }
        let lex = builtin();
        let follow = lex.score("追踪港湾日报 Telegram 频道：t.me/harbour_example", true);
        assert!(lex.is_boilerplate(&follow));
        // an account's id under its label is an address too; an outlet's name is not
        assert!(labelled_id("微信客服: suntv123"));
        assert!(labelled_id("LINE ID：news_tw"));
        assert!(!labelled_id("来源：Reuters"));
        assert!(!labelled_id("时间：2026"));
        assert!(!labelled_id("他说：ok123 是密码"));
    }

    #[test]
    fn a_short_line_ending_in_its_link_sends_the_reader_there() {
        let lex = builtin();
        let block = |content: Vec<Inline>| Block::Paragraph { content };
        let join = vec![Inline::text("不想错过好文？"), link("加入快讯 LINE 好友")];
        let units = block_units(&lex, 0, &block(join));
        assert!(units.last().is_some_and(|u| u.linked));
        assert!(lex.is_boilerplate(&lex.score_unit(units.last().unwrap(), false)));
        // the same words as text only, and a long sentence that ends in a link, are not linked
        let plain = block_units(&lex, 0, &para("不想错过好文？加入快讯 LINE 好友"));
        assert!(!plain.last().unwrap().linked);
        let sentence = vec![
            Inline::text(
                "厂商表示，新机的屏幕折痕明显减轻，起售价与上一代持平，发布会的完整录像已经上传到",
            ),
            link("厂商的频道"),
        ];
        assert!(!block_units(&lex, 0, &block(sentence))[0].linked);
        // a player's link is the article's
        let player = block_units(&lex, 0, &block(vec![link("Video: YouTube")]));
        assert_eq!(player[0].kind, UnitKind::Content);
    }

    #[test]
    fn a_price_and_its_shop_is_a_button() {
        for line in [
            "$160 at Amazon",
            "$159.99 at Best Buy",
            "149 € bei Otto",
            "€ 35 chez Fnac",
            "£35 at John Lewis & Partners",
        ] {
            assert!(price_at_shop(line), "{line}");
        }
        for line in [
            "At $89, they cost half as much",
            "$89 at launch, now less",
            "$160 at",
            "160 at Amazon",
            "$160 at the shop around the corner",
        ] {
            assert!(!price_at_shop(line), "{line}");
        }
    }

    #[test]
    fn a_request_to_the_public_is_the_articles_report() {
        let lex = builtin();
        for notice in [
            "气象部门提醒，请市民密切关注天气预报，注意防范强降雨。",
            "请各位旅客提前下载购票软件，以免排队。",
            "请家长关注孩子的心理健康。",
        ] {
            assert!(!lex.is_boilerplate(&lex.score(notice, false)), "{notice}");
        }
        // the outlet asking its reader, an account's name holding 公众 aside
        for call in [
            "请关注我们的公众号。",
            "欢迎关注我们的公众号，获取更多资讯。",
        ] {
            assert!(lex.is_boilerplate(&lex.score(call, false)), "{call}");
        }
    }

    #[test]
    fn a_report_word_is_a_report_only_as_a_report_is_written() {
        let lex = builtin();
        // the noun a call offers, after its set phrase or as its object
        for call in [
            "➤更多精彩報導，請訂閱山海日報YouTube頻道",
            "【加入海岸評論網會員】每月一杯咖啡的金額，支持深度報導的產出與傳播",
        ] {
            assert!(lex.is_boilerplate(&lex.score(call, false)), "{call}");
        }
        // a report of what another outlet said stays the article's
        for report in [
            "据新华社报道，请市民关注官方发布的信息。",
            "美聯社報導指出，請訂閱者留意帳單。",
        ] {
            let s = lex.score(report, false);
            assert!(s.reported && !lex.is_boilerplate(&s), "{report}");
        }
    }

    #[test]
    fn the_copyright_mark_opening_a_line_is_a_notice() {
        let lex = builtin();
        // a set phrase (a long one goes as a set line in the tail scan), scoring alone when short
        for notice in [
            "© Nachrichtenagentur Beispiel, nab:261118-99-123456/2",
            "  ©2026 示例日报",
        ] {
            assert!(lex.score(notice, false).strong, "{notice}");
        }
        assert!(lex.is_boilerplate(&lex.score("©2026 示例日报", false)));
        // the mark inside a sentence is the sentence's
        let sentence = "Der Fotograf hält das © an allen Bildern.";
        assert!(!lex.is_boilerplate(&lex.score(sentence, false)));
    }

    #[test]
    fn platforms_in_a_row_between_bars_tell_the_reader_where_to_listen() {
        let lex = builtin();
        let row = "Apple Podcasts｜Spotify｜小宇宙｜喜马拉雅，搜索“街角电台”即可收听。";
        assert!(lex.is_boilerplate(&lex.score(row, false)));
        // platforms named in a sentence are news about them
        let news = "Spotify与小宇宙今年都推出了付费订阅功能。";
        assert!(!lex.is_boilerplate(&lex.score(news, false)));
        assert!(bar_between(" ｜ ") && bar_between("/") && !bar_between("与") && !bar_between(" "));
    }

    #[test]
    fn a_bracketed_label_with_an_action_word_boxes_a_call() {
        assert_eq!(
            bracket_label_end("➤【加入會員】每天好文"),
            Some("➤【加入會員".len())
        );
        assert_eq!(
            bracket_label_end("【一段很长很长很长很长很长的旁白而不是标签】"),
            None
        );
        assert_eq!(bracket_label_end("会员【加入】"), None);
        let lex = builtin();
        let boxed = "【加入城南週報會員】每月一杯咖啡的金額，支持在地新聞";
        assert!(lex.is_boilerplate(&lex.score(boxed, false)));
        // the same words in a sentence of the article
        let news = "去年加入城南週報會員的讀者，每月支付一杯咖啡的金額。";
        assert!(!lex.is_boilerplate(&lex.score(news, false)));
    }

    #[test]
    fn a_no_break_space_is_a_space_to_the_lexicon() {
        let lex = builtin();
        let plain = lex.score("Subscribe now to our edition for the full story.", false);
        let nbsp = lex.score(
            "Subscribe now to our\u{a0}edition for the full story.",
            false,
        );
        assert!(lex.is_boilerplate(&plain));
        assert_eq!(
            (nbsp.points, nbsp.cued, nbsp.category),
            (plain.points, plain.cued, plain.category)
        );
    }

    #[test]
    fn an_appeal_a_few_words_before_an_action_word_is_a_set_phrase() {
        let lex = builtin();
        // long enough to lose the length point: only a set phrase carries it
        let spread =
            "这里是新频道，之前的频道被人投诉了欢迎老朋友们继续关注阿青的新频道，大不了从头再来";
        assert!(lex.scores_as_boilerplate(spread));
        // a clause between them: the welcome and the follow are two things
        let apart = "之前的号被人投诉了好几次，欢迎，老朋友们这些天也一直在关心和关注这件事后来的进展究竟如何";
        assert!(!lex.scores_as_boilerplate(apart));
        // "popular" holds the appeal without inviting anyone
        assert!(!lex.scores_as_boilerplate("这款广受欢迎的分享应用上周宣布关闭"));
    }

    #[test]
    fn a_long_list_goes_only_when_most_items_link_to_an_action() {
        let lex = builtin();
        let calls = list(&[
            vec![Inline::text("每周一封的通讯，"), link("点这里订阅")],
            vec![link("收听往期节目")],
            vec![Inline::text("在微博上"), link("关注我们")],
            vec![link("成为会员，支持我们")],
        ]);
        let units = block_units(&lex, 0, &calls);
        assert_eq!(units[0].kind, UnitKind::Text);
        assert!(units[0].items);
        // the same words with no links are the article's list of advice
        let advice = list(&[
            vec![Inline::text("订阅本地的天气预警")],
            vec![Inline::text("关注官方发布的撤离路线")],
            vec![Inline::text("下载应急广播应用")],
            vec![Inline::text("检查家中的储备")],
        ]);
        assert_eq!(block_units(&lex, 0, &advice)[0].kind, UnitKind::Content);
        // links with no call in them are sources
        let sources = list(&[
            vec![link("1934 年的执照")],
            vec![link("引航员名册")],
            vec![link("海湾海图")],
            vec![link("航线的未来")],
        ]);
        assert_eq!(block_units(&lex, 0, &sources)[0].kind, UnitKind::Content);
        // nor do the platforms in the URLs of cited posts make calls of them
        let tweets: Vec<Vec<Inline>> = (1..=4)
            .map(|i| vec![link(&format!("https://twitter.com/someone/status/{i}"))])
            .collect();
        assert_eq!(
            block_units(&lex, 0, &list(&tweets))[0].kind,
            UnitKind::Content
        );
    }

    #[test]
    fn a_question_naming_the_post_opens_the_call_below_it_in_ideographs_too() {
        let lex = builtin();
        let body =
            "搬回小城已经一年了。房租只有原来的三分之一，上班走路十分钟，晚饭后还能去河边散步。";
        let call = "请给作者一点赞赏，支持我继续写下去！";
        let run = |question: &str| {
            let mut blocks = vec![para(body), para(question), para(call)];
            tail_trimmed(&lex, &mut blocks);
            blocks
        };
        assert_eq!(run("喜欢这篇文章吗？"), vec![para(body)]);
        // the article's own question to the reader stays
        let own = "如果是你，你会怎么选择？";
        assert_eq!(run(own), vec![para(body), para(own)]);
    }

    #[test]
    fn handles_under_labels_are_addresses_however_long() {
        assert_eq!(
            labelled_handles("投稿：@citynews_tips_bot ｜ 讨论群：@chat"),
            (2, 23)
        );
        // a handle in a sentence names someone
        assert_eq!(labelled_handles("设计者在@bridge_lab上写道"), (0, 0));
        let lex = builtin();
        let row =
            "📮投稿：@citynews_tips_bot ｜ 💬讨论群：@citynews_chat ｜ 📢频道：@citynews_example";
        assert!(lex.scores_as_boilerplate(row));
    }

    #[test]
    fn an_announcer_goes_with_its_run_unless_it_reports_speech() {
        let lex = builtin();
        let platforms = || {
            list(&[
                vec![link("Apple Podcasts")],
                vec![link("Spotify")],
                vec![link("小宇宙")],
                vec![Inline::text("或任何播客App，搜索节目名即可")],
            ])
        };
        let body =
            "这一期我们请来两位研究城市交通的学者，聊共享单车十年来的起落，以及停车难题的解法。";
        let run = |announcer: &str| {
            let mut blocks = vec![para(body), para(announcer), platforms()];
            tail_trimmed(&lex, &mut blocks);
            blocks
        };
        assert_eq!(
            run("本节目每周二更新，在以下平台都可以收听我们的节目："),
            vec![para(body)]
        );
        let quoted = "他在播客节目里向听众说：";
        assert_eq!(run(quoted), vec![para(body), para(quoted)]);
    }

    #[test]
    fn a_cut_to_the_end_takes_the_typed_rule_above_it() {
        let t = "参考资料 https://a.example/x\n----------\n这里是新频道";
        let at = t.find("这里").map(|b| t[..b].chars().count()).unwrap();
        assert_eq!(
            before_typed_rule(t, at),
            "参考资料 https://a.example/x".chars().count()
        );
        assert_eq!(before_typed_rule("一句话。这里", 4), 4);
        let mut blocks = vec![para("结尾。"), para(t)];
        let units = block_units(&builtin(), 1, &blocks[1]);
        let mut units: Vec<Unit> = units;
        units.last_mut().unwrap().drop = Some(SHAPE.into());
        apply(&mut blocks, &units, &mut Report::default());
        assert_eq!(blocks[1], para("参考资料 https://a.example/x"));
    }

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
        // an address run into the next line's words ends its unit; one in a sentence does not
        let t = "合作邮箱：hi@mail.example拍摄器材：相机 写信到 hi@mail.example 或来电";
        let segs: Vec<&str> = segments(t).into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            segs,
            [
                "合作邮箱：hi@mail.example",
                "拍摄器材：相机 写信到 hi@mail.example 或来电"
            ]
        );
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

    /// Cuts `[start, end)` (characters of the visible text) the way `apply` does.
    fn cut(mut c: Vec<Inline>, start: usize, end: Option<usize>) -> Vec<Inline> {
        let tail = end.map_or_else(Vec::new, |e| skip_chars(c.clone(), e));
        truncate_chars(&mut c, start);
        join(&mut c, tail);
        trim_edges(&mut c);
        c
    }

    #[test]
    fn a_cut_inside_code_or_emphasis_leaves_one_inline_with_its_space_inside() {
        let code = vec![Inline::Code {
            text: "lead: https://youtube.com rest".into(),
        }];
        assert_eq!(
            cut(code, 6, Some(26)),
            [Inline::Code {
                text: "lead: rest".into()
            }]
        );
        let struck = vec![Inline::Strikethrough {
            content: vec![Inline::Emphasis {
                content: vec![Inline::text("lead: https://youtube.com rest")],
            }],
        }];
        let c = cut(struck, 6, Some(26));
        assert!(
            matches!(c.as_slice(), [Inline::Strikethrough { .. }]),
            "{c:?}"
        );
        assert_eq!(plain_text(&c), "lead: rest");
    }

    #[test]
    fn whitespace_an_inline_ends_in_at_a_cut_moves_out_of_it() {
        let code_then_text = vec![
            Inline::Code {
                text: "lead: https://youtube.com".into(),
            },
            Inline::text(" rest"),
        ];
        assert_eq!(
            cut(code_then_text, 6, Some(26)),
            [
                Inline::Code {
                    text: "lead:".into()
                },
                Inline::text(" "),
                Inline::text("rest"),
            ]
        );
        // at the end of the block the space goes with the cut, a line break too
        let nested = vec![
            Inline::text("a "),
            Inline::Strikethrough {
                content: vec![
                    Inline::text("lead"),
                    Inline::LineBreak,
                    Inline::Emphasis {
                        content: vec![Inline::text("https://youtube.com")],
                    },
                ],
            },
        ];
        assert_eq!(
            cut(nested, 7, None),
            [
                Inline::text("a "),
                Inline::Strikethrough {
                    content: vec![Inline::text("lead")]
                },
            ]
        );
    }
}
