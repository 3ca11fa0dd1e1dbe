import Foundation

/// Everything from the outside world the client depends on, passed in rather
/// than read globally: environment variables (proxies, PATH and the parent
/// environment of exec plugins), the clock, how processes are started, and
/// whether a person sits at the terminal (for interactive exec plugins).
public struct KubeEnvironment: Sendable {
    public var variables: [String: String]
    public var clock: any KubeClock
    public var processRunner: any ProcessRunner
    /// True when standard input is a terminal, so an exec plugin may prompt.
    public var stdinIsTerminal: Bool
    /// A number in [0, 1) for backoff jitter; fixed in tests.
    public var random: @Sendable () -> Double

    public init(
        variables: [String: String],
        clock: any KubeClock = SystemClock(),
        processRunner: any ProcessRunner = SystemProcessRunner(),
        stdinIsTerminal: Bool = false,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.variables = variables
        self.clock = clock
        self.processRunner = processRunner
        self.stdinIsTerminal = stdinIsTerminal
        self.random = random
    }

    /// The environment of the running process. Call this once, at the entry
    /// point, and pass the result down.
    public static func ofCurrentProcess() -> KubeEnvironment {
        KubeEnvironment(
            variables: ProcessInfo.processInfo.environment,
            stdinIsTerminal: isatty(STDIN_FILENO) == 1
        )
    }

    /// A variable looked up by any of `names`, first match wins, empty values skipped
    /// (proxy variables come in upper and lower case).
    func firstVariable(_ names: String...) -> String? {
        for name in names {
            if let value = variables[name], !value.isEmpty { return value }
        }
        return nil
    }
}
