import YAML

/// What a cluster tells the renderer, so charts render as `helm install` would
/// against it (`.Capabilities.KubeVersion`, `.Capabilities.APIVersions`).
public struct ClusterCapabilities: Sendable, Equatable {
    /// `v1.31.2`
    public var kubeVersion: String
    /// `v1`, `apps/v1`, `networking.istio.io/v1`, …
    public var apiVersions: [String]

    public init(kubeVersion: String, apiVersions: [String]) {
        self.kubeVersion = kubeVersion
        self.apiVersions = apiVersions
    }
}

/// Renders the Istio release's charts into Kubernetes objects. `IstioCharts`
/// is the real one (module Helm); the seam keeps the stages independent of how
/// a chart is found and rendered.
public protocol ChartRendering: Sendable {
    /// The Istio release the charts come from (the istiod chart's version, e.g. `1.28.0`).
    var istioVersion: String { get }
    /// Where the charts were found, for messages.
    var location: String { get }
    /// The objects of one render: the mesh's values, then the user's on top when
    /// the render takes them. Comment-only documents are dropped.
    func render(_ render: ChartRender, capabilities: ClusterCapabilities?) throws(MeshError) -> [Value]
}
