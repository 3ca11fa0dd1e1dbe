import Foundation
import Kube
import TestCluster
import XCTest
import YAML

@testable import Mesh

/// Each stage made to fail by fault injection; the run stops there, names the stage, the
/// cluster and the resume command, and `--from STAGE` then converges to the state a clean
/// run leaves.
final class EndToEndResumeTests: XCTestCase {
    /// What a clean join leaves on each cluster, normalized (shared by every test: computing it
    /// once keeps the suite fast).
    nonisolated(unsafe) static var cleanState: [String: [String: Value]]?

    static func reference() throws -> [String: [String: Value]] {
        if let cleanState { return cleanState }
        let bed = try MeshTestbed(["east", "west"])
        defer { bed.stop() }
        try bed.scriptIstiodMetrics(["west": "synced"])
        let run = try bed.join()
        guard run.status == 0 else { throw XCTSkip("a clean join failed: \(run.all)") }
        let state = ["east": try bed.state("east"), "west": try bed.state("west")]
        cleanState = state
        return state
    }

    /// Fails `stage` with `fault` on `cluster`, checks the failure, resumes with `--from`,
    /// and compares the end state with a clean run's.
    private func check(_ stage: Stage, on cluster: String, fault: Fault?, expect fragment: String,
                       setUp: (MeshTestbed) throws -> Void = { _ in }, repair: (MeshTestbed) throws -> Void = { _ in },
                       line: UInt = #line) throws {
        let reference = try Self.reference()
        let bed = try MeshTestbed(["east", "west"])
        defer { bed.stop() }
        try bed.scriptIstiodMetrics(["west": "synced"])
        try setUp(bed)
        if let fault { _ = try bed[cluster].addFault(fault) }

        let failed = try bed.join(["--timeout", "2s"])
        XCTAssertEqual(failed.status, 1, failed.all, line: line)
        let cluster = "\(cluster) (context kind-\(cluster))"
        XCTAssertTrue(failed.errors.contains("error: stage \(stage.rawValue) on \(cluster): "), failed.errors, line: line)
        XCTAssertTrue(failed.errors.contains(fragment), failed.errors, line: line)
        XCTAssertTrue(failed.errors.contains("then resume with: kubectl mesh join-remote --primary kind-east --remote kind-west"),
                      failed.errors, line: line)
        XCTAssertTrue(failed.errors.contains("--from \(stage.rawValue)\n"), failed.errors, line: line)
        // The stages before it finished; none after it ran.
        for earlier in Stage.allCases where earlier < stage {
            XCTAssertTrue(failed.errors.contains("] \(earlier.rawValue) "), "\(earlier) did not run\n\(failed.errors)", line: line)
        }

        try bed["east"].clearFaults()
        try bed["west"].clearFaults()
        try repair(bed)
        let resumed = try bed.join(["--from", stage.rawValue])
        XCTAssertEqual(resumed.status, 0, resumed.all, line: line)
        XCTAssertFalse(resumed.errors.contains("] \(Stage.allCases.first { $0 < stage }?.rawValue ?? "none") "), line: line)
        XCTAssertEqual(try bed.state("east"), reference["east"], "primary differs from a clean run", line: line)
        XCTAssertEqual(try bed.state("west"), reference["west"], "remote differs from a clean run", line: line)
    }

    private func forbidden(_ method: String, _ path: String) -> Fault {
        Fault(method: method, path: path, count: -1, status: 403, message: "injected: not allowed")
    }

    func testPrimaryControlPlaneFailure() throws {
        try check(.primaryControlPlane, on: "east",
                  fault: forbidden("PATCH", "/apis/apps/v1/namespaces/istio-system/deployments/istiod"),
                  expect: "injected: not allowed")
    }

    func testEastwestGatewayFailure() throws {
        try check(.eastwestGateway, on: "east",
                  fault: forbidden("PATCH", "/api/v1/namespaces/istio-system/services/istio-eastwestgateway"),
                  expect: "injected: not allowed")
    }

    func testDiscoveryAddressFailure() throws {
        try check(.discoveryAddress, on: "east", fault: forbidden("GET", "/api/v1/namespaces/istio-system/services"),
                  expect: "injected: not allowed")
    }

    func testExposeIstiodFailure() throws {
        try check(.exposeIstiod, on: "east",
                  fault: forbidden("PATCH", "/apis/networking.istio.io/v1/namespaces/istio-system/virtualservices/istiod-vs"),
                  expect: "injected: not allowed")
    }

    func testRemoteNamespaceFailure() throws {
        try check(.remoteNamespace, on: "west", fault: forbidden("PATCH", "/api/v1/namespaces/istio-system"),
                  expect: "injected: not allowed")
    }

    func testRemoteControlPlaneFailure() throws {
        try check(.remoteControlPlane, on: "west",
                  fault: forbidden("PATCH", "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/istio-sidecar-injector"),
                  expect: "injected: not allowed")
    }

    func testRemoteSecretFailure() throws {
        try check(.remoteSecret, on: "east",
                  fault: forbidden("PATCH", "/api/v1/namespaces/istio-system/secrets/istio-remote-secret-west"),
                  expect: "injected: not allowed")
    }

    func testVerifyFailureWhenIstiodCannotSyncTheRemote() throws {
        // Not a fault of the API server: istiod reports the remote timed out.
        try check(.verify, on: "east", fault: nil,
                  expect: "istiod reports west: timeout",
                  setUp: { try $0.scriptIstiodMetrics(["west": "timeout"]) },
                  repair: { try $0.scriptIstiodMetrics(["west": "synced"]) })
    }
}
