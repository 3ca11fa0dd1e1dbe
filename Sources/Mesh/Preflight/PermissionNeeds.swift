import Kube
import YAML

/// One permission a stage needs on a cluster, as a SelfSubjectAccessReview asks it.
public struct PermissionNeed: Sendable, Hashable, Comparable {
    public var verb: String
    public var group: String
    /// Plural resource name (`deployments`), with `/subresource` when there is one.
    public var resource: String
    /// Nil for cluster-scoped resources.
    public var namespace: String?
    public var stage: Stage

    public init(verb: String, group: String, resource: String, namespace: String?, stage: Stage) {
        self.verb = verb
        self.group = group
        self.resource = resource
        self.namespace = namespace
        self.stage = stage
    }

    /// `clusterroles.rbac.authorization.k8s.io` or `secrets`.
    public var qualifiedResource: String { group.isEmpty ? resource : "\(resource).\(group)" }

    public static func < (a: PermissionNeed, b: PermissionNeed) -> Bool {
        (a.stage, a.qualifiedResource, a.verb, a.namespace ?? "") < (b.stage, b.qualifiedResource, b.verb, b.namespace ?? "")
    }

    /// The verbs server-side apply and pruning use: apply creates or patches,
    /// the set's members are listed, and what a newer render drops is deleted.
    public static let applyVerbs = ["create", "patch", "list", "delete"]

    /// What applying `objects` in `stage` needs. Kinds defined by CRDs among
    /// `objects` or `crdSource` may not be served yet, so their plural comes from the CRD.
    public static func forApplying(
        _ objects: [Value], stage: Stage, namespace: String, client: KubeClient, crdSource: [Value] = []
    ) throws(KubeError) -> Set<PermissionNeed> {
        var crdResources: [String: (plural: String, namespaced: Bool)] = [:]
        for object in objects + crdSource where object["kind"]?.string == "CustomResourceDefinition" {
            if let group = object["spec"]?["group"]?.string, let kind = object["spec"]?["names"]?["kind"]?.string,
                let plural = object["spec"]?["names"]?["plural"]?.string
            {
                crdResources["\(kind).\(group)"] = (plural, object["spec"]?["scope"]?.string != "Cluster")
            }
        }
        var needs = Set<PermissionNeed>()
        var seenKinds = Set<GroupVersionKind>()
        // The ApplySet parent is a ConfigMap in the namespace.
        let parent = GroupVersionKind.configMap
        for kind in [parent] + objects.compactMap(Self.kind(of:)) where seenKinds.insert(kind).inserted {
            let resource: String
            let namespaced: Bool
            if let defined = crdResources["\(kind.kind).\(kind.group)"] {
                (resource, namespaced) = defined
            } else {
                let served = try client.resource(for: kind)
                (resource, namespaced) = (served.name, served.namespaced)
            }
            for verb in applyVerbs {
                needs.insert(PermissionNeed(verb: verb, group: kind.group, resource: resource,
                                            namespace: namespaced ? namespace : nil, stage: stage))
            }
        }
        return needs
    }

    private static func kind(of object: Value) -> GroupVersionKind? {
        guard let apiVersion = object["apiVersion"]?.string, let kind = object["kind"]?.string else { return nil }
        return GroupVersionKind(apiVersion: apiVersion, kind: kind)
    }
}
