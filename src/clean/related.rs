//! Lists of links to other articles ("related", "read more"), which feeds put inside the article body.
//!
//! A list whose every item is nothing but one link is such a list, unless links are what the post is
//! about: index posts (a digest, a programme listing) consist mostly of link lists, so the rule with
//! `link_lists: true` only applies when the link lists are a small part of the article's text. A
//! heading or short paragraph that announces related content (one of a rule's `announcers`:
//! "Related", "相关内容") goes with the list it announces.

use super::links::reads_as_url;
use super::sites::InForce;
use crate::model::inlines::{plain_text_cow, text_bytes_capped, trim_quick};
use crate::model::{Block, Inline};
use crate::report::Report;

/// Link lists may make up at most this share of the article's text and still count as related-links
/// widgets.
const MAX_SHARE: f64 = 0.4;

/// Removes what a "Related" heading announces: the heading and the link-ish blocks after it (teasers
/// of other articles: link text, publisher names, dates, thumbnails), up to the first block of prose;
/// and a "Related" heading left last, whose teasers went before.
pub(crate) fn drop_announced(blocks: &mut Vec<Block>, rules: &InForce<'_>, report: &mut Report) {
    if !rules.has_announcers() {
        return;
    }
    // one compaction pass (kept blocks moved down to `kept`) rather than a drain per announcer,
    // which would move the whole tail each time
    let mut kept = 0;
    let mut i = 0;
    while i < blocks.len() {
        if let Some(rule) =
            // an announcer at the end announces what an earlier pass took: it is scaffolding
            announcer(&blocks[i], rules).filter(|_| blocks.get(i + 1).is_none_or(is_linkish))
        {
            let end = announced_end(blocks, i + 1);
            report.count_n(rule, end - i);
            if let Some(r) = report.recorder() {
                // each taken where the one before it stood (the kept blocks so far), in the order
                // they stood
                for b in &blocks[i..end] {
                    r.take_block(rule, kept, b);
                }
            }
            i = end;
            continue;
        }
        // the announcer and its links in one paragraph, a line each ("Noticias relacionadas<br>
        // <a>…</a><br><a>…</a>", "More videos:<br>…"): a box whose lines a `<br>` parts
        if let Some(rule) = announced_lines(&blocks[i], rules) {
            report.take_block(rule, kept, &blocks[i]);
            i += 1;
            continue;
        }
        blocks.swap(kept, i);
        kept += 1;
        i += 1;
    }
    blocks.truncate(kept);
}

/// Where what an announcer announces ends, from `start`: link-ish blocks (linked titles, labels,
/// thumbnails, link lists); and at the article's end, teasers set as blocks rather than list
/// items, each a linked heading over a summary of a sentence or two ("More posts" over title,
/// date, summary and "Continue reading" for each post). In the middle a summary is not told from
/// the article's paragraph that resumes after a linked heading, so there the link-ish run ends it.
fn announced_end(blocks: &[Block], start: usize) -> usize {
    let linkish_end = (start..blocks.len())
        .find(|&k| !is_linkish(&blocks[k]))
        .unwrap_or(blocks.len());
    if linkish_end == blocks.len() || !teasers_to_the_end(blocks, start) {
        return linkish_end;
    }
    blocks.len()
}

/// Whether the blocks from `start` to the end are teasers set as blocks: two or more linked
/// headings, each over at most one summary of at most [`SUMMARY_CHARS`] and any link-ish labels,
/// thumbnails and "Continue reading" links.
fn teasers_to_the_end(blocks: &[Block], start: usize) -> bool {
    let mut teasers = 0;
    // summaries under the current teaser's title; `None` before the first title
    let mut summaries: Option<usize> = None;
    for b in &blocks[start..] {
        if matches!(b, Block::Heading { .. }) {
            if !mostly_linked(b) {
                return false;
            }
            teasers += 1;
            summaries = Some(0);
        } else if !is_linkish(b) {
            let Some(n) = summaries.as_mut() else {
                return false;
            };
            *n += 1;
            if *n > 1 || !matches!(b, Block::Paragraph { .. }) || block_chars(b) > SUMMARY_CHARS {
                return false;
            }
        }
    }
    teasers >= 2
}

