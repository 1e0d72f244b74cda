//! The converter as a user runs it (the `tidings` command): a batch with good and bad posts, thread
//! counts, stream mode, --skip-existing and its manifest, stdin, several inputs to stdout as JSON
//! lines, refused collisions, Ctrl-C, --list-rules, completions and the man page, and usage errors;
//! and the `convert` example, which must be the same converter.

mod files;

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
    files::tree(root, &[])
}

/// Files under `root`, counted while another process writes there: an entry renamed away between
/// the listing and the look is not counted.
fn file_count(root: &Path) -> usize {
    let mut n = 0;
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("read_dir").flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(_) => n += 1,
                Err(_) => {}
            }
        }
    }
    n
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

/// One JSON line per input of a folder or several files to stdout, whatever the format.
fn lines(stdout: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(stdout).expect("utf-8");
    assert!(text.ends_with('\n'), "output ends with a newline: {text:?}");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn several_inputs_to_stdout_are_json_lines_naming_each_input() {
    let src = corpus();
    let r = run(&["--to", "json", "-q", s(src.path())], None);
    assert_eq!(r.status.code(), Some(1), "two bad posts fail");
    let records = lines(&r.stdout);
    // 4 good posts, 3 bad ones (latin1, open, empty is good: an empty post converts), no pdf
    let paths: Vec<&str> = records.iter().filter_map(|v| v["path"].as_str()).collect();
    assert_eq!(paths.len(), records.len(), "every line names its input");
    assert_eq!(records.len(), 7, "{paths:?}");
    assert!(paths.iter().all(|p| !p.ends_with(".pdf")));
    let a = records
        .iter()
        .find(|v| v["path"].as_str().is_some_and(|p| p.ends_with("a.md")))
        .expect("a.md");
    assert_eq!(a["ok"], true);
    assert_eq!(a["json"]["metadata"]["title"], "新闻一");
    let bad = records
        .iter()
        .find(|v| v["path"].as_str().is_some_and(|p| p.ends_with("latin1.md")))
        .expect("latin1.md");
    assert_eq!(
        (&bad["ok"], &bad["kind"]),
        (&Value::Bool(false), &Value::from("invalid-utf8"))
    );

    // several files, another format: the rendering as a string, in input order
    let a = src.path().join(GOOD[0].0);
    let c = src.path().join(GOOD[2].0);
    let r = run(&["--to", "text", "-q", s(&c), s(&a)], None);
    assert_eq!(r.status.code(), Some(0));
    let records = lines(&r.stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["path"], s(&c));
    assert_eq!(records[1]["text"], "新闻一\n\n第一段\n\n第二段\n");
}

#[test]
fn one_input_to_stdout_ends_with_a_newline_and_prints_no_summary() {
    let src = tempfile::tempdir().expect("tempdir");
    write(src.path(), "a.md", GOOD[1].1.as_bytes());
    let a = src.path().join("a.md");
    for format in ["json", "markdown", "text", "html"] {
        let r = run(&["--to", format, s(&a)], None);
        assert_eq!(r.status.code(), Some(0));
        assert!(r.stdout.ends_with(b"\n"), "{format} ends with a newline");
        assert!(
            !r.stdout.ends_with(b"\n\n"),
            "{format}: one newline, not two"
        );
        assert_eq!(r.stderr, b"", "{format}: no summary for one file to stdout");
    }
    let json = run(&["--to", "json", "-"], Some(GOOD[1].1.as_bytes()));
    let v: Value = serde_json::from_slice(&json.stdout).expect("one JSON object");
    assert_eq!(v["metadata"]["title"], "Second story");
    assert_eq!(json.stderr, b"");
    // a batch does print it, with sizes a person reads
    let out = tempfile::tempdir().expect("tempdir");
    let r = run(&["--to", "text", "-o", s(out.path()), s(&a)], None);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.starts_with("converted 1, failed 0, skipped 0; "),
        "{stderr}"
    );
    assert!(
        stderr.contains(" B in, ") && stderr.contains("/s"),
        "{stderr}"
    );
}

