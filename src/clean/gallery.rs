//! A gallery's counters printed as text: "Image 2 of 8", "Bild 3 von 12", "Foto 4/9", "3 / 8",
//! "第2张/共8张", standing as a line of their own or closing a caption. They say where a slideshow's
//! viewer stands, which means nothing once the slideshow is text; the caption stays.

use super::mechanics::GALLERY_COUNTER;
use crate::audit::{Place, Taken};
use crate::model::inlines::{plain_text, text_bytes_capped};
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
        && is_counter(plain_text(content).trim())
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
    let line = line
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']']);
    if let Some(rest) = line.strip_prefix('第') {
        // 第2张/共8张, 第2页/共8页 is a pager: pictures only
        return rest.split_once(['张', '張']).is_some_and(|(n, rest)| {
            is_number(n)
                && rest
                    .trim_start_matches(['/', '／', ' '])
                    .strip_prefix('共')
                    .and_then(|r| r.strip_suffix(['张', '張']))
                    .is_some_and(is_number)
        });
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
        return false;
    };
    let (Ok(n), Ok(m)) = (n.parse::<u32>(), m.parse::<u32>()) else {
        return false;
    };
    OF.contains(&of.to_lowercase().as_str()) && (1..=m).contains(&n) && (2..=500).contains(&m)
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
