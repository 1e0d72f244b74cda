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
///
/// An absolute URL stays exactly as written but for the tracking parameters taken out of its query:
/// the `url` crate's serializer would add a `/` to `http://example.com`, lower-case the host and
/// re-encode the query, none of which the author wrote.
pub(crate) fn clean_url(raw: &str, base: Option<&Url>) -> Option<(String, usize)> {
    let edges_trimmed = raw.trim_matches(is_ignorable);
    // browsers ignore tabs and line breaks inside a URL; copy only when there are any
    let trimmed: std::borrow::Cow<'_, str> =
        if memchr::memchr3(b'\t', b'\n', b'\r', edges_trimmed.as_bytes()).is_some() {
            // piece by piece into room for all of it: a `data:` URL wrapped over lines is
            // hundreds of kilobytes, which a character at a time would copy again at every doubling
            let mut joined = String::with_capacity(edges_trimmed.len());
            for piece in edges_trimmed.split(['\t', '\n', '\r']) {
                joined.push_str(piece);
            }
            joined.into()
        } else {
            edges_trimmed.into()
        };
    // a control character inside a URL has no business there and can hide a scheme (`jav\x10ascript:`)
    if trimmed.is_empty() || trimmed.starts_with('#') || has_control(&trimmed) {
        return None;
    }
    if hides_unsafe_scheme(&trimmed) {
        return None;
    }
    let resolved: std::borrow::Cow<'_, str> = if plainly_web_url(&trimmed) {
        // kept as written, as a parsed one would be: most links and images are such, and the
        // parse was only asked whether the scheme is safe
        trimmed
    } else {
        match Url::parse(&trimmed) {
            Ok(u) if !SAFE_SCHEMES.contains(&u.scheme()) => return None,
            Ok(_) => trimmed,
            Err(url::ParseError::RelativeUrlWithoutBase) => match base {
                Some(b) => {
                    let joined = b.join(&trimmed).ok()?;
                    if !SAFE_SCHEMES.contains(&joined.scheme()) {
                        return None;
                    }
                    String::from(joined).into()
                }
                // No base to resolve against: a relative URL stays as written (its scheme can't be
                // unsafe, since it has none), minus tracking parameters.
                None => trimmed,
            },
            Err(_) => return None,
        }
    };
    let (mut url, removed) = strip_tracking(&resolved);
    // what stood before the stripped query is an edge now, trimmed as the edges were: the same
    // URL read again (from the sanitized HTML) must come out the same
    if removed > 0 {
        let kept = url.trim_matches(is_ignorable);
        if kept.len() != url.len() {
            url = kept.to_string();
        }
    }
    // a URL that was nothing but tracking parameters is no URL at all, and one that was tracking
    // parameters and a fragment is a fragment only now, refused as one written so would be
    Some((url, removed)).filter(|(url, _)| !url.is_empty() && !url.starts_with('#'))
}

/// Whether `text` holds a control character (general category Cc: U+0000-U+001F, U+007F-U+009F),
/// told by its UTF-8 bytes: those below 0x20, 0x7F, and 0xC2 before 0x80-0x9F.
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    // most URLs hold none of the bytes a control starts with: told by a fold with no exit per
    // byte, which the compiler runs a vector at a time, before the exact look
    if !bytes.iter().fold(false, |found, &b| {
        found | (b < 0x20) | (b == 0x7F) | (b == 0xC2)
    }) {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &b)| {
        b < 0x20 || b == 0x7F || b == 0xC2 && bytes.get(i + 1).is_some_and(|&n| n < 0xA0)
    })
}

