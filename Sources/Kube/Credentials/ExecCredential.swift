import Foundation
import YAML

/// The credential an exec plugin printed (`ExecCredential.status`).
struct ExecCredential: Sendable, Equatable {
    var token: String?
    var clientCertificate: [UInt8]?
    var clientKey: [UInt8]?
    /// When the credential stops being valid; nil for "until the server rejects it".
    var expiration: Date?

    enum Problem: Error, Equatable {
        case notJSON
        case wrongKind(String)
        case wrongAPIVersion(expected: String, found: String)
        case missingStatus
        case noCredential
        case certificateWithoutKey
        case badExpiration(String)
    }

    /// Reads the plugin's standard output, which must be an ExecCredential of `apiVersion`.
    init(output: [UInt8], apiVersion: String) throws(Problem) {
        guard let document = try? KubeJSON.decode(output), document.mapping != nil else { throw .notJSON }
        let kind = document["kind"]?.string ?? ""
        guard kind == "ExecCredential" else { throw .wrongKind(kind) }
        let version = document["apiVersion"]?.string ?? ""
        guard version == apiVersion else { throw .wrongAPIVersion(expected: apiVersion, found: version) }
        guard let status = document["status"], status.mapping != nil else { throw .missingStatus }
        token = status["token"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        clientCertificate = status["clientCertificateData"]?.string.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        clientKey = status["clientKeyData"]?.string.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        if (clientCertificate == nil) != (clientKey == nil) { throw .certificateWithoutKey }
        if token == nil && clientCertificate == nil { throw .noCredential }
        if let text = status["expirationTimestamp"]?.string, !text.isEmpty {
            guard let date = RFC3339.parse(text) else { throw .badExpiration(text) }
            expiration = date
        }
    }

    init(token: String?, clientCertificate: [UInt8]? = nil, clientKey: [UInt8]? = nil, expiration: Date? = nil) {
        self.token = token
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.expiration = expiration
    }
}

/// RFC 3339 timestamps as Kubernetes writes them (`2024-05-01T10:00:00Z`, optional fraction and offset).
enum RFC3339 {
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
