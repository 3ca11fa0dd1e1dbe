import Foundation

/// Time as the client sees it: a monotonic reading for deadlines and backoff,
/// wall time for credential expiry, and a way to wait. Injected so that tests
/// of retries and waits do not sleep for real.
public protocol KubeClock: Sendable {
    /// Seconds on a monotonic clock with an arbitrary origin.
    func monotonicSeconds() -> Double
    /// The current wall-clock time (exec credentials expire at wall-clock instants).
    func now() -> Date
    /// Blocks the calling thread for `seconds` (or pretends to, in tests).
    func sleep(seconds: Double)
}

/// The real clock.
public struct SystemClock: KubeClock {
    public init() {}

    public func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    public func now() -> Date { Date() }

    public func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}
