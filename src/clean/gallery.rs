//! A gallery's counters printed as text: "Image 2 of 8", "Bild 3 von 12", "Foto 4/9", "3 / 8",
//! "第2张/共8张", standing as a line of their own or closing a caption. They say where a slideshow's
//! viewer stands, which means nothing once the slideshow is text; the caption stays.
//!
//! A whole slideshow printed as a list, each slide opening with its counter ("1/50 …" to "50/50
//! …"), is a gallery embedded in the page ("Business news in pictures"): inside an article that
//! stands without it, it goes whole. Where the article has little prose of its own, the slideshow is
//! the article (a photo essay) and stays.

use super::mechanics::{GALLERY_COUNTER, SLIDESHOW};
use crate::audit::{Place, Taken};
use crate::model::inlines::{plain_text_cow, text_bytes_capped};
use crate::model::{Block, Inline};
use crate::report::Report;

/// The longest counter line (bytes): a word, two numbers and a word between them.
const COUNTER_MAX_BYTES: usize = 40;

/// What may name the picture before its number.
const NOUNS: &[&str] = &[
    "image", "images", "photo", "photos", "picture", "slide", "bild", "foto", "fotos", "imagen",
    "immagine", "zdjęcie",
];

/// What stands between the number and the count.
const OF: &[&str] = &["of", "von", "de", "sur", "di", "z", "/", "aus"];

/// The fewest slides a list of counted slides needs to be taken for a slideshow.
const MIN_SLIDES: usize = 3;

/// The prose an article needs outside a slideshow to stand without it: paragraphs that end a
/// sentence, and their characters together.
const STANDING_PARAGRAPHS: usize = 3;
const STANDING_CHARS: usize = 400;

/// Removes lists that are a slideshow's slides, each opening with its counter, when the article
/// stands without them.
pub(crate) fn drop_slideshows(blocks: &mut Vec<Block>, report: &mut Report) {
    let slideshow: Vec<bool> = blocks.iter().map(is_slideshow).collect();
    if !slideshow.contains(&true) {
        return;
    }
    let (mut paragraphs, mut chars) = (0, 0);
    for (b, _) in blocks.iter().zip(&slideshow).filter(|(_, s)| !**s) {
        if let Block::Paragraph { content } = b {
            let text = plain_text_cow(content);
            let text = text.trim();
            if text.ends_with(['.', '!', '?', '"', '”', '。', '！', '？']) {
                paragraphs += 1;
                chars += text.chars().count();
            }
        }
    }
    if paragraphs < STANDING_PARAGRAPHS || chars < STANDING_CHARS {
        return;
    }
    // the heading right above a slideshow is its title ("Business news in pictures"): heading and
    // list go together
    let gone: Vec<bool> = (0..blocks.len())
        .map(|i| {
            slideshow[i]
                || matches!(blocks[i], Block::Heading { .. })
                    && slideshow.get(i + 1).copied().unwrap_or(false)
        })
        .collect();
    let mut kept = 0;
    for (i, gone) in gone.into_iter().enumerate() {
        if gone {
            report.take_block(SLIDESHOW.name, kept, &blocks[i]);
            continue;
        }
        blocks.swap(kept, i);
        kept += 1;
    }
    blocks.truncate(kept);
}

/// A list of at least [`MIN_SLIDES`] items whose item `k` opens with the counter "k/N" (or "k of
/// N", "Image k of N"), N being the number of items.
fn is_slideshow(b: &Block) -> bool {
    let Block::List { items, .. } = b else {
        return false;
    };
    let n = items.len();
    n >= MIN_SLIDES
        && items.iter().enumerate().all(|(k, item)| {
            let first = match item.first() {
                Some(Block::Paragraph { content } | Block::Heading { content, .. }) => content,
                _ => return false,
            };
            let text = plain_text_cow(first);
            let words: Vec<&str> = text.split_whitespace().take(4).collect();
            (1..=words.len()).any(|w| {
                // "Image 1 of 3: Pier"
                let head = words[..w].join(" ");
                counter(head.trim_end_matches([':', '.', ','])) == Some((k as u32 + 1, n as u32))
            })
        })
}

/// Removes paragraphs that are only a counter, and a counter closing a caption.
pub(crate) fn drop_counters(blocks: &mut Vec<Block>, report: &mut Report) {
    let mut kept = 0;
    for i in 0..blocks.len() {
        let gone = match &mut blocks[i] {
            Block::Paragraph { content } => is_counter_paragraph(content),
            Block::Figure { caption, .. } => {
                if let Some(counter) = strip_counter(caption) {
                    report.count(GALLERY_COUNTER.name);
                    if let Some(r) = report.recorder() {
                        // the block stands at `kept` once the ones before it that went are gone
                        let path = r.path_of(kept);
                        r.push(
                            GALLERY_COUNTER.name,
                            Place::Inside(kept),
                            path,
                            Taken::text(counter),
                        );
                    }
                }
                false
            }
            _ => false,
        };
        if gone {
            report.take_block(GALLERY_COUNTER.name, kept, &blocks[i]);
            continue;
        }
        blocks.swap(kept, i);
        kept += 1;
    }
    blocks.truncate(kept);
}

