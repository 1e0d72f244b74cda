#!/usr/bin/env python3
"""Differential check of our text against a browser's.

    tools/browser_diff.py [--convert BIN] [--chromium BIN] [--offset M] [--limit N] [--examples K] [--strict] SOURCE...

Each SOURCE is a file or a folder (walked for *.md, *.html, *.htm, *.txt; a folder holding
`source.html` files, as ../shared/pages does, gives those). For every input, headless Chromium
renders its body (front matter and feed header taken off, scripts taken out, no network) and
`document.body.innerText` is what a reader sees; our side is `convert --no-builtin-rules --to text
--no-title --no-list-markers` (cleaning off: the mechanics only). Both are cut into words (runs of
letters and digits; each CJK character a word of its own; each other visible character its own
token) after whitespace normalisation, and the two sequences are aligned. Every difference is put
in a kind; the kinds are named, and each is a deliberate choice, in docs/fidelity.md. A difference
that fits no kind is `unexplained`: with --strict, any such difference fails the run (exit 1).

Prints, per kind, how many differences and up to K examples.
"""
from __future__ import annotations

import argparse
import difflib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "__tidings_innertext__"
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]"
    r"|(?:(?![\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])[^\W_])+|[^\s]",
    re.U,
)
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+")
SUPSUB = set("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ")


def find_chromium(given: str | None) -> str | None:
    for name in [given, "chromium", "chromium-browser", "google-chrome"]:
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def inputs(sources: list[str]) -> list[Path]:
    found: list[Path] = []
    for s in sources:
        p = Path(s)
        if p.is_file():
            found.append(p)
        elif p.is_dir():
            pages = sorted(p.rglob("source.html"))
            if pages:
                found.extend(pages)
                continue
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in (".md", ".html", ".htm", ".txt"))
            fixture_inputs = [f for f in files if f.stem == "input"]
            found.extend(fixture_inputs or files)
    return found


def body_of(raw: str) -> str:
    """The HTML a browser is given: a post without its front matter and feed header."""
    text = raw
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1 and re.match(r"[\w\"'-]+:", text[4:end].lstrip()):
            text = text[end + 5:]
    # the feed header: a timestamp comment, a link line and its underline
    text = re.sub(r"\A\s*<!--[^>]*-->\s*\n\[[^\n]*\]\([^\n]*\)\s*\n-{3,}\s*\n", "", text)
    return text


PROBE = ("var t=document.body.innerText;var p=document.createElement('pre');"
         f"p.id='{MARK}';p.textContent=t;document.documentElement.appendChild(p);")


def browser_page(body: str) -> str:
    body = re.sub(r"(?is)<script\b.*?</script\s*>", "", body)
    probe = (
        "<script>(function(){var t=document.body.innerText;var p=document.createElement('pre');"
        f"p.id='{MARK}';p.textContent=t;document.documentElement.appendChild(p);}})();</script>"
    )
    if re.search(r"(?i)<html[\s>]", body):
        # a whole page: the probe runs once the body is parsed
        head = '<meta charset="utf-8">'
        page = re.sub(r"(?i)<head(\s[^>]*)?>", lambda m: m.group(0) + head, body, count=1)
        if page == body:
            page = head + body
        return page + "<script>window.addEventListener('load',function(){" + probe[8:-9] + "});</script>"
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>' + body
            + "</body></html><script>window.addEventListener('load',function(){" + probe[8:-9] + "});</script>")