/// The rule whose announcer is the first line of a paragraph whose every other line is one link.
fn announced_lines<'r>(b: &Block, rules: &InForce<'r>) -> Option<&'r str> {
    let Block::Paragraph { content } = b else {
        return None;
    };
    let first_break = content
        .iter()
        .position(|i| matches!(i, Inline::LineBreak))?;
    let mut links = 0;
    for line in content[first_break + 1..].split(|i| matches!(i, Inline::LineBreak)) {
        let mut in_line = 0;
        for i in line {
            match i {
                Inline::Link { .. } => in_line += 1,
                i if crate::model::inlines::is_blank(i) => {}
                _ => return None,
            }
        }
        if in_line > 1 {
            return None;
        }
        links += in_line;
    }
    if links == 0 {
        return None;
    }
    announcer_in(&content[..first_break], rules)
}

/// Prose this short is a label (a publisher, a date), not article text.
const LABEL_CHARS: usize = 30;

/// A teaser: a figure, a paragraph that is mostly link text or a short label, a heading that is
/// mostly link text (a heading of its own starts a section: "Footnotes" after "See also"), or a
/// list whose every item is such a paragraph (a list of notes or steps is text).
fn is_linkish(b: &Block) -> bool {
    match b {
        Block::Figure { .. } => true,
        Block::List { items, .. } => {
            items.iter().all(|item| item.iter().all(is_linkish)) || is_teaser_list(items)
        }
        Block::Heading { .. } => mostly_linked(b),
        Block::Paragraph { .. } => block_chars(b) <= LABEL_CHARS || mostly_linked(b),
        _ => false,
    }
}

/// A teaser's summary is a sentence or two: more is an article of its own.
const SUMMARY_CHARS: usize = 400;

/// A list item that is a teaser of another article: it opens (after its thumbnail) with a linked
/// title, and the rest is a short summary with labels ("'Growing Pains' star dies at 69" / "Alan
/// Thicke, the actor best known for …" / "Good Morning America").
fn is_teaser(item: &[Block]) -> bool {
    let mut blocks = item.iter().filter(|b| !matches!(b, Block::Figure { .. }));
    let Some(title) = blocks.find(|b| block_chars(b) > 0) else {
        return false;
    };
    if !matches!(title, Block::Heading { .. } | Block::Paragraph { .. }) || !mostly_linked(title) {
        return false;
    }
    let rest: Vec<&Block> = blocks.collect();
    rest.iter().all(|b| {
        matches!(
            b,
            Block::Paragraph { .. } | Block::List { .. } | Block::Figure { .. }
        )
    }) && rest.iter().map(|b| block_chars(b)).sum::<usize>() <= SUMMARY_CHARS
}

/// A list of teasers: two in three items or more are teasers, and the others are as short as a
/// summary (a sponsored teaser whose title a rule took).
fn is_teaser_list(items: &[Vec<Block>]) -> bool {
    let teasers = items
        .iter()
        .filter(|item| item.iter().all(is_linkish) || is_teaser(item))
        .count();
    teasers * 3 >= items.len() * 2
        && items.iter().all(|item| {
            item.iter().all(is_linkish)
                || is_teaser(item)
                || item.iter().map(block_chars).sum::<usize>() <= SUMMARY_CHARS
        })
}

fn mostly_linked(b: &Block) -> bool {
    let all = block_chars(b);
    let mut linked = 0;
    crate::model::walk_inlines(std::slice::from_ref(b), &mut |i| {
        if let Inline::Link { content, .. } = i {
            linked += crate::model::inlines::visible_chars(&plain_text_cow(content));
        }
    });
    linked * 2 >= all
}

