//! The differential check against a browser (`tools/browser_diff.py`): headless Chromium renders each
//! fixture's body, and its `innerText` is compared with our text under `--no-builtin-rules`. Every
//! difference must be of a kind docs/fidelity.md names; an unexplained one fails.
//!
//! Opt-in, since it needs Chromium and takes a minute or two: `TIDINGS_BROWSER_DIFF=1 cargo test
//! --release --test browser_diff`. Without the variable, or without Chromium or Python, it says that
//! it skipped.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use browser::found;

mod browser;

fn skip(why: &str) {
    // past the harness's capture: a skip must be seen
    let _ = writeln!(std::io::stderr(), "SKIPPED browser_diff: {why}");
}

#[test]
fn fixtures_read_as_a_browser_shows_them() {
    if std::env::var_os("TIDINGS_BROWSER_DIFF").is_none() {
        skip("set TIDINGS_BROWSER_DIFF=1 to run it (it needs Chromium)");
        return;
    }
    let Some(chromium) = browser::chromium() else {
        skip("no Chromium found (apt-get install chromium)");
        return;
    };
    if !found("python3") {
        skip("no python3");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let convert = root.join("target/release/examples/convert");
    let built = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--example", "convert"])
        .current_dir(root)
        .status()
        .expect("cargo runs");
    assert!(built.success(), "the convert example builds");
    let out = Command::new("python3")
        .arg(root.join("tools/browser_diff.py"))
        .args(["--strict", "--chromium", chromium, "--convert"])
        .arg(&convert)
        .arg(root.join("fixtures"))
        .output()
        .expect("python3 runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "unexplained differences:\n{report}");
    assert!(report.contains("0 not rendered"), "{report}");
}
