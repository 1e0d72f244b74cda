//! A Jekyll post: YAML front matter, the feed header, then the body. The only module that knows
//! serde_yaml.

use serde::Serialize;
use serde_json::{Map, Value};
use serde_yaml::Value as Yaml;

use crate::simple_yaml;

use crate::error::{Error, Result};
use crate::report::{Warning, WarningKind};

/// What the front matter and the feed header say about the article.
///
/// ```
/// let post = tidings::Post::parse(
///     "---\ntitle: 标题\ndate: 2024-05-01\nauthor: 记者\nfrom: https://news.example/a\ntags: [城市, 交通]\nlayout: post\n---\n<p>x</p>",
/// )?;
/// let meta = post.metadata();
/// assert_eq!(meta.title.as_deref(), Some("标题"));
/// assert_eq!(meta.date.as_deref(), Some("2024-05-01"));
/// assert_eq!(meta.source_url.as_deref(), Some("https://news.example/a"));
/// assert_eq!(meta.tags, ["城市", "交通"]);
/// assert_eq!(meta.extra["layout"], "post");
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Metadata {
    /// `title`, else the feed header's link text.
    pub title: Option<String>,
    /// `date`, as written.
    pub date: Option<String>,
    /// `author`.
    pub author: Option<String>,
    /// `from` (or `source_url`, `url`, `link`), else the feed header's link.
    pub source_url: Option<String>,
    /// `tags`, whether a list, `[ a, b ]` or a comma-separated scalar.
    pub tags: Vec<String>,
    /// `categories`, read like tags.
    pub categories: Vec<String>,
    /// The feed header's `<!--1620488400000-->` timestamp, in milliseconds since the epoch.
    pub published_ms: Option<i64>,
    /// The feed header comment when it is not a timestamp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed_comment: Option<String>,
    /// Every other front-matter key, as JSON.
    pub extra: Map<String, Value>,
    /// A whole page's last-modified date (JSON-LD `dateModified`, `article:modified_time`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    /// A whole page's site name (JSON-LD publisher, `og:site_name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// A whole page's language (`<html lang>`, else `og:locale`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// A whole page's summary (JSON-LD `description`, `og:description`, `meta name=description`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A whole page's canonical URL (`<link rel=canonical>`, else `og:url`), http(s) only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// A whole page's main image (JSON-LD `image`, `og:image`), http(s) only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The encoding the input's bytes were read in, when they were decoded from other than strict
    /// UTF-8 (see `tidings::decode`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The front matter's YAML without its `---` lines, which the Markdown output copies: as written,
    /// unless it did not parse (and was salvaged) or holds `<` or `>`; then it is written anew from
    /// what was read, one `key: value` line per key, with `<` and `>` as `\u003c` and `\u003e`, so
    /// that no raw HTML reaches a renderer that does not know front matter. Not in the JSON output:
    /// the fields above hold what it says.
    #[serde(skip)]
    pub front_matter: Option<String>,
    /// The body's first block when it said the title again and was taken out for it (a whole
    /// page's `<h1>`): Markdown written without front matter puts it back, or the title would be
    /// nowhere.
    #[serde(skip)]
    pub(crate) title_block: Option<crate::model::Block>,
}

impl Metadata {
    /// Front matter for a whole page that had none: the fields a page's head gave, one `key: value`
    /// line each, written as [`markdown_yaml`] writes salvaged YAML.
    pub(crate) fn page_front_matter(&self) -> Option<String> {
        let mut map = serde_yaml::Mapping::new();
        let fields = [
            ("title", &self.title),
            ("author", &self.author),
            ("date", &self.date),
            ("date_modified", &self.date_modified),
            ("site_name", &self.site_name),
            ("language", &self.language),
            ("description", &self.description),
            ("canonical_url", &self.canonical_url),
            ("image", &self.image),
        ];
        for (key, value) in fields {
            if let Some(v) = value {
                map.insert(Yaml::String(key.into()), Yaml::String(v.clone()));
            }
        }
        (!map.is_empty()).then(|| markdown_yaml(&map))
    }
}

