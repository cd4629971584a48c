#!/usr/bin/env bash
# Runs the comparison set of issue 5 and writes docs/performance.md (with docs/performance-lookup.png):
#   1. builds the benchmarks and the report generator (Release, once);
#   2. runs every comparison class with BenchmarkDotNet's short job and its JSON exporter;
#   3. runs the memory measurements (`-- --memory`) and the ratio targets in alternating rounds (`-- --alternating`:
#      both sides of each ratio in one process, best round of each, as a side-by-side probe measures them);
#   4. turns the JSON into the report: targets (measured ratio, pass/fail), machine, date, all timings, chart
#      (the registry section that benchmarks/registry-comparison.sh wrote between its markers is kept).
#
# Run it as root on a quiet machine: the plain-tmpfs and kernel-overlay baselines mount tmpfs and overlay
# file systems under /tmp (and unmount them when each benchmark ends). Without permission to mount, those
# benchmarks are skipped with a message and their targets show as "not measured".
#
# Environment:
#   JOB=short            BenchmarkDotNet job (dry: a quick check that everything runs; the figures mean nothing)
#   ARTIFACTS=...        where BenchmarkDotNet and the memory mode write (default BenchmarkDotNet.Artifacts/comparison)
#   OUTPUT=...           the report (default docs/performance.md; the chart goes next to it)
#   BENCHMARK_ARGS=...   more BenchmarkDotNet switches, e.g. "--iterationTime 250" for a faster, noisier run
#
# About 20 minutes on 2 cores with the short job.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

JOB="${JOB:-short}"
ARTIFACTS="${ARTIFACTS:-BenchmarkDotNet.Artifacts/comparison}"
OUTPUT="${OUTPUT:-docs/performance.md}"
BENCHMARKS=benchmarks/UnionFs.Benchmarks
REPORT=benchmarks/UnionFs.Benchmarks.Report
CLASSES=(
    LookupBenchmarks
    ReadBenchmarks
    WriteBenchmarks
    FixtureBenchmarks
    EnumerateBenchmarks
    LowerTreeBenchmarks
    CopyOnWriteBenchmarks
    ConcurrencyBenchmarks
    FixtureFromTextBenchmarks
    ZioAggregateBenchmarks
    RealTreeBenchmarks
)

filters=()
for class in "${CLASSES[@]}"; do filters+=("*.${class}.*"); done

leftover_mounts() {
    grep -E ' /tmp/ufsb-[0-9]+-[0-9]+' /proc/self/mountinfo || true
}

if [ -n "$(leftover_mounts)" ]; then
    echo "run-comparison: benchmark mounts are left from an earlier run; unmount them first:" >&2
    leftover_mounts >&2
    exit 1
fi

start=$(date +%s)
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"

echo "== build (Release)"
dotnet build "$BENCHMARKS" -c Release --nologo -v quiet
dotnet build "$REPORT" -c Release --nologo -v quiet

echo "== benchmarks (job: $JOB)"
status=0
# shellcheck disable=SC2086 # BENCHMARK_ARGS is a list of switches
dotnet run -c Release --no-build --project "$BENCHMARKS" -- \
    --filter "${filters[@]}" \
    --job "$JOB" \
    --exporters json \
    --artifacts "$ARTIFACTS" \
    ${BENCHMARK_ARGS:-} || status=$?

echo "== memory measurements"
dotnet run -c Release --no-build --project "$BENCHMARKS" -- --memory "$ARTIFACTS/memory.json" || status=$?

echo "== ratio targets in alternating rounds (one process)"
dotnet run -c Release --no-build --project "$BENCHMARKS" -- --alternating "$ARTIFACTS/alternating.json" || status=$?

echo "== report"
# The registry section (benchmarks/registry-comparison.sh --write) lies between its markers; keep it across the rewrite.
kept="$ARTIFACTS/registry-comparison.md"
if [ -f "$OUTPUT" ]; then
    sed -n '/^<!-- registry-comparison:start -->$/,/^<!-- registry-comparison:end -->$/p' "$OUTPUT" > "$kept"
fi
dotnet run -c Release --no-build --project "$REPORT" -- "$ARTIFACTS/results" "$ARTIFACTS/memory.json" "$OUTPUT" "$ARTIFACTS/alternating.json"
if [ -s "$kept" ] && grep -q '^<!-- registry-comparison:end -->$' "$kept"; then
    printf '\n' >> "$OUTPUT"
    cat "$kept" >> "$OUTPUT"
fi

if [ -n "$(leftover_mounts)" ]; then
    echo "run-comparison: benchmark mounts were left behind:" >&2
    leftover_mounts >&2
    status=1
fi

echo "== done in $(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s: $OUTPUT"
exit "$status"
