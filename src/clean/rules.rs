//! The rules: which elements, links, lines and blocks are junk, each under a name that the report
//! counts. The built-in rules are data (`builtin-rules.yaml`), in the format and vocabulary of a
//! user's rules file, which [`Rules::from_yaml`] reads; build.rs hands them over as data the binary
//! holds (`super::builtin`), which the same types read without parsing any text.

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use url::Url;

use super::article::ArticleData;
use super::article::boundary::{BOUNDARY, Model};
use super::article::byline::{BYLINE, BylineLexicon, RATING_POLL};
use super::article::container::score::PageLexicon;
use super::article::shape::Lexicon;
use super::compiled::Compiled;
use super::credits::{CREDIT, CreditLexicon, Credits};
use super::media::Platform;
use super::names::NameSet;
use super::sites::{InForce, SiteIndex, is_host};
use crate::error::{Error, Result};

/// One named cleaning rule. Whatever matches any of its patterns is removed and counted under its
/// name. Each field is one role; [`Rules::from_yaml`] describes them with the YAML keys, which are
/// the field names.
///
/// Made with [`Rule::new`] and its builder methods, or read from YAML:
///
/// ```
/// use tidings::{Rule, Rules};
/// let rule = Rule::new("newsbox")
///     .about("The news box of one site")
///     .sites(["news.example"])
///     .tokens(["newsbox"])
///     .phrases(["More from News Example"]);
/// let rules = Rules::from_rules([rule.clone()])?;
/// assert_eq!(rules.iter().next(), Some(&rule));
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Rule {
    /// The name the report counts removals under.
    pub name: String,
    /// One line on what the rule removes; empty when not given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub about: String,
    /// Hosts the rule is limited to, subdomains included; empty for every site.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sites: Vec<String>,
    /// Element names removed with their content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Whether SVG and MathML elements are removed with their content.
    #[serde(default, skip_serializing_if = "is_false")]
    pub foreign: bool,
    /// Patterns matched against `id` and `class` names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<String>,
    /// Whether elements with the `hidden` attribute or an inline style that hides them are removed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hidden: bool,
    /// Patterns matched against `class` names only, after every rule's tags and tokens.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_classes: Vec<String>,
    /// Phrases that mark a short line as boilerplate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<String>,
    /// Whole lines removed wherever they stand, compared without whitespace and in any case: an
    /// outlet's stock lines, as [`crate::Learner`] finds them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    /// Image URLs removed wherever they stand (as written after tracking parameters are stripped):
    /// an outlet's icons and banners repeated across its posts, as [`crate::Learner`] finds them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<String>,
    /// Whether bare links on the lines right after a boilerplate line are removed too.
    #[serde(default, skip_serializing_if = "is_false")]
    pub trailing_links: bool,
    /// Link target substrings that mark a link wrapping only images as a banner.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub banner_links: Vec<String>,
    /// Whole link texts that mark a link as a button to elsewhere; the text around it stays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub link_texts: Vec<String>,
    /// Words of a link's `rel` that mark it as site chrome.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rel: Vec<String>,
    /// Path segments that name a site's index pages (`tag` in `/tag/fishing`): a paragraph or list
    /// of links to such pages and nothing else (a short label, separators) is a tag row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Whole texts of short blocks that announce links to other articles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub announcers: Vec<String>,
    /// Whether lists whose every item is one link to another article are removed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub link_lists: bool,
    /// Whether paragraphs made only of hashtags ("#天气 #出行提示", "#OSINT #tools") are removed:
    /// the tag row a channel or a social post writes as text.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hashtags: bool,
    /// Whether an element this rule matched that is a thread of contributions (three or more
    /// sibling items of one kind, most with a `<time>`, an avatar or an author, date or reply name)
    /// goes whatever its share of the article: the over-removal guard spares misnamed articles, not
    /// long threads under short ones.
    #[serde(default, skip_serializing_if = "is_false")]
    pub threads: bool,
}

fn is_false(b: &bool) -> bool {
    !b
}

fn strings<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Vec<String> {
    items.into_iter().map(Into::into).collect()
}

impl Rule {
    /// A rule named `name` that matches nothing yet.
    ///
    /// ```
    /// let rule = tidings::Rule::new("newsbox");
    /// assert_eq!(rule.name, "newsbox");
    /// assert!(rule.tokens.is_empty() && rule.sites.is_empty()); // matches nothing, on every site
    /// ```
    pub fn new(name: impl Into<String>) -> Rule {
        Rule {
            name: name.into(),
            ..Rule::default()
        }
    }

