import Foundation
import Kube
import TestCluster
import XCTest
import YAML

/// Injected faults, each either recovered from or reported with the cluster
/// and the request. Retry pauses go to a manual clock, so nothing waits for real.
final class LiveFaultTests: XCTestCase {
    private var cluster: TestCluster!
    private let clock = ManualClock()

    override func setUpWithError() throws {
        cluster = try TestCluster.start(name: "west")
    }

    override func tearDown() {
        cluster?.stop()
    }

    private func client(retry: RetryPolicy = RetryPolicy(), requestTimeout: Double = 30) throws -> KubeClient {
        try LiveCluster.client(cluster, clock: clock, retry: retry, requestTimeout: requestTimeout)
    }

    private let configMaps = "/api/v1/namespaces/default/configmaps"

    func testTooManyRequestsWithRetryAfterIsRetriedAfterTheServersPause() throws {
        let client = try client()
        _ = try client.resource(for: .configMap)
        try cluster.addFault(.status(429, method: "GET", path: configMaps, count: 2, retryAfter: 2))
        _ = try client.list(.configMap, namespace: "default")
        XCTAssertEqual(clock.sleeps, [2, 2])
        XCTAssertEqual(try cluster.requestLog().suffix(3).map(\.status), [429, 429, 200])
    }

    func testServiceUnavailableIsRetriedForAnApply() throws {
        let client = try client()
        _ = try client.resource(for: .configMap)
        try cluster.addFault(.status(503, method: "PATCH", path: "\(configMaps)/cm", count: 2))
        let result = try client.apply(LiveCluster.configMap("cm"))
        XCTAssertTrue(result.created)
        XCTAssertEqual(clock.sleeps.count, 2)
    }

    func testConnectionResetIsRetriedForReadsAndApplies() throws {
        let client = try client()
        _ = try client.resource(for: .configMap)
        try cluster.addFault(.reset(method: "PATCH", path: "\(configMaps)/cm", count: 1))
        try cluster.addFault(.reset(method: "GET", path: "\(configMaps)/cm", count: 1))
        _ = try client.apply(LiveCluster.configMap("cm"))
        XCTAssertNotNil(try client.get(.configMap, name: "cm", namespace: "default"))
        XCTAssertEqual(try cluster.requestLog().filter { $0.path == "\(configMaps)/cm" }.map(\.status), [0, 201, 0, 200])
    }

    func testConnectionResetOnCreateIsReportedNotRepeated() throws {
        let client = try client()
        _ = try client.resource(for: .configMap)
        try cluster.addFault(.reset(method: "POST", path: configMaps, count: 1))
        XCTAssertThrowsError(try client.create(LiveCluster.configMap("once"))) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .transport(.connectionReset))
            XCTAssertEqual(error?.request, "POST \(configMaps)?fieldManager=kubectl-mesh")
            XCTAssertTrue(
                error?.description.hasPrefix(
                    "west (context west): POST \(configMaps)?fieldManager=kubectl-mesh: the connection to \(cluster.server.absoluteString) broke")
                    ?? false, "\(String(describing: error))")
        }
        XCTAssertEqual(try cluster.requestLog().filter { $0.method == "POST" && $0.path == configMaps }.count, 1)
    }

    func testServerErrorOnCreateIsReportedButTooManyRequestsIsRetried() throws {
        let client = try client()
        _ = try client.resource(for: .configMap)
        try cluster.addFault(.status(500, method: "POST", path: configMaps, count: 1, message: "etcd timeout"))
        XCTAssertThrowsError(try client.create(LiveCluster.configMap("x"))) { error in
            XCTAssertEqual(
                (error as? KubeError)?.description,
                "west (context west): internal error: etcd timeout (POST \(configMaps)?fieldManager=kubectl-mesh)")
        }
        try cluster.addFault(.status(429, method: "POST", path: configMaps, count: 1, retryAfter: 1))
        XCTAssertEqual(try client.create(LiveCluster.configMap("x"))["metadata"]?["name"], "x")
    }

    func testSlowAnswerTimesOutThenSucceedsOnRetry() throws {
        let client = try client(requestTimeout: 0.5)
        _ = try client.resource(for: .configMap)
        try cluster.addFault(.delay(3, method: "GET", path: "\(configMaps)/slow", count: 1))
        _ = try client.apply(LiveCluster.configMap("slow"))
        XCTAssertNotNil(try client.get(.configMap, name: "slow", namespace: "default"))
        XCTAssertEqual(clock.sleeps.count, 1)
    }

    func testFaultThatNeverEndsIsReportedWithTheRequestAndAttempts() throws {
        let client = try client(retry: RetryPolicy(maximumAttempts: 3))
        _ = try client.resource(for: .configMap)
        try cluster.addFault(.status(503, method: "GET", path: configMaps, count: -1, message: "apiserver is shutting down"))
        XCTAssertThrowsError(try client.list(.configMap, namespace: "default")) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.statusCode, 503)
            XCTAssertTrue(
                error?.description.hasPrefix(
                    "west (context west): service unavailable: apiserver is shutting down (GET \(configMaps)?limit=500); gave up after 3 attempts in")
                    ?? false, "\(String(describing: error))")
        }
    }

    func testAnswerThatNeverComesInTimeIsReportedWithTheRequestAndAttempts() throws {
        let client = try client(retry: RetryPolicy(maximumAttempts: 2), requestTimeout: 0.3)
        _ = try client.resource(for: .configMap)
        try cluster.addFault(.delay(2, method: "GET", path: "\(configMaps)/late", count: -1))
        XCTAssertThrowsError(try client.get(.configMap, name: "late", namespace: "default")) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .transport(.timedOut))
            XCTAssertEqual(error?.request, "GET \(configMaps)/late")
            XCTAssertTrue(
                error?.description.hasPrefix(
                    "west (context west): GET \(configMaps)/late: \(cluster.server.absoluteString) did not answer in time; gave up after 2 attempts in")
                    ?? false, "\(String(describing: error))")
        }
    }

    func testConnectionThatKeepsBreakingIsReportedWithTheRequestAndAttempts() throws {
        let client = try client(retry: RetryPolicy(maximumAttempts: 3))
        _ = try client.resource(for: .configMap)
        try cluster.addFault(.reset(method: "GET", path: "\(configMaps)/flaky", count: -1))
        XCTAssertThrowsError(try client.get(.configMap, name: "flaky", namespace: "default")) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .transport(.connectionReset))
            XCTAssertTrue(
                error?.description.hasPrefix(
                    "west (context west): GET \(configMaps)/flaky: the connection to \(cluster.server.absoluteString) broke")
                    ?? false, "\(String(describing: error))")
            XCTAssertTrue(error?.description.contains("; gave up after 3 attempts in") ?? false, "\(String(describing: error))")
        }
        // Three attempts; the first also carries libcurl's own single resend of a safe request
        // whose kept-alive connection (the discovery request's) turned out dead.
        XCTAssertEqual(try cluster.requestLog().filter { $0.path == "\(configMaps)/flaky" }.map(\.status), [0, 0, 0, 0])
    }

    func testPlainTextErrorFromAProxyIsStillReadable() throws {
        let client = try client(retry: .never)
        _ = try client.resource(for: .configMap)
        try cluster.addFault(Fault(method: "GET", path: configMaps, status: 502, message: "upstream connect error", body: .text))
        XCTAssertThrowsError(try client.list(.configMap, namespace: "default")) { error in
            XCTAssertEqual(
                (error as? KubeError)?.description,
                "west (context west): bad gateway: upstream connect error (GET \(configMaps)?limit=500)")
        }
    }
}
