import Foundation
import Kube
import TestCluster
import XCTest
import YAML

@testable import Mesh

/// `create-remote-secret`, `status` and `leave` run as the built binary against test clusters,
/// where no join has happened.
final class EndToEndSecretTests: XCTestCase {
    var bed: MeshTestbed!

    override func setUpWithError() throws { bed = try MeshTestbed(["east", "west"]) }
    override func tearDown() {
        bed?.stop()
        bed = nil
    }

    func testCreateRemoteSecretPrintsIstioctlsShapeFromTheLongLivedToken() throws {
        let run = try bed.mesh(["create-remote-secret", "--context", "kind-west", "--name", "west",
                                "--server", "https://172.18.0.3:6443"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertEqual(run.errors, "")
        let secret = try YAML.parse(run.output)
        XCTAssertEqual(secret["metadata"]?["name"], "istio-remote-secret-west")
        XCTAssertEqual(secret["metadata"]?["namespace"], "istio-system")
        XCTAssertEqual(secret["metadata"]?["labels"]?["istio/multiCluster"], "true")
        XCTAssertEqual(secret["metadata"]?["annotations"]?["networking.istio.io/cluster"], "west")
        let encoded = try XCTUnwrap(secret["data"]?["west"]?.string)
        let kubeconfig = try YAML.parse(String(decoding: try XCTUnwrap(Data(base64Encoded: encoded)), as: UTF8.self))
        XCTAssertEqual(kubeconfig["clusters"]?[0]?["cluster"]?["server"], "https://172.18.0.3:6443")
        XCTAssertEqual(kubeconfig["current-context"], "west")

        // The token is the one the token controller put in the long-lived Secret, and the CA its ca.crt.
        let client = try bed.session("west").client
        let tokenSecret = try XCTUnwrap(try client.get(.secret, name: "istio-reader-service-account-istio-remote-secret-token",
                                                       namespace: "istio-system"))
        XCTAssertEqual(tokenSecret["type"], "kubernetes.io/service-account-token")
        XCTAssertEqual(tokenSecret["metadata"]?["annotations"]?["kubernetes.io/service-account.name"],
                       "istio-reader-service-account")
        let token = try XCTUnwrap(tokenSecret["data"]?["token"]?.string.flatMap { Data(base64Encoded: $0) })
        XCTAssertEqual(kubeconfig["users"]?[0]?["user"]?["token"]?.string, String(decoding: token, as: UTF8.self))
        XCTAssertEqual(kubeconfig["clusters"]?[0]?["cluster"]?["certificate-authority-data"], tokenSecret["data"]?["ca.crt"])
        // No TokenRequest was made: those tokens expire.
        XCTAssertFalse(try bed["west"].requestLog().contains { $0.path.hasSuffix("/token") })
        // The reader account it needed was made, with its read-only role.
        XCTAssertNotNil(try client.get(.serviceAccount, name: "istio-reader-service-account", namespace: "istio-system"))
        // And nothing was written to the other cluster.
        XCTAssertEqual(try bed["east"].requestLog().filter(\.isWrite).count, 0)
    }

    func testCreateRemoteSecretRecordsItsObjectsAsTheJoinDoesSoLeaveRemovesThem() throws {
        let run = try bed.mesh(["create-remote-secret", "--context", "kind-west", "--name", "west", "--server", "https://172.18.0.3:6443"])
        XCTAssertEqual(run.status, 0, run.all)
        let set = ApplySet(stage: .remoteSecret, namespace: "istio-system")
        let west = try bed.objects("west")
        XCTAssertEqual(Set(west.keys), [
            "ConfigMap istio-system/kubectl-mesh-remote-secret", "ServiceAccount istio-system/istio-reader-service-account",
            "Secret istio-system/istio-reader-service-account-istio-remote-secret-token",
            "ClusterRole istio-reader-clusterrole-istio-system", "ClusterRoleBinding istio-reader-clusterrole-istio-system",
        ])
        for (name, object) in west where !name.hasPrefix("ConfigMap") {
            XCTAssertEqual(object.label(ApplySet.partOfLabel), set.id, name)
            XCTAssertEqual(object.label(MeshLabels.stage), "remote-secret", name)
        }
        XCTAssertEqual(west["ConfigMap istio-system/kubectl-mesh-remote-secret"]?.annotation(MeshLabels.clusterAnnotation), "west")
        // Run again: the same objects, unchanged.
        let before = try bed.resourceVersions("west")
        XCTAssertEqual(try bed.mesh(["create-remote-secret", "--context", "kind-west", "--name", "west"]).status, 0)
        XCTAssertEqual(try bed.resourceVersions("west"), before)

        // The same cluster under another name would be a second cluster ID for istiod.
        let renamed = try bed.mesh(["create-remote-secret", "--context", "kind-west", "--name", "west2"])
        XCTAssertEqual(renamed.status, 1, renamed.all)
        XCTAssertTrue(renamed.errors.contains("this cluster is in the mesh as west, not west2"), renamed.errors)
        XCTAssertTrue(renamed.errors.contains("hint: pass --name west"), renamed.errors)

        let leave = try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"])
        XCTAssertEqual(leave.status, 0, leave.all)
        XCTAssertEqual(leave.output, "Removed west from the mesh: 0 objects from kind-east, 4 objects from kind-west.\n")
        XCTAssertEqual(try bed.objects("west"), [:])
    }

    func testAJoinAfterCreateRemoteSecretAdoptsItsObjects() throws {
        XCTAssertEqual(try bed.mesh(["create-remote-secret", "--context", "kind-west", "--name", "west"]).status, 0)
        try bed.scriptIstiodMetrics(["west": "synced"])
        let join = try bed.join()
        XCTAssertEqual(join.status, 0, join.all)
        XCTAssertFalse(join.errors.contains("pruned"), "the chart's reader account and role moved to the chart's sets:\n\(join.errors)")
        let west = try bed.objects("west")
        XCTAssertEqual(west["ServiceAccount istio-system/istio-reader-service-account"]?.label(MeshLabels.stage), "remote-control-plane")
        XCTAssertEqual(west["Secret istio-system/istio-reader-service-account-istio-remote-secret-token"]?.label(MeshLabels.stage), "remote-secret")
        XCTAssertTrue(try bed.join().output.hasPrefix("Nothing to change"))
        XCTAssertEqual(try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"]).status, 0)
        XCTAssertEqual(try bed.objects("west"), [:])
    }

    func testCreateRemoteSecretAsJSONInAnotherNamespaceWarnsAboutLoopback() throws {
        let run = try bed.mesh(["create-remote-secret", "--context", "kind-west", "--name", "west", "--namespace", "mesh-config",
                                "-o", "json"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertTrue(run.errors.contains("warning: the server https://127.0.0.1:"), run.errors)
        XCTAssertTrue(run.errors.contains("the cluster's default/kubernetes EndpointSlice lists https://172.18.0.3:6443: pass --server https://172.18.0.3:6443 (or --server auto)"),
                      run.errors)
        let auto = try bed.mesh(["create-remote-secret", "--context", "kind-west", "--name", "west", "--server", "auto", "-o", "json"])
        XCTAssertEqual(auto.status, 0, auto.all)
        XCTAssertEqual(auto.errors, "")
        let config = try JSON.parse(auto.output)["data"]?["west"]?.string.flatMap { Data(base64Encoded: $0) }
        XCTAssertTrue(String(decoding: try XCTUnwrap(config), as: UTF8.self).contains("server: https://172.18.0.3:6443"))
        let secret = try JSON.parse(run.output)
        XCTAssertEqual(secret["metadata"]?["namespace"], "mesh-config")
    }

    func testCreateRemoteSecretRejectsAnInvalidName() throws {
        let run = try bed.mesh(["create-remote-secret", "--context", "kind-west", "--name", "West_1"])
        XCTAssertEqual(run.status, 2, run.all)
        XCTAssertTrue(run.errors.contains("--name \"West_1\""), run.errors)
        XCTAssertEqual(try bed["west"].requestLog().count, 0)
    }

    func testStatusOfAClusterThatIsNoPrimarySaysSo() throws {
        let run = try bed.mesh(["status", "--primary", "kind-east"])
        XCTAssertEqual(run.status, 1, run.all)
        XCTAssertTrue(run.errors.contains("east (context kind-east): namespace istio-system does not exist"), run.errors)
        XCTAssertTrue(run.errors.contains("hint: join it with: kubectl mesh join-remote --primary kind-east"), run.errors)
    }

    func testLeaveWithNothingJoinedChangesNothing() throws {
        let marks = try bed.marks()
        let run = try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertEqual(run.output, "Nothing to remove: kind-west has nothing from kubectl-mesh, and kind-east holds no remote secret for cluster kind-west.\n")
        XCTAssertEqual(try bed.writes(since: marks).values.flatMap { $0 }.count, 0)
    }

    func testUnknownContextIsAFailureNamingTheKubeconfigContexts() throws {
        let run = try bed.mesh(["status", "--primary", "kind-south"])
        XCTAssertEqual(run.status, 1, run.all)
        XCTAssertTrue(run.errors.contains("kind-south"), run.errors)
    }
}
