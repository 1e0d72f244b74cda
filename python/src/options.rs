//! Keyword arguments into the crate's options: one flat namespace of reading options (how a post is
//! read) and writing options (how an output is written), so that `convert(text, **options)` takes
//! both and `Post.to_text(**options)` only its own.

use pyo3::conversion::FromPyObjectOwned;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use tidings::render::markdown::HardBreak;
use tidings::render::text::TextLinks;
use tidings::{
    Format, HtmlOptions, JsonOptions, Limits, MarkdownOptions, Options, RenderOptions, Rules,
    TextOptions,
};

use crate::errors::to_py_err;

/// The reading options' names.
pub const READ: &[&str] = &[
    "rules",
    "builtin_rules",
    "base_url",
    "strict_front_matter",
    "encoding",
    "max_input_bytes",
    "max_depth",
    "max_nodes",
    "max_attributes",
    "audit",
];
/// The Markdown writer's options' names.
pub const MARKDOWN: &[&str] = &["front_matter", "hard_break"];
/// The text writer's options' names.
pub const TEXT: &[&str] = &[
    "title",
    "list_markers",
    "width",
    "links",
    "image_alt",
    "uppercase_headings",
];
/// The HTML writer's options' names.
pub const HTML: &[&str] = &["sanitize"];

/// Refuses a keyword that is none of `allowed`, as Python does for a function's unknown keyword.
pub fn check_names(
    kwargs: Option<&Bound<'_, PyDict>>,
    allowed: &[&[&str]],
    what: &str,
) -> PyResult<()> {
    let Some(kwargs) = kwargs else {
        return Ok(());
    };
    for key in kwargs.keys() {
        let key: String = key.extract()?;
        if !allowed.iter().any(|names| names.contains(&key.as_str())) {
            return Err(PyTypeError::new_err(format!(
                "{what} got an unexpected keyword argument '{key}'"
            )));
        }
    }
    Ok(())
}

/// The value of keyword `name`, when given and not None.
fn get<'py, T: FromPyObjectOwned<'py>>(
    kwargs: Option<&Bound<'py, PyDict>>,
    name: &str,
) -> PyResult<Option<T>> {
    let Some(value) = kwargs.map(|k| k.get_item(name)).transpose()?.flatten() else {
        return Ok(None);
    };
    if value.is_none() {
        return Ok(None);
    }
    value.extract::<T>().map(Some).map_err(|e| {
        let e: PyErr = e.into();
        PyTypeError::new_err(format!("{name}: {e}"))
    })
}

/// The crate's reading options out of the keywords of [`READ`].
pub fn read_options(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Options> {
    let rules = rules(kwargs)?;
    let base_url = match get::<String>(kwargs, "base_url")? {
        Some(url) => Some(
            url::Url::parse(&url)
                .map_err(|e| PyValueError::new_err(format!("base_url {url:?}: {e}")))?,
        ),
        None => None,
    };
    let defaults = Limits::default();
    let limits = Limits {
        max_input_bytes: get(kwargs, "max_input_bytes")?.unwrap_or(defaults.max_input_bytes),
        max_depth: get(kwargs, "max_depth")?.unwrap_or(defaults.max_depth),
        max_nodes: get(kwargs, "max_nodes")?.unwrap_or(defaults.max_nodes),
        max_attributes: get(kwargs, "max_attributes")?.unwrap_or(defaults.max_attributes),
    };
    Ok(Options::new()
        .rules(rules)
        .base_url(base_url)
        .strict_front_matter(get(kwargs, "strict_front_matter")?.unwrap_or(false))
        .encoding(get(kwargs, "encoding")?)
        .limits(limits)
        .audit(get(kwargs, "audit")?.unwrap_or(false)))
}

/// The rules `rules=` and `builtin_rules=` ask for.
pub fn rules(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Rules> {
    let mut rules = if get(kwargs, "builtin_rules")?.unwrap_or(true) {
        Rules::builtin()
    } else {
        Rules::empty()
    };
    for yaml in rule_texts(kwargs)? {
        rules.extend(Rules::from_yaml(&yaml).map_err(|e| to_py_err(&e))?);
    }
    Ok(rules)
}

/// `rules=`: one YAML text, or a list of them, added in order.
fn rule_texts(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Vec<String>> {
    let Some(value) = kwargs.map(|k| k.get_item("rules")).transpose()?.flatten() else {
        return Ok(Vec::new());
    };
    if value.is_none() {
        Ok(Vec::new())
    } else if let Ok(one) = value.extract::<String>() {
        Ok(vec![one])
    } else {
        value.extract::<Vec<String>>().map_err(|_| {
            PyTypeError::new_err("rules: expected rules YAML as a str, or a list of str")
        })
    }
}

pub fn markdown_options(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<MarkdownOptions> {
    let hard_break = match get::<String>(kwargs, "hard_break")?.as_deref() {
        None | Some("spaces") => HardBreak::Spaces,
        Some("backslash") => HardBreak::Backslash,
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "hard_break {other:?}: expected \"spaces\" or \"backslash\""
            )));
        }
    };
    Ok(MarkdownOptions::new()
        .front_matter(get(kwargs, "front_matter")?.unwrap_or(true))
        .hard_break(hard_break))
}

pub fn text_options(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<TextOptions> {
    let links = match get::<String>(kwargs, "links")?.as_deref() {
        None | Some("none") => TextLinks::None,
        Some("inline") => TextLinks::Inline,
        Some("footnotes") => TextLinks::Footnotes,
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "links {other:?}: expected \"none\", \"inline\" or \"footnotes\""
            )));
        }
    };
    let width: Option<usize> = get(kwargs, "width")?;
    if width == Some(0) {
        return Err(PyValueError::new_err("width must be 1 or more (or None)"));
    }
    Ok(TextOptions::new()
        .title(get(kwargs, "title")?.unwrap_or(true))
        .list_markers(get(kwargs, "list_markers")?.unwrap_or(true))
        .width(width)
        .links(links)
        .image_alt(get(kwargs, "image_alt")?.unwrap_or(false))
        .uppercase_headings(get(kwargs, "uppercase_headings")?.unwrap_or(false)))
}

pub fn html_options(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<HtmlOptions> {
    Ok(HtmlOptions::new().sanitize(get(kwargs, "sanitize")?.unwrap_or(true)))
}

pub fn json_options(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<JsonOptions> {
    Ok(JsonOptions::new()
        .markdown(markdown_options(kwargs)?)
        .text(text_options(kwargs)?))
}

pub fn render_options(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<RenderOptions> {
    Ok(RenderOptions::new()
        .markdown(markdown_options(kwargs)?)
        .text(text_options(kwargs)?)
        .html(html_options(kwargs)?))
}

/// A format by name or alias (`markdown`, `md`, `text`, `txt`, `json`, `html`).
pub fn format(name: &str) -> PyResult<Format> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        PyValueError::new_err(format!("to={name:?}: expected one of {}", names.join(", ")))
    })
}
