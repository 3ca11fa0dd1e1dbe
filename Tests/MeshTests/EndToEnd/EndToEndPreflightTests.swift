import Foundation
import Kube
import TestCluster
import XCTest
import YAML

@testable import Mesh

/// Bad input stops `join-remote` before its first write: every problem is reported at once,
/// the exit status is non-zero, and the test clusters' request logs show no write.
final class EndToEndPreflightTests: XCTestCase {
    var bed: MeshTestbed!

    override func setUpWithError() throws { bed = try MeshTestbed(["east", "west"]) }
    override func tearDown() {
        bed?.stop()
        bed = nil
    }

    /// Runs `arguments` and checks it exits `status` without writing anything anywhere.
    private func refused(_ arguments: [String], status: Int32 = 1, environment: [String: String] = [:],
                         line: UInt = #line) throws -> String {
        let marks = try bed.marks()
        let run = try bed.mesh(arguments, environment: environment)
        XCTAssertEqual(run.status, status, run.all, line: line)
        XCTAssertEqual(run.output, "", line: line)
        XCTAssertEqual(try bed.writes(since: marks).values.flatMap { $0 }.map { "\($0.method) \($0.path)" }, [], line: line)
        return run.errors
    }

    private var base: [String] { ["join-remote", "--primary", "kind-east"] }
    private var release: [String] { ["--istio", MeshTestbed.istioRelease] }

    func testLoopbackRemoteAPIServerIsRefusedWithTheEndpointSliceAddress() throws {
        let errors = try refused(base + release + ["--remote", "kind-west"])
        XCTAssertTrue(errors.hasPrefix("error: preflight found 1 problem; nothing was changed:\n"), errors)
        XCTAssertTrue(errors.contains("kind-west (context kind-west): the API server https://127.0.0.1:"), errors)
        XCTAssertTrue(errors.contains("is a loopback address the primary's istiod cannot reach"), errors)
        XCTAssertTrue(errors.contains("pass --remote-api-server kind-west=https://172.18.0.3:6443 (or kind-west=auto)"), errors)
    }

    func testEveryProblemIsReportedAtOnce() throws {
        let errors = try refused(base + ["--remote", "kind-west", "--remote", "kind-south", "--remote", "kind-east",
                                         "--cluster-name", "kind-west=West_1", "--set", "global.meshID=other",
                                         "--istio", "/nonexistent/istio"])
        for fragment in [
            "context \"kind-east\" is named more than once",
            "context \"kind-south\" does not exist", "the kubeconfig's contexts: kind-east, kind-west", "cluster name \"West_1\" may contain only lowercase letters",
            "--set global.meshID conflicts with the mesh topology", "--istio /nonexistent/istio: no such directory",
            "is a loopback address",
        ] {
            XCTAssertTrue(errors.contains(fragment), "missing \(fragment) in\n\(errors)")
        }
        XCTAssertTrue(errors.hasPrefix("error: preflight found 6 problems"), errors)
    }

    func testMalformedFlagsAreUsageErrors() throws {
        XCTAssertTrue(try refused(base + ["--remote", "kind-west", "--timeout", "soon"], status: 2)
            .contains("invalid duration \"soon\""))
        XCTAssertTrue(try refused(base + release + ["--remote", "kind-west", "--cluster-name", "west"], status: 2)
            .contains("--cluster-name"))
        XCTAssertTrue(try refused(["join-remote", "--primary", "kind-east"], status: 2).contains("at least one --remote"))
        XCTAssertTrue(try refused(base + release + ["--remote", "kind-west", "--from", "verify", "--only", "verify"], status: 2)
            .contains("--only and --from cannot be used together"))
        XCTAssertTrue(try refused(base + release + ["--remote", "kind-west", "-o", "json"], status: 2)
            .contains("-o is only used with --dry-run"))
    }

    func testUnreadableKubeconfigNamesTheFile() throws {
        let broken = bed.directory + "/broken.yaml"
        try "apiVersion: v1\nclusters: [\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let errors = try refused(base + release + ["--remote", "kind-west"], environment: ["KUBECONFIG": broken])
        XCTAssertTrue(errors.contains(broken), errors)
    }

    func testUnreachableClusterAndOldKubernetesAreProblems() throws {
        bed.stop()
        bed = try MeshTestbed(["east", "west"]) { name, options in
            if name == "west" { options.kubeVersion = "1.27.3" }
        }
        let errors = try refused(base + release + ["--remote", "kind-west", "--remote-api-server", "kind-west=auto"])
        XCTAssertTrue(errors.contains("kind-west (context kind-west): Kubernetes v1.27.3 is older than Istio 1.28.0 supports (1.29 or newer)"),
                      errors)
        bed["west"].stop()
        let unreachable = try bed.mesh(base + release + ["--remote", "kind-west", "--remote-api-server", "kind-west=auto"])
        XCTAssertEqual(unreachable.status, 1)
        XCTAssertTrue(unreachable.errors.contains("kind-west (context kind-west): cannot reach the API server https://127.0.0.1:"),
                      unreachable.errors)
    }

    func testMissingPermissionsAreListedPerResource() throws {
        let alice = try bed["west"].issueClientCertificate(user: "alice")
        let kubeconfig = bed.directory + "/alice.yaml"
        try TestKubeconfig.write([
            TestKubeconfig.Entry(cluster: bed["east"]),
            TestKubeconfig.Entry(cluster: bed["west"], userName: "alice",
                                 user: .certificateData(certificatePEM: alice.certificate, keyPEM: alice.key)),
        ], to: kubeconfig)
        let errors = try refused(base + release + ["--remote", "kind-west", "--remote-api-server", "kind-west=https://172.18.0.3:6443"],
                                 environment: ["KUBECONFIG": kubeconfig])
        XCTAssertTrue(errors.contains("kind-west (context kind-west): not allowed to do what the stages need:\n"), errors)
        XCTAssertTrue(errors.contains("\n      create, patch, list, delete namespaces cluster-wide (stage remote-namespace)\n"), errors)
        XCTAssertEqual(errors.components(separatedBy: "hint: ask for these permissions in context kind-west").count, 2,
                       "one hint for the cluster: \(errors)")
        XCTAssertTrue(errors.contains("mutatingwebhookconfigurations.admissionregistration.k8s.io cluster-wide (stage remote-control-plane)"),
                      errors)
        XCTAssertTrue(errors.contains("secrets in namespace istio-system (stage remote-secret)"), errors)
        XCTAssertFalse(errors.contains("east (context kind-east): not allowed"), errors)
    }

    func testDryRunStillRunsPreflight() throws {
        let errors = try refused(base + release + ["--remote", "kind-west", "--dry-run"])
        XCTAssertTrue(errors.contains("is a loopback address"), errors)
    }
}
