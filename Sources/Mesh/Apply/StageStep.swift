import Kube
import YAML

/// One stage on one cluster: the objects of DESIGN.md §5 for it, applied, and
/// the wait that follows.
struct StageStep {
    let run: JoinRun
    let stage: Stage
    let session: ClusterSession

    struct Done {
        var detail: String
        var changed: Bool
    }

    private var topology: Topology { run.topology }
    private var namespace: String { topology.namespace }

    /// Runs the stage. `discoveryAddress` is what earlier stages found (nil when
    /// none ran); the result carries it on for the stages after.
    func perform(discoveryAddress: String?) throws(StageFailure) -> (Done, String?) {
        do {
            return try performUntyped(discoveryAddress: discoveryAddress)
        } catch let error as KubeError {
            throw StageFailure(error)
        } catch let error as StageFailure {
            throw error
        } catch let error as ForeignFieldOwners {
            throw StageFailure(error)
        } catch let error as MeshError {
            throw StageFailure(error.message, hint: error.hint)
        } catch {
            throw StageFailure("\(error)")
        }
    }

    private func performUntyped(discoveryAddress: String?) throws -> (Done, String?) {
        switch stage {
        case .primaryControlPlane: return (try primaryControlPlane(), discoveryAddress)
        case .eastwestGateway: return (try eastwestGateway(), discoveryAddress)
        case .discoveryAddress:
            let found = try findDiscoveryAddress(wait: true)
            return (Done(detail: found.detail, changed: false), found.address)
        case .exposeIstiod: return (try exposeIstiod(), discoveryAddress)
        case .remoteNamespace:
            let report = try apply([([IstioNamespace.remote(topology)], sharedSet)], on: session)
            return (Done(detail: report.summary, changed: report.changedAnything), discoveryAddress)
        case .remoteControlPlane:
            let address = try discoveryAddress ?? findDiscoveryAddress(wait: false).address
            return (try remoteControlPlane(address: address), address)
        case .remoteSecret: return (try remoteSecret(), discoveryAddress)
        case .verify: return (try verify(), discoveryAddress)
        }
    }

    // MARK: Stages

    private func primaryControlPlane() throws -> Done {
        let shared = [IstioNamespace.primary(topology)] + (try render(ChartRenders.primaryBase(topology)))
        let istiod = try render(ChartRenders.primaryIstiod(topology))
        let report = try apply([(shared, sharedSet), (istiod, revisionSet)], on: session)
        try waitRollout(topology.istiodName, rendered: istiod)
        let ready = run.dryRun == nil ? ", \(topology.istiodName) ready" : ""
        return Done(detail: report.summary + ready, changed: report.changedAnything)
    }

    private func eastwestGateway() throws -> Done {
        let objects = try render(ChartRenders.eastwestGateway(topology))
        let report = try apply([(objects, sharedSet)], on: session)
        try waitRollout(EastWestGateway.name, rendered: objects)
        return Done(detail: report.summary + (run.dryRun == nil ? ", rolled out" : ""), changed: report.changedAnything)
    }

    /// The Gateway serves every revision; each revision's VirtualService routes to its istiod.
    private func exposeIstiod() throws -> Done {
        // A dry run on a cluster without Istio's CRDs yet goes by the CRDs the base chart would install.
        let baseCRDs = run.dryRun == nil ? [] : try render(ChartRenders.primaryBase(topology))
        let apiVersion = try istioNetworkingVersion(crds: baseCRDs)
        let report = try apply(
            [([ExposeIstiod.gateway(topology, apiVersion: apiVersion)], sharedSet),
             ([ExposeIstiod.virtualService(topology, apiVersion: apiVersion)], revisionSet)],
            on: session, knownCRDs: baseCRDs)
        return Done(detail: report.summary, changed: report.changedAnything)
    }

    private func remoteControlPlane(address: String) throws -> Done {
        let shared = try render(ChartRenders.remoteBase(topology))
        let istiod = try render(ChartRenders.remoteIstiod(topology, remote: session.cluster, discoveryAddress: address))
        let report = try apply([(shared, sharedSet), (istiod, revisionSet)], on: session)
        return Done(detail: "\(report.summary), \(topology.istiodName) → \(address)", changed: report.changedAnything)
    }

