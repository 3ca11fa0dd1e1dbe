import Foundation
import YAML

/// The API server's version (`GET /version`).
public struct ServerVersion: Sendable, Equatable {
    public var major: String
    /// As reported: managed clusters add suffixes (`27+` on EKS and GKE).
    public var minor: String
    /// `v1.29.2`, `v1.27.8-eks-8cb36c9`.
    public var gitVersion: String
    public var platform: String

    /// The minor version as a number (`27+` → 27).
    public var minorNumber: Int? { Int(minor.prefix(while: \.isNumber)) }
}

/// The answer to "may I?" (a SelfSubjectAccessReview).
public struct AccessReview: Sendable, Equatable {
    public var allowed: Bool
    /// True when an authorizer explicitly denied it (not merely "no rule allows it").
    public var denied: Bool
    /// The authorizer's reason, when it gave one.
    public var reason: String?
}

/// A token issued through the TokenRequest API.
public struct ServiceAccountToken: Sendable {
    public var token: String
    public var expiration: Date?
}

extension KubeClient {
    public func serverVersion() throws(KubeError) -> ServerVersion {
        let document = try sendJSON(HTTPRequest(method: .get, path: "/version"), idempotent: true)
        return ServerVersion(
            major: document["major"]?.string ?? "", minor: document["minor"]?.string ?? "",
            gitVersion: document["gitVersion"]?.string ?? "", platform: document["platform"]?.string ?? "")
    }

    /// Whether the current user may `verb` the `resource` (plural, e.g. `secrets`;
    /// `group` empty for core) in `namespace` (nil: cluster-wide or all
    /// namespaces), for permission checks before anything is changed.
    public func can(
        _ verb: String, _ resource: String, group: String = "", subresource: String? = nil,
        namespace: String? = nil, name: String? = nil
    ) throws(KubeError) -> AccessReview {
        var attributes: Value = ["verb": .string(verb), "group": .string(group), "resource": .string(resource)]
        if let subresource { attributes["subresource"] = .string(subresource) }
        if let namespace { attributes["namespace"] = .string(namespace) }
        if let name { attributes["name"] = .string(name) }
        let review: Value = [
            "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
            "spec": ["resourceAttributes": attributes],
        ]
        let request = HTTPRequest(
            method: .post, path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            headers: [.init("Content-Type", "application/json")], body: try body(review))
        // A review changes nothing on the server, so it may be repeated.
        let answer = try sendJSON(request, idempotent: true)
        let status = answer["status"]
        return AccessReview(
            allowed: status?["allowed"]?.bool ?? false, denied: status?["denied"]?.bool ?? false,
            reason: status?["reason"]?.string.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Issues a token for a service account (TokenRequest, `serviceaccounts/token`).
    /// Such tokens expire; for a credential that must last, use a
    /// service-account token Secret instead (see `waitForServiceAccountToken`).
    public func requestToken(
        serviceAccount: String, namespace: String, audiences: [String] = [], expirationSeconds: Int? = nil
    ) throws(KubeError) -> ServiceAccountToken {
        var spec: Value = ["audiences": .sequence(audiences.map { .string($0) })]
        if let expirationSeconds { spec["expirationSeconds"] = .int(Int64(expirationSeconds)) }
        let tokenRequest: Value = ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": spec]
        let resource = try resource(for: .serviceAccount)
        let request = HTTPRequest(
            method: .post,
            path: resource.objectPath(name: serviceAccount, namespace: namespace, subresource: "token"),
            headers: [.init("Content-Type", "application/json")], body: try body(tokenRequest))
        // Asking twice only mints a second token; both stay valid, so retrying is harmless.
        let answer = try sendJSON(request, idempotent: true)
        guard let token = answer["status"]?["token"]?.string, !token.isEmpty else {
            throw KubeError(
                origin: origin, kind: .invalidResponse,
                message: "the TokenRequest for service account \(namespace)/\(serviceAccount) came back without a token",
                request: request.summary)
        }
        let expiration = answer["status"]?["expirationTimestamp"]?.string.flatMap(RFC3339.parse)
        return ServiceAccountToken(token: token, expiration: expiration)
    }
}
