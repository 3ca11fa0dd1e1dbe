import YAML

extension KubeClient {
    // MARK: Discovery

    /// The resource serving `kind` (plural name, namespaced or not), from
    /// discovery: cached for the run, fetched again once when the kind is unknown.
    public func resource(for kind: GroupVersionKind) throws(KubeError) -> APIResource {
        try discovery.resource(for: kind, fetch: fetchDiscovery, origin: origin)
    }

    /// Every group version the server serves (`v1`, `apps/v1`, …), for
    /// rendering charts against this cluster's capabilities.
    public func apiVersions() throws(KubeError) -> [String] {
        try discovery.apiVersions(fetch: fetchDiscovery)
    }

    /// Forgets what discovery learned, so the next lookups ask the server again.
    public func invalidateDiscovery() {
        discovery.invalidate()
    }

    /// GET of a discovery document; nil when the server does not serve it (404).
    private func fetchDiscovery(_ path: String) throws(KubeError) -> Value? {
        let request = HTTPRequest(method: .get, path: path)
        do {
            return try sendJSON(request, idempotent: true)
        } catch where error.isNotFound {
            return nil
        }
    }

    // MARK: Reading

    /// The object, or nil when it does not exist.
    public func get(
        _ kind: GroupVersionKind, name: String, namespace: String? = nil, subresource: String? = nil
    ) throws(KubeError) -> Value? {
        let resource = try resource(for: kind)
        let path = resource.objectPath(name: name, namespace: namespaceFor(resource, namespace), subresource: subresource)
        do {
            return try sendJSON(HTTPRequest(method: .get, path: path), idempotent: true)
        } catch where error.isNotFound {
            return nil
        }
    }

