//! Structure-aware: an HTML tree built from the elements and attributes the cleaner cares about,
//! with hostile values (obfuscated `javascript:`, entities, controls, huge numbers, CJK, Markdown
//! syntax), optionally under hostile front matter, held to every invariant, idempotence included.
//!
//! Byte-level targets spend most inputs on markup the cleaner drops on the first `<`; here every
//! input is a well-formed tree, so the fuzzer's effort goes into the rules, the model and the
//! renderers instead of the tokenizer.
#![no_main]

use std::fmt::Write as _;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

/// A post: front matter or not, then the body as a flat token list (a flat list keeps both the
/// `Arbitrary` derive and the rendering free of recursion; `Close` tokens give it its shape).
#[derive(Arbitrary, Debug)]
struct Doc {
    front_matter: Option<FrontMatter>,
    body: Vec<Token>,
}

#[derive(Arbitrary, Debug)]
struct FrontMatter {
    title: Text,
    tags: Vec<Text>,
    /// Scalars quoted the way Rust's `{:?}` quotes (YAML's double quotes, but for `\u{..}`
    /// escapes) or plain; hostile text easily makes either invalid YAML, so the lenient salvage
    /// runs as well as the YAML reader.
    quoted: bool,
}

#[derive(Arbitrary, Debug)]
enum Token {
    /// Opens an element (void elements are written and closed at once).
    Open(Tag, Vec<Attr>),
    /// Closes the innermost open element.
    Close,
    /// An end tag with no matching start tag: mis-nesting, for the tree builder to repair.
    Stray(Tag),
    Text(Text),
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    Div,
    Span,
    A,
    Img,
    Br,
    Ul,
    Ol,
    Li,
    Table,
    Tr,
    Td,
    Th,
    Blockquote,
    Pre,
    Code,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Em,
    Strong,
    B,
    I,
    Del,
    Figure,
    Figcaption,
    Iframe,
    Script,
    Style,
    Noscript,
    Svg,
    Math,
    Form,
    Input,
    Nav,
    Aside,
    Footer,
}

impl Tag {
    fn name(self) -> &'static str {
        use Tag::*;
        match self {
            P => "p",
            Div => "div",
            Span => "span",
            A => "a",
            Img => "img",
            Br => "br",
            Ul => "ul",
            Ol => "ol",
            Li => "li",
            Table => "table",
            Tr => "tr",
            Td => "td",
            Th => "th",
            Blockquote => "blockquote",
            Pre => "pre",
            Code => "code",
            H1 => "h1",
            H2 => "h2",
            H3 => "h3",
            H4 => "h4",
            H5 => "h5",
            H6 => "h6",
            Em => "em",
            Strong => "strong",
            B => "b",
            I => "i",
            Del => "del",
            Figure => "figure",
            Figcaption => "figcaption",
            Iframe => "iframe",
            Script => "script",
            Style => "style",
            Noscript => "noscript",
            Svg => "svg",
            Math => "math",
            Form => "form",
            Input => "input",
            Nav => "nav",
            Aside => "aside",
            Footer => "footer",
        }
    }

    fn is_void(self) -> bool {
        matches!(self, Tag::Img | Tag::Br | Tag::Input)
    }
}

