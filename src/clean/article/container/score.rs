//! Which part of a whole page is the article: containers scored by the text they hold.
//!
//! A page's article is the element whose paragraphs hold the most prose: long text with commas, few
//! links, under a class or id that says `content` or `article` rather than `nav` or `footer`. Each
//! paragraph scores for its parent, less for its grandparent and less again further up, so that the
//! element that gathers the most prose wins over a wrapper that gathers the chrome too; siblings that
//! score like the winner (an article split in two columns, a lead paragraph outside the body) join it.
//! This is Readability's method, in the terms of the cleaner: the walker's name matcher, the rule
//! data's word lists and weights (`article: container:` in the rules), text that never counts `<script>` or `<style>`.

use serde::{Deserialize, Serialize};

use crate::clean::mechanics::never_text;
use crate::clean::names::{NameSet, element_names};
use crate::clean::walk::junk::hides;
use crate::dom::{Dom, NodeId};

/// The scoring's word lists and weights, as the rules file's `article: container:` key writes them. Weights are
/// whole numbers (shares in percent) so that rules compare equal after a YAML round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct PageWeights {
    /// Class and id words of containers that hold articles.
    pub positive: Vec<String>,
    /// Class and id words of containers that hold chrome.
    pub negative: Vec<String>,
    /// Class and id words of chrome whose text does not score for any container at all.
    pub unlikely: Vec<String>,
    /// Words that keep an element with an `unlikely` word scoring (`main-sidebar-content`).
    pub maybe: Vec<String>,
    /// Class and id words of what stands over the page, not in it (a consent dialog, a modal, a
    /// popup): chosen again with fewer exclusions, such an element still never displaces the
    /// article the first choice found.
    pub overlays: Vec<String>,
    /// Score for a positive or negative word in the class, and again in the id.
    pub class_weight: i64,
    /// A paragraph shorter than this (characters) scores nothing.
    pub min_paragraph_chars: usize,
    /// One point per this many characters of a paragraph, up to `max_length_points`.
    pub chars_per_point: usize,
    pub max_length_points: usize,
    /// How many ancestors a paragraph scores for.
    pub ancestor_levels: usize,
    /// A sibling joins the article when it scores this share of the winner (percent), at least
    /// `sibling_min_score`.
    pub sibling_share: i64,
    pub sibling_min_score: i64,
    /// The best `top_candidates` scorers that score `alternative_share` percent of the winner are its
    /// rivals; when `alternatives_needed` of them lie under one ancestor of the winner, that ancestor
    /// is the article (an article of many sections, each scoring alike).
    pub top_candidates: usize,
    pub alternative_share: i64,
    pub alternatives_needed: usize,
    /// Below this many characters the article is chosen again with fewer exclusions.
    pub min_article_chars: usize,
}

impl Default for PageWeights {
    fn default() -> PageWeights {
        PageWeights {
            positive: Vec::new(),
            negative: Vec::new(),
            unlikely: Vec::new(),
            maybe: Vec::new(),
            overlays: Vec::new(),
            class_weight: 25,
            min_paragraph_chars: 25,
            chars_per_point: 100,
            max_length_points: 3,
            ancestor_levels: 5,
            sibling_share: 20,
            sibling_min_score: 10,
            top_candidates: 5,
            alternative_share: 75,
            alternatives_needed: 3,
            min_article_chars: 500,
        }
    }
}

/// [`PageWeights`] with its word lists compiled.
#[derive(Debug)]
pub(crate) struct PageLexicon {
    pub weights: PageWeights,
    positive: NameSet,
    negative: NameSet,
    unlikely: NameSet,
    /// `negative` and `unlikely` in one set: a name matches it exactly when it matches either
    /// (a set answers whether any of its patterns matches; the values are not read), so the
    /// boundary's chrome test splits and looks up each name once, not once per list.
    chrome: NameSet,
    maybe: NameSet,
    overlays: NameSet,
}

impl PageLexicon {
    pub(crate) fn new(weights: &PageWeights) -> PageLexicon {
        let set = |words: &[String]| {
            let mut s = NameSet::default();
            for w in words {
                s.insert(w, 0);
            }
            s
        };
        PageLexicon {
            positive: set(&weights.positive),
            negative: set(&weights.negative),
            unlikely: set(&weights.unlikely),
            chrome: set(&[weights.negative.as_slice(), weights.unlikely.as_slice()].concat()),
            maybe: set(&weights.maybe),
            overlays: set(&weights.overlays),
            weights: weights.clone(),
        }
    }

