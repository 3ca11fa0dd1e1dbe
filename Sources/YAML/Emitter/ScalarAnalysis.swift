/// The styles a scalar can be written in.
enum ScalarStyle {
    case plain, singleQuoted, doubleQuoted, literal
}

/// libyaml's scalar analysis: which styles can represent a string without
/// changing it (HELM-NOTES §4.4 step 3–4). Works on UTF-8 bytes.
struct ScalarAnalysis {
    var multiline = false
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = true

    /// `tabsInBlocks`: go-yaml v3 lets a tab stay in a literal block (v2 quotes the string).
    init(_ v: UnsafeBufferPointer<UInt8>, tabsInBlocks: Bool = false) {
        let n = v.count
        if n == 0 {
            blockAllowed = false
            return
        }
        var blockIndicators = false
        var lineBreaks = false
        var specialCharacters = false
        var tabCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false

        if n >= 3, (v[0] == UInt8(ascii: "-") && v[1] == UInt8(ascii: "-") && v[2] == UInt8(ascii: "-"))
            || (v[0] == UInt8(ascii: ".") && v[1] == UInt8(ascii: ".") && v[2] == UInt8(ascii: "."))
        {
            blockIndicators = true
        }
        var precededByWhitespace = true
        var i = 0
        while i < n {
            let c = v[i]
            // Fast path for the common case: a visible ASCII character after the first,
            // which only matters as `:` before white space or `#` after it.
            if i > 0 && c > 32 && c < 127 && c != UInt8(ascii: ":") && c != UInt8(ascii: "#") {
                previousSpace = false
                previousBreak = false
                precededByWhitespace = false
                i += 1
                continue
            }
            let w = Self.width(c)
            let followedByWhitespace = i + w >= n || v[i + w] == 32 || v[i + w] == 9
            if i == 0 {
                switch c {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                    UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                    UInt8(ascii: "`"):
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                    if followedByWhitespace { blockIndicators = true }
                default: break
                }
            } else {
                if c == UInt8(ascii: ":") && followedByWhitespace { blockIndicators = true }
                if c == UInt8(ascii: "#") && precededByWhitespace { blockIndicators = true }
            }
            if tabsInBlocks && c == 9 {
                tabCharacters = true
            } else if !Self.isPrintable(v, i) {
                specialCharacters = true
            }
            if c == 32 {
                if i == 0 { leadingSpace = true }
                if i + w == n { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if Self.isBreak(v, i) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i + w == n { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = c == 32 || c == 9 || c == 0 || Self.isBreak(v, i)
            i += w
        }
        multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak { blockPlainAllowed = false }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || tabCharacters || specialCharacters {
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters { blockAllowed = false }
        if lineBreaks { blockPlainAllowed = false }
        if blockIndicators { blockPlainAllowed = false }
    }

    /// The style libyaml settles on for a block-context scalar.
    static func select(_ requested: ScalarStyle, _ a: ScalarAnalysis, isEmpty: Bool, simpleKey: Bool) -> ScalarStyle {
        var style = requested
        if simpleKey && a.multiline { style = .doubleQuoted }
        if style == .plain {
            if !a.blockPlainAllowed || (isEmpty && simpleKey) { style = .singleQuoted }
        }
        if style == .singleQuoted && !a.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!a.blockAllowed || simpleKey) { style = .doubleQuoted }
        return style
    }

    static func hasLineBreak(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < v.count {
            if isBreak(v, i) { return true }
            i += width(v[i])
        }
        return false
    }

    // MARK: Character classes (libyaml's, on UTF-8 lead bytes)

    @inline(__always) static func width(_ b: UInt8) -> Int {
        if b & 0x80 == 0 { return 1 }
        if b & 0xE0 == 0xC0 { return 2 }
        if b & 0xF0 == 0xE0 { return 3 }
        if b & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    @inline(__always) static func byte(_ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt8 {
        i < v.count ? v[i] : 0
    }

    /// CR, LF, NEL, LS, PS.
    @inline(__always) static func isBreak(_ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = v[i]
        if c == 10 || c == 13 { return true }
        if c == 0xC2 { return byte(v, i + 1) == 0x85 }
        if c == 0xE2 { return byte(v, i + 1) == 0x80 && (byte(v, i + 2) == 0xA8 || byte(v, i + 2) == 0xA9) }
        return false
    }

    /// libyaml's is_printable: LF, visible ASCII and space, and the BMP minus
    /// C1 controls, surrogates, BOM, U+FFFE/FFFF. Tabs and astral characters are not.
    @inline(__always) static func isPrintable(_ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = v[i]
        if c == 0x0A || (c >= 0x20 && c <= 0x7E) { return true }
        if c == 0xC2 { return byte(v, i + 1) >= 0xA0 }
        if c > 0xC2 && c < 0xED { return true }
        if c == 0xED { return byte(v, i + 1) < 0xA0 }
        if c == 0xEE { return true }
        if c == 0xEF {
            let b1 = byte(v, i + 1), b2 = byte(v, i + 2)
            return !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF))
        }
        return false
    }

    /// libyaml's is_bom looks at the start of the whole value, not at `i`.
    @inline(__always) static func startsWithBOM(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        v.count >= 3 && v[0] == 0xEF && v[1] == 0xBB && v[2] == 0xBF
    }
}
