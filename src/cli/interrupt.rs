//! Ctrl-C: the run stops between files, removes its temporary files, prints the summary so far and
//! exits 130, as a shell expects of an interrupted command.
//!
//! The handler only raises a flag that the batch loops read; a second Ctrl-C, or one while the
//! converter is blocked reading stdin (where no loop would see the flag), removes the temporaries
//! still open and exits at once.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static READING_STDIN: AtomicBool = AtomicBool::new(false);
/// Temporary files being written, so that an exit from the handler leaves none behind.
static LIVE: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// The exit code of a run stopped by SIGINT: 128 + 2.
pub const EXIT_CODE: u8 = 130;

/// Installs the handler. A second call in the same process (an embedder running the converter
/// twice) keeps the first handler, which serves every run alike.
pub fn install() {
    INTERRUPTED.store(false, Ordering::SeqCst);
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) || READING_STDIN.load(Ordering::SeqCst) {
            remove_live();
            eprintln!("interrupted");
            std::process::exit(i32::from(EXIT_CODE));
        }
    });
}

/// Whether Ctrl-C was pressed during this run.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Runs `read` (a read of stdin) so that Ctrl-C during it exits at once.
pub fn reading_stdin<T>(read: impl FnOnce() -> T) -> T {
    READING_STDIN.store(true, Ordering::SeqCst);
    let out = read();
    READING_STDIN.store(false, Ordering::SeqCst);
    out
}

/// Notes a temporary file before it is created.
pub fn track(tmp: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.insert(tmp.to_path_buf());
    }
}

/// Forgets a temporary file once it was renamed or removed.
pub fn untrack(tmp: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.remove(tmp);
    }
}

fn remove_live() {
    // The handler may run while a worker holds the lock; a poisoned or busy lock is still ours to
    // read, since the process ends right after.
    let live = match LIVE.try_lock() {
        Ok(live) => live.clone(),
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().clone(),
        Err(std::sync::TryLockError::WouldBlock) => return,
    };
    for tmp in live {
        let _ = fs::remove_file(tmp);
    }
}

/// The temporary-file name for `target`: a dot-file (so folder walks skip it) that names its
/// process, so that a later run can tell a dead run's leftovers from a live run's files.
pub fn temp_name(target_name: &str, n: u64) -> String {
    format!(".{target_name}.tmp-{}-{n}", std::process::id())
}

/// Removes temporary files that an earlier, killed run left in `dir`: names made by [`temp_name`]
/// whose process is gone. Where there is no /proc to ask, every such file but our own goes.
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    let proc = Path::new("/proc");
    let can_ask = proc.is_dir();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(stale_pid) else {
            continue;
        };
        if pid == me || (can_ask && proc.join(pid.to_string()).exists()) {
            continue;
        }
        let _ = fs::remove_file(entry.path());
    }
}

/// The process id in a [`temp_name`], if `name` is one.
fn stale_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (_, tail) = rest.rsplit_once(".tmp-")?;
    let (pid, n) = tail.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(n) {
        return None;
    }
    if !digits(pid) {
        return None;
    }
    pid.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::stale_pid;

    #[test]
    fn temp_names_are_recognised_and_nothing_else() {
        assert_eq!(stale_pid(".a.md.tmp-123-4"), Some(123));
        assert_eq!(stale_pid(".x.tmp-y.json.tmp-9-0"), Some(9));
        assert_eq!(stale_pid("a.md.tmp-123-4"), None);
        assert_eq!(stale_pid(".a.md.tmp-12x-4"), None);
        assert_eq!(stale_pid(".a.md.tmp-123-"), None);
        assert_eq!(stale_pid(".tidings-manifest.json"), None);
    }
}
