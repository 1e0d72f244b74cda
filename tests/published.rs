//! What a user of the published crate and command reaches: the JSON written the same way by every
//! route of the command (one file, a folder as JSON lines, --jsonl), and --help pointing to
//! documentation by an absolute address, since an installed binary has no checkout beside it; and
//! the JSON schema the same in the README and in the API documentation.

use std::path::PathBuf;
use std::process::Command;

/// The `tidings` command, which cargo builds for integration tests of a package with that binary.
fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tidings"))
}

fn stdout(args: &[&str], stdin: Option<&str>) -> String {
    use std::io::Write;
    let mut child = Command::new(bin())
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(stdin.unwrap_or("").as_bytes())
        .expect("writes");
    drop(input);
    let out = child.wait_with_output().expect("waits");
    assert!(out.status.success(), "{args:?} failed");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn folder_json_lines_and_stream_lines_hold_the_single_file_json_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let post = "---\ntitle: 标题\ntags: [b, a]\nzeta: 1\nalpha: 2\nfrom: https://news.example/a\n---\n\
                <p>正文 <a href=\"/x\">链接</a></p><img src=\"/i.png\" alt=\"图\">";
    for name in ["one.md", "two.md"] {
        std::fs::write(dir.path().join(name), post).expect("writes");
    }
    let single = stdout(
        &["-t", "json", &dir.path().join("one.md").to_string_lossy()],
        None,
    );
    let single = single.trim_end();
    // the writer's own order, which is not alphabetical: a Value in between would sort it
    assert!(
        single.starts_with("{\"metadata\":{\"title\":\"标题\""),
        "{single}"
    );
    assert!(single.find("\"markdown\"") < single.find("\"blocks\""));
    let folder = stdout(&["-t", "json", "-q", &dir.path().to_string_lossy()], None);
    let lines: Vec<&str> = folder.lines().collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        assert!(
            line.contains(&format!("\"ok\":true,\"json\":{single},\"meta\":")),
            "{line}"
        );
    }
    let record = serde_json::json!({"id": 7, "content": post}).to_string();
    let streamed = stdout(&["--jsonl", "-t", "json", "-q"], Some(&record));
    assert!(
        streamed.starts_with(&format!("{{\"id\":7,\"ok\":true,\"json\":{single},")),
        "{streamed}"
    );
}

#[test]
fn help_points_to_documentation_an_installed_binary_can_reach() {
    let help = stdout(&["--help"], None);
    let line = help
        .lines()
        .find(|l| l.starts_with("Documentation: "))
        .expect("a documentation line");
    let url = line.trim_start_matches("Documentation: ");
    assert!(url.starts_with("https://"), "{url}");
    // the page it names is one of the crate's, and ships in the package
    let page = url.rsplit("/blob/main/").next().expect("a file address");
    assert!(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(page)
            .is_file(),
        "{page}"
    );
    let repository = env!("CARGO_PKG_REPOSITORY");
    assert!(
        url.starts_with(repository),
        "{url} is not under {repository}"
    );
}

#[test]
fn the_readme_and_the_api_docs_show_one_json_schema() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).expect("readable");
    let table = |text: &str| -> Vec<String> {
        text.lines()
            .skip_while(|l| !l.starts_with("| key |"))
            .take_while(|l| l.starts_with('|'))
            .map(String::from)
            .collect()
    };
    let readme = read("README.md");
    let section = &readme[readme.find("## JSON schema").expect("the README's schema")..];
    let api = table(&read("docs/json-schema.md"));
    assert!(api.len() > 10);
    assert_eq!(table(section), api);
    // rustdoc reads the table from that file
    assert!(read("src/render/json.rs").contains("include_str!(\"../../docs/json-schema.md\")"));
}
