import Helm
import Kube
import YAML

/// What preflight learned: the problems (the run stops before any write when
/// there is one), notes worth showing, and what the stages need from the
/// clusters (clients, capabilities, the remotes' API servers for istiod).
public struct PreflightReport: Sendable {
    public var problems: [PreflightProblem] = []
    public var notes: [String] = []
    /// By context name.
    public var sessions: [String: ClusterSession] = [:]
    /// By cluster name.
    public var capabilities: [String: ClusterCapabilities] = [:]
    /// By remote cluster name: the server for the remote secret.
    public var remoteAPIServers: [String: String] = [:]

    public init() {}
}

/// Validate before mutate: checks everything `join-remote` depends on, on every
/// cluster at once, and reports every problem together. Reads only (plus
/// SelfSubjectAccessReviews, which change nothing).
public struct Preflight: Sendable {
    public let request: JoinRequest
    public let charts: Result<any ChartRendering, MeshError>
    public let environment: KubeEnvironment

    public init(request: JoinRequest, charts: Result<any ChartRendering, MeshError>, environment: KubeEnvironment) {
        self.request = request
        self.charts = charts
        self.environment = environment
    }

    public func run() -> PreflightReport {
        var report = PreflightReport()
        report.problems = request.problems
        report.problems += request.userValues.problems(readFile: IstioRelease.FileSystem.local.readFile)
        let renderer: (any ChartRendering)?
        switch charts {
        case .success(let found): renderer = found
        case .failure(let error):
            renderer = nil
            report.problems.append(PreflightProblem(error.message, hint: error.hint))
        }

        let clusters = request.reachableClusters
        let primaryContext = request.topology?.primary.ref.context ?? clusters.first?.ref.context
        let request = self.request
        let environment = self.environment
        let all = ConcurrentMap.map(clusters, concurrency: clusters.count) { cluster in
            ClusterCheck(
                cluster: cluster, isPrimary: cluster.ref.context == primaryContext, request: request,
                charts: renderer, environment: environment
            ).run()
        }
        for index in clusters.indices {
            let found = all[index]
            report.problems += found.problems
            report.notes += found.notes
            if let session = found.session { report.sessions[clusters[index].ref.context] = session }
            if let capabilities = found.capabilities { report.capabilities[clusters[index].name] = capabilities }
            if let server = found.apiServerForIstiod { report.remoteAPIServers[clusters[index].name] = server }
        }
        // Notes about the release are said once, not per cluster.
        var seen = Set<String>()
        report.notes = report.notes.filter { seen.insert($0).inserted }
        return report
    }
}

/// What one cluster's checks found.
struct ClusterFindings: Sendable {
    var problems: [PreflightProblem] = []
    var notes: [String] = []
    var session: ClusterSession?
    var capabilities: ClusterCapabilities?
    var apiServerForIstiod: String?
}
