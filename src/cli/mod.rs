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

/// `eprintln!` that does not panic when stderr is gone (a terminal closed by SIGHUP, a closed
/// pipe): the run still ends with its cleanup and exit code, its messages lost.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

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
/// (help and `--version` exit 0), 130, 143 or 129 stopped by SIGINT (Ctrl-C), SIGTERM or SIGHUP.
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
            say!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `work` on the worker threads when there are any, else on this thread.
fn install<R: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// A mistake in how the converter was called rather than in an input.
struct Usage(String);

/// Tells the signal handler that the run is over, however it ends.
struct RunGuard;

impl Drop for RunGuard {
    fn drop(&mut self) {
        interrupt::finished();
    }
}

fn convert(cli: &Cli) -> Result<ExitCode, Usage> {
    let started = Instant::now();
    // First, so that a Ctrl-C however early finds the handler.
    interrupt::install();
    let _guard = RunGuard;
    let options = cli.options().map_err(Usage)?;
    if cli.prints_only() {
        return print_only(cli, &options);
    }
    if cli.explain {
        return explain(cli, &options);
    }
    let render = cli.render_options();
    let filter = files::Filter::new(cli).map_err(Usage)?;
    let mut listing = if cli.jsonl {
        files::Listing {
            jobs: Vec::new(),
            many: true,
            folders: Vec::new(),
            empty: Vec::new(),
        }
    } else {
        files::jobs(&cli.inputs, &filter, cli.out_dir.as_deref())
    };
    // no worker threads for one input (see files::one_thread); --jsonl does not know how many
    let pool = if !cli.jsonl && files::one_thread(listing.jobs.len()) {
        None
    } else {
        let mut pool = rayon::ThreadPoolBuilder::new();
        if let Some(j) = cli.jobs {
            pool = pool.num_threads(usize::try_from(j).unwrap_or(usize::MAX));
        }
        let pool = pool
            .build()
            .map_err(|e| Usage(format!("cannot start workers: {e}")))?;
        Some(pool)
    };
    // learned before the manifest's digest is taken, so that outputs made with other lessons
    // are converted again
    let options = if cli.learn || cli.learn_out.is_some() {
        learn::learned(&listing.jobs, &options, cli.learn_out.as_deref()).map_err(Usage)?
    } else {
        options
    };
    let out_file = output_file(cli, &listing)?;
    let out_dir = cli.out_dir.as_deref().filter(|_| out_file.is_none());
    let mut manifest = None;
    let mut skipped = 0;
    if let Some(out_file) = out_file.as_deref() {
        files::check_file_target(&listing, out_file).map_err(Usage)?;
        if let Some(dir) = out_file.parent() {
            interrupt::remove_stale(dir);
        }
    }
    if let Some(out_dir) = out_dir {
        if listing.jobs.iter().any(|j| matches!(j, files::Job::Stdin)) {
            return Err(Usage(format!(
                "`-` (stdin) has no file name to write under the folder {}: give -o the output \
                 file's name (-o {}), or leave -o out to write to stdout",
                out_dir.display(),
                out_dir
                    .join(format!("post.{}", cli.to.extension()))
                    .display()
            )));
        }
        files::check_targets(&listing, out_dir, cli.to).map_err(Usage)?;
        // Every folder, skipped outputs' too: a killed run's temporary file may sit beside an
        // output that is still good (or beside the manifest).
        interrupt::remove_stale(out_dir);
        for dir in files::target_folders(&listing.jobs, out_dir, cli.to) {
            interrupt::remove_stale(&dir);
        }
        if cli.skip_existing {
            let m = Manifest::load(out_dir, &Producer::new(&options, &render, cli.to));
            skipped = install(pool.as_ref(), || {
                files::skip_done(&mut listing.jobs, out_dir, cli.to, &m)
            });
            manifest = Some(m);
        }
    }
    let mut ok = true;
    if let Some(Err(e)) = manifest.as_ref().map(Manifest::begin) {
        say!("{e}");
        ok = false;
    }
    if !cli.quiet {
        for (folder, left_out) in &listing.empty {
            say!("{}", empty_hint(cli, folder, *left_out));
        }
    }
    // One post to stdout is a filter in a pipe, like cat: no summary to read past.
    let batch = cli.jsonl || cli.out_dir.is_some() || listing.many;
    let bar = if cli.quiet || cli.jsonl || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(listing.jobs.len() as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} {rate} {elapsed} eta {eta} {msg}")
        {
            // indicatif's {per_sec} prints four decimals (`329.1482/s`): files come whole.
            bar.set_style(style.with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0}/s", state.per_sec());
                },
            ));
        }
        bar
    };
    let mut reporter = Reporter::new(cli.errors.as_deref(), bar.clone())
        .map_err(|e| Usage(format!("--errors: {e}")))?;
    reporter.stats.skipped = skipped;

    let written = install(pool.as_ref(), || {
        if cli.jsonl {
            jsonl::run(&options, &render, cli.to, cli.fail_fast, &mut reporter)
        } else {
            files::Batch {
                options: &options,
                render: &render,
                format: cli.to,
                out_dir,
                out_file: out_file.as_deref(),
                manifest: manifest.as_ref(),
                lines: listing.many,
                fail_fast: cli.fail_fast,
                bar: &bar,
            }
            .run(listing.jobs, &mut reporter)
        }
    });
    let failed = reporter.stats.failed;
    if let Some(Err(e)) = manifest.map(Manifest::finish) {
        say!("{e}");
        ok = false;
    }
    match written {
        Ok(()) => {}
        // A closed pipe means the reader has what it wanted (`| head`): the run stops there, and
        // no input failed for it.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => reporter.stats.stdout_closed = true,
        Err(e) => {
            say!("stdout: {e}");
            ok = false;
        }
    }
    if reporter.stats.not_utf8 > 0 && cli.encoding.is_none() && !cli.jsonl && !cli.quiet {
        say!(
            "hint: {} input(s) are not UTF-8; if they are in another encoding, name it with \
             --encoding (windows-1252 for Latin-1, gbk, big5, shift_jis, ...)",
            reporter.stats.not_utf8
        );
    }
    ok &= reporter.finish(started.elapsed(), batch && !cli.quiet);
    Ok(if interrupt::interrupted() {
        ExitCode::from(interrupt::exit_code())
    } else if failed == 0 && ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The file `-o` names, when it names one: with one input (a file or `-`), an existing file or a
/// path with an extension that is not a folder, as pandoc does. `-o` naming an existing file with
/// several inputs is a usage error rather than one failed write per input.
fn output_file(cli: &Cli, listing: &files::Listing) -> Result<Option<std::path::PathBuf>, Usage> {
    let Some(out) = cli.out_dir.as_deref() else {
        return Ok(None);
    };
    let meta = std::fs::metadata(out).ok();
    if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
        return Ok(None);
    }
    let single = cli.inputs.len() == 1 && listing.folders.is_empty() && listing.jobs.len() == 1;
    let existing_file = meta.is_some();
    let spelled_as_folder = out.as_os_str().to_string_lossy().ends_with(['/', '\\']);
    let names_file = existing_file || (out.extension().is_some() && !spelled_as_folder);
    if !names_file {
        return Ok(None);
    }
    if single {
        if cli.skip_existing {
            return Err(Usage(format!(
                "--skip-existing needs -o to name a folder, and {} names a file",
                out.display()
            )));
        }
        return Ok(Some(out.to_path_buf()));
    }
    if existing_file {
        let n = if cli.jsonl {
            "a stream of".to_owned()
        } else {
            listing.jobs.len().to_string()
        };
        return Err(Usage(format!(
            "-o {} is an existing file, and there are {n} inputs: name a folder to write them \
             into (or one input to write that file)",
            out.display()
        )));
    }
    Ok(None)
}

