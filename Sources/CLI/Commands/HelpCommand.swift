/// `kubectl mesh help [COMMAND]`: the same text as `--help`.
struct HelpCommand: Command {
    static let commandArgument = ArgumentSpec(
        "COMMAND", kind: .command, arity: .optional, help: "The command to explain; without it, the list of commands.")

    static let spec = CommandSpec(
        name: "help",
        summary: "show help for kubectl mesh or one of its commands",
        arguments: [commandArgument],
        examples: [Example("Explain the contexts command", "kubectl mesh help contexts")])

    let topic: CommandSpec?

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        let name = arguments.argument(Self.commandArgument)
        topic = name.flatMap { name in CommandTable.visibleSpecs.first { $0.name == name } }
    }

    func run(invocation: Invocation) throws {
        invocation.output.write(topic.map(HelpRenderer.commandHelp) ?? HelpRenderer.programHelp())
    }
}
