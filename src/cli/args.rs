//! The command line. Flag names are a contract with scripts that call the converter; keep them.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::render::markdown::HardBreak;
use crate::render::text::TextLinks;
use crate::{Format, Limits, MarkdownOptions, Options, RenderOptions, Rules, TextOptions};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches, Parser};

/// Written for the `convert` example; [`Cli::parse_from`] puts the program's own name in, at the
/// start of each line and for `PROG`.
const EXAMPLES: &str = "\
Examples:
  convert --to markdown post.html                 one file to stdout
  convert --to markdown -o post.md post.html      one file to a file
  convert --to text - < post.html                 stdin to stdout
  convert -t text < post.html                     the same: no INPUT reads piped stdin
  convert --to json --out-dir out/ posts/         a folder, mirrored as out/**/*.json
  convert --to html --out-dir out/ a.md b.md      several files, by file name
  convert --to markdown --ext md,html --glob '2014/**' --out-dir out/ posts/
  convert --to text --no-title --width 72 post.md
  convert --to markdown --no-front-matter --rules extra-rules.yaml post.md
  convert --to markdown --strict-front-matter --max-input-bytes 1000000 \\
          --max-depth 256 --max-nodes 100000 --out-dir out/ posts/
  convert --to markdown -j 2 --quiet --skip-existing --out-dir out/ posts/
  convert --to json --errors failures.jsonl --fail-fast --out-dir out/ posts/
  convert --jsonl --to markdown < records.jsonl > converted.jsonl
  convert --to json a.md b.md > posts.jsonl       several inputs to stdout: one JSON line each
  convert --list-rules --rules extra-rules.yaml   the rules in force, as YAML
  convert --learn-out learned.yaml -o out/ sample/   learn a sample's stock lines, convert with them
  convert --rules learned.yaml -o out/ archive/      apply them to the whole archive
  convert --completions bash > ~/.local/share/bash-completion/completions/PROG
  convert --man > ~/.local/share/man/man1/PROG.1

Exit codes: 0 all converted (or skipped), 1 some inputs failed, 2 usage error,
130, 143, 129 stopped by SIGINT (Ctrl-C), SIGTERM, SIGHUP.

Documentation: https://github.com/tidings-rs/tidings/blob/main/docs/converter.md";

/// Converts news posts (Jekyll front matter + HTML) to Markdown, text, JSON or sanitized HTML.
#[derive(Debug, Parser)]
#[command(name = "tidings", version, after_help = EXAMPLES)]
pub struct Cli {
    /// Output format.
    #[arg(short = 't', long, default_value = "markdown", value_parser = formats())]
    pub to: Format,

    /// Write outputs under DIR, mirroring folder inputs, instead of to stdout. With one input, an
    /// existing file or a path with an extension (not ending in /) is the output file itself.
    #[arg(short = 'o', long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Extensions to pick up when walking a folder, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "md,html,htm,txt")]
    pub ext: Vec<String>,

    /// Only convert folder entries whose path relative to the folder matches this glob
    /// (`*` stays within one path segment, `**` crosses them), e.g. '2014/**/*.md'.
    #[arg(long, value_name = "PATTERN")]
    pub glob: Option<String>,

    /// Leave the YAML front matter out of Markdown output.
    #[arg(long)]
    pub no_front_matter: bool,

    /// Leave the title out of text output.
    #[arg(long)]
    pub no_title: bool,

    /// Leave the `- ` and `1. ` list-item markers out of text output.
    #[arg(long)]
    pub no_list_markers: bool,

    /// Wrap text output at N columns (CJK characters count as two).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub width: Option<u64>,

    /// How Markdown writes a line break: two trailing spaces, or a backslash.
    #[arg(long, value_name = "STYLE", value_enum, default_value_t = HardBreak::Spaces)]
    pub hard_break: HardBreak,

