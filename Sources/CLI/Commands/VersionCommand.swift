import Helm

/// `kubectl mesh version`: the plugin's version, and the Istio release it would use.
struct VersionCommand: Command {
    static let spec = CommandSpec(
        name: "version",
        summary: "print the plugin version and the Istio release found",
        discussion: """
            Prints the version of kubectl-mesh, then the Istio release whose charts it would \
            install: the one in $ISTIO_HOME, else the one around the istioctl on PATH.
            """,
        examples: [Example("Show the versions", "kubectl mesh version")])

    let istio: Result<IstioRelease, IstioRelease.NotFound>

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        istio = Result { try IstioRelease.locate(explicitDirectory: nil, environment: invocation.environment) }
            .mapError { $0 as? IstioRelease.NotFound ?? IstioRelease.NotFound(message: "\($0)", hint: nil) }
    }

    func run(invocation: Invocation) throws {
        invocation.output.line("kubectl-mesh \(MeshCLI.version)")
        switch istio {
        case .success(let release):
            invocation.output.line("istio \(release.version) (\(release.root ?? release.chartsDirectory))")
        case .failure(let notFound):
            invocation.output.line("istio: \(notFound.message)")
        }
    }
}
