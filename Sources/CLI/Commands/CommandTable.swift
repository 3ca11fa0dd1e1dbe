/// The one table of commands. Parsing, `--help`, `help COMMAND`, `__complete`
/// (and so both completion scripts and kubectl's plugin completion) and the man
/// page test all read it, so they cannot drift apart.
///
/// # Adding a command
///
/// 1. Write `Sources/CLI/Commands/<Name>Command.swift` with a type conforming to
///    `Command`:
///
///    ```swift
///    struct StatusCommand: Command {
///        static let primary = FlagSpec("primary", placeholder: "CONTEXT", kind: .context,
///                                      help: "Context of the primary cluster.")
///        static let output = FlagSpec("output", short: "o", placeholder: "FORMAT",
///                                     kind: .choice(["text", "json"]), help: "Output format.")
///        static let spec = CommandSpec(
///            name: "status", summary: "show the mesh seen from its primary",
///            discussion: "Longer text for --help and the man page.",
///            flags: [primary, output],
///            examples: [Example("Show the mesh of kind-east", "kubectl mesh status --primary kind-east")])
///
///        let target: ResolvedContext
///        let format: String
///        // complete: defaults, kubeconfig
///        init(arguments: ParsedArguments, invocation: Invocation) throws {
///            let kubeconfig = try invocation.loadKubeconfig(arguments)
///            target = try kubeconfig.resolve(context: arguments.value(Self.primary))
///            format = arguments.value(Self.output) ?? "text"
///        }
///        func validate() throws { … }           // every check before any work
///        func run(invocation: Invocation) throws { … invocation.output.line(…) }
///    }
///    ```
///
///    Flag kinds drive completion: `.context` (kubeconfig contexts), `.file(extensions:)`,
///    `.directory`, `.choice([...])` (checked while parsing), `.contextAssignment(kind)` for
///    `CTX=VALUE` flags such as `--cluster-name`, `.text`. Repeatable flags set
///    `repeatable: true` and are read with `arguments.values(flag)` (or `assignments(flag)`);
///    switches are `FlagSpec.switch(...)` read with `isOn`. Positional arguments are
///    `ArgumentSpec`s read with `arguments.argument(spec)`.
/// 2. Add the type to `CommandTable.commands` below (the order is the order of help).
/// 3. Document the command and each of its flags in `man/kubectl-mesh.1` (a test compares
///    them with this table), and mention it in README.md.
///
/// Errors: throw `UsageError` for a bad command line (exit 2); anything else exits 1.
/// Make your module's error type conform to `ReportableError` (in `Errors/`) to give a hint.
public enum CommandTable {
    /// Every command, in the order help lists them.
    public static var commands: [any Command.Type] {
        [
            JoinRemoteCommand.self,
            StatusCommand.self,
            LeaveCommand.self,
            RemoveRevisionCommand.self,
            CreateRemoteSecretCommand.self,
            TemplateCommand.self,
            ContextsCommand.self,
            VersionCommand.self,
            CompletionCommand.self,
            HelpCommand.self,
        ]
    }

    public static var specs: [CommandSpec] { commands.map { $0.spec } }

    /// The commands a user sees (hidden ones left out).
    public static var visibleSpecs: [CommandSpec] { specs.filter { !$0.hidden } }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.spec.name == name }
    }
}
