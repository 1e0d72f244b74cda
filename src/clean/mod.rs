//! The DOM walker: one pass over the parsed body that drops junk by rule, resolves images and links,
//! collapses whitespace and builds the model.
//!
//! Rather than rewriting the DOM and then reading it again, the walker decides per element (with the
//! rule table and the helpers beside this file) and builds [`Block`]s as it goes. It keeps an explicit
//! stack of open frames, so nesting depth in the input never becomes call depth.

pub(crate) mod article;
pub mod breaks;
pub mod images;
pub mod links;
pub(crate) mod plain;
pub mod related;
pub mod rules;
mod table;
mod walk;

use url::Url;

use crate::dom::{Dom, NodeId};
use crate::model::Block;
pub use crate::report::Report;
use rules::Rules;

/// Cleans the subtree at `root` and returns its blocks: the walk, then the passes that need the
/// whole article (related-link lists are judged against the article's length).
pub fn clean(
    dom: &Dom,
    root: NodeId,
    rules: &Rules,
    base: Option<&Url>,
    report: &mut Report,
) -> Vec<Block> {
    let mut blocks = walk::walk(dom, root, rules, base, report);
    related::drop_announced(&mut blocks, report);
    related::drop_link_lists(&mut blocks, report);
    blocks
}
