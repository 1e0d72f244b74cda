//! Batch mode: files and folders in, files (or stdout) out.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::{Format, Options, Post, RenderOptions};
use globset::{GlobBuilder, GlobMatcher};
use indicatif::ProgressBar;
use rayon::prelude::*;

use super::args::Cli;
use super::report::{Failure, Reporter};

/// Results are handled in input order, a chunk at a time, so that stdout output and error lines come
/// out the same whatever the thread count, while at most this many outputs wait in memory.
const CHUNK: usize = 256;

/// One thing to convert.
#[derive(Debug)]
pub enum Job {
    Stdin,
    File {
        source: PathBuf,
        /// Where the output goes, relative to --out-dir.
        rel: PathBuf,
    },
    /// Something found while listing inputs that already failed (missing path, unreadable folder).
    Broken(Failure),
}

enum Outcome {
    Converted {
        bytes_in: u64,
        bytes_out: u64,
        /// The output, when it goes to stdout.
        stdout: Option<String>,
    },
    Skipped,
    Failed(Failure),
    /// Not attempted because --fail-fast saw a failure first.
    Cancelled,
}

pub struct Filter {
    exts: Vec<String>,
    glob: Option<GlobMatcher>,
}

impl Filter {
    pub fn new(cli: &Cli) -> Result<Filter, String> {
        let glob = match &cli.glob {
            Some(p) => Some(
                GlobBuilder::new(p)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("--glob {p}: {e}"))?
                    .compile_matcher(),
            ),
            None => None,
        };
        let exts = cli
            .ext
            .iter()
            .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
            .collect();
        Ok(Filter { exts, glob })
    }

    fn accepts(&self, rel: &Path) -> bool {
        let ext_ok = rel
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.exts.iter().any(|x| x.eq_ignore_ascii_case(e)));
        ext_ok && self.glob.as_ref().is_none_or(|g| g.is_match(rel))
    }
}

/// Lists the jobs for the inputs, in order: each folder's files sorted by path.
pub fn jobs(inputs: &[String], filter: &Filter, out_dir: Option<&Path>) -> Vec<Job> {
    // Outputs written inside an input folder must not be picked up as inputs by a later run.
    let skip = out_dir.and_then(|d| fs::canonicalize(d).ok());
    let mut jobs = Vec::new();
    for input in inputs {
        if input == "-" {
            jobs.push(Job::Stdin);
            continue;
        }
        let root = PathBuf::from(input);
        match fs::metadata(&root) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(&root, skip.as_deref(), &mut found, &mut jobs);
                found.sort();
                for source in found {
                    let Ok(rel) = source.strip_prefix(&root).map(Path::to_path_buf) else {
                        continue;
                    };
                    if filter.accepts(&rel) {
                        jobs.push(Job::File { source, rel });
                    }
                }
            }
            Ok(_) => {
                let rel = PathBuf::from(root.file_name().unwrap_or(root.as_os_str()));
                jobs.push(Job::File { source: root, rel });
            }
            Err(e) => jobs.push(Job::Broken(Failure::io(&root, &e))),
        }
    }
    jobs
}

/// Collects regular files under `dir`. Dot-files are left out (our own temp files are dot-files),
/// and symlinked folders are not followed, so a link cycle cannot loop.
fn walk(dir: &Path, skip: Option<&Path>, found: &mut Vec<PathBuf>, jobs: &mut Vec<Job>) {
    if skip.is_some_and(|s| fs::canonicalize(dir).is_ok_and(|d| d == s)) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => return jobs.push(Job::Broken(Failure::io(dir, &e))),
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                jobs.push(Job::Broken(Failure::io(dir, &e)));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, skip, found, jobs),
            Ok(t) if t.is_file() => found.push(path),
            Ok(t) if t.is_symlink() => {
                if fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                    found.push(path);
                }
            }
            Ok(_) => {}
            Err(e) => jobs.push(Job::Broken(Failure::io(&path, &e))),
        }
    }
}

pub struct Batch<'a> {
    pub options: &'a Options,
    pub render: &'a RenderOptions,
    pub format: Format,
    pub out_dir: Option<&'a Path>,
    pub skip_existing: bool,
    pub fail_fast: bool,
    pub bar: &'a ProgressBar,
}

