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
    weighed_len_up_to(text, usize::MAX)
}

/// [`weighed_len`], read only until it reaches `cap` (a paragraph of prose reaches a length test's
/// bound in its first line): the weight, or `cap` or a little more once it is reached.
pub(crate) fn weighed_len_up_to(text: &str, cap: usize) -> usize {
    // ASCII and the unified ideographs from U+5000 on (lead bytes E5 to E9, three bytes each) are
    // weighed by their first byte, every other character as `weight` weighs it: most of a text is
    // one or the other, and the character is not decoded
    let bytes = text.as_bytes();
    let (mut n, mut i) = (0, 0);
    while n < cap {
        let Some(&b) = bytes.get(i) else {
            break;
        };
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

/// `text` with its first date written in Chinese numerals ("二〇二六年十一月三日", "一九九九年十二月
/// 三十一日") in Arabic digits ("2026年11月3日"), as official documents date their sign-off; `None`
/// when it holds none. The year is four digits written one by one, the month and the day are
/// counted in tens ("十一", "二十三", "三十").
pub(crate) fn arabic_date(text: &str) -> Option<String> {
    let digit = |c: char| "〇○零一二三四五六七八九".find(c).map(|_| c);
    let value = |c: char| match c {
        '〇' | '○' | '零' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    // "十" alone is ten, "十一" eleven, "二十" twenty, "二十三" twenty-three
    let counted = |s: &str| -> Option<u32> {
        let chars: Vec<char> = s.chars().collect();
        match chars.as_slice() {
            ['十'] => Some(10),
            [u] => value(*u).filter(|&v| v > 0),
            ['十', u] => value(*u).filter(|&v| v > 0).map(|v| 10 + v),
            [t, '十'] => value(*t).filter(|&v| v > 1).map(|v| v * 10),
            [t, '十', u] => value(*t)
                .filter(|&v| v > 1)
                .zip(value(*u).filter(|&v| v > 0))
                .map(|(t, u)| t * 10 + u),
            _ => None,
        }
    };
    for (at, _) in text.match_indices('年') {
        let year: Vec<char> = text[..at].chars().rev().take(4).collect();
        if year.len() < 4 || !year.iter().all(|&c| digit(c).is_some()) {
            continue;
        }
        let start = at - year.iter().map(|c| c.len_utf8()).sum::<usize>();
        let rest = &text[at + '年'.len_utf8()..];
        let Some((month, after)) = rest.split_once('月') else {
            continue;
        };
        let Some(end) = after.find(['日', '号']) else {
            continue;
        };
        let (Some(m), Some(d)) = (counted(month), counted(&after[..end])) else {
            continue;
        };
        if m > 12 || d > 31 {
            continue;
        }
        let y: String = year
            .iter()
            .rev()
            .filter_map(|&c| value(c))
            .map(|v| char::from(b'0' + v as u8))
            .collect();
        let tail = &after[end..];
        return Some(format!("{}{y}年{m}月{d}{tail}", &text[..start]));
    }
    None
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

    #[test]
    fn dates_in_chinese_numerals_read_in_arabic_digits() {
        for (text, want) in [
            ("二〇二六年十一月三日", "2026年11月3日"),
            ("一九九九年十二月三十一日", "1999年12月31日"),
            (
                "某某市人民政府 二○二四年三月二十日",
                "某某市人民政府 2024年3月20日",
            ),
            ("二〇二〇年十月十号", "2020年10月10号"),
        ] {
            assert_eq!(arabic_date(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "十一月三日",
            "二〇二六年",
            "二〇二六年十三月一日",
            "二〇二六年一月三十二日",
            "三年五月一日",
            "今年十一月三日",
            "二〇二六年十一月",
        ] {
            assert_eq!(arabic_date(text), None, "{text}");
        }
    }
}
