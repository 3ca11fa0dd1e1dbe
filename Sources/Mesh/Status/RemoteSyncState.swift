/// How the primary's istiod sees a remote, from its
/// `istiod_remote_cluster_sync_status` gauge (istio `pkg/kube/multicluster`:
/// one sample per cluster and state, 1 for the state the cluster is in).
public enum RemoteSyncState: Sendable, Equatable, CustomStringConvertible {
    /// istiod has read the remote's services and endpoints.
    case synced
    /// istiod is still reading them.
    case syncing
    /// istiod gave up waiting for the initial sync (the remote's API server is slow or unreachable).
    case timeout
    /// istiod stopped watching the remote.
    case closed
    /// istiod could not be asked, or did not report this remote; the reason says why.
    case unknown(String)

    public var description: String {
        switch self {
        case .synced: return "synced"
        case .syncing: return "syncing"
        case .timeout: return "timeout"
        case .closed: return "closed"
        case .unknown: return "unknown"
        }
    }

    /// The reason behind `unknown`.
    public var reason: String? {
        if case .unknown(let why) = self { return why }
        return nil
    }

    public static let metricName = "istiod_remote_cluster_sync_status"

    /// Reads the gauge out of a Prometheus text exposition. Returns the state per
    /// cluster ID; nil when the text has no such metric at all (an istiod that
    /// predates it, Istio < 1.29).
    public static func parse(metrics text: String) -> [String: RemoteSyncState]? {
        var found = false
        var states: [String: RemoteSyncState] = [:]
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("#") {
                if line.contains(" \(metricName) ") || line.hasSuffix(" \(metricName)") { found = true }
                continue
            }
            guard line.hasPrefix(metricName) else { continue }
            let afterName = line.dropFirst(metricName.count)
            guard afterName.first == "{" || afterName.first == " " else { continue }
            found = true
            guard let sample = Sample(afterName), sample.value == 1,
                let cluster = sample.labels["cluster"], let status = sample.labels["status"]
            else { continue }
            if let type = sample.labels["cluster_type"], type != "remote" { continue }
            switch status {
            case "synced": states[cluster] = .synced
            case "syncing": states[cluster] = .syncing
            case "timeout": states[cluster] = .timeout
            case "closed": states[cluster] = .closed
            default: continue
            }
        }
        return found ? states : nil
    }

    /// One sample line after the metric name: `{k="v",…} VALUE [TIMESTAMP]`.
    private struct Sample {
        var labels: [String: String] = [:]
        var value: Double

        init?(_ text: Substring) {
            var rest = text
            if rest.first == "{" {
                rest = rest.dropFirst()
                while true {
                    rest = rest.drop { $0 == " " || $0 == "," }
                    if rest.first == "}" { rest = rest.dropFirst(); break }
                    guard let eq = rest.firstIndex(of: "=") else { return nil }
                    let key = rest[..<eq].trimmingCharacters(in: " ")
                    rest = rest[rest.index(after: eq)...].drop { $0 == " " }
                    guard rest.first == "\"" else { return nil }
                    rest = rest.dropFirst()
                    var value = ""
                    var escaped = false
                    var closed = false
                    while let c = rest.first {
                        rest = rest.dropFirst()
                        if escaped {
                            value.append(c == "n" ? "\n" : c)
                            escaped = false
                        } else if c == "\\" {
                            escaped = true
                        } else if c == "\"" {
                            closed = true
                            break
                        } else {
                            value.append(c)
                        }
                    }
                    guard closed else { return nil }
                    labels[key] = value
                }
            }
            let fields = rest.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first, let v = Double(first) else { return nil }
            value = v
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(self.drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
