import Kube
import YAML

/// Preflight on one cluster: reachable, a Kubernetes version the release
/// supports, the remote's API server usable from a pod, and every permission
/// the selected stages need there.
struct ClusterCheck {
    let cluster: MeshCluster
    let isPrimary: Bool
    let request: JoinRequest
    let charts: (any ChartRendering)?
    let environment: KubeEnvironment

    private var ref: ClusterRef { cluster.ref }
    /// SelfSubjectAccessReviews in flight at once per cluster.
    static let reviewsInFlight = 8
    private let namespace = "istio-system"

    func run() -> ClusterFindings {
        var found = ClusterFindings()
        func problem(_ message: String, hint: String? = nil) {
            found.problems.append(PreflightProblem(cluster: ref, message, hint: hint))
        }
        let session: ClusterSession
        do {
            session = try ClusterSession(cluster: cluster, environment: environment, requestTimeout: 30)
        } catch {
            problem(error.message, hint: error.hint)
            return found
        }
        let client = session.client

        // Reachable, and a version this Istio release runs on.
        let version: ServerVersion
        do {
            version = try client.serverVersion()
        } catch {
            problem("cannot reach the API server \(cluster.server): \(error.message)", hint: error.hint)
            return found
        }
        found.session = session
        if let charts {
            switch KubernetesVersionSupport.verdict(istioVersion: charts.istioVersion, serverVersion: version.gitVersion) {
            case .supported: break
            case .tooOld(let minimum):
                problem("Kubernetes \(version.gitVersion) is older than Istio \(charts.istioVersion) supports (\(minimum) or newer)",
                        hint: "upgrade the cluster, or use an Istio release that supports it")
            case .skipped(let why): found.notes.append(why)
            }
        }
        do {
            found.capabilities = ClusterCapabilities(kubeVersion: version.gitVersion, apiVersions: try client.apiVersions())
        } catch {
            problem("cannot read the API server's discovery documents: \(error.message)", hint: error.hint)
            return found
        }

        checkRole(client: client, into: &found)
        if !isPrimary, request.stages.contains(.remoteSecret) {
            resolveAPIServer(client: client, into: &found)
        }
        if let charts {
            checkPermissions(client: client, charts: charts, capabilities: found.capabilities, into: &found)
        }
        return found
    }

    // MARK: The cluster's place in a mesh

    /// A remote must not be served by another primary nor run istiod itself; a
    /// primary must not be another primary's remote. What cannot be read here is
    /// left to the permission checks.
    private func checkRole(client: KubeClient, into found: inout ClusterFindings) {
        guard let primaryName = request.topology?.primary.name ?? (isPrimary ? cluster.name : nil) else { return }
        let system: Value? = (try? client.get(.namespace, name: namespace)).flatMap { $0 }
        let servedBy = system?.annotation(IstioNamespace.controlPlaneClustersAnnotation).flatMap { $0.isEmpty ? nil : $0 }
        if isPrimary {
            if let servedBy {
                found.problems.append(PreflightProblem(
                    cluster: ref, "this cluster is a remote of the primary \(servedBy): it runs no istiod of its own",
                    hint: "name the context of \(servedBy) as --primary, or take this cluster out of that mesh first (kubectl mesh leave)"))
            }
            return
        }
        if let servedBy, servedBy != primaryName {
            let primaryContext = request.topology?.primary.ref.context ?? "PRIMARY"
            found.problems.append(PreflightProblem(
                cluster: ref, "this cluster is already a remote of the primary \(servedBy), not \(primaryName)",
                hint: "take it out first with kubectl mesh leave --primary CONTEXT --remote \(ref.context) (CONTEXT: the context of \(servedBy)); if \(servedBy) is \(primaryContext) under an earlier name, pass --cluster-name \(primaryContext)=\(servedBy)"))
        }
        if let istiods = try? client.list(.deployment, namespace: namespace, labelSelector: "app=istiod").items, !istiods.isEmpty {
            let names = istiods.compactMap { $0["metadata"]?["name"]?.string }.joined(separator: ", ")
            found.problems.append(PreflightProblem(
                cluster: ref, "this cluster runs istiod (\(names) in \(namespace)): it is a primary, not a remote",
                hint: "a remote runs no control plane of its own; pass a cluster without Istio, or remove Istio from this one first"))
        }
    }

