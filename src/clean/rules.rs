//! The rule table: which elements and which boilerplate blocks are junk, each under a name that the
//! report counts. Built in, and extendable from YAML.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use aho_corasick::AhoCorasick;
use serde::Deserialize;

use crate::error::{Error, Result};

/// One named cleaning rule. An element or block matches when any of its patterns does.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The name the report counts removals under.
    pub name: String,
    /// Element names (`script`, `iframe`) removed with their content.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Tokens matched against `id` and `class` names. A plain token matches one word of a name, words
    /// being split at `-`, `_` and lower-to-upper case changes, or the whole name; a token ending in `*`
    /// matches names starting with the rest (`dfp-ad-*`).
    #[serde(default)]
    pub tokens: Vec<String>,
    /// Phrases that mark a short line (of a paragraph, heading or list item) as boilerplate; ASCII
    /// letters match in any case.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Link targets (substrings of the URL) that mark a link wrapping only images as a banner.
    #[serde(default)]
    pub banner_links: Vec<String>,
    /// Whole link texts ("......more", "Read more") that mark a link as a button to elsewhere; the
    /// link goes, the text around it stays.
    #[serde(default)]
    pub link_texts: Vec<String>,
}

/// The rules in force, with the lookup tables built from them once: a hash of tags and of class
/// words, the `*` prefixes, and one Aho-Corasick automaton over every phrase. Cloning is cheap (the
/// tables are shared), so a [`crate::Post`] can keep the options it was made with.
#[derive(Clone)]
pub struct Rules {
    inner: Arc<Compiled>,
}

struct Compiled {
    rules: Vec<Rule>,
    /// Tag name → first rule removing it.
    tags: HashMap<String, usize>,
    /// Lower-case plain token → first rule naming it.
    words: HashMap<String, usize>,
    /// Lower-case `*` prefixes, with their rule.
    prefixes: Vec<(String, usize)>,
    /// Every phrase, and for each pattern the rule it belongs to.
    phrases: Option<AhoCorasick>,
    phrase_rule: Vec<usize>,
    /// Lower-case link texts → rule.
    link_texts: HashMap<String, usize>,
}

impl Compiled {
    fn new(rules: Vec<Rule>) -> Compiled {
        let mut c = Compiled {
            rules: Vec::new(),
            tags: HashMap::new(),
            words: HashMap::new(),
            prefixes: Vec::new(),
            phrases: None,
            phrase_rule: Vec::new(),
            link_texts: HashMap::new(),
        };
        let mut phrases: Vec<&str> = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            for t in &r.tags {
                c.tags.entry(t.to_ascii_lowercase()).or_insert(i);
            }
            for t in &r.tokens {
                let t = t.to_ascii_lowercase();
                match t.strip_suffix('*') {
                    Some(prefix) => c.prefixes.push((prefix.to_string(), i)),
                    None => {
                        c.words.entry(t).or_insert(i);
                    }
                }
            }
            for p in &r.phrases {
                phrases.push(p);
                c.phrase_rule.push(i);
            }
            for l in &r.link_texts {
                c.link_texts.entry(l.trim().to_lowercase()).or_insert(i);
            }
        }
        // An automaton over plain strings only fails past its size limits, far beyond any rule file;
        // without it, phrases simply match nothing.
        c.phrases = (!phrases.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(&phrases)
                    .ok()
            })
            .flatten();
        c.rules = rules;
        c
    }

    fn name(&self, i: usize) -> &str {
        &self.rules[i].name
    }
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.inner.rules.iter()).finish()
    }
}

impl PartialEq for Rules {
    fn eq(&self, other: &Rules) -> bool {
        self.inner.rules == other.inner.rules
    }
}

impl Eq for Rules {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    rules: Vec<Rule>,
}

/// Blocks longer than this are article text even when they quote a boilerplate phrase.
const PHRASE_BLOCK_MAX_CHARS: usize = 160;

/// Class or id prefixes that describe the article's topic (WordPress taxonomy), not the element.
const TAXONOMY_PREFIXES: &[&str] = &["tag-", "category-", "topic-", "tag_", "category_"];

impl Default for Rules {
    fn default() -> Rules {
        Rules::builtin()
    }
}

