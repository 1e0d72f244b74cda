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
            b.link_rel(Some("noopener noreferrer"));
            b
        })
        .clean(&raw)
        .to_string()
}

/// Blocks as HTML, one block a line (not yet sanitized).
pub fn blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        block(b, &mut out);
    }
    out
}

fn block(b: &Block, out: &mut String) {
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
            for item in items {
                out.push_str("<li>");
                if let [Block::Paragraph { content }] = item.as_slice() {
                    inlines(content, out);
                } else {
                    out.push('\n');
                    out.push_str(&blocks(item));
                }
                out.push_str("</li>\n");
            }
            out.push_str(if start.is_some() {
                "</ol>\n"
            } else {
                "</ul>\n"
            });
        }
        Block::Quote { blocks: inner } => {
            out.push_str("<blockquote>\n");
            out.push_str(&blocks(inner));
            out.push_str("</blockquote>\n");
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

fn inlines(content: &[Inline], out: &mut String) {
    for i in content {
        match i {
            Inline::Text { text } => escape(text, out),
            Inline::Code { text } => {
                out.push_str("<code>");
                escape(text, out);
                out.push_str("</code>");
            }
            Inline::LineBreak => out.push_str("<br>"),
            Inline::Emphasis { content } => wrap("em", content, out),
            Inline::Strong { content } => wrap("strong", content, out),
            Inline::Strikethrough { content } => wrap("del", content, out),
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
                out.push('>');
                inlines(content, out);
                out.push_str("</a>");
            }
            Inline::Image { image } => img(image, out),
        }
    }
}

fn wrap(tag: &str, content: &[Inline], out: &mut String) {
    out.push_str(&format!("<{tag}>"));
    inlines(content, out);
    out.push_str(&format!("</{tag}>"));
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
