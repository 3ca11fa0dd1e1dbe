/// Why values fail a schema, as a tree worded like Helm v4's validator
/// (santhosh-tekuri/jsonschema v6 with golang.org/x/text's English printer):
///
/// ```
/// - at '/a': 'allOf' failed
///   - at '/a': got number, want string
/// ```
struct SchemaViolation {
    /// Where in the values (JSON pointer tokens).
    var instanceLocation: [String]
    var kind: Kind
    var causes: [SchemaViolation] = []

    enum Kind {
        /// The whole validation: `jsonschema validation failed with 'URL'`.
        case schema(location: String)
        /// Several failures of one schema: `validation failed`.
        case group
        /// A `$ref` (or `$dynamicRef`, `$recursiveRef`) whose target failed.
        case reference
        case falseSchema
        case refCycle(url: String, keywordLocation1: String, keywordLocation2: String)
        case invalidValue(goType: String)
        case type(got: JSONType, want: [JSONType])
        case enumeration([SchemaJSON])
        case constant(SchemaJSON)
        case format(value: GoValue, name: String, reason: String)
        case not, allOf, anyOf
        /// `oneOf`: nil when none matched, else the first two that did.
        case oneOf(matched: (Int, Int)?)
        case minProperties(got: Int, want: Int), maxProperties(got: Int, want: Int)
        case minItems(got: Int, want: Int), maxItems(got: Int, want: Int)
        case minLength(got: Int, want: Int), maxLength(got: Int, want: Int)
        case additionalItems(count: Int)
        case required(missing: [String])
        case dependency(property: String, missing: [String])
        case additionalProperties([String])
        case propertyNames(String)
        case uniqueItems(Int, Int)
        case contains
        case minContains(matched: [Int], want: Int), maxContains(matched: [Int], want: Int)
        case pattern(value: String, pattern: String)
        case minimum(got: Double, want: Double), maximum(got: Double, want: Double)
        case exclusiveMinimum(got: Double, want: Double), exclusiveMaximum(got: Double, want: Double)
        case multipleOf(got: Double, want: Double)
    }

    /// The message of this node alone.
    var message: String {
        switch kind {
        case .schema(let location): return "jsonschema validation failed with \(JSONPointer.singleQuoted(location))"
        case .group, .reference: return "validation failed"
        case .falseSchema: return "false schema"
        case .refCycle(let url, let first, let second):
            return "both \(first) and \(second) resolve to \(GoQuote.quote(url)) causing reference cycle"
        case .invalidValue(let goType): return "invalid jsonType \(goType)"
        case .type(let got, let want):
            return "got \(got.name), want \(want.sorted().map(\.name).joined(separator: " or "))"
        case .enumeration(let values):
            if values.contains(where: { if case .array = $0 { return true }; if case .object = $0 { return true }; return false }) {
                return "'enum' failed"
            }
            if values.count == 1 { return "value must be \(values[0].display)" }
            return "value must be one of \(values.map(\.display).joined(separator: ", "))"
        case .constant(let value):
            switch value {
            case .array, .object: return "'const' failed"
            default: return "value must be \(value.display)"
            }
        case .format(let value, let name, let reason):
            return "\(Self.display(value)) is not valid \(name): \(reason)"
        case .not: return "'not' failed"
        case .allOf: return "'allOf' failed"
        case .anyOf: return "'anyOf' failed"
        case .oneOf(let matched):
            guard let (first, second) = matched else { return "'oneOf' failed, none matched" }
            return "'oneOf' failed, subschemas \(LocalizedNumber.integer(first)), \(LocalizedNumber.integer(second)) matched"
        case .minProperties(let got, let want): return "minProperties: got \(int(got)), want \(int(want))"
        case .maxProperties(let got, let want): return "maxProperties: got \(int(got)), want \(int(want))"
        case .minItems(let got, let want): return "minItems: got \(int(got)), want \(int(want))"
        case .maxItems(let got, let want): return "maxItems: got \(int(got)), want \(int(want))"
        case .minLength(let got, let want): return "minLength: got \(int(got)), want \(int(want))"
        case .maxLength(let got, let want): return "maxLength: got \(int(got)), want \(int(want))"
        case .additionalItems(let count): return "last \(int(count)) additionalItem(s) not allowed"
        case .required(let missing):
            if missing.count == 1 { return "missing property \(JSONPointer.singleQuoted(missing[0]))" }
            return "missing properties \(Self.joinQuoted(missing))"
        case .dependency(let property, let missing):
            return "properties \(Self.joinQuoted(missing)) required, if \(JSONPointer.singleQuoted(property)) exists"
        case .additionalProperties(let names): return "additional properties \(Self.joinQuoted(names)) not allowed"
        case .propertyNames(let name): return "invalid propertyName \(JSONPointer.singleQuoted(name))"
        case .uniqueItems(let i, let j): return "items at \(int(i)) and \(int(j)) are equal"
        case .contains: return "no items match contains schema"
        case .minContains(let matched, let want):
            if matched.isEmpty { return "min \(int(want)) items required to match contains schema, but none matched" }
            return "min \(int(want)) items required to match contains schema, but matched \(int(matched.count)) items at \(matched.map(String.init).joined(separator: " "))"
        case .maxContains(let matched, let want):
            return "max \(int(want)) items required to match contains schema, but matched \(int(matched.count)) items at \(matched.map(String.init).joined(separator: " "))"
        case .pattern(let value, let pattern):
            return "\(JSONPointer.singleQuoted(value)) does not match pattern \(JSONPointer.singleQuoted(pattern))"
        case .minimum(let got, let want): return "minimum: got \(float(got)), want \(float(want))"
        case .maximum(let got, let want): return "maximum: got \(float(got)), want \(float(want))"
        case .exclusiveMinimum(let got, let want): return "exclusiveMinimum: got \(float(got)), want \(float(want))"
        case .exclusiveMaximum(let got, let want): return "exclusiveMaximum: got \(float(got)), want \(float(want))"
        case .multipleOf(let got, let want): return "multipleOf: got \(float(got)), want \(float(want))"
        }
    }

    private func int(_ value: Int) -> String { LocalizedNumber.integer(value) }
    private func float(_ value: Double) -> String { LocalizedNumber.float(value) }

    private static func joinQuoted(_ names: [String]) -> String {
        names.map(JSONPointer.singleQuoted).joined(separator: ", ")
    }

    /// The library's `display` of a value: quoted strings, `value` for
    /// collections, Go's `%v` otherwise.
    static func display(_ value: GoValue) -> String {
        switch value {
        case .string(let s): return JSONPointer.singleQuoted(s)
        case .list, .stringList, .map: return "value"
        default: return GoFormat.string(value)
        }
    }

    /// The text Helm prints: one `- at 'LOCATION': MESSAGE` line per node,
    /// two spaces of indent per level; a reference with a single cause shows
    /// only that cause, and the top node shows only its header.
    var text: String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        var indent = indent
        let skipped: Bool
        if case .reference = kind, causes.count == 1 { skipped = true } else { skipped = false }
        if !skipped {
            if indent > 0 {
                out += "\n" + String(repeating: "  ", count: indent - 1) + "- "
            }
            indent += 1
            if case .schema = kind {
                out += message
            } else {
                out += "at \(JSONPointer.singleQuoted(JSONPointer.format(instanceLocation))): \(message)"
            }
        }
        for cause in causes { cause.write(to: &out, indent: indent) }
    }
}
