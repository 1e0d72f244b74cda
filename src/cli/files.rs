//! Batch mode: files and folders in, files (or stdout) out.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::{Format, Options, Post, RenderOptions};
use globset::{GlobBuilder, GlobMatcher};
use indicatif::ProgressBar;
use rayon::prelude::*;
use serde_json::Value;

use super::args::Cli;
use super::manifest::{InputStamp, Manifest};
use super::report::{Failure, Reporter};
use super::{interrupt, jsonl};

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

/// The jobs for the inputs, and whether stdout gets one JSON line per input rather than one
/// output as it is.
pub struct Listing {
    pub jobs: Vec<Job>,
    /// Several inputs or a folder: outputs glued together could not be told apart, so each goes
    /// on a line of its own, as a JSON object naming its input.
    pub many: bool,
    /// The folder inputs, for the check that none is also the output folder.
    pub folders: Vec<PathBuf>,
    /// Folder inputs that gave no job, with how many files in them the filter left out, for a
    /// hint: `converted 0` alone does not say why.
    pub empty: Vec<(PathBuf, usize)>,
}

/// Lists the jobs for the inputs, in order: each folder's files sorted by path.
pub fn jobs(inputs: &[String], filter: &Filter, out_dir: Option<&Path>) -> Listing {
    // Outputs written inside an input folder must not be picked up as inputs by a later run.
    let skip = out_dir.and_then(|d| fs::canonicalize(d).ok());
    let mut jobs = Vec::new();
    let mut folders = Vec::new();
    let mut empty = Vec::new();
    for input in inputs {
        if input == "-" {
            jobs.push(Job::Stdin);
            continue;
        }
        let root = PathBuf::from(input);
        match fs::metadata(&root) {
            Ok(m) if m.is_dir() => {
                let before = jobs.len();
                let mut found = walk(&root, skip.as_deref(), &mut jobs);
                found.sort_by(|a, b| a.0.cmp(&b.0));
                let mut left_out = 0;
                for (source, not_a_file) in found {
                    let Ok(rel) = source.strip_prefix(&root).map(Path::to_path_buf) else {
                        continue;
                    };
                    if !filter.accepts(&rel) {
                        left_out += 1;
                    } else if let Some(why) = not_a_file {
                        // Named like an input but nothing to read: said, not silently skipped.
                        jobs.push(Job::Broken(Failure {
                            path: source.display().to_string(),
                            kind: "io",
                            message: format!("not converted: {why}"),
                        }));
                    } else {
                        jobs.push(Job::File { source, rel });
                    }
                }
                if jobs.len() == before {
                    empty.push((root.clone(), left_out));
                }
                folders.push(root);
            }
            Ok(_) => {
                let rel = PathBuf::from(root.file_name().unwrap_or(root.as_os_str()));
                jobs.push(Job::File { source: root, rel });
            }
            Err(e) => jobs.push(Job::Broken(Failure::io(&root, &e))),
        }
    }
    Listing {
        many: inputs.len() > 1 || !folders.is_empty(),
        jobs,
        folders,
        empty,
    }
}

/// Collects the files under `root`, with a stack rather than recursion so that a deep tree cannot
/// overflow ours. Dot-files are left out (our own temp files and manifest are dot-files), and
/// symlinked folders are not followed, so a link cycle cannot loop. Entries that are not regular
/// files (dangling links, link loops, FIFOs, sockets, devices) come with the reason, so that those
/// named like inputs are reported.
fn walk(root: &Path, skip: Option<&Path>, jobs: &mut Vec<Job>) -> Vec<(PathBuf, Option<String>)> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if skip.is_some_and(|s| fs::canonicalize(&dir).is_ok_and(|d| d == s)) {
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                jobs.push(Job::Broken(Failure::io(&dir, &e)));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    jobs.push(Job::Broken(Failure::io(&dir, &e)));
                    continue;
                }
            };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() => found.push((path, None)),
                Ok(t) if t.is_symlink() => match fs::metadata(&path) {
                    Ok(m) if m.is_file() => found.push((path, None)),
                    Ok(m) if m.is_dir() => {}
                    Ok(m) => found.push((path, Some(special(&m.file_type(), true).into()))),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        found.push((path, Some("a dangling symbolic link".into())));
                    }
                    // ELOOP has no stable ErrorKind yet: the OS's own words say it.
                    Err(e) => {
                        let why = format!("a symbolic link that cannot be followed: {e}");
                        found.push((path, Some(why)));
                    }
                },
                Ok(t) => found.push((path, Some(special(&t, false).into()))),
                Err(e) => jobs.push(Job::Broken(Failure::io(&path, &e))),
            }
        }
    }
    found
}

/// What a folder entry that is not a regular file is, in words.
fn special(t: &fs::FileType, linked: bool) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        match (
            t.is_fifo(),
            t.is_socket(),
            t.is_block_device() || t.is_char_device(),
            linked,
        ) {
            (true, _, _, false) => return "a FIFO, not a regular file",
            (true, _, _, true) => return "a symbolic link to a FIFO, not to a regular file",
            (_, true, _, _) => return "a socket, not a regular file",
            (_, _, true, _) => return "a device, not a regular file",
            _ => {}
        }
    }
    let _ = (t, linked);
    "not a regular file"
}

