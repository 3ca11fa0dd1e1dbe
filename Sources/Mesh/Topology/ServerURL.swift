/// The parts of an API server URL that matter to the mesh: whether two contexts
/// reach the same server, and whether a pod could reach it at all (loopback).
public struct ServerURL: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    /// Lowercased host; IPv6 without brackets.
    public var host: String
    public var port: Int
    public var path: String

    /// Parses `https://host[:port][/path]`; nil when it is not such a URL.
    public init?(_ text: String) {
        let scheme: String
        if text.lowercased().hasPrefix("https://") {
            scheme = "https"
        } else if text.lowercased().hasPrefix("http://") {
            scheme = "http"
        } else {
            return nil
        }
        var rest = text.dropFirst(scheme.count + 3)
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty, !host.contains("@") else { return nil }
        var port = scheme == "https" ? 443 : 80
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else { return nil }
            port = p
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.path = path == "/" ? "" : path
    }

    /// True when the host is this machine: `localhost`, 127.0.0.0/8, `::1` or `0.0.0.0`.
    /// Such a server works from the user's shell but never from inside a pod.
    public var isLoopback: Bool {
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "0.0.0.0" { return true }
        if let octets = IPAddress.ipv4Octets(host) { return octets[0] == 127 }
        return false
    }

    /// `host:port` as it identifies a cluster (two contexts with the same one are the same cluster).
    public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    public var description: String { "\(scheme)://\(endpoint)\(path)" }
}

/// Recognising addresses: the discovery address picks between the istiod chart's
/// EndpointSlice (an IP) and its ExternalName Service (a hostname).
public enum IPAddress {
    public static func ipv4Octets(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(part), v <= 255
            else { return nil }
            octets.append(v)
        }
        return octets
    }

    public static func isIPv6(_ text: String) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        let allowed = text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        var doubleColons = 0
        var previous: Character = " "
        for c in text {
            if c == ":", previous == ":" { doubleColons += 1 }
            previous = c
        }
        return allowed && doubleColons <= 1 && !text.contains(":::")
    }

    public static func isIP(_ text: String) -> Bool { ipv4Octets(text) != nil || isIPv6(text) }

    /// A DNS name (RFC 1123 subdomain), as a load balancer's `hostname` is.
    public static func isHostname(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let lower = label.lowercased()
            return ClusterName.problem(with: lower) == nil
        }
    }
}
