//! One test per fuzzer finding, named for what it shows, with the minimized input. Each holds the
//! outputs to every invariant in `common` (idempotence included) and, where the finding was about
//! one output, states that output's expected shape as well.
//!
//! Findings that are library bugs not yet fixed are `#[ignore]`d with the reason, so that the suite
//! stays green while the library is rewritten; `cargo test --test fuzz_regressions -- --ignored`
//! runs them, and each must pass once its bug is fixed (then drop the `ignore`).

mod common;

use common::{check, markdown_body, markdown_violations};
use tidings::Post;

/// GFM splits a table row at every unescaped `|` before it reads code spans, so a `|` inside a
/// cell's code span ends the cell: the backtick left behind no longer opens a code span, and what
/// followed it in the span is read as Markdown, raw HTML included.
#[test]
fn pipe_in_a_table_code_span_cannot_open_raw_html() {
    let input = "<table><tr><th>h1</th><th>h2</th></tr><tr><td>\
                 <code>&lt;img src=x onerror=alert(1)&gt;|</code></td><td>b</td></tr></table>";
    let post = Post::parse(input).unwrap();
    let md = post.to_markdown();
    let v = markdown_violations(&markdown_body(&post, &md));
    assert!(v.is_empty(), "{}\n{md}", v.join("\n"));
    check(input).unwrap();
}

/// The same split, minimized by the fuzzer from a `<pre>` in a cell (found by `render_markdown`).
#[test]
fn pipe_in_a_table_code_block_cannot_open_raw_html() {
    let input = "<table><th> <tr><td colspan=\"2\"><pre>|&lta>";
    let post = Post::parse(input).unwrap();
    let md = post.to_markdown();
    let v = markdown_violations(&markdown_body(&post, &md));
    assert!(v.is_empty(), "{}\n{md}", v.join("\n"));
    check(input).unwrap();
}

/// The same split in a header row: one more cell than the delimiter row, so the table is no table
/// for a GFM reader, and its text is not ours (found by `post_parse`, `render_text` and
/// `roundtrip`, with `<code>` and with `<pre>`).
#[test]
fn pipe_in_a_header_code_span_keeps_the_table_a_table() {
    check("<table><th><th><code>\n|").unwrap();
    check("<table><th><th><pre>|").unwrap();
}

/// A `|` in an image URL inside a cell: `![](|)` splits the cell the same way (found by
/// `roundtrip`).
#[test]
fn pipe_in_a_table_image_url_keeps_the_table_a_table() {
    check("<table><th><th><img src=|>").unwrap();
}

/// A link whose content ends in a `<br>` and is followed by more text (at the end of a paragraph
/// the break is trimmed): the Markdown ends the link text with a hard break, `\` and a newline
/// right before `](`. pulldown-cmark reads that `\` literally when the link text holds other markup
/// (`[**a**\⏎](/d)`; `[a\⏎](/d)` is a hard break), so the Markdown's text has a `\` that ours has
/// not. Found by `roundtrip` (the first input, minimized) and again by `post_parse`.
#[test]
fn line_break_at_the_end_of_link_text_is_not_a_backslash() {
    check("<a href=d><strong>意</strong><br><a>>").unwrap();
    check("<p><a href=\"/d\"><b>a</b><br></a>c</p>").unwrap();
    // a list closing inside the link ends its text with the break (found by `render_text` in the
    // third session, minimized)
    check("<a href=t><ul><em>e</ul><a>b").unwrap();
}

/// An image URL (`src`, `data-src` or a `srcset` candidate) that is only a query of tracking
/// parameters: stripping them leaves an empty URL, which is still written as an image (`![]()`,
/// `<img src="">`), and the sanitized HTML read again has no image, so the conversion is not
/// idempotent (found by `html_tree`, 33 times in one session, in every spelling).
#[test]
fn image_url_of_only_tracking_parameters_leaves_no_empty_image() {
    for input in [
        "<img srcset=\"?utm_source=x&amp;\">",
        "<img src=\"?utm_source=x&amp;\">",
        "<img data-src=\"\t?utm_source=x&amp;\">",
    ] {
        let post = check(input).unwrap();
        let md = post.to_markdown();
        assert!(!md.contains("]()"), "{md}");
    }
}

