import XCTest
import YAML

@testable import Mesh

final class ApplySetTests: XCTestCase {
    func testIDIsKubectlsHashOfTheParent() {
        // base64url(sha256("kubectl-mesh-primary-control-plane.istio-system.ConfigMap.")), computed with Python's hashlib.
        XCTAssertEqual(ApplySet(stage: .primaryControlPlane, namespace: "istio-system").id,
                       "applyset-ClaV6RBLeEoLxU2XDE1YXdhdFurjTMRMTSTo5RYeMjc-v1")
        XCTAssertEqual(ApplySet(stage: .remoteSecret, remote: "west", namespace: "istio-system").id,
                       "applyset-2Q6yTX4HfoMVkrcbNk7FvpmD95jE_Y2s9HPlHxBHosY-v1")
    }

    func testEachRemoteHasItsOwnSetOnThePrimary() {
        let west = ApplySet(stage: .remoteSecret, remote: "west", namespace: "istio-system")
        let north = ApplySet(stage: .remoteSecret, remote: "north", namespace: "istio-system")
        XCTAssertNotEqual(west.id, north.id)
        XCTAssertEqual(west.parentName, "kubectl-mesh-remote-secret-west")
    }

    func testEachRevisionHasItsOwnSetAndParentsReadBack() {
        let shared = ApplySet(stage: .primaryControlPlane, namespace: "istio-system")
        let canary = ApplySet(stage: .primaryControlPlane, revision: "canary", namespace: "istio-system")
        XCTAssertEqual(canary.parentName, "kubectl-mesh-primary-control-plane-revision-canary")
        XCTAssertNotEqual(canary.id, shared.id)
        let parent = canary.parent(groupKinds: ["Deployment.apps"], mesh: "mesh1", cluster: "east")
        XCTAssertEqual(parent.label(MeshLabels.revision), "canary")
        XCTAssertEqual(canary.member(["metadata": ["name": "x"]]).label(ApplySet.partOfLabel), canary.id)
        XCTAssertEqual(ApplySet(parent: parent), canary)
        XCTAssertEqual(ApplySet(parent: shared.parent(groupKinds: [], mesh: "mesh1", cluster: "east")), shared)
        let secret = ApplySet(stage: .remoteSecret, remote: "west", namespace: "istio-system")
        XCTAssertEqual(ApplySet(parent: secret.parent(groupKinds: [], mesh: "mesh1", cluster: "east")), secret)
        var renamed = parent
        renamed["metadata"]?["name"] = "something-else"
        XCTAssertNil(ApplySet(parent: renamed), "a name that does not match its labels is no parent of ours")
    }

    func testParentListsSortedGroupKindsAndExtraNamespaces() {
        let set = ApplySet(stage: .primaryControlPlane, namespace: "istio-system")
        let parent = set.parent(groupKinds: ["Service", "Deployment.apps", "CustomResourceDefinition.apiextensions.k8s.io"],
                                additionalNamespaces: ["istio-system", "", "kube-system"], mesh: "mesh1", cluster: "east")
        XCTAssertEqual(parent.annotation(ApplySet.groupKindsAnnotation),
                       "CustomResourceDefinition.apiextensions.k8s.io,Deployment.apps,Service")
        XCTAssertEqual(parent.annotation(ApplySet.additionalNamespacesAnnotation), "kube-system")
        XCTAssertEqual(parent.annotation(ApplySet.toolingAnnotation), "kubectl-mesh/v1")
        XCTAssertEqual(parent.label(ApplySet.idLabel), set.id)
        XCTAssertEqual(parent.annotation(MeshLabels.clusterAnnotation), "east")
        XCTAssertEqual(parent.label(MeshLabels.stage), "primary-control-plane")
        XCTAssertEqual(ApplySet.groupKinds(ofParent: parent), ["Service", "Deployment.apps", "CustomResourceDefinition.apiextensions.k8s.io"])
        XCTAssertNil(set.problem(withExistingParent: parent))
        XCTAssertEqual(set.member(["metadata": ["name": "x"]]).label(ApplySet.partOfLabel), set.id)
    }

    func testForeignParentsAreRefused() {
        let set = ApplySet(stage: .verify, namespace: "istio-system")
        var other: Value = ["metadata": ["name": "kubectl-mesh-verify"]]
        XCTAssertNotNil(set.problem(withExistingParent: other))
        other.setMetadata("annotations", ApplySet.toolingAnnotation, "kubectl/v1.31")
        XCTAssertTrue(set.problem(withExistingParent: other)?.contains("managed by kubectl/v1.31") ?? false)
        other.setMetadata("annotations", ApplySet.toolingAnnotation, "kubectl-mesh/v1")
        other.setMetadata("labels", ApplySet.idLabel, "applyset-x-v1")
        XCTAssertTrue(set.problem(withExistingParent: other)?.contains("expected") ?? false)
    }

}
