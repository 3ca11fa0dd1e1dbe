/// The four kinds of TOML string, read as BurntSushi reads them: the lexer
/// checks escapes and delimiters, then the parser drops a multi-line
/// string's first newline and line-ending backslashes and decodes escapes.
extension TOMLReader {
    /// `"…"` after its opening quote.
    mutating func basicString() throws -> String {
        let start = pos
        var escaped = false
        while true {
            let r = try next()
            if r == Self.eof { throw lexFailure("unexpected EOF; expected '\"'") }
            if Self.isNewline(r) { throw previousLineFailure("strings cannot contain newlines") }
            if r == 92 {
                escaped = true
                try escape(start: start)
                continue
            }
            if r == 34 {
                let end = pos - 1
                let content = Array(bytes[start..<end])
                return escaped ? try unescape(content, line: lineAt(end)) : String(decoding: content, as: UTF8.self)
            }
        }
    }

    /// `'…'` after its opening quote.
    mutating func literalString() throws -> String {
        let start = pos
        while true {
            let r = try next()
            if r == Self.eof { throw lexFailure("unexpected EOF; expected \"'\"") }
            if Self.isNewline(r) { throw previousLineFailure("strings cannot contain newlines") }
            if r == 39 { return text(start, pos - 1) }
        }
    }

    /// `"""…"""` after its opening quotes.
    mutating func multilineBasicString() throws -> String {
        let start = pos
        while true {
            let r = try next()
            if r == Self.eof { throw lexFailure("unexpected EOF; expected '\"\"\"'") }
            if r == 92 {
                let after = try next()
                if Self.isNewline(after) { continue }
                backup(after)
                try escape(start: start)
                continue
            }
            if r == 34, try closes(quote: 34, start: start, escapedRun: true) {
                let end = pos - 3
                let content = Self.withoutLineEndingBackslashes(Self.withoutFirstNewline(Array(bytes[start..<end])))
                return try unescape(content, line: lineAt(end))
            }
        }
    }

    /// `'''…'''` after its opening quotes.
    mutating func multilineLiteralString() throws -> String {
        let start = pos
        while true {
            let r = try next()
            if r == Self.eof { throw lexFailure("unexpected EOF; expected \"'''\"") }
            if r == 39, try closes(quote: 39, start: start, escapedRun: false) {
                return String(decoding: Self.withoutFirstNewline(Array(bytes[start..<(pos - 3)])), as: UTF8.self)
            }
        }
    }

    /// After one quote of a multi-line string: whether it and the next two close
    /// the string. Up to two more quotes belong to the content; six are an error.
    mutating func closes(quote: UInt8, start: Int, escapedRun: Bool) throws -> Bool {
        let q = Character(Unicode.Scalar(quote))
        guard try accept(q) else { return false }
        guard try accept(q) else {
            backup(UInt32(quote))
            return false
        }
        if try peek() != UInt32(quote) { return true }
        let sofar = bytes[start..<pos]
        let five = [UInt8](repeating: quote, count: 5)
        if sofar.count >= 5, Array(sofar.suffix(5)) == five, !(escapedRun && sofar.count >= 6 && Array(sofar.suffix(6)) == [92] + five) {
            let six = String(repeating: q, count: 6)
            throw lexFailure(quote == 34 ? "unexpected '\(six)'" : "unexpected \"\(six)\"")
        }
        backup(UInt32(quote))
        backup(UInt32(quote))
        return false
    }

    /// Checks the escape after a backslash, as the lexer does.
    mutating func escape(start: Int) throws {
        let r = try next()
        let digits: Int
        switch r {
        case 101, 98, 116, 110, 102, 114, 34, 32, 9, 92: return
        case 120: digits = 2
        case 117: digits = 4
        case 85: digits = 8
        default: throw lexErrorFailure("invalid escape in string '\\\(Self.character(r))'")
        }
        let name = digits == 2 ? "two" : digits == 4 ? "four" : "eight"
        for _ in 0..<digits where !Self.isHex(try next()) {
            throw lexFailure("expected \(name) hexadecimal digits after '\\\(Self.character(r))', but got \(GoQuote.quote(text(start, pos))) instead")
        }
    }

    static func withoutFirstNewline(_ s: [UInt8]) -> [UInt8] {
        if s.first == 10 { return Array(s.dropFirst()) }
        if s.count > 1, s[0] == 13, s[1] == 10 { return Array(s.dropFirst(2)) }
        return s
    }

    /// Drops each line-ending backslash with the whitespace and newlines after it.
    static func withoutLineEndingBackslashes(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            guard s[i] == 92 else {
                out.append(s[i])
                i += 1
                continue
            }
            if i + 1 < s.count, s[i + 1] == 92 {
                out += [92, 92]
                i += 2
                continue
            }
            var j = i + 1
            var sawNewline = false
            while j < s.count, [32, 9, 13, 10].contains(s[j]) {
                if s[j] == 10 { sawNewline = true }
                j += 1
            }
            if sawNewline {
                i = j
            } else {
                out.append(92)
                i += 1
            }
        }
        return out
    }

    /// Decodes the escapes the lexer let through; `\ ` and `\t` after a
    /// backslash (not line-ending) and escapes of surrogates are errors here.
    func unescape(_ s: [UInt8], line: Int) throws -> String {
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            guard s[i] == 92, i + 1 < s.count else {
                out.append(s[i])
                i += 1
                continue
            }
            let c = s[i + 1]
            var simple: UInt8?
            switch c {
            case 32, 9: throw failure("invalid escape: '\\\(Character(Unicode.Scalar(c)))'", line: line)
            case 98: simple = 8
            case 116: simple = 9
            case 110: simple = 10
            case 102: simple = 12
            case 114: simple = 13
            case 101: simple = 0x1B
            case 34: simple = 34
            case 92: simple = 92
            default: break
            }
            if let simple {
                out.append(simple)
                i += 2
                continue
            }
            let digits = c == 120 ? 2 : c == 117 ? 4 : 8
            let hex = String(decoding: s[(i + 2)..<min(s.count, i + 2 + digits)], as: UTF8.self)
            guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                throw failure("Escaped character '\\u\(hex)' is not valid UTF-8.", line: line)
            }
            out += Array(String(Character(scalar)).utf8)
            i += 2 + digits
        }
        return String(decoding: out, as: UTF8.self)
    }
}
