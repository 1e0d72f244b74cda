//! The one error type of the crate.

use thiserror::Error;

/// Everything that can go wrong while reading a post.
///
/// Each variant names the place in the input (byte offset, line and column) or the limit involved,
/// so that a batch run can tell its user which file to look at and where.
///
/// ```
/// use tidings::{Error, Post};
/// let err = Post::parse("---\ntitle: x\n<p>no closing line</p>").unwrap_err();
/// assert_eq!(err, Error::UnterminatedFrontMatter);
/// assert_eq!(err.to_string(), "front matter opened on line 1 is never closed by a `---` line");
/// assert_eq!(Post::parse_bytes(b"ok\xff").unwrap_err().to_string(), "input is not valid UTF-8 at byte 2");
/// ```
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// [`crate::Options::encoding`] names no encoding the WHATWG standard knows.
    #[error("unknown encoding `{label}`")]
    UnknownEncoding {
        /// The label as given.
        label: String,
    },
    /// The input bytes are not UTF-8.
    #[error("input is not valid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },

    /// A `---` line opened front matter but no closing `---` line followed.
    #[error("front matter opened on line 1 is never closed by a `---` line")]
    UnterminatedFrontMatter,

    /// The front matter is not valid YAML (only reported with [`crate::Options::strict_front_matter`]).
    #[error("front matter is not valid YAML at line {line}, column {column}: {message}")]
    FrontMatterYaml {
        /// 1-based line in the post (the opening `---` is line 1).
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the YAML parser said.
        message: String,
    },

    /// The front matter parsed, but is a list or a scalar rather than a mapping of keys.
    #[error("front matter is a YAML {found}, not a mapping of keys")]
    FrontMatterNotMapping {
        /// What kind of YAML value was found instead.
        found: &'static str,
    },

    /// The input is larger than [`crate::Limits::max_input_bytes`].
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    InputTooLarge {
        /// Size of the input.
        size: usize,
        /// The limit in force.
        limit: usize,
    },

    /// The body holds more nodes than [`crate::Limits::max_nodes`].
    #[error("the document has more than {limit} nodes")]
    TooManyNodes {
        /// The limit in force.
        limit: usize,
    },

    /// A rules file could not be read as YAML rules.
    // The message leads with the place; the YAML parser's own ` at line L column C` would say it
    // a second time.
    #[error("rules are not valid: {}", crate::post::without_location(message))]
    Rules {
        /// What was wrong, with the line where YAML gave one.
        message: String,
    },
}

impl Error {
    /// A short name for the kind of error, stable so that scripts can group failures by it: the
    /// command's failure lines and the Python package's `TidingsError.kind` use it.
    ///
    /// ```
    /// let err = tidings::Post::parse("---\ntitle: x\n").unwrap_err();
    /// assert_eq!(err.kind(), "unterminated-front-matter");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidUtf8 { .. } => "invalid-utf8",
            Error::UnknownEncoding { .. } => "unknown-encoding",
            Error::UnterminatedFrontMatter => "unterminated-front-matter",
            Error::FrontMatterYaml { .. } => "front-matter-yaml",
            Error::FrontMatterNotMapping { .. } => "front-matter-not-mapping",
            Error::InputTooLarge { .. } => "input-too-large",
            Error::TooManyNodes { .. } => "too-many-nodes",
            // inside the crate the non_exhaustive enum matches exhaustively, so a variant added
            // later fails this build until it has a kind of its own
            Error::Rules { .. } => "rules",
        }
    }
}

/// The crate's result type.
///
/// ```
/// fn title(input: &str) -> tidings::Result<Option<String>> {
///     Ok(tidings::Post::parse(input)?.metadata().title.clone())
/// }
/// assert_eq!(title("---\ntitle: T\n---\nx").unwrap(), Some("T".into()));
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;
