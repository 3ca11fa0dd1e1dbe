/// Go's `strconv` quoting and unquoting: `Quote` (what `%q` and Sprig's
/// `quote` write), `QuoteToASCII`, `QuoteRune`, `Unquote`/`UnquoteChar`
/// (how template string and char constants are read).
public enum GoQuote {
    /// `strconv.Quote`: a double-quoted Go string literal; printable runes kept.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, quote: UInt8(ascii: "\""), asciiOnly: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `strconv.QuoteToASCII`: like `quote`, but every non-ASCII rune escaped.
    public static func quoteToASCII(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, quote: UInt8(ascii: "\""), asciiOnly: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` quoted with `quote` (`"` or `'`).
    public static func appendQuoted(_ s: String, quote: UInt8, asciiOnly: Bool, to out: inout [UInt8]) {
        out.append(quote)
        for scalar in s.unicodeScalars {
            appendEscaped(scalar.value, quote: quote, asciiOnly: asciiOnly, to: &out)
        }
        out.append(quote)
    }

    /// `strconv.QuoteRune` / `QuoteRuneToASCII` of a code point (invalid ones become U+FFFD).
    public static func appendQuotedRune(_ codePoint: UInt64, asciiOnly: Bool, to out: inout [UInt8]) {
        var r = codePoint
        if r > 0x10FFFF || (0xD800...0xDFFF).contains(r) { r = 0xFFFD }
        out.append(UInt8(ascii: "'"))
        appendEscaped(UInt32(r), quote: UInt8(ascii: "'"), asciiOnly: asciiOnly, to: &out)
        out.append(UInt8(ascii: "'"))
    }

    static let lowerHex = Array("0123456789abcdef".utf8)

    static func appendEscaped(_ r: UInt32, quote: UInt8, asciiOnly: Bool, to out: inout [UInt8]) {
        if r == UInt32(quote) || r == 0x5C {
            out.append(UInt8(ascii: "\\"))
            out.append(UInt8(r))
            return
        }
        if asciiOnly {
            if r < 0x80 && isPrint(r) {
                out.append(UInt8(r))
                return
            }
        } else if isPrint(r) {
            appendUTF8(r, to: &out)
            return
        }
        switch r {
        case 0x07: out.append(contentsOf: "\\a".utf8)
        case 0x08: out.append(contentsOf: "\\b".utf8)
        case 0x0C: out.append(contentsOf: "\\f".utf8)
        case 0x0A: out.append(contentsOf: "\\n".utf8)
        case 0x0D: out.append(contentsOf: "\\r".utf8)
        case 0x09: out.append(contentsOf: "\\t".utf8)
        case 0x0B: out.append(contentsOf: "\\v".utf8)
        default:
            if r < 0x20 || r == 0x7F {
                out.append(contentsOf: "\\x".utf8)
                out.append(lowerHex[Int(r >> 4)])
                out.append(lowerHex[Int(r & 0xF)])
            } else if r < 0x10000 {
                out.append(contentsOf: "\\u".utf8)
                for shift in stride(from: 12, through: 0, by: -4) { out.append(lowerHex[Int((r >> UInt32(shift)) & 0xF)]) }
            } else {
                out.append(contentsOf: "\\U".utf8)
                for shift in stride(from: 28, through: 0, by: -4) { out.append(lowerHex[Int((r >> UInt32(shift)) & 0xF)]) }
            }
        }
    }

    static func appendUTF8(_ r: UInt32, to out: inout [UInt8]) {
        if r < 0x80 {
            out.append(UInt8(r))
        } else if let scalar = Unicode.Scalar(r) {
            out.append(contentsOf: String(Character(scalar)).utf8)
        }
    }

    /// `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    public static func isPrint(_ r: UInt32) -> Bool {
        if r < 0x80 { return r >= 0x20 && r < 0x7F }
        guard let scalar = Unicode.Scalar(r) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// `strconv.CanBackquote`: no control characters other than tab, no backquote, valid text.
    public static func canBackquote(_ s: String) -> Bool {
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x60 || v == 0xFEFF || v == 0x7F { return false }
            if v < 0x20 && v != 0x09 { return false }
        }
        return true
    }

    /// Why a quoted literal could not be read (Go's `strconv.ErrSyntax`).
    public struct SyntaxError: Error, Equatable {
        public init() {}
    }

