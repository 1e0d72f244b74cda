//! The document model: what is left of an article once it is clean, and all that writers read.

use serde::{Deserialize, Serialize};

pub(crate) mod events;
pub(crate) mod inlines;

/// A block-level piece of the article.
///
/// ```
/// use tidings::{Block, Inline, Post};
/// let post = Post::parse("<h2>Head</h2><ul><li>one</li></ul><hr><p>after</p>")?;
/// assert!(matches!(&post.blocks()[0], Block::Heading { level: 2, .. }));
/// assert!(matches!(&post.blocks()[1], Block::List { start: None, items, .. } if items.len() == 1));
/// assert_eq!(post.blocks()[3], Block::Paragraph { content: vec![Inline::text("after")] });
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
    /// A heading, `level` 1 to 6.
    Heading {
        /// 1 to 6.
        level: u8,
        /// The heading's text.
        content: Vec<Inline>,
    },
    /// A paragraph of running text.
    Paragraph {
        /// The paragraph's text.
        content: Vec<Inline>,
    },
    /// A bulleted or numbered list; items hold blocks, so lists nest.
    List {
        /// `Some(n)` for a numbered list starting at `n` (below zero too, as `<ol start="-2">`
        /// counts).
        start: Option<i64>,
        /// How a numbered list writes its numbers (`<ol type>`): decimal unless it says otherwise.
        #[serde(default, skip_serializing_if = "Numbering::is_decimal")]
        numbering: Numbering,
        /// One entry per item.
        items: Vec<Vec<Block>>,
    },
    /// A quotation.
    Quote {
        /// The quoted blocks.
        blocks: Vec<Block>,
    },
    /// Preformatted text, kept verbatim.
    Code {
        /// The language named by a `language-*` class, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        /// The text, line breaks included.
        text: String,
    },
    /// An image standing on its own, with an optional caption.
    Figure {
        /// The image.
        image: Image,
        /// The caption, possibly empty.
        caption: Vec<Inline>,
    },
    /// A table; the first row is the header when `header` is true.
    Table {
        /// Whether the first row is a header row.
        header: bool,
        /// Rows of cells; every row has the same number of cells.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A thematic break.
    Rule,
}

/// How a numbered list writes its numbers, as `<ol type>` says. Plain text and HTML write them so;
/// Markdown has decimal numbers only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Numbering {
    /// 1, 2, 3 (`type="1"`, the default).
    #[default]
    Decimal,
    /// a, b, c (`type="a"`).
    LowerAlpha,
    /// A, B, C (`type="A"`).
    UpperAlpha,
    /// i, ii, iii (`type="i"`).
    LowerRoman,
    /// I, II, III (`type="I"`).
    UpperRoman,
}

impl Numbering {
    /// Whether this is plain decimal numbering (what the JSON leaves out).
    pub fn is_decimal(&self) -> bool {
        *self == Numbering::Decimal
    }

    /// The numbering an `<ol type>` value names; `None` for values HTML does not know.
    pub fn from_type(value: &str) -> Option<Numbering> {
        Some(match value.trim() {
            "1" => Numbering::Decimal,
            "a" => Numbering::LowerAlpha,
            "A" => Numbering::UpperAlpha,
            "i" => Numbering::LowerRoman,
            "I" => Numbering::UpperRoman,
            _ => return None,
        })
    }