/// Whether `url` is an absolute `http` or `https` URL that the `url` crate is sure to parse: a
/// lower-case scheme, a host of ASCII letters, digits, dots and hyphens whose last label does not
/// start with a digit (which would make it an IPv4 address to check) and none of which is
/// Punycode (`xn--`, which IDNA checks), no user or port, and the host ended by the path, query,
/// fragment or the end. Past the host the parser fails on nothing (it percent-encodes), so such a
/// URL needs no parse to be known safe; any other goes through the parser.
fn plainly_web_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let bytes = rest.as_bytes();
    let host_len = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
        .unwrap_or(bytes.len());
    if host_len == 0 || !matches!(bytes.get(host_len), None | Some(b'/' | b'?' | b'#')) {
        return false;
    }
    // the host's labels read by its bytes (it is ASCII), where splitting it by `.` searched for
    // every dot: the last label (before a closing dot) must start with no digit, and no label may
    // be empty but the last (no leading dot, no `..`) nor start with `xn--`
    let host = &bytes[..host_len];
    let named = host.strip_suffix(b".").unwrap_or(host);
    let last = &named[named.iter().rposition(|&b| b == b'.').map_or(0, |i| i + 1)..];
    if last.first().is_none_or(u8::is_ascii_digit) {
        return false;
    }
    // a label starts at the host's start and after every dot
    let mut after_dot = true;
    for (i, &b) in host.iter().enumerate() {
        if after_dot
            && (b == b'.'
                || host
                    .get(i..i + 4)
                    .is_some_and(|l| l.eq_ignore_ascii_case(b"xn--")))
        {
            return false;
        }
        after_dot = b == b'.';
    }
    true
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
    let Some(colon) = memchr::memchr(b':', url.as_bytes()) else {
        return false;
    };
    let head = &url[..colon];
    if head.contains(['/', '?', '#']) {
        return false;
    }
    // most heads are a scheme written in ASCII (`https`): nothing in them is ignorable, and they
    // compare in any case as they stand, with no lower-cased copy
    if head
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return head.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && !SAFE_SCHEMES.iter().any(|s| head.eq_ignore_ascii_case(s));
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
    // the entries are lower-case ASCII: compared in any case without a lower-cased copy
    TRACKING.iter().any(|t| {
        if t.ends_with('_') {
            key.get(..t.len())
                .is_some_and(|k| k.eq_ignore_ascii_case(t))
        } else {
            key.eq_ignore_ascii_case(t)
        }
    })
}

/// The URL without its tracking parameters, and how many there were. Works on the URL as written:
/// the parameters that stay keep their spelling and order, and nothing else changes.
/// The tracking parameters [`clean_url`] takes out of `url`'s query, as written (`utm_source=rss`),
/// for the audit trail.
pub(crate) fn tracking_params(url: &str) -> Vec<String> {
    let before_fragment = url.split('#').next().unwrap_or(url);
    let Some((_, query)) = before_fragment.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| is_tracking(&param_key(p)) || carries_only_tracking(p))
        .map(String::from)
        .collect()
}

fn strip_tracking(url: &str) -> (String, usize) {
    // `#` and `?` by the memchr crate's search (a `char` pattern is set up for every call)
    let (before_fragment, fragment) = match memchr::memchr(b'#', url.as_bytes()) {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let Some(q) = memchr::memchr(b'?', before_fragment.as_bytes()) else {
        return (url.to_string(), 0);
    };
    let (head, query) = (&before_fragment[..q], &before_fragment[q + 1..]);
    let params = || query.split('&').filter(|p| !p.is_empty());
    let tracks = |p: &str| is_tracking(&param_key(p)) || carries_only_tracking(p);
    // most queries track nothing: asked in one pass, with no list of what stays
    if !params().any(tracks) {
        return (url.to_string(), 0);
    }
    let total = params().count();
    let kept: Vec<&str> = params().filter(|p| !tracks(p)).collect();
    let removed = total - kept.len();
    let mut out = String::with_capacity(url.len());
    out.push_str(head);
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out.push_str(fragment);
    (out, removed)
}

/// Whether a parameter's value is itself a query of nothing but tracking parameters: an app store's
/// `referrer=utm_source%3D...` passes the campaign on to the app, and tracks as much as `utm_source`.
fn carries_only_tracking(pair: &str) -> bool {
    let Some((_, value)) = pair.split_once('=') else {
        return false;
    };
    // "%3D" or "%3d", told by its bytes (a substring searcher set up twice a parameter cost more)
    if !value
        .as_bytes()
        .windows(3)
        .any(|w| w[0] == b'%' && w[1] == b'3' && w[2] | 0x20 == b'd')
    {
        return false;
    }
    let Some((_, inner)) = url::form_urlencoded::parse(pair.as_bytes()).next() else {
        return false;
    };
    let mut keys = url::form_urlencoded::parse(inner.as_bytes()).peekable();
    keys.peek().is_some() && keys.all(|(k, v)| !v.is_empty() && is_tracking(&k))
}

/// A query parameter's name, decoded as a form would be (`utm%5Fsource` is `utm_source`).
fn param_key(pair: &str) -> std::borrow::Cow<'_, str> {
    let key = pair.split('=').next().unwrap_or("");
    // a name with nothing to decode (most) is itself
    if !key.bytes().any(|b| matches!(b, b'%' | b'+' | b'&')) {
        return key.into();
    }
    url::form_urlencoded::parse(key.as_bytes())
        .next()
        .map(|(k, _)| k.into_owned().into())
        .unwrap_or_default()
}

