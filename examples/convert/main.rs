//! Converts posts with tidings: `convert --to markdown|text|json|html [--out-dir DIR] INPUT...`.
//!
//! INPUT is a file, a folder (walked recursively; outputs mirror it under DIR) or `-` for stdin.
//! `--jsonl` streams `{"id","content"}` records instead. Run `convert --help` for every flag;
//! docs/converter.md has the formats and exit codes.

mod cli;
mod files;
mod jsonl;
mod report;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

use cli::Cli;
use report::Reporter;

fn main() -> ExitCode {
    // clap exits with 2 on usage errors and 0 for --help/--version.
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// A mistake in how the converter was called rather than in an input.
struct Usage(String);

fn run(cli: &Cli) -> Result<ExitCode, Usage> {
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
