import YAML

/// Helm's values handling (HELM-NOTES §2): reading values files, merging user
/// values (`-f` files, then `--set` and friends), and coalescing them with the
/// chart's defaults and its subcharts' (pkg/chart/common/util/coalesce.go).
public enum HelmValues {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var description: String { message }
    }

    /// A values file: one or more YAML documents, each a map, merged in order.
    /// Numbers become float64 (sigs.k8s.io/yaml goes through JSON).
    public static func load(yaml bytes: [UInt8]) throws -> GoMap {
        let documents: [Value]
        do { documents = try YAML.parseAll(bytes, options: .helm) } catch {
            throw Failure(message: "cannot unmarshal yaml document: error converting YAML to JSON: \(YAMLScalarText.goYAMLMessage(error))")
        }
        var result = GoMap()
        for document in documents {
            if let bad = firstNonFinite(document) {
                throw Failure(message: "cannot unmarshal yaml document: error converting YAML to JSON: json: unsupported value: \(GoFormat.string(.float64(bad)))")
            }
            let converted: GoValue
            do { converted = try GoValueConversion.goValue(fromDecoded: document) } catch {
                throw Failure(message: "cannot unmarshal yaml document: error converting YAML to JSON: \(error)")
            }
            switch converted {
            case .missing: continue
            case .map(let map): result = mergeMaps(result, map)
            default:
                throw Failure(
                    message: "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(YAMLScalarText.jsonKind(document)) into Go value of type map[string]interface {}")
            }
        }
        return result
    }

    private static func firstNonFinite(_ value: Value) -> Double? {
        switch value {
        case .float(let d): return d.isFinite ? nil : d
        case .sequence(let items):
            for item in items { if let bad = firstNonFinite(item) { return bad } }
            return nil
        case .mapping(let m):
            for entry in m.entries { if let bad = firstNonFinite(entry.value) { return bad } }
            return nil
        case .tagged(_, let inner): return firstNonFinite(inner)
        default: return nil
        }
    }

    /// Helm's MergeMaps: a new map; maps merge recursively, anything else from `b` replaces.
    public static func mergeMaps(_ a: GoMap, _ b: GoMap) -> GoMap {
        let out = GoMap(a.storage)
        for (key, value) in b.storage {
            if case .map(let bMap) = value, case .map(let aMap)? = out.storage[key] {
                out.storage[key] = .map(mergeMaps(aMap, bMap))
                continue
            }
            out.storage[key] = value
        }
        return out
    }

    /// A copy sharing no map with the original (GoValue.deepCopy, copystructure.Copy in Helm).
    static func copy(_ map: GoMap) -> GoMap {
        if case .map(let copied) = GoValue.map(map).deepCopy() { return copied }
        return GoMap()
    }

    /// Helm's CoalesceValues: the user's values (copied) with the chart's
    /// defaults filled in; a user null deletes a default; subcharts get their
    /// section and the parent's `global`.
    public static func coalesce(_ chart: Chart, _ userValues: GoMap) throws -> GoMap {
        try coalesce(chart, copy(userValues), prefix: "", merge: false)
    }

    /// Helm's MergeValues: like coalesce, but nulls are kept.
    static func mergeWithDefaults(_ chart: Chart, _ userValues: GoMap) throws -> GoMap {
        try coalesce(chart, copy(userValues), prefix: "", merge: true)
    }

    private static func coalesce(_ chart: Chart, _ destination: GoMap, prefix: String, merge: Bool) throws -> GoMap {
        coalesceValues(chart, destination, merge: merge)
        return try coalesceDependencies(chart, destination, prefix: prefix, merge: merge)
    }

    private static func coalesceDependencies(_ chart: Chart, _ destination: GoMap, prefix: String, merge: Bool) throws
        -> GoMap
    {
        for subchart in chart.dependencies {
            let key = subchart.name
            var section: GoMap
            switch destination.storage[key] {
            case nil:
                section = GoMap()
                destination.storage[key] = .map(section)
            case .map(let map)?:
                section = map
            case let other?:
                throw Failure(message: "type mismatch on \(key): \(GoFormat.sprintf("%t", [other]))")
            }
            coalesceGlobals(section, destination, merge: merge)
            section = try coalesce(subchart, section, prefix: prefix.isEmpty ? chart.name : prefix + "." + chart.name, merge: merge)
            destination.storage[key] = .map(section)
        }
        return destination
    }

    /// Copies the parent's `global` into the subchart's; the parent wins.
    private static func coalesceGlobals(_ destination: GoMap, _ source: GoMap, merge: Bool) {
        var destinationGlobals = GoMap()
        if let existing = destination.storage["global"] {
            guard case .map(let map) = existing else { return }
            destinationGlobals = map
        }
        var sourceGlobals = GoMap()
        if let existing = source.storage["global"] {
            guard case .map(let map) = existing else { return }
            sourceGlobals = map
        }
        for (key, value) in sourceGlobals.storage {
            if case .map(let table) = value {
                let copy = GoMap(table.storage)
                if let existing = destinationGlobals.storage[key] {
                    guard case .map(let existingMap) = existing else { continue }
                    coalesceTables(copy, existingMap, merge: true)
                    destinationGlobals.storage[key] = .map(copy)
                } else {
                    destinationGlobals.storage[key] = .map(copy)
                }
            } else if case .map? = destinationGlobals.storage[key] {
                continue
            } else {
                destinationGlobals.storage[key] = value
            }
        }
        destination.storage["global"] = .map(destinationGlobals)
    }

    /// Fills `values` (the user's) from the chart's defaults.
    private static func coalesceValues(_ chart: Chart, _ values: GoMap, merge: Bool) {
        let defaults = copy(chart.values)
        let subchartNames = Set(chart.dependencies.map(\.name))
        for (key, defaultValue) in defaults.storage {
            if let userValue = values.storage[key] {
                if userValue.isNil && !merge {
                    values.storage[key] = nil
                } else if case .map(let destination) = userValue {
                    guard case .map(let source) = defaultValue else { continue }
                    let childMerge = subchartNames.contains(key) ? true : merge
                    if !childMerge { cleanNilValues(source) }
                    coalesceTables(destination, source, merge: childMerge)
                }
            } else {
                if !merge {
                    if defaultValue.isNil { continue }
                    if case .map(let sub) = defaultValue { cleanNilValues(sub) }
                }
                values.storage[key] = defaultValue
            }
        }
    }

    /// Helm's coalesceTablesFullKey: `destination` (the user's) keeps its values,
    /// missing keys come from `source`; a user null deletes a non-null default
    /// unless merging.
    @discardableResult
    static func coalesceTables(_ destination: GoMap, _ source: GoMap, merge: Bool) -> GoMap {
        var sourceOriginallyNonNil: Set<String> = []
        for (key, value) in source.storage where !value.isNil { sourceOriginallyNonNil.insert(key) }
        for (key, value) in destination.storage where value.isNil { source.storage[key] = .missing }
        for (key, value) in source.storage {
            let existing = destination.storage[key]
            if let existing, !merge, existing.isNil, sourceOriginallyNonNil.contains(key) {
                destination.storage[key] = nil
            } else if existing == nil {
                destination.storage[key] = value
            } else if case .map(let sourceMap) = value {
                if case .map(let destinationMap)? = existing {
                    coalesceTables(destinationMap, sourceMap, merge: merge)
                }
            }
        }
        return destination
    }

    private static func cleanNilValues(_ map: GoMap) {
        for (key, value) in map.storage {
            if value.isNil {
                map.storage[key] = nil
            } else if case .map(let sub) = value {
                cleanNilValues(sub)
            }
        }
    }
}