/// Two short plain-text paragraphs, the first "Read more": the HTML path drops them as an announced
/// related-links block (`related::drop_announced`, counted as `related-links`), the plain-text path
/// (`clean::plain::blocks`) keeps them, so the sanitized HTML converts to nothing (found by
/// `html_tree`, whose text pieces include "Read more").
#[test]
fn plain_text_body_gets_the_related_links_rules_html_gets() {
    check("Read more\n\nRead more\u{7}word").unwrap();
    check("Read more\n\nother").unwrap();
}

/// A plain-text body whose last paragraph is a call to action with a link: the HTML path drops it
/// (the shape pass, counted as `follow`), the plain-text path did not run that pass, so the
/// sanitized HTML converted to less than the Markdown said (found by `roundtrip` in the third
/// session; the text here is a variant written for the test).
#[test]
fn plain_text_body_gets_the_shape_pass_html_gets() {
    let post = check(
        "第一段写的是一件事情的经过，有人物也有时间。\n\n追踪[频道](https://m.example.cn/c?id=7)看更多。",
    )
    .unwrap();
    assert_eq!(post.report().removed.get("follow"), Some(&1));
}

/// A control character before a delimiter run: CommonMark counts it as neither whitespace nor
/// punctuation, so `\u{1}**>**` opens no emphasis; the writer counted it as punctuation and wrote
/// delimiters that read back as text (found by `render_text` in the fourth session, minimized).
#[test]
fn control_character_before_emphasis_is_no_punctuation() {
    check("\u{1}<b>></b>").unwrap();
}

/// A strikethrough around a link whose text starts with a tab: the link writes its edge space
/// outside its brackets, so the `~~` before it was followed by a space and opened nothing
/// (`~~ [与](1)见~~`), and the Markdown's text had `~~` that ours has not (found by `front_matter`
/// in the fourth session). The flanking check now sees the space.
#[test]
fn edge_space_of_a_link_inside_emphasis_moves_outside_it_too() {
    check("<s><a href=1>\t与<a>见").unwrap();
}

/// Fourth session (found by `roundtrip`): a heading and two rules in the header cell of a table of
/// one column. The cell's blocks are joined by line breaks, two of them here, and the layout table
/// becomes that one paragraph; the Markdown wrote one hard break, the sanitized HTML `<br><br>`,
/// which the cleaner reads as the end of a paragraph, so the HTML read again gave two. Every writer
/// now reads a run of breaks as the cleaner does: two paragraphs in a paragraph block, one break in
/// a cell or a caption (which hold one line).
#[test]
fn blocks_in_a_table_header_cell_are_idempotent() {
    // the fuzzer's input ended in U+0001, which the tree drops since the sixth session
    check("<table><th><h2>o<hr><hr>\u{1}").unwrap();
    let post = check("<table><th><h2>o<hr><hr>x").unwrap();
    assert_eq!(post.to_markdown(), "o\n\nx\n");
    assert_eq!(post.to_html(), "<p>o</p>\n<p>x</p>\n");
    assert_eq!(post.to_text(), "o\n\nx\n");
    for input in [
        // a table of two columns: the cell stays one line
        "<table><tr><th><h2>o<hr><hr>x</th><th>y</th></tr><tr><td><p>a</p><p>c</p></td><td>b</td></tr></table>",
        "<table><tr><td>a<br><br>b</td><td>c</td></tr><tr><td>d</td><td>e</td></tr></table>",
        // a layout table's cell in a list item: the item holds two paragraphs, so the list is loose
        "<ul><li><table><tr><td><h3>a<hr><hr>b</h3></td></tr></table></li><li>c</li></ul>",
        "<blockquote><table><tr><td><h3>a<hr><hr>b</h3></td></tr></table></blockquote>",
        "<figure><img src=a.png><figcaption><p>a<br><br>b</p></figcaption></figure>",
        "<table><tr><td><h3>a<hr><hr><b>1.</b> b<hr><hr></h3></td></tr></table>",
    ] {
        check(input).unwrap();
    }
}

