"""Convert a folder of posts with Spark and the tidings Python package: no pipe, no binary.

    python python/examples/spark_convert.py [--to FORMAT] [--jobs N] [--overwrite] POSTS_DIR OUT_DIR

Every file under POSTS_DIR, subfolders included, is read as bytes (as the command reads a file:
UTF-8 posts, pages in the encoding they declare). Each partition is one tidings.convert_many
call, which converts its files on --jobs threads (default 1: Spark already runs a task per core)
with the GIL released. The result is one JSON line per file, saved as text under OUT_DIR (which
must not exist; --overwrite replaces it):

    {"id": <path relative to POSTS_DIR>, "ok": true, "<format>": <output>}
    {"id": <path relative to POSTS_DIR>, "ok": false, "error": <message>, "kind": <error kind>}

the lines of `tidings --jsonl` without its "meta". Outputs are byte-identical to
`tidings --to FORMAT -o DIR POSTS_DIR` for the same files.

Locally (Java 17 or newer; `pip install pyspark` and `pip install ./python` in one environment):
    python python/examples/spark_convert.py --to markdown POSTS_DIR OUT_DIR
On a cluster, pip-install the tidings wheel (`maturin build --release -m python/Cargo.toml`) into
the executors' Python; --py-files cannot ship it, since it holds a native module:
    spark-submit --master yarn python/examples/spark_convert.py hdfs:///posts hdfs:///posts-md
Where the wheel cannot be installed, examples/spark_pipe.py pipes each partition through the
command instead.
"""

import json
import os
import re
import shutil
import sys

FORMATS = ("markdown", "text", "json", "html")
USAGE = "usage: spark_convert.py [--to FORMAT] [--jobs N] [--overwrite] POSTS_DIR OUT_DIR"


def parse_args(argv):
    """{"to", "jobs", "overwrite", "posts", "out"} from the arguments after the script name."""
    args = {"to": "markdown", "jobs": 1, "overwrite": False}
    rest = []
    it = iter(argv)
    for a in it:
        if a in ("--to", "--jobs"):
            value = next(it, None)
            if value is None:
                raise SystemExit("%s needs a value\n%s" % (a, USAGE))
            args[a[2:]] = value
        elif a == "--overwrite":
            args["overwrite"] = True
        elif a.startswith("--"):
            raise SystemExit("unknown option %s\n%s" % (a, USAGE))
        else:
            rest.append(a)
    if len(rest) != 2 or args["to"] not in FORMATS:
        raise SystemExit(USAGE)
    args["jobs"] = int(args["jobs"])
    args["posts"], args["out"] = rest
    return args


def uri_path(uri):
    """The path part of a URI as Spark and Hadoop write it.

    Hadoop writes a file's path unescaped ("file:/posts/a#b.md", "file:/posts/50%.md"), so it is
    not parsed as a URI, where "#" would start a fragment and "%" an escape."""
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", uri)  # two letters at least: C:\ is a path
    rest = uri[scheme.end():] if scheme else uri
    if rest.startswith("//"):  # an authority (hdfs://namenode:8020/...), or file:///
        slash = rest.find("/", 2)
        rest = rest[slash:] if slash >= 0 else "/"
    return rest


def root_path(posts):
    """The path part that Spark's names of the files under `posts` start with, ending in "/"."""
    path = uri_path(posts)
    if path == posts or posts.startswith("file:"):
        path = os.path.abspath(path)  # a local folder: Spark names its files by absolute path
    return path.rstrip("/") + "/"


def relative_id(uri, root):
    """The id of the file Spark names `uri`: its path relative to the folder `root`."""
    path = uri_path(uri)
    if path.startswith(root):
        return path[len(root):]
    # Spark may name a file differently from the folder given (a symlinked or relative root);
    # the path part still ends the same way.
    marker = "/" + root.strip("/") + "/"
    i = path.find(marker)
    return path[i + len(marker):] if i >= 0 else path.lstrip("/")


def convert_partition(files, to, jobs, root, options=None):
    """One partition's (uri, bytes) pairs as result lines: one convert_many call for all of them."""
    import tidings

    files = list(files)
    outputs = tidings.convert_many([data for _, data in files], to=to, jobs=jobs, **(options or {}))
    for (uri, _), out in zip(files, outputs):
        rid = relative_id(uri, root)
        if isinstance(out, tidings.TidingsError):
            line = {"id": rid, "ok": False, "error": str(out), "kind": out.kind}
        else:
            line = {"id": rid, "ok": True, to: out}
        yield json.dumps(line, ensure_ascii=False)


def convert_folder(sc, posts, to="markdown", jobs=1, options=None):
    """The RDD of result lines for every file under `posts`."""
    # binaryFiles lists only the folder's own files unless told to descend.
    sc._jsc.hadoopConfiguration().set(
        "mapreduce.input.fileinputformat.input.dir.recursive", "true")
    root = root_path(posts)
    return sc.binaryFiles(posts).mapPartitions(
        lambda files: convert_partition(files, to, jobs, root, options))


def main(argv):
    args = parse_args(argv)
    out = args["out"]
    if uri_path(out) == out and os.path.exists(out):
        if not args["overwrite"]:
            raise SystemExit("output folder exists: %s (pass --overwrite to replace it)" % out)
        shutil.rmtree(out)
    # Local mode runs its Python workers with this interpreter, where tidings is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    from pyspark import SparkContext

    sc = SparkContext.getOrCreate()
    sc.setLogLevel("WARN")
    results = convert_folder(sc, args["posts"], args["to"], args["jobs"]).cache()
    results.saveAsTextFile(out)
    failed = results.map(json.loads).filter(lambda r: not r["ok"]).collect()
    print("posts: %d, converted: %d, failed: %d, output: %s"
          % (results.count(), results.count() - len(failed), len(failed), out))
    for r in failed[:20]:
        print("  %s: %s (%s)" % (r["id"], r["error"], r["kind"]))
    sc.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