impl Rules {
    /// The built-in table (built once per process, then shared).
    pub fn builtin() -> Rules {
        static BUILTIN_RULES: OnceLock<Rules> = OnceLock::new();
        BUILTIN_RULES
            .get_or_init(|| Rules::new(builtin_rules()))
            .clone()
    }

    /// No rules at all: nothing is removed as junk (placeholders and unsafe content still are).
    pub fn empty() -> Rules {
        Rules::new(Vec::new())
    }

    fn new(rules: Vec<Rule>) -> Rules {
        Rules {
            inner: Arc::new(Compiled::new(rules)),
        }
    }

    /// Reads rules from YAML of the form
    /// `rules: [{name, tags, tokens, phrases, banner_links, link_texts}]`.
    pub fn from_yaml(yaml: &str) -> Result<Rules> {
        let file: RulesFile = serde_yaml::from_str(yaml).map_err(|e| Error::Rules {
            message: match e.location() {
                Some(l) => format!("line {}, column {}: {e}", l.line(), l.column()),
                None => e.to_string(),
            },
        })?;
        if let Some(i) = file.rules.iter().position(|r| r.name.trim().is_empty()) {
            return Err(Error::Rules {
                message: format!("rule {} has an empty name", i + 1),
            });
        }
        Ok(Rules::new(file.rules))
    }

    /// Adds `other`'s rules after these.
    pub fn extend(&mut self, other: Rules) {
        let mut rules = self.inner.rules.clone();
        rules.extend(other.inner.rules.iter().cloned());
        *self = Rules::new(rules);
    }

    /// The rules, in the order they are tried.
    pub fn iter(&self) -> impl Iterator<Item = &Rule> {
        self.inner.rules.iter()
    }

    /// The name of the first rule that removes an element with this tag, id and class.
    pub fn match_element(&self, tag: &str, id: Option<&str>, class: Option<&str>) -> Option<&str> {
        let c = &*self.inner;
        if let Some(&i) = c.tags.get(tag) {
            return Some(c.name(i));
        }
        if matches!(tag, "html" | "body" | "main" | "article")
            || (c.words.is_empty() && c.prefixes.is_empty())
        {
            return None;
        }
        let names = class
            .into_iter()
            .flat_map(str::split_ascii_whitespace)
            .chain(id.map(str::trim))
            .filter(|n| !n.is_empty() && !is_taxonomy(n));
        let mut lower = String::new();
        for name in names {
            let mut best: Option<usize> = None;
            let mut consider = |i: Option<&usize>| {
                if let Some(&i) = i {
                    best = Some(best.map_or(i, |b| b.min(i)));
                }
            };
            lowercase_into(&mut lower, name);
            consider(c.words.get(lower.as_str()));
            for w in words(name) {
                lowercase_into(&mut lower, w);
                consider(c.words.get(lower.as_str()));
            }
            for (prefix, i) in &c.prefixes {
                if name.len() >= prefix.len()
                    && name.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
                {
                    consider(Some(i));
                }
            }
            if let Some(i) = best {
                return Some(c.name(i));
            }
        }
        None
    }

    /// The name of the first rule whose phrase marks a block with this text as boilerplate.
    pub fn match_block_text(&self, text: &str) -> Option<&str> {
        let c = &*self.inner;
        let ac = c.phrases.as_ref()?;
        // a UTF-8 character is at most four bytes: longer texts can be refused without counting
        if text.len() > PHRASE_BLOCK_MAX_CHARS * 4 || text.chars().count() > PHRASE_BLOCK_MAX_CHARS
        {
            return None;
        }
        ac.find_iter(text)
            .map(|m| c.phrase_rule[m.pattern().as_usize()])
            .min()
            .map(|i| c.name(i))
    }

    /// The name of the first rule whose link texts include `text` (trimmed, case-insensitive).
    pub fn match_link_text(&self, text: &str) -> Option<&str> {
        let c = &*self.inner;
        let t = text.trim();
        if t.is_empty() || t.len() > 64 || c.link_texts.is_empty() {
            return None;
        }
        c.link_texts
            .get(t.to_lowercase().as_str())
            .map(|&i| c.name(i))
    }

