#!/usr/bin/env bash
# Reading one file of an image straight from a registry against pulling and unpacking it, and the memory of walking
# a large image. Prints a Markdown section and, with --write, puts it into docs/performance.md between the markers
# <!-- registry-comparison:start --> and <!-- registry-comparison:end --> (appended at the end when absent):
#   1. builds the CLI once (Release) and runs it as `dotnet UnionFs.Cli.dll`;
#   2. starts a docker-registry of its own on 127.0.0.1 (a free port, storage in a temporary directory) and counts
#      the bytes it serves from its own log: distribution logs every request at info level with
#      `http.response.written=N` (the body bytes it wrote; a Range request counts only its range);
#   3. builds a test image with umoci (a base layer of small text files, a few large random files in layers of
#      their own so compression cannot shrink them, `/etc/hello.txt` in the top layer) and pushes it as gzip
#      (skopeo copy), zstd (skopeo copy --dest-compress-format zstd), eStargz and zstd:chunked (ctr-remote image
#      convert in a containerd of the script's own, then ctr-remote images push --plain-http);
#   4. for each form measures wall-clock time and bytes served of
#        a. the baseline: skopeo copy docker://… oci:DIR + umoci unpack + cat of the file (time to first file),
#        b. `unionfs cat --image docker://… /etc/hello.txt` with an empty cache (UNIONFS_CACHE_DIR in a fresh directory),
#        c. the same again (warm cache);
#      and, on a second image of about 1 GiB of random data, the maximum resident set size (/usr/bin/time) of
#      `unionfs tree --image docker://… /` (every entry walked) and of `unionfs cat` of one 256 MiB file.
#
# Every process it starts (registry, containerd) is stopped by its process id when it exits; its temporary
# directory (up to about 5 GiB with the large image) is removed.
#
# Usage:
#   benchmarks/registry-comparison.sh            # prints the section
#   benchmarks/registry-comparison.sh --write    # and writes it into docs/performance.md
#
# Environment:
#   OUTPUT=docs/performance.md    the report --write edits
#   FORMS="gzip zstd estargz zstdchunked"   the forms of the test image (estargz and zstdchunked need root for containerd)
#   SMALL_FILES=2000              text files in the base layer
#   RANDOM_FILES=3 RANDOM_MIB=42  random files (one layer each) of the test image, MiB each (>= 120 MiB of blobs)
#   BIG=1                         0 skips the ~1 GiB image and the memory figures
#   BIG_FILES=4 BIG_MIB=256       random files (one layer each) of the large image
#   BIG_FORMS="gzip estargz"      forms of the large image (same names as FORMS)
#   TMPDIR=/tmp                   where the temporary directory goes
#
# Needs: dotnet, docker-registry, skopeo, umoci, python3, curl, gzip, zstd, tar, /usr/bin/time (GNU time); containerd and
# ctr-remote for eStargz and zstd:chunked. About 6 minutes on 2 cores (most of it the large image).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

WRITE=0
for argument in "$@"; do
    case "$argument" in
        --write) WRITE=1 ;;
        -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "registry-comparison: unknown argument '$argument' (try --help)" >&2; exit 2 ;;
    esac
done

OUTPUT="${OUTPUT:-docs/performance.md}"
FORMS="${FORMS:-gzip zstd estargz zstdchunked}"
SMALL_FILES="${SMALL_FILES:-2000}"
RANDOM_FILES="${RANDOM_FILES:-3}"
RANDOM_MIB="${RANDOM_MIB:-42}"
BIG="${BIG:-1}"
BIG_FILES="${BIG_FILES:-4}"
BIG_MIB="${BIG_MIB:-256}"
BIG_FORMS="${BIG_FORMS:-gzip estargz}"
HELLO="hello from the registry benchmark"

say() { echo "== $*" >&2; }
fail() { echo "registry-comparison: $*" >&2; exit 1; }

# ---- tools ---------------------------------------------------------------------------------------------------
missing=()
for tool in dotnet docker-registry skopeo umoci python3 curl gzip zstd tar; do
    command -v "$tool" > /dev/null || missing+=("$tool")
