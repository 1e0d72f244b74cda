//! A batch's life under a scheduler, through the built `tidings` command: runs killed by SIGINT,
//! SIGTERM and SIGKILL at random moments (and, where the test can mount one, on a tmpfs that fills
//! up), each followed by a `--skip-existing` resume that must leave exactly a clean run's outputs
//! and no temporary file; and `--jsonl` memory bounded by bytes when lines are far over the limit.

mod files;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tidings"))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run tidings")
}

/// Every file under `root` but the manifest, relative path to contents.
fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    files::tree(root, &[".tidings-manifest.jsonl"])
}

fn temporaries(tree: &[(String, Vec<u8>)]) -> Vec<&str> {
    tree.iter()
        .map(|(rel, _)| rel.as_str())
        .filter(|rel| rel.contains(".tmp-"))
        .collect()
}

/// A scratch folder in memory where /dev/shm is a tmpfs: the test is about the converter's
/// bookkeeping, and a disk that flushes every renamed-over file would make it ten times slower.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(d) = tempfile::Builder::new().prefix("tidings-").tempdir_in(shm) {
            return d;
        }
    }
    tempfile::tempdir().expect("tempdir")
}

/// A small, seeded generator: the seed is printed, so that a failing sequence can be run again
/// with TIDINGS_FAULT_SEED.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("TIDINGS_FAULT_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            });
        println!("TIDINGS_FAULT_SEED={seed}");
        Rng(seed | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

/// A few thousand small posts in a few dozen folders, each with front matter, so that
/// `--no-front-matter` changes every output.
fn posts(n: usize) -> tempfile::TempDir {
    let dir = scratch();
    for i in 0..n {
        let rel = format!("{:02}/{i:04}.md", i % 40);
        let p = dir.path().join(rel);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        let body = format!(
            "---\ntitle: 第{i}篇\ndate: 2021-03-{:02}\n---\n<p>第一段，编号{i}。<br> <br>第二段。</p>\n<div class=\"sharedaddy\">分享</div>\n",
            i % 28 + 1
        );
        fs::write(p, body).expect("write post");
    }
    dir
}

#[cfg(unix)]
fn signal(pid: u32, name: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("kill");
    // the run may have ended just before
    let _ = ok;
}

const REFERENCE: &[&str] = &["-q", "-t", "markdown", "-j", "2"];

/// Runs the reference options with --skip-existing into `out` and checks that it leaves exactly
/// `clean`.
fn resume_and_check(src: &Path, out: &Path, clean: &[(String, Vec<u8>)], what: &str) {
    let mut args = REFERENCE.to_vec();
    args.extend(["--skip-existing", "-o", s(out), s(src)]);
    let r = run(&args);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{what}: resume failed: {}",
        String::from_utf8_lossy(&r.stderr)
    );
    let got = tree(out);
    assert_eq!(
        temporaries(&got),
        Vec::<&str>::new(),
        "{what}: temporary files left"
    );
    if got != clean {
        let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        let differ: Vec<&String> = got
            .iter()
            .zip(clean)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| &a.0)
            .take(5)
            .collect();
        panic!(
            "{what}: outputs differ from a clean run: {} files vs {}, first differing {differ:?}, extra {:?}",
            got.len(),
            clean.len(),
            names(&got)
                .into_iter()
                .filter(|n| !clean.iter().any(|(c, _)| c == n))
                .take(5)
                .collect::<Vec<_>>()
        );
    }
}

#[cfg(unix)]
#[test]
fn killed_runs_resume_to_a_clean_runs_outputs() {
    let n = 2000;
    let src = posts(n);
    let clean_dir = scratch();
    let started = Instant::now();
    let mut args = REFERENCE.to_vec();
    args.extend(["-o", s(clean_dir.path()), s(src.path())]);
    assert_eq!(run(&args).status.code(), Some(0));
    let full = started.elapsed();
    let clean = tree(clean_dir.path());
    assert_eq!(clean.len(), n);

    let mut rng = Rng::new();
    let out = scratch();
    let test_started = Instant::now();
    let rounds = 18;
    for round in 0..rounds {
        let sig = ["INT", "TERM", "KILL"][round % 3];
        // What the killed run is: the reference options into an empty folder, or other options
        // (with or without --skip-existing) over good outputs, so that the resume must find the
        // outputs they rewrote.
        let kind = rng.below(4);
        let mut args = vec!["-q", "-t", "markdown", "-j", "2"];
        match kind {
            0 => {
                fs::remove_dir_all(out.path()).expect("rm out");
                args.push("--skip-existing");
            }
            1 => args.extend(["--no-front-matter", "--skip-existing"]),
            2 => args.push("--no-front-matter"),
            _ => {
                // inputs rewritten with the same bytes: a new mtime, the same outputs
                for i in (0..n).step_by(97) {
                    let p = src.path().join(format!("{:02}/{i:04}.md", i % 40));
                    let bytes = fs::read(&p).expect("read post");
                    fs::write(&p, bytes).expect("rewrite post");
                }
                args.extend(["--hard-break", "backslash", "--skip-existing"]);
            }
        }
        args.extend(["-o", s(out.path()), s(src.path())]);
        let child = Command::new(bin())
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let wait = rng.below(full.as_micros() as u64 + 1);
        std::thread::sleep(Duration::from_micros(wait));
        signal(child.id(), sig);
        let r = child.wait_with_output().expect("wait");
        let what = format!("round {round}: kind {kind}, SIG{sig} after {wait} µs");
        let stderr = String::from_utf8_lossy(&r.stderr);
        let code = r.status.code();
        match sig {
            // handled: the summary is printed only when not quiet, so the code says it; a run that
            // ended first exits 0, and one signalled before its handler was in place dies of it
            "INT" => assert!(
                matches!(code, Some(130 | 0) | None),
                "{what}: {code:?} {stderr}"
            ),
            "TERM" => assert!(
                matches!(code, Some(143 | 0) | None),
                "{what}: {code:?} {stderr}"
            ),
            _ => {}
        }
        // a run signalled before it made the output folder (kind 0 removed it) leaves none
        if sig != "KILL" && out.path().exists() {
            let left = tree(out.path());
            assert_eq!(
                temporaries(&left),
                Vec::<&str>::new(),
                "{what}: temporary files left"
            );
        }
        resume_and_check(src.path(), out.path(), &clean, &what);
    }
    println!(
        "{rounds} killed runs and resumes in {:.1} s (a clean run: {:.0} ms)",
        test_started.elapsed().as_secs_f64(),
        full.as_secs_f64() * 1000.0
    );
}