#[test]
fn outputs_that_would_collide_are_refused_before_converting() {
    let src = tempfile::tempdir().expect("tempdir");
    write(src.path(), "a/x.md", b"<p>a</p>");
    write(src.path(), "b/x.md", b"<p>b</p>");
    write(src.path(), "side/y.html", b"<p>y html</p>");
    write(src.path(), "side/y.md", b"<p>y md</p>");
    let out = tempfile::tempdir().expect("tempdir");
    let dest = out.path().join("o");

    let (a, b) = (src.path().join("a/x.md"), src.path().join("b/x.md"));
    let r = run(&["-t", "text", "-o", s(&dest), s(&a), s(&b)], None);
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains(s(&a)) && stderr.contains(s(&b)), "{stderr}");

    let side = src.path().join("side");
    let r = run(&["-t", "markdown", "-o", s(&dest), s(&side)], None);
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains("y.html") && stderr.contains("y.md"),
        "{stderr}"
    );
    assert!(!dest.exists(), "nothing is written before the refusal");

    // a folder into itself, and a file over itself
    let r = run(&["-t", "text", "-o", s(&side), s(&side)], None);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("input folder"));
    let y = side.join("y.html");
    let r = run(&["-t", "html", "-o", s(&side), s(&y)], None);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(
        fs::read(&y).expect("y.html"),
        b"<p>y html</p>",
        "input untouched"
    );
    assert_eq!(tree(&side).len(), 2, "nothing written beside the inputs");

    // the same names from one folder mirror into subfolders, which is no collision
    let r = run(
        &[
            "-t",
            "text",
            "-q",
            "-o",
            s(&dest),
            s(src.path()).trim_end_matches('/'),
        ],
        None,
    );
    assert_eq!(r.status.code(), Some(2), "side/y.* still collide");
}

#[test]
fn skip_existing_reconverts_outputs_made_with_other_options() {
    let src = tempfile::tempdir().expect("tempdir");
    for (rel, text) in GOOD {
        write(src.path(), rel, text.as_bytes());
    }
    let rules = src.path().join("extra.yaml");
    fs::write(
        &rules,
        "rules:\n  - name: my-widget\n    tokens: [newsbox]\n",
    )
    .expect("rules");
    let out = tempfile::tempdir().expect("tempdir");
    let base = [
        "-t",
        "text",
        "--skip-existing",
        "-o",
        s(out.path()),
        "--ext",
        "md,html,htm,txt",
    ];
    let with = |extra: &[&str]| {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        args.push(s(src.path()));
        let r = run(&args, None);
        assert_eq!(r.status.code(), Some(0));
        String::from_utf8_lossy(&r.stderr).into_owned()
    };
    // outputs made by a run without --skip-existing have no record, so they are not trusted
    let plain = run(
        &["-t", "text", "-q", "-o", s(out.path()), s(src.path())],
        None,
    );
    assert_eq!(plain.status.code(), Some(0));
    assert!(with(&[]).contains("converted 4, failed 0, skipped 0"));
    assert!(with(&[]).contains("converted 0, failed 0, skipped 4"));
    let rules_arg = ["--rules", s(&rules)];
    assert!(
        with(&rules_arg).contains("converted 4, failed 0, skipped 0"),
        "other rules"
    );
    assert!(with(&rules_arg).contains("converted 0, failed 0, skipped 4"));
    assert!(
        with(&["--no-title"]).contains("converted 4, failed 0, skipped 0"),
        "other output"
    );
    // the journal, compacted: one producer line, then one line per output naming it
    let manifest =
        fs::read_to_string(out.path().join(".tidings-manifest.jsonl")).expect("manifest");
    let lines: Vec<Value> = manifest
        .lines()
        .map(|l| serde_json::from_str(l).expect("manifest lines are JSON"))
        .collect();
    assert_eq!(lines.len(), 1 + GOOD.len(), "{manifest}");
    let record = lines
        .iter()
        .find(|l| l["output"] == "2020/01/a.txt")
        .expect("a record of the output");
    let output = fs::read(out.path().join("2020/01/a.txt")).expect("output");
    assert_eq!(record["size"], output.len());
    let producer = lines
        .iter()
        .find(|l| l["producer"] == record["by"])
        .expect("its producer");
    assert_eq!(producer["tidings"], env!("CARGO_PKG_VERSION"));
    assert_eq!(producer["format"], "text");
    // and a manifest is no input of a later run over that folder
    let again = run(&["-t", "text", "-q", s(out.path())], None);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("tidings-manifest"));
}

