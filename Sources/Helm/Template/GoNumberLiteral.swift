/// Number, char and complex constants of the template language, read with Go's
/// `strconv` rules (base prefixes `0x 0o 0b`, a leading `0` for octal,
/// underscores between digits, hex floats with a `p` exponent).
enum GoNumberLiteral {
    struct Failure: Error {
        let message: String
    }

    /// Go's `newNumber`: every interpretation (int, uint, float, complex) the text allows.
    static func parse(_ text: String, kind: Token.Kind, position: Int) throws -> NumberNode {
        let node = NumberNode(position: position, text: text)
        if kind == .charConstant {
            let constant: (value: UInt32, wellFormed: Bool)
            do { constant = try GoQuote.charConstant(text) } catch { throw Failure(message: "invalid syntax") }
            guard constant.wellFormed else { throw Failure(message: "malformed character constant: \(text)") }
            let value = constant.value
            node.intValue = Int64(value)
            node.uintValue = UInt64(value)
            node.floatValue = Double(value)
            return node
        }
        if kind == .complex {
            guard let (re, im) = parseComplex(text) else {
                throw Failure(message: "expected integer")
            }
            node.complexValue = (re, im)
            simplifyComplex(node)
            return node
        }
        if text.hasSuffix("i"), let im = parseFloat(String(text.dropLast())) {
            node.complexValue = (0, im)
            simplifyComplex(node)
            return node
        }
        let unsigned = parseUint(text)
        if let unsigned { node.uintValue = unsigned }
        if let signed = parseInt(text) {
            node.intValue = signed
            if signed == 0 { node.uintValue = unsigned ?? 0 }
        }
        if let i = node.intValue {
            node.floatValue = Double(i)
        } else if let u = node.uintValue {
            node.floatValue = Double(u)
        } else if let f = parseFloat(text) {
            if !text.contains(where: { ".eEpP".contains($0) }) {
                throw Failure(message: "integer overflow: \(GoQuote.quote(text))")
            }
            node.floatValue = f
            if f.rounded(.towardZero) == f && Swift.abs(f) < 9.223372036854775807e18 {
                node.intValue = Int64(f)
            }
            if f >= 0 && f.rounded(.towardZero) == f && f < 1.8446744073709551615e19 {
                node.uintValue = UInt64(f)
            }
        }
        if node.intValue == nil && node.uintValue == nil && node.floatValue == nil {
            throw Failure(message: "illegal number syntax: \(GoQuote.quote(text))")
        }
        return node
    }

    private static func simplifyComplex(_ node: NumberNode) {
        guard let (re, im) = node.complexValue, im == 0 else { return }
        node.floatValue = re
        if re.rounded(.towardZero) == re && Swift.abs(re) < 9.223372036854775807e18 { node.intValue = Int64(re) }
        if re >= 0 && re.rounded(.towardZero) == re && re < 1.8446744073709551615e19 { node.uintValue = UInt64(re) }
    }