/// Two signals in a row (two quick Ctrl-C's, or `timeout -s INT` signalling twice) still end with
/// the summary, and the journal records every output that landed: a resume converts only the rest.
#[cfg(unix)]
#[test]
fn a_second_signal_does_not_skip_the_cleanup() {
    let n = 2000;
    let src = posts(n);
    let out = scratch();
    for sig in ["INT", "TERM", "HUP"] {
        let _ = fs::remove_dir_all(out.path());
        let child = Command::new(bin())
            .args(["-t", "text", "-j", "1", "--skip-existing", "-o"])
            .args([s(out.path()), s(src.path())])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let started = Instant::now();
        while tree_count(out.path()) < 20 {
            assert!(started.elapsed().as_secs() < 60, "no output appeared");
            std::thread::sleep(Duration::from_millis(2));
        }
        signal(child.id(), sig);
        signal(child.id(), sig);
        let r = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&r.stderr);
        let expected = match sig {
            "INT" => 130,
            "TERM" => 143,
            _ => 129,
        };
        assert_eq!(r.status.code(), Some(expected), "SIG{sig}: {stderr}");
        assert!(stderr.contains(", interrupted; "), "SIG{sig}: {stderr}");
        let converted: u64 = stderr
            .split("converted ")
            .nth(1)
            .and_then(|t| t.split(',').next())
            .and_then(|c| c.parse().ok())
            .expect("summary");
        let left = tree(out.path());
        assert_eq!(temporaries(&left), Vec::<&str>::new());
        assert_eq!(
            left.len() as u64,
            converted,
            "the summary counts what was written"
        );
        // the journal vouches for every one of them
        let again = Command::new(bin())
            .args(["-t", "text", "-j", "1", "--skip-existing", "-o"])
            .args([s(out.path()), s(src.path())])
            .stdin(Stdio::null())
            .output()
            .expect("resume");
        let stderr = String::from_utf8_lossy(&again.stderr);
        assert!(
            stderr.contains(&format!(
                "converted {}, failed 0, skipped {converted}",
                n as u64 - converted
            )),
            "SIG{sig}: {stderr}"
        );
    }
}

fn tree_count(root: &Path) -> usize {
    let mut n = 0;
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(_) => n += 1,
                Err(_) => {}
            }
        }
    }
    n
}

/// Mounts a tmpfs of `size` at `dir`, or says why not.
#[cfg(target_os = "linux")]
fn mount_tmpfs(dir: &Path, size: &str) -> Result<(), String> {
    let r = Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            &format!("size={size}"),
            "tmpfs",
            s(dir),
        ])
        .output()
        .map_err(|e| e.to_string())?;
    if r.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&r.stderr).trim().to_owned())
    }
}

/// A disk that fills up in the middle of a batch: the outputs that could not be written fail, no
/// output is half-written, no temporary file is left, and once there is room a resume completes
/// the batch to a clean run's outputs.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_fails_outputs_whole_and_a_resume_completes_them() {
    let n = 600;
    let src = posts(n);
    let clean_dir = tempfile::tempdir().expect("tempdir");
    let mut args = REFERENCE.to_vec();
    args.extend(["-o", s(clean_dir.path()), s(src.path())]);
    assert_eq!(run(&args).status.code(), Some(0));
    let clean = tree(clean_dir.path());

    let mount = tempfile::tempdir().expect("tempdir");
    if let Err(why) = mount_tmpfs(mount.path(), "160k") {
        println!("skipped: the full-disk part needs a tmpfs, and mount said: {why}");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(mount.path());
    let out = mount.path().join("out");
    let mut args = REFERENCE.to_vec();
    args.extend(["--skip-existing", "-o", s(&out), s(src.path())]);
    let r = run(&args);
    assert_eq!(r.status.code(), Some(1), "the disk filled up");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("No space left"), "{stderr}");
    let partial = tree(&out);
    assert_eq!(temporaries(&partial), Vec::<&str>::new());
    assert!(partial.len() < n, "some outputs did not fit");
    for (rel, bytes) in &partial {
        let want = clean
            .iter()
            .find(|(c, _)| c == rel)
            .expect("a known output");
        assert_eq!(&want.1, bytes, "{rel} is whole");
    }
    let grown = Command::new("mount")
        .args(["-o", "remount,size=64m", s(mount.path())])
        .status()
        .expect("remount");
    assert!(grown.success());
    resume_and_check(src.path(), &out, &clean, "after the disk grew");
}

