import Foundation
import YAML

/// How to render a chart: the `helm template` flags.
public struct RenderOptions {
    /// The release name (`.Release.Name`); Helm's default is `release-name`.
    public var releaseName = "release-name"
    /// `.Release.Namespace`.
    public var namespace = "default"
    /// `-f` files, merged in order.
    public var valuesFiles: [String] = []
    /// `--set`, `--set-string`, `--set-json`, `--set-file`, `--set-literal` flag values, in order per kind.
    public var set: [String] = []
    public var setString: [String] = []
    public var setJSON: [String] = []
    public var setFile: [String] = []
    public var setLiteral: [String] = []
    /// Values given directly, typed like a `-f` file (numbers become float64),
    /// merged after the `-f` files and before every `--set*` flag.
    public var values: Value?
    /// `--kube-version` (`1.30`, `v1.30.2`); nil keeps Helm's default v1.36.0.
    public var kubeVersion: String?
    /// `--api-versions`, added to Helm's defaults.
    public var apiVersions: [String] = []
    /// `--is-upgrade`: `.Release.IsUpgrade` true, `.Release.IsInstall` false.
    public var isUpgrade = false
    /// `--show-only` patterns (template paths inside the chart, `templates/x.yaml`).
    public var showOnly: [String] = []
    /// `--skip-schema-validation`: do not check the values against the charts' values.schema.json.
    public var skipSchemaValidation = false
    /// The clock, local time zone and random numbers that Sprig's `now`,
    /// `date`, `toDate`, `randAlpha`, `uuidv4`, … read; the real ones by default.
    public var environment: TemplateEnvironment = .system()
    /// Reads `-f` and `--set-file` files; defaults to the local file system.
    public var readFile: (String) throws -> [UInt8] = { path in
        do { return try LocalFiles.read(path) } catch { throw HelmError(stage: .values, message: "\(error)") }
    }

    public init() {}
}

/// What rendering a chart produced.
public struct RenderedChart: Sendable {
    /// Exactly what `helm template` prints (one trailing newline).
    public var manifest: String
    /// The non-hook documents in Helm's install order.
    public var documents: [RenderedDocument]
    /// Hook documents (printed after the others by `helm template`).
    public var hooks: [RenderedDocument]
    /// The chart's NOTES.txt, rendered (not part of the manifest).
    public var notes: String
    /// What every template file rendered to (NOTES.txt included, partials not),
    /// by template name, with `<no value>` removed: Helm's engine output.
    public var files: [String: String]
}

/// An error while rendering a chart, worded like Helm's.
public struct HelmError: Error, CustomStringConvertible, Equatable {
    public enum Stage: Sendable, Equatable {
        case loadChart, values, render, manifests, options
    }

    public var stage: Stage
    /// Helm's message.
    public var message: String
    /// What the user can do about it, when there is something to say.
    public var hint: String?

    public init(stage: Stage, message: String, hint: String? = nil) {
        self.stage = stage
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}

/// Renders charts the way `helm template` does (HELM-NOTES §5), with the
/// template functions Helm gives charts.
public struct HelmRenderer: Sendable {
    public let functions: [String: TemplateFunction]

    /// A renderer with Helm's function table (Sprig + Helm).
    public init() {
        self.functions = HelmFunctions.table()
    }

    /// A renderer with another function table (tests).
    public init(functions: [String: TemplateFunction]) {
        self.functions = functions
    }

    /// Loads the chart in `directory` and renders it.
    public func renderChart(at directory: String, options: RenderOptions) throws -> RenderedChart {
        let chart: Chart
        do { chart = try ChartLoader.load(directory: directory) } catch let failure as ChartLoader.Failure {
            throw HelmError(stage: .loadChart, message: failure.message, hint: "check that \(directory) is a Helm chart directory (it needs a Chart.yaml)")
        }
        return try render(chart, options: options)
    }

    /// Renders a loaded chart.
    public func render(_ chart: Chart, options: RenderOptions) throws -> RenderedChart {
        let rendered = try renderTemplates(chart, options: options)
        var files = rendered
        var notes = ""
        for name in files.keys.sorted(by: goStringLess) where name.hasSuffix("NOTES.txt") {
            if name == chart.name + "/templates/NOTES.txt" { notes = files[name] ?? "" }
            files[name] = nil
        }
        let sorted: (manifests: [RenderedDocument], hooks: [RenderedDocument])
        do { sorted = try ManifestSorter.sort(files) } catch {
            throw HelmError(stage: .manifests, message: "\(error)", hint: "the template produced invalid YAML")
        }
        var body = ""
        for document in sorted.manifests { body += "---\n# Source: \(document.templateName)\n\(document.text)\n" }
        var manifest = body.trimmingGoSpace() + "\n"
        for hook in sorted.hooks { manifest += "---\n# Source: \(hook.templateName)\n\(hook.text)\n" }
        if !options.showOnly.isEmpty { manifest = try ShowOnly.filter(manifest, patterns: options.showOnly) }
        return RenderedChart(manifest: manifest, documents: sorted.manifests, hooks: sorted.hooks, notes: notes, files: rendered)
    }

