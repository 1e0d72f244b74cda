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
    let below = Below::of(dom, id);
    groups(dom, &below).iter().any(Group::is_thread)
}

/// Elements of one kind below an element: their tag and first class word, where each stands in
/// [`Below::nodes`], and how many of them carry a contribution's marks.
struct Group<'d> {
    key: (&'d str, &'d str),
    items: Vec<usize>,
    marked: usize,
}

impl Group<'_> {
    /// Three items or more, three in five of them marked.
    fn is_thread(&self) -> bool {
        let n = self.items.len();
        n >= 3 && self.marked * 5 >= n * 3
    }
}

/// The groups of the first [`LOOKED_AT`] nodes below, in the order their first items stand.
fn groups<'d>(dom: &'d Dom, below: &Below) -> Vec<Group<'d>> {
    let mut groups: Vec<Group<'d>> = Vec::new();
    for (at, &d) in below.nodes.iter().enumerate().take(LOOKED_AT) {
        let Some(tag) = dom.tag(d) else { continue };
        let Some(class) = dom
            .attr(d, "class")
            .and_then(|c| c.split_whitespace().next())
        else {
            continue;
        };
        let marked = usize::from(below.contribution_marks(at));
        match groups.iter_mut().find(|g| g.key == (tag, class)) {
            Some(g) => {
                g.items.push(at);
                g.marked += marked;
            }
            None => groups.push(Group {
                key: (tag, class),
                items: vec![at],
                marked,
            }),
        }
    }
    groups
}

/// The opening post of a thread that is the whole of `root`: a forum's thread page whose posts are
/// items of one kind (as [`reads_as_thread`] finds them, none inside another), the replies after
/// the first carrying a control to reply to them, and the first holding at least
/// [`OPENING_MIN_CHARS`] of text and three times the text of the middle reply. The thread's starter
/// is the article and the replies are the readers'. A live blog's entries have no reply control; a
/// thread of replies as long as its start, or a question over its answers, keeps them all.
pub(crate) fn opening_post(dom: &Dom, root: NodeId) -> Option<NodeId> {
    let below = Below::of(dom, root);
    let chars = |at: usize| -> usize {
        dom.descendants(below.nodes[at])
            .filter_map(|d| dom.text(d))
            .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
            .sum()
    };
    groups(dom, &below).iter().find_map(|g| {
        let items = &g.items;
        let flat = items.windows(2).all(|w| below.ends[w[0]] <= w[1]);
        if !g.is_thread() || !flat {
            return None;
        }
        let replies = &items[1..];
        let answerable = replies
            .iter()
            .filter(|&&at| has_reply_control(dom, below.nodes[at]))
            .count();
        if answerable * 5 < replies.len() * 3 {
            return None;
        }
        let first = chars(items[0]);
        let mut sizes: Vec<usize> = replies.iter().map(|&at| chars(at)).collect();
        sizes.sort_unstable();
        let middle = sizes[sizes.len() / 2];
        (first >= OPENING_MIN_CHARS && first >= 3 * middle).then(|| below.nodes[items[0]])
    })
}

/// The least text (characters, spaces aside) an opening post holds to be taken for the article.
const OPENING_MIN_CHARS: usize = 120;

/// Whether the item holds a control to reply to it: an element named for replying or quoting, or a
/// link saying so.
fn has_reply_control(dom: &Dom, item: NodeId) -> bool {
    const NAMES: &[&str] = &["reply", "replies", "quote", "respond"];
    const LABELS: &[&str] = &[
        "回复",
        "回覆",
        "引用",
        "reply",
        "quote",
        "antworten",
        "responder",
        "répondre",
        "rispondi",
        "odpowiedz",
    ];
    dom.descendants(item).take(ITEM_LOOKED_AT).any(|d| {
        let named = [dom.attr(d, "class"), dom.attr(d, "id")]
            .into_iter()
            .flatten()
            .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
            .any(|w| NAMES.iter().any(|m| w.eq_ignore_ascii_case(m)));
        named
            || dom.tag(d) == Some("a") && {
                let text: String = dom.descendants(d).filter_map(|t| dom.text(t)).collect();
                let text = text.trim();
                LABELS.iter().any(|l| text.eq_ignore_ascii_case(l))
            }
    })
}

/// How many nodes below an item are looked at for its marks (a few hundred at most).
const ITEM_LOOKED_AT: usize = 400;

/// The nodes below the element in document order, as far as any item's look reaches, with where
/// each one's subtree ends and how many of them up to each carry a mark of their own: an item's
/// marks are then a difference of two counts, where looking at its nodes again for every item
/// took time in the square of the thread's size.
struct Below {
    nodes: Vec<NodeId>,
    /// For each node, the position after its subtree (the end of `nodes` where the subtree runs
    /// past it).
    ends: Vec<usize>,
    /// `marks[k]`: how many of the first `k` nodes carry a mark themselves.
    marks: Vec<usize>,
}

