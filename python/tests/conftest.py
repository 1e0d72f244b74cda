"""Shared pieces of the Python package's tests: the repository, the command, the inputs.

The command (`tidings`) is what the package's output is checked against. It is built with cargo
unless TIDINGS_BIN names one (cargo does nothing when `cargo test --release` built it already).
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"
SHARED_POSTS = REPO.parent / "shared" / "corpus" / "posts"


def fixture_inputs():
    """Every bundled fixture's input, in a stable order."""
    return sorted(FIXTURES.glob("*/input.*"))


@pytest.fixture(scope="session")
def tidings_bin():
    """The command's path, built if needed."""
    named = os.environ.get("TIDINGS_BIN")
    if named:
        return Path(named)
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--features", "cli", "--bin", "tidings"],
        cwd=REPO,
        check=True,
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    if not target.is_absolute():
        target = REPO / target
    return target / "release" / "tidings"


def run_command(binary, args, **kwargs):
    """Runs the command; exit 0 (all converted) and 1 (some failed) are both results."""
    done = subprocess.run([str(binary), *map(str, args)], capture_output=True, **kwargs)
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")
    return done


def read_failures(path):
    """The command's --errors file: {path: (kind, message)}."""
    failures = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            failures[record["path"]] = (record["kind"], record["message"])
    return failures


def generated_posts(count):
    """`count` posts made here (no corpus text), each naming its index so that order shows; every
    17th has unterminated front matter, every 29th is not UTF-8, the rest vary in shape."""
    posts = []
    for i in range(count):
        if i % 17 == 5:
            posts.append(("---\ntitle: 第%d篇\n<p>正文没有结束的前言。</p>\n" % i).encode())
            continue
        if i % 29 == 7:
            posts.append(b"<p>caf\xe9 %d</p>" % i)
            continue
        items = "".join("<li>第%d项，条目%d</li>" % (i, k) for k in range(i % 4))
        link = '<a href="/p/%d?utm_source=feed">链接%d</a>' % (i, i) if i % 3 else ""
        image = '<img src="data:image/gif;base64,R0lGOD" data-src="/img/%d.jpg" alt="图%d">' % (i, i)
        body = (
            "<div class=\"entry-content\"><h2>小标题 %d</h2>"
            "<p>第%d篇的第一段，<strong>重点</strong>在此。<br> <br>第二段 %s</p>"
            "<ul>%s</ul><p>%s</p>"
            "<div id=\"dfp-ad-top\">广告 %d</div><div class=\"sharedaddy\">分享到微信</div>"
            "<p>Paragraph %d in English, with <em>emphasis</em> and a long line that a "
            "width option would wrap somewhere in the middle of it.</p></div>"
        ) % (i, i, link, items, image if i % 2 else "", i, i)
        header = "---\ntitle: 生成的第%d篇\ndate: 2024-05-%02d\nfrom: https://gen%d.example/post/%d\n---\n" % (
            i,
            1 + i % 28,
            i % 5,
            i,
        )
        posts.append((header + body if i % 4 else body).encode())
    return posts