    // MARK: The remote's API server, as istiod inside the primary reaches it

    private func resolveAPIServer(client: KubeClient, into found: inout ClusterFindings) {
        switch cluster.apiServerForIstiod {
        case .explicit(let url):
            found.apiServerForIstiod = url
        case .auto:
            switch AdvertisedEndpoint.find(client: client) {
            case .success(let url): found.apiServerForIstiod = url
            case .failure(let why):
                found.problems.append(PreflightProblem(
                    cluster: ref, "--remote-api-server \(ref.context)=auto found no address: \(why)",
                    hint: "pass --remote-api-server \(ref.context)=https://HOST:PORT with an address the primary's pods can reach"))
            }
        case .kubeconfig:
            guard let url = try? ServerEndpoint(server: cluster.server), url.isLocalOnly else {
                found.apiServerForIstiod = cluster.server
                return
            }
            var hint = "istiod runs in a pod of the primary, where \(url.host) is the pod itself;"
            switch AdvertisedEndpoint.find(client: client) {
            case .success(let endpoint):
                hint += " the remote's default/kubernetes EndpointSlice says its API server listens at \(endpoint):"
                    + " pass --remote-api-server \(ref.context)=\(endpoint) (or \(ref.context)=auto)"
            case .failure:
                hint += " on kind, pass --remote-api-server \(ref.context)=https://CONTROL_PLANE_IP:6443"
                    + " (docker inspect -f '{{.NetworkSettings.Networks.kind.IPAddress}}' \(ref.context.hasPrefix("kind-") ? String(ref.context.dropFirst(5)) : "NAME")-control-plane)"
            }
            found.problems.append(PreflightProblem(
                cluster: ref, "the API server \(cluster.server) is a loopback address the primary's istiod cannot reach",
                hint: hint))
        }
    }

    // MARK: Permissions

    private func checkPermissions(
        client: KubeClient, charts: any ChartRendering, capabilities: ClusterCapabilities?, into found: inout ClusterFindings
    ) {
        var needs = Set<PermissionNeed>()
        do {
            needs = try permissionNeeds(client: client, charts: charts, capabilities: capabilities)
        } catch let error as KubeError {
            found.problems.append(PreflightProblem(cluster: ref, "cannot work out the permissions needed: \(error.message)", hint: error.hint))
            return
        } catch let error as MeshError {
            found.problems.append(PreflightProblem(cluster: ref, error.message, hint: error.hint))
            return
        } catch {
            found.problems.append(PreflightProblem(cluster: ref, "\(error)"))
            return
        }
        // One review per verb, resource and namespace, whichever stage needs it.
        var unique: [String: PermissionNeed] = [:]
        for need in needs.sorted() {
            let key = "\(need.verb) \(need.qualifiedResource) \(need.namespace ?? "")"
            if unique[key] == nil { unique[key] = need }
        }
        let asks = unique.values.sorted()
        let all = ConcurrentMap.map(asks, concurrency: Self.reviewsInFlight) { need in
            let parts = need.resource.split(separator: "/", maxSplits: 1).map(String.init)
            return Result { () throws(KubeError) -> AccessReview in
                try client.can(need.verb, parts[0], group: need.group, subresource: parts.count > 1 ? parts[1] : nil,
                               namespace: need.namespace)
            }
        }
        var missing: [String: (verbs: [String], stage: Stage, namespace: String?)] = [:]
        var order: [String] = []
        for (index, need) in asks.enumerated() {
            switch all[index] {
            case .success(let review):
                if review.allowed { continue }
                let key = need.qualifiedResource + "|" + (need.namespace ?? "")
                if missing[key] == nil {
                    missing[key] = ([], need.stage, need.namespace)
                    order.append(key)
                }
                missing[key]?.verbs.append(need.verb)
            case .failure(let error):
                found.problems.append(PreflightProblem(cluster: ref, "cannot check permissions: \(error.message)", hint: error.hint))
                return
            }
        }
        // One problem per cluster: what is missing, one line each, and one hint.
        guard !order.isEmpty else { return }
        var lines: [String] = []
        for key in order {
            guard let entry = missing[key] else { continue }
            let resource = String(key.split(separator: "|").first ?? "")
            let scope = entry.namespace.map { "in namespace \($0)" } ?? "cluster-wide"
            lines.append("\(Self.ordered(entry.verbs).joined(separator: ", ")) \(resource) \(scope) (stage \(entry.stage.rawValue))")
        }
        found.problems.append(PreflightProblem(
            cluster: ref,
            "not allowed to do what the stages need:" + lines.map { "\n      \($0)" }.joined(),
            hint: "ask for these permissions in context \(ref.context) (joining a mesh installs cluster-wide resources, which usually takes cluster-admin); see what you may do with: kubectl auth can-i --list --context \(ref.context)"))
    }