    /// Sets [`Rule::about`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("newsbox").about("The news box of one site");
    /// assert_eq!(rule.about, "The news box of one site");
    /// ```
    pub fn about(mut self, about: impl Into<String>) -> Rule {
        self.about = about.into();
        self
    }

    /// Sets [`Rule::sites`].
    ///
    /// ```
    /// use tidings::{Options, Post, Rule, Rules};
    /// let rules = Rules::from_rules([Rule::new("newsbox").tokens(["newsbox"]).sites(["news.example"])])?;
    /// let options = Options::new().rules(rules);
    /// let body = "<p>The article's text.</p><div class=\"newsbox\">Box</div>";
    /// let here = Post::parse_with(&format!("---\nfrom: https://www.news.example/a\n---\n{body}"), &options)?;
    /// assert_eq!(here.report().removed["newsbox"], 1); // a subdomain counts
    /// let elsewhere = Post::parse_with(&format!("---\nfrom: https://other.example/a\n---\n{body}"), &options)?;
    /// assert!(elsewhere.report().removed.is_empty());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn sites<S: Into<String>>(mut self, sites: impl IntoIterator<Item = S>) -> Rule {
        self.sites = strings(sites);
        self
    }

    /// Sets [`Rule::tags`].
    ///
    /// ```
    /// use tidings::{Options, Post, Rule, Rules};
    /// let rules = Rules::from_rules([Rule::new("asides").tags(["aside"])])?;
    /// let post = Post::parse_with("<p>The article's text.</p><aside>Aside</aside>", &Options::new().rules(rules))?;
    /// assert_eq!(post.to_text(), "The article's text.\n");
    /// assert_eq!(post.report().removed["asides"], 1);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn tags<S: Into<String>>(mut self, tags: impl IntoIterator<Item = S>) -> Rule {
        self.tags = strings(tags);
        self
    }

    /// Sets [`Rule::foreign`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("embed").foreign(true);
    /// assert!(rule.foreign);
    /// ```
    pub fn foreign(mut self, on: bool) -> Rule {
        self.foreign = on;
        self
    }

    /// Sets [`Rule::tokens`].
    ///
    /// ```
    /// use tidings::{Options, Post, Rule, Rules};
    /// // a word of a class or id, or a prefix with `*`
    /// let rules = Rules::from_rules([Rule::new("promo").tokens(["promo-*"])])?;
    /// let html = "<p>The article's text.</p><div class=\"box promo-spring\">Sale</div>";
    /// let post = Post::parse_with(html, &Options::new().rules(rules))?;
    /// assert_eq!(post.report().removed["promo"], 1);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn tokens<S: Into<String>>(mut self, tokens: impl IntoIterator<Item = S>) -> Rule {
        self.tokens = strings(tokens);
        self
    }

    /// Sets [`Rule::hidden`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("hidden").hidden(true);
    /// assert!(rule.hidden);
    /// ```
    pub fn hidden(mut self, on: bool) -> Rule {
        self.hidden = on;
        self
    }

    /// Sets [`Rule::hidden_classes`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("hidden").hidden_classes(["sr-only", "visually-hidden"]);
    /// assert_eq!(rule.hidden_classes, ["sr-only", "visually-hidden"]);
    /// ```
    pub fn hidden_classes<S: Into<String>>(mut self, classes: impl IntoIterator<Item = S>) -> Rule {
        self.hidden_classes = strings(classes);
        self
    }

    /// Sets [`Rule::phrases`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("newsletter").phrases(["Sign up for our newsletter"]);
    /// assert_eq!(rule.phrases, ["Sign up for our newsletter"]);
    /// ```
    pub fn phrases<S: Into<String>>(mut self, phrases: impl IntoIterator<Item = S>) -> Rule {
        self.phrases = strings(phrases);
        self
    }

    /// Sets [`Rule::lines`].
    ///
    /// ```
    /// use tidings::{Options, Post, Rule, Rules};
    /// let rules = Rules::from_rules([Rule::new("stock").lines(["Reporting by the News Desk"])])?;
    /// let html = "<p>The article's text, long enough to stay.</p><p>reporting by the  news desk</p>";
    /// let post = Post::parse_with(html, &Options::new().rules(rules))?;
    /// assert_eq!(post.to_text(), "The article's text, long enough to stay.\n");
    /// assert_eq!(post.report().removed["stock"], 1);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn lines<S: Into<String>>(mut self, lines: impl IntoIterator<Item = S>) -> Rule {
        self.lines = strings(lines);
        self
    }

    /// Sets [`Rule::images`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("logo").images(["https://news.example/logo.png"]);
    /// assert_eq!(rule.images, ["https://news.example/logo.png"]);
    /// ```
    pub fn images<S: Into<String>>(mut self, urls: impl IntoIterator<Item = S>) -> Rule {
        self.images = strings(urls);
        self
    }

    /// Sets [`Rule::trailing_links`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("feed-footer").phrases(["appeared first on"]).trailing_links(true);
    /// assert!(rule.trailing_links);
    /// ```
    pub fn trailing_links(mut self, on: bool) -> Rule {
        self.trailing_links = on;
        self
    }

    /// Sets [`Rule::banner_links`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("promo").banner_links(["/subscribe"]);
    /// assert_eq!(rule.banner_links, ["/subscribe"]);
    /// ```
    pub fn banner_links<S: Into<String>>(mut self, targets: impl IntoIterator<Item = S>) -> Rule {
        self.banner_links = strings(targets);
        self
    }

    /// Sets [`Rule::link_texts`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("read-more").link_texts(["Read more"]);
    /// assert_eq!(rule.link_texts, ["Read more"]);
    /// ```
    pub fn link_texts<S: Into<String>>(mut self, texts: impl IntoIterator<Item = S>) -> Rule {
        self.link_texts = strings(texts);
        self
    }

    /// Sets [`Rule::paths`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("taxonomy").paths(["tag", "topics"]);
    /// assert_eq!(rule.paths, ["tag", "topics"]);
    /// ```
    pub fn paths<S: Into<String>>(mut self, segments: impl IntoIterator<Item = S>) -> Rule {
        self.paths = strings(segments);
        self
    }

    /// Sets [`Rule::rel`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("taxonomy").rel(["tag", "category"]);
    /// assert_eq!(rule.rel, ["tag", "category"]);
    /// ```
    pub fn rel<S: Into<String>>(mut self, words: impl IntoIterator<Item = S>) -> Rule {
        self.rel = strings(words);
        self
    }

    /// Sets [`Rule::announcers`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("related-links").announcers(["Related", "相关内容"]);
    /// assert_eq!(rule.announcers, ["Related", "相关内容"]);
    /// ```
    pub fn announcers<S: Into<String>>(mut self, texts: impl IntoIterator<Item = S>) -> Rule {
        self.announcers = strings(texts);
        self
    }

    /// Sets [`Rule::link_lists`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("related-links").link_lists(true);
    /// assert!(rule.link_lists);
    /// ```
    pub fn link_lists(mut self, on: bool) -> Rule {
        self.link_lists = on;
        self
    }

    /// Sets [`Rule::hashtags`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("taxonomy").hashtags(true);
    /// assert!(rule.hashtags);
    /// ```
    pub fn hashtags(mut self, on: bool) -> Rule {
        self.hashtags = on;
        self
    }

    /// Sets [`Rule::threads`].
    ///
    /// ```
    /// let rule = tidings::Rule::new("comments").tokens(["comments"]).threads(true);
    /// assert!(rule.threads);
    /// ```
    pub fn threads(mut self, on: bool) -> Rule {
        self.threads = on;
        self
    }

    /// Why the rule cannot be used, if it cannot; `position` is its place in its file, from 1.
    fn check(&self, position: usize) -> Option<String> {
        if self.name.trim().is_empty() {
            return Some(format!("rule {position} has an empty name"));
        }
        self.sites.iter().find(|s| !is_host(s)).map(|s| {
            format!(
                "rule {position} ({}): site {s:?} is not a host name (write example.com)",
                self.name
            )
        })
    }
}

