//! Where the article is: the one place that decides what of an input is the article, for feed posts
//! and whole pages alike. Read top to bottom, this file is the decision in the order it is taken;
//! each step's details are in the module it names, and its data in the rules' `article:` section
//! (`src/clean/builtin-rules.yaml`).
//!
//! 1. **The container** (whole pages only, [`container`]): the element the page's paragraphs score
//!    highest for, with the siblings that score like it (`article: container:`); what lies outside it
//!    is counted as `outside-article`. A post's body is its own container. With it the page's own
//!    metadata is read (`crate::page`: JSON-LD, meta tags, the by-line element, `<time>`, and the
//!    head line between the headline and the container, which the container leaves out).
//! 2. **The walk under the guard** ([`guard`]): the walker removes junk by rule and builds the
//!    blocks; the guard keeps an element a rule matched when it reads as the article, and spares a
//!    rule that would take most of the article's text.
//! 3. **The server's messages** (PHP warnings) go before anything is weighed.
//! 4. **The boundary** ([`boundary`]): every block is scored from general features (`article:
//!    boundary:`, weights fitted by `examples/fit_boundary`); the best contiguous run of content is
//!    the article, and what lies before or after it goes. Nothing is cut from the middle by score.
//! 5. **Junk by kind that needs the whole article** (related lists judged against its length, gallery
//!    counters, photo credits, promo lines), then **the edges by shape** ([`shape`]: calls to action,
//!    channel links at the tail and head, `article: shape:`) and **what removals left behind**
//!    ([`edges`]: a heading with nothing under it, a label whose links went).
//! 6. **Head and tail metadata** ([`byline`], `article: bylines:`): by-line, date and count lines
//!    before the first prose, the footer's date lines, the author's bio and a contact block go into
//!    the metadata, not the body; the shape pass reads the new tail again.
//! 7. **The title said again** at the head ([`edges::drop_repeated_title`]).
//!
//! The outlet's own names ([`outlet`]) feed the boundary (a line naming the outlet below the article
//! is the outlet speaking about itself).

pub mod boundary;
pub(crate) mod byline;
pub(crate) mod container;
pub(crate) mod edges;
mod guard;
pub(crate) mod outlet;
pub(crate) mod shape;

use serde::{Deserialize, Serialize};
use url::Url;

use super::{
    InForce, credits, gallery, hashtags, mechanics, promo, related, server_errors, tag_links,
};
use crate::Metadata;
use crate::dom::{Dom, NodeId};
use crate::model::Block;
use crate::report::{Report, WarningKind};

/// The rules' `article:` section: everything that decides where the article is, in the order of the
/// steps above. A file that has a key replaces the one before it (`names` is added to).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticleData {
    /// Class or id names of the element that holds the article's text on a whole page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) names: Vec<String>,
    /// How a whole page's container is chosen ([`container::score`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) container: Option<container::score::PageWeights>,
    /// Where the article starts and ends ([`boundary`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) boundary: Option<boundary::BoundaryWeights>,
    /// The boilerplate-by-shape lexicon ([`shape`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) shape: Option<shape::Shape>,
    /// What makes a head or tail line a by-line, a date or a count ([`byline`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) bylines: Option<byline::Bylines>,
}

impl ArticleData {
    pub(crate) fn is_empty(&self) -> bool {
        *self == ArticleData::default()
    }

    /// `more`'s keys over these (`names` added to): what a later rules file says wins.
    pub(crate) fn extend(&mut self, more: &ArticleData) {
        self.names.extend(more.names.iter().cloned());
        replace(&mut self.container, &more.container);
        replace(&mut self.boundary, &more.boundary);
        replace(&mut self.shape, &more.shape);
        replace(&mut self.bylines, &more.bylines);
    }
}

fn replace<T: Clone>(old: &mut Option<T>, new: &Option<T>) {
    if new.is_some() {
        old.clone_from(new);
    }
}

/// Below this much visible text an input that gives no article is taken to hold none (an empty
/// player page, a lone image): a bigger one gets an `empty-article` warning.
const EMPTY_ARTICLE_MIN_BYTES: usize = 200;

/// Steps 1 to 5 for a parsed HTML body: the article's blocks. A whole page's own metadata (its
/// title, by-line, date, canonical address, site name; see `crate::page`) is merged into `metadata`
/// first, and the outlet's names are taken again from what it adds.
pub(crate) fn from_dom(
    dom: &Dom,
    whole_page: bool,
    rules: &mut InForce<'_>,
    base: Option<&Url>,
    metadata: &mut Metadata,
    report: &mut Report,
) -> Vec<Block> {
    let blocks = if whole_page {
        let roots = container::article_roots(dom, rules);
        let page = crate::page::read(dom, &roots, base, rules.bylines());
        let page_base = base.cloned().or_else(|| page.base.clone());
        page.merge_into(metadata);
        rules.set_outlet(outlet::of(metadata));
        container::count_outside(dom, &roots, report);
        clean_all(dom, &roots, rules, page_base.as_ref(), report)
    } else {
        clean(dom, dom.body(), rules, base, report)
    };
    if blocks.is_empty() {
        // nothing kept of an input a reader sees text in: said, not silent
        let visible = super::visible_text_bytes(dom, dom.body());
        if visible >= EMPTY_ARTICLE_MIN_BYTES {
            report.warn(
                WarningKind::EmptyArticle,
                format!(
                    "the input holds {visible} bytes of visible text and none of it was kept as \
                     the article"
                ),
            );
        }
    }
    blocks
}

