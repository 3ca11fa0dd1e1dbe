import Kube
import YAML

/// Reads a mesh's state from its primary for `status`. Never writes; what
/// cannot be read becomes a warning instead of a failure, except reaching the
/// primary at all.
public struct StatusGatherer: Sendable {
    public let session: ClusterSession
    public let clock: any KubeClock
    public let namespace = "istio-system"

    public init(session: ClusterSession, clock: any KubeClock) {
        self.session = session
        self.clock = clock
    }

    public func gather() throws(MeshError) -> MeshStatus {
        let client = session.client
        var status = MeshStatus(primary: session.ref)
        let systemNamespace: Value?
        do {
            systemNamespace = try client.get(.namespace, name: namespace)
        } catch {
            throw MeshError.cluster(session.ref, cause: error.message, hint: error.hint)
        }
        guard let systemNamespace else {
            throw MeshError.cluster(session.ref, cause: "namespace \(namespace) does not exist: this cluster is not a mesh primary",
                                    hint: "join it with: kubectl mesh join-remote --primary \(session.ref.context) --remote CTX")
        }
        // A remote's istio-system names the primary that serves it: status is read there.
        if let servedBy = systemNamespace.annotation(IstioNamespace.controlPlaneClustersAnnotation), !servedBy.isEmpty {
            let mesh = systemNamespace.label(MeshLabels.mesh).map { " of mesh \($0)" } ?? ""
            throw MeshError.cluster(session.ref, cause: "this cluster is a remote\(mesh), served by the primary \(servedBy)",
                                    hint: "run kubectl mesh status --primary CONTEXT with the context of \(servedBy)")
        }
        status.network = systemNamespace.label(IstioNamespace.networkLabel)
        status.meshID = systemNamespace.label(MeshLabels.mesh)
        var namedByJoin = false
        // The primary's name in the mesh, as join-remote recorded it on its ApplySets.
        if let parents = try? client.list(.configMap, namespace: namespace, labelSelector: MeshLabels.managedSelector).items,
            let name = parents.compactMap({ $0.annotation(MeshLabels.clusterAnnotation) }).first
        {
            status.primary.name = name
            namedByJoin = true
        }

        // istiod: every revision's Deployment; the default revision's leads, else the first.
        do {
            let deployments = try client.list(.deployment, namespace: namespace, labelSelector: "app=istiod").items
                .sorted { ($0["metadata"]?["name"]?.string ?? "") < ($1["metadata"]?["name"]?.string ?? "") }
            status.istiodRevisions = deployments.map(Self.istiodStatus)
            let chosen = deployments.first { $0["metadata"]?["name"]?.string == "istiod" } ?? deployments.first
            if let chosen {
                // Else istiod's own idea of its cluster ID.
                let env = chosen["spec"]?["template"]?["spec"]?["containers"]?.sequence?
                    .first { $0["name"]?.string == "discovery" }?["env"]?.sequence ?? []
                if !namedByJoin, let id = env.first(where: { $0["name"]?.string == "CLUSTER_ID" })?["value"]?.string {
                    status.primary.name = id
                }
                status.istiod = Self.istiodStatus(chosen)
            }
        } catch {
            status.warnings.append("cannot read istiod's Deployment: \(error.message)")
        }
        if status.meshID == nil { status.meshID = meshIDFromMeshConfig(&status) }

        do {
            if let service = try client.get(.service, name: EastWestGateway.name, namespace: namespace) {
                var address: String?
                if case .satisfied(let found) = WaitConditions.loadBalancerAddress(service) { address = found }
                status.eastWestGateway = MeshStatus.GatewayStatus(name: EastWestGateway.name, address: address)
            }
        } catch {
            status.warnings.append("cannot read the east-west gateway: \(error.message)")
        }

        // The remotes istiod reads, from the remote secrets.
        var attached: [AttachedRemote] = []
        do {
            let secrets = try client.list(.secret, namespace: namespace, labelSelector: "\(RemoteSecret.multiClusterLabel)=true").items
            for secret in secrets { attached += AttachedRemote.read(secret: secret) }
        } catch {
            status.warnings.append("cannot list the remote secrets: \(error.message)")
        }
        if !attached.isEmpty {
            // Any revision's istiod reads every remote secret: ask the one shown.
            let revision = status.istiod?.revision.flatMap { $0 == Topology.defaultRevision ? nil : $0 }
            var primary = session.cluster
            primary.ref = status.primary
            let topology = Topology(mesh: status.meshID ?? "", network: status.network ?? "", revision: revision,
                                    primary: primary, remotes: [])
            let probe = SyncProbe(session: session, topology: topology, clock: clock)
            let states: [String: RemoteSyncState]
            switch probe.probe() {
            case .success(let found): states = found
            case .failure(let failure):
                states = Dictionary(uniqueKeysWithValues: attached.map { ($0.clusterName, RemoteSyncState.unknown(failure.reason)) })
            }
            status.remotes = attached.sorted { $0.clusterName < $1.clusterName }.map { remote in
                MeshStatus.RemoteStatus(
                    name: remote.clusterName, secret: remote.secretName, server: remote.server,
                    sync: states[remote.clusterName] ?? .unknown("istiod does not report this cluster"),
                    managedByKubectlMesh: remote.managedByKubectlMesh)
            }
        }
        return status
    }

    /// One istiod Deployment: readiness, the image tag of its discovery container, its revision.
    static func istiodStatus(_ deployment: Value) -> MeshStatus.IstiodStatus {
        let image = deployment["spec"]?["template"]?["spec"]?["containers"]?.sequence?
            .first { $0["name"]?.string == "discovery" }?["image"]?.string
        let tag = image.flatMap { text -> String? in
            guard let colon = text.lastIndex(of: ":"), !text[colon...].contains("/") else { return nil }
            return String(text[text.index(after: colon)...])
        }
        return MeshStatus.IstiodStatus(
            name: deployment["metadata"]?["name"]?.string ?? "istiod",
            readyReplicas: Int(deployment["status"]?["readyReplicas"]?.int ?? 0),
            replicas: Int(deployment["spec"]?["replicas"]?.int ?? 1), version: tag,
            revision: deployment.label("istio.io/rev"))
    }

    /// `defaultConfig.meshId` of istiod's mesh config (the `istio` ConfigMap).
    private func meshIDFromMeshConfig(_ status: inout MeshStatus) -> String? {
        do {
            guard let config = try session.client.get(.configMap, name: "istio", namespace: namespace),
                let mesh = config["data"]?["mesh"]?.string, let parsed = try? YAML.parse(mesh)
            else { return nil }
            return parsed["defaultConfig"]?["meshId"]?.string
        } catch {
            status.warnings.append("cannot read istiod's mesh config: \(error.message)")
            return nil
        }
    }
}
