/// Helm's engine (pkg/engine/engine.go): every template of a chart and its
/// subcharts parsed into one set, executed in Helm's order with one shared
/// data map per chart, `<no value>` removed from each output (HELM-NOTES §5.3).
struct RenderEngine {
    let functions: [String: TemplateFunction]
    /// The clock, local zone and randomness templates see.
    var environment: TemplateEnvironment = .system()

    /// A template file to execute, with the data map of its chart.
    struct Renderable {
        var name: String
        var text: String
        var data: GoMap
        var basePath: String
    }

    /// The rendered text of every template, NOTES included, partials excluded.
    func render(_ chart: Chart, top: GoMap) throws -> [String: String] {
        try LargeStack.run { try renderOnThisThread(chart, top: top) }
    }

    private func renderOnThisThread(_ chart: Chart, top: GoMap) throws -> [String: String] {
        var renderables: [String: Renderable] = [:]
        _ = collect(chart, parentData: top, into: &renderables)
        let order = renderables.keys.sorted(by: RenderEngine.executionOrder)
        let set = TemplateSet(functionTable: functions)
        for name in order {
            guard let renderable = renderables[name] else { continue }
            try set.parse(name: name, text: renderable.text)
        }
        let execution = TemplateExecution(set: set, environment: environment)
        var rendered: [String: String] = [:]
        for name in order {
            guard let renderable = renderables[name] else { continue }
            if (name.split(separator: "/").last ?? "").hasPrefix("_") { continue }
            renderable.data["Template"] = .map(
                GoMap(["Name": .string(name), "BasePath": .string(renderable.basePath)], goTypeName: "common.Values"))
            let output = try execution.execute(name, data: .map(renderable.data))
            rendered[name] = output.replacingAll("<no value>", with: "")
        }
        return rendered
    }

    /// Helm's parse and execution order: deeper paths first, then reverse bytewise order.
    static func executionOrder(_ a: String, _ b: String) -> Bool {
        let depthA = a.utf8.reduce(0) { $0 + ($1 == 0x2F ? 1 : 0) }
        let depthB = b.utf8.reduce(0) { $0 + ($1 == 0x2F ? 1 : 0) }
        if depthA != depthB { return depthA > depthB }
        return goStringLess(b, a)
    }

    /// Builds the chart's data map (`.Chart`, `.Files`, `.Release`,
    /// `.Capabilities`, `.Values`, `.Subcharts`) and registers its templates;
    /// returns the data map (what `.Subcharts.NAME` shows the parent).
    private func collect(_ chart: Chart, parentData: GoMap, into renderables: inout [String: Renderable]) -> GoMap {
        let subcharts = GoMap()
        let data = GoMap(
            [
                "Chart": .map(chart.metadata.templateObject(isRoot: chart.isRoot)),
                "Files": .object(FilesObject(Dictionary(chart.files.map { ($0.name, $0.data) }, uniquingKeysWith: { _, last in last }))),
                "Release": parentData.storage["Release"] ?? .missing,
                "Capabilities": parentData.storage["Capabilities"] ?? .missing,
                "Values": .map(GoMap(goTypeName: "common.Values")),
                "Subcharts": .map(subcharts),
            ], goTypeName: "common.Values")
        if chart.isRoot {
            data["Values"] = parentData.storage["Values"] ?? .map(GoMap(goTypeName: "common.Values"))
        } else if case .map(let parentValues)? = parentData.storage["Values"],
            case .map(let own)? = parentValues.storage[chart.name]
        {
            data["Values"] = .map(own)
        }
        for subchart in chart.dependencies {
            subcharts[subchart.name] = .map(collect(subchart, parentData: data, into: &renderables))
        }
        let prefix = chart.fullPath
        for template in chart.templates {
            if chart.isLibrary && !(template.name.split(separator: "/").last ?? "").hasPrefix("_") { continue }
            let name = prefix + "/" + template.name
            renderables[name] = Renderable(
                name: name, text: String(decoding: template.data, as: UTF8.self), data: data,
                basePath: prefix + "/templates")
        }
        return data
    }
}
