"""The PySpark example in local mode gives the command's outputs, where pyspark and Java are here.

CI installs neither: there these tests skip and say why. The parts that need no Spark (ids, one
partition's lines) run everywhere.
"""

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import tidings

from conftest import SHARED_POSTS, fixture_inputs, generated_posts, read_failures, run_command

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "spark_convert.py"
sys.path.insert(0, str(EXAMPLE.parent))
import spark_convert  # noqa: E402


def test_ids_are_paths_relative_to_the_folder():
    root = spark_convert.root_path("/data/posts/")
    assert root == "/data/posts/"
    assert spark_convert.root_path("file:///data/posts") == root
    assert spark_convert.root_path("hdfs://nn:8020/data/posts") == root
    assert spark_convert.relative_id("file:/data/posts/2014/a.md", root) == "2014/a.md"
    assert spark_convert.relative_id("file:///data/posts/b c.md", root) == "b c.md"
    # Hadoop names files unescaped: "#" and "%" are part of the name
    assert spark_convert.relative_id("file:/data/posts/a#shorts.md", root) == "a#shorts.md"
    assert spark_convert.relative_id("file:/data/posts/50%25.md", root) == "50%25.md"
    assert spark_convert.relative_id("hdfs://nn:8020/data/posts/x.md", root) == "x.md"
    assert spark_convert.root_path("posts") == os.path.abspath("posts") + "/"


def test_one_partition_is_one_batch_of_result_lines():
    files = [("file:/p/%d.md" % i, data) for i, data in enumerate(generated_posts(40))]
    lines = [json.loads(l) for l in spark_convert.convert_partition(iter(files), "text", 2, "/p/")]
    assert [l["id"] for l in lines] == ["%d.md" % i for i in range(40)]
    for (_, data), line in zip(files, lines):
        try:
            assert line == {"id": line["id"], "ok": True, "text": tidings.convert(data, to="text")}
        except tidings.TidingsError as e:
            assert line == {"id": line["id"], "ok": False, "error": str(e), "kind": e.kind}


def spark_missing():
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java (java on PATH or JAVA_HOME)"
    return None


@pytest.fixture(scope="module")
def spark():
    missing = spark_missing()
    if missing:
        pytest.skip("skipped: the PySpark example's local-mode run (%s)" % missing)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    sc = SparkContext.getOrCreate(SparkConf().setMaster("local[2]").setAppName("tidings-test"))
    sc.setLogLevel("ERROR")
    # imported here, so the workers need the module itself (run as a script, it is pickled whole)
    sc.addPyFile(str(EXAMPLE))
    yield sc
    sc.stop()


def posts_folder(tmp_path):
    """Fixtures' inputs and generated posts, some in a subfolder."""
    folder = tmp_path / "posts"
    (folder / "generated").mkdir(parents=True)
    for source in fixture_inputs():
        shutil.copy(source, folder / (source.parent.name + source.suffix))
    for i, data in enumerate(generated_posts(60)):
        (folder / "generated" / ("%03d.md" % i)).write_bytes(data)
    return folder


def assert_like_the_command(sc, tidings_bin, folder, out, fmt):
    errors = out / "errors.jsonl"
    run_command(tidings_bin, ["-q", "-t", fmt, "--errors", errors, "-o", out / "cmd", folder])
    failures = {os.path.relpath(p, folder): f for p, f in read_failures(errors).items()}
    spark_convert.convert_folder(sc, str(folder), fmt, 2).saveAsTextFile(str(out / "spark"))
    # split on "\n" only: str.splitlines also splits at U+2028, which JSON strings may hold raw
    lines = [json.loads(l) for part in sorted((out / "spark").glob("part-*"))
             for l in part.read_text(encoding="utf-8").split("\n") if l]
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert sorted(l["id"] for l in lines) == sorted(str(p.relative_to(folder)) for p in files)
    ext = {"markdown": "md", "text": "txt", "json": "json", "html": "html"}[fmt]
    for line in lines:
        if line["ok"]:
            target = (out / "cmd" / line["id"]).with_suffix("." + ext)
            assert line[fmt].encode() == target.read_bytes(), line["id"]
        else:
            assert failures[line["id"]] == (line["kind"], line["error"]), line["id"]
    assert len([l for l in lines if not l["ok"]]) == len(failures)
    return len(lines)


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_spark_example_matches_the_command(spark, tidings_bin, tmp_path, fmt):
    folder = posts_folder(tmp_path)
    assert assert_like_the_command(spark, tidings_bin, folder, tmp_path, fmt) > 100


def test_spark_example_over_the_shared_corpus(spark, tidings_bin, tmp_path):
    if not SHARED_POSTS.is_dir():
        pytest.skip("skipped: %s is absent, so the corpus Spark run was not made" % SHARED_POSTS)
    assert assert_like_the_command(spark, tidings_bin, SHARED_POSTS, tmp_path, "markdown") > 0
