//! The choices made when a post is read: rules, limits, front matter, base URL.

use url::Url;

use crate::clean::rules::Rules;
use crate::error::{Error, Result};

/// Limits on what one input may cost. Each one exceeded is a typed [`crate::Error`].
///
/// ```
/// use tidings::{Error, Limits, Options, Post};
/// let limits = Limits { max_nodes: 10, ..Limits::default() };
/// let many = "<p>a</p>".repeat(20);
/// let err = Post::parse_with(&many, &Options::new().limits(limits)).unwrap_err();
/// assert_eq!(err, Error::TooManyNodes { limit: 10 });
/// ```
///
/// # Defaults
/// 64 MiB of input, nesting depth 512, 256 attributes a tag, 4 million nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// Deepest element nesting kept; deeper elements are flattened into their ancestor at this depth
    /// before html5ever sees them (its tree builder is quadratic in depth).
    pub max_depth: usize,
    /// Most DOM nodes a body may produce.
    pub max_nodes: usize,
    /// Most attributes kept on one tag; the rest of the tag's attributes are dropped before
    /// html5ever sees them (its tokenizer checks each new attribute against all the tag's earlier
    /// ones, so one tag of many attributes costs it quadratic time). An article's tags carry a few
    /// dozen at most.
    pub max_attributes: usize,
}

impl Limits {
    /// Refuses an input of `size` bytes over [`Limits::max_input_bytes`], before anything reads it.
    pub(crate) fn check_input(&self, size: usize) -> Result<()> {
        if size > self.max_input_bytes {
            return Err(Error::InputTooLarge {
                size,
                limit: self.max_input_bytes,
            });
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 64 << 20,
            max_depth: 512,
            max_nodes: 4_000_000,
            max_attributes: 256,
        }
    }
}

/// How to read a post: the cleaning rules, the limits, how strict to be about front matter and what
/// relative links resolve against. How to write it is chosen per output, after reading
/// ([`crate::MarkdownOptions`], [`crate::TextOptions`], [`crate::JsonOptions`],
/// [`crate::HtmlOptions`]).
///
/// # Defaults
/// The built-in rules, [`Limits::default`], lenient front matter, links resolved against the post's
/// source URL.
///
/// ```
/// use tidings::{Options, Post, Rules};
/// let mut rules = Rules::builtin();
/// rules.extend(Rules::from_yaml("rules:\n  - name: newsbox\n    tokens: [newsbox]\n")?);
/// let opts = Options::new().rules(rules).strict_front_matter(true);
/// let post = Post::parse_with("<p>kept</p><div class=\"newsbox\">widget</div>", &opts)?;
/// assert_eq!(post.to_text(), "kept\n");
/// assert_eq!(post.report().removed["newsbox"], 1);
/// # Ok::<(), tidings::Error>(())
/// ```
// `Rules::default()` is the built-in table. Debug is written out below: the converter's manifest
// digests it, and options without an audit must digest as they did before there was one.
#[derive(Clone, Default)]
pub struct Options {
    pub(crate) strict_front_matter: bool,
    pub(crate) base_url: Option<Url>,
    pub(crate) rules: Rules,
    pub(crate) limits: Limits,
    pub(crate) encoding: Option<String>,
    /// Characters kept at each end of a removal's text when auditing; `None`: no audit.
    pub(crate) audit: Option<usize>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("Options");
        s.field("strict_front_matter", &self.strict_front_matter)
            .field("base_url", &self.base_url)
            .field("rules", &self.rules)
            .field("limits", &self.limits)
            .field("encoding", &self.encoding);
        if let Some(audit) = self.audit {
            s.field("audit", &audit);
        }
        s.finish()
    }
}

