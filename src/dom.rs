//! html5ever into a small arena tree of our own, built by html5ever's tree builder directly.
//!
//! This is the only module that names html5ever's tree types. The arena is the parse tree: it
//! implements html5ever's `TreeSink` (nodes linked to parent and siblings while the parser moves
//! them about), and when the parse ends each node's kept children (elements and text; comments
//! and the like are left out) are written once into one flat index, so the rest of the crate reads
//! [`Dom`]: plain indices, children as slices, no `RefCell`, strings borrowed as `&str`. One tree
//! is built, with no allocation per node beyond its attributes and text.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::driver::ParseOpts;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{
    Attribute, ExpandedName, LocalName, Namespace, QualName, local_name, ns, parse_document,
};

use crate::error::{Error, Result};

/// Index of a node in a [`Dom`].
pub type NodeId = usize;

/// "No node" in the links below; the arena never gets near 4 billion nodes (the input is capped
/// at far fewer bytes).
const NONE: u32 = u32::MAX;

/// A parsed HTML document.
pub struct Dom {
    nodes: Vec<Node>,
    /// Every node's kept children, node after node; a node's are the range its `links` name.
    kids: Vec<NodeId>,
    /// Every element's attributes, element after element; an element's are the range it names.
    attrs: Vec<Attribute>,
}

/// One node. Only elements, text and the document are ever children in the finished tree.
///
/// There is one per tag and text run of the input, so its size is most of the parse's memory on
/// tag-dense input (a paragraph of `<br>`s is one node per four bytes): 48 bytes, the tree
/// builder's links giving way to the flat index once the parse is done.
struct Node {
    kind: Kind,
    /// The document's own parent is itself; `NONE` while the parser holds a node outside the tree.
    parent: u32,
    /// Four numbers whose meaning changes once, when the parse is done: while the tree builder
    /// moves nodes about, the links of [`Link`] (first and last child, previous and next sibling);
    /// from [`Dom::index`] on, the node's children as a range of the flat index and its place
    /// among its parent's ([`START`], [`LEN`], [`POSITION`]). No tag says which: the sink only
    /// ever sees the first, a [`Dom`] only the second, and the index turns one into the other in
    /// one pass.
    links: [u32; 4],
}

// the size the comment above gives, on 64-bit targets
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Node>() == 48);

/// Slots of [`Node::links`] once the tree is indexed: where the node's children start in
/// `Dom::kids`, how many there are, and where the node stands among its parent's children.
const START: usize = 0;
const LEN: usize = 1;
const POSITION: usize = 2;

enum Kind {
    Document,
    Element {
        /// The local name; the namespace is only ever asked whether it is HTML's, and the tree
        /// builder reads both from its handles.
        local: LocalName,
        /// Start and length in the attributes of the whole document: one list for all, not one
        /// allocation per element.
        attrs: (u32, u32),
        /// A `<template>`'s content: a document of its own outside the tree, so never read.
        template: u32,
        /// SVG or MathML.
        foreign: bool,
        integration_point: bool,
    },
    Text(StrTendril),
    /// Comments and processing instructions: the parser needs handles for them, the tree does not.
    Other,
}

/// Slots of [`Node::links`] while the tree builder works.
#[derive(Clone, Copy)]
enum Link {
    First = 0,
    Last = 1,
    Prev = 2,
    Next = 3,
}

impl Node {
    fn new(kind: Kind) -> Node {
        Node {
            kind,
            parent: NONE,
            links: [NONE; 4],
        }
    }

    /// One of the tree builder's links.
    fn link(&self, which: Link) -> u32 {
        self.links[which as usize]
    }

    fn set_link(&mut self, which: Link, id: u32) {
        self.links[which as usize] = id;
    }

    fn kept(&self) -> bool {
        matches!(self.kind, Kind::Element { .. } | Kind::Text(_))
    }
}