    /// Verbs in the order an apply uses them (create, patch, list, delete), others after.
    static func ordered(_ verbs: [String]) -> [String] {
        verbs.sorted { (PermissionNeed.applyVerbs.firstIndex(of: $0) ?? 99, $0) < (PermissionNeed.applyVerbs.firstIndex(of: $1) ?? 99, $1) }
    }

    /// What the selected stages apply on this cluster, as permissions.
    private func permissionNeeds(client: KubeClient, charts: any ChartRendering, capabilities: ClusterCapabilities?) throws
        -> Set<PermissionNeed>
    {
        guard let topology = request.topology else { return [] }
        var needs = Set<PermissionNeed>()
        let stages = request.stages
        func add(_ objects: [Value], _ stage: Stage, crdSource: [Value] = []) throws {
            guard stages.contains(stage) else { return }
            needs.formUnion(try PermissionNeed.forApplying(objects, stage: stage, namespace: namespace, client: client,
                                                           crdSource: crdSource))
        }
        if isPrimary {
            let base = try charts.render(ChartRenders.primaryBase(topology), capabilities: capabilities)
            try add([IstioNamespace.primary(topology)] + base + (try charts.render(ChartRenders.primaryIstiod(topology), capabilities: capabilities)),
                    .primaryControlPlane)
            try add(try charts.render(ChartRenders.eastwestGateway(topology), capabilities: capabilities), .eastwestGateway)
            if stages.contains(.discoveryAddress) {
                needs.insert(PermissionNeed(verb: "list", group: "", resource: "services", namespace: namespace, stage: .discoveryAddress))
            }
            try add(ExposeIstiod.objects(topology), .exposeIstiod, crdSource: base)
            // The remote secrets live on the primary.
            for remote in topology.remotes {
                let secret = RemoteSecret(clusterName: remote.name, server: remote.server, certificateAuthority: [], token: "")
                try add([secret.secret(namespace: namespace)], .remoteSecret)
            }
        } else {
            let address = request.discoveryAddress ?? "192.0.2.1"
            try add([IstioNamespace.remote(topology)], .remoteNamespace)
            try add((try charts.render(ChartRenders.remoteBase(topology), capabilities: capabilities))
                    + (try charts.render(ChartRenders.remoteIstiod(topology, remote: cluster, discoveryAddress: address), capabilities: capabilities)),
                    .remoteControlPlane)
            try add([ReaderAccess.tokenSecret(namespace: namespace), ReaderAccess.serviceAccount(namespace: namespace),
                     ReaderAccess.clusterRole(namespace: namespace, revision: topology.revision),
                     ReaderAccess.clusterRoleBinding(namespace: namespace, revision: topology.revision)], .remoteSecret)
        }
        return needs
    }
}
