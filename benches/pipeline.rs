//! The pipeline against its floor: a bare html5ever parse into rcdom of the same input.
//!
//! Each group holds one input, its `parse_only` baseline and the full pipeline per output, so that
//! the ratios within a group hold even on a noisy machine where absolute times drift between runs.
//! The inputs are generated here (no corpus text): news-like Chinese and English HTML with the junk
//! the cleaner exists for (ad slots, lazyload placeholders, tracking parameters, `<br> <br>`).
//! The 1, 5 and 10 MB inputs show whether time stays linear in size.
//!
//! `cargo bench --bench pipeline`, or `cargo bench --bench pipeline -- small` for one group.

use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::RcDom;
use tidings::Post;

/// Made-up phrases; sentences are drawn from them so the text has realistic CJK density.
const ZH: &[&str] = &[
    "记者本周从市交通部门获悉",
    "新建的轻轨线路预计明年春季通车",
    "沿线居民对噪音问题表示担忧",
    "专家认为",
    "这一政策的效果仍有待观察",
    "据不完全统计",
    "今年上半年共有三百余家企业参与试点",
    "相关负责人在发布会上回应了质疑",
    "但并未给出具体的时间表",
    "多位受访者表示",
    "价格上涨已经影响到日常生活",
    "该报告同时指出",
    "农村地区的网络覆盖率明显偏低",
];

const EN: &[&str] = &[
    "The council voted on Tuesday to extend the pilot programme",
    "officials said the figures were preliminary",
    "according to a statement released late in the evening",
    "residents who spoke to reporters described long queues",
    "the ministry declined to comment on the leaked draft",
    "analysts expect the decision to be appealed",
    "independent monitors counted fewer than half of the promised sites",
];

/// A tiny deterministic generator, so every run benchmarks the same bytes.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }

    fn zh_sentence(&mut self, out: &mut String) {
        for k in 0..2 + self.next(4) {
            if k > 0 {
                out.push('，');
            }
            out.push_str(ZH[self.next(ZH.len())]);
        }
        out.push('。');
    }

    fn en_sentence(&mut self, out: &mut String) {
        for k in 0..1 + self.next(3) {
            if k > 0 {
                out.push_str(", ");
            }
            out.push_str(EN[self.next(EN.len())]);
        }
        out.push_str(". ");
    }
}

/// A Jekyll post of about `target` bytes.
fn post(target: usize, seed: u64) -> String {
    let mut r = Lcg(seed);
    let mut s = String::with_capacity(target + 4096);
    s.push_str(
        "---\ntitle: 轻轨新线明年通车 沿线居民担忧噪音\ndate: 2024-03-05 08:00:00 +0800\n\
         author: 本报记者\nfrom: https://news.example/2024/03/05/rail?utm_source=feed\n\
         tags: [交通, 城市]\ncategories: local\n---\n",
    );
    s.push_str("<!--1709596800000--><h1><a href=\"https://news.example/2024/03/05/rail\">轻轨新线明年通车</a></h1>\n");
    let mut n = 0usize;
    while s.len() < target {
        n += 1;
        match r.next(12) {
            0..=3 => {
                s.push_str("<p>");
                r.zh_sentence(&mut s);
                s.push_str("<br> <br>");
                r.zh_sentence(&mut s);
                let _ = write!(
                    s,
                    "<a href=\"https://news.example/story/{n}?utm_source=rss&amp;utm_medium=feed&amp;id={n}\">相关报道</a>"
                );
                r.zh_sentence(&mut s);
                s.push_str("</p>\n");
            }
            4 | 5 => {
                s.push_str("<p>");
                r.en_sentence(&mut s);
                s.push_str("<strong>");
                r.en_sentence(&mut s);
                s.push_str("</strong>");
                r.en_sentence(&mut s);
                s.push_str("</p>\n");
            }
            6 => {
                let _ = writeln!(
                    s,
                    "<div id=\"dfp-ad-{n}\" class=\"ad-slot\"><script>googletag.display('dfp-ad-{n}');</script></div>"
                );
            }
            7 => {
                let _ = write!(
                    s,
                    "<figure><img class=\"lazyload\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" \
                     data-src=\"/images/2024/{n}.jpg\" alt=\"现场照片\" width=\"800\"><figcaption>"
                );
                r.zh_sentence(&mut s);
                s.push_str("</figcaption></figure>\n");
            }
            8 => {
                s.push_str("<h2>");
                s.push_str(ZH[r.next(ZH.len())]);
                s.push_str("</h2>\n");
            }
            9 => {
                s.push_str(if n % 2 == 0 { "<ul>\n" } else { "<ol>\n" });
                for _ in 0..2 + r.next(4) {
                    s.push_str("<li>");
                    r.zh_sentence(&mut s);
                    s.push_str("</li>\n");
                }
                s.push_str(if n % 2 == 0 { "</ul>\n" } else { "</ol>\n" });
            }
            10 => {
                s.push_str("<table><thead><tr><th>地区</th><th>2023</th><th>2024</th></tr></thead><tbody>\n");
                for row in 0..3 + r.next(4) {
                    let _ = writeln!(
                        s,
                        "<tr><td>第{row}区</td><td>{}</td><td>{}</td></tr>",
                        r.next(1000),
                        r.next(1000)
                    );
                }
                s.push_str("</tbody></table>\n");
            }
            _ => {
                s.push_str("<blockquote><p>");
                r.zh_sentence(&mut s);
                s.push_str("</p></blockquote>\n");
            }
        }
    }
    s
}

/// The floor: what html5ever alone costs on the same text.
fn parse_only(input: &str) {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(input);
    black_box(&dom.document);
}

fn group(c: &mut Criterion, name: &str, input: &str, big: bool) {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(input.len() as u64));
    if big {
        // Multi-megabyte iterations: a few flat samples are enough and keep the run short.
        g.sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(4));
    } else {
        g.sample_size(30)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
    }
    g.bench_function(BenchmarkId::from_parameter("parse_only"), |b| {
        b.iter(|| parse_only(black_box(input)))
    });
    type Render = fn(&Post) -> String;
    let outputs: [(&str, Render); 4] = [
        ("markdown", Post::to_markdown),
        ("text", Post::to_text),
        ("json", Post::to_json),
        ("html", Post::to_html),
    ];
    for (format, render) in outputs {
        g.bench_function(BenchmarkId::from_parameter(format), |b| {
            b.iter(|| {
                let post = Post::parse(black_box(input)).expect("generated posts parse");
                black_box(render(&post))
            })
        });
    }
    g.finish();
}

fn pipeline(c: &mut Criterion) {
    // Sizes follow the corpus: its smallest posts are ~2 KB, the median ~6.5 KB, the largest ~200 KB.
    group(c, "small_2KB", &post(2 << 10, 1), false);
    group(c, "median_6KB", &post(6_500, 2), false);
    group(c, "large_200KB", &post(200 << 10, 3), false);
    for mb in [1usize, 5, 10] {
        group(c, &format!("gen_{mb}MB"), &post(mb << 20, 4), true);
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
