extension Scanner {
    /// Scans a single- or double-quoted scalar (YAML 1.2 §7.3.1–2): escapes, and
    /// line folding (a break becomes a space, each empty line a newline, spaces
    /// around breaks vanish). A scalar without escapes or breaks is built straight
    /// from the input bytes.
    mutating func scanQuotedScalar(double: Bool) throws -> Token {
        let start = pos
        let quote = double ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        pos += 1
        var value: [UInt8]? = nil
        let contentStart = pos

        while true {
            // A run of ordinary characters.
            let runStart = pos
            while true {
                let c = at(pos)
                if c == quote || c == Byte.space || c == Byte.tab || Byte.isBreak(c) || c == 0 { break }
                if double && c == UInt8(ascii: "\\") { break }
                pos += 1
            }
            if value != nil, pos > runStart {
                value!.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<pos]))
            }
            let c = at(pos)
            if pos >= count {
                throw ParseFailure(
                    "this \(double ? "double" : "single")-quoted string is never closed; expected \(double ? "'\"'" : "\"'\"")",
                    at: start)
            }
            if c == quote {
                if !double && at(pos + 1) == quote {
                    // '' stands for one quote.
                    if value == nil { value = Array(UnsafeBufferPointer(rebasing: input[contentStart..<pos])) }
                    value!.append(quote)
                    pos += 2
                    continue
                }
                pos += 1
                break
            }
            if c == UInt8(ascii: "\\") {
                if value == nil { value = Array(UnsafeBufferPointer(rebasing: input[contentStart..<pos])) }
                try scanEscape(into: &value!)
                continue
            }
            // Blanks: kept inside a line, dropped before a line break.
            let blanksStart = pos
            while Byte.isBlank(at(pos)) { pos += 1 }
            if !Byte.isBreak(at(pos)) {
                if value != nil {
                    value!.append(contentsOf: UnsafeBufferPointer(rebasing: input[blanksStart..<pos]))
                }
                continue
            }
            if value == nil { value = Array(UnsafeBufferPointer(rebasing: input[contentStart..<blanksStart])) }
            let breaks = try scanQuotedLineBreaks(start: start)
            if breaks == 1 {
                value!.append(Byte.space)
            } else {
                for _ in 1..<breaks { value!.append(Byte.lineFeed) }
            }
        }

        var token = Token(.scalar, start: start, end: pos)
        token.style = double ? .doubleQuoted : .singleQuoted
        if let value {
            token.text = String(decoding: value, as: UTF8.self)
        } else {
            token.text = string(contentStart, pos - 1)
        }
        return token
    }

    /// Consumes line breaks and the indentation after them inside a quoted scalar;
    /// returns how many breaks there were. Continuation lines must be indented
    /// deeper than the enclosing block collection and may not be document markers.
    private mutating func scanQuotedLineBreaks(start: Int) throws -> Int {
        var breaks = 0
        while Byte.isBreak(at(pos)) {
            consumeBreak()
            breaks += 1
            if isDocumentMarker(at: pos, UInt8(ascii: "-")) || isDocumentMarker(at: pos, UInt8(ascii: ".")) {
                throw ParseFailure("a document marker cannot appear inside a quoted string; the string starting here is never closed", at: start)
            }
            var spaces = 0
            while at(pos) == Byte.space {
                pos += 1
                spaces += 1
            }
            while Byte.isBlank(at(pos)) { pos += 1 }
            if !Byte.isBreak(at(pos)) && pos < count && spaces <= indent {
                if !hasClosingQuote(after: pos, double: at(start) == UInt8(ascii: "\"")) {
                    let double = at(start) == UInt8(ascii: "\"")
                    throw ParseFailure(
                        "this \(double ? "double" : "single")-quoted string is never closed; expected \(double ? "'\"'" : "\"'\"")",
                        at: start)
                }
                throw ParseFailure(
                    "this line of a quoted string must be indented more than its parent (at least \(indent + 1) spaces)",
                    at: pos)
            }
        }
        return breaks
    }

    /// Whether the quoted string could still end: used to tell a forgotten closing
    /// quote from a badly indented continuation line.
    private func hasClosingQuote(after offset: Int, double: Bool) -> Bool {
        var i = offset
        while i < count {
            let c = input[i]
            if double && c == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if c == (double ? UInt8(ascii: "\"") : UInt8(ascii: "'")) { return true }
            i += 1
        }
        return false
    }

    /// One escape sequence of a double-quoted scalar (YAML 1.2 §5.7), `pos` at the backslash.
    private mutating func scanEscape(into value: inout [UInt8]) throws {
        let escapeStart = pos
        switch DoubleQuotedEscape.decode(input, at: pos, end: count) {
        case .character(let scalar, let length):
            appendUTF8(scalar, to: &value)
            pos += length
        case .lineBreak:
            // An escaped line break joins the lines without a space; empty lines
            // after it still count as newlines.
            pos += 1
            var lines = 0
            consumeBreak()
            while true {
                while Byte.isBlank(at(pos)) { pos += 1 }
                guard Byte.isBreak(at(pos)) else { break }
                consumeBreak()
                lines += 1
            }
            for _ in 0..<lines { value.append(Byte.lineFeed) }
            if isDocumentMarker(at: lineStart, UInt8(ascii: "-")) || isDocumentMarker(at: lineStart, UInt8(ascii: ".")) {
                throw ParseFailure("a document marker cannot appear inside a quoted string", at: lineStart)
            }
        case .missingHexDigits(let digits):
            throw ParseFailure("escape sequence needs \(digits) hexadecimal digits", at: escapeStart)
        case .notACharacter:
            throw ParseFailure("escape sequence does not name a Unicode character", at: escapeStart)
        case .unknown(let c):
            throw ParseFailure(
                "unknown escape sequence '\\\(c < 0x80 && c >= 0x20 ? String(Unicode.Scalar(c)) : "…")' in a double-quoted string",
                at: escapeStart)
        }
    }
}

/// Appends the UTF-8 encoding of `scalar`.
func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
    let v = scalar.value
    switch v {
    case 0..<0x80:
        bytes.append(UInt8(v))
    case 0x80..<0x800:
        bytes.append(UInt8(0xC0 | v >> 6))
        bytes.append(UInt8(0x80 | v & 0x3F))
    case 0x800..<0x10000:
        bytes.append(UInt8(0xE0 | v >> 12))
        bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | v & 0x3F))
    default:
        bytes.append(UInt8(0xF0 | v >> 18))
        bytes.append(UInt8(0x80 | v >> 12 & 0x3F))
        bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | v & 0x3F))
    }
}
