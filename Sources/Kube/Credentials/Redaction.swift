/// How the types that hold secrets print: with the secret replaced by
/// `<redacted>`, whether through `"\(value)"`, `String(reflecting:)`, `dump`
/// or a failing test's message. A token, password, key or exec env value can
/// then never reach an error, a log line or a terminal by accident; code that
/// means to hand a secret on (a kubeconfig it writes) reads the field itself.

/// Stands in for a secret in mirrors and descriptions.
struct Redacted: CustomStringConvertible, CustomDebugStringConvertible {
    var description: String { "<redacted>" }
    var debugDescription: String { description }
}

/// `Type(field: value, …)` from a mirror whose children already hold no secrets, so
/// that `description`, `String(reflecting:)` and `dump` all show the same fields.
func redactedDescription(_ mirror: Mirror) -> String {
    let fields = mirror.children.map { child -> String in
        let value = (child.value as? String).map { "\"\($0)\"" } ?? String(describing: child.value)
        return "\(child.label ?? "_"): \(value)"
    }
    return "\(mirror.subjectType)(\(fields.joined(separator: ", ")))"
}

/// Mirror children for the optional fields that are set.
private func present(_ fields: [(String, Any?)]) -> [(String, Any)] {
    fields.compactMap { label, value in value.map { (label, $0) } }
}

private func secret(_ value: Any?) -> Any? { value.map { _ in Redacted() } }

extension KubeUser: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription(customMirror) }
    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: present([
                ("clientCertificate", clientCertificate), ("clientCertificateData", clientCertificateData.map { "\($0.count) bytes" }),
                ("clientKey", clientKey), ("clientKeyData", secret(clientKeyData)), ("token", secret(token)),
                ("tokenFile", tokenFile), ("username", username), ("password", secret(password)), ("exec", exec),
                ("authProvider", authProvider),
            ]).map { (label: $0.0, value: $0.1) })
    }
}

extension ExecConfig: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription(customMirror) }
    public var debugDescription: String { description }

    /// Env values and arguments often are credentials (AWS keys, `--client-secret=…`):
    /// only the env names and the number of arguments show.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                (label: "apiVersion", value: apiVersion as Any), (label: "command", value: command),
                (label: "args", value: "\(args.count) arguments"), (label: "env", value: env.map { "\($0.name)=\(Redacted())" }),
                (label: "interactiveMode", value: interactiveMode.rawValue),
            ])
    }
}

extension ExecConfig.EnvVar: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription(customMirror) }
    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [(label: "name", value: name as Any), (label: "value", value: Redacted())])
    }
}

extension AuthProviderConfig: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription(customMirror) }
    public var debugDescription: String { description }

    /// Its config holds tokens and client secrets (`id-token`, `refresh-token`, `client-secret`): keys only.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [(label: "name", value: name as Any), (label: "config", value: config.keys.sorted())])
    }
}

extension PEMSource: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription(customMirror) }
    public var debugDescription: String { description }

    /// A file path shows; PEM bytes may be a private key and do not.
    public var customMirror: Mirror {
        switch self {
        case .file(let path): return Mirror(self, children: [(label: "file", value: path as Any)])
        case .data(let bytes): return Mirror(self, children: [(label: "data", value: "\(bytes.count) bytes" as Any)])
        }
    }
}

extension ClientIdentity: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription(customMirror) }
    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [(label: "certificate", value: certificate as Any), (label: "key", value: key)])
    }
}

extension ServiceAccountToken: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription(customMirror) }
    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: present([("token", Redacted()), ("expiration", expiration)]).map { (label: $0.0, value: $0.1) })
    }
}

extension ServiceAccountTokenSecret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription(customMirror) }
    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                (label: "token", value: Redacted() as Any),
                (label: "certificateAuthority", value: "\(certificateAuthority.count) bytes"),
            ])
    }
}

extension ExecCredential: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    var description: String { redactedDescription(customMirror) }
    var debugDescription: String { description }

    var customMirror: Mirror {
        Mirror(
            self,
            children: present([
                ("token", secret(token)), ("clientCertificate", clientCertificate.map { "\($0.count) bytes" }),
                ("clientKey", secret(clientKey)), ("expiration", expiration),
            ]).map { (label: $0.0, value: $0.1) })
    }
}

extension KubeCluster: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription(customMirror) }
    public var debugDescription: String { description }

    /// A password in the server or proxy URL (`https://user:secret@host`) does not show.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: present([
                ("server", URLDisplay.redacted(server)), ("certificateAuthority", certificateAuthority),
                ("certificateAuthorityData", certificateAuthorityData.map { "\($0.count) bytes" }),
                ("insecureSkipTLSVerify", insecureSkipTLSVerify), ("tlsServerName", tlsServerName),
                ("proxyURL", proxyURL.map(URLDisplay.redacted)), ("disableCompression", disableCompression),
                ("execExtension", execExtension.map { _ in "set" }),
            ]).map { (label: $0.0, value: $0.1) })
    }
}

extension ConnectionSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription(customMirror) }
    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: present([
                ("endpoint", "\(endpoint.scheme)://\(endpoint.authority)\(endpoint.pathPrefix)"),
                ("tlsServerName", tlsServerName), ("trust", trust), ("proxy", proxy.map(URLDisplay.redacted)),
                ("compression", compression), ("connectTimeout", connectTimeout), ("requestTimeout", requestTimeout),
            ]).map { (label: $0.0, value: $0.1) })
    }
}

extension RequestCredentials: CustomDebugStringConvertible, CustomReflectable {
    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: present([("authorization", secret(authorization)), ("clientIdentity", clientIdentity)])
                .map { (label: $0.0, value: $0.1) })
    }
}
