/// Which texts Go's `strconv.ParseInt`/`ParseUint`/`ParseFloat` accept
/// (base 0: `0x`, `0o`, `0b` and leading-`0` octal prefixes, `_` separators
/// between digits). Used to decide what go-yaml v2 would read as a number,
/// and by Helm's functions that parse numbers as Go does.
public enum GoSyntax {
    /// `strconv.ParseInt(s, 0, 64)`, nil on any error.
    public static func parseInt(_ s: String) -> Int64? {
        var copy = s
        return copy.withUTF8 { buf in
            guard let (negative, magnitude) = parseInteger(buf, allowSign: true) else { return nil }
            return negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
        }
    }

    /// `strconv.ParseFloat(s, 64)`, nil on any error (syntax or overflow).
    public static func parseFloat(_ s: String) -> Double? {
        var copy = s
        return copy.withUTF8 { parseFloat($0) }
    }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { c | 0x20 }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Value of an ASCII digit in bases up to 16, or nil.
    @inline(__always) static func digitValue(_ c: UInt8) -> UInt64? {
        if isDigit(c) { return UInt64(c - 48) }
        let l = lower(c)
        if l >= UInt8(ascii: "a"), l <= UInt8(ascii: "f") { return UInt64(l - UInt8(ascii: "a") + 10) }
        return nil
    }

    /// `strconv.ParseInt(s, 0, 64)` (allowSign) or `strconv.ParseUint(s, 0, 64)` succeeds.
    static func isParseInt(_ s: UnsafeBufferPointer<UInt8>, allowSign: Bool) -> Bool {
        parseInteger(s, allowSign: allowSign) != nil
    }

    /// The value `strconv.ParseInt(s, 0, 64)` (allowSign) or `ParseUint(s, 0, 64)` returns,
    /// as (negative, magnitude); nil on a syntax or range error.
    static func parseInteger(_ s: UnsafeBufferPointer<UInt8>, allowSign: Bool) -> (negative: Bool, magnitude: UInt64)? {
        var i = 0
        var negative = false
        if allowSign, i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            negative = s[i] == UInt8(ascii: "-")
            i += 1
        }
        let body = UnsafeBufferPointer(rebasing: s[i...])
        guard !body.isEmpty else { return nil }
        var base: UInt64 = 10
        var j = 0
        if body[0] == UInt8(ascii: "0") {
            if body.count >= 3, lower(body[1]) == UInt8(ascii: "b") {
                base = 2; j = 2
            } else if body.count >= 3, lower(body[1]) == UInt8(ascii: "o") {
                base = 8; j = 2
            } else if body.count >= 3, lower(body[1]) == UInt8(ascii: "x") {
                base = 16; j = 2
            } else {
                base = 8; j = 1
            }
        }
        var value: UInt64 = 0
        var underscores = false
        while j < body.count {
            let c = body[j]
            j += 1
            if c == UInt8(ascii: "_") {
                underscores = true
                continue
            }
            guard let d = digitValue(c), d < base else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = a
        }
        if underscores, !underscoreOK(s) { return nil }
        if allowSign {
            if negative ? value > UInt64(1) << 63 : value >= UInt64(1) << 63 { return nil }
        }
        return (negative, value)
    }

    /// `strconv.ParseInt(s, 2, 64)` (with its sign) or, failing that,
    /// `ParseUint(s, 2, 64)`; no `_` allowed with an explicit base.
    static func isBinaryInt(_ s: UnsafeBufferPointer<UInt8>, allowSign: Bool) -> Bool {
        var i = 0
        var signed = false
        if allowSign, i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            signed = true
            i += 1
        } else if !allowSign {
            signed = true  // the caller put a '-' in front
        }
        guard i < s.count else { return false }
        var value: UInt64 = 0
        while i < s.count {
            let c = s[i]
            guard c == UInt8(ascii: "0") || c == UInt8(ascii: "1") else { return false }
            if value >> 63 != 0 { return false }
            value = value << 1 | UInt64(c - 48)
            i += 1
        }
        return signed ? value <= UInt64(1) << 63 : true
    }

    /// Go's rule for `_` in number literals: only between digits, or between a
    /// base prefix and a digit.
    static func underscoreOK(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var saw: UInt8 = UInt8(ascii: "^")
        var i = 0
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        var hex = false
        if s.count - i >= 2, s[i] == UInt8(ascii: "0"),
            [UInt8(ascii: "b"), UInt8(ascii: "o"), UInt8(ascii: "x")].contains(lower(s[i + 1]))
        {
            hex = lower(s[i + 1]) == UInt8(ascii: "x")
            i += 2
            saw = UInt8(ascii: "0")
        }
        while i < s.count {
            let c = s[i]
            i += 1
            if isDigit(c) || (hex && lower(c) >= UInt8(ascii: "a") && lower(c) <= UInt8(ascii: "f")) {
                saw = UInt8(ascii: "0")
                continue
            }
            if c == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
                continue
            }
            if saw == UInt8(ascii: "_") { return false }
            saw = UInt8(ascii: "!")
        }
        return saw != UInt8(ascii: "_")
    }

    /// `strconv.ParseFloat(s, 64)` succeeds: decimal or hexadecimal syntax,
    /// `inf`/`infinity`/`nan`, and no overflow to ±Inf.
    static func isParseFloat(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        parseFloat(s) != nil
    }

    /// The value `strconv.ParseFloat(s, 64)` returns, or nil on an error.
    static func parseFloat(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let n = s.count
        guard n > 0 else { return nil }
        var negative = false
        if s[0] == UInt8(ascii: "+") || s[0] == UInt8(ascii: "-") {
            negative = s[0] == UInt8(ascii: "-")
            i = 1
        }
        let rest = String(decoding: UnsafeBufferPointer(rebasing: s[i...]), as: UTF8.self).lowercased()
        if rest == "inf" || rest == "infinity" { return negative ? -.infinity : .infinity }
        if rest == "nan" { return i == 0 ? .nan : nil }
        var hex = false
        if n - i >= 2, s[i] == UInt8(ascii: "0"), lower(s[i + 1]) == UInt8(ascii: "x") {
            hex = true
            i += 2
        }
        var mantissaDigits = 0
        var sawDot = false
        var underscores = false
        var clean: [UInt8] = []
        clean.reserveCapacity(n)
        while i < n {
            let c = s[i]
            if c == UInt8(ascii: "_") {
                underscores = true
            } else if c == UInt8(ascii: ".") {
                if sawDot { return nil }
                sawDot = true
                clean.append(c)
            } else if isDigit(c) || (hex && digitValue(c) != nil) {
                mantissaDigits += 1
                clean.append(c)
            } else {
                break
            }
            i += 1
        }
        guard mantissaDigits > 0 else { return nil }
        if i < n, lower(s[i]) == (hex ? UInt8(ascii: "p") : UInt8(ascii: "e")) {
            clean.append(s[i])
            i += 1
            if i < n, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                clean.append(s[i])
                i += 1
            }
            var expDigits = 0
            while i < n, isDigit(s[i]) || s[i] == UInt8(ascii: "_") {
                if s[i] == UInt8(ascii: "_") { underscores = true } else {
                    expDigits += 1
                    clean.append(s[i])
                }
                i += 1
            }
            guard expDigits > 0 else { return nil }
        } else if hex {
            return nil  // a hexadecimal mantissa needs a 'p' exponent
        }
        guard i == n else { return nil }
        if underscores, !underscoreOK(s) { return nil }
        let text = (negative ? "-" : "") + (hex ? "0x" : "") + String(decoding: clean, as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
