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
        // Helm's toToml returns the encoder's error text as its result.
        Fn.make("toToml", [.any]) { a in
            switch TOMLEncoder.encode(a[0]) {
            case .success(let text): return .string(text)
            case .failure(let error): return .string(error.message)
            }
        },
        Fn.make("mustToToml", [.any]) { a in
            switch TOMLEncoder.encode(a[0]) {
            case .success(let text): return .string(text)
            case .failure(let error): throw Fn.fail(error.message)
            }
        },
        // Helm's fromYaml: a map, or {"Error": message} when the text is not one.
        TemplateFunction("fromYaml", [.string]) { runtime, a in
            switch YAMLText.fromYAML(try Fn.string(a[0]), memo: runtime) {
            case .success(.map(let m)): return .map(m)
            case .success(.missing): return .map(GoMap())
            case .success(let other):
                return errorMap(
                    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(jsonKind(other)) into Go value of type map[string]interface {}")
            case .failure(let error): return errorMap(error.message)
            }
        },
        TemplateFunction("fromYamlArray", [.string]) { runtime, a in
            switch YAMLText.fromYAML(try Fn.string(a[0]), memo: runtime) {
            case .success(.list(let items)): return .list(items)
            case .success(.missing): return .list([])
            case .success(let other):
                return .list([
                    .string("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(jsonKind(other)) into Go value of type []interface {}")
                ])
            case .failure(let error): return .list([.string(error.message)])
            }
        },
        Fn.make("mustToYaml", [.any]) { a in .string(try rethrow { try yaml(a[0]) }) },
        // go-yaml v3 on the value itself (no JSON step): floats stay floats (`1e+06`),
        // sequences are indented under their key, nothing folds.
        Fn.make("toYamlPretty", [.any]) { a in
            // Times are plain scalars here (GoTimeYAMLPlaceholders).
            let times = GoTimeYAMLPlaceholders.replacingTimes(in: a[0])
            guard let value = try? GoValueConversion.jsonValue(times?.0 ?? a[0], allowNonFinite: true) else { return .string("") }
            var bytes = YAMLEmitter.emitBytes([value], options: .goYAMLv3)
            if bytes.last == 10 { bytes.removeLast() }
            var text = String(decoding: bytes, as: UTF8.self)
            for (placeholder, time) in times?.1 ?? [] { text = text.replacingAll(placeholder, with: time) }
            return .string(text)
        },
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
    public struct Unreadable: Error {
        public var message: String
    }

    /// What sigs.k8s.io/yaml gives back for `text` (its first document): YAML 1.1
    /// scalars, numbers as float64, keys as strings, nulls as nil.
    /// `fromYAML` remembered for the render: the same text is parsed once, and
    /// each call gets its own copy (templates change the maps they get).
    static func fromYAML(_ text: String, memo runtime: any TemplateRuntime) -> Result<GoValue, Unreadable> {
        runtime.memoized(text) { fromYAML(text) }.map { $0.deepCopy() }
    }

    public static func fromYAML(_ text: String) -> Result<GoValue, Unreadable> {
        let documents: [Value]
        do {
            documents = try YAML.parseAll(text, options: .helm)
        } catch {
            return .failure(Unreadable(message: "error converting YAML to JSON: yaml: line \(error.line): \(error.message)"))
        }
        guard let first = documents.first else { return .success(.missing) }
        do {
            return .success(try GoValueConversion.goValue(fromDecoded: first))
        } catch let error as GoValueConversion.Unsupported {
            return .failure(Unreadable(message: "error converting YAML to JSON: " + error.message))
        } catch {
            return .failure(Unreadable(message: "error converting YAML to JSON: \(error)"))
        }
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
        let readable: Value
        switch readBackNeed(value) {
        case .none: readable = value
        case .rewrite:
            guard let rewritten = readBack(value) else { throw Unreadable(message: "yaml: control characters are not allowed") }
            readable = rewritten
        case .fail: throw Unreadable(message: "yaml: control characters are not allowed")
        }
        var bytes = YAMLEmitter.emitBytes([readable], options: .init(sortKeys: .natural, numbers: .throughJSON))
        if bytes.last == 10 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// How go-yaml reads back the JSON text of a string: DEL, C1 controls other
    /// than NEL, U+FFFE and U+FFFF are refused; a raw NEL (JSON does not escape
    /// it) is a line break inside a double-quoted scalar and folds like one, and
    /// a `---`/`...` line after it ends the document. Nil when reading fails.
    static func readBack(_ s: String) -> String? {
        switch need(s) {
        case .none: return s
        case .fail: return nil
        case .rewrite: break
        }
        var scalars = Array(s.unicodeScalars)
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

    enum ReadBackNeed {
        case none, rewrite, fail
    }

    /// Whether go-yaml reads `s` back unchanged, changed (a NEL), or not at all;
    /// looks at UTF-8 bytes only, since almost every string is plain.
    static func need(_ s: String) -> ReadBackNeed {
        var result = ReadBackNeed.none
        var copy = s
        copy.withUTF8 { b in
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x7F {
                    i += 1
                    continue
                }
                if c == 0x7F {
                    result = .fail
                    return
                }
                if c == 0xC2, i + 1 < n {
                    let d = b[i + 1]
                    if d == 0x85 {
                        result = .rewrite
                    } else if d >= 0x80 && d <= 0x9F {
                        result = .fail
                        return
                    }
                } else if c == 0xEF, i + 2 < n, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF {
                    result = .fail
                    return
                }
                i += 1
            }
        }
        return result
    }

    /// The strongest need of any string (keys included) in `v`.
    static func readBackNeed(_ v: Value) -> ReadBackNeed {
        switch v {
        case .string(let s): return need(s)
        case .sequence(let items):
            var result = ReadBackNeed.none
            for item in items {
                switch readBackNeed(item) {
                case .fail: return .fail
                case .rewrite: result = .rewrite
                case .none: break
                }
            }
            return result
        case .mapping(let m):
            var result = ReadBackNeed.none
            for e in m.entries {
                if case .string(let k) = e.key {
                    // A NEL makes a key span two lines, which a simple key cannot.
                    if need(k) != .none || (k.utf8.count > 170 && !keyReadsBack(k)) { return .fail }
                }
                for part in [readBackNeed(e.value)] {
                    switch part {
                    case .fail: return .fail
                    case .rewrite: result = .rewrite
                    case .none: break
                    }
                }
            }
            return result
        default: return .none
        }
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