/// Cleans the subtree at `root` and returns its blocks: the walk, then the passes that need the
/// whole article (related-link lists are judged against the article's length).
pub(crate) fn clean(
    dom: &Dom,
    root: NodeId,
    rules: &InForce<'_>,
    base: Option<&Url>,
    report: &mut Report,
) -> Vec<Block> {
    clean_all(dom, &[root], rules, base, report)
}

/// Cleans the subtrees at `roots` (a page's article parts, in order) as one article: each is
/// walked, and the passes that need the whole article run once over all of them, so that an article
/// cut into parts by its page loses and keeps what it would as one body (the HTML written from it is
/// one body).
fn clean_all(
    dom: &Dom,
    roots: &[NodeId],
    rules: &InForce<'_>,
    base: Option<&Url>,
    report: &mut Report,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut origins = Vec::new();
    for &root in roots {
        let (b, o) = guard::guarded_walk(dom, root, rules, base, report, blocks.len());
        blocks.extend(b);
        origins.extend(o);
    }
    if let Some(r) = report.recorder() {
        r.set_paths(
            origins
                .iter()
                .map(|&o| crate::audit::element_path(dom, o))
                .collect(),
        );
    }
    let place = boundary::Place {
        dom,
        origins,
        lexicon: rules.page(),
    };
    whole_article(&mut blocks, Some(place), rules, report);
    blocks
}

/// Steps 3 to 5, for HTML and plain-text bodies alike (the sanitized HTML written from a plain body
/// must convert back to the same content): the server's messages out first, then the article's
/// edges (`boundary`, where each block still knows the element it came from, when it came from one),
/// then [`after_walk`].
pub(crate) fn whole_article(
    blocks: &mut Vec<Block>,
    mut place: Option<boundary::Place<'_>>,
    rules: &InForce<'_>,
    report: &mut Report,
) {
    let gone = server_errors::drop_server_errors(blocks, report);
    if let Some(p) = place.as_mut().filter(|_| !gone.is_empty()) {
        let mut k = 0;
        p.origins.retain(|_| {
            k += 1;
            gone.binary_search(&(k - 1)).is_err()
        });
    }
    let calls_cut = boundary::trim(
        rules.boundary(),
        place,
        rules.shape(),
        rules.outlet(),
        blocks,
        report,
    );
    after_walk(blocks, rules, calls_cut, report);
}

/// Related-link lists judged against the article's length, gallery counters, credits, promo lines,
/// boilerplate by its shape, and what removals left behind. `calls_cut`: the boundary took calls
/// to action below the article.
fn after_walk(blocks: &mut Vec<Block>, rules: &InForce<'_>, calls_cut: bool, report: &mut Report) {
    related::drop_announced(blocks, rules, report);
    related::drop_link_lists(blocks, rules, report);
    related::drop_teaser_cards(blocks, rules, report);
    gallery::drop_slideshows(blocks, report);
    gallery::drop_counters(blocks, report);
    if let Some(credits) = rules.credits() {
        credits::drop_credits(blocks, credits, report);
    }
    promo::drop_promo_lines(blocks, rules, report);
    if let Some(rule) = rules.hashtags() {
        hashtags::drop_rows(blocks, rule, report);
    }
    tag_links::drop_rows(blocks, rules, report);
    shape_pass(blocks, rules, calls_cut, false, report);
    // a frame left at the tail counted as a line the shape pass stepped over, and may have kept
    // it from reaching a notice above: read again without it, as the HTML written from the result
    // will be (each round removes blocks, and a few rounds are all real articles take)
    for _ in 0..MAX_EDGE_ROUNDS {
        let before = blocks.len();
        edges::drop_orphan_frames(blocks, removed_before_edges(report), report);
        if blocks.len() == before || blocks.is_empty() {
            return;
        }
        let removed = report.removed.values().sum::<usize>();
        shape_pass(blocks, rules, calls_cut, false, report);
        if report.removed.values().sum::<usize>() == removed {
            return;
        }
    }
    edges::drop_orphan_frames(blocks, removed_before_edges(report), report);
}

/// How many times the shape pass and the orphan frames take turns at most.
const MAX_EDGE_ROUNDS: usize = 3;

