//! Elements that carry content of their own: links, images, code.

use super::super::mechanics::{self, Variant};
use super::super::media::{self, MediaKind};
use super::super::{images, links};
use super::*;
use crate::model::inlines::collapse_spaces;

/// More letters than this around an element make its parent running text, not a label for a list.
const PROSE_MIN_CHARS: usize = 16;

/// What an inline image counts as in the whitespace flow: an object, never joined to CJK text by a
/// vanishing segment break.
const IMAGE_CHAR: char = '\u{FFFC}';

/// How many wrapper elements the twin-image check climbs out of.
const TWIN_DEPTH: usize = 4;

impl Walker<'_> {
    pub(super) fn link(&mut self, id: NodeId, work: &mut Vec<Work>) {
        if let Some(rule) = self.dom.attr(id, "rel").and_then(|r| self.rules.rel(r)) {
            // a tag link inside a sentence is a word of the sentence: only the link goes
            if self.in_prose(id) {
                self.report.count(rule);
                self.record(rule, id, |w| {
                    let mut taken = Taken::element(w.dom, id, w.base);
                    taken.text.clear();
                    taken
                });
                self.push_children(id, work);
                return;
            }
            self.report.count(rule);
            self.record_element(rule, id);
            return;
        }
        let href = self.dom.attr(id, "href");
        if let Some(hex) = href.and_then(links::protected_email) {
            self.protected_email(id, hex, work);
            return;
        }
        let url = href.and_then(|h| self.clean_url(h, id));
        // a banner is a link without text: most links have some, found at their first child,
        // before their URL is searched for each of the rules' banner targets
        if let Some(u) = url.as_deref().filter(|_| !self.has_text(id)) {
            if let Some(rule) = self.rules.banner_link(u) {
                self.report.count(rule);
                self.record_element(rule, id);
                return;
            }
        }
        if href.is_some()
            && url.is_none()
            && href.is_some_and(|h| !h.trim().starts_with('#') && !h.trim().is_empty())
        {
            self.report.count(mechanics::UNSAFE_LINK.name);
            self.record(mechanics::UNSAFE_LINK.name, id, |_| Taken::nothing());
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

    /// A link to Cloudflare's e-mail protection: a `mailto:` link to the address it hides, its
    /// text the address where it was only the placeholder (`[email protected]`); the link goes, and
    /// its readable text stays, when the address does not decode.
    fn protected_email(&mut self, id: NodeId, hex: &str, work: &mut Vec<Work>) {
        let Some(address) = links::decode_cf_email(hex) else {
            if !self.is_email_placeholder(id) {
                self.push_children(id, work);
            }
            return;
        };
        let url = format!("mailto:{address}");
        if self.is_email_placeholder(id) {
            self.resolve_pending(address.chars().next());
            self.flow.last = address.chars().last();
            self.top().inlines.push(Inline::Link {
                url,
                title: None,
                content: vec![Inline::text(address)],
            });
        } else {
            self.open(FrameKind::Link { url, title: None }, id, work);
        }
    }

    /// Whether the element's text is nothing but Cloudflare's placeholder for a hidden address, or
    /// holds an element carrying the address itself (`data-cfemail`).
    fn is_email_placeholder(&self, id: NodeId) -> bool {
        let text: String = self
            .dom
            .descendants(id)
            .filter_map(|d| self.dom.text(d))
            .collect();
        let t = text.trim().trim_matches(['[', ']']).to_ascii_lowercase();
        let words: Vec<&str> = t.split_whitespace().collect();
        words == ["email", "protected"]
            || self
                .dom
                .descendants(id)
                .any(|d| self.dom.attr(d, "data-cfemail").is_some())
    }

    /// An element carrying a Cloudflare-hidden address (`<span data-cfemail>`) outside a
    /// protection link: the address, as text. Whether it was one that decodes.
    pub(super) fn cf_email_text(&mut self, id: NodeId) -> bool {
        let Some(address) = self
            .dom
            .attr(id, "data-cfemail")
            .and_then(links::decode_cf_email)
        else {
            return false;
        };
        self.resolve_pending(address.chars().next());
        self.flow.last = address.chars().last();
        crate::model::inlines::append_text(&mut self.top().inlines, &address);
        true
    }

    /// Whether the element stands in running text: its parent holds words of its own besides the
    /// element's siblings (a label such as "Tags:" and the commas of a list are not prose).
    pub(super) fn in_prose(&mut self, id: NodeId) -> bool {
        let parent = self.dom.parent(id);
        // the answer is the parent's: kept for the next sibling that asks, or a paragraph of many
        // tag links would read its whole text once per link
        if let Some((p, prose)) = self.prose {
            if p == parent {
                return prose;
            }
        }
        let words: usize = self
            .dom
            .children(parent)
            .iter()
            .filter_map(|&c| self.dom.text(c))
            .map(|t| t.chars().filter(|c| c.is_alphanumeric()).count())
            .sum();
        let prose = words > PROSE_MIN_CHARS;
        self.prose = Some((parent, prose));
        prose
    }

    /// Whether the subtree holds any non-whitespace text.
    pub(super) fn has_text(&self, id: NodeId) -> bool {
        self.dom.descendants(id).any(|d| {
            self.dom
                .text(d)
                .is_some_and(|t| t.chars().any(|c| !c.is_whitespace()))
        })
    }

    /// The URL `raw` (an attribute of element `id`) resolved and without its tracking parameters,
    /// which are counted; `None` for a URL that could run code.
    pub(super) fn clean_url(&mut self, raw: &str, id: NodeId) -> Option<String> {
        let (cleaned, tracking) = links::clean_url(raw, self.base)?;
        self.report
            .count_n(mechanics::TRACKING_PARAMETER.name, tracking);
        if tracking > 0 && self.report.recorder.is_some() {
            for param in links::tracking_params(raw) {
                self.record(mechanics::TRACKING_PARAMETER.name, id, |_| {
                    Taken::text(param)
                });
            }
        }
        Some(cleaned)
    }

    pub(super) fn image(&mut self, id: NodeId) {
        let dom = self.dom;
        match dom.attr(id, "class").and_then(mechanics::variant) {
            Some(Variant::Desktop) => self.saw_desktop_variant = true,
            Some(Variant::Mobile) if self.saw_desktop_variant => {
                self.report.count(mechanics::RESPONSIVE_DUPLICATE.name);
                self.record_element(mechanics::RESPONSIVE_DUPLICATE.name, id);
                return;
            }
            _ => {}
        }
        let src = match images::real_src(images::attrs_of(dom, id)) {
            Ok(src) => src,
            Err(why) => {
                self.report.count(why.name);
                self.record_element(why.name, id);
                return;
            }
        };
        let Some(src) = self.clean_url(src, id) else {
            self.report.count(mechanics::IMAGE_WITHOUT_SOURCE.name);
            self.record_element(mechanics::IMAGE_WITHOUT_SOURCE.name, id);
            return;
        };
        if let Some(rule) = self.rules.image(&src) {
            self.report.count(rule);
            self.record_element(rule, id);
            return;
        }
        // an emoji drawn as an image is the character the author wrote, in every output
        if let Some(alt) = dom.attr(id, "alt").filter(|a| images::is_emoji_text(a)) {
            let alt = alt.trim();
            self.resolve_pending(alt.chars().next());
            self.flow.emptied = None;
            let frame = self.frames.len() - 1;
            self.push_run(alt, frame, alt.len());
            return;
        }
        // only a real twin goes: the same URL again in a <noscript> copy, or right beside itself (a
        // lazy and a plain copy, two copies for two screens); a URL that differs in anything, or
        // the same picture used again further on, is the author's
        // (a <noscript> copy of the lazy image before it may be served at another size: the same
        // file is enough there)
        let previous = self.previous_image(id);
        let twin = if self.in_noscript(id) {
            self.seen_images.contains(&src)
                || previous.is_some_and(|p| links::without_query(&p) == links::without_query(&src))
        } else if images::is_emoticon(|n| dom.attr(id, n)) {
            // an author's run of emoticons: no twin, however alike
            false
        } else {
            previous.is_some_and(|p| p == src) || self.kept_beside(&src)
        };
        if twin {
            self.report.count(mechanics::DUPLICATE_IMAGE.name);
            self.record_element(mechanics::DUPLICATE_IMAGE.name, id);
            return;
        }
        self.seen_images.insert(src.clone());
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
        // an image stands in the text as a character does: a space before it is written before
        // it, and one after it is kept (at the start of a block it would be leading whitespace)
        self.resolve_pending(Some(IMAGE_CHAR));
        self.flow.last = Some(IMAGE_CHAR);
        self.flow.emptied = None;
        self.top().inlines.push(Inline::Image { image });
    }

    /// A player that stays as a link: an `<iframe>`, `<embed>` or `<object>` of a known video or
    /// audio platform (by the rule data's URL shapes) links to the platform's page, and a
    /// `<video>` or `<audio>` with a source links to the file, after its poster image. Whether the
    /// element was taken care of here; other embeds go on to the rules (the `embed` rule drops them).
    pub(super) fn media(&mut self, id: NodeId, tag: &str) -> bool {
        let dom = self.dom;
        let attr = |n: &str| dom.attr(id, n).map(str::trim).filter(|v| !v.is_empty());
        let nested_link = self
            .frames
            .iter()
            .any(|f| matches!(f.kind, FrameKind::Link { .. }));
        if nested_link || attr("hidden").is_some() {
            return false;
        }
        let title = attr("title")
            .or_else(|| attr("aria-label"))
            .map(collapse_spaces);
        match tag {
            "iframe" | "embed" | "object" => {
                // a lazyloaded frame holds a blank page (or nothing) in `src` until a script moves
                // its `data-src` there
                let web = |s: &str| {
                    links::clean_url(s, self.base).filter(|(u, _)| {
                        let l = u.to_ascii_lowercase();
                        l.starts_with("http://") || l.starts_with("https://") || l.starts_with("//")
                    })
                };
                let lazy = ["data-src", "data-lazy-src"]
                    .into_iter()
                    .find_map(|n| attr(n).and_then(web));
                let src = attr("src").and_then(web);
                let Some(src) = src
                    .clone()
                    .or_else(|| lazy.clone())
                    .or_else(|| attr("data").and_then(|s| links::clean_url(s, self.base)))
                else {
                    return false;
                };
                let Some(embed) = media::recognise(self.rules.media(), &src.0) else {
                    // a lazyloaded chart or dashboard: the link an embed of a known platform gets
                    if tag == "iframe" && src.0 == lazy.map(|l| l.0).unwrap_or_default() {
                        let Some((url, _)) = links::clean_url(&src.0, None) else {
                            return false;
                        };
                        let host = Url::parse(&url).ok().and_then(|u| {
                            u.host_str()
                                .map(|h| h.trim_start_matches("www.").to_string())
                        });
                        let Some(label) = title.or(host) else {
                            return false;
                        };
                        self.media_link(MediaKind::Embed, &label, url);
                        return true;
                    }
                    return false;
                };
                let Some((url, _)) = links::clean_url(&embed.url, None) else {
                    return false;
                };
                let label = title.unwrap_or_else(|| embed.platform.name.clone());
                self.media_link(embed.platform.kind, &label, url);
                true
            }
            // a fallback that links to the file already says where it is: it stays as written
            "video" | "audio"
                if dom
                    .descendants(id)
                    .any(|d| dom.tag(d) == Some("a") && dom.attr(d, "href").is_some()) =>
            {
                false
            }
            "video" | "audio" => {
                let kind = if tag == "video" {
                    MediaKind::Video
                } else {
                    MediaKind::Audio
                };
                let source = std::iter::once(id)
                    .chain(
                        dom.descendants(id)
                            .filter(|&d| dom.tag(d) == Some("source")),
                    )
                    .find_map(|n| {
                        dom.attr(n, "src")
                            .and_then(|s| links::clean_url(s, self.base))
                    });
                let Some((url, _)) = source else {
                    return false;
                };
                if let Some(poster) = attr("poster").and_then(|p| self.clean_url(p, id)) {
                    let image = Image {
                        src: poster,
                        alt: title.clone().unwrap_or_default(),
                        title: None,
                    };
                    self.top().inlines.push(Inline::Image { image });
                }
                // untitled, the file is named by its name
                let file = url.split(['?', '#']).next().unwrap_or("");
                let file = file.rsplit('/').next().filter(|f| !f.is_empty());
                let label = title
                    .or_else(|| file.map(String::from))
                    .unwrap_or_else(|| kind.label().to_lowercase());
                self.media_link(kind, &label, url);
                true
            }
            _ => false,
        }
    }

    /// `[Video: label](url)` on a line of its own.
    fn media_link(&mut self, kind: MediaKind, label: &str, url: String) {
        let link = kind.link(label, url);
        // a line of its own (a paragraph, or a line of the heading or emphasis it stands in)
        self.block_boundary();
        self.top().inlines.push(link);
        self.block_boundary();
    }

    /// `<li>`s with no list around them, as browsers show them: a run of them is one list, opened
    /// at the first (the others of the run, entered again from their parent, are skipped).
    pub(super) fn orphan_items(&mut self, id: NodeId, work: &mut Vec<Work>) {
        let dom = self.dom;
        let parent = dom.parent(id);
        let siblings = dom.children(parent);
        // where the item stands, known without searching: a run of many items asks for each
        let at = dom.position(id);
        if siblings.get(at) != Some(&id) {
            return;
        }
        let blank = |c: NodeId| dom.text(c).is_some_and(|t| t.trim().is_empty());
        let is_li = |c: NodeId| dom.tag(c) == Some("li");
        if siblings[..at]
            .iter()
            .rev()
            .find(|&&c| !blank(c))
            .is_some_and(|&c| is_li(c))
        {
            return;
        }
        let run: Vec<NodeId> = siblings[at..]
            .iter()
            .copied()
            .take_while(|&c| blank(c) || is_li(c))
            .filter(|&c| is_li(c))
            .collect();
        self.block_boundary();
        let items = Vec::new();
        let kind = FrameKind::List {
            start: None,
            numbering: Numbering::Decimal,
            items,
            lead: Vec::new(),
        };
        self.frames.push(Frame::new(kind));
        work.push(Work::Close);
        work.extend(run.into_iter().rev().map(Work::Enter));
    }

    /// Whether an inline element is a caption or a credit by its class (`image-credit`,
    /// `wp-caption-text`, `copyright`): pages style these as blocks of their own, so the text is not
    /// glued to the sentence before it ("…Kartellbehörden.Foto: …").
    pub(super) fn is_credit(&self, id: NodeId) -> bool {
        self.dom.attr(id, "class").is_some_and(|class| {
            ["caption", "credit", "copyright"]
                .iter()
                .any(|w| contains_ignore_case(class, w))
        })
    }

    /// A caption's children, without the screen-reader label it may open with: a short element
    /// of its own ending in a comma ("Image caption,", "图像加注文字，") ahead of the caption's
    /// text, which the page's stylesheet hides (counted under the rule that removes hidden
    /// elements, and kept when that rule is not in force, as a browser without the stylesheet
    /// shows it).
    pub(super) fn push_caption_children(&mut self, id: NodeId, work: &mut Vec<Work>) {
        let dom = self.dom;
        let children = dom.children(id);
        let blank = |c: NodeId| dom.text(c).is_some_and(|t| t.trim().is_empty());
        let label = self.rules.hidden().and_then(|rule| {
            let at = children.iter().position(|&c| !blank(c))?;
            let first = children[at];
            dom.tag(first)?;
            // a label is short: read no more of the element than one could hold
            let mut text = String::new();
            for t in dom.descendants(first).filter_map(|d| dom.text(d)) {
                text.push_str(t);
                if text.len() > 128 {
                    return None;
                }
            }
            let text = text.trim();
            // a label names what follows: two words at least ("Image caption,"), or four CJK
            // characters ("图像来源，"); a caption that opens "Left," is text
            let n = text.chars().count();
            let words = text.split_whitespace().count();
            let cjk = text.chars().filter(|&c| crate::cjk::is_cjk(c)).count();
            let short = n <= 24 && (words >= 2 || cjk >= 4);
            let comma = text.ends_with(',') || text.ends_with('，');
            let more = children[at + 1..]
                .iter()
                .any(|&c| !blank(c) && (dom.text(c).is_some() || text_bytes(dom, c) > 0));
            (short && comma && more).then_some((first, rule))
        });
        match label {
            Some((skip, rule)) => {
                self.report.count(rule);
                self.record_element(rule, skip);
                work.extend(
                    children
                        .iter()
                        .rev()
                        .filter(|&&c| c != skip)
                        .map(|&c| Work::Enter(c)),
                );
            }
            None => self.push_children(id, work),
        }
    }

    /// Whether the element stands inside a `<noscript>`.
    fn in_noscript(&self, id: NodeId) -> bool {
        let mut cur = id;
        for _ in 0..TWIN_DEPTH {
            let parent = self.dom.parent(cur);
            if parent == cur {
                return false;
            }
            if self.dom.tag(parent) == Some("noscript") {
                return true;
            }
            cur = parent;
        }
        false
    }

    /// The URL of the image that stands right before this one, nothing but whitespace between:
    /// the image an element sibling is or holds alone, climbing out of wrappers (`<a>`, `<picture>`,
    /// `<noscript>`) that hold nothing but this image.
    fn previous_image(&self, id: NodeId) -> Option<String> {
        let dom = self.dom;
        let mut cur = id;
        for _ in 0..TWIN_DEPTH {
            let parent = dom.parent(cur);
            if parent == cur {
                return None;
            }
            let siblings = dom.children(parent);
            // where it stands, known without searching: a paragraph of many images asks for each
            let at = dom.position(cur);
            if siblings.get(at) != Some(&cur) {
                return None;
            }
            let blank = |c: NodeId| dom.text(c).is_some_and(|t| t.trim().is_empty());
            match siblings[..at].iter().rev().find(|&&c| !blank(c)) {
                Some(&prev) if dom.tag(prev).is_some() => return self.lone_image_src(prev),
                Some(_) => return None,
                None => {
                    // the first thing in its parent: the parent's neighbour counts, unless the
                    // parent holds more than this
                    let alone = siblings[at + 1..].iter().all(|&c| blank(c));
                    if !alone || dom.tag(parent).is_some_and(is_block_tag) {
                        return None;
                    }
                    cur = parent;
                }
            }
        }
        None
    }

    /// Whether the last thing kept in the open frame (whitespace aside) is an image of `src`: the
    /// same copy beside itself once what stood between was removed (an empty wrapper, a script),
    /// as the sanitized HTML, read again, has it.
    fn kept_beside(&mut self, src: &str) -> bool {
        let inlines = &self.top().inlines;
        let last = inlines.iter().rev().find(
            |i| !matches!(i, Inline::Text { text } if crate::model::inlines::is_blank_text(text)),
        );
        matches!(last, Some(Inline::Image { image }) if image.src == src)
    }

    /// The cleaned URL of the one image an element is or holds, when it holds no text.
    fn lone_image_src(&self, el: NodeId) -> Option<String> {
        let dom = self.dom;
        let mut imgs = std::iter::once(el)
            .chain(dom.descendants(el))
            .filter(|&d| dom.tag(d) == Some("img"));
        let img = imgs.next()?;
        if imgs.next().is_some() || self.has_text(el) {
            return None;
        }
        let src = images::real_src(images::attrs_of(dom, img)).ok()?;
        links::clean_url(src, self.base).map(|(u, _)| u)
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
        if crate::model::inlines::is_blank_text(&text) {
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
                    self.record_element(rule, n);
                } else {
                    stack.extend(self.dom.children(n).iter().rev().copied());
                }
            }
        }
        out
    }
}

/// Whether `hay` holds `needle` (ASCII lower case), ignoring ASCII case, without allocating.
fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}
