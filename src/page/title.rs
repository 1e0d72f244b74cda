//! The headline out of the document's `<title>`, which most sites end (or start) with their name.

use crate::dom::{Dom, NodeId};

/// Separators between a headline and the site's name, written with a space on each side. The
/// hierarchical ones (`/`, `\`, `>`, `»`) also separate a section from a site. A tight `_` or `·`
/// (`标题_频道_网站`) is left alone: it as often joins the headline's own parts, and the reference
/// extractors keep it.
const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»', '｜'];
const HIERARCHICAL: &[char] = &['\\', '/', '>', '»'];

fn words(s: &str) -> usize {
    // a CJK headline has no spaces: its characters stand in for words
    let spaced = s.split_whitespace().count();
    let cjk = s.chars().filter(|c| crate::cjk::is_cjk(*c)).count();
    spaced.max(cjk / 2)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Positions of separators that stand between words (` | `, ` - `), and of a full-width `｜`,
/// which needs no spaces.
fn separator_positions(title: &str) -> Vec<(usize, char)> {
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    let mut found = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !SEPARATORS.contains(&c) {
            continue;
        }
        let before = k > 0 && chars[k - 1].1.is_whitespace();
        let after = chars.get(k + 1).is_some_and(|(_, n)| n.is_whitespace());
        let tight = c == '｜' && k > 0;
        if (before && after) || tight {
            found.push((i, c));
        }
    }
    found
}

/// The headline in `title`: the part before the last separator, unless that leaves too little, then
/// the part after the first; `title: subtitle` keeps its subtitle only when a heading says so. A
/// short result (four words or fewer) that is not simply the title minus one part is not trusted.
pub(super) fn from_document_title(dom: &Dom, title: &str) -> String {
    let original = collapse(title);
    let mut current = original.clone();
    let seps = separator_positions(&original);
    let mut hierarchical = false;
    if let (Some(&(first, fc)), Some(&(last, _))) = (seps.first(), seps.last()) {
        hierarchical = seps.iter().any(|(_, c)| HIERARCHICAL.contains(c));
        // a title of several parts that opens with the page's headline as its heading writes it
        // ("Headline - Board - Forum - Powered by …"): the headline, however many parts follow
        if seps.len() > 1 {
            let head = original[..first].trim();
            if words(head) >= 3
                && dom
                    .descendants(0)
                    .filter(|&d| dom.tag(d) == Some("h1"))
                    .any(|d| heading_text(dom, d) == head)
            {
                return head.to_string();
            }
        }
        current = original[..last].trim().to_string();
        if words(&current) < 3 {
            current = original[first + fc.len_utf8()..].trim().to_string();
        }
    } else if original.contains(": ") {
        let headings_match = dom
            .descendants(0)
            .filter(|&d| matches!(dom.tag(d), Some("h1" | "h2")))
            .any(|d| heading_text(dom, d) == original);
        if !headings_match {
            let last = original.rfind(':').unwrap_or(0);
            current = original[last + 1..].trim().to_string();
            if words(&current) < 3 {
                let first = original.find(':').unwrap_or(0);
                current = original[first + 1..].trim().to_string();
            } else if words(&original[..original.find(':').unwrap_or(0)]) > 5 {
                current = original.clone();
            }
        }
    } else if original.chars().count() > 150 || original.chars().count() < 15 {
        let h1s: Vec<NodeId> = dom
            .descendants(0)
            .filter(|&d| dom.tag(d) == Some("h1"))
            .collect();
        if h1s.len() == 1 {
            current = heading_text(dom, h1s[0]);
        }
    }
    let count = words(&current);
    let without_separators = original
        .split(|c| SEPARATORS.contains(&c))
        .collect::<String>();
    if count <= 4 && (!hierarchical || count + 1 != words(&without_separators)) {
        current = original;
    }
    current
}

fn heading_text(dom: &Dom, id: NodeId) -> String {
    let parts: Vec<&str> = dom.descendants(id).filter_map(|d| dom.text(d)).collect();
    collapse(&parts.join(" "))
}

/// The `<h1>` nearest the article: the first inside it, else the last before it, else the page's
/// first.
pub(super) fn nearest_heading(dom: &Dom, roots: &[NodeId]) -> Option<String> {
    let root = *roots.first()?;
    let found = dom
        .descendants(root)
        .find(|&d| dom.tag(d) == Some("h1"))
        .or_else(|| {
            dom.descendants(0)
                .take_while(|&d| d != root)
                .filter(|&d| dom.tag(d) == Some("h1"))
                .last()
        })
        .or_else(|| dom.descendants(0).find(|&d| dom.tag(d) == Some("h1")))?;
    let text = heading_text(dom, found);
    (!text.is_empty()).then_some(text)
}

/// How much of `b`'s words `a` shares: 1 minus the share of `b`'s text in words `a` lacks.
pub(super) fn similarity(a: &str, b: &str) -> f64 {
    let tokens = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    };
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let unique: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let total: usize = tb.iter().map(String::len).sum::<usize>() + tb.len() - 1;
    let missing: usize =
        unique.iter().map(|t| t.len()).sum::<usize>() + unique.len().saturating_sub(1);
    1.0 - missing as f64 / total as f64
}
