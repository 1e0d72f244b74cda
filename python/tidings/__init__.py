"""Turns messy news-article HTML (Jekyll feed-archive posts, fragments, whole pages) into clean
Markdown, plain text, JSON and sanitized HTML: the tidings Rust crate, in Python.

    import tidings

    post = tidings.Post.parse(text)            # or Post.parse_bytes(data)
    post.to_markdown(); post.to_text(width=72); post.to_json(); post.to_html()
    post.metadata                              # dict: title, date, author, source_url, ...
    post.report                                # {"removed": {rule: n}, "warnings": [...]}

    tidings.convert(text, to="markdown")       # one input
    tidings.convert_many(texts, to="text", jobs=4)   # a batch on 4 threads, GIL released

Every failure is a ``tidings.TidingsError`` with the crate's message and a ``kind``.
"""

from ._tidings import (
    FORMATS,
    Learner,
    Post,
    TidingsError,
    __version__,
    convert,
    convert_many,
)

__all__ = [
    "FORMATS",
    "Learner",
    "Post",
    "TidingsError",
    "__version__",
    "convert",
    "convert_many",
]
