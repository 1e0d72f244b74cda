//! What a run tells its user: failures (stderr and the --errors file) and the closing summary.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Duration;

use indicatif::ProgressBar;
use serde::Serialize;

/// One input that could not be converted.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub path: String,
    pub kind: &'static str,
    pub message: String,
}

impl Failure {
    pub fn io(path: &Path, err: &std::io::Error) -> Failure {
        Failure {
            path: path.display().to_string(),
            kind: "io",
            message: err.to_string(),
        }
    }

    pub fn tidings(path: String, err: &crate::Error) -> Failure {
        Failure {
            path,
            kind: err.kind(),
            message: err.to_string(),
        }
    }
}

/// Prints failures to stderr (around the progress bar) and logs them to the --errors file.
pub struct Reporter {
    log: Option<BufWriter<File>>,
    bar: ProgressBar,
    pub stats: Stats,
}

#[derive(Debug, Default)]
pub struct Stats {
    pub converted: u64,
    pub failed: u64,
    pub skipped: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// Inputs that failed as not UTF-8, for the hint of --encoding.
    pub not_utf8: u64,
    /// Whether the run stopped because stdout was closed (`| head`).
    pub stdout_closed: bool,
}

impl Reporter {
    pub fn new(errors: Option<&Path>, bar: ProgressBar) -> std::io::Result<Reporter> {
        let log = errors.map(File::create).transpose()?.map(BufWriter::new);
        Ok(Reporter {
            log,
            bar,
            stats: Stats::default(),
        })
    }

    pub fn fail(&mut self, f: &Failure) {
        self.stats.failed += 1;
        if f.kind == "invalid-utf8" {
            self.stats.not_utf8 += 1;
        }
        self.bar
            .set_message(format!("{} failed", self.stats.failed));
        self.bar.suspend(|| say!("{}: {}", f.path, f.message));
        if let Some(log) = &mut self.log {
            let written = serde_json::to_writer(&mut *log, f)
                .map_err(std::io::Error::from)
                .and_then(|()| log.write_all(b"\n"));
            if let Err(e) = written {
                say!("error log: {e}");
                self.log = None;
            }
        }
    }

    /// Flushes the error log and prints the summary (when `summary`); returns whether the error
    /// log was written.
    pub fn finish(mut self, elapsed: Duration, summary: bool) -> bool {
        self.bar.finish_and_clear();
        let mut log_ok = true;
        if let Some(Err(e)) = self.log.as_mut().map(|log| log.flush()) {
            say!("error log: {e}");
            log_ok = false;
        }
        if summary {
            say!("{}", self.stats.summary(elapsed));
        }
        log_ok
    }
}

impl Stats {
    /// `converted 12, failed 1, skipped 3; 1.2 MB in, 800.5 kB out; 0.52 s, 2.3 MB/s`, with
    /// `, interrupted` after the counts when a signal stopped the run, or `, stopped: stdout
    /// closed` when the reader of stdout went away.
    pub fn summary(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.bytes_in as f64 / secs
        } else {
            0.0
        };
        let interrupted = if super::interrupt::interrupted() {
            ", interrupted"
        } else if self.stdout_closed {
            ", stopped: stdout closed"
        } else {
            ""
        };
        format!(
            "converted {}, failed {}, skipped {}{interrupted}; {} in, {} out; {secs:.2} s, {}/s",
            self.converted,
            self.failed,
            self.skipped,
            human_bytes(self.bytes_in as f64),
            human_bytes(self.bytes_out as f64),
            human_bytes(rate),
        )
    }
}

/// Sizes in decimal units, as `ls -h --si` and download tools print them: `512 B`, `1.2 kB`,
/// `34.0 MB`.
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    if bytes < 1000.0 {
        return format!("{bytes:.0} B");
    }
    let mut value = bytes / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::human_bytes;

    #[test]
    fn sizes_read_like_ls_si() {
        assert_eq!(human_bytes(0.0), "0 B");
        assert_eq!(human_bytes(999.0), "999 B");
        assert_eq!(human_bytes(1000.0), "1.0 kB");
        assert_eq!(human_bytes(1_234_567.0), "1.2 MB");
        assert_eq!(human_bytes(999_960.0), "1.0 MB");
        assert_eq!(human_bytes(3.5e12), "3.5 TB");
    }
}
