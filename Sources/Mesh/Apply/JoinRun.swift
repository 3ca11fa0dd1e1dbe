import Kube
import YAML

/// What a finished `join-remote` run did.
public struct JoinOutcome: Sendable, Equatable {
    public var results: [StageResult]
    /// The east-west gateway's address, when a stage found or used it.
    public var discoveryAddress: String?

    /// True when some stage changed something (false on a re-run of a joined mesh).
    public var changedAnything: Bool { results.contains { $0.changed } }
}

/// Runs the selected stages of `join-remote`, in order, against clusters that
/// passed preflight. Every stage is idempotent; a failure names the stage and
/// the cluster so the run can resume with `--from STAGE`.
public struct JoinRun: Sendable {
    public let topology: Topology
    public let stages: StageSelection
    /// Seconds each wait may take (`--timeout`).
    public let timeout: Double
    /// `--discovery-address`, which replaces waiting for the load balancer.
    public let discoveryAddressFlag: String?
    public let primary: ClusterSession
    public let remotes: [ClusterSession]
    public let charts: any ChartRendering
    /// Per cluster name: what the cluster reported in preflight (for rendering).
    public let capabilities: [String: ClusterCapabilities]
    /// Per remote cluster name: the API server istiod uses (resolved in preflight).
    public let remoteAPIServers: [String: String]
    public let clock: any KubeClock
    public let progress: JoinProgressSink
    /// Set for `--dry-run`: objects are collected here instead of applied, waits
    /// are skipped, no token is created.
    public let dryRun: DryRunPlan?
    /// `--force-conflicts`: take fields other tools manage (Istio's runtime fields stay Istio's).
    public let forceConflicts: Bool

    public init(
        topology: Topology, stages: StageSelection, timeout: Double, discoveryAddressFlag: String?,
        primary: ClusterSession, remotes: [ClusterSession], charts: any ChartRendering,
        capabilities: [String: ClusterCapabilities], remoteAPIServers: [String: String], clock: any KubeClock,
        dryRun: DryRunPlan? = nil, forceConflicts: Bool = false, progress: @escaping JoinProgressSink
    ) {
        self.dryRun = dryRun
        self.forceConflicts = forceConflicts
        self.topology = topology
        self.stages = stages
        self.timeout = timeout
        self.discoveryAddressFlag = discoveryAddressFlag
        self.primary = primary
        self.remotes = remotes
        self.charts = charts
        self.capabilities = capabilities
        self.remoteAPIServers = remoteAPIServers
        self.clock = clock
        self.progress = progress
    }

    public func run() throws(MeshError) -> JoinOutcome {
        var results: [StageResult] = []
        var discoveryAddress = discoveryAddressFlag
        for stage in stages.stages {
            let targets = stage.target == .primary ? [primary] : remotes
            for session in targets {
                let started = clock.monotonicSeconds()
                progress(.stageStarted(stage, session.ref))
                let step = StageStep(run: self, stage: stage, session: session)
                let done: StageStep.Done
                do {
                    (done, discoveryAddress) = try step.perform(discoveryAddress: discoveryAddress)
                } catch {
                    throw MeshError.stage(StageError(
                        stage: stage, cluster: error.cluster ?? session.ref, cause: error.message,
                        hint: error.hint ?? StageStep.hint(for: stage), resumeFrom: error.resumeFrom,
                        isFieldConflict: error.isFieldConflict))
                }
                let result = StageResult(stage: stage, cluster: session.ref, detail: done.detail,
                                         elapsedSeconds: clock.monotonicSeconds() - started, changed: done.changed)
                results.append(result)
                progress(.stageFinished(result))
            }
        }
        return JoinOutcome(results: results, discoveryAddress: discoveryAddress)
    }
}

/// A failure inside a stage, before the stage and cluster are added.
struct StageFailure: Error {
    var message: String
    var hint: String?
    /// Where it failed, when not on the stage's own cluster (the remote secret is applied on the primary).
    var cluster: ClusterRef?
    /// Another tool manages fields the stage applies.
    var isFieldConflict = false
    /// An earlier stage to resume from, when this one cannot succeed again without it.
    var resumeFrom: Stage?

    init(_ message: String, hint: String? = nil, cluster: ClusterRef? = nil, resumeFrom: Stage? = nil) {
        self.message = message
        self.hint = hint
        self.cluster = cluster
        self.resumeFrom = resumeFrom
    }

    init(_ error: KubeError) {
        self.init(error.message, hint: error.hint,
                  cluster: ClusterRef(name: error.origin.cluster, context: error.origin.context))
    }

    init(_ conflicts: ForeignFieldOwners) {
        self.init(conflicts.message, hint: conflicts.hint,
                  cluster: ClusterRef(name: conflicts.origin.cluster, context: conflicts.origin.context))
        isFieldConflict = true
    }
}
