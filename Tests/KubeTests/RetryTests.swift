import Kube
import XCTest
import YAML

/// Retries and credential renewal, driven by a scripted transport and a manual clock.
final class RetryTests: XCTestCase {
    private let clock = ManualClock()

    private func client(_ transport: ScriptedTransport, retry: RetryPolicy = RetryPolicy(), user: KubeUser = KubeUser(token: "t"))
        throws -> KubeClient
    {
        try KubeClient(
            context: Fixtures.context(user: user), environment: Fixtures.environment(clock: clock),
            options: KubeClientOptions(clusterName: "west", retry: retry), transport: transport)
    }

    private let version = HTTPResponse.json(200, #"{"major":"1","minor":"29+","gitVersion":"v1.29.2-eks"}"#)

    func testGetIsRetriedAfterServerErrorsWithGrowingPauses() throws {
        let transport = ScriptedTransport([
            .respond(.status(503, reason: "ServiceUnavailable", message: "down")),
            .respond(.status(500, reason: "InternalError", message: "oops")),
            .respond(version),
        ])
        let found = try client(transport).serverVersion()
        XCTAssertEqual(found.minorNumber, 29)
        XCTAssertEqual(transport.requests.count, 3)
        // Equal jitter with random 0.5: 3/4 of 0.2s, then 3/4 of 0.4s.
        XCTAssertEqual(clock.sleeps, [0.15000000000000002, 0.30000000000000004])
    }

    func testRetryAfterIsHonoured() throws {
        let transport = ScriptedTransport([
            .respond(.status(429, reason: "TooManyRequests", message: "slow down", headers: ["retry-after": "3"])),
            .respond(version),
        ])
        _ = try client(transport).serverVersion()
        XCTAssertEqual(clock.sleeps, [3])
    }

    func testPlainCreateIsNotRepeatedAfterAServerError() throws {
        let transport = ScriptedTransport([
            .respond(Fixtures.coreV1),
            .respond(.status(503, reason: "ServiceUnavailable", message: "down")),
        ])
        let configMap: Value = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a", "namespace": "x"]]
        XCTAssertThrowsError(try client(transport).create(configMap)) { error in
            XCTAssertEqual((error as? KubeError)?.statusCode, 503)
        }
        XCTAssertEqual(transport.requests.count, 2)
        XCTAssertEqual(clock.sleeps, [])
    }

    func testPlainCreateIsRepeatedWhenTheServerSurelyDidNotProcessIt() throws {
        let created = HTTPResponse.json(201, #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}"#)
        let transport = ScriptedTransport([
            .respond(Fixtures.coreV1),
            .fail(TransportError(kind: .connectionRefused, detail: "refused", requestMayHaveBeenSent: false)),
            .respond(.status(429, reason: "TooManyRequests", message: "busy")),
            .respond(created),
        ])
        let configMap: Value = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a", "namespace": "x"]]
        let object = try client(transport).create(configMap)
        XCTAssertEqual(object["metadata"]?["name"], "a")
        XCTAssertEqual(transport.requests.map(\.request.method), [.get, .post, .post, .post])
    }

    func testCreateIsNotRepeatedAfterAResetOnceTheRequestWasSent() throws {
        let transport = ScriptedTransport([
            .respond(Fixtures.coreV1),
            .fail(TransportError(kind: .connectionReset, detail: "Connection reset by peer", requestMayHaveBeenSent: true)),
        ])
        let configMap: Value = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a", "namespace": "x"]]
        XCTAssertThrowsError(try client(transport).create(configMap)) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .transport(.connectionReset))
            XCTAssertEqual(
                error?.description,
                "west (context kind-west): POST /api/v1/namespaces/x/configmaps?fieldManager=kubectl-mesh: the connection to https://127.0.0.1:6443 broke (Connection reset by peer)")
        }
        XCTAssertEqual(transport.requests.count, 2)
    }

