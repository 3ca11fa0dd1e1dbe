import Helm
import YAML

/// kubectl's ApplySet convention (KEP-3659), which kubectl-mesh follows so that
/// re-runs prune what a newer render no longer contains and `leave` knows what
/// to delete — and so `kubectl apply --prune --applyset` users recognise the sets.
///
/// One set per stage and cluster (and, for the remote secret kept on the
/// primary, per remote, so joining a second remote never prunes the first's).
/// A stage's istiod objects form a set of their own per revision, so that
/// installing a second revision (Istio's canary upgrade) never prunes the
/// first; what all revisions share (the namespace, the base chart's CRDs, the
/// Gateway) stays in the stage's set.
/// The parent is a ConfigMap in `istio-system`, labelled with the set's ID and
/// annotated with the group-kinds its members have; members carry the
/// `part-of` label. Cluster-scoped members (CRDs, webhooks, ClusterRoles) are
/// allowed by the convention for a namespaced parent.
public struct ApplySet: Sendable, Equatable {
    public static let idLabel = "applyset.kubernetes.io/id"
    public static let partOfLabel = "applyset.kubernetes.io/part-of"
    public static let toolingAnnotation = "applyset.kubernetes.io/tooling"
    public static let groupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds"
    public static let additionalNamespacesAnnotation = "applyset.kubernetes.io/additional-namespaces"
    /// `<tool>/<version>`; kubectl refuses to mutate sets whose tool differs.
    public static let tooling = "kubectl-mesh/v1"

    public var stage: Stage
    /// The remote a per-remote set on the primary belongs to.
    public var remote: String?
    /// The istiod revision a per-revision set holds (`default` for the one
    /// without `--revision`); nil for the stage's shared set.
    public var revision: String?
    public var namespace: String

    public init(stage: Stage, remote: String? = nil, revision: String? = nil, namespace: String) {
        self.stage = stage
        self.remote = remote
        self.revision = revision
        self.namespace = namespace
    }

    /// The set an existing parent stands for, read back from its labels; nil when
    /// it is not a kubectl-mesh parent (no stage label, or a name that does not match).
    public init?(parent: Value) {
        guard let stage = parent.label(MeshLabels.stage).flatMap(Stage.init(rawValue:)),
            let namespace = parent["metadata"]?["namespace"]?.string, parent.label(Self.idLabel) != nil
        else { return nil }
        self.init(stage: stage, remote: parent.label(MeshLabels.remote), revision: parent.label(MeshLabels.revision),
                  namespace: namespace)
        guard parent["metadata"]?["name"]?.string == parentName else { return nil }
    }

    /// `kubectl-mesh-remote-secret-west`, `kubectl-mesh-primary-control-plane-revision-canary`
    public var parentName: String {
        "kubectl-mesh-\(stage.rawValue)" + (revision.map { "-revision-\($0)" } ?? "") + (remote.map { "-\($0)" } ?? "")
    }

    /// `applyset-<base64url(sha256(name.namespace.kind.group))>-v1`, as the convention fixes it.
    public var id: String {
        let gknn = [parentName, namespace, "ConfigMap", ""].joined(separator: ".")
        return "applyset-" + Base64.encodeRawURL(Digests.sha256(Array(gknn.utf8))) + "-v1"
    }

    /// The label selector that lists the members.
    public var memberSelector: String { "\(Self.partOfLabel)=\(id)" }

    /// `object` labelled as a member of this set.
    public func member(_ object: Value) -> Value {
        var out = object
        out.setMetadata("labels", Self.partOfLabel, id)
        return out
    }

    /// The parent ConfigMap listing `groupKinds` (sorted and deduplicated, as the
    /// convention requires so that an unchanged set applies as a no-op).
    /// `cluster` is the mesh's name of the cluster the parent lives in (`leave` reads it back).
    public func parent(groupKinds: Set<String>, additionalNamespaces: Set<String> = [], mesh: String, cluster: String) -> Value {
        var object: Value = [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": .string(parentName), "namespace": .string(namespace)],
        ]
        object.setMetadata("labels", Self.idLabel, id)
        object.setMetadata("annotations", Self.toolingAnnotation, Self.tooling)
        object.setMetadata("annotations", MeshLabels.clusterAnnotation, cluster)
        object.setMetadata("annotations", Self.groupKindsAnnotation, groupKinds.sorted().joined(separator: ","))
        let extra = additionalNamespaces.subtracting([namespace, ""])
        if !extra.isEmpty {
            object.setMetadata("annotations", Self.additionalNamespacesAnnotation, extra.sorted().joined(separator: ","))
        }
        return MeshLabels.stamped(object, mesh: mesh, stage: stage, remote: remote, revision: revision)
    }

    /// The group-kinds an existing parent records (empty for a new set).
    public static func groupKinds(ofParent parent: Value) -> Set<String> {
        guard let text = parent.annotation(groupKindsAnnotation), !text.isEmpty else { return [] }
        return Set(text.split(separator: ",").map { String($0) })
    }

    /// The namespaces an existing parent records besides its own.
    public static func additionalNamespaces(ofParent parent: Value) -> Set<String> {
        guard let text = parent.annotation(additionalNamespacesAnnotation), !text.isEmpty else { return [] }
        return Set(text.split(separator: ",").map { String($0) })
    }

    /// Why an existing object at the parent's place cannot be used as this set's
    /// parent (another tool's set, or an ID that does not match), or nil.
    public func problem(withExistingParent parent: Value) -> String? {
        if let tool = parent.annotation(Self.toolingAnnotation) {
            let base = tool.split(separator: "/").dropLast().joined(separator: "/")
            if (base.isEmpty ? tool : base) != "kubectl-mesh" {
                return "ConfigMap \(namespace)/\(parentName) is an ApplySet managed by \(tool), not kubectl-mesh"
            }
        } else {
            return "ConfigMap \(namespace)/\(parentName) exists but is not a kubectl-mesh ApplySet parent"
        }
        if let existing = parent.label(Self.idLabel), existing != id {
            return "ConfigMap \(namespace)/\(parentName) carries ApplySet ID \(existing), expected \(id)"
        }
        return nil
    }
}
