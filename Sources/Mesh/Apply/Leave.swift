import Kube
import YAML

/// What `leave` removed.
public struct LeaveReport: Sendable, Equatable {
    /// The remote's cluster name, as its ApplySets recorded it (else its context's cluster name).
    public var remoteName: String
    /// Whether the remote still had ApplySets recording what the join applied.
    public var joinRecorded = true
    /// `Secret istio-system/istio-remote-secret-west`, … removed from the primary.
    public var removedFromPrimary: [String]
    /// Objects removed from the remote.
    public var removedFromRemote: [String]
    /// CustomResourceDefinitions left on the remote because custom resources
    /// still use them (`CustomResourceDefinition x.networking.istio.io (2 VirtualService left)`).
    public var keptOnRemote: [String] = []

    public var removedAnything: Bool { !removedFromPrimary.isEmpty || !removedFromRemote.isEmpty }
}

/// `leave`: takes one remote out of the mesh. Removes its remote secret from
/// the primary and everything kubectl-mesh installed in the remote, as its
/// ApplySets record it; the primary's control plane and the other remotes stay
/// untouched. A CustomResourceDefinition that custom resources on the remote
/// still use stays (deleting it would delete them). Safe to repeat: a second
/// run finds nothing and says so.
public struct Leave: Sendable {
    public let primary: ClusterSession
    public let remote: ClusterSession
    public let namespace = "istio-system"

    public init(primary: ClusterSession, remote: ClusterSession) {
        self.primary = primary
        self.remote = remote
    }

    public func run() throws(MeshError) -> LeaveReport {
        do {
            return try leave()
        } catch let error as KubeError {
            let cluster = error.origin.context == primary.ref.context ? primary.ref : remote.ref
            throw MeshError.cluster(cluster, cause: error.message, hint: error.hint ?? "run the same command again to finish")
        } catch let error as MeshError {
            throw error
        } catch {
            throw MeshError.cluster(remote.ref, cause: "\(error)", hint: nil)
        }
    }

    private func leave() throws -> LeaveReport {
        if primary.ref.context == remote.ref.context || primary.cluster.server == remote.cluster.server {
            throw MeshError.usage("--primary and --remote name the same cluster", hint: "name the remote to take out of the mesh")
        }
        let removal = ApplySetRemoval(session: remote, namespace: namespace)
        let parents = try removal.parents()
        let primaryStages = Set(parents.map(\.set.stage).filter { $0.target == .primary })
        if !primaryStages.isEmpty {
            throw MeshError.cluster(remote.ref, cause: "this cluster runs the mesh's control plane (stage \(primaryStages.sorted().map(\.rawValue).joined(separator: ", ")))",
                                    hint: "leave takes a remote out of the mesh; it never removes the primary")
        }
        // The remote secret must go from the primary that serves the remote, or istiod keeps reading it.
        if let servedBy = try remote.client.get(.namespace, name: namespace)?
            .annotation(IstioNamespace.controlPlaneClustersAnnotation), !servedBy.isEmpty
        {
            let primaryParents = try ApplySetRemoval(session: primary, namespace: namespace).parents()
            let primaryName = primaryParents.filter { $0.set.stage.target == .primary }
                .compactMap { $0.parent.annotation(MeshLabels.clusterAnnotation) }.first ?? primary.cluster.name
            if primaryName != servedBy {
                throw MeshError.cluster(remote.ref, cause: "this cluster is a remote of the primary \(servedBy), not of \(primaryName) (context \(primary.ref.context))",
                                        hint: "pass the context of \(servedBy) as --primary: its istiod reads this cluster through the remote secret there")
            }
        }
        // The name the join gave this remote: recorded on its ApplySet parents.
        let remoteName = parents.compactMap { $0.parent.annotation(MeshLabels.clusterAnnotation) }.first
            ?? remote.cluster.name

        var report = LeaveReport(remoteName: remoteName, removedFromPrimary: [], removedFromRemote: [])
        report.joinRecorded = !parents.isEmpty

        // The primary first: istiod stops watching the remote before its objects go.
        let secretSet = ApplySet(stage: .remoteSecret, remote: remoteName, namespace: namespace)
        report.removedFromPrimary = try ApplySetRemoval(session: primary, namespace: namespace).remove(secretSet).removed

        // Then the remote, latest stage first, every revision's sets; istio-system itself goes last.
        for (set, parent) in parents {
            let outcome = try removal.remove(set, parent: parent)
            report.removedFromRemote += outcome.removed
            report.keptOnRemote += outcome.kept
        }
        // Definitions an earlier leave kept while custom resources used them.
        let orphans = try removal.removeOrphanedDefinitions(of: Stage.allCases.filter { $0.target == .eachRemote },
                                                            skipping: Set(report.keptOnRemote))
        report.removedFromRemote += orphans.removed
        report.keptOnRemote += orphans.kept
        return report
    }
}
