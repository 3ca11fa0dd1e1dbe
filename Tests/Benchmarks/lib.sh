# Shared by the benchmark scripts; source it first:  . "$(dirname "$0")/lib.sh"
# (POSIX sh, so sh and bash scripts can both use it.)
#
# Sourcing it moves to the repository's top directory and makes a scratch
# directory $work, removed when the script ends; a script that has more to
# clean up (servers it started) defines bench_cleanup, which runs first.
#
#   now_ms                     the wall clock in milliseconds
#   median                     the median of the numbers on standard input
#   mean_ms RUNS COMMAND...    mean wall time of COMMAND in ms (hyperfine when installed)
#   plugin_release             builds kubectl-mesh as install.sh does (release,
#                              static Swift runtime) and prints its path
#   static_release PRODUCT     builds PRODUCT the same way (for whole-process
#                              timings of mesh-bench) and prints its path
#   mesh_bench                 builds mesh-bench (release) and prints its path
#   write_kubeconfig COUNT FILE [yaml|json]
#                              a kubeconfig with COUNT contexts, each cluster and
#                              user carrying base64 certificate data of real sizes
#                              (~4.7 MB for 1,000 contexts), the same bytes every time

cd "$(dirname "$0")/../.." || exit 1
bench_root=$(pwd)
work=$(mktemp -d)
bench_exit() {
    if command -v bench_cleanup >/dev/null 2>&1; then bench_cleanup; fi
    rm -rf "$work"
}
trap bench_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

median() {
    sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

mean_ms() {
    mean_runs=$1
    shift
    "$@" >/dev/null 2>&1 || true  # warm-up: page cache, dynamic loader
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine --style none --warmup 2 --runs "$mean_runs" --export-json "$work/hyperfine.json" -N "$*" >/dev/null 2>&1
        python3 -c 'import json, sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1000))' \
            "$work/hyperfine.json"
        return
    fi
    mean_start=$(date +%s%N)
    mean_i=0
    while [ "$mean_i" -lt "$mean_runs" ]; do
        "$@" >/dev/null 2>&1 || true
        mean_i=$((mean_i + 1))
    done
    mean_end=$(date +%s%N)
    awk -v s="$mean_start" -v e="$mean_end" -v n="$mean_runs" 'BEGIN { printf "%.1f\n", (e - s) / 1e6 / n }'
}

plugin_release() {
    static_release kubectl-mesh
}

static_release() {
    swift build -c release --static-swift-stdlib --scratch-path .build-release-static --product "$1" >/dev/null
    echo "$(swift build -c release --static-swift-stdlib --scratch-path .build-release-static --show-bin-path)/$1"
}

mesh_bench() {
    swift build -c release --product mesh-bench >/dev/null
    echo "$(swift build -c release --show-bin-path)/mesh-bench"
}

write_kubeconfig() {
    python3 - "$1" "$2" "${3:-yaml}" <<'PY'
import base64, json, random, sys
count, path, form = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(count)
def blob(n):
    # n characters of base64, like a PEM certificate or key encoded again
    return base64.b64encode(rng.randbytes(n * 3 // 4)).decode()[:n]
clusters = [{"cluster": {"certificate-authority-data": blob(1440), "server": f"https://10.{i // 250}.{i % 250}.1:6443"},
             "name": f"cluster-{i}"} for i in range(count)]
contexts = [{"context": {"cluster": f"cluster-{i}", "namespace": f"ns-{i}", "user": f"user-{i}"}, "name": f"ctx-{i}"}
            for i in range(count)]
users = [{"name": f"user-{i}", "user": {"client-certificate-data": blob(1440), "client-key-data": blob(1560)}}
         for i in range(count)]
config = {"apiVersion": "v1", "kind": "Config", "preferences": {}, "current-context": "ctx-0",
          "clusters": clusters, "contexts": contexts, "users": users}
with open(path, "w") as out:
    if form == "json":
        json.dump(config, out, indent=2)
        sys.exit()
    # Laid out as kubectl writes kubeconfigs (no YAML library needed).
    out.write("apiVersion: v1\nkind: Config\npreferences: {}\ncurrent-context: ctx-0\n")
    for section in ("clusters", "contexts", "users"):
        out.write(section + ":\n")
        for entry in config[section]:
            first = True
            for key, value in entry.items():
                out.write(("- " if first else "  ") + key + ":")
                first = False
                if isinstance(value, dict):
                    out.write("\n" + "".join(f"    {k}: {v}\n" for k, v in value.items()))
                else:
                    out.write(f" {value}\n")
PY
}
