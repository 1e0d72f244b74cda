//! The audit trail: what each removal took and where it stood, recorded only when
//! [`crate::Options::audit`] asks for it.
//!
//! Every place that counts a removal in the [`Report`] also offers it to the report's recorder,
//! which is `None` unless auditing: then nothing is gathered, no string built. The recorder keeps
//! where each removal stood as the index of the block it stood before; the passes after the walk
//! remove blocks, so each removal of a block moves the records after it back by one (see
//! [`Recorder::forget_block`]), and the records end up in the coordinates of the article as kept.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::clean::mechanics;
use crate::dom::{Dom, NodeId};
use crate::model::events::leaves;
use crate::model::inlines::plain_text;
use crate::model::{Block, Image, Inline, walk_inlines};
use crate::render::json::Link;
use crate::report::Report;

/// Characters kept at each end of a long removal's text by default (see
/// [`crate::Options::audit_excerpt`]).
pub const DEFAULT_EXCERPT: usize = 300;

/// Elements of the path shown for a removal: the element and its nearest ancestors.
const PATH_DEPTH: usize = 4;

/// One removal: what took it, what it took, and where it stood.
///
/// ```
/// use tidings::{Options, Post, RemovalKind};
/// let input = "<div class=\"entry\"><p>Kept.</p><div id=\"dfp-ad-top\">Ad text</div><p>Also kept.</p></div>";
/// let post = Post::parse_with(input, &Options::new().audit(true))?;
/// let ad = &post.removals()[0];
/// assert_eq!((ad.name.as_str(), ad.kind), ("ad-slot", RemovalKind::Rule));
/// assert_eq!(ad.text, "Ad text");
/// assert_eq!(ad.block, 1); // it stood before the second block kept
/// assert_eq!(ad.path, "div.entry > div#dfp-ad-top");
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Removal {
    /// The rule or mechanic that removed it: the name the report counts it under.
    pub name: String,
    /// Whether that name is a rule or a mechanic.
    pub kind: RemovalKind,
    /// The text it took, whitespace collapsed: all of it, or, when it is longer than twice the
    /// excerpt, its first characters (and [`Removal::tail`] its last). For a tracking parameter,
    /// the parameter (`utm_source=rss`).
    pub text: String,
    /// The last characters of a text too long to keep whole; absent when `text` is all of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tail: Option<String>,
    /// How many characters the whole text has.
    pub chars: usize,
    /// The images it took.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
    /// The links it took.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Where it stood: the index of the block of the kept article it stood before (or inside);
    /// the number of blocks when it stood after all of them.
    pub block: usize,
    /// The element it was, as a short path of its nearest ancestors (`div.entry > div#dfp-ad-top`);
    /// empty where no element was (a plain-text body).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
}

/// Whether a [`Removal`] was made by a rule (policy, written as data) or a mechanic (runs under any
/// rules). Serialized as `rule` and `mechanic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum RemovalKind {
    /// A rule's removal.
    Rule,
    /// A mechanic's removal.
    Mechanic,
}

impl RemovalKind {
    /// The kind of the name `name`: the mechanics, and the passes the README lists among them
    /// (the boundary, credits, by-lines), are mechanics; every other name is a rule's.
    pub(crate) fn of(name: &str) -> RemovalKind {
        let passes = [
            crate::clean::article::boundary::BOUNDARY,
            crate::clean::credits::CREDIT,
            crate::clean::article::byline::BYLINE,
        ];
        if passes.contains(&name) || mechanics::ALL.iter().any(|m| m.name == name) {
            RemovalKind::Mechanic
        } else {
            RemovalKind::Rule
        }
    }

    /// `rule` or `mechanic`.
    pub fn name(self) -> &'static str {
        match self {
            RemovalKind::Rule => "rule",
            RemovalKind::Mechanic => "mechanic",
        }
    }
}

/// What one removal took, gathered before it is recorded.
#[derive(Debug, Default)]
pub(crate) struct Taken {
    pub(crate) text: String,
    pub(crate) images: Vec<Image>,
    pub(crate) links: Vec<Link>,
}

