//! The `<head>`'s `<meta>` tags, `<link rel=canonical>`, `<base href>`, `<html lang>`, and the
//! by-line and dates written in the page itself.

use std::collections::HashMap;

use crate::clean::article::byline::BylineLexicon;
use crate::clean::article::container::names_holding;
use crate::dom::{Dom, NodeId};

/// The page's meta tags by normalised key (`og:title`, `author`, `article:published_time`), first
/// value kept.
#[derive(Debug, Default)]
pub(super) struct MetaTags {
    values: HashMap<String, String>,
    /// Values of `property=` tags, which win over `name=` ones of the same key: `property` is the
    /// RDFa form that Open Graph and Dublin Core define.
    properties: HashMap<String, String>,
    pub canonical: Option<String>,
    pub base_href: Option<String>,
    pub language: Option<String>,
}

/// A meta key lower case, without spaces, `.` read as `:` (`DC.creator` is `dc:creator`).
fn key(raw: &str) -> String {
    raw.trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c == '.' {
                ':'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl MetaTags {
    pub(super) fn read(dom: &Dom) -> MetaTags {
        let mut tags = MetaTags::default();
        for id in dom.descendants(0) {
            match dom.tag(id) {
                Some("meta") => {
                    let Some(content) = dom.attr(id, "content").map(collapse) else {
                        continue;
                    };
                    if content.is_empty() {
                        continue;
                    }
                    // property="og:title article:title" names two keys at once
                    let property = dom.attr(id, "property").unwrap_or("");
                    for k in property.split_whitespace().map(key) {
                        tags.properties.entry(k).or_insert_with(|| content.clone());
                    }
                    if let Some(name) = dom.attr(id, "name").or(dom.attr(id, "itemprop")) {
                        tags.values.entry(key(name)).or_insert(content);
                    }
                }
                Some("link") if tags.canonical.is_none() => {
                    let rel = dom.attr(id, "rel").unwrap_or("");
                    if rel
                        .split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                    {
                        tags.canonical = dom.attr(id, "href").map(|h| h.trim().to_string());
                    }
                }
                Some("base") if tags.base_href.is_none() => {
                    tags.base_href = dom.attr(id, "href").map(|h| h.trim().to_string());
                }
                Some("html") if tags.language.is_none() => {
                    tags.language = dom
                        .attr(id, "lang")
                        .or(dom.attr(id, "xml:lang"))
                        .map(|l| l.trim().to_string())
                        .filter(|l| !l.is_empty());
                }
                _ => {}
            }
        }
        if tags.language.is_none() {
            tags.language = tags
                .get("og:locale")
                .or_else(|| tags.get("content-language"))
                .or_else(|| tags.get("language"));
        }
        tags
    }

    pub(super) fn get(&self, key: &str) -> Option<String> {
        self.properties
            .get(key)
            .or_else(|| self.values.get(key))
            .cloned()
    }

    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.get(k))
    }

    /// Dublin Core first, then Open Graph, then the plain and Twitter names.
    pub(super) fn title(&self) -> Option<String> {
        self.first(&[
            "dc:title",
            "dcterm:title",
            "og:title",
            "weibo:article:title",
            "weibo:webpage:title",
            "title",
            "twitter:title",
            "parsely-title",
        ])
    }

    /// An author's name; a profile URL (`article:author` often is one) is no name.
    pub(super) fn author(&self) -> Option<String> {
        [
            "dc:creator",
            "dcterm:creator",
            "author",
            "parsely-author",
            "article:author",
            "byl",
        ]
        .iter()
        .filter_map(|k| self.get(k))
        .find(|a| !a.contains("://"))
        .map(|a| without_by(&a))
    }

    pub(super) fn published(&self) -> Option<String> {
        self.first(&[
            "article:published_time",
            "datepublished",
            "parsely-pub-date",
            "pubdate",
            "publishdate",
            // the other names sites and their CMS give it (Open Graph's variants, Sina's Weibo
            // card, Dublin Core's terms, scholarly citation tags, Sailthru's)
            "og:published_time",
            "og:pubdate",
            "og:release_date",
            "weibo:article:create_at",
            "publish_date",
            "publish-date",
            "published_date",
            "published-date",
            "release_date",
            "dcterms:issued",
            "dcterms:created",
            "dcterms:date",
            "dc:date:issued",
            "citation_publication_date",
            "citation_date",
            "sailthru:date",
            "dc:date",
            "date",
        ])
    }

    pub(super) fn description(&self) -> Option<String> {
        self.first(&[
            "dc:description",
            "dcterm:description",
            "og:description",
            "weibo:article:description",
            "weibo:webpage:description",
            "description",
            "twitter:description",
        ])
    }
}

