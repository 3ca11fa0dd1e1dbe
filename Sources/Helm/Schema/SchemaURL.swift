/// URI references as `$id` and `$ref` use them (RFC 3986 §5.2, what Go's
/// url.ResolveReference does): resolution against a base, and fragments.
enum SchemaURL {
    /// Where Helm puts a chart's schema: relative references resolve against it.
    static let document = "file:///values.schema.json"

    /// `reference` resolved against the absolute `base` (fragments dropped from both).
    static func resolve(_ reference: String, against base: String) -> String {
        let ref = parts(withoutFragment(reference))
        let b = parts(withoutFragment(base))
        var result = Parts()
        if let scheme = ref.scheme {
            result = ref
            result.scheme = scheme
            result.path = removeDotSegments(ref.path)
        } else if ref.authority != nil {
            result = ref
            result.scheme = b.scheme
            result.path = removeDotSegments(ref.path)
        } else {
            result.scheme = b.scheme
            result.authority = b.authority
            if ref.path.isEmpty {
                result.path = b.path
                result.query = ref.query ?? b.query
            } else {
                if ref.path.hasPrefix("/") {
                    result.path = removeDotSegments(ref.path)
                } else if b.authority != nil && b.path.isEmpty {
                    result.path = removeDotSegments("/" + ref.path)
                } else if let slash = b.path.lastIndex(of: "/") {
                    result.path = removeDotSegments(String(b.path[...slash]) + ref.path)
                } else {
                    result.path = removeDotSegments(ref.path)
                }
                result.query = ref.query
            }
        }
        var out = ""
        if let scheme = result.scheme { out += scheme + ":" }
        if let authority = result.authority { out += "//" + authority }
        out += result.path
        if let query = result.query { out += "?" + query }
        return out
    }

    /// The part before `#`, and the fragment after it (percent-decoded), if any.
    static func split(_ url: String) -> (url: String, fragment: String) {
        guard let hash = url.firstIndex(of: "#") else { return (url, "") }
        let fragment = String(url[url.index(after: hash)...])
        return (String(url[..<hash]), GoURL.percentDecode(fragment) ?? fragment)
    }

    static func withoutFragment(_ url: String) -> String { split(url).url }

    static func scheme(of url: String) -> String? { parts(url).scheme }

    private struct Parts {
        var scheme: String?
        var authority: String?
        var path = ""
        var query: String?
    }

    private static func parts(_ text: String) -> Parts {
        var rest = Substring(text)
        var p = Parts()
        if let colon = rest.firstIndex(of: ":"), let first = rest.first, first.isLetter,
            rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
            rest[..<colon].allSatisfy(\.isASCII)
        {
            p.scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            p.authority = String(rest[..<end])
            rest = rest[end...]
        }
        if let question = rest.firstIndex(of: "?") {
            p.query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        p.path = String(rest)
        return p
    }

    /// RFC 3986 §5.2.4.
    private static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (i, segment) in segments.enumerated() {
            let last = i == segments.count - 1
            if segment == "." {
                if last { output.append("") }
            } else if segment == ".." {
                if output.count > 1 || (output.count == 1 && !output[0].isEmpty) { output.removeLast() }
                if last { output.append("") }
            } else {
                output.append(segment)
            }
        }
        var joined = output.joined(separator: "/")
        if path.hasPrefix("/") && !joined.hasPrefix("/") { joined = "/" + joined }
        return joined
    }
}
