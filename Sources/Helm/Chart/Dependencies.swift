import YAML

/// Helm's handling of the `dependencies:` a Chart.yaml declares
/// (pkg/chart/v2/util/dependencies.go): aliases, `condition` and `tags` that
/// switch subcharts off, and `import-values` that copy subchart values up.
enum Dependencies {
    /// Helm's IsCompatibleRange: the version satisfies the semver constraint.
    static func isCompatible(_ constraint: String, _ version: String) -> Bool {
        guard let constraints = try? SemverConstraints(constraint), let parsed = try? SemverVersion.parse(version) else {
            return false
        }
        return constraints.check(parsed)
    }

    /// Subcharts Chart.yaml declares but charts/ does not hold (Helm's CheckDependencies).
    static func missing(_ chart: Chart) -> [String] {
        let present = Set(chart.dependencies.map(\.name))
        var missing: [String] = []
        for dependency in chart.metadata.dependencies where !present.contains(dependency.name) {
            missing.append(dependency.name)
        }
        return missing
    }

    /// Applies aliases, conditions and tags, then import-values (Helm's ProcessDependencies).
    static func process(_ chart: Chart, _ values: GoMap) throws {
        try processEnabled(chart, values, path: "")
        try processImportValues(chart)
    }

    private static func aliased(_ charts: [Chart], _ dependency: ChartMetadata.Dependency) -> Chart? {
        for chart in charts where chart.name == dependency.name && isCompatible(dependency.version, chart.metadata.version) {
            let copy = chart.copy()
            if !dependency.alias.isEmpty { copy.metadata.name = dependency.alias }
            return copy
        }
        return nil
    }

    private static func processEnabled(_ chart: Chart, _ values: GoMap, path: String) throws {
        if chart.metadata.dependencies.isEmpty { return }
        var charts: [Chart] = []
        // Subcharts not declared in Chart.yaml stay as they are.
        loop: for existing in chart.dependencies {
            for requirement in chart.metadata.dependencies
            where existing.name == requirement.name && isCompatible(requirement.version, existing.metadata.version) {
                continue loop
            }
            charts.append(existing)
        }
        for i in chart.metadata.dependencies.indices {
            let requirement = chart.metadata.dependencies[i]
            if let copy = aliased(chart.dependencies, requirement) { charts.append(copy) }
            if !requirement.alias.isEmpty { chart.metadata.dependencies[i].name = requirement.alias }
        }
        chart.setDependencies(charts)
        for i in chart.metadata.dependencies.indices { chart.metadata.dependencies[i].enabled = true }
        let coalesced = try HelmValues.coalesce(chart, values)
        applyTags(chart, coalesced)
        applyConditions(chart, coalesced, path: path)
        let disabled = Set(chart.metadata.dependencies.filter { !$0.enabled }.map(\.name))
        let enabledCharts = chart.dependencies.filter { !disabled.contains($0.name) }
        for subchart in enabledCharts {
            try processEnabled(subchart, coalesced, path: path + subchart.name + ".")
        }
        chart.metadata.dependencies.removeAll { disabled.contains($0.name) }
        chart.setDependencies(enabledCharts)
    }

    private static func applyTags(_ chart: Chart, _ values: GoMap) {
        guard case .map(let tags)? = values.storage["tags"] else { return }
        for i in chart.metadata.dependencies.indices {
            var hasTrue = false
            var hasFalse = false
            for tag in chart.metadata.dependencies[i].tags {
                if case .bool(let b)? = tags.storage[tag] {
                    if b { hasTrue = true } else { hasFalse = true }
                }
            }
            if !hasTrue && hasFalse {
                chart.metadata.dependencies[i].enabled = false
            } else if hasTrue || (!hasTrue && !hasFalse) {
                chart.metadata.dependencies[i].enabled = true
            }
        }
    }

    private static func applyConditions(_ chart: Chart, _ values: GoMap, path: String) {
        for i in chart.metadata.dependencies.indices {
            let condition = chart.metadata.dependencies[i].condition.trimmingGoSpace()
            for part in condition.split(separator: ",", omittingEmptySubsequences: false) where !part.isEmpty {
                if case .bool(let b)? = pathValue(values, path + part) {
                    chart.metadata.dependencies[i].enabled = b
                    break
                }
            }
        }
    }

    /// Helm's Values.PathValue: a non-table value at a dotted path, or nil.
    static func pathValue(_ values: GoMap, _ path: String) -> GoValue? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let last = parts.last else { return nil }
        var table = values
        for part in parts.dropLast() {
            guard case .map(let next)? = table.storage[part] else { return nil }
            table = next
        }
        guard let value = table.storage[last] else { return nil }
        if case .map = value { return nil }
        return value
    }

    /// Helm's Values.Table: the table at a dotted path.
    static func table(_ values: GoMap, _ path: String) -> GoMap? {
        var table = values
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .map(let next)? = table.storage[String(part)] else { return nil }
            table = next
        }
        return table
    }

    private static func processImportValues(_ chart: Chart) throws {
        for subchart in chart.dependencies { try processImportValues(subchart) }
        if chart.metadata.dependencies.isEmpty { return }
        let values = try HelmValues.mergeWithDefaults(chart, GoMap())
        var imported = GoMap()
        for i in chart.metadata.dependencies.indices {
            let requirement = chart.metadata.dependencies[i]
            var normalized: [Value] = []
            for entry in requirement.importValues {
                switch entry.untagged {
                case .mapping(let mapping):
                    let child = GoFormat.string(goValue(mapping["child"]))
                    let parent = GoFormat.string(goValue(mapping["parent"]))
                    normalized.append(.mapping(["child": .string(child), "parent": .string(parent)]))
                    guard let table = table(values, requirement.name + "." + child) else { continue }
                    imported = HelmValues.coalesceTables(imported, pathToMap(parent, table), merge: true)
                case .string(let name):
                    let child = "exports." + name
                    normalized.append(.mapping(["child": .string(child), "parent": .string(".")]))
                    guard let table = table(values, requirement.name + "." + child) else { continue }
                    imported = HelmValues.coalesceTables(imported, table, merge: true)
                default:
                    continue
                }
            }
            chart.metadata.dependencies[i].importValues = normalized
        }
        chart.values = HelmValues.coalesceTables(HelmValues.copy(values), imported, merge: true)
    }

    private static func goValue(_ value: Value?) -> GoValue {
        guard let value else { return .missing }
        return (try? GoValueConversion.goValue(fromDecoded: value)) ?? .missing
    }

    private static func pathToMap(_ path: String, _ data: GoMap) -> GoMap {
        if path == "." { return data }
        var current = data
        for part in path.split(separator: ".", omittingEmptySubsequences: false).reversed() {
            current = GoMap([String(part): .map(current)])
        }
        return current
    }
}
