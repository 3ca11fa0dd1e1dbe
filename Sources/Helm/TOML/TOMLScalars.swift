/// The parser's checks and conversions of number and date-time tokens, with
/// BurntSushi's messages.
enum TOMLScalars {
    struct Problem: Error {
        var message: String
    }

    /// Whether every `_` sits between two characters that are not `_`.
    static func underscoresOK(_ s: String) -> Bool {
        if ["nan", "+nan", "-nan", "inf", "-inf", "+inf"].contains(s) { return true }
        var accept = false
        for u in s.unicodeScalars {
            if u == "_", !accept { return false }
            accept = TOMLReader.isHex(u.value)
        }
        return accept
    }

    static func hasLeadingZero(_ s: String) -> Bool {
        let b = Array(s.utf8)
        if b.count > 1, b[0] == 48, b[1] != 98, b[1] != 111, b[1] != 120 { return true }
        return b.count > 2 && (b[0] == 45 || b[0] == 43) && b[1] == 48
    }

    static func integer(_ token: String) -> Result<Int64, Problem> {
        if !underscoresOK(token) {
            return .failure(Problem(message: "Invalid integer \(GoQuote.quote(token)): underscores must be surrounded by digits"))
        }
        if hasLeadingZero(token) {
            return .failure(Problem(message: "Invalid integer \(GoQuote.quote(token)): cannot have leading zeroes"))
        }
        var digits = Substring(token.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        var radix = 10
        if digits.count > 2, digits.first == "0", let base = ["x": 16, "o": 8, "b": 2][digits[digits.index(after: digits.startIndex)]] {
            radix = base
            digits = digits.dropFirst(2)
        }
        guard let magnitude = UInt64(digits, radix: radix) else {
            let valid = !digits.isEmpty && digits.allSatisfy { $0.isHexDigit && Int(String($0), radix: radix) != nil }
            return .failure(Problem(message: valid ? "\(token) is out of range for int64" : "Invalid integer \(GoQuote.quote(token))"))
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return .failure(Problem(message: "\(token) is out of range for int64")) }
            return .success(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return .failure(Problem(message: "\(token) is out of range for int64")) }
        return .success(Int64(magnitude))
    }

    static func float(_ token: String) -> Result<Double, Problem> {
        let parts = token.split(whereSeparator: { $0 == "." || $0 == "e" || $0 == "E" }).map(String.init)
        if parts.contains(where: { !underscoresOK($0) }) {
            return .failure(Problem(message: "Invalid float \(GoQuote.quote(token)): underscores must be surrounded by digits"))
        }
        if let first = parts.first, hasLeadingZero(first) {
            return .failure(Problem(message: "Invalid float \(GoQuote.quote(token)): cannot have leading zeroes"))
        }
        var afterPeriod = false
        for u in token.unicodeScalars {
            if afterPeriod, !TOMLReader.isDigit(u.value) { return periodProblem(token) }
            afterPeriod = u == "."
        }
        if afterPeriod { return periodProblem(token) }
        var text = token.replacingOccurrences(of: "_", with: "")
        var negativeNaN = false
        if text == "+nan" || text == "-nan" {
            negativeNaN = text == "-nan"
            text = "nan"
        }
        switch text {
        case "nan": return .success(negativeNaN ? -Double.nan : Double.nan)
        case "inf", "+inf": return .success(.infinity)
        case "-inf": return .success(-.infinity)
        default: break
        }
        // Go's ParseFloat syntax for what the lexer lets through: sign, digits,
        // an optional fraction, an optional exponent.
        let b = Array(text.utf8)
        var i = 0
        if i < b.count, b[i] == 43 || b[i] == 45 { i += 1 }
        let mantissaStart = i
        while i < b.count, TOMLReader.isDigit(UInt32(b[i])) { i += 1 }
        var digitCount = i - mantissaStart
        if i < b.count, b[i] == 46 {
            i += 1
            let fractionStart = i
            while i < b.count, TOMLReader.isDigit(UInt32(b[i])) { i += 1 }
            digitCount += i - fractionStart
        }
        if i < b.count, b[i] == 101 || b[i] == 69 {
            i += 1
            if i < b.count, b[i] == 43 || b[i] == 45 { i += 1 }
            let exponentStart = i
            while i < b.count, TOMLReader.isDigit(UInt32(b[i])) { i += 1 }
            if i == exponentStart { i = -1 }
        }
        guard digitCount > 0, i == b.count, let value = Double(text) else {
            return .failure(Problem(message: "Invalid float value: \(GoQuote.quote(token))"))
        }
        if value.isInfinite { return .failure(Problem(message: "\(token) is out of range for float64")) }
        return .success(value)
    }

    private static func periodProblem(_ token: String) -> Result<Double, Problem> {
        .failure(Problem(message: "Invalid float \(GoQuote.quote(token)): '.' must be followed by one or more digits"))
    }

    /// The date-time layouts BurntSushi tries, in order, with the zone each gets:
    /// nil for Go's `time.Local`, else the name of a fixed zone at the local offset.
    static let layouts: [(layout: String, zone: String?)] = [
        ("2006-01-02T15:04:05.999999999Z07:00", nil),
        ("2006-01-02T15:04:05.999999999", "datetime-local"),
        ("2006-01-02", "date-local"),
        ("15:04:05.999999999", "time-local"),
        ("2006-01-02T15:04Z07:00", nil),
        ("2006-01-02T15:04", "datetime-local"),
        ("15:04", "time-local"),
    ]

    /// How BurntSushi's encoder (`toToml`) writes a time whose zone is one of
    /// its reader's local kinds (after moving it to UTC); nil for other zones.
    static func localKindLayout(_ zone: GoZone) -> String? {
        guard !zone.isLocal, !zone.isUTC else { return nil }
        switch zone.name {
        case "datetime-local": return "2006-01-02T15:04:05.999999999"
        case "date-local": return "2006-01-02"
        case "time-local": return "15:04:05.999999999"
        default: return nil
        }
    }

    /// A date-time token as a `time.Time`; BurntSushi's message names it with
    /// `t`, `z` and the space already replaced.
    static func dateTime(_ token: String, localZone: GoZone, localOffset: Int) -> Result<GoValue, Problem> {
        var value = ""
        for c in token {
            switch c {
            case "z": value.append("Z")
            case "t", " ": value.append("T")
            default: value.append(c)
            }
        }
        for (layout, zoneName) in layouts {
            let zone = zoneName.map { GoZone.fixed($0, offset: localOffset) } ?? localZone
            guard case .success(let t) = GoTimeParse.parse(layout, value, in: zone) else { continue }
            if missingLeadingZero(value, layout) { break }
            return .success(.time(t))
        }
        return .failure(Problem(message: "invalid datetime: \(GoQuote.quote(value))"))
    }

    /// Go's parser takes `7:32` for `15:04`; TOML wants two digits, so every
    /// separator must sit where the layout has it.
    static func missingLeadingZero(_ value: String, _ layout: String) -> Bool {
        let v = Array(value.utf8)
        for (i, c) in layout.utf8.enumerated() {
            if c == 46 || c == 90 { return false }
            if !(48...57).contains(c), i >= v.count || v[i] != c { return true }
        }
        return false
    }
}
