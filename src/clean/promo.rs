//! Promotions that stand anywhere in an article, since players, paywalls and QR codes sit next to
//! the lede as often as at the end:
//!
//! * promo lines: a short paragraph whose every link leads to an app store, a payment page or a
//!   subscription page, and whose words invite the reader ("Enjoy more audio on iOS or Android",
//!   "Support us on Patreon"); the banner rule judges images that only link there, this is the
//!   same promotion written as text;
//! * promo figures: an image whose caption is a call to action by itself ("扫码关注我们的公众号"
//!   under a QR code).

use crate::model::{Block, Inline};
use crate::report::Report;

use super::InForce;
use super::article::shape::{Lexicon, visible_chars};
use crate::model::inlines::plain_text_cow;

/// Longer than this (visible characters), a paragraph is the article's, whatever it links to.
const PROMO_MAX_CHARS: usize = 100;

/// A promo link's text is a store's name or a button's label, no longer than this (characters).
const LABEL_MAX_CHARS: usize = 24;

/// Whether a link's text reads as a button's or a store's label: short, and not an address written
/// out (a download link written as its URL is an address the article gives).
pub(crate) fn is_button_label(label: &str) -> bool {
    !label.contains("://") && label.chars().count() <= LABEL_MAX_CHARS
}

/// Removes the promo lines among the top-level paragraphs and list items of `blocks`.
pub(crate) fn drop_promo_lines(blocks: &mut Vec<Block>, rules: &InForce<'_>, report: &mut Report) {
    let Some(lex) = rules.shape() else {
        return;
    };
    // where the block being judged stands among those kept so far, for the audit trail
    let mut at = 0;
    blocks.retain(
        |b| match promo_rule(b, rules, lex).or_else(|| promo_figure(b, lex)) {
            Some(rule) => {
                report.take_block(rule, at, b);
                false
            }
            None => {
                at += 1;
                true
            }
        },
    );
}

/// The banner rule a block is a promo line for, if it is one.
fn promo_rule<'r>(block: &Block, rules: &InForce<'r>, lex: &Lexicon) -> Option<&'r str> {
    let Block::Paragraph { content } = block else {
        return None;
    };
    // most paragraphs are text alone: no link, and nothing a link could stand in
    if !content.iter().any(|i| {
        matches!(
            i,
            Inline::Link { .. }
                | Inline::Emphasis { .. }
                | Inline::Strong { .. }
                | Inline::Strikethrough { .. }
        )
    }) {
        return None;
    }
    let mut rule = None;
    let mut stack: Vec<&Inline> = content.iter().collect();
    while let Some(i) = stack.pop() {
        match i {
            // a link written as its URL is an address the article gives (a download, a
            // source); a promo names its store or its button
            Inline::Link { url, content, .. } => {
                let label = plain_text_cow(content);
                if !is_button_label(&label) {
                    return None;
                }
                rule = Some(rules.banner_link(url)?);
            }
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content } => stack.extend(content),
            _ => {}
        }
    }
    let rule = rule?;
    let text = plain_text_cow(content);
    (visible_chars(&text) <= PROMO_MAX_CHARS && lex.has_cue(&text)).then_some(rule)
}

/// The shape category a figure's caption is a call to action of, if it is one.
fn promo_figure<'l>(block: &Block, lex: &'l Lexicon) -> Option<&'l str> {
    let Block::Figure { caption, .. } = block else {
        return None;
    };
    if caption.is_empty() {
        return None;
    }
    lex.promo_caption(&plain_text_cow(caption))
}
