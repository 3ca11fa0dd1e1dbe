/// How the transport reaches and trusts one API server, derived from the
/// kubeconfig cluster entry and the environment.
public struct ConnectionSettings: Sendable, Equatable {
    /// Which certificates the server's chain must lead to.
    public enum Trust: Sendable, Equatable {
        /// The operating system's CA store (no CA in the kubeconfig).
        case systemStore
        /// Only the PEM CA certificates given (kubeconfig `certificate-authority-data`).
        case certificateAuthorityData([UInt8])
        /// Only the PEM CA certificates in this file (kubeconfig `certificate-authority`).
        case certificateAuthorityFile(String)
        /// No verification at all (`insecure-skip-tls-verify: true`).
        case insecure
    }

    public var endpoint: ServerEndpoint
    /// The name to expect in the server's certificate and to send as SNI, when not the URL's host.
    public var tlsServerName: String?
    public var trust: Trust
    /// Proxy URL, nil to connect directly.
    public var proxy: String?
    /// Ask for gzip-compressed responses.
    public var compression: Bool
    /// Seconds allowed for TCP connect plus TLS handshake.
    public var connectTimeout: Double
    /// Seconds allowed for a whole exchange unless the request says otherwise.
    public var requestTimeout: Double

    public init(
        endpoint: ServerEndpoint, tlsServerName: String? = nil, trust: Trust = .systemStore, proxy: String? = nil,
        compression: Bool = true, connectTimeout: Double = 15, requestTimeout: Double = 60
    ) {
        self.endpoint = endpoint
        self.tlsServerName = tlsServerName
        self.trust = trust
        self.proxy = proxy
        self.compression = compression
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }

    /// What is wrong with a kubeconfig cluster entry the transport cannot use.
    public enum Problem: Error, Equatable {
        case badServerURL(String, ServerEndpoint.ParseError)
        case insecureWithCertificateAuthority
    }

    /// Settings for `cluster`, with proxies from `variables` when the kubeconfig names none.
    public init(
        cluster: KubeCluster, variables: [String: String], connectTimeout: Double = 15, requestTimeout: Double = 60
    ) throws(Problem) {
        let endpoint: ServerEndpoint
        do {
            endpoint = try ServerEndpoint(server: cluster.server)
        } catch {
            throw .badServerURL(cluster.server, error)
        }
        let trust: Trust
        let hasCA = cluster.certificateAuthorityData != nil || cluster.certificateAuthority != nil
        if cluster.insecureSkipTLSVerify {
            // client-go refuses the combination; so do we, rather than silently drop one.
            if hasCA { throw .insecureWithCertificateAuthority }
            trust = .insecure
        } else if let data = cluster.certificateAuthorityData, !data.isEmpty {
            trust = .certificateAuthorityData(data)
        } else if let file = cluster.certificateAuthority, !file.isEmpty {
            trust = .certificateAuthorityFile(file)
        } else {
            trust = .systemStore
        }
        let serverName = cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
        self.init(
            endpoint: endpoint,
            tlsServerName: serverName == endpoint.host ? nil : serverName,
            trust: trust,
            proxy: ProxySelection.proxy(for: endpoint, proxyURL: cluster.proxyURL, variables: variables),
            compression: !cluster.disableCompression,
            connectTimeout: connectTimeout,
            requestTimeout: requestTimeout
        )
    }
}
