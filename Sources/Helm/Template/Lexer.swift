/// A token of Go's template language (Go's `item`).
struct Token {
    enum Kind: Equatable {
        case error  // the message is in `message`
        case bool, char, charConstant, complex, assign, declare, eof, field, identifier
        case leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen, space, string
        case text, variable
        // Keywords
        case block, breakKeyword, continueKeyword, dot, define, elseKeyword, end, ifKeyword, nilKeyword
        case range, template, with

        var isKeyword: Bool {
            switch self {
            case .block, .breakKeyword, .continueKeyword, .dot, .define, .elseKeyword, .end, .ifKeyword,
                .nilKeyword, .range, .template, .with:
                return true
            default:
                return false
            }
        }
    }

    var kind: Kind
    /// Byte offsets into the template text.
    var start: Int
    var end: Int
    /// For `.error`: what went wrong.
    var message: String = ""
}

/// Go's template lexer (text/template/parse/lex.go, Go ≥ 1.22 behaviour): text,
/// `{{ }}` actions with `{{- `/` -}}` trim markers, comments, and the tokens inside
/// actions. Newlines may appear inside actions. Stops after the first error token.
struct Lexer {
    let input: [UInt8]
    private(set) var tokens: [Token] = []
    private var pos = 0
    private var start = 0
    private var parenDepth = 0

    init(_ input: [UInt8]) {
        self.input = input
    }

    /// Tokenizes the whole input; the last token is `.eof` or `.error`.
    static func tokenize(_ input: [UInt8]) -> [Token] {
        var lexer = Lexer(input)
        lexer.run()
        return lexer.tokens
    }

    private enum State {
        case text, insideAction, done
    }

    private mutating func run() {
        var state = State.text
        while true {
            switch state {
            case .text: state = lexText()
            case .insideAction: state = lexInsideAction()
            case .done: return
            }
        }
    }

    // MARK: Helpers