#[test]
fn list_rules_prints_the_rules_in_force_as_rules_yaml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let extra = dir.path().join("extra.yaml");
    fs::write(
        &extra,
        "rules:\n  - name: my-widget\n    tokens: [newsbox]\n",
    )
    .expect("rules");
    let builtin = run(&["--list-rules"], None);
    assert_eq!(builtin.status.code(), Some(0));
    let builtin = String::from_utf8(builtin.stdout).expect("utf-8");
    assert!(builtin.contains("name: ad-slot"), "{builtin}");
    let both = run(&["--list-rules", "--rules", s(&extra)], None);
    let both = String::from_utf8(both.stdout).expect("utf-8");
    assert!(both.starts_with(builtin.trim_end_matches('\n')) || both.contains("name: ad-slot"));
    assert!(both.contains("name: my-widget") && !builtin.contains("name: my-widget"));
    let only = run(
        &["--list-rules", "--no-builtin-rules", "--rules", s(&extra)],
        None,
    );
    let only = String::from_utf8(only.stdout).expect("utf-8");
    assert!(
        only.contains("name: my-widget") && !only.contains("name: ad-slot"),
        "{only}"
    );

    // what it prints is a rules file: the listed rules, read back alone, clean the same way
    let listed = dir.path().join("listed.yaml");
    fs::write(&listed, &both).expect("listed");
    let post = "<p>kept</p><div class=\"newsbox\">widget</div><div id=\"dfp-ad-top\">广告</div>";
    let original = run(
        &["-t", "text", "--rules", s(&extra), "-"],
        Some(post.as_bytes()),
    );
    let reread = run(
        &[
            "-t",
            "text",
            "--no-builtin-rules",
            "--rules",
            s(&listed),
            "-",
        ],
        Some(post.as_bytes()),
    );
    assert_eq!(String::from_utf8_lossy(&original.stdout), "kept\n");
    assert_eq!(original.stdout, reread.stdout);
    // and with no rules at all, the ad stays
    let none = run(
        &["-t", "text", "--no-builtin-rules", "-"],
        Some(post.as_bytes()),
    );
    assert!(String::from_utf8_lossy(&none.stdout).contains("广告"));
}

#[test]
fn completions_and_man_page_come_from_the_flags() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = run(&["--completions", shell], None);
        assert_eq!(r.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&r.stdout);
        assert!(
            script.contains("tidings") && script.contains("skip-existing"),
            "{shell}"
        );
    }
    let man = run(&["--man"], None);
    assert_eq!(man.status.code(), Some(0));
    let man = String::from_utf8_lossy(&man.stdout);
    assert!(man.contains(".TH tidings 1"), "{man}");
    assert!(
        man.contains("list\\-rules") && man.contains("Exit codes"),
        "{man}"
    );
    assert_eq!(run(&["--completions", "tcsh"], None).status.code(), Some(2));
}

#[test]
fn a_rules_error_says_its_place_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.yaml");
    fs::write(&bad, "rules:\n  - name: x\n    tokn: [a]\n").expect("rules");
    let r = run(&["--rules", s(&bad), "-"], Some(b"<p>x</p>"));
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(stderr.matches("line 3").count(), 1, "{stderr}");
    assert!(
        stderr.contains("line 3, column 5") && stderr.contains("tokn"),
        "{stderr}"
    );
}

