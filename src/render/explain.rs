//! The explain page: one self-contained HTML page that shows the article as kept, each removal of
//! the audit trail greyed in the place it stood, labelled with the rule or mechanic that made it,
//! and a legend of the counts per name.
//!
//! The page loads nothing and runs nothing: the kept article is the sanitized HTML output with its
//! images shown as their descriptions (an image would be a request), removed text is escaped
//! here, the style sheet is inline, and a Content-Security-Policy forbids scripts and every fetch
//! besides, should anything slip through.

use std::fmt::Write as _;

use super::html::{self, HtmlOptions, escape};
use crate::audit::{Removal, RemovalKind};
use crate::model::{Block, Image, Inline};
use crate::post::Metadata;
use crate::report::Report;

const STYLE: &str = "\
body{font:16px/1.6 system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC','PingFang SC',sans-serif;\
color:#1d1d1f;max-width:46rem;margin:2rem auto;padding:0 1rem}\
h1.page{font-size:1.5rem;margin:0 0 .3rem}\
p.note{color:#555;margin:0 0 1rem;font-size:.9rem}\
table.legend{border-collapse:collapse;font-size:.85rem;margin:0 0 1.5rem}\
table.legend th,table.legend td{border:1px solid #ddd;padding:.15rem .6rem;text-align:left}\
table.legend td.n{text-align:right}\
main{border-top:2px solid #1d1d1f;padding-top:.5rem}\
.kept img{max-width:100%}\
.removed{color:#8a8a8a;background:#f4f4f4;border-left:4px solid #c9c9c9;margin:.5rem 0;\
padding:.25rem .6rem;font-size:.9rem}\
.removed.rule{border-left-color:#d9a0a0}\
.removed.mechanic{border-left-color:#9fb8d6}\
.removed .label{font:600 .75rem/1.4 ui-monospace,monospace;color:#fff;background:#999;\
border-radius:3px;padding:0 .35rem;margin-right:.4rem}\
.removed.rule .label{background:#b86b6b}\
.removed.mechanic .label{background:#6b8cb8}\
.removed .path{font:.75rem ui-monospace,monospace;color:#aaa}\
.removed .taken{margin:.15rem 0 0;white-space:pre-wrap}\
.removed ul{margin:.15rem 0 0;padding-left:1.2rem}\
.removed .cut{color:#b0b0b0}\
.image{color:#666;font-style:italic}\
";