    private static let leftDelim: [UInt8] = [UInt8(ascii: "{"), UInt8(ascii: "{")]

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A
    }

    private func hasPrefix(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + bytes.count <= input.count else { return false }
        for (k, b) in bytes.enumerated() where input[index + k] != b { return false }
        return true
    }

    private func byte(at index: Int) -> UInt8? { index < input.count ? input[index] : nil }

    /// Where the two-byte sequence `first second` next starts, from `index` on.
    private func find(_ first: UInt8, _ second: UInt8, from index: Int) -> Int? {
        var i = index
        while i + 1 < input.count {
            if input[i] == first && input[i + 1] == second { return i }
            i += 1
        }
        return nil
    }

    private func hasLeftTrimMarker(at index: Int) -> Bool {
        index + 1 < input.count && input[index] == UInt8(ascii: "-") && Lexer.isSpace(input[index + 1])
    }

    private func hasRightTrimMarker(at index: Int) -> Bool {
        index + 1 < input.count && input[index + 1] == UInt8(ascii: "-") && Lexer.isSpace(input[index])
    }

    private func isRightDelim(at index: Int) -> Bool {
        index + 1 < input.count && input[index] == UInt8(ascii: "}") && input[index + 1] == UInt8(ascii: "}")
    }

    /// (is a right delimiter, has a trim marker) at `pos`.
    private func atRightDelim() -> (Bool, Bool) {
        if hasRightTrimMarker(at: pos) && isRightDelim(at: pos + 2) { return (true, true) }
        if isRightDelim(at: pos) { return (true, false) }
        return (false, false)
    }

    private mutating func emit(_ kind: Token.Kind) {
        tokens.append(Token(kind: kind, start: start, end: pos))
        start = pos
    }

    private mutating func error(_ message: String) {
        tokens.append(Token(kind: .error, start: start, end: pos, message: message))
    }

    /// The rune at `index` and its width in bytes.
    private func rune(at index: Int) -> (UInt32, Int)? {
        guard index < input.count else { return nil }
        let c = input[index]
        if c < 0x80 { return (UInt32(c), 1) }
        let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
        let end = min(index + length, input.count)
        let scalar = String(decoding: input[index..<end], as: UTF8.self).unicodeScalars.first
        return (scalar?.value ?? 0xFFFD, end - index)
    }

    static func isAlphaNumeric(_ r: UInt32) -> Bool {
        if r < 0x80 {
            let c = UInt8(r)
            return c == UInt8(ascii: "_") || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
                || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
        }
        guard let scalar = Unicode.Scalar(r) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// Go's `%#U` of a rune: `U+0041 'A'`.
    static func describeRune(_ r: UInt32) -> String {
        var hex = String(r, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        var text = "U+" + hex
        if GoQuote.isPrint(r), let scalar = Unicode.Scalar(r) {
            text += " '" + String(Character(scalar)) + "'"
        }
        return text
    }

    // MARK: States

    /// Text up to the next `{{`.
    private mutating func lexText() -> State {
        guard let delim = find(UInt8(ascii: "{"), UInt8(ascii: "{"), from: pos) else {
            pos = input.count
            if pos > start { emit(.text) }
            emit(.eof)
            return .done
        }
        pos = delim
        var trimLength = 0
        if hasLeftTrimMarker(at: delim + 2) {
            var k = delim
            while k > start && Lexer.isSpace(input[k - 1]) { k -= 1 }
            trimLength = delim - k
        }
        pos -= trimLength
        if pos > start { emit(.text) }
        pos += trimLength
        start = pos
        return lexLeftDelim()
    }

    /// `{{`, possibly with a trim marker, or a comment.
    private mutating func lexLeftDelim() -> State {
        pos += 2
        let trim = hasLeftTrimMarker(at: pos)
        let afterMarker = trim ? 2 : 0
        if hasPrefix([UInt8(ascii: "/"), UInt8(ascii: "*")], at: pos + afterMarker) {
            pos += afterMarker
            start = pos
            return lexComment()
        }
        emit(.leftDelim)
        pos += afterMarker
        start = pos
        parenDepth = 0
        return .insideAction
    }

    /// `/* … */` followed by `}}` or ` -}}`; emits nothing.
    private mutating func lexComment() -> State {
        pos += 2
        guard let end = find(UInt8(ascii: "*"), UInt8(ascii: "/"), from: pos) else {
            error("unclosed comment")
            return .done
        }
        pos = end + 2
        let (delim, trim) = atRightDelim()
        guard delim else {
            error("comment ends before closing delimiter")
            return .done
        }
        if trim { pos += 2 }
        pos += 2
        if trim {
            while pos < input.count && Lexer.isSpace(input[pos]) { pos += 1 }
        }
        start = pos
        return .text
    }

    /// One token inside an action.
    private mutating func lexInsideAction() -> State {
        let (delim, _) = atRightDelim()
        if delim {
            if parenDepth == 0 { return lexRightDelim() }
            error("unclosed left paren")
            return .done
        }
        guard let (r, width) = rune(at: pos) else {
            error("unclosed action")
            return .done
        }
        if r < 0x80 && Lexer.isSpace(UInt8(r)) {
            lexSpace()
            return .insideAction
        }
        switch r {
        case UInt32(UInt8(ascii: "=")):
            pos += 1
            emit(.assign)
        case UInt32(UInt8(ascii: ":")):
            pos += 1
            guard byte(at: pos) == UInt8(ascii: "=") else {
                if pos < input.count { pos += 1 }
                error("expected :=")
                return .done
            }
            pos += 1
            emit(.declare)
        case UInt32(UInt8(ascii: "|")):
            pos += 1
            emit(.pipe)
        case UInt32(UInt8(ascii: "\"")):
            pos += 1
            return lexQuote() ? .insideAction : .done
        case UInt32(UInt8(ascii: "`")):
            pos += 1
            return lexRawQuote() ? .insideAction : .done
        case UInt32(UInt8(ascii: "$")):
            pos += 1
            return lexFieldOrVariable(.variable) ? .insideAction : .done
        case UInt32(UInt8(ascii: "'")):
            pos += 1
            return lexChar() ? .insideAction : .done
        case UInt32(UInt8(ascii: ".")):
            if let next = byte(at: pos + 1), next < UInt8(ascii: "0") || next > UInt8(ascii: "9") {
                pos += 1
                return lexFieldOrVariable(.field) ? .insideAction : .done
            }
            if pos + 1 >= input.count {
                pos += 1
                return lexFieldOrVariable(.field) ? .insideAction : .done
            }
            return lexNumber() ? .insideAction : .done
        case UInt32(UInt8(ascii: "+")), UInt32(UInt8(ascii: "-")), UInt32(UInt8(ascii: "0"))...UInt32(UInt8(ascii: "9")):
            return lexNumber() ? .insideAction : .done
        case UInt32(UInt8(ascii: "(")):
            pos += 1
            emit(.leftParen)
            parenDepth += 1
        case UInt32(UInt8(ascii: ")")):
            pos += 1
            parenDepth -= 1
            if parenDepth < 0 {
                error("unexpected right paren")
                return .done
            }
            emit(.rightParen)
        default:
            if Lexer.isAlphaNumeric(r) { return lexIdentifier() ? .insideAction : .done }
            pos += width
            if r < 0x80 && r >= 0x20 && r < 0x7F {
                emit(.char)
            } else {
                error("unrecognized character in action: " + Lexer.describeRune(r))
                return .done
            }
        }
        return .insideAction
    }

    /// `}}` or ` -}}` (trimming the spaces after it).
    private mutating func lexRightDelim() -> State {
        let trim = hasRightTrimMarker(at: pos)
        if trim {
            pos += 2
            start = pos
        }
        pos += 2
        emit(.rightDelim)
        if trim {
            while pos < input.count && Lexer.isSpace(input[pos]) { pos += 1 }
            start = pos
        }
        return .text
    }

    /// A run of spaces; a final space that begins ` -}}` is left for the delimiter.
    private mutating func lexSpace() {
        var count = 0
        while pos < input.count && Lexer.isSpace(input[pos]) {
            pos += 1
            count += 1
        }
        if hasRightTrimMarker(at: pos - 1) && isRightDelim(at: pos + 1) {
            pos -= 1
            if count == 1 { return }  // the delimiter comes next
        }
        emit(.space)
    }

    private mutating func lexIdentifier() -> Bool {
        while let (r, width) = rune(at: pos), Lexer.isAlphaNumeric(r) { pos += width }
        if !atTerminator() {
            let (r, _) = rune(at: pos) ?? (0, 0)
            pos += 1
            error("bad character " + Lexer.describeRune(r))
            return false
        }
        let word = String(decoding: input[start..<pos], as: UTF8.self)
        switch word {
        case "block": emit(.block)
        case "break": emit(.breakKeyword)
        case "continue": emit(.continueKeyword)
        case "define": emit(.define)
        case "else": emit(.elseKeyword)
        case "end": emit(.end)
        case "if": emit(.ifKeyword)
        case "range": emit(.range)
        case "nil": emit(.nilKeyword)
        case "template": emit(.template)
        case "with": emit(.with)
        case "true", "false": emit(.bool)
        default: emit(.identifier)
        }
        return true
    }

    /// `.Field` or `$var` (the `.` or `$` already consumed); a lone `.` is dot, a lone `$` a variable.
    private mutating func lexFieldOrVariable(_ kind: Token.Kind) -> Bool {
        if atTerminator() {
            emit(kind == .variable ? .variable : .dot)
            return true
        }
        while let (r, width) = rune(at: pos), Lexer.isAlphaNumeric(r) { pos += width }
        if !atTerminator() {
            let (r, _) = rune(at: pos) ?? (0, 0)
            pos += 1
            error("bad character " + Lexer.describeRune(r))
            return false
        }
        emit(kind)
        return true
    }

    private func atTerminator() -> Bool {
        guard let c = byte(at: pos) else { return true }
        if Lexer.isSpace(c) { return true }
        switch c {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ")"),
            UInt8(ascii: "("), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }

    private mutating func lexChar() -> Bool {
        lexEscaped(until: UInt8(ascii: "'"), as: .charConstant, unterminated: "unterminated character constant")
    }

    private mutating func lexNumber() -> Bool {
        if !scanNumber() {
            error("bad number syntax: " + GoQuote.quote(String(decoding: input[start..<pos], as: UTF8.self)))
            return false
        }
        if let sign = byte(at: pos), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            if !scanNumber() || input[pos - 1] != UInt8(ascii: "i") {
                error("bad number syntax: " + GoQuote.quote(String(decoding: input[start..<pos], as: UTF8.self)))
                return false
            }
            emit(.complex)
        } else {
            emit(.number)
        }
        return true
    }

    private mutating func accept(_ valid: String) -> Bool {
        if let c = byte(at: pos), valid.utf8.contains(c) {
            pos += 1
            return true
        }
        return false
    }

    private mutating func acceptRun(_ valid: String) {
        while let c = byte(at: pos), valid.utf8.contains(c) { pos += 1 }
    }

    private mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if let (r, width) = rune(at: pos), Lexer.isAlphaNumeric(r) {
            pos += width
            return false
        }
        return true
    }

    private mutating func lexQuote() -> Bool {
        lexEscaped(until: UInt8(ascii: "\""), as: .string, unterminated: "unterminated quoted string")
    }

    /// A quoted constant whose opening quote is consumed: backslash escapes,
    /// no raw newline, ends at `quote`.
    private mutating func lexEscaped(until quote: UInt8, as kind: Token.Kind, unterminated: String) -> Bool {
        while true {
            guard let c = byte(at: pos) else {
                error(unterminated)
                return false
            }
            pos += 1
            if c == 0x5C {  // backslash
                guard let n = byte(at: pos), n != 0x0A else {
                    error(unterminated)
                    return false
                }
                pos += 1
            } else if c == 0x0A {
                error(unterminated)
                return false
            } else if c == quote {
                break
            }
        }
        emit(kind)
        return true
    }

    private mutating func lexRawQuote() -> Bool {
        while true {
            guard let c = byte(at: pos) else {
                error("unterminated raw quoted string")
                return false
            }
            pos += 1
            if c == UInt8(ascii: "`") { break }
        }
        emit(.rawString)
        return true
    }
}