    /// Everything up to the engine's output: checks, values, the templates
    /// executed (what Helm's engine.Render returns).
    func renderTemplates(_ chart: Chart, options: RenderOptions) throws -> [String: String] {
        if chart.isLibrary { throw HelmError(stage: .loadChart, message: "library charts are not installable") }
        let missing = Dependencies.missing(chart)
        if !missing.isEmpty {
            throw HelmError(
                stage: .loadChart,
                message: "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: \(missing.joined(separator: ", "))")
        }
        var capabilities = Capabilities(extraAPIVersions: options.apiVersions.flatMap { $0.split(separator: ",").map(String.init) })
        if let kubeVersion = options.kubeVersion {
            do { capabilities.kubeVersion = try Capabilities.KubeVersion(parsing: kubeVersion) } catch {
                throw HelmError(stage: .options, message: "\(error)")
            }
        }
        let userValues = try UserValues.merge(options)
        do {
            try ReleaseName.validate(options.releaseName)
        } catch {
            throw HelmError(stage: .options, message: "release name check failed: \(error)")
        }
        do { try Dependencies.process(chart, userValues) } catch {
            throw HelmError(stage: .values, message: "chart dependencies processing failed: \(error)")
        }
        let values: GoMap
        do { values = try HelmValues.coalesce(chart, userValues) } catch {
            throw HelmError(stage: .values, message: "\(error)")
        }
        if !options.skipSchemaValidation, let message = ValuesSchema.check(chart, values) {
            throw HelmError(
                stage: .values, message: message,
                hint: "fix the values named above (see the chart's values.schema.json), or pass --skip-schema-validation")
        }
        values.goTypeName = "common.Values"
        let top = GoMap(
            [
                "Values": .map(values),
                "Release": .map(
                    GoMap([
                        "Name": .string(options.releaseName), "Namespace": .string(options.namespace),
                        "IsUpgrade": .bool(options.isUpgrade), "IsInstall": .bool(!options.isUpgrade),
                        "Revision": .int(1), "Service": .string("Helm"),
                    ])),
                "Capabilities": capabilities.templateObject(),
            ], goTypeName: "common.Values")
        if !chart.metadata.kubeVersion.isEmpty
            && !Dependencies.isCompatible(chart.metadata.kubeVersion, capabilities.kubeVersion.normalized)
        {
            throw HelmError(
                stage: .render,
                message: "chart requires kubeVersion: \(chart.metadata.kubeVersion) which is incompatible with Kubernetes \(capabilities.kubeVersion.version)",
                hint: "pass the cluster's version with --kube-version")
        }
        do {
            return try RenderEngine(functions: functions, environment: options.environment).render(chart, top: top)
        } catch let error as TemplateError {
            throw HelmError(stage: .render, message: error.helmMessage)
        }
    }
}

/// `--show-only`: the documents whose `# Source:` path (without the chart
/// name) matches each pattern, in pattern order.
enum ShowOnly {
    static func filter(_ manifest: String, patterns: [String]) throws -> String {
        let documents = ManifestSorter.split(manifest)
        var output = ""
        for pattern in patterns {
            var found = false
            for document in documents {
                guard let path = sourcePath(document) else { continue }
                guard (try? PathPattern(pattern).matches(path)) == true else { continue }
                output += "---\n\(document)\n"
                found = true
            }
            if !found {
                throw HelmError(
                    stage: .options, message: "could not find template \(pattern) in chart",
                    hint: "--show-only takes a path inside the chart, such as templates/deployment.yaml")
            }
        }
        return output
    }

    /// The path after the first segment of the first `# Source: a/b…` line.
    private static func sourcePath(_ document: String) -> String? {
        guard let range = document.range(of: "# Source: ") else { return nil }
        let rest = document[range.upperBound...]
        let line = rest.prefix { $0 != "\n" && $0 != "\r\n" }
        guard let slash = line.firstIndex(of: "/"), slash > line.startIndex else { return nil }
        let path = line[line.index(after: slash)...]
        return path.isEmpty ? nil : String(path)
    }
}

/// Helm's release name rule: DNS-1123 subdomain, at most 53 characters.
enum ReleaseName {
    struct Invalid: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func validate(_ name: String) throws {
        if name.isEmpty { throw Invalid(message: "release name \"\": no name provided") }
        let pattern = #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#
        if name.utf8.count > 53 || !isValid(name) {
            throw Invalid(
                message: "release name \(GoQuote.quote(name)): invalid release name, must match regex \(pattern) and the length must not be longer than 53")
        }
    }

    private static func isValid(_ name: String) -> Bool {
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last else { return false }
            func alphanumeric(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) }
            guard alphanumeric(first), alphanumeric(last) else { return false }
            guard bytes.allSatisfy({ alphanumeric($0) || $0 == 0x2D }) else { return false }
        }
        return true
    }
}
