import Kube
import Mesh

/// `kubectl mesh remove-revision --primary CTX --remote CTX… --revision REV`:
/// the last step of a canary upgrade, removing the old istiod revision.
struct RemoveRevisionCommand: Command {
    static let primary = FlagSpec(
        "primary", placeholder: "CONTEXT", kind: .context, help: "Context of the mesh's primary cluster (required).")
    static let remote = FlagSpec(
        "remote", placeholder: "CONTEXT", kind: .context, repeatable: true,
        help: "Context of a remote of the mesh (give every remote, once each).")
    static let revision = FlagSpec(
        "revision", placeholder: "REV",
        help: "The revision to remove: a --revision given to join-remote, or default for the one installed without (required).")

    static let spec = CommandSpec(
        name: "remove-revision",
        summary: "remove an old istiod revision after a canary upgrade, from the primary and every remote",
        discussion: """
            Istio upgrades by canary: join-remote --revision NEW installs a second istiod beside the \
            first (each revision's istiod objects form ApplySets of their own, so the old one stays); \
            namespaces are then labelled istio.io/rev=NEW and their pods restarted. This command is \
            the last step: it deletes the old revision's objects (istiod, its webhooks, its \
            VirtualService, the remotes' istiod Service and injector) from the primary and every \
            remote. What the revisions share (istio-system, the CRDs, the east-west gateway's Gateway) \
            stays.

            It refuses while the revision is the mesh's only control plane, while a remote of the \
            mesh (one per remote secret on the primary) is not given with --remote, while the \
            cluster-wide validation (istiod-default-validator, which follows the last join's \
            revision) still goes to it, and while \
            namespaces (istio.io/rev=REV, or istio-injection=enabled for default) or pods \
            (istio.io/rev=REV) still use it. Safe to repeat.
            """,
        flags: [primary, remote, revision],
        examples: [
            Example("After moving every workload to revision 1-28-0, remove the default revision",
                    "kubectl mesh remove-revision --primary kind-east --remote kind-west --revision default"),
        ])

    let primary: ClusterSession
    let remotes: [ClusterSession]
    let revisionName: String

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        guard let primaryContext = arguments.value(Self.primary) else {
            throw UsageError("--primary is required", command: Self.spec.name)
        }
        guard let revision = arguments.value(Self.revision) else {
            throw UsageError("--revision is required: the revision to remove, or default", command: Self.spec.name)
        }
        if let problem = ClusterName.problem(with: revision) {
            throw UsageError("--revision \"\(revision)\" \(problem)", command: Self.spec.name)
        }
        let remoteContexts = arguments.values(Self.remote)
        for (index, context) in remoteContexts.enumerated()
        where context == primaryContext || remoteContexts[..<index].contains(context) {
            throw UsageError("context \"\(context)\" is named more than once", command: Self.spec.name)
        }
        let kubeconfig = try invocation.loadKubeconfig(arguments)
        primary = try MeshSessions.open(kubeconfig, context: primaryContext, invocation: invocation)
        remotes = try remoteContexts.map { try MeshSessions.open(kubeconfig, context: $0, invocation: invocation) }
        revisionName = revision
    }

    func run(invocation: Invocation) throws {
        let report = try RevisionRemoval(primary: primary, remotes: remotes, revision: revisionName).run()
        guard report.removedAnything || !report.kept.isEmpty else {
            invocation.output.line("Nothing to remove: \(primary.ref.context) runs no revision \(revisionName) installed by kubectl-mesh.")
            return
        }
        func count(_ n: Int) -> String { "\(n) object\(n == 1 ? "" : "s")" }
        let parts = report.removed.map { "\(count($0.objects.count)) from \($0.cluster.context)" }
        invocation.output.line("Removed revision \(revisionName): \(parts.joined(separator: ", ")).")
        if !report.kept.isEmpty {
            invocation.output.write(LeaveCommand.keptText(report.kept, context: "the clusters"))
        }
    }
}
