/// A URL as Go's net/url holds it: `url.Parse` (with Go's error texts,
/// `parse "x": …`) and `URL.String`, for Sprig's `urlParse` and `urlJoin` and
/// the schema formats `uri`, `uri-reference` and `uri-template`.
struct GoURL {
    var scheme = ""
    var opaque = ""
    var user: (username: String, password: String?)?
    var host = ""
    var path = ""
    /// The path as written, when it differs from the default escaping of `path`.
    var rawPath = ""
    var omitHost = false
    var forceQuery = false
    var rawQuery = ""
    var fragment = ""
    var rawFragment = ""

    struct ParseError: Error {
        var message: String
    }

    struct EscapeError: Error {
        var token: String
        var message: String { "invalid URL escape \(GoQuote.quote(token))" }
    }

    /// url.Parse.
    static func parse(_ raw: String) -> Result<GoURL, ParseError> {
        let (beforeFragment, fragment) = cut(raw, "#")
        var url: GoURL
        switch parseWithoutFragment(beforeFragment) {
        case .failure(let error): return .failure(ParseError(message: "parse \(GoQuote.quote(beforeFragment)): \(error.message)"))
        case .success(let parsed): url = parsed
        }
        if let fragment, !fragment.isEmpty {
            switch unescape(fragment, .fragment) {
            case .failure(let error): return .failure(ParseError(message: "parse \(GoQuote.quote(raw)): \(error.message)"))
            case .success(let decoded):
                url.fragment = decoded
                url.rawFragment = escape(decoded, .fragment) == fragment ? "" : fragment
            }
        }
        return .success(url)
    }

    /// The schema validator's parseURL: url.Parse, then an IPv6 host must be bracketed and valid.
    static func parseChecked(_ raw: String) -> Result<GoURL, ParseError> {
        let url: GoURL
        switch parse(raw) {
        case .failure(let error): return .failure(error)
        case .success(let parsed): url = parsed
        }
        if url.hostname.contains(":") {
            if !url.host.contains("[") || !url.host.contains("]") {
                return .failure(ParseError(message: "ipv6 address not enclosed in brackets"))
            }
            if let error = FormatChecks.ipv6(url.hostname) { return .failure(ParseError(message: "invalid ipv6 address: \(error)")) }
        }
        return .success(url)
    }

    private static func cut(_ s: String, _ separator: Character) -> (String, String?) {
        guard let i = s.firstIndex(of: separator) else { return (s, nil) }
        return (String(s[..<i]), String(s[s.index(after: i)...]))
    }

