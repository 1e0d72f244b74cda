//! The converter as a user runs it (the `tidings` command): a batch with good and bad posts, thread
//! counts, stream mode, --skip-existing, stdin and usage errors; and the `convert` example, which
//! must be the same converter.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const GOOD: &[(&str, &str)] = &[
    (
        "2020/01/a.md",
        "---\ntitle: 新闻一\ndate: 2020-01-02\n---\n<p>第一段<br> <br>第二段</p>\n",
    ),
    (
        "2020/02/b.html",
        "---\ntitle: Second story\nfrom: https://news.example/b\n---\n<h2>Heading</h2><p>Some <b>bold</b> text and a <a href=\"/x\">link</a>.</p>\n",
    ),
    ("c.txt", "Plain paragraph one.\n\n第二个段落。\n"),
    (
        "deep/er/d.htm",
        "<p>只有正文，没有前言。</p><ul><li>一</li><li>two</li></ul>",
    ),
];

/// The `tidings` command, which cargo builds for integration tests of a package with that binary.
fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tidings"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tidings");
    let mut input = child.stdin.take().expect("stdin");
    // a converter that stops early (a usage error) may close its stdin before we write
    match input.write_all(stdin.unwrap_or_default()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("write stdin: {e}"),
        _ => {}
    }
    drop(input);
    child.wait_with_output().expect("wait tidings")
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, bytes).expect("write post");
}

/// A folder with the good posts, an invalid-UTF-8 post, an unterminated front matter, an empty
/// file, and a file the extension filter must ignore.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (rel, text) in GOOD {
        write(dir.path(), rel, text.as_bytes());
    }
    write(
        dir.path(),
        "bad/latin1.md",
        b"---\ntitle: x\n---\n<p>caf\xe9 \xff</p>\n",
    );
    write(dir.path(), "bad/open.md", b"---\ntitle: x\n");
    write(dir.path(), "empty.md", b"");
    write(dir.path(), "notes.pdf", b"%PDF not a post");
    dir
}

/// Every file under `root`, relative path to contents.
fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .expect("prefix")
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

