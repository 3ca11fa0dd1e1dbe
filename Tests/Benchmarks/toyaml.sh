#!/bin/sh
# toYaml speed on Istio's CRDs, the way the base chart renders them (splitList,
# fromYaml, toYaml of ~1 MB), in-process through mesh-bench (release build).
# The CRD file is not part of this repository: pass it, or set ISTIO_HOME.
#
# Usage: Tests/Benchmarks/toyaml.sh [CRD_FILE] [RUNS]
set -eu
file="${1:-${ISTIO_HOME:-/nonexistent}/manifests/charts/base/files/crd-all.gen.yaml}"
runs="${2:-20}"
if [ ! -f "$file" ]; then
    echo "no CRD file: pass manifests/charts/base/files/crd-all.gen.yaml of an Istio release, or set ISTIO_HOME" >&2
    exit 2
fi
case $file in /*) ;; *) file=$(pwd)/$file ;; esac
. "$(dirname "$0")/lib.sh"
"$(mesh_bench)" toyaml "$file" "$runs"