/// A post split into its parts.
#[derive(Debug, Clone)]
pub(crate) struct Parts<'a> {
    /// The front matter's YAML text, without the `---` lines.
    pub front_matter: Option<&'a str>,
    pub meta: Metadata,
    pub body: &'a str,
    /// Problems that were worked around.
    pub warnings: Vec<Warning>,
    /// The front matter to write into Markdown when it cannot be the YAML as written: YAML that had
    /// to be salvaged, or YAML holding `<` or `>` (see [`markdown_yaml`]).
    pub rewritten_front_matter: Option<String>,
}

/// Keys read into typed fields rather than `extra`.
const TYPED_KEYS: &[&str] = &[
    "title",
    "date",
    "author",
    "from",
    "source_url",
    "url",
    "link",
    "tags",
    "categories",
];

/// Splits `input` into front matter, feed header and body. With `strict`, YAML that does not parse
/// is an error; without, the simple `key: value` lines are salvaged and the error becomes a warning.
pub(crate) fn split(input: &str, strict: bool) -> Result<Parts<'_>> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut parts = Parts {
        front_matter: None,
        meta: Metadata::default(),
        body: input,
        warnings: Vec::new(),
        rewritten_front_matter: None,
    };
    if let Some((yaml, rest)) = front_matter(input)? {
        parts.front_matter = Some(yaml);
        parts.body = rest;
        read_front_matter(yaml, strict, &mut parts)?;
    }
    read_feed_header(&mut parts);
    Ok(parts)
}

/// Finds `---\n ... \n---\n` at the start. `Ok(None)` when the input does not open with `---`.
fn front_matter(input: &str) -> Result<Option<(&str, &str)>> {
    let Some(after_open) = strip_line(input, "---") else {
        return Ok(None);
    };
    let mut offset = 0;
    // the lines as `split_inclusive('\n')` gives them, each end found by the memchr crate: a
    // `char` pattern sets up a searcher for every line
    while offset < after_open.len() {
        let end = memchr::memchr(b'\n', &after_open.as_bytes()[offset..])
            .map_or(after_open.len(), |i| offset + i + 1);
        let line = &after_open[offset..end];
        // only a line opening with `-` or `.` may close (most are `key: value`)
        if matches!(line.as_bytes()[0], b'-' | b'.') && {
            let content = line.trim_end_matches(['\n', '\r']).trim_end();
            content == "---" || content == "..."
        } {
            let yaml = &after_open[..offset];
            let rest = &after_open[offset + line.len()..];
            return Ok(Some((yaml, rest)));
        }
        offset += line.len();
    }
    // a `---` line that opens text rather than YAML (a rule drawn at the top of a plain-text body,
    // or nothing after it) is the body's own; only what reads as front matter is unterminated
    let first = after_open
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    if first.is_none_or(|l| !reads_as_yaml_key(l)) {
        return Ok(None);
    }
    Err(Error::UnterminatedFrontMatter)
}

/// Whether a line opens the way a front-matter line does: `key:` followed by a space or nothing,
/// the key one word of letters, digits, `_` and `-`.
fn reads_as_yaml_key(line: &str) -> bool {
    let Some((key, rest)) = line.split_once(':') else {
        return false;
    };
    let key = key.trim_matches(['"', '\'']);
    !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
        && (rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// `s` after its first line when that line is `marker` (trailing spaces and CR allowed).
fn strip_line<'a>(s: &'a str, marker: &str) -> Option<&'a str> {
    let end = memchr::memchr(b'\n', s.as_bytes())?;
    (s[..end].trim_end() == marker).then(|| &s[end + 1..])
}

