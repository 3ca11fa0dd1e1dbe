import Foundation
import TestCluster
import XCTest

/// The Swift harness around the test server: kubeconfig writing, failures to start, commands.
final class TestClusterHarnessTests: XCTestCase {
    func testMergedKubeconfigReachesEachClusterByItsContext() throws {
        guard Kubectl.defaultPath != nil else { throw XCTSkip("kubectl is not installed on this machine") }
        var kindLike = TestClusterOptions()
        kindLike.contextName = "kind-east"
        let east = try TestCluster.start(name: "east", options: kindLike)
        defer { east.stop() }
        let west = try TestCluster.start(name: "west")
        defer { west.stop() }
        try east.create("/api/v1/namespaces", #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"only-east"}}"#)
        let path = east.directory + "/merged"
        try TestKubeconfig.writeMerged([east, west], to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("current-context: \"kind-east\""))

        let onEast = try east.kubectl(["--kubeconfig", path, "--context", "kind-east", "get", "ns", "only-east",
                                       "-o", "name"])
        XCTAssertEqual(onEast.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "namespace/only-east",
                       onEast.stderr)
        let onWest = try east.kubectl(["--kubeconfig", path, "--context", "west", "get", "ns", "only-east"])
        XCTAssertFalse(onWest.succeeded)
        XCTAssertTrue(onWest.stderr.contains("namespaces \"only-east\" not found"), onWest.stderr)
    }

    func testKubeconfigForATokenUserAndAForeignCA() throws {
        guard Kubectl.defaultPath != nil else { throw XCTSkip("kubectl is not installed on this machine") }
        let cluster = try TestCluster.start(name: "solo")
        defer { cluster.stop() }
        let other = try TestCluster.start(name: "other")
        defer { other.stop() }
        try cluster.setTokens([StaticToken(token: "t-alice", user: "alice", groups: ["devs"])])
        let path = cluster.directory + "/alice"
        try TestKubeconfig.write([TestKubeconfig.Entry(cluster: cluster, contextName: "alice", userName: "alice",
                                                       user: .token("t-alice"))], to: path)
        let whoami = try cluster.kubectl(["--kubeconfig", path, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"])
        XCTAssertEqual(whoami.stdout, "alice", whoami.stderr)

        let wrongCA = cluster.directory + "/wrong-ca"
        try TestKubeconfig.write([TestKubeconfig.Entry(cluster: cluster, authority: .file(other.caCertificatePath))],
                                 to: wrongCA)
        let refused = try cluster.kubectl(["--kubeconfig", wrongCA, "get", "ns"])
        XCTAssertFalse(refused.succeeded)
        XCTAssertTrue(refused.stderr.contains("certificate signed by unknown authority"), refused.stderr)
    }

    func testAServerThatCannotStartReportsItsLog() throws {
        var options = TestClusterOptions()
        options.certificateAuthority = (certificate: "/nonexistent/ca.crt", key: "/nonexistent/ca.key")
        XCTAssertThrowsError(try TestCluster.start(name: "broken", options: options)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("test cluster broken did not start"), text)
            XCTAssertTrue(text.contains("cannot read the CA file /nonexistent/ca.crt"), text)
        }
    }

    func testRunningCommandsCanBeWaitedForOrStopped() throws {
        let quick = try Command.start("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        let result = quick.wait()
        XCTAssertEqual(result.status, 3)
        XCTAssertEqual(result.stdout, "out\n")
        XCTAssertEqual(result.stderr, "err\n")
        let slow = try Command.start("/bin/sleep", ["30"])
        XCTAssertTrue(slow.isRunning)
        slow.terminate()
        XCTAssertNotEqual(slow.wait().status, 0)
    }
}
