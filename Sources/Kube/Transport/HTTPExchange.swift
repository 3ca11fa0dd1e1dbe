/// The HTTP methods the Kubernetes API uses.
public enum HTTPMethod: String, Sendable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}

/// One request to an API server, relative to the cluster's server URL.
public struct HTTPRequest: Sendable, Equatable {
    public var method: HTTPMethod
    /// The path, already percent-encoded (e.g. `/api/v1/namespaces/default/pods`).
    public var path: String
    /// Query parameters in order; values are percent-encoded by the transport.
    public var query: [QueryItem]
    /// Extra headers (`Accept`, `Content-Type`); never credentials, which the transport adds.
    public var headers: [Header]
    public var body: [UInt8]?
    /// Seconds the whole exchange may take; nil for the transport's default.
    public var timeout: Double?
    /// Whether the transport may send the request again on its own when a kept-alive
    /// connection turns out dead after the body went out. False for requests that
    /// are not safe to repeat (a plain create): then such a failure is reported.
    public var resendable: Bool

    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        method: HTTPMethod, path: String, query: [QueryItem] = [], headers: [Header] = [], body: [UInt8]? = nil,
        timeout: Double? = nil, resendable: Bool = true
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.resendable = resendable
    }

    /// `GET /api/v1/pods?labelSelector=a%3Db`, for error messages (no credentials ever appear in it).
    public var summary: String {
        var text = "\(method.rawValue) \(path)"
        if !query.isEmpty {
            text += "?" + query.map { "\($0.name)=\(URLComponent.encodeQueryValue($0.value))" }.joined(separator: "&")
        }
        return text
    }
}

/// A response: status code, headers (names lower-cased) and the body as received.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public subscript(header name: String) -> String? { headers[name.lowercased()] }
}

/// Percent-encoding of path segments and query values (RFC 3986 unreserved characters pass).
public enum URLComponent {
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func encode(_ text: String, keeping extra: Set<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isUnreserved(byte) || extra.contains(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One path segment (a name never contains `/`, but `:` in RBAC names must pass).
    public static func encodePathSegment(_ text: String) -> String {
        encode(text, keeping: [UInt8(ascii: ":"), UInt8(ascii: "@")])
    }

    public static func encodeQueryValue(_ text: String) -> String {
        encode(text, keeping: [])
    }
}

/// Requests and responses print without their bodies, which may be Secrets or TokenRequests.
extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { summary + (body.map { " (\($0.count) bytes of body)" } ?? "") }
    public var debugDescription: String { description }
}

extension HTTPResponse: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "HTTP \(status) (\(body.count) bytes of body)" }
    public var debugDescription: String { description }
}