/// Found by the round-trip property test (`tests/roundtrip.rs`) in the fourth session: strong
/// emphasis right before a strikethrough that holds strong emphasis ending in punctuation, before a
/// word. The strikethrough could not close before the word and came out without delimiters, so the
/// inner strong's `**` landed right against the first strong's closing `**`: one run of four between
/// letters, which CommonMark's rule of three pairs with neither opener, and the Markdown's text kept
/// `****` that ours has not. Three mechanisms now: punctuation moves out of nested emphasis too, so
/// the strikethrough closes before the `：`; an emphasis whose opening run would join a sibling's
/// closing run of its own kind continues that sibling instead (`*a注意*`); and one whose run would
/// join another closing run into one CommonMark cannot pair is written without delimiters, the words
/// kept. (`adjacent_pairs_of_markup_read_back` in `tests/roundtrip.rs` holds every pair and triple
/// of such runs to the same invariants.)
#[test]
fn strong_then_struck_strong_before_a_word_reads_back() {
    let post = check("<strong># h</strong><del><strong>注意：+</strong></del>word").unwrap();
    assert_eq!(post.to_markdown(), "**# h**~~**注意**~~：+word\n");
    let post = check("<em>a</em><del><em>注意</em></del>word").unwrap();
    assert_eq!(post.to_markdown(), "*a注意*word\n");
    let post =
        check("<strong>：</strong><strong><em>a</em></strong><del><strong>a</strong></del>word")
            .unwrap();
    assert_eq!(post.to_markdown(), "**：*a***aword\n");
}

/// Left open last session, not fixed: the space after an image that starts a block is lost, in the
/// model already (`[Image, Text "Title"]`), so every writer glues the two. The walker writes
/// whitespace only after a character it has written (`Flow::last` in `clean::walk::flow`), and an
/// image (`clean::walk::content`) writes none, so the space after it counts as the block's leading
/// whitespace. Those files belong to the walker, not to the writers; the writers say what the model
/// holds.
#[test]
fn space_after_an_image_at_the_start_of_a_heading_stays() {
    let post = check("<h2><img src=a.png alt=x> Title</h2>").unwrap();
    assert_eq!(post.to_markdown(), "## ![x](a.png) Title\n");
}

/// Fifth session (`html_tree`, 29 inputs, all this one): an image URL whose tracking query, once
/// stripped, leaves a Unicode whitespace at its new edge kept it, and the sanitized HTML read again
/// trimmed it, so the conversion was not idempotent. The edge left by the strip is trimmed as the
/// URL's edges are.
#[test]
fn whitespace_left_at_the_edge_by_a_stripped_query_is_trimmed() {
    check("<img data-src=\"\u{202e}\u{2029}&#x9;?utm_source=x&amp;\">").unwrap();
    check("<p><a href=\"https://a.example/x\u{3000}?utm_medium=y\">link</a></p>").unwrap();
}

/// Fifth session (`roundtrip`): a banner link (to a donation page) whose text a rule removed kept
/// its image, since it had text when it was entered; read again from the sanitized HTML it held
/// only the image and went as a banner. A link is judged a banner by what it kept.
#[test]
fn banner_link_whose_text_was_removed_is_a_banner() {
    let post =
        check("<p>正文。<a href=\"https://liberapay.com/x\"><img src=\"d.png\"><script>x</script></a></p>")
            .unwrap();
    assert_eq!(post.to_markdown(), "正文。\n");
    check("<p>正文。<a href=\"https://liberapay.com/x\"><img src=\"d.png\"><span hidden>捐款</span></a></p>")
        .unwrap();
}

/// Fifth session (`roundtrip`, several inputs): the same image twice with an empty element or a
/// script between them kept both, and the sanitized HTML, where they stand side by side, kept one.
/// Twins are judged by what was kept beside each other.
#[test]
fn the_same_image_beside_itself_once_an_empty_element_goes_is_a_twin() {
    for input in [
        "<p><img src=\"a.png\"><span></span><img src=\"a.png\"></p>",
        "<p><img src=\"a.png\"><script>x</script><img src=\"a.png\"></p>",
    ] {
        let post = check(input).unwrap();
        assert_eq!(post.to_markdown(), "![](a.png)\n", "{input}");
    }
    // the author's second use, with words between, stays
    let post = check("<p><img src=\"a.png\">又一次<img src=\"a.png\"></p>").unwrap();
    assert_eq!(post.to_markdown(), "![](a.png)又一次![](a.png)\n");
}

/// Fifth session (`html_tree`, after the fix above let its inputs go further): emphasis next to a
/// code point of plane 4 and up, private use or a noncharacter (`\u{902ff}**word**`). A CommonMark
/// reader takes those for letters, the writer took them for punctuation and placed delimiters that
/// do not flank. The sixth session's unassigned code points of planes 1 and 2 (below) and others
/// of their kind are checked here too.
#[test]
fn emphasis_beside_unlisted_code_points_reads_back() {
    for c in [
        '\u{902ff}',
        '\u{400dd}',
        '\u{ffff}',
        '\u{e000}',
        '\u{10fffd}',
        '\u{15ec3}',
        '\u{2efef}',
        '\u{e0080}',
        '\u{378}',
    ] {
        check(&format!("<p>{c}<strong>word</strong></p>")).unwrap();
        check(&format!("<p><em>word</em>{c}</p>")).unwrap();
        check(&format!("<p>{c}<strong>*word</strong></p>")).unwrap();
        check(&format!("<p><strong>a[</strong>{c}</p>")).unwrap();
        check(&format!("<p>{c}<em>+b</em></p>")).unwrap();
    }
}

