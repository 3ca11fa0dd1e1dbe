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

/// go-yaml v3 (`toYamlPretty`) writes a `time.Time` as a plain RFC 3339
/// scalar, where a string of the same text would be quoted. The emitter
/// works on JSON-shaped values, so times are swapped for unique plain
/// placeholders before emitting and their text put back after.
enum GoTimeYAMLPlaceholders {
    /// `value` with every time replaced by a placeholder string, and the text
    /// each placeholder stands for; nil when the value holds no time (or
    /// contains itself, which the JSON step reports).
    static func replacingTimes(in value: GoValue) -> (GoValue, [(placeholder: String, text: String)])? {
        var path = Set<ObjectIdentifier>()
        guard containsTime(value, &path) else { return nil }
        // Random, so no text in the value can collide with a placeholder.
        let prefix = "goTime" + String(UInt64.random(in: .min ... .max), radix: 16) + String(UInt64.random(in: .min ... .max), radix: 16)
        var found: [(String, String)] = []
        var copying = Set<ObjectIdentifier>()
        func replace(_ v: GoValue) -> GoValue {
            if let t = v.goTime {
                let placeholder = prefix + "x" + String(found.count)
                found.append((placeholder, GoTimeLayout.format(t, "2006-01-02T15:04:05.999999999Z07:00")))
                return .string(placeholder)
            }
            let map: GoMap
            switch v {
            case .list(let items): return .list(items.map(replace))
            case .map(let m): map = m
            case .object(let o):
                guard case .map(let m) = o.shape else { return v }
                map = m
            default: return v
            }
            // A map inside itself stays as it is, for the JSON step to report.
            let id = ObjectIdentifier(map)
            guard copying.insert(id).inserted else { return v }
            defer { copying.remove(id) }
            return .map(GoMap(map.storage.mapValues(replace), goTypeName: map.goTypeName))
        }
        return (replace(value), found)
    }

    private static func containsTime(_ v: GoValue, _ path: inout Set<ObjectIdentifier>) -> Bool {
        if v.goTime != nil { return true }
        let map: GoMap
        switch v {
        case .list(let items): return items.contains { containsTime($0, &path) }
        case .map(let m): map = m
        case .object(let o):
            guard case .map(let m) = o.shape else { return false }
            map = m
        default: return false
        }
        let id = ObjectIdentifier(map)
        guard path.insert(id).inserted else { return false }
        defer { path.remove(id) }
        return map.storage.values.contains { containsTime($0, &path) }
    }
}
