//! A whole page's container: the element that holds its article, not the site around it.

pub(crate) mod score;

use super::super::mechanics::OUTSIDE_ARTICLE;
use super::super::names::element_names;
use super::InForce;
use crate::dom::{Dom, NodeId};
use crate::report::Report;

/// The elements to convert, in document order. With the rules' `article: container:` weights, the container the
/// page's paragraphs score highest for, with the siblings that score like it (see [`score`]);
/// without them, the `<article>` with the most text, else `<main>`, else the first element with one
/// of the rules' `article: names`, when it holds half the page's text; else `<body>`.
pub(crate) fn article_roots(dom: &Dom, rules: &InForce<'_>) -> Vec<NodeId> {
    let body = dom.body();
    if let Some(lexicon) = rules.page() {
        // a page without one paragraph to score keeps its `<article>` or `<main>`, if any
        let roots = score::choose(dom, body, lexicon).map_or_else(
            || vec![tagged_root(dom, rules)],
            |c| without_named(dom, c.roots, c.top, rules),
        );
        // a forum thread's page: its opening post, not the replies under it
        let post = titled_post(dom, &roots).or_else(|| match roots.as_slice() {
            [root] => crate::clean::walk::kinds::opening_post(dom, *root),
            _ => None,
        });
        return post.map_or(roots, |post| vec![post]);
    }
    vec![tagged_root(dom, rules)]
}

/// On a page of several posts (a blog's front page, an archive with the newest post in full), the
/// post the page is about: among two or more `<article>` elements, the roots or in them, the one whose heading
/// the page's title says (whole words, three at least, or six ideographs), when it is the only one
/// and holds at least twice the text of any other (the others are teasers, or comments set as
/// articles). `None` when the page gives no such post.
fn titled_post(dom: &Dom, roots: &[NodeId]) -> Option<NodeId> {
    let posts: Vec<NodeId> = roots
        .iter()
        .flat_map(|&r| std::iter::once(r).chain(dom.descendants(r)))
        .filter(|&d| dom.tag(d) == Some("article"))
        .collect();
    if posts.len() < 2 {
        return None;
    }
    let title = words_of(&dom.first_text("title")?);
    let says_title = |post: NodeId| {
        dom.descendants(post)
            .find(|&d| matches!(dom.tag(d), Some("h1" | "h2" | "h3")))
            .is_some_and(|h| {
                let text: String = dom.descendants(h).filter_map(|d| dom.text(d)).collect();
                let heading = words_of(&text);
                let enough = heading.split(' ').count() >= 3
                    || heading
                        .chars()
                        .filter(|&c| crate::cjk::is_ideograph(c))
                        .count()
                        >= 6;
                enough && format!(" {title} ").contains(&format!(" {heading} "))
            })
    };
    let mut titled = posts.iter().copied().filter(|&p| says_title(p));
    let post = titled.next()?;
    if titled.next().is_some() {
        return None;
    }
    let len = text_len(dom, post);
    // a post inside another (a comment inside the post) is no rival
    posts
        .iter()
        .filter(|&&p| p != post && !within(dom, p, post) && !within(dom, post, p))
        .all(|&p| text_len(dom, p) * 2 <= len)
        .then_some(post)
}

