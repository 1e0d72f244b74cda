//! The `tidings` Python module: the crate's [`tidings::Post`], [`tidings::Learner`] and a
//! converter for one input or a batch, with the crate's options as keyword arguments. The package
//! around it (`tidings/__init__.py`, the type stubs) is in the `tidings/` folder beside this crate.

#![forbid(unsafe_code)]

mod errors;
mod options;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};
use rayon::prelude::*;
use tidings::{Format, LearnSettings, Options, RenderOptions};

use errors::{TidingsError, to_py_err};
use options::{HTML, MARKDOWN, READ, TEXT, check_names};

/// One input as Python gave it: a str is read as text, bytes as the command reads a file.
enum Input {
    Text(String),
    Bytes(Vec<u8>),
}

impl Input {
    fn extract(item: &Bound<'_, PyAny>, what: &str) -> PyResult<Input> {
        if let Ok(s) = item.cast::<PyString>() {
            Ok(Input::Text(s.to_cow()?.into_owned()))
        } else if let Ok(b) = item.cast::<PyBytes>() {
            Ok(Input::Bytes(b.as_bytes().to_vec()))
        } else if let Ok(b) = item.cast::<PyByteArray>() {
            Ok(Input::Bytes(b.to_vec()))
        } else {
            Err(PyTypeError::new_err(format!(
                "{what}: expected str or bytes, got {}",
                item.get_type().name()?
            )))
        }
    }

    fn parse(&self, options: &Options) -> tidings::Result<tidings::Post> {
        match self {
            Input::Text(text) => tidings::Post::parse_with(text, options),
            Input::Bytes(bytes) => tidings::Post::parse_bytes_with(bytes, options),
        }
    }
}

/// Python's `json.loads` of a value the crate serialises: metadata, report and blocks reach
/// Python in the JSON output's shape, with no second description of it to keep in step.
fn to_python<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_string(value)
        .map_err(|e| PyValueError::new_err(format!("cannot serialise: {e}")))?;
    py.import("json")?.call_method1("loads", (json,))
}

/// A cleaned article: its metadata, its content, and the report of what was removed.
///
/// Read one with ``Post.parse(text, **options)`` or ``Post.parse_bytes(data, **options)``; write
/// it with ``to_markdown``, ``to_text``, ``to_json``, ``to_html`` or ``render``, as many times as
/// needed, each with its own writing options.
///
/// Reading options (keywords): ``rules`` (rules YAML added to the built-in rules, a str or a list of
/// str), ``builtin_rules`` (False cleans with ``rules`` only), ``base_url`` (resolve relative links
/// against it instead of the post's source URL), ``strict_front_matter`` (invalid YAML is an error
/// instead of salvaged), ``encoding`` (a WHATWG label such as ``"gbk"``, for bytes), and the limits
/// ``max_input_bytes``, ``max_depth``, ``max_nodes``, ``max_attributes``.
#[pyclass(frozen, module = "tidings", name = "Post")]
struct Post {
    inner: tidings::Post,
}

#[pymethods]
impl Post {
    /// Reads a post from text: a Jekyll post (front matter, feed header, HTML body), a bare HTML
    /// fragment or page, or plain text. Raises ``TidingsError`` when it cannot be read.
    #[staticmethod]
    #[pyo3(signature = (text, **options))]
    fn parse(py: Python<'_>, text: String, options: Option<&Bound<'_, PyDict>>) -> PyResult<Post> {
        check_names(options, &[READ], "Post.parse()")?;
        let options = options::read_options(options)?;
        let inner = py
            .detach(|| tidings::Post::parse_with(&text, &options))
            .map_err(|e| to_py_err(&e))?;
        Ok(Post { inner })
    }

