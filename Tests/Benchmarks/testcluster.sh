#!/usr/bin/env bash
# The test API server's own costs: start-up (to its ready line), stop, idle CPU,
# and request latency over one keep-alive TLS connection (GET, server-side apply
# create and no-op, list), printed as numbers.
#
#   [RUNS=10] [REQUESTS=200] [PYTHON=path] Tests/Benchmarks/testcluster.sh
set -euo pipefail

PID=""
bench_cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; fi; }
. "$(dirname "$0")/lib.sh"
ROOT=$bench_root
WORK=$work
RUNS=${RUNS:-10}
REQUESTS=${REQUESTS:-200}
# The harness's choice: the first python3 on PATH that is not a version-manager shim script.
if [ -z "${PYTHON:-}" ]; then
    for candidate in $(type -ap python3); do
        if [ "$(head -c 2 "$candidate")" != "#!" ]; then PYTHON=$candidate; break; fi
    done
    PYTHON=${PYTHON:-python3}
fi
SERVER="$ROOT/Tests/TestCluster/server/server.py"

# The harness runs the server with bytecode caching on; do the same.
unset PYTHONDONTWRITEBYTECODE

starts=()
stops=()
cpus=()
TICK=$(getconf CLK_TCK)
for i in $(seq 1 "$RUNS"); do
    rm -rf "$WORK/c"
    begin=$(now_ms)
    coproc SRV { exec "$PYTHON" -S "$SERVER" --dir "$WORK/c" --name bench 2>"$WORK/err"; }
    PID=$SRV_PID
    read -r _ <&"${SRV[0]}"
    ready=$(now_ms)
    # CPU spent by the server and its openssl children up to ready (independent of machine load)
    cpus+=($(awk -v t="$TICK" '{print int(($14 + $15 + $16 + $17) * 1000 / t)}' "/proc/$PID/stat"))
    kill "$PID"; wait "$PID" 2>/dev/null || true
    PID=""
    done_at=$(now_ms)
    starts+=($((ready - begin)))
    stops+=($((done_at - ready)))
done
echo "start-up to ready (ms, median of $RUNS): $(printf "%s\n" "${starts[@]}" | median)  [min $(printf '%s\n' "${starts[@]}" | sort -n | head -1), max $(printf '%s\n' "${starts[@]}" | sort -n | tail -1)]"
echo "CPU to ready, server + openssl (ms, median of $RUNS): $(printf "%s\n" "${cpus[@]}" | median)"
echo "stop after SIGTERM (ms, median of $RUNS): $(printf "%s\n" "${stops[@]}" | median)"

rm -rf "$WORK/c"
"$PYTHON" -S "$SERVER" --dir "$WORK/c" --name bench >"$WORK/out" 2>"$WORK/err" &
PID=$!
until [ -s "$WORK/out" ]; do sleep 0.01; done
ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
t0=$(ticks); sleep 5; t1=$(ticks)
echo "idle CPU over 5 s: $(( (t1 - t0) * 1000 / $(getconf CLK_TCK) )) ms"

"$PYTHON" - "$WORK/c/ready.json" "$REQUESTS" <<'PY'
import http.client, json, ssl, sys, time
info = json.load(open(sys.argv[1])); n = int(sys.argv[2])
ctx = ssl.create_default_context(cafile=info["caCertificate"])
ctx.load_cert_chain(info["adminCertificate"], info["adminKey"])
conn = http.client.HTTPSConnection("127.0.0.1", info["port"], context=ctx)
def call(method, path, body=None, ctype="application/json"):
    conn.request(method, path, body=body, headers={"Content-Type": ctype})
    r = conn.getresponse(); r.read(); return r.status
def cm(i):
    return json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"cm{i}", "labels": {"app": "bench"}},
                       "data": {f"k{j}": "v" * 40 for j in range(10)}})
def timed(label, fn):
    t = time.perf_counter()
    for i in range(n):
        fn(i)
    ms = (time.perf_counter() - t) * 1000
    print(f"{label}: {ms / n:.2f} ms per request ({n} requests)")
apply = "/api/v1/namespaces/default/configmaps/cm{}?fieldManager=bench"
timed("server-side apply, create", lambda i: call("PATCH", apply.format(i), cm(i), "application/apply-patch+yaml"))
timed("server-side apply, no-op", lambda i: call("PATCH", apply.format(i), cm(i), "application/apply-patch+yaml"))
timed("get", lambda i: call("GET", f"/api/v1/namespaces/default/configmaps/cm{i}"))
t = time.perf_counter(); call("GET", "/api/v1/namespaces/default/configmaps"); 
print(f"list of {n} configmaps: {(time.perf_counter() - t) * 1000:.1f} ms")
PY