/// A text's words, lower case, single-spaced, without the punctuation around them.
fn words_of(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || matches!(c, '|' | ':' | '–' | '—' | '·' | '»'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `node` is `outer` or below it.
pub(crate) fn within(dom: &Dom, node: NodeId, outer: NodeId) -> bool {
    let mut at = node;
    loop {
        if at == outer {
            return true;
        }
        let parent = dom.parent(at);
        if parent == at {
            return false;
        }
        at = parent;
    }
}

/// The roots but those beside the winner that a rule names by their tag, class or id: the walk
/// reads a root's children, so a sibling taken in for its prose would keep what its own name says
/// to drop (a "browser-warning" notice beside a short article). The root holding the element that
/// scored best stays whatever its name: it is the article, and the guard judges the rules inside
/// it.
fn without_named(dom: &Dom, roots: Vec<NodeId>, top: NodeId, rules: &InForce<'_>) -> Vec<NodeId> {
    if roots.len() < 2 {
        return roots;
    }
    let named = |r: NodeId| {
        dom.tag(r).is_some_and(|tag| {
            rules
                .element(tag, dom.attr(r, "id"), dom.attr(r, "class"))
                .is_some()
        })
    };
    roots
        .into_iter()
        .filter(|&r| within(dom, top, r) || !named(r))
        .collect()
}

fn tagged_root(dom: &Dom, rules: &InForce<'_>) -> NodeId {
    let body = dom.body();
    let article_names = rules.article_names();
    let mut lower = String::new();
    let mut best_article: Option<(NodeId, usize)> = None;
    let mut main = None;
    let mut named = None;
    for id in dom.descendants(body) {
        match dom.tag(id) {
            Some("article") => {
                let len = text_len(dom, id);
                if best_article.is_none_or(|(_, l)| len > l) {
                    best_article = Some((id, len));
                }
            }
            Some("main") if main.is_none() => main = Some(id),
            Some(_)
                if named.is_none()
                    && element_names(dom.attr(id, "class"), dom.attr(id, "id"))
                        .any(|n| article_names.contains(n, &mut lower)) =>
            {
                named = Some(id)
            }
            _ => {}
        }
    }
    let candidate = best_article.map(|(id, _)| id).or(main).or(named);
    match candidate {
        // an article that holds most of the page's text; otherwise the page is its own article
        Some(id) if text_len(dom, id) * 2 >= text_len(dom, body) => id,
        _ => body,
    }
}

/// Counts what choosing `roots` left out of the page: every element with text beside the roots and
/// beside each of their ancestors up to `<body>`, so that the page chrome is in the report like any
/// removal. The roots may stand at different depths (a lead paragraph beside the body's wrapper).
pub(crate) fn count_outside(dom: &Dom, roots: &[NodeId], report: &mut Report) {
    let body = dom.body();
    let Some(&first) = roots.first() else { return };
    // each root's ancestors up to `<body>`, nearest first, the first root's chain first
    let mut ancestors: Vec<NodeId> = Vec::new();
    for &root in roots {
        let mut at = root;
        while at != body && at != dom.parent(at) {
            at = dom.parent(at);
            if ancestors.contains(&at) {
                break;
            }
            ancestors.push(at);
        }
    }
    // the first root's branch under an ancestor: what stands before it there is before the article
    let first_branch = |ancestor: NodeId| {
        let mut at = first;
        while at != ancestor && at != dom.parent(at) {
            let parent = dom.parent(at);
            if parent == ancestor {
                return Some(dom.position(at));
            }
            at = parent;
        }
        None
    };
    for &parent in &ancestors {
        let own = first_branch(parent);
        let left_out = || {
            dom.children(parent).iter().enumerate().filter(|&(_, &c)| {
                !roots.contains(&c)
                    && !ancestors.contains(&c)
                    && dom.tag(c).is_some()
                    && has_text(dom, c)
            })
        };
        report.count_n(OUTSIDE_ARTICLE.name, left_out().count());
        if let Some(r) = report.recorder() {
            for (k, &c) in left_out() {
                // before the article or after all of it (`finish` brings that to the end)
                let place = if own.is_some_and(|own| k < own) {
                    crate::audit::Place::Before(0)
                } else {
                    crate::audit::Place::End
                };
                let taken = crate::audit::Taken::element(dom, c, None);
                r.push(
                    OUTSIDE_ARTICLE.name,
                    place,
                    crate::audit::element_path(dom, c),
                    taken,
                );
            }
        }
    }
}

fn has_text(dom: &Dom, id: NodeId) -> bool {
    dom.descendants(id)
        .filter_map(|d| dom.text(d))
        .any(|t| t.chars().any(|c| !c.is_whitespace()))
}

fn text_len(dom: &Dom, id: NodeId) -> usize {
    dom.descendants(id)
        .filter(|&d| {
            !dom.tag(dom.parent(d))
                .is_some_and(super::super::mechanics::never_text)
        })
        .filter_map(|d| dom.text(d))
        .map(|t| t.trim().len())
        .sum()
}

/// Whether `body` is a whole page rather than a fragment of one: an `<html`, `<body` or `<!doctype`
/// among the first tags.
pub(crate) fn is_whole_page(body: &str) -> bool {
    let head = &body.as_bytes()[..body.len().min(4096)];
    memchr::memchr_iter(b'<', head).any(|i| {
        let rest = &head[i + 1..];
        let opens = |m: &[u8]| {
            rest.get(..m.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(m))
        };
        // the byte after the `<` settles most tags (`</`, `<p`, `<a`, `<div`) at one look
        match rest.first().map(u8::to_ascii_lowercase) {
            Some(b'h') => opens(b"html"),
            Some(b'b') => opens(b"body"),
            Some(b'!') => opens(b"!doctype"),
            _ => false,
        }
    })
}

/// Whether an element's class or id names hold one of `words` (by the cleaner's name matcher).
pub(crate) fn names_holding(class: Option<&str>, id: Option<&str>, words: &[&str]) -> bool {
    element_names(class, id).any(|n| words.iter().any(|w| super::super::names::matches(n, w)))
}
