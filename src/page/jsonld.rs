//! JSON-LD (`<script type="application/ld+json">`): the schema.org article a page describes itself
//! as. The only module that reads page JSON.

use serde_json::Value;

use crate::dom::Dom;

/// What a schema.org article object says.
#[derive(Debug, Clone, Default)]
pub(super) struct LinkedData {
    name: Option<String>,
    headline: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub site_name: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
}

/// The `@type`s that are articles (schema.org's Article and its kinds).
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
    "WebPage",
];

/// The first article object of the page's JSON-LD blocks that parse.
pub(super) fn read(dom: &Dom) -> Option<LinkedData> {
    for id in dom.descendants(0) {
        if dom.tag(id) != Some("script")
            || !dom
                .attr(id, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            continue;
        }
        let text: String = dom.descendants(id).filter_map(|d| dom.text(d)).collect();
        let text = text.trim();
        let text = text
            .strip_prefix("<![CDATA[")
            .and_then(|t| t.strip_suffix("]]>"))
            .unwrap_or(text);
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        if let Some(article) = find_article(&value) {
            return Some(LinkedData::from_object(article));
        }
    }
    None
}

/// The article object in a block: the block itself, an item of a list, or an item of `@graph`;
/// articles before plain web pages. Looked for without recursion: two levels are all schema.org uses.
fn find_article(value: &Value) -> Option<&Value> {
    let mut candidates: Vec<&Value> = Vec::new();
    let tops: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for top in tops {
        candidates.push(top);
        if let Some(Value::Array(graph)) = top.get("@graph") {
            candidates.extend(graph.iter());
        }
    }
    let rank = |v: &&Value| {
        let types: Vec<&str> = match v.get("@type") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let article = types
            .iter()
            .any(|t| ARTICLE_TYPES[..ARTICLE_TYPES.len() - 1].contains(t));
        let page = types.contains(&"WebPage");
        if article {
            Some(0)
        } else if page {
            Some(1)
        } else {
            None
        }
    };
    candidates
        .into_iter()
        .filter_map(|c| rank(&c).map(|r| (r, c)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, c)| c)
}

fn string(v: Option<&Value>) -> Option<String> {
    let s = v?
        .as_str()?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!s.is_empty()).then_some(s)
}

/// A person or organisation: a name, an object with `name`, or a list of those joined by ", ".
fn names(v: Option<&Value>) -> Option<String> {
    let v = v?;
    let one = |p: &Value| match p {
        Value::String(_) => string(Some(p)),
        Value::Object(_) => string(p.get("name")),
        _ => None,
    };
    let joined = match v {
        Value::Array(items) => items.iter().filter_map(one).collect::<Vec<_>>().join(", "),
        other => one(other)?,
    };
    (!joined.is_empty()).then_some(joined)
}

/// An image: a URL, an ImageObject's `url`, or the first of a list.
fn image(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(o) => string(o.get("url")),
        Value::Array(items) => image(items.first()),
        _ => None,
    }
}

impl LinkedData {
    fn from_object(o: &Value) -> LinkedData {
        LinkedData {
            name: string(o.get("name")),
            headline: string(o.get("headline")),
            author: names(o.get("author")).filter(|a| !a.starts_with("http")),
            published: string(o.get("datePublished")),
            modified: string(o.get("dateModified")),
            site_name: o.get("publisher").and_then(|p| string(p.get("name"))),
            description: string(o.get("description")),
            image: image(o.get("image")),
        }
    }

    /// The headline; when `name` and `headline` differ, the one that resembles the document's own
    /// title (a `name` is sometimes the site's).
    pub(super) fn title(&self, document_title: Option<&str>) -> Option<String> {
        match (&self.name, &self.headline) {
            (Some(name), Some(headline)) if name != headline => {
                let like =
                    |t: &str| document_title.is_some_and(|d| super::title::similarity(t, d) > 0.75);
                if like(headline) && !like(name) {
                    Some(headline.clone())
                } else {
                    Some(name.clone())
                }
            }
            (Some(name), _) => Some(name.clone()),
            (None, headline) => headline.clone(),
        }
    }
}
