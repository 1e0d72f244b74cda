//! Messages a site's server printed into the page: PHP's warnings, notices and errors ("Warning:
//! Creating default object from empty value in /www/htdocs/…/classes.php on line 407"). They say
//! how the site was built, never what the article says, and no class marks them: PHP writes them
//! where the failing code ran, often inside the article's container.

use super::mechanics::SERVER_ERROR;
use crate::model::inlines::plain_text_cow;
use crate::model::{Block, Inline};
use crate::report::Report;

/// How PHP opens each kind of message.
const LEVELS: &[&str] = &[
    "Warning: ",
    "Notice: ",
    "Deprecated: ",
    "Strict Standards: ",
    "Fatal error: ",
    "Parse error: ",
    "Catchable fatal error: ",
];

/// Removes the paragraphs whose every line is such a message; returns where each stood (a page
/// keeps each block's element beside it). Runs before the boundary: they are not the article's
/// blocks, and its features should not weigh them.
pub(crate) fn drop_server_errors(blocks: &mut Vec<Block>, report: &mut Report) -> Vec<usize> {
    let mut gone = Vec::new();
    // one compaction pass, not a `remove` per message (quadratic on a page of thousands)
    let mut kept = 0;
    for i in 0..blocks.len() {
        if is_server_error(&blocks[i]) {
            report.take_block(SERVER_ERROR.name, kept, &blocks[i]);
            gone.push(i);
            continue;
        }
        blocks.swap(kept, i);
        kept += 1;
    }
    blocks.truncate(kept);
    gone
}

fn is_server_error(block: &Block) -> bool {
    let Block::Paragraph { content } = block else {
        return false;
    };
    // most paragraphs are told by their first word, without reading their text: PHP writes the
    // level in bold ("<b>Warning</b>: …")
    let first = content.iter().find_map(|i| match i {
        Inline::Text { text } => Some(text.trim_start()),
        Inline::Strong { content } | Inline::Emphasis { content } => match content.first() {
            Some(Inline::Text { text }) => Some(text.trim_start()),
            _ => None,
        },
        _ => None,
    });
    if !first.is_some_and(|t| LEVELS.iter().any(|l| t.starts_with(&l[..l.len() - 2]))) {
        return false;
    }
    let text = plain_text_cow(content);
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .all(is_message)
}

/// "Warning: … in /path/file.php on line 407"
fn is_message(line: &str) -> bool {
    let Some(rest) = LEVELS.iter().find_map(|l| line.strip_prefix(l)) else {
        return false;
    };
    let Some((place, number)) = rest.rsplit_once(" on line ") else {
        return false;
    };
    !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && place
            .rsplit_once(" in ")
            .is_some_and(|(_, file)| file.contains(".php") || file.contains(".inc"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_of_php() {
        assert!(is_message(
            "Warning: Creating default object from empty value in /www/htdocs/w1/wp-includes/classes.php on line 407"
        ));
        assert!(is_message(
            "Deprecated: preg_replace(): The /e modifier is deprecated in /srv/site/formatting.php on line 82"
        ));
        // the article's own warnings and notices
        assert!(!is_message(
            "Warning: the bridge is closed on line 4 of the tram network"
        ));
        assert!(!is_message("Notice: opening hours change in May"));
    }
}