impl Taken {
    /// Only text (a line, a parameter).
    pub(crate) fn text(text: impl Into<String>) -> Taken {
        Taken {
            text: text.into(),
            ..Taken::default()
        }
    }

    /// Nothing but markup (a `<br>`, an empty element).
    pub(crate) fn nothing() -> Taken {
        Taken::default()
    }

    /// The text, images and links of an element and what it holds; what is never text (scripts,
    /// styles) gives none.
    pub(crate) fn element(dom: &Dom, id: NodeId, base: Option<&Url>) -> Taken {
        let mut taken = Taken::default();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            if let Some(t) = dom.text(n) {
                push_words(&mut taken.text, t);
                continue;
            }
            let Some(tag) = dom.tag(n) else { continue };
            if mechanics::never_text(tag) && tag != "noscript" {
                continue;
            }
            match tag {
                "img" => {
                    let src = crate::clean::images::real_src(|a| dom.attr(n, a)).ok();
                    if let Some((src, _)) =
                        src.and_then(|s| crate::clean::links::clean_url(s, base))
                    {
                        let alt = dom.attr(n, "alt").map(collapse).unwrap_or_default();
                        taken.images.push(Image {
                            src,
                            alt,
                            title: None,
                        });
                    }
                }
                "a" => {
                    let url = dom
                        .attr(n, "href")
                        .and_then(|h| crate::clean::links::clean_url(h, base));
                    if let Some((url, _)) = url {
                        let mut text = String::new();
                        for d in dom.descendants(n) {
                            if let Some(t) = dom.text(d) {
                                push_words(&mut text, t);
                            }
                        }
                        taken.links.push(Link { url, text });
                    }
                }
                _ => {}
            }
            // a noscript's content is raw text: its images are kept or counted on their own
            if tag != "noscript" {
                stack.extend(dom.children(n).iter().rev());
            }
        }
        taken
    }

    /// The text, images and links of blocks.
    pub(crate) fn blocks(blocks: &[Block]) -> Taken {
        let mut taken = Taken::default();
        for b in leaves(blocks) {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content } => {
                    push_words(&mut taken.text, &plain_text(content))
                }
                Block::Figure { image, caption } => {
                    taken.images.push(image.clone());
                    push_words(&mut taken.text, &plain_text(caption));
                }
                Block::Table { rows, .. } => {
                    for cell in rows.iter().flatten() {
                        push_words(&mut taken.text, &plain_text(cell));
                    }
                }
                Block::Code { text, .. } => push_words(&mut taken.text, text),
                _ => {}
            }
        }
        taken.add_inlines_media(blocks);
        taken
    }

    /// The text, images and links of inlines.
    pub(crate) fn inlines(inlines: &[Inline]) -> Taken {
        let mut taken = Taken::text(collapse(&plain_text(inlines)));
        let block = [Block::Paragraph {
            content: inlines.to_vec(),
        }];
        taken.add_inlines_media(&block);
        taken
    }

    fn add_inlines_media(&mut self, blocks: &[Block]) {
        walk_inlines(blocks, &mut |i| match i {
            Inline::Image { image } => self.images.push(image.clone()),
            Inline::Link { url, content, .. } => self.links.push(Link {
                url: url.clone(),
                text: collapse(&plain_text(content)),
            }),
            _ => {}
        });
    }
}

/// Appends `t`'s words to `out`, one space between.
fn push_words(out: &mut String, t: &str) {
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
}

fn collapse(t: &str) -> String {
    let mut out = String::new();
    push_words(&mut out, t);
    out
}

/// A short path to an element: it and its nearest ancestors below `<body>`, each as its tag with
/// its id (`div#dfp-ad-top`) or else its first class (`div.entry`).
pub(crate) fn element_path(dom: &Dom, id: NodeId) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut at = id;
    // a text node: the element it stands in
    if dom.tag(at).is_none() {
        at = dom.parent(at);
    }
    while parts.len() < PATH_DEPTH {
        let Some(tag) = dom.tag(at) else { break };
        if matches!(tag, "body" | "html") {
            break;
        }
        let mut part = tag.to_string();
        if let Some(html_id) = dom.attr(at, "id").map(str::trim).filter(|i| !i.is_empty()) {
            part.push('#');
            part.push_str(&short(html_id));
        } else if let Some(class) = dom
            .attr(at, "class")
            .and_then(|c| c.split_whitespace().next())
        {
            part.push('.');
            part.push_str(&short(class));
        }
        parts.push(part);
        let parent = dom.parent(at);
        if parent == at {
            break;
        }
        at = parent;
    }
    parts.reverse();
    parts.join(" > ")
}

