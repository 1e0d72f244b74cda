//! A fast path for the front matter most posts carry: `key: value` lines whose values are plain
//! words, quoted strings without escapes, `true`/`false`/`null` or flow lists of such. It gives
//! the very `serde_yaml::Value` that serde_yaml gives for the same text (a property test checks it
//! on generated front matter), in a small fraction of the time; anything else, however slightly
//! unusual, is left to serde_yaml (`None`).

use serde_yaml::{Mapping, Value};

/// The mapping serde_yaml reads from `yaml`, when `yaml` is simple enough to be read here.
pub(crate) fn read(yaml: &str) -> Option<Value> {
    // room for a key a line: grown an entry at a time, the map would be hashed anew at every
    // doubling, most of what a post's few keys cost it
    let lines = memchr::memchr_iter(b'\n', yaml.as_bytes()).count() + 1;
    let mut map = Mapping::with_capacity(lines);
    // the lines as `split('\n')` gives them, each end found by the memchr crate: a `char`
    // pattern sets up a searcher for every line
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', yaml.as_bytes()).chain(std::iter::once(yaml.len()));
    for end in ends {
        let line = &yaml[start..end];
        start = end + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        // a key's line opens with a letter: only another line may be blank
        let opens_word = line
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphanumeric);
        if !opens_word && line.trim().is_empty() {
            if !line.bytes().all(|b| b == b' ') {
                return None;
            }
            continue;
        }
        let printable_line = if line.is_ascii() {
            line.bytes().all(|b| (b' '..=b'~').contains(&b))
        } else {
            line.chars().all(printable)
        };
        if !printable_line {
            return None;
        }
        let colon = memchr::memchr(b':', line.as_bytes())?;
        let (key, value) = (&line[..colon], &line[colon + 1..]);
        if !is_key(key) {
            return None;
        }
        let value = match value.strip_prefix(' ') {
            Some(v) => v.trim_start_matches(' ').trim_end_matches(' '),
            None if value.is_empty() => "",
            None => return None,
        };
        let value = if let Some(items) = value.strip_prefix('[') {
            Value::Sequence(flow_list(items.strip_suffix(']')?)?)
        } else {
            scalar(value, false)?
        };
        if map.insert(Value::String(key.to_owned()), value).is_some() {
            // serde_yaml refuses a key given twice
            return None;
        }
    }
    Some(if map.is_empty() {
        Value::Null
    } else {
        Value::Mapping(map)
    })
}

/// YAML's printable characters, less tab, carriage return, the line breaks of YAML 1.1 (NEL, LS,
/// PS) and the byte-order mark: lines holding those are left to serde_yaml.
fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// A key that serde_yaml reads as this very string: a word of ASCII letters, digits, `_` and `-`,
/// starting with a letter, that is not a null or boolean word.
fn is_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && special(key).is_none()
}

/// The null and boolean words of serde_yaml's plain scalars (the empty one too).
fn special(plain: &str) -> Option<Value> {
    match plain {
        "" | "~" | "null" | "Null" | "NULL" => Some(Value::Null),
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => None,
    }
}

/// The items of a flow list `[a, b]` (the brackets taken off): each a scalar.
fn flow_list(items: &str) -> Option<Vec<Value>> {
    if items.trim_matches(' ').is_empty() {
        return Some(Vec::new());
    }
    items
        .split(',')
        .map(|item| {
            let item = item.trim_matches(' ');
            if item.is_empty() {
                return None;
            }
            scalar(item, true)
        })
        .collect()
}

/// A scalar, trimmed: quoted without escapes, or plain and certainly not a number.
fn scalar(s: &str, in_flow: bool) -> Option<Value> {
    if let Some(rest) = s.strip_prefix('"') {
        let inner = rest.strip_suffix('"')?;
        let escaped = memchr::memchr2(b'"', b'\\', inner.as_bytes()).is_some();
        return (!escaped).then(|| Value::String(inner.to_owned()));
    }
    if let Some(rest) = s.strip_prefix('\'') {
        let inner = rest.strip_suffix('\'')?;
        let quoted = memchr::memchr(b'\'', inner.as_bytes()).is_some();
        return (!quoted).then(|| Value::String(inner.to_owned()));
    }
    if let Some(v) = special(s) {
        return Some(v);
    }
    // what would open another kind of node, end the scalar early or start a comment (all ASCII:
    // read by bytes, where `str`'s patterns set up a searcher for every call)
    let bytes = s.as_bytes();
    let colon_space = memchr::memchr_iter(b':', bytes).any(|i| bytes.get(i + 1) == Some(&b' '));
    if bytes
        .first()
        .is_some_and(|b| b"-?:,[]{}#&*!|>'\"%@`".contains(b))
        || colon_space
        || s.ends_with(':')
        || memchr::memchr(b'#', bytes).is_some()
        || (in_flow
            && bytes
                .iter()
                .any(|b| matches!(b, b'[' | b']' | b'{' | b'}' | b',')))
    {
        return None;
    }
    is_plain_text(s).then(|| Value::String(s.to_owned()))
}

