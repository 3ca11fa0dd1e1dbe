import YAML

/// BurntSushi/toml's encoder as Helm's `toToml` runs it: plain keys first
/// then tables, each group sorted; `[a.b]` headers indented two spaces per
/// level, a blank line before each top-level table; arrays inline; float64
/// always with a decimal point or exponent (`3.0`). Errors come back as text.
struct TOMLEncoder {
    struct EncodeError: Error {
        var message: String
    }

    private var out = ""
    private var hasWritten = false

    static func encode(_ v: GoValue) -> Result<String, EncodeError> {
        var e = TOMLEncoder()
        do {
            try e.encode(key: [], v)
            return .success(e.out)
        } catch let error as EncodeError {
            return .failure(error)
        } catch {
            return .failure(EncodeError(message: "\(error)"))
        }
    }

    private mutating func write(_ s: String) {
        out += s
        hasWritten = true
    }

    private mutating func newline() {
        if hasWritten { write("\n") }
    }

    private static func indent(_ key: [String]) -> String {
        String(repeating: "  ", count: max(0, key.count - 1))
    }

    private static func isBare(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { u in
            ("A"..."Z").contains(u) || ("a"..."z").contains(u) || ("0"..."9").contains(u) || u == "_" || u == "-"
        }
    }

    private static func keyPart(_ s: String) -> String {
        if s.isEmpty { return "\"\"" }
        return isBare(s) ? s : quoted(s)
    }

    private static func keyPath(_ key: [String]) -> String { key.map(keyPart).joined(separator: ".") }

    static func quoted(_ s: String) -> String {
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\u{8}": r += "\\b"
            case "\t": r += "\\t"
            case "\n": r += "\\n"
            case "\u{C}": r += "\\f"
            case "\r": r += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    r.unicodeScalars.append(u)
                }
            }
        }
        return r + "\""
    }

    /// What kind of TOML value a Go value is; nil for nil.
    private enum Kind { case table, arrayOfTables, other }

    private static func kind(_ v: GoValue) throws -> Kind? {
        switch v {
        case .missing, .invalid: return nil
        case .map: return .table
        case .object(let o):
            if case .map = o.shape { return .table }
            return .other
        default:
            guard let items = Fn.elements(v), !items.isEmpty else { return .other }
            var allTables = true
            for item in items {
                guard let k = try kind(item) else { throw EncodeError(message: "toml: cannot encode array with nil element") }
                if k != .table { allTables = false }
            }
            return allTables ? .arrayOfTables : .other
        }
    }

    private static func mapStorage(_ v: GoValue) -> [String: GoValue]? {
        switch v {
        case .map(let m): return m.storage
        case .object(let o):
            if case .map(let m) = o.shape { return m.storage }
            return nil
        default: return nil
        }
    }

    private mutating func encode(key: [String], _ v: GoValue) throws {
        guard let k = try Self.kind(v) else { return }
        switch k {
        case .table:
            if key.count == 1 { newline() }
            if !key.isEmpty {
                write("\(Self.indent(key))[\(Self.keyPath(key))]")
                newline()
            }
            try encodeMap(key: key, Self.mapStorage(v) ?? [:], inline: false)
        case .arrayOfTables:
            guard !key.isEmpty else { throw EncodeError(message: "toml: top-level values must be Go maps or structs") }
            for item in Fn.elements(v) ?? [] {
                newline()
                write("\(Self.indent(key))[[\(Self.keyPath(key))]]")
                newline()
                try encodeMap(key: key, Self.mapStorage(item) ?? [:], inline: false)
            }
        case .other:
            try writeKeyValue(key: key, v, inline: false)
        }
    }

    private mutating func writeKeyValue(key: [String], _ v: GoValue, inline: Bool) throws {
        if key.isEmpty {
            try element(v)
            return
        }
        write("\(Self.indent(key))\(Self.keyPart(key[key.count - 1])) = ")
        try element(v)
        if !inline { newline() }
    }

    private mutating func encodeMap(key: [String], _ storage: [String: GoValue], inline: Bool) throws {
        var direct: [String] = [], tables: [String] = []
        for (k, value) in storage {
            let kind = try Self.kind(value)
            if kind == .table || kind == .arrayOfTables { tables.append(k) } else { direct.append(k) }
        }
        direct.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        tables.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        if inline { write("{") }
        for (group, keys) in [(0, direct), (1, tables)] {
            for (i, k) in keys.enumerated() {
                let value = storage[k] ?? .missing
                if value.isNil { continue }
                if inline {
                    try writeKeyValue(key: [k], value, inline: true)
                    if (group == 0 && !tables.isEmpty) || i != keys.count - 1 { write(", ") }
                } else {
                    try encode(key: key + [k], value)
                }
            }
        }
        if inline { write("}") }
    }

    private mutating func element(_ v: GoValue) throws {
        switch v {
        case .string(let s): write(Self.quoted(s))
        case .bool(let b): write(b ? "true" : "false")
        case .int(let i): write(String(i))
        case .int64(let i): write(String(i))
        case .float64(let d):
            if d.isNaN {
                write(d.sign == .minus ? "-nan" : "nan")
            } else if d.isInfinite {
                write(d < 0 ? "-inf" : "inf")
            } else {
                let g = GoFloat.shortestG(d)
                write(g.contains(".") || g.contains("e") ? g : g + ".0")
            }
        case .map, .object:
            if let time = v.goTime, let layout = TOMLScalars.localKindLayout(time.zone) {
                // A local date-time, date or time from fromToml: its own layout, in UTC.
                write(GoTimeLayout.format(time.inZone(.utc), layout))
            } else if let time = v.goTime {
                // BurntSushi/toml writes a time.Time as an RFC 3339 datetime.
                write(GoTimeLayout.format(time, "2006-01-02T15:04:05.999999999Z07:00"))
            } else if let storage = Self.mapStorage(v) {
                try encodeMap(key: [], storage, inline: true)
            } else {
                throw EncodeError(message: "toml: unsupported type: \(v.goTypeName)")
            }
        case .missing, .invalid:
            throw EncodeError(message: "toml: cannot encode array with nil element")
        default:
            guard let items = Fn.elements(v) else { throw EncodeError(message: "unexpected type: \(v.goTypeName)") }
            write("[")
            for (i, item) in items.enumerated() {
                try element(item)
                if i != items.count - 1 { write(", ") }
            }
            write("]")
        }
    }
}
