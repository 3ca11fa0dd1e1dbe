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
///
/// Applies never force: a field another manager owns with another value is a
/// conflict. Fields Istio's own controllers own (`IstioRuntimeOwners`) are left
/// out of the apply so they stay theirs; any other owner stops the set with
/// `ForeignFieldOwners`, unless `forceConflicts` takes those fields over. Members
/// that already exist with fields of other managers are checked by a dry run
/// first, so such a conflict stops the set before anything in it is written.
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
    /// `--force-conflicts`: take fields other tools manage (never Istio's runtime ones).
    var forceConflicts = false

    private var client: KubeClient { session.client }

    /// An object about to be applied, with what the server calls its kind.
    struct Member: Sendable {
        var key: MemberKey
        var kind: GroupVersionKind
        var object: Value
        /// Take fields from other managers (`--force-conflicts` and a conflict seen).
        var force = false
        /// Fields left out of `object` because Istio's controllers own them.
        var leftToIstio: [FieldConflict] = []
    }

    /// A set ready to write: its members, and what the cluster holds of it now.
    struct Prepared {
        var members: [Member]
        var existingParent: Value?
        var existing: [MemberKey: Value]
        var priorKinds: Set<String>
        var priorNamespaces: Set<String>
        var wantedKinds: Set<String> { Set(members.map(\.key.groupKind)) }
        var wantedNamespaces: Set<String> { Set(members.map(\.key.namespace)) }
    }

    /// Prepares, writes and prunes the set.
    func apply(_ desired: [Value]) throws -> ApplyReport {
        let prepared = try prepare(desired)
        var report = try write(prepared)
        try prune(prepared, into: &report)
        return report
    }

    /// Stamps the members, reads the set's parent and members from the cluster,
    /// and checks the members other managers also write by a dry run. Writes nothing.
    func prepare(_ desired: [Value]) throws -> Prepared {
        var members = try stamp(desired)
        let existingParent = try client.get(.configMap, name: applySet.parentName, namespace: applySet.namespace)
        if let existingParent, let problem = applySet.problem(withExistingParent: existingParent) {
            throw KubeError(origin: client.origin, kind: .invalidObject, message: problem,
                            hint: "delete or rename that ConfigMap; kubectl-mesh keeps its record of applied objects there")
        }
        let priorKinds = existingParent.map(ApplySet.groupKinds(ofParent:)) ?? []
        let priorNamespaces = existingParent.map(ApplySet.additionalNamespaces(ofParent:)) ?? []
        let existing = try ApplySetInventory(client: client, applySet: applySet)
            .members(groupKinds: priorKinds, namespaces: priorNamespaces, knownKinds: members.map(\.kind))
        try checkSharedMembers(&members, existing: existing)
        return Prepared(members: members, existingParent: existingParent, existing: existing,
                        priorKinds: priorKinds, priorNamespaces: priorNamespaces)
    }

    /// Applies the members: Namespaces, the parent, CRDs (waited on), the rest, token Secrets.
    func write(_ prepared: Prepared) throws -> ApplyReport {
        let members = prepared.members
        let existing = prepared.existing
        var report = ApplyReport()

        // Namespaces first: the parent lives in one of them.
        let namespaces = members.filter { $0.kind.group == "" && $0.kind.kind == "Namespace" }
        report = report + (try applyAll(namespaces, existing: existing))

        // The parent records every kind in use before any is applied, so that a run
        // interrupted half way still knows what to prune.
        let wantedNamespaces = prepared.wantedNamespaces.subtracting([applySet.namespace, ""])
        if prepared.existingParent == nil || !prepared.wantedKinds.isSubset(of: prepared.priorKinds)
            || !wantedNamespaces.isSubset(of: prepared.priorNamespaces)
        {
            try applyParent(kinds: prepared.priorKinds.union(prepared.wantedKinds),
                            namespaces: prepared.priorNamespaces.union(wantedNamespaces))
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
        return report
    }

    /// Deletes what a previous run applied and this one no longer renders, then
    /// records the set's final group-kinds on its parent.
    func prune(_ prepared: Prepared, into report: inout ApplyReport) throws {
        let wantedKeys = Set(prepared.members.map(\.key))
        for (key, object) in prepared.existing.sorted(by: { $0.key < $1.key }) where !wantedKeys.contains(key) {
            // Another set (a newer layout of the same stage) may have taken the object over since it was listed.
            guard let current = try client.get(GroupVersionKind(apiVersion: object["apiVersion"]?.string ?? "v1",
                                                                kind: object["kind"]?.string ?? ""),
                                               name: key.name, namespace: key.namespace.isEmpty ? nil : key.namespace),
                current.label(ApplySet.partOfLabel) == applySet.id
            else { continue }
            if try client.delete(current) { report.pruned.append(key.description) }
        }
        let wantedNamespaces = prepared.wantedNamespaces.subtracting([applySet.namespace, ""])
        let recordedKinds = prepared.existingParent == nil || !prepared.wantedKinds.isSubset(of: prepared.priorKinds)
            || !wantedNamespaces.isSubset(of: prepared.priorNamespaces)
            ? (prepared.priorKinds.union(prepared.wantedKinds), prepared.priorNamespaces.union(wantedNamespaces))
            : (prepared.priorKinds, prepared.priorNamespaces)
        if recordedKinds.0 != prepared.wantedKinds || recordedKinds.1 != wantedNamespaces {
            try applyParent(kinds: prepared.wantedKinds, namespaces: wantedNamespaces)
        }
    }

    /// The parent is kubectl-mesh's own record: it is applied with force, so that
    /// no other manager can hold on to the list of what to prune.
    private func applyParent(kinds: Set<String>, namespaces: Set<String>) throws(KubeError) {
        _ = try client.apply(
            applySet.parent(groupKinds: kinds, additionalNamespaces: namespaces, mesh: mesh, cluster: session.cluster.name),
            force: true)
    }

    /// What `apply` would send, without sending it (`--dry-run`): the parent and
    /// the stamped members. Reads discovery only.
    func plan(_ desired: [Value]) throws(KubeError) -> [Value] {
        let members = try stamp(desired)
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
    private func stamp(_ desired: [Value]) throws(KubeError) -> [Member] {
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
            var stamped = applySet.member(MeshLabels.stamped(object, mesh: mesh, stage: applySet.stage, remote: applySet.remote, revision: applySet.revision))
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

    /// Applies `members` in parallel and sorts each into created, configured or
    /// unchanged. A conflict with Istio's runtime owners is applied again without
    /// their fields; one with any other owner stops the set (unless forced).
    private func applyAll(_ members: [Member], existing: [MemberKey: Value]) throws -> ApplyReport {
        var report = ApplyReport()
        guard !members.isEmpty else { return report }
        let client = self.client
        let results = ConcurrentMap.map(members, concurrency: concurrency) { member in
            Result { () throws(KubeError) -> ApplyResult in try client.apply(member.object, force: member.force) }
        }
        var foreign: [(object: String, conflicts: [FieldConflict])] = []
        for (index, result) in results.enumerated() {
            var member = members[index]
            var outcome = result
            var blocked: [FieldConflict] = []
            // A conflict the dry run could not foresee (a new object, or a change since): settle it now.
            for _ in 0..<3 {
                guard case .failure(let error) = outcome, let conflicts = FieldConflict.all(in: error) else { break }
                blocked = settle(&member, conflicts)
                if !blocked.isEmpty, !forceConflicts { break }
                blocked = []
                let object = member.object
                let force = member.force
                outcome = Result { () throws(KubeError) -> ApplyResult in try client.apply(object, force: force) }
            }
            if !blocked.isEmpty {
                foreign.append((member.key.description, blocked))
                continue
            }
            switch outcome {
            case .success(let applied): record(member, applied, existing: existing, into: &report)
            case .failure(let error): throw error
            }
        }
        if !foreign.isEmpty {
            throw ForeignFieldOwners(objects: foreign, origin: client.origin, nothingWritten: false)
        }
        return report
    }

    private func record(_ member: Member, _ applied: ApplyResult, existing: [MemberKey: Value], into report: inout ApplyReport) {
        let before = existing[member.key]?["metadata"]?["resourceVersion"]?.string
        if applied.created {
            report.created.append(member.key.description)
        } else if before != nil, !applied.changed(from: before) {
            report.unchanged.append(member.key.description)
        } else {
            report.configured.append(member.key.description)
        }
        report.leftToIstio += member.leftToIstio.map { "\(member.key): \($0)" }
        if member.force { report.forced.append(member.key.description) }
    }

    /// Leaves Istio's fields out of `member` and, with `--force-conflicts`, marks it
    /// to take the others; returns the conflicts with other owners, and those that
    /// could not be left out (the field is not in the object as rendered).
    private func settle(_ member: inout Member, _ conflicts: [FieldConflict]) -> [FieldConflict] {
        var foreign: [FieldConflict] = []
        for conflict in conflicts {
            if IstioRuntimeOwners.owns(conflict.manager), let path = FieldPath(conflict.field),
                let without = path.removed(from: member.object)
            {
                member.object = without
                member.leftToIstio.append(conflict)
            } else {
                foreign.append(conflict)
            }
        }
        if !foreign.isEmpty, forceConflicts { member.force = true }
        return foreign
    }

    /// Dry-runs the members that exist with fields of other managers, settles
    /// their conflicts, and stops before any write when another tool owns a field.
    /// Live objects list their owners in `managedFields`; owners through a
    /// subresource (`status`) never conflict with an apply of the object itself.
    private func checkSharedMembers(_ members: inout [Member], existing: [MemberKey: Value]) throws {
        let manager = client.options.fieldManager
        let shared = members.indices.filter { index in
            guard let live = existing[members[index].key] else { return false }
            return (live["metadata"]?["managedFields"]?.sequence ?? []).contains { entry in
                entry["manager"]?.string != manager && (entry["subresource"]?.string ?? "").isEmpty
            }
        }
        guard !shared.isEmpty else { return }
        let client = self.client
        let candidates = shared.map { members[$0] }
        var foreign: [(object: String, conflicts: [FieldConflict])] = []
        let results = ConcurrentMap.map(candidates, concurrency: concurrency) { member in
            Result { () throws(KubeError) -> ApplyResult in try client.apply(member.object, dryRun: true) }
        }
        for (position, index) in shared.enumerated() {
            guard case .failure(let error) = results[position] else { continue }
            guard let conflicts = FieldConflict.all(in: error) else { throw error }
            let blocked = settle(&members[index], conflicts)
            if !blocked.isEmpty, !forceConflicts { foreign.append((members[index].key.description, blocked)) }
        }
        if !foreign.isEmpty {
            throw ForeignFieldOwners(objects: foreign, origin: client.origin, nothingWritten: true)
        }
    }
}
