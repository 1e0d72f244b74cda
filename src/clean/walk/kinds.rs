//! What an element a rule matched is, for the over-removal guard: a thread of contributions (which
//! goes whatever its share of the article), or the article itself under a misleading name (which
//! stays even when it holds less than three quarters of the text). Size alone cannot tell a
//! misnamed article from a real comment thread; its shape can.

use crate::dom::{Dom, NodeId};

/// How many elements below the element are looked at: a thread's items are found well within it.
const LOOKED_AT: usize = 5000;

/// Whether the element is a thread: at least three elements of one kind (same tag and first class
/// word) below it, at any depth (replies nest), three in five of which carry what a contribution
/// carries and an article's sections do not: a `<time>`, an avatar, or a class or id word naming an
/// author, a date or a reply.
pub(crate) fn reads_as_thread(dom: &Dom, id: NodeId) -> bool {
    let mut groups: Vec<((&str, &str), usize, usize)> = Vec::new();
    for d in dom.descendants(id).take(LOOKED_AT) {
        let Some(tag) = dom.tag(d) else { continue };
        let Some(class) = dom
            .attr(d, "class")
            .and_then(|c| c.split_whitespace().next())
        else {
            continue;
        };
        let key = (tag, class);
        let marked = usize::from(contribution_marks(dom, d));
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, n, m)) => {
                *n += 1;
                *m += marked;
            }
            None => groups.push((key, 1, marked)),
        }
    }
    groups
        .iter()
        .any(|&(_, n, marked)| n >= 3 && marked * 5 >= n * 3)
}

/// A `<time>`, an avatar, or a name saying author, user, date, time, reply or permalink on the item
/// or somewhere inside it (a few hundred nodes at most are looked at).
fn contribution_marks(dom: &Dom, item: NodeId) -> bool {
    const WORDS: &[&str] = &[
        "author",
        "avatar",
        "user",
        "username",
        "date",
        "time",
        "timestamp",
        "reply",
        "replies",
        "permalink",
        "vcard",
        "posted",
    ];
    std::iter::once(item)
        .chain(dom.descendants(item).take(400))
        .any(|d| {
            let Some(tag) = dom.tag(d) else { return false };
            if tag == "time" {
                return true;
            }
            [dom.attr(d, "class"), dom.attr(d, "id")]
                .into_iter()
                .flatten()
                .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
                .any(|w| WORDS.iter().any(|m| w.eq_ignore_ascii_case(m)))
        })
}

/// What ends a clause, in the scripts articles come in.
const CLAUSE_ENDS: &[char] = &['.', ',', ';', '!', '?', '。', '，', '；', '！', '？', '、'];

/// Whether the element reads as an article: two or more paragraphs of prose (40 characters or more
/// with a clause in them) and little of its text in links.
pub(crate) fn reads_as_prose(dom: &Dom, id: NodeId) -> bool {
    let mut paragraphs = 0;
    let mut text = 0usize;
    let mut linked = 0usize;
    for d in dom.descendants(id) {
        if let Some(t) = dom.text(d) {
            let n = t.trim().chars().count();
            text += n;
            if in_link(dom, d, id) {
                linked += n;
            }
        } else if dom.tag(d) == Some("p") {
            let (mut chars, mut clauses) = (0, 0);
            for t in dom.descendants(d).filter_map(|x| dom.text(x)) {
                chars += t.trim().chars().count();
                clauses += t.chars().filter(|c| CLAUSE_ENDS.contains(c)).count();
            }
            if chars >= 40 && clauses >= 1 {
                paragraphs += 1;
            }
        }
    }
    paragraphs >= 2 && linked * 5 < text
}

fn in_link(dom: &Dom, node: NodeId, stop: NodeId) -> bool {
    let mut at = node;
    while at != stop {
        if dom.tag(at) == Some("a") {
            return true;
        }
        let up = dom.parent(at);
        if up == at {
            return false;
        }
        at = up;
    }
    false
}
