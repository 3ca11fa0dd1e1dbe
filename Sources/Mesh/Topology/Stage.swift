/// The stages of `join-remote`, in the order they run (DESIGN.md §5).
///
/// The raw values are what users type after `--only` and `--from` and what the
/// progress output and the `kubectl-mesh.io/stage` label show.
public enum Stage: String, CaseIterable, Sendable, Comparable, Codable {
    case primaryControlPlane = "primary-control-plane"
    case eastwestGateway = "eastwest-gateway"
    case discoveryAddress = "discovery-address"
    case exposeIstiod = "expose-istiod"
    case remoteNamespace = "remote-namespace"
    case remoteControlPlane = "remote-control-plane"
    case remoteSecret = "remote-secret"
    case verify = "verify"

    /// Position in the run, starting at 1 (`[3/8]`).
    public var number: Int { (Stage.allCases.firstIndex(of: self) ?? 0) + 1 }

    public static func < (a: Stage, b: Stage) -> Bool { a.number < b.number }

    /// Where the stage writes: the primary once, or each remote in turn.
    public var target: StageTarget {
        switch self {
        case .primaryControlPlane, .eastwestGateway, .discoveryAddress, .exposeIstiod, .verify: return .primary
        case .remoteNamespace, .remoteControlPlane, .remoteSecret: return .eachRemote
        }
    }

    /// One line saying what the stage is for, shown by `--help` and completion.
    public var summary: String {
        switch self {
        case .primaryControlPlane: return "istio-system, the base chart and istiod on the primary"
        case .eastwestGateway: return "the east-west gateway on the primary"
        case .discoveryAddress: return "wait for the gateway's load balancer address"
        case .exposeIstiod: return "Gateway and VirtualService exposing istiod through the gateway"
        case .remoteNamespace: return "istio-system on each remote, pointing at the primary"
        case .remoteControlPlane: return "the remote profile of the base and istiod charts on each remote"
        case .remoteSecret: return "reader token on each remote, remote secret on the primary"
        case .verify: return "ask the primary's istiod whether each remote is synced"
        }
    }

    /// Parses a stage name, or says which names exist.
    public init(name: String) throws(MeshError) {
        guard let stage = Stage(rawValue: name) else {
            throw MeshError.usage(
                "unknown stage \"\(name)\"",
                hint: "stages are: " + Stage.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = stage
    }
}

/// The clusters a stage acts on.
public enum StageTarget: Sendable, Equatable {
    case primary
    case eachRemote
}

/// Which stages a run executes: all, `--only STAGE…`, or `--from STAGE` onwards.
public struct StageSelection: Sendable, Equatable {
    public private(set) var stages: [Stage]

    public static let all = StageSelection(stages: Stage.allCases)

    init(stages: [Stage]) { self.stages = stages }

    /// Builds the selection from `--only` (repeatable) and `--from`; they exclude each other.
    public init(only: [String], from: String?) throws(MeshError) {
        if !only.isEmpty, from != nil {
            throw MeshError.usage("--only and --from cannot be used together", hint: "use --from STAGE to run a stage and all after it")
        }
        if let from {
            let first = try Stage(name: from)
            stages = Stage.allCases.filter { $0 >= first }
        } else if !only.isEmpty {
            var chosen = Set<Stage>()
            for name in only { chosen.insert(try Stage(name: name)) }
            stages = Stage.allCases.filter { chosen.contains($0) }
        } else {
            stages = Stage.allCases
        }
    }

    public func contains(_ stage: Stage) -> Bool { stages.contains(stage) }
}
