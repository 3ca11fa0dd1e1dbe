/// PEM bytes, held in memory or named by a file path.
public enum PEMSource: Sendable, Equatable {
    case file(String)
    case data([UInt8])
}

/// A client certificate and its private key (PEM; RSA or EC keys).
public struct ClientIdentity: Sendable, Equatable {
    public var certificate: PEMSource
    public var key: PEMSource

    public init(certificate: PEMSource, key: PEMSource) {
        self.certificate = certificate
        self.key = key
    }
}

/// What one request presents to prove who sends it. Secret: never printed,
/// and its description says only which kinds of credential it holds.
public struct RequestCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The full `Authorization` header value (`Bearer …` or `Basic …`).
    public var authorization: String?
    public var clientIdentity: ClientIdentity?

    public init(authorization: String? = nil, clientIdentity: ClientIdentity? = nil) {
        self.authorization = authorization
        self.clientIdentity = clientIdentity
    }

    public static let none = RequestCredentials()

    public var description: String {
        var kinds = [String]()
        if let authorization { kinds.append(authorization.hasPrefix("Basic ") ? "basic auth" : "bearer token") }
        if clientIdentity != nil { kinds.append("client certificate") }
        return kinds.isEmpty ? "no credentials" : kinds.joined(separator: " + ")
    }
}
