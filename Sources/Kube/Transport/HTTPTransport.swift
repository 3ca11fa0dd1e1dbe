/// Sends HTTP requests to one API server. `CurlTransport` is the real one;
/// tests substitute scripted transports to drive retries and credential
/// refreshes without a server.
public protocol HTTPTransport: Sendable {
    /// Performs one exchange, with `credentials` added to the request.
    ///
    /// When `streamBody` is given and the response status is 2xx, body bytes are
    /// handed to it as they arrive instead of being collected; returning false
    /// ends the exchange early (normally, not as an error). A stream that
    /// reaches the request's timeout after a 2xx status also ends normally.
    func perform(
        _ request: HTTPRequest, credentials: RequestCredentials, streamBody: ((_ chunk: [UInt8]) -> Bool)?
    ) throws(TransportError) -> HTTPResponse
}

extension HTTPTransport {
    public func perform(_ request: HTTPRequest, credentials: RequestCredentials) throws(TransportError)
        -> HTTPResponse
    {
        try perform(request, credentials: credentials, streamBody: nil)
    }
}
