//! Rules scoped to sites, and the rules in force for one post.
//!
//! A rule with `sites: [example.com]` fires on posts from `example.com` and its subdomains. Rules for
//! every site are compiled once; scoped rules are indexed by host, and the tables for a post's site
//! are built the first time a post from it comes by, then shared. A rules file with no scoped rule
//! costs nothing per post: the source URL is not even parsed. One with thousands of them costs a
//! few hash lookups per post (one per label of the host) once each site's tables are built.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use url::Url;

use super::article::shape::Lexicon;
use super::compiled::{
    Announced, Compiled, PHRASE_LINE_MAX_BYTES, PHRASE_LINE_MAX_CHARS, PHRASES_LINE_MAX_CHARS,
};
use super::names::{NameSet, element_names};
use super::rules::{Rule, RuleSet};

/// Scoped rules by host, and the tables built for the sets of them seen so far.
#[derive(Debug, Default)]
pub(crate) struct SiteIndex {
    /// Lower-case host → the scoped rules naming it, in rule order.
    hosts: HashMap<String, Vec<usize>>,
    /// Tables per set of scoped rules (many hosts share one set: every subdomain of a site).
    built: Mutex<HashMap<Vec<usize>, Arc<Compiled>>>,
}

impl SiteIndex {
    pub(crate) fn new(rules: &[Rule]) -> SiteIndex {
        let mut hosts: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            for site in &r.sites {
                let list = hosts.entry(normalize_host(site)).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        SiteIndex {
            hosts,
            built: Mutex::default(),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.hosts.is_empty()
    }

    /// The tables of the scoped rules that fire on `host`, if any.
    fn tables(&self, host: &str, rules: &[Rule]) -> Option<Arc<Compiled>> {
        let host = normalize_host(host);
        // `news.example.com` is looked up as itself, `example.com` and `com`
        let mut labels = Some(host.as_str());
        let mut hits: Vec<usize> = Vec::new();
        while let Some(h) = labels {
            if let Some(list) = self.hosts.get(h) {
                hits.extend(list);
            }
            labels = h.split_once('.').map(|(_, rest)| rest);
        }
        if hits.is_empty() {
            return None;
        }
        hits.sort_unstable();
        hits.dedup();
        // a poisoned lock only means another thread panicked while inserting: the map is still sound
        let mut built = self.built.lock().unwrap_or_else(PoisonError::into_inner);
        let tables = built.entry(hits).or_insert_with_key(|hits| {
            Arc::new(Compiled::new(hits.iter().map(|&i| (i, &rules[i]))))
        });
        Some(Arc::clone(tables))
    }

    #[cfg(test)]
    pub(crate) fn built_count(&self) -> usize {
        self.built
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

/// Announced titles are short: a longer line after "延伸阅读：" is a sentence of the article's.
const ANNOUNCED_TITLE_MAX_CHARS: usize = 80;

/// The rule announcing the line when it is an announcer, a colon or bracket and a title
/// (`announced` is what [`Compiled::announced_line`] made of the line).
fn announced_title(announced: Option<Announced<'_>>) -> Option<usize> {
    let Announced { rule, title, bare } = announced?;
    let chars = title.chars().count();
    (!bare && chars > 0 && chars <= ANNOUNCED_TITLE_MAX_CHARS).then_some(rule)
}

/// Hosts compare in lower case, without a trailing dot.
pub(crate) fn normalize_host(host: &str) -> String {
    host.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// The rule announcing the line when it is an announcer, a colon or bracket and a title that is
/// all link text (`linked` counts the line's linked characters, whitespace left out): a link's
/// whole label is a title however long, never a sentence of the article's.
fn announced_link(
    announced: Option<Announced<'_>>,
    linked: &mut dyn FnMut() -> usize,
) -> Option<usize> {
    let Announced { rule, title, .. } = announced?;
    let chars = crate::model::inlines::visible_chars(title);
    (chars > 0 && chars <= PHRASE_LINE_MAX_CHARS && linked() + ANNOUNCED_LINK_SLACK >= chars)
        .then_some(rule)
}

/// Characters of a linked title that may stand outside its link (closing punctuation, a bracket).
const ANNOUNCED_LINK_SLACK: usize = 3;

/// Whether a `sites` entry is a host name rather than, say, a URL.
pub(crate) fn is_host(site: &str) -> bool {
    let s = site.trim();
    !s.is_empty()
        && !s.starts_with('.')
        && !s
            .contains(|c: char| c.is_whitespace() || matches!(c, '/' | ':' | '*' | '?' | '#' | '@'))
}

/// The rules in force for one post: those for every site, and those scoped to the post's site.
pub(crate) struct InForce<'r> {
    set: &'r RuleSet,
    site: Option<Arc<Compiled>>,
    /// The outlet's names (see [`super::article::outlet`]), once the post's metadata is read.
    outlet: Vec<String>,
    /// What the rules made of elements' class attributes, by the whole attribute: a page gives
    /// the same few class lists to many elements, and one lookup of the list costs far less than
    /// looking up each of its words in every table. The keys are input, so the map has std's
    /// keyed hash (not the rule tables' FxHash) and holds at most [`CLASS_LISTS_KEPT`] of them.
    class_lists: RefCell<HashMap<String, ClassList>>,
    /// The class list asked last and its answer: an element's token rule and its hidden class ask
    /// for the same list one after the other, and a comparison costs less than the keyed hash.
    last_class_list: RefCell<(String, Option<ClassList>)>,
}

/// What the rules make of one class list: the rule of the first class a token matches, and the
/// rule of the first class a hidden-class rule names, each by its place in the rules.
#[derive(Clone, Copy)]
struct ClassList {
    token: Option<usize>,
    hidden: Option<usize>,
}

/// `text.chars().count()`, as the bytes that start a character (all but UTF-8's continuation
/// bytes), counted a vector at a time: the phrase rules count every line longer than their limit
/// in bytes.
fn char_count(text: &str) -> usize {
    crate::repair::count_where(text.as_bytes(), |b| (b as i8) >= -0x40)
}

/// How many class lists [`InForce`] keeps answers for: a page has a few hundred at most; a hostile
/// one with a different list on every element is read past this without keeping them.
const CLASS_LISTS_KEPT: usize = 4096;

/// The class lists [`InForce`] makes room for at its first.
const CLASS_LISTS_FIRST: usize = 32;

impl<'r> InForce<'r> {
    /// The rules for a post from `source_url` (its front matter's source), else from `base`.
    pub(crate) fn new(
        set: &'r RuleSet,
        source_url: Option<&str>,
        base: Option<&Url>,
    ) -> InForce<'r> {
        let site = if set.sites.is_empty() {
            None
        } else {
            let parsed = source_url.and_then(|u| Url::parse(u.trim()).ok());
            parsed
                .as_ref()
                .and_then(Url::host_str)
                .or_else(|| base.and_then(Url::host_str))
                .and_then(|host| set.sites.tables(host, &set.file.rules))
        };
        InForce {
            set,
            site,
            outlet: Vec::new(),
            class_lists: RefCell::default(),
            last_class_list: RefCell::default(),
        }
    }

    /// Sets the outlet's names, from the metadata read with the page's or post's head.
    pub(crate) fn set_outlet(&mut self, keys: Vec<String>) {
        self.outlet = keys;
    }

    /// The outlet's names, folded (see [`super::article::outlet::names`]).
    pub(crate) fn outlet(&self) -> &[String] {
        &self.outlet
    }

    fn name(&self, i: usize) -> &'r str {
        &self.set.file.rules[i].name
    }

    /// The first rule's name among the answers of every table in force.
    fn first(&self, mut ask: impl FnMut(&Compiled) -> Option<usize>) -> Option<&'r str> {
        self.first_at(|_, c| ask(c))
    }

    /// [`Self::first`], the question told which table it asks (0 for every site's, 1 for the
    /// post's site's).
    fn first_at(&self, ask: impl FnMut(usize, &Compiled) -> Option<usize>) -> Option<&'r str> {
        self.first_index(ask).map(|i| self.name(i))
    }

