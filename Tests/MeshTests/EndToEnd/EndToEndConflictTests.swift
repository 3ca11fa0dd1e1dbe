import Foundation
import Kube
import TestCluster
import XCTest
import YAML

@testable import Mesh

/// Fields other field managers own: istiod's run-time fields stay istiod's on a
/// re-run; another tool's stop the stage (before anything of the set is written)
/// until `--force-conflicts` takes them over.
final class EndToEndConflictTests: XCTestCase {
    var bed: MeshTestbed!
    static let validator = GroupVersionKind(group: "admissionregistration.k8s.io", version: "v1",
                                            kind: "ValidatingWebhookConfiguration")

    override func setUpWithError() throws {
        bed = try MeshTestbed(["east", "west"])
        try bed.scriptIstiodMetrics(["west": "synced"])
        XCTAssertEqual(try bed.join().status, 0)
    }

    override func tearDown() {
        bed?.stop()
        bed = nil
    }

    /// What istiod's webhook controller does once its endpoint answers.
    private func istiodPatchesTheValidator(on cluster: String) throws {
        let istiod = try bed.client(cluster, fieldManager: "pilot-discovery")
        _ = try istiod.patch(Self.validator, name: "istio-validator-istio-system", patch: [
            ["op": "replace", "path": "/webhooks/0/failurePolicy", "value": "Fail"],
            ["op": "add", "path": "/webhooks/0/clientConfig/caBundle", "value": "Q0EK"],
        ], type: .json)
    }

    private func validator(on cluster: String) throws -> Value {
        try XCTUnwrap(try bed.session(cluster).client.get(Self.validator, name: "istio-validator-istio-system"))
    }

    func testRerunLeavesIstiodsRuntimeFieldsToIstiod() throws {
        try istiodPatchesTheValidator(on: "east")
        try istiodPatchesTheValidator(on: "west")
        let before = try ["east": bed.resourceVersions("east"), "west": bed.resourceVersions("west")]

        let run = try bed.join()
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertEqual(run.output, "Nothing to change: west already in mesh1. Check with: kubectl mesh status --primary kind-east\n")
        // Only failurePolicy conflicts: the charts render no caBundle, istiod's stays where it is without one.
        XCTAssertTrue(run.errors.contains("] primary-control-plane east 15 objects unchanged, 1 field left to istiod,"), run.errors)
        XCTAssertTrue(run.errors.contains("] remote-control-plane  west 13 objects unchanged, 1 field left to istiod,"), run.errors)
        for cluster in ["east", "west"] {
            let webhook = try validator(on: cluster)["webhooks"]?[0]
            XCTAssertEqual(webhook?["failurePolicy"], "Fail", "\(cluster): istiod's Fail was not taken back to Ignore")
            XCTAssertEqual(webhook?["clientConfig"]?["caBundle"], "Q0EK")
            XCTAssertEqual(try bed.resourceVersions(cluster), before[cluster], "\(cluster): no resourceVersion moved")
        }
        // --force-conflicts takes other tools' fields, never istiod's.
        let forced = try bed.join(["--force-conflicts"])
        XCTAssertEqual(forced.status, 0, forced.all)
        XCTAssertEqual(try validator(on: "east")["webhooks"]?[0]?["failurePolicy"], "Fail")
        XCTAssertEqual(try bed.resourceVersions("east"), before["east"])
    }

    func testAnotherToolsFieldStopsTheStageUntilForced() throws {
        let helm = try bed.client("east", fieldManager: "helm")
        _ = try helm.patch(.configMap, name: "istio", namespace: "istio-system",
                           patch: ["data": ["meshNetworks": "networks: {helm: {}}"]])
        let image = { () throws -> String? in
            try self.bed.objects("east")["Deployment istio-system/istiod"]?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.string
        }
        XCTAssertEqual(try image(), "registry.example/istio-like/pilot:1.28.0")
        let marks = try bed.marks()

        // A newer render (another tag) would change istiod's Deployment too: nothing of it is applied.
        let run = try bed.join(["--set", "global.tag=1.28.1"])
        XCTAssertEqual(run.status, 1, run.all)
        XCTAssertTrue(run.errors.contains("error: stage primary-control-plane on east (context kind-east): 1 field is managed by another tool"), run.errors)
        XCTAssertTrue(run.errors.contains("  ConfigMap istio-system/istio: .data.meshNetworks (manager \"helm\")"), run.errors)
        XCTAssertTrue(run.errors.contains("hint: nothing of this set was changed; if \"helm\" should no longer manage these fields, kubectl-mesh can take them over with --force-conflicts;"), run.errors)
        XCTAssertTrue(run.errors.contains("; to take them over: kubectl mesh join-remote "), run.errors)
        XCTAssertTrue(run.errors.contains(" --force-conflicts --from primary-control-plane\n"), run.errors)
        XCTAssertEqual(try image(), "registry.example/istio-like/pilot:1.28.0")
        let writes = try bed.writes(since: marks).values.flatMap { $0 }
        XCTAssertTrue(writes.allSatisfy { $0.method == "PATCH" && $0.queryValue("dryRun") == "All" },
                      "only dry runs: \(writes.map { "\($0.method) \($0.path)?\($0.query)" })")

        let forced = try bed.join(["--set", "global.tag=1.28.1", "--force-conflicts"])
        XCTAssertEqual(forced.status, 0, forced.all)
        XCTAssertTrue(forced.errors.contains("took over fields of 1 object"), forced.errors)
        XCTAssertEqual(try image(), "registry.example/istio-like/pilot:1.28.1")
        let config = try XCTUnwrap(try bed.objects("east")["ConfigMap istio-system/istio"])
        XCTAssertEqual(config["data"]?["meshNetworks"], "networks: {}")
    }
}
