//! Whether an element goes before it is walked: SVG and MathML, content that is never text, the
//! rules' tags and tokens, and hidden elements, in that order. The first that applies counts it.

use super::super::mechanics;
use super::*;
use crate::model::inlines::trim_quick;
use crate::report::WarningKind;

/// A form with this much text (bytes) besides its controls holds content: one question of a quiz
/// with its options has this much, a search box or a sign-up form's labels far less.
const FORM_TEXT_BYTES: usize = 120;

/// A box of form controls holds at most this much text (bytes): a heading, a line on what the
/// reader gets and the consent line under the button, in English or in ideographs.
const CONTROL_BOX_TEXT_BYTES: usize = 400;

/// A sponsor's label line is at most this many bytes of text (sixty characters of three bytes,
/// with the space around them).
const SPONSOR_LABEL_MAX_BYTES: usize = 200;

/// Articles with less text than this (bytes) are too short for the guard to judge shares of.
pub(crate) const GUARD_MIN_BYTES: usize = 120;

/// Whether removing `bytes` of `total` would take most of the article: more than three quarters of
/// its text. Not a half: a spam comment thread under a short post can hold more text than the post
/// (the dev corpus has four, at 52-70%), while a rule that took an article's wrapper takes nearly
/// all of it.
pub(crate) fn takes_most(bytes: usize, total: usize) -> bool {
    bytes * 4 > total * 3
}

impl<'a> Walker<'a> {
    /// Drops the element, counted under what removed it, if anything does; tells whether it did.
    pub(super) fn drop_junk(
        &mut self,
        id: NodeId,
        tag: &str,
        attrs: &crate::dom::WalkedAttrs<'a>,
    ) -> bool {
        if self.dom.is_foreign(id) {
            if let Some(drop) = self.math_part(id, tag) {
                return drop;
            }
        }
        if matches!(tag, "form" | "label") && self.in_form_with_text(id, tag) {
            return false;
        }
        let rule = if self.dom.is_foreign(id) {
            self.rules.foreign()
        } else {
            None
        };
        let rule = rule.or_else(|| {
            self.element_rule_named(id, tag, attrs.class, attrs.id)
                .or_else(|| self.hidden_by(attrs))
        });
        let rule = match rule {
            Some(rule) => Some(rule),
            None => self
                .control_box(id, tag)
                .or_else(|| self.call_box(id, tag))
                .or_else(|| self.sponsor_box(id, tag)),
        };
        let Some(rule) = rule else { return false };
        if rule != mechanics::SCRIPT.name
            && !self.dom.is_foreign(id)
            && !self.guard_allows(id, rule)
        {
            return false;
        }
        // the <noscript> twin of a lazyload image holds the real <img>
        if tag == "noscript" {
            self.noscript_images(id);
        }
        self.report.count(rule);
        self.record_element(rule, id);
        true
    }

    /// MathML's part in the text: a formula is text, written as its TeX annotation when it has one,
    /// else as the text of its presentation markup; other annotations are markup, not text. `None`
    /// outside MathML (SVG goes by the rules). Dropping a formula's other rendering is no removal,
    /// so it is not counted.
    fn math_part(&self, id: NodeId, tag: &str) -> Option<bool> {
        let dom = self.dom;
        let mut math = id;
        while dom.tag(math) != Some("math") {
            let parent = dom.parent(math);
            if parent == math || !dom.is_foreign(parent) {
                return None;
            }
            math = parent;
        }
        if id == math {
            return Some(false);
        }
        let is_tex = |n: NodeId| {
            dom.tag(n) == Some("annotation")
                && dom
                    .attr(n, "encoding")
                    .is_some_and(|e| e.to_ascii_lowercase().contains("tex"))
        };
        match tag {
            "annotation" => Some(!is_tex(id)),
            "annotation-xml" => Some(true),
            _ if dom.tag(dom.parent(id)) == Some("semantics") => {
                Some(dom.descendants(math).any(is_tex))
            }
            _ => Some(false),
        }
    }

