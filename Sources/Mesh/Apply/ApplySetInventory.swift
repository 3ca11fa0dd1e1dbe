import Kube
import YAML

/// An ApplySet member's identity without the version: an object keeps it across API versions.
struct MemberKey: Hashable, Comparable, CustomStringConvertible, Sendable {
    var groupKind: String
    var namespace: String
    var name: String

    var description: String {
        let kind = groupKind.split(separator: ".", maxSplits: 1).first.map(String.init) ?? groupKind
        return namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)"
    }

    static func < (a: MemberKey, b: MemberKey) -> Bool {
        (a.groupKind, a.namespace, a.name) < (b.groupKind, b.namespace, b.name)
    }
}

/// Finds an ApplySet's members on a cluster: every object carrying its
/// `part-of` label, in each group-kind its parent recorded.
struct ApplySetInventory {
    let client: KubeClient
    let applySet: ApplySet

    /// The members, by key. `knownKinds` give the version to list a group-kind
    /// in; others take the first served version of their group. A group-kind no
    /// longer served (its CRD is gone) has no members left.
    func members(groupKinds: Set<String>, namespaces: Set<String>, knownKinds: [GroupVersionKind] = []) throws(KubeError)
        -> [MemberKey: Value]
    {
        var found: [MemberKey: Value] = [:]
        for groupKind in groupKinds.sorted() {
            guard let kind = try version(of: groupKind, knownKinds: knownKinds) else { continue }
            let resource = try client.resource(for: kind)
            var scopes: [String?] = [nil]
            if resource.namespaced { scopes = ([applySet.namespace] + namespaces.subtracting([applySet.namespace]).sorted()).map { $0 } }
            for namespace in scopes {
                let listed = try client.list(kind, namespace: namespace, labelSelector: applySet.memberSelector)
                for item in listed.items {
                    guard let name = item["metadata"]?["name"]?.string else { continue }
                    let key = MemberKey(groupKind: groupKind, namespace: item["metadata"]?["namespace"]?.string ?? "", name: name)
                    found[key] = item
                }
            }
        }
        return found
    }

    private func version(of groupKind: String, knownKinds: [GroupVersionKind]) throws(KubeError) -> GroupVersionKind? {
        let parts = groupKind.split(separator: ".", maxSplits: 1).map(String.init)
        let kindName = parts.first ?? groupKind
        let group = parts.count > 1 ? parts[1] : ""
        if let known = knownKinds.first(where: { $0.kind == kindName && $0.group == group }) { return known }
        for apiVersion in try client.apiVersions() {
            let candidate = GroupVersionKind(apiVersion: apiVersion, kind: kindName)
            guard candidate.group == group else { continue }
            do {
                _ = try client.resource(for: candidate)
                return candidate
            } catch where error.kind == .unknownKind {
                continue
            }
        }
        return nil
    }
}