/// Whether serde_yaml reads the plain scalar `s` as a string rather than a number: it holds a
/// character no number has, or it is a word (a number never starts with a letter but for `inf`
/// and `nan`, which serde_yaml reads as strings), or digits and dashes with a dash after the first
/// character (a date: no integer or float has an inner dash without an exponent).
fn is_plain_text(s: &str) -> bool {
    let numberish = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.');
    s.chars().any(|c| !numberish(c))
        || s.starts_with(|c: char| c.is_ascii_alphabetic())
        || (s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            && s.bytes().skip(1).any(|b| b == b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde(yaml: &str) -> Option<Value> {
        serde_yaml::from_str::<Value>(yaml).ok()
    }

    #[test]
    fn a_feed_archives_front_matter_is_read_here_as_serde_yaml_reads_it() {
        let yaml = "layout: post\ntitle: \"港口城市试行夜间公交\"\ndate: 2014-03-17T16:45:28+01:00\n\
                    author: Anonymous\nfrom: https://news.example/a/51\ntags: [ 泡泡 ]\n\
                    categories: [ 新闻, world ]\ncomments: true\nday: 2024-05-01\nempty:\n";
        let fast = read(yaml).expect("simple front matter is read here");
        assert_eq!(Some(fast), serde(yaml));
    }

    #[test]
    fn anything_unusual_is_left_to_serde_yaml() {
        for yaml in [
            "count: 12\n",
            "title: \"a \\\"b\\\"\"\n",
            "title: a # comment\n",
            "tags:\n  - a\n",
            "title: a\ntitle: b\n",
            "'quoted key': a\n",
            "true: a\n",
            "title: 1.5\n",
            "title:\ta\n",
            "title: a\u{85}b\n",
            "nested: {a: b}\n",
        ] {
            assert_eq!(read(yaml), None, "{yaml:?}");
        }
    }

    /// Values from pieces that make numbers, words, quotes, dates, lists and YAML's indicators.
    fn value() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("E"),
                Just("x"),
                Just("0"),
                Just("1"),
                Just("-"),
                Just("+"),
                Just("."),
                Just(":"),
                Just(" "),
                Just(","),
                Just("#"),
                Just("["),
                Just("]"),
                Just("{"),
                Just("\""),
                Just("'"),
                Just("\\"),
                Just("~"),
                Just("_"),
                Just("&"),
                Just("!"),
                Just("新闻"),
                Just("null"),
                Just("true"),
                Just("inf"),
                Just(".nan"),
                Just("0x1f"),
                Just("2024-05-01"),
                Just("\t"),
                Just("\r"),
            ],
            0..6,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20000))]
        #[test]
        fn whatever_is_read_here_is_what_serde_yaml_reads(
            lines in proptest::collection::vec(
                (prop_oneof![Just("title"), Just("tags"), Just("a-b_1"), Just("True"), Just("x")],
                 prop_oneof![Just(": "), Just(":"), Just(":  "), Just(" : ")],
                 prop_oneof![
                     value(),
                     proptest::collection::vec(value(), 0..3)
                         .prop_map(|items| format!("[{}]", items.join(","))),
                 ],
                 prop_oneof![Just(""), Just(" "), Just("\r")]),
                0..4),
        ) {
            let yaml: String = lines
                .iter()
                .map(|(k, sep, v, end)| format!("{k}{sep}{v}{end}\n"))
                .collect();
            if let Some(fast) = read(&yaml) {
                prop_assert_eq!(Some(fast), serde(&yaml), "{:?}", yaml);
            }
        }
    }
}