    /// Whether a `<form>` (or a `<label>` inside one) holds text of its own, beyond its controls:
    /// a quiz's options, a page that ASP.NET wrapped in one form. Such a form is walked, its
    /// controls dropped one by one; a search box or a sign-up field goes whole.
    fn in_form_with_text(&self, id: NodeId, tag: &str) -> bool {
        let dom = self.dom;
        let mut form = id;
        if tag == "label" {
            while dom.tag(form) != Some("form") {
                let parent = dom.parent(form);
                if parent == form {
                    return false;
                }
                form = parent;
            }
        }
        let mut n = 0;
        let mut stack: Vec<NodeId> = dom.children(form).to_vec();
        while let Some(c) = stack.pop() {
            if let Some(t) = dom.text(c) {
                n += t.trim().len();
                if n >= FORM_TEXT_BYTES {
                    return true;
                }
            } else if !dom.tag(c).is_some_and(|t| {
                mechanics::never_text(t)
                    || matches!(t, "button" | "select" | "textarea" | "option" | "nav")
            }) {
                stack.extend_from_slice(dom.children(c));
            }
        }
        false
    }

    /// The rule that removes form controls, when this element is a form in all but name: a box
    /// whose own children (or a field wrapper's) are a text field or a form without text of its
    /// own, beside a few words of its own ("Get our food coverage in your inbox", an address field,
    /// "Sign up", "By signing up you agree to our Terms"). Sites whose class names say nothing leave
    /// the words standing when only the controls go.
    fn control_box(&mut self, id: NodeId, tag: &str) -> Option<&'a str> {
        if !matches!(tag, "div" | "aside" | "section") {
            return None;
        }
        let dom = self.dom;
        if !*self.has_fields.get_or_insert_with(|| {
            (0..dom.node_count()).any(|d| matches!(dom.tag(d), Some("input" | "textarea" | "form")))
        }) {
            return None;
        }
        let is_field = |c: NodeId| match dom.tag(c) {
            Some("input") => !dom.attr(c, "type").is_some_and(|t| {
                !matches!(
                    t.to_ascii_lowercase().as_str(),
                    "text" | "email" | "search" | "tel" | "url"
                )
            }),
            Some("textarea") => true,
            Some("form") => !self.in_form_with_text(c, "form"),
            _ => false,
        };
        let has_field = dom.children(id).iter().any(|&c| {
            is_field(c)
                || matches!(dom.tag(c), Some("div" | "fieldset" | "span"))
                    && dom.children(c).iter().any(|&g| is_field(g))
        });
        // a list or a table beside a field is content the field serves: a recipe's ingredients
        // under its servings field, a table under its filter
        if !has_field {
            return None;
        }
        let bytes = text_bytes(dom, id);
        // a short article around a form is the article, not a box in it: no rule matched it, so
        // the guard has nothing to keep
        if bytes > CONTROL_BOX_TEXT_BYTES
            || self.guard.total_within(dom, bytes * 2).is_some()
            || dom
                .descendants(id)
                .any(|d| matches!(dom.tag(d), Some("ul" | "ol" | "table" | "dl")))
        {
            return None;
        }
        self.rules.element("input", None, None)
    }

    /// The banner rule that removes this element when it is a box around a call: a few short lines
    /// and a button-like link to a subscription, payment or app-store page ("Enjoying this article?
    /// / Subscribers get unlimited access … / [Start your free trial]"). The rules take the link;
    /// the lines that sell it stayed, on sites whose class names say nothing. The lines must hold
    /// a call's word themselves or ask the reader, so that a sentence of the article that happens
    /// to share a box with a button stays.
    fn call_box(&mut self, id: NodeId, tag: &str) -> Option<&'a str> {
        if !matches!(tag, "div" | "aside" | "section") {
            return None;
        }
        let dom = self.dom;
        let rules = self.rules;
        // the call in this box: a link right under the box, or alone in a line of its own; most
        // boxes hold none
        let call_label = |link: NodeId| {
            let to_banner = dom.tag(link) == Some("a")
                && dom
                    .attr(link, "href")
                    .is_some_and(|h| rules.banner_link(h).is_some());
            to_banner.then(|| button_label(dom, link)).flatten()
        };
        let (call, label) = dom.children(id).iter().copied().find_map(|c| {
            if dom.tag(c) == Some("a") {
                return call_label(c).map(|l| (c, l));
            }
            let mut elements = dom
                .children(c)
                .iter()
                .copied()
                .filter(|&g| dom.tag(g).is_some());
            let (Some(link), None) = (elements.next(), elements.next()) else {
                return None;
            };
            let label = call_label(link)?;
            (text_bytes(dom, c) == text_bytes(dom, link)).then_some((link, label))
        })?;
        let bytes = text_bytes(dom, id);
        let call_bytes = text_bytes(dom, call);
        if bytes > CONTROL_BOX_TEXT_BYTES
            || bytes <= call_bytes
            || self.guard.total_within(dom, bytes * 2).is_some()
            || dom
                .descendants(id)
                .any(|d| matches!(dom.tag(d), Some("ul" | "ol" | "table" | "dl")))
        {
            return None;
        }
        let lex = rules.shape()?;
        let mut pitch = String::new();
        let mut stack: Vec<NodeId> = dom.children(id).iter().rev().copied().collect();
        while let Some(c) = stack.pop() {
            if c == call {
                continue;
            }
            if let Some(t) = dom.text(c) {
                pitch.push_str(t);
                pitch.push(' ');
            } else if !dom.tag(c).is_some_and(mechanics::never_text) {
                stack.extend(dom.children(c).iter().rev());
            }
        }
        // a pitch that names no call is the button's when it is a line or two that ask the
        // reader ("Enjoying this article? Subscribers get unlimited access."); a sentence of the
        // article beside a lone "Subscribe" asks nothing
        let asks = pitch.contains(['?', '？'])
            && pitch.trim().chars().count() <= CALL_PITCH_MAX_CHARS
            && lex.has_cue(&label);
        if !asks && !lex.has_cue(&pitch) {
            return None;
        }
        dom.attr(call, "href").and_then(|h| rules.banner_link(h))
    }

    /// The name this element goes under when it is a sponsor's segment: a small box whose first
    /// line is a sponsor's label ("Together with Parkside Dental", see
    /// [`crate::clean::article::shape::Lexicon::sponsor_label`]), with the pitch and a link under
    /// it. Newsletters set one between their stories, on platforms whose class names say nothing.
    fn sponsor_box(&mut self, id: NodeId, tag: &str) -> Option<&'a str> {
        if !matches!(tag, "div" | "aside" | "section") {
            return None;
        }
        let dom = self.dom;
        let lex = self.rules.shape()?;
        // the first child with text is the label: every box is asked, so its text is read only
        // as far as a label can run
        let first = dom.children(id).iter().copied().find(|&c| {
            dom.text(c).is_none_or(|t| !t.trim_ascii().is_empty())
                && !dom.tag(c).is_some_and(mechanics::never_text)
        })?;
        // a label is an element of its own (a line in bold, a paragraph), and most boxes' first
        // lines are told by their first letter
        dom.tag(first)?;
        // down the first children to the first text, with no stack to allocate
        let mut at = first;
        let opening = loop {
            if let Some(t) = dom.text(at) {
                break t.trim_start().chars().next()?;
            }
            at = dom
                .children(at)
                .iter()
                .copied()
                .find(|&c| dom.text(c).is_none_or(|t| !t.trim_ascii().is_empty()))?;
        };
        if !lex.may_open_sponsor_label(opening) {
            return None;
        }
        let mut label = String::new();
        for d in dom.descendants(first) {
            if let Some(t) = dom.text(d) {
                label.push_str(t);
                if label.len() > SPONSOR_LABEL_MAX_BYTES {
                    return None;
                }
            }
        }
        if !lex.sponsor_label(&label) {
            return None;
        }
        let bytes = text_bytes(dom, id);
        let linked = dom
            .descendants(id)
            .any(|d| dom.tag(d) == Some("a") && dom.attr(d, "href").is_some());
        if !linked
            || bytes > CONTROL_BOX_TEXT_BYTES
            || bytes <= text_bytes(dom, first)
            || self.guard.total_within(dom, bytes * 2).is_some()
            || dom
                .descendants(id)
                .any(|d| matches!(dom.tag(d), Some("ul" | "ol" | "table" | "dl")))
        {
            return None;
        }
        Some(crate::clean::article::shape::SHAPE)
    }

    /// Whether a rule may remove this element: not when the rule is spared for this article, nor when
    /// the element holds most of the article's text (an ad class on the article's wrapper, a page
    /// inside one `<form>`), in which case the element is walked and a warning says why.
    fn guard_allows(&mut self, id: NodeId, rule: &'a str) -> bool {
        let bytes = text_bytes(self.dom, id);
        // a thread goes whatever its share, and weighs nothing in the rules' share together; but
        // not one that is the whole article (a letters page): then it is what the post is
        if bytes > GUARD_MIN_BYTES
            && self.rules.threads(rule)
            && !self.guard.leaves_nothing(self.dom, bytes)
            && super::kinds::reads_as_thread(self.dom, id)
        {
            return true;
        }
        if self.guard.spared.iter().any(|s| s == rule) {
            return false;
        }
        // the article under a misleading name: prose that is half the article stays too
        let keep = self.guard.takes_most(self.dom, bytes)
            || (self.guard.takes_half(self.dom, bytes)
                && super::kinds::reads_as_prose(self.dom, id));
        if keep {
            self.report.warn(
                WarningKind::KeptByGuard,
                format!(
                    "`{rule}` matched an element holding {bytes} of the article's {} bytes of \
                     text; it was kept",
                    self.guard.total(self.dom)
                ),
            );
            return false;
        }
        match self.guard.removed.iter_mut().find(|(r, _)| r == rule) {
            Some((_, n)) => *n += bytes,
            None => self.guard.removed.push((rule.to_string(), bytes)),
        }
        true
    }

    /// The name that removes an element by its tag, id and class, inside code blocks as well.
    pub(super) fn element_rule(
        &self,
        id: NodeId,
        tag: &str,
        class: Option<&str>,
    ) -> Option<&'a str> {
        self.element_rule_named(id, tag, class, self.dom.attr(id, "id"))
    }

    /// [`Walker::element_rule`] with the element's id already read.
    fn element_rule_named(
        &self,
        id: NodeId,
        tag: &str,
        class: Option<&str>,
        html_id: Option<&str>,
    ) -> Option<&'a str> {
        if mechanics::never_text(tag) {
            return Some(mechanics::SCRIPT.name);
        }
        let rule = self.rules.element(tag, html_id, class);
        // an id made from the section's own heading (`sharing-with-a-team` over "Sharing with a
        // team") is an anchor, not a name the site gave the element: only its classes count
        if rule.is_some() && html_id.is_some_and(|h| is_heading_anchor(self.dom, id, h)) {
            return self.rules.element(tag, None, class);
        }
        rule
    }

    fn hidden_by(&self, attrs: &crate::dom::WalkedAttrs<'_>) -> Option<&'a str> {
        if let Some(rule) = self.rules.hidden() {
            if attrs.hidden || attrs.style.is_some_and(hides) {
                return Some(rule);
            }
        }
        attrs.class.and_then(|c| self.rules.hidden_class(c))
    }
}

