import Foundation
import TestCluster
import XCTest
import YAML

@testable import Kube

/// The kubeconfig is read exactly as kubectl reads it: the same files merged
/// into the same entries, relative paths taken from the same directories.
/// kubectl is the judge (`kubectl config view --raw --flatten`, which reads
/// every referenced file); skipped only where kubectl is not installed.
final class KubeconfigKubectlTests: XCTestCase {
    private var scratch: KubeconfigScratch!

    override func setUpWithError() throws {
        scratch = try KubeconfigScratch()
        // YAML and JSON files that define the same names, with paths relative to each file.
        try scratch.write("a/one.yaml", """
            apiVersion: v1
            kind: Config
            clusters:
            - name: shared
              cluster: {server: "https://first:6443", certificate-authority: ca.crt}
            users:
            - name: u
              user: {client-certificate: ../certs/client.crt, client-key: ./client.key}
            contexts:
            - name: one
              context: {cluster: shared, user: u, namespace: from-one}

            """)
        try scratch.write("a/b/two.json", """
            {"apiVersion": "v1", "kind": "Config", "current-context": "two",
             "clusters": [{"name": "shared", "cluster": {"server": "https://second:6443"}},
                          {"name": "c2", "cluster": {"server": "https://c2:6443", "certificate-authority": "ca.crt"}}],
             "users": [{"name": "u", "user": {"token": "not-this-one"}}, {"name": "t", "user": {"token": "token-two"}}],
             "contexts": [{"name": "two", "context": {"cluster": "c2", "user": "t", "namespace": "n2"}},
                          {"name": "one", "context": {"cluster": "c2", "user": "t"}}]}
            """)
        try scratch.write("three.yaml", """
            current-context: one
            contexts:
            - name: three
              context: {cluster: shared, user: t}

            """)
        try scratch.write("a/ca.crt", "CA of one.yaml\n")
        try scratch.write("a/b/ca.crt", "CA of two.json\n")
        try scratch.write("certs/client.crt", "client certificate\n")
        try scratch.write("a/client.key", "client key\n")
    }

    override func tearDown() { scratch = nil }

    /// What kubectl makes of the files, flattened: every referenced file read in.
    private func kubectlView(kubeconfigVariable: String?, explicit: String? = nil) throws -> Value {
        guard let kubectl = Kubectl.defaultPath else { throw XCTSkip("kubectl is not installed on this machine") }
        var environment = ["HOME": scratch.path + "/home", "PATH": "/usr/bin:/bin"]
        environment["KUBECONFIG"] = kubeconfigVariable
        let arguments = (explicit.map { ["--kubeconfig", $0] } ?? []) + ["config", "view", "--raw", "--flatten", "-o", "json"]
        let result = try Command.run(kubectl, arguments, environment: environment, directory: scratch.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try JSON.parse(result.stdout)
    }

    private func ours(kubeconfigVariable: String?, explicit: String? = nil) throws -> Kubeconfig {
        try Kubeconfig.load(from: KubeconfigSources(
            explicitPath: explicit, environment: kubeconfigVariable.map { ["KUBECONFIG": $0] } ?? [:],
            homeDirectory: scratch.path + "/home", workingDirectory: scratch.path))
    }

    /// A file's bytes as `--flatten` would inline them (or inline data as it is).
    private func bytes(path: String?, data: [UInt8]?) throws -> [UInt8]? {
        if let data { return data }
        guard let path else { return nil }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func decoded(_ value: Value?) throws -> [UInt8]? {
        try value?.string.map { try Base64.decode($0) }
    }

    private func assertSame(_ config: Kubeconfig, _ view: Value, file: StaticString = #filePath, line: UInt = #line) throws {
        func entries(_ key: String) -> [String: Value] {
            var byName: [String: Value] = [:]
            for item in view[key]?.sequence ?? [] {
                if let name = item["name"]?.string { byName[name] = item[String(key.dropLast())] ?? .null }
            }
            return byName
        }
        XCTAssertEqual(config.currentContext, view["current-context"]?.string, "current-context", file: file, line: line)

        let contexts = entries("contexts")
        XCTAssertEqual(config.contextNames, contexts.keys.sorted(), file: file, line: line)
        for (name, context) in contexts {
            let mine = config.contexts[name]?.value
            XCTAssertEqual(mine?.cluster, context["cluster"]?.string, "context \(name)", file: file, line: line)
            XCTAssertEqual(mine?.user, context["user"]?.string, "context \(name)", file: file, line: line)
            XCTAssertEqual(mine?.namespace, context["namespace"]?.string, "context \(name)", file: file, line: line)
        }

        let clusters = entries("clusters")
        XCTAssertEqual(config.clusters.keys.sorted(), clusters.keys.sorted(), file: file, line: line)
        for (name, cluster) in clusters {
            let mine = try XCTUnwrap(config.clusters[name]?.value, file: file, line: line)
            XCTAssertEqual(mine.server, cluster["server"]?.string, "cluster \(name)", file: file, line: line)
            XCTAssertEqual(try bytes(path: mine.certificateAuthority, data: mine.certificateAuthorityData),
                           try decoded(cluster["certificate-authority-data"]), "cluster \(name) CA", file: file, line: line)
        }

        let users = entries("users")
        XCTAssertEqual(config.users.keys.sorted(), users.keys.sorted(), file: file, line: line)
        for (name, user) in users {
            let mine = try XCTUnwrap(config.users[name]?.value, file: file, line: line)
            XCTAssertEqual(mine.token, user["token"]?.string, "user \(name)", file: file, line: line)
            XCTAssertEqual(try bytes(path: mine.clientCertificate, data: mine.clientCertificateData),
                           try decoded(user["client-certificate-data"]), "user \(name) certificate", file: file, line: line)
            XCTAssertEqual(try bytes(path: mine.clientKey, data: mine.clientKeyData),
                           try decoded(user["client-key-data"]), "user \(name) key", file: file, line: line)
        }
    }

    func testMergedYAMLAndJSONFilesMatchKubectl() throws {
        let list = "a/one.yaml:missing.yaml:a/b/two.json::three.yaml"
        let view = try kubectlView(kubeconfigVariable: list)
        let config = try ours(kubeconfigVariable: list)
        try assertSame(config, view)
        // The figures the comparison rests on, so that it cannot pass on two empty views.
        XCTAssertEqual(config.contextNames, ["one", "three", "two"])
        XCTAssertEqual(config.currentContext, "two")
        XCTAssertEqual(config.clusters["shared"]?.value.server, "https://first:6443")
        XCTAssertEqual(config.clusters["c2"]?.value.certificateAuthority, scratch.path + "/a/b/ca.crt")
    }

    func testReversedOrderMatchesKubectl() throws {
        let list = "three.yaml:a/b/two.json:a/one.yaml"
        try assertSame(try ours(kubeconfigVariable: list), try kubectlView(kubeconfigVariable: list))
        XCTAssertEqual(try ours(kubeconfigVariable: list).clusters["shared"]?.value.server, "https://second:6443")
    }

    func testExplicitFileAloneMatchesKubectl() throws {
        let list = "a/one.yaml:three.yaml"
        let view = try kubectlView(kubeconfigVariable: list, explicit: "a/b/two.json")
        try assertSame(try ours(kubeconfigVariable: list, explicit: "a/b/two.json"), view)
    }
}
