import YAML

/// The kubeconfig entries as kubectl knows them, after loading and merging
/// (see `Kubeconfig`). File paths inside are already absolute: relative ones
/// were resolved against the directory of the file that defined the entry.

/// A `clusters[].cluster` entry.
public struct KubeCluster: Sendable, Equatable {
    public var server: String
    /// Absolute path of `certificate-authority`, when given.
    public var certificateAuthority: String?
    /// Decoded bytes of `certificate-authority-data` (PEM).
    public var certificateAuthorityData: [UInt8]?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var proxyURL: String?
    public var disableCompression: Bool
    /// The `extensions` entry named `client.authentication.k8s.io/exec`: configuration
    /// for exec plugins, handed to them as `spec.cluster.config` in KUBERNETES_EXEC_INFO.
    public var execExtension: Value?

    public init(
        server: String, certificateAuthority: String? = nil, certificateAuthorityData: [UInt8]? = nil,
        insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, proxyURL: String? = nil,
        disableCompression: Bool = false, execExtension: Value? = nil
    ) {
        self.server = server
        self.certificateAuthority = certificateAuthority
        self.certificateAuthorityData = certificateAuthorityData
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.proxyURL = proxyURL
        self.disableCompression = disableCompression
        self.execExtension = execExtension
    }
}

/// A `users[].user` entry (client-go calls it AuthInfo).
public struct KubeUser: Sendable, Equatable {
    public var clientCertificate: String?
    public var clientCertificateData: [UInt8]?
    public var clientKey: String?
    public var clientKeyData: [UInt8]?
    public var token: String?
    public var tokenFile: String?
    public var username: String?
    public var password: String?
    public var exec: ExecConfig?
    public var authProvider: AuthProviderConfig?

    public init(
        clientCertificate: String? = nil, clientCertificateData: [UInt8]? = nil, clientKey: String? = nil,
        clientKeyData: [UInt8]? = nil, token: String? = nil, tokenFile: String? = nil, username: String? = nil,
        password: String? = nil, exec: ExecConfig? = nil, authProvider: AuthProviderConfig? = nil
    ) {
        self.clientCertificate = clientCertificate
        self.clientCertificateData = clientCertificateData
        self.clientKey = clientKey
        self.clientKeyData = clientKeyData
        self.token = token
        self.tokenFile = tokenFile
        self.username = username
        self.password = password
        self.exec = exec
        self.authProvider = authProvider
    }
}

/// `users[].user.exec`: a client-go credential plugin.
public struct ExecConfig: Sendable, Equatable {
    public enum InteractiveMode: String, Sendable, Equatable {
        case never = "Never"
        case ifAvailable = "IfAvailable"
        case always = "Always"
    }
    public struct EnvVar: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }
    /// `client.authentication.k8s.io/v1` or `/v1beta1`.
    public var apiVersion: String
    /// The command; absolute when the kubeconfig gave a relative path containing `/`.
    public var command: String
    public var args: [String]
    public var env: [EnvVar]
    public var installHint: String?
    public var provideClusterInfo: Bool
    public var interactiveMode: InteractiveMode

    public init(
        apiVersion: String, command: String, args: [String] = [], env: [EnvVar] = [], installHint: String? = nil,
        provideClusterInfo: Bool = false, interactiveMode: InteractiveMode = .ifAvailable
    ) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
    }
}

/// `users[].user.auth-provider`: the legacy in-tree providers (gcp, azure, oidc).
/// kubectl-mesh does not run them; it explains which exec plugin replaces them.
public struct AuthProviderConfig: Sendable, Equatable {
    public var name: String
    public var config: [String: String]
    public init(name: String, config: [String: String] = [:]) {
        self.name = name
        self.config = config
    }
}

/// A `contexts[].context` entry.
public struct KubeContext: Sendable, Equatable {
    public var cluster: String
    public var user: String
    public var namespace: String?
    public init(cluster: String, user: String, namespace: String? = nil) {
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
    }
}

/// Everything needed to talk to one cluster: the context chosen and the
/// cluster and user it names. This is what `KubeClient` is built from.
public struct ResolvedContext: Sendable, Equatable {
    /// The context name (e.g. `kind-east`).
    public var name: String
    public var context: KubeContext
    public var cluster: KubeCluster
    public var user: KubeUser

    public init(name: String, context: KubeContext, cluster: KubeCluster, user: KubeUser) {
        self.name = name
        self.context = context
        self.cluster = cluster
        self.user = user
    }

    /// The namespace the context carries, else `default` (as kubectl does).
    public var namespace: String { context.namespace ?? "default" }
}
