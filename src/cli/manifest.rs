//! What produced each output of a folder, so that `--skip-existing` keeps only outputs that this
//! run would write the same way.
//!
//! The manifest is `.tidings-manifest.json` in the output folder, written by runs with
//! `--skip-existing` (a plain run leaves the folder holding nothing but outputs): for each output,
//! relative to the folder, the tidings version, the format, a digest of every reading and writing
//! option, and a digest of the rules in force. An output it does not list, or lists with other
//! values, is converted again.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Format, Options, RenderOptions};

/// The manifest's file name in the output folder.
pub const FILE_NAME: &str = ".tidings-manifest.json";

/// What one output was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Producer {
    tidings: String,
    format: String,
    /// FNV-1a of the options' Debug form: every field counts, including ones added later.
    options: String,
    /// FNV-1a of the rules as YAML, on its own so that a reader sees when only the rules changed.
    rules: String,
}

impl Producer {
    pub fn new(options: &Options, render: &RenderOptions, format: Format) -> Producer {
        Producer {
            tidings: env!("CARGO_PKG_VERSION").to_owned(),
            format: format.name().to_owned(),
            options: digest(&format!("{options:?}\n{render:?}")),
            rules: digest(&options.rules.to_yaml()),
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    outputs: BTreeMap<String, Producer>,
}

/// The manifest of one output folder, read at the start of a run and written at its end.
#[derive(Debug)]
pub struct Manifest {
    path: PathBuf,
    file: File,
}

impl Manifest {
    /// Reads the folder's manifest; a missing or unreadable one lists nothing, so that every
    /// output is converted again rather than trusted.
    pub fn load(out_dir: &Path) -> Manifest {
        let path = out_dir.join(FILE_NAME);
        let file = fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Manifest { path, file }
    }

    /// Whether the output at `rel` (relative to the folder) was made by `producer`.
    pub fn made_by(&self, rel: &Path, producer: &Producer) -> bool {
        self.file.outputs.get(&key(rel)) == Some(producer)
    }

    /// Records that `producer` wrote the output at `rel`.
    pub fn record(&mut self, rel: &Path, producer: &Producer) {
        self.file.outputs.insert(key(rel), producer.clone());
    }

    /// Writes the manifest through a temporary file, like every output.
    pub fn save(&self) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(&self.file).map_err(std::io::Error::from)?;
        super::files::write_atomic(&self.path, &json)
    }
}

/// Paths as keys with `/` on every platform, so that a manifest moves with its folder.
fn key(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// 64-bit FNV-1a, in hex: stable across Rust releases and platforms, unlike std's hasher, and
/// enough to tell option sets apart (this guards against a mistake, not an adversary).
fn digest(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_fnv1a() {
        // Published test vectors of FNV-1a 64.
        assert_eq!(digest(""), "cbf29ce484222325");
        assert_eq!(digest("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn other_options_make_another_producer() {
        let render = RenderOptions::new();
        let a = Producer::new(&Options::new(), &render, Format::Markdown);
        let b = Producer::new(
            &Options::new().strict_front_matter(true),
            &render,
            Format::Markdown,
        );
        let c = Producer::new(&Options::new(), &render, Format::Text);
        assert_eq!(a, Producer::new(&Options::new(), &render, Format::Markdown));
        assert_ne!(a, b);
        assert_ne!(a, c);
        let none = Options::new().rules(crate::Rules::empty());
        assert_ne!(
            a.rules,
            Producer::new(&none, &render, Format::Markdown).rules
        );
    }
}