    /// The objects of `kind` in `namespace` (all namespaces when nil), following
    /// the server's pages (`limit`/`continue`) until the end.
    public func list(
        _ kind: GroupVersionKind, namespace: String? = nil, labelSelector: Selector? = nil,
        fieldSelector: Selector? = nil
    ) throws(KubeError) -> ObjectList {
        let resource = try resource(for: kind)
        let path = resource.collectionPath(namespace: namespace)
        var items = [Value]()
        var continueToken: String?
        var resourceVersion = ""
        repeat {
            var query = [HTTPRequest.QueryItem("limit", "500")]
            if let labelSelector, !labelSelector.isEmpty { query.append(.init("labelSelector", labelSelector)) }
            if let fieldSelector, !fieldSelector.isEmpty { query.append(.init("fieldSelector", fieldSelector)) }
            if let continueToken { query.append(.init("continue", continueToken)) }
            let page = try sendJSON(HTTPRequest(method: .get, path: path, query: query), idempotent: true)
            for item in page["items"]?.sequence ?? [] {
                items.append(KubeClient.filledIn(item, kind: kind))
            }
            resourceVersion = page["metadata"]?["resourceVersion"]?.string ?? resourceVersion
            continueToken = page["metadata"]?["continue"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        } while continueToken != nil
        return ObjectList(items: items, resourceVersion: resourceVersion)
    }

    // MARK: Writing

    /// Server-side apply of `object` (`application/apply-patch+yaml`) under
    /// `fieldManager`. A field another manager set to a different value is a
    /// conflict (`KubeError.isConflict`) unless `force` takes it over.
    /// Safe to repeat: an apply that changes nothing leaves resourceVersion as it was.
    public func apply(
        _ object: Value, force: Bool = false, fieldManager: String? = nil, subresource: String? = nil,
        dryRun: Bool = false
    ) throws(KubeError) -> ApplyResult {
        let (identity, resource) = try identify(object)
        var query = [HTTPRequest.QueryItem("fieldManager", fieldManager ?? options.fieldManager)]
        if force { query.append(.init("force", "true")) }
        if dryRun { query.append(.init("dryRun", "All")) }
        let request = HTTPRequest(
            method: .patch,
            path: resource.objectPath(
                name: identity.name, namespace: namespaceFor(resource, identity.namespace), subresource: subresource),
            query: query,
            headers: [.init("Content-Type", "application/apply-patch+yaml")],
            body: try body(object))
        let response = try send(request, idempotent: true)
        return ApplyResult(
            object: try decode(response, request: request), created: response.status == 201,
            warnings: WarningHeader.texts(response[header: "warning"]))
    }

    /// Server-side applies `objects` with up to `concurrency` requests in
    /// flight; results come back in the order of `objects`.
    public func apply(
        _ objects: [Value], force: Bool = false, fieldManager: String? = nil, concurrency: Int = 4
    ) -> [Result<ApplyResult, KubeError>] {
        ConcurrentMap.map(objects, concurrency: concurrency) { object in
            Result { () throws(KubeError) -> ApplyResult in
                try self.apply(object, force: force, fieldManager: fieldManager)
            }
        }
    }

    /// Creates `object` (POST). Not repeated blindly on failure: only when the
    /// server surely did not process it. An existing object is `isAlreadyExists`.
    public func create(_ object: Value, subresource: String? = nil) throws(KubeError) -> Value {
        let (identity, resource) = try identify(object)
        let namespace = namespaceFor(resource, identity.namespace)
        let path =
            subresource.map { resource.objectPath(name: identity.name, namespace: namespace, subresource: $0) }
            ?? resource.collectionPath(namespace: namespace)
        let request = HTTPRequest(
            method: .post, path: path, query: [.init("fieldManager", options.fieldManager)],
            headers: [.init("Content-Type", "application/json")], body: try body(object))
        return try sendJSON(request, idempotent: false)
    }

    /// Patches one object. Merge and strategic merge patches are repeated on
    /// transient failures; JSON patches (operation lists) are not.
    public func patch(
        _ kind: GroupVersionKind, name: String, namespace: String? = nil, patch: Value, type: PatchType = .merge,
        subresource: String? = nil
    ) throws(KubeError) -> Value {
        let resource = try resource(for: kind)
        let request = HTTPRequest(
            method: .patch,
            path: resource.objectPath(name: name, namespace: namespaceFor(resource, namespace), subresource: subresource),
            query: [.init("fieldManager", options.fieldManager)],
            headers: [.init("Content-Type", type.rawValue)], body: try body(patch))
        return try sendJSON(request, idempotent: type != .json)
    }

    /// Deletes one object; returns false when it did not exist.
    @discardableResult
    public func delete(
        _ kind: GroupVersionKind, name: String, namespace: String? = nil,
        propagationPolicy: PropagationPolicy = .background
    ) throws(KubeError) -> Bool {
        let resource = try resource(for: kind)
        let request = HTTPRequest(
            method: .delete, path: resource.objectPath(name: name, namespace: namespaceFor(resource, namespace)),
            query: [.init("propagationPolicy", propagationPolicy.rawValue)])
        do {
            _ = try send(request, idempotent: true)
            return true
        } catch where error.isNotFound {
            return false
        }
    }

    /// Deletes the object a manifest describes; returns false when it did not exist.
    @discardableResult
    public func delete(_ object: Value, propagationPolicy: PropagationPolicy = .background) throws(KubeError) -> Bool {
        let (identity, _) = try identify(object)
        return try delete(
            identity.kind, name: identity.name, namespace: identity.namespace, propagationPolicy: propagationPolicy)
    }

    // MARK: Helpers

    /// The namespace a request for `resource` goes to: the given one, else the
    /// context's; none for cluster-scoped resources.
    func namespaceFor(_ resource: APIResource, _ namespace: String?) -> String? {
        guard resource.namespaced else { return nil }
        if let namespace, !namespace.isEmpty { return namespace }
        return defaultNamespace
    }

    /// The identity of a manifest and the resource that serves it.
    func identify(_ object: Value) throws(KubeError) -> (ObjectIdentity, APIResource) {
        let identity = try ObjectIdentity(object, origin: origin)
        return (identity, try resource(for: identity.kind))
    }

    /// List items lack apiVersion and kind; put them back so each item stands alone.
    static func filledIn(_ item: Value, kind: GroupVersionKind) -> Value {
        guard var mapping = item.mapping else { return item }
        if mapping["apiVersion"] == nil || mapping["kind"] == nil {
            var filled = Mapping()
            filled["apiVersion"] = .string(kind.apiVersion)
            filled["kind"] = .string(kind.kind)
            for entry in mapping where entry.key != "apiVersion" && entry.key != "kind" {
                filled.append(entry.key, entry.value)
            }
            mapping = filled
        }
        return .mapping(mapping)
    }
}

extension ObjectIdentity {
    /// Reads apiVersion, kind, metadata.name and metadata.namespace from a manifest.
    init(_ object: Value, origin: KubeError.Origin) throws(KubeError) {
        guard let apiVersion = object["apiVersion"]?.string, !apiVersion.isEmpty,
            let kind = object["kind"]?.string, !kind.isEmpty
        else {
            throw KubeError(origin: origin, kind: .invalidObject, message: "an object has no apiVersion or kind")
        }
        let gvk = GroupVersionKind(apiVersion: apiVersion, kind: kind)
        guard let name = object["metadata"]?["name"]?.string, !name.isEmpty else {
            throw KubeError(origin: origin, kind: .invalidObject, message: "a \(kind) (\(apiVersion)) has no metadata.name")
        }
        let namespace = object["metadata"]?["namespace"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        self.init(kind: gvk, name: name, namespace: namespace)
    }
}
