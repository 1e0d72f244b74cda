//! Known XSS vectors through every output. The HTML output must carry nothing executable; Markdown
//! must carry no raw HTML and no unsafe link schemes; and no vector's payload may leak into any
//! output as live markup.

mod common;

use common::{check, html_violations, markdown_body, markdown_violations, unsafe_url};
use tidings::{Block, Error, Image, Inline, Post};

const VECTORS: &[&str] = &[
    // script and style
    "<script>alert(1)</script><p>x</p>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT><p>x</p>",
    "<scr<script>ipt>alert(1)</scr</script>ipt><p>x</p>",
    "<p>x<script\n>alert(1)</script\n></p>",
    "<style>@import 'https://evil.example/x.css'; body{background:url(javascript:alert(1))}</style><p>x</p>",
    "<p style=\"background:url(javascript:alert(1));behavior:url(x.htc)\">x</p>",
    "<p><span style=\"x:expression(alert(1))\">x</span></p>",
    // event handlers
    "<p onclick=\"alert(1)\">x</p>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"https://i.example/a.jpg\" onload=alert(1) alt=a>",
    "<p><a href=\"https://ok.example/\" onmouseover=alert(1)>x</a></p>",
    "<body onload=alert(1)><p>x</p></body>",
    "<p><b/onclick=alert(1)>x</b></p>",
    "<details open ontoggle=alert(1)><summary>s</summary>x</details>",
    "<video><source onerror=alert(1)></video><p>x</p>",
    "<input autofocus onfocus=alert(1)><p>x</p>",
    "<marquee onstart=alert(1)>x</marquee>",
    // URL schemes, plain and obfuscated
    "<p><a href=\"javascript:alert(1)\">x</a></p>",
    "<p><a href=\"JaVaScRiPt:alert(1)\">x</a></p>",
    "<p><a href=\" javascript:alert(1)\">x</a></p>",
    "<p><a href=\"java\tscript:alert(1)\">x</a></p>",
    "<p><a href=\"java\nscript:alert(1)\">x</a></p>",
    "<p><a href=\"java\rscript:alert(1)\">x</a></p>",
    "<p><a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a></p>",
    "<p><a href=\"&#x6A;avascript&#x3A;alert(1)\">x</a></p>",
    "<p><a href=\"jav&#x09;ascript:alert(1)\">x</a></p>",
    "<p><a href=\"jav&#x0A;ascript:alert(1)\">x</a></p>",
    "<p><a href=\"javascript&colon;alert(1)\">x</a></p>",
    "<p><a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a></p>",
    "<p><a href=\"\u{1}javascript:alert(1)\">x</a></p>",
    "<p><a href=\"vbscript:msgbox(1)\">x</a></p>",
    "<p><a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a></p>",
    "<p><a href=\"DATA:text/html,<script>alert(1)</script>\">x</a></p>",
    "<img src=\"javascript:alert(1)\" alt=a>",
    "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\" alt=a>",
    "<img srcset=\"javascript:alert(1) 1x\" alt=a>",
    "<img data-src=\"javascript:alert(1)\" src=\"data:image/gif;base64,R0lGOD\" alt=a>",
    "<p><a href=\"javascript://news.example/%0Aalert(1)\">x</a></p>",
    "<p><a href=\"  &#14;  javascript:alert(1)\">x</a></p>",
    // SVG and MathML
    "<svg onload=alert(1)><p>x</p></svg>",
    "<svg><script>alert(1)</script></svg><p>x</p>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg><p>x</p>",
    "<svg><foreignObject><p onclick=alert(1)>x</p></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math><p>x</p>",
    "<math href=\"javascript:alert(1)\"><mi>x</mi></math>",
    "<math><maction actiontype=\"statusline#\" xlink:href=\"javascript:alert(1)\">x</maction></math>",
    // head and document tricks
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\"><p>x</p>",
    "<meta charset=\"x-imap4-modified-utf7\"><p>x</p>",
    "<base href=\"javascript:alert(1)//\"><p><a href=\"x\">x</a></p>",
    "<link rel=stylesheet href=\"javascript:alert(1)\"><p>x</p>",
    // forms, frames, objects
    "<form action=\"javascript:alert(1)\"><input type=submit value=x></form><p>x</p>",
    "<form><button formaction=\"javascript:alert(1)\">x</button></form>",
    "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe><p>x</p>",
    "<iframe src=\"javascript:alert(1)\"></iframe><p>x</p>",
    "<object data=\"javascript:alert(1)\"></object><p>x</p>",
    "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object><p>x</p>",
    "<embed src=\"javascript:alert(1)\"><p>x</p>",
    "<applet code=\"x\"></applet><p>x</p>",
    "<frameset><frame src=\"javascript:alert(1)\"></frameset>",
    // parser-differential tricks
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">x</p></noscript>",
    "<p><!--<img src=x onerror=alert(1)>-->x</p>",
    "<p>x<![CDATA[<img src=x onerror=alert(1)>]]></p>",
    "<xmp><img src=x onerror=alert(1)></xmp><p>x</p>",
    "<textarea><img src=x onerror=alert(1)></textarea><p>x</p>",
    "<title><img src=x onerror=alert(1)></title><p>x</p>",
    "<template><img src=x onerror=alert(1)></template><p>x</p>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    "<p><a href=\"https://ok.example/\" title='\"><script>alert(1)</script>'>x</a></p>",
    "<img src=\"https://i.example/a.jpg\" alt='\"><svg onload=alert(1)>'>",
    "<p>[x](javascript:alert(1)) ![y](javascript:alert(2)) <b>*</b>[z]<i>(javascript:alert(3))</i></p>",
    "<p>`<img src=x onerror=alert(1)>`</p><pre>&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;</pre>",
    "<pre><code class='language-\"><script>alert(1)</script>'>x</code></pre>",
    // via front matter
    "---\ntitle: \"<script>alert(1)</script>\"\nfrom: \"javascript:alert(1)\"\n---\n<p><a href=\"rel\">x</a></p>",
];

