import CCurl
import Synchronization

/// The HTTP transport on libcurl for one API server.
///
/// Easy handles are pooled: each keeps its connections open, so the requests
/// of one run reuse TLS sessions instead of handshaking every time, and
/// several threads may send requests at once (each takes its own handle).
public final class CurlTransport: HTTPTransport {
    public let settings: ConnectionSettings
    private let idleHandles = Mutex<[CurlEasyHandle]>([])
    /// Made with the first handle (it needs libcurl loaded); nil if libcurl could not make one.
    private let sessionCache = Mutex<CurlSessionCache??>(nil)
    /// More idle handles than this are closed rather than kept.
    private let maximumIdleHandles = 16
    private let userAgent: String
    /// `https://host:port/prefix`, the start of every request's URL.
    private let baseURL: String
    /// The CURLOPT_CONNECT_TO entry when the URL names tls-server-name instead of the server.
    private let connectTo: String?

    public init(settings: ConnectionSettings, userAgent: String = "kubectl-mesh") {
        self.settings = settings
        self.userAgent = userAgent
        // With tls-server-name the URL names that host, so that libcurl sends it as
        // SNI and checks the certificate against it, while CONNECT_TO points the
        // socket at the real server and the Host header keeps the real authority.
        let endpoint = settings.endpoint
        let serverName = settings.tlsServerName.map(ServerEndpoint.urlHost)
        baseURL = "\(endpoint.scheme)://\(serverName ?? endpoint.urlHost):\(endpoint.port)\(endpoint.pathPrefix)"
        connectTo = serverName.map { "\($0):\(endpoint.port):\(endpoint.urlHost):\(endpoint.port)" }
        CurlLibrary.prepareInBackground()
    }

    public func perform(
        _ request: HTTPRequest, credentials: RequestCredentials, streamBody: (([UInt8]) -> Bool)?
    ) throws(TransportError) -> HTTPResponse {
        if let unavailable = CurlLibrary.unavailable {
            throw TransportError(kind: .libraryUnavailable, detail: unavailable, requestMayHaveBeenSent: false)
        }
        guard let handle = acquire() else {
            throw TransportError(kind: .other, detail: "libcurl could not create a handle", requestMayHaveBeenSent: false)
        }
        defer { release(handle) }
        handle.reset()
        let exchange = CurlExchange(streamBody: streamBody)
        let retained = Unmanaged.passRetained(exchange)
        defer { retained.release() }

        var setup = CurlEasyHandle.Setup(handle: handle)
        let lists = configure(&setup, request: request, credentials: credentials)
        setup.setPointer(CURLOPT_ERRORBUFFER, exchange.errorBuffer, "CURLOPT_ERRORBUFFER")
        setup.setCallback(CURLOPT_WRITEFUNCTION, curlWriteCallback, "CURLOPT_WRITEFUNCTION")
        setup.setPointer(CURLOPT_WRITEDATA, retained.toOpaque(), "CURLOPT_WRITEDATA")
        setup.setCallback(CURLOPT_HEADERFUNCTION, curlHeaderCallback, "CURLOPT_HEADERFUNCTION")
        setup.setPointer(CURLOPT_HEADERDATA, retained.toOpaque(), "CURLOPT_HEADERDATA")

        let body = request.body ?? (request.method == .get || request.method == .delete ? nil : [])
        let code: CURLcode = withExtendedLifetime(lists) {
            guard let body else { return perform(handle, setup) }
            setup.setOffset(CURLOPT_POSTFIELDSIZE_LARGE, Int64(body.count), "CURLOPT_POSTFIELDSIZE_LARGE")
            if !request.resendable {
                // The body comes from a read callback with no way to rewind it: when a
                // reused connection dies after the body went out, libcurl would otherwise
                // send the request again by itself; now it reports the failure instead.
                exchange.upload = body
                setup.setCallback(CURLOPT_READFUNCTION, curlReadCallback, "CURLOPT_READFUNCTION")
                setup.setPointer(CURLOPT_READDATA, retained.toOpaque(), "CURLOPT_READDATA")
                // POST semantics (body of POSTFIELDSIZE bytes); CUSTOMREQUEST still names PUT or PATCH.
                setup.set(CURLOPT_POST, 1, "CURLOPT_POST")
                return perform(handle, setup)
            }
            // POSTFIELDS is not copied: the bytes must outlive curl_easy_perform, which they do here.
            return body.withUnsafeBytes { bytes -> CURLcode in
                setup.setPointer(
                    CURLOPT_POSTFIELDS, bytes.baseAddress ?? UnsafeRawPointer(exchange.errorBuffer),
                    "CURLOPT_POSTFIELDS")
                return perform(handle, setup)
            }
        }

        if code == CURLE_OK || (code == CURLE_WRITE_ERROR && exchange.stoppedByConsumer)
            || (code == CURLE_OPERATION_TIMEDOUT && exchange.isStreaming)
        {
            return HTTPResponse(status: exchange.status, headers: exchange.headers, body: exchange.body)
        }
        throw CurlFailure.classify(
            code: code, detail: exchange.errorMessage, requestBytes: handle.longInfo(CURLINFO_REQUEST_SIZE),
            presentedClientCertificate: credentials.clientIdentity != nil)
    }

