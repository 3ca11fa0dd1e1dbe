/// Sprig's URL and duration functions: `urlParse`, `urlJoin` (Go's net/url),
/// `duration` and `durationRound` (Go's time.Duration). Like Sprig, `duration`
/// and `durationRound` read only strings and int64 (a template's `90` is an
/// int and gives `0s`; `durationRound` also takes a time.Time: the time since
/// then), and `urlParse` panics on a bad URL.
enum URLAndTimeFunctions {
    static let all: [TemplateFunction] = [
        Fn.make("urlParse", [.string]) { a in
            switch GoURL.parse(try Fn.string(a[0])) {
            case .failure(let error): throw Fn.fail("unable to parse url: \(error.message)")
            case .success(let url):
                return .map(
                    GoMap([
                        "scheme": .string(url.scheme), "host": .string(url.host), "hostname": .string(url.hostname),
                        "path": .string(url.path), "query": .string(url.rawQuery), "opaque": .string(url.opaque),
                        "fragment": .string(url.fragment), "userinfo": .string(url.userinfo ?? ""),
                    ]))
            }
        },
        Fn.make("urlJoin", [.map]) { a in
            let d = try Fn.map(a[0])
            func part(_ key: String) throws -> String {
                guard let value = d?.storage[key] else { return "" }
                if case .string(let s) = value { return s }
                if value.isNil { throw Fn.nilDereference }
                throw Fn.fail("unable to parse \(key) key, must be of type string, but \(value.goKindName) found")
            }
            var url = GoURL()
            url.scheme = try part("scheme")
            url.host = try part("host")
            url.path = try part("path")
            url.rawQuery = try part("query")
            url.opaque = try part("opaque")
            url.fragment = try part("fragment")
            let userinfo = try part("userinfo")
            if !userinfo.isEmpty {
                switch GoURL.parse("proto://\(userinfo)@host") {
                case .failure(let error): throw Fn.fail("unable to parse userinfo in dict: \(error.message)")
                case .success(let parsed): url.user = parsed.user
                }
            }
            return .string(url.string)
        },
        Fn.make("duration", [.any]) { a in
            let seconds: Int64
            switch a[0] {
            case .string(let s): seconds = parseInt(s)
            case .int64(let n): seconds = n
            default: seconds = 0
            }
            return .string(GoDuration.string(seconds &* GoDuration.second))
        },
        TemplateFunction("durationRound", [.any]) { runtime, a in
            let d: Int64
            switch a[0] {
            case .string(let s): d = GoDuration.parse(s) ?? 0
            case .int64(let n): d = n
            default:
                // A time.Time rounds the time since then (TimeFunctions).
                if let then = a[0].goTime { d = runtime.environment.now().since(then) } else { d = 0 }
            }
            let u = d.magnitude
            let hour: UInt64 = 3_600_000_000_000
            let steps: [(UInt64, String)] = [
                (hour * 24 * 365, "y"), (hour * 24 * 30, "mo"), (hour * 24, "d"), (hour, "h"), (60_000_000_000, "m"),
                (1_000_000_000, "s"),
            ]
            for (size, unit) in steps where u > size { return .string(String(u / size) + unit) }
            return .string("0s")
        },
    ]

    /// strconv.ParseInt(s, 10, 64) as Sprig uses it: 0 for a syntax error, the
    /// nearest bound when out of range.
    private static func parseInt(_ s: String) -> Int64 {
        var digits = Substring(s)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return 0 }
        if let v = Int64(String(negative ? "-" + digits : digits)) { return v }
        return negative ? .min : .max
    }
}