/// The path Cloudflare's e-mail protection sends obfuscated addresses to (`...#<hex>`).
const EMAIL_PROTECTION: &str = "/cdn-cgi/l/email-protection";

/// The hex string of a Cloudflare-protected address, when `href` is one.
pub(crate) fn protected_email(href: &str) -> Option<&str> {
    let href = href.trim();
    let hash = memchr::memchr(b'#', href.as_bytes())?;
    let (path, hex) = (&href[..hash], &href[hash + 1..]);
    path.ends_with(EMAIL_PROTECTION).then_some(hex)
}

/// Decodes Cloudflare's e-mail obfuscation (`data-cfemail`, or the fragment of an
/// email-protection link): hex bytes, the first a key that every other byte is XORed with. `None`
/// when the string is not of that form or does not decode to something shaped like an address.
pub(crate) fn decode_cf_email(hex: &str) -> Option<String> {
    let hex = hex.trim();
    if hex.len() < 4 || hex.len() % 2 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16))
        .collect::<Result<_, _>>()
        .ok()?;
    let key = bytes[0];
    let decoded: Vec<u8> = bytes[1..].iter().map(|b| b ^ key).collect();
    let address = String::from_utf8(decoded).ok()?;
    let shaped = address.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.contains('@')
    });
    let clean = address
        .chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\\' | '(' | ')'));
    (shaped && clean).then_some(address)
}

/// Whether a text reads as a URL rather than as words (a link whose text is its address).
pub(crate) fn reads_as_url(text: &str) -> bool {
    text.starts_with("http") || text.starts_with("www.")
}

/// The URL with query and fragment removed, for comparing image variants.
pub(crate) fn without_query(url: &str) -> &str {
    // two ASCII bytes looked for a vector at a time (`find` with a list of characters decodes
    // the URL a character at a time: about 1,200 instructions an image)
    let end = memchr::memchr2(b'?', b'#', url.as_bytes()).unwrap_or(url.len());
    &url[..end]
}

