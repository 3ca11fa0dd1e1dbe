import Kube
import YAML

/// Deletes ApplySets kubectl-mesh applied on one cluster: each set's members
/// (Namespaces last: deleting one takes everything inside with it), then its
/// parent. `leave` and `remove-revision` go through it.
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
    func remove(_ applySet: ApplySet) throws -> [String] {
        guard let parent = try session.client.get(.configMap, name: applySet.parentName, namespace: applySet.namespace) else {
            return []
        }
        return try remove(applySet, parent: parent)
    }

    /// Deletes the members `parent` records, then `parent`.
    func remove(_ applySet: ApplySet, parent: Value) throws -> [String] {
        if let problem = applySet.problem(withExistingParent: parent) {
            throw MeshError.cluster(session.ref, cause: problem, hint: "kubectl-mesh only removes what it applied")
        }
        let client = session.client
        let members = try ApplySetInventory(client: client, applySet: applySet).members(
            groupKinds: ApplySet.groupKinds(ofParent: parent), namespaces: ApplySet.additionalNamespaces(ofParent: parent))
        var removed: [String] = []
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
