import YAML

/// How sigs.k8s.io/yaml reads a YAML scalar into a Go `string` field: numbers
/// and booleans become their text (a float with 32-bit shortest digits, so
/// `1.10` reads as `"1.1"`), null leaves the field empty.
enum YAMLScalarText {
    /// The field's text, or nil for a list or map (a decoding error in Go).
    static func string(_ value: Value) -> String? {
        switch value.untagged {
        case .null: return ""
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return GoFloatFormat.format(d, "g", bitSize: 32)
        default: return nil
        }
    }

    /// encoding/json's name for the JSON kind of a value, as its unmarshal errors
    /// say it ("cannot unmarshal array into …").
    static func jsonKind(_ value: Value) -> String {
        switch value.untagged {
        case .bool: return "bool"
        case .int, .float: return "number"
        case .string: return "string"
        case .sequence: return "array"
        case .mapping: return "object"
        default: return "null"
        }
    }

    /// A YAML syntax error in go-yaml's shape (`yaml: line 3: …`); the
    /// wording after the line is our parser's.
    static func goYAMLMessage(_ error: YAMLError) -> String {
        "yaml: line \(error.line): \(error.message)"
    }
}
