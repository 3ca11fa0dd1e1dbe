#!/bin/sh
# Whole-process time of rendering Istio's istiod and base charts (~1 MB of
# CRDs) with `kubectl-mesh template` (static release build), beside Helm v4's
# own engine through helm-python-sdk (python3 + libhelm_c, as the oracle runs it).
# Targets: each <= 100 ms, and at least 2x faster than Helm's engine.
#
# Usage: Tests/Benchmarks/template.sh ISTIO_CHARTS_DIR [RUNS]
#   ISTIO_CHARTS_DIR  an Istio release's manifests/charts
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 ISTIO_CHARTS_DIR [RUNS]" >&2
    exit 2
fi
charts=$(cd "$1" && pwd)
runs="${2:-20}"
. "$(dirname "$0")/lib.sh"

mesh=$(plugin_release)

oracle=Tests/Fixtures/oracle/helm_oracle.py
have_helm=yes
python3 "$oracle" check >/dev/null 2>&1 || have_helm=no

printf '%-10s %14s %14s %8s\n' chart kubectl-mesh "helm v4 (py)" speedup
for case in "istiod istio-control/istio-discovery istiod" "base base istio-base"; do
    # shellcheck disable=SC2086
    set -- $case
    label=$1
    chart=$charts/$2
    release=$3
    ours=$(mean_ms "$runs" "$mesh" template "$chart" --name "$release" -n istio-system)
    if [ "$have_helm" = yes ]; then
        theirs=$(mean_ms "$runs" python3 "$oracle" template "$chart" "$release" istio-system)
        speedup=$(awk -v o="$ours" -v t="$theirs" 'BEGIN { printf "%.1fx", t / o }')
    else
        theirs="(not installed)"
        speedup="-"
    fi
    printf '%-10s %11s ms %11s ms %8s\n' "$label" "$ours" "$theirs" "$speedup"
done
if [ "$have_helm" = no ]; then
    echo "helm-python-sdk is not installed (pip install helm-python-sdk): Helm's times were skipped"
fi
