//! The article's head lines that are metadata, not text: a by-line ("Von Anna Berger", "Publicado
//! por …", "作者：…"), a date line ("23.10.2018", "Aktualisiert: 5. März 2024", "Miércoles 04 mayo
//! de 2022 | 01:10"), a reading time or view count ("4 min", "1.234 Aufrufe"), a bare label
//! ("Aktualisiert:") and the separators between them. The outputs carry the date and the author
//! as metadata; in the body they are furniture the reader skips.
//!
//! Only the head is read: the blocks before the first paragraph of prose, headings and figures
//! aside (the title, a kicker and the lead image stay). A block goes when every part of it (lines,
//! and the parts between `|`, `·` and `•`) is one of those kinds. What the kinds' words are is data,
//! the rule file's `article: bylines:` lexicon, in the languages the pages are written in.

use serde::{Deserialize, Serialize};

use super::super::patterns::{ByFirst, lexicon_words, lexicon_words_in};
use crate::model::inlines::{lowercase, plain_text_cow, text_bytes_capped};
use crate::model::{Block, Inline};
use crate::report::Report;

/// The name the report counts head metadata under.
pub(crate) const BYLINE: &str = "byline";
/// What a rating poll under the article is counted as (see `drop_rating_poll`).
pub(crate) const RATING_POLL: &str = "rating-poll";

/// The lexicon as the rules file's `article: bylines:` key writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Bylines {
    /// Words that open a by-line when a name follows ("by", "von", "publicado por", "作者").
    #[serde(default)]
    pub(crate) labels: Vec<String>,
    /// Words that open a date line ("published", "aktualisiert", "发表于").
    #[serde(default)]
    pub(crate) dates: Vec<String>,
    /// Month and weekday names, full and short, which make a short line with a year a date.
    #[serde(default)]
    pub(crate) months: Vec<String>,
    /// The twelve months in their order, each with its names in every language, full and short
    /// (`[[jan, january, januar, enero, …], [feb, …], …]`): a month's number is its place, and a
    /// date written with one ("Nov. 2, 2026", "5 de diciembre de 2026") gives the page its date.
    /// They make a line a date as `months` do.
    #[serde(default)]
    pub(crate) month_names: Vec<Vec<String>>,
    /// The words of a relative time ("2 hours ago", "vor 3 Stunden", "3小时前"): its units and the
    /// word that puts them in the past. With a number they make a date line as a month name does.
    #[serde(default)]
    pub(crate) relative: Vec<String>,
    /// Units after a number that make a reading time or a view count ("min", "Aufrufe", "阅读").
    #[serde(default)]
    pub(crate) units: Vec<String>,
    /// Headings of the contact block a press release or an institute's news ends in
    /// ("Kontakt", "Pressekontakt", "Media contact").
    #[serde(default)]
    pub(crate) contacts: Vec<String>,
    /// Labels of the outlet or agency a story comes from ("来源", "Quelle"): with a short name after
    /// them, metadata, never the author.
    #[serde(default)]
    pub(crate) sources: Vec<String>,
    /// Labels of the people who edited, checked or laid out a story ("责任编辑", "Redaktion",
    /// "Edited by"): with a short name after them metadata as a source is, and never the author.
    #[serde(default)]
    pub(crate) editors: Vec<String>,
    /// What a journalist is ("reporter", "correspondent", "Redakteurin"): a paragraph at the end
    /// that opens with a person's name and says, a few words on, that they are one is their bio,
    /// when it also tells how to reach them or is set apart in italics.
    #[serde(default)]
    pub(crate) roles: Vec<String>,
    /// The page's controls a head line writes beside its date ("打印", "关闭", "字体：大 中 小",
    /// "Print"): scaffolding there, as separators are. A control's label may be followed by a
    /// colon and the sizes it offers.
    #[serde(default)]
    pub(crate) controls: Vec<String>,
    /// Marks that end an article as a line of their own ("（完）", "—END—", "Ende"): scaffolding
    /// at its tail, as separators are.
    #[serde(default)]
    pub(crate) ends: Vec<String>,
    /// Words that say where a story first ran, after the outlet's name ("民主论坛首发"): the line
    /// is metadata at the tail, as a source's is.
    #[serde(default)]
    pub(crate) firsts: Vec<String>,
    /// Labels of a reposted story's original headline ("原标题：…", "Original title: …"): the line
    /// is metadata at the head, however long the headline.
    #[serde(default)]
    pub(crate) origins: Vec<String>,
    /// Labels of the article's own address ("本文网址", "Permalink", "short link"): a line that is
    /// one of them and a URL is the post's metadata, wherever it stands.
    #[serde(default)]
    pub(crate) addresses: Vec<String>,
    /// Labels of an author's bio ("作者简介", "About the author"): a paragraph at the end that
    /// opens with one and its colon is the bio, whoever it names.
    #[serde(default)]
    pub(crate) bios: Vec<String>,
    /// Labels of a forwarded message's origin ("Forwarded From", "转自"): with a short name after
    /// them, colon or not, the line says where the post comes from, as a source's does.
    #[serde(default)]
    pub(crate) forwards: Vec<String>,
    /// Labels of the place a platform prints beside a post's date ("IP属地"): with a short place
    /// after them, colon or not, the line is the post's metadata.
    #[serde(default)]
    pub(crate) locations: Vec<String>,
    /// The question of a rating poll ("Was this article helpful?", "看完这篇文章您觉得"): a short
    /// line opening with one below the article's prose, with only the poll's short lines under
    /// it, is where the article ended.
    #[serde(default)]
    pub(crate) polls: Vec<String>,
}

/// The lexicon, lower-cased: labels and date labels by their first character, longest first.
#[derive(Debug)]
pub(crate) struct BylineLexicon {
    labels: ByFirst,
    dates: ByFirst,
    months: Vec<String>,
    /// Each month name with its number, sorted by name.
    numbered: Vec<(String, u32)>,
    relative: Vec<String>,
    /// By their first character: a text is compared with the units it may start with only.
    units: ByFirst,
    contacts: Vec<String>,
    sources: ByFirst,
    /// The editors' labels written in ideographs, which may follow the outlet's name.
    cjk_editors: Vec<String>,
    /// By their first character: a part is compared with the controls it may start with only.
    controls: ByFirst,
    roles: Vec<String>,
    ends: Vec<String>,
    firsts: Vec<String>,
    origins: Vec<String>,
    addresses: Vec<String>,
    bios: Vec<String>,
    forwards: Vec<String>,
    locations: Vec<String>,
    /// By their first character: a line is compared with the questions it may open with only.
    polls: ByFirst,
}

impl BylineLexicon {
    pub(crate) fn new(b: &Bylines) -> BylineLexicon {
        // the orders build.rs sorted the built-in lists into, taken where they are these lists'
        let [
            labels,
            dates,
            months,
            relative,
            units,
            contacts,
            sources,
            editors,
            controls,
            roles,
            ends,
            firsts,
            origins,
            addresses,
            bios,
            forwards,
            locations,
            polls,
        ] = crate::clean::builtin::BYLINE_ORDERS;
        BylineLexicon {
            labels: ByFirst::new(lexicon_words_in(&b.labels, labels)),
            dates: ByFirst::new(lexicon_words_in(&b.dates, dates)),
            // the lists chained, not copied into one first
            months: lexicon_words_in(
                b.months.iter().chain(b.month_names.iter().flatten()),
                months,
            ),
            numbered: {
                let mut n: Vec<(String, u32)> = (1..)
                    .zip(&b.month_names)
                    .flat_map(|(m, names)| lexicon_words(names).into_iter().map(move |w| (w, m)))
                    .collect();
                n.sort();
                n
            },
            relative: lexicon_words_in(&b.relative, relative),
            units: ByFirst::new(lexicon_words_in(&b.units, units)),
            contacts: lexicon_words_in(&b.contacts, contacts),
            // an editor's label reads as a source's: who handled the story, not who wrote it
            sources: ByFirst::new(lexicon_words_in(
                b.sources.iter().chain(&b.editors),
                sources,
            )),
            cjk_editors: lexicon_words_in(&b.editors, editors)
                .into_iter()
                .filter(|e| e.chars().all(crate::cjk::is_ideograph))
                .collect(),
            controls: ByFirst::new(lexicon_words_in(&b.controls, controls)),
            roles: lexicon_words_in(&b.roles, roles),
            ends: lexicon_words_in(&b.ends, ends),
            firsts: lexicon_words_in(&b.firsts, firsts),
            origins: lexicon_words_in(&b.origins, origins),
            addresses: lexicon_words_in(&b.addresses, addresses),
            bios: lexicon_words_in(&b.bios, bios),
            forwards: lexicon_words_in(&b.forwards, forwards),
            locations: lexicon_words_in(&b.locations, locations),
            polls: ByFirst::new(lexicon_words_in(&b.polls, polls)),
        }
    }
}

/// A head block longer than this is text, whatever it opens with.
const MAX_BLOCK_CHARS: usize = 100;
/// A paragraph this long, ending a sentence, is the article's first prose: the head ends there.
const PROSE_CHARS: usize = 80;
/// A name after a by-line label: at most this many words and characters.
const MAX_NAME_WORDS: usize = 6;
const MAX_NAME_CHARS: usize = 60;
/// Words that join names ("Anna Berger und Jan Roth", "María y José").
const JOINERS: &[&str] = &[
    "and", "und", "y", "e", "et", "i", "van", "von", "de", "da", "del", "der", "den", "la", "le",
    "di", "du", "dos", "das", "bin", "al", "&",
];

/// The metadata the head lines may fill, and whether they may (`fill`: the outputs write the
/// metadata found, as for a page, not a post's own front matter).
pub(crate) struct Found<'m> {
    pub(crate) author: &'m mut Option<String>,
    pub(crate) date: &'m mut Option<String>,
    pub(crate) fill: bool,
}

/// How many blocks [`drop_head_metadata`] took from the article's head and from its tail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Dropped {
    pub(crate) head: usize,
    pub(crate) tail: usize,
}

/// Removes the head blocks that are metadata, counting each under `byline`, and the footer's date
/// lines and the author's bio at the tail; returns how many went where. A by-line's name fills
/// `author`, and a date written in numbers `date` (as `2004-12-27`), when there is none and `fill`;
/// a by-line naming someone other than `author` stays (the front
/// matter's author may be the outlet, and the body's by-line the only place the writer is named).
pub(crate) fn drop_head_metadata(
    blocks: &mut Vec<Block>,
    lexicon: &BylineLexicon,
    found: Found<'_>,
    report: &mut Report,
) -> Dropped {
    let Found { author, date, fill } = found;
    let addressed = drop_address_lines(blocks, lexicon, report);
    let Some(head) = blocks.iter().position(|b| is_text(b, lexicon)) else {
        // an article that is nothing but its head keeps it
        return Dropped::default();
    };
    // a dek (a sentence or two under the headline) may stand before the by-line: the head then
    // runs on to the prose after it ("Sleeper services are back … / By Anna Berger | Nov. 2")
    let after_dek = is_dek(blocks, head)
        .then(|| {
            blocks[head + 1..]
                .iter()
                // a post's by-line stands right under its dek; a page sets rows between them
                .take(
                    if fill {
                        DEK_LOOKAHEAD
                    } else {
                        POST_DEK_LOOKAHEAD
                    } + 1,
                )
                .position(is_prose)
                .map(|p| head + 1 + p)
        })
        .flatten()
        // on a page any metadata line there; in a post's own text a by-line, since a dated line
        // after a first paragraph may head a diary's entry
        .filter(|&next| {
            (head + 1..next).any(|k| match &blocks[k] {
                Block::Paragraph { content } => {
                    matches!(metadata(content, lexicon), Some((name, _)) if fill || name.is_some())
                        || is_bare_author(content, author.as_deref())
                }
                _ => false,
            })
        });
    let (mut i, mut head, mut removed) = (0, after_dek.unwrap_or(head), 0);
    while i < head {
        // where a paragraph keeps its first line and loses the metadata lines under it
        let mut cut = None;
        let (meta, day) = match &blocks[i] {
            Block::Paragraph { content } => match metadata(content, lexicon) {
                Some((name, day)) => (Some(name), day),
                None if is_bare_author(content, author.as_deref()) => (Some(None), None),
                None => match metadata_under_first_line(content, lexicon) {
                    Some((at, name, day)) => {
                        cut = Some(at);
                        (Some(name), day)
                    }
                    // on a page, a line that dates it beside words the lexicon need not know
                    // ("原创 码农小王 于 2024-03-01 10:22:35 发布 阅读量1.2k 收藏 12"), as the line
                    // under a headline outside the article does; a post's own head keeps its
                    // lines that may name someone
                    None if fill => match dated_line(&plain_text_cow(content), lexicon) {
                        Some(day) => (Some(None), Some(day)),
                        None => (None, None),
                    },
                    None => (None, None),
                },
            },
            _ => (None, None),
        };
        let gone = match meta {
            None => false,
            Some(None) => true,
            Some(Some(name)) => match author {
                None if fill => {
                    *author = Some(name);
                    true
                }
                None => false,
                Some(a) => same_name(a, &name),
            },
        };
        if gone {
            if fill && date.is_none() {
                *date = day;
            }
            if let Some(at) = cut {
                // the headline set in bold over its by-line, in one paragraph: the first line
                // stays (the title said again goes later)
                if let Block::Paragraph { content } = &mut blocks[i] {
                    let lines = content.split_off(at);
                    if let Some(r) = report.recorder() {
                        r.take_block(BYLINE, i, &Block::Paragraph { content: lines });
                    }
                }
                removed += 1;
                i += 1;
                continue;
            }
            if let Some(r) = report.recorder() {
                r.take_block(BYLINE, i, &blocks[i]);
            }
            blocks.remove(i);
            head -= 1;
            removed += 1;
        } else {
            i += 1;
        }
    }
    let head_removed = removed;
    removed += drop_tail_metadata(blocks, lexicon, fill, date, report);
    if let Some(last) = blocks.iter().rposition(is_prose) {
        removed += drop_contact_block(blocks, last, lexicon, report);
        removed += drop_below_end_mark(blocks, last, lexicon, report);
    }
    // counted under its own name: a poll is the page's widget, not the article's metadata
    let polled = drop_rating_poll(blocks, lexicon, report);
    let mut bio = match author.as_deref() {
        Some(name) => drop_author_bio(blocks, name, report),
        None => 0,
    };
    if bio == 0 {
        bio = drop_reporter_bio(blocks, lexicon, report);
    }
    removed += bio;
    if bio > 0 {
        // the credits over the bio ("翻译：王小丽") are the tail now
        removed += drop_tail_metadata(blocks, lexicon, fill, date, report);
    }
    report.count_n(BYLINE, removed);
    Dropped {
        head: head_removed,
        tail: removed - head_removed + addressed + polled,
    }
}

