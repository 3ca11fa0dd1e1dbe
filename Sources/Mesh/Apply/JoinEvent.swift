import Kube

/// What a `join-remote` run reports while it works; the CLI renders these as
/// progress lines (a live line while waiting when stderr is a terminal).
public enum JoinEvent: Sendable, Equatable {
    /// A stage began on a cluster.
    case stageStarted(Stage, ClusterRef)
    /// A stage is waiting (for a rollout, an address, a token…).
    case waiting(Stage, ClusterRef, WaitProgress)
    /// A stage finished on a cluster.
    case stageFinished(StageResult)
    /// Something worth a line of its own (a skipped check, a choice made).
    case note(String)
}

/// One stage on one cluster, done: what it did, in words, and how long it took.
public struct StageResult: Sendable, Equatable {
    public var stage: Stage
    public var cluster: ClusterRef
    /// `applied 17 objects (17 created), istiod ready`
    public var detail: String
    public var elapsedSeconds: Double
    /// False when the stage found everything already in place.
    public var changed: Bool

    public init(stage: Stage, cluster: ClusterRef, detail: String, elapsedSeconds: Double, changed: Bool) {
        self.stage = stage
        self.cluster = cluster
        self.detail = detail
        self.elapsedSeconds = elapsedSeconds
        self.changed = changed
    }
}

/// Where join events go; the CLI passes its progress renderer.
public typealias JoinProgressSink = @Sendable (JoinEvent) -> Void