done
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (GNU time)")
[ ${#missing[@]} -eq 0 ] || fail "missing tools: ${missing[*]}"
/usr/bin/time -f %M true 2> /dev/null || fail "/usr/bin/time is not GNU time (needs -f %M)"

needs_containerd=0
for form in $FORMS $([ "$BIG" = 1 ] && echo "$BIG_FORMS"); do
    case "$form" in
        gzip | zstd) ;;
        estargz | zstdchunked) needs_containerd=1 ;;
        *) fail "unknown form '$form' (gzip, zstd, estargz, zstdchunked)" ;;
    esac
done
if [ "$needs_containerd" = 1 ]; then
    if ! command -v containerd > /dev/null || ! command -v ctr-remote > /dev/null; then
        fail "eStargz and zstd:chunked need containerd and ctr-remote (or leave them out: FORMS=\"gzip zstd\" BIG_FORMS=gzip)"
    fi
    [ "$(id -u)" = 0 ] || fail "eStargz and zstd:chunked need root for containerd (or leave them out: FORMS=\"gzip zstd\" BIG_FORMS=gzip)"
fi
ROOTLESS=()
[ "$(id -u)" = 0 ] || ROOTLESS=(--rootless)

# ---- temporary directory, registry, clean-up ----------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/unionfs-regbench.XXXXXX")"
REGISTRY_PID=""
CONTAINERD_PID=""
cleanup() {
    local status=$?
    [ -z "$CONTAINERD_PID" ] || { kill "$CONTAINERD_PID" 2> /dev/null || true; wait "$CONTAINERD_PID" 2> /dev/null || true; }
    [ -z "$REGISTRY_PID" ] || { kill "$REGISTRY_PID" 2> /dev/null || true; wait "$REGISTRY_PID" 2> /dev/null || true; }
    rm -rf "$WORK" 2> /dev/null || echo "registry-comparison: could not remove all of $WORK" >&2
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_registry() {
    local port
    port="$(free_port)"
    REGISTRY="127.0.0.1:$port"
    REGISTRY_LOG="$WORK/registry.log"
    cat > "$WORK/registry.yml" << EOF
version: 0.1
log:
  level: info
  formatter: text
storage:
  filesystem:
    rootdirectory: $WORK/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY
EOF
    docker-registry serve "$WORK/registry.yml" > "$REGISTRY_LOG" 2>&1 &
    REGISTRY_PID=$!
    for _ in $(seq 100); do
        curl -fs "http://$REGISTRY/v2/" > /dev/null 2>&1 && return 0
        kill -0 "$REGISTRY_PID" 2> /dev/null || { cat "$REGISTRY_LOG" >&2; fail "docker-registry exited"; }
        sleep 0.1
    done
    fail "docker-registry did not answer on $REGISTRY"
}

start_containerd() {
    local dir="$WORK/containerd"
    mkdir -p "$dir"
    cat > "$dir/config.toml" << 'EOF'
version = 2
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]
EOF
    CONTAINERD_SOCK="$dir/sock"
    containerd --config "$dir/config.toml" --root "$dir/root" --state "$dir/state" --address "$CONTAINERD_SOCK" > "$dir/log" 2>&1 &
    CONTAINERD_PID=$!
    for _ in $(seq 150); do
        ctr-remote -a "$CONTAINERD_SOCK" version > /dev/null 2>&1 && return 0
        kill -0 "$CONTAINERD_PID" 2> /dev/null || { cat "$dir/log" >&2; fail "containerd exited"; }
        sleep 0.2
    done
    fail "containerd did not come up"
}