    /// `1+2i`, `-1.5-2e3i`: split before the sign of the imaginary part.
    private static func parseComplex(_ text: String) -> (Double, Double)? {
        let bytes = Array(text.utf8)
        guard bytes.last == UInt8(ascii: "i") else { return nil }
        var split: Int?
        var i = bytes.count - 2
        while i > 0 {
            let c = bytes[i]
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                let before = bytes[i - 1] | 0x20
                let isHex = bytes.count > 2 && bytes[1] | 0x20 == UInt8(ascii: "x")
                if !(before == UInt8(ascii: "e") && !isHex) && before != UInt8(ascii: "p") {
                    split = i
                    break
                }
            }
            i -= 1
        }
        guard let split else { return nil }
        let real = String(decoding: bytes[0..<split], as: UTF8.self)
        let imaginary = String(decoding: bytes[split..<(bytes.count - 1)], as: UTF8.self)
        guard let re = parseFloat(real), let im = parseFloat(imaginary) else { return nil }
        return (re, im)
    }

    // MARK: strconv

    /// `strconv.ParseUint(s, 0, 64)`.
    static func parseUint(_ text: String) -> UInt64? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var base: UInt64 = 10
        if bytes[0] == UInt8(ascii: "0") {
            if bytes.count >= 3, let prefixed = prefixBase(bytes[1]) {
                base = prefixed
                bytes.removeFirst(2)
            } else {
                base = 8
                bytes.removeFirst()
                if bytes.isEmpty { return 0 }
            }
        }
        if text.contains("_") && !underscoreOK(Array(text.utf8)) { return nil }
        var value: UInt64 = 0
        var sawDigit = false
        for c in bytes {
            if c == UInt8(ascii: "_") { continue }
            guard let digit = digitValue(c), digit < base else { return nil }
            let (m, overflow1) = value.multipliedReportingOverflow(by: base)
            let (a, overflow2) = m.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = a
            sawDigit = true
        }
        return sawDigit || base == 8 ? value : nil
    }

    /// `strconv.ParseInt(s, 0, 64)`.
    static func parseInt(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard let magnitude = parseUint(String(body)) else { return nil }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        if magnitude > UInt64(Int64.max) { return nil }
        return Int64(magnitude)
    }

    /// `strconv.ParseFloat(s, 64)` for the shapes the lexer produces; nil on a
    /// syntax error or when the value is out of range.
    static func parseFloat(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.contains(UInt8(ascii: "_")) {
            guard underscoreOK(bytes) else { return nil }
            bytes.removeAll { $0 == UInt8(ascii: "_") }
        }
        var body = bytes[...]
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { body = body.dropFirst() }
        guard let first = body.first else { return nil }
        let isHex = body.count > 1 && first == UInt8(ascii: "0") && body[body.startIndex + 1] | 0x20 == UInt8(ascii: "x")
        if isHex {
            // A hex mantissa needs a p exponent.
            guard body.contains(where: { $0 | 0x20 == UInt8(ascii: "p") }) else { return nil }
        } else {
            // Decimal: digits, optional point, optional exponent; at least one mantissa digit.
            var sawDigit = false
            var index = body.startIndex
            while index < body.endIndex, let _ = decimalDigit(body[index]) {
                sawDigit = true
                index += 1
            }
            if index < body.endIndex && body[index] == UInt8(ascii: ".") {
                index += 1
                while index < body.endIndex, let _ = decimalDigit(body[index]) {
                    sawDigit = true
                    index += 1
                }
            }
            guard sawDigit else { return nil }
            if index < body.endIndex && body[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < body.endIndex && (body[index] == UInt8(ascii: "+") || body[index] == UInt8(ascii: "-")) {
                    index += 1
                }
                var sawExponent = false
                while index < body.endIndex, let _ = decimalDigit(body[index]) {
                    sawExponent = true
                    index += 1
                }
                guard sawExponent else { return nil }
            }
            guard index == body.endIndex else { return nil }
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    private static func decimalDigit(_ c: UInt8) -> UInt8? {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? c - UInt8(ascii: "0") : nil
    }

    private static func prefixBase(_ c: UInt8) -> UInt64? {
        switch c | 0x20 {
        case UInt8(ascii: "x"): return 16
        case UInt8(ascii: "o"): return 8
        case UInt8(ascii: "b"): return 2
        default: return nil
        }
    }

    private static func digitValue(_ c: UInt8) -> UInt64? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt64(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt64(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Go's `underscoreOK`: underscores only between digits or after a base prefix.
    static func underscoreOK(_ text: [UInt8]) -> Bool {
        var s = text[...]
        if let first = s.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { s = s.dropFirst() }
        var saw = UInt8(ascii: "^")
        var i = s.startIndex
        var hex = false
        if s.count >= 2 && s[i] == UInt8(ascii: "0"), prefixBase(s[i + 1]) != nil {
            hex = s[i + 1] | 0x20 == UInt8(ascii: "x")
            i += 2
            saw = UInt8(ascii: "0")
        }
        while i < s.endIndex {
            let c = s[i]
            if decimalDigit(c) != nil || (hex && (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "f")) {
                saw = UInt8(ascii: "0")
            } else if c == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
            } else {
                if saw == UInt8(ascii: "_") { return false }
                saw = UInt8(ascii: "!")
            }
            i += 1
        }
        return saw != UInt8(ascii: "_")
    }
}
