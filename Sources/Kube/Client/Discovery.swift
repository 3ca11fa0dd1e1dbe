import Synchronization
import YAML

/// The API server's discovery documents, fetched lazily and kept for the run.
///
/// Each group version's resource list is fetched the first time a kind of it
/// is needed. A kind missing from a cached list causes exactly one refetch
/// (a CRD that just became Established adds kinds to a group the cache
/// already knew, or a whole new group); only then is it reported unknown.
/// Such a refetch also drops the cached list of group versions.
final class Discovery: Sendable {
    private struct Cache {
        var resources: [String: [APIResource]] = [:]
        /// Counts fetches of each group version, so a thread that waited for
        /// another's fetch can use its answer instead of fetching again.
        var generation: [String: Int] = [:]
    }

    private let cache = Mutex(Cache())
    private let versions = Mutex<[String]?>(nil)
    /// Held while a discovery document is fetched: many threads that miss the
    /// cache at once (a concurrent apply) cause one request, not many.
    private let fetching = Mutex(())

    enum Lookup {
        /// The group version is not served at all.
        case groupVersionNotServed
        case resources([APIResource])
    }

    /// Fetches a group version's resource list: GET /api/v1 or /apis/GROUP/VERSION.
    typealias Fetch = (_ path: String) throws(KubeError) -> Value?

    func resource(for kind: GroupVersionKind, fetch: Fetch, origin: KubeError.Origin) throws(KubeError) -> APIResource {
        let key = kind.groupVersion
        let (cached, seenGeneration) = cache.withLock { ($0.resources[key], $0.generation[key] ?? 0) }
        if let found = cached?.first(where: { $0.kind == kind.kind }) { return found }
        // Unknown to the cache (or not cached yet): ask the server, once.
        let fresh: Lookup = try fetching.withLock { _ throws(KubeError) -> Lookup in
            let (current, generation) = cache.withLock { ($0.resources[key], $0.generation[key] ?? 0) }
            if generation > seenGeneration {
                return current.map { .resources($0) } ?? .groupVersionNotServed
            }
            return try load(kind: kind, fetch: fetch, origin: origin)
        }
        switch fresh {
        case .groupVersionNotServed:
            throw KubeError(
                origin: origin, kind: .unknownKind,
                message: "the server does not serve apiVersion \(kind.apiVersion) (needed for kind \(kind.kind))",
                hint: kind.group.isEmpty || kind.group.hasSuffix(".k8s.io")
                    ? "the cluster's Kubernetes version may not have this API"
                    : "install the CustomResourceDefinitions of group \(kind.group) first")
        case .resources(let list):
            if let found = list.first(where: { $0.kind == kind.kind }) { return found }
            throw KubeError(
                origin: origin, kind: .unknownKind,
                message: "the server does not know kind \(kind.kind) in \(kind.apiVersion)",
                hint: "check the kind's spelling, or install its CustomResourceDefinition first")
        }
    }

    /// Forgets everything (after CRDs changed, when the caller knows).
    func invalidate() {
        cache.withLock { $0.resources = [:] }
        versions.withLock { $0 = nil }
    }

    private func load(kind: GroupVersionKind, fetch: Fetch, origin: KubeError.Origin) throws(KubeError) -> Lookup {
        // Whatever made this kind unknown (a new CRD, a new group) may have changed the list of versions too.
        versions.withLock { $0 = nil }
        let path = kind.group.isEmpty ? "/api/\(kind.version)" : "/apis/\(kind.group)/\(kind.version)"
        guard let document = try fetch(path) else {
            cache.withLock {
                $0.resources[kind.groupVersion] = nil
                $0.generation[kind.groupVersion, default: 0] += 1
            }
            return .groupVersionNotServed
        }
        var list = [APIResource]()
        for entry in document["resources"]?.sequence ?? [] {
            guard let name = entry["name"]?.string, !name.contains("/"), let entryKind = entry["kind"]?.string else {
                continue
            }
            list.append(
                APIResource(
                    group: kind.group, version: kind.version, name: name,
                    singularName: entry["singularName"]?.string ?? "", kind: entryKind,
                    namespaced: entry["namespaced"]?.bool ?? false,
                    verbs: (entry["verbs"]?.sequence ?? []).compactMap(\.string),
                    shortNames: (entry["shortNames"]?.sequence ?? []).compactMap(\.string)))
        }
        cache.withLock {
            $0.resources[kind.groupVersion] = list
            $0.generation[kind.groupVersion, default: 0] += 1
        }
        return .resources(list)
    }

    /// Every group version the server serves (`v1`, `apps/v1`, …), cached for the run.
    func apiVersions(fetch: Fetch) throws(KubeError) -> [String] {
        if let cached = versions.withLock({ $0 }) { return cached }
        var all = [String]()
        if let core = try fetch("/api") {
            all += (core["versions"]?.sequence ?? []).compactMap(\.string)
        }
        if let groups = try fetch("/apis") {
            for group in groups["groups"]?.sequence ?? [] {
                for version in group["versions"]?.sequence ?? [] {
                    if let groupVersion = version["groupVersion"]?.string { all.append(groupVersion) }
                }
            }
        }
        versions.withLock { $0 = all }
        return all
    }
}
