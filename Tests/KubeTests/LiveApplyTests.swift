import Foundation
import Synchronization
import Kube
import TestCluster
import XCTest
import YAML

/// Server-side apply, patches, deletes, lists, watches, CRDs and reviews against the test API server.
final class LiveApplyTests: XCTestCase {
    private var cluster: TestCluster!
    private var client: KubeClient!

    override func setUpWithError() throws {
        cluster = try TestCluster.start(name: "west")
        client = try LiveCluster.client(cluster)
    }

    override func tearDown() {
        cluster?.stop()
    }

    func testSecondApplyLeavesResourceVersionUnchanged() throws {
        let first = try client.apply(LiveCluster.configMap("mesh", data: ["mesh": "mesh1"]))
        XCTAssertTrue(first.created)
        let second = try client.apply(LiveCluster.configMap("mesh", data: ["mesh": "mesh1"]))
        XCTAssertFalse(second.created)
        XCTAssertEqual(second.resourceVersion, first.resourceVersion)
        XCTAssertFalse(second.changed(from: first.resourceVersion))
        let third = try client.apply(LiveCluster.configMap("mesh", data: ["mesh": "mesh2"]))
        XCTAssertTrue(third.changed(from: second.resourceVersion))
        XCTAssertEqual(third.object["data"]?["mesh"], "mesh2")

        let log = try cluster.requestLog().filter { $0.method == "PATCH" }
        XCTAssertEqual(log.map(\.contentType), Array(repeating: "application/apply-patch+yaml", count: 3))
        XCTAssertEqual(log.map { $0.queryValue("fieldManager") }, Array(repeating: "kubectl-mesh", count: 3))
        XCTAssertEqual(log.map { $0.queryValue("force") }, [nil, nil, nil])
    }

    func testConflictWithAnotherManagerUnlessForced() throws {
        _ = try client.apply(LiveCluster.configMap("shared", data: ["owner": "helm"]), fieldManager: "helm")
        XCTAssertThrowsError(try client.apply(LiveCluster.configMap("shared", data: ["owner": "mesh"]))) { error in
            let error = error as? KubeError
            XCTAssertTrue(error?.isConflict ?? false, "\(String(describing: error))")
            XCTAssertTrue(error?.description.hasPrefix("west (context west): ") ?? false)
            XCTAssertTrue(error?.message.contains("helm") ?? false, "\(String(describing: error))")
            XCTAssertNotNil(error?.hint)
        }
        let forced = try client.apply(LiveCluster.configMap("shared", data: ["owner": "mesh"]), force: true)
        XCTAssertEqual(forced.object["data"]?["owner"], "mesh")
        XCTAssertEqual(try cluster.requestLog().last?.queryValue("force"), "true")
    }

    func testCreateGetPatchListDelete() throws {
        let created = try client.create(LiveCluster.configMap("plain"))
        XCTAssertNotNil(created["metadata"]?["uid"])
        XCTAssertThrowsError(try client.create(LiveCluster.configMap("plain"))) {
            XCTAssertTrue(($0 as? KubeError)?.isAlreadyExists ?? false)
        }
        let patched = try client.patch(
            .configMap, name: "plain", namespace: "default",
            patch: ["metadata": ["labels": ["tier": "mesh"]], "data": ["b": "2"]])
        XCTAssertEqual(patched["metadata"]?["labels"]?["tier"], "mesh")
        XCTAssertEqual(patched["data"]?["a"], "1")
        XCTAssertEqual(patched["data"]?["b"], "2")

        _ = try client.apply(LiveCluster.configMap("other"))
        let selected = try client.list(.configMap, namespace: "default", labelSelector: "tier=mesh")
        XCTAssertEqual(selected.items.map { $0["metadata"]?["name"]?.string }, ["plain"])
        XCTAssertEqual(selected.items.first?["kind"], "ConfigMap")
        let byField = try client.list(.configMap, namespace: "default", fieldSelector: "metadata.name=other")
        XCTAssertEqual(byField.items.map { $0["metadata"]?["name"]?.string }, ["other"])

        XCTAssertTrue(try client.delete(.configMap, name: "plain", namespace: "default", propagationPolicy: .foreground))
        XCTAssertNil(try client.get(.configMap, name: "plain", namespace: "default"))
        XCTAssertFalse(try client.delete(.configMap, name: "plain", namespace: "default"))
        XCTAssertEqual(
            try cluster.requestLog().first { $0.method == "DELETE" }?.queryValue("propagationPolicy"), "Foreground")
    }