def browser_text(chromium: str, path: Path, tmp: Path) -> str | None:
    data = path.read_bytes()
    page = tmp / (re.sub(r"\W", "_", str(path))[-80:] + ".html")
    if re.search(rb"(?i)<html[\s>]", data):
        # a whole page keeps its bytes and the encoding it declares: Latin-1 maps bytes one to one
        raw = data.decode("latin-1")
        raw = re.sub(r"(?is)<script\b.*?</script\s*>", "", raw)
        page.write_bytes((raw + "<script>window.addEventListener('load',function(){" + PROBE + "});</script>")
                         .encode("latin-1"))
    else:
        page.write_text(browser_page(body_of(data.decode("utf-8", "replace"))), encoding="utf-8")
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--host-resolver-rules=MAP * ~NOTFOUND", "--blink-settings=imagesEnabled=false",
           "--virtual-time-budget=3000", "--dump-dom", page.as_uri()]
    try:
        out = subprocess.run(cmd, capture_output=True, timeout=60).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None
    m = re.search(r'<pre id="' + MARK + r'">(.*?)</pre>', out, re.S)
    return html.unescape(m.group(1)) if m else None


def our_text(convert: str, path: Path) -> str | None:
    cmd = [convert, "--no-builtin-rules", "--to", "text", "--no-title", "--no-list-markers", "-q", str(path)]
    r = subprocess.run(cmd, capture_output=True, timeout=60)
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None


def tokens(text: str) -> list[str]:
    # whitespace normalised the way both sides lay it out: no-break spaces are spaces here
    text = unicodedata.normalize("NFC", text.replace("\u00a0", " "))
    return TOKEN.findall(text)


def kind_of(ours: list[str], theirs: list[str], whole_page: bool) -> str:
    o, t = "".join(ours), "".join(theirs)
    if not ours and whole_page:
        return "outside-article"
    if o == t:
        return "word-boundary"
    if o.lower() == t.lower():
        return "css-case"
    if "\\" in o or any("\U0001D400" <= c <= "\U0001D7FF" for c in t):
        return "mathml"
    if any(c in SUPSUB for c in o) or o in (")", "^") or any(m in o for m in ("^(", "_(", "^[")):
        return "sup-sub-notation"
    if set(o) <= set("“”‘’") and not theirs:
        return "q-marks"
    if o.startswith(("Video:", "Audio:", "Embed:")) or ours[:2] in (["Video", ":"], ["Audio", ":"], ["Embed", ":"]):
        return "media-link"
    if ours and all(EMOJI.fullmatch(x) for x in ours) and not theirs:
        return "emoji-image"
    if not ours:
        return "browser-only"
    if not theirs:
        return "ours-only"
    return "unexplained"


def classify(ours: str, theirs: str, whole_page: bool, rt_texts: set[str]) -> list[tuple[str, str, str]]:
    a, b = tokens(ours), tokens(theirs)
    out = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        k = kind_of(a[i1:i2], b[j1:j2], whole_page)
        extra = "".join(b[j1:j2])
        if k in ("browser-only", "unexplained") and extra and extra in rt_texts:
            k = "ruby-annotation"
        out.append((k, " ".join(a[i1:i2])[:80], " ".join(b[j1:j2])[:80]))
    return out


def hidden_in(raw: str, words: str) -> bool:
    """Whether the source hides the words: inside an element with `hidden`, `display:none`,
    `visibility:hidden` or a screen-reader class, which the rules (not the mechanics) remove."""
    first = words.split(" ")[0]
    at = raw.find(first)
    while at != -1:
        before = raw[max(0, at - 400):at].lower()
        if re.search(r"hidden|display:\s*none|sr-only|visually-hidden|screen-reader", before):
            return True
        at = raw.find(first, at + 1)
    return False


def in_embed(raw: str, words: str) -> bool:
    """Whether the words are the fallback content of an `<object>`, `<video>`, `<audio>` or
    `<iframe>`, which the browser replaces with the player."""
    first = words.split(" ")[0]
    at = raw.find(first)
    while at != -1:
        before = raw[max(0, at - 600):at].lower()
        opened = max(before.rfind(f"<{t}") for t in ("object", "video", "audio", "iframe", "embed"))
        closed = max(before.rfind(f"</{t}") for t in ("object", "video", "audio", "iframe"))
        if opened > closed:
            return True
        at = raw.find(first, at + 1)
    return False


