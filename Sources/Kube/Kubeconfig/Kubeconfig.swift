/// The kubeconfig as kubectl sees it: every file of `KubeconfigSources` merged,
/// the first file that defines a cluster, user or context name winning (the
/// whole entry, not field by field), and `current-context` taken from the first
/// file that sets it.
public struct Kubeconfig: Sendable, Equatable {
    /// An entry and the file that defined it.
    public struct Entry<Body: Sendable & Equatable>: Sendable, Equatable {
        public var value: Body
        public var file: String
    }

    public private(set) var clusters: [String: Entry<KubeCluster>] = [:]
    public private(set) var users: [String: Entry<KubeUser>] = [:]
    public private(set) var contexts: [String: Entry<KubeContext>] = [:]
    public private(set) var currentContext: String?
    /// The files that existed and were read, in precedence order.
    public private(set) var files: [String] = []
    /// Problems kubectl reports only when a user is used, by user name.
    private var userProblems: [String: [String]] = [:]

    /// An empty configuration (no file existed).
    public init() {}

    /// Context names, sorted as `kubectl config get-contexts` sorts them.
    public var contextNames: [String] { contexts.keys.sorted() }

    /// Reads and merges the files `sources` names.
    public static func load(from sources: KubeconfigSources) throws(KubeconfigError) -> Kubeconfig {
        var merged = Kubeconfig()
        for path in sources.paths {
            guard let bytes = try KubeconfigFileReader.read(path) else {
                if sources.isExplicit { throw .missingFile(path: path) }
                continue
            }
            merged.merge(try KubeconfigFile(text: String(decoding: bytes, as: UTF8.self), path: path))
        }
        return merged
    }

    /// Parses one kubeconfig's text (YAML or JSON), as if it were the only file.
    public static func parse(_ text: String, path: String) throws(KubeconfigError) -> Kubeconfig {
        var config = Kubeconfig()
        config.merge(try KubeconfigFile(text: text, path: path))
        return config
    }

    mutating func merge(_ file: KubeconfigFile) {
        files.append(file.path)
        if currentContext == nil { currentContext = file.currentContext }
        for (name, cluster) in file.clusters where clusters[name] == nil {
            clusters[name] = Entry(value: cluster, file: file.path)
        }
        for (name, user, problems) in file.users where users[name] == nil {
            users[name] = Entry(value: user, file: file.path)
            if !problems.isEmpty { userProblems[name] = problems }
        }
        for (name, context) in file.contexts where contexts[name] == nil {
            contexts[name] = Entry(value: context, file: file.path)
        }
    }

    /// The context to use (`name`, else `current-context`) with its cluster and
    /// user, after the checks kubectl makes before it talks to a server: the
    /// context and its cluster exist, the cluster has a server, files it names
    /// can be read, and the credentials are not contradictory.
    public func resolve(context name: String?) throws(KubeconfigError) -> ResolvedContext {
        guard let contextName = (name?.isEmpty == false ? name : nil) ?? currentContext else {
            throw .noCurrentContext(available: contextNames)
        }
        guard let context = contexts[contextName]?.value else {
            throw .contextNotFound(name: contextName, available: contextNames)
        }
        var problems: [String] = []
        var cluster = KubeCluster(server: "")
        if context.cluster.isEmpty {
            problems.append("it names no cluster")
        } else if let found = clusters[context.cluster] {
            cluster = found.value
            problems += Self.problems(of: cluster, named: context.cluster)
        } else {
            problems.append("cluster \"\(context.cluster)\" is not defined")
        }
        // A context without a user talks to the server anonymously, as kubectl does.
        var user = KubeUser()
        if !context.user.isEmpty {
            if let found = users[context.user] {
                user = found.value
                problems += (userProblems[context.user] ?? []).map { "user \"\(context.user)\": \($0)" }
                problems += Self.problems(of: user, named: context.user)
            } else {
                problems.append("user \"\(context.user)\" is not defined")
            }
        }
        if !problems.isEmpty { throw .unusableContext(name: contextName, problems: problems) }
        return ResolvedContext(name: contextName, context: context, cluster: cluster, user: user)
    }

    private static func problems(of cluster: KubeCluster, named name: String) -> [String] {
        var problems: [String] = []
        let prefix = "cluster \"\(name)\""
        if cluster.server.isEmpty { problems.append("\(prefix) has no server") }
        if cluster.certificateAuthority != nil, cluster.certificateAuthorityData != nil {
            problems.append("\(prefix) sets both certificate-authority and certificate-authority-data")
        }
        if let file = cluster.certificateAuthority, let reason = KubeconfigFileReader.unreadableReason(file) {
            problems.append("\(prefix): certificate-authority \(file): \(reason)")
        }
        if let proxy = cluster.proxyURL {
            let scheme = proxy.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            if !["http", "https", "socks5"].contains(scheme) || !proxy.contains("://") {
                problems.append("\(prefix): proxy-url \"\(proxy)\" must be an http, https or socks5 URL")
            }
        }
        return problems
    }

    private static func problems(of user: KubeUser, named name: String) -> [String] {
        var problems: [String] = []
        let prefix = "user \"\(name)\""
        var methods: [String] = []
        if user.token != nil { methods.append("token") }
        if user.username != nil || user.password != nil { methods.append("username/password") }
        if methods.count > 1 { problems.append("\(prefix) sets more than one way to log in (\(methods.joined(separator: ", ")))") }
        if user.clientCertificate != nil || user.clientCertificateData != nil {
            if user.clientCertificate != nil, user.clientCertificateData != nil {
                problems.append("\(prefix) sets both client-certificate and client-certificate-data")
            }
            if user.clientKey != nil, user.clientKeyData != nil {
                problems.append("\(prefix) sets both client-key and client-key-data")
            }
            if user.clientKey == nil, user.clientKeyData == nil {
                problems.append("\(prefix) has a client certificate but no client-key or client-key-data")
            }
        }
        for (label, file) in [("client-certificate", user.clientCertificate), ("client-key", user.clientKey)] {
            if let file, let reason = KubeconfigFileReader.unreadableReason(file) {
                problems.append("\(prefix): \(label) \(file): \(reason)")
            }
        }
        if let exec = user.exec {
            if user.authProvider != nil { problems.append("\(prefix) sets both exec and auth-provider") }
            if exec.command.isEmpty { problems.append("\(prefix): exec needs a command") }
            if exec.apiVersion.isEmpty { problems.append("\(prefix): exec needs an apiVersion") }
            if exec.env.contains(where: { $0.name.isEmpty }) { problems.append("\(prefix): exec env entries need a name") }
        }
        return problems
    }
}
