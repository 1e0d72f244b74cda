//! The report every stage fills: removals counted by rule name, and warnings with a kind.

use std::collections::BTreeMap;

use crate::audit::{Recorder, Removal};

/// What the cleaner removed, counted by the rule that removed it, and what was worked around.
///
/// ```
/// let post = tidings::Post::parse("<p>Text.</p><div class=\"sharedaddy\">Share</div>")?;
/// let report = post.report();
/// assert_eq!(report.removed.get("share"), Some(&1));
/// assert!(report.warnings.is_empty());
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// Removals per rule name.
    pub removed: BTreeMap<String, usize>,
    /// Problems that did not stop the conversion (for example front matter that was salvaged).
    pub warnings: Vec<Warning>,
    /// Every removal, what it took and where it stood, in the article's order: only with
    /// [`crate::Options::audit`] (absent from the JSON otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removals: Option<Vec<Removal>>,
    /// The audit trail while the post is cleaned; `None` unless auditing, so that recording costs
    /// nothing then.
    #[serde(skip)]
    pub(crate) recorder: Option<Box<Recorder>>,
}

/// A problem that was worked around, with a kind a batch can group by.
///
/// ```
/// use tidings::{Post, WarningKind};
/// let post = Post::parse("---\ntitle: [unclosed\n---\n<p>x</p>")?;
/// let warning = &post.report().warnings[0];
/// assert_eq!(warning.kind, WarningKind::SalvagedFrontMatter);
/// assert!(warning.to_string().starts_with("salvaged-front-matter: "));
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Warning {
    /// What kind of problem it is.
    pub kind: WarningKind,
    /// What happened, for a person to read.
    pub message: String,
}

/// The kinds of [`Warning`]. Serialized as the kebab-case names below, which stay stable.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum WarningKind {
    /// `salvaged-front-matter`: the front matter was not valid YAML; its simple `key: value` lines
    /// were read instead.
    SalvagedFrontMatter,
    /// `flattened-nesting`: elements nested deeper than [`crate::Limits::max_depth`] were merged
    /// into their ancestor before parsing.
    FlattenedNesting,
    /// `dropped-attributes`: tags with more attributes than [`crate::Limits::max_attributes`] lost
    /// the attributes past the limit before parsing.
    DroppedAttributes,
    /// `closed-raw-text`: self-closed `<iframe/>` or `<script/>` tags were given an end tag, so the
    /// text after them stays text.
    ClosedRawText,
    /// `kept-by-guard`: a rule would have removed most of the article's text, so that removal was
    /// not made (the message names the rule).
    KeptByGuard,
    /// `undecodable-bytes`: some input bytes were not valid in the encoding they were read in
    /// (see [`crate::decode`]); each became U+FFFD.
    UndecodableBytes,
    /// `empty-article`: the input has text a reader sees, but nothing of it was kept as the
    /// article (every part of it was judged junk, or the page's article could not be found).
    EmptyArticle,
}

impl WarningKind {
    /// The stable name the JSON output uses.
    ///
    /// ```
    /// assert_eq!(tidings::WarningKind::KeptByGuard.name(), "kept-by-guard");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::SalvagedFrontMatter => "salvaged-front-matter",
            WarningKind::FlattenedNesting => "flattened-nesting",
            WarningKind::DroppedAttributes => "dropped-attributes",
            WarningKind::ClosedRawText => "closed-raw-text",
            WarningKind::KeptByGuard => "kept-by-guard",
            WarningKind::UndecodableBytes => "undecodable-bytes",
            WarningKind::EmptyArticle => "empty-article",
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl Report {
    /// Counts one removal under `rule`.
    pub(crate) fn count(&mut self, rule: &str) {
        self.count_n(rule, 1);
    }

    /// Counts `n` removals under `rule`.
    pub(crate) fn count_n(&mut self, rule: &str, n: usize) {
        if n == 0 {
            return;
        }
        match self.removed.get_mut(rule) {
            Some(c) => *c += n,
            None => {
                self.removed.insert(rule.to_string(), n);
            }
        }
    }

    /// Records a warning.
    pub(crate) fn warn(&mut self, kind: WarningKind, message: String) {
        self.warnings.push(Warning { kind, message });
    }

    /// Total removals.
    ///
    /// ```
    /// let post = tidings::Post::parse("<p>Text.</p><div class=\"sharedaddy\">Share</div><div id=\"dfp-ad-1\">Ad</div>")?;
    /// assert_eq!(post.report().total(), 2);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn total(&self) -> usize {
        self.removed.values().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_kinds_serialize_as_their_stable_names() {
        for kind in [
            WarningKind::SalvagedFrontMatter,
            WarningKind::FlattenedNesting,
            WarningKind::DroppedAttributes,
            WarningKind::ClosedRawText,
            WarningKind::KeptByGuard,
        ] {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.name()));
        }
    }
}