fn read_front_matter(yaml: &str, strict: bool, parts: &mut Parts<'_>) -> Result<()> {
    if yaml.trim().is_empty() {
        return Ok(());
    }
    let mut salvaged = false;
    // most front matter is `key: word` lines, which the fast path reads as serde_yaml would
    let value: Yaml = match simple_yaml::read(yaml).map_or_else(|| serde_yaml::from_str(yaml), Ok) {
        Ok(v) => v,
        Err(e) => {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line() + 1, l.column()));
            let err = Error::FrontMatterYaml {
                line,
                column,
                message: without_location(&e.to_string()),
            };
            if strict {
                return Err(err);
            }
            parts.warnings.push(Warning {
                kind: WarningKind::SalvagedFrontMatter,
                message: format!("{err}; simple `key: value` lines were salvaged"),
            });
            salvaged = true;
            salvage(yaml)
        }
    };
    let map = match value {
        Yaml::Mapping(m) => m,
        Yaml::Null => return Ok(()),
        other => {
            return Err(Error::FrontMatterNotMapping {
                found: yaml_kind(&other),
            });
        }
    };
    let mut map = map;
    let decoded = decode_text_fields(&mut map);
    // `<` and `>` by the memchr crate's search: a pattern of chars decodes every character
    if salvaged || decoded || memchr::memchr2(b'<', b'>', yaml.as_bytes()).is_some() {
        parts.rewritten_front_matter = Some(markdown_yaml(&map));
    }
    let meta = &mut parts.meta;
    for (k, v) in map {
        // the key moves into the metadata: the mapping is read once, and dropped after
        let key = match k {
            Yaml::String(s) => s,
            other => scalar_string(&other).unwrap_or_default(),
        };
        match key.as_str() {
            "title" => meta.title = scalar_string(&v),
            "date" => meta.date = scalar_string(&v),
            "author" => meta.author = scalar_string(&v),
            "from" | "source_url" | "url" | "link" if meta.source_url.is_none() => {
                meta.source_url = scalar_string(&v).filter(|s| !s.is_empty());
            }
            "tags" => meta.tags = string_list(&v),
            "categories" => meta.categories = string_list(&v),
            _ => {}
        }
        if !TYPED_KEYS.contains(&key.as_str()) {
            meta.extra.insert(key, to_json(v));
        }
    }
    Ok(())
}

