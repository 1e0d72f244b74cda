//! The article's edges once the rules are done: what only framed removed content, and the title
//! written again as the body's first line.
//!
//! A feed footer removed by a rule leaves the `<hr>` that stood above it; a "related reading:" list
//! removed leaves its label; a player removed leaves "listen:". None of them means anything alone,
//! and none has a class or phrase of its own to match: what marks them is where they are left
//! (at an edge, above nothing) after a removal. Headings and labels are only taken when something
//! was removed, so an article that ends in a heading by its author's choice keeps it.

use super::super::compiled::line_key;
use super::super::mechanics::{BREADCRUMB, ORPHAN_FRAME, REPEATED_LEDE, REPEATED_TITLE};
use super::super::media;
use super::InForce;
use crate::Metadata;
use crate::model::inlines::{plain_text_cow, push_lowercase, text_bytes_capped};
use crate::model::{Block, Inline};
use crate::report::Report;

/// A label is a short line: longer text ending in a colon is a sentence introducing a quote.
const LABEL_MAX_CHARS: usize = 24;

/// What was removed around the article before its frames are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Removed {
    Nothing,
    /// Only the parts of a page left out of its article: what stood below a last heading may have
    /// been beside it, but a heading that is a sentence (a pull quote) is the article's own.
    LeftOut,
    /// A rule or a shape category removed something.
    ByRule,
}

/// Removes thematic breaks at the edges and doubled ones, and, after a removal, the headings and
/// labels left at the end with nothing below them. The article keeps at least one block.
pub(crate) fn drop_orphan_frames(blocks: &mut Vec<Block>, removed: Removed, report: &mut Report) {
    let removed_any = removed != Removed::Nothing;
    let before = blocks.len();
    // a body that is only a rule drawn in characters keeps it: it is all the text there is
    let leading = match blocks.iter().take_while(|b| is_rule(b)).count() {
        n if n == blocks.len() => blocks
            .iter()
            .take_while(|b| matches!(b, Block::Rule))
            .count(),
        n => n,
    };
    if let Some(r) = report.recorder() {
        for k in (0..leading).rev() {
            r.take_block(ORPHAN_FRAME.name, k, &blocks[k]);
        }
    }
    blocks.drain(..leading);
    if let Some(r) = report.recorder() {
        // the doubled breaks one by one, where they stand, as `dedup_by` below removes them
        let mut k = 1;
        while k < blocks.len() {
            if matches!((&blocks[k - 1], &blocks[k]), (Block::Rule, Block::Rule)) {
                r.take_block(ORPHAN_FRAME.name, k, &blocks[k]);
                blocks.remove(k);
            } else {
                k += 1;
            }
        }
    }
    blocks.dedup_by(|b, a| matches!((a, b), (Block::Rule, Block::Rule)));
    while blocks.len() > 1 {
        let last = &blocks[blocks.len() - 1];
        let orphan = match last {
            _ if is_rule(last) => true,
            // a heading that is a sentence is a pull quote, the article's own words
            Block::Heading { content, .. } => {
                removed == Removed::ByRule || (removed_any && !is_sentence(content))
            }
            Block::Paragraph { content } => removed_any && is_label(content),
            _ => false,
        };
        if !orphan {
            break;
        }
        if let Some(r) = report.recorder() {
            r.take_block(ORPHAN_FRAME.name, blocks.len() - 1, last);
        }
        blocks.pop();
    }
    if matches!(blocks.as_slice(), [Block::Rule]) {
        if let Some(r) = report.recorder() {
            r.take_block(ORPHAN_FRAME.name, 0, &blocks[0]);
        }
        blocks.clear();
    }
    report.count_n(ORPHAN_FRAME.name, before - blocks.len());
}

/// A thematic break, or a paragraph that draws one in characters ("==========", "* * *"): at an
/// edge it frames nothing, as an `<hr>` there does.
fn is_rule(b: &Block) -> bool {
    match b {
        Block::Rule => true,
        Block::Paragraph { content } => {
            text_bytes_capped(content, TYPED_RULE_MAX_BYTES) <= TYPED_RULE_MAX_BYTES && {
                let text = plain_text_cow(content);
                let mut marks = text.chars().filter(|c| !c.is_whitespace());
                marks.next().is_some_and(|first| {
                    matches!(first, '-' | '=' | '_' | '*' | '~' | '—' | '─' | '═' | '━')
                        && marks.clone().count() >= 2
                        && marks.all(|c| c == first)
                })
            }
        }
        _ => false,
    }
}

