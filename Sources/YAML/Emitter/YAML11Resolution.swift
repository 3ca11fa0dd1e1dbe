/// Would a string, written plain, read back as something other than a string
/// under go-yaml v2's YAML 1.1 rules? The emitter double-quotes such strings
/// (HELM-NOTES §4.4 step 2), exactly where go-yaml v2 does: bool words
/// (`yes`, `on`, `n`…), nulls, ints in every base, floats, `.inf`/`.nan`,
/// timestamps, and base-60 floats like `12:30`.
enum YAML11Resolution {
    /// True when `s` written plain would not be read back as this string.
    static func needsQuotes(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = s.first else { return true }  // "" is null
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return resolvesAsNumberOrTime(s) || isBase60Float(s)
        case UInt8(ascii: "."):
            return isSpecialWord(s) || GoSyntax.isParseFloat(s)
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return isSpecialWord(s)
        default:
            return false
        }
    }

    /// The fixed words of go-yaml v2's resolve map (bools, nulls, .inf/.nan).
    static func isSpecialWord(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count <= 6 else { return false }
        for word in specialWords where word.count == s.count {
            if word.elementsEqual(s) { return true }
        }
        return false
    }

    private static let specialWords: [[UInt8]] = [
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
        "~", "null", "Null", "NULL",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
        "-.inf", "-.Inf", "-.INF",
    ].map { Array($0.utf8) }

    /// The 'D'/'S' branch of go-yaml v2's resolve: timestamp, then int, uint,
    /// YAML-style float, and the `0b`/`-0b` fallbacks, on the text without `_`.
    private static func resolvesAsNumberOrTime(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        if isSpecialWord(s) { return true }
        if GoTimestamp.isYAMLTimestamp(s) { return true }
        var plain: [UInt8] = []
        plain.reserveCapacity(s.count)
        for c in s where c != UInt8(ascii: "_") { plain.append(c) }
        return plain.withUnsafeBufferPointer { p in
            if GoSyntax.isParseInt(p, allowSign: true) { return true }
            if GoSyntax.isParseInt(p, allowSign: false) { return true }  // uint range
            if isYAMLStyleFloat(p), GoSyntax.isParseFloat(p) { return true }
            if p.count > 2, p[0] == UInt8(ascii: "0"), p[1] == UInt8(ascii: "b") {
                return GoSyntax.isBinaryInt(UnsafeBufferPointer(rebasing: p[2...]), allowSign: true)
            }
            if p.count > 3, p[0] == UInt8(ascii: "-"), p[1] == UInt8(ascii: "0"), p[2] == UInt8(ascii: "b") {
                return GoSyntax.isBinaryInt(UnsafeBufferPointer(rebasing: p[3...]), allowSign: false)
            }
            return false
        }
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    static func isYAMLStyleFloat(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = s.count
        func digits() -> Int {
            let start = i
            while i < n, s[i] >= 48, s[i] <= 57 { i += 1 }
            return i - start
        }
        if i < n, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        if i < n, s[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        } else {
            if digits() == 0 { return false }
            if i < n, s[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < n, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == n
    }

    /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$` (go-yaml quotes these
    /// for the sake of YAML 1.1 readers).
    static func isBase60Float(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.contains(UInt8(ascii: ":")) else { return false }
        var i = 0
        let n = s.count
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if i < n, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n, isDigit(s[i]) else { return false }
        i += 1
        while i < n, isDigit(s[i]) || s[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < n, s[i] == UInt8(ascii: ":") {
            i += 1
            // [0-5]?[0-9]: one or two digits, a two-digit group starts with 0–5.
            guard i < n, isDigit(s[i]) else { return false }
            if i + 1 < n, isDigit(s[i + 1]), s[i] <= UInt8(ascii: "5") {
                i += 2
            } else {
                i += 1
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < n, s[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, isDigit(s[i]) || s[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == n
    }
}
