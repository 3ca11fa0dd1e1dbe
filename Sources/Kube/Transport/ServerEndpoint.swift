/// The parts of a kubeconfig `server` URL the transport needs: scheme, host,
/// port and an optional path prefix (Rancher and other proxies serve the API
/// under one, e.g. `https://rancher.example.com/k8s/clusters/c-abc`).
public struct ServerEndpoint: Sendable, Equatable {
    public var scheme: String
    /// The host without brackets (`::1` for `https://[::1]:6443`).
    public var host: String
    public var port: Int
    /// The authority exactly as written in the URL (`example.com`, `10.0.0.1:6443`, `[::1]:6443`).
    public var authority: String
    /// Path prefix without a trailing slash, empty for none.
    public var pathPrefix: String

    public enum ParseError: Error, Equatable {
        case notAURL
        case unsupportedScheme(String)
        case badPort(String)
    }

    public init(server: String) throws(ParseError) {
        var rest = Substring(server.trimmingWhitespace())
        guard let schemeEnd = rest.range(of: "://") else { throw .notAURL }
        let scheme = rest[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { throw .unsupportedScheme(scheme) }
        rest = rest[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = String(rest[..<authorityEnd])
        var path = String(rest[authorityEnd...])
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        while path.hasSuffix("/") { path.removeLast() }
        // Userinfo is not a kubeconfig feature; drop it rather than send it anywhere.
        let hostPort = authority.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard !hostPort.isEmpty else { throw .notAURL }

        var host: String
        var portText: String?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw .notAURL }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) } else if !after.isEmpty { throw .notAURL }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            portText = String(hostPort[hostPort.index(after: colon)...])
        } else {
            host = hostPort
        }
        guard !host.isEmpty else { throw .notAURL }
        var port = scheme == "https" ? 443 : 80
        if let portText {
            guard let parsed = Int(portText), (1...65535).contains(parsed) else { throw .badPort(portText) }
            port = parsed
        }
        self.scheme = scheme
        self.host = host
        self.port = port
        self.authority = hostPort
        self.pathPrefix = path
    }

    /// The host as it must appear in a URL (IPv6 literals in brackets).
    public var urlHost: String { Self.urlHost(host) }

    /// `host` as a URL spells it: IPv6 literals in brackets.
    static func urlHost(_ host: String) -> String {
        host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host
    }

    /// True for `localhost` and loopback addresses (never sent through an environment proxy).
    public var isLoopback: Bool {
        if host.lowercased() == "localhost" { return true }
        guard let address = IPAddress(host) else { return false }
        if address.bytes.count == 4 { return address.bytes[0] == 127 }
        return address.bytes == [UInt8](repeating: 0, count: 15) + [1]
    }

    /// True when the host can only mean the machine the URL is used on: loopback,
    /// `*.localhost` (RFC 6761) or the unspecified address (`0.0.0.0`, `::`). Such a
    /// server works from the user's shell but not from another machine or a pod.
    public var isLocalOnly: Bool {
        if isLoopback || host.lowercased().hasSuffix(".localhost") { return true }
        return IPAddress(host)?.bytes.allSatisfy { $0 == 0 } ?? false
    }

    /// `host:port` plus the path prefix, lowercased host, IPv6 in brackets: two
    /// servers with the same identity are the same API server.
    public var identity: String { "\(urlHost.lowercased()):\(port)\(pathPrefix)" }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (no Foundation needed).
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
