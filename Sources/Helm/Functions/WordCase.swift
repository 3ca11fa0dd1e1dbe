/// huandu/xstrings v1.5 word-case conversions behind Sprig's `snakecase`,
/// `kebabcase` (split into words at case, number and punctuation changes,
/// joined with `_` or `-`) and `camelcase` (xstrings' ToPascalCase: drop
/// connectors and capitalise what follows them).
enum WordCase {
    private enum WordType { case invalid, number, upperCase, alphabet, connector, punct, other }

    private static let replacement: Unicode.Scalar = "\u{FFFD}"

    static func isConnector(_ r: Unicode.Scalar) -> Bool { r == "-" || r == "_" || GoText.isSpace(r) }

    private static func isUpper(_ r: Unicode.Scalar) -> Bool {
        r.properties.generalCategory == .uppercaseLetter
    }

    private static func isPunct(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    private static func isNumber(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// A letter, but not a CJK ideograph.
    private static func isAlphabet(_ r: Unicode.Scalar) -> Bool {
        guard GoText.isLetter(r) else { return false }
        switch r.value {
        case 0..<0x3400: return true
        case 0x4E00...0x9FCC, 0x3400...0x4D85, 0x20000...0x2B81D: return false
        default: return true
        }
    }

    /// The next rune that is not U+FFFD (Go's RuneError), and how many were read.
    private static func nextValid(_ s: [Unicode.Scalar], _ at: Int, previous: Unicode.Scalar) -> (Unicode.Scalar, Int) {
        var size = 0
        var i = at
        while i < s.count {
            size += 1
            if s[i] != replacement { return (s[i], size) }
            i += 1
        }
        return (previous, size)
    }

    /// The word starting at `start`: its type and where it ends.
    private static func nextWord(_ s: [Unicode.Scalar], _ start: Int) -> (WordType, Int) {
        guard start < s.count else { return (.invalid, start) }
        var (r, size) = nextValid(s, start, previous: replacement)
        var end = start + size
        if r == replacement { return (.invalid, end) }
        /// Extends the word while `take` holds for the next rune.
        func extend(_ take: (Unicode.Scalar) -> Bool) {
            while end < s.count {
                (r, size) = nextValid(s, end, previous: r)
                if !take(r) { break }
                end += size
            }
        }
        if isConnector(r) {
            extend(isConnector)
            return (.connector, end)
        }
        if isPunct(r) {
            extend(isPunct)
            return (.punct, end)
        }
        if isUpper(r) {
            guard end < s.count else { return (.upperCase, end) }
            (r, size) = nextValid(s, end, previous: r)
            if isUpper(r) {
                var previousSize = size
                end += size
                while end < s.count {
                    (r, size) = nextValid(s, end, previous: r)
                    if !isUpper(r) { break }
                    previousSize = size
                    end += size
                }
                // "HTTPStatus": the S starts the next word.
                if end < s.count && isAlphabet(r) { end -= previousSize }
            } else if isAlphabet(r) {
                end += size
                extend { isAlphabet($0) && !isUpper($0) }
            }
            return (.upperCase, end)
        }
        if isAlphabet(r) {
            extend { isAlphabet($0) && !isUpper($0) }
            return (.alphabet, end)
        }
        if isNumber(r) {
            extend(isNumber)
            return (.number, end)
        }
        extend { !(isConnector($0) || isAlphabet($0) || isNumber($0) || isPunct($0)) }
        return (.other, end)
    }

    /// xstrings' toLower: upper-case words and connectors are rewritten.
    private static func append(_ out: inout String.UnicodeScalarView, _ type: WordType, _ word: ArraySlice<Unicode.Scalar>, _ connector: Unicode.Scalar) {
        guard type == .upperCase || type == .connector else {
            out.append(contentsOf: word)
            return
        }
        for r in word {
            if isConnector(r) {
                out.append(connector)
            } else if isUpper(r) {
                out.append(GoText.toLower(r))
            } else {
                out.append(r)
            }
        }
    }

    /// ToSnakeCase (`_`) and ToKebabCase (`-`).
    static func lowerCase(_ string: String, connector: Unicode.Scalar) -> String {
        let s = Array(string.unicodeScalars)
        guard !s.isEmpty else { return "" }
        var out = String.UnicodeScalarView()
        var start = 0
        var (type, end) = nextWord(s, start)
        func advance() {
            start = end
            (type, end) = nextWord(s, start)
        }
        while end < s.count {
            if type != .connector { append(&out, type, s[start..<end], connector) }
            let previous = type
            let last = s[start..<end]
            advance()
            switch previous {
            case .number:
                while type == .alphabet || type == .number {
                    append(&out, type, s[start..<end], connector)
                    advance()
                }
                if type != .invalid && type != .punct && type != .connector { out.append(connector) }
            case .connector:
                append(&out, previous, last, connector)
            case .punct:
                break
            default:
                if type != .number {
                    if type != .connector && type != .punct { out.append(connector) }
                    break
                }
                if end >= s.count { break }
                let number = s[start..<end]
                advance()
                // A number followed by letters starts a new word ("HTTP2xx" → "http_2xx"); otherwise it ends the word.
                if type != .alphabet {
                    append(&out, .number, number, connector)
                    if type != .connector && type != .punct { out.append(connector) }
                    break
                }
                out.append(connector)
                append(&out, .number, number, connector)
                while type == .alphabet || type == .number {
                    append(&out, type, s[start..<end], connector)
                    advance()
                }
                if type != .invalid && type != .connector && type != .punct { out.append(connector) }
            }
        }
        append(&out, type, s[start..<end], connector)
        return String(out)
    }

    /// ToPascalCase: connectors dropped, the rune after one upper-cased, runs of
    /// capitals after a leading capital lower-cased.
    static func pascalCase(_ string: String) -> String {
        var scalars = string.unicodeScalars.makeIterator()
        var out = String.UnicodeScalarView()
        var firstRuneUpper = false
        var r0: Unicode.Scalar = replacement
        var sawAny = false
        var rest = false
        while let r = scalars.next() {
            sawAny = true
            r0 = r
            if !isConnector(r0) {
                firstRuneUpper = isUpper(r0)
                r0 = GoText.toUpper(r0)
                rest = true
                break
            }
            out.append(r0)
        }
        guard sawAny else { return "" }
        var next = scalars.next()
        if !rest || next == nil {
            out.append(r0)
            return String(out)
        }
        while let r = next {
            let r1 = r0
            r0 = r
            next = scalars.next()
            if isConnector(r0) && isConnector(r1) {
                out.append(r1)
                continue
            }
            if isConnector(r1) {
                firstRuneUpper = isUpper(r0)
                r0 = GoText.toUpper(r0)
            } else {
                if firstRuneUpper {
                    if isUpper(r0) { r0 = GoText.toLower(r0) } else { firstRuneUpper = false }
                }
                out.append(r1)
            }
        }
        out.append(r0)
        return String(out)
    }
}
