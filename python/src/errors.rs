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

/// The error as a `TidingsError` with the crate's message and its `kind`.
pub fn to_py_err(err: &tidings::Error) -> PyErr {
    // the command's names (`tidings::Error::kind`), so that a script groups failures the same
    // way whichever way it ran the converter
    let kind = err.kind();
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