    /// The name of the first rule whose banner target matches `url`.
    pub fn match_banner_link(&self, url: &str) -> Option<&str> {
        self.inner
            .rules
            .iter()
            .find(|r| r.banner_links.iter().any(|p| url.contains(p.as_str())))
            .map(|r| r.name.as_str())
    }
}

fn lowercase_into(buf: &mut String, s: &str) {
    buf.clear();
    buf.push_str(s);
    buf.make_ascii_lowercase();
}

fn is_taxonomy(name: &str) -> bool {
    TAXONOMY_PREFIXES.iter().any(|p| {
        name.len() > p.len() && name.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    })
}

/// Splits a class name into words at `-`, `_`, `.`, `:` and at lower-to-upper case changes, so that
/// `dfp-ad-top`, `ads_box` and `adBanner` all hold the word `ad`/`ads`, while `header` and `download` don't.
fn words(name: &str) -> impl Iterator<Item = &str> {
    let bytes = name.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i <= bytes.len() {
            let at = i;
            i += 1;
            let boundary = at == bytes.len()
                || matches!(bytes[at], b'-' | b'_' | b'.' | b':' | b' ')
                || (at > 0 && bytes[at].is_ascii_uppercase() && bytes[at - 1].is_ascii_lowercase());
            if boundary {
                let word_end = at;
                let word = &name[start..word_end];
                start = if at < bytes.len() && bytes[at].is_ascii_uppercase() {
                    at
                } else {
                    at + 1
                };
                if !word.is_empty() {
                    return Some(word);
                }
            }
        }
        None
    })
}

/// One row of the built-in table: name, tags, id/class tokens, phrases, banner link targets, link texts.
type Row = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

/// The built-in rules. Tokens are words of class and id names; phrases are matched in lines of at
/// most 160 characters, so an article that quotes one keeps its paragraph.
const BUILTIN: &[Row] = &[
    (
        "script",
        &[
            "script", "style", "noscript", "template", "link", "meta", "title", "head",
        ],
        &[],
        &[],
        &[],
        &[],
    ),
    (
        "embed",
        &["iframe", "object", "embed", "canvas", "svg", "math", "map"],
        &["wp-embedded-content"],
        // what an embed says when its script did not run
        &[
            "请激活Javascript",
            "請激活Javascript",
            "请启用JavaScript",
            "請啟用JavaScript",
            "Please enable JavaScript",
            "您的浏览器不支持",
            "您的瀏覽器不支援",
            "你的浏览器不支持",
        ],
        &[],
        &[],
    ),
    (
        "form",
        &[
            "form", "button", "input", "select", "textarea", "label", "dialog",
        ],
        &[],
        &[],
        &[],
        &[],
    ),
    (
        "navigation",
        &["nav"],
        &[
            "breadcrumb",
            "breadcrumbs",
            "pagination",
            "pager",
            "page-numbers",
            "nav-links",
            "post-navigation",
        ],
        &[],
        &[],
        &[],
    ),
    (
        "ad-slot",
        &[],
        &[
            "ad",
            "ads",
            "adv",
            "advert",
            "adverts",
            "advertisement",
            "advertising",
            "adsbygoogle",
            "adslot",
            "adunit",
            "dfp",
            "gpt",
            "imu",
            "innity",
            "innity-*",
            "dfp-ad-*",
            "ads_*",
            "google_ads*",
            "sponsor",
            "sponsored",
            "outbrain",
            "taboola",
        ],
        &["告知：第三方内容可能包含广告", "Advertisement"],
        &[],
        &[],
    ),
    (
        "promo",
        &[],
        &[
            "promo",
            "promos",
            "promotion",
            "subscribe",
            "subscription",
            "paywall",
            "newsletter",
            "signup",
            "bottomArticleBanner",
        ],
        &[
            "欢迎点击此处订阅",
            "點擊此處訂閱",
            "訂閱《早安世界》",
            "歡迎訂閱",
            "快來訂閱",
            "想獲得更多最新資訊",
            "免费下载 纽约时报中文网",
            "点击下载iOS App",
            "Enjoy more audio and podcasts",
            "Listen to this story",
            "Your browser does not support",
        ],
        &[
            "subscribe.",
            "/subscribe",
            "/subscription",
            "/promotions/",
            "/promo/",
        ],
        &[],
    ),
    (
        "read-more",
        &[],
        &[],
        &[],
        &[],
        &[
            "...more",
            "......more",
            "more",
            "read more",
            "continue reading",
            "继续浏览后续",
            "继续阅读",
            "繼續閱讀",
            "阅读全文",
            "閱讀全文",
            "点击阅读全文",
            "查看全文",
            "更多",
        ],
    ),
    (
        "share",
        &[],
        &[
            "share",
            "sharing",
            "sharedaddy",
            "social",
            "sharethis",
            "addthis",
            "likes",
            "jp-likes",
            "wpl-likebox",
        ],
        &[
            "点击以在",
            "正在加载……",
            "在 Instagram 查看",
            "在 Facebook 查看",
        ],
        &[],
        &[],
    ),
    (
        "related-posts",
        &[],
        &[
            "related",
            "relatedposts",
            "jp-relatedposts",
            "yarpp",
            "more-stories",
            "recommend",
            "moreArticle",
            "more-articles",
            "more-news",
            "read-next",
        ],
        &["您可能感兴趣的文章", "相关图集："],
        &[],
        &[],
    ),
    (
        "taxonomy",
        &[],
        &[
            "cat-links",
            "tags-links",
            "tag-links",
            "post-tags",
            "entry-tags",
            "entry-categories",
            "post-categories",
            "tagcloud",
            "tag-cloud",
            "word-count",
            "reading-time",
            "rt-reading-time",
            "span-reading-time",
        ],
        &[],
        &[],
        &[],
    ),
    (
        "comments",
        &[],
        &[
            "comments",
            "comment-wrapper",
            "commentlist",
            "comment-list",
            "comment-respond",
            "comment-form",
        ],
        &[],
        &[],
        &[],
    ),
    (
        "feed-footer",
        &[],
        &[],
        &[
            "获取更多RSS",
            "appeared first on",
            "first appeared on",
            "was originally published in",
            "Feed enhanced by",
            "Post tags:",
            "Permalink",
            "点击查看本文英文版",
            "我们的标准：汤森路透“信任原则”",
        ],
        &[],
        &[],
    ),
];