/// Why a folder input gave nothing to convert.
fn empty_hint(cli: &Cli, folder: &std::path::Path, left_out: usize) -> String {
    if left_out == 0 {
        return format!("note: {} holds no files to convert", folder.display());
    }
    let glob = cli
        .glob
        .as_deref()
        .map(|g| format!(" and --glob {g}"))
        .unwrap_or_default();
    format!(
        "note: none of the {left_out} file(s) in {} matches --ext {}{glob}; --ext picks other \
         extensions",
        folder.display(),
        cli.ext.join(",")
    )
}

/// The manual page: clap_mangen's sections, with the examples of `--help` as an EXAMPLES section
/// set without filling (its EXTRA section would let roff reflow the command lines into one).
fn man_page(command: clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let examples = command
        .get_after_help()
        .map(ToString::to_string)
        .unwrap_or_default();
    let man = clap_mangen::Man::new(command.after_help(None::<&str>));
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let body = examples.strip_prefix("Examples:\n").unwrap_or(&examples);
    writeln!(out, ".SH EXAMPLES\n.nf")?;
    for line in body.lines() {
        // roff escapes: a backslash is \e, a line may not start with a control character, and
        // a hyphen in an option is a minus
        let line = line.replace('\\', "\\e").replace('-', "\\-");
        let lead = if line.starts_with(['.', '\'']) {
            "\\&"
        } else {
            ""
        };
        writeln!(out, "{lead}{line}")?;
    }
    writeln!(out, ".fi")?;
    man.render_version_section(out)
}