    fn any(set: &NameSet, value: Option<&str>, lower: &mut String) -> bool {
        element_names(value, None).any(|n| set.contains(n, lower))
    }

    /// Whether an element's class or id holds a negative or unlikely word (`sidebar`, `related`,
    /// `byline`): what the boundary model reads of the branch a block stands in.
    #[cfg(test)]
    pub(crate) fn is_chrome_name(&self, dom: &Dom, id: NodeId, lower: &mut String) -> bool {
        self.is_chrome_class_or_id(dom.attr(id, "class"), dom.attr(id, "id"), lower)
    }

    /// [`PageLexicon::is_chrome_name`] of an element with this `class` and `id`, read by the
    /// caller.
    pub(crate) fn is_chrome_class_or_id(
        &self,
        class: Option<&str>,
        id: Option<&str>,
        lower: &mut String,
    ) -> bool {
        [class, id]
            .into_iter()
            .any(|v| Self::any(&self.chrome, v, lower))
    }

    /// The class and id words' score: positive words add, negative words take away.
    fn class_score(&self, dom: &Dom, id: NodeId, lower: &mut String) -> i64 {
        let w = self.weights.class_weight;
        let mut score = 0;
        for value in [dom.attr(id, "class"), dom.attr(id, "id")] {
            if Self::any(&self.negative, value, lower) {
                score -= w;
            }
            if Self::any(&self.positive, value, lower) {
                score += w;
            }
        }
        score
    }

    /// Whether `id` or an element around it stands over the page: a dialog (by its tag or role,
    /// or `aria-modal`) or an element named as an overlay ("consent-modal", "cookie-banner").
    fn in_overlay(&self, dom: &Dom, id: NodeId, lower: &mut String) -> bool {
        std::iter::once(id).chain(dom.ancestors(id)).any(|at| {
            let dialog = dom.tag(at) == Some("dialog")
                || dom.attr(at, "role").is_some_and(|r| {
                    r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog")
                })
                || dom
                    .attr(at, "aria-modal")
                    .is_some_and(|v| v.eq_ignore_ascii_case("true"));
            dialog
                || element_names(dom.attr(at, "class"), dom.attr(at, "id"))
                    .any(|n| self.overlays.contains(n, lower))
        })
    }

    fn unlikely(&self, dom: &Dom, id: NodeId, lower: &mut String) -> bool {
        let names = || element_names(dom.attr(id, "class"), dom.attr(id, "id"));
        let role = dom.attr(id, "role").unwrap_or("");
        let chrome_role = [
            "navigation",
            "menu",
            "menubar",
            "complementary",
            "dialog",
            "alert",
        ]
        .iter()
        .any(|r| role.eq_ignore_ascii_case(r));
        // a modal dialog, however it is marked, is over the page, not in its flow
        let modal = dom.tag(id) == Some("dialog")
            || dom
                .attr(id, "aria-modal")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        chrome_role
            || modal
            || (names().any(|n| self.unlikely.contains(n, lower))
                && !names().any(|n| self.maybe.contains(n, lower)))
    }
}

/// Elements that end a paragraph: a `<div>` holding one of these is a container, not a paragraph.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tbody"
            | "td"
            | "th"
            | "tr"
            | "ul"
    )
}

/// The score an element starts from by its tag: containers of prose up, lists and headings down.
fn tag_score(tag: &str) -> i64 {
    match tag {
        "div" | "article" | "main" => 5,
        "pre" | "td" | "blockquote" => 3,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5,
        _ => 0,
    }
}

/// Commas in a run of text, CJK and Arabic ones too: a comma is a clause, which menus and link
/// lists rarely have.
fn commas(text: &str) -> usize {
    text.chars()
        .filter(|c| matches!(c, ',' | '，' | '、' | '،' | '﹐' | '､'))
        .count()
}

/// Characters of text with whitespace runs counted as one, and a CJK character as two: it says about
/// as much as a short word with its space, so that the same thresholds hold for both scripts.
fn chars(text: &str) -> usize {
    let mut n = 0;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && n > 0 {
                n += 1;
            }
            space = false;
            n += crate::cjk::weight(c);
        }
    }
    n
}

