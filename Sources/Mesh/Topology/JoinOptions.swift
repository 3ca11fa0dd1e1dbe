import Kube
import YAML

/// The flags of `join-remote` as typed, before anything is checked.
/// `resolve` turns them into a `JoinRequest` (flags → Topology → Plan).
public struct JoinOptions: Sendable, Equatable {
    public var primary: String?
    public var remotes: [String] = []
    public var mesh = "mesh1"
    public var network = "network1"
    /// `CTX=NAME`, repeatable.
    public var clusterNames: [String] = []
    public var istio: String?
    public var revision: String?
    /// `--set K=V` for the control-plane charts, in order.
    public var setValues: [String] = []
    /// `-f FILE` for the control-plane charts, in order.
    public var valueFiles: [String] = []
    /// `CTX=URL` or `CTX=auto`, repeatable.
    public var remoteAPIServers: [String] = []
    public var discoveryAddress: String?
    public var timeout = "5m"
    public var dryRun = false
    /// `--force-conflicts`: take fields other tools manage.
    public var forceConflicts = false
    public var output: String?
    public var only: [String] = []
    public var from: String?

    public init() {}
}

/// Why a kubeconfig context could not be used.
public struct ContextLookupFailure: Error, Sendable, Equatable {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Finds a context by name in the kubeconfig the command uses.
public typealias ContextLookup = @Sendable (String) -> Result<ResolvedContext, ContextLookupFailure>

/// Output format of `--dry-run`.
public enum ObjectFormat: String, Sendable, Equatable, CaseIterable {
    case yaml, json

    public init(flag: String?) throws(MeshError) {
        guard let flag else { self = .yaml; return }
        guard let f = ObjectFormat(rawValue: flag) else {
            throw .usage("unknown output format \"\(flag)\"", hint: "use -o yaml or -o json")
        }
        self = f
    }
}

/// The user's values for the control-plane charts: `-f` files under the mesh's
/// own values, `--set` on top of them.
public struct UserValues: Sendable, Equatable {
    public var setValues: [String]
    public var valueFiles: [String]
    public init(setValues: [String] = [], valueFiles: [String] = []) {
        self.setValues = setValues
        self.valueFiles = valueFiles
    }

    /// What is wrong with the values files: unreadable, not YAML, or setting a
    /// value the topology owns (the mesh's own value would silently win).
    public func problems(readFile: (String) throws -> [UInt8]) -> [PreflightProblem] {
        var problems: [PreflightProblem] = []
        for file in valueFiles {
            let bytes: [UInt8]
            do {
                bytes = try readFile(file)
            } catch {
                problems.append(.init("values file \(file): \(error)", hint: "check the path given to -f"))
                continue
            }
            let values: Value
            do {
                values = try YAML.parse(bytes)
            } catch {
                problems.append(.init("values file \(file): \(error)", hint: "fix the file's YAML; helm -f reads the same"))
                continue
            }
            for owned in JoinOptions.valuesOwnedByFlags where values.value(at: owned.key.split(separator: ".").map(String.init)) != nil {
                problems.append(.init("values file \(file) sets \(owned.key), which the mesh topology sets itself",
                                      hint: owned.flag.hasPrefix("--") ? "remove it from the file and use \(owned.flag)"
                                          : "remove it from the file: kubectl-mesh sets \(owned.key) for each cluster"))
            }
        }
        return problems
    }
}

/// Everything a `join-remote` run needs, checked for syntax; the topology may still
/// carry problems that preflight reports together with what it finds on the clusters.
public struct JoinRequest: Sendable, Equatable {
    /// Nil when the clusters could not be settled (the problems say why).
    public var topology: Topology?
    /// The clusters whose contexts resolved, for preflight to probe even when
    /// the topology as a whole has problems.
    public var reachableClusters: [MeshCluster]
    public var problems: [PreflightProblem]
    public var stages: StageSelection
    public var timeout: GoDuration
    public var discoveryAddress: String?
    public var dryRun: Bool
    public var forceConflicts: Bool
    public var output: ObjectFormat
    public var istio: String?
    public var userValues: UserValues
}

extension JoinOptions {
    /// Values the topology owns: setting them with `--set` would split the mesh.
    static let valuesOwnedByFlags: [(key: String, flag: String)] = [
        ("global.meshID", "--mesh"), ("global.network", "--network"),
        ("global.multiCluster.clusterName", "--cluster-name"), ("revision", "--revision"), ("defaultRevision", "--revision"),
        ("global.remotePilotAddress", "--discovery-address"), ("profile", "(set by the stage)"),
        ("global.externalIstiod", "(set by the stage)"), ("global.configCluster", "(set by the stage)"),
        ("istiodRemote.injectionPath", "(set by the stage)"),
    ]

