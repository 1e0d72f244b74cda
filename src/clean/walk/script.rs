//! Inline elements whose meaning lies in their rendering, written so that the text says it:
//! superscripts and subscripts, and inline quotations.

use super::*;

/// A run raised or lowered by `<sup>` or `<sub>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Script {
    Super,
    Sub,
}

impl Script {
    /// The Unicode superscript or subscript form of `c`, when it has one in the blocks made for
    /// them (Latin-1's ¹²³ and U+2070-209F): digits, `+ - = ( )`, and the few letters there.
    pub(super) fn char(self, c: char) -> Option<char> {
        match self {
            Script::Super => Some(match c {
                '0' => '⁰',
                '1' => '¹',
                '2' => '²',
                '3' => '³',
                '4' => '⁴',
                '5' => '⁵',
                '6' => '⁶',
                '7' => '⁷',
                '8' => '⁸',
                '9' => '⁹',
                '+' => '⁺',
                '-' | '\u{2212}' => '⁻',
                '=' => '⁼',
                '(' => '⁽',
                ')' => '⁾',
                'n' => 'ⁿ',
                'i' => 'ⁱ',
                _ => return None,
            }),
            Script::Sub => Some(match c {
                '0' => '₀',
                '1' => '₁',
                '2' => '₂',
                '3' => '₃',
                '4' => '₄',
                '5' => '₅',
                '6' => '₆',
                '7' => '₇',
                '8' => '₈',
                '9' => '₉',
                '+' => '₊',
                '-' | '\u{2212}' => '₋',
                '=' => '₌',
                '(' => '₍',
                ')' => '₎',
                'a' => 'ₐ',
                'e' => 'ₑ',
                'o' => 'ₒ',
                'x' => 'ₓ',
                'h' => 'ₕ',
                'k' => 'ₖ',
                'l' => 'ₗ',
                'm' => 'ₘ',
                'n' => 'ₙ',
                'p' => 'ₚ',
                's' => 'ₛ',
                't' => 'ₜ',
                _ => return None,
            }),
        }
    }

    /// What opens the run in the notation used when not every character has a form: `^(` for a
    /// superscript, `_(` for a subscript, as TeX and plain-text mathematics write them.
    fn opener(self) -> &'static str {
        match self {
            Script::Super => "^",
            Script::Sub => "_",
        }
    }

    /// `text` in this script's characters (each has one: see [`Walker::script`]).
    pub(super) fn map(self, text: &str) -> String {
        text.chars().map(|c| self.char(c).unwrap_or(c)).collect()
    }
}

impl Walker<'_> {
    /// `<sup>` and `<sub>`: `2<sup>32</sup>` is not 232. A run whose every character has a
    /// Unicode form is written in those (`2³²`, `H₂O`); any other is written `^(…)` or `_(…)`
    /// (`^[1]` when it is bracketed already). Either way every output says the same.
    pub(super) fn script(&mut self, tag: &str, id: NodeId, work: &mut Vec<Work>) {
        let script = if tag == "sup" {
            Script::Super
        } else {
            Script::Sub
        };
        // inside a run already written in script characters: as it stands
        if self.script.is_some() {
            self.push_children(id, work);
            return;
        }
        // a run longer than this is no exponent or index: read no further (nested `<sup>`s would
        // each read all the text below them)
        const MAX_RUN: usize = 64;
        let mut text = String::new();
        for t in self.dom.descendants(id).filter_map(|d| self.dom.text(d)) {
            text.push_str(t);
            if text.len() > MAX_RUN {
                break;
            }
        }
        let text = text.trim();
        if text.is_empty() {
            self.push_children(id, work);
            return;
        }
        if text.len() <= MAX_RUN && text.chars().all(|c| script.char(c).is_some()) {
            work.push(Work::EndScript(self.script));
            self.script = Some(script);
            self.push_children(id, work);
            return;
        }
        let bracketed = matches!(
            (text.chars().next(), text.chars().last()),
            (Some('['), Some(']')) | (Some('('), Some(')'))
        );
        // written as text, so that the whitespace rules treat it as the word it joins
        self.push_text(script.opener());
        if bracketed {
            self.push_children(id, work);
        } else {
            self.push_text("(");
            work.push(Work::Literal(")"));
            self.push_children(id, work);
        }
    }

    /// `<q>`: the quotation marks a browser draws around it, double outside and single inside
    /// another quotation.
    pub(super) fn inline_quote(&mut self, id: NodeId, work: &mut Vec<Work>) {
        let dom = self.dom;
        let mut nested = false;
        let mut cur = id;
        loop {
            let parent = dom.parent(cur);
            if parent == cur {
                break;
            }
            if dom.tag(parent) == Some("q") {
                nested = true;
                break;
            }
            cur = parent;
        }
        let (open, close) = if nested {
            ("\u{2018}", "\u{2019}")
        } else {
            ("\u{201C}", "\u{201D}")
        };
        self.push_text(open);
        work.push(Work::Literal(close));
        self.push_children(id, work);
    }
}

#[cfg(test)]
mod tests {
    use super::Script;

    #[test]
    fn every_form_is_one_character_of_its_block() {
        for script in [Script::Super, Script::Sub] {
            for c in ('0'..='9').chain("+-=()".chars()) {
                assert!(script.char(c).is_some(), "{c}");
            }
        }
        assert_eq!(Script::Super.map("32"), "³²");
        assert_eq!(Script::Sub.map("2"), "₂");
        assert_eq!(Script::Super.char('q'), None);
    }
}
