import Kube
import XCTest
import YAML

/// Paths, queries and bodies of the object operations, and discovery's caching.
final class ObjectOperationTests: XCTestCase {
    private func client(_ transport: any HTTPTransport, namespace: String? = "team") throws -> KubeClient {
        try KubeClient(
            context: Fixtures.context(namespace: namespace), environment: Fixtures.environment(),
            options: KubeClientOptions(retry: .never), transport: transport)
    }

    private static let apps = HTTPResponse.json(200, """
        {"kind":"APIResourceList","groupVersion":"apps/v1","resources":[
        {"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["get"]},
        {"name":"deployments/status","singularName":"","namespaced":true,"kind":"Deployment","verbs":["get"]}]}
        """)

    private static func echoApply(_ request: HTTPRequest) -> HTTPResponse {
        switch request.path {
        case "/api/v1": return Fixtures.coreV1
        case "/apis/apps/v1": return apps
        default:
            if request.method == .patch, let body = request.body { return HTTPResponse(status: 201, body: body) }
            return .status(404, reason: "NotFound", message: "nothing at \(request.path)")
        }
    }

    func testConcurrentAppliesShareOneDiscoveryRequestAndKeepTheirOrder() throws {
        let transport = RoutingTransport(Self.echoApply)
        let objects: [Value] = (0..<20).map {
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("cm-\($0)")]]
        }
        let results = try client(transport).apply(objects, concurrency: 8)
        XCTAssertEqual(try results.map { try $0.get().object["metadata"]?["name"]?.string }, (0..<20).map { "cm-\($0)" })
        XCTAssertTrue(try results.allSatisfy { try $0.get().created })
        XCTAssertEqual(transport.requests.filter { $0.path == "/api/v1" }.count, 1)
        // No namespace in the manifest: the context's namespace.
        XCTAssertTrue(transport.requests.contains { $0.path == "/api/v1/namespaces/team/configmaps/cm-3" })
    }

    func testClusterScopedObjectsHaveNoNamespaceInThePath() throws {
        let transport = RoutingTransport(Self.echoApply)
        let namespace: Value = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "istio-system"]]
        _ = try client(transport).apply(namespace, force: true)
        let apply = try XCTUnwrap(transport.requests.last)
        XCTAssertEqual(apply.path, "/api/v1/namespaces/istio-system")
        XCTAssertEqual(apply.query, [.init("fieldManager", "kubectl-mesh"), .init("force", "true")])
    }

    func testGetOfAMissingObjectIsNil() throws {
        let transport = RoutingTransport(Self.echoApply)
        XCTAssertNil(try client(transport).get(.deployment, name: "istiod", namespace: "istio-system"))
        XCTAssertEqual(transport.requests.last?.path, "/apis/apps/v1/namespaces/istio-system/deployments/istiod")
    }

    func testUnknownKindIsLookedUpOnceMoreThenReported() throws {
        let transport = RoutingTransport(Self.echoApply)
        let client = try client(transport)
        XCTAssertNotNil(try? client.resource(for: .deployment))
        _ = try client.apiVersions()
        _ = try client.apiVersions()
        XCTAssertEqual(transport.requests.filter { $0.path == "/apis" }.count, 1, "cached")
        let scaler = GroupVersionKind(group: "apps", version: "v1", kind: "Scaler")
        XCTAssertThrowsError(try client.resource(for: scaler)) { error in
            XCTAssertEqual((error as? KubeError)?.kind, .unknownKind)
            XCTAssertEqual((error as? KubeError)?.message, "the server does not know kind Scaler in apps/v1")
        }
        XCTAssertEqual(transport.requests.filter { $0.path == "/apis/apps/v1" }.count, 2)
        _ = try client.apiVersions()
        XCTAssertEqual(transport.requests.filter { $0.path == "/apis" }.count, 2, "an unknown kind refreshes the versions too")
        let gateway = GroupVersionKind(apiVersion: "networking.istio.io/v1", kind: "Gateway")
        XCTAssertThrowsError(try client.resource(for: gateway)) { error in
            XCTAssertEqual(
                (error as? KubeError)?.message,
                "the server does not serve apiVersion networking.istio.io/v1 (needed for kind Gateway)")
            XCTAssertEqual(
                (error as? KubeError)?.hint, "install the CustomResourceDefinitions of group networking.istio.io first")
        }
    }

    func testListFollowsPagesAndFillsInKinds() throws {
        let transport = RoutingTransport { request in
            if request.path == "/api/v1" { return Fixtures.coreV1 }
            if request.query.contains(.init("continue", "page2")) {
                return .json(200, #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"20"},"items":[{"metadata":{"name":"b"}}]}"#)
            }
            return .json(200, #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"19","continue":"page2"},"items":[{"metadata":{"name":"a"}}]}"#)
        }
        let list = try client(transport).list(.configMap, namespace: "x", labelSelector: "app=istiod")
        XCTAssertEqual(list.items.map { $0["metadata"]?["name"]?.string }, ["a", "b"])
        XCTAssertEqual(list.items[0]["kind"], "ConfigMap")
        XCTAssertEqual(list.items[0]["apiVersion"], "v1")
        XCTAssertEqual(list.resourceVersion, "20")
        XCTAssertTrue(transport.requests[1].query.contains(.init("labelSelector", "app=istiod")))
    }

    func testDeleteSaysWhetherTheObjectExisted() throws {
        let transport = RoutingTransport { request in
            if request.path == "/api/v1" { return Fixtures.coreV1 }
            if request.path.hasSuffix("/gone") { return .status(404, reason: "NotFound", message: "gone") }
            return .json(200, #"{"kind":"Status","status":"Success"}"#)
        }
        let client = try client(transport)
        XCTAssertTrue(try client.delete(.secret, name: "here", namespace: "x", propagationPolicy: .foreground))
        XCTAssertFalse(try client.delete(.secret, name: "gone", namespace: "x"))
        XCTAssertEqual(transport.requests[1].query, [.init("propagationPolicy", "Foreground")])
    }

    func testObjectsWithoutKindOrNameAreRefusedBeforeAnyRequest() throws {
        let transport = RoutingTransport(Self.echoApply)
        XCTAssertThrowsError(try client(transport).apply(["kind": "ConfigMap"])) {
            XCTAssertEqual(($0 as? KubeError)?.kind, .invalidObject)
        }
        XCTAssertThrowsError(try client(transport).apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": [:]])) {
            XCTAssertEqual(($0 as? KubeError)?.message, "a ConfigMap (v1) has no metadata.name")
        }
        XCTAssertEqual(transport.requests.count, 0)
    }
}