impl Batch<'_> {
    /// Converts every job; an error means stdout could not be written, so the run cannot go on.
    pub fn run(&self, jobs: Vec<Job>, reporter: &mut Reporter) -> std::io::Result<()> {
        let stop = AtomicBool::new(false);
        let stdout = std::io::stdout();
        for chunk in jobs.chunks(CHUNK) {
            let outcomes: Vec<Outcome> = chunk
                .par_iter()
                .map(|job| {
                    if stop.load(Ordering::Relaxed) {
                        return Outcome::Cancelled;
                    }
                    let outcome = self.convert(job);
                    if self.fail_fast && matches!(outcome, Outcome::Failed(_)) {
                        stop.store(true, Ordering::Relaxed);
                    }
                    self.bar.inc(1);
                    outcome
                })
                .collect();
            let mut out = stdout.lock();
            for outcome in outcomes {
                match outcome {
                    Outcome::Converted {
                        bytes_in,
                        bytes_out,
                        stdout,
                    } => {
                        reporter.stats.converted += 1;
                        reporter.stats.bytes_in += bytes_in;
                        reporter.stats.bytes_out += bytes_out;
                        if let Some(text) = stdout {
                            out.write_all(text.as_bytes())?;
                        }
                    }
                    Outcome::Skipped => reporter.stats.skipped += 1,
                    Outcome::Failed(f) => reporter.fail(&f),
                    Outcome::Cancelled => {}
                }
            }
            out.flush()?;
            if stop.load(Ordering::Relaxed) {
                break;
            }
        }
        Ok(())
    }

    fn convert(&self, job: &Job) -> Outcome {
        match job {
            Job::Broken(f) => Outcome::Failed(f.clone()),
            Job::Stdin => {
                let mut buf = Vec::new();
                if let Err(e) = std::io::stdin().lock().read_to_end(&mut buf) {
                    return Outcome::Failed(Failure::io(Path::new("-"), &e));
                }
                match Post::parse_bytes_with(&buf, self.options) {
                    Ok(post) => {
                        let text = post.render(self.format, self.render);
                        Outcome::Converted {
                            bytes_in: buf.len() as u64,
                            bytes_out: text.len() as u64,
                            stdout: Some(text),
                        }
                    }
                    Err(e) => Outcome::Failed(Failure::tidings("-".into(), &e)),
                }
            }
            Job::File { source, rel } => self.convert_file(source, rel),
        }
    }

    fn convert_file(&self, source: &Path, rel: &Path) -> Outcome {
        let target = self
            .out_dir
            .map(|d| d.join(rel).with_extension(self.format.extension()));
        if self.skip_existing && target.as_ref().is_some_and(|t| is_newer(t, source)) {
            return Outcome::Skipped;
        }
        let bytes = match fs::read(source) {
            Ok(b) => b,
            Err(e) => return Outcome::Failed(Failure::io(source, &e)),
        };
        let post = match Post::parse_bytes_with(&bytes, self.options) {
            Ok(p) => p,
            Err(e) => return Outcome::Failed(Failure::tidings(source.display().to_string(), &e)),
        };
        let text = post.render(self.format, self.render);
        let (bytes_in, bytes_out) = (bytes.len() as u64, text.len() as u64);
        match target {
            Some(t) => match write_atomic(&t, text.as_bytes()) {
                Ok(()) => Outcome::Converted {
                    bytes_in,
                    bytes_out,
                    stdout: None,
                },
                // Reported against the input, like every other failure, naming the output it missed.
                Err(e) => Outcome::Failed(Failure {
                    path: source.display().to_string(),
                    kind: "io",
                    message: format!("cannot write {}: {e}", t.display()),
                }),
            },
            None => Outcome::Converted {
                bytes_in,
                bytes_out,
                stdout: Some(text),
            },
        }
    }
}

/// Whether `output` exists and was modified after `input`. Equal times are not "newer": on a
/// filesystem with coarse timestamps an input edited right after conversion must not be skipped.
fn is_newer(output: &Path, input: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified());
    matches!((modified(output), modified(input)), (Ok(o), Ok(i)) if o > i)
}

/// Writes through a temp file in the target's folder and renames it over the target, so a reader
/// (or a crash) never sees half an output, and the temp file never outlives a failed write.
fn write_atomic(target: &Path, data: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = target.parent().unwrap_or(Path::new("."));
    // a lookup is cheaper than a mkdir that fails, and takes no lock on the folder
    if !dir.is_dir() {
        fs::create_dir_all(dir)?;
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
    let result = fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(data))
        .and_then(|()| fs::rename(&tmp, target));
    if result.is_err() {
        // Best effort: the original error is the one worth reporting.
        let _ = fs::remove_file(&tmp);
    }
    result
}
