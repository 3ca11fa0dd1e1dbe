import Kube
import YAML

/// Where a cluster's API server really listens, as the cluster itself says:
/// the first address of the `default/kubernetes` EndpointSlice (on kind, the
/// control-plane container, which kubeadm puts in the serving certificate).
/// What a pod in another cluster can reach when the kubeconfig says 127.0.0.1.
public enum AdvertisedEndpoint {
    /// `https://ADDRESS:PORT`, or why there is none.
    public static func find(client: KubeClient) -> Result<String, Missing> {
        let kind = GroupVersionKind(group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice")
        let slice: Value?
        do {
            slice = try client.get(kind, name: "kubernetes", namespace: "default")
        } catch {
            return .failure(Missing(description: "cannot read EndpointSlice default/kubernetes: \(error.message)"))
        }
        guard let slice else { return .failure(Missing(description: "EndpointSlice default/kubernetes does not exist")) }
        guard let address = slice["endpoints"]?[0]?["addresses"]?[0]?.string else {
            return .failure(Missing(description: "EndpointSlice default/kubernetes lists no address"))
        }
        let ports = slice["ports"]?.sequence ?? []
        let port = (ports.first { $0["name"]?.string == "https" } ?? ports.first)?["port"]?.int ?? 443
        let host = address.contains(":") ? "[\(address)]" : address
        return .success("https://\(host):\(port)")
    }

    /// Why the cluster names no address.
    public struct Missing: Error, CustomStringConvertible, Sendable {
        public var description: String
    }
}
