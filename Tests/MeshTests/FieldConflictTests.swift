import Kube
import XCTest
import YAML

@testable import Mesh

/// Reading kube-apiserver's apply conflicts and leaving a conflicting field out of an object.
final class FieldConflictTests: XCTestCase {
    private let origin = KubeError.Origin(cluster: "east", context: "kind-east", clusterEntry: "east", server: "https://h", user: "u")

    private func conflict(_ causes: [Value], reason: String = "Conflict") -> KubeError {
        KubeError(origin: origin, kind: .status(code: 409, reason: reason), message: "Apply failed",
                  status: ["kind": "Status", "code": 409, "reason": .string(reason), "details": ["causes": .sequence(causes)]])
    }

    func testCausesNameTheManagersAndFieldsAsKubeApiserverWritesThem() {
        let error = conflict([
            ["type": "FieldManagerConflict", "message": "conflict with \"pilot-discovery\" using admissionregistration.k8s.io/v1",
             "field": ".webhooks[name=\"rev.validation.istio.io\"].failurePolicy"],
            ["type": "FieldManagerConflict", "message": "conflict with \"helm\"", "field": ".data.mesh"],
            ["type": "FieldManagerConflict", "message": "conflict with \"kube-controller-manager\" with subresource \"status\" using apps/v1",
             "field": ".status.replicas"],
            ["type": "FieldValueInvalid", "message": "nope", "field": ".spec"],
        ])
        XCTAssertEqual(FieldConflict.all(in: error), [
            FieldConflict(manager: "pilot-discovery", field: ".webhooks[name=\"rev.validation.istio.io\"].failurePolicy"),
            FieldConflict(manager: "helm", field: ".data.mesh"),
            FieldConflict(manager: "kube-controller-manager", subresource: "status", field: ".status.replicas"),
        ])
        XCTAssertEqual(FieldConflict.owner(in: "conflict with \"odd \\\"name\\\"\" using v1")?.manager, "odd \"name\"")
        XCTAssertNil(FieldConflict.all(in: conflict([], reason: "AlreadyExists")))
        XCTAssertNil(FieldConflict.all(in: conflict([["type": "FieldValueInvalid", "field": ".x", "message": "m"]])))
    }

    private let webhooks: Value = [
        "kind": "ValidatingWebhookConfiguration",
        "webhooks": [
            ["name": "a", "failurePolicy": "Ignore", "clientConfig": ["caBundle": "", "service": ["name": "istiod"]]],
            ["name": "b", "failurePolicy": "Ignore", "rules": [["operations": ["CREATE", "UPDATE"]]]],
        ],
        "spec": ["ports": [["port": 15012, "protocol": "TCP", "name": "grpc"]], "finalizers": ["x", "y"]],
    ]

    func testPathsReadEveryElementKind() throws {
        let path = try XCTUnwrap(FieldPath(".spec.ports[port=15012,protocol=\"TCP\"].name"))
        XCTAssertEqual(path.elements, [.field("spec"), .field("ports"), .keys([("port", 15012), ("protocol", "TCP")]), .field("name")])
        XCTAssertEqual(FieldPath(".spec.finalizers[=\"x\"]")?.elements, [.field("spec"), .field("finalizers"), .value("x")])
        XCTAssertEqual(FieldPath(".webhooks[1].rules")?.elements, [.field("webhooks"), .index(1), .field("rules")])
        XCTAssertEqual(FieldPath(".metadata.labels[name=\"a]b,c\"].x")?.elements,
                       [.field("metadata"), .field("labels"), .keys([("name", "a]b,c")]), .field("x")])
        for bad in ["", "spec", ".", ".a[", ".a[name=]", ".a[name=\"x\"", ".a[]"] {
            XCTAssertNil(FieldPath(bad), bad)
        }
    }

    func testRemovingAFieldLeavesTheRestAndDropsWhatItEmptied() throws {
        let failurePolicy = try XCTUnwrap(FieldPath(".webhooks[name=\"b\"].failurePolicy")).removed(from: webhooks)
        XCTAssertNil(failurePolicy?["webhooks"]?[1]?["failurePolicy"])
        XCTAssertEqual(failurePolicy?["webhooks"]?[0]?["failurePolicy"], "Ignore")
        XCTAssertEqual(failurePolicy?["webhooks"]?[1]?["rules"], webhooks["webhooks"]?[1]?["rules"])

        var only: Value = ["webhooks": [["name": "a", "clientConfig": ["caBundle": ""]]]]
        only = try XCTUnwrap(FieldPath(".webhooks[name=\"a\"].clientConfig.caBundle")?.removed(from: only))
        XCTAssertEqual(only, ["webhooks": [["name": "a"]]], "an emptied clientConfig is not applied as {}")

        let port = try XCTUnwrap(FieldPath(".spec.ports[port=15012,protocol=\"TCP\"].name")?.removed(from: webhooks))
        XCTAssertEqual(port["spec"]?["ports"], [["port": 15012, "protocol": "TCP"]])
        let finalizer = try XCTUnwrap(FieldPath(".spec.finalizers[=\"x\"]")?.removed(from: webhooks))
        XCTAssertEqual(finalizer["spec"]?["finalizers"], ["y"])
        XCTAssertNil(FieldPath(".webhooks[name=\"c\"].failurePolicy")?.removed(from: webhooks), "no such item")
        XCTAssertNil(FieldPath(".spec.missing")?.removed(from: webhooks))

        // Dots inside a field name are not escaped: the object says where names end.
        let labelled: Value = ["metadata": ["labels": ["app": "istiod", "app.kubernetes.io/name": "istiod"]]]
        let label = try XCTUnwrap(FieldPath(".metadata.labels.app.kubernetes.io/name")?.removed(from: labelled))
        XCTAssertEqual(label, ["metadata": ["labels": ["app": "istiod"]]])
    }

    func testIstiodsRuntimeManagersAreKnown() {
        XCTAssertTrue(IstioRuntimeOwners.owns("pilot-discovery"))
        XCTAssertTrue(IstioRuntimeOwners.owns("istiod"))
        XCTAssertFalse(IstioRuntimeOwners.owns("helm"))
        XCTAssertFalse(IstioRuntimeOwners.owns("istioctl"), "an installer's fields are not run-time state")
    }
}
