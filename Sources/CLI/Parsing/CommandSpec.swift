/// A positional argument of a command (`CHART_DIR`, `COMMAND`).
public struct ArgumentSpec: Sendable, Equatable {
    public enum Arity: Sendable, Equatable {
        case required
        case optional
        /// Zero or more; only the last argument may be variadic.
        case variadic
    }
    public var name: String
    public var kind: ValueKind
    public var arity: Arity
    public var help: String

    public init(_ name: String, kind: ValueKind = .text, arity: Arity = .required, help: String) {
        self.name = name
        self.kind = kind
        self.arity = arity
        self.help = help
    }
}

/// An example shown by `--help` and the man page.
public struct Example: Sendable, Equatable {
    /// What the example does, one line.
    public var purpose: String
    /// The command line, starting with `kubectl mesh`.
    public var commandLine: String

    public init(_ purpose: String, _ commandLine: String) {
        self.purpose = purpose
        self.commandLine = commandLine
    }
}

/// Everything about a command that parsing, `--help`, `__complete`, the
/// completion scripts and the man page check need. Each command declares one
/// (`static let spec`); the command table lists the commands.
public struct CommandSpec: Sendable, Equatable {
    public var name: String
    /// One line, lower case, no final period: shown in command lists and completion.
    public var summary: String
    /// Paragraphs for `--help`, separated by blank lines.
    public var discussion: String
    public var arguments: [ArgumentSpec]
    /// The command's own flags; the global flags come on top.
    public var flags: [FlagSpec]
    public var examples: [Example]
    /// Left out of help, completion and the man page (`__complete`).
    public var hidden: Bool

    public init(name: String, summary: String, discussion: String = "", arguments: [ArgumentSpec] = [],
                flags: [FlagSpec] = [], examples: [Example] = [], hidden: Bool = false) {
        self.name = name
        self.summary = summary
        self.discussion = discussion
        self.arguments = arguments
        self.flags = flags
        self.examples = examples
        self.hidden = hidden
    }

    /// The command's flags followed by the global ones.
    public var allFlags: [FlagSpec] { flags + GlobalFlags.all }

    public func flag(named name: String) -> FlagSpec? {
        allFlags.first { $0.name == name }
    }

    public func flag(short: Character) -> FlagSpec? {
        allFlags.first { $0.short == short }
    }

    /// `kubectl mesh contexts [-o FORMAT]`-style line for help and the man page.
    public var usageLine: String {
        var parts = ["\(ProgramName.display) \(name)"]
        for argument in arguments {
            switch argument.arity {
            case .required: parts.append(argument.name)
            case .optional: parts.append("[\(argument.name)]")
            case .variadic: parts.append("[\(argument.name)...]")
            }
        }
        if !allFlags.isEmpty { parts.append("[flags]") }
        return parts.joined(separator: " ")
    }
}

/// How the program names itself in messages. kubectl runs the same binary for
/// `kubectl mesh …`, so help speaks of `kubectl mesh`; `kubectl-mesh …` works too.
public enum ProgramName {
    public static let display = "kubectl mesh"
    public static let executable = "kubectl-mesh"
    /// The helper kubectl ≥ 1.26 runs to complete `kubectl mesh <TAB>`.
    public static let pluginCompleter = "kubectl_complete-mesh"
}