# ---- images ----------------------------------------------------------------------------------------------------
# build_image LAYOUT SMALL_FILES RANDOM_FILES RANDOM_MIB: an OCI layout with the tag "bench" (umoci's gzip layers).
build_image() {
    local layout="$1" small="$2" count="$3" mib="$4" src="$WORK/src"
    rm -rf "$src" && mkdir -p "$src/base" "$src/etc"
    python3 - "$src/base" "$small" << 'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau".split()
for i in range(count):
    directory = os.path.join(root, f"dir{i % 40:02d}")
    os.makedirs(directory, exist_ok=True)
    lines = [f"file {i} line {j}: " + " ".join(words[(i * 7 + j * 3 + k) % len(words)] for k in range(8)) for j in range(6 + i % 20)]
    with open(os.path.join(directory, f"file{i:05d}.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
PY
    umoci init --layout "$layout" > /dev/null
    umoci new --image "$layout:bench"
    umoci insert "${ROOTLESS[@]}" --image "$layout:bench" "$src/base" /usr/share/bench > /dev/null
    for i in $(seq "$count"); do
        head -c "$((mib * 1024 * 1024))" /dev/urandom > "$src/random-$i.bin"
        umoci insert "${ROOTLESS[@]}" --image "$layout:bench" "$src/random-$i.bin" "/data/random-$i.bin" > /dev/null
        rm -f "$src/random-$i.bin"
    done
    echo "$HELLO" > "$src/etc/hello.txt"
    umoci insert "${ROOTLESS[@]}" --image "$layout:bench" "$src/etc/hello.txt" /etc/hello.txt > /dev/null
    umoci gc --layout "$layout"
    rm -rf "$src"
}

# push_forms LAYOUT REPO FORMS...: pushes the layout's "bench" as REPO:FORM for each form.
push_forms() {
    local layout="$1" repo="$2" form imported=0
    shift 2
    for form in "$@"; do
        say "push $repo:$form"
        case "$form" in
            gzip) skopeo --insecure-policy copy --quiet --dest-tls-verify=false "oci:$layout:bench" "docker://$REGISTRY/$repo:gzip" ;;
            zstd)
                # compressed into a layout of its own first: skopeo 1.9 pushing straight to the registry reuses
                # the gzip blobs already there (same digests) instead of compressing with zstd
                skopeo --insecure-policy copy --quiet --dest-compress-format zstd "oci:$layout:bench" "oci:$WORK/$repo-zstd:bench"
                skopeo --insecure-policy copy --quiet --dest-tls-verify=false "oci:$WORK/$repo-zstd:bench" "docker://$REGISTRY/$repo:zstd"
                rm -rf "$WORK/$repo-zstd"
                ;;
            estargz | zstdchunked)
                [ -n "$CONTAINERD_PID" ] || start_containerd
                if [ "$imported" = 0 ]; then
                    # containerd's extractor refuses some umoci layers: import without unpacking, as the tests do
                    skopeo --insecure-policy copy --quiet "oci:$layout:bench" "oci-archive:$WORK/$repo.tar:bench"
                    ctr-remote -a "$CONTAINERD_SOCK" images import --no-unpack --base-name "example.test/$repo" "$WORK/$repo.tar" > /dev/null
                    rm -f "$WORK/$repo.tar"
                    imported=1
                fi
                ctr-remote -a "$CONTAINERD_SOCK" image convert "--$form" --oci "example.test/$repo:bench" "example.test/$repo:$form" > /dev/null
                ctr-remote -a "$CONTAINERD_SOCK" images tag "example.test/$repo:$form" "$REGISTRY/$repo:$form" > /dev/null
                ctr-remote -a "$CONTAINERD_SOCK" images push --plain-http "$REGISTRY/$repo:$form" > /dev/null
                ;;
        esac
    done
}

# blob_bytes REPO TAG: "BYTES LAYERS", the config and layer blobs of the manifest the registry serves.
blob_bytes() {
    curl -fs -H 'Accept: application/vnd.oci.image.manifest.v1+json' -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
        "http://$REGISTRY/v2/$1/manifests/$2" |
        python3 -c 'import json, sys; m = json.load(sys.stdin); print(m["config"]["size"] + sum(l["size"] for l in m["layers"]), len(m["layers"]), ",".join(sorted({l["mediaType"].rsplit(".", 1)[-1] for l in m["layers"]})), sum(1 for l in m["layers"] if any("toc.digest" in k or "zstd-chunked" in k for k in l.get("annotations", {}))))'
}