    private static func parseWithoutFragment(_ raw: String) -> Result<GoURL, ParseError> {
        if raw.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return .failure(ParseError(message: "net/url: invalid control character in URL"))
        }
        var url = GoURL()
        if raw == "*" {
            url.path = "*"
            return .success(url)
        }
        var rest = Substring(raw)
        for (i, c) in raw.utf8.enumerated() {
            if (c >= 97 && c <= 122) || (c >= 65 && c <= 90) { continue }
            if (c >= 48 && c <= 57) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") {
                if i == 0 { break }
                continue
            }
            if c == UInt8(ascii: ":") {
                if i == 0 { return .failure(ParseError(message: "missing protocol scheme")) }
                url.scheme = String(decoding: raw.utf8.prefix(i), as: UTF8.self).lowercased()
                rest = Substring(String(decoding: raw.utf8.dropFirst(i + 1), as: UTF8.self))
            }
            break
        }
        if rest.hasSuffix("?") && rest.filter({ $0 == "?" }).count == 1 {
            url.forceQuery = true
            rest = rest.dropLast()
        } else if let q = rest.firstIndex(of: "?") {
            url.rawQuery = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if !rest.hasPrefix("/") {
            if !url.scheme.isEmpty {
                url.opaque = String(rest)
                return .success(url)
            }
            let segment = rest.prefix { $0 != "/" }
            if segment.contains(":") { return .failure(ParseError(message: "first path segment in URL cannot contain colon")) }
        }
        if (!url.scheme.isEmpty || !rest.hasPrefix("///")) && rest.hasPrefix("//") {
            var authority = rest.dropFirst(2)
            rest = ""
            if let slash = authority.firstIndex(of: "/") {
                rest = authority[slash...]
                authority = authority[..<slash]
            }
            switch parseAuthority(String(authority)) {
            case .failure(let error): return .failure(error)
            case .success(let (user, host)):
                url.user = user
                url.host = host
            }
        } else if !url.scheme.isEmpty && rest.hasPrefix("/") {
            url.omitHost = true
        }
        switch unescape(String(rest), .path) {
        case .failure(let error): return .failure(error)
        case .success(let path):
            url.path = path
            url.rawPath = escape(path, .path) == rest ? "" : String(rest)
        }
        return .success(url)
    }

    private static func parseAuthority(_ authority: String) -> Result<((String, String?)?, String), ParseError> {
        let at = authority.lastIndex(of: "@")
        let host: String
        switch parseHost(at.map { String(authority[authority.index(after: $0)...]) } ?? authority) {
        case .failure(let error): return .failure(error)
        case .success(let h): host = h
        }
        guard let at else { return .success((nil, host)) }
        let userinfo = authority[..<at]
        let allowed = Set("-._:~!$&'()*+,;=%@".utf8)
        for c in userinfo.utf8 where !(isAlphanumeric(c) || allowed.contains(c)) {
            return .failure(ParseError(message: "net/url: invalid userinfo"))
        }
        let parts = userinfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var decoded: [String] = []
        for part in parts {
            switch unescape(part, .userPassword) {
            case .failure(let error): return .failure(error)
            case .success(let d): decoded.append(d)
            }
        }
        return .success(((decoded[0], decoded.count > 1 ? decoded[1] : nil), host))
    }

    private static func parseHost(_ host: String) -> Result<String, ParseError> {
        if host.hasPrefix("[") {
            guard let close = host.lastIndex(of: "]") else { return .failure(ParseError(message: "missing ']' in host")) }
            let colonPort = String(host[host.index(after: close)...])
            if !validOptionalPort(colonPort) {
                return .failure(ParseError(message: "invalid port \(GoQuote.quote(colonPort)) after host"))
            }
            if let zone = host[..<close].range(of: "%25") {
                var decoded = ""
                for (part, mode) in [(String(host[..<zone.lowerBound]), Mode.host), (String(host[zone.lowerBound..<close]), .zone), (String(host[close...]), .host)] {
                    switch unescape(part, mode) {
                    case .failure(let error): return .failure(error)
                    case .success(let d): decoded += d
                    }
                }
                return .success(decoded)
            }
        } else if let colon = host.firstIndex(of: ":") {
            let colonPort = String(host[colon...])
            if !validOptionalPort(colonPort) {
                return .failure(ParseError(message: "invalid port \(GoQuote.quote(colonPort)) after host"))
            }
        }
        return unescape(host, .host)
    }

    private static func validOptionalPort(_ port: String) -> Bool {
        if port.isEmpty { return true }
        guard port.hasPrefix(":") else { return false }
        return port.utf8.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// The parts of a URL, which escape differently.
    enum Mode {
        case path, host, zone, userPassword, fragment
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
    }

    /// url.shouldEscape.
    private static func shouldEscape(_ c: UInt8, _ mode: Mode) -> Bool {
        if isAlphanumeric(c) { return false }
        if mode == .host || mode == .zone, Set("!$&'()*+,;=:[]<>\"".utf8).contains(c) { return false }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"): return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: ":"),
            UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"):
            switch mode {
            case .path: return c == UInt8(ascii: "?")
            case .userPassword: return c == UInt8(ascii: "@") || c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: ":")
            case .fragment: return false
            case .host, .zone: return true
            }
        default:
            if mode == .fragment, Set("!()*".utf8).contains(c) { return false }
            return true
        }
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }

    /// url.unescape.
    private static func unescape(_ s: String, _ mode: Mode) -> Result<String, ParseError> {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) else {
                    let token = String(decoding: bytes[i..<Swift.min(i + 3, bytes.count)], as: UTF8.self)
                    return .failure(ParseError(message: EscapeError(token: token).message))
                }
                let escaped = String(decoding: bytes[i..<(i + 3)], as: UTF8.self)
                if mode == .host && h < 8 && escaped != "%25" {
                    return .failure(ParseError(message: EscapeError(token: escaped).message))
                }
                let v = h << 4 | l
                if mode == .zone && escaped != "%25" && v != UInt8(ascii: " ") && shouldEscape(v, .host) {
                    return .failure(ParseError(message: EscapeError(token: escaped).message))
                }
                out.append(v)
                i += 3
                continue
            }
            if (mode == .host || mode == .zone) && c < 0x80 && shouldEscape(c, mode) {
                return .failure(ParseError(message: "invalid character \(GoQuote.quote(String(UnicodeScalar(c)))) in host name"))
            }
            out.append(c)
            i += 1
        }
        return .success(String(decoding: out, as: UTF8.self))
    }

    /// `%xx` decoding as url.PathUnescape does it; nil on a bad escape.
    static func percentDecode(_ s: String) -> String? {
        if case .success(let decoded) = unescape(s, .path) { return decoded }
        return nil
    }

    /// url.escape: bytes the mode does not allow as `%XX`.
    static func escape(_ s: String, _ mode: Mode) -> String {
        var out = ""
        for c in s.utf8 {
            if shouldEscape(c, mode) {
                out += "%" + String(c >> 4, radix: 16, uppercase: true) + String(c & 15, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(UnicodeScalar(c))
            }
        }
        return out
    }

    /// url.Hostname: the host without its port and brackets.
    var hostname: String {
        var h = Substring(host)
        if let colon = h.lastIndex(of: ":"), Self.validOptionalPort(String(h[colon...])) { h = h[..<colon] }
        if h.hasPrefix("[") && h.hasSuffix("]") { h = h.dropFirst().dropLast() }
        return String(h)
    }

    /// Userinfo.String: `user` or `user:password`, escaped.
    var userinfo: String? {
        guard let user else { return nil }
        var s = Self.escape(user.username, .userPassword)
        if let password = user.password { s += ":" + Self.escape(password, .userPassword) }
        return s
    }

    /// URL.String.
    var string: String {
        var out = ""
        if !scheme.isEmpty { out += scheme + ":" }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                if !(omitHost && host.isEmpty && user == nil) {
                    if !host.isEmpty || !path.isEmpty || user != nil { out += "//" }
                    if let userinfo { out += userinfo + "@" }
                    if !host.isEmpty { out += Self.escape(host, .host) }
                }
            }
            let escapedPath: String
            if !rawPath.isEmpty, Self.percentDecode(rawPath) == path { escapedPath = rawPath } else if path == "*" { escapedPath = "*" } else {
                escapedPath = Self.escape(path, .path)
            }
            if !escapedPath.isEmpty && !escapedPath.hasPrefix("/") && !host.isEmpty { out += "/" }
            if out.isEmpty, escapedPath.prefix(while: { $0 != "/" }).contains(":") { out += "./" }
            out += escapedPath
        }
        if forceQuery || !rawQuery.isEmpty { out += "?" + rawQuery }
        if !fragment.isEmpty {
            if !rawFragment.isEmpty, case .success(let decoded) = Self.unescape(rawFragment, .fragment), decoded == fragment {
                out += "#" + rawFragment
            } else {
                out += "#" + Self.escape(fragment, .fragment)
            }
        }
        return out
    }
}