/// An id or class as a path shows it: at most 40 characters, no whitespace.
fn short(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .take(40)
        .collect()
}

/// The audit trail being gathered: the removals so far, and, in the passes after the walk, the
/// element path of each block still in the article, so that a block removed there is recorded with
/// the element it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Recorder {
    pub(crate) removals: Vec<Removal>,
    excerpt: usize,
    /// Per block of the article as it stands, the element path it came from (passes after the
    /// walk only).
    paths: Vec<String>,
    /// Per block of the article as it stands, its index among the blocks the walk made (passes
    /// after the walk only), for putting removals in document order.
    origins: Vec<usize>,
    /// Per removal, where it stood in the walk's coordinates ([`Place::key`]).
    keys: Vec<usize>,
    /// The block index the walk stands at, for the removals that helpers count without knowing it
    /// (`<br>`s trimmed from a paragraph as it closes).
    pub(crate) at: usize,
}

/// Where a removal stood, by the index of a block of the article as it stands.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Place {
    /// Between blocks, before block `n`.
    Before(usize),
    /// Block `n` itself.
    Block(usize),
    /// Inside block `n` (a link's parameter, a hidden word, a `<br>`), or at its start.
    Inside(usize),
    /// At the end of block `n`, cut from it.
    Tail(usize),
    /// After all the blocks.
    End,
}

impl Recorder {
    pub(crate) fn new(excerpt: usize) -> Recorder {
        Recorder {
            excerpt: excerpt.max(1),
            ..Recorder::default()
        }
    }

    /// An empty recorder with the same settings (for one attempt of the guarded walk).
    pub(crate) fn fresh(&self) -> Recorder {
        Recorder::new(self.excerpt)
    }

    /// The index among the walk's blocks of block `at` as it stands now.
    fn origin(&self, at: usize) -> usize {
        self.origins.get(at).copied().unwrap_or(at)
    }

    /// Records one removal by `name`, standing at `place`.
    pub(crate) fn push(&mut self, name: &str, place: Place, path: String, taken: Taken) {
        // document order, in the walk's coordinates: before a block, the block, inside it, its end
        let (block, key) = match place {
            Place::Before(n) => (n, self.origin(n).saturating_mul(4)),
            Place::Block(n) => (n, self.origin(n).saturating_mul(4).saturating_add(1)),
            Place::Inside(n) => (n, self.origin(n).saturating_mul(4).saturating_add(2)),
            Place::Tail(n) => (n + 1, self.origin(n).saturating_mul(4).saturating_add(3)),
            Place::End => (usize::MAX, usize::MAX),
        };
        self.keys.push(key);
        let chars = taken.text.chars().count();
        let (text, tail) = if chars > self.excerpt.saturating_mul(2) {
            let head: String = taken.text.chars().take(self.excerpt).collect();
            let tail: String = taken.text.chars().skip(chars - self.excerpt).collect();
            (head, Some(tail))
        } else {
            (taken.text, None)
        };
        self.removals.push(Removal {
            name: name.to_string(),
            kind: RemovalKind::of(name),
            text,
            tail,
            chars,
            images: taken.images,
            links: taken.links,
            block,
            path,
        });
    }

    /// The last removal took the brackets around it too (`（[阅读全文](…)）`).
    pub(crate) fn enclose_last(&mut self, open: char, close: char) {
        if let Some(r) = self.removals.last_mut() {
            r.text.insert(0, open);
            r.tail.as_mut().unwrap_or(&mut r.text).push(close);
            r.chars += 2;
        }
    }

