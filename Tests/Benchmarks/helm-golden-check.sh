#!/bin/sh
# Renders Istio's charts with `kubectl-mesh template` and compares each output
# byte for byte with `helm template`'s (the golden files), for the
# primary-remote value sets. Local check only: it reads the two directories
# given and writes nothing but a temporary directory it removes.
#
# Usage: Tests/Benchmarks/helm-golden-check.sh ISTIO_CHARTS_DIR GOLDEN_DIR
#   ISTIO_CHARTS_DIR  an Istio release's manifests/charts
#   GOLDEN_DIR        holds base.yaml, istiod-{default,primary,remote}.yaml,
#                     gateway-{default,eastwest}.yaml (helm template output)
# KUBECTL_MESH=path uses that binary instead of building one.
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 ISTIO_CHARTS_DIR GOLDEN_DIR" >&2
    exit 2
fi
charts=$1
golden=$2
charts=$(cd "$charts" && pwd)
golden=$(cd "$golden" && pwd)
case ${KUBECTL_MESH:-/} in /*) ;; *) KUBECTL_MESH=$(pwd)/$KUBECTL_MESH ;; esac
. "$(dirname "$0")/lib.sh"

if [ -z "${KUBECTL_MESH:-}" ]; then
    swift build --product kubectl-mesh >/dev/null
    KUBECTL_MESH=$(swift build --product kubectl-mesh --show-bin-path)/kubectl-mesh
fi
failures=0

# check NAME GOLDEN CHART ARGS...: render and compare.
check() {
    name=$1
    expected=$golden/$2
    chart=$charts/$3
    shift 3
    if ! "$KUBECTL_MESH" template "$chart" "$@" >"$work/$name.yaml" 2>"$work/$name.err"; then
        echo "FAIL $name: kubectl-mesh template failed:"
        sed 's/^/    /' "$work/$name.err"
        failures=$((failures + 1))
    elif cmp -s "$work/$name.yaml" "$expected"; then
        echo "ok   $name ($(wc -c <"$expected" | tr -d ' ') bytes identical)"
    else
        echo "FAIL $name: differs from $expected:"
        diff "$expected" "$work/$name.yaml" | head -40 | sed 's/^/    /'
        failures=$((failures + 1))
    fi
}

ns="-n istio-system"
# shellcheck disable=SC2086
check base base.yaml base --name istio-base $ns
# shellcheck disable=SC2086
check base-primary base.yaml base --name istio-base $ns --set global.externalIstiod=true
# shellcheck disable=SC2086
check base-remote base.yaml base --name istio-base $ns --set profile=remote --set global.externalIstiod=true
# shellcheck disable=SC2086
check istiod-default istiod-default.yaml istio-control/istio-discovery --name istiod $ns
# shellcheck disable=SC2086
check istiod-primary istiod-primary.yaml istio-control/istio-discovery --name istiod $ns \
    --set pilot.env.EXTERNAL_ISTIOD=true --set global.meshID=mesh1 --set global.externalIstiod=true \
    --set global.multiCluster.clusterName=cluster1 --set global.network=network1
# shellcheck disable=SC2086
check istiod-remote istiod-remote.yaml istio-control/istio-discovery --name istiod $ns \
    --set profile=remote --set pilot.env.EXTERNAL_ISTIOD=true --set global.multiCluster.clusterName=cluster2 \
    --set global.network=network1 --set istiodRemote.injectionPath=/inject/cluster/cluster2/net/network1 \
    --set global.configCluster=true --set global.remotePilotAddress=192.0.2.10 --set pilot.enabled=false
# shellcheck disable=SC2086
check gateway-default gateway-default.yaml gateway --name istio-ingressgateway $ns
# shellcheck disable=SC2086
check gateway-eastwest gateway-eastwest.yaml gateway --name istio-eastwestgateway $ns \
    --set name=istio-eastwestgateway --set networkGateway=network1

if [ "$failures" -ne 0 ]; then
    echo "$failures case(s) differ"
    exit 1
fi
echo "all cases byte-identical to helm template"
