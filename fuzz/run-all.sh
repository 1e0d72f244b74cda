#!/usr/bin/env bash
# Runs every fuzz target in turn, SECONDS each, merging what it finds into corpus/<target>, then
# minimizes each corpus with `cargo fuzz cmin` and prints one summary line per target.
#
#   fuzz/run-all.sh SECONDS [TARGET...]        (CORPUS_KB=N: corpus budget per target, default 256)
#
# Exits non-zero when any target found something; the inputs are in artifacts/<target>/ and the log
# in target/run-all/<target>.log. Works with a stable toolchain (RUSTC_BOOTSTRAP) or with nightly.
set -uo pipefail

cd "$(dirname "$0")"
if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(post_parse render_markdown render_text render_html front_matter roundtrip html_tree)
fi

# -O: no debug assertions (overflow checks stay, see Cargo.toml). -s none: no AddressSanitizer. The
# two made every execution about five times slower (docs/hardening.md); the crate forbids unsafe
# code, so ASan is for a dedicated run (`cargo fuzz run -s address TARGET`) when a dependency is in
# doubt.
build=(-O -s none)
# -entropic=0: libFuzzer's entropic scheduler spent about half of each execution on its rare-feature
# bookkeeping (InputCorpus::AddRareFeature) with the ~50,000 features these targets reach; without
# it the same CPU time runs 1.5-2.7 times the inputs and reaches more coverage. -max_len: posts that
# reach every rule fit in 4 KB; longer inputs only cost time (size is the hostile-shape benchmark's
# job).
# -fork=1 -ignore_crashes=1: a finding is saved and the run goes on, so one known bug does not end
# every session in its first seconds.
common=(-entropic=0 -timeout=10 -rss_limit_mb=2048 -fork=1 -ignore_crashes=1 -ignore_timeouts=1)

# Committed corpora stay small: CORPUS_KB=0 keeps the whole minimized corpus.
budget_kb=${CORPUS_KB:-256}

export RUSTC_BOOTSTRAP=1
logs=target/run-all
mkdir -p "$logs"
found=0
for t in "${targets[@]}"; do
    case $t in
        # structured input: bytes are read by `arbitrary`, so seeds and the token dictionary mean nothing
        html_tree) seeds=() limits=(-max_len=8192) ;;
        *) seeds=(seeds ../fixtures) limits=(-max_len=4096 -dict=html.dict) ;;
    esac
    mkdir -p "corpus/$t" "artifacts/$t"
    find "artifacts/$t" -type f | sort >"$logs/$t.artifacts-before"
    cargo fuzz run "${build[@]}" "$t" "corpus/$t" "${seeds[@]}" -- \
        -max_total_time="$seconds" "${limits[@]}" "${common[@]}" >"$logs/$t.log" 2>&1
    # minimize to the inputs that reach every edge the corpus reaches (-use_counters=0: edges, not
    # hit-count buckets)
    cargo fuzz cmin "${build[@]}" "$t" "corpus/$t" -- "${limits[0]}" -use_counters=0 \
        >"$logs/$t.cmin.log" 2>&1 || echo "$t: cmin failed, see $logs/$t.cmin.log"
    # then keep the smallest inputs up to the budget: a 256 KB cut kept 84-88% of the edges of
    # 700 KB-1 MB minimized corpora, and the seeds are passed on every run anyway
    if [[ $budget_kb -gt 0 ]]; then
        find "corpus/$t" -type f -printf '%s %p\n' | sort -n |
            awk -v max=$((budget_kb * 1024)) '{ total += $1; if (total > max) print $2 }' |
            xargs -r rm --
    fi
    # the fork-mode parent's last status line is "#EXECS: cov: N ft: N corp: N exec/s: N
    # oom/timeout/crash: a/b/c time: Ns job: N ..."; its exec/s is the last job's, so the session's
    # own rate is EXECS over the seconds
    stats=$(grep -E '^#[0-9]+: cov:' "$logs/$t.log" | tail -1 | awk '{
        sub("#", "", $1); sub(":", "", $1); sub("s", "", $13)
        printf "%d execs in %d s (%.0f exec/s), cov %d, ft %d, oom/timeout/crash %s", $1, $13, $1 / $13, $3, $5, $11 }')
    files=$(find "corpus/$t" -type f | wc -l)
    kb=$(find "corpus/$t" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s / 1024}')
    echo "$t: ${stats:-no status line, see $logs/$t.log}; corpus: $files files, $kb KB"
    new=$(find "artifacts/$t" -type f | sort | comm -13 "$logs/$t.artifacts-before" -)
    if [[ -n $new ]]; then
        found=1
        first=$(head -1 <<<"$new")
        echo "$t: FOUND $(wc -l <<<"$new") new input(s) in artifacts/$t/; the first, $first, gives:"
        # fork mode does not pass the panic message on, so reproduce the first one
        cargo fuzz run "${build[@]}" "$t" "$first" 2>&1 | grep -m1 -A3 'panicked at'
    fi
done
exit $found