/// What the page's elements hold, each element's numbers counting its whole subtree.
struct Stats {
    /// Elements and text in document order, without what never holds text.
    order: Vec<NodeId>,
    /// Position in `order` of each node's parent (the first entry is the body itself).
    parent: Vec<usize>,
    text: Vec<usize>,
    links: Vec<usize>,
    commas: Vec<usize>,
    /// Text outside block children: the paragraph a `<div>` holds of its own.
    inline: Vec<usize>,
    has_block: Vec<bool>,
    /// Below an element named as unlikely chrome (then its text scores for nothing).
    unlikely: Vec<bool>,
}

impl Stats {
    fn gather(dom: &Dom, body: NodeId, lex: &PageLexicon, skip_unlikely: bool) -> Stats {
        let mut s = Stats {
            order: Vec::new(),
            parent: Vec::new(),
            text: Vec::new(),
            links: Vec::new(),
            commas: Vec::new(),
            inline: Vec::new(),
            has_block: Vec::new(),
            unlikely: Vec::new(),
        };
        let mut lower = String::new();
        // (node, parent position, inside a link, inside unlikely chrome)
        let mut stack = vec![(body, 0usize, false, false)];
        while let Some((id, parent, in_link, unlikely)) = stack.pop() {
            let tag = dom.tag(id);
            if let Some(tag) = tag {
                // what a reader never sees is no part of the article, whatever it says
                let hidden =
                    dom.attr(id, "hidden").is_some() || dom.attr(id, "style").is_some_and(hides);
                if id != body && (never_text(tag) || hidden || (dom.is_foreign(id) && tag == "svg"))
                {
                    continue;
                }
            }
            let at = s.order.len();
            let text = dom.text(id).map_or(0, chars);
            let unlikely = unlikely
                || (skip_unlikely
                    && id != body
                    && !matches!(tag, Some("article" | "main" | "a"))
                    && tag.is_some()
                    && lex.unlikely(dom, id, &mut lower));
            s.order.push(id);
            s.parent.push(parent);
            s.text.push(text);
            s.links.push(if in_link { text } else { 0 });
            s.commas.push(dom.text(id).map_or(0, commas));
            s.inline.push(text);
            s.has_block.push(false);
            s.unlikely.push(unlikely);
            let in_link = in_link || tag == Some("a");
            for &c in dom.children(id).iter().rev() {
                stack.push((c, at, in_link, unlikely));
            }
        }
        // children come after their parents, so one backward pass sums every subtree
        for i in (1..s.order.len()).rev() {
            let p = s.parent[i];
            s.text[p] += s.text[i];
            s.links[p] += s.links[i];
            s.commas[p] += s.commas[i];
            let block = dom.tag(s.order[i]).is_some_and(is_block);
            if block {
                s.has_block[p] = true;
            } else {
                s.inline[p] += s.inline[i];
            }
        }
        s
    }

    fn link_density(&self, i: usize) -> f64 {
        if self.text[i] == 0 {
            0.0
        } else {
            self.links[i] as f64 / self.text[i] as f64
        }
    }
}

/// The chosen article: one element, or siblings in document order.
pub(crate) struct Choice {
    pub roots: Vec<NodeId>,
    /// The element that scored best, among the roots or below one of them.
    pub top: NodeId,
    pub chars: usize,
}

/// The article of the page under `body`, by score; `None` when no paragraph scored.
pub(crate) fn choose(dom: &Dom, body: NodeId, lex: &PageLexicon) -> Option<Choice> {
    let first = choose_with(dom, body, lex, true, true);
    if first
        .as_ref()
        .is_some_and(|c| c.chars >= lex.weights.min_article_chars)
    {
        return first;
    }
    // too little text: the exclusions may have taken the article; try without them, and take a
    // choice with more than twice the text (a short page's article is still its article)
    let mut best = first;
    for (skip_unlikely, weigh_classes) in [(false, true), (false, false)] {
        let Some(other) = choose_with(dom, body, lex, skip_unlikely, weigh_classes) else {
            continue;
        };
        // the readers' thread beside a short article outweighs it, and is still not the article:
        // a choice that stands apart from the first (holds none of it) and reads as a thread
        // (items of one kind, each with a time, an avatar or an author) never displaces it
        // nor does a dialog over the page (a consent notice's paragraphs outweigh a short
        // article) displace an article of prose; some sites open the article itself in a modal,
        // over a first choice of player controls
        if let Some(b) = &best {
            let apart = b
                .roots
                .iter()
                .all(|&first| !other.roots.iter().any(|&r| super::within(dom, first, r)));
            let mut lower = String::new();
            let prose = || {
                b.roots
                    .iter()
                    .any(|&f| crate::clean::walk::kinds::reads_as_prose(dom, f))
            };
            if apart
                && other.roots.iter().any(|&r| {
                    crate::clean::walk::kinds::reads_as_thread(dom, r)
                        || lex.in_overlay(dom, r, &mut lower) && prose()
                })
            {
                continue;
            }
        }
        if best.as_ref().is_none_or(|b| other.chars > b.chars * 2) {
            best = Some(other);
        }
    }
    best
}

