//! The built-in rules are written in YAML (`src/clean/builtin-rules.yaml`, the format users write).
//! Reading them at run time cost every process that converts one small post more than the post:
//! serde_yaml took 7M instructions, the JSON this file wrote before 1.5M. It now writes them as
//! data the binary holds (`builtin-rules.rs` and its text, `builtin-rules.txt`, in OUT_DIR), which
//! `clean::builtin` hands to the rules' own `Deserialize` without parsing anything. The nodes are
//! numbers, not pointers, so that the loader has no relocation to make for them. `clean::rules`
//! tests that both read to equal rules.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Value;

include!("src/clean/builtin_kinds.rs");

/// The rules as a flat list of `(kind, a, b)` nodes: a string is its place and length in `text`, a
/// list its first item's node and its length, a map its first key's node and its number of
/// entries (keys and values alternate), a number its 64 bits in `a` (high) and `b` (low). A
/// container's children are contiguous, so that they are reserved before they are written.
struct Flat {
    nodes: Vec<(u8, u32, u32)>,
    text: String,
}

impl Flat {
    fn string(&mut self, s: &str) -> (u8, u32, u32) {
        let at = self.text.len() as u32;
        self.text.push_str(s);
        (STR, at, s.len() as u32)
    }

    fn bits(kind: u8, n: u64) -> (u8, u32, u32) {
        (kind, (n >> 32) as u32, n as u32)
    }

    /// Writes `v` into the reserved slot `at`.
    fn write(&mut self, at: usize, v: &Value) {
        let node = match v {
            Value::Null => (NULL, 0, 0),
            Value::Bool(false) => (FALSE, 0, 0),
            Value::Bool(true) => (TRUE, 0, 0),
            // the kinds serde_json's own reader tells apart, so that each type reads the same visit
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => Flat::bits(U64, u),
                (None, Some(i), _) => Flat::bits(I64, i as u64),
                (None, None, Some(f)) => Flat::bits(F64, f.to_bits()),
                _ => panic!("{n} is no number"),
            },
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                let first = self.reserve(items.len());
                for (i, item) in items.iter().enumerate() {
                    self.write(first + i, item);
                }
                (SEQ, first as u32, items.len() as u32)
            }
            Value::Object(map) => {
                let first = self.reserve(2 * map.len());
                for (i, (k, item)) in map.iter().enumerate() {
                    self.nodes[first + 2 * i] = self.string(k);
                    self.write(first + 2 * i + 1, item);
                }
                (MAP, first as u32, map.len() as u32)
            }
        };
        self.nodes[at] = node;
    }

    fn reserve(&mut self, n: usize) -> usize {
        let first = self.nodes.len();
        self.nodes.resize(first + n, (NULL, 0, 0));
        first
    }
}

/// The strings of the list at `path` (keys into maps), none when it is missing.
fn strings<'v>(value: &'v Value, path: &[&str]) -> Vec<&'v str> {
    let mut at = value;
    for key in path {
        match at.get(key) {
            Some(v) => at = v,
            None => return Vec::new(),
        }
    }
    at.as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The order `clean::patterns::lexicon_words` sorts `words` into, as positions among the words it
/// keeps (trimmed, lower-cased, not empty): longest first, then by their bytes.
fn lexicon_order(words: &[&str]) -> Vec<u32> {
    let kept: Vec<String> = words
        .iter()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let mut order: Vec<u32> = (0..kept.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&kept[a as usize], &kept[b as usize]);
        b.len().cmp(&a.len()).then(a.cmp(b))
    });
    order
}

/// The order `clean::patterns::Patterns::new` sorts patterns into: by their bytes in ASCII lower
/// case, equal ones by their place.
fn patterns_order(patterns: &[String]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
    order.sort_by_key(|&i| (patterns[i as usize].to_ascii_lowercase(), i));
    order
}

