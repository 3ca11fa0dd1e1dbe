#!/bin/sh
# Parse time of a large kubeconfig: 1,000 contexts, each cluster and user carrying
# base64 certificate data (~4.7 MB in all), parsed in-process by mesh-bench
# (release build). Target: <= 40 ms.
#
# Usage: Tests/Benchmarks/yaml-parse.sh [RUNS]
set -eu
cd "$(dirname "$0")/../.."
runs="${1:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT INT TERM

python3 - "$work/kubeconfig" <<'PY'
import base64, random, sys
random.seed(7)
def blob(n):
    # n bytes of base64, like a PEM certificate or key encoded again
    return base64.b64encode(bytes(random.getrandbits(8) for _ in range(n * 3 // 4))).decode()[:n]
out = ["apiVersion: v1", "kind: Config", "preferences: {}", "current-context: ctx-0", "clusters:"]
for i in range(1000):
    out += [f"- cluster:", f"    certificate-authority-data: {blob(1440)}",
            f"    server: https://10.{i // 250}.{i % 250}.1:6443", f"  name: cluster-{i}"]
out.append("contexts:")
for i in range(1000):
    out += [f"- context:", f"    cluster: cluster-{i}", f"    namespace: ns-{i}", f"    user: user-{i}", f"  name: ctx-{i}"]
out.append("users:")
for i in range(1000):
    out += [f"- name: user-{i}", f"  user:", f"    client-certificate-data: {blob(1440)}",
            f"    client-key-data: {blob(1560)}"]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY

swift build -c release --product mesh-bench >/dev/null
printf 'kubeconfig: %s bytes\n' "$(wc -c < "$work/kubeconfig" | tr -d ' ')"
"$(swift build -c release --show-bin-path)/mesh-bench" yaml-parse "$work/kubeconfig" "$runs"
