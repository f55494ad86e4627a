#!/usr/bin/env bash
# Times convnote's build of a generated 200-note corpus with hyperfine, beside cmark and
# pandoc rendering the same files, and a rebuild after one note changed with the cache warm.
# The figures go into docs/benchmarks.md. They depend on the machine, so compare only runs
# made on the same one.
#
# Usage: benchmarks/build_speed.sh   (from any directory)
# Environment:
#   BENCH_DIR     where the corpus, outputs and results go (default /tmp/convnote-build-speed,
#                 deleted and made again on every run)
#   BUILD_DIR     the SwiftPM scratch folder for the release build (default .build in the repo)
#   RUNS          timed runs per convnote and cmark command (default 10)
#   PANDOC_RUNS   timed runs of pandoc (default 3)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/convnote-build-speed}"
build_dir="${BUILD_DIR:-$repo/.build}"
runs="${RUNS:-10}"
pandoc_runs="${PANDOC_RUNS:-3}"
jobs="$(nproc)"

# Install whichever of hyperfine, cmark and pandoc is missing, from Debian's packages.
missing=()
for tool in hyperfine cmark pandoc; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    echo "build_speed: installing ${missing[*]} with apt-get" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

"$repo/scripts/install-dependencies"
swift build -c release --product convnote --package-path "$repo" --scratch-path "$build_dir"
convnote="$build_dir/release/convnote"

rm -rf "$work"
mkdir -p "$work"
python3 "$repo/benchmarks/make_corpus.py" "$work/notes" --count 200 --seed 1
# convnote keeps its cache in the current directory, so every command runs in $work.
cd "$work"

# Timing a corpus with errors would measure error reporting, so stop on any diagnostic.
"$convnote" check notes -o no-output-folder --no-cache --quiet

# Fill the cache and the output folder that the one-note rebuild starts from. A build stamps
# only output files that are at least 3 s old, so the second build, after a pause, records
# the stamps that let later rebuilds skip unchanged pages, as between an author's edits.
"$convnote" build notes -o site --quiet
sleep 4
"$convnote" build notes -o site --quiet
changed=notes/note-100.md
cp "$changed" original-note-100.md

echo "machine: $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p'), model $(lscpu | sed -n 's/^Model: *//p')), $(nproc) cores"
echo "convnote: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- Sources Package.swift || echo ' with uncommitted changes to Sources')"
echo "tools: $(hyperfine --version), $(cmark --version | head -1), $(pandoc --version | head -1)"
echo "corpus: $(find notes -name "*.md" | wc -l) notes, $(cat notes/*.md | wc -c) bytes, $(grep -c '^```conv' notes/*.md | awk -F: '{ n += $2 } END { print n }') spec blocks"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The per-file commands run one process per note, split into $jobs parallel batches as
# convnote splits its notes over all cores. The one-process cmark run parses the 200 files
# as one document: the floor of parsing and rendering alone.
hyperfine --runs "$runs" --warmup 1 \
    --export-json results.json --export-markdown results.md \
    --prepare "rm -rf site-full" \
    --command-name "convnote build --no-cache" \
    "$convnote build notes -o site-full --no-cache --quiet" \
    --prepare "cp original-note-100.md $changed && printf '\nEdited at %s.\n' \"\$(date +%s%N)\" >> $changed" \
    --command-name "convnote build, one note changed" \
    "$convnote build notes -o site --quiet" \
    --prepare "true" \
    --command-name "cmark, one process" \
    "cmark notes/*.md > cmark-all.html" \
    --prepare "rm -rf cmark-out && mkdir cmark-out" \
    --command-name "cmark, one process per note" \
    "printf '%s\n' notes/*.md | xargs -P $jobs -n $((200 / jobs)) sh -c 'for f; do cmark \"\$f\" > \"cmark-out/\${f##*/}.html\"; done' _"

# pandoc takes about 40 s per run, so it gets fewer runs of its own.
hyperfine --runs "$pandoc_runs" \
    --export-json results-pandoc.json --export-markdown results-pandoc.md \
    --prepare "rm -rf pandoc-out && mkdir pandoc-out" \
    --command-name "pandoc --mathml, one process per note" \
    "printf '%s\n' notes/*.md | xargs -P $jobs -n $((200 / jobs)) sh -c 'for f; do pandoc --standalone --mathml \"\$f\" -o \"pandoc-out/\${f##*/}.html\" 2>/dev/null; done' _"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The project's targets: a full build within 2x of cmark, a one-note rebuild under 10% of a
# full build.
python3 - results.json results-pandoc.json <<'EOF'
import json
import sys

results = {r["command"]: r for path in sys.argv[1:] for r in json.load(open(path))["results"]}
full = results["convnote build --no-cache"]["mean"]
rebuild = results["convnote build, one note changed"]["mean"]
for name in ("cmark, one process", "cmark, one process per note"):
    ratio = full / results[name]["mean"]
    print(f"full build / {name}: {ratio:.1f}x (target at most 2x: {'met' if ratio <= 2 else 'missed'})")
ratio = rebuild / full
print(f"one-note rebuild / full build: {ratio:.1%} (target under 10%: {'met' if ratio < 0.10 else 'missed'})")
ratio = results["pandoc --mathml, one process per note"]["mean"] / full
print(f"pandoc --mathml / full build: {ratio:.1f}x")
EOF
echo "results: $work/results.md, $work/results-pandoc.md and the JSON files beside them"