/// Removes link-only lists (and the block announcing them) when they are a minor part of the text.
pub(crate) fn drop_link_lists(blocks: &mut Vec<Block>, rules: &InForce<'_>, report: &mut Report) {
    let Some(rule) = rules.link_lists() else {
        return;
    };
    // a list set as paragraphs, each one link ("<p><b><a>…</a></b></p>", "▸ <a>…</a>"): two or
    // more in a row, with the article's prose on both sides, read as a list does. One alone may be
    // the article's own pointer, and a digest's sections end in the links to their stories, with a
    // heading or a picture after them
    let lines = link_line_runs(blocks);
    let in_list = |i: usize| is_link_list(&blocks[i]) || lines[i];
    let listed: usize = (0..blocks.len())
        .filter(|&i| in_list(i))
        .map(|i| block_chars(&blocks[i]))
        .sum();
    if listed == 0 {
        return;
    }
    let total: usize = blocks.iter().map(block_chars).sum();
    if listed as f64 > total as f64 * MAX_SHARE {
        return;
    }
    let listed: Vec<bool> = (0..blocks.len()).map(in_list).collect();
    // One compaction pass (kept blocks moved down to `kept`), not a `remove` per list: removing
    // from the middle moves the whole tail each time, quadratic on a long post of link lists.
    // `blocks[kept - 1]` is the last block kept so far, the one an announcer check looks at.
    let mut kept: usize = 0;
    for i in 0..blocks.len() {
        if listed[i] {
            // the announcing block first, as they stood (the audit trail keeps their order); its
            // place and the list's are where the kept blocks so far end. A list set as lines is
            // announced over its first.
            let first = !(lines[i] && i > 0 && lines[i - 1]);
            if let Some(announced_by) = kept
                .checked_sub(1)
                .filter(|_| first)
                .and_then(|k| announcer_over_list(&blocks[k], rules))
            {
                kept -= 1;
                report.take_block(announced_by, kept, &blocks[kept]);
            }
            report.take_block(rule, kept, &blocks[i]);
            continue;
        }
        blocks.swap(kept, i);
        kept += 1;
    }
    blocks.truncate(kept);
}

/// Removes runs of teaser cards set as paragraphs, wherever they stand: two or more in a row, each
/// a thumbnail, one link whose text is a title and at most a short label beside it ("Food · 4 min
/// read"). A site whose class names say nothing sets its "more stories" rail so inside the text.
/// One card alone stays (an illustrated link may be the article's own), and so does a picture that
/// links to its own larger file.
pub(crate) fn drop_teaser_cards(blocks: &mut Vec<Block>, rules: &InForce<'_>, report: &mut Report) {
    let Some(rule) = rules.link_lists() else {
        return;
    };
    if !blocks.iter().any(is_teaser_card) {
        return;
    }
    let cards: Vec<bool> = blocks.iter().map(is_teaser_card).collect();
    let in_run = |i: usize| {
        cards[i] && (i > 0 && cards[i - 1] || cards.get(i + 1).copied().unwrap_or(false))
    };
    report.take_blocks_where(rule, blocks, |i, _| in_run(i));
}

/// A paragraph that is a teaser card: an image, one link to a page whose text is a title, and at
/// most [`CARD_LABEL_CHARS`] of other text, no sentence.
fn is_teaser_card(b: &Block) -> bool {
    let Block::Paragraph { content } = b else {
        return false;
    };
    // a card has its thumbnail: most paragraphs are told without their text gathered
    let pictured = |i: &Inline| match i {
        Inline::Image { .. } => true,
        Inline::Link { content, .. } => content.iter().any(|c| matches!(c, Inline::Image { .. })),
        _ => false,
    };
    if !content.iter().any(pictured) {
        return false;
    }
    let (mut images, mut links, mut label) = (0, 0, 0);
    for i in content {
        match i {
            Inline::Image { .. } => images += 1,
            Inline::Link { url, content, .. } => {
                let text = plain_text_cow(content);
                let title = text.trim();
                if content.iter().any(|c| matches!(c, Inline::Image { .. })) {
                    // a linked thumbnail: to a page, not to the picture's own larger file
                    if super::links::is_picture_file(url) {
                        return false;
                    }
                    images += 1;
                }
                if !title.is_empty() {
                    if reads_as_url(title) || title.ends_with(['.', '。', '!', '?', '！', '？'])
                    {
                        return false;
                    }
                    links += 1;
                }
            }
            Inline::Text { text } => label += text.trim().chars().count(),
            Inline::LineBreak => {}
            _ => return false,
        }
    }
    images >= 1 && links == 1 && label <= CARD_LABEL_CHARS
}

