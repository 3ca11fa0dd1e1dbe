import YAML

/// A `time.Time` as templates see it: type `time.Time`, kind `struct`, always
/// true, printed through `Time.String` (`{{ now }}`, `quote`, `list`),
/// marshalled by `toJson`/`toYaml` as RFC 3339 text with nanoseconds, and
/// with the methods charts call on it (`.Unix`, `.Format "2006"`, `.Year`, …).
final class GoTimeObject: GoObject {
    let time: GoTime

    init(_ time: GoTime) { self.time = time }

    var goTypeName: String { "time.Time" }

    var shape: GoObjectShape { .structure(fields: [], stringer: time.string) }

    func field(_ name: String) -> GoValue? { nil }

    func method(_ name: String) -> GoMethod? {
        let t = time
        func constant(_ value: @escaping () -> GoValue) -> GoMethod { GoMethod([]) { _ in value() } }
        switch name {
        case "String": return constant { .string(t.string) }
        case "Format": return GoMethod([.string]) { a in .string(GoTimeLayout.format(t, try Fn.string(a[0]))) }
        case "Unix": return constant { .int64(t.seconds) }
        case "UnixMilli": return constant { .int64(t.seconds &* 1000 &+ t.nanoseconds / 1_000_000) }
        case "UnixNano": return constant { .int64(t.seconds &* 1_000_000_000 &+ t.nanoseconds) }
        case "Year": return constant { .int(Int(truncatingIfNeeded: t.civil.year)) }
        case "YearDay": return constant { .int(t.civil.yearDay) }
        case "Day": return constant { .int(t.civil.day) }
        case "Hour": return constant { .int(t.civil.hour) }
        case "Minute": return constant { .int(t.civil.minute) }
        case "Second": return constant { .int(t.civil.second) }
        case "Nanosecond": return constant { .int(Int(t.nanoseconds)) }
        case "IsZero": return constant { .bool(t.seconds == GoTime.zero.seconds && t.nanoseconds == 0) }
        case "UTC": return constant { .object(GoTimeObject(t.inZone(.utc))) }
        default: return nil
        }
    }

    /// `Time.MarshalJSON`: RFC 3339 with trailing-zero-free nanoseconds; years outside 0–9999 fail.
    func jsonValue() throws -> Value {
        let year = time.civil.year
        guard year >= 0 && year <= 9999 else {
            throw GoValueConversion.Unsupported(
                message: "json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]")
        }
        return .string(GoTimeLayout.format(time, "2006-01-02T15:04:05.999999999Z07:00"))
    }
}

extension GoValue {
    /// A template value holding a Go `time.Time`.
    static func time(_ t: GoTime) -> GoValue { .object(GoTimeObject(t)) }

    /// The `time.Time` this value holds, if it holds one.
    var goTime: GoTime? {
        if case .object(let object) = self, let t = object as? GoTimeObject { return t.time }
        return nil
    }
}
