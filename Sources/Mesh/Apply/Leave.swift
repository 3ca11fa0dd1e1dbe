import Kube
import YAML

/// What `leave` removed.
public struct LeaveReport: Sendable, Equatable {
    /// The remote's cluster name, as its ApplySets recorded it.
    public var remoteName: String
    /// `Secret istio-system/istio-remote-secret-west`, … removed from the primary.
    public var removedFromPrimary: [String]
    /// Objects removed from the remote.
    public var removedFromRemote: [String]

    public var removedAnything: Bool { !removedFromPrimary.isEmpty || !removedFromRemote.isEmpty }
}

/// `leave`: takes one remote out of the mesh. Removes its remote secret from
/// the primary and everything kubectl-mesh installed in the remote, as its
/// ApplySets record it; the primary's control plane and the other remotes stay
/// untouched. Safe to repeat: a second run finds nothing and says so.
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
        let parents = try remote.client.list(
            .configMap, namespace: namespace, labelSelector: MeshLabels.managedSelector
        ).items.filter { $0.label(ApplySet.idLabel) != nil }
        let stagesHere = parents.compactMap { $0.label(MeshLabels.stage).flatMap(Stage.init(rawValue:)) }
        if stagesHere.contains(where: { $0.target == .primary }) {
            throw MeshError.cluster(remote.ref, cause: "this cluster runs the mesh's control plane (stage \(stagesHere.filter { $0.target == .primary }.map(\.rawValue).joined(separator: ", ")))",
                                    hint: "leave takes a remote out of the mesh; it never removes the primary")
        }
        // The name the join gave this remote: recorded on its ApplySet parents.
        let remoteName = parents.compactMap { $0.annotation(MeshLabels.clusterAnnotation) }.first
            ?? remote.cluster.name

        var report = LeaveReport(remoteName: remoteName, removedFromPrimary: [], removedFromRemote: [])

        // The primary first: istiod stops watching the remote before its objects go.
        let secretSet = ApplySet(stage: .remoteSecret, remote: remoteName, namespace: namespace)
        report.removedFromPrimary = try remove(secretSet, from: primary)

        // Then the remote, latest stage first; istio-system itself goes last.
        for stage in Stage.allCases.reversed() where stage.target == .eachRemote {
            report.removedFromRemote += try remove(ApplySet(stage: stage, namespace: namespace), from: remote)
        }
        return report
    }

    /// Deletes an ApplySet's members, then its parent; returns what was deleted.
    private func remove(_ applySet: ApplySet, from session: ClusterSession) throws -> [String] {
        let client = session.client
        guard let parent = try client.get(.configMap, name: applySet.parentName, namespace: namespace) else { return [] }
        if let problem = applySet.problem(withExistingParent: parent) {
            throw MeshError.cluster(session.ref, cause: problem, hint: "kubectl-mesh only removes what it applied")
        }
        let members = try ApplySetInventory(client: client, applySet: applySet).members(
            groupKinds: ApplySet.groupKinds(ofParent: parent), namespaces: ApplySet.additionalNamespaces(ofParent: parent))
        var removed: [String] = []
        // Namespaces last: deleting one takes everything inside with it.
        let ordered = members.sorted { a, b in
            let aNamespace = a.key.groupKind == "Namespace", bNamespace = b.key.groupKind == "Namespace"
            return aNamespace == bNamespace ? a.key < b.key : !aNamespace
        }
        for (key, object) in ordered {
            if try client.delete(object) { removed.append(key.description) }
        }
        _ = try client.delete(parent)
        return removed
    }
}
