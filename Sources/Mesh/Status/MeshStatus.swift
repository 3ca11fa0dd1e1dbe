import YAML

/// Everything `status` reports about a mesh, gathered first and rendered after
/// (as text or JSON), the way cilium-cli's clustermesh status works.
public struct MeshStatus: Sendable, Equatable {
    public var primary: ClusterRef
    /// From kubectl-mesh's labels, else istiod's mesh config; nil when neither says.
    public var meshID: String?
    /// The `topology.istio.io/network` label of istio-system.
    public var network: String?
    public var istiod: IstiodStatus?
    /// Every istiod revision that runs (one, except during a canary upgrade).
    public var istiodRevisions: [IstiodStatus] = []
    public var eastWestGateway: GatewayStatus?
    public var remotes: [RemoteStatus]
    /// Things that could not be read, in words.
    public var warnings: [String]

    public init(primary: ClusterRef, meshID: String? = nil, network: String? = nil, istiod: IstiodStatus? = nil,
                eastWestGateway: GatewayStatus? = nil, remotes: [RemoteStatus] = [], warnings: [String] = [])
    {
        self.primary = primary
        self.meshID = meshID
        self.network = network
        self.istiod = istiod
        self.eastWestGateway = eastWestGateway
        self.remotes = remotes
        self.warnings = warnings
    }

    public struct IstiodStatus: Sendable, Equatable {
        public var name: String
        public var readyReplicas: Int
        public var replicas: Int
        /// The image tag of the discovery container (`1.28.0`), when it has one.
        public var version: String?
        /// Its `istio.io/rev` label (`default`, `canary`).
        public var revision: String?
        public var ready: Bool { replicas > 0 && readyReplicas >= replicas }
    }

    public struct GatewayStatus: Sendable, Equatable {
        public var name: String
        /// The load balancer's ip or hostname; nil while it has none.
        public var address: String?
    }

    public struct RemoteStatus: Sendable, Equatable {
        public var name: String
        public var secret: String
        public var server: String?
        public var sync: RemoteSyncState
        public var managedByKubectlMesh: Bool

        public init(name: String, secret: String, server: String?, sync: RemoteSyncState, managedByKubectlMesh: Bool) {
            self.name = name
            self.secret = secret
            self.server = server
            self.sync = sync
            self.managedByKubectlMesh = managedByKubectlMesh
        }
    }

    /// The same facts as a JSON-ready value (`status -o json`).
    public var value: Value {
        var root: Value = [
            "primary": ["name": .string(primary.name), "context": .string(primary.context)],
            "meshID": meshID.map(Value.string) ?? .null,
            "network": network.map(Value.string) ?? .null,
        ]
        func istiodValue(_ istiod: IstiodStatus) -> Value {
            [
                "name": .string(istiod.name), "ready": .bool(istiod.ready), "readyReplicas": .int(Int64(istiod.readyReplicas)),
                "replicas": .int(Int64(istiod.replicas)), "version": istiod.version.map(Value.string) ?? .null,
                "revision": istiod.revision.map(Value.string) ?? .null,
            ]
        }
        root["istiod"] = istiod.map(istiodValue) ?? .null
        root["istiodRevisions"] = .sequence(istiodRevisions.map(istiodValue))
        if let gateway = eastWestGateway {
            root["eastWestGateway"] = ["name": .string(gateway.name), "address": gateway.address.map(Value.string) ?? .null]
        } else {
            root["eastWestGateway"] = .null
        }
        root["remotes"] = .sequence(remotes.map { remote in
            var entry: Value = [
                "name": .string(remote.name), "secret": .string(remote.secret),
                "server": remote.server.map(Value.string) ?? .null, "sync": .string(remote.sync.description),
                "managedByKubectlMesh": .bool(remote.managedByKubectlMesh),
            ]
            if let reason = remote.sync.reason { entry["reason"] = .string(reason) }
            return entry
        })
        root["warnings"] = .sequence(warnings.map(Value.string))
        return root
    }
}
