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

/// The attributes of the element `id` for [`real_src`]: the `data-…` names it asks first (a
/// dozen of them) answered at once where the element has none such (most images).
pub(crate) fn attrs_of<'d>(
    dom: &'d crate::dom::Dom,
    id: crate::dom::NodeId,
) -> impl Fn(&str) -> Option<&'d str> + 'd {
    let lazy = dom.has_data_attrs(id);
    move |name| {
        if !lazy && name.starts_with("data-") {
            None
        } else {
            dom.attr(id, name)
        }
    }
}

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
    // schemes and words compared in any ASCII case where they stand: no lower-cased copy of
    // every image's URL
    let url = url.trim();
    let starts = |p: &str| {
        url.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    };
    if starts("data:") || starts("about:") || starts("javascript:") {
        return true;
    }
    let path = crate::clean::links::without_query(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if stem.is_empty() {
        return false;
    }
    // by bytes: a character past ASCII splits as its bytes do, into empty words that match none
    stem.as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .any(|w| {
            PLACEHOLDER_WORDS
                .iter()
                .any(|p| w.eq_ignore_ascii_case(p.as_bytes()))
        })
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
        // ASCII white space and `,` are whole characters: found by their bytes
        let url_end = rest
            .bytes()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let mut url = &rest[..url_end];
        rest = &rest[url_end..];
        let mut descriptor = "";
        if let Some(stripped) = url.strip_suffix(',') {
            url = stripped;
        } else {
            let end = memchr::memchr(b',', rest.as_bytes()).unwrap_or(rest.len());
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
    fn an_image_s_attributes_are_its_own_with_or_without_data_names() {
        let html = r#"<img src="a.jpg" width="1"><img data-src="b.jpg" src="c.gif" data-url="d">"#;
        let dom = crate::dom::Dom::parse(html, 1000).expect("parses");
        let imgs: Vec<_> = dom
            .descendants(0)
            .filter(|&d| dom.tag(d) == Some("img"))
            .collect();
        assert_eq!(imgs.len(), 2);
        let names = ["src", "width", "height", "srcset"];
        for &img in &imgs {
            let attr = attrs_of(&dom, img);
            for name in LAZY_SRC.iter().chain(SRCSETS).chain(&names) {
                assert_eq!(attr(name), dom.attr(img, name), "{name}");
            }
        }
        assert_eq!(real_src(attrs_of(&dom, imgs[1])), Ok("b.jpg"));
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

    #[test]
    fn placeholders_are_told_in_any_case_as_in_lower_case() {
        // what `is_placeholder` answered on a lower-cased copy of the URL
        let by_copy = |url: &str| {
            let lower = url.trim().to_ascii_lowercase();
            if ["data:", "about:", "javascript:"]
                .iter()
                .any(|p| lower.starts_with(p))
            {
                return true;
            }
            let path = crate::clean::links::without_query(&lower);
            let file = path.rsplit('/').next().unwrap_or(path);
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            !stem.is_empty()
                && stem
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| PLACEHOLDER_WORDS.contains(&w))
        };
        for url in [
            " DATA:image/gif;base64,R0l",
            "About:blank",
            "JavaScript:void(0)",
            "/img/Lazy-Load.PNG",
            "/img/LAZYLOAD.png?v=1",
            "/img/photo.png#Blank",
            "/Blank/photo.jpg",
            "https://x/1X1.gif",
            "https://x/spacer",
            "https://x/.png",
            "https://x/transparente.png",
            "https://x/图片-loading.jpg",
            "dat",
            "",
            "https://x/news/640/Photo.JPG",
        ] {
            assert_eq!(is_placeholder(url), by_copy(url), "{url:?}");
        }
    }
}

/// Whether an image's alt text is an emoji and nothing else (one, or a short sequence: flags,
/// skin tones, joined families, keycaps): WordPress and others draw emoji as images
/// (`<img class="wp-smiley" alt="🙏">`), and the character is what the author wrote.
pub(crate) fn is_emoji_text(alt: &str) -> bool {
    use icu_properties::CodePointSetData;
    use icu_properties::props::{EmojiModifier, ExtendedPictographic};
    let alt = alt.trim();
    if alt.is_empty() || alt.chars().count() > 16 {
        return false;
    }
    let pictographic = CodePointSetData::new::<ExtendedPictographic>();
    let modifier = CodePointSetData::new::<EmojiModifier>();
    let regional = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
    let keycap = alt.contains('\u{20E3}');
    let mut any = false;
    for c in alt.chars() {
        if (pictographic.contains(c) && c > '\u{FF}') || regional(c) {
            any = true;
        } else if !(modifier.contains(c)
            || matches!(
                c,
                '\u{200D}' | '\u{FE0F}' | '\u{FE0E}' | '\u{20E3}' | '\u{E0020}'..='\u{E007F}'
            )
            || (keycap && matches!(c, '0'..='9' | '#' | '*')))
        {
            return false;
        }
    }
    any || keycap
}

/// Whether an image is an emoticon, which an author may well repeat (`[泪][泪][泪]`): named so
/// by its class, labelled by a short bracketed code, or drawn no larger than a character. A run
/// of such images is the author's, never a lazyload twin.
pub(crate) fn is_emoticon<'a>(attr: impl Fn(&str) -> Option<&'a str>) -> bool {
    let class = attr("class").unwrap_or("").to_ascii_lowercase();
    if ["smiley", "emoji", "emoticon", "emotion"]
        .iter()
        .any(|w| class.contains(w))
    {
        return true;
    }
    let alt = attr("alt").unwrap_or("").trim();
    let n = alt.chars().count();
    let bracketed = (alt.starts_with('[') && alt.ends_with(']'))
        || (alt.starts_with('【') && alt.ends_with('】'));
    if bracketed && (3..=8).contains(&n) {
        return true;
    }
    let small = |name: &str| {
        attr(name)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|v| v <= 32)
    };
    small("width") && small("height")
}

#[cfg(test)]
mod emoji_tests {
    use super::{is_emoji_text, is_emoticon};

    #[test]
    fn emoji_alt_texts() {
        for alt in [
            "🙏",
            "💤",
            "🇩🇪",
            "👍🏽",
            "👨\u{200D}👩\u{200D}👧",
            "1\u{FE0F}\u{20E3}",
            "❤\u{FE0F}",
        ] {
            assert!(is_emoji_text(alt), "{alt}");
        }
        for alt in ["", "a", "[泪]", "照片", "©", "1", "🙏 thanks"] {
            assert!(!is_emoji_text(alt), "{alt}");
        }
    }

    #[test]
    fn emoticons() {
        let attrs = |pairs: &'static [(&'static str, &'static str)]| {
            move |n: &str| pairs.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
        };
        assert!(is_emoticon(attrs(&[("class", "wp-smiley")])));
        assert!(is_emoticon(attrs(&[("alt", "[泪]")])));
        assert!(is_emoticon(attrs(&[("width", "22"), ("height", "22")])));
        assert!(!is_emoticon(attrs(&[("alt", "港口")])));
        assert!(!is_emoticon(attrs(&[("width", "640"), ("height", "22")])));
    }
}