#[derive(Arbitrary, Debug)]
struct Attr {
    name: AttrName,
    value: Value,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum AttrName {
    Class,
    Id,
    Style,
    Src,
    Srcset,
    DataSrc,
    Href,
    Hidden,
    Rel,
    Colspan,
}

impl AttrName {
    fn name(self) -> &'static str {
        use AttrName::*;
        match self {
            Class => "class",
            Id => "id",
            Style => "style",
            Src => "src",
            Srcset => "srcset",
            DataSrc => "data-src",
            Href => "href",
            Hidden => "hidden",
            Rel => "rel",
            Colspan => "colspan",
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Value {
    /// A URL whose scheme may be hidden behind whitespace, zero-width characters, controls or
    /// entities.
    Url {
        scheme: u8,
        /// Inserted before the scheme and between its letters.
        noise: Vec<Noise>,
        /// Where in the scheme the noise goes (0: in front).
        at: u8,
        rest: Text,
    },
    /// Numbers for spans and sizes: zero, negative, huge, or not quite numbers.
    Number(u8, u64),
    /// Class and id words the rules know.
    Word(u8),
    Style(u8),
    /// A candidate list, some of whose URLs are unsafe.
    Srcset(Vec<(u8, u16)>),
    Text(Text),
    /// The attribute written without a value.
    Bare,
}

/// Characters that browsers skip or fold when they read a URL's scheme, raw or as entities.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Noise {
    Raw(u8),
    Entity(u8),
}

const NOISE: &[char] = &[
    '\t', '\n', '\r', '\x0c', ' ', '\0', '\x01', '\x08', '\x1b', '\x1f', '\x7f', '\u{85}',
    '\u{a0}', '\u{1680}', '\u{180e}', '\u{2000}', '\u{2007}', '\u{200a}', '\u{200b}', '\u{200c}',
    '\u{200d}', '\u{2028}', '\u{2029}', '\u{202e}', '\u{205f}', '\u{2060}', '\u{3000}', '\u{feff}',
    '\u{fffd}',
];

const SCHEMES: &[&str] = &[
    "javascript:",
    "JaVaScRiPt:",
    "vbscript:",
    "data:text/html,",
    "data:image/svg+xml,",
    "livescript:",
    "https://news.example/",
    "http:",
    "//cdn.example/",
    "/relative/",
    "#",
    "?utm_source=x&amp;",
    "mailto:",
    "",
];

const WORDS: &[&str] = &[
    "ad",
    "ads",
    "dfp-ad-top",
    "advert",
    "hidden",
    "sr-only",
    "related",
    "share",
    "social",
    "lazyload",
    "wp-caption",
    "nav",
    "comments",
    "tag-news",
    "article",
    "content",
    "promo",
    "language-js",
    "nofollow",
    "sponsored",
];

const STYLES: &[&str] = &[
    "display:none",
    "display: none !important",
    "visibility:hidden",
    "DISPLAY:NONE",
    "color:red",
    "background:url(javascript:alert(1))",
    "width:expression(alert(1))",
    "behavior:url(x.htc)",
    "display:block;visibility : hidden",
];

const PIECES: &[&str] = &[
    "word",
    "新闻",
    "中文测试文本",
    "廣告",
    "日本語",
    "한국어",
    "Advertisement",
    "Listen to this story",
    "Read more",
    "继续阅读",
    "alert(1)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "![i](data:x)",
    "<http://a>",
    "*",
    "_",
    "**",
    "__",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "`",
    "```",
    "~~",
    "#",
    "1.",
    "-",
    "+",
    "|",
    "\\",
    "!",
    "&",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&nbsp;",
    "&#0;",
    "&#x0;",
    "&#xD800;",
    "&#x110000;",
    "&#99999999999;",
    "&#x202E;",
    "&#x200B;",
    "&colon;",
    "&Tab;",
    "&NewLine;",
    "&unknown;",
    "&amp",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "---",
    ": ",
    "'",
    "\"",
];

#[derive(Arbitrary, Debug)]
struct Text(Vec<Piece>);

#[derive(Arbitrary, Debug)]
enum Piece {
    Listed(u8),
    Control(u8),
    Char(char),
}

impl Text {
    fn write(&self, out: &mut String) {
        for p in &self.0 {
            match *p {
                Piece::Listed(i) => out.push_str(PIECES[usize::from(i) % PIECES.len()]),
                Piece::Control(c) => out.push(char::from(c % 0x20)),
                Piece::Char(c) => out.push(c),
            }
        }
    }