/// The longest paragraph read as a rule drawn in characters.
const TYPED_RULE_MAX_BYTES: usize = 400;

/// Whether a line ends as a sentence does (closing quotes and brackets aside).
fn is_sentence(content: &[Inline]) -> bool {
    plain_text_cow(content)
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', '«', ')', '）', '」', '』'])
        .ends_with(['.', '!', '?', '。', '！', '？', '…'])
}

/// A short line ending in a colon, which announces what came below it, or after it on its line
/// before the links there went: separators may follow the colon ("Categorized: -", "标签：|"). A
/// line that is all one bracketed label ("【相關報道】") announces as a colon does: CJK outlets set
/// their labels so, with nothing after them.
fn is_label(content: &[Inline]) -> bool {
    if text_bytes_capped(content, LABEL_MAX_CHARS * 4) > LABEL_MAX_CHARS * 4 {
        return false;
    }
    let text = plain_text_cow(content);
    let text = text
        .trim()
        .trim_end_matches(|c: char| c.is_whitespace() || "-–—|·•,，/、".contains(c));
    let bracketed = || {
        text.strip_prefix('【')
            .and_then(|t| t.strip_suffix('】'))
            .is_some_and(|inner| {
                // "【编辑：赵静】" is a field, label and value, no label alone
                !inner.is_empty()
                    && !inner.contains(['【', '】'])
                    && !inner.contains(crate::cjk::COLONS)
            })
    };
    text.chars().count() <= LABEL_MAX_CHARS && (text.ends_with(crate::cjk::COLONS) || bracketed())
}

/// Removes the title said again at the head of the body, with the kicker, overline or date lines over
/// it; returns the title's block.
pub(crate) fn drop_repeated_title(
    blocks: &mut Vec<Block>,
    title: Option<&str>,
    report: &mut Report,
) -> Option<Block> {
    let full = title?;
    let title = line_key(full);
    if title.is_empty() {
        return None;
    }
    // a page's title names its site too ("BMJV | Transparenz bei Preisanpassungen"): its longest
    // part is the headline the body repeats, as the title itself may be
    let headlines: Vec<String> = std::iter::once(words_key(full))
        .chain(headline_of(full))
        .collect();
    // the title may stand under its kicker, overline or date ("Wildvogelstation in Dortmund" over
    // "Eine private Wildvogelauffang- und Auswilderungsstation"): short lines that end no sentence
    // the article's lead picture may stand over them all, and stays
    let is_picture =
        |b: &Block| matches!(b, Block::Figure { .. }) || super::boundary::is_shown_picture(b);
    let lead = blocks.iter().take_while(|b| is_picture(b)).count();
    let (at, said) = (lead..blocks.len().min(lead + TITLE_WITHIN + 1)).find_map(|k| {
        let said = says_title(&blocks[k], &title, &headlines);
        (said || !is_head_furniture(&blocks[k])).then_some((k, said))
    })?;
    if !said || blocks.len() <= at + 1 {
        return None;
    }
    // under a lead picture, what stands between it and the title may be its caption or its video:
    // only the title goes
    let from = if lead > 0 { at } else { 0 };
    for k in (from..=at).rev() {
        report.take_block(REPEATED_TITLE.name, k, &blocks[k]);
    }
    let mut gone: Vec<Block> = blocks.drain(from..=at).collect();
    gone.pop()
}

/// Removes the breadcrumb trails among the article's first [`TRAIL_WITHIN`] blocks (see
/// [`is_trail`]). Returns how many went.
pub(crate) fn drop_head_trails(blocks: &mut Vec<Block>, report: &mut Report) -> usize {
    let mut removed = 0;
    let mut at = 0;
    while at < blocks.len().min(TRAIL_WITHIN) {
        if matches!(&blocks[at], Block::Paragraph { content } if is_trail(content)) {
            report.take_block(BREADCRUMB.name, at, &blocks[at]);
            blocks.remove(at);
            removed += 1;
        } else {
            at += 1;
        }
    }
    removed
}

