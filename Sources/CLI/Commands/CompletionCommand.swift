/// `kubectl mesh completion bash|zsh`: prints the completion script for
/// `kubectl-mesh <TAB>`. (`kubectl mesh <TAB>` completes through kubectl and the
/// `kubectl_complete-mesh` helper instead.) Both scripts ask the program itself
/// (`kubectl-mesh __complete …`), so they never go stale.
struct CompletionCommand: Command {
    static let shell = ArgumentSpec(
        "SHELL", kind: .choice([Choice("bash", help: "bash 4 or later"), Choice("zsh", help: "zsh 5 or later")]),
        help: "The shell: bash or zsh.")

    static let spec = CommandSpec(
        name: "completion",
        summary: "print the shell completion script for bash or zsh",
        discussion: """
            Prints a script that completes kubectl-mesh's commands, flags, kubeconfig contexts \
            and flag values. install.sh installs both scripts; to load one by hand:

            bash: source <(kubectl-mesh completion bash)

            zsh: kubectl-mesh completion zsh > "${fpath[1]}/_kubectl-mesh" (then start a new shell)

            For `kubectl mesh <TAB>`, put kubectl_complete-mesh (from completions/) on PATH; \
            kubectl 1.26 and later run it.
            """,
        arguments: [shell],
        examples: [
            Example("Load bash completion into the current shell", "source <(kubectl-mesh completion bash)"),
            Example("Install zsh completion", "kubectl-mesh completion zsh > ~/.zfunc/_kubectl-mesh"),
        ])

    let script: String

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        script = arguments.argument(Self.shell) == "zsh" ? CompletionScripts.zsh : CompletionScripts.bash
    }

    func run(invocation: Invocation) throws {
        invocation.output.write(script)
    }
}
