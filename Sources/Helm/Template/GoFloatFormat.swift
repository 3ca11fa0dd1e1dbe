import YAML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Go's `strconv.FormatFloat`: the shortest decimal that reads back as the
/// same float (precision -1), or a correctly rounded one with a given
/// precision, in Go's `e`, `f`, `g`, `b` and `x` layouts.
///
/// `%v` of a float64 is `g` with the shortest digits, which is why
/// `1000000.0` prints as `1e+06` (HELM-NOTES §1.9). toJson and the YAML
/// emitter use the same digits.
public enum GoFloatFormat {
    /// `strconv.FormatFloat(value, format, precision, bitSize)`.
    /// `format` is one of `e E f F g G b x X`; `bitSize` is 64 or 32.
    public static func format(_ value: Double, _ format: Character, precision: Int = -1, bitSize: Int = 64)
        -> String
    {
        var out: [UInt8] = []
        append(value, format, precision: precision, bitSize: bitSize, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the formatted float to `out`.
    public static func append(
        _ value: Double, _ format: Character, precision: Int = -1, bitSize: Int = 64, to out: inout [UInt8]
    ) {
        let fmt = format.asciiValue ?? UInt8(ascii: "g")
        if value.isNaN {
            out.append(contentsOf: "NaN".utf8)
            return
        }
        if value.isInfinite {
            out.append(contentsOf: (value < 0 ? "-Inf" : "+Inf").utf8)
            return
        }
        switch fmt {
        case UInt8(ascii: "b"):
            appendBinary(value, bitSize: bitSize, to: &out)
            return
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            appendHex(value, fmt, precision: precision, bitSize: bitSize, to: &out)
            return
        default:
            break
        }
        let negative = value.sign == .minus
        let magnitude = Swift.abs(value)
        let digits: Decimal
        var prec = precision
        let shortest = precision < 0
        if shortest {
            digits = shortestDigits(magnitude, bitSize: bitSize)
            switch fmt {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): prec = Swift.max(digits.count - 1, 0)
            case UInt8(ascii: "f"), UInt8(ascii: "F"): prec = Swift.max(digits.count - digits.point, 0)
            default: prec = digits.count
            }
        } else {
            switch fmt {
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                digits = roundedDigits(magnitude, significant: prec + 1)
            case UInt8(ascii: "f"), UInt8(ascii: "F"):
                digits = fixedDigits(magnitude, decimals: prec)
            default:
                if prec == 0 { prec = 1 }
                digits = roundedDigits(magnitude, significant: prec)
            }
        }
        if negative { out.append(UInt8(ascii: "-")) }
        switch fmt {
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
            appendE(digits, prec: prec, fmt: fmt, to: &out)
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            appendF(digits, prec: prec, to: &out)
        default:
            // %g: exponent form when the exponent is < -4 or >= the precision
            // (6 when the precision is the shortest one).
            var eprec = prec
            if eprec > digits.count && digits.count >= digits.point { eprec = digits.count }
            if shortest { eprec = 6 }
            let exp = digits.point - 1
            let upper = fmt == UInt8(ascii: "G")
            if exp < -4 || exp >= eprec {
                if prec > digits.count { prec = digits.count }
                appendE(digits, prec: prec - 1, fmt: upper ? UInt8(ascii: "E") : UInt8(ascii: "e"), to: &out)
            } else {
                if prec > digits.point { prec = digits.count }
                appendF(digits, prec: Swift.max(prec - digits.point, 0), to: &out)
            }
        }
    }

    /// Decimal digits `d₁d₂…` with the decimal point after `point` digits
    /// (0.d₁d₂… × 10^point). No digits means zero.
    struct Decimal {
        var digits: [UInt8]
        var point: Int
        var count: Int { digits.count }
    }

    /// The shortest digits that round-trip (the YAML module's `GoFloat`, shared
    /// with the YAML emitter and JSON writer).
    static func shortestDigits(_ magnitude: Double, bitSize: Int) -> Decimal {
        if magnitude == 0 { return Decimal(digits: [], point: 0) }
        if bitSize == 32 { return parseDecimal(Array(Float(magnitude).description.utf8)) }
        let decimal = GoFloat.decimal(magnitude)
        return Decimal(digits: decimal.digits, point: decimal.decimalPoint)
    }

    /// Digits rounded to `significant` significant digits (trailing zeros removed).
    static func roundedDigits(_ magnitude: Double, significant: Int) -> Decimal {
        if magnitude == 0 { return Decimal(digits: [], point: 0) }
        let text = cFormat(magnitude, "e", Swift.max(significant - 1, 0))
        return parseDecimal(text)
    }

    /// Digits rounded to `decimals` places after the point.
    static func fixedDigits(_ magnitude: Double, decimals: Int) -> Decimal {
        if magnitude == 0 { return Decimal(digits: [], point: 0) }
        return parseDecimal(cFormat(magnitude, "f", decimals))
    }

    /// Reads `123.45`, `1.2345e+02` or `1e-05` into digits and point; strips
    /// leading and trailing zeros.
    static func parseDecimal(_ text: [UInt8]) -> Decimal {
        var digits: [UInt8] = []
        digits.reserveCapacity(text.count)
        var point = 0
        var seenPoint = false
        var index = 0
        while index < text.count {
            let c = text[index]
            if c == UInt8(ascii: ".") {
                seenPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                break
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                if digits.isEmpty && c == UInt8(ascii: "0") {
                    if seenPoint { point -= 1 }
                } else {
                    digits.append(c)
                    if !seenPoint { point += 1 }
                }
            }
            index += 1
        }
        if index < text.count {
            index += 1
            var negative = false
            if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                negative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponent = 0
            while index < text.count {
                // Saturates: a schema may write 1e99999999999999999999.
                if exponent < 1_000_000_000 { exponent = exponent * 10 + Int(text[index] - UInt8(ascii: "0")) }
                index += 1
            }
            point += negative ? -exponent : exponent
        }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { point = 0 }
        return Decimal(digits: digits, point: point)
    }

    /// `d.ddddde±dd`
    static func appendE(_ d: Decimal, prec: Int, fmt: UInt8, to out: inout [UInt8]) {
        out.append(d.count == 0 ? UInt8(ascii: "0") : d.digits[0])
        if prec > 0 {
            out.append(UInt8(ascii: "."))
            var i = 1
            let m = Swift.min(d.count, prec + 1)
            if i < m {
                out.append(contentsOf: d.digits[i..<m])
                i = m
            }
            while i <= prec {
                out.append(UInt8(ascii: "0"))
                i += 1
            }
        }
        out.append(fmt)
        var exp = d.point - 1
        if d.count == 0 { exp = 0 }
        if exp < 0 {
            out.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exp < 10 {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "0") + UInt8(exp))
        } else {
            out.append(contentsOf: String(exp).utf8)
        }
    }