/// Removes the lines that give the article's own address under its label ("本文网址：https://…",
/// "Permalink: https://…"), wherever the feed set them: they say where the post is, not what it
/// says. Each is counted as a `byline`; returns how many went.
fn drop_address_lines(
    blocks: &mut Vec<Block>,
    lexicon: &BylineLexicon,
    report: &mut Report,
) -> usize {
    if lexicon.addresses.is_empty() {
        return 0;
    }
    // most posts have none: the blocks are moved only when one is there
    if !blocks.iter().any(|b| is_address_line(b, lexicon)) {
        return 0;
    }
    let before = blocks.len();
    report.take_blocks_where(BYLINE, blocks, |_, b| is_address_line(b, lexicon));
    before - blocks.len()
}

fn is_address_line(b: &Block, lexicon: &BylineLexicon) -> bool {
    let Block::Paragraph { content } = b else {
        return false;
    };
    if text_bytes_capped(content, ADDRESS_LINE_MAX_BYTES) > ADDRESS_LINE_MAX_BYTES {
        return false;
    }
    // borrowed where the paragraph is one text, and told by its URL before any label is read:
    // the look runs over every paragraph
    let text = crate::model::inlines::plain_text_cow(content);
    if !crate::clean::article::shape::has_url(&text) {
        return false;
    }
    let Some((label, url)) = text.trim().split_once(crate::cjk::COLONS) else {
        return false;
    };
    let url = url.trim();
    (url.starts_with("http://") || url.starts_with("https://") || url.starts_with("www."))
        && !url.contains(char::is_whitespace)
        && lexicon.addresses.contains(&lowercase(label.trim()))
}

/// The longest address line read: a label and a long URL.
const ADDRESS_LINE_MAX_BYTES: usize = 400;

/// Removes the date lines and bare labels after the last prose, the article's footer metadata
/// ("Publiziert: 03.04.2020, 12:35"); returns how many went. A name there may sign a letter, so
/// lines that name someone stay, and the last prose stays where it is.
/// The footer's metadata lines read again at the article's tail (see [`drop_head_metadata`]), once
/// what framed them went; `fill` as there. Returns how many went.
pub(crate) fn drop_footer_lines(
    blocks: &mut Vec<Block>,
    lexicon: &BylineLexicon,
    fill: bool,
    date: &mut Option<String>,
    report: &mut Report,
) -> usize {
    drop_tail_metadata(blocks, lexicon, fill, date, report)
}

fn drop_tail_metadata(
    blocks: &mut Vec<Block>,
    lexicon: &BylineLexicon,
    fill: bool,
    date: &mut Option<String>,
    report: &mut Report,
) -> usize {
    let Some(last) = blocks.iter().rposition(|b| is_text(b, lexicon)) else {
        return 0;
    };
    let mut removed = 0;
    let mut k = blocks.len();
    // a credit naming a writer stays ("作者 | 李明远"), and the lines above it stay with it, but for
    // the end mark over them all ("- END -"): it marks where the article ended, nothing more
    let mut named = false;
    while k > last + 1 {
        k -= 1;
        let content = match &blocks[k] {
            Block::Paragraph { content } => content,
            // a rule between footer lines frames them: the lines above it are read too (the rule
            // goes with the frames once nothing stands below it)
            Block::Rule => continue,
            _ => break,
        };
        let Some((name, day)) = metadata(content, lexicon) else {
            break;
        };
        if name.is_some() {
            named = true;
            continue;
        }
        if named && !is_end_mark(&lowercase(plain_text_cow(content).trim()), lexicon) {
            continue;
        }
        if fill && date.is_none() {
            *date = day;
        }
        if let Some(r) = report.recorder() {
            r.take_block(BYLINE, k, &blocks[k]);
        }
        blocks.remove(k);
        removed += 1;
    }
    removed
}

/// Removes the blocks from `start` to the end as the footer's metadata; returns how many went.
fn take_tail(blocks: &mut Vec<Block>, start: usize, report: &mut Report) -> usize {
    take_tail_as(BYLINE, blocks, start, report)
}

/// Removes the blocks from `start` to the end, recorded under `name`; returns how many went.
fn take_tail_as(name: &str, blocks: &mut Vec<Block>, start: usize, report: &mut Report) -> usize {
    let n = blocks.len() - start;
    if let Some(r) = report.recorder() {
        for k in (start..blocks.len()).rev() {
            r.take_block(name, k, &blocks[k]);
        }
    }
    blocks.truncate(start);
    n
}

/// Removes an end mark below the article's last prose (block `last`) and the account's footer
/// under it ("—END—", then the account's name, its slogan, its QR code and the calls around it),
/// when all that follows the mark is such a footer: short lines, pictures with at most a short
/// caption, rules, and lists or headings of short lines. The writer marked where the article
/// ended; a paragraph of prose below the mark (a postscript, an editor's note) keeps it all.
/// Returns how many blocks went.
fn drop_below_end_mark(
    blocks: &mut Vec<Block>,
    last: usize,
    lexicon: &BylineLexicon,
    report: &mut Report,
) -> usize {
    let short = |content: &[Inline]| {
        text_bytes_capped(content, FOOTER_LINE_CHARS * 4) <= FOOTER_LINE_CHARS * 4
            && plain_text_cow(content).chars().count() <= FOOTER_LINE_CHARS
    };
    let Some(mark) = blocks.iter().skip(last + 1).position(|b| {
        matches!(b, Block::Paragraph { content } if short(content)
            && is_end_mark(&lowercase(plain_text_cow(content).trim()), lexicon))
    }) else {
        return 0;
    };
    let mark = last + 1 + mark;
    let below = &blocks[mark + 1..];
    let footer = below.len() <= FOOTER_MAX_BLOCKS
        && below.iter().all(|b| match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => short(content),
            Block::Figure { caption, .. } => short(caption),
            Block::Rule => true,
            Block::List { items, .. } => items.iter().all(|item| {
                item.iter()
                    .all(|b| matches!(b, Block::Paragraph { content } if short(content)))
            }),
            _ => false,
        });
    if !footer {
        return 0;
    }
    take_tail(blocks, mark, report)
}

/// Removes a rating poll the article ends in: a short line below the article's prose that asks
/// the reader what the article was worth ("Was this article helpful?", "看完这篇文章您觉得"), and
/// under it only the poll's own lines: its answers, a thanks, a request to say why (short
/// paragraphs and headings, lists of such, pictures, rules). The poll is the page's widget, set
/// under every article alike; a paragraph of prose under it (an editor's note) keeps it all.
/// Returns how many blocks went.
fn drop_rating_poll(
    blocks: &mut Vec<Block>,
    lexicon: &BylineLexicon,
    report: &mut Report,
) -> usize {
    let Some(first_prose) = blocks.iter().position(is_prose) else {
        return 0;
    };
    let line = |content: &[Inline], chars: usize| {
        text_bytes_capped(content, chars * 4) <= chars * 4
            && plain_text_cow(content).chars().count() <= chars
    };
    // the poll's lines: the answers are short, a thanks or a plea to say why up to twice that
    let short = |content: &[Inline]| line(content, 2 * FOOTER_LINE_CHARS);
    let poll_line = |b: &Block| match b {
        Block::Paragraph { content } | Block::Heading { content, .. } => short(content),
        Block::Figure { caption, .. } => short(caption),
        Block::Rule => true,
        Block::List { items, .. } => items.iter().all(|item| {
            item.iter()
                .all(|b| matches!(b, Block::Paragraph { content } if short(content)))
        }),
        _ => false,
    };
    // only the run of such lines the article ends in may hold the question (most articles end
    // in prose: nothing to read then)
    let mut start = blocks.len();
    while start > first_prose + 1
        && blocks.len() - start <= POLL_MAX_BLOCKS
        && poll_line(&blocks[start - 1])
    {
        start -= 1;
    }
    let Some(question) = (start..blocks.len()).find(|&k| {
        matches!(&blocks[k], Block::Paragraph { content } | Block::Heading { content, .. }
        if line(content, FOOTER_LINE_CHARS) && opens_poll(&plain_text_cow(content), lexicon))
    }) else {
        return 0;
    };
    let n = take_tail_as(RATING_POLL, blocks, question, report);
    report.count_n(RATING_POLL, n);
    n
}

/// Whether `text` opens with a rating poll's question (told by its first character before it is
/// lower-cased whole).
fn opens_poll(text: &str, lexicon: &BylineLexicon) -> bool {
    let text = text.trim();
    let Some(first) = text.chars().next().and_then(|c| c.to_lowercase().next()) else {
        return false;
    };
    if lexicon.polls.starting_with(first).is_empty() {
        return false;
    }
    let lower = lowercase(text);
    lexicon
        .polls
        .starting(&lower)
        .iter()
        .any(|p| lower.starts_with(p.as_str()))
}

/// The most blocks a rating poll holds under its question.
const POLL_MAX_BLOCKS: usize = 20;

/// The longest line of an account's footer under its end mark (a name, a slogan, a call).
const FOOTER_LINE_CHARS: usize = 60;
/// The most blocks such a footer holds.
const FOOTER_MAX_BLOCKS: usize = 12;

/// The most text a contact block below its heading holds: a few names, addresses and numbers.
const CONTACT_MAX_CHARS: usize = 600;

/// Removes the contact block an article ends in: after its last prose (block `last`), a heading or
/// a line that is only a contact label ("Kontakt:", "Media contact"), then only short paragraphs
/// (at most [`BIO_LINE_CHARS`] a line) of which one gives an e-mail address or a telephone number.
/// Who to ask is the outlet's footer, not what the article says. Returns how many blocks went.
fn drop_contact_block(
    blocks: &mut Vec<Block>,
    last: usize,
    lexicon: &BylineLexicon,
    report: &mut Report,
) -> usize {
    if lexicon.contacts.is_empty() {
        return 0;
    }
    // the label heads the block: alone, or as the first line of a paragraph that goes on with
    // the contact's lines ("Media Contact:⏎Jordan Blake⏎press@…")
    let heads = |b: &Block| -> Option<String> {
        let (Block::Paragraph { content } | Block::Heading { content, .. }) = b else {
            return None;
        };
        if text_bytes_capped(content, 4 * CONTACT_MAX_CHARS) > 4 * CONTACT_MAX_CHARS {
            return None;
        }
        let text = plain_text_cow(content);
        let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
        if first.len() > 4 * MAX_NAME_CHARS {
            return None;
        }
        let label = lowercase(first.trim().trim_end_matches(crate::cjk::COLONS).trim_end());
        lexicon.contacts.contains(&label).then(|| rest.to_string())
    };
    let Some((start, own)) =
        (last + 1..blocks.len()).find_map(|k| heads(&blocks[k]).map(|r| (k, r)))
    else {
        return 0;
    };
    let mut chars = 0;
    let mut reachable = false;
    let mut lines = 0;
    let mut read = |text: &str| -> bool {
        if text
            .lines()
            .any(|l| l.trim().chars().count() > BIO_LINE_CHARS)
        {
            return false;
        }
        chars += text.chars().count();
        lines += text.lines().filter(|l| !l.trim().is_empty()).count();
        reachable |= gives_address(text);
        true
    };
    if !read(&own) {
        return 0;
    }
    for b in &blocks[start + 1..] {
        let Block::Paragraph { content } = b else {
            return 0;
        };
        if text_bytes_capped(content, 4 * CONTACT_MAX_CHARS) > 4 * CONTACT_MAX_CHARS
            || !read(&plain_text_cow(content))
        {
            return 0;
        }
    }
    if lines == 0 || !reachable || chars > CONTACT_MAX_CHARS {
        return 0;
    }
    take_tail(blocks, start, report)
}

/// Whether a contact line gives an e-mail address ("name@host.tld") or a telephone number (six
/// digits or more, spaced as numbers are written: "+49 611 7878 394", "(030) 5683-8000").
fn gives_address(text: &str) -> bool {
    let mail = text.split_whitespace().any(|w| {
        w.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    });
    mail || text.lines().any(|line| {
        let mut digits = 0;
        for c in line.chars() {
            if c.is_ascii_digit() {
                digits += 1;
                if digits >= 6 {
                    return true;
                }
            } else if !matches!(c, ' ' | '+' | '-' | '/' | '(' | ')' | '\u{a0}') {
                digits = 0;
            }
        }
        false
    })
}

/// How many blocks at the end are read for the author's bio.
const BIO_TAIL: usize = 4;

/// A bio is a few sentences: a longer paragraph that opens with the author's name is the article's.
const BIO_MAX_CHARS: usize = 700;

/// What may follow a bio: short lines ("More by …", "Follow her on …").
const BIO_LINE_CHARS: usize = 100;

/// Removes the author's bio at the article's end: from a paragraph that is the author's name, or
/// that opens with it ("Alice Wu fell down the rabbit hole of politics …", "Anna Berger ist
/// Redakteurin …"), among the last blocks, to the end, when what follows is as short (the author's
/// other posts, a follow line). The name must be a person's as the metadata gives it, of two words
/// or more: one word ("admin", a first name) opens sentences of the article too. Returns how many
/// blocks went.
/// The shortest bio that opens with the author's first name only: a sentence about them, not a
/// line that happens to start with the name.
const FIRST_NAME_BIO_CHARS: usize = 80;

/// Articles that open an outlet's name given as the author ("Die FURCHE", "The Guardian"): no
/// first name, and the commonest first word of a paragraph.
const ARTICLES: &[&str] = &[
    "the", "die", "der", "das", "los", "las", "les", "gli", "het", "een", "una", "uno",
];

fn drop_author_bio(blocks: &mut Vec<Block>, author: &str, report: &mut Report) -> usize {
    let whole = drop_one_bio(blocks, author, false, report);
    if whole > 0 {
        return whole;
    }
    // a by-line of several writers ("Anna Kowal and Li Wen") may be followed by the card of each,
    // its name alone over its bio: once a lower one went, the one above it ends the article. One
    // writer's name opening a paragraph is no bio here: "Stella Kim reported from Seoul" credits.
    if !AUTHORS_APART.iter().any(|a| author.contains(a)) {
        return 0;
    }
    let mut names = vec![author];
    for apart in AUTHORS_APART {
        names = names.into_iter().flat_map(|n| n.split(apart)).collect();
    }
    if names.len() < 2 {
        return 0;
    }
    names
        .into_iter()
        .map(|name| drop_one_bio(blocks, name, true, report))
        .sum()
}

/// What stands between the names of a by-line of several writers.
const AUTHORS_APART: &[&str] = &[
    " and ", " & ", ", ", " und ", " y ", " et ", " e ", "、", "；",
];

