/// What a flag's or argument's value is, so that parsing can check it and
/// completion can offer candidates (`kubectl mesh join-remote --primary <TAB>`).
public indirect enum ValueKind: Sendable, Equatable {
    /// Free text: nothing to offer.
    case text
    /// A kubeconfig context name, offered from the kubeconfig the command line names.
    case context
    /// A file; completion lets the shell complete paths, keeping only these
    /// extensions (without the dot) when the list is not empty.
    case file(extensions: [String])
    /// A directory; completion offers directories only.
    case directory
    /// One of a fixed set of values, checked while parsing.
    case choice([Choice])
    /// `CONTEXT=VALUE`: a context name, `=`, then a value of the inner kind
    /// (`--cluster-name kind-east=east`). Parsing checks the `=`.
    case contextAssignment(ValueKind)
    /// The name of a command of this program (`help COMMAND`).
    case command
}

/// One allowed value of a `.choice` flag, with the line completion shows beside it.
public struct Choice: Sendable, Equatable, ExpressibleByStringLiteral {
    public var value: String
    public var help: String

    public init(_ value: String, help: String = "") {
        self.value = value
        self.help = help
    }

    public init(stringLiteral value: String) { self.init(value) }
}

/// A flag a command accepts: `--name VALUE`, `--name=VALUE`, `-s VALUE`, `-sVALUE`,
/// or a switch (`--dry-run`, `--dry-run=false`).
public struct FlagSpec: Sendable, Equatable {
    /// The long name, without dashes (`kubeconfig`).
    public var name: String
    /// The one-letter short form, if any (`o` for `-o`).
    public var short: Character?
    /// Placeholder for the value in help (`FILE`); nil for a switch.
    public var placeholder: String?
    public var kind: ValueKind
    /// May be given more than once (`--set a=1 --set b=2`); otherwise a second use is an error.
    public var repeatable: Bool
    /// One sentence for `--help`, completion and the man page.
    public var help: String

    /// A flag that takes a value.
    public init(_ name: String, short: Character? = nil, placeholder: String, kind: ValueKind = .text,
                repeatable: Bool = false, help: String) {
        self.name = name
        self.short = short
        self.placeholder = placeholder
        self.kind = kind
        self.repeatable = repeatable
        self.help = help
    }

    /// A switch: present or not (`--dry-run`), or `--dry-run=true|false`.
    public static func `switch`(_ name: String, short: Character? = nil, help: String) -> FlagSpec {
        var flag = FlagSpec(name, short: short, placeholder: "", help: help)
        flag.placeholder = nil
        return flag
    }

    public var takesValue: Bool { placeholder != nil }

    /// `-o, --output FORMAT` as help and the man page show it.
    public var synopsis: String {
        var text = "--\(name)"
        if let placeholder { text += " \(placeholder)" }
        return text
    }
}
