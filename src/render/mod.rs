//! The outputs. Each writer is one module here: a `write` function that takes the model
//! ([`Block`]s), what it needs of the post ([`Metadata`], [`Report`]) and its own options, and
//! returns a string. None of them sees the DOM, the cleaner or the [`Post`](crate::Post).
//!
//! [`Post::to_markdown`](crate::Post::to_markdown) and its siblings call these writers for a post
//! that was read; call them yourself to render blocks you built:
//!
//! ```
//! use tidings::render::markdown;
//! use tidings::{Block, Inline, MarkdownOptions, Metadata};
//! let blocks = vec![Block::Paragraph { content: vec![Inline::text("*not* emphasis")] }];
//! let md = markdown::write(&blocks, &Metadata::default(), &MarkdownOptions::new());
//! assert_eq!(md, "\\*not\\* emphasis\n");
//! ```

pub mod explain;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

mod breaks;

use crate::model::Block;
use crate::post::Metadata;
use crate::report::Report;

/// Declares [`Format`] from one list. Each line names a variant and the module above that writes it;
/// the module's `FORMAT` gives the names, the file extension and the function [`Format`] dispatches
/// to. A new format is a new module plus its line in the list below. (The modules are declared
/// outside the macro so that rustfmt, which does not expand macros, still finds their files.)
macro_rules! formats {
    ($($(#[$doc:meta])* $variant:ident => $module:ident,)*) => {
        /// An output format, for choosing one at run time (a command line's `--to`).
        ///
        /// ```
        /// use tidings::{Format, Post, RenderOptions};
        /// let post = Post::parse("<p>hello</p>")?;
        /// let format = Format::from_name("txt").unwrap();
        /// assert_eq!((format, format.extension()), (Format::Text, "txt"));
        /// assert_eq!(post.render(format, &RenderOptions::new()), "hello\n");
        /// let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        /// assert_eq!(names, ["markdown", "text", "json", "html"]);
        /// # Ok::<(), tidings::Error>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Format {
            $($(#[$doc])* $variant,)*
        }

        impl Format {
            /// Every format, in the order of the list they are declared in.
            pub const ALL: &'static [Format] = &[$(Format::$variant),*];

            fn spec(self) -> &'static Spec {
                match self {
                    $(Format::$variant => &$module::FORMAT,)*
                }
            }
        }
    };
}

formats! {
    /// CommonMark with GFM tables and strikethrough: [`markdown::write`].
    Markdown => markdown,
    /// Plain text: [`text::write`].
    Text => text,
    /// One JSON object with the metadata, both renderings above, the blocks and the report:
    /// [`json::write`].
    Json => json,
    /// HTML for republishing, sanitized: [`html::write`].
    Html => html,
}

/// What a writer module tells [`Format`] about itself.
pub(crate) struct Spec {
    /// The name [`Format::name`] gives; also accepted by [`Format::from_name`].
    name: &'static str,
    /// Other names [`Format::from_name`] accepts.
    aliases: &'static [&'static str],
    /// The file extension of the output, without the dot.
    extension: &'static str,
    /// Writes a post in this format.
    write: fn(&Document<'_>, &RenderOptions) -> String,
}

/// The parts of a read post that writers read.
pub(crate) struct Document<'a> {
    pub blocks: &'a [Block],
    pub metadata: &'a Metadata,
    pub report: &'a Report,
}

impl Format {
    /// The format's name: `markdown`, `text`, `json` or `html`.
    ///
    /// ```
    /// use tidings::Format;
    /// assert_eq!(Format::from_name("md").map(Format::name), Some("markdown"));
    /// ```
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The other names [`Format::from_name`] accepts: `md` for Markdown, `txt` for text.
    ///
    /// ```
    /// assert_eq!(tidings::Format::Text.aliases(), ["txt"]);
    /// ```
    pub fn aliases(self) -> &'static [&'static str] {
        self.spec().aliases
    }

    /// The format with this name or alias (exact, lower case), if any.
    ///
    /// ```
    /// use tidings::Format;
    /// assert_eq!(Format::from_name("txt"), Some(Format::Text));
    /// assert_eq!(Format::from_name("pdf"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| {
            let spec = f.spec();
            spec.name == name || spec.aliases.contains(&name)
        })
    }

    /// The extension of a file holding this output, without the dot: `md`, `txt`, `json`, `html`.
    ///
    /// ```
    /// assert_eq!(tidings::Format::Markdown.extension(), "md");
    /// ```
    pub fn extension(self) -> &'static str {
        self.spec().extension
    }

    pub(crate) fn write(self, doc: &Document<'_>, options: &RenderOptions) -> String {
        (self.spec().write)(doc, options)
    }
}

