//! HTML for republishing: written from the model, then passed through ammonia so that nothing
//! executable can get through even if a rule above were wrong. ammonia's defaults keep SVG, MathML
//! and `style` out.

use std::sync::OnceLock;

use crate::Post;
use crate::model::{Block, Image, Inline};

/// The clean body as sanitized HTML.
pub fn render(post: &Post) -> String {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let raw = blocks(post.blocks());
    SANITIZER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.link_rel(Some("noopener noreferrer"))
                // the code block's `language-*` class; without it the HTML would not convert back to
                // the same Markdown fence. A class cannot execute, and the value is escaped.
                .add_tag_attributes("code", &["class"]);
            b
        })
        .clean(&raw)
        .to_string()
}

/// Blocks as HTML, one block a line (not yet sanitized).
///
/// Written with an explicit stack rather than recursion: the model is as deep as the input allows
/// (`Limits::max_depth` may be raised far past what the call stack can hold).
pub fn blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut work: Vec<Work<'_>> = blocks.iter().rev().map(Work::Block).collect();
    while let Some(w) = work.pop() {
        match w {
            Work::Close(s) => out.push_str(s),
            Work::Inlines(content) => inlines(content, &mut out),
            Work::Block(b) => block(b, &mut out, &mut work),
        }
    }
    out
}

/// A pending piece of output; pushed in reverse so that it pops in document order.
enum Work<'a> {
    Block(&'a Block),
    Inlines(&'a [Inline]),
    Close(&'static str),
}

fn block<'a>(b: &'a Block, out: &mut String, work: &mut Vec<Work<'a>>) {
    match b {
        Block::Heading { level, content } => {
            let l = (*level).clamp(1, 6);
            out.push_str(&format!("<h{l}>"));
            inlines(content, out);
            out.push_str(&format!("</h{l}>\n"));
        }
        Block::Paragraph { content } => {
            out.push_str("<p>");
            inlines(content, out);
            out.push_str("</p>\n");
        }
        Block::List { start, items } => {
            match start {
                Some(1) => out.push_str("<ol>\n"),
                Some(s) => out.push_str(&format!("<ol start=\"{s}\">\n")),
                None => out.push_str("<ul>\n"),
            }
            work.push(Work::Close(if start.is_some() {
                "</ol>\n"
            } else {
                "</ul>\n"
            }));
            for item in items.iter().rev() {
                work.push(Work::Close("</li>\n"));
                if let [Block::Paragraph { content }] = item.as_slice() {
                    work.push(Work::Inlines(content));
                    work.push(Work::Close("<li>"));
                } else {
                    work.extend(item.iter().rev().map(Work::Block));
                    work.push(Work::Close("<li>\n"));
                }
            }
        }
        Block::Quote { blocks: inner } => {
            out.push_str("<blockquote>\n");
            work.push(Work::Close("</blockquote>\n"));
            work.extend(inner.iter().rev().map(Work::Block));
        }
        Block::Code { language, text } => {
            out.push_str("<pre><code");
            if let Some(l) = language {
                out.push_str(" class=\"language-");
                escape(l, out);
                out.push('"');
            }
            out.push('>');
            escape(text, out);
            out.push_str("</code></pre>\n");
        }
        Block::Figure { image, caption } => {
            out.push_str("<figure>");
            img(image, out);
            if !caption.is_empty() {
                out.push_str("<figcaption>");
                inlines(caption, out);
                out.push_str("</figcaption>");
            }
            out.push_str("</figure>\n");
        }
        Block::Table { header, rows } => {
            out.push_str("<table>\n");
            for (r, row) in rows.iter().enumerate() {
                let cell = if r == 0 && *header { "th" } else { "td" };
                out.push_str("<tr>");
                for c in row {
                    out.push_str(&format!("<{cell}>"));
                    inlines(c, out);
                    out.push_str(&format!("</{cell}>"));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
        Block::Rule => out.push_str("<hr>\n"),
    }
}

/// Inline content, with an explicit stack for the same reason as [`blocks`].
fn inlines(content: &[Inline], out: &mut String) {
    enum Step<'a> {
        Inline(&'a Inline),
        Close(&'static str),
    }
    let mut stack: Vec<Step<'_>> = content.iter().rev().map(Step::Inline).collect();
    while let Some(step) = stack.pop() {
        let i = match step {
            Step::Close(s) => {
                out.push_str(s);
                continue;
            }
            Step::Inline(i) => i,
        };
        let (open, close, inner): (&str, &'static str, &[Inline]) = match i {
            Inline::Text { text } => {
                escape(text, out);
                continue;
            }
            Inline::Code { text } => {
                out.push_str("<code>");
                escape(text, out);
                out.push_str("</code>");
                continue;
            }
            Inline::LineBreak => {
                out.push_str("<br>");
                continue;
            }
            Inline::Image { image } => {
                img(image, out);
                continue;
            }
            Inline::Emphasis { content } => ("<em>", "</em>", content),
            Inline::Strong { content } => ("<strong>", "</strong>", content),
            Inline::Strikethrough { content } => ("<del>", "</del>", content),
            Inline::Link {
                url,
                title,
                content,
            } => {
                out.push_str("<a href=\"");
                escape(url, out);
                out.push('"');
                if let Some(t) = title {
                    out.push_str(" title=\"");
                    escape(t, out);
                    out.push('"');
                }
                ("", "</a>", content)
            }
        };
        out.push_str(if open.is_empty() { ">" } else { open });
        stack.push(Step::Close(close));
        stack.extend(inner.iter().rev().map(Step::Inline));
    }
}

fn img(image: &Image, out: &mut String) {
    out.push_str("<img src=\"");
    escape(&image.src, out);
    out.push_str("\" alt=\"");
    escape(&image.alt, out);
    out.push('"');
    if let Some(t) = &image.title {
        out.push_str(" title=\"");
        escape(t, out);
        out.push('"');
    }
    out.push('>');
}

/// Escapes text and attribute values alike.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}