/// How far into the article a breadcrumb trail is looked for.
const TRAIL_WITHIN: usize = 4;
/// The longest crumb that is a link (a section's name).
const CRUMB_MAX_CHARS: usize = 24;
/// The longest last crumb written as text (the page's own title may stand there).
const LAST_CRUMB_MAX_CHARS: usize = 64;

/// Whether a paragraph is a breadcrumb trail: a label ending in a colon may open it ("当前位置：",
/// "You are here:"), then two links or more to the site's sections, each short, with a trail's
/// mark between every two ("首页 > 本地新闻", "Home › News"), and at most the page's own title as
/// text after the last mark. Nothing else: a sentence that links two sections is no trail.
fn is_trail(content: &[Inline]) -> bool {
    if text_bytes_capped(content, 4 * (LAST_CRUMB_MAX_CHARS + 4 * CRUMB_MAX_CHARS))
        > 4 * (LAST_CRUMB_MAX_CHARS + 4 * CRUMB_MAX_CHARS)
    {
        return false;
    }
    let is_mark = |c: char| matches!(c, '>' | '»' | '›' | '→' | '＞' | '〉' | '⟩' | '≫' | '/');
    let marks_only = |t: &str| {
        let t = t.trim();
        !t.is_empty() && t.chars().all(|c| is_mark(c) || c.is_whitespace())
    };
    let mut links = 0;
    // whether a mark stands between the last crumb and what comes next
    let mut marked = true;
    for (k, inline) in content.iter().enumerate() {
        match inline {
            Inline::Link { content, .. } => {
                let text = plain_text_cow(content);
                let n = text.trim().chars().count();
                if !marked || n == 0 || n > CRUMB_MAX_CHARS {
                    return false;
                }
                links += 1;
                marked = false;
            }
            Inline::Text { text } if text.trim().is_empty() => {}
            Inline::Text { text } if marks_only(text) => marked = true,
            Inline::Text { text } if k == 0 => {
                // the label before the first crumb
                let t = text.trim();
                if !t.ends_with(crate::cjk::COLONS) || t.chars().count() > CRUMB_MAX_CHARS {
                    return false;
                }
            }
            Inline::Text { text } if k + 1 == content.len() && links >= 2 => {
                // the page's own title after the last mark, not linked
                let t = text.trim();
                let Some(title) = t.strip_prefix(is_mark) else {
                    return false;
                };
                if title.trim().chars().count() > LAST_CRUMB_MAX_CHARS {
                    return false;
                }
                marked = false;
            }
            _ => return false,
        }
    }
    links >= 2
}

/// Removes a feed's teaser at the head: among the first [`LEDE_WITHIN`] blocks, a paragraph of
/// [`LEDE_MIN_CHARS`] to [`LEDE_MAX_CHARS`] characters whose words (case and spacing aside) open a
/// paragraph at most [`LEDE_WITHIN`] blocks below it. Nothing is lost: the words stay where the
/// article says them. Returns whether one went.
pub(crate) fn drop_repeated_lede(blocks: &mut Vec<Block>, report: &mut Report) -> bool {
    let cap = LEDE_MAX_CHARS * 4;
    for at in 0..blocks.len().min(LEDE_WITHIN) {
        let Block::Paragraph { content } = &blocks[at] else {
            continue;
        };
        if text_bytes_capped(content, cap) > cap {
            continue;
        }
        // most heads have no paragraph opening as this one does: told by the first letter
        let first = |c: &[Inline]| {
            crate::model::inlines::first_char(c).map(|c| c.to_lowercase().next().unwrap_or(c))
        };
        let opening = first(content);
        if opening.is_none()
            || !blocks
                .iter()
                .skip(at + 1)
                .take(LEDE_WITHIN)
                .any(|b| matches!(b, Block::Paragraph { content } if first(content) == opening))
        {
            continue;
        }
        let lede = crate::model::inlines::plain_text_cow(content);
        if !(LEDE_MIN_CHARS..=LEDE_MAX_CHARS).contains(&lede.chars().count()) {
            continue;
        }
        let said_again = blocks.iter().skip(at + 1).take(LEDE_WITHIN).any(|b| {
            matches!(b, Block::Paragraph { content }
                if opens_with_words(&crate::model::inlines::plain_text_cow(content), &lede))
        });
        if said_again {
            report.take_block(REPEATED_LEDE.name, at, &blocks[at]);
            blocks.remove(at);
            return true;
        }
    }
    false
}

