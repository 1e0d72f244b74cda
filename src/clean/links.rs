//! Link and image URLs: resolved against the post's source, stripped of tracking parameters, and
//! refused when their scheme could run code.

use url::Url;

/// Query parameters that only track the reader. Matched case-insensitively; entries ending in `_`
/// match as prefixes (`utm_source`, `utm_medium`, ...).
const TRACKING: &[&str] = &[
    "utm_",
    "fbclid",
    "gclid",
    "dclid",
    "gclsrc",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "spm",
    "scm",
    "yclid",
    "igshid",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "vero_id",
    "oly_enc_id",
    "oly_anon_id",
    "wt.mc_id",
    "at_medium",
    "at_campaign",
    "at_custom1",
    "at_custom2",
    "at_custom3",
    "at_custom4",
    "ocid",
    "cmpid",
    "ncid",
    "sr_share",
    "share_token",
    "ref_src",
    "ref_url",
    "pk_campaign",
    "pk_kwd",
    "piwik_campaign",
    "__twitter_impression",
    "s_cid",
    "ito",
];

/// Schemes a link may keep. Anything else (`javascript:`, `vbscript:`, `data:`, `file:`) is dropped.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "ftp", "tel"];

/// Cleans `raw` (an `href` or `src` value): whitespace and control characters trimmed as browsers do,
/// relative URLs resolved against `base`, tracking parameters removed and counted. `None` when the URL
/// is empty, a fragment only, unparseable, or of an unsafe scheme.
pub(crate) fn clean_url(raw: &str, base: Option<&Url>) -> Option<(String, usize)> {
    let edges_trimmed = raw.trim_matches(is_ignorable);
    // browsers ignore tabs and line breaks inside a URL; copy only when there are any
    let trimmed: std::borrow::Cow<'_, str> = if edges_trimmed.contains(['\t', '\n', '\r']) {
        edges_trimmed
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect::<String>()
            .into()
    } else {
        edges_trimmed.into()
    };
    // a control character inside a URL has no business there and can hide a scheme (`jav\x10ascript:`)
    if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.chars().any(char::is_control) {
        return None;
    }
    if hides_unsafe_scheme(&trimmed) {
        return None;
    }
    let parsed = match base {
        Some(b) => b.join(&trimmed).ok()?,
        None => match Url::parse(&trimmed) {
            Ok(u) => u,
            // No base to resolve against: a relative URL stays as written (its scheme can't be unsafe,
            // since it has none), minus tracking parameters.
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                // a URL that was nothing but tracking parameters is no URL at all
                return Some(strip_relative(&trimmed)).filter(|(url, _)| !url.is_empty());
            }
            Err(_) => return None,
        },
    };
    if !SAFE_SCHEMES.contains(&parsed.scheme()) {
        return None;
    }
    let (url, removed) = strip_tracking(parsed);
    Some((url.into(), removed))
}

/// Characters that a browser or a Markdown renderer may drop around a URL or inside its scheme:
/// every Unicode whitespace (U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+205F, U+3000, ...),
/// control characters, and the zero-width ones Unicode no longer counts as whitespace (U+180E,
/// U+200B-U+200D, U+2060, U+FEFF). A renderer that trims `\u{2028}` in front of `javascript:` turns a
/// harmless relative link into a script, so the scheme is judged with them gone.
fn is_ignorable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{180E}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Whether the part before the first `:` (once ignorable characters are taken out) names a scheme
/// that is not safe. `java\u{200B}script:` is a relative URL to the `url` crate, but a renderer that
/// drops zero-width characters would make it a script: such a URL is refused, not kept as relative.
fn hides_unsafe_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let head = &url[..colon];
    if head.contains(['/', '?', '#']) {
        return false;
    }
    let scheme: String = head
        .chars()
        .filter(|&c| !is_ignorable(c))
        .flat_map(char::to_lowercase)
        .collect();
    let scheme_like = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    scheme_like && !SAFE_SCHEMES.contains(&scheme.as_str())
}

fn is_tracking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    TRACKING.iter().any(|t| {
        if t.ends_with('_') {
            key.starts_with(t)
        } else {
            key == *t
        }
    })
}

