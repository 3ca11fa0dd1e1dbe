import YAML

/// Reading and stamping the few fields of a Kubernetes object (a `Value`) that
/// the mesh needs: its identity, its labels and annotations.
public struct ObjectIdentity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    /// Empty for cluster-scoped objects.
    public var namespace: String
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String = "", name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// Nil when the object lacks `apiVersion`, `kind` or `metadata.name`.
    public init?(_ object: Value) {
        guard let apiVersion = object["apiVersion"]?.string, let kind = object["kind"]?.string,
            let name = object["metadata"]?["name"]?.string, !name.isEmpty
        else { return nil }
        self.init(apiVersion: apiVersion, kind: kind, namespace: object["metadata"]?["namespace"]?.string ?? "", name: name)
    }

    /// The API group (`""` for the core group).
    public var group: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// `Kind.group` as ApplySet annotations spell group-kinds (`Deployment.apps`, `Service`).
    public var groupKind: String { group.isEmpty ? kind : "\(kind).\(group)" }

    /// `Deployment istio-system/istiod`
    public var description: String { namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)" }

    public static func < (a: ObjectIdentity, b: ObjectIdentity) -> Bool {
        (a.groupKind, a.namespace, a.name) < (b.groupKind, b.namespace, b.name)
    }
}

extension Value {
    /// Sets `metadata.<field>.<key>` (labels or annotations), creating the maps as needed.
    mutating func setMetadata(_ field: String, _ key: String, _ value: String) {
        var metadata = self["metadata"]?.mapping ?? Mapping()
        var entries = metadata[field]?.mapping ?? Mapping()
        entries[key] = .string(value)
        metadata[field] = .mapping(entries)
        self["metadata"] = .mapping(metadata)
    }

    /// `metadata.labels[key]`, if set.
    func label(_ key: String) -> String? { self["metadata"]?["labels"]?[key]?.string }

    /// `metadata.annotations[key]`, if set.
    func annotation(_ key: String) -> String? { self["metadata"]?["annotations"]?[key]?.string }
}
