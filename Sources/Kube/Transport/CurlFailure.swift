import CCurl

/// Turns a libcurl result code and message into a `TransportError`.
enum CurlFailure {
    static func classify(code: CURLcode, detail rawDetail: String, requestBytes: Int, presentedClientCertificate: Bool)
        -> TransportError
    {
        let detail = rawDetail.isEmpty ? String(cString: curl_easy_strerror(code)) : rawDetail
        let lowered = detail.lowercased()
        let sent = requestBytes > 0
        func error(_ kind: TransportError.Kind, sent: Bool) -> TransportError {
            TransportError(kind: kind, detail: detail, requestMayHaveBeenSent: sent)
        }
        // TLS alerts a server sends when it does not accept the client certificate
        // (with TLS 1.3 they arrive after the handshake, on the first read).
        let rejectsCertificate =
            lowered.contains("alert certificate required") || lowered.contains("alert bad certificate")
            || lowered.contains("alert unknown ca") || lowered.contains("alert certificate unknown")
            || lowered.contains("alert certificate expired") || lowered.contains("alert certificate revoked")

        // With TLS 1.3 the server judges the certificate after the client already
        // sent its request, but it never processed it: safe to say "not sent".
        if rejectsCertificate {
            return error(presentedClientCertificate ? .clientCertificateRejected : .clientCertificateRequired, sent: false)
        }
        // A proxy that answers CONNECT with an error (unreachable target, auth required).
        if lowered.contains("connect tunnel failed") || lowered.contains("proxy connect") {
            return error(.proxyFailed, sent: false)
        }
        switch code {
        case CURLE_COULDNT_CONNECT:
            return error(.connectionRefused, sent: false)
        case CURLE_COULDNT_RESOLVE_HOST:
            return error(.hostNotFound, sent: false)
        case CURLE_COULDNT_RESOLVE_PROXY:
            return error(.proxyFailed, sent: false)
        case CURLE_OPERATION_TIMEDOUT:
            return sent ? error(.timedOut, sent: true) : error(.connectTimeout, sent: false)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_ISSUER_ERROR:
            if lowered.contains("subject name") || lowered.contains("does not match")
                || lowered.contains("subjectaltname")
            {
                return error(.serverNameMismatch, sent: false)
            }
            return error(.serverCertificateUntrusted, sent: false)
        case CURLE_SSL_CERTPROBLEM:
            return error(.clientCertificateUnusable, sent: false)
        case CURLE_SSL_CACERT_BADFILE:
            return error(.certificateAuthorityUnusable, sent: false)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CIPHER:
            if lowered.contains("reset by peer") || lowered.contains("ssl_error_syscall")
                || lowered.contains("unexpected eof")
            {
                return error(.connectionReset, sent: false)
            }
            return error(.tlsHandshakeFailed, sent: false)
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return error(.connectionReset, sent: sent)
        case CURLE_PROXY:
            return error(.proxyFailed, sent: false)
        case CURLE_SEND_FAIL_REWIND:
            // A kept-alive connection died after the body of a request that must not be
            // repeated went out (see HTTPRequest.resendable).
            return TransportError(
                kind: .connectionReset, detail: "the connection closed after the request was sent",
                requestMayHaveBeenSent: true)
        default:
            return error(.other, sent: sent)
        }
    }
}