WIDGET = re.compile(r"outbrain|taboola|trc_|ob-dynamic|ob-widget|sponsored|promoted|kxinvisible|kxtag")


def styled_widget(raw: str, words: str) -> bool:
    """Whether the words stand in a recommendation or tracking widget (Outbrain, Taboola, Krux),
    which the page's stylesheet lays out (blocks, hidden tags) and the built-in rules remove."""
    first = words.split(" ")[0]
    if not first:
        return False
    at = raw.find(first)
    while at != -1:
        if WIDGET.search(raw[max(0, at - 1500):at].lower()):
            return True
        at = raw.find(first, at + 1)
    return False


def after_noscript(raw: str, words: str) -> bool:
    """Whether the words stand in (or just after) a `<noscript>`: we read the page as a browser
    without scripts does, where its content is markup; a browser running scripts hides it."""
    first = words.split(" ")[0]
    at = raw.find(first) if first else -1
    while at != -1:
        if "<noscript" in raw[max(0, at - 600):at].lower():
            return True
        at = raw.find(first, at + 1)
    return False


def refine(diffs, raw: str):
    """Names the browser-only runs by what the source says they are: the title a heading repeats."""
    titles = re.findall(r"(?im)^title:\s*(.*)$", raw) + re.findall(r"(?is)<title[^>]*>(.*?)</title>", raw)
    titles += re.findall(r"(?is)<h1[^>]*>(.*?)</h1>", raw)[:1]
    flat_titles = re.sub(r"\s|<[^>]*>", "", html.unescape(" ".join(titles)))
    refined = []
    for k, o, t in diffs:
        flat = t.replace(" ", "")
        if k == "browser-only" and flat and flat in flat_titles:
            k = "title-heading"
        if k == "ours-only" and hidden_in(raw, o):
            k = "hidden"
        if k in ("ours-only", "unexplained") and "email protected" in t.replace("[ ", "").replace(" ]", ""):
            k = "protected-email"
        if k == "ours-only" and after_noscript(raw, o):
            k = "noscript"
        if k == "ours-only" and in_embed(raw, o):
            k = "embed-fallback"
        if k in ("ours-only", "unexplained", "word-boundary") and (
                styled_widget(raw, o) or styled_widget(raw, t) or styled_widget(raw, o[:5])):
            k = "styled-widget"
        refined.append((k, o, t))
    return refined


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sources", nargs="+")
    ap.add_argument("--convert", default=str(ROOT / "target/release/examples/convert"))
    ap.add_argument("--chromium")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--offset", type=int, default=0, help="skip this many inputs first")
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()
    chromium = find_chromium(args.chromium)
    if not chromium:
        print("SKIPPED browser_diff: no Chromium found (apt-get install chromium)")
        return 0
    files = inputs(args.sources)[args.offset:]
    if args.limit:
        files = files[: args.limit]
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    failed = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)

        def one(path: Path):
            raw = path.read_bytes().decode("utf-8", "replace")
            return path, raw, browser_text(chromium, path, tmp), our_text(args.convert, path)

        with ThreadPoolExecutor(args.jobs) as pool:
            for path, raw, theirs, ours in pool.map(one, files):
                if theirs is None or ours is None:
                    failed.append(str(path))
                    continue
                whole = bool(re.search(r"(?i)<html[\s>]", raw))
                rts = {re.sub(r"\s", "", html.unescape(t)) for t in re.findall(r"(?is)<rt[^>]*>(.*?)</rt>", raw)}
                for k, o, t in refine(classify(ours, theirs, whole, rts), raw):
                    counts[k] += 1
                    if len(examples[k]) < args.examples:
                        examples[k].append(f"{path.name}: ours [{o}] browser [{t}]")
    print(f"browser_diff: {len(files)} inputs, {len(failed)} not rendered")
    for k, n in counts.most_common():
        print(f"  {k:20} {n}")
        for e in examples[k]:
            print(f"      {e}")
    if args.strict and counts.get("unexplained"):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
