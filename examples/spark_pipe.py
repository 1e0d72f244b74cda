"""Convert a folder of posts with Spark, piping JSONL records through the tidings converter.

    python examples/spark_pipe.py [--ship] [--overwrite] [--on-executors] POSTS_DIR OUT_DIR [CONVERTER]

Every file under POSTS_DIR, subfolders included, becomes one line {"id": <path relative to
POSTS_DIR, exactly as the file is named, `#`, `?`, `%` and spaces included>, "content": <post
text>}; each partition goes through RDD.pipe("tidings --jsonl --to
markdown --quiet"), which answers one line per record: {"id", "ok": true, "markdown", "meta"} or
{"id", "ok": false, "error", "kind"}. Files are read as bytes; one that is not UTF-8 never reaches
the converter and gets the line the converter gives such a file ("kind": "invalid-utf8"). The
result lines are saved as text (JSONL) under OUT_DIR, which must not exist (--overwrite replaces
it).

Locally (Java 17, `pip install pyspark`):
    cargo build --release --features cli --bin tidings
    python examples/spark_pipe.py POSTS_DIR OUT_DIR [target/release/tidings]
(`cargo build --release --example convert` builds the same converter as
target/release/examples/convert; pass that path instead.)

A converter that cannot be found is reported before Spark starts. On a cluster, build the binary
for the executors' platform and ship it with the job; the last argument is the command as
executors see it, and --on-executors says it exists only there (so it is not looked for on the
driver). On YARN, --files lands in each container's working directory:
    spark-submit --master yarn --files target/release/tidings \
        examples/spark_pipe.py --on-executors hdfs:///posts hdfs:///posts-md ./tidings
Or pass --ship with the driver-side path: the script ships the binary itself with
SparkContext.addFile, and executors run the copy Spark fetched into their working directory:
    spark-submit --master spark://host:7077 examples/spark_pipe.py --ship \
        hdfs:///posts hdfs:///posts-md target/release/tidings

The id and record logic are plain functions, tested without Spark by
examples/test_spark_pipe.py.
"""

import json
import os
import re
import shlex
import shutil
import sys

FLAGS = ("--ship", "--overwrite", "--on-executors")
DEFAULT_CONVERTER = "target/release/tidings"
CONVERTER_ARGS = ["--jsonl", "--to", "markdown", "--quiet"]


class UsageError(Exception):
    """A mistake in how the script was called, reported in one line before Spark starts."""


def parse_args(argv):
    """(flags, posts, out, converter) from the arguments after the script name."""
    unknown = [a for a in argv if a.startswith("--") and a not in FLAGS]
    if unknown:
        raise UsageError("unknown option %s; the options are %s" % (unknown[0], " ".join(FLAGS)))
    flags = {a for a in argv if a in FLAGS}
    rest = [a for a in argv if a not in FLAGS]
    if len(rest) not in (2, 3):
        raise UsageError("usage: spark_pipe.py [%s] POSTS_DIR OUT_DIR [CONVERTER]"
                         % "] [".join(FLAGS))
    converter = rest[2] if len(rest) == 3 else DEFAULT_CONVERTER
    return flags, rest[0], rest[1], converter


SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def scheme_of(path):
    """The URI scheme that starts `path` ("file", "hdfs"), or "" for a plain path.

    A Windows drive letter ("C:") is not a scheme."""
    m = SCHEME.match(path)
    return m.group(1).lower() if m and len(m.group(1)) > 1 else ""


def path_part(uri):
    """The path of a path or URI as Spark (Hadoop's Path) spells it, taken as text.

    Hadoop writes file names as they are, not percent-encoded: `file:/p/X#shorts.md`,
    `file:/p/a b.md`, `file:/p/100%.md`, `file:/p/新闻.md`. So nothing here parses a fragment
    (`#`), a query (`?`) or a %-escape: they are characters of the name."""
    scheme = scheme_of(uri)
    if not scheme:
        return uri
    rest = uri[len(scheme) + 1:]
    if rest.startswith("//"):
        # scheme://authority/path: the authority (host:port, or empty in file:///p) goes
        slash = rest.find("/", 2)
        return rest[slash:] if slash >= 0 else "/"
    return rest


def is_local(path):
    """Whether `path` names the local filesystem (no scheme, or file:)."""
    return scheme_of(path) in ("", "file")


def local_path(path):
    """The absolute local path of a local `path` or file: URI."""
    if scheme_of(path) == "file":
        return path_part(path)
    return os.path.abspath(path)


def root_of(posts):
    """The folder Spark lists, as the path part its file URIs start with, ending in "/".

    A relative local folder is made absolute, since Spark answers with absolute file: URIs."""
    path = local_path(posts) if is_local(posts) else path_part(posts)
    return path.rstrip("/") + "/"


