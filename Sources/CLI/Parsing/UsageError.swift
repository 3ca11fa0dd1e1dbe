import Kube

/// A command line the program cannot make sense of. Reported as one line that
/// names the problem (and the closest valid spelling), then a hint; exit status 2.
public struct UsageError: Error, Equatable, Sendable {
    public var message: String
    /// The command whose usage the hint points to; nil for the program itself.
    public var command: String?

    public init(_ message: String, command: String?) {
        self.message = message
        self.command = command
    }

    /// `hint: run "kubectl mesh contexts --help" for usage`.
    public var hint: String {
        if let command { return "run \"\(ProgramName.display) \(command) --help\" for usage" }
        return "run \"\(ProgramName.display) --help\" for usage"
    }

    /// `; did you mean "X"?` or nothing.
    static func suggestion(for word: String, among candidates: [String]) -> String {
        guard let best = Spelling.closest(to: word, among: candidates) else { return "" }
        return "; did you mean \"\(best)\"?"
    }
}