    /// `ddd.ddd`
    static func appendF(_ d: Decimal, prec: Int, to out: inout [UInt8]) {
        if d.point > 0 {
            let m = Swift.min(d.count, d.point)
            out.append(contentsOf: d.digits[0..<m])
            var i = m
            while i < d.point {
                out.append(UInt8(ascii: "0"))
                i += 1
            }
        } else {
            out.append(UInt8(ascii: "0"))
        }
        if prec > 0 {
            out.append(UInt8(ascii: "."))
            for i in 1...prec {
                let j = d.point + i - 1
                out.append(j >= 0 && j < d.count ? d.digits[j] : UInt8(ascii: "0"))
            }
        }
    }

    /// `%b`: decimal mantissa, `p`, binary exponent (`4503599627370496p-52`).
    static func appendBinary(_ value: Double, bitSize: Int, to out: inout [UInt8]) {
        let (negative, mantissa, exponent) = decompose(value, bitSize: bitSize)
        if negative { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: String(mantissa).utf8)
        out.append(UInt8(ascii: "p"))
        let e = exponent - (bitSize == 32 ? 23 : 52)
        if e >= 0 { out.append(UInt8(ascii: "+")) }
        out.append(contentsOf: String(e).utf8)
    }

    /// `%x`: `-0x1.8p+01`, shortest hex digits unless a precision is given.
    static func appendHex(_ value: Double, _ fmt: UInt8, precision: Int, bitSize: Int, to out: inout [UInt8]) {
        var (negative, mantissa, exp) = decompose(value, bitSize: bitSize)
        let mantBits: UInt64 = bitSize == 32 ? 23 : 52
        if mantissa == 0 { exp = 0 }
        var mant = mantissa << (60 - mantBits)
        while mant != 0 && mant & (1 << 60) == 0 {
            mant <<= 1
            exp -= 1
        }
        if precision >= 0 && precision < 15 {
            let shift = UInt64(precision * 4)
            let extra = (mant << shift) & ((1 << 60) - 1)
            mant >>= 60 - shift
            if extra | (mant & 1) > 1 << 59 { mant += 1 }
            mant <<= 60 - shift
            if mant & (1 << 61) != 0 {
                mant >>= 1
                exp += 1
            }
        }
        let hex = Array((fmt == UInt8(ascii: "X") ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        if negative { out.append(UInt8(ascii: "-")) }
        out.append(UInt8(ascii: "0"))
        out.append(fmt)
        out.append(UInt8(ascii: "0") + UInt8((mant >> 60) & 1))
        mant <<= 4
        if precision < 0 && mant != 0 {
            out.append(UInt8(ascii: "."))
            while mant != 0 {
                out.append(hex[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        } else if precision > 0 {
            out.append(UInt8(ascii: "."))
            for _ in 0..<precision {
                out.append(hex[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        }
        out.append(fmt == UInt8(ascii: "X") ? UInt8(ascii: "P") : UInt8(ascii: "p"))
        if exp < 0 {
            out.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exp < 10 { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: String(exp).utf8)
    }

    /// Sign, mantissa with the implicit bit, and unbiased exponent, as strconv sees them.
    static func decompose(_ value: Double, bitSize: Int) -> (Bool, UInt64, Int) {
        if bitSize == 32 {
            let f = Float(value)
            let bits = UInt64(f.bitPattern)
            var exp = Int((bits >> 23) & 0xFF)
            var mant = bits & ((1 << 23) - 1)
            if exp == 0 { exp += 1 } else { mant |= 1 << 23 }
            return (f.sign == .minus, mant, exp - 127)
        }
        let bits = value.bitPattern
        var exp = Int((bits >> 52) & 0x7FF)
        var mant = bits & ((1 << 52) - 1)
        if exp == 0 { exp += 1 } else { mant |= 1 << 52 }
        return (value.sign == .minus, mant, exp - 1023)
    }

    /// C's correctly rounded `%.*e` / `%.*f` (glibc rounds exactly, like strconv).
    static func cFormat(_ value: Double, _ conversion: String, _ precision: Int) -> [UInt8] {
        let format = "%.*" + conversion
        var buffer = [CChar](repeating: 0, count: 64)
        let needed = withVaList([Int32(precision), value]) { args in
            vsnprintf(&buffer, buffer.count, format, args)
        }
        if Int(needed) >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(needed) + 1)
            _ = withVaList([Int32(precision), value]) { args in
                vsnprintf(&buffer, buffer.count, format, args)
            }
        }
        return buffer.prefix(Int(needed)).map { UInt8(bitPattern: $0) }
    }
}