/// A text's words, lower-cased and single-spaced, as [`words_key`] writes them.
fn word_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split_whitespace().enumerate().flat_map(|(k, w)| {
        (k > 0)
            .then_some(' ')
            .into_iter()
            .chain(w.chars().flat_map(char::to_lowercase))
    })
}

/// Whether `text`'s words open with `lede`'s and go on past them (case and spacing aside). Reads
/// only as far as they agree.
fn opens_with_words(text: &str, lede: &str) -> bool {
    let (mut want, mut got) = (word_chars(lede), word_chars(text));
    loop {
        match (want.next(), got.next()) {
            (None, next) => return next.is_some(),
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// How far down the head a teaser, and the paragraph it repeats, may stand.
const LEDE_WITHIN: usize = 3;

/// A teaser shorter than this (characters) may open a paragraph by chance ("Yes.").
const LEDE_MIN_CHARS: usize = 30;

/// A teaser is a sentence or two: a longer paragraph is the article's.
const LEDE_MAX_CHARS: usize = 400;

/// How many blocks may stand over the title said again (a kicker, an overline, a date).
const TITLE_WITHIN: usize = 3;

/// The longest line over a title that is its furniture, not the article's text.
const KICKER_MAX_CHARS: usize = 100;

/// Whether a block says the title: the whole of it as whole-line rules compare (whitespace and
/// case aside: feeds space and case the same title differently in the front matter and the body),
/// or one of the `headlines` (see [`is_headline`]).
fn says_title(b: &Block, title: &str, headlines: &[String]) -> bool {
    let (Block::Heading { content, .. } | Block::Paragraph { content }) = b else {
        return false;
    };
    let heading = matches!(b, Block::Heading { .. });
    // a block much longer than the title cannot be it: measure before gathering its text
    let title_cap = title.len() * 2 + 16;
    let cap_of = |h: &String| {
        if heading {
            h.len() + 4 * KICKER_MAX_CHARS
        } else {
            h.len() * 2 + 16
        }
    };
    let cap = headlines.iter().map(cap_of).fold(title_cap, usize::max);
    let bytes = text_bytes_capped(content, cap);
    if bytes > cap {
        return false;
    }
    let text = plain_text_cow(content);
    if bytes <= title_cap && line_key(&text) == title {
        return true;
    }
    let key = words_key(&text);
    headlines
        .iter()
        .any(|h| bytes <= cap_of(h) && is_headline(&key, h, heading))
}

/// Separators between a page title's headline and its site's name.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " » ", " :: ", " · "];
/// The same written without spaces, in a title of ideographs.
const TIGHT_TITLE_SEPARATORS: &[char] = &['_', '｜'];

/// The longest part of a title that names its site, when it has several parts and that one has
/// three words or more (six ideographs): lower case, its words single-spaced.
fn headline_of(title: &str) -> Option<String> {
    // every spaced separator starts with a space: a title where none follows one of its spaces
    // (most, and any without spaces) has one part, told with no substring search set up per
    // separator. Chinese portals and blog hosts part theirs tightly ("标题_博客名_网站", "标题｜频道")
    let bytes = title.as_bytes();
    let spaced = memchr::memchr_iter(b' ', bytes).any(|i| {
        TITLE_SEPARATORS
            .iter()
            .any(|sep| bytes[i..].starts_with(sep.as_bytes()))
    });
    let tight = !spaced
        && title.contains(TIGHT_TITLE_SEPARATORS)
        && title.chars().any(crate::cjk::is_ideograph);
    if !spaced && !tight {
        return None;
    }
    let mut parts = vec![title];
    if tight {
        parts = title.split(TIGHT_TITLE_SEPARATORS).collect();
    }
    for sep in TITLE_SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    if parts.len() < 2 {
        return None;
    }
    let longest = parts.iter().max_by_key(|p| p.chars().count())?;
    // ideographs run their words together: six of them say as much as three words
    (longest.split_whitespace().count() >= 3
        || longest
            .chars()
            .filter(|&c| crate::cjk::is_ideograph(c))
            .count()
            >= 6)
        .then(|| words_key(longest))
}

fn words_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            push_lowercase(&mut out, c);
        }
    }
    out
}

