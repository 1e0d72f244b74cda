//! Every folder under `fixtures/` holds an `input.*` written by hand and the outputs checked by eye
//! (`expected.md`, `.txt`, `.json`, `.html`). The report of removals is kept as an insta snapshot.
//! To accept a deliberate change: `UPDATE_FIXTURES=1 cargo test --test fixtures`, then review the diff.
//!
//! A folder named after a report name (`fixtures/hidden/`) shows that rule firing, next to content
//! it must keep (a near miss); the other names are shown by the fixtures listed in [`SHOWN_BY`].

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use tidings::{Post, Rules};

fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("fixtures/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn input_of(dir: &Path) -> PathBuf {
    fs::read_dir(dir)
        .expect("fixture folder is readable")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_stem().is_some_and(|s| s == "input"))
        .unwrap_or_else(|| panic!("{} has no input file", dir.display()))
}

#[test]
fn fixtures_match_their_expected_outputs() {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    for dir in fixture_dirs() {
        let input = fs::read(input_of(&dir)).expect("input is readable");
        let post = Post::parse_bytes(&input).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let outputs = [
            ("md", post.to_markdown()),
            ("txt", post.to_text()),
            ("json", post.to_json()),
            ("html", post.to_html()),
        ];
        for (ext, got) in outputs {
            let path = dir.join(format!("expected.{ext}"));
            if update {
                fs::write(&path, &got).expect("expected file is writable");
                continue;
            }
            let want = fs::read_to_string(&path).unwrap_or_default();
            if want != got {
                failures.push(format!(
                    "{}:\n--- expected\n{want}\n--- got\n{got}",
                    path.display()
                ));
            }
        }
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("fixture")
            .to_string();
        insta::assert_yaml_snapshot!(format!("report-{name}"), post.report());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn seed_post_is_clean_in_every_format() {
    let input =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed/input.md")).unwrap();
    let post = Post::parse_bytes(&input).unwrap();
    let paragraphs = [
        "港口市交通局昨天宣布",
        "交通局长在记者会上说",
        "不少市民表示欢迎",
        "据统计，试行线路",
        "交通局表示，试行期",
    ];
    for out in [
        post.to_markdown(),
        post.to_text(),
        post.to_json(),
        post.to_html(),
    ] {
        for p in paragraphs {
            assert!(out.contains(p), "{p} missing");
        }
        for junk in [
            "lazyload",
            "dfp-ad",
            "subscribe.example.com",
            "banner-desktop",
            "banner-mobile",
            "<br",
            "<div",
            "utm_",
        ] {
            assert!(!out.contains(junk), "{junk} left in {out}");
        }
    }
    // the `<br> <br>` and `<br>&nbsp;<br>` runs split their paragraphs in two
    assert!(post.to_text().contains("受惠者。\n\n不少市民"));
    assert!(post.to_text().contains("两千人次。\n\n其中医院"));
    let json: serde_json::Value = serde_json::from_str(&post.to_json()).unwrap();
    assert_eq!(json["metadata"]["title"], "港口城市试行夜间公交 市民称方便");
    assert_eq!(
        json["metadata"]["source_url"],
        "https://news.example.com/realtime/city/story20210508-0001"
    );
    assert_eq!(json["metadata"]["published_ms"], 1620488400000i64);
    let removed = &json["report"]["removed"];
    assert_eq!(removed["ad-slot"], 3);
    // both banner links (desktop and mobile copies) go as subscription banners
    assert_eq!(removed["promo"], 2);
}

/// Names without a fixture folder of their own, and the fixture whose report shows each.
const SHOWN_BY: &[(&str, &str)] = &[
    ("script", "lazy-images"),
    ("outside-article", "whole-page"),
    ("breadcrumb", "breadcrumb-trail-at-head"),
    ("boundary", "boundary-edges"),
    ("subscribe", "shape"),
    ("follow", "shape"),
    ("support", "shape"),
    ("download", "shape"),
    ("scan", "shape"),
    ("listen-watch", "shape"),
    ("newsletter", "shape"),
    ("offer", "shape"),
    ("comment", "shape"),
    ("sign-off", "closing-formulas"),
    ("archive", "closing-formulas"),
    ("legal", "closing-formulas"),
    ("repost", "repost-notice-at-head"),
    ("ad-slot", "seed"),
    ("promo", "seed"),
    ("share", "cjk-prettified"),
    ("feed-footer", "tracking-links"),
    ("lazyload-placeholder", "lazy-images"),
    ("tracking-pixel", "lazy-images"),
    ("duplicate-image", "lazy-images"),
    ("break-run", "seed"),
    ("stray-break", "seed"),
    ("tracking-parameter", "tracking-links"),
    ("unsafe-link", "tracking-links"),
];

/// Every name the code can count.
fn countable_names() -> BTreeSet<String> {
    Rules::builtin()
        .names()
        .map(String::from)
        .chain(Rules::mechanics().map(|(n, _)| n.to_string()))
        .collect()
}

/// Each fixture folder's name, with the names its report counts (what its snapshot holds, since
/// `fixtures_match_their_expected_outputs` holds the two equal).
fn reported_names() -> BTreeMap<String, BTreeSet<String>> {
    fixture_dirs()
        .iter()
        .map(|dir| {
            let input = fs::read(input_of(dir)).expect("input is readable");
            let post =
                Post::parse_bytes(&input).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            let name = dir
                .file_name()
                .expect("folder name")
                .to_string_lossy()
                .into_owned();
            (name, post.report().removed.keys().cloned().collect())
        })
        .collect()
}

#[test]
fn every_reported_name_leads_to_its_fixture() {
    let reports = reported_names();
    let shown_by: BTreeMap<&str, &str> = SHOWN_BY.iter().copied().collect();
    let mut failures = Vec::new();
    for (fixture, names) in &reports {
        for name in names {
            let home = if reports.contains_key(name) {
                name.as_str()
            } else if let Some(&other) = shown_by.get(name.as_str()) {
                other
            } else {
                failures.push(format!(
                    "{fixture} reports {name}: add fixtures/{name}/ or a SHOWN_BY entry"
                ));
                continue;
            };
            if !reports.get(home).is_some_and(|n| n.contains(name)) {
                failures.push(format!(
                    "{name} leads to fixtures/{home}/, whose report lacks it"
                ));
            }
        }
    }
    for (name, fixture) in SHOWN_BY {
        if reports.contains_key(*name) {
            failures.push(format!(
                "{name} has its own fixture: drop its SHOWN_BY entry"
            ));
        }
        if !reports.get(*fixture).is_some_and(|n| n.contains(*name)) {
            failures.push(format!(
                "SHOWN_BY says fixtures/{fixture}/ shows {name}; it does not"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_countable_name_has_a_fixture() {
    let reports = reported_names();
    let shown: BTreeSet<&String> = reports.values().flatten().collect();
    let missing: Vec<String> = countable_names()
        .into_iter()
        .filter(|n| !shown.contains(n))
        .collect();
    assert!(missing.is_empty(), "no fixture's report shows {missing:?}");
    let countable = countable_names();
    for (fixture, names) in &reports {
        for name in names {
            assert!(
                countable.contains(name),
                "{fixture} reports {name}, which is neither a built-in rule nor a mechanic"
            );
        }
    }
}

/// The link-list pass judges the whole post: where link lists are most of the text (a digest), the
/// same kind of list that goes from an article stays.
#[test]
fn related_links_spares_a_digest() {
    let digest = "---\ntitle: 本周要闻\n---\n<p>本周要闻：</p>\
        <ul><li><a href=\"/economy/port\">港口扩建第二期获批</a></li>\
        <li><a href=\"/city/library\">新图书馆夜间开放首周</a></li>\
        <li><a href=\"/culture/street\">古镇老街修缮完工</a></li></ul>";
    let post = Post::parse(digest).unwrap();
    assert_eq!(post.report().removed.get("related-links"), None);
    assert_eq!(
        post.to_text(),
        "本周要闻\n\n本周要闻：\n\n- 港口扩建第二期获批\n- 新图书馆夜间开放首周\n- 古镇老街修缮完工\n"
    );
}
