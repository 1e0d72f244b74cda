//! The outputs. Each writer is one module here: a `write` function that takes the model
//! ([`Block`](crate::Block)s), what it needs of the post ([`Metadata`](crate::Metadata),
//! [`Report`](crate::Report)) and its own options, and returns a string. None of them sees the
//! DOM, the cleaner or the [`Post`](crate::Post).
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

pub mod html;
pub mod json;
pub mod markdown;
pub mod text;