/// [`drop_author_bio`] for one name; `alone`: the name must stand alone over the bio.
fn drop_one_bio(blocks: &mut Vec<Block>, author: &str, alone: bool, report: &mut Report) -> usize {
    let name = author.trim();
    if name.split_whitespace().count() < 2 || name.chars().count() > 40 {
        return 0;
    }
    let lower_name = lowercase(name);
    let first_name = lower_name.split_whitespace().next().filter(|f| {
        f.chars().count() >= 3 && f.chars().all(char::is_alphabetic) && !ARTICLES.contains(f)
    });
    let from = blocks.len().saturating_sub(BIO_TAIL);
    let opens_bio = |k: usize| {
        let (content, heading) = match &blocks[k] {
            Block::Paragraph { content } => (content, false),
            // an author card heads the bio with the name ("<h4>Anna Kowal</h4><p>Metals reporter
            // …")
            Block::Heading { content, .. } => (content, true),
            _ => return None,
        };
        if text_bytes_capped(content, BIO_MAX_CHARS * 4) > BIO_MAX_CHARS * 4 {
            return None;
        }
        let text = plain_text_cow(content);
        let text = text.trim();
        let lower = lowercase(text);
        if heading {
            return (lower == lower_name).then_some(true);
        }
        // the name alone over the bio, or the bio opening with it (not "Alice Wus Buch"), or with
        // the first name as bios are written ("Devindra has been obsessed with technology …")
        let opens_with = |name: &str, min_chars: usize| {
            lower.strip_prefix(name).is_some_and(|rest| {
                rest.starts_with([' ', ',']) && text.chars().count() >= min_chars
            })
        };
        if lower == lower_name {
            Some(true)
        } else if alone {
            None
        } else {
            (opens_with(&lower_name, 40)
                || first_name.is_some_and(|f| opens_with(f, FIRST_NAME_BIO_CHARS)))
            .then_some(false)
        }
    };
    let short = |content: &[Inline]| {
        text_bytes_capped(content, BIO_LINE_CHARS * 4) <= BIO_LINE_CHARS * 4
            && plain_text_cow(content).chars().count() <= BIO_LINE_CHARS
    };
    // one paragraph of bio (after the name alone, when it stands over it), then only short lines
    // and lists (the author's other posts, a follow line): an article that goes on after a
    // sentence naming its author is not at its bio
    let fits = |k: usize| {
        let Some(name_alone) = opens_bio(k) else {
            return false;
        };
        let bio_end = (k + 1 + usize::from(name_alone)).min(blocks.len());
        blocks[k + 1..bio_end].iter().all(|b| {
            matches!(b, Block::Paragraph { content }
                if text_bytes_capped(content, BIO_MAX_CHARS * 4) <= BIO_MAX_CHARS * 4)
        }) && blocks[bio_end..].iter().all(|b| match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => short(content),
            Block::List { .. } | Block::Figure { .. } | Block::Rule => true,
            _ => false,
        })
    };
    let Some(start) = (from..blocks.len()).find(|&k| fits(k)) else {
        return 0;
    };
    // the article stays: its prose stands before the bio
    if !blocks[..start].iter().any(is_prose) {
        return 0;
    }
    let start = with_portrait(blocks, start, name);
    take_tail(blocks, start, report)
}

/// `start`, or the block above it when that is the bio's portrait: a picture alone, no caption,
/// whose address or alternative text names the writer or says it is a portrait
/// ("/img/maria-lopez.jpg", `alt="Author photo"`). An article's last photo names neither.
fn with_portrait(blocks: &[Block], start: usize, name: &str) -> usize {
    let Some(above) = start.checked_sub(1) else {
        return start;
    };
    let mut pictures = Vec::new();
    match &blocks[above] {
        Block::Figure { image, caption } if caption.is_empty() => pictures.push(image),
        b @ Block::Paragraph { .. } if super::boundary::is_shown_picture(b) => {
            crate::model::walk_inlines(std::slice::from_ref(b), &mut |i| {
                if let Inline::Image { image } = i {
                    pictures.push(image);
                }
            });
        }
        _ => return start,
    }
    let names: Vec<String> = name
        .split_whitespace()
        .map(lowercase)
        .filter(|w| w.chars().count() >= 3)
        .collect();
    let portrait = pictures.len() == 1
        && pictures.iter().all(|image| {
            let said = lowercase(&format!("{} {}", image.src, image.alt));
            names.iter().any(|n| said.contains(n.as_str()))
                || PORTRAIT_WORDS.iter().any(|w| said.contains(w))
        });
    if portrait { above } else { start }
}

/// Words an author's portrait is filed or described under.
const PORTRAIT_WORDS: &[&str] = &[
    "avatar", "headshot", "mugshot", "portrait", "author", "byline", "profile", "作者", "头像",
    "頭像",
];

/// Removes a journalist's bio at the article's end when the metadata does not name them (a feed
/// gives the outlet as the author): among the last blocks, a paragraph that opens with a person's
/// name, says within a few words that they are a reporter, an editor or the like ("Tom Reyes is a
/// staff reporter covering …"), and either tells how to reach them (an address, a handle, a
/// telephone number) or is set in italics or bold whole, with only short lines after it. A sentence
/// of the article that names a journalist does neither. Returns how many blocks went.
fn drop_reporter_bio(
    blocks: &mut Vec<Block>,
    lexicon: &BylineLexicon,
    report: &mut Report,
) -> usize {
    if lexicon.roles.is_empty() && lexicon.bios.is_empty() {
        return 0;
    }
    let from = blocks.len().saturating_sub(BIO_TAIL);
    let opens_bio = |content: &[Inline]| {
        // a name opens with a capital or an ideograph: most closing paragraphs are told by their
        // first letter
        let first = crate::model::inlines::first_char(content);
        if !first.is_some_and(|c| c.is_uppercase() || crate::cjk::is_cjk(c))
            || text_bytes_capped(content, BIO_MAX_CHARS * 4) > BIO_MAX_CHARS * 4
        {
            return false;
        }
        // borrowed where the paragraph is one text, as most closing paragraphs are
        let text = crate::model::inlines::plain_text_cow(content);
        if labelled_bio(&text, lexicon) {
            return true;
        }
        let set_apart = content.len() == 1
            && matches!(content[0], Inline::Emphasis { .. } | Inline::Strong { .. });
        let reachable =
            || set_apart || crate::clean::article::shape::has_contact(&text) || has_handle(&text);
        if first.is_some_and(crate::cjk::is_cjk) {
            // naming the outlet in its title marks ("是《纽约时报》驻北京记者") says whose staff
            // they are, as an address does
            return cjk_bio_role(&text, lexicon) && (reachable() || text.contains('《'));
        }
        let words: Vec<&str> = text
            .split_whitespace()
            .take(REPORTER_ROLE_WITHIN + 3)
            .collect();
        // the name: two or three capitalized words before the first that is not
        let name_words = words
            .iter()
            .take_while(|w| is_name(w.trim_end_matches(',')) && !w.ends_with(['.', ':']))
            .count()
            .min(3);
        if name_words < 2 || !is_name(&words[..name_words].join(" ")) {
            return false;
        }
        let role = words[name_words..]
            .iter()
            .take(REPORTER_ROLE_WITHIN)
            .any(|w| {
                let w = lowercase(w.trim_matches(|c: char| !c.is_alphanumeric()));
                lexicon.roles.contains(&w)
            });
        role && reachable()
    };
    let short = |content: &[Inline]| {
        text_bytes_capped(content, BIO_LINE_CHARS * 4) <= BIO_LINE_CHARS * 4
            && plain_text_cow(content).chars().count() <= BIO_LINE_CHARS
    };
    let Some(start) = (from..blocks.len()).find(|&k| {
        matches!(&blocks[k], Block::Paragraph { content } if opens_bio(content))
            && blocks[k + 1..].iter().all(|b| match b {
                Block::Paragraph { content } | Block::Heading { content, .. } => short(content),
                Block::List { .. } | Block::Figure { .. } | Block::Rule => true,
                _ => false,
            })
    }) else {
        return 0;
    };
    if !blocks[..start].iter().any(is_prose) {
        return 0;
    }
    // the bio opens with the journalist's name: its first words name the portrait, if any
    let opening: String = match &blocks[start] {
        Block::Paragraph { content } => plain_text_cow(content)
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    };
    let start = with_portrait(blocks, start, &opening);
    take_tail(blocks, start, report)
}

/// Whether a paragraph opens with a bio's label and its colon ("作者简介：陈晓，教育记者……",
/// "About the author: …").
fn labelled_bio(text: &str, lexicon: &BylineLexicon) -> bool {
    // labels are a few words: most paragraphs' first colon stands further in, so the colon is
    // looked for only where a label's may stand (its three bytes, for `：`), not through the
    // whole paragraph a character at a time
    let mut head = text.len().min(BIO_LABEL_MAX_BYTES + '：'.len_utf8());
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let Some((label, _)) = text[..head].split_once(crate::cjk::COLONS) else {
        return false;
    };
    label.len() <= BIO_LABEL_MAX_BYTES && lexicon.bios.contains(&lowercase(label.trim()))
}

/// The longest bio label with its marks ("à propos de l'auteur" is 21 bytes).
const BIO_LABEL_MAX_BYTES: usize = 40;

/// Whether a paragraph in ideographs opens as a journalist's bio: a name of two to four
/// ideographs, perhaps with its Latin form in brackets, then "是" ("is") and, within
/// [`CJK_ROLE_WITHIN`] characters, a role of the lexicon ("李薇(Li Wei)是《纽约时报》驻北京记者").
fn cjk_bio_role(text: &str, lexicon: &BylineLexicon) -> bool {
    // the name ends where its Latin form's bracket or "是" begins
    let Some((at, _)) = text
        .char_indices()
        .take(5)
        .find(|&(_, c)| matches!(c, '是' | '為' | '为' | '係' | '(' | '（'))
    else {
        return false;
    };
    let name = &text[..at];
    if !(2..=4).contains(&name.chars().count()) || !name.chars().all(crate::cjk::is_cjk) {
        return false;
    }
    let rest = &text[at..];
    let rest = match rest.strip_prefix(['(', '（']) {
        Some(r) => match r.find([')', '）']) {
            Some(close) if close <= 40 => r[close..].trim_start_matches([')', '）']),
            _ => return false,
        },
        None => rest,
    };
    let Some(rest) = rest.strip_prefix(['是', '為', '为', '係']) else {
        return false;
    };
    let within: String = rest.chars().take(CJK_ROLE_WITHIN).collect();
    lexicon
        .roles
        .iter()
        .any(|r| !r.is_ascii() && within.contains(r.as_str()))
}

/// How many characters after "是" a role may come ("《纽约时报》驻北京记者").
const CJK_ROLE_WITHIN: usize = 24;

/// How many words after a name its role may come ("is a staff reporter", "ist freie Redakteurin").
const REPORTER_ROLE_WITHIN: usize = 5;

/// A social handle written out ("@tomreyes"): an at sign opening a word of letters, digits and `_`.
fn has_handle(text: &str) -> bool {
    // an "@" that opens a word, or follows ideographs that need no space ("关注她@liwei"); after
    // a letter or digit it is an e-mail address's
    text.match_indices('@').any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let handle = text[at + 1..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        before.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '.' && c != '_') && handle >= 2
    })
}

/// Whether two names are the same person's, as written in different places ("KEITH BRADSHER" and
/// "Keith Bradsher"; "Anna Berger" and "Anna Berger, Berlin").
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// A head paragraph whose first line is something else (a headline set in bold) and whose other
/// lines are all metadata ("**County fair breaks record**⏎By Mark Ellis⏎Published Thursday, August
/// 20, 2026"), as pages laid out in tables set them: where the first line ends (its line break), and
/// the name and date the other lines give.
fn metadata_under_first_line(
    content: &[Inline],
    lexicon: &BylineLexicon,
) -> Option<(usize, Option<String>, Option<String>)> {
    let first = content
        .iter()
        .position(|i| matches!(i, Inline::LineBreak))?;
    if first == 0 || text_bytes_capped(&content[..first], 4 * MAX_BLOCK_CHARS) > 4 * MAX_BLOCK_CHARS
    {
        return None;
    }
    let (mut name, mut day, mut lines) = (None, None, 0);
    for line in content[first + 1..].split(|i| matches!(i, Inline::LineBreak)) {
        if plain_text_cow(line).trim().is_empty() {
            continue;
        }
        let (n, d) = metadata(line, lexicon)?;
        name = name.or(n);
        day = day.or(d);
        lines += 1;
    }
    (lines > 0).then_some((first, name, day))
}

/// Whether a line is the article's known author's name and nothing else ("Marie Rövekamp" under
/// the standfirst): a by-line without its label, told by the metadata it repeats. A name alone is
/// otherwise no by-line, so the match is whole, not a part of the name.
fn is_bare_author(content: &[Inline], author: Option<&str>) -> bool {
    let Some(author) = author else {
        return false;
    };
    if text_bytes_capped(content, MAX_NAME_BYTES) > MAX_NAME_BYTES {
        return false;
    }
    let text = plain_text_cow(content);
    // the name may have the outlet it writes for on its own line under it ("Megan Ruiz⏎Lakeview
    // Tribune"): a short name of capitalised words, no sentence
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    let line = name_key(first);
    is_name(first)
        && !line.is_empty()
        && line == name_key(author)
        && lines.all(|l| is_name(l) && l.split_whitespace().count() <= AFFILIATION_WORDS)
}

/// The most words the outlet under a writer's name may have ("USA TODAY Network").
const AFFILIATION_WORDS: usize = 4;

/// A name as its letters and digits in lower case, however it is spaced, cased or punctuated.
fn name_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The longest line [`is_bare_author`] reads (bytes): a few names.
const MAX_NAME_BYTES: usize = 120;

/// Whether the first prose block, at `at`, is a dek: the article's first paragraph under nothing
/// but headings and a section's name, a sentence or two short of [`DEK_MAX_CHARS`].
fn is_dek(blocks: &[Block], at: usize) -> bool {
    blocks[..at].iter().all(|b| {
        matches!(b, Block::Heading { .. })
            || matches!(b, Block::Paragraph { content }
                if text_bytes_capped(content, KICKER_MAX_BYTES) <= KICKER_MAX_BYTES)
    }) && matches!(&blocks[at], Block::Paragraph { content }
    if text_bytes_capped(content, DEK_MAX_CHARS * 4) <= DEK_MAX_CHARS * 4
        && !weighs_at_least(
            &crate::model::inlines::plain_text_cow(content),
            DEK_MAX_CHARS + 1
        ))
}

