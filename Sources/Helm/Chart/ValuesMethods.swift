/// The methods of Helm's `common.Values` (the type of `$`, `.Values` and
/// `.Template`): `{{ .Values.AsMap }}`, `{{ .Values.Table "a.b" }}`,
/// `{{ .Values.PathValue "a.b" }}`, `{{ .Values.YAML }}`. Like any Go method,
/// they take precedence over a map key of the same name.
enum ValuesMethods {
    static let typeName = "common.Values"

    static func method(_ name: String, on map: GoMap) -> GoMethod? {
        switch name {
        case "AsMap":
            return GoMethod([]) { _ in .map(map) }
        case "Table":
            return GoMethod([.string]) { arguments in
                guard case .string(let path) = arguments[0] else { return .map(map) }
                var table = map
                for part in path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
                    guard case .map(let next)? = table.storage[part] else {
                        throw TemplateFunctionError("\(GoQuote.quote(part)) is not a table")
                    }
                    table = next
                }
                return .map(table)
            }
        case "PathValue":
            return GoMethod([.string]) { arguments in
                guard case .string(let path) = arguments[0], !path.isEmpty else {
                    throw TemplateFunctionError("YAML path cannot be empty")
                }
                let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                guard let key = parts.last else { throw TemplateFunctionError("YAML path cannot be empty") }
                var table = map
                for part in parts.dropLast() {
                    guard case .map(let next)? = table.storage[part] else {
                        throw TemplateFunctionError("\(GoQuote.quote(key)) is not a value")
                    }
                    table = next
                }
                guard let value = table.storage[key] else { throw TemplateFunctionError("\(GoQuote.quote(key)) is not a value") }
                if case .map = value { throw TemplateFunctionError("\(GoQuote.quote(key)) is not a value") }
                return value
            }
        case "YAML":
            return GoMethod([]) { _ in
                do {
                    return .string(try YAMLText.toYAML(.map(map)) + "\n")
                } catch {
                    throw TemplateFunctionError("\(error)")
                }
            }
        default:
            return nil
        }
    }
}
