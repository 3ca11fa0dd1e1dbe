import Foundation
import Synchronization
import YAML

/// A client-go credential plugin (`users[].user.exec`): runs the command,
/// reads the ExecCredential it prints, and keeps it until it expires or the
/// server rejects it.
final class ExecPlugin: Sendable {
    let config: ExecConfig
    private let cluster: KubeCluster
    private let environment: KubeEnvironment
    private let origin: KubeError.Origin
    private let cached = Mutex<ExecCredential?>(nil)

    init(config: ExecConfig, cluster: KubeCluster, environment: KubeEnvironment, origin: KubeError.Origin) {
        self.config = config
        self.cluster = cluster
        self.environment = environment
        self.origin = origin
    }

    /// The plugin's current credential: the cached one while it is valid, else a fresh run.
    /// Holding the lock while the plugin runs makes concurrent requests wait for one run.
    func credential() throws(KubeError) -> ExecCredential {
        let result: Result<ExecCredential, KubeError> = cached.withLock { cache in
            if let credential = cache, !isExpired(credential) { return .success(credential) }
            do throws(KubeError) {
                let fresh = try run()
                cache = fresh
                return .success(fresh)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Forgets `rejected` (the server answered 401 to it) so the next call runs the plugin again,
    /// unless another request already replaced it with a fresh one.
    func invalidate(_ rejected: ExecCredential?) {
        cached.withLock { cache in
            if cache == rejected { cache = nil }
        }
    }

    private func isExpired(_ credential: ExecCredential) -> Bool {
        guard let expiration = credential.expiration else { return false }
        return environment.clock.now() >= expiration
    }

    // MARK: Running the plugin

    private var commandName: String { (config.command as NSString).lastPathComponent }

    private func failure(_ message: String, hint: String? = nil) -> KubeError {
        KubeError(
            origin: origin, kind: .credentials,
            message: "exec plugin \"\(commandName)\" of user \"\(origin.user)\" \(message)", hint: hint)
    }

    private func run() throws(KubeError) -> ExecCredential {
        let interactive: Bool
        switch config.interactiveMode {
        case .never: interactive = false
        case .ifAvailable: interactive = environment.stdinIsTerminal
        case .always:
            guard environment.stdinIsTerminal else {
                throw failure(
                    "needs an interactive terminal (interactiveMode: Always), but standard input is not one",
                    hint: "run the command from a terminal, or log in with the plugin beforehand")
            }
            interactive = true
        }
        guard let executable = ExecutableLookup.find(config.command, variables: environment.variables) else {
            let hint = config.installHint.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
                ?? "install it, or fix users[].user.exec.command of user \"\(origin.user)\" in the kubeconfig"
            let place = config.command.contains("/") ? "at \(config.command)" : "on PATH"
            throw failure("was not found \(place)", hint: hint)
        }
        var variables = environment.variables
        for variable in config.env { variables[variable.name] = variable.value }
        do {
            let info = try KubeJSON.encode(execInfo(interactive: interactive))
            variables["KUBERNETES_EXEC_INFO"] = String(decoding: info, as: UTF8.self)
        } catch {
            throw failure("cannot be given KUBERNETES_EXEC_INFO: \(error.message)")
        }

        let output: ProcessOutput
        do {
            output = try environment.processRunner.run(
                ProcessInvocation(
                    executable: executable, arguments: config.args, environment: variables, interactive: interactive))
        } catch {
            throw failure("could not be started: \(error)")
        }
        guard output.exitCode == 0 else {
            let stderr = String(decoding: output.standardError, as: UTF8.self).trimmingWhitespace()
            let shown = stderr.isEmpty ? "" : ": " + ExecPlugin.lastLines(stderr, count: 20)
            throw failure("failed with exit code \(output.exitCode)\(shown)")
        }
        do {
            return try ExecCredential(output: output.standardOutput, apiVersion: config.apiVersion)
        } catch {
            throw failure("printed no usable credential: \(ExecPlugin.describe(error))")
        }
    }

    /// `KUBERNETES_EXEC_INFO`: the ExecCredential request, with the cluster when
    /// `provideClusterInfo` asks for it.
    func execInfo(interactive: Bool) -> Value {
        var spec: Value = ["interactive": .bool(interactive)]
        if config.provideClusterInfo {
            var entry: Value = ["server": .string(cluster.server)]
            if let name = cluster.tlsServerName, !name.isEmpty { entry["tls-server-name"] = .string(name) }
            if cluster.insecureSkipTLSVerify { entry["insecure-skip-tls-verify"] = true }
            if let ca = caData() { entry["certificate-authority-data"] = .string(Base64.encode(ca)) }
            if let proxy = cluster.proxyURL, !proxy.isEmpty { entry["proxy-url"] = .string(proxy) }
            if cluster.disableCompression { entry["disable-compression"] = true }
            if let config = cluster.execExtension, !config.isNull { entry["config"] = config }
            spec["cluster"] = entry
        }
        return ["apiVersion": .string(config.apiVersion), "kind": "ExecCredential", "spec": spec]
    }

    private func caData() -> [UInt8]? {
        if let data = cluster.certificateAuthorityData, !data.isEmpty { return data }
        if let path = cluster.certificateAuthority, !path.isEmpty { return try? FileBytes.read(path) }
        return nil
    }

    /// The end of a plugin's standard error: its last `count` lines, at most 2,000 characters.
    private static func lastLines(_ text: String, count: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let tail = lines.suffix(count).joined(separator: "\n")
        return tail.count > 2000 ? "…" + tail.suffix(2000) : tail
    }

    private static func describe(_ problem: ExecCredential.Problem) -> String {
        switch problem {
        case .notJSON: return "its output is not a JSON object"
        case .wrongKind(let kind): return "expected kind ExecCredential, found \"\(kind)\""
        case .wrongAPIVersion(let expected, let found):
            return "the kubeconfig asks for apiVersion \(expected), the plugin answered \"\(found)\""
        case .missingStatus: return "the ExecCredential has no status"
        case .noCredential: return "the status holds neither a token nor a client certificate"
        case .certificateWithoutKey: return "the status holds only one of clientCertificateData and clientKeyData"
        case .badExpiration(let text): return "expirationTimestamp \"\(text)\" is not an RFC 3339 time"
        }
    }
}

/// Finds a program the way a shell does: a name with a `/` is taken as a path,
/// anything else is searched in the PATH of the given environment.
enum ExecutableLookup {
    static func find(_ command: String, variables: [String: String]) -> String? {
        if command.contains("/") { return isExecutable(command) ? command : nil }
        let path = variables["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(directory)/\(command)"
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    private static func isExecutable(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
