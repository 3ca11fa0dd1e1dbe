/// A loaded chart (Helm's chart.Chart): metadata, default values, templates,
/// other files and subcharts.
public final class Chart {
    public var metadata: ChartMetadata
    /// The defaults from values.yaml, typed as Helm types them (numbers are float64).
    public var values: GoMap
    /// Files under `templates/`, named from the chart root (`templates/deployment.yaml`).
    public var templates: [ChartFile]
    /// Every other file (`.Files`), named from the chart root.
    public var files: [ChartFile]
    /// `values.schema.json`, when present.
    public var schema: [UInt8]?
    public private(set) var dependencies: [Chart] = []
    public private(set) weak var parent: Chart?

    public init(metadata: ChartMetadata, values: GoMap, templates: [ChartFile], files: [ChartFile], schema: [UInt8]?) {
        self.metadata = metadata
        self.values = values
        self.templates = templates
        self.files = files
        self.schema = schema
    }

    public var name: String { metadata.name }
    public var isRoot: Bool { parent == nil }

    /// `istiod`, or `parent/charts/child` for a subchart (Helm's ChartFullPath):
    /// the prefix of its template names.
    public var fullPath: String {
        if let parent { return parent.fullPath + "/charts/" + name }
        return name
    }

    public var isLibrary: Bool { metadata.type.lowercased() == "library" }

    func addDependency(_ chart: Chart) {
        chart.parent = self
        dependencies.append(chart)
    }

    func setDependencies(_ charts: [Chart]) {
        dependencies = []
        for chart in charts { addDependency(chart) }
    }

    /// A shallow copy whose metadata and dependency list can change on their own
    /// (Helm copies a chart to give a subchart an alias).
    func copy() -> Chart {
        let copy = Chart(metadata: metadata, values: values, templates: templates, files: files, schema: schema)
        for dependency in dependencies { copy.addDependency(dependency.copy()) }
        return copy
    }
}

/// A file of a chart: its path from the chart root and its bytes.
public struct ChartFile: Sendable, Equatable {
    public var name: String
    public var data: [UInt8]

    public init(name: String, data: [UInt8]) {
        self.name = name
        self.data = data
    }
}
