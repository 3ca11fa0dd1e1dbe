/// A TOML reader giving what Helm's `fromToml` gets from BurntSushi/toml
/// v1.6.0 decoding into `map[string]interface{}`: tables as maps, arrays as
/// lists, int64, float64, bool, string, and date-times as `time.Time` (offset
/// date-times in UTC or the local zone, the local kinds in zones named
/// `datetime-local`, `date-local`, `time-local`). That library reads TOML 1.1
/// (`\e`, `\xHH`, seconds left out, newlines and a trailing comma in inline
/// tables), rejects exactly what it rejects, and reports the first problem in
/// the document as `toml: line N (last key "k"): message` in its words.
struct TOMLReader {
    /// The first problem in a document, as BurntSushi's `ParseError.Error()` prints it.
    struct Failure: Error {
        var message: String
    }

    static let eof: UInt32 = 0x11_0000

    let bytes: [UInt8]
    var pos = 0
    /// Whether the last `next()` ran into the end (what decides an error's line there).
    var atEOF = false
    var tables = TOMLTables()
    /// The line of the latest key or table name: where table errors are reported.
    var statementLine = 1
    let localZone: GoZone
    /// The offset of the local zone now, which the local date-time kinds carry.
    let localOffset: Int

    /// Reads `text`; `localZone` and `now` stand for Go's `time.Local` and `time.Now()`.
    static func read(_ text: String, localZone: GoZone, now: GoTime) -> Result<GoValue, Failure> {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.prefix(6).contains(0) {
            return .failure(Failure(message: "toml: line 1: files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8"))
        }
        var reader = TOMLReader(bytes: bytes, localZone: localZone, localOffset: now.zone.lookup(now.seconds).offset)
        do {
            try reader.document()
            return .success(TOMLTables.goValue(reader.tables.root))
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(message: "toml: \(error)"))
        }
    }

    // MARK: Errors

    func lineAt(_ position: Int) -> Int {
        var line = 1
        for b in bytes[0..<min(position, bytes.count)] where b == 10 { line += 1 }
        return line
    }

    func failure(_ message: String, line: Int) -> Failure {
        let last = tables.current
        if last.isEmpty { return Failure(message: "toml: line \(line): \(message)") }
        return Failure(message: "toml: line \(line) (last key \(GoQuote.quote(last))): \(message)")
    }

    /// The lexer's `errorf`: at the end of the input the line of its last character.
    func lexFailure(_ message: String) -> Failure {
        if atEOF { return failure(message, line: lineAt(bytes.count) - (bytes.last == 10 ? 1 : 0)) }
        return failure(message, line: lineAt(pos))
    }

    /// The lexer's `errorPrevLine`, for problems found on reading a newline.
    func previousLineFailure(_ message: String) -> Failure { failure(message, line: lineAt(pos) - 1) }

    /// The lexer's `error`: like `errorf`, but one line up at the end of the input.
    func lexErrorFailure(_ message: String) -> Failure {
        atEOF ? previousLineFailure(message) : failure(message, line: lineAt(pos))
    }

    static func quoteRune(_ r: UInt32) -> String {
        var out: [UInt8] = []
        GoQuote.appendQuotedRune(UInt64(r == eof ? 0 : r), asciiOnly: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func character(_ r: UInt32) -> String {
        r == eof ? "\u{0}" : String(Unicode.Scalar(r).map(Character.init) ?? "\u{FFFD}")
    }

    func text(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }

    // MARK: Characters

    /// The next character; control characters other than tab and newlines
    /// (and a carriage return not before a newline) are errors wherever they are.
    mutating func next() throws -> UInt32 {
        guard pos < bytes.count else {
            atEOF = true
            return Self.eof
        }
        atEOF = false
        let b = bytes[pos]
        var value: UInt32
        var width: Int
        switch b {
        case 0..<0x80: (value, width) = (UInt32(b), 1)
        case 0xC0..<0xE0: (value, width) = (UInt32(b & 0x1F), 2)
        case 0xE0..<0xF0: (value, width) = (UInt32(b & 0x0F), 3)
        default: (value, width) = (UInt32(b & 0x07), 4)
        }
        for i in 1..<width where pos + i < bytes.count { value = value << 6 | UInt32(bytes[pos + i] & 0x3F) }
        let lonelyReturn = value == 13 && (pos + 1 >= bytes.count || bytes[pos + 1] != 10)
        if (value < 0x20 && value != 9 && value != 10 && value != 13) || value == 0x7F || lonelyReturn {
            throw failure("TOML files cannot contain control characters: '0x\(Self.hex2(value))'", line: lineAt(pos))
        }
        pos += width
        return value
    }

    private static func hex2(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return s.count < 2 ? "0" + s : s
    }

    /// Steps back over the character `next()` returned.
    mutating func backup(_ r: UInt32) {
        if r == Self.eof {
            atEOF = false
            return
        }
        pos -= r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4
    }

    mutating func peek() throws -> UInt32 {
        let r = try next()
        backup(r)
        return r
    }

    mutating func accept(_ c: Character) throws -> Bool {
        let r = try next()
        if r == c.unicodeScalars.first?.value { return true }
        backup(r)
        return false
    }

    static func isWhitespace(_ r: UInt32) -> Bool { r == 9 || r == 32 }
    static func isNewline(_ r: UInt32) -> Bool { r == 10 || r == 13 }
    static func isDigit(_ r: UInt32) -> Bool { r >= 48 && r <= 57 }
    static func isHex(_ r: UInt32) -> Bool { isDigit(r) || (r | 0x20 >= 97 && r | 0x20 <= 102) }
    static func isBareKeyCharacter(_ r: UInt32) -> Bool {
        (r >= 65 && r <= 90) || (r >= 97 && r <= 122) || isDigit(r) || r == 95 || r == 45
    }

    mutating func skipWhitespace() throws {
        while true {
            let r = try next()
            if !Self.isWhitespace(r) {
                backup(r)
                return
            }
        }
    }

    /// A comment after its `#`, up to the newline or the end.
    mutating func comment() throws {
        while true {
            let r = try next()
            if Self.isNewline(r) || r == Self.eof {
                backup(r)
                return
            }
        }
    }

    // MARK: Document structure

    mutating func document() throws {
        while true {
            let r = try next()
            if Self.isWhitespace(r) || Self.isNewline(r) { continue }
            if r == Self.eof { return }
            if r == 35 {
                try comment()
                continue
            }
            if r == 91 {
                try tableHeader()
            } else {
                backup(r)
                try keyValue(inline: nil)
                tables.currentKey = ""
            }
            try endOfLine()
        }
    }

    /// After a top-level item: spaces, then a comment, a newline or the end.
    mutating func endOfLine() throws {
        while true {
            let r = try next()
            if Self.isWhitespace(r) { continue }
            if r == 35 { return try comment() }
            if Self.isNewline(r) { return }
            if r == Self.eof {
                backup(r)
                return
            }
            throw lexFailure("expected a top-level item to end with a newline, comment, or EOF, but got \(Self.quoteRune(r)) instead")
        }
    }

    /// `[a.b]` or `[[a.b]]` after its first `[`.
    mutating func tableHeader() throws {
        let array = try accept("[")
        var key: [String] = []
        while true {
            try skipWhitespace()
            let r = try peek()
            if r == 93 || r == Self.eof { throw lexFailure("unexpected end of table name (table names cannot be empty)") }
            if r == 46 { throw lexFailure("unexpected table separator (table names cannot be empty)") }
            if key.isEmpty { statementLine = lineAt(pos) }
            key.append(try keyPart())
            try skipWhitespace()
            let end = try next()
            if end == 46 { continue }
            if end == 93 { break }
            throw lexFailure("expected '.' or ']' to end table name, but got \(Self.quoteRune(end)) instead")
        }
        if array {
            let r = try next()
            if r != 93 { throw lexFailure("expected end of table array name delimiter ']', but got \(Self.quoteRune(r)) instead") }
        }
        do {
            try tables.enter(key, array: array)
        } catch let refusal as TOMLTables.Refusal {
            throw failure(refusal.message, line: statementLine)
        }
        tables.setKind("", isArray: false)
    }

    /// One part of a key: bare (possibly empty, which the next step reports) or quoted.
    mutating func keyPart() throws -> String {
        let r = try next()
        if r == 34 { return try basicString() }
        if r == 39 { return try literalString() }
        backup(r)
        let start = pos
        while true {
            let c = try next()
            if !Self.isBareKeyCharacter(c) {
                backup(c)
                return text(start, pos)
            }
        }
    }

    /// `key = value` at the top level (`inline` nil) or in an inline table
    /// (whose plain map it also fills).
    mutating func keyValue(inline: GoMap?) throws {
        try skipWhitespace()
        let first = try peek()
        if first == 61 || first == Self.eof { throw lexFailure("unexpected '=': key name appears blank") }
        if first == 46 { throw lexFailure("unexpected '.': keys cannot start with a '.'") }
        statementLine = lineAt(pos)
        var key: [String] = []
        while true {
            try skipWhitespace()
            let r = try peek()
            if r == 61 || r == Self.eof { throw lexFailure("unexpected '='") }
            if r == 46 { throw lexFailure("unexpected '.'") }
            key.append(try keyPart())
            try skipWhitespace()
            let end = try next()
            if end == 46 { continue }
            if end == 61 { break }
            if end == Self.eof { throw lexFailure("unexpected EOF; expected key separator '='") }
            if end == 10 { throw previousLineFailure("expected '.' or '=', but got '\\n' instead") }
            throw lexFailure("expected '.' or '=', but got \(Self.quoteRune(end)) instead")
        }
        let outer = tables.context
        tables.currentKey = key[key.count - 1]
        do {
            for part in key.dropLast() { try tables.enterImplicit(tables.context + [part]) }
        } catch let refusal as TOMLTables.Refusal {
            throw failure(refusal.message, line: statementLine)
        }
        let value = try self.value(inArray: false)
        do {
            try tables.set(tables.currentKey, value.node)
        } catch let refusal as TOMLTables.Refusal {
            throw failure(refusal.message, line: statementLine)
        }
        tables.setKind(tables.currentKey, isArray: value.isArray)
        if let inline {
            var map = inline
            for part in key.dropLast() {
                if map[part] == nil { map[part] = .map(GoMap()) }
                guard case .map(let inner)? = map[part] else {
                    throw failure("\(Self.goKeyList(tables.context)) is not a table", line: statementLine)
                }
                map = inner
            }
            map[tables.currentKey] = value.plain
        }
        tables.context = outer
    }

    /// `%q` of a Go `[]string`.
    static func goKeyList(_ key: [String]) -> String { "[" + key.map(GoQuote.quote).joined(separator: " ") + "]" }
}