impl Below {
    fn of(dom: &Dom, id: NodeId) -> Below {
        // the last item looked at and the nodes its look reaches
        let cap = LOOKED_AT + ITEM_LOOKED_AT + 1;
        // room for a small subtree, most of those looked at: grown from nothing, each list is moved
        // at every doubling
        const FIRST_ROOM: usize = 64;
        let mut nodes = Vec::with_capacity(FIRST_ROOM);
        let mut ends = Vec::with_capacity(FIRST_ROOM);
        let mut marks = Vec::with_capacity(FIRST_ROOM + 1);
        marks.push(0);
        // `Some(node)` enters a node, `None` leaves the one entered last and not yet left
        let mut stack: Vec<Option<NodeId>> =
            dom.children(id).iter().rev().map(|&c| Some(c)).collect();
        let mut open: Vec<usize> = Vec::with_capacity(FIRST_ROOM);
        while let Some(step) = stack.pop() {
            match step {
                Some(node) => {
                    if nodes.len() == cap {
                        break;
                    }
                    open.push(nodes.len());
                    nodes.push(node);
                    ends.push(cap);
                    let marked = usize::from(marks_itself(dom, node));
                    marks.push(marks[marks.len() - 1] + marked);
                    stack.push(None);
                    stack.extend(dom.children(node).iter().rev().map(|&c| Some(c)));
                }
                None => {
                    if let Some(at) = open.pop() {
                        ends[at] = nodes.len();
                    }
                }
            }
        }
        Below { nodes, ends, marks }
    }

    /// A `<time>`, an avatar, or a name saying author, user, date, time, reply or permalink on the
    /// item at `at` or on one of the first [`ITEM_LOOKED_AT`] nodes below it.
    fn contribution_marks(&self, at: usize) -> bool {
        let last = self.ends[at].min(at + 1 + ITEM_LOOKED_AT);
        self.marks[last] > self.marks[at]
    }
}

/// Whether the node itself is a `<time>` or has a class or id word of a contribution.
fn marks_itself(dom: &Dom, d: NodeId) -> bool {
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
    let Some(tag) = dom.tag(d) else { return false };
    if tag == "time" {
        return true;
    }
    [dom.attr(d, "class"), dom.attr(d, "id")]
        .into_iter()
        .flatten()
        .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
        .any(|w| WORDS.iter().any(|m| w.eq_ignore_ascii_case(m)))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The marks as first written: the item and its first nodes below, looked at one by one.
    fn marks_directly(dom: &Dom, item: NodeId) -> bool {
        std::iter::once(item)
            .chain(dom.descendants(item).take(ITEM_LOOKED_AT))
            .any(|d| marks_itself(dom, d))
    }

    #[test]
    fn counted_marks_are_the_marks_looked_at_one_by_one() {
        // items of many sizes, marks near and past an item's look, nested replies
        let mut html = String::from("<div id=root>");
        for i in 0..60 {
            html.push_str("<div class=\"comment c\">");
            for k in 0..(i * 17 % 450) {
                if k % 97 == 96 && i % 3 == 0 {
                    html.push_str("<span class=\"comment-author\">x</span>");
                } else {
                    html.push_str("<b>w</b>");
                }
            }
            if i % 5 == 0 {
                html.push_str("<div class=\"comment c\"><time>t</time></div>");
            }
            html.push_str("</div>");
        }
        html.push_str("</div>");
        let dom = Dom::parse(&html, 1_000_000).unwrap();
        let root = dom
            .descendants(0)
            .find(|&d| dom.attr(d, "id") == Some("root"))
            .unwrap();
        let below = Below::of(&dom, root);
        let direct: Vec<NodeId> = dom.descendants(root).take(LOOKED_AT).collect();
        assert_eq!(&below.nodes[..direct.len()], &direct[..]);
        let mut both = [0, 0];
        for (at, &d) in direct.iter().enumerate() {
            let counted = below.contribution_marks(at);
            assert_eq!(counted, marks_directly(&dom, d), "node {at}");
            both[usize::from(counted)] += 1;
        }
        // the input has items of both kinds
        assert!(both[0] > 0 && both[1] > 0, "{both:?}");
    }

    fn opening_of(html: &str) -> Option<String> {
        let dom = Dom::parse(html, 1_000_000).unwrap();
        let root = dom
            .descendants(0)
            .find(|&d| dom.attr(d, "id") == Some("root"))
            .unwrap();
        opening_post(&dom, root).map(|p| dom.attr(p, "id").unwrap_or("").to_string())
    }

    fn item(id: &str, text: &str, control: &str) -> String {
        format!(
            "<div class=\"post\" id=\"{id}\"><span class=\"time\">2026-11-02 10:00</span><p>{text}</p>{control}</div>"
        )
    }

    #[test]
    fn a_threads_opening_post_is_its_article_only_over_short_replies_with_reply_controls() {
        let long = "这是一个很长的开头帖子，讲了作者十年的经历，".repeat(8);
        let reply = "<a href=\"#\">回复</a>";
        let forum = format!(
            "<div id=root>{}{}{}{}</div>",
            item("op", &long, ""),
            item("r1", "写得真好", reply),
            item("r2", "谢谢分享，收藏了", reply),
            item("r3", "顶一个", reply)
        );
        assert_eq!(opening_of(&forum).as_deref(), Some("op"));
        // a live blog: entries with their times and no control to reply
        let live = format!(
            "<div id=root>{}{}{}{}</div>",
            item("e1", &long, ""),
            item("e2", "警方已封锁现场", ""),
            item("e3", "市长将于下午召开记者会", ""),
            item("e4", "交通恢复正常", "")
        );
        assert_eq!(opening_of(&live), None);
        // replies as long as the opening post: a discussion, kept whole
        let debate = format!(
            "<div id=root>{}{}{}{}</div>",
            item("op", &long, ""),
            item("r1", &long, reply),
            item("r2", &long, reply),
            item("r3", "顶一个", reply)
        );
        assert_eq!(opening_of(&debate), None);
    }
}
