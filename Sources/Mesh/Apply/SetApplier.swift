import Kube
import YAML

/// Applies the objects of one ApplySet to one cluster by server-side apply, then
/// prunes the members a previous run applied that are no longer wanted.
///
/// Order: Namespaces, then the set's parent (recording every group-kind about
/// to be used, so an interrupted run can still be pruned), then CRDs — waited
/// on until Established — then everything else in parallel, then pruning, then
/// the parent again with the final group-kinds. Whether an object changed is
/// read from its resourceVersion before and after: an apply that changes
/// nothing leaves it as it was.
struct SetApplier {
    let session: ClusterSession
    let applySet: ApplySet
    let mesh: String
    /// Seconds each wait may take.
    let timeout: Double
    let progress: (WaitProgress) -> Void
    /// Applies in flight at once.
    var concurrency = 8
    /// CRDs of other sets that define kinds these objects use, for a dry run on a
    /// cluster that does not serve those kinds yet.
    var knownCRDs: [Value] = []

    private var client: KubeClient { session.client }

    /// An object about to be applied, with what the server calls its kind.
    struct Member {
        var key: MemberKey
        var kind: GroupVersionKind
        var object: Value
    }

    func apply(_ desired: [Value]) throws(KubeError) -> ApplyReport {
        let members = try prepare(desired)
        let existingParent = try client.get(.configMap, name: applySet.parentName, namespace: applySet.namespace)
        if let existingParent, let problem = applySet.problem(withExistingParent: existingParent) {
            throw KubeError(origin: client.origin, kind: .invalidObject, message: problem,
                            hint: "delete or rename that ConfigMap; kubectl-mesh keeps its record of applied objects there")
        }
        let priorKinds = existingParent.map(ApplySet.groupKinds(ofParent:)) ?? []
        let priorNamespaces = existingParent.map(ApplySet.additionalNamespaces(ofParent:)) ?? []
        let existing = try ApplySetInventory(client: client, applySet: applySet)
            .members(groupKinds: priorKinds, namespaces: priorNamespaces, knownKinds: members.map(\.kind))

        let wantedKinds = Set(members.map(\.key.groupKind))
        let wantedNamespaces = Set(members.map(\.key.namespace)).subtracting([applySet.namespace, ""])
        var report = ApplyReport()

        // Namespaces first: the parent lives in one of them.
        let namespaces = members.filter { $0.kind.group == "" && $0.kind.kind == "Namespace" }
        report = report + (try applyAll(namespaces, existing: existing))

        // The parent records every kind in use before any is applied, so that a run
        // interrupted half way still knows what to prune.
        var recorded = (kinds: priorKinds, namespaces: priorNamespaces)
        if existingParent == nil || !wantedKinds.isSubset(of: priorKinds) || !wantedNamespaces.isSubset(of: priorNamespaces) {
            recorded = (priorKinds.union(wantedKinds), priorNamespaces.union(wantedNamespaces))
            _ = try client.apply(
                applySet.parent(groupKinds: recorded.kinds, additionalNamespaces: recorded.namespaces, mesh: mesh, cluster: session.cluster.name), force: true)
        }

        let crds = members.filter { $0.kind.group == "apiextensions.k8s.io" && $0.kind.kind == "CustomResourceDefinition" }
        report = report + (try applyAll(crds, existing: existing))
        if !crds.isEmpty {
            try client.waitForEstablished(customResourceDefinitions: crds.map(\.key.name), timeout: timeout, progress: progress)
            // New kinds are served now: what discovery learned before is out of date.
            client.invalidateDiscovery()
        }

        // Token Secrets last: the token controller deletes one whose ServiceAccount does not exist yet.
        let rest = members.filter { member in
            !namespaces.contains { $0.key == member.key } && !crds.contains { $0.key == member.key }
        }
        report = report + (try applyAll(rest.filter { !Self.isTokenSecret($0.object) }, existing: existing))
        report = report + (try applyAll(rest.filter { Self.isTokenSecret($0.object) }, existing: existing))

        // Prune what a previous run applied and this one no longer renders.
        let wantedKeys = Set(members.map(\.key))
        for (key, object) in existing.sorted(by: { $0.key < $1.key }) where !wantedKeys.contains(key) {
            if try client.delete(object) { report.pruned.append(key.description) }
        }

        if recorded.kinds != wantedKinds || recorded.namespaces != wantedNamespaces {
            _ = try client.apply(
                applySet.parent(groupKinds: wantedKinds, additionalNamespaces: wantedNamespaces, mesh: mesh, cluster: session.cluster.name), force: true)
        }
        return report
    }

