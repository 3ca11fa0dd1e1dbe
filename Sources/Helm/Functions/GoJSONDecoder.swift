/// Go's `json.Unmarshal` into `interface{}` (`fromJson`, `fromJsonArray`,
/// `mustFromJson`): numbers become float64, the last of duplicate keys wins,
/// and errors read as Go's (`invalid character 'x' looking for beginning of
/// value`, `unexpected end of JSON input`), since Helm puts them in the result.
struct GoJSONDecoder {
    struct SyntaxError: Error {
        var message: String
    }

    private let s: [UInt8]
    private var i = 0

    private init(_ text: String) {
        s = Array(text.utf8)
    }

    /// Decodes a whole document; a syntax error anywhere wins over everything else.
    static func decode(_ text: String) throws -> GoValue {
        var d = GoJSONDecoder(text)
        d.skipSpace()
        let value = try d.value(context: "looking for beginning of value")
        d.skipSpace()
        if d.i < d.s.count { throw d.invalid(d.s[d.i], "after top-level value") }
        return value
    }

    /// The first JSON value of `text` and the UTF-8 bytes it used (Go's
    /// json.Decoder.Decode with InputOffset), for `--set-json key=VALUE,…`.
    static func decodePrefix(_ text: String) throws -> (GoValue, Int) {
        var d = GoJSONDecoder(text)
        d.skipSpace()
        let value = try d.value(context: "looking for beginning of value")
        return (value, d.i)
    }

    private mutating func skipSpace() {
        while i < s.count, s[i] == 32 || s[i] == 9 || s[i] == 10 || s[i] == 13 { i += 1 }
    }

    private func invalid(_ c: UInt8, _ context: String) -> SyntaxError {
        SyntaxError(message: "invalid character \(Self.quoteChar(c)) \(context)")
    }

    private var unexpectedEnd: SyntaxError { SyntaxError(message: "unexpected end of JSON input") }

    /// Go's quoteChar: `'\''`, `'"'`, else the strconv.Quote form in single quotes.
    static func quoteChar(_ c: UInt8) -> String {
        if c == UInt8(ascii: "'") { return #"'\''"# }
        if c == UInt8(ascii: "\"") { return #"'"'"# }
        if c >= 0x80 { return "'\\u00\(String(c, radix: 16))'" }
        let quoted = GoQuote.quote(String(UnicodeScalar(c)))
        return "'" + quoted.dropFirst().dropLast() + "'"
    }

    private mutating func value(context: String) throws -> GoValue {
        guard i < s.count else { throw unexpectedEnd }
        let c = s[i]
        switch c {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .missing
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw invalid(c, context)
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let w = word.withUTF8Buffer { Array($0) }
        for (k, expected) in w.enumerated() {
            // At the end of input Go's scanner sees a space.
            let c = i < s.count ? s[i] : 32
            if k > 0 && c != expected {
                throw invalid(c, "in literal \(word) (expecting \(Self.quoteChar(expected)))")
            }
            i += 1
        }
    }

    private mutating func object() throws -> GoValue {
        i += 1
        let m = GoMap()
        skipSpace()
        guard i < s.count else { throw unexpectedEnd }
        if s[i] == UInt8(ascii: "}") {
            i += 1
            return .map(m)
        }
        while true {
            skipSpace()
            guard i < s.count else { throw unexpectedEnd }
            guard s[i] == UInt8(ascii: "\"") else { throw invalid(s[i], "looking for beginning of object key string") }
            let key = try string()
            skipSpace()
            guard i < s.count else { throw unexpectedEnd }
            guard s[i] == UInt8(ascii: ":") else { throw invalid(s[i], "after object key") }
            i += 1
            skipSpace()
            m[key] = try value(context: "looking for beginning of value")
            skipSpace()
            guard i < s.count else { throw unexpectedEnd }
            if s[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if s[i] == UInt8(ascii: "}") {
                i += 1
                return .map(m)
            }
            throw invalid(s[i], "after object key:value pair")
        }
    }

    private mutating func array() throws -> GoValue {
        i += 1
        var items: [GoValue] = []
        skipSpace()
        guard i < s.count else { throw unexpectedEnd }
        if s[i] == UInt8(ascii: "]") {
            i += 1
            return .list(items)
        }
        while true {
            skipSpace()
            items.append(try value(context: "looking for beginning of value"))
            skipSpace()
            guard i < s.count else { throw unexpectedEnd }
            if s[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if s[i] == UInt8(ascii: "]") {
                i += 1
                return .list(items)
            }
            throw invalid(s[i], "after array element")
        }
    }

    private mutating func string() throws -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < s.count else { throw unexpectedEnd }
            let c = s[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw invalid(c, "in string literal") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < s.count else { throw invalid(32, "in string escape code") }
            let e = s[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), i + 1 < s.count, s[i] == UInt8(ascii: "\\"), s[i + 1] == UInt8(ascii: "u") {
                    let save = i
                    i += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        i = save
                    }
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(scalar).utf8))
            default:
                throw invalid(e, "in string escape code")
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = i < s.count ? s[i] : 32
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
            default: throw invalid(c, "in \\u hexadecimal character escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func number() throws -> GoValue {
        let start = i
        func digit(_ k: Int) -> Bool { k < s.count && s[k] >= 48 && s[k] <= 57 }
        // At the end of input Go's scanner sees a space.
        func current() -> UInt8 { i < s.count ? s[i] : 32 }
        if s[i] == UInt8(ascii: "-") {
            i += 1
            guard digit(i) else { throw invalid(current(), "in numeric literal") }
        }
        if s[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while digit(i) { i += 1 }
        }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            guard digit(i) else { throw invalid(current(), "after decimal point in numeric literal") }
            while digit(i) { i += 1 }
        }
        if i < s.count, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            guard digit(i) else { throw invalid(current(), "in exponent of numeric literal") }
            while digit(i) { i += 1 }
        }
        let text = String(decoding: s[start..<i], as: UTF8.self)
        guard let d = Double(text), d.isFinite else {
            throw SyntaxError(message: "json: cannot unmarshal number \(text) into Go value of type float64")
        }
        return .float64(d)
    }
}