    /// `strconv.Unquote` of a `"…"`, `` `…` `` or `'…'` literal.
    public static func unquote(_ literal: String) throws -> String {
        let bytes = Array(literal.utf8)
        guard bytes.count >= 2, let first = bytes.first, first == bytes.last else { throw SyntaxError() }
        let body = Array(bytes[1..<(bytes.count - 1)])
        switch first {
        case UInt8(ascii: "`"):
            if body.contains(UInt8(ascii: "`")) { throw SyntaxError() }
            return String(decoding: body.filter { $0 != 0x0D }, as: UTF8.self)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            if body.contains(0x0A) { throw SyntaxError() }
            var out: [UInt8] = []
            var index = 0
            var runes = 0
            while index < body.count {
                if body[index] == first && first == UInt8(ascii: "\"") { throw SyntaxError() }
                let (value, isByte, next) = try unquoteChar(body, index, quote: first)
                index = next
                runes += 1
                if isByte {
                    out.append(UInt8(truncatingIfNeeded: value))
                } else {
                    appendUTF8(value, to: &out)
                }
            }
            if first == UInt8(ascii: "'") && runes != 1 { throw SyntaxError() }
            return String(decoding: out, as: UTF8.self)
        default:
            throw SyntaxError()
        }
    }

    /// The code point of a char constant such as `'a'`, `'\n'`, `'\x41'`, `'\u00e9'`,
    /// and whether exactly the closing quote follows it (Go: "malformed character constant").
    public static func charConstant(_ literal: String) throws -> (value: UInt32, wellFormed: Bool) {
        let bytes = Array(literal.utf8)
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "'") else { throw SyntaxError() }
        let body = Array(bytes[1...])
        let (value, _, next) = try unquoteChar(body, 0, quote: UInt8(ascii: "'"))
        return (value, next == body.count - 1 && body[next] == UInt8(ascii: "'"))
    }

    /// One (possibly escaped) character at `index`: its value, whether it is a
    /// raw byte (`\x`, octal) rather than a code point, and the next index.
    static func unquoteChar(_ s: [UInt8], _ index: Int, quote: UInt8) throws -> (UInt32, Bool, Int) {
        let c = s[index]
        if c == quote && (quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"")) { throw SyntaxError() }
        if c >= 0x80 {
            // Decode one UTF-8 sequence.
            let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            let end = Swift.min(index + length, s.count)
            let scalar = String(decoding: s[index..<end], as: UTF8.self).unicodeScalars.first
            return (scalar?.value ?? 0xFFFD, false, end)
        }
        if c != UInt8(ascii: "\\") { return (UInt32(c), false, index + 1) }
        guard index + 1 < s.count else { throw SyntaxError() }
        let e = s[index + 1]
        var next = index + 2
        switch e {
        case UInt8(ascii: "a"): return (7, false, next)
        case UInt8(ascii: "b"): return (8, false, next)
        case UInt8(ascii: "f"): return (12, false, next)
        case UInt8(ascii: "n"): return (10, false, next)
        case UInt8(ascii: "r"): return (13, false, next)
        case UInt8(ascii: "t"): return (9, false, next)
        case UInt8(ascii: "v"): return (11, false, next)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
            guard next + count <= s.count else { throw SyntaxError() }
            var value: UInt32 = 0
            for k in 0..<count {
                guard let digit = hexValue(s[next + k]) else { throw SyntaxError() }
                value = value << 4 | digit
            }
            next += count
            if e == UInt8(ascii: "x") { return (value, quote != UInt8(ascii: "'"), next) }
            if value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { throw SyntaxError() }
            return (value, false, next)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            guard index + 4 <= s.count else { throw SyntaxError() }
            var value: UInt32 = 0
            for k in 1...3 {
                let d = s[index + k]
                guard d >= UInt8(ascii: "0") && d <= UInt8(ascii: "7") else { throw SyntaxError() }
                value = value * 8 + UInt32(d - UInt8(ascii: "0"))
            }
            guard value <= 255 else { throw SyntaxError() }
            return (value, quote != UInt8(ascii: "'"), index + 4)
        case UInt8(ascii: "\\"): return (0x5C, false, next)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            guard e == quote else { throw SyntaxError() }
            return (UInt32(e), false, next)
        default:
            throw SyntaxError()
        }
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