/// `--list-rules`, `--completions` and `--man`: printed from the flags, no input read.
/// `--explain`: the explain page of the one input, to stdout or to the file `-o` names (written
/// atomically). A post that cannot be read fails as in a conversion (exit 1).
fn explain(cli: &Cli, options: &crate::Options) -> Result<ExitCode, Usage> {
    let [input] = cli.inputs.as_slice() else {
        return Err(Usage(format!(
            "--explain takes one input (a file or `-`), and {} were given",
            cli.inputs.len()
        )));
    };
    if let Some(out) = cli.out_dir.as_deref().filter(|o| o.is_dir()) {
        return Err(Usage(format!(
            "--explain writes one page: -o names its file, and {} is a folder",
            out.display()
        )));
    }
    let bytes = if input == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf).map(|_| buf)
    } else if std::path::Path::new(input).is_dir() {
        return Err(Usage(format!(
            "--explain takes one file, and {input} is a folder"
        )));
    } else {
        std::fs::read(input)
    };
    let page = match bytes.map(|b| crate::Post::parse_bytes_with(&b, options)) {
        Ok(Ok(post)) => post.to_explain(),
        Ok(Err(e)) => {
            say!("{input}: {e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => {
            say!("{input}: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let written = match cli.out_dir.as_deref() {
        Some(out) => files::write_atomic(out, page.as_bytes()),
        None => std::io::stdout().lock().write_all(page.as_bytes()),
    };
    match written {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => {
            say!(
                "{}: {e}",
                cli.out_dir
                    .as_deref()
                    .map_or("stdout".into(), |o| o.display().to_string())
            );
            Ok(ExitCode::from(1))
        }
    }
}

fn print_only(cli: &Cli, options: &crate::Options) -> Result<ExitCode, Usage> {
    let mut out = std::io::stdout().lock();
    let written = if cli.list_rules {
        out.write_all(options.rules.to_yaml().as_bytes())
    } else if let Some(shell) = cli.completions {
        let mut command = Cli::command_named(cli.program);
        clap_complete::generate(shell, &mut command, cli.program, &mut out);
        Ok(())
    } else {
        man_page(Cli::command_named(cli.program), &mut out)
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::from(1)),
        Err(e) => {
            say!("stdout: {e}");
            Ok(ExitCode::from(1))
        }
    }
}
