import Kube
import YAML

/// What `remove-revision` removed, per cluster.
public struct RevisionRemovalReport: Sendable, Equatable {
    public var revision: String
    /// Per cluster, in the order given (primary first): the objects deleted.
    public var removed: [(cluster: ClusterRef, objects: [String])]
    /// CustomResourceDefinitions kept because custom resources still use them, each with its cluster's context.
    public var kept: [String] = []

    public var removedAnything: Bool { removed.contains { !$0.objects.isEmpty } }

    public static func == (a: RevisionRemovalReport, b: RevisionRemovalReport) -> Bool {
        a.revision == b.revision && a.removed.map(\.cluster) == b.removed.map(\.cluster)
            && a.removed.map(\.objects) == b.removed.map(\.objects) && a.kept == b.kept
    }
}

/// `remove-revision`: the last step of Istio's canary upgrade. After a second
/// revision was installed with `join-remote --revision NEW` and the workloads
/// moved to it, this deletes the old revision's istiod objects from the primary
/// and the remotes (its per-revision ApplySets); what the revisions share stays.
///
/// It refuses while the revision is the only control plane on the primary, while
/// a remote of the mesh is left out, and while namespaces or pods still use it
/// (their proxies would lose istiod).
/// Safe to repeat.
public struct RevisionRemoval: Sendable {
    public let primary: ClusterSession
    public let remotes: [ClusterSession]
    /// The revision to remove; `default` for the one installed without `--revision`.
    public let revision: String
    public let namespace = "istio-system"
    /// The base chart's cluster-wide validation webhook, labelled with the revision it sends to.
    static let defaultValidator = "istiod-default-validator"
    static let validatingWebhook = GroupVersionKind(group: "admissionregistration.k8s.io", version: "v1",
                                                    kind: "ValidatingWebhookConfiguration")

    public init(primary: ClusterSession, remotes: [ClusterSession], revision: String) {
        self.primary = primary
        self.remotes = remotes
        self.revision = revision
    }

    public func run() throws(MeshError) -> RevisionRemovalReport {
        var current = primary.ref
        do {
            // Each cluster as the mesh names it (join-remote records the name on its ApplySets).
            var sets: [[(set: ApplySet, parent: Value)]] = []
            var refs: [ClusterRef] = []
            for session in [primary] + remotes {
                current = session.ref
                let found = try ApplySetRemoval(session: session, namespace: namespace).parents()
                sets.append(found)
                let name = found.compactMap { $0.parent.annotation(MeshLabels.clusterAnnotation) }.first ?? session.cluster.name
                refs.append(ClusterRef(name: name, context: session.ref.context))
            }
            current = refs[0]
            let revisions = Set(sets[0].filter { $0.set.stage == .primaryControlPlane }.compactMap(\.set.revision))
            var report = RevisionRemovalReport(revision: revision, removed: [])
            guard revisions.contains(revision) else {
                report.removed = refs.map { ($0, []) }
                return report
            }
            if revisions.count == 1 {
                throw MeshError.cluster(refs[0], cause: "revision \(revision) is the only control plane of the mesh",
                                        hint: "install the new revision first (kubectl mesh join-remote … --revision NEW), move the workloads to it, then remove this one")
            }
            // A remote left out would keep its injection pointing at the removed istiod.
            let missing = try remotesNotGiven(names: refs.dropFirst().map(\.name))
            if !missing.isEmpty {
                throw MeshError.cluster(refs[0], cause: "the mesh's remote\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) \(missing.count == 1 ? "was" : "were") not given",
                                        hint: "add --remote CONTEXT for every remote: each runs revision \(revision)'s objects too")
            }
            var users: [String] = []
            for (session, ref) in zip([primary] + remotes, refs) {
                current = ref
                users += try self.users(on: session).map { "\(ref.name): \($0)" }
            }
            // The base chart's cluster-wide validation follows the revision of the last join.
            for (session, ref) in zip([primary] + remotes, refs) {
                current = ref
                if let validator = try session.client.get(Self.validatingWebhook, name: Self.defaultValidator),
                    validator.label("istio.io/rev") == revision
                {
                    throw MeshError.cluster(ref, cause: "\(Self.defaultValidator), the cluster-wide config validation, still sends to revision \(revision)",
                                            hint: "run kubectl mesh join-remote … --revision NEW for the revision that stays: it points the validation there; then run this again")
                }
            }
            if !users.isEmpty {
                throw MeshError.cluster(refs[0], cause: "revision \(revision) is still in use by " + users.joined(separator: ", "),
                                        hint: "label those namespaces for the new revision (istio.io/rev=NEW) and restart their pods; the east-west gateway moves with kubectl mesh join-remote … --revision NEW; then run this again")
            }
            for (index, session) in ([primary] + remotes).enumerated() {
                current = refs[index]
                let removal = ApplySetRemoval(session: session, namespace: namespace)
                var outcome = RemovalOutcome()
                for (set, parent) in sets[index] where set.revision == revision {
                    outcome = outcome + (try removal.remove(set, parent: parent))
                }
                report.removed.append((refs[index], outcome.removed))
                report.kept += outcome.kept.map { "\($0) on \(refs[index].context)" }
            }
            return report
        } catch let error as MeshError {
            throw error
        } catch let error as KubeError {
            throw MeshError.cluster(current, cause: error.message, hint: error.hint ?? "run the same command again to finish")
        } catch {
            throw MeshError.cluster(current, cause: "\(error)", hint: nil)
        }
    }

    /// The remotes of the primary's remote secrets that are not among `names`.
    private func remotesNotGiven(names: [String]) throws(KubeError) -> [String] {
        let secrets = try primary.client.list(.secret, namespace: namespace, labelSelector: "\(RemoteSecret.multiClusterLabel)=true").items
        let attached = Set(secrets.flatMap(AttachedRemote.read).map(\.clusterName))
        return attached.subtracting(names).sorted()
    }

    /// Namespaces whose injection picks the revision, and pods its proxies run in
    /// (injected pods carry `istio.io/rev`), istiod's own pods aside.
    private func users(on session: ClusterSession) throws(KubeError) -> [String] {
        let client = session.client
        var selectors = ["istio.io/rev=\(revision)"]
        if revision == Topology.defaultRevision { selectors.append("istio-injection=enabled") }
        var namespaces: [String] = []
        for selector in selectors {
            for item in try client.list(.namespace, labelSelector: selector).items {
                if let name = item["metadata"]?["name"]?.string, !namespaces.contains(name) { namespaces.append(name) }
            }
        }
        let pods = try client.list(.pod, labelSelector: "istio.io/rev=\(revision),app!=istiod").items
        let podNames = pods.compactMap { pod -> String? in
            guard let name = pod["metadata"]?["name"]?.string else { return nil }
            return "pod \(pod["metadata"]?["namespace"]?.string ?? "")/\(name)"
        }
        return namespaces.sorted().map { "namespace \($0)" } + podNames.prefix(5)
            + (podNames.count > 5 ? ["\(podNames.count - 5) more pods"] : [])
    }
}
