import Foundation
import Kube
import TestCluster
import XCTest
import YAML

/// Every kind of credential against the test API server.
final class LiveCredentialTests: XCTestCase {
    private func lastUser(_ cluster: TestCluster) throws -> (user: String?, by: String?) {
        let entry = try cluster.requestLog().last
        return (entry?.user, entry?.authenticatedBy)
    }

    func testClientCertificateFromFilesAndFromData() throws {
        let cluster = try TestCluster.start(name: "west")
        defer { cluster.stop() }
        XCTAssertEqual(try LiveCluster.client(cluster).serverVersion().gitVersion, "v\(cluster.kubeVersion)")
        XCTAssertEqual(try lastUser(cluster).user, "kubernetes-admin")

        let issued = try cluster.issueClientCertificate(user: "carol", groups: ["system:masters"])
        let user = KubeUser(clientCertificateData: Array(issued.certificate.utf8), clientKeyData: Array(issued.key.utf8))
        let ca = Array(try cluster.caCertificatePEM().utf8)
        let client = try LiveCluster.client(
            cluster, user: user,
            kubeCluster: KubeCluster(server: cluster.server.absoluteString, certificateAuthorityData: ca))
        _ = try client.serverVersion()
        XCTAssertEqual(try lastUser(cluster).user, "carol")
        XCTAssertEqual(try lastUser(cluster).by, "x509")
    }

    func testRSAClientCertificate() throws {
        var options = TestClusterOptions()
        options.keyType = .rsa
        let cluster = try TestCluster.start(name: "west", options: options)
        defer { cluster.stop() }
        _ = try LiveCluster.client(cluster).list(.namespace)
        XCTAssertEqual(try lastUser(cluster).user, "kubernetes-admin")
    }

    func testBearerToken() throws {
        var options = TestClusterOptions()
        options.tokens = [StaticToken(token: "alice-token", user: "alice", groups: ["system:masters"])]
        let cluster = try TestCluster.start(name: "west", options: options)
        defer { cluster.stop() }
        let client = try LiveCluster.client(cluster, user: KubeUser(token: "alice-token"))
        _ = try client.apply(LiveCluster.configMap("by-token"))
        XCTAssertEqual(try lastUser(cluster).user, "alice")
        XCTAssertEqual(try lastUser(cluster).by, "token")
    }

