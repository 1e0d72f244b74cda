//! Bytes in: which encoding a page's bytes are in, found as browsers find it, and the text decoded.
//!
//! The order is the HTML standard's, but for one step: a byte-order mark; then bytes that are valid
//! UTF-8 are UTF-8; then a `<meta charset>` or `http-equiv` declaration in the first 1024 bytes;
//! then a guess (chardetng, Firefox's detector). Posts say nothing of their encoding and are UTF-8; only whole pages are sniffed,
//! unless the caller names the encoding.

use encoding_rs::{Encoding, UTF_8};

use crate::error::{Error, Result};
use crate::options::Options;

/// Where the encoding of decoded bytes came from.
///
/// ```
/// use tidings::{decode, EncodingSource, Options};
/// assert_eq!(decode("<p>新闻</p>".as_bytes(), &Options::new())?.source, EncodingSource::Utf8);
/// let given = Options::new().encoding(Some("gbk".into()));
/// assert_eq!(decode(&[0xD0, 0xC2], &given)?.source, EncodingSource::Given);
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// [`Options::encoding`] named it.
    Given,
    /// A byte-order mark.
    ByteOrderMark,
    /// A `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 1024 bytes.
    Meta,
    /// Strict UTF-8, as the bytes were.
    Utf8,
    /// The detector's guess.
    Detected,
}

/// Text decoded from bytes, and how.
///
/// ```
/// use tidings::{decode, Options};
/// let decoded = decode(b"caf\xe9", &Options::new().encoding(Some("windows-1252".into())))?;
/// assert_eq!((decoded.text.as_str(), decoded.encoding, decoded.had_errors), ("café", "windows-1252", false));
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding's WHATWG name (`UTF-8`, `GBK`, `windows-1252`).
    pub encoding: &'static str,
    /// How the encoding was chosen.
    pub source: EncodingSource,
    /// Whether some bytes were not valid in that encoding (each became U+FFFD).
    pub had_errors: bool,
}

/// Decodes input bytes: in the encoding [`Options::encoding`] names; else, for a whole page (one
/// that opens with `<!doctype`, `<html`, `<head>` or `<meta`), by its byte-order mark, its meta
/// declaration or a detector's guess; else as strict UTF-8, as posts are.
///
/// ```
/// use tidings::{decode, EncodingSource, Options};
/// // "新闻" in GBK, declared in the page
/// let mut page = b"<html><head><meta charset=\"gbk\"></head><body><p>".to_vec();
/// page.extend_from_slice(&[0xD0, 0xC2, 0xCE, 0xC5]);
/// page.extend_from_slice(b"</p></body></html>");
/// let decoded = decode(&page, &Options::new())?;
/// assert!(decoded.text.contains("<p>新闻</p>"));
/// assert_eq!((decoded.encoding, decoded.source), ("GBK", EncodingSource::Meta));
/// // a post is strict UTF-8
/// assert!(decode(&[0xD0, 0xC2], &Options::new()).is_err());
/// # Ok::<(), tidings::Error>(())
/// ```
pub fn decode(bytes: &[u8], options: &Options) -> Result<Decoded> {
    options.limits.check_input(bytes.len())?;
    if let Some(label) = options.encoding.as_deref() {
        let encoding =
            Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| Error::UnknownEncoding {
                label: label.to_string(),
            })?;
        return Ok(with(encoding, bytes, EncodingSource::Given));
    }
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Ok(with(encoding, bytes, EncodingSource::ByteOrderMark));
    }
    // Bytes that are valid UTF-8 are read as UTF-8 whatever a meta tag says: a saved or re-encoded
    // page keeps its old `<meta charset=gbk>`, while legacy text with any non-ASCII byte is almost
    // never valid UTF-8 by chance. Here alone this differs from a browser, which trusts the tag.
    let invalid = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text: text.to_string(),
                encoding: UTF_8.name(),
                source: EncodingSource::Utf8,
                had_errors: false,
            });
        }
        Err(e) => e,
    };
    let page = looks_like_page(bytes);
    if page {
        if let Some(encoding) = prescan(&bytes[..bytes.len().min(1024)]) {
            return Ok(with(encoding, bytes, EncodingSource::Meta));
        }
    }
    if !page {
        return Err(Error::InvalidUtf8 {
            offset: invalid.valid_up_to(),
        });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    Ok(with(encoding, bytes, EncodingSource::Detected))
}

