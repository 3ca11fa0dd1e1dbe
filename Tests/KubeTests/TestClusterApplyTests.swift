import Foundation
import TestCluster
import XCTest

/// Server-side apply semantics of the test server: list types, shared and forced ownership, pruning.
final class TestClusterApplyTests: XCTestCase {
    private var cluster: TestCluster!

    override func setUpWithError() throws {
        cluster = try TestCluster.start(name: "apply")
    }

    override func tearDown() {
        cluster?.stop()
        cluster = nil
    }

    private func apply(_ path: String, _ yaml: String, manager: String, force: Bool = false) throws -> HTTPResult {
        try cluster.request("PATCH", "\(path)?fieldManager=\(manager)" + (force ? "&force=true" : ""), body: yaml,
                            contentType: "application/apply-patch+yaml")
    }

    private let deployments = "/apis/apps/v1/namespaces/default/deployments/web"

    private func deployment(_ containers: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
        \(containers)
        """
    }

    private func containers(_ result: HTTPResult) throws -> [[String: Any]] {
        value(try jsonObject(result), "spec.template.spec.containers") as? [[String: Any]] ?? []
    }

    func testListMapItemsMergeByKeyAcrossManagers() throws {
        let a = "      - {name: a, image: one}"
        let b = "      - {name: b, image: two}"
        XCTAssertEqual(try apply(deployments, deployment(a), manager: "first").status, 201)
        let both = try apply(deployments, deployment(b), manager: "second")
        XCTAssertEqual(try containers(both).compactMap { $0["name"] as? String }, ["a", "b"])
        let again = try apply(deployments, deployment(a), manager: "first")
        XCTAssertEqual(try containers(again).compactMap { $0["name"] as? String }, ["a", "b"],
                       "the second manager's item stays")
    }

    func testItemsAManagerStopsApplyingAreRemoved() throws {
        let ab = "      - {name: a, image: one}\n      - {name: b, image: two}"
        XCTAssertEqual(try apply(deployments, deployment(ab), manager: "first").status, 201)
        let onlyA = try apply(deployments, deployment("      - {name: a, image: one}"), manager: "first")
        XCTAssertEqual(try containers(onlyA).compactMap { $0["name"] as? String }, ["a"])
    }

    func testAtomicListsAreReplacedWholeAndForcedOwnershipMoves() throws {
        let first = "      - {name: a, image: one, args: [x, y]}"
        XCTAssertEqual(try apply(deployments, deployment(first), manager: "first").status, 201)
        let second = "      - {name: a, image: one, args: [z]}"
        let conflict = try apply(deployments, deployment(second), manager: "second")
        XCTAssertEqual(conflict.status, 409)
        XCTAssertEqual(try jsonObject(conflict)["message"] as? String,
                       "Apply failed with 1 conflict: conflict with \"first\": .spec.template.spec.containers[name=\"a\"].args")
        let forced = try apply(deployments, deployment(second), manager: "second", force: true)
        XCTAssertEqual(try containers(forced).first?["args"] as? [String], ["z"])
        // The first manager no longer owns args: applying without them leaves them.
        let withoutArgs = try apply(deployments, deployment("      - {name: a, image: one}"), manager: "first")
        XCTAssertEqual(try containers(withoutArgs).first?["args"] as? [String], ["z"])
    }

    func testSetListsUnionAcrossManagers() throws {
        let path = "/api/v1/namespaces/default/configmaps/held"
        func held(_ finalizer: String) -> String {
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [\(finalizer)]\n"
        }
        XCTAssertEqual(try apply(path, held("example.com/one"), manager: "first").status, 201)
        let both = try jsonObject(apply(path, held("example.com/two"), manager: "second"))
        XCTAssertEqual(value(both, "metadata.finalizers") as? [String], ["example.com/one", "example.com/two"])
    }

    func testEqualValuesAreSharedAndOutliveOneOwner() throws {
        let path = "/api/v1/namespaces/default/configmaps/shared"
        let both = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\ndata: {k: v}\n"
        XCTAssertEqual(try apply(path, both, manager: "first").status, 201)
        XCTAssertEqual(try apply(path, both, manager: "second").status, 200, "same value: no conflict")
        let dropped = try jsonObject(apply(path, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n",
                                           manager: "first"))
        XCTAssertEqual(string(dropped, "data.k"), "v", "still owned by the second manager")
        let gone = try jsonObject(apply(path, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n",
                                        manager: "second"))
        XCTAssertNil(value(gone, "data.k"), "no owner left")
    }

    func testSeveralConflictsAreListedPerManager() throws {
        let path = "/api/v1/namespaces/default/configmaps/many"
        XCTAssertEqual(try apply(path, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: many}\ndata: {a: '1', b: '1'}\n",
                                 manager: "first").status, 201)
        let conflict = try apply(path, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: many}\ndata: {a: '2', b: '2'}\n",
                                 manager: "second")
        XCTAssertEqual(try jsonObject(conflict)["message"] as? String,
                       "Apply failed with 2 conflicts: conflicts with \"first\":\n- .data.a\n- .data.b")
    }

    func testStatusIsAppliedThroughItsSubresourceOnly() throws {
        try cluster.updateConfig(["loadBalancer": "never"])
        let path = "/api/v1/namespaces/default/services/svc"
        let service = "apiVersion: v1\nkind: Service\nmetadata: {name: svc}\nspec:\n  type: LoadBalancer\n  ports: [{port: 80}]\n"
        XCTAssertEqual(try apply(path, service, manager: "mesh").status, 201)
        let status = """
            apiVersion: v1
            kind: Service
            metadata: {name: svc}
            status:
              loadBalancer:
                ingress: [{ip: 10.0.0.9}]
            """
        let ignored = try jsonObject(apply(path, status, manager: "lb"))
        XCTAssertNil(value(ignored, "status.loadBalancer.ingress"), "the main resource ignores status")
        let applied = try jsonObject(apply(path + "/status", status, manager: "lb"))
        XCTAssertEqual(string(applied, "status.loadBalancer.ingress.0.ip"), "10.0.0.9")
        let managed = value(applied, "metadata.managedFields") as? [[String: Any]] ?? []
        let lb = managed.first { $0["manager"] as? String == "lb" && $0["subresource"] as? String == "status" }
        XCTAssertEqual(lb?["operation"] as? String, "Apply")
    }
}