fn builtin_rules() -> Vec<Rule> {
    let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    BUILTIN
        .iter()
        .map(|(name, tags, tokens, phrases, banners, link_texts)| Rule {
            name: name.to_string(),
            tags: own(tags),
            tokens: own(tokens),
            phrases: own(phrases),
            banner_links: own(banners),
            link_texts: own(link_texts),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_words_not_substrings() {
        let r = Rules::builtin();
        assert_eq!(
            r.match_element("div", Some("dfp-ad-imu1"), None),
            Some("ad-slot")
        );
        assert_eq!(
            r.match_element("section", Some("imu"), None),
            Some("ad-slot")
        );
        assert_eq!(
            r.match_element("div", Some("innity-in-post"), None),
            Some("ad-slot")
        );
        assert_eq!(
            r.match_element("div", None, Some("x adBanner")),
            Some("ad-slot")
        );
        assert_eq!(
            r.match_element("div", None, Some("sharedaddy sd-block")),
            Some("share")
        );
        assert_eq!(
            r.match_element("div", Some("jp-relatedposts"), None),
            Some("related-posts")
        );
        for clean in [
            "header", "download", "shadow", "lead", "thread", "loading", "heading",
        ] {
            assert_eq!(
                r.match_element("div", Some(clean), Some(clean)),
                None,
                "{clean}"
            );
        }
    }

    #[test]
    fn taxonomy_classes_and_article_roots_are_not_junk() {
        let r = Rules::builtin();
        assert_eq!(
            r.match_element("div", None, Some("post-1 tag-social-media category-ads")),
            None
        );
        assert_eq!(r.match_element("article", None, Some("ad")), None);
    }

    #[test]
    fn yaml_rules_load_and_report_their_line() {
        let r = Rules::from_yaml("rules:\n  - name: mine\n    tokens: [widget]\n").unwrap();
        assert_eq!(
            r.match_element("div", None, Some("my-widget")),
            Some("mine")
        );
        let e = Rules::from_yaml("rules:\n  - name: x\n    bogus: 1\n").unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
    }
}
