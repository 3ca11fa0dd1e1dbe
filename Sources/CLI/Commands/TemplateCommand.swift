import Helm
import Kube

/// `kubectl mesh template [NAME] CHART_DIR [flags]`: renders a chart locally
/// exactly as `helm template` does, with the built-in engine (DESIGN.md §4).
/// The release name comes first, as in `helm template NAME CHART`, or from
/// `--name`; with one argument it is the chart.
struct TemplateCommand: Command {
    /// Both positions complete directories: a lone argument is the chart.
    static let release = ArgumentSpec(
        "NAME", kind: .directory, arity: .optional,
        help: "Release name, as helm template takes it (or --name); with one argument, that argument is CHART_DIR.")
    static let chart = ArgumentSpec(
        "CHART_DIR", kind: .directory, arity: .optional, help: "Directory of the chart (the one holding Chart.yaml); required.")
    static let name = FlagSpec(
        "name", placeholder: "NAME", help: "Release name, .Release.Name, instead of the NAME argument (default: release-name).")
    static let namespace = FlagSpec(
        "namespace", short: "n", placeholder: "NAMESPACE",
        help: "Release namespace, .Release.Namespace (default: the context's namespace, else default).")
    static let values = FlagSpec(
        "values", short: "f", placeholder: "FILE", kind: .file(extensions: ["yaml", "yml", "json"]), repeatable: true,
        help: "Values file; later files override earlier ones.")
    static let set = FlagSpec(
        "set", placeholder: "KEY=VALUE", repeatable: true,
        help: "Set values (a.b=1,c[0]=x,d={x,y}); true, false, null and integers are typed.")
    static let setString = FlagSpec(
        "set-string", placeholder: "KEY=VALUE", repeatable: true, help: "Set values, every value a string.")
    static let setJSON = FlagSpec(
        "set-json", placeholder: "KEY=JSON", repeatable: true, help: "Set values from JSON (a={\"b\":1}, or a whole object).")
    static let setFile = FlagSpec(
        "set-file", placeholder: "KEY=PATH", repeatable: true, help: "Set values to the contents of files.")
    static let setLiteral = FlagSpec(
        "set-literal", placeholder: "KEY=VALUE", repeatable: true, help: "Set one value to the literal rest of the argument.")
    static let kubeVersion = FlagSpec(
        "kube-version", placeholder: "VERSION", help: "Kubernetes version for .Capabilities.KubeVersion (default: v1.36.0).")
    static let apiVersions = FlagSpec(
        "api-versions", short: "a", placeholder: "GROUP/VERSION", repeatable: true,
        help: "Extra API versions for .Capabilities.APIVersions (comma-separated or repeated).")
    static let isUpgrade = FlagSpec.switch("is-upgrade", help: "Set .Release.IsUpgrade instead of .Release.IsInstall.")
    static let skipSchemaValidation = FlagSpec.switch(
        "skip-schema-validation", help: "Do not check the values against the charts' values.schema.json.")
    static let showOnly = FlagSpec(
        "show-only", short: "s", placeholder: "PATH", repeatable: true,
        help: "Print only the manifests of these templates (templates/deployment.yaml; a glob pattern).")