/// Sends SIGINT, as Ctrl-C in a terminal does.
fn interrupt(child: &std::process::Child) {
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(ok.success());
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleans_up_and_exits_130() {
    let src = tempfile::tempdir().expect("tempdir");
    // Enough work to be caught in the middle: a few thousand posts of some size, one thread.
    let body = "<p>第一段文字，足够长的一段话。</p>".repeat(400);
    let n = 3000;
    for i in 0..n {
        write(
            src.path(),
            &format!("{:02}/{i}.md", i % 10),
            body.as_bytes(),
        );
    }
    let out = tempfile::tempdir().expect("tempdir");
    // a dead run's leftover (no process has this id: it is over any pid_max) is removed
    fs::create_dir_all(out.path().join("00")).expect("mkdir");
    let stale = out.path().join("00/.0.txt.tmp-999999999-3");
    fs::write(&stale, b"").expect("stale");
    let child = Command::new(bin())
        .args(["-t", "text", "-j", "1", "-o", s(out.path()), s(src.path())])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = std::time::Instant::now();
    // count, don't read: the converter renames its temporary files meanwhile
    while file_count(out.path()) < 3 {
        assert!(started.elapsed().as_secs() < 60, "no output appeared");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    interrupt(&child);
    let r = child.wait_with_output().expect("wait");
    assert_eq!(r.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains(", interrupted; "), "{stderr}");
    let written = tree(out.path());
    assert!(written.len() < n, "stopped before the end");
    assert!(
        written.iter().all(|(rel, _)| !rel.contains(".tmp-")),
        "no temporary file left: {:?}",
        written
            .iter()
            .filter(|(r, _)| r.contains(".tmp-"))
            .collect::<Vec<_>>()
    );
    assert!(!stale.exists());
    let converted: usize = stderr
        .split("converted ")
        .nth(1)
        .and_then(|t| t.split(',').next())
        .and_then(|c| c.parse().ok())
        .expect("summary");
    assert_eq!(
        converted,
        written.len(),
        "the summary counts what was written"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_waiting_on_stdin_exits_at_once() {
    let mut child = Command::new(bin())
        .args(["-t", "text"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdin = child.stdin.take();
    // Time for the converter to start and install its handler, on a loaded machine too.
    std::thread::sleep(std::time::Duration::from_millis(2000));
    interrupt(&child);
    let r = child.wait_with_output().expect("wait");
    drop(stdin);
    assert_eq!(r.status.code(), Some(130));
}

#[test]
fn help_names_the_program_as_called() {
    let help = String::from_utf8(run(&["--help"], None).stdout).expect("utf-8");
    assert!(
        help.contains("\n  tidings --to markdown post.html"),
        "{help}"
    );
    assert!(help.contains("completions/tidings\n") && help.contains("man1/tidings.1\n"));
    assert!(
        !help.contains("PROG") && !help.contains("\n  convert "),
        "{help}"
    );
}

/// `--learn-out` learns what a source repeats at the end of its posts, writes it as rules YAML that
/// `--rules` reads back, and converts without it; another source's posts keep the same line, and
/// `--learn` cannot read stdin twice.
#[test]
fn learn_finds_a_sources_stock_line_and_writes_it_as_rules() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("posts");
    for n in 0..6 {
        let story: String = (0..4)
            .map(|k| format!("<p>Report {n}, paragraph {k}, says what happened.</p>"))
            .collect();
        for host in ["a.example", "b.example"] {
            let tail = if host == "a.example" {
                "<p>A Example Media, every weekday since 1893</p>"
            } else {
                ""
            };
            let post =
                format!("---\ntitle: Story {n}\nfrom: https://{host}/{n}\n---\n{story}{tail}\n");
            write(&root, &format!("{host}/{n}.md"), post.as_bytes());
        }
    }
    write(
        &root,
        "b.example/quoted.md",
        b"---\nfrom: https://b.example/q\n---\n<p>Text.</p><p>A Example Media, every weekday since 1893</p>\n",
    );
    let learned = dir.path().join("learned.yaml");
    let out = dir.path().join("out");
    let o = run(
        &[
            "--learn-out",
            s(&learned),
            "-q",
            "-t",
            "text",
            "-o",
            s(&out),
            s(&root),
        ],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let yaml = fs::read_to_string(&learned).unwrap();
    let rules = tidings::Rules::from_yaml(&yaml).expect("learned rules read back");
    let learned: Vec<&tidings::Rule> = rules.iter().collect();
    assert_eq!(learned.len(), 1, "{yaml}");
    assert_eq!(learned[0].sites, ["a.example"]);
    assert_eq!(
        learned[0].lines,
        ["A Example Media, every weekday since 1893"]
    );
    let a = fs::read_to_string(out.join("a.example/0.txt")).unwrap();
    assert!(!a.contains("A Example Media"), "{a}");
    let b = fs::read_to_string(out.join("b.example/quoted.txt")).unwrap();
    assert!(b.contains("A Example Media"), "{b}");

    let o = run(&["--learn", "-t", "text", "-"], Some(b"<p>x</p>"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--learn"));
}

/// The Markdown line-break style is a flag: two spaces by default, a backslash when asked.
#[test]
fn hard_break_style_is_a_flag() {
    let o = run(&["-t", "markdown", "-"], Some(b"<p>one<br>two</p>"));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "one  \ntwo\n");
    let o = run(
        &["-t", "markdown", "--hard-break", "backslash", "-"],
        Some(b"<p>one<br>two</p>"),
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), "one\\\ntwo\n");
}

/// The outputs under `root`, without the manifest.
fn outputs(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all = tree(root);
    all.retain(|(rel, _)| rel != ".tidings-manifest.jsonl");
    all
}

/// The data loss: outputs rewritten by a run without --skip-existing (or with other
/// options), edited by hand, or from an input rewritten since, are converted again; a journal line
/// torn by a kill is left out.
#[test]
fn skip_existing_vouches_only_for_the_recorded_file() {
    let src = tempfile::tempdir().expect("tempdir");
    for (rel, text) in GOOD {
        write(src.path(), rel, text.as_bytes());
    }
    let out = tempfile::tempdir().expect("tempdir");
    let skip = |extra: &[&str]| {
        let mut args = vec!["-t", "markdown", "--skip-existing", "-o", s(out.path())];
        args.extend_from_slice(extra);
        args.push(s(src.path()));
        let r = run(&args, None);
        assert_eq!(r.status.code(), Some(0));
        String::from_utf8_lossy(&r.stderr).into_owned()
    };
    assert!(skip(&[]).contains("converted 4, failed 0, skipped 0"));
    let first = outputs(out.path());
    // a plain run with other options rewrites the outputs that have front matter
    let plain = run(
        &[
            "-q",
            "--no-front-matter",
            "-o",
            s(out.path()),
            s(src.path()),
        ],
        None,
    );
    assert_eq!(plain.status.code(), Some(0));
    let stderr = skip(&[]);
    assert!(
        stderr.contains("converted 2, failed 0, skipped 2"),
        "the two posts with front matter: {stderr}"
    );
    assert_eq!(outputs(out.path()), first);
    // an output edited by hand, with its size kept
    let a = out.path().join("2020/01/a.md");
    let mut bytes = fs::read(&a).expect("read");
    bytes[0] = b'#';
    fs::write(&a, &bytes).expect("edit");
    assert!(skip(&[]).contains("converted 1, failed 0, skipped 3"));
    assert_eq!(outputs(out.path()), first);
    // an input written again (same bytes, a new time)
    std::thread::sleep(std::time::Duration::from_millis(20));
    write(src.path(), GOOD[2].0, GOOD[2].1.as_bytes());
    assert!(skip(&[]).contains("converted 1, failed 0, skipped 3"));
    // a torn last line, as a SIGKILL in the middle of an append leaves it
    let manifest = out.path().join(".tidings-manifest.jsonl");
    let mut journal = fs::OpenOptions::new()
        .append(true)
        .open(&manifest)
        .expect("journal");
    journal
        .write_all(b"{\"output\":\"c.md\",\"si")
        .expect("tear");
    drop(journal);
    assert!(skip(&[]).contains("converted 0, failed 0, skipped 4"));
    assert_eq!(outputs(out.path()), first);
}

#[test]
fn a_manifest_that_cannot_be_written_names_its_folder() {
    let src = tempfile::tempdir().expect("tempdir");
    write(src.path(), "a.md", b"<p>a</p>");
    let out = tempfile::tempdir().expect("tempdir");
    // a folder where the journal should be: no append, no rename over it, even as root
    fs::create_dir(out.path().join(".tidings-manifest.jsonl")).expect("mkdir");
    let r = run(
        &["-q", "--skip-existing", "-o", s(out.path()), s(src.path())],
        None,
    );
    assert_eq!(r.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains(&format!("(in the folder {})", out.path().display())),
        "{stderr}"
    );
    assert!(
        out.path().join("a.md").exists(),
        "the output is still written"
    );
}

#[test]
fn o_names_a_file_with_one_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, post) = GOOD[0];
    write(dir.path(), "a.html", post.as_bytes());
    write(dir.path(), "b.html", b"<p>b</p>");
    let a = dir.path().join("a.html");
    let b = dir.path().join("b.html");
    let single = dir.path().join("single.md");
    let r = run(&["-q", "-o", s(&single), s(&a)], None);
    assert_eq!(r.status.code(), Some(0));
    assert!(single.is_file(), "a file, not a folder");
    let direct = run(&["-q", s(&a)], None);
    assert_eq!(fs::read(&single).expect("read"), direct.stdout);
    // an existing file is written again; stdin too
    let r = run(
        &["-q", "-t", "text", "-o", s(&single), "-"],
        Some(b"<p>x</p>"),
    );
    assert_eq!(r.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&single).expect("read"), "x\n");
    // an existing file with several inputs: one usage error
    let r = run(&["-o", s(&single), s(&a), s(&b)], None);
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("is an existing file, and there are 2 inputs"),
        "{stderr}"
    );
    // a folder and stdin: says why not
    let folder = dir.path().join("out");
    let r = run(&["-o", s(&folder), "-"], Some(b"<p>x</p>"));
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("`-` (stdin) has no file name"), "{stderr}");
    // its own input
    let r = run(&["-t", "html", "-o", s(&b), s(&b)], None);
    assert_eq!(r.status.code(), Some(2));
}

#[test]
fn jsonl_skips_blank_lines_and_keeps_ids_of_lines_that_are_not_unicode() {
    let mut input = Vec::new();
    input.extend_from_slice(b"\xEF\xBB\xBF{\"id\":1,\"content\":\"<p>one</p>\"}\n");
    input.extend_from_slice(b"\n   \r\n");
    // what Python's json.dumps writes for a string holding a lone surrogate
    input.extend_from_slice(b"{\"id\":\"s\",\"content\":\"a\\ud800b\"}\n");
    input.extend_from_slice(b"{\"content\":\"caf\xe9\",\"id\":\"u\"}\n");
    // an escaped backslash before "ud800" is text, not an escape
    input.extend_from_slice(b"{\"id\":4,\"content\":\"a\\\\ud800\"}\n");
    input.extend_from_slice(b"{\"id\":5,\"content\":\"a\\ud83d\\ude00\"}\n");
    let r = run(&["--jsonl", "-t", "text"], Some(&input));
    let out = lines(&r.stdout);
    assert_eq!(out.len(), 5, "blank lines give no line");
    assert_eq!(out[0]["id"], 1);
    assert_eq!(
        out[0]["text"], "one\n",
        "a BOM in front of the stream is no error"
    );
    assert_eq!(
        (&out[1]["id"], &out[1]["kind"]),
        (&Value::from("s"), &Value::from("invalid-utf8"))
    );
    assert!(
        out[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("surrogate"))
    );
    assert_eq!(
        (&out[2]["id"], &out[2]["kind"]),
        (&Value::from("u"), &Value::from("invalid-utf8"))
    );
    assert_eq!(out[3]["text"], "a\\ud800\n");
    assert_eq!(out[4]["text"], "a😀\n");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("converted 3, failed 2"), "{stderr}");
    assert!(
        !stderr.contains("--encoding"),
        "no --encoding hint for a stream: {stderr}"
    );
}

