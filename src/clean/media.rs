//! Players of known video and audio platforms, recognised by the shape of their URL (rule data:
//! the `media:` list of the rules file), so that an embedded player leaves a link to the platform's
//! own page instead of nothing.

use serde::{Deserialize, Serialize};
use url::Url;

/// What a player plays; the link text starts with it (`Video: ...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum MediaKind {
    Video,
    Audio,
    /// Any other framed page (a chart, a map, a dashboard): only lazyloaded frames, whose source
    /// a script would have set, become this link.
    Embed,
}

impl MediaKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            MediaKind::Video => "Video",
            MediaKind::Audio => "Audio",
            MediaKind::Embed => "Embed",
        }
    }

    /// The link a player becomes: `[Video: YouTube](url)`, one shape wherever it is written.
    pub(crate) fn link(self, name: &str, url: String) -> crate::model::Inline {
        crate::model::Inline::Link {
            url,
            title: None,
            content: vec![crate::model::Inline::text(format!(
                "{}: {name}",
                self.label()
            ))],
        }
    }
}

/// Whether a link's text is one a player became ([`MediaKind::link`]).
pub(crate) fn is_player_text(text: &str) -> bool {
    [MediaKind::Video, MediaKind::Audio, MediaKind::Embed]
        .iter()
        .any(|k| {
            text.strip_prefix(k.label())
                .is_some_and(|rest| rest.starts_with(": "))
        })
}

/// One shape of player URL and the page it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Platform {
    /// The platform's name, the link text when the embed has no title.
    pub(crate) name: String,
    pub(crate) kind: MediaKind,
    /// Hosts of the player; their subdomains match too.
    pub(crate) hosts: Vec<String>,
    /// The player's path, segment by segment: a literal, `*` for any one segment, `{id}` for the
    /// segment that names the media, and `{rest}` last for all that is left of the path.
    pub(crate) path: String,
    /// A query parameter that names the media, when the path does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id_param: Option<String>,
    /// The page to link to, `{id}` standing for what names the media (a whole URL when the player
    /// is given one, as Facebook's and SoundCloud's are).
    pub(crate) watch: String,
}

/// A player recognised: where to send the reader, and what to call it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Embed<'p> {
    pub(crate) url: String,
    pub(crate) platform: &'p Platform,
}

/// Characters an id taken from a path or query may hold, so that it cannot change the shape of the
/// page URL it is put into.
fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')
}

/// The first platform whose player `src` is, and the page it stands for. `src` has been resolved;
/// a protocol-relative one (`//www.youtube.com/embed/x`) is read as `https:`.
pub(crate) fn recognise<'p>(platforms: &'p [Platform], src: &str) -> Option<Embed<'p>> {
    let absolute = match src.strip_prefix("//") {
        Some(rest) => Url::parse(&format!("https://{rest}")).ok()?,
        None => Url::parse(src).ok()?,
    };
    let host = absolute.host_str()?.to_ascii_lowercase();
    let segments: Vec<&str> = absolute
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    platforms.iter().find_map(|p| {
        let host_ok = p
            .hosts
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")));
        if !host_ok {
            return None;
        }
        let mut id = match_path(&p.path, &segments)?;
        if let Some(param) = &p.id_param {
            id = absolute
                .query_pairs()
                .find(|(k, _)| k == param.as_str())
                .map(|(_, v)| v.into_owned())?;
        }
        let whole_url = p.watch == "{id}";
        if id.is_empty() || (!whole_url && !id.chars().all(|c| id_char(c) || c == '/')) {
            return None;
        }
        Some(Embed {
            url: p.watch.replace("{id}", &id),
            platform: p,
        })
    })
}

/// The platform whose own page `url` is (`https://www.youtube.com/watch?v=ID`), read off the
/// `watch` templates: a feed post about a video often has that page as its source and no player in
/// its body.
pub(crate) fn watch_page<'p>(platforms: &'p [Platform], url: &str) -> Option<&'p Platform> {
    let url = url.trim();
    platforms.iter().find(|p| {
        let Some((before, after)) = p.watch.split_once("{id}") else {
            return false;
        };
        // a template that is the whole URL names no page of its own
        if before.is_empty() {
            return false;
        }
        let Some(id) = url.strip_prefix(before).and_then(|r| r.strip_suffix(after)) else {
            return false;
        };
        !id.is_empty() && id.chars().all(|c| id_char(c) || c == '/')
    })
}

/// The id a path pattern takes from the path's segments (empty when the pattern names none), or
/// `None` when the path has another shape.
fn match_path(pattern: &str, segments: &[&str]) -> Option<String> {
    let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
    let mut id = String::new();
    for (i, part) in parts.iter().enumerate() {
        if *part == "{rest}" {
            let rest = segments.get(i..)?;
            return (!rest.is_empty()).then(|| rest.join("/"));
        }
        let seg = segments.get(i)?;
        match *part {
            "*" => {}
            "{id}" => id = (*seg).to_string(),
            lit if lit.eq_ignore_ascii_case(seg) => {}
            _ => return None,
        }
    }
    (segments.len() == parts.len()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platforms() -> Vec<Platform> {
        let rules = crate::Rules::builtin();
        rules.media().to_vec()
    }

    #[test]
    fn known_players_link_to_their_pages() {
        let p = platforms();
        let cases = [
            (
                "https://www.youtube.com/embed/abc_D-12?rel=0",
                "https://www.youtube.com/watch?v=abc_D-12",
            ),
            (
                "//www.youtube-nocookie.com/embed/xyz",
                "https://www.youtube.com/watch?v=xyz",
            ),
            (
                "//player.vimeo.com/video/189554102?title=0",
                "https://vimeo.com/189554102",
            ),
            (
                "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fa%2Fvideos%2F76%2F&show_text=0",
                "https://www.facebook.com/a/videos/76/",
            ),
            (
                "https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/123&auto_play=false",
                "https://api.soundcloud.com/tracks/123",
            ),
            (
                "https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&page=1",
                "https://www.bilibili.com/video/BV1xx411c7mD",
            ),
            (
                "https://embed.acast.com/show-name/episode-name",
                "https://shows.acast.com/show-name/episode-name",
            ),
        ];
        for (src, watch) in cases {
            let e = recognise(&p, src).unwrap_or_else(|| panic!("{src} not recognised"));
            assert_eq!(e.url, watch, "{src}");
        }
    }

    #[test]
    fn other_iframes_and_odd_ids_are_not_players() {
        let p = platforms();
        for src in [
            "https://maps.example.com/embed/abc",
            "https://www.youtube.com/embed/",
            "https://www.youtube.com/embed/a%22b",
            "https://www.youtube.com/channel/abc/extra",
            "https://ourworldindata.org/explorers/x",
            "not a url",
        ] {
            assert_eq!(recognise(&p, src), None, "{src}");
        }
    }
}