/// A rules file: the rules, and the lists that apply to the whole page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RulesFile {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    topic_names: Vec<String>,
    #[serde(default)]
    pub(crate) rules: Vec<Rule>,
    /// Where the article is (see `super::article`): a whole page's container, the boundary, the
    /// boilerplate-by-shape lexicon and the by-line lexicon.
    #[serde(default, skip_serializing_if = "ArticleData::is_empty")]
    pub(crate) article: ArticleData,
    /// Players of known video and audio platforms, which become links (see `super::media`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) media: Vec<Platform>,
    /// What opens or signs a photo credit (see `super::credits`); a file that has one replaces the
    /// one before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) credits: Option<Credits>,
    /// Keys of earlier versions that are now under `article:`, read only to say where they went.
    #[serde(default, skip_serializing)]
    article_names: Option<serde_yaml::Value>,
    #[serde(default, skip_serializing)]
    page: Option<serde_yaml::Value>,
    #[serde(default, skip_serializing)]
    boundary: Option<serde_yaml::Value>,
    #[serde(default, skip_serializing)]
    shape: Option<serde_yaml::Value>,
    #[serde(default, skip_serializing)]
    bylines: Option<serde_yaml::Value>,
}

impl RulesFile {
    /// The first key of an earlier version the file has, with where it is now.
    fn moved_key(&self) -> Option<(&'static str, &'static str)> {
        [
            (
                self.article_names.is_some(),
                "article_names",
                "article: names:",
            ),
            (self.page.is_some(), "page", "article: container:"),
            (self.boundary.is_some(), "boundary", "article: boundary:"),
            (self.shape.is_some(), "shape", "article: shape:"),
            (self.bylines.is_some(), "bylines", "article: bylines:"),
        ]
        .into_iter()
        .find_map(|(has, old, new)| has.then_some((old, new)))
    }
}

