#!/bin/sh
# Whole-process time of completing kubeconfig contexts, beside kubectl's own:
#   kubectl-mesh __complete contexts --context ''    (static release build)
#   kubectl __complete config use-context ''
# on a 5-context and a 1,000-context kubeconfig (each cluster and user carrying
# ~1.1 KB or more of base64 data; ~4.7 MB for 1,000 contexts).
# Targets: <= 10 ms on the small file; <= 1/8 of kubectl's time on the large one.
#
# Usage: Tests/Benchmarks/complete-contexts.sh [RUNS]
set -eu
cd "$(dirname "$0")/../.."
runs="${1:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT INT TERM

python3 - "$work" <<'PY'
import base64, os, random, sys
random.seed(11)
def blob(n):
    return base64.b64encode(os.urandom(n * 3 // 4)).decode()[:n]
def kubeconfig(count):
    out = ["apiVersion: v1", "kind: Config", "preferences: {}", "current-context: ctx-0", "clusters:"]
    for i in range(count):
        out += ["- cluster:", f"    certificate-authority-data: {blob(1440)}",
                f"    server: https://10.{i // 250}.{i % 250}.1:6443", f"  name: cluster-{i}"]
    out.append("contexts:")
    for i in range(count):
        out += ["- context:", f"    cluster: cluster-{i}", f"    namespace: ns-{i}", f"    user: user-{i}",
                f"  name: ctx-{i}"]
    out.append("users:")
    for i in range(count):
        out += [f"- name: user-{i}", "  user:", f"    client-certificate-data: {blob(1440)}",
                f"    client-key-data: {blob(1560)}"]
    return "\n".join(out) + "\n"
for count in (5, 1000):
    with open(f"{sys.argv[1]}/kubeconfig-{count}", "w") as f:
        f.write(kubeconfig(count))
PY

scratch=.build-release-static
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product kubectl-mesh >/dev/null
mesh="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/kubectl-mesh"

# Mean wall time of a command in milliseconds, over $runs runs (after one warm-up).
mean_ms() {
    "$@" >/dev/null 2>&1 || true
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine --style none --warmup 2 --runs "$runs" --export-json "$work/h.json" -N "$*" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1000))' "$work/h.json"
        return
    fi
    start=$(date +%s%N)
    i=0
    while [ "$i" -lt "$runs" ]; do
        "$@" >/dev/null 2>&1 || true
        i=$((i + 1))
    done
    end=$(date +%s%N)
    python3 -c 'import sys; print("%.1f" % ((int(sys.argv[2]) - int(sys.argv[1])) / 1e6 / int(sys.argv[3])))' "$start" "$end" "$runs"
}

printf '%-14s %10s %12s %12s %8s\n' kubeconfig bytes kubectl-mesh kubectl ratio
for count in 5 1000; do
    file="$work/kubeconfig-$count"
    export KUBECONFIG="$file"
    expected=$(kubectl __complete config use-context '' 2>/dev/null | grep -vc '^:')
    got=$("$mesh" __complete contexts --context '' | grep -vc '^:')
    if [ "$expected" != "$got" ]; then
        echo "kubectl offers $expected contexts, kubectl-mesh $got" >&2
        exit 1
    fi
    mesh_ms=$(mean_ms "$mesh" __complete contexts --context '')
    kubectl_ms=$(mean_ms kubectl __complete config use-context '')
    ratio=$(python3 -c 'import sys; print("1/%.1f" % (float(sys.argv[2]) / float(sys.argv[1])))' "$mesh_ms" "$kubectl_ms")
    printf '%-14s %10s %10s ms %9s ms %8s\n' "$count contexts" "$(wc -c < "$file" | tr -d ' ')" "$mesh_ms" "$kubectl_ms" "$ratio"
done