/// The text of a call's link, when it reads as a button's label (see
/// [`super::super::promo::is_button_label`]).
fn button_label(dom: &Dom, link: NodeId) -> Option<String> {
    let label: String = dom.descendants(link).filter_map(|d| dom.text(d)).collect();
    let trimmed = label.trim();
    (!trimmed.is_empty() && super::super::promo::is_button_label(trimmed)).then_some(label)
}

/// The lines beside a call whose words name none are this long at most (characters): a question
/// and a sentence on what the reader gets.
const CALL_PITCH_MAX_CHARS: usize = 160;

/// Whether `html_id` is the slug of the heading that opens the element: its first element child,
/// a heading whose words, lower case and joined by `-`, are the id.
fn is_heading_anchor(dom: &Dom, id: NodeId, html_id: &str) -> bool {
    let Some(&first) = dom.children(id).iter().find(|&&c| dom.tag(c).is_some()) else {
        return false;
    };
    if !matches!(
        dom.tag(first),
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")
    ) {
        return false;
    }
    let mut slug = String::new();
    for text in dom.descendants(first).filter_map(|d| dom.text(d)) {
        for c in text.chars() {
            if c.is_alphanumeric() {
                slug.extend(c.to_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    // two words at least: a one-word id (`share`) is as likely a name as an anchor
    slug.contains('-') && slug.eq_ignore_ascii_case(html_id.trim())
}

/// Whether an inline style hides the element (`display: none`, `visibility: hidden`), read
/// declaration by declaration without allocating.
pub(crate) fn hides(style: &str) -> bool {
    // read by bytes (`;`, `:`, `!` and white space are ASCII), where `str`'s searches set up a
    // `char` pattern for every declaration of every element with a style
    let mut start = 0;
    style.as_bytes().split(|&b| b == b';').any(|d| {
        let decl = &style[start..start + d.len()];
        start += d.len() + 1;
        let Some(colon) = memchr::memchr(b':', d) else {
            return false;
        };
        let (prop, value) = (trim_quick(&decl[..colon]), trim_quick(&decl[colon + 1..]));
        // `none !important` and `none!important` alike
        let end = value
            .bytes()
            .position(|b| b.is_ascii_whitespace() || b == b'!')
            .unwrap_or(value.len());
        let value = &value[..end];
        (prop.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (prop.eq_ignore_ascii_case("visibility") && value.eq_ignore_ascii_case("hidden"))
    })
}

#[cfg(test)]
mod tests {
    use super::hides;

    #[test]
    fn inline_styles_that_hide() {
        for style in [
            "display:none",
            "color: red; DISPLAY : None !important",
            "visibility:hidden;",
        ] {
            assert!(hides(style), "{style}");
        }
        for style in ["display:block", "color:none", "", "display"] {
            assert!(!hides(style), "{style}");
        }
    }

    /// [`hides`] as it was written with `str`'s splitting, before it read the style's bytes.
    fn hides_by_str(style: &str) -> bool {
        style.split(';').any(|decl| {
            let Some((prop, value)) = decl.split_once(':') else {
                return false;
            };
            let (prop, value) = (prop.trim(), value.trim());
            let value = value
                .split(|c: char| c.is_ascii_whitespace() || c == '!')
                .next()
                .unwrap_or("");
            (prop.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
                || (prop.eq_ignore_ascii_case("visibility") && value.eq_ignore_ascii_case("hidden"))
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Read by its bytes, a style hides as it did read by `str`'s splitting.
        #[test]
        fn a_style_read_by_bytes_hides_as_before(
            style in "((display|DISPLAY|visibility|color|none|None|hidden|[:;! \t\n]|\u{a0}|\u{3000}|\u{2028}|中)){0,12}",
        ) {
            proptest::prop_assert_eq!(hides(&style), hides_by_str(&style), "{:?}", style);
        }
    }
}