/// A by-line without its leading "By": the name is what the field holds.
fn without_by(byline: &str) -> String {
    let t = byline.trim();
    match t.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => t[3..].trim().to_string(),
        _ => t.to_string(),
    }
}

/// An element's text, whitespace collapsed.
fn text_of(dom: &Dom, id: NodeId) -> String {
    let text: Vec<&str> = dom.descendants(id).filter_map(|d| dom.text(d)).collect();
    collapse(&text.join(" "))
}

/// The by-line written in the page: the first element marked as the author's (`rel=author`, an
/// `itemprop` or class or id word of the by-line kind) whose text reads as a name, looked for in the
/// article first and then in the whole page. Inside it, an `itemprop=name` is the name itself.
pub(super) fn byline_in_page(dom: &Dom, roots: &[NodeId]) -> Option<String> {
    let scopes = roots.iter().copied().chain(std::iter::once(dom.body()));
    for scope in scopes {
        for id in dom.descendants(scope) {
            if !is_byline(dom, id) {
                continue;
            }
            let named = dom
                .descendants(id)
                .find(|&d| dom.attr(d, "itemprop").is_some_and(|p| p.contains("name")))
                .map(|d| text_of(dom, d))
                .filter(|t| !t.is_empty());
            let text = without_by(&named.unwrap_or_else(|| text_of(dom, id)));
            // a dateline ("CAIRO —") or a teaser's line under a by-line class names nobody: the
            // next element marked so may
            if text.chars().count() < 100 && reads_as_byline(&text) {
                return Some(text);
            }
        }
    }
    None
}

/// Whether an element's text can be a by-line: not a dateline, which ends in a dash ("CAIRO —",
/// "WASHINGTON (Reuters) -"), and not a teaser's title under a by-line class (a sentence: more than
/// a few words in lower case, or a colon after three words). What else it holds beside the name (a date, "Edited by") the
/// by-line pass reads later.
fn reads_as_byline(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    let lower_words = text
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .count();
    // a label's colon stands after a word or two ("By:", "Last updated:"); later, a headline's
    // (a time's colon, "3:46 PM", is neither)
    let headline_colon = text.match_indices(crate::cjk::COLONS).any(|(at, c)| {
        !text[at + c.len()..].starts_with(|d: char| d.is_ascii_digit())
            && text[..at].split_whitespace().count() > 2
    });
    !text.is_empty()
        && !headline_colon
        && !text.ends_with(['—', '–', '-'])
        && lower_words <= MAX_LOWER_WORDS
        && words <= MAX_WORDS
}

/// The most words in lower case a by-line holds ("by", "and", "edited by", "avec … et").
const MAX_LOWER_WORDS: usize = 4;
/// The most words a by-line holds: two names with their labels, or a name and a date and time.
const MAX_WORDS: usize = 10;

fn is_byline(dom: &Dom, id: NodeId) -> bool {
    let Some(tag) = dom.tag(id) else { return false };
    if matches!(tag, "script" | "style" | "meta" | "link" | "img") {
        return false;
    }
    dom.attr(id, "rel")
        .is_some_and(|r| r.split_whitespace().any(|w| w == "author"))
        || dom
            .attr(id, "itemprop")
            .is_some_and(|p| p.split_whitespace().any(|w| w == "author"))
        || names_holding(dom.attr(id, "class"), dom.attr(id, "id"), BYLINE_WORDS)
}

/// Class and id words of by-line elements.
const BYLINE_WORDS: &[&str] = &[
    "byline",
    "author",
    // the word in Spanish, Portuguese, German, Polish, Czech
    "autor",
    "dateline",
    "writtenby",
    "p-author",
];

