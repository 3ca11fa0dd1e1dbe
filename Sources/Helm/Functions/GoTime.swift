/// A Go `time.Time`: an instant (Unix seconds and nanoseconds), the location
/// it is shown in, and for `now` a monotonic clock reading, which Go's
/// `Time.String` prints as ` m=+0.000012345`. Templates see it as a
/// `GoTimeObject` (type `time.Time`, kind `struct`).
public struct GoTime: Sendable {
    /// Seconds since 1970-01-01 UTC.
    public var seconds: Int64
    /// 0..<1_000_000_000.
    public var nanoseconds: Int64
    public var zone: GoZone
    /// Nanoseconds on the clock's monotonic scale, when the time came from the clock.
    public var monotonic: Int64?

    public init(seconds: Int64, nanoseconds: Int64 = 0, zone: GoZone = .utc, monotonic: Int64? = nil) {
        let carry = GoCivil.floorDivide(nanoseconds, 1_000_000_000)
        self.seconds = seconds &+ carry
        self.nanoseconds = nanoseconds - carry * 1_000_000_000
        self.zone = zone
        self.monotonic = monotonic
    }

    /// Go's zero `time.Time{}`: January 1, year 1, 00:00:00 UTC.
    static let zero = GoTime(seconds: -62_135_596_800)

    /// Go's `time.Date` for a wall clock reading in `zone`: when the reading
    /// falls in a gap or overlap, the offset Go picks.
    static func date(year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int, nanosecond: Int, zone: GoZone) -> GoTime {
        let days = GoCivil.days(year: year, month: month, day: day)
        var unix = days &* 86_400 &+ Int64(hour * 3600 + minute * 60 + second)
        let guess = zone.lookup(unix)
        var offset = guess.offset
        if offset != 0 {
            let utc = unix &- Int64(offset)
            if utc < guess.start || utc >= guess.end { offset = zone.lookup(utc).offset }
            unix = unix &- Int64(offset)
        }
        return GoTime(seconds: unix, nanoseconds: Int64(nanosecond), zone: zone)
    }

    /// `t.In(zone)`: the same instant shown elsewhere; Go drops the monotonic reading.
    func inZone(_ other: GoZone) -> GoTime { GoTime(seconds: seconds, nanoseconds: nanoseconds, zone: other) }

    /// `t.Add(d)` for a duration in nanoseconds; the monotonic reading moves too.
    func adding(_ duration: Int64) -> GoTime {
        let (wholeSeconds, rest) = (duration / 1_000_000_000, duration % 1_000_000_000)
        return GoTime(seconds: seconds &+ wholeSeconds, nanoseconds: nanoseconds + rest, zone: zone, monotonic: monotonic.map { $0 &+ duration })
    }

    /// `u.Sub(t)` in nanoseconds, saturating as Go does; monotonic readings win when both have one.
    func since(_ earlier: GoTime) -> Int64 {
        if let a = monotonic, let b = earlier.monotonic {
            let (d, overflow) = a.subtractingReportingOverflow(b)
            if !overflow { return d }
            return a > b ? .max : .min
        }
        let seconds = self.seconds.subtractingReportingOverflow(earlier.seconds)
        if !seconds.overflow {
            let (scaled, overflow) = seconds.partialValue.multipliedReportingOverflow(by: 1_000_000_000)
            if !overflow {
                let (total, overflow2) = scaled.addingReportingOverflow(nanoseconds - earlier.nanoseconds)
                if !overflow2 { return total }
            }
        }
        return self.seconds > earlier.seconds ? .max : .min
    }

    /// The wall clock reading in the time's own zone.
    struct Civil {
        var year: Int64
        var month: Int
        var day: Int
        var yearDay: Int
        var weekday: Int
        var hour: Int
        var minute: Int
        var second: Int
        var zoneName: String
        var offset: Int
    }

    var civil: Civil {
        let found = zone.lookup(seconds)
        let local = seconds &+ Int64(found.offset)
        let days = GoCivil.floorDivide(local, 86_400)
        let secondOfDay = Int(local &- days &* 86_400)
        let (year, month, day) = GoCivil.date(fromDays: days)
        let yearDay = Int(days &- GoCivil.days(year: year, month: 1, day: 1)) + 1
        let weekday = Int(GoCivil.floorModulo(days &+ 4, 7))
        return Civil(
            year: year, month: month, day: day, yearDay: yearDay, weekday: weekday, hour: secondOfDay / 3600,
            minute: secondOfDay / 60 % 60, second: secondOfDay % 60, zoneName: found.name, offset: found.offset)
    }

    /// Go's `Time.String`: `2006-01-02 15:04:05.999999999 -0700 MST`, then ` m=±s.nnnnnnnnn` for a clock reading.
    public var string: String {
        var text = GoTimeLayout.format(self, "2006-01-02 15:04:05.999999999 -0700 MST")
        if let m = monotonic {
            let magnitude = m.magnitude
            let whole = magnitude / 1_000_000_000
            let fraction = String(magnitude % 1_000_000_000)
            text += " m=" + (m < 0 ? "-" : "+") + String(whole) + "." + String(repeating: "0", count: 9 - fraction.count) + fraction
        }
        return text
    }

    /// `t.Unix()`.
    var unix: Int64 { seconds }

    /// Go's `==` on two `time.Time` values (template `eq`): the same instant,
    /// the same monotonic reading or none, and the same location.
    func isIdentical(to other: GoTime) -> Bool {
        seconds == other.seconds && nanoseconds == other.nanoseconds && monotonic == other.monotonic
            && zone.isSameLocation(as: other.zone)
    }

    /// Go's `Time.GoString` (`%#v`): `time.Date(2024, time.May, 1, 0, 0, 0, 0, time.Local)`.
    var goString: String {
        let c = civil
        let location: String
        if zone.isUTC {
            location = "time.UTC"
        } else if zone.isLocal {
            location = "time.Local"
        } else {
            location = "time.Location(\(GoTimeParse.quote(zone.name)))"
        }
        return "time.Date(\(c.year), time.\(GoTimeLayout.longMonthNames[c.month - 1]), \(c.day), \(c.hour), \(c.minute), \(c.second), \(nanoseconds), \(location))"
    }
}

/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01.
enum GoCivil {
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 { a - floorDivide(a, b) * b }

    static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]

    /// Days in the months before `month` (1–12) in a non-leap year.
    static func daysBefore(month: Int) -> Int { cumulative[month - 1] }

    static func daysIn(month: Int, year: Int64) -> Int {
        if month == 2 && isLeap(year) { return 29 }
        return cumulative[month] - cumulative[month - 1]
    }

    /// Days since 1970-01-01 of a date (month 1–12).
    static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year &- 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y &- era &* 400
        let m = Int64(month)
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era &* 146_097 &+ dayOfEra &- 719_468
    }

    /// The date of a day count since 1970-01-01.
    static func date(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days &+ 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z &- era &* 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = yearOfEra &+ era &* 400 &+ (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