fn choose_with(
    dom: &Dom,
    body: NodeId,
    lex: &PageLexicon,
    skip_unlikely: bool,
    weigh_classes: bool,
) -> Option<Choice> {
    let w = &lex.weights;
    let s = Stats::gather(dom, body, lex, skip_unlikely);
    let n = s.order.len();
    let mut lower = String::new();
    let mut score: Vec<Option<f64>> = vec![None; n];
    let base = |i: usize, lower: &mut String| -> f64 {
        let id = s.order[i];
        let tag = dom.tag(id).unwrap_or("");
        let class = if weigh_classes {
            lex.class_score(dom, id, lower)
        } else {
            0
        };
        (tag_score(tag) + class) as f64
    };
    for i in 0..n {
        if s.unlikely[i] {
            continue;
        }
        let Some(tag) = dom.tag(s.order[i]) else {
            continue;
        };
        // a paragraph, or the text a container holds between its blocks, scoring from itself up
        let (len, first) = match tag {
            "p" | "td" | "pre" | "section" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                (s.text[i], s.parent[i])
            }
            "div" if !s.has_block[i] => (s.text[i], s.parent[i]),
            "div" | "article" | "main" | "blockquote" if s.has_block[i] => (s.inline[i], i),
            _ => continue,
        };
        if len < w.min_paragraph_chars || i == 0 {
            continue;
        }
        let own_commas = if s.has_block[i] && first == i {
            // commas of the container's own text only are not kept apart; count a share
            s.commas[i] * s.inline[i] / s.text[i].max(1)
        } else {
            s.commas[i]
        };
        let points = 1.0
            + own_commas as f64
            + (len / w.chars_per_point.max(1)).min(w.max_length_points) as f64;
        let mut at = first;
        for level in 0..w.ancestor_levels {
            if dom.tag(s.order[at]).is_none() {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            let current = match score[at] {
                Some(v) => v,
                None => base(at, &mut lower),
            };
            score[at] = Some(current + points / divider);
            if at == 0 {
                break;
            }
            at = s.parent[at];
        }
    }
    // a container full of links is a menu, however much text it has
    let finals: Vec<Option<f64>> = (0..n)
        .map(|i| score[i].map(|v| v * (1.0 - s.link_density(i))))
        .collect();
    let mut top = (0..n).filter(|&i| finals[i].is_some()).max_by(|&a, &b| {
        finals[a]
            .partial_cmp(&finals[b])
            .unwrap_or(std::cmp::Ordering::Equal)
    })?;
    let top_score = finals[top].unwrap_or(0.0);
    top = common_ancestor(&s, &finals, top, top_score, w);
    let top_score = finals[top].unwrap_or(top_score);
    top = climb(&s, &finals, top, top_score);
    // a wrapper that holds nothing but the winner is the same article
    while top != 0 {
        let p = s.parent[top];
        let element_children = dom
            .children(s.order[p])
            .iter()
            .filter(|&&c| dom.tag(c).is_some_and(|t| !never_text(t)))
            .count();
        if p == 0 || element_children != 1 {
            break;
        }
        top = p;
    }
    if top == 0 {
        return Some(Choice {
            roots: vec![body],
            top: body,
            chars: s.text[0],
        });
    }
    let top_score = finals[top].unwrap_or(top_score);
    let mut roots = siblings(dom, &s, &finals, top, top_score, w);
    outer_parts(dom, &s, &finals, top, lex, weigh_classes, &mut roots);
    let chars = roots.iter().map(|&i| s.text[i]).sum();
    let roots: Vec<NodeId> = roots.into_iter().map(|i| s.order[i]).collect();
    Some(Choice {
        roots,
        top: s.order[top],
        chars,
    })
}