impl Dom {
    /// Parses `html` (a fragment or a whole page) the way a browser with scripting off would, so that
    /// `<noscript>` content is markup rather than one opaque text node.
    pub fn parse(html: &str, max_nodes: usize) -> Result<Dom> {
        let opts = ParseOpts {
            tree_builder: TreeBuilderOpts {
                scripting_enabled: false,
                drop_doctype: true,
                ..Default::default()
            },
            ..Default::default()
        };
        // about one node per `<` (an element has two, start and end, and text runs fill the gaps):
        // reserved once, so that the arena is not copied while it doubles, which for a moment
        // holds it three times over
        let lts = crate::repair::count_where(html.as_bytes(), |b| b == b'<');
        let mut nodes = Vec::with_capacity(lts + 16);
        nodes.push(Node {
            parent: 0,
            ..Node::new(Kind::Document)
        });
        let sink = Sink {
            nodes: RefCell::new(nodes),
            attrs: RefCell::new(Vec::new()),
            attrs_expected: lts / 2,
            quirks: Cell::new(QuirksMode::NoQuirks),
            controls: may_hold_controls(html),
        };
        let (nodes, attrs) = parse_document(sink, opts).one(StrTendril::from(html));
        Dom::index(nodes, attrs, max_nodes)
    }

    /// Writes each node's kept children into the flat index, walking down from the document with
    /// an explicit stack (input depth never becomes call depth), and turns each node's links into
    /// its place in the index. A child's place among its siblings goes where its `Prev` link was
    /// (never read here); a node's range goes where its `First` and `Last` links were, once its
    /// first child has been read; its `Next` link is read, with its parent's children, before it
    /// is itself indexed. Nodes the parser left outside the tree are never reached: they are no
    /// one's child, and [`Dom::children`] reads a range it does not hold as no children.
    fn index(mut nodes: Vec<Node>, attrs: Vec<Attribute>, max_nodes: usize) -> Result<Dom> {
        let mut kids: Vec<NodeId> = Vec::with_capacity(nodes.len());
        let mut kept = 1usize;
        // room for the nesting most pages have: grown from one, the stack is moved at every doubling
        let mut stack: Vec<u32> = Vec::with_capacity(64);
        stack.push(0);
        nodes[0].links[POSITION] = 0;
        while let Some(id) = stack.pop() {
            let start = kids.len();
            let mut c = nodes[id as usize].link(Link::First);
            while c != NONE {
                let child = &mut nodes[c as usize];
                let next = child.link(Link::Next);
                if child.kept() {
                    if kept >= max_nodes {
                        return Err(Error::TooManyNodes { limit: max_nodes });
                    }
                    kept += 1;
                    child.links[POSITION] = (kids.len() - start) as u32;
                    kids.push(c as NodeId);
                    if child.link(Link::First) == NONE {
                        child.links[START] = 0;
                        child.links[LEN] = 0;
                    } else {
                        stack.push(c);
                    }
                }
                c = next;
            }
            let n = &mut nodes[id as usize];
            n.links[START] = start as u32;
            n.links[LEN] = (kids.len() - start) as u32;
        }
        Ok(Dom { nodes, kids, attrs })
    }

    /// The element or document that holds `id`.
    pub fn parent(&self, id: NodeId) -> NodeId {
        self.nodes[id].parent as NodeId
    }

    /// The children of `id`, in document order.
    pub fn children(&self, id: NodeId) -> &[NodeId] {
        let l = &self.nodes[id].links;
        let (start, len) = (l[START] as usize, l[LEN] as usize);
        // every node in the tree holds its range; one outside it is never asked, and would get none
        self.kids
            .get(start..start.saturating_add(len))
            .unwrap_or(&[])
    }

    /// Where `id` stands among its parent's children: `children(parent(id))[position(id)] == id`.
    /// 0 for the document.
    pub fn position(&self, id: NodeId) -> usize {
        self.nodes[id].links[POSITION] as usize
    }

