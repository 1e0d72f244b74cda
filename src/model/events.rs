//! The one walk of the model: blocks as a flat stream of events, the way pulldown-cmark hands its
//! writers `Start`, `End` and leaf events.
//!
//! Every writer and every pass that looks at all blocks reads this stream, so nesting depth (24 lists
//! or quotes from the cleaner, any depth in a model built by hand) lives on one explicit stack here
//! and never becomes call depth in a writer.

use crate::model::{Block, Numbering};

/// A block that holds other blocks, as the walk enters and leaves it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Container<'a> {
    /// A quotation.
    Quote,
    /// A list and all its items (writers that lay out a list as a whole look at them on entry).
    List {
        start: Option<i64>,
        numbering: Numbering,
        items: &'a [Vec<Block>],
    },
    /// One item of the innermost open list: `index` counts from 0, `number` is the item's number in
    /// a numbered list.
    Item {
        index: usize,
        number: Option<i64>,
        numbering: Numbering,
        blocks: &'a [Block],
    },
}

/// One step of the walk.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Event<'a> {
    /// A container opens; its contents follow, then its [`Event::End`].
    Start(Container<'a>),
    /// The container opened by the matching [`Event::Start`] closes.
    End(Container<'a>),
    /// A block that holds no blocks: never a list or a quote.
    Leaf(&'a Block),
}

/// The events of `blocks`, in document order.
pub(crate) fn events(blocks: &[Block]) -> Events<'_> {
    Events {
        stack: vec![Open::Blocks {
            rest: blocks.iter(),
            owner: None,
        }],
    }
}

/// The leaf blocks of `blocks`, in document order, however deep they sit.
pub(crate) fn leaves(blocks: &[Block]) -> impl Iterator<Item = &Block> {
    events(blocks).filter_map(|e| match e {
        Event::Leaf(b) => Some(b),
        Event::Start(_) | Event::End(_) => None,
    })
}

/// The iterator behind [`events`].
pub(crate) struct Events<'a> {
    stack: Vec<Open<'a>>,
}

/// What the walk is inside of.
enum Open<'a> {
    /// A run of sibling blocks: the top level, a quote's or an item's. `owner` is ended when the run
    /// is.
    Blocks {
        rest: std::slice::Iter<'a, Block>,
        owner: Option<Container<'a>>,
    },
    /// A list, `next` being the index of its next item.
    Items {
        start: Option<i64>,
        numbering: Numbering,
        items: &'a [Vec<Block>],
        next: usize,
    },
}

impl<'a> Iterator for Events<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            match self.stack.last_mut()? {
                Open::Blocks { rest, owner } => match rest.next() {
                    Some(Block::Quote { blocks }) => {
                        self.stack.push(Open::Blocks {
                            rest: blocks.iter(),
                            owner: Some(Container::Quote),
                        });
                        return Some(Event::Start(Container::Quote));
                    }
                    Some(Block::List {
                        start,
                        numbering,
                        items,
                    }) => {
                        self.stack.push(Open::Items {
                            start: *start,
                            numbering: *numbering,
                            items,
                            next: 0,
                        });
                        return Some(Event::Start(Container::List {
                            start: *start,
                            numbering: *numbering,
                            items,
                        }));
                    }
                    Some(leaf) => return Some(Event::Leaf(leaf)),
                    None => {
                        let owner = *owner;
                        self.stack.pop();
                        // the top level has no owner: nothing to end, the walk is over
                        if let Some(owner) = owner {
                            return Some(Event::End(owner));
                        }
                    }
                },
                Open::Items {
                    start,
                    numbering,
                    items,
                    next,
                } => {
                    let (start, numbering, items) = (*start, *numbering, *items);
                    let Some(blocks) = items.get(*next) else {
                        self.stack.pop();
                        return Some(Event::End(Container::List {
                            start,
                            numbering,
                            items,
                        }));
                    };
                    let index = *next;
                    *next += 1;
                    // a number past i64 stays the largest rather than wrapping
                    let number =
                        start.map(|s| s.saturating_add(i64::try_from(index).unwrap_or(i64::MAX)));
                    let item = Container::Item {
                        index,
                        number,
                        numbering,
                        blocks,
                    };
                    self.stack.push(Open::Blocks {
                        rest: blocks.iter(),
                        owner: Some(item),
                    });
                    return Some(Event::Start(item));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inline;

    fn para(t: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::text(t)],
        }
    }

    /// The stream as a line of tokens: `[` `]` a quote, `(` `)` a list, `<n` `>` an item, leaves by
    /// their text.
    fn trace(blocks: &[Block]) -> String {
        let mut out = Vec::new();
        for e in events(blocks) {
            out.push(match e {
                Event::Start(Container::Quote) => "[".to_string(),
                Event::End(Container::Quote) => "]".to_string(),
                Event::Start(Container::List { .. }) => "(".to_string(),
                Event::End(Container::List { .. }) => ")".to_string(),
                Event::Start(Container::Item { index, number, .. }) => {
                    format!("<{index}:{}", number.map_or("-".into(), |n| n.to_string()))
                }
                Event::End(Container::Item { .. }) => ">".to_string(),
                Event::Leaf(Block::Paragraph { content }) => match content.as_slice() {
                    [Inline::Text { text }] => text.clone(),
                    _ => "?".to_string(),
                },
                Event::Leaf(_) => "leaf".to_string(),
            });
        }
        out.join(" ")
    }

    #[test]
    fn containers_open_and_close_around_their_contents() {
        let doc = vec![
            para("a"),
            Block::Quote {
                blocks: vec![para("q"), Block::Rule],
            },
            Block::List {
                start: Some(7),
                numbering: Numbering::Decimal,
                items: vec![
                    vec![para("x")],
                    vec![],
                    vec![Block::List {
                        start: None,
                        numbering: Numbering::Decimal,
                        items: vec![vec![para("y")]],
                    }],
                ],
            },
            Block::Quote { blocks: vec![] },
        ];
        assert_eq!(
            trace(&doc),
            "a [ q leaf ] ( <0:7 x > <1:8 > <2:9 ( <0:- y > ) > ) [ ]"
        );
        let leaves: Vec<&Block> = leaves(&doc).collect();
        assert_eq!(leaves.len(), 5);
    }

    #[test]
    fn item_numbers_stop_at_the_largest() {
        let doc = vec![Block::List {
            start: Some(i64::MAX),
            numbering: Numbering::Decimal,
            items: vec![vec![], vec![]],
        }];
        assert!(trace(&doc).ends_with(&format!("<1:{} > )", i64::MAX)));
    }
}
