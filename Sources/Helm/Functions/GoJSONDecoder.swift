/// What a JSON document is built into: Go values for `fromJson` and
/// `--set-json`, literal-keeping nodes for values.schema.json.
protocol JSONTreeBuilder {
    associatedtype Node
    func null() -> Node
    func bool(_ value: Bool) -> Node
    /// A number as written (`-1.50e3`); it has passed JSON's number grammar.
    func number(_ literal: String) throws -> Node
    func string(_ value: String) -> Node
    func array(_ items: [Node]) -> Node
    /// Members in document order; duplicate keys are possible (the last one wins in Go).
    func object(_ members: [(String, Node)]) -> Node
}

/// Go's `json.Unmarshal` into `interface{}` (`fromJson`, `fromJsonArray`,
/// `mustFromJson`): numbers become float64, the last of duplicate keys wins,
/// and errors read as Go's (`invalid character 'x' looking for beginning of
/// value`, `unexpected end of JSON input`), since Helm puts them in the result.
struct GoJSONDecoder: JSONTreeBuilder {
    struct SyntaxError: Error {
        var message: String
        /// The input ended before the value did (Go's json.Decoder then says `unexpected EOF`).
        var atEnd = false
    }

    /// Decodes a whole document; a syntax error anywhere wins over everything else.
    static func decode(_ text: String) throws -> GoValue {
        try JSONScanner.decode(text, into: GoJSONDecoder())
    }

    /// The first JSON value of `text` and the UTF-8 bytes it used (Go's
    /// json.Decoder.Decode with InputOffset), for `--set-json key=VALUE,…`.
    static func decodePrefix(_ text: String) throws -> (GoValue, Int) {
        try JSONScanner.decodePrefix(text, into: GoJSONDecoder())
    }

    func null() -> GoValue { .missing }
    func bool(_ value: Bool) -> GoValue { .bool(value) }
    func string(_ value: String) -> GoValue { .string(value) }
    func array(_ items: [GoValue]) -> GoValue { .list(items) }

    func number(_ literal: String) throws -> GoValue {
        guard let d = Double(literal), d.isFinite else {
            throw SyntaxError(message: "json: cannot unmarshal number \(literal) into Go value of type float64")
        }
        return .float64(d)
    }

    func object(_ members: [(String, GoValue)]) -> GoValue {
        let m = GoMap()
        for (key, value) in members { m[key] = value }
        return .map(m)
    }

    /// Go's quoteChar: `'\''`, `'"'`, else the strconv.Quote form in single quotes.
    static func quoteChar(_ c: UInt8) -> String {
        if c == UInt8(ascii: "'") { return #"'\''"# }
        if c == UInt8(ascii: "\"") { return #"'"'"# }
        if c >= 0x80 { return "'\\u00\(String(c, radix: 16))'" }
        let quoted = GoQuote.quote(String(UnicodeScalar(c)))
        return "'" + quoted.dropFirst().dropLast() + "'"
    }
}

/// Go's JSON scanner over UTF-8 text, building with any `JSONTreeBuilder`;
/// syntax errors are Go's `SyntaxError` messages.
struct JSONScanner<Builder: JSONTreeBuilder> {
    typealias SyntaxError = GoJSONDecoder.SyntaxError
    typealias Node = Builder.Node

    private let s: [UInt8]
    private let builder: Builder
    private var i = 0

    private init(_ text: String, _ builder: Builder) {
        s = Array(text.utf8)
        self.builder = builder
    }

    /// A whole document: one value and nothing but space after it.
    static func decode(_ text: String, into builder: Builder) throws -> Node {
        var d = JSONScanner(text, builder)
        d.skipSpace()
        let value = try d.value(context: "looking for beginning of value")
        d.skipSpace()
        if d.i < d.s.count { throw d.invalid(d.s[d.i], "after top-level value") }
        return value
    }

    /// The first value of `text` and the UTF-8 bytes it used.
    static func decodePrefix(_ text: String, into builder: Builder) throws -> (Node, Int) {
        var d = JSONScanner(text, builder)
        d.skipSpace()
        let value = try d.value(context: "looking for beginning of value")
        return (value, d.i)
    }

    private mutating func skipSpace() {
        while i < s.count, s[i] == 32 || s[i] == 9 || s[i] == 10 || s[i] == 13 { i += 1 }
    }

    private func invalid(_ c: UInt8, _ context: String) -> SyntaxError {
        SyntaxError(message: "invalid character \(GoJSONDecoder.quoteChar(c)) \(context)", atEnd: i >= s.count)
    }

    private var unexpectedEnd: SyntaxError { SyntaxError(message: "unexpected end of JSON input", atEnd: true) }

    private mutating func value(context: String) throws -> Node {
        guard i < s.count else { throw unexpectedEnd }
        let c = s[i]
        switch c {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return builder.string(try string())
        case UInt8(ascii: "t"): try literal("true"); return builder.bool(true)
        case UInt8(ascii: "f"): try literal("false"); return builder.bool(false)
        case UInt8(ascii: "n"): try literal("null"); return builder.null()
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
                throw invalid(c, "in literal \(word) (expecting \(GoJSONDecoder.quoteChar(expected)))")
            }
            i += 1
        }
    }

    private mutating func object() throws -> Node {
        i += 1
        var members: [(String, Node)] = []
        skipSpace()
        guard i < s.count else { throw unexpectedEnd }
        if s[i] == UInt8(ascii: "}") {
            i += 1
            return builder.object(members)
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
            members.append((key, try value(context: "looking for beginning of value")))
            skipSpace()
            guard i < s.count else { throw unexpectedEnd }
            if s[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if s[i] == UInt8(ascii: "}") {
                i += 1
                return builder.object(members)
            }
            throw invalid(s[i], "after object key:value pair")
        }
    }

    private mutating func array() throws -> Node {
        i += 1
        var items: [Node] = []
        skipSpace()
        guard i < s.count else { throw unexpectedEnd }
        if s[i] == UInt8(ascii: "]") {
            i += 1
            return builder.array(items)
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
                return builder.array(items)
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

    private mutating func number() throws -> Node {
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
        return try builder.number(String(decoding: s[start..<i], as: UTF8.self))
    }
}
