import Kube
import XCTest
import YAML

/// The wait engine and its conditions, against a scripted server and a manual clock.
final class WaitTests: XCTestCase {
    private let clock = ManualClock()

    private func client(_ transport: ScriptedTransport) throws -> KubeClient {
        try KubeClient(
            context: Fixtures.context(), environment: Fixtures.environment(clock: clock),
            options: KubeClientOptions(clusterName: "west", retry: .never), transport: transport)
    }

    private static func list(_ items: [String], resourceVersion: String = "10") -> HTTPResponse {
        .json(200, #"{"kind":"ServiceList","apiVersion":"v1","metadata":{"resourceVersion":"\#(resourceVersion)"},"items":[\#(items.joined(separator: ","))]}"#)
    }

    private static func service(ingress: String = "[]", type: String = "LoadBalancer") -> String {
        #"{"metadata":{"name":"gw","namespace":"istio-system","resourceVersion":"11"},"spec":{"type":"\#(type)"},"status":{"loadBalancer":{"ingress":\#(ingress)}}}"#
    }

    private static func stream(_ lines: [String]) -> HTTPResponse {
        HTTPResponse(status: 200, body: Array((lines.joined(separator: "\n") + "\n").utf8))
    }

    func testWaitEndsWhenTheWatchShowsTheAddress() throws {
        let transport = ScriptedTransport([
            .respond(Fixtures.coreV1),
            .respond(Self.list([Self.service()])),
            .respond(Self.stream([
                #"{"type":"MODIFIED","object":\#(Self.service(ingress: #"[{"hostname":"lb.example.com"}]"#))}"#,
            ])),
        ])
        var reports = [WaitProgress]()
        let address = try client(transport).waitForLoadBalancerAddress(
            service: "gw", namespace: "istio-system", timeout: 30, progress: { reports.append($0) })
        XCTAssertEqual(address, "lb.example.com")
        XCTAssertEqual(reports.map(\.state), ["no ingress address yet"])
        XCTAssertEqual(reports.first?.target, "Service istio-system/gw to get a load balancer address")
        let watch = transport.requests[2].request
        XCTAssertTrue(watch.query.contains(.init("resourceVersion", "10")))
        XCTAssertTrue(watch.query.contains(.init("fieldSelector", "metadata.name=gw")))
    }

    func testWaitPollsWhenWatchingIsForbidden() throws {
        let transport = ScriptedTransport([
            .respond(Fixtures.coreV1),
            .respond(Self.list([Self.service()])),
            .respond(.status(403, reason: "Forbidden", message: "no watch for you")),
            .respond(Self.list([Self.service()])),
            .respond(Self.list([Self.service(ingress: #"[{"ip":"172.18.255.10"}]"#)])),
        ])
        let address = try client(transport).waitForLoadBalancerAddress(service: "gw", namespace: "istio-system", timeout: 30)
        XCTAssertEqual(address, "172.18.255.10")
        XCTAssertEqual(transport.requests.count, 5)
        XCTAssertEqual(clock.sleeps, [1, 1])
    }

    func testTimeoutSaysWhatWasAwaitedAndWhatWasLastSeen() throws {
        let transport = ScriptedTransport([.respond(Fixtures.coreV1)], fallback: .respond(Self.list([Self.service()])))
        XCTAssertThrowsError(
            try client(transport).waitForLoadBalancerAddress(service: "gw", namespace: "istio-system", timeout: 5)
        ) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .waitTimedOut)
            XCTAssertEqual(
                error?.description,
                "west (context kind-west): timed out after 5s waiting for Service istio-system/gw to get a load balancer address; last seen: no ingress address yet")
            XCTAssertNotNil(error?.hint)
        }
    }

    func testImpossibleWaitFailsAtOnce() throws {
        let transport = ScriptedTransport([.respond(Fixtures.coreV1), .respond(Self.list([Self.service(type: "ClusterIP")]))])
        XCTAssertThrowsError(
            try client(transport).waitForLoadBalancerAddress(service: "gw", namespace: "istio-system", timeout: 5)
        ) { error in
            XCTAssertEqual((error as? KubeError)?.kind, .waitFailed)
            XCTAssertEqual(
                (error as? KubeError)?.message,
                "Service istio-system/gw to get a load balancer address: it is of type ClusterIP, not LoadBalancer")
        }
    }

    // MARK: Conditions

    func testRolloutCondition() throws {
        func check(_ json: String) throws -> String {
            switch WaitConditions.rolledOut(try JSONText.decode(json)) {
            case .satisfied: return "done"
            case .pending(let state): return state
            case .failed(let message, _): return "failed: \(message)"
            }
        }
        XCTAssertEqual(
            try check(#"{"metadata":{"generation":2},"spec":{"replicas":2},"status":{"observedGeneration":1}}"#),
            "waiting for the controller to observe the new spec")
        XCTAssertEqual(
            try check(#"{"metadata":{"generation":2},"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":2,"updatedReplicas":1}}"#),
            "1 of 2 replicas updated")
        XCTAssertEqual(
            try check(#"{"metadata":{"generation":2},"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":3,"updatedReplicas":2,"availableReplicas":2}}"#),
            "1 old replicas pending termination")
        XCTAssertEqual(
            try check(#"{"metadata":{"generation":2},"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":1}}"#),
            "1 of 2 updated replicas available")
        XCTAssertEqual(
            try check(#"{"metadata":{"generation":2},"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":2}}"#),
            "done")
        XCTAssertEqual(
            try check(#"{"metadata":{"generation":1},"spec":{},"status":{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"availableReplicas":1}}"#),
            "done")
        XCTAssertTrue(
            try check(#"{"metadata":{"generation":1},"status":{"observedGeneration":1,"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"too slow"}]}}"#)
                .hasPrefix("failed: it exceeded its progress deadline"))
    }

    func testEstablishedCondition() throws {
        func state(_ json: String?) throws -> String {
            switch WaitConditions.established(try json.map(JSONText.decode)) {
            case .satisfied: return "done"
            case .pending(let state): return state
            case .failed(let message, _): return "failed: \(message)"
            }
        }
        XCTAssertEqual(try state(nil), "does not exist yet")
        XCTAssertEqual(try state(#"{"status":{}}"#), "no Established condition yet")
        XCTAssertEqual(try state(#"{"status":{"conditions":[{"type":"Established","status":"True"}]}}"#), "done")
        XCTAssertEqual(
            try state(#"{"status":{"conditions":[{"type":"NamesAccepted","status":"False","message":"plural taken"}]}}"#),
            "failed: its names were not accepted: plural taken")
    }

    func testServiceAccountTokenCondition() throws {
        func state(_ json: String) throws -> String {
            switch WaitConditions.serviceAccountToken(try JSONText.decode(json)) {
            case .satisfied(let secret): return "\(secret.token) \(String(decoding: secret.certificateAuthority, as: UTF8.self))"
            case .pending(let state): return state
            case .failed(let message, _): return "failed: \(message)"
            }
        }
        XCTAssertEqual(try state(#"{"data":{}}"#), "no token yet")
        XCTAssertEqual(try state(#"{"data":{"token":"dG9r"}}"#), "no ca.crt yet")
        XCTAssertEqual(try state(#"{"data":{"token":"dG9r","ca.crt":"Q0E="}}"#), "tok CA")
    }
}
