"""Tests of examples/spark_pipe.py that need no Spark: ids, records, the converter and output
checks, and the records piped through the built converter as RDD.pipe would pipe them.

    python3 -m unittest discover -s examples -p 'test_*.py'
"""

import glob
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spark_pipe  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONVERTER = os.path.join(REPO, "target", "release", "tidings")


def listing(root):
    """(file URI, bytes) for every file under `root`, as sc.binaryFiles gives them."""
    out = []
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                out.append(("file:" + os.path.abspath(path), f.read()))
    return sorted(out)


class Ids(unittest.TestCase):
    def test_relative_folder_gives_ids_relative_to_it(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "posts", "2020"))
            here = os.getcwd()
            os.chdir(d)
            try:
                root = spark_pipe.root_of("posts/")
                uri = "file:" + os.path.join(d, "posts", "2020", "a.md")
                self.assertEqual(spark_pipe.record_id(uri, root), "2020/a.md")
                self.assertEqual(spark_pipe.root_of("./posts"), root)
            finally:
                os.chdir(here)

    def test_uri_spellings_and_remote_folders(self):
        root = spark_pipe.root_of("hdfs://nn:8020/data/posts")
        self.assertEqual(root, "/data/posts/")
        self.assertEqual(spark_pipe.record_id("hdfs://nn:8020/data/posts/x/b.html", root),
                         "x/b.html")
        local = spark_pipe.root_of("file:///srv/posts/")
        self.assertEqual(local, "/srv/posts/")
        self.assertEqual(spark_pipe.record_id("file:/srv/posts/e.md", local), "e.md")
        self.assertEqual(spark_pipe.record_id("file:///srv/posts/e.md", local), "e.md")
        self.assertEqual(spark_pipe.record_id("file:/srv//posts/e.md", "/srv/posts/"),
                         "e.md")

    def test_names_as_spark_writes_them_are_kept_whole(self):
        # Hadoop's Path.toString gives a file's name as it is: `#` and `?` are no fragment or
        # query, `%20` is three characters of the name, not a space.
        root = spark_pipe.root_of("/srv/posts")
        names = ["X#shorts.md", "what?.md", "100%.md", "a%20b.md", "a b.md", "新闻 #1?.md",
                 "2020/c#d/e f.md", "x%23y.md", "q?a=1#b.md"]
        for name in names:
            uri = "file:/srv/posts/" + name
            self.assertEqual(spark_pipe.record_id(uri, root), name, uri)
        ids = {spark_pipe.record_id("file:/srv/posts/" + n, root) for n in names}
        self.assertEqual(len(ids), len(names), "no two names collapse onto one id")

    def test_a_folder_with_such_characters_in_its_own_name(self):
        root = spark_pipe.root_of("file:/srv/my posts#2/")
        self.assertEqual(root, "/srv/my posts#2/")
        self.assertEqual(spark_pipe.record_id("file:/srv/my posts#2/a?.md", root), "a?.md")


class Records(unittest.TestCase):
    def test_utf8_posts_become_converter_input(self):
        convert, line = spark_pipe.to_record("file:/p/a.md", "<p>中文</p>".encode(), "/p/")
        self.assertTrue(convert)
        self.assertEqual(json.loads(line), {"id": "a.md", "content": "<p>中文</p>"})

    def test_other_bytes_become_the_converters_invalid_utf8_line(self):
        convert, line = spark_pipe.to_record("file:/p/b.md", b"caf\xe9", "/p/")
        self.assertFalse(convert)
        self.assertEqual(json.loads(line), {
            "id": "b.md", "ok": False, "error": "input is not valid UTF-8 at byte 3",
            "kind": "invalid-utf8"})


class Checks(unittest.TestCase):
    def test_a_missing_converter_is_one_usage_error(self):
        with self.assertRaises(spark_pipe.UsageError) as e:
            spark_pipe.find_converter("/nonexistent/tidings")
        self.assertIn("converter not found: /nonexistent/tidings", str(e.exception))
        self.assertNotIn("\n", str(e.exception))
        self.assertTrue(os.path.isabs(spark_pipe.find_converter("sh")))

    def test_an_existing_output_is_refused_unless_overwrite(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "out")
            spark_pipe.check_local_output(out, overwrite=False)  # absent: fine
            os.makedirs(out)
            with self.assertRaises(spark_pipe.UsageError) as e:
                spark_pipe.check_local_output(out, overwrite=False)
            self.assertIn("--overwrite", str(e.exception))
            spark_pipe.check_local_output(out, overwrite=True)
            self.assertFalse(os.path.exists(out))

    def test_arguments(self):
        flags, posts, out, conv = spark_pipe.parse_args(["--overwrite", "in", "out"])
        self.assertEqual((flags, posts, out, conv),
                         ({"--overwrite"}, "in", "out", spark_pipe.DEFAULT_CONVERTER))
        with self.assertRaises(spark_pipe.UsageError):
            spark_pipe.parse_args(["in"])
        with self.assertRaises(spark_pipe.UsageError):
            spark_pipe.parse_args(["--force", "in", "out"])


@unittest.skipUnless(os.access(CONVERTER, os.X_OK),
                     "skipped: no converter at target/release/tidings (cargo build --release "
                     "--features cli --bin tidings)")