    private func perform(_ handle: CurlEasyHandle, _ setup: CurlEasyHandle.Setup) -> CURLcode {
        if let failure = setup.failure { return failure.code }
        return curl_easy_perform(handle.raw)
    }

    /// Sets every option of one exchange; returns the C lists that must live until it ends.
    private func configure(
        _ setup: inout CurlEasyHandle.Setup, request: HTTPRequest, credentials: RequestCredentials
    ) -> [CurlStringList] {
        var url = baseURL + request.path
        if !request.query.isEmpty {
            url += "?" + request.query.map { "\($0.name)=\(URLComponent.encodeQueryValue($0.value))" }
                .joined(separator: "&")
        }
        setup.set(CURLOPT_URL, url, "CURLOPT_URL")
        setup.set(CURLOPT_NOSIGNAL, 1, "CURLOPT_NOSIGNAL")
        setup.set(CURLOPT_USERAGENT, userAgent, "CURLOPT_USERAGENT")
        setup.set(CURLOPT_FOLLOWLOCATION, 0, "CURLOPT_FOLLOWLOCATION")
        setup.set(CURLOPT_TCP_KEEPALIVE, 1, "CURLOPT_TCP_KEEPALIVE")
        setup.set(CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout * 1000), "CURLOPT_CONNECTTIMEOUT_MS")
        let timeout = request.timeout ?? settings.requestTimeout
        setup.set(CURLOPT_TIMEOUT_MS, max(1, Int(timeout * 1000)), "CURLOPT_TIMEOUT_MS")
        if settings.compression { setup.set(CURLOPT_ACCEPT_ENCODING, "gzip", "CURLOPT_ACCEPT_ENCODING") }

        // Proxy: always explicit, so libcurl never consults this process's own environment.
        setup.set(CURLOPT_PROXY, settings.proxy ?? "", "CURLOPT_PROXY")
        setup.set(CURLOPT_NOPROXY, "", "CURLOPT_NOPROXY")

        switch request.method {
        case .get:
            setup.set(CURLOPT_HTTPGET, 1, "CURLOPT_HTTPGET")
        case .post:
            setup.set(CURLOPT_POST, 1, "CURLOPT_POST")
        case .put, .patch, .delete:
            setup.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue, "CURLOPT_CUSTOMREQUEST")
        }

        configureTLS(&setup, identity: credentials.clientIdentity)

        var headerLines = [String]()
        var hasAccept = false
        for header in request.headers {
            if header.name.lowercased() == "accept" { hasAccept = true }
            headerLines.append("\(header.name): \(header.value)")
        }
        if !hasAccept { headerLines.append("Accept: application/json") }
        if let authorization = credentials.authorization { headerLines.append("Authorization: \(authorization)") }
        // No "Expect: 100-continue" round trip before large bodies (CRDs are large).
        headerLines.append("Expect:")
        if connectTo != nil { headerLines.append("Host: \(settings.endpoint.authority)") }
        let headers = CurlStringList(headerLines)
        setup.setPointer(CURLOPT_HTTPHEADER, headers.pointer, "CURLOPT_HTTPHEADER")

        var lists = [headers]
        if let connectTo {
            let entries = CurlStringList([connectTo])
            setup.setPointer(CURLOPT_CONNECT_TO, entries.pointer, "CURLOPT_CONNECT_TO")
            lists.append(entries)
        }
        return lists
    }

    private func configureTLS(_ setup: inout CurlEasyHandle.Setup, identity: ClientIdentity?) {
        guard settings.endpoint.scheme == "https" else { return }
        switch settings.trust {
        case .systemStore:
            break
        case .certificateAuthorityData(let pem):
            // Only the kubeconfig's CA is trusted, as in client-go: drop libcurl's default store.
            setup.set(CURLOPT_CAINFO, nil, "CURLOPT_CAINFO")
            setup.set(CURLOPT_CAPATH, nil, "CURLOPT_CAPATH")
            setup.setBlob(CURLOPT_CAINFO_BLOB, pem, "CURLOPT_CAINFO_BLOB")
        case .certificateAuthorityFile(let path):
            setup.set(CURLOPT_CAPATH, nil, "CURLOPT_CAPATH")
            setup.set(CURLOPT_CAINFO, path, "CURLOPT_CAINFO")
        case .insecure:
            setup.set(CURLOPT_SSL_VERIFYPEER, 0, "CURLOPT_SSL_VERIFYPEER")
            setup.set(CURLOPT_SSL_VERIFYHOST, 0, "CURLOPT_SSL_VERIFYHOST")
        }
        guard let identity else { return }
        setup.set(CURLOPT_SSLCERTTYPE, "PEM", "CURLOPT_SSLCERTTYPE")
        switch identity.certificate {
        case .file(let path): setup.set(CURLOPT_SSLCERT, path, "CURLOPT_SSLCERT")
        case .data(let pem): setup.setBlob(CURLOPT_SSLCERT_BLOB, pem, "CURLOPT_SSLCERT_BLOB")
        }
        setup.set(CURLOPT_SSLKEYTYPE, "PEM", "CURLOPT_SSLKEYTYPE")
        switch identity.key {
        case .file(let path): setup.set(CURLOPT_SSLKEY, path, "CURLOPT_SSLKEY")
        case .data(let pem): setup.setBlob(CURLOPT_SSLKEY_BLOB, pem, "CURLOPT_SSLKEY_BLOB")
        }
    }

    private func acquire() -> CurlEasyHandle? {
        if let idle = idleHandles.withLock({ $0.popLast() }) { return idle }
        let cache = sessionCache.withLock { cache in
            if cache == nil { cache = .some(CurlSessionCache()) }
            return cache ?? nil
        }
        return CurlEasyHandle(sessionCache: cache)
    }

    private func release(_ handle: CurlEasyHandle) {
        idleHandles.withLock { idle in
            if idle.count < maximumIdleHandles { idle.append(handle) }
        }
    }
}