/// The by-line stands right under the dek: at most this many blocks before the prose resumes
/// (a by-line, a date line, a picture, share and follow rows, a reading time).
const DEK_LOOKAHEAD: usize = 10;
/// In a post's own text: the by-line and a picture or a date line at most.
const POST_DEK_LOOKAHEAD: usize = 3;
/// A section's name over the headline ("Travel", "Local news") is this short at most.
const KICKER_MAX_BYTES: usize = 40;
/// The longest dek (an ideograph weighing two): two sentences of a standfirst.
const DEK_MAX_CHARS: usize = 300;

/// Prose that is not a line of fields: a date's "a.m." ends a by-line as a sentence's full stop
/// would ("By Dana Whitfield | November 20, 2026 at 8:30 a.m.").
fn is_text(b: &Block, lexicon: &BylineLexicon) -> bool {
    is_prose(b)
        && !matches!(b, Block::Paragraph { content }
            if ends_short_word(content) && is_metadata(content, lexicon))
}

/// Whether a paragraph ends in a word a full stop closes that is no sentence's last: an
/// abbreviation ("a.m.", "Jr.") or a bracket ("(Reuters)"). Only such prose is read for fields: a
/// sentence's end is the commonest end of all.
fn ends_short_word(content: &[Inline]) -> bool {
    let Some(Inline::Text { text }) = content.last() else {
        return false;
    };
    let text = text.trim_end();
    if text.ends_with(')') {
        return true;
    }
    let Some(word) = text.strip_suffix('.') else {
        return false;
    };
    let word = word.rsplit(char::is_whitespace).next().unwrap_or(word);
    word.contains('.') || word.chars().count() <= 3
}

fn is_prose(b: &Block) -> bool {
    match b {
        Block::Paragraph { content } => {
            text_bytes_capped(content, PROSE_CHARS * 4) >= PROSE_CHARS && {
                // borrowed where the paragraph is one text, as most are: the head's and tail's
                // looks ask this of several blocks a post
                let t = crate::model::inlines::plain_text_cow(content);
                let t = t.trim_end();
                // a sentence ends the paragraph, or one of its lines ("… folgt Kapitel 122.\nViel
                // Spass": a greeting under the text)
                // an ideograph says what a letter or two do: it weighs twice
                weighs_at_least(t, PROSE_CHARS)
                    && (t.ends_with(['.', '!', '?', '。', '！', '？', '"', '”', '»', '」', ')'])
                        || t.lines()
                            .any(|l| l.trim_end().ends_with(['.', '!', '?', '。', '！', '？'])))
            }
        }
        Block::List { .. } | Block::Quote { .. } | Block::Code { .. } | Block::Table { .. } => true,
        _ => false,
    }
}

/// `crate::cjk::weighed_len(text) >= least`, read only as far as it takes (a paragraph of prose
/// reaches it in its first line).
fn weighs_at_least(text: &str, least: usize) -> bool {
    // no character weighs more than its bytes: a text of fewer bytes is lighter than `least`
    text.len() >= least && crate::cjk::weighed_len_up_to(text, least) >= least
}

/// When every part of a short paragraph is metadata: `Some`, with the name its by-line gives and the
/// date it writes in numbers.
fn metadata(
    content: &[Inline],
    lexicon: &BylineLexicon,
) -> Option<(Option<String>, Option<String>)> {
    if text_bytes_capped(content, MAX_BLOCK_CHARS * 4) > MAX_BLOCK_CHARS * 4 {
        return None;
    }
    let text = plain_text_cow(content);
    if text.chars().count() > MAX_BLOCK_CHARS {
        return None;
    }
    fields(&text, content, lexicon)
        .or_else(|| fields(&unglued(&text)?, content, lexicon))
        .or_else(|| fields(&crate::cjk::arabic_date(&text)?, content, lexicon))
}

/// `text` with a `|` where two fields meet with nothing between them, as markup that sets its
/// spans apart by style alone writes them ("By Lucas BrennanNovember 2, 202612 min read"): a
/// small letter before a capital, a year before a digit, a small letter before a digit. `None`
/// when there is no such place. Read only once the text failed as it stands, and kept only when
/// every part it gives is a field.
fn unglued(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 8);
    let mut glued = false;
    let mut prev: Option<char> = None;
    let mut digits = 0;
    for c in text.chars() {
        if let Some(p) = prev {
            let year = digits == 4
                && out.len() >= 4
                && matches!(&out[out.len() - 4..out.len() - 2], "19" | "20");
            if p.is_lowercase() && (c.is_uppercase() || c.is_ascii_digit())
                || year && c.is_ascii_digit()
            {
                out.push('|');
                glued = true;
                digits = 0;
            }
        }
        digits = if c.is_ascii_digit() { digits + 1 } else { 0 };
        out.push(c);
        prev = Some(c);
    }
    glued.then_some(out)
}

/// The by-line fields of `text`, the text of `content`, as [`metadata`] reads them.
fn fields(
    text: &str,
    content: &[Inline],
    lexicon: &BylineLexicon,
) -> Option<(Option<String>, Option<String>)> {
    // a hyphen spaced on both sides separates too ("Par Claire Dubois - Le 30 novembre 2026"); one
    // inside a word or a date joins
    let parts: Vec<&str> = text
        .split(" - ")
        .flat_map(|p| {
            // (the middle dots of Japanese and Taiwanese type too: "发布于 …・IP 属地上海")
            // (a `match`, where a list of characters compared each with every one of them)
            p.split(|c| {
                matches!(
                    c,
                    '\n' | '|'
                        | '·'
                        | '•'
                        | '・'
                        | '･'
                        | '‧'
                        | '｜'
                        | '┊'
                        | '¦'
                        | '【'
                        | '】'
                        | '['
                        | ']'
                        | '（'
                        | '）'
                        | '—'
                        | '–'
                )
            })
        })
        .flat_map(|p| at_labels(p, lexicon))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    // a block of separators only is scaffolding too
    if parts.is_empty() {
        return (!content.iter().any(holds_picture)).then_some((None, None));
    }
    let mut name = None;
    let mut meta = false;
    let mut tail_day = None;
    // a label standing alone before its value, as WeChat credits are set ("编辑 | 王二")
    let mut label_before: Option<bool> = None;
    let dated = || {
        parts
            .iter()
            .any(|p| iso_date(p).is_some() || is_date(&lowercase(p), lexicon))
    };
    for &p in &parts {
        // a control set after the date with a space only ("发表于 2026-10-12 21:14 只看该作者"):
        // the part is read without it
        let (p, controls) = without_trailing_controls(p, lexicon);
        if p.is_empty() {
            meta |= controls;
            continue;
        }
        if let Some(by_line) = label_before.take() {
            if by_line && is_name(p) {
                name.get_or_insert_with(|| p.to_string());
                continue;
            }
            if !by_line && (1..=SOURCE_MAX_CHARS).contains(&crate::cjk::weighed_len(p)) {
                continue;
            }
        }
        if let Some(by_line) = bare_label(p, lexicon) {
            label_before = Some(by_line);
            meta = true;
            continue;
        }
        // a story's code beside its credits ("（編輯：陳大文）1151205")
        if (STORY_CODE_DIGITS).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) && meta {
            continue;
        }
        if let Some(n) = byline(p, lexicon) {
            name.get_or_insert(n);
            meta = true;
        } else if is_meta_part(p, lexicon) {
            meta = true;
        } else if is_name(p) && p.split_whitespace().count() >= 2 {
            // "Anna Berger | 11 Jan 2019": a bare name stands with a date or a by-line, not alone
            name.get_or_insert_with(|| p.to_string());
        } else if let Some(n) = name_before_date(p, lexicon)
            .filter(|n| n.split_whitespace().count() >= 2 && !n.chars().any(crate::cjk::is_cjk))
        {
            // "Tomasz Nowak 4 grudnia 2026, 14:20": the name and its date with no mark between
            name.get_or_insert_with(|| n.to_string());
            meta = true;
            tail_day = tail_day.or_else(|| named_date(&p[n.len()..], lexicon));
        } else if p.contains(crate::cjk::COLONS)
            && (is_source(p, lexicon) || is_user_line(p, lexicon) || is_outlet_editor(p, lexicon))
        {
            // "来源：新华网", "楼主：stone": who published it, not who wrote it
            meta = true;
        } else if is_name(p) && !p.chars().any(crate::cjk::is_cjk) && dated() {
            // "24. März 2004, 19:49 | Genesis": one word beside a date is a user's name or a
            // place, metadata either way, but too little to be taken for the author
        } else {
            return None;
        }
    }
    // the date, read once the line is known to be metadata
    meta.then(|| {
        let day = parts
            .iter()
            .find_map(|p| iso_date(p).or_else(|| named_date(p, lexicon)))
            .or(tail_day);
        (name, day)
    })
}

/// `part` without the control words that end it after a space, and whether there were any. A
/// part that is all controls is left to [`is_control`], which reads their options too.
fn without_trailing_controls<'p>(part: &'p str, lexicon: &BylineLexicon) -> (&'p str, bool) {
    let mut rest = part;
    while let Some((head, last)) = rest.rsplit_once(char::is_whitespace) {
        let last = lowercase(last);
        // a word that counts ("160 Comments") is the unit of the number before it
        if head.trim().is_empty() || !is_control(&last, lexicon) || lexicon.units.has(&last) {
            break;
        }
        rest = head.trim_end();
    }
    (rest, rest.len() < part.len())
}

/// A by-line's (`true`) or a source's or editor's label (`false`) standing alone, its colon aside.
fn bare_label(part: &str, lexicon: &BylineLexicon) -> Option<bool> {
    // labels are a word or a few: most parts are told by their length
    if part.len() > BARE_LABEL_MAX_BYTES {
        return None;
    }
    let lower = lowercase(part.trim_end_matches(crate::cjk::COLONS).trim());
    if lexicon.labels.starting(&lower).contains(&lower) {
        Some(true)
    } else if lexicon.sources.starting(&lower).contains(&lower) {
        Some(false)
    } else {
        None
    }
}

/// The longest label read as standing alone ("kontakt für die presse:" is 24 bytes).
const BARE_LABEL_MAX_BYTES: usize = 32;

/// How many digits a story's code has: an agency writes its date and serial after the credits.
const STORY_CODE_DIGITS: std::ops::RangeInclusive<usize> = 4..=10;

/// A line of a page's head outside its article's container ("2019-05-06 10:20 来源：示例日报"): the
/// name in it and its date in numbers, when it is metadata through and through.
pub(crate) fn head_line(
    text: &str,
    lexicon: &BylineLexicon,
) -> Option<(Option<String>, Option<String>)> {
    metadata(&[Inline::text(text)], lexicon)
}

/// The date of a line that is metadata through and through and says it is one under a date's label
/// ("发布日期：2026-12-04", "Published: 4 December 2026"): what a page prints under its article.
/// A bare date is no such line: the items of a list of other stories carry theirs.
pub(crate) fn labelled_day(text: &str, lexicon: &BylineLexicon) -> Option<String> {
    let lower = lowercase(text);
    let labelled = || {
        lower
            .split(['|', '·', '\u{3000}', '\n', '】', '【'])
            .flat_map(|p| at_labels(p, lexicon))
            .any(|part| {
                let part = part.trim();
                labelled_date(part, lexicon) || byline(part, lexicon).is_some()
            })
    };
    // a by-line anchors a date as a label does ("作者：张三 2007-11-03"): a list of other stories
    // dates its items, it does not sign them
    if let Some((_, day)) = metadata(&[Inline::text(text)], lexicon) {
        return labelled().then_some(day).flatten();
    }
    // a blog's line under its post, which names the poster beside the label or counts the post's
    // readers in words the lexicon need not know ("老林 发表于 2004-12-27 10:22 | 阅读 123 | 评论
    // 3", "posted by 老林 at 2004-12-27 10:22"): a short line, no sentence, its date in numbers,
    // anchored by a date's label or a by-line
    dated_line_with_bars(text, lexicon).filter(|_| labelled())
}

/// [`dated_line`] for a line whose fields a `|` parts: the bars are no words.
fn dated_line_with_bars(text: &str, lexicon: &BylineLexicon) -> Option<String> {
    if !text.contains(['|', '｜']) {
        return dated_line(text, lexicon);
    }
    dated_line(&text.replace(['|', '｜'], " "), lexicon)
}

/// A short line under a page's headline, outside its article, that dates the page with a full date
/// in numbers beside a few short words it need not understand: a paper's or a site's bare name, a
/// wire tag, a print page, a blog's counts ("示例日报 2008-06-12 第A03版", "2008/06/12 14:32 示例网",
/// "posted @ 2008-06-12 14:32 李明 阅读(1234)"). No sentence: a teaser's title has its punctuation
/// or its many words.
pub(crate) fn dated_line(text: &str, lexicon: &BylineLexicon) -> Option<String> {
    let text = text.trim();
    // the cheap tests first: most lines asked are sentences, or hold no date
    if text.len() > 4 * DATED_LINE_MAX_CHARS
        || text.contains(['。', '，', '！', '？', '；', '、', '!', '?', ';', '"', '“'])
        || text.contains(". ")
        || text.contains(", ")
    {
        return None;
    }
    let day = iso_date(text)?;
    // what is not the lexicon's, in one pass: its length (a line counting views, likes and
    // comments beside its date is as short to read as one that does not) and its words beside
    // numbers (a number is no word, nor a count in brackets, "Comments (3)", nor a word the lexicon
    // knows as metadata: a date's label, a count's unit, a control, "发布", "阅读量1.2k", "收藏")
    let (mut unknown_len, mut words) = (0, 0);
    for w in text.split_whitespace() {
        if metadata_word(w, lexicon) {
            continue;
        }
        unknown_len += crate::cjk::weighed_len(w);
        words += usize::from(
            !w.trim_start_matches(['(', '（'])
                .starts_with(|c: char| c.is_ascii_digit()),
        );
    }
    (unknown_len <= DATED_LINE_MAX_CHARS && words <= DATED_LINE_MAX_WORDS).then_some(day)
}

/// Whether `word` is a date's label, a count's unit or a page control of the lexicon, with the
/// count run on after it ("阅读量1.2k", "阅读(1234)") and a count's 数 ("点赞数") aside.
fn metadata_word(word: &str, lexicon: &BylineLexicon) -> bool {
    let lower = lowercase(word);
    let bare = lower
        .trim_end_matches(|c: char| {
            c.is_ascii_digit()
                || matches!(c, '.' | 'k' | 'w' | '万' | '萬' | '(' | ')' | '（' | '）')
        })
        .trim_end_matches(['数', '數'])
        .trim_end_matches(crate::cjk::COLONS);
    !bare.is_empty()
        && (lexicon.units.has(bare) || lexicon.controls.has(bare) || lexicon.dates.has(bare))
}