    /// Reader token in the remote, then the remote secret in the primary.
    private func remoteSecret() throws -> Done {
        let remote = session
        guard let server = run.remoteAPIServers[remote.cluster.name] else {
            throw StageFailure("no API server address is known for \(remote.ref)",
                               hint: "pass --remote-api-server \(remote.ref.context)=https://HOST:PORT")
        }
        let issuer = RemoteSecretIssuer(session: remote, clusterName: remote.cluster.name, server: server,
                                        revision: topology.revision, timeout: run.timeout)
        var readerObjects = try issuer.readerObjects()
        if let plan = run.dryRun {
            // A dry run applied nothing: what earlier stages would have made here counts as made.
            let planned = Set(plan.entries.filter { $0.cluster == remote.ref }.flatMap(\.objects).map(\.objectDescription))
            readerObjects.removeAll { $0["kind"]?.string != "Secret" && planned.contains($0.objectDescription) }
        }
        let remoteReport = try apply([(readerObjects, sharedSet)], on: remote)
        // A dry run creates no token: the secret is built with none, and printed redacted.
        let secret: RemoteSecret
        if run.dryRun == nil {
            switch Result(catching: { () throws(KubeError) -> RemoteSecret in try issuer.secretFromToken(progress: waiting) }) {
            case .success(let filled):
                secret = filled
            case .failure(let error) where error.kind == .waitTimedOut:
                throw StageFailure(error.message, hint: "the token controller of kube-controller-manager fills this Secret within seconds;"
                    + " check that it runs in \(remote.ref.name) and look for events: kubectl get events -n \(namespace) --context \(remote.ref.context)",
                                   cluster: remote.ref)
            case .failure(let error):
                throw error
            }
        } else {
            secret = RemoteSecret(clusterName: remote.cluster.name, server: server, certificateAuthority: [], token: "")
        }
        let primaryReport = try apply(
            [([secret.secret(namespace: namespace)], ApplySet(stage: .remoteSecret, remote: remote.cluster.name, namespace: namespace))],
            on: run.primary)
        let total = remoteReport + primaryReport
        let name = RemoteSecret.secretName(for: remote.cluster.name)
        return Done(detail: "\(total.summary); \(name) on \(topology.primary.name) → \(server)", changed: total.changedAnything)
    }

    private func verify() throws -> Done {
        if run.dryRun != nil { return Done(detail: "skipped (--dry-run)", changed: false) }
        let names = run.remotes.map(\.cluster.name)
        let outcome = SyncProbe(session: session, topology: topology, clock: run.clock)
            .waitForSync(of: names, timeout: run.timeout) { state, elapsed in
                self.waiting(WaitProgress(target: "istiod to sync \(names.joined(separator: ", "))", state: state, elapsed: elapsed))
            }
        let states = outcome.states
        let described = names.map { name -> String in
            let state = states[name] ?? .unknown("not reported")
            return state.reason.map { "\(name): \(state) (\($0))" } ?? "\(name): \(state)"
        }
        var hints: [String] = []
        for name in names {
            let server = run.remoteAPIServers[name].map { " at \($0)" } ?? " (at the server in \(RemoteSecret.secretName(for: name)))"
            switch states[name] {
            case .syncing?:
                hints.append("istiod is still reading \(name)'s API server\(server): a large cluster takes longer (raise --timeout), or the primary's pods cannot reach it (pass another address with --remote-api-server and resume from remote-secret)")
            case .timeout?, .closed?:
                hints.append("istiod could not read \(name)'s API server\(server): check that the primary's pods reach that address and that the reader token in \(RemoteSecret.secretName(for: name)) is valid (pass another address with --remote-api-server and resume from remote-secret)")
            case .unknown? where outcome.istiodAnswered, nil:
                hints.append("istiod answers but has not loaded \(RemoteSecret.secretName(for: name)): check that it is in \(namespace) of \(topology.primary.name) with label \(RemoteSecret.multiClusterLabel)=true, that istiod may read secrets there, and that no other remote secret claims cluster ID \(name)")
            default:
                break
            }
        }
        if !hints.isEmpty {
            throw StageFailure("istiod reports \(described.joined(separator: ", "))", hint: hints.joined(separator: "; "))
        }
        return Done(detail: described.joined(separator: ", "), changed: false)
    }

    // MARK: Helpers

    /// The address the remotes reach istiod at: `--discovery-address`, else the
    /// gateway Service's load balancer address (waited for when `wait`).
    private func findDiscoveryAddress(wait: Bool) throws -> (address: String, detail: String) {
        if let given = run.discoveryAddressFlag { return (given, "\(given) (from --discovery-address)") }
        let client = run.primary.client
        if run.dryRun != nil {
            let service = try client.get(.service, name: EastWestGateway.name, namespace: namespace)
            if case .satisfied(let address) = WaitConditions.loadBalancerAddress(service) { return (address, address) }
            let placeholder = DryRunPlan.placeholderAddress
            run.progress(.note("the east-west gateway has no address yet: the remotes' istiod Service is rendered with"
                + " the placeholder \(placeholder); pass --discovery-address to render the real one"))
            return (placeholder, "\(placeholder) (placeholder: no load balancer address yet)")
        }
        if !wait {
            let service = try client.get(.service, name: EastWestGateway.name, namespace: namespace)
            guard case .satisfied(let address) = WaitConditions.loadBalancerAddress(service) else {
                throw StageFailure(
                    "Service \(namespace)/\(EastWestGateway.name) on \(topology.primary.ref) has no load balancer address yet",
                    hint: "the discovery-address stage waits for it; or pass the gateway's address with --discovery-address ADDR",
                    resumeFrom: .discoveryAddress)
            }
            return (address, address)
        }
        let timeoutHint = "kind needs MetalLB or cloud-provider-kind to give LoadBalancer Services an address;"
            + " or pass the gateway's reachable address with --discovery-address ADDR"
        let outcome = Result { () throws(KubeError) -> String in
            try client.waitForLoadBalancerAddress(
                service: EastWestGateway.name, namespace: namespace, timeout: run.timeout, progress: waiting)
        }
        switch outcome {
        case .success(let address):
            return (address, address)
        case .failure(let error) where error.kind == .waitTimedOut:
            throw StageFailure("no load balancer gave the east-west gateway an address: \(error.message)", hint: timeoutHint)
        case .failure(let error):
            throw error
        }
    }

