import Foundation

/// A Go `*time.Location`: the zone abbreviations and UTC offsets a place
/// used over time, read from the system's TZif files as Go reads them, so
/// that `date` prints `EDT` where Go does (Foundation on Linux only knows
/// `GMT-4`). Lookups follow Go's `Location.lookup`: before the first
/// transition the first standard zone, after the last one the file's POSIX
/// TZ rule (`GoZoneRule`).
public final class GoZone: Sendable {
    /// One zone a location uses: abbreviation, seconds east of UTC, daylight saving.
    struct Zone: Sendable, Equatable {
        var name: String
        var offset: Int
        var isDST: Bool
    }

    /// From `when` (Unix seconds) on, `zones[index]` applies.
    struct Transition: Sendable {
        var when: Int64
        var index: Int
    }

    /// What a lookup finds: the zone in effect and the span it covers.
    struct Lookup {
        var name: String
        var offset: Int
        var start: Int64
        var end: Int64
        var isDST: Bool
    }

    /// The location's name (`UTC`, `Local`, `America/New_York`).
    public let name: String
    let zones: [Zone]
    let transitions: [Transition]
    /// The POSIX TZ string of a TZif v2+ footer, for times after the last transition.
    let extend: String
    /// Go's `time.UTC`.
    let isUTC: Bool
    /// Go's `time.Local` (what `%#v` prints as `time.Local`).
    let isLocal: Bool

    static let alpha = Int64.min
    static let omega = Int64.max

    init(name: String, zones: [Zone], transitions: [Transition], extend: String, isUTC: Bool = false, isLocal: Bool = false) {
        self.name = name
        self.zones = zones
        self.transitions = transitions
        self.extend = extend
        self.isUTC = isUTC
        self.isLocal = isLocal
    }

    /// Go's `time.UTC`.
    public static let utc = GoZone(name: "UTC", zones: [], transitions: [], extend: "", isUTC: true)

    /// Go's `time.FixedZone(name, offset)`: one zone for all time.
    public static func fixed(_ name: String, offset: Int) -> GoZone {
        GoZone(name: name, zones: [Zone(name: name, offset: offset, isDST: false)], transitions: [Transition(when: alpha, index: 0)], extend: "")
    }

    /// The copy Go keeps as `time.Local`, under the name Go gives it.
    func asLocal(named newName: String) -> GoZone {
        GoZone(name: newName, zones: zones, transitions: transitions, extend: extend, isLocal: true)
    }

    /// Whether Go's `==` on two times would see the same `*Location`: the same
    /// zone object, UTC twice, or two of the unnamed whole-hour fixed zones
    /// Go caches (offsets −12 h to +14 h).
    func isSameLocation(as other: GoZone) -> Bool {
        if self === other || (isUTC && other.isUTC) { return true }
        guard name.isEmpty, other.name.isEmpty, zones.count == 1, other.zones.count == 1, zones[0] == other.zones[0] else { return false }
        let offset = zones[0].offset
        return offset % 3600 == 0 && (-12...14).contains(offset / 3600)
    }

    /// The zone in effect at `seconds` (Unix), as Go's `Location.lookup`.
    func lookup(_ seconds: Int64) -> Lookup {
        if zones.isEmpty { return Lookup(name: "UTC", offset: 0, start: Self.alpha, end: Self.omega, isDST: false) }
        if transitions.isEmpty || seconds < transitions[0].when {
            let zone = zones[firstZoneIndex]
            return Lookup(name: zone.name, offset: zone.offset, start: Self.alpha, end: transitions.first?.when ?? Self.omega, isDST: zone.isDST)
        }
        var low = 0
        var high = transitions.count
        var end = Self.omega
        while high - low > 1 {
            let middle = (low + high) / 2
            if seconds < transitions[middle].when {
                end = transitions[middle].when
                high = middle
            } else {
                low = middle
            }
        }
        let zone = zones[transitions[low].index]
        let start = transitions[low].when
        if low == transitions.count - 1, !extend.isEmpty, let rule = GoZoneRule.lookup(extend, lastTransition: start, seconds) {
            return rule
        }
        return Lookup(name: zone.name, offset: zone.offset, start: start, end: end, isDST: zone.isDST)
    }

    /// Go's `lookupFirstZone`: the zone for times before the first transition.
    private var firstZoneIndex: Int {
        if !transitions.contains(where: { $0.index == 0 }) { return 0 }
        if let first = transitions.first, zones[first.index].isDST {
            var i = first.index - 1
            while i >= 0 {
                if !zones[i].isDST { return i }
                i -= 1
            }
        }
        return zones.firstIndex { !$0.isDST } ?? 0
    }

    /// Go's `lookupName`: the offset of abbreviation `name` around `unix`,
    /// preferring a zone of that name actually in effect then.
    func offset(named abbreviation: String, around unix: Int64) -> Int? {
        for zone in zones where zone.name == abbreviation {
            let found = lookup(unix - Int64(zone.offset))
            if found.name == zone.name { return found.offset }
        }
        return zones.first { $0.name == abbreviation }?.offset
    }
}

extension GoZone {
    /// Where Go looks for zone files on Unix, after `$ZONEINFO`.
    public static let platformDirectories = ["/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo"]

