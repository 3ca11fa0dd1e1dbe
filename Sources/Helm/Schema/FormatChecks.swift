/// The format checks of Helm's validator, each returning why a string does
/// not have the format (the library's wording) or nil. Lengths are in bytes
/// and characters are runes, as in Go.
enum FormatChecks {
    private static func quoteRune(_ scalar: Unicode.Scalar) -> String {
        var out: [UInt8] = []
        GoQuote.appendQuotedRune(UInt64(scalar.value), asciiOnly: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }

    /// Leading ASCII digits of `s`.
    private static func leadingDigits(_ s: Substring) -> Int {
        s.unicodeScalars.prefix { isDigit($0) }.count
    }

    static func jsonPointer(_ s: String) -> String? {
        if s.isEmpty { return nil }
        guard s.hasPrefix("/") else { return "not starting with /" }
        for token in s.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            var escape = false
            for ch in token.unicodeScalars {
                if escape {
                    escape = false
                    if ch != "0" && ch != "1" { return "~ must be followed by 0 or 1" }
                    continue
                }
                if ch == "~" {
                    escape = true
                    continue
                }
            }
            if escape { return "~ must be followed by 0 or 1" }
        }
        return nil
    }

    static func relativeJSONPointer(_ s: String) -> String? {
        let digits = leadingDigits(Substring(s))
        if digits == 0 { return "must start with non-negative integer" }
        if digits > 1 && s.hasPrefix("0") { return "starts with zero" }
        let rest = String(s.dropFirst(digits))
        if rest == "#" { return nil }
        return jsonPointer(rest)
    }

    static func uuid(_ s: String) -> String? {
        let sizes = [8, 4, 4, 4, 12]
        let groups = s.split(separator: "-", omittingEmptySubsequences: false)
        if groups.count != sizes.count { return "must have \(sizes.count) elements" }
        for (i, group) in groups.enumerated() {
            if group.utf8.count != sizes[i] { return "element \(i + 1) must be \(sizes[i]) characters long" }
            for ch in group.unicodeScalars where !(isDigit(ch) || ("a"..."f").contains(ch) || ("A"..."F").contains(ch)) {
                return "non-hex character \(quoteRune(ch))"
            }
        }
        return nil
    }

    static func duration(_ s: String) -> String? {
        guard s.hasPrefix("P") else { return "must start with P" }
        var rest = Substring(s.dropFirst())
        if rest.isEmpty { return "nothing after P" }
        if rest.hasSuffix("W") {
            rest = rest.dropLast()
            if rest.isEmpty { return "no number in week" }
            return rest.unicodeScalars.allSatisfy(isDigit) ? nil : "invalid week"
        }
        let allUnits = ["YMD", "HMS"]
        for (i, part) in rest.split(separator: "T", omittingEmptySubsequences: false).enumerated() {
            if i != 0 && part.isEmpty { return "no time elements" }
            if i >= allUnits.count { return "more than one T" }
            var units = Substring(allUnits[i])
            var p = part
            while !p.isEmpty {
                let digits = leadingDigits(p)
                if digits == 0 { return "missing number" }
                p = p.dropFirst(digits)
                guard let unit = p.first else { return "missing unit" }
                guard let j = units.firstIndex(of: unit) else {
                    let quoted = quoteRune(unit.unicodeScalars.first ?? " ")
                    if allUnits[i].contains(unit) { return "unit \(quoted) out of order" }
                    return "invalid unit \(quoted)"
                }
                units = units[units.index(after: j)...]
                p = p.dropFirst()
            }
        }
        return nil
    }

    static func period(_ s: String) -> String? {
        guard let slash = s.firstIndex(of: "/") else { return "missing slash" }
        let start = String(s[..<slash]), end = String(s[s.index(after: slash)...])
        if start.hasPrefix("P") {
            if let error = duration(start) { return "invalid start duration: \(error)" }
            if let error = dateTime(end) { return "invalid end date-time: \(error)" }
        } else {
            if let error = dateTime(start) { return "invalid start date-time: \(error)" }
            if end.hasPrefix("P") {
                if let error = duration(end) { return "invalid end duration: \(error)" }
            } else if let error = dateTime(end) {
                return "invalid end date-time: \(error)"
            }
        }
        return nil
    }

