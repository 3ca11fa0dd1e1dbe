import Foundation
import Kube
import Synchronization
import YAML

/// A clock whose time moves only when someone sleeps on it; records every sleep.
final class ManualClock: KubeClock {
    private struct State {
        var monotonic: Double = 1000
        var wall = Date(timeIntervalSince1970: 1_700_000_000)
        var sleeps: [Double] = []
    }
    private let state = Mutex(State())

    func monotonicSeconds() -> Double { state.withLock { $0.monotonic } }
    func now() -> Date { state.withLock { $0.wall } }
    func sleep(seconds: Double) {
        state.withLock {
            $0.sleeps.append(seconds)
            $0.monotonic += seconds
            $0.wall += seconds
        }
    }
    func advance(_ seconds: Double) {
        state.withLock {
            $0.monotonic += seconds
            $0.wall += seconds
        }
    }
    var sleeps: [Double] { state.withLock { $0.sleeps } }
}

/// A transport that answers from a script and records what it was asked.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case respond(HTTPResponse)
        case fail(TransportError)
    }
    struct Sent: Sendable {
        var request: HTTPRequest
        var credentials: RequestCredentials
    }

    private let steps: Mutex<[Step]>
    private let sent = Mutex<[Sent]>([])
    /// What to answer once the script is used up.
    private let fallback: Step

    init(_ steps: [Step], fallback: Step = .respond(HTTPResponse(status: 599))) {
        self.steps = Mutex(steps)
        self.fallback = fallback
    }

    var requests: [Sent] { sent.withLock { $0 } }

    func perform(_ request: HTTPRequest, credentials: RequestCredentials, streamBody: (([UInt8]) -> Bool)?)
        throws(TransportError) -> HTTPResponse
    {
        sent.withLock { $0.append(Sent(request: request, credentials: credentials)) }
        let step = steps.withLock { $0.isEmpty ? fallback : $0.removeFirst() }
        switch step {
        case .respond(let response):
            if let streamBody, (200..<300).contains(response.status) {
                _ = streamBody(response.body)
                return HTTPResponse(status: response.status, headers: response.headers, body: [])
            }
            return response
        case .fail(let error):
            throw error
        }
    }
}

extension HTTPResponse {
    static func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers.merging(["content-type": "application/json"]) { a, _ in a },
                     body: Array(text.utf8))
    }

    static func status(_ code: Int, reason: String, message: String, headers: [String: String] = [:]) -> HTTPResponse {
        json(code, #"{"kind":"Status","apiVersion":"v1","status":"Failure","code":\#(code),"reason":"\#(reason)","message":"\#(message)"}"#,
             headers: headers)
    }
}

/// Records the programs it is asked to run and answers from a closure.
final class FakeProcessRunner: ProcessRunner {
    private let answer: @Sendable (ProcessInvocation) throws -> ProcessOutput
    private let runs = Mutex<[ProcessInvocation]>([])

    init(_ answer: @escaping @Sendable (ProcessInvocation) throws -> ProcessOutput) {
        self.answer = answer
    }

    var invocations: [ProcessInvocation] { runs.withLock { $0 } }

    func run(_ invocation: ProcessInvocation) throws -> ProcessOutput {
        runs.withLock { $0.append(invocation) }
        return try answer(invocation)
    }
}

enum Fixtures {
    static func context(
        server: String = "https://127.0.0.1:6443", cluster: KubeCluster? = nil, user: KubeUser = KubeUser(token: "t0k3n"),
        name: String = "kind-west", namespace: String? = nil
    ) -> ResolvedContext {
        ResolvedContext(
            name: name, context: KubeContext(cluster: name, user: "\(name)-admin", namespace: namespace),
            cluster: cluster ?? KubeCluster(server: server), user: user)
    }

    static func environment(
        clock: ManualClock = ManualClock(), variables: [String: String] = ["PATH": "/usr/bin:/bin"],
        processRunner: any ProcessRunner = SystemProcessRunner(), stdinIsTerminal: Bool = false
    ) -> KubeEnvironment {
        KubeEnvironment(
            variables: variables, clock: clock, processRunner: processRunner, stdinIsTerminal: stdinIsTerminal,
            random: { 0.5 })
    }

    /// A discovery answer for /api/v1 with the kinds the tests use.
    static let coreV1 = HTTPResponse.json(200, """
        {"kind":"APIResourceList","groupVersion":"v1","resources":[
        {"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["create","delete","get","list","patch","update","watch"]},
        {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["get","list"]},
        {"name":"namespaces/status","singularName":"","namespaced":false,"kind":"Namespace","verbs":["get"]},
        {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list","watch"]},
        {"name":"services","singularName":"service","namespaced":true,"kind":"Service","verbs":["get","list","watch"]},
        {"name":"serviceaccounts","singularName":"serviceaccount","namespaced":true,"kind":"ServiceAccount","verbs":["get"]}
        ]}
        """)
}

/// A transport that answers each request with a closure (safe for concurrent use).
final class RoutingTransport: HTTPTransport {
    private let route: @Sendable (HTTPRequest) -> HTTPResponse
    private let sent = Mutex<[HTTPRequest]>([])

    init(_ route: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.route = route
    }

    var requests: [HTTPRequest] { sent.withLock { $0 } }

    func perform(_ request: HTTPRequest, credentials: RequestCredentials, streamBody: (([UInt8]) -> Bool)?)
        throws(TransportError) -> HTTPResponse
    {
        sent.withLock { $0.append(request) }
        return route(request)
    }
}