/// The name and date of the page's metadata line that stands between its headline (the first
/// `<h1>`, else the element before the container whose text is the page's title: div soup sets
/// its headline in a `<div class="tit">`) and the article's container, outside both: "2019-05-06 10:20 来源：示例日报 编辑：李四" in a
/// block under the headline that the container left out, where the by-line pass cannot see it.
/// Each of the largest elements there with at most [`HEAD_LINE_MAX_CHARS`] characters is read as
/// a head line; the first that is metadata through and through and dates the page gives its date,
/// and a by-line read before it on a line of its own the name, when the date's line names nobody.
pub(super) fn head_line(
    dom: &Dom,
    roots: &[NodeId],
    title: Option<&str>,
    lexicon: &BylineLexicon,
) -> Option<(Option<String>, Option<String>)> {
    let body = dom.body();
    let &first_root = roots.first()?;
    // the article's body: the first root longer than a dek (a short root before it is the dek
    // the container choice joined, and the by-line may stand under it)
    let body_root = roots
        .iter()
        .copied()
        .find(|&r| text_of(dom, r).chars().count() > DEK_ROOT_MAX_CHARS)
        .unwrap_or(first_root);
    let first_h1 = dom.descendants(body).find(|&d| dom.tag(d) == Some("h1"));
    let titled = title.and_then(|t| titled_element(dom, first_root, t));
    // a blog's `<h1>` is often its own name over every post ("老林的博客"), the post's headline an
    // `<h2>` under it: the element that says the title is the headline then, when the `<h1>` does
    // not say it and stands before it
    let h1 = match (first_h1, titled) {
        (Some(h), Some(t))
            if !title.is_some_and(|tt| says_title(dom, h, tt))
                && dom.descendants(body).find(|&d| d == h || d == t) == Some(h) =>
        {
            t
        }
        (Some(h), _) => h,
        (None, t) => t?,
    };
    let inside = |d: NodeId, outer: NodeId| crate::clean::article::container::within(dom, d, outer);
    // a headline inside the container: its head lines are the by-line pass's
    if roots.iter().any(|&r| inside(h1, r)) {
        return None;
    }
    let mut after_h1 = false;
    let mut looked = 0;
    let mut by = None;
    for d in dom.descendants(body) {
        // the article before its headline: no head line between them
        if d == body_root {
            break;
        }
        if d == h1 {
            after_h1 = true;
            continue;
        }
        // before the headline nothing is read; a headline's ancestors all come before it
        if !after_h1 {
            continue;
        }
        // an element around the article, opened after the headline: what it holds before the
        // article still stands between them (a forum's post: the poster's line, then the post)
        if inside(body_root, d) || dom.tag(d).is_none() || inside(d, h1) {
            continue;
        }
        let parent = dom.parent(d);
        // the largest short element: its parent holds the headline or more text; texts read only
        // as far as the limit, as under the article
        let Some(text) = short_text(dom, d).filter(|t| !t.is_empty()) else {
            continue;
        };
        if !(inside(h1, parent) || short_text(dom, parent).is_none()) {
            continue;
        }
        looked += 1;
        match crate::clean::article::byline::head_line(&text, lexicon) {
            Some((name, Some(day))) => return Some((name.or(by), Some(day))),
            // a by-line of its own, the date on a line under it ("Por Lucía Paredes")
            Some((Some(name), None)) => {
                by.get_or_insert(name);
            }
            _ => {
                // the date beside words the lexicon does not know: a date, but nobody's name
                if let Some(day) = crate::clean::article::byline::dated_line(&text, lexicon) {
                    return Some((by, Some(day)));
                }
            }
        }
        if looked >= HEAD_LINES_LOOKED_AT {
            break;
        }
    }
    by.map(|name| (Some(name), None))
}

/// The element before `first_root` holding a text that is `title` or its part before the site's
/// name (whitespace aside): the headline of a page that has no `<h1>`.
fn titled_element(dom: &Dom, first_root: NodeId, title: &str) -> Option<NodeId> {
    let forms = title_forms(title);
    if forms.is_empty() {
        return None;
    }
    dom.descendants(dom.body())
        .take_while(|&d| d != first_root)
        .find(|&d| {
            dom.text(d).is_some_and(|t| {
                forms
                    .iter()
                    .any(|f| t.split_whitespace().eq(f.iter().copied()))
            })
        })
        .map(|d| dom.parent(d))
}

/// Whether element `e`'s text is `title` or its part before the site's name (whitespace aside).
fn says_title(dom: &Dom, e: NodeId, title: &str) -> bool {
    let text: String = dom
        .descendants(e)
        .filter_map(|d| dom.text(d))
        .take(SAYS_TITLE_TEXTS)
        .collect::<Vec<_>>()
        .join(" ");
    title_forms(title)
        .iter()
        .any(|f| text.split_whitespace().eq(f.iter().copied()))
}

