import YAML

/// DESIGN.md §5 step 4: the Gateway and VirtualService that let the remotes'
/// proxies and webhooks reach the primary's istiod through the east-west gateway,
/// by TLS passthrough on 15012 (xDS and CA) and 15017 (injection webhook).
public enum ExposeIstiod {
    public static let gatewayName = "istiod-gateway"
    /// The selector of the gateway chart's pods when `networkGateway` is set.
    public static let gatewaySelector: Value = ["istio": "eastwestgateway"]

    /// The Gateway and the VirtualService, in `apiVersion` (`networking.istio.io/v1`,
    /// or `v1beta1` for releases that do not serve v1 yet).
    public static func objects(_ topology: Topology, apiVersion: String = "networking.istio.io/v1") -> [Value] {
        [gateway(topology, apiVersion: apiVersion), virtualService(topology, apiVersion: apiVersion)]
    }

    /// One Gateway serves every revision: two Gateways on the same ports would conflict.
    public static func gateway(_ topology: Topology, apiVersion: String) -> Value {
        func server(_ name: String, _ port: Int64) -> Value {
            [
                "port": ["name": .string(name), "number": .int(port), "protocol": "TLS"],
                "tls": ["mode": "PASSTHROUGH"],
                "hosts": ["*"],
            ]
        }
        return [
            "apiVersion": .string(apiVersion), "kind": "Gateway",
            "metadata": ["name": .string(gatewayName), "namespace": .string(topology.namespace)],
            "spec": [
                "selector": gatewaySelector,
                "servers": [server("tls-istiod", 15012), server("tls-istiodwebhook", 15017)],
            ],
        ]
    }

    /// Routes by port; with a revision, by SNI too, so each revision's istiod gets its own traffic.
    public static func virtualService(_ topology: Topology, apiVersion: String) -> Value {
        let host = topology.istiodHost
        let sniHosts: Value
        if topology.revision != nil {
            sniHosts = [.string("\(topology.istiodName).\(topology.namespace).svc"), .string(host)]
        } else {
            sniHosts = ["*"]
        }
        func route(_ port: Int64, to destinationPort: Int64) -> Value {
            [
                "match": [["port": .int(port), "sniHosts": sniHosts]],
                "route": [["destination": ["host": .string(host), "port": ["number": .int(destinationPort)]]]],
            ]
        }
        let name = topology.revision.map { "istiod-vs-\($0)" } ?? "istiod-vs"
        return [
            "apiVersion": .string(apiVersion), "kind": "VirtualService",
            "metadata": ["name": .string(name), "namespace": .string(topology.namespace)],
            "spec": [
                "hosts": ["*"],
                "gateways": [.string(gatewayName)],
                "tls": [route(15012, to: 15012), route(15017, to: 443)],
            ],
        ]
    }
}