    /// [`Self::first_at`], the rule by its place in the rules.
    fn first_index(&self, mut ask: impl FnMut(usize, &Compiled) -> Option<usize>) -> Option<usize> {
        let everywhere = ask(0, &self.set.everywhere);
        let here = self.site.as_deref().and_then(|c| ask(1, c));
        match (everywhere, here) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn tables(&self) -> impl Iterator<Item = &Compiled> {
        std::iter::once(&self.set.everywhere).chain(self.site.as_deref())
    }

    /// The rule that removes an element with this tag, id and class: by tag first, then by the first
    /// of its names (classes, then id) that a token matches.
    pub(crate) fn element(
        &self,
        tag: &str,
        id: Option<&str>,
        class: Option<&str>,
    ) -> Option<&'r str> {
        if let Some(rule) = self.first(|c| c.tag(tag)) {
            return Some(rule);
        }
        // the article's own roots hold the article, whatever their classes say
        if matches!(tag, "html" | "body" | "main" | "article")
            || self.tables().all(|c| c.tokens().is_empty())
        {
            return None;
        }
        let mut lower = String::new();
        // the names in order, classes then id (see `element_names`): the classes' answer is
        // looked up by the whole list
        if let Some(rule) = class.and_then(|class| self.class_list(class, &mut lower).token) {
            return Some(self.name(rule));
        }
        for name in element_names(None, id) {
            if let Some(rule) = self.token_rule(name, &mut lower) {
                return Some(self.name(rule));
            }
        }
        None
    }

