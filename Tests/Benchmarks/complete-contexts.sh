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
. "$(dirname "$0")/lib.sh"
runs="${1:-30}"

mesh=$(plugin_release)
printf '%-14s %10s %12s %12s %8s\n' kubeconfig bytes kubectl-mesh kubectl ratio
for count in 5 1000; do
    file="$work/kubeconfig-$count"
    write_kubeconfig "$count" "$file"
    export KUBECONFIG="$file"
    expected=$(kubectl __complete config use-context '' 2>/dev/null | grep -vc '^:')
    got=$("$mesh" __complete contexts --context '' | grep -vc '^:')
    if [ "$expected" != "$got" ]; then
        echo "kubectl offers $expected contexts, kubectl-mesh $got" >&2
        exit 1
    fi
    mesh_ms=$(mean_ms "$runs" "$mesh" __complete contexts --context '')
    kubectl_ms=$(mean_ms "$runs" kubectl __complete config use-context '')
    ratio=$(awk -v m="$mesh_ms" -v k="$kubectl_ms" 'BEGIN { printf "1/%.1f", k / m }')
    printf '%-14s %10s %10s ms %9s ms %8s\n' "$count contexts" "$(wc -c < "$file" | tr -d ' ')" "$mesh_ms" "$kubectl_ms" "$ratio"
done
