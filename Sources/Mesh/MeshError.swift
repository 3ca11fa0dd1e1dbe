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
    /// A stage failed on a cluster (exit 1); resume with `--from stage`.
    case stage(Stage, cluster: ClusterRef?, cause: String, hint: String?)
    /// A stage stopped because another tool manages fields it applies (exit 1);
    /// resume with `--from stage`, adding `--force-conflicts` to take them over.
    case conflict(Stage, cluster: ClusterRef?, cause: String, hint: String?)
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
        case .stage(let stage, let cluster, let cause, _), .conflict(let stage, let cluster, let cause, _):
            if let cluster { return "stage \(stage.rawValue) on \(cluster): \(cause)" }
            return "stage \(stage.rawValue): \(cause)"
        case .cluster(let cluster, let cause, _): return "\(cluster): \(cause)"
        }
    }

    public var hint: String? {
        switch self {
        case .usage(_, let h), .input(_, let h), .stage(_, _, _, let h), .conflict(_, _, _, let h), .cluster(_, _, let h): return h
        case .preflight: return nil
        }
    }

    /// The stage to resume from, when a stage failed.
    public var failedStage: Stage? {
        switch self {
        case .stage(let stage, _, _, _), .conflict(let stage, _, _, _): return stage
        default: return nil
        }
    }

    /// True when the stage stopped at fields another tool manages (`--force-conflicts` takes them).
    public var isFieldConflict: Bool {
        if case .conflict = self { return true }
        return false
    }

    public var isUsage: Bool {
        if case .usage = self { return true }
        return false
    }

    public var description: String { hint.map { "\(message)\nhint: \($0)" } ?? message }
}
