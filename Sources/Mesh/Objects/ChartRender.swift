import YAML

/// The three charts of an Istio release that the stages render.
public enum IstioChart: String, Sendable, CaseIterable, Equatable {
    case base
    case istioDiscovery = "istio-control/istio-discovery"
    case gateway

    /// Directory below the release's `manifests/charts`.
    public var path: String { rawValue }
}

/// One chart render a stage needs: which chart, as which release, with the
/// values the mesh sets (DESIGN.md §5). The user's `--set`/`-f` go on top for
/// the control-plane charts (base and istio-discovery) only.
public struct ChartRender: Sendable, Equatable {
    public var chart: IstioChart
    public var releaseName: String
    public var namespace: String
    /// The mesh's values, as a nested mapping (`global: {meshID: mesh1}`).
    public var values: Value
    /// The values again as `--set` assignments, for messages.
    public var assignments: [String]
    public var takesUserValues: Bool

    init(chart: IstioChart, releaseName: String, namespace: String, settings: [(String, Value)], takesUserValues: Bool) {
        self.chart = chart
        self.releaseName = releaseName
        self.namespace = namespace
        self.takesUserValues = takesUserValues
        var root = Value.mapping(Mapping())
        for (path, value) in settings { root.setValue(value, at: path.split(separator: ".").map(String.init)) }
        values = root
        assignments = settings.map { "\($0.0)=\(Self.text($0.1))" }
    }

    private static func text(_ value: Value) -> String {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        default: return "\(value)"
        }
    }
}

/// The renders of each stage.
public enum ChartRenders {
    /// Stage primary-control-plane, first: the CRDs and the reader account.
    public static func primaryBase(_ t: Topology) -> ChartRender {
        ChartRender(chart: .base, releaseName: "istio-base", namespace: t.namespace, settings: defaultRevision(t), takesUserValues: true)
    }

    /// The base chart's cluster-wide validation goes to the revision this run installs
    /// (the chart's own default, `default`, without one): after a canary upgrade the
    /// old revision can go without leaving validation pointed at a missing istiod.
    static func defaultRevision(_ t: Topology) -> [(String, Value)] {
        t.revision.map { [("defaultRevision", .string($0))] } ?? []
    }

    /// Stage primary-control-plane, after the CRDs are established: istiod, able to serve remotes.
    public static func primaryIstiod(_ t: Topology) -> ChartRender {
        var settings: [(String, Value)] = [
            ("global.meshID", .string(t.mesh)),
            ("global.multiCluster.clusterName", .string(t.primary.name)),
            ("global.network", .string(t.network)),
            ("global.externalIstiod", true),
        ]
        if let revision = t.revision { settings.append(("revision", .string(revision))) }
        return ChartRender(chart: .istioDiscovery, releaseName: istiodRelease(t), namespace: t.namespace,
                           settings: settings, takesUserValues: true)
    }

    /// Stage eastwest-gateway.
    public static func eastwestGateway(_ t: Topology) -> ChartRender {
        var settings: [(String, Value)] = [("name", "istio-eastwestgateway"), ("networkGateway", .string(t.network))]
        if let revision = t.revision { settings.append(("revision", .string(revision))) }
        return ChartRender(chart: .gateway, releaseName: "istio-eastwestgateway", namespace: t.namespace,
                           settings: settings, takesUserValues: false)
    }

    /// Stage remote-control-plane, first: the CRDs and the reader account, remote profile.
    public static func remoteBase(_ t: Topology) -> ChartRender {
        ChartRender(chart: .base, releaseName: "istio-base", namespace: t.namespace,
                    settings: [("profile", "remote")] + defaultRevision(t), takesUserValues: true)
    }

    /// Stage remote-control-plane: the remote profile, whose istiod Service leads to
    /// the primary's east-west gateway at `discoveryAddress`.
    public static func remoteIstiod(_ t: Topology, remote: MeshCluster, discoveryAddress: String) -> ChartRender {
        var settings: [(String, Value)] = [
            ("profile", "remote"),
            ("global.multiCluster.clusterName", .string(remote.name)),
            ("global.network", .string(t.network)),
            ("istiodRemote.injectionPath", .string(injectionPath(t, remote: remote))),
            ("global.configCluster", true),
            ("global.remotePilotAddress", .string(discoveryAddress)),
        ]
        if let revision = t.revision { settings.append(("revision", .string(revision))) }
        return ChartRender(chart: .istioDiscovery, releaseName: istiodRelease(t), namespace: t.namespace,
                           settings: settings, takesUserValues: true)
    }

    /// `/inject/cluster/REMOTE/net/NET`: the primary's injector serves each remote on its own path.
    public static func injectionPath(_ t: Topology, remote: MeshCluster) -> String {
        "/inject/cluster/\(remote.name)/net/\(t.network)"
    }

    static func istiodRelease(_ t: Topology) -> String { t.revision.map { "istiod-\($0)" } ?? "istiod" }
}
