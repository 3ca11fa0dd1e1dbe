/// The `date`, `time` and `date-time` format checks (RFC 3339), with the
/// errors of Go's time.Parse for the date part. Strings are handled as bytes,
/// as Go slices them.
extension FormatChecks {
    static func date(_ s: String) -> String? {
        date(Array(s.utf8))
    }

    static func dateTime(_ s: String) -> String? {
        let b = Array(s.utf8)
        if b.count < 20 { return "less than 20 characters long" }
        if b[10] != UInt8(ascii: "t") && b[10] != UInt8(ascii: "T") { return "11th character must be t or T" }
        if let error = date(Array(b[..<10])) { return "invalid date element: \(error)" }
        if let error = time(Array(b[11...])) { return "invalid time element: \(error)" }
        return nil
    }

    static func time(_ s: String) -> String? {
        time(Array(s.utf8))
    }

    /// time.Parse("2006-01-02", s).
    private static func date(_ value: [UInt8]) -> String? {
        let layout = "2006-01-02"
        func cannotParse(_ rest: ArraySlice<UInt8>, _ element: String) -> String {
            "parsing time \(timeQuote(value[...])) as \(timeQuote(Array(layout.utf8)[...])): cannot parse \(timeQuote(rest)) as \(timeQuote(Array(element.utf8)[...]))"
        }
        func isDigit(_ rest: ArraySlice<UInt8>, _ i: Int) -> Bool {
            rest.count > i && rest[rest.startIndex + i] >= 48 && rest[rest.startIndex + i] <= 57
        }
        func digitValue(_ rest: ArraySlice<UInt8>, _ i: Int) -> Int { Int(rest[rest.startIndex + i] - 48) }
        var rest = value[...]
        guard rest.count >= 4, (0..<4).allSatisfy({ isDigit(rest, $0) }) else { return cannotParse(rest, "2006") }
        let year = (0..<4).reduce(0) { $0 * 10 + digitValue(rest, $1) }
        rest = rest.dropFirst(4)
        var numbers: [Int] = []
        for (element, name) in [("01", "month"), ("02", "day")] {
            guard rest.first == UInt8(ascii: "-") else { return cannotParse(rest, "-") }
            rest = rest.dropFirst()
            guard isDigit(rest, 0), isDigit(rest, 1) else { return cannotParse(rest, element) }
            let n = digitValue(rest, 0) * 10 + digitValue(rest, 1)
            rest = rest.dropFirst(2)
            if name == "month" && (n < 1 || n > 12) { return "parsing time \(timeQuote(value[...])): month out of range" }
            numbers.append(n)
        }
        if !rest.isEmpty { return "parsing time \(timeQuote(value[...])): extra text: \(timeQuote(rest))" }
        let (month, day) = (numbers[0], numbers[1])
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if day < 1 || day > days { return "parsing time \(timeQuote(value[...])): day out of range" }
        return nil
    }

    /// The time package's quote: ASCII kept (`"` and `\` escaped), other bytes as `\xNN`.
    private static func timeQuote(_ bytes: ArraySlice<UInt8>) -> String {
        var out = "\""
        for c in bytes {
            if c >= 0x80 || c < 0x20 {
                out += "\\x" + String(c >> 4, radix: 16) + String(c & 15, radix: 16)
            } else {
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { out += "\\" }
                out.unicodeScalars.append(UnicodeScalar(c))
            }
        }
        return out + "\""
    }

    /// Go's Atoi on ASCII bytes: sign and digits, nil otherwise.
    private static func atoiBytes(_ b: ArraySlice<UInt8>) -> Int? {
        var digits = b
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), digits.count < 19 else { return nil }
        let n = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        return negative ? -n : n
    }

    /// RFC 3339 full-time: `hh:mm:ss[.frac](Z|±hh:mm)`, leap second only at 23:59 UTC.
    private static func time(_ s: [UInt8]) -> String? {
        if s.count < 9 { return "less than 9 characters long" }
        if s[2] != UInt8(ascii: ":") || s[5] != UInt8(ascii: ":") { return "missing colon in correct place" }
        var hms: [Int] = []
        for token in s[..<8].split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false) {
            guard let n = atoiBytes(token) else { return "invalid hour/min/sec" }
            if n < 0 { return "non-positive hour/min/sec" }
            hms.append(n)
        }
        if hms.count != 3 { return "missing hour/min/sec" }
        var (h, m) = (hms[0], hms[1])
        let sec = hms[2]
        if h > 23 || m > 59 || sec > 60 { return "hour/min/sec out of range" }
        var rest = s[8...]
        if rest.first == UInt8(ascii: ".") {
            let digits = rest.dropFirst().prefix { $0 >= 48 && $0 <= 57 }.count
            if digits == 0 { return "no digits in second fraction" }
            rest = rest.dropFirst(1 + digits)
        }
        if !(rest.count == 1 && (rest.first == UInt8(ascii: "z") || rest.first == UInt8(ascii: "Z"))) {
            if rest.count != 6 { return "offset must be 6 characters long" }
            let sign: Int
            switch rest.first {
            case UInt8(ascii: "+"): sign = -1
            case UInt8(ascii: "-"): sign = 1
            default: return "offset must begin with plus/minus"
            }
            let offset = rest.dropFirst()
            if offset[offset.startIndex + 2] != UInt8(ascii: ":") { return "missing colon in offset in correct place" }
            var zhm: [Int] = []
            for token in offset.split(separator: UInt8(ascii: ":"), maxSplits: 1, omittingEmptySubsequences: false) {
                guard let n = atoiBytes(token) else { return "invalid hour/min in offset" }
                if n < 0 { return "non-positive hour/min in offset" }
                zhm.append(n)
            }
            if zhm[0] > 23 || zhm[1] > 59 { return "hour/min in offset out of range" }
            var minutes = (h * 60 + m) + sign * (zhm[0] * 60 + zhm[1])
            if minutes < 0 { minutes += 24 * 60 }
            (h, m) = (minutes / 60, minutes % 60)
        }
        if sec >= 60 && (h != 23 || m != 59) { return "invalid leap second" }
        return nil
    }
}
