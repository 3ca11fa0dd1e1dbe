import YAML

/// Reading and stamping the metadata kubectl-mesh cares about on a Kubernetes
/// object held as a `Value`.
extension Value {
    /// Sets `metadata.<field>.<key>` (labels or annotations), creating the maps as needed.
    mutating func setMetadata(_ field: String, _ key: String, _ value: String) {
        setValue(.string(value), at: ["metadata", field, key])
    }

    /// `metadata.labels[key]`, if set.
    func label(_ key: String) -> String? { self["metadata"]?["labels"]?[key]?.string }

    /// `metadata.annotations[key]`, if set.
    func annotation(_ key: String) -> String? { self["metadata"]?["annotations"]?[key]?.string }

    /// `Kind namespace/name` or `Kind name`, for messages.
    var objectDescription: String {
        let kind = self["kind"]?.string ?? "object"
        let name = self["metadata"]?["name"]?.string ?? "?"
        if let namespace = self["metadata"]?["namespace"]?.string, !namespace.isEmpty { return "\(kind) \(namespace)/\(name)" }
        return "\(kind) \(name)"
    }
}
