import Helm

/// A duration written the way Go's `time.ParseDuration` (and so kubectl's
/// `--timeout`) reads it: a sequence of decimal numbers, each with a unit,
/// such as `300ms`, `1.5h` or `2h45m`. Units: ns, us (µs), ms, s, m, h.
/// Parsing and printing are the Helm module's Go duration; this adds the
/// mesh's rule that a wait cannot last less than nothing, and usage errors.
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
        guard let parsed = Helm.GoDuration.parse(text) else {
            throw .usage("invalid duration \"\(text)\": numbers each with a unit (ns, us, ms, s, m, h) are expected", hint: hint)
        }
        guard parsed >= 0 else { throw .usage("invalid duration \"\(text)\": must not be negative", hint: hint) }
        self.nanoseconds = parsed
    }

    /// Go's own spelling: `5m0s`, `1h30m0s`, `1.5s`, `300ms`.
    public var description: String { Helm.GoDuration.string(nanoseconds) }
}