fn with(encoding: &'static Encoding, bytes: &[u8], source: EncodingSource) -> Decoded {
    // decode() sniffs a BOM again and lets it win, as the standard says
    let (text, used, had_errors) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: used.name(),
        source,
        had_errors,
    }
}

/// Whether the bytes open (after whitespace, a BOM or comments aside) like a whole HTML page.
fn looks_like_page(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    [&b"<!doctype"[..], b"<html", b"<head", b"<meta", b"<?xml"]
        .iter()
        .any(|m| lower.windows(m.len()).any(|w| w == *m))
}

/// The encoding a `<meta>` in `head` declares: `charset=` in a `<meta>` tag, whether as its own
/// attribute or inside `content` of an `http-equiv`. UTF-16 declarations mean UTF-8 (a page that
/// could say so in ASCII is not UTF-16), and `x-user-defined` means windows-1252, as the standard
/// says.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut at = 0;
    while let Some(offset) = find(&lower[at..], b"<meta") {
        let start = at + offset + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |p| start + p);
        let tag = &lower[start..end];
        if let Some(p) = find(tag, b"charset") {
            let rest = &tag[p + 7..];
            let rest = skip_space(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let value = value_of(skip_space(rest));
                if let Some(enc) = Encoding::for_label(value) {
                    return Some(
                        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                            UTF_8
                        } else if enc == encoding_rs::X_USER_DEFINED {
                            encoding_rs::WINDOWS_1252
                        } else {
                            enc
                        },
                    );
                }
            }
        }
        at = end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn skip_space(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

/// A charset value: quoted, or up to a space, `;`, quote or `/`.
fn value_of(s: &[u8]) -> &[u8] {
    match s.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let rest = &s[1..];
            let end = rest.iter().position(|&b| b == q).unwrap_or(rest.len());
            &rest[..end]
        }
        _ => {
            let end = s
                .iter()
                .position(|b| b.is_ascii_whitespace() || matches!(b, b';' | b'"' | b'\'' | b'/'))
                .unwrap_or(s.len());
            &s[..end]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    #[test]
    fn meta_declarations_name_the_encoding() {
        for head in [
            "<meta charset=gb2312>",
            "<meta charset='GBK'>",
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gbk\">",
        ] {
            let bytes = gbk(&format!(
                "<html><head>{head}</head><body><p>新闻报道</p></body></html>"
            ));
            let d = decode(&bytes, &Options::new()).unwrap();
            assert_eq!(
                (d.encoding, d.source),
                ("GBK", EncodingSource::Meta),
                "{head}"
            );
            assert!(d.text.contains("新闻报道"));
        }
    }

    #[test]
    fn an_undeclared_page_is_detected_and_a_bom_wins() {
        let text = "<!doctype html><html><body><p>今天的新闻报道说，山区的孩子们第一次拥有了自己的图书馆。志愿者用了三个月时间，把两千本书搬上山。</p></body></html>";
        let d = decode(&gbk(text), &Options::new()).unwrap();
        assert_eq!(d.source, EncodingSource::Detected);
        assert!(d.text.contains("图书馆"), "{}", d.encoding);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(b"<html><head><meta charset=gbk></head></html>");
        let d = decode(&bom, &Options::new()).unwrap();
        assert_eq!(
            (d.encoding, d.source),
            ("UTF-8", EncodingSource::ByteOrderMark)
        );
    }

    #[test]
    fn posts_stay_utf8_unless_told() {
        let bytes = gbk("<p>新闻</p>");
        assert!(matches!(
            decode(&bytes, &Options::new()),
            Err(Error::InvalidUtf8 { offset: 3 })
        ));
        let d = decode(&bytes, &Options::new().encoding(Some("gb18030".into()))).unwrap();
        assert_eq!(
            (d.text.as_str(), d.source),
            ("<p>新闻</p>", EncodingSource::Given)
        );
        assert!(matches!(
            decode(&bytes, &Options::new().encoding(Some("no-such".into()))),
            Err(Error::UnknownEncoding { .. })
        ));
    }
}
