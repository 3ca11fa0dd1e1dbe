/// A subcommand, written in kubectl's pattern: the options are *completed*
/// (`init`: defaults filled in, kubeconfig read), *validated* (every error found
/// before any work starts), then *run*. Output goes through `invocation.output`;
/// `-o` picks a printer. Throw `UsageError` for a wrong command line (exit 2) and
/// any other error for a failure (exit 1; see `ReportableError` for hints).
public protocol Command {
    /// The declaration that parsing, `--help`, completion and the man page use.
    static var spec: CommandSpec { get }
    /// Complete: turns parsed arguments into the command's options.
    init(arguments: ParsedArguments, invocation: Invocation) throws
    /// Validate: checks everything that can be checked before the work starts.
    func validate() throws
    /// Run: does the work.
    func run(invocation: Invocation) throws
}

extension Command {
    public func validate() throws {}
}