    /// Where text output puts link URLs: nowhere, inline as `text [url]`, or as numbered footnotes.
    #[arg(long, value_name = "WHERE", value_enum, default_value_t = TextLinks::None)]
    pub text_links: TextLinks,

    /// Write images' alt text into text output, as `[alt]`.
    #[arg(long)]
    pub text_image_alt: bool,

    /// Write headings in upper case in text output.
    #[arg(long)]
    pub text_uppercase_headings: bool,

    /// YAML cleaning rules added to the built-in ones; may be repeated.
    #[arg(long, value_name = "FILE")]
    pub rules: Vec<PathBuf>,

    /// Learn the inputs' stock lines and images first (what each source repeats across its posts),
    /// then convert with them as extra rules; see docs/cleaning.md. Reads every input twice.
    #[arg(long)]
    pub learn: bool,

    /// Write the learned rules to FILE (rules YAML, for --rules in later runs); implies --learn.
    #[arg(long, value_name = "FILE")]
    pub learn_out: Option<PathBuf>,

    /// Clean with the --rules files only, leaving the built-in rules out.
    #[arg(long)]
    pub no_builtin_rules: bool,

    /// Print the rules in force (built-in and --rules files) as rules YAML, and exit.
    #[arg(long)]
    pub list_rules: bool,

    /// Print a completion script for SHELL to stdout, and exit.
    #[arg(long, value_name = "SHELL")]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff) to stdout, and exit.
    #[arg(long)]
    pub man: bool,

    /// Record every removal, what it took and where it stood, as `report.removals` in JSON output
    /// (the other formats are unchanged).
    #[arg(long)]
    pub audit: bool,

    /// Write the explain page of one input instead of converting it: one self-contained HTML page
    /// (no script, nothing fetched) showing the article as kept, each removal greyed where it
    /// stood and labelled with its rule, and the counts per rule.
    #[arg(long, conflicts_with_all = ["jsonl", "skip_existing", "learn", "learn_out"])]
    pub explain: bool,

    /// Fail posts whose front matter is not valid YAML instead of salvaging `key: value` lines.
    #[arg(long)]
    pub strict_front_matter: bool,

    /// Read input bytes in this encoding (gbk, big5, shift_jis, windows-1252, ...) instead of
    /// finding it from a page's BOM, <meta charset> or a detector; posts are otherwise UTF-8.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,

    /// Fail inputs larger than this many bytes [library default: 64 MiB].
    #[arg(long, value_name = "BYTES")]
    pub max_input_bytes: Option<usize>,

    /// Flatten elements nested deeper than this [library default: 512].
    #[arg(long, value_name = "N")]
    pub max_depth: Option<usize>,

    /// Fail bodies with more DOM nodes than this [library default: 4000000].
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,

    /// Worker threads [default: all cores]. Output does not depend on it.
    #[arg(short = 'j', long = "jobs", value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub jobs: Option<u64>,

    /// No progress bar and no summary line; failures are still printed.
    #[arg(short, long)]
    pub quiet: bool,

    /// Skip an input when DIR/.tidings-manifest.jsonl records its output as made from the input
    /// as it is now, by this version with these options and rules, and the file is still the one
    /// recorded (size and hash); counted as skipped. Everything else is converted again.
    #[arg(long, requires = "out_dir")]
    pub skip_existing: bool,

    /// Write one JSON line per failure to FILE (truncated first): {"path","kind","message"}.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,

    /// Stop at the first failure.
    #[arg(long)]
    pub fail_fast: bool,

    /// Stream mode: read {"id","content"} lines on stdin, write one result line each on stdout.
    #[arg(long, conflicts_with_all = ["inputs", "out_dir", "skip_existing", "learn", "learn_out"])]
    pub jsonl: bool,

    /// Files, folders (walked recursively) or `-` for stdin; none reads stdin when it is not a
    /// terminal.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// The program's name as called: `tidings`, or `convert` for the example.
    #[arg(skip)]
    pub program: &'static str,
}

