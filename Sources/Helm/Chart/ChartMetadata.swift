import YAML

/// A chart's `Chart.yaml` (Helm's chart.Metadata), read the way Helm reads it:
/// through JSON into typed fields, so a field of the wrong type is an error
/// (`version: 1.0` is a number, not a string) and unknown fields are ignored.
public struct ChartMetadata: Sendable, Equatable {
    public var name = ""
    public var home = ""
    public var sources: [String] = []
    public var version = ""
    public var description = ""
    public var keywords: [String] = []
    public var maintainers: [Maintainer] = []
    public var icon = ""
    public var apiVersion = ""
    public var condition = ""
    public var tags = ""
    public var appVersion = ""
    public var deprecated = false
    /// nil when Chart.yaml has no annotations (Go's nil map).
    public var annotations: [String: String]?
    public var kubeVersion = ""
    public var dependencies: [Dependency] = []
    public var type = ""

    public struct Maintainer: Sendable, Equatable {
        public var name = ""
        public var email = ""
        public var url = ""
    }

    /// An entry of `dependencies:` (Helm's chart.Dependency).
    public struct Dependency: Sendable, Equatable {
        public var name = ""
        public var version = ""
        public var repository = ""
        public var condition = ""
        public var tags: [String] = []
        public var enabled = false
        /// Raw `import-values` entries: strings or `{child, parent}` maps.
        public var importValues: [Value] = []
        public var alias = ""
    }

