import YAML

/// A client for one Kubernetes API server, built from a kubeconfig context.
///
/// Calls block the calling thread and are safe from several threads at once:
/// each request takes its own pooled connection. Use one client per cluster;
/// clients of different clusters share nothing, so two clusters can be
/// driven concurrently (e.g. from two Dispatch work items).
public final class KubeClient: Sendable {
    public let context: ResolvedContext
    public let options: KubeClientOptions
    /// Names the cluster, context, server and user in every error.
    public let origin: KubeError.Origin
    /// The namespace of the context (`default` when it names none), used for
    /// namespaced objects that do not say their namespace.
    public let defaultNamespace: String

    let environment: KubeEnvironment
    let transport: any HTTPTransport
    let settings: ConnectionSettings
    let credentials: CredentialProvider
    let discovery = Discovery()

    /// A client on libcurl for `context`.
    public convenience init(
        context: ResolvedContext, environment: KubeEnvironment, options: KubeClientOptions = KubeClientOptions()
    ) throws(KubeError) {
        let origin = KubeError.Origin(context: context, displayName: options.clusterName)
        let settings = try KubeClient.settings(for: context, environment: environment, options: options, origin: origin)
        try self.init(
            context: context, environment: environment, options: options,
            transport: CurlTransport(settings: settings, userAgent: options.userAgent), settings: settings)
    }

    /// A client that sends its requests through `transport` (tests substitute one).
    public init(
        context: ResolvedContext, environment: KubeEnvironment, options: KubeClientOptions,
        transport: any HTTPTransport, settings: ConnectionSettings? = nil
    ) throws(KubeError) {
        let origin = KubeError.Origin(context: context, displayName: options.clusterName)
        self.context = context
        self.options = options
        self.origin = origin
        self.defaultNamespace = context.namespace
        self.environment = environment
        self.transport = transport
        if let settings {
            self.settings = settings
        } else {
            self.settings = try KubeClient.settings(
                for: context, environment: environment, options: options, origin: origin)
        }
        self.credentials = try CredentialProvider(context: context, environment: environment, origin: origin)
    }

    private static func settings(
        for context: ResolvedContext, environment: KubeEnvironment, options: KubeClientOptions,
        origin: KubeError.Origin
    ) throws(KubeError) -> ConnectionSettings {
        do {
            return try ConnectionSettings(
                cluster: context.cluster, variables: environment.variables, connectTimeout: options.connectTimeout,
                requestTimeout: options.requestTimeout)
        } catch {
            switch error {
            case .badServerURL(let server, let problem):
                let why: String
                switch problem {
                case .notAURL: why = "it is not an http(s) URL"
                case .unsupportedScheme(let scheme): why = "the scheme \(scheme) is not http or https"
                case .badPort(let port): why = "\"\(port)\" is not a port number"
                }
                throw KubeError(
                    origin: origin, kind: .configuration,
                    message: "cluster \"\(origin.clusterEntry)\" has the server \"\(URLDisplay.redacted(server))\": \(why)",
                    hint: "fix clusters[].cluster.server in the kubeconfig")
            case .insecureWithCertificateAuthority:
                throw KubeError(
                    origin: origin, kind: .configuration,
                    message: "cluster \"\(origin.clusterEntry)\" sets insecure-skip-tls-verify together with a CA",
                    hint: "remove one of them: a CA to verify the server, or insecure-skip-tls-verify to not verify it")
            }
        }
    }

    // MARK: Sending

