import YAML

/// JSON and YAML in and out (HELM-NOTES §3.6, §4): Helm's `toYaml` is
/// json.Marshal, then go-yaml v2 through sigs.k8s.io/yaml with one trailing
/// newline trimmed; `toJson` is json.Marshal. The non-`must` forms return ""
/// (or an `Error` entry) where the `must` forms fail the render.
enum SerializationFunctions {
    static let all: [TemplateFunction] = [
        Fn.make("toJson", [.any]) { .string((try? json($0[0], .go)) ?? "") },
        Fn.make("mustToJson", [.any]) { a in .string(try rethrow { try json(a[0], .go) }) },
        Fn.make("toPrettyJson", [.any]) { .string((try? json($0[0], .init(pretty: true))) ?? "") },
        Fn.make("mustToPrettyJson", [.any]) { a in .string(try rethrow { try json(a[0], .init(pretty: true)) }) },
        // Sprig's toRawJson panics on an error, so both forms fail the render.
        Fn.make("toRawJson", [.any]) { a in .string(try rethrow { try json(a[0], .init(escapeHTML: false)) }) },
        Fn.make("mustToRawJson", [.any]) { a in .string(try rethrow { try json(a[0], .init(escapeHTML: false)) }) },
        Fn.make("fromJson", [.string]) { a in
            do {
                let v = try GoJSONDecoder.decode(try Fn.string(a[0]))
                switch v {
                case .map: return v
                case .missing: return .map(GoMap())
                default: return errorMap("json: cannot unmarshal \(jsonKind(v)) into Go value of type map[string]interface {}")
                }
            } catch let error as GoJSONDecoder.SyntaxError {
                return errorMap(error.message)
            }
        },
        Fn.make("mustFromJson", [.string]) { a in
            do {
                return try GoJSONDecoder.decode(try Fn.string(a[0]))
            } catch let error as GoJSONDecoder.SyntaxError {
                throw Fn.fail(error.message)
            }
        },
        Fn.make("fromJsonArray", [.string]) { a in
            do {
                let v = try GoJSONDecoder.decode(try Fn.string(a[0]))
                switch v {
                case .list: return v
                case .missing: return .list([])
                default:
                    return .list([.string("json: cannot unmarshal \(jsonKind(v)) into Go value of type []interface {}")])
                }
            } catch let error as GoJSONDecoder.SyntaxError {
                return .list([.string(error.message)])
            }
        },
        Fn.make("toYaml", [.any]) { .string((try? yaml($0[0])) ?? "") },
        Fn.make("mustToYaml", [.any]) { a in .string(try rethrow { try yaml(a[0]) }) },
    ]

    private static func errorMap(_ message: String) -> GoValue {
        .map(GoMap(["Error": .string(message)]))
    }

    /// How encoding/json names a JSON value it cannot store.
    private static func jsonKind(_ v: GoValue) -> String {
        switch v {
        case .list: return "array"
        case .map: return "object"
        case .string: return "string"
        case .float64: return "number"
        case .bool: return "bool"
        default: return "null"
        }
    }

    /// Turns the conversion's and the writer's errors into a function error.
    private static func rethrow(_ body: () throws -> String) throws -> String {
        do {
            return try body()
        } catch let error as GoValueConversion.Unsupported {
            throw Fn.fail(error.message)
        } catch let error as JSONWriter.Error {
            throw Fn.fail(error.description)
        } catch let error as YAMLText.Unreadable {
            throw Fn.fail(error.message)
        }
    }

    static func json(_ v: GoValue, _ options: JSONWriter.Options) throws -> String {
        try JSONWriter.string(try GoValueConversion.jsonValue(v), options: options)
    }

    static func yaml(_ v: GoValue) throws -> String {
        try YAMLText.toYAML(v)
    }
}

/// Helm's `toYaml` text of a template value (also `.Files.AsConfig`/`AsSecrets`).
public enum YAMLText {
    struct Unreadable: Error {
        var message: String
    }

