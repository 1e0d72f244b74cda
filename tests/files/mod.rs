//! Output folders as the converter's tests compare them: every file, relative path to contents.

use std::fs;
use std::path::Path;

/// Every file under `root` but those named in `skip` (relative paths), sorted; a file that
/// vanishes while listed fails the test (nothing should be writing there).
pub fn tree(root: &Path, skip: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p
                .strip_prefix(root)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            if !skip.contains(&rel.as_str()) {
                out.push((rel, fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}