/// The most text nodes of a headline read to compare it with the title.
const SAYS_TITLE_TEXTS: usize = 8;

/// The title as the page writes it, and its first part before the site's name ("冬天的菜园" of
/// "冬天的菜园_小园日记_新浪博客", "Notes" of "Notes | Site"), each as its words.
fn title_forms(title: &str) -> Vec<Vec<&str>> {
    let head = title
        .split(['_', '|'])
        .next()
        .and_then(|h| h.split(" - ").next())
        .and_then(|h| h.split(" – ").next())
        .map(before_tight_hyphen)
        .unwrap_or(title);
    [title, head]
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect()
}

/// `title` up to a hyphen set between ideographs without spaces, as Chinese portals part the
/// headline from the site's name ("我县举办农民丰收节活动-县政府网"); a hyphen in a word ("COVID-19")
/// parts nothing.
fn before_tight_hyphen(title: &str) -> &str {
    let mut prev: Option<char> = None;
    let mut chars = title.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '-' | '－' | '—')
            && prev.is_some_and(crate::cjk::is_ideograph)
            && chars
                .peek()
                .is_some_and(|&(_, n)| crate::cjk::is_ideograph(n))
        {
            return &title[..i];
        }
        prev = Some(c);
    }
    title
}

/// The date a labelled line right after the article gives ("发布日期：2026-12-04" in a footer under
/// the text): the first of the few short elements after the last root that is one
/// ([`crate::clean::article::byline::labelled_day`]).
pub(super) fn tail_line(dom: &Dom, roots: &[NodeId], lexicon: &BylineLexicon) -> Option<String> {
    let &last_root = roots.last()?;
    let inside = |d: NodeId, outer: NodeId| crate::clean::article::container::within(dom, d, outer);
    let mut seen_root = false;
    let (mut looked, mut visited) = (0, 0);
    for d in dom.descendants(dom.body()) {
        if d == last_root {
            seen_root = true;
            continue;
        }
        if !seen_root || inside(d, last_root) || dom.tag(d).is_none() {
            continue;
        }
        // a footer of thousands of elements is not read to its end: the line stands right under
        // the article or not at all
        visited += 1;
        if visited > TAIL_ELEMENTS_VISITED {
            break;
        }
        // the largest short element, as under the headline; texts read only as far as the limit
        let Some(text) = short_text(dom, d).filter(|t| !t.is_empty()) else {
            continue;
        };
        let parent = dom.parent(d);
        if parent != dom.body() && short_text(dom, parent).is_some() {
            continue;
        }
        if let Some(day) = crate::clean::article::byline::labelled_day(&text, lexicon) {
            return Some(day);
        }
        looked += 1;
        if looked >= HEAD_LINES_LOOKED_AT {
            break;
        }
    }
    None
}

/// How many elements after the article [`tail_line`] reads at most.
const TAIL_ELEMENTS_VISITED: usize = 400;

/// How many nodes [`short_text`] walks at most: an element of more is no short line.
const SHORT_TEXT_NODES: usize = 2_000;

/// The text of `id`, whitespace collapsed, when it has at most [`HEAD_LINE_MAX_CHARS`] characters
/// besides whitespace and at most [`SHORT_TEXT_NODES`] nodes: read only as far as it takes to
/// tell.
fn short_text(dom: &Dom, id: NodeId) -> Option<String> {
    let mut pieces = Vec::new();
    let mut chars = 0;
    for (k, d) in dom.descendants(id).enumerate() {
        if k >= SHORT_TEXT_NODES {
            return None;
        }
        if let Some(t) = dom.text(d) {
            chars += t.chars().filter(|c| !c.is_whitespace()).count();
            if chars > HEAD_LINE_MAX_CHARS {
                return None;
            }
            pieces.push(t);
        }
    }
    let text = collapse(&pieces.join(" "));
    (text.chars().count() <= HEAD_LINE_MAX_CHARS).then_some(text)
}

/// A root of the article this short before its body is a dek, not the body.
const DEK_ROOT_MAX_CHARS: usize = 400;
/// The longest head line read for a date.
const HEAD_LINE_MAX_CHARS: usize = 100;
/// How many elements under the headline are read before the search gives up.
const HEAD_LINES_LOOKED_AT: usize = 6;