    fn string(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }
}

impl Noise {
    fn write(self, out: &mut String) {
        match self {
            Noise::Raw(i) => out.push(NOISE[usize::from(i) % NOISE.len()]),
            Noise::Entity(i) => {
                let c = NOISE[usize::from(i) % NOISE.len()];
                if i & 0x80 == 0 {
                    let _ = write!(out, "&#x{:x};", u32::from(c));
                } else {
                    let _ = write!(out, "&#{:07};", u32::from(c));
                }
            }
        }
    }
}

impl Value {
    fn write(&self, out: &mut String) {
        match self {
            Value::Url {
                scheme,
                noise,
                at,
                rest,
            } => {
                let scheme = SCHEMES[usize::from(*scheme) % SCHEMES.len()];
                let at = usize::from(*at) % (scheme.len() + 1);
                // SCHEMES are ASCII, so every index is a char boundary
                out.push_str(&scheme[..at]);
                for n in noise {
                    n.write(out);
                }
                out.push_str(&scheme[at..]);
                rest.write(out);
            }
            Value::Number(kind, n) => match kind % 6 {
                0 => out.push('0'),
                1 => {
                    let _ = write!(out, "-{n}");
                }
                2 => {
                    let _ = write!(out, "{n}{n}");
                }
                3 => {
                    let _ = write!(out, " {}px", n % 100);
                }
                4 => {
                    let _ = write!(out, "{}.5e3", n % 1000);
                }
                _ => {
                    let _ = write!(out, "{n}");
                }
            },
            Value::Word(i) => out.push_str(WORDS[usize::from(*i) % WORDS.len()]),
            Value::Style(i) => out.push_str(STYLES[usize::from(*i) % STYLES.len()]),
            Value::Srcset(candidates) => {
                for (k, (scheme, w)) in candidates.iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    let scheme = SCHEMES[usize::from(*scheme) % SCHEMES.len()];
                    let _ = write!(out, "{scheme}i{k}.jpg {w}w");
                }
            }
            Value::Text(t) => t.write(out),
            Value::Bare => {}
        }
    }
}

impl Doc {
    fn render(&self) -> String {
        let mut out = String::new();
        if let Some(fm) = &self.front_matter {
            out.push_str("---\n");
            let scalar = |t: &Text| {
                let s = t.string();
                if fm.quoted { format!("{s:?}") } else { s }
            };
            let _ = writeln!(out, "title: {}", scalar(&fm.title));
            if !fm.tags.is_empty() {
                out.push_str("tags:\n");
                for t in &fm.tags {
                    let _ = writeln!(out, "  - {}", scalar(t));
                }
            }
            out.push_str("---\n");
        }
        let mut open: Vec<Tag> = Vec::new();
        for token in &self.body {
            match token {
                Token::Open(tag, attrs) => {
                    let _ = write!(out, "<{}", tag.name());
                    for a in attrs {
                        let _ = write!(out, " {}", a.name.name());
                        if !matches!(a.value, Value::Bare) {
                            let mut v = String::new();
                            a.value.write(&mut v);
                            // keep the tree's shape: the value cannot end the attribute early
                            let _ = write!(out, "=\"{}\"", v.replace('"', "&quot;"));
                        }
                    }
                    out.push('>');
                    if !tag.is_void() {
                        open.push(*tag);
                    }
                }
                Token::Close => {
                    if let Some(tag) = open.pop() {
                        let _ = write!(out, "</{}>", tag.name());
                    }
                }
                Token::Stray(tag) => {
                    let _ = write!(out, "</{}>", tag.name());
                }
                Token::Text(t) => t.write(&mut out),
            }
        }
        while let Some(tag) = open.pop() {
            let _ = write!(out, "</{}>", tag.name());
        }
        out
    }
}

fuzz_target!(|doc: Doc| {
    let input = doc.render();
    if let Ok(post) = tidings::Post::parse(&input) {
        let v = common::violations(&post, true);
        assert!(v.is_empty(), "{}\ninput: {input:?}", v.join("\n"));
    }
});
