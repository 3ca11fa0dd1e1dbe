import Foundation
import YAML

/// The credentials of one kubeconfig user, produced for each request and
/// renewed when the server rejects them.
///
/// As in client-go: a client certificate (files or data) may accompany one
/// header method: a bearer token (`tokenFile` wins over `token`), basic auth,
/// or an exec plugin (a static token, when present, wins over the plugin).
/// `auth-provider` users are refused with advice (`AuthProviderAdvice`).
public final class CredentialProvider: Sendable {
    private enum HeaderSource: Sendable {
        case none
        case token(String)
        case tokenFile(TokenFile)
        case basic(String)
        case exec(ExecPlugin)
    }

    private let staticIdentity: ClientIdentity?
    private let header: HeaderSource
    private let origin: KubeError.Origin

    public init(context: ResolvedContext, environment: KubeEnvironment, origin: KubeError.Origin) throws(KubeError) {
        let user = context.user
        self.origin = origin
        func misconfigured(_ message: String, hint: String? = nil) -> KubeError {
            KubeError(origin: origin, kind: .configuration, message: "user \"\(origin.user)\": \(message)", hint: hint)
        }

        let certificate: PEMSource? =
            user.clientCertificateData.flatMap { $0.isEmpty ? nil : .data($0) }
            ?? user.clientCertificate.flatMap { $0.isEmpty ? nil : .file($0) }
        let key: PEMSource? =
            user.clientKeyData.flatMap { $0.isEmpty ? nil : .data($0) }
            ?? user.clientKey.flatMap { $0.isEmpty ? nil : .file($0) }
        switch (certificate, key) {
        case (let certificate?, let key?): staticIdentity = ClientIdentity(certificate: certificate, key: key)
        case (nil, nil): staticIdentity = nil
        case (.some, nil): throw misconfigured("has a client certificate but no client key")
        case (nil, .some): throw misconfigured("has a client key but no client certificate")
        }

        let token = user.token.flatMap { $0.isEmpty ? nil : $0 }
        let tokenFile = user.tokenFile.flatMap { $0.isEmpty ? nil : $0 }
        let username = user.username.flatMap { $0.isEmpty ? nil : $0 }
        let password = user.password.flatMap { $0.isEmpty ? nil : $0 }
        if (token != nil || tokenFile != nil) && (username != nil || password != nil) {
            throw misconfigured(
                "has both a token and a username/password; only one authentication method is allowed",
                hint: "remove one of them from the kubeconfig")
        }

        if let tokenFile {
            header = .tokenFile(TokenFile(path: tokenFile))
        } else if let token {
            header = .token(token)
        } else if username != nil || password != nil {
            let pair = Array("\(username ?? ""):\(password ?? "")".utf8)
            header = .basic("Basic " + Base64.encode(pair))
        } else if let exec = user.exec {
            guard exec.apiVersion == "client.authentication.k8s.io/v1"
                || exec.apiVersion == "client.authentication.k8s.io/v1beta1"
            else {
                throw misconfigured(
                    "exec apiVersion \"\(exec.apiVersion)\" is not supported",
                    hint: "use client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1")
            }
            header = .exec(ExecPlugin(config: exec, cluster: context.cluster, environment: environment, origin: origin))
        } else if let provider = user.authProvider {
            throw AuthProviderAdvice.error(for: provider, origin: origin)
        } else {
            header = .none
        }
    }

    /// The credentials to send now.
    public func current() throws(KubeError) -> RequestCredentials {
        let credentials = try currentUnchecked()
        // A line break would end the header early and smuggle the rest in as headers of its own.
        if let authorization = credentials.authorization, authorization.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw KubeError(
                origin: origin, kind: .credentials,
                message: "the token of user \"\(origin.user)\" contains a line break",
                hint: "a token is a single line; check the kubeconfig, token file or exec plugin that supplies it")
        }
        return credentials
    }

    private func currentUnchecked() throws(KubeError) -> RequestCredentials {
        switch header {
        case .none:
            return RequestCredentials(clientIdentity: staticIdentity)
        case .token(let token):
            return RequestCredentials(authorization: "Bearer " + token, clientIdentity: staticIdentity)
        case .basic(let value):
            return RequestCredentials(authorization: value, clientIdentity: staticIdentity)
        case .tokenFile(let file):
            do {
                return RequestCredentials(authorization: "Bearer " + (try file.token()), clientIdentity: staticIdentity)
            } catch {
                throw tokenFileError(error)
            }
        case .exec(let plugin):
            return credentials(from: try plugin.credential())
        }
    }

    /// Called once after the server answered 401 to `rejected`. Returns true when
    /// new credentials were obtained, so that the request is worth sending again.
    public func renew(after rejected: RequestCredentials) throws(KubeError) -> Bool {
        switch header {
        case .none, .token, .basic:
            return false
        case .tokenFile(let file):
            do {
                return try file.reload()
            } catch {
                throw tokenFileError(error)
            }
        case .exec(let plugin):
            let before = try plugin.credential()
            if rejected == credentials(from: before) { plugin.invalidate(before) }
            return try current() != rejected
        }
    }

    private func credentials(from credential: ExecCredential) -> RequestCredentials {
        var identity = staticIdentity
        if let certificate = credential.clientCertificate, let key = credential.clientKey {
            identity = ClientIdentity(certificate: .data(certificate), key: .data(key))
        }
        return RequestCredentials(authorization: credential.token.map { "Bearer " + $0 }, clientIdentity: identity)
    }

    /// What to tell a person whose credentials the server rejected.
    public var unauthorizedHint: String {
        switch header {
        case .none:
            return staticIdentity == nil
                ? "the kubeconfig user has no credentials; add a token, client certificate or exec plugin"
                : "the client certificate is not accepted (expired, or from another cluster); fetch a fresh kubeconfig"
        case .token: return "the token has expired or been revoked; fetch a fresh one for the kubeconfig"
        case .tokenFile(let file): return "the token in \(file.path) has expired or been revoked"
        case .basic: return "check the username and password, or whether the cluster still allows basic authentication"
        case .exec(let plugin):
            return "the exec plugin \"\((plugin.config.command as NSString).lastPathComponent)\" returned credentials"
                + " the server does not accept; log in again with it"
        }
    }

    private func tokenFileError(_ error: TokenFile.Failure) -> KubeError {
        switch error {
        case .unreadable(let path, let reason):
            return KubeError(
                origin: origin, kind: .credentials,
                message: "cannot read the token file \(path) of user \"\(origin.user)\": \(reason)",
                hint: "fix tokenFile in the kubeconfig, or make the file readable")
        case .empty(let path):
            return KubeError(
                origin: origin, kind: .credentials, message: "the token file \(path) of user \"\(origin.user)\" is empty")
        }
    }
}
