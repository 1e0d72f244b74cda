//! Lists of links to other articles ("related", "read more"), which feeds put inside the article body.
//!
//! A list whose every item is nothing but one link is such a list, unless links are what the post is
//! about: index posts (a digest, a programme listing) consist mostly of link lists, so the rule only
//! applies when the link lists are a small part of the article's text. A heading or short paragraph
//! that announces related content ("Related", "相关内容") goes with the list it announces.

use crate::model::{Block, Inline};

use super::Report;
use crate::model::inlines::{plain_text, text_bytes_capped};

/// Link lists may make up at most this share of the article's text and still count as related-links
/// widgets.
const MAX_SHARE: f64 = 0.4;

/// Short blocks that announce a list of related articles.
const ANNOUNCERS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related content",
    "read more",
    "more on this story",
    "相关内容",
    "相关文章",
    "相关新闻",
    "相关报道",
    "相關內容",
    "相關文章",
    "相關新聞",
    "相關報導",
    "延伸阅读",
    "延伸閱讀",
    "推荐阅读",
    "推薦閱讀",
    "您可能感兴趣的文章",
    "你可能感兴趣的文章",
    "猜你喜欢",
    "更多相关",
    "相关阅读",
    "相關閱讀",
];

/// Removes what a "Related" heading announces: the heading and the link-ish blocks after it (teasers
/// of other articles: link text, publisher names, dates, thumbnails), up to the first block of prose.
pub fn drop_announced(blocks: &mut Vec<Block>, report: &mut Report) {
    let mut i = 0;
    while i < blocks.len() {
        if is_announcer(&blocks[i]) && blocks.get(i + 1).is_some_and(is_linkish) {
            let end = (i + 1..blocks.len())
                .find(|&k| !is_linkish(&blocks[k]))
                .unwrap_or(blocks.len());
            report.count_n("related-links", end - i);
            blocks.drain(i..end);
            continue;
        }
        i += 1;
    }
}

/// Prose this short is a label (a publisher, a date), not article text.
const LABEL_CHARS: usize = 30;

/// A teaser: a list, figure, or a paragraph or heading that is mostly link text or a short label.
fn is_linkish(b: &Block) -> bool {
    match b {
        Block::List { .. } | Block::Figure { .. } => true,
        Block::Heading { content, .. } | Block::Paragraph { content } => {
            let all = block_chars(b);
            let mut linked = 0;
            crate::model::walk_inlines(std::slice::from_ref(b), &mut |i| {
                if let Inline::Link { content, .. } = i {
                    linked += plain_text(content)
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .count();
                }
            });
            let _ = content;
            all <= LABEL_CHARS || linked * 2 >= all
        }
        _ => false,
    }
}

/// Removes link-only lists (and the block announcing them) when they are a minor part of the text.
pub fn drop_link_lists(blocks: &mut Vec<Block>, report: &mut Report) {
    let listed: usize = blocks
        .iter()
        .filter(|b| is_link_list(b))
        .map(block_chars)
        .sum();
    if listed == 0 {
        return;
    }
    let total: usize = blocks.iter().map(block_chars).sum();
    if listed as f64 > total as f64 * MAX_SHARE {
        return;
    }
    let mut i = 0;
    while i < blocks.len() {
        if is_link_list(&blocks[i]) {
            blocks.remove(i);
            report.count("related-links");
            if i > 0 && is_announcer(&blocks[i - 1]) {
                blocks.remove(i - 1);
                report.count("related-links");
                i -= 1;
            }
            continue;
        }
        i += 1;
    }
}

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

/// One link whose text is a title, not a URL (a list of URLs is a list of sources, kept as content).
fn is_lone_link(content: &[Inline]) -> bool {
    let mut links = 0;
    let mut stack: Vec<&Inline> = content.iter().collect();
    while let Some(i) = stack.pop() {
        match i {
            Inline::Link { content, .. } => {
                let text = plain_text(content);
                let text = text.trim_start();
                if text.starts_with("http") || text.starts_with("www.") {
                    return false;
                }
                links += 1;
            }
            Inline::Strong { content } | Inline::Emphasis { content } => {
                stack.extend(content.iter())
            }
            Inline::Text { text } if text.trim().is_empty() => {}
            _ => return false,
        }
    }
    links == 1
}

fn is_announcer(b: &Block) -> bool {
    let content = match b {
        Block::Heading { content, .. } | Block::Paragraph { content } => content,
        _ => return false,
    };
    // announcers are a few words: most blocks are refused before their text is gathered
    if text_bytes_capped(content, ANNOUNCER_MAX_BYTES) > ANNOUNCER_MAX_BYTES {
        return false;
    }
    let text = plain_text(content);
    let t = text
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase();
    ANNOUNCERS.contains(&t.as_str())
}

/// Longer than any announcer, with room for the spaces and colon around it.
const ANNOUNCER_MAX_BYTES: usize = 64;

fn block_chars(b: &Block) -> usize {
    let mut n = 0;
    crate::model::walk_inlines(std::slice::from_ref(b), &mut |i| {
        if let Inline::Text { text } = i {
            n += text.chars().filter(|c| !c.is_whitespace()).count();
        }
    });
    n
}
