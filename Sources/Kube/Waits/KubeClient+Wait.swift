import YAML

extension KubeClient {
    /// Waits until every named object of `kind` in `namespace` passes `check`,
    /// or `timeout` seconds pass. `check` sees nil while an object does not exist.
    ///
    /// Lists the objects, then watches for changes from that list's
    /// resourceVersion; falls back to polling every `pollInterval` seconds when
    /// the watch cannot be used (not allowed, or broken). Reports each new
    /// state through `progress`. On timeout the error says what was waited for
    /// and what was last seen.
    public func wait<Outcome: Sendable>(
        for target: String, kind: GroupVersionKind, names: [String], namespace: String? = nil, timeout: Double,
        pollInterval: Double = 1, timeoutHint: String? = nil, progress: (WaitProgress) -> Void = { _ in },
        check: (Value?) -> WaitCheck<Outcome>
    ) throws(KubeError) -> [String: Outcome] {
        let clock = environment.clock
        let started = clock.monotonicSeconds()
        let wanted = Set(names)
        var objects = [String: Value]()
        var outcomes = [String: Outcome]()
        var lastState = ""
        var failure: KubeError?

        // Re-evaluates everything; returns true when the wait is over (done or failed).
        func evaluate() -> Bool {
            var pending = [String]()
            for name in names {
                switch check(objects[name]) {
                case .satisfied(let outcome):
                    outcomes[name] = outcome
                case .pending(let state):
                    outcomes[name] = nil
                    pending.append(names.count > 1 ? "\(name): \(state)" : state)
                case .failed(let message, let hint):
                    failure = KubeError(
                        origin: origin, kind: .waitFailed, message: "\(target): \(message)", hint: hint)
                    return true
                }
            }
            if pending.isEmpty { return true }
            let state = pending.count > 3 ? "\(pending.count) of \(names.count) pending; \(pending[0])" : pending.joined(separator: "; ")
            if state != lastState {
                lastState = state
                progress(WaitProgress(target: target, state: state, elapsed: clock.monotonicSeconds() - started))
            }
            return false
        }

        let singleName = names.count == 1 ? names[0] : nil
        var watchUsable = true
        while true {
            let listed = try list(
                kind, namespace: namespace, fieldSelector: singleName.map { "metadata.name=\($0)" })
            objects = [:]
            for item in listed.items {
                if let name = item["metadata"]?["name"]?.string, wanted.contains(name) { objects[name] = item }
            }
            if evaluate() { break }
            let remaining = started + timeout - clock.monotonicSeconds()
            if remaining <= 0 { throw timedOut(target, after: timeout, lastState: lastState, hint: timeoutHint) }

            if watchUsable {
                let watchStarted = clock.monotonicSeconds()
                do {
                    var over = false
                    try watch(
                        kind, namespace: namespace, name: singleName, resourceVersion: listed.resourceVersion,
                        timeout: remaining
                    ) { event in
                        guard let name = event.object["metadata"]?["name"]?.string, wanted.contains(name) else {
                            return .proceed
                        }
                        objects[name] = event.kind == .deleted ? nil : event.object
                        over = evaluate()
                        return over ? .stop : .proceed
                    }
                    if over { break }
                } catch {
                    // 410 Gone: the list is too old to watch from; list again. Anything else: poll.
                    if error.statusCode != 410 { watchUsable = false }
                }
                // A watch the server ends at once must not turn into a busy loop of lists.
                let watched = clock.monotonicSeconds() - watchStarted
                let left = started + timeout - clock.monotonicSeconds()
                if watched < pollInterval && left > 0 { clock.sleep(seconds: min(pollInterval - watched, left)) }
            } else {
                clock.sleep(seconds: min(pollInterval, max(0, remaining)))
            }
        }
        if let failure { throw failure }
        return outcomes
    }

    private func timedOut(_ target: String, after timeout: Double, lastState: String, hint: String?) -> KubeError {
        var message = "timed out after \(KubeClient.formatSeconds(timeout)) waiting for \(target)"
        if !lastState.isEmpty { message += "; last seen: \(lastState)" }
        return KubeError(origin: origin, kind: .waitTimedOut, message: message, hint: hint)
    }
}
