/// The `ipv4` and `ipv6` format checks, with the errors of the Go functions
/// the library calls (strconv.Atoi, netip.ParseAddr).
extension FormatChecks {
    static func ipv4(_ s: String) -> String? {
        let groups = s.split(separator: ".", omittingEmptySubsequences: false)
        if groups.count != 4 { return "expected four decimals" }
        for group in groups {
            if group.utf8.count > 1 && group.hasPrefix("0") { return "leading zeros" }
            let n: Int
            switch atoi(String(group)) {
            case .failure(let error): return error.message
            case .success(let value): n = value
            }
            if n < 0 || n > 255 { return "decimal must be between 0 and 255" }
        }
        return nil
    }

    /// strconv.Atoi: an optional sign and decimal digits.
    private static func atoi(_ s: String) -> Result<Int, AtoiError> {
        var digits = Substring(s)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return .failure(AtoiError("strconv.Atoi: parsing \(GoQuote.quote(s)): invalid syntax"))
        }
        guard let magnitude = Int(digits) else {
            return .failure(AtoiError("strconv.Atoi: parsing \(GoQuote.quote(s)): value out of range"))
        }
        return .success(negative ? -magnitude : magnitude)
    }

    private struct AtoiError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func ipv6(_ s: String) -> String? {
        if !s.contains(":") { return "missing colon" }
        switch GoIPAddress.parse(s) {
        case .failure(let error): return error.message
        case .success(let hasZone): return hasZone ? "zone id is not a part of ipv6 address" : nil
        }
    }
}

/// Go's netip.ParseAddr, for its verdict and error text only.
enum GoIPAddress {
    struct ParseError: Error {
        var message: String
    }

    /// Whether `s` parses, and whether it has a zone.
    static func parse(_ s: String) -> Result<Bool, ParseError> {
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "."): return parseIPv4(Array(s.utf8), input: s).map { _ in false }
            case UInt8(ascii: ":"): return parseIPv6(s)
            case UInt8(ascii: "%"): return .failure(error(s, "missing IPv6 address"))
            default: continue
            }
        }
        return .failure(error(s, "unable to parse IP"))
    }

    private static func error(_ input: String, _ message: String, at rest: [UInt8]? = nil) -> ParseError {
        var text = "ParseAddr(\(GoQuote.quote(input))): \(message)"
        if let rest, !rest.isEmpty { text += " (at \(GoQuote.quote(String(decoding: rest, as: UTF8.self))))" }
        return ParseError(message: text)
    }

    private static func parseIPv4(_ s: [UInt8], input: String) -> Result<Void, ParseError> {
        var fields = 0, value = 0, digits = 0
        for (i, c) in s.enumerated() {
            if c >= 48 && c <= 57 {
                if digits == 1 && value == 0 { return .failure(error(input, "IPv4 field has octet with leading zero")) }
                value = value * 10 + Int(c - 48)
                digits += 1
                if value > 255 { return .failure(error(input, "IPv4 field has value >255")) }
            } else if c == UInt8(ascii: ".") {
                if i == 0 || i == s.count - 1 || s[i - 1] == UInt8(ascii: ".") {
                    return .failure(error(input, "IPv4 field must have at least one digit", at: Array(s[i...])))
                }
                if fields == 3 { return .failure(error(input, "IPv4 address too long")) }
                fields += 1
                value = 0
                digits = 0
            } else {
                return .failure(error(input, "unexpected character", at: Array(s[i...])))
            }
        }
        if fields < 3 { return .failure(error(input, "IPv4 address too short")) }
        return .success(())
    }

    private static func parseIPv6(_ input: String) -> Result<Bool, ParseError> {
        var s = Array(input.utf8)
        var hasZone = false
        if let percent = s.firstIndex(of: UInt8(ascii: "%")) {
            if percent == s.count - 1 { return .failure(error(input, "zone must be a non-empty string")) }
            hasZone = true
            s = Array(s[..<percent])
        }
        var ellipsis = -1
        if s.count >= 2 && s[0] == UInt8(ascii: ":") && s[1] == UInt8(ascii: ":") {
            ellipsis = 0
            s.removeFirst(2)
            if s.isEmpty { return .success(hasZone) }
        }
        var i = 0
        while i < 16 {
            var off = 0
            while off < s.count {
                let c = s[off]
                let digit: Int
                switch c {
                case 48...57: digit = Int(c - 48)
                case 97...102: digit = Int(c - 87)
                case 65...70: digit = Int(c - 55)
                default: digit = -1
                }
                if digit < 0 { break }
                if off >= 4 { return .failure(error(input, "each group must have 4 or less digits", at: s)) }
                off += 1
            }
            if off == 0 { return .failure(error(input, "each colon-separated field must have at least one digit", at: s)) }
            if off < s.count && s[off] == UInt8(ascii: ".") {
                if ellipsis < 0 && i != 12 {
                    return .failure(error(input, "embedded IPv4 address must replace the final 2 fields of the address", at: s))
                }
                if i + 4 > 16 {
                    return .failure(error(input, "too many hex fields to fit an embedded IPv4 at the end of the address", at: s))
                }
                // The embedded address's own error, about the whole input.
                if case .failure(let inner) = parseIPv4(s, input: input) { return .failure(inner) }
                s = []
                i += 4
                break
            }
            i += 2
            s.removeFirst(off)
            if s.isEmpty { break }
            if s[0] != UInt8(ascii: ":") { return .failure(error(input, "unexpected character, want colon", at: s)) }
            if s.count == 1 { return .failure(error(input, "colon must be followed by more characters", at: s)) }
            s.removeFirst()
            if s[0] == UInt8(ascii: ":") {
                if ellipsis >= 0 { return .failure(error(input, "multiple :: in address", at: s)) }
                ellipsis = i
                s.removeFirst()
                if s.isEmpty { break }
            }
        }
        if !s.isEmpty { return .failure(error(input, "trailing garbage after address", at: s)) }
        if i < 16 {
            if ellipsis < 0 { return .failure(error(input, "address string too short")) }
        } else if ellipsis >= 0 {
            return .failure(error(input, "the :: must expand to at least one field of zeros"))
        }
        return .success(hasZone)
    }
}