/// The URL without its tracking parameters, and how many there were.
fn strip_tracking(mut url: Url) -> (Url, usize) {
    if url.query().is_none() {
        return (url, 0);
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let removed = url.query_pairs().count() - pairs.len();
    if removed == 0 {
        return (url, 0);
    }
    if pairs.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    (url, removed)
}

/// Tracking removal for a relative URL, by way of a throwaway base.
fn strip_relative(rel: &str) -> (String, usize) {
    if !rel.contains('?') {
        return (rel.to_string(), 0);
    }
    let Ok(base) = Url::parse("http://relative.invalid/") else {
        return (rel.to_string(), 0);
    };
    match base.join(rel) {
        Ok(u) => {
            let (u, removed) = strip_tracking(u);
            if removed == 0 {
                return (rel.to_string(), 0);
            }
            let path_start = if rel.starts_with('/') { 0 } else { 1 };
            let s = &u[url::Position::BeforePath..];
            (s[path_start..].to_string(), removed)
        }
        Err(_) => (rel.to_string(), 0),
    }
}

/// Whether a text reads as a URL rather than as words (a link whose text is its address).
pub(crate) fn reads_as_url(text: &str) -> bool {
    text.starts_with("http") || text.starts_with("www.")
}

/// The URL with query and fragment removed, for comparing image variants.
pub(crate) fn without_query(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_url(raw: &str, base: Option<&Url>) -> Option<String> {
        super::clean_url(raw, base).map(|(url, _)| url)
    }

    #[test]
    fn strips_tracking_and_keeps_the_rest() {
        let u = clean_url(
            "https://x.com/a?utm_source=zb&id=3&fbclid=abc&utm_medium=m#frag",
            None,
        );
        assert_eq!(u.as_deref(), Some("https://x.com/a?id=3#frag"));
        assert_eq!(
            clean_url("https://x.com/a?utm_campaign=c", None).as_deref(),
            Some("https://x.com/a")
        );
    }

    #[test]
    fn resolves_relative_against_base() {
        let base = Url::parse("https://news.example/world/story1.html").unwrap();
        assert_eq!(
            clean_url("../img/a.jpg", Some(&base)).as_deref(),
            Some("https://news.example/img/a.jpg")
        );
        assert_eq!(
            clean_url("//cdn.example/b.png", Some(&base)).as_deref(),
            Some("https://cdn.example/b.png")
        );
        assert_eq!(clean_url("/a?spm=1&x=2", None).as_deref(), Some("/a?x=2"));
    }

    #[test]
    fn refuses_unsafe_schemes() {
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "vbscript:x",
            "data:text/html,x",
        ] {
            assert_eq!(clean_url(bad, None), None, "{bad}");
        }
        assert_eq!(clean_url("#top", None), None);
    }

    #[test]
    fn refuses_schemes_behind_unicode_whitespace_and_zero_width_characters() {
        let base = Url::parse("https://news.example/a/b.html").unwrap();
        for space in [
            '\u{A0}', '\u{1680}', '\u{180E}', '\u{2000}', '\u{2005}', '\u{200A}', '\u{200B}',
            '\u{2028}', '\u{2029}', '\u{205F}', '\u{3000}', '\u{FEFF}',
        ] {
            for url in [
                format!("{space}javascript:alert(1)"),
                format!("{space}{space}JavaScript:alert(1){space}"),
                format!("java{space}script:alert(1)"),
                format!("{space}vbscript:x"),
                format!("{space}data:text/html,x"),
            ] {
                assert_eq!(clean_url(&url, None), None, "{url:?} without a base");
                assert_eq!(clean_url(&url, Some(&base)), None, "{url:?} with a base");
            }
        }
        // the same characters around a safe URL are trimmed, as browsers trim them
        assert_eq!(
            clean_url("\u{2028}https://x.example/a\u{3000}", None).as_deref(),
            Some("https://x.example/a")
        );
        // a colon later in a relative path names no scheme
        assert_eq!(
            clean_url("/wiki/Talk:Main", None).as_deref(),
            Some("/wiki/Talk:Main")
        );
    }
}
