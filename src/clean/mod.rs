//! The DOM walker: one pass over the parsed body that drops junk by rule, resolves images and links,
//! collapses whitespace and builds the model.
//!
//! Rather than rewriting the DOM and then reading it again, the walker decides per element (with the
//! rules in force and the helpers beside this file) and builds [`Block`]s as it goes. It keeps an
//! explicit stack of open frames, so nesting depth in the input never becomes call depth.
//!
//! Two kinds of removal: rules (`rules.rs`, written as data in `builtin-rules.yaml`), which are
//! policy and can be renamed, scoped or turned off; and mechanics (`mechanics.rs`), which run under
//! any rules.

pub(crate) mod article;
pub mod boundary;
pub(crate) mod breaks;
pub(crate) mod byline;
pub(crate) mod compiled;
pub(crate) mod credits;
pub(crate) mod edges;
mod fast_hash;
pub(crate) mod gallery;
pub(crate) mod images;
pub(crate) mod links;
pub(crate) mod mechanics;
pub(crate) mod media;
mod names;
pub(crate) mod outlet;
mod patterns;
pub(crate) mod plain;
mod promo;
pub(crate) mod related;
pub(crate) mod rules;
pub(crate) mod server_errors;
pub(crate) mod shape;
mod sites;
mod table;
mod walk;

use url::Url;