/// Vectors the parser refuses, each with the error it must give: a refused post has no output to
/// leak anything through, but refusing one by accident would skip every check below.
const REFUSED: &[(&str, Error)] = &[
    (
        "---\ntitle: <script>alert(1)</script>\n<p>x</p>",
        Error::UnterminatedFrontMatter,
    ),
    (
        "---\n- <script>alert(1)</script>\n---\n<p>x</p>",
        Error::FrontMatterNotMapping { found: "sequence" },
    ),
];

/// Every vector in [`VECTORS`] converts; an error would leave its outputs unchecked.
fn convert(v: &str) -> Post {
    check(v).unwrap_or_else(|e| panic!("{v}\n=> refused with {e:?}; add it to REFUSED if meant"))
}

#[test]
fn refused_vectors_fail_with_their_named_error() {
    for (v, want) in REFUSED {
        assert_eq!(check(v).err().as_ref(), Some(want), "{v}");
    }
}

/// Every URL the model holds: link targets, inline images and figures, in every block and cell.
/// The matches name every variant so that a new kind of block or inline cannot slip past: the
/// enums are `#[non_exhaustive]`, so a variant added later reaches the panicking arm instead.
fn model_urls(blocks: &[Block]) -> Vec<&str> {
    let mut urls = Vec::new();
    let mut inlines: Vec<&Inline> = Vec::new();
    let mut stack: Vec<&Block> = blocks.iter().collect();
    while let Some(b) = stack.pop() {
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => {
                inlines.extend(content)
            }
            Block::List { items, .. } => stack.extend(items.iter().flatten()),
            Block::Quote { blocks } => stack.extend(blocks),
            Block::Figure {
                image: Image { src, .. },
                caption,
            } => {
                urls.push(src.as_str());
                inlines.extend(caption);
            }
            Block::Table { rows, .. } => inlines.extend(rows.iter().flatten().flatten()),
            Block::Code { .. } | Block::Rule => {}
            other => panic!("model_urls does not know {other:?}: collect its URLs here"),
        }
    }
    while let Some(i) = inlines.pop() {
        match i {
            Inline::Link { url, content, .. } => {
                urls.push(url.as_str());
                inlines.extend(content);
            }
            Inline::Image {
                image: Image { src, .. },
            } => urls.push(src.as_str()),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content } => inlines.extend(content),
            Inline::Text { .. } | Inline::Code { .. } | Inline::LineBreak => {}
            other => panic!("model_urls does not know {other:?}: collect its URLs here"),
        }
    }
    urls
}

