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
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT INT TERM

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
    ours=$(mean_ms "$mesh" template "$chart" --name "$release" -n istio-system)
    if [ "$have_helm" = yes ]; then
        theirs=$(mean_ms python3 "$oracle" template "$chart" "$release" istio-system)
        speedup=$(python3 -c 'import sys; print("%.1fx" % (float(sys.argv[2]) / float(sys.argv[1])))' "$ours" "$theirs")
    else
        theirs="(not installed)"
        speedup="-"
    fi
    printf '%-10s %11s ms %11s ms %8s\n' "$label" "$ours" "$theirs" "$speedup"
done
if [ "$have_helm" = no ]; then
    echo "helm-python-sdk is not installed (pip install helm-python-sdk): Helm's times were skipped"
fi