    /// The element's local name, lower case; `None` for text and the document.
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Element { local, .. } => Some(local),
            _ => None,
        }
    }

    /// Whether `id` is an SVG or MathML element.
    pub fn is_foreign(&self, id: NodeId) -> bool {
        matches!(&self.nodes[id].kind, Kind::Element { foreign: true, .. })
    }

    /// The text of a text node; `None` for elements.
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The value of attribute `name` (lower case, no namespace).
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        // asked several times of every element the walk enters, most of which have no attributes
        match self.nodes[id].kind {
            Kind::Element {
                attrs: (start, len),
                ..
            } if len > 0 => {
                let attrs = &self.attrs[start as usize..(start + len) as usize];
                match static_name(name) {
                    // the parser names these with the same static atoms: one compare of two
                    // words per attribute, not a string comparison
                    Some(local) => attrs
                        .iter()
                        .find(|a| a.name.local == local && a.name.ns == ns!()),
                    None => attrs
                        .iter()
                        .find(|a| a.name.ns == ns!() && &*a.name.local == name),
                }
                .map(|a| &*a.value)
            }
            _ => None,
        }
    }

    /// Whether the element has an attribute named `data-…` (no namespace): where it has none,
    /// [`Dom::attr`] finds none of the lazyload names, and is not asked them one by one.
    pub(crate) fn has_data_attrs(&self, id: NodeId) -> bool {
        match self.nodes[id].kind {
            Kind::Element {
                attrs: (start, len),
                ..
            } => self.attrs[start as usize..(start + len) as usize]
                .iter()
                .any(|a| a.name.ns == ns!() && a.name.local.starts_with("data-")),
            _ => false,
        }
    }

    /// The attributes the walk asks of every element it enters, read in one pass over its
    /// attributes (five calls of [`Dom::attr`] read them five times); each as `attr` gives it.
    pub(crate) fn walked_attrs(&self, id: NodeId) -> WalkedAttrs<'_> {
        let mut found = WalkedAttrs::default();
        let Kind::Element {
            attrs: (start, len),
            ..
        } = self.nodes[id].kind
        else {
            return found;
        };
        for a in &self.attrs[start as usize..(start + len) as usize] {
            if a.name.ns != ns!() {
                continue;
            }
            let local = &a.name.local;
            // the first of a name, as `attr` finds it
            if *local == local_name!("class") {
                found.class = found.class.or(Some(&a.value));
            } else if *local == local_name!("id") {
                found.id = found.id.or(Some(&a.value));
            } else if *local == local_name!("style") {
                found.style = found.style.or(Some(&a.value));
            } else if *local == local_name!("hidden") {
                found.hidden = true;
            } else if &**local == "data-cfemail" {
                found.cfemail = true;
            }
        }
        found
    }

    /// How many nodes the tree holds: every `NodeId` is below it.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Calls `f` with every text below `id`, in no set order, leaving out what is under an
    /// element whose content is never text ([`crate::clean::mechanics::never_text`]: scripts,
    /// styles, the head …). One look at a node answers both "a text?" and "which tag?", the tag
    /// by its atom rather than its name, and a parent's children are kept as the slice they are.
    pub(crate) fn for_each_text(&self, id: NodeId, mut f: impl FnMut(&str)) {
        // room for the usual depth: grown from one, the stack is moved at each doubling
        let mut stack: Vec<&[NodeId]> = Vec::with_capacity(32);
        stack.push(self.children(id));
        while let Some(kids) = stack.pop() {
            for &c in kids {
                match &self.nodes[c].kind {
                    Kind::Text(t) => f(t),
                    Kind::Element { local, .. } if never_text(local) => {}
                    _ => match self.children(c) {
                        [] => {}
                        below => stack.push(below),
                    },
                }
            }
        }
    }

    /// [`Dom::for_each_text`], stopped at the first text for which `f` answers `false`; whether
    /// every text was read. The texts come in document order (a page's first text is usually
    /// near its start, while the last element's branch, walked first by a stack of whole child
    /// lists, is often a footer's scripts and frames with little text): a count that stops reads
    /// fewer nodes so.
    pub(crate) fn all_texts(&self, id: NodeId, mut f: impl FnMut(&str) -> bool) -> bool {
        // the rest of each level's children above the one being read
        let mut stack: Vec<&[NodeId]> = Vec::with_capacity(32);
        let mut kids = self.children(id);
        loop {
            while let Some((&c, rest)) = kids.split_first() {
                kids = rest;
                match &self.nodes[c].kind {
                    Kind::Text(t) => {
                        if !f(t) {
                            return false;
                        }
                    }
                    Kind::Element { local, .. } if never_text(local) => {}
                    _ => match self.children(c) {
                        [] => {}
                        below => {
                            stack.push(kids);
                            kids = below;
                        }
                    },
                }
            }
            match stack.pop() {
                Some(rest) => kids = rest,
                None => return true,
            }
        }
    }

    /// Elements below `id` (not `id` itself) in document order, iteratively.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        // room for the first children's own below them: made for the children alone, the stack
        // is grown and moved at the first that has any
        let kids = self.children(id);
        let mut stack: Vec<NodeId> = Vec::with_capacity(kids.len() + 16);
        stack.extend(kids.iter().rev());
        Descendants { dom: self, stack }
    }

    /// The elements around `id` (not `id` itself), nearest first, up to the document.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut at = id;
        std::iter::from_fn(move || {
            let up = self.parent(at);
            (up != at).then(|| {
                at = up;
                up
            })
        })
    }

    /// The first `<body>` element, or the document when there is none.
    pub fn body(&self) -> NodeId {
        let html = self
            .children(0)
            .iter()
            .copied()
            .find(|&c| self.tag(c) == Some("html"));
        html.and_then(|h| {
            self.children(h)
                .iter()
                .copied()
                .find(|&c| self.tag(c) == Some("body"))
        })
        .unwrap_or(0)
    }

    /// The text of the document's `<title>` exactly as decoded, whitespace included.
    pub fn title_text(&self) -> Option<String> {
        let id = self
            .descendants(0)
            .find(|&d| self.tag(d) == Some("title"))?;
        Some(self.descendants(id).filter_map(|d| self.text(d)).collect())
    }

    /// The text of the first element named `tag`, whitespace collapsed; `None` when absent or empty.
    pub fn first_text(&self, tag: &str) -> Option<String> {
        let id = self.descendants(0).find(|&d| self.tag(d) == Some(tag))?;
        let text: String = self
            .descendants(id)
            .filter_map(|d| self.text(d))
            .collect::<Vec<_>>()
            .join(" ");
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        (!collapsed.is_empty()).then_some(collapsed)
    }
}

