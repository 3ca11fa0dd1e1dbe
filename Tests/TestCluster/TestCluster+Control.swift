import Foundation

/// One API request as the server saw it (the control requests themselves are not logged).
public struct RequestLogEntry: Decodable, Sendable, Equatable {
    /// Increases by one per request; pass the last one seen to ``TestCluster/requestLog(since:)``.
    public var seq: Int
    public var time: Double
    public var method: String
    public var path: String
    /// The raw query string, without `?`.
    public var query: String
    /// The authenticated user (`system:anonymous` without credentials), nil when authentication failed.
    public var user: String?
    public var groups: [String]?
    /// `x509`, `token`, `serviceaccount`, `basic` or `anonymous`.
    public var authenticatedBy: String?
    /// The HTTP status answered; 0 for an injected connection reset.
    public var status: Int?
    public var contentType: String?
    public var accept: String?
    public var acceptEncoding: String?
    public var userAgent: String?
    /// Which TCP connection carried the request: 1, 2, … in the order the server accepted them.
    public var connection: Int?
    /// True when that connection resumed an earlier TLS session instead of a full handshake.
    public var tlsResumed: Bool?
    /// `gzip` when the server compressed its answer (over 128 KiB, for a client that accepts gzip).
    public var contentEncoding: String?
    /// The id of the fault that met this request, if one did.
    public var fault: Int?

    /// A query parameter's value (`fieldManager`, `force`, `dryRun` …).
    public func queryValue(_ name: String) -> String? {
        URLComponents(string: "?" + query)?.queryItems?.last { $0.name == name }?.value
    }

    /// True for requests that can change state (everything but GET, HEAD and reviews that only ask).
    public var isWrite: Bool { !["GET", "HEAD", "OPTIONS"].contains(method) }
}

/// A fault the server injects into matching requests.
///
/// `method` and `path` are regular expressions matched against the whole method and path (no query);
/// `query`, when set, must occur somewhere in the query string. The fault lets `skip` matching
/// requests through, then fires `count` times (-1: forever).
public struct Fault: Sendable, Equatable {
    public enum Body: String, Sendable { case status, text }

    public var method: String?
    public var path: String
    public var query: String?
    public var user: String?
    public var count: Int
    public var skip: Int
    /// The HTTP status to answer with (a kube Status body, or plain text with `body: .text`).
    public var status: Int?
    public var retryAfter: Int?
    public var message: String?
    public var body: Body
    /// Drop the connection with a TCP reset instead of answering.
    public var reset: Bool
    /// Hold the request this long first (then answer normally unless `status` or `reset` is set).
    public var delay: Double

    public init(method: String? = nil, path: String, query: String? = nil, user: String? = nil, count: Int = 1,
                skip: Int = 0, status: Int? = nil, retryAfter: Int? = nil, message: String? = nil,
                body: Body = .status, reset: Bool = false, delay: Double = 0) {
        self.method = method
        self.path = path
        self.query = query
        self.user = user
        self.count = count
        self.skip = skip
        self.status = status
        self.retryAfter = retryAfter
        self.message = message
        self.body = body
        self.reset = reset
        self.delay = delay
    }

    /// Answer with an HTTP status (429, 500, 503 …).
    public static func status(_ code: Int, method: String? = nil, path: String, count: Int = 1,
                              retryAfter: Int? = nil, message: String? = nil) -> Fault {
        Fault(method: method, path: path, count: count, status: code, retryAfter: retryAfter, message: message)
    }

    /// Reset the connection.
    public static func reset(method: String? = nil, path: String, count: Int = 1) -> Fault {
        Fault(method: method, path: path, count: count, reset: true)
    }

    /// Delay, then serve normally.
    public static func delay(_ seconds: Double, method: String? = nil, path: String, count: Int = 1) -> Fault {
        Fault(method: method, path: path, count: count, delay: seconds)
    }

    var json: [String: Any] {
        var out: [String: Any] = ["path": path, "count": count, "skip": skip, "body": body.rawValue,
                                  "reset": reset, "delay": delay]
        if let method { out["method"] = method }
        if let query { out["query"] = query }
        if let user { out["user"] = user }
        if let status { out["status"] = status }
        if let retryAfter { out["retryAfter"] = retryAfter }
        if let message { out["message"] = message }
        return out
    }
}