    static func hostname(_ s: String) -> String? {
        var name = Substring(s)
        if name.hasSuffix(".") { name = name.dropLast() }
        if name.utf8.count > 253 { return "more than 253 characters long" }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            if label.utf8.isEmpty || label.utf8.count > 63 { return "label must be 1 to 63 characters long" }
            if label.hasPrefix("-") { return "label starts with hyphen" }
            if label.hasSuffix("-") { return "label ends with hyphen" }
            for ch in label.unicodeScalars where !(isASCIILetter(ch) || isDigit(ch) || ch == "-") {
                return "invalid character \(quoteRune(ch))"
            }
        }
        return nil
    }

    static func email(_ s: String) -> String? {
        if s.utf8.count > 254 { return "more than 255 characters long" }
        guard let at = s.lastIndex(of: "@") else { return "missing @" }
        let local = s[..<at], domain = s[s.index(after: at)...]
        if local.utf8.count > 64 { return "local part more than 64 characters long" }
        if local.utf8.count > 1 && local.hasPrefix("\"") {
            let inner = local.dropFirst().dropLast()
            if inner.contains("\\") || inner.contains("\"") {
                return "backslash and quote are not allowed within quoted local part"
            }
        } else {
            if local.hasPrefix(".") { return "starts with dot" }
            if local.hasSuffix(".") { return "ends with dot" }
            if local.contains("..") { return "consecutive dots" }
            let specials = Set(".!#$%&'*+-/=?^_`{|}~".unicodeScalars)
            for ch in local.unicodeScalars where !(isASCIILetter(ch) || isDigit(ch) || specials.contains(ch)) {
                return "invalid character \(quoteRune(ch))"
            }
        }
        if domain.hasPrefix("[") && domain.hasSuffix("]") && domain.count >= 2 {
            let address = String(domain.dropFirst().dropLast())
            if address.hasPrefix("IPv6:") {
                if let error = ipv6(String(address.dropFirst(5))) { return "invalid ipv6 address: \(error)" }
                return nil
            }
            if let error = ipv4(address) { return "invalid ipv4 address: \(error)" }
            return nil
        }
        if let error = hostname(String(domain)) { return "invalid domain: \(error)" }
        return nil
    }

    static func semver(_ s: String) -> String? {
        var version = Substring(s)
        if let plus = version.firstIndex(of: "+") {
            let build = version[version.index(after: plus)...]
            if build.isEmpty { return "build is empty" }
            for identifier in build.split(separator: ".", omittingEmptySubsequences: false) {
                if identifier.isEmpty { return "build identifier is empty" }
                for ch in identifier.unicodeScalars where !(isDigit(ch) || isASCIILetter(ch) || ch == "-") {
                    return "invalid character \(quoteRune(ch)) in build identifier"
                }
            }
            version = version[..<plus]
        }
        if let dash = version.firstIndex(of: "-") {
            for identifier in version[version.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false) {
                if identifier.isEmpty { return "pre-release identifier is empty" }
                var allDigits = true
                for ch in identifier.unicodeScalars {
                    if isDigit(ch) { continue }
                    guard isASCIILetter(ch) || ch == "-" else {
                        return "invalid character \(quoteRune(ch)) in pre-release identifier"
                    }
                    allDigits = false
                }
                if allDigits && identifier.utf8.count > 1 && identifier.hasPrefix("0") {
                    return "pre-release numeric identifier starts with zero"
                }
            }
            version = version[..<dash]
        }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count != 3 { return "versionCore must have 3 numbers separated by dot" }
        for (name, part) in zip(["major", "minor", "patch"], parts) {
            if part.isEmpty { return "\(name) is empty" }
            if part.utf8.count > 1 && part.hasPrefix("0") { return "\(name) starts with zero" }
            if !part.unicodeScalars.allSatisfy(isDigit) { return "\(name) contains non-digit" }
        }
        return nil
    }

    static func uriTemplate(_ s: String) -> String? {
        let url: GoURL
        switch GoURL.parse(s) {
        case .failure(let error): return error.message
        case .success(let parsed): url = parsed
        }
        for token in url.rawPath.split(separator: "/", omittingEmptySubsequences: false) {
            guard let decoded = GoURL.percentDecode(String(token)) else {
                return "percent decode failed: \(GoURL.EscapeError(token: String(token)).message)"
            }
            var expectOpen = true
            for ch in decoded.unicodeScalars where ch == "{" || ch == "}" {
                if (ch == "{") != expectOpen { return "nested curly braces" }
                expectOpen.toggle()
            }
            if !expectOpen { return "no matching closing brace" }
        }
        return nil
    }

    static func uri(_ s: String) -> String? {
        switch GoURL.parseChecked(s) {
        case .failure(let error): return error.message
        case .success(let url): return url.scheme.isEmpty ? "relative url" : nil
        }
    }

    static func uriReference(_ s: String) -> String? {
        if s.contains("\\") { return #"contains \"# }
        if case .failure(let error) = GoURL.parseChecked(s) { return error.message }
        return nil
    }
}
