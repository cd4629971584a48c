#!/usr/bin/env bash
# A/B of two builds of UnionFs in one process: src/UnionFs at BASE (a commit, a branch, a tag) as A, the working
# tree as B. Rounds alternate between them, so the ratio holds on a noisy machine where two separate benchmark
# runs do not. Options after BASE go to the tool: --rounds N (default 200), --workload fixture|streams|lookups|upper|walks|threads|crowd|tree|all|usrshare.
#   benchmarks/ab.sh HEAD~3
#   benchmarks/ab.sh main --workload fixture --rounds 400
#   benchmarks/ab.sh main --workload usrshare --rounds 40   (a real tree; named only, not part of all)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: benchmarks/ab.sh BASE [--rounds N] [--workload fixture|streams|lookups|upper|walks|threads|crowd|tree|all]}
shift
work=$(mktemp -d)
cleanup() {
  git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
git -C "$root" worktree add -q --detach "$work/base" "$base"
echo "== building A ($base: $(git -C "$work/base" log -1 --format='%h %s' | cut -c1-70))"
dotnet build "$work/base/src/UnionFs/UnionFs.csproj" -c Release -o "$work/a" -nologo -v q -clp:ErrorsOnly
echo "== building B (working tree)"
dotnet build "$root/src/UnionFs/UnionFs.csproj" -c Release -o "$work/b" -nologo -v q -clp:ErrorsOnly
dotnet run -c Release --project "$root/benchmarks/UnionFs.AB" -- "$work/a/UnionFs.dll" "$work/b/UnionFs.dll" "$@"
