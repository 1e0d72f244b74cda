//! The choices a caller can make, grouped in one builder.

use url::Url;

use crate::clean::rules::Rules;

/// Limits on what one input may cost. Each one exceeded is a typed [`crate::Error`].
///
/// # Defaults
/// 64 MiB of input, nesting depth 512, 4 million nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// Deepest element nesting kept; deeper elements are flattened into their ancestor at this depth
    /// before html5ever sees them (its tree builder is quadratic in depth).
    pub max_depth: usize,
    /// Most DOM nodes a body may produce.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 64 << 20,
            max_depth: 512,
            max_nodes: 4_000_000,
        }
    }
}

/// How to read and render a post.
///
/// ```
/// use tidings::{Options, Post};
/// let opts = Options::new().front_matter(false).text_width(Some(20));
/// let post = Post::parse_with("---\ntitle: T\n---\n<p>one two three four five six</p>", &opts)?;
/// assert!(!post.to_markdown().starts_with("---"));
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Options {
    pub(crate) front_matter: bool,
    pub(crate) title_in_text: bool,
    pub(crate) list_markers: bool,
    pub(crate) text_width: Option<usize>,
    pub(crate) strict_front_matter: bool,
    pub(crate) base_url: Option<Url>,
    pub(crate) rules: Rules,
    pub(crate) limits: Limits,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            front_matter: true,
            title_in_text: true,
            list_markers: true,
            text_width: None,
            strict_front_matter: false,
            base_url: None,
            rules: Rules::builtin(),
            limits: Limits::default(),
        }
    }
}

impl Options {
    /// The defaults: front matter kept, no wrapping, lenient front matter, built-in rules.
    pub fn new() -> Options {
        Options::default()
    }

    /// Whether Markdown output starts with the front matter as YAML. Default: true.
    pub fn front_matter(mut self, keep: bool) -> Options {
        self.front_matter = keep;
        self
    }

    /// Whether plain text starts with the title. Default: true.
    pub fn title_in_text(mut self, keep: bool) -> Options {
        self.title_in_text = keep;
        self
    }

    /// Whether plain text marks list items with `- ` and `1. `. Default: true. Without markers, the
    /// text is exactly the text a CommonMark renderer shows for the Markdown output.
    pub fn list_markers(mut self, keep: bool) -> Options {
        self.list_markers = keep;
        self
    }

    /// Wraps plain text at this display width (CJK characters count two columns). Lines break at
    /// spaces or between CJK characters, never by inserting a space inside a CJK run. Default: no
    /// wrapping.
    pub fn text_width(mut self, width: Option<usize>) -> Options {
        self.text_width = width.filter(|w| *w > 0);
        self
    }

    /// Makes front matter that is not valid YAML an error. Default: false, in which case simple
    /// `key: value` lines are salvaged and the YAML error becomes a report warning.
    pub fn strict_front_matter(mut self, strict: bool) -> Options {
        self.strict_front_matter = strict;
        self
    }

    /// Resolves relative links against this URL instead of the post's source URL.
    pub fn base_url(mut self, base: Option<Url>) -> Options {
        self.base_url = base;
        self
    }

    /// The cleaning rules. Default: [`Rules::builtin`].
    pub fn rules(mut self, rules: Rules) -> Options {
        self.rules = rules;
        self
    }

    /// The input limits. Default: [`Limits::default`].
    pub fn limits(mut self, limits: Limits) -> Options {
        self.limits = limits;
        self
    }
}