#[test]
fn model_urls_finds_every_url() {
    let p = convert(
        "<h2><a href=\"https://a.example/h\">h</a></h2>\
         <ul><li><blockquote><p><em><a href=\"https://a.example/q\">q</a></em></p></blockquote></li></ul>\
         <figure><img src=\"https://a.example/f.jpg\"><figcaption><a href=\"https://a.example/c\">c</a></figcaption></figure>\
         <table><tr><td><a href=\"https://a.example/t\">t</a></td></tr></table>\
         <p>text <img src=\"https://a.example/i.jpg\"> more</p>",
    );
    let mut urls = model_urls(p.blocks());
    urls.sort_unstable();
    assert_eq!(
        urls,
        [
            "https://a.example/c",
            "https://a.example/f.jpg",
            "https://a.example/h",
            "https://a.example/i.jpg",
            "https://a.example/q",
            "https://a.example/t",
        ]
    );
}

#[test]
fn nothing_executable_survives() {
    let mut urls_checked = 0;
    for v in VECTORS {
        let p = convert(v);
        let html = p.to_html();
        assert!(html_violations(&html).is_empty(), "{v}\n=> {html}");
        let md = p.to_markdown();
        assert!(
            markdown_violations(&markdown_body(&p, &md)).is_empty(),
            "{v}\n=> {md}"
        );
        // the model itself never holds an unsafe URL
        for url in model_urls(p.blocks()) {
            assert!(!unsafe_url(url), "{v}\n=> {url}");
            urls_checked += 1;
        }
    }
    // vectors with safe links and images keep them: the loop above saw URLs to check
    assert!(urls_checked >= 7, "only {urls_checked} URLs in the models");
}

#[test]
fn payloads_never_become_markup() {
    for v in VECTORS {
        let p = convert(v);
        let html = p.to_html().to_ascii_lowercase();
        // script text may survive only as escaped text (`&lt;script&gt;` examples), never as a tag
        assert!(!html.contains("<script"), "{v}\n=> {html}");
        assert!(
            !html.contains("<svg") && !html.contains("<math"),
            "{v}\n=> {html}"
        );
        assert!(
            !html.contains("<iframe") && !html.contains("<object"),
            "{v}\n=> {html}"
        );
        let md = markdown_body(&p, &p.to_markdown()).to_ascii_lowercase();
        // raw `<` outside code never reaches the Markdown: pulldown-cmark sees no HTML in it
        assert!(markdown_violations(&md).is_empty(), "{v}\n=> {md}");
    }
}

#[test]
fn text_output_is_not_markup() {
    // text is plain: `<` there is a character the article wrote, so only vectors whose `<script`
    // was markup are checked for leaking script bodies
    const AS_TEXT: &[&str] = &[
        "&lt;",
        "<xmp",
        "<textarea",
        "<title",
        "---",
        "[x](",
        "<scr<",
    ];
    for v in VECTORS
        .iter()
        .filter(|v| !AS_TEXT.iter().any(|t| v.contains(t)))
    {
        let p = convert(v);
        let text = p.to_text();
        assert!(!text.contains("alert("), "{v}\n=> {text}");
    }
}
