/// Values: strings, numbers, booleans, date-times, arrays and inline tables,
/// lexed the way BurntSushi's lexer does (so the same characters end a value)
/// and checked the way its parser does.
extension TOMLReader {
    struct ReadValue {
        /// What the document's tables record for the key.
        var node: TOMLNode
        /// The value itself, as it appears inside an array or inline table.
        var plain: GoValue
        var isArray = false

        init(_ v: GoValue, isArray: Bool = false) {
            node = .value(v)
            plain = v
            self.isArray = isArray
        }
    }

    mutating func value(inArray: Bool) throws -> ReadValue {
        var r = try next()
        while Self.isWhitespace(r) { r = try next() }
        if Self.isDigit(r) { return try number(first: r) }
        switch r {
        case 91: return try array()
        case 123: return try inlineTable(inArray: inArray)
        case 34:
            if try accept("\"") {
                if try accept("\"") { return ReadValue(.string(try multilineBasicString())) }
                backup(34)
            }
            return ReadValue(.string(try basicString()))
        case 39:
            if try accept("'") {
                if try accept("'") { return ReadValue(.string(try multilineLiteralString())) }
                backup(39)
            }
            return ReadValue(.string(try literalString()))
        case 46: throw lexFailure("floats must start with a digit, not '.'")
        case 105, 110:
            let start = pos - 1
            if try acceptSpecialFloat() {
                return ReadValue(try float(text(start, pos), line: lineAt(pos)))
            }
        case 43, 45: return try signedNumber(start: pos - 1)
        default: break
        }
        if Self.isLetter(r) {
            backup(r)
            return try boolean()
        }
        if r == Self.eof { throw lexFailure("unexpected EOF; expected value") }
        if r == 10 { throw previousLineFailure("expected value but found '\\n' instead") }
        throw lexFailure("expected value but found \(Self.quoteRune(r)) instead")
    }

    /// After `i` or `n`: the rest of `inf` or `nan`, tried as BurntSushi does.
    mutating func acceptSpecialFloat() throws -> Bool {
        if try accept("n"), try accept("f") { return true }
        if try accept("a"), try accept("n") { return true }
        return false
    }