/// The options of every output, for [`Post::render`](crate::Post::render), which picks the ones
/// of the format it writes. JSON embeds the Markdown and the text, and writes them with the
/// Markdown and text options here.
///
/// # Defaults
/// The defaults of [`markdown::MarkdownOptions`], [`text::TextOptions`] and
/// [`html::HtmlOptions`].
///
/// ```
/// use tidings::{Format, MarkdownOptions, Post, RenderOptions, TextOptions};
/// let post = Post::parse("---\ntitle: T\n---\n<p>body</p>")?;
/// let options = RenderOptions::new()
///     .markdown(MarkdownOptions::new().front_matter(false))
///     .text(TextOptions::new().title(false));
/// for format in [Format::Markdown, Format::Text] {
///     assert_eq!(post.render(format, &options), "body\n");
/// }
/// let json: serde_json::Value = serde_json::from_str(&post.render(Format::Json, &options))?;
/// assert_eq!(json["markdown"], "body\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    markdown: markdown::MarkdownOptions,
    text: text::TextOptions,
    html: html::HtmlOptions,
}

impl RenderOptions {
    /// The defaults of every output.
    ///
    /// ```
    /// use tidings::{Format, Post, RenderOptions};
    /// let post = Post::parse("<p>x</p>")?;
    /// assert_eq!(post.render(Format::Html, &RenderOptions::new()), post.to_html());
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn new() -> RenderOptions {
        RenderOptions::default()
    }

    /// The Markdown options, also used for the Markdown inside the JSON.
    ///
    /// ```
    /// use tidings::{Format, MarkdownOptions, Post, RenderOptions};
    /// let post = Post::parse("---\ntitle: T\n---\n<p>x</p>")?;
    /// let options = RenderOptions::new().markdown(MarkdownOptions::new().front_matter(false));
    /// assert_eq!(post.render(Format::Markdown, &options), "x\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// [`markdown::MarkdownOptions::default`].
    pub fn markdown(mut self, options: markdown::MarkdownOptions) -> RenderOptions {
        self.markdown = options;
        self
    }

    /// The text options, also used for the text inside the JSON.
    ///
    /// ```
    /// use tidings::{Format, Post, RenderOptions, TextOptions};
    /// let post = Post::parse("---\ntitle: T\n---\n<p>x</p>")?;
    /// let options = RenderOptions::new().text(TextOptions::new().title(false));
    /// assert_eq!(post.render(Format::Text, &options), "x\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// [`text::TextOptions::default`].
    pub fn text(mut self, options: text::TextOptions) -> RenderOptions {
        self.text = options;
        self
    }

    /// The HTML options.
    ///
    /// ```
    /// use tidings::{Format, HtmlOptions, Post, RenderOptions};
    /// let post = Post::parse("<p>x</p>")?;
    /// let options = RenderOptions::new().html(HtmlOptions::new().sanitize(false));
    /// assert_eq!(post.render(Format::Html, &options), "<p>x</p>\n");
    /// # Ok::<(), tidings::Error>(())
    /// ```
    ///
    /// # Defaults
    /// [`html::HtmlOptions::default`].
    pub fn html(mut self, options: html::HtmlOptions) -> RenderOptions {
        self.html = options;
        self
    }

    /// The JSON options these make: the Markdown and text options above.
    fn json(&self) -> json::JsonOptions {
        json::JsonOptions::new()
            .markdown(self.markdown)
            .text(self.text)
    }
}
