/// An object's type as manifests name it: `apiVersion` (group/version) and `kind`.
public struct GroupVersionKind: Sendable, Hashable, CustomStringConvertible {
    /// Empty for the core group (`v1`).
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// From a manifest's `apiVersion` (`v1`, `apps/v1`) and `kind`.
    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
        self.kind = kind
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var groupVersion: String { apiVersion }
    public var description: String { "\(kind) (\(apiVersion))" }

    // Kinds the mesh code names often; mapping them to resources still goes through discovery.
    public static let namespace = GroupVersionKind(group: "", version: "v1", kind: "Namespace")
    public static let configMap = GroupVersionKind(group: "", version: "v1", kind: "ConfigMap")
    public static let secret = GroupVersionKind(group: "", version: "v1", kind: "Secret")
    public static let service = GroupVersionKind(group: "", version: "v1", kind: "Service")
    public static let serviceAccount = GroupVersionKind(group: "", version: "v1", kind: "ServiceAccount")
    public static let pod = GroupVersionKind(group: "", version: "v1", kind: "Pod")
    public static let deployment = GroupVersionKind(group: "apps", version: "v1", kind: "Deployment")
    public static let customResourceDefinition = GroupVersionKind(
        group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition")
}

/// One resource a group version serves (an entry of its APIResourceList).
public struct APIResource: Sendable, Hashable {
    public var group: String
    public var version: String
    /// The plural resource name used in paths (`deployments`).
    public var name: String
    public var singularName: String
    public var kind: String
    public var namespaced: Bool
    public var verbs: [String]
    public var shortNames: [String]

    public init(
        group: String, version: String, name: String, singularName: String = "", kind: String, namespaced: Bool,
        verbs: [String] = [], shortNames: [String] = []
    ) {
        self.group = group
        self.version = version
        self.name = name
        self.singularName = singularName
        self.kind = kind
        self.namespaced = namespaced
        self.verbs = verbs
        self.shortNames = shortNames
    }

    /// `deployments.apps`, `secrets`: how kubectl and RBAC messages name the resource.
    public var qualifiedName: String { group.isEmpty ? name : "\(name).\(group)" }

    /// The path of the collection (`namespace` ignored for cluster-scoped resources).
    public func collectionPath(namespace: String?) -> String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace, !namespace.isEmpty {
            path += "/namespaces/\(URLComponent.encodePathSegment(namespace))"
        }
        return path + "/" + name
    }

    /// The path of one object, optionally of its subresource (`status`, `token`).
    public func objectPath(name objectName: String, namespace: String?, subresource: String? = nil) -> String {
        var path = collectionPath(namespace: namespace) + "/" + URLComponent.encodePathSegment(objectName)
        if let subresource, !subresource.isEmpty { path += "/" + subresource }
        return path
    }
}
