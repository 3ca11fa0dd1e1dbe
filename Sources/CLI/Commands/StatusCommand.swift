import Kube
import Mesh
import YAML

/// `kubectl mesh status --primary CTX [-o json|yaml]`: the mesh as its primary
/// sees it. The status is gathered first, then printed as text, JSON or YAML.
struct StatusCommand: Command {
    static let primary = FlagSpec(
        "primary", placeholder: "CONTEXT", kind: .context, help: "Context of the mesh's primary cluster (required).")
    static let output = FlagSpec(
        "output", short: "o", placeholder: "FORMAT",
        kind: .choice([Choice("text", help: "a summary for people (default)"), Choice("json", help: "the same facts as JSON"),
                       Choice("yaml", help: "the same facts as YAML")]),
        help: "Output format: text, json or yaml.")

    static let spec = CommandSpec(
        name: "status",
        summary: "show the mesh as its primary sees it: istiod, the east-west gateway and each remote",
        discussion: """
            Reads the primary only, and changes nothing. Shows the mesh ID and network, whether istiod \
            is ready and its version, the east-west gateway and its address, and every remote istiod \
            reads (one per remote secret): its API server and whether istiod has synced it. The sync \
            state comes from istiod's istiod_remote_cluster_sync_status metric, read through the API \
            server's pod proxy; when istiod cannot be asked, the state is "unknown", with the reason in a \
            note below the table (and in the reason field of -o json).
            """,
        flags: [primary, output],
        examples: [
            Example("Show the mesh whose primary is kind-east", "kubectl mesh status --primary kind-east"),
            Example("The same, as JSON", "kubectl mesh status --primary kind-east -o json"),
        ])

    let session: ClusterSession
    let format: String

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        guard let context = arguments.value(Self.primary) else {
            throw UsageError("--primary is required", command: Self.spec.name)
        }
        let kubeconfig = try invocation.loadKubeconfig(arguments)
        session = try MeshSessions.open(kubeconfig, context: context, invocation: invocation)
        format = arguments.value(Self.output) ?? "text"
    }

    func run(invocation: Invocation) throws {
        let status = try StatusGatherer(session: session, clock: SystemClock()).gather()
        switch format {
        case "json": invocation.output.line(try JSONWriter.string(status.value, options: .init(sortKeys: false, pretty: true)))
        case "yaml": invocation.output.write(status.value.yamlText())
        default: invocation.output.write(Self.text(status))
        }
    }

    /// The status for people.
    static func text(_ status: MeshStatus) -> String {
        var lines: [String] = []
        lines.append("Mesh \(status.meshID ?? "(unknown)") · network \(status.network ?? "(none)") · primary \(status.primary)")
        func describe(_ istiod: MeshStatus.IstiodStatus) -> String {
            let version = istiod.version.map { ", version \($0)" } ?? ""
            return "\(istiod.ready ? "ready" : "not ready") \(istiod.readyReplicas)/\(istiod.replicas)\(version)"
        }
        let revisions = status.istiodRevisions.isEmpty ? status.istiod.map { [$0] } ?? [] : status.istiodRevisions
        if revisions.count > 1 || revisions.contains(where: { ($0.revision ?? Topology.defaultRevision) != Topology.defaultRevision }) {
            // Revisions (a canary upgrade): one line each, named.
            for (index, istiod) in revisions.enumerated() {
                let label = index == 0 ? "istiod             " : "                   "
                lines.append(label + "\(istiod.name) \(describe(istiod)), revision \(istiod.revision ?? "?")")
            }
        } else if let istiod = status.istiod {
            lines.append("istiod             \(describe(istiod))")
        } else {
            lines.append("istiod             not installed")
        }
        if let gateway = status.eastWestGateway {
            lines.append("east-west gateway  \(gateway.name) " + (gateway.address.map { "at \($0)" } ?? "(no address yet)"))
        } else {
            lines.append("east-west gateway  not installed")
        }
        if status.remotes.isEmpty {
            lines.append("remotes            none")
        } else {
            lines.append("remotes:")
            var table = TablePrinter(headers: ["NAME", "API SERVER", "SYNC", "SECRET"])
            // The table says `unknown`; why goes below it, once per reason, so long reasons keep the columns readable.
            var reasons: [(reason: String, remotes: [String])] = []
            for remote in status.remotes {
                table.add([remote.name, remote.server ?? "?", remote.sync.description, remote.secret])
                guard let reason = remote.sync.reason else { continue }
                if let index = reasons.firstIndex(where: { $0.reason == reason }) {
                    reasons[index].remotes.append(remote.name)
                } else {
                    reasons.append((reason, [remote.name]))
                }
            }
            lines += table.render().split(separator: "\n").map { "  " + $0 }
            for (reason, remotes) in reasons {
                lines.append("  note: sync of \(remotes.joined(separator: ", ")) unknown: \(reason)")
            }
        }
        for warning in status.warnings { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