    /// Sends `request`, renewing credentials once after a 401 and retrying
    /// per `retry`; returns the 2xx response or throws the failure as a `KubeError`.
    ///
    /// `idempotent`: whether sending the request twice has the effect of sending
    /// it once (GET, DELETE, server-side apply, merge patch, reviews).
    func send(
        _ request: HTTPRequest, idempotent: Bool, retry: RetryPolicy? = nil,
        streamBody: ((_ chunk: [UInt8]) -> Bool)? = nil
    ) throws(KubeError) -> HTTPResponse {
        var request = request
        request.resendable = idempotent
        let policy = retry ?? options.retry
        let clock = environment.clock
        let started = clock.monotonicSeconds()
        var attempt = 0
        var renewedCredentials = false
        // Once a stream has delivered data, repeating the request would deliver it again.
        var streamed = false
        let stream = streamBody.map { consumer in
            { (chunk: [UInt8]) -> Bool in
                streamed = true
                return consumer(chunk)
            }
        }
        while true {
            attempt += 1
            let presented = try credentials.current()
            let pause: Double
            let outcome: Result<HTTPResponse, TransportError>
            do {
                outcome = .success(try transport.perform(request, credentials: presented, streamBody: stream))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let response):
                if (200..<300).contains(response.status) { return response }
                if response.status == 401 && !renewedCredentials {
                    renewedCredentials = true
                    if try credentials.renew(after: presented) {
                        attempt -= 1
                        continue
                    }
                }
                let failure = failure(for: response, request: request, attempts: attempt, since: started)
                guard RetryPolicy.isRetryable(status: response.status, idempotent: idempotent) else { throw failure }
                let retryAfter = RetryPolicy.retryAfter(
                    response[header: "retry-after"], now: clock.now().timeIntervalSince1970)
                pause = retryAfter ?? policy.backoff(afterAttempt: attempt, random: environment.random())
                guard attempt < policy.maximumAttempts,
                    clock.monotonicSeconds() + pause - started <= policy.totalBudget
                else { throw failure }
            case .failure(let error):
                var failure = TransportErrorMessage.make(error, request: request, settings: settings, origin: origin)
                if attempt > 1 { failure.message += gaveUp(attempts: attempt, since: started) }
                guard RetryPolicy.isRetryable(error, idempotent: idempotent), !streamed else { throw failure }
                pause = policy.backoff(afterAttempt: attempt, random: environment.random())
                guard attempt < policy.maximumAttempts,
                    clock.monotonicSeconds() + pause - started <= policy.totalBudget
                else { throw failure }
            }
            clock.sleep(seconds: pause)
        }
    }

    private func failure(for response: HTTPResponse, request: HTTPRequest, attempts: Int, since started: Double)
        -> KubeError
    {
        var error = StatusError.make(response: response, request: request, origin: origin)
        if response.status == 401 { error.hint = credentials.unauthorizedHint }
        if attempts > 1 { error.message += gaveUp(attempts: attempts, since: started) }
        return error
    }

    private func gaveUp(attempts: Int, since started: Double) -> String {
        let elapsed = environment.clock.monotonicSeconds() - started
        return "; gave up after \(attempts) attempts in \(Self.formatSeconds(elapsed))"
    }

    /// `5s`, `1.5s`, `42s`: durations in messages.
    static func formatSeconds(_ seconds: Double) -> String {
        let tenths = (seconds * 10).rounded() / 10
        if seconds >= 10 || tenths == tenths.rounded() { return "\(Int(seconds.rounded()))s" }
        return "\(tenths)s"
    }

    /// Sends and decodes a JSON answer.
    func sendJSON(_ request: HTTPRequest, idempotent: Bool) throws(KubeError) -> Value {
        let response = try send(request, idempotent: idempotent)
        return try decode(response, request: request)
    }

    /// The JSON body of a request carrying `value`.
    func body(_ value: Value) throws(KubeError) -> [UInt8] {
        do {
            return try KubeJSON.encode(value)
        } catch {
            throw KubeError(origin: origin, kind: .invalidObject, message: "an object cannot be sent as JSON: \(error.message)")
        }
    }

    func decode(_ response: HTTPResponse, request: HTTPRequest) throws(KubeError) -> Value {
        do {
            return try KubeJSON.decode(response.body)
        } catch {
            throw KubeError(
                origin: origin, kind: .invalidResponse,
                message: "\(request.summary): the server's answer is not JSON (\(error.message))",
                request: request.summary)
        }
    }
}