/// The ancestor of the winner under which enough of its close rivals lie, else the winner.
fn common_ancestor(
    s: &Stats,
    finals: &[Option<f64>],
    top: usize,
    top_score: f64,
    w: &PageWeights,
) -> usize {
    let mut ranked: Vec<(usize, f64)> = finals
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .filter(|&(i, _)| i != top)
        .collect();
    ranked.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    let rivals: Vec<usize> = ranked
        .into_iter()
        .take(w.top_candidates.saturating_sub(1))
        .filter(|&(_, v)| top_score > 0.0 && v / top_score * 100.0 >= w.alternative_share as f64)
        .map(|(i, _)| i)
        .collect();
    if rivals.len() < w.alternatives_needed {
        return top;
    }
    let is_ancestor = |anc: usize, mut i: usize| {
        while i != 0 {
            i = s.parent[i];
            if i == anc {
                return true;
            }
        }
        false
    };
    let mut at = s.parent[top];
    while at != 0 {
        let under = rivals.iter().filter(|&&r| is_ancestor(at, r)).count();
        if under >= w.alternatives_needed {
            return at;
        }
        at = s.parent[at];
    }
    top
}

/// Moves up from the top scorer while its ancestors score at least as well: the paragraphs of an
/// article in several `<div>`s score for each, and the one holding them all is the article.
fn climb(s: &Stats, finals: &[Option<f64>], top: usize, top_score: f64) -> usize {
    let threshold = top_score / 3.0;
    let mut last = top_score;
    let mut at = s.parent[top];
    let mut top = top;
    while at != 0 {
        let Some(score) = finals[at] else {
            at = s.parent[at];
            continue;
        };
        if score < threshold {
            break;
        }
        if score > last {
            top = at;
            break;
        }
        last = score;
        at = s.parent[at];
    }
    top
}

/// The winner and those of its siblings that score like it, or are prose paragraphs of their own.
fn siblings(
    dom: &Dom,
    s: &Stats,
    finals: &[Option<f64>],
    top: usize,
    top_score: f64,
    w: &PageWeights,
) -> Vec<usize> {
    let threshold = (top_score * w.sibling_share as f64 / 100.0).max(w.sibling_min_score as f64);
    let parent = s.parent[top];
    let top_id = s.order[top];
    let top_class = dom.attr(top_id, "class").unwrap_or("");
    let mut roots = Vec::new();
    for (i, &p) in s.parent.iter().enumerate().skip(parent + 1) {
        if p != parent {
            continue;
        }
        let id = s.order[i];
        if id == top_id {
            roots.push(i);
            continue;
        }
        let Some(tag) = dom.tag(id) else { continue };
        let bonus = if !top_class.is_empty() && dom.attr(id, "class") == Some(top_class) {
            top_score * w.sibling_share as f64 / 100.0
        } else {
            0.0
        };
        let scored = finals[i].is_some_and(|v| v + bonus >= threshold);
        let density = s.link_density(i);
        let prose = tag == "p"
            && !s.unlikely[i]
            && ((s.text[i] > 80 && density < 0.25)
                || (s.text[i] > 0 && s.text[i] <= 80 && density == 0.0 && ends_sentence(dom, id)));
        if scored || prose {
            roots.push(i);
        }
    }
    roots
}

/// The parts of the article that stand outside the winner's element, found by climbing from it: the
/// lead (a standfirst, an intro, a teaser paragraph) that stands before one of the winner's
/// ancestors, and the parts of a body split by an ad or a figure into siblings of one tag and class.
/// The climb stops at an `<article>` or `<main>`, and where the ancestor holds over three times the
/// text found so far: there it is the page around the article, not the article. `roots` are
/// positions in `s.order`, in document order on return.
fn outer_parts(
    dom: &Dom,
    s: &Stats,
    finals: &[Option<f64>],
    top: usize,
    lex: &PageLexicon,
    weigh_classes: bool,
    roots: &mut Vec<usize>,
) {
    let mut lower = String::new();
    let mut kept: usize = roots.iter().map(|&i| s.text[i]).sum();
    let mut child = top;
    for _ in 0..lex.weights.ancestor_levels {
        let at = s.parent[child];
        if at == 0 || s.text[at] > kept.saturating_mul(3) {
            break;
        }
        let child_id = s.order[child];
        let class = dom.attr(child_id, "class").filter(|c| !c.trim().is_empty());
        for (i, &p) in s.parent.iter().enumerate().skip(at + 1) {
            // in document order a subtree is one run: a node whose parent comes before `at` is past it
            if p < at {
                break;
            }
            if p != at || i == child || roots.contains(&i) {
                continue;
            }
            let id = s.order[i];
            // a header inside an `<article>` is the article's own (HTML's meaning), not the site's
            let own_header = !s.unlikely[at]
                && dom.tag(s.order[at]) == Some("article")
                && super::names_holding(dom.attr(id, "class"), dom.attr(id, "id"), &["header"]);
            if s.unlikely[i] && !own_header {
                continue;
            }
            let Some(tag) = dom.tag(id) else { continue };
            let density = s.link_density(i);
            // a body split in two by an ad: the other half wears the same tag and class, and no
            // id (an element with an id of its own is a unit the site addresses: a post, a block)
            let part = class.is_some()
                && dom.attr(id, "class") == class
                && dom.tag(child_id) == Some(tag)
                && dom.attr(id, "id").is_none()
                && finals[i].is_some()
                && density < 0.3
                && !holds(dom, id, &["form", "input", "textarea", "select"]);
            // a standfirst is no longer than the body it leads into; one under a picture is its
            // caption unless it is long
            let lead = i < child
                && matches!(
                    tag,
                    "p" | "div" | "section" | "header" | "h2" | "h3" | "h4" | "h5" | "h6" | "span"
                )
                && s.text[i] >= 80
                && s.text[i] <= kept
                && density < 0.25
                && (!weigh_classes || lex.class_score(dom, id, &mut lower) >= 0)
                && reads_as_lead(dom, id)
                && (s.text[i] >= 300 || !holds(dom, id, &["img", "figure", "picture"]))
                && !holds(dom, id, &["form", "textarea", "select"]);
            if part || lead {
                roots.push(i);
                kept += s.text[i];
            }
        }
        if matches!(dom.tag(s.order[at]), Some("article" | "main")) {
            break;
        }
        child = at;
    }
    roots.sort_unstable();
}

