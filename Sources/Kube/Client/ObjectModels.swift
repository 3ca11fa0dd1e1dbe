import YAML

/// What a server-side apply did.
public struct ApplyResult: Sendable {
    /// The object as the server holds it after the apply.
    public var object: Value
    /// True when the object did not exist before (the server answered 201).
    public var created: Bool
    /// Warnings the server attached (deprecated API versions, unknown fields).
    public var warnings: [String]

    public init(object: Value, created: Bool, warnings: [String] = []) {
        self.object = object
        self.created = created
        self.warnings = warnings
    }

    public var resourceVersion: String? { object["metadata"]?["resourceVersion"]?.string }

    /// Whether the apply changed the object, given its resourceVersion before
    /// (nil when it was not known to exist). An apply that changes nothing
    /// leaves resourceVersion as it was.
    public func changed(from previousResourceVersion: String?) -> Bool {
        if created { return true }
        guard let previousResourceVersion else { return true }
        return resourceVersion != previousResourceVersion
    }
}

/// The objects of a list, and the resourceVersion to watch from for changes after it.
public struct ObjectList: Sendable {
    /// Each item with its `apiVersion` and `kind` filled in (list items come without them).
    public var items: [Value]
    public var resourceVersion: String

    public init(items: [Value], resourceVersion: String) {
        self.items = items
        self.resourceVersion = resourceVersion
    }
}

/// How a patch body is to be read.
public enum PatchType: String, Sendable {
    /// RFC 7386 JSON merge patch.
    case merge = "application/merge-patch+json"
    /// RFC 6902 JSON patch (a list of operations; not idempotent in general).
    case json = "application/json-patch+json"
    /// Kubernetes' strategic merge patch (built-in kinds only).
    case strategicMerge = "application/strategic-merge-patch+json"
}

/// What happens to an object's dependents when it is deleted.
public enum PropagationPolicy: String, Sendable {
    case background = "Background"
    case foreground = "Foreground"
    case orphan = "Orphan"
}

/// A label or field selector, e.g. `app=istiod,istio.io/rev!=canary`.
public typealias Selector = String

/// An object's identity, read from a manifest.
public struct ObjectIdentity: Sendable, Hashable, CustomStringConvertible {
    public var kind: GroupVersionKind
    public var name: String
    /// As written in the manifest; nil when it says none.
    public var namespace: String?

    public init(kind: GroupVersionKind, name: String, namespace: String?) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    /// `Deployment istio-system/istiod`.
    public var description: String {
        if let namespace { return "\(kind.kind) \(namespace)/\(name)" }
        return "\(kind.kind) \(name)"
    }
}