    static let spec = CommandSpec(
        name: "template",
        summary: "render a Helm chart locally, exactly as helm template does",
        discussion: """
            Renders the chart in CHART_DIR as release NAME (helm template's order: NAME, then the \
            chart; or --name) with kubectl-mesh's built-in Helm engine (Go templates, \
            Sprig and Helm's functions) and prints the manifests the way helm template prints them: \
            each document after a "---" and "# Source:" line, documents ordered by kind in Helm's \
            install order, hooks last, NOTES.txt not printed. No helm binary and no cluster are used.

            Values merge as in Helm: the chart's values.yaml, then each -f file in order, then every \
            --set-json, --set, --set-string, --set-file and --set-literal. Numbers from files are \
            floats (1000000 prints as 1e+06); integers from --set are integers. As in Helm, the \
            merged values are checked against each chart's values.schema.json (JSON Schema draft 4 \
            to 2020-12) before anything is rendered. Errors read like Helm's: the template, line and \
            column, and the failing call, or every value the schema refuses.
            """,
        arguments: [release, chart],
        flags: [
            name, namespace, values, set, setString, setJSON, setFile, setLiteral, kubeVersion, apiVersions, isUpgrade,
            skipSchemaValidation, showOnly,
        ],
        examples: [
            Example("Render Istio's istiod chart as release istiod", "kubectl mesh template istiod ~/istio-1.28.0/manifests/charts/istio-control/istio-discovery -n istio-system"),
            Example("With values", "kubectl mesh template ./chart -f values.yaml --set replicas=3"),
            Example("One template only", "kubectl mesh template ./chart --show-only templates/deployment.yaml"),
        ])

    let directory: String
    let options: RenderOptions
    /// The NAME argument as a path, to spot `template CHART_DIR NAME` (the order swapped).
    let nameAsPath: String?

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        // One argument is the chart; two are the release name and the chart, as in helm.
        let first = arguments.argument(Self.release), second = arguments.argument(Self.chart)
        guard let chart = second ?? first else {
            throw UsageError("\"\(ProgramName.display) template\" needs CHART_DIR", command: Self.spec.name)
        }
        let positionalName = second == nil ? nil : first
        if let positionalName, let flagName = arguments.value(Self.name), flagName != positionalName {
            throw UsageError(
                "the release name is given twice: \"\(positionalName)\" and --name \"\(flagName)\"; give one",
                command: Self.spec.name)
        }
        let base = invocation.workingDirectory
        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : base + "/" + path }
        directory = resolve(chart)
        nameAsPath = positionalName.map(resolve)
        var options = RenderOptions()
        if let name = positionalName ?? arguments.value(Self.name) { options.releaseName = name }
        options.namespace = arguments.value(Self.namespace) ?? Self.contextNamespace(arguments, invocation) ?? "default"
        // -f and --set-file paths are read from the working directory, as Helm reads them.
        let read = options.readFile
        options.readFile = { path in try read(resolve(path)) }
        options.valuesFiles = arguments.values(Self.values)
        options.set = arguments.values(Self.set)
        options.setString = arguments.values(Self.setString)
        options.setJSON = arguments.values(Self.setJSON)
        options.setFile = arguments.values(Self.setFile)
        options.setLiteral = arguments.values(Self.setLiteral)
        options.kubeVersion = arguments.value(Self.kubeVersion)
        options.apiVersions = arguments.values(Self.apiVersions)
        options.isUpgrade = arguments.isOn(Self.isUpgrade)
        options.skipSchemaValidation = arguments.isOn(Self.skipSchemaValidation)
        options.showOnly = arguments.values(Self.showOnly)
        self.options = options
    }

    /// Helm takes the namespace of the kubeconfig's context when -n is absent.
    private static func contextNamespace(_ arguments: ParsedArguments, _ invocation: Invocation) -> String? {
        guard let kubeconfig = try? invocation.loadKubeconfig(arguments) else { return nil }
        let name = arguments.contextName ?? kubeconfig.currentContext
        guard let name, let namespace = kubeconfig.contexts[name]?.value.namespace, !namespace.isEmpty else { return nil }
        return namespace
    }

    func run(invocation: Invocation) throws {
        do {
            let rendered = try HelmRenderer().renderChart(at: directory, options: options)
            invocation.output.write(rendered.manifest)
        } catch var error as HelmError where error.stage == .loadChart {
            if let nameAsPath, (try? ChartLoader.load(directory: nameAsPath)) != nil {
                error.hint = "the release name comes first, as in helm template: \(ProgramName.display) template NAME CHART_DIR"
            }
            throw error
        }
    }
}
