import Foundation
import Kube
import XCTest
import Synchronization
import YAML

final class CredentialTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kube-credentials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func provider(_ user: KubeUser, cluster: KubeCluster = KubeCluster(server: "https://10.0.0.1:6443"),
                          environment: KubeEnvironment = Fixtures.environment()) throws -> CredentialProvider {
        let context = Fixtures.context(cluster: cluster, user: user)
        return try CredentialProvider(
            context: context, environment: environment, origin: KubeError.Origin(context: context))
    }

    func testBasicAuthHeader() throws {
        let credentials = try provider(KubeUser(username: "admin", password: "s3cret")).current()
        XCTAssertEqual(credentials.authorization, "Basic YWRtaW46czNjcmV0")
        XCTAssertEqual(credentials.description, "basic auth")
    }

    func testTokenWithALineBreakIsRefused() throws {
        XCTAssertThrowsError(try provider(KubeUser(token: "abc\r\nX-Evil: 1")).current()) { error in
            XCTAssertEqual((error as? KubeError)?.message, #"the token of user "kind-west-admin" contains a line break"#)
            XCTAssertFalse((error as? KubeError)?.description.contains("Evil") ?? true)
        }
    }

    func testTokenAndBasicTogetherAreRefused() {
        XCTAssertThrowsError(try provider(KubeUser(token: "t", username: "u", password: "p"))) {
            XCTAssertEqual(($0 as? KubeError)?.kind, .configuration)
        }
    }

    func testCertificateWithoutKeyIsRefused() {
        XCTAssertThrowsError(try provider(KubeUser(clientCertificateData: [1]))) {
            XCTAssertEqual(
                ($0 as? KubeError)?.message, #"user "kind-west-admin": has a client certificate but no client key"#)
        }
    }

    func testTokenFileIsReadAgainWhenItChanges() throws {
        let file = directory.appendingPathComponent("token")
        try "first\n".write(to: file, atomically: false, encoding: .utf8)
        let provider = try provider(KubeUser(token: "ignored", tokenFile: file.path))
        XCTAssertEqual(try provider.current().authorization, "Bearer first")
        // Rotation: a new file moved into place (new inode), as kubelet does.
        let next = directory.appendingPathComponent("token.new")
        try "second-token".write(to: next, atomically: false, encoding: .utf8)
        XCTAssertEqual(rename(next.path, file.path), 0)
        XCTAssertEqual(try provider.current().authorization, "Bearer second-token")
    }

    func testTokenFileRenewalAfterUnauthorizedReportsWhetherTheTokenChanged() throws {
        let file = directory.appendingPathComponent("token")
        try "one".write(to: file, atomically: false, encoding: .utf8)
        let provider = try provider(KubeUser(tokenFile: file.path))
        let rejected = try provider.current()
        XCTAssertFalse(try provider.renew(after: rejected))
        try "two".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertTrue(try provider.renew(after: rejected))
        XCTAssertEqual(try provider.current().authorization, "Bearer two")
    }

    func testMissingTokenFileSaysWhy() throws {
        let provider = try provider(KubeUser(tokenFile: directory.appendingPathComponent("absent").path))
        XCTAssertThrowsError(try provider.current()) { error in
            XCTAssertTrue((error as? KubeError)?.message.hasSuffix("No such file or directory") ?? false, "\(error)")
        }
    }

    func testAuthProviderUsersAreToldWhichExecPluginReplacesIt() {
        let cases = [
            ("gcp", "gke-gcloud-auth-plugin"), ("azure", "kubelogin convert-kubeconfig"), ("oidc", "kubectl oidc-login"),
        ]
        for (name, plugin) in cases {
            XCTAssertThrowsError(
                try provider(KubeUser(authProvider: AuthProviderConfig(name: name, config: ["client-id": "abc"])))
            ) { error in
                let error = error as? KubeError
                XCTAssertEqual(error?.kind, .credentials)
                XCTAssertTrue(error?.message.contains("auth-provider \"\(name)\"") ?? false)
                XCTAssertTrue(error?.hint?.contains(plugin) ?? false, "\(name): \(error?.hint ?? "")")
            }
        }
    }

    // MARK: exec plugins

    private static func execOutput(token: String? = nil, certificate: String? = nil, key: String? = nil, expiration: String? = nil,
                            apiVersion: String = "client.authentication.k8s.io/v1") -> ProcessOutput {
        var status: Value = [:]
        if let token { status["token"] = .string(token) }
        if let certificate { status["clientCertificateData"] = .string(certificate) }
        if let key { status["clientKeyData"] = .string(key) }
        if let expiration { status["expirationTimestamp"] = .string(expiration) }
        let document: Value = ["apiVersion": .string(apiVersion), "kind": "ExecCredential", "status": status]
        return ProcessOutput(exitCode: 0, standardOutput: Array(JSONText.encode(document).utf8), standardError: [])
    }

    private func execUser(_ exec: ExecConfig) -> KubeUser { KubeUser(exec: exec) }

    private func script(named name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try "#!/bin/sh\nexit 0\n".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func testExecPluginGetsArgsEnvAndClusterInfo() throws {
        let command = try script(named: "plugin")
        let runner = FakeProcessRunner { _ in CredentialTests.execOutput(token: "exec-token") }
        let exec = ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1", command: command, args: ["token", "--cluster", "west"],
            env: [ExecConfig.EnvVar(name: "AWS_PROFILE", value: "prod")], provideClusterInfo: true,
            interactiveMode: .never)
        let cluster = KubeCluster(server: "https://10.0.0.1:6443", certificateAuthorityData: Array("CA".utf8),
                                  tlsServerName: "kube.internal")
        let provider = try provider(
            execUser(exec), cluster: cluster,
            environment: Fixtures.environment(variables: ["PATH": "/bin", "HOME": "/home/u"], processRunner: runner))
        XCTAssertEqual(try provider.current().authorization, "Bearer exec-token")
        let run = try XCTUnwrap(runner.invocations.first)
        XCTAssertEqual(run.executable, command)
        XCTAssertEqual(run.arguments, ["token", "--cluster", "west"])
        XCTAssertFalse(run.interactive)
        XCTAssertEqual(run.environment["AWS_PROFILE"], "prod")
        XCTAssertEqual(run.environment["HOME"], "/home/u")
        let info = try JSONText.decode(XCTUnwrap(run.environment["KUBERNETES_EXEC_INFO"]))
        XCTAssertEqual(info["kind"], "ExecCredential")
        XCTAssertEqual(info["apiVersion"], "client.authentication.k8s.io/v1")
        XCTAssertEqual(info["spec"]?["interactive"], false)
        XCTAssertEqual(info["spec"]?["cluster"]?["server"], "https://10.0.0.1:6443")
        XCTAssertEqual(info["spec"]?["cluster"]?["tls-server-name"], "kube.internal")
        XCTAssertEqual(info["spec"]?["cluster"]?["certificate-authority-data"], "Q0E=")
    }

    func testExecInfoCarriesNoClusterUnlessAskedAndSaysWhenInteractive() throws {
        let command = try script(named: "plugin")
        let runner = FakeProcessRunner { _ in CredentialTests.execOutput(token: "t", apiVersion: "client.authentication.k8s.io/v1beta1") }
        let exec = ExecConfig(apiVersion: "client.authentication.k8s.io/v1beta1", command: command, interactiveMode: .ifAvailable)
        let provider = try provider(
            execUser(exec), cluster: KubeCluster(server: "https://10.0.0.1:6443", certificateAuthorityData: Array("CA".utf8)),
            environment: Fixtures.environment(processRunner: runner, stdinIsTerminal: true))
        _ = try provider.current()
        let info = try JSONText.decode(XCTUnwrap(runner.invocations.first?.environment["KUBERNETES_EXEC_INFO"]))
        XCTAssertEqual(
            info, ["apiVersion": "client.authentication.k8s.io/v1beta1", "kind": "ExecCredential", "spec": ["interactive": true]])
    }

    func testExecInfoCarriesTheClustersExecExtensionAsConfig() throws {
        let command = try script(named: "plugin")
        let kubeconfig = directory.appendingPathComponent("config")
        try """
            apiVersion: v1
            kind: Config
            current-context: c
            contexts:
            - name: c
              context: {cluster: k, user: u}
            clusters:
            - name: k
              cluster:
                server: https://10.0.0.1:6443
                extensions:
                - name: other.example.com/thing
                  extension: {ignored: true}
                - name: client.authentication.k8s.io/exec
                  extension:
                    audience: mesh
                    nested: {port: 8443}
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: \(command)
                  interactiveMode: Never
                  provideClusterInfo: true
            """.write(to: kubeconfig, atomically: false, encoding: .utf8)
        let context = try Kubeconfig.load(from: KubeconfigSources(paths: [kubeconfig.path], isExplicit: true)).resolve(context: nil)
        let runner = FakeProcessRunner { _ in CredentialTests.execOutput(token: "t") }
        _ = try CredentialProvider(
            context: context, environment: Fixtures.environment(processRunner: runner), origin: KubeError.Origin(context: context)
        ).current()
        let info = try JSONText.decode(XCTUnwrap(runner.invocations.first?.environment["KUBERNETES_EXEC_INFO"]))
        XCTAssertEqual(info["spec"]?["cluster"]?["config"], ["audience": "mesh", "nested": ["port": 8443]])
    }

    func testNonInteractivePluginReadsNothingFromStandardInput() throws {
        let path = directory.appendingPathComponent("stdin-plugin").path
        // Reports what its standard input is: it must be /dev/null, never the user's terminal or a pipe.
        let script = """
            #!/bin/sh
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(readlink /proc/self/fd/0)"
            """
        try script.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        let exec = ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: path, interactiveMode: .ifAvailable)
        let provider = try provider(execUser(exec), environment: Fixtures.environment(stdinIsTerminal: false))
        XCTAssertEqual(try provider.current().authorization, "Bearer /dev/null")
    }

    func testExecCredentialIsCachedUntilItExpires() throws {
        let command = try script(named: "plugin")
        let clock = ManualClock()
        let counter = Counter()
        let runner = FakeProcessRunner { _ in
            let n = counter.next()
            // Expires 60s after the manual clock's start (2023-11-14T22:13:20Z).
            return CredentialTests.execOutput(
                token: "token-\(n)", expiration: "2023-11-14T22:14:20Z", apiVersion: "client.authentication.k8s.io/v1beta1")
        }
        let provider = try provider(
            execUser(ExecConfig(apiVersion: "client.authentication.k8s.io/v1beta1", command: command)),
            environment: Fixtures.environment(clock: clock, processRunner: runner))
        XCTAssertEqual(try provider.current().authorization, "Bearer token-1")
        clock.advance(59)
        XCTAssertEqual(try provider.current().authorization, "Bearer token-1")
        clock.advance(1)
        XCTAssertEqual(try provider.current().authorization, "Bearer token-2")
        XCTAssertEqual(runner.invocations.count, 2)
    }

    func testExecPluginRunsAgainAfterUnauthorized() throws {
        let command = try script(named: "plugin")
        let counter = Counter()
        let runner = FakeProcessRunner { _ in CredentialTests.execOutput(token: "token-\(counter.next())") }
        let provider = try provider(
            execUser(ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: command)),
            environment: Fixtures.environment(processRunner: runner))
        let first = try provider.current()
        XCTAssertTrue(try provider.renew(after: first))
        XCTAssertEqual(try provider.current().authorization, "Bearer token-2")
    }

    func testExecClientCertificateReplacesTheStaticOne() throws {
        let command = try script(named: "plugin")
        let runner = FakeProcessRunner { _ in CredentialTests.execOutput(certificate: "CERT", key: "KEY") }
        let provider = try provider(
            execUser(ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: command)),
            environment: Fixtures.environment(processRunner: runner))
        let credentials = try provider.current()
        XCTAssertNil(credentials.authorization)
        XCTAssertEqual(credentials.clientIdentity, ClientIdentity(certificate: .data(Array("CERT".utf8)), key: .data(Array("KEY".utf8))))
    }

    func testMissingExecPluginShowsTheInstallHint() throws {
        let exec = ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin",
            installHint: "Install gke-gcloud-auth-plugin with: gcloud components install gke-gcloud-auth-plugin\n")
        let provider = try provider(execUser(exec), environment: Fixtures.environment(variables: ["PATH": directory.path]))
        XCTAssertThrowsError(try provider.current()) { error in
            let error = error as? KubeError
            XCTAssertEqual(
                error?.description,
                #"kind-west (context kind-west): exec plugin "gke-gcloud-auth-plugin" of user "kind-west-admin" was not found on PATH"#)
            XCTAssertEqual(error?.hint, "Install gke-gcloud-auth-plugin with: gcloud components install gke-gcloud-auth-plugin")
        }
    }

    func testFailingExecPluginShowsItsStandardError() throws {
        let command = try script(named: "aws")
        let runner = FakeProcessRunner { _ in
            ProcessOutput(exitCode: 255, standardOutput: [], standardError: Array("\nUnable to locate credentials\n".utf8))
        }
        let provider = try provider(
            execUser(ExecConfig(apiVersion: "client.authentication.k8s.io/v1beta1", command: command)),
            environment: Fixtures.environment(processRunner: runner))
        XCTAssertThrowsError(try provider.current()) { error in
            XCTAssertEqual(
                (error as? KubeError)?.message,
                #"exec plugin "aws" of user "kind-west-admin" failed with exit code 255: Unable to locate credentials"#)
        }
    }

    func testExecPluginAnsweringAnotherAPIVersionIsRefused() throws {
        let command = try script(named: "plugin")
        let runner = FakeProcessRunner { _ in CredentialTests.execOutput(token: "t", apiVersion: "client.authentication.k8s.io/v1beta1") }
        let provider = try provider(
            execUser(ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: command)),
            environment: Fixtures.environment(processRunner: runner))
        XCTAssertThrowsError(try provider.current()) { error in
            XCTAssertTrue((error as? KubeError)?.message.contains("answered \"client.authentication.k8s.io/v1beta1\"") ?? false)
        }
    }

    func testInteractiveModes() throws {
        let command = try script(named: "plugin")
        let runner = FakeProcessRunner { _ in CredentialTests.execOutput(token: "t") }
        func interactive(_ mode: ExecConfig.InteractiveMode, terminal: Bool) throws -> Bool? {
            let provider = try provider(
                execUser(ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: command, interactiveMode: mode)),
                environment: Fixtures.environment(processRunner: runner, stdinIsTerminal: terminal))
            let before = runner.invocations.count
            _ = try provider.current()
            return runner.invocations.count > before ? runner.invocations.last?.interactive : nil
        }
        XCTAssertEqual(try interactive(.never, terminal: true), false)
        XCTAssertEqual(try interactive(.ifAvailable, terminal: true), true)
        XCTAssertEqual(try interactive(.ifAvailable, terminal: false), false)
        XCTAssertEqual(try interactive(.always, terminal: true), true)
        XCTAssertThrowsError(try interactive(.always, terminal: false))
    }

    func testRealFailingPluginShowsItsStandardError() throws {
        let path = directory.appendingPathComponent("failing-plugin").path
        // More than a pipe buffer of noise first: the runner must drain stderr while it waits.
        let script = """
            #!/bin/sh
            head -c 200000 /dev/zero | tr '\\0' '.' >&2
            echo >&2
            echo "error: token expired, run: cloud login" >&2
            exit 4
            """
        try script.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        let exec = ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: path, interactiveMode: .never)
        let provider = try provider(execUser(exec))
        XCTAssertThrowsError(try provider.current()) { error in
            let message = (error as? KubeError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix(#"exec plugin "failing-plugin" of user "kind-west-admin" failed with exit code 4: "#), message)
            XCTAssertTrue(message.hasSuffix("error: token expired, run: cloud login"), String(message.suffix(80)))
            XCTAssertLessThan(message.count, 2200)
        }
    }

    func testRealPluginScriptRunsWithItsEnvironment() throws {
        let path = directory.appendingPathComponent("real-plugin").path
        let script = """
            #!/bin/sh
            [ -n "$KUBERNETES_EXEC_INFO" ] || { echo "no exec info" >&2; exit 3; }
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s-%s"}}' "$PREFIX" "$1"
            """
        try script.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        let exec = ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1", command: "real-plugin", args: ["arg"],
            env: [ExecConfig.EnvVar(name: "PREFIX", value: "real")], interactiveMode: .never)
        let provider = try provider(
            execUser(exec), environment: Fixtures.environment(variables: ["PATH": "\(directory.path):/usr/bin:/bin"]))
        XCTAssertEqual(try provider.current().authorization, "Bearer real-arg")
    }
}

/// A thread-safe counter for fake plugins.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
