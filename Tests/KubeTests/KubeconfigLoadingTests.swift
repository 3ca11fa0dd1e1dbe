import Foundation
import XCTest

@testable import Kube

final class KubeconfigLoadingTests: XCTestCase {
    private func sources(_ scratch: KubeconfigScratch, explicit: String? = nil, kubeconfigVariable: String? = nil)
        -> KubeconfigSources
    {
        KubeconfigSources(explicitPath: explicit, environment: kubeconfigVariable.map { ["KUBECONFIG": $0] } ?? [:],
                          homeDirectory: scratch.path + "/home", workingDirectory: scratch.path)
    }

    private func config(cluster: String, server: String, user: String = "admin", context: String? = nil,
                        current: String? = nil) -> String {
        let contextName = context ?? cluster
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(cluster)
              cluster:
                server: \(server)
            users:
            - name: \(user)
              user:
                token: secret-\(cluster)
            contexts:
            - name: \(contextName)
              context:
                cluster: \(cluster)
                user: \(user)
            \(current.map { "current-context: \($0)" } ?? "")

            """
    }

    func testExplicitFileIsTheOnlyFileRead() throws {
        let scratch = try KubeconfigScratch()
        let explicit = try scratch.write("explicit.yaml", config(cluster: "a", server: "https://a"))
        try scratch.write("env.yaml", config(cluster: "b", server: "https://b"))
        let loaded = try Kubeconfig.load(from: sources(scratch, explicit: "explicit.yaml", kubeconfigVariable: scratch.path + "/env.yaml"))
        XCTAssertEqual(loaded.contextNames, ["a"])
        XCTAssertEqual(loaded.files, [explicit])
    }

    func testMissingExplicitFileIsAnError() throws {
        let scratch = try KubeconfigScratch()
        XCTAssertThrowsError(try Kubeconfig.load(from: sources(scratch, explicit: "nope.yaml"))) { error in
            XCTAssertEqual(error as? KubeconfigError, .missingFile(path: scratch.path + "/nope.yaml"))
        }
    }

    func testKubeconfigVariableMergesFilesFirstDefinitionWinning() throws {
        let scratch = try KubeconfigScratch()
        try scratch.write("one.yaml", config(cluster: "shared", server: "https://first", context: "one"))
        try scratch.write("two.yaml", config(cluster: "shared", server: "https://second", context: "two", current: "two"))
        try scratch.write("three.yaml", config(cluster: "c", server: "https://c", context: "three", current: "three"))
        let list = ["one.yaml", "", "missing.yaml", "two.yaml", "one.yaml", "three.yaml"].joined(separator: ":")
        let loaded = try Kubeconfig.load(from: sources(scratch, kubeconfigVariable: list))
        XCTAssertEqual(loaded.contextNames, ["one", "three", "two"])
        XCTAssertEqual(loaded.clusters["shared"]?.value.server, "https://first")
        XCTAssertEqual(loaded.clusters["shared"]?.file, scratch.path + "/one.yaml")
        // current-context comes from the first file that sets it.
        XCTAssertEqual(loaded.currentContext, "two")
        XCTAssertEqual(loaded.files.count, 3)
        // The context from two.yaml uses the cluster entry from one.yaml, as kubectl does.
        XCTAssertEqual(try loaded.resolve(context: nil).cluster.server, "https://first")
    }

    func testHomeConfigIsReadWhenNothingElseIsNamed() throws {
        let scratch = try KubeconfigScratch()
        XCTAssertEqual(try Kubeconfig.load(from: sources(scratch)), Kubeconfig(), "an absent ~/.kube/config is empty")
        try scratch.write("home/.kube/config", config(cluster: "home", server: "https://home", current: "home"))
        let loaded = try Kubeconfig.load(from: sources(scratch))
        XCTAssertEqual(loaded.contextNames, ["home"])
        XCTAssertEqual(try loaded.resolve(context: nil).name, "home")
    }

    func testEmptyKubeconfigVariableFallsBackToHome() throws {
        let scratch = try KubeconfigScratch()
        XCTAssertEqual(sources(scratch, kubeconfigVariable: "").paths, [scratch.path + "/home/.kube/config"])
        XCTAssertEqual(sources(scratch, kubeconfigVariable: ":").paths, [], "a list of empty entries reads nothing")
        XCTAssertEqual(sources(scratch, kubeconfigVariable: "~/x").paths, [scratch.path + "/~/x"], "no tilde expansion")
    }

    func testRelativePathsResolveAgainstTheDefiningFile() throws {
        let scratch = try KubeconfigScratch()
        try scratch.write("conf/nested/config", """
            clusters:
            - name: c
              cluster: {server: "https://c", certificate-authority: ca.crt}
            users:
            - name: u
              user:
                client-certificate: ../certs/client.crt
                client-key: /abs/client.key
                tokenFile: ./token
            - name: plugin
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: bin/cred, args: [get]}
            - name: onpath
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws}
            """)
        let loaded = try Kubeconfig.load(from: sources(scratch, kubeconfigVariable: "conf/nested/config"))
        let base = scratch.path + "/conf/nested"
        XCTAssertEqual(loaded.clusters["c"]?.value.certificateAuthority, base + "/ca.crt")
        XCTAssertEqual(loaded.users["u"]?.value.clientCertificate, scratch.path + "/conf/certs/client.crt")
        XCTAssertEqual(loaded.users["u"]?.value.clientKey, "/abs/client.key")
        XCTAssertEqual(loaded.users["u"]?.value.tokenFile, base + "/token")
        XCTAssertEqual(loaded.users["plugin"]?.value.exec?.command, base + "/bin/cred")
        XCTAssertEqual(loaded.users["plugin"]?.value.exec?.args, ["get"])
        XCTAssertEqual(loaded.users["onpath"]?.value.exec?.command, "aws", "a bare command is looked up on PATH")
    }

    func testEveryFieldIsRead() throws {
        let config = try Kubeconfig.parse("""
            {"apiVersion": "v1", "current-context": "full",
             "clusters": [{"name": "c", "cluster": {"server": "https://s", "certificate-authority-data": "QUJD",
               "insecure-skip-tls-verify": true, "tls-server-name": "api.example", "proxy-url": "socks5://p:1080",
               "disable-compression": true}}],
             "users": [{"name": "u", "user": {"client-certificate-data": "Y2VydA==", "client-key-data": "a2V5",
               "exec": {"apiVersion": "client.authentication.k8s.io/v1", "command": "/bin/cred", "args": ["a"],
                 "env": [{"name": "K", "value": "V"}], "installHint": "install cred", "provideClusterInfo": true,
                 "interactiveMode": "Always"}}},
               {"name": "old", "user": {"auth-provider": {"name": "gcp", "config": {"cmd-path": "gcloud"}}}},
               {"name": "basic", "user": {"username": "alice", "password": "pw"}}],
             "contexts": [{"name": "full", "context": {"cluster": "c", "user": "u", "namespace": "ns"}}]}
            """, path: "/k/config.json")
        let resolved = try config.resolve(context: nil)
        XCTAssertEqual(resolved.cluster, KubeCluster(
            server: "https://s", certificateAuthorityData: Array("ABC".utf8), insecureSkipTLSVerify: true,
            tlsServerName: "api.example", proxyURL: "socks5://p:1080", disableCompression: true))
        XCTAssertEqual(resolved.user.clientCertificateData, Array("cert".utf8))
        XCTAssertEqual(resolved.user.clientKeyData, Array("key".utf8))
        XCTAssertEqual(resolved.user.exec, ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1", command: "/bin/cred", args: ["a"],
            env: [.init(name: "K", value: "V")], installHint: "install cred", provideClusterInfo: true,
            interactiveMode: .always))
        XCTAssertEqual(resolved.namespace, "ns")
        XCTAssertEqual(config.users["old"]?.value.authProvider, AuthProviderConfig(name: "gcp", config: ["cmd-path": "gcloud"]))
        XCTAssertEqual(config.users["basic"]?.value.username, "alice")
        XCTAssertEqual(config.users["basic"]?.value.password, "pw")
    }

    func testYAML11BooleansAreReadAsKubectlReadsThem() throws {
        let config = try Kubeconfig.parse("""
            clusters:
            - name: c
              cluster: {server: "https://s", insecure-skip-tls-verify: yes}
            """, path: "/k/config")
        XCTAssertEqual(config.clusters["c"]?.value.insecureSkipTLSVerify, true)
    }

    func testMalformedYAMLIsReportedWithPathLineAndColumn() throws {
        XCTAssertThrowsError(try Kubeconfig.parse("clusters:\n- name: a\n  cluster: {server: x\n", path: "/k/config")) {
            guard case .malformed(let error) = $0 as? KubeconfigError else { return XCTFail("\($0)") }
            XCTAssertEqual(error.path, "/k/config")
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.description.hasPrefix("/k/config:3:"), error.description)
        }
    }

    func testWrongTypeNamesTheFieldAndItsPosition() throws {
        XCTAssertThrowsError(try Kubeconfig.parse("users:\n- name: u\n  user:\n    token: 12345\n", path: "/k/config")) {
            XCTAssertEqual(($0 as? KubeconfigError)?.description,
                           "/k/config:4:12: users[0] \"u\".user.token: expected a string, found the number 12345 (put it in quotes)")
        }
    }

    func testBadBase64IsReportedAsKubectlDoes() throws {
        XCTAssertThrowsError(try Kubeconfig.parse("clusters:\n- name: c\n  cluster:\n    certificate-authority-data: QUJ$\n", path: "/k/config")) {
            XCTAssertEqual(($0 as? KubeconfigError)?.description,
                           "/k/config:4:33: clusters[0] \"c\".cluster.certificate-authority-data: illegal base64 data at input byte 3")
        }
        // Line breaks inside the data are ignored, as Go's decoder ignores them.
        let folded = try Kubeconfig.parse("clusters:\n- name: c\n  cluster:\n    certificate-authority-data: \"QU\\nJD\"\n", path: "/k/c")
        XCTAssertEqual(folded.clusters["c"]?.value.certificateAuthorityData, Array("ABC".utf8))
    }

    func testDuplicateNameInOneFileIsAnError() throws {
        XCTAssertThrowsError(try Kubeconfig.parse("contexts:\n- name: a\n- name: a\n", path: "/k/config")) {
            XCTAssertEqual(($0 as? KubeconfigError)?.description,
                           "/k/config:3:9: contexts[1] \"a\": the name \"a\" appears more than once in contexts")
        }
    }

    func testEmptyFileIsAnEmptyConfig() throws {
        XCTAssertEqual(try Kubeconfig.parse("", path: "/k/config").contextNames, [])
        XCTAssertEqual(try Kubeconfig.parse("# nothing\n", path: "/k/config").contextNames, [])
    }

    func testContextOverrideAndResolutionErrors() throws {
        let config = try Kubeconfig.parse("""
            clusters:
            - {name: ok, cluster: {server: "https://ok"}}
            - {name: noserver, cluster: {}}
            - {name: both, cluster: {server: "https://b", certificate-authority: /nonexistent/ca, certificate-authority-data: QUJD}}
            users:
            - {name: u, user: {token: t}}
            - {name: halfcert, user: {client-certificate-data: QUJD}}
            - {name: v1exec, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: cred}}}
            - {name: betaexec, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: cred}}}
            contexts:
            - {name: good, context: {cluster: ok, user: u}}
            - {name: anonymous, context: {cluster: ok}}
            - {name: lost, context: {cluster: gone, user: nobody}}
            - {name: broken, context: {cluster: noserver, user: halfcert}}
            - {name: conflicting, context: {cluster: both, user: v1exec}}
            - {name: beta, context: {cluster: ok, user: betaexec}}
            """, path: "/k/config")
        XCTAssertThrowsError(try config.resolve(context: nil)) {
            XCTAssertEqual($0 as? KubeconfigError, .noCurrentContext(available: config.contextNames))
        }
        XCTAssertEqual(try config.resolve(context: "good").user.token, "t")
        XCTAssertEqual(try config.resolve(context: "anonymous").user, KubeUser())
        XCTAssertEqual(try config.resolve(context: "beta").user.exec?.interactiveMode, .ifAvailable)
        XCTAssertThrowsError(try config.resolve(context: "god")) {
            XCTAssertEqual($0 as? KubeconfigError, .contextNotFound(name: "god", available: config.contextNames))
            XCTAssertEqual(($0 as? KubeconfigError)?.hint?.hasPrefix("did you mean \"good\"?"), true)
        }
        func problems(_ name: String) -> [String] {
            do {
                _ = try config.resolve(context: name)
                return []
            } catch {
                guard case .unusableContext(_, let problems) = error else { return ["unexpected \(error)"] }
                return problems
            }
        }
        XCTAssertEqual(problems("lost"), ["cluster \"gone\" is not defined", "user \"nobody\" is not defined"])
        XCTAssertEqual(problems("broken"), [
            "cluster \"noserver\" has no server",
            "user \"halfcert\" has a client certificate but no client-key or client-key-data",
        ])
        let conflicting = problems("conflicting")
        XCTAssertTrue(conflicting.contains("cluster \"both\" sets both certificate-authority and certificate-authority-data"))
        XCTAssertTrue(conflicting.contains { $0.hasPrefix("cluster \"both\": certificate-authority /nonexistent/ca:") })
        XCTAssertTrue(conflicting.contains("user \"v1exec\": exec interactiveMode must be specified for apiVersion client.authentication.k8s.io/v1"))
    }

}

/// A temporary directory for one test, removed when the test ends.
final class KubeconfigScratch {
    let path: String

    init() throws {
        let template = NSTemporaryDirectory() + "kubeconfig-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` (relative to the directory) and returns the absolute path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
