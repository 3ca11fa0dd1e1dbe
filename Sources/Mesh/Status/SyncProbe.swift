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

    /// What `waitForSync` saw last: each remote's state, and whether istiod
    /// answered at all (when it did, a remote it does not report is one it has not loaded).
    struct SyncOutcome {
        var states: [String: RemoteSyncState]
        var istiodAnswered: Bool
    }

    /// Asks until every remote in `names` is synced, istiod cannot be asked, or
    /// `timeout` seconds pass; returns the last state of each. `progress` gets
    /// what is still pending, when that changes, and the seconds waited so far.
    func waitForSync(of names: [String], timeout: Double, pollInterval: Double = 1,
                     progress: (String, Double) -> Void) -> SyncOutcome
    {
        let started = clock.monotonicSeconds()
        var lastReported = ""
        func report(_ state: String, _ elapsed: Double) {
            if state != lastReported {
                lastReported = state
                progress(state, elapsed)
            }
        }
        while true {
            let elapsed = clock.monotonicSeconds() - started
            switch probe() {
            case .failure(let failure):
                // istiod may be a moment away from answering; past a short grace, say why it cannot be asked.
                if elapsed >= min(timeout, Self.unreachableGrace) {
                    return SyncOutcome(states: Dictionary(uniqueKeysWithValues: names.map { ($0, .unknown(failure.reason)) }),
                                       istiodAnswered: false)
                }
                report("istiod cannot be asked yet: \(failure.reason)", elapsed)
                clock.sleep(seconds: pollInterval)
            case .success(let states):
                let pending = names.filter { states[$0] != .synced }
                if pending.isEmpty || elapsed >= timeout {
                    var out: [String: RemoteSyncState] = [:]
                    for name in names {
                        out[name] = states[name]
                            ?? .unknown("istiod did not report \(name) within \(GoDuration(nanoseconds: Int64(timeout * 1e9)))")
                    }
                    return SyncOutcome(states: out, istiodAnswered: true)
                }
                report(pending.map { "\($0): \(states[$0].map(\.description) ?? "not reported yet")" }.joined(separator: ", "), elapsed)
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