    /// What `apply` would send, without sending it (`--dry-run`): the parent and
    /// the stamped members. Reads discovery only.
    func plan(_ desired: [Value]) throws(KubeError) -> [Value] {
        let members = try prepare(desired)
        let parent = applySet.parent(
            groupKinds: Set(members.map(\.key.groupKind)),
            additionalNamespaces: Set(members.map(\.key.namespace)).subtracting([applySet.namespace, ""]), mesh: mesh,
            cluster: session.cluster.name)
        // In the order `apply` sends them: Namespaces, the parent, CRDs, the rest, token Secrets.
        let objects = members.map(\.object)
        func isNamespace(_ o: Value) -> Bool { o["kind"]?.string == "Namespace" && o["apiVersion"]?.string == "v1" }
        func isCRD(_ o: Value) -> Bool { o["kind"]?.string == "CustomResourceDefinition" }
        let namespaces = objects.filter(isNamespace)
        let crds = objects.filter(isCRD)
        let rest = objects.filter { !isNamespace($0) && !isCRD($0) }
        return namespaces + [parent] + crds + rest.filter { !Self.isTokenSecret($0) } + rest.filter(Self.isTokenSecret)
    }

    static func isTokenSecret(_ object: Value) -> Bool {
        object["kind"]?.string == "Secret" && object["type"]?.string == ReaderAccess.tokenSecretType
    }

    /// Stamps each object with the mesh's and the set's labels, and gives
    /// namespaced objects without a namespace the set's namespace.
    private func prepare(_ desired: [Value]) throws(KubeError) -> [Member] {
        // Kinds the set itself defines by CRD are not served yet: take their scope from the CRD.
        var crdScopes: [String: Bool] = [:]
        for object in knownCRDs + desired where object["kind"]?.string == "CustomResourceDefinition" {
            if let group = object["spec"]?["group"]?.string, let kind = object["spec"]?["names"]?["kind"]?.string {
                crdScopes["\(kind).\(group)"] = object["spec"]?["scope"]?.string != "Cluster"
            }
        }
        var members: [Member] = []
        var seen = Set<MemberKey>()
        for object in desired {
            guard let apiVersion = object["apiVersion"]?.string, let kindName = object["kind"]?.string,
                let name = object["metadata"]?["name"]?.string, !name.isEmpty
            else {
                throw KubeError(origin: client.origin, kind: .invalidObject,
                                message: "a rendered object has no apiVersion, kind or metadata.name")
            }
            let kind = GroupVersionKind(apiVersion: apiVersion, kind: kindName)
            let groupKind = kind.group.isEmpty ? kindName : "\(kindName).\(kind.group)"
            let namespaced: Bool
            if let scope = crdScopes[groupKind] {
                namespaced = scope
            } else {
                namespaced = try client.resource(for: kind).namespaced
            }
            var stamped = applySet.member(MeshLabels.stamped(object, mesh: mesh, stage: applySet.stage, remote: applySet.remote))
            var namespace = ""
            if namespaced {
                namespace = object["metadata"]?["namespace"]?.string ?? ""
                if namespace.isEmpty {
                    namespace = applySet.namespace
                    stamped["metadata"]?["namespace"] = .string(namespace)
                }
            } else if object["metadata"]?["namespace"] != nil {
                stamped["metadata"]?["namespace"] = nil
            }
            let key = MemberKey(groupKind: groupKind, namespace: namespace, name: name)
            guard seen.insert(key).inserted else {
                throw KubeError(origin: client.origin, kind: .invalidObject,
                                message: "\(key) is rendered twice", hint: "check the values given with --set and -f")
            }
            members.append(Member(key: key, kind: kind, object: stamped))
        }
        return members
    }

    /// Applies `members` in parallel and sorts each into created, configured or unchanged.
    private func applyAll(_ members: [Member], existing: [MemberKey: Value]) throws(KubeError) -> ApplyReport {
        var report = ApplyReport()
        guard !members.isEmpty else { return report }
        let results = client.apply(members.map(\.object), force: true, concurrency: concurrency)
        for (member, result) in zip(members, results) {
            let applied: ApplyResult
            switch result {
            case .success(let value): applied = value
            case .failure(let error): throw error
            }
            let before = existing[member.key]?["metadata"]?["resourceVersion"]?.string
            if applied.created {
                report.created.append(member.key.description)
            } else if before != nil, !applied.changed(from: before) {
                report.unchanged.append(member.key.description)
            } else {
                report.configured.append(member.key.description)
            }
        }
        return report
    }
}