/// The longest dated line (an ideograph weighing two), and the most words beside its numbers.
const DATED_LINE_MAX_CHARS: usize = 60;
const DATED_LINE_MAX_WORDS: usize = 5;

/// Whether an inline is a picture: an image, or one linked to its own larger file. An image that
/// links to a page is a banner or a logo (an outlet's, a sister site's), scaffolding beside the
/// metadata as separators are.
fn holds_picture(i: &Inline) -> bool {
    match i {
        Inline::Image { .. } => true,
        Inline::Link { url, content, .. } => {
            crate::clean::links::is_picture_file(url) && content.iter().any(holds_picture)
        }
        Inline::Strong { content } | Inline::Emphasis { content } => {
            content.iter().any(holds_picture)
        }
        _ => false,
    }
}

/// The person a page's author field names: the name in a by-line ("geschrieben von Meike Neitz"
/// is Meike Neitz), nobody when it is only a label or a date ("Veröffentlicht am"), and the field
/// as it is otherwise.
pub(crate) fn person(author: &str, lexicon: &BylineLexicon) -> Option<String> {
    // a host name ("example.com 新闻集团") is a site's, never a person's
    if author.split_whitespace().any(is_host_name) {
        return None;
    }
    match metadata(&[Inline::text(author)], lexicon) {
        Some((Some(name), _)) => Some(name),
        Some((None, _)) => None,
        None => Some(
            name_before_date(author, lexicon)
                .unwrap_or(author)
                .to_string(),
        ),
    }
}

/// The name of a by-line element whose text runs on into its date ("Nathan Willis March 25,
/// 2015", "Anna Berger, 3. März 2024"): the name, when what follows it is a date.
fn name_before_date<'a>(text: &'a str, lexicon: &BylineLexicon) -> Option<&'a str> {
    text.split_whitespace()
        .skip(1)
        .map(|w| w.as_ptr() as usize - text.as_ptr() as usize)
        .find_map(|at| {
            let name = text[..at]
                .trim_end()
                .trim_end_matches([',', '|', '·', '-', '–', '—']);
            // a label is no part of a name ("Crime Published On May 10, 2022")
            let labelled = || {
                name.split_whitespace().any(|w| {
                    let w = lowercase(w);
                    lexicon.dates.starting(&w).contains(&w)
                        || lexicon.labels.starting(&w).contains(&w)
                })
            };
            (is_date(&lowercase(&text[at..]), lexicon) && is_name(name) && !labelled())
                .then(|| name.trim())
        })
}

/// "example.com", "www.rfa.org", "news.sina.com.cn": labels of letters, digits and hyphens joined
/// by dots, the last of two to six letters. Not "Jr." or "J.R.R." (one-letter labels).
fn is_host_name(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let labels: Vec<&str> = word.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| l.len() >= 2 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() <= 6 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

fn is_metadata(content: &[Inline], lexicon: &BylineLexicon) -> bool {
    metadata(content, lexicon).is_some()
}

fn is_meta_part(part: &str, lexicon: &BylineLexicon) -> bool {
    let lower = lowercase(part);
    let bare = lower.trim_end_matches(crate::cjk::COLONS).trim();
    // a label alone ("Aktualisiert:", "Von")
    if lexicon
        .dates
        .starting(bare)
        .iter()
        .chain(lexicon.labels.starting(bare))
        .any(|l| l == bare)
    {
        return true;
    }
    is_date(&lower, lexicon)
        || labelled_date(&lower, lexicon)
        || dated_label(&lower, lexicon)
        || counted(&lower, lexicon)
        || is_control(bare, lexicon)
        || is_end_mark(&lower, lexicon)
        || is_origin(&lower, lexicon)
        || first_ran(&lower, lexicon)
        || label_and_name(&lower, &lexicon.forwards)
        || label_and_name(&lower, &lexicon.locations)
        || is_address(part)
}

/// A by-line's way to reach its writer, alone in its field: an e-mail address
/// ("dwhitfield@courier.example") or a social handle ("@dwhitfield").
fn is_address(part: &str) -> bool {
    !part.contains(char::is_whitespace)
        && match part.split_once('@') {
            Some(("", handle)) => {
                handle.len() >= 2
                    && handle
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            }
            Some((user, host)) => {
                !user.contains('@')
                    && host.contains('.')
                    && !host.starts_with('.')
                    && !host.ends_with('.')
            }
            None => false,
        }
}

/// A label of `labels` and a short name after it, with or without a colon: a forwarded message's
/// origin ("Forwarded From 山区观察", "转自：示例日报"), the place a platform says a post came from
/// ("IP 属地上海"). A sentence after the label is no name.
fn label_and_name(lower: &str, labels: &[String]) -> bool {
    labels.iter().any(|f| {
        lower.strip_prefix(f.as_str()).is_some_and(|rest| {
            // a label in letters ends at a word's end ("forwarded fromage" names nothing)
            if f.is_ascii() && rest.starts_with(char::is_alphanumeric) {
                return false;
            }
            let name = rest
                .trim_start_matches(|c| crate::cjk::is_colon(c) || c == ' ')
                .trim();
            !name.is_empty()
                && crate::cjk::weighed_len(name) <= SOURCE_MAX_CHARS
                && !name.contains(['。', '，', '.', ',', '!', '?', '！', '？'])
        })
    })
}

/// Where a story first ran: the outlet's name, in a few words with no punctuation, and the word
/// for it ("民主论坛首发", "本站独家发布").
fn first_ran(lower: &str, lexicon: &BylineLexicon) -> bool {
    lexicon.firsts.iter().any(|f| {
        lower.strip_suffix(f.as_str()).is_some_and(|outlet| {
            let outlet = outlet.trim();
            crate::cjk::weighed_len(outlet) <= SOURCE_MAX_CHARS
                && outlet
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '.')
        })
    })
}

/// An end mark, whatever dashes or brackets frame it ("（完）", "—END—", "- Ende -").
fn is_end_mark(lower: &str, lexicon: &BylineLexicon) -> bool {
    // a mark is a word or two in a frame: most parts are told by their length
    if lower.len() > END_MARK_MAX_BYTES {
        return false;
    }
    let letters: String = lower
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect();
    let letters = letters.trim();
    !letters.is_empty() && lexicon.ends.iter().any(|e| e == letters)
}

/// The longest end mark with its frame ("—— 全文完 ——" is 20 bytes).
const END_MARK_MAX_BYTES: usize = 32;

/// A repost's original headline under its label ("原标题：冬季旅游热起来").
fn is_origin(lower: &str, lexicon: &BylineLexicon) -> bool {
    lexicon.origins.iter().any(|o| {
        lower.strip_prefix(o.as_str()).is_some_and(|rest| {
            rest.trim_start()
                .strip_prefix(crate::cjk::COLONS)
                .is_some_and(|t| !t.trim().is_empty())
        })
    })
}

/// A page's control written as text: its label alone, or with the sizes it offers ("字体：大 中
/// 小", "字号 A+ A-"), or with other controls ("分享到：微信 微博 QQ空间"). A menu's arrow after
/// it ("喜欢▼") is part of the button.
fn is_control(bare: &str, lexicon: &BylineLexicon) -> bool {
    let bare = bare.trim_end_matches(['▼', '▾', '⌄', '∨']).trim_end();
    // a control (never empty) is a prefix of `bare` only if it starts with `bare`'s first
    // character, and a word is one only if it starts with the word's: the lexicon's words of that
    // character are all compared, not every control
    let is_control_word = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|f| lexicon.controls.starting_with(f).iter().any(|c| c == w))
    };
    let Some(first) = bare.chars().next() else {
        return false;
    };
    lexicon.controls.starting_with(first).iter().any(|c| {
        bare.strip_prefix(c.as_str()).is_some_and(|rest| {
            rest.trim_start_matches(crate::cjk::COLONS)
                .split_whitespace()
                .all(|w| {
                    matches!(
                        w,
                        "大" | "中" | "小" | "特大" | "a" | "a+" | "a-" | "+" | "-" | "t"
                    ) || is_control_word(w)
                        || is_bracketed_count(w)
                })
        })
    })
}

/// A count in brackets after a control ("查看评论(12)", "Comments (3)").
fn is_bracketed_count(w: &str) -> bool {
    w.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A date and an ideographic date label after it ("2005-04-27 14:32更新", "2019年3月5日发布").
fn dated_label(lower: &str, lexicon: &BylineLexicon) -> bool {
    if !lower.chars().next_back().is_some_and(crate::cjk::is_cjk) {
        return false;
    }
    lower.char_indices().rev().take(6).any(|(at, _)| {
        let (date, label) = lower.split_at(at);
        !label.is_ascii()
            && lexicon.dates.starting(label).iter().any(|l| l == label)
            && is_date(date.trim(), lexicon)
    })
}

/// The parts of a metadata line that run its fields together with spaces: a new part starts at
/// a word that opens with an ideographic label, or with any label and a colon ("作者：王明
/// 发表于 2004-12-27", "楼主：stone 发表时间：2006-5-12").
fn at_labels<'t>(part: &'t str, lexicon: &BylineLexicon) -> Vec<&'t str> {
    let opens_field = |word: &str, field: &str, from: &str| {
        // a count after the date ("Nov. 2, 2026 8 min read"): a number whose unit ends the line
        // (not a label's own number: "Reading time: 4 minutes")
        if word
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
            && word.starts_with(|c: char| c.is_ascii_digit())
            && !field.trim_end().ends_with(crate::cjk::COLONS)
            // nor the number after a reading time's label without its colon ("预计阅读时间 3 分钟")
            && !lexicon.units.has(&lowercase(field.trim()))
        {
            let unit = lowercase(from[word.len()..].trim());
            if !unit.is_empty() && lexicon.units.has(&unit) {
                return true;
            }
        }
        // spans a page sets side by side run together in a word-spaced head line ("By Anna
        // Berger October 14, 2026 9:30 AM Updated 2 hours ago"): after a by-line, a month name or
        // a date in numbers opens the date; after a by-line or a date, a date label its own field
        let bare =
            lowercase(word.trim_end_matches(|c| crate::cjk::is_colon(c) || matches!(c, ',' | '.')));
        // read (a copy of the field so far in lower case) only for a word that may open a date
        let after_byline = || {
            let field_lower = lowercase(field);
            lexicon.labels.starting(&field_lower).iter().any(|l| {
                l.is_ascii()
                    && field_lower
                        .strip_prefix(l.as_str())
                        .is_some_and(|r| r.starts_with(' ') && !r.trim().is_empty())
            })
        };
        if (lexicon.months.contains(&bare)
            || word.starts_with(|c: char| c.is_ascii_digit()) && iso_date(word).is_some())
            && after_byline()
        {
            return true;
        }
        if bare.is_ascii()
            && lexicon.dates.starting(&bare).contains(&bare)
            && (after_byline() || field.contains(|c: char| c.is_ascii_digit()))
        {
            return true;
        }
        // a by-line after the date ("Posted on November 12, 2026 by Ellen"), as blog themes write
        // it: a by-line label after a field that holds a number
        if bare.is_ascii()
            && word == bare
            && field.contains(|c: char| c.is_ascii_digit())
            && lexicon.labels.starting(&bare).contains(&bare)
        {
            return true;
        }
        // a date in numbers opens one after a labelled field ("作者：张三 2007-11-03 12:30"); after
        // words of a sentence it is the sentence's ("Aktualisiert am 19.02.2020")
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            return field.contains(crate::cjk::COLONS) && iso_date(word).is_some();
        }
        // only a colon or an ideographic label opens a field: most words are told at once
        if !(word.contains(crate::cjk::COLONS)
            || word.chars().next().is_some_and(crate::cjk::is_cjk))
        {
            return false;
        }
        let lower = lowercase(word);
        [&lexicon.dates, &lexicon.labels, &lexicon.sources]
            .iter()
            .flat_map(|table| table.starting(&lower))
            .any(|l| {
                lower.strip_prefix(l.as_str()).is_some_and(|rest| {
                    rest.starts_with(crate::cjk::COLONS)
                        || !l.is_ascii() && !rest.starts_with(char::is_alphanumeric)
                })
            })
            // a count's unit first ("浏览次数:1234", "阅读 1234" has its own word)
            || lexicon.units.starting(&lower).iter().any(|u| {
                !u.is_ascii()
                    && lower.strip_prefix(u.as_str()).is_some_and(|rest| {
                        rest.starts_with(crate::cjk::COLONS) || rest.starts_with(|c: char| c.is_ascii_digit())
                    })
            })
    };
    let mut out = Vec::new();
    if !part.contains(char::is_whitespace) {
        out.push(part);
        return out;
    }
    let mut start = 0;
    for (at, word) in part
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w))
    {
        if at > start && opens_field(word, &part[start..at], &part[at..]) {
            out.push(&part[start..at]);
            start = at;
        }
    }
    out.push(&part[start..]);
    out
}

/// A source label and a short name ("来源：新华网", "Quelle: dpa").
fn is_source(part: &str, lexicon: &BylineLexicon) -> bool {
    let lower = lowercase(part);
    lexicon.sources.starting(&lower).iter().any(|l| {
        lower.strip_prefix(l.as_str()).is_some_and(|rest| {
            let rest = rest.trim_start();
            // an ideograph says what a letter or two do: it weighs twice
            let weight =
                crate::cjk::weighed_len(rest.trim_start_matches(crate::cjk::COLONS).trim());
            rest.starts_with(crate::cjk::COLONS) && (1..=SOURCE_MAX_CHARS).contains(&weight)
        })
    })
}

/// The longest name after a source label (an ideograph weighing two).
const SOURCE_MAX_CHARS: usize = 30;

/// An editor's label run on from the outlet's name in ideographs, and a short name after its colon
/// ("远方新闻网责任编辑：赵云", "本台编辑：李文"): who handled the story for whom, metadata as the
/// label alone is. The name before it is ideographs only, no punctuation: a sentence that mentions
/// an editor ("他曾任《晨报》编辑：…") is not one.
fn is_outlet_editor(part: &str, lexicon: &BylineLexicon) -> bool {
    let Some((label, name)) = part.split_once(crate::cjk::COLONS) else {
        return false;
    };
    let (label, name) = (label.trim(), name.trim());
    let weight = crate::cjk::weighed_len(name);
    // a name, not what someone said after the colon
    (1..=SOURCE_MAX_CHARS).contains(&weight)
        && !name.contains(['。', '，', '！', '？', ',', '!', '?'])
        && lexicon.cjk_editors.iter().any(|e| {
            label.strip_suffix(e.as_str()).is_some_and(|outlet| {
                (1..=OUTLET_PREFIX_CHARS).contains(&outlet.chars().count())
                    && outlet.chars().all(crate::cjk::is_ideograph)
            })
        })
}

