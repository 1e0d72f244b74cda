//! The names the cleaner counts whatever the rules say.
//!
//! Rules are policy: what boilerplate looks like, which a user may rename, scope to a site or turn
//! off ([`super::rules::Rules::empty`]). These are mechanics: removals that keep the output sound
//! under any policy. Markup that is never text, images that would show nothing or show twice, `<br>`s
//! that shape nothing, and URL parts that only track or could run code. Each name is declared here
//! once, with what it removes and why it always runs; the report, the README and the fixtures use the
//! same names.

/// A removal that runs under any rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mechanic {
    /// The name the report counts removals under.
    pub name: &'static str,
    /// What it removes, and why no rule decides it.
    pub about: &'static str,
}

pub(crate) const SCRIPT: Mechanic = Mechanic {
    name: "script",
    about: "content that is never article text (script, style, template, head, title, meta, link, and \
            noscript, whose images are kept as the lazyload twin): browser code and document metadata, \
            junk under any policy",
};

pub(crate) const BREAK_RUN: Mechanic = Mechanic {
    name: "break-run",
    about: "a run of two or more <br>, which becomes a paragraph end: the model has paragraphs, not \
            blank lines",
};

pub(crate) const STRAY_BREAK: Mechanic = Mechanic {
    name: "stray-break",
    about: "a <br> at either end of a block or line, which shapes nothing in any output",
};

pub(crate) const LAZYLOAD_PLACEHOLDER: Mechanic = Mechanic {
    name: "lazyload-placeholder",
    about: "an image whose only source is a stand-in (data: URI, blank or spacer file) a lazyload \
            script would have replaced: it never shows the picture",
};

pub(crate) const IMAGE_WITHOUT_SOURCE: Mechanic = Mechanic {
    name: "image-without-source",
    about: "an image with no usable URL (none given, or unsafe): nothing to show",
};

pub(crate) const TRACKING_PIXEL: Mechanic = Mechanic {
    name: "tracking-pixel",
    about: "a 1x1 (or 0x0) image: it counts readers and shows nothing",
};

pub(crate) const DUPLICATE_IMAGE: Mechanic = Mechanic {
    name: "duplicate-image",
    about: "a twin of an image already shown: its <noscript> copy, or the same URL right beside \
            it; a different URL, or the same picture used again further on, stays",
};

pub(crate) const RESPONSIVE_DUPLICATE: Mechanic = Mechanic {
    name: "responsive-duplicate",
    about: "the mobile copy of an image after its desktop copy (classes holding the words mobile and \
            desktop): one picture, written twice for two screens",
};

pub(crate) const TRACKING_PARAMETER: Mechanic = Mechanic {
    name: "tracking-parameter",
    about: "a query parameter that only tracks the reader (utm_*, fbclid, gclid, spm, ...); the link \
            stays",
};

pub(crate) const UNSAFE_LINK: Mechanic = Mechanic {
    name: "unsafe-link",
    about: "a link whose scheme could run code (javascript:, vbscript:, data:); its text stays",
};

pub(crate) const OUTSIDE_ARTICLE: Mechanic = Mechanic {
    name: "outside-article",
    about: "on a whole page, each element with text beside the chosen article (the container the page's \
            paragraphs score highest for) and beside its ancestors (navigation, sidebars, footers): the \
            site around the article, not the article",
};

pub(crate) const BREADCRUMB: Mechanic = Mechanic {
    name: "breadcrumb",
    about: "a trail of links to the site's sections set as a line at the article's head (\"当前位置：首页 > \
            本地新闻\", \"Home › News › Local\"): where the page sits in its site, not what the article says",
};

pub(crate) const ORPHAN_FRAME: Mechanic = Mechanic {
    name: "orphan-frame",
    about: "what only framed removed content: a thematic break at either edge of the article or next \
            to another, and, once something was removed, a heading or a short label ending in a colon \
            left at the end with nothing below it",
};

pub(crate) const REPEATED_TITLE: Mechanic = Mechanic {
    name: "repeated-title",
    about: "a heading (or a paragraph) opening the body whose text is the post's title: every output \
            shows the title already",
};

pub(crate) const REPEATED_LEDE: Mechanic = Mechanic {
    name: "repeated-lede",
    about: "a short paragraph at the head whose text opens one of the next paragraphs word for word \
            (a feed's teaser of the first sentence): the words stay where the article says them",
};

pub(crate) const SERVER_ERROR: Mechanic = Mechanic {
    name: "server-error",
    about: "a paragraph whose every line is a message the site's server printed into the page (PHP's \
            \"Warning: … in /path/file.php on line 407\", notices, deprecations, errors)",
};

pub(crate) const GALLERY_COUNTER: Mechanic = Mechanic {
    name: "gallery-counter",
    about: "a slideshow's counter printed as text (\"Image 2 of 8\", \"Bild 3 von 12\", \"3 / 8\", \
            \"第2张/共8张\"), as a line of its own or closing a caption (the caption stays)",
};

pub(crate) const SLIDESHOW: Mechanic = Mechanic {
    name: "slideshow",
    about: "a slideshow printed as a list, each slide opening with its counter (\"1/50 …\" to \"50/50 …\"), \
            inside an article that stands without it (three paragraphs of prose); a photo essay keeps it",
};

/// Every mechanic, in the order the README lists them; the tests hold each to being documented and
/// distinct from every rule's name.
pub(crate) const ALL: &[Mechanic] = &[
    SCRIPT,
    LAZYLOAD_PLACEHOLDER,
    IMAGE_WITHOUT_SOURCE,
    TRACKING_PIXEL,
    DUPLICATE_IMAGE,
    RESPONSIVE_DUPLICATE,
    BREAK_RUN,
    STRAY_BREAK,
    TRACKING_PARAMETER,
    UNSAFE_LINK,
    OUTSIDE_ARTICLE,
    BREADCRUMB,
    ORPHAN_FRAME,
    REPEATED_TITLE,
    REPEATED_LEDE,
    SERVER_ERROR,
    GALLERY_COUNTER,
    SLIDESHOW,
];

/// Whether an element's content is never article text (see [`SCRIPT`]).
pub(crate) fn never_text(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "link" | "meta" | "title" | "head"
    )
}

/// Which copy of a responsive image an element's classes name (see [`RESPONSIVE_DUPLICATE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Variant {
    Desktop,
    Mobile,
}

pub(crate) fn variant(class: &str) -> Option<Variant> {
    let holds = |word| {
        class
            .split_ascii_whitespace()
            .any(|c| super::names::matches(c, word))
    };
    if holds("desktop") {
        Some(Variant::Desktop)
    } else if holds("mobile") {
        Some(Variant::Mobile)
    } else {
        None
    }
}