/// Whether a block's text (its [`words_key`]) is the headline: the whole of it, or, in a heading,
/// its end under a short kicker written into the same heading ("Thema Verbraucherschutz Mehr
/// Transparenz …"); in a paragraph words before it make a sentence of it.
fn is_headline(key: &str, headline: &str, heading: bool) -> bool {
    key == headline
        || heading
            && key.strip_suffix(headline).is_some_and(|kicker| {
                kicker.ends_with(' ') && kicker.chars().count() <= KICKER_MAX_CHARS
            })
}

fn is_head_furniture(b: &Block) -> bool {
    match b {
        Block::Rule => true,
        Block::Heading { content, .. } | Block::Paragraph { content } => {
            text_bytes_capped(content, KICKER_MAX_CHARS * 4) <= KICKER_MAX_CHARS * 4 && {
                let text = plain_text_cow(content);
                text.chars().count() <= KICKER_MAX_CHARS && !is_sentence(content)
            }
        }
        _ => false,
    }
}

/// For a post whose body came out empty and whose source is a video or audio platform's own page,
/// a link to that page, as the player it carried would have left (`[Video: YouTube](watch URL)`;
/// the platform's name, since every output shows the title already).
pub(crate) fn source_media_link(meta: &Metadata, rules: &InForce<'_>) -> Option<Block> {
    let url = meta.source_url.as_deref()?.trim();
    let platform = media::watch_page(rules.media(), url)?;
    Some(Block::Paragraph {
        content: vec![platform.kind.link(&platform.name, url.to_string())],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Text { text: text.into() }],
        }
    }

    #[test]
    fn a_trail_of_section_links_is_a_breadcrumb_and_a_sentence_is_not() {
        let link = |t: &str| Inline::Link {
            url: format!("/{t}"),
            title: None,
            content: vec![Inline::text(t)],
        };
        let text = Inline::text;
        assert!(is_trail(&[
            text("当前位置："),
            link("首页"),
            text(" > "),
            link("本地新闻"),
            text(" > 正文"),
        ]));
        assert!(is_trail(&[
            link("Home"),
            text(" › "),
            link("News"),
            text(" › "),
            link("Local")
        ]));
        // one link, no marks between, a sentence around them, a crumb as long as a headline
        assert!(!is_trail(&[link("Home"), text(" › 正文")]));
        assert!(!is_trail(&[link("Home"), link("News")]));
        assert!(!is_trail(&[
            text("路线可参考："),
            link("东门"),
            text(" > "),
            link("健身区"),
            text("，全程不到三分钟。"),
        ]));
        assert!(!is_trail(&[
            link("Home"),
            text(" > "),
            link("Council approves new cycle lanes on the ring road"),
        ]));
    }

    fn heading(text: &str) -> Block {
        Block::Heading {
            level: 2,
            content: vec![Inline::Text { text: text.into() }],
        }
    }

    #[test]
    fn a_label_whose_links_went_is_scaffolding() {
        let label = |t: &str| is_label(&[Inline::text(t)]);
        assert!(label("Categorized: -"));
        assert!(label("标签：| ,"));
        assert!(label("Related:"));
        assert!(!label("Categorized: news"));
        assert!(!label("- 12 -"));
    }

    #[test]
    fn words_keys_lower_case_as_the_case_table_does() {
        for t in [
            "",
            "  Related   Posts ",
            "延伸 阅读：\u{3000}“新闻”\n",
            "ΟΔΟΣ Σ ǅ İstanbul ẞ",
            "ＡＢ全角！\u{a0}x\tY",
        ] {
            let by_table: Vec<String> = t
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            assert_eq!(words_key(t), by_table.join(" "), "{t:?}");
        }
    }

    #[test]
    fn a_title_without_a_separator_has_no_headline_of_its_own() {
        assert_eq!(headline_of("港珠澳大桥今日正式通车"), None);
        assert_eq!(headline_of("Pier  -  closes"), None);
        assert_eq!(
            headline_of("Site  -  the pier closes for winter").as_deref(),
            Some("the pier closes for winter")
        );
    }

    #[test]
    fn a_title_naming_its_site_has_a_headline() {
        assert_eq!(
            headline_of("BMJV | Transparenz bei Preisanpassungen").as_deref(),
            Some("transparenz bei preisanpassungen")
        );
        assert_eq!(headline_of("Pier closes for winter repairs"), None);
        // a part of two words is a site's name or a section's, not a headline
        assert_eq!(headline_of("News - Sport | Site"), None);
        let said = |b: &Block, h: &str| says_title(b, "", &[h.to_string()]);
        let h = "balkonkraftwerke ab juli";
        assert!(said(&heading("Thema Energie Balkonkraftwerke ab Juli"), h));
        assert!(said(&para("Balkonkraftwerke  ab Juli"), h));
        // in a paragraph, words before it make a sentence of it
        assert!(!said(&para("Neu sind die Balkonkraftwerke ab Juli"), h));
        assert!(!said(
            &heading("Die Balkonkraftwerke ab Juli"),
            "kraftwerke ab juli"
        ));
    }

    #[test]
    fn rules_at_the_edges_and_doubled_go() {
        let mut r = Report::default();
        let mut b = vec![
            Block::Rule,
            para("a"),
            Block::Rule,
            Block::Rule,
            para("b"),
            Block::Rule,
        ];
        drop_orphan_frames(&mut b, Removed::Nothing, &mut r);
        assert_eq!(b, vec![para("a"), Block::Rule, para("b")]);
        assert_eq!(r.removed[ORPHAN_FRAME.name], 3);
    }

    #[test]
    fn a_trailing_label_or_heading_goes_only_after_a_removal() {
        let body = || {
            vec![
                para("The story."),
                Block::Rule,
                heading("延伸阅读"),
                para("相关阅读："),
            ]
        };
        let mut r = Report::default();
        let mut b = body();
        drop_orphan_frames(&mut b, Removed::Nothing, &mut r);
        assert_eq!(b, body());
        drop_orphan_frames(&mut b, Removed::ByRule, &mut r);
        assert_eq!(b, vec![para("The story.")]);
        // a sentence ending in a colon introduces something still there or is the author's
        let mut b = vec![
            para("x"),
            para("He ended his speech with these words, in full:"),
        ];
        drop_orphan_frames(&mut b, Removed::ByRule, &mut r);
        assert_eq!(b.len(), 2);
        // a page's parts left out of its article: a last heading goes unless it is a sentence
        let mut b = vec![
            para("x"),
            heading("Pull quote, in full."),
            heading("More on this"),
        ];
        drop_orphan_frames(&mut b, Removed::LeftOut, &mut r);
        assert_eq!(b, vec![para("x"), heading("Pull quote, in full.")]);
        // the article keeps a block
        let mut b = vec![heading("Only a heading")];
        drop_orphan_frames(&mut b, Removed::ByRule, &mut r);
        assert_eq!(b.len(), 1);
    }

    #[test]
    fn a_rule_drawn_in_characters_at_an_edge_frames_nothing() {
        assert!(is_rule(&para("==========")));
        assert!(is_rule(&para(" * * * ")));
        assert!(is_rule(&para("———")));
        assert!(!is_rule(&para("- 12 -")));
        assert!(!is_rule(&para("==")));
        assert!(!is_rule(&para("=== 第二节 ===")));
        let mut r = Report::default();
        let mut b = vec![
            para("-----"),
            para("The story."),
            para("* * *"),
            para("It goes on."),
            para("=========="),
        ];
        drop_orphan_frames(&mut b, Removed::Nothing, &mut r);
        assert_eq!(
            b,
            vec![para("The story."), para("* * *"), para("It goes on.")]
        );
    }

    #[test]
    fn the_title_is_dropped_once_from_the_top() {
        let mut r = Report::default();
        let mut b = vec![heading("A  Title"), para("Text"), heading("A Title")];
        drop_repeated_title(&mut b, Some("a title"), &mut r);
        assert_eq!(b, vec![para("Text"), heading("A Title")]);
        let mut only = vec![para("Only")];
        drop_repeated_title(&mut only, Some("Only"), &mut r);
        assert_eq!(only.len(), 1, "never the last block");
        let mut b = vec![para("A Title and more words"), para("x")];
        drop_repeated_title(&mut b, Some("A Title"), &mut r);
        assert_eq!(b.len(), 2);
    }
}