/// The library's formats, by name or alias.
fn formats() -> impl TypedValueParser<Value = Format> {
    let names = Format::ALL
        .iter()
        .map(|f| PossibleValue::new(f.name()).aliases(f.aliases().iter().copied()));
    PossibleValuesParser::new(names).try_map(|name| Format::from_name(&name).ok_or(name))
}

impl Cli {
    /// Parses `args`, whose first item is the program; `--version` and the examples of `--help`
    /// name the program as it was called (`tidings`, or `convert` for the example), as usage lines
    /// do.
    pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        // clap takes a static name (an owned one needs its `string` feature); the two ways in are
        // enough, and a renamed binary still gets its own name in usage lines from clap.
        let called = args.first().and_then(|a| Path::new(a).file_stem());
        let name = if called.is_some_and(|s| s == "convert") {
            "convert"
        } else {
            "tidings"
        };
        let mut command = Cli::command_named(name);
        let matches = command.try_get_matches_from_mut(args)?;
        let mut cli = Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command))?;
        cli.program = name;
        if cli.inputs.is_empty() && !cli.jsonl && !cli.prints_only() {
            // Piped or redirected input is what `-` would read; a terminal means the user forgot the
            // inputs, and waiting for typed posts would look like a hang.
            if std::io::stdin().is_terminal() {
                return Err(command.error(
                    ErrorKind::MissingRequiredArgument,
                    "no INPUT given and stdin is a terminal: name files or folders, or `-` to \
                     read stdin",
                ));
            }
            cli.inputs.push("-".to_owned());
        }
        Ok(cli)
    }

    /// Whether the flags ask for something printed from the flags alone (rules, completions, man
    /// page), with no input read.
    pub fn prints_only(&self) -> bool {
        self.list_rules || self.completions.is_some() || self.man
    }

    /// The clap definition as the user's call named the program, for --help, completions and the
    /// man page alike.
    pub fn command_named(name: &'static str) -> clap::Command {
        let examples = EXAMPLES
            .replace("\n  convert ", &format!("\n  {name} "))
            .replace("PROG", name);
        Cli::command()
            .name(name)
            .bin_name(name)
            .after_help(examples)
    }

    /// The reading options the flags ask for; a bad rules file is the caller's mistake (exit 2).
    pub fn options(&self) -> Result<Options, String> {
        let mut rules = if self.no_builtin_rules {
            Rules::empty()
        } else {
            Rules::builtin()
        };
        for path in &self.rules {
            let yaml =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let extra = Rules::from_yaml(&yaml).map_err(|e| format!("{}: {e}", path.display()))?;
            rules.extend(extra);
        }
        let defaults = Limits::default();
        let limits = Limits {
            max_input_bytes: self.max_input_bytes.unwrap_or(defaults.max_input_bytes),
            max_depth: self.max_depth.unwrap_or(defaults.max_depth),
            max_nodes: self.max_nodes.unwrap_or(defaults.max_nodes),
            ..defaults
        };
        Ok(Options::new()
            .audit(self.audit || self.explain)
            .strict_front_matter(self.strict_front_matter)
            .encoding(self.encoding.clone())
            .rules(rules)
            .limits(limits))
    }

    /// The output options the flags ask for.
    pub fn render_options(&self) -> RenderOptions {
        let width = self.width.map(|w| usize::try_from(w).unwrap_or(usize::MAX));
        RenderOptions::new()
            .markdown(
                MarkdownOptions::new()
                    .front_matter(!self.no_front_matter)
                    .hard_break(self.hard_break),
            )
            .text(
                TextOptions::new()
                    .title(!self.no_title)
                    .list_markers(!self.no_list_markers)
                    .width(width)
                    .links(self.text_links)
                    .image_alt(self.text_image_alt)
                    .uppercase_headings(self.text_uppercase_headings),
            )
    }
}
