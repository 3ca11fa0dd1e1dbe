/// The result of parsing a command line against a command's spec: flag values
/// by long name, positional arguments in order. Values are already checked
/// against their kinds (choices, `CONTEXT=VALUE`).
public struct ParsedArguments: Sendable, Equatable {
    public let command: CommandSpec
    /// Flag values by long name, in the order given. A switch holds "true" or "false".
    let values: [String: [String]]
    public let positionals: [String]

    init(command: CommandSpec, values: [String: [String]], positionals: [String]) {
        self.command = command
        self.values = values
        self.positionals = positionals
    }

    /// The value of a single-valued flag, nil when not given.
    public func value(_ flag: FlagSpec) -> String? { values[flag.name]?.last }

    /// Every value of a repeatable flag, in command-line order.
    public func values(_ flag: FlagSpec) -> [String] { values[flag.name] ?? [] }

    /// Whether a switch is on.
    public func isOn(_ flag: FlagSpec) -> Bool { values[flag.name]?.last == "true" }

    /// Whether the flag appeared at all (a switch given as `--x=false` counts).
    public func wasGiven(_ flag: FlagSpec) -> Bool { values[flag.name] != nil }

    /// The `CONTEXT=VALUE` pairs of a `.contextAssignment` flag, in order.
    public func assignments(_ flag: FlagSpec) -> [(context: String, value: String)] {
        values(flag).compactMap(Self.splitAssignment)
    }

    /// The value of a positional argument, nil when an optional one was left out.
    public func argument(_ argument: ArgumentSpec) -> String? {
        guard let index = command.arguments.firstIndex(of: argument), index < positionals.count else { return nil }
        return positionals[index]
    }

    /// The values of the variadic (last) argument.
    public func variadicArguments(_ argument: ArgumentSpec) -> [String] {
        guard let index = command.arguments.firstIndex(of: argument), index < positionals.count else { return [] }
        return Array(positionals[index...])
    }

    /// `--kubeconfig FILE`, when given.
    public var kubeconfigPath: String? { value(GlobalFlags.kubeconfig) }
    /// `--context NAME`, when given.
    public var contextName: String? { value(GlobalFlags.context) }

    static func splitAssignment(_ text: String) -> (context: String, value: String)? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }
}
