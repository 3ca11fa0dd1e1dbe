import YAML

extension KubeClient {
    /// Watches objects of `kind` (one object when `name` is given), handing each
    /// event to `handler` until it answers `.stop`, the server ends the watch,
    /// or `timeout` seconds pass. Starts after `resourceVersion` when given
    /// (from a list or get), else with the current state as ADDED events.
    ///
    /// Returns the last resourceVersion seen (to resume from). The stream
    /// ending early is not an error; a Status the server sends instead of an
    /// event, or a failure to start the watch, is.
    @discardableResult
    public func watch(
        _ kind: GroupVersionKind, namespace: String? = nil, name: String? = nil, labelSelector: Selector? = nil,
        fieldSelector: Selector? = nil, resourceVersion: String? = nil, timeout: Double,
        handler: (WatchEvent) -> WatchControl
    ) throws(KubeError) -> String? {
        try withoutActuallyEscaping(handler) { (handler) throws(KubeError) -> String? in
            try watchStream(
                kind, namespace: namespace, name: name, labelSelector: labelSelector, fieldSelector: fieldSelector,
                resourceVersion: resourceVersion, timeout: timeout, handler: handler)
        }
    }

    private func watchStream(
        _ kind: GroupVersionKind, namespace: String?, name: String?, labelSelector: Selector?,
        fieldSelector: Selector?, resourceVersion: String?, timeout: Double,
        handler: @escaping (WatchEvent) -> WatchControl
    ) throws(KubeError) -> String? {
        let resource = try resource(for: kind)
        var fields = [String]()
        if let name { fields.append("metadata.name=\(name)") }
        if let fieldSelector, !fieldSelector.isEmpty { fields.append(fieldSelector) }
        // The server closes the watch itself a little before our own deadline.
        let serverTimeout = max(1, Int(timeout.rounded(.down)))
        var query = [HTTPRequest.QueryItem("watch", "1"), .init("allowWatchBookmarks", "true"),
                     .init("timeoutSeconds", String(serverTimeout))]
        if let resourceVersion, !resourceVersion.isEmpty { query.append(.init("resourceVersion", resourceVersion)) }
        if let labelSelector, !labelSelector.isEmpty { query.append(.init("labelSelector", labelSelector)) }
        if !fields.isEmpty { query.append(.init("fieldSelector", fields.joined(separator: ","))) }
        let namespace = name != nil || namespace != nil ? namespaceFor(resource, namespace) : nil
        let request = HTTPRequest(
            method: .get, path: resource.collectionPath(namespace: namespace), query: query,
            timeout: max(0.5, timeout) + 5)

        var decoder = WatchStreamDecoder()
        var lastResourceVersion = resourceVersion
        var failure: KubeError?
        // Returns false to end the stream.
        func deliver(_ items: [WatchStreamDecoder.Item]) -> Bool {
            for item in items {
                switch item {
                case .undecodable(let line):
                    failure = KubeError(
                        origin: origin, kind: .invalidResponse,
                        message: "\(request.summary): the watch stream holds a line that is not an event"
                            + " (it starts \(line.debugDescription))",
                        request: request.summary)
                    return false
                case .event(let event):
                    if event.kind == .error {
                        failure = StatusError.make(status: event.object, request: request, origin: origin)
                        return false
                    }
                    if let version = event.resourceVersion { lastResourceVersion = version }
                    if event.kind == .bookmark { continue }
                    if handler(event) == .stop { return false }
                }
            }
            return true
        }
        var stopped = false
        _ = try send(request, idempotent: true) { chunk in
            if stopped { return false }
            stopped = !deliver(decoder.feed(chunk))
            return !stopped
        }
        if !stopped { _ = deliver(decoder.finish()) }
        if let failure { throw failure }
        return lastResourceVersion
    }
}