use crate::dom::{Dom, NodeId};
use crate::model::Block;
use crate::report::{Report, WarningKind};
pub(crate) use sites::InForce;
pub(crate) use walk::text_bytes as visible_text_bytes;

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
pub(crate) fn clean_all(
    dom: &Dom,
    roots: &[NodeId],
    rules: &InForce<'_>,
    base: Option<&Url>,
    report: &mut Report,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut origins = Vec::new();
    for &root in roots {
        let (b, o) = guarded_walk(dom, root, rules, base, report, blocks.len());
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

/// The passes that need the whole article, for HTML and plain-text bodies alike (the sanitized
/// HTML written from a plain body must convert back to the same content): the server's messages
/// out first, then the article's edges (`boundary`, where each block still knows the element it
/// came from, when it came from one), then [`after_walk`].
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
    gallery::drop_counters(blocks, report);
    if let Some(credits) = rules.credits() {
        credits::drop_credits(blocks, credits, report);
    }
    promo::drop_promo_lines(blocks, rules, report);
    shape_pass(blocks, rules, calls_cut, report);
    // mechanics remove markup, not content: only a rule's removal leaves frames behind, or the
    // page's parts left out of its article (a "more on this" heading whose list stood beside it)
    let by_rule = report
        .removed
        .keys()
        .any(|k| !mechanics::ALL.iter().any(|m| m.name == k));
    let removed = if by_rule {
        edges::Removed::ByRule
    } else if report.removed.contains_key(mechanics::OUTSIDE_ARTICLE.name) {
        edges::Removed::LeftOut
    } else {
        edges::Removed::Nothing
    };
    edges::drop_orphan_frames(blocks, removed, report);
}

/// Boilerplate by its shape at the article's ends (see [`shape`]).
fn shape_pass(blocks: &mut Vec<Block>, rules: &InForce<'_>, calls_cut: bool, report: &mut Report) {
    if let Some(shape) = rules.shape() {
        let before = report.removed.values().sum::<usize>();
        shape::trim(shape, &|t| rules.whole_line(t), calls_cut, blocks, report);
        // a cut can leave a promo line behind (a banner link whose label was a platform URL and a
        // word): judged again, as the HTML written from the result will be
        if report.removed.values().sum::<usize>() != before {
            promo::drop_promo_lines(blocks, rules, report);
        }
    }
}

/// The shape pass once more, after a later pass took blocks from the article's ends (the
/// footer's date lines, the author's bio): calls to action above them are now at the tail.
pub(crate) fn shape_again(blocks: &mut Vec<Block>, rules: &InForce<'_>, report: &mut Report) {
    shape_pass(blocks, rules, false, report);
}

/// The walk under the over-removal guard: element rules may not take most (three quarters) of the
/// article's text. One element that holds most of it is walked instead of removed (see
/// `Walker::guard_allows`); when the rules' removals together would take most of it, the rule that
/// removed the most is spared for this article and the article is walked again without it, until
/// the rest leave enough. The audit trail's blocks of this root stand after `offset` blocks of the
/// article.
fn guarded_walk(
    dom: &Dom,
    root: NodeId,
    rules: &InForce<'_>,
    base: Option<&Url>,
    report: &mut Report,
    offset: usize,
) -> (Vec<Block>, Vec<NodeId>) {
    let mut total = None;
    let mut spared: Vec<String> = Vec::new();
    loop {
        let mut attempt = Report {
            recorder: report.recorder.as_ref().map(|r| Box::new(r.fresh())),
            ..Report::default()
        };
        let guard = walk::Guard {
            root,
            total,
            spared: spared.clone(),
            removed: Vec::new(),
        };
        let (blocks, origins, mut guard) = walk::walk(dom, root, rules, base, &mut attempt, guard);
        // one rule taking most of the article, or all of them together: the largest is spared
        let together: usize = guard.removed.iter().map(|(_, b)| b).sum();
        let greedy = guard.takes_most(dom, together);
        total = guard.total;
        let greedy = guard
            .removed
            .into_iter()
            .filter(|(rule, _)| !spared.contains(rule))
            .max_by_key(|&(_, bytes)| bytes)
            .filter(|_| greedy);
        match greedy {
            Some((rule, bytes)) => {
                report.warn(
                    WarningKind::KeptByGuard,
                    format!(
                        "the rules would have removed {together} of the article's {} bytes of \
                         text, `{rule}` {bytes} of them; `{rule}` was not applied to this article",
                        total.unwrap_or_default()
                    ),
                );
                spared.push(rule);
            }
            None => {
                for (name, n) in attempt.removed {
                    report.count_n(&name, n);
                }
                if let (Some(r), Some(a)) = (report.recorder(), attempt.recorder) {
                    r.absorb(*a, offset);
                }
                report.warnings.extend(attempt.warnings);
                return (blocks, origins);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mechanics;
    use super::rules::Rules;
    use crate::dom::Dom;
    use crate::report::Report;

    /// A body holding something for every rule and every mechanic.
    const EVERYTHING: &str = concat!(
        "<hr><p>Kept text.</p>",
        "<p><b>Warning</b>: Undefined variable in <b>/srv/www/index.php</b> on line <b>12</b></p>",
        "<script>var a;</script><style>p{}</style><noscript><img src=\"/n.jpg\"></noscript>",
        "<div class=\"ad\">Ad</div><div class=\"sr-only\">Caption</div><p hidden>Hidden</p>",
        "<svg><text>Drawing</text></svg><iframe src=\"/v\"></iframe><nav>Menu</nav>",
        "<form><input name=\"q\"></form><div class=\"newsletter\">Subscribe</div>",
        "<div class=\"share\">Share</div><div class=\"related\">Others</div><div id=\"comments\">Hi</div>",
        "<div class=\"sidebar\">About me</div><p class=\"postmetadata\">Filed under News</p>",
        "<p><a rel=\"tag\" href=\"/t\">Topic</a> <a href=\"/x\">more</a></p>",
        "<p>Advertisement</p>",
        "<p>Image 2 of 8</p>",
        "<p>The post appeared first on Site<br><a href=\"/feed\">/feed</a></p>",
        "<h2>Related</h2><ul><li><a href=\"/a\">Another story</a></li></ul>",
        "<img src=\"/t.jpg\"><img src=\"/t.jpg\"><img src=\"/p.gif\" width=\"1\" height=\"1\">",
        "<img src=\"data:x\"><img alt=\"a\">",
        "<img class=\"view-desktop\" src=\"/d.jpg\"><img class=\"view-mobile\" src=\"/m.jpg\">",
        "<p>a<br><br>b<br></p><p><a href=\"javascript:x\">js</a> <a href=\"/q?utm_source=x\">q</a></p>",
        "<p>",
        "Long enough prose to make the link list a minor part of the article's text, as the rule ",
        "asks before it removes one: several sentences of ordinary writing, kept whatever the rules.",
        "</p>",
    );

    fn removed(rules: &Rules) -> Vec<String> {
        let dom = Dom::parse(EVERYTHING, 10_000).unwrap();
        let mut report = Report::default();
        let in_force = rules.in_force(None, None);
        super::clean(&dom, dom.body(), &in_force, None, &mut report);
        report.removed.into_keys().collect()
    }

    /// Mechanics a body fragment cannot show: `outside-article` counts what choosing a whole page's
    /// article leaves out (the whole-page fixture shows it), `repeated-title` needs a post's title
    /// (the repeated-title fixture shows it).
    fn fragment_mechanics() -> impl Iterator<Item = &'static mechanics::Mechanic> {
        mechanics::ALL.iter().filter(|m| {
            m.name != mechanics::OUTSIDE_ARTICLE.name && m.name != mechanics::REPEATED_TITLE.name
        })
    }

    #[test]
    fn empty_rules_remove_only_mechanics() {
        let mut mechanics: Vec<&str> = fragment_mechanics().map(|m| m.name).collect();
        mechanics.sort_unstable();
        assert_eq!(removed(&Rules::empty()), mechanics);
    }

    #[test]
    fn builtin_rules_remove_every_rule_and_every_mechanic() {
        let mut all: Vec<String> = fragment_mechanics().map(|m| m.name.to_string()).collect();
        all.extend(Rules::builtin().iter().map(|r| r.name.clone()));
        all.sort_unstable();
        assert_eq!(removed(&Rules::builtin()), all);
    }

    #[test]
    fn rule_and_mechanic_names_are_distinct_and_documented() {
        let readme = include_str!("../../README.md");
        let mut seen = std::collections::HashSet::new();
        let builtin = Rules::builtin();
        let names = mechanics::ALL
            .iter()
            .map(|m| m.name.to_string())
            .chain(builtin.iter().map(|r| r.name.clone()));
        for name in names {
            assert!(seen.insert(name.clone()), "{name} is declared twice");
            assert!(
                readme.contains(&format!("`{name}`")),
                "README does not name {name}"
            );
        }
    }

    #[test]
    fn the_readme_rules_example_reads() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("```yaml\n")
            .expect("README has a rules example")
            + 8;
        let end = start + readme[start..].find("```").expect("the example ends");
        let rules = Rules::from_yaml(&readme[start..end]).unwrap();
        assert_eq!(Rules::from_yaml(&rules.to_yaml()).unwrap(), rules);
        assert_eq!(rules.iter().next().map(|r| r.sites.len()), Some(1));
    }
}
