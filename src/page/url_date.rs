//! The publication date a page's address gives, for a page that says it nowhere else: news sites
//! file their stories under the day ("/2026/12/03/…", "/2026-12/03/c_….htm", "/n1/2026/1203/…",
//! "/202612/t20261203_….html", "/a/20261203/…"). Read from the path only, and only where the
//! numbers make a real day: a story's number is no date.

use url::Url;

/// The earliest year a news site's address is read for.
const FIRST_YEAR: u32 = 1990;

/// The latest year read: addresses hold other four-digit numbers too.
const LAST_YEAR: u32 = 2099;

/// The date (`YYYY-MM-DD`) in `url`'s path, if it holds one.
pub(crate) fn date_in(url: &Url) -> Option<String> {
    let path = url.path();
    // the runs of digits, where each starts and ends
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, b) in path.bytes().enumerate() {
        match runs.last_mut() {
            Some((_, end)) if b.is_ascii_digit() && *end == i => *end = i + 1,
            _ if b.is_ascii_digit() => runs.push((i, i + 1)),
            _ => {}
        }
    }
    let digits = |k: usize| runs.get(k).map(|&(s, e)| &path[s..e]);
    // two runs one separator apart ("2026/12", "12-03"): a title's words between them part them
    let joined = |k: usize| {
        runs.get(k + 1).is_some_and(|&(next, _)| {
            let between = &path[runs[k].1..next];
            between.len() == 1 && matches!(between, "/" | "-" | "_" | ".")
        })
    };
    for (k, &(start, end)) in runs.iter().enumerate() {
        let run = &path[start..end];
        let found = match run.len() {
            // a year, then its month and day as numbers of their own ("2026/12/03", "2026-12/03"),
            // or as one of four digits ("2026/1203")
            4 if joined(k) => match (digits(k + 1), digits(k + 2)) {
                (Some(m), Some(d)) if m.len() <= 2 && d.len() <= 2 && joined(k + 1) => {
                    day(run, m, d)
                }
                (Some(md), _) if md.len() == 4 => day(run, &md[..2], &md[2..]),
                _ => None,
            },
            // a day written as one number ("20261203", "t20261203_998877")
            8 => day(&run[..4], &run[4..6], &run[6..]),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The date of a year, month and day written in digits, when they make one.
fn day(year: &str, month: &str, day: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let days = match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    ((FIRST_YEAR..=LAST_YEAR).contains(&y) && (1..=days).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(url: &str) -> Option<String> {
        date_in(&Url::parse(url).unwrap())
    }

    #[test]
    fn days_as_news_sites_file_them() {
        for url in [
            "https://example.org/2026/12/03/heating-plan/",
            "http://news.example.cn/2026-12/03/c_1234567.htm",
            "http://paper.example.cn/n1/2026/1203/c1004-3012345.html",
            "http://www.example.gov.cn/xwzx/202612/t20261203_998877.html",
            "https://www.example.com.cn/a/20261203/123456.shtml",
            "https://example.com/news/2026-12-03-heating-plan",
        ] {
            assert_eq!(of(url).as_deref(), Some("2026-12-03"), "{url}");
        }
    }

    #[test]
    fn numbers_that_make_no_day_are_none() {
        for url in [
            "https://example.org/story/12345678",
            "https://example.org/2026/heating-plan/",
            "https://example.org/p/1234/56/78",
            "https://example.org/2026/02/30/x",
            "https://example.org/archive/1850/01/01/x",
            "https://example.org/x?date=2026-12-03",
            "https://example.org/photos/2026/12-best-photos/3",
        ] {
            assert_eq!(of(url), None, "{url}");
        }
    }
}
