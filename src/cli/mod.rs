//! The converter, as the `tidings` command and the `convert` example run it:
//! `tidings --to markdown|text|json|html [--out-dir DIR] [INPUT...]`.
//!
//! INPUT is a file, a folder (walked recursively; outputs mirror it under DIR) or `-` for stdin;
//! with none, piped stdin is read. One input goes to stdout as it is; a folder or several inputs go
//! to stdout as one JSON line each. `--jsonl` streams `{"id","content"}` records instead. Run
//! `tidings --help` for every flag; docs/converter.md has the formats, the manifest of
//! `--skip-existing`, Ctrl-C and exit codes.
//!
//! Behind the `cli` feature, so that a crate linking tidings as a library pulls in none of the
//! command line's dependencies (clap, rayon, indicatif, globset). [`main`] is the whole of a
//! converter binary; [`run`] takes the arguments from its caller instead:
//!
//! ```no_run
//! let code = tidings::cli::run(["tidings", "--to", "text", "--out-dir", "out/", "posts/"]);
//! ```

mod args;
mod files;
mod interrupt;
mod jsonl;
mod learn;
mod manifest;
mod report;

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use args::Cli;
use manifest::{Manifest, Producer};
use report::Reporter;

/// Runs the converter on the process's own arguments; a binary's `main` is this one call.
///
/// Exit codes: 0 all inputs converted (or skipped), 1 some inputs failed, 2 a usage error
/// (help and `--version` exit 0), 130 stopped by Ctrl-C.
///
/// ```no_run
/// // src/bin/tidings.rs is this, whole:
/// fn main() -> std::process::ExitCode {
///     tidings::cli::main()
/// }
/// ```
pub fn main() -> ExitCode {
    run(std::env::args_os())
}

/// Runs the converter on `args`, whose first item is the program name (shown in usage and help).
/// Output goes to the process's stdout and stderr; the exit code is as for [`main`].
///
/// ```
/// use std::process::ExitCode;
/// // --version prints and exits 0; a flag the converter does not have is a usage error (2)
/// assert_eq!(tidings::cli::run(["tidings", "--version"]), ExitCode::SUCCESS);
/// assert_eq!(tidings::cli::run(["tidings", "--no-such-flag"]), ExitCode::from(2));
/// ```
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    // Printed rather than left to clap's own exit, so that a caller embedding the converter keeps
    // its process: the same bytes and codes (2 on usage errors, 0 for --help/--version).
    let cli = match Cli::parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match convert(&cli) {
        Ok(code) => code,
        Err(Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// A mistake in how the converter was called rather than in an input.
struct Usage(String);

fn convert(cli: &Cli) -> Result<ExitCode, Usage> {
    let started = Instant::now();
    // First, so that a Ctrl-C however early finds the handler.
    interrupt::install();
    let options = cli.options().map_err(Usage)?;
    if cli.prints_only() {
        return print_only(cli, &options);
    }
    let render = cli.render_options();
    let filter = files::Filter::new(cli).map_err(Usage)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(j) = cli.jobs {
        pool = pool.num_threads(usize::try_from(j).unwrap_or(usize::MAX));
    }
    let pool = pool
        .build()
        .map_err(|e| Usage(format!("cannot start workers: {e}")))?;

    let mut listing = if cli.jsonl {
        files::Listing {
            jobs: Vec::new(),
            many: true,
            folders: Vec::new(),
        }
    } else {
        files::jobs(&cli.inputs, &filter, cli.out_dir.as_deref())
    };
    // learned before the manifest's digest is taken, so that outputs made with other lessons
    // are converted again
    let options = if cli.learn || cli.learn_out.is_some() {
        learn::learned(&listing.jobs, &options, cli.learn_out.as_deref()).map_err(Usage)?
    } else {
        options
    };
    let producer = Producer::new(&options, &render, cli.to);
    let mut manifest = None;
    let mut skipped = 0;
    if let Some(out_dir) = cli.out_dir.as_deref() {
        files::check_targets(&listing, out_dir, cli.to).map_err(Usage)?;
        if cli.skip_existing {
            let m = Manifest::load(out_dir);
            skipped = files::skip_done(&mut listing.jobs, out_dir, cli.to, &m, &producer);
            manifest = Some(m);
        }
        for dir in files::target_folders(&listing.jobs, out_dir, cli.to) {
            interrupt::remove_stale(&dir);
        }
    }
    // One post to stdout is a filter in a pipe, like cat: no summary to read past.
    let batch = cli.jsonl || cli.out_dir.is_some() || listing.many;
    let bar = if cli.quiet || cli.jsonl || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(listing.jobs.len() as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {elapsed} eta {eta} {msg}")
        {
            bar.set_style(style);
        }
        bar
    };
    let mut reporter = Reporter::new(cli.errors.as_deref(), bar.clone())
        .map_err(|e| Usage(format!("--errors: {e}")))?;
    reporter.stats.skipped = skipped;

    let written = pool.install(|| {
        if cli.jsonl {
            jsonl::run(&options, &render, cli.to, cli.fail_fast, &mut reporter)
        } else {
            files::Batch {
                options: &options,
                render: &render,
                format: cli.to,
                out_dir: cli.out_dir.as_deref(),
                lines: listing.many,
                fail_fast: cli.fail_fast,
                bar: &bar,
            }
            .run(
                listing.jobs,
                &mut reporter,
                manifest.as_mut().map(|m| (m, &producer)),
            )
        }
    });
    let failed = reporter.stats.failed;
    let mut ok = true;
    if let Some(Err(e)) = manifest.as_ref().map(Manifest::save) {
        eprintln!("{}: {e}", manifest::FILE_NAME);
        ok = false;
    }
    ok &= reporter.finish(started.elapsed(), batch && !cli.quiet);
    if let Err(e) = written {
        // A closed pipe means the reader has what it wanted; say nothing, but don't claim success.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("stdout: {e}");
        }
        ok = false;
    }
    Ok(if interrupt::interrupted() {
        ExitCode::from(interrupt::EXIT_CODE)
    } else if failed == 0 && ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `--list-rules`, `--completions` and `--man`: printed from the flags, no input read.
fn print_only(cli: &Cli, options: &crate::Options) -> Result<ExitCode, Usage> {
    let mut out = std::io::stdout().lock();
    let written = if cli.list_rules {
        out.write_all(options.rules.to_yaml().as_bytes())
    } else if let Some(shell) = cli.completions {
        let mut command = Cli::command_named(cli.program);
        clap_complete::generate(shell, &mut command, cli.program, &mut out);
        Ok(())
    } else {
        clap_mangen::Man::new(Cli::command_named(cli.program)).render(&mut out)
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::from(1)),
        Err(e) => {
            eprintln!("stdout: {e}");
            Ok(ExitCode::from(1))
        }
    }
}