#[test]
fn batch_converts_good_posts_and_reports_bad_ones() {
    let src = corpus();
    let out = tempfile::tempdir().expect("tempdir");
    let errors = out.path().join("errors.jsonl");
    let dest = out.path().join("md");
    let r = run(
        &[
            "--to",
            "markdown",
            "--out-dir",
            s(&dest),
            "--errors",
            s(&errors),
            s(src.path()),
        ],
        None,
    );
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "stderr: {stderr}");

    let files = tree(&dest);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    // Good posts and the empty file (an empty post is a valid, empty document) are converted;
    // nothing else is there: no temp files, no partial outputs of the bad posts.
    assert_eq!(
        names,
        [
            "2020/01/a.md",
            "2020/02/b.md",
            "c.md",
            "deep/er/d.md",
            "empty.md"
        ]
    );
    let a = String::from_utf8(files[0].1.clone()).expect("utf-8");
    assert!(a.contains("第一段\n\n第二段"), "{a}");
    assert!(
        files[4].1.len() < 8,
        "empty input gives (nearly) empty output"
    );

    let latin = src.path().join("bad/latin1.md");
    let open = src.path().join("bad/open.md");
    assert!(
        stderr.contains(&format!("{}: input is not valid UTF-8", latin.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: front matter", open.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("converted 5, failed 2, skipped 0"),
        "{stderr}"
    );

    let log = fs::read_to_string(&errors).expect("errors file");
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert_eq!(lines[0]["path"], s(&latin));
    assert_eq!(lines[0]["kind"], "invalid-utf8");
    assert_eq!(lines[1]["path"], s(&open));
    assert_eq!(lines[1]["kind"], "unterminated-front-matter");
    assert!(lines[1]["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let src = corpus();
    let out = tempfile::tempdir().expect("tempdir");
    for to in ["markdown", "json"] {
        let one = out.path().join(format!("{to}-1"));
        let two = out.path().join(format!("{to}-2"));
        let r1 = run(
            &[
                "--to",
                to,
                "-j",
                "1",
                "-q",
                "--out-dir",
                s(&one),
                s(src.path()),
            ],
            None,
        );
        let r2 = run(
            &[
                "--to",
                to,
                "-j",
                "2",
                "-q",
                "--out-dir",
                s(&two),
                s(src.path()),
            ],
            None,
        );
        assert_eq!(r1.status.code(), Some(1));
        assert_eq!(r2.status.code(), Some(1));
        assert_eq!(tree(&one), tree(&two));
        assert_eq!(r1.stderr, r2.stderr, "failures come out in the same order");
    }
}

#[test]
fn jsonl_keeps_order_and_matches_file_outputs() {
    let src = corpus();
    let out = tempfile::tempdir().expect("tempdir");
    let dest = out.path().join("txt");
    let r = run(
        &["--to", "text", "-q", "--out-dir", s(&dest), s(src.path())],
        None,
    );
    assert_eq!(r.status.code(), Some(1));

    let mut input = String::new();
    for (i, (rel, text)) in GOOD.iter().enumerate() {
        let id = if i % 2 == 0 {
            serde_json::json!(i)
        } else {
            serde_json::json!({"rel": rel})
        };
        input += &serde_json::json!({"id": id, "content": text}).to_string();
        input.push('\n');
    }
    input += "this is not json\n";
    input += &serde_json::json!({"id": "open", "content": "---\ntitle: x\n"}).to_string();
    input.push('\n');

    let r = run(
        &["--jsonl", "--to", "text", "-q", "-j", "2"],
        Some(input.as_bytes()),
    );
    assert_eq!(r.status.code(), Some(1));
    let stdout = String::from_utf8(r.stdout).expect("utf-8");
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), GOOD.len() + 2);
    for (i, (rel, _)) in GOOD.iter().enumerate() {
        let line = &lines[i];
        let expected_id = if i % 2 == 0 {
            serde_json::json!(i)
        } else {
            serde_json::json!({"rel": rel})
        };
        assert_eq!(line["id"], expected_id);
        assert_eq!(line["ok"], true);
        let file = dest.join(rel).with_extension("txt");
        let want = fs::read_to_string(&file).expect("per-file output");
        assert_eq!(line["text"], want.as_str(), "{rel}");
        assert!(line["meta"].is_object());
    }
    assert_eq!(lines[0]["meta"]["title"], "新闻一");
    let bad = &lines[GOOD.len()];
    assert_eq!(
        (bad["id"].clone(), bad["ok"].clone(), bad["kind"].clone()),
        (Value::Null, Value::Bool(false), "invalid-jsonl".into())
    );
    let open = &lines[GOOD.len() + 1];
    assert_eq!(open["id"], "open");
    assert_eq!(open["kind"], "unterminated-front-matter");
    assert!(
        open["error"]
            .as_str()
            .is_some_and(|e| e.contains("front matter"))
    );
}

#[test]
fn jsonl_json_output_is_an_object() {
    let input = serde_json::json!({"id": 7, "content": GOOD[1].1}).to_string();
    let r = run(&["--jsonl", "--to", "json", "-q"], Some(input.as_bytes()));
    assert_eq!(r.status.code(), Some(0));
    let line: Value = serde_json::from_slice(&r.stdout).expect("one JSON line");
    assert_eq!(line["json"]["metadata"]["title"], "Second story");
}

#[test]
fn skip_existing_skips_up_to_date_outputs() {
    let src = tempfile::tempdir().expect("tempdir");
    for (rel, text) in GOOD {
        write(src.path(), rel, text.as_bytes());
    }
    let out = tempfile::tempdir().expect("tempdir");
    let args = [
        "--to",
        "html",
        "--skip-existing",
        "--out-dir",
        s(out.path()),
        s(src.path()),
    ];
    let first = run(&args, None);
    assert_eq!(first.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&first.stderr).contains("converted 4, failed 0, skipped 0"));

    // Touch one input after its output was written: only that one is converted again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    write(src.path(), GOOD[2].0, GOOD[2].1.as_bytes());
    let second = run(&args, None);
    assert_eq!(second.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("converted 1, failed 0, skipped 3"),
        "{stderr}"
    );
}

#[test]
fn stdin_and_single_file_go_to_stdout() {
    let (_, post) = GOOD[0];
    let piped = run(&["--to", "markdown", "-q", "-"], Some(post.as_bytes()));
    assert_eq!(piped.status.code(), Some(0));
    let src = tempfile::tempdir().expect("tempdir");
    write(src.path(), "a.md", post.as_bytes());
    let file = run(
        &["--to", "markdown", "-q", s(&src.path().join("a.md"))],
        None,
    );
    assert_eq!(file.status.code(), Some(0));
    assert_eq!(piped.stdout, file.stdout);
    let md = String::from_utf8(piped.stdout).expect("utf-8");
    assert!(md.starts_with("---\n") && md.contains("第二段"), "{md}");

    let text = run(
        &["--to", "text", "--no-title", "-q", "-"],
        Some(post.as_bytes()),
    );
    let text = String::from_utf8(text.stdout).expect("utf-8");
    assert!(!text.contains("新闻一"), "{text}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["--no-such-flag", "x"], None).status.code(), Some(2));
    assert_eq!(run(&["--to", "pdf", "x"], None).status.code(), Some(2));
    assert_eq!(
        run(&["--to", "text", "-j", "0", "x"], None).status.code(),
        Some(2)
    );
    assert_eq!(run(&["--jsonl", "x"], None).status.code(), Some(2));
    let missing_rules = run(&["--rules", "/nonexistent/rules.yaml", "-"], Some(b"x"));
    assert_eq!(missing_rules.status.code(), Some(2));
    let help = run(&["--help"], None);
    assert_eq!(help.status.code(), Some(0));
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--jsonl",
        "--errors",
        "--skip-existing",
        "--max-nodes",
        "Examples:",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}");
    }
}