    static func isLetter(_ r: UInt32) -> Bool {
        guard r != eof, let u = Unicode.Scalar(r) else { return false }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    mutating func boolean() throws -> ReadValue {
        let start = pos
        while true {
            let r = try next()
            if !Self.isLetter(r) {
                backup(r)
                break
            }
        }
        let word = text(start, pos)
        if word == "true" { return ReadValue(.bool(true)) }
        if word == "false" { return ReadValue(.bool(false)) }
        throw lexFailure("expected value but found \(GoQuote.quote(word)) instead")
    }

    // MARK: Arrays and inline tables

    mutating func array() throws -> ReadValue {
        tables.setKind(tables.currentKey, isArray: true)
        var items: [GoValue] = []
        outer: while true {
            let r = try next()
            if Self.isWhitespace(r) || Self.isNewline(r) { continue }
            if r == 35 {
                try comment()
                continue
            }
            if r == 44 { throw lexFailure("unexpected comma") }
            if r == 93 { break }
            backup(r)
            items.append(try value(inArray: true).plain)
            while true {
                let end = try next()
                if Self.isWhitespace(end) || Self.isNewline(end) { continue }
                if end == 35 {
                    try comment()
                    continue
                }
                if end == 44 { continue outer }
                if end == 93 { break outer }
                let shown = end == Self.eof ? "end of file" : "'" + Self.character(end) + "'"
                throw lexFailure("expected a comma (',') or array terminator (']'), but got \(shown)")
            }
        }
        return ReadValue(.list(items), isArray: true)
    }

    /// `{ k = v, … }`: made a table of the document (so keys cannot be added
    /// later), and also returned as a plain map for arrays.
    mutating func inlineTable(inArray: Bool) throws -> ReadValue {
        let outerContext = tables.context
        let outerKey = tables.currentKey
        tables.context.append(tables.currentKey)
        tables.currentKey = ""
        tables.markImplicit(tables.context)
        do {
            try tables.enter(tables.context, array: inArray)
        } catch let refusal as TOMLTables.Refusal {
            throw failure(refusal.message, line: statementLine)
        }
        let map = GoMap()
        var expectKey = true
        while true {
            let r = try next()
            if Self.isWhitespace(r) || Self.isNewline(r) { continue }
            if r == 35 {
                try comment()
                continue
            }
            if expectKey {
                if r == 44 { throw lexFailure("unexpected comma") }
                if r == 125 { break }
                backup(r)
                try keyValue(inline: map)
                expectKey = false
            } else {
                if r == 44 {
                    try skipWhitespace()
                    if try peek() != 125 { expectKey = true }
                    continue
                }
                if r == 125 { break }
                let shown = r == Self.eof ? "end of file" : "'" + Self.character(r) + "'"
                throw lexFailure("expected a comma or an inline table terminator '}', but got \(shown) instead")
            }
        }
        tables.context = outerContext
        tables.currentKey = outerKey
        return ReadValue(.map(map))
    }

    // MARK: Numbers and date-times

    /// A value starting with a digit: an integer, a float or a date-time.
    mutating func number(first: UInt32) throws -> ReadValue {
        let start = pos - 1
        if first == 48 {
            let r = try next()
            switch r {
            case 98, 111, 120:
                let after = try peek()
                let valid = Self.digitTest(base: r)
                if !valid(after) {
                    let kind = r == 98 ? "binary" : r == 111 ? "octal" : "hexadecimal"
                    throw lexFailure("not a\(r == 111 ? "n" : "") \(kind) number: '\(text(start, pos))\(Self.character(after))'")
                }
                while true {
                    let c = try next()
                    if !(valid(c) || c == 95) {
                        backup(c)
                        break
                    }
                }
                return ReadValue(try integer(text(start, pos), line: lineAt(pos)))
            case 95: return try decimal(start: start)
            case 46, 101, 69: return try floatToken(start: start)
            default:
                if !Self.isDigit(r) {
                    backup(r)
                    return ReadValue(try integer(text(start, pos), line: lineAt(pos)))
                }
            }
        }
        while true {
            let r = try next()
            if Self.isDigit(r) { continue }
            switch r {
            case 45, 58: return try dateTime(start: start)
            case 95: return try decimal(start: start)
            case 46, 101, 69: return try floatToken(start: start)
            default:
                backup(r)
                return ReadValue(try integer(text(start, pos), line: lineAt(pos)))
            }
        }
    }

    /// Whether a character is a digit after `0b`, `0o` or `0x`.
    static func digitTest(base: UInt32) -> (UInt32) -> Bool {
        switch base {
        case 98: return { $0 == 48 || $0 == 49 }
        case 111: return { $0 >= 48 && $0 <= 55 }
        default: return { TOMLReader.isHex($0) }
        }
    }

    /// After `+` or `-`.
    mutating func signedNumber(start: Int) throws -> ReadValue {
        let r = try next()
        switch r {
        case 105, 110:
            let rest: [Character] = r == 105 ? ["n", "f"] : ["a", "n"]
            guard try accept(rest[0]), try accept(rest[1]) else { throw lexFailure("invalid float: '\(text(start, pos))'") }
            return ReadValue(try float(text(start, pos), line: lineAt(pos)))
        case 48:
            let p = try peek()
            if p == 98 || p == 111 || p == 120 {
                throw lexFailure("cannot use sign with non-decimal numbers: '\(text(start, pos))\(Self.character(p))'")
            }
        case 46: throw lexFailure("floats must start with a digit, not '.'")
        default: break
        }
        guard Self.isDigit(r) else { throw lexFailure("expected a digit but got \(Self.quoteRune(r))") }
        return try decimal(start: start)
    }

    mutating func decimal(start: Int) throws -> ReadValue {
        while true {
            let r = try next()
            if Self.isDigit(r) || r == 95 { continue }
            if r == 46 || r == 101 || r == 69 { return try floatToken(start: start) }
            backup(r)
            return ReadValue(try integer(text(start, pos), line: lineAt(pos)))
        }
    }

    mutating func floatToken(start: Int) throws -> ReadValue {
        while true {
            let r = try next()
            if Self.isDigit(r) || r == 95 || r == 46 || r == 45 || r == 43 || r == 101 || r == 69 { continue }
            backup(r)
            return ReadValue(try float(text(start, pos), line: lineAt(pos)))
        }
    }

    mutating func dateTime(start: Int) throws -> ReadValue {
        while true {
            let r = try next()
            if Self.isDigit(r) { continue }
            if [45, 58, 84, 116, 32, 46, 90, 122, 43].contains(r) { continue }
            backup(r)
            break
        }
        var token = text(start, pos)
        while token.last == " " { token.removeLast() }
        switch TOMLScalars.dateTime(token, localZone: localZone, localOffset: localOffset) {
        case .success(let v): return ReadValue(v)
        case .failure(let problem): throw failure(problem.message, line: lineAt(pos))
        }
    }

    func integer(_ token: String, line: Int) throws -> GoValue {
        switch TOMLScalars.integer(token) {
        case .success(let v): return .int64(v)
        case .failure(let problem): throw failure(problem.message, line: line)
        }
    }

    func float(_ token: String, line: Int) throws -> GoValue {
        switch TOMLScalars.float(token) {
        case .success(let v): return .float64(v)
        case .failure(let problem): throw failure(problem.message, line: line)
        }
    }
}