/// The most text beside a card's title: a section's name, a date, a reading time.
const CARD_LABEL_CHARS: usize = 40;

/// Whether every item of a list is a single link and nothing else.
fn is_link_list(b: &Block) -> bool {
    let Block::List { items, .. } = b else {
        return false;
    };
    !items.is_empty()
        && items.iter().all(|item| match item.as_slice() {
            [Block::Paragraph { content }] => is_lone_link(content),
            _ => false,
        })
}

/// Which blocks stand in a run of two or more link-line paragraphs ([`link_line_mark`]) with a
/// paragraph of prose (at least [`PROSE_AROUND_WEIGHT`], no link line) right before and right after
/// the run. A line alone between paragraphs of prose is one run too when its bullet mark opens
/// another link line of the article: a teaser set between paragraphs, one at a time ("► <a>…</a>"),
/// marked as a series.
fn link_line_runs(blocks: &[Block]) -> Vec<bool> {
    let marks: Vec<Option<Option<char>>> = blocks.iter().map(link_line_mark).collect();
    let lines: Vec<bool> = marks.iter().map(Option::is_some).collect();
    // how many link lines each bullet mark opens (few marks: a list, not a map)
    let mut series: Vec<(char, usize)> = Vec::new();
    for m in marks.iter().flatten().flatten() {
        match series.iter_mut().find(|(c, _)| c == m) {
            Some((_, n)) => *n += 1,
            None => series.push((*m, 1)),
        }
    }
    let in_series = |k: usize| {
        marks[k]
            .flatten()
            .is_some_and(|m| series.iter().any(|&(c, n)| c == m && n >= 2))
    };
    let mut runs = vec![false; blocks.len()];
    let prose = |k: usize| {
        !lines[k]
            && matches!(&blocks[k], Block::Paragraph { content }
                if crate::cjk::weighed_len(&plain_text_cow(content)) >= PROSE_AROUND_WEIGHT)
    };
    let mut i = 0;
    while i < blocks.len() {
        if !lines[i] {
            i += 1;
            continue;
        }
        let end = (i..blocks.len())
            .find(|&k| !lines[k])
            .unwrap_or(blocks.len());
        if (end - i >= 2 || in_series(i))
            && i > 0
            && end < blocks.len()
            && prose(i - 1)
            && prose(end)
        {
            runs[i..end].fill(true);
        }
        i = end;
    }
    runs
}

/// A title a link line gives is at most this long (characters).
const LINE_TITLE_MAX_CHARS: usize = 100;

/// The least text of a paragraph that counts as the article's prose around a run of link lines
/// (an ideograph weighs two).
const PROSE_AROUND_WEIGHT: usize = 60;

/// For a paragraph that is one link whose text is a title, after a bullet mark at most ("▸ ",
/// "• "), the mark (`Some(None)` for none); `None` for any other block, and for a player's link
/// (`Audio: …`), which stands for what the article plays.
fn link_line_mark(b: &Block) -> Option<Option<char>> {
    let Block::Paragraph { content } = b else {
        return None;
    };
    // a title: no player's link, no picture, no sentence
    if let Some(Inline::Link { url, content, .. }) = content.last() {
        let text = plain_text_cow(content);
        let text = text.trim();
        if crate::clean::media::is_player_text(text)
            || super::links::is_picture_file(url)
            || text.chars().count() > LINE_TITLE_MAX_CHARS
            || text.ends_with(['.', '。', '!', '！', '…'])
        {
            return None;
        }
    }
    let bullet = |text: &str| {
        text.chars().all(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '▸' | '►' | '▶' | '•' | '·' | '→' | '»' | '-' | '–' | '—' | '*' | '+'
                )
        })
    };
    match content.as_slice() {
        [Inline::Text { text }, rest @ ..] if bullet(text) => {
            is_lone_link(rest).then(|| text.chars().find(|c| !c.is_whitespace()))
        }
        _ => is_lone_link(content).then_some(None),
    }
}

