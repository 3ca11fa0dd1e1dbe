import YAML

/// Reads kubeconfig fields out of a parsed document, checking each one's type
/// the way kubectl's decoder does, and naming the field in every error
/// (`users[0] "admin".user.client-key-data: illegal base64 data at input byte 4`).
struct FieldReader {
    /// Relative file references are resolved against this directory.
    let baseDirectory: String

    func failure(_ field: FieldPath, _ message: String) -> FieldProblem {
        FieldProblem(field: field, message: message)
    }

    private func found(_ value: Value) -> String {
        switch value.untagged {
        case .string(let text): return "the string \"\(text)\""
        case .int(let number): return "the number \(number)"
        case .float(let number): return "the number \(number)"
        case .bool(let flag): return "the boolean \(flag)"
        default: return "a \(value.kindName)"
        }
    }

    /// A mapping, or nil when the field is absent or null.
    func mapping(_ value: Value?, _ field: FieldPath) throws(FieldProblem) -> Mapping? {
        guard let value, !value.isNull else { return nil }
        guard let mapping = value.mapping else { throw failure(field, "expected a mapping, found \(found(value))") }
        return mapping
    }

    func sequence(_ value: Value?, _ field: FieldPath) throws(FieldProblem) -> [Value] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.sequence else { throw failure(field, "expected a list, found \(found(value))") }
        return items
    }

    /// A string, or nil when absent or null. Numbers and booleans are refused as kubectl refuses them.
    func string(_ value: Value?, _ field: FieldPath) throws(FieldProblem) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.string else {
            throw failure(field, "expected a string, found \(found(value)) (put it in quotes)")
        }
        return text
    }

    func bool(_ value: Value?, _ field: FieldPath) throws(FieldProblem) -> Bool {
        guard let value, !value.isNull else { return false }
        guard let flag = value.bool else { throw failure(field, "expected true or false, found \(found(value))") }
        return flag
    }

    /// A `*-data` field: base64 decoded; empty counts as absent (as in kubectl).
    func bytes(_ value: Value?, _ field: FieldPath) throws(FieldProblem) -> [UInt8]? {
        guard let text = try string(value, field), !text.isEmpty else { return nil }
        do {
            return try Base64.decode(text)
        } catch {
            throw failure(field, error.message)
        }
    }

    /// A file reference, made absolute against the kubeconfig's directory.
    func filePath(_ value: Value?, _ field: FieldPath) throws(FieldProblem) -> String? {
        guard let text = try string(value, field), !text.isEmpty else { return nil }
        return FilePath.absolute(text, from: baseDirectory)
    }

    /// `clusters`, `users` or `contexts`: a list of `{name, <body>}` entries, names unique.
    func namedList<Entry>(
        _ value: Value?, section: String, body: String,
        _ decode: (Mapping?, FieldPath) throws(FieldProblem) -> Entry
    ) throws(FieldProblem) -> [(name: String, value: Entry)] {
        var result: [(name: String, value: Entry)] = []
        var names = Set<String>()
        let list = FieldPath(section)
        for (index, item) in try sequence(value, list).enumerated() {
            var field = list[index]
            let entry = try mapping(item, field) ?? Mapping()
            let name = try string(entry["name"], field["name"]) ?? ""
            if !name.isEmpty { field = field.named(name) }
            guard names.insert(name).inserted else {
                throw FieldProblem(field: field.locatedAt("name"), message: "the name \"\(name)\" appears more than once in \(section)")
            }
            let decoded = try decode(try mapping(entry[body], field[body]), field[body])
            result.append((name, decoded))
        }
        return result
    }

    func cluster(_ fields: Mapping?, _ field: FieldPath) throws(FieldProblem) -> KubeCluster {
        let fields = fields ?? Mapping()
        return KubeCluster(
            server: try string(fields["server"], field["server"]) ?? "",
            certificateAuthority: try filePath(fields["certificate-authority"], field["certificate-authority"]),
            certificateAuthorityData: try bytes(fields["certificate-authority-data"], field["certificate-authority-data"]),
            insecureSkipTLSVerify: try bool(fields["insecure-skip-tls-verify"], field["insecure-skip-tls-verify"]),
            tlsServerName: try string(fields["tls-server-name"], field["tls-server-name"]).flatMap(nonEmpty),
            proxyURL: try string(fields["proxy-url"], field["proxy-url"]).flatMap(nonEmpty),
            disableCompression: try bool(fields["disable-compression"], field["disable-compression"]),
            execExtension: try execExtension(fields["extensions"], field["extensions"]))
    }

    /// `extensions: [{name, extension}]`: the one named `client.authentication.k8s.io/exec`.
    private func execExtension(_ value: Value?, _ field: FieldPath) throws(FieldProblem) -> Value? {
        for (index, entry) in try sequence(value, field).enumerated() {
            let entryFields = try mapping(entry, field[index]) ?? Mapping()
            if try string(entryFields["name"], field[index]["name"]) == "client.authentication.k8s.io/exec" {
                return entryFields["extension"]
            }
        }
        return nil
    }

    /// A user, with the problems kubectl reports only when the user is used
    /// (an exec plugin without `interactiveMode`, say).
    func user(_ fields: Mapping?, _ field: FieldPath) throws(FieldProblem) -> (user: KubeUser, problems: [String]) {
        let fields = fields ?? Mapping()
        var problems: [String] = []
        var exec: ExecConfig?
        if let execFields = try mapping(fields["exec"], field["exec"]) {
            let decoded = try self.exec(execFields, field["exec"])
            exec = decoded.exec
            problems += decoded.problems
        }
        var authProvider: AuthProviderConfig?
        if let providerFields = try mapping(fields["auth-provider"], field["auth-provider"]) {
            var config: [String: String] = [:]
            for entry in try mapping(providerFields["config"], field["auth-provider"]["config"]) ?? Mapping() {
                guard let key = entry.key.string else {
                    throw failure(field["auth-provider"]["config"], "keys must be strings")
                }
                config[key] = try string(entry.value, field["auth-provider"]["config"][key]) ?? ""
            }
            authProvider = AuthProviderConfig(
                name: try string(providerFields["name"], field["auth-provider"]["name"]) ?? "", config: config)
        }
        let user = KubeUser(
            clientCertificate: try filePath(fields["client-certificate"], field["client-certificate"]),
            clientCertificateData: try bytes(fields["client-certificate-data"], field["client-certificate-data"]),
            clientKey: try filePath(fields["client-key"], field["client-key"]),
            clientKeyData: try bytes(fields["client-key-data"], field["client-key-data"]),
            token: try string(fields["token"], field["token"]).flatMap(nonEmpty),
            tokenFile: try filePath(fields["tokenFile"], field["tokenFile"]),
            username: try string(fields["username"], field["username"]).flatMap(nonEmpty),
            password: try string(fields["password"], field["password"]).flatMap(nonEmpty),
            exec: exec, authProvider: authProvider)
        return (user, problems)
    }

    private func exec(_ fields: Mapping, _ field: FieldPath) throws(FieldProblem) -> (exec: ExecConfig, problems: [String]) {
        var problems: [String] = []
        let apiVersion = try string(fields["apiVersion"], field["apiVersion"]) ?? ""
        var command = try string(fields["command"], field["command"]) ?? ""
        // A command with a slash is a path relative to the kubeconfig; a bare name is looked up on PATH.
        if command.contains("/") { command = FilePath.absolute(command, from: baseDirectory) }
        var args: [String] = []
        for (index, item) in try sequence(fields["args"], field["args"]).enumerated() {
            args.append(try string(item, field["args"][index]) ?? "")
        }
        var env: [ExecConfig.EnvVar] = []
        for (index, item) in try sequence(fields["env"], field["env"]).enumerated() {
            let entry = try mapping(item, field["env"][index]) ?? Mapping()
            env.append(ExecConfig.EnvVar(
                name: try string(entry["name"], field["env"][index]["name"]) ?? "",
                value: try string(entry["value"], field["env"][index]["value"]) ?? ""))
        }
        var mode = ExecConfig.InteractiveMode.ifAvailable
        if let given = try string(fields["interactiveMode"], field["interactiveMode"]), !given.isEmpty {
            if let known = ExecConfig.InteractiveMode(rawValue: given) {
                mode = known
            } else {
                problems.append("invalid exec interactiveMode \"\(given)\" (expected Never, IfAvailable or Always)")
            }
        } else if !apiVersion.hasSuffix("/v1beta1") && !apiVersion.hasSuffix("/v1alpha1") {
            // kubectl defaults the mode for the beta APIs only; client.authentication.k8s.io/v1 must say it.
            problems.append("exec interactiveMode must be specified for apiVersion \(apiVersion.isEmpty ? "(none)" : apiVersion)")
        }
        let exec = ExecConfig(
            apiVersion: apiVersion, command: command, args: args, env: env,
            installHint: try string(fields["installHint"], field["installHint"]).flatMap(nonEmpty),
            provideClusterInfo: try bool(fields["provideClusterInfo"], field["provideClusterInfo"]),
            interactiveMode: mode)
        return (exec, problems)
    }

    func context(_ fields: Mapping?, _ field: FieldPath) throws(FieldProblem) -> KubeContext {
        let fields = fields ?? Mapping()
        return KubeContext(
            cluster: try string(fields["cluster"], field["cluster"]) ?? "",
            user: try string(fields["user"], field["user"]) ?? "",
            namespace: try string(fields["namespace"], field["namespace"]).flatMap(nonEmpty))
    }

    private func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}

/// Where a field is: path components to find its line and column, and the
/// text a message shows (`users[0] "admin".user.token`).
struct FieldPath: Equatable {
    var components: [PathComponent]
    var text: String

    init(_ key: String) {
        components = [.key(key)]
        text = key
    }

    private init(components: [PathComponent], text: String) {
        self.components = components
        self.text = text
    }

    subscript(key: String) -> FieldPath { FieldPath(components: components + [.key(key)], text: text + "." + key) }
    subscript(index: Int) -> FieldPath { FieldPath(components: components + [.index(index)], text: text + "[\(index)]") }

    /// The same text, but located at a child node (whose position the parser surely recorded).
    func locatedAt(_ key: String) -> FieldPath { FieldPath(components: components + [.key(key)], text: text) }

    /// The same place, labelled with the entry's name.
    func named(_ name: String) -> FieldPath { FieldPath(components: components, text: text + " \"\(name)\"") }
}

/// A field with the wrong shape; `KubeconfigFile` adds the file, line and column.
struct FieldProblem: Error, Equatable {
    var field: FieldPath
    var message: String
}
