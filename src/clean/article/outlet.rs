//! The outlet's own name, as a page or post gives it (its host, its site name), and whether a
//! block's text names it.
//!
//! Below an article, a line that names the outlet is the outlet speaking about itself: its app,
//! its shop, its newsletter, its disclaimer, "more columns on …". The boundary model weighs that as
//! one feature among others (`outlet_after_core`): an article that quotes its own outlet in its
//! last paragraph keeps that paragraph by its other features.

use url::Url;

use crate::cjk::is_cjk;

/// A name shorter than this (letters and digits) is too likely a word of the text ("zeit",
/// "bild").
const MIN_KEY_CHARS: usize = 5;

/// How many words of the text a name may run over ("VI Consortium", "Mein schöner Garten").
const MAX_KEY_WORDS: usize = 4;

/// Hosts whose sites are their users': the outlet is the label before them.
const HOSTING: &[&str] = &[
    "wordpress",
    "blogspot",
    "medium",
    "substack",
    "tumblr",
    "github",
    "wixsite",
    "weebly",
    "jimdo",
    "typepad",
    "livejournal",
];

/// Platforms that carry many channels: a post from one of them names no outlet by its host.
const PLATFORMS: &[&str] = &[
    "youtube",
    "youtu",
    "facebook",
    "twitter",
    "instagram",
    "tiktok",
    "bilibili",
    "weibo",
    "vimeo",
    "soundcloud",
    "spotify",
    "telegram",
    "google",
    "apple",
    "feedburner",
    "linkedin",
    "reddit",
    "pinterest",
    "flickr",
    "douyin",
    "ixigua",
    "zhihu",
];

/// Second-level labels under a country's domain ("co.uk", "com.ar"): the outlet is the label
/// before them.
const SECOND_LEVEL: &[&str] = &["co", "com", "org", "net", "gov", "ac", "edu", "or", "ne"];

/// The outlet's names of a post or page: from its source, its canonical address and its site name.
pub(crate) fn of(metadata: &crate::Metadata) -> Vec<String> {
    keys(
        [&metadata.source_url, &metadata.canonical_url]
            .into_iter()
            .filter_map(|u| u.as_deref()),
        metadata.site_name.as_deref(),
    )
}

/// The outlet's names, folded (see [`fold_into`]) and run together: from the hosts of `urls` and
/// from `site_name`.
pub(crate) fn keys<'a>(
    urls: impl IntoIterator<Item = &'a str>,
    site_name: Option<&str>,
) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for url in urls {
        if let Some(label) = Url::parse(url.trim())
            .ok()
            .as_ref()
            .and_then(Url::host_str)
            .and_then(host_label)
        {
            keys.push(folded(label));
        }
    }
    if let Some(name) = site_name {
        keys.push(folded(name));
    }
    keys.retain(|k| k.chars().count() >= MIN_KEY_CHARS);
    keys.sort();
    keys.dedup();
    keys
}

/// The label of `host` that names its outlet: "viconsortium" of "www.viconsortium.com",
/// "lanacion" of "www.lanacion.com.ar", "grossefragen" of "grossefragen.wordpress.com".
fn host_label(host: &str) -> Option<&str> {
    if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
        return None;
    }
    let mut labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    labels.pop()?;
    if labels.len() >= 2 && SECOND_LEVEL.contains(&labels[labels.len() - 1]) {
        labels.pop();
    }
    let mut label = labels.pop()?;
    if HOSTING.contains(&label) {
        label = labels.pop().filter(|l| !matches!(*l, "www" | "m"))?;
    }
    (!PLATFORMS.contains(&label)).then_some(label)
}

/// `text` folded as names are compared: lower case, German umlauts as their two-letter spellings
/// (hosts write "schoener" for "schöner"), letters and digits only.
fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out, false, |_| {});
    out
}

/// Appends `text` folded to `out`, calling `word_end` with `out`'s length wherever a word ends.
/// `ascii`: only ASCII names are sought, so another letter (an ideograph, an accented letter) is
/// one byte that matches none of them, not its lower case.
fn fold_into(text: &str, out: &mut String, ascii: bool, mut word_end: impl FnMut(usize)) {
    let mut in_word = false;
    for c in text.chars() {
        let letter = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if letter {
            in_word = true;
            match c {
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                'ä' | 'Ä' => out.push_str("ae"),
                'ö' | 'Ö' => out.push_str("oe"),
                'ü' | 'Ü' => out.push_str("ue"),
                'ß' => out.push_str("ss"),
                _ if ascii => out.push('_'),
                c => out.extend(c.to_lowercase()),
            }
        } else if in_word {
            in_word = false;
            word_end(out.len());
        }
    }
    if in_word {
        word_end(out.len());
    }
}