    /// Reads a post from bytes, as the command reads a file: UTF-8 for a post, a whole page in the
    /// encoding it declares or a detector finds, or the ``encoding`` given.
    #[staticmethod]
    #[pyo3(signature = (data, **options))]
    fn parse_bytes(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Post> {
        check_names(options, &[READ], "Post.parse_bytes()")?;
        let bytes = match Input::extract(data, "data")? {
            Input::Bytes(b) => b,
            Input::Text(_) => {
                return Err(PyTypeError::new_err(
                    "data: expected bytes (Post.parse reads a str)",
                ));
            }
        };
        let options = options::read_options(options)?;
        let inner = py
            .detach(|| tidings::Post::parse_bytes_with(&bytes, &options))
            .map_err(|e| to_py_err(&e))?;
        Ok(Post { inner })
    }

    /// Title, date, author, source URL, tags and the rest, as a dict: the ``metadata`` object of
    /// the JSON output.
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, self.inner.metadata())
    }

    /// What the cleaner removed and worked around: ``{"removed": {rule: count},
    /// "warnings": [{"kind", "message"}]}``, the ``report`` object of the JSON output.
    #[getter]
    fn report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, self.inner.report())
    }

    /// Every removal with what it took and where it stood, when the post was read with
    /// ``audit=True`` (else empty): the ``report.removals`` array of the JSON output.
    #[getter]
    fn removals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.removals())
    }

    /// One self-contained HTML page (no script, no external request) showing the article as kept
    /// with each removal greyed in place and labelled with its rule; read the post with
    /// ``audit=True`` for the removals to show.
    fn to_explain(&self) -> String {
        self.inner.to_explain()
    }

    /// The article's content as a list of blocks, the ``blocks`` array of the JSON output.
    #[getter]
    fn blocks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.blocks())
    }

    /// The front matter's YAML without its ``---`` lines, as the Markdown output writes it; None
    /// when the post has none.
    #[getter]
    fn front_matter(&self) -> Option<&str> {
        self.inner.front_matter()
    }

    /// CommonMark (with GFM tables and strikethrough), the front matter on top.
    ///
    /// Options: ``front_matter`` (default True), ``hard_break`` (``"spaces"``, the default, or
    /// ``"backslash"``).
    #[pyo3(signature = (**options))]
    fn to_markdown(&self, options: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        check_names(options, &[MARKDOWN], "Post.to_markdown()")?;
        Ok(self
            .inner
            .to_markdown_with(&options::markdown_options(options)?))
    }

    /// Plain text: the title, then the blocks separated by blank lines.
    ///
    /// Options: ``title`` (default True), ``list_markers`` (default True), ``width`` (wrap at N
    /// columns, CJK characters counting two; default None), ``links`` (``"none"``, ``"inline"`` or
    /// ``"footnotes"``), ``image_alt`` (default False), ``uppercase_headings`` (default False).
    #[pyo3(signature = (**options))]
    fn to_text(&self, options: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        check_names(options, &[TEXT], "Post.to_text()")?;
        Ok(self.inner.to_text_with(&options::text_options(options)?))
    }

    /// One JSON object: metadata, markdown, text, blocks, images, links and the report. Takes the
    /// options of ``to_markdown`` and ``to_text``, for the renderings it embeds.
    #[pyo3(signature = (**options))]
    fn to_json(&self, options: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        check_names(options, &[MARKDOWN, TEXT], "Post.to_json()")?;
        Ok(self.inner.to_json_with(&options::json_options(options)?))
    }

    /// The clean body as HTML. Option: ``sanitize`` (default True: passed through ammonia, for
    /// republishing).
    #[pyo3(signature = (**options))]
    fn to_html(&self, options: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        check_names(options, &[HTML], "Post.to_html()")?;
        Ok(self.inner.to_html_with(&options::html_options(options)?))
    }

    /// The post in the format named by ``to`` (``markdown``/``md``, ``text``/``txt``, ``json``,
    /// ``html``), with the writing options of every format.
    #[pyo3(signature = (to = "markdown", **options))]
    fn render(&self, to: &str, options: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        check_names(options, &[MARKDOWN, TEXT, HTML], "Post.render()")?;
        let format = options::format(to)?;
        Ok(self
            .inner
            .render(format, &options::render_options(options)?))
    }

    fn __repr__(&self) -> String {
        let m = self.inner.metadata();
        format!(
            "<tidings.Post title={:?} blocks={}>",
            m.title.as_deref().unwrap_or(""),
            self.inner.blocks().len()
        )
    }
}

/// What one input becomes: the output, or the crate's error.
fn convert_one(
    input: &Input,
    options: &Options,
    format: Format,
    render: &RenderOptions,
) -> tidings::Result<String> {
    input.parse(options).map(|post| post.render(format, render))
}

/// Converts one input (str, or bytes read as the command reads a file) to the format named by
/// ``to``, with reading and writing options as keywords (see ``Post``). The output is
/// byte-identical to ``tidings --to FORMAT -o DIR`` for the same input and options. Raises
/// ``TidingsError`` when the input cannot be read.
#[pyfunction]
#[pyo3(signature = (text, to = "markdown", **options))]
fn convert(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    to: &str,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    check_names(options, &[READ, MARKDOWN, TEXT, HTML], "convert()")?;
    let input = Input::extract(text, "text")?;
    let format = options::format(to)?;
    let render = options::render_options(options)?;
    let options = options::read_options(options)?;
    py.detach(|| convert_one(&input, &options, format, &render))
        .map_err(|e| to_py_err(&e))
}