    /// What the rules make of the class list `class`, kept for the next element with the same
    /// list.
    fn class_list(&self, class: &str, lower: &mut String) -> ClassList {
        if let (last, Some(known)) = &*self.last_class_list.borrow() {
            if last == class {
                return *known;
            }
        }
        let list = self.class_list_kept(class, lower);
        let mut last = self.last_class_list.borrow_mut();
        last.0.clear();
        last.0.push_str(class);
        last.1 = Some(list);
        list
    }

    /// [`InForce::class_list`] from the lists kept, or worked out and kept.
    fn class_list_kept(&self, class: &str, lower: &mut String) -> ClassList {
        if let Some(&known) = self.class_lists.borrow().get(class) {
            return known;
        }
        let token = element_names(Some(class), None).find_map(|name| self.token_rule(name, lower));
        let hidden = class
            .split_ascii_whitespace()
            .find_map(|n| self.first_index(|_, c| c.hidden_classes().first(n, lower)));
        let list = ClassList { token, hidden };
        let mut kept = self.class_lists.borrow_mut();
        // room for a page's usual few dozen lists at the first: grown from empty, the map hashed
        // its keys again at every doubling
        if kept.capacity() == 0 {
            kept.reserve(CLASS_LISTS_FIRST);
        }
        if kept.len() < CLASS_LISTS_KEPT {
            kept.insert(class.to_owned(), list);
        }
        list
    }

    /// The rule whose token matches the element name `name`, unless it names a topic.
    fn token_rule(&self, name: &str, lower: &mut String) -> Option<usize> {
        if self.set.topics.contains(name, lower) {
            return None;
        }
        self.first_index(|_, c| c.tokens().first(name, lower))
    }

