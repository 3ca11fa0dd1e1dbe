import XCTest

@testable import CLI

final class ContextsCommandTests: XCTestCase {
    private func run(_ arguments: [String], kubeconfig: String = CLITest.kubeconfig) throws -> RunResult {
        let scratch = try Scratch()
        let path = try scratch.write("config", kubeconfig)
        return CLITest.run(arguments, environment: ["KUBECONFIG": path], home: scratch.path)
    }

    func testTableLikeKubectlGetContexts() throws {
        let result = try run(["contexts"])
        XCTAssertEqual(result.status, .success, result.errors)
        XCTAssertEqual(result.output, """
            CURRENT   NAME                                   CLUSTER     SERVER                    USER        NAMESPACE
                      arn:aws:eks:eu-west-1:1:cluster/prod   kind-west   https://127.0.0.1:39121   kind-west
            *         kind-east                              kind-east   https://127.0.0.1:40143   kind-east
                      kind-west                              kind-west   https://127.0.0.1:39121   kind-west   apps

            """)
    }

    func testNamesAndContextOverrideAndWide() throws {
        XCTAssertEqual(try run(["contexts", "-o", "name"]).output,
                       "arn:aws:eks:eu-west-1:1:cluster/prod\nkind-east\nkind-west\n")
        let wide = try run(["--context", "kind-west", "contexts", "-owide"]).output
        let westLine = wide.split(separator: "\n").first { $0.contains("apps") } ?? ""
        XCTAssertTrue(westLine.hasPrefix("*"), wide)
        XCTAssertTrue(westLine.contains("token"), wide)
        XCTAssertFalse(wide.contains("sekret"), "never print a secret")
    }

    func testJSONList() throws {
        let result = try run(["contexts", "-o", "json"])
        let items = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]]
        XCTAssertEqual(items?.count, 3)
        let east = items?.first { $0["name"] as? String == "kind-east" }
        XCTAssertEqual(east?["cluster"] as? String, "kind-east")
        XCTAssertEqual(east?["user"] as? String, "kind-east")
        XCTAssertEqual(east?["server"] as? String, "https://127.0.0.1:40143")
        XCTAssertEqual(east?["current"] as? Bool, true)
        XCTAssertTrue(east?["namespace"] is NSNull)
        let west = items?.first { $0["name"] as? String == "kind-west" }
        XCTAssertEqual(west?["namespace"] as? String, "apps")
        XCTAssertEqual(west?["current"] as? Bool, false)
    }

    func testFailuresExitOneWithAHint() throws {
        let unknown = try run(["contexts", "--context", "kind-esat"])
        XCTAssertEqual(unknown.status, .failure)
        XCTAssertEqual(unknown.errors.split(separator: "\n").map(String.init), [
            "error: context \"kind-esat\" does not exist in the kubeconfig",
            "hint: did you mean \"kind-east\"? contexts: arn:aws:eks:eu-west-1:1:cluster/prod, kind-east, kind-west",
        ])
        let malformed = try run(["contexts"], kubeconfig: "contexts:\n- name: a\n  context: [\n")
        XCTAssertEqual(malformed.status, .failure)
        XCTAssertTrue(malformed.errors.hasPrefix("error: /"), malformed.errors)
        XCTAssertTrue(malformed.errors.contains("/config:3:"), malformed.errors)
        let missing = CLITest.run(["contexts", "--kubeconfig", "/nonexistent/config"])
        XCTAssertEqual(missing.status, .failure)
        XCTAssertEqual(missing.errors.split(separator: "\n").first, "error: kubeconfig /nonexistent/config does not exist")
    }

    func testNoKubeconfigAtAllListsNothing() throws {
        let scratch = try Scratch()
        let result = CLITest.run(["contexts", "-o", "json"], home: scratch.path)
        XCTAssertEqual(result.status, .success)
        XCTAssertEqual(result.output, "[]\n")
    }

    func testVersion() {
        let result = CLITest.run(["version"], environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(result.status, .success)
        XCTAssertEqual(
            result.output,
            "kubectl-mesh \(MeshCLI.version)\nistio: no Istio release found: no --istio, ISTIO_HOME is not set, and istioctl is not on PATH\n")
    }

    func testVersionFindsIstioFromIstioHome() throws {
        let scratch = try Scratch()
        try scratch.write("istio-1.28.0/manifests/charts/istio-control/istio-discovery/Chart.yaml",
                          "apiVersion: v2\nname: istiod\nversion: 1.28.0\n")
        try scratch.write("istio-1.28.0/manifests/charts/base/Chart.yaml", "apiVersion: v2\nname: base\nversion: 1.28.0\n")
        try scratch.write("istio-1.28.0/manifests/charts/gateway/Chart.yaml", "apiVersion: v2\nname: gateway\nversion: 1.28.0\n")
        let result = CLITest.run(["version"], environment: ["ISTIO_HOME": scratch.path + "/istio-1.28.0"])
        XCTAssertEqual(result.output.split(separator: "\n").last, "istio 1.28.0 (\(scratch.path)/istio-1.28.0)")

        // --istio wins over ISTIO_HOME, as for join-remote; its charts directory names the release too.
        try scratch.write("istio-1.29.0/manifests/charts/istio-control/istio-discovery/Chart.yaml",
                          "apiVersion: v2\nname: istiod\nversion: 1.29.0\n")
        try scratch.write("istio-1.29.0/manifests/charts/base/Chart.yaml", "apiVersion: v2\nname: base\nversion: 1.29.0\n")
        try scratch.write("istio-1.29.0/manifests/charts/gateway/Chart.yaml", "apiVersion: v2\nname: gateway\nversion: 1.29.0\n")
        let json = CLITest.run(["version", "--istio", scratch.path + "/istio-1.29.0/manifests/charts", "-o", "json"],
                               environment: ["ISTIO_HOME": scratch.path + "/istio-1.28.0"])
        XCTAssertEqual(json.status, .success, json.errors)
        XCTAssertEqual(json.output, """
            {
              "kubectlMesh": {
                "version": "\(MeshCLI.version)"
              },
              "istio": {
                "version": "1.29.0",
                "root": "\(scratch.path)/istio-1.29.0",
                "charts": "\(scratch.path)/istio-1.29.0/manifests/charts",
                "foundBy": "--istio"
              }
            }

            """)
        let yaml = CLITest.run(["version", "-o", "yaml"], environment: ["ISTIO_HOME": scratch.path + "/istio-1.28.0"])
        XCTAssertTrue(yaml.output.contains("  version: 1.28.0\n") && yaml.output.contains("  foundBy: ISTIO_HOME\n"), yaml.output)
    }

    func testVersionWithAnIstioThatIsNotThereFails() throws {
        let scratch = try Scratch()
        let result = CLITest.run(["version", "--istio", scratch.path + "/nowhere"])
        XCTAssertEqual(result.status, .failure)
        XCTAssertEqual(result.output, "")
        XCTAssertTrue(result.errors.hasPrefix("error: --istio \(scratch.path)/nowhere: no such directory\nhint: download a release"),
                      result.errors)
        let missing = CLITest.run(["version", "-o", "json"], environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(missing.status, .success, "without --istio a missing release is a fact, not an error")
        XCTAssertTrue(missing.output.contains(#""error": "no Istio release found"#), missing.output)
    }
}
