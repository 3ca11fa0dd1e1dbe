import YAML

/// Every failure of the Kubernetes client: which cluster and context it
/// happened on, what kind of failure it is, a message a person can act on,
/// and a hint. Never carries a token, key or password.
///
/// `description` is the one line the CLI prints after `error: `, e.g.
/// `west (context kind-west): forbidden: User "alice" cannot create secrets in namespace "istio-system"`.
public struct KubeError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The API server answered with an error status (`reason` as in its Status object, e.g. `Forbidden`).
        case status(code: Int, reason: String)
        /// No HTTP answer: connection, TLS, proxy or timeout.
        case transport(TransportError.Kind)
        /// Credentials could not be obtained (exec plugin, token file, auth-provider).
        case credentials
        /// The kubeconfig entry cannot be used as it stands.
        case configuration
        /// The server does not serve this apiVersion and kind.
        case unknownKind
        /// An object given to the client lacks what the request needs (kind, name…).
        case invalidObject
        /// The server answered with something the API does not promise.
        case invalidResponse
        /// A wait ran out of time.
        case waitTimedOut
        /// What a wait waited for can no longer happen (e.g. a rollout past its progress deadline).
        case waitFailed
    }

    /// Where a failure happened.
    public struct Origin: Sendable, Equatable {
        /// The name the user knows the cluster by (the mesh's cluster name, else the kubeconfig cluster).
        public var cluster: String
        public var context: String
        /// The cluster entry's name in the kubeconfig.
        public var clusterEntry: String
        /// The kubeconfig's server URL, without any user information it carried.
        public var server: String
        /// The user entry's name in the kubeconfig.
        public var user: String

        public init(cluster: String, context: String, clusterEntry: String, server: String, user: String) {
            self.cluster = cluster
            self.context = context
            self.clusterEntry = clusterEntry
            self.server = server
            self.user = user
        }

        /// The origin of requests made with `context`, shown as `displayName` (default: the kubeconfig cluster).
        public init(context: ResolvedContext, displayName: String? = nil) {
            self.init(
                cluster: displayName ?? context.context.cluster, context: context.name,
                clusterEntry: context.context.cluster, server: URLDisplay.redacted(context.cluster.server),
                user: context.context.user)
        }
    }

    public var origin: Origin
    public var kind: Kind
    /// What went wrong, in words (without the cluster prefix).
    public var message: String
    /// What to do about it, when there is something to say.
    public var hint: String?
    /// The request that failed (`PATCH /api/v1/namespaces/x/configmaps/y`), when one did.
    public var request: String?
    /// The Kubernetes Status object the server sent, for callers that inspect causes.
    public var status: Value?

    public init(
        origin: Origin, kind: Kind, message: String, hint: String? = nil, request: String? = nil, status: Value? = nil
    ) {
        self.origin = origin
        self.kind = kind
        self.message = message
        self.hint = hint
        self.request = request
        self.status = status
    }

    public var description: String { "\(origin.cluster) (context \(origin.context)): \(message)" }

    /// The HTTP status code, for errors the server answered.
    public var statusCode: Int? {
        if case .status(let code, _) = kind { return code }
        return nil
    }

    /// The Status reason (`NotFound`, `AlreadyExists`, `Conflict`, `Forbidden`…).
    public var statusReason: String? {
        if case .status(_, let reason) = kind { return reason }
        return nil
    }

    public var isNotFound: Bool { statusCode == 404 }
    public var isAlreadyExists: Bool { statusCode == 409 && statusReason == "AlreadyExists" }
    /// A 409 that is not AlreadyExists: an apply conflict with another field manager, or a stale resourceVersion.
    public var isConflict: Bool { statusCode == 409 && statusReason != "AlreadyExists" }
    public var isForbidden: Bool { statusCode == 403 }
    public var isUnauthorized: Bool { statusCode == 401 }
}
