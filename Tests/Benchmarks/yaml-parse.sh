#!/bin/sh
# Parse time of a large kubeconfig: 1,000 contexts, each cluster and user carrying
# base64 certificate data (~4.7 MB in all), parsed in-process by mesh-bench
# (release build). Target: <= 40 ms. Also times JSON.parse on the same kubeconfig
# written as JSON.
#
# Usage: Tests/Benchmarks/yaml-parse.sh [RUNS]
set -eu
. "$(dirname "$0")/lib.sh"
runs="${1:-20}"

write_kubeconfig 1000 "$work/kubeconfig"
write_kubeconfig 1000 "$work/kubeconfig.json" json
bench=$(mesh_bench)
printf 'kubeconfig: %s bytes\n' "$(wc -c < "$work/kubeconfig" | tr -d ' ')"
"$bench" yaml-parse "$work/kubeconfig" "$runs"
printf 'kubeconfig.json: %s bytes\n' "$(wc -c < "$work/kubeconfig.json" | tr -d ' ')"
"$bench" json-parse "$work/kubeconfig.json" "$runs"