    func testBasicAuth() throws {
        var options = TestClusterOptions()
        options.basicUsers = [BasicUser(user: "bob", password: "hunter2", groups: ["system:masters"])]
        let cluster = try TestCluster.start(name: "west", options: options)
        defer { cluster.stop() }
        _ = try LiveCluster.client(cluster, user: KubeUser(username: "bob", password: "hunter2")).list(.configMap)
        XCTAssertEqual(try lastUser(cluster).by, "basic")

        XCTAssertThrowsError(
            try LiveCluster.client(cluster, user: KubeUser(username: "bob", password: "wrong")).list(.configMap)
        ) { error in
            let error = error as? KubeError
            XCTAssertTrue(error?.isUnauthorized ?? false, "\(String(describing: error))")
            XCTAssertEqual(
                error?.description, #"west (context west): unauthorized: the server did not accept the credentials of user "tester""#)
            XCTAssertFalse(error?.description.contains("wrong") ?? true)
        }
    }

    func testTokenFileRotationIsPickedUpAfterUnauthorized() throws {
        let scratch = try ScratchDirectory()
        var options = TestClusterOptions()
        options.tokens = [
            StaticToken(token: "first", user: "svc", groups: ["system:masters"]),
            StaticToken(token: "second", user: "svc", groups: ["system:masters"]),
        ]
        let cluster = try TestCluster.start(name: "west", options: options)
        defer { cluster.stop() }
        let tokenFile = try scratch.write("token", "first\n")
        let client = try LiveCluster.client(cluster, user: KubeUser(tokenFile: tokenFile))
        _ = try client.list(.configMap, namespace: "default")

        // The file is rotated and the old token stops working at the same moment.
        _ = try scratch.write("token.next", "second")
        XCTAssertEqual(rename(scratch.path("token.next"), tokenFile), 0)
        try cluster.setTokens([StaticToken(token: "second", user: "svc", groups: ["system:masters"])])
        _ = try client.list(.configMap, namespace: "default")
        let recent = try cluster.requestLog().suffix(1)
        XCTAssertEqual(recent.map(\.status), [200], "the changed file is read before the request, no 401 needed")

        // Revoked without rotation: reported after one reread, naming the file.
        try cluster.setTokens([])
        XCTAssertThrowsError(try client.list(.configMap, namespace: "default")) { error in
            XCTAssertTrue((error as? KubeError)?.isUnauthorized ?? false)
            XCTAssertEqual((error as? KubeError)?.hint, "the token in \(tokenFile) has expired or been revoked")
        }
    }

    func testExecPluginWithExpiringTokenIsRunAgainAfterUnauthorized() throws {
        let scratch = try ScratchDirectory()
        var options = TestClusterOptions()
        options.tokens = [StaticToken(token: "exec-1", user: "dora", groups: ["system:masters"])]
        let cluster = try TestCluster.start(name: "west", options: options)
        defer { cluster.stop() }
        // Each run hands out the next token and records what it was given.
        let counter = scratch.path("count")
        let plugin = try scratch.write("kube-login", """
            #!/bin/sh
            n=$(cat "\(counter)" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "\(counter)"
            echo "$KUBERNETES_EXEC_INFO" > "\(scratch.path("info-"))$n"
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-%s","expirationTimestamp":"2099-01-01T00:00:00Z"}}' "$n"
            """, executable: true)
        let exec = ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1", command: plugin, args: [], provideClusterInfo: true,
            interactiveMode: .never)
        let client = try LiveCluster.client(cluster, user: KubeUser(exec: exec))
        _ = try client.list(.configMap, namespace: "default")
        _ = try client.list(.configMap, namespace: "default")
        XCTAssertEqual(try String(contentsOfFile: counter, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "1",
                       "cached until it expires")

        // The server stops accepting exec-1 (it expired early); the next request gets 401, the plugin runs again.
        try cluster.setTokens([StaticToken(token: "exec-2", user: "dora", groups: ["system:masters"])])
        _ = try client.list(.configMap, namespace: "default")
        let statuses = try cluster.requestLog().suffix(2).map(\.status)
        XCTAssertEqual(statuses, [401, 200])
        let info = try JSONText.decode(try String(contentsOfFile: scratch.path("info-2"), encoding: .utf8))
        XCTAssertEqual(info["spec"]?["cluster"]?["server"], .string(cluster.server.absoluteString))
        XCTAssertNotNil(info["spec"]?["cluster"]?["certificate-authority-data"])
    }

    func testExecTokenPastItsExpirationIsRenewedBeforeTheServerRefusesIt() throws {
        let scratch = try ScratchDirectory()
        var options = TestClusterOptions()
        options.tokens = (1...3).map { StaticToken(token: "exp-\($0)", user: "erin", groups: ["system:masters"]) }
        let cluster = try TestCluster.start(name: "west", options: options)
        defer { cluster.stop() }
        let counter = scratch.path("count")
        // Tokens valid for one minute of the manual clock (which starts at 2023-11-14T22:13:20Z).
        let plugin = try scratch.write("short-lived", """
            #!/bin/sh
            n=$(cat "\(counter)" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "\(counter)"
            printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"exp-%s","expirationTimestamp":"2023-11-14T22:14:20Z"}}' "$n"
            """, executable: true)
        let clock = ManualClock()
        let client = try LiveCluster.client(
            cluster, user: KubeUser(exec: ExecConfig(apiVersion: "client.authentication.k8s.io/v1beta1", command: plugin)),
            clock: clock)
        _ = try client.list(.configMap, namespace: "default")
        clock.advance(30)
        _ = try client.list(.configMap, namespace: "default")
        clock.advance(31)
        _ = try client.list(.configMap, namespace: "default")
        XCTAssertEqual(try String(contentsOfFile: counter, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "2")
        XCTAssertEqual(try cluster.requestLog().map(\.status), [200, 200, 200, 200], "discovery and three lists, no 401")
    }

    func testWrongCAIsAClearTLSError() throws {
        let cluster = try TestCluster.start(name: "west")
        let other = try TestCluster.start(name: "east")
        defer {
            cluster.stop()
            other.stop()
        }
        let wrongCA = KubeCluster(server: cluster.server.absoluteString, certificateAuthority: other.caCertificatePath)
        XCTAssertThrowsError(try LiveCluster.client(cluster, kubeCluster: wrongCA).serverVersion()) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .transport(.serverCertificateUntrusted))
            XCTAssertTrue(
                error?.description.hasPrefix(
                    "west (context west): the certificate of \(cluster.server.absoluteString) could not be verified against the kubeconfig's CA (cluster \"west\")")
                    ?? false, "\(String(describing: error))")
            XCTAssertEqual(
                error?.hint,
                "the CA in the kubeconfig does not match this server (recreated clusters get a new CA); fetch a fresh kubeconfig for it")
        }
    }

    func testInsecureSkipTLSVerify() throws {
        let cluster = try TestCluster.start(name: "west")
        defer { cluster.stop() }
        let insecure = KubeCluster(server: cluster.server.absoluteString, insecureSkipTLSVerify: true)
        XCTAssertFalse(try LiveCluster.client(cluster, kubeCluster: insecure).serverVersion().gitVersion.isEmpty)
    }

    func testServiceAccountTokenFromTokenRequestIsReadOnly() throws {
        let cluster = try TestCluster.start(name: "west")
        defer { cluster.stop() }
        let admin = try LiveCluster.client(cluster)
        _ = try admin.apply(["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "reader", "namespace": "default"]])
        let issued = try admin.requestToken(serviceAccount: "reader", namespace: "default", expirationSeconds: 600)
        XCTAssertNotNil(issued.expiration)
        let reader = try LiveCluster.client(cluster, user: KubeUser(token: issued.token), userName: "reader")
        XCTAssertEqual(try reader.can("create", "secrets", namespace: "istio-system").allowed, false)
        XCTAssertThrowsError(try reader.create(LiveCluster.configMap("nope"))) { error in
            let error = error as? KubeError
            XCTAssertTrue(error?.isForbidden ?? false, "\(String(describing: error))")
            XCTAssertTrue(
                error?.description.hasPrefix(
                    #"west (context west): forbidden: User "system:serviceaccount:default:reader" cannot create configmaps in namespace "default""#)
                    ?? false, "\(String(describing: error))")
            XCTAssertEqual(
                error?.hint,
                "ask a cluster admin for this permission; check with: kubectl auth can-i create configmaps -n default --context west")
        }
    }
}
