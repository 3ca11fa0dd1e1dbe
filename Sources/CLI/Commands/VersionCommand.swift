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

    let istio: IstioRelease?

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        istio = IstioRelease.locate(environment: invocation.environment)
    }

    func run(invocation: Invocation) throws {
        invocation.output.line("kubectl-mesh \(MeshCLI.version)")
        if let istio {
            invocation.output.line("istio \(istio.version) (\(istio.directory))")
        } else {
            invocation.output.line("istio: no release found (set ISTIO_HOME, or put istioctl on PATH)")
        }
    }
}
