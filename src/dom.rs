//! html5ever into markup5ever_rcdom, then into a small arena tree of our own.
//!
//! This is the only module that names rcdom's types. rcdom is a test-grade crate, so the rest of the
//! crate reads [`Dom`]: plain indices, no `RefCell`, and strings borrowed as `&str`. The tendrils and
//! attributes are moved out of rcdom rather than copied, so the conversion costs one pass and no text
//! copies.

use html5ever::driver::ParseOpts;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{Attribute, LocalName, ns, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::error::{Error, Result};

/// Index of a node in a [`Dom`].
pub type NodeId = usize;

/// A parsed HTML document.
pub struct Dom {
    nodes: Vec<Node>,
}

/// One node: an element or a run of text. Comments, doctypes and processing instructions are not kept.
pub struct Node {
    kind: Kind,
    /// The document's own parent is itself.
    parent: NodeId,
    children: Vec<NodeId>,
}

enum Kind {
    Document,
    Element {
        name: LocalName,
        /// Not HTML: SVG or MathML content, which never carries article text we can render.
        foreign: bool,
        attrs: Vec<Attribute>,
    },
    Text(StrTendril),
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
        let rcdom = parse_document(RcDom::default(), opts).one(StrTendril::from(html));
        Dom::from_rcdom(rcdom.document, max_nodes)
    }

    /// Moves the rcdom tree into the arena with an explicit stack, so input depth never becomes stack
    /// depth.
    fn from_rcdom(document: Handle, max_nodes: usize) -> Result<Dom> {
        let mut nodes = vec![Node {
            kind: Kind::Document,
            parent: 0,
            children: Vec::new(),
        }];
        let mut stack: Vec<(Handle, NodeId)> = Vec::new();
        let top = std::mem::take(&mut *document.children.borrow_mut());
        stack.extend(top.into_iter().rev().map(|h| (h, 0)));
        while let Some((handle, parent)) = stack.pop() {
            let kind = match &handle.data {
                NodeData::Element { name, attrs, .. } => Kind::Element {
                    foreign: name.ns != ns!(html),
                    name: name.local.clone(),
                    attrs: std::mem::take(&mut *attrs.borrow_mut()),
                },
                NodeData::Text { contents } => {
                    Kind::Text(std::mem::take(&mut *contents.borrow_mut()))
                }
                _ => continue,
            };
            if nodes.len() >= max_nodes {
                return Err(Error::TooManyNodes { limit: max_nodes });
            }
            let id = nodes.len();
            nodes.push(Node {
                kind,
                parent,
                children: Vec::new(),
            });
            nodes[parent].children.push(id);
            let children = std::mem::take(&mut *handle.children.borrow_mut());
            stack.extend(children.into_iter().rev().map(|h| (h, id)));
        }
        Ok(Dom { nodes })
    }

    /// The element or document that holds `id`.
    pub fn parent(&self, id: NodeId) -> NodeId {
        self.nodes[id].parent
    }

    /// The children of `id`, in document order.
    pub fn children(&self, id: NodeId) -> &[NodeId] {
        &self.nodes[id].children
    }

    /// The element's local name, lower case; `None` for text and the document.
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Whether `id` is an SVG or MathML element.
    pub fn is_foreign(&self, id: NodeId) -> bool {
        matches!(self.nodes[id].kind, Kind::Element { foreign: true, .. })
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
        self.attrs(id).find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// All attributes of an element as `(name, value)` pairs.
    pub fn attrs(&self, id: NodeId) -> impl Iterator<Item = (&str, &str)> {
        let attrs: &[Attribute] = match &self.nodes[id].kind {
            Kind::Element { attrs, .. } => attrs,
            _ => &[],
        };
        attrs
            .iter()
            .filter(|a| a.name.ns == ns!())
            .map(|a| (&*a.name.local, &*a.value))
    }

    /// Elements below `id` (not `id` itself) in document order, iteratively.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        let mut stack: Vec<NodeId> = self.children(id).to_vec();
        stack.reverse();
        Descendants { dom: self, stack }
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