impl Options {
    /// The defaults.
    ///
    /// ```
    /// let post = tidings::Post::parse_with("<p>x</p>", &tidings::Options::new())?;
    /// assert_eq!(post.to_text(), "x\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn new() -> Options {
        Options::default()
    }

    /// Makes front matter that is not valid YAML an error ([`Error::FrontMatterYaml`]). Without it,
    /// simple `key: value` lines are salvaged and the YAML error becomes a report warning.
    ///
    /// ```
    /// use tidings::{Error, Options, Post};
    /// let bad = "---\ntitle: [unclosed\n---\n<p>x</p>";
    /// let strict = Options::new().strict_front_matter(true);
    /// assert!(matches!(Post::parse_with(bad, &strict), Err(Error::FrontMatterYaml { .. })));
    /// let lenient = Post::parse(bad)?;
    /// assert_eq!(lenient.report().warnings[0].kind.name(), "salvaged-front-matter");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// `false`.
    pub fn strict_front_matter(mut self, strict: bool) -> Options {
        self.strict_front_matter = strict;
        self
    }

    /// Resolves relative links against this URL instead of the post's source URL.
    ///
    /// # Defaults
    /// `None`: the post's source URL (`from` and its synonyms in the front matter, or the feed
    /// header's link), when it has one.
    ///
    /// ```
    /// use tidings::{Options, Post};
    /// let base = url::Url::parse("https://mirror.example/news/").unwrap();
    /// let post = Post::parse_with("<p><a href=\"a.html\">a</a></p>", &Options::new().base_url(Some(base)))?;
    /// assert_eq!(post.to_markdown(), "[a](https://mirror.example/news/a.html)\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn base_url(mut self, base: Option<Url>) -> Options {
        self.base_url = base;
        self
    }

    /// The cleaning rules.
    ///
    /// ```
    /// use tidings::{Options, Post, Rules};
    /// let html = "<p>Text.</p><div id=\"dfp-ad-top\">Ad</div>";
    /// assert_eq!(Post::parse_with(html, &Options::new().rules(Rules::builtin()))?.to_text(), "Text.\n");
    /// assert_eq!(Post::parse_with(html, &Options::new().rules(Rules::empty()))?.to_text(), "Text.\n\nAd\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// [`Rules::builtin`].
    pub fn rules(mut self, rules: Rules) -> Options {
        self.rules = rules;
        self
    }

    /// Reads input bytes in this encoding (a WHATWG label: `gbk`, `big5`, `shift_jis`,
    /// `windows-1252`) instead of finding it (see [`crate::decode`]).
    ///
    /// ```
    /// use tidings::{Error, Options, Post};
    /// let gbk = Options::new().encoding(Some("gbk".into()));
    /// assert_eq!(Post::parse_bytes_with(&[0xD0, 0xC2, 0xCE, 0xC5], &gbk)?.to_text(), "新闻\n");
    /// let unknown = Options::new().encoding(Some("klingon".into()));
    /// assert!(matches!(Post::parse_bytes_with(b"x", &unknown), Err(Error::UnknownEncoding { .. })));
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// `None`: a whole page's byte-order mark, `<meta charset>` or a detector's guess; a post is
    /// UTF-8.
    pub fn encoding(mut self, label: Option<String>) -> Options {
        self.encoding = label;
        self
    }

    /// The input limits.
    ///
    /// ```
    /// use tidings::{Error, Limits, Options, Post};
    /// let options = Options::new().limits(Limits { max_input_bytes: 8, ..Limits::default() });
    /// assert_eq!(
    ///     Post::parse_with("<p>longer</p>", &options).unwrap_err(),
    ///     Error::InputTooLarge { size: 13, limit: 8 }
    /// );
    /// ```
    ///
    /// # Defaults
    /// [`Limits::default`].
    pub fn limits(mut self, limits: Limits) -> Options {
        self.limits = limits;
        self
    }

    /// Records every removal, what it took and where it stood ([`crate::Post::removals`], and
    /// `report.removals` in the JSON). Off, nothing is recorded and the outputs are those of a
    /// post read without it.
    ///
    /// ```
    /// use tidings::{Options, Post};
    /// let input = "<p>Text.</p><div id=\"dfp-ad-top\">Ad</div>";
    /// let post = Post::parse_with(input, &Options::new().audit(true))?;
    /// assert_eq!(post.removals()[0].name, "ad-slot");
    /// assert_eq!(post.to_text(), Post::parse(input)?.to_text());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// `false`.
    pub fn audit(mut self, audit: bool) -> Options {
        self.audit = audit.then_some(crate::audit::DEFAULT_EXCERPT);
        self
    }

    /// Audits (as [`Options::audit`]), keeping a removal's text whole up to twice `chars`
    /// characters, and beyond that its first and last `chars` characters (`usize::MAX / 2`: always
    /// whole).
    ///
    /// ```
    /// use tidings::{Options, Post};
    /// let input = format!("<p>Text.</p><div class=\"sharedaddy\">{}</div>", "x".repeat(50));
    /// let post = Post::parse_with(&input, &Options::new().audit_excerpt(10))?;
    /// let share = &post.removals()[0];
    /// assert_eq!((share.text.len(), share.tail.as_deref().map(str::len), share.chars), (10, Some(10), 50));
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// 300 characters, with [`Options::audit`].
    pub fn audit_excerpt(mut self, chars: usize) -> Options {
        self.audit = Some(chars);
        self
    }
}