    func testServerSideApplyIsRepeatedAfterAReset() throws {
        let applied = HTTPResponse.json(200, #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"7"}}"#)
        let transport = ScriptedTransport([
            .respond(Fixtures.coreV1),
            .fail(TransportError(kind: .connectionReset, detail: "reset", requestMayHaveBeenSent: true)),
            .fail(TransportError(kind: .timedOut, detail: "timeout", requestMayHaveBeenSent: true)),
            .respond(applied),
        ])
        let configMap: Value = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a", "namespace": "x"]]
        let result = try client(transport).apply(configMap)
        XCTAssertEqual(result.resourceVersion, "7")
        XCTAssertFalse(result.created)
        let apply = transport.requests[3].request
        XCTAssertEqual(apply.method, .patch)
        XCTAssertEqual(apply.path, "/api/v1/namespaces/x/configmaps/a")
        XCTAssertEqual(apply.query, [.init("fieldManager", "kubectl-mesh")])
        XCTAssertEqual(apply.headers, [.init("Content-Type", "application/apply-patch+yaml")])
    }

    func testGivingUpNamesTheRequestAndTheAttempts() throws {
        let transport = ScriptedTransport(
            [], fallback: .respond(.status(503, reason: "ServiceUnavailable", message: "etcd is down")))
        XCTAssertThrowsError(try client(transport, retry: RetryPolicy(maximumAttempts: 4)).serverVersion()) { error in
            XCTAssertEqual(
                (error as? KubeError)?.description,
                "west (context kind-west): service unavailable: etcd is down (GET /version); gave up after 4 attempts in 1s")
        }
        XCTAssertEqual(transport.requests.count, 4)
    }

    func testTotalTimeIsBounded() throws {
        let transport = ScriptedTransport(
            [], fallback: .respond(.status(429, reason: "TooManyRequests", message: "busy", headers: ["retry-after": "8"])))
        XCTAssertThrowsError(
            try client(transport, retry: RetryPolicy(maximumAttempts: 100, totalBudget: 20)).serverVersion())
        // 8s + 8s fit in 20s; a third pause would pass it.
        XCTAssertEqual(clock.sleeps, [8, 8])
    }

    func testUnauthorizedWithAStaticTokenIsNotRetriedAndSaysWhatToDo() throws {
        let transport = ScriptedTransport([.respond(.status(401, reason: "Unauthorized", message: "Unauthorized"))])
        XCTAssertThrowsError(try client(transport).serverVersion()) { error in
            let error = error as? KubeError
            XCTAssertEqual(
                error?.description,
                #"west (context kind-west): unauthorized: the server did not accept the credentials of user "kind-west-admin""#)
            XCTAssertEqual(error?.hint, "the token has expired or been revoked; fetch a fresh one for the kubeconfig")
        }
        XCTAssertEqual(transport.requests.count, 1)
        XCTAssertEqual(transport.requests[0].credentials.authorization, "Bearer t")
    }

    func testWatchStreamIsNotRepeatedOnceItDeliveredEvents() throws {
        let events = HTTPResponse(status: 200, body: Array(#"""
            {"type":"ADDED","object":{"kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"5"}}}
            {"type":"BOOKMARK","object":{"kind":"ConfigMap","metadata":{"resourceVersion":"9"}}}
            {"type":"MODIFIED","object":{"kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"6"}}}

            """#.utf8))
        let transport = ScriptedTransport([.respond(Fixtures.coreV1), .respond(events)])
        var seen = [String]()
        let last = try client(transport).watch(.configMap, namespace: "x", timeout: 5) { event in
            seen.append("\(event.kind.rawValue) \(event.resourceVersion ?? "")")
            return .proceed
        }
        XCTAssertEqual(seen, ["ADDED 5", "MODIFIED 6"])
        XCTAssertEqual(last, "6")
        let watch = transport.requests[1].request
        XCTAssertEqual(watch.path, "/api/v1/namespaces/x/configmaps")
        XCTAssertTrue(watch.query.contains(.init("watch", "1")))
        XCTAssertTrue(watch.query.contains(.init("timeoutSeconds", "5")))
    }

    func testWatchErrorEventBecomesAStatusError() throws {
        let events = HTTPResponse(status: 200, body: Array(#"""
            {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","code":410,"reason":"Expired","message":"too old resource version: 1 (5)"}}

            """#.utf8))
        let transport = ScriptedTransport([.respond(Fixtures.coreV1), .respond(events)])
        XCTAssertThrowsError(try client(transport).watch(.configMap, namespace: "x", resourceVersion: "1", timeout: 5) { _ in .proceed }) {
            let error = $0 as? KubeError
            XCTAssertEqual(error?.statusCode, 410)
            XCTAssertEqual(error?.message, "expired: too old resource version: 1 (5)")
        }
    }
}

/// A 401 makes an exec plugin run again, once.
final class UnauthorizedRenewalTests: XCTestCase {
    func testExecTokenIsRenewedOnceAfterUnauthorized() throws {
        let counter = Counter()
        let runner = FakeProcessRunner { _ in
            ProcessOutput(
                exitCode: 0,
                standardOutput: Array(#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"token-\#(counter.next())"}}"#.utf8),
                standardError: [])
        }
        let user = KubeUser(exec: ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: "/bin/sh"))
        let version = HTTPResponse.json(200, #"{"major":"1","minor":"30"}"#)
        let transport = ScriptedTransport([.respond(.status(401, reason: "Unauthorized", message: "Unauthorized")), .respond(version)])
        let client = try KubeClient(
            context: Fixtures.context(user: user), environment: Fixtures.environment(processRunner: runner),
            options: KubeClientOptions(), transport: transport)
        XCTAssertEqual(try client.serverVersion().minor, "30")
        XCTAssertEqual(transport.requests.map(\.credentials.authorization), ["Bearer token-1", "Bearer token-2"])

        // Rejected again after renewal: reported, not looped.
        let rejecting = ScriptedTransport([], fallback: .respond(.status(401, reason: "Unauthorized", message: "Unauthorized")))
        let stubborn = try KubeClient(
            context: Fixtures.context(user: user), environment: Fixtures.environment(processRunner: runner),
            options: KubeClientOptions(), transport: rejecting)
        XCTAssertThrowsError(try stubborn.serverVersion()) { error in
            XCTAssertTrue((error as? KubeError)?.isUnauthorized ?? false)
            XCTAssertTrue((error as? KubeError)?.hint?.contains("exec plugin \"sh\"") ?? false)
        }
        XCTAssertEqual(rejecting.requests.count, 2)
    }
}
