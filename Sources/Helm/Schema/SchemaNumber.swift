/// A number as the schema validator compares it: an exact decimal (Go's
/// big.Rat of the number's text), so `0.1` in a schema equals the float64
/// 0.1 of a value, whose shortest text is `0.1`.
struct SchemaNumber: Comparable {
    var negative: Bool
    /// Digits and decimal point; no digits is zero.
    var magnitude: GoFloatFormat.Decimal

    /// A JSON number literal or a Go `%v` of a number (`-1.5e+06`).
    init?(literal: String) {
        var bytes = Array(literal.utf8)
        negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { bytes.removeFirst() }
        guard let first = bytes.first, (48...57).contains(first) || first == UInt8(ascii: ".") else { return nil }
        magnitude = GoFloatFormat.parseDecimal(bytes)
        if magnitude.digits.isEmpty { negative = false }
    }

    init(_ value: Double) {
        negative = value < 0
        magnitude = GoFloatFormat.shortestDigits(Swift.abs(value), bitSize: 64)
        if magnitude.digits.isEmpty { negative = false }
    }

    /// The number a value holds (float64 from files, int64 from --set), if it is one.
    init?(_ value: GoValue) {
        switch value {
        case .float64(let d):
            guard d.isFinite else { return nil }
            self.init(d)
        case .int(let i): self.init(literal: String(i))
        case .int64(let i): self.init(literal: String(i))
        default: return nil
        }
    }

    var isZero: Bool { magnitude.digits.isEmpty }
    var isInteger: Bool { magnitude.digits.count <= magnitude.point }

    /// The nearest float64 (big.Rat's Float64), for error messages.
    var double: Double {
        if isZero { return 0 }
        let text = "0." + String(decoding: magnitude.digits, as: UTF8.self) + "e\(magnitude.point)"
        let d = Double(text) ?? .infinity
        return negative ? -d : d
    }

    static func < (a: SchemaNumber, b: SchemaNumber) -> Bool {
        if a.negative != b.negative { return a.negative }
        let less = magnitudeLess(a.magnitude, b.magnitude)
        let greater = magnitudeLess(b.magnitude, a.magnitude)
        return a.negative ? greater : less
    }

    static func == (a: SchemaNumber, b: SchemaNumber) -> Bool {
        a.negative == b.negative && a.magnitude.digits == b.magnitude.digits
            && (a.magnitude.digits.isEmpty || a.magnitude.point == b.magnitude.point)
    }

    private static func magnitudeLess(_ a: GoFloatFormat.Decimal, _ b: GoFloatFormat.Decimal) -> Bool {
        if a.digits.isEmpty || b.digits.isEmpty { return a.digits.isEmpty && !b.digits.isEmpty }
        if a.point != b.point { return a.point < b.point }
        return a.digits.lexicographicallyPrecedes(b.digits)
    }

    /// Whether `self / divisor` is an integer (`multipleOf`); `divisor` is not zero.
    func isMultiple(of divisor: SchemaNumber) -> Bool {
        if isZero { return true }
        // self = A·10^ea and divisor = B·10^eb with A, B the digit strings.
        let ea = magnitude.point - magnitude.digits.count
        let eb = divisor.magnitude.point - divisor.magnitude.digits.count
        let shift = ea - eb
        if Swift.abs(shift) > 4096 {
            // Beyond any float64 or sensible schema: decide on the nearest floats.
            let q = double / divisor.double
            return q.isFinite && q == q.rounded(.towardZero)
        }
        let dividend = magnitude.digits.map { $0 - 48 } + [UInt8](repeating: 0, count: Swift.max(shift, 0))
        let modulus = divisor.magnitude.digits.map { $0 - 48 } + [UInt8](repeating: 0, count: Swift.max(-shift, 0))
        return Self.remainderIsZero(dividend, modulus)
    }

    /// Long division on decimal digit arrays (most significant first).
    private static func remainderIsZero(_ dividend: [UInt8], _ modulus: [UInt8]) -> Bool {
        var remainder: [UInt8] = []
        for digit in dividend {
            if !(remainder.isEmpty && digit == 0) { remainder.append(digit) }
            while !lessDigits(remainder, modulus) { remainder = subtract(remainder, modulus) }
        }
        return remainder.isEmpty
    }

    private static func lessDigits(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a.count != b.count { return a.count < b.count }
        return a.lexicographicallyPrecedes(b)
    }

    /// a − b for a ≥ b, without leading zeros.
    private static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result = a
        var borrow: Int = 0
        for k in 0..<a.count {
            let i = a.count - 1 - k
            let j = b.count - 1 - k
            var d = Int(a[i]) - borrow - (j >= 0 ? Int(b[j]) : 0)
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 10 }
            result[i] = UInt8(d)
        }
        let firstNonZero = result.firstIndex { $0 != 0 } ?? result.count
        return Array(result[firstNonZero...])
    }
}

/// Numbers as golang.org/x/text's English printer writes them in the
/// validator's messages: integers grouped (`1,000`), floats with their
/// shortest digits, grouped, or `1.5×10⁰⁶` where Go's `%v` would write `1.5e+06`.
enum LocalizedNumber {
    static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + grouped(Substring(digits))
    }

    static func float(_ value: Double) -> String {
        let sign = value < 0 ? "-" : ""
        let d = GoFloatFormat.shortestDigits(Swift.abs(value), bitSize: 64)
        if d.digits.isEmpty { return "0" }
        let digits = String(decoding: d.digits, as: UTF8.self)
        let exponent = d.point - 1
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            return sign + mantissa + "×10" + superscript(exponent)
        }
        if d.point <= 0 {
            return sign + "0." + String(repeating: "0", count: -d.point) + digits
        }
        if d.point >= digits.count {
            return sign + grouped(Substring(digits + String(repeating: "0", count: d.point - digits.count)))
        }
        let integerPart = digits.prefix(d.point)
        return sign + grouped(integerPart) + "." + digits.dropFirst(d.point)
    }

    private static func grouped(_ digits: Substring) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    /// `⁰⁶`, `²¹`, `⁻⁰⁵`: at least two digits.
    private static func superscript(_ exponent: Int) -> String {
        let figures: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        var digits = String(exponent.magnitude)
        if digits.count < 2 { digits = "0" + digits }
        return (exponent < 0 ? "⁻" : "") + String(digits.map { figures[Int($0.asciiValue ?? 48) - 48] })
    }
}
