/// Go's net/url.Parse as far as the `uri`, `uri-reference` and
/// `uri-template` format checks need it: whether a string parses, its scheme,
/// host and raw path, and Go's error text (`parse "x": …`).
struct GoURL {
    var scheme = ""
    var host = ""
    var path = ""
    /// The path as written, when it differs from the default escaping of `path`.
    var rawPath = ""

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
        let url: GoURL
        switch parseWithoutFragment(beforeFragment) {
        case .failure(let message): return .failure(ParseError(message: "parse \(GoQuote.quote(beforeFragment)): \(message.message)"))
        case .success(let parsed): url = parsed
        }
        if let fragment, !fragment.isEmpty, case .failure(let error) = unescape(fragment, host: false) {
            return .failure(ParseError(message: "parse \(GoQuote.quote(raw)): \(error.message)"))
        }
        return .success(url)
    }

    /// The library's parseURL: url.Parse, then an IPv6 host must be bracketed and valid.
    static func parseChecked(_ raw: String) -> Result<GoURL, ParseError> {
        let url: GoURL
        switch parse(raw) {
        case .failure(let error): return .failure(error)
        case .success(let parsed): url = parsed
        }
        let hostname = hostnameOf(url.host)
        if hostname.contains(":") {
            if !url.host.contains("[") || !url.host.contains("]") {
                return .failure(ParseError(message: "ipv6 address not enclosed in brackets"))
            }
            if let error = FormatChecks.ipv6(hostname) { return .failure(ParseError(message: "invalid ipv6 address: \(error)")) }
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
            let letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
            if letter { continue }
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
            rest = rest.dropLast()
        } else if let q = rest.firstIndex(of: "?") {
            rest = rest[..<q]
        }
        if !rest.hasPrefix("/") {
            if !url.scheme.isEmpty { return .success(url) }
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
            case .success(let host): url.host = host
            }
        }
        switch unescape(String(rest), host: false) {
        case .failure(let error): return .failure(ParseError(message: error.message))
        case .success(let path):
            url.path = path
            url.rawPath = escapePath(path) == rest ? "" : String(rest)
        }
        return .success(url)
    }

    private static func parseAuthority(_ authority: String) -> Result<String, ParseError> {
        let at = authority.lastIndex(of: "@")
        let hostPart = at.map { String(authority[authority.index(after: $0)...]) } ?? authority
        let host: String
        switch parseHost(hostPart) {
        case .failure(let error): return .failure(error)
        case .success(let h): host = h
        }
        if let at {
            let userinfo = authority[..<at]
            let allowed = Set("-._:~!$&'()*+,;=%@".utf8)
            for c in userinfo.utf8 where !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || allowed.contains(c)) {
                return .failure(ParseError(message: "net/url: invalid userinfo"))
            }
            for part in userinfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false) {
                if case .failure(let error) = unescape(String(part), host: false) { return .failure(ParseError(message: error.message)) }
            }
        }
        return .success(host)
    }

    private static func parseHost(_ host: String) -> Result<String, ParseError> {
        if host.hasPrefix("[") {
            guard let close = host.lastIndex(of: "]") else { return .failure(ParseError(message: "missing ']' in host")) }
            let colonPort = String(host[host.index(after: close)...])
            if !validOptionalPort(colonPort) {
                return .failure(ParseError(message: "invalid port \(GoQuote.quote(colonPort)) after host"))
            }
            if host[..<close].contains("%25") {
                // A zone: any escapes go; the host around it as usual.
                return .success(host)
            }
        } else if let colon = host.firstIndex(of: ":") {
            let colonPort = String(host[colon...])
            if !validOptionalPort(colonPort) {
                return .failure(ParseError(message: "invalid port \(GoQuote.quote(colonPort)) after host"))
            }
        }
        switch unescape(host, host: true) {
        case .failure(let error): return .failure(ParseError(message: error.message))
        case .success(let h): return .success(h)
        }
    }

    private static func validOptionalPort(_ port: String) -> Bool {
        if port.isEmpty { return true }
        guard port.hasPrefix(":") else { return false }
        return port.utf8.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    private struct UnescapeError: Error {
        var message: String
    }

    /// url.unescape in path (or host) mode.
    private static func unescape(_ s: String, host: Bool) -> Result<String, UnescapeError> {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) else {
                    let token = String(decoding: bytes[i..<Swift.min(i + 3, bytes.count)], as: UTF8.self)
                    return .failure(UnescapeError(message: EscapeError(token: token).message))
                }
                if host && h < 8 && !(bytes[i + 1] == UInt8(ascii: "2") && bytes[i + 2] == UInt8(ascii: "5")) {
                    return .failure(UnescapeError(message: EscapeError(token: String(decoding: bytes[i..<(i + 3)], as: UTF8.self)).message))
                }
                out.append(h << 4 | l)
                i += 3
                continue
            }
            if host && c < 0x80 && !hostByteAllowed(c) {
                return .failure(UnescapeError(message: "invalid character \(GoQuote.quote(String(UnicodeScalar(c)))) in host name"))
            }
            out.append(c)
            i += 1
        }
        return .success(String(decoding: out, as: UTF8.self))
    }

    /// `%xx` decoding as url.PathUnescape does it; nil on a bad escape.
    static func percentDecode(_ s: String) -> String? {
        if case .success(let decoded) = unescape(s, host: false) { return decoded }
        return nil
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }

    private static func isUnreserved(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == UInt8(ascii: "-")
            || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "~")
    }

    private static func hostByteAllowed(_ c: UInt8) -> Bool {
        isUnreserved(c) || Set("!$&'()*+,;=:[]<>\"".utf8).contains(c)
    }

    /// url.escape in path mode: what Go writes for `path`.
    private static func escapePath(_ path: String) -> Substring {
        var out = ""
        for c in path.utf8 {
            if isUnreserved(c) || Set("$&+,/:;=@".utf8).contains(c) {
                out.unicodeScalars.append(UnicodeScalar(c))
            } else {
                out += "%" + String(c >> 4, radix: 16, uppercase: true) + String(c & 15, radix: 16, uppercase: true)
            }
        }
        return Substring(out)
    }

    /// url.Hostname: the host without its port and brackets.
    private static func hostnameOf(_ host: String) -> String {
        var h = Substring(host)
        if let colon = h.lastIndex(of: ":"), validOptionalPort(String(h[colon...])) { h = h[..<colon] }
        if h.hasPrefix("[") && h.hasSuffix("]") { h = h.dropFirst().dropLast() }
        return String(h)
    }
}