/// What was removed before the orphan frames are judged: mechanics remove markup, not content, so
/// only a rule's removal leaves frames behind, or the page's parts left out of its article (a
/// "more on this" heading whose list stood beside it).
fn removed_before_edges(report: &Report) -> edges::Removed {
    let by_rule = report
        .removed
        .keys()
        .any(|k| !mechanics::ALL.iter().any(|m| m.name == k));
    if by_rule {
        edges::Removed::ByRule
    } else if report.removed.contains_key(mechanics::OUTSIDE_ARTICLE.name) {
        edges::Removed::LeftOut
    } else {
        edges::Removed::Nothing
    }
}

/// Boilerplate by its shape at the article's ends (see [`shape`]).
fn shape_pass(
    blocks: &mut Vec<Block>,
    rules: &InForce<'_>,
    calls_cut: bool,
    head_only: bool,
    report: &mut Report,
) {
    if let Some(shape) = rules.shape() {
        let before = report.removed.values().sum::<usize>();
        shape::trim(
            shape,
            &|t| rules.whole_line(t),
            calls_cut,
            head_only,
            blocks,
            report,
        );
        // a cut can leave a promo line behind (a banner link whose label was a platform URL and a
        // word), an announcer (the "看更多。" of "追踪<a>频道</a>看更多。"), or a credit that now
        // stands beside its picture: judged again, as the HTML written from the result will be
        if report.removed.values().sum::<usize>() != before {
            promo::drop_promo_lines(blocks, rules, report);
            related::drop_announced(blocks, rules, report);
            // (a credit whose picture was lost is judged alone, wherever it stands: only a picture
            // gives a cut a neighbour to change)
            if let Some(credits) = rules
                .credits()
                .filter(|_| blocks.iter().any(credits::has_image))
            {
                credits::drop_credits(blocks, credits, report);
            }
        }
    }
}

/// Steps 6 and 7, for every body: the head's and tail's metadata lines into `metadata`, then the
/// title said again at the head. `own_front_matter`: the post brought its own front matter, which
/// stays as it is (a page's is written from what is found).
pub(crate) fn finish(
    blocks: &mut Vec<Block>,
    rules: &InForce<'_>,
    metadata: &mut Metadata,
    own_front_matter: bool,
    report: &mut Report,
) {
    // a trail of the site's sections over the headline first: the by-line stands under it
    edges::drop_head_trails(blocks, report);
    // the head's by-line and date lines first: the title may stand under them
    if let Some(bylines) = rules.bylines() {
        // a page's by-line element may hold its label ("geschrieben von …") or only a date label
        // ("Veröffentlicht am"): the author is the name in it, or nobody
        let cleaned_author = if own_front_matter {
            false
        } else {
            let before = metadata.author.clone();
            metadata.author = metadata
                .author
                .take()
                .and_then(|a| byline::person(&a, bylines));
            metadata.author != before
        };
        let had_author = metadata.author.is_some();
        let had_date = metadata.date.is_some();
        let found = byline::Found {
            author: &mut metadata.author,
            date: &mut metadata.date,
            fill: !own_front_matter,
        };
        let dropped = byline::drop_head_metadata(blocks, bylines, found, report);
        if dropped.head + dropped.tail > 0 {
            // the footer's date lines and the author's bio stood below the article's last calls to
            // action, where the tail scan stopped, and a date line over a notice at the head, where
            // the head scan stopped: it reads the new edges again
            shape_pass(blocks, rules, false, dropped.tail == 0, report);
        }
        if dropped.head + dropped.tail > 0 {
            // what framed the lines that went (a rule under a by-line) is judged again, as
            // converting the output again would judge it, and the footer lines it stood under
            // are read again once it went, in turns
            for _ in 0..MAX_EDGE_ROUNDS {
                let before = blocks.len();
                edges::drop_orphan_frames(blocks, edges::Removed::ByRule, report);
                if blocks.len() == before
                    || byline::drop_footer_lines(
                        blocks,
                        bylines,
                        !own_front_matter,
                        &mut metadata.date,
                        report,
                    ) == 0
                {
                    break;
                }
            }
        }
        if cleaned_author
            || !had_author && metadata.author.is_some()
            || !had_date && metadata.date.is_some()
        {
            metadata.front_matter = metadata.page_front_matter();
        }
    }
    edges::drop_repeated_lede(blocks, report);
    if let Some(title) = edges::drop_repeated_title(blocks, metadata.title.as_deref(), report) {
        metadata.title_block = Some(title);
    }
    // a removal between two pieces of one list (an ad between its items) leaves them side by side,
    // where parsing the output again would join them
    let joined = crate::model::join_continued_lists(blocks);
    if let Some(r) = report.recorder() {
        for &k in joined.iter().rev() {
            r.forget_block(k);
        }
    }
    if blocks.is_empty() {
        // a video or podcast post with nothing around its player: its source page is the post
        blocks.extend(edges::source_media_link(metadata, rules));
    }
}
