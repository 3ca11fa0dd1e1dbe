/// Which proxy, if any, carries the connection to one API server.
///
/// Follows client-go: the kubeconfig's `proxy-url` wins and applies to every
/// request; otherwise `HTTPS_PROXY` (or `HTTP_PROXY` for an `http://` server)
/// from the environment, unless `NO_PROXY` exempts the host or the host is
/// loopback. The environment is the one passed in, never the process's own.
public enum ProxySelection {
    /// The proxy URL for `endpoint`, or nil to connect directly.
    public static func proxy(
        for endpoint: ServerEndpoint, proxyURL: String?, variables: [String: String]
    ) -> String? {
        if let proxyURL, !proxyURL.isEmpty { return normalized(proxyURL) }
        let names = endpoint.scheme == "https" ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"]
        guard let fromEnvironment = names.lazy.compactMap({ variables[$0] }).first(where: { !$0.isEmpty }) else {
            return nil
        }
        if endpoint.isLoopback { return nil }
        let noProxy = ["NO_PROXY", "no_proxy"].lazy.compactMap({ variables[$0] }).first(where: { !$0.isEmpty }) ?? ""
        if exempts(noProxy: noProxy, endpoint: endpoint) { return nil }
        return normalized(fromEnvironment)
    }

    /// `proxy:3128` means `http://proxy:3128`; `socks5://` resolves names at the
    /// proxy, as Go's SOCKS5 dialer does, which libcurl spells `socks5h://`.
    static func normalized(_ url: String) -> String {
        let trimmed = url.trimmingWhitespace()
        guard let schemeEnd = trimmed.range(of: "://") else { return "http://" + trimmed }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        if scheme == "socks5" { return "socks5h://" + trimmed[schemeEnd.upperBound...] }
        return trimmed
    }

    /// Whether a `NO_PROXY` list names the endpoint: `*`, an exact host, a
    /// domain (`example.com` and `.example.com` match subdomains; the former
    /// also the domain itself), an IP address or CIDR range, each optionally
    /// with a port that must then match.
    static func exempts(noProxy: String, endpoint: ServerEndpoint) -> Bool {
        let host = endpoint.host.lowercased()
        for rawEntry in noProxy.split(separator: ",") {
            var entry = rawEntry.trimmingWhitespace().lowercased()
            if entry.isEmpty { continue }
            if entry == "*" { return true }
            if let range = IPRange(cidr: entry) {
                if let address = IPAddress(host), range.contains(address) { return true }
                continue
            }
            // host:port or [v6]:port
            var port: Int?
            if entry.hasPrefix("[") , let close = entry.firstIndex(of: "]") {
                let after = entry[entry.index(after: close)...]
                if after.hasPrefix(":") { port = Int(after.dropFirst()) }
                entry = String(entry[entry.index(after: entry.startIndex)..<close])
            } else if entry.filter({ $0 == ":" }).count == 1, let colon = entry.lastIndex(of: ":") {
                port = Int(entry[entry.index(after: colon)...])
                entry = String(entry[..<colon])
            }
            if let port, port != endpoint.port { continue }
            if let entryAddress = IPAddress(entry) {
                if let address = IPAddress(host), address == entryAddress { return true }
                continue
            }
            if entry.hasPrefix("*.") { entry.removeFirst() }
            if entry.hasPrefix(".") {
                if host.hasSuffix(entry) { return true }
            } else if host == entry || host.hasSuffix("." + entry) {
                return true
            }
        }
        return false
    }
}

/// An IPv4 or IPv6 address as 4 or 16 bytes.
public struct IPAddress: Equatable, Sendable {
    public var bytes: [UInt8]

    /// Parses dotted IPv4 (`10.0.0.1`) or IPv6 (`fd00::1`, `::ffff:10.0.0.1`); nil for anything else.
    public init?(_ text: String) {
        if let v4 = IPAddress.parseV4(Substring(text)) {
            bytes = v4
        } else if let v6 = IPAddress.parseV6(text) {
            bytes = v6
        } else {
            return nil
        }
    }

    private static func parseV4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out = [UInt8]()
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = UInt8(part) else {
                return nil
            }
            out.append(value)
        }
        return out
    }

    private static func parseV6(_ text: String) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            if part.isEmpty { return [] }
            var out = [UInt8]()
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseV4(piece) else { return nil }
                    out += v4
                    continue
                }
                guard !piece.isEmpty, piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                out += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// An address range in CIDR notation (`10.0.0.0/8`, `fd00::/8`).
struct IPRange {
    var network: IPAddress
    var prefixLength: Int

    init?(cidr: String) {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let network = IPAddress(String(parts[0])), let length = Int(parts[1]),
            length >= 0, length <= network.bytes.count * 8
        else { return nil }
        self.network = network
        self.prefixLength = length
    }

    func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        for index in network.bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if address.bytes[index] & mask != network.bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }
}