class ThroughTheConverter(unittest.TestCase):
    def test_a_folder_with_subfolders_and_a_bad_file(self):
        with tempfile.TemporaryDirectory() as d:
            posts = os.path.join(d, "posts")
            os.makedirs(os.path.join(posts, "2020", "01"))
            with open(os.path.join(posts, "top.md"), "w", encoding="utf-8") as f:
                f.write("---\ntitle: 顶\n---\n<p>一段</p>\n")
            with open(os.path.join(posts, "2020", "01", "deep.html"), "w", encoding="utf-8") as f:
                f.write("<p>deep</p>")
            with open(os.path.join(posts, "2020", "latin1.md"), "wb") as f:
                f.write(b"<p>caf\xe9</p>")
            root = spark_pipe.root_of(posts)
            records = [spark_pipe.to_record(u, b, root) for u, b in listing(posts)]
            piped = "".join(line + "\n" for convert, line in records if convert)
            run = subprocess.run([CONVERTER] + spark_pipe.CONVERTER_ARGS, input=piped.encode(),
                                 capture_output=True, check=True)
            results = [json.loads(l) for l in run.stdout.decode().splitlines()]
            results += [json.loads(line) for convert, line in records if not convert]
            by_id = {r["id"]: r for r in results}
            self.assertEqual(sorted(by_id), ["2020/01/deep.html", "2020/latin1.md", "top.md"])
            self.assertEqual(by_id["2020/01/deep.html"]["markdown"], "deep\n")
            self.assertEqual(by_id["top.md"]["meta"]["title"], "顶")
            self.assertEqual(by_id["2020/latin1.md"]["kind"], "invalid-utf8")
            # the converter itself says the same of that file
            direct = subprocess.run([CONVERTER, "--to", "json", "--quiet", "--errors",
                                     os.path.join(d, "errors.jsonl"),
                                     os.path.join(posts, "2020", "latin1.md")],
                                    capture_output=True)
            self.assertEqual(direct.returncode, 1)
            with open(os.path.join(d, "errors.jsonl"), encoding="utf-8") as f:
                logged = json.loads(f.readline())
            self.assertEqual((logged["kind"], logged["message"]),
                             ("invalid-utf8", by_id["2020/latin1.md"]["error"]))


# File names as archives hold them: what Spark must not parse as URL syntax, and a name that is
# not UTF-8 text inside.
AWKWARD = {
    "X#shorts.md": "<p>shorts</p>",
    "X.md": "<p>plain X</p>",
    "what?.md": "<p>question</p>",
    "100%.md": "<p>percent</p>",
    "a%20b.md": "<p>escaped-looking</p>",
    "a b.md": "<p>space</p>",
    "sub dir/新闻 #1.md": "---\ntitle: 新闻\n---\n<p>中文</p>",
}


def spark_missing():
    """Why the pyspark test cannot run here, or None."""
    if importlib.util.find_spec("pyspark") is None:
        return "skipped: pyspark is not installed (pip install pyspark)"
    if shutil.which("java") is None:
        return "skipped: no java on PATH (pyspark needs Java 17)"
    if not os.access(CONVERTER, os.X_OK):
        return "skipped: no converter at target/release/tidings"
    return None


@unittest.skipIf(spark_missing(), spark_missing() or "")
class UnderSpark(unittest.TestCase):
    """The example run for real by pyspark in local mode: each id is its file's name, and each
    output is what the command writes for that file."""

    def test_local_mode_over_awkward_names(self):
        with tempfile.TemporaryDirectory() as d:
            posts = os.path.join(d, "posts")
            for name, text in AWKWARD.items():
                path = os.path.join(posts, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
            with open(os.path.join(posts, "latin1.md"), "wb") as f:
                f.write(b"<p>caf\xe9</p>")
            out = os.path.join(d, "out")
            env = dict(os.environ, PYSPARK_PYTHON=sys.executable,
                       PYSPARK_DRIVER_PYTHON=sys.executable)
            run = subprocess.run([sys.executable, os.path.join(REPO, "examples", "spark_pipe.py"),
                                  posts, out, CONVERTER], capture_output=True, env=env,
                                 timeout=600)
            self.assertEqual(run.returncode, 0, run.stderr.decode(errors="replace")[-3000:])
            results = []
            for part in sorted(glob.glob(os.path.join(out, "part-*"))):
                with open(part, encoding="utf-8") as f:
                    results += [json.loads(line) for line in f if line.strip()]
            by_id = {r["id"]: r for r in results}
            self.assertEqual(len(results), len(AWKWARD) + 1)
            self.assertEqual(sorted(by_id), sorted(list(AWKWARD) + ["latin1.md"]))
            self.assertEqual(by_id["latin1.md"]["kind"], "invalid-utf8")
            for name in AWKWARD:
                direct = subprocess.run([CONVERTER, "--to", "markdown",
                                         os.path.join(posts, name)],
                                        capture_output=True, check=True).stdout.decode()
                markdown = by_id[name]["markdown"]
                self.assertEqual(markdown if markdown.endswith("\n") else markdown + "\n",
                                 direct, name)


if __name__ == "__main__":
    unittest.main()