# check_form FORM TYPES TOCS: the pushed layers are what the form says (a converter or skopeo may have kept gzip)
check_form() {
    case "$1" in
        gzip) [ "$2" = "tar+gzip" ] && [ "$3" = 0 ] ;;
        zstd) [ "$2" = "tar+zstd" ] && [ "$3" = 0 ] ;;
        estargz) [ "$2" = "tar+gzip" ] && [ "$3" -gt 0 ] ;;
        zstdchunked) [ "$2" = "tar+zstd" ] && [ "$3" -gt 0 ] ;;
    esac || fail "the $1 image has layers of type $2, $3 with a table of contents"
}

# ---- measuring -------------------------------------------------------------------------------------------------
# measure CMD...: runs CMD (stdout to $M_OUT, default $WORK/out) and sets M_TIME (s), M_RSS (KiB), M_BYTES and
# M_REQUESTS (served by the registry meanwhile, from its log).
M_OUT=""
measure() {
    local offset start end out="${M_OUT:-$WORK/out}"
    offset="$(stat -c %s "$REGISTRY_LOG")"
    start="$(date +%s.%N)"
    if ! /usr/bin/time -f %M -o "$WORK/rss" "$@" > "$out" 2> "$WORK/err"; then
        cat "$WORK/err" >&2
        fail "failed: $*"
    fi
    end="$(date +%s.%N)"
    M_TIME="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
    M_RSS="$(tail -n 1 "$WORK/rss")"
    sleep 0.5 # the registry logs a request when its response is done
    read -r M_BYTES M_REQUESTS < <(tail -c +"$((offset + 1))" "$REGISTRY_LOG" |
        awk -F 'http.response.written=' 'NF > 1 { split($2, a, " "); bytes += a[1]; n++ } END { printf "%d %d\n", bytes, n }')
}

bytes() { # human-readable, binary units
    awk -v b="$1" 'BEGIN {
        if (b >= 1073741824) printf "%.2f GiB", b / 1073741824
        else if (b >= 1048576) printf "%.1f MiB", b / 1048576
        else if (b >= 1024) printf "%.1f KiB", b / 1024
        else printf "%d B", b }'
}
percent() { awk -v a="$1" -v b="$2" 'BEGIN { p = 100 * a / b; if (p < 10) printf "%.2f %%", p; else printf "%.1f %%", p }'; }
mib_of_kib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
label() {
    case "$1" in
        gzip) echo "gzip" ;; zstd) echo "zstd" ;; estargz) echo "eStargz" ;; zstdchunked) echo "zstd:chunked" ;;
    esac
}

check_output() {
    [ "$(cat "$WORK/out")" = "$HELLO" ] || fail "$1 printed '$(head -c 200 "$WORK/out")', not the file's contents"
}

# ---- run -------------------------------------------------------------------------------------------------------
started="$(date +%s)"
say "build the CLI (Release)"
dotnet build src/UnionFs.Cli -c Release --nologo -v quiet > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; fail "the build failed"; }
CLI="$(dotnet msbuild src/UnionFs.Cli -getProperty:TargetPath -p:Configuration=Release)"
[ -f "$CLI" ] || fail "no CLI at '$CLI'"

