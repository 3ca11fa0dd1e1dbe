import Foundation

/// How a test cluster is started: names, Kubernetes version, controller behaviour and credentials.
///
/// Everything here can also be changed while the server runs (``TestCluster/updateConfig(_:)``,
/// ``TestCluster/setLoadBalancer(_:)`` …) except the names, the version and the certificates.
public struct TestClusterOptions: Sendable {
    /// What LoadBalancer Services get in `status.loadBalancer.ingress[0]`.
    public enum LoadBalancer: String, Sendable {
        case ip, hostname, never
    }

    /// Key type of the generated CA, serving and client certificates.
    public enum KeyType: String, Sendable {
        case ec, rsa
    }

    /// Seconds each controller waits before acting (0 = at once).
    public struct Delays: Sendable, Equatable {
        public var deployment: Double = 0
        public var loadBalancer: Double = 0
        public var tokenSecret: Double = 0
        public var crd: Double = 0
        public var namespace: Double = 0
        public var garbageCollector: Double = 0
        public init() {}

        var json: [String: Double] {
            ["deployment": deployment, "loadBalancer": loadBalancer, "tokenSecret": tokenSecret, "crd": crd,
             "namespace": namespace, "garbageCollector": garbageCollector]
        }
    }

    /// The kubeconfig context name (default: the cluster name). Use `kind-NAME` to look like kind.
    public var contextName: String?
    /// `/version`'s `gitVersion` without the `v` (kubectl warns beyond one minor of skew).
    public var kubeVersion = "1.33.1"
    public var loadBalancer: LoadBalancer = .ip
    /// When false, Deployments report their replicas unavailable forever (for wait time-outs).
    public var deploymentsBecomeReady = true
    public var delays = Delays()
    /// kube-apiserver's `--anonymous-auth` (on by default there too): requests without credentials
    /// are `system:anonymous`; when off they get 401.
    public var anonymousAuth = true
    /// Bearer tokens the server accepts, besides the service-account tokens it issues itself.
    public var tokens: [StaticToken] = []
    /// Users that may authenticate with HTTP basic auth.
    public var basicUsers: [BasicUser] = []
    /// The address the `default/kubernetes` EndpointSlice lists: where the "real" API server
    /// listens inside the cluster network (kind: the control-plane container's address).
    public var endpointAddress = "172.18.0.2"
    public var endpointPort = 6443
    public var keyType: KeyType = .ec
    /// Reuse an existing CA (certificate and key paths) instead of making one per server.
    public var certificateAuthority: (certificate: String, key: String)?

    public init() {}

    func configJSON() -> [String: Any] {
        [
            "anonymousAuth": anonymousAuth,
            "loadBalancer": loadBalancer.rawValue,
            "deploymentsBecomeReady": deploymentsBecomeReady,
            "delays": delays.json,
            "tokens": tokens.map(\.json),
            "basicUsers": basicUsers.map(\.json),
        ]
    }
}

/// A static bearer token (kube-apiserver's `--token-auth-file`, plus an optional expiry).
public struct StaticToken: Sendable, Equatable {
    public var token: String
    public var user: String
    public var groups: [String]
    public var uid: String
    /// Unix time after which the token is refused with 401.
    public var expiresAt: Double?

    public init(token: String, user: String, groups: [String] = [], uid: String = "", expiresAt: Double? = nil) {
        self.token = token
        self.user = user
        self.groups = groups
        self.uid = uid
        self.expiresAt = expiresAt
    }

    var json: [String: Any] {
        var out: [String: Any] = ["token": token, "user": user, "groups": groups, "uid": uid]
        if let expiresAt { out["expiresAt"] = expiresAt }
        return out
    }
}

/// A user/password pair for HTTP basic authentication.
public struct BasicUser: Sendable, Equatable {
    public var user: String
    public var password: String
    public var groups: [String]

    public init(user: String, password: String, groups: [String] = []) {
        self.user = user
        self.password = password
        self.groups = groups
    }

    var json: [String: Any] { ["user": user, "password": password, "groups": groups] }
}