#[cfg(unix)]
#[test]
fn special_files_named_like_inputs_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "good.md", b"<p>ok</p>");
    std::os::unix::fs::symlink("nowhere.md", dir.path().join("dangling.md")).expect("link");
    std::os::unix::fs::symlink("loop.md", dir.path().join("loop.md")).expect("link");
    let fifo = Command::new("mkfifo")
        .arg(dir.path().join("pipe.md"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    // not named like inputs: not reported
    std::os::unix::fs::symlink("nowhere", dir.path().join("other.pdf")).expect("link");
    let out = tempfile::tempdir().expect("tempdir");
    let r = run(&["-o", s(out.path()), s(dir.path())], None);
    assert_eq!(r.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains("dangling.md: not converted: a dangling symbolic link"),
        "{stderr}"
    );
    assert!(
        stderr.contains("loop.md: not converted: a symbolic link that cannot be followed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("pipe.md: not converted: a FIFO"),
        "{stderr}"
    );
    assert!(!stderr.contains("other.pdf"), "{stderr}");
    assert!(stderr.contains("converted 1, failed 3"), "{stderr}");
}

#[test]
fn an_empty_folder_and_a_latin1_file_get_hints() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).expect("mkdir");
    let r = run(&[s(&empty)], None);
    assert_eq!(r.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&r.stderr).contains("holds no files to convert"));
    write(dir.path(), "pdfs/a.pdf", b"%PDF");
    let r = run(&[s(&dir.path().join("pdfs"))], None);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains("none of the 1 file(s) in")
            && stderr.contains("matches --ext md,html,htm,txt"),
        "{stderr}"
    );
    write(dir.path(), "latin1.html", b"<p>caf\xe9</p>");
    let r = run(&[s(&dir.path().join("latin1.html"))], None);
    assert_eq!(r.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains("--encoding (windows-1252 for Latin-1"),
        "{stderr}"
    );
    let r = run(
        &[
            "--encoding",
            "windows-1252",
            s(&dir.path().join("latin1.html")),
        ],
        None,
    );
    assert_eq!(String::from_utf8_lossy(&r.stdout), "café\n");
}