/// Where a file job's output goes under `out_dir`.
pub fn target(out_dir: &Path, rel: &Path, format: Format) -> PathBuf {
    out_dir.join(rel).with_extension(format.extension())
}

/// Refuses, before anything is converted, a run whose outputs would overwrite each other or its
/// inputs: two inputs with one output path (`a/x.md` and `b/x.md` given as files, or `y.html` and
/// `y.md` side by side), an output that is an input, or an input folder that is the output folder.
pub fn check_targets(listing: &Listing, out_dir: &Path, format: Format) -> Result<(), String> {
    let out_real = fs::canonicalize(out_dir).ok();
    for folder in &listing.folders {
        if out_real.is_some() && fs::canonicalize(folder).ok() == out_real {
            return Err(format!(
                "--out-dir {} is the input folder {}: outputs would be mixed with the inputs; \
                 write them to another folder",
                out_dir.display(),
                folder.display()
            ));
        }
    }
    let mut seen: HashMap<PathBuf, &Path> = HashMap::new();
    for job in &listing.jobs {
        let Job::File { source, rel } = job else {
            continue;
        };
        let out = target(out_dir, rel, format);
        if let Some(first) = seen.insert(out.clone(), source) {
            return Err(format!(
                "{} and {} would both be written to {}; convert them in separate runs or into \
                 separate folders",
                first.display(),
                source.display(),
                out.display()
            ));
        }
        if out.exists() && fs::canonicalize(&out).ok() == fs::canonicalize(source).ok() {
            return Err(format!(
                "{} would be overwritten by its own output; choose another --out-dir",
                source.display()
            ));
        }
    }
    Ok(())
}

/// Refuses an output file that is its own input (`-o post.md post.md`).
pub fn check_file_target(listing: &Listing, out_file: &Path) -> Result<(), String> {
    let out_real = fs::canonicalize(out_file).ok();
    for job in &listing.jobs {
        if let Job::File { source, .. } = job {
            if out_real.is_some() && fs::canonicalize(source).ok() == out_real {
                return Err(format!(
                    "{} would be overwritten by its own output; choose another -o",
                    source.display()
                ));
            }
        }
    }
    Ok(())
}

/// Takes out the jobs whose output the manifest vouches for (see [`Manifest::up_to_date`]);
/// returns how many were taken out. Done before converting, so that the progress bar counts only
/// the work left and its rate and ETA are those of real conversions; in parallel, since each
/// output is read and hashed.
pub fn skip_done(jobs: &mut Vec<Job>, out_dir: &Path, format: Format, manifest: &Manifest) -> u64 {
    let done: Vec<bool> = map_jobs(jobs, |job| match job {
        Job::File { source, rel } => {
            let rel_out = rel.with_extension(format.extension());
            manifest.up_to_date(&rel_out, &out_dir.join(&rel_out), source)
        }
        _ => false,
    });
    let before = jobs.len();
    let mut done = done.into_iter();
    jobs.retain(|_| !done.next().unwrap_or(false));
    (before - jobs.len()) as u64
}

/// `f` over `jobs`, in parallel when there are several. One job runs on the calling thread: a
/// process converting one post starts no worker threads (see [`one_thread`]).
pub fn map_jobs<T: Send>(jobs: &[Job], f: impl Fn(&Job) -> T + Sync + Send) -> Vec<T> {
    if one_thread(jobs.len()) {
        jobs.iter().map(f).collect()
    } else {
        jobs.par_iter().map(f).collect()
    }
}

/// Whether `jobs` jobs are done on the calling thread: starting worker threads costs a process
/// converting one small post a tenth of its time.
pub fn one_thread(jobs: usize) -> bool {
    jobs <= 1
}

/// The folders outputs go to, for the removal of an earlier killed run's temporary files.
pub fn target_folders(jobs: &[Job], out_dir: &Path, format: Format) -> BTreeSet<PathBuf> {
    jobs.iter()
        .filter_map(|job| match job {
            Job::File { rel, .. } => target(out_dir, rel, format).parent().map(Path::to_path_buf),
            _ => None,
        })
        .collect()
}

pub struct Batch<'a> {
    pub options: &'a Options,
    pub render: &'a RenderOptions,
    pub format: Format,
    pub out_dir: Option<&'a Path>,
    /// The one output file `-o` names, when it names a file rather than a folder.
    pub out_file: Option<&'a Path>,
    /// The output folder's manifest, with --skip-existing: each output is recorded as it lands.
    pub manifest: Option<&'a Manifest>,
    /// Whether stdout gets one JSON line per input (see [`Listing::many`]).
    pub lines: bool,
    pub fail_fast: bool,
    pub bar: &'a ProgressBar,
}

