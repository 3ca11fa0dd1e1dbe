/// Tunables of a `KubeClient`; the defaults suit an interactive CLI.
public struct KubeClientOptions: Sendable {
    /// The name the user knows the cluster by, shown in every error
    /// (`west (context kind-west): …`). Defaults to the kubeconfig's cluster name.
    public var clusterName: String?
    /// Seconds allowed for TCP connect plus TLS handshake.
    public var connectTimeout: Double
    /// Seconds allowed for one request (watches set their own).
    public var requestTimeout: Double
    public var retry: RetryPolicy
    /// The field manager of server-side applies and creates.
    public var fieldManager: String
    public var userAgent: String

    public init(
        clusterName: String? = nil, connectTimeout: Double = 15, requestTimeout: Double = 60,
        retry: RetryPolicy = RetryPolicy(), fieldManager: String = "kubectl-mesh", userAgent: String = "kubectl-mesh"
    ) {
        self.clusterName = clusterName
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.fieldManager = fieldManager
        self.userAgent = userAgent
    }
}