    /// Go's `time.LoadLocation` for names other than `Local`: `""` and `UTC`
    /// are UTC; names with `..` or a leading slash are refused; otherwise the
    /// first TZif file of that name in `directories`. Nil where Go errs.
    public static func load(_ name: String, directories: [String] = platformDirectories) -> GoZone? {
        if name.isEmpty || name == "UTC" { return utc }
        if name.contains("..") || name.hasPrefix("/") || name.hasPrefix("\\") { return nil }
        for directory in directories {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if let data = FileManager.default.contents(atPath: path), let zone = parse(Array(data), name: name) {
                return zone
            }
        }
        return nil
    }

    /// Go's local zone from the process environment (`initLocal` on Unix): no
    /// `TZ` means `/etc/localtime`, an empty `TZ` means UTC, `TZ=:x` is `x`, an
    /// absolute path is that file, anything else a zone name; UTC when nothing loads.
    public static func local(environment: [String: String], directories: [String] = platformDirectories) -> GoZone {
        guard var tz = environment["TZ"] else {
            if let data = FileManager.default.contents(atPath: "/etc/localtime"), let zone = parse(Array(data), name: "Local") {
                return zone.asLocal(named: "Local")
            }
            return utc.asLocal(named: "UTC")
        }
        if tz.hasPrefix(":") { tz.removeFirst() }
        if tz.hasPrefix("/") {
            if let data = FileManager.default.contents(atPath: tz), let zone = parse(Array(data), name: tz) {
                return zone.asLocal(named: tz == "/etc/localtime" ? "Local" : tz)
            }
        } else if !tz.isEmpty && tz != "UTC", let zone = load(tz, directories: directories) {
            return zone.asLocal(named: tz)
        }
        return utc.asLocal(named: "UTC")
    }

    /// Parses TZif data as Go's `LoadLocationFromTZData` does (the 64-bit
    /// section of version 2+ files, and the footer's TZ rule); nil when malformed.
    static func parse(_ bytes: [UInt8], name: String) -> GoZone? {
        var reader = TZifReader(bytes: bytes)
        guard reader.take(4) == Array("TZif".utf8), let versionByte = reader.take(1)?.first, reader.take(15) != nil else { return nil }
        let version = versionByte == 0 ? 1 : Int(versionByte) - 0x30
        guard var counts = reader.counts() else { return nil }
        var timeSize = 4
        if version > 1 {
            // Skip the 32-bit section and read the header of the 64-bit one.
            let skip = counts.transitions * 5 + counts.types * 6 + counts.characters + counts.leaps * 8 + counts.standard + counts.utc
            guard reader.take(skip) != nil, reader.take(20) != nil, let again = reader.counts() else { return nil }
            counts = again
            timeSize = 8
        }
        var transitionTimes: [Int64] = []
        for _ in 0..<counts.transitions {
            guard let t = timeSize == 8 ? reader.int64() : reader.int32().map(Int64.init) else { return nil }
            transitionTimes.append(t)
        }
        guard let indices = reader.take(counts.transitions) else { return nil }
        var rawZones: [(offset: Int, isDST: Bool, abbreviation: Int)] = []
        for _ in 0..<counts.types {
            guard let offset = reader.int32(), let flags = reader.take(2) else { return nil }
            rawZones.append((Int(offset), flags[0] != 0, Int(flags[1])))
        }
        guard let characters = reader.take(counts.characters),
            reader.take(counts.leaps * (timeSize + 4) + counts.standard + counts.utc) != nil
        else { return nil }
        var extend = ""
        if version > 1, let rest = reader.rest(), rest.count > 2, rest.first == 0x0A, rest.last == 0x0A {
            extend = String(decoding: rest.dropFirst().dropLast(), as: UTF8.self)
        }
        guard !rawZones.isEmpty else { return nil }
        var zones: [Zone] = []
        for raw in rawZones {
            guard raw.abbreviation < characters.count || characters.isEmpty else { return nil }
            let tail = characters.isEmpty ? [] : characters[raw.abbreviation...]
            let abbreviation = tail.prefix { $0 != 0 }
            zones.append(Zone(name: String(decoding: abbreviation, as: UTF8.self), offset: raw.offset, isDST: raw.isDST))
        }
        var transitions: [Transition] = []
        for (i, when) in transitionTimes.enumerated() {
            let index = Int(indices[i])
            guard index < zones.count else { return nil }
            transitions.append(Transition(when: when, index: index))
        }
        if transitions.isEmpty { transitions = [Transition(when: alpha, index: 0)] }
        return GoZone(name: name, zones: zones, transitions: transitions, extend: extend)
    }
}

/// Big-endian reads over TZif bytes.
private struct TZifReader {
    let bytes: [UInt8]
    var position = 0

    struct Counts {
        var utc, standard, leaps, transitions, types, characters: Int
    }

    mutating func take(_ n: Int) -> [UInt8]? {
        guard n >= 0, position + n <= bytes.count else { return nil }
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    mutating func int32() -> Int32? {
        guard let b = take(4) else { return nil }
        return Int32(bitPattern: b.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }

    mutating func int64() -> Int64? {
        guard let b = take(8) else { return nil }
        return Int64(bitPattern: b.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    mutating func counts() -> Counts? {
        var values: [Int] = []
        for _ in 0..<6 {
            guard let v = int32(), v >= 0 else { return nil }
            values.append(Int(v))
        }
        return Counts(utc: values[0], standard: values[1], leaps: values[2], transitions: values[3], types: values[4], characters: values[5])
    }

    mutating func rest() -> [UInt8]? {
        defer { position = bytes.count }
        return Array(bytes[position...])
    }
}
