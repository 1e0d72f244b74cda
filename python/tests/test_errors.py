"""Bad input raises tidings.TidingsError with the command's kind and the crate's message."""

import pytest
import tidings

from conftest import read_failures, run_command

UNTERMINATED = "---\ntitle: 未结束\n<p>前言没有结束。</p>\n"

# (input, keywords, the command's flags) for each error kind of the crate that input can cause.
CASES = {
    "unterminated-front-matter": (UNTERMINATED.encode(), {}, []),
    "invalid-utf8": (b"<p>ok</p>\xff\xfe<p>bad</p>", {}, []),
    "unknown-encoding": (b"<p>x</p>", {"encoding": "no-such-encoding"}, ["--encoding", "no-such-encoding"]),
    "front-matter-yaml": (b"---\ntitle: [unclosed\n---\n<p>x</p>", {"strict_front_matter": True},
                          ["--strict-front-matter"]),
    "front-matter-not-mapping": (b"---\n- a\n- b\n---\n<p>x</p>", {}, []),
    "input-too-large": (b"<p>" + b"x" * 100 + b"</p>", {"max_input_bytes": 50}, ["--max-input-bytes", "50"]),
    "too-many-nodes": (b"<p>a</p>" * 20, {"max_nodes": 10}, ["--max-nodes", "10"]),
}


def test_unterminated_front_matter_raises_tidings_error():
    with pytest.raises(tidings.TidingsError) as raised:
        tidings.Post.parse(UNTERMINATED)
    assert raised.value.kind == "unterminated-front-matter"
    assert "never closed" in str(raised.value)
    with pytest.raises(tidings.TidingsError):
        tidings.convert(UNTERMINATED, to="text")
    assert isinstance(raised.value, Exception)
    assert tidings.TidingsError.__module__ == "tidings"


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_error_kind_and_message_is_the_commands(kind, tidings_bin, tmp_path):
    data, keywords, flags = CASES[kind]
    source = tmp_path / "post.md"
    source.write_bytes(data)
    errors = tmp_path / "errors.jsonl"
    done = run_command(tidings_bin, ["-q", "--errors", errors, *flags, "-o", tmp_path / "out", source])
    assert done.returncode == 1
    ((command_kind, command_message),) = read_failures(errors).values()
    assert command_kind == kind
    for call in (
        lambda: tidings.Post.parse_bytes(data, **keywords),
        lambda: tidings.convert(data, **keywords),
    ):
        with pytest.raises(tidings.TidingsError) as raised:
            call()
        assert (raised.value.kind, str(raised.value)) == (kind, command_message)
    (item,) = tidings.convert_many([data], **keywords)
    assert isinstance(item, tidings.TidingsError)
    assert (item.kind, str(item)) == (kind, command_message)


def test_bad_rules_are_a_tidings_error_of_kind_rules():
    with pytest.raises(tidings.TidingsError) as raised:
        tidings.Post.parse("<p>x</p>", rules="rules: [unclosed")
    assert raised.value.kind == "rules"
    assert str(raised.value).startswith("rules are not valid")


def test_one_bad_input_costs_no_other_its_output():
    results = tidings.convert_many(["<p>一</p>", UNTERMINATED, "<p>三</p>"], to="text")
    assert results[0] == "一\n" and results[2] == "三\n"
    assert isinstance(results[1], tidings.TidingsError)
    assert results[1].kind == "unterminated-front-matter"


def test_mistakes_in_the_call_are_pythons_own_errors():
    with pytest.raises(TypeError, match="unexpected keyword argument 'sanitize'"):
        tidings.Post.parse("<p>x</p>", sanitize=False)
    with pytest.raises(TypeError, match="to_text"):
        tidings.Post.parse("<p>x</p>").to_text(front_matter=False)
    with pytest.raises(ValueError, match="hard_break"):
        tidings.convert("<p>x</p>", hard_break="tab")
    with pytest.raises(ValueError, match="base_url"):
        tidings.convert("<p>x</p>", base_url="not a url")
    with pytest.raises(TypeError, match="data"):
        tidings.Post.parse_bytes("a str")
    with pytest.raises(TypeError):
        tidings.convert(42)