/// The orders the start of every process would sort the built-in lexicons into (see
/// `clean::builtin::ORDERS`), written as constants.
fn orders(value: &Value) -> String {
    let bylines = |key: &str| strings(value, &["article", "bylines", key]);
    let months: Vec<&str> = bylines("months")
        .into_iter()
        .chain(
            value
                .pointer("/article/bylines/month_names")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_array)
                .flatten()
                .filter_map(Value::as_str),
        )
        .collect();
    let sources: Vec<&str> = bylines("sources")
        .into_iter()
        .chain(bylines("editors"))
        .collect();
    let byline_orders = [
        lexicon_order(&bylines("labels")),
        lexicon_order(&bylines("dates")),
        lexicon_order(&months),
        lexicon_order(&bylines("relative")),
        lexicon_order(&bylines("units")),
        lexicon_order(&bylines("contacts")),
        lexicon_order(&sources),
        lexicon_order(&bylines("editors")),
        lexicon_order(&bylines("controls")),
        lexicon_order(&bylines("roles")),
        lexicon_order(&bylines("ends")),
        lexicon_order(&bylines("firsts")),
        lexicon_order(&bylines("origins")),
        lexicon_order(&bylines("addresses")),
        lexicon_order(&bylines("bios")),
        lexicon_order(&bylines("forwards")),
        lexicon_order(&bylines("locations")),
        lexicon_order(&bylines("polls")),
    ];
    let credit_orders = [
        lexicon_order(&strings(value, &["credits", "labels"])),
        lexicon_order(&strings(value, &["credits", "agencies"])),
    ];
    // the shape lexicon's entries as `Lexicon::new` lists them: each category's strong and weak
    // words, then the markers, appeals, platforms, reporting words, the public and references to
    // itself
    let shape = |key: &str| strings(value, &["article", "shape", key]);
    let mut entries: Vec<&str> = Vec::new();
    if let Some(categories) = value
        .pointer("/article/shape/categories")
        .and_then(Value::as_array)
    {
        for c in categories {
            entries.extend(strings(c, &["strong"]));
            entries.extend(strings(c, &["weak"]));
        }
    }
    for key in [
        "markers",
        "appeals",
        "platforms",
        "reporting",
        "public",
        "self_refs",
    ] {
        entries.extend(shape(key));
    }
    let patterns: Vec<String> = entries
        .iter()
        .filter(|w| !w.trim().is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let list = |order: &[u32]| {
        let items: Vec<String> = order.iter().map(u32::to_string).collect();
        format!("&[{}]", items.join(","))
    };
    let mut rs = String::new();
    let join = |orders: &[Vec<u32>]| {
        orders
            .iter()
            .map(|o| list(o))
            .collect::<Vec<_>>()
            .join(",\n")
    };
    writeln!(
        rs,
        "pub(crate) const BYLINE_ORDERS: [&[u32]; {}] = [\n{}\n];",
        byline_orders.len(),
        join(&byline_orders)
    )
    .expect("a String takes any text");
    writeln!(
        rs,
        "pub(crate) const CREDIT_ORDERS: [&[u32]; {}] = [\n{}\n];",
        credit_orders.len(),
        join(&credit_orders)
    )
    .expect("a String takes any text");
    writeln!(
        rs,
        "pub(crate) const SHAPE_ORDER: &[u32] = {};",
        list(&patterns_order(&patterns))
    )
    .expect("a String takes any text");
    rs
}

fn main() {
    let src = "src/clean/builtin-rules.yaml";
    println!("cargo::rerun-if-changed={src}");
    println!("cargo::rerun-if-changed=src/clean/builtin_kinds.rs");
    let yaml = std::fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    // through serde_json's value, as when the binary read this JSON: its maps in key order, its
    // numbers told apart as its reader does
    let value: Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{src}: {e}"));
    let mut flat = Flat {
        nodes: Vec::new(),
        text: String::new(),
    };
    flat.reserve(1);
    flat.write(0, &value);
    let mut rs = String::new();
    rs.push_str("const NODES: &[(u8, u32, u32)] = &[\n");
    for (kind, a, b) in &flat.nodes {
        writeln!(rs, "({kind},{a},{b}),").expect("a String takes any text");
    }
    rs.push_str("];\n");
    rs.push_str(&orders(&value));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, content) in [("builtin-rules.rs", &rs), ("builtin-rules.txt", &flat.text)] {
        let path = out.join(name);
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
