import YAML

/// The labels kubectl-mesh puts on every object it applies, on top of the
/// rendered ones (Helm's own labels stay as they are). They let `status`,
/// `leave` and re-runs find exactly what belongs to the plugin.
public enum MeshLabels {
    public static let mesh = "kubectl-mesh.io/mesh"
    public static let stage = "kubectl-mesh.io/stage"
    public static let managedBy = "kubectl-mesh.io/managed-by"
    /// On objects that belong to one remote but live in the primary (its remote secret).
    public static let remote = "kubectl-mesh.io/remote"
    /// On objects of one istiod revision (`default`, `canary`), which `remove-revision` deletes together.
    public static let revision = "kubectl-mesh.io/revision"

    /// On ApplySet parents: the mesh's name of the cluster they live in.
    public static let clusterAnnotation = "kubectl-mesh.io/cluster"

    public static let managedByValue = "kubectl-mesh"

    /// `object` with the mesh's labels added.
    public static func stamped(_ object: Value, mesh: String, stage: Stage, remote: String? = nil, revision: String? = nil) -> Value {
        var out = object
        out.setMetadata("labels", Self.mesh, mesh)
        out.setMetadata("labels", Self.stage, stage.rawValue)
        out.setMetadata("labels", managedBy, managedByValue)
        if let remote { out.setMetadata("labels", Self.remote, remote) }
        if let revision { out.setMetadata("labels", Self.revision, revision) }
        return out
    }

    /// Label selector matching everything kubectl-mesh applied.
    public static var managedSelector: String { "\(managedBy)=\(managedByValue)" }
}
