//! What produced each output of a folder, so that `--skip-existing` keeps only outputs that this
//! run would write the same way, byte for byte.
//!
//! The manifest is `.tidings-manifest.jsonl` in the output folder, kept only by runs with
//! `--skip-existing` (a plain run does no manifest work and leaves the folder holding nothing but
//! outputs). It is a journal: a line naming the producer (the tidings version, the format, a digest
//! of every reading and writing option and one of the rules in force) when a run starts, then one
//! line per output as it lands, after its rename: the output's size and a hash of its bytes, the
//! size and modification time its input had when it was read, and the producer. A run killed even
//! by SIGKILL loses at most the files in flight, whose outputs are converted again. At the end of a
//! run the journal is compacted to the last line of each output.
//!
//! An output is vouched for only by its own line: same producer, its input unchanged, and the file
//! itself of the recorded size and hash. Anything else (an output written by a run without
//! `--skip-existing`, or with other options, a touched input, a torn last line) is converted again.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::{Format, Options, RenderOptions};

/// The manifest's file name in the output folder.
pub const FILE_NAME: &str = ".tidings-manifest.jsonl";

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
            options: digest(format!("{options:?}\n{render:?}").as_bytes()),
            rules: digest(options.rules.to_yaml().as_bytes()),
        }
    }

    /// The digest that entries name their producer by.
    fn key(&self) -> String {
        let Producer {
            tidings,
            format,
            options,
            rules,
        } = self;
        digest(format!("{tidings}\n{format}\n{options}\n{rules}").as_bytes())
    }
}

/// A journal line naming a producer.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ProducerLine {
    producer: String,
    #[serde(flatten)]
    made_by: Producer,
}

/// A journal line for one output that landed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// Relative to the folder, with `/` on every platform, so that a manifest moves with it.
    output: String,
    size: u64,
    /// FNV-1a of the output's bytes.
    hash: String,
    input_size: u64,
    /// Nanoseconds since the Unix epoch; absent where the filesystem gives no time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    input_mtime: Option<u64>,
    /// The key of the producer.
    by: String,
}

/// An input as it was before it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputStamp {
    size: u64,
    mtime: Option<u64>,
}

impl InputStamp {
    pub fn of(path: &Path) -> std::io::Result<InputStamp> {
        let m = fs::metadata(path)?;
        let mtime = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .and_then(|d| u64::try_from(d.as_nanos()).ok());
        Ok(InputStamp {
            size: m.len(),
            mtime,
        })
    }
}

/// The manifest of one output folder: read at the start of a run, appended to as outputs land,
/// compacted at the end.
#[derive(Debug)]
pub struct Manifest {
    path: PathBuf,
    producer: Producer,
    key: String,
    producers: BTreeMap<String, Producer>,
    entries: HashMap<String, Entry>,
    /// The append handle, once the run started writing.
    journal: Mutex<Option<fs::File>>,
    /// Entries appended by this run, for the compaction (which writes them all, appended or not).
    landed: Mutex<Vec<Entry>>,
}

impl Manifest {
    /// Reads the folder's journal; a missing one lists nothing, so that every output is converted
    /// again rather than trusted, and lines that do not parse (a line torn by a kill) are left out.
    pub fn load(out_dir: &Path, producer: &Producer) -> Manifest {
        let path = out_dir.join(FILE_NAME);
        let mut producers = BTreeMap::new();
        let mut entries = HashMap::new();
        if let Ok(bytes) = fs::read(&path) {
            for line in bytes.split(|&b| b == b'\n') {
                if let Ok(e) = serde_json::from_slice::<Entry>(line) {
                    entries.insert(e.output.clone(), e);
                } else if let Ok(p) = serde_json::from_slice::<ProducerLine>(line) {
                    producers.insert(p.producer, p.made_by);
                }
            }
        }
        Manifest {
            path,
            key: producer.key(),
            producer: producer.clone(),
            producers,
            entries,
            journal: Mutex::new(None),
            landed: Mutex::new(Vec::new()),
        }
    }

    /// Whether the output at `rel` (relative to the folder, its file at `output`) is exactly what
    /// this run would write for the input at `source`: recorded by this producer, from the input
    /// as it is now, and still of the recorded size and hash.
    pub fn up_to_date(&self, rel: &Path, output: &Path, source: &Path) -> bool {
        let Some(e) = self.entries.get(&key(rel)) else {
            return false;
        };
        if e.by != self.key {
            return false;
        }
        let input = InputStamp {
            size: e.input_size,
            mtime: e.input_mtime,
        };
        if input.mtime.is_none() || InputStamp::of(source).ok() != Some(input) {
            return false;
        }
        let Ok(mut file) = fs::File::open(output) else {
            return false;
        };
        if file
            .metadata()
            .map(|m| m.is_file() && m.len() == e.size)
            .ok()
            != Some(true)
        {
            return false;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(e.size).unwrap_or(0));
        file.read_to_end(&mut bytes).is_ok() && digest(&bytes) == e.hash
    }