/// The rules, with the tables built from them once. Cloning is cheap (the tables are shared), so a
/// [`crate::Post`] can keep the options it was made with.
///
/// ```
/// use tidings::{Rule, Rules};
/// let mut rules = Rules::builtin();
/// rules.extend(Rules::from_yaml("rules:\n  - name: newsbox\n    tokens: [newsbox]\n")?);
/// rules.extend(Rules::from_rules([Rule::new("sidebar").tokens(["sidebar"])])?);
/// assert_eq!(rules.iter().last().map(|r| r.name.as_str()), Some("sidebar"));
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Clone)]
pub struct Rules {
    inner: Arc<RuleSet>,
}

/// The rules as written, and what is built from them.
#[derive(Debug)]
pub(crate) struct RuleSet {
    pub(crate) file: RulesFile,
    pub(crate) articles: NameSet,
    pub(crate) topics: NameSet,
    /// Tables of the rules for every site.
    pub(crate) everywhere: Compiled,
    pub(crate) sites: SiteIndex,
    /// The shape lexicon, compiled.
    pub(crate) shape: Option<Lexicon>,
    /// The page scoring's word lists, compiled.
    pub(crate) page: Option<PageLexicon>,
    /// The boundary model, as an array of weights.
    pub(crate) boundary: Option<Model>,
    /// The photo-credit lexicon, compiled.
    pub(crate) credits: Option<CreditLexicon>,
    /// The head-metadata lexicon, compiled.
    pub(crate) bylines: Option<BylineLexicon>,
}

impl RuleSet {
    fn new(file: RulesFile) -> RuleSet {
        let mut articles = NameSet::default();
        for n in &file.article.names {
            articles.insert(n, 0);
        }
        let mut topics = NameSet::default();
        for n in &file.topic_names {
            topics.insert(n, 0);
        }
        let everywhere = Compiled::new(
            file.rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.sites.is_empty()),
        );
        let sites = SiteIndex::new(&file.rules);
        let shape = file.article.shape.as_ref().map(Lexicon::new);
        let page = file.article.container.as_ref().map(PageLexicon::new);
        // checked by `Rules::checked`; a file built otherwise with an unknown name has no model
        let boundary = file
            .article
            .boundary
            .as_ref()
            .and_then(|b| Model::new(b).ok());
        let credits = file.credits.as_ref().map(CreditLexicon::new);
        let bylines = file.article.bylines.as_ref().map(BylineLexicon::new);
        RuleSet {
            credits,
            bylines,
            page,
            boundary,
            file,
            articles,
            topics,
            everywhere,
            sites,
            shape,
        }
    }
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.file.fmt(f)
    }
}

impl PartialEq for Rules {
    fn eq(&self, other: &Rules) -> bool {
        self.inner.file == other.inner.file
    }
}

impl Eq for Rules {}

impl Default for Rules {
    /// [`Rules::builtin`].
    fn default() -> Rules {
        Rules::builtin()
    }
}

/// The built-in rules, in the format users write.
#[cfg(test)]
const BUILTIN_YAML: &str = include_str!("builtin-rules.yaml");

