//! Plain text: the title, then the blocks separated by one blank line. No markup, no URLs: what a
//! reader sees. List items carry `- ` or `1. `, table cells are separated by tabs, quotes are
//! indented, and images leave only their captions.

use unicode_width::UnicodeWidthChar;

use crate::Post;
use crate::clean::whitespace::is_cjk;
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
    let body = blocks(post.blocks());
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

/// Blocks as text, separated by blank lines, without a final newline.
pub fn blocks(blocks: &[Block]) -> String {
    blocks_at(blocks, 0)
}

/// Lists and quotes nested deeper than this are written flat (see [`flat`]): the indented layout
/// recurses once per level and re-indents every line at every level, so past this depth it would
/// cost quadratic time and, with a raised `Limits::max_depth`, overflow the stack.
const MAX_INDENTED_DEPTH: usize = 64;

fn blocks_at(blocks: &[Block], depth: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    for b in blocks {
        let s = block(b, depth);
        if !s.is_empty() {
            parts.push(s);
        }
    }
    parts.join("\n\n")
}

fn block(b: &Block, depth: usize) -> String {
    match b {
        Block::List { .. } | Block::Quote { .. } if depth >= MAX_INDENTED_DEPTH => flat(b),
        Block::Heading { content, .. } => inlines(content).replace('\n', " "),
        Block::Paragraph { content } => inlines(content),
        Block::List { start, items } => {
            let mut out = Vec::new();
            for (n, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(s) => format!("{}. ", s + n as u64),
                    None => "- ".to_string(),
                };
                let indent = " ".repeat(marker.chars().count());
                let body = blocks_at(item, depth + 1);
                // an item with nothing readable still has its marker, as in the Markdown
                let mut lines = if body.is_empty() {
                    marker.trim_end().to_string()
                } else {
                    String::new()
                };
                for (k, line) in body.lines().enumerate() {
                    if k > 0 {
                        lines.push('\n');
                    }
                    if k == 0 {
                        lines.push_str(&marker);
                    } else if !line.is_empty() {
                        lines.push_str(&indent);
                    }
                    lines.push_str(line);
                }
                out.push(lines);
            }
            out.join("\n")
        }
        Block::Quote { blocks: inner } => blocks_at(inner, depth + 1)
            .lines()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("    {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
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
        Block::Rule => String::new(),
    }
}

/// A deep list or quote without indentation, one line per leaf block, iteratively: the same
/// characters as the indented layout (list markers included), whitespace aside.
fn flat(b: &Block) -> String {
    enum Work<'a> {
        Block(&'a Block),
        Marker(String),
    }
    let mut out = String::new();
    let mut push_line = |line: &str| {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    };
    let mut marker: Option<String> = None;
    let mut work = vec![Work::Block(b)];
    while let Some(w) = work.pop() {
        match w {
            Work::Marker(m) => {
                if let Some(prev) = marker.replace(m) {
                    push_line(prev.trim_end());
                }
            }
            Work::Block(Block::List { start, items }) => {
                for (n, item) in items.iter().enumerate().rev() {
                    work.extend(item.iter().rev().map(Work::Block));
                    work.push(Work::Marker(match start {
                        Some(s) => format!("{}. ", s + n as u64),
                        None => "- ".to_string(),
                    }));
                }
            }
            Work::Block(Block::Quote { blocks: inner }) => {
                work.extend(inner.iter().rev().map(Work::Block))
            }
            Work::Block(leaf) => {
                let s = block(leaf, 0);
                if !s.is_empty() {
                    push_line(&format!("{}{s}", marker.take().unwrap_or_default()));
                }
            }
        }
    }
    if let Some(m) = marker {
        push_line(m.trim_end());
    }
    out
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
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => stack.extend(content.iter().rev()),
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
