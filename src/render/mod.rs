//! The outputs. Each renderer reads the model ([`crate::Block`], [`crate::Inline`]) and the post's
//! metadata, never the DOM.

pub mod html;
pub mod json;
pub mod markdown;
pub mod text;
