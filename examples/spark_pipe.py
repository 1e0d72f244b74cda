"""Convert a folder of posts with Spark, piping JSONL records through the tidings converter.

Each post becomes one line {"id": <path relative to POSTS_DIR>, "content": <post text>}; each
partition goes through RDD.pipe("convert --jsonl --to markdown --quiet"), which answers
one line per record, in order: {"id", "ok": true, "markdown", "meta"} or
{"id", "ok": false, "error", "kind"}. The result lines are saved as text (JSONL) under OUT_DIR.

Locally (Java 17, `pip install pyspark`):
    cargo build --release --example convert
    python examples/spark_pipe.py POSTS_DIR OUT_DIR [target/release/examples/convert]
(`cargo build --release --features cli --bin tidings` builds the same converter as
target/release/tidings, without the test tools; pass that path instead.)

On a cluster, build the binary for the executors' platform and ship it with the job; the last
argument is the command as executors see it. On YARN, --files lands in each container's working
directory:
    spark-submit --master yarn --files target/release/examples/convert \
        examples/spark_pipe.py hdfs:///posts hdfs:///posts-md ./convert
Or pass --ship with the driver-side path: the script ships the binary itself with
SparkContext.addFile, and executors run the copy Spark fetched into their working directory:
    spark-submit --master spark://host:7077 examples/spark_pipe.py --ship \
        hdfs:///posts hdfs:///posts-md target/release/examples/convert
"""

import json
import os
import shlex
import sys

from pyspark import SparkContext, SparkFiles


def main():
    args = [a for a in sys.argv[1:] if a != "--ship"]
    ship = "--ship" in sys.argv
    if len(args) < 2:
        sys.exit(__doc__)
    posts, out = args[0], args[1]
    binary = args[2] if len(args) > 2 else "target/release/examples/convert"

    sc = SparkContext.getOrCreate()
    sc.setLogLevel("WARN")
    if ship:
        sc.addFile(os.path.abspath(binary))
        # Executors fetch added files into their working directory; local mode keeps them in the
        # driver's SparkFiles root instead.
        name = os.path.basename(binary)
        exe = SparkFiles.get(name) if sc.master.startswith("local") else "./" + name
        if os.path.exists(exe):
            os.chmod(exe, 0o755)  # addFile does not keep the execute bit everywhere
        command = [exe]
    else:
        command = [os.path.abspath(binary) if os.path.exists(binary) else binary]
    command += ["--jsonl", "--to", "markdown", "--quiet"]

    root = posts.rstrip("/") + "/"

    def record(path_text):
        path, text = path_text
        rel = path.split(root, 1)[-1]
        return json.dumps({"id": rel, "content": text}, ensure_ascii=False)

    records = sc.wholeTextFiles(posts).map(record)
    # checkCode stays off: exit code 1 only means some records failed, and their lines say so.
    # PySpark's pipe takes one shell-quoted string, which it splits back with shlex.
    results = records.pipe(shlex.join(command)).cache()
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
    main()