/// Peak resident memory of a child, read from `/usr/bin/time -v` where it is installed, else by
/// sampling the child's VmHWM in /proc while it runs (its high-water mark, so a sample misses only
/// what the last moments add).
#[cfg(target_os = "linux")]
struct Peak {
    kib: u64,
    how: &'static str,
}

#[cfg(target_os = "linux")]
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// 24 records, every other one 20 MB of content, against a 1 MB --max-input-bytes: 24 answers in
/// order, the big ones refused while read (ids kept), under 200 MB of peak memory.
#[cfg(target_os = "linux")]
#[test]
fn jsonl_memory_is_bounded_by_bytes_not_lines() {
    let time = Path::new("/usr/bin/time");
    let use_time = time.exists()
        && Command::new(time)
            .args(["-v", "true"])
            .output()
            .is_ok_and(|o| o.status.success());
    let mut command = if use_time {
        let mut c = Command::new(time);
        c.arg("-v").arg(bin());
        c
    } else {
        Command::new(bin())
    };
    let mut child = command
        .args([
            "--jsonl",
            "-t",
            "text",
            "--max-input-bytes",
            "1000000",
            "-j",
            "2",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let big = "新".repeat(20_000_000 / 3);
        for i in 0..24 {
            let content = if i % 2 == 1 {
                big.clone()
            } else {
                format!("<p>第{i}段</p>")
            };
            let content = serde_json::Value::String(content);
            // the id first, as the Spark example writes it, but for the last big record, whose id
            // comes after its content: past what is kept of an over-long line
            let line = if i == 23 {
                format!("{{\"content\":{content},\"id\":{i}}}\n")
            } else {
                format!("{{\"id\":{i},\"content\":{content}}}\n")
            };
            if stdin.write_all(line.as_bytes()).is_err() {
                return;
            }
        }
    });
    let stdout = child.stdout.take().expect("stdout");
    let pid = child.id();
    let sampler_done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let done = sampler_done.clone();
        std::thread::spawn(move || {
            // the converter is the child itself, or /usr/bin/time's child
            let mut peak = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let target = fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
                    .ok()
                    .and_then(|c| c.split_whitespace().next().and_then(|p| p.parse().ok()))
                    .unwrap_or(pid);
                peak = peak.max(vm_hwm(target).unwrap_or(0));
                std::thread::sleep(Duration::from_millis(2));
            }
            peak
        })
    };
    let lines: Vec<serde_json::Value> = BufReader::new(stdout)
        .lines()
        .map(|l| serde_json::from_str(&l.expect("line")).expect("JSON line"))
        .collect();
    writer.join().expect("writer");
    let r = child.wait_with_output().expect("wait");
    sampler_done.store(true, std::sync::atomic::Ordering::Relaxed);
    let sampled = sampler.join().expect("sampler");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(lines.len(), 24, "{stderr}");
    for (i, line) in lines.iter().enumerate() {
        if i == 23 {
            assert_eq!(line["id"], serde_json::Value::Null);
            assert!(
                line["error"]
                    .as_str()
                    .is_some_and(|e| e.starts_with("line 24 ")),
                "{line}"
            );
            assert!(stderr.contains("stdin line 24: line 24 is "), "{stderr}");
            assert!(
                stderr.contains(" bytes, over 6065536: too long"),
                "{stderr}"
            );
        } else {
            assert_eq!(line["id"], i, "in order");
        }
        if i % 2 == 1 {
            assert_eq!(line["ok"], false);
            assert_eq!(line["kind"], "input-too-large");
        } else {
            assert_eq!(line["ok"], true, "{line}");
            assert_eq!(line["text"], format!("第{i}段\n"));
        }
    }
    let peak = if use_time {
        let kib = stderr
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("Maximum resident set size (kbytes): ")
            })
            .and_then(|v| v.parse().ok())
            .expect("time -v reports the peak");
        Peak {
            kib,
            how: "/usr/bin/time -v",
        }
    } else {
        Peak {
            kib: sampled,
            how: "VmHWM sampled",
        }
    };
    println!("peak RSS {} kB ({})", peak.kib, peak.how);
    assert!(peak.kib > 0, "a peak was measured");
    assert!(
        peak.kib < 200 * 1024,
        "peak RSS {} kB ({})",
        peak.kib,
        peak.how
    );
}
