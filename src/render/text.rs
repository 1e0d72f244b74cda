//! Plain text: the title, then the blocks separated by one blank line. No markup, no URLs: what a
//! reader sees. List items carry `- ` or `1. `, table cells are separated by tabs, quotes are
//! indented, and images leave only their captions.

use unicode_width::UnicodeWidthChar;

use crate::Post;
use crate::cjk::is_cjk;
use crate::model::{Block, Inline};

/// The post as plain text.
pub fn render(post: &Post) -> String {
    let mut parts: Vec<String> = Vec::new();
    if post.options().title_in_text {
        if let Some(t) = post
            .metadata()
            .title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
        {
            parts.push(t.trim().to_string());
        }
    }
    let body = blocks(post.blocks(), post.options().list_markers);
    if !body.is_empty() {
        parts.push(body);
    }
    let mut out = parts.join("\n\n");
    if let Some(width) = post.options().text_width {
        out = wrap(&out, width);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Blocks as text, separated by blank lines, without a final newline; list items get `- ` or `1. `
/// when `markers` is true.
///
/// Lists and quotes are walked with an explicit stack and written as line prefixes (indentation),
/// so nesting depth never becomes call depth and nested text is not copied once per level.
pub fn blocks(blocks: &[Block], markers: bool) -> String {
    let mut w = Lines::default();
    let mut stack: Vec<Step<'_>> = vec![Step::Blocks(blocks.iter())];
    while let Some(step) = stack.last_mut() {
        match step {
            Step::Blocks(iter) => match iter.next() {
                None => {
                    stack.pop();
                }
                Some(Block::Quote { blocks: inner }) => {
                    let restore = w.prefix.len();
                    w.prefix.push_str(QUOTE_INDENT);
                    if let Some(m) = &mut w.marker {
                        m.push_str(QUOTE_INDENT);
                    }
                    stack.push(Step::Restore(restore));
                    stack.push(Step::Blocks(inner.iter()));
                }
                Some(Block::List { start, items }) => stack.push(Step::Items {
                    items: items.iter(),
                    number: *start,
                    first: true,
                }),
                Some(leaf) => {
                    let text = leaf_text(leaf);
                    if !text.is_empty() {
                        w.separate();
                        w.lines(&text);
                    }
                }
            },
            Step::Items {
                items,
                number,
                first,
            } => match items.next() {
                None => {
                    stack.pop();
                }
                Some(item) => {
                    // items of one list follow each other line by line
                    if !*first && w.marker.is_none() {
                        w.line_only = true;
                    }
                    *first = false;
                    let marker = match number {
                        _ if !markers => String::new(),
                        Some(n) => format!("{n}. "),
                        None => "- ".to_string(),
                    };
                    if let Some(n) = number {
                        *n += 1;
                    }
                    let base = w.marker.take().unwrap_or_else(|| w.prefix.clone());
                    w.marker = Some(format!("{base}{marker}"));
                    let restore = w.prefix.len();
                    w.prefix
                        .extend(std::iter::repeat_n(' ', marker.chars().count()));
                    stack.push(Step::Restore(restore));
                    stack.push(Step::Blocks(item.iter()));
                }
            },
            Step::Restore(len) => {
                let len = *len;
                stack.pop();
                // an item with nothing readable still has its marker, as in the Markdown
                if let Some(m) = w.marker.take() {
                    let m = m.trim_end().to_string();
                    if !m.is_empty() {
                        w.separate();
                        w.out.push_str(&m);
                    }
                }
                w.prefix.truncate(len);
            }
        }
    }
    w.out
}

/// What a quote indents its lines by.
const QUOTE_INDENT: &str = "    ";

/// One step of the block walk.
enum Step<'a> {
    Blocks(std::slice::Iter<'a, Block>),
    Items {
        items: std::slice::Iter<'a, Vec<Block>>,
        number: Option<u64>,
        first: bool,
    },
    /// Ends a container: its prefix goes.
    Restore(usize),
}

/// Writes lines under the indentation of the containers they stand in.
#[derive(Default)]
struct Lines {
    out: String,
    prefix: String,
    /// The prefix of an item's first line, which carries its marker.
    marker: Option<String>,
    /// The next block starts on the next line rather than after a blank line (a list item after
    /// its sibling).
    line_only: bool,
}

impl Lines {
    /// Ends the previous block: a blank line, or a line break between list items.
    fn separate(&mut self) {
        let line_only = std::mem::take(&mut self.line_only);
        if !self.out.is_empty() {
            self.out.push_str(if line_only { "\n" } else { "\n\n" });
        }
    }

    fn lines(&mut self, text: &str) {
        for (k, line) in text.lines().enumerate() {
            if k > 0 {
                self.out.push('\n');
            }
            match self.marker.take() {
                Some(m) => self.out.push_str(&m),
                None if line.is_empty() => {}
                None => self.out.push_str(&self.prefix),
            }
            self.out.push_str(line);
        }
    }
}

/// A block that holds no other blocks, as text.
fn leaf_text(b: &Block) -> String {
    match b {
        Block::Heading { content, .. } => inlines(content).replace('\n', " "),
        Block::Paragraph { content } => inlines(content),
        Block::Code { text, .. } => text.clone(),
        Block::Figure { caption, .. } => inlines(caption),
        Block::Table { rows, .. } => rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| inlines(c).replace('\n', " "))
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Rule | Block::List { .. } | Block::Quote { .. } => String::new(),
    }
}

/// Inline content as text: emphasis dropped, links as their text, images as nothing.
pub fn inlines(content: &[Inline]) -> String {
    let mut out = String::new();
    let mut stack: Vec<&Inline> = content.iter().rev().collect();
    while let Some(i) = stack.pop() {
        match i {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::LineBreak => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\n');
            }
            Inline::Image { .. } => {}
            i => stack.extend(i.children().iter().rev()),
        }
    }
    // text around an image that left nothing behind
    out.lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Greedy wrapping at `width` columns: breaks at spaces, or between two characters of which one is
/// CJK (where no space is needed), never inside a run of other letters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width.max(1));
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut col = 0usize;
        let mut line_start = out.len();
        // last place a break may go: byte offset in `out` and whether it replaces a space
        let mut last_break: Option<(usize, bool)> = None;
        let mut prev: Option<char> = None;
        for c in line.chars() {
            let w = c.width().unwrap_or(0);
            if let Some(p) = prev {
                if c == ' ' {
                    last_break = Some((out.len(), true));
                } else if p != ' ' && (is_cjk(p) || is_cjk(c)) && !is_closing(c) && !is_opening(p) {
                    last_break = Some((out.len(), false));
                }
            }
            if col + w > width && col > 0 {
                if let Some((at, space)) = last_break.take() {
                    let rest = out.split_off(at);
                    // the break may be the space being written now, not yet in `out`
                    let rest = match rest.strip_prefix(' ') {
                        Some(r) if space => r.to_string(),
                        _ => rest,
                    };
                    out.push('\n');
                    line_start = out.len();
                    out.push_str(&rest);
                    col = rest.chars().map(|c| c.width().unwrap_or(0)).sum();
                }
            }
            if c == ' ' && out.len() == line_start {
                prev = Some(c);
                continue;
            }
            out.push(c);
            col += w;
            prev = Some(c);
        }
    }
    out
}

/// CJK punctuation that must not start a line (kinsoku).
fn is_closing(c: char) -> bool {
    "，。、；：？！）」』】》〉”’…·,.;:?!)]".contains(c)
}

/// Punctuation that must not end a line.
fn is_opening(c: char) -> bool {
    "（「『【《〈“‘([".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_without_spaces_in_cjk() {
        let w = wrap("我遇到了一位老朋友，我们聊了很久。", 10);
        assert!(!w.contains(' '));
        for line in w.lines() {
            assert!(
                line.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>() <= 10,
                "{line}"
            );
        }
        assert_eq!(w.replace('\n', ""), "我遇到了一位老朋友，我们聊了很久。");
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
    }
}