/// The longest outlet's name an editor's label follows ("远方新闻网" is five).
const OUTLET_PREFIX_CHARS: usize = 10;

/// A by-line label and a user's id ("楼主：stone", "posted by: jdoe_77"): lower case, digits,
/// `_`, `-`, `.`; a forum names its users so, and they are nobody's name.
fn is_user_line(part: &str, lexicon: &BylineLexicon) -> bool {
    let lower = lowercase(part);
    lexicon.labels.starting(&lower).iter().any(|l| {
        lower.strip_prefix(l.as_str()).is_some_and(|rest| {
            let Some(id) = rest.trim_start().strip_prefix(crate::cjk::COLONS) else {
                return false;
            };
            let id = id.trim();
            (2..=MAX_NAME_CHARS).contains(&id.len())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        })
    })
}

/// A date: a year or a day and month, a time, month and weekday names, few other words.
fn is_date(lower: &str, lexicon: &BylineLexicon) -> bool {
    let chars = lower.chars().count();
    if chars == 0 || chars > 48 {
        return false;
    }
    let digits = lower.chars().filter(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    // a number and an ideographic relative time ("3小时前"), whose characters the split below
    // would part
    let after_number = lower.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    if after_number.len() < lower.len()
        && !after_number.is_ascii()
        && lexicon.relative.iter().any(|r| r == after_number)
    {
        return true;
    }
    let mut other_words = 0;
    let mut month = false;
    let mut relative = 0;
    for w in lower
        .split(|c: char| !c.is_alphabetic() || matches!(c, '年' | '月' | '日' | '时' | '分' | '点'))
        .filter(|w| !w.is_empty())
    {
        if lexicon.months.iter().any(|m| m == w) {
            month = true;
        } else if lexicon.relative.iter().any(|r| r == w) {
            // a unit and the word that makes it past, not a unit alone ("Day 3", "48 Hours")
            relative += 1;
        } else if !matches!(
            w,
            "de" | "del" | "am" | "um" | "le" | "the" | "of" | "at" | "h" | "uhr" | "pm"
                // "4:12 p.m." splits into its letters
                | "a" | "p" | "m"
                // "at" before a time in other languages ("à 18h05", "às 10h", "o 14:20", "godz.
                // 14:20", "alle ore 18", "om 18.05", "klo 14.00")
                | "à" | "às" | "o" | "godz" | "alle" | "ore" | "om" | "klo" | "kl"
        ) {
            // a time zone or an ordinal's ending ("GMT", "28th") at most; a name or a noun is text
            if w.len() > 4 || !w.is_ascii() {
                return false;
            }
            other_words += 1;
        }
    }
    let numeric = has_year(lower) || has_numeric_date(lower);
    if relative == 1 {
        return false;
    }
    month |= relative >= 2;
    if other_words == 0 {
        numeric || month
    } else {
        numeric && other_words <= 1 && digits * 4 >= chars
    }
}

/// A date-line label and a date ("Aktualisiert am 5. März 2024", "发表于 2004年12月27日").
fn labelled_date(lower: &str, lexicon: &BylineLexicon) -> bool {
    lexicon.dates.starting(lower).iter().any(|l| {
        lower
            .strip_prefix(l.as_str())
            .filter(|rest| !rest.starts_with(char::is_alphanumeric) || !l.is_ascii())
            .map(|rest| {
                let rest = rest.trim_start_matches(|c| crate::cjk::is_colon(c) || c == ' ');
                let rest = rest
                    .strip_prefix("am ")
                    .or_else(|| rest.strip_prefix("on "))
                    .or_else(|| rest.strip_prefix("el "))
                    .or_else(|| rest.strip_prefix("le "))
                    .or_else(|| rest.strip_prefix("il "))
                    .or_else(|| rest.strip_prefix("于"))
                    .unwrap_or(rest);
                is_date(rest.trim(), lexicon)
            })
            .unwrap_or(false)
    })
}

/// A by-line label and a name ("By Anna Berger", "Publicado por Alberto González", "作者：王明"):
/// the name.
fn byline(part: &str, lexicon: &BylineLexicon) -> Option<String> {
    let lower = lowercase(part);
    // lower-casing keeps byte offsets only where lengths agree
    if lower.len() != part.len() {
        return None;
    }
    lexicon.labels.starting(&lower).iter().find_map(|l| {
        let rest = lower.strip_prefix(l.as_str())?;
        // a label in letters is a word: a space or a colon parts it from the name ("By Anna",
        // "Text: Max"), not a letter ("Texture") or a sign ("text+…", a value joined to it)
        if l.ends_with(|c: char| c.is_ascii_alphabetic())
            && !rest.starts_with(|c: char| c.is_whitespace() || crate::cjk::is_colon(c))
        {
            return None;
        }
        let rest = rest.trim_start_matches(|c| crate::cjk::is_colon(c) || c == ' ');
        // the name as written, for its capitals
        let name = part[part.len() - rest.len()..].trim();
        // a name in ideographs ends at a space when what follows is no name: the next field set
        // beside it ("作者：王可 参与评论(36)人")
        let name = match name.split_once(char::is_whitespace) {
            Some((first, _)) if name.chars().any(crate::cjk::is_cjk) && !is_name(name) => first,
            _ => name,
        };
        is_name(name).then(|| without_role(name, lexicon).to_string())
    })
}

/// A name without the role a by-line writes after it ("Mark Ellis, Staff Writer" is Mark Ellis):
/// the words after its last comma, when one of them is a journalist's role. A place ("Anna Berger,
/// Berlin") or another writer ("Oskar Lind, Ana Ruiz and Li Wei") stays.
pub(crate) fn without_role<'n>(name: &'n str, lexicon: &BylineLexicon) -> &'n str {
    match name.rsplit_once(',') {
        Some((who, role))
            if !who.trim().is_empty()
                && role
                    .split_whitespace()
                    .any(|w| lexicon.roles.contains(&lowercase(w))) =>
        {
            who.trim()
        }
        _ => name,
    }
}

/// Capitalized words (or CJK characters), few, no sentence.
fn is_name(name: &str) -> bool {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.contains(|c| crate::cjk::is_colon(c) || matches!(c, '。' | '！' | '？' | '!' | '?'))
    {
        return false;
    }
    if name.chars().any(crate::cjk::is_cjk) {
        // no name in ideographs holds a number or a bracket: a count beside it does ("参与评论(36)人")
        return name.chars().count() <= 12
            && !name.contains(|c: char| {
                c.is_ascii_digit() || matches!(c, '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】')
            });
    }
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let joiners = words
        .iter()
        .filter(|w| JOINERS.contains(&w.to_lowercase().as_str()))
        .count();
    // several writers ("Oskar Lind, Ana Ruiz and Li Wei"): a few words for each name
    let names =
        1 + name.matches(',').count() + words.iter().filter(|w| NAME_JOINERS.contains(w)).count();
    let name_words = words.len() - joiners;
    !words.is_empty()
        && (name_words <= MAX_NAME_WORDS || name_words <= names.min(MAX_NAMES) * WORDS_PER_NAME)
        && words.iter().all(|w| {
            JOINERS.contains(&w.to_lowercase().as_str())
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c == '@')
        })
}

/// The words that join one writer's name to the next ("Anna Berger und Jan Roth").
const NAME_JOINERS: &[&str] = &["and", "und", "y", "et", "e", "i", "&"];
/// A by-line names at most this many writers, each in at most this many words.
const MAX_NAMES: usize = 4;
const WORDS_PER_NAME: usize = 3;

/// Words before a count that say it is the total so far ("已有", "共").
const COUNT_LEADS: &[&str] = &["已有", "共有", "总共", "總共", "累计", "累計", "共"];

/// A number and a unit: a reading time or a view count ("4 min", "5 Minuten Lesezeit", "1.234
/// Aufrufe", "阅读 2345").
fn counted(lower: &str, lexicon: &BylineLexicon) -> bool {
    // "已有 12 条评论", "共 328 条评论": a count may say it is the total so far
    let lower = COUNT_LEADS
        .iter()
        .find_map(|l| {
            lower
                .strip_prefix(l)
                .filter(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        })
        .map_or(lower, str::trim_start);
    let number_end = lower
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}')))
        .unwrap_or(lower.len());
    let (number, rest) = lower.split_at(number_end);
    // "3 Min.": an abbreviated unit's point
    let rest = rest.trim().trim_end_matches('.');
    if number.chars().any(|c| c.is_ascii_digit()) {
        // "1.2万", "3.4k": a count in ten thousands or thousands, then the word that counts it
        // ("328 条评论": the measure word between number and unit)
        let counted = rest
            .strip_prefix(['万', '萬', '千', '亿', '億', 'k', 'm'])
            .unwrap_or(rest)
            .trim_start();
        let measured = counted
            .strip_prefix(['条', '條', '则', '則', '个', '個', '人'])
            .unwrap_or(counted);
        return lexicon.units.has(rest)
            || lexicon.units.has(counted)
            || lexicon.units.has(measured);
    }
    // the unit first: "阅读 2345", "Lesezeit: 4 Minuten"
    lexicon.units.starting(lower).iter().any(|u| {
        lower.strip_prefix(u.as_str()).is_some_and(|r| {
            let r = r
                .trim_start_matches(|c| crate::cjk::is_colon(c) || c == ' ')
                .trim();
            !r.is_empty() && counted_or_number(r, lexicon)
        })
    })
}

fn counted_or_number(r: &str, lexicon: &BylineLexicon) -> bool {
    // a count in ten thousands or thousands after its unit ("赞同 1.2 万", "Likes 3.4k")
    let r = r
        .strip_suffix(['万', '萬', '千', 'k'])
        .filter(|n| n.trim_end().ends_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(r);
    r.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
        || counted(r, lexicon)
}

fn has_year(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        let w = &b[i..i + 4];
        (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            && (w.starts_with(b"19") || w.starts_with(b"20"))
            && w.iter().all(u8::is_ascii_digit)
    })
}

/// A date written in numbers, as `YYYY-MM-DD`: "2004-12-27", "27.12.2004", "2004年12月27日",
/// "28/07/2020" (day first when the first number cannot be a month; a day and month that could be
/// either way round give nothing).
fn iso_date(s: &str) -> Option<String> {
    // each run of digits with what stands between it and the next
    let mut numbers: Vec<(&str, &str)> = Vec::new();
    let mut rest = s.trim_start_matches(|c: char| !c.is_ascii_digit());
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(end);
        let next = after
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(after.len());
        numbers.push((number, &after[..next]));
        rest = &after[next..];
    }
    numbers.windows(3).find_map(|w| {
        // a date's parts stand apart by a date's separators: "2026, 4:12" is a year and a time
        if !w[..2].iter().all(|(_, sep)| is_date_separator(sep)) {
            return None;
        }
        let w = [w[0].0, w[1].0, w[2].0];
        let n: Vec<u32> = w.iter().map(|x| x.parse().ok()).collect::<Option<_>>()?;
        let (y, m, d) = if w[0].len() == 4 {
            (n[0], n[1], n[2])
        } else if w[2].len() == 4 {
            match (n[0], n[1]) {
                (a, b) if a > 12 && b <= 12 => (n[2], b, a),
                (a, b) if b > 12 && a <= 12 => (n[2], a, b),
                // "05.03.2024" is day first where dots are written; slashes are ambiguous
                (a, b) if s.contains('.') => (n[2], b, a),
                _ => return None,
            }
        } else {
            return None;
        };
        ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| format!("{y:04}-{m:02}-{d:02}"))
    })
}

/// A date written with a month's name, as `YYYY-MM-DD`: "Nov. 2, 2026", "2 November 2026", "5 de
/// diciembre de 2026", "3. Dezember 2026", "2 listopada 2026". The part must read as a date
/// ([`is_date`]) and hold a year of four digits and a day right before or after the month (a
/// "de" between them aside).
fn named_date(part: &str, lexicon: &BylineLexicon) -> Option<String> {
    if lexicon.numbered.is_empty() || !part.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let lower = lowercase(part);
    // the date itself, after a label or a name ("Publié le 3 décembre 2026 à 18h05")
    let at = std::iter::once(0)
        .chain(lower.match_indices(' ').map(|(i, _)| i + 1))
        .find(|&at| is_date(&lower[at..], lexicon))?;
    let words: Vec<&str> = lower[at..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "de" && *w != "del")
        .collect();
    let number = |w: &str| {
        w.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| w.parse::<u32>().ok())
            .flatten()
    };
    let year = words
        .iter()
        .filter(|w| w.len() == 4)
        .find_map(|w| number(w).filter(|y| (1900..=2100).contains(y)))?;
    words.iter().enumerate().find_map(|(at, w)| {
        let m = lexicon
            .numbered
            .binary_search_by(|(name, _)| name.as_str().cmp(w))
            .ok()
            .map(|i| lexicon.numbered[i].1)?;
        // the day next to the month, before it or after it
        let day = [at.checked_sub(1), Some(at + 1)]
            .into_iter()
            .flatten()
            .filter_map(|i| words.get(i))
            .find_map(|d| number(d).filter(|d| d.to_string().len() <= 2 && (1..=31).contains(d)))?;
        Some(format!("{year:04}-{m:02}-{day:02}"))
    })
}

/// What may stand between a date's numbers: a dash, slash or point, or an ideographic year or
/// month, spaced or not.
fn is_date_separator(sep: &str) -> bool {
    matches!(
        sep.trim(),
        "-" | "/" | "." | "年" | "月" | "－" | "／" | "．" | "–"
    )
}

