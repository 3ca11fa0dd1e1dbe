/// A report from a running wait, for the CLI to render ("waiting for
/// Deployment istio-system/istiod to roll out: 1 of 2 updated replicas available").
public struct WaitProgress: Sendable, Equatable {
    /// What is being waited for.
    public var target: String
    /// What was last seen, in words.
    public var state: String
    /// Seconds since the wait began.
    public var elapsed: Double

    public init(target: String, state: String, elapsed: Double) {
        self.target = target
        self.state = state
        self.elapsed = elapsed
    }
}

/// One object's standing in a wait.
public enum WaitCheck<Outcome: Sendable>: Sendable {
    /// The object is where it should be; the wait is over for it.
    case satisfied(Outcome)
    /// Not yet: what was seen, in words.
    case pending(String)
    /// It will never get there (e.g. a Deployment past its progress deadline).
    case failed(String, hint: String?)
}
