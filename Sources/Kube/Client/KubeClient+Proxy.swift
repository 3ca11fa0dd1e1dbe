extension KubeClient {
    /// GET through the API server's pod proxy
    /// (`/api/v1/namespaces/NS/pods/POD:PORT/proxy/PATH`): the raw body a pod's
    /// port answers, e.g. istiod's Prometheus metrics on 15014. Needs
    /// `get pods/proxy`. The answer is text or bytes, not a Kubernetes object.
    /// Sent once: a pod that does not answer (503) is an answer to report, and
    /// callers that wait for the pod ask again themselves.
    public func proxyGet(pod: String, namespace: String, port: Int, path: String) throws(KubeError) -> [UInt8] {
        let resource = try resource(for: .pod)
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        let request = HTTPRequest(
            method: .get,
            path: resource.objectPath(name: "\(pod):\(port)", namespace: namespace, subresource: "proxy") + "/" + trimmed)
        return try send(request, idempotent: true, retry: .never).body
    }
}
