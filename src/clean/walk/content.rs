//! Elements that carry content of their own: links, images, code.

use super::super::mechanics::{self, Variant};
use super::super::{images, links};
use super::*;
use crate::model::inlines::collapse_spaces;

/// More letters than this around an element make its parent running text, not a label for a list.
const PROSE_MIN_CHARS: usize = 16;

impl Walker<'_> {
    pub(super) fn link(&mut self, id: NodeId, work: &mut Vec<Work>) {
        if let Some(rule) = self.dom.attr(id, "rel").and_then(|r| self.rules.rel(r)) {
            // a tag link inside a sentence is a word of the sentence: only the link goes
            if self.in_prose(id) {
                self.report.count(rule);
                self.push_children(id, work);
                return;
            }
            self.report.count(rule);
            return;
        }
        let href = self.dom.attr(id, "href");
        let url = href.and_then(|h| self.clean_url(h));
        if let Some(u) = &url {
            if let Some(rule) = self.rules.banner_link(u) {
                if !self.has_text(id) {
                    self.report.count(rule);
                    return;
                }
            }
        }
        if href.is_some()
            && url.is_none()
            && href.is_some_and(|h| !h.trim().starts_with('#') && !h.trim().is_empty())
        {
            self.report.count(mechanics::UNSAFE_LINK.name);
        }
        let nested = self
            .frames
            .iter()
            .any(|f| matches!(f.kind, FrameKind::Link { .. }));
        match url {
            Some(url) if !nested => {
                let title = self
                    .dom
                    .attr(id, "title")
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from);
                self.open(FrameKind::Link { url, title }, id, work);
            }
            _ => self.push_children(id, work),
        }
    }

    /// Whether the element stands in running text: its parent holds words of its own besides the
    /// element's siblings (a label such as "Tags:" and the commas of a list are not prose).
    pub(super) fn in_prose(&self, id: NodeId) -> bool {
        let parent = self.dom.parent(id);
        let words: usize = self
            .dom
            .children(parent)
            .iter()
            .filter_map(|&c| self.dom.text(c))
            .map(|t| t.chars().filter(|c| c.is_alphanumeric()).count())
            .sum();
        words > PROSE_MIN_CHARS
    }

    /// Whether the subtree holds any non-whitespace text.
    pub(super) fn has_text(&self, id: NodeId) -> bool {
        self.dom.descendants(id).any(|d| {
            self.dom
                .text(d)
                .is_some_and(|t| t.chars().any(|c| !c.is_whitespace()))
        })
    }

    pub(super) fn clean_url(&mut self, raw: &str) -> Option<String> {
        let (cleaned, tracking) = links::clean_url(raw, self.base)?;
        self.report
            .count_n(mechanics::TRACKING_PARAMETER.name, tracking);
        Some(cleaned)
    }

    pub(super) fn image(&mut self, id: NodeId) {
        let dom = self.dom;
        match dom.attr(id, "class").and_then(mechanics::variant) {
            Some(Variant::Desktop) => self.saw_desktop_variant = true,
            Some(Variant::Mobile) if self.saw_desktop_variant => {
                self.report.count(mechanics::RESPONSIVE_DUPLICATE.name);
                return;
            }
            _ => {}
        }
        let src = match images::real_src(|n| dom.attr(id, n)) {
            Ok(src) => src,
            Err(why) => {
                self.report.count(why.name);
                return;
            }
        };
        let Some(src) = self.clean_url(src) else {
            self.report.count(mechanics::IMAGE_WITHOUT_SOURCE.name);
            return;
        };
        if let Some(rule) = self.rules.image(&src) {
            self.report.count(rule);
            return;
        }
        if !self
            .seen_images
            .insert(links::without_query(&src).to_string())
        {
            self.report.count(mechanics::DUPLICATE_IMAGE.name);
            return;
        }
        let text = |n: &str| {
            dom.attr(id, n)
                .map(collapse_spaces)
                .filter(|t| !t.is_empty())
        };
        let image = Image {
            src,
            alt: text("alt").unwrap_or_default(),
            title: text("title"),
        };
        self.top().inlines.push(Inline::Image { image });
    }

    /// A `<noscript>` twin of a lazyload image holds the real `<img>`: keep it unless it was seen.
    pub(super) fn noscript_images(&mut self, id: NodeId) {
        let imgs: Vec<NodeId> = self
            .dom
            .descendants(id)
            .filter(|&d| self.dom.tag(d) == Some("img"))
            .collect();
        for img in imgs {
            self.image(img);
        }
    }

    pub(super) fn inline_code(&mut self, id: NodeId) {
        let raw = self.raw_text(id);
        let text = collapse_spaces(&raw);
        if text.is_empty() {
            return;
        }
        self.resolve_pending(text.chars().next());
        self.flow.last = text.chars().last();
        // adjacent code spans would run their backtick fences together in Markdown
        match self.top().inlines.last_mut() {
            Some(Inline::Code { text: prev }) => prev.push_str(&text),
            _ => self.top().inlines.push(Inline::Code { text }),
        }
    }

    pub(super) fn code_block(&mut self, id: NodeId) {
        let raw = self.raw_text(id);
        let text = raw.trim_end().trim_start_matches(['\n', '\r']).to_string();
        if text.trim().is_empty() {
            return;
        }
        if self.in_inline() {
            self.line_break();
            self.top().inlines.push(Inline::Code {
                text: collapse_spaces(&text),
            });
            self.line_break();
            return;
        }
        let language = [Some(id)]
            .into_iter()
            .chain(
                self.dom
                    .descendants(id)
                    .filter(|&d| self.dom.tag(d) == Some("code"))
                    .take(1)
                    .map(Some),
            )
            .flatten()
            .filter_map(|n| self.dom.attr(n, "class"))
            .flat_map(str::split_ascii_whitespace)
            .find_map(|c| {
                c.strip_prefix("language-")
                    .or_else(|| c.strip_prefix("lang-"))
            })
            .map(String::from);
        self.block_boundary();
        self.top().blocks.push(Block::Code { language, text });
    }

    /// Text of a subtree as written, `<br>` as a newline, junk elements left out.
    pub(super) fn raw_text(&mut self, id: NodeId) -> String {
        let mut out = String::new();
        let mut stack: Vec<NodeId> = self.dom.children(id).iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            if let Some(t) = self.dom.text(n) {
                out.push_str(t);
            } else if let Some(tag) = self.dom.tag(n) {
                if tag == "br" {
                    out.push('\n');
                } else if let Some(rule) = self.element_rule(n, tag, self.dom.attr(n, "class")) {
                    self.report.count(rule);
                } else {
                    stack.extend(self.dom.children(n).iter().rev().copied());
                }
            }
        }
        out
    }
}
