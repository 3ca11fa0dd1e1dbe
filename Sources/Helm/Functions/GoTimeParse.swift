/// Go's `time.ParseInLocation` (what Sprig's `toDate` calls with
/// `time.Local`): the value is read element by element against the layout,
/// with Go's error messages (`parsing time "x" as "2006-01-02": cannot parse
/// "x" as "2006"`). A parsed offset or abbreviation that the location uses at
/// that instant keeps the location; otherwise the time gets a fixed zone.
enum GoTimeParse {
    struct Failure: Error, Equatable {
        var message: String
    }

    static func parse(_ layoutText: String, _ valueText: String, in location: GoZone) -> Result<GoTime, Failure> {
        let layoutBytes = Array(layoutText.utf8)
        var layout = layoutBytes[...]
        var value = Array(valueText.utf8)[...]
        func failure(_ layoutElement: ArraySlice<UInt8>, _ valueElement: ArraySlice<UInt8>) -> Result<GoTime, Failure> {
            .failure(Failure(message: "parsing time \(quote(valueText)) as \(quote(layoutText)): cannot parse \(quote(valueElement)) as \(quote(layoutElement))"))
        }
        func failure(_ message: String) -> Result<GoTime, Failure> {
            .failure(Failure(message: "parsing time \(quote(valueText))" + message))
        }
        var rangeError = ""
        var amSet = false, pmSet = false
        var year: Int64 = 0
        var month = -1, day = -1, yearDay = -1
        var hour = 0, minute = 0, second = 0, nanosecond = 0
        var zone: GoZone?
        var zoneOffset = -1
        var zoneName = ""

        while true {
            let chunk = GoTimeLayout.nextChunk(layout)
            guard let afterPrefix = skip(value, chunk.prefix) else { return failure(chunk.prefix, value) }
            value = afterPrefix
            guard let element = chunk.element else {
                if !value.isEmpty { return failure(": extra text: \(quote(value))") }
                break
            }
            layout = chunk.rest
            let hold = value
            var bad = false
            switch element {
            case .year:
                guard value.count >= 2, let n = atoi(value.prefix(2)) else { bad = true; break }
                value = value.dropFirst(2)
                year = Int64(n >= 69 ? n + 1900 : n + 2000)
            case .longYear:
                guard value.count >= 4, isDigit(value, 0), let n = atoi(value.prefix(4)) else { bad = true; break }
                value = value.dropFirst(4)
                year = Int64(n)
            case .month, .longMonth:
                let names = GoTimeLayout.longMonthNames.map { element == .month ? String($0.prefix(3)) : $0 }
                guard let (index, rest) = lookup(names, value) else { bad = true; break }
                month = index + 1
                value = rest
            case .numMonth, .zeroMonth:
                guard let (n, rest) = number(value, fixed: element == .zeroMonth) else { bad = true; break }
                month = n
                value = rest
                if month <= 0 || month > 12 { rangeError = "month" }
            case .weekDay, .longWeekDay:
                let names = GoTimeLayout.longDayNames.map { element == .weekDay ? String($0.prefix(3)) : $0 }
                guard let (_, rest) = lookup(names, value) else { bad = true; break }
                value = rest
            case .day, .underDay, .zeroDay:
                if element == .underDay, value.first == UInt8(ascii: " ") { value = value.dropFirst() }
                guard let (n, rest) = number(value, fixed: element == .zeroDay) else { bad = true; break }
                day = n
                value = rest
            case .underYearDay, .zeroYearDay:
                for _ in 0..<2 where element == .underYearDay && value.first == UInt8(ascii: " ") { value = value.dropFirst() }
                var n = 0, i = 0
                while i < 3 && isDigit(value, i) {
                    n = n * 10 + Int(value[value.startIndex + i] - 0x30)
                    i += 1
                }
                if i == 0 || (element == .zeroYearDay && i != 3) { bad = true; break }
                yearDay = n
                value = value.dropFirst(i)
            case .hour:
                guard let (n, rest) = number(value, fixed: false) else { bad = true; break }
                hour = n
                value = rest
                if hour >= 24 { rangeError = "hour" }
            case .hour12, .zeroHour12:
                guard let (n, rest) = number(value, fixed: element == .zeroHour12) else { bad = true; break }
                hour = n
                value = rest
                if hour > 12 { rangeError = "hour" }
            case .minute, .zeroMinute:
                guard let (n, rest) = number(value, fixed: element == .zeroMinute) else { bad = true; break }
                minute = n
                value = rest
                if minute >= 60 { rangeError = "minute" }
            case .second, .zeroSecond:
                guard let (n, rest) = number(value, fixed: element == .zeroSecond) else { bad = true; break }
                second = n
                value = rest
                if second >= 60 {
                    rangeError = "second"
                    break
                }
                // A fraction in the value that the layout does not ask for.
                if value.count >= 2, isSeparator(value.first), isDigit(value, 1) {
                    if case .fraction = GoTimeLayout.nextChunk(layout).element { break }
                    var n = 2
                    while isDigit(value, n) { n += 1 }
                    guard let ns = nanoseconds(value, n) else { bad = true; break }
                    nanosecond = ns
                    value = value.dropFirst(n)
                }
            case .pm, .lowerPM:
                guard value.count >= 2 else { bad = true; break }
                let text = String(decoding: value.prefix(2), as: UTF8.self)
                value = value.dropFirst(2)
                switch text {
                case element == .pm ? "PM" : "pm": pmSet = true
                case element == .pm ? "AM" : "am": amSet = true
                default: bad = true
                }
            case .offset(let iso, let colons, let withSeconds, let short):
                if iso, value.first == UInt8(ascii: "Z") {
                    value = value.dropFirst()
                    zone = .utc
                    break
                }
                let parts: (sign: UInt8, hours: ArraySlice<UInt8>, minutes: ArraySlice<UInt8>, seconds: ArraySlice<UInt8>, length: Int)
                let b = Array(value)
                let zeros = ArraySlice(Array("00".utf8))
                if colons && !withSeconds {
                    guard b.count >= 6, b[3] == UInt8(ascii: ":") else { bad = true; break }
                    parts = (b[0], b[1..<3], b[4..<6], zeros, 6)
                } else if short {
                    guard b.count >= 3 else { bad = true; break }
                    parts = (b[0], b[1..<3], zeros, zeros, 3)
                } else if colons {
                    guard b.count >= 9, b[3] == UInt8(ascii: ":"), b[6] == UInt8(ascii: ":") else { bad = true; break }
                    parts = (b[0], b[1..<3], b[4..<6], b[7..<9], 9)
                } else if withSeconds {
                    guard b.count >= 7 else { bad = true; break }
                    parts = (b[0], b[1..<3], b[3..<5], b[5..<7], 7)
                } else {
                    guard b.count >= 5 else { bad = true; break }
                    parts = (b[0], b[1..<3], b[3..<5], zeros, 5)
                }
                value = value.dropFirst(parts.length)
                guard let hh = number(parts.hours, fixed: true)?.0, let mm = number(parts.minutes, fixed: true)?.0,
                    let ss = number(parts.seconds, fixed: true)?.0
                else { bad = true; break }
                if hh > 24 { rangeError = "time zone offset hour" }
                if mm > 60 { rangeError = "time zone offset minute" }
                if ss > 60 { rangeError = "time zone offset second" }
                zoneOffset = (hh * 60 + mm) * 60 + ss
                switch parts.sign {
                case UInt8(ascii: "+"): break
                case UInt8(ascii: "-"): zoneOffset = -zoneOffset
                default: bad = true
                }
            case .zoneName:
                if value.starts(with: "UTC".utf8) {
                    zone = .utc
                    value = value.dropFirst(3)
                    break
                }
                guard let n = zoneNameLength(value) else { bad = true; break }
                zoneName = String(decoding: value.prefix(n), as: UTF8.self)
                value = value.dropFirst(n)
            case .fraction(let digits, let trim, _):
                if trim {
                    guard value.count >= 2, isSeparator(value.first), isDigit(value, 1) else { break }
                    var i = 0
                    while isDigit(value, i + 1) { i += 1 }
                    guard let ns = nanoseconds(value, 1 + i) else { bad = true; break }
                    nanosecond = ns
                    value = value.dropFirst(1 + i)
                } else {
                    guard value.count >= 1 + digits, let ns = nanoseconds(value, 1 + digits) else { bad = true; break }
                    nanosecond = ns
                    value = value.dropFirst(1 + digits)
                }
            }
            if !rangeError.isEmpty { return failure(": \(rangeError) out of range") }
            if bad { return failure(chunk.text, hold) }
        }
        if pmSet && hour < 12 { hour += 12 } else if amSet && hour == 12 { hour = 0 }

        if yearDay >= 0 {
            var d = 0, m = 0
            if GoCivil.isLeap(year) {
                if yearDay == 31 + 29 {
                    m = 2
                    d = 29
                } else if yearDay > 31 + 29 {
                    yearDay -= 1
                }
            }
            if yearDay < 1 || yearDay > 365 { return failure(": day-of-year out of range") }
            if m == 0 {
                m = (yearDay - 1) / 31 + 1
                if m < 12 && GoCivil.daysBefore(month: m + 1) < yearDay { m += 1 }
                d = yearDay - GoCivil.daysBefore(month: m)
            }
            if month >= 0 && month != m { return failure(": day-of-year does not match month") }
            month = m
            if day >= 0 && day != d { return failure(": day-of-year does not match day") }
            day = d
        } else {
            if month < 0 { month = 1 }
            if day < 0 { day = 1 }
        }
        if day < 1 || day > GoCivil.daysIn(month: month, year: year) { return failure(": day out of range") }

        if let zone {
            return .success(GoTime.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond, zone: zone))
        }
        let utc = GoTime.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond, zone: .utc)
        if zoneOffset != -1 {
            var t = utc
            t.seconds -= Int64(zoneOffset)
            let found = location.lookup(t.seconds)
            if found.offset == zoneOffset && (zoneName.isEmpty || found.name == zoneName) {
                t.zone = location
            } else {
                t.zone = .fixed(zoneName, offset: zoneOffset)
            }
            return .success(t)
        }
        if !zoneName.isEmpty {
            var t = utc
            if let offset = location.offset(named: zoneName, around: t.seconds) {
                t.seconds -= Int64(offset)
                t.zone = location
                return .success(t)
            }
            var offset = 0
            if zoneName.utf8.count > 3 && zoneName.hasPrefix("GMT") { offset = (atoi(zoneName.utf8.dropFirst(3)) ?? 0) * 3600 }
            t.zone = .fixed(zoneName, offset: offset)
            return .success(t)
        }
        return .success(GoTime.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond, zone: location))
    }

    // MARK: Go's helpers

    private static func isDigit(_ s: ArraySlice<UInt8>, _ i: Int) -> Bool {
        let k = s.startIndex + i
        return k < s.endIndex && s[k] >= 0x30 && s[k] <= 0x39
    }

    private static func isSeparator(_ c: UInt8?) -> Bool { c == UInt8(ascii: ".") || c == UInt8(ascii: ",") }

    /// `getnum`: one or two digits (two when `fixed`).
    private static func number(_ s: ArraySlice<UInt8>, fixed: Bool) -> (Int, ArraySlice<UInt8>)? {
        guard isDigit(s, 0) else { return nil }
        let first = Int(s[s.startIndex] - 0x30)
        guard isDigit(s, 1) else { return fixed ? nil : (first, s.dropFirst()) }
        return (first * 10 + Int(s[s.startIndex + 1] - 0x30), s.dropFirst(2))
    }

    /// `atoi`: an optional sign and digits, all of `s`.
    static func atoi<S: Collection>(_ s: S) -> Int? where S.Element == UInt8 {
        var bytes = Array(s)[...]
        var negative = false
        if let c = bytes.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var x: UInt64 = 0
        for c in bytes {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            if x > (1 << 63) / 10 { return nil }
            x = x * 10 + UInt64(c - 0x30)
            if x > 1 << 63 { return nil }
        }
        let n = Int(truncatingIfNeeded: x)
        return negative ? -n : n
    }

    /// `skip`: removes the layout's literal text from the value; a space in
    /// the layout matches any run of spaces (at least one unless the value ends).
    private static func skip(_ value: ArraySlice<UInt8>, _ prefix: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var value = value
        var prefix = prefix
        while let p = prefix.first {
            if p == UInt8(ascii: " ") {
                if let v = value.first, v != UInt8(ascii: " ") { return nil }
                prefix = prefix.drop { $0 == UInt8(ascii: " ") }
                value = value.drop { $0 == UInt8(ascii: " ") }
                continue
            }
            guard value.first == p else { return nil }
            prefix = prefix.dropFirst()
            value = value.dropFirst()
        }
        return value
    }

    /// `lookup`: the first name that starts the value, ignoring ASCII case.
    private static func lookup(_ names: [String], _ value: ArraySlice<UInt8>) -> (Int, ArraySlice<UInt8>)? {
        for (index, name) in names.enumerated() {
            let n = Array(name.utf8)
            guard value.count >= n.count else { continue }
            let matches = zip(value.prefix(n.count), n).allSatisfy { a, b in
                if a == b { return true }
                let la = a | 0x20, lb = b | 0x20
                return la == lb && la >= 0x61 && la <= 0x7A
            }
            if matches { return (index, value.dropFirst(n.count)) }
        }
        return nil
    }

    /// `parseNanoseconds`: a separator and up to nine digits of `nbytes - 1`.
    private static func nanoseconds(_ value: ArraySlice<UInt8>, _ count: Int) -> Int? {
        guard isSeparator(value.first) else { return nil }
        let n = min(count, 10)
        guard let ns = atoi(value.dropFirst().prefix(n - 1)), ns >= 0 else { return nil }
        var scaled = ns
        for _ in 0..<(10 - n) { scaled *= 10 }
        return scaled
    }

    /// `parseTimeZone`: the length of a zone abbreviation starting the value.
    private static func zoneNameLength(_ value: ArraySlice<UInt8>) -> Int? {
        let b = Array(value)
        guard b.count >= 3 else { return nil }
        if b.count >= 4, b[0..<4].elementsEqual("ChST".utf8) || b[0..<4].elementsEqual("MeST".utf8) { return 4 }
        if b[0..<3].elementsEqual("GMT".utf8) {
            if b.count == 3 { return 3 }
            return 3 + signedOffsetLength(b[3...])
        }
        if b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-") {
            let n = signedOffsetLength(b[...])
            return n > 0 ? n : nil
        }
        var upper = 0
        while upper < 6 && upper < b.count && b[upper] >= 0x41 && b[upper] <= 0x5A { upper += 1 }
        switch upper {
        case 5: return b[4] == UInt8(ascii: "T") ? 5 : nil
        case 4: return b[3] == UInt8(ascii: "T") || b[0..<4].elementsEqual("WITA".utf8) ? 4 : nil
        case 3: return 3
        default: return nil
        }
    }

    /// `parseSignedOffset`: `+h`/`-hh` up to 23; 0 when absent.
    private static func signedOffsetLength(_ s: ArraySlice<UInt8>) -> Int {
        guard let sign = s.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return 0 }
        let digits = s.dropFirst().prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !digits.isEmpty, let x = atoi(digits), x <= 23 else { return 0 }
        return 1 + digits.count
    }

    /// The time package's own `quote`: bytes outside printable ASCII as `\xNN`.
    static func quote<S: Collection>(_ s: S) -> String where S.Element == UInt8 {
        quote(String(decoding: Array(s), as: UTF8.self))
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if scalar.value >= 0x80 || scalar.value < 0x20 {
                for byte in String(scalar).utf8 { out += "\\x" + String(byte, radix: 16).leftPadded(2) }
            } else {
                if scalar == "\"" || scalar == "\\" { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