/// The state of one exchange, reached from libcurl's callbacks through their userdata pointer.
final class CurlExchange {
    let streamBody: (([UInt8]) -> Bool)?
    var status = 0
    var headers: [String: String] = [:]
    var body: [UInt8] = []
    var stoppedByConsumer = false
    var isStreaming = false
    /// A body handed out through the read callback, and how much of it went out.
    var upload: [UInt8] = []
    var uploaded = 0
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(streamBody: (([UInt8]) -> Bool)?) {
        self.streamBody = streamBody
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit { errorBuffer.deallocate() }

    var errorMessage: String {
        String(cString: errorBuffer).trimmingWhitespace()
    }

    /// One header line, or a status line that starts a new response (after a
    /// proxy's CONNECT answer or an informational 1xx). Parsed as bytes: header
    /// names are ASCII, and this runs for every line of every response.
    func header(_ bytes: UnsafeRawBufferPointer) {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        if line.starts(with: "HTTP/".utf8) {
            // HTTP/1.1 200 OK: the digits after the first space.
            var code = 0
            if let space = line.firstIndex(of: 0x20) {
                for byte in line[(space + 1)...] {
                    guard (0x30...0x39).contains(byte) else { break }
                    code = code * 10 + Int(byte - 0x30)
                }
            }
            status = code
            headers = [:]
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: line[..<colon].map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
            var valueStart = colon + 1
            while valueStart < line.count, isSpace(line[valueStart]) { valueStart += 1 }
            let value = String(decoding: line[valueStart...], as: UTF8.self)
            if let existing = headers[name] { headers[name] = existing + ", " + value } else { headers[name] = value }
        }
    }

    /// Body bytes: streamed for a 2xx response when a consumer asked, collected otherwise.
    /// Returns false to make libcurl stop.
    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if let streamBody, (200..<300).contains(status) {
            isStreaming = true
            if !streamBody(Array(bytes)) {
                stoppedByConsumer = true
                return false
            }
        } else {
            body.append(contentsOf: bytes)
        }
        return true
    }
}

private let curlReadCallback: ccurl_data_callback = { buffer, size, count, userdata in
    guard let userdata, let buffer else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(userdata).takeUnretainedValue()
    let length = min(size * count, exchange.upload.count - exchange.uploaded)
    exchange.upload.withUnsafeBytes { bytes in
        if let base = bytes.baseAddress, length > 0 {
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + exchange.uploaded, byteCount: length)
        }
    }
    exchange.uploaded += length
    return length
}

private let curlWriteCallback: ccurl_data_callback = { buffer, size, count, userdata in
    guard let userdata else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    return exchange.receive(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
}

private let curlHeaderCallback: ccurl_data_callback = { buffer, size, count, userdata in
    guard let userdata else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    exchange.header(UnsafeRawBufferPointer(start: buffer, count: length))
    return length
}
