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
pub fn blocks(blocks: &[Block], markers: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    for b in blocks {
        let s = block(b, markers);
        if !s.is_empty() {
            parts.push(s);
        }
    }
    parts.join("\n\n")
}

fn block(b: &Block, markers: bool) -> String {
    match b {
        Block::Heading { content, .. } => inlines(content).replace('\n', " "),
        Block::Paragraph { content } => inlines(content),
        Block::List { start, items } => {
            let mut out = Vec::new();
            for (n, item) in items.iter().enumerate() {
                let marker = match start {
                    _ if !markers => String::new(),
                    Some(s) => format!("{}. ", s + n as u64),
                    None => "- ".to_string(),
                };
                let indent = " ".repeat(marker.chars().count());
                let body = blocks(item, markers);
                let mut lines = String::new();
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
        Block::Quote { blocks: inner } => blocks(inner, markers)
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
                    let rest = if space { rest[1..].to_string() } else { rest };
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