/// What a proxied request to a Pod or Service answers (`pods/NAME:PORT/proxy/PATH`): nothing runs
/// in test Pods, so the test scripts the workload's answer. Unscripted requests get kube's
/// "connection refused" 503.
public struct ProxyResponse: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        /// Pods whose name matches this regular expression.
        case pod(String)
        /// Services whose name matches this regular expression.
        case service(String)
    }

    public var namespace: String?
    public var target: Target
    public var port: Int
    /// A regular expression for the proxied path (`/metrics`).
    public var path: String
    public var status: Int
    public var contentType: String
    public var body: String

    public init(namespace: String? = nil, _ target: Target, port: Int, path: String = ".*", status: Int = 200,
                contentType: String = "text/plain; charset=utf-8", body: String) {
        self.namespace = namespace
        self.target = target
        self.port = port
        self.path = path
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    var json: [String: Any] {
        var out: [String: Any] = ["port": port, "path": path, "status": status, "contentType": contentType,
                                  "body": body]
        if let namespace { out["namespace"] = namespace }
        switch target {
        case .pod(let pattern): out["pod"] = pattern
        case .service(let pattern): out["service"] = pattern
        }
        return out
    }
}

/// A client certificate the cluster CA issued (files live in the cluster's directory).
public struct ClientCertificate: Decodable, Sendable {
    public var certificate: String
    public var key: String
    public var certificatePath: String
    public var keyPath: String
}

extension TestCluster {
    /// API requests received after `since` (a `seq`), oldest first.
    public func requestLog(since: Int = 0) throws -> [RequestLogEntry] {
        struct Log: Decodable { var entries: [RequestLogEntry] }
        return try control.decode(Log.self, "GET", "__test/log?since=\(since)").entries
    }

    /// The `seq` of the latest logged request (0 when none): a mark for ``requestLog(since:)``.
    public func requestLogMark() throws -> Int {
        try requestLog().last?.seq ?? 0
    }

    public func clearRequestLog() throws {
        try control.call("DELETE", "__test/log")
    }

    /// Adds a fault; returns its id (as ``RequestLogEntry/fault`` reports it).
    @discardableResult
    public func addFault(_ fault: Fault) throws -> Int {
        struct Added: Decodable { struct F: Decodable { var id: Int }; var faults: [F] }
        let added = try control.decode(Added.self, "POST", "__test/faults", body: fault.json)
        return added.faults.first?.id ?? 0
    }

    /// How many times each fault fired so far, by id.
    public func faultsFired() throws -> [Int: Int] {
        struct Listed: Decodable { struct F: Decodable { var id: Int; var fired: Int }; var faults: [F] }
        let listed = try control.decode(Listed.self, "GET", "__test/faults")
        return Dictionary(uniqueKeysWithValues: listed.faults.map { ($0.id, $0.fired) })
    }

    public func clearFaults() throws {
        try control.call("DELETE", "__test/faults")
    }

    /// Merges a JSON change into the live configuration (keys as in server/README.md).
    public func updateConfig(_ change: [String: Any]) throws {
        try control.call("PATCH", "__test/config", body: change)
    }

    public func setLoadBalancer(_ mode: TestClusterOptions.LoadBalancer) throws {
        try updateConfig(["loadBalancer": mode.rawValue])
    }

    public func setDelays(_ delays: TestClusterOptions.Delays) throws {
        try updateConfig(["delays": delays.json])
    }

    public func setDeploymentsBecomeReady(_ ready: Bool) throws {
        try updateConfig(["deploymentsBecomeReady": ready])
    }

    /// Replaces the static bearer tokens.
    public func setTokens(_ tokens: [StaticToken]) throws {
        try updateConfig(["tokens": tokens.map(\.json)])
    }

    public func setBasicUsers(_ users: [BasicUser]) throws {
        try updateConfig(["basicUsers": users.map(\.json)])
    }

    /// Replaces the scripted answers of proxied requests.
    public func setProxyResponses(_ responses: [ProxyResponse]) throws {
        try updateConfig(["proxyResponses": responses.map(\.json)])
    }

    /// Issues a client certificate for `user` with `groups` as organisations.
    public func issueClientCertificate(user: String, groups: [String] = []) throws -> ClientCertificate {
        try control.decode(ClientCertificate.self, "POST", "__test/certificates",
                           body: ["user": user, "groups": groups])
    }
}
