//! Ctrl-C, SIGTERM and SIGHUP: the run stops between files, removes its temporary files, prints
//! the summary so far and exits 128 + the signal's number (130, 143, 129), as a shell expects of
//! an interrupted command. Schedulers stop jobs with SIGTERM (`timeout`, systemd, `docker stop`,
//! Kubernetes), so it gets the same care as Ctrl-C.
//!
//! The handler only raises a flag that the batch loops read; reads of stdin run on a thread of
//! their own, so that a run waiting on stdin sees the flag too. A second signal changes nothing,
//! so that two quick Ctrl-C's (or `timeout -s INT`, which may signal twice) still get the summary
//! and the journal; only when the run has not stopped [`GRACE`] after it (blocked on a stdout that
//! nobody reads) does the handler remove the temporary files still open and end the process.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Mutex, Once};
use std::time::Duration;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// The exit code of the first signal of this run.
static CODE: AtomicU8 = AtomicU8::new(EXIT_CODE);
/// Whether a run is going on, so that the handler's last resort never ends an embedder's process
/// after the run is over.
static RUNNING: AtomicBool = AtomicBool::new(false);
/// Temporary files being written, so that an exit from the handler leaves none behind.
static LIVE: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// The exit code of a run stopped by SIGINT: 128 + 2.
pub const EXIT_CODE: u8 = 130;

/// How long after a second signal a run that has not stopped between files is ended at once.
pub const GRACE: Duration = Duration::from_secs(5);

/// How often a wait on stdin looks at the flag.
const POLL: Duration = Duration::from_millis(50);

/// Installs the handler, once per process: an embedder running the converter twice keeps the
/// first, which serves every run alike.
pub fn install() {
    static ONCE: Once = Once::new();
    INTERRUPTED.store(false, Ordering::SeqCst);
    CODE.store(EXIT_CODE, Ordering::SeqCst);
    RUNNING.store(true, Ordering::SeqCst);
    ONCE.call_once(listen);
}

/// Marks the run as over: from here on a signal is the embedder's business, not ours to exit on.
pub fn finished() {
    RUNNING.store(false, Ordering::SeqCst);
}

#[cfg(unix)]
fn listen() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("tidings-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                on_signal(u8::try_from(128 + signal).unwrap_or(EXIT_CODE));
            }
        });
}

#[cfg(not(unix))]
fn listen() {
    let _ = ctrlc::set_handler(|| on_signal(EXIT_CODE));
}

fn on_signal(code: u8) {
    if !RUNNING.load(Ordering::SeqCst) {
        return;
    }
    if !INTERRUPTED.swap(true, Ordering::SeqCst) {
        CODE.store(code, Ordering::SeqCst);
        return;
    }
    // Another signal: the run is still stopping. Give it the time to do so cleanly.
    let _ = std::thread::Builder::new().spawn(|| {
        std::thread::sleep(GRACE);
        if RUNNING.load(Ordering::SeqCst) {
            remove_live();
            say!(
                "interrupted, and the run did not stop within {} s: ended at once",
                GRACE.as_secs()
            );
            std::process::exit(i32::from(exit_code()));
        }
    });
}

/// Whether a signal stopped this run.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// The exit code of the signal that stopped the run: 128 + its number.
pub fn exit_code() -> u8 {
    CODE.load(Ordering::SeqCst)
}

/// Runs `read` (a read of stdin) on a thread of its own and waits for it, looking at the flag
/// meanwhile: `None` when a signal came first (the thread is left blocked on stdin, which the
/// process's end closes).
pub fn read_stdin<T: Send + 'static>(read: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("tidings-stdin".into())
        .spawn(move || {
            let _ = tx.send(read());
        })
        .ok()?;
    receive(&rx)
}

/// The next item from a reading thread, or `None` when a signal came first or the thread ended.
pub fn receive<T>(rx: &Receiver<T>) -> Option<T> {
    loop {
        if interrupted() {
            return None;
        }
        match rx.recv_timeout(POLL) {
            Ok(item) => return Some(item),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
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
    // Runs on a thread of its own (not in a signal handler), so it may wait for the lock; a
    // poisoned one is still ours to read, since the process ends right after.
    let live = match LIVE.lock() {
        Ok(live) => live.clone(),
        Err(p) => p.into_inner().clone(),
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
