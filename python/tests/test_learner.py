"""tidings.Learner writes the rules YAML `tidings --learn-out` writes for the same posts."""

import tidings

from conftest import run_command

STOCK = "阿尔法日报第三版"


def posts():
    """Posts of two sources, each ending in its own stock line; one without a source."""
    out = []
    for i in range(12):
        host = "alpha.example" if i % 2 else "beta.example"
        stock = STOCK if i % 2 else "Follow Beta News for more."
        out.append(
            "---\ntitle: 标题%d\nfrom: https://%s/%d\n---\n<p>第%d篇独有的正文，内容各不相同。</p>"
            "<p>Another line of post %d.</p><p>%s</p>" % (i, host, i, i, i, stock)
        )
    out.append("<p>No source here.</p>")
    return out


def test_learner_yaml_is_what_the_command_learns(tidings_bin, tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    texts = posts()
    for i, text in enumerate(texts):
        (folder / ("%03d.md" % i)).write_text(text, encoding="utf-8")
    learned = tmp_path / "learned.yaml"
    run_command(tidings_bin, ["-q", "--learn-out", learned, "-o", tmp_path / "out", folder])

    learner = tidings.Learner()
    for text in texts:
        learner.add(tidings.Post.parse(text))
    assert (learner.posts, learner.skipped) == (13, 1)
    yaml = learner.to_yaml()
    assert yaml == learned.read_text(encoding="utf-8")
    assert STOCK in yaml and "alpha.example" in yaml

    # what was learned, applied as rules
    post = tidings.Post.parse(texts[1], rules=yaml)
    assert STOCK not in post.to_text()
    assert post.report["removed"]["learned-line"] == 1
    assert STOCK in tidings.Post.parse(texts[1]).to_text()


def test_learners_merge_and_take_settings():
    texts = posts()
    whole = tidings.Learner()
    first, second = tidings.Learner(), tidings.Learner()
    for i, text in enumerate(texts):
        post = tidings.Post.parse(text)
        whole.add(post)
        (first if i < 6 else second).add(post)
    first.merge(second)
    assert first.posts == whole.posts == 13
    assert STOCK in first.to_yaml()
    # a source must repeat a line in more posts than it has to teach it
    strict = tidings.Learner(min_posts=50)
    for text in texts:
        strict.add(tidings.Post.parse(text))
    assert STOCK not in strict.to_yaml()