    /// The value of `<ol type>` that says this numbering.
    pub fn type_attr(self) -> &'static str {
        match self {
            Numbering::Decimal => "1",
            Numbering::LowerAlpha => "a",
            Numbering::UpperAlpha => "A",
            Numbering::LowerRoman => "i",
            Numbering::UpperRoman => "I",
        }
    }

    /// Item number `n` as this numbering writes it, as browsers do: letters and roman numerals
    /// for the numbers they have (from 1; roman up to 3999), decimal for the others.
    pub fn label(self, n: i64) -> String {
        match self {
            Numbering::LowerAlpha | Numbering::UpperAlpha if n >= 1 => {
                let mut k = n;
                let mut out = Vec::new();
                while k > 0 {
                    k -= 1;
                    out.push(b'a' + u8::try_from(k % 26).unwrap_or(0));
                    k /= 26;
                }
                out.reverse();
                let s = String::from_utf8(out).unwrap_or_default();
                if self == Numbering::UpperAlpha {
                    s.to_ascii_uppercase()
                } else {
                    s
                }
            }
            Numbering::LowerRoman | Numbering::UpperRoman if (1..4000).contains(&n) => {
                const PARTS: [(i64, &str); 13] = [
                    (1000, "m"),
                    (900, "cm"),
                    (500, "d"),
                    (400, "cd"),
                    (100, "c"),
                    (90, "xc"),
                    (50, "l"),
                    (40, "xl"),
                    (10, "x"),
                    (9, "ix"),
                    (5, "v"),
                    (4, "iv"),
                    (1, "i"),
                ];
                let mut k = n;
                let mut s = String::new();
                for (v, r) in PARTS {
                    while k >= v {
                        s.push_str(r);
                        k -= v;
                    }
                }
                if self == Numbering::UpperRoman {
                    s.to_ascii_uppercase()
                } else {
                    s
                }
            }
            _ => n.to_string(),
        }
    }
}

/// Inline content of a block.
///
/// ```
/// use tidings::{Block, Inline, Post};
/// let post = Post::parse("<p><b>bold</b> and <a href=\"https://x.example/\">a link</a></p>")?;
/// let Block::Paragraph { content } = &post.blocks()[0] else { panic!("a paragraph") };
/// assert_eq!(content[0], Inline::Strong { content: vec![Inline::text("bold")] });
/// assert!(matches!(&content[2], Inline::Link { url, .. } if url == "https://x.example/"));
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Inline {
    /// Plain text, whitespace already collapsed.
    Text {
        /// The text.
        text: String,
    },
    /// Emphasis (`<em>`, `<i>`).
    Emphasis {
        /// What is emphasised.
        content: Vec<Inline>,
    },
    /// Strong emphasis (`<strong>`, `<b>`).
    Strong {
        /// What is emphasised.
        content: Vec<Inline>,
    },
    /// Struck-out text (`<del>`, `<s>`).
    Strikethrough {
        /// What is struck out.
        content: Vec<Inline>,
    },
    /// Inline code.
    Code {
        /// The code, verbatim.
        text: String,
    },
    /// A hyperlink.
    Link {
        /// Absolute or document-relative URL, tracking parameters removed.
        url: String,
        /// Link title attribute, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// The link text.
        content: Vec<Inline>,
    },
    /// An image inside running text.
    Image {
        /// The image.
        image: Image,
    },
    /// A line break inside a block.
    LineBreak,
}

/// An image with a real (not placeholder) source.
///
/// ```
/// let post = tidings::Post::parse(
///     "---\nfrom: https://news.example/a\n---\n<p>x</p><img src=\"data:image/gif;base64,R0lGOD\" data-src=\"/i.jpg\" alt=\"图\">",
/// )?;
/// let doc: tidings::JsonDocument = serde_json::from_str(&post.to_json())?;
/// assert_eq!(doc.images[0].src, "https://news.example/i.jpg");
/// assert_eq!(doc.images[0].alt, "图");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// The resolved URL.
    pub src: String,
    /// Alternative text, possibly empty.
    pub alt: String,
    /// Title attribute, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// The three kinds of emphasis the model keeps, each its own [`Inline`] variant (so that the JSON
/// names them apart); the walker builds them and the writers take them apart through this one
/// mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EmphasisKind {
    /// [`Inline::Emphasis`].
    Emphasis,
    /// [`Inline::Strong`].
    Strong,
    /// [`Inline::Strikethrough`].
    Strikethrough,
}