/// The front-matter fields that are text a reader sees (feeds write them with HTML entities:
/// `&quot;`, `&#38;`), decoded as body text is; true when any changed, so that the Markdown's front
/// matter is written anew with the decoded text too.
fn decode_text_fields(map: &mut serde_yaml::Mapping) -> bool {
    let mut changed = false;
    for (k, v) in map.iter_mut() {
        if !matches!(k.as_str(), Some("title" | "author" | "tags" | "categories")) {
            continue;
        }
        let mut strings: Vec<&mut String> = match v {
            Yaml::String(s) => vec![s],
            Yaml::Sequence(items) => items
                .iter_mut()
                .filter_map(|i| match i {
                    Yaml::String(s) => Some(s),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for s in strings.iter_mut() {
            if let Some(d) = decode_entities(s) {
                **s = d;
                changed = true;
            }
        }
    }
    changed
}

/// `text` with its character references decoded the way html5ever decodes them in text (named,
/// numeric, and the legacy ones without a semicolon), when it holds any.
pub(crate) fn decode_entities(text: &str) -> Option<String> {
    if !text.contains('&') {
        return None;
    }
    // RCDATA decodes references and reads no tags; `<` escaped so that nothing in the text can end
    // the element
    let html = format!("<title>{}</title>", text.replace('<', "&lt;"));
    let dom = crate::dom::Dom::parse(&html, 64).ok()?;
    let decoded = dom.title_text()?;
    (decoded != text).then_some(decoded)
}

/// serde_yaml's message without the ` at line L column C` it inserts: the error variant carries the
/// place already (in post lines, not YAML lines), so it is said once.
pub(crate) fn without_location(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        let after = &rest[i + " at line ".len()..];
        let line_digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let tail = &after[line_digits..];
        let skip = tail.strip_prefix(" column ").map(|t| {
            let col_digits = t.bytes().take_while(u8::is_ascii_digit).count();
            (col_digits > 0 && line_digits > 0)
                .then(|| i + " at line ".len() + line_digits + " column ".len() + col_digits)
        });
        match skip.flatten() {
            Some(len) => {
                out.push_str(&rest[..i]);
                rest = &rest[len..];
            }
            None => {
                out.push_str(&rest[..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Line-wise reading of YAML that the parser refused, for the common case of a double-quoted scalar
/// with backslashes that are not valid escapes: each `key: value` line is kept with its quotes
/// stripped and its text as written.
fn salvage(yaml: &str) -> Yaml {
    let mut map = serde_yaml::Mapping::new();
    for line in yaml.lines() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        let value = if let Ok(parsed) = serde_yaml::from_str::<Yaml>(v) {
            parsed
        } else {
            let unquoted = v
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
                .unwrap_or(v);
            Yaml::String(unquoted.to_string())
        };
        map.insert(Yaml::String(k.trim().to_string()), value);
    }
    Yaml::Mapping(map)
}

fn yaml_kind(v: &Yaml) -> &'static str {
    match v {
        Yaml::Null => "null",
        Yaml::Bool(_) => "boolean",
        Yaml::Number(_) => "number",
        Yaml::String(_) => "string",
        Yaml::Sequence(_) => "sequence",
        Yaml::Mapping(_) => "mapping",
        Yaml::Tagged(_) => "tagged value",
    }
}

fn scalar_string(v: &Yaml) -> Option<String> {
    match v {
        Yaml::String(s) => Some(s.trim().to_string()),
        Yaml::Number(n) => Some(n.to_string()),
        Yaml::Bool(b) => Some(b.to_string()),
        Yaml::Tagged(t) => scalar_string(&t.value),
        _ => None,
    }
}

fn string_list(v: &Yaml) -> Vec<String> {
    match v {
        Yaml::Sequence(items) => items
            .iter()
            .filter_map(scalar_string)
            .filter(|s| !s.is_empty())
            .collect(),
        other => scalar_string(other)
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn to_json(v: Yaml) -> Value {
    match v {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Value::String(n.to_string()), Value::Number)
            }
        }
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Yaml::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (scalar_string(&k).unwrap_or_default(), to_json(v)))
                .collect(),
        ),
        Yaml::Tagged(t) => to_json(t.value),
    }
}

/// A string as a YAML double-quoted scalar that holds no raw HTML: a Markdown renderer that does not
/// know front matter shows the front matter as text, with any `<img onerror=…>` in it live, so `<`
/// and `>` are written as the escapes `\u003c` and `\u003e`, which YAML reads back as the same
/// characters. JSON string syntax is YAML's double-quoted syntax, so serde_json does the rest of the
/// escaping.
pub(crate) fn yaml_string(s: &str) -> String {
    let quoted = serde_json::Value::String(s.to_string()).to_string();
    quoted.replace('<', "\\u003c").replace('>', "\\u003e")
}

/// Front matter written anew from what was read: one `key: value` line per key, values in JSON's
/// flow syntax (which is YAML), every string through [`yaml_string`]. Used where the YAML as
/// written cannot go into the Markdown: it did not parse (and was salvaged), or it holds `<` or `>`.
pub(crate) fn markdown_yaml(map: &serde_yaml::Mapping) -> String {
    let mut out = String::new();
    for (k, v) in map {
        let key = scalar_string(k).unwrap_or_default();
        let plain_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if plain_key {
            out.push_str(&key);
        } else {
            out.push_str(&yaml_string(&key));
        }
        out.push_str(": ");
        flow_yaml(v, &mut out);
        out.push('\n');
    }
    out
}

/// A YAML value in flow syntax, with an explicit stack: front matter nesting is the user's.
fn flow_yaml(value: &Yaml, out: &mut String) {
    enum Step<'a> {
        Value(&'a Yaml),
        Key(&'a Yaml),
        Text(&'static str),
    }
    let mut stack = vec![Step::Value(value)];
    while let Some(step) = stack.pop() {
        let v = match step {
            Step::Text(t) => {
                out.push_str(t);
                continue;
            }
            Step::Key(k) => {
                out.push_str(&yaml_string(&scalar_string(k).unwrap_or_default()));
                out.push_str(": ");
                continue;
            }
            Step::Value(v) => v,
        };
        match v {
            Yaml::Null => out.push_str("null"),
            Yaml::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Yaml::Number(n) => out.push_str(&n.to_string()),
            Yaml::String(s) => out.push_str(&yaml_string(s)),
            Yaml::Tagged(t) => stack.push(Step::Value(&t.value)),
            Yaml::Sequence(items) => {
                out.push('[');
                stack.push(Step::Text("]"));
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push(Step::Value(item));
                    if i > 0 {
                        stack.push(Step::Text(", "));
                    }
                }
            }
            Yaml::Mapping(m) => {
                out.push('{');
                stack.push(Step::Text("}"));
                for (i, (k, v)) in m.iter().enumerate().collect::<Vec<_>>().into_iter().rev() {
                    stack.push(Step::Value(v));
                    stack.push(Step::Key(k));
                    if i > 0 {
                        stack.push(Step::Text(", "));
                    }
                }
            }
        }
    }
}

/// Reads `<!--1620488400000-->` and the `[title](url)` line over a `------` line off the top of the
/// body.
fn read_feed_header(parts: &mut Parts<'_>) {
    let mut body = parts.body.trim_start();
    if let Some(rest) = body.strip_prefix("<!--") {
        if let Some(end) = rest.find("-->") {
            let comment = rest[..end].trim();
            if !comment.contains('\n') {
                match comment.parse::<i64>() {
                    Ok(ms) => parts.meta.published_ms = Some(ms),
                    Err(_) if !comment.is_empty() => {
                        parts.meta.feed_comment = Some(comment.to_string())
                    }
                    Err(_) => {}
                }
                body = rest[end + 3..].trim_start();
            }
        }
    }
    if let Some((title, url, rest)) = link_header(body) {
        if parts.meta.title.is_none() && !title.is_empty() {
            parts.meta.title = Some(title.to_string());
        }
        if parts.meta.source_url.is_none() && !url.is_empty() {
            parts.meta.source_url = Some(url.to_string());
        }
        body = rest.trim_start_matches(['\n', '\r']);
    }
    parts.body = body;
}

/// `[title](url)` on one line, then a line of dashes.
fn link_header(body: &str) -> Option<(&str, &str, &str)> {
    let (first, rest) = body.split_once('\n')?;
    let first = first.trim_end();
    let (second, rest) = rest.split_once('\n').unwrap_or((rest, ""));
    let second = second.trim();
    if second.len() < 3 || !second.bytes().all(|b| b == b'-') {
        return None;
    }
    let inner = first.strip_prefix('[')?.strip_suffix(')')?;
    // the last `](`, by the memchr crate's search for `]` (a `&str` pattern builds a searcher)
    let split = memchr::memrchr_iter(b']', inner.as_bytes())
        .find(|&i| inner.as_bytes().get(i + 1) == Some(&b'('))?;
    Some((inner[..split].trim(), inner[split + 2..].trim(), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "---\nlayout: post\ntitle: \"王毅：乐见\"\ndate: 2021-05-08T01:38:01.148Z\nauthor: 联合早报\nfrom: https://www.zaobao.com/x\ntags: [ 联合早报 ]\ncategories: 联合早报, 中国\ncomments: True\n---\n<!--1620488400000-->\n[王毅：乐见](https://www.zaobao.com/x)\n------\n\n<div><p>a</p></div>\n";

    #[test]
    fn reads_front_matter_and_header() {
        let p = split(POST, true).unwrap();
        assert_eq!(p.meta.title.as_deref(), Some("王毅：乐见"));
        assert_eq!(
            p.meta.source_url.as_deref(),
            Some("https://www.zaobao.com/x")
        );
        assert_eq!(p.meta.tags, vec!["联合早报"]);
        assert_eq!(p.meta.categories, vec!["联合早报", "中国"]);
        assert_eq!(p.meta.published_ms, Some(1620488400000));
        assert_eq!(p.meta.extra["comments"], Value::Bool(true));
        assert_eq!(p.meta.extra["layout"], Value::String("post".into()));
        assert_eq!(p.body, "<div><p>a</p></div>\n");
    }

    #[test]
    fn errors_carry_their_place() {
        assert_eq!(
            split("---\ntitle: x\n", true).unwrap_err(),
            Error::UnterminatedFrontMatter
        );
        let e = split("---\ntitle: \"a\\qb\"\n---\nbody", true).unwrap_err();
        assert_eq!(
            e.to_string(),
            "front matter is not valid YAML at line 2, column 10: found unknown escape character, \
             while parsing a quoted scalar"
        );
        match split("---\ntitle: x\n  bad: [\n---\nbody", true).unwrap_err() {
            // lines count from the opening `---`; the column is the `:` YAML refuses in `  bad: [`
            Error::FrontMatterYaml { line, column, .. } => assert_eq!((line, column), (3, 6)),
            e => panic!("{e}"),
        }
        assert!(matches!(
            split("---\n- a\n- b\n---\n", true),
            Err(Error::FrontMatterNotMapping { found: "sequence" })
        ));
    }

    #[test]
    fn salvages_bad_escapes_when_lenient() {
        let p = split("---\ntitle: \"a\\智b\"\nauthor: x\n---\nbody", false).unwrap();
        assert_eq!(p.meta.title.as_deref(), Some("a\\智b"));
        assert_eq!(p.meta.author.as_deref(), Some("x"));
        assert_eq!(p.warnings.len(), 1);
    }

    #[test]
    fn non_numeric_comment_is_kept() {
        let p = split("<!-- from the feed -->\n<p>x</p>", true).unwrap();
        assert_eq!(p.meta.published_ms, None);
        assert_eq!(p.meta.feed_comment.as_deref(), Some("from the feed"));
    }
}

#[cfg(test)]
mod markdown_yaml_tests {
    use super::*;

    fn read_back(yaml: &str) -> serde_yaml::Mapping {
        match serde_yaml::from_str::<Yaml>(yaml) {
            Ok(Yaml::Mapping(m)) => m,
            other => panic!("{yaml:?} reads back as {other:?}"),
        }
    }

    #[test]
    fn raw_html_in_front_matter_is_escaped_and_reads_back_the_same() {
        let yaml = "title: \"<img src=x onerror=alert(1)>\"\ntags: [a, \"<b>\"]\nnested: {k: \"</script>\"}\nn: 3\n";
        let post = format!("---\n{yaml}---\nbody");
        let p = split(&post, true).unwrap();
        let out = p
            .rewritten_front_matter
            .expect("front matter with < is rewritten");
        assert!(!out.contains(['<', '>']), "{out}");
        assert_eq!(
            out,
            "title: \"\\u003cimg src=x onerror=alert(1)\\u003e\"\ntags: [\"a\", \"\\u003cb\\u003e\"]\nnested: {\"k\": \"\\u003c/script\\u003e\"}\nn: 3\n"
        );
        assert_eq!(read_back(&out), read_back(yaml));
    }

    #[test]
    fn entities_in_text_fields_are_decoded_and_the_front_matter_written_anew() {
        let p = split(
            "---\ntitle: \"&quot;A&quot; &#38; B\"\nauthor: X &amp; Y\ntags: [\"C&#x26;D\", e]\nnote: \"&amp;\"\n---\nbody",
            true,
        )
        .unwrap();
        assert_eq!(p.meta.title.as_deref(), Some("\"A\" & B"));
        assert_eq!(p.meta.author.as_deref(), Some("X & Y"));
        assert_eq!(p.meta.tags, ["C&D", "e"]);
        // other keys are the user's data, kept as written
        assert_eq!(p.meta.extra["note"], "&amp;");
        let m = read_back(&p.rewritten_front_matter.expect("rewritten"));
        assert_eq!(m.get("title"), Some(&Yaml::String("\"A\" & B".into())));
        // a title with `<` or a would-be end tag decodes only its references
        assert_eq!(
            decode_entities("a &lt; b</title>&amp;").as_deref(),
            Some("a < b</title>&")
        );
        assert_eq!(decode_entities("AT&T"), None);
    }

    #[test]
    fn front_matter_without_angle_brackets_is_written_as_it_was() {
        let p = split("---\ntitle: 'a & b'\n---\nbody", true).unwrap();
        assert_eq!(p.rewritten_front_matter, None);
    }

    #[test]
    fn salvaged_front_matter_is_written_as_valid_yaml() {
        let p = split("---\ntitle: \"a\\智b\"\nauthor: x\n---\nbody", false).unwrap();
        let out = p
            .rewritten_front_matter
            .expect("salvaged front matter is rewritten");
        let m = read_back(&out);
        assert_eq!(m.get("title"), Some(&Yaml::String("a\\智b".into())));
        assert_eq!(m.get("author"), Some(&Yaml::String("x".into())));
    }

    #[test]
    fn odd_keys_are_quoted() {
        let mut m = serde_yaml::Mapping::new();
        m.insert(Yaml::String("a key: <x>".into()), Yaml::Bool(true));
        m.insert(Yaml::Number(7.into()), Yaml::Null);
        let out = markdown_yaml(&m);
        assert_eq!(out, "\"a key: \\u003cx\\u003e\": true\n7: null\n");
        let back = read_back(&out);
        assert_eq!(back.get("a key: <x>"), Some(&Yaml::Bool(true)));
    }
}
