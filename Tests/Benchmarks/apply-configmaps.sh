#!/usr/bin/env bash
# Applies 100 ConfigMaps to a test cluster with kubectl-mesh's client
# (mesh-bench apply-configmaps, release build with the Swift runtime linked
# statically, as the installed plugin is; default client settings) and with
# `kubectl apply --server-side -f` of the same objects against the same
# server, and prints the whole-process wall times (median of RUNS) and their ratio.
# Target: client ≤ 0.5 × kubectl.
#
#   [RUNS=5] [COUNT=100] [CONCURRENCY=N] [KUBECTL=kubectl] Tests/Benchmarks/apply-configmaps.sh
#
# Without CONCURRENCY the client applies with its default concurrency.
set -euo pipefail

SERVER_PID=""
bench_cleanup() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; fi; }
. "$(dirname "$0")/lib.sh"
WORK=$work
RUNS=${RUNS:-5}
COUNT=${COUNT:-100}
CONCURRENCY=${CONCURRENCY:-}
CONCURRENCY_ARGS=()
[ -n "$CONCURRENCY" ] && CONCURRENCY_ARGS=("${CONCURRENCY_ARGS[@]}")
KUBECTL=${KUBECTL:-kubectl}
SERVER_SCRIPT=${SERVER_SCRIPT:-Tests/TestCluster/server/server.py}

command -v "$KUBECTL" >/dev/null || { echo "apply-configmaps: $KUBECTL not found" >&2; exit 1; }
BENCH=$(static_release mesh-bench)

python3 "$SERVER_SCRIPT" --dir "$WORK/cluster" --name bench >"$WORK/server.out" 2>"$WORK/server.err" </dev/null &
SERVER_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/cluster/ready.json" ] && break; sleep 0.1; done
[ -s "$WORK/cluster/ready.json" ] || { echo "apply-configmaps: the test server did not start" >&2; cat "$WORK/server.err" >&2; exit 1; }
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$WORK/cluster/ready.json" "$1"; }
KUBECONFIG_FILE=$(field kubeconfig)

# The same objects mesh-bench builds in memory (ApplyConfigMaps.swift).
manifests() {
    local prefix=$1
    for i in $(seq 0 $((COUNT - 1))); do
        printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s-%d\n  namespace: default\n  labels:\n    app.kubernetes.io/managed-by: mesh-bench\ndata:\n  index: "%d"\n  mesh: mesh1\n  network: network1\n---\n' "$prefix" "$i" "$i"
    done
}


# kubectl caches discovery on disk; give it its own cache, warmed by one untimed run.
KUBECTL_ARGS=(--kubeconfig "$KUBECONFIG_FILE" --cache-dir "$WORK/kube-cache" apply --server-side --validate=false)
manifests warmup-kubectl >"$WORK/warmup.yaml"
"$KUBECTL" "${KUBECTL_ARGS[@]}" -f "$WORK/warmup.yaml" >/dev/null
"$BENCH" apply-configmaps --kubeconfig "$KUBECONFIG_FILE" --count "$COUNT" \
    --prefix warmup-client "${CONCURRENCY_ARGS[@]}" >/dev/null

kubectl_times=(); client_times=(); unchanged_kubectl=(); unchanged_client=()
for run in $(seq 1 "$RUNS"); do
    manifests "k$run" >"$WORK/k$run.yaml"
    # New objects (what an install does) …
    t0=$(now_ms); "$KUBECTL" "${KUBECTL_ARGS[@]}" -f "$WORK/k$run.yaml" >/dev/null; t1=$(now_ms)
    kubectl_times+=($((t1 - t0)))
    t0=$(now_ms)
    "$BENCH" apply-configmaps --kubeconfig "$KUBECONFIG_FILE" --count "$COUNT" \
        --prefix "c$run" "${CONCURRENCY_ARGS[@]}" >/dev/null
    t1=$(now_ms)
    client_times+=($((t1 - t0)))
    # … and the same objects again (what a re-run does: nothing changes).
    t0=$(now_ms); "$KUBECTL" "${KUBECTL_ARGS[@]}" -f "$WORK/k$run.yaml" >/dev/null; t1=$(now_ms)
    unchanged_kubectl+=($((t1 - t0)))
    t0=$(now_ms)
    "$BENCH" apply-configmaps --kubeconfig "$KUBECONFIG_FILE" --count "$COUNT" \
        --prefix "c$run" "${CONCURRENCY_ARGS[@]}" >/dev/null
    t1=$(now_ms)
    unchanged_client+=($((t1 - t0)))
done

report() {
    local label=$1; shift
    local k c
    k=$(printf '%s\n' "${@:1:$RUNS}" | median)
    c=$(printf '%s\n' "${@:$((RUNS + 1))}" | median)
    printf '%-26s kubectl %6s ms   client %6s ms   ratio %.2f\n' "$label" "$k" "$c" "$(echo "$c $k" | awk '{printf "%.4f", $1 / $2}')"
}
echo "apply-configmaps: $COUNT ConfigMaps, median of $RUNS runs, client concurrency ${CONCURRENCY:-default} (target ratio ≤ 0.50)"
report "create (new objects)" "${kubectl_times[@]}" "${client_times[@]}"
report "re-apply (unchanged)" "${unchanged_kubectl[@]}" "${unchanged_client[@]}"