/// Converts a batch of inputs on ``jobs`` threads (default: every core) with the GIL released.
///
/// Returns a list in input order: each item is the output string, or a ``TidingsError`` instance
/// (with its ``kind``) in the place of an input that could not be read; a failed input raises
/// nothing and costs no other input its output. The options are those of ``convert``, the same for
/// every input.
#[pyfunction]
#[pyo3(signature = (texts, to = "markdown", *, jobs = None, **options))]
fn convert_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    to: &str,
    jobs: Option<usize>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    check_names(options, &[READ, MARKDOWN, TEXT, HTML], "convert_many()")?;
    if texts.cast::<PyString>().is_ok() || texts.cast::<PyBytes>().is_ok() {
        return Err(PyTypeError::new_err(
            "texts: expected a list of str or bytes, got one str or bytes (use convert)",
        ));
    }
    let inputs = texts
        .try_iter()?
        .enumerate()
        .map(|(i, item)| Input::extract(&item?, &format!("texts[{i}]")))
        .collect::<PyResult<Vec<Input>>>()?;
    let format = options::format(to)?;
    let render = options::render_options(options)?;
    let options = options::read_options(options)?;
    let threads = match jobs {
        Some(0) => return Err(PyValueError::new_err("jobs must be 1 or more (or None)")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let results: Vec<tidings::Result<String>> = py.detach(|| {
        let one = |input: &Input| convert_one(input, &options, format, &render);
        // A pool per call: its threads end with it, and the caller's jobs= is exactly what runs.
        match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) if threads > 1 => pool.install(|| inputs.par_iter().map(one).collect()),
            // One job, or no thread to be had: the calling thread does the work.
            _ => inputs.iter().map(one).collect(),
        }
    });
    let out = PyList::empty(py);
    for result in results {
        match result {
            Ok(text) => out.append(text)?,
            Err(e) => out.append(to_py_err(&e).into_value(py))?,
        }
    }
    Ok(out)
}

/// Learns what each source (the host of a post's source URL) repeats across its posts, as
/// ``tidings --learn`` does, and writes it as rules YAML for ``rules=`` or ``tidings --rules``.
///
/// Feed it posts with ``add``; ``to_yaml()`` gives what ``tidings --learn-out`` writes for the
/// same posts in the same order. Settings (keywords): ``min_posts`` (3), ``min_share`` (0.10),
/// ``max_chars`` (100), ``edge_lines`` (3), ``max_lines_per_source`` (20000), ``max_sources``
/// (10000); ``rules`` and ``builtin_rules`` choose the rules whose lexicon judges calls to action,
/// as the reading options of ``Post.parse`` do.
#[pyclass(module = "tidings", name = "Learner")]
struct Learner {
    inner: tidings::Learner,
}

#[pymethods]
impl Learner {
    #[new]
    #[pyo3(signature = (*, min_posts = None, min_share = None, max_chars = None, edge_lines = None,
        max_lines_per_source = None, max_sources = None, rules = None, builtin_rules = true))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        min_posts: Option<u32>,
        min_share: Option<f64>,
        max_chars: Option<usize>,
        edge_lines: Option<usize>,
        max_lines_per_source: Option<usize>,
        max_sources: Option<usize>,
        rules: Option<Py<PyAny>>,
        builtin_rules: bool,
    ) -> PyResult<Learner> {
        let mut settings = LearnSettings::default();
        if let Some(v) = min_posts {
            settings.min_posts = v;
        }
        if let Some(v) = min_share {
            settings.min_share = v;
        }
        if let Some(v) = max_chars {
            settings.max_chars = v;
        }
        if let Some(v) = edge_lines {
            settings.edge_lines = v;
        }
        if let Some(v) = max_lines_per_source {
            settings.max_lines_per_source = v;
        }
        if let Some(v) = max_sources {
            settings.max_sources = v;
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("rules", rules)?;
        kwargs.set_item("builtin_rules", builtin_rules)?;
        let rules = options::rules(Some(&kwargs))?;
        Ok(Learner {
            inner: tidings::Learner::with_settings(settings, &rules),
        })
    }

    /// Counts the lines of one cleaned post. A post without a source URL with a host is skipped.
    fn add(&mut self, post: PyRef<'_, Post>) {
        self.inner.add(&post.inner);
    }

    /// Adds what another learner counted, as if its posts had been added here.
    fn merge(&mut self, other: PyRef<'_, Learner>) {
        self.inner.merge(other.inner.clone());
    }

    /// How many posts were added, learned from or not.
    #[getter]
    fn posts(&self) -> u64 {
        self.inner.posts()
    }

    /// How many posts were not learned from (no source host, or past the source cap).
    #[getter]
    fn skipped(&self) -> u64 {
        self.inner.skipped()
    }

    /// The learned rules as rules YAML, headed by the comment line ``tidings --learn-out`` writes:
    /// pass it as ``rules=`` or save it for ``tidings --rules``.
    fn to_yaml(&self) -> String {
        format!(
            "# Learned by tidings {} over {} posts ({} without a source host, not learned from).\n{}",
            env!("CARGO_PKG_VERSION"),
            self.inner.posts(),
            self.inner.skipped(),
            self.inner.rules().to_yaml()
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "<tidings.Learner posts={} skipped={}>",
            self.inner.posts(),
            self.inner.skipped()
        )
    }
}

/// The native part of the ``tidings`` package; import ``tidings``.
#[pymodule]
fn _tidings(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let error = py.get_type::<TidingsError>();
    // A TidingsError made in Python, not by the crate, has no kind.
    error.setattr("kind", py.None())?;
    m.add("TidingsError", error)?;
    m.add_class::<Post>()?;
    m.add_class::<Learner>()?;
    m.add_function(wrap_pyfunction!(convert, m)?)?;
    m.add_function(wrap_pyfunction!(convert_many, m)?)?;
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    m.add("FORMATS", names)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
