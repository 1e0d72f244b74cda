//! The crate's errors as one Python exception class, `tidings.TidingsError`, whose `kind` names the
//! crate's error kind as the command's failure lines do.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    tidings,
    TidingsError,
    PyException,
    "A post that could not be read, with the crate's message.\n\n\
     ``kind`` names the crate's error kind as ``tidings --errors`` and the command's JSON lines \
     do: ``invalid-utf8``, ``unknown-encoding``, ``unterminated-front-matter``, \
     ``front-matter-yaml``, ``front-matter-not-mapping``, ``input-too-large``, \
     ``too-many-nodes`` or ``rules``."
);

/// The command's name for each error kind (`tidings::cli`'s failure lines), so that a script
/// groups failures the same way whichever way it ran the converter.
pub fn error_kind(err: &tidings::Error) -> &'static str {
    use tidings::Error as E;
    match err {
        E::InvalidUtf8 { .. } => "invalid-utf8",
        E::UnknownEncoding { .. } => "unknown-encoding",
        E::UnterminatedFrontMatter => "unterminated-front-matter",
        E::FrontMatterYaml { .. } => "front-matter-yaml",
        E::FrontMatterNotMapping { .. } => "front-matter-not-mapping",
        E::InputTooLarge { .. } => "input-too-large",
        E::TooManyNodes { .. } => "too-many-nodes",
        E::Rules { .. } => "rules",
        // The enum is non_exhaustive: a kind added later is still an error, named generically
        // until it gets a name here.
        _ => "error",
    }
}

/// The error as a `TidingsError` with the crate's message and its `kind`.
pub fn to_py_err(err: &tidings::Error) -> PyErr {
    let kind = error_kind(err);
    let message = err.to_string();
    Python::attach(|py| {
        let e = TidingsError::new_err(message);
        // An instance attribute on an exception always sets.
        if let Err(failed) = e.value(py).setattr("kind", kind) {
            return failed;
        }
        e
    })
}
