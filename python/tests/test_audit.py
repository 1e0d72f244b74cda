"""The audit trail and the explain page from Python, as the command gives them."""

import json
import subprocess

import tidings

from conftest import FIXTURES

SEED = FIXTURES / "seed" / "input.md"


def test_the_trail_names_what_each_rule_took():
    post = tidings.Post.parse(SEED.read_text(encoding="utf-8"), audit=True)
    names = [r["name"] for r in post.removals]
    assert names.count("ad-slot") == 3
    banners = [r for r in post.removals if r["name"] == "promo"]
    assert len(banners) == 2
    assert all(r["images"] and r["links"] for r in banners)
    assert post.report["removals"] == post.removals
    counted = {name: names.count(name) for name in set(names)}
    assert counted == post.report["removed"]


def test_without_audit_nothing_is_recorded():
    post = tidings.Post.parse(SEED.read_text(encoding="utf-8"))
    assert post.removals == []
    assert "removals" not in post.report


def test_json_with_audit_is_the_commands(tidings_bin):
    text = SEED.read_text(encoding="utf-8")
    ours = tidings.convert(text, to="json", audit=True)
    theirs = subprocess.run(
        [str(tidings_bin), "--audit", "-t", "json", "-q", "-"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert json.loads(ours) == json.loads(theirs)


def test_the_explain_page_shows_removals_and_runs_nothing():
    page = tidings.Post.parse(SEED.read_text(encoding="utf-8"), audit=True).to_explain()
    assert "ad-slot" in page and "promo" in page
    lowered = page.lower()
    assert "<script" not in lowered and " onload=" not in lowered