/// Whether a URL is a picture's own file (`.jpg`, `.png`, `.webp` …, query and fragment aside): a
/// link to it shows the picture larger, where a link to a page leads elsewhere.
pub(crate) fn is_picture_file(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".bmp"]
        .iter()
        .any(|e| path.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_told_by_their_bytes() {
        for c in ('\0'..='\u{2FF}').chain(['\u{2028}', '\u{FEFF}', '中', '😀']) {
            for text in [c.to_string(), format!("a{c}b"), format!("\u{c2}{c}")] {
                assert_eq!(
                    has_control(&text),
                    text.chars().any(char::is_control),
                    "{text:?}"
                );
            }
        }
    }

    fn clean_url(raw: &str, base: Option<&Url>) -> Option<String> {
        super::clean_url(raw, base).map(|(url, _)| url)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// A URL kept without a parse is one the parser takes, with a safe scheme.
        #[test]
        fn a_plain_web_url_is_one_the_parser_takes(
            scheme in proptest::prop_oneof![
                proptest::prelude::Just("http://"), proptest::prelude::Just("https://"),
                proptest::prelude::Just("HTTP://"), proptest::prelude::Just("http:/"),
            ],
            host in "[a-zA-Z0-9.\\-_:@\\[\\]%]{0,14}",
            tail in "[/?#]?[ -~\u{a0}-\u{3000}]{0,10}",
        ) {
            let url = format!("{scheme}{host}{tail}");
            if plainly_web_url(&url) {
                let parsed = Url::parse(&url);
                proptest::prop_assert!(parsed.is_ok(), "{url:?}: {parsed:?}");
                proptest::prop_assert!(parsed.is_ok_and(|u| SAFE_SCHEMES.contains(&u.scheme())));
            }
        }
    }

    /// The host checks as they were written with `str`'s splitting, before the labels were read
    /// by their bytes.
    fn host_by_str(host: &str) -> bool {
        let last = host
            .strip_suffix('.')
            .unwrap_or(host)
            .rsplit('.')
            .next()
            .unwrap_or("");
        !last.is_empty()
            && !last.starts_with(|c: char| c.is_ascii_digit())
            && !host.starts_with('.')
            && !host.contains("..")
            && !host
                .split('.')
                .any(|label| label.len() >= 4 && label[..4].eq_ignore_ascii_case("xn--"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The host's labels read by their bytes answer as `str`'s splitting did.
        #[test]
        fn host_labels_by_bytes_answer_as_split_did(
            host in "([a-zA-Z0-9\\-]{0,5}|xn--|XN--[a-z]?|\\.){1,6}",
            tail in "([/?#][a-z]{0,3})?",
        ) {
            let url = format!("https://{host}{tail}");
            proptest::prop_assert_eq!(plainly_web_url(&url), !host.is_empty() && host_by_str(&host), "{}", url);
        }
    }

    #[test]
    fn plain_web_urls_and_the_ones_the_parser_must_see() {
        for plain in [
            "https://news.example/a?b=1#c",
            "http://X-1.example",
            "https://a.b.c/",
        ] {
            assert!(plainly_web_url(plain), "{plain}");
        }
        for other in [
            "https://1.2.3.456/",
            "https://a.0x1/",
            "https://xn--a.example/",
            "https://u@a.example/",
            "https://a.example:99999/",
            "https:///a",
            "https://a..b/",
            "//a.example/",
            "ftp://a.example/",
        ] {
            assert!(!plainly_web_url(other), "{other}");
        }
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
    fn a_parameter_carrying_only_tracking_goes_too() {
        let store =
            "https://play.example/store/apps?id=app.x&referrer=utm_source%3Darticle%2520player";
        assert_eq!(
            clean_url(store, None).as_deref(),
            Some("https://play.example/store/apps?id=app.x")
        );
        // a value that is a query with anything else in it is the link's own
        let next = "https://x.com/login?next=%2Fa%3Fid%3D3%26utm_source%3Dz";
        assert_eq!(clean_url(next, None).as_deref(), Some(next));
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
    fn decodes_cloudflare_protected_addresses() {
        // key 0x42, then "a@b.co" XORed with it
        let hex: String = std::iter::once(0x42u8)
            .chain("a@b.co".bytes().map(|b| b ^ 0x42))
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(decode_cf_email(&hex).as_deref(), Some("a@b.co"));
        assert_eq!(
            protected_email(&format!("/cdn-cgi/l/email-protection#{hex}")),
            Some(hex.as_str())
        );
        assert_eq!(protected_email("https://x.example/a#b"), None);
        for bad in ["", "zz", "4", "42", "4223", "42x0"] {
            assert_eq!(decode_cf_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn keeps_urls_as_written_unless_something_was_removed() {
        for url in [
            "http://example.com",
            "HTTP://Example.COM/a/../b?q=%7e&Z=1",
            "https://images.example/?url=https%3A%2F%2Fcdn.example%2F1.jpg&w=640",
            "https://x.example/搜索?q=新闻#第二节",
            "mailto:someone@example.com",
            "/relative/path?a=1&&b",
        ] {
            assert_eq!(clean_url(url, None).as_deref(), Some(url), "{url}");
        }
        // with a base, an absolute URL is still left alone
        let base = Url::parse("https://news.example/a/b.html").unwrap();
        assert_eq!(
            clean_url("http://example.com", Some(&base)).as_deref(),
            Some("http://example.com")
        );
        // only the query changes when a tracking parameter goes
        assert_eq!(
            clean_url("HTTP://Example.COM?Z=%7e&utm_source=x&a#F", None).as_deref(),
            Some("HTTP://Example.COM?Z=%7e&a#F")
        );
        assert_eq!(
            clean_url("https://x.example/p?utm%5Fsource=x", None).as_deref(),
            Some("https://x.example/p")
        );
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
