//! East Asian wide characters: the class that the cleaner's whitespace collapsing and the text
//! writer's line wrapping both need.
//!
//! HTML collapses runs of spaces, tabs and line breaks into one space. CSS Text 3 (§4.1.2, "segment
//! break transformation rules") further removes a line break, with the spaces around it, when the
//! characters on both sides are East Asian wide, because Chinese and Japanese put no space between
//! words: prettified HTML that breaks a Chinese sentence across lines must not gain spaces. The text
//! writer may break a line between two such characters for the same reason.

/// The colon in its forms: ASCII, full width, and the small and vertical presentation forms some
/// outlets set after a label ("相關字詞﹕", Hong Kong papers). A label ends in any of them; the text
/// keeps the form it was written in.
pub(crate) const COLONS: [char; 4] = [':', '：', '﹕', '︰'];

/// Whether `c` is one of [`COLONS`]: for the checks that take a colon beside other marks.
pub(crate) fn is_colon(c: char) -> bool {
    COLONS.contains(&c)
}

/// Whether `c` is East Asian wide text that the segment-break rule joins without a space: Han,
/// kana, bopomofo, CJK punctuation and full-width forms. Hangul is left out, as CSS Text 3 does,
/// because Korean separates words with spaces.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF      // radicals, Kangxi, description characters
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // hiragana, katakana
        | 0x3100..=0x312F    // bopomofo
        | 0x31A0..=0x31FF    // bopomofo extended, strokes, katakana extension
        | 0x3200..=0x32FF    // enclosed CJK
        | 0x3300..=0x33FF    // CJK compatibility
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFF60    // full-width forms
        | 0xFFE0..=0xFFE6    // full-width signs
        | 0x20000..=0x3FFFF  // supplementary ideographic planes
    )
}

/// A character of the CJK Unified Ideographs block: a letter (a unit test checks every one), told
/// without the Unicode tables.
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
}

/// How much a character says, by the measure the cleaner's length tests use: an ideograph says what
/// a Latin letter or two do, so it weighs two, every other character one.
pub(crate) fn weight(c: char) -> usize {
    if is_cjk(c) { 2 } else { 1 }
}

/// The summed [`weight`] of `text`'s characters.
pub(crate) fn weighed_len(text: &str) -> usize {
    // ASCII and the unified ideographs from U+5000 on (lead bytes E5 to E9, three bytes each) are
    // weighed by their first byte, every other character as `weight` weighs it: most of a text is
    // one or the other, and the character is not decoded
    let bytes = text.as_bytes();
    let (mut n, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            n += 1;
            i += 1;
        } else if (0xE5..=0xE9).contains(&b) {
            n += 2;
            i += 3;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            n += weight(c);
            i += c.len_utf8();
        }
    }
    n
}

/// Whether the whitespace between `before` and `after`, which held a line break, vanishes.
pub(crate) fn segment_break_vanishes(before: char, after: char) -> bool {
    is_cjk(before) && is_cjk(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighed_len_weighs_each_character_as_weight_does() {
        for t in [
            "",
            "abc 123",
            "中文，正文。",
            "一丁亐乐俀儿凡十卄吖墲婙媼学帀忿戹所攁昂未栀樋毅氿泇澝炏犿猆璆",
            "龜龠龥鿿\u{4dff}\u{4e00}\u{5000}\u{9fff}\u{a000}",
            "ひらがなカタカナ、한국어 ｆｕｌｌ😀𠀀Ünïcödé",
        ] {
            let by_chars: usize = t.chars().map(weight).sum();
            assert_eq!(weighed_len(t), by_chars, "{t}");
        }
    }

    #[test]
    fn cjk_classes() {
        for c in ['我', '。', '「', 'ア', 'ｈ', '𠀀'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '한', ' ', '\u{a0}', 'é'] {
            assert!(!is_cjk(c), "{c}");
        }
        assert!(segment_break_vanishes('了', '一'));
        assert!(!segment_break_vanishes('了', 'A'));
    }
}
