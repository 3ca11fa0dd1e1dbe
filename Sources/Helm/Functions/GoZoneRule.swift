/// The POSIX TZ rule at the end of a TZif file (`EST5EDT,M3.2.0,M11.1.0`),
/// which Go's `tzset` applies to times after the file's last transition.
/// Modern zone files stop listing transitions after 2037 or earlier, so
/// every date near today goes through this rule.
enum GoZoneRule {
    /// A day rule: `Jn` (1–365, no leap day), `n` (0–365) or `Mm.w.d`, at `time` seconds of local time.
    private enum Day {
        case julian(Int)
        case dayOfYear(Int)
        case monthWeekDay(month: Int, week: Int, weekday: Int)
    }

    private struct Rule {
        var day: Day
        var time: Int
    }

    private static let secondsPerDay = 86_400

    /// The zone the rule `text` gives at `seconds` (Unix), with the span Go
    /// reports; nil when the rule is malformed (Go then keeps the last transition's zone).
    static func lookup(_ text: String, lastTransition: Int64, _ seconds: Int64) -> GoZone.Lookup? {
        var s = Substring(text)
        guard var standardName = name(&s), let standardOffset = offset(&s) else { return nil }
        var stdOffset = -standardOffset
        if s.isEmpty || s.first == "," {
            return GoZone.Lookup(name: standardName, offset: stdOffset, start: lastTransition, end: GoZone.omega, isDST: false)
        }
        guard var dstName = name(&s) else { return nil }
        var dstOffset: Int
        if s.isEmpty || s.first == "," {
            dstOffset = stdOffset + 3600
        } else {
            guard let o = offset(&s) else { return nil }
            dstOffset = -o
        }
        if s.isEmpty { s = ",M3.2.0,M11.1.0" }
        guard s.first == "," || s.first == ";" else { return nil }
        s.removeFirst()
        guard let startRule = rule(&s), s.first == "," else { return nil }
        s.removeFirst()
        guard let endRule = rule(&s), s.isEmpty else { return nil }

        let days = GoCivil.floorDivide(seconds, Int64(secondsPerDay))
        let (year, _, _) = GoCivil.date(fromDays: days)
        let yearStartDays = GoCivil.days(year: year, month: 1, day: 1)
        let yearStart = yearStartDays &* Int64(secondsPerDay)
        let secondsIntoYear = seconds &- yearStart
        var startSeconds = Int64(time(year, startRule, offset: stdOffset))
        var endSeconds = Int64(time(year, endRule, offset: dstOffset))
        var dstIsDST = true
        var stdIsDST = false
        if endSeconds < startSeconds {
            swap(&startSeconds, &endSeconds)
            swap(&standardName, &dstName)
            swap(&stdOffset, &dstOffset)
            swap(&stdIsDST, &dstIsDST)
        }
        if secondsIntoYear < startSeconds {
            return GoZone.Lookup(name: standardName, offset: stdOffset, start: yearStart, end: startSeconds + yearStart, isDST: stdIsDST)
        } else if secondsIntoYear >= endSeconds {
            return GoZone.Lookup(
                name: standardName, offset: stdOffset, start: endSeconds + yearStart, end: yearStart + 365 * Int64(secondsPerDay), isDST: stdIsDST)
        }
        return GoZone.Lookup(name: dstName, offset: dstOffset, start: startSeconds + yearStart, end: endSeconds + yearStart, isDST: dstIsDST)
    }

    /// A zone name: `<…>` quoted, or at least three characters up to a digit, sign or comma.
    private static func name(_ s: inout Substring) -> String? {
        if s.first == "<" {
            guard let close = s.firstIndex(of: ">") else { return nil }
            let n = s[s.index(after: s.startIndex)..<close]
            s = s[s.index(after: close)...]
            return String(n)
        }
        let n = s.prefix { !(("0"..."9").contains($0) || $0 == "," || $0 == "-" || $0 == "+") }
        guard n.utf8.count >= 3 else { return nil }
        s = s.dropFirst(n.count)
        return String(n)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds (POSIX sign: positive is west of UTC).
    private static func offset(_ s: inout Substring) -> Int? {
        var negative = false
        if s.first == "+" || s.first == "-" {
            negative = s.first == "-"
            s.removeFirst()
        }
        guard let hours = number(&s, 0, 24 * 7) else { return nil }
        var total = hours * 3600
        if s.first == ":" {
            s.removeFirst()
            guard let minutes = number(&s, 0, 59) else { return nil }
            total += minutes * 60
            if s.first == ":" {
                s.removeFirst()
                guard let secs = number(&s, 0, 59) else { return nil }
                total += secs
            }
        }
        return negative ? -total : total
    }

    private static func rule(_ s: inout Substring) -> Rule? {
        let day: Day
        if s.first == "J" {
            s.removeFirst()
            guard let n = number(&s, 1, 365) else { return nil }
            day = .julian(n)
        } else if s.first == "M" {
            s.removeFirst()
            guard let month = number(&s, 1, 12), s.first == "." else { return nil }
            s.removeFirst()
            guard let week = number(&s, 1, 5), s.first == "." else { return nil }
            s.removeFirst()
            guard let weekday = number(&s, 0, 6) else { return nil }
            day = .monthWeekDay(month: month, week: week, weekday: weekday)
        } else {
            guard let n = number(&s, 0, 365) else { return nil }
            day = .dayOfYear(n)
        }
        if s.first != "/" { return Rule(day: day, time: 2 * 3600) }
        s.removeFirst()
        guard let t = offset(&s) else { return nil }
        return Rule(day: day, time: t)
    }

    /// Leading decimal digits in `min...max`.
    private static func number(_ s: inout Substring, _ min: Int, _ max: Int) -> Int? {
        let digits = s.prefix { ("0"..."9").contains($0) }
        guard !digits.isEmpty, digits.count < 10, let n = Int(digits), n >= min, n <= max else { return nil }
        s = s.dropFirst(digits.count)
        return n
    }

    /// Seconds from the start of `year` (UTC) to the rule's moment, for a zone at `offset`.
    private static func time(_ year: Int64, _ rule: Rule, offset: Int) -> Int {
        let leap = GoCivil.isLeap(year)
        var seconds: Int
        switch rule.day {
        case .julian(let n):
            seconds = (n - 1) * secondsPerDay
            if leap && n >= 60 { seconds += secondsPerDay }
        case .dayOfYear(let n):
            seconds = n * secondsPerDay
        case .monthWeekDay(let month, let week, let weekday):
            // Zeller's congruence: the weekday of the month's first day.
            let m1 = (month + 9) % 12 + 1
            var yy0 = Int(truncatingIfNeeded: year)
            if month <= 2 { yy0 -= 1 }
            let yy1 = yy0 / 100
            let yy2 = yy0 % 100
            var dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7
            if dow < 0 { dow += 7 }
            var d = weekday - dow
            if d < 0 { d += 7 }
            var i = 1
            while i < week {
                if d + 7 >= GoCivil.daysIn(month: month, year: year) { break }
                d += 7
                i += 1
            }
            d += GoCivil.daysBefore(month: month)
            if leap && month > 2 { d += 1 }
            seconds = d * secondsPerDay
        }
        return seconds + rule.time - offset
    }
}