    /// Checks the flags and resolves the contexts. Malformed flags throw a usage
    /// error at once; everything about the clusters is collected as problems.
    public func resolve(lookup: ContextLookup) throws(MeshError) -> JoinRequest {
        guard let primaryContext = primary, !primaryContext.isEmpty else {
            throw .usage("--primary is required", hint: "name the kubeconfig context of the cluster that runs istiod")
        }
        guard !remotes.isEmpty else {
            throw .usage("at least one --remote is required", hint: "name the kubeconfig context of each remote cluster")
        }
        let stages = try StageSelection(only: only, from: from)
        let timeout = try GoDuration(parsing: timeout)
        if timeout.nanoseconds == 0 {
            throw .usage("--timeout must be longer than 0s", hint: "write a duration such as 30s, 5m or 1h30m")
        }
        if output != nil, !dryRun {
            throw .usage("-o is only used with --dry-run", hint: "add --dry-run to print the objects instead of applying them")
        }
        let format = try ObjectFormat(flag: output)
        let names = try Self.pairs(clusterNames, flag: "--cluster-name", valueName: "NAME")
        let apiServers = try Self.pairs(remoteAPIServers, flag: "--remote-api-server", valueName: "URL")

        var problems: [PreflightProblem] = []
        if let p = LabelValue.problem(with: mesh) { problems.append(.init("mesh ID \"\(mesh)\" \(p)")) }
        if let p = LabelValue.problem(with: network) { problems.append(.init("network \"\(network)\" \(p)")) }
        if let revision, let p = ClusterName.problem(with: revision) {
            problems.append(.init("revision \"\(revision)\" \(p)", hint: "a revision is a DNS-1123 label such as 1-28-0 or canary"))
        } else if revision == Topology.defaultRevision {
            problems.append(.init("revision \"default\" is Istio's name for the revision installed without one",
                                  hint: "leave out --revision for the default revision, or name another one such as 1-28-0"))
        }
        if let address = discoveryAddress, IPAddress(address) == nil, !ClusterName.isHostname(address) {
            problems.append(.init("--discovery-address \"\(address)\" is neither an IP address nor a host name",
                                  hint: "pass the east-west gateway's external address, such as 172.18.255.10"))
        }
        for assignment in setValues {
            let key = assignment.split(separator: "=", maxSplits: 1).first.map(String.init) ?? assignment
            for owned in Self.valuesOwnedByFlags where key == owned.key || key.hasPrefix(owned.key + ".") {
                problems.append(.init("--set \(key) conflicts with the mesh topology", hint: owned.flag.hasPrefix("--")
                    ? "use \(owned.flag) instead" : "kubectl-mesh sets \(owned.key) itself for each cluster"))
            }
        }

        // Contexts: each named once, each resolvable.
        let order = [primaryContext] + remotes
        var seen = Set<String>()
        for ctx in order where !seen.insert(ctx).inserted {
            problems.append(.init("context \"\(ctx)\" is named more than once",
                                  hint: "--primary and every --remote must be different clusters"))
        }
        for (ctx, _) in names where !order.contains(ctx) {
            problems.append(.init("--cluster-name names context \"\(ctx)\", which is neither --primary nor a --remote"))
        }
        for (ctx, _) in apiServers where !remotes.contains(ctx) || ctx == primaryContext {
            problems.append(.init("--remote-api-server names context \"\(ctx)\", which is not a --remote",
                                  hint: "only the remotes' API servers are reached by the primary's istiod"))
        }

        var clusters: [MeshCluster] = []
        var resolvedAll = true
        for (index, ctx) in order.enumerated() {
            if index > 0, order[..<index].contains(ctx) { continue }
            let name = names.last { $0.0 == ctx }?.1 ?? ClusterName.derived(fromContext: ctx)
            let ref = ClusterRef(name: name, context: ctx)
            switch lookup(ctx) {
            case .failure(let failure):
                resolvedAll = false
                problems.append(.init(failure.message, hint: failure.hint))
                continue
            case .success(let resolved):
                var apiServer = RemoteAPIServer.kubeconfig
                if let given = apiServers.last(where: { $0.0 == ctx })?.1 {
                    if given == "auto" {
                        apiServer = .auto
                    } else if (try? ServerEndpoint(server: given))?.scheme == "https" {
                        apiServer = .explicit(given)
                    } else {
                        problems.append(.init(cluster: ref, "--remote-api-server \"\(given)\" is not an https:// URL",
                                              hint: "pass CTX=https://HOST:PORT, or CTX=auto to use the remote's own endpoint"))
                    }
                }
                clusters.append(MeshCluster(ref: ref, context: resolved, apiServerForIstiod: apiServer))
            }
        }
        for cluster in clusters {
            if let p = ClusterName.problem(with: cluster.name) {
                let derived = !names.contains { $0.0 == cluster.ref.context }
                problems.append(.init(cluster: cluster.ref, "cluster name \"\(cluster.name)\" \(p)", hint: derived
                    ? "pass --cluster-name \(cluster.ref.context)=NAME with a DNS-1123 label"
                    : "a cluster name is a DNS-1123 label: lowercase letters, digits and '-'"))
            }
        }
        var byName: [String: ClusterRef] = [:]
        var byServer: [String: ClusterRef] = [:]
        for cluster in clusters {
            if let other = byName[cluster.name] {
                problems.append(.init("\(other) and \(cluster.ref) have the same cluster name \"\(cluster.name)\"",
                                      hint: "give each a name with --cluster-name CTX=NAME"))
            } else {
                byName[cluster.name] = cluster.ref
            }
            let key = (try? ServerEndpoint(server: cluster.server))?.identity ?? cluster.server
            if let other = byServer[key] {
                problems.append(.init("\(other) and \(cluster.ref) reach the same API server \(cluster.server)",
                                      hint: "a mesh joins distinct clusters; check the contexts' clusters in the kubeconfig"))
            } else {
                byServer[key] = cluster.ref
            }
        }

        var topology: Topology?
        if resolvedAll, let primaryCluster = clusters.first {
            topology = Topology(mesh: mesh, network: network, revision: revision, primary: primaryCluster,
                                remotes: Array(clusters.dropFirst()))
        }
        return JoinRequest(
            topology: topology, reachableClusters: clusters, problems: problems, stages: stages, timeout: timeout,
            discoveryAddress: discoveryAddress, dryRun: dryRun, forceConflicts: forceConflicts, output: format, istio: istio,
            userValues: UserValues(setValues: setValues, valueFiles: valueFiles))
    }

    /// Splits `CTX=VALUE` flags; a missing `=` is a usage error.
    static func pairs(_ items: [String], flag: String, valueName: String) throws(MeshError) -> [(String, String)] {
        var out: [(String, String)] = []
        for item in items {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex, item.index(after: eq) != item.endIndex else {
                let example = valueName == "URL" ? "kind-west=https://172.18.0.3:6443" : "kind-west=west"
                throw .usage("\(flag) \"\(item)\" must be CTX=\(valueName)", hint: "for example \(flag) \(example)")
            }
            out.append((String(item[..<eq]), String(item[item.index(after: eq)...])))
        }
        return out
    }
}