/// The first `<time datetime>` in the article, else in the page.
/// The name and date of the article's meta line, read from the element a rule removes as the post's
/// meta ("Posted on November 12, 2026 by Ellen" in a `div.post-meta`): the first element in the
/// article whose class or id holds a word of [`META_WORDS`] and whose text, at most
/// [`META_LINE_MAX_CHARS`] characters, is metadata through and through.
pub(super) fn meta_line(
    dom: &Dom,
    roots: &[NodeId],
    lexicon: &BylineLexicon,
) -> Option<(Option<String>, Option<String>)> {
    roots.iter().find_map(|&root| {
        dom.descendants(root).find_map(|d| {
            if !names_holding(dom.attr(d, "class"), dom.attr(d, "id"), META_WORDS) {
                return None;
            }
            let text = text_of(dom, d);
            if text.is_empty() || text.chars().count() > META_LINE_MAX_CHARS {
                return None;
            }
            crate::clean::article::byline::head_line(&text, lexicon)
                .filter(|(name, day)| name.is_some() || day.is_some())
        })
    })
}

/// Class and id words of a post's meta line (blog themes' `post-meta`, `entry-meta`, `posted-on`).
const META_WORDS: &[&str] = &[
    "post-meta",
    "entry-meta",
    "article-meta",
    "postmeta",
    "entrymeta",
    "posted-on",
    "post-info",
    "entry-info",
    "post-date",
    "entry-date",
];

/// The longest meta line read (characters): a date, a by-line and a few counts.
const META_LINE_MAX_CHARS: usize = 120;

/// Else the first element a microformat marks as the entry's publication (`class="published"` of
/// hAtom, `dt-published` of h-entry) with its date in a `title` or `datetime` attribute, as blog
/// platforms print it (`<abbr class="published" title="2004-12-27T22:10:00-08:00">10:10
/// PM</abbr>`).
pub(super) fn first_time<'d>(dom: &'d Dom, roots: &[NodeId]) -> Option<String> {
    let time = |d: NodeId| {
        (dom.tag(d) == Some("time"))
            .then(|| dom.attr(d, "datetime"))
            .flatten()
    };
    let published = |d: NodeId| {
        let marked = dom.attr(d, "class").is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|w| w == "published" || w == "dt-published")
        });
        marked
            .then(|| dom.attr(d, "datetime").or_else(|| dom.attr(d, "title")))
            .flatten()
            // a date written out from its year ("2004-12-27T…"), not a tooltip's words
            .filter(|v| {
                let v = v.trim().as_bytes();
                v.len() >= 10 && v[..4].iter().all(u8::is_ascii_digit) && v[4] == b'-'
            })
    };
    for pick in [&time as &dyn Fn(NodeId) -> Option<&'d str>, &published] {
        let scopes = roots.iter().copied().chain(std::iter::once(dom.body()));
        for scope in scopes {
            let found = dom
                .descendants(scope)
                .find_map(pick)
                .map(str::trim)
                .filter(|t| !t.is_empty());
            if let Some(t) = found {
                return Some(t.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_tight_hyphen_parts_a_portal_title_between_ideographs() {
        assert_eq!(
            super::before_tight_hyphen("我县举办农民丰收节活动-县政府网"),
            "我县举办农民丰收节活动"
        );
        assert_eq!(
            super::before_tight_hyphen("新冠COVID-19疫苗"),
            "新冠COVID-19疫苗"
        );
        assert_eq!(
            super::before_tight_hyphen("Night trains - The Ledger"),
            "Night trains - The Ledger"
        );
    }
    use super::reads_as_byline;

    #[test]
    fn a_dateline_or_a_teaser_title_is_no_byline() {
        for byline in [
            "Erin Cunningham",
            "GILLIAN MOHNEY March 11, 2015 3:46 PM",
            "Written by Rob Ewaschuk Edited by Betsy Beyer",
            "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
            "Last Updated: January 7, 2025",
            "王明",
        ] {
            assert!(reads_as_byline(byline), "{byline}");
        }
        for not in [
            "CAIRO —",
            "WASHINGTON (Reuters) -",
            "Michael Isikoff Trump’s inauguration: ticket packages, $25,000 to $1 million",
            "Matt Bai The real problem behind fake news",
        ] {
            assert!(!reads_as_byline(not), "{not}");
        }
    }
}