impl Rules {
    /// The built-in rules (read once per process, then shared): ads, promos, share and related
    /// widgets, navigation, comments, taxonomy, hidden text, feed footers, and the article names of
    /// common publishing systems. [`Rules::to_yaml`] prints them.
    ///
    /// ```
    /// let rules = tidings::Rules::builtin();
    /// assert!(rules.iter().any(|r| r.name == "ad-slot"));
    /// assert_eq!(rules, tidings::Rules::default());
    /// ```
    pub fn builtin() -> Rules {
        static BUILTIN: OnceLock<Rules> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                // build.rs's data, not text: JSON cost a one-post process 1.5M instructions
                RulesFile::deserialize(super::builtin::ROOT)
                    .map_err(|e| e.to_string())
                    .and_then(|file| Rules::checked(file).map_err(|e| e.to_string()))
                    .unwrap_or_else(|e| panic!("the built-in rules are invalid: {e}"))
            })
            .clone()
    }

    /// No rules at all: nothing is removed as junk. What keeps the output sound still runs: scripts
    /// and styles, placeholder, pixel and duplicate images, stray `<br>`s, tracking parameters and
    /// unsafe links are removed under any rules.
    ///
    /// ```
    /// use tidings::{Options, Post, Rules};
    /// let html = "<p>Text.</p><div id=\"dfp-ad-top\">Ad</div><script>x()</script>";
    /// let post = Post::parse_with(html, &Options::new().rules(Rules::empty()))?;
    /// assert_eq!(post.to_text(), "Text.\n\nAd\n"); // no ad rule, but never a script
    /// assert_eq!(post.report().removed["script"], 1);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn empty() -> Rules {
        Rules::new(RulesFile::default())
    }

    fn new(file: RulesFile) -> Rules {
        Rules {
            inner: Arc::new(RuleSet::new(file)),
        }
    }

    /// Rules made in code, with the same checks as [`Rules::from_yaml`].
    ///
    /// ```
    /// use tidings::{Rule, Rules};
    /// let rules = Rules::from_rules([Rule::new("newsbox").tokens(["newsbox"])])?;
    /// assert_eq!(rules.iter().count(), 1);
    /// // the checks of a rules file: a name, and sites that are host names
    /// assert!(Rules::from_rules([Rule::new("x").sites(["https://news.example/"])]).is_err());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn from_rules(rules: impl IntoIterator<Item = Rule>) -> Result<Rules> {
        Rules::checked(RulesFile {
            rules: rules.into_iter().collect(),
            ..RulesFile::default()
        })
    }

    fn checked(file: RulesFile) -> Result<Rules> {
        if let Some(message) = file
            .rules
            .iter()
            .enumerate()
            .find_map(|(i, r)| r.check(i + 1))
        {
            return Err(Error::Rules { message });
        }
        if let Some((old, new)) = file.moved_key() {
            return Err(Error::Rules {
                message: format!(
                    "`{old}:` is now `{new}` (where the article is decided is one section); \
                     move it there"
                ),
            });
        }
        if let Some(Err(message)) = file.article.boundary.as_ref().map(Model::new) {
            return Err(Error::Rules { message });
        }
        Ok(Rules::new(file))
    }

    /// Reads rules from YAML; errors give the line and column.
    ///
    /// The file has these keys, all optional:
    ///
    /// - `rules:` a list of rules, tried in order: when two match the same thing, the first counts it.
    /// - `article:` everything that decides where the article is (see docs/cleaning.md; the steps
    ///   that use it are `src/clean/article/mod.rs`), each key optional; a file with one of them
    ///   replaces the one before it, and `names` is added to:
    ///   - `names:` class or id patterns of the element holding the article on a whole page
    ///     (`entry-content`); an `<article>` or `<main>` is preferred to it.
    ///   - `container:` how a whole page's article element is scored: word lists (`positive`,
    ///     `negative`, `unlikely`, `maybe`) and weights; without one a page's article is its largest
    ///     `<article>` or `<main>`.
    ///   - `boundary:` the weights of the model that finds where the article starts and ends
    ///     (written by `examples/fit_boundary`).
    ///   - `shape:` the lexicon of boilerplate by its shape (calls to action by category).
    ///   - `bylines:` what makes a line at the article's head or tail a by-line (`labels`: "by",
    ///     "von"), a date (`dates`: "updated", `months`: weekday names, and `month_names`: the twelve
    ///     months in order, each with its names in every language), a reading time
    ///     or view count (`units`), a contact block (`contacts`) or a source (`sources`).
    ///
    ///   The keys `article_names`, `page`, `boundary`, `shape` and `bylines` of earlier versions
    ///   stood at the top level: a file with one is refused with the place it moved to.
    /// - `credits:` what opens a photo credit beside an image (`labels`: "foto", "photo", "©") and
    ///   what signs one (`agencies`: picture agencies); a file with one replaces the built-in one.
    /// - `media:` players of video and audio platforms that become links to their page.
    /// - `topic_names:` class or id patterns that describe the article's topic, not the element
    ///   (`tag-*`: WordPress puts a post's tags on its wrapper); no rule's `tokens` look at them.
    ///
    /// A pattern `word` matches a class or id name that is `word` or holds it as a word (names split
    /// at `-`, `_`, `.`, `:` and lower-to-upper case changes: `ad` matches `dfp-ad-top` and
    /// `adBanner`, not `header`); `prefix*` matches names starting with `prefix`. Letters match in
    /// any case.
    ///
    /// A rule has a `name` (what the report counts) and any of these keys:
    ///
    /// | key | removes |
    /// |---|---|
    /// | `about` | nothing: one line on what the rule removes |
    /// | `sites` | nothing: limits the rule to posts from these hosts and their subdomains (the host of the post's source URL, else of the base URL) |
    /// | `tags` | elements with these names, with their content |
    /// | `foreign: true` | SVG and MathML elements, with their content |
    /// | `tokens` | elements with an `id` or `class` name matching a pattern (not `<html>`, `<body>`, `<main>`, `<article>`) |
    /// | `hidden: true` | elements with the `hidden` attribute or an inline `display:none` or `visibility:hidden` |
    /// | `hidden_classes` | elements with a `class` name matching a pattern, tried after every rule's `tags` and `tokens` |
    /// | `phrases` | lines (of a paragraph, heading or list item, split at `<br>`) of at most 160 characters that hold a phrase; ASCII letters match in any case |
    /// | `lines` | lines (as for `phrases`) whose whole text is one of these, compared without whitespace and in any case; what [`crate::Learner`] writes |
    /// | `images` | images with one of these URLs (after tracking parameters are stripped); what [`crate::Learner`] writes |
    /// | `trailing_links: true` | bare links (a line that is one link or one URL) right after a line any rule's phrase removed |
    /// | `banner_links` | links wrapping only images whose target holds one of these strings |
    /// | `link_texts` | links whose whole text is one of these, in any case; the text around them stays |
    /// | `rel` | links whose `rel` holds one of these words |
    /// | `paths` | a paragraph or list made of links to pages whose path ends in one of these segments and one more (`/tag/fishing`, `/gb/tag/蔡英文.html`), with at most a short label and separators besides: a tag row |
    /// | `announcers` | a short heading or paragraph whose whole text (colon aside) is one of these, with the link lists, teasers and thumbnails after it |
    /// | `link_lists: true` | lists whose every item is one link to another article, unless link lists are most of the post's text |
    /// | `hashtags: true` | paragraphs made only of hashtags (`#天气 #出行提示`), a tag row written as text |
    /// | `threads: true` | nothing more: an element the rule matched that is a thread of contributions goes even when it holds most of the article's text |
    ///
    /// ```
    /// use tidings::{Options, Post, Rules};
    /// let mut rules = Rules::builtin();
    /// rules.extend(Rules::from_yaml(
    ///     r#"
    /// rules:
    ///   - name: newsbox
    ///     about: The news box of one site
    ///     sites: [news.example]
    ///     tokens: [newsbox]
    ///     phrases: ["More from News Example:"]
    /// "#,
    /// )?);
    /// let body = "<p>Text.</p><div class=\"newsbox\">Box</div><p>More from News Example: x</p>";
    /// let options = Options::new().rules(rules);
    /// let post = Post::parse_with(&format!("---\nfrom: https://www.news.example/a\n---\n{body}"), &options)?;
    /// assert_eq!(post.to_text(), "Text.\n");
    /// assert_eq!(post.report().removed["newsbox"], 2);
    /// let elsewhere = Post::parse_with(&format!("---\nfrom: https://other.example/a\n---\n{body}"), &options)?;
    /// assert!(elsewhere.to_text().contains("Box"));
    ///
    /// assert!(Rules::from_yaml("rules:\n  - name: x\n    tokens: [a]\n    token: [b]\n").is_err());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn from_yaml(yaml: &str) -> Result<Rules> {
        let file: RulesFile = serde_yaml::from_str(yaml).map_err(|e| Error::Rules {
            message: match e.location() {
                Some(l) => format!("line {}, column {}: {e}", l.line(), l.column()),
                None => e.to_string(),
            },
        })?;
        Rules::checked(file)
    }

    /// The rules as YAML that [`Rules::from_yaml`] reads back to equal rules.
    ///
    /// ```
    /// use tidings::{Rule, Rules};
    /// let rules = Rules::from_rules([Rule::new("newsbox").tokens(["newsbox"])])?;
    /// let yaml = rules.to_yaml();
    /// assert!(yaml.contains("name: newsbox"));
    /// assert_eq!(Rules::from_yaml(&yaml)?, rules);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn to_yaml(&self) -> String {
        serde_yaml::to_string(&self.inner.file)
            .expect("rules are strings, lists and booleans, which YAML always holds")
    }

    /// Adds `other`'s rules after these (so these win where both match), and its article and topic
    /// names after these.
    ///
    /// ```
    /// use tidings::{Rule, Rules};
    /// let mut rules = Rules::from_rules([Rule::new("first").tokens(["box"])])?;
    /// rules.extend(Rules::from_rules([Rule::new("second").tokens(["box"])])?);
    /// let names: Vec<&str> = rules.iter().map(|r| r.name.as_str()).collect();
    /// assert_eq!(names, ["first", "second"]); // `first` counts a box both match
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn extend(&mut self, other: Rules) {
        let mut file = self.inner.file.clone();
        let more = &other.inner.file;
        file.article.extend(&more.article);
        file.topic_names.extend(more.topic_names.iter().cloned());
        file.rules.extend(more.rules.iter().cloned());
        file.media.extend(more.media.iter().cloned());
        if more.credits.is_some() {
            file.credits = more.credits.clone();
        }
        *self = Rules::new(file);
    }

    /// The players of video and audio platforms that become links, in the order they are tried.
    #[cfg(test)]
    pub(crate) fn media(&self) -> &[Platform] {
        &self.inner.file.media
    }

    /// The rules, in the order they are tried.
    ///
    /// ```
    /// let rules = tidings::Rules::from_yaml("rules:\n  - name: a\n    tags: [aside]\n  - name: b\n    tokens: [b]\n")?;
    /// let names: Vec<&str> = rules.iter().map(|r| r.name.as_str()).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Rule> {
        self.inner.file.rules.iter()
    }

    /// Every name these rules can count: each rule's, and each call-to-action category of the
    /// shape score (with `shape`, for what matched no category), and the article's edges' names
    /// (`boundary`, `credit`, `byline`, `rating-poll`) where the rules hold their data.
    ///
    /// ```
    /// let rules = tidings::Rules::builtin();
    /// let names: Vec<&str> = rules.names().collect();
    /// assert!(names.contains(&"ad-slot") && names.contains(&"subscribe"));
    /// assert_eq!(tidings::Rules::empty().names().count(), 0);
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let file = &self.inner.file;
        let shape = file.article.shape.iter().flat_map(|s| {
            s.categories
                .iter()
                .map(|c| c.name.as_str())
                .chain(std::iter::once(super::article::shape::SHAPE))
        });
        let boundary = file.article.boundary.iter().map(|_| BOUNDARY);
        let credits = file.credits.iter().map(|_| CREDIT);
        let bylines = file
            .article
            .bylines
            .iter()
            .flat_map(|_| [BYLINE, RATING_POLL]);
        file.rules
            .iter()
            .map(|r| r.name.as_str())
            .chain(shape)
            .chain(boundary)
            .chain(credits)
            .chain(bylines)
    }

    /// These rules without their boundary model: what the fitting program scores blocks on.
    #[doc(hidden)]
    pub fn without_boundary(&self) -> Rules {
        let mut file = self.inner.file.clone();
        file.article.boundary = None;
        Rules::new(file)
    }

    /// The boundary model, when the rules have one.
    #[doc(hidden)]
    pub fn boundary_model(&self) -> Option<&Model> {
        self.inner.boundary.as_ref()
    }

    /// The names the cleaner counts under any rules (`break-run`, `tracking-parameter`, ...), each
    /// with a line on what it removes: together with the rules' own names, every name a
    /// [`crate::Report`] can hold.
    ///
    /// ```
    /// let names: Vec<&str> = tidings::Rules::mechanics().map(|(name, _)| name).collect();
    /// assert!(names.contains(&"tracking-parameter"));
    /// assert!(tidings::Rules::builtin().iter().all(|r| !names.contains(&r.name.as_str())));
    /// ```
    pub fn mechanics() -> impl Iterator<Item = (&'static str, &'static str)> {
        super::mechanics::ALL.iter().map(|m| (m.name, m.about))
    }

    /// The compiled shape lexicon, when the rules have one.
    pub(crate) fn lexicon(&self) -> Option<&Lexicon> {
        self.inner.shape.as_ref()
    }

    /// The rules in force for a post from `source_url`, else from `base`.
    pub(crate) fn in_force(&self, source_url: Option<&str>, base: Option<&Url>) -> InForce<'_> {
        InForce::new(&self.inner, source_url, base)
    }

    #[cfg(test)]
    pub(crate) fn inner(&self) -> &RuleSet {
        &self.inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(r: &Rules, tag: &str, id: Option<&str>, class: Option<&str>) -> Option<String> {
        r.in_force(None, None)
            .element(tag, id, class)
            .map(String::from)
    }

    #[test]
    fn tokens_match_words_not_substrings() {
        let r = Rules::builtin();
        let is = |id, class, rule: Option<&str>| {
            assert_eq!(
                element(&r, "div", id, class).as_deref(),
                rule,
                "{id:?} {class:?}"
            );
        };
        is(Some("dfp-ad-imu1"), None, Some("ad-slot"));
        is(Some("imu"), None, Some("ad-slot"));
        is(Some("innity-in-post"), None, Some("ad-slot"));
        is(None, Some("x adBanner"), Some("ad-slot"));
        is(None, Some("sharedaddy sd-block"), Some("share"));
        is(Some("jp-relatedposts"), None, Some("related-posts"));
        for clean in [
            "header", "download", "shadow", "lead", "thread", "loading", "heading",
        ] {
            is(Some(clean), Some(clean), None);
        }
    }

    #[test]
    fn topic_names_and_article_roots_are_not_junk() {
        let r = Rules::builtin();
        assert_eq!(
            element(
                &r,
                "div",
                None,
                Some("post-1 tag-social-media category-ads")
            ),
            None
        );
        assert_eq!(element(&r, "article", None, Some("ad")), None);
    }

    #[test]
    fn yaml_rules_load_and_report_their_line() {
        let r = Rules::from_yaml("rules:\n  - name: mine\n    tokens: [widget]\n").unwrap();
        assert_eq!(
            element(&r, "div", None, Some("my-widget")).as_deref(),
            Some("mine")
        );
        let e = Rules::from_yaml("rules:\n  - name: x\n    bogus: 1\n").unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
    }

    #[test]
    fn names_and_sites_are_checked() {
        let e = Rules::from_yaml("rules:\n  - name: ' '\n").unwrap_err();
        assert!(e.to_string().contains("rule 1 has an empty name"), "{e}");
        let e = Rules::from_rules([Rule::new("a"), Rule::new("b").sites(["https://x.example/"])])
            .unwrap_err();
        assert!(e.to_string().contains("rule 2 (b)"), "{e}");
        assert!(Rules::from_rules([Rule::new("a").sites(["x.example"])]).is_ok());
    }

    #[test]
    fn keys_of_earlier_versions_say_where_they_went() {
        for (old, new) in [
            ("article_names: [story]", "article: names:"),
            ("page:\n  class_weight: 25", "article: container:"),
            ("boundary:\n  bias: 1", "article: boundary:"),
            ("bylines:\n  labels: [by]", "article: bylines:"),
        ] {
            let e = Rules::from_yaml(old).unwrap_err().to_string();
            assert!(e.contains(&format!("is now `{new}`")), "{old}: {e}");
        }
        assert!(Rules::from_yaml("article:\n  names: [story]\n").is_ok());
        assert!(Rules::from_yaml("article:\n  name: [story]\n").is_err());
    }

    #[test]
    fn a_later_article_section_replaces_each_key_it_has() {
        let mut rules = Rules::builtin();
        rules.extend(
            Rules::from_yaml("article:\n  names: [story]\n  bylines:\n    labels: [by]\n").unwrap(),
        );
        let article = &rules.inner.file.article;
        assert_eq!(article.names.last().map(String::as_str), Some("story"));
        assert!(article.names.len() > 1, "names are added to");
        let labels = &article.bylines.as_ref().unwrap().labels;
        assert_eq!(labels, &["by"]);
        assert_eq!(
            article.boundary,
            Rules::builtin().inner.file.article.boundary
        );
    }

    #[test]
    fn builtin_rules_read_from_build_data_are_those_of_the_yaml() {
        let yaml: RulesFile = serde_yaml::from_str(BUILTIN_YAML).unwrap();
        assert_eq!(Rules::builtin().inner.file, yaml);
        assert!(
            !yaml.rules.is_empty()
                && yaml.article.shape.is_some()
                && yaml.article.boundary.is_some()
        );
    }

    #[test]
    fn builtin_rules_round_trip_through_yaml() {
        let builtin = Rules::builtin();
        let yaml = builtin.to_yaml();
        assert_eq!(Rules::from_yaml(&yaml).unwrap(), builtin);
        let mut extended = Rules::empty();
        extended.extend(builtin.clone());
        assert_eq!(extended, builtin);
        assert_eq!(Rules::empty().to_yaml(), "rules: []\n");
    }

    #[test]
    fn every_builtin_rule_says_what_it_removes() {
        for rule in Rules::builtin().iter() {
            assert!(!rule.about.trim().is_empty(), "{} has no about", rule.name);
            assert!(
                !rule.about.contains('\n'),
                "{}: about is one line",
                rule.name
            );
        }
    }

    #[test]
    fn a_built_rule_equals_the_same_rule_read() {
        let built = Rule::new("x")
            .tokens(["a"])
            .rel(["tag"])
            .link_lists(true)
            .sites(["s.example"]);
        let read = Rules::from_yaml(
            "rules:\n  - {name: x, tokens: [a], rel: [tag], link_lists: true, sites: [s.example]}\n",
        )
        .unwrap();
        assert_eq!(read.iter().next(), Some(&built));
    }
}