    public struct LoadError: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var description: String { message }
    }

    public init() {}

    /// Reads Chart.yaml text; the error says which field is wrong.
    public init(yaml text: String) throws {
        let value: Value
        do { value = try YAML.parse(text, options: .helm) } catch {
            throw LoadError(message: "cannot load Chart.yaml: error converting YAML to JSON: \(error)")
        }
        let fields: Mapping
        switch value.untagged {
        case .null: fields = Mapping()
        case .mapping(let m): fields = m
        default:
            throw LoadError(
                message: "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(YAMLScalarText.jsonKind(value)) into Go value of type chart.Metadata")
        }
        var reader = FieldReader(fields: fields, typeName: "Metadata")
        name = try reader.string("name")
        home = try reader.string("home")
        sources = try reader.strings("sources")
        version = try reader.string("version")
        description = try reader.string("description")
        keywords = try reader.strings("keywords")
        icon = try reader.string("icon")
        apiVersion = try reader.string("apiVersion")
        condition = try reader.string("condition")
        tags = try reader.string("tags")
        appVersion = try reader.string("appVersion")
        deprecated = try reader.bool("deprecated")
        annotations = try reader.stringMap("annotations")
        kubeVersion = try reader.string("kubeVersion")
        type = try reader.string("type")
        for item in try reader.objects("maintainers") {
            var field = FieldReader(fields: item, typeName: "Maintainer")
            maintainers.append(Maintainer(name: try field.string("name"), email: try field.string("email"), url: try field.string("url")))
        }
        for item in try reader.objects("dependencies") {
            var field = FieldReader(fields: item, typeName: "Dependency")
            var dependency = Dependency()
            dependency.name = try field.string("name")
            dependency.version = try field.string("version")
            dependency.repository = try field.string("repository")
            dependency.condition = try field.string("condition")
            dependency.tags = try field.strings("tags")
            dependency.enabled = try field.bool("enabled")
            dependency.importValues = try field.list("import-values")
            dependency.alias = try field.string("alias")
            dependencies.append(dependency)
        }
        if apiVersion.isEmpty { apiVersion = "v1" }
    }

    /// Field access with encoding/json's rules: exact key first, then a
    /// case-insensitive one; null leaves the zero value; a wrong type is an error.
    private struct FieldReader {
        let fields: Mapping
        let typeName: String

        func lookup(_ key: String) -> Value? {
            if let exact = fields[key] { return exact.untagged }
            for entry in fields.entries {
                if case .string(let k) = entry.key.untagged, k.lowercased() == key.lowercased() { return entry.value.untagged }
            }
            return nil
        }

        func mismatch(_ key: String, _ value: Value, _ type: String) -> LoadError {
            LoadError(
                message: "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(YAMLScalarText.jsonKind(value)) into Go struct field \(typeName).\(key) of type \(type)")
        }

        mutating func string(_ key: String) throws -> String {
            guard let value = lookup(key) else { return "" }
            guard let s = YAMLScalarText.string(value) else { throw mismatch(key, value, "string") }
            return ChartMetadata.sanitize(s)
        }

        mutating func bool(_ key: String) throws -> Bool {
            guard let value = lookup(key), !value.isNull else { return false }
            guard case .bool(let b) = value else { throw mismatch(key, value, "bool") }
            return b
        }

        mutating func strings(_ key: String) throws -> [String] {
            guard let value = lookup(key), !value.isNull else { return [] }
            guard case .sequence(let items) = value else { throw mismatch(key, value, "[]string") }
            return try items.map { item in
                guard let s = YAMLScalarText.string(item) else { throw mismatch(key, item, "string") }
                return ChartMetadata.sanitize(s)
            }
        }

        mutating func stringMap(_ key: String) throws -> [String: String]? {
            guard let value = lookup(key), !value.isNull else { return nil }
            guard case .mapping(let m) = value else { throw mismatch(key, value, "map[string]string") }
            var result: [String: String] = [:]
            for entry in m.entries {
                let k = try JSONWriter.keyText(entry.key)
                guard let s = YAMLScalarText.string(entry.value) else { throw mismatch(key, entry.value, "string") }
                result[k] = s
            }
            return result
        }

        mutating func objects(_ key: String) throws -> [Mapping] {
            guard let value = lookup(key), !value.isNull else { return [] }
            guard case .sequence(let items) = value else { throw mismatch(key, value, "[]*chart.\(key == "maintainers" ? "Maintainer" : "Dependency")") }
            return try items.map { item in
                switch item.untagged {
                case .mapping(let m): return m
                case .null: return Mapping()
                default: throw mismatch(key, item, "chart.\(key == "maintainers" ? "Maintainer" : "Dependency")")
                }
            }
        }

        mutating func list(_ key: String) throws -> [Value] {
            guard let value = lookup(key), !value.isNull else { return [] }
            guard case .sequence(let items) = value else { throw mismatch(key, value, "[]interface {}") }
            return items
        }
    }

    /// Helm's sanitizeString: white space becomes a space, unprintable characters go.
    static func sanitize(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.properties.isWhitespace {
                out.unicodeScalars.append(" ")
            } else if GoQuote.isPrint(scalar.value) {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Helm's Metadata.Validate.
    public func validate() throws {
        if apiVersion.isEmpty { throw LoadError(message: "validation: chart.metadata.apiVersion is required") }
        if name.isEmpty { throw LoadError(message: "validation: chart.metadata.name is required") }
        if name == "." || name == ".." {
            throw LoadError(message: "validation: chart.metadata.name \(GoQuote.quote(name)) is not allowed")
        }
        if name.contains("/") { throw LoadError(message: "validation: chart.metadata.name \(GoQuote.quote(name)) is invalid") }
        if version.isEmpty { throw LoadError(message: "validation: chart.metadata.version is required") }
        if (try? SemverVersion.parse(version)) == nil {
            throw LoadError(message: "validation: chart.metadata.version \(GoQuote.quote(version)) is invalid")
        }
        if !["", "application", "library"].contains(type) {
            throw LoadError(message: "validation: chart.metadata.type must be application or library")
        }
        var seen: Set<String> = []
        for dependency in dependencies {
            if dependency.name.isEmpty {
                throw LoadError(message: "validation: dependencies must have a name")
            }
            let key = dependency.alias.isEmpty ? dependency.name : dependency.alias
            if seen.contains(key) {
                throw LoadError(message: "validation: more than one dependency with name or alias \(GoQuote.quote(key))")
            }
            seen.insert(key)
        }
    }

    /// `.Chart` as templates see it (Helm's MetadataAsMap: Go field names as keys).
    func templateObject(isRoot: Bool) -> GoMap {
        func strings(_ items: [String]) -> GoValue { .list(items.map { .string($0) }) }
        let annotationMap = GoMap((annotations ?? [:]).mapValues { GoValue.string($0) }, goTypeName: "map[string]string")
        let maintainerMaps: [GoValue] = maintainers.map {
            .map(GoMap(["Name": .string($0.name), "Email": .string($0.email), "URL": .string($0.url)]))
        }
        let dependencyMaps: [GoValue] = dependencies.map { dependency in
            .map(
                GoMap([
                    "Name": .string(dependency.name), "Version": .string(dependency.version),
                    "Repository": .string(dependency.repository), "Condition": .string(dependency.condition),
                    "Tags": strings(dependency.tags), "Enabled": .bool(dependency.enabled),
                    "ImportValues": .list(dependency.importValues.map { (try? GoValueConversion.goValue(fromDecoded: $0)) ?? .missing }),
                    "Alias": .string(dependency.alias),
                ]))
        }
        return GoMap([
            "Name": .string(name), "Home": .string(home), "Sources": strings(sources), "Version": .string(version),
            "Description": .string(description), "Keywords": strings(keywords), "Maintainers": .list(maintainerMaps),
            "Icon": .string(icon), "APIVersion": .string(apiVersion), "Condition": .string(condition),
            "Tags": .string(tags), "AppVersion": .string(appVersion), "Deprecated": .bool(deprecated),
            "Annotations": .map(annotationMap), "KubeVersion": .string(kubeVersion), "Dependencies": .list(dependencyMaps),
            "Type": .string(type), "IsRoot": .bool(isRoot),
        ])
    }
}
