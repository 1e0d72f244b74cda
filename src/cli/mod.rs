//! The converter, as the `tidings` command and the `convert` example run it:
//! `tidings --to markdown|text|json|html [--out-dir DIR] [INPUT...]`.
//!
//! INPUT is a file, a folder (walked recursively; outputs mirror it under DIR) or `-` for stdin;
//! with none, piped stdin is read. `--jsonl` streams `{"id","content"}` records instead. Run
//! `tidings --help` for every flag; docs/converter.md has the formats and exit codes.
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
mod jsonl;
mod report;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use args::Cli;
use report::Reporter;

/// Runs the converter on the process's own arguments; a binary's `main` is this one call.
///
/// Exit codes: 0 all inputs converted (or skipped), 1 some inputs failed, 2 a usage error
/// (help and `--version` exit 0).
pub fn main() -> ExitCode {
    run(std::env::args_os())
}

/// Runs the converter on `args`, whose first item is the program name (shown in usage and help).
/// Output goes to the process's stdout and stderr; the exit code is as for [`main`].
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
    let options = cli.options().map_err(Usage)?;
    let render = cli.render_options();
    let filter = files::Filter::new(cli).map_err(Usage)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(j) = cli.jobs {
        pool = pool.num_threads(usize::try_from(j).unwrap_or(usize::MAX));
    }
    let pool = pool
        .build()
        .map_err(|e| Usage(format!("cannot start workers: {e}")))?;

    let jobs = if cli.jsonl {
        Vec::new()
    } else {
        files::jobs(&cli.inputs, &filter, cli.out_dir.as_deref())
    };
    let bar = if cli.quiet || cli.jsonl || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(jobs.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} eta {eta}")
        {
            bar.set_style(style);
        }
        bar
    };
    let mut reporter = Reporter::new(cli.errors.as_deref(), bar.clone())
        .map_err(|e| Usage(format!("--errors: {e}")))?;

    let written = pool.install(|| {
        if cli.jsonl {
            jsonl::run(&options, &render, cli.to, cli.fail_fast, &mut reporter)
        } else {
            files::Batch {
                options: &options,
                render: &render,
                format: cli.to,
                out_dir: cli.out_dir.as_deref(),
                skip_existing: cli.skip_existing,
                fail_fast: cli.fail_fast,
                bar: &bar,
            }
            .run(jobs, &mut reporter)
        }
    });
    let failed = reporter.stats.failed;
    let mut ok = reporter.finish(started.elapsed(), cli.quiet);
    if let Err(e) = written {
        // A closed pipe means the reader has what it wanted; say nothing, but don't claim success.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("stdout: {e}");
        }
        ok = false;
    }
    Ok(if failed == 0 && ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
