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

    /// `; did you mean "X"?` or nothing. With `caseOnly` (one-letter flags, where
    /// every letter is one edit from every other) only a change of case counts.
    static func suggestion(for word: String, among candidates: [String], caseOnly: Bool = false) -> String {
        let best = caseOnly ? candidates.first { $0 != word && $0.lowercased() == word.lowercased() }
            : Spelling.closest(to: word, among: candidates)
        guard let best else { return "" }
        return "; did you mean \"\(best)\"?"
    }
}
