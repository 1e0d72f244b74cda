//! A tag row written as text: a paragraph made only of hashtags ("#天气 #出行提示", "#OSINT #tools").
//! Channels and social posts end (or open, or separate their items) with one; it names topics for
//! the platform's search, as a blog's tag links do, and says nothing the article does. Counted under
//! the rule with `hashtags: true` (the built-in `taxonomy`).

use crate::model::inlines::{plain_text_cow, text_bytes_capped};
use crate::model::{Block, Inline};
use crate::report::Report;

/// The longest tag row (bytes): a few tags, not a paragraph that happens to hold some.
const ROW_MAX_BYTES: usize = 300;

/// Removes the paragraphs whose every word is a hashtag, keeping the order of the rest.
pub(crate) fn drop_rows(blocks: &mut Vec<Block>, rule: &str, report: &mut Report) {
    if !blocks.iter().any(is_row) {
        return;
    }
    report.take_blocks_where(rule, blocks, |_, b| is_row(b));
}

/// A paragraph of text (and links) only, every word of which is a hashtag: `#`, then a letter, and
/// no second `#` ("#1" is a rank, "C#" a language, "##" a Markdown heading written out).
fn is_row(b: &Block) -> bool {
    let Block::Paragraph { content } = b else {
        return false;
    };
    // most paragraphs are told by their first character, before any text is gathered
    if !crate::model::inlines::first_char(content).is_some_and(|c| matches!(c, '#' | '＃'))
        || text_bytes_capped(content, ROW_MAX_BYTES) > ROW_MAX_BYTES
        || content.iter().any(|i| {
            !matches!(
                i,
                Inline::Text { .. } | Inline::Link { .. } | Inline::LineBreak
            )
        })
    {
        return false;
    }
    let text = plain_text_cow(content);
    let mut words = text.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            w.strip_prefix(['#', '＃']).is_some_and(|tag| {
                tag.chars().next().is_some_and(char::is_alphabetic) && !tag.contains(['#', '＃'])
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::text(t)],
        }
    }

    #[test]
    fn rows_of_hashtags_only() {
        for t in [
            "#天气 #出行提示",
            "#OSINT #tools #tips",
            "#MeToo",
            "＃东莞 ＃开工",
        ] {
            assert!(is_row(&para(t)), "{t}");
        }
        for t in [
            "#1 on the charts",
            "C# and F# are languages",
            "## not a heading",
            "Tags: #a #b",
            "#天气 今天有雨",
            "",
        ] {
            assert!(!is_row(&para(t)), "{t}");
        }
    }

    #[test]
    fn rows_go_and_the_rest_keeps_its_order() {
        let mut blocks = vec![para("#a #b"), para("Text one."), para("#c"), para("Two.")];
        let mut report = Report::default();
        drop_rows(&mut blocks, "taxonomy", &mut report);
        assert_eq!(blocks, vec![para("Text one."), para("Two.")]);
        assert_eq!(report.removed.get("taxonomy"), Some(&2));
    }
}
