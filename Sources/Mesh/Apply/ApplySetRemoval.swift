import Kube
import YAML

/// What removing ApplySets did on one cluster: the objects deleted, and the
/// CustomResourceDefinitions kept because custom resources still use them.
public struct RemovalOutcome: Sendable, Equatable {
    /// `Deployment istio-system/istiod`, … as deleted.
    public var removed: [String] = []
    /// `CustomResourceDefinition virtualservices.networking.istio.io (2 VirtualService left)`, …
    public var kept: [String] = []

    static func + (a: RemovalOutcome, b: RemovalOutcome) -> RemovalOutcome {
        RemovalOutcome(removed: a.removed + b.removed, kept: a.kept + b.kept)
    }
}

/// Deletes ApplySets kubectl-mesh applied on one cluster: each set's members,
/// then its parent. Members go in three rounds: the ordinary objects, then the
/// CustomResourceDefinitions, then the Namespaces (deleting one takes
/// everything inside with it). A CRD that still has custom resources —
/// someone's VirtualServices on the cluster — is kept: deleting it would
/// delete them all. It keeps kubectl-mesh's labels, so that `leave` finds it
/// again once unused. `leave` and `remove-revision` go through it.
struct ApplySetRemoval {
    let session: ClusterSession
    let namespace: String

    /// The kubectl-mesh ApplySet parents on the cluster, in the order to remove
    /// them: latest stage first, a stage's revision sets before its shared set.
    func parents() throws(KubeError) -> [(set: ApplySet, parent: Value)] {
        let listed = try session.client.list(.configMap, namespace: namespace, labelSelector: MeshLabels.managedSelector).items
        let found = listed.compactMap { parent -> (set: ApplySet, parent: Value)? in
            ApplySet(parent: parent).map { ($0, parent) }
        }
        return found.sorted { a, b in
            if a.set.stage != b.set.stage { return a.set.stage > b.set.stage }
            if (a.set.revision == nil) != (b.set.revision == nil) { return a.set.revision != nil }
            return a.set.parentName < b.set.parentName
        }
    }

    /// Deletes the set's members and parent; returns what was deleted (nothing when the set is not there).
    func remove(_ applySet: ApplySet) throws -> RemovalOutcome {
        guard let parent = try session.client.get(.configMap, name: applySet.parentName, namespace: applySet.namespace) else {
            return RemovalOutcome()
        }
        return try remove(applySet, parent: parent)
    }

    /// Deletes the members `parent` records, then `parent`.
    func remove(_ applySet: ApplySet, parent: Value) throws -> RemovalOutcome {
        if let problem = applySet.problem(withExistingParent: parent) {
            throw MeshError.cluster(session.ref, cause: problem, hint: "kubectl-mesh only removes what it applied")
        }
        let client = session.client
        let members = try ApplySetInventory(client: client, applySet: applySet).members(
            groupKinds: ApplySet.groupKinds(ofParent: parent), namespaces: ApplySet.additionalNamespaces(ofParent: parent))
        func round(_ key: MemberKey) -> Int {
            switch key.groupKind {
            case "Namespace": return 2
            case "CustomResourceDefinition.apiextensions.k8s.io": return 1
            default: return 0
            }
        }
        var outcome = RemovalOutcome()
        for (key, object) in members.sorted(by: { round($0.key) != round($1.key) ? round($0.key) < round($1.key) : $0.key < $1.key }) {
            if round(key) == 1, let left = try customResourcesLeft(of: object) {
                outcome.kept.append("\(key.description) (\(left))")
                continue
            }
            if try client.delete(object) { outcome.removed.append(key.description) }
        }
        _ = try client.delete(parent)
        return outcome
    }

    /// Deletes the CRDs kubectl-mesh applied for `stages` that no ApplySet
    /// records any more — kept by an earlier removal because custom resources
    /// used them — once nothing uses them; the others stay, named in `kept`.
    /// `skipping`: CRDs this run already kept (checked a moment ago).
    func removeOrphanedDefinitions(of stages: [Stage], skipping: Set<String> = []) throws -> RemovalOutcome {
        let selector = MeshLabels.managedSelector + ",\(MeshLabels.stage) in (\(stages.map(\.rawValue).joined(separator: ",")))"
        var outcome = RemovalOutcome()
        for crd in try session.client.list(.customResourceDefinition, labelSelector: selector).items {
            let key = "CustomResourceDefinition \(crd["metadata"]?["name"]?.string ?? "")"
            if skipping.contains(where: { $0.hasPrefix(key + " ") }) { continue }
            if let left = try customResourcesLeft(of: crd) {
                outcome.kept.append("\(key) (\(left))")
            } else if try session.client.delete(crd) {
                outcome.removed.append(key)
            }
        }
        return outcome
    }

    /// How many custom resources of the CRD `crd` are on the cluster (`2
    /// VirtualService left`), or nil when none are (or it serves nothing yet).
    private func customResourcesLeft(of crd: Value) throws(KubeError) -> String? {
        let spec = crd["spec"]
        guard let group = spec?["group"]?.string, let kind = spec?["names"]?["kind"]?.string else { return nil }
        let versions = spec?["versions"]?.sequence ?? []
        guard let version = (versions.first { $0["storage"]?.bool == true } ?? versions.first)?["name"]?.string else {
            return nil
        }
        let items: [Value]
        do {
            items = try session.client.list(GroupVersionKind(group: group, version: version, kind: kind)).items
        } catch where error.isNotFound || error.kind == .unknownKind {
            return nil  // not served (yet): nothing can be stored in it
        } catch where error.isForbidden {
            return "not allowed to list its \(kind) objects, so kept to be safe"
        }
        return items.isEmpty ? nil : "\(items.count) \(kind) left"
    }
}
