//! A tag row of links: a paragraph or a list made of links to the site's tag, topic or category
//! pages (`/tag/fishing`, `/themen/energie/`), with at most a short label before them ("Tags:",
//! "More about:") and separators between. A blog names its tag links by class or `rel`, which
//! rules match in the walk; a site whose framework hashes its classes (`css-1q2w3e`) says what the
//! row is only by where its links go. Counted under the rule whose `paths` name the pages (the
//! built-in `taxonomy`). A link to a tag's page inside a sentence (an outlet linking its keywords)
//! is the sentence's and stays.

use super::compiled::index_segment;
use super::sites::InForce;
use crate::model::inlines::{is_blank_text, plain_text_cow, text_bytes_capped};
use crate::model::{Block, Inline};
use crate::report::Report;

/// The longest label before a row's links ("Tags:", "Mehr zum Thema:", "相关标签："), in characters.
const LABEL_MAX_CHARS: usize = 24;
/// The longest tag row (bytes of text): a few tags, not a paragraph that happens to link some.
const ROW_MAX_BYTES: usize = 600;

/// Removes the tag rows of links, keeping the order of the rest.
pub(crate) fn drop_rows(blocks: &mut Vec<Block>, rules: &InForce<'_>, report: &mut Report) {
    // counted under the rule that named the first row's pages: one rule holds `paths` unless a
    // user's rules add another
    let Some(rule) = blocks.iter().find_map(|b| row_rule(b, rules)) else {
        return;
    };
    report.take_blocks_where(rule, blocks, |_, b| row_rule(b, rules).is_some());
}

/// The rule naming the pages a tag row's links go to, when `b` is one.
fn row_rule<'r>(b: &Block, rules: &InForce<'r>) -> Option<&'r str> {
    match b {
        Block::Paragraph { content } => {
            let row = links_of(content, rules)?;
            // two links at least, or one under its label
            (row.links >= 2 || row.label).then_some(row.rule)
        }
        Block::List { items, .. } => {
            let mut rule = None;
            let mut links = 0;
            for (n, item) in items.iter().enumerate() {
                let [Block::Paragraph { content }] = item.as_slice() else {
                    return None;
                };
                match links_of(content, rules) {
                    Some(row) if !row.label => {
                        rule.get_or_insert(row.rule);
                        links += row.links;
                    }
                    // the first item may be the row's label ("More about:")
                    None if n == 0 && is_label(content) => {}
                    _ => return None,
                }
            }
            rule.filter(|_| links >= 2)
        }
        _ => None,
    }
}

/// A paragraph's links to index pages, when it holds nothing else: separators, and at most a
/// short label before the first link.
struct Row<'r> {
    rule: &'r str,
    links: usize,
    label: bool,
}

fn links_of<'r>(content: &[Inline], rules: &InForce<'r>) -> Option<Row<'r>> {
    if !content.iter().any(|i| matches!(i, Inline::Link { .. }))
        || text_bytes_capped(content, ROW_MAX_BYTES) > ROW_MAX_BYTES
    {
        return None;
    }
    let mut rule = None;
    let mut links = 0;
    let mut label = false;
    for i in content {
        match i {
            Inline::Link { url, content, .. } => {
                // the URL's shape before the rules' tables: most links go to no index page
                let r = rules.index_path(index_segment(url)?)?;
                // a tag link names its tag: an address written out is a reference the text gives
                let text = plain_text_cow(content);
                if is_blank_text(&text) || crate::clean::article::shape::has_url(&text) {
                    return None;
                }
                rule.get_or_insert(r);
                links += 1;
            }
            Inline::Text { text } if !text.chars().any(char::is_alphanumeric) => {}
            Inline::Text { .. } | Inline::Strong { .. } | Inline::Emphasis { .. }
                if links == 0 && !label && is_label(std::slice::from_ref(i)) =>
            {
                label = true;
            }
            Inline::LineBreak => {}
            _ => return None,
        }
    }
    Some(Row {
        rule: rule?,
        links,
        label,
    })
}

/// A short label: a few words, no sentence ("Tags:", "Themen", "More about:").
fn is_label(content: &[Inline]) -> bool {
    let text = plain_text_cow(content);
    let text = text.trim();
    let words = text.trim_end_matches([':', '：']).trim_end();
    !words.is_empty()
        && words.chars().count() <= LABEL_MAX_CHARS
        && !words.ends_with(['.', '。', '!', '！', '?', '？'])
        && content
            .iter()
            .all(|i| !matches!(i, Inline::Link { .. } | Inline::Image { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rules;

    fn link(label: &str, url: &str) -> Inline {
        Inline::Link {
            url: url.to_string(),
            title: None,
            content: vec![Inline::text(label)],
        }
    }

    fn para(content: Vec<Inline>) -> Block {
        Block::Paragraph { content }
    }

    #[test]
    fn a_row_of_tag_links_goes_and_a_sentence_linking_a_tag_stays() {
        let rules = Rules::builtin();
        let rules = rules.in_force(None, None);
        let rows = [
            para(vec![
                link("Fishing", "/tag/fishing"),
                link("Coast", "/tag/coast"),
            ]),
            para(vec![
                Inline::text("Themen: "),
                link("Energie", "https://x.example/themen/energie/"),
            ]),
            Block::List {
                start: None,
                numbering: Default::default(),
                items: vec![
                    vec![para(vec![Inline::text("More about:")])],
                    vec![para(vec![link("Hotels", "/topics/hotels")])],
                    vec![para(vec![link("Hygiene", "/topics/hygiene")])],
                ],
            },
        ];
        for b in &rows {
            assert_eq!(row_rule(b, &rules), Some("taxonomy"), "{b:?}");
        }
        let kept = [
            // a sentence linking its keyword
            para(vec![
                Inline::text("He hauled in his first harvest of "),
                link("sugar kelp", "/tag/kelp"),
                Inline::text(" this autumn."),
            ]),
            // one tag link alone, with no label: a kicker, judged elsewhere
            para(vec![link("Fishing", "/tag/fishing")]),
            // an address written out under a label is a reference
            para(vec![
                Inline::text("Report: "),
                link(
                    "https://x.example/topics/pilot",
                    "https://x.example/topics/pilot",
                ),
            ]),
            // links to articles
            para(vec![link("One", "/news/one"), link("Two", "/news/two")]),
        ];
        for b in &kept {
            assert_eq!(row_rule(b, &rules), None, "{b:?}");
        }
    }
}
