import YAML

/// The `istio-system` namespaces of DESIGN.md §5 steps 1 and 5.
public enum IstioNamespace {
    public static let networkLabel = "topology.istio.io/network"
    public static let controlPlaneClustersAnnotation = "topology.istio.io/controlPlaneClusters"

    /// On the primary: labelled with the network, so istiod knows its own network.
    public static func primary(_ topology: Topology) -> Value {
        [
            "apiVersion": "v1", "kind": "Namespace",
            "metadata": ["name": .string(topology.namespace), "labels": [networkLabel: .string(topology.network)]],
        ]
    }

    /// On a remote: labelled with the network and annotated with the primary that
    /// serves it, so the primary's istiod takes the remote's config from itself.
    public static func remote(_ topology: Topology) -> Value {
        [
            "apiVersion": "v1", "kind": "Namespace",
            "metadata": [
                "name": .string(topology.namespace),
                "labels": [networkLabel: .string(topology.network)],
                "annotations": [controlPlaneClustersAnnotation: .string(topology.primary.name)],
            ],
        ]
    }
}
