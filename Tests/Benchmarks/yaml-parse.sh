#!/bin/sh
# Parse time of a large kubeconfig: 1,000 contexts, each cluster and user carrying
# base64 certificate data (~4.7 MB in all), parsed in-process by mesh-bench
# (release build). Target: <= 40 ms. Also times JSON.parse on the same kubeconfig
# written as JSON.
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
python3 - "$work/kubeconfig" "$work/kubeconfig.json" <<'PY'
import json, sys
# The generated file is simple enough to rebuild as JSON without a YAML library.
lines = open(sys.argv[1]).read().splitlines()
doc = {"apiVersion": "v1", "kind": "Config", "preferences": {}, "current-context": "ctx-0"}
section = None
for line in lines:
    if line in ("clusters:", "contexts:", "users:"):
        section = line[:-1]; doc[section] = []; continue
    if section is None: continue
    text = line.strip()
    if text.startswith("- "): doc[section].append({}); text = text[2:]
    key, _, value = text.partition(":")
    value = value.strip()
    item = doc[section][-1]
    if line.startswith("    "):
        inner = [k for k in item if isinstance(item[k], dict)][-1]
        item[inner][key] = value
    elif value == "":
        item[key] = {}
    else:
        item[key] = value
json.dump(doc, open(sys.argv[2], "w"), indent=2)
PY

swift build -c release --product mesh-bench >/dev/null
printf 'kubeconfig: %s bytes\n' "$(wc -c < "$work/kubeconfig" | tr -d ' ')"
bin="$(swift build -c release --show-bin-path)"
"$bin/mesh-bench" yaml-parse "$work/kubeconfig" "$runs"
printf 'kubeconfig.json: %s bytes\n' "$(wc -c < "$work/kubeconfig.json" | tr -d ' ')"
"$bin/mesh-bench" json-parse "$work/kubeconfig.json" "$runs"
