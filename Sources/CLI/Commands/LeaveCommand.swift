import Kube
import Mesh

/// `kubectl mesh leave --primary CTX --remote CTX`: takes one remote out of the mesh.
struct LeaveCommand: Command {
    static let primary = FlagSpec(
        "primary", placeholder: "CONTEXT", kind: .context, help: "Context of the mesh's primary cluster (required).")
    static let remote = FlagSpec(
        "remote", placeholder: "CONTEXT", kind: .context, help: "Context of the remote to take out of the mesh (required).")

    static let spec = CommandSpec(
        name: "leave",
        summary: "take a remote out of the mesh: its remote secret and everything kubectl-mesh installed in it",
        discussion: """
            Deletes the remote's secret from the primary, so istiod stops reading the remote, then \
            everything join-remote applied in the remote (its istio-system namespace, the remote \
            profile's objects, the reader token), as kubectl-mesh's ApplySets recorded them. The \
            primary's control plane and the other remotes are not touched. A CustomResourceDefinition \
            that custom resources on the remote still use (someone's VirtualServices) is kept, with \
            those resources, and named; run leave again once they are gone. Safe to repeat: a second \
            run finds nothing left and says so.
            """,
        flags: [primary, remote],
        examples: [Example("Take kind-west out of the mesh of kind-east",
                           "kubectl mesh leave --primary kind-east --remote kind-west")])

    let primary: ClusterSession
    let remote: ClusterSession

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        guard let primaryContext = arguments.value(Self.primary) else {
            throw UsageError("--primary is required", command: Self.spec.name)
        }
        guard let remoteContext = arguments.value(Self.remote) else {
            throw UsageError("--remote is required", command: Self.spec.name)
        }
        guard primaryContext != remoteContext else {
            throw UsageError("--primary and --remote name the same context \"\(remoteContext)\"", command: Self.spec.name)
        }
        let kubeconfig = try invocation.loadKubeconfig(arguments)
        primary = try MeshSessions.open(kubeconfig, context: primaryContext, invocation: invocation)
        remote = try MeshSessions.open(kubeconfig, context: remoteContext, invocation: invocation)
    }

    func run(invocation: Invocation) throws {
        let report = try Leave(primary: primary, remote: remote).run()
        guard report.removedAnything || !report.keptOnRemote.isEmpty else {
            invocation.output.line("Nothing to remove: \(remote.ref.context) has nothing from kubectl-mesh, and "
                + "\(primary.ref.context) holds no remote secret for cluster \(report.remoteName).")
            return
        }
        func count(_ n: Int) -> String { "\(n) object\(n == 1 ? "" : "s")" }
        if report.removedAnything, !report.joinRecorded, report.removedFromPrimary.isEmpty {
            invocation.output.line("Removed from \(remote.ref.context) what an earlier leave kept: \(count(report.removedFromRemote.count)).")
        } else if report.removedAnything {
            invocation.output.line(
                "Removed \(report.remoteName) from the mesh: \(count(report.removedFromPrimary.count)) from \(primary.ref.context), "
                    + "\(count(report.removedFromRemote.count)) from \(remote.ref.context).")
        }
        if !report.keptOnRemote.isEmpty {
            invocation.output.write(Self.keptText(report.keptOnRemote, context: remote.ref.context))
        }
    }

    /// The CRDs left in place, and how to finish.
    static func keptText(_ kept: [String], context: String) -> String {
        var text = "Kept on \(context), because custom resources still use them (deleting a CustomResourceDefinition deletes its resources):\n"
        for object in kept { text += "  \(object)\n" }
        return text + "Delete or move those resources, then run the same command again to remove the definitions.\n"
    }
}