impl Inline {
    /// Shorthand for a text inline, for building blocks by hand.
    ///
    /// ```
    /// use tidings::{Block, Inline, Metadata, TextOptions};
    /// let p = Block::Paragraph { content: vec![Inline::text("hello")] };
    /// let text = tidings::render::text::write(&[p], &Metadata::default(), &TextOptions::new());
    /// assert_eq!(text, "hello\n");
    /// ```
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }

    /// The emphasis of this kind around `content`.
    pub(crate) fn emphasis(kind: EmphasisKind, content: Vec<Inline>) -> Inline {
        match kind {
            EmphasisKind::Emphasis => Inline::Emphasis { content },
            EmphasisKind::Strong => Inline::Strong { content },
            EmphasisKind::Strikethrough => Inline::Strikethrough { content },
        }
    }

    /// The kind and content of an emphasis; `None` for the other inlines.
    pub(crate) fn emphasis_kind(&self) -> Option<(EmphasisKind, &[Inline])> {
        match self {
            Inline::Emphasis { content } => Some((EmphasisKind::Emphasis, content)),
            Inline::Strong { content } => Some((EmphasisKind::Strong, content)),
            Inline::Strikethrough { content } => Some((EmphasisKind::Strikethrough, content)),
            _ => None,
        }
    }

    /// The inlines inside emphasis, strong, strikethrough and links; empty for the others.
    pub(crate) fn children(&self) -> &[Inline] {
        match self {
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => content,
            _ => &[],
        }
    }

    /// The inlines inside emphasis, strong, strikethrough and links, to change them.
    pub(crate) fn children_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match self {
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => Some(content),
            _ => None,
        }
    }
}

/// Calls `f` for every inline of every block, depth first, in document order.
/// Whether `next` continues the list `prev`: a list of one item right after a list of its kind
/// (numbered on from where it stopped, when numbered) is the rest of one list that wrappers cut
/// into one list per item, or that a removal between them split.
pub(crate) fn continues_list(prev: &Block, next: &Block) -> bool {
    let (
        Block::List {
            start: s0,
            numbering: n0,
            items: before,
        },
        Block::List {
            start,
            numbering,
            items,
        },
    ) = (prev, next)
    else {
        return false;
    };
    let numbered_on = match (*s0, *start) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.saturating_add(i64::try_from(before.len()).unwrap_or(i64::MAX)) == b
        }
        _ => false,
    };
    numbered_on && n0 == numbering && items.len() == 1
}

/// Joins each list of `blocks` that [`continues_list`] the one before it into that one (after
/// removals, as parsing the output again would join them). Returns the indices joined, in order.
pub(crate) fn join_continued_lists(blocks: &mut Vec<Block>) -> Vec<usize> {
    let mut joined = Vec::new();
    if blocks.len() < 2 {
        return joined;
    }
    let mut w = 0;
    for r in 1..blocks.len() {
        if continues_list(&blocks[w], &blocks[r]) {
            if let Block::List { items, .. } = std::mem::replace(&mut blocks[r], Block::Rule) {
                if let Block::List { items: into, .. } = &mut blocks[w] {
                    into.extend(items);
                }
            }
            joined.push(r);
        } else {
            w += 1;
            blocks.swap(w, r);
        }
    }
    blocks.truncate(w + 1);
    joined
}

pub(crate) fn walk_inlines<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Inline)) {
    for b in events::leaves(blocks) {
        let roots: Vec<&'a [Inline]> = match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => vec![content],
            Block::Figure { caption, .. } => vec![caption],
            Block::Table { rows, .. } => rows.iter().flatten().map(|c| c.as_slice()).collect(),
            Block::Code { .. } | Block::Rule | Block::List { .. } | Block::Quote { .. } => {
                Vec::new()
            }
        };
        for root in roots {
            walk_inline_tree(root, f);
        }
    }
}

/// Calls `f` on every inline of `roots` and of their children, in document order.
pub(crate) fn walk_inline_tree<'a>(roots: &'a [Inline], f: &mut dyn FnMut(&'a Inline)) {
    let mut stack: Vec<&'a Inline> = roots.iter().rev().collect();
    while let Some(i) = stack.pop() {
        f(i);
        stack.extend(i.children().iter().rev());
    }
}
