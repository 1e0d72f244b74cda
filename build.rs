//! The built-in rules are written in YAML (`src/clean/builtin-rules.yaml`, the format users write)
//! and read at run time as the JSON this writes into OUT_DIR: serde_yaml took 7M instructions to
//! read them, more than converting a small post costs, in every process that converts one.
//! `clean::rules` tests that both read to equal rules.

use std::path::PathBuf;

fn main() {
    let src = "src/clean/builtin-rules.yaml";
    println!("cargo::rerun-if-changed={src}");
    let yaml = std::fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let value: serde_json::Value =
        serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{src}: {e}"));
    let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{src}: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let out = out.join("builtin-rules.json");
    std::fs::write(&out, json).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