#[cfg(unix)]
#[test]
fn a_closed_stdout_is_no_failed_input() {
    let src = tempfile::tempdir().expect("tempdir");
    let body = "<p>一段足够长的文字。</p>".repeat(200);
    for i in 0..400 {
        write(src.path(), &format!("{i:03}.md"), body.as_bytes());
    }
    let mut child = Command::new(bin())
        .args(["-t", "json", "-j", "1", s(src.path())])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // like `| head -n 1`
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().expect("stdout")),
        &mut first,
    )
    .expect("a line");
    let r = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("failed 0, skipped 0, stopped: stdout closed"),
        "{stderr}"
    );
}

#[test]
fn the_man_pages_examples_are_not_filled() {
    let man = String::from_utf8(run(&["--man"], None).stdout).expect("utf-8");
    let examples = man
        .split(".SH EXAMPLES\n.nf\n")
        .nth(1)
        .expect("an EXAMPLES section set without filling");
    let examples = examples.split("\n.fi\n").next().expect("its end");
    assert!(
        examples
            .lines()
            .any(|l| l.starts_with("  tidings \\-\\-to markdown post.html ")),
        "{examples}"
    );
    assert!(examples.lines().count() > 15);
    assert!(!man.contains(".SH EXTRA"));
}

/// A terminal closed by SIGHUP takes stderr with it: messages are lost, not the run's end.
#[cfg(unix)]
#[test]
fn a_closed_stderr_does_not_stop_the_cleanup() {
    let src = corpus();
    let out = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(bin())
        .args(["--skip-existing", "-o", s(out.path()), s(src.path())])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stderr.take());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(1), "failed inputs, not a panic");
    assert!(out.path().join(".tidings-manifest.jsonl").exists());
}