/// The static atom of an attribute name the walk asks of most elements. html5ever interns every
/// name it reads, a name of its static list as that static atom, so an attribute of this name
/// holds this very atom, and two atoms are equal exactly when their strings are.
fn static_name(name: &str) -> Option<LocalName> {
    Some(match name {
        "class" => local_name!("class"),
        "id" => local_name!("id"),
        "style" => local_name!("style"),
        "hidden" => local_name!("hidden"),
        "href" => local_name!("href"),
        "src" => local_name!("src"),
        "alt" => local_name!("alt"),
        "title" => local_name!("title"),
        "rel" => local_name!("rel"),
        "type" => local_name!("type"),
        "width" => local_name!("width"),
        "height" => local_name!("height"),
        _ => return None,
    })
}

/// What [`Dom::walked_attrs`] reads of an element.
#[derive(Clone, Copy, Default)]
pub(crate) struct WalkedAttrs<'a> {
    pub(crate) class: Option<&'a str>,
    pub(crate) id: Option<&'a str>,
    pub(crate) style: Option<&'a str>,
    /// It has a `hidden` attribute.
    pub(crate) hidden: bool,
    /// It has a `data-cfemail` attribute (an address Cloudflare hid).
    pub(crate) cfemail: bool,
}

/// Iterator over the nodes below one node, in document order.
pub struct Descendants<'a> {
    dom: &'a Dom,
    stack: Vec<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.stack.pop()?;
        self.stack
            .extend(self.dom.children(id).iter().rev().copied());
        Some(id)
    }
}

/// The arena while html5ever builds it. The tree builder calls the sink through `&self`, so the
/// nodes sit in a `RefCell`, each call borrowing it only for its own work.
/// How many attributes `<html>` and `<body>` gather from their repeats. The pre-scan bounds each
/// tag (`Limits::max_attributes`), but every repeated `<body a1 … a200>` adds its own to the one
/// element, and each addition is checked against and copied with all before it: without a bound,
/// 1,500 such tags (3 MB) took 10 s.
const MERGED_ATTRIBUTES_MAX: usize = 256;

struct Sink {
    nodes: RefCell<Vec<Node>>,
    attrs: RefCell<Vec<Attribute>>,
    quirks: Cell<QuirksMode>,
    /// The attributes reserved for at the first element that has any: about one for every two
    /// `<` (half the tags are end tags), so that the list is not copied while it doubles. A page
    /// of bare tags reserves none.
    attrs_expected: usize,
    /// Whether the input may put a C0 control into a text (see [`may_hold_controls`]): most
    /// inputs cannot, and their texts are not looked at again.
    controls: bool,
}

