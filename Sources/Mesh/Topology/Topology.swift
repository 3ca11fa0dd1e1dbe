import Kube

/// Where the primary's istiod reaches a remote's API server (the `server` of the
/// kubeconfig inside the remote secret).
public enum RemoteAPIServer: Sendable, Equatable {
    /// The server the kubeconfig context uses (refused in preflight when it is loopback).
    case kubeconfig
    /// `--remote-api-server CTX=URL`.
    case explicit(String)
    /// `--remote-api-server CTX=auto`: the address in the remote's own
    /// `default/kubernetes` EndpointSlice, found in preflight.
    case auto
}

/// One cluster of the mesh: its name, the context that reaches it, and (for a
/// remote) how istiod reaches its API server.
public struct MeshCluster: Sendable, Equatable {
    public var ref: ClusterRef
    public var context: ResolvedContext
    public var apiServerForIstiod: RemoteAPIServer

    public init(ref: ClusterRef, context: ResolvedContext, apiServerForIstiod: RemoteAPIServer = .kubeconfig) {
        self.ref = ref
        self.context = context
        self.apiServerForIstiod = apiServerForIstiod
    }

    public var name: String { ref.name }
    /// The API server the kubeconfig uses to reach this cluster.
    public var server: String { context.cluster.server }
}

/// The mesh being built: one primary, its remotes, and the names that tie them.
/// Built from the flags by `JoinOptions.resolve`; everything after reads it.
public struct Topology: Sendable, Equatable {
    public var mesh: String
    public var network: String
    /// The istiod revision (`--revision`), nil for the default revision.
    public var revision: String?
    public var primary: MeshCluster
    public var remotes: [MeshCluster]

    /// Istio's system namespace; DESIGN.md §5 fixes it.
    public let namespace = "istio-system"

    public init(mesh: String, network: String, revision: String?, primary: MeshCluster, remotes: [MeshCluster]) {
        self.mesh = mesh
        self.network = network
        self.revision = revision
        self.primary = primary
        self.remotes = remotes
    }

    public var clusters: [MeshCluster] { [primary] + remotes }

    /// The revision as labels and ApplySets name it: `default` without `--revision`.
    public var revisionName: String { revision ?? Self.defaultRevision }

    /// Istio's name for the revision installed without one.
    public static let defaultRevision = "default"

    /// `istiod` or `istiod-REV`: the Service, Deployment and host name of the control plane.
    public var istiodName: String { revision.map { "istiod-\($0)" } ?? "istiod" }

    /// `istiod.istio-system.svc.cluster.local` (or `istiod-REV.…`).
    public var istiodHost: String { "\(istiodName).\(namespace).svc.cluster.local" }
}