    private func render(_ chartRender: ChartRender) throws -> [Value] {
        try run.charts.render(chartRender, capabilities: run.capabilities[session.cluster.name])
    }

    /// The stage's set of what every revision shares.
    private var sharedSet: ApplySet { ApplySet(stage: stage, namespace: namespace) }

    /// The stage's set of this revision's istiod objects.
    private var revisionSet: ApplySet { ApplySet(stage: stage, revision: topology.revisionName, namespace: namespace) }

    /// Applies sets to `target` as one step, or adds them to the dry-run plan.
    /// Every set is prepared (its conflicts checked) before any is written, and
    /// pruned after all are written, the first (shared) set last: an object that
    /// moves to a revision's set is never pruned on the way.
    private func apply(_ sets: [(objects: [Value], set: ApplySet)], on target: ClusterSession, knownCRDs: [Value] = []) throws
        -> ApplyReport
    {
        let crds = knownCRDs + sets.flatMap(\.objects).filter { $0["kind"]?.string == "CustomResourceDefinition" }
        let appliers = sets.map { entry -> SetApplier in
            var applier = SetApplier(session: target, applySet: entry.set, mesh: topology.mesh, timeout: run.timeout, progress: waiting)
            applier.knownCRDs = crds
            applier.forceConflicts = run.forceConflicts
            return applier
        }
        var report = ApplyReport()
        if let plan = run.dryRun {
            for (applier, entry) in zip(appliers, sets) {
                let planned = try applier.plan(entry.objects)
                plan.add(stage, target.ref, planned)
                // The set's parent is kubectl-mesh's record, not one of the objects (a real run does not count it).
                report.planned += planned.filter { $0["metadata"]?["name"]?.string != entry.set.parentName }
                    .compactMap { $0["metadata"]?["name"]?.string }
            }
            return report
        }
        let prepared = try zip(appliers, sets).map { try $0.prepare($1.objects) }
        for (applier, ready) in zip(appliers, prepared) { report = report + (try applier.write(ready)) }
        for (applier, ready) in zip(appliers, prepared).reversed() { try applier.prune(ready, into: &report) }
        return report
    }

    private func waiting(_ update: WaitProgress) {
        run.progress(.waiting(stage, session.ref, update))
    }

    /// Waits for the Deployment `name` to roll out, when the render has it.
    private func waitRollout(_ name: String, rendered: [Value]) throws {
        guard run.dryRun == nil, rendered.contains(where: { $0["kind"]?.string == "Deployment" && $0["metadata"]?["name"]?.string == name })
        else { return }
        try session.client.waitForRollout(deployment: name, namespace: namespace, timeout: run.timeout, progress: waiting)
    }

    /// `networking.istio.io/v1` where served (Istio ≥ 1.22), else `v1beta1`; for a
    /// dry run, what `crds` (the base chart's) would serve.
    private func istioNetworkingVersion(crds: [Value]) throws -> String {
        if let gatewayCRD = crds.first(where: { $0["metadata"]?["name"]?.string == "gateways.networking.istio.io" }) {
            let served = (gatewayCRD["spec"]?["versions"]?.sequence ?? []).filter { $0["served"]?.bool == true }
                .compactMap { $0["name"]?.string }
            if served.contains("v1") { return "networking.istio.io/v1" }
            if let first = served.first { return "networking.istio.io/\(first)" }
        }
        for apiVersion in ["networking.istio.io/v1", "networking.istio.io/v1beta1"] {
            let served = Result { () throws(KubeError) -> APIResource in
                try session.client.resource(for: GroupVersionKind(apiVersion: apiVersion, kind: "Gateway"))
            }
            switch served {
            case .success: return apiVersion
            case .failure(let error) where error.kind == .unknownKind: continue
            case .failure(let error): throw error
            }
        }
        throw StageFailure("the cluster does not serve networking.istio.io (Gateway, VirtualService)",
                           hint: "the base chart's CRDs are installed by stage primary-control-plane", resumeFrom: .primaryControlPlane)
    }

    /// What to do when a stage fails without saying more.
    static func hint(for stage: Stage) -> String {
        switch stage {
        case .primaryControlPlane: return "check the control-plane pods in istio-system of the primary"
        case .eastwestGateway: return "check the istio-eastwestgateway pods in istio-system of the primary"
        case .discoveryAddress: return "pass the gateway's address with --discovery-address ADDR"
        case .exposeIstiod: return "the Istio CRDs must be installed on the primary (stage primary-control-plane)"
        case .remoteNamespace, .remoteControlPlane: return "check access to istio-system in the remote"
        case .remoteSecret: return "the reader token needs kube-controller-manager's token controller in the remote"
        case .verify: return "check the primary's istiod logs for the remote cluster"
        }
    }
}
