//! The cleaning report: removals counted by rule name, and warnings.

use std::collections::BTreeMap;

/// What the cleaner removed, counted by the rule that removed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Removals per rule name.
    pub removed: BTreeMap<String, usize>,
    /// Problems that did not stop the conversion (for example front matter that was salvaged).
    pub warnings: Vec<String>,
}

impl Report {
    /// Counts one removal under `rule`.
    pub fn count(&mut self, rule: &str) {
        self.count_n(rule, 1);
    }

    /// Counts `n` removals under `rule`.
    pub fn count_n(&mut self, rule: &str, n: usize) {
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

    /// Total removals.
    pub fn total(&self) -> usize {
        self.removed.values().sum()
    }
}