# the baseline, as one command for /usr/bin/time: pull, unpack, read the file
cat > "$WORK/baseline.sh" << 'EOF'
#!/usr/bin/env bash
# baseline.sh REGISTRY REPO TAG FILE DIR [UMOCI FLAGS...]: skopeo copy into an OCI layout, unpack, cat the file.
# umoci 0.4 unpacks gzip and plain layers only: an image with zstd layers is unpacked layer by layer with
# zstd -dc | tar -x instead (the test images have no whiteouts, so this is the same tree). umoci 0.4 ends its layer
# tars without the padding and the two zero blocks GNU tar wants, so zeros follow each layer (read through to the end
# with --ignore-zeros).
set -euo pipefail
registry="$1" repo="$2" tag="$3" file="$4" dir="$5"
shift 5
skopeo --insecure-policy copy --quiet --src-tls-verify=false "docker://$registry/$repo:$tag" "oci:$dir/layout:$tag"
layers="$(python3 - "$dir/layout" "$tag" << 'PY'
import json, os, sys
layout, tag = sys.argv[1], sys.argv[2]
blob = lambda d: os.path.join(layout, "blobs", *d.split(":", 1))
index = json.load(open(os.path.join(layout, "index.json")))
entry = next(m for m in index["manifests"] if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag)
for layer in json.load(open(blob(entry["digest"])))["layers"]:
    print(layer["mediaType"], blob(layer["digest"]))
PY
)"
if grep -q zstd <<< "$layers"; then
    mkdir -p "$dir/bundle/rootfs"
    while read -r media path; do
        case "$media" in
            *zstd*) { zstd -dcq "$path"; head -c 10240 /dev/zero; } | tar -x --ignore-zeros -C "$dir/bundle/rootfs" ;;
            *gzip*) { gzip -dc "$path"; head -c 10240 /dev/zero; } | tar -x --ignore-zeros -C "$dir/bundle/rootfs" ;;
            *) { cat "$path"; head -c 10240 /dev/zero; } | tar -x --ignore-zeros -C "$dir/bundle/rootfs" ;;
        esac
    done <<< "$layers"
else
    umoci unpack "$@" --image "$dir/layout:$tag" "$dir/bundle" > /dev/null
fi
cat "$dir/bundle/rootfs$file"
EOF

say "start docker-registry"
start_registry
say "registry on $REGISTRY (log: $REGISTRY_LOG)"

say "build the test image ($SMALL_FILES text files, $RANDOM_FILES x $RANDOM_MIB MiB random)"
build_image "$WORK/image" "$SMALL_FILES" "$RANDOM_FILES" "$RANDOM_MIB"
# shellcheck disable=SC2086 # FORMS is a list
push_forms "$WORK/image" bench $FORMS
rm -rf "$WORK/image"

rows=()
targets=()
passed=0
# target WHAT TARGET MEASURED OK(0/1)
target() {
    local result="**FAIL**"
    [ "$4" = 1 ] && { result="**pass**"; passed=$((passed + 1)); }
    targets+=("| $1 | $2 | $3 | $result |")
}
below() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b) ? 1 : 0 }'; }
for form in $FORMS; do
    read -r blob layers types tocs < <(blob_bytes bench "$form")
    check_form "$form" "$types" "$tocs"
    name="$(label "$form")"
    ref="docker://$REGISTRY/bench:$form"

    say "$name: baseline (skopeo copy + umoci unpack + cat)"
    rm -rf "$WORK/baseline" && mkdir -p "$WORK/baseline"
    measure bash "$WORK/baseline.sh" "$REGISTRY" bench "$form" /etc/hello.txt "$WORK/baseline" "${ROOTLESS[@]}"
    check_output "the baseline"
    rm -rf "$WORK/baseline"
    case "$form" in zstd | zstdchunked) unpack="zstd -d \\| tar -x" ;; *) unpack="umoci unpack" ;; esac
    rows+=("| $name | $(bytes "$blob") ($layers layers) | skopeo copy + $unpack + cat | $(bytes "$M_BYTES") | $(percent "$M_BYTES" "$blob") | $M_REQUESTS | $M_TIME s | $(mib_of_kib "$M_RSS") |")

    cache="$WORK/cache-$form"
    rm -rf "$cache" && mkdir -p "$cache"
    say "$name: unionfs cat, empty cache"
    measure env UNIONFS_CACHE_DIR="$cache" dotnet "$CLI" cat --image "$ref" /etc/hello.txt
    check_output "unionfs cat"
    case "$form" in
        estargz | zstdchunked) target "$name: \`cat\` of one small file, empty cache" "< 1 % of blob bytes" "$(percent "$M_BYTES" "$blob")" "$(below $((M_BYTES * 100)) "$blob")" ;;
    esac
    rows+=("| | | \`unionfs cat\`, empty cache | $(bytes "$M_BYTES") | $(percent "$M_BYTES" "$blob") | $M_REQUESTS | $M_TIME s | $(mib_of_kib "$M_RSS") |")

    say "$name: unionfs cat, warm cache"
    measure env UNIONFS_CACHE_DIR="$cache" dotnet "$CLI" cat --image "$ref" /etc/hello.txt
    check_output "unionfs cat"
    case "$form" in
        gzip) target "$name: \`cat\` of one small file, warm cache (range requests only)" "< 2 % of blob bytes" "$(percent "$M_BYTES" "$blob")" "$(below $((M_BYTES * 50)) "$blob")" ;;
    esac
    case "$form" in
        gzip | estargz | zstdchunked) target "$name: \`cat\` of one small file, warm cache, start-up included" "< 1 s" "$M_TIME s" "$(below "$M_TIME" 1)" ;;
    esac
    rows+=("| | | \`unionfs cat\`, warm cache | $(bytes "$M_BYTES") | $(percent "$M_BYTES" "$blob") | $M_REQUESTS | $M_TIME s | $(mib_of_kib "$M_RSS") |")
    rm -rf "$cache"
