//! What a whole page says about its article, beside the article: the `<head>`'s meta tags, JSON-LD,
//! the headline and by-line in the page. Posts' front matter says the same and wins where it does.

mod jsonld;
mod meta;
mod title;
mod url_date;

use url::Url;

use crate::clean::article::byline::BylineLexicon;
use crate::dom::{Dom, NodeId};
use crate::post::Metadata;

/// A page's metadata, each field from the first source that has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub canonical_url: Option<String>,
    pub image: Option<String>,
    /// Where relative URLs point: the page's `<base href>` when it is http(s), else its canonical
    /// URL.
    pub base: Option<Url>,
}

/// Reads the page's metadata; `roots` are the chosen article's elements, near which the headline
/// and by-line are looked for.
pub(crate) fn read(
    dom: &Dom,
    roots: &[NodeId],
    base: Option<&Url>,
    bylines: Option<&BylineLexicon>,
) -> PageMeta {
    let tags = meta::MetaTags::read(dom);
    let ld = jsonld::read(dom);
    let doc_title = dom.first_text("title");
    let page_title = doc_title
        .as_deref()
        .map(|t| title::from_document_title(dom, t));
    let title = ld
        .as_ref()
        .and_then(|l| l.title(page_title.as_deref()))
        .or_else(|| tags.title())
        .or(page_title)
        .or_else(|| title::nearest_heading(dom, roots));
    let canonical = tags
        .canonical
        .clone()
        .or_else(|| tags.get("og:url"))
        .and_then(|u| absolute(&u, base));
    let base_href = tags
        .base_href
        .as_deref()
        .and_then(|h| absolute(h, canonical.as_ref().or(base)));
    // the metadata line between the headline and the article, outside its container: read only
    // when the page says no author or no date elsewhere
    let head = std::cell::OnceCell::new();
    let head = || {
        head.get_or_init(|| {
            bylines
                .and_then(|l| meta::head_line(dom, roots, title.as_deref(), l))
                .unwrap_or_default()
        })
    };
    // the post's meta line in the article, which a rule removes before the by-line pass reads it
    let meta = std::cell::OnceCell::new();
    let meta_line = || {
        meta.get_or_init(|| bylines.and_then(|l| meta::meta_line(dom, roots, l)))
            .as_ref()
    };
    let author = ld
        .as_ref()
        .and_then(|l| l.author.clone())
        .or_else(|| tags.author())
        // a by-line element that names nobody (an editor's line in a box named for the author,
        // "责任编辑：李明") yields to the head line, which may ("作者：李明 日期：…")
        .or_else(|| {
            meta::byline_in_page(dom, roots).filter(|a| {
                bylines.is_none_or(|l| crate::clean::article::byline::person(a, l).is_some())
            })
        })
        .or_else(|| head().0.clone())
        .or_else(|| meta_line().and_then(|m| m.0.clone()))
        // the role a by-line writes after the name ("Hannah Croft, Transport Correspondent")
        .map(|a| match bylines {
            Some(l) => crate::clean::article::byline::without_role(&a, l).to_string(),
            None => a,
        });
    let published = ld
        .as_ref()
        .and_then(|l| l.published.clone())
        .or_else(|| tags.published())
        .or_else(|| meta::first_time(dom, roots))
        .or_else(|| head().1.clone())
        .or_else(|| meta_line().and_then(|m| m.1.clone()))
        // a labelled date under the article, outside its container
        .or_else(|| bylines.and_then(|l| meta::tail_line(dom, roots, l)))
        // the day the address files the story under, when the page says it nowhere
        .or_else(|| canonical.as_ref().and_then(url_date::date_in));
    let image = ld
        .as_ref()
        .and_then(|l| l.image.clone())
        .or_else(|| tags.get("og:image"))
        .or_else(|| tags.get("twitter:image"))
        .and_then(|u| absolute(&u, canonical.as_ref().or(base)))
        .map(String::from);
    PageMeta {
        title,
        author,
        published,
        modified: ld
            .as_ref()
            .and_then(|l| l.modified.clone())
            .or_else(|| tags.get("article:modified_time"))
            .or_else(|| tags.get("og:updated_time")),
        site_name: ld
            .as_ref()
            .and_then(|l| l.site_name.clone())
            .or_else(|| tags.get("og:site_name")),
        language: tags.language.clone(),
        description: ld
            .as_ref()
            .and_then(|l| l.description.clone())
            .or_else(|| tags.description()),
        canonical_url: canonical.as_ref().map(|u| u.to_string()),
        image,
        base: base_href.or(canonical),
    }
}

