/// Go's `strconv` formatting of a float64 with the shortest digits that read
/// back to the same value, in the layouts the project must reproduce byte for
/// byte: `'g'` (`%v`, go-yaml), `'f'`/`'e'` (encoding/json).
///
/// The shortest round-trip digits come from Swift's own `description`, which
/// (like Go's Ryū-based strconv) picks the shortest digit string closest to
/// the exact value; only the layout differs.
public enum GoFloat {
    /// The shortest decimal digits of |x| and the position of the decimal point:
    /// |x| = 0.d₁d₂…dₙ × 10^decimalPoint. Zero has digits `[]`.
    public struct Decimal: Sendable, Equatable {
        public var digits: [UInt8]  // ASCII '0'…'9', no leading or trailing zeros
        public var decimalPoint: Int
        public var negative: Bool
    }

    /// Splits a finite `x` into its shortest digits.
    public static func decimal(_ x: Double) -> Decimal {
        let negative = x.sign == .minus
        if x == 0 { return Decimal(digits: [], decimalPoint: 0, negative: negative) }
        var digits: [UInt8] = []
        digits.reserveCapacity(17)
        var pointAt: Int? = nil  // digits before '.'
        var exponent = 0
        var seenE = false
        var expNegative = false
        for c in abs(x).description.utf8 {
            if seenE {
                if c == UInt8(ascii: "-") { expNegative = true } else if c != UInt8(ascii: "+") {
                    exponent = exponent * 10 + Int(c &- 48)
                }
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                seenE = true
            } else if c == UInt8(ascii: ".") {
                pointAt = digits.count
            } else {
                digits.append(c)
            }
        }
        if expNegative { exponent = -exponent }
        var point = (pointAt ?? digits.count) + exponent
        // Strip leading zeros ("0.0001") and trailing zeros ("100000.0").
        var lead = 0
        while lead < digits.count, digits[lead] == UInt8(ascii: "0") { lead += 1 }
        point -= lead
        var end = digits.count
        while end > lead, digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
        return Decimal(digits: Array(digits[lead..<end]), decimalPoint: point, negative: negative)
    }

    /// `strconv.FormatFloat(x, 'g', -1, 64)`: what Go's `%v` and go-yaml print.
    /// Infinities and NaN come out as `+Inf`, `-Inf`, `NaN`.
    public static func shortestG(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Inf" : "+Inf" }
        let d = decimal(x)
        if d.digits.isEmpty { return d.negative ? "-0" : "0" }
        let exp = d.decimalPoint - 1
        // In shortest mode Go decides with precision 6: 123456 stays, 1234567 is 1.234567e+06.
        if exp < -4 || exp >= 6 { return layoutE(d) }
        return layoutF(d)
    }

    /// encoding/json's float64: `'f'` unless |x| < 1e-6 or |x| ≥ 1e21, then `'e'`
    /// with a one-digit negative exponent trimmed (`1e-7`). Nil for NaN and ±Inf,
    /// which JSON cannot represent.
    public static func json(_ x: Double) -> String? {
        if !x.isFinite { return nil }
        let a = abs(x)
        let d = decimal(x)
        if a != 0 && (a < 1e-6 || a >= 1e21) {
            var s = layoutE(d)
            // "1e-07" → "1e-7"
            let u = Array(s.utf8)
            let n = u.count
            if n >= 4, u[n - 4] == UInt8(ascii: "e"), u[n - 3] == UInt8(ascii: "-"), u[n - 2] == UInt8(ascii: "0") {
                s = String(decoding: u[0..<(n - 2)] + [u[n - 1]], as: UTF8.self)
            }
            return s
        }
        return layoutF(d)
    }

    /// `'e'` layout with shortest digits: `d.ddde±XX`.
    public static func layoutE(_ d: Decimal) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(d.digits.count + 8)
        if d.negative { out.append(UInt8(ascii: "-")) }
        if d.digits.isEmpty {
            out.append(UInt8(ascii: "0"))
        } else {
            out.append(d.digits[0])
            if d.digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: d.digits[1...])
            }
        }
        out.append(UInt8(ascii: "e"))
        var exp = d.digits.isEmpty ? 0 : d.decimalPoint - 1
        out.append(exp < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        exp = abs(exp)
        if exp < 10 { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: String(exp).utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// `'f'` layout with shortest digits: no exponent, no trailing zeros.
    public static func layoutF(_ d: Decimal) -> String {
        var out: [UInt8] = []
        if d.negative { out.append(UInt8(ascii: "-")) }
        if d.digits.isEmpty {
            out.append(UInt8(ascii: "0"))
            return String(decoding: out, as: UTF8.self)
        }
        let nd = d.digits.count
        let dp = d.decimalPoint
        if dp <= 0 {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -dp))
            out.append(contentsOf: d.digits)
        } else if dp >= nd {
            out.append(contentsOf: d.digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: dp - nd))
        } else {
            out.append(contentsOf: d.digits[0..<dp])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: d.digits[dp...])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
