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
            primary's control plane and the other remotes are not touched. Safe to repeat: a second \
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
        guard report.removedAnything else {
            invocation.output.line("Nothing to remove: \(remote.ref.context) has nothing from kubectl-mesh, and "
                + "\(primary.ref.context) holds no remote secret for cluster \(report.remoteName).")
            return
        }
        func count(_ n: Int) -> String { "\(n) object\(n == 1 ? "" : "s")" }
        invocation.output.line(
            "Removed \(report.remoteName) from the mesh: \(count(report.removedFromPrimary.count)) from \(primary.ref.context), "
                + "\(count(report.removedFromRemote.count)) from \(remote.ref.context).")
    }
}
