//! The `tidings` command: the converter of [`tidings::cli`], installed with
//! `cargo install tidings --features cli`.

fn main() -> std::process::ExitCode {
    tidings::cli::main()
}
