"""convert_many is convert item by item: same outputs, same errors, input order, any job count."""

import threading
import time

import pytest
import tidings

from conftest import SHARED_POSTS, fixture_inputs, generated_posts


def one_by_one(inputs, **keywords):
    """What convert gives each input: its output, or its TidingsError."""
    out = []
    for data in inputs:
        try:
            out.append(tidings.convert(data, **keywords))
        except tidings.TidingsError as e:
            out.append(e)
    return out


def assert_same(batch, single):
    assert len(batch) == len(single)
    for i, (a, b) in enumerate(zip(batch, single)):
        if isinstance(b, tidings.TidingsError):
            assert isinstance(a, tidings.TidingsError), i
            assert (a.kind, str(a)) == (b.kind, str(b)), i
        else:
            assert a == b, i


def batch():
    """Fixtures and generated posts, as bytes and as text, over 200 inputs."""
    inputs = [p.read_bytes() for p in fixture_inputs()] + generated_posts(220)
    as_text = [d.decode("utf-8") for d in inputs[::3] if is_utf8(d)]
    return inputs + as_text


def is_utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


@pytest.mark.parametrize("fmt", tidings.FORMATS)
def test_convert_many_equals_convert_item_by_item(fmt):
    inputs = batch()
    assert len(inputs) > 200
    results = tidings.convert_many(inputs, to=fmt, jobs=2)
    assert_same(results, one_by_one(inputs, to=fmt))
    failed = [r for r in results if isinstance(r, tidings.TidingsError)]
    kinds = {e.kind for e in failed}
    assert kinds == {"unterminated-front-matter", "invalid-utf8"}
    assert 0 < len(failed) < len(inputs) // 4


def test_convert_many_keeps_input_order_whatever_the_jobs():
    inputs = generated_posts(240)
    results = {jobs: tidings.convert_many(inputs, to="text", jobs=jobs) for jobs in (1, 3, 8)}
    assert_same(results[3], results[1])
    assert_same(results[8], results[1])
    for i, out in enumerate(results[3]):
        if not isinstance(out, tidings.TidingsError):
            # each generated post names its own index
            assert ("第%d篇" % i) in out or ("Paragraph %d " % i) in out, i
    assert tidings.convert_many([], to="text") == []


def test_convert_many_takes_the_options_of_convert():
    inputs = generated_posts(40)
    keywords = dict(to="text", title=False, width=24, links="inline", max_depth=6,
                    rules="rules:\n  - name: english\n    phrases: [Paragraph]\n")
    results = tidings.convert_many(inputs, jobs=2, **keywords)
    assert_same(results, one_by_one(inputs, **keywords))
    assert all("Paragraph" not in r for r in results if isinstance(r, str))
    assert_same(tidings.convert_many(iter(inputs), to="text"), tidings.convert_many(inputs, to="text"))


def test_convert_many_releases_the_gil():
    inputs = generated_posts(400) * 20
    ticks = 0
    done = threading.Event()

    def work():
        tidings.convert_many(inputs, to="json", jobs=1)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    started = time.monotonic()
    while not done.is_set() and time.monotonic() - started < 120:
        ticks += 1
        time.sleep(0.001)
    worker.join()
    # Held through the batch, the GIL would let this loop run only before and after it.
    assert ticks > 20


def test_bad_arguments_are_python_errors_not_results():
    with pytest.raises(TypeError):
        tidings.convert_many(["<p>a</p>", 3])
    with pytest.raises(TypeError):
        tidings.convert_many("<p>one str is not a batch</p>")
    with pytest.raises(ValueError):
        tidings.convert_many(["<p>a</p>"], jobs=0)
    with pytest.raises(ValueError):
        tidings.convert_many(["<p>a</p>"], to="pdf")
    with pytest.raises(TypeError):
        tidings.convert_many(["<p>a</p>"], widht=3)


def test_convert_many_over_the_shared_corpus():
    posts = sorted(SHARED_POSTS.glob("**/*")) if SHARED_POSTS.is_dir() else []
    posts = [p for p in posts if p.is_file()]
    if not posts:
        pytest.skip("skipped: %s is absent, so the corpus batch was not run" % SHARED_POSTS)
    inputs = [p.read_bytes() for p in posts]
    for fmt in ("markdown", "json"):
        assert_same(tidings.convert_many(inputs, to=fmt, jobs=2), one_by_one(inputs, to=fmt))