/// Fifth session (`roundtrip`, 3 inputs, one kind): a unit the shape pass cuts out of the middle of
/// a paragraph (here a URL that names a platform, inside inline code or strikethrough) left the
/// inline it fell inside as two, the first ending in the space before the cut; the sanitized HTML,
/// read again, collapsed or moved that space and the Markdown differed by one space (`<-m: ><` then
/// `<-m:><`; `~~城夜话from: …~~` then `~~城夜话from:~~ ~~…~~`). Fixed in `shape::join`: the two
/// parts of a code span or emphasis are one again, and where an inline ends at the cut, whitespace
/// at its end moves out of it, where a reader of the HTML puts it.
#[test]
fn a_cut_inside_inline_code_or_strikethrough_is_idempotent() {
    check("pre><code><-m: https://youtube.>< sta:: [urce_urlta:[").unwrap();
    check("<s>城夜话from: http://watch\u{13}\u{13}gttttlintextm\u{13}\u{13}\u{13}\u{13}\u{13}")
        .unwrap();
    check("pre><code><-m: http://youtube><[urce_urlta:[lta:[").unwrap();
    // not from the fuzzer: a code span that ends at the cut, before kept text and at the end
    let lead = "<p>这是文章的正文内容，很长很长很长很长的一段话。";
    let post = check(&format!(
        "{lead}<code>正文内容继续写在这里 https://youtube.com/abc</code> kept text</p>"
    ))
    .unwrap();
    assert!(
        post.to_markdown()
            .ends_with("`正文内容继续写在这里` kept text\n")
    );
    let post = check(&format!(
        "{lead}<code>正文内容继续写在这里 https://youtube.com/abc</code></p>"
    ))
    .unwrap();
    assert!(post.to_markdown().ends_with("`正文内容继续写在这里`\n"));
}

/// Sixth session (`roundtrip`): a whole page (here only a `<!DOCTYPE>` makes it one) whose article
/// the page scorer takes in two parts had the passes that need the whole article (the shape pass,
/// related lists, orphan frames) run on each part alone. A call to action alone in its part was kept
/// by the pass's never-empty guard; the sanitized HTML, one body, read again, removed it. Fixed in
/// `clean::clean_all`: the parts are walked one by one and the passes run once over all of them.
#[test]
fn a_page_cut_into_parts_is_cleaned_as_one_article() {
    let input = "<!DOCTYPE hri>\n<p><img>\n[山城夜话第十二期：老城区的早市](https://www.youtube.com/watch?v=abc123XYZ00)\n---\n\n<div><p>的早市ro\ntitlecil opengns";
    let post = check(input).unwrap();
    assert_eq!(post.to_text(), "的早市ro titlecil opengns\n");
}

/// Sixth session (`roundtrip`, two inputs): control characters (here U+0003 and U+0014) stayed in
/// the model's text, where the sanitized HTML drops them, so a line read back from the HTML was a
/// different line: short enough to be the ad-slot label it spelt ("Advertisement" with fifteen
/// U+0003 in it was not), or a link label "加入" that the promo-line pass takes where "加入\u{14}"
/// had not been one. Fixed in `dom::without_controls`: the tree never holds them, so no reader and
/// no output sees them.
#[test]
fn control_characters_never_reach_the_text() {
    check("y\"metada\u{14}\u{14}\u{0}empem<>\n<p>Download: <a href=\"tp//apps.apple.com/0\">https://a加入\u{14}").unwrap();
    check("<rke>\n<table>\nr><th>ts],<h2>Nfor=\"3\">   Advertisementx\">a\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}t\u{0}\u{0}\u{0}eimages\":  <li>Tinks\":it\u{0}\u{0}\u{0}ews20txt7/arwicle.html\n--F\u{0}\n--F\u{0}cle.html\n--F\u{0}e-images\":[],\"links\":ews/20mark7/arwicle.html\n--F\n--F\u{0}\u{0}\n--F\u{0}").unwrap();
    // C0 goes; DEL and C1, which HTML carries, stay
    let post = check("<p>a\u{3}b\u{14}c\u{7f}d\u{85}e\tf</p>").unwrap();
    assert_eq!(post.to_text(), "abc\u{7f}d\u{85}e f\n");
}

