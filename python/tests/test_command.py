"""The package writes what the command writes, byte for byte, on every bundled fixture."""

import subprocess

import pytest
import tidings

from conftest import FIXTURES, REPO, fixture_inputs, read_failures, run_command

# Extra rules, as the command reads them from a file ("{rules}" in the flags below).
RULES_YAML = """rules:
  - name: fixture-boxes
    tokens: [box, newsbox, sidebar]
    phrases: [Advertisement]
"""

# The command's flags and the same choices as keywords.
OPTION_SETS = {
    "defaults": ([], {}),
    "own-rules": (["--no-builtin-rules", "--rules", "{rules}"],
                  {"builtin_rules": False, "rules": RULES_YAML}),
    "options": (
        [
            "--no-front-matter",
            "--hard-break",
            "backslash",
            "--no-title",
            "--no-list-markers",
            "--width",
            "30",
            "--text-links",
            "footnotes",
            "--text-image-alt",
            "--text-uppercase-headings",
            "--max-depth",
            "8",
            "--rules",
            "{rules}",
        ],
        {
            "front_matter": False,
            "hard_break": "backslash",
            "title": False,
            "list_markers": False,
            "width": 30,
            "links": "footnotes",
            "image_alt": True,
            "uppercase_headings": True,
            "max_depth": 8,
            "rules": [RULES_YAML],
        },
    ),
}


@pytest.fixture(scope="module")
def command_outputs(tidings_bin, tmp_path_factory):
    """{(options, format): (out_dir, failures)} from one folder run of the command each."""
    runs = {}
    rules = tmp_path_factory.mktemp("rules") / "rules.yaml"
    rules.write_text(RULES_YAML, encoding="utf-8")
    for set_name, (flags, _) in OPTION_SETS.items():
        flags = [str(rules) if f == "{rules}" else f for f in flags]
        for fmt in tidings.FORMATS:
            out = tmp_path_factory.mktemp("%s-%s" % (set_name, fmt))
            errors = out / "errors.jsonl"
            run_command(
                tidings_bin,
                ["-t", fmt, "-q", "--glob", "*/input.*", "--errors", errors, *flags,
                 "-o", out / "out", FIXTURES],
            )
            runs[(set_name, fmt)] = (out / "out", read_failures(errors))
    return runs


READING = {"max_depth", "rules", "builtin_rules"}


def expected_path(out_dir, source, fmt):
    ext = {"markdown": "md", "text": "txt", "json": "json", "html": "html"}[fmt]
    return out_dir / source.parent.name / ("input." + ext)


@pytest.mark.parametrize("set_name", sorted(OPTION_SETS))
@pytest.mark.parametrize("fmt", tidings.FORMATS)
def test_convert_is_byte_identical_to_the_command_on_every_fixture(command_outputs, set_name, fmt):
    out_dir, failures = command_outputs[(set_name, fmt)]
    keywords = OPTION_SETS[set_name][1]
    inputs = fixture_inputs()
    assert len(inputs) >= 40, "the fixtures were not found under %s" % FIXTURES
    compared = 0
    for source in inputs:
        data = source.read_bytes()
        failure = failures.get(str(source))
        if failure is not None:
            with pytest.raises(tidings.TidingsError) as raised:
                tidings.convert(data, to=fmt, **keywords)
            assert (raised.value.kind, str(raised.value)) == failure
            continue
        expected = expected_path(out_dir, source, fmt).read_bytes()
        assert tidings.convert(data, to=fmt, **keywords).encode() == expected, source
        post = tidings.Post.parse_bytes(data, **{k: v for k, v in keywords.items() if k in READING})
        writing = {k: v for k, v in keywords.items() if k not in READING}
        assert post.render(fmt, **writing).encode() == expected
        compared += 1
    assert compared == len(inputs) - len(failures) > 0


@pytest.mark.parametrize("fmt", tidings.FORMATS)
def test_the_writers_methods_match_the_command(command_outputs, fmt):
    out_dir, failures = command_outputs[("options", fmt)]
    keywords = OPTION_SETS["options"][1]
    writers = {
        "markdown": ("to_markdown", ["front_matter", "hard_break"]),
        "text": ("to_text", ["title", "list_markers", "width", "links", "image_alt", "uppercase_headings"]),
        "json": ("to_json", ["front_matter", "hard_break", "title", "list_markers", "width", "links",
                             "image_alt", "uppercase_headings"]),
        "html": ("to_html", []),
    }
    method, names = writers[fmt]
    for source in fixture_inputs():
        if str(source) in failures:
            continue
        data = source.read_bytes()
        post = tidings.Post.parse_bytes(data, max_depth=8, rules=RULES_YAML)
        written = getattr(post, method)(**{n: keywords[n] for n in names})
        assert written.encode() == expected_path(out_dir, source, fmt).read_bytes(), source
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if "encoding" in post.metadata:
            continue  # a page read in the encoding it declares, not as UTF-8 text
        from_text = tidings.Post.parse(text, max_depth=8, rules=RULES_YAML)
        assert getattr(from_text, method)(**{n: keywords[n] for n in names}) == written, source


def test_the_seed_post_to_markdown_is_what_the_command_prints(tidings_bin):
    seed = REPO / "fixtures" / "seed" / "input.md"
    printed = subprocess.run(
        [str(tidings_bin), "--to", "markdown", str(seed)], capture_output=True, check=True
    ).stdout
    text = tidings.Post.parse(seed.read_text(encoding="utf-8")).to_markdown()
    # One input to stdout ends with a newline, added when the output has none.
    assert (text if text.endswith("\n") else text + "\n").encode() == printed
    assert tidings.convert(seed.read_text(encoding="utf-8")) == text


def test_metadata_and_report_are_the_json_outputs_objects():
    import json

    for source in fixture_inputs():
        try:
            post = tidings.Post.parse_bytes(source.read_bytes())
        except tidings.TidingsError:
            continue
        doc = json.loads(post.to_json())
        assert post.metadata == doc["metadata"], source
        assert post.report == doc["report"], source
        assert post.blocks == doc["blocks"], source
    seed = tidings.Post.parse_bytes((REPO / "fixtures" / "seed" / "input.md").read_bytes())
    assert seed.metadata["title"]
    assert sum(seed.report["removed"].values()) > 0
    assert seed.to_markdown().startswith("---\n" + seed.front_matter)


def test_the_rules_keywords_take_effect():
    removed = {}
    for source in fixture_inputs():
        try:
            post = tidings.Post.parse_bytes(source.read_bytes(), builtin_rules=False, rules=RULES_YAML)
        except tidings.TidingsError:
            continue
        for rule, n in post.report["removed"].items():
            removed[rule] = removed.get(rule, 0) + n
    assert removed.get("fixture-boxes", 0) > 0
    assert "ad-slot" not in removed and "share" not in removed  # the built-in rules are off