    /// The rule that removes SVG and MathML content.
    pub(crate) fn foreign(&self) -> Option<&'r str> {
        self.first(Compiled::foreign)
    }

    /// The rule that removes elements hidden by the `hidden` attribute or an inline style.
    pub(crate) fn hidden(&self) -> Option<&'r str> {
        self.first(Compiled::hidden)
    }

    /// The rule that removes an element with one of these classes as hidden.
    pub(crate) fn hidden_class(&self, class: &str) -> Option<&'r str> {
        if self.tables().all(|c| c.hidden_classes().is_empty()) {
            return None;
        }
        let mut lower = String::new();
        self.class_list(class, &mut lower)
            .hidden
            .map(|i| self.name(i))
    }

    /// The rule whose phrase marks a line with this text as boilerplate.
    pub(crate) fn line(&self, text: &str) -> Option<&'r str> {
        self.line_announced(text, &mut [None, None], &mut None)
    }

    /// [`Self::line`], with what each table's announcers make of the line kept in `announced`
    /// (per table, as [`Self::first_at`] numbers them) once read, and its characters in `chars`
    /// once counted.
    fn line_announced<'t>(
        &self,
        text: &'t str,
        announced: &mut [Option<Option<Announced<'t>>>; 2],
        chars: &mut Option<usize>,
    ) -> Option<&'r str> {
        // a text has no more characters than bytes: a short one is not counted
        let mut more_chars_than =
            |max: usize| text.len() > max && *chars.get_or_insert_with(|| char_count(text)) > max;
        if text.len() > PHRASE_LINE_MAX_BYTES || more_chars_than(PHRASE_LINE_MAX_CHARS) {
            if text.len() > PHRASES_LINE_MAX_CHARS * 4 || more_chars_than(PHRASES_LINE_MAX_CHARS) {
                return None;
            }
            return self.first(|c| c.phrases_of_one_rule(text));
        }
        self.first_at(|k, c| {
            c.line(text).or_else(|| {
                announced_title(*announced[k].get_or_insert_with(|| c.announced_line(text)))
            })
        })
    }

    /// The rule whose phrase marks a line with this text as boilerplate ([`Self::line`]), else
    /// the rule announcing it as a line that points to another article by a link (see
    /// `announced_link`); `linked` is asked only when an announcer opens the line. Each table's
    /// announcers read the line once for both.
    pub(crate) fn line_or_announced_link(
        &self,
        text: &str,
        mut linked: impl FnMut() -> usize,
    ) -> Option<&'r str> {
        let (mut announced, mut chars) = ([None, None], None);
        if let Some(rule) = self.line_announced(text, &mut announced, &mut chars) {
            return Some(rule);
        }
        // a text has no more characters than bytes: a short one is not counted
        if text.len() > PHRASES_LINE_MAX_CHARS
            && *chars.get_or_insert_with(|| char_count(text)) > PHRASES_LINE_MAX_CHARS
        {
            return None;
        }
        let mut count = None;
        self.first_at(|k, c| {
            announced_link(
                *announced[k].get_or_insert_with(|| c.announced_line(text)),
                &mut || *count.get_or_insert_with(&mut linked),
            )
        })
    }

    /// The rule one of whose whole lines `text` is: how the shape pass finds a learned stock
    /// sentence inside a paragraph whose lines a feed ran together.
    pub(crate) fn whole_line(&self, text: &str) -> Option<&'r str> {
        self.first(|c| c.whole_line(text))
    }

    /// The rule that removes images with this URL.
    pub(crate) fn image(&self, url: &str) -> Option<&'r str> {
        self.first(|c| c.image(url))
    }

    /// The players of video and audio platforms that become links.
    pub(crate) fn media(&self) -> &'r [super::media::Platform] {
        &self.set.file.media
    }

    /// The rule that removes the bare links after a boilerplate line.
    pub(crate) fn trailing_links(&self) -> Option<&'r str> {
        self.first(Compiled::trailing_links)
    }

    /// The rule that removes a row of links to index pages, when a URL whose
    /// [`index_segment`](crate::clean::compiled::index_segment) is `segment` is one's (a tag's, a
    /// topic's page). The segment is read once for every table.
    pub(crate) fn index_path(&self, segment: &str) -> Option<&'r str> {
        self.first(|c| c.index_path(segment))
    }

    /// The rule that removes a link with this `rel`.
    pub(crate) fn rel(&self, rel: &str) -> Option<&'r str> {
        self.first(|c| c.rel(rel))
    }

    /// The rule that removes a link to `url` wrapping only images.
    pub(crate) fn banner_link(&self, url: &str) -> Option<&'r str> {
        self.first(|c| c.banner_link(url))
    }

    /// The rule that removes a link with this text.
    pub(crate) fn link_text(&self, text: &str) -> Option<&'r str> {
        self.first(|c| c.link_text(text))
    }

    /// Whether any rule announces link lists, so that blocks need no look otherwise.
    pub(crate) fn has_announcers(&self) -> bool {
        self.tables().any(Compiled::has_announcers)
    }

    /// Blocks with more text bytes than this announce nothing.
    pub(crate) fn announcer_cap(&self) -> usize {
        self.tables()
            .map(Compiled::announcer_cap)
            .max()
            .unwrap_or(0)
    }

    /// The rule announcing with `text` (trimmed of spaces and colons, lower-cased).
    pub(crate) fn announcer(&self, text: &str) -> Option<&'r str> {
        self.first(|c| c.announcer(text))
    }

    /// The rule whose announcer begins `text` (trimmed and lower-cased), when `text` is at most
    /// `max_chars` long.
    pub(crate) fn announcer_prefix(&self, text: &str, max_chars: usize) -> Option<&'r str> {
        if text.chars().count() > max_chars {
            return None;
        }
        self.first(|c| c.announcer_prefix(text))
    }

    /// The rule that removes lists of links to other articles.
    pub(crate) fn link_lists(&self) -> Option<&'r str> {
        self.first(Compiled::link_lists)
    }

    /// The rule that removes paragraphs made only of hashtags.
    pub(crate) fn hashtags(&self) -> Option<&'r str> {
        self.first(Compiled::hashtags)
    }

    /// Class and id names of the element holding the article on a whole page.
    pub(crate) fn article_names(&self) -> &'r NameSet {
        &self.set.articles
    }

    /// How a whole page's article is scored, when the rules say.
    pub(crate) fn page(&self) -> Option<&'r super::article::container::score::PageLexicon> {
        self.set.page.as_ref()
    }

    /// The shape score's lexicon, when the rules have one.
    pub(crate) fn shape(&self) -> Option<&'r Lexicon> {
        self.set.shape.as_ref()
    }

    /// Whether the rule named `rule` lets a thread it matched go whatever its share (`threads: true`).
    pub(crate) fn threads(&self, rule: &str) -> bool {
        self.set
            .file
            .rules
            .iter()
            .any(|r| r.name == rule && r.threads)
    }

    /// The boundary model, when the rules have one.
    pub(crate) fn boundary(&self) -> Option<&'r super::article::boundary::Model> {
        self.set.boundary.as_ref()
    }

    /// The head-metadata lexicon, when the rules have one.
    pub(crate) fn bylines(&self) -> Option<&'r super::article::byline::BylineLexicon> {
        self.set.bylines.as_ref()
    }

    /// The photo-credit lexicon, when the rules have one.
    pub(crate) fn credits(&self) -> Option<&'r super::credits::CreditLexicon> {
        self.set.credits.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::super::rules::{Rule, Rules};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn characters_are_counted_as_chars_counts_them(text in "\\PC{0,400}") {
            prop_assert_eq!(super::char_count(&text), text.chars().count());
        }
    }

    fn scoped() -> Rules {
        Rules::from_rules([
            Rule::new("everywhere").tokens(["box"]),
            Rule::new("here")
                .sites(["Example.com."])
                .tokens(["widget", "box"]),
            Rule::new("there").sites(["other.org"]).tokens(["widget"]),
        ])
        .unwrap()
    }

    fn on(rules: &Rules, url: &str, class: &str) -> Option<String> {
        rules
            .in_force(Some(url), None)
            .element("div", None, Some(class))
            .map(String::from)
    }

    #[test]
    fn a_scoped_rule_fires_on_its_site_and_subdomains_only() {
        let r = scoped();
        assert_eq!(
            on(&r, "https://example.com/a", "widget").as_deref(),
            Some("here")
        );
        assert_eq!(
            on(&r, "https://news.EXAMPLE.com/a", "widget").as_deref(),
            Some("here")
        );
        assert_eq!(on(&r, "https://badexample.com/a", "widget"), None);
        assert_eq!(on(&r, "https://example.com.evil.net/", "widget"), None);
        assert_eq!(
            on(&r, "https://other.org/", "widget").as_deref(),
            Some("there")
        );
        assert_eq!(on(&r, "not a url", "widget"), None);
    }

    /// Class lists are answered from what an earlier element with the same list was told, and
    /// the same way once more lists have come by than are kept.
    #[test]
    fn a_class_list_is_answered_alike_every_time() {
        let r = Rules::from_rules([
            Rule::new("boxes").tokens(["box"]),
            Rule::new("folded").hidden_classes(["fold"]),
            Rule::new("here").sites(["example.com"]).tokens(["widget"]),
        ])
        .unwrap();
        let fresh = || r.in_force(Some("https://example.com/"), None);
        let kept = fresh();
        let lists: Vec<String> = (0..super::CLASS_LISTS_KEPT + 50)
            .map(|k| match k % 5 {
                0 => format!("a{k} box"),
                1 => format!("Widget b{k}"),
                2 => format!("fold c{k}"),
                3 => "box fold".to_string(),
                _ => format!("d{k}"),
            })
            .collect();
        for round in 0..2 {
            for list in &lists {
                let once = fresh();
                let ask = |f: &super::InForce<'_>| {
                    [
                        f.element("div", None, Some(list)).map(String::from),
                        f.hidden_class(list).map(String::from),
                        f.element("div", Some("box"), Some(list)).map(String::from),
                    ]
                };
                assert_eq!(ask(&kept), ask(&once), "{list} in round {round}");
            }
        }
        assert_eq!(kept.element("div", None, Some("box")), Some("boxes"));
        assert_eq!(kept.element("div", None, Some("x WIDGET")), Some("here"));
        assert_eq!(kept.hidden_class("x fold"), Some("folded"));
        assert_eq!(
            kept.element("div", Some("box"), Some("fold")),
            Some("boxes")
        );
        assert_eq!(kept.element("div", None, Some("fold")), None);
        assert!(kept.class_lists.borrow().len() <= super::CLASS_LISTS_KEPT);
    }

    #[test]
    fn rule_order_holds_across_scoped_and_unscoped_rules() {
        let r = scoped();
        assert_eq!(
            on(&r, "https://example.com/", "box").as_deref(),
            Some("everywhere")
        );
        assert_eq!(
            on(&r, "https://elsewhere.net/", "box").as_deref(),
            Some("everywhere")
        );
    }

    #[test]
    fn the_base_url_stands_in_for_a_missing_source() {
        let r = scoped();
        let base = url::Url::parse("https://www.example.com/x/").unwrap();
        let in_force = r.in_force(None, Some(&base));
        assert_eq!(in_force.element("p", None, Some("widget")), Some("here"));
        let in_force = r.in_force(Some("https://other.org/"), Some(&base));
        assert_eq!(in_force.element("p", None, Some("widget")), Some("there"));
    }

    #[test]
    fn thousands_of_scoped_rules_build_tables_per_site_once() {
        let rules = Rules::from_rules((0..5000).map(|n| {
            Rule::new(format!("site-{n}"))
                .sites([format!("s{n}.example")])
                .phrases([format!("Footer of site {n}")])
        }))
        .unwrap();
        for _ in 0..3 {
            for n in [7, 4999, 7] {
                let in_force = rules.in_force(Some(&format!("https://www.s{n}.example/p")), None);
                let expected = format!("site-{n}");
                assert_eq!(
                    in_force.line(&format!("Footer of site {n}")),
                    Some(expected.as_str())
                );
                assert_eq!(in_force.line("Footer of site 8"), None);
            }
        }
        assert_eq!(rules.inner().sites.built_count(), 2);
        assert!(
            rules
                .in_force(Some("https://unlisted.example/"), None)
                .line("Footer of site 7")
                .is_none()
        );
    }
}
