import Kube
import YAML

/// Asks the primary's istiod how it sees each remote. istiod's own debug
/// endpoints only answer loopback or authenticated xDS callers, so the probe
/// goes where the API server can reach: the pod proxy to istiod's monitoring
/// port and its `istiod_remote_cluster_sync_status` gauge.
struct SyncProbe {
    static let monitoringPort = 15014
    /// Seconds to keep asking an istiod that does not answer before reporting "unknown".
    static let unreachableGrace = 3.0

    let session: ClusterSession
    let topology: Topology
    let clock: any KubeClock

    /// The states istiod reports now, or why istiod cannot be asked.
    func probe() -> Result<[String: RemoteSyncState], ProbeFailure> {
        let client = session.client
        let revision = topology.revision ?? "default"
        let pods: [Value]
        do {
            pods = try client.list(.pod, namespace: topology.namespace, labelSelector: "app=istiod,istio.io/rev=\(revision)").items
        } catch {
            return .failure(ProbeFailure("cannot list istiod's pods: \(error.message)"))
        }
        guard let pod = pods.first(where: Self.isReady) ?? pods.first,
            let name = pod["metadata"]?["name"]?.string
        else {
            return .failure(ProbeFailure("no istiod pod runs in \(topology.namespace) of \(topology.primary.name)"))
        }
        let text: String
        do {
            let bytes = try client.proxyGet(
                pod: name, namespace: topology.namespace, port: Self.monitoringPort, path: "metrics")
            text = String(decoding: bytes, as: UTF8.self)
        } catch {
            return .failure(ProbeFailure("cannot read istiod's metrics through the API server's pod proxy: \(error.message)"))
        }
        guard let states = RemoteSyncState.parse(metrics: text) else {
            return .failure(ProbeFailure(
                "istiod does not export \(RemoteSyncState.metricName) (Istio releases before 1.29 lack it)"))
        }
        return .success(states)
    }

    /// Asks until every remote in `names` is synced, istiod cannot be asked, or
    /// `timeout` seconds pass; returns the last state of each.
    func waitForSync(of names: [String], timeout: Double, pollInterval: Double = 1,
                     progress: (String) -> Void) -> [String: RemoteSyncState]
    {
        let started = clock.monotonicSeconds()
        var lastReported = ""
        while true {
            switch probe() {
            case .failure(let failure):
                // istiod may be a moment away from answering; past a short grace, say why it cannot be asked.
                let elapsed = clock.monotonicSeconds() - started
                if elapsed >= min(timeout, Self.unreachableGrace) {
                    return Dictionary(uniqueKeysWithValues: names.map { ($0, RemoteSyncState.unknown(failure.reason)) })
                }
                if failure.reason != lastReported {
                    lastReported = failure.reason
                    progress("istiod cannot be asked yet: \(failure.reason)")
                }
                clock.sleep(seconds: pollInterval)
            case .success(let states):
                let pending = names.filter { states[$0] != .synced }
                let elapsed = clock.monotonicSeconds() - started
                if pending.isEmpty || elapsed >= timeout {
                    var out: [String: RemoteSyncState] = [:]
                    for name in names {
                        out[name] = states[name]
                            ?? .unknown("istiod did not report \(name) within \(GoDuration(nanoseconds: Int64(timeout * 1e9)))")
                    }
                    return out
                }
                let state = pending.map { "\($0): \(states[$0].map(\.description) ?? "not reported yet")" }
                    .joined(separator: ", ")
                if state != lastReported {
                    lastReported = state
                    progress(state)
                }
                clock.sleep(seconds: min(pollInterval, max(0, timeout - elapsed)))
            }
        }
    }

    static func isReady(_ pod: Value) -> Bool {
        (pod["status"]?["conditions"]?.sequence ?? []).contains {
            $0["type"]?.string == "Ready" && $0["status"]?.string == "True"
        }
    }
}

/// Why istiod could not be asked.
struct ProbeFailure: Error, Equatable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
