//! The walk under the over-removal guard: element rules may not take most of the article.

use url::Url;

use super::super::walk;
use super::InForce;
use crate::dom::{Dom, NodeId};
use crate::model::Block;
use crate::report::{Report, WarningKind};

/// The walk under the over-removal guard: element rules may not take most (three quarters) of the
/// article's text. One element that holds most of it is walked instead of removed (see
/// `Walker::guard_allows`); when the rules' removals together would take most of it, the rule that
/// removed the most is spared for this article and the article is walked again without it, until
/// the rest leave enough. The audit trail's blocks of this root stand after `offset` blocks of the
/// article.
pub(super) fn guarded_walk(
    dom: &Dom,
    root: NodeId,
    rules: &InForce<'_>,
    base: Option<&Url>,
    report: &mut Report,
    offset: usize,
) -> (Vec<Block>, Vec<NodeId>) {
    let (mut total, mut at_least) = (None, 0);
    let mut spared: Vec<String> = Vec::new();
    loop {
        let mut attempt = Report {
            recorder: report.recorder.as_ref().map(|r| Box::new(r.fresh())),
            ..Report::default()
        };
        let guard = walk::Guard {
            root,
            total,
            at_least,
            spared: spared.clone(),
            removed: Vec::new(),
        };
        let (blocks, origins, mut guard) = walk::walk(dom, root, rules, base, &mut attempt, guard);
        // one rule taking most of the article, or all of them together: the largest is spared
        let together: usize = guard.removed.iter().map(|(_, b)| b).sum();
        let greedy = guard.takes_most(dom, together);
        (total, at_least) = (guard.total, guard.at_least);
        let greedy = guard
            .removed
            .into_iter()
            .filter(|(rule, _)| !spared.contains(rule))
            .max_by_key(|&(_, bytes)| bytes)
            .filter(|_| greedy);
        match greedy {
            Some((rule, bytes)) => {
                report.warn(
                    WarningKind::KeptByGuard,
                    format!(
                        "the rules would have removed {together} of the article's {} bytes of \
                         text, `{rule}` {bytes} of them; `{rule}` was not applied to this article",
                        total.unwrap_or_default()
                    ),
                );
                spared.push(rule);
            }
            None => {
                for (name, n) in attempt.removed {
                    report.count_n(&name, n);
                }
                if let (Some(r), Some(a)) = (report.recorder(), attempt.recorder) {
                    r.absorb(*a, offset);
                }
                report.warnings.extend(attempt.warnings);
                return (blocks, origins);
            }
        }
    }
}
