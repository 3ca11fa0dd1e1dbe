/// A cluster as the user knows it: the mesh's name for it and the kubeconfig
/// context that reaches it. Every message about a cluster names both.
public struct ClusterRef: Sendable, Hashable, CustomStringConvertible, Codable {
    public var name: String
    public var context: String

    public init(name: String, context: String) {
        self.name = name
        self.context = context
    }

    /// `west (context kind-west)`
    public var description: String { "\(name) (context \(context))" }
}

/// One thing preflight found wrong. Preflight collects them all before failing.
public struct PreflightProblem: Sendable, Equatable, CustomStringConvertible {
    public var cluster: ClusterRef?
    public var message: String
    public var hint: String?

    public init(cluster: ClusterRef? = nil, _ message: String, hint: String? = nil) {
        self.cluster = cluster
        self.message = message
        self.hint = hint
    }

    public var description: String { cluster.map { "\($0): \(message)" } ?? message }
}

/// The errors of module Mesh. Each carries what a user needs to act: the stage,
/// the cluster, the cause and a hint. The CLI prints `error:` and `hint:` lines
/// from `message` and `hint`, and adds the command that resumes a failed stage.
public enum MeshError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The command line is wrong; nothing was contacted (exit 2).
    case usage(String, hint: String?)
    /// Preflight found problems; nothing was written (exit 1).
    case preflight([PreflightProblem])
    /// A stage failed on a cluster (exit 1); the run resumes with `--from`.
    case stage(StageError)
    /// A command outside `join-remote` failed on a cluster (exit 1).
    case cluster(ClusterRef, cause: String, hint: String?)
    /// A file or chart could not be used (exit 1).
    case input(String, hint: String?)

    public var message: String {
        switch self {
        case .usage(let m, _), .input(let m, _): return m
        case .preflight(let problems):
            let n = problems.count
            var text = "preflight found \(n) problem\(n == 1 ? "" : "s"); nothing was changed:"
            for problem in problems {
                text += "\n  - \(problem)"
                if let hint = problem.hint { text += "\n    hint: \(hint)" }
            }
            return text
        case .stage(let failure):
            if let cluster = failure.cluster { return "stage \(failure.stage.rawValue) on \(cluster): \(failure.cause)" }
            return "stage \(failure.stage.rawValue): \(failure.cause)"
        case .cluster(let cluster, let cause, _): return "\(cluster): \(cause)"
        }
    }

    public var hint: String? {
        switch self {
        case .usage(_, let h), .input(_, let h), .cluster(_, _, let h): return h
        case .stage(let failure): return failure.hint
        case .preflight: return nil
        }
    }

    /// The stage that failed and how to resume, when a stage failed.
    public var stageError: StageError? {
        if case .stage(let failure) = self { return failure }
        return nil
    }

    public var isUsage: Bool {
        if case .usage = self { return true }
        return false
    }

    public var description: String { hint.map { "\(message)\nhint: \($0)" } ?? message }
}

/// A stage that failed on a cluster: what happened, what to do, and where the
/// run picks up again.
public struct StageError: Sendable, Equatable {
    public var stage: Stage
    public var cluster: ClusterRef?
    public var cause: String
    public var hint: String?
    /// The stage `--from` resumes at: the failed one, unless an earlier one must run again
    /// (a remote secret to rebuild, CRDs to install).
    public var resumeFrom: Stage
    /// Another tool manages fields the stage applies: `--force-conflicts` takes them over.
    public var isFieldConflict: Bool

    public init(stage: Stage, cluster: ClusterRef?, cause: String, hint: String?, resumeFrom: Stage? = nil,
                isFieldConflict: Bool = false)
    {
        self.stage = stage
        self.cluster = cluster
        self.cause = cause
        self.hint = hint
        self.resumeFrom = resumeFrom ?? stage
        self.isFieldConflict = isFieldConflict
    }
}
