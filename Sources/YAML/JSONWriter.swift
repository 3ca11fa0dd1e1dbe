/// JSON text of a `Value`, laid out as Go's encoding/json writes it, so that
/// Helm's `toJson`/`toPrettyJson`/`toRawJson` come out byte-identical
/// (HELM-NOTES §4.7) and Kubernetes request bodies are plain, valid JSON.
public enum JSONWriter {
    public struct Options: Sendable, Equatable {
        /// Sort object keys bytewise, as Go does for maps. Off keeps document order.
        public var sortKeys: Bool
        /// Escape `<`, `>`, `&` as `\u003c`… (Go's default; harmless elsewhere).
        public var escapeHTML: Bool
        /// `json.MarshalIndent(v, "", "  ")` layout instead of compact.
        public var pretty: Bool

        public init(sortKeys: Bool = true, escapeHTML: Bool = true, pretty: Bool = false) {
            self.sortKeys = sortKeys
            self.escapeHTML = escapeHTML
            self.pretty = pretty
        }

        /// Go's `json.Marshal`: sorted keys, HTML escaping, compact.
        public static let go = Options()
        /// A Kubernetes request body: document order, compact.
        public static let requestBody = Options(sortKeys: false, escapeHTML: false)
    }

    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        /// NaN and ±Inf have no JSON form (Go: `json: unsupported value: NaN`).
        case unsupportedValue(String)
        /// A sequence or mapping used as a mapping key.
        case unsupportedKey(String)

        public var description: String {
            switch self {
            case .unsupportedValue(let v): return "json: unsupported value: \(v)"
            case .unsupportedKey(let k): return "json: unsupported mapping key of kind \(k)"
            }
        }
    }

    public static func string(_ value: Value, options: Options = .go) throws -> String {
        String(decoding: try bytes(value, options: options), as: UTF8.self)
    }

    public static func bytes(_ value: Value, options: Options = .go) throws -> [UInt8] {
        var w = Writer(options: options)
        try w.value(value, depth: 0)
        return w.out
    }

    /// The JSON text of one string (quotes included), escaped as Go escapes it.
    public static func quoted(_ s: String, escapeHTML: Bool = true) -> String {
        var w = Writer(options: Options(escapeHTML: escapeHTML))
        w.string(s)
        return String(decoding: w.out, as: UTF8.self)
    }

    /// The text a mapping key takes in JSON (strings as they are; scalars as sigs.k8s.io/yaml spells them).
    public static func keyText(_ key: Value) throws -> String {
        switch key.untagged {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .float(let d): return GoFloat.shortestG(d)
        case let other: throw Error.unsupportedKey(other.kindName)
        }
    }

    private struct Writer {
        let options: Options
        var out: [UInt8] = []

        init(options: Options) {
            self.options = options
            out.reserveCapacity(1024)
        }

        mutating func newline(_ depth: Int) {
            out.append(10)
            for _ in 0..<depth {
                out.append(32)
                out.append(32)
            }
        }

        mutating func value(_ v: Value, depth: Int) throws {
            switch v {
            case .null: out.append(contentsOf: "null".utf8)
            case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
            case .int(let i): out.append(contentsOf: String(i).utf8)
            case .float(let d):
                guard let text = GoFloat.json(d) else { throw Error.unsupportedValue(GoFloat.shortestG(d)) }
                out.append(contentsOf: text.utf8)
            case .string(let s): string(s)
            case .tagged(_, let inner): try value(inner, depth: depth)
            case .sequence(let items):
                out.append(UInt8(ascii: "["))
                if items.isEmpty {
                    out.append(UInt8(ascii: "]"))
                    return
                }
                for (i, item) in items.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    if options.pretty { newline(depth + 1) }
                    try value(item, depth: depth + 1)
                }
                if options.pretty { newline(depth) }
                out.append(UInt8(ascii: "]"))
            case .mapping(let m):
                out.append(UInt8(ascii: "{"))
                if m.isEmpty {
                    out.append(UInt8(ascii: "}"))
                    return
                }
                var members: [(key: String, value: Value)] = []
                members.reserveCapacity(m.count)
                for e in m.entries { members.append((try keyText(e.key), e.value)) }
                if options.sortKeys {
                    members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                }
                for (i, member) in members.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    if options.pretty { newline(depth + 1) }
                    string(member.key)
                    out.append(UInt8(ascii: ":"))
                    if options.pretty { out.append(32) }
                    try value(member.value, depth: depth + 1)
                }
                if options.pretty { newline(depth) }
                out.append(UInt8(ascii: "}"))
            }
        }

        mutating func string(_ s: String) {
            let hex = Array("0123456789abcdef".utf8)
            out.append(UInt8(ascii: "\""))
            var copy = s
            copy.withUTF8 { bytes in
                var i = 0
                let n = bytes.count
                while i < n {
                    let c = bytes[i]
                    switch c {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                        out.append(UInt8(ascii: "\\"))
                        out.append(c)
                    case 10: out.append(contentsOf: [92, UInt8(ascii: "n")])
                    case 13: out.append(contentsOf: [92, UInt8(ascii: "r")])
                    case 9: out.append(contentsOf: [92, UInt8(ascii: "t")])
                    case 8: out.append(contentsOf: [92, UInt8(ascii: "b")])
                    case 12: out.append(contentsOf: [92, UInt8(ascii: "f")])
                    case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                        if options.escapeHTML {
                            out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(c >> 4)], hex[Int(c & 15)]])
                        } else {
                            out.append(c)
                        }
                    case 0..<0x20:
                        out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(c >> 4)], hex[Int(c & 15)]])
                    case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                        // U+2028 and U+2029: Go always escapes them (JavaScript line terminators).
                        out.append(contentsOf: [92, UInt8(ascii: "u"), 50, 48, 50, bytes[i + 2] == 0xA8 ? 56 : 57])
                        i += 2
                    default:
                        out.append(c)
                    }
                    i += 1
                }
            }
            out.append(UInt8(ascii: "\""))
        }
    }
}

extension Value {
    /// This value as JSON text (see `JSONWriter`).
    public func jsonText(options: JSONWriter.Options = .go) throws -> String {
        try JSONWriter.string(self, options: options)
    }
}
