/// Words for failures below HTTP: what happened, on which server, and what to check.
enum TransportErrorMessage {
    static func make(
        _ error: TransportError, request: HTTPRequest, settings: ConnectionSettings, origin: KubeError.Origin
    ) -> KubeError {
        let server = origin.server
        let host = settings.tlsServerName ?? settings.endpoint.host
        let via = settings.proxy.map { " through proxy \(URLDisplay.redacted($0))" } ?? ""
        var message: String
        var hint: String?
        switch error.kind {
        case .connectionRefused:
            message = "cannot connect to \(server)\(via): connection refused"
            hint = "check that the API server is running and that the kubeconfig's server address is right"
        case .hostNotFound:
            message = "cannot resolve the host of \(server): \(error.detail)"
            hint = "check the server address in the kubeconfig and your DNS"
        case .connectTimeout:
            message = "cannot connect to \(server)\(via): no answer within \(seconds(settings.connectTimeout))"
            hint = "check that the address is reachable from here (VPN, firewall, proxy settings)"
        case .timedOut:
            message = "\(request.summary): \(server) did not answer in time"
            hint = "the API server may be overloaded; try again, or raise the request timeout"
        case .connectionReset:
            message = "\(request.summary): the connection to \(server) broke (\(error.detail))"
        case .serverCertificateUntrusted:
            switch settings.trust {
            case .certificateAuthorityData, .certificateAuthorityFile:
                message = "the certificate of \(server) could not be verified against the kubeconfig's CA"
                    + " (cluster \"\(origin.clusterEntry)\"): \(error.detail)"
                hint = "the CA in the kubeconfig does not match this server (recreated clusters get a new CA);"
                    + " fetch a fresh kubeconfig for it"
            default:
                message = "the certificate of \(server) could not be verified against the system's trusted CAs: \(error.detail)"
                hint = "add the cluster's CA to the kubeconfig as certificate-authority-data"
            }
        case .serverNameMismatch:
            message = "the certificate of \(server) is not valid for the name \"\(host)\": \(error.detail)"
            hint = "set tls-server-name in the kubeconfig's cluster entry to a name the certificate holds"
        case .tlsHandshakeFailed:
            message = "the TLS handshake with \(server) failed: \(error.detail)"
        case .clientCertificateRejected:
            message = "\(server) rejected the client certificate of user \"\(origin.user)\": \(error.detail)"
            hint = "the certificate may have expired or come from another cluster; fetch a fresh kubeconfig"
        case .clientCertificateRequired:
            message = "\(server) requires a client certificate, and user \"\(origin.user)\" has none: \(error.detail)"
            hint = "give the user client-certificate and client-key (or their -data forms) in the kubeconfig"
        case .clientCertificateUnusable:
            message = "the client certificate or key of user \"\(origin.user)\" could not be loaded: \(error.detail)"
            hint = "client-certificate and client-key must be PEM, and the key must belong to the certificate"
        case .certificateAuthorityUnusable:
            message = "the CA certificate of cluster \"\(origin.clusterEntry)\" could not be loaded: \(error.detail)"
            hint = "certificate-authority(-data) must hold PEM certificates"
        case .proxyFailed:
            message = "the proxy for \(server) failed\(via): \(error.detail)"
            hint = "check proxy-url in the kubeconfig or HTTPS_PROXY/NO_PROXY"
        case .libraryUnavailable:
            message = "cannot send \(request.summary) to \(server): \(error.detail)"
            hint = CurlLibrary.installHint
        case .other:
            message = "\(request.summary) to \(server) failed: \(error.detail)"
        }
        return KubeError(
            origin: origin, kind: .transport(error.kind), message: message, hint: hint, request: request.summary)
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))s" : "\(value)s"
    }
}
