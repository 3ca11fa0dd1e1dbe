import YAML

/// Reading the API server's error answers (Kubernetes `Status` objects) into
/// messages a person can act on.
enum StatusError {
    /// A `KubeError` for a non-2xx response to `request`.
    static func make(response: HTTPResponse, request: HTTPRequest, origin: KubeError.Origin) -> KubeError {
        make(code: response.status, body: try? KubeJSON.decode(response.body), snippet: bodySnippet(response),
             request: request, origin: origin)
    }

    /// A `KubeError` for a Status the server sent (as a response or a watch ERROR event).
    static func make(status: Value, request: HTTPRequest, origin: KubeError.Origin) -> KubeError {
        make(code: Int(status["code"]?.int ?? 500), body: status, snippet: "", request: request, origin: origin)
    }

    private static func make(code: Int, body status: Value?, snippet: String, request: HTTPRequest,
                             origin: KubeError.Origin) -> KubeError {
        let isStatus = status?["kind"]?.string == "Status"
        let reason = (isStatus ? status?["reason"]?.string : nil).flatMap { $0.isEmpty ? nil : $0 }
            ?? defaultReason(for: code)
        let phrase = reason.isEmpty ? "HTTP \(code)" : words(reason)
        let serverMessage = (isStatus ? status?["message"]?.string : nil) ?? ""
        var message: String
        var hint: String?

        switch reason {
        case "Forbidden":
            let forbidden = ForbiddenMessage(serverMessage)
            message = forbidden.text.isEmpty ? "forbidden" : "forbidden: " + forbidden.text
            if let verb = forbidden.verb, let resource = forbidden.resource {
                var check = "kubectl auth can-i \(verb) \(resource)"
                if let namespace = forbidden.namespace { check += " -n \(namespace)" }
                check += " --context \(origin.context)"
                hint = "ask a cluster admin for this permission; check with: \(check)"
            }
        case "Unauthorized":
            message = "unauthorized: the server did not accept the credentials of user \"\(origin.user)\""
        default:
            let detail = serverMessage.isEmpty ? snippet : serverMessage
            if detail.isEmpty {
                message = reason.isEmpty ? phrase : "\(phrase) (HTTP \(code))"
            } else if !serverMessage.isEmpty && serverMessage.lowercased().contains(phrase) {
                message = detail
            } else {
                message = "\(phrase): \(detail)"
            }
            if code == 409 && reason == "Conflict" && serverMessage.contains("conflict") {
                hint = "another field manager set these fields to other values; forcing the apply takes them over"
            } else if code == 429 || code >= 500 {
                message += " (\(request.summary))"
            }
        }
        return KubeError(
            origin: origin, kind: .status(code: code, reason: reason), message: message, hint: hint,
            request: request.summary, status: isStatus ? status : nil)
    }

    /// The reason kube-apiserver gives each code, for answers without a Status body.
    static func defaultReason(for code: Int) -> String {
        switch code {
        case 400: return "BadRequest"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 405: return "MethodNotAllowed"
        case 406: return "NotAcceptable"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 413: return "RequestEntityTooLarge"
        case 415: return "UnsupportedMediaType"
        case 422: return "Invalid"
        case 429: return "TooManyRequests"
        case 500: return "InternalError"
        case 502: return "BadGateway"
        case 503: return "ServiceUnavailable"
        case 504: return "Timeout"
        default: return ""
        }
    }

    /// `NotFound` → `not found`, `InternalError` → `internal error`.
    static func words(_ reason: String) -> String {
        var out = ""
        for character in reason {
            if character.isUppercase && !out.isEmpty { out.append(" ") }
            out.append(contentsOf: character.lowercased())
        }
        return out
    }

    /// The start of a body that is not a Status (a proxy's HTML, plain text), printable and short.
    private static func bodySnippet(_ response: HTTPResponse) -> String {
        let text = String(decoding: response.body.prefix(200), as: UTF8.self)
        let printable = text.map { $0.isNewline || $0 == "\t" ? " " : $0 }.filter { ($0.asciiValue ?? 32) >= 32 }
        return String(printable).trimmingWhitespace()
    }
}

/// kube-apiserver's RBAC denial, `secrets is forbidden: User "alice" cannot
/// create resource "secrets" in API group "" in the namespace "istio-system"`,
/// said shorter: `User "alice" cannot create secrets in namespace "istio-system"`.
struct ForbiddenMessage {
    var text: String
    var verb: String?
    var resource: String?
    var namespace: String?

    init(_ message: String) {
        var rest = Substring(message)
        if let marker = rest.range(of: " is forbidden: ") { rest = rest[marker.upperBound...] }
        text = String(rest)
        // User "u" cannot VERB resource "R" in API group "G" (in the namespace "NS" | at the cluster scope)[: extra]
        guard let cannot = rest.range(of: " cannot "), let resourceStart = rest.range(of: " resource \"") else {
            return
        }
        let subject = rest[..<cannot.lowerBound]
        let verb = rest[cannot.upperBound..<resourceStart.lowerBound]
        let afterResource = rest[resourceStart.upperBound...]
        guard let resourceEnd = afterResource.firstIndex(of: "\"") else { return }
        let resource = afterResource[..<resourceEnd]
        var tail = afterResource[afterResource.index(after: resourceEnd)...]
        var group = ""
        if let groupStart = tail.range(of: " in API group \"") {
            let afterGroup = tail[groupStart.upperBound...]
            if let groupEnd = afterGroup.firstIndex(of: "\"") {
                group = String(afterGroup[..<groupEnd])
                tail = afterGroup[afterGroup.index(after: groupEnd)...]
            }
        }
        var qualified = String(resource)
        if !group.isEmpty {
            // serviceaccounts/token stays as is; deployments in apps becomes deployments.apps
            if let slash = qualified.firstIndex(of: "/") {
                qualified = qualified[..<slash] + "." + group + qualified[slash...]
            } else {
                qualified += "." + group
            }
        }
        var scope = ""
        if let nsStart = tail.range(of: " in the namespace \"") {
            let afterNamespace = tail[nsStart.upperBound...]
            if let nsEnd = afterNamespace.firstIndex(of: "\"") {
                let namespace = String(afterNamespace[..<nsEnd])
                self.namespace = namespace
                scope = " in namespace \"\(namespace)\""
                tail = afterNamespace[afterNamespace.index(after: nsEnd)...]
            }
        } else if let cluster = tail.range(of: " at the cluster scope") {
            scope = " at the cluster scope"
            tail = tail[cluster.upperBound...]
        }
        self.verb = String(verb)
        self.resource = qualified
        text = "\(subject) cannot \(verb) \(qualified)\(scope)\(tail)"
    }
}