/// An http(s) URL, relative ones resolved against `base`; other schemes are no place for links.
fn absolute(url: &str, base: Option<&Url>) -> Option<Url> {
    let url = url.trim();
    let parsed = match Url::parse(url) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(url).ok()?,
        Err(_) => return None,
    };
    matches!(parsed.scheme(), "http" | "https").then_some(parsed)
}

impl PageMeta {
    /// Fills what `metadata` (the post's front matter) does not say, and writes the Markdown front
    /// matter of a page that had none.
    pub(crate) fn merge_into(self, metadata: &mut Metadata) {
        let had_front_matter = metadata.front_matter.is_some();
        fill(&mut metadata.title, self.title);
        fill(&mut metadata.author, self.author);
        fill(&mut metadata.date, self.published);
        fill(&mut metadata.date_modified, self.modified);
        fill(&mut metadata.site_name, self.site_name);
        fill(&mut metadata.language, self.language);
        fill(&mut metadata.description, self.description);
        fill(&mut metadata.canonical_url, self.canonical_url);
        fill(&mut metadata.image, self.image);
        if !had_front_matter {
            metadata.front_matter = metadata.page_front_matter();
        }
    }
}

fn fill(field: &mut Option<String>, value: Option<String>) {
    if field.is_none() {
        *field = value.filter(|v| !v.trim().is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> PageMeta {
        let dom = Dom::parse(html, 10_000).unwrap();
        read(&dom, &[dom.body()], None, None)
    }

    #[test]
    fn the_site_name_leaves_the_title() {
        for (title, want) in [
            (
                "Night trains are back on the line | Rail Letter",
                "Night trains are back on the line",
            ),
            (
                "Rail Letter » Night trains are back on the line",
                "Night trains are back on the line",
            ),
            ("Short one - Site", "Short one - Site"),
            (
                "Tech: standalone binaries built with one tool",
                "standalone binaries built with one tool",
            ),
            ("标题一_频道_网站", "标题一_频道_网站"),
        ] {
            let page = meta_of(&format!(
                "<html><head><title>{title}</title></head><body></body></html>"
            ));
            assert_eq!(page.title.as_deref(), Some(want), "{title}");
        }
    }

    #[test]
    fn sources_rank_and_front_matter_wins() {
        let page = meta_of(concat!(
            "<html lang=de><head><title>Doc title here and more | Site</title>",
            "<meta name=\"dc.title\" content=\"By name\"><meta property=\"dc:title\" content=\"By property\">",
            "<meta name=author content=\"https://profile.example/x\"><meta property=\"article:author\" content=\"Kim\">",
            "<base href=\"javascript:alert(1)\"><link rel=canonical href=\"/a/b\">",
            "</head><body><p class=byline>By Someone Else</p></body></html>"
        ));
        assert_eq!(page.title.as_deref(), Some("By property"));
        assert_eq!(page.author.as_deref(), Some("Kim"));
        assert_eq!(page.language.as_deref(), Some("de"));
        // a relative canonical without a base is no URL, and a script base is never one
        assert_eq!(page.canonical_url, None);
        assert_eq!(page.base, None);
        let mut metadata = Metadata {
            title: Some("Front matter".into()),
            front_matter: Some("title: Front matter\n".into()),
            ..Metadata::default()
        };
        page.merge_into(&mut metadata);
        assert_eq!(metadata.title.as_deref(), Some("Front matter"));
        assert_eq!(metadata.author.as_deref(), Some("Kim"));
        assert_eq!(
            metadata.front_matter.as_deref(),
            Some("title: Front matter\n")
        );
    }

    #[test]
    fn json_ld_in_a_graph_and_bylines_in_the_page() {
        let page = meta_of(concat!(
            "<html><head><script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"WebSite\", ",
            "\"name\": \"Site\"}, {\"@type\": [\"NewsArticle\"], \"headline\": \"Head\", ",
            "\"author\": {\"name\": \"A. Writer\"}, \"datePublished\": \"2020-01-02\"}]}</script>",
            "<script type=\"application/ld+json\">not json</script></head><body></body></html>"
        ));
        assert_eq!(page.title.as_deref(), Some("Head"));
        assert_eq!(page.author.as_deref(), Some("A. Writer"));
        assert_eq!(page.published.as_deref(), Some("2020-01-02"));
        let page = meta_of(
            "<html><body><div class=\"post-author\">by <span itemprop=name>Lee</span></div></body></html>",
        );
        assert_eq!(page.author.as_deref(), Some("Lee"));
    }
}