/// Sixth session (`html_tree`, two inputs): unassigned code points of planes 1 and 2 (U+15EC3,
/// U+2EFEF) beside a delimiter run. The writer took what is not alphanumeric for punctuation, so it
/// thought `**` between `[` and U+15EC3 could close; a CommonMark reader, whose punctuation is
/// Unicode's P and S only, takes unassigned code points for letters and left the `**` as text.
/// Fixed in `render::markdown::is_punct`: the general category decides (`icu_properties`, already
/// in the build through `url`).
#[test]
fn unassigned_code_points_flank_as_letters() {
    check("<strong>\u{fc323}\u{17}[</strong>\u{15ec3}").unwrap();
    check("<ol></table>\u{2efef}<strong>+&amp;word</strong></ol>").unwrap();
    // the same code points beside every delimiter shape: `emphasis_beside_unlisted_code_points_reads_back`
}

/// Sixth session (`roundtrip`): a banner link to an app store whose text was a platform's URL and a
/// word (`Instagram：https://加入…`). The promo-line pass ran before the shape pass and saw a URL
/// label, not a promo; the shape pass then cut the platform URL out of the link, leaving `[加入]`,
/// which the promo-line pass takes when the HTML is read again. Fixed in `clean::after_walk`: when
/// the shape pass removed anything, promo lines are judged again.
#[test]
fn a_promo_line_left_by_a_shape_cut_goes_too() {
    let post =
        check("<\n<p><a href=apps.apple.com/\u{0}>\nInstagram：https://加入\u{fffd}e").unwrap();
    assert!(
        !post.to_markdown().contains("加入"),
        "{}",
        post.to_markdown()
    );
}

/// Sixth session (`roundtrip`): a heading left open in a table's header cell swallowed a list item
/// holding a set phrase ("Listen to this story"). A heading was judged by phrase rules as one text,
/// too long to be a line; unwrapped from its layout table it became lines of a paragraph, and the
/// sanitized HTML read again dropped the line. Fixed in `close_heading`: a heading of several lines
/// loses the lines the rules mark, as a paragraph does.
#[test]
fn a_heading_of_several_lines_loses_its_boilerplate_lines() {
    check("\u{0}\u{0}<table>\n<th>C<h2>Srceu<>\n2h/l>\n<li> its text.cenc>, ciparmarkListen to this storyresref=h<=h<,0000a href=h<=h<,00ref=h<=hd parmarkListen to this storyresr00a href=h<=h<,000a href=h<=h").unwrap();
    let post = check(
        "<h2>Ferry pilots<br>Listen to this story</h2><p>The ferry has run for ninety years.</p>",
    )
    .unwrap();
    assert!(!post.to_text().contains("Listen"), "{}", post.to_text());
    assert!(post.to_text().contains("Ferry pilots"));
}

/// Sixth session (`html_tree`, two inputs): an image URL of tracking parameters and a fragment
/// (`?utm_source=x&#_…`). With the query stripped the URL was a fragment only, which `clean_url`
/// refuses when it is written so, but kept here; read again from the HTML, it was refused. Fixed:
/// the fragment-only test runs on the URL as stripped too.
#[test]
fn a_url_left_a_fragment_by_a_stripped_query_is_no_url() {
    check("<img data-src=\"?utm_source=x&amp;#_\u{f2cff}<word\">").unwrap();
    check("<img data-src=\"\u{8}&#x20;\t  &#x9;?utm_source=x&amp;#\">").unwrap();
    check("<p><a href=\"?utm_source=x#top\">back to top</a></p>").unwrap();
}

/// A line beside a picture whose caption before a trailing credit is itself a credit: the pass
/// kept "©注意：~~正文~~", and converting the sanitized HTML again took it as a credit line, so the
/// outputs were not idempotent (found by the round-trip property test in the eleventh session).
#[test]
fn a_caption_that_is_a_credit_goes_with_the_credit_after_it() {
    let post = check(
        "<figure><img src=a.png><figcaption>注意：</figcaption></figure>&copy;注意：<s>正文&copy;注意：</s>",
    )
    .unwrap();
    assert!(!post.to_text().contains('©'), "{}", post.to_text());
}