/// One link whose text is a title, not a URL (a list of URLs is a list of sources, kept as content),
/// to a page rather than a place in one.
fn is_lone_link(content: &[Inline]) -> bool {
    // most paragraphs hold text of their own: answered at it, with no list to allocate (each
    // inline is read below, and one of these is refused wherever it is met)
    let refused = |i: &Inline| match i {
        Inline::Link { .. } | Inline::Strong { .. } | Inline::Emphasis { .. } => false,
        Inline::Text { text } => !crate::model::inlines::is_blank_text(text),
        _ => true,
    };
    if content.iter().any(refused) {
        return false;
    }
    let mut links = 0;
    let mut stack: Vec<&Inline> = content.iter().collect();
    while let Some(i) = stack.pop() {
        match i {
            // a link to a place in a page is a table of contents, not a list of other articles
            Inline::Link { url, .. } if url.contains('#') => return false,
            Inline::Link { content, .. } => {
                let text = plain_text_cow(content);
                if reads_as_url(text.trim_start()) {
                    return false;
                }
                links += 1;
            }
            Inline::Strong { content } | Inline::Emphasis { content } => {
                stack.extend(content.iter())
            }
            Inline::Text { text } if crate::model::inlines::is_blank_text(text) => {}
            _ => return false,
        }
    }
    links == 1
}

/// The rule whose announcer a short heading or paragraph is.
fn announcer<'r>(b: &Block, rules: &InForce<'r>) -> Option<&'r str> {
    match b {
        Block::Heading { content, .. } | Block::Paragraph { content } => {
            announcer_in(content, rules)
        }
        _ => None,
    }
}

/// The rule whose announcer a block right over a list of links is. Set as a heading (a heading,
/// or a paragraph all in bold) it may name its subject after the announcer ("Read more about rail
/// travel", "More on this story from our reporters"): over a list of lone links it is that list's
/// title, not the article's subheading.
fn announcer_over_list<'r>(b: &Block, rules: &InForce<'r>) -> Option<&'r str> {
    let content = match b {
        Block::Heading { content, .. } => content,
        Block::Paragraph { content } if is_all_bold(content) => content,
        _ => return announcer(b, rules),
    };
    announcer(b, rules).or_else(|| {
        if text_bytes_capped(content, HEADING_PREFIX_MAX_CHARS * 4) > HEADING_PREFIX_MAX_CHARS * 4 {
            return None;
        }
        let text = plain_text_cow(content);
        let t = crate::model::inlines::to_lowercase_cow(
            text.trim().trim_end_matches(crate::cjk::COLONS).trim(),
        );
        rules.announcer_prefix(&t, HEADING_PREFIX_MAX_CHARS)
    })
}

/// A title over a list of links that begins with an announcer is at most this long.
const HEADING_PREFIX_MAX_CHARS: usize = 60;

/// A paragraph whose text is all in bold (blank text aside): set as a heading is.
fn is_all_bold(content: &[Inline]) -> bool {
    let mut bold = false;
    let all = content.iter().all(|i| match i {
        Inline::Strong { .. } => {
            bold = true;
            true
        }
        Inline::Text { text } => crate::model::inlines::is_blank_text(text),
        _ => false,
    });
    all && bold
}

