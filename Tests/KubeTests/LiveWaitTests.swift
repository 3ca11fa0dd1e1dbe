import Foundation
import Kube
import TestCluster
import XCTest
import YAML

/// Each wait succeeding against the test cluster's controllers, and timing out.
final class LiveWaitTests: XCTestCase {
    private func start(_ configure: (inout TestClusterOptions) -> Void = { _ in }) throws -> (TestCluster, KubeClient) {
        var options = TestClusterOptions()
        configure(&options)
        let cluster = try TestCluster.start(name: "west", options: options)
        return (cluster, try LiveCluster.client(cluster))
    }

    private static func deployment(_ name: String, replicas: Int64 = 2) -> Value {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "replicas": .int(replicas),
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [["name": "main", "image": "registry.example.com/app:1"]]],
                ],
            ],
        ]
    }

    private static func loadBalancer(_ name: String) -> Value {
        [
            "apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": ["type": "LoadBalancer", "selector": ["app": "gw"], "ports": [["name": "tls", "port": 15443]]],
        ]
    }

    func testRolloutSucceeds() throws {
        let (cluster, client) = try start { $0.delays.deployment = 0.3 }
        defer { cluster.stop() }
        _ = try client.apply(Self.deployment("istiod"))
        var reports = [WaitProgress]()
        try client.waitForRollout(deployment: "istiod", namespace: "default", timeout: 20, progress: { reports.append($0) })
        XCTAssertEqual(reports.first?.target, "Deployment default/istiod to roll out")
        XCTAssertFalse(reports.isEmpty)
        XCTAssertTrue(reports.allSatisfy { !$0.state.isEmpty }, "each report says what was seen: \(reports.map(\.state))")
        let watches = try cluster.requestLog().filter { $0.queryValue("watch") == "1" }
        XCTAssertEqual(watches.first?.path, "/apis/apps/v1/namespaces/default/deployments")
        XCTAssertEqual(watches.first?.queryValue("fieldSelector"), "metadata.name=istiod")
    }

    func testWaitFallsBackToPollingWhenWatchIsRefused() throws {
        let (cluster, client) = try start { $0.delays.deployment = 0.5 }
        defer { cluster.stop() }
        try cluster.addFault(Fault(method: "GET", path: ".*", query: "watch=1", count: -1, status: 405, message: "no watching here"))
        _ = try client.apply(Self.deployment("polled"))
        try client.waitForRollout(deployment: "polled", namespace: "default", timeout: 20)
        let log = try cluster.requestLog()
        XCTAssertEqual(log.filter { $0.queryValue("watch") == "1" }.count, 1, "one refused watch, then polling")
        XCTAssertGreaterThan(log.filter { $0.path == "/apis/apps/v1/namespaces/default/deployments" && $0.queryValue("watch") == nil }.count, 1)
    }

    func testRolloutTimesOutSayingWhatWasLastSeen() throws {
        let (cluster, client) = try start { $0.deploymentsBecomeReady = false }
        defer { cluster.stop() }
        _ = try client.apply(Self.deployment("stuck"))
        XCTAssertThrowsError(try client.waitForRollout(deployment: "stuck", namespace: "default", timeout: 1.5)) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .waitTimedOut)
            XCTAssertEqual(
                error?.description,
                "west (context west): timed out after 1.5s waiting for Deployment default/stuck to roll out; last seen: 0 of 2 updated replicas available")
            XCTAssertEqual(
                error?.hint, "see why with: kubectl describe deployment stuck -n default --context west")
        }
    }

    func testLoadBalancerAddressIPAndHostname() throws {
        let (cluster, client) = try start { $0.delays.loadBalancer = 0.3 }
        defer { cluster.stop() }
        _ = try client.apply(Self.loadBalancer("by-ip"))
        let ip = try client.waitForLoadBalancerAddress(service: "by-ip", namespace: "default", timeout: 20)
        XCTAssertNotNil(IPv4Check.isAddress(ip) ? ip : nil, ip)
        try cluster.setLoadBalancer(.hostname)
        _ = try client.apply(Self.loadBalancer("by-name"))
        let hostname = try client.waitForLoadBalancerAddress(service: "by-name", namespace: "default", timeout: 20)
        XCTAssertFalse(IPv4Check.isAddress(hostname), hostname)
        XCTAssertFalse(hostname.isEmpty)
    }

    func testLoadBalancerThatNeverComesTimesOut() throws {
        let (cluster, client) = try start { $0.loadBalancer = .never }
        defer { cluster.stop() }
        _ = try client.apply(Self.loadBalancer("gw"))
        XCTAssertThrowsError(try client.waitForLoadBalancerAddress(service: "gw", namespace: "default", timeout: 1)) { error in
            XCTAssertEqual(
                (error as? KubeError)?.description,
                "west (context west): timed out after 1s waiting for Service default/gw to get a load balancer address; last seen: no ingress address yet")
        }
    }

    func testServiceAccountTokenSecretIsFilled() throws {
        let (cluster, client) = try start { $0.delays.tokenSecret = 0.3 }
        defer { cluster.stop() }
        _ = try client.apply(["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "reader", "namespace": "default"]])
        _ = try client.apply([
            "apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/service-account-token",
            "metadata": [
                "name": "reader-token", "namespace": "default",
                "annotations": ["kubernetes.io/service-account.name": "reader"],
            ],
        ])
        let secret = try client.waitForServiceAccountToken(secret: "reader-token", namespace: "default", timeout: 20)
        XCTAssertEqual(secret.certificateAuthority, Array(try cluster.caCertificatePEM().utf8))
        // The token authenticates as the service account.
        let reader = try LiveCluster.client(cluster, user: KubeUser(token: secret.token))
        _ = try reader.can("get", "pods", namespace: "default")
        XCTAssertEqual(try cluster.requestLog().last?.user, "system:serviceaccount:default:reader")
    }

    func testServiceAccountTokenWaitTimesOutWithoutItsServiceAccount() throws {
        let (cluster, client) = try start()
        defer { cluster.stop() }
        _ = try client.apply([
            "apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/service-account-token",
            "metadata": ["name": "orphan-token", "namespace": "default",
                         "annotations": ["kubernetes.io/service-account.name": "missing"]],
        ])
        XCTAssertThrowsError(try client.waitForServiceAccountToken(secret: "orphan-token", namespace: "default", timeout: 1)) {
            XCTAssertEqual(($0 as? KubeError)?.kind, .waitTimedOut, "\($0)")
            // The token controller deletes a token Secret whose ServiceAccount does not exist.
            XCTAssertEqual(
                ($0 as? KubeError)?.description,
                "west (context west): timed out after 1s waiting for Secret default/orphan-token to receive its service-account token; last seen: does not exist yet")
            XCTAssertEqual(
                ($0 as? KubeError)?.hint,
                "the Secret needs type kubernetes.io/service-account-token and the annotation kubernetes.io/service-account.name naming an existing ServiceAccount")
        }
    }

    func testCustomResourceDefinitionsEstablishedAndTimingOut() throws {
        let (cluster, client) = try start { $0.delays.crd = 0.3 }
        defer { cluster.stop() }
        _ = try client.apply(LiveApplyTests.widgetDefinition)
        try client.waitForEstablished(customResourceDefinitions: ["widgets.mesh.example.com"], timeout: 20)
        XCTAssertThrowsError(try client.waitForEstablished(customResourceDefinitions: ["absent.mesh.example.com"], timeout: 1)) {
            XCTAssertEqual(
                ($0 as? KubeError)?.description,
                "west (context west): timed out after 1s waiting for CustomResourceDefinition absent.mesh.example.com to be established; last seen: does not exist yet")
        }
    }
}

enum IPv4Check {
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: ".")
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}
