/// When and how often a failed request is sent again.
///
/// Retried: 429 (always: the server did not process the request), 5xx other
/// than 501, and transient transport failures (refused or reset connections,
/// timeouts) — but a request that is not safe to repeat (a plain create) only
/// when it surely never reached the server. Waits grow exponentially with
/// jitter, a server's `Retry-After` is honoured, and no retry starts once
/// `totalBudget` seconds have passed since the first attempt.
public struct RetryPolicy: Sendable, Equatable {
    public var maximumAttempts: Int
    public var initialDelay: Double
    public var maximumDelay: Double
    public var totalBudget: Double

    public init(maximumAttempts: Int = 6, initialDelay: Double = 0.2, maximumDelay: Double = 5, totalBudget: Double = 30) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.totalBudget = totalBudget
    }

    /// One attempt, no retries.
    public static let never = RetryPolicy(maximumAttempts: 1)

    /// The pause before attempt `attempt + 1` (attempt counts from 1), with
    /// "equal jitter": half fixed, half random, so clients that failed together
    /// do not come back together. `random` is in [0, 1).
    public func backoff(afterAttempt attempt: Int, random: Double) -> Double {
        let exponential = initialDelay * Double(1 << min(attempt - 1, 20))
        let capped = min(maximumDelay, exponential)
        return capped / 2 + capped / 2 * random
    }

    /// Whether a response status is worth another attempt.
    static func isRetryable(status: Int, idempotent: Bool) -> Bool {
        if status == 429 { return true }
        return idempotent && status >= 500 && status != 501
    }

    static func isRetryable(_ error: TransportError, idempotent: Bool) -> Bool {
        guard error.isTransient else { return false }
        return idempotent || !error.requestMayHaveBeenSent
    }

    /// Seconds from a `Retry-After` header: delta-seconds or an HTTP date.
    static func retryAfter(_ header: String?, now: Double) -> Double? {
        guard let header = header?.trimmingWhitespace(), !header.isEmpty else { return nil }
        if let seconds = Double(header), seconds >= 0 { return seconds }
        if let date = HTTPDate.parse(header) { return max(0, date - now) }
        return nil
    }
}