/// Whether `html` may yield a C0 control character (other than white space) or a soft hyphen in a
/// text: one written raw, or a character reference to one (`&#3;`, `&#x14;`, `&shy;`). One pass over the input, so
/// that the texts of the rest need no look of their own.
fn may_hold_controls(html: &str) -> bool {
    use crate::model::inlines::is_dropped_control as dropped;
    let bytes = html.as_bytes();
    // a fold, not `any`: no exit per byte, so the compiler can take the bytes a vector at a time
    if bytes
        .iter()
        .fold(false, |found, &b| found | is_raw_control(b))
        || memchr::memmem::find(bytes, "\u{ad}".as_bytes()).is_some()
    {
        return true;
    }
    let mut at = 0;
    // `&` by the memchr crate's vector search; a substring search would be set up again for
    // every reference, and feeds write whole articles in numeric references
    while let Some(i) = memchr::memchr(b'&', &bytes[at..]) {
        at += i + 1;
        if bytes.get(at) != Some(&b'#') {
            if bytes[at..].starts_with(b"shy") {
                return true;
            }
            continue;
        }
        let rest = &bytes[at + 1..];
        let (digits, radix) = match rest.first() {
            Some(b'x' | b'X') => (&rest[1..], 16),
            _ => (rest, 10),
        };
        let len = digits
            .iter()
            .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
            .count();
        // a reference to 1-31 has at most a few digits once leading zeros are gone
        let value = digits[..len]
            .iter()
            .skip_while(|&&b| b == b'0')
            .take(3)
            .fold(0u32, |v, &b| {
                v * radix + char::from(b).to_digit(radix).unwrap_or(0)
            });
        let significant = digits[..len].iter().skip_while(|&&b| b == b'0').count();
        if significant <= 2 && value > 0 && value < 0x20 && dropped(value as u8) {
            return true;
        }
        if significant <= 3 && value == 0xAD {
            return true;
        }
    }
    false
}

/// [`crate::model::inlines::is_dropped_control`] as three ranges (below 9, 11, 14 to 31), which a
/// vector of bytes tests in fewer steps than "below 32 but for four".
fn is_raw_control(b: u8) -> bool {
    b < 9 || b == 11 || (14..0x20).contains(&b)
}

/// A node as the tree builder holds it: the index, and for an element its name, which the tree
/// builder asks for at every scope check (for each open element, for many tags) and so is read
/// from the handle itself, with no borrow of the arena. The usual HTML names are static atoms, so
/// copying a handle costs no reference count.
#[derive(Clone)]
struct Handle {
    id: u32,
    /// One of the namespaces the tree builder gives elements, by reference: a handle is cloned
    /// and dropped many times over, and a reference needs neither.
    ns: &'static Namespace,
    local: LocalName,
}

/// The namespaces [`Handle`]s refer to: HTML's, SVG's and MathML's are all the tree builder gives
/// an element; none for the document and comments.
static NO_NAMESPACE: Namespace = ns!();
static HTML: Namespace = ns!(html);
static SVG: Namespace = ns!(svg);
static MATHML: Namespace = ns!(mathml);

/// The static copy of `ns`; `None` for a namespace the tree builder never gives an element.
fn static_namespace(ns: &Namespace) -> Option<&'static Namespace> {
    [&HTML, &SVG, &MATHML, &NO_NAMESPACE]
        .into_iter()
        .find(|known| **known == *ns)
}

impl Handle {
    /// A handle for a node that is no element (the document, a comment).
    fn plain(id: u32) -> Handle {
        Handle {
            id,
            ns: &NO_NAMESPACE,
            local: local_name!(""),
        }
    }
}

impl Sink {
    /// Moves an element's attributes to the end of the document's list; where they stand there.
    fn keep_attrs(&self, attrs: Vec<Attribute>) -> (u32, u32) {
        if attrs.is_empty() {
            return (0, 0);
        }
        let mut all = self.attrs.borrow_mut();
        if all.capacity() == 0 {
            all.reserve(self.attrs_expected);
        }
        let start = all.len() as u32;
        all.extend(attrs);
        (start, all.len() as u32 - start)
    }

    fn push(&self, kind: Kind) -> u32 {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(kind));
        (nodes.len() - 1) as u32
    }
}

/// Takes `id` out of its parent's children.
fn unlink(nodes: &mut [Node], id: u32) {
    let (parent, prev, next) = {
        let n = &nodes[id as usize];
        (n.parent, n.link(Link::Prev), n.link(Link::Next))
    };
    if parent == NONE {
        return;
    }
    if prev == NONE {
        nodes[parent as usize].set_link(Link::First, next);
    } else {
        nodes[prev as usize].set_link(Link::Next, next);
    }
    if next == NONE {
        nodes[parent as usize].set_link(Link::Last, prev);
    } else {
        nodes[next as usize].set_link(Link::Prev, prev);
    }
    let n = &mut nodes[id as usize];
    n.parent = NONE;
    n.set_link(Link::Prev, NONE);
    n.set_link(Link::Next, NONE);
}