/// Whether an element's text, without its headline and its figures' captions, is 80 characters or
/// more and holds a sentence: a standfirst, not a headline with its kicker, nor a date and by-line.
fn reads_as_lead(dom: &Dom, id: NodeId) -> bool {
    let text = lead_text(dom, id);
    chars(&text) >= 80 && holds_sentence(&text)
}

/// Whether a text holds a sentence: six words or more up to a full stop, question or exclamation
/// mark (an abbreviation such as "Dec." or "Mr." ends none), a CJK sentence end, or ten words or
/// more of which two in five begin in lower case (a subtitle written as a clause without its full
/// stop; a date and by-line line, or a headline in title case, has few such words).
fn holds_sentence(text: &str) -> bool {
    if text.contains(['。', '！', '？']) {
        return true;
    }
    let (mut all, mut lower) = (0, 0);
    for word in text.split_whitespace() {
        all += 1;
        if word.starts_with(char::is_lowercase) {
            lower += 1;
        }
    }
    if all >= 10 && lower * 5 >= all * 2 {
        return true;
    }
    let mut words = 0;
    for word in text.split_whitespace() {
        words += 1;
        let bare = word.trim_end_matches(['"', '\'', '”', '’', '»', '«', '“', ')']);
        let Some(stem) = bare.strip_suffix(['.', '!', '?', '…']) else {
            continue;
        };
        let abbreviation = stem.chars().count() <= 4 && stem.starts_with(char::is_uppercase);
        if words >= 6 && !abbreviation && stem.chars().count() >= 2 {
            return true;
        }
        if !abbreviation {
            words = 0;
        }
    }
    false
}

/// An element's text without its `<h1>`, its figures and what is never text.
fn lead_text(dom: &Dom, id: NodeId) -> String {
    let mut text = String::new();
    let mut stack = vec![id];
    while let Some(at) = stack.pop() {
        match dom.tag(at) {
            Some("h1" | "figure" | "figcaption" | "script" | "style" | "noscript" | "template") => {
            }
            Some(_) => stack.extend(dom.children(at).iter().rev()),
            None => {
                if let Some(t) = dom.text(at) {
                    text.push_str(t);
                    text.push(' ');
                }
            }
        }
    }
    text
}

/// Whether an element holds one of `tags`.
fn holds(dom: &Dom, id: NodeId, tags: &[&str]) -> bool {
    dom.descendants(id)
        .any(|d| dom.tag(d).is_some_and(|t| tags.contains(&t)))
}

/// Whether an element's text holds a sentence end followed by a space or the end: a short paragraph
/// that is a sentence, not a label.
fn ends_sentence(dom: &Dom, id: NodeId) -> bool {
    let text: String = dom.descendants(id).filter_map(|d| dom.text(d)).collect();
    let t = text.trim_end();
    t.ends_with(['.', '。', '!', '?', '！', '？']) || t.contains(". ") || t.contains('。')
}