impl Batch<'_> {
    /// Converts every job; an error means stdout could not be written, so the run cannot go on.
    pub fn run(&self, jobs: Vec<Job>, reporter: &mut Reporter) -> std::io::Result<()> {
        let stop = AtomicBool::new(false);
        let stdout = std::io::stdout();
        for chunk in jobs.chunks(CHUNK) {
            let outcomes: Vec<Outcome> = map_jobs(chunk, |job| {
                if stop.load(Ordering::Relaxed) || interrupt::interrupted() {
                    return Outcome::Cancelled;
                }
                let outcome = self.convert(job);
                if self.fail_fast && matches!(outcome, Outcome::Failed(_)) {
                    stop.store(true, Ordering::Relaxed);
                }
                self.bar.inc(1);
                outcome
            });
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
                    Outcome::Failed(f) => {
                        if self.lines && self.out_dir.is_none() {
                            let path = Value::String(f.path.clone());
                            let line = jsonl::failure_line("path", &path, f.kind, &f.message);
                            out.write_all(line.as_bytes())?;
                        }
                        reporter.fail(&f);
                    }
                    Outcome::Cancelled => {}
                }
            }
            out.flush()?;
            if stop.load(Ordering::Relaxed) || interrupt::interrupted() {
                break;
            }
        }
        Ok(())
    }

    fn convert(&self, job: &Job) -> Outcome {
        match job {
            Job::Broken(f) => Outcome::Failed(f.clone()),
            Job::Stdin => {
                let read = interrupt::read_stdin(|| {
                    let mut buf = Vec::new();
                    std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
                });
                let buf = match read {
                    Some(Ok(buf)) => buf,
                    Some(Err(e)) => return Outcome::Failed(Failure::io(Path::new("-"), &e)),
                    None => return Outcome::Cancelled,
                };
                match Post::parse_bytes_with(&buf, self.options) {
                    Ok(post) => self.converted("-", buf.len(), &post, self.out_file, None),
                    Err(e) => Outcome::Failed(Failure::tidings("-".into(), &e)),
                }
            }
            Job::File { source, rel } => self.convert_file(source, rel),
        }
    }

    /// The outcome of a post read from `path`: written to `target` (and recorded in the manifest
    /// under `rel` when there is one), or made ready for stdout.
    fn converted(
        &self,
        path: &str,
        bytes_in: usize,
        post: &Post,
        target: Option<&Path>,
        record: Option<(&Path, InputStamp)>,
    ) -> Outcome {
        let text = post.render(self.format, self.render);
        let bytes_out = text.len() as u64;
        let stdout = match target {
            Some(t) => {
                if let Err(e) = write_atomic(t, text.as_bytes()) {
                    // Reported against the input, like every other failure, naming the output
                    // it missed.
                    return Outcome::Failed(Failure {
                        path: path.to_owned(),
                        kind: "io",
                        message: format!("cannot write {}: {e}", t.display()),
                    });
                }
                if let (Some(m), Some((rel, stamp))) = (self.manifest, record) {
                    m.record(
                        &rel.with_extension(self.format.extension()),
                        stamp,
                        text.as_bytes(),
                    );
                }
                None
            }
            None if self.lines => Some(jsonl::record_line(
                "path",
                &Value::String(path.to_owned()),
                self.format,
                text,
                post.metadata(),
            )),
            // A terminal prompt or the next command's input should not start on our last line.
            None if text.ends_with('\n') => Some(text),
            None => Some(text + "\n"),
        };
        Outcome::Converted {
            bytes_in: bytes_in as u64,
            bytes_out,
            stdout,
        }
    }

    fn convert_file(&self, source: &Path, rel: &Path) -> Outcome {
        let target = match (self.out_file, self.out_dir) {
            (Some(file), _) => Some(file.to_path_buf()),
            (None, Some(d)) => Some(target(d, rel, self.format)),
            (None, None) => None,
        };
        // Taken before the read: an input changed while it is converted is converted again by the
        // next --skip-existing run.
        let stamp = match self.manifest {
            Some(_) => InputStamp::of(source).ok(),
            None => None,
        };
        let bytes = match fs::read(source) {
            Ok(b) => b,
            Err(e) => return Outcome::Failed(Failure::io(source, &e)),
        };
        let path = source.display().to_string();
        match Post::parse_bytes_with(&bytes, self.options) {
            Ok(post) => self.converted(
                &path,
                bytes.len(),
                &post,
                target.as_deref(),
                stamp.map(|s| (rel, s)),
            ),
            Err(e) => Outcome::Failed(Failure::tidings(path, &e)),
        }
    }
}

/// Writes through a temp file in the target's folder and renames it over the target, so a reader
/// (or a crash) never sees half an output, and the temp file never outlives a failed write or a
/// Ctrl-C (see [`interrupt`]).
pub fn write_atomic(target: &Path, data: &[u8]) -> std::io::Result<()> {
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
    let tmp = dir.join(interrupt::temp_name(&name, n));
    interrupt::track(&tmp);
    let result = fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(data))
        .and_then(|()| fs::rename(&tmp, target));
    if result.is_err() {
        // Best effort: the original error is the one worth reporting.
        let _ = fs::remove_file(&tmp);
    }
    interrupt::untrack(&tmp);
    result
}