    /// Opens the journal for appending and notes this run's producer in it.
    pub fn begin(&self) -> Result<(), String> {
        if let Some(dir) = self.path.parent() {
            if !dir.is_dir() {
                fs::create_dir_all(dir).map_err(|e| self.failed("cannot create", &e))?;
            }
        }
        let opened = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(&self.path)
            .and_then(|mut f| {
                // A kill in the middle of a line leaves it torn: start on a line of our own.
                let torn = f.metadata()?.len() > 0 && {
                    use std::io::{Seek, SeekFrom};
                    let mut last = [0u8];
                    f.seek(SeekFrom::End(-1))?;
                    f.read_exact(&mut last)?;
                    last[0] != b'\n'
                };
                let line = ProducerLine {
                    producer: self.key.clone(),
                    made_by: self.producer.clone(),
                };
                let mut text = if torn { "\n".to_owned() } else { String::new() };
                text += &serde_json::to_string(&line).map_err(std::io::Error::from)?;
                text.push('\n');
                f.write_all(text.as_bytes())?;
                Ok(f)
            });
        match opened {
            Ok(f) => {
                if let Ok(mut j) = self.journal.lock() {
                    *j = Some(f);
                }
                Ok(())
            }
            Err(e) => Err(self.failed("cannot append to", &e)),
        }
    }

    /// Records that this run's producer wrote `bytes` to the output at `rel` from an input
    /// stamped `input`; called right after the output's rename.
    pub fn record(&self, rel: &Path, input: InputStamp, bytes: &[u8]) {
        let entry = Entry {
            output: key(rel),
            size: bytes.len() as u64,
            hash: digest(bytes),
            input_size: input.size,
            input_mtime: input.mtime,
            by: self.key.clone(),
        };
        let Ok(mut line) = serde_json::to_string(&entry) else {
            return;
        };
        line.push('\n');
        if let Ok(mut j) = self.journal.lock() {
            // One write of one whole line: appends from several workers never interleave. A failed
            // one (a full disk) stops the appends; the compaction at the end still writes it all.
            if j.as_mut()
                .is_some_and(|f| f.write_all(line.as_bytes()).is_err())
            {
                *j = None;
            }
        }
        if let Ok(mut landed) = self.landed.lock() {
            landed.push(entry);
        }
    }

    /// Compacts the journal to the last line of each output, through a temporary file like every
    /// output; an error names the manifest's full path and folder.
    pub fn finish(mut self) -> Result<(), String> {
        drop(self.journal.lock().map(|mut j| j.take()));
        let landed = self.landed.lock().map(|l| l.clone()).unwrap_or_default();
        let mut entries: BTreeMap<String, Entry> = self.entries.drain().collect();
        for e in landed {
            entries.insert(e.output.clone(), e);
        }
        self.producers
            .insert(self.key.clone(), self.producer.clone());
        let mut text = String::new();
        for (key, made_by) in &self.producers {
            if entries.values().any(|e| &e.by == key) {
                let line = ProducerLine {
                    producer: key.clone(),
                    made_by: made_by.clone(),
                };
                text += &serde_json::to_string(&line).unwrap_or_default();
                text.push('\n');
            }
        }
        for e in entries.values() {
            text += &serde_json::to_string(e).unwrap_or_default();
            text.push('\n');
        }
        super::files::write_atomic(&self.path, text.as_bytes())
            .map_err(|e| self.failed("cannot write", &e))
    }

    fn failed(&self, what: &str, e: &std::io::Error) -> String {
        format!(
            "{what} the manifest {} (in the folder {}): {e}; outputs it does not record will be \
             converted again by the next --skip-existing run",
            self.path.display(),
            self.path.parent().unwrap_or(Path::new(".")).display()
        )
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
/// enough to tell option sets and outputs apart (this guards against a mistake, not an
/// adversary).
fn digest(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
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
        assert_eq!(digest(b""), "cbf29ce484222325");
        assert_eq!(digest(b"a"), "af63dc4c8601ec8c");
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

#[cfg(test)]
mod journal_tests {
    use super::*;

    #[test]
    fn a_recorded_output_is_vouched_for_until_it_or_its_input_changes() {
        let dir = tempfile_dir();
        let src = dir.join("in.md");
        fs::write(&src, "<p>x</p>").expect("input");
        let out = dir.join("out");
        let producer = Producer::new(&Options::new(), &RenderOptions::new(), Format::Markdown);
        let m = Manifest::load(&out, &producer);
        m.begin().expect("begin");
        fs::write(out.join("in.md"), "x\n").expect("output");
        m.record(
            Path::new("in.md"),
            InputStamp::of(&src).expect("stamp"),
            b"x\n",
        );
        // a line torn by a kill after the compaction's input was taken
        m.finish().expect("compact");
        let mut journal = fs::OpenOptions::new()
            .append(true)
            .open(out.join(FILE_NAME))
            .expect("journal");
        journal
            .write_all(b"{\"output\":\"in.md\",\"si")
            .expect("tear");
        drop(journal);
        let again = Manifest::load(&out, &producer);
        assert!(again.up_to_date(Path::new("in.md"), &out.join("in.md"), &src));
        let other = Producer::new(&Options::new(), &RenderOptions::new(), Format::Text);
        let by_other = Manifest::load(&out, &other);
        assert!(!by_other.up_to_date(Path::new("in.md"), &out.join("in.md"), &src));
        fs::write(out.join("in.md"), "y\n").expect("edit");
        assert!(!again.up_to_date(Path::new("in.md"), &out.join("in.md"), &src));
        let _ = fs::remove_dir_all(&dir);
    }

    /// A fresh folder under the system's temporary folder (the library has no tempfile crate).
    fn tempfile_dir() -> PathBuf {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("tidings-manifest-test-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("mkdir");
        dir
    }
}
