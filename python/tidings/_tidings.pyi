"""Type stubs of the native module; see ``help(tidings)`` and the docstrings of each item."""

from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Union

__version__: str
#: The output formats' names: ``["markdown", "text", "json", "html"]`` (``md`` and ``txt`` are
#: accepted as aliases).
FORMATS: List[str]

Format = Literal["markdown", "md", "text", "txt", "json", "html"]
HardBreak = Literal["spaces", "backslash"]
TextLinks = Literal["none", "inline", "footnotes"]
Rules = Union[str, Sequence[str], None]
Input = Union[str, bytes, bytearray]

class TidingsError(Exception):
    """A post that could not be read, with the crate's message.

    ``kind`` names the crate's error kind as the command's failure lines do:
    ``invalid-utf8``, ``unknown-encoding``, ``unterminated-front-matter``, ``front-matter-yaml``,
    ``front-matter-not-mapping``, ``input-too-large``, ``too-many-nodes`` or ``rules``
    (``None`` on an instance made in Python).
    """

    kind: Optional[str]

class Post:
    """A cleaned article: its metadata, its content, and the report of what was removed."""

    @staticmethod
    def parse(
        text: str,
        *,
        rules: Rules = None,
        builtin_rules: bool = True,
        base_url: Optional[str] = None,
        strict_front_matter: bool = False,
        encoding: Optional[str] = None,
        max_input_bytes: Optional[int] = None,
        max_depth: Optional[int] = None,
        max_nodes: Optional[int] = None,
        max_attributes: Optional[int] = None,
        audit: bool = False,
    ) -> "Post":
        """Reads a post from text; raises ``TidingsError`` when it cannot be read."""
    @staticmethod
    def parse_bytes(
        data: Union[bytes, bytearray],
        *,
        rules: Rules = None,
        builtin_rules: bool = True,
        base_url: Optional[str] = None,
        strict_front_matter: bool = False,
        encoding: Optional[str] = None,
        max_input_bytes: Optional[int] = None,
        max_depth: Optional[int] = None,
        max_nodes: Optional[int] = None,
        max_attributes: Optional[int] = None,
        audit: bool = False,
    ) -> "Post":
        """Reads a post from bytes, as the command reads a file (UTF-8 posts, pages in the
        encoding they declare or a detector finds, or ``encoding``)."""
    @property
    def metadata(self) -> Dict[str, Any]:
        """Title, date, author, source URL, tags and the rest: the JSON output's ``metadata``."""
    @property
    def report(self) -> Dict[str, Any]:
        """``{"removed": {rule: count}, "warnings": [{"kind": str, "message": str}]}``."""
    @property
    def removals(self) -> List[Dict[str, Any]]:
        """Every removal (``name``, ``kind``, ``block``, ``path``, ``text``, ``images``,
        ``links``) when read with ``audit=True``; else empty."""
    def to_explain(self) -> str:
        """A self-contained HTML page with every removal shown in place (read with ``audit=True``)."""
    @property
    def blocks(self) -> List[Dict[str, Any]]:
        """The article's content: the JSON output's ``blocks``."""
    @property
    def front_matter(self) -> Optional[str]:
        """The front matter's YAML as the Markdown output writes it, or None."""
    def to_markdown(
        self, *, front_matter: bool = True, hard_break: HardBreak = "spaces"
    ) -> str:
        """CommonMark (with GFM tables and strikethrough), the front matter on top."""
    def to_text(
        self,
        *,
        title: bool = True,
        list_markers: bool = True,
        width: Optional[int] = None,
        links: TextLinks = "none",
        image_alt: bool = False,
        uppercase_headings: bool = False,
    ) -> str:
        """Plain text: the title, then the blocks separated by blank lines."""
    def to_json(
        self,
        *,
        front_matter: bool = True,
        hard_break: HardBreak = "spaces",
        title: bool = True,
        list_markers: bool = True,
        width: Optional[int] = None,
        links: TextLinks = "none",
        image_alt: bool = False,
        uppercase_headings: bool = False,
    ) -> str:
        """One JSON object: metadata, markdown, text, blocks, images, links and the report."""
    def to_html(self, *, sanitize: bool = True) -> str:
        """The clean body as HTML, sanitized for republishing unless ``sanitize=False``."""
    def render(
        self,
        to: Format = "markdown",
        *,
        front_matter: bool = True,
        hard_break: HardBreak = "spaces",
        title: bool = True,
        list_markers: bool = True,
        width: Optional[int] = None,
        links: TextLinks = "none",
        image_alt: bool = False,
        uppercase_headings: bool = False,
        sanitize: bool = True,
    ) -> str:
        """The post in the format named by ``to``."""

def convert(
    text: Input,
    to: Format = "markdown",
    *,
    rules: Rules = None,
    builtin_rules: bool = True,
    base_url: Optional[str] = None,
    strict_front_matter: bool = False,
    encoding: Optional[str] = None,
    max_input_bytes: Optional[int] = None,
    max_depth: Optional[int] = None,
    max_nodes: Optional[int] = None,
    max_attributes: Optional[int] = None,
    audit: bool = False,
    front_matter: bool = True,
    hard_break: HardBreak = "spaces",
    title: bool = True,
    list_markers: bool = True,
    width: Optional[int] = None,
    links: TextLinks = "none",
    image_alt: bool = False,
    uppercase_headings: bool = False,
    sanitize: bool = True,
) -> str:
    """Converts one input; raises ``TidingsError`` when it cannot be read."""

def convert_many(
    texts: Iterable[Input],
    to: Format = "markdown",
    *,
    jobs: Optional[int] = None,
    rules: Rules = None,
    builtin_rules: bool = True,
    base_url: Optional[str] = None,
    strict_front_matter: bool = False,
    encoding: Optional[str] = None,
    max_input_bytes: Optional[int] = None,
    max_depth: Optional[int] = None,
    max_nodes: Optional[int] = None,
    max_attributes: Optional[int] = None,
    audit: bool = False,
    front_matter: bool = True,
    hard_break: HardBreak = "spaces",
    title: bool = True,
    list_markers: bool = True,
    width: Optional[int] = None,
    links: TextLinks = "none",
    image_alt: bool = False,
    uppercase_headings: bool = False,
    sanitize: bool = True,
) -> List[Union[str, TidingsError]]:
    """Converts a batch on ``jobs`` threads with the GIL released; in input order, each item is
    the output or the ``TidingsError`` of that input."""

class Learner:
    """Learns what each source repeats across its posts, as ``tidings --learn`` does."""

    def __init__(
        self,
        *,
        min_posts: Optional[int] = None,
        min_share: Optional[float] = None,
        max_chars: Optional[int] = None,
        edge_lines: Optional[int] = None,
        max_lines_per_source: Optional[int] = None,
        max_sources: Optional[int] = None,
        rules: Rules = None,
        builtin_rules: bool = True,
    ) -> None: ...
    def add(self, post: Post) -> None:
        """Counts the lines of one cleaned post (skipped when it has no source host)."""
    def merge(self, other: "Learner") -> None:
        """Adds what another learner counted."""
    @property
    def posts(self) -> int:
        """How many posts were added, learned from or not."""
    @property
    def skipped(self) -> int:
        """How many posts were not learned from."""
    def to_yaml(self) -> str:
        """The learned rules as rules YAML, as ``tidings --learn-out`` writes them."""
