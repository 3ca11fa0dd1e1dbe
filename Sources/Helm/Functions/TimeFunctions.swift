/// Sprig's date functions (`date.go`): `now`, `date`, `dateInZone`,
/// `htmlDate`, `htmlDateInZone`, `dateModify`, `toDate`, `unixEpoch`, `ago`,
/// with their `must` and snake-case forms. They read the clock and the local
/// zone from the render's `TemplateEnvironment`.
///
/// Sprig's quirks are kept: `date` and `ago` treat an int or int64 as Unix
/// seconds and anything else they cannot use (a string, nil) as now;
/// `dateInZone` falls back to UTC for a zone it cannot load; `toDate` and
/// `dateModify` give the zero time or the unchanged time where their `must`
/// forms fail.
enum TimeFunctions {
    static let all: [TemplateFunction] = [
        TemplateFunction("now", []) { runtime, _ in .time(runtime.environment.now()) },
        TemplateFunction("date", [.string, .any]) { runtime, a in
            .string(dateInZone(try Fn.string(a[0]), a[1], "Local", runtime.environment))
        },
        TemplateFunction("htmlDate", [.any]) { runtime, a in .string(dateInZone("2006-01-02", a[0], "Local", runtime.environment)) },
        TemplateFunction("htmlDateInZone", [.any, .string]) { runtime, a in
            .string(dateInZone("2006-01-02", a[0], try Fn.string(a[1]), runtime.environment))
        },
        dateInZoneFunction("dateInZone"), dateInZoneFunction("date_in_zone"),
        Fn.make("dateModify", [.string, .time]) { a in
            let t = try time(a[1])
            guard let d = GoDuration.parse(try Fn.string(a[0])) else { return .time(t) }
            return .time(t.adding(d))
        },
        Fn.make("date_modify", [.string, .time]) { a in
            let t = try time(a[1])
            guard let d = GoDuration.parse(try Fn.string(a[0])) else { return .time(t) }
            return .time(t.adding(d))
        },
        mustDateModify("mustDateModify"), mustDateModify("must_date_modify"),
        TemplateFunction("toDate", [.string, .string]) { runtime, a in
            switch GoTimeParse.parse(try Fn.string(a[0]), try Fn.string(a[1]), in: runtime.environment.localZone) {
            case .success(let t): return .time(t)
            case .failure: return .time(.zero)
            }
        },
        TemplateFunction("mustToDate", [.string, .string]) { runtime, a in
            switch GoTimeParse.parse(try Fn.string(a[0]), try Fn.string(a[1]), in: runtime.environment.localZone) {
            case .success(let t): return .time(t)
            case .failure(let failure): throw Fn.fail(failure.message)
            }
        },
        Fn.make("unixEpoch", [.time]) { a in .string(String(try time(a[0]).unix)) },
        TemplateFunction("ago", [.any]) { runtime, a in
            let environment = runtime.environment
            let now = environment.now()
            let t: GoTime
            switch a[0] {
            case .int(let n): t = GoTime(seconds: Int64(n), zone: environment.localZone)
            case .int64(let n): t = GoTime(seconds: n, zone: environment.localZone)
            default: t = a[0].goTime ?? environment.now()
            }
            return .string(GoDuration.string(GoDuration.round(now.since(t), to: GoDuration.second)))
        },
    ]

    private static func dateInZoneFunction(_ name: String) -> TemplateFunction {
        TemplateFunction(name, [.string, .any, .string]) { runtime, a in
            .string(dateInZone(try Fn.string(a[0]), a[1], try Fn.string(a[2]), runtime.environment))
        }
    }

    private static func mustDateModify(_ name: String) -> TemplateFunction {
        Fn.make(name, [.string, .time]) { a in
            let t = try time(a[1])
            switch GoDuration.parseReportingError(try Fn.string(a[0])) {
            case .success(let d): return .time(t.adding(d))
            case .failure(let failure): throw Fn.fail(failure.message)
            }
        }
    }

    /// Sprig's `dateInZone`: a time, or Unix seconds as int/int64, else now;
    /// shown in `zone` (UTC when Go cannot load it) with Go's layout.
    static func dateInZone(_ layout: String, _ date: GoValue, _ zone: String, _ environment: TemplateEnvironment) -> String {
        let t: GoTime
        switch date {
        case .int(let n): t = GoTime(seconds: Int64(n))
        case .int64(let n): t = GoTime(seconds: n)
        default: t = date.goTime ?? environment.now()
        }
        return GoTimeLayout.format(t.inZone(environment.zone(named: zone) ?? .utc), layout)
    }

    /// The engine has checked the argument is a `time.Time`.
    private static func time(_ v: GoValue) throws -> GoTime {
        guard let t = v.goTime else { throw Fn.fail("wrong type for value; expected time.Time; got \(v.goTypeName)") }
        return t
    }
}

extension GoDuration {
    struct ParseFailure: Error {
        var message: String
    }

    /// time.ParseDuration with Go's error messages (`time: invalid duration
    /// "x"`, `time: missing unit in duration "1"`, `time: unknown unit "q" in
    /// duration "1q"`).
    static func parseReportingError(_ text: String) -> Result<Int64, ParseFailure> {
        if let d = parse(text) { return .success(d) }
        let quoted = GoTimeParse.quote(text)
        let invalid = ParseFailure(message: "time: invalid duration \(quoted)")
        var s = Array(text.utf8)[...]
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { s = s.dropFirst() }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        let units: Set<String> = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
        while let first = s.first {
            guard first == UInt8(ascii: ".") || isDigit(first) else { return .failure(invalid) }
            let whole = s.prefix(while: isDigit)
            s = s.dropFirst(whole.count)
            if !whole.isEmpty, (UInt64(String(decoding: whole, as: UTF8.self)) ?? .max) > 1 << 63 { return .failure(invalid) }
            var fraction: ArraySlice<UInt8> = []
            if s.first == UInt8(ascii: ".") {
                s = s.dropFirst()
                fraction = s.prefix(while: isDigit)
                s = s.dropFirst(fraction.count)
            }
            if whole.isEmpty && fraction.isEmpty { return .failure(invalid) }
            let unit = s.prefix { !($0 == UInt8(ascii: ".") || isDigit($0)) }
            s = s.dropFirst(unit.count)
            if unit.isEmpty { return .failure(ParseFailure(message: "time: missing unit in duration \(quoted)")) }
            let unitText = String(decoding: unit, as: UTF8.self)
            if !units.contains(unitText) {
                return .failure(ParseFailure(message: "time: unknown unit \(GoTimeParse.quote(unitText)) in duration \(quoted)"))
            }
        }
        return .failure(invalid)
    }

    /// Duration.Round(m): halves away from zero, saturating at the int64 bounds.
    static func round(_ d: Int64, to m: Int64) -> Int64 {
        guard m > 0 else { return d }
        var r = d % m
        func lessThanHalf(_ x: Int64, _ y: Int64) -> Bool { UInt64(bitPattern: x) &+ UInt64(bitPattern: x) < UInt64(bitPattern: y) }
        if d < 0 {
            r = -r
            if lessThanHalf(r, m) { return d + r }
            let d1 = d &- m &+ r
            if d1 < d { return d1 }
            return .min
        }
        if lessThanHalf(r, m) { return d - r }
        let d1 = d &+ (m - r)
        if d1 > d { return d1 }
        return .max
    }
}
