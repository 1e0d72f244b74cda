//! The converter as a bundled example, for scripts that build `cargo build --release --example
//! convert` and run `target/release/examples/convert`: the same code as the `tidings` command
//! (`tidings::cli`), under its old name.

fn main() -> std::process::ExitCode {
    tidings::cli::main()
}
