@testable import Kube
import XCTest
import YAML

/// No token, password, key, exec env value or URL password reaches a description,
/// a dump or an error message. Every secret below contains "SECRET".
final class RedactionTests: XCTestCase {
    /// Every way a value can end up as text by accident.
    private func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    private func assertNoSecret(_ value: Any, file: StaticString = #filePath, line: UInt = #line) {
        for text in renderings(value) {
            XCTAssertFalse(text.contains("SECRET"), text, file: file, line: line)
        }
    }

    private let user = KubeUser(
        clientCertificate: "/home/u/.kube/client.crt", clientKeyData: Array("KEY-SECRET".utf8), token: "tok-SECRET",
        tokenFile: "/var/run/token", username: "admin", password: "pw-SECRET",
        exec: ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1", command: "kubelogin",
            args: ["get-token", "--oidc-client-secret=arg-SECRET"],
            env: [ExecConfig.EnvVar(name: "AWS_ACCESS_KEY", value: "env-SECRET")]),
        authProvider: AuthProviderConfig(name: "oidc", config: ["id-token": "idt-SECRET", "client-id": "mesh"]))

    private let cluster = KubeCluster(
        server: "https://admin:srv-SECRET@10.0.0.1:6443", proxyURL: "http://u:prx-SECRET@proxy.example.com:3128")

    func testKubeconfigEntriesPrintWithoutTheirSecrets() {
        assertNoSecret(user)
        assertNoSecret(cluster)
        assertNoSecret(ResolvedContext(name: "prod", context: KubeContext(cluster: "c", user: "u"), cluster: cluster, user: user))
        let text = String(describing: user)
        XCTAssertTrue(text.contains("token: <redacted>"), text)
        XCTAssertTrue(text.contains("tokenFile: \"/var/run/token\""), text)
        XCTAssertTrue(text.contains("AWS_ACCESS_KEY=<redacted>"), text)
        XCTAssertTrue(String(describing: cluster).contains("https://…@10.0.0.1:6443"), String(describing: cluster))
        XCTAssertTrue(String(describing: cluster).contains("http://…@proxy.example.com:3128"), String(describing: cluster))
    }

    func testCredentialsAndTokensPrintWithoutTheirSecrets() throws {
        let identity = ClientIdentity(certificate: .file("/c.crt"), key: .data(Array("KEY-SECRET".utf8)))
        assertNoSecret(identity)
        assertNoSecret(RequestCredentials(authorization: "Bearer tok-SECRET", clientIdentity: identity))
        assertNoSecret(ServiceAccountToken(token: "sa-SECRET", expiration: nil))
        assertNoSecret(ServiceAccountTokenSecret(token: "sa-SECRET", certificateAuthority: Array("CA".utf8)))
        assertNoSecret(ExecCredential(token: "exec-SECRET", clientKey: Array("KEY-SECRET".utf8)))
        let settings = try ConnectionSettings(cluster: cluster, variables: [:])
        assertNoSecret(settings)
        let request = HTTPRequest(
            method: .post, path: "/api/v1/namespaces/x/secrets", body: Array(#"{"data":{"t":"SECRET"}}"#.utf8))
        assertNoSecret(request)
        XCTAssertEqual(String(describing: request), "POST /api/v1/namespaces/x/secrets (23 bytes of body)")
        assertNoSecret(HTTPResponse(status: 200, body: Array(#"{"status":{"token":"SECRET"}}"#.utf8)))
    }

    func testAServerURLPasswordNeverReachesAnError() throws {
        let port = try CurlTransportTests.unusedPort()
        let context = Fixtures.context(server: "https://admin:srv-SECRET@127.0.0.1:\(port)")
        let client = try KubeClient(
            context: context, environment: Fixtures.environment(),
            options: KubeClientOptions(clusterName: "west", retry: .never))
        XCTAssertThrowsError(try client.serverVersion()) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .transport(.connectionRefused))
            XCTAssertEqual(error?.description, "west (context kind-west): cannot connect to https://…@127.0.0.1:\(port): connection refused")
        }
        XCTAssertThrowsError(
            try KubeClient(context: Fixtures.context(server: "https://admin:srv-SECRET@127.0.0.1:port"), environment: Fixtures.environment())
        ) { error in
            XCTAssertEqual(
                (error as? KubeError)?.message,
                #"cluster "kind-west" has the server "https://…@127.0.0.1:port": "port" is not a port number"#)
        }
    }

    func testABrokenWatchLineOfASecretIsNotQuoted() throws {
        let line = #"{"type":"ADDED","object":{"kind":"Secret","data":{"token":"c2VjcmV0-SECRET"}},"#
        let transport = ScriptedTransport([
            .respond(Fixtures.coreV1), .respond(HTTPResponse(status: 200, body: Array((line + "\n").utf8))),
        ])
        let client = try KubeClient(
            context: Fixtures.context(), environment: Fixtures.environment(), options: KubeClientOptions(clusterName: "west"),
            transport: transport)
        XCTAssertThrowsError(try client.watch(.secret, namespace: "x", timeout: 5) { _ in .proceed }) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .invalidResponse)
            XCTAssertFalse(error?.description.contains("SECRET") ?? true, error?.description ?? "")
            XCTAssertTrue(error?.description.hasSuffix(#"(it starts "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Secret")"#) ?? false,
                          error?.description ?? "")
        }
    }

    func testExecPluginErrorsNameThePluginButNotItsArgumentsOrEnvironment() throws {
        let runner = FakeProcessRunner { _ in ProcessOutput(exitCode: 1, standardOutput: [], standardError: Array("login required".utf8)) }
        let exec = try XCTUnwrap(user.exec)
        let scratch = try ScratchDirectory()
        let command = try scratch.write("kubelogin", "#!/bin/sh\nexit 1\n", executable: true)
        var failing = exec
        failing.command = command
        for config in [failing, exec] {
            let context = Fixtures.context(user: KubeUser(exec: config))
            let provider = try CredentialProvider(
                context: context,
                environment: Fixtures.environment(variables: ["PATH": scratch.path("none")], processRunner: runner),
                origin: KubeError.Origin(context: context))
            XCTAssertThrowsError(try provider.current()) { error in
                let error = error as? KubeError
                XCTAssertFalse("\(String(describing: error)) \(error?.hint ?? "")".contains("SECRET"))
                XCTAssertTrue(error?.message.hasPrefix(#"exec plugin "kubelogin" of user "kind-west-admin""#) ?? false)
            }
        }
    }
}
