#!/bin/sh
# Whole-process time of `kubectl mesh join-remote` against two test API servers
# (Tests/TestCluster/server, instant controllers) with the istio-like test charts:
#   - a fresh join (every stage, from empty clusters),
#   - the re-run on the joined mesh (every stage unchanged),
# and, for the same objects (taken from --dry-run -o json on fresh clusters),
# `kubectl apply --server-side` of each stage's objects in stage order, as a
# person following the guide by hand would (no waits, no token, no checks).
# Targets (DESIGN.md §7): the fresh join <= 3 s, and <= 0.5 x kubectl's time.
#
# Usage: Tests/Benchmarks/join-remote.sh [RUNS]
set -eu
keeper=""
bench_cleanup() { if [ -n "$keeper" ]; then kill "$keeper" 2>/dev/null || true; fi; }
. "$(dirname "$0")/lib.sh"
root=$bench_root
runs="${1:-5}"

mesh=$(plugin_release)
kubectl="$(command -v kubectl)"
charts="$root/Tests/Fixtures/charts/istio-like"

# The servers exit with this process (--parent-pid), so a crash leaves nothing behind.
sleep 100000 & keeper=$!

# Starts fresh east and west servers under $work/$1 and writes $work/$1/kubeconfig.
start_clusters() {
    dir="$work/$1"
    mkdir -p "$dir"
    i=2
    for name in east west; do
        mkdir -p "$dir/$name"
        python3 -S "$root/Tests/TestCluster/server/server.py" --dir "$dir/$name" --name "$name" \
            --context "kind-$name" --endpoint-address "172.18.0.$i" --parent-pid "$keeper" \
            </dev/null >"$dir/$name.log" 2>&1 &
        i=$((i + 1))
    done
    for name in east west; do
        n=0
        until [ -f "$dir/$name/ready.json" ]; do
            n=$((n + 1)); [ "$n" -gt 200 ] && { echo "server $name did not start" >&2; cat "$dir/$name.log" >&2; exit 1; }
            sleep 0.05
        done
    done
    python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
clusters, users, contexts = [], [], []
for name in ("east", "west"):
    info = json.load(open(f"{d}/{name}/ready.json"))
    clusters.append(f'- name: {name}\n  cluster:\n    server: {info["server"]}\n    certificate-authority: {info["caCertificate"]}')
    users.append(f'- name: {name}-admin\n  user:\n    client-certificate: {info["adminCertificate"]}\n    client-key: {info["adminKey"]}')
    contexts.append(f'- name: kind-{name}\n  context:\n    cluster: {name}\n    user: {name}-admin')
# istiod's pods answer the pod proxy with the sync gauge (what a running istiod reports).
import urllib.request
east = json.load(open(f"{d}/east/ready.json"))
metrics = "".join(f'istiod_remote_cluster_sync_status{{cluster="west",cluster_type="remote",status="{s}"}} {int(s == "synced")}\n'
                  for s in ("synced", "syncing", "timeout", "closed"))
body = json.dumps({"proxyResponses": [{"namespace": "istio-system", "pod": "istiod-.*", "port": "15014",
                                       "path": "/?metrics", "status": 200, "contentType": "text/plain", "body": metrics}]})
urllib.request.urlopen(urllib.request.Request(east["controlURL"] + "/__test/config", data=body.encode(), method="PATCH",
                                              headers={"Content-Type": "application/json"})).read()
with open(f"{d}/kubeconfig", "w") as f:
    f.write("apiVersion: v1\nkind: Config\ncurrent-context: kind-east\nclusters:\n" + "\n".join(clusters)
            + "\nusers:\n" + "\n".join(users) + "\ncontexts:\n" + "\n".join(contexts) + "\n")
PY
}

stop_clusters() {
    for name in east west; do
        pid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$work/$1/$name/ready.json")
        kill "$pid" 2>/dev/null || true
    done
}