    /// `toYaml`: go-yaml v2's block YAML of the value's JSON form, natural key
    /// order, one trailing newline trimmed. Throws where Helm's would fail (NaN,
    /// or characters the YAML reader rejects such as DEL).
    public static func toYAML(_ v: GoValue) throws -> String {
        let value: Value
        do {
            value = try GoValueConversion.jsonValue(v)
        } catch let error as GoValueConversion.Unsupported {
            throw Unreadable(message: "error marshaling into JSON: " + error.message)
        }
        guard let readable = readBack(value) else { throw Unreadable(message: "yaml: control characters are not allowed") }
        var bytes = YAMLEmitter.emitBytes([readable], options: .init(sortKeys: .natural, numbers: .throughJSON))
        if bytes.last == 10 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// How go-yaml reads back the JSON text of a string: DEL, C1 controls other
    /// than NEL, U+FFFE and U+FFFF are refused; a raw NEL (JSON does not escape
    /// it) is a line break inside a double-quoted scalar and folds like one, and
    /// a `---`/`...` line after it ends the document. Nil when reading fails.
    static func readBack(_ s: String) -> String? {
        var scalars = Array(s.unicodeScalars)
        var hasNEL = false
        for u in scalars {
            switch u.value {
            case 0x7F, 0x80...0x84, 0x86...0x9F, 0xFFFE, 0xFFFF: return nil
            case 0x85: hasNEL = true
            default: continue
            }
        }
        guard hasNEL else { return s }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard scalars[i] == " " || scalars[i].value == 0x85 else {
                out.append(scalars[i])
                i += 1
                continue
            }
            // A run of spaces and NELs: spaces before the first break go, the first
            // break folds to a space unless more breaks follow, spaces after a break go.
            var j = i
            var breaks = 0
            var endsWithBreak = false
            while j < scalars.count, scalars[j] == " " || scalars[j].value == 0x85 {
                if scalars[j].value == 0x85 { breaks += 1 }
                endsWithBreak = scalars[j].value == 0x85
                j += 1
            }
            if breaks == 0 {
                out.append(contentsOf: scalars[i..<j])
            } else {
                if breaks == 1 { out.append(" ") } else { out.append(contentsOf: repeatElement("\n", count: breaks - 1)) }
                if endsWithBreak, j + 3 < scalars.count,
                    scalars[j...(j + 2)].allSatisfy({ $0 == "-" }) || scalars[j...(j + 2)].allSatisfy({ $0 == "." }),
                    scalars[j + 3] == " " || scalars[j + 3].value == 0x85
                {
                    return nil
                }
            }
            i = j
        }
        scalars.removeAll()
        return String(out)
    }

    /// A key go-yaml can read back as a simple key of a flow mapping: one line,
    /// and at most 1024 characters from its opening quote to the `:`.
    static func keyReadsBack(_ key: String) -> Bool {
        var length = 2
        for u in key.unicodeScalars {
            switch u.value {
            case 0x85: return false
            case 0x22, 0x5C, 0x08, 0x09, 0x0A, 0x0C, 0x0D: length += 2
            case 0..<0x20, 0x3C, 0x3E, 0x26, 0x2028, 0x2029: length += 6
            default: length += 1
            }
        }
        return length <= 1024
    }

    /// The value as go-yaml reads back its JSON text, or nil when it cannot.
    static func readBack(_ v: Value) -> Value? {
        switch v {
        case .string(let s): return readBack(s).map(Value.string)
        case .sequence(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items {
                guard let r = readBack(item) else { return nil }
                out.append(r)
            }
            return .sequence(out)
        case .mapping(let m):
            var out = Mapping()
            for e in m.entries {
                guard case .string(let k) = e.key, keyReadsBack(k), let key = readBack(k), let value = readBack(e.value)
                else { return nil }
                out[.string(key)] = value
            }
            return .mapping(out)
        default: return v
        }
    }
}