#[test]
fn fail_fast_stops_and_missing_inputs_fail() {
    let src = corpus();
    let r = run(
        &[
            "--to",
            "text",
            "-j",
            "1",
            "--fail-fast",
            "-q",
            s(src.path()),
        ],
        None,
    );
    assert_eq!(r.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    let missing = run(&["--to", "text", "-q", "/nonexistent/post.md"], None);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).starts_with("/nonexistent/post.md: "));
}

#[test]
fn glob_and_ext_filter_folders() {
    let src = corpus();
    let out = tempfile::tempdir().expect("tempdir");
    let r = run(
        &[
            "--to",
            "text",
            "-q",
            "--ext",
            "md,htm",
            "--glob",
            "**/20*/**",
            "--out-dir",
            s(out.path()),
            s(src.path()),
        ],
        None,
    );
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let names: Vec<String> = tree(out.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["2020/01/a.txt"]);
}

#[test]
fn failed_write_leaves_no_temp_file() {
    let src = tempfile::tempdir().expect("tempdir");
    write(src.path(), "a.md", GOOD[0].1.as_bytes());
    let out = tempfile::tempdir().expect("tempdir");
    // A folder where the output file should go makes the final rename fail.
    fs::create_dir(out.path().join("a.md")).expect("mkdir");
    let r = run(
        &[
            "--to",
            "markdown",
            "-q",
            "--out-dir",
            s(out.path()),
            s(src.path()),
        ],
        None,
    );
    assert_eq!(r.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{}: cannot write",
            src.path().join("a.md").display()
        )),
        "{stderr}"
    );
    let left: Vec<_> = fs::read_dir(out.path()).expect("read_dir").collect();
    assert_eq!(left.len(), 1, "only the blocking folder remains");
}

/// The bundled example, which cargo builds for `cargo test` under `target/<profile>/examples`.
fn example_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile> folder");
    profile
        .join("examples")
        .join(format!("convert{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn convert_example_is_the_same_converter() {
    let src = corpus();
    let out = tempfile::tempdir().expect("tempdir");
    for (name, exe) in [("tidings", bin()), ("convert", example_bin())] {
        let dest = out.path().join(name);
        let r = Command::new(&exe)
            .args([
                "--to",
                "json",
                "-j",
                "1",
                "--out-dir",
                s(&dest),
                s(src.path()),
            ])
            .output()
            .unwrap_or_else(|e| panic!("spawn {}: {e}", exe.display()));
        assert_eq!(r.status.code(), Some(1), "{name} exit code");
    }
    let tidings = tree(&out.path().join("tidings"));
    assert!(!tidings.is_empty());
    assert_eq!(tidings, tree(&out.path().join("convert")));
    // Usage errors name the program as it was called.
    let r = Command::new(example_bin())
        .arg("--bogus")
        .output()
        .expect("spawn convert");
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("Usage: convert"));
    let r = run(&["--bogus"], None);
    assert!(String::from_utf8_lossy(&r.stderr).contains("Usage: tidings"));
    for (exe, name) in [(bin(), "tidings "), (example_bin(), "convert ")] {
        let r = Command::new(exe).arg("--version").output().expect("spawn");
        assert!(String::from_utf8_lossy(&r.stdout).starts_with(name));
    }
}

#[test]
fn no_input_reads_piped_stdin() {
    let post = GOOD[0].1.as_bytes();
    let explicit = run(&["--to", "text", "-"], Some(post));
    let implicit = run(&["--to", "text"], Some(post));
    assert_eq!(implicit.status.code(), Some(0));
    assert_eq!(implicit.stdout, explicit.stdout);
    assert!(String::from_utf8_lossy(&implicit.stdout).contains("第二段"));
}

#[test]
fn short_flags_match_long_ones() {
    let src = corpus();
    let out = tempfile::tempdir().expect("tempdir");
    let (long, short) = (out.path().join("long"), out.path().join("short"));
    let l = run(
        &["--to", "json", "--out-dir", s(&long), s(src.path())],
        None,
    );
    let r = run(&["-t", "json", "-o", s(&short), s(src.path())], None);
    assert_eq!(r.status.code(), l.status.code());
    let files = tree(&short);
    assert!(files.iter().any(|(name, _)| name == "2020/01/a.json"));
    assert_eq!(files, tree(&long));
}

/// A terminal on stdin is a forgotten INPUT, not a post to wait for. util-linux `script` gives the
/// converter a pseudo-terminal; without it (not Linux, or a minimal system) there is none to test.
#[cfg(target_os = "linux")]
#[test]
fn no_input_on_a_terminal_is_a_usage_error() {
    let command = format!("{} -t text; echo exit=$?", bin().display());
    let Ok(r) = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
    else {
        eprintln!("no `script` command: skipped");
        return;
    };
    let shown = String::from_utf8_lossy(&r.stdout);
    assert!(shown.contains("stdin is a terminal"), "{shown}");
    assert!(shown.contains("exit=2"), "{shown}");
}
