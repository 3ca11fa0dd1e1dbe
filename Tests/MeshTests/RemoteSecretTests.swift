import XCTest
import YAML

@testable import Mesh

final class RemoteSecretTests: XCTestCase {
    let pem = Array("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".utf8)

    func testSecretHasIstioctlsShape() throws {
        let secret = RemoteSecret(clusterName: "west", server: "https://172.18.0.3:6443", certificateAuthority: pem,
                                  token: "reader-token").secret(namespace: "istio-system")
        XCTAssertEqual(secret["metadata"]?["name"], "istio-remote-secret-west")
        XCTAssertEqual(secret["metadata"]?["namespace"], "istio-system")
        XCTAssertEqual(secret["metadata"]?["labels"], ["istio/multiCluster": "true"])
        XCTAssertEqual(secret["metadata"]?["annotations"], ["networking.istio.io/cluster": "west"])
        XCTAssertEqual(secret["type"], "Opaque")
        XCTAssertEqual(secret["data"]?.mapping?.keys, ["west"])

        let encoded = try XCTUnwrap(secret["data"]?["west"]?.string)
        let text = String(decoding: try Base64.decode(encoded), as: UTF8.self)
        let config = try YAML.parse(text)
        XCTAssertEqual(config["apiVersion"], "v1")
        XCTAssertEqual(config["kind"], "Config")
        XCTAssertEqual(config["current-context"], "west")
        XCTAssertEqual(config["clusters"]?[0]?["name"], "west")
        XCTAssertEqual(config["clusters"]?[0]?["cluster"]?["server"], "https://172.18.0.3:6443")
        let ca = try XCTUnwrap(config["clusters"]?[0]?["cluster"]?["certificate-authority-data"]?.string)
        XCTAssertEqual(try Base64.decode(ca), pem)
        XCTAssertEqual(config["users"]?[0]?["name"], "west")
        XCTAssertEqual(config["users"]?[0]?["user"]?["token"], "reader-token")
        XCTAssertEqual(config["contexts"]?[0]?["context"], ["cluster": "west", "user": "west"])
        XCTAssertEqual(config["contexts"]?[0]?["name"], "west")
        // client-go's key order, as istioctl prints it.
        XCTAssertEqual(config.mapping?.keys, ["apiVersion", "clusters", "contexts", "current-context", "kind", "preferences", "users"])
    }

    func testStatusReadsTheServerBack() {
        var secret = RemoteSecret(clusterName: "north", server: "https://10.0.0.9:443", certificateAuthority: pem, token: "t")
            .secret(namespace: "istio-system")
        XCTAssertEqual(AttachedRemote.read(secret: secret), [
            AttachedRemote(clusterName: "north", secretName: "istio-remote-secret-north", server: "https://10.0.0.9:443",
                           managedByKubectlMesh: false),
        ])
        secret = MeshLabels.stamped(secret, mesh: "mesh1", stage: .remoteSecret, remote: "north")
        XCTAssertEqual(AttachedRemote.read(secret: secret).first?.managedByKubectlMesh, true)
        secret["data"] = ["north": "not base64!"]
        XCTAssertEqual(AttachedRemote.read(secret: secret).first?.server, nil)
    }

    func testDryRunRedactsSecretData() {
        let secret = RemoteSecret(clusterName: "west", server: "https://x", certificateAuthority: pem, token: "t")
            .secret(namespace: "istio-system")
        let redacted = DryRunPlan.redacted(secret)
        XCTAssertNil(redacted["data"])
        XCTAssertEqual(redacted["stringData"], ["west": "REDACTED"])
        XCTAssertEqual(redacted["metadata"], secret["metadata"])
        let configMap: Value = ["apiVersion": "v1", "kind": "ConfigMap", "data": ["a": "b"]]
        XCTAssertEqual(DryRunPlan.redacted(configMap), configMap)
    }
}
