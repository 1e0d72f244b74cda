//! Lazyload images: the real URL behind `data-src` and friends, and the placeholders that never survive.

use super::mechanics::{IMAGE_WITHOUT_SOURCE, LAZYLOAD_PLACEHOLDER, Mechanic, TRACKING_PIXEL};

/// Attributes that lazyload scripts read the real URL from, most specific first.
const LAZY_SRC: &[&str] = &[
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-actualsrc",
    "data-original-src",
    "data-hi-res-src",
    "data-lazy",
    "data-url",
    "data-echo",
];

/// Attributes holding a `srcset` candidate list, most specific first.
const SRCSETS: &[&str] = &["data-srcset", "data-lazy-srcset", "srcset"];

/// Words in an image file name that mark a placeholder rather than a picture.
const PLACEHOLDER_WORDS: &[&str] = &[
    "blank",
    "placeholder",
    "spacer",
    "transparent",
    "loading",
    "lazy",
    "lazyload",
    "1x1",
];

/// The image's real URL (not yet resolved against a base), or why it has none.
pub(crate) fn real_src<'a>(attr: impl Fn(&str) -> Option<&'a str>) -> Result<&'a str, Mechanic> {
    if attr("width").is_some_and(is_one_pixel) && attr("height").is_some_and(is_one_pixel) {
        return Err(TRACKING_PIXEL);
    }
    let mut saw_placeholder = false;
    for name in LAZY_SRC {
        if let Some(v) = attr(name).map(str::trim).filter(|v| !v.is_empty()) {
            if is_placeholder(v) {
                saw_placeholder = true;
            } else {
                return Ok(v);
            }
        }
    }
    for name in SRCSETS {
        if let Some(best) = attr(name).and_then(largest_candidate) {
            if is_placeholder(best) {
                saw_placeholder = true;
            } else {
                return Ok(best);
            }
        }
    }
    match attr("src").map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) if !is_placeholder(v) => Ok(v),
        Some(_) => Err(LAZYLOAD_PLACEHOLDER),
        None if saw_placeholder => Err(LAZYLOAD_PLACEHOLDER),
        None => Err(IMAGE_WITHOUT_SOURCE),
    }
}

fn is_one_pixel(v: &str) -> bool {
    matches!(v.trim().trim_end_matches("px"), "0" | "1")
}

/// Whether `url` is a stand-in that a lazyload script would replace.
pub(crate) fn is_placeholder(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("data:") || lower.starts_with("about:") || lower.starts_with("javascript:")
    {
        return true;
    }
    let path = crate::clean::links::without_query(&lower);
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if stem.is_empty() {
        return false;
    }
    stem.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| PLACEHOLDER_WORDS.contains(&w))
}

/// The widest (or densest) candidate of a `srcset` value; the last one when none has a descriptor.
pub(crate) fn largest_candidate(srcset: &str) -> Option<&str> {
    let mut best: Option<(&str, f64)> = None;
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let mut url = &rest[..url_end];
        rest = &rest[url_end..];
        let mut descriptor = "";
        if let Some(stripped) = url.strip_suffix(',') {
            url = stripped;
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            descriptor = rest[..end].trim();
            rest = &rest[end..];
        }
        if url.is_empty() {
            continue;
        }
        let size = descriptor
            .strip_suffix(['w', 'x'])
            .and_then(|n| n.trim().parse::<f64>().ok())
            .unwrap_or(0.0);
        if best.is_none_or(|(_, s)| size >= s) {
            best = Some((url, size));
        }
    }
    best.map(|(u, _)| u)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a str> {
        move |n| pairs.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
    }

    #[test]
    fn prefers_lazy_attributes_over_placeholder_src() {
        let a = [
            ("src", "data:image/gif;base64,R0lGOD"),
            ("data-src", "https://x/a.jpg"),
        ];
        assert_eq!(real_src(attrs(&a)), Ok("https://x/a.jpg"));
        let a = [
            ("src", "/img/blank.gif"),
            ("data-original", "https://x/640?wx_fmt=jpeg"),
        ];
        assert_eq!(real_src(attrs(&a)), Ok("https://x/640?wx_fmt=jpeg"));
    }

    #[test]
    fn srcset_takes_the_largest_candidate() {
        assert_eq!(
            largest_candidate("a.jpg 320w, b.jpg 1024w, c.jpg 640w"),
            Some("b.jpg")
        );
        assert_eq!(largest_candidate("a.jpg 1x, b.jpg 2x"), Some("b.jpg"));
        assert_eq!(
            largest_candidate("https://x/i.jpg?a=1,2 480w"),
            Some("https://x/i.jpg?a=1,2")
        );
        let a = [("data-srcset", "s.jpg 200w, l.jpg 800w")];
        assert_eq!(real_src(attrs(&a)), Ok("l.jpg"));
    }

    #[test]
    fn placeholders_and_pixels_never_survive() {
        assert_eq!(
            real_src(attrs(&[("src", "data:image/png;base64,AAAA")])),
            Err(LAZYLOAD_PLACEHOLDER)
        );
        assert_eq!(
            real_src(attrs(&[("src", "/static/placeholder.png")])),
            Err(LAZYLOAD_PLACEHOLDER)
        );
        assert_eq!(
            real_src(attrs(&[
                ("src", "https://t/p.gif"),
                ("width", "1"),
                ("height", "1")
            ])),
            Err(TRACKING_PIXEL)
        );
        assert_eq!(real_src(attrs(&[("alt", "x")])), Err(IMAGE_WITHOUT_SOURCE));
        assert!(!is_placeholder("https://x/news/640/photo.jpg"));
    }
}