/// Puts the parentless `id` among `parent`'s children, before `before` or (`NONE`) last.
#[inline]
fn link(nodes: &mut [Node], parent: u32, id: u32, before: u32) {
    let prev = if before == NONE {
        nodes[parent as usize].link(Link::Last)
    } else {
        nodes[before as usize].link(Link::Prev)
    };
    {
        let n = &mut nodes[id as usize];
        n.parent = parent;
        n.set_link(Link::Prev, prev);
        n.set_link(Link::Next, before);
    }
    if prev == NONE {
        nodes[parent as usize].set_link(Link::First, id);
    } else {
        nodes[prev as usize].set_link(Link::Next, id);
    }
    if before == NONE {
        nodes[parent as usize].set_link(Link::Last, id);
    } else {
        nodes[before as usize].set_link(Link::Prev, id);
    }
}

impl Sink {
    /// `text` without its C0 control characters (see [`crate::model::inlines::without_c0`]):
    /// dropped as the tree is built, every reader of the tree and every output sees the same text.
    /// Asked only where the input may hold one (`controls`).
    fn visible(&self, text: StrTendril) -> StrTendril {
        match crate::model::inlines::without_c0(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(kept) => StrTendril::from(kept),
        }
    }
}

/// Appends `text` to the text node `id`; false when `id` is no text node.
#[inline]
fn extend_text(nodes: &mut [Node], id: u32, text: &StrTendril) -> bool {
    match nodes.get_mut(id as usize).map(|n| &mut n.kind) {
        Some(Kind::Text(t)) => {
            t.push_tendril(text);
            true
        }
        _ => false,
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = (Vec<Node>, Vec<Attribute>);
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> (Vec<Node>, Vec<Attribute>) {
        (self.nodes.into_inner(), self.attrs.into_inner())
    }

    // parse errors change nothing in the tree, and nobody reads them
    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Handle::plain(0)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        ExpandedName {
            ns: target.ns,
            local: &target.local,
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let template = if flags.template {
            self.push(Kind::Document)
        } else {
            NONE
        };
        let id = self.push(Kind::Element {
            local: name.local.clone(),
            attrs: self.keep_attrs(attrs),
            template,
            foreign: name.ns != ns!(html),
            integration_point: flags.mathml_annotation_xml_integration_point,
        });
        Handle {
            id,
            // any other namespace would be a new tree builder's: its elements are foreign, and
            // read as having none
            ns: static_namespace(&name.ns).unwrap_or(&NO_NAMESPACE),
            local: name.local,
        }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        Handle::plain(self.push(Kind::Other))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        Handle::plain(self.push(Kind::Other))
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let id = match child {
            NodeOrText::AppendNode(h) => h.id,
            NodeOrText::AppendText(text) => {
                // most inputs hold no control: their texts are not handed on to be looked at
                let text = if self.controls {
                    self.visible(text)
                } else {
                    text
                };
                if text.is_empty() {
                    return;
                }
                // one borrow of the arena for the look, the new node and its link (a new node is
                // in no one's children, so there is nothing to unlink)
                let nodes = &mut *self.nodes.borrow_mut();
                let last = nodes[parent.id as usize].link(Link::Last);
                if extend_text(nodes, last, &text) {
                    return;
                }
                nodes.push(Node::new(Kind::Text(text)));
                let id = (nodes.len() - 1) as u32;
                link(nodes, parent.id, id, NONE);
                return;
            }
        };
        let nodes = &mut *self.nodes.borrow_mut();
        unlink(nodes, id);
        link(nodes, parent.id, id, NONE);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = self.nodes.borrow()[element.id as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        match &self.nodes.borrow()[target.id as usize].kind {
            Kind::Element { template, .. } if *template != NONE => Handle::plain(*template),
            // asked only of templates; the element itself keeps the parse going elsewhere
            _ => target.clone(),
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks.set(mode);
    }

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        let (parent, prev) = {
            let nodes = self.nodes.borrow();
            let s = &nodes[sibling.id as usize];
            (s.parent, s.link(Link::Prev))
        };
        if parent == NONE {
            // the tree builder only inserts before a node in the tree
            return;
        }
        let id = match child {
            NodeOrText::AppendNode(h) => h.id,
            NodeOrText::AppendText(text) => {
                // most inputs hold no control: their texts are not handed on to be looked at
                let text = if self.controls {
                    self.visible(text)
                } else {
                    text
                };
                if text.is_empty() {
                    return;
                }
                if extend_text(&mut self.nodes.borrow_mut(), prev, &text) {
                    return;
                }
                self.push(Kind::Text(text))
            }
        };
        let nodes = &mut *self.nodes.borrow_mut();
        unlink(nodes, id);
        link(nodes, parent, id, sibling.id);
    }

    fn add_attrs_if_missing(&self, target: &Handle, extra: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Kind::Element { attrs, .. } = &mut nodes[target.id as usize].kind {
            // only for `<html>` and `<body>` seen again: rare enough to copy the element's list to
            // the end, where it can grow (the old copy stays, unread)
            let mut all = self.attrs.borrow_mut();
            let (start, len) = (attrs.0 as usize, attrs.1 as usize);
            if len >= MERGED_ATTRIBUTES_MAX {
                return;
            }
            let mut own: Vec<Attribute> = all[start..start + len].to_vec();
            for a in extra {
                if own.len() >= MERGED_ATTRIBUTES_MAX {
                    break;
                }
                if !own.iter().any(|e| e.name == a.name) {
                    own.push(a);
                }
            }
            *attrs = (all.len() as u32, own.len() as u32);
            all.extend(own);
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        unlink(&mut self.nodes.borrow_mut(), target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let nodes = &mut *self.nodes.borrow_mut();
        let mut c = nodes[node.id as usize].link(Link::First);
        while c != NONE {
            let next = nodes[c as usize].link(Link::Next);
            unlink(nodes, c);
            link(nodes, new_parent.id, c, NONE);
            c = next;
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, target: &Handle) -> bool {
        matches!(
            self.nodes.borrow()[target.id as usize].kind,
            Kind::Element {
                integration_point: true,
                ..
            }
        )
    }
}

/// [`crate::clean::mechanics::never_text`] by the local name's atom.
fn never_text(local: &LocalName) -> bool {
    *local == local_name!("script")
        || *local == local_name!("style")
        || *local == local_name!("noscript")
        || *local == local_name!("template")
        || *local == local_name!("link")
        || *local == local_name!("meta")
        || *local == local_name!("title")
        || *local == local_name!("head")
}

#[cfg(test)]
mod tests {
    #[test]
    fn texts_below_are_those_a_walk_of_the_tree_finds() {
        let html = "<head><title>T</title><style>s{}</style><link rel=x><meta name=y></head>\
                    <body><div> a <b>b<i>c</i></b><script>x()</script><noscript>n</noscript>\
                    <template><p>t</p></template><p>d<!-- e --></p><svg><title>f</title>\
                    <text>g</text></svg><table><tr><td>h</td></tr></table></div>i</body>";
        let dom = super::Dom::parse(html, 10_000).expect("parses");
        for id in (0..dom.node_count()).filter(|&id| dom.text(id).is_none()) {
            let mut walked = Vec::new();
            let mut stack = dom.children(id).to_vec();
            while let Some(c) = stack.pop() {
                if let Some(t) = dom.text(c) {
                    walked.push(t.to_string());
                } else if !dom.tag(c).is_some_and(crate::clean::mechanics::never_text) {
                    stack.extend_from_slice(dom.children(c));
                }
            }
            let mut found = Vec::new();
            dom.for_each_text(id, |t| found.push(t.to_string()));
            walked.sort();
            found.sort();
            assert_eq!(walked, found, "{id}");
        }
        for name in [
            "script", "style", "noscript", "template", "link", "meta", "title", "head", "body",
            "p", "div", "a", "svg", "text", "scripts", "",
        ] {
            assert_eq!(
                super::never_text(&super::LocalName::from(name)),
                crate::clean::mechanics::never_text(name),
                "{name}"
            );
        }
    }

    #[test]
    fn walked_attributes_are_those_attr_gives() {
        let html = "<div class='a b' ID=x hidden style='display:none' data-CFEMAIL=1>t</div>\
                    <p id=y class=c>t</p><span>t</span><b title=z>t</b>\
                    <svg><a xlink:href=u class=k>t</a></svg><i hidden=''>t</i>";
        let dom = super::Dom::parse(html, 10_000).expect("parses");
        let mut seen = 0;
        for id in dom.descendants(dom.body()) {
            if dom.tag(id).is_none() {
                continue;
            }
            seen += 1;
            let w = dom.walked_attrs(id);
            assert_eq!(w.class, dom.attr(id, "class"));
            assert_eq!(w.id, dom.attr(id, "id"));
            assert_eq!(w.style, dom.attr(id, "style"));
            assert_eq!(w.hidden, dom.attr(id, "hidden").is_some());
            assert_eq!(w.cfemail, dom.attr(id, "data-cfemail").is_some());
        }
        assert!(seen >= 6);
    }

    #[test]
    fn raw_controls_are_the_dropped_ones() {
        for b in 0..=u8::MAX {
            assert_eq!(
                super::is_raw_control(b),
                crate::model::inlines::is_dropped_control(b),
                "{b}"
            );
        }
    }

    #[test]
    fn controls_are_looked_for_raw_and_as_references() {
        assert!(!super::may_hold_controls(
            "<p>a\tb\nc &#8217; &#x20; &#13; &#0;</p>"
        ));
        assert!(super::may_hold_controls("<p>a\u{3}b</p>"));
        assert!(super::may_hold_controls("<p>a&#3;b</p>"));
        assert!(super::may_hold_controls("<p>a&#x14;b</p>"));
        assert!(super::may_hold_controls("<p>Wäh\u{ad}rend</p>"));
        assert!(super::may_hold_controls("<p>Wäh&shy;rend</p>"));
        assert!(super::may_hold_controls("<p>Wäh&#173;rend</p>"));
        assert!(super::may_hold_controls("<p>Wäh&#xAD;rend</p>"));
        assert!(super::may_hold_controls("<p>a&#00020;b</p>"));
        assert!(!super::may_hold_controls(
            "<p>a&#x0000009;b &#1234; &#x1F600;</p>"
        ));
        let dom = Dom::parse("<p>a&#3;b&#x14;c</p>", 1000).unwrap();
        let text: String = dom
            .descendants(dom.body())
            .filter_map(|n| dom.text(n))
            .collect();
        assert_eq!(text, "abc");
    }

    use super::*;

    /// The static atoms `attr` compares are the atoms the parser gives those names, whatever
    /// their case in the input; other names are still found by their strings.
    #[test]
    fn attributes_by_static_atom_are_found_as_by_string() {
        let names = [
            "class", "id", "style", "hidden", "href", "src", "alt", "title", "rel", "type",
            "width", "height",
        ];
        for name in names {
            assert_eq!(static_name(name), Some(LocalName::from(name)), "{name}");
            let html = format!(
                "<p data-x=1 {}=\"v\" other=2>t</p>",
                name.to_ascii_uppercase()
            );
            let dom = Dom::parse(&html, 1000).expect("parses");
            let p = dom
                .descendants(0)
                .find(|&d| dom.tag(d) == Some("p"))
                .unwrap();
            assert_eq!(dom.attr(p, name), Some("v"), "{name}");
            assert_eq!(dom.attr(p, "data-x"), Some("1"), "{name}");
            assert_eq!(dom.attr(p, "other"), Some("2"), "{name}");
            assert_eq!(dom.attr(p, "lang"), None, "{name}");
        }
        assert_eq!(static_name("data-src"), None);
    }

    /// Every node reached from the document stands where `position` says, under the parent that
    /// `parent` names, after the tree builder has moved nodes about (foster parenting, the
    /// adoption agency, a template, comments left out of the index).
    #[test]
    fn positions_and_parents_agree_with_the_index() {
        let html = "<!-- c --><p>a<b>b<i>c</p>d</i>e</b><table>x<tr><td>1<!-- c -->2</td></tr>y\
                    </table><template><p>t</p></template><ul><li>1<li>2</ul><svg><g/></svg>";
        let dom = Dom::parse(html, 1 << 20).expect("a small document parses");
        let mut stack = vec![0];
        let mut seen = 0;
        while let Some(id) = stack.pop() {
            for (k, &c) in dom.children(id).iter().enumerate() {
                assert_eq!(dom.parent(c), id);
                assert_eq!(dom.position(c), k);
                stack.push(c);
                seen += 1;
            }
        }
        assert!(seen > 20, "only {seen} nodes reached");
        assert_eq!(dom.position(0), 0);
        // all the text is in the tree but the template's, which is a document of its own
        let text: String = dom.descendants(0).filter_map(|d| dom.text(d)).collect();
        for piece in ["a", "b", "c", "d", "e", "x", "y", "12"] {
            assert!(text.contains(piece), "{piece} missing from {text:?}");
        }
        assert!(!text.contains('t'), "{text:?}");
    }
}
