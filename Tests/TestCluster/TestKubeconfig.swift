import Foundation

/// Writes kubeconfig files for test clusters: several clusters in one file (multi-cluster tests),
/// or a cluster with another kind of user (token, basic, exec plugin, other certificates).
///
/// The YAML is written directly (every string is a JSON-quoted scalar, which YAML reads as is).
public enum TestKubeconfig {
    /// The credentials of one kubeconfig user entry.
    public enum User: Sendable {
        /// The cluster's admin client certificate, inline (`client-certificate-data`).
        case admin
        /// A client certificate and key, inline.
        case certificateData(certificatePEM: String, keyPEM: String)
        /// A client certificate and key by path.
        case certificateFiles(certificate: String, key: String)
        case token(String)
        case tokenFile(String)
        case basic(user: String, password: String)
        /// An exec credential plugin (`client.authentication.k8s.io/v1` by default).
        case exec(command: String, args: [String] = [], env: [String: String] = [:],
                  apiVersion: String = "client.authentication.k8s.io/v1", provideClusterInfo: Bool = false,
                  installHint: String? = nil)
        /// No credentials (anonymous).
        case anonymous
    }

    /// How the cluster entry names its CA.
    public enum Authority: Sendable {
        /// The cluster's own CA, inline.
        case clusterCA
        /// Another CA file (e.g. a different cluster's, to provoke a TLS error).
        case file(String)
        /// No CA: `insecure-skip-tls-verify: true`.
        case insecure
        /// Neither CA nor insecure flag (the system trust store applies).
        case none
    }

    /// One context of a kubeconfig being written.
    public struct Entry: Sendable {
        public var cluster: TestCluster
        public var contextName: String
        public var clusterName: String
        public var userName: String
        public var user: User
        public var authority: Authority
        public var namespace: String?
        public var server: String?
        public var tlsServerName: String?

        public init(cluster: TestCluster, contextName: String? = nil, clusterName: String? = nil,
                    userName: String? = nil, user: User = .admin, authority: Authority = .clusterCA,
                    namespace: String? = nil, server: String? = nil, tlsServerName: String? = nil) {
            self.cluster = cluster
            self.contextName = contextName ?? cluster.contextName
            self.clusterName = clusterName ?? cluster.name
            self.userName = userName ?? cluster.userName
            self.user = user
            self.authority = authority
            self.namespace = namespace
            self.server = server
            self.tlsServerName = tlsServerName
        }
    }

    /// One kubeconfig holding every cluster's admin context (e.g. `east` and `west`).
    public static func writeMerged(_ clusters: [TestCluster], to path: String,
                                   currentContext: String? = nil) throws {
        try write(clusters.map { Entry(cluster: $0) }, to: path, currentContext: currentContext)
    }

    /// Writes the entries to `path` (mode 0600); the current context defaults to the first entry's.
    public static func write(_ entries: [Entry], to path: String, currentContext: String? = nil) throws {
        let text = try yaml(entries, currentContext: currentContext)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// The kubeconfig text for the entries.
    public static func yaml(_ entries: [Entry], currentContext: String? = nil) throws -> String {
        var clusters: [String] = []
        var seenClusters = Set<String>()
        var users: [String] = []
        var seenUsers = Set<String>()
        var contexts: [String] = []
        for e in entries {
            if seenClusters.insert(e.clusterName).inserted {
                var lines = ["- name: \(q(e.clusterName))", "  cluster:",
                             "    server: \(q(e.server ?? e.cluster.server.absoluteString))"]
                switch e.authority {
                case .clusterCA:
                    let ca = try Data(contentsOf: URL(fileURLWithPath: e.cluster.caCertificatePath))
                    lines.append("    certificate-authority-data: \(ca.base64EncodedString())")
                case .file(let path):
                    lines.append("    certificate-authority: \(q(path))")
                case .insecure:
                    lines.append("    insecure-skip-tls-verify: true")
                case .none:
                    break
                }
                if let name = e.tlsServerName { lines.append("    tls-server-name: \(q(name))") }
                clusters.append(lines.joined(separator: "\n"))
            }
            if seenUsers.insert(e.userName).inserted {
                users.append("- name: \(q(e.userName))\n  user:" + (try userYAML(e)))
            }
            var context = ["- name: \(q(e.contextName))", "  context:", "    cluster: \(q(e.clusterName))",
                           "    user: \(q(e.userName))"]
            if let ns = e.namespace { context.append("    namespace: \(q(ns))") }
            contexts.append(context.joined(separator: "\n"))
        }
        let current = currentContext ?? entries.first?.contextName ?? ""
        return """
            apiVersion: v1
            kind: Config
            clusters:
            \(clusters.joined(separator: "\n"))
            contexts:
            \(contexts.joined(separator: "\n"))
            current-context: \(q(current))
            preferences: {}
            users:
            \(users.joined(separator: "\n"))

            """
    }

    private static func userYAML(_ e: Entry) throws -> String {
        func b64(_ path: String) throws -> String {
            try Data(contentsOf: URL(fileURLWithPath: path)).base64EncodedString()
        }
        switch e.user {
        case .admin:
            return "\n    client-certificate-data: \(try b64(e.cluster.adminCertificatePath))" +
                "\n    client-key-data: \(try b64(e.cluster.adminKeyPath))"
        case .certificateData(let cert, let key):
            return "\n    client-certificate-data: \(Data(cert.utf8).base64EncodedString())" +
                "\n    client-key-data: \(Data(key.utf8).base64EncodedString())"
        case .certificateFiles(let cert, let key):
            return "\n    client-certificate: \(q(cert))\n    client-key: \(q(key))"
        case .token(let token):
            return "\n    token: \(q(token))"
        case .tokenFile(let path):
            return "\n    tokenFile: \(q(path))"
        case .basic(let user, let password):
            return "\n    username: \(q(user))\n    password: \(q(password))"
        case .exec(let command, let args, let env, let apiVersion, let provideClusterInfo, let installHint):
            var lines = ["    exec:", "      apiVersion: \(q(apiVersion))", "      command: \(q(command))",
                         "      interactiveMode: Never"]
            if !args.isEmpty { lines.append("      args: [" + args.map(q).joined(separator: ", ") + "]") }
            if !env.isEmpty {
                lines.append("      env:")
                for (k, v) in env.sorted(by: { $0.key < $1.key }) {
                    lines.append("      - name: \(q(k))\n        value: \(q(v))")
                }
            }
            if provideClusterInfo { lines.append("      provideClusterInfo: true") }
            if let installHint { lines.append("      installHint: \(q(installHint))") }
            return "\n" + lines.joined(separator: "\n")
        case .anonymous:
            return " {}"
        }
    }

    /// A YAML double-quoted scalar (JSON string syntax).
    static func q(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        return String(text.dropFirst().dropLast())
    }
}
