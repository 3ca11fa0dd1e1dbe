import Foundation

/// An HTTP answer from the test API server.
public struct HTTPResult: Sendable {
    public var status: Int
    /// The body as text (invalid UTF-8 replaced); ``bodyData`` has the bytes.
    public var body: String
    /// Response headers, names lower-cased.
    public var headers: [String: String]
    public var bodyData: Data

    /// The body parsed as a JSON object (nil if it is not one).
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
    }
}

extension TestCluster {
    /// Who a raw request authenticates as.
    public enum Credential: Sendable {
        case admin
        case certificate(ClientCertificate)
        case token(String)
        case basic(user: String, password: String)
        case none
    }

    /// Sends one request with the `curl` CLI (independent of the Kube client under test), e.g. to set
    /// up or inspect state: `try east.request("GET", "/api/v1/namespaces")`.
    public func request(_ method: String, _ path: String, body: String? = nil,
                        contentType: String = "application/json", headers: [String: String] = [:],
                        as credential: Credential = .admin) throws -> HTTPResult {
        let scratch = directory + "/curl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var args = ["-sS", "--http1.1", "-X", method, "--cacert", caCertificatePath, "-D", scratch + "/headers",
                    "-o", scratch + "/body", "-H", "Content-Type: \(contentType)"]
        for (k, v) in headers.sorted(by: { $0.key < $1.key }) { args += ["-H", "\(k): \(v)"] }
        switch credential {
        case .admin:
            args += ["--cert", adminCertificatePath, "--key", adminKeyPath]
        case .certificate(let cert):
            args += ["--cert", cert.certificatePath, "--key", cert.keyPath]
        case .token(let token):
            args += ["-H", "Authorization: Bearer \(token)"]
        case .basic(let user, let password):
            args += ["-u", "\(user):\(password)"]
        case .none:
            break
        }
        var input: Data?
        if let body {
            args += ["--data-binary", "@-"]
            input = Data(body.utf8)
        }
        args.append(server.absoluteString + path)
        let result = try Command.run("curl", args, input: input)
        guard result.succeeded else {
            throw TestClusterError.transport(name: name, request: "\(method) \(path)", reason: result.stderr)
        }
        let head = (try? String(contentsOfFile: scratch + "/headers", encoding: .utf8)) ?? ""
        let body = (try? Data(contentsOf: URL(fileURLWithPath: scratch + "/body"))) ?? Data()
        return HTTPResult.parse(head: head, body: body)
    }
}

extension HTTPResult {
    /// Reads curl's `-D` header dump (the last response's block; interim 1xx ones are skipped).
    static func parse(head: String, body: Data) -> HTTPResult {
        let blocks = head.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }
        var lines = (blocks.last ?? "").components(separatedBy: "\r\n")
        let statusLine = lines.isEmpty ? "" : lines.removeFirst()
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
        }
        return HTTPResult(status: status, body: String(decoding: body, as: UTF8.self), headers: headers,
                          bodyData: body)
    }
}
