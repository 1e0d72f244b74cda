//! The JSON output reads back into `tidings::JsonDocument` and writes back byte for byte: over
//! every fixture (always), and over the development corpus in `../shared` when it is there.

use std::fs;
use std::path::{Path, PathBuf};

use tidings::{JsonDocument, Post};

/// Reads `path` as a post, and checks its JSON through [`JsonDocument`]; returns whether it was a
/// post (inputs that fail to read have no JSON to check).
fn round_trip(path: &Path) -> bool {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let Ok(post) = Post::parse_bytes(&bytes) else {
        return false;
    };
    let json = post.to_json();
    let doc: JsonDocument = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{}: the JSON does not read back: {e}", path.display()));
    let again = serde_json::to_string(&doc).expect("a document writes");
    assert!(
        again == json,
        "{}: written back differently",
        path.display()
    );
    assert_eq!(doc.blocks, post.blocks(), "{}", path.display());
    assert_eq!(&doc.report, post.report(), "{}", path.display());
    assert_eq!(doc.markdown, post.to_markdown(), "{}", path.display());
    true
}

fn files(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| keep(p))
        .collect();
    out.sort();
    out
}

#[test]
fn every_fixture_round_trips_through_the_document_type() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut checked = 0;
    for dir in files(&root, |p| p.is_dir()) {
        for input in files(&dir, |p| {
            p.file_stem().is_some_and(|s| s == "input") && p.is_file()
        }) {
            checked += usize::from(round_trip(&input));
        }
    }
    assert!(checked >= 20, "only {checked} fixtures read");
}

#[test]
fn the_corpus_round_trips_through_the_document_type() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/posts");
    if !corpus.is_dir() {
        eprintln!(
            "skipped: no corpus at {} (the contributors' ../shared checkout)",
            corpus.display()
        );
        return;
    }
    let posts = files(&corpus, |p| p.is_file());
    let read: usize = posts.iter().map(|p| usize::from(round_trip(p))).sum();
    assert!(
        read * 10 >= posts.len() * 9,
        "{read} of {} posts read",
        posts.len()
    );
}