    func testClusterScopedAndDefaultNamespace() throws {
        _ = try client.apply(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "istio-system"]])
        XCTAssertNotNil(try client.get(.namespace, name: "istio-system"))
        // No namespace in the manifest: the context's (default).
        _ = try client.apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "here"], "data": ["k": "v"]])
        XCTAssertNotNil(try client.get(.configMap, name: "here", namespace: "default"))
    }

    func testCustomResourceKindIsFoundOnceItsDefinitionIsEstablished() throws {
        let kind = GroupVersionKind(apiVersion: "mesh.example.com/v1", kind: "Widget")
        XCTAssertThrowsError(try client.resource(for: kind)) {
            XCTAssertEqual(($0 as? KubeError)?.kind, .unknownKind)
        }
        XCTAssertFalse(try client.apiVersions().contains("mesh.example.com/v1"))
        _ = try client.apply(Self.widgetDefinition)
        var reports = [WaitProgress]()
        try client.waitForEstablished(
            customResourceDefinitions: ["widgets.mesh.example.com"], timeout: 20, progress: { reports.append($0) })
        let widget: Value = [
            "apiVersion": "mesh.example.com/v1", "kind": "Widget",
            "metadata": ["name": "w1", "namespace": "default"], "spec": ["size": 3],
        ]
        let applied = try client.apply(widget)
        XCTAssertTrue(applied.created)
        XCTAssertEqual(try client.resource(for: kind).name, "widgets")
        XCTAssertTrue(try client.apiVersions().contains("mesh.example.com/v1"))
    }

    func testStatusSubresource() throws {
        _ = try client.apply(Self.widgetDefinition)
        try client.waitForEstablished(customResourceDefinitions: ["widgets.mesh.example.com"], timeout: 20)
        let widget: Value = [
            "apiVersion": "mesh.example.com/v1", "kind": "Widget",
            "metadata": ["name": "w2", "namespace": "default"], "spec": ["size": 1],
        ]
        _ = try client.apply(widget)
        let kind = GroupVersionKind(apiVersion: "mesh.example.com/v1", kind: "Widget")
        let patched = try client.patch(
            kind, name: "w2", namespace: "default", patch: ["status": ["ready": true]], subresource: "status")
        XCTAssertEqual(patched["status"]?["ready"], true)
        XCTAssertEqual(try client.get(kind, name: "w2", namespace: "default", subresource: "status")?["status"]?["ready"], true)
    }

    func testWatchSeesChangesAfterAList() throws {
        _ = try client.apply(LiveCluster.configMap("watched"))
        let listed = try client.list(.configMap, namespace: "default", fieldSelector: "metadata.name=watched")
        let writer = try LiveCluster.client(cluster)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
            _ = try? writer.apply(LiveCluster.configMap("watched", data: ["a": "2"]))
        }
        var seen: [String] = []
        try client.watch(
            .configMap, namespace: "default", name: "watched", resourceVersion: listed.resourceVersion, timeout: 20
        ) { event in
            seen.append("\(event.kind.rawValue) \(event.object["data"]?["a"]?.string ?? "")")
            return .stop
        }
        XCTAssertEqual(seen, ["MODIFIED 2"])
    }

    func testAccessReviews() throws {
        XCTAssertTrue(try client.can("create", "secrets", namespace: "istio-system").allowed)
        XCTAssertTrue(try client.can("create", "serviceaccounts", subresource: "token", namespace: "istio-system").allowed)
    }

    func testTwoClustersConcurrently() throws {
        let east = try TestCluster.start(name: "east")
        defer { east.stop() }
        let eastClient = try LiveCluster.client(east, clusterName: "east")
        let westClient = client!
        let objects = (0..<20).map { LiveCluster.configMap("cm-\($0)") }
        let results = ConcurrentResults()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let client = index == 0 ? westClient : eastClient
            results.set(index, client.apply(objects, concurrency: 4).filter { (try? $0.get()) != nil }.count)
        }
        XCTAssertEqual(results.values, [0: 20, 1: 20])
        XCTAssertEqual(try east.requestLog().filter { $0.method == "PATCH" }.count, 20)
    }

    static let widgetDefinition: Value = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "widgets.mesh.example.com"],
        "spec": [
            "group": "mesh.example.com", "scope": "Namespaced",
            "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
            "versions": [[
                "name": "v1", "served": true, "storage": true,
                "subresources": ["status": [:]],
                "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
            ]],
        ],
    ]
}

/// Results gathered from concurrent work.
final class ConcurrentResults: Sendable {
    private let storage = Mutex<[Int: Int]>([:])
    func set(_ key: Int, _ value: Int) { storage.withLock { $0[key] = value } }
    var values: [Int: Int] { storage.withLock { $0 } }
}