/// A date written in numbers ("23.10.2018", "2020-07-30", "28/07/2020") or a time ("14:32"): not
/// a decimal number ("35.5") or a range.
fn has_numeric_date(s: &str) -> bool {
    let groups: Vec<(usize, u8)> = {
        // runs of digits, each with the separator after it
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_digit() {
                let start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                out.push((i - start, b.get(i).copied().unwrap_or(b' ')));
            } else {
                i += 1;
            }
        }
        out
    };
    groups.windows(2).any(|w| {
        // a time: one or two digits, a colon, two digits
        w[0].1 == b':' && w[0].0 <= 2 && w[1].0 == 2
    }) || groups.windows(3).any(|w| {
        // a date: three groups joined by one separator, one of them a year or all short
        let sep = w[0].1;
        matches!(sep, b'.' | b'/' | b'-')
            && w[1].1 == sep
            && w.iter().all(|g| g.0 <= 4)
            && (w[0].0 == 4 || w[2].0 == 4 || w[2].0 == 2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bio_label_is_looked_for_only_where_its_colon_may_stand() {
        let lex = lexicon();
        // the label as the whole paragraph's first colon split it, before the look was bounded
        let by_split = |text: &str| {
            text.split_once(crate::cjk::COLONS)
                .is_some_and(|(label, _)| {
                    label.len() <= BIO_LABEL_MAX_BYTES
                        && lex.bios.contains(&lowercase(label.trim()))
                })
        };
        let long = "about the author".to_string() + &" ".repeat(24);
        for text in [
            "作者简介：陈晓，教育记者",
            "About the Author: she writes.",
            "about the author",
            "",
            "：",
            "About the author\u{3000}：x",
            long.as_str(),
            &format!("{long}:x"),
            &format!("{long}：x"),
            &format!("{long} :x"),
            &format!("{long}中：x"),
            &format!("作者简介{}：x", "中".repeat(10)),
            "一段很长的文字，没有冒号，一直写下去，写到超过四十个字节的地方：作者简介：陈晓",
        ] {
            assert_eq!(labelled_bio(text, &lex), by_split(text), "{text:?}");
        }
        assert!(labelled_bio(&format!("{long}：x"), &lex));
        assert!(!labelled_bio(&format!("{long} :x"), &lex));
    }

    fn lexicon() -> BylineLexicon {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect();
        BylineLexicon::new(&Bylines {
            labels: s(&["by", "von", "publicado por", "作者"]),
            dates: s(&[
                "aktualisiert",
                "veröffentlicht",
                "发表于",
                "更新",
                "时间",
                "日期",
                "updated",
                "publié le",
            ]),
            months: s(&[
                "jan",
                "jul",
                "mon",
                "märz",
                "mayo",
                "miércoles",
                "nov",
                "october",
            ]),
            month_names: [
                &["jan", "january"][..],
                &[],
                &["märz"],
                &[],
                &["mayo"],
                &[],
                &["jul"],
                &[],
                &[],
                &["october"],
                &["nov", "november"],
                &["diciembre", "décembre"],
            ]
            .iter()
            .map(|m| s(m))
            .collect(),
            relative: s(&["ago", "hours", "vor", "stunden", "day", "小时前"]),
            units: s(&[
                "min",
                "min read",
                "minutes",
                "reading time",
                "lesezeit",
                "阅读时间",
                "分钟",
                "aufrufe",
                "minuten lesezeit",
                "阅读",
                "浏览次数",
                "点击",
                "次",
                "评论",
                "赞同",
                "comments",
            ]),
            contacts: s(&["kontakt", "media contact"]),
            sources: s(&["来源", "quelle"]),
            editors: s(&["责任编辑", "redaktion"]),
            controls: s(&["打印", "关闭", "字体", "只看该作者"]),
            roles: s(&["reporter", "redakteurin", "记者"]),
            ends: s(&["完", "end", "the end"]),
            firsts: s(&["首发"]),
            origins: s(&["原标题", "original title"]),
            addresses: s(&["本文网址", "permalink"]),
            bios: s(&["作者简介", "about the author"]),
            forwards: s(&["forwarded from", "转自"]),
            locations: s(&["ip属地", "ip 属地"]),
            polls: s(&["was this article helpful", "看完这篇文章您觉得"]),
        })
    }

    fn paragraph(text: &str) -> Block {
        Block::Paragraph {
            content: para(text),
        }
    }

    #[test]
    fn a_label_in_letters_is_parted_from_its_name_by_a_space_or_a_colon() {
        let lex = lexicon();
        for (part, name) in [
            ("By Anna Berger", Some("Anna Berger")),
            ("von: Max Müller", Some("Max Müller")),
            ("作者王可", Some("王可")),
            // a sign or a letter joins what follows to the word: no label
            ("by+日本語テキスト", None),
            ("Byron Lee", None),
            ("by/王可", None),
        ] {
            assert_eq!(byline(part, &lex).as_deref(), name, "{part}");
        }
    }

    #[test]
    fn a_portrait_over_the_bio_names_the_writer_or_says_it_is_one() {
        let picture = |src: &str, alt: &str| Block::Figure {
            image: crate::model::Image {
                src: src.into(),
                alt: alt.into(),
                title: None,
            },
            caption: Vec::new(),
        };
        let bio = paragraph("Maria Lopez covers city hall.");
        for (above, portrait) in [
            (picture("/img/maria-lopez.jpg", ""), true),
            (picture("/img/x.jpg", "Author photo"), true),
            (picture("/media/avatars/17.png", ""), true),
            (picture("/img/bikes-on-main-street.jpg", "Cyclists"), false),
            (paragraph("The story ends here."), false),
        ] {
            let blocks = vec![above, bio.clone()];
            assert_eq!(
                with_portrait(&blocks, 1, "Maria Lopez"),
                usize::from(!portrait)
            );
        }
    }

    #[test]
    fn a_forwarded_messages_origin_is_metadata() {
        let lex = lexicon();
        for yes in [
            "forwarded from 山区观察",
            "forwarded from: river notes",
            "转自：示例日报",
            "转自示例日报",
        ] {
            assert!(label_and_name(yes, &lex.forwards), "{yes}");
        }
        for no in [
            "forwarded from",
            "forwarded fromage",
            "转自一位读者的来信，他说，今年的雪来得特别早。",
        ] {
            assert!(!label_and_name(no, &lex.forwards), "{no}");
        }
    }

    #[test]
    fn a_platforms_note_of_the_posters_place_is_metadata() {
        let lex = lexicon();
        for yes in ["ip 属地上海", "ip属地：广东", "ip 属地: 美国"] {
            assert!(label_and_name(yes, &lex.locations), "{yes}");
        }
        for no in [
            "ip 属地",
            "ip属地的显示引发了不少争议，有人认为这侵犯了隐私。",
        ] {
            assert!(!label_and_name(no, &lex.locations), "{no}");
        }
        // beside the date, after the platform's dot, the line is a footer's
        let line = paragraph("发表于 2026-11-01 22:41・IP 属地上海");
        let Block::Paragraph { content } = &line else {
            unreachable!()
        };
        assert_eq!(
            metadata(content, &lex),
            Some((None, Some("2026-11-01".to_string())))
        );
    }

    #[test]
    fn a_role_after_the_name_is_no_part_of_it() {
        let lex = lexicon();
        assert_eq!(
            without_role("Mark Ellis, Staff Reporter", &lex),
            "Mark Ellis"
        );
        assert_eq!(
            without_role("Anna Berger, Berlin", &lex),
            "Anna Berger, Berlin"
        );
        assert_eq!(
            without_role("Oskar Lind, Ana Ruiz and Li Wei", &lex),
            "Oskar Lind, Ana Ruiz and Li Wei"
        );
    }

    #[test]
    fn controls_after_a_date_are_read_apart_from_it() {
        let lex = lexicon();
        assert_eq!(
            without_trailing_controls("发表于 2026-10-12 21:14 只看该作者", &lex),
            ("发表于 2026-10-12 21:14", true)
        );
        // a part that is a control alone is the control's to read; a name keeps its words
        assert_eq!(
            without_trailing_controls("只看该作者", &lex),
            ("只看该作者", false)
        );
        assert_eq!(
            without_trailing_controls("Anna Berger", &lex),
            ("Anna Berger", false)
        );
    }

    #[test]
    fn a_count_may_be_in_ten_thousands_and_have_its_measure_word() {
        let lex = lexicon();
        for yes in [
            "赞同 1.2 万",
            "328 条评论",
            "已有 12 条评论",
            "共328条评论",
            "1.2万 赞同",
            "12 comments",
            "3 min",
        ] {
            assert!(counted(&lowercase(yes), &lex), "{yes}");
        }
        for no in [
            "赞同",
            "1.2 万",
            "2024",
            "328 条新闻",
            "赞同 很多",
            "已有 很多 评论",
            "共有 328 条新闻",
        ] {
            assert!(!counted(&lowercase(no), &lex), "{no}");
        }
    }

    #[test]
    fn an_editors_label_may_follow_the_outlets_name_in_ideographs() {
        let lex = lexicon();
        assert!(is_outlet_editor("远望新闻网责任编辑：赵云", &lex));
        // punctuation before the label, a sentence after it, a name too long to be an outlet's
        for no in [
            "《晨报》责任编辑：赵云",
            "出版社责任编辑：这本画册我们整理了三年，明年出版。",
            "这家创办于上世纪八十年代的报社责任编辑：赵云",
            "责任编辑：赵云",
        ] {
            assert!(!is_outlet_editor(no, &lex), "{no}");
        }
    }

    #[test]
    fn where_a_story_first_ran_is_the_outlets_name_and_the_word() {
        let lex = lexicon();
        assert!(first_ran("民主论坛首发", &lex));
        assert!(is_metadata(&para("——独立评论首发"), &lex));
        assert!(!first_ran("回忆录，首发", &lex));
        assert!(!is_metadata(
            &para("回忆录首发于一家海外出版社，印数只有五百册。"),
            &lex
        ));
    }

    #[test]
    fn controls_may_name_each_other_and_wear_a_menus_arrow() {
        let lex = lexicon();
        assert!(is_control("打印▼", &lex));
        assert!(is_control("打印：关闭", &lex));
        assert!(is_metadata(&para("打印┊关闭┊字体"), &lex));
        assert!(!is_control("打印机", &lex));
        assert!(is_control("打印(12)", &lex));
        assert!(!is_control("打印(十二)", &lex));
    }

    #[test]
    fn an_address_line_is_its_label_and_a_url_alone() {
        let lex = lexicon();
        assert!(is_address_line(
            &paragraph("本文网址：https://news.example/a/1.html"),
            &lex
        ));
        assert!(is_address_line(
            &paragraph("Permalink: https://blog.example/p/2"),
            &lex
        ));
        for no in [
            "资料来源：https://stats.example.gov/report.pdf",
            "本文网址：https://news.example/a/1.html 欢迎转发",
            "本文网址已经更换",
        ] {
            assert!(!is_address_line(&paragraph(no), &lex), "{no}");
        }
    }

    #[test]
    fn weighing_stops_where_the_sum_answers() {
        for t in [
            "",
            "a",
            "中文",
            "Short.",
            "中文新闻，共十个字。",
            "x中y文z",
            "䷀䷁一丁\u{3000}ａé𠀀\u{1F600}丂",
        ] {
            for least in 0..=40 {
                assert_eq!(
                    weighs_at_least(t, least),
                    crate::cjk::weighed_len(t) >= least,
                    "{t:?} {least}"
                );
            }
        }
        // every character, by its lead byte or decoded
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let t = format!("{c}");
            assert_eq!(weighs_at_least(&t, 2), crate::cjk::weight(c) >= 2, "{t:?}");
        }
    }

    #[test]
    fn one_word_beside_a_date_is_metadata_not_the_author() {
        let l = lexicon();
        assert_eq!(
            metadata(&para("24. März 2004, 19:49 | Genesis"), &l),
            Some((None, Some("2004-03-24".into())))
        );
        assert_eq!(metadata(&para("Berlin | Hamburg"), &l), None);
        assert_eq!(
            metadata(&para("Anna Berger | 11 Jan 2019"), &l).and_then(|(n, _)| n),
            Some("Anna Berger".to_string())
        );
    }

    #[test]
    fn a_writers_address_is_a_field() {
        let l = lexicon();
        assert_eq!(
            metadata(&para("By Dana Whitfield | dwhitfield@courier.example"), &l),
            Some((Some("Dana Whitfield".into()), None))
        );
        assert_eq!(
            metadata(
                &para(
                    "By Dana Whitfield | dwhitfield@courier.example\nNovember 20, 2026 at 8:30 a.m."
                ),
                &l
            ),
            Some((Some("Dana Whitfield".into()), Some("2026-11-20".into())))
        );
        assert_eq!(
            metadata(&para("Dana Whitfield · @dwhit_26"), &l),
            Some((Some("Dana Whitfield".into()), None))
        );
        // an address inside a sentence, or a word with an at sign, is no field
        assert_eq!(
            metadata(&para("Write to us at news@courier.example"), &l),
            None
        );
        assert_eq!(metadata(&para("Dana Whitfield | me@home"), &l), None);
    }

    #[test]
    fn fields_set_apart_by_style_alone_are_read_apart() {
        let l = lexicon();
        assert_eq!(
            metadata(&para("By Lucas BrennanNovember 2, 202612 min read"), &l),
            Some((Some("Lucas Brennan".into()), Some("2026-11-02".into())))
        );
        assert_eq!(unglued("iPhone 2026"), Some("i|Phone 2026".into()));
        assert_eq!(unglued("By Ann Lee"), None);
        // a line that only reads as fields once cut is still text when a part is not one
        assert_eq!(metadata(&para("McDonald opened in 2026"), &l), None);
    }

    #[test]
    fn a_host_name_is_nobody() {
        let l = lexicon();
        assert_eq!(person("example.com 新闻集团", &l), None);
        assert_eq!(person("www.rfa.org", &l), None);
        assert_eq!(
            person("J.R.R. Tolkien", &l).as_deref(),
            Some("J.R.R. Tolkien")
        );
        assert_eq!(
            person("Martin Rütter", &l).as_deref(),
            Some("Martin Rütter")
        );
    }

    #[test]
    fn fields_run_together_are_read_one_by_one() {
        let l = lexicon();
        assert_eq!(
            metadata(&para("作者：王明 发表于 2004-12-27 10:21"), &l),
            Some((Some("王明".into()), Some("2004-12-27".into())))
        );
        assert_eq!(
            metadata(&para("【发表于 2013-09-10】【来源：本站】"), &l),
            Some((None, Some("2013-09-10".into())))
        );
        // a forum's user id is metadata, nobody's name
        assert_eq!(
            metadata(&para("作者：stone_77 发表于 2006-5-12 21:03"), &l),
            Some((None, Some("2006-05-12".into())))
        );
        // a source with a sentence after it is the article's
        assert_eq!(
            metadata(
                &para("来源：市场管理处公告称早市将迁往新建的室内市场并欢迎居民提出意见"),
                &l
            ),
            None
        );
    }

    #[test]
    fn contact_lines_give_an_address() {
        assert!(gives_address("E-Mail: presse@iap-harz.example"));
        assert!(gives_address("Telefon: +49 3941 55 12 40"));
        assert!(gives_address("tel (030) 5683-8000"));
        assert!(!gives_address(
            "Dr. Jana Vogt, Institut für Atmosphärenphysik"
        ));
        assert!(!gives_address("Am 12. 3. 2024 @ Berlin"));
    }

    /// A paragraph of an article's prose, over the footers the tests below remove.
    const PROSE: &str =
        "The station measures wind, humidity and dust every minute and replaces one built in 1994.";

    #[test]
    fn the_contact_block_goes_from_its_label() {
        let l = lexicon();
        let p = paragraph;
        let mut blocks = vec![
            p(PROSE),
            p("Kontakt:"),
            p("Jana Vogt"),
            p("jana@iap.example"),
        ];
        assert_eq!(
            drop_contact_block(&mut blocks, 0, &l, &mut Report::default()),
            3
        );
        assert_eq!(blocks.len(), 1);
        // what follows the label is no contact: it stays
        let mut blocks = vec![p(PROSE), p("Kontakt:"), p("Jana Vogt")];
        assert_eq!(
            drop_contact_block(&mut blocks, 0, &l, &mut Report::default()),
            0
        );
    }

    #[test]
    fn a_rating_poll_goes_from_its_question_when_only_its_lines_follow() {
        let l = lexicon();
        let p = paragraph;
        let mut blocks = vec![
            p(PROSE),
            p("Was this article helpful?"),
            p("Yes"),
            p("No"),
            p("Thanks for your feedback!"),
        ];
        assert_eq!(drop_rating_poll(&mut blocks, &l, &mut Report::default()), 4);
        assert_eq!(blocks.len(), 1);
        // the article answering the question below it: it all stays
        let answer = "Most readers who said no wanted the older stations' records too, so the archive now \
                      lists them beside the new ones, from 1994 on, with the dust counts the old station never took.";
        let mut blocks = vec![p(PROSE), p("Was this article helpful?"), p(answer)];
        assert_eq!(drop_rating_poll(&mut blocks, &l, &mut Report::default()), 0);
        // a question before any prose is no poll under an article
        let mut blocks = vec![p("看完这篇文章您觉得"), p("好文章"), p(PROSE)];
        assert_eq!(drop_rating_poll(&mut blocks, &l, &mut Report::default()), 0);
    }

    fn para(t: &str) -> Vec<Inline> {
        vec![Inline::Text { text: t.into() }]
    }

    #[test]
    fn a_page_author_is_a_person() {
        let l = lexicon();
        assert_eq!(
            person("von Meike Neitz", &l).as_deref(),
            Some("Meike Neitz")
        );
        assert_eq!(person("Veröffentlicht:", &l), None);
        assert_eq!(person("Kim", &l).as_deref(), Some("Kim"));
        // a by-line element that runs on into its date
        assert_eq!(
            person("Nathan Willis October 14, 2026", &l).as_deref(),
            Some("Nathan Willis")
        );
        assert_eq!(
            person("Anna Berger, 3. März 2024", &l).as_deref(),
            Some("Anna Berger")
        );
        // a section's name and a date label are no name
        assert_eq!(
            person("Crime Updated 3. März 2024", &l).as_deref(),
            Some("Crime Updated 3. März 2024")
        );
        assert_eq!(person("A. Writer", &l).as_deref(), Some("A. Writer"));
    }

    #[test]
    fn metadata_lines() {
        let l = lexicon();
        for t in [
            "23.10.2018",
            "11 Jan 2019",
            "Mon, 20 Jul 2020 14:07:32 GMT",
            "Jan 28th 2020",
            "28/07/2020 - 15:46",
            "Miércoles 04 mayo de 2022 | 01:10",
            "Aktualisiert:",
            "Aktualisiert am 5. März 2024",
            "发表于 2004年12月27日",
            "Publicado por Alberto González",
            "By U.S. CUSTOMS AND BORDER PROTECTION",
            "Von Anna Berger und Jan Roth",
            "作者：王明",
            "4 min",
            "1.234 Aufrufe",
            "Matthew Davis | 11 Jan 2019 | 4 min",
            "KEITH BRADSHER\n2020-07-30 18:26:40",
            "|",
            // a date after a labelled field, a count's label and colon before its number
            "作者：张三 2007-11-03 12:30:22",
            "时间:2011-06-01 浏览次数:1234",
            "2019-05-06 【字体：大 中 小】【打印】【关闭】",
            // fields in ASCII brackets, a forum's controls, a click count with its measure word
            "[日期：2008-06-12] [来源：示例网] [作者：李明] [字体：大 中 小]",
            "发表于 2008-6-12 14:32 | 只看该作者",
            "时间：2008年6月12日 点击：1234次",
            // spans set side by side: a by-line, a date and a relative update time
            "By Priya Nand October 14, 2026 9:30 AM Updated 2 hours ago",
            "Aktualisiert vor 3 Stunden",
            "3小时前",
            // an end mark, a repost's original headline
            "（完）",
            "—END—",
            "原标题：冬季旅游“热”起来 多地推出惠民措施",
            // several writers, a reading time after the date or under its label, a.m. and p.m.
            "By Oskar Lind and Ana Ruiz Nov. 2, 2026 8 min read",
            "By Oskar Lind, Ana Ruiz and Li Wei",
            "Lesezeit: 3 Min.",
            "阅读时间：3分钟",
            "Reading time: 4 minutes",
            "Lesezeit: 1 min",
            // a date's "at" in other languages, a name run into its date
            "Publié le 3. März 2026 à 18h05",
            "Anna Berger 3. März 2024, 14:20",
            // a dash between the by-line and the date
            "Von Anna Berger — 3. März 2024",
            "Updated Nov. 3, 2026, 4:12 p.m. ET",
            // a label standing apart from its value, a credit line's story code
            "责任编辑 | 王二",
            "作者 | 张小北",
            "（责任编辑：陈大文）1151205",
        ] {
            assert!(is_metadata(&para(t), &l), "{t}");
        }
    }

    #[test]
    fn text_is_not_metadata() {
        let l = lexicon();
        for t in [
            "Die WM 2022 beginnt",
            "Von Montag an gilt die neue Regel.",
            "By October 14 the river had risen 2 meters",
            "Updated rules apply from 2027",
            "2 hours of testimony",
            "Day 3",
            "48 Hours",
            "The end of an era",
            "原标题",
            "Von Berlin aus fahren täglich zwei Züge",
            "By the numbers",
            "2022 was a year of floods",
            "Kindersitze im Test",
            "Anna Berger",
            "出口(%) 35.5 8~55 60.6 -6.9 27",
            "McCaffrey 2018年2月17日",
            "By Train, Boat and Bicycle Across the Whole of the Old Continent",
            "文化 | 历史",
            "1151205",
            "（完成于2026年）",
            "8 minutes of applause",
        ] {
            assert!(!is_metadata(&para(t), &l), "{t}");
        }
    }

    #[test]
    fn a_labelled_line_dates_the_page_and_a_bare_date_does_not() {
        let l = lexicon();
        assert_eq!(
            labelled_day("日期：2026-12-04 来源：市园林局", &l).as_deref(),
            Some("2026-12-04")
        );
        assert_eq!(labelled_day("2025-12-20", &l), None);
        assert_eq!(labelled_day("公园夜间开放时间延长 2025-12-20", &l), None);
        // a blog's line under its post: the poster beside the label, counts in words of its own
        for line in [
            "老林 发表于 2004-12-27 10:22 | 阅读 123 | 评论 3",
            "by 老林 2004-12-27 10:22 | 123 reads",
        ] {
            assert_eq!(
                labelled_day(line, &l).as_deref(),
                Some("2004-12-27"),
                "{line}"
            );
        }
        // a related item's date with its category, and a teaser, are no such line
        assert_eq!(labelled_day("2004-12-20 | 分类: 生活", &l), None);
        assert_eq!(
            labelled_day("老林发表于2004-12-27的文章，讲述了江边的变化。", &l),
            None
        );
    }

    #[test]
    fn a_name_in_ideographs_ends_where_a_count_begins() {
        let l = lexicon();
        assert_eq!(
            metadata(&para("作者：王可 参与评论(36)人"), &l).and_then(|(n, _)| n),
            Some("王可".to_string())
        );
        assert!(!is_name("王可 参与评论(36)人"));
        assert!(is_name("王可"));
    }

    #[test]
    fn the_authors_name_may_stand_over_the_outlet() {
        let author = Some("Megan Ruiz");
        assert!(is_bare_author(&para("Megan Ruiz"), author));
        assert!(is_bare_author(
            &para("Megan Ruiz\nLakeview Tribune"),
            author
        ));
        assert!(is_bare_author(
            &para("MEGAN RUIZ\nUSA TODAY Network"),
            author
        ));
        // a sentence under the name, or someone else's name, is no by-line
        assert!(!is_bare_author(
            &para("Megan Ruiz\nThe board voted on Tuesday."),
            author
        ));
        assert!(!is_bare_author(&para("Tom Hale\nLakeview Tribune"), author));
        assert!(!is_bare_author(
            &para("Megan Ruiz\nLakeview Tribune Staff Writers Of The Year"),
            author
        ));
    }

    #[test]
    fn a_dek_may_stand_over_the_byline() {
        let l = lexicon();
        let p = |t: &str| Block::Paragraph { content: para(t) };
        let prose = "Der Stadtrat hat am Mittwoch ein neues Radwegenetz beschlossen. ";
        let run = |second: &str, first: &str, fill: bool| {
            let mut b = vec![p(first), p(second), p(&prose.repeat(3))];
            let (mut author, mut date) = (None, None);
            let found = Found {
                author: &mut author,
                date: &mut date,
                fill,
            };
            drop_head_metadata(&mut b, &l, found, &mut Report::default());
            b.len()
        };
        let dek = "Das Netz soll bis 2030 fertig sein und sechzig Kilometer lang werden. Wer es bezahlt, ist noch offen.";
        assert_eq!(run("Von Anna Berger | 5.3.2024", dek, true), 2);
        // in a post, a date after the first paragraph may head a diary's entry: only a by-line goes
        assert_eq!(run("5.3.2024", dek, false), 3);
        assert_eq!(run("5.3.2024", dek, true), 2);
        // a first paragraph longer than a dek is the article's: the head ended before it
        assert_eq!(run("Von Anna Berger | 5.3.2024", &prose.repeat(6), true), 3);
    }

    #[test]
    fn a_bio_in_ideographs_names_the_role_after_the_name() {
        let l = lexicon();
        assert!(cjk_bio_role("李薇(Li Wei)是《纽约时报》驻北京记者。", &l));
        assert!(cjk_bio_role("王明是本报驻柏林记者，欢迎来信。", &l));
        // the article's sentences: no name before "是", or no role after it
        assert!(!cjk_bio_role("这是一位记者告诉我们的。", &l));
        assert!(!cjk_bio_role("王明是一位退休教师。", &l));
        assert!(!cjk_bio_role("市政府新闻发言人是记者出身。", &l));
    }

    #[test]
    fn handles_open_a_word_or_follow_ideographs() {
        assert!(has_handle("Follow her on X: @ana_ruiz."));
        assert!(has_handle("欢迎在Twitter上关注她@liwei_nyt。"));
        assert!(!has_handle("Write to ana@example.com"));
        assert!(!has_handle("at @ the station"));
    }

    #[test]
    fn dates_with_month_names() {
        let l = lexicon();
        for (t, day) in [
            ("Nov. 2, 2026", Some("2026-11-02")),
            ("2 November 2026", Some("2026-11-02")),
            ("05 de diciembre de 2026 - 09:12", Some("2026-12-05")),
            ("3. März 2026, 17:45 Uhr", Some("2026-03-03")),
            ("October 14, 2026 9:30 AM", Some("2026-10-14")),
            // no day, or no year, or not a date at all
            ("November 2026", None),
            ("Nov. 2", None),
            ("Im November 2026 kamen 12 Gäste", None),
            // after a label
            ("Publié le 3 décembre 2026 à 18h05", Some("2026-12-03")),
        ] {
            assert_eq!(named_date(t, &l).as_deref(), day, "{t}");
        }
    }

    #[test]
    fn a_dated_line_under_the_headline_dates_the_page() {
        let l = lexicon();
        for (t, day) in [
            ("示例日报 2008-06-12 第A03版", Some("2008-06-12")),
            ("2008/06/12 14:32:05 示例网", Some("2008-06-12")),
            ("本报讯 2008-06-12 14:32", Some("2008-06-12")),
            (
                "posted @ 2008-06-12 14:32 李明 阅读(1234) 评论(5)",
                Some("2008-06-12"),
            ),
            // a platform's line counting all it can, in the lexicon's words: they are no words
            // ("阅读1.2k", a count's 数, a control, a date's label)
            (
                "原创 码农小王 于 2008-06-12 14:32:05 更新 阅读1.2k 评论数 3 打印 关闭",
                Some("2008-06-12"),
            ),
            (
                "原创 码农小王 于 2008-06-12 14:32:05 更新 某某 某某 某某",
                None,
            ),
            // a teaser's sentence, a year and a time
            ("2008-06-12 市民说，晚饭后带孩子来公园散步。", None),
            ("Nov. 3, 2026, 4:12 p.m.", None),
        ] {
            assert_eq!(dated_line(t, &l).as_deref(), day, "{t}");
        }
    }

    #[test]
    fn a_byline_naming_someone_else_stays() {
        let l = lexicon();
        let blocks = || {
            vec![
                Block::Paragraph {
                    content: para("Von Anna Berger | 5. März 2024"),
                },
                Block::Paragraph {
                    content: para(
                        &"Der Stadtrat hat am Mittwoch ein neues Radwegenetz beschlossen. "
                            .repeat(3),
                    ),
                },
            ]
        };
        let run = |author: Option<&str>, fill: bool| {
            let (mut b, mut author, mut date) = (blocks(), author.map(String::from), None);
            let found = Found {
                author: &mut author,
                date: &mut date,
                fill,
            };
            drop_head_metadata(&mut b, &l, found, &mut Report::default());
            (b.len(), author, date)
        };
        assert_eq!(
            run(None, true),
            (1, Some("Anna Berger".into()), Some("2024-03-05".into()))
        );
        assert_eq!(run(Some("ANNA BERGER"), false).0, 1);
        assert_eq!(run(Some("Tageszeitung"), true).0, 2);
        // a post's own front matter is not written anew: its by-line stays
        assert_eq!(run(None, false), (2, None, None));
    }

    #[test]
    fn dates_in_numbers() {
        assert_eq!(iso_date("2004年12月27日").as_deref(), Some("2004-12-27"));
        assert_eq!(iso_date("27.12.2004").as_deref(), Some("2004-12-27"));
        assert_eq!(
            iso_date("05.03.2024 - 09:15").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            iso_date("28/07/2020 - 15:46").as_deref(),
            Some("2020-07-28")
        );
        assert_eq!(
            iso_date("2020-07-30T01:03:03").as_deref(),
            Some("2020-07-30")
        );
        assert_eq!(iso_date("03/04/2020"), None);
        // a year, then a time: no date
        assert_eq!(iso_date("Nov. 3, 2026, 4:12 p.m."), None);
        assert_eq!(
            iso_date("2008 年 6 月 12 日").as_deref(),
            Some("2008-06-12")
        );
        assert_eq!(iso_date("11 Jan 2019"), None);
    }
}
