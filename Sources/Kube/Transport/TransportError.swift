/// Why an exchange with an API server failed below HTTP: no status code came back.
public struct TransportError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Nothing listens at the address (the server surely did not see the request).
        case connectionRefused
        /// The host name does not resolve.
        case hostNotFound
        /// The connection (TCP or TLS handshake) did not complete in time.
        case connectTimeout
        /// The request was sent but the response did not complete in time.
        case timedOut
        /// The connection broke or closed without a (complete) response.
        case connectionReset
        /// The server's certificate is not signed by a trusted CA.
        case serverCertificateUntrusted
        /// The server's certificate does not name the host we connected to.
        case serverNameMismatch
        /// The TLS handshake failed for another reason.
        case tlsHandshakeFailed
        /// The server refused our client certificate.
        case clientCertificateRejected
        /// The server demands a client certificate and we have none.
        case clientCertificateRequired
        /// Our client certificate or key could not be loaded.
        case clientCertificateUnusable
        /// The CA certificate(s) given could not be loaded.
        case certificateAuthorityUnusable
        /// The proxy could not be reached or refused the tunnel.
        case proxyFailed
        /// libcurl itself could not be loaded (not installed, or too old).
        case libraryUnavailable
        case other
    }

    public var kind: Kind
    /// libcurl's own explanation, or the loader's (never contains credentials).
    public var detail: String
    /// Whether any part of the request may have reached the server. When
    /// false, even a non-idempotent request can be sent again safely.
    public var requestMayHaveBeenSent: Bool

    public init(kind: Kind, detail: String, requestMayHaveBeenSent: Bool) {
        self.kind = kind
        self.detail = detail
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
    }

    /// Failures a later attempt may not meet (the server was busy, restarting or the network hiccupped).
    public var isTransient: Bool {
        switch kind {
        case .connectionRefused, .connectTimeout, .timedOut, .connectionReset, .proxyFailed: return true
        default: return false
        }
    }
}