done

big_rows=()
if [ "$BIG" = 1 ]; then
    say "build the large image ($BIG_FILES x $BIG_MIB MiB random)"
    build_image "$WORK/big" "$SMALL_FILES" "$BIG_FILES" "$BIG_MIB"
    # shellcheck disable=SC2086 # BIG_FORMS is a list
    push_forms "$WORK/big" big $BIG_FORMS
    rm -rf "$WORK/big"
    for form in $BIG_FORMS; do
        read -r blob layers types tocs < <(blob_bytes big "$form")
        check_form "$form" "$types" "$tocs"
        name="$(label "$form")"
        ref="docker://$REGISTRY/big:$form"
        cache="$WORK/cache-big-$form"
        rm -rf "$cache" && mkdir -p "$cache"

        say "$name, large image: unionfs tree, empty cache"
        M_OUT=/dev/null measure env UNIONFS_CACHE_DIR="$cache" dotnet "$CLI" tree --image "$ref" /
        target "$name: open and walk (\`tree /\`) a $(bytes "$blob") image, empty cache" "max RSS < 200 MB" "$(mib_of_kib "$M_RSS") ($((M_RSS * 1024 / 1000000)) MB)" "$(below $((M_RSS * 1024)) 200000000)"
        big_rows+=("| $name | $(bytes "$blob") ($layers layers) | \`unionfs tree /\` (every entry), empty cache | $(bytes "$M_BYTES") | $M_TIME s | **$(mib_of_kib "$M_RSS")** |")

        say "$name, large image: unionfs tree, warm cache"
        M_OUT=/dev/null measure env UNIONFS_CACHE_DIR="$cache" dotnet "$CLI" tree --image "$ref" /
        big_rows+=("| | | \`unionfs tree /\`, warm cache | $(bytes "$M_BYTES") | $M_TIME s | **$(mib_of_kib "$M_RSS")** |")

        say "$name, large image: unionfs cat of a $BIG_MIB MiB file"
        M_OUT=/dev/null measure env UNIONFS_CACHE_DIR="$cache" dotnet "$CLI" cat --image "$ref" /data/random-1.bin
        big_rows+=("| | | \`unionfs cat\` of one $BIG_MIB MiB file | $(bytes "$M_BYTES") | $M_TIME s | **$(mib_of_kib "$M_RSS")** |")
        rm -rf "$cache"
    done
fi

# ---- report ----------------------------------------------------------------------------------------------------
say "measure dotnet start-up (unionfs --help)"
M_OUT=/dev/null measure dotnet "$CLI" --help
startup="$M_TIME"

