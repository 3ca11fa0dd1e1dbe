import Kube
import TestCluster
import XCTest
import YAML

@testable import Mesh

/// The ApplySet applier against a test API server: server-side apply, CRDs
/// first, unchanged re-runs, pruning, and refusing parents it does not own.
final class SetApplierTests: XCTestCase {
    var cluster: TestCluster!
    var session: ClusterSession!

    override func setUpWithError() throws {
        cluster = try TestCluster.start(name: "east")
        session = try ClusterFixtures.session(cluster)
    }

    override func tearDown() {
        cluster?.stop()
        cluster = nil
        session = nil
    }

    private func applier(_ stage: Stage = .primaryControlPlane) -> SetApplier {
        SetApplier(session: session, applySet: ApplySet(stage: stage, namespace: "istio-system"), mesh: "mesh1",
                   timeout: 10, progress: { _ in })
    }

    private let namespace: Value = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "istio-system"]]
    private func configMap(_ name: String, _ value: String = "1") -> Value {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": ["k": .string(value)]]
    }
    private let crd: Value = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "gateways.networking.istio.io"],
        "spec": [
            "group": "networking.istio.io", "scope": "Namespaced",
            "names": ["kind": "Gateway", "plural": "gateways", "singular": "gateway", "listKind": "GatewayList"],
            "versions": [["name": "v1", "served": true, "storage": true,
                          "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]],
        ],
    ]
    private let gateway: Value = [
        "apiVersion": "networking.istio.io/v1", "kind": "Gateway",
        "metadata": ["name": "istiod-gateway", "namespace": "istio-system"], "spec": ["selector": ["istio": "eastwestgateway"]],
    ]

    func testFirstApplyCreatesEverythingInOrderAndLabelsIt() throws {
        let report = try applier().apply([gateway, configMap("a"), crd, namespace])
        XCTAssertEqual(Set(report.created), ["Namespace istio-system", "CustomResourceDefinition gateways.networking.istio.io",
                                            "ConfigMap istio-system/a", "Gateway istio-system/istiod-gateway"])
        let client = session.client
        let stored = try XCTUnwrap(try client.get(.configMap, name: "a", namespace: "istio-system"))
        let set = ApplySet(stage: .primaryControlPlane, namespace: "istio-system")
        XCTAssertEqual(stored.label(ApplySet.partOfLabel), set.id)
        XCTAssertEqual(stored.label(MeshLabels.mesh), "mesh1")
        XCTAssertEqual(stored.label(MeshLabels.stage), "primary-control-plane")
        XCTAssertEqual(stored.label(MeshLabels.managedBy), "kubectl-mesh")
        let parent = try XCTUnwrap(try client.get(.configMap, name: set.parentName, namespace: "istio-system"))
        XCTAssertEqual(ApplySet.groupKinds(ofParent: parent),
                       ["Namespace", "ConfigMap", "CustomResourceDefinition.apiextensions.k8s.io", "Gateway.networking.istio.io"])
        // The field manager is kubectl-mesh, by server-side apply.
        let managers = (stored["metadata"]?["managedFields"]?.sequence ?? []).compactMap { $0["manager"]?.string }
        XCTAssertTrue(managers.contains("kubectl-mesh"), "\(managers)")
        let applies = try cluster.requestLog().filter { $0.method == "PATCH" }
        XCTAssertTrue(applies.allSatisfy { $0.contentType?.hasPrefix("application/apply-patch") ?? false })
    }

    func testSecondApplyLeavesResourceVersionsUnchanged() throws {
        let objects = [namespace, crd, gateway, configMap("a"), configMap("b")]
        _ = try applier().apply(objects)
        func versions() throws -> [String: String] {
            var out: [String: String] = [:]
            for item in try session.client.list(.configMap, namespace: "istio-system").items {
                out["cm/" + (item["metadata"]?["name"]?.string ?? "")] = item["metadata"]?["resourceVersion"]?.string
            }
            let gw = try session.client.get(GroupVersionKind(apiVersion: "networking.istio.io/v1", kind: "Gateway"),
                                            name: "istiod-gateway", namespace: "istio-system")
            out["gateway"] = gw?["metadata"]?["resourceVersion"]?.string
            return out
        }
        let before = try versions()
        let mark = try cluster.requestLogMark()
        let report = try applier().apply(objects)
        XCTAssertEqual(report.created, [])
        XCTAssertEqual(report.configured, [])
        XCTAssertEqual(report.unchanged.count, 5)
        XCTAssertEqual(report.summary, "5 objects unchanged")
        XCTAssertFalse(report.changedAnything)
        XCTAssertEqual(try versions(), before)
        // No write besides the applies themselves: the parent is not touched.
        let writes = try ClusterFixtures.writes(cluster, since: mark)
        XCTAssertEqual(writes.count, 5, "\(writes.map(\.path))")
        XCTAssertFalse(writes.contains { $0.path.hasSuffix("/kubectl-mesh-primary-control-plane") })
    }

    func testObjectsNoLongerRenderedArePrunedAndTheParentForgetsTheirKind() throws {
        _ = try applier().apply([namespace, configMap("a"), configMap("b"), crd, gateway])
        let report = try applier().apply([namespace, configMap("a", "2"), crd])
        XCTAssertEqual(Set(report.pruned), ["ConfigMap istio-system/b", "Gateway istio-system/istiod-gateway"])
        XCTAssertEqual(report.configured, ["ConfigMap istio-system/a"])
        XCTAssertNil(try session.client.get(.configMap, name: "b", namespace: "istio-system"))
        let parent = try XCTUnwrap(try session.client.get(.configMap, name: "kubectl-mesh-primary-control-plane",
                                                          namespace: "istio-system"))
        XCTAssertEqual(ApplySet.groupKinds(ofParent: parent), ["Namespace", "ConfigMap", "CustomResourceDefinition.apiextensions.k8s.io"])
        XCTAssertEqual(report.summary, "applied 3 objects (1 configured, 2 unchanged), pruned 2")
    }

    func testOtherSetsAndUnlabelledObjectsAreNeverPruned() throws {
        _ = try applier().apply([namespace, configMap("a")])
        _ = try applier(.exposeIstiod).apply([configMap("other")])
        var own = configMap("users-own")
        own["metadata"]?["namespace"] = "istio-system"
        _ = try session.client.apply(own, fieldManager: "someone")
        let report = try applier().apply([namespace])
        XCTAssertEqual(report.pruned, ["ConfigMap istio-system/a"])
        XCTAssertNotNil(try session.client.get(.configMap, name: "other", namespace: "istio-system"))
        XCTAssertNotNil(try session.client.get(.configMap, name: "users-own", namespace: "istio-system"))
    }

    func testAParentOfAnotherToolIsRefusedBeforeAnyWrite() throws {
        _ = try applier().apply([namespace])
        _ = try session.client.apply(["apiVersion": "v1", "kind": "ConfigMap",
                                      "metadata": ["name": "kubectl-mesh-verify", "namespace": "istio-system",
                                                   "annotations": [ApplySet.toolingAnnotation: "kubectl/v1.31"]]],
                                     fieldManager: "kubectl")
        let mark = try cluster.requestLogMark()
        XCTAssertThrowsError(try applier(.verify).apply([configMap("x")])) { error in
            XCTAssertTrue("\(error)".contains("managed by kubectl/v1.31"), "\(error)")
        }
        XCTAssertEqual(try ClusterFixtures.writes(cluster, since: mark).count, 0)
    }

    func testPlanStampsWithoutWriting() throws {
        let mark = try cluster.requestLogMark()
        let planned = try applier().plan([namespace, configMap("a")])
        XCTAssertEqual(planned.map(\.objectDescription),
                       ["Namespace istio-system", "ConfigMap istio-system/kubectl-mesh-primary-control-plane", "ConfigMap istio-system/a"])
        XCTAssertEqual(planned[2].label(MeshLabels.stage), "primary-control-plane")
        XCTAssertEqual(try ClusterFixtures.writes(cluster, since: mark).count, 0)
    }
}
