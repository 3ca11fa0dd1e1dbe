/// A JSON value of a values.schema.json as Helm's validator reads it (Go's
/// json.Decoder with UseNumber): numbers keep the text they were written
/// with, because `enum` and `const` errors print them that way (`1.50`).
indirect enum SchemaJSON: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([SchemaJSON])
    case object([String: SchemaJSON])

    /// Parses a schema file. Errors are Go's: `EOF` for an empty file,
    /// `unexpected EOF` for one that ends too soon, the scanner's
    /// `invalid character …`, and `invalid character after top-level value`.
    static func parse(_ text: String) throws -> SchemaJSON {
        if text.utf8.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            throw GoJSONDecoder.SyntaxError(message: "EOF")
        }
        let (value, used): (SchemaJSON, Int)
        do { (value, used) = try JSONScanner.decodePrefix(text, into: Builder()) } catch let error as GoJSONDecoder.SyntaxError {
            if error.atEnd { throw GoJSONDecoder.SyntaxError(message: "unexpected EOF") }
            throw error
        }
        let rest = Array(text.utf8)[used...]
        if !rest.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            throw GoJSONDecoder.SyntaxError(message: "invalid character after top-level value")
        }
        return value
    }

    private struct Builder: JSONTreeBuilder {
        func null() -> SchemaJSON { .null }
        func bool(_ value: Bool) -> SchemaJSON { .bool(value) }
        func number(_ literal: String) -> SchemaJSON { .number(literal) }
        func string(_ value: String) -> SchemaJSON { .string(value) }
        func array(_ items: [SchemaJSON]) -> SchemaJSON { .array(items) }
        func object(_ members: [(String, SchemaJSON)]) -> SchemaJSON {
            .object(Dictionary(members, uniquingKeysWith: { _, last in last }))
        }
    }

    /// The JSON type, as the validator names it (`number` for every number).
    var jsonType: JSONType {
        switch self {
        case .null: return .null
        case .bool: return .boolean
        case .number: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    var objectValue: [String: SchemaJSON]? {
        if case .object(let o) = self { return o }
        return nil
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value at a JSON pointer's tokens (already unescaped), if any.
    func at(_ tokens: [String]) -> SchemaJSON? {
        var node = self
        for token in tokens {
            switch node {
            case .object(let o):
                guard let next = o[token] else { return nil }
                node = next
            case .array(let items):
                guard let index = JSONPointer.arrayIndex(token), index < items.count else { return nil }
                node = items[index]
            default:
                return nil
            }
        }
        return node
    }

    /// Go's `%v` of the value as the library's `display` prints primitives
    /// (`<nil>`, `true`, a number as written); strings are quoted with `'`.
    var display: String {
        switch self {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .number(let literal): return literal
        case .string(let s): return JSONPointer.singleQuoted(s)
        case .array, .object: return "value"
        }
    }
}

/// The seven JSON types, in the order the validator lists them in errors.
enum JSONType: Int, CaseIterable, Comparable {
    case null, boolean, number, integer, string, array, object

    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "number": self = .number
        case "integer": self = .integer
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    var name: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .number: return "number"
        case .integer: return "integer"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    static func < (a: JSONType, b: JSONType) -> Bool { a.rawValue < b.rawValue }
}

/// JSON pointers (RFC 6901) and the library's single-quoted strings.
enum JSONPointer {
    /// `/a/b~1c`: each token with `~` → `~0` and `/` → `~1`.
    static func format(_ tokens: [String]) -> String {
        var out = ""
        for token in tokens {
            out += "/"
            out += token.replacingAll("~", with: "~0").replacingAll("/", with: "~1")
        }
        return out
    }

    /// The tokens of a pointer (`/a/b`), unescaped; nil when it does not start with `/`.
    static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).replacingAll("~1", with: "/").replacingAll("~0", with: "~")
        }
    }

    /// An array index token: digits only, no leading zero.
    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if token.utf8.count > 1 && token.hasPrefix("0") { return nil }
        return Int(token)
    }

    /// The library's `quote`: Go's %q with `"` left alone, `'` escaped, in single quotes.
    static func singleQuoted(_ s: String) -> String {
        let quoted = GoQuote.quote(s)
        let inner = quoted.dropFirst().dropLast()
        return "'" + String(inner).replacingAll("\\\"", with: "\"").replacingAll("'", with: "\\'") + "'"
    }
}
