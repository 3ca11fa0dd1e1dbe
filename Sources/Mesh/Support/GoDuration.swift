/// A duration written the way Go's `time.ParseDuration` (and so kubectl's
/// `--timeout`) reads it: a sequence of decimal numbers, each with a unit,
/// such as `300ms`, `1.5h` or `2h45m`. Units: ns, us (µs), ms, s, m, h.
/// Negative durations are refused: a wait cannot last less than nothing.
public struct GoDuration: Sendable, Equatable, CustomStringConvertible {
    /// Whole nanoseconds.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Int64) { self.nanoseconds = seconds * 1_000_000_000 }

    public var seconds: Double { Double(nanoseconds) / 1e9 }
    public var duration: Duration { .nanoseconds(nanoseconds) }

    /// Parses `text`; the error names the text and shows valid forms.
    public init(parsing text: String) throws(MeshError) {
        let hint = "write a duration such as 30s, 5m or 1h30m"
        func bad(_ why: String) -> MeshError { .usage("invalid duration \"\(text)\": \(why)", hint: hint) }
        var rest = Substring(text)
        if rest.hasPrefix("+") { rest = rest.dropFirst() }
        if rest.hasPrefix("-") { throw bad("must not be negative") }
        if rest == "0" { self.nanoseconds = 0; return }
        if rest.isEmpty { throw bad("empty") }
        var total: Int64 = 0
        while !rest.isEmpty {
            let whole = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(whole.count)
            var fraction: Substring = ""
            if rest.first == "." {
                rest = rest.dropFirst()
                fraction = rest.prefix { $0.isASCII && $0.isNumber }
                rest = rest.dropFirst(fraction.count)
            }
            guard !(whole.isEmpty && fraction.isEmpty), whole.count <= 18 else { throw bad("expected a number at \"\(rest)\"") }
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest.dropFirst(unit.count)
            let scale: Int64
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1_000
            case "ms": scale = 1_000_000
            case "s": scale = 1_000_000_000
            case "m": scale = 60_000_000_000
            case "h": scale = 3_600_000_000_000
            case "": throw bad("missing unit after \(whole)\(fraction.isEmpty ? "" : ".\(fraction)")")
            default: throw bad("unknown unit \"\(unit)\"")
            }
            let (product, overflow) = (Int64(whole) ?? 0).multipliedReportingOverflow(by: scale)
            guard !overflow else { throw bad("too long") }
            var part = product
            var divisor: Int64 = 1
            for digit in fraction.prefix(18) {
                divisor *= 10
                part += (Int64(String(digit)) ?? 0) * scale / divisor
            }
            let (sum, sumOverflow) = total.addingReportingOverflow(part)
            guard !sumOverflow else { throw bad("too long") }
            total = sum
        }
        self.nanoseconds = total
    }

    /// Go's own spelling: `5m0s`, `1h30m0s`, `1.5s`, `300ms`.
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        if nanoseconds < 1_000_000_000 {
            if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000)ms" }
            if nanoseconds % 1_000 == 0 { return "\(nanoseconds / 1_000)µs" }
            return "\(nanoseconds)ns"
        }
        let hours = nanoseconds / 3_600_000_000_000
        let minutes = (nanoseconds / 60_000_000_000) % 60
        let secondsPart = nanoseconds % 60_000_000_000
        var out = ""
        if hours > 0 { out += "\(hours)h" }
        if hours > 0 || minutes > 0 { out += "\(minutes)m" }
        let whole = secondsPart / 1_000_000_000
        var fraction = secondsPart % 1_000_000_000
        if fraction == 0 { return out + "\(whole)s" }
        var digits = 9
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
        return out + "\(whole).\(padded)s"
    }
}