/// The rule announcing with this text (a block's, or a line's).
fn announcer_in<'r>(content: &[Inline], rules: &InForce<'r>) -> Option<&'r str> {
    // announcers are a few words: most blocks are refused before their text is gathered
    let cap = rules.announcer_cap();
    if text_bytes_capped(content, cap) > cap {
        return None;
    }
    // the text and its lower case are only looked up: borrowed where nothing changes them
    let text = plain_text_cow(content);
    let t = crate::model::inlines::to_lowercase_cow(trim_quick(
        trim_quick(&text)
            // "Schon gelesen?", "Das könnte Sie auch interessieren!", "Read more…" announce as well
            .trim_end_matches(|c| {
                crate::cjk::is_colon(c) || matches!(c, '?' | '？' | '!' | '！' | '…' | '.')
            }),
    ));
    rules
        .announcer(&t)
        .or_else(|| rules.announcer_prefix(&t, PREFIX_BLOCK_MAX_CHARS))
}

/// A block that begins with an announcer ("往期 CDT 周报", "Related coverage") announces too when it
/// is this short: a name after the announcer, not a sentence.
const PREFIX_BLOCK_MAX_CHARS: usize = 20;

fn block_chars(b: &Block) -> usize {
    let mut n = 0;
    crate::model::walk_inlines(std::slice::from_ref(b), &mut |i| {
        if let Inline::Text { text } = i {
            n += crate::model::inlines::visible_chars(text);
        }
    });
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rules;
    use crate::model::Numbering;

    #[test]
    fn a_title_over_a_link_list_may_name_its_subject() {
        let rules = Rules::from_yaml(
            "rules:\n  - name: lists\n    link_lists: true\n  - name: heads\n    announcers: [read more]\n",
        )
        .unwrap();
        let in_force = rules.in_force(None, None);
        let prose =
            "The harbour board said on Monday that the second phase was approved. ".repeat(4);
        let bold = |t: &str| Block::Paragraph {
            content: vec![Inline::Strong {
                content: vec![Inline::text(t)],
            }],
        };
        let mut blocks = vec![
            para(&prose),
            bold("Read more about rail travel"),
            links(&["One", "Two"]),
            para(&prose),
            // set as plain text it is a sentence's start: it stays, and so does a bold sentence
            para("Read more about rail travel"),
            links(&["Three"]),
            para(&prose),
            bold("Read more about the many reasons why the board changed its mind this year"),
            links(&["Four"]),
        ];
        let mut report = Report::default();
        drop_link_lists(&mut blocks, &in_force, &mut report);
        assert_eq!(report.removed["heads"], 1);
        assert_eq!(report.removed["lists"], 3);
        assert_eq!(
            blocks,
            vec![
                para(&prose),
                para(&prose),
                para("Read more about rail travel"),
                para(&prose),
                bold("Read more about the many reasons why the board changed its mind this year"),
            ]
        );
    }

    #[test]
    fn teaser_cards_go_in_runs() {
        let rules = Rules::from_yaml("rules:\n  - name: lists\n    link_lists: true\n").unwrap();
        let in_force = rules.in_force(None, None);
        let card = |title: &str, url: &str| Block::Paragraph {
            content: vec![
                Inline::Image {
                    image: crate::model::Image {
                        src: "/t.jpg".into(),
                        alt: String::new(),
                        title: None,
                    },
                },
                Inline::Link {
                    url: url.into(),
                    title: None,
                    content: vec![Inline::text(title)],
                },
                Inline::text("Food · 4 min read"),
            ],
        };
        let prose = para(&"The board approved the second phase on Monday. ".repeat(4));
        let mut blocks = vec![
            prose.clone(),
            card("The 12 best loaves in the city", "/a"),
            card("A pie shop opens where the diner stood", "/b"),
            prose.clone(),
            // one card alone, a card whose title is a sentence, a picture linked to its file
            card("A short history of the bakery", "/c"),
            prose.clone(),
            card("The bakery closed on Saturday.", "/d"),
            card("Photo of the ovens", "/ovens.jpg"),
        ];
        let mut report = Report::default();
        drop_teaser_cards(&mut blocks, &in_force, &mut report);
        assert_eq!(report.removed["lists"], 2);
        assert_eq!(blocks.len(), 6);
    }

    fn para(text: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::text(text)],
        }
    }

    fn links(titles: &[&str]) -> Block {
        Block::List {
            start: None,
            numbering: Numbering::default(),
            items: titles
                .iter()
                .map(|t| {
                    vec![Block::Paragraph {
                        content: vec![Inline::Link {
                            url: format!("/{t}"),
                            title: None,
                            content: vec![Inline::text(*t)],
                        }],
                    }]
                })
                .collect(),
        }
    }

    #[test]
    fn link_lists_go_with_the_announcer_before_them_and_no_other() {
        let rules = Rules::from_yaml(
            "rules:\n  - name: lists\n    link_lists: true\n  - name: heads\n    announcers: [Related]\n",
        )
        .unwrap();
        let in_force = rules.in_force(None, None);
        let prose =
            "The harbour board said on Monday that the second phase was approved. ".repeat(4);
        let mut blocks = vec![
            para(&prose),
            para("Related"),
            links(&["One", "Two"]),
            // the announcer went with the first list: this one's kept block before it is prose
            links(&["Three"]),
            para("Between"),
            links(&["Four"]),
            para(&prose),
            para("Related"),
        ];
        let mut report = Report::default();
        drop_link_lists(&mut blocks, &in_force, &mut report);
        assert_eq!(
            blocks,
            vec![para(&prose), para("Between"), para(&prose), para("Related")]
        );
        assert_eq!(report.removed["lists"], 3);
        assert_eq!(report.removed["heads"], 1);
    }

    #[test]
    fn announced_teasers_go_in_one_pass() {
        let rules =
            Rules::from_yaml("rules:\n  - name: heads\n    announcers: [Related]\n").unwrap();
        let in_force = rules.in_force(None, None);
        let prose =
            "The harbour board said on Monday that the second phase was approved. ".repeat(4);
        let mut blocks = vec![
            para(&prose),
            para("Related"),
            para("2023-01-18"),
            para("Related"),
            para("Label"),
            para(&prose),
            para("Related"),
        ];
        let mut report = Report::default();
        drop_announced(&mut blocks, &in_force, &mut report);
        // the last announcer announces nothing left: it goes too
        assert_eq!(blocks, vec![para(&prose), para(&prose)]);
        assert_eq!(report.removed["heads"], 5);
    }

    fn linked_heading(t: &str) -> Block {
        Block::Heading {
            level: 2,
            content: vec![Inline::Link {
                url: format!("/{t}"),
                title: None,
                content: vec![Inline::text(t)],
            }],
        }
    }

    #[test]
    fn teasers_set_as_blocks_go_only_at_the_end() {
        let rules = Rules::from_yaml(
            "rules:
  - name: heads
    announcers: [More posts]
",
        )
        .unwrap();
        let in_force = rules.in_force(None, None);
        let prose =
            "The harbour board said on Monday that the second phase was approved. ".repeat(4);
        let summary = "A short summary of another post, a sentence or two long.";
        // at the end: every teaser (title, date, summary) goes with the announcer
        let mut blocks = vec![
            para(&prose),
            para("More posts"),
            linked_heading("One"),
            para("March 3"),
            para(summary),
            linked_heading("Two"),
            para(summary),
        ];
        let mut report = Report::default();
        drop_announced(&mut blocks, &in_force, &mut report);
        assert_eq!(blocks, vec![para(&prose)]);
        // in the middle a paragraph after a linked heading may be the article resuming: only the
        // link-ish run goes
        let mut blocks = vec![
            para(&prose),
            para("More posts"),
            linked_heading("One"),
            para(summary),
            para(&prose),
        ];
        drop_announced(&mut blocks, &in_force, &mut report);
        assert_eq!(blocks, vec![para(&prose), para(summary), para(&prose)]);
    }
}