join() {
    config="$1"; shift
    KUBECONFIG="$config" NO_COLOR=1 "$mesh" join-remote --primary kind-east --remote kind-west --istio "$charts" \
        --cluster-name kind-east=east --cluster-name kind-west=west --remote-api-server kind-west=auto \
        --timeout 30s "$@"
}

"$mesh" version >/dev/null 2>&1 || true  # warm the page cache
fresh_total=0; rerun_total=0; kubectl_total=0
run=1
while [ "$run" -le "$runs" ]; do
    # kubectl-mesh: a fresh join, then the re-run.
    start_clusters "mesh-$run"
    cfg="$work/mesh-$run/kubeconfig"
    t0=$(now_ms)
    join "$cfg" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    t1=$(now_ms)
    join "$cfg" >"$work/out2" 2>"$work/err2" || { cat "$work/err2" >&2; exit 1; }
    t2=$(now_ms)
    grep -q "Nothing to change" "$work/out2" || { echo "the re-run changed something:" >&2; cat "$work/err2" >&2; exit 1; }
    [ "$run" -eq 1 ] && cp "$work/err" "$work/transcript-join" && cp "$work/err2" "$work/transcript-rerun"
    fresh=$((t1 - t0)); rerun=$((t2 - t1))
    stop_clusters "mesh-$run"

    # kubectl apply --server-side of the same objects, stage by stage, on fresh clusters.
    start_clusters "kubectl-$run"
    cfg="$work/kubectl-$run/kubeconfig"
    join "$cfg" --dry-run -o json >"$work/plan.json" 2>/dev/null
    python3 - "$work/plan.json" "$work/kubectl-$run" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
with open(f"{sys.argv[2]}/steps", "w") as steps:
    for i, stage in enumerate(plan["stages"]):
        path = f"{sys.argv[2]}/step-{i}.json"
        json.dump({"apiVersion": "v1", "kind": "List", "items": stage["objects"]}, open(path, "w"))
        steps.write(f'{stage["context"]} {path}\n')
PY
    t3=$(now_ms)
    while read -r context file; do
        KUBECONFIG="$cfg" "$kubectl" apply --server-side --force-conflicts --field-manager kubectl-mesh \
            --context "$context" -f "$file" >/dev/null 2>"$work/kerr" || { cat "$work/kerr" >&2; exit 1; }
    done <"$work/kubectl-$run/steps"
    t4=$(now_ms)
    applied=$((t4 - t3))
    stop_clusters "kubectl-$run"

    echo "run $run: join ${fresh} ms, re-run ${rerun} ms, kubectl apply --server-side ${applied} ms"
    fresh_total=$((fresh_total + fresh)); rerun_total=$((rerun_total + rerun)); kubectl_total=$((kubectl_total + applied))
    run=$((run + 1))
done

objects=$(python3 -c 'import json,sys; print(sum(len(s["objects"]) for s in json.load(open(sys.argv[1]))["stages"]))' "$work/plan.json")
python3 - "$fresh_total" "$rerun_total" "$kubectl_total" "$runs" "$objects" <<'PY'
import sys
fresh, rerun, kubectl, runs, objects = (int(x) for x in sys.argv[1:6])
f, r, k = fresh / runs, rerun / runs, kubectl / runs
print(f"mean over {runs} runs ({objects} objects on 2 clusters):")
print(f"  join-remote, fresh clusters:            {f:7.0f} ms   (target <= 3000 ms: {'ok' if f <= 3000 else 'MISSED'})")
print(f"  join-remote, re-run (all unchanged):    {r:7.0f} ms")
print(f"  kubectl apply --server-side, by stage:  {k:7.0f} ms")
print(f"  join / kubectl:                         {f / k:7.2f}      (target <= 0.50: {'ok' if f / k <= 0.5 else 'MISSED'})")
PY
echo
echo "transcript of the first join:"; cat "$work/transcript-join"
echo "transcript of its re-run:"; cat "$work/transcript-rerun"