/// Whether `text` names the outlet: one of `keys` is a run of whole words of it (an ideographic
/// name anywhere in it, since those scripts write no spaces). Addresses do not count: the outlet's
/// own media and pages are linked from the article's text.
pub(crate) fn names(text: &str, keys: &[String]) -> bool {
    if keys.is_empty() {
        return false;
    }
    let ascii = keys.iter().all(|k| k.is_ascii());
    // most blocks name no outlet: a name starts a word with its first two letters, which one pass
    // over the bytes finds or rules out before any folding
    if ascii && !keys.iter().any(|k| word_starts_with(text, k.as_bytes())) {
        return false;
    }
    let mut flat = String::with_capacity(text.len());
    let mut ends = vec![0];
    for word in text.split_whitespace().filter(|w| !is_address(w)) {
        fold_into(word, &mut flat, ascii, |e| ends.push(e));
    }
    keys.iter().any(|key| {
        if key.chars().any(is_cjk) {
            return flat.contains(key.as_str());
        }
        // a key starts where a word does and ends where one of the next few words ends
        ends.iter().enumerate().any(|(w, &start)| {
            flat[start..].starts_with(key.as_str())
                && ends[w + 1..]
                    .iter()
                    .take(MAX_KEY_WORDS)
                    .any(|&end| end == start + key.len())
        })
    })
}

/// Whether a word of `text` starts (ASCII case aside) with the first two bytes of `key` (its first
/// one, for a key of one letter). A German umlaut stands for the two letters it folds to ("ö" for
/// "oe"); any other non-ASCII letter folds to what no key holds.
fn word_starts_with(text: &str, key: &[u8]) -> bool {
    let (Some(&k0), k1) = (key.first(), key.get(1).copied()) else {
        return false;
    };
    let umlaut_first = matches!(k0, b'a' | b'o' | b'u') && k1 == Some(b'e');
    let umlaut_second = matches!(k1, Some(b'a' | b'o' | b'u' | b's'));
    let bytes = text.as_bytes();
    let mut prev_alnum = false;
    for (i, &b) in bytes.iter().enumerate() {
        let alnum = b.is_ascii_alphanumeric() || b >= 0x80;
        if alnum && !prev_alnum {
            let opens = if b >= 0x80 {
                umlaut_first
            } else {
                b.to_ascii_lowercase() == k0
                    && k1.is_none_or(|k1| {
                        bytes.get(i + 1).is_some_and(|&n| {
                            if n >= 0x80 {
                                umlaut_second
                            } else {
                                n.to_ascii_lowercase() == k1
                            }
                        })
                    })
            };
            if opens {
                return true;
            }
        }
        prev_alnum = alnum;
    }
    false
}

/// Whether a whitespace-separated word is a URL, a host or an e-mail address.
fn is_address(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '[', '<', '"', '\'']);
    w.starts_with("http://")
        || w.starts_with("https://")
        || w.starts_with("www.")
        || w.contains('@')
        || w.contains('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_of(urls: &[&str], site: Option<&str>) -> Vec<String> {
        keys(urls.iter().copied(), site)
    }

    #[test]
    fn the_outlet_is_the_label_before_its_domain() {
        assert_eq!(
            keys_of(&["https://www.viconsortium.com/x"], None),
            ["viconsortium"]
        );
        assert_eq!(
            keys_of(&["https://www.lanacion.com.ar/a"], None),
            ["lanacion"]
        );
        assert_eq!(
            keys_of(&["https://grossefragen.wordpress.com/2020/"], None),
            ["grossefragen"]
        );
        assert_eq!(
            keys_of(
                &["https://www.mein-schoener-garten.de/"],
                Some("Mein schöner Garten")
            ),
            ["meinschoenergarten"]
        );
        // a platform's channel or a hosting site's own pages name no outlet
        assert!(
            keys_of(
                &[
                    "https://www.youtube.com/watch?v=x",
                    "https://www.medium.com/"
                ],
                None
            )
            .is_empty()
        );
        // too short to tell from a word of the text, or no host at all
        assert!(
            keys_of(
                &["https://www.zeit.de/x", "http://127.0.0.1/", "not a url"],
                None
            )
            .is_empty()
        );
    }

    #[test]
    fn a_name_is_matched_as_whole_words() {
        let keys = keys_of(&["https://www.viconsortium.com/"], Some("MeinMMO"));
        assert!(names(
            "Get the latest news with the VI Consortium app.",
            &keys
        ));
        assert!(names("Mehr Kolumnen auf MeinMMO:", &keys));
        assert!(!names("The consortium of VI producers met.", &keys));
        assert!(!names("Ameinmmo is not it", &keys));
        // the outlet's own addresses are linked from articles
        assert!(!names("https://i.viconsortium.com/assets/clip.mp4", &keys));
        assert!(!names(
            "Write to desk@viconsortium.com or see viconsortium.com/about",
            &keys
        ));
        let garden = keys_of(&["https://www.mein-schoener-garten.de/"], None);
        assert!(names(
            "Empfehlungen aus dem MEIN SCHÖNER GARTEN-Shop",
            &garden
        ));
        assert!(!names("Empfehlungen aus dem schöner Garten", &garden));
        assert!(names(
            "Grüße aus dem Ölhafen",
            &keys_of(&[], Some("Oelhafen"))
        ));
        assert!(names(
            "Neues von BÄRENSTARK",
            &keys_of(&[], Some("Baerenstark"))
        ));
        let cjk = keys_of(&[], Some("新华网客户端"));
        assert!(names("下载新华网客户端，看更多新闻", &cjk));
    }
}