cpu="$(grep -m 1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)"
runtime="$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')"
section="$WORK/section.md"
{
    echo "<!-- registry-comparison:start -->"
    echo "## Images in a registry"
    echo
    echo "Reading one small file (\`/etc/hello.txt\`, in the top layer) of an image in a registry, against pulling and"
    echo "unpacking it first (\`skopeo copy docker://… oci:DIR\` + \`umoci unpack\` + \`cat\`: the time to the first file)."
    echo "The test image is built with umoci: a base layer of $SMALL_FILES small text files, $RANDOM_FILES layers each holding one"
    echo "$RANDOM_MIB MiB random file (so compression cannot shrink them) and the small top layer; it is pushed as gzip and"
    echo "zstd with skopeo and as eStargz and zstd:chunked converted by \`ctr-remote image convert\`. umoci 0.4 cannot unpack"
    echo "zstd layers: for those the baseline unpacks each layer with \`zstd -d | tar -x\` (the image has no whiteouts). The registry"
    echo "is the distribution registry (\`docker-registry serve\`) on 127.0.0.1; *bytes served* is the sum of its logged"
    echo "\`http.response.written\` over every request of the run (manifests and the configuration included; a Range"
    echo "request counts its range only), *% of blob bytes* relates it to the image's config and layer blobs. Times are"
    echo "wall clock, start-up included (\`dotnet UnionFs.Cli.dll --help\` alone takes $startup s here); *max RSS* is the"
    echo "process's (the baseline's: the largest of skopeo, umoci and cat) from GNU time. *Empty cache* runs with"
    echo "\`UNIONFS_CACHE_DIR\` in a fresh directory, *warm cache* is the same command again."
    echo
    echo "$passed of ${#targets[@]} targets met."
    echo
    echo "| Workload | Target | Measured | Result |"
    echo "|---|---|---:|---|"
    printf '%s\n' "${targets[@]}"
    echo
    echo "| Form | Blob bytes | Run | Bytes served | % of blob bytes | Requests | Time | Max RSS |"
    echo "|---|---:|---|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    if [ ${#big_rows[@]} -gt 0 ]; then
        echo
        echo "### Memory on a large image"
        echo
        echo "A second image of about $(bytes $((BIG_FILES * BIG_MIB * 1048576))): the same base layer and $BIG_FILES layers each holding one"
        echo "$BIG_MIB MiB random file. Layers are streamed, never held whole: the target is a process under 200 MB whatever the"
        echo "image's size."
        echo
        echo "| Form | Blob bytes | Run | Bytes served | Time | Max RSS |"
        echo "|---|---:|---|---:|---:|---:|"
        printf '%s\n' "${big_rows[@]}"
    fi
    echo
    echo "### Machine"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Cores: $(nproc)"
    echo "- CPU: $cpu"
    echo "- Kernel: $(uname -r)"
    echo "- .NET: $runtime"
    echo "- Tools: $(docker-registry --version | awk '{ print "docker-registry " $NF }'), $(skopeo --version), $(umoci --version)$(command -v ctr-remote > /dev/null && ctr-remote --version | awk '{ print ", ctr-remote " $NF }')"
    echo
    echo "Reproduce: \`benchmarks/registry-comparison.sh --write\` (it took $(( ($(date +%s) - started + 59) / 60 )) min here; \`BIG=0\` skips the large image)."
    echo "<!-- registry-comparison:end -->"
} > "$section"

cat "$section"

if [ "$WRITE" = 1 ]; then
    python3 - "$OUTPUT" "$section" << 'PY'
import os, sys
output, section = sys.argv[1], open(sys.argv[2]).read().rstrip("\n") + "\n"
start, end = "<!-- registry-comparison:start -->", "<!-- registry-comparison:end -->"
text = open(output).read() if os.path.exists(output) else ""
if start in text and end in text and text.index(start) < text.index(end):
    rest = text[text.index(end) + len(end):].lstrip("\n")
    text = text[: text.index(start)] + section + ("\n" + rest if rest else "")
else:
    text = text.rstrip("\n") + ("\n\n" if text else "") + section
open(output, "w").write(text)
PY
    say "wrote the section into $OUTPUT"
fi
