import Synchronization
import YAML

/// The objects a `--dry-run` would apply, stage by stage and cluster by
/// cluster, with every Secret's data redacted.
public final class DryRunPlan: Sendable {
    public struct Entry: Sendable, Equatable {
        public var stage: Stage
        public var cluster: ClusterRef
        public var objects: [Value]
    }

    private let collected = Mutex<[Entry]>([])

    public init() {}

    public var entries: [Entry] { collected.withLock { $0 } }

    func add(_ stage: Stage, _ cluster: ClusterRef, _ objects: [Value]) {
        let redacted = objects.map(Self.redacted)
        collected.withLock { entries in
            // One entry per stage and cluster, whatever number of sets it applies there.
            if let last = entries.last, last.stage == stage, last.cluster == cluster {
                entries[entries.count - 1].objects += redacted
            } else {
                entries.append(Entry(stage: stage, cluster: cluster, objects: redacted))
            }
        }
    }

    /// Stands in for the discovery address a dry run cannot wait for (TEST-NET-1, RFC 5737).
    public static let placeholderAddress = "192.0.2.1"

    /// Marks a redacted value; readable and still a valid Secret when applied.
    public static let redaction = "REDACTED"

    /// A Secret with each `data`/`stringData` value replaced by `REDACTED` (in
    /// `stringData`, so the manifest stays valid); other objects as they are.
    public static func redacted(_ object: Value) -> Value {
        guard object["kind"]?.string == "Secret", (object["apiVersion"]?.string ?? "v1") == "v1" else { return object }
        var out = object
        var keys: [String] = []
        for field in ["data", "stringData"] {
            for entry in object[field]?.mapping ?? Mapping() {
                if let key = entry.key.string, !keys.contains(key) { keys.append(key) }
            }
            out[field] = nil
        }
        if !keys.isEmpty {
            var redactedData = Mapping()
            for key in keys { redactedData[key] = .string(redaction) }
            out["stringData"] = .mapping(redactedData)
        }
        return out
    }
}