fn is_counter_paragraph(content: &[Inline]) -> bool {
    text_bytes_capped(content, COUNTER_MAX_BYTES) <= COUNTER_MAX_BYTES
        && content.iter().all(|i| matches!(i, Inline::Text { .. }))
        && is_counter(plain_text_cow(content).trim())
}

/// Removes a counter that closes a caption's text ("Waves break over the wall. Image 1 of 8");
/// returns what went.
fn strip_counter(caption: &mut [Inline]) -> Option<String> {
    let Some(Inline::Text { text }) = caption.last_mut() else {
        return None;
    };
    // the counter is the last few words: try the shortest tail that reads as one
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    for n in 1..=words.len().min(4) {
        let (at, _) = words[words.len() - n];
        // a caption's own text must stay before it, ended as a sentence or a phrase
        let before = text[..at].trim_end();
        if before.is_empty() || !before.ends_with(['.', '!', '?', ')', '|', '–', '-']) {
            continue;
        }
        if is_counter(text[at..].trim()) {
            let keep = before.trim_end_matches(['|', '–', '-']).trim_end().len();
            let gone = text[keep..].trim().to_string();
            text.truncate(keep);
            return Some(gone);
        }
    }
    None
}

/// "Image 2 of 8", "Bild 3 von 12", "Foto 4/9", "3 / 8", "(2/8)", "第2张/共8张".
fn is_counter(line: &str) -> bool {
    counter(line).is_some()
}

/// The picture's number and the count of a counter (see [`is_counter`]).
fn counter(line: &str) -> Option<(u32, u32)> {
    let line = line
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']']);
    if let Some(rest) = line.strip_prefix('第') {
        // 第2张/共8张, 第2页/共8页 is a pager: pictures only
        let (n, rest) = rest.split_once(['张', '張'])?;
        let m = rest
            .trim_start_matches(['/', '／', ' '])
            .strip_prefix('共')
            .and_then(|r| r.strip_suffix(['张', '張']))
            .filter(|m| is_number(m))?;
        return is_number(n).then(|| Some((n.parse().ok()?, m.parse().ok()?)))?;
    }
    // the picture's number and the count are ASCII digits (what `u32::from_str` reads): most lines
    // hold none, and are not copied and lowercased to find that out
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // spaces around a slash are optional: "4/9" is three tokens as "4 / 9" is
    let spaced = line.replace('/', " / ");
    let mut words = spaced.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|w| NOUNS.contains(&w.to_lowercase().as_str()))
    {
        words.next();
    }
    let (Some(n), Some(of), Some(m), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return None;
    };
    let (Ok(n), Ok(m)) = (n.parse::<u32>(), m.parse::<u32>()) else {
        return None;
    };
    (OF.contains(&of.to_lowercase().as_str()) && (1..=m).contains(&n) && (2..=500).contains(&m))
        .then_some((n, m))
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters() {
        for c in [
            "Image 2 of 8",
            "Bild 3 von 12",
            "Foto 4/9",
            "3 / 8",
            "(2/8)",
            "第2张/共8张",
        ] {
            assert!(is_counter(c), "{c}");
        }
        // a score, a date, a ratio in the news, a page count of a pager
        for c in [
            "3 of 4 voters",
            "Chapter 2 of the report",
            "24/7",
            "9 / 3",
            "1 / 1",
            "第2页/共8页",
        ] {
            assert!(!is_counter(c), "{c}");
        }
    }

    fn list(items: &[&str]) -> Block {
        Block::List {
            start: None,
            numbering: Default::default(),
            items: items
                .iter()
                .map(|t| {
                    vec![Block::Paragraph {
                        content: vec![Inline::text(*t)],
                    }]
                })
                .collect(),
        }
    }

    #[test]
    fn a_slideshow_counts_its_items_in_order() {
        assert!(is_slideshow(&list(&[
            "1/3 Pier",
            "2/3 Airline",
            "3/3 Bakery"
        ])));
        assert!(is_slideshow(&list(&[
            "Image 1 of 3: a",
            "Image 2 of 3: b",
            "Image 3 of 3 c"
        ])));
        // a recipe's fractions, a count that is not the list's, numbers out of order, too few
        assert!(!is_slideshow(&list(&[
            "1/2 tsp salt",
            "1/8 tsp pepper",
            "1/2 cup milk"
        ])));
        assert!(!is_slideshow(&list(&["1/4 a", "2/4 b", "3/4 c"])));
        assert!(!is_slideshow(&list(&["2/3 a", "1/3 b", "3/3 c"])));
        assert!(!is_slideshow(&list(&["1/2 a", "2/2 b"])));
    }

    #[test]
    fn a_counter_closing_a_caption_goes_and_the_caption_stays() {
        let mut caption = vec![Inline::text(
            "Waves break over the harbour wall. Image 1 of 8",
        )];
        assert_eq!(strip_counter(&mut caption).as_deref(), Some("Image 1 of 8"));
        assert_eq!(
            caption,
            vec![Inline::text("Waves break over the harbour wall.")]
        );
        let mut caption = vec![Inline::text("The ferry left at 3 / 8 capacity")];
        assert_eq!(strip_counter(&mut caption), None);
    }
}