def record_id(uri, root):
    """The id of the file at `uri` (as Spark names it): its path relative to `root`."""
    path = path_part(uri)
    # Spark may write file:/a for file:///a, and a folder may be given with doubled slashes; no
    # file name holds a "/", so runs of them are one.
    path = re.sub("/+", "/", "/" + path)
    root = re.sub("/+", "/", "/" + root)
    if path.startswith(root):
        return path[len(root):]
    marker = "/" + root.strip("/") + "/"
    i = path.find(marker)
    return path[i + len(marker):] if i >= 0 else path.lstrip("/")


def to_record(uri, data, root):
    """(needs_converting, line) for one file read as bytes.

    UTF-8 posts become a converter input line; other bytes become the result line the converter
    gives a file that is not UTF-8, since JSON cannot carry them to it."""
    rid = record_id(uri, root)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        failure = {"id": rid, "ok": False,
                   "error": "input is not valid UTF-8 at byte %d" % e.start,
                   "kind": "invalid-utf8"}
        return False, json.dumps(failure, ensure_ascii=False)
    return True, json.dumps({"id": rid, "content": text}, ensure_ascii=False)


def find_converter(converter):
    """The converter as an absolute path, or a UsageError naming how to build it."""
    found = shutil.which(converter) if os.sep not in converter else None
    if found is None and os.path.isfile(converter) and os.access(converter, os.X_OK):
        found = os.path.abspath(converter)
    if found is None:
        raise UsageError("converter not found: %s (build it with `cargo build --release "
                         "--features cli --bin tidings`, or pass --on-executors if only the "
                         "executors have it)" % converter)
    return found


def check_local_output(out, overwrite):
    """Refuses an existing local output folder, or removes it with --overwrite."""
    path = local_path(out)
    if not os.path.exists(path):
        return
    if not overwrite:
        raise UsageError("output folder exists: %s (choose another, or pass --overwrite to "
                         "replace it)" % out)
    if os.path.isdir(path):
        shutil.rmtree(path)
    else:
        os.remove(path)


def main(argv):
    try:
        flags, posts, out, converter = parse_args(argv)
        if "--on-executors" not in flags:
            converter = find_converter(converter)
        if is_local(out):
            check_local_output(out, "--overwrite" in flags)
    except UsageError as e:
        sys.exit("spark_pipe: %s" % e)

    from pyspark import SparkContext, SparkFiles

    sc = SparkContext.getOrCreate()
    sc.setLogLevel("WARN")
    hadoop = sc._jsc.hadoopConfiguration()
    # binaryFiles lists only the folder's own files unless told to descend.
    hadoop.set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    if not is_local(out):
        target = sc._jvm.org.apache.hadoop.fs.Path(out)
        fs = target.getFileSystem(hadoop)
        if fs.exists(target):
            if "--overwrite" not in flags:
                sc.stop()
                sys.exit("spark_pipe: output folder exists: %s (choose another, or pass "
                         "--overwrite to replace it)" % out)
            fs.delete(target, True)

    if "--ship" in flags:
        sc.addFile(converter)
        # Executors fetch added files into their working directory; local mode keeps them in the
        # driver's SparkFiles root instead.
        name = os.path.basename(converter)
        exe = SparkFiles.get(name) if sc.master.startswith("local") else "./" + name
        if os.path.exists(exe):
            os.chmod(exe, 0o755)  # addFile does not keep the execute bit everywhere
        command = [exe]
    else:
        command = [converter]
    command += CONVERTER_ARGS

    root = root_of(posts)
    records = sc.binaryFiles(posts).map(lambda f: to_record(f[0], f[1], root)).cache()
    to_convert = records.filter(lambda r: r[0]).map(lambda r: r[1])
    not_utf8 = records.filter(lambda r: not r[0]).map(lambda r: r[1])
    # checkCode stays off: exit code 1 only means some records failed, and their lines say so.
    # PySpark's pipe takes one shell-quoted string, which it splits back with shlex.
    results = to_convert.pipe(shlex.join(command)).union(not_utf8).cache()
    results.saveAsTextFile(out)

    parsed = results.map(json.loads)
    ok = parsed.filter(lambda r: r["ok"]).count()
    failed = parsed.filter(lambda r: not r["ok"]).collect()
    print("posts: %d, results: %d, converted: %d, failed: %d, output: %s"
          % (records.count(), results.count(), ok, len(failed), out))
    for r in failed[:20]:
        print("  %s: %s (%s)" % (r["id"], r["error"], r["kind"]))
    sc.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
