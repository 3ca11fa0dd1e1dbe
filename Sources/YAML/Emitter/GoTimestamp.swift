/// go-yaml v2 reads a plain scalar as a timestamp when Go's `time.Parse`
/// accepts it in one of four layouts (`2006-1-2T15:4:5.999999999Z07:00`, the
/// same with a lowercase `t`, `2006-1-2 15:4:5.999999999`, `2006-1-2`). Such a
/// string must be quoted on output, or it would read back as a time.
enum GoTimestamp {
    static func isYAMLTimestamp(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        // Quick check, as go-yaml does: exactly four digits, then '-'.
        var i = 0
        while i < s.count, GoSyntax.isDigit(s[i]) { i += 1 }
        guard i == 4, i < s.count, s[i] == UInt8(ascii: "-") else { return false }
        var p = Parser(s: s)
        guard let year = p.fixed4(), p.literal(UInt8(ascii: "-")),
            let month = p.oneOrTwoDigits(), p.literal(UInt8(ascii: "-")),
            let day = p.oneOrTwoDigits()
        else { return false }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return false }
        if p.atEnd { return true }
        // A time part: 'T', 't' (with a zone) or ' ' (without).
        let separator = s[p.i]
        p.i += 1
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { return false }
        guard let hour = p.oneOrTwoDigits(), p.literal(UInt8(ascii: ":")),
            let minute = p.oneOrTwoDigits(), p.literal(UInt8(ascii: ":")),
            let second = p.oneOrTwoDigits()
        else { return false }
        guard hour < 24, minute < 60, second < 60 else { return false }
        // Optional fraction: '.' or ',' followed by digits.
        if p.i + 1 < s.count, s[p.i] == UInt8(ascii: ".") || s[p.i] == UInt8(ascii: ","),
            GoSyntax.isDigit(s[p.i + 1])
        {
            p.i += 1
            while p.i < s.count, GoSyntax.isDigit(s[p.i]) { p.i += 1 }
        }
        if separator == UInt8(ascii: " ") { return p.atEnd }
        // Zone: 'Z' or ±hh:mm.
        guard !p.atEnd else { return false }
        if s[p.i] == UInt8(ascii: "Z") {
            p.i += 1
            return p.atEnd
        }
        guard s[p.i] == UInt8(ascii: "+") || s[p.i] == UInt8(ascii: "-"), s.count - p.i == 6,
            GoSyntax.isDigit(s[p.i + 1]), GoSyntax.isDigit(s[p.i + 2]), s[p.i + 3] == UInt8(ascii: ":"),
            GoSyntax.isDigit(s[p.i + 4]), GoSyntax.isDigit(s[p.i + 5])
        else { return false }
        let zoneHour = Int(s[p.i + 1] - 48) * 10 + Int(s[p.i + 2] - 48)
        let zoneMinute = Int(s[p.i + 4] - 48) * 10 + Int(s[p.i + 5] - 48)
        return zoneHour <= 24 && zoneMinute <= 60  // Go rejects only > 24 and > 60
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private struct Parser {
        let s: UnsafeBufferPointer<UInt8>
        var i = 0
        var atEnd: Bool { i >= s.count }

        mutating func literal(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }

        mutating func fixed4() -> Int? {
            guard s.count - i >= 4 else { return nil }
            var v = 0
            for k in 0..<4 {
                guard GoSyntax.isDigit(s[i + k]) else { return nil }
                v = v * 10 + Int(s[i + k] - 48)
            }
            i += 4
            return v
        }

        /// Go's `getnum(s, false)`: one digit, or two when the second is a digit.
        mutating func oneOrTwoDigits() -> Int? {
            guard i < s.count, GoSyntax.isDigit(s[i]) else { return nil }
            var v = Int(s[i] - 48)
            i += 1
            if i < s.count, GoSyntax.isDigit(s[i]) {
                v = v * 10 + Int(s[i] - 48)
                i += 1
            }
            return v
        }
    }
}