    /// Records a removal at the walk's current block (see [`Recorder::at`]).
    pub(crate) fn push_here(&mut self, name: &str, taken: Taken) {
        self.push(name, Place::Inside(self.at), String::new(), taken);
    }

    /// The element paths of the blocks the walk made, for the passes after it.
    pub(crate) fn set_paths(&mut self, paths: Vec<String>) {
        self.origins = (0..paths.len()).collect();
        self.paths = paths;
    }

    /// Block `at` of the article leaves it: records standing after it move back by one.
    pub(crate) fn forget_block(&mut self, at: usize) {
        for r in &mut self.removals {
            if r.block > at && r.block != usize::MAX {
                r.block -= 1;
            }
        }
        if at < self.paths.len() {
            self.paths.remove(at);
        }
        if at < self.origins.len() {
            self.origins.remove(at);
        }
    }

    /// The element path of block `at`, empty when unknown.
    pub(crate) fn path_of(&self, at: usize) -> String {
        self.paths.get(at).cloned().unwrap_or_default()
    }

    /// Records block `at` (which is `block`) as removed by `name`, and forgets it.
    pub(crate) fn take_block(&mut self, name: &str, at: usize, block: &Block) {
        let path = self.path_of(at);
        self.push(
            name,
            Place::Block(at),
            path,
            Taken::blocks(std::slice::from_ref(block)),
        );
        self.forget_block(at);
    }

    /// Records the blocks outside `keep` as removed by `name` (those `counted` says were counted;
    /// the others are forgotten unrecorded, as they were uncounted), last first.
    pub(crate) fn take_outside(
        &mut self,
        name: &str,
        blocks: &[Block],
        keep: std::ops::Range<usize>,
        counted: impl Fn(usize) -> bool,
    ) {
        // the tail first, so that the head's indices stay valid
        for k in (keep.end..blocks.len()).rev().chain((0..keep.start).rev()) {
            if counted(k) {
                self.take_block(name, k, &blocks[k]);
            } else {
                self.forget_block(k);
            }
        }
    }

    /// Adds an attempt's records, its blocks standing after `offset` blocks of the article.
    pub(crate) fn absorb(&mut self, other: Recorder, offset: usize) {
        self.removals
            .extend(other.removals.into_iter().map(|mut r| {
                if r.block != usize::MAX {
                    r.block += offset;
                }
                r
            }));
        self.keys.extend(
            other
                .keys
                .into_iter()
                .map(|k| k.saturating_add(offset.saturating_mul(4))),
        );
    }

    /// The removals, in the article's order, each at a block index the article has.
    pub(crate) fn finish(self, blocks: usize) -> Vec<Removal> {
        let mut removals: Vec<(usize, Removal)> =
            self.keys.into_iter().zip(self.removals).collect();
        for (_, r) in &mut removals {
            r.block = r.block.min(blocks);
        }
        removals.sort_by_key(|(key, r)| (r.block, *key));
        removals.into_iter().map(|(_, r)| r).collect()
    }
}

impl Report {
    /// The recorder, when auditing.
    pub(crate) fn recorder(&mut self) -> Option<&mut Recorder> {
        self.recorder.as_deref_mut()
    }

    /// Counts block `at` as removed by `name`, and records it when auditing.
    pub(crate) fn take_block(&mut self, name: &str, at: usize, block: &Block) {
        self.count(name);
        if let Some(r) = self.recorder() {
            r.take_block(name, at, block);
        }
    }

    /// Removes the blocks `take` names (by index), each counted under `name` and recorded where
    /// the kept blocks before it end. One compaction pass: a `remove` per block would move the
    /// whole tail each time, quadratic on a long post.
    pub(crate) fn take_blocks_where(
        &mut self,
        name: &str,
        blocks: &mut Vec<Block>,
        mut take: impl FnMut(usize, &Block) -> bool,
    ) {
        let mut kept = 0;
        for i in 0..blocks.len() {
            if take(i, &blocks[i]) {
                self.take_block(name, kept, &blocks[i]);
                continue;
            }
            blocks.swap(kept, i);
            kept += 1;
        }
        blocks.truncate(kept);
    }
}
