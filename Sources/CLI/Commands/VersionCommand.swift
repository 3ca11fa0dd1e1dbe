import Helm
import YAML

/// `kubectl mesh version [--istio DIR] [-o yaml|json]`: the plugin's version,
/// and the Istio release it would use, found as join-remote finds it.
struct VersionCommand: Command {
    static let istio = FlagSpec(
        "istio", placeholder: "DIR", kind: .directory,
        help: "The Istio release to report (default: $ISTIO_HOME, else the release around istioctl on PATH).")
    static let output = FlagSpec(
        "output", short: "o", placeholder: "FORMAT",
        kind: .choice([Choice("yaml", help: "the same facts as YAML"), Choice("json", help: "the same facts as JSON")]),
        help: "Output format: yaml or json (default: two lines for people).")

    static let spec = CommandSpec(
        name: "version",
        summary: "print the plugin version and the Istio release found",
        discussion: """
            Prints the version of kubectl-mesh, then the Istio release whose charts it would \
            install, found as join-remote finds it: --istio DIR, else $ISTIO_HOME, else the release \
            around the istioctl on PATH. Its version is the one in the istiod chart's Chart.yaml. \
            When none is found (and no --istio was given), the second line says why; a --istio \
            that names no release is an error.
            """,
        flags: [istio, output],
        examples: [
            Example("Show the versions", "kubectl mesh version"),
            Example("The release in ~/istio-1.28.0, as JSON", "kubectl mesh version --istio ~/istio-1.28.0 -o json"),
        ])

    let istio: Result<IstioRelease, IstioRelease.NotFound>
    let format: String?

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        let explicit = arguments.value(Self.istio).map { JoinRemoteCommand.absolute($0, in: invocation.workingDirectory) }
        let found = Result { try IstioRelease.locate(explicitDirectory: explicit, environment: invocation.environment) }
            .mapError { $0 as? IstioRelease.NotFound ?? IstioRelease.NotFound(message: "\($0)", hint: nil) }
        // A release the user named must be there; one looked for by default may be missing.
        if explicit != nil, case .failure(let notFound) = found { throw notFound }
        istio = found
        format = arguments.value(Self.output)
    }

    func run(invocation: Invocation) throws {
        switch format {
        case "json":
            invocation.output.line(try JSONWriter.string(document, options: .init(sortKeys: false, pretty: true)))
        case "yaml":
            invocation.output.write(document.yamlText())
        default:
            invocation.output.line("kubectl-mesh \(MeshCLI.version)")
            switch istio {
            case .success(let release):
                invocation.output.line("istio \(release.version) (\(release.root ?? release.chartsDirectory))")
            case .failure(let notFound):
                invocation.output.line("istio: \(notFound.message)")
            }
        }
    }

    /// `{kubectlMesh: {version}, istio: {version, root, charts, foundBy} | {error}}`.
    var document: Value {
        var istioFacts = Mapping()
        switch istio {
        case .success(let release):
            istioFacts["version"] = .string(release.version)
            if let root = release.root { istioFacts["root"] = .string(root) }
            istioFacts["charts"] = .string(release.chartsDirectory)
            switch release.origin {
            case .flag: istioFacts["foundBy"] = "--istio"
            case .environment: istioFacts["foundBy"] = "ISTIO_HOME"
            case .istioctl(let path): istioFacts["foundBy"] = .string("istioctl on PATH (\(path))")
            }
        case .failure(let notFound):
            istioFacts["error"] = .string(notFound.message)
        }
        return .mapping(["kubectlMesh": .mapping(["version": .string(MeshCLI.version)]), "istio": .mapping(istioFacts)])
    }
}
