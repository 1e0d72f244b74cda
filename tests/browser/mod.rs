//! The programs the opt-in browser tests need, found on the PATH.

use std::process::Command;

/// Whether `program --version` runs.
pub fn found(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The first Chromium the PATH has, under any of its usual names.
pub fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| found(c))
}