/// The explain page of a post's blocks, metadata and report. The removals shown are the report's
/// audit trail ([`crate::Options::audit`]); without one, the page says so and shows the counts.
///
/// ```
/// use tidings::{Options, Post};
/// let input = "<p>Kept.</p><div id=\"dfp-ad-top\">Ad <script>alert(1)</script></div>";
/// let post = Post::parse_with(input, &Options::new().audit(true))?;
/// let page = tidings::render::explain::write(post.blocks(), post.metadata(), post.report());
/// assert!(page.contains("<span class=\"label\">ad-slot</span>"));
/// assert!(!page.contains("<script"));
/// # Ok::<(), tidings::Error>(())
/// ```
pub fn write(blocks: &[Block], metadata: &Metadata, report: &Report) -> String {
    let mut out = String::with_capacity(4096);
    let title = metadata.title.as_deref().unwrap_or("Untitled");
    out.push_str("<!DOCTYPE html>\n<html");
    if let Some(lang) = metadata.language.as_deref() {
        out.push_str(" lang=\"");
        escape(lang, &mut out);
        out.push('"');
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
    // nothing runs and nothing is fetched, whatever the page holds
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n",
    );
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
    escape(title, &mut out);
    out.push_str(" (explained)</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1 class=\"page\">");
    escape(title, &mut out);
    out.push_str("</h1>\n<p class=\"note\">");
    match &report.removals {
        Some(_) => out.push_str(
            "The article as tidings keeps it, with each removal greyed where it stood and \
             labelled with the rule or mechanic that made it.",
        ),
        None => out.push_str(
            "The article as tidings keeps it. It was read without an audit trail, so only the \
             counts of its removals are known.",
        ),
    }
    out.push_str("</p>\n");
    legend(report, &mut out);
    out.push_str("</header>\n<main>\n");
    let removals = report.removals.as_deref().unwrap_or_default();
    let mut next = 0;
    for (i, block) in blocks.iter().enumerate() {
        let end = next + removals[next..].partition_point(|r| r.block <= i);
        removed_here(&removals[next..end], &mut out);
        next = end;
        out.push_str("<div class=\"kept\">\n");
        out.push_str(&html::write(
            std::slice::from_ref(&without_images(block)),
            &HtmlOptions::new(),
        ));
        out.push_str("</div>\n");
    }
    removed_here(&removals[next..], &mut out);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The removals that stood at one place, in order; a run of tracking parameters taken from one
/// element is one box.
fn removed_here(removals: &[Removal], out: &mut String) {
    let mut k = 0;
    while k < removals.len() {
        let r = &removals[k];
        if r.name == TRACKING {
            let run = removals[k..]
                .iter()
                .take_while(|p| p.name == TRACKING && p.path == r.path)
                .count();
            let params: Vec<&str> = removals[k..k + run]
                .iter()
                .map(|p| p.text.as_str())
                .collect();
            let joined = Removal {
                text: params.join("  "),
                ..r.clone()
            };
            removal(&joined, out);
            k += run;
        } else {
            removal(r, out);
            k += 1;
        }
    }
}

const TRACKING: &str = crate::clean::mechanics::TRACKING_PARAMETER.name;

/// The counts per name, with each name's kind.
fn legend(report: &Report, out: &mut String) {
    if report.removed.is_empty() {
        out.push_str("<p class=\"note\">Nothing was removed.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"legend\">\n<tr><th>removed by</th><th>kind</th><th>count</th></tr>\n",
    );
    for (name, n) in &report.removed {
        let kind = RemovalKind::of(name).name();
        let _ = write!(out, "<tr class=\"{kind}\"><td>");
        escape(name, out);
        let _ = writeln!(out, "</td><td>{kind}</td><td class=\"n\">{n}</td></tr>");
    }
    out.push_str("</table>\n");
}

/// One removal, greyed and labelled. A mechanic's removal that took nothing a reader sees (a
/// `<br>`, a script) is left to the legend; a rule's is shown, empty, where it stood (an ad slot
/// whose script did not run).
fn removal(r: &Removal, out: &mut String) {
    let took_nothing = r.text.is_empty() && r.images.is_empty() && r.links.is_empty();
    if took_nothing && r.kind == RemovalKind::Mechanic {
        return;
    }
    let kind = r.kind.name();
    let _ = write!(out, "<div class=\"removed {kind}\"><span class=\"label\">");
    escape(&r.name, out);
    out.push_str("</span>");
    if !r.path.is_empty() {
        out.push_str("<span class=\"path\">");
        escape(&r.path, out);
        out.push_str("</span>");
    }
    if took_nothing {
        out.push_str("\n<div class=\"taken cut\">(an element with nothing in it to see)</div>");
    }
    if !r.text.is_empty() {
        out.push_str("\n<div class=\"taken\">");
        escape(&r.text, out);
        if let Some(tail) = &r.tail {
            let _ = write!(
                out,
                "<span class=\"cut\"> … ({} characters) … </span>",
                r.chars
            );
            escape(tail, out);
        }
        out.push_str("</div>");
    }
    if !r.images.is_empty() || !r.links.is_empty() {
        out.push_str("\n<ul>");
        for image in &r.images {
            out.push_str("<li>image: ");
            escape(&image_label(image), out);
            out.push_str("</li>");
        }
        for link in &r.links {
            out.push_str("<li>link: ");
            if !link.text.is_empty() {
                escape(&link.text, out);
                out.push_str(" → ");
            }
            escape(&link.url, out);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>\n");
}

/// An image as text: its alt text and its URL (written out, not loaded).
fn image_label(image: &Image) -> String {
    if image.alt.is_empty() {
        image.src.clone()
    } else {
        format!("{} ({})", image.alt, image.src)
    }
}

/// The block with each image written as its description, so that the page fetches nothing.
fn without_images(block: &Block) -> Block {
    let mut block = block.clone();
    // explicit stacks: lists and quotes nest as deep as the model lets them
    let mut blocks: Vec<&mut Block> = vec![&mut block];
    let mut inlines: Vec<&mut Inline> = Vec::new();
    while let Some(b) = blocks.pop() {
        if let Block::Figure { image, caption } = b {
            let mut content = vec![Inline::text(format!("[image: {}]", image_label(image)))];
            if !caption.is_empty() {
                content.push(Inline::LineBreak);
                content.append(caption);
            }
            *b = Block::Paragraph { content };
        }
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => {
                inlines.extend(content.iter_mut())
            }
            Block::Table { rows, .. } => inlines.extend(rows.iter_mut().flatten().flatten()),
            Block::List { items, .. } => blocks.extend(items.iter_mut().flatten()),
            Block::Quote { blocks: inner } => blocks.extend(inner.iter_mut()),
            _ => {}
        }
    }
    while let Some(i) = inlines.pop() {
        if let Inline::Image { image } = i {
            *i = Inline::text(format!("[image: {}]", image_label(image)));
        } else if let Some(children) = i.children_mut() {
            inlines.extend(children.iter_mut());
        }
    }
    block
}
