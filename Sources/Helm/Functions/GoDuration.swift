/// Go's time.Duration (int64 nanoseconds): `ParseDuration` and `String`, for
/// Sprig's `duration` and `durationRound` (and the mesh's `--timeout`, as kubectl reads it).
public enum GoDuration {
    static let second: Int64 = 1_000_000_000

    /// Duration.String: `1h2m3.5s`, `1.5ms`, `0s`.
    public static func string(_ d: Int64) -> String {
        let negative = d < 0
        var u = d.magnitude
        var out = ""
        if u < UInt64(second) {
            if u == 0 { return "0s" }
            let precision: Int
            let unit: String
            if u < 1_000 {
                precision = 0
                unit = "ns"
            } else if u < 1_000_000 {
                precision = 3
                unit = "µs"
            } else {
                precision = 6
                unit = "ms"
            }
            let (fraction, whole) = fractionText(u, precision)
            out = String(whole) + fraction + unit
        } else {
            let (fraction, seconds) = fractionText(u, 9)
            u = seconds
            out = String(u % 60) + fraction + "s"
            u /= 60
            if u > 0 {
                out = String(u % 60) + "m" + out
                u /= 60
                if u > 0 { out = String(u) + "h" + out }
            }
        }
        return negative ? "-" + out : out
    }

    /// The fraction of v / 10^precision as `.123` (no trailing zeros, nothing
    /// when zero) and the whole part.
    private static func fractionText(_ v: UInt64, _ precision: Int) -> (String, UInt64) {
        var v = v
        var digits: [Character] = []
        var printed = false
        for _ in 0..<precision {
            let digit = v % 10
            printed = printed || digit != 0
            if printed { digits.append(Character(String(digit))) }
            v /= 10
        }
        return (printed ? "." + String(digits.reversed()) : "", v)
    }

    /// time.ParseDuration: `[-+]` then number–unit pairs (`1h30m`, `1.5s`,
    /// `300ms`; units ns, us, µs, μs, ms, s, m, h); nil when Go refuses it.
    public static func parse(_ text: String) -> Int64? {
        var s = Substring(text)
        var negative = false
        if let sign = s.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        if s.isEmpty { return nil }
        let units: [(String, UInt64)] = [
            ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
            ("m", 60_000_000_000), ("h", 3_600_000_000_000),
        ]
        var total: UInt64 = 0
        while !s.isEmpty {
            guard let first = s.first, first == "." || first.isASCII && first.isNumber else { return nil }
            let whole = s.prefix { $0.isASCII && $0.isNumber }
            s = s.dropFirst(whole.count)
            var fraction: Substring = ""
            if s.first == "." {
                s = s.dropFirst()
                fraction = s.prefix { $0.isASCII && $0.isNumber }
                s = s.dropFirst(fraction.count)
            }
            if whole.isEmpty && fraction.isEmpty { return nil }
            let unitText = s.prefix { !($0 == "." || $0.isASCII && $0.isNumber) }
            s = s.dropFirst(unitText.count)
            guard !unitText.isEmpty, let unit = units.first(where: { $0.0 == unitText })?.1 else { return nil }
            guard let v = UInt64(whole.isEmpty ? "0" : whole), v <= (1 << 63) / unit else { return nil }
            var value = v * unit
            if !fraction.isEmpty {
                var scale = 1.0
                var f: UInt64 = 0
                for digit in fraction {
                    if f > (1 << 63) / 10 { break }
                    f = f * 10 + UInt64((digit.asciiValue ?? 48) - 48)
                    scale *= 10
                }
                value += UInt64(Double(f) * (Double(unit) / scale))
            }
            total += value
            if total > 1 << 63 { return nil }
        }
        if total > UInt64(Int64.max) { return negative && total == 1 << 63 ? Int64.min : nil }
        return negative ? -Int64(total) : Int64(total)
    }
}
