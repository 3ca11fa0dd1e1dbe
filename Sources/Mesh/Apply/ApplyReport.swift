/// What applying one set of objects to one cluster did: which objects were
/// created, changed, left as they were, and pruned (in the set before, no
/// longer rendered).
public struct ApplyReport: Sendable, Equatable {
    public var created: [String] = []
    public var configured: [String] = []
    public var unchanged: [String] = []
    public var pruned: [String] = []
    /// Objects a `--dry-run` would apply.
    public var planned: [String] = []
    /// Fields left to Istio's runtime controllers (`Kind ns/name: .path (manager "pilot-discovery")`).
    public var leftToIstio: [String] = []
    /// Objects whose fields `--force-conflicts` took from other managers.
    public var forced: [String] = []

    public init() {}

    public var applied: Int { created.count + configured.count + unchanged.count }
    public var changedAnything: Bool { !created.isEmpty || !configured.isEmpty || !pruned.isEmpty }

    /// `applied 17 objects (3 created, 14 unchanged)`, or `17 objects unchanged`.
    public var summary: String {
        var text: String
        if !planned.isEmpty {
            return "would apply \(count(planned.count, "object"))"
        }
        if !changedAnything {
            text = "\(count(applied, "object")) unchanged"
        } else {
            var parts: [String] = []
            if !created.isEmpty { parts.append("\(created.count) created") }
            if !configured.isEmpty { parts.append("\(configured.count) configured") }
            if !unchanged.isEmpty { parts.append("\(unchanged.count) unchanged") }
            text = "applied \(count(applied, "object"))"
            if !parts.isEmpty { text += " (\(parts.joined(separator: ", ")))" }
            if !pruned.isEmpty { text += ", pruned \(pruned.count)" }
        }
        if !forced.isEmpty { text += ", took over fields of \(count(forced.count, "object"))" }
        if !leftToIstio.isEmpty { text += ", \(count(leftToIstio.count, "field")) left to istiod" }
        return text
    }

    public static func + (a: ApplyReport, b: ApplyReport) -> ApplyReport {
        var out = a
        out.created += b.created
        out.configured += b.configured
        out.unchanged += b.unchanged
        out.pruned += b.pruned
        out.planned += b.planned
        out.leftToIstio += b.leftToIstio
        out.forced += b.forced
        return out
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
